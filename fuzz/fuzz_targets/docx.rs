//! Any bytes as a Word .docx: a document or a clear error, never a panic, never
//! unbounded memory; a document read is linted with every rule and rendered.
#![no_main]

mod common;

use fzlint::Settings;
use fzlint::input::docx::read_docx;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = read_docx(data) {
        let src = doc.into_source("f.docx");
        common::lint_and_render(&src, &Settings::default());
    }
});
