//! Two processes on one database: the deadline board open in a pseudo-terminal while the command
//! line logs a visit; the new petition must appear on the board without a key being pressed.
//! Every wait polls the emulated screen (no fixed sleeps). Unix only: the pty is real.
#![cfg(unix)]
use std::time::{Duration, Instant};

mod common;
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
