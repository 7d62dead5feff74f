//! Periodic report, logbook (Mẫu 03) and public disclosure over a small hand-checked database.
//!
//! The period is 2026-Q3 under the default cut-off: 15/06/2026 – 14/09/2026. Petitions sit on and
//! around both ends of it; every figure below is counted by hand from the list in `fixture`.

use chrono::NaiveDate;
use std::io::Read;
use tiepdan::domain::{Competence, EventKind, Step, StepDetail};
use tiepdan::i18n::Lang;
use tiepdan::intake::{CitizenForm, IntakeForm};
use tiepdan::policy::Policy;
use tiepdan::report::{self, CALENDAR_MONTHS, DEFAULT_CUTOFF_DAY, PeriodReport, render};
use tiepdan::store::Store;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 11, 20)
}

/// The denouncer whose identity must never leave the database.
const SECRET_NAME: &str = "Phạm Bí Mật";
const SECRET_PHONE: &str = "0987654321";
const SECRET_CCCD: &str = "001099012345";
const SECRET_ADDRESS: &str = "12 Ngõ Kín, phường Hoàn Kiếm, Hà Nội";

fn person(name: &str, cccd: &str, phone: &str, address: &str) -> CitizenForm {
    CitizenForm {
        name: name.into(),
        id_number: cccd.into(),
        phone: phone.into(),
        address: address.into(),
        ..Default::default()
    }
}

fn secret_person() -> CitizenForm {
    person(SECRET_NAME, SECRET_CCCD, SECRET_PHONE, SECRET_ADDRESS)
}

struct Visit {
    on: &'static str,
    headcount: u32,
    leader: bool,
}

// One call per fixture row keeps the table in `fixture` readable; a builder would hide it.
#[allow(clippy::too_many_arguments)]
fn log(
    store: &mut Store,
    who: CitizenForm,
    kind: &str,
    field: &str,
    received: &str,
    visit: Option<Visit>,
    handling: &str,
    extra: impl FnOnce(&mut IntakeForm),
) -> String {
    let mut form = IntakeForm {
        citizens: vec![who],
        kind: kind.into(),
        field: field.into(),
        subject: format!("Vụ việc {kind} {received}"),
        received_on: received.into(),
        handling: handling.into(),
        ..Default::default()
    };
    match visit {
        Some(v) => {
            assert_eq!(v.on, received);
            form.headcount = v.headcount.to_string();
            form.leader_present = v.leader;
        }
        None => {
            form.with_visit = false;
            form.source = "post".into();
        }
    }
    extra(&mut form);
    let intake = form
        .validate(today(), today().and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
    store.log_intake(intake, today()).unwrap().petition_code
}

fn step(store: &mut Store, code: &str, kind: EventKind, on: NaiveDate, detail: StepDetail) {
    store
        .add_step(code, Step { kind, on, detail }, today())
        .unwrap();
}

fn resolve(store: &mut Store, code: &str, on: NaiveDate, decision: &str) {
    let detail = StepDetail {
        decision_no: Some(decision.into()),
        ..Default::default()
    };
    step(store, code, EventKind::Resolved, on, detail);
}

/// The fixture (complaint resolve period: 30 days from thụ lý; denunciation: 30 days):
///
/// | # | kind | received | visit (people, head) | field | steps |
/// |---|------|----------|----------------------|-------|-------|
/// | P1 | complaint | 10/06 (before) | 1, no | land | accepted 10/06, resolved 05/07 (due 10/07: on time) |
/// | P2 | complaint | 15/06 (first day) | 6 (group), head | land | accepted 15/06, resolved 20/08 (due 15/07: late) |
/// | P3 | denunciation (secret filer) | 01/07 | 1, head | corruption | accepted 02/07, still open |
/// | P4 | recommendation, repeat of P1 | 01/07 | 5 (group), head | land | classified not ours, transferred 01/07 |
/// | P5 | report | 14/09 (last day), post | — | environment | guided 14/09 |
/// | P6 | complaint | 15/09 (after) | 3, head | land | — |
/// | P7 | complaint | 01/03 (long before) | 1, no | other | filed 01/03 |
/// | P8 | report | 01/08 | 2, no | other | returned 01/08 |
/// | P9 | denunciation (secret filer), post | 01/05 (before) | — | corruption | accepted 05/05, resolved 10/07 (late) |
/// | P10 | recommendation, post | 10/08 | — | other | filed 10/08 (anonymous, unsigned) |
/// | P11 | complaint, post | 20/08 | — | land | — (no decision yet) |
struct Fixture {
    store: Store,
    p9: String,
}

fn fixture() -> Fixture {
    fixture_in(Store::open_in_memory(Policy::legal_default()).unwrap())
}

fn fixture_in(mut s: Store) -> Fixture {
    let v = |on, headcount, leader| {
        Some(Visit {
            on,
            headcount,
            leader,
        })
    };
    let none = |_: &mut IntakeForm| {};

    let p1 = log(
        &mut s,
        person(
            "Nguyễn Văn An",
            "042190000001",
            "0912000001",
            "Xóm 1, xã Cẩm Bình",
        ),
        "complaint",
        "land",
        "2026-06-10",
        v("2026-06-10", 1, false),
        "accept",
        none,
    );
    resolve(&mut s, &p1, day(2026, 7, 5), "101/QĐ-UBND");

    let p2 = log(
        &mut s,
        person(
            "Trần Thị Bình",
            "042190000002",
            "0912000002",
            "Xóm 2, xã Cẩm Bình",
        ),
        "complaint",
        "land",
        "2026-06-15",
        v("2026-06-15", 6, true),
        "accept",
        |f| {
            f.citizens[0].representative = true;
        },
    );
    resolve(&mut s, &p2, day(2026, 8, 20), "102/QĐ-UBND");

    let p3 = log(
        &mut s,
        secret_person(),
        "denunciation",
        "corruption",
        "2026-07-01",
        v("2026-07-01", 1, true),
        "pending",
        none,
    );
    step(
        &mut s,
        &p3,
        EventKind::Accepted,
        day(2026, 7, 2),
        StepDetail::default(),
    );

    let p4 = log(
        &mut s,
        person(
            "Lê Văn Cường",
            "042190000004",
            "0912000004",
            "Xóm 4, xã Cẩm Bình",
        ),
        "recommendation",
        "land",
        "2026-07-01",
        v("2026-07-01", 5, true),
        "pending",
        |f| {
            f.repeat_of = p1.clone();
            f.citizens[0].representative = true;
        },
    );
    let not_ours = StepDetail {
        competence: Some(Competence::NotOurs),
        ..Default::default()
    };
    step(
        &mut s,
        &p4,
        EventKind::Classified,
        day(2026, 7, 1),
        not_ours,
    );
    let to = StepDetail {
        to_agency: Some("UBND huyện Cẩm Xuyên".into()),
        ..Default::default()
    };
    step(&mut s, &p4, EventKind::Transferred, day(2026, 7, 1), to);

    log(
        &mut s,
        person("Phan Thị Dung", "042190000005", "0912000005", "Xóm 5"),
        "report",
        "environment",
        "2026-09-14",
        None,
        "guide",
        none,
    );
    log(
        &mut s,
        person("Võ Văn Em", "042190000006", "0912000006", "Xóm 6"),
        "complaint",
        "land",
        "2026-09-15",
        v("2026-09-15", 3, true),
        "pending",
        none,
    );
    log(
        &mut s,
        person("Đỗ Thị Giang", "042190000007", "0912000007", "Xóm 7"),
        "complaint",
        "other",
        "2026-03-01",
        v("2026-03-01", 1, false),
        "file",
        none,
    );
    log(
        &mut s,
        person("Hồ Văn Hải", "042190000008", "0912000008", "Xóm 8"),
        "report",
        "other",
        "2026-08-01",
        v("2026-08-01", 2, false),
        "return",
        none,
    );

    let p9 = log(
        &mut s,
        secret_person(),
        "denunciation",
        "corruption",
        "2026-05-01",
        None,
        "pending",
        none,
    );
    step(
        &mut s,
        &p9,
        EventKind::Accepted,
        day(2026, 5, 5),
        StepDetail::default(),
    );
    resolve(&mut s, &p9, day(2026, 7, 10), "103/QĐ-UBND");

    log(
        &mut s,
        person("Khuất Danh", "", "", ""),
        "recommendation",
        "other",
        "2026-08-10",
        None,
        "file",
        none,
    );
    log(
        &mut s,
        person("Lý Văn Khoa", "042190000011", "0912000011", "Xóm 11"),
        "complaint",
        "land",
        "2026-08-20",
        None,
        "pending",
        none,
    );
    Fixture { store: s, p9 }
}

fn q3() -> report::Period {
    report::parse_period("2026-Q3", DEFAULT_CUTOFF_DAY).unwrap()
}

#[test]
fn every_figure_matches_the_hand_count() {
    let f = fixture();
    let r = PeriodReport::build(&f.store, &q3()).unwrap();
    assert_eq!(
        (r.period.from, r.period.to),
        (day(2026, 6, 15), day(2026, 9, 14))
    );

    let v = &r.reception;
    // Visits dated 15/06–14/09: P2, P3, P4, P8 (P1 is 10/06, P6 15/09, P7 March; P5, P9 by post).
    assert_eq!(v.visits, 4);
    // Lượt người: 6 (P2) + 1 (P3) + 5 (P4) + 2 (P8).
    assert_eq!(v.people, 14);
    // Vụ việc of those visits: P2, P3, P8 new; P4 repeats P1.
    assert_eq!((v.cases_new, v.cases_repeat), (3, 1));
    // Groups (≥ 5 people): P2 (6) and P4 (5): 2 visits, 11 people.
    assert_eq!((v.group_visits, v.group_people), (2, 11));
    // The head received P2 (15/06), P3 and P4 (both 01/07): 3 visits on 2 days; P6 is outside.
    assert_eq!((v.leader_visits, v.leader_days), (3, 2));

    let d = &r.received;
    // Received 15/06–14/09: P2, P3, P4, P5 (last day), P8, P10, P11.
    assert_eq!(d.total, 7);
    let kind = |code: &str| {
        d.by_kind
            .iter()
            .find(|(k, _)| k.code() == code)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(
        (
            kind("complaint"),
            kind("denunciation"),
            kind("recommendation"),
            kind("report")
        ),
        (2, 1, 2, 2)
    );
    let field = |code: &str| {
        d.by_field
            .iter()
            .find(|(k, _)| k.code() == code)
            .map_or(0, |(_, n)| *n)
    };
    // land: P2, P4, P11; corruption: P3; environment: P5; other: P8, P10.
    assert_eq!(
        (
            field("land"),
            field("corruption"),
            field("environment"),
            field("other")
        ),
        (3, 1, 1, 2)
    );
    // Ours: P2, P3 (accepted); not ours: P4 (classified so); undetermined: P5 (guided), P8
    // (returned), P10 (filed), P11 (no decision).
    assert_eq!((d.ours, d.not_ours, d.undetermined), (2, 1, 4));
    // Đủ điều kiện: P2, P3 (thụ lý), P4 (chuyển), P5 (hướng dẫn); không đủ: P8 (trả lại), P10
    // (lưu); not yet decided: P11. P7 (filed in March) was received before the period.
    assert_eq!((d.eligible, d.not_eligible, d.undecided), (4, 2, 1));

    let h = &r.handling;
    // Steps dated in the period: thụ lý P2 (15/06), P3 (02/07) — P1 (10/06) and P9 (05/05) are
    // earlier; chuyển P4; hướng dẫn P5; trả lại P8; lưu P10 (P7 was filed in March).
    assert_eq!(
        (h.accepted, h.transferred, h.guided, h.returned, h.filed),
        (2, 1, 1, 1, 1)
    );

    let o = &r.results;
    // Resolved in the period: P1 on 05/07 (accepted 10/06, due 10/07: on time), P2 on 20/08
    // (accepted 15/06, due 15/07: late), P9 on 10/07 (accepted 05/05, due 04/06: late).
    assert_eq!((o.resolved, o.on_time, o.late), (3, 1, 2));
    // In resolution on 14/09: P3 only.
    assert_eq!(o.in_progress, 1);
    // Open on 14/06 and received earlier: P1 (accepted 10/06) and P9 (accepted 05/05); P7 filed.
    assert_eq!(o.carried_over, 2);

    // The flat rows carry the same figures, every kind and field listed.
    let rows = r.rows(Lang::Vi);
    let value = |label: &str| rows.iter().find(|row| row.label == label).unwrap().value;
    assert_eq!(value("Lượt tiếp"), 4);
    assert_eq!(value("Loại: phản ánh"), 2);
    assert_eq!(value("Lĩnh vực: tôn giáo"), 0);
    assert_eq!(value("Đã giải quyết quá hạn"), 2);
    assert_eq!(value("Tồn đọng kỳ trước chuyển sang"), 2);
    assert_eq!(value("Đủ điều kiện xử lý"), 4);
    assert_eq!(value("Không đủ điều kiện xử lý"), 2);
    let english = r.rows(Lang::En);
    assert_eq!(english.len(), rows.len());
    assert!(
        english
            .iter()
            .any(|row| row.label == "Visits" && row.value == 4)
    );
}

/// The eligibility figures reach every output: Markdown, CSV, XLSX here, the terminal table
/// through the CLI over the same fixture stored in a file.
#[test]
fn eligibility_figures_appear_in_every_output() {
    let f = fixture();
    for (lang, eligible, not_eligible) in [
        (Lang::Vi, "Đủ điều kiện xử lý", "Không đủ điều kiện xử lý"),
        (
            Lang::En,
            "Eligible for handling",
            "Not eligible for handling",
        ),
    ] {
        let table = PeriodReport::build(&f.store, &q3()).unwrap().table(lang);
        let markdown = render::markdown(&table);
        assert!(
            markdown.contains(&format!("| {eligible} | 4 |")),
            "{markdown}"
        );
        assert!(
            markdown.contains(&format!("| {not_eligible} | 2 |")),
            "{markdown}"
        );
        let mut csv = Vec::new();
        render::write_csv(&table, &mut csv, "test").unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains(&format!(",{eligible},4\n")), "{csv}");
        assert!(csv.contains(&format!(",{not_eligible},2\n")), "{csv}");
        let xml = xlsx_xml(&render::xlsx(&table, "Báo cáo").unwrap());
        assert!(xml.contains(eligible) && xml.contains(not_eligible));
    }

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fixture.sqlite3");
    let store = Store::open(
        &db,
        tiepdan::store::Access::ReadWrite,
        Policy::legal_default(),
    )
    .unwrap();
    drop(fixture_in(store));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--db")
        .arg(&db)
        .args(["report", "--period", "2026-Q3", "--format", "table"])
        .env_remove("TIEPDAN_LANG")
        .env("TIEPDAN_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let line = |label: &str| {
        text.lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no {label:?} line in\n{text}"))
            .to_string()
    };
    assert!(
        line("Đủ điều kiện xử lý").trim_end().ends_with('4'),
        "{text}"
    );
    assert!(
        line("Không đủ điều kiện xử lý").trim_end().ends_with('2'),
        "{text}"
    );
}

/// `[report] cutoff_day` in config.toml moves a named period; `--cutoff-day` overrides it.
#[test]
fn cutoff_day_comes_from_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    // An empty database (reading commands create none).
    std::fs::File::create(&db).unwrap();
    let title = |config: Option<&str>, extra: &[&str]| {
        let conf = tempfile::tempdir().unwrap();
        if let Some(text) = config {
            std::fs::write(conf.path().join("config.toml"), text).unwrap();
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
            .arg("--db")
            .arg(&db)
            .args(["report", "--period", "2026-Q1", "--format", "md"])
            .args(extra)
            .env_remove("TIEPDAN_LANG")
            .env("TIEPDAN_CONFIG_DIR", conf.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    assert!(title(None, &[]).contains("15/12/2025 – 14/03/2026"));
    let twentieth = Some("[report]\ncutoff_day = 20\n");
    assert!(title(twentieth, &[]).contains("21/12/2025 – 20/03/2026"));
    assert!(title(Some("[report]\ncutoff_day = 0\n"), &[]).contains("01/01/2026 – 31/03/2026"));
    assert!(title(twentieth, &["--cutoff-day", "10"]).contains("11/12/2025 – 10/03/2026"));
}

#[test]
fn explicit_dates_give_the_same_report_as_the_named_period() {
    let f = fixture();
    let named = PeriodReport::build(&f.store, &q3()).unwrap();
    let explicit = report::Period::between(day(2026, 6, 15), day(2026, 9, 14)).unwrap();
    let by_dates = PeriodReport::build(&f.store, &explicit).unwrap();
    assert_eq!(named.rows(Lang::Vi), by_dates.rows(Lang::Vi));
    assert!(report::Period::between(day(2026, 9, 14), day(2026, 6, 15)).is_err());
}

/// Period name, cut-off day, expected first and last day (y, m, d).
type PeriodCase = (&'static str, u32, (i32, u32, u32), (i32, u32, u32));

#[test]
fn period_names_and_cut_off_days() {
    let cases: &[PeriodCase] = &[
        ("2026-Q1", 14, (2025, 12, 15), (2026, 3, 14)),
        ("2026-Q2", 14, (2026, 3, 15), (2026, 6, 14)),
        ("2026-q3", 14, (2026, 6, 15), (2026, 9, 14)),
        ("2026-Q4", 14, (2026, 9, 15), (2026, 12, 14)),
        ("2026-H1", 14, (2025, 12, 15), (2026, 6, 14)),
        ("2026-H2", 14, (2026, 6, 15), (2026, 12, 14)),
        ("2026-9M", 14, (2025, 12, 15), (2026, 9, 14)),
        ("2026", 14, (2025, 12, 15), (2026, 12, 14)),
        (" 2026-Q1 ", 20, (2025, 12, 21), (2026, 3, 20)),
        ("2026-Q1", 28, (2025, 12, 29), (2026, 3, 28)),
        ("2024-Q1", CALENDAR_MONTHS, (2024, 1, 1), (2024, 3, 31)),
        ("2026-H1", CALENDAR_MONTHS, (2026, 1, 1), (2026, 6, 30)),
        ("2026", CALENDAR_MONTHS, (2026, 1, 1), (2026, 12, 31)),
    ];
    for &(raw, cutoff, from, to) in cases {
        let period = report::parse_period(raw, cutoff).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert_eq!(
            (period.from, period.to),
            (day(from.0, from.1, from.2), day(to.0, to.1, to.2)),
            "{raw} cut-off {cutoff}"
        );
    }
    assert_eq!(
        report::parse_period("2026-Q3", 14).unwrap().label,
        "2026-Q3"
    );
    for bad in ["2026-Q5", "2026-H3", "Q3", "", "26-Q1", "2026-Q1-x"] {
        assert!(
            report::parse_period(bad, DEFAULT_CUTOFF_DAY).is_err(),
            "{bad}"
        );
    }
    assert!(
        report::parse_period("2026-Q1", 31).is_err(),
        "no 31st in every month"
    );
}

/// Every text a table can become.
fn all_outputs(table: &render::Table) -> Vec<String> {
    let mut csv = Vec::new();
    render::write_csv(table, &mut csv, "test").unwrap();
    let xlsx = xlsx_xml(&render::xlsx(table, "Sổ").unwrap());
    let mut cells: Vec<String> = table.rows.iter().flatten().cloned().collect();
    cells.push(String::from_utf8(csv).unwrap());
    cells.push(render::markdown(table));
    cells.push(xlsx);
    cells
}

fn assert_no_secret(outputs: &[String], what: &str) {
    let folded_phone = SECRET_PHONE.to_string();
    for text in outputs {
        for secret in [
            SECRET_NAME,
            folded_phone.as_str(),
            SECRET_CCCD,
            SECRET_ADDRESS,
            "Ngõ Kín",
            "Bí Mật",
        ] {
            assert!(!text.contains(secret), "{what} leaks {secret:?}");
        }
    }
}

#[test]
fn no_denouncer_identity_leaks_into_logbook_or_disclosure() {
    let f = fixture();
    for lang in [Lang::Vi, Lang::En] {
        let logbook = report::logbook::logbook(&f.store, &q3(), lang).unwrap();
        // The denunciation's visit (P3) is in the logbook, masked.
        let masked = tiepdan::privacy::protected_label(lang);
        let p3_row = logbook
            .rows
            .iter()
            .find(|r| r[4].contains("denunciation"))
            .expect("P3 is listed");
        assert_eq!((p3_row[2].as_str(), p3_row[3].as_str()), (masked, masked));
        assert_no_secret(&all_outputs(&logbook), "logbook");

        let disclosure = report::disclosure::disclosure(&f.store, &q3(), lang).unwrap();
        assert!(
            disclosure
                .rows
                .iter()
                .any(|r| r[1] == f.p9 && r[4] == "103/QĐ-UBND"),
            "P9 is published"
        );
        assert_no_secret(&all_outputs(&disclosure), "disclosure");
        // No filer at all is named in a disclosure.
        for other in [
            "Nguyễn Văn An",
            "Trần Thị Bình",
            "042190000001",
            "0912000002",
            "Xóm 1",
        ] {
            assert!(
                all_outputs(&disclosure).iter().all(|t| !t.contains(other)),
                "disclosure names {other}"
            );
        }
    }
}

#[test]
fn logbook_lists_the_period_visits_in_the_official_columns() {
    let f = fixture();
    let logbook = report::logbook::logbook(&f.store, &q3(), Lang::Vi).unwrap();
    assert_eq!(
        logbook.headers,
        report::logbook::COLUMNS.map(String::from).to_vec()
    );
    // P2, P3, P4, P8 by date.
    let dates: Vec<&str> = logbook.rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        dates,
        ["15/06/2026", "01/07/2026", "01/07/2026", "01/08/2026"]
    );
    let p2 = &logbook.rows[0];
    assert_eq!(p2[0], "1");
    assert_eq!(p2[2], "Trần Thị Bình – Xóm 2, xã Cẩm Bình");
    assert_eq!(p2[3], "042190000002");
    assert_eq!(p2[5], "khiếu nại / 6");
    // Hướng xử lý in its three sub-columns: P2 thụ lý, P4 chuyển (with the agency), P8 trả lại.
    let code_of = |row: &Vec<String>| row[10].split(':').next().unwrap().to_string();
    assert_eq!(
        (p2[7].as_str(), p2[8].as_str(), p2[9].as_str()),
        (code_of(p2).as_str(), "", "")
    );
    assert!(p2[10].contains("102/QĐ-UBND"), "{:?}", p2[10]);
    assert!(p2[11].contains("Lãnh đạo tiếp") && p2[11].contains("Đoàn đông người"));
    let p4 = logbook
        .rows
        .iter()
        .find(|r| r[5].starts_with("kiến nghị"))
        .unwrap();
    assert!(p4[11].contains("Vụ việc cũ"));
    assert_eq!((p4[7].as_str(), p4[8].as_str()), ("", ""));
    assert!(
        p4[9].starts_with(&code_of(p4)) && p4[9].contains('('),
        "{:?}",
        p4[9]
    );
    let p8 = logbook
        .rows
        .iter()
        .find(|r| r[5].starts_with("phản ánh"))
        .unwrap();
    assert_eq!(
        (p8[7].as_str(), p8[8].as_str(), p8[9].as_str()),
        ("", code_of(p8).as_str(), "")
    );
}

/// The handling columns show each petition as it stood at the period's end: P3 (received 01/07,
/// accepted 02/07) is not yet thụ lý in a logbook of 01/07 alone, and is in the quarter's.
#[test]
fn logbook_handling_is_as_of_the_period_end() {
    let f = fixture();
    let day = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let one_day = report::Period::between(day, day).unwrap();
    let p3_row = |period: &report::Period| {
        report::logbook::logbook(&f.store, period, Lang::Vi)
            .unwrap()
            .rows
            .into_iter()
            .find(|r| r[5].starts_with("tố cáo"))
            .expect("P3's visit is listed")
    };
    let early = p3_row(&one_day);
    assert_eq!(
        (early[7].as_str(), early[8].as_str(), early[9].as_str()),
        ("", "", "")
    );
    assert!(
        early[10].contains("đã tiếp nhận") || early[10].contains("mới"),
        "{:?}",
        early[10]
    );
    let quarter = p3_row(&q3());
    assert!(!quarter[7].is_empty(), "thụ lý 02/07 is within the quarter");
}

/// Every workbook prints as a usable document with default settings: A4, landscape where wide,
/// one page wide, fixed widths, wrapped text with borders, the header repeated on every page, page
/// numbers, the official heading on the Mẫu 03 logbook, STT and dates stored as numbers and dates.
#[test]
fn workbooks_print_as_documents() {
    let f = fixture();
    let mut logbook = report::logbook::logbook(&f.store, &q3(), Lang::Vi).unwrap();
    logbook.print.agency = Some("UBND xã Cẩm Bình".into());
    let bytes = render::xlsx(&logbook, "Sổ tiếp công dân").unwrap();
    let part = |name: &str| {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let sheet = part("xl/worksheets/sheet1.xml");
    let strings = part("xl/sharedStrings.xml");
    let workbook = part("xl/workbook.xml");
    let styles = part("xl/styles.xml");
    assert!(sheet.contains(r#"paperSize="9""#), "A4");
    assert!(sheet.contains(r#"orientation="landscape""#));
    assert!(
        sheet.contains(r#"fitToPage="1""#) && sheet.contains(r#"fitToHeight="0""#),
        "one page wide"
    );
    assert!(
        sheet.contains("<oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter>"),
        "page numbers"
    );
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "header rows repeat: {workbook}"
    );
    // Fixed widths: the 12 columns are sized, none left to the 255-wide autofit.
    assert_eq!(sheet.matches("customWidth=\"1\"").count(), 12, "{sheet}");
    assert!(!sheet.contains(r#"width="255"#));
    assert!(styles.contains(r#"wrapText="1""#) && styles.contains(r#"<left style="thin">"#));
    for text in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Mẫu số 03",
        "UBND xã Cẩm Bình",
        "Hướng xử lý",
        "Thụ lý để giải quyết",
    ] {
        assert!(strings.contains(text), "{text}");
    }
    // STT (column A) and the visit date (column B) of the first data row are numbers, not text.
    let cell = |r: &str| {
        let start = sheet
            .find(&format!(r#"<c r="{r}""#))
            .unwrap_or_else(|| panic!("{r}"));
        sheet[start..start + sheet[start..].find("</c>").unwrap()].to_string()
    };
    let first = (1..100)
        .find(|n| {
            sheet.contains(&format!(r#"<c r="A{n}""#))
                && !cell(&format!("A{n}")).contains(r#"t="s""#)
        })
        .unwrap();
    assert!(cell(&format!("A{first}")).contains("<v>1</v>"));
    assert!(
        !cell(&format!("B{first}")).contains(r#"t="s""#),
        "a date is a number in the sheet"
    );
    // The report is narrow: portrait, its figures as numbers.
    let report = PeriodReport::build(&f.store, &q3())
        .unwrap()
        .table(Lang::Vi);
    let bytes = render::xlsx(&report, "Báo cáo").unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(
        sheet.contains(r#"orientation="portrait""#) || !sheet.contains("orientation="),
        "{sheet}"
    );
    assert!(sheet.contains(r#"paperSize="9""#));
}

/// The worksheet XML of an XLSX file, after checking it is a valid zip with a workbook in it.
fn xlsx_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an xlsx is a zip");
    assert!(zip.by_name("xl/workbook.xml").is_ok());
    let mut text = String::new();
    for name in ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"] {
        if let Ok(mut file) = zip.by_name(name) {
            file.read_to_string(&mut text).unwrap();
        }
    }
    text
}

#[test]
fn xlsx_files_open_and_carry_vietnamese_headers() {
    let f = fixture();
    let report = PeriodReport::build(&f.store, &q3())
        .unwrap()
        .table(Lang::Vi);
    let xml = xlsx_xml(&render::xlsx(&report, "Báo cáo").unwrap());
    for header in [
        "Mục",
        "Chỉ tiêu",
        "Số liệu",
        "Lượt tiếp",
        "Tồn đọng kỳ trước chuyển sang",
    ] {
        assert!(xml.contains(header), "{header}");
    }
    let logbook = report::logbook::logbook(&f.store, &q3(), Lang::Vi).unwrap();
    let xml = xlsx_xml(&render::xlsx(&logbook, "Sổ tiếp công dân").unwrap());
    for header in report::logbook::COLUMNS {
        assert!(xml.contains(&header.replace('&', "&amp;")), "{header}");
    }
}

#[test]
fn csv_and_markdown_are_excel_safe() {
    let table = render::Table {
        title: "T".into(),
        headers: vec!["a".into(), "b".into()],
        rows: vec![vec!["=HYPERLINK(\"x\")".into(), "x|y".into()]],
        figures: None,
        print: Default::default(),
    };
    let mut csv = Vec::new();
    render::write_csv(&table, &mut csv, "t").unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(render::markdown(&table).contains("x\\|y"));
}

#[test]
fn cli_writes_private_files_and_refuses_bad_periods() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
            .arg("--db")
            .arg(&db)
            .args(["--today", "2026-11-20"])
            .args(args)
            .env_remove("TIEPDAN_LANG")
            .output()
            .unwrap()
    };
    assert!(run(&["demo", "--petitions", "200"]).status.success());
    let xlsx = dir.path().join("so.xlsx");
    let out = run(&[
        "logbook",
        "--period",
        "2026-Q3",
        "--output",
        xlsx.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(xlsx_xml(&std::fs::read(&xlsx).unwrap()).contains("Ngày tiếp"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&xlsx).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let md = run(&[
        "report", "--period", "2026-Q3", "--format", "md", "--lang", "en",
    ]);
    assert!(String::from_utf8_lossy(&md.stdout).contains("| Citizen reception | Visits |"));
    assert!(!run(&["report", "--period", "2026-Q5"]).status.success());
    assert!(
        !run(&["disclosure", "--period", "2026", "--format", "xlsx"])
            .status
            .success()
    );
}
