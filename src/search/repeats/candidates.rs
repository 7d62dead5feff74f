//! The earlier petitions the one being typed at the desk may repeat, each with its reasons: same
//! ID number, phone, a similar name in the same commune, a similar subject; returning denouncers
//! matched blind.

use super::similarity::{commune_key, is_stopword, key_words, name_similarity, subject_similarity};
use crate::domain::{Id, PetitionKind, Status};
use crate::error::Result;
use crate::search::index::terms;
use crate::search::{Hit, Reason, engine::into_hit};
use crate::store::{SearchRow, Store};
use crate::text::fold;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What the new-visit form knows so far; blank fields are unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartialPetition {
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub address: String,
    /// The xã/phường, if typed apart from the address (else parsed from it).
    pub commune: String,
    pub subject: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub code: String,
    pub reasons: Vec<Reason>,
    pub score: i64,
    pub status: Status,
    /// Likely the same person on the same matter, or the same matter from the same place: the
    /// form should say so before the petition is saved.
    pub likely_repeat: bool,
    pub kind: PetitionKind,
    /// None when anonymous or a denunciation (identity protected).
    pub citizen_name: Option<String>,
    pub subject: String,
    pub received_on: NaiveDate,
}

/// At or above this score a candidate is flagged as a likely repeat.
pub const LIKELY: i64 = 75;

struct Probe {
    name: String,
    id_number: Option<String>,
    phone: Option<String>,
    commune: Option<String>,
    address_words: Vec<String>,
    subject: Vec<(String, u32)>,
}

impl Probe {
    fn new(form: &PartialPetition) -> Probe {
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        let id_number = crate::validate::id_number(&form.id_number)
            .ok()
            .flatten()
            .or_else(|| Some(digits(&form.id_number)).filter(|d| d.len() == 9 || d.len() == 12));
        let phone = crate::validate::phone(&form.phone).ok().flatten();
        let commune = Some(form.commune.trim())
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .or_else(|| crate::intake::parse_address(&form.address).1)
            .map(|c| commune_key(&fold(&c)));
        Probe {
            name: fold(&form.name),
            id_number,
            phone,
            commune,
            address_words: terms(&fold(&form.address))
                .filter(|w| !is_stopword(w))
                .map(str::to_string)
                .collect(),
            subject: key_words(&fold(&form.subject)),
        }
    }
}

/// Index alternatives for a complete word: itself, typo and sound-alike spellings in the index.
fn word_expression(store: &Store, word: &str) -> Result<String> {
    let mut alts = vec![format!("\"{word}\"")];
    let mut known = crate::search::engine::neighbours(store, word)?;
    known.truncate(24);
    alts.extend(known.into_iter().map(|k| format!("\"{k}\"")));
    Ok(format!("({})", alts.join(" OR ")))
}

const PER_QUERY: usize = 300;

/// The earlier petitions worth judging, and the persons (as the person model links them) who gave
/// the form's ID number: each of their petitions is theirs under whatever ID it carries.
fn gather(store: &Store, probe: &Probe) -> Result<(Vec<SearchRow>, HashSet<Id>)> {
    let mut rows = Vec::new();
    let mut holders = HashSet::new();
    if let Some(number) = &probe.id_number {
        let found = store.rows_by_identifier(number, PER_QUERY)?;
        holders.extend(
            found
                .iter()
                .filter(|r| r.id_number.as_ref() == Some(number))
                .filter_map(|r| r.citizen_id),
        );
        rows.extend(found);
    }
    if let Some(number) = &probe.phone {
        rows.extend(store.rows_by_identifier(number, PER_QUERY)?);
    }
    let name: Vec<&str> = terms(&probe.name).collect();
    if !name.is_empty() {
        // Surname and given name must be there (up to typos); middle names may differ or be missing.
        let mut parts = vec![word_expression(store, name[name.len() - 1])?];
        if name.len() > 1 {
            parts.push(word_expression(store, name[0])?);
        }
        let keys = store.index_match(&format!("{{who}} : ({})", parts.join(" AND ")), PER_QUERY)?;
        rows.extend(store.rows_by_rowid(&keys)?);
    }
    if !probe.subject.is_empty() {
        let mut words: Vec<&(String, u32)> = probe.subject.iter().collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.len().cmp(&a.0.len())));
        let top: Vec<String> = words
            .iter()
            .take(4)
            .map(|(w, _)| format!("\"{w}\""))
            .collect();
        // Any two of the most telling words, in the subject.
        let mut pairs = Vec::new();
        for i in 0..top.len() {
            for j in i + 1..top.len() {
                pairs.push(format!("({} AND {})", top[i], top[j]));
            }
        }
        if pairs.is_empty() {
            pairs.push(top.join(""));
        }
        let expression = format!("{{what}} : ({})", pairs.join(" OR "));
        let place: Vec<String> = probe
            .commune
            .iter()
            .flat_map(|c| terms(c).map(|t| format!("\"{t}\"")).collect::<Vec<_>>())
            .collect();
        if !place.is_empty() {
            let with_place = format!(
                "{expression} AND {{place what}} : ({})",
                place.join(" AND ")
            );
            rows.extend(store.rows_by_rowid(&store.index_match(&with_place, PER_QUERY)?)?);
        }
        rows.extend(store.rows_by_rowid(&store.index_match(&expression, PER_QUERY / 3)?)?);
    }
    Ok((rows, holders))
}

/// Scores one earlier petition against the form; None when nothing ties them.
fn judge(probe: &Probe, holders: &HashSet<Id>, row: &SearchRow) -> Option<(i64, Vec<Reason>)> {
    if row.status == Status::Voided {
        // Entered by mistake: kept and shown, never a petition anyone repeats.
        return None;
    }
    let mut score = 0.0;
    let mut reasons = Vec::new();
    let protected = crate::privacy::protects_identity(row.kind);
    let mut same_person = false;
    // Another ID number than the form's, and what kind of difference it is.
    let mut other_id = None;
    if !protected {
        match (&probe.id_number, &row.id_number) {
            (Some(a), Some(b)) if a == b => {
                score += 100.0;
                same_person = true;
                reasons.push(Reason::SameIdNumber);
            }
            (Some(a), Some(b)) => {
                let reason = id_difference(a, b);
                if row.citizen_id.is_some_and(|p| holders.contains(&p)) {
                    // The person model already links this petition to the holder of the form's
                    // number (an old CMND beside the new CCCD, a corrected typo).
                    score += 100.0;
                    same_person = true;
                    reasons.push(reason);
                } else {
                    other_id = Some(reason);
                }
            }
            _ => {}
        }
        let name_sim = match &row.name_folded {
            Some(name) if !probe.name.is_empty() => name_similarity(&probe.name, name),
            _ => 0.0,
        };
        if probe.phone.is_some() && probe.phone == row.phone {
            reasons.push(Reason::SamePhone);
            // Families share a phone: the phone alone is a hint, with a similar name a person.
            score += if name_sim >= 0.75 { 45.0 } else { 25.0 };
            same_person |= name_sim >= 0.75;
        }
        if name_sim >= 0.75 {
            reasons.push(Reason::SimilarName);
            score += 45.0 * name_sim;
        }
    }
    let row_commune = row.commune.as_deref().map(|c| commune_key(&fold(c)));
    let same_commune = match (&probe.commune, &row_commune) {
        (Some(a), Some(b)) => Some(a == b),
        _ => {
            // No parsed commune on one side: compare the addresses' words.
            match &row.address_folded {
                Some(address) if probe.address_words.len() >= 2 => {
                    let theirs: Vec<&str> = terms(address).filter(|w| !is_stopword(w)).collect();
                    let shared = probe
                        .address_words
                        .iter()
                        .filter(|w| theirs.contains(&w.as_str()))
                        .count();
                    Some(shared * 2 >= probe.address_words.len().min(theirs.len()).max(1))
                }
                _ => None,
            }
        }
    };
    // The place of a denunciation's filer is secret; its subject may still name the place.
    let subject_place = probe
        .commune
        .as_ref()
        .is_some_and(|c| !c.is_empty() && row.subject_folded.contains(c.as_str()));
    let subject_sim = subject_similarity(&probe.subject, &key_words(&row.subject_folded));
    match same_commune {
        Some(true) if !protected => {
            score += 20.0;
            reasons.push(Reason::SameCommune);
        }
        Some(false) if !protected && !same_person => score -= 35.0,
        _ if subject_place => {
            score += 10.0;
            reasons.push(Reason::SameCommune);
        }
        _ => {}
    }
    if subject_sim >= 0.35 {
        score += 55.0 * subject_sim;
        reasons.push(Reason::SimilarSubject);
    }
    // A differing ID number is strong evidence of another person, not proof: it never hides a
    // petition whose name and address or subject match strongly — it is shown, saying why.
    let mut capped = false;
    if let Some(reason) = other_id {
        let name_strong = reasons.contains(&Reason::SimilarName);
        let place_or_matter =
            reasons.contains(&Reason::SameCommune) || reasons.contains(&Reason::SimilarSubject);
        if name_strong && place_or_matter {
            reasons.push(reason);
            // Two CCCDs (or two CMNDs) that differ are two people unless the phone says
            // otherwise: shown, not flagged. An old CMND beside a new CCCD says nothing either
            // way: the name, place, subject and phone decide.
            capped = reason == Reason::OtherIdNumber && !reasons.contains(&Reason::SamePhone);
        } else {
            score -= 100.0;
        }
    }
    if reasons.is_empty() || score <= 0.0 {
        return None;
    }
    if capped {
        score = score.min(LIKELY as f64 - 1.0);
    }
    // A likely repeat is this person's earlier filing: without the ID, the phone or the name
    // pointing at the person, the same matter from the same place (a group splitting one
    // grievance) is shown with its reasons but not flagged — `tiepdan repeats` lists those.
    let person = same_person
        || reasons.iter().any(|r| {
            matches!(
                r,
                Reason::SameIdNumber | Reason::SamePhone | Reason::SimilarName
            )
        });
    if !person {
        score = score.min(LIKELY as f64 - 1.0);
    }
    Some(((score * 1.0).round() as i64, reasons))
}

/// How two different ID numbers differ: an old 9-digit CMND beside a 12-digit CCCD, or two
/// numbers of one kind.
fn id_difference(a: &str, b: &str) -> Reason {
    if a.len() != b.len() && [a.len(), b.len()].contains(&9) {
        Reason::OldIdNumber
    } else {
        Reason::OtherIdNumber
    }
}

/// The earlier petitions the one being typed may repeat, most likely first, each with its reasons.
pub fn repeat_candidates(store: &Store, form: &PartialPetition) -> Result<Vec<Candidate>> {
    let probe = Probe::new(form);
    let (rows, holders) = gather(store, &probe)?;
    let mut best: HashMap<String, Candidate> = HashMap::new();
    for row in rows {
        let Some((score, mut reasons)) = judge(&probe, &holders, &row) else {
            continue;
        };
        reasons.sort();
        reasons.dedup();
        let hit = into_hit(row, score, reasons, 0);
        let candidate = Candidate {
            likely_repeat: hit.score >= LIKELY,
            code: hit.code,
            reasons: hit.reasons,
            score: hit.score,
            status: hit.status,
            kind: hit.kind,
            citizen_name: hit.citizen_name,
            subject: hit.subject,
            received_on: hit.received_on,
        };
        match best.get(&candidate.code) {
            Some(existing) if existing.score >= candidate.score => {}
            _ => {
                best.insert(candidate.code.clone(), candidate);
            }
        }
    }
    for candidate in returning_denouncer(store, form, &probe)? {
        absorb(&mut best, candidate);
    }
    Ok(most_likely(best, 20))
}

/// The possible repeats for every citizen of one visit (a group lists several), each earlier
/// petition once with all its reasons, most likely first, at most `shown`.
pub fn repeat_candidates_of_visit(
    store: &Store,
    forms: &[PartialPetition],
    shown: usize,
) -> Result<Vec<Candidate>> {
    let mut best: HashMap<String, Candidate> = HashMap::new();
    for form in forms {
        for candidate in repeat_candidates(store, form)? {
            absorb(&mut best, candidate);
        }
    }
    Ok(most_likely(best, shown))
}

/// Keeps one candidate per earlier petition: the best score, every reason found for it.
fn absorb(best: &mut HashMap<String, Candidate>, candidate: Candidate) {
    match best.get_mut(&candidate.code) {
        Some(kept) => {
            if candidate.score > kept.score {
                kept.score = candidate.score;
                kept.likely_repeat = candidate.likely_repeat;
            }
            for reason in candidate.reasons {
                if !kept.reasons.contains(&reason) {
                    kept.reasons.push(reason);
                }
            }
            kept.reasons.sort();
        }
        None => {
            best.insert(candidate.code.clone(), candidate);
        }
    }
}

/// The `keep` most likely, highest score first, then the newest.
fn most_likely(best: HashMap<String, Candidate>, keep: usize) -> Vec<Candidate> {
    let mut list: Vec<Candidate> = best.into_values().collect();
    list.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.received_on.cmp(&a.received_on))
            .then(a.code.cmp(&b.code))
    });
    list.truncate(keep);
    list
}

/// A name match through the blind index at or above this is every word of the name (a typo or
/// two allowed); below it, a word is missing.
const DENOUNCER_WHOLE_NAME: i64 = 950;

/// Earlier denunciations by the denouncer the form names (Luật Tố cáo 2018, Điều 25: no new thụ
/// lý without new facts), matched blind by name, ID number or phone through the desk's keyed
/// index: the candidate says "người tố cáo trùng (danh tính được bảo mật)" and never who. Nothing
/// for a role that may not see denouncers, or a store without the desk key.
fn returning_denouncer(
    store: &Store,
    form: &PartialPetition,
    probe: &Probe,
) -> Result<Vec<Candidate>> {
    if store.desk_key().is_none() {
        return Ok(Vec::new());
    }
    let today = chrono::Local::now().date_naive();
    let mut found: HashMap<String, (f64, Hit)> = HashMap::new();
    for typed in [&form.name, &form.id_number, &form.phone] {
        let query = crate::search::query::Query::parse(typed);
        if query.is_empty() {
            continue;
        }
        let ranker = crate::search::rank::Ranker::new(&query, today);
        for hit in crate::search::denouncers::denouncer_hits(store, &query, &ranker, PER_QUERY / 3)?
        {
            if hit.status == Status::Voided {
                continue;
            }
            let matched = hit.score - ranker.recency(hit.received_on);
            let evidence = if matched >= crate::search::rank::IDENTIFIER_SCORE {
                100.0
            } else if matched >= DENOUNCER_WHOLE_NAME {
                45.0
            } else {
                continue;
            };
            let kept = found.entry(hit.code.clone()).or_insert((0.0, hit));
            kept.0 = kept.0.max(evidence);
        }
    }
    let mut out = Vec::new();
    for (_, (evidence, hit)) in found {
        let mut reasons = vec![Reason::Denouncer];
        let mut score = evidence;
        let subject_sim = subject_similarity(&probe.subject, &key_words(&fold(&hit.subject)));
        if subject_sim >= 0.35 {
            score += 55.0 * subject_sim;
            reasons.push(Reason::SimilarSubject);
        }
        reasons.sort();
        let score = score.round() as i64;
        out.push(Candidate {
            likely_repeat: score >= LIKELY,
            code: hit.code,
            reasons,
            score,
            status: hit.status,
            kind: hit.kind,
            citizen_name: None,
            subject: hit.subject,
            received_on: hit.received_on,
        });
    }
    Ok(out)
}
