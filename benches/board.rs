//! The deadline board through a real pseudo-terminal (portable-pty + vt100), on a copy of a big
//! database opened read-only at 120×40, TERM=xterm-256color: time from launch to the desk's first
//! frame, from the key `b` to the board's, and bytes written per selection move and per opening
//! and closing of a petition (issue #5). A `harness = false` binary: it runs under `cargo bench`
//! only.
//!
//! ```sh
//! cp /tmp/tui-1m.db /tmp/tui-1m-m.db   # opened read-only, but measured on a copy all the same
//! target/release/tiepdan --db /tmp/tui-1m-m.db --today 2026-11-24 due --limit 1   # migrates it
//! cargo bench --bench board -- --db /tmp/tui-1m-m.db
//! ```
#![cfg_attr(not(unix), allow(unused))]

#[cfg(unix)]
fn main() {
    let mut args = std::env::args().skip(1);
    let mut db = std::env::var("BOARD_BENCH_DB").ok();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            db = args.next();
        }
    }
    let Some(db) = db else {
        eprintln!("board bench: give a database with --db PATH (or BOARD_BENCH_DB); skipped");
        return;
    };
    measure(&db);
}

#[cfg(not(unix))]
fn main() {
    eprintln!("board bench: needs a Unix pseudo-terminal; skipped");
}

#[cfg(unix)]
fn measure(db: &str) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::{Read, Write};
    use std::num::NonZeroU16;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};
    const TIMEOUT: Duration = Duration::from_secs(60);

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
    cmd.args(["--db", db, "--read-only", "--today", "2026-11-24"]);
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
            assert!(
                start.elapsed() < TIMEOUT,
                "{text} never showed (is the database migrated? see the header); the screen:\n{}",
                screen.lock().unwrap().screen().contents()
            );
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
