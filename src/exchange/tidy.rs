//! Mending what a spreadsheet did to the cells before the row is validated.
//!
//! Excel stores a date typed without a date format as its serial number (46037 for 15/01/2026),
//! and a phone or CCCD typed as a number loses its leading zeros (912345678, 1089012345). Both
//! happen in `.xlsx` files and in CSV files Excel saved, so they are mended here, per column,
//! for every source.

use super::Column;
use super::row::ColumnIndex;
use chrono::{Days, NaiveDate};

const DATE_COLUMNS: [Column; 3] = [Column::ReceivedOn, Column::AcceptedOn, Column::ResolvedOn];

/// A CCCD has 12 digits and its first is always 0 (province codes run 001–096).
const CCCD_DIGITS: usize = 12;

pub fn tidy(cells: &mut [String], index: &ColumnIndex) {
    let mut each = |column: Column, mend: fn(&str) -> Option<String>| {
        if let Some(cell) = index.position(column).and_then(|p| cells.get_mut(p))
            && let Some(mended) = mend(cell.trim())
        {
            *cell = mended;
        }
    };
    for column in DATE_COLUMNS {
        each(column, excel_serial_date);
    }
    each(Column::CitizenId, |cell| per_person(cell, cccd_zeros));
    each(Column::Phone, |cell| per_person(cell, phone_zero));
}

/// `46037` or `46037.5` → `2026-01-15`. Five-digit serials only: 1927–2173, no other number
/// in a date column could mean a day.
fn excel_serial_date(cell: &str) -> Option<String> {
    let (days, fraction) = cell.split_once('.').unwrap_or((cell, "0"));
    let is_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if days.len() != 5 || !is_digits(days) || !is_digits(fraction) {
        return None;
    }
    // Serial 1 is 1900-01-01, counted from 1899-12-31 with Excel's phantom 29/02/1900, so
    // every serial after it is days since 1899-12-30.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = epoch.checked_add_days(Days::new(days.parse().ok()?))?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Several people's numbers are written `A; B`: each is mended on its own.
fn per_person(cell: &str, mend: fn(&str) -> Option<String>) -> Option<String> {
    if !cell.contains(';') {
        return mend(cell);
    }
    let parts: Vec<&str> = cell.split(';').map(str::trim).collect();
    let mended: Vec<Option<String>> = parts.iter().map(|p| mend(p)).collect();
    if mended.iter().all(Option::is_none) {
        return None;
    }
    let joined: Vec<String> = parts
        .iter()
        .zip(mended)
        .map(|(part, mended)| mended.unwrap_or_else(|| part.to_string()))
        .collect();
    Some(joined.join("; "))
}

fn all_digits(cell: &str) -> bool {
    !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit())
}

/// 10 or 11 digits are a CCCD that lost its leading zeros (a CMND has 9, a CCCD 12).
fn cccd_zeros(cell: &str) -> Option<String> {
    (all_digits(cell) && (cell.len() == 10 || cell.len() == 11))
        .then(|| format!("{cell:0>CCCD_DIGITS$}"))
}

/// 9 digits (a mobile) or 10 not starting 0 or 84 (a landline) lost the leading 0.
fn phone_zero(cell: &str) -> Option<String> {
    let lost = cell.len() == 9 || (cell.len() == 10 && !cell.starts_with("84"));
    (all_digits(cell) && lost && !cell.starts_with('0')).then(|| format!("0{cell}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_become_dates() {
        assert_eq!(excel_serial_date("46037").as_deref(), Some("2026-01-15"));
        assert_eq!(excel_serial_date("45658.75").as_deref(), Some("2025-01-01"));
        assert_eq!(excel_serial_date("15/01/2026"), None);
        assert_eq!(excel_serial_date("2026"), None);
        assert_eq!(excel_serial_date("20260115"), None);
    }

    #[test]
    fn lost_zeros_come_back() {
        assert_eq!(cccd_zeros("1089012345").as_deref(), Some("001089012345"));
        assert_eq!(cccd_zeros("42089012345").as_deref(), Some("042089012345"));
        assert_eq!(cccd_zeros("123456789"), None, "a CMND keeps its 9 digits");
        assert_eq!(cccd_zeros("042089012345"), None);
        assert_eq!(phone_zero("912345678").as_deref(), Some("0912345678"));
        assert_eq!(phone_zero("2393123456").as_deref(), Some("02393123456"));
        assert_eq!(phone_zero("0912345678"), None);
        assert_eq!(phone_zero("84912345678"), None);
        assert_eq!(
            per_person("912345678; 0987654321", phone_zero).as_deref(),
            Some("0912345678; 0987654321")
        );
    }
}
