//! Search engines behind one trait, so the product engine and the baselines run side by side in
//! the benchmarks (the layout atuin uses for its db/skim engines).

use super::index::is_vocab_term;
use super::query::{
    MIN_TYPO_LEN, Query, ime_decoded, max_typos, sound_alikes, typo_distance, typo_keys,
};
use super::rank::{Context, IDENTIFIER_SCORE, Ranker, order};
use super::{Hit, Reason};
use crate::error::Result;
use crate::store::{Narrow, SearchRow, Store};
use chrono::NaiveDate;
#[cfg(feature = "bench")]
use std::collections::HashMap;
use std::collections::HashSet;

pub trait Engine {
    fn name(&self) -> &'static str;
    /// The best `limit` petitions for `query`.
    fn search(&mut self, store: &Store, query: &str, limit: usize) -> Result<Vec<Hit>>;
}

/// Newest matching petitions the index hands to ranking, per query.
const CANDIDATES: usize = 200;
/// Newest petitions whose filer's name/ID alone matches every word: people before paperwork.
const PERSON_CANDIDATES: usize = 100;
/// Rows that get the expensive part of ranking (SkimMatcherV2, counts).
const FINALISTS: usize = 80;
/// More prefix expansions than this and the index's own prefix query is used instead.
const MAX_EXPANSIONS: usize = 48;
/// A word in fewer petitions than this may be a typo of a common one: its variants are added.
pub(super) const RARE: usize = 30;
/// A word in this many petitions or more is a word, not a typo: no variants, whatever they count.
const COMMON: usize = 600;
/// A word between [`RARE`] and [`COMMON`] is still read as a typo of a variant this many times
/// more frequent.
pub(super) const TYPO_RATIO: usize = 20;
/// Typo and sound-alike variants kept per word.
const MAX_VARIANTS: usize = 32;
/// Newest petitions asked per relaxed query (all words up to typos; all words but one).
const SOFT_CANDIDATES: usize = 60;
/// Queries of up to this many words are also asked with every word's loose spellings.
const LOOSE_WORDS: usize = 6;

/// One way a query word may appear in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Alt {
    text: String,
    prefix: bool,
}

fn is_initial(alts: &[Alt]) -> bool {
    alts.len() == 1 && alts[0].prefix && alts[0].text.chars().count() == 1
}

/// The alternatives of each query word, as the index is asked for them, in two tiers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Plan {
    words: Vec<String>,
    /// Exact and prefix spellings (and the corrections of a word the index does not know or
    /// holds only rarely): what the desk most likely meant.
    strict: Vec<Vec<Alt>>,
    /// The strict spellings plus every known spelling within a typo or a sound of the word: asked
    /// only when the strict tier finds few petitions.
    loose: Vec<Vec<Alt>>,
}

/// An FTS5 expression requiring every word (one of its alternatives each).
fn expression(alts: &[Vec<Alt>]) -> String {
    // Initials ("t", "m") match nearly every petition: asking the index for them only slows
    // the intersection. Ranking still weighs them (`Ranker::words`).
    let selective = alts.iter().any(|alts| !is_initial(alts));
    alts.iter()
        .filter(|alts| !selective || !is_initial(alts))
        .map(|alts| {
            let parts: Vec<String> = alts
                .iter()
                .map(|a| {
                    if a.prefix {
                        format!("\"{}\"*", a.text)
                    } else {
                        format!("\"{}\"", a.text)
                    }
                })
                .collect();
            format!("({})", parts.join(" OR "))
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// Whether every alternative of `new` is covered by one of `old` (the same word, or a prefix).
fn covered(old: &[Vec<Alt>], new: &[Vec<Alt>]) -> bool {
    old.len() <= new.len()
        && old.iter().zip(new).all(|(old, new)| {
            new.iter().all(|n| {
                old.iter().any(|o| {
                    (o.prefix && n.text.starts_with(&o.text))
                        || (!o.prefix && !n.prefix && o.text == n.text)
                })
            })
        })
}

impl Plan {
    /// Whether the relaxed tiers ask anything the strict one does not.
    fn relaxes(&self) -> bool {
        self.loose != self.strict || self.soft()
    }

    /// Whether petitions matching all words but one are asked for too.
    fn soft(&self) -> bool {
        self.words.len() >= 2
    }

    /// Whether every petition this plan matches was matched by `earlier` too, so an earlier
    /// complete candidate set can simply be narrowed.
    fn narrows(&self, earlier: &Plan) -> bool {
        // All words but one of a one-word query is nothing; of a two-word query, each word alone.
        (earlier.soft() == self.soft() || !self.soft())
            && covered(&earlier.strict, &self.strict)
            && covered(&earlier.loose, &self.loose)
    }
}

/// The last query's candidates, kept while the desk types.
struct Cached {
    plan: Plan,
    /// Every petition the plan matched (the index returned fewer than asked).
    complete: bool,
    rows: Vec<SearchRow>,
}

/// Spellings the index knows within a typo (anywhere in the word, first letter included) or a
/// sound of `word`, closest first: looked up in the index's deletion neighbourhood, so records
/// typed wrongly are found by the right word and the other way round.
pub(super) fn neighbours(store: &Store, word: &str) -> Result<Vec<String>> {
    let max = max_typos(word.chars().count());
    if max == 0 || !word.chars().all(char::is_alphabetic) {
        return Ok(Vec::new());
    }
    let mut lookup = typo_keys(word);
    lookup.push(word.to_string());
    let mut near: Vec<(usize, bool, String)> = store
        .typo_neighbours(&lookup)?
        .into_iter()
        .filter(|t| t != word)
        .filter_map(|t| {
            let d = typo_distance(word, &t, max)?;
            Some((d, t.chars().next() != word.chars().next(), t))
        })
        .collect();
    let mut alikes = sound_alikes(word);
    alikes.retain(|v| is_vocab_term(v));
    for alike in store.vocab_known(&alikes)? {
        near.push((1, true, alike));
    }
    near.sort_unstable();
    let mut out: Vec<String> = Vec::with_capacity(near.len());
    for (_, _, term) in near {
        if !out.contains(&term) {
            out.push(term);
        }
    }
    out.truncate(MAX_VARIANTS);
    Ok(out)
}

/// Of a word's `neighbours`, those the desk most likely meant instead: all of them when the word
/// is unknown to the index (and no known word starts with it) or rare, those far more frequent
/// when it is uncommon, none when it is common. Records carry typos too: at a million petitions
/// "nguyn" is in dozens of them, and the desk still means "nguyen".
fn typo_corrections(store: &Store, word: &str, neighbours: &[String]) -> Result<Vec<String>> {
    if neighbours.is_empty() {
        return Ok(Vec::new());
    }
    let unknown = store.vocab_prefixed(word, 1)?.is_empty();
    if unknown {
        return Ok(neighbours.to_vec());
    }
    if word.len() < MIN_TYPO_LEN {
        return Ok(Vec::new());
    }
    let count = |term: &str, cap: usize| store.index_count(&format!("\"{term}\""), cap);
    let seen = count(word, COMMON)?;
    if seen >= COMMON {
        return Ok(Vec::new());
    }
    if seen < RARE {
        return Ok(neighbours.to_vec());
    }
    // Keep only the variants that dwarf the word: the spelling most records use.
    let bar = seen * TYPO_RATIO;
    let mut dwarfing = Vec::new();
    for variant in neighbours {
        if count(variant, bar + 1)? > bar {
            dwarfing.push(variant.clone());
        }
    }
    Ok(dwarfing)
}

fn dedup_alts(alts: &mut Vec<Alt>) {
    let mut seen = HashSet::new();
    alts.retain(|a| seen.insert((a.text.clone(), a.prefix)));
}

/// The product engine: candidates from the persistent index, ranked in memory.
pub struct IndexEngine {
    today: NaiveDate,
    cache: Option<Cached>,
    /// How the last query was answered (benchmarks report it).
    pub last_from_cache: bool,
}

impl Default for IndexEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl IndexEngine {
    pub fn new() -> IndexEngine {
        IndexEngine {
            today: chrono::Local::now().date_naive(),
            cache: None,
            last_from_cache: false,
        }
    }

    /// Ranks recency from this day (reproducible runs use the CLI's `--today`).
    pub fn with_today(mut self, today: NaiveDate) -> IndexEngine {
        self.today = today;
        self
    }

    /// Forgets the cached candidates (after a write this engine did not see).
    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    fn plan(&self, store: &Store, query: &Query) -> Result<Plan> {
        let mut plan = Plan {
            words: query.words.clone(),
            ..Plan::default()
        };
        let exact = |text: String| Alt {
            text,
            prefix: false,
        };
        for word in &query.words {
            let mut strict = Vec::new();
            let mut loose = Vec::new();
            // The word as typed, and what it stands for when typed in Telex or VNI with the
            // input method off ("nguyeenx", "nguye6n").
            let forms: Vec<String> = std::iter::once(word.clone())
                .chain(ime_decoded(word))
                .collect();
            for form in &forms {
                let letters = form.chars().all(char::is_alphabetic);
                let year = form.len() == 4 && (form.starts_with("19") || form.starts_with("20"));
                if year && !letters {
                    // A year, or the start of a code: as a prefix it would merge every code of
                    // that year, one index term each.
                    strict.push(exact(form.clone()));
                } else if !letters || form.len() < MIN_TYPO_LEN {
                    strict.push(Alt {
                        text: form.clone(),
                        prefix: true,
                    });
                } else {
                    let expanded = store.vocab_prefixed(form, MAX_EXPANSIONS + 1)?;
                    if expanded.is_empty() || expanded.len() > MAX_EXPANSIONS {
                        strict.push(Alt {
                            text: form.clone(),
                            prefix: true,
                        });
                    } else {
                        strict.extend(expanded.into_iter().map(exact));
                    }
                }
                // Known spellings within a typo or a sound: "nguyn", "khia", "uong" for
                // "duong", "ngia" for "nghia", "chung" for "trung", and records typed "vn" for
                // "van". The likely corrections join the strict tier, all of them the loose one.
                if letters && form.len() >= 2 {
                    let near = neighbours(store, form)?;
                    strict.extend(typo_corrections(store, form, &near)?.into_iter().map(exact));
                    loose.extend(near.into_iter().map(exact));
                }
            }
            dedup_alts(&mut strict);
            let mut all = strict.clone();
            all.extend(loose);
            dedup_alts(&mut all);
            plan.strict.push(strict);
            plan.loose.push(all);
        }
        Ok(plan)
    }

    /// Answers `query`, or None as soon as `cancelled` says a newer query is waiting.
    pub fn run(
        &mut self,
        store: &Store,
        raw: &str,
        limit: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<Option<Vec<Hit>>> {
        store.read_snapshot(|| self.run_in_snapshot(store, raw, limit, cancelled))
    }

    fn run_in_snapshot(
        &mut self,
        store: &Store,
        raw: &str,
        limit: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<Option<Vec<Hit>>> {
        self.last_from_cache = false;
        let query = Query::parse(raw);
        if query.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let ranker = Ranker::new(&query, self.today);
        let mut hits: Vec<Hit> = Vec::new();
        if let Some(id) = &query.identifier {
            let mut numbers = vec![id.digits.clone()];
            numbers.extend(id.phone.clone().filter(|p| *p != id.digits));
            for number in numbers {
                for row in store.rows_by_identifier(&number, CANDIDATES)? {
                    let reason = if row.id_number.as_deref() == Some(number.as_str()) {
                        Reason::SameIdNumber
                    } else {
                        Reason::SamePhone
                    };
                    let recency = ranker
                        .score(&row, Context::default())
                        .map(|s| s.0)
                        .unwrap_or(0);
                    hits.push(into_hit(row, IDENTIFIER_SCORE + recency, vec![reason], 0));
                }
            }
        }
        let plan = self.plan(store, &query)?;
        if cancelled() {
            return Ok(None);
        }
        let rows = match self.cache.take() {
            Some(cached) if cached.complete && plan.narrows(&cached.plan) => {
                self.last_from_cache = true;
                let rows: Vec<SearchRow> = cached
                    .rows
                    .into_iter()
                    .filter(|row| ranker.matches(row))
                    .collect();
                self.cache = Some(Cached {
                    plan,
                    complete: true,
                    rows: rows.clone(),
                });
                rows
            }
            _ => {
                let strict = expression(&plan.strict);
                let keys = store.index_match(&strict, CANDIDATES)?;
                let mut complete = keys.len() < CANDIDATES;
                if cancelled() {
                    return Ok(None);
                }
                let mut rows = store.rows_by_rowid(&keys)?;
                // Older petitions of a person the words name: asked only when the newest matches
                // show the words do name someone (asking for words no name holds — "thu hoi dat",
                // a year — would walk their whole doclists for nothing).
                if !complete && rows.iter().any(|row| ranker.names_all(row)) {
                    let mut more =
                        store.index_match(&format!("{{who}} : ({strict})"), PERSON_CANDIDATES)?;
                    more.retain(|k| !keys.contains(k));
                    rows.extend(store.rows_by_rowid(&more)?);
                }
                // Few petitions spelt as typed: also those within a typo or a sound of every
                // word, and those matching all words but one. (Many spelt as typed: they are
                // what the desk means, and rank above any of these anyway.)
                if complete && plan.relaxes() {
                    let mut relaxed = Vec::new();
                    let mut ask = |alts: &[Vec<Alt>]| -> Result<()> {
                        if alts.is_empty() {
                            return Ok(());
                        }
                        let found = store.index_match(&expression(alts), SOFT_CANDIDATES)?;
                        complete &= found.len() < SOFT_CANDIDATES;
                        relaxed.extend(found);
                        Ok(())
                    };
                    // One word mistyped (on either side) and the others as typed, then one word
                    // missing: the likeliest slips first, each asked apart so that the looser
                    // spellings of every word at once do not crowd them out of the newest rows.
                    // Longer queries (a matter in its own words) keep their words as typed
                    // here: their many combinations of loose spellings would cost more than
                    // they find.
                    let loose = plan.loose != plan.strict && plan.words.len() <= LOOSE_WORDS;
                    let tiers: Vec<&Vec<Vec<Alt>>> = if loose {
                        vec![&plan.strict, &plan.loose]
                    } else {
                        vec![&plan.strict]
                    };
                    if plan.loose != plan.strict {
                        for i in 0..plan.loose.len() {
                            if !loose || plan.words.len() == 1 || plan.loose[i] == plan.strict[i] {
                                continue;
                            }
                            if cancelled() {
                                return Ok(None);
                            }
                            let mut one = plan.strict.clone();
                            one[i] = plan.loose[i].clone();
                            ask(&one)?;
                        }
                        ask(&plan.loose)?;
                    }
                    if plan.soft() {
                        for tier in tiers {
                            for skip in 0..tier.len() {
                                if cancelled() {
                                    return Ok(None);
                                }
                                let others: Vec<Vec<Alt>> = tier
                                    .iter()
                                    .enumerate()
                                    .filter(|(i, _)| *i != skip)
                                    .map(|(_, a)| a.clone())
                                    .collect();
                                ask(&others)?;
                            }
                        }
                    }
                    relaxed.sort_unstable();
                    relaxed.dedup();
                    relaxed.retain(|k| !keys.contains(k));
                    rows.extend(store.rows_by_rowid(&relaxed)?);
                }
                let unindexed = store.search_backfill_mark()?;
                if unindexed > 0 {
                    complete = false;
                    rows.extend(store.like_rows(
                        Narrow::Tokens(&query.words),
                        Some(unindexed),
                        CANDIDATES,
                    )?);
                }
                self.cache = Some(Cached {
                    plan,
                    complete,
                    rows: rows.clone(),
                });
                rows
            }
        };
        if cancelled() {
            return Ok(None);
        }
        hits.extend(rank_rows(store, &ranker, rows, limit)?);
        // Earlier denunciations by the same denouncer, matched blind (the desk only).
        hits.extend(super::denouncers::denouncer_hits(
            store, &query, &ranker, limit,
        )?);
        let hits = order(hits, limit);
        Ok(Some(with_their_other_petitions(
            store, &ranker, hits, limit,
        )?))
    }
}

/// The best hits, each person they name followed by the rest of that person's petitions (the
/// person model links an old CMND to the new CCCD, a phone, a move to another commune): a desk
/// looking someone up sees all they filed, not only the petitions spelt like the query.
fn with_their_other_petitions(
    store: &Store,
    ranker: &Ranker,
    mut hits: Vec<Hit>,
    limit: usize,
) -> Result<Vec<Hit>> {
    let mut persons: Vec<(crate::domain::Id, i64, usize)> = Vec::new();
    for hit in &hits {
        let (Some(person), Some(name)) = (hit.citizen_id, &hit.citizen_name) else {
            continue;
        };
        if !persons.iter().any(|(p, _, _)| *p == person)
            && ranker.names_person(&crate::text::fold(name))
        {
            persons.push((person, hit.score, hit.citizen_petitions));
        }
    }
    if persons.is_empty() {
        return Ok(hits);
    }
    // Their petitions among the hits already rise to just below their best one.
    for hit in hits.iter_mut() {
        let best = persons
            .iter()
            .find(|(p, _, _)| Some(*p) == hit.citizen_id)
            .map(|(_, best, _)| *best);
        if let Some(best) = best
            && hit.score < best - 1
        {
            hit.score = best - 1;
            hit.reasons.push(Reason::SamePerson);
        }
    }
    let ids: Vec<_> = persons.iter().map(|(p, _, _)| *p).collect();
    let mut shown: HashSet<String> = hits.iter().map(|h| h.code.clone()).collect();
    let mut more = Vec::new();
    for row in store.rows_by_persons(&ids, 4 * limit)? {
        // A voided petition is shown when the query finds it, never brought in as theirs.
        if row.status == crate::domain::Status::Voided || !shown.insert(row.code.clone()) {
            continue;
        }
        let Some((_, best, petitions)) =
            persons.iter().find(|(p, _, _)| Some(*p) == row.citizen_id)
        else {
            continue;
        };
        more.push(into_hit(
            row,
            best - 1,
            vec![Reason::SamePerson],
            *petitions,
        ));
    }
    more.extend(same_name_same_matter(store, ranker, &hits, &mut shown)?);
    hits.extend(more);
    Ok(order(hits, limit))
}

/// A subject's telling words with their weights ([`super::repeats::key_words`]).
type KeyWords = Vec<(String, u32)>;

/// Names among the best hits whose other petitions on the same matter are looked up.
const NAMES_FOLLOWED: usize = 3;
/// Petitions asked per name.
const PER_NAME: usize = 60;
/// How alike two subjects sharing a number (a decision, a parcel) must be
/// ([`super::repeats::subject_similarity`]) to be one matter.
const SAME_MATTER: f64 = 0.45;

/// Whether two subjects' telling words name one matter: a number in common (a decision, a
/// parcel, a sheet) and alike otherwise. Wording alone is not enough: "bồi thường khi thu hồi đất"
/// is every other petition.
fn same_matter(a: &[(String, u32)], b: &[(String, u32)]) -> bool {
    let number = |(w, _): &&(String, u32)| w.chars().all(|c| c.is_ascii_digit());
    a.iter().filter(number).any(|w| b.contains(w))
        && super::repeats::subject_similarity(a, b) >= SAME_MATTER
}

/// Petitions filed under the very name of a best hit about the same matter (the same decision,
/// parcel or project), though the person model has nothing linking them — a citizen who moved
/// and changed phone between two filings: shown right after that hit.
fn same_name_same_matter(
    store: &Store,
    ranker: &Ranker,
    hits: &[Hit],
    shown: &mut HashSet<String>,
) -> Result<Vec<Hit>> {
    use super::repeats::key_words;
    // Each name followed: its best hit's score and the telling words of its hits' subjects.
    let mut names: Vec<(String, i64, Vec<KeyWords>)> = Vec::new();
    for hit in hits {
        let Some(name) = hit.citizen_name.as_deref().map(crate::text::fold) else {
            continue;
        };
        if !ranker.names_person(&name) {
            continue;
        }
        let subject = key_words(&crate::text::fold(&hit.subject));
        if let Some((_, _, subjects)) = names.iter_mut().find(|(n, _, _)| *n == name) {
            subjects.push(subject);
        } else if names.len() < NAMES_FOLLOWED {
            names.push((name, hit.score, vec![subject]));
        }
    }
    let mut out = Vec::new();
    for (name, best, subjects) in names {
        let words: Vec<String> = super::index::terms(&name)
            .map(|t| format!("\"{t}\""))
            .collect();
        let keys = store.index_match(&format!("{{who}} : ({})", words.join(" AND ")), PER_NAME)?;
        for row in store.rows_by_rowid(&keys)? {
            if row.name_folded.as_deref() != Some(name.as_str())
                || shown.contains(&row.code)
                || row.status == crate::domain::Status::Voided
            {
                continue;
            }
            let theirs = key_words(&row.subject_folded);
            if subjects.iter().any(|s| same_matter(s, &theirs)) {
                shown.insert(row.code.clone());
                out.push(into_hit(
                    row,
                    best - 2,
                    vec![Reason::Name, Reason::SimilarSubject],
                    0,
                ));
            }
        }
    }
    Ok(out)
}

/// Two-phase ranking: word matches for all rows, then SkimMatcherV2 and the citizen/chain counts
/// for the best [`FINALISTS`].
fn rank_rows(
    store: &Store,
    ranker: &Ranker,
    rows: Vec<SearchRow>,
    limit: usize,
) -> Result<Vec<Hit>> {
    let mut scored: Vec<(i64, SearchRow)> = rows
        .into_iter()
        .filter_map(|row| ranker.prescore(&row).map(|s| (s, row)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.received_on.cmp(&a.1.received_on)));
    scored.truncate(FINALISTS.max(limit));
    let citizens: Vec<_> = scored.iter().filter_map(|(_, r)| r.citizen_id).collect();
    let counts = store.petition_counts(&citizens)?;
    let petitions: Vec<_> = scored.iter().map(|(_, r)| r.petition_id).collect();
    let repeats = store.repeat_counts(&petitions)?;
    let mut hits = Vec::with_capacity(scored.len());
    for (_, row) in scored {
        let ctx = Context {
            citizen_petitions: row
                .citizen_id
                .and_then(|c| counts.get(&c).copied())
                .unwrap_or(0),
            repeats: repeats.get(&row.petition_id).copied().unwrap_or(0),
        };
        if let Some((score, reasons)) = ranker.score(&row, ctx) {
            hits.push(into_hit(row, score, reasons, ctx.citizen_petitions));
        }
    }
    Ok(hits)
}

pub(super) fn into_hit(row: SearchRow, score: i64, reasons: Vec<Reason>, petitions: usize) -> Hit {
    let protected = crate::privacy::protects_identity(row.kind);
    Hit {
        code: row.code,
        citizen_name: if protected { None } else { row.citizen_name },
        subject: row.subject,
        received_on: row.received_on,
        status: row.status,
        kind: row.kind,
        score,
        reasons,
        citizen_id: if protected { None } else { row.citizen_id },
        citizen_petitions: if protected { 0 } else { petitions },
    }
}

impl Engine for IndexEngine {
    fn name(&self) -> &'static str {
        "index"
    }

    fn search(&mut self, store: &Store, query: &str, limit: usize) -> Result<Vec<Hit>> {
        Ok(self
            .run(store, query, limit, &|| false)?
            .unwrap_or_default())
    }
}

/// The first version: SQL `LIKE '%word%'` on folded columns for every word, then ranking. No typo
/// tolerance (a misspelt word matches nothing). A benchmark baseline (`--features bench`).
#[cfg(feature = "bench")]
#[derive(Default)]
pub struct LikeEngine;

#[cfg(feature = "bench")]
impl Engine for LikeEngine {
    fn name(&self) -> &'static str {
        "sql-like"
    }

    fn search(&mut self, store: &Store, raw: &str, limit: usize) -> Result<Vec<Hit>> {
        let query = Query::parse(raw);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let ranker = Ranker::new(&query, chrono::Local::now().date_naive());
        let rows = match &query.identifier {
            Some(id) => {
                store.rows_by_identifier(id.phone.as_deref().unwrap_or(&id.digits), CANDIDATES)?
            }
            None => store.like_rows(Narrow::Tokens(&query.words), None, 2_000)?,
        };
        let hits = rows
            .into_iter()
            .filter_map(|row| {
                ranker
                    .score(&row, Context::default())
                    .map(|(s, r)| into_hit(row, s, r, 0))
            })
            .collect();
        Ok(order(hits, limit))
    }
}

/// One row of the in-memory scan: the text SkimMatcherV2 (or nucleo, in the benchmarks) reads.
#[cfg(feature = "bench")]
pub struct ScanRow {
    pub rowid: i64,
    /// Folded name, address, subject and code on one line, as a fuzzy finder would see it.
    pub line: String,
}

/// SkimMatcherV2 over every petition, no index: what "just fuzzy-match everything" costs.
/// A benchmark baseline (`--features bench`).
#[cfg(feature = "bench")]
#[derive(Default)]
pub struct SkimScan {
    rows: Option<Vec<ScanRow>>,
}

#[cfg(feature = "bench")]
impl SkimScan {
    /// Every petition as one folded line (denouncers' identities left out).
    pub fn load(store: &Store) -> Result<Vec<ScanRow>> {
        let mut lines: HashMap<i64, String> = HashMap::new();
        let mut order_seen = Vec::new();
        let mut seen = HashSet::new();
        store.scan_lines(|rowid, text| {
            if seen.insert(rowid) {
                order_seen.push(rowid);
            }
            let line = lines.entry(rowid).or_default();
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&text);
        })?;
        Ok(order_seen
            .into_iter()
            .map(|rowid| ScanRow {
                rowid,
                line: lines.remove(&rowid).unwrap_or_default(),
            })
            .collect())
    }
}

#[cfg(feature = "bench")]
impl Engine for SkimScan {
    fn name(&self) -> &'static str {
        "skim-scan"
    }

    fn search(&mut self, store: &Store, raw: &str, limit: usize) -> Result<Vec<Hit>> {
        use fuzzy_matcher::FuzzyMatcher;
        let folded = crate::text::fold(raw);
        if folded.is_empty() {
            return Ok(Vec::new());
        }
        if self.rows.is_none() {
            self.rows = Some(Self::load(store)?);
        }
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default();
        let mut best: Vec<(i64, i64)> = self
            .rows
            .as_ref()
            .expect("loaded")
            .iter()
            .filter_map(|r| matcher.fuzzy_match(&r.line, &folded).map(|s| (s, r.rowid)))
            .collect();
        best.sort_unstable_by(|a, b| b.cmp(a));
        best.truncate(limit);
        let score: HashMap<i64, i64> = best.iter().map(|(s, r)| (*r, *s)).collect();
        let rowids: Vec<i64> = best.iter().map(|(_, r)| *r).collect();
        let hits = store
            .rows_by_rowid(&rowids)?
            .into_iter()
            .map(|row| {
                let s = score.get(&row.rowid).copied().unwrap_or(0);
                into_hit(row, s, Vec::new(), 0)
            })
            .collect();
        Ok(order(hits, limit))
    }
}
