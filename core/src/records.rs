//! The exchange records: one JSON line per petition, written by a desk's `export --format json`,
//! read by its `import`, and the unit a desk and the province server exchange.
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

use crate::domain::*;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "tiepdan.petition/2";

#[derive(Serialize, Deserialize)]
pub struct VisitLine {
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
pub struct EventLine {
    pub id: Id,
    pub kind: EventKind,
    pub on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
    pub detail: StepDetail,
}

/// One line. Owned, so the same struct writes the export and reads it back.
#[derive(Serialize, Deserialize)]
pub struct PetitionLine {
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
