//! Imported records are known by their content: the same logbook row imported twice is one
//! petition, but a different petition that carries a code already used here (another desk's
//! numbering) is kept as a new petition under `CODE-2` and listed — never dropped as "already
//! present", never refused. Merging two desks that both imported their own `2025-000001` keeps
//! both.

mod common;

use common::Desk;
use serde_json::Value;

const HEADER: &str = "Mã đơn,Ngày tiếp,Họ tên,Loại đơn,Nội dung\n";

fn logbook(desk: &Desk, name: &str, rows: &[&str]) -> String {
    let path = desk.file(name);
    std::fs::write(&path, format!("{HEADER}{}\n", rows.join("\n"))).unwrap();
    path.display().to_string()
}

fn import(desk: &Desk, file: &str) -> Value {
    serde_json::from_str(&desk.ok(&["import", "--json", file])).unwrap()
}

fn subject_of(desk: &Desk, code: &str) -> String {
    let shown: Value =
        serde_json::from_str(&desk.ok(&["petition", "show", code, "--json"])).unwrap();
    shown["petition"]["subject"].as_str().unwrap().to_string()
}

const OURS: &str = "2026-000001,02/11/2026,Nguyễn Văn An,khiếu nại,Tranh chấp ranh giới đất";
/// Another desk's petition numbered the same, the same day and kind.
const THEIRS: &str =
    "2026-000001,02/11/2026,Trần Thị Bích,khiếu nại,Đòi bồi thường giải phóng mặt bằng";

#[test]
fn a_colliding_code_from_another_logbook_is_a_new_petition_recoded() {
    let desk = Desk::new();
    let ours = logbook(&desk, "ours.csv", &[OURS]);
    assert_eq!(import(&desk, &ours)["added"], 1);
    // The same row again: one petition.
    let again = import(&desk, &ours);
    assert_eq!(
        (again["added"].clone(), again["already_present"].clone()),
        (0.into(), 1.into())
    );
    let theirs = logbook(&desk, "theirs.csv", &[THEIRS]);
    let out = desk.run(&["import", &theirs]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("dòng 2") && err.contains("2026-000001-2"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Đã nhập 1 đơn mới"));
    assert_eq!(desk.petitions(), 2);
    assert_eq!(subject_of(&desk, "2026-000001"), "Tranh chấp ranh giới đất");
    assert_eq!(
        subject_of(&desk, "2026-000001-2"),
        "Đòi bồi thường giải phóng mặt bằng"
    );
    // Re-importing the other logbook finds its petition under the code it was given.
    let again = import(&desk, &theirs);
    assert_eq!(again["added"], 0, "{again}");
    assert_eq!(again["recoded"].as_array().unwrap().len(), 0, "{again}");
    assert_eq!(desk.petitions(), 2);
    desk.ok(&["check"]);
}

#[test]
fn within_one_file_a_repeated_row_is_one_petition_and_a_reused_code_two() {
    let desk = Desk::new();
    let file = logbook(&desk, "mixed.csv", &[OURS, OURS, THEIRS]);
    let report = import(&desk, &file);
    assert_eq!(report["added"], 2, "{report}");
    assert_eq!(report["already_present"], 1, "{report}");
    assert_eq!(report["recoded"][0]["line"], 4, "{report}");
    assert_eq!(report["recoded"][0]["given"], "2026-000001-2", "{report}");
    assert_eq!(desk.petitions(), 2);
}

#[test]
fn two_desks_that_both_imported_their_own_first_code_merge_into_both() {
    let (a, b) = (Desk::new(), Desk::new());
    import(&a, &logbook(&a, "a.csv", &[OURS]));
    import(&b, &logbook(&b, "b.csv", &[THEIRS]));
    let export = b.file("b.jsonl");
    b.ok(&[
        "export",
        "--format",
        "json",
        "--output",
        &export.display().to_string(),
    ]);
    let merged: Value =
        serde_json::from_str(&a.ok(&["import", "--json", &export.display().to_string()])).unwrap();
    assert_eq!(merged["added"], 1, "{merged}");
    assert_eq!(merged["diverged"].as_array().unwrap().len(), 0, "{merged}");
    assert_eq!(merged["recoded"][0][1], "2026-000001-2", "{merged}");
    assert_eq!(a.petitions(), 2);
    assert_eq!(
        subject_of(&a, "2026-000001-2"),
        "Đòi bồi thường giải phóng mặt bằng"
    );
    a.ok(&["check"]);
}
