//! `fzlint config`: the settings that apply to a report (or to reports in a folder).

use super::args::{ConfigArgs, Format, config_mode};
use super::out::{Out, Status, report_problems};
use anyhow::Result;
use fzlint::resolve::{Choices, Governed, Resolver};
use fzlint::rules::Rule;

use std::fmt::Write;
use std::path::Path;

pub fn run(args: &ConfigArgs, out: &mut Out) -> Result<Status> {
    let mut status = Status::default();
    let choices = Choices {
        pack: args.rules.pack.clone(),
        ..Choices::default()
    };
    let mode = config_mode(&args.config, args.isolated);
    let mut resolver = Resolver::new(&args.rules.rules, mode, choices);
    // For a folder, the settings of a report placed in it.
    let file = if args.path.is_dir() {
        args.path.join("report.txt")
    } else {
        args.path.clone()
    };
    let governed = resolver.governed(&file);
    report_problems(&mut resolver, &mut status);
    let excluded = resolver.excluded(&file);
    match governed {
        Ok(g) => out.print(&describe(&g, &file, excluded, args.format == Format::Json)?),
        Err(_) => status.config += 1,
    }
    Ok(status)
}

/// A check's parameters in one line: scalars as written, a list by its length.
fn params(r: &Rule) -> String {
    let Ok(serde_json::Value::Object(m)) = serde_json::to_value(&r.spec.check) else {
        return String::new();
    };
    m.iter()
        .filter(|(k, v)| *k != "kind" && !v.is_null())
        .map(|(k, v)| match v {
            serde_json::Value::Array(a) => format!("{k}=[{} 项]", a.len()),
            serde_json::Value::Object(o) => format!("{k}={{{} 项}}", o.len()),
            serde_json::Value::String(s) => format!("{k}={s}"),
            other => format!("{k}={other}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `fzlint config`: the settings that apply to one report.
fn describe(g: &Governed, file: &Path, excluded: bool, json: bool) -> Result<String> {
    let p = &g.configured;
    // The pack its reports are read with: a built-in one, or an office's folder.
    let vocab = &p.set.vocab;
    let pack = match fzlint::pack::builtin(&vocab.id) {
        Some(_) if vocab.id == fzlint::pack::default_pack() => format!("{}（内置）", vocab.name),
        Some(_) => format!("{}（内置，{}）", vocab.name, vocab.id),
        None => format!("{}（{}）", vocab.name, vocab.id),
    };
    let runs: Vec<&str> = g.rules().iter().map(|r| r.spec.id.as_str()).collect();
    let selection = &p.effective.selection;
    let config = p.config.as_ref().map(|c| c.path.display().to_string());
    // The per-path entries that match, and the configs whose settings apply, in order
    // (the bases first).
    let (matched, chain): (Vec<usize>, Vec<String>) = match &p.config {
        Some(c) => (
            c.effective(&std::path::absolute(file).unwrap_or_default())
                .matched,
            c.chain()
                .iter()
                .map(|c| c.path.display().to_string())
                .collect(),
        ),
        None => Default::default(),
    };
    let rules: Vec<serde_json::Value> = p
        .set
        .sorted()
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.spec.id,
                "category": r.spec.category,
                "severity": r.spec.severity.name(),
                "enabled": !p.off_by.contains_key(&r.spec.id),
                "changed_by": r.overridden_by,
                "disabled_by": p.off_by.get(&r.spec.id),
                "builtin": r.builtin,
                "runs": runs.contains(&r.spec.id.as_str()),
                "check": r.spec.check,
            })
        })
        .collect();
    if json {
        let v = serde_json::json!({
            "path": file.display().to_string(),
            "config": config,
            "extends": chain,
            "year": p.effective.year,
            "expect_year": p.effective.expect_year,
            "per_path": matched,
            "excluded": excluded,
            "pack": pack,
            "select": selection.select,
            "extend_select": selection.extend,
            "ignore": selection.ignore,
            "rules": rules,
        });
        return Ok(format!("{}\n", serde_json::to_string_pretty(&v)?));
    }
    let mut o = String::new();
    writeln!(o, "报告：{}", file.display())?;
    writeln!(
        o,
        "配置文件：{}",
        config.as_deref().unwrap_or("无（使用内置默认设置）")
    )?;
    let year = p.effective.year.map_or("按标题或开头一段".into(), |y| {
        format!("{y}（配置）")
    });
    writeln!(o, "报告年度：{year}")?;
    if let Some(y) = p.effective.expect_year {
        writeln!(o, "本批应报年度：{y}（配置）")?;
    }
    if chain.len() > 1 {
        writeln!(
            o,
            "继承（先后生效）：{}",
            chain[..chain.len() - 1].join(" → ")
        )?;
    }
    if !matched.is_empty() {
        let items: Vec<String> = matched.iter().map(|i| format!("第{}项", i + 1)).collect();
        writeln!(o, "适用的 per_path：{}", items.join("、"))?;
    }
    writeln!(o, "规则包：{pack}")?;
    if excluded {
        writeln!(
            o,
            "排除：是（配置的 exclude 排除了这个文件，检查文件夹时不检查它）"
        )?;
    }
    for (key, names) in [
        ("select", selection.select.clone().unwrap_or_default()),
        ("extend-select", selection.extend.clone()),
        ("ignore", selection.ignore.clone()),
    ] {
        if !names.is_empty() {
            writeln!(o, "{key}：{}", names.join("、"))?;
        }
    }
    o.push_str("规则（级别；参数）：\n");
    for r in p.set.sorted() {
        let state = match p.off_by.get(&r.spec.id) {
            Some(c) => format!("关闭  （由 {c} 关闭）"),
            None if !runs.contains(&r.spec.id.as_str()) => "不运行（未选中或试用规则）".into(),
            None => format!("{:<8} {}", r.spec.severity.name(), params(r)),
        };
        let changed = r
            .overridden_by
            .as_ref()
            .filter(|_| !p.off_by.contains_key(&r.spec.id))
            .map(|c| format!("  （由 {c} 调整）"))
            .unwrap_or_default();
        let line = format!("  {:<24} {:<8}{changed}", r.spec.id, state);
        writeln!(o, "{}", line.trim_end())?;
    }
    Ok(o)
}
