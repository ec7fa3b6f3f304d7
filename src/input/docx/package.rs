//! The ZIP package: its parts, read within the decompression budget, and the
//! relationships that name them.

use super::xml::{Handler, Tag, attr, parse_part};
use crate::input::InputError;
use quick_xml::events::BytesStart;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// The start of an OLE compound file: an old binary .doc, or an encrypted .docx (Word
/// wraps password-protected packages in one).
pub(super) const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The opened ZIP package, with what is left of the decompression budget.
pub(super) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes that may still be decompressed.
    left: u64,
    /// The whole budget, for the message.
    limit: u64,
}

impl<'a> Package<'a> {
    /// Opens the ZIP package, telling an old .doc (or encrypted .docx) from other bytes
    /// that are not a ZIP at all, and refusing too many entries.
    pub(super) fn open(
        bytes: &'a [u8],
        max_entries: usize,
        limit: u64,
    ) -> Result<Self, InputError> {
        if bytes.starts_with(&OLE_SIGNATURE) {
            return Err(InputError::Damaged(
                "这是旧版 .doc 文件或加密的 .docx，请在 Word 中另存为 .docx（不加密）或 .txt 后再检查"
                    .into(),
            ));
        }
        let too_many = || InputError::Bomb(format!("条目超过 {max_entries} 个"));
        // Look at the declared count before the ZIP reader builds its table of entries.
        if declared_entries(bytes).is_some_and(|n| n > max_entries) {
            return Err(too_many());
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
            InputError::Damaged(
                "不是有效的 .docx 文件（无法作为 ZIP 打开），可能已损坏或不是 Word 文档，\
                 请在 Word 中另存为 .docx 或 .txt 后再检查"
                    .into(),
            )
        })?;
        if zip.len() > max_entries {
            return Err(too_many());
        }
        Ok(Package {
            zip,
            left: limit,
            limit,
        })
    }

    /// The decompressed bytes of a part, `None` when there is no such entry. Reads at
    /// most what is left of the budget (whatever sizes the entry declares).
    pub(super) fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, InputError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let damaged = |e: &dyn std::fmt::Display| {
            InputError::Damaged(format!(".docx 文件已损坏：无法解压 {name}（{e}）"))
        };
        let file = self.zip.by_index(index).map_err(|e| damaged(&e))?;
        let mut data = Vec::new();
        file.take(self.left.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| damaged(&e))?;
        let read = data.len() as u64;
        if read > self.left {
            return Err(InputError::Bomb(format!(
                "解压超过 {} MB",
                self.limit / (1024 * 1024)
            )));
        }
        self.left -= read;
        Ok(Some(data))
    }

    /// The part a relationship of `kind` names (relative targets from the folder `dir`)
    /// when the package holds it, else `default`.
    pub(super) fn related(
        &self,
        rels: &Relationships,
        kind: &str,
        dir: &str,
        default: String,
    ) -> String {
        rels.target_of(kind, dir)
            .filter(|name| self.zip.index_for_name(name).is_some())
            .unwrap_or(default)
    }

    /// The relationships of a `.rels` part (none when it is missing or unreadable:
    /// the readers fall back to the conventional part names).
    pub(super) fn relationships(&mut self, name: &str) -> Result<Relationships, InputError> {
        let mut rels = Relationships::default();
        if let Some(data) = self.part(name)? {
            // A broken .rels part is ignored like a missing one.
            let _ = parse_part(&data, name, &mut rels);
        }
        Ok(rels)
    }
}

/// The entry count in the end-of-central-directory record, when one is found where it
/// belongs (`None` for ZIP64 counts and anything unusual: the ZIP reader decides then).
fn declared_entries(bytes: &[u8]) -> Option<usize> {
    const SIGNATURE: [u8; 4] = [0x50, 0x4B, 0x05, 0x06];
    const RECORD: usize = 22;
    let last = bytes.len().checked_sub(RECORD)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last).rev().find_map(|i| {
        let record = bytes.get(i..i + RECORD)?;
        if record[..4] != SIGNATURE {
            return None;
        }
        let comment = usize::from(u16::from_le_bytes([record[20], record[21]]));
        if i + RECORD + comment != bytes.len() {
            return None;
        }
        let total = u16::from_le_bytes([record[10], record[11]]);
        (total != u16::MAX).then_some(usize::from(total))
    })
}

/// The `Relationship` elements of a `.rels` part.
#[derive(Default)]
pub(super) struct Relationships(Vec<(String, String, Option<String>)>);

impl Relationships {
    /// The target of the first internal relationship whose type ends with `kind`
    /// ("/officeDocument", "/styles" …), as a package path, relative targets taken
    /// from the folder `dir` ("" for the package's own relationships, "word/" …).
    pub(super) fn target_of(&self, kind: &str, dir: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(t, _, _)| t.ends_with(kind))
            .map(|(_, target, _)| resolve_target(dir, target))
    }

    /// The target of the internal relationship with this id, as a package path.
    pub(super) fn target_by_id(&self, id: &str, dir: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(_, _, i)| i.as_deref() == Some(id))
            .map(|(_, target, _)| resolve_target(dir, target))
    }
}

impl Handler for Relationships {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, _: &[Tag]) {
        if tag == Tag::Relationship
            && attr(e, "TargetMode").is_none_or(|m| m != "External")
            && let (Some(kind), Some(target)) = (attr(e, "Type"), attr(e, "Target"))
        {
            self.0.push((kind, target, attr(e, "Id")));
        }
    }
}

/// A relationship target as a package path: absolute ("/word/x.xml") or relative to
/// the folder of the part the relationships belong to, with "." and ".." resolved.
pub(super) fn resolve_target(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}
