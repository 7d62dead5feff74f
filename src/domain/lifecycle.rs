//! Which step is legal from which status, and what each step does to a petition.
//!
//! Pure: the store replays a petition's events through [`Lifecycle::apply`] to derive its status,
//! so the status can never be edited silently and `tiepdan check` can verify the cached copy.

use super::kinds::*;
use super::model::Step;
use crate::error::{Error, Problem, Refusal, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Facts about a petition that steps depend on but never change.
#[derive(Debug, Clone, Copy)]
pub struct StepContext {
    pub kind: PetitionKind,
    pub anonymous: bool,
    pub received_on: NaiveDate,
    /// Extensions the rules allow for this kind at the current complexity.
    pub max_extensions: u32,
}

/// Everything the events say about a petition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lifecycle {
    pub status: Status,
    pub competence: Option<Competence>,
    pub complexity: Complexity,
    /// Thụ lý date: starts the resolution clock.
    pub accepted_on: Option<NaiveDate>,
    /// While suspended: since when, and the status to return to.
    pub suspended_on: Option<NaiveDate>,
    pub resume_to: Option<Status>,
    /// Calendar days spent suspended in finished suspensions; the clock stood still then.
    pub paused_days: i64,
    pub extensions: u32,
    pub extension_days: u32,
    pub transfer_count: u32,
    pub transferred_to: Option<String>,
    pub decision_no: Option<String>,
    pub decision_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub last_step_on: NaiveDate,
}

fn refuse(status: Status, step: EventKind, why: Refusal) -> Error {
    Error::IllegalStep { status, step, why }
}

fn has_text(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.trim().is_empty())
}

impl Lifecycle {
    /// The state after the first event, `received`.
    pub fn start(step: &Step) -> Result<Lifecycle> {
        if step.kind != EventKind::Received {
            return Err(refuse(Status::Received, step.kind, Refusal::NotFromStatus));
        }
        Ok(Lifecycle {
            status: Status::Received,
            competence: step.detail.competence,
            complexity: step.detail.complexity.unwrap_or(Complexity::Normal),
            accepted_on: None,
            suspended_on: None,
            resume_to: None,
            paused_days: 0,
            extensions: 0,
            extension_days: 0,
            transfer_count: 0,
            transferred_to: None,
            decision_no: None,
            decision_on: None,
            closed_on: None,
            last_step_on: step.on,
        })
    }

    /// Why `kind` cannot be taken now, judged on status and petition facts alone (no step data).
    pub fn refusal(&self, ctx: &StepContext, kind: EventKind) -> Option<Refusal> {
        use EventKind as E;
        use Status as S;
        let open_intake = matches!(self.status, S::Received | S::Classified);
        let in_resolution = matches!(self.status, S::Accepted | S::Verifying);
        let complaint_or_denunciation = matches!(
            ctx.kind,
            PetitionKind::Complaint | PetitionKind::Denunciation
        );
        if self.status.is_closed() && kind != E::Note {
            return Some(Refusal::NotFromStatus);
        }
        match kind {
            E::Note => None,
            E::Received => Some(Refusal::AlreadyReceived),
            E::Classified | E::Transferred | E::Guided | E::Returned | E::Filed => {
                (!open_intake).then_some(Refusal::NotFromStatus)
            }
            E::Accepted if !open_intake => Some(Refusal::NotFromStatus),
            E::Accepted if self.competence == Some(Competence::NotOurs) => {
                Some(Refusal::NotOurCompetence)
            }
            E::Accepted if ctx.anonymous && ctx.kind == PetitionKind::Denunciation => {
                Some(Refusal::AnonymousDenunciation)
            }
            E::Accepted => None,
            E::Verifying => (self.status != S::Accepted).then_some(Refusal::NotFromStatus),
            E::Resolved if open_intake => Some(Refusal::NeverAccepted),
            E::Resolved => (!in_resolution).then_some(Refusal::NotFromStatus),
            E::Extended if !complaint_or_denunciation => Some(Refusal::KindCannotExtend(ctx.kind)),
            E::Extended if !in_resolution => Some(Refusal::NotFromStatus),
            E::Extended => {
                (self.extensions >= ctx.max_extensions).then_some(Refusal::ExtensionsUsed {
                    max: ctx.max_extensions,
                })
            }
            E::Suspended if !complaint_or_denunciation => {
                Some(Refusal::KindCannotSuspend(ctx.kind))
            }
            E::Suspended => (!in_resolution).then_some(Refusal::NotFromStatus),
            E::Resumed => (self.status != S::Suspended).then_some(Refusal::NotFromStatus),
            E::Withdrawn => None,
        }
    }

    /// The steps a person may take next: what menus and the petition screen offer.
    pub fn allowed_steps(&self, ctx: &StepContext) -> Vec<EventKind> {
        EventKind::ALL
            .iter()
            .copied()
            .filter(|k| self.refusal(ctx, *k).is_none())
            .collect()
    }

    /// The state after `step`, or why the step is refused.
    pub fn apply(&self, ctx: &StepContext, step: &Step) -> Result<Lifecycle> {
        if let Some(why) = self.refusal(ctx, step.kind) {
            return Err(refuse(self.status, step.kind, why));
        }
        if step.on < ctx.received_on {
            return Err(Error::invalid(
                InputField::StepDate,
                Problem::DateBeforeReceipt,
            ));
        }
        if step.on < self.last_step_on {
            return Err(Error::invalid(
                InputField::StepDate,
                Problem::DateBeforePreviousStep,
            ));
        }
        let detail = &step.detail;
        let mut next = self.clone();
        next.last_step_on = step.on;
        let close = |next: &mut Lifecycle, status: Status| {
            next.status = status;
            next.closed_on = Some(step.on);
        };
        match step.kind {
            EventKind::Note | EventKind::Received => {}
            EventKind::Classified => {
                next.status = Status::Classified;
                next.competence = detail.competence.or(self.competence);
                next.complexity = detail.complexity.unwrap_or(self.complexity);
            }
            EventKind::Accepted => {
                next.status = Status::Accepted;
                next.competence = Some(Competence::Ours);
                next.complexity = detail.complexity.unwrap_or(self.complexity);
                next.accepted_on = Some(step.on);
            }
            EventKind::Verifying => next.status = Status::Verifying,
            EventKind::Extended => {
                next.extensions += 1;
                next.extension_days += detail.days.unwrap_or(0);
                next.complexity = detail.complexity.unwrap_or(self.complexity);
            }
            EventKind::Suspended => {
                next.resume_to = Some(self.status);
                next.suspended_on = Some(step.on);
                next.status = Status::Suspended;
            }
            EventKind::Resumed => {
                let since = self.suspended_on.unwrap_or(step.on);
                next.paused_days += (step.on - since).num_days();
                next.status = self.resume_to.unwrap_or(Status::Accepted);
                next.suspended_on = None;
                next.resume_to = None;
            }
            EventKind::Transferred => {
                if !has_text(&detail.to_agency) {
                    return Err(refuse(self.status, step.kind, Refusal::AgencyRequired));
                }
                next.transfer_count += 1;
                next.transferred_to = detail.to_agency.clone();
                close(&mut next, Status::Transferred);
            }
            EventKind::Guided => {
                next.transferred_to = detail.to_agency.clone().or(self.transferred_to.clone());
                close(&mut next, Status::Guided);
            }
            EventKind::Returned => close(&mut next, Status::Returned),
            EventKind::Filed => close(&mut next, Status::Filed),
            EventKind::Resolved => {
                let needs_decision = matches!(
                    ctx.kind,
                    PetitionKind::Complaint | PetitionKind::Denunciation
                );
                if needs_decision && !has_text(&detail.decision_no) {
                    return Err(refuse(self.status, step.kind, Refusal::DecisionRequired));
                }
                next.decision_no = detail.decision_no.clone();
                next.decision_on = Some(step.on);
                next.suspended_on = None;
                close(&mut next, Status::Resolved);
            }
            EventKind::Withdrawn if detail.partial => {}
            EventKind::Withdrawn => {
                next.suspended_on = None;
                close(&mut next, Status::Withdrawn);
            }
        }
        Ok(next)
    }

    /// Replays a whole history; the first step must be `received`.
    pub fn replay<'a>(
        ctx: &StepContext,
        steps: impl IntoIterator<Item = &'a Step>,
        max_extensions: impl Fn(Complexity) -> u32,
    ) -> Result<Lifecycle> {
        let mut steps = steps.into_iter();
        let first = steps
            .next()
            .ok_or_else(|| refuse(Status::Received, EventKind::Note, Refusal::NotFromStatus))?;
        let mut state = Lifecycle::start(first)?;
        for step in steps {
            let ctx = StepContext {
                max_extensions: max_extensions(state.complexity),
                ..*ctx
            };
            state = state.apply(&ctx, step)?;
        }
        Ok(state)
    }
}
