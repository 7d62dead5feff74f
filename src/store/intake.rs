//! The writes of the desk: a new intake (citizens, visit, petition, first steps), a later step,
//! a repeat link, and bulk loading for demo data and imports.

use super::seal::Touched;
use super::search::Unindexed;
use super::{Store, audit, citizens, events, petitions, visits};
use crate::domain::*;
use crate::error::{Error, Problem, Result};
use crate::intake::Intake;
use crate::policy::Policy;
use chrono::NaiveDate;
use rusqlite::Connection;

/// What an intake created.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Logged {
    pub petition_code: String,
    pub petition_id: Id,
    pub visit_id: Option<Id>,
    /// The citizens as given on this intake (one new record each, never an earlier one reused).
    pub citizen_ids: Vec<Id>,
    /// How many of them were linked to a person already on record.
    pub linked_to_earlier: usize,
    /// ID numbers given here that are on record under an incompatible name: kept apart and
    /// flagged for review ("cùng số CCCD, khác họ tên").
    pub same_id_other_name: Vec<String>,
    /// A complaint's time limit to complain, when the day the decision became known was given:
    /// `late` ones are filed all the same and warned about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filing_window: Option<crate::rules::FilingWindow>,
}

/// A whole petition with its history, ready to store as it is (demo data, imports, merges).
#[derive(Debug, Clone)]
pub struct Case {
    pub citizens: Vec<Citizen>,
    pub visit: Option<Visit>,
    pub petition: Petition,
    pub steps: Vec<Step>,
    pub actor: String,
}

/// How a batch of cases is loaded.
#[derive(Debug, Clone, Copy)]
pub struct BulkLoad<'a> {
    /// Named in the batch's audit row ("demo", "import logbook.csv").
    pub what: &'a str,
    /// Look for the same person already on record (imports of real logbooks). Off for sources
    /// whose citizen ids are authoritative, such as the demo generator.
    pub match_people: bool,
}

/// The step a visit's handling implies, taken on the day of receipt.
fn handling_step(handling: Handling, to_agency: &Option<String>, on: NaiveDate) -> Option<Step> {
    let kind = match handling {
        Handling::Accept => EventKind::Accepted,
        Handling::Guide => EventKind::Guided,
        Handling::Transfer => EventKind::Transferred,
        Handling::Return => EventKind::Returned,
        Handling::File => EventKind::Filed,
        Handling::Pending => return None,
    };
    Some(Step {
        kind,
        on,
        detail: StepDetail {
            to_agency: to_agency.clone(),
            ..Default::default()
        },
    })
}

/// Stores each citizen exactly as given (a snapshot each) and links it to a person on record
/// where the person model's rules say so (`match_people`); see `citizens::store_snapshot`.
pub(super) fn store_citizens(
    conn: &Connection,
    list: &[Citizen],
    at: &str,
    actor: &str,
    match_people: bool,
    kind: PetitionKind,
) -> Result<Vec<citizens::Stored>> {
    let protect = crate::privacy::protects_identity(kind);
    list.iter()
        .map(|citizen| citizens::store_snapshot(conn, citizen, at, actor, match_people, protect))
        .collect()
}

pub(super) fn lifecycle_of(
    policy: &Policy,
    petition: &Petition,
    steps: &[Step],
) -> Result<Lifecycle> {
    policy.replay(petition, steps)
}

/// A petition repeats an earlier one: not itself, not one received after it.
fn may_repeat(petition: &Petition, earlier: &Petition) -> Result<()> {
    if earlier.id == petition.id {
        return Err(Error::invalid(InputField::Code, Problem::RepeatOfItself));
    }
    if earlier.received_on > petition.received_on {
        return Err(Error::invalid(InputField::Code, Problem::RepeatOfLater));
    }
    Ok(())
}

fn check_not_future(step: &Step, today: NaiveDate) -> Result<()> {
    if step.on > today {
        return Err(Error::invalid(InputField::StepDate, Problem::DateInFuture));
    }
    Ok(())
}

impl Store {
    /// Saves a validated intake in one transaction and returns the new petition's code.
    pub fn log_intake(&mut self, intake: Intake, today: NaiveDate) -> Result<Logged> {
        self.write(|tx, policy, actor| {
            let at = super::now_utc().to_rfc3339();
            let people: Vec<Citizen> = intake.citizens.iter().map(|c| c.citizen.clone()).collect();
            let stored = store_citizens(tx, &people, &at, actor, true, intake.petition.kind)?;
            let mut petition = intake.petition;
            if let Some(code) = &intake.repeat_of_code {
                let earlier = petitions::require_code(tx, code)?;
                may_repeat(&petition, &earlier)?;
                petition.repeat_of = Some(earlier.id);
            }
            petition.code = petitions::next_code(tx, petitions::year_of(petition.received_on))?;
            let visit = intake.visit;
            if let Some(v) = visit.as_ref() {
                visits::insert(tx, v, crate::privacy::protects_identity(petition.kind))?;
            }
            let mut steps = vec![Step {
                kind: EventKind::Received,
                on: petition.received_on,
                detail: StepDetail {
                    competence: intake.competence,
                    complexity: Some(petition.state.complexity),
                    known_on: petition.state.known_on,
                    ..Default::default()
                },
            }];
            // Received after the time limit to complain: still received and filed, and marked so
            // that every list says it (Luật Khiếu nại 2011, Điều 9 and 33).
            if policy.filing_window(&petition).is_some_and(|w| w.late()) {
                petition.flags.insert(Flag::LateFiling);
            }
            steps.extend(handling_step(
                intake.handling,
                &intake.to_agency,
                petition.received_on,
            ));
            petition.state = lifecycle_of(policy, &petition, &steps)?;
            let due = policy.deadline(&petition, today);
            let rowid = petitions::insert(tx, &petition, due.as_ref(), &at)?;
            for step in &steps {
                events::append(tx, petition.id, step, actor, &at)?;
            }
            let mut unindexed = Unindexed::default();
            unindexed.push(petition.received_on, rowid, petition.id);
            unindexed.index(tx)?;
            audit::record_sealed(
                tx,
                actor,
                "intake",
                "petition",
                &petition.code,
                &serde_json::json!({
                    "petition": super::sealed::for_audit(&petition),
                    "visit": visit.as_ref().map(|v| super::sealed::visit_for_audit(v, petition.kind)),
                    "citizens": stored.iter().map(|s| serde_json::json!({
                        "id": s.id, "person": s.person, "linked_by": s.rule.map(|r| r.code()),
                    })).collect::<Vec<_>>(),
                }),
                &Touched::one(petition.id),
            )?;
            let same_id_other_name = stored
                .iter()
                .zip(&people)
                .filter(|(s, _)| !s.review.is_empty())
                .filter_map(|(_, c)| c.id_number.clone())
                .collect();
            Ok(Logged {
                filing_window: policy.filing_window(&petition),
                linked_to_earlier: stored.iter().filter(|s| s.rule.is_some()).count(),
                same_id_other_name,
                petition_code: petition.code,
                petition_id: petition.id,
                visit_id: visit.map(|v| v.id),
                citizen_ids: stored.iter().map(|s| s.id).collect(),
            })
        })
    }

    /// Takes one lifecycle step on a petition, if the law allows it from where the petition is.
    pub fn add_step(&mut self, code: &str, mut step: Step, today: NaiveDate) -> Result<Petition> {
        check_not_future(&step, today)?;
        self.write(|tx, policy, actor| {
            let mut petition = petitions::require_code(tx, code)?;
            let complexity = petition.state.complexity_for(&step);
            if step.kind == EventKind::Extended && step.detail.days.is_none() {
                step.detail.days = policy.extension_days(&petition, complexity);
            }
            let ctx = policy.step_context_for(&petition, complexity);
            petition.state = petition.state.apply(&ctx, &step)?;
            // A marker may choose the rule (xác minh nhiều địa điểm: Luật Tố cáo 2018, Điều 24),
            // so it is set before the deadline is worked out.
            match (step.kind, step.detail.flag, &step.detail.officer) {
                (EventKind::Marked, Some(flag), _) => {
                    if step.detail.unset {
                        petition.flags.remove(flag);
                    } else {
                        petition.flags.insert(flag);
                    }
                    petitions::update_flags(tx, petition.id, petition.flags)?;
                }
                (EventKind::Assigned, _, Some(officer)) => {
                    petition.officer = Some(officer.trim().to_string());
                    petitions::update_officer(tx, petition.id, petition.officer.as_deref())?;
                }
                _ => {}
            }
            let due = policy.deadline(&petition, today);
            let at = super::now_utc().to_rfc3339();
            let event = events::append(tx, petition.id, &step, actor, &at)?;
            petitions::update_state(tx, petition.id, &petition.state, due.as_ref())?;
            super::search::index_written(tx, petition.id)?;
            audit::record_sealed(
                tx,
                actor,
                "step",
                "petition",
                &petition.code,
                &event,
                &Touched::one(petition.id),
            )?;
            Ok(petition)
        })
    }

    /// Marks `code` as a repeat of the earlier petition `earlier_code`.
    pub fn link_repeat(&mut self, code: &str, earlier_code: &str) -> Result<()> {
        self.write(|tx, _, actor| {
            let petition = petitions::require_code(tx, code)?;
            let earlier = petitions::require_code(tx, earlier_code)?;
            may_repeat(&petition, &earlier)?;
            // Refuse a link that would close a loop: the earlier one must not descend from this one.
            let mut cursor = Some(earlier.id);
            let mut hops = 0;
            while let Some(id) = cursor {
                if id == petition.id || hops > 10_000 {
                    return Err(Error::invalid(InputField::Code, Problem::RepeatLoop));
                }
                cursor = petitions::by_id(tx, id)?.and_then(|p| p.repeat_of);
                hops += 1;
            }
            tx.prepare_cached("UPDATE petition SET repeat_of = ?2 WHERE id = ?1")?
                .execute(rusqlite::params![petition.id, earlier.id])?;
            audit::record_sealed(
                tx,
                actor,
                "link_repeat",
                "petition",
                code,
                &serde_json::json!({
                    "repeat_of": earlier_code,
                }),
                &Touched::one(petition.id),
            )?;
            Ok(())
        })
    }

    /// A page cache sized for loading many cases (demo data, imports): at a million petitions the
    /// B-trees and the search index outgrow SQLite's default 2 MiB cache, and every evicted page is
    /// read again by a system call. 128 MiB, for this connection only.
    pub fn tune_for_bulk_load(&self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -131_072)?;
        Ok(())
    }

    /// Stores whole cases in one transaction per call (demo data, imports), with one audit row
    /// describing the batch. Cases whose petition id is already stored are skipped, so loading
    /// the same batch twice adds nothing. Returns how many were added.
    pub fn insert_cases(
        &mut self,
        cases: impl IntoIterator<Item = Case>,
        today: NaiveDate,
        load: BulkLoad<'_>,
    ) -> Result<usize> {
        self.write(|tx, policy, actor| {
            let at = super::now_utc().to_rfc3339();
            let (mut seen, mut added) = (0, 0);
            let touched = Touched::from_here(tx)?;
            let mut unindexed = Unindexed::default();
            for case in cases {
                seen += 1;
                if petitions::exists(tx, case.petition.id)? {
                    continue;
                }
                store_citizens(
                    tx,
                    &case.citizens,
                    &at,
                    actor,
                    load.match_people,
                    case.petition.kind,
                )?;
                let mut petition = case.petition;
                if petition.code.is_empty() {
                    petition.code =
                        petitions::next_code(tx, petitions::year_of(petition.received_on))?;
                } else {
                    petitions::reserve_code(tx, &petition.code)?;
                }
                // Several petitions of one group visit share the visit: store it once.
                if let Some(visit) = case.visit
                    && !visits::exists(tx, visit.id)?
                {
                    visits::insert(tx, &visit, crate::privacy::protects_identity(petition.kind))?;
                }
                petition.state = lifecycle_of(policy, &petition, &case.steps)?;
                let due = policy.deadline(&petition, today);
                let rowid = petitions::insert(tx, &petition, due.as_ref(), &at)?;
                unindexed.push(petition.received_on, rowid, petition.id);
                for (seq, step) in case.steps.iter().enumerate() {
                    events::insert_step(tx, petition.id, seq as i64 + 1, step, &case.actor, &at)?;
                }
                added += 1;
            }
            unindexed.index(tx)?;
            audit::record_sealed(
                tx,
                actor,
                load.what,
                "batch",
                &format!("{added}"),
                &serde_json::json!({
                    "cases": seen, "added": added,
                }),
                &touched,
            )?;
            Ok(added)
        })
    }
}
