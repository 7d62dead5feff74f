//! Command-line arguments of any text, given to the real binary: every run ends with success
//! (0), a user error (1) or a usage error (2) — never a panic, a signal or a hang — and nothing
//! it prints carries SQLite's own error text.
//!
//! The input picks a command from a fixed list (so the fuzzer spends its time on the values)
//! and gives it up to eight arguments, separated by NUL bytes. Arguments naming a path outside
//! the run's folder (`/`, `..`) are dropped: the binary may write what it is asked to. The
//! binary is `TIEPDAN_BIN` (default `../target/release/tiepdan`, built by `fuzz/run.sh`); its
//! database is a small demo one in a temporary folder, made once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// Statics, not thread-locals (see `csv_import.rs`).
static DIR: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let status = tiepdan(dir.path())
        .args(["demo", "--petitions", "30", "--seed", "3"])
        .status()
        .expect("TIEPDAN_BIN runs");
    assert!(status.success(), "the demo database is made");
    dir
});

fn binary() -> PathBuf {
    std::env::var_os("TIEPDAN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/release/tiepdan")
        })
}

fn tiepdan(dir: &std::path::Path) -> Command {
    let mut command = Command::new(binary());
    command
        .current_dir(dir)
        .env("TIEPDAN_CONFIG_DIR", dir.join("config"))
        .env("NO_COLOR", "1")
        .env_remove("TIEPDAN_DB")
        .env_remove("TIEPDAN_LANG")
        .arg("--db")
        .arg(dir.join("desk.sqlite3"))
        .args(["--today", "2026-11-24", "--as", "fuzz"])
        .stdin(Stdio::null());
    command
}

/// The commands the values are given to, with the arguments they need first.
const COMMANDS: &[&[&str]] = &[
    &["due"],
    &["due", "--within"],
    &["due", "--limit"],
    &["search"],
    &["search", "--limit"],
    &["repeats", "--min"],
    &["repeats", "--limit"],
    &["demo", "--petitions"],
    &["report", "--period"],
    &["report", "--period", "2026-Q4", "--cutoff-day"],
    &["logbook", "--period"],
    &["petition", "show"],
    &["petition", "advance", "2026-000001", "--to"],
    &["petition", "advance", "2026-000001", "--to", "gia hạn", "--days"],
    &["petition", "link", "2026-000002", "--repeat-of"],
    &["visit", "add", "--name", "Lê Văn Tám", "--kind", "kiến nghị", "--subject", "Đường", "--headcount"],
    &["visit", "add", "--name", "Lê Văn Tám", "--kind", "kiến nghị", "--subject", "Đường", "--received"],
    &["visit", "add", "--name", "Lê Văn Tám", "--kind", "kiến nghị", "--subject", "Đường", "--birth-year"],
    &["visit", "add", "--name"],
    &["citizen", "show"],
    &["check"],
    &["--lang"],
];

/// The slowest a run may be: a demo of the largest accepted size is skipped (below).
const TIMEOUT: Duration = Duration::from_secs(30);

const LIBRARY_WORDS: &[&str] = &["constraint", "SQLITE", "sqlite3_", "UNIQUE", "CHECK constraint"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let command = COMMANDS[pick as usize % COMMANDS.len()];
    let values: Vec<String> = rest
        .split(|b| *b == 0)
        .take(8)
        .filter_map(|v| std::str::from_utf8(v).ok())
        .filter(|v| !v.contains('/') && !v.contains(".."))
        .map(str::to_string)
        .collect();
    // A valid, large demo count would run for minutes: the range check is what is fuzzed.
    if command == ["demo", "--petitions"]
        && values.first().and_then(|v| v.trim().parse::<u64>().ok()).is_some_and(|n| n > 100)
    {
        return;
    }
    // Files, not pipes: a run that prints much must not block on a full pipe while timed.
    let (out_path, err_path) = (DIR.path().join("stdout"), DIR.path().join("stderr"));
    let mut child = tiepdan(DIR.path())
        .args(command)
        .args(&values)
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("TIEPDAN_BIN runs");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("{command:?} {values:?} still running after {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let (stdout, stderr) = (
        std::fs::read(&out_path).unwrap(),
        std::fs::read(&err_path).unwrap(),
    );
    let stderr_text = String::from_utf8_lossy(&stderr);
    assert!(
        matches!(status.code(), Some(0..=2)) && !stderr_text.contains("panicked"),
        "{command:?} {values:?}: {status:?}\n{stderr_text}"
    );
    for (stream, bytes) in [("stdout", &stdout), ("stderr", &stderr)] {
        let text = String::from_utf8_lossy(bytes);
        for word in LIBRARY_WORDS {
            assert!(!text.contains(word), "{command:?} {values:?}: {word} on {stream}:\n{text}");
        }
    }
});
