//! Import benchmark: a 100,000-row logbook, as CSV, XLSX and JSON Lines (a merge), imported by
//! the real binary into a new database, then imported again. After each run the database must
//! hold exactly the file's petitions, by code (so the second run added nothing and the first
//! lost nothing); the benchmark stops otherwise. Wall time and peak RSS (`/usr/bin/time -v`) per
//! run. `cargo bench --bench import [-- --rows N --dir DIR]`; numbers
//! in BENCHMARKS.md ("Import").
//!
//! The logbook is the program's own: `tiepdan demo` fills a database and `tiepdan export
//! --format csv` writes it out (kept in DIR between runs); the XLSX holds the same cells.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const TODAY: &str = "2026-11-24";

struct Args {
    rows: usize,
    dir: PathBuf,
}

fn args() -> Args {
    let mut parsed = Args {
        rows: 100_000,
        dir: std::env::temp_dir().join("tiepdan-import-bench"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--rows" => parsed.rows = it.next().and_then(|n| n.parse().ok()).expect("--rows N"),
            "--dir" => parsed.dir = it.next().map(PathBuf::from).expect("--dir DIR"),
            _ => {} // cargo bench passes --bench
        }
    }
    parsed
}

fn tiepdan(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tiepdan"));
    command
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY, "--lang", "en"])
        .env("TIEPDAN_CONFIG_DIR", db.parent().unwrap());
    command
}

fn run(command: &mut Command) {
    let out = command.output().expect("tiepdan runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The demo database's export as CSV and as JSON Lines, and the CSV's cells as an XLSX sheet.
fn logbooks(args: &Args) -> [PathBuf; 3] {
    std::fs::create_dir_all(&args.dir).unwrap();
    let csv = args.dir.join(format!("logbook-{}.csv", args.rows));
    let xlsx = args.dir.join(format!("logbook-{}.xlsx", args.rows));
    let jsonl = args.dir.join(format!("logbook-{}.jsonl", args.rows));
    if !csv.exists() || !jsonl.exists() {
        let demo = args.dir.join(format!("demo-{}.sqlite3", args.rows));
        let _ = std::fs::remove_file(&demo);
        eprintln!("generating {} demo petitions…", args.rows);
        run(tiepdan(&demo).args(["demo", "--petitions", &args.rows.to_string(), "--seed", "7"]));
        run(tiepdan(&demo)
            .args(["export", "--format", "csv", "--output"])
            .arg(&csv));
        run(tiepdan(&demo)
            .args(["export", "--format", "json", "--output"])
            .arg(&jsonl));
        let _ = std::fs::remove_file(&demo);
    }
    if !xlsx.exists() {
        let text = std::fs::read_to_string(&csv).unwrap();
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let headers = reader.headers().unwrap().clone();
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string(0, c as u16, h).unwrap();
        }
        for (r, record) in reader.records().enumerate() {
            for (c, cell) in record.unwrap().iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32 + 1, c as u16, cell).unwrap();
                }
            }
        }
        book.save(&xlsx).unwrap();
    }
    [csv, xlsx, jsonl]
}

/// One import's cost.
struct Cost {
    wall: f64,
    /// User plus system CPU seconds: what the import itself needed, whatever else the machine ran.
    cpu: f64,
    rss_mb: f64,
}

/// A number `/usr/bin/time -v` printed after `label`.
fn reported(stderr: &str, label: &str) -> f64 {
    stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix(label))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(f64::NAN)
}

/// Runs one import under `/usr/bin/time -v`; returns its cost and what it printed.
fn timed_import(db: &Path, file: &Path) -> (Cost, String) {
    let mut command = Command::new("/usr/bin/time");
    command.arg("-v");
    let inner = tiepdan(db);
    command
        .arg(inner.get_program())
        .args(inner.get_args())
        .arg("import")
        .arg(file);
    command.env("TIEPDAN_CONFIG_DIR", db.parent().unwrap());
    let started = Instant::now();
    let out = command.output().expect("/usr/bin/time runs");
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let cost = Cost {
        wall: seconds,
        cpu: reported(&stderr, "User time (seconds):")
            + reported(&stderr, "System time (seconds):"),
        rss_mb: reported(&stderr, "Maximum resident set size (kbytes):") / 1024.0,
    };
    (
        cost,
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
    )
}

/// The petition codes a logbook file holds (every row of the program's own export has one).
fn codes_in(file: &Path, csv_file: &Path) -> std::collections::BTreeSet<String> {
    if file.extension().is_some_and(|e| e == "jsonl") {
        let text = std::fs::read_to_string(file).unwrap();
        return text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["code"]
                    .as_str()
                    .expect("a code on every line")
                    .to_string()
            })
            .collect();
    }
    // The XLSX holds the CSV's cells.
    let text = std::fs::read_to_string(csv_file).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "code")
        .expect("a code column");
    reader
        .records()
        .map(|r| r.unwrap()[at].to_string())
        .collect()
}

/// The petition codes the database holds.
fn codes_stored(db: &Path) -> std::collections::BTreeSet<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT code FROM petition").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn main() {
    let args = args();
    let files = logbooks(&args);
    println!("| file | run | wall | CPU (user+sys) | peak RSS | result |");
    println!("|---|---|---:|---:|---:|---|");
    for file in &files {
        let db = args.dir.join("import-bench.sqlite3");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        let name = format!(
            "{} ({size:.0} MB)",
            file.file_name().unwrap().to_string_lossy()
        );
        let expected = codes_in(file, &files[0]);
        assert_eq!(expected.len(), args.rows, "{name}: the logbook's rows");
        for run in ["new database", "again"] {
            let (cost, result) = timed_import(&db, file);
            let stored = codes_stored(&db);
            assert!(
                stored == expected,
                "{name}, {run}: the database holds {} petitions, the file {} ({} missing, {} extra)",
                stored.len(),
                expected.len(),
                expected.difference(&stored).count(),
                stored.difference(&expected).count()
            );
            println!(
                "| {name} | {run} | {:.1} s | {:.1} s | {:.0} MB | {result} |",
                cost.wall, cost.cpu, cost.rss_mb
            );
        }
    }
}
