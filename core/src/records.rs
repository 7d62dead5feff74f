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

#[derive(Debug, Clone, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventLine {
    pub id: Id,
    pub kind: EventKind,
    pub on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
    pub detail: StepDetail,
}

/// One line. Owned, so the same struct writes the export and reads it back.
#[derive(Debug, Clone, Serialize, Deserialize)]
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

impl PetitionLine {
    /// The checks every other door applies, on a line that arrives from elsewhere (a merge, a
    /// desk's push to the province): its layout, dates, names, subject, identifiers, headcount,
    /// no control characters, a history that starts with the receipt. The first failure wins.
    pub fn check(&self, today: NaiveDate) -> crate::Result<()> {
        use crate::error::{Error, Problem};
        use crate::validate::{self, MAX_LINE, MAX_NAME};
        let one_line = |field: InputField, text: &str, max: usize| -> crate::Result<()> {
            if text.chars().any(char::is_control) {
                return Err(Error::invalid(field, Problem::ControlCharacters));
            }
            validate::required(field, text, max).map(|_| ())
        };
        if self.schema != SCHEMA {
            return Err(Error::UnknownValue {
                what: "schema",
                value: crate::text::for_terminal(&self.schema).into_owned(),
                allowed: SCHEMA.to_string(),
            });
        }
        one_line(InputField::Code, &self.code, 40)?;
        let earliest = NaiveDate::from_ymd_opt(1945, 1, 1).expect("a date");
        if self.received_on < earliest || self.received_on > today + chrono::Days::new(1) {
            return Err(Error::invalid(
                InputField::ReceivedOn,
                Problem::DateOutOfRange,
            ));
        }
        one_line(InputField::Subject, &self.subject, MAX_LINE)?;
        for citizen in &self.filers {
            one_line(InputField::Name, &citizen.full_name, MAX_NAME)?;
            if let Some(number) = &citizen.id_number {
                validate::id_number(number)?;
            }
            if let Some(phone) = &citizen.phone {
                validate::phone(phone)?;
            }
        }
        if let Some(visit) = &self.visit {
            validate::headcount(visit.headcount)?;
        }
        match self.events.first() {
            Some(first) if first.kind == EventKind::Received && first.on == self.received_on => {
                Ok(())
            }
            _ => Err(Error::invalid(InputField::ReceivedOn, Problem::DateInvalid)),
        }
    }
}

/// The province protocol (desk ↔ `tiepdan-server`): a change that either side cannot read gets a
/// new number, and each side refuses the other's with both versions named.
pub const PROTOCOL: u32 = 1;
/// The request header that carries the desk's [`PROTOCOL`].
pub const PROTOCOL_HEADER: &str = "x-tiepdan-protocol";
/// The request header that carries the desk program's version.
pub const VERSION_HEADER: &str = "x-tiepdan-version";

/// How one side names its version in a skew message: "0.1.0 (protocol 1)".
pub fn version_label(version: &str, protocol: u32) -> String {
    format!("{version} (protocol {protocol})")
}

/// `GET /v1/hello`: who the token belongs to and where the desk's pushes stopped.
#[derive(Debug, Serialize, Deserialize)]
pub struct Hello {
    pub protocol: u32,
    pub version: String,
    pub desk: String,
    pub read_only: bool,
    /// The highest `desk_seq` the server holds from this desk (0: none).
    pub cursor: i64,
}

/// One record pushed by a desk: a petition as it stands after one of its events.
#[derive(Serialize, Deserialize)]
pub struct Pushed {
    /// The desk's own, increasing number for this record (its latest event's position).
    pub desk_seq: i64,
    pub line: PetitionLine,
}

/// `POST /v1/records`: one batch, stored in one transaction or not at all.
#[derive(Serialize, Deserialize)]
pub struct PushBatch {
    pub records: Vec<Pushed>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PushReply {
    pub stored: u64,
    pub duplicates: u64,
    pub cursor: i64,
}

/// One petition of the province as the server hands it out: its latest record.
#[derive(Serialize, Deserialize)]
pub struct Pulled {
    /// The province-wide order of the record: the puller's cursor.
    pub seq: i64,
    /// The desk that filed it.
    pub desk: String,
    pub line: PetitionLine,
}

/// `GET /v1/petitions?after=SEQ&limit=N[&all=true]`.
#[derive(Serialize, Deserialize)]
pub struct PullReply {
    pub petitions: Vec<Pulled>,
    /// The cursor to ask with next time.
    pub next: i64,
    pub more: bool,
}

/// A refusal from the server: `error` is a stable code (`wrong_token`, `read_only`, `version`,
/// `invalid`, `database`), the rest what the desk needs to say it in either language.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct WireError {
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_vi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_en: Option<String>,
    /// With `version`: the server's version label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
}

impl PetitionLine {
    /// The folded words a province search matches a petition on: the filers' names, ID numbers
    /// and phones, and the subject — as the desk folds them (`text::fold`), so "Nguyễn Văn An"
    /// at one desk finds "nguyen van an" at another. A protected denouncer has no filers here.
    pub fn search_terms(&self) -> Vec<String> {
        let mut terms: Vec<String> = Vec::new();
        let mut words = |text: &str| {
            for word in crate::text::fold(text).split(|c: char| !c.is_alphanumeric()) {
                if !word.is_empty() {
                    terms.push(word.to_string());
                }
            }
        };
        for filer in &self.filers {
            words(&filer.full_name);
            if let Some(n) = &filer.id_number {
                words(n);
            }
            if let Some(p) = &filer.phone {
                words(p);
            }
        }
        words(&self.subject);
        terms.sort();
        terms.dedup();
        terms
    }

    /// Removes what must never leave the desk in clear: a denunciation's filers (Luật Tố cáo
    /// 2018, Điều 47) and the visit attendees who would name them.
    pub fn without_denouncers(mut self) -> PetitionLine {
        if crate::privacy::protects_identity(self.kind) && !self.filers.is_empty() {
            self.filers.clear();
            self.identity_protected = true;
            if let Some(visit) = &mut self.visit {
                visit.attendees.clear();
            }
        }
        self
    }
}
