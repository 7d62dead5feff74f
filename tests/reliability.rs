//! Nothing lost under load or power loss, proven with the real binary: many desks writing at once
//! while another desk reads (the command line, and the deadline board open in a pseudo-terminal),
//! a writer killed with SIGKILL at random moments, and the durable settings
//! on every connection the store opens.
//!
//! The long variants (8 × 500 visits, 100 kills) are `#[ignore]`d; run them with
//! `cargo test --release --test reliability -- --ignored --nocapture` (numbers in BENCHMARKS.md).

mod common;
mod pty;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tiepdan::domain::Role;
use tiepdan::policy::Policy;
use tiepdan::store::{Access, Store};

/// What a user must never read: SQLite's lock errors, in either language.
const LOCK_WORDS: &[&str] = &["locked", "busy", "khoá", "khóa", "bận"];

struct Db {
    dir: tempfile::TempDir,
}

impl Db {
    fn new() -> Db {
        let db = Db {
            dir: tempfile::tempdir().unwrap(),
        };
        common::create_empty_db(&db.path());
        let out = db.tiepdan(&["due"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        db
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("desk.sqlite3")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn tiepdan(&self, args: &[&str]) -> Command {
        let mut cmd = common::tiepdan(&self.path(), &self.config());
        cmd.args(args);
        cmd
    }

    fn visit_add(&self, who: &str) -> Command {
        self.tiepdan(&[
            "visit",
            "add",
            "--name",
            &format!("Người dân {who}"),
            "--kind",
            "kiến nghị",
            "--subject",
            &format!("Sửa đường thôn {who}"),
        ])
    }

    /// `tiepdan check` passes on the file as it is now.
    fn assert_check_passes(&self) {
        let out = self.tiepdan(&["check"]).output().unwrap();
        assert!(
            out.status.success(),
            "check failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// (petitions, visits, distinct petition codes) as the file holds them.
    fn counts(&self) -> (i64, i64, i64) {
        let conn = Connection::open(self.path()).unwrap();
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        (
            count("SELECT COUNT(*) FROM petition"),
            count("SELECT COUNT(*) FROM visit"),
            count("SELECT COUNT(DISTINCT code) FROM petition"),
        )
    }

    fn stored_codes(&self) -> HashSet<String> {
        let conn = Connection::open(self.path()).unwrap();
        let mut stmt = conn.prepare("SELECT code FROM petition").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }
}

fn assert_no_lock_message(stderr: &[u8], what: &str) {
    let text = String::from_utf8_lossy(stderr).to_lowercase();
    for word in LOCK_WORDS {
        assert!(!text.contains(word), "{what} showed “{word}”: {text}");
    }
}

fn succeeded(out: &Output, what: &str) -> String {
    assert_no_lock_message(&out.stderr, what);
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Reads the way a second desk does (search and the deadline list) until `stop`; returns reads.
fn keep_reading(db: &Db, stop: &AtomicBool) -> usize {
    let mut reads = 0;
    while !stop.load(Ordering::SeqCst) {
        let args: &[&str] = if reads % 2 == 0 {
            &["search", "duong thon"]
        } else {
            &["due", "--json"]
        };
        succeeded(&db.tiepdan(args).output().unwrap(), "reader");
        reads += 1;
    }
    reads
}

struct LoadResult {
    codes: Vec<String>,
    reads: usize,
    elapsed: Duration,
}

/// The deadline board open in a pseudo-terminal: it re-reads the file whenever another desk
/// commits, so it reads all through the load.
fn open_board(db: &Db) -> pty::Tui {
    let mut tui = pty::Tui::spawn(&db.path(), &db.config());
    tui.wait_for("Bàn làm việc");
    tui.send("b");
    tui.wait_for("Hạn xử lý: 0 đơn");
    tui
}

/// `writers` desks each log `visits` visits, one `tiepdan visit add` process per visit, all at
/// once, while one more desk keeps reading.
fn write_concurrently(db: &Db, writers: usize, visits: usize) -> LoadResult {
    let stop = AtomicBool::new(false);
    let started = Instant::now();
    let (codes, reads) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| keep_reading(db, &stop));
        let desks: Vec<_> = (0..writers)
            .map(|w| {
                scope.spawn(move || {
                    (0..visits)
                        .map(|i| {
                            let out = db.visit_add(&format!("{w}-{i}")).output().unwrap();
                            succeeded(&out, "writer").trim().to_string()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let codes: Vec<String> = desks.into_iter().flat_map(|d| d.join().unwrap()).collect();
        stop.store(true, Ordering::SeqCst);
        (codes, reader.join().unwrap())
    });
    LoadResult {
        codes,
        reads,
        elapsed: started.elapsed(),
    }
}

fn concurrent_desks_lose_nothing(writers: usize, visits: usize) {
    let db = Db::new();
    let mut board = open_board(&db);
    let result = write_concurrently(&db, writers, visits);
    let expected = writers * visits;
    board.wait_for(&format!("Hạn xử lý: {expected} đơn"));
    board.send("q");
    assert!(board.wait_exit().success());
    assert_no_lock_message(&board.raw_output(), "the board");
    let unique: HashSet<&String> = result.codes.iter().collect();
    assert_eq!(result.codes.len(), expected, "every writer printed a code");
    assert_eq!(unique.len(), expected, "no code handed out twice");
    assert!(result.codes.iter().all(|c| !c.is_empty()));
    let (petitions, visits_stored, distinct) = db.counts();
    assert_eq!(petitions as usize, expected, "every petition stored");
    assert_eq!(visits_stored as usize, expected, "every visit stored");
    assert_eq!(distinct, petitions, "no duplicate codes in the file");
    let stored = db.stored_codes();
    assert!(unique.iter().all(|c| stored.contains(*c)));
    assert!(result.reads > 0, "the reading desk got answers meanwhile");
    db.assert_check_passes();
    eprintln!(
        "reliability: {writers} writers × {visits} visits = {expected} in {:.1} s \
         ({:.0} visits/s), {} reads alongside",
        result.elapsed.as_secs_f64(),
        expected as f64 / result.elapsed.as_secs_f64(),
        result.reads
    );
}

#[test]
fn eight_desks_writing_at_once_lose_nothing() {
    concurrent_desks_lose_nothing(8, 20);
}

#[test]
#[ignore = "long: 4,000 visits; run with --ignored, numbers in BENCHMARKS.md"]
fn eight_desks_times_five_hundred_visits_lose_nothing() {
    concurrent_desks_lose_nothing(8, 500);
}

/// A shell loop logging visits one process after another, in its own process group so one
/// SIGKILL takes down the shell and whichever `tiepdan` is mid-write.
fn spawn_writer_loop(db: &Db, round: usize) -> Child {
    const LOOP: &str = r#"i=0; while :; do i=$((i+1));
        "$0" --db "$1" --today 2026-11-24 visit add --name "Người dân $2-$i" \
            --kind 'kiến nghị' --subject "Sửa đường thôn $2-$i" || exit 1; done"#;
    let mut shell = common::isolated("sh", &db.config());
    shell
        .args(["-c", LOOP, env!("CARGO_BIN_EXE_tiepdan")])
        .arg(db.path())
        .arg(format!("k{round}"));
    std::os::unix::process::CommandExt::process_group(&mut shell, 0);
    shell
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn kill_group(child: &Child) {
    // SAFETY: plain syscall on a process group this test created and still owns.
    let rc = unsafe { libc::killpg(child.id() as libc::pid_t, libc::SIGKILL) };
    assert_eq!(rc, 0, "killpg: {}", std::io::Error::last_os_error());
}

/// Kills a visit-logging writer `rounds` times at random moments (seeded, so a failure can be
/// replayed); after each kill `check` passes and every code the writer printed is stored.
fn killed_writers_lose_nothing_printed(rounds: usize, seed: u64) {
    let db = Db::new();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut printed_total = 0;
    for round in 0..rounds {
        let child = spawn_writer_loop(&db, round);
        std::thread::sleep(Duration::from_millis(rng.random_range(20..400)));
        kill_group(&child);
        let out = child.wait_with_output().unwrap();
        assert_no_lock_message(&out.stderr, "killed writer");
        let printed: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect();
        printed_total += printed.len();
        db.assert_check_passes();
        let stored = db.stored_codes();
        for code in &printed {
            assert!(
                stored.contains(code),
                "round {round}: {code} printed but lost"
            );
        }
    }
    let (petitions, visits, distinct) = db.counts();
    assert_eq!(petitions, visits, "every stored petition has its visit");
    assert_eq!(distinct, petitions);
    let printed = printed_total as i64;
    // 0 printed and 0 stored would "pass" without a single write having been put at risk.
    assert!(
        printed > 0,
        "no writer printed a code in {rounds} rounds: nothing was tested"
    );
    assert!(petitions >= printed);
    eprintln!(
        "reliability: {rounds} SIGKILLs (seed {seed}): {printed} codes printed, \
         {petitions} petitions stored, check passed every time"
    );
}

#[test]
fn a_writer_killed_at_random_moments_loses_nothing_it_printed() {
    killed_writers_lose_nothing_printed(10, 7);
}

#[test]
#[ignore = "long: 100 kills; run with --ignored, numbers in BENCHMARKS.md"]
fn a_writer_killed_a_hundred_times_loses_nothing_it_printed() {
    killed_writers_lose_nothing_printed(100, 2026);
}

fn durability(path: &Path, access: Access) -> (String, i64) {
    let store = Store::open(path, access, Policy::legal_default()).unwrap();
    let (mode, sync) = store.durability().unwrap();
    (mode.to_lowercase(), sync)
}

#[test]
fn every_connection_is_wal_with_full_sync() {
    let db = Db::new();
    let want = ("wal".to_string(), 2);
    assert_eq!(
        durability(&db.path(), Access::ReadWrite),
        want,
        "read-write"
    );
    assert_eq!(durability(&db.path(), Access::ReadOnly), want, "read-only");
    // A brand-new file (created by this open) and a second writer on the same file.
    let fresh = db.dir.path().join("fresh.sqlite3");
    assert_eq!(durability(&fresh, Access::ReadWrite), want, "new file");
    let _first = Store::open(&fresh, Access::ReadWrite, Policy::legal_default()).unwrap();
    assert_eq!(durability(&fresh, Access::ReadWrite), want, "second writer");
    // The desk's search worker and dashboard open their own connections with `Store::open_as`.
    for role in [Role::Operator, Role::Inspector, Role::Admin] {
        let store = Store::open_as(&db.path(), role, Policy::legal_default()).unwrap();
        let (mode, sync) = store.durability().unwrap();
        assert_eq!((mode.to_lowercase(), sync), want, "{role:?}");
    }
    // The file itself stays in WAL mode for any later opener.
    let conn = Connection::open(db.path()).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
}

#[test]
fn killing_a_writer_group_really_kills_it() {
    // Guards the crash test itself: the kill must land, or the test proves nothing.
    let db = Db::new();
    let child = spawn_writer_loop(&db, 0);
    // However loaded the machine, wait until the loop has written something.
    let deadline = Instant::now() + Duration::from_secs(60);
    while db.counts().0 == 0 {
        assert!(Instant::now() < deadline, "the writer loop never wrote");
        std::thread::sleep(Duration::from_millis(20));
    }
    kill_group(&child);
    let status = child.wait_with_output().unwrap().status;
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(libc::SIGKILL)
    );
    let before = db.counts().0;
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(db.counts().0, before, "nothing writes after the kill");
}
