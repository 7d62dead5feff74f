//! `tiepdan export --format json`: JSON Lines, one petition per line, for other programs (the
//! national database sync, a merge, an archive); `tiepdan import FILE.jsonl` reads it back
//! (see `merge`).
//!
//! The line layout (schema `tiepdan.petition/2`) is [`tiepdan_core::records`], shared with the
//! province server.

use super::export::{Filers, filers};
use crate::domain::*;
use crate::error::{Error, Result};
use crate::store::{ExportRecord, Store};
use std::io::Write;

pub use tiepdan_core::records::{EventLine, PetitionLine, SCHEMA, VisitLine};

fn line(record: ExportRecord, visit: Option<Visit>) -> PetitionLine {
    let subject =
        super::export::free_text(&record, &record.petition.subject, crate::i18n::Lang::Vi);
    let summary =
        super::export::free_text(&record, &record.petition.summary, crate::i18n::Lang::Vi);
    let (identity_protected, people) = match filers(&record) {
        Filers::People(_) => (false, record.filers),
        Filers::Protected => (true, Vec::new()),
        Filers::Anonymous => (false, Vec::new()),
    };
    let p = record.petition;
    let s = p.state;
    // Only the attendees whose identity the line shows: a protected denouncer is not named,
    // not even by id.
    let shown = |a: &Attendee| people.iter().any(|c| c.id == a.citizen_id);
    let visit = visit.map(|v| VisitLine {
        id: v.id,
        visited_at: v.visited_at,
        channel: v.channel,
        handling: v.handling,
        visit_kind: v.kind,
        headcount: v.headcount,
        leader_present: v.leader_present,
        officer: v.officer,
        attendees: v.attendees.into_iter().filter(shown).collect(),
    });
    PetitionLine {
        schema: SCHEMA.to_string(),
        id: p.id,
        code: p.code,
        received_on: p.received_on,
        kind: p.kind,
        round: p.round,
        field: p.field,
        source: p.source,
        source_agency: p.source_agency,
        subject,
        summary,
        remote_area: p.remote_area,
        flags: p.flags,
        unit: p.unit,
        officer: p.officer,
        repeat_of: record.repeat_of_code,
        repeat_of_id: p.repeat_of,
        status: s.status,
        complexity: s.complexity,
        competence: s.competence,
        accepted_on: s.accepted_on,
        decision_no: s.decision_no,
        decision_on: s.decision_on,
        closed_on: s.closed_on,
        transferred_to: s.transferred_to,
        transfer_count: s.transfer_count,
        extensions: s.extensions,
        extension_days: s.extension_days,
        paused_days: s.paused_days,
        visit,
        identity_protected,
        filers: people,
        events: record
            .events
            .into_iter()
            .map(|e| EventLine {
                id: e.id,
                kind: e.kind,
                on: e.on,
                recorded_at: e.recorded_at,
                actor: e.actor,
                detail: e.detail,
            })
            .collect(),
    }
}

/// A petition as the exchange records carry it: what `export --format json` writes and what a
/// desk pushes to the province. A denouncer is never in it.
pub fn petition_line(store: &Store, record: ExportRecord) -> Result<PetitionLine> {
    let visit = match record.petition.visit_id {
        Some(id) => store.visit(id)?,
        None => None,
    };
    Ok(line(record, visit))
}

/// Writes every petition as one JSON line; returns how many. `dest` names the output in errors.
pub fn export_jsonl(store: &Store, out: &mut dyn Write, dest: &str) -> Result<usize> {
    let count = store.for_each_petition(|record| {
        serde_json::to_writer(&mut *out, &petition_line(store, record)?)
            .map_err(|e| Error::io(dest, e.into()))?;
        out.write_all(b"\n").map_err(|e| Error::io(dest, e))
    })?;
    out.flush().map_err(|e| Error::io(dest, e))?;
    Ok(count)
}
