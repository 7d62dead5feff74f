//! The working-day calendar: weekends, public holidays and the yearly swaps, read from TOML.
//!
//! Holidays are a per-year table, not a formula: Tết and Giỗ Tổ follow the lunar calendar, and the
//! Prime Minister swaps working days around them every year (Bộ luật Lao động 2019, Điều 112).
//! A year the table does not list gets a provisional table computed from the law and the lunar
//! calendar (see [`provisional_year`]); every date counted on one says so ("tạm tính").

use super::{DayUnit, config_error, located, read_override};
use crate::error::{Error, Result};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use toml::Spanned;
use toml::value::Datetime;

const LEGAL_DEFAULT: &str = include_str!("../../fixtures/holidays-vn.toml");
const LEGAL_DEFAULT_NAME: &str = "holidays-vn.toml (built-in)";

/// Years around the listed ones that get a computed provisional table; beyond them only weekends
/// and the solar-calendar holidays are known.
const COMPUTED_YEARS_BEFORE: i32 = 10;
const COMPUTED_YEARS_AFTER: i32 = 30;

/// Solar-calendar holidays that are certain every year (Bộ luật Lao động 2019, Điều 112).
const FIXED_HOLIDAYS: [(u32, u32); 4] = [(1, 1), (4, 30), (5, 1), (9, 2)];

/// How many days before the end of the last listed year the desk is warned to add the next one.
pub const COVERAGE_WARNING_DAYS: i64 = 60;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    #[serde(default)]
    off: Vec<Spanned<Datetime>>,
    #[serde(default)]
    makeup_workdays: Vec<Spanned<Datetime>>,
    #[serde(default)]
    provisional: bool,
}

/// One year's days off and make-up days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Year {
    off: BTreeSet<NaiveDate>,
    makeup: BTreeSet<NaiveDate>,
    provisional: bool,
}

/// Which days the agency works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// The years the table lists.
    years: BTreeMap<i32, Year>,
    /// Provisional tables computed for years around them that it does not list.
    computed: BTreeMap<i32, Year>,
    source: String,
}

/// The table is about to run out: its last listed year ends on `last_day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoverageWarning {
    pub last_year: i32,
    pub last_day: NaiveDate,
    pub days_left: i64,
}

/// A provisional table for `year` from the law alone (Bộ luật Lao động 2019, Điều 111–112): 1/1;
/// Tết from the last day of the lunar year to mùng 4 (five days); Giỗ Tổ Hùng Vương (10/3 âm lịch);
/// 30/4; 1/5; 2/9 with one adjacent day; and for each of these falling on a Saturday or Sunday a
/// nghỉ bù on the next working day (Điều 111(3)). The Prime Minister's swaps are unknowable ahead,
/// so there are no make-up days.
pub fn provisional_year(year: i32) -> Option<Year> {
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let tet = super::lunar::tet(year)?;
    let mut holidays: Vec<NaiveDate> = (-1..=3).map(|n| tet + chrono::TimeDelta::days(n)).collect();
    holidays.push(super::lunar::hung_kings(year)?);
    for (m, d) in FIXED_HOLIDAYS {
        holidays.push(day(m, d)?);
    }
    // Quốc khánh's second day: the one that joins the holiday to a weekend, as the notices have
    // chosen it (1/9 for a Tuesday or Wednesday 2/9, 3/9 for a Monday or Thursday …).
    let national = day(9, 2)?;
    holidays.push(match national.weekday() {
        Weekday::Mon | Weekday::Thu | Weekday::Sun => day(9, 3)?,
        _ => day(9, 1)?,
    });
    holidays.sort();
    let mut off: BTreeSet<NaiveDate> = holidays.iter().copied().collect();
    for holiday in holidays.iter().filter(|d| is_weekend(**d)) {
        let mut bu = *holiday + Days::new(1);
        while is_weekend(bu) || off.contains(&bu) {
            bu = bu + Days::new(1);
        }
        off.insert(bu);
    }
    off.retain(|d| d.year() == year);
    Some(Year {
        off,
        makeup: BTreeSet::new(),
        provisional: true,
    })
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// The holidays shipped with the program.
    pub fn legal_default() -> Calendar {
        Calendar::from_toml_str(LEGAL_DEFAULT, LEGAL_DEFAULT_NAME)
            .expect("the built-in holiday table is valid (checked by the tests)")
    }

    /// Reads a holiday table; errors name `file_name` and the line to fix.
    pub fn from_toml_str(text: &str, file_name: &str) -> Result<Calendar> {
        let raw: BTreeMap<String, Spanned<RawYear>> =
            toml::from_str(text).map_err(|e| config_error(file_name, text, &e))?;
        let at = |offset: usize, message: String| Error::Config {
            file: file_name.to_string(),
            message: located(text, offset, &message),
        };
        let mut years = BTreeMap::new();
        for (key, spanned) in raw {
            let start = spanned.span().start;
            let year: i32 = match key.parse() {
                Ok(y) if (1900..=2200).contains(&y) => y,
                _ => return Err(at(start, format!("`{key}` is not a year"))),
            };
            let raw = spanned.into_inner();
            // Dates keep their offsets so an error points at the date to fix.
            let dates = |list: Vec<Spanned<Datetime>>| -> Result<Vec<(NaiveDate, usize)>> {
                list.into_iter()
                    .map(|d| {
                        let offset = d.span().start;
                        to_date(d.get_ref(), year)
                            .map(|date| (date, offset))
                            .map_err(|m| at(offset, m))
                    })
                    .collect()
            };
            let off: BTreeSet<NaiveDate> = dates(raw.off)?.into_iter().map(|(d, _)| d).collect();
            let mut makeup = BTreeSet::new();
            for (d, offset) in dates(raw.makeup_workdays)? {
                if !is_weekend(d) {
                    return Err(at(
                        offset,
                        format!("make-up working day {d} is not a Saturday or Sunday"),
                    ));
                }
                if off.contains(&d) {
                    return Err(at(
                        offset,
                        format!("{d} is listed both as a day off and as a make-up working day"),
                    ));
                }
                makeup.insert(d);
            }
            let provisional = raw.provisional;
            years.insert(
                year,
                Year {
                    off,
                    makeup,
                    provisional,
                },
            );
        }
        let computed = match (years.keys().next(), years.keys().next_back()) {
            (Some(first), Some(last)) => (first - COMPUTED_YEARS_BEFORE
                ..=last + COMPUTED_YEARS_AFTER)
                .filter(|y| !years.contains_key(y))
                .filter_map(|y| provisional_year(y).map(|table| (y, table)))
                .collect(),
            _ => BTreeMap::new(),
        };
        Ok(Calendar {
            years,
            computed,
            source: file_name.to_string(),
        })
    }

    /// The override file at `path` if there is one, else the built-in table.
    pub fn load(path: Option<&Path>) -> Result<Calendar> {
        match read_override(path)? {
            Some((text, name)) => Calendar::from_toml_str(&text, &name),
            None => Ok(Calendar::legal_default()),
        }
    }

    /// Where this calendar came from, for the settings screen.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the table lists `year` (outside it only weekends and fixed holidays are known).
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// Whether `year`'s table is a guess awaiting the Prime Minister's notice — or missing.
    pub fn is_provisional(&self, year: i32) -> bool {
        self.years.get(&year).is_none_or(|y| y.provisional)
    }

    /// Whether any day from `a` to `b` (either order) is counted on a provisional table.
    pub fn is_provisional_between(&self, a: NaiveDate, b: NaiveDate) -> bool {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        (from.year()..=to.year()).any(|y| self.is_provisional(y))
    }

    /// The last year the table lists, if any.
    pub fn last_listed_year(&self) -> Option<i32> {
        self.years.keys().next_back().copied()
    }

    /// A warning when `today` is within [`COVERAGE_WARNING_DAYS`] of the end of the last listed
    /// year (or past it): the next year's table should be added.
    pub fn coverage_warning(&self, today: NaiveDate) -> Option<CoverageWarning> {
        let last_year = self.last_listed_year()?;
        let last_day = NaiveDate::from_ymd_opt(last_year, 12, 31)?;
        let days_left = (last_day - today).num_days();
        (days_left <= COVERAGE_WARNING_DAYS).then_some(CoverageWarning {
            last_year,
            last_day,
            days_left,
        })
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        let year = self.years.get(&d.year());
        match year.or_else(|| self.computed.get(&d.year())) {
            Some(year) if year.makeup.contains(&d) => true,
            Some(year) => !year.off.contains(&d) && !is_weekend(d),
            None => !is_weekend(d) && !FIXED_HOLIDAYS.contains(&(d.month(), d.day())),
        }
    }

    /// `d` itself when it is a working day, else the next working day.
    pub fn on_or_after(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        while !self.is_working_day(day) {
            day = day + Days::new(1);
        }
        day
    }

    /// The deadline of "`n` working days from `start`": the n-th working day after `start`
    /// (the start day is not counted, Bộ luật Dân sự 2015, Điều 147). `n = 0` gives `start`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        for _ in 0..n {
            day = self.on_or_after(day + Days::new(1));
        }
        day
    }

    /// Working days after `a` up to and including `b`; negative when `b` is before `a`, so that
    /// `working_days_between(a, add_working_days(a, n)) == n`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        let (from, to, sign) = if b >= a { (a, b, 1) } else { (b, a, -1) };
        let count = from
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count() as i64;
        sign * count
    }

    /// `start` plus `n` days of `unit` (no rolling forward: see `Counting`).
    pub fn add_days(&self, start: NaiveDate, n: u32, unit: DayUnit) -> NaiveDate {
        match unit {
            DayUnit::Calendar => start + Days::new(u64::from(n)),
            DayUnit::Working => self.add_working_days(start, n),
        }
    }
}

/// A TOML local date belonging to `year`.
fn to_date(value: &Datetime, year: i32) -> std::result::Result<NaiveDate, String> {
    let date = match (value.date, value.time, value.offset) {
        (Some(date), None, None) => date,
        _ => {
            return Err(format!(
                "`{value}` is not a plain date (write it as {year}-01-31)"
            ));
        }
    };
    let d = NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )
    .ok_or_else(|| format!("`{value}` is not a valid date"))?;
    if d.year() != year {
        return Err(format!("{d} is listed under year {year}"));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_legal_default_parses_and_covers_three_years() {
        let cal = Calendar::legal_default();
        assert!(cal.covers(2025) && cal.covers(2026) && cal.covers(2027));
        assert!(!cal.is_provisional(2026));
        assert!(cal.is_provisional(2027));
        assert!(cal.is_provisional(2030));
    }

    #[test]
    fn weekends_holidays_and_makeup_days() {
        let cal = Calendar::legal_default();
        assert!(cal.is_working_day(date(2026, 3, 2))); // a plain Monday
        assert!(!cal.is_working_day(date(2026, 3, 7))); // a plain Saturday
        assert!(!cal.is_working_day(date(2026, 2, 17))); // mùng 1 Tết Bính Ngọ
        assert!(!cal.is_working_day(date(2026, 4, 27))); // nghỉ bù Giỗ Tổ
        assert!(cal.is_working_day(date(2026, 1, 10))); // thứ Bảy làm bù
    }

    #[test]
    fn unlisted_years_get_a_provisional_table_from_the_lunar_calendar() {
        let cal = Calendar::legal_default();
        assert!(!cal.covers(2028) && cal.is_provisional(2028));
        // Tết Mậu Thân 2028: mùng 1 is Wednesday 26/1; off from 25/1 (the last day of the lunar
        // year) to 29/1 (mùng 4), a Saturday — so a nghỉ bù on Monday 31/1.
        for d in 25..=29 {
            assert!(!cal.is_working_day(date(2028, 1, d)), "{d}/1/2028");
        }
        assert!(!cal.is_working_day(date(2028, 1, 31)), "nghỉ bù");
        assert!(cal.is_working_day(date(2028, 2, 1)));
        assert!(cal.is_working_day(date(2028, 1, 24)));
        // 2030: Quốc khánh on a Monday, with Tuesday 3/9 as its second day.
        assert!(!cal.is_working_day(date(2030, 9, 2)));
        assert!(!cal.is_working_day(date(2030, 9, 3)));
        assert!(!cal.is_working_day(date(2030, 1, 1)));
        assert!(cal.is_working_day(date(2030, 9, 4)));
    }

    /// For years the notices have fixed, the computed table agrees with them on the days the law
    /// itself fixes (mùng 1–3 Tết, Giỗ Tổ, 30/4, 1/5, 2/9); which other days the Prime Minister
    /// adds to Tết, and the swaps, cannot be computed — hence "tạm tính".
    #[test]
    fn the_computed_table_agrees_with_the_notices_on_the_days_the_law_fixes() {
        let listed = Calendar::legal_default();
        for year in [2025, 2026] {
            let computed = provisional_year(year).unwrap();
            let tet = super::super::lunar::tet(year).unwrap();
            let mut certain: Vec<NaiveDate> = (0..3).map(|n| tet + Days::new(n)).collect();
            certain.push(super::super::lunar::hung_kings(year).unwrap());
            certain.extend([date(year, 4, 30), date(year, 5, 1), date(year, 9, 2)]);
            for d in certain {
                assert!(
                    computed.off.contains(&d),
                    "{d} is off in the computed table"
                );
                assert!(!listed.is_working_day(d), "{d} is off by the notices");
            }
        }
    }

    #[test]
    fn the_desk_is_warned_sixty_days_before_the_table_runs_out() {
        let cal = Calendar::legal_default();
        assert_eq!(cal.last_listed_year(), Some(2027));
        assert_eq!(cal.coverage_warning(date(2027, 10, 31)), None);
        let w = cal.coverage_warning(date(2027, 11, 1)).unwrap();
        assert_eq!((w.last_year, w.days_left), (2027, 60));
        assert!(cal.coverage_warning(date(2028, 3, 1)).unwrap().days_left < 0);
    }

    #[test]
    fn provisional_spans() {
        let cal = Calendar::legal_default();
        assert!(!cal.is_provisional_between(date(2026, 3, 1), date(2026, 4, 1)));
        assert!(cal.is_provisional_between(date(2026, 12, 20), date(2027, 1, 20)));
        assert!(cal.is_provisional_between(date(2028, 1, 2), date(2027, 12, 30)));
    }

    #[test]
    fn working_days_round_trip() {
        let cal = Calendar::legal_default();
        let start = date(2026, 2, 10);
        for n in 0..40 {
            let end = cal.add_working_days(start, n);
            assert_eq!(cal.working_days_between(start, end), i64::from(n));
            assert_eq!(cal.working_days_between(end, start), -i64::from(n));
        }
    }

    #[test]
    fn a_weekday_makeup_day_is_refused() {
        let text = "[2026]\noff = []\nmakeup_workdays = [2026-03-02]\n";
        let err = Calendar::from_toml_str(text, "holidays.toml").unwrap_err();
        assert!(
            err.to_string().contains("not a Saturday or Sunday"),
            "{err}"
        );
    }

    #[test]
    fn a_date_under_the_wrong_year_names_its_line() {
        let text = "[2026]\noff = [\n  2026-01-01,\n  2025-04-30,\n]\n";
        let err = Calendar::from_toml_str(text, "holidays.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("line 4"), "{msg}");
        assert!(msg.contains("listed under year 2026"), "{msg}");
    }
}
