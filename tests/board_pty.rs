//! Two processes on one database: the deadline board open in a pseudo-terminal while the command
//! line logs a visit; the new petition must appear on the board without a key being pressed.
//! Every wait polls the emulated screen (no fixed sleeps). Unix only: the pty is real.
#![cfg(unix)]
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod pty;
use pty::*;

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

/// The board starts and draws under every terminal type a desk or an inspector's SSH session is
/// likely to have, and the program leaves cleanly (no panic, exit status 0).
#[test]
fn the_board_renders_under_common_terminal_types() {
    let desk = Desk::new();
    desk.cli(&[
        "visit",
        "add",
        "--name",
        "Nguyễn Văn A",
        "--kind",
        "khieu nai",
        "--subject",
        "Khiếu nại cấp sổ đỏ chậm",
    ]);
    for term in [
        "xterm-256color",
        "screen",
        "tmux-256color",
        "linux",
        "vt100",
    ] {
        let mut tui = desk.open_tui_as(term);
        tui.wait_for("Bàn làm việc");
        tui.send("b");
        tui.wait_for("Hạn xử lý: 1 đơn");
        tui.wait_for("2026-000001");
        tui.send("q");
        let status = tui.wait_exit();
        assert!(status.success(), "TERM={term}: {status:?}");
        let raw = String::from_utf8_lossy(&tui.raw_output()).into_owned();
        assert!(!raw.contains("panicked"), "TERM={term} panicked:\n{raw}");
    }
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
    let launched = Instant::now();
    wait("Bàn làm việc");
    println!("desk first frame after launch: {:?}", launched.elapsed());
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
    let rounds = 5;
    for _ in 0..rounds {
        writer.write_all(b"\r").unwrap();
        writer.flush().unwrap();
        wait("Hồ sơ đơn");
        settle();
        writer.write_all(b"\x1b").unwrap();
        writer.flush().unwrap();
        // Esc alone is only known for Esc once no key follows it.
        let start = Instant::now();
        while screen
            .lock()
            .unwrap()
            .screen()
            .contents()
            .contains("Hồ sơ đơn")
        {
            assert!(start.elapsed() < TIMEOUT, "the petition never closed");
            std::thread::sleep(Duration::from_millis(1));
        }
        settle();
    }
    let closed = settle();
    println!(
        "bytes per opening and closing a petition (120x40): {}",
        (closed - after) / rounds
    );
    let _ = child.kill();
}
