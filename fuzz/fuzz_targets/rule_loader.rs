//! Any text as a user's rule file, override file and config file: an error with a
//! position, never a panic.
#![no_main]

use fzlint::config::Config;
use fzlint::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use std::path::Path;

thread_local! {
    // Building the pack costs milliseconds (far more under the sanitizer), so sets are
    // reused: a rule file is added to SET and taken out again; overrides and config
    // changes go to SCRATCH, which is built afresh every 500 inputs so that what
    // earlier inputs changed does not pile up.
    static SET: RefCell<RuleSet> = RefCell::new(RuleSet::builtin().expect("the pack loads"));
    static SCRATCH: RefCell<(RuleSet, usize)> =
        RefCell::new((RuleSet::builtin().expect("the pack loads"), 0));
}

fn scratch(f: impl FnOnce(&mut RuleSet)) {
    SCRATCH.with(|cell| {
        let mut s = cell.borrow_mut();
        s.1 += 1;
        if s.1 % 500 == 0 {
            s.0 = RuleSet::builtin().expect("the pack loads");
        }
        f(&mut s.0);
    });
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if text.contains("override") {
        scratch(|set| {
            let _ = set.add("user/override.yaml", text, false);
        });
        return;
    }
    SET.with(|cell| {
        let mut set = cell.borrow_mut();
        let before = set.rules.len();
        if set.add("user/rule.yaml", text, false).is_ok() {
            let _ = set.check_references();
        }
        set.rules.truncate(before);
    });
    if let Ok(c) = Config::parse(Path::new("/office/.fzlint.yaml"), text) {
        let e = c.effective(Path::new("/office/town/a.txt"));
        scratch(|set| {
            let _ = c.apply(&e, set);
        });
    }
});
