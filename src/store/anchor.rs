//! The audit chain's anchor outside the database: after every write transaction the head of the
//! chain (sequence, hash) is appended to `<db>.anchor`, a file readable by its owner only and only
//! ever appended to. Whatever happens to the database file — newest audit rows deleted, the whole
//! log emptied, a damaged or truncated WAL that silently lost committed visits, history rewritten
//! and re-hashed — the anchor still says how far the chain had reached and what its rows hashed
//! to, and `check` compares.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// `desk.sqlite3` → `desk.sqlite3.anchor`.
pub fn path_of(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".anchor");
    PathBuf::from(name)
}

/// The newest audit row: (seq, hash), or (0, "") for an empty log.
pub(super) fn head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, String::new())))
}

/// Appends one head to the anchor (created owner-only, never through a link), on disk before
/// returning.
pub(super) fn append(db: &Path, seq: i64, hash: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(path_of(db))?;
    file.write_all(format!("{seq} {hash}\n").as_bytes())?;
    file.sync_data()
}

/// Where the anchor began (the audit head then), if it has.
pub(super) fn started_at(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'anchored_from'",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

pub(super) fn started(conn: &Connection) -> Result<bool> {
    Ok(started_at(conn)?.is_some())
}

/// What the anchor file holds: seq → hash, and how many lines could not be read.
pub(super) struct Anchor {
    pub heads: BTreeMap<i64, String>,
    /// Lines that are not a head, and sequence numbers anchored twice with different hashes.
    pub unreadable: usize,
}

/// Reads the anchor; None when there is none.
pub(super) fn read(db: &Path) -> Result<Option<Anchor>> {
    let path = path_of(db);
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(crate::Error::io(&path, e)),
    };
    let mut anchor = Anchor {
        heads: BTreeMap::new(),
        unreadable: 0,
    };
    for line in std::io::BufReader::new(file).split(b'\n') {
        let line = line.map_err(|e| crate::Error::io(&path, e))?;
        let text = String::from_utf8_lossy(&line);
        let mut parts = text.split_whitespace();
        match (
            parts.next().and_then(|s| s.parse::<i64>().ok()),
            parts.next(),
            parts.next(),
        ) {
            (Some(seq), Some(hash), None) if hash.len() == 64 => {
                // The first line for a sequence number is what was written then.
                match anchor.heads.entry(seq) {
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(hash.to_string());
                    }
                    std::collections::btree_map::Entry::Occupied(first) => {
                        if first.get() != hash {
                            anchor.unreadable += 1;
                        }
                    }
                }
            }
            (Some(0), None, None) => {
                anchor.heads.insert(0, String::new());
            }
            _ if text.trim().is_empty() => {}
            _ => anchor.unreadable += 1,
        }
    }
    Ok(Some(anchor))
}
