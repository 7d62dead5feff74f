//! Deterministic synthetic data for demos, tests and benchmarks: realistic Vietnamese citizens,
//! visits and petitions with histories that replay through [`Lifecycle`], streamed one case at a
//! time so a million petitions need constant memory. Same seed, same bytes; no database code here —
//! the store writes what the sink receives.
//!
//! Shape of the data (an agency desk in Hà Tĩnh, 18 months up to `today`): khiếu nại ~45% (a sixth
//! of them second round), tố cáo ~15% (some anonymous), kiến nghị ~30%, phản ánh ~10%, land and
//! site clearance dominating; ~12% repeats of earlier petitions; ~15–25% still open at `today`.

mod agencies;
mod calendar;
mod dice;
mod names;
mod people;
mod places;
mod pool;
mod steps;
mod subjects;
#[cfg(test)]
mod tests;
mod visits;

use crate::domain::{
    Attendee, Citizen, Competence, Complexity, Field, Flag, Flags, Id, Lifecycle, Petition,
    PetitionKind, Round, Source, Step, StepContext, Visit, max_representatives,
};
use chrono::{Datelike, NaiveDate};
use dice::Dice;
use people::Person;
use places::{Atlas, Commune};
use pool::{Earlier, Pool};
use steps::{Intake, Refiling};

pub use steps::max_extensions;

pub struct DemoOptions {
    pub petitions: usize,
    pub seed: u64,
    pub today: NaiveDate,
}

/// One intake: the citizens involved, the visit (None for petitions by post or transfer), the
/// petition, and its steps (the first is always `received`, with competence and complexity set
/// as the intake would).
///
/// `citizens` holds the citizen records first created by this case. A returning citizen was in an
/// earlier case's list and appears here only by id (in `petition.filers` and the attendees), so a
/// store can insert every listed citizen without upserting.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoCase {
    pub citizens: Vec<Citizen>,
    pub visit: Option<Visit>,
    pub petition: Petition,
    pub steps: Vec<Step>,
    /// Who recorded the steps: the desk officer handling the petition.
    pub actor: String,
}

/// Generates exactly `opts.petitions` cases in date order, handing each to `sink` as it is made.
pub fn generate(
    opts: &DemoOptions,
    mut sink: impl FnMut(DemoCase) -> crate::Result<()>,
) -> crate::Result<()> {
    let mut generator = Generator::new(opts);
    for i in 0..opts.petitions {
        sink(generator.case(i)?)?;
    }
    Ok(())
}

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
struct Draft {
    kind: PetitionKind,
    round: Option<Round>,
    field: Field,
    source: Source,
    source_agency: Option<String>,
    complexity: Complexity,
    /// People new in this case, to be emitted.
    new_people: Vec<Person>,
    /// The first filer, new or returning (None when anonymous).
    filer: Option<Person>,
    filers: Vec<Id>,
    attendees: Vec<Attendee>,
    headcount: u32,
    commune: Commune,
    subject: String,
    summary: String,
    repeat_of: Option<Id>,
    depth: u8,
    refiling: Refiling,
    flags: Flags,
}

struct Generator {
    dice: Dice,
    calendar: calendar::Calendar,
    atlas: Atlas,
    pool: Pool,
    ids: people::IdBook,
    today: NaiveDate,
    total: usize,
    year: i32,
    counter: u32,
}

#[derive(Clone, Copy)]
enum RepeatKind {
    SameCitizen,
    CarelessTwin,
    TransferredAgain,
}

impl Generator {
    fn new(opts: &DemoOptions) -> Generator {
        Generator {
            dice: Dice::new(opts.seed),
            calendar: calendar::Calendar::new(opts.today),
            atlas: Atlas::new(),
            pool: Pool::default(),
            ids: people::IdBook::default(),
            today: opts.today,
            total: opts.petitions,
            year: 0,
            counter: 0,
        }
    }

    fn case(&mut self, i: usize) -> crate::Result<DemoCase> {
        let day = self.calendar.day(&mut self.dice, i, self.total);
        let earlier = if self.dice.chance(0.125) {
            self.pool.draw(&mut self.dice, day).cloned()
        } else {
            None
        };
        let draft = match earlier {
            Some(earlier) => self.repeat(day, &earlier),
            None => self.fresh(day),
        };
        self.finish(day, draft)
    }

    fn desk_or(&mut self, day: NaiveDate, desk_share: f64, otherwise: Source) -> Source {
        if calendar::is_working_day(day) && self.dice.chance(desk_share) {
            Source::Desk
        } else {
            otherwise
        }
    }

    fn fresh(&mut self, day: NaiveDate) -> Draft {
        let dice = &mut self.dice;
        let kind = *dice.weighted(KINDS);
        let round = (kind == PetitionKind::Complaint).then(|| {
            if dice.chance(0.15) {
                Round::Second
            } else {
                Round::First
            }
        });
        let anonymous = kind == PetitionKind::Denunciation && dice.chance(0.05);
        let mut source = if anonymous {
            *dice.weighted(&[(Source::Post, 85), (Source::Agency, 15)])
        } else {
            *dice.weighted(SOURCES)
        };
        if source == Source::Desk && !calendar::is_working_day(day) {
            source = Source::Post;
        }
        let group = source == Source::Desk
            && kind != PetitionKind::Denunciation
            && dice.chance(0.047);
        let field = *dice.weighted(fields(kind, group));
        let table: &[(Complexity, u32)] = match (kind, group || round == Some(Round::Second)) {
            (PetitionKind::Denunciation, _) => &[
                (Complexity::Normal, 75),
                (Complexity::Complex, 20),
                (Complexity::VeryComplex, 5),
            ],
            (PetitionKind::Complaint, true) => &[(Complexity::Normal, 55), (Complexity::Complex, 45)],
            (PetitionKind::Complaint, false) => &[(Complexity::Normal, 85), (Complexity::Complex, 15)],
            (_, true) => &[(Complexity::Normal, 70), (Complexity::Complex, 30)],
            (_, false) => &[(Complexity::Normal, 95), (Complexity::Complex, 5)],
        };
        let complexity = *dice.weighted(table);
        let spec = people::petitioner_spec(dice, &self.atlas, day);
        let commune = spec.commune;
        let mut flags = Flags::default();
        let (new_people, filers, attendees, headcount) = if anonymous {
            flags.insert(Flag::Anonymous);
            (Vec::new(), Vec::new(), Vec::new(), 0)
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
        let locality = match new_people.first() {
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
            filer: new_people.first().cloned(),
            new_people,
            filers,
            attendees,
            headcount,
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
    fn individual(
        &mut self,
        day: NaiveDate,
        spec: &people::PersonSpec,
        source: Source,
    ) -> (Vec<Person>, Vec<Id>, Vec<Attendee>, u32) {
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
        let headcount = if source == Source::Desk { present as u32 } else { 0 };
        (everyone, filers, attendees, headcount)
    }

    /// Đoàn đông người: 5–40 people from one village; representatives file, a few more are recorded.
    fn group(&mut self, day: NaiveDate, commune: Commune) -> (Vec<Person>, Vec<Id>, Vec<Attendee>, u32) {
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
        (everyone, filers, attendees, headcount)
    }

    fn repeat(&mut self, day: NaiveDate, earlier: &Earlier) -> Draft {
        let dice = &mut self.dice;
        let how = *dice.weighted(&[
            (RepeatKind::SameCitizen, 50),
            (RepeatKind::CarelessTwin, 30),
            (RepeatKind::TransferredAgain, 20),
        ]);
        let open_then = earlier.closed_on.is_none_or(|closed| closed >= day);
        let refiling = if earlier.final_ && !open_then {
            Refiling::AfterFinal
        } else if open_then || matches!(how, RepeatKind::TransferredAgain) {
            Refiling::Duplicate
        } else {
            Refiling::No
        };
        let mut subject = earlier.subject.clone();
        let mut summary = earlier.summary.clone();
        let mut round = earlier.round;
        let mut filer = earlier.person.clone();
        let mut new_people = Vec::new();
        let mut source_agency = None;
        let source = match how {
            RepeatKind::SameCitizen => self.desk_or(day, 0.6, Source::Post),
            RepeatKind::CarelessTwin => self.desk_or(day, 0.7, Source::Post),
            RepeatKind::TransferredAgain => {
                let dice = &mut self.dice;
                let source = *dice.weighted(&[
                    (Source::Agency, 60),
                    (Source::Higher, 25),
                    (Source::Press, 15),
                ]);
                for _ in 0..3 {
                    source_agency = agencies::source_agency(dice, source, &earlier.person.commune, day);
                    if source_agency != earlier.source_agency {
                        break;
                    }
                }
                source
            }
        };
        let dice = &mut self.dice;
        // Unhappy with a first-round decision: the same matter comes back as a second round.
        let next_round = matches!(how, RepeatKind::SameCitizen)
            && earlier.round == Some(Round::First)
            && earlier.resolved
            && !earlier.final_
            && !open_then
            && dice.chance(0.5);
        let mut refiling = refiling;
        if next_round {
            round = Some(Round::Second);
            subject = subject.replacen("Khiếu nại ", "Khiếu nại lần hai đối với ", 1);
            summary = format!(
                "Công dân không đồng ý với kết quả giải quyết khiếu nại lần đầu. {}",
                summary.split(". ").next().unwrap_or_default().trim_end_matches('.')
            ) + ".";
            refiling = Refiling::No;
        }
        if let RepeatKind::CarelessTwin = how {
            let (twin, how) = people::careless_twin(dice, &mut self.ids, &earlier.person, day);
            if how == names::Misspelling::NoDiacritics && dice.chance(0.5) {
                subject = names::strip_diacritics(&subject);
            }
            filer = twin.clone();
            new_people.push(twin);
        }
        let attendees = if source == Source::Desk {
            vec![Attendee {
                citizen_id: filer.citizen.id,
                representative: false,
            }]
        } else {
            Vec::new()
        };
        let mut flags = Flags::default();
        let depth = earlier.depth.saturating_add(1);
        if depth >= 2 || (day - earlier.received).num_days() > 365 {
            flags.insert(Flag::Prolonged);
        }
        if source == Source::Higher && dice.chance(0.5) {
            flags.insert(Flag::LevelSkipping);
        }
        Draft {
            kind: earlier.kind,
            round,
            field: earlier.field,
            source,
            source_agency,
            complexity: earlier.complexity,
            filers: vec![filer.citizen.id],
            commune: filer.commune,
            filer: Some(filer),
            new_people,
            headcount: attendees.len() as u32,
            attendees,
            subject,
            summary,
            repeat_of: Some(earlier.id),
            depth,
            refiling,
            flags,
        }
    }

    fn next_code(&mut self, day: NaiveDate) -> String {
        if day.year() != self.year {
            self.year = day.year();
            self.counter = 0;
        }
        self.counter += 1;
        format!("{}-{:06}", self.year, self.counter)
    }

    fn finish(&mut self, day: NaiveDate, mut draft: Draft) -> crate::Result<DemoCase> {
        let dice = &mut self.dice;
        let anonymous = draft.flags.contains(Flag::Anonymous);
        let crime_signs = draft.kind == PetitionKind::Denunciation
            && !anonymous
            && dice.chance(if draft.field == Field::Corruption { 0.12 } else { 0.01 });
        if crime_signs {
            draft.flags.insert(Flag::CrimeSigns);
        }
        let ours_share = match (draft.source, draft.round) {
            (_, Some(Round::Second)) => 0.75,
            (Source::Desk, _) => 0.55,
            (Source::Post, _) => 0.6,
            _ => 0.8,
        };
        let competence = if anonymous || (!crime_signs && dice.chance(ours_share)) {
            Competence::Ours
        } else {
            Competence::NotOurs
        };
        let sitting = (draft.source == Source::Desk)
            .then(|| visits::sitting(dice, day, draft.flags.contains(Flag::Group)));
        let at = match &sitting {
            Some(s) => s.at,
            None => calendar::office_time(dice, day),
        };
        let petition_id = dice.uuid_at(at);
        let intake = Intake {
            kind: draft.kind,
            round: draft.round,
            field: draft.field,
            source: draft.source,
            anonymous,
            competence,
            complexity: draft.complexity,
            remote: draft.commune.remote,
            received: day,
            commune: draft.commune,
            refiling: draft.refiling,
            crime_signs,
        };
        let steps = steps::plan(dice, &intake, self.today);
        let ctx = StepContext {
            kind: draft.kind,
            anonymous,
            received_on: day,
            max_extensions: 0,
        };
        let kind = draft.kind;
        let state = Lifecycle::replay(&ctx, &steps, |c| max_extensions(kind, c))?;
        if state.status == crate::domain::Status::Resolved {
            let final_ = match (draft.kind, draft.round) {
                (PetitionKind::Complaint, Some(Round::Second)) => true,
                (PetitionKind::Complaint, _) => dice.chance(0.1),
                (PetitionKind::Denunciation, _) => dice.chance(0.4),
                _ => false,
            };
            if final_ {
                draft.flags.insert(Flag::Final);
            }
        }
        let officer = match &sitting {
            Some(s) => s.officer,
            None => *dice.pick(visits::OFFICERS),
        };
        let visit = sitting.map(|sitting| {
            let id = dice.uuid_at(sitting.at);
            visits::visit(
                dice,
                visits::VisitFacts {
                    id,
                    sitting,
                    commune: &draft.commune,
                    headcount: draft.headcount,
                    attendees: std::mem::take(&mut draft.attendees),
                    petition_id,
                    steps: &steps,
                },
            )
        });
        let petition = Petition {
            id: petition_id,
            code: self.next_code(day),
            received_on: day,
            source: draft.source,
            source_agency: draft.source_agency,
            kind: draft.kind,
            round: draft.round,
            field: draft.field,
            subject: draft.subject,
            summary: draft.summary,
            filers: draft.filers,
            remote_area: draft.commune.remote,
            flags: draft.flags,
            unit: state.accepted_on.map(|on| agencies::department(draft.field, on)),
            officer: Some(officer.to_string()),
            repeat_of: draft.repeat_of,
            visit_id: visit.as_ref().map(|v| v.id),
            state,
        };
        if let Some(person) = draft.filer {
            let earlier = Earlier {
                id: petition.id,
                received: day,
                closed_on: petition.state.closed_on,
                resolved: petition.state.status == crate::domain::Status::Resolved,
                final_: petition.flags.contains(Flag::Final),
                kind: petition.kind,
                round: petition.round,
                field: petition.field,
                complexity: draft.complexity,
                subject: petition.subject.clone(),
                summary: petition.summary.clone(),
                source_agency: petition.source_agency.clone(),
                person,
                depth: draft.depth,
            };
            self.pool.offer(&mut self.dice, earlier);
        }
        Ok(DemoCase {
            citizens: draft.new_people.into_iter().map(|p| p.citizen).collect(),
            visit,
            petition,
            steps,
            actor: officer.to_string(),
        })
    }
}
