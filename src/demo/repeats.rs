//! Repeats: the same citizen back with the same matter (after a final resolution, or as the next
//! round), the same matter typed in again as a new citizen by a careless desk, and the same content
//! sent on again by another agency.

use super::drafts::Draft;
use super::generator::Generator;
use super::pool::Earlier;
use super::steps::Refiling;
use super::{agencies, names, people};
use crate::domain::{Attendee, Flag, Flags, Round, Source};
use chrono::NaiveDate;

/// How an earlier petition comes back.
#[derive(Clone, Copy)]
enum RepeatKind {
    SameCitizen,
    CarelessTwin,
    TransferredAgain,
}

impl Generator {
    pub(super) fn repeat(&mut self, day: NaiveDate, earlier: &Earlier) -> Draft {
        let dice = &mut self.dice;
        let how = *dice.weighted(&[
            (RepeatKind::SameCitizen, 50),
            (RepeatKind::CarelessTwin, 30),
            (RepeatKind::TransferredAgain, 20),
        ]);
        let open_then = earlier.closed_on.is_none_or(|closed| closed >= day);
        let mut refiling = if earlier.final_ && !open_then {
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
        let mut returning = true;
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
                    source_agency =
                        agencies::source_agency(dice, source, &earlier.person.commune, day);
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
        if next_round {
            round = Some(Round::Second);
            subject = subject.replacen("Khiếu nại ", "Khiếu nại lần hai đối với ", 1);
            summary = format!(
                "Công dân không đồng ý với kết quả giải quyết khiếu nại lần đầu. {}",
                summary
                    .split(". ")
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches('.')
            ) + ".";
            refiling = Refiling::No;
        }
        if let RepeatKind::CarelessTwin = how {
            let (twin, how) = people::careless_twin(dice, &mut self.ids, &earlier.person, day);
            if how == names::Misspelling::NoDiacritics && dice.chance(0.5) {
                subject = names::strip_diacritics(&subject);
            }
            filer = twin.clone();
            returning = false;
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
            returning: returning.then_some(filer),
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
}
