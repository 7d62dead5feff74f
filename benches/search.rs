//! Search benchmarks (run with `cargo bench --bench search`; never part of `cargo test`).
//!
//! For each demo database given (default: /tmp/bench-10k.sqlite3, /tmp/bench-100k.sqlite3,
//! /tmp/bench-1m.sqlite3, those that exist), a fixed query set is typed character by character as
//! the TUI would, on one thread, with one `IndexEngine` kept across the keys of a query: the
//! latency of every keystroke is recorded and p50/p99/max printed. Then, side by side on the same
//! full queries: the product engine answering each query with a fresh engine (nothing carried over
//! from the previous query), pure SQL `LIKE '%word%'` on the folded columns (checked first to find
//! what the engine returns on exact queries), the `LIKE` rows ranked by the product's ranker (the
//! first version), fuzzy-matcher's SkimMatcherV2 scanning every row, and nucleo-matcher scanning
//! every row — with ratios to the product engine. Peak RSS is read from /proc after the
//! keystroke phase (before the full-scan baselines load their rows).
//!
//! Options: `--db PATH` (repeatable), `--rounds N` (typing rounds, default 3), `--no-baselines`.

use std::time::{Duration, Instant};
use tiepdan::policy::Policy;
use tiepdan::search::{Engine, IndexEngine, LikeEngine, SkimScan};

use tiepdan::store::{Access, Store};

const TODAY: (i32, u32, u32) = (2026, 11, 24);

/// Queries spelt as the data stores them, checked against pure `LIKE` (with the CCCD, phone and
/// code queries, which are taken from the database).
const EXACT: &[&str] = &["nguyen van hung", "tran thi thu huong", "thu hoi dat"];

/// The fixed query set. `{phone}`, `{cccd}` and `{code}` are taken from the database (the first
/// such values stored, deterministic for a seed).
const QUERIES: &[&str] = &[
    "nguyen van hung",
    "Nguyễn Văn Hùng",
    "nguyen thi minh khai",
    "nguyen thi min khai",
    "ng t m khai",
    "tran thi thu huong",
    "le van nam",
    "pham thi lan anh",
    "hoang minh tuan",
    "nguyn van hugn",
    "thu hoi dat",
    "boi thuong giai phong mat bang",
    "o nhiem moi truong",
    "cam xuyen",
    "{phone}",
    "+84 {phone_intl}",
    "{cccd}",
    "{code}",
    "zxqv wkrp",
];

/// CPU time of this thread: what one core spends, whatever else the machine is doing.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn queries(store_path: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open_with_flags(
        store_path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let one = |sql: &str| -> String { conn.query_row(sql, [], |r| r.get(0)).unwrap_or_default() };
    let phone = one(
        "SELECT c.phone FROM citizen c JOIN petition_filer f ON f.citizen_id = c.id JOIN petition p ON p.id = f.petition_id
         WHERE c.phone IS NOT NULL AND p.kind <> 'denunciation' ORDER BY c.rowid LIMIT 1",
    );
    let cccd = one(
        "SELECT c.id_number FROM citizen c JOIN petition_filer f ON f.citizen_id = c.id JOIN petition p ON p.id = f.petition_id
         WHERE length(c.id_number) = 12 AND p.kind <> 'denunciation' ORDER BY c.rowid LIMIT 1",
    );
    let code = one("SELECT code FROM petition ORDER BY rowid LIMIT 1 OFFSET 100");
    let intl = phone
        .strip_prefix('0')
        .map(|rest| format!("{} {} {}", &rest[..3], &rest[3..6], &rest[6..]))
        .unwrap_or_default();
    QUERIES
        .iter()
        .map(|q| {
            q.replace("{phone}", &phone)
                .replace("{phone_intl}", &intl)
                .replace("{cccd}", &cccd)
                .replace("{code}", &code)
        })
        .collect()
}

/// Times each full query answered by a fresh engine from `make` (after one warm-up pass, also
/// fresh): no query can be answered from the previous one's narrowing cache. Returns the mean
/// and the median.
fn per_query<E: Engine>(
    make: impl Fn() -> E,
    store: &Store,
    queries: &[String],
) -> (Duration, Duration) {
    for q in queries {
        make().search(store, q, 20).unwrap();
    }
    let mut times = Vec::new();
    for q in queries {
        let mut engine = make();
        let start = Instant::now();
        engine.search(store, q, 20).unwrap();
        times.push(start.elapsed());
    }
    let total: Duration = times.iter().sum();
    times.sort();
    (total / times.len() as u32, percentile(&times, 50.0))
}

/// Pure SQL `LIKE`: every folded query word as `LIKE '%word%'` over the folded name, address,
/// subject, ID number, phone and code of each petition (denouncers' identities left out), newest
/// first, no ranking and no typo tolerance — the naive first thing anyone would write.
struct PureLike {
    conn: rusqlite::Connection,
}

impl PureLike {
    const LINE: &str = "COALESCE(c.name_folded, '') || ' ' || COALESCE(c.address_folded, '') || ' ' || \
        p.subject_folded || ' ' || COALESCE(c.id_number, '') || ' ' || COALESCE(c.phone, '') || ' ' || p.code";

    fn open(path: &std::path::Path) -> PureLike {
        let conn =
            rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .unwrap();
        PureLike { conn }
    }

    /// The codes of the matching petitions, newest first (`limit` None: all of them).
    fn search(&self, query: &str, limit: Option<usize>) -> Vec<String> {
        let words: Vec<String> = tiepdan::text::fold(query)
            .split_whitespace()
            .map(|w| format!("%{}%", w.replace(['%', '_'], "")))
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let line = Self::LINE;
        let filter = (1..=words.len())
            .map(|i| format!("line LIKE ?{i}"))
            .collect::<Vec<_>>()
            .join(" AND ");
        let sql = format!(
            "SELECT code FROM (
                 SELECT p.code AS code, p.received_on AS received_on, {line} AS line
                 FROM petition p
                 LEFT JOIN petition_filer f ON f.petition_id = p.id
                 LEFT JOIN citizen c ON c.id = f.citizen_id AND p.kind <> 'denunciation')
             WHERE {filter}
             GROUP BY code ORDER BY received_on DESC, code LIMIT {}",
            limit.map_or(-1, |n| n as i64)
        );
        let mut stmt = self.conn.prepare(&sql).unwrap();
        stmt.query_map(rusqlite::params_from_iter(words.iter()), |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    fn timed(&self, queries: &[String]) -> (Duration, Duration) {
        for q in queries {
            self.search(q, Some(20));
        }
        let mut times = Vec::new();
        for q in queries {
            let start = Instant::now();
            std::hint::black_box(self.search(q, Some(20)));
            times.push(start.elapsed());
        }
        let total: Duration = times.iter().sum();
        times.sort();
        (total / times.len() as u32, percentile(&times, 50.0))
    }
}

/// On an exact query (a stored CCCD, phone or code, a name or phrase spelt as stored) the index
/// engine must return what plain `LIKE` finds first: when `LIKE` finds at most 20 petitions,
/// they are the engine's first hits; when it finds more, every one of the engine's 20 hits is
/// among them. A difference is returned (and makes the benchmark exit with failure once its
/// numbers are printed) — a fast answer that misses what `LIKE` finds is not an answer.
fn check_exact(
    store: &Store,
    like: &PureLike,
    today: chrono::NaiveDate,
    query: &str,
) -> Result<usize, String> {
    let all: std::collections::HashSet<String> = like.search(query, None).into_iter().collect();
    let hits: Vec<String> = IndexEngine::new()
        .with_today(today)
        .search(store, query, 20)
        .unwrap()
        .into_iter()
        .map(|h| h.code)
        .collect();
    assert!(
        !all.is_empty(),
        "LIKE finds nothing for the exact query {query:?}"
    );
    let first: std::collections::HashSet<String> =
        hits.iter().take(all.len().min(20)).cloned().collect();
    if all.len() <= 20 && first != all {
        return Err(format!(
            "exact query {query:?}: the index engine's first hits differ from what LIKE finds"
        ));
    }
    let stray: Vec<&String> = first.iter().filter(|c| !all.contains(*c)).collect();
    if !stray.is_empty() {
        return Err(format!(
            "exact query {query:?}: index hits {stray:?} are not among LIKE's {} matches",
            all.len()
        ));
    }
    Ok(all.len())
}

/// SkimMatcherV2 over rows loaded beforehand (the load is timed apart), best 20 per query.
fn skim_scan(
    rows: &[tiepdan::search::engine::ScanRow],
    queries: &[String],
) -> (Duration, Duration) {
    use fuzzy_matcher::FuzzyMatcher;
    let matcher = fuzzy_matcher::skim::SkimMatcherV2::default();
    let mut times = Vec::new();
    for q in queries {
        let folded = tiepdan::text::fold(q);
        let start = Instant::now();
        let mut best: Vec<(i64, i64)> = rows
            .iter()
            .filter_map(|r| matcher.fuzzy_match(&r.line, &folded).map(|s| (s, r.rowid)))
            .collect();
        best.sort_unstable_by(|a, b| b.cmp(a));
        best.truncate(20);
        std::hint::black_box(&best);
        times.push(start.elapsed());
    }
    let total: Duration = times.iter().sum();
    times.sort();
    (total / times.len() as u32, percentile(&times, 50.0))
}

fn nucleo_scan(
    rows: &[tiepdan::search::engine::ScanRow],
    queries: &[String],
) -> (Duration, Duration) {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut times = Vec::new();
    for q in queries {
        let folded = tiepdan::text::fold(q);
        let pattern = Pattern::parse(&folded, CaseMatching::Ignore, Normalization::Smart);
        let start = Instant::now();
        let mut best: Vec<(u32, i64)> = rows
            .iter()
            .filter_map(|r| {
                pattern
                    .score(Utf32Str::new(&r.line, &mut buf), &mut matcher)
                    .map(|s| (s, r.rowid))
            })
            .collect();
        best.sort_unstable_by(|a, b| b.cmp(a));
        best.truncate(20);
        std::hint::black_box(&best);
        times.push(start.elapsed());
    }
    let total: Duration = times.iter().sum();
    times.sort();
    (total / times.len() as u32, percentile(&times, 50.0))
}

fn main() {
    let mut dbs = Vec::new();
    let mut rounds = 3;
    let mut baselines = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--db" => dbs.push(std::path::PathBuf::from(args.next().expect("--db PATH"))),
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--rounds N")
            }
            "--no-baselines" => baselines = false,
            _ => {} // cargo bench passes --bench
        }
    }
    if dbs.is_empty() {
        dbs = [
            "/tmp/bench-10k.sqlite3",
            "/tmp/bench-100k.sqlite3",
            "/tmp/bench-1m.sqlite3",
        ]
        .iter()
        .map(std::path::PathBuf::from)
        .filter(|p| p.exists())
        .collect();
    }
    if dbs.is_empty() {
        eprintln!("no benchmark database: see BENCHMARKS.md for how to generate them");
        return;
    }
    let today = chrono::NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap();
    let mut failures: Vec<String> = Vec::new();
    for path in dbs {
        let store = Store::open(&path, Access::ReadOnly, Policy::legal_default()).expect("open");
        store.tune_for_search().unwrap();
        let petitions = store.petition_count().unwrap();
        let queries = queries(&path);
        println!("\n== {} — {petitions} petitions ==", path.display());
        // Per keystroke, as the TUI types: one engine per query, kept across its keys.
        let mut keys = Vec::new();
        let mut cpu = Vec::new();
        let mut from_cache = 0;
        let mut worst: Vec<(Duration, String)> = Vec::new();
        for round in 0..=rounds {
            for q in &queries {
                let mut engine = IndexEngine::new().with_today(today);
                let chars: Vec<(usize, char)> = q.char_indices().collect();
                for (i, (at, c)) in chars.iter().enumerate() {
                    let end = at + c.len_utf8();
                    let start = Instant::now();
                    let cpu_start = thread_cpu();
                    let hits = engine.search(&store, &q[..end], 20).unwrap();
                    let took = start.elapsed();
                    let cpu_took = thread_cpu() - cpu_start;
                    std::hint::black_box(hits);
                    if round > 0 {
                        keys.push(took);
                        cpu.push(cpu_took);
                        worst.push((cpu_took, q[..end].to_string()));
                        from_cache += usize::from(engine.last_from_cache);
                    }
                    let _ = i;
                }
            }
        }
        keys.sort();
        cpu.sort();
        println!(
            "keystrokes, CPU time of the searching thread: p50 {} ms, p90 {} ms, p99 {} ms, max {} ms",
            ms(percentile(&cpu, 50.0)),
            ms(percentile(&cpu, 90.0)),
            ms(percentile(&cpu, 99.0)),
            ms(*cpu.last().unwrap())
        );
        println!(
            "keystrokes, wall clock: {} (rounds {rounds}), p50 {} ms, p90 {} ms, p99 {} ms, max {} ms; {:.0}% narrowed in memory",
            keys.len(),
            ms(percentile(&keys, 50.0)),
            ms(percentile(&keys, 90.0)),
            ms(percentile(&keys, 99.0)),
            ms(*keys.last().unwrap()),
            100.0 * from_cache as f64 / keys.len() as f64
        );
        worst.sort();
        worst.dedup_by(|a, b| a.1 == b.1);
        println!(
            "slowest keystrokes (CPU ms): {:?}",
            worst
                .iter()
                .rev()
                .take(12)
                .map(|(d, q)| (ms(*d), q.as_str()))
                .collect::<Vec<_>>()
        );
        println!(
            "peak RSS after the keystroke phase: {:.1} MB",
            peak_rss_mb()
        );
        let mut slowest: Vec<(Duration, String)> = Vec::new();
        for q in &queries {
            let mut engine = IndexEngine::new().with_today(today);
            let start = Instant::now();
            engine.search(&store, q, 20).unwrap();
            slowest.push((start.elapsed(), q.clone()));
        }
        slowest.sort();
        println!(
            "slowest fresh queries: {:?}",
            slowest
                .iter()
                .rev()
                .take(3)
                .map(|(d, q)| (ms(*d), q))
                .collect::<Vec<_>>()
        );
        if !baselines {
            continue;
        }
        let (index_mean, index_p50) =
            per_query(|| IndexEngine::new().with_today(today), &store, &queries);
        let like = PureLike::open(&path);
        // The exact queries: the spelt-as-stored phrases and the CCCD, phone and code.
        let exact: Vec<&String> = queries
            .iter()
            .filter(|q| {
                let identifier = q.chars().any(|c| c.is_ascii_digit())
                    && q.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                identifier || EXACT.contains(&q.as_str())
            })
            .collect();
        let checked: Vec<String> = exact
            .iter()
            .map(|q| match check_exact(&store, &like, today, q) {
                Ok(n) => format!("{q:?} {n}"),
                Err(e) => {
                    failures.push(e);
                    format!("{q:?} DIFFERS")
                }
            })
            .collect();
        println!(
            "exact queries, the index engine's first hits = what LIKE finds (LIKE's match count): {}",
            checked.join(", ")
        );
        let (like_mean, like_p50) = like.timed(&queries);
        let (ranked_like_mean, ranked_like_p50) = per_query(|| LikeEngine, &store, &queries);
        let load = Instant::now();
        let rows = SkimScan::load(&store).unwrap();
        let load = load.elapsed();
        let (skim_mean, skim_p50) = skim_scan(&rows, &queries);
        let (nucleo_mean, nucleo_p50) = nucleo_scan(&rows, &queries);
        let ratio = |d: Duration| d.as_secs_f64() / index_mean.as_secs_f64();
        println!(
            "full queries (mean / p50 over {} queries), ratio to the index engine's mean:",
            queries.len()
        );
        println!(
            "  index engine (fresh)      {:>9} / {:>9} ms   1.0x",
            ms(index_mean),
            ms(index_p50)
        );
        println!(
            "  pure SQL LIKE             {:>9} / {:>9} ms   {:.1}x",
            ms(like_mean),
            ms(like_p50),
            ratio(like_mean)
        );
        println!(
            "  LIKE rows + ranking       {:>9} / {:>9} ms   {:.1}x",
            ms(ranked_like_mean),
            ms(ranked_like_p50),
            ratio(ranked_like_mean)
        );
        println!(
            "  SkimMatcherV2 full scan   {:>9} / {:>9} ms   {:.1}x",
            ms(skim_mean),
            ms(skim_p50),
            ratio(skim_mean)
        );
        println!(
            "  nucleo-matcher full scan  {:>9} / {:>9} ms   {:.1}x",
            ms(nucleo_mean),
            ms(nucleo_p50),
            ratio(nucleo_mean)
        );
        println!(
            "  (full scans first load {} rows into memory: {} ms; peak RSS then {:.1} MB)",
            rows.len(),
            ms(load),
            peak_rss_mb()
        );
    }
    if !failures.is_empty() {
        for failure in &failures {
            eprintln!("FAILED: {failure}");
        }
        std::process::exit(1);
    }
}
