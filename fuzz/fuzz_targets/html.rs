//! Any bytes as an HTML page: the body's blocks or a clear error, never a panic.
#![no_main]

use fzlint::input::html::read_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = read_html(data) {
        let src = doc.into_source("f.html");
        let _ = src.place(src.text.len() / 2);
    }
});
