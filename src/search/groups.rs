//! Results grouped as the desk thinks of them: a citizen with their petitions, and within them the
//! repeat chains ("4 đơn cùng nội dung, gần nhất 12/03/2026, đã giải quyết hết thẩm quyền").

use super::repeats::{key_words, subject_similarity};
use super::rows::ChainFact;
use super::{Engine, Hit, IndexEngine};
use crate::domain::Id;
use crate::error::Result;
use crate::i18n::Lang;
use crate::store::Store;
use chrono::NaiveDate;
use serde::Serialize;

/// Subjects at least this alike are "cùng nội dung".
pub const SAME_MATTER: f64 = 0.5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainSummary {
    /// Oldest first.
    pub codes: Vec<String>,
    pub count: usize,
    pub latest_on: NaiveDate,
    pub final_resolved: bool,
    pub all_closed: bool,
    /// The Vietnamese line the desk reads.
    pub text: String,
}

impl ChainSummary {
    pub fn text(&self, lang: Lang) -> String {
        chain_text(
            self.count,
            self.latest_on,
            self.final_resolved,
            self.all_closed,
            lang,
        )
    }

    fn from_facts(facts: &[&ChainFact]) -> Option<ChainSummary> {
        let latest = facts.iter().map(|f| f.received_on).max()?;
        let final_resolved = facts.iter().any(|f| f.is_final());
        let all_closed = facts.iter().all(|f| f.status.is_closed());
        Some(ChainSummary {
            codes: facts.iter().map(|f| f.code.clone()).collect(),
            count: facts.len(),
            latest_on: latest,
            final_resolved,
            all_closed,
            text: chain_text(facts.len(), latest, final_resolved, all_closed, Lang::Vi),
        })
    }
}

/// "4 đơn cùng nội dung, gần nhất 12/03/2026, đã giải quyết hết thẩm quyền".
pub fn chain_text(
    count: usize,
    latest: NaiveDate,
    final_resolved: bool,
    all_closed: bool,
    lang: Lang,
) -> String {
    let state = match (final_resolved, all_closed) {
        (true, _) => lang.pick("đã giải quyết hết thẩm quyền", "finally resolved"),
        (false, true) => lang.pick("đều đã đóng", "all closed"),
        (false, false) => lang.pick("còn đơn đang xử lý", "some still open"),
    };
    let date = latest.format("%d/%m/%Y");
    match lang {
        Lang::Vi => format!("{count} đơn cùng nội dung, gần nhất {date}, {state}"),
        _ => format!("{count} petitions on the same matter, latest {date}, {state}"),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// None: an anonymous petition or a denunciation, shown alone (the person stays secret).
    /// In JSON `person_id`: `citizen_id` is the CCCD/CMND number in every file.
    #[serde(rename = "person_id")]
    pub citizen_id: Option<Id>,
    pub citizen_name: Option<String>,
    /// All petitions on record for this citizen (not only those that matched).
    pub total_petitions: usize,
    /// The matching petitions, best first.
    pub hits: Vec<Hit>,
    /// Repeat chains among this citizen's petitions (or the petition's own `repeat_of` chain).
    pub chains: Vec<ChainSummary>,
    pub score: i64,
}

/// The petitions of one matter: linked by `repeat_of`, or with subjects alike.
fn chains_of(history: &[ChainFact], hits: &[Hit]) -> Vec<ChainSummary> {
    // A voided petition (entered by mistake) is in no chain.
    let history: Vec<&ChainFact> = history
        .iter()
        .filter(|f| f.status != crate::domain::Status::Voided)
        .collect();
    let keys: Vec<_> = history
        .iter()
        .map(|f| key_words(&f.subject_folded))
        .collect();
    let mut taken = vec![false; history.len()];
    let mut chains = Vec::new();
    for hit in hits {
        let Some(start) = history.iter().position(|f| f.code == hit.code) else {
            continue;
        };
        if taken[start] {
            continue;
        }
        let mut members = vec![start];
        let mut grew = true;
        while grew {
            grew = false;
            for i in 0..history.len() {
                if members.contains(&i) {
                    continue;
                }
                let linked = members.iter().any(|m| {
                    let (a, b) = (&history[*m], &history[i]);
                    a.repeat_of == Some(b.petition_id)
                        || b.repeat_of == Some(a.petition_id)
                        || subject_similarity(&keys[*m], &keys[i]) >= SAME_MATTER
                });
                if linked {
                    members.push(i);
                    grew = true;
                }
            }
        }
        if members.len() < 2 {
            continue;
        }
        members.sort_by_key(|i| (history[*i].received_on, history[*i].code.clone()));
        for m in &members {
            taken[*m] = true;
        }
        let facts: Vec<&ChainFact> = members.iter().map(|i| history[*i]).collect();
        chains.extend(ChainSummary::from_facts(&facts));
    }
    chains
}

/// Searches and groups: each citizen once with the petitions that matched and their repeat
/// chains; anonymous petitions and denunciations alone. Groups come best first.
pub fn search_grouped(store: &Store, query: &str, limit: usize) -> Result<Vec<Group>> {
    let hits = IndexEngine::new().search(store, query, limit.saturating_mul(4).max(20))?;
    let mut groups: Vec<Group> = Vec::new();
    for hit in hits {
        let existing = hit
            .citizen_id
            .and_then(|c| groups.iter().position(|g| g.citizen_id == Some(c)));
        match existing {
            Some(i) => groups[i].hits.push(hit),
            None => groups.push(Group {
                citizen_id: hit.citizen_id,
                citizen_name: hit.citizen_name.clone(),
                total_petitions: hit.citizen_petitions.max(1),
                score: hit.score,
                hits: vec![hit],
                chains: Vec::new(),
            }),
        }
    }
    groups.truncate(limit);
    // A link between a denunciation and another petition ties the denunciation to a named
    // person: only those handling it see it (the rule of `privacy::visible_chain`).
    let audience = crate::privacy::Audience::Screen(store.role());
    let linked = |kind| crate::privacy::row_view(kind, audience).linked;
    for group in &mut groups {
        let mut history = match group.citizen_id {
            Some(citizen) => store.citizen_petitions(citizen)?,
            None => store.chain_of_code(&group.hits[0].code)?,
        };
        let own_linked = linked(group.hits[0].kind);
        let own: Vec<String> = group.hits.iter().map(|h| h.code.clone()).collect();
        history.retain(|f| own.contains(&f.code) || (own_linked && linked(f.kind)));
        if group.citizen_id.is_some() {
            group.total_petitions = history.len().max(group.total_petitions);
        }
        group.chains = chains_of(&history, &group.hits);
    }
    Ok(groups)
}
