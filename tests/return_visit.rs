//! A citizen who comes back about a petition already on file: `visit add --on CODE` records the
//! visit on that petition (the TUI's Ctrl-T does the same through the same core call) — the visit
//! is counted, the petition's timeline says the citizen came back, and no new petition is made.

mod common;

use common::Desk;

#[test]
fn a_return_visit_is_recorded_on_the_petition_without_a_new_one() {
    let desk = Desk::new();
    let code = desk.file_petition(
        "Lê Văn An",
        "khieu-nai",
        "Khiếu nại thu hồi đất thửa 12",
        "2026-11-02",
        &["--cccd", "001089012345"],
    );
    assert_eq!((desk.petitions(), desk.count("visit")), (1, 1));

    let said = desk.ok(&[
        "visit",
        "add",
        "--on",
        &code,
        "--name",
        "Lê Văn An",
        "--cccd",
        "001089012345",
        "--headcount",
        "2",
    ]);
    assert_eq!(said.trim(), code, "the petition's own code, not a new one");
    assert_eq!(desk.petitions(), 1, "no new petition");
    assert_eq!(desk.count("visit"), 2, "the visit itself is counted");

    let shown = desk.ok(&["petition", "show", &code]);
    assert!(
        shown.contains("công dân đến lại về đơn này") && shown.contains("2 người"),
        "the timeline records the return visit:\n{shown}"
    );
    // The kind and subject were the petition's: nothing about the petition changed.
    assert!(shown.contains("Khiếu nại thu hồi đất thửa 12"), "{shown}");
    let json: serde_json::Value = serde_json::from_str(&desk.ok(&[
        "visit",
        "add",
        "--on",
        &code,
        "--name",
        "Lê Văn An",
        "--json",
    ]))
    .unwrap();
    assert_eq!(json["petition_code"], code.as_str());
    assert_eq!(json["new_petition"], false);
    desk.ok(&["check"]);
}

#[test]
fn a_return_visit_on_a_closed_petition_warns_and_an_unknown_code_is_refused() {
    let desk = Desk::new();
    let code = desk.file_petition(
        "Trần Thị Bình",
        "kien-nghi",
        "Kiến nghị sửa đường liên thôn",
        "2026-11-02",
        &["--handling", "guide", "--to-agency", "UBND huyện"],
    );
    let out = desk.run(&["visit", "add", "--on", &code, "--name", "Trần Thị Bình"]);
    assert!(out.status.success());
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(
        warning.contains(&format!("đơn {code} đã kết thúc")) && warning.contains("lập đơn mới"),
        "a closed petition is named as closed: {warning}"
    );
    assert_eq!(desk.petitions(), 1);

    let err = desk.fails(&["visit", "add", "--on", "2026-999999", "--name", "Ai Đó"]);
    assert!(err.contains("2026-999999"), "{err}");
    assert_eq!(
        desk.count("visit"),
        2,
        "nothing written for an unknown code"
    );
}

#[test]
fn without_on_the_kind_and_subject_are_still_required() {
    let desk = Desk::new();
    common::create_empty_db(&desk.db());
    for (args, missing) in [
        (["--subject", "Đường"], "--kind"),
        (["--kind", "khieu-nai"], "--subject"),
    ] {
        let out =
            desk.run(&[&["visit", "add", "--name", "Phạm Văn Cường"][..], &args[..]].concat());
        assert_eq!(out.status.code(), Some(2), "a usage error");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(missing), "names the missing option: {err}");
    }
    assert_eq!(desk.petitions(), 0);
}
