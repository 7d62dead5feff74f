//! When petitions arrive: working days mostly, almost nothing on holidays and at Tết, a crowd on
//! the leader's monthly reception day. Petition `i` of `n` gets the day at quantile `(i + r) / n`
//! of that distribution, so the stream is in date order and the total is exact.

use super::dice::Dice;
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// First day of the Tết break (the official days off are fixed yearly by the Prime Minister).
const TET: &[(i32, u32, u32, u64)] = &[
    (2023, 1, 20, 7),
    (2024, 2, 8, 7),
    (2025, 1, 25, 9),
    (2026, 2, 14, 9),
    (2027, 2, 5, 9),
    (2028, 1, 25, 9),
];

fn is_holiday(day: NaiveDate) -> bool {
    let fixed = matches!(
        (day.month(), day.day()),
        (1, 1) | (4, 30) | (5, 1) | (9, 1) | (9, 2)
    );
    fixed
        || TET.iter().any(|&(y, m, d, len)| {
            day.year() == y && {
                let start = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                day >= start && day < start + Days::new(len)
            }
        })
}

pub fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !is_holiday(day)
}

/// The leader's periodic reception day: the 15th, or the next working day.
pub fn is_reception_day(day: NaiveDate) -> bool {
    let mut fifteenth = day.with_day(15).unwrap();
    while !is_working_day(fifteenth) {
        fifteenth = fifteenth.succ_opt().unwrap();
    }
    day == fifteenth
}

pub struct Calendar {
    pub start: NaiveDate,
    cumulative: Vec<f64>,
    cursor: usize,
}

impl Calendar {
    /// The 18 months up to and including `today`.
    pub fn new(today: NaiveDate) -> Calendar {
        let start = today.checked_sub_months(Months::new(18)).unwrap() + Days::new(1);
        let mut cumulative = Vec::new();
        let mut total = 0.0;
        let mut day = start;
        while day <= today {
            total += if is_reception_day(day) {
                2.5
            } else if is_working_day(day) {
                1.0
            } else if day.weekday() == Weekday::Sat {
                0.06
            } else {
                0.02
            };
            cumulative.push(total);
            day = day.succ_opt().unwrap();
        }
        Calendar {
            start,
            cumulative,
            cursor: 0,
        }
    }

    /// The day of petition `i` of `n`; call with increasing `i`.
    pub fn day(&mut self, dice: &mut Dice, i: usize, n: usize) -> NaiveDate {
        let total = *self.cumulative.last().unwrap();
        let target = (i as f64 + dice.unit()) / n as f64 * total;
        while self.cursor + 1 < self.cumulative.len() && self.cumulative[self.cursor] < target {
            self.cursor += 1;
        }
        self.start + Days::new(self.cursor as u64)
    }
}

/// Office hours: 7:30–11:30 and 13:30–17:00.
pub fn office_time(dice: &mut Dice, day: NaiveDate) -> NaiveDateTime {
    let minutes = if dice.chance(0.6) {
        dice.between(7 * 60 + 30, 11 * 60 + 30)
    } else {
        dice.between(13 * 60 + 30, 17 * 60)
    };
    let time = NaiveTime::from_num_seconds_from_midnight_opt(minutes as u32 * 60, 0).unwrap();
    day.and_time(time)
}

/// `days` calendar days after `from`, moved forward to a working day (offices sign on working days).
pub fn after(from: NaiveDate, days: i64) -> NaiveDate {
    let mut day = from + Days::new(days.max(0) as u64);
    while !is_working_day(day) {
        day = day.succ_opt().unwrap();
    }
    day
}
