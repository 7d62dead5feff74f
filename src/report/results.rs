//! Figures that depend on a petition's state on a given day: what was still open when the period
//! began, what is in resolution at its end, and whether each resolution met its legal deadline.
//! The state on a day is the lifecycle replayed over the events dated up to that day, so the
//! answer for a past period does not change when later steps are recorded.

use crate::domain::{Event, EventKind, Lifecycle, Petition, Status};
use crate::policy::Policy;
use crate::store::History;
use chrono::NaiveDate;

use super::Period;

/// One resolution (giải quyết) in the period.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The petition as it stands now (decision number, kind, field).
    pub petition: Petition,
    pub resolved_on: NaiveDate,
    /// The resolution deadline that ran just before the decision; `None` when the rules set none.
    pub due_on: Option<NaiveDate>,
}

impl Resolution {
    /// Without a legal deadline a resolution cannot be late.
    pub fn on_time(&self) -> bool {
        self.due_on.is_none_or(|due| self.resolved_on <= due)
    }
}

/// The lifecycle after the first `count` events; `None` when there are none to replay (or the
/// stored history no longer replays, which `tiepdan check` reports on its own).
fn state_after(
    policy: &Policy,
    petition: &Petition,
    events: &[Event],
    count: usize,
) -> Option<Lifecycle> {
    if count == 0 {
        return None;
    }
    let steps: Vec<_> = events[..count].iter().map(Event::step).collect();
    policy.replay(petition, &steps).ok()
}

/// The status at the end of `day` (every event dated on or before it applied).
fn status_on(policy: &Policy, history: &History, day: NaiveDate) -> Option<Status> {
    let count = history.events.iter().take_while(|e| e.on <= day).count();
    state_after(policy, &history.petition, &history.events, count).map(|s| s.status)
}

/// Tồn đọng kỳ trước chuyển sang: received before the period and not closed when it began.
pub fn carried_over(policy: &Policy, history: &History, period: &Period) -> bool {
    let eve = period.from.pred_opt().unwrap_or(period.from);
    history.petition.received_on < period.from
        && status_on(policy, history, eve).is_some_and(|s| !s.is_closed())
}

/// Đang giải quyết: accepted and not yet decided at the end of the period.
pub fn in_resolution_at_end(policy: &Policy, history: &History, period: &Period) -> bool {
    matches!(
        status_on(policy, history, period.to),
        Some(Status::Accepted | Status::Verifying | Status::Suspended)
    )
}

/// The resolution of this petition dated in the period, with the deadline it had to meet.
pub fn resolution_in(policy: &Policy, history: &History, period: &Period) -> Option<Resolution> {
    let index = history
        .events
        .iter()
        .position(|e| e.kind == EventKind::Resolved && period.contains(e.on))?;
    let resolved_on = history.events[index].on;
    let before = state_after(policy, &history.petition, &history.events, index)?;
    let mut as_then = history.petition.clone();
    as_then.state = before;
    Some(Resolution {
        due_on: policy.deadline(&as_then, resolved_on).map(|d| d.due_on),
        petition: history.petition.clone(),
        resolved_on,
    })
}
