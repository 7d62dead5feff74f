//! `tiepdan export --format json`: JSON Lines, one petition per line, for other programs (the
//! national database sync, a merge, an archive); `tiepdan import FILE.jsonl` reads it back
//! (see `merge`).
//!
//! # Schema `tiepdan.petition/2`
//!
//! Each line is one object:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `schema` | `"tiepdan.petition/2"` | this layout; a change that breaks readers gets a new number |
//! | `id` | UUID string | stable across exports and databases |
//! | `code` | string | the desk's code, e.g. `2026-000123` |
//! | `received_on` | `YYYY-MM-DD` | |
//! | `kind`, `round`, `field`, `source`, `complexity`, `status` | code strings | the stable ASCII codes (`complaint`, `first`, `land`, `desk`, `normal`, `resolved`, …); `round` is `null` except for complaints |
//! | `source_agency`, `unit`, `officer`, `repeat_of` | string or `null` | `repeat_of` is the earlier petition's code |
//! | `repeat_of_id` | UUID or `null` | the earlier petition's id (/2) |
//! | `subject`, `summary` | string | |
//! | `remote_area` | bool | vùng sâu, vùng xa |
//! | `flags` | array of codes | `group`, `prolonged`, `level_skipping`, `crime_signs`, `final`, `anonymous` |
//! | `competence` | code or `null` | `ours` / `not_ours` |
//! | `accepted_on`, `decision_on`, `closed_on` | date or `null` | |
//! | `decision_no`, `transferred_to` | string or `null` | |
//! | `transfer_count`, `extensions`, `extension_days`, `paused_days` | integer | |
//! | `visit` | object or `null` | `{id, visited_at, channel, handling, visit_kind, headcount, leader_present, officer, attendees}` of the visit that brought it; `attendees` are `{citizen_id, representative}` of the filers shown (the visit's notes are not exported) |
//! | `identity_protected` | bool | true for a denunciation with a named denouncer: `filers` is then empty (Luật Tố cáo 2018, Điều 47) |
//! | `filers` | array | `{id, full_name, id_number, phone, address, province, commune, birth_year}`; empty when anonymous or protected |
//! | `events` | array, oldest first | `{id, kind, on, recorded_at, actor, detail}`; `detail` holds only the keys a step uses: `to_agency`, `decision_no`, `days`, `competence`, `complexity`, `partial`, `note` |
//!
//! Version 2 added the ids (`filers[].id`, `visit.id`, `events[].id`, `repeat_of_id`) and the
//! visit's time, channel, handling and attendees, which a merge needs; a `/1` reader that ignores
//! unknown keys reads `/2` lines unchanged. The status fields are derived from the events: a
//! reader that replays the events gets them back.

use super::export::{Filers, filers};
use crate::domain::*;
use crate::error::{Error, Result};
use crate::store::{ExportRecord, Store};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io::Write;

pub const SCHEMA: &str = "tiepdan.petition/2";

#[derive(Serialize, Deserialize)]
pub(super) struct VisitLine {
    pub id: Id,
    pub visited_at: NaiveDateTime,
    pub channel: Channel,
    pub handling: Handling,
    pub visit_kind: VisitKind,
    pub headcount: u32,
    pub leader_present: bool,
    pub officer: String,
    pub attendees: Vec<Attendee>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct EventLine {
    pub id: Id,
    pub kind: EventKind,
    pub on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
    pub detail: StepDetail,
}

/// One line. Owned, so the same struct writes the export and reads it back.
#[derive(Serialize, Deserialize)]
pub(super) struct PetitionLine {
    pub schema: String,
    pub id: Id,
    pub code: String,
    pub received_on: NaiveDate,
    pub kind: PetitionKind,
    pub round: Option<Round>,
    pub field: Field,
    pub source: Source,
    pub source_agency: Option<String>,
    pub subject: String,
    pub summary: String,
    pub remote_area: bool,
    pub flags: Flags,
    pub unit: Option<String>,
    pub officer: Option<String>,
    pub repeat_of: Option<String>,
    pub repeat_of_id: Option<Id>,
    pub status: Status,
    pub complexity: Complexity,
    pub competence: Option<Competence>,
    pub accepted_on: Option<NaiveDate>,
    pub decision_no: Option<String>,
    pub decision_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub transferred_to: Option<String>,
    pub transfer_count: u32,
    pub extensions: u32,
    pub extension_days: u32,
    pub paused_days: i64,
    pub visit: Option<VisitLine>,
    pub identity_protected: bool,
    /// Same layout as [`Citizen`].
    pub filers: Vec<Citizen>,
    pub events: Vec<EventLine>,
}

fn line(record: ExportRecord, visit: Option<Visit>) -> PetitionLine {
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
        subject: p.subject,
        summary: p.summary,
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

/// Writes every petition as one JSON line; returns how many. `dest` names the output in errors.
pub fn export_jsonl(store: &Store, out: &mut dyn Write, dest: &str) -> Result<usize> {
    let count = store.for_each_petition(|record| {
        let visit = match record.petition.visit_id {
            Some(id) => store.visit(id)?,
            None => None,
        };
        serde_json::to_writer(&mut *out, &line(record, visit))
            .map_err(|e| Error::io(dest, e.into()))?;
        out.write_all(b"\n").map_err(|e| Error::io(dest, e))
    })?;
    out.flush().map_err(|e| Error::io(dest, e))?;
    Ok(count)
}
