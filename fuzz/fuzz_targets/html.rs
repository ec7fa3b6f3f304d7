//! Any bytes as an HTML page: the body's blocks or a clear error, never a panic; a page
//! read is linted with every rule and rendered.
#![no_main]

mod common;

use fzlint::Settings;
use fzlint::input::html::read_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = read_html(data, None) {
        let src = doc.into_source("f.html");
        let _ = src.place(src.text.len() / 2);
        common::lint_and_render(&src, &Settings::default());
    }
});
