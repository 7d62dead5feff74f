//! The command line end to end: the real binary on a temporary database, as a desk officer or a
//! script would use it.

use std::process::Command;

mod common;

use common::Desk;

trait Complaint {
    fn add_complaint(&self) -> String;
}

impl Complaint for Desk {
    fn add_complaint(&self) -> String {
        self.ok(&[
            "visit",
            "add",
            "--name",
            "Nguyễn Thị Minh Khai",
            "--cccd",
            "042190000123",
            "--phone",
            "+84 912 345 678",
            "--address",
            "Thôn 3, xã Cẩm Xuyên, tỉnh Hà Tĩnh",
            "--kind",
            "khiếu nại",
            "--field",
            "đất đai",
            "--received",
            "02/11/2026",
            "--subject",
            "Khiếu nại quyết định thu hồi đất thửa số 125",
        ])
        .trim()
        .to_string()
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn visit_add_prints_the_code_and_show_tells_the_story() {
    let desk = Desk::new();
    let code = desk.add_complaint();
    assert_eq!(code, "2026-000001");
    let shown = desk.ok(&["petition", "show", &code]);
    assert!(shown.contains("Nguyễn Thị Minh Khai"), "{shown}");
    assert!(shown.contains("khiếu nại (lần đầu)"), "{shown}");
    assert!(
        shown.contains("Luật Khiếu nại 2011, Điều 27"),
        "the next deadline cites its article: {shown}"
    );
    assert!(
        shown.contains("thụ lý (accepted)"),
        "legal next steps are offered: {shown}"
    );
    let detail = json(&desk.ok(&["petition", "show", &code, "--json"]));
    assert_eq!(detail["petition"]["state"]["status"], "received");
    assert_eq!(detail["events"][0]["kind"], "received");
    assert_eq!(detail["events"][0]["actor"], "canbo.test");
}

#[test]
fn kinds_are_accepted_as_the_help_spells_them() {
    let desk = Desk::new();
    let help = desk.ok(&["visit", "add", "--help"]);
    assert!(help.contains("kien-nghi"), "{help}");
    let code = desk.ok(&[
        "visit",
        "add",
        "--name",
        "Lê Văn An",
        "--kind",
        "kien-nghi",
        "--subject",
        "Sửa đường",
    ]);
    let shown = desk.ok(&["petition", "show", code.trim()]);
    assert!(shown.contains("kiến nghị"), "{shown}");
}

#[test]
fn lifecycle_from_the_command_line() {
    let desk = Desk::new();
    let code = desk.add_complaint();
    let err = desk.fails(&[
        "petition",
        "advance",
        &code,
        "--to",
        "resolve",
        "--decision",
        "12/QĐ-UBND",
    ]);
    assert!(err.contains("chưa được thụ lý"), "{err}");
    desk.ok(&[
        "petition",
        "advance",
        &code,
        "--to",
        "thu ly",
        "--date",
        "2026-11-05",
    ]);
    let err = desk.fails(&["petition", "advance", &code, "--to", "resolved"]);
    assert!(err.contains("số và ngày quyết định"), "{err}");
    let out = desk.ok(&[
        "--lang",
        "en",
        "petition",
        "advance",
        &code,
        "--to",
        "resolved",
        "--decision",
        "12/QĐ-UBND",
        "--date",
        "2026-11-20",
    ]);
    assert!(out.contains("resolved"), "{out}");
    let detail = json(&desk.ok(&["petition", "show", &code, "--json"]));
    assert_eq!(detail["petition"]["state"]["decision_no"], "12/QĐ-UBND");
    assert_eq!(detail["urgency"], "closed");
}

#[test]
fn bad_input_gets_a_translated_error_naming_the_field() {
    let desk = Desk::new();
    let base = [
        "visit",
        "add",
        "--name",
        "Lê Văn Tám",
        "--kind",
        "khieu nai",
        "--subject",
        "Đất",
    ];
    let err = desk.fails(&[&base[..], &["--cccd", "003085012345"]].concat());
    assert!(
        err.contains("CCCD/CMND") && err.contains("mã tỉnh 003"),
        "{err}"
    );
    let err = desk.fails(&[&base[..], &["--phone", "12345", "--lang", "en"]].concat());
    assert!(
        err.contains("phone") && err.contains("not a Vietnamese phone number"),
        "{err}"
    );
    let err = desk.fails(&[&base[..], &["--received", "25/11/2026"]].concat());
    assert!(
        err.contains("ngày nhận đơn") && err.contains("sau ngày hôm nay"),
        "{err}"
    );
    let err = desk.fails(&[
        "visit",
        "add",
        "--name",
        "A",
        "--kind",
        "don thu",
        "--subject",
        "x",
    ]);
    assert!(
        err.contains("loại đơn") && err.contains("khiếu nại"),
        "{err}"
    );
    let err = desk.fails(&[&base[..], &["--headcount", "0"]].concat());
    assert!(err.contains("số người"), "{err}");
    let err = desk.fails(&["petition", "show", "2026-999999"]);
    assert!(err.contains("không tìm thấy"), "{err}");
    // Nothing half-written: no petition was stored by any failed command.
    let due = json(&desk.ok(&["due", "--json"]));
    assert_eq!(due.as_array().unwrap().len(), 0);
}

#[test]
fn usage_errors_exit_with_2() {
    let desk = Desk::new();
    let out = desk.run(&["visit", "add", "--name", "A"]);
    assert_eq!(out.status.code(), Some(2));
    let out = desk.run(&["no-such-command"]);
    assert_eq!(out.status.code(), Some(2));
    let out = desk.run(&["--today", "31/04/2026", "due"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn search_finds_without_diacritics_and_by_phone_in_any_form() {
    let desk = Desk::new();
    let code = desk.add_complaint();
    desk.ok(&[
        "visit",
        "add",
        "--name",
        "Trần Văn Hùng",
        "--kind",
        "kien nghi",
        "--subject",
        "Kiến nghị sửa đường liên thôn",
    ]);
    for query in [
        "nguyen thi minh khai",
        "minh khai",
        "NGUYEN THI MIN KHAI",
        "0912345678",
        "84912345678",
        "thu hoi dat",
    ] {
        let hits = json(&desk.ok(&["search", query, "--json"]));
        assert_eq!(hits[0]["code"], code.as_str(), "query {query}: {hits}");
        for key in [
            "citizen_name",
            "subject",
            "received_on",
            "status",
            "reasons",
            "score",
        ] {
            assert!(hits[0].get(key).is_some(), "{key} missing");
        }
    }
    let table = desk.ok(&["search", "minh", "khai"]);
    assert!(
        table.contains("Nguyễn Thị Minh Khai") && table.contains(&code),
        "{table}"
    );
}

#[test]
fn a_query_too_long_is_cut_with_a_notice_and_still_answers() {
    let desk = Desk::new();
    let code = desk.add_complaint();
    // The name first, then 2,000 letters of junk: cut at 1 KB, the name still finds the petition.
    let long = format!("nguyen thi minh khai {}", "x".repeat(2_000));
    let out = desk.run(&["--lang", "en", "search", &long, "--json"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Query too long"), "{stderr}");
    let hits = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(hits[0]["code"], code.as_str(), "{hits}");
    let out = desk.run(&["--lang", "en", "search", "nguyen", "thi", "--json"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Query too long"));
}

#[test]
fn a_denouncers_identity_never_shows() {
    let desk = Desk::new();
    let code = desk.ok(&[
        "visit",
        "add",
        "--name",
        "Phan Văn Kín",
        "--phone",
        "0987654321",
        "--kind",
        "to cao",
        "--subject",
        "Tố cáo cán bộ địa chính",
    ]);
    let code = code.trim();
    let shown = desk.ok(&["petition", "show", code]);
    assert!(
        !shown.contains("Phan Văn Kín") && shown.contains("bảo mật"),
        "{shown}"
    );
    // The desk finds the earlier denunciation by its denouncer (a returning denouncer), and
    // sees only the code and that the identity is protected.
    for query in ["phan van kin", "0987654321"] {
        let raw = desk.ok(&["search", query, "--json"]);
        assert!(!raw.contains("Phan Văn Kín"), "{raw}");
        let hits = json(&raw);
        assert_eq!(hits[0]["code"], code, "{query}: {hits}");
        assert!(hits[0]["citizen_name"].is_null());
        assert_eq!(hits[0]["reasons"][0], "denouncer");
    }
    let table = desk.ok(&["search", "phan van kin"]);
    assert!(
        table.contains(code) && table.contains("bảo mật") && !table.contains("Kín"),
        "{table}"
    );
    // The key that makes this possible lives outside the database, owner-only.
    let key = desk.file("config").join("desk.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let db = std::fs::read(desk.db()).unwrap();
    let secret = std::fs::read_to_string(&key).unwrap();
    assert!(
        !db.windows(16).any(|w| w == &secret.as_bytes()[..16]),
        "the key is not in the database"
    );
    let hits = json(&desk.ok(&["search", "dia chinh", "--json"]));
    assert_eq!(hits[0]["code"], code);
    assert!(hits[0]["citizen_name"].is_null());
}

#[test]
fn due_lists_open_petitions_by_urgency() {
    let desk = Desk::new();
    let overdue = desk
        .ok(&[
            "visit",
            "add",
            "--name",
            "Lò Văn Pả",
            "--kind",
            "khieu nai",
            "--subject",
            "Đất",
            "--received",
            "2026-09-01",
            "--handling",
            "accept",
        ])
        .trim()
        .to_string();
    let fresh = desk
        .ok(&[
            "visit",
            "add",
            "--name",
            "Mai Văn Tư",
            "--kind",
            "khieu nai",
            "--subject",
            "Đất",
            "--received",
            "2026-11-23",
        ])
        .trim()
        .to_string();
    let closed = desk
        .ok(&[
            "visit",
            "add",
            "--name",
            "Đinh Thị Hà",
            "--kind",
            "phan anh",
            "--subject",
            "Rác",
            "--handling",
            "guide",
            "--to-agency",
            "UBND xã Cẩm Bình",
        ])
        .trim()
        .to_string();
    let rows = json(&desk.ok(&["due", "--json"]));
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "closed petitions are not due: {rows:?}");
    assert_eq!(rows[0]["code"], overdue.as_str());
    assert_eq!(rows[0]["urgency"], "overdue");
    assert_eq!(rows[0]["stage"], "accepted");
    assert_eq!(
        rows[0]["due_on"], "2026-10-01",
        "30 days after thụ lý on 01/09 (Điều 28)"
    );
    assert!(rows[0]["days_left"].as_i64().unwrap() < 0);
    assert_eq!(rows[1]["code"], fresh.as_str());
    assert!(!rows.iter().any(|r| r["code"] == closed.as_str()));
    let table = desk.ok(&["due"]);
    assert!(
        table.contains("quá hạn") && !table.contains("\x1b["),
        "NO_COLOR: symbols and text, no escapes: {table}"
    );
    assert_eq!(
        rows[1]["due_on"], "2026-12-03",
        "thụ lý within 10 days of receipt (Điều 27)"
    );
    assert_eq!(rows[1]["urgency"], "ok");
    let soon = json(&desk.ok(&["due", "--within", "0", "--json"]));
    assert_eq!(soon.as_array().unwrap().len(), 1);
}

#[test]
fn check_and_backup() {
    let desk = Desk::new();
    desk.add_complaint();
    let report = desk.ok(&["check"]);
    assert!(report.contains("✓"), "{report}");
    let copy = desk.dir.path().join("backup.sqlite3");
    desk.ok(&["backup", copy.to_str().unwrap()]);
    let shown = Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .args([
            "--db",
            copy.to_str().unwrap(),
            "--read-only",
            "petition",
            "show",
            "2026-000001",
        ])
        .output()
        .unwrap();
    assert!(shown.status.success());
    let err = desk.fails(&["backup", copy.to_str().unwrap()]);
    assert!(!err.is_empty());
}

#[test]
fn read_only_sessions_cannot_write() {
    let desk = Desk::new();
    let code = desk.add_complaint();
    let err = desk.fails(&[
        "--read-only",
        "petition",
        "advance",
        &code,
        "--to",
        "accepted",
    ]);
    assert!(err.contains("chỉ đọc"), "{err}");
    let shown = desk.ok(&["--read-only", "petition", "show", &code]);
    assert!(shown.contains(&code));
}

#[test]
fn missing_directory_and_newer_database_are_explained() {
    let desk = Desk::new();
    let out = Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .args(["--db", "/nonexistent-dir/x/desk.sqlite3", "due"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tiepdan:"));
    desk.add_complaint();
    let conn = rusqlite::Connection::open(desk.db()).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let err = desk.fails(&["due"]);
    assert!(err.contains("phiên bản mới hơn"), "{err}");
}

#[test]
fn several_processes_write_at_once_without_losing_a_visit() {
    let desk = Desk::new();
    common::create_empty_db(&desk.db());
    desk.ok(&["due"]);
    let children: Vec<_> = (0..4)
        .map(|w| {
            let script = (0..10)
                .map(|i| {
                    format!(
                        "{:?} --db {:?} --today 2026-11-24 visit add --name 'Người {w}-{i}' --kind 'kien nghi' --subject 'Đường {w}-{i}' || exit 1",
                        env!("CARGO_BIN_EXE_tiepdan"),
                        desk.db()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            Command::new("sh")
                .arg("-c")
                .arg(script)
                .env("TIEPDAN_CONFIG_DIR", desk.dir.path().join("config"))
                .output()
        })
        .collect();
    let mut codes = Vec::new();
    for child in children {
        let out = child.unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("locked"));
        codes.extend(
            String::from_utf8(out.stdout)
                .unwrap()
                .lines()
                .map(str::to_string),
        );
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 40);
    assert_eq!(
        json(&desk.ok(&["due", "--json"])).as_array().unwrap().len(),
        40
    );
    desk.ok(&["check"]);
}

#[test]
fn demo_data_is_deterministic_and_searchable() {
    let a = Desk::new();
    let b = Desk::new();
    a.ok(&["demo", "--petitions", "300", "--seed", "3"]);
    b.ok(&["demo", "--petitions", "300", "--seed", "3"]);
    let due_a = a.ok(&["due", "--json"]);
    assert_eq!(due_a, b.ok(&["due", "--json"]), "same seed, same data");
    assert!(
        json(&due_a)
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["urgency"] == "overdue"),
        "demo has overdue items"
    );
    a.ok(&["check"]);
    let hits = json(&a.ok(&["search", "nguyen", "--json", "--limit", "5"]));
    assert_eq!(hits.as_array().unwrap().len(), 5);
}

/// `tiepdan due` shows each petition's deadline as the core's one due view says (the board and
/// the desk read the same): the rule's own unit, and a suspended petition paused — never given an
/// urgency of its own.
#[test]
fn due_agrees_with_the_core_due_view_suspended_included() {
    let desk = Desk::new();
    desk.ok(&["demo", "--petitions", "300", "--seed", "5"]);
    let rows = json(&desk.ok(&["due", "--json"]));
    let rows = rows.as_array().unwrap();
    let store = tiepdan::store::Store::open(
        &desk.db(),
        tiepdan::store::Access::ReadOnly,
        tiepdan::policy::Policy::legal_default(),
    )
    .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    assert_eq!(rows.len() as i64, store.count_open(None).unwrap());
    let mut paused = 0;
    let mut working = 0;
    for row in rows {
        let code = row["code"].as_str().unwrap();
        let view = store.due_view(code, today).unwrap();
        assert_eq!(row["due_on"], serde_json::json!(view.due_on), "{code}");
        assert_eq!(
            row["days_left"],
            serde_json::json!(view.days_left),
            "{code}"
        );
        assert_eq!(row["unit"], view.unit.code(), "{code}");
        assert_eq!(row["urgency"], view.urgency_code(), "{code}");
        assert_eq!(row["paused"], view.paused, "{code}");
        assert_eq!(view.paused, row["stage"] == "suspended", "{code}");
        paused += usize::from(view.paused);
        working += usize::from(view.unit == tiepdan::rules::DayUnit::Working);
    }
    assert!(
        paused > 0 && working > 0,
        "{paused} paused, {working} working-day"
    );
    let last = rows.last().unwrap();
    assert_eq!(last["urgency"], "paused", "paused clocks list last");
}
