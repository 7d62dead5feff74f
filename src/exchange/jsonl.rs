//! `tiepdan export --format json`: JSON Lines, one petition per line, for other programs (the
//! national database sync, a merge, an archive).
//!
//! # Schema `tiepdan.petition/1`
//!
//! Each line is one object:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `schema` | `"tiepdan.petition/1"` | this layout; a change that breaks readers gets a new number |
//! | `id` | UUID string | stable across exports and databases |
//! | `code` | string | the desk's code, e.g. `2026-000123` |
//! | `received_on` | `YYYY-MM-DD` | |
//! | `kind`, `round`, `field`, `source`, `complexity`, `status` | code strings | the stable ASCII codes (`complaint`, `first`, `land`, `desk`, `normal`, `resolved`, …); `round` is `null` except for complaints |
//! | `source_agency`, `unit`, `officer`, `repeat_of` | string or `null` | `repeat_of` is the earlier petition's code |
//! | `subject`, `summary` | string | |
//! | `remote_area` | bool | vùng sâu, vùng xa |
//! | `flags` | array of codes | `group`, `prolonged`, `level_skipping`, `crime_signs`, `final`, `anonymous` |
//! | `competence` | code or `null` | `ours` / `not_ours` |
//! | `accepted_on`, `decision_on`, `closed_on` | date or `null` | |
//! | `decision_no`, `transferred_to` | string or `null` | |
//! | `transfer_count`, `extensions`, `extension_days`, `paused_days` | integer | |
//! | `visit` | object or `null` | `{visit_kind, headcount, leader_present, officer}` of the visit that brought it |
//! | `identity_protected` | bool | true for a denunciation with a named denouncer: `filers` is then empty (Luật Tố cáo 2018, Điều 47) |
//! | `filers` | array | `{full_name, id_number, phone, address, province, commune, birth_year}`; empty when anonymous or protected |
//! | `events` | array, oldest first | `{kind, on, recorded_at, actor, detail}`; `detail` holds only the keys a step uses: `to_agency`, `decision_no`, `days`, `competence`, `complexity`, `partial`, `note` |

use super::export::{Filers, filers};
use crate::domain::*;
use crate::error::{Error, Result};
use crate::store::{ExportRecord, Store};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::io::Write;

pub const SCHEMA: &str = "tiepdan.petition/1";

#[derive(Serialize)]
struct VisitLine<'a> {
    visit_kind: VisitKind,
    headcount: u32,
    leader_present: bool,
    officer: &'a str,
}

#[derive(Serialize)]
struct FilerLine<'a> {
    full_name: &'a str,
    id_number: Option<&'a str>,
    phone: Option<&'a str>,
    address: Option<&'a str>,
    province: Option<&'a str>,
    commune: Option<&'a str>,
    birth_year: Option<i32>,
}

#[derive(Serialize)]
struct EventLine<'a> {
    kind: EventKind,
    on: NaiveDate,
    recorded_at: DateTime<Utc>,
    actor: &'a str,
    detail: &'a StepDetail,
}

#[derive(Serialize)]
struct PetitionLine<'a> {
    schema: &'static str,
    id: Id,
    code: &'a str,
    received_on: NaiveDate,
    kind: PetitionKind,
    round: Option<Round>,
    field: Field,
    source: Source,
    source_agency: Option<&'a str>,
    subject: &'a str,
    summary: &'a str,
    remote_area: bool,
    flags: Flags,
    unit: Option<&'a str>,
    officer: Option<&'a str>,
    repeat_of: Option<&'a str>,
    status: Status,
    complexity: Complexity,
    competence: Option<Competence>,
    accepted_on: Option<NaiveDate>,
    decision_no: Option<&'a str>,
    decision_on: Option<NaiveDate>,
    closed_on: Option<NaiveDate>,
    transferred_to: Option<&'a str>,
    transfer_count: u32,
    extensions: u32,
    extension_days: u32,
    paused_days: i64,
    visit: Option<VisitLine<'a>>,
    identity_protected: bool,
    filers: Vec<FilerLine<'a>>,
    events: Vec<EventLine<'a>>,
}

fn line(record: &ExportRecord) -> PetitionLine<'_> {
    let p = &record.petition;
    let s = &p.state;
    let (identity_protected, people) = match filers(record) {
        Filers::People(people) => (false, people),
        Filers::Protected => (true, &[][..]),
        Filers::Anonymous => (false, &[][..]),
    };
    PetitionLine {
        schema: SCHEMA,
        id: p.id,
        code: &p.code,
        received_on: p.received_on,
        kind: p.kind,
        round: p.round,
        field: p.field,
        source: p.source,
        source_agency: p.source_agency.as_deref(),
        subject: &p.subject,
        summary: &p.summary,
        remote_area: p.remote_area,
        flags: p.flags,
        unit: p.unit.as_deref(),
        officer: p.officer.as_deref(),
        repeat_of: record.repeat_of_code.as_deref(),
        status: s.status,
        complexity: s.complexity,
        competence: s.competence,
        accepted_on: s.accepted_on,
        decision_no: s.decision_no.as_deref(),
        decision_on: s.decision_on,
        closed_on: s.closed_on,
        transferred_to: s.transferred_to.as_deref(),
        transfer_count: s.transfer_count,
        extensions: s.extensions,
        extension_days: s.extension_days,
        paused_days: s.paused_days,
        visit: record.visit.as_ref().map(|v| VisitLine {
            visit_kind: v.kind,
            headcount: v.headcount,
            leader_present: v.leader_present,
            officer: &v.officer,
        }),
        identity_protected,
        filers: people
            .iter()
            .map(|c| FilerLine {
                full_name: &c.full_name,
                id_number: c.id_number.as_deref(),
                phone: c.phone.as_deref(),
                address: c.address.as_deref(),
                province: c.province.as_deref(),
                commune: c.commune.as_deref(),
                birth_year: c.birth_year,
            })
            .collect(),
        events: record
            .events
            .iter()
            .map(|e| EventLine {
                kind: e.kind,
                on: e.on,
                recorded_at: e.recorded_at,
                actor: &e.actor,
                detail: &e.detail,
            })
            .collect(),
    }
}

/// Writes every petition as one JSON line; returns how many. `dest` names the output in errors.
pub fn export_jsonl(store: &Store, out: &mut dyn Write, dest: &str) -> Result<usize> {
    let count = store.for_each_petition(|record| {
        serde_json::to_writer(&mut *out, &line(&record)).map_err(|e| Error::io(dest, e.into()))?;
        out.write_all(b"\n").map_err(|e| Error::io(dest, e))
    })?;
    out.flush().map_err(|e| Error::io(dest, e))?;
    Ok(count)
}
