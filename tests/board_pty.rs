//! Two processes on one database: the deadline board open in a pseudo-terminal while the command
//! line logs a visit; the new petition must appear on the board without a key being pressed.
//! Every wait polls the emulated screen (no fixed sleeps). Unix only: the pty is real.
#![cfg(unix)]
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Tui {
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("config")).unwrap();
        Desk { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("desk.sqlite3")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// Runs the binary's command line on the same database (to set up earlier records).
    fn cli(&self, args: &[&str]) -> String {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
            .args([
                "--db",
                self.db().to_str().unwrap(),
                "--today",
                "2026-11-24",
                "--as",
                "lan",
            ])
            .args(args)
            .env("TIEPDAN_CONFIG_DIR", self.config())
            .env_remove("TIEPDAN_DB")
            .env_remove("TIEPDAN_LANG")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    }

    fn open_tui(&self) -> Tui {
        Tui::spawn(&self.db(), &self.config())
    }

    fn sqlite(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).unwrap()
    }
}

impl Tui {
    fn spawn(db: &Path, config: &Path) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tiepdan"));
        cmd.args([
            "--db",
            db.to_str().unwrap(),
            "--today",
            "2026-11-24",
            "--as",
            "lan",
        ]);
        cmd.env("TIEPDAN_CONFIG_DIR", config);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("TIEPDAN_DB");
        cmd.env_remove("TIEPDAN_LANG");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(30).unwrap(),
            NonZeroU16::new(100).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (screen_in, raw_in) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                screen_in.lock().unwrap().process(&buf[..n]);
                raw_in.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Tui {
            screen,
            raw,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Polls the screen until `text` shows; fails with the whole screen if it never does.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "`{text}` did not appear within {TIMEOUT:?}; the screen:\n{}",
            self.contents()
        );
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types into the focused field and waits until the screen shows it, so the next key lands
    /// in the field the test means.
    fn type_and_see(&mut self, text: &str, shown: &str) {
        self.send(text);
        self.wait_for(shown);
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("the TUI did not exit; the screen:\n{}", self.contents());
    }

    fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn a_visit_logged_by_the_cli_appears_on_the_open_board_without_a_key() {
    let desk = Desk::new();
    desk.cli(&[
        "visit",
        "add",
        "--name",
        "Nguyễn Văn A",
        "--kind",
        "phan anh",
        "--subject",
        "Đèn đường hỏng trước chợ",
    ]);
    let mut tui = desk.open_tui();
    tui.wait_for("Bàn làm việc");
    tui.send("b");
    tui.wait_for("Hạn xử lý: 1 đơn");
    desk.cli(&[
        "visit",
        "add",
        "--name",
        "Trần Thị B",
        "--kind",
        "khieu nai",
        "--subject",
        "Khiếu nại cấp sổ đỏ chậm",
    ]);
    let start = Instant::now();
    tui.wait_for("2026-000002");
    let took = start.elapsed();
    tui.wait_for("Hạn xử lý: 2 đơn");
    assert!(
        took < Duration::from_secs(3),
        "the board took {took:?} to show the new petition"
    );
    tui.send("q");
    tui.wait_exit();
}

/// Bytes written per selection move and time to the board's first frame, on a copy of a big
/// database: `BOARD_BENCH_DB=/path/copy.sqlite3 cargo test --release --test board_pty -- --ignored --nocapture`.
#[test]
#[ignore]
fn board_bytes_and_first_frame() {
    let Ok(db) = std::env::var("BOARD_BENCH_DB") else {
        return;
    };
    let config = tempfile::tempdir().unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tiepdan"));
    cmd.args(["--db", &db, "--read-only", "--today", "2026-11-24"]);
    cmd.env("TIEPDAN_CONFIG_DIR", config.path());
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let screen = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(40).unwrap(),
        NonZeroU16::new(120).unwrap(),
        0,
    )));
    let raw = Arc::new(Mutex::new(0usize));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (screen_in, raw_in) = (Arc::clone(&screen), Arc::clone(&raw));
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            screen_in.lock().unwrap().process(&buf[..n]);
            *raw_in.lock().unwrap() += n;
        }
    });
    let mut writer = pair.master.take_writer().unwrap();
    let wait = |text: &str| {
        let start = Instant::now();
        while !screen.lock().unwrap().screen().contents().contains(text) {
            assert!(start.elapsed() < TIMEOUT, "{text} never showed");
            std::thread::sleep(Duration::from_millis(1));
        }
    };
    let settle = || {
        let mut last = *raw.lock().unwrap();
        loop {
            std::thread::sleep(Duration::from_millis(150));
            let now = *raw.lock().unwrap();
            if now == last {
                return now;
            }
            last = now;
        }
    };
    wait("Bàn làm việc");
    settle();
    let start = Instant::now();
    writer.write_all(b"b").unwrap();
    writer.flush().unwrap();
    wait("Hạn xử lý:");
    println!("board first frame after the key: {:?}", start.elapsed());
    let before = settle();
    let moves = 20;
    for _ in 0..moves {
        writer.write_all(b"\x1b[B").unwrap();
        writer.flush().unwrap();
        settle();
    }
    let after = settle();
    println!(
        "bytes per selection move (120x40): {}",
        (after - before) / moves
    );
    let _ = child.kill();
}
