//! The generator's loop: one case per call, in date order, finished with its history, its visit
//! and its petition code, then offered to the pool that repeats are drawn from.

use super::dice::Dice;
use super::drafts::Draft;
use super::places::Atlas;
use super::pool::{Earlier, Pool};
use super::steps::{self, Intake, extension_allowance};
use super::{DemoCase, DemoOptions, agencies, calendar, people, visits};
use crate::domain::{
    Competence, Field, Flag, Lifecycle, Petition, PetitionKind, Round, Source, StepContext,
};
use chrono::{Datelike, NaiveDate};

pub struct Generator {
    pub(super) dice: Dice,
    calendar: calendar::Calendar,
    pub(super) atlas: Atlas,
    pool: Pool,
    pub(super) ids: people::IdBook,
    today: NaiveDate,
    total: usize,
    year: i32,
    counter: u32,
}

impl Generator {
    pub fn new(opts: &DemoOptions) -> Generator {
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

    pub fn case(&mut self, i: usize) -> crate::Result<DemoCase> {
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

    pub(super) fn desk_or(&mut self, day: NaiveDate, desk_share: f64, otherwise: Source) -> Source {
        if calendar::is_working_day(day) && self.dice.chance(desk_share) {
            Source::Desk
        } else {
            otherwise
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
            && dice.chance(if draft.field == Field::Corruption {
                0.12
            } else {
                0.01
            });
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
            extensions: Default::default(),
            suspension_from: steps::suspension_from(draft.kind),
        };
        let kind = draft.kind;
        let state = Lifecycle::replay(&ctx, &steps, |c| extension_allowance(kind, c, day))?;
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
            unit: state
                .accepted_on
                .map(|on| agencies::department(draft.field, on)),
            officer: Some(officer.to_string()),
            repeat_of: draft.repeat_of,
            visit_id: visit.as_ref().map(|v| v.id),
            state,
        };
        let has_filer = draft.returning.is_some() || !draft.new_people.is_empty();
        let slot = if has_filer {
            self.pool.slot(&mut self.dice)
        } else {
            None
        };
        if let Some(slot) = slot {
            let person = match draft.returning.take() {
                Some(person) => person,
                None => draft.new_people[0].clone(),
            };
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
            self.pool.put(slot, earlier);
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
