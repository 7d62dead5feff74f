//! Corrections, never silent edits: `petition edit` records what changed (old → new), who, when
//! and why, in the petition's history and the audit log, and `check` replays it; a change made
//! behind the program's back still fails `check`. `petition void` keeps a petition entered by
//! mistake, shown, but out of lists, counts and reports.

mod common;

use common::Desk;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

fn add(desk: &Desk, name: &str, kind: &str, subject: &str) -> String {
    desk.ok(&[
        "visit",
        "add",
        "--name",
        name,
        "--kind",
        kind,
        "--subject",
        subject,
        "--received",
        "2026-11-02",
    ])
    .trim()
    .to_string()
}

fn audit_actions(desk: &Desk) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(desk.db()).unwrap();
    let mut stmt = conn
        .prepare("SELECT actor, action, entity_id FROM audit ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_correction_is_an_event_shown_in_history_audited_and_replayed_by_check() {
    let desk = Desk::new();
    let code = add(&desk, "Lê Văn An", "khieu-nai", "Đất thửa 12");
    desk.ok(&[
        "petition",
        "advance",
        &code,
        "--to",
        "accepted",
        "--date",
        "2026-11-05",
    ]);
    let said = desk.ok(&[
        "petition",
        "edit",
        &code,
        "--subject",
        "Khiếu nại thu hồi đất thửa 125",
        "--field",
        "đất đai",
        "--received",
        "01/11/2026",
        "--note",
        "Gõ nhầm số thửa khi nhập",
    ]);
    assert!(
        said.contains("Đất thửa 12 → Khiếu nại thu hồi đất thửa 125"),
        "{said}"
    );
    assert!(said.contains("lĩnh vực: khác → đất đai"), "{said}");
    assert!(said.contains("02/11/2026 → 01/11/2026"), "{said}");

    let shown = desk.ok(&["petition", "show", &code]);
    assert!(shown.contains("Khiếu nại thu hồi đất thửa 125"), "{shown}");
    assert!(shown.contains("01/11/2026"), "{shown}");
    let history = shown.split("Lịch sử:").nth(1).unwrap();
    assert!(
        history.contains("đính chính")
            && history.contains("canbo.test")
            && history.contains("Đất thửa 12 → Khiếu nại")
            && history.contains("Gõ nhầm số thửa khi nhập"),
        "who, what and why in the history: {history}"
    );
    let detail = json(&desk.ok(&["petition", "show", &code, "--json"]));
    let last = detail["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "corrected");
    assert_eq!(last["actor"], "canbo.test");
    assert_eq!(last["detail"]["changes"][0]["field"], "subject");
    assert_eq!(last["detail"]["changes"][0]["old"], "Đất thửa 12");
    // The audit log names the correction, and check replays it clean.
    assert!(
        audit_actions(&desk)
            .iter()
            .any(|(actor, action, id)| actor == "canbo.test" && action == "correct" && *id == code)
    );
    let check = json(&desk.ok(&["check", "--json"]));
    assert_eq!(
        check["state_mismatches"].as_array().unwrap().len(),
        0,
        "{check}"
    );
    assert_eq!(check["tampered"].as_array().unwrap().len(), 0, "{check}");
    // Found by its corrected subject.
    assert!(desk.ok(&["search", "thua", "125"]).contains(&code));

    // The same field changed behind the program's back: check names the petition.
    let conn = rusqlite::Connection::open(desk.db()).unwrap();
    conn.execute(
        "UPDATE petition SET subject = 'Đất thửa 12' WHERE code = ?1",
        [&code],
    )
    .unwrap();
    drop(conn);
    let out = desk.run(&["check", "--json"]);
    assert!(!out.status.success());
    let check = json(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(check["state_mismatches"][0], code.as_str(), "{check}");
    assert_eq!(check["tampered"][0], code.as_str(), "{check}");
}

#[test]
fn a_correction_that_changes_nothing_or_breaks_the_history_is_refused_and_nothing_moves() {
    let desk = Desk::new();
    let code = add(&desk, "Lê Văn An", "khieu-nai", "Đất thửa 12");
    desk.ok(&[
        "petition",
        "advance",
        &code,
        "--to",
        "accepted",
        "--date",
        "2026-11-05",
    ]);
    let before = desk.ok(&["petition", "show", &code, "--json"]);
    let err = desk.fails(&[
        "petition",
        "edit",
        &code,
        "--subject",
        "Đất thửa 12",
        "--note",
        "x",
    ]);
    assert!(err.contains("không có gì thay đổi"), "{err}");
    // Received after the acceptance it already has: the history would not hold.
    let err = desk.fails(&[
        "petition",
        "edit",
        &code,
        "--received",
        "2026-11-10",
        "--note",
        "sai ngày",
    ]);
    assert!(err.contains("trước ngày nhận đơn"), "{err}");
    let err = desk.fails(&[
        "petition",
        "edit",
        &code,
        "--received",
        "2026-12-01",
        "--note",
        "sai ngày",
    ]);
    assert!(err.contains("sau ngày hôm nay"), "{err}");
    let err = desk.fails(&[
        "petition",
        "edit",
        &code,
        "--subject",
        "Mới",
        "--note",
        "  ",
    ]);
    assert!(err.contains("lý do"), "{err}");
    let out = desk.run(&["petition", "edit", &code, "--subject", "Mới"]);
    assert_eq!(out.status.code(), Some(2), "the reason is required");
    let out = desk.run(&["petition", "edit", &code, "--kind", "don", "--note", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(desk.ok(&["petition", "show", &code, "--json"]), before);
    let err = desk.fails(&[
        "--lang",
        "en",
        "petition",
        "edit",
        &code,
        "--summary",
        "",
        "--note",
        "x",
    ]);
    assert!(err.contains("nothing changes"), "{err}");
}

#[test]
fn a_voided_petition_is_kept_and_shown_but_out_of_lists_counts_and_reports() {
    let desk = Desk::new();
    let kept = add(&desk, "Lê Văn An", "kien-nghi", "Sửa đường liên thôn");
    let wrong = add(&desk, "Trần Thị Bình", "phan-anh", "Đèn đường hỏng");
    let report_before = desk.ok(&[
        "report",
        "--period",
        "2026-Q4",
        "--cutoff-day",
        "0",
        "--format",
        "csv",
    ]);
    assert!(desk.ok(&["due"]).contains(&wrong));

    let said = desk.ok(&[
        "petition",
        "void",
        &wrong,
        "--reason",
        "Nhập nhầm người, trùng lượt",
    ]);
    assert!(
        said.contains("Đã hủy đơn") && said.contains(&wrong),
        "{said}"
    );

    let shown = desk.ok(&["petition", "show", &wrong]);
    assert!(shown.contains("đã hủy (nhập nhầm)"), "{shown}");
    assert!(
        shown.contains("Nhập nhầm người, trùng lượt"),
        "the reason stays: {shown}"
    );
    let hits = desk.ok(&["search", "den", "duong"]);
    assert!(
        hits.contains(&wrong) && hits.contains("đã hủy"),
        "still found, marked: {hits}"
    );
    let due = desk.ok(&["due"]);
    assert!(due.contains(&kept) && !due.contains(&wrong), "{due}");
    let report_after = desk.ok(&[
        "report",
        "--period",
        "2026-Q4",
        "--cutoff-day",
        "0",
        "--format",
        "csv",
    ]);
    assert_ne!(report_before, report_after);
    let counts = |report: &str, label: &str| -> String {
        report
            .lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("{label} in {report}"))
            .rsplit(',')
            .next()
            .unwrap()
            .trim()
            .to_string()
    };
    assert_eq!(counts(&report_before, "Tổng số đơn"), "2");
    assert_eq!(counts(&report_after, "Tổng số đơn"), "1");
    assert_eq!(counts(&report_before, "Lượt tiếp"), "2");
    assert_eq!(counts(&report_after, "Lượt tiếp"), "1");
    // Nothing more happens to it; voiding twice is refused.
    let err = desk.fails(&["petition", "advance", &wrong, "--to", "accepted"]);
    assert!(err.contains("đã hủy"), "{err}");
    desk.fails(&["petition", "void", &wrong, "--reason", "lần nữa"]);
    let err = desk.fails(&["petition", "void", &kept, "--reason", " "]);
    assert!(err.contains("lý do"), "{err}");
    // The step menu never offers a correction as a step.
    let out = desk.run(&["petition", "advance", &kept, "--to", "voided"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        audit_actions(&desk)
            .iter()
            .any(|(_, action, id)| action == "step" && *id == wrong),
    );
    assert!(desk.run(&["check"]).status.success());
}

#[test]
fn a_filers_identity_is_corrected_by_a_new_snapshot_never_overwritten() {
    let desk = Desk::new();
    let code = desk
        .ok(&[
            "visit",
            "add",
            "--name",
            "nguyen van tam",
            "--cccd",
            "042190000123",
            "--kind",
            "khieu-nai",
            "--subject",
            "Đất thửa 7",
        ])
        .trim()
        .to_string();
    let said = desk.ok(&[
        "citizen",
        "edit",
        &code,
        "--name",
        "Nguyễn Văn Tâm",
        "--phone",
        "0912 345 678",
        "--note",
        "Nhập không dấu, thiếu số điện thoại",
    ]);
    assert!(
        said.contains("họ tên: nguyen van tam → Nguyễn Văn Tâm"),
        "{said}"
    );
    let shown = desk.ok(&["petition", "show", &code]);
    assert!(
        shown.contains("Người gửi          Nguyễn Văn Tâm"),
        "{shown}"
    );
    assert!(
        shown.contains("Nhập không dấu, thiếu số điện thoại")
            && shown.contains("nguyen van tam → Nguyễn Văn Tâm"),
        "{shown}"
    );
    // The person keeps both spellings: the one first given stays on record.
    let person = desk.ok(&["citizen", "show", "042190000123"]);
    assert!(
        person.contains("nguyen van tam") && person.contains("Nguyễn Văn Tâm"),
        "{person}"
    );
    assert!(
        audit_actions(&desk)
            .iter()
            .any(|(_, action, id)| action == "correct_citizen" && *id == code)
    );
    assert!(desk.run(&["check"]).status.success());
    // Found by the corrected spelling.
    assert!(desk.ok(&["search", "nguyen", "van", "tam"]).contains(&code));
    let err = desk.fails(&["citizen", "edit", &code, "--cccd", "123", "--note", "x"]);
    assert!(err.contains("CCCD"), "{err}");
}

#[test]
fn a_denouncers_correction_never_records_the_identity() {
    let desk = Desk::new();
    let code = add(&desk, "Lê Văn Tố", "to-cao", "Cán bộ xã nhận tiền");
    let said = desk.ok(&[
        "citizen",
        "edit",
        &code,
        "--name",
        "Lê Văn Tộ",
        "--note",
        "gõ nhầm",
    ]);
    assert!(!said.contains("Lê Văn"), "{said}");
    let detail = desk.ok(&["--read-only", "petition", "show", &code, "--json"]);
    assert!(!detail.contains("Lê Văn"), "{detail}");
    let shown = desk.ok(&["--read-only", "petition", "show", &code]);
    assert!(
        shown.contains("họ tên: (danh tính được bảo mật)"),
        "{shown}"
    );
}
