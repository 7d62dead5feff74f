//! Seals: a short digest of everything stored about one petition — every column of its row, its
//! filers (each with the name on record), and every column of each of its events. Each write
//! transaction records the seals of the petitions it touched in its audit row, so the
//! hash-chained audit log says what each petition looked like when it was last written; `check`
//! recomputes them and names every petition that changed behind the program's back (a status,
//! kind or subject edited, an event's actor, a citizen's name, a petition deleted or slipped in).
//!
//! Values are hashed as stored, an integer and its decimal text alike (SQLite's column affinity
//! may turn one into the other), so the writer's and the checker's seals agree by construction:
//! both read the rows back through [`scan`].

use crate::domain::{Id, Petition, Step};
use crate::error::Result;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row, params};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Which petitions to read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Which {
    All,
    One(Id),
    /// Stored by the current batch: rowid above the largest before it began.
    After(i64),
}

impl Which {
    /// (petition filter, filter on a `petition_id` column) with `?1` as the parameter.
    fn filters(self) -> (&'static str, &'static str) {
        match self {
            Which::All => ("", ""),
            Which::One(_) => ("WHERE p.id = ?1", "WHERE petition_id = ?1"),
            Which::After(_) => (
                "WHERE p.rowid > ?1",
                "WHERE petition_id IN (SELECT id FROM petition WHERE rowid > ?1)",
            ),
        }
    }
}

/// One petition as read back: its seal, and what the lifecycle replay needs.
pub(super) struct Sealed {
    pub code: String,
    /// None when a column no longer reads as its type (a kind edited into nonsense).
    pub petition: Option<Petition>,
    /// The cached `status` column, as stored.
    pub status: String,
    pub steps: Vec<Step>,
    pub seal: String,
    /// An event that could not be read as a step (a kind or detail edited into nonsense).
    pub unreadable: bool,
}

const PETITION: &str = "p.id, p.code, p.received_on, p.source, p.source_agency, p.kind, p.round,
    p.field, p.subject, p.summary, p.remote_area, p.flags, p.unit, p.officer, p.repeat_of,
    p.visit_id, p.state, p.status, p.subject_folded, p.due_on, p.due_kind, p.created_at,
    p.sealed";
const PETITION_COLUMNS: usize = 22;
const FILER: &str = "f.petition_id, f.citizen_id, c.full_name, c.sealed";
const EVENT: &str = "petition_id, seq, id, kind, on_date, recorded_at, actor, detail";

/// A value's bytes for the digest: kind, length, content.
fn feed(hasher: &mut Sha256, value: ValueRef) {
    use std::io::Write;
    // A number's decimal text, written on the stack (no allocation per column).
    let mut digits = [0u8; 40];
    let mut number = |n: &dyn std::fmt::Display| -> usize {
        let mut cursor = std::io::Cursor::new(&mut digits[..]);
        let _ = write!(cursor, "{n}");
        cursor.position() as usize
    };
    let (tag, bytes): (u8, &[u8]) = match value {
        ValueRef::Null => (0, &[]),
        ValueRef::Integer(i) => {
            let len = number(&i);
            (1, &digits[..len])
        }
        ValueRef::Real(f) => {
            let text = f.to_string();
            return feed_bytes(hasher, 1, text.as_bytes());
        }
        ValueRef::Text(t) => (1, t),
        ValueRef::Blob(b) => (2, b),
    };
    feed_bytes(hasher, tag, bytes);
}

fn feed_bytes(hasher: &mut Sha256, tag: u8, bytes: &[u8]) {
    hasher.update([tag]);
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

fn feed_row(hasher: &mut Sha256, row: &Row, from: usize, to: usize) -> rusqlite::Result<()> {
    for i in from..to {
        feed(hasher, row.get_ref(i)?);
    }
    Ok(())
}

/// A sealed denouncer's or denunciation's ciphertext (issue 13), hashed only when there is one:
/// the seals of every other petition, recorded before sealing existed, stay as they were.
fn feed_sealed(hasher: &mut Sha256, row: &Row, i: usize) -> rusqlite::Result<()> {
    let value = row.get_ref(i)?;
    if !matches!(value, ValueRef::Null) {
        hasher.update(b"sealed");
        feed(hasher, value);
    }
    Ok(())
}

/// The order SQLite sorts a petition id in (NULL, numbers, text, blobs byte-wise), borrowed from
/// the row: the three cursors are merged on it once per row, without copying an id.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    Null,
    Number(i64),
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

fn key(value: ValueRef<'_>) -> Key<'_> {
    match value {
        ValueRef::Blob(b) => Key::Blob(b),
        ValueRef::Text(t) => Key::Text(t),
        ValueRef::Integer(i) => Key::Number(i),
        _ => Key::Null,
    }
}

/// Reads the chosen petitions in id order, each with its filers and events, and hands each one
/// over sealed. Filers or events of no petition are ignored here (the foreign-key check names
/// them).
pub(super) fn scan(
    conn: &Connection,
    which: Which,
    mut each: impl FnMut(Sealed) -> Result<()>,
) -> Result<()> {
    let (on_petition, on_child) = which.filters();
    let mut petitions = conn.prepare(&format!(
        "SELECT {PETITION} FROM petition p {on_petition} ORDER BY p.id"
    ))?;
    let mut filers = conn.prepare(&format!(
        "SELECT {FILER} FROM petition_filer f LEFT JOIN citizen c ON c.id = f.citizen_id
         {} ORDER BY f.petition_id, f.citizen_id",
        on_child.replace("petition_id", "f.petition_id")
    ))?;
    let mut events = conn.prepare(&format!(
        "SELECT {EVENT} FROM event {on_child} ORDER BY petition_id, seq"
    ))?;
    let bind = |stmt: &mut rusqlite::Statement| -> rusqlite::Result<()> {
        match which {
            Which::All => Ok(()),
            Which::One(id) => stmt.raw_bind_parameter(1, id),
            Which::After(rowid) => stmt.raw_bind_parameter(1, rowid),
        }
    };
    bind(&mut petitions)?;
    bind(&mut filers)?;
    bind(&mut events)?;
    let mut petitions = petitions.raw_query();
    let mut filers = filers.raw_query();
    let mut events = events.raw_query();
    let mut filer = filers.next()?;
    let mut event = events.next()?;
    while let Some(row) = petitions.next()? {
        let id = key(row.get_ref(0)?);
        let mut hasher = Sha256::new();
        feed_row(&mut hasher, row, 0, PETITION_COLUMNS)?;
        feed_sealed(&mut hasher, row, PETITION_COLUMNS)?;
        // The first columns are the petition module's, in its order.
        let mut petition = super::petitions::from_row(row).ok();
        let text = |i: usize| -> rusqlite::Result<String> {
            Ok(match row.get_ref(i)? {
                ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                other => format!("{other:?}"),
            })
        };
        let (code, status) = (text(1)?, text(17)?);
        hasher.update(b"filers");
        while let Some(f) = filer {
            match key(f.get_ref(0)?).cmp(&id) {
                std::cmp::Ordering::Less => {}
                std::cmp::Ordering::Equal => {
                    feed_row(&mut hasher, f, 1, 3)?;
                    feed_sealed(&mut hasher, f, 3)?;
                    if let (Some(p), Ok(citizen)) = (petition.as_mut(), f.get::<_, Id>(1)) {
                        p.filers.push(citizen);
                    }
                }
                std::cmp::Ordering::Greater => break,
            }
            filer = filers.next()?;
        }
        hasher.update(b"events");
        let (mut steps, mut unreadable) = (Vec::new(), false);
        while let Some(e) = event {
            match key(e.get_ref(0)?).cmp(&id) {
                std::cmp::Ordering::Less => {}
                std::cmp::Ordering::Equal => {
                    feed_row(&mut hasher, e, 1, 8)?;
                    match step_of(e) {
                        Some(step) => steps.push(step),
                        None => unreadable = true,
                    }
                }
                std::cmp::Ordering::Greater => break,
            }
            event = events.next()?;
        }
        let digest = hasher.finalize();
        each(Sealed {
            code,
            petition,
            status,
            steps,
            seal: digest[..8].iter().map(|b| format!("{b:02x}")).collect(),
            unreadable,
        })?;
    }
    Ok(())
}

fn step_of(e: &Row) -> Option<Step> {
    let detail: String = e.get(7).ok()?;
    Some(Step {
        kind: e.get(3).ok()?,
        on: e.get(4).ok()?,
        detail: serde_json::from_str(&detail).ok()?,
    })
}

/// The seals of what a write touched, by code, for its audit row.
#[derive(Debug, Default)]
pub(super) struct Touched {
    ids: Vec<Id>,
    after: Option<i64>,
}

impl Touched {
    pub fn one(id: Id) -> Touched {
        Touched {
            ids: vec![id],
            after: None,
        }
    }

    /// Petitions stored from now on in this transaction (a batch) are sealed too.
    pub fn from_here(conn: &Connection) -> Result<Touched> {
        let last: i64 =
            conn.query_row("SELECT COALESCE(MAX(rowid), 0) FROM petition", [], |r| {
                r.get(0)
            })?;
        Ok(Touched {
            ids: Vec::new(),
            after: Some(last),
        })
    }

    pub fn push(&mut self, id: Id) {
        self.ids.push(id);
    }

    /// Code → seal of every touched petition, as it stands in the transaction.
    pub fn seals(&self, conn: &Connection) -> Result<BTreeMap<String, String>> {
        let mut seals = BTreeMap::new();
        let mut keep = |s: Sealed| {
            seals.insert(s.code, s.seal);
            Ok(())
        };
        if let Some(after) = self.after {
            scan(conn, Which::After(after), &mut keep)?;
        }
        for id in &self.ids {
            scan(conn, Which::One(*id), &mut keep)?;
        }
        Ok(seals)
    }
}

/// Whether this database's writes are sealed (from the first open by a program that seals).
pub(super) fn sealing(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM meta WHERE key = 'sealed_from'",
            params![],
            |_| Ok(()),
        )
        .map(|()| true)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(false),
            other => Err(other),
        })?)
}
