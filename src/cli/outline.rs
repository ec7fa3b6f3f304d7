//! `fzlint outline`: the structure fzlint understood in one report.

use super::args::{Format, OutlineArgs};
use super::out::{Out, Status};
use anyhow::Result;
use fzlint::analyse::{Settings, analyse};
use fzlint::input::{self, MAX_FILE_BYTES};
use fzlint::render::{self, outline};

pub fn run(args: &OutlineArgs, out: &mut Out) -> Result<Status> {
    let path = &args.path;
    let mut status = Status::default();
    let src = match input::read(path, MAX_FILE_BYTES) {
        Ok(s) => s,
        Err(e) => {
            status.input_error(format_args!("{}: {e}", path.display()));
            return Ok(status);
        }
    };
    // The pack named, else the one the report's title names.
    let mut resolver = fzlint::resolve::Resolver::new(
        &[],
        fzlint::resolve::Mode::Isolated,
        fzlint::resolve::Choices {
            pack: args.pack.clone(),
            by_title: true,
            ..Default::default()
        },
    );
    let governed = resolver.governed(path);
    super::out::report_problems(&mut resolver, &mut status);
    let Ok(governed) = governed else {
        return Ok(status);
    };
    let governed = governed.for_source(&src);
    let set = governed.set();
    let a = analyse(
        &src,
        &set.vocab,
        &Settings {
            reported_year: args.year,
            ..Settings::default()
        },
    );
    let mut o = outline::outline(&src, &a, &set.vocab);
    o.rule_pack = set.vocab.version.clone();
    if args.fonts {
        o.fonts = Some(render::fonts::fonts(&src));
    }
    match args.format {
        Format::Json => out.print(&format!("{}\n", serde_json::to_string_pretty(&o)?)),
        _ => {
            let mut text = outline::human(&o, &a);
            if let Some(f) = &o.fonts {
                text += &render::fonts::human(f);
            }
            out.print(&text)
        }
    }
    Ok(status)
}
