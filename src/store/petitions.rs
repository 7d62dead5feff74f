//! Petitions: rows, human codes, the cached lifecycle, and the list queries.

use crate::domain::{Flags, Id, Lifecycle, Petition, PetitionKind, Status};
use crate::error::{Error, Result};
use crate::policy::Due;
use crate::text::fold;
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

const COLUMN_NAMES: [&str; 17] = [
    "id",
    "code",
    "received_on",
    "source",
    "source_agency",
    "kind",
    "round",
    "field",
    "subject",
    "summary",
    "remote_area",
    "flags",
    "unit",
    "officer",
    "repeat_of",
    "visit_id",
    "state",
];

/// The columns [`from_row`] reads: a denunciation's subject and summary opened with the desk
/// key when the connection has it (see `sealed`).
pub(super) static COLUMNS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    COLUMN_NAMES
        .iter()
        .map(|c| super::sealed::petition_column("", c))
        .collect::<Vec<_>>()
        .join(", ")
});

pub(super) fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Petition> {
    let state: String = r.get(16)?;
    Ok(Petition {
        id: r.get(0)?,
        code: r.get(1)?,
        received_on: r.get(2)?,
        source: r.get(3)?,
        source_agency: r.get(4)?,
        kind: r.get(5)?,
        round: r.get(6)?,
        field: r.get(7)?,
        subject: r.get(8)?,
        summary: r.get(9)?,
        filers: Vec::new(),
        remote_area: r.get(10)?,
        flags: Flags(r.get(11)?),
        unit: r.get(12)?,
        officer: r.get(13)?,
        repeat_of: r.get(14)?,
        visit_id: r.get(15)?,
        state: serde_json::from_str(&state).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(16, rusqlite::types::Type::Text, e.into())
        })?,
    })
}

/// The next human code for a year: `2026-000124`. Unique per database.
pub(super) fn next_code(conn: &Connection, year: i32) -> Result<String> {
    let last: i64 = conn
        .prepare_cached(
            "INSERT INTO code_counter (year, last) VALUES (?1, 1)
             ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row([year], |r| r.get(0))?;
    Ok(format!("{year}-{last:06}"))
}

/// Makes sure codes counted from now on stay above an imported code like `2026-000517`.
pub(super) fn reserve_code(conn: &Connection, code: &str) -> Result<()> {
    if let Some((year, number)) = code.split_once('-')
        && let (Ok(year), Ok(number)) = (year.parse::<i32>(), number.parse::<i64>())
    {
        conn.prepare_cached(
            "INSERT INTO code_counter (year, last) VALUES (?1, ?2)
             ON CONFLICT(year) DO UPDATE SET last = MAX(last, ?2)",
        )?
        .execute(params![year, number])?;
    }
    Ok(())
}

/// Stores a new petition and its filers; returns the petition's rowid (its search index key).
/// A denunciation's subject and summary are stored sealed when the connection has the desk key.
pub(super) fn insert(conn: &Connection, p: &Petition, due: Option<&Due>, at: &str) -> Result<i64> {
    let sealed = if crate::privacy::protects_identity(p.kind) {
        super::sealed::seal_petition(conn, p)?
    } else {
        None
    };
    let (subject, subject_folded, summary) = match sealed {
        Some(_) => (super::sealed::placeholder(), String::new(), ""),
        None => (p.subject.as_str(), fold(&p.subject), p.summary.as_str()),
    };
    conn.prepare_cached(
        "INSERT INTO petition (id, code, received_on, source, source_agency, kind, round, field,
            subject, subject_folded, summary, remote_area, flags, unit, officer, repeat_of, visit_id,
            status, state, due_on, due_kind, created_at, sealed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19, ?20, ?21, ?22, ?23)",
    )?
    .execute(params![
        p.id,
        p.code,
        p.received_on,
        p.source,
        p.source_agency,
        p.kind,
        p.round,
        p.field,
        subject,
        subject_folded,
        summary,
        p.remote_area,
        p.flags.0,
        p.unit,
        p.officer,
        p.repeat_of,
        p.visit_id,
        p.state.status,
        serde_json::to_string(&p.state).expect("lifecycle serialises"),
        due.map(|d| d.due_on),
        due.map(|d| d.which.code()),
        at,
        sealed,
    ])?;
    let rowid = conn.last_insert_rowid();
    let mut filer = conn.prepare_cached(
        "INSERT OR IGNORE INTO petition_filer (petition_id, citizen_id) VALUES (?1, ?2)",
    )?;
    for citizen in &p.filers {
        filer.execute(params![p.id, citizen])?;
    }
    Ok(rowid)
}

/// Stores the replayed lifecycle and the deadline it implies.
pub(super) fn update_state(
    conn: &Connection,
    id: Id,
    state: &Lifecycle,
    due: Option<&Due>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE petition SET status = ?2, state = ?3, due_on = ?4, due_kind = ?5 WHERE id = ?1",
    )?
    .execute(params![
        id,
        state.status,
        serde_json::to_string(state).expect("lifecycle serialises"),
        due.map(|d| d.due_on),
        due.map(|d| d.which.code())
    ])?;
    Ok(())
}

/// A marker set or cleared by a `marked` step.
pub(super) fn update_flags(conn: &Connection, id: Id, flags: Flags) -> Result<()> {
    conn.prepare_cached("UPDATE petition SET flags = ?2 WHERE id = ?1")?
        .execute(params![id, flags.0])?;
    Ok(())
}

/// The officer given the petition by an `assigned` step.
pub(super) fn update_officer(conn: &Connection, id: Id, officer: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE petition SET officer = ?2 WHERE id = ?1")?
        .execute(params![id, officer])?;
    Ok(())
}

fn with_filers(conn: &Connection, petition: Option<Petition>) -> Result<Option<Petition>> {
    let Some(mut p) = petition else {
        return Ok(None);
    };
    let mut stmt =
        conn.prepare_cached("SELECT citizen_id FROM petition_filer WHERE petition_id = ?1")?;
    p.filers = stmt
        .query_map([p.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(p))
}

pub(super) fn by_code(conn: &Connection, code: &str) -> Result<Option<Petition>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {} FROM petition WHERE code = ?1",
            *COLUMNS
        ))?
        .query_row([code.trim()], from_row)
        .optional()?;
    with_filers(conn, row)
}

pub(super) fn exists(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM petition WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(super) fn by_id(conn: &Connection, id: Id) -> Result<Option<Petition>> {
    let row = conn
        .prepare_cached(&format!("SELECT {} FROM petition WHERE id = ?1", *COLUMNS))?
        .query_row([id], from_row)
        .optional()?;
    with_filers(conn, row)
}

pub(super) fn require_code(conn: &Connection, code: &str) -> Result<Petition> {
    by_code(conn, code)?.ok_or_else(|| Error::NotFound {
        what: "đơn / petition",
        key: code.to_string(),
    })
}

/// One line of the deadline list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DueRow {
    pub code: String,
    pub kind: PetitionKind,
    pub status: Status,
    pub subject: String,
    pub received_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub due_kind: Option<String>,
    pub officer: Option<String>,
    pub flags: Flags,
}

/// Reads a row selected as `code, kind, status, subject, received_on, due_on, due_kind, officer, flags`.
pub(super) fn due_row(r: &rusqlite::Row) -> rusqlite::Result<DueRow> {
    Ok(DueRow {
        code: r.get(0)?,
        kind: r.get(1)?,
        status: r.get(2)?,
        subject: r.get(3)?,
        received_on: r.get(4)?,
        due_on: r.get(5)?,
        due_kind: r.get(6)?,
        officer: r.get(7)?,
        flags: Flags(r.get(8)?),
    })
}

/// `status NOT IN (...)` for the closed statuses, from the one definition of "closed".
pub(super) fn open_filter() -> String {
    let closed: Vec<String> = Status::ALL
        .iter()
        .filter(|s| s.is_closed())
        .map(|s| format!("'{}'", s.code()))
        .collect();
    format!("status NOT IN ({})", closed.join(","))
}

/// Which open petitions a list wants.
#[derive(Debug, Clone, Default)]
pub struct PetitionQuery {
    /// Only those due on or before this day (suspended ones, whose clock is paused, are kept).
    pub due_by: Option<NaiveDate>,
    pub limit: Option<usize>,
}

impl super::Store {
    pub fn petition(&self, code: &str) -> Result<Petition> {
        require_code(&self.conn, code)
    }

    pub fn petition_by_id(&self, id: Id) -> Result<Option<Petition>> {
        by_id(&self.conn, id)
    }

    pub fn petition_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM petition", [], |r| r.get(0))?)
    }

    /// Petitions that repeat this one, and the one it repeats: the repeat chain, oldest first.
    pub fn repeat_chain(&self, petition: &Petition) -> Result<Vec<Petition>> {
        let mut root = petition.clone();
        let mut hops = 0;
        while let Some(parent) = root.repeat_of {
            match by_id(&self.conn, parent)? {
                Some(p) if hops < 1000 => root = p,
                _ => break,
            }
            hops += 1;
        }
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "WITH RECURSIVE chain(id) AS (SELECT ?1 UNION SELECT p.id FROM petition p JOIN chain c ON p.repeat_of = c.id)
                 SELECT p.id FROM petition p JOIN chain USING (id) ORDER BY p.received_on, p.code",
            )?
            .query_map([root.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .filter_map(|id| by_id(&self.conn, id).transpose())
            .collect()
    }

    /// Open petitions by deadline, soonest first; suspended ones (no running deadline) last.
    pub fn open_petitions(&self, query: &PetitionQuery) -> Result<Vec<DueRow>> {
        let sql = format!(
            "SELECT code, kind, status, tiepdan_open(sealed, 'petition', id, 'subject', subject),
                received_on, due_on, due_kind, officer, flags
             FROM petition
             WHERE {} AND (?1 IS NULL OR due_on IS NULL OR due_on <= ?1)
             ORDER BY due_on IS NULL, due_on, code LIMIT ?2",
            open_filter()
        );
        let limit = query.limit.map(|l| l as i64).unwrap_or(-1);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![query.due_by, limit], due_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(super) fn year_of(date: NaiveDate) -> i32 {
    date.year()
}
