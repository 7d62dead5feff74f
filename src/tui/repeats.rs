//! Possible repeats while a visit is typed: each earlier petition that may be the same person or
//! the same matter, with why it matched and its status. The judging is the search module's
//! (`tiepdan::search::repeat_candidates`: same CCCD, same phone, similar name in the same commune,
//! similar subject); this module only decides when to ask.

use tiepdan::search::{Candidate, PartialPetition, repeat_candidates_of_visit};
use tiepdan::store::Store;
use tiepdan::text::fold;

/// How many candidates the pane keeps.
pub const SHOWN: usize = 8;
/// Shorter than this and a name or subject matches half the database: not worth a lookup yet.
const MIN_NAME_CHARS: usize = 4;
const MIN_SUBJECT_CHARS: usize = 6;
const MIN_DIGITS: usize = 9;

/// What the operator has typed that can point at an earlier petition: one entry per citizen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Probe(Vec<PartialPetition>);

/// One citizen's typed fields, keeping only what is long enough to search on.
pub struct Typed<'a> {
    pub name: &'a str,
    pub id_number: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
}

impl Probe {
    pub fn new(citizens: &[Typed<'_>], subject: &str) -> Probe {
        let long_enough = |text: &str, min: usize| {
            if fold(text).chars().count() >= min {
                text.to_string()
            } else {
                String::new()
            }
        };
        let digits = |text: &str| {
            let count = text.chars().filter(char::is_ascii_digit).count();
            if count >= MIN_DIGITS {
                text.to_string()
            } else {
                String::new()
            }
        };
        let subject = long_enough(subject, MIN_SUBJECT_CHARS);
        let mut forms: Vec<PartialPetition> = citizens
            .iter()
            .map(|c| PartialPetition {
                name: long_enough(c.name, MIN_NAME_CHARS),
                id_number: digits(c.id_number),
                phone: digits(c.phone),
                address: c.address.to_string(),
                commune: String::new(),
                subject: subject.clone(),
            })
            .filter(|f| !f.name.is_empty() || !f.id_number.is_empty() || !f.phone.is_empty())
            .collect();
        if forms.is_empty() && !subject.is_empty() {
            forms.push(PartialPetition {
                subject,
                ..Default::default()
            });
        }
        Probe(forms)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The possible repeats for everything typed, most likely first.
pub fn find(store: &Store, probe: &Probe) -> tiepdan::Result<Vec<Candidate>> {
    repeat_candidates_of_visit(store, &probe.0, SHOWN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::test_support::seeded_store;
    use tiepdan::search::Reason;

    fn typed<'a>(name: &'a str, id_number: &'a str, address: &'a str) -> Typed<'a> {
        Typed {
            name,
            id_number,
            phone: "",
            address,
        }
    }

    #[test]
    fn an_id_number_finds_the_person_and_says_so() {
        let store = seeded_store();
        let probe = Probe::new(&[typed("", "001185012345", "")], "");
        let found = find(&store, &probe).unwrap();
        let first = found
            .iter()
            .find(|c| c.code == "2026-000001")
            .expect("the earlier petition");
        assert!(
            first.reasons.contains(&Reason::SameIdNumber),
            "{:?}",
            first.reasons
        );
    }

    #[test]
    fn a_name_without_diacritics_in_the_same_commune() {
        let store = seeded_store();
        let probe = Probe::new(
            &[typed(
                "nguyen thi minh khai",
                "",
                "xã Cẩm Xuyên, tỉnh Hà Tĩnh",
            )],
            "",
        );
        let found = find(&store, &probe).unwrap();
        let first = found
            .iter()
            .find(|c| c.code == "2026-000001")
            .expect("the earlier petition");
        assert!(
            first.reasons.contains(&Reason::SameCommune),
            "{:?}",
            first.reasons
        );
    }

    #[test]
    fn too_little_typed_asks_nothing() {
        assert!(Probe::new(&[typed("ng", "0011", "")], "đất").is_empty());
    }
}
