//! Leaders' own reception days against the legal minimum (Luật Tiếp công dân 2013): how many of the
//! weeks (or months) so far met it.

use super::{ReceptionPer, ReceptionRule};
use chrono::{Datelike, Months, NaiveDate, TimeDelta};

/// Weeks (or months) so far in a month, and how many of them had the minimum of reception days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceptionCompliance {
    /// Distinct days a leader received citizens in the month so far.
    pub days: u32,
    /// Spans (weeks or the month) counted so far.
    pub spans: u32,
    /// Spans with at least the minimum.
    pub met: u32,
}

impl ReceptionCompliance {
    pub fn ok(&self) -> bool {
        self.met >= self.spans
    }
}

/// The first and the last day of `day`'s month.
pub fn month_bounds(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = day.with_day(1).unwrap_or(day);
    let end = start
        .checked_add_months(Months::new(1))
        .map_or(day, |next| next - TimeDelta::days(1));
    (start, end)
}

/// The distinct days of `days` from `from` to `to`, ascending.
fn days_within(days: &[NaiveDate], from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut within: Vec<NaiveDate> = days
        .iter()
        .copied()
        .filter(|d| *d >= from && *d <= to)
        .collect();
    within.sort_unstable();
    within.dedup();
    within
}

/// Compliance in the month of `today` up to `today`, from the distinct days a leader received
/// citizens. Weeks run Monday to Sunday; a week belongs to the month if any of its days up to
/// `today` does, and the current week counts only once it is over or already met — a week still
/// running is not yet missed.
pub fn reception_compliance(
    rule: &ReceptionRule,
    leader_days: &[NaiveDate],
    today: NaiveDate,
) -> ReceptionCompliance {
    let (month_start, month_end) = month_bounds(today);
    let days = days_within(leader_days, month_start, today);
    let held = |from: NaiveDate, to: NaiveDate| {
        days.iter().filter(|d| **d >= from && **d <= to).count() as u32
    };
    let (spans, met) = match rule.per {
        ReceptionPer::Month => {
            let done = held(month_start, today) >= rule.days;
            let over = today >= month_end;
            (u32::from(done || over), u32::from(done))
        }
        ReceptionPer::Week => {
            let mut monday = month_start
                - TimeDelta::days(i64::from(month_start.weekday().num_days_from_monday()));
            let (mut spans, mut met) = (0, 0);
            while monday <= today {
                let sunday = monday + TimeDelta::days(6);
                let done = held(monday.max(month_start), sunday.min(today)) >= rule.days;
                if done || sunday < today {
                    spans += 1;
                    met += u32::from(done);
                }
                monday += TimeDelta::days(7);
            }
            (spans, met)
        }
    };
    ReceptionCompliance {
        days: days.len() as u32,
        spans,
        met,
    }
}

/// One leader's published reception schedule (lịch tiếp công dân) in a month, against what was held
/// and against the legal minimum.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ScheduleCompliance {
    pub leader: String,
    /// Days on the schedule in the month.
    pub scheduled: u32,
    /// Scheduled days up to today on which a leader received citizens (a visit marked "lãnh đạo
    /// tiếp" that day).
    pub held: u32,
    /// Scheduled days before today with no such visit.
    pub missed: u32,
    /// Scheduled days still to come (today included while nothing is logged yet).
    pub upcoming: u32,
    /// Weeks (or the month) the schedule itself covers with the minimum, out of those in the
    /// month: a schedule that cannot meet the law is seen when it is published.
    pub spans: u32,
    pub spans_met: u32,
}

/// Compares `leader`'s scheduled days in the month of `month` with the days a leader received
/// citizens (`held_days`) up to `today`, and with `rule`'s minimum over the whole month.
pub fn schedule_compliance(
    rule: Option<&ReceptionRule>,
    leader: &str,
    scheduled: &[NaiveDate],
    held_days: &[NaiveDate],
    month: NaiveDate,
    today: NaiveDate,
) -> ScheduleCompliance {
    let (month_start, month_end) = month_bounds(month);
    let days = days_within(scheduled, month_start, month_end);
    let was_held = |d: &NaiveDate| held_days.contains(d);
    let held = days.iter().filter(|d| **d <= today && was_held(d)).count() as u32;
    let missed = days.iter().filter(|d| **d < today && !was_held(d)).count() as u32;
    let upcoming = days.len() as u32 - held - missed;
    // The whole month, as if the schedule were kept: every span is over at the month's end.
    let (spans, spans_met) = rule.map_or((0, 0), |r| {
        let c = reception_compliance(r, &days, month_end);
        (c.spans, c.met)
    });
    ScheduleCompliance {
        leader: leader.to_string(),
        scheduled: days.len() as u32,
        held,
        missed,
        upcoming,
        spans,
        spans_met,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{ReceptionLevel, Rules};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    /// March 2026 starts on a Sunday: weeks 23/2–1/3, 2–8, 9–15, 16–22, 23–29, 30/3–5/4.
    #[test]
    fn a_commune_chairman_must_receive_one_day_every_week() {
        let rules = Rules::legal_default();
        let rule = rules.reception(ReceptionLevel::Commune, d(1)).unwrap();
        assert_eq!((rule.days, rule.per), (1, ReceptionPer::Week));
        assert!(rule.basis.contains("Điều 15"), "{}", rule.basis);
        // (leader days, today, spans, met)
        let rows: [(&[u32], u32, u32, u32); 6] = [
            // 1/3 is the Sunday that ends the first week: not missed while the day lasts…
            (&[], 1, 0, 0),
            // …missed once it is over.
            (&[], 2, 1, 0),
            // Received on the Sunday: the first week is met.
            (&[1], 1, 1, 1),
            // Mid-week with no day yet: the running week is not counted as missed.
            (&[1], 4, 1, 1),
            // Tuesday 10/3 in week 3; week 2 (2–8/3) missed.
            (&[1, 10], 12, 3, 2),
            // Every week met through 31/3 (the week 30/3–5/4 met on 31/3).
            (&[1, 3, 10, 17, 24, 31], 31, 6, 6),
        ];
        for (days, today, spans, met) in rows {
            let days: Vec<NaiveDate> = days.iter().map(|x| d(*x)).collect();
            let c = reception_compliance(rule, &days, d(today));
            assert_eq!((c.spans, c.met), (spans, met), "{days:?} on {today}/3");
        }
    }

    #[test]
    fn monthly_minimums_wait_for_the_month_to_end() {
        let rules = Rules::legal_default();
        let rule = rules.reception(ReceptionLevel::Province, d(1)).unwrap();
        assert_eq!(rule.per, ReceptionPer::Month);
        let c = reception_compliance(rule, &[], d(15));
        assert_eq!((c.spans, c.met), (0, 0));
        assert!(c.ok());
        let c = reception_compliance(rule, &[], d(31));
        assert_eq!((c.spans, c.met), (1, 0));
        let c = reception_compliance(rule, &[d(5)], d(15));
        assert_eq!((c.spans, c.met, c.days), (1, 1, 1));
    }

    /// A commune chairman's schedule for March 2026 (weeks 23/2–1/3, 2–8, 9–15, 16–22, 23–29,
    /// 30/3–5/4), looked at on Thursday 12/3: 3/3 held, 10/3 missed, 12/3 today and not yet
    /// held, 17/3 and 24/3 to come; the schedule leaves the weeks of 1/3 and 30/3 without a day.
    #[test]
    fn a_schedule_is_compared_with_the_days_held_and_the_minimum() {
        let rules = Rules::legal_default();
        let rule = rules.reception(ReceptionLevel::Commune, d(1));
        let scheduled: Vec<NaiveDate> = [3, 10, 12, 17, 24].iter().map(|x| d(*x)).collect();
        let held = [d(3), d(11)];
        let c = schedule_compliance(
            rule,
            "Chủ tịch Nguyễn Văn An",
            &scheduled,
            &held,
            d(1),
            d(12),
        );
        assert_eq!(
            (c.scheduled, c.held, c.missed, c.upcoming),
            (5, 1, 1, 3),
            "{c:?}"
        );
        // Weeks 2–8, 9–15, 16–22, 23–29 have a day; 23/2–1/3 has none (30/3–5/4 is still
        // open at the month's end, so it is not counted).
        assert_eq!((c.spans, c.spans_met), (5, 4), "{c:?}");
        let none = schedule_compliance(None, "x", &scheduled, &held, d(1), d(12));
        assert_eq!((none.spans, none.spans_met), (0, 0));
        // Published ahead (looked at in February): every day is still to come.
        let ahead = schedule_compliance(
            rule,
            "x",
            &scheduled,
            &held,
            d(1),
            d(1) - TimeDelta::days(10),
        );
        assert_eq!((ahead.held, ahead.missed, ahead.upcoming), (0, 0, 5));
    }
}
