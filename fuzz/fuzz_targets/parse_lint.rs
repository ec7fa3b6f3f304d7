//! Any bytes, read as a text report (any encoding), parsed, linted with every rule and
//! rendered in every format: nothing may panic or hang.
#![no_main]

mod common;

use fzlint::Settings;
use fzlint::input::from_bytes;
use fzlint::text::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the name (Markdown comments and headings are read only in
    // .md files) and a reported year given by settings.
    let (name, year) = match data.first() {
        Some(b) if b % 3 == 0 => ("r.md", None),
        Some(b) if b % 3 == 1 => ("r.txt", Some(2024)),
        _ => ("r.txt", None),
    };
    let Ok(src) = from_bytes(name, data, Format::Text) else {
        return;
    };
    let settings = Settings {
        reported_year: year,
        ..Settings::default()
    };
    let diags = common::lint_and_render(&src, &settings);
    let _ = fzlint::fix::apply(&src, &diags);
});
