//! Corrections, never silent edits: a petition's subject, summary, field, kind or date of receipt
//! is corrected by a `corrected` event naming each change (old → new), who, when and why; a
//! petition entered by mistake is voided by a `voided` event. The petition row follows its
//! events, so `check` replays both (see [`corrections_agree`]) and the audit log seals them.

use super::seal::Touched;
use super::{Store, audit, citizens, events, petitions};
use crate::domain::*;
use crate::error::{Error, Problem, Result};
use crate::intake::CitizenForm;
use crate::text::fold;
use crate::validate::{self, MAX_LINE, MAX_TEXT};
use chrono::NaiveDate;
use rusqlite::params;

/// What a correction asks to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct PetitionEdit {
    pub subject: Option<String>,
    pub summary: Option<String>,
    pub field: Option<Field>,
    pub kind: Option<PetitionKind>,
    pub received_on: Option<NaiveDate>,
    /// Why: required, kept with the event and in the audit log.
    pub note: String,
}

/// What a correction of a filer's identity as given asks to change; `None` leaves a value.
#[derive(Debug, Clone, Default)]
pub struct CitizenEdit {
    pub name: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub birth_year: Option<String>,
    /// Why: required, kept with the event and in the audit log.
    pub note: String,
}

/// A field's value as a correction records it: codes for labelled values, ISO dates.
pub fn recorded_value(petition: &Petition, field: InputField) -> Option<String> {
    Some(match field {
        InputField::Subject => petition.subject.clone(),
        InputField::Summary => petition.summary.clone(),
        InputField::Field => petition.field.code().to_string(),
        InputField::Kind => petition.kind.code().to_string(),
        InputField::ReceivedOn => petition.received_on.to_string(),
        _ => return None,
    })
}

/// Whether the petition's fields are what its corrections last made them (each corrected field
/// equals the newest correction's value): a field edited behind the program's back after a
/// correction is caught here as well as by its seal.
pub fn corrections_agree(petition: &Petition, steps: &[Step]) -> bool {
    let mut last: Vec<(InputField, &str)> = Vec::new();
    for step in steps.iter().filter(|s| s.kind == EventKind::Corrected) {
        for change in &step.detail.changes {
            last.retain(|(f, _)| *f != change.field);
            last.push((change.field, &change.new));
        }
    }
    // A denunciation's subject or summary is recorded sealed (issue 13): its seal in the audit
    // log vouches for it instead. Identity corrections live in the filer's snapshots, which the
    // seal covers too.
    last.iter().all(|(field, new)| {
        new.starts_with(super::sealed::SEALED_CHANGE)
            || recorded_value(petition, *field).is_none_or(|value| value == *new)
    })
}

fn required_note(note: &str) -> Result<String> {
    validate::required(InputField::Reason, note, MAX_LINE)
}

impl Store {
    /// Corrects a petition's recorded facts; returns it as corrected. Refused when nothing
    /// changes, without a reason, or when its history would not hold under the corrected facts
    /// (a step dated before the corrected date of receipt, a step the corrected kind does not have).
    pub fn correct_petition(
        &mut self,
        code: &str,
        edit: PetitionEdit,
        today: NaiveDate,
    ) -> Result<Petition> {
        let note = required_note(&edit.note)?;
        let subject = edit
            .subject
            .as_deref()
            .map(|s| validate::required(InputField::Subject, s, MAX_LINE))
            .transpose()?;
        let summary = edit
            .summary
            .as_deref()
            .map(|s| validate::optional(InputField::Summary, s, MAX_TEXT, true))
            .transpose()?
            .map(Option::unwrap_or_default);
        if let Some(day) = edit.received_on
            && day > today
        {
            return Err(Error::invalid(
                InputField::ReceivedOn,
                Problem::DateInFuture,
            ));
        }
        self.write(|tx, policy, actor| {
            let before = petitions::require_code(tx, code)?;
            if before.state.status == Status::Voided {
                return Err(Error::IllegalStep {
                    status: Status::Voided,
                    step: EventKind::Corrected,
                    why: crate::error::Refusal::NotFromStatus,
                });
            }
            let mut after = before.clone();
            if let Some(s) = subject {
                after.subject = s;
            }
            if let Some(s) = summary {
                after.summary = s;
            }
            if let Some(f) = edit.field {
                after.field = f;
            }
            if let Some(k) = edit.kind {
                after.kind = k;
                // Only a complaint has rounds.
                if k != PetitionKind::Complaint {
                    after.round = None;
                }
            }
            if let Some(d) = edit.received_on {
                after.received_on = d;
            }
            let changes: Vec<Correction> = [
                InputField::Subject,
                InputField::Summary,
                InputField::Field,
                InputField::Kind,
                InputField::ReceivedOn,
            ]
            .into_iter()
            .filter_map(|field| {
                let old = recorded_value(&before, field)?;
                let new = recorded_value(&after, field)?;
                (old != new).then_some(Correction { field, old, new })
            })
            .collect();
            if changes.is_empty() {
                return Err(Error::invalid(InputField::Reason, Problem::NothingChanged));
            }
            // A denunciation's subject and summary, before or after, are the denouncer's words:
            // the event keeps them sealed (issue 13).
            let protect = crate::privacy::protects_identity(before.kind)
                || crate::privacy::protects_identity(after.kind);
            let changes = if protect {
                changes
                    .into_iter()
                    .map(|c| super::sealed::seal_correction(tx, after.id, c))
                    .collect::<Result<_>>()?
            } else {
                changes
            };
            let step = Step {
                kind: EventKind::Corrected,
                on: today,
                detail: StepDetail {
                    note: Some(note),
                    changes,
                    ..Default::default()
                },
            };
            let mut steps: Vec<Step> = events::of_petition(tx, before.id)?
                .iter()
                .map(Event::step)
                .collect();
            steps.push(step.clone());
            after.state = policy.replay(&after, &steps)?;
            let due = policy.deadline(&after, today);
            tx.prepare_cached(
                "UPDATE petition SET subject = ?2, subject_folded = ?3, summary = ?4, field = ?5,
                    kind = ?6, round = ?7, received_on = ?8 WHERE id = ?1",
            )?
            .execute(params![
                after.id,
                after.subject,
                fold(&after.subject),
                after.summary,
                after.field,
                after.kind,
                after.round,
                after.received_on
            ])?;
            // Stored as given just now; a denunciation's identity is sealed at once, with its
            // filers and the notes of its visit (no key: at the next keyed open).
            tx.prepare_cached("UPDATE petition SET sealed = NULL WHERE id = ?1")?
                .execute([after.id])?;
            if crate::privacy::protects_identity(after.kind) {
                super::sealed::seal_pending(tx, Some(after.id))?;
            }
            let at = super::now_utc().to_rfc3339();
            let event = events::append(tx, after.id, &step, actor, &at)?;
            petitions::update_state(tx, after.id, &after.state, due.as_ref())?;
            super::search::index_written(tx, after.id)?;
            audit::record_sealed(
                tx,
                actor,
                "correct",
                "petition",
                &after.code,
                &event,
                &Touched::one(after.id),
            )?;
            Ok(after)
        })
    }

    /// Corrects the identity its filer gave on petition `code` (a typo in the name, a wrong
    /// CCCD): a new snapshot with the corrected values joins the same person and becomes the
    /// petition's filer; the snapshot as first given stays on record, and a `corrected` event
    /// names each change. A denouncer's values never enter the event (Luật Tố cáo 2018, Điều 47).
    pub fn correct_filer(
        &mut self,
        code: &str,
        edit: CitizenEdit,
        today: NaiveDate,
    ) -> Result<Petition> {
        let note = required_note(&edit.note)?;
        self.write(|tx, policy, actor| {
            let petition = petitions::require_code(tx, code)?;
            let filers = citizens::filers_of(tx, petition.id)?;
            let [old] = filers.as_slice() else {
                return Err(Error::invalid(InputField::Citizen, Problem::NotOneFiler));
            };
            let text = |value: &Option<String>| value.clone().unwrap_or_default();
            let form = CitizenForm {
                name: edit.name.clone().unwrap_or_else(|| old.full_name.clone()),
                id_number: edit.id_number.clone().unwrap_or_else(|| text(&old.id_number)),
                phone: edit.phone.clone().unwrap_or_else(|| text(&old.phone)),
                address: edit.address.clone().unwrap_or_else(|| text(&old.address)),
                birth_year: edit
                    .birth_year
                    .clone()
                    .unwrap_or_else(|| old.birth_year.map(|y| y.to_string()).unwrap_or_default()),
                representative: false,
            };
            let new = form.validate(today)?.citizen;
            let secret = petition.kind == PetitionKind::Denunciation;
            let shown = |value: String| if secret { String::new() } else { value };
            let changes: Vec<Correction> = [
                (InputField::Name, Some(old.full_name.clone()), Some(new.full_name.clone())),
                (InputField::IdNumber, old.id_number.clone(), new.id_number.clone()),
                (InputField::Phone, old.phone.clone(), new.phone.clone()),
                (InputField::Address, old.address.clone(), new.address.clone()),
                (
                    InputField::BirthYear,
                    old.birth_year.map(|y| y.to_string()),
                    new.birth_year.map(|y| y.to_string()),
                ),
            ]
            .into_iter()
            .filter(|(_, before, after)| before != after)
            .map(|(field, before, after)| Correction {
                field,
                old: shown(before.unwrap_or_default()),
                new: shown(after.unwrap_or_default()),
            })
            .collect();
            if changes.is_empty() {
                return Err(Error::invalid(InputField::Reason, Problem::NothingChanged));
            }
            let at = super::now_utc().to_rfc3339();
            let person = citizens::person_of(tx, old.id)?.unwrap_or(old.id);
            citizens::store_corrected(tx, &new, person, &at, secret)?;
            tx.prepare_cached(
                "UPDATE petition_filer SET citizen_id = ?3 WHERE petition_id = ?1 AND citizen_id = ?2",
            )?
            .execute(params![petition.id, old.id, new.id])?;
            if let Some(visit) = petition.visit_id {
                tx.prepare_cached(
                    "UPDATE visit_citizen SET citizen_id = ?3 WHERE visit_id = ?1 AND citizen_id = ?2",
                )?
                .execute(params![visit, old.id, new.id])?;
            }
            let step = Step {
                kind: EventKind::Corrected,
                on: today,
                detail: StepDetail {
                    note: Some(note),
                    changes,
                    ..Default::default()
                },
            };
            let mut corrected = petition.clone();
            corrected.state = corrected.state.apply(&policy.step_context(&corrected), &step)?;
            let event = events::append(tx, petition.id, &step, actor, &at)?;
            petitions::update_state(
                tx,
                petition.id,
                &corrected.state,
                policy.deadline(&corrected, today).as_ref(),
            )?;
            super::search::index_written(tx, petition.id)?;
            audit::record_sealed(
                tx,
                actor,
                "correct_citizen",
                "petition",
                &petition.code,
                &event,
                &Touched::one(petition.id),
            )?;
            Ok(corrected)
        })
    }

    /// Voids a petition entered by mistake: it stays, with its history and the reason, but
    /// leaves every list, count and report. Audited.
    pub fn void_petition(
        &mut self,
        code: &str,
        reason: &str,
        today: NaiveDate,
    ) -> Result<Petition> {
        let note = validate::required(InputField::Reason, reason, MAX_LINE)?;
        self.add_step(
            code,
            Step {
                kind: EventKind::Voided,
                on: today,
                detail: StepDetail {
                    note: Some(note),
                    ..Default::default()
                },
            },
            today,
        )
    }
}
