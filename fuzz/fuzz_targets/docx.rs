//! Any bytes as a Word .docx: a document or a clear error, never a panic, never
//! unbounded memory.
#![no_main]

use fzlint::input::docx::read_docx;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = read_docx(data) {
        let _ = doc.into_source("f.docx");
    }
});
