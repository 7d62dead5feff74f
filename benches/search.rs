//! Search benchmarks (run with `cargo bench --bench search`; never part of `cargo test`).
//!
//! For each demo database given (default: /tmp/bench-10k.sqlite3, /tmp/bench-100k.sqlite3,
//! /tmp/bench-1m.sqlite3, those that exist), a fixed query set is typed character by character as
//! the TUI would, on one thread, with one `IndexEngine` kept across the keys of a query: the
//! latency of every keystroke is recorded and p50/p99/max printed. Then, side by side on the same
//! full queries: the product engine answering each query fresh, SQL `LIKE '%…%'` on folded columns
//! (the first version), fuzzy-matcher's SkimMatcherV2 scanning every row, and nucleo-matcher
//! scanning every row — with ratios to the product engine. Peak RSS is read from /proc after the
//! keystroke phase (before the full-scan baselines load their rows).
//!
//! Options: `--db PATH` (repeatable), `--rounds N` (typing rounds, default 3), `--no-baselines`.

use std::time::{Duration, Instant};
use tiepdan::policy::Policy;
use tiepdan::search::{Engine, IndexEngine, LikeEngine, SkimScan};
use tiepdan::store::{Access, Store};

const TODAY: (i32, u32, u32) = (2026, 11, 24);

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

/// Times `engine` answering each full query once (after one warm-up pass); returns the mean.
fn per_query(engine: &mut dyn Engine, store: &Store, queries: &[String]) -> (Duration, Duration) {
    for q in queries {
        engine.search(store, q, 20).unwrap();
    }
    let mut times = Vec::new();
    for q in queries {
        let start = Instant::now();
        engine.search(store, q, 20).unwrap();
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
            per_query(&mut IndexEngine::new().with_today(today), &store, &queries);
        let (like_mean, like_p50) = per_query(&mut LikeEngine, &store, &queries);
        let load = Instant::now();
        let rows = SkimScan::load(&store).unwrap();
        let load = load.elapsed();
        let mut skim = SkimScan::default();
        let (skim_mean, skim_p50) = per_query(&mut skim, &store, &queries);
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
            "  SQL LIKE (folded cols)    {:>9} / {:>9} ms   {:.1}x",
            ms(like_mean),
            ms(like_p50),
            ratio(like_mean)
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
}
