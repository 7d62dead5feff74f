//! Corrections at the keyboard, in the real binary in a pseudo-terminal: `Ctrl-Z` right after a
//! save voids the petition just saved (a reason required), and `E` on a petition opens its
//! correction, recorded as an event in its history — never a silent edit.
#![cfg(unix)]

const TAB: &str = "\t";
const CTRL_S: &str = "\x13";
const CTRL_Z: &str = "\x1a";
const END: &str = "\x1b[F";

mod common;
mod pty;
use common::Desk;
use pty::*;

/// A new visit with the fewest fields: name, kind, subject; saved.
fn save_visit(tui: &mut Tui, name: &str, subject: &str) {
    tui.send("n");
    tui.wait_for("Tiếp công dân mới");
    tui.type_and_see(name, name);
    for _ in 0..4 {
        tui.send(TAB);
    }
    tui.type_and_see("khieu", "khieu → khiếu nại");
    tui.send(TAB);
    tui.wait_for("Lần khiếu nại");
    tui.send(TAB);
    tui.type_and_see("dat", "dat → đất đai");
    tui.send(TAB);
    tui.type_and_see(subject, subject);
    tui.send(CTRL_S);
    tui.wait_for("Đã lưu lượt tiếp và đơn 2026-000001");
}

fn status_and_subject(desk: &Desk) -> (String, String) {
    desk.sqlite()
        .query_row("SELECT status, subject FROM petition", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
}

#[test]
fn ctrl_z_right_after_a_save_voids_it_with_a_reason() {
    let desk = Desk::new();
    let mut tui = desk.open_tui();
    tui.wait_for("Cơ sở dữ liệu chưa có đơn nào");
    save_visit(&mut tui, "Lê Văn An", "Sửa đường");
    tui.send(CTRL_Z);
    tui.wait_for("hủy (nhập nhầm) — 2026-000001");
    // No reason, no voiding.
    tui.send(CTRL_S);
    tui.wait_for("lý do: không được để trống");
    assert_eq!(status_and_subject(&desk).0, "received");
    tui.send(TAB);
    tui.type_and_see("Nhập nhầm người", "Nhập nhầm người");
    tui.send(CTRL_S);
    tui.wait_for("2026-000001 → đã hủy (nhập nhầm)");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert_eq!(status_and_subject(&desk).0, "voided");
    let reason: String = desk
        .sqlite()
        .query_row(
            "SELECT json_extract(detail, '$.note') FROM event WHERE kind = 'voided'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason, "Nhập nhầm người");
    assert!(desk.run(&["check"]).status.success());
}

#[test]
fn e_on_a_petition_corrects_it_and_the_history_says_so() {
    let desk = Desk::new();
    let mut tui = desk.open_tui();
    tui.wait_for("Cơ sở dữ liệu chưa có đơn nào");
    save_visit(&mut tui, "Lê Văn An", "Sửa đường");
    tui.send("\r");
    tui.wait_for("Mã đơn");
    tui.wait_for("Đính chính");
    tui.send("E");
    tui.wait_for("đính chính — 2026-000001");
    tui.send(END);
    tui.type_and_see(" liên thôn", "Sửa đường liên thôn");
    for _ in 0..5 {
        tui.send(TAB);
    }
    tui.type_and_see("Thiếu tên tuyến", "Thiếu tên tuyến");
    tui.send(CTRL_S);
    tui.wait_for("✓ 2026-000001 đính chính");
    tui.wait_for("Sửa đường liên thôn");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert_eq!(
        status_and_subject(&desk),
        ("received".to_string(), "Sửa đường liên thôn".to_string())
    );
    let (actor, note): (String, String) = desk
        .sqlite()
        .query_row(
            "SELECT actor, json_extract(detail, '$.note') FROM event WHERE kind = 'corrected'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((actor.as_str(), note.as_str()), ("lan", "Thiếu tên tuyến"));
    assert!(desk.run(&["check"]).status.success());
}
