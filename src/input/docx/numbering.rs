//! numbering.xml: list definitions and instances, and the counters that give each
//! numbered paragraph its number.

use super::format::{Fmt, format_number};
use super::styles::{Style, Styles};
use super::xml::{Handler, Tag, attr, is_on, number_val, parse_part};
use crate::input::InputError;
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// The longest `w:lvlText` template used, in characters (Word's own are a few
/// characters; this bounds the text a hostile numbering part can generate).
const MAX_LEVEL_TEXT: usize = 64;

/// One level of a list definition (`w:lvl`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<u32>,
    fmt: Fmt,
    /// `w:lvlText`, e.g. "%1、" or "%1.%2".
    text: String,
    /// `w:lvlRestart`: restart after this (1-based) level is used; 0 never.
    restart: Option<u32>,
    /// `w:isLgl`: show every level in decimal.
    legal: bool,
    /// `w:pStyle`: the paragraph style linked to this level.
    style: Option<String>,
}

/// A list definition (`w:abstractNum`).
#[derive(Debug, Default)]
struct AbstractNum {
    levels: [Option<Level>; 9],
    /// `w:numStyleLink`: the definition is the one of this numbering style.
    style_link: Option<String>,
}

/// What a list instance changes for one level (`w:lvlOverride`).
#[derive(Debug, Default)]
struct Override {
    start: Option<u32>,
    level: Option<Level>,
}

/// A list instance (`w:num`), what paragraphs refer to by numId.
#[derive(Debug, Default)]
struct Num {
    abstract_id: Option<u32>,
    overrides: [Override; 9],
}

impl Num {
    fn overridden(&self) -> bool {
        self.overrides
            .iter()
            .any(|o| o.start.is_some() || o.level.is_some())
    }
}

/// Whose counters a numbered paragraph advances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ListKey {
    /// Instances without overrides share their definition's counters.
    Abstract(u32),
    /// An instance with overrides (a restarted list) counts on its own.
    Num(u32),
}

/// Styles, list definitions and the counters of the lists read so far.
#[derive(Debug, Default)]
pub(super) struct Lists {
    pub(super) styles: Styles,
    nums: HashMap<u32, Num>,
    abstracts: HashMap<u32, AbstractNum>,
    counters: HashMap<ListKey, [Option<u32>; 9]>,
}

/// The definition behind a list instance, following `w:numStyleLink` through the
/// numbering style to the instance that holds the levels.
fn definition<'a>(
    num: &Num,
    styles: &Styles,
    nums: &HashMap<u32, Num>,
    abstracts: &'a HashMap<u32, AbstractNum>,
) -> Option<(u32, &'a AbstractNum)> {
    let mut id = num.abstract_id?;
    for _ in 0..4 {
        let def = abstracts.get(&id)?;
        let Some(link) = &def.style_link else {
            return Some((id, def));
        };
        let linked = styles.by_id.get(link)?.num_id?;
        id = nums.get(&linked)?.abstract_id?;
    }
    None
}

impl Lists {
    /// The automatic number of the next paragraph with this style and direct
    /// numbering, advancing the counters; None when the paragraph is not numbered.
    pub(super) fn number(
        &mut self,
        style: Option<&str>,
        num_id: Option<u32>,
        ilvl: Option<u32>,
    ) -> Option<String> {
        let Lists {
            styles,
            nums,
            abstracts,
            counters,
        } = self;
        let chain = styles.para_chain(style);
        let from_styles = |f: fn(&Style) -> Option<u32>| {
            chain
                .iter()
                .find_map(|id| styles.by_id.get(*id).and_then(f))
        };
        let num_id = num_id.or_else(|| from_styles(|s| s.num_id))?;
        if num_id == 0 {
            return None;
        }
        let num = nums.get(&num_id)?;
        let (abstract_id, def) = definition(num, styles, nums, abstracts)?;
        let level = |k: usize| {
            num.overrides
                .get(k)
                .and_then(|o| o.level.as_ref())
                .or_else(|| def.levels.get(k).and_then(Option::as_ref))
        };
        let start = |k: usize| {
            num.overrides
                .get(k)
                .and_then(|o| o.start)
                .or_else(|| level(k).and_then(|l| l.start))
                .unwrap_or(0)
        };
        let ilvl = ilvl
            .or_else(|| from_styles(|s| s.ilvl))
            .or_else(|| {
                // The level linked to the nearest style of the chain.
                chain.iter().find_map(|&id| {
                    (0..9u32)
                        .find(|&k| level(k as usize).and_then(|l| l.style.as_deref()) == Some(id))
                })
            })
            .unwrap_or(0);
        let k = usize::try_from(ilvl).ok().filter(|&k| k < 9)?;
        let this = level(k)?;

        let key = if num.overridden() {
            ListKey::Num(num_id)
        } else {
            ListKey::Abstract(abstract_id)
        };
        let counters = counters.entry(key).or_default();
        counters[k] = Some(match counters[k] {
            Some(n) => n.saturating_add(1),
            None => start(k),
        });
        for (j, counter) in counters.iter_mut().enumerate().skip(k + 1) {
            // By default a level restarts whenever a higher one is used; lvlRestart n
            // restarts it only after levels 1..=n (0: never).
            if level(j)
                .and_then(|l| l.restart)
                .is_none_or(|n| (k as u32) < n)
            {
                *counter = None;
            }
        }
        let values = *counters;

        if matches!(this.fmt, Fmt::Bullet | Fmt::None) {
            return None;
        }
        let mut out = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let placeholder = (c == '%')
                .then(|| chars.peek().and_then(|d| d.to_digit(10)))
                .flatten()
                .filter(|d| (1..=9).contains(d));
            let Some(d) = placeholder else {
                out.push(c);
                continue;
            };
            chars.next();
            let j = d as usize - 1;
            let value = values[j].unwrap_or_else(|| start(j));
            let fmt = match level(j).map_or(Fmt::Decimal, |l| l.fmt) {
                f @ (Fmt::Bullet | Fmt::None) => f,
                _ if this.legal => Fmt::Decimal,
                f => f,
            };
            out.push_str(&format_number(value, fmt));
        }
        Some(out)
    }
}

/// Reads numbering.xml: its list instances and definitions, by id.
#[derive(Default)]
struct NumberingReader {
    nums: HashMap<u32, Num>,
    abstracts: HashMap<u32, AbstractNum>,
    abstract_num: Option<(Option<u32>, AbstractNum)>,
    num: Option<(Option<u32>, Num)>,
    level: Option<(Option<usize>, Level)>,
    override_level: Option<usize>,
}

impl NumberingReader {
    /// Sets a property of the level being read, if any.
    fn set_level(&mut self, set: impl FnOnce(&mut Level)) {
        if let Some((_, l)) = &mut self.level {
            set(l);
        }
    }
}

impl Handler for NumberingReader {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, parents: &[Tag]) {
        let parent = parents.last().copied();
        let ilvl = || {
            attr(e, "ilvl")
                .and_then(|v| v.trim().parse::<usize>().ok())
                .filter(|&k| k < 9)
        };
        match (tag, parent) {
            (Tag::AbstractNum, _) => {
                let id = attr(e, "abstractNumId").and_then(|v| v.trim().parse().ok());
                self.abstract_num = Some((id, AbstractNum::default()));
            }
            (Tag::NumStyleLink, Some(Tag::AbstractNum)) => {
                if let Some((_, def)) = &mut self.abstract_num {
                    def.style_link = attr(e, "val");
                }
            }
            (Tag::Num, _) => {
                let id = attr(e, "numId").and_then(|v| v.trim().parse().ok());
                self.num = Some((id, Num::default()));
            }
            (Tag::AbstractNumId, Some(Tag::Num)) => {
                if let Some((_, num)) = &mut self.num {
                    num.abstract_id = number_val(e);
                }
            }
            (Tag::LvlOverride, Some(Tag::Num)) => self.override_level = ilvl(),
            (Tag::StartOverride, Some(Tag::LvlOverride)) => {
                if let (Some((_, num)), Some(k)) = (&mut self.num, self.override_level) {
                    num.overrides[k].start = number_val(e);
                }
            }
            (Tag::Lvl, _) => {
                // A level inside an override is that level, whatever it says.
                let k = if parent == Some(Tag::LvlOverride) {
                    self.override_level
                } else {
                    ilvl()
                };
                self.level = Some((k, Level::default()));
            }
            (Tag::Start, Some(Tag::Lvl)) => self.set_level(|l| l.start = number_val(e)),
            (Tag::NumFmt, Some(Tag::Lvl)) => {
                if let Some(v) = attr(e, "val") {
                    let fmt = Fmt::parse(v.trim(), attr(e, "format").as_deref());
                    self.set_level(|l| l.fmt = fmt);
                }
            }
            (Tag::LvlText, Some(Tag::Lvl)) => self.set_level(|l| {
                let text = attr(e, "val").unwrap_or_default();
                l.text = text.chars().take(MAX_LEVEL_TEXT).collect();
            }),
            (Tag::LvlRestart, Some(Tag::Lvl)) => self.set_level(|l| l.restart = number_val(e)),
            (Tag::IsLgl, Some(Tag::Lvl)) => self.set_level(|l| l.legal = is_on(e)),
            (Tag::PStyle, Some(Tag::Lvl)) => self.set_level(|l| l.style = attr(e, "val")),
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag, parents: &[Tag]) {
        match tag {
            Tag::Lvl => match (self.level.take(), parents.last(), &mut self.num) {
                (Some((Some(k), level)), Some(Tag::LvlOverride), Some((_, num))) => {
                    num.overrides[k].level = Some(level);
                }
                (Some((Some(k), level)), Some(Tag::AbstractNum), _) => {
                    if let Some((_, def)) = &mut self.abstract_num {
                        def.levels[k] = Some(level);
                    }
                }
                _ => {}
            },
            Tag::LvlOverride => self.override_level = None,
            Tag::AbstractNum => {
                if let Some((Some(id), def)) = self.abstract_num.take() {
                    self.abstracts.insert(id, def);
                }
            }
            Tag::Num => {
                if let Some((Some(id), num)) = self.num.take() {
                    self.nums.insert(id, num);
                }
            }
            _ => {}
        }
    }
}

pub(super) fn parse_numbering(
    data: &[u8],
    part: &str,
    lists: &mut Lists,
) -> Result<(), InputError> {
    let mut reader = NumberingReader::default();
    parse_part(data, part, &mut reader)?;
    (lists.nums, lists.abstracts) = (reader.nums, reader.abstracts);
    Ok(())
}
