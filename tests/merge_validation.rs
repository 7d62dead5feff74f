//! A JSON Lines merge goes through the checks every other door applies: one case per field rule
//! (the bad-input catalogue's hostile values), each refused whole with the line, the code and the
//! field named, nothing merged, and no SQLite text in anything the user sees. With `--skip-bad`
//! the bad lines go to a reject file (line, code, field, reason) and the good ones are merged.

mod common;

use common::Desk;
use serde_json::{Value, json};

/// One petition exported by a desk, as a JSON value.
fn exported() -> Value {
    let desk = Desk::new();
    desk.ok(&[
        "visit",
        "add",
        "--name",
        "Lê Văn Tám",
        "--kind",
        "khiếu nại",
        "--subject",
        "Tranh chấp đất",
        "--cccd",
        "001089012345",
        "--phone",
        "0912345678",
        "--received",
        "2026-11-20",
    ]);
    let text = desk.ok(&["export", "--format", "json"]);
    serde_json::from_str(text.lines().next().unwrap()).unwrap()
}

/// (what, a change to the line, the field the message must name)
type Rule = (&'static str, fn(&mut Value), &'static str);

fn rules() -> Vec<Rule> {
    vec![
        (
            "received 0000-01-01",
            |v| {
                v["received_on"] = json!("0000-01-01");
                v["events"][0]["on"] = json!("0000-01-01");
            },
            "received date",
        ),
        (
            "received 9999-12-31",
            |v| {
                v["received_on"] = json!("9999-12-31");
                v["events"][0]["on"] = json!("9999-12-31");
            },
            "received date",
        ),
        (
            "received 1944-12-31",
            |v| {
                v["received_on"] = json!("1944-12-31");
                v["events"][0]["on"] = json!("1944-12-31");
            },
            "received date",
        ),
        (
            "received_on disagreeing with its received event",
            |v| v["received_on"] = json!("2026-11-01"),
            "received date",
        ),
        ("empty subject", |v| v["subject"] = json!("   "), "subject"),
        (
            "2 MB subject",
            |v| v["subject"] = json!("a".repeat(2_000_000)),
            "subject",
        ),
        (
            "escape sequence in the subject",
            |v| v["subject"] = json!("Đất \u{1b}[2J"),
            "subject",
        ),
        (
            "empty name",
            |v| v["filers"][0]["full_name"] = json!(""),
            "name",
        ),
        (
            "newline in the name",
            |v| v["filers"][0]["full_name"] = json!("Lê\nVăn"),
            "name",
        ),
        (
            "CCCD 999999999999",
            |v| v["filers"][0]["id_number"] = json!("999999999999"),
            "CCCD",
        ),
        (
            "phone abc",
            |v| v["filers"][0]["phone"] = json!("abc"),
            "phone",
        ),
        (
            "code with a newline",
            |v| v["code"] = json!("2026-000001\nX"),
            "petition code",
        ),
        ("empty code", |v| v["code"] = json!(""), "petition code"),
        (
            "headcount 4294967295",
            |v| v["visit"]["headcount"] = json!(4294967295u64),
            "headcount",
        ),
        (
            "headcount 0",
            |v| v["visit"]["headcount"] = json!(0),
            "headcount",
        ),
    ]
}

#[test]
fn every_field_rule_refuses_the_merge_naming_line_code_and_field() {
    let good = exported();
    let code = good["code"].as_str().unwrap().to_string();
    for (what, change, field) in rules() {
        let desk = Desk::new();
        let mut bad = good.clone();
        change(&mut bad);
        // A good line first: the whole file is refused, not only the bad line.
        let mut other = good.clone();
        other["id"] = json!("01a234c2-6c6c-7665-9ac0-000000000001");
        other["code"] = json!("2026-000777");
        let file = desk.file("in.jsonl");
        std::fs::write(&file, format!("{other}\n{bad}\n")).unwrap();
        let out = desk.run(&["--lang", "en", "import", &file.display().to_string()]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let all = format!("{}{err}", String::from_utf8_lossy(&out.stdout));
        assert_eq!(out.status.code(), Some(1), "{what}: {all}");
        assert!(err.contains("line 2"), "{what}: no line: {err}");
        if !code.is_empty() && what != "empty code" && what != "code with a newline" {
            assert!(err.contains(&code), "{what}: no code: {err}");
        }
        assert!(err.contains(field), "{what}: no field {field}: {err}");
        for raw in ["constraint", "SQLITE", "sqlite3_"] {
            assert!(!all.contains(raw), "{what}: raw database text: {all}");
        }
        assert!(
            !all.contains('\u{1b}'),
            "{what}: an escape reached the terminal"
        );
        assert_eq!(desk.petitions(), 0, "{what}: something was merged");
    }
}

#[test]
fn the_unchanged_line_merges() {
    let desk = Desk::new();
    let file = desk.file("in.jsonl");
    std::fs::write(&file, format!("{}\n", exported())).unwrap();
    desk.ok(&["import", &file.display().to_string()]);
    assert_eq!(desk.petitions(), 1);
}

#[test]
fn skip_bad_merges_the_good_lines_and_writes_every_bad_one_to_the_reject_file() {
    let good = exported();
    let desk = Desk::new();
    let mut lines = vec![good.to_string()];
    let rules = rules();
    for (what, change, _) in &rules {
        let mut bad = good.clone();
        change(&mut bad);
        let line = serde_json::to_string(&bad).unwrap();
        assert!(!line.contains('\n'), "{what}");
        lines.push(line);
    }
    lines.push("{not json".into());
    let file = desk.file("in.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = desk.run(&[
        "--lang",
        "en",
        "import",
        "--skip-bad",
        "--json",
        &file.display().to_string(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["added"], 1, "{report}");
    assert_eq!(report["bad_lines"], rules.len() + 1, "{report}");
    assert_eq!(desk.petitions(), 1);
    let rejects = desk.file("in.rejects.csv");
    assert_eq!(report["rejects_file"], rejects.display().to_string());
    let text = std::fs::read_to_string(&rejects).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["line", "code", "field", "reason"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), rules.len() + 1);
    for (i, ((what, _, field), row)) in rules.iter().zip(&rows).enumerate() {
        assert_eq!(
            row.get(0),
            Some((i + 2).to_string().as_str()),
            "{what}: {row:?}"
        );
        assert!(
            row.get(2).unwrap().contains(field) || row.get(3).unwrap().contains(field),
            "{what}: no field {field}: {row:?}"
        );
        assert!(!row.get(3).unwrap().is_empty(), "{what}: no reason");
    }
    let last = rows.last().unwrap();
    assert_eq!(last.get(0), Some((rules.len() + 2).to_string().as_str()));
    assert!(
        last.get(3).unwrap().contains("cannot read this line"),
        "{last:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&rejects).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "rejects hold personal data");
    }
    // Without --skip-bad the same file merges nothing more and names the first bad line.
    let err = desk.fails(&["--lang", "en", "import", &file.display().to_string()]);
    assert!(err.contains("line 2"), "{err}");
}
