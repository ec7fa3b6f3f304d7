//! `--format junit`: a JUnit XML report, one test case per file, for CI systems that
//! read test reports. A file fails when it has a finding at warning level or above.

use super::{Emitter, FileReport, Tally};
use crate::diagnostic::Severity;
use crate::rules::RuleSet;
use crate::text::escape;
use std::io::{self, Write};

/// Text for XML: the characters XML cannot hold dropped, the rest escaped (`'` as
/// `&apos;`).
fn xml(s: &str) -> String {
    let allowed: String = s.chars().filter(|&c| escape::xml_allows(c)).collect();
    escape::markup(&allowed).replace("&#39;", "&apos;")
}

/// One `<testcase>` for a file; a file read with a pack other than the default names
/// it in the case's properties.
pub fn testcase(f: &FileReport, pack: Option<&str>) -> (String, bool) {
    let properties = pack.map_or(String::new(), |p| {
        format!(
            "\n      <properties>\n        <property name=\"fzlint.pack\" value=\"{}\"/>\n      </properties>",
            xml(p)
        )
    });
    let loud: Vec<_> = f
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .collect();
    let open = format!(
        "    <testcase classname=\"fzlint\" name=\"{}\"",
        xml(&f.src.name)
    );
    if loud.is_empty() && properties.is_empty() {
        return (format!("{open}/>\n"), false);
    }
    let failure = loud.first().map_or(String::new(), |first| {
        let body: String = loud
            .iter()
            .map(|d| super::concise::line(f.src, d))
            .collect();
        format!(
            "\n      <failure type=\"{}\" message=\"{}\">{}</failure>",
            xml(&first.rule),
            xml(&format!("{} 处问题，第一处：{}", loud.len(), first.message)),
            xml(&body)
        )
    });
    (
        format!("{open}>{properties}{failure}\n    </testcase>\n"),
        !loud.is_empty(),
    )
}

/// The whole report from the test cases.
pub fn document(cases: &[(String, bool)], pack_version: &str) -> String {
    let failures = cases.iter().filter(|c| c.1).count();
    let counts = format!(
        "name=\"fzlint\" tests=\"{}\" failures=\"{failures}\"",
        cases.len()
    );
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites {counts}>\n  <testsuite {counts}>\n"
    );
    out.push_str(&format!(
        "    <properties>\n      <property name=\"fzlint.version\" value=\"{}\"/>\n      <property name=\"fzlint.rulePack\" value=\"{}\"/>\n    </properties>\n",
        env!("CARGO_PKG_VERSION"),
        xml(pack_version)
    ));
    out.extend(cases.iter().map(|(c, _)| c.as_str()));
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// The test cases, kept until the run's end, then the whole report.
#[derive(Default)]
pub struct JunitEmitter {
    cases: Vec<(String, bool)>,
    pack_version: String,
}

impl Emitter for JunitEmitter {
    fn file(&mut self, _: &mut dyn Write, f: &FileReport, set: &RuleSet) -> io::Result<()> {
        self.pack_version.clone_from(&set.vocab.version);
        self.cases.push(testcase(f, super::named_pack(set)));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Tally) -> io::Result<()> {
        out.write_all(document(&self.cases, &self.pack_version).as_bytes())
    }
}
