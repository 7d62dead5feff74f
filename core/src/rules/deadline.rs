//! The deadline a petition is working towards now, derived from its rules, calendar and state.

use super::{Calendar, DayFrom, DayUnit, DeadlineKind, DeadlineRule, Rules, Thresholds, Urgency};
use crate::domain::{
    Competence, Complexity, Flag, Lifecycle, Petition, PetitionKind, Round, Status,
};
use chrono::{NaiveDate, TimeDelta};

/// The facts about a petition that choose its rules; complexity comes from the lifecycle because
/// it can change along the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PetitionFacts {
    pub kind: PetitionKind,
    pub round: Option<Round>,
    /// Vùng sâu, vùng xa: longer complaint periods.
    pub remote_area: bool,
    pub received_on: NaiveDate,
    /// No filer named: an anonymous denunciation is not processed as a denunciation (Luật Tố cáo
    /// 2018, Điều 25), so it has no thụ lý or forwarding clock — only xử lý đơn.
    pub anonymous: bool,
    /// Marked as needing checks at several places: the longer thụ lý period of Luật Tố cáo
    /// 2018, Điều 24.
    pub several_places: bool,
}

impl PetitionFacts {
    pub fn of(p: &Petition) -> PetitionFacts {
        PetitionFacts {
            kind: p.kind,
            round: p.round,
            remote_area: p.remote_area,
            received_on: p.received_on,
            anonymous: p.is_anonymous(),
            several_places: p.flags.contains(Flag::SeveralPlaces),
        }
    }
}

/// One deadline, with the article it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub which: DeadlineKind,
    pub due_on: NaiveDate,
    /// The unit and length of the rule's own period (before extensions and pauses).
    pub unit: DayUnit,
    pub days: u32,
    pub basis: String,
    /// Suspended: the date shown is where the deadline stands if work resumes today.
    pub paused: bool,
    pub rule_id: String,
    pub note: Option<String>,
    /// Calendar days added by extensions (gia hạn).
    pub extension_days: u32,
    /// Calendar days the clock stood still, including a suspension still running.
    pub paused_days: i64,
    /// Counted on a holiday table that is provisional or computed for some year between the
    /// start and the due date: "tạm tính" until the Prime Minister's notice is in the table.
    pub calendar_provisional: bool,
}

impl Deadline {
    pub fn days_left(&self, today: NaiveDate, cal: &Calendar) -> i64 {
        super::days_left(self.due_on, today, self.unit, cal)
    }

    pub fn urgency(&self, today: NaiveDate, cal: &Calendar, t: &Thresholds) -> Urgency {
        super::urgency(Some(self.due_on), today, cal, t)
    }
}

/// The deadline that comes first, or `None` when the petition is closed.
pub fn next_deadline(
    rules: &Rules,
    cal: &Calendar,
    p: &PetitionFacts,
    state: &Lifecycle,
    today: NaiveDate,
) -> Option<Deadline> {
    all_deadlines(rules, cal, p, state, today)
        .into_iter()
        .min_by_key(|d| (d.due_on, d.which))
}

/// Every deadline running now, in no particular order.
///
/// - intake (received, classified): xử lý đơn, thụ lý, and — when the petition is not ours —
///   chuyển đơn, all counted from receipt;
/// - resolution (accepted, verifying): giải quyết from thụ lý, plus extensions, plus the days the
///   clock was stopped by suspensions (Luật số 136/2025/QH15);
/// - suspended: giải quyết as it would stand if work resumed today.
pub fn all_deadlines(
    rules: &Rules,
    cal: &Calendar,
    p: &PetitionFacts,
    state: &Lifecycle,
    today: NaiveDate,
) -> Vec<Deadline> {
    if state.status.is_closed() {
        return Vec::new();
    }
    let case = super::Case {
        kind: p.kind,
        round: p.round,
        complexity: state.complexity,
        remote: p.remote_area,
        several_places: p.several_places,
    };
    // The rule in force on the day the clock starts: receipt for intake, thụ lý for resolution
    // and the denouncer's notice, the suspension for its decision.
    let find = |which: DeadlineKind| {
        let starts = match which {
            DeadlineKind::Resolve | DeadlineKind::NotifyDenouncer => state.accepted_on,
            DeadlineKind::NotifySuspension => state.suspended_on,
            DeadlineKind::Process
            | DeadlineKind::Accept
            | DeadlineKind::Forward
            | DeadlineKind::ComplaintWindow => None,
        };
        rules.find(which, &case, starts.unwrap_or(p.received_on))
    };
    // Notices run beside the resolution clock and are not stopped by a suspension.
    let notices = {
        let mut pending = Vec::new();
        let denouncer_waits = p.kind == PetitionKind::Denunciation
            && !p.anonymous
            && state.accepted_on.is_some()
            && state.denouncer_notified_on.is_none();
        if denouncer_waits {
            pending.push(DeadlineKind::NotifyDenouncer);
        }
        if state.status == Status::Suspended && !state.suspension_notified {
            pending.push(DeadlineKind::NotifySuspension);
        }
        pending
    };
    let ctx = Counter {
        rules,
        cal,
        p,
        state,
    };
    match state.status {
        Status::Received | Status::Classified => {
            let mut intake = vec![DeadlineKind::Process];
            let info_only = p.anonymous && p.kind == PetitionKind::Denunciation;
            if !info_only {
                intake.push(DeadlineKind::Accept);
                if state.competence == Some(Competence::NotOurs) {
                    intake.push(DeadlineKind::Forward);
                }
            }
            intake
                .into_iter()
                .filter_map(find)
                .filter_map(|rule| ctx.deadline(rule, 0, 0, false))
                .collect()
        }
        Status::Accepted | Status::Verifying => find(DeadlineKind::Resolve)
            .and_then(|rule| ctx.deadline(rule, state.extension_days, state.paused_days, false))
            .into_iter()
            .chain(
                notices
                    .iter()
                    .filter_map(|w| find(*w))
                    .filter_map(|rule| ctx.deadline(rule, 0, 0, false)),
            )
            .collect(),
        Status::Suspended => {
            let running = state
                .suspended_on
                .map_or(0, |since| (today - since).num_days().max(0));
            let paused = state.paused_days + running;
            find(DeadlineKind::Resolve)
                .and_then(|rule| ctx.deadline(rule, state.extension_days, paused, true))
                .into_iter()
                .chain(
                    notices
                        .iter()
                        .filter_map(|w| find(*w))
                        .filter_map(|rule| ctx.deadline(rule, 0, 0, false)),
                )
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The time a complainant had to complain, counted from the day they knew of the decision or act
/// (Luật Khiếu nại 2011, Điều 9: 90 days) or, for a second round, from receiving the first-round
/// decision or the end of its period (Điều 33: 30 days, 45 in remote areas) — and whether the
/// complaint came after it. A late complaint is still received and recorded; the desk is warned.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FilingWindow {
    /// "Ngày biết quyết định": the day the window runs from.
    pub known_on: NaiveDate,
    /// The last day to complain (rolled to a working day like any calendar-day period).
    pub ends_on: NaiveDate,
    pub days: u32,
    pub basis: String,
    pub rule_id: String,
    pub note: Option<String>,
    /// Calendar days the complaint was received after `ends_on`; 0 when in time.
    pub days_late: i64,
    pub calendar_provisional: bool,
}

impl FilingWindow {
    pub fn late(&self) -> bool {
        self.days_late > 0
    }
}

/// The complaint window of a petition whose complainant knew of the decision on `known_on`, under
/// the rule in force that day; `None` when no rule sets one (denunciations, recommendations and
/// reports have no time limit to file).
pub fn filing_window(
    rules: &Rules,
    cal: &Calendar,
    p: &PetitionFacts,
    known_on: NaiveDate,
) -> Option<FilingWindow> {
    let case = super::Case {
        kind: p.kind,
        round: p.round,
        complexity: Complexity::Normal,
        remote: p.remote_area,
        several_places: p.several_places,
    };
    let rule = rules.find(DeadlineKind::ComplaintWindow, &case, known_on)?;
    let mut ends_on = cal.add_days(known_on, rule.days, rule.unit);
    if rules.counting.roll_forward {
        ends_on = cal.on_or_after(ends_on);
    }
    Some(FilingWindow {
        known_on,
        ends_on,
        days: rule.days,
        basis: rule.basis.clone(),
        rule_id: rule.id.clone(),
        note: rule.note.clone(),
        days_late: (p.received_on - ends_on).num_days().max(0),
        calendar_provisional: cal.is_provisional_between(known_on, ends_on),
    })
}

/// What a deadline computation needs besides the rule.
struct Counter<'a> {
    rules: &'a Rules,
    cal: &'a Calendar,
    p: &'a PetitionFacts,
    state: &'a Lifecycle,
}

impl Counter<'_> {
    /// The deadline under `rule`; `None` when the rule counts from a day that has not happened.
    fn deadline(
        &self,
        rule: &DeadlineRule,
        extension_days: u32,
        paused_days: i64,
        paused: bool,
    ) -> Option<Deadline> {
        let start = match rule.from {
            DayFrom::Received => self.p.received_on,
            DayFrom::Accepted => self.state.accepted_on?,
            DayFrom::Suspended => self.state.suspended_on?,
            DayFrom::Known => self.state.known_on?,
        };
        // Extensions and pauses are calendar days whatever the rule's unit: the laws count them so.
        let mut due = self.cal.add_days(start, rule.days, rule.unit)
            + TimeDelta::days(i64::from(extension_days) + paused_days);
        if self.rules.counting.roll_forward {
            due = self.cal.on_or_after(due);
        }
        Some(Deadline {
            which: rule.which,
            due_on: due,
            unit: rule.unit,
            days: rule.days,
            basis: rule.basis.clone(),
            paused,
            rule_id: rule.id.clone(),
            note: rule.note.clone(),
            extension_days,
            paused_days,
            calendar_provisional: self.cal.is_provisional_between(start, due),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EventKind, Step, StepContext, StepDetail};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn step(kind: EventKind, on: NaiveDate) -> Step {
        Step {
            kind,
            on,
            detail: StepDetail::default(),
        }
    }

    fn facts(kind: PetitionKind, received_on: NaiveDate) -> PetitionFacts {
        PetitionFacts {
            kind,
            round: None,
            remote_area: false,
            received_on,
            anonymous: false,
            several_places: false,
        }
    }

    fn ctx(p: &PetitionFacts) -> StepContext {
        StepContext {
            kind: p.kind,
            anonymous: false,
            received_on: p.received_on,
            extensions: Default::default(),
            suspension_from: None,
        }
    }

    #[test]
    fn intake_takes_the_earliest_deadline() {
        let (rules, cal) = (Rules::legal_default(), Calendar::legal_default());
        // Complaint received Monday 2/3/2026: thụ lý 10 days → Thursday 12/3, before xử lý đơn
        // 10 working days → Monday 16/3.
        let p = facts(PetitionKind::Complaint, date(2026, 3, 2));
        let state = Lifecycle::start(&step(EventKind::Received, p.received_on)).unwrap();
        let all = all_deadlines(&rules, &cal, &p, &state, p.received_on);
        assert_eq!(all.len(), 2);
        let next = next_deadline(&rules, &cal, &p, &state, p.received_on).unwrap();
        assert_eq!(
            (next.which, next.due_on),
            (DeadlineKind::Accept, date(2026, 3, 12))
        );
    }

    #[test]
    fn resolution_counts_from_acceptance() {
        let (rules, cal) = (Rules::legal_default(), Calendar::legal_default());
        let p = facts(PetitionKind::Report, date(2026, 3, 2));
        let received = Lifecycle::start(&step(EventKind::Received, p.received_on)).unwrap();
        let accepted = received
            .apply(&ctx(&p), &step(EventKind::Accepted, date(2026, 3, 3)))
            .unwrap();
        let next = next_deadline(&rules, &cal, &p, &accepted, date(2026, 3, 3)).unwrap();
        assert_eq!(next.which, DeadlineKind::Resolve);
        assert_eq!(next.due_on, date(2026, 4, 2)); // 3/3 + 30 days, a Thursday
        assert_eq!(
            next.note.as_deref(),
            Some("mặc định nội bộ, không có thời hạn luật định")
        );
    }

    #[test]
    fn a_calendar_period_ending_on_a_day_off_rolls_to_the_next_working_day() {
        let (rules, cal) = (Rules::legal_default(), Calendar::legal_default());
        // Accepted Thursday 15/1/2026 + 30 days = Saturday 14/2, the first day of Tết: the
        // period ends on the first working day after it, Monday 23/2.
        let p = facts(PetitionKind::Denunciation, date(2026, 1, 14));
        let received = Lifecycle::start(&step(EventKind::Received, p.received_on)).unwrap();
        let accepted = received
            .apply(&ctx(&p), &step(EventKind::Accepted, date(2026, 1, 15)))
            .unwrap();
        // The denouncer's notice comes first: 5 working days, 16, 19, 20, 21, 22/1.
        let next = next_deadline(&rules, &cal, &p, &accepted, date(2026, 1, 15)).unwrap();
        assert_eq!(
            (next.which, next.due_on),
            (DeadlineKind::NotifyDenouncer, date(2026, 1, 22))
        );
        let notified = accepted
            .apply(&ctx(&p), &step(EventKind::Notified, date(2026, 1, 15)))
            .unwrap();
        let next = next_deadline(&rules, &cal, &p, &notified, date(2026, 1, 15)).unwrap();
        assert_eq!(
            (next.which, next.due_on),
            (DeadlineKind::Resolve, date(2026, 2, 23))
        );
    }
}
