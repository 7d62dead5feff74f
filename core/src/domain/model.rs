//! The records of the desk. IDs are UUIDv7: globally unique, so databases of several desks merge,
//! and time-ordered, so they index well.

use super::kinds::*;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub type Id = Uuid;

pub fn new_id() -> Id {
    Uuid::now_v7()
}

/// A person who came to the desk or filed a petition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citizen {
    pub id: Id,
    /// As typed, in NFC.
    pub full_name: String,
    /// CCCD (12 digits) or old CMND (9 digits), digits only.
    pub id_number: Option<String>,
    /// Normalised to 0xxxxxxxxx.
    pub phone: Option<String>,
    pub address: Option<String>,
    pub province: Option<String>,
    pub commune: Option<String>,
    pub birth_year: Option<i32>,
}

/// Someone present at a visit; groups name representatives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attendee {
    pub citizen_id: Id,
    pub representative: bool,
}

/// Một lượt tiếp: one sitting at the desk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub id: Id,
    pub visited_at: NaiveDateTime,
    /// The receiving officer.
    pub officer: String,
    pub kind: VisitKind,
    /// The head of the agency received in person (người đứng đầu tiếp).
    pub leader_present: bool,
    pub channel: Channel,
    pub headcount: u32,
    pub notes: String,
    pub handling: Handling,
    pub attendees: Vec<Attendee>,
    /// The petitions this visit created or touched.
    pub petition_ids: Vec<Id>,
}

/// Đoàn đông người: five or more people on one matter (Luật Tiếp công dân 2013, Điều 30).
pub const GROUP_MIN_HEADCOUNT: u32 = 5;

impl Visit {
    pub fn is_group(&self) -> bool {
        self.headcount >= GROUP_MIN_HEADCOUNT
    }
}

/// How many representatives a group of `headcount` may name (Nghị định 64/2014, Điều 4):
/// 5–10 people name 1–2; more than 10 name more, up to 5.
pub fn max_representatives(headcount: u32) -> u32 {
    match headcount {
        0..=4 => headcount,
        5..=10 => 2,
        _ => 5,
    }
}

/// Đơn / vụ việc.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Petition {
    pub id: Id,
    /// Human code, unique per database: `2026-000123`.
    pub code: String,
    pub received_on: NaiveDate,
    pub source: Source,
    /// The agency that sent it, when `source` is not the desk or the post.
    pub source_agency: Option<String>,
    pub kind: PetitionKind,
    pub round: Option<Round>,
    pub field: Field,
    pub subject: String,
    pub summary: String,
    /// Citizens who filed it; empty means anonymous.
    pub filers: Vec<Id>,
    /// Vùng sâu, vùng xa: longer legal periods.
    pub remote_area: bool,
    pub flags: Flags,
    pub unit: Option<String>,
    pub officer: Option<String>,
    /// The earlier petition this one repeats.
    pub repeat_of: Option<Id>,
    /// The visit that brought it, if any.
    pub visit_id: Option<Id>,
    /// Status, competence, complexity, extensions, transfers, decision: all derived from the
    /// events (see `lifecycle::Lifecycle`), never edited directly.
    pub state: super::lifecycle::Lifecycle,
}

impl Petition {
    pub fn status(&self) -> Status {
        self.state.status
    }
    pub fn is_anonymous(&self) -> bool {
        self.filers.is_empty() || self.flags.contains(Flag::Anonymous)
    }
}

/// Optional data that goes with a step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_agency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_no: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competence: Option<Competence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<Complexity>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What a correction changed (`corrected` events only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Correction>,
    /// The marker a `marked` step sets (or, with `unset`, clears).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<Flag>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unset: bool,
    /// What the decision found (`resolved` steps of complaints and denunciations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<Finding>,
    /// The officer an `assigned` step gives the petition to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub officer: Option<String>,
    /// Ngày biết quyết định (`received` steps of complaints): the day the complainant knew of the
    /// decision or act complained of — or, for a second round, received the first-round decision
    /// or saw its period end. The time limit to complain runs from it (Luật Khiếu nại 2011,
    /// Điều 9 and 33).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_on: Option<NaiveDate>,
}

/// One field a correction changed: the value before and after, as recorded (codes for labelled
/// values, ISO dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub field: InputField,
    pub old: String,
    pub new: String,
}

/// A step someone asks for; becomes an [`Event`] once the lifecycle accepts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub kind: EventKind,
    /// The legal date of the step (may be earlier than the day it is recorded).
    pub on: NaiveDate,
    #[serde(default)]
    pub detail: StepDetail,
}

/// One recorded step of a petition's life.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: Id,
    pub petition_id: Id,
    pub kind: EventKind,
    pub on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
    pub detail: StepDetail,
}

impl Event {
    pub fn step(&self) -> Step {
        Step {
            kind: self.kind,
            on: self.on,
            detail: self.detail.clone(),
        }
    }
}
