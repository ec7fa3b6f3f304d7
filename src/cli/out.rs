//! Where a command's words go (its output, its error lines), and what it leaves
//! behind: a [`Status`] that counts what went wrong, which `main` turns into the exit
//! code.

use fzlint::pack::yaml::YamlError;
use fzlint::resolve::Resolver;
use fzlint::rules::RuleSet;
use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Exit codes (contract): 0 clean, 1 error-level findings, 2 fzlint could not do its job.
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_TROUBLE: i32 = 2;

/// What went wrong in a run, counted.
#[derive(Debug, Default)]
pub struct Status {
    /// Inputs not linted: unreadable, unsupported, too large, a second `-`, or governed
    /// by a config that has an error.
    pub inputs: usize,
    /// Errors in config files and rule files.
    pub config: usize,
    /// Anything else fzlint could not do: nothing to check, an output or a file not
    /// written, an unknown rule named.
    pub other: usize,
    /// What fails the run without stopping it: error-level findings (warnings too with
    /// --deny-warnings), unused baseline records, files --diff would change, a rule's
    /// examples that do not behave.
    pub failures: usize,
}

impl Status {
    /// An input not linted: its error line printed, and counted.
    pub fn input_error(&mut self, message: impl Display) {
        eprint_line(&format!("error: {message}"));
        self.inputs += 1;
    }

    /// Something else fzlint could not do: its error line printed, and counted.
    pub fn error(&mut self, message: impl Display) {
        eprint_line(&format!("error: {message}"));
        self.other += 1;
    }

    /// [`Status::error`] for a command that stops there: the status to hand back.
    pub fn stop(mut self, message: impl Display) -> Status {
        self.error(message);
        self
    }

    pub fn exit_code(&self) -> i32 {
        // fzlint could not do its job for some input.
        if self.inputs + self.config + self.other > 0 {
            EXIT_TROUBLE
        } else if self.failures > 0 {
            EXIT_FINDINGS
        } else {
            0
        }
    }
}

/// A command's output: standard output, or a file.
pub struct Out {
    stdout: Box<dyn Write>,
}

impl Out {
    /// Standard output: a terminal sees each finding as it comes; a pipe or a file gets
    /// large writes.
    pub fn stdout() -> Out {
        let stdout = std::io::stdout();
        Out {
            stdout: if stdout.is_terminal() {
                Box::new(stdout.lock())
            } else {
                Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()))
            },
        }
    }

    pub fn print(&mut self, s: &str) {
        // A closed pipe (fzlint … | head) is not an error worth a panic.
        let _ = self.stdout.write_all(s.as_bytes());
    }

    /// Hands the output to a writer (an emitter). A write that fails is left as
    /// [`Out::print`] leaves it.
    pub fn write(&mut self, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
        let _ = write(&mut *self.stdout);
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.stdout.flush()
    }
}

pub use super::write::write_atomically;

/// Output for `-o FILE`: written safely (see `write`), moved into place when the run
/// has finished.
pub struct FileOut {
    pub out: Out,
    file: super::write::SafeFile,
}

impl FileOut {
    pub fn create(path: &Path) -> std::io::Result<FileOut> {
        let mut file = super::write::SafeFile::create(path)?;
        let handle = file.file().try_clone()?;
        Ok(FileOut {
            out: Out {
                stdout: Box::new(std::io::BufWriter::new(handle)),
            },
            file,
        })
    }

    /// Moves the finished output into place; on failure nothing is left behind.
    pub fn commit(self) -> std::io::Result<()> {
        let FileOut { mut out, file } = self;
        out.flush()?;
        drop(out);
        file.commit(|| true)
    }
}

/// One line on standard error.
pub fn eprint_line(s: &str) {
    let _ = writeln!(std::io::stderr(), "{s}");
}

/// Renders a rule-file or config error like a diagnostic, pointing at its line and
/// column.
fn yaml_error(e: &YamlError) -> String {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    use codespan_reporting::files::SimpleFile;
    use codespan_reporting::term;
    if e.text.is_empty() || e.line == 0 {
        return format!("error: {}: {}\n", e.path, e.message);
    }
    let file = SimpleFile::new(e.path.as_str(), e.text.as_str());
    let start: usize = e
        .text
        .split_inclusive('\n')
        .take(e.line - 1)
        .map(str::len)
        .sum();
    let line = e.text[start..].split('\n').next().unwrap_or("");
    let col = line.char_indices().nth(e.column.saturating_sub(1));
    let s = start + col.map_or(0, |(i, _)| i);
    let end = s + e.text[s..].chars().next().map_or(0, char::len_utf8);
    let (code, what) = if e.config {
        ("config", "配置文件")
    } else {
        ("rule-file", "规则文件")
    };
    let d = Diagnostic::error()
        .with_code(code)
        .with_message(format!("{what}有误：{}", e.message))
        .with_labels(vec![Label::primary((), s..end).with_message("这里")]);
    let mut buf = Vec::new();
    match term::emit_to_io_write(&mut buf, &term::Config::default(), &file, &d) {
        Ok(()) => String::from_utf8_lossy(&buf).into_owned(),
        Err(_) => format!("error: {}:{}:{}: {}\n", e.path, e.line, e.column, e.message),
    }
}

/// Prints the errors in config and rule files the resolver has found since it was
/// last asked, and counts them.
pub fn report_problems(resolver: &mut Resolver, status: &mut Status) {
    count_problems(&resolver.take_problems(), status);
}

/// Prints errors in config and rule files, and counts them.
fn count_problems(errors: &[YamlError], status: &mut Status) {
    for e in errors {
        eprint_line(yaml_error(e).trim_end());
        status.config += 1;
    }
}

/// The pack named (the default pack when None) with the rule files under `dirs`; its
/// errors are printed and counted. None when the rules cannot be used at all.
pub fn load_pack(pack: Option<&str>, dirs: &[PathBuf], status: &mut Status) -> Option<RuleSet> {
    let built = RuleSet::with_pack(pack, dirs);
    let (Ok((_, errors)) | Err(errors)) = &built;
    count_problems(errors, status);
    built.ok().map(|(set, _)| set)
}

/// A moment given in seconds since 1970-01-01 (in whatever zone they were counted) as
/// its date and time of day: (year, month, day, hour, minute, second).
pub fn civil(secs: i64) -> (i64, i64, i64, i64, i64, i64) {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Days to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let (era, doe) = (z.div_euclid(146_097), z.rem_euclid(146_097));
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, rem / 3600, rem / 60 % 60, rem % 60)
}
