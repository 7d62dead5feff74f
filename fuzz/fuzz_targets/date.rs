//! Dates as typed at the desk or found in a logbook: a valid date or a clear refusal.
#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use tiepdan::domain::InputField;
use tiepdan::validate::{date, past_date};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(day) = date(InputField::ReceivedOn, raw) {
        assert!((1900..=9999).contains(&day.year()), "{raw:?} → {day}");
        let iso = day.format("%Y-%m-%d").to_string();
        assert_eq!(
            date(InputField::ReceivedOn, &iso).unwrap(),
            day,
            "ISO round trip"
        );
        let vn = day.format("%d/%m/%Y").to_string();
        assert_eq!(
            date(InputField::ReceivedOn, &vn).unwrap(),
            day,
            "dd/mm/yyyy round trip"
        );
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    if let Ok(day) = past_date(InputField::ReceivedOn, raw, today) {
        assert!(day <= today);
    }
});
