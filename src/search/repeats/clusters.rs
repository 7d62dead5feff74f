//! Clusters of likely repeats across the whole database (`tiepdan repeats`, the dashboard's
//! hotspots): the same person filing again, or the same matter filed again.

use super::similarity::{commune_key, matter_numbers, name_similarity};
use crate::domain::Id;
use crate::error::Result;
use crate::search::rows::RepeatRow;
use crate::store::Store;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

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
    fn new(n: usize) -> Dsu {
        Dsu {
            parent: (0..n as u32).collect(),
        }
    }
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

/// One petition as the clustering keeps it while the database streams by.
struct Slim {
    rowid: i64,
    /// The index of its filer's citizen record (u32::MAX when none: anonymous or a denunciation).
    citizen: u32,
    protected: bool,
    /// A repeat link to or from it ties a denunciation to a named person: followed only for
    /// those handling denunciations.
    denunciation: bool,
}

/// What one pass over every petition gathers: a slim record per petition, the keys that tie
/// petitions together, and the links found so far (by indexes into `slim`).
#[derive(Default)]
struct Gathered {
    slim: Vec<Slim>,
    by_petition: HashMap<Id, u32>,
    repeat_links: Vec<(u32, Id)>,
    citizens: HashMap<Id, u32>,
    first_of_citizen: Vec<u32>,
    /// Per name and commune: the first petition of each person filed under it, with the
    /// person's ID number (hashed, with its length) and the subject's matter numbers (hashed).
    person_keys: HashMap<u64, Vec<PlaceEntry>>,
    /// Per name: the communes it is filed from (up to COMMON_NAME_PLACES): a name filed from
    /// that many places is a common name, and the same name in one commune is not yet one person.
    name_places: HashMap<u64, Vec<u64>>,
    phone_names: HashMap<String, Vec<(String, u32)>>,
    matter_keys: HashMap<u64, u32>,
    person_links: Vec<(u32, u32)>,
    matter_links: Vec<(u32, u32)>,
}

impl Gathered {
    /// Takes one row (a petition with one of its filers).
    fn take(&mut self, row: RepeatRow) {
        let index = self.petition(&row);
        if let Some(citizen) = row.citizen_id {
            self.filer(&row, citizen, index);
        }
    }

    /// The petition's index, recording it (its repeat link and matter key) when first met.
    fn petition(&mut self, row: &RepeatRow) -> u32 {
        if let Some(i) = self.by_petition.get(&row.petition_id) {
            return *i;
        }
        let i = self.slim.len() as u32;
        self.by_petition.insert(row.petition_id, i);
        self.slim.push(Slim {
            rowid: row.rowid,
            citizen: u32::MAX,
            protected: row.citizen_id.is_none(),
            denunciation: crate::privacy::protects_identity(row.kind),
        });
        if let Some(earlier) = row.repeat_of {
            self.repeat_links.push((i, earlier));
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
            match self.matter_keys.get(&key) {
                Some(first) => self.matter_links.push((*first, i)),
                None => {
                    self.matter_keys.insert(key, i);
                }
            }
        }
        i
    }

    /// One filer of the petition at `index`: the same citizen record links at once; a citizen's
    /// first petition is keyed by name and commune, and by phone.
    fn filer(&mut self, row: &RepeatRow, citizen: Id, index: u32) {
        let next = self.citizens.len() as u32;
        let c = *self.citizens.entry(citizen).or_insert(next);
        if c == next {
            self.first_of_citizen.push(index);
            let name = row.name_folded.clone().unwrap_or_default();
            if let Some(commune) = row
                .commune_folded
                .as_deref()
                .map(commune_key)
                .filter(|c| !c.is_empty())
            {
                self.place(row, &name, &commune, index);
            }
            if let Some(phone) = &row.phone {
                let list = self.phone_names.entry(phone.clone()).or_default();
                if let Some((_, first)) =
                    list.iter().find(|(n, _)| name_similarity(n, &name) >= 0.85)
                {
                    self.person_links.push((*first, index));
                } else if list.len() < 8 {
                    list.push((name, index));
                }
            }
        } else {
            self.person_links
                .push((self.first_of_citizen[c as usize], index));
        }
        if self.slim[index as usize].citizen == u32::MAX {
            self.slim[index as usize].citizen = c;
        }
    }

    /// A citizen's first petition under its name in its commune.
    fn place(&mut self, row: &RepeatRow, name: &str, commune: &str, index: u32) {
        let places = self.name_places.entry(hash_of(&[name])).or_default();
        let place = hash_of(&[commune]);
        if places.len() < COMMON_NAME_PLACES && !places.contains(&place) {
            places.push(place);
        }
        self.person_keys
            .entry(hash_of(&[name, commune]))
            .or_default()
            .push(PlaceEntry {
                index,
                name: hash_of(&[name]),
                id_number: row
                    .id_number
                    .as_deref()
                    .filter(|n| !n.is_empty())
                    .map(|n| (n.len() as u8, hash_of(&[n]))),
                matter: matter_numbers(&row.subject_folded).map(|m| hash_of(&[&m])),
            });
    }

    /// The same name in the same commune: one person unless their ID numbers (of one kind)
    /// differ; for a common name only when the matter is the same too (different people named
    /// Nguyễn Văn Hùng in one commune are not one person; on one matter they are a matter
    /// cluster). The keys are done with after this: freed before the joins.
    fn link_namesakes(&mut self) {
        let person_keys = std::mem::take(&mut self.person_keys);
        let name_places = std::mem::take(&mut self.name_places);
        self.phone_names = HashMap::new();
        self.matter_keys = HashMap::new();
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
                    self.person_links.push((first.index, other.index));
                }
            }
        }
    }
}

/// The petitions joined: `person` by the filer only, `all` by filer or matter; `matter` marks
/// the petitions some matter link touches.
struct Joined {
    person: Dsu,
    all: Dsu,
    matter: Vec<bool>,
}

/// `follow_denunciations`: whether repeat links to or from a denunciation join (for those who
/// may see who denounced).
fn join(gathered: &Gathered, follow_denunciations: bool) -> Joined {
    let n = gathered.slim.len();
    let mut joined = Joined {
        person: Dsu::new(n),
        all: Dsu::new(n),
        matter: vec![false; n],
    };
    for (a, b) in &gathered.person_links {
        joined.person.union(*a, *b);
        joined.all.union(*a, *b);
    }
    let slim = &gathered.slim;
    for (i, earlier) in &gathered.repeat_links {
        if let Some(e) = gathered.by_petition.get(earlier)
            && (follow_denunciations
                || !(slim[*i as usize].denunciation || slim[*e as usize].denunciation))
        {
            joined.all.union(*i, *e);
            joined.matter[*i as usize] = true;
            joined.matter[*e as usize] = true;
        }
    }
    for (a, b) in &gathered.matter_links {
        joined.all.union(*a, *b);
        joined.matter[*a as usize] = true;
        joined.matter[*b as usize] = true;
    }
    joined
}

/// The groups of `min` (at least two) petitions or more, biggest first.
fn groups(all: &mut Dsu, min: usize) -> Vec<Vec<u32>> {
    let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
    for i in 0..all.parent.len() as u32 {
        members.entry(all.find(i)).or_default().push(i);
    }
    let mut groups: Vec<Vec<u32>> = members
        .into_values()
        .filter(|m| m.len() >= min.max(2))
        .collect();
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    groups
}

/// One group as the desk reads it: its petitions oldest first, what ties them, who filed them.
fn describe(
    store: &Store,
    slim: &[Slim],
    joined: &mut Joined,
    group: &[u32],
) -> Result<Option<Cluster>> {
    let rowids: Vec<i64> = group.iter().map(|i| slim[*i as usize].rowid).collect();
    let facts = store.codes_by_rowid(&rowids)?;
    let mut list: Vec<_> = rowids.iter().filter_map(|r| facts.get(r)).collect();
    list.sort_by(|a, b| a.received_on.cmp(&b.received_on).then(a.code.cmp(&b.code)));
    let Some(last) = list.last() else {
        return Ok(None);
    };
    let roots: HashSet<u32> = group.iter().map(|i| joined.person.find(*i)).collect();
    let by_person = roots.len() == 1 && !slim[group[0] as usize].protected;
    let by_matter = group.iter().any(|i| joined.matter[*i as usize]);
    let kind = match (by_person, by_matter) {
        (true, true) => ClusterKind::Both,
        (true, false) => ClusterKind::Person,
        _ => ClusterKind::Matter,
    };
    let people: HashSet<u32> = group
        .iter()
        .map(|i| slim[*i as usize].citizen)
        .filter(|c| *c != u32::MAX)
        .collect();
    let final_resolved = list.iter().any(|f| f.is_final());
    let open = list.iter().filter(|f| !f.status.is_closed()).count();
    let summary = crate::search::groups::chain_text(
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
    Ok(Some(Cluster {
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
    }))
}

/// Clusters of `min` or more petitions that are likely repeats, biggest first. Streams the
/// database once, keeping a few integers per petition.
pub fn repeat_clusters(store: &Store, min: usize) -> Result<Vec<Cluster>> {
    let mut gathered = Gathered::default();
    store.repeat_rows(|row| gathered.take(row))?;
    gathered.link_namesakes();
    let mut joined = join(&gathered, store.role().may_reveal_identity());
    let Gathered { slim, .. } = gathered;
    let groups = groups(&mut joined.all, min);
    let mut clusters = Vec::with_capacity(groups.len());
    for group in groups {
        if let Some(cluster) = describe(store, &slim, &mut joined, &group)? {
            clusters.push(cluster);
        }
    }
    Ok(clusters)
}
