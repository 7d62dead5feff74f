//! Logbook exchange: CSV import (all or nothing, re-import adds nothing, every bad row named by
//! its line), CSV and JSON Lines export (formula guard, denouncers masked), and the round trip.
//! Most tests drive the library; the last ones run the real binary.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use tiepdan::domain::{Flag, PetitionKind, Status};
use tiepdan::error::Error;
use tiepdan::exchange::{self, Format, ImportOptions, ImportReport, LEGACY_DECISION};
use tiepdan::i18n::Lang;
use tiepdan::intake::{CitizenForm, IntakeForm};
use tiepdan::policy::Policy;
use tiepdan::store::Store;

const TODAY: &str = "2026-11-24";

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/import")
        .join(name)
}

/// A copy of a fixture in a temporary directory: the reject file is written beside the input.
fn copy_fixture(dir: &TempDir, name: &str) -> PathBuf {
    let target = dir.path().join(name);
    std::fs::copy(fixture(name), &target).unwrap();
    target
}

fn store() -> Store {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    store.set_actor("kiểm thử");
    store
}

fn options(skip_bad: bool) -> ImportOptions {
    ImportOptions {
        today: today(),
        skip_bad,
        lang: Lang::En,
        mapping: Default::default(),
    }
}

fn import(store: &mut Store, path: &Path, skip_bad: bool) -> ImportReport {
    exchange::import_logbook(store, path, &options(skip_bad), &exchange::Quiet).unwrap()
}

/// Every petition as (code → exported CSV row), read back through the csv crate.
fn export_rows(store: &Store) -> (Vec<String>, BTreeMap<String, BTreeMap<String, String>>) {
    let text = export_text(store, Format::Csv);
    let text = text
        .strip_prefix('\u{feff}')
        .expect("CSV export starts with a BOM");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows = BTreeMap::new();
    for record in reader.records() {
        let row: BTreeMap<String, String> = headers
            .iter()
            .cloned()
            .zip(record.unwrap().iter().map(String::from))
            .collect();
        rows.insert(row["code"].clone(), row);
    }
    (headers, rows)
}

fn export_text(store: &Store, format: Format) -> String {
    let mut out = Vec::new();
    exchange::export(store, format, Lang::Vi, &mut out, "test").unwrap();
    String::from_utf8(out).unwrap()
}

fn status_of(store: &Store, code: &str) -> Status {
    store.petition(code).unwrap().status()
}

/// The code the store gave the petition whose subject starts with `subject`.
fn code_by_subject(store: &Store, subject: &str) -> String {
    let (_, rows) = export_rows(store);
    rows.into_values()
        .find(|r| r["subject"].starts_with(subject))
        .unwrap_or_else(|| panic!("no petition about {subject}"))["code"]
        .clone()
}

#[test]
fn good_file_imports_with_counts_and_statuses() {
    let mut store = store();
    let report = import(&mut store, &fixture("good.csv"), false);
    assert!(report.bad.is_empty(), "{:?}", report.errors(Lang::En));
    assert!(report.committed);
    assert_eq!(
        (report.rows, report.added, report.already_present),
        (7, 7, 0)
    );
    assert_eq!(store.petition_count().unwrap(), 7);

    let resolved = store.petition("2026-000101").unwrap();
    assert_eq!(resolved.status(), Status::Resolved);
    assert_eq!(resolved.state.decision_no.as_deref(), Some("12/QĐ-UBND"));
    assert_eq!(
        resolved.state.accepted_on,
        Some("2026-03-10".parse().unwrap())
    );
    let filers = store.filers(resolved.id).unwrap();
    assert_eq!(
        filers[0].phone.as_deref(),
        Some("0912345678"),
        "phone normalised by the desk validator"
    );
    assert_eq!(filers[0].province.as_deref(), Some("Hà Tĩnh"));

    assert_eq!(status_of(&store, "2026-000102"), Status::Accepted);
    // A recommendation needs no decision number; a complaint resolved in an old logbook gets
    // the marker instead of an invented number.
    assert_eq!(
        store.petition("2026-000103").unwrap().state.decision_no,
        None
    );
    let legacy = store.petition("2026-000104").unwrap();
    assert_eq!(legacy.state.decision_no.as_deref(), Some(LEGACY_DECISION));
    assert_eq!(legacy.round, Some(tiepdan::domain::Round::Second));

    // Rows without a code got the next codes of their year, above the imported ones.
    let accepted = code_by_subject(&store, "Ô nhiễm");
    assert!(accepted.as_str() > "2026-000104", "{accepted}");
    assert_eq!(status_of(&store, &accepted), Status::Accepted);
    let group = store
        .petition(&code_by_subject(&store, "Xây dựng trái phép"))
        .unwrap();
    assert_eq!(group.status(), Status::Transferred);
    assert_eq!(
        group.state.transferred_to.as_deref(),
        Some("UBND xã Cẩm Xuyên")
    );
    assert!(group.flags.contains(Flag::Group), "six people are a group");
    assert_eq!(store.filers(group.id).unwrap().len(), 2);
    let visit = store.visit(group.visit_id.unwrap()).unwrap().unwrap();
    assert_eq!(visit.headcount, 6);
    assert_eq!(
        status_of(&store, &code_by_subject(&store, "Chưa được hưởng")),
        Status::Received
    );
    assert!(
        store.check().unwrap().is_ok(),
        "imported histories replay to their statuses"
    );
}

#[test]
fn vietnamese_headers_bom_semicolons_and_plain_ascii_values() {
    let mut store = store();
    let report = import(&mut store, &fixture("vietnamese.csv"), false);
    assert!(report.bad.is_empty(), "{:?}", report.errors(Lang::En));
    assert_eq!(report.added, 4);
    assert_eq!(report.ignored_columns, ["STT"]);
    let (_, rows) = export_rows(&store);
    let by_subject = |s: &str| {
        rows.values()
            .find(|r| r["subject"].starts_with(s))
            .unwrap()
            .clone()
    };
    let land = by_subject("Tranh chấp");
    assert_eq!(land["received_on"], "2026-03-02", "dd/mm/yyyy read");
    assert_eq!(land["kind"], "khiếu nại");
    assert_eq!(land["field"], "đất đai");
    assert_eq!(land["status"], "đã tiếp nhận");
    assert_eq!(land["citizen_id"], "001085012345");
    let denunciation = store.petition("HT-2026-07").unwrap();
    assert_eq!(denunciation.kind, PetitionKind::Denunciation);
    assert_eq!(denunciation.status(), Status::Accepted);
    let group = by_subject("Đề nghị di dời");
    assert_eq!(group["received_on"], "2026-05-01", "d/m/yyyy read");
    assert_eq!(group["headcount"], "12");
    assert_eq!(
        by_subject("Công trình").get("status").unwrap(),
        "đã hướng dẫn"
    );
}

#[test]
fn bad_file_lists_every_bad_row_and_imports_nothing() {
    let mut store = store();
    let report = import(&mut store, &fixture("bad.csv"), false);
    assert!(!report.committed);
    assert_eq!(store.petition_count().unwrap(), 0, "nothing half-imported");
    let lines: Vec<u64> = report.bad.iter().map(|b| b.line).collect();
    // Line 2 holds a two-line cell, so the rows below it start one line later.
    assert_eq!(lines, [4, 5, 6, 7, 8]);
    let reasons: Vec<String> = report
        .errors(Lang::En)
        .iter()
        .map(|e| e.message(Lang::En))
        .collect();
    let expect = [
        (4, "not a valid date"),
        (5, "province code 003"),
        (6, "petition kind"),
        (7, "cannot be after today"),
        (8, "has a date but the status is"),
    ];
    for ((line, words), reason) in expect.iter().zip(&reasons) {
        assert!(reason.starts_with(&format!("line {line}: ")), "{reason}");
        assert!(reason.contains(words), "line {line}: {reason}");
    }
    let vi = report.errors(Lang::Vi)[0].message(Lang::Vi);
    assert!(vi.starts_with("dòng 4: cột “received_on”"), "{vi}");
}

#[test]
fn missing_required_column_refuses_the_file() {
    let mut store = store();
    let err = exchange::import_logbook(
        &mut store,
        &fixture("missing_kind.csv"),
        &options(true),
        &exchange::Quiet,
    )
    .unwrap_err();
    match &err {
        Error::Import { line: 1, message } => assert!(message.contains("kind"), "{message}"),
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(store.petition_count().unwrap(), 0);
}

#[test]
fn skip_bad_imports_the_good_rows_and_writes_the_rejects() {
    let dir = TempDir::new().unwrap();
    let input = copy_fixture(&dir, "bad.csv");
    let mut store = store();
    let report = import(&mut store, &input, true);
    assert!(report.committed);
    assert_eq!((report.added, report.bad.len()), (2, 5));
    assert_eq!(store.petition_count().unwrap(), 2);
    let rejects = dir.path().join("bad.rejects.csv");
    assert_eq!(report.rejects_file.as_deref(), Some(rejects.as_path()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&rejects).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "rejects hold personal data");
    }
    let text = std::fs::read_to_string(&rejects).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.get(0), Some("code"));
    assert_eq!(headers.iter().next_back(), Some("reason"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[0].get(1),
        Some("31/04/2026"),
        "original cells kept as written"
    );
    assert!(rows[1].iter().next_back().unwrap().contains("003"));

    // Fixing the reject file and importing it brings the rest in; its `reason` column is ignored.
    let fixed = text
        .replace("31/04/2026", "30/04/2026")
        .replace("003085012345", "001085012345")
        .replace("đơn thư", "kiến nghị")
        .replace("2026-12-01", "2026-11-01")
        .replace(
            "accepted,2026-03-06,2026-03-20",
            "resolved,2026-03-06,2026-03-20",
        );
    std::fs::write(&rejects, fixed).unwrap();
    let again = import(&mut store, &rejects, false);
    assert!(again.bad.is_empty(), "{:?}", again.errors(Lang::En));
    assert_eq!(again.added, 5);
    assert_eq!(store.petition_count().unwrap(), 7);
}

#[test]
fn reimport_adds_nothing() {
    let mut store = store();
    assert_eq!(import(&mut store, &fixture("good.csv"), false).added, 7);
    let again = import(&mut store, &fixture("good.csv"), false);
    assert_eq!((again.added, again.already_present), (0, 7));
    assert_eq!(store.petition_count().unwrap(), 7);
    // The Vietnamese file's rows have no code for the most part: still recognised.
    assert_eq!(
        import(&mut store, &fixture("vietnamese.csv"), false).added,
        4
    );
    assert_eq!(
        import(&mut store, &fixture("vietnamese.csv"), false).added,
        0
    );
    assert_eq!(store.petition_count().unwrap(), 11);
}

/// A named denouncer, entered at the desk and accepted (thụ lý).
fn denunciation_at_the_desk(store: &mut Store) -> String {
    let form = IntakeForm {
        citizens: vec![CitizenForm {
            name: "Bùi Thị Mật".into(),
            id_number: "038190012345".into(),
            phone: "0977 123 456".into(),
            address: "Xóm Kín, xã Cẩm Xuyên, tỉnh Hà Tĩnh".into(),
            ..Default::default()
        }],
        kind: "tố cáo".into(),
        field: "tham nhũng".into(),
        subject: "Tố cáo chủ tịch xã nhận hối lộ".into(),
        received_on: "2026-10-01".into(),
        handling: "accept".into(),
        ..IntakeForm::default()
    };
    let intake = form
        .validate(today(), today().and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
    store.log_intake(intake, today()).unwrap().petition_code
}

#[test]
fn export_then_import_into_an_empty_database_round_trips() {
    let dir = TempDir::new().unwrap();
    let mut first = store();
    import(&mut first, &fixture("good.csv"), false);
    import(&mut first, &fixture("vietnamese.csv"), false);
    let desk = denunciation_at_the_desk(&mut first);
    let exported = dir.path().join("export.csv");
    std::fs::write(&exported, export_text(&first, Format::Csv)).unwrap();

    let mut second = store();
    let report = import(&mut second, &exported, false);
    assert!(report.bad.is_empty(), "{:?}", report.errors(Lang::En));
    assert_eq!(report.added, 12);
    assert!(second.check().unwrap().is_ok());
    let (headers, before) = export_rows(&first);
    let (_, after) = export_rows(&second);
    assert_eq!(before, after, "every exported cell survives the trip");
    let names: Vec<&str> = exchange::Column::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(headers, names, "the export's columns are the import's");
    // The masked denouncer comes back as protected, not anonymous: the acceptance still holds.
    let back = second.petition(&desk).unwrap();
    assert_eq!(back.status(), Status::Accepted);
    assert!(!back.is_anonymous());
    // And the round-tripped file imports into its source as "already present".
    let same = import(&mut first, &exported, false);
    assert_eq!((same.added, same.already_present), (0, 12));
}

#[test]
fn exported_cells_cannot_start_a_formula() {
    let mut store = store();
    let report = import(&mut store, &fixture("formula.csv"), false);
    assert!(report.bad.is_empty(), "{:?}", report.errors(Lang::En));
    let petition = store.petition("2026-000201").unwrap();
    assert!(
        petition.subject.starts_with("=HYPERLINK"),
        "stored as typed"
    );
    let (_, rows) = export_rows(&store);
    for (column, cell) in &rows["2026-000201"] {
        assert!(!cell.starts_with(['=', '+', '-', '@']), "{column}: {cell}");
    }
    let row = &rows["2026-000201"];
    assert!(row["subject"].starts_with("'=HYPERLINK"));
    assert_eq!(row["citizen_name"], "'@Nguyễn Văn Xấu");
    assert_eq!(row["address"], "'-Thôn 1, xã Cẩm Xuyên");
    assert_eq!(row["summary"], "'+84 là mã vùng");
}

#[test]
fn a_denouncers_identity_is_in_neither_export() {
    let mut store = store();
    import(&mut store, &fixture("good.csv"), false);
    let code = denunciation_at_the_desk(&mut store);
    let secrets = [
        "Bùi Thị Mật",
        "038190012345",
        "0977123456",
        "Xóm Kín",
        // The denouncer of the imported file (row 2026-000102).
        "Phạm Văn Cường",
        "042190000123",
        "0983111222",
        "Thạch Hà",
    ];
    let csv_text = export_text(&store, Format::Csv);
    let json_text = export_text(&store, Format::Json);
    for secret in secrets {
        assert!(!csv_text.contains(secret), "CSV shows {secret}");
        assert!(!json_text.contains(secret), "JSON shows {secret}");
    }
    let (_, rows) = export_rows(&store);
    assert_eq!(rows[&code]["citizen_name"], "(danh tính được bảo mật)");
    assert_eq!(rows[&code]["phone"], "(danh tính được bảo mật)");
    // Other people stay visible: masking is for denouncers only.
    assert!(csv_text.contains("Nguyễn Văn An") && json_text.contains("Nguyễn Văn An"));

    let lines: Vec<serde_json::Value> = json_text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 8);
    assert!(lines.iter().all(|l| l["schema"] == exchange::SCHEMA));
    let desk = lines.iter().find(|l| l["code"] == code.as_str()).unwrap();
    assert_eq!(desk["identity_protected"], true);
    assert_eq!(desk["filers"].as_array().unwrap().len(), 0);
    assert_eq!(desk["status"], "accepted");
    let kinds: Vec<&str> = desk["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["received", "accepted"]);
    let open = lines.iter().find(|l| l["code"] == "2026-000101").unwrap();
    assert_eq!(open["filers"][0]["full_name"], "Nguyễn Văn An");
}

/// Appends a row to the file when the write pass starts: the file changes under the import.
struct AppendOnWrite(PathBuf);

impl exchange::Progress for AppendOnWrite {
    fn pass(&self, pass: exchange::Pass, _: u64) {
        if pass == exchange::Pass::Write {
            use std::io::Write;
            let mut file = std::fs::OpenOptions::new()
                .append(true)
                .open(&self.0)
                .unwrap();
            writeln!(
                file,
                ",2026-03-05,Người Mới,,,,kiến nghị,,,Hàng mới chen vào,,,,,,,,,,,"
            )
            .unwrap();
        }
    }
    fn at(&self, _: u64) {}
    fn finish(&self) {}
}

#[test]
fn a_file_changed_during_the_import_is_reported_and_a_second_import_completes_it() {
    let dir = TempDir::new().unwrap();
    let input = copy_fixture(&dir, "good.csv");
    let mut store = store();
    let err = exchange::import_logbook(
        &mut store,
        &input,
        &options(false),
        &AppendOnWrite(input.clone()),
    )
    .unwrap_err();
    let message = err.message(Lang::En);
    assert!(
        message.contains("the file changed during the import"),
        "{message}"
    );
    // The rows with a code go first; the stream stopped at the stranger, before the others.
    assert_eq!(store.petition_count().unwrap(), 4, "part of it, committed");
    let report = import(&mut store, &input, false);
    assert_eq!(
        (report.added, report.already_present),
        (4, 4),
        "the rest, once"
    );
    assert_eq!(store.petition_count().unwrap(), 8);
}

/// A 100,000-row logbook in one transaction. Slow in a debug build: run with
/// `cargo test --release --test import -- --ignored`.
#[test]
#[ignore]
fn a_hundred_thousand_rows() {
    use std::io::Write;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("big.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(
        out,
        "received_on,citizen_name,phone,kind,field,subject,status,accepted_on"
    )
    .unwrap();
    for i in 0..100_000u32 {
        let day =
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(u64::from(i % 600));
        let kind = ["khiếu nại", "kiến nghị", "phản ánh"][i as usize % 3];
        let status = if i % 2 == 0 { "accepted" } else { "" };
        let accepted = if i % 2 == 0 {
            day.to_string()
        } else {
            String::new()
        };
        writeln!(
            out,
            "{day},Người dân {i},09{i:08},{kind},đất đai,Nội dung số {i},{status},{accepted}"
        )
        .unwrap();
    }
    drop(out);
    let db = dir.path().join("big.sqlite3");
    let mut store = Store::open(
        &db,
        tiepdan::store::Access::ReadWrite,
        Policy::legal_default(),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let report = import(&mut store, &path, false);
    eprintln!("100,000 rows imported in {:?}", started.elapsed());
    assert_eq!(report.added, 100_000);
    assert_eq!(import(&mut store, &path, false).already_present, 100_000);
}

// ── The real binary ──────────────────────────────────────────────────────────────────────────

mod cli_support;
mod common;

fn tiepdan(db: &Path, args: &[&str]) -> std::process::Output {
    cli_support::tiepdan_in(db, "en", args)
}

#[test]
fn cli_import_refuses_bad_rows_then_skips_them() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let input = copy_fixture(&dir, "bad.csv");
    let input = input.to_str().unwrap();

    let refused = tiepdan(&db, &["import", input]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    for line in [4, 5, 6, 7, 8] {
        assert!(stderr.contains(&format!("line {line}: ")), "{stderr}");
    }
    assert!(stderr.contains("Nothing imported"), "{stderr}");

    let skipped = tiepdan(&db, &["import", "--skip-bad", input]);
    assert_eq!(
        skipped.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&skipped.stderr)
    );
    assert!(String::from_utf8_lossy(&skipped.stdout).contains("Imported 2 new"));
    assert!(dir.path().join("bad.rejects.csv").exists());

    let good = fixture("good.csv");
    let good = good.to_str().unwrap();
    assert_eq!(tiepdan(&db, &["import", good]).status.code(), Some(0));
    let again = tiepdan(&db, &["import", "--json", good]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        (report["added"].as_u64(), report["already_present"].as_u64()),
        (Some(0), Some(7))
    );
}

#[test]
fn cli_export_writes_a_private_file_or_stdout() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let good = fixture("good.csv");
    assert_eq!(
        tiepdan(&db, &["import", good.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );

    let out = dir.path().join("logbook.jsonl");
    let export = tiepdan(
        &db,
        &[
            "export",
            "--format",
            "json",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        export.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert!(export.stdout.is_empty(), "data goes to the file only");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 7);
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["schema"], "tiepdan.petition/2");
    }

    let stdout = tiepdan(&db, &["export"]);
    assert_eq!(stdout.status.code(), Some(0));
    assert!(stdout.stdout.starts_with(b"\xEF\xBB\xBFcode,received_on,"));
    assert_eq!(
        String::from_utf8_lossy(&stdout.stdout).lines().count(),
        1 + 7 + 1,
        "header, rows, one two-line summary"
    );

    let wrong = tiepdan(&db, &["export", "--format", "xml"]);
    assert_eq!(
        wrong.status.code(),
        Some(2),
        "a bad option value is a usage error"
    );
}

/// Excel in a Vietnamese locale saves "CSV" with semicolons, a copy out of a spreadsheet comes
/// with tabs, and either may carry the unit's name and the title above the header — a title with
/// commas of its own, or none. The header decides the separator: the same four petitions each time.
#[test]
fn semicolons_or_tabs_under_title_rows_are_detected_together() {
    let original = std::fs::read_to_string(fixture("vietnamese.csv")).unwrap();
    let body = original.trim_start_matches('\u{feff}');
    let titles = [
        // A title with a comma and no semicolon: the first line alone would say "commas".
        "UBND xã Cẩm Bình, tỉnh Hà Tĩnh\nSỔ TIẾP CÔNG DÂN NĂM 2026\n\n",
        // Excel pads a title row with the separator out to the table's width.
        "SỔ TIẾP CÔNG DÂN;;;;;;;;\n",
        "",
    ];
    for (separator, name) in [(";", "semicolons"), ("\t", "tabs")] {
        for (i, title) in titles.iter().enumerate() {
            let title = title.replace(';', separator);
            let text = format!("\u{feff}{title}{}", body.replace(';', separator));
            let dir = TempDir::new().unwrap();
            let path = dir.path().join(format!("{name}-{i}.csv"));
            std::fs::write(&path, text).unwrap();
            let mut store = store();
            let report = import(&mut store, &path, false);
            assert!(
                report.bad.is_empty(),
                "{name}, title {i}: {:?}",
                report.errors(Lang::En)
            );
            assert_eq!(report.added, 4, "{name}, title {i}");
            let denunciation = store.petition("HT-2026-07").unwrap();
            assert_eq!(denunciation.kind, PetitionKind::Denunciation, "{name} {i}");
            // The address's own comma stays inside its cell.
            let (_, rows) = export_rows(&store);
            assert!(
                rows.values()
                    .any(|r| r["address"] == "Xã Cẩm Xuyên, tỉnh Hà Tĩnh"),
                "{name}, title {i}: {rows:?}"
            );
        }
    }
}
