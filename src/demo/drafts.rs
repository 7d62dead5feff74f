//! A new petition before its history: kind, round, field, source, the people who bring it and
//! what it is about.

use super::generator::Generator;
use super::people::{self, Person};
use super::places::{self, Commune};
use super::steps::Refiling;
use super::{agencies, calendar, subjects};
use crate::domain::{
    Attendee, Complexity, Field, Flag, Flags, Id, PetitionKind, Round, Source, max_representatives,
};
use chrono::NaiveDate;

const KINDS: &[(PetitionKind, u32)] = &[
    (PetitionKind::Complaint, 45),
    (PetitionKind::Denunciation, 15),
    (PetitionKind::Recommendation, 30),
    (PetitionKind::Report, 10),
];

const SOURCES: &[(Source, u32)] = &[
    (Source::Desk, 58),
    (Source::Post, 20),
    (Source::Agency, 12),
    (Source::Press, 3),
    (Source::Higher, 7),
];

fn fields(kind: PetitionKind, group: bool) -> &'static [(Field, u32)] {
    use Field::*;
    if group {
        return &[
            (Clearance, 45),
            (Land, 30),
            (Environment, 12),
            (Planning, 7),
            (Policy, 6),
        ];
    }
    match kind {
        PetitionKind::Complaint => &[
            (Land, 38),
            (Clearance, 30),
            (Policy, 10),
            (Construction, 5),
            (Planning, 4),
            (Environment, 3),
            (Justice, 4),
            (Ethnic, 1),
            (Religion, 1),
            (Other, 4),
        ],
        PetitionKind::Denunciation => &[
            (Land, 25),
            (Corruption, 25),
            (Clearance, 12),
            (Policy, 10),
            (Construction, 8),
            (Environment, 6),
            (Justice, 5),
            (Planning, 2),
            (Ethnic, 1),
            (Religion, 1),
            (Other, 5),
        ],
        PetitionKind::Recommendation => &[
            (Land, 30),
            (Clearance, 22),
            (Policy, 14),
            (Planning, 8),
            (Environment, 8),
            (Construction, 5),
            (Justice, 3),
            (Corruption, 2),
            (Ethnic, 2),
            (Religion, 1),
            (Other, 5),
        ],
        PetitionKind::Report => &[
            (Environment, 22),
            (Construction, 18),
            (Land, 18),
            (Clearance, 8),
            (Planning, 8),
            (Policy, 8),
            (Corruption, 4),
            (Justice, 2),
            (Ethnic, 1),
            (Religion, 1),
            (Other, 10),
        ],
    }
}

/// A petition before its history: who, what, from where.
pub struct Draft {
    pub(super) kind: PetitionKind,
    pub(super) round: Option<Round>,
    pub(super) field: Field,
    pub(super) source: Source,
    pub(super) source_agency: Option<String>,
    pub(super) complexity: Complexity,
    /// People new in this case, to be emitted.
    pub(super) new_people: Vec<Person>,
    /// The first filer when they are on record already (otherwise the first of `new_people`).
    pub(super) returning: Option<Person>,
    pub(super) filers: Vec<Id>,
    pub(super) attendees: Vec<Attendee>,
    pub(super) headcount: u32,
    pub(super) commune: Commune,
    pub(super) subject: String,
    pub(super) summary: String,
    pub(super) repeat_of: Option<Id>,
    pub(super) depth: u8,
    pub(super) refiling: Refiling,
    pub(super) flags: Flags,
}
/// The people a new petition brings: all new records, the filers among them, who sat at the desk.
#[derive(Default)]
struct Party {
    people: Vec<Person>,
    filers: Vec<Id>,
    attendees: Vec<Attendee>,
    headcount: u32,
}

impl Generator {
    pub(super) fn fresh(&mut self, day: NaiveDate) -> Draft {
        let dice = &mut self.dice;
        let kind = *dice.weighted(KINDS);
        let round = (kind == PetitionKind::Complaint).then(|| {
            if dice.chance(0.15) {
                Round::Second
            } else {
                Round::First
            }
        });
        let anonymous = kind == PetitionKind::Denunciation && dice.chance(0.058);
        let mut source = if anonymous {
            *dice.weighted(&[(Source::Post, 85), (Source::Agency, 15)])
        } else {
            *dice.weighted(SOURCES)
        };
        if source == Source::Desk && !calendar::is_working_day(day) {
            source = Source::Post;
        }
        let group =
            source == Source::Desk && kind != PetitionKind::Denunciation && dice.chance(0.055);
        let field = *dice.weighted(fields(kind, group));
        let table: &[(Complexity, u32)] = match (kind, group || round == Some(Round::Second)) {
            (PetitionKind::Denunciation, _) => &[
                (Complexity::Normal, 75),
                (Complexity::Complex, 20),
                (Complexity::VeryComplex, 5),
            ],
            (PetitionKind::Complaint, true) => {
                &[(Complexity::Normal, 55), (Complexity::Complex, 45)]
            }
            (PetitionKind::Complaint, false) => {
                &[(Complexity::Normal, 85), (Complexity::Complex, 15)]
            }
            (_, true) => &[(Complexity::Normal, 70), (Complexity::Complex, 30)],
            (_, false) => &[(Complexity::Normal, 95), (Complexity::Complex, 5)],
        };
        let complexity = *dice.weighted(table);
        let spec = people::petitioner_spec(dice, &self.atlas, day);
        let commune = spec.commune;
        let mut flags = Flags::default();
        let party = if anonymous {
            flags.insert(Flag::Anonymous);
            Party::default()
        } else if group {
            flags.insert(Flag::Group);
            if dice.chance(0.15) {
                flags.insert(Flag::LevelSkipping);
            }
            self.group(day, commune)
        } else {
            self.individual(day, &spec, source)
        };
        let dice = &mut self.dice;
        let locality = match party.people.first() {
            Some(person) => person.locality.clone(),
            None => places::locality(dice, &commune),
        };
        let facts = subjects::Facts::draw(dice, field, commune, &locality, day);
        let subject = facts.subject(dice, kind, field, round);
        let summary = facts.summary(dice, kind, field, round);
        let source_agency = agencies::source_agency(dice, source, &commune, day);
        if source == Source::Higher && dice.chance(0.4) {
            flags.insert(Flag::LevelSkipping);
        }
        Draft {
            kind,
            round,
            field,
            source,
            source_agency,
            complexity,
            returning: None,
            new_people: party.people,
            filers: party.filers,
            attendees: party.attendees,
            headcount: party.headcount,
            commune,
            subject,
            summary,
            repeat_of: None,
            depth: 0,
            refiling: Refiling::No,
            flags,
        }
    }

    /// One citizen, sometimes with a spouse as co-filer or a relative along at the desk.
    fn individual(&mut self, day: NaiveDate, spec: &people::PersonSpec, source: Source) -> Party {
        let dice = &mut self.dice;
        let ids = &mut self.ids;
        let main = people::new_person(dice, ids, spec);
        let mut filers = vec![main.citizen.id];
        let mut everyone = vec![main];
        let mut present = 1;
        let roll = dice.unit();
        if roll < 0.05 {
            let spouse = people::companion(dice, ids, &everyone[0], day);
            filers.push(spouse.citizen.id);
            everyone.push(spouse);
            present = 2;
        } else if roll < 0.13 && source == Source::Desk {
            everyone.push(people::companion(dice, ids, &everyone[0], day));
            present = 2;
        }
        let attendees = if source == Source::Desk {
            everyone
                .iter()
                .take(present)
                .map(|p| Attendee {
                    citizen_id: p.citizen.id,
                    representative: false,
                })
                .collect()
        } else {
            Vec::new()
        };
        let headcount = if source == Source::Desk {
            present as u32
        } else {
            0
        };
        Party {
            people: everyone,
            filers,
            attendees,
            headcount,
        }
    }

    /// Đoàn đông người: 5–40 people from one village; representatives file, a few more are recorded.
    fn group(&mut self, day: NaiveDate, commune: Commune) -> Party {
        let dice = &mut self.dice;
        let u = dice.unit();
        let headcount = 5 + (35.0 * u * u) as u32;
        let max = max_representatives(headcount);
        let reps = if headcount <= 10 {
            dice.between(1, max as i64) as u32
        } else {
            dice.between(2, max as i64) as u32
        };
        let others = dice.between(1, (headcount - reps).min(6) as i64) as u32;
        let locality = places::locality(dice, &commune);
        let spec = people::PersonSpec {
            commune,
            locality: Some(&locality),
            on: day,
            male_share: 0.6,
        };
        let mut everyone = Vec::new();
        let mut attendees = Vec::new();
        for n in 0..reps + others {
            let person = people::new_person(dice, &mut self.ids, &spec);
            attendees.push(Attendee {
                citizen_id: person.citizen.id,
                representative: n < reps,
            });
            everyone.push(person);
        }
        let filers = attendees[..reps as usize]
            .iter()
            .map(|a| a.citizen_id)
            .collect();
        Party {
            people: everyone,
            filers,
            attendees,
            headcount,
        }
    }
}
