//! Ranking: each query word finds its best match in each field (exact, prefix, one typo, a
//! sound-alike), weighted by the field; fuzzy-matcher's SkimMatcherV2 rewards the name typed in
//! order; then recency and how many petitions the same citizen / matter already has.

use super::index::{code_terms, terms};
use super::query::{Query, ime_decoded, max_typos, may_lack, sound_alikes, typo_distance};
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

/// The bonus of a query whose every word stands next to the one it follows in the query, in one
/// field or another: a phrase, or a name as written.
const ADJACENT: i64 = 150;

/// What each query word a petition lacks costs, on top of counting nothing: more than skim,
/// recency and counts together can give back, so that a petition holding every word ranks
/// above any lacking one.
pub const UNMATCHED_COST: i64 = 800;

/// Words this short found only through a typo or a sound outside the name (and words found only
/// in the summary) cost half of [`UNMATCHED_COST`].
const SHORT_WORD: usize = 4;

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
    /// Typed whole (another word follows it): a longer term that merely starts with it is not
    /// it ("thu" is not "thuy"), unless within a typo.
    whole: bool,
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
            whole: false,
        }
    }

    /// A word the desk has finished typing (another word follows it): matched as a prefix only
    /// when it is an initial or two letters ("ng t m khai").
    pub fn whole(text: &str) -> Word {
        let mut word = Word::new(text);
        word.whole = word.letters && text.chars().count() >= 3;
        word
    }

    /// How well this word matches one term, 0 (not at all) to 100 (the same word).
    pub fn matches(&self, term: &str) -> u32 {
        let typed = grade(&self.text, self.letters, !self.whole, term);
        let decoded = self
            .decoded
            .as_deref()
            .map_or(0, |d| grade(d, true, !self.whole, term).min(quality::IME));
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
fn grade(word: &str, letters: bool, prefix: bool, term: &str) -> u32 {
    if word == term {
        return quality::EXACT;
    }
    if prefix && term.starts_with(word) {
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
            words: query
                .words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    if i + 1 < query.words.len() {
                        Word::whole(w)
                    } else {
                        Word::new(w)
                    }
                })
                .collect(),
            typed: query.words.join(" "),
        }
    }

    /// The field-weighted word matches (0..=1000, a word matched nowhere counting 0) and the
    /// fields they hit, with a bonus for words found together; None when too few words match
    /// ([`enough_words`]: a word the record lacks or spells beyond a typo lowers the score, it
    /// does not hide the petition).
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
        // Per query word: its best field-weighted value, whether the name or the address has it,
        // whether the name has it.
        let mut values = Vec::with_capacity(self.words.len());
        let mut named_or_placed = Vec::with_capacity(self.words.len());
        let mut in_name = Vec::with_capacity(self.words.len());
        // Words found in the name or the address: a person named and placed.
        let mut placed = 0;
        let mut loose_short = 0;
        let mut firm = false;
        for word in &self.words {
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
                consider(&mut best, Part::Name, self.best(word, name));
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
                consider(
                    &mut best,
                    Part::Subject,
                    self.best(word, &row.subject_folded),
                );
                if let Some(address) = &row.address_folded {
                    consider(&mut best, Part::Address, self.best(word, address));
                }
                if let Some(commune) = &commune {
                    consider(&mut best, Part::Address, self.best(word, commune));
                }
                consider(&mut best, Part::Agency, self.best(word, &field));
                for agency in &agency {
                    consider(&mut best, Part::Agency, self.best(word, agency));
                }
            }
            if best.1.is_none() && !crate::privacy::protects_identity(row.kind) {
                let summary = summary_folded.get_or_insert_with(|| fold(&row.summary));
                consider(&mut best, Part::Summary, self.best(word, summary));
            }
            let (value, part) = best;
            values.push(value);
            named_or_placed.push(covered[Part::Name as usize] || covered[Part::Address as usize]);
            in_name.push(covered[Part::Name as usize]);
            let Some(part) = part else {
                unmatched += 1;
                if unmatched > may_lack(self.words.len()) {
                    return None;
                }
                continue;
            };
            firm |= value >= quality::PREFIX_MIN * part.weight();
            // A short word found only through a typo or a sound outside the name ("sua" for
            // "sử", "cau" for "cấp") is barely evidence: so many words are one slip away.
            // Nor is a word found only in the free-text summary.
            loose_short += usize::from(
                part == Part::Summary
                    || (part != Part::Name
                        && part != Part::Identifier
                        && value < quality::PREFIX_MIN * part.weight()
                        && word.text.chars().count() <= SHORT_WORD),
            );
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
        if let Some(name) = &row.name_folded
            && let Some(k) = self.missing_middle(name)
        {
            let credit = MISSING_MIDDLE * Part::Name.weight();
            if values[k] == 0 {
                unmatched -= 1;
            }
            total += credit.saturating_sub(values[k]);
            placed += usize::from(!named_or_placed[k]);
            coverage[Part::Name as usize] += usize::from(!in_name[k]);
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
        let together = together + self.adjacent_bonus(row);
        // A petition lacking a word ranks below every one holding them all.
        let lacking = UNMATCHED_COST * unmatched as i64 + UNMATCHED_COST / 2 * loose_short as i64;
        Some((total as i64 / n as i64 + together - lacking, reasons))
    }

    /// Query words found next to each other, in the query's order, in the name, the subject or
    /// the address ("duong xuong" in "cầu Đường Xuồng", not "đường" here and "xuống" there): a
    /// share of [`ADJACENT`] for each neighbouring pair so found.
    fn adjacent_bonus(&self, row: &SearchRow) -> i64 {
        let n = self.words.len();
        if n < 2 {
            return 0;
        }
        let mut found = vec![false; n - 1];
        for field in [
            row.name_folded.as_deref(),
            Some(row.subject_folded.as_str()),
            row.address_folded.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            // Which query words each term of the field matches, as bits.
            let masks: Vec<u32> = terms(field)
                .map(|t| {
                    self.words.iter().enumerate().fold(0, |m, (i, w)| {
                        if i < 32 && w.matches(t) >= quality::FOUND {
                            m | 1 << i
                        } else {
                            m
                        }
                    })
                })
                .collect();
            for pair in masks.windows(2) {
                for (i, hit) in found.iter_mut().enumerate().take(31) {
                    *hit |= pair[0] & (1 << i) != 0 && pair[1] & (1 << (i + 1)) != 0;
                }
            }
        }
        let pairs = found.iter().filter(|f| **f).count() as i64;
        ADJACENT * pairs / (n as i64 - 1)
    }

    /// The best match of `word` among the terms of `text`, leaving out terms that are another
    /// query word exactly: those are that word's ("thu" is not "thi" mistyped when the query
    /// holds "thi" too).
    fn best(&self, word: &Word, text: &str) -> u32 {
        terms(text)
            .filter(|t| *t == word.text || !self.words.iter().any(|o| o.text == *t))
            .map(|t| word.matches(t))
            .max()
            .unwrap_or(0)
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

    /// The query word a recorded name lacks, when `name` (folded) is the query's name with one
    /// middle word left out: its two or more words found in order by the query's words as typed
    /// (no typo: a loose match of a shorter name is another person's), one after the other but
    /// for one query word between the surname and the given name.
    fn missing_middle(&self, name: &str) -> Option<usize> {
        let (at, worst) = self.align_name(name)?;
        if at.len() < 2 || worst < quality::PREFIX_MIN || at[at.len() - 1] - at[0] != at.len() {
            return None;
        }
        (at[0]..at[at.len() - 1]).find(|i| !at.contains(i))
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
    /// (two or more) in the query, in order, one after the other, a typo allowed.
    pub fn names_person(&self, name: &str) -> bool {
        let Some((at, worst)) = self.align_name(name) else {
            return false;
        };
        let span = at.last().zip(at.first()).map_or(0, |(l, f)| l - f + 1);
        at.len() >= 2 && span == at.len() && worst >= quality::FOUND
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
/// one-word query; all but one of a query of two to seven words, all but two of a longer one
/// ([`may_lack`]), when the others hold at least one real (not typo) match (`firm`).
pub fn enough_words(n: usize, unmatched: usize, firm: bool) -> bool {
    unmatched == 0 || (unmatched <= may_lack(n) && firm)
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
