//! Two desks' databases merged through the JSON Lines export: split a demo database in two,
//! change both through the CLI, export one, import it into the other, and compare with the union.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use tempfile::TempDir;

mod cli_support;
mod common;
use cli_support::ok;

fn tiepdan(db: &Path, args: &[&str]) -> std::process::Output {
    cli_support::tiepdan_in(db, "en", args)
}

/// Every petition of the database, by id, as its JSON line.
fn petitions(db: &Path) -> BTreeMap<String, Value> {
    ok(tiepdan(db, &["export", "--format", "json"]))
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap();
            (value["id"].as_str().unwrap().to_string(), value)
        })
        .collect()
}

fn event_ids(petition: &Value) -> Vec<String> {
    petition["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

fn code(petition: &Value) -> &str {
    petition["code"].as_str().unwrap()
}

fn visit(db: &Path, name: &str, subject: &str) -> String {
    let out = ok(tiepdan(
        db,
        &[
            "visit",
            "add",
            "--name",
            name,
            "--kind",
            "recommendation",
            "--subject",
            subject,
        ],
    ));
    out.trim().to_string()
}

fn advance(db: &Path, code: &str, to: &str) {
    ok(tiepdan(db, &["petition", "advance", code, "--to", to]));
}

/// Desk B's `export --format json`, to a file beside it.
fn export_json(db: &Path, dir: &Path) -> std::path::PathBuf {
    let file = dir.join("b.jsonl");
    let path = file.to_str().unwrap();
    ok(tiepdan(
        db,
        &["export", "--format", "json", "--output", path],
    ));
    file
}

fn merge(db: &Path, file: &Path) -> Value {
    serde_json::from_str(&ok(tiepdan(
        db,
        &["import", "--json", file.to_str().unwrap()],
    )))
    .unwrap()
}

#[test]
fn two_desks_merge_into_the_union_and_a_second_merge_adds_nothing() {
    let dir = TempDir::new().unwrap();
    let a = dir.path().join("a.sqlite3");
    let b = dir.path().join("b.sqlite3");
    ok(tiepdan(&a, &["demo", "--petitions", "40", "--seed", "11"]));
    std::fs::copy(&a, &b).unwrap();
    let base = petitions(&a);
    let open: Vec<&Value> = base
        .values()
        .filter(|p| {
            ["received", "classified", "accepted", "verifying"]
                .contains(&p["status"].as_str().unwrap())
        })
        .collect();
    assert!(open.len() >= 3, "the demo has open petitions");
    let (both, only_b, only_a) = (code(open[0]), code(open[1]), code(open[2]));

    // Desk A: one new visit, one petition withdrawn, and a note on the shared one.
    let a_new = visit(&a, "Nguyễn Thị Ánh", "Đèn đường thôn 2 hỏng");
    advance(&a, only_a, "withdrawn");
    advance(&a, both, "note");
    // Desk B: two new visits, one petition withdrawn, and the shared one withdrawn too.
    let b_new = [
        visit(&b, "Trần Văn Bảo", "Cống thoát nước bị tắc"),
        visit(&b, "Lê Thị Cúc", "Xin xác nhận hộ nghèo"),
    ];
    advance(&b, only_b, "withdrawn");
    advance(&b, both, "withdrawn");
    assert_eq!(a_new, b_new[0], "both desks counted on from the same code");

    let export = export_json(&b, dir.path());
    let before = petitions(&a);
    let from_b = petitions(&b);

    let first = merge(&a, &export);
    assert_eq!(first["read"], from_b.len());
    assert_eq!(first["added"], 2, "{first}");
    assert_eq!(first["updated"], 1, "{first}");
    assert_eq!(first["diverged"], serde_json::json!([both]), "{first}");
    assert_eq!(
        first["recoded"][0],
        serde_json::json!([b_new[0], format!("{}-2", b_new[0])])
    );

    let merged = petitions(&a);
    assert_eq!(
        merged.len(),
        base.len() + 1 + 2,
        "the union: base, A's new one, B's two"
    );
    for (id, theirs) in &from_b {
        let ours = &merged[id];
        if code(theirs) == both || code(theirs) == only_a {
            // Diverged, or A's history is ahead: A's own history stays, untouched.
            assert_eq!(event_ids(ours), event_ids(&before[id]));
            assert_eq!(ours["status"], before[id]["status"]);
            continue;
        }
        assert_eq!(event_ids(ours), event_ids(theirs), "{}", code(theirs));
        assert_eq!(ours["status"], theirs["status"], "{}", code(theirs));
        assert_eq!(ours["subject"], theirs["subject"]);
        assert_eq!(ours["filers"], theirs["filers"]);
    }
    let by_code = |c: &str| merged.values().find(|p| code(p) == c).unwrap().clone();
    assert_eq!(by_code(only_b)["status"], "withdrawn", "B's step reached A");
    assert_eq!(by_code(only_a)["status"], "withdrawn", "A's own step stays");
    assert_eq!(by_code(&a_new)["subject"], "Đèn đường thôn 2 hỏng");
    assert_eq!(
        by_code(&format!("{}-2", b_new[0]))["subject"],
        "Cống thoát nước bị tắc"
    );

    let misused = tiepdan(&a, &["import", "--sheet", "x", export.to_str().unwrap()]);
    assert_eq!(misused.status.code(), Some(2), "options of logbook imports");
    assert!(String::from_utf8_lossy(&misused.stderr).contains("not for merging a JSONL file"));

    let again = merge(&a, &export);
    assert_eq!(
        (again["added"].as_u64(), again["updated"].as_u64()),
        (Some(0), Some(0)),
        "{again}"
    );
    assert_eq!(petitions(&a).len(), merged.len());
    ok(tiepdan(&a, &["check"]));
}

#[test]
fn a_broken_line_merges_nothing() {
    let dir = TempDir::new().unwrap();
    let a = dir.path().join("a.sqlite3");
    let b = dir.path().join("b.sqlite3");
    ok(tiepdan(&a, &["demo", "--petitions", "5", "--seed", "2"]));
    ok(tiepdan(&b, &["demo", "--petitions", "5", "--seed", "3"]));
    let export = export_json(&b, dir.path());
    let mut text = std::fs::read_to_string(&export).unwrap();
    text.push_str("{\"schema\": \"tiepdan.petition/2\", \"id\": 7}\n");
    std::fs::write(&export, text).unwrap();

    let out = tiepdan(&a, &["import", export.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 6: cannot read this line"), "{stderr}");
    assert_eq!(
        petitions(&a).len(),
        5,
        "nothing of the first five lines was kept"
    );
}

#[test]
fn a_denouncer_stays_with_the_desk_that_received_them() {
    let dir = TempDir::new().unwrap();
    let a = dir.path().join("a.sqlite3");
    let b = dir.path().join("b.sqlite3");
    let name = "Phan Thị Tố Giác";
    let filed = ok(tiepdan(
        &b,
        &[
            "visit",
            "add",
            "--name",
            name,
            "--phone",
            "0912000999",
            "--kind",
            "denunciation",
            "--subject",
            "Tố cáo cán bộ địa chính nhận tiền",
        ],
    ));
    let export = export_json(&b, dir.path());
    assert!(!std::fs::read_to_string(&export).unwrap().contains(name));
    assert_eq!(merge(&a, &export)["added"], 1);
    let merged = petitions(&a);
    let petition = merged.values().next().unwrap();
    assert_eq!(code(petition), filed.trim());
    assert_eq!(petition["identity_protected"], true);
    assert_eq!(
        petition["flags"],
        serde_json::json!([]),
        "filed by someone: not anonymous"
    );
    // Straight in the files: the person is on record at B, sealed with B's desk key (issue
    // 13), and in clear nowhere (A holds only the nameless filer the line carried).
    let count = |db: &Path, sql: &str| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(sql, [name], |r| r.get(0))
            .unwrap()
    };
    let plain = "SELECT count(*) FROM citizen WHERE phone = '0912000999' OR full_name = ?1";
    let sealed = "SELECT count(*) FROM citizen WHERE sealed IS NOT NULL AND ?1 <> ''";
    assert_eq!((count(&b, plain), count(&a, plain)), (0, 0));
    assert_eq!(count(&b, sealed), 1);
    ok(tiepdan(&a, &["check"]));
}
