//! Visits (lượt tiếp) and who attended them.

use crate::domain::{Attendee, Id, Visit};
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

/// Stores a visit. The notes of a visit that brought a denunciation (`protect`) are sealed with
/// the desk key when the connection has it: they hold what the denouncer said.
pub(super) fn insert(conn: &Connection, v: &Visit, protect: bool) -> Result<()> {
    let sealed = if protect && !v.notes.is_empty() {
        super::sealed::seal_visit(conn, v)?
    } else {
        None
    };
    let notes = if sealed.is_some() {
        ""
    } else {
        v.notes.as_str()
    };
    conn.prepare_cached(
        "INSERT INTO visit (id, visited_at, officer, kind, leader_present, channel, headcount, notes,
                            handling, sealed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        v.id,
        v.visited_at,
        v.officer,
        v.kind,
        v.leader_present,
        v.channel,
        v.headcount,
        notes,
        v.handling,
        sealed,
    ])?;
    let mut attend = conn.prepare_cached(
        "INSERT OR IGNORE INTO visit_citizen (visit_id, citizen_id, representative) VALUES (?1, ?2, ?3)",
    )?;
    for a in &v.attendees {
        attend.execute(params![v.id, a.citizen_id, a.representative])?;
    }
    Ok(())
}

pub(super) fn exists(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM visit WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(super) fn by_id(conn: &Connection, id: Id) -> Result<Option<Visit>> {
    let visit = conn
        .prepare_cached(
            "SELECT id, visited_at, officer, kind, leader_present, channel, headcount,
                tiepdan_open(sealed, 'visit', id, 'notes', notes), handling
             FROM visit WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Visit {
                id: r.get(0)?,
                visited_at: r.get(1)?,
                officer: r.get(2)?,
                kind: r.get(3)?,
                leader_present: r.get(4)?,
                channel: r.get(5)?,
                headcount: r.get(6)?,
                notes: r.get(7)?,
                handling: r.get(8)?,
                attendees: Vec::new(),
                petition_ids: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut visit) = visit else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT citizen_id, representative FROM visit_citizen WHERE visit_id = ?1",
    )?;
    visit.attendees = stmt
        .query_map([id], |r| {
            Ok(Attendee {
                citizen_id: r.get(0)?,
                representative: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt =
        conn.prepare_cached("SELECT id FROM petition WHERE visit_id = ?1 ORDER BY code")?;
    visit.petition_ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(visit))
}

impl super::Store {
    pub fn visit(&self, id: Id) -> Result<Option<Visit>> {
        by_id(&self.conn, id)
    }

    /// Visits on one day, most recent first (the desk's "today").
    pub fn visits_on(&self, day: chrono::NaiveDate) -> Result<Vec<Visit>> {
        let from = day.and_time(chrono::NaiveTime::MIN);
        let to = from + chrono::Duration::days(1);
        let ids: Vec<Id> = self
            .conn
            .prepare_cached("SELECT id FROM visit WHERE visited_at >= ?1 AND visited_at < ?2 ORDER BY visited_at DESC")?
            .query_map(params![from, to], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .filter_map(|id| by_id(&self.conn, id).transpose())
            .collect()
    }
}
