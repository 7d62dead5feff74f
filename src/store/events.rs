//! Events: the petition's history, append-only; the status is replayed from them.

use crate::domain::{Event, Id, Step, new_id};
use crate::error::Result;
use rusqlite::{Connection, params};

/// Appends a step after the petition's last event.
pub(super) fn append(
    conn: &Connection,
    petition_id: Id,
    step: &Step,
    actor: &str,
    at: &str,
) -> Result<Event> {
    let seq: i64 = conn
        .prepare_cached("SELECT COALESCE(MAX(seq), 0) + 1 FROM event WHERE petition_id = ?1")?
        .query_row([petition_id], |r| r.get(0))?;
    insert_step(conn, petition_id, seq, step, actor, at)
}

/// Stores a step at a known position in the history (bulk loads know it without asking).
pub(super) fn insert_step(
    conn: &Connection,
    petition_id: Id,
    seq: i64,
    step: &Step,
    actor: &str,
    at: &str,
) -> Result<Event> {
    let event = Event {
        id: new_id(),
        petition_id,
        kind: step.kind,
        on: step.on,
        recorded_at: chrono::DateTime::parse_from_rfc3339(at)
            .map(|t| t.to_utc())
            .unwrap_or_else(|_| super::now_utc()),
        actor: actor.to_string(),
        detail: step.detail.clone(),
    };
    insert(conn, &event, seq, at)?;
    Ok(event)
}

pub(super) fn insert(conn: &Connection, event: &Event, seq: i64, at: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO event (id, petition_id, seq, kind, on_date, recorded_at, actor, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        event.id,
        event.petition_id,
        seq,
        event.kind,
        event.on,
        at,
        event.actor,
        serde_json::to_string(&event.detail).expect("step detail serialises")
    ])?;
    Ok(())
}

pub(super) fn of_petition(conn: &Connection, petition_id: Id) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, petition_id, kind, on_date, recorded_at, actor, detail
         FROM event WHERE petition_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([petition_id], |r| {
        let detail: String = r.get(6)?;
        let recorded: String = r.get(4)?;
        Ok(Event {
            id: r.get(0)?,
            petition_id: r.get(1)?,
            kind: r.get(2)?,
            on: r.get(3)?,
            recorded_at: chrono::DateTime::parse_from_rfc3339(&recorded)
                .map(|t| t.to_utc())
                .map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        4,
                        rusqlite::types::Type::Text,
                        e.into(),
                    )
                })?,
            actor: r.get(5)?,
            detail: serde_json::from_str(&detail).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, e.into())
            })?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl super::Store {
    /// A petition's history, oldest first.
    pub fn events(&self, petition_id: Id) -> Result<Vec<Event>> {
        of_petition(&self.conn, petition_id)
    }
}
