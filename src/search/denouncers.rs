//! Earlier denunciations found by their denouncer's name, ID or phone — for the desk only, and
//! without the index holding the denouncer in plaintext: the query's words are turned into the
//! same keyed blind tokens the index stores (see [`crate::secrecy`]), exact words and typo keys
//! apart, so a returning denouncer (Luật Tố cáo 2018, Điều 25) is recognised even when one side
//! is mistyped. A hit shows the code and "danh tính được bảo mật"; the identity itself only on the
//! petition's own screen, for a role that may see it. A store without the desk key — every
//! inspector's — matches nothing here.

use super::engine::into_hit;
use super::query::{Query, ime_decoded, typo_keys};
use super::rank::{IDENTIFIER_SCORE, Ranker, UNMATCHED_COST, enough_words, quality};
use super::{Hit, Reason};
use crate::error::Result;
use crate::search::index::petition_rowid;
use crate::secrecy::Blind;
use crate::store::Store;
use std::collections::HashMap;

/// Denunciations asked per token (newest first): a common word is in many.
const PER_TOKEN: usize = 400;

/// How a token relates to the query.
#[derive(Clone, Copy)]
enum Role {
    Identifier,
    /// Query word `i`, at this quality.
    Word(usize, u32),
}

/// The denunciations whose denouncer the query names, scored like a name match.
pub fn denouncer_hits(
    store: &Store,
    query: &Query,
    ranker: &Ranker,
    limit: usize,
) -> Result<Vec<Hit>> {
    let Some(key) = store.desk_key() else {
        return Ok(Vec::new());
    };
    if !store.role().may_reveal_identity() {
        return Ok(Vec::new());
    }
    let mut tokens: HashMap<String, Role> = HashMap::new();
    let mut add = |token: String, role: Role| {
        let keep = match (tokens.get(&token), role) {
            (Some(Role::Word(_, old)), Role::Word(_, new)) => new > *old,
            (Some(_), _) => false,
            (None, _) => true,
        };
        if keep {
            tokens.insert(token, role);
        }
    };
    if let Some(id) = &query.identifier {
        add(key.token(Blind::IdNumber, &id.digits), Role::Identifier);
        add(key.token(Blind::Phone, &id.digits), Role::Identifier);
        if let Some(phone) = &id.phone {
            add(key.token(Blind::Phone, phone), Role::Identifier);
        }
    } else {
        for (i, word) in query.words.iter().enumerate() {
            let forms: Vec<String> = std::iter::once(word.clone())
                .chain(ime_decoded(word))
                .collect();
            for form in &forms {
                if !form.chars().all(char::is_alphabetic) {
                    continue;
                }
                add(key.token(Blind::Word, form), Role::Word(i, quality::EXACT));
                // The record's word within a typo of this one: a key of either is the other,
                // or they share one.
                add(
                    key.token(Blind::TypoKey, form),
                    Role::Word(i, quality::TYPO),
                );
                for k in typo_keys(form) {
                    add(key.token(Blind::Word, &k), Role::Word(i, quality::TYPO));
                    add(key.token(Blind::TypoKey, &k), Role::Word(i, quality::TYPO));
                }
            }
        }
    }
    let list: Vec<String> = tokens.keys().cloned().collect();
    let n = query.words.len();
    // Per denunciation: identifier matched, and each word's best quality.
    let mut found: HashMap<i64, (bool, Vec<u32>, bool)> = HashMap::new();
    for (token, index_key) in store.denouncer_keys(&list, PER_TOKEN)? {
        let entry = found
            .entry(index_key)
            .or_insert_with(|| (false, vec![0; n], false));
        match tokens[&token] {
            Role::Identifier => entry.0 = true,
            Role::Word(i, q) => entry.1[i] = entry.1[i].max(q),
        }
    }
    // Words the denouncer's identity lacks may be in the denunciation's own subject (the commune
    // of "nguyen cong dat tra on", an official's post): looked up there, for the denunciations
    // whose denouncer matches two words or more.
    let short: Vec<i64> = found
        .iter()
        .filter(|(_, (identifier, grades, _))| {
            !identifier
                && grades.contains(&0)
                && grades.iter().filter(|g| **g >= quality::FOUND).count() >= 2
        })
        .map(|(key, _)| petition_rowid(*key))
        .collect();
    if !short.is_empty() {
        for row in store.rows_by_rowid(&short)? {
            if !crate::privacy::protects_identity(row.kind) {
                continue;
            }
            let key = crate::search::index::fts_key(row.received_on, row.rowid);
            if let Some((_, grades, from_subject)) = found.get_mut(&key) {
                for (i, grade) in grades.iter_mut().enumerate() {
                    if *grade == 0 {
                        // A subject word counts less than a word of the name.
                        *grade = ranker.word_in(i, &row.subject_folded) * 6 / 10;
                        *from_subject |= *grade > 0;
                    }
                }
            }
        }
    }
    let mut scored: Vec<(i64, i64)> = found
        .into_iter()
        .filter_map(|(index_key, (identifier, grades, from_subject))| {
            let score = if identifier {
                IDENTIFIER_SCORE
            } else {
                let unmatched = grades.iter().filter(|g| **g == 0).count();
                let firm = grades.iter().any(|g| *g >= quality::PREFIX_MIN);
                if n == 0 || !enough_words(n, unmatched, firm) {
                    return None;
                }
                // Every word in the denouncer's name, as a petition's filer ranks (ranking's
                // "all words in one field").
                let together = if unmatched == 0 && n > 1 && !from_subject {
                    250
                } else {
                    0
                };
                grades.iter().map(|g| i64::from(*g) * 10).sum::<i64>() / n as i64 + together
                    - UNMATCHED_COST * unmatched as i64
            };
            Some((score, index_key))
        })
        .collect();
    // Best first, then newest (smaller keys are newer).
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(limit);
    let score_of: HashMap<i64, i64> = scored
        .iter()
        .map(|(s, k)| (petition_rowid(*k), *s))
        .collect();
    let rowids: Vec<i64> = score_of.keys().copied().collect();
    let mut hits = Vec::new();
    for row in store.rows_by_rowid(&rowids)? {
        if !crate::privacy::protects_identity(row.kind) {
            continue;
        }
        let score = score_of[&row.rowid] + ranker.recency(row.received_on);
        hits.push(into_hit(row, score, vec![Reason::Denouncer], 0));
    }
    Ok(hits)
}
