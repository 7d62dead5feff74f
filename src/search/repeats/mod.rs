//! Repeat filings: the likely earlier petitions of one being typed at the desk (with the reason
//! for each), and clusters of likely repeats across the whole database for inspectors.
//!
//! A person is the same when the CCCD/CMND is the same; or the phone and a similar name; or a
//! similar name (typos, swapped or missing middle names) in the same commune. A matter is the same
//! when the subjects share their telling words (parcel and decision numbers above all) in the same
//! place, or when a petition is recorded as repeating another. Different ID numbers on both sides
//! are strong evidence of different people, not proof: a petition whose name and address or
//! subject match strongly is still shown, saying "CCCD khác" (flagged only when the phone agrees
//! too), or "CMND cũ" for an old 9-digit CMND beside a 12-digit CCCD (then name, place, subject
//! and phone decide, and the person model's own link counts as the same number).
//!
//! Layout: [`similarity`] says how alike two names or two subjects are; [`candidates`] judges the
//! earlier petitions against the one being typed (the new-visit pane); [`clusters`] groups the
//! whole database for `tiepdan repeats` and the dashboard's hotspots.

pub mod candidates;
pub mod clusters;
pub mod similarity;

pub use candidates::{
    Candidate, LIKELY, PartialPetition, repeat_candidates, repeat_candidates_of_visit,
};
pub use clusters::{Cluster, ClusterKind, repeat_clusters};
pub use similarity::{key_words, name_similarity, subject_similarity};
