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
    /// Extensions the rules allow for this kind at the step's complexity.
    pub extensions: ExtensionAllowance,
    /// The first day the rules allow suspending (tạm đình chỉ) a petition of this kind; `None`
    /// when no rule ever does (kiến nghị, phản ánh).
    pub suspension_from: Option<NaiveDate>,
}

/// What the rules in force allow in extensions (gia hạn) for one kind at one complexity: how many,
/// and how many calendar days each may add at most (Luật Tố cáo 2018, Điều 30: one extension of at
/// most 30 days for a complex case, two for a very complex one; none for a complaint).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtensionAllowance {
    pub count: u32,
    pub days: u32,
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
    /// Tố cáo: the day the denouncer was told of the thụ lý (Luật Tố cáo 2018, Điều 29).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denouncer_notified_on: Option<NaiveDate>,
    /// The running suspension's decision has been sent (Luật Tố cáo 2018, Điều 34).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspension_notified: bool,
    /// What the decision found: đúng, sai, đúng một phần.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<Finding>,
    /// Ngày biết quyết định, as the `received` step records it: the complaint window runs from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_on: Option<NaiveDate>,
}

fn refuse(status: Status, step: EventKind, why: Refusal) -> Error {
    Error::IllegalStep { status, step, why }
}

fn open_intake_now(status: Status) -> bool {
    matches!(status, Status::Received | Status::Classified)
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
            denouncer_notified_on: None,
            suspension_notified: false,
            finding: None,
            known_on: step.detail.known_on,
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
        // A record entered by mistake takes nothing more but notes; a closed one may still be
        // corrected or voided (a correction is not a step in the case).
        if self.status == S::Voided && kind != E::Note {
            return Some(Refusal::NotFromStatus);
        }
        // A marker may still be set on a closed case ("đã giải quyết hết thẩm quyền" comes after
        // the decision); nothing else but corrections.
        let after_closing = matches!(kind, E::Note | E::Corrected | E::Voided | E::Marked);
        if self.status.is_closed() && !after_closing {
            return Some(Refusal::NotFromStatus);
        }
        match kind {
            E::Note | E::Corrected | E::Voided | E::Marked | E::Assigned => None,
            E::Received => Some(Refusal::AlreadyReceived),
            E::Classified | E::Transferred | E::Guided | E::Returned | E::Filed => {
                (!open_intake).then_some(Refusal::NotFromStatus)
            }
            // Luật Tố cáo 2018, Điều 25: an anonymous denunciation is not processed as a
            // denunciation; where the violation is concrete the information is examined instead.
            E::InfoHandled if !(ctx.anonymous && ctx.kind == PetitionKind::Denunciation) => {
                Some(Refusal::InfoOnlyAnonymous)
            }
            E::InfoHandled => (!open_intake).then_some(Refusal::NotFromStatus),
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
            // Complaints get the longer "complex" periods instead (Luật Khiếu nại 2011, Điều 28, 37).
            E::Extended if ctx.kind == PetitionKind::Complaint => {
                Some(Refusal::KindCannotExtend(ctx.kind))
            }
            E::Extended if ctx.extensions.count == 0 => Some(Refusal::ExtensionNeedsComplexity),
            E::Extended => {
                (self.extensions >= ctx.extensions.count).then_some(Refusal::ExtensionsUsed {
                    max: ctx.extensions.count,
                })
            }
            E::Suspended if ctx.suspension_from.is_none() => {
                Some(Refusal::KindCannotSuspend(ctx.kind))
            }
            E::Suspended => (!in_resolution).then_some(Refusal::NotFromStatus),
            E::Resumed => (self.status != S::Suspended).then_some(Refusal::NotFromStatus),
            E::Withdrawn => None,
            E::Notified => (!self.awaits_denouncer_notice(ctx) && !self.awaits_suspension_notice())
                .then_some(Refusal::NothingToNotify),
        }
    }

    /// A named denouncer has not yet been told that the denunciation was accepted (Luật Tố cáo
    /// 2018, Điều 29).
    pub fn awaits_denouncer_notice(&self, ctx: &StepContext) -> bool {
        ctx.kind == PetitionKind::Denunciation
            && !ctx.anonymous
            && self.accepted_on.is_some()
            && self.denouncer_notified_on.is_none()
            && !self.status.is_closed()
    }

    /// The running suspension's decision has not been sent yet (Luật Tố cáo 2018, Điều 34).
    pub fn awaits_suspension_notice(&self) -> bool {
        self.status == Status::Suspended && !self.suspension_notified
    }

    /// The steps a person may take next: what menus and the petition screen offer. Corrections
    /// and voiding have commands of their own.
    pub fn allowed_steps(&self, ctx: &StepContext) -> Vec<EventKind> {
        EventKind::ALL
            .iter()
            .copied()
            .filter(|k| !k.is_correction())
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
        // Bookkeeping (a marker, an assignment) does not date the case: a back-dated legal step
        // may still follow it.
        if !step.kind.is_bookkeeping() {
            next.last_step_on = step.on;
        }
        let close = |next: &mut Lifecycle, status: Status| {
            next.status = status;
            next.closed_on = Some(step.on);
        };
        match step.kind {
            EventKind::Note | EventKind::Received | EventKind::Corrected => {}
            EventKind::Marked => match (detail.flag, detail.complexity) {
                (Some(flag), None) if !EventKind::MARKABLE.contains(&flag) => {
                    let choices = EventKind::MARKABLE.iter().map(|f| f.code()).collect();
                    return Err(Error::invalid(
                        InputField::Flag,
                        Problem::NotOneOf { choices },
                    ));
                }
                (Some(Flag::SeveralPlaces), None)
                    if ctx.kind != PetitionKind::Denunciation || !open_intake_now(self.status) =>
                {
                    return Err(refuse(
                        self.status,
                        step.kind,
                        Refusal::SeveralPlacesDenunciationOnly,
                    ));
                }
                (Some(_), None) => {}
                // Phức tạp is judged while the case is open: it sets the longer periods.
                (None, Some(c)) if !self.status.is_closed() => next.complexity = c,
                (None, Some(_)) => {
                    return Err(refuse(self.status, step.kind, Refusal::NotFromStatus));
                }
                _ => return Err(Error::invalid(InputField::Flag, Problem::Required)),
            },
            EventKind::Assigned => {
                if !has_text(&detail.officer) {
                    return Err(Error::invalid(InputField::Officer, Problem::Required));
                }
            }
            EventKind::Voided => {
                if !has_text(&detail.note) {
                    return Err(Error::invalid(InputField::Reason, Problem::Required));
                }
                next.suspended_on = None;
                close(&mut next, Status::Voided);
            }
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
                let allowed = ctx.extensions.days;
                if detail.days.is_some_and(|d| d == 0 || d > allowed) {
                    let why = Refusal::ExtensionTooLong { max_days: allowed };
                    return Err(refuse(self.status, step.kind, why));
                }
                next.extensions += 1;
                next.extension_days += detail.days.unwrap_or(0);
                next.complexity = detail.complexity.unwrap_or(self.complexity);
            }
            // One notice per step: the denouncer's notice of thụ lý first, then the suspension's.
            EventKind::Notified => {
                if self.awaits_denouncer_notice(ctx) {
                    next.denouncer_notified_on = Some(step.on);
                } else {
                    next.suspension_notified = true;
                }
            }
            EventKind::Suspended => {
                next.suspension_notified = false;
                if let Some(from) = ctx.suspension_from.filter(|from| step.on < *from) {
                    let why = Refusal::SuspensionNotInForce {
                        kind: ctx.kind,
                        from,
                    };
                    return Err(refuse(self.status, step.kind, why));
                }
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
            EventKind::InfoHandled => {
                if !has_text(&detail.note) {
                    return Err(Error::invalid(InputField::Reason, Problem::Required));
                }
                next.transferred_to = detail.to_agency.clone();
                close(&mut next, Status::InfoHandled);
            }
            EventKind::Resolved => {
                let needs_decision = matches!(
                    ctx.kind,
                    PetitionKind::Complaint | PetitionKind::Denunciation
                );
                if needs_decision && !has_text(&detail.decision_no) {
                    return Err(refuse(self.status, step.kind, Refusal::DecisionRequired));
                }
                next.decision_no = detail.decision_no.clone();
                next.finding = detail.finding.filter(|_| needs_decision);
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

    /// The complexity a step is judged at: an extension may state the complexity that justifies it.
    pub fn complexity_for(&self, step: &Step) -> Complexity {
        match step.kind {
            EventKind::Extended => step.detail.complexity.unwrap_or(self.complexity),
            _ => self.complexity,
        }
    }

    /// Replays a whole history; the first step must be `received`. `allowance` gives the
    /// extensions the rules allow at a complexity.
    pub fn replay<'a>(
        ctx: &StepContext,
        steps: impl IntoIterator<Item = &'a Step>,
        allowance: impl Fn(Complexity) -> ExtensionAllowance,
    ) -> Result<Lifecycle> {
        let mut steps = steps.into_iter();
        let first = steps
            .next()
            .ok_or_else(|| refuse(Status::Received, EventKind::Note, Refusal::NotFromStatus))?;
        let mut state = Lifecycle::start(first)?;
        for step in steps {
            let ctx = StepContext {
                extensions: allowance(state.complexity_for(step)),
                ..*ctx
            };
            state = state.apply(&ctx, step)?;
        }
        Ok(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::StepDetail;
    use EventKind as E;
    use PetitionKind as K;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn step(kind: EventKind, d: u32) -> Step {
        let detail = StepDetail {
            to_agency: matches!(kind, E::Transferred).then(|| "UBND xã Cẩm Bình".into()),
            decision_no: matches!(kind, E::Resolved).then(|| "15/QĐ-UBND".into()),
            days: matches!(kind, E::Extended).then_some(30),
            complexity: matches!(kind, E::Extended).then_some(Complexity::VeryComplex),
            ..Default::default()
        };
        Step {
            kind,
            on: day(d),
            detail,
        }
    }

    /// Complaints and denunciations may be suspended (from any date, in these tests).
    fn may_suspend(kind: PetitionKind) -> Option<NaiveDate> {
        matches!(kind, K::Complaint | K::Denunciation).then_some(NaiveDate::MIN)
    }

    #[test]
    fn a_suspension_before_the_rule_is_in_force_is_refused_with_its_date() {
        let from = day(10);
        let ctx = StepContext {
            kind: K::Complaint,
            anonymous: false,
            received_on: day(1),
            extensions: ExtensionAllowance::default(),
            suspension_from: Some(from),
        };
        let accepted = Lifecycle::start(&step(E::Received, 1))
            .unwrap()
            .apply(&ctx, &step(E::Accepted, 2))
            .unwrap();
        let err = accepted.apply(&ctx, &step(E::Suspended, 9)).unwrap_err();
        let Error::IllegalStep { why, .. } = err else {
            panic!("not a refusal: {err:?}")
        };
        assert_eq!(
            why,
            Refusal::SuspensionNotInForce {
                kind: K::Complaint,
                from
            }
        );
        let suspended = accepted.apply(&ctx, &step(E::Suspended, 10)).unwrap();
        assert_eq!(suspended.status, Status::Suspended);
        let never = StepContext {
            suspension_from: None,
            ..ctx
        };
        assert_eq!(
            accepted.refusal(&never, E::Suspended),
            Some(Refusal::KindCannotSuspend(K::Complaint))
        );
    }

    fn run(kind: PetitionKind, anonymous: bool, path: &[EventKind]) -> Result<Lifecycle> {
        let ctx = StepContext {
            kind,
            anonymous,
            received_on: day(1),
            extensions: ExtensionAllowance::default(),
            suspension_from: may_suspend(kind),
        };
        let mut steps = vec![step(E::Received, 1)];
        steps.extend(path.iter().enumerate().map(|(i, k)| step(*k, 2 + i as u32)));
        Lifecycle::replay(&ctx, &steps, |c| denunciation_allowance(kind, c))
    }

    /// Denunciations: one extension of at most 30 days when complex, two when very complex
    /// (Luật Tố cáo 2018, Điều 30); nothing else.
    fn denunciation_allowance(kind: PetitionKind, c: Complexity) -> ExtensionAllowance {
        let count = match (kind, c) {
            (K::Denunciation, Complexity::Complex) => 1,
            (K::Denunciation, Complexity::VeryComplex) => 2,
            _ => 0,
        };
        ExtensionAllowance { count, days: 30 }
    }

    /// One row of the table: kind, anonymous, steps after receipt, the status reached or the
    /// refusal, and the legal basis.
    type Row = (
        PetitionKind,
        bool,
        &'static [EventKind],
        std::result::Result<Status, Refusal>,
        &'static str,
    );

    #[test]
    fn legal_paths_and_refusals() {
        use Refusal as R;
        use Status as S;
        let table: &[Row] = &[
            (
                K::Complaint,
                false,
                &[E::Accepted, E::Verifying, E::Resolved],
                Ok(S::Resolved),
                "Luật Khiếu nại 2011, Điều 27–31",
            ),
            (
                K::Complaint,
                false,
                &[E::Resolved],
                Err(R::NeverAccepted),
                "Luật Khiếu nại 2011, Điều 27: giải quyết sau thụ lý",
            ),
            (
                K::Complaint,
                false,
                &[E::Accepted, E::Extended],
                Err(R::KindCannotExtend(K::Complaint)),
                "Luật Khiếu nại 2011: không có gia hạn, dùng thời hạn phức tạp",
            ),
            (
                K::Recommendation,
                false,
                &[E::Accepted, E::Extended],
                Err(R::KindCannotExtend(K::Recommendation)),
                "kiến nghị: không có thời hạn luật định để gia hạn",
            ),
            (
                K::Report,
                false,
                &[E::Accepted, E::Suspended],
                Err(R::KindCannotSuspend(K::Report)),
                "tạm đình chỉ chỉ áp dụng cho khiếu nại, tố cáo",
            ),
            (
                K::Denunciation,
                false,
                &[E::Accepted, E::Extended, E::Extended, E::Resolved],
                Ok(S::Resolved),
                "Luật Tố cáo 2018, Điều 30: gia hạn tối đa hai lần",
            ),
            (
                K::Denunciation,
                false,
                &[E::Accepted, E::Extended, E::Extended, E::Extended],
                Err(R::ExtensionsUsed { max: 2 }),
                "Luật Tố cáo 2018, Điều 30",
            ),
            (
                K::Denunciation,
                true,
                &[E::Accepted],
                Err(R::AnonymousDenunciation),
                "Luật Tố cáo 2018, Điều 25",
            ),
            (
                K::Denunciation,
                true,
                &[E::Filed],
                Ok(S::Filed),
                "Luật Tố cáo 2018, Điều 25: lưu, có thể kiểm tra",
            ),
            (
                K::Complaint,
                false,
                &[E::Accepted, E::Suspended, E::Resumed],
                Ok(S::Accepted),
                "Luật số 136/2025/QH15: tạm đình chỉ, tiếp tục",
            ),
            (
                K::Complaint,
                false,
                &[E::Accepted, E::Suspended, E::Resolved],
                Err(R::NotFromStatus),
                "đang tạm đình chỉ thì chưa giải quyết",
            ),
            (
                K::Complaint,
                false,
                &[E::Transferred],
                Ok(S::Transferred),
                "Luật Khiếu nại 2011, Điều 27: không thuộc thẩm quyền",
            ),
            (
                K::Complaint,
                false,
                &[E::Transferred, E::Accepted],
                Err(R::NotFromStatus),
                "đã chuyển đơn thì không thụ lý",
            ),
            (
                K::Recommendation,
                false,
                &[E::Classified, E::Guided],
                Ok(S::Guided),
                "Luật Tiếp công dân 2013, Điều 28: hướng dẫn",
            ),
            (
                K::Complaint,
                false,
                &[E::Withdrawn, E::Note],
                Ok(S::Withdrawn),
                "Luật Khiếu nại 2011, Điều 10: rút đơn",
            ),
            (
                K::Complaint,
                false,
                &[E::Accepted, E::Resolved, E::Accepted],
                Err(R::NotFromStatus),
                "đã giải quyết thì đóng",
            ),
            (
                K::Complaint,
                false,
                &[E::Received],
                Err(R::AlreadyReceived),
                "một lần tiếp nhận",
            ),
        ];
        for (kind, anonymous, path, expected, basis) in table {
            let got = run(*kind, *anonymous, path);
            match (expected, got) {
                (Ok(status), Ok(state)) => assert_eq!(state.status, *status, "{basis}"),
                (Err(why), Err(Error::IllegalStep { why: got, .. })) => {
                    assert_eq!(&got, why, "{basis}")
                }
                (expected, got) => panic!("{basis}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    /// Luật Tố cáo 2018, Điều 30: "gia hạn giải quyết một lần nhưng không quá 30 ngày" (phức tạp),
    /// "gia hạn hai lần, mỗi lần không quá 30 ngày" (đặc biệt phức tạp); no extension otherwise.
    #[test]
    fn extension_length_and_grounds_are_capped() {
        let accepted = run(K::Denunciation, false, &[E::Accepted]).unwrap();
        let ctx_at = |c| StepContext {
            kind: K::Denunciation,
            anonymous: false,
            received_on: day(1),
            extensions: denunciation_allowance(K::Denunciation, c),
            suspension_from: may_suspend(K::Denunciation),
        };
        let extend = |days: Option<u32>, c: Complexity| Step {
            kind: E::Extended,
            on: day(10),
            detail: StepDetail {
                days,
                complexity: Some(c),
                ..Default::default()
            },
        };
        let refusal = |days, c| match accepted.apply(&ctx_at(c), &extend(days, c)) {
            Err(Error::IllegalStep { why, .. }) => Some(why),
            Err(other) => panic!("unexpected {other:?}"),
            Ok(_) => None,
        };
        use Complexity as C;
        let too_long = Some(Refusal::ExtensionTooLong { max_days: 30 });
        let table: &[(Option<u32>, Complexity, Option<Refusal>, &str)] = &[
            (
                Some(30),
                C::Complex,
                None,
                "phức tạp: một lần, không quá 30 ngày",
            ),
            (Some(1), C::Complex, None, "một ngày cũng là gia hạn hợp lệ"),
            (Some(31), C::Complex, too_long.clone(), "quá 30 ngày"),
            (
                Some(45),
                C::VeryComplex,
                too_long.clone(),
                "mỗi lần không quá 30 ngày",
            ),
            (
                Some(0),
                C::Complex,
                too_long,
                "gia hạn 0 ngày không có nghĩa",
            ),
            (
                Some(30),
                C::Normal,
                Some(Refusal::ExtensionNeedsComplexity),
                "vụ việc không phức tạp thì không gia hạn",
            ),
        ];
        for (days, c, expected, why) in table {
            assert_eq!(&refusal(*days, *c), expected, "{days:?} days, {c:?}: {why}");
        }
        // Replay judges each extension at the complexity it states.
        let state = Lifecycle::replay(
            &ctx_at(C::Normal),
            &[
                step(E::Received, 1),
                step(E::Accepted, 2),
                extend(Some(30), C::Complex),
            ],
            |c| denunciation_allowance(K::Denunciation, c),
        )
        .unwrap();
        assert_eq!((state.extensions, state.extension_days), (1, 30));
        assert_eq!(state.complexity, C::Complex);
    }

    #[test]
    fn not_our_competence_cannot_be_accepted() {
        let ctx = StepContext {
            kind: K::Complaint,
            anonymous: false,
            received_on: day(1),
            extensions: ExtensionAllowance::default(),
            suspension_from: may_suspend(K::Complaint),
        };
        let start = Lifecycle::start(&step(E::Received, 1)).unwrap();
        let mut classify = step(E::Classified, 2);
        classify.detail.competence = Some(Competence::NotOurs);
        let classified = start.apply(&ctx, &classify).unwrap();
        assert_eq!(
            classified.refusal(&ctx, E::Accepted),
            Some(Refusal::NotOurCompetence)
        );
        assert!(classified.allowed_steps(&ctx).contains(&E::Transferred));
        assert!(!classified.allowed_steps(&ctx).contains(&E::Accepted));
    }

    #[test]
    fn suspension_pauses_and_dates_must_not_go_backwards() {
        let state = run(
            K::Complaint,
            false,
            &[E::Accepted, E::Suspended, E::Resumed],
        )
        .unwrap();
        assert_eq!(state.paused_days, 1, "suspended 4/3, resumed 5/3");
        let ctx = StepContext {
            kind: K::Complaint,
            anonymous: false,
            received_on: day(1),
            extensions: ExtensionAllowance::default(),
            suspension_from: may_suspend(K::Complaint),
        };
        let err = state.apply(&ctx, &step(E::Verifying, 3)).unwrap_err();
        assert!(matches!(
            err,
            Error::Invalid {
                problem: Problem::DateBeforePreviousStep,
                ..
            }
        ));
        let transfer_without_agency = Step {
            kind: E::Transferred,
            on: day(2),
            detail: StepDetail::default(),
        };
        let fresh = Lifecycle::start(&step(E::Received, 1)).unwrap();
        let err = fresh.apply(&ctx, &transfer_without_agency).unwrap_err();
        assert!(matches!(
            err,
            Error::IllegalStep {
                why: Refusal::AgencyRequired,
                ..
            }
        ));
    }

    #[test]
    fn transfers_are_counted() {
        let state = run(K::Complaint, false, &[E::Transferred]).unwrap();
        assert_eq!(state.transfer_count, 1);
        assert_eq!(state.transferred_to.as_deref(), Some("UBND xã Cẩm Bình"));
        assert_eq!(state.closed_on, Some(day(2)));
    }
}
