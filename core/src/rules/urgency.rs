//! How urgent a deadline is: what the deadline board sorts and colours by.

use super::{Calendar, DayUnit, Thresholds};
use crate::labelled_enum;
use chrono::NaiveDate;

labelled_enum! {
    /// Most urgent first, so sorting by urgency puts overdue cases on top.
    Urgency {
        Overdue = "overdue", "quá hạn", "overdue";
        Critical = "critical", "sắp đến hạn", "due within days";
        Soon = "soon", "cần theo dõi", "due soon";
        Ok = "ok", "còn hạn", "on track";
        Closed = "closed", "đã kết thúc", "closed";
    }
}

impl Urgency {
    /// A mark that carries the urgency without colour (colour-blind users, `NO_COLOR`, printouts).
    pub fn symbol(self) -> &'static str {
        match self {
            Urgency::Overdue => "‼",
            Urgency::Critical => "!",
            Urgency::Soon => "•",
            Urgency::Ok => "✓",
            Urgency::Closed => "–",
        }
    }
}

/// The urgency of a deadline due on `due` (`None`: nothing is due, the petition is closed).
///
/// Critical is judged in working days, because only working days can be used to act; "soon" in
/// calendar days, because that is how people plan a week ahead.
pub fn urgency(
    due: Option<NaiveDate>,
    today: NaiveDate,
    cal: &Calendar,
    t: &Thresholds,
) -> Urgency {
    let Some(due) = due else {
        return Urgency::Closed;
    };
    if today > due {
        Urgency::Overdue
    } else if cal.working_days_between(today, due) <= i64::from(t.critical_working_days) {
        Urgency::Critical
    } else if (due - today).num_days() <= i64::from(t.soon_days) {
        Urgency::Soon
    } else {
        Urgency::Ok
    }
}

/// Days left until `due`, counted in the rule's unit; negative when overdue (−1 is one day late).
pub fn days_left(due: NaiveDate, today: NaiveDate, unit: DayUnit, cal: &Calendar) -> i64 {
    match unit {
        DayUnit::Calendar => (due - today).num_days(),
        DayUnit::Working => cal.working_days_between(today, due),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn most_urgent_sorts_first() {
        let mut list = vec![
            Urgency::Ok,
            Urgency::Closed,
            Urgency::Overdue,
            Urgency::Soon,
            Urgency::Critical,
        ];
        list.sort();
        assert_eq!(list, Urgency::ALL);
    }

    #[test]
    fn symbols_are_distinct() {
        let mut symbols: Vec<_> = Urgency::ALL.iter().map(|u| u.symbol()).collect();
        symbols.dedup();
        assert_eq!(symbols.len(), Urgency::ALL.len());
    }

    #[test]
    fn thresholds_split_the_board() {
        let cal = Calendar::legal_default();
        let t = Thresholds::default();
        let today = date(2026, 3, 2); // Monday
        let u = |due| urgency(Some(due), today, &cal, &t);
        assert_eq!(u(date(2026, 3, 1)), Urgency::Overdue);
        assert_eq!(u(date(2026, 3, 2)), Urgency::Critical); // due today
        assert_eq!(u(date(2026, 3, 4)), Urgency::Critical); // 2 working days
        assert_eq!(u(date(2026, 3, 5)), Urgency::Soon); // 3 working days
        assert_eq!(u(date(2026, 3, 9)), Urgency::Soon); // 7 calendar days
        assert_eq!(u(date(2026, 3, 10)), Urgency::Ok); // 8 calendar days
        assert_eq!(urgency(None, today, &cal, &t), Urgency::Closed);
    }

    #[test]
    fn days_left_counts_in_the_rule_unit() {
        let cal = Calendar::legal_default();
        let friday = date(2026, 3, 6);
        let monday = date(2026, 3, 9);
        assert_eq!(days_left(monday, friday, DayUnit::Calendar, &cal), 3);
        assert_eq!(days_left(monday, friday, DayUnit::Working, &cal), 1);
        assert_eq!(days_left(friday, monday, DayUnit::Working, &cal), -1);
    }
}
