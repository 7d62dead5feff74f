//! Search over citizens and petitions at once — typed with or without diacritics, NFC or NFD, any
//! case, words in any order, partial words, one-letter typos and sound-alike spellings — and the
//! repeat-filing finder built on it.
//!
//! Layout (engines are swappable behind [`Engine`], so they can be benchmarked side by side):
//! - [`index`]: the persistent folded index (SQLite FTS5, contentless, one row per petition) that
//!   every write path updates in its own transaction: a petition is findable the moment it is saved.
//! - [`query`]: parsing, typo and sound-alike variants.
//! - [`rank`]: field-weighted word matching, SkimMatcherV2, recency, repeat counts.
//! - [`engine`]: [`IndexEngine`] (the product: candidates from the index, newest first, narrowed
//!   in memory while the desk keeps typing), [`LikeEngine`] (the first version: SQL `LIKE`) and
//!   [`SkimScan`] (SkimMatcherV2 over every row, for comparison).
//! - [`live`]: the per-keystroke worker for the TUI: latest query wins, a new key interrupts the
//!   old query, the background backfill runs while the desk is idle.
//! - [`repeats`]: likely repeats of a petition being typed, and clusters over the whole database.
//! - [`groups`]: results grouped by citizen, with repeat-chain summaries.

pub mod denouncers;
pub mod engine;
pub mod groups;
pub mod index;
pub mod live;
pub mod query;
pub mod rank;
pub mod repeats;
pub mod rows;

pub use engine::{Engine, IndexEngine};
// Benchmark baselines, outside the desk's API unless asked for.
#[cfg(feature = "bench")]
pub use engine::{LikeEngine, SkimScan};
pub use groups::{ChainSummary, Group, search_grouped};
pub use live::LiveSearch;
pub use repeats::{
    Candidate, Cluster, ClusterKind, PartialPetition, repeat_candidates,
    repeat_candidates_of_visit, repeat_clusters,
};

use crate::domain::{Id, PetitionKind, Status};
use crate::error::Result;
use crate::store::Store;
use chrono::NaiveDate;
use serde::Serialize;

/// Why a hit matched, for the desk to judge a possible repeat at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    SameIdNumber,
    SamePhone,
    /// Repeat finder: an old 9-digit CMND on one side, a 12-digit CCCD on the other — one person
    /// may hold both (the CCCD replaced the CMND from 2016 to 2021).
    OldIdNumber,
    /// Repeat finder: another ID number of the same kind, shown because the name and the address
    /// or the subject match strongly (a mistyped number, or a namesake the desk must tell apart).
    OtherIdNumber,
    Name,
    Subject,
    Address,
    Code,
    /// Part of an ID number or phone.
    Identifier,
    Summary,
    /// The field or an agency that sent or received it.
    Agency,
    /// Repeat finder: a name alike up to typos, order, a missing middle name.
    SimilarName,
    SameCommune,
    SimilarSubject,
    /// Linked as a repeat (`repeat_of`) of a petition that matched.
    RepeatChain,
    /// Filed by the person a better hit names (the person model links their identities: an old
    /// CMND and the new CCCD, a phone, a move).
    SamePerson,
    /// The denouncer's name, ID or phone (matched blind; the identity stays protected).
    Denouncer,
}

impl Reason {
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Reason::SameIdNumber => lang.pick("cùng CCCD/CMND", "same ID number"),
            Reason::SamePhone => lang.pick("cùng số điện thoại", "same phone"),
            Reason::OldIdNumber => crate::i18n::old_id_number_label(lang),
            Reason::OtherIdNumber => crate::i18n::other_id_number_label(lang),
            Reason::Name => lang.pick("họ tên", "name"),
            Reason::Subject => lang.pick("nội dung", "subject"),
            Reason::Address => lang.pick("địa chỉ", "address"),
            Reason::Code => lang.pick("mã đơn", "code"),
            Reason::Identifier => lang.pick("số giấy tờ/điện thoại", "ID or phone digits"),
            Reason::Summary => lang.pick("tóm tắt", "summary"),
            Reason::Agency => lang.pick("lĩnh vực/cơ quan", "field or agency"),
            Reason::SimilarName => lang.pick("tên giống", "similar name"),
            Reason::SameCommune => lang.pick("cùng xã/phường", "same commune"),
            Reason::SimilarSubject => lang.pick("nội dung giống", "similar subject"),
            Reason::RepeatChain => lang.pick("cùng chuỗi đơn trùng", "same repeat chain"),
            Reason::SamePerson => crate::i18n::same_person_label(lang),
            Reason::Denouncer => crate::i18n::same_denouncer_label(lang),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub code: String,
    /// None when anonymous or protected (denouncer).
    pub citizen_name: Option<String>,
    pub subject: String,
    pub received_on: NaiveDate,
    pub status: Status,
    pub kind: PetitionKind,
    pub score: i64,
    pub reasons: Vec<Reason>,
    /// The filer's record; None when anonymous or protected (denouncer). In JSON `person_id`:
    /// `citizen_id` is the CCCD/CMND number everywhere a file names it (import, export).
    #[serde(rename = "person_id", skip_serializing_if = "Option::is_none")]
    pub citizen_id: Option<Id>,
    /// How many petitions that citizen has filed (0 when unknown or protected).
    #[serde(skip_serializing_if = "is_zero")]
    pub citizen_petitions: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The best `limit` petitions for `query` (the product engine, one shot). Interactive screens keep
/// an [`IndexEngine`] (or a [`LiveSearch`]) instead, so each keystroke narrows the last one's work.
pub fn search(store: &Store, query: &str, limit: usize) -> Result<Vec<Hit>> {
    IndexEngine::new().search(store, query, limit)
}

#[cfg(test)]
mod tests;
