//! Any text as a user's rule file, override file or config file: an error with a
//! position, never a panic.
#![no_main]

use fzlint::config::Config;
use fzlint::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(mut set) = RuleSet::builtin() {
        let _ = set.add("user/rule.yaml", text, false);
        let _ = set.check_references();
        if let Ok(c) = Config::parse(Path::new("/office/.fzlint.yaml"), text) {
            let e = c.effective(Path::new("/office/town/a.txt"));
            let _ = c.apply(&e, &mut set);
        }
    }
});
