//! A logbook row keeps only the outcome (status and a few dates); the store keeps the history.
//! This rebuilds the shortest history that leads to that outcome, which the lifecycle then
//! replays: a row the law could not have produced is refused, never stored.

use super::problem::RowProblem;
use crate::domain::{EventKind, Handling, PetitionKind, Status, Step, StepDetail};
use chrono::NaiveDate;

/// The decision number recorded when an old logbook says "resolved" without one: complaints and
/// denunciations cannot be resolved without a decision, and inventing a number would be worse.
pub const LEGACY_DECISION: &str = "(nhập từ sổ cũ)";

/// What a row says about the outcome.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub status: Option<Status>,
    pub accepted_on: Option<NaiveDate>,
    pub resolved_on: Option<NaiveDate>,
    pub decision_no: Option<String>,
    pub transferred_to: Option<String>,
}

/// Status words of old logbooks that name the step rather than the state ("thụ lý", "chuyển
/// đơn", "giải quyết"): accepted too, since they are unambiguous.
pub fn parse_status(raw: &str) -> Option<Status> {
    if let Some(status) = Status::parse(raw) {
        return Some(status);
    }
    let from_step = |kind| match kind {
        EventKind::Received => Some(Status::Received),
        EventKind::Classified => Some(Status::Classified),
        EventKind::Accepted => Some(Status::Accepted),
        EventKind::Verifying => Some(Status::Verifying),
        EventKind::Suspended => Some(Status::Suspended),
        EventKind::Transferred => Some(Status::Transferred),
        EventKind::Guided => Some(Status::Guided),
        EventKind::Returned => Some(Status::Returned),
        EventKind::Filed => Some(Status::Filed),
        EventKind::InfoHandled => Some(Status::InfoHandled),
        EventKind::Resolved => Some(Status::Resolved),
        EventKind::Withdrawn => Some(Status::Withdrawn),
        _ => None,
    };
    EventKind::parse(raw).and_then(from_step)
}

impl Outcome {
    /// The status the row means: as written, else what its dates imply.
    pub fn status(&self) -> Status {
        self.status.unwrap_or(if self.resolved_on.is_some() {
            Status::Resolved
        } else if self.accepted_on.is_some() {
            Status::Accepted
        } else if self.transferred_to.is_some() {
            Status::Transferred
        } else {
            Status::Received
        })
    }

    /// The handling the visit records, as the desk would have chosen it.
    pub fn handling(&self) -> Handling {
        match self.status() {
            Status::Transferred => Handling::Transfer,
            Status::Guided => Handling::Guide,
            Status::Returned => Handling::Return,
            Status::Filed | Status::InfoHandled => Handling::File,
            Status::Received | Status::Classified => Handling::Pending,
            Status::Withdrawn if self.accepted_on.is_none() => Handling::Pending,
            _ => Handling::Accept,
        }
    }

    /// The steps after `received` that lead to the row's status.
    pub fn steps(
        &self,
        kind: PetitionKind,
        received_on: NaiveDate,
        first: Step,
    ) -> Result<Vec<Step>, RowProblem> {
        let status = self.status();
        let step = |kind, on, detail| Step { kind, on, detail };
        let plain = StepDetail::default;
        let accepted_on = self.accepted_on.unwrap_or(received_on);
        let accepted = || step(EventKind::Accepted, accepted_on, plain());
        let closed_on = self.resolved_on.or(self.accepted_on).unwrap_or(received_on);
        let to_agency = || StepDetail {
            to_agency: self.transferred_to.clone(),
            ..Default::default()
        };
        let open = !status.is_closed();
        // An open petition has no closing date; one never accepted has no acceptance date.
        if open && self.resolved_on.is_some() {
            return Err(RowProblem::DateContradictsStatus {
                date: super::Column::ResolvedOn,
                status,
            });
        }
        if matches!(status, Status::Received | Status::Classified) && self.accepted_on.is_some() {
            return Err(RowProblem::DateContradictsStatus {
                date: super::Column::AcceptedOn,
                status,
            });
        }
        let mut steps = vec![first];
        match status {
            // A logbook records what was received; a record voided as entered by mistake is
            // left out of it, not imported.
            Status::Voided => {
                return Err(RowProblem::NotOneOf {
                    column: super::Column::Status,
                    choices: Status::ALL
                        .iter()
                        .filter(|s| **s != Status::Voided)
                        .map(|s| s.code())
                        .collect(),
                });
            }
            Status::Received => {}
            Status::Classified => steps.push(step(EventKind::Classified, received_on, plain())),
            Status::Accepted => steps.push(accepted()),
            Status::Verifying => {
                steps.push(accepted());
                steps.push(step(EventKind::Verifying, accepted_on, plain()));
            }
            Status::Suspended => {
                steps.push(accepted());
                // The logbook has no suspension date; the acceptance date is the earliest it
                // can have been, so the paused time is never understated.
                steps.push(step(EventKind::Suspended, accepted_on, plain()));
            }
            Status::Resolved => {
                let Some(resolved_on) = self.resolved_on else {
                    return Err(RowProblem::MissingDate {
                        date: super::Column::ResolvedOn,
                        status,
                    });
                };
                let needs_decision =
                    matches!(kind, PetitionKind::Complaint | PetitionKind::Denunciation);
                let decision_no = self
                    .decision_no
                    .clone()
                    .or_else(|| needs_decision.then(|| LEGACY_DECISION.to_string()));
                steps.push(accepted());
                steps.push(step(
                    EventKind::Resolved,
                    resolved_on,
                    StepDetail {
                        decision_no,
                        ..Default::default()
                    },
                ));
            }
            Status::Transferred | Status::Guided | Status::Returned | Status::Filed => {
                // Intake steps: taking them after an acceptance date is refused by the replay.
                if self.accepted_on.is_some() {
                    steps.push(accepted());
                }
                let kind = match status {
                    Status::Transferred => EventKind::Transferred,
                    Status::Guided => EventKind::Guided,
                    Status::Returned => EventKind::Returned,
                    _ => EventKind::Filed,
                };
                steps.push(step(kind, closed_on, to_agency()));
            }
            Status::Withdrawn => {
                if self.accepted_on.is_some() {
                    steps.push(accepted());
                }
                steps.push(step(EventKind::Withdrawn, closed_on, plain()));
            }
            // An anonymous denunciation handled as information (Luật Tố cáo 2018, Điều 25): the
            // logbook's status is the record of it.
            Status::InfoHandled => {
                let note = Some(Status::InfoHandled.label(crate::i18n::Lang::Vi).to_string());
                let detail = StepDetail {
                    note,
                    ..to_agency()
                };
                steps.push(step(EventKind::InfoHandled, closed_on, detail));
            }
        }
        Ok(steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn received(on: &str) -> Step {
        Step {
            kind: EventKind::Received,
            on: d(on),
            detail: StepDetail::default(),
        }
    }

    fn kinds(steps: &[Step]) -> Vec<EventKind> {
        steps.iter().map(|s| s.kind).collect()
    }

    #[test]
    fn old_logbook_status_words() {
        assert_eq!(parse_status("Đã giải quyết"), Some(Status::Resolved));
        assert_eq!(parse_status("da giai quyet"), Some(Status::Resolved));
        assert_eq!(parse_status("thụ lý"), Some(Status::Accepted));
        assert_eq!(parse_status("chuyen don"), Some(Status::Transferred));
        assert_eq!(parse_status("ghi chú"), None);
    }

    #[test]
    fn resolved_without_decision_gets_the_legacy_marker() {
        let outcome = Outcome {
            status: Some(Status::Resolved),
            resolved_on: Some(d("2026-03-20")),
            ..Default::default()
        };
        let steps = outcome
            .steps(
                PetitionKind::Complaint,
                d("2026-03-01"),
                received("2026-03-01"),
            )
            .unwrap();
        use EventKind::*;
        assert_eq!(kinds(&steps), [Received, Accepted, Resolved]);
        assert_eq!(steps[1].on, d("2026-03-01"));
        assert_eq!(
            steps[2].detail.decision_no.as_deref(),
            Some(LEGACY_DECISION)
        );
        let steps = outcome
            .steps(
                PetitionKind::Report,
                d("2026-03-01"),
                received("2026-03-01"),
            )
            .unwrap();
        assert_eq!(steps[2].detail.decision_no, None);
    }

    #[test]
    fn status_follows_the_dates_when_blank() {
        let accepted = Outcome {
            accepted_on: Some(d("2026-03-05")),
            ..Default::default()
        };
        assert_eq!(accepted.status(), Status::Accepted);
        let contradiction = Outcome {
            status: Some(Status::Accepted),
            resolved_on: Some(d("2026-03-05")),
            ..Default::default()
        };
        assert!(matches!(
            contradiction.steps(
                PetitionKind::Complaint,
                d("2026-03-01"),
                received("2026-03-01")
            ),
            Err(RowProblem::DateContradictsStatus { .. })
        ));
    }
}
