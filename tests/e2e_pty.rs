//! The real binary in a pseudo-terminal: type a visit, save it, quit, and read the database.
//!
//! Every wait polls the emulated screen until the expected text appears (generous timeout, no
//! fixed sleeps), so the test holds on a loaded 2-core CI machine. Unix only: the pty is real.
#![cfg(unix)]

use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

const TAB: &str = "\t";
const CTRL_S: &str = "\x13";
const CTRL_L: &str = "\x0c";
const F2: &str = "\x1bOQ";

mod common;
mod pty;
use pty::*;

/// Fills the new-visit form from the name field down to the subject, the way an operator would.
fn fill_visit(tui: &mut Tui, name: &str, name_shown: &str, subject: &str, subject_shown: &str) {
    tui.type_and_see(name, name_shown);
    tui.send(TAB);
    tui.type_and_see("001185012345", "001185012345");
    tui.send(TAB);
    tui.type_and_see("0912 345 678", "0912 345 678");
    tui.send(TAB);
    tui.type_and_see("xã Cẩm Xuyên, tỉnh Hà Tĩnh", "xã Cẩm Xuyên");
    tui.send(TAB);
    tui.type_and_see("khieu", "khieu → khiếu nại");
    tui.send(TAB);
    tui.wait_for("Lần khiếu nại");
    tui.send(TAB);
    tui.type_and_see("dat", "dat → đất đai");
    tui.send(TAB);
    tui.type_and_see(subject, subject_shown);
}

#[test]
fn a_visit_typed_in_vietnamese_is_saved_in_nfc() {
    let desk = Desk::new();
    let mut tui = desk.open_tui();
    tui.wait_for("Cơ sở dữ liệu chưa có đơn nào");
    tui.send("n");
    tui.wait_for("Tiếp công dân mới");
    fill_visit(
        &mut tui,
        "Nguyễn Thị Minh Khai",
        "Nguyễn Thị Minh Khai",
        "Tranh chấp ranh giới đất",
        "Tranh chấp ranh giới đất",
    );
    tui.send(CTRL_S);
    tui.wait_for("Đã lưu lượt tiếp và đơn 2026-000001");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let db = desk.sqlite();
    let (name, id_number, phone): (String, String, String) = db
        .query_row("SELECT full_name, id_number, phone FROM citizen", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        (name.as_str(), id_number.as_str(), phone.as_str()),
        ("Nguyễn Thị Minh Khai", "001185012345", "0912345678")
    );
    let (code, kind, field, subject): (String, String, String, String) = db
        .query_row("SELECT code, kind, field, subject FROM petition", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(
        (code.as_str(), kind.as_str(), field.as_str()),
        ("2026-000001", "complaint", "land")
    );
    assert_eq!(subject, "Tranh chấp ranh giới đất");
    let visits: i64 = db
        .query_row("SELECT COUNT(*) FROM visit", [], |r| r.get(0))
        .unwrap();
    assert_eq!(visits, 1);
}

#[test]
fn a_visit_typed_decomposed_is_stored_composed() {
    let desk = Desk::new();
    let mut tui = desk.open_tui();
    tui.wait_for("Cơ sở dữ liệu chưa có đơn nào");
    tui.send("n");
    tui.wait_for("Tiếp công dân mới");
    let name_nfd: String = "Trần Văn Ấn".nfd().collect();
    let subject_nfd: String = "Đề nghị cấp sổ đỏ".nfd().collect();
    assert_ne!(name_nfd, "Trần Văn Ấn");
    fill_visit(
        &mut tui,
        &name_nfd,
        "Trần Văn Ấn",
        &subject_nfd,
        "Đề nghị cấp sổ đỏ",
    );
    tui.send(F2);
    tui.wait_for("Đã lưu lượt tiếp và đơn 2026-000001");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let db = desk.sqlite();
    let name: String = db
        .query_row("SELECT full_name FROM citizen", [], |r| r.get(0))
        .unwrap();
    let subject: String = db
        .query_row("SELECT subject FROM petition", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Trần Văn Ấn");
    assert_eq!(name, name.nfc().collect::<String>());
    assert_eq!(subject, "Đề nghị cấp sổ đỏ");
}

#[test]
fn a_known_citizen_typed_without_diacritics_is_offered_and_linked_as_a_repeat() {
    let desk = Desk::new();
    let earlier = desk.cli(&[
        "visit",
        "add",
        "--name",
        "Nguyễn Thị Minh Khai",
        "--address",
        "Thôn 3, xã Cẩm Xuyên, tỉnh Hà Tĩnh",
        "--kind",
        "complaint",
        "--field",
        "land",
        "--subject",
        "Tranh chấp ranh giới đất với hộ liền kề",
        "--received",
        "2026-09-02",
        "--handling",
        "accept",
    ]);
    assert_eq!(earlier, "2026-000001");

    let mut tui = desk.open_tui();
    tui.wait_for("Bàn làm việc");
    tui.send("n");
    tui.wait_for("Tiếp công dân mới");
    tui.type_and_see("nguyen thi minh khai", "nguyen thi minh khai");
    // The earlier petition shows in the possible-repeats pane, with why.
    tui.wait_for("2026-000001 · 02/09/2026");
    tui.wait_for("tên giống");
    tui.send(CTRL_L);
    // Asked first, naming the petition and its status.
    tui.wait_for("lặp lại của đơn 2026-000001 (đã thụ");
    tui.send("\r");
    tui.wait_for("⛓ Lặp lại đơn 2026-000001");
    for _ in 0..4 {
        tui.send(TAB);
    }
    tui.type_and_see("khieu", "khieu → khiếu nại");
    tui.send(TAB);
    tui.wait_for("Lần khiếu nại");
    tui.send(TAB);
    tui.type_and_see("dat", "dat → đất đai");
    tui.send(TAB);
    tui.type_and_see(
        "Vẫn chưa được giải quyết dứt điểm",
        "Vẫn chưa được giải quyết",
    );
    tui.send(CTRL_S);
    tui.wait_for("Đã lưu lượt tiếp và đơn 2026-000002");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let db = desk.sqlite();
    let linked: String = db
        .query_row(
            "SELECT e.code FROM petition p JOIN petition e ON e.id = p.repeat_of WHERE p.code = '2026-000002'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(linked, "2026-000001");
}

#[test]
fn sigterm_gives_the_terminal_back_and_keeps_saved_data() {
    let desk = Desk::new();
    desk.cli(&[
        "visit",
        "add",
        "--name",
        "Lê Hoa",
        "--kind",
        "report",
        "--subject",
        "Đèn đường hỏng",
    ]);
    let mut tui = desk.open_tui();
    tui.wait_for("Bàn làm việc");
    let pid = tui.child.process_id().expect("a pid");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    tui.wait_exit();
    // Wait for the reader to see the restore sequence: leave the alternate screen.
    let start = Instant::now();
    let leave = b"\x1b[?1049l";
    while !tui.raw_output().windows(leave.len()).any(|w| w == leave) {
        assert!(
            start.elapsed() < TIMEOUT,
            "the alternate screen was never left"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    let count: i64 = desk
        .sqlite()
        .query_row("SELECT COUNT(*) FROM petition", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);
}

/// From the desk, `r` opens the periodic report on this quarter with the figures counted; Tab
/// and the arrows change the period.
#[test]
fn the_report_screen_shows_this_quarters_figures() {
    let desk = Desk::new();
    for (name, headcount) in [("Nguyễn Văn A", "1"), ("Trần Thị B", "7")] {
        desk.cli(&[
            "visit",
            "add",
            "--name",
            name,
            "--kind",
            "phan anh",
            "--subject",
            "Đèn đường hỏng trước chợ",
            "--headcount",
            headcount,
        ]);
    }
    let mut tui = desk.open_tui();
    tui.wait_for("Bàn làm việc");
    tui.send("r");
    tui.wait_for("Quý 4/2026");
    tui.wait_for("(15/09/2026 – 14/12/2026)");
    wait_figure(&tui, "Lượt tiếp", "2");
    wait_figure(&tui, "Lượt người", "8");
    // The quarter before has nothing.
    tui.send("\x1b[D");
    tui.wait_for("Quý 3/2026");
    wait_figure(&tui, "Lượt tiếp", "0");
    tui.send("q");
    tui.wait_exit();
}

/// Polls until the report line `label` ends in `expected` (a frame may arrive in pieces).
fn wait_figure(tui: &Tui, label: &str, expected: &str) {
    let figure = || {
        let screen = tui.contents();
        let line = screen.lines().find(|l| l.contains(label))?.to_string();
        let figure = line.trim_end_matches([' ', '│']).rsplit(' ').next()?;
        Some(figure.to_string())
    };
    let start = Instant::now();
    while start.elapsed() < TIMEOUT {
        if figure().as_deref() == Some(expected) {
            return;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    panic!(
        "{label} never showed {expected} (last: {:?}); the screen:\n{}",
        figure(),
        tui.contents()
    );
}
