//! What goes into the persistent index: one document per petition, five folded columns.
//!
//! | column | holds | weight in ranking |
//! |---|---|---|
//! | `who` | filers' folded names, CCCD/CMND, phones (empty for denunciations) | highest |
//! | `place` | filers' folded addresses, communes, provinces (empty for denunciations) | low |
//! | `what` | the folded subject | high |
//! | `body` | the folded summary (left out for denunciations: it may name the denouncer) | lowest |
//! | `tag` | the code in three forms, the field, the sending and receiving agencies | middle |
//!
//! The FTS5 rowid is `(LAST_DAY - days(received_on)) << 32 | petition rowid`, so `ORDER BY rowid`
//! walks the newest petitions first (forwards, where FTS5 skips fastest) and a `LIMIT` stops early
//! however common the words are.

use chrono::{Datelike, NaiveDate};

pub const ROWID_BITS: i64 = 32;
/// Days are counted down from here, so ascending keys walk the newest petitions first: FTS5 can
/// skip through long doclists with their doclist index only when iterating forwards.
const LAST_DAY: i64 = 4_000_000;

/// The index key of a petition: newer received days sort first, its rowid in the low bits.
pub fn fts_key(received_on: NaiveDate, rowid: i64) -> i64 {
    ((LAST_DAY - received_on.num_days_from_ce() as i64) << ROWID_BITS)
        | (rowid & ((1 << ROWID_BITS) - 1))
}

/// The petition rowid an index key stands for.
pub fn petition_rowid(key: i64) -> i64 {
    key & ((1 << ROWID_BITS) - 1)
}

/// One petition's index row, all folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexDoc {
    pub who: String,
    pub place: String,
    pub what: String,
    pub body: String,
    pub tag: String,
}

/// The forms a desk types a code in: `2026-000123` is found by `2026000123`, `000123` and `123`
/// (and its year, `2026`).
pub fn code_terms(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        out.push(digits);
    }
    if let Some((year, number)) = code.split_once('-') {
        out.push(year.to_string());
        out.push(number.to_string());
        let short = number.trim_start_matches('0');
        if !short.is_empty() && short != number {
            out.push(short.to_string());
        }
    }
    out
}

impl IndexDoc {
    pub fn push_code(&mut self, code: &str) {
        for term in code_terms(code) {
            if !self.tag.is_empty() {
                self.tag.push(' ');
            }
            self.tag.push_str(&term);
        }
    }

    pub fn add_person(&mut self, name_folded: &str, id_number: Option<&str>, phone: Option<&str>) {
        for part in [Some(name_folded), id_number, phone].into_iter().flatten() {
            if !self.who.is_empty() {
                self.who.push(' ');
            }
            self.who.push_str(part);
        }
    }
}

/// Splits folded text the way the index's tokenizer does (unicode61: letters and digits).
pub fn terms(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// Whether a term goes into the vocabulary: alphabetic and two letters or more (a record's
/// "vn" must be there for the query "van" to find it as a typo).
pub fn is_vocab_term(term: &str) -> bool {
    term.len() >= 2 && term.chars().all(char::is_alphabetic)
}

/// The vocabulary terms of a document, column by column, repeats included.
pub fn vocab_terms(doc: &IndexDoc) -> impl Iterator<Item = &str> {
    [&doc.who, &doc.place, &doc.what, &doc.body, &doc.tag]
        .into_iter()
        .flat_map(|c| terms(c))
        .filter(|t| is_vocab_term(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_order_by_day_and_give_back_the_rowid() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let a = fts_key(d(2026, 3, 12), 5_000_000);
        let b = fts_key(d(2026, 3, 13), 1);
        assert!(b < a, "newer first");
        assert_eq!(petition_rowid(a), 5_000_000);
        assert_eq!(petition_rowid(b), 1);
    }

    #[test]
    fn codes_are_found_in_every_form() {
        assert_eq!(
            code_terms("2026-000123"),
            ["2026000123", "2026", "000123", "123"]
        );
        let mut doc = IndexDoc::default();
        doc.push_code("2026-000123");
        doc.add_person(
            "nguyen thi minh khai",
            Some("042190000123"),
            Some("0912345678"),
        );
        assert_eq!(doc.tag, "2026000123 2026 000123 123");
        assert_eq!(doc.who, "nguyen thi minh khai 042190000123 0912345678");
        let vocab: std::collections::BTreeSet<&str> = vocab_terms(&doc).collect();
        assert_eq!(
            vocab.into_iter().collect::<Vec<_>>(),
            ["khai", "minh", "nguyen", "thi"]
        );
    }
}
