//! How good the repeat finder is, on a labelled fixture (fixtures/repeats/petitions.csv, written
//! by fixtures/repeats/generate.py): clusters of one person filing one matter again — diacritics
//! dropped, NFD, one-letter typos, swapped or missing middle names, phones in other formats, the
//! CCCD on some visits only, paraphrased subjects — among distractors that share the common names.
//!
//! Each petition is put to `repeat_candidates` as if it were being typed at the desk (its own
//! record excluded). recall@5: of the cluster mates each member could show in five places, how
//! many it shows. False flags: candidates flagged as likely repeats that are not cluster mates.

use chrono::NaiveDate;
use std::collections::HashMap;
use tiepdan::intake::{CitizenForm, IntakeForm};
use tiepdan::policy::Policy;
use tiepdan::search::{PartialPetition, repeat_candidates, search};
use tiepdan::store::Store;

#[derive(Debug, Clone, serde::Deserialize)]
struct Row {
    cluster: String,
    name: String,
    id_number: String,
    phone: String,
    address: String,
    kind: String,
    subject: String,
    received_on: String,
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn load() -> (Store, Vec<(Row, String)>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/repeats/petitions.csv"
    );
    let mut reader = csv::Reader::from_path(path).unwrap();
    let rows: Vec<Row> = reader.deserialize().map(|r| r.unwrap()).collect();
    assert!(
        rows.len() >= 300,
        "the fixture has {} petitions",
        rows.len()
    );
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let mut stored = Vec::new();
    for row in rows {
        let form = IntakeForm {
            citizens: vec![CitizenForm {
                name: row.name.clone(),
                id_number: row.id_number.clone(),
                phone: row.phone.clone(),
                address: row.address.clone(),
                ..Default::default()
            }],
            kind: row.kind.clone(),
            subject: row.subject.clone(),
            received_on: row.received_on.clone(),
            ..Default::default()
        };
        let intake = form
            .validate(today(), today().and_hms_opt(9, 0, 0).unwrap())
            .unwrap();
        let code = store.log_intake(intake, today()).unwrap().petition_code;
        stored.push((row, code));
    }
    (store, stored)
}

#[test]
fn repeat_candidates_find_cluster_mates_and_rarely_flag_strangers() {
    let (store, stored) = load();
    let mut mates: HashMap<&str, Vec<&str>> = HashMap::new();
    for (row, code) in &stored {
        if !row.cluster.is_empty() {
            mates
                .entry(row.cluster.as_str())
                .or_default()
                .push(code.as_str());
        }
    }
    let (mut found, mut possible) = (0usize, 0usize);
    let (mut flagged, mut false_flags) = (0usize, 0usize);
    let mut strangers_flagged = 0usize;
    let mut strangers = 0usize;
    let mut misses = Vec::new();
    for (row, code) in &stored {
        let form = PartialPetition {
            name: row.name.clone(),
            id_number: row.id_number.clone(),
            phone: row.phone.clone(),
            address: row.address.clone(),
            commune: String::new(),
            subject: row.subject.clone(),
        };
        let candidates: Vec<_> = repeat_candidates(&store, &form)
            .unwrap()
            .into_iter()
            .filter(|c| c.code != *code)
            .collect();
        let own: Vec<&str> = if row.cluster.is_empty() {
            Vec::new()
        } else {
            mates[row.cluster.as_str()]
                .iter()
                .copied()
                .filter(|m| m != code)
                .collect()
        };
        if !own.is_empty() {
            let top: Vec<&str> = candidates.iter().take(5).map(|c| c.code.as_str()).collect();
            let hit = own.iter().filter(|m| top.contains(m)).count();
            let want = own.len().min(5);
            found += hit.min(want);
            possible += want;
            if hit < want {
                misses.push(format!("{} {:?}: {hit}/{want}", row.cluster, row.name));
            }
        } else {
            strangers += 1;
        }
        let mut stranger_flagged = false;
        for c in candidates.iter().filter(|c| c.likely_repeat) {
            flagged += 1;
            if !own.contains(&c.code.as_str()) {
                false_flags += 1;
                if std::env::var_os("SHOW_FALSE").is_some() {
                    let other = stored.iter().find(|(_, k)| *k == c.code).unwrap();
                    println!(
                        "FALSE {} {:?} | {:?} {:?} | {:?} {:?} {:?}",
                        c.score,
                        c.reasons,
                        row.name,
                        row.address,
                        other.0.name,
                        other.0.address,
                        (&row.subject, &other.0.subject)
                    );
                }
                stranger_flagged |= own.is_empty();
            }
        }
        strangers_flagged += usize::from(stranger_flagged);
    }
    let recall = found as f64 / possible as f64;
    let false_share = false_flags as f64 / flagged.max(1) as f64;
    println!(
        "repeat fixture: {} petitions, {} clusters; recall@5 = {recall:.3} ({found}/{possible}); \
         false repeat flags = {false_share:.3} ({false_flags}/{flagged} flagged); \
         distractors flagged as repeats: {strangers_flagged}/{strangers}",
        stored.len(),
        mates.len()
    );
    for miss in misses.iter().take(15) {
        println!("  missed: {miss}");
    }
    assert!(recall >= 0.95, "recall@5 {recall:.3} < 0.95");
    assert!(
        false_share <= 0.05,
        "false repeat flags {false_share:.3} > 0.05"
    );
}

#[test]
fn search_finds_each_cluster_by_the_name_typed_without_diacritics() {
    let (store, stored) = load();
    let mut by_cluster: HashMap<&str, Vec<&(Row, String)>> = HashMap::new();
    for item in &stored {
        if !item.0.cluster.is_empty() {
            by_cluster
                .entry(item.0.cluster.as_str())
                .or_default()
                .push(item);
        }
    }
    let (mut found, mut total) = (0, 0);
    let (mut found_all, mut total_all) = (0, 0);
    let words = |name: &str| {
        let mut w: Vec<String> = tiepdan::text::fold(name)
            .split(' ')
            .map(str::to_string)
            .collect();
        w.sort();
        w
    };
    for members in by_cluster.values() {
        // The name as first recorded, typed folded, plus the commune: the desk's usual query.
        let first = &members[0].0;
        let commune = tiepdan::intake::parse_address(&first.address)
            .1
            .unwrap_or_default();
        let query = tiepdan::text::fold(&format!(
            "{} {}",
            first.name,
            commune.trim_start_matches("xã ")
        ));
        let hits = search(&store, &query, 10).unwrap();
        for (row, code) in members {
            let hit = hits.iter().any(|h| h.code == *code);
            total_all += 1;
            found_all += usize::from(hit);
            // Written with or without diacritics, NFC or NFD, any case, any word order.
            if words(&row.name) == words(&first.name) {
                total += 1;
                found += usize::from(hit);
            }
        }
    }
    let recall = found as f64 / total as f64;
    println!(
        "search by folded name + commune: recall@10 = {recall:.3} ({found}/{total}) over spellings of the same name; \
         {:.3} ({found_all}/{total_all}) counting typos and dropped middle names in the records",
        found_all as f64 / total_all as f64
    );
    assert!(recall >= 0.95, "{recall}");
}
