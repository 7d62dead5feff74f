//! Repeat filings: the likely earlier petitions of one being typed at the desk (with the reason
//! for each), and clusters of likely repeats across the whole database for inspectors.
//!
//! A person is the same when the CCCD/CMND is the same; or the phone and a similar name; or a
//! similar name (typos, swapped or missing middle names) in the same commune. A matter is the same
//! when the subjects share their telling words (parcel and decision numbers above all) in the same
//! place, or when a petition is recorded as repeating another. Different ID numbers on both sides
//! are strong evidence of different people, not proof: a petition whose name and address or
//! subject match strongly is still shown, saying "CCCD khác" (flagged only when the phone agrees
//! too), or "CMND cũ" for an old 9-digit CMND beside a 12-digit CCCD (then name, place, subject
//! and phone decide, and the person model's own link counts as the same number).

use super::index::terms;
use super::query::{distance_within, sound_alikes, typo_distance};
use super::rows::RepeatRow;
use super::{Hit, Reason, engine::into_hit};
use crate::domain::{Id, PetitionKind, Status};
use crate::error::Result;
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
/// Words that say what kind of paper it is, not what it is about.
const STOPWORDS: &[&str] = &[
    "khieu", "nai", "to", "cao", "kien", "nghi", "phan", "anh", "don", "de", "viec", "cua", "ve",
    "tai", "va", "cho", "khong", "duoc", "doi", "voi", "lan", "hai", "dau", "so", "theo", "trong",
    "cac", "nhung", "mot", "da", "bi", "la", "co", "gia", "dinh", "ong", "ba", "toi", "chung",
    "xin", "yeu", "cau", "giai", "quyet", "xa", "phuong", "thon", "to", "ban", "tinh", "huyen",
    "thi", "tran", "khu", "quan", "ubnd", "uy", "nhan", "dan", "nam", "ngay", "thang", "o", "tu",
    "den", "nay", "khi", "can", "bo", "cong", "chuc", "quyet", "dinh", "thuc", "hien", "sau",
    "truoc", "hanh", "chinh", "ho", "nguoi", "dung",
];

fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

/// The telling words of a subject, each with a weight: numbers (parcels, sheets, decisions) weigh
/// most, then long words.
pub fn key_words(subject_folded: &str) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    for t in terms(subject_folded) {
        if is_stopword(t) || (t.len() < 2 && !t.chars().all(|c| c.is_ascii_digit())) {
            continue;
        }
        let weight = if t.chars().all(|c| c.is_ascii_digit()) {
            if t.len() == 4 && (t.starts_with("19") || t.starts_with("20")) {
                1
            } else {
                3
            }
        } else if t.len() >= 4 {
            2
        } else {
            1
        };
        if !out.iter().any(|(w, _)| w == t) {
            out.push((t.to_string(), weight));
        }
    }
    out
}

/// How much two subjects are about the same thing, 0.0 to 1.0: shared telling words (a typo
/// allowed in long ones), half by Jaccard, half by overlap with the shorter one.
pub fn subject_similarity(a: &[(String, u32)], b: &[(String, u32)]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let total = |s: &[(String, u32)]| s.iter().map(|(_, w)| *w as f64).sum::<f64>();
    let shared: f64 = a
        .iter()
        .filter(|(w, _)| {
            b.iter().any(|(v, _)| {
                v == w
                    || (w.len() >= 5
                        && w.chars().all(char::is_alphabetic)
                        && distance_within(w, v, 1).is_some())
            })
        })
        .map(|(_, weight)| *weight as f64)
        .sum();
    let (ta, tb) = (total(a), total(b));
    let jaccard = shared / (ta + tb - shared).max(1.0);
    let overlap = shared / ta.min(tb).max(1.0);
    let similarity = (0.5 * jaccard + 0.5 * overlap).min(1.0);
    // Both name numbers (a parcel, a decision, a year) and none agree: another matter of a kind.
    let numbers = |s: &[(String, u32)]| -> Vec<String> {
        s.iter()
            .filter(|(w, _)| w.chars().all(|c| c.is_ascii_digit()))
            .map(|(w, _)| w.clone())
            .collect()
    };
    let (na, nb) = (numbers(a), numbers(b));
    if !na.is_empty() && !nb.is_empty() && !na.iter().any(|n| nb.contains(n)) {
        return similarity * 0.3;
    }
    similarity
}

/// Whether two folded syllables may be the same one mistyped or heard differently: one slip in a
/// word of three letters or more ("vn" for "van", "ngia" for "nghia", "ha" for "hanh", a final
/// nh/ng/ch counting as one), or a sound-alike spelling.
fn syllables_alike(a: &str, b: &str) -> bool {
    if a == b || sound_alikes(a).iter().any(|s| s == b) {
        return true;
    }
    if a.len().max(b.len()) < 3 || typo_distance(a, b, 1).is_none() {
        return false;
    }
    // A typo keeps the first letter unless it dropped it: "hung" and "dung" are two names,
    // "uong" is "duong" with its first letter lost.
    a.chars().next() == b.chars().next() || a.get(1..) == Some(b) || b.get(1..) == Some(a)
}

/// How alike two folded full names are, 0.0 to 1.0. Surname and given name (first and last
/// syllables) must agree up to a typo; middle names may be swapped, mistyped or missing.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let x: Vec<&str> = terms(a).collect();
    let y: Vec<&str> = terms(b).collect();
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    if x == y {
        return 1.0;
    }
    let (xs, ys) = (x[0], y[0]);
    let (xg, yg) = (x[x.len() - 1], y[y.len() - 1]);
    if x.len() == 1 || y.len() == 1 {
        return if syllables_alike(xg, yg) { 0.6 } else { 0.0 };
    }
    if !syllables_alike(xg, yg) || !syllables_alike(xs, ys) {
        // Given name first ("Khai Nguyễn Thị Minh") or the surname dropped: compare as sets.
        let (short, long) = if x.len() <= y.len() {
            (&x, &y)
        } else {
            (&y, &x)
        };
        let found = short
            .iter()
            .filter(|s| long.iter().any(|l| syllables_alike(s, l)))
            .count();
        return if found == short.len() && short.len() >= 2 && short.len() == long.len() {
            0.85
        } else {
            0.0
        };
    }
    let mut score: f64 = if xs == ys && xg == yg { 1.0 } else { 0.9 };
    let xm = &x[1..x.len() - 1];
    let ym = &y[1..y.len() - 1];
    let matched = xm
        .iter()
        .filter(|m| ym.iter().any(|n| syllables_alike(m, n)))
        .count();
    let most = xm.len().max(ym.len());
    if most > 0 {
        let missing = most - matched;
        let unmatched_both = xm.len().min(ym.len()).saturating_sub(matched);
        // A middle name missing on one side costs little; two different middle names cost more.
        score -= 0.08 * missing as f64 + 0.25 * unmatched_both as f64;
    }
    score.max(0.0)
}

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

/// A commune as a comparable key: "xa cam xuyen" and "cam xuyen" are the same commune.
fn commune_key(folded: &str) -> String {
    let mut key = folded.trim();
    for prefix in ["xa ", "phuong ", "thi tran ", "dac khu "] {
        if let Some(rest) = key.strip_prefix(prefix) {
            key = rest;
        }
    }
    key.to_string()
}

/// Index alternatives for a complete word: itself, typo and sound-alike spellings in the index.
fn word_expression(store: &Store, word: &str) -> Result<String> {
    let mut alts = vec![format!("\"{word}\"")];
    let mut known = super::engine::neighbours(store, word)?;
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
    let subject_sim = subject_similarity(
        &probe.subject,
        &super::repeats::key_words(&row.subject_folded),
    );
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
    let mut list: Vec<Candidate> = best.into_values().collect();
    list.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.received_on.cmp(&a.received_on))
            .then(a.code.cmp(&b.code))
    });
    list.truncate(20);
    Ok(list)
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
        let query = super::query::Query::parse(typed);
        if query.is_empty() {
            continue;
        }
        let ranker = super::rank::Ranker::new(&query, today);
        for hit in super::denouncers::denouncer_hits(store, &query, &ranker, PER_QUERY / 3)? {
            let matched = hit.score - ranker.recency(hit.received_on);
            let evidence = if matched >= super::rank::IDENTIFIER_SCORE {
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

/// What ties a cluster together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterKind {
    /// One person filing again and again.
    Person,
    /// One matter filed again (by the same or by several people, or recorded as repeats).
    Matter,
    Both,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    pub kind: ClusterKind,
    pub count: usize,
    pub codes: Vec<String>,
    pub first_on: NaiveDate,
    pub latest_on: NaiveDate,
    /// How many distinct citizen records filed them (denunciations' filers are not counted).
    pub people: usize,
    /// A filer's name to show (None when every petition is a denunciation or anonymous).
    pub name: Option<String>,
    pub subject: String,
    pub open: usize,
    pub final_resolved: bool,
    /// "4 đơn cùng nội dung, gần nhất 12/03/2026, đã giải quyết hết thẩm quyền".
    pub summary: String,
}

struct Dsu {
    parent: Vec<u32>,
}

impl Dsu {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b) as usize] = a.min(b);
        }
    }
}

/// The numbers of a subject that pin a matter down (parcel, sheet, decision), as one key.
fn matter_numbers(subject_folded: &str) -> Option<String> {
    let numbers: Vec<&str> = terms(subject_folded)
        .filter(|t| {
            t.chars().all(|c| c.is_ascii_digit())
                && !(t.len() == 4 && (t.starts_with("19") || t.starts_with("20")))
        })
        .collect();
    (numbers.len() >= 2).then(|| numbers.join("-"))
}

/// A name filed from this many communes or more is a common one.
const COMMON_NAME_PLACES: usize = 3;

/// One person's first petition under a name and a commune ([`repeat_clusters`]).
struct PlaceEntry {
    index: u32,
    /// The folded name, hashed.
    name: u64,
    /// The ID number's length (9: CMND, 12: CCCD) and hash.
    id_number: Option<(u8, u64)>,
    /// The subject's matter numbers, hashed.
    matter: Option<u64>,
}

fn hash_of(parts: &[&str]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// Clusters of `min` or more petitions that are likely repeats, biggest first. Streams the
/// database once, keeping a few integers per petition.
pub fn repeat_clusters(store: &Store, min: usize) -> Result<Vec<Cluster>> {
    struct Slim {
        rowid: i64,
        citizen: u32,
        protected: bool,
        /// A repeat link to or from it ties a denunciation to a named person: followed only
        /// for those handling denunciations.
        denunciation: bool,
    }
    let follow_denunciations = store.role().may_reveal_identity();
    let mut slim: Vec<Slim> = Vec::new();
    let mut by_petition: HashMap<Id, u32> = HashMap::new();
    let mut repeat_links: Vec<(u32, Id)> = Vec::new();
    let mut citizens: HashMap<Id, u32> = HashMap::new();
    let mut first_of_citizen: Vec<u32> = Vec::new();
    // Per name and commune: the first petition of each person filed under it, with the person's
    // ID number (hashed, with its length) and the subject's matter numbers (hashed).
    let mut person_keys: HashMap<u64, Vec<PlaceEntry>> = HashMap::new();
    // Per name: the communes it is filed from (up to COMMON_NAME_PLACES): a name filed from
    // that many places is a common name, and the same name in one commune is not yet one person.
    let mut name_places: HashMap<u64, Vec<u64>> = HashMap::new();
    let mut phone_names: HashMap<String, Vec<(String, u32)>> = HashMap::new();
    let mut matter_keys: HashMap<u64, u32> = HashMap::new();
    let mut person_links: Vec<(u32, u32)> = Vec::new();
    let mut matter_links: Vec<(u32, u32)> = Vec::new();
    store.repeat_rows(|row: RepeatRow| {
        let index = match by_petition.get(&row.petition_id) {
            Some(i) => *i,
            None => {
                let i = slim.len() as u32;
                by_petition.insert(row.petition_id, i);
                slim.push(Slim {
                    rowid: row.rowid,
                    citizen: u32::MAX,
                    protected: row.citizen_id.is_none(),
                    denunciation: crate::privacy::protects_identity(row.kind),
                });
                if let Some(earlier) = row.repeat_of {
                    repeat_links.push((i, earlier));
                }
                let place = row
                    .commune_folded
                    .as_deref()
                    .map(commune_key)
                    .unwrap_or_default();
                if let Some(numbers) = matter_numbers(&row.subject_folded)
                    && !place.is_empty()
                {
                    let key = hash_of(&[&numbers, &place]);
                    match matter_keys.get(&key) {
                        Some(first) => matter_links.push((*first, i)),
                        None => {
                            matter_keys.insert(key, i);
                        }
                    }
                }
                i
            }
        };
        let Some(citizen) = row.citizen_id else {
            return;
        };
        let next = citizens.len() as u32;
        let c = *citizens.entry(citizen).or_insert(next);
        if c == next {
            first_of_citizen.push(index);
            let name = row.name_folded.clone().unwrap_or_default();
            if let Some(commune) = row
                .commune_folded
                .as_deref()
                .map(commune_key)
                .filter(|c| !c.is_empty())
            {
                let places = name_places.entry(hash_of(&[&name])).or_default();
                let place = hash_of(&[&commune]);
                if places.len() < COMMON_NAME_PLACES && !places.contains(&place) {
                    places.push(place);
                }
                person_keys
                    .entry(hash_of(&[&name, &commune]))
                    .or_default()
                    .push(PlaceEntry {
                        index,
                        name: hash_of(&[&name]),
                        id_number: row
                            .id_number
                            .as_deref()
                            .filter(|n| !n.is_empty())
                            .map(|n| (n.len() as u8, hash_of(&[n]))),
                        matter: matter_numbers(&row.subject_folded).map(|m| hash_of(&[&m])),
                    });
            }
            if let Some(phone) = &row.phone {
                let list = phone_names.entry(phone.clone()).or_default();
                if let Some((_, first)) =
                    list.iter().find(|(n, _)| name_similarity(n, &name) >= 0.85)
                {
                    person_links.push((*first, index));
                } else if list.len() < 8 {
                    list.push((name, index));
                }
            }
        } else {
            person_links.push((first_of_citizen[c as usize], index));
        }
        if slim[index as usize].citizen == u32::MAX {
            slim[index as usize].citizen = c;
        }
    })?;
    // The same name in the same commune: one person unless their ID numbers (of one kind)
    // differ; for a common name only when the matter is the same too (different people named
    // Nguyễn Văn Hùng in one commune are not one person; on one matter they are a matter cluster).
    for entries in person_keys.values() {
        let Some(first) = entries.first() else {
            continue;
        };
        let common = name_places
            .get(&first.name)
            .is_some_and(|p| p.len() >= COMMON_NAME_PLACES);
        for other in &entries[1..] {
            let other_id = matches!(
                (first.id_number, other.id_number),
                (Some((la, a)), Some((lb, b))) if la == lb && a != b
            );
            let same_matter = first.matter.is_some() && first.matter == other.matter;
            if !other_id && (!common || same_matter) {
                person_links.push((first.index, other.index));
            }
        }
    }
    drop(person_keys);
    drop(name_places);
    drop(phone_names);
    drop(matter_keys);
    let n = slim.len();
    let mut person = Dsu {
        parent: (0..n as u32).collect(),
    };
    let mut all = Dsu {
        parent: (0..n as u32).collect(),
    };
    for (a, b) in &person_links {
        person.union(*a, *b);
        all.union(*a, *b);
    }
    let mut matter = vec![false; n];
    for (i, earlier) in &repeat_links {
        if let Some(e) = by_petition.get(earlier)
            && (follow_denunciations
                || !(slim[*i as usize].denunciation || slim[*e as usize].denunciation))
        {
            all.union(*i, *e);
            matter[*i as usize] = true;
            matter[*e as usize] = true;
        }
    }
    for (a, b) in &matter_links {
        all.union(*a, *b);
        matter[*a as usize] = true;
        matter[*b as usize] = true;
    }
    let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
    for i in 0..n as u32 {
        members.entry(all.find(i)).or_default().push(i);
    }
    let mut groups: Vec<Vec<u32>> = members
        .into_values()
        .filter(|m| m.len() >= min.max(2))
        .collect();
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let mut clusters = Vec::with_capacity(groups.len());
    for group in groups {
        let rowids: Vec<i64> = group.iter().map(|i| slim[*i as usize].rowid).collect();
        let facts = store.codes_by_rowid(&rowids)?;
        let mut list: Vec<_> = rowids.iter().filter_map(|r| facts.get(r)).collect();
        list.sort_by(|a, b| a.received_on.cmp(&b.received_on).then(a.code.cmp(&b.code)));
        let Some(last) = list.last() else { continue };
        let roots: std::collections::HashSet<u32> = group.iter().map(|i| person.find(*i)).collect();
        let by_person = roots.len() == 1 && !slim[group[0] as usize].protected;
        let by_matter = group.iter().any(|i| matter[*i as usize]);
        let kind = match (by_person, by_matter) {
            (true, true) => ClusterKind::Both,
            (true, false) => ClusterKind::Person,
            _ => ClusterKind::Matter,
        };
        let people: std::collections::HashSet<u32> = group
            .iter()
            .map(|i| slim[*i as usize].citizen)
            .filter(|c| *c != u32::MAX)
            .collect();
        let final_resolved = list.iter().any(|f| f.is_final());
        let open = list.iter().filter(|f| !f.status.is_closed()).count();
        let summary = super::groups::chain_text(
            list.len(),
            last.received_on,
            final_resolved,
            open == 0,
            crate::i18n::Lang::Vi,
        );
        let name = match by_person {
            true => store
                .rows_by_rowid(&[rowids[0]])?
                .into_iter()
                .find_map(|r| r.citizen_name),
            false => None,
        };
        clusters.push(Cluster {
            kind,
            count: list.len(),
            codes: list.iter().map(|f| f.code.clone()).collect(),
            first_on: list[0].received_on,
            latest_on: last.received_on,
            people: people.len(),
            name,
            subject: last.subject.clone(),
            open,
            final_resolved,
            summary,
        });
    }
    Ok(clusters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_alike_up_to_typos_order_and_missing_middle_names() {
        let s = |a: &str, b: &str| name_similarity(&fold(a), &fold(b));
        assert_eq!(s("Nguyễn Thị Minh Khai", "nguyen thi minh khai"), 1.0);
        assert!(s("Nguyễn Thị Minh Khai", "Nguyen Thi Min Khai") >= 0.75);
        assert!(
            s("Nguyễn Thị Minh Khai", "Nguyễn Minh Thị Khai") >= 0.75,
            "swapped middle names"
        );
        assert!(
            s("Nguyễn Thị Minh Khai", "Nguyễn Minh Khai") >= 0.75,
            "a middle name left out"
        );
        assert!(
            s("Nguyễn Văn Hùng", "Nguyễn Văn Hunng") >= 0.75,
            "a one-letter typo"
        );
        assert!(s("Nguyễn Văn Hùng", "Trần Văn Hùng") < 0.75);
        assert!(s("Nguyễn Văn Hùng", "Nguyễn Văn Dũng") < 0.75);
        assert!(
            s("Nguyễn Văn Hùng", "Nguyễn Thị Hùng") < 0.75,
            "another middle name"
        );
    }

    #[test]
    fn subjects_about_the_same_parcel_are_alike() {
        let k = |s: &str| key_words(&fold(s));
        let a = k("Khiếu nại quyết định thu hồi đất thửa số 125, tờ bản đồ số 12 tại thôn 3");
        let b = k("Đề nghị xem xét lại việc thu hồi đất thửa 125 tờ bản đồ 12");
        let c = k("Kiến nghị sửa chữa đường liên thôn bị xuống cấp");
        assert!(
            subject_similarity(&a, &b) >= 0.5,
            "{}",
            subject_similarity(&a, &b)
        );
        assert!(subject_similarity(&a, &c) < 0.2);
    }
}
