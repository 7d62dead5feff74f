//! The Vietnamese lunar calendar (âm lịch), enough to place Tết and Giỗ Tổ Hùng Vương in a year
//! the holiday table does not list yet.
//!
//! This is the astronomical method in common Vietnamese use (Hồ Ngọc Đức's, after Jean Meeus,
//! "Astronomical Algorithms"): a month starts on the day of the new moon in Vietnam's time zone
//! (UTC+7, the zone used since 1968); month 11 is the one containing the winter solstice; in a
//! year with 13 months, the leap month is the first one without a major solar term. Its results
//! are checked in the tests against the Tết and Giỗ Tổ days of the government's notices.

use chrono::NaiveDate;
use std::f64::consts::PI;

/// Vietnam's time zone, in hours east of UTC.
const TIME_ZONE: f64 = 7.0;
/// Julian day number of 1900-01-01, the epoch the new-moon series counts from.
const EPOCH_JD: f64 = 2_415_021.076_998_695;
const SYNODIC_MONTH: f64 = 29.530_588_853;
/// `NaiveDate::num_days_from_ce` of a day plus this is its Julian day number.
const CE_TO_JD: i64 = 1_721_425;

fn jd(d: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d)) + CE_TO_JD
}

fn from_jd(jd: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jd - CE_TO_JD).ok()?)
}

/// The moment (Julian day, UTC) of the `k`-th new moon after 1900-01-01.
fn new_moon(k: f64) -> f64 {
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 -= 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 += 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 -= 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 -= 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 += 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// The local day (Julian day number) of the `k`-th new moon.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k as f64) + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// Which of the twelve 30° sectors the sun's apparent longitude is in at the start of local day
/// `day` (0 = from the spring equinox; 9 holds the winter solstice).
fn sun_sector(day: i64) -> i64 {
    let t = (day as f64 - 0.5 - TIME_ZONE / 24.0 - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let l = ((l0 + dl) * dr).rem_euclid(2.0 * PI);
    (l / PI * 6.0).floor() as i64
}

/// The first day of lunar month 11 (the month of the winter solstice) of solar year `year`.
fn month_11(year: i32) -> Option<i64> {
    let off = jd(NaiveDate::from_ymd_opt(year, 12, 31)?) as f64 - 2_415_021.0;
    let k = (off / SYNODIC_MONTH).floor() as i64;
    let day = new_moon_day(k);
    Some(if sun_sector(day) >= 9 {
        new_moon_day(k - 1)
    } else {
        day
    })
}

/// In a 13-month lunar year starting at month 11 `a11`: the offset of the leap month.
fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - EPOCH_JD) / SYNODIC_MONTH + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            return i - 1;
        }
    }
}

/// The solar date of day `day` of (non-leap) lunar month `month` of the lunar year that starts in
/// solar year `year`.
pub fn solar_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let (a11, b11) = if month < 11 {
        (month_11(year - 1)?, month_11(year)?)
    } else {
        (month_11(year)?, month_11(year + 1)?)
    };
    let k = (0.5 + (a11 as f64 - EPOCH_JD) / SYNODIC_MONTH).floor() as i64;
    let mut off = (i64::from(month) - 11).rem_euclid(12);
    if b11 - a11 > 365 && off >= leap_month_offset(a11) {
        off += 1;
    }
    from_jd(new_moon_day(k + off) + i64::from(day) - 1)
}

/// Mùng 1 Tết Nguyên đán of `year`.
pub fn tet(year: i32) -> Option<NaiveDate> {
    solar_date(year, 1, 1)
}

/// Giỗ Tổ Hùng Vương, 10 tháng 3 âm lịch, of `year`.
pub fn hung_kings(year: i32) -> Option<NaiveDate> {
    solar_date(year, 3, 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Mùng 1 Tết as the government's holiday notices of each year give it.
    #[test]
    fn tet_matches_the_notices() {
        let known = [
            (2020, date(2020, 1, 25)),
            (2021, date(2021, 2, 12)),
            (2022, date(2022, 2, 1)),
            (2023, date(2023, 1, 22)),
            (2024, date(2024, 2, 10)),
            (2025, date(2025, 1, 29)),
            (2026, date(2026, 2, 17)),
            (2027, date(2027, 2, 6)),
        ];
        for (year, expected) in known {
            assert_eq!(tet(year), Some(expected), "Tết {year}");
        }
    }

    /// Giỗ Tổ Hùng Vương as the notices give it (2023 has a leap month 2 before it: nhuận tháng 2).
    #[test]
    fn hung_kings_day_matches_the_notices() {
        let known = [
            (2022, date(2022, 4, 10)),
            (2023, date(2023, 4, 29)),
            (2024, date(2024, 4, 18)),
            (2025, date(2025, 4, 7)),
            (2026, date(2026, 4, 26)),
        ];
        for (year, expected) in known {
            assert_eq!(hung_kings(year), Some(expected), "Giỗ Tổ {year}");
        }
    }

    #[test]
    fn out_of_range_months_and_days_are_none() {
        assert_eq!(solar_date(2026, 0, 1), None);
        assert_eq!(solar_date(2026, 13, 1), None);
        assert_eq!(solar_date(2026, 1, 31), None);
    }
}
