//! The person model's rules. Each petition keeps its filer's identity exactly as it was given on
//! that petition (a snapshot: name, CCCD/CMND, phone, address, birth year); a person links
//! snapshots and never rewrites one. These pure rules decide when a new snapshot joins a person
//! already on record; the store gathers the candidates and records the decision.
//!
//! - **Same ID number + compatible name** links: the same name, tone marks only, another word
//!   order, a missing middle name, or a typo (one edit in a word of 3+ letters, two in 7+).
//! - **Same ID number + incompatible name** stays apart and is flagged for review
//!   ("cùng số CCCD, khác họ tên"): an ID match is strong evidence, not proof (typing errors,
//!   a relative's papers).
//! - **Same phone + the same name** (tone marks or word order aside) links; a shared phone with
//!   another name does not (families share phones), nor does one with a different ID number.
//! - **Old 9-digit CMND and new 12-digit CCCD** are one person's aliases when the name is the
//!   same and the birth year or the address is the same too.

use crate::domain::{Citizen, Id};
use crate::i18n::{Lang, PersonText, person_text};
use crate::search::index::terms;
use crate::search::query::distance_within;
use crate::text::{fold, nfc};

/// How two written names agree, strongest first. `None` from [`name_match`]: incompatible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameMatch {
    Exact,
    ToneMarks,
    Order,
    MissingMiddle,
    Typo,
}

impl NameMatch {
    /// Strong enough without an ID number to back it (phone and CMND/CCCD alias rules).
    pub fn is_same_words(self) -> bool {
        matches!(
            self,
            NameMatch::Exact | NameMatch::ToneMarks | NameMatch::Order
        )
    }
}

/// Edits a word of `len` letters may carry and still be the same word mistyped.
fn edits_allowed(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=6 => 1,
        _ => 2,
    }
}

/// Whether `a` is `b` mistyped: within the edit budget, and a changed first letter only when it
/// was dropped or added ("uong" for "duong"), never replaced ("hung" and "dung" are two names).
fn word_typo(a: &str, b: &str) -> bool {
    let longest = a.chars().count().max(b.chars().count());
    let Some(edits) = distance_within(a, b, edits_allowed(longest)) else {
        return false;
    };
    if edits == 0 {
        return true;
    }
    let (fa, fb) = (a.chars().next(), b.chars().next());
    fa == fb || a.get(1..) == Some(b) || b.get(1..) == Some(a)
}

/// `short` is `long` with some middle words left out: same first and last word, the rest in order.
fn missing_middle(short: &[&str], long: &[&str]) -> bool {
    if short.len() < 2 || short.len() >= long.len() {
        return false;
    }
    if short[0] != long[0] || short[short.len() - 1] != long[long.len() - 1] {
        return false;
    }
    let mut rest = long[1..long.len() - 1].iter();
    short[1..short.len() - 1]
        .iter()
        .all(|word| rest.any(|l| l == word))
}

/// How the names `a` and `b` (as written) agree, if they may be one person's.
pub fn name_match(a: &str, b: &str) -> Option<NameMatch> {
    let (na, nb) = (nfc(a.trim()), nfc(b.trim()));
    if na.is_empty() || nb.is_empty() {
        return None;
    }
    if na.split_whitespace().eq(nb.split_whitespace()) {
        return Some(NameMatch::Exact);
    }
    let (fa, fb) = (fold(&na), fold(&nb));
    let x: Vec<&str> = terms(&fa).collect();
    let y: Vec<&str> = terms(&fb).collect();
    if x.is_empty() || y.is_empty() {
        return None;
    }
    if x == y {
        return Some(NameMatch::ToneMarks);
    }
    let (mut sx, mut sy) = (x.clone(), y.clone());
    sx.sort_unstable();
    sy.sort_unstable();
    if sx == sy {
        return Some(NameMatch::Order);
    }
    if missing_middle(&x, &y) || missing_middle(&y, &x) {
        return Some(NameMatch::MissingMiddle);
    }
    if x.len() == y.len() {
        let differing = x.iter().zip(&y).filter(|(a, b)| a != b).count();
        let all_alike = x.iter().zip(&y).all(|(a, b)| word_typo(a, b));
        // One wrong word, or two in a name of three or more: the rest must stand as written.
        if all_alike && (differing == 1 || (differing == 2 && x.len() >= 3)) {
            return Some(NameMatch::Typo);
        }
    }
    None
}

/// The two kinds of ID number a desk meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// Căn cước công dân, 12 digits.
    Cccd,
    /// The old chứng minh nhân dân, 9 digits.
    Cmnd,
}

pub fn id_kind(number: &str) -> Option<IdKind> {
    match number.len() {
        12 => Some(IdKind::Cccd),
        9 => Some(IdKind::Cmnd),
        _ => None,
    }
}

/// Why a snapshot joined a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkRule {
    /// The same CCCD/CMND and a compatible name.
    SameId,
    /// The same phone and the same name.
    PhoneAndName,
    /// An old CMND and a new CCCD with the same name and birth year or address.
    CmndCccd,
    /// An officer merged the two persons (`citizen merge`).
    Merged,
}

impl LinkRule {
    pub fn code(self) -> &'static str {
        match self {
            LinkRule::SameId => "same_id",
            LinkRule::PhoneAndName => "phone_name",
            LinkRule::CmndCccd => "cmnd_cccd",
            LinkRule::Merged => "merged",
        }
    }

    pub fn parse(code: &str) -> Option<LinkRule> {
        [
            LinkRule::SameId,
            LinkRule::PhoneAndName,
            LinkRule::CmndCccd,
            LinkRule::Merged,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            LinkRule::SameId => person_text(PersonText::LinkSameId, lang),
            LinkRule::PhoneAndName => person_text(PersonText::LinkPhoneAndName, lang),
            LinkRule::CmndCccd => person_text(PersonText::LinkCmndCccd, lang),
            LinkRule::Merged => person_text(PersonText::LinkMerged, lang),
        }
    }
}

/// The review flag of a snapshot kept apart from a person holding the same ID number.
pub fn same_id_other_name_label(lang: Lang) -> &'static str {
    person_text(PersonText::SameIdOtherName, lang)
}

/// A person already on record near a new snapshot, with every snapshot linked to them.
#[derive(Debug, Clone)]
pub struct Known {
    pub person: Id,
    pub snapshots: Vec<Citizen>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Link {
        person: Id,
        rule: LinkRule,
    },
    /// A person of their own; `review` names persons holding the same ID number under an
    /// incompatible name ("cùng số CCCD, khác họ tên").
    NewPerson {
        review: Vec<Id>,
    },
}

fn same_folded(a: &Option<String>, b: &Option<String>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if !a.trim().is_empty() && fold(a) == fold(b))
}

fn best_name(new: &Citizen, person: &Known) -> Option<NameMatch> {
    person
        .snapshots
        .iter()
        .filter_map(|s| name_match(&new.full_name, &s.full_name))
        .min()
}

/// Whether `person` holds an ID number of the same kind as `number` but another one: then
/// they are someone else, whatever the phone or name says.
fn holds_other_id(person: &Known, number: &str) -> bool {
    let kind = id_kind(number);
    person.snapshots.iter().any(|s| {
        s.id_number
            .as_deref()
            .is_some_and(|n| n != number && id_kind(n) == kind)
    })
}

/// Where the snapshot `new` belongs among `candidates` (persons sharing its ID number, phone or
/// name, in the order they came on record).
pub fn decide(new: &Citizen, candidates: &[Known]) -> Decision {
    let number = new.id_number.as_deref().filter(|n| !n.is_empty());
    if let Some(number) = number {
        let same_id: Vec<&Known> = candidates
            .iter()
            .filter(|k| {
                k.snapshots
                    .iter()
                    .any(|s| s.id_number.as_deref() == Some(number))
            })
            .collect();
        let best = same_id
            .iter()
            .filter_map(|k| best_name(new, k).map(|m| (m, *k)))
            .min_by_key(|(m, _)| *m);
        if let Some((_, person)) = best {
            return Decision::Link {
                person: person.person,
                rule: LinkRule::SameId,
            };
        }
        if !same_id.is_empty() {
            return Decision::NewPerson {
                review: same_id.iter().map(|k| k.person).collect(),
            };
        }
    }
    let unopposed = |k: &&Known| number.is_none_or(|n| !holds_other_id(k, n));
    if let Some(phone) = new.phone.as_deref() {
        let found = candidates.iter().filter(unopposed).find(|k| {
            k.snapshots.iter().any(|s| {
                s.phone.as_deref() == Some(phone)
                    && name_match(&new.full_name, &s.full_name)
                        .is_some_and(NameMatch::is_same_words)
            })
        });
        if let Some(person) = found {
            return Decision::Link {
                person: person.person,
                rule: LinkRule::PhoneAndName,
            };
        }
    }
    if let Some(kind) = number.and_then(id_kind) {
        let found = candidates.iter().filter(unopposed).find(|k| {
            k.snapshots.iter().any(|s| {
                s.id_number
                    .as_deref()
                    .and_then(id_kind)
                    .is_some_and(|other| other != kind)
                    && name_match(&new.full_name, &s.full_name)
                        .is_some_and(NameMatch::is_same_words)
                    && (matches!((new.birth_year, s.birth_year), (Some(a), Some(b)) if a == b)
                        || same_folded(&new.address, &s.address))
            })
        });
        if let Some(person) = found {
            return Decision::Link {
                person: person.person,
                rule: LinkRule::CmndCccd,
            };
        }
    }
    Decision::NewPerson { review: Vec::new() }
}

#[cfg(test)]
mod tests;
