//! Possible repeats while a visit is typed: each earlier petition that may be the same person or
//! the same matter, with why it matched. Every lookup goes through `tiepdan::search::search`, so a
//! faster search engine speeds this pane up without touching it.

use chrono::NaiveDate;
use std::collections::HashMap;
use tiepdan::domain::{PetitionKind, Status};
use tiepdan::i18n::Lang;
use tiepdan::search::{Reason, search};
use tiepdan::store::Store;
use tiepdan::text::fold;

/// Why an earlier petition is offered as a possible repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    SameIdNumber,
    SamePhone,
    SimilarName,
    SameCommune,
    SimilarSubject,
}

impl Why {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Why::SameIdNumber => lang.pick("cùng CCCD", "same ID"),
            Why::SamePhone => lang.pick("cùng SĐT", "same phone"),
            Why::SimilarName => lang.pick("tên giống", "similar name"),
            Why::SameCommune => lang.pick("cùng xã/phường", "same commune"),
            Why::SimilarSubject => lang.pick("nội dung giống", "similar subject"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub code: String,
    /// None when anonymous or a denunciation (identity protected).
    pub citizen_name: Option<String>,
    pub kind: PetitionKind,
    pub subject: String,
    pub received_on: NaiveDate,
    pub status: Status,
    pub why: Vec<Why>,
    score: i64,
}

/// What the operator has typed so far that can point at an earlier petition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Probe {
    pub names: Vec<String>,
    pub id_numbers: Vec<String>,
    pub phones: Vec<String>,
    /// Folded communes parsed from the typed addresses.
    pub communes: Vec<String>,
    pub subject: String,
}

/// Shorter than this and a name or subject matches half the database.
const MIN_NAME_CHARS: usize = 4;
const MIN_SUBJECT_CHARS: usize = 6;
const PER_QUERY: usize = 12;
pub const SHOWN: usize = 8;

impl Probe {
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.id_numbers.is_empty() && self.phones.is_empty() && self.subject.is_empty()
    }

    /// Keeps only what is long enough to search on.
    pub fn new(names: &[&str], ids: &[&str], phones: &[&str], addresses: &[&str], subject: &str) -> Probe {
        let digits = |s: &&str| s.chars().filter(char::is_ascii_digit).count();
        Probe {
            names: names.iter().map(|n| fold(n)).filter(|n| n.chars().count() >= MIN_NAME_CHARS).collect(),
            id_numbers: ids.iter().filter(|i| digits(i) >= 9).map(|i| i.to_string()).collect(),
            phones: phones.iter().filter(|p| digits(p) >= 9).map(|p| p.to_string()).collect(),
            communes: addresses
                .iter()
                .filter_map(|a| tiepdan::intake::parse_address(a).1)
                .map(|c| fold(&c))
                .collect(),
            subject: Some(fold(subject)).filter(|s| s.chars().count() >= MIN_SUBJECT_CHARS).unwrap_or_default(),
        }
    }
}

/// The possible repeats for `probe`, most telling first.
pub fn find(store: &Store, probe: &Probe) -> tiepdan::Result<Vec<Candidate>> {
    let mut found: HashMap<String, Candidate> = HashMap::new();
    let mut add = |hit: tiepdan::search::Hit, why: Why| {
        let entry = found.entry(hit.code.clone()).or_insert_with(|| Candidate {
            code: hit.code.clone(),
            citizen_name: hit.citizen_name.clone(),
            kind: hit.kind,
            subject: hit.subject.clone(),
            received_on: hit.received_on,
            status: hit.status,
            why: Vec::new(),
            score: 0,
        });
        if !entry.why.contains(&why) {
            entry.why.push(why);
        }
        entry.score = entry.score.max(hit.score);
    };
    for number in probe.id_numbers.iter().chain(&probe.phones) {
        for hit in search(store, number, PER_QUERY)? {
            let why = if hit.reasons.contains(&Reason::SameIdNumber) { Why::SameIdNumber } else { Why::SamePhone };
            add(hit, why);
        }
    }
    for name in &probe.names {
        for hit in search(store, name, PER_QUERY)? {
            if hit.reasons.contains(&Reason::Name) {
                add(hit, Why::SimilarName);
            }
        }
    }
    if !probe.subject.is_empty() {
        for hit in search(store, &probe.subject, PER_QUERY)? {
            if hit.reasons.contains(&Reason::Subject) {
                add(hit, Why::SimilarSubject);
            }
        }
    }
    let mut list: Vec<Candidate> = found.into_values().collect();
    if !probe.communes.is_empty() {
        for candidate in list.iter_mut().filter(|c| c.why.contains(&Why::SimilarName)) {
            if store.filer_communes(&candidate.code)?.iter().any(|c| probe.communes.contains(c)) {
                candidate.why.push(Why::SameCommune);
            }
        }
    }
    for candidate in &mut list {
        candidate.why.sort();
    }
    // Identifiers outrank everything; then the number of reasons; then the match quality.
    list.sort_by(|a, b| {
        let strong = |c: &Candidate| c.why.iter().any(|w| matches!(w, Why::SameIdNumber | Why::SamePhone));
        strong(b)
            .cmp(&strong(a))
            .then(b.why.len().cmp(&a.why.len()))
            .then(b.score.cmp(&a.score))
            .then(b.received_on.cmp(&a.received_on))
    });
    list.truncate(SHOWN);
    Ok(list)
}
