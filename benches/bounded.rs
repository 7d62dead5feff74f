//! Bounded inputs: memory that does not grow with what is wrong in a file. The real binary
//! imports, under `/usr/bin/time -v`,
//!
//! - a 6 MB CSV of a header, two good rows and 3,000,000 one-letter lines — refused (first fifty
//!   listed, the rest counted), then with `--skip-bad` (the two rows imported, a capped reject
//!   file);
//! - a workbook whose one cell holds 400 MB (a few hundred kilobytes zipped), once in the shared
//!   text table and once in the sheet itself — refused before it is read.
//!
//! Each run's peak RSS must stay ≤ 200 MB and its outcome be the expected one; the bench prints
//! a table and fails otherwise. `cargo bench --bench bounded [-- --lines N --cell-mb M --dir DIR]`;
//! numbers in BENCHMARKS.md ("Bounded inputs").

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const TODAY: &str = "2026-11-24";
const MAX_RSS_MB: f64 = 200.0;

struct Args {
    lines: usize,
    cell_mb: usize,
    dir: PathBuf,
}

fn args() -> Args {
    let mut parsed = Args {
        lines: 3_000_000,
        cell_mb: 400,
        dir: std::env::temp_dir().join("tiepdan-bounded-bench"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--lines" => parsed.lines = it.next().and_then(|n| n.parse().ok()).expect("--lines N"),
            "--cell-mb" => {
                parsed.cell_mb = it.next().and_then(|n| n.parse().ok()).expect("--cell-mb M")
            }
            "--dir" => parsed.dir = it.next().map(PathBuf::from).expect("--dir DIR"),
            _ => {} // cargo bench passes --bench
        }
    }
    parsed
}

const HEADER_AND_GOOD: &str = "Ngày tiếp,Họ tên,Loại đơn,Nội dung\n20/11/2026,Lê Văn Tám,khiếu nại,Đất đai\n21/11/2026,Võ Thị Lan,kiến nghị,Đường làng\n";

fn bad_csv(args: &Args) -> PathBuf {
    let path = args.dir.join(format!("bad-{}.csv", args.lines));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    out.write_all(HEADER_AND_GOOD.as_bytes()).unwrap();
    for _ in 0..args.lines {
        out.write_all(b"x\n").unwrap();
    }
    out.flush().unwrap();
    path
}

#[path = "../tests/common/workbook.rs"]
mod workbook;

/// A workbook whose one cell holds `--cell-mb` megabytes, in place of `marker` (see
/// `tests/common/workbook.rs`).
fn huge_cell_xlsx(args: &Args, name: &str, marker: &str, open: &str, close: &str) -> PathBuf {
    let path = args.dir.join(name);
    workbook::with_giant_cell(&path, marker, open, args.cell_mb << 20, close);
    path
}

/// A number `/usr/bin/time -v` printed after `label`.
fn reported(stderr: &str, label: &str) -> f64 {
    stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix(label))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(f64::NAN)
}

struct Run {
    code: Option<i32>,
    wall: f64,
    cpu: f64,
    rss_mb: f64,
    stdout: String,
    stderr: String,
}

/// `tiepdan import ARGS…` into a new database under `/usr/bin/time -v`.
fn import(args: &Args, import_args: &[&str], file: &Path) -> Run {
    let db = args.dir.join("bounded-bench.sqlite3");
    for suffix in ["", "-wal", "-shm", ".anchor"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--db")
        .arg(&db)
        .args(["--today", TODAY, "--lang", "en", "import"])
        .args(import_args)
        .arg(file)
        .env("TIEPDAN_CONFIG_DIR", &args.dir)
        .output()
        .expect("/usr/bin/time runs");
    let wall = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    Run {
        code: out.status.code(),
        wall,
        cpu: reported(&stderr, "User time (seconds):")
            + reported(&stderr, "System time (seconds):"),
        rss_mb: reported(&stderr, "Maximum resident set size (kbytes):") / 1024.0,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    }
}

fn main() {
    let args = args();
    std::fs::create_dir_all(&args.dir).unwrap();
    eprintln!("writing the files to {}…", args.dir.display());
    let csv = bad_csv(&args);
    let shared = huge_cell_xlsx(&args, "huge-shared.xlsx", "KHONGLO", "", "");
    let inline = huge_cell_xlsx(&args, "huge-sheet.xlsx", "<v>424242</v>", "<v>", "</v>");
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    let bad = args.lines.to_string();
    // (file, options, exit code, words the output must hold)
    let cases: Vec<(&Path, Vec<&str>, i32, Vec<String>)> = vec![
        (
            &csv,
            vec![],
            1,
            vec![format!("Nothing imported: {bad} bad row(s)")],
        ),
        (
            &csv,
            vec!["--skip-bad"],
            0,
            vec![
                "Imported 2 new".into(),
                format!("{bad} bad row(s) written to"),
            ],
        ),
        // Over 256 MB the shared text table is refused by its size in the zip's directory.
        (&shared, vec![], 1, vec!["“xl/sharedStrings.xml” is".into()]),
        (
            &inline,
            vec![],
            1,
            vec!["row 3: a cell holds more than 1 MB".into()],
        ),
    ];
    println!("| file | options | result | wall | CPU (user+sys) | peak RSS |");
    println!("|---|---|---|---:|---:|---:|");
    let mut failed = Vec::new();
    for (file, options, code, words) in &cases {
        let run = import(&args, options, file);
        let said = format!("{}{}", run.stdout, run.stderr);
        let name = format!(
            "{} ({:.1} MB)",
            file.file_name().unwrap().to_string_lossy(),
            size(file)
        );
        let last = |text: &str| {
            text.lines()
                .rfind(|l| {
                    !l.starts_with('\t') && !l.trim().is_empty() && !l.starts_with("Command")
                })
                .unwrap_or("")
                .to_string()
        };
        let result = match run.code {
            Some(0) => last(&run.stdout),
            _ => last(
                run.stderr
                    .split("\tCommand being timed")
                    .next()
                    .unwrap_or(""),
            ),
        };
        println!(
            "| {name} | {} | exit {}: {} | {:.1} s | {:.1} s | {:.0} MB |",
            options.join(" "),
            run.code.unwrap_or(-1),
            result.chars().take(90).collect::<String>(),
            run.wall,
            run.cpu,
            run.rss_mb
        );
        if run.code != Some(*code) || !words.iter().all(|w| said.contains(w.as_str())) {
            failed.push(format!(
                "{name} {options:?}: exit {:?}, expected {code} and {words:?}",
                run.code
            ));
        }
        if run.rss_mb.is_nan() || run.rss_mb > MAX_RSS_MB {
            failed.push(format!(
                "{name} {options:?}: peak RSS {:.0} MB > {MAX_RSS_MB} MB",
                run.rss_mb
            ));
        }
    }
    let rejects = args.dir.join(format!("bad-{}.rejects.csv", args.lines));
    println!(
        "\nreject file: {:.1} MB, {} lines",
        size(&rejects),
        std::fs::read(&rejects)
            .map(|b| b.iter().filter(|c| **c == b'\n').count())
            .unwrap_or(0)
    );
    if !failed.is_empty() {
        eprintln!("FAILED:\n{}", failed.join("\n"));
        std::process::exit(1);
    }
}
