//! Ranking: each query word finds its best match in each field (exact, prefix, one typo, a
//! sound-alike), weighted by the field; fuzzy-matcher's SkimMatcherV2 rewards the name typed in
//! order; then recency and how many petitions the same citizen / matter already has.

use super::index::{code_terms, terms};
use super::query::{MAX_SOFT_WORDS, Query, ime_decoded, max_typos, sound_alikes, typo_distance};
use super::{Hit, Reason};
use crate::store::SearchRow;
use crate::text::fold;
use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// An exact CCCD/CMND or phone match ranks above anything else.
pub const IDENTIFIER_SCORE: i64 = 1_000_000_000;

/// What a query's middle name missing from the record is worth (out of [`quality::EXACT`]): a
/// name short of its middle word is nearly the name, far more than one of its words.
const MISSING_MIDDLE: u32 = 70;

/// The bonus of a query whose every word is in the filer's name or address (two or more in the
/// name): below a query all in the name (250), above one all in the address (190).
const NAMED_AND_PLACED: i64 = 220;

/// How well a query word matches a term, graded: exact > prefix > typo > sound-alike.
pub mod quality {
    pub const EXACT: u32 = 100;
    /// The same word typed in Telex or VNI with the input method off.
    pub const IME: u32 = 97;
    /// A prefix: from this (one letter of a long word) up to 95 (all but the last letter).
    pub const PREFIX_MIN: u32 = 62;
    pub const TYPO: u32 = 60;
    pub const SOUND_ALIKE: u32 = 55;
    pub const TWO_TYPOS: u32 = 50;
    /// Matches this good count as "the word is there" (coverage, names).
    pub const FOUND: u32 = TWO_TYPOS;
    // The grades keep their order: exact > prefix > typo > sound-alike > two typos.
    const _: () = assert!(
        EXACT > IME
            && IME > PREFIX_MIN
            && PREFIX_MIN > TYPO
            && TYPO > SOUND_ALIKE
            && SOUND_ALIKE > TWO_TYPOS
    );
}

/// A query word prepared for matching many terms.
pub struct Word {
    pub text: String,
    /// What the word stands for when typed with the input method off.
    decoded: Option<String>,
    letters: bool,
    alikes: Vec<String>,
}

impl Word {
    pub fn new(text: &str) -> Word {
        let letters = text.chars().all(char::is_alphabetic);
        let decoded = ime_decoded(text);
        let mut alikes = Vec::new();
        for form in std::iter::once(text).chain(decoded.as_deref()) {
            if form.chars().all(char::is_alphabetic) && form.len() >= 2 {
                alikes.extend(sound_alikes(form));
            }
        }
        Word {
            text: text.to_string(),
            decoded,
            letters,
            alikes,
        }
    }

    /// How well this word matches one term, 0 (not at all) to 100 (the same word).
    pub fn matches(&self, term: &str) -> u32 {
        let typed = grade(&self.text, self.letters, term);
        let decoded = self
            .decoded
            .as_deref()
            .map_or(0, |d| grade(d, true, term).min(quality::IME));
        let alike = if self.alikes.iter().any(|s| s == term) {
            quality::SOUND_ALIKE
        } else {
            0
        };
        typed.max(decoded).max(alike)
    }

    /// The best match among the terms of `text`.
    pub fn best_in(&self, text: &str) -> u32 {
        terms(text).map(|t| self.matches(t)).max().unwrap_or(0)
    }
}

/// Exact, prefix or typo match of one spelling of a word against one term.
fn grade(word: &str, letters: bool, term: &str) -> u32 {
    if word == term {
        return quality::EXACT;
    }
    if term.starts_with(word) {
        let (w, t) = (word.chars().count() as u32, term.chars().count() as u32);
        return quality::PREFIX_MIN + (quality::EXACT - 5 - quality::PREFIX_MIN) * w / t.max(1);
    }
    let max = max_typos(word.chars().count());
    if letters && max > 0 && term.len().abs_diff(word.len()) <= max + 1 {
        match typo_distance(word, term, max) {
            Some(1) => return quality::TYPO,
            Some(2) => return quality::TWO_TYPOS,
            _ => {}
        }
    }
    0
}

/// How well one query word matches one term, 0 (not at all) to 100 (the same word).
pub fn word_match(word: &str, term: &str) -> u32 {
    Word::new(word).matches(term)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Name,
    Identifier,
    Code,
    Subject,
    Address,
    Agency,
    Summary,
}

impl Part {
    const ALL: [Part; 7] = [
        Part::Name,
        Part::Identifier,
        Part::Code,
        Part::Subject,
        Part::Address,
        Part::Agency,
        Part::Summary,
    ];

    fn weight(self) -> u32 {
        match self {
            Part::Name | Part::Identifier => 10,
            Part::Code => 9,
            Part::Subject => 6,
            Part::Address => 4,
            Part::Agency => 3,
            Part::Summary => 2,
        }
    }
    fn reason(self) -> Reason {
        match self {
            Part::Name => Reason::Name,
            Part::Identifier => Reason::Identifier,
            Part::Code => Reason::Code,
            Part::Subject => Reason::Subject,
            Part::Address => Reason::Address,
            Part::Agency => Reason::Agency,
            Part::Summary => Reason::Summary,
        }
    }
}

/// The facts about a candidate beyond its own row that ranking weighs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// Petitions filed by the same citizen (this one included).
    pub citizen_petitions: usize,
    /// Petitions that name this one as the one they repeat.
    pub repeats: usize,
}

pub struct Ranker {
    matcher: SkimMatcherV2,
    today: NaiveDate,
    words: Vec<Word>,
    typed: String,
}

impl Ranker {
    pub fn new(query: &Query, today: NaiveDate) -> Ranker {
        Ranker {
            matcher: SkimMatcherV2::default(),
            today,
            words: query.words.iter().map(|w| Word::new(w)).collect(),
            typed: query.words.join(" "),
        }
    }

    /// The field-weighted word matches (0..=1000, a word matched nowhere counting 0) and the
    /// fields they hit; None when too few words match: every word of a one-word or a long query,
    /// all but one of a query of two to [`MAX_SOFT_WORDS`] words (a word the record lacks or
    /// spells beyond a typo lowers the score, it does not hide the petition).
    fn words(&self, row: &SearchRow) -> Option<(i64, Vec<Reason>)> {
        let mut reasons = Vec::new();
        let mut total: u32 = 0;
        let mut summary_folded: Option<String> = None;
        let agency: Vec<String> = [&row.source_agency, &row.transferred_to]
            .into_iter()
            .flatten()
            .map(|a| fold(a))
            .collect();
        let field = fold(row.field.label(crate::i18n::Lang::Vi));
        // The address holds the commune already, when there is one.
        let commune = row
            .commune
            .as_deref()
            .filter(|_| row.address_folded.is_none())
            .map(fold);
        let codes = code_terms(&row.code);
        // How many words each part matched well: all words in one part is worth a bonus.
        let mut coverage = [0usize; 7];
        let mut unmatched = 0;
        let mut unmatched_at = 0;
        // Words found in the name or the address: a person named and placed.
        let mut placed = 0;
        let mut firm = false;
        for (at, word) in self.words.iter().enumerate() {
            let mut best: (u32, Option<Part>) = (0, None);
            let mut covered = [false; 7];
            let mut consider = |best: &mut (u32, Option<Part>), part: Part, grade: u32| {
                let value = grade * part.weight();
                if grade >= quality::FOUND {
                    covered[part as usize] = true;
                }
                if grade > 0 && value > best.0 {
                    *best = (value, Some(part));
                }
            };
            if let Some(name) = &row.name_folded {
                consider(&mut best, Part::Name, word.best_in(name));
            }
            for number in [&row.id_number, &row.phone].into_iter().flatten() {
                consider(&mut best, Part::Identifier, word.matches(number));
            }
            consider(
                &mut best,
                Part::Code,
                codes.iter().map(|c| word.matches(c)).max().unwrap_or(0),
            );
            if best.0 < 1000 {
                consider(&mut best, Part::Subject, word.best_in(&row.subject_folded));
                if let Some(address) = &row.address_folded {
                    consider(&mut best, Part::Address, word.best_in(address));
                }
                if let Some(commune) = &commune {
                    consider(&mut best, Part::Address, word.best_in(commune));
                }
                consider(&mut best, Part::Agency, word.best_in(&field));
                for agency in &agency {
                    consider(&mut best, Part::Agency, word.best_in(agency));
                }
            }
            if best.1.is_none() && !crate::privacy::protects_identity(row.kind) {
                let summary = summary_folded.get_or_insert_with(|| fold(&row.summary));
                consider(&mut best, Part::Summary, word.best_in(summary));
            }
            let (value, part) = best;
            let Some(part) = part else {
                unmatched += 1;
                unmatched_at = at;
                if unmatched > 1 {
                    return None;
                }
                continue;
            };
            firm |= value >= quality::PREFIX_MIN * part.weight();
            placed += usize::from(covered[Part::Name as usize] || covered[Part::Address as usize]);
            for (count, hit) in coverage.iter_mut().zip(covered) {
                *count += usize::from(hit);
            }
            total += value;
            let reason = part.reason();
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
        if !enough_words(self.words.len(), unmatched, firm) {
            return None;
        }
        let n = self.words.len().max(1);
        // The record's name lacks a middle name the query has ("Dương Cường" for "duong chi
        // cuong"): every word of the recorded name is in the query, surname and given name around
        // the missing one. Nearly the whole name, not one word of it missing.
        if unmatched == 1
            && let Some(name) = &row.name_folded
            && self.lacks_middle_name(name, unmatched_at)
        {
            total += MISSING_MIDDLE * Part::Name.weight();
            coverage[Part::Name as usize] += 1;
            if !reasons.contains(&Reason::Name) {
                reasons.push(Reason::Name);
            }
        }
        let mut together = Part::ALL
            .iter()
            .filter(|p| n > 1 && coverage[**p as usize] == n)
            .map(|p| 150 + 10 * p.weight() as i64)
            .max()
            .unwrap_or(0);
        // The name and the commune ("nguyen van thanh hong dan"): every word in one or the other,
        // two or more in the name.
        if placed == n
            && coverage[Part::Name as usize] >= 2
            && coverage[Part::Address as usize] >= 1
        {
            together = together.max(NAMED_AND_PLACED);
        }
        Some((total as i64 / n as i64 + together, reasons))
    }

    /// Where the words of `name` (folded) stand among the query's words, each found in order
    /// (a typo or more allowed): their positions and the worst grade. None when a word of the
    /// name is not in the query.
    fn align_name(&self, name: &str) -> Option<(Vec<usize>, u32)> {
        let mut next = 0;
        let mut at = Vec::new();
        let mut worst = quality::EXACT;
        for term in terms(name) {
            let (found, grade) = (next..self.words.len())
                .map(|i| (i, self.words[i].matches(term)))
                .find(|(_, g)| *g >= quality::FOUND)?;
            at.push(found);
            worst = worst.min(grade);
            next = found + 1;
        }
        Some((at, worst))
    }

    /// Whether `name` (folded) is the query's name with query word `missing` left out: each of
    /// its two or more words found in order by the other query words as typed (no typo: a
    /// loose match of a shorter name is another person's), the first before `missing`, the
    /// last after it, none skipped but `missing`.
    fn lacks_middle_name(&self, name: &str, missing: usize) -> bool {
        let Some((at, worst)) = self.align_name(name) else {
            return false;
        };
        at.len() >= 2
            && worst >= quality::PREFIX_MIN
            && at[0] < missing
            && missing < at[at.len() - 1]
            && at[at.len() - 1] - at[0] == at.len()
    }

    pub(super) fn recency(&self, received_on: NaiveDate) -> i64 {
        let age = (self.today - received_on).num_days().max(0) as f64;
        (60.0 * (-age / 365.0).exp()) as i64
    }

    /// The cheap part of the score: word matches and recency. None when a word matches nowhere.
    pub fn prescore(&self, row: &SearchRow) -> Option<i64> {
        self.words(row)
            .map(|(s, _)| s + self.recency(row.received_on))
    }

    /// Scores one row; None when some query word matches nowhere in it.
    pub fn score(&self, row: &SearchRow, ctx: Context) -> Option<(i64, Vec<Reason>)> {
        let (mut score, reasons) = self.words(row)?;
        let typed = &self.typed;
        if let Some(name) = &row.name_folded
            && let Some(s) = self.matcher.fuzzy_match(name, typed)
        {
            score += s.min(400);
        }
        if let Some(s) = self.matcher.fuzzy_match(&row.subject_folded, typed) {
            score += s.min(400) / 4;
        }
        score += self.recency(row.received_on);
        score += 15 * ctx.citizen_petitions.saturating_sub(1).min(6) as i64;
        score += 10 * ctx.repeats.min(6) as i64;
        Some((score, reasons))
    }

    /// Whether every query word matches the filer's name, ID or phone.
    pub fn names_all(&self, row: &SearchRow) -> bool {
        let Some(name) = &row.name_folded else {
            return false;
        };
        self.words.iter().all(|w| {
            w.best_in(name) >= quality::FOUND
                || [&row.id_number, &row.phone]
                    .into_iter()
                    .flatten()
                    .any(|n| w.matches(n) > 0)
        })
    }

    /// Whether the query names the person filed as `name` (folded): each word of their name
    /// (two or more) in the query, in order, one after the other — a typo allowed — or with one
    /// middle name left out of the record when the rest is typed as recorded.
    pub fn names_person(&self, name: &str) -> bool {
        let Some((at, worst)) = self.align_name(name) else {
            return false;
        };
        let span = at.last().zip(at.first()).map_or(0, |(l, f)| l - f + 1);
        at.len() >= 2
            && (span == at.len() || (span == at.len() + 1 && worst >= quality::PREFIX_MIN))
    }

    /// How well query word `i` matches somewhere in `text` (folded).
    pub fn word_in(&self, i: usize, text: &str) -> u32 {
        self.words.get(i).map_or(0, |w| w.best_in(text))
    }

    /// Whether every query word matches somewhere in the row (narrowing a cached candidate set).
    pub fn matches(&self, row: &SearchRow) -> bool {
        self.words(row).is_some()
    }
}

/// Whether a petition matching all but `unmatched` of `n` query words is a hit: every word of a
/// one-word or a long query; all but one of a query of two to [`MAX_SOFT_WORDS`] words, when the
/// others hold at least one real (not typo) match (`firm`).
pub fn enough_words(n: usize, unmatched: usize, firm: bool) -> bool {
    match unmatched {
        0 => true,
        1 => (2..=MAX_SOFT_WORDS).contains(&n) && firm,
        _ => false,
    }
}

/// Keeps each petition's best row, highest score first, then newest.
pub fn order(mut hits: Vec<Hit>, limit: usize) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.received_on.cmp(&a.received_on))
            .then(b.code.cmp(&a.code))
    });
    let mut seen = std::collections::HashSet::new();
    hits.retain(|h| seen.insert(h.code.clone()));
    hits.truncate(limit);
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_matches_are_graded() {
        assert_eq!(word_match("khai", "khai"), quality::EXACT);
        assert!(word_match("min", "minh") > word_match("m", "minh"));
        assert!(
            word_match("m", "minh") > quality::TYPO,
            "a prefix beats a typo"
        );
        assert_eq!(word_match("nguyn", "nguyen"), quality::TYPO);
        assert_eq!(
            word_match("uong", "duong"),
            quality::TYPO,
            "first letter dropped"
        );
        assert_eq!(
            word_match("ngia", "nghia"),
            quality::TYPO,
            "the h of a digraph dropped"
        );
        assert_eq!(
            word_match("hanh", "ha"),
            quality::TYPO,
            "record lacks the final nh"
        );
        assert_eq!(
            word_match("van", "vn"),
            quality::TYPO,
            "record lacks a letter"
        );
        assert_eq!(word_match("chung", "trung"), quality::SOUND_ALIKE);
        assert_eq!(word_match("abc", "xyz"), 0);
        assert_eq!(word_match("hung", "huong"), quality::TYPO);
        assert_eq!(word_match("nguyeenx", "nguyen"), quality::IME);
        assert_eq!(word_match("nguye6n", "nguyen"), quality::IME);
        assert_eq!(
            word_match(&"a".repeat(50), &"a".repeat(49)),
            0,
            "no typos past 40"
        );
    }
}
