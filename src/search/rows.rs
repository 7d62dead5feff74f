//! Plain rows the store hands to search (defined here so search can name them).

use crate::domain::{Flag, Flags, Id, PetitionKind, Status};
use chrono::NaiveDate;

/// A petition as the repeat finder sees it: enough to cluster without loading the texts twice.
#[derive(Debug, Clone, PartialEq)]
pub struct RepeatRow {
    pub rowid: i64,
    pub petition_id: Id,
    pub code: String,
    pub kind: PetitionKind,
    pub status: Status,
    pub flags: Flags,
    pub received_on: NaiveDate,
    pub subject_folded: String,
    pub repeat_of: Option<Id>,
    /// None for denunciations and anonymous petitions.
    pub citizen_id: Option<Id>,
    pub name_folded: Option<String>,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    pub commune_folded: Option<String>,
}

/// One petition of a repeat chain or of a citizen's history, as summaries need it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainFact {
    pub petition_id: Id,
    pub code: String,
    pub received_on: NaiveDate,
    pub status: Status,
    pub flags: Flags,
    pub subject: String,
    pub subject_folded: String,
    pub repeat_of: Option<Id>,
    pub kind: PetitionKind,
}

impl ChainFact {
    /// Đã giải quyết hết thẩm quyền.
    pub fn is_final(&self) -> bool {
        self.flags.contains(Flag::Final)
    }
}
