//! Search over citizens and petitions, typed without diacritics: a first version that narrows in
//! SQL on folded columns and ranks with fuzzy-matcher. Exact ID or phone matches come first.

use crate::domain::{PetitionKind, Status};
use crate::error::Result;
use crate::store::{Narrow, SearchRow, Store};
use crate::text::fold;
use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

/// Why a hit matched, for the desk to judge a possible repeat at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    SameIdNumber,
    SamePhone,
    Name,
    Subject,
    Address,
    Code,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub code: String,
    /// None when anonymous or protected (denouncer).
    pub citizen_name: Option<String>,
    pub subject: String,
    pub received_on: NaiveDate,
    pub status: Status,
    pub kind: PetitionKind,
    pub score: i64,
    pub reasons: Vec<Reason>,
}

/// How many candidate rows SQL may hand to the scorer.
const CANDIDATES: usize = 2_000;

/// Digits of an ID number or phone typed in any common form, if the query is one.
fn identifier(query: &str) -> Option<String> {
    let digits: String = query.chars().filter(|c| c.is_ascii_digit()).collect();
    let only_number = query.chars().all(|c| c.is_ascii_digit() || " +.-()".contains(c));
    if !only_number || digits.len() < 9 {
        return None;
    }
    crate::validate::phone(query)
        .ok()
        .flatten()
        .filter(|_| digits.len() != 12 && digits.len() != 9)
        .or(Some(digits))
}

fn score_row(matcher: &SkimMatcherV2, query: &str, row: &SearchRow) -> (i64, Vec<Reason>) {
    let mut reasons = Vec::new();
    let mut score = 0;
    let mut consider = |text: Option<&str>, reason: Reason, weight: i64| {
        if let Some(s) = text.and_then(|t| matcher.fuzzy_match(t, query)) {
            reasons.push(reason);
            score = score.max(s * weight);
        }
    };
    consider(row.name_folded.as_deref(), Reason::Name, 3);
    consider(Some(&row.subject_folded), Reason::Subject, 2);
    consider(row.address_folded.as_deref(), Reason::Address, 1);
    consider(Some(&row.code), Reason::Code, 3);
    (score, reasons)
}

pub fn search(store: &Store, query: &str, limit: usize) -> Result<Vec<Hit>> {
    let folded = fold(query);
    if folded.is_empty() {
        return Ok(Vec::new());
    }
    let matcher = SkimMatcherV2::default();
    let mut hits: Vec<Hit> = if let Some(number) = identifier(query) {
        store
            .search_rows(Narrow::Identifier(&number), CANDIDATES)?
            .into_iter()
            .map(|row| {
                let reason = if row.id_number.as_deref() == Some(number.as_str()) {
                    Reason::SameIdNumber
                } else {
                    Reason::SamePhone
                };
                into_hit(row, i64::MAX / 2, vec![reason])
            })
            .collect()
    } else {
        let tokens: Vec<String> = folded.split(' ').map(str::to_string).collect();
        store
            .search_rows(Narrow::Tokens(&tokens), CANDIDATES)?
            .into_iter()
            .map(|row| {
                let (score, reasons) = score_row(&matcher, &folded, &row);
                into_hit(row, score, reasons)
            })
            .collect()
    };
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(b.received_on.cmp(&a.received_on)));
    let mut seen = std::collections::HashSet::new();
    hits.retain(|h| seen.insert(h.code.clone()));
    hits.truncate(limit);
    Ok(hits)
}

fn into_hit(row: SearchRow, score: i64, reasons: Vec<Reason>) -> Hit {
    Hit {
        code: row.code,
        citizen_name: row.citizen_name,
        subject: row.subject,
        received_on: row.received_on,
        status: row.status,
        kind: row.kind,
        score,
        reasons,
    }
}
