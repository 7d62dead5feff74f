//! Scoring a desk against a labelled corpus, the way a user meets it: the petitions are imported
//! with `tiepdan import` into a fresh database, each query is run with `tiepdan search --json`
//! (operator role), the whole-database clusters come from `tiepdan repeats --json`, and each new
//! visit is put to the new-visit pane's lookup (`tiepdan::search::repeat_candidates`, merged,
//! ordered and cut to the pane's eight rows as the pane does).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::corpus::{Class, Cluster, ClusterKind, Corpus, Visit};

/// The day every run is "as of": after the corpus's last petition.
pub const TODAY: &str = "2026-11-24";
/// How many candidates the new-visit pane shows (src/tui/repeats.rs `SHOWN`).
pub const PANE_ROWS: usize = 8;

/// A fresh desk: a temporary folder with its own database and configuration (no roles mapped,
/// so the user is an operator).
pub struct Desk {
    pub dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Desk {
    pub fn new(bin: &Path) -> Desk {
        Desk {
            dir: tempfile::tempdir().unwrap(),
            bin: bin.to_path_buf(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("desk.sqlite3")
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.env("TIEPDAN_CONFIG_DIR", self.dir.path().join("config"))
            .env("NO_COLOR", "1")
            .env_remove("TIEPDAN_DB")
            .env_remove("TIEPDAN_LANG")
            .arg("--db")
            .arg(self.db())
            .args(["--today", TODAY, "--as", "canbo.recall"]);
        cmd
    }

    /// Runs `tiepdan ARGS`; panics with its error output if it fails.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().expect("run tiepdan");
        assert!(
            out.status.success(),
            "tiepdan {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// `tiepdan import FILE`: every row must go in.
    pub fn import(&self, file: &Path, expected: usize) {
        self.run(&["import", file.to_str().unwrap()]);
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        let stored: i64 = conn
            .query_row("SELECT COUNT(*) FROM petition", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            stored as usize, expected,
            "tiepdan import stored {stored} of {expected} petitions"
        );
    }

    /// `tiepdan search --json --limit N QUERY`: the codes, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<String> {
        let out = self.run(&[
            "search",
            "--json",
            "--limit",
            &limit.to_string(),
            "--",
            query,
        ]);
        let hits: Vec<serde_json::Value> = serde_json::from_str(&out).expect("search --json");
        hits.iter()
            .map(|h| h["code"].as_str().unwrap().to_string())
            .collect()
    }

    /// `tiepdan repeats --json --min 2`: (kind, codes) of every cluster.
    pub fn repeats(&self) -> Vec<(String, Vec<String>)> {
        let out = self.run(&["repeats", "--json", "--min", "2", "--limit", "100000"]);
        let clusters: Vec<serde_json::Value> = serde_json::from_str(&out).expect("repeats --json");
        clusters
            .iter()
            .map(|c| {
                let codes = c["codes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect();
                (c["kind"].as_str().unwrap().to_string(), codes)
            })
            .collect()
    }

    /// The desk's store as its operator reads it: with the desk key, so sealed denunciations
    /// (issue 13) show their subjects to the pane as they do on the desk.
    pub fn store(&self) -> tiepdan::store::Store {
        let mut store = tiepdan::store::Store::open(
            &self.db(),
            tiepdan::store::Access::ReadOnly,
            tiepdan::policy::Policy::legal_default(),
        )
        .unwrap();
        store.set_role(tiepdan::domain::Role::Operator);
        store
            .unlock_with_key_in(&self.dir.path().join("config"))
            .unwrap();
        store
    }
}

/// Search scores of one engine on one set of clusters.
#[derive(Default, Clone, Debug)]
pub struct Tally {
    pub queries: usize,
    /// The whole cluster in the top 10.
    pub whole10: usize,
    /// At least one member in the top 5.
    pub hit5: usize,
}

impl Tally {
    pub fn recall10(&self) -> f64 {
        self.whole10 as f64 / self.queries.max(1) as f64
    }
    pub fn hit5(&self) -> f64 {
        self.hit5 as f64 / self.queries.max(1) as f64
    }
    fn add(&mut self, other: &Tally) {
        self.queries += other.queries;
        self.whole10 += other.whole10;
        self.hit5 += other.hit5;
    }
}

/// One engine's scores: overall and per class, and the queries it missed.
#[derive(Default, Clone, Debug)]
pub struct SearchScore {
    pub all: Tally,
    pub by_class: BTreeMap<Class, Tally>,
    pub misses: Vec<String>,
}

/// Scores ranked answers (`ranked(query)` returns codes best first) for every cluster.
pub fn score_search(
    clusters: &[Cluster],
    mut ranked: impl FnMut(&str) -> Vec<String>,
) -> SearchScore {
    let mut score = SearchScore::default();
    for c in clusters {
        let top = ranked(&c.query);
        let top10: HashSet<&str> = top.iter().take(10).map(String::as_str).collect();
        let whole = c.codes.iter().all(|code| top10.contains(code.as_str()));
        let hit = top.iter().take(5).any(|code| c.codes.contains(code));
        let t = Tally {
            queries: 1,
            whole10: usize::from(whole),
            hit5: usize::from(hit),
        };
        score.all.add(&t);
        score.by_class.entry(c.class).or_default().add(&t);
        if !whole {
            let found = c
                .codes
                .iter()
                .filter(|k| top10.contains(k.as_str()))
                .count();
            score.misses.push(format!(
                "{} {} {:?}: {found}/{} in the top 10",
                c.id,
                c.class.name(),
                c.query,
                c.codes.len()
            ));
        }
    }
    score
}

/// What the new-visit pane showed for the corpus's visits.
#[derive(Default, Clone, Debug)]
pub struct PaneScore {
    /// Visits that repeat a labelled cluster.
    pub repeats: usize,
    /// …whose whole cluster (up to the pane's rows) was shown.
    pub whole: usize,
    /// …with at least one earlier petition of the cluster shown.
    pub hit: usize,
    /// Rows flagged "likely repeat".
    pub flagged: usize,
    /// …of them not of the visit's own cluster.
    pub false_flags: usize,
    /// Newcomers (different people with a common name) and how many got any flag.
    pub newcomers: usize,
    pub newcomers_flagged: usize,
    pub by_class: BTreeMap<Class, (usize, usize)>,
}

impl PaneScore {
    pub fn false_flag_rate(&self) -> f64 {
        self.false_flags as f64 / self.flagged.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.whole as f64 / self.repeats.max(1) as f64
    }
    pub fn hit(&self) -> f64 {
        self.hit as f64 / self.repeats.max(1) as f64
    }
}

/// The pane's lookup for one visit, as the pane makes it: fields too short to search on are left
/// out (a name under 4 letters, an ID or phone under 9 digits, a subject under 6 letters), then
/// the candidates best first, eight of them.
pub fn pane(store: &tiepdan::store::Store, visit: &Visit) -> Vec<tiepdan::search::Candidate> {
    let long = |s: &str, min: usize| {
        if tiepdan::text::fold(s).chars().count() >= min {
            s.to_string()
        } else {
            String::new()
        }
    };
    let digits = |s: &str| {
        if s.chars().filter(char::is_ascii_digit).count() >= 9 {
            s.to_string()
        } else {
            String::new()
        }
    };
    let form = tiepdan::search::PartialPetition {
        name: long(&visit.name, 4),
        id_number: digits(&visit.id_number),
        phone: digits(&visit.phone),
        address: visit.address.clone(),
        commune: String::new(),
        subject: long(&visit.subject, 6),
    };
    let mut list = tiepdan::search::repeat_candidates(store, &form).unwrap();
    list.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.received_on.cmp(&a.received_on))
            .then(a.code.cmp(&b.code))
    });
    list.truncate(PANE_ROWS);
    list
}

pub fn score_pane(corpus: &Corpus, store: &tiepdan::store::Store) -> PaneScore {
    let clusters: HashMap<&str, &Cluster> =
        corpus.clusters.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut score = PaneScore::default();
    for visit in &corpus.visits {
        let mut shown = pane(store, visit);
        shown.retain(|c| Some(&c.code) != visit.own.as_ref());
        let own: Vec<&String> = clusters
            .get(visit.cluster.as_str())
            .map_or(&[][..], |c| &c.codes)
            .iter()
            .filter(|k| Some(*k) != visit.own.as_ref())
            .collect();
        for c in shown.iter().filter(|c| c.likely_repeat) {
            score.flagged += 1;
            score.false_flags += usize::from(!own.contains(&&c.code));
        }
        match visit.class {
            None => {
                score.newcomers += 1;
                score.newcomers_flagged += usize::from(shown.iter().any(|c| c.likely_repeat));
            }
            Some(class) => {
                let found = own
                    .iter()
                    .filter(|k| shown.iter().any(|c| &c.code == **k))
                    .count();
                let whole = found >= own.len().min(PANE_ROWS);
                score.repeats += 1;
                score.whole += usize::from(whole);
                score.hit += usize::from(found > 0);
                let e = score.by_class.entry(class).or_default();
                e.0 += 1;
                e.1 += usize::from(whole);
            }
        }
    }
    score
}

/// How `tiepdan repeats` grouped the corpus, against the labels.
#[derive(Default, Clone, Debug)]
pub struct ClusterScore {
    pub labelled: usize,
    /// Labelled clusters whose petitions all landed in one reported cluster.
    pub whole: usize,
    /// Pairs of petitions reported together / labelled together / both.
    pub reported_pairs: usize,
    pub labelled_pairs: usize,
    pub agreeing_pairs: usize,
    /// Reported "same person" clusters holding petitions of different people.
    pub person_clusters: usize,
    pub mixed_person_clusters: usize,
}

impl ClusterScore {
    pub fn precision(&self) -> f64 {
        self.agreeing_pairs as f64 / self.reported_pairs.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.agreeing_pairs as f64 / self.labelled_pairs.max(1) as f64
    }
}

pub fn score_clusters(corpus: &Corpus, reported: &[(String, Vec<String>)]) -> ClusterScore {
    let cluster_of: HashMap<&str, &str> = corpus
        .petitions
        .iter()
        .filter(|p| !p.cluster.is_empty())
        .map(|p| (p.code.as_str(), p.cluster.as_str()))
        .collect();
    let person_of: HashMap<&str, &str> = corpus
        .petitions
        .iter()
        .map(|p| (p.code.as_str(), p.person.as_str()))
        .collect();
    let mut score = ClusterScore {
        labelled: corpus.clusters.len(),
        ..Default::default()
    };
    let mut home: HashMap<&str, usize> = HashMap::new();
    for (i, (kind, codes)) in reported.iter().enumerate() {
        for code in codes {
            home.insert(code.as_str(), i);
        }
        let n = codes.len();
        score.reported_pairs += n * (n - 1) / 2;
        let mut by_cluster: HashMap<&str, usize> = HashMap::new();
        for code in codes {
            if let Some(c) = cluster_of.get(code.as_str()) {
                *by_cluster.entry(c).or_default() += 1;
            }
        }
        score.agreeing_pairs += by_cluster.values().map(|k| k * (k - 1) / 2).sum::<usize>();
        if kind == "person" || kind == "both" {
            score.person_clusters += 1;
            let people: HashSet<&str> = codes.iter().map(|c| person_of[c.as_str()]).collect();
            score.mixed_person_clusters += usize::from(people.len() > 1);
        }
    }
    for c in &corpus.clusters {
        let n = c.codes.len();
        score.labelled_pairs += n * (n - 1) / 2;
        let first = home.get(c.codes[0].as_str());
        score.whole +=
            usize::from(first.is_some() && c.codes.iter().all(|k| home.get(k.as_str()) == first));
    }
    score
}

/// Everything measured on one corpus through the CLI.
#[derive(Clone, Debug)]
pub struct Report {
    pub search: SearchScore,
    pub pane: PaneScore,
    pub clusters: ClusterScore,
}

/// Imports `file` (the corpus's petitions) into a fresh desk and measures the product.
pub fn measure(bin: &Path, corpus: &Corpus, file: &Path) -> (Desk, Report) {
    let desk = Desk::new(bin);
    desk.import(file, corpus.petitions.len());
    let search = score_search(&corpus.clusters, |q| desk.search(q, 10));
    let store = desk.store();
    let pane = score_pane(corpus, &store);
    let clusters = score_clusters(corpus, &desk.repeats());
    (
        desk,
        Report {
            search,
            pane,
            clusters,
        },
    )
}

/// The labelled set of `fixtures/repeats/` (fixtures/repeats/generate.py) in this harness's terms:
/// its petitions get codes in file order, each cluster is queried by its first member's name and
/// commune without diacritics, and every clustered petition is a visit to the pane (its own row
/// left out).
pub fn repeats_fixture(path: &Path) -> Corpus {
    use super::corpus::Petition;
    let mut reader = csv::Reader::from_path(path).unwrap();
    let mut petitions = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.unwrap();
        let cluster = row[0].to_string();
        petitions.push(Petition {
            code: format!("2025-{:06}", 900_001 + i),
            received_on: row[7].parse().unwrap(),
            name: row[1].to_string(),
            id_number: row[2].to_string(),
            phone: row[3].to_string(),
            address: row[4].to_string(),
            kind: match &row[5] {
                "khiếu nại" => "khiếu nại",
                "tố cáo" => "tố cáo",
                "kiến nghị" => "kiến nghị",
                _ => "phản ánh",
            },
            field: "",
            subject: row[6].to_string(),
            person: if cluster.is_empty() {
                format!("x{i}")
            } else {
                cluster.clone()
            },
            cluster,
        });
    }
    let mut clusters: BTreeMap<String, Cluster> = BTreeMap::new();
    for p in &petitions {
        if p.cluster.is_empty() {
            continue;
        }
        clusters
            .entry(p.cluster.clone())
            .or_insert_with(|| Cluster {
                id: p.cluster.clone(),
                kind: ClusterKind::Person,
                class: Class::NoDiacritics,
                codes: Vec::new(),
                query: {
                    // As tests/search_quality.rs asks it: the name and the commune, folded.
                    let commune = tiepdan::intake::parse_address(&p.address)
                        .1
                        .unwrap_or_default();
                    tiepdan::text::fold(&format!(
                        "{} {}",
                        p.name,
                        commune.trim_start_matches("xã ")
                    ))
                },
                truth: p.name.clone(),
            })
            .codes
            .push(p.code.clone());
    }
    let visits = petitions
        .iter()
        .filter(|p| !p.cluster.is_empty())
        .map(|p| Visit {
            cluster: p.cluster.clone(),
            class: Some(Class::NoDiacritics),
            name: p.name.clone(),
            id_number: p.id_number.clone(),
            phone: p.phone.clone(),
            address: p.address.clone(),
            subject: p.subject.clone(),
            own: Some(p.code.clone()),
        })
        .collect();
    Corpus {
        petitions,
        clusters: clusters.into_values().collect(),
        visits,
    }
}

/// The baseline engines the search benchmark compares with, on the same database and queries:
/// SQL LIKE on folded columns (the first version), SkimMatcherV2 and nucleo scanning every row.
#[cfg(feature = "bench")]
pub fn baselines(desk: &Desk, clusters: &[Cluster]) -> Vec<(&'static str, SearchScore)> {
    use tiepdan::search::{Engine, LikeEngine, SkimScan};
    let store = desk.store();
    let mut like = LikeEngine;
    let like_score = score_search(clusters, |q| {
        like.search(&store, q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.code)
            .collect()
    });
    let mut skim = SkimScan::default();
    let skim_score = score_search(clusters, |q| {
        skim.search(&store, q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.code)
            .collect()
    });
    let rows = SkimScan::load(&store).unwrap();
    let conn = rusqlite::Connection::open(desk.db()).unwrap();
    let mut stmt = conn.prepare("SELECT rowid, code FROM petition").unwrap();
    let code_of: HashMap<i64, String> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let nucleo_score = score_search(clusters, |q| nucleo(&rows, q, &code_of));
    vec![
        ("SQL LIKE", like_score),
        ("Skim scan", skim_score),
        ("nucleo", nucleo_score),
    ]
}

#[cfg(feature = "bench")]
fn nucleo(
    rows: &[tiepdan::search::engine::ScanRow],
    query: &str,
    code_of: &HashMap<i64, String>,
) -> Vec<String> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let pattern = Pattern::parse(
        &tiepdan::text::fold(query),
        CaseMatching::Ignore,
        Normalization::Smart,
    );
    let mut best: Vec<(u32, i64)> = rows
        .iter()
        .filter_map(|r| {
            pattern
                .score(Utf32Str::new(&r.line, &mut buf), &mut matcher)
                .map(|s| (s, r.rowid))
        })
        .collect();
    best.sort_unstable_by(|a, b| b.cmp(a));
    best.into_iter()
        .take(10)
        .map(|(_, rowid)| code_of[&rowid].clone())
        .collect()
}

fn pct(x: f64) -> String {
    format!("{:.3}", x)
}

/// The results as a Markdown table: per class, tiepdan (CLI) and the pane, then each baseline.
pub fn table(report: &Report, baselines: &[(&'static str, SearchScore)]) -> String {
    let mut out = String::new();
    let mut header =
        "| class | clusters | tiepdan recall@10 | tiepdan hit@5 | pane whole |".to_string();
    let mut rule = "|---|---:|---:|---:|---:|".to_string();
    for (name, _) in baselines {
        header.push_str(&format!(" {name} recall@10 | {name} hit@5 |"));
        rule.push_str("---:|---:|");
    }
    out.push_str(&header);
    out.push('\n');
    out.push_str(&rule);
    out.push('\n');
    let mut row = |label: &str, t: &Tally, pane: Option<(usize, usize)>, class: Option<Class>| {
        let pane = pane.map_or("—".to_string(), |(n, w)| pct(w as f64 / n.max(1) as f64));
        let mut line = format!(
            "| {label} | {} | {} | {} | {pane} |",
            t.queries,
            pct(t.recall10()),
            pct(t.hit5())
        );
        for (_, b) in baselines {
            let bt = match class {
                Some(c) => b.by_class.get(&c).cloned().unwrap_or_default(),
                None => b.all.clone(),
            };
            line.push_str(&format!(" {} | {} |", pct(bt.recall10()), pct(bt.hit5())));
        }
        out.push_str(&line);
        out.push('\n');
    };
    for (class, t) in &report.search.by_class {
        row(
            class.name(),
            t,
            report.pane.by_class.get(class).copied(),
            Some(*class),
        );
    }
    row(
        "**all**",
        &report.search.all,
        Some((report.pane.repeats, report.pane.whole)),
        None,
    );
    out
}

/// The pane's and `repeats`' lines under the table.
pub fn summary(report: &Report) -> String {
    let p = &report.pane;
    let c = &report.clusters;
    format!(
        "search (tiepdan search --json, operator): recall@10 {} ({}/{}), hit@5 {} ({}/{})\n\
         new-visit pane ({} rows): whole cluster shown {} ({}/{}), some of it {} ({}/{}); \
         false repeat flags {} ({}/{} flagged); newcomers flagged {}/{}\n\
         tiepdan repeats --min 2: labelled clusters whole {}/{}; pairs precision {} recall {} \
         ({} agreeing of {} reported, {} labelled); \"person\" clusters mixing people {}/{}\n",
        pct(report.search.all.recall10()),
        report.search.all.whole10,
        report.search.all.queries,
        pct(report.search.all.hit5()),
        report.search.all.hit5,
        report.search.all.queries,
        PANE_ROWS,
        pct(p.recall()),
        p.whole,
        p.repeats,
        pct(p.hit()),
        p.hit,
        p.repeats,
        pct(p.false_flag_rate()),
        p.false_flags,
        p.flagged,
        p.newcomers_flagged,
        p.newcomers,
        c.whole,
        c.labelled,
        pct(c.precision()),
        pct(c.recall()),
        c.agreeing_pairs,
        c.reported_pairs,
        c.labelled_pairs,
        c.mixed_person_clusters,
        c.person_clusters,
    )
}
