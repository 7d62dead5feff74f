//! Reporting periods: `2026-Q3`, `2026-H1`, `2026-9M`, `2026`, or explicit dates.
//!
//! Reports upward close their figures before the calendar period ends (Thông tư 02/2021/TT-TTCP
//! practice: "số liệu tính từ ngày 15 tháng trước kỳ đến ngày 14 tháng cuối kỳ"), so a named period
//! runs from the day after the cut-off day of the month before it to the cut-off day of its last
//! month. Desks whose superior counts differently set another cut-off day.

use crate::error::{Error, Result};
use chrono::NaiveDate;

/// The default cut-off day: figures close on the 14th of the period's last month.
pub const DEFAULT_CUTOFF_DAY: u32 = 14;

/// Cut-off day meaning "calendar months": the period ends on its last month's last day.
pub const CALENDAR_MONTHS: u32 = 0;

/// A closed range of days, both ends counted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Period {
    /// As the user named it (`2026-Q3`) or `from..to` for explicit dates.
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// An ad-hoc period between two dates, both counted.
    pub fn between(from: NaiveDate, to: NaiveDate) -> Result<Period> {
        if to < from {
            return Err(bad_value(&format!("{from}..{to}")));
        }
        Ok(Period {
            label: format!("{from}..{to}"),
            from,
            to,
        })
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

fn bad_value(raw: &str) -> Error {
    Error::UnknownValue {
        what: "--period",
        value: raw.to_string(),
        allowed: "YYYY-Q1..Q4, YYYY-H1, YYYY-H2, YYYY-9M, YYYY".into(),
    }
}

fn bad_cutoff(cutoff_day: u32) -> Error {
    Error::UnknownValue {
        what: "--cutoff-day",
        value: cutoff_day.to_string(),
        allowed: "0, 1..28".into(),
    }
}

/// The first and last month (1-based, inclusive) a period name covers.
fn months(name: &str) -> Option<(u32, u32)> {
    Some(match name {
        "Q1" => (1, 3),
        "Q2" => (4, 6),
        "Q3" => (7, 9),
        "Q4" => (10, 12),
        "H1" | "6M" => (1, 6),
        "H2" => (7, 12),
        "9M" => (1, 9),
        _ => return None,
    })
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// Parses a named period under `cutoff_day` (1..=28, or [`CALENDAR_MONTHS`]); days above 28 are
/// refused because February would have no such day.
pub fn parse_period(raw: &str, cutoff_day: u32) -> Result<Period> {
    if cutoff_day > 28 {
        return Err(bad_cutoff(cutoff_day));
    }
    let text = raw.trim().to_ascii_uppercase();
    let (year, name) = match text.split_once('-') {
        Some((year, name)) => (year, Some(name)),
        None => (text.as_str(), None),
    };
    let year: i32 = year.parse().map_err(|_| bad_value(raw))?;
    if !(1900..=9999).contains(&year) {
        return Err(bad_value(raw));
    }
    let (first, last) = match name {
        None => (1, 12),
        Some(name) => months(name).ok_or_else(|| bad_value(raw))?,
    };
    let (from, to) = if cutoff_day == CALENDAR_MONTHS {
        let from = NaiveDate::from_ymd_opt(year, first, 1);
        (from, last_day_of_month(year, last))
    } else {
        // The day after the cut-off in the month before the first month.
        let (y, m) = if first == 1 {
            (year - 1, 12)
        } else {
            (year, first - 1)
        };
        let from = NaiveDate::from_ymd_opt(y, m, cutoff_day).and_then(|d| d.succ_opt());
        (from, NaiveDate::from_ymd_opt(year, last, cutoff_day))
    };
    match (from, to) {
        (Some(from), Some(to)) => Ok(Period {
            label: format!(
                "{year}{}",
                name.map(|n| format!("-{n}")).unwrap_or_default()
            ),
            from,
            to,
        }),
        _ => Err(bad_value(raw)),
    }
}
