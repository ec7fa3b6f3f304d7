//! Every file fzlint writes (`--fix`, `-o`, `--write-baseline`, the overview) is written
//! safely: to a temporary file created exclusively, with a random name, in the target's
//! folder; given the original's permissions (and owner, where allowed); synced; and moved
//! over the target only if the target is still the plain file it was (not a link, not
//! read-only, not hard-linked elsewhere, not changed since it was read). A kill midway
//! leaves a `.NAME.*.fzlint-tmp` file, which the next write into that folder names.

use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The target as it is now: None if there is none. Refuses what fzlint must not write
/// through or over: a symbolic link, anything but a plain file, a read-only file, a
/// file with other hard links (the error says why, in Chinese; the caller names the
/// file).
fn target(path: &Path) -> io::Result<Option<Metadata>> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if meta.file_type().is_symlink() {
        return Err(io::Error::other(
            "是符号链接，未写入（请写到它指向的文件本身）",
        ));
    }
    if !meta.is_file() {
        return Err(io::Error::other("不是普通文件，未写入"));
    }
    if meta.permissions().readonly() {
        return Err(io::Error::other("是只读文件，未写入"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(io::Error::other(
                "还有其他硬链接，未写入（替换它会断开这些链接）",
            ));
        }
    }
    Ok(Some(meta))
}

/// Whether two looks at a target saw the same file.
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len() && a.modified().ok() == b.modified().ok()
    }
}

/// Names, once per folder and run, the temporary files an interrupted write left: the
/// folder is read before this run's first temporary file in it is made, so a file
/// this run is still writing there (`-o` beside a `--fix`) is never named.
fn report_stale(dir: &Path) {
    static SEEN: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    let key = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if seen.contains(&key) {
        return;
    }
    seen.push(key);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".fzlint-tmp") {
            let _ = writeln!(
                io::stderr(),
                "warning: {}: 上次写入中断留下的临时文件，可以删除",
                e.path().display()
            );
        }
    }
}

/// A file being written in place of `path`.
pub struct SafeFile {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
    /// The target when the write began (None: there was none).
    was: Option<Metadata>,
}

impl SafeFile {
    pub fn create(path: &Path) -> io::Result<SafeFile> {
        let was = target(path)?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        report_stale(&dir);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".fzlint-tmp")
            .tempfile_in(&dir)?;
        // The original's permissions and owner (a new file: readable by others, as
        // a file made by any program).
        let perms = match &was {
            Some(m) => m.permissions(),
            None => {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::Permissions::from_mode(0o644)
                }
                #[cfg(not(unix))]
                {
                    tmp.as_file().metadata()?.permissions()
                }
            }
        };
        tmp.as_file().set_permissions(perms)?;
        #[cfg(unix)]
        if let Some(m) = &was {
            use std::os::unix::fs::MetadataExt;
            // Only root may give a file away; elsewhere the owner is the writer's.
            let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(m.uid()), Some(m.gid()));
        }
        Ok(SafeFile {
            tmp,
            path: path.to_path_buf(),
            was,
        })
    }

    pub fn file(&mut self) -> &mut File {
        self.tmp.as_file_mut()
    }

    /// Moves the written file over the target, if the target is still the file it was
    /// when the write began (`unchanged`: and still holds what was read); else, or on
    /// any error, nothing is left behind.
    pub fn commit(self, unchanged: impl FnOnce() -> bool) -> io::Result<()> {
        self.tmp.as_file().sync_all()?;
        let now = target(&self.path)?;
        let kept = match (&self.was, &now) {
            (None, None) => true,
            (Some(a), Some(b)) => same_file(a, b) && unchanged(),
            _ => false,
        };
        if !kept {
            return Err(io::Error::other("文件在检查后被修改过，未写入"));
        }
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename itself, on disk (not possible on every system: best effort).
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    }
}

/// Writes `content` to `path` safely (see the module's notes).
pub fn write_atomically(path: &Path, content: &[u8]) -> io::Result<()> {
    let mut f = SafeFile::create(path)?;
    f.file().write_all(content)?;
    f.commit(|| true)
}
