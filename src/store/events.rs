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
    insert(conn, &event, seq, at)
}

/// Stores `event` at `seq`; returns it as stored (a denunciation's note sealed when the key is
/// unlocked), which is what the audit row may record.
pub(super) fn insert(conn: &Connection, event: &Event, seq: i64, at: &str) -> Result<Event> {
    // A step's note on a denunciation is the officer's words about the denouncer's matter:
    // sealed like its summary (issue 13).
    let sealed_note = match event.detail.note.as_deref() {
        Some(note) if !note.is_empty() && !note.starts_with(super::sealed::SEALED_CHANGE) => {
            super::sealed::seal_note(conn, event.petition_id, note)?
        }
        _ => None,
    };
    let mut stored = event.clone();
    if let Some(note) = sealed_note {
        stored.detail.note = Some(note);
    }
    let detail = serde_json::to_string(&stored.detail).expect("step detail serialises");
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
        detail
    ])?;
    Ok(stored)
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
    /// A petition's history, oldest first, as stored (a denunciation's notes and corrected
    /// texts sealed: see [`super::Store::events_shown`]).
    pub fn events(&self, petition_id: Id) -> Result<Vec<Event>> {
        of_petition(&self.conn, petition_id)
    }
}
