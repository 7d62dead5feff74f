//! Checks on what a person typed, each failing with a typed, translatable error that names the field.

use crate::domain::InputField;
use crate::error::{Error, Problem, Result};
use crate::text::clean_input;
use chrono::{Datelike, NaiveDate};

/// Province codes used in the first three digits of a CCCD (Thông tư 07/2016/TT-BCA, Phụ lục).
const CCCD_PROVINCES: &[u16] = &[
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37,
    38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77,
    79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
];

pub const MAX_NAME: usize = 200;
pub const MAX_LINE: usize = 1_000;
pub const MAX_TEXT: usize = 100_000;

fn digits_only(raw: &str) -> Option<String> {
    let kept: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    kept.chars().all(|c| c.is_ascii_digit()).then_some(kept)
}

/// CCCD (12 digits, real province code) or CMND (9 digits). Blank means not given.
pub fn id_number(raw: &str) -> Result<Option<String>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let bad = |p| Err(Error::invalid(InputField::IdNumber, p));
    let Some(digits) = digits_only(raw) else {
        return bad(Problem::IdNumberDigits);
    };
    match digits.len() {
        9 => Ok(Some(digits)),
        12 => {
            let province: u16 = digits[..3].parse().unwrap_or(0);
            if CCCD_PROVINCES.contains(&province) {
                Ok(Some(digits))
            } else {
                bad(Problem::IdNumberProvince {
                    code: digits[..3].to_string(),
                })
            }
        }
        _ => bad(Problem::IdNumberDigits),
    }
}

/// Any common form of a Vietnamese number → `0xxxxxxxxx`. Blank means not given.
/// `0912 345 678`, `+84 912345678`, `84912345678` and `(+84) 912.345.678` are the same phone.
pub fn phone(raw: &str) -> Result<Option<String>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let bad = || Err(Error::invalid(InputField::Phone, Problem::PhoneInvalid));
    let kept: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    let national = if let Some(rest) = kept.strip_prefix("+84") {
        format!("0{rest}")
    } else if kept.starts_with("84") && (kept.len() == 11 || kept.len() == 12) {
        format!("0{}", &kept[2..])
    } else {
        kept
    };
    let digits_ok = national.chars().all(|c| c.is_ascii_digit());
    let shape_ok = national.starts_with('0')
        && !national.starts_with("00")
        && (national.len() == 10 || national.len() == 11);
    if digits_ok && shape_ok {
        Ok(Some(national))
    } else {
        bad()
    }
}

/// A date typed as `yyyy-mm-dd`, `dd/mm/yyyy` or `d/m/yyyy` (also with `-` or `.`).
pub fn date(field: InputField, raw: &str) -> Result<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Error::invalid(field, Problem::Required));
    }
    let parsed = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(raw, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(raw, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(raw, "%d.%m.%Y"))
        .map_err(|_| Error::invalid(field, Problem::DateInvalid))?;
    if !(1900..=9999).contains(&parsed.year()) {
        return Err(Error::invalid(field, Problem::DateInvalid));
    }
    Ok(parsed)
}

/// A date of something that already happened.
pub fn past_date(field: InputField, raw: &str, today: NaiveDate) -> Result<NaiveDate> {
    let parsed = date(field, raw)?;
    if parsed > today {
        return Err(Error::invalid(field, Problem::DateInFuture));
    }
    Ok(parsed)
}

/// A required one-line text: cleaned, non-empty, bounded.
pub fn required(field: InputField, raw: &str, max: usize) -> Result<String> {
    let cleaned = clean_input(raw, false);
    if cleaned.is_empty() {
        return Err(Error::invalid(field, Problem::Required));
    }
    bounded(field, cleaned, max)
}

/// An optional text; `multiline` keeps line breaks (summaries, notes).
pub fn optional(
    field: InputField,
    raw: &str,
    max: usize,
    multiline: bool,
) -> Result<Option<String>> {
    let cleaned = clean_input(raw, multiline);
    if cleaned.is_empty() {
        return Ok(None);
    }
    bounded(field, cleaned, max).map(Some)
}

fn bounded(field: InputField, text: String, max: usize) -> Result<String> {
    if text.chars().count() > max {
        return Err(Error::invalid(field, Problem::TooLong { max }));
    }
    Ok(text)
}

/// The most people one visit (lượt tiếp) can record.
pub const MAX_HEADCOUNT: u32 = 10_000;

pub fn headcount(n: u32) -> Result<u32> {
    let problem = match n {
        0 => Problem::HeadcountZero,
        n if n > MAX_HEADCOUNT => Problem::HeadcountTooMany { max: MAX_HEADCOUNT },
        n => return Ok(n),
    };
    Err(Error::invalid(InputField::Headcount, problem))
}

/// A headcount as typed: digits only ("2.5", "1e3", "-1" are not counts of people).
pub fn headcount_text(raw: &str) -> Result<u32> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Error::invalid(InputField::Headcount, Problem::Required));
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(
            InputField::Headcount,
            Problem::NotWholeNumber,
        ));
    }
    let digits = raw.trim_start_matches('0');
    match digits.parse::<u32>() {
        Ok(n) => headcount(n),
        Err(_) if digits.is_empty() => headcount(0),
        Err(_) => headcount(u32::MAX),
    }
}

pub fn birth_year(year: i32, today: NaiveDate) -> Result<i32> {
    if (1900..=today.year()).contains(&year) {
        Ok(year)
    } else {
        Err(Error::invalid(InputField::BirthYear, Problem::BirthYear))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(err: Error) -> (InputField, Problem) {
        match err {
            Error::Invalid { field, problem } => (field, problem),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn id_numbers() {
        assert_eq!(
            id_number("001 085 012345").unwrap().as_deref(),
            Some("001085012345")
        );
        assert_eq!(
            id_number("042190000123").unwrap().as_deref(),
            Some("042190000123")
        );
        assert_eq!(
            id_number("183456789").unwrap().as_deref(),
            Some("183456789")
        );
        assert_eq!(id_number("  ").unwrap(), None);
        let (field, p) = problem(id_number("003085012345").unwrap_err());
        assert_eq!(field, InputField::IdNumber);
        assert_eq!(p, Problem::IdNumberProvince { code: "003".into() });
        assert_eq!(
            problem(id_number("097085012345").unwrap_err()).1,
            Problem::IdNumberProvince { code: "097".into() }
        );
        assert_eq!(
            problem(id_number("12345").unwrap_err()).1,
            Problem::IdNumberDigits
        );
        assert_eq!(
            problem(id_number("00108501234x").unwrap_err()).1,
            Problem::IdNumberDigits
        );
    }

    #[test]
    fn phones_in_every_common_form_are_one_number() {
        for raw in [
            "0912 345 678",
            "+84 912345678",
            "84912345678",
            "(+84) 912.345.678",
            "0912-345-678",
        ] {
            assert_eq!(phone(raw).unwrap().as_deref(), Some("0912345678"), "{raw}");
        }
        assert_eq!(
            phone("0239 3855 123").unwrap().as_deref(),
            Some("02393855123")
        );
        for bad in ["12345", "0912 34", "phone", "0091234567"] {
            assert_eq!(
                problem(phone(bad).unwrap_err()).1,
                Problem::PhoneInvalid,
                "{bad}"
            );
        }
    }

    #[test]
    fn dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            date(InputField::ReceivedOn, "2026-03-12").unwrap(),
            d(2026, 3, 12)
        );
        assert_eq!(
            date(InputField::ReceivedOn, "12/03/2026").unwrap(),
            d(2026, 3, 12)
        );
        assert_eq!(
            date(InputField::ReceivedOn, "1/3/2026").unwrap(),
            d(2026, 3, 1)
        );
        assert_eq!(
            date(InputField::ReceivedOn, "29/02/2024").unwrap(),
            d(2024, 2, 29)
        );
        for bad in [
            "29/02/2026",
            "31/04/2026",
            "0000-01-01",
            "hôm qua",
            "2026-13-01",
        ] {
            assert_eq!(
                problem(date(InputField::ReceivedOn, bad).unwrap_err()).1,
                Problem::DateInvalid,
                "{bad}"
            );
        }
        let today = d(2026, 11, 24);
        assert_eq!(
            problem(past_date(InputField::ReceivedOn, "25/11/2026", today).unwrap_err()).1,
            Problem::DateInFuture
        );
        assert!(past_date(InputField::ReceivedOn, "24/11/2026", today).is_ok());
    }

    #[test]
    fn texts_and_counts() {
        assert_eq!(
            problem(required(InputField::Name, " \t ", MAX_NAME).unwrap_err()).1,
            Problem::Required
        );
        let long = "a".repeat(MAX_NAME + 1);
        assert_eq!(
            problem(required(InputField::Name, &long, MAX_NAME).unwrap_err()).1,
            Problem::TooLong { max: MAX_NAME }
        );
        assert_eq!(
            optional(InputField::Summary, " ", MAX_TEXT, true).unwrap(),
            None
        );
        assert_eq!(problem(headcount(0).unwrap_err()).1, Problem::HeadcountZero);
        assert_eq!(headcount(12).unwrap(), 12);
        // Each typed form with the reason a desk officer can act on.
        for (raw, expected) in [
            ("2.5", Some(Problem::NotWholeNumber)),
            ("1e3", Some(Problem::NotWholeNumber)),
            ("-1", Some(Problem::NotWholeNumber)),
            ("3 người", Some(Problem::NotWholeNumber)),
            ("", Some(Problem::Required)),
            ("0", Some(Problem::HeadcountZero)),
            ("000", Some(Problem::HeadcountZero)),
            (
                "10001",
                Some(Problem::HeadcountTooMany { max: MAX_HEADCOUNT }),
            ),
            (
                "4294967295",
                Some(Problem::HeadcountTooMany { max: MAX_HEADCOUNT }),
            ),
            (
                "99999999999999999999",
                Some(Problem::HeadcountTooMany { max: MAX_HEADCOUNT }),
            ),
            (" 7 ", None),
            ("10000", None),
        ] {
            let got = headcount_text(raw).err().map(|e| problem(e).1);
            assert_eq!(got, expected, "{raw:?}");
        }
    }
}
