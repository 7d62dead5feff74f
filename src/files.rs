//! Every file the program writes for a person (exports, reports, logbooks, disclosures, reject
//! files, backups) goes through here, because they all hold citizens' personal data and all name
//! a path typed by someone who may have mistyped it:
//!
//! - the target is refused when it is, or resolves to (through `..`, symbolic or hard links),
//!   the open database, its `-wal`/`-shm`/`-journal` files, its anchor, or another file in use
//!   (an import's own input);
//! - an existing target is refused unless the caller allows replacing it (`--force`);
//! - the bytes go to a temporary file beside the target, created new (`O_EXCL`), never through a
//!   symbolic link (`O_NOFOLLOW`), readable by its owner only (0600), synced, then moved into
//!   place — so a crash or a full disk never leaves half a logbook, and a dangling link cannot
//!   make the file come out with other permissions;
//! - messages name the target, never the temporary name.

use crate::error::{Error, OutputRefusal, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// What a target may not be, and whether an existing file may be replaced.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    in_use: Vec<PathBuf>,
    replace: bool,
}

/// The files SQLite keeps beside a database (and our anchor), which an output must never hit.
pub fn database_companions(db: &Path) -> Vec<PathBuf> {
    let mut files = vec![db.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal", ".anchor"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        files.push(PathBuf::from(name));
    }
    files
}

impl Guard {
    /// Protects the database at `db` (and its companions), refusing existing files.
    pub fn for_database(db: Option<&Path>) -> Guard {
        Guard {
            in_use: db.map(database_companions).unwrap_or_default(),
            replace: false,
        }
    }

    /// `--force`: an existing file (not one in use) may be replaced.
    pub fn replacing(mut self, replace: bool) -> Guard {
        self.replace = replace;
        self
    }

    /// Another file the command is using (an import's input).
    pub fn also_in_use(mut self, path: &Path) -> Guard {
        self.in_use.push(path.to_path_buf());
        self
    }

    /// Refuses a target that is a file in use, a folder, or (unless replacing) an existing file.
    pub fn admit(&self, target: &Path) -> Result<()> {
        let refuse = |why| {
            Err(Error::OutputRefused {
                path: target.display().to_string(),
                why,
            })
        };
        if target.as_os_str().is_empty() || target.file_name().is_none() {
            return refuse(OutputRefusal::Folder);
        }
        let resolved = resolve(target);
        let identity = file_identity(target);
        for used in &self.in_use {
            let same_file = identity.is_some() && identity == file_identity(used);
            if same_file
                || resolved
                    .as_ref()
                    .is_some_and(|r| Some(r) == resolve(used).as_ref())
            {
                return refuse(OutputRefusal::InUse);
            }
        }
        match std::fs::symlink_metadata(target) {
            Ok(meta) if meta.is_dir() => refuse(OutputRefusal::Folder),
            Ok(_) if std::fs::metadata(target).is_ok_and(|m| m.is_dir()) => {
                refuse(OutputRefusal::Folder)
            }
            Ok(_) if !self.replace => refuse(OutputRefusal::Exists),
            _ => Ok(()),
        }
    }
}

/// Device and inode of what the path leads to (following links), when it exists.
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// The absolute path the name stands for: links and `..` resolved, following a link's chain even
/// when its end does not exist yet (a dangling link to `db-wal` is still the WAL's name).
fn resolve(path: &Path) -> Option<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        if let Ok(real) = std::fs::canonicalize(&path) {
            return Some(real);
        }
        let name = path.file_name()?.to_owned();
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let parent = std::fs::canonicalize(&parent).ok()?;
        match std::fs::read_link(parent.join(&name)) {
            Ok(next) => path = parent.join(next),
            Err(_) => return Some(parent.join(name)),
        }
    }
    None
}

pub struct PrivateFile {
    target: PathBuf,
    temp: PathBuf,
    replace: bool,
    writer: Option<BufWriter<File>>,
}

impl PrivateFile {
    /// A new owner-only temporary file beside `target`, once `guard` admits the target.
    pub fn create(target: &Path, guard: &Guard) -> Result<PrivateFile> {
        guard.admit(target)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "tiepdan".into());
        let mut attempt = 0u32;
        let (temp, file) = loop {
            let temp = target.with_file_name(format!(
                ".{name}.{}-{}.tmp",
                std::process::id(),
                rand::random::<u32>()
            ));
            match open_new_private(&temp) {
                Ok(file) => break (temp, file),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 8 => {
                    attempt += 1;
                }
                // Name what is missing: the folder, not the file we were about to create in it.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let folder = match target.parent() {
                        Some(p) if !p.as_os_str().is_empty() => p,
                        _ => target,
                    };
                    return Err(Error::io(folder, e));
                }
                Err(e) => return Err(Error::io(target, e)),
            }
        };
        Ok(PrivateFile {
            target: target.to_path_buf(),
            temp,
            replace: guard.replace,
            writer: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    pub fn path(&self) -> &Path {
        &self.target
    }

    /// The temporary file, for a writer that opens it by name (SQLite's backup). Not for messages.
    pub(crate) fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Flushes to disk and moves the file into place. Without permission to replace, an existing
    /// target (even one that appeared meanwhile) is left alone: the move is a hard link, which
    /// fails rather than overwrite.
    pub fn persist(mut self) -> Result<PathBuf> {
        let writer = self.writer.take().expect("persist is called once");
        let result = self.finish(writer);
        if result.is_err() {
            let _ = std::fs::remove_file(&self.temp);
        }
        result
    }

    fn finish(&self, writer: BufWriter<File>) -> Result<PathBuf> {
        let file = writer
            .into_inner()
            .map_err(|e| Error::io(&self.target, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&self.target, e))?;
        drop(file);
        if self.replace {
            std::fs::rename(&self.temp, &self.target).map_err(|e| Error::io(&self.target, e))?;
        } else {
            match std::fs::hard_link(&self.temp, &self.target) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.temp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(Error::OutputRefused {
                        path: self.target.display().to_string(),
                        why: OutputRefusal::Exists,
                    });
                }
                // A file system without hard links (some shared drives): checked, then moved.
                Err(_) if std::fs::symlink_metadata(&self.target).is_err() => {
                    std::fs::rename(&self.temp, &self.target)
                        .map_err(|e| Error::io(&self.target, e))?;
                }
                Err(e) => return Err(Error::io(&self.target, e)),
            }
        }
        sync_folder(&self.target);
        Ok(self.target.clone())
    }
}

/// Writes a finished file (a report, a receipt) owner-only and atomically, once `guard` admits
/// the target.
pub fn write_all(path: &Path, bytes: &[u8], guard: &Guard) -> Result<PathBuf> {
    let mut file = PrivateFile::create(path, guard)?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    file.persist()
}

/// Writes `bytes` into `folder` under `name`, or — when that file exists — the first free
/// `stem-2.ext`, `stem-3.ext`, …: nothing earlier is replaced.
pub fn write_first_free(folder: &Path, name: &str, bytes: &[u8], guard: &Guard) -> Result<PathBuf> {
    let first = Path::new(name);
    let stem = first
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = first
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let mut last = None;
    for n in 1..=999u32 {
        let candidate = if n == 1 {
            folder.join(name)
        } else {
            folder.join(format!("{stem}-{n}{ext}"))
        };
        match write_all(&candidate, bytes, guard) {
            Err(Error::OutputRefused {
                why: OutputRefusal::Exists,
                ..
            }) => last = Some(candidate),
            other => return other,
        }
    }
    Err(Error::OutputRefused {
        path: last
            .unwrap_or_else(|| folder.join(name))
            .display()
            .to_string(),
        why: OutputRefusal::Exists,
    })
}

/// Creates `path` new, owner-only, refusing to follow a symbolic link at that name.
pub(crate) fn open_new_private(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// The move into place survives a power cut once the folder's entry is on disk too.
fn sync_folder(target: &Path) {
    #[cfg(unix)]
    if let Some(folder) = target.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
}

impl Write for PrivateFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.as_mut().expect("not persisted").write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.as_mut().expect("not persisted").flush()
    }
}

impl Drop for PrivateFile {
    /// Not persisted: the work failed, so the partial file goes away.
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}
