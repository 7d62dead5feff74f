//! The person model as a desk meets it: every petition keeps its filer's identity as given on
//! it, a person links those records (never rewriting one), a shared CCCD with another name is
//! kept apart and flagged, `citizen show/merge/split` through the real binary, denouncers kept
//! secret from inspectors, and the property that no given value is ever overwritten.

mod common;

use chrono::NaiveDate;
use common::Desk;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use tiepdan::intake::{CitizenForm, IntakeForm};
use tiepdan::policy::Policy;
use tiepdan::store::Store;

const THU_CCCD: &str = "001190012345";

fn visit(desk: &Desk, name: &str, cccd: &str, phone: &str, kind: &str, subject: &str) -> String {
    let mut args = vec![
        "visit",
        "add",
        "--name",
        name,
        "--kind",
        kind,
        "--subject",
        subject,
    ];
    for (flag, value) in [("--cccd", cccd), ("--phone", phone)] {
        if !value.is_empty() {
            args.extend([flag, value]);
        }
    }
    desk.ok(&args).trim().to_string()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn names(view: &Value) -> Vec<String> {
    view["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect()
}

fn codes(view: &Value) -> Vec<String> {
    view["petitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn one_cccd_two_spellings_each_petition_shows_the_name_written_on_it() {
    let desk = Desk::new();
    let first = visit(
        &desk,
        "Đào Thị Thu",
        THU_CCCD,
        "0912345678",
        "khieu-nai",
        "Tranh chấp đất",
    );
    let second = visit(
        &desk,
        "Đào Thị Thuý",
        THU_CCCD,
        "",
        "kien-nghi",
        "Tranh chấp đất lần hai",
    );
    let shown = desk.ok(&["petition", "show", &first]);
    assert!(
        shown.contains("Đào Thị Thu") && !shown.contains("Thuý"),
        "{shown}"
    );
    let shown = desk.ok(&["petition", "show", &second]);
    assert!(shown.contains("Đào Thị Thuý"), "{shown}");
    // Both are one person: the page lists both spellings, each petition with its own.
    let view = json(&desk.ok(&["citizen", "show", THU_CCCD, "--json"]));
    assert_eq!(names(&view), ["Đào Thị Thu", "Đào Thị Thuý"]);
    assert_eq!(codes(&view), [first.clone(), second.clone()]);
    assert_eq!(view["petitions"][1]["name_given"], "Đào Thị Thuý");
    assert_eq!(view["petitions"][0]["kind"], "complaint");
    assert_eq!(view["aliases"][1]["linked_by"], "same_id");
    // Search shows each petition under its own name too.
    let found = desk.ok(&["search", "dao thi thuy", "--json"]);
    assert!(found.contains("Đào Thị Thuý"), "{found}");
}

#[test]
fn someone_elses_cccd_files_a_person_of_their_own_flagged_for_review() {
    let desk = Desk::new();
    let lan = visit(
        &desk,
        "Phạm Thị Lan",
        THU_CCCD,
        "0912345678",
        "khieu-nai",
        "Đất ở",
    );
    let out = desk.run(&[
        "visit",
        "add",
        "--name",
        "Lê Văn Khác",
        "--cccd",
        THU_CCCD,
        "--phone",
        "0987 654 321",
        "--address",
        "Phường Thuận Hoá, Huế",
        "--kind",
        "phan-anh",
        "--subject",
        "Ô nhiễm",
    ]);
    assert!(out.status.success());
    let khac = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let warning = String::from_utf8(out.stderr).unwrap();
    assert!(warning.contains("cùng số CCCD, khác họ tên"), "{warning}");
    // Lê Văn Khác's petition keeps his name, phone and address; Lan's record is untouched.
    let view = json(&desk.ok(&["citizen", "show", &khac, "--json"]));
    assert_eq!(names(&view), ["Lê Văn Khác"]);
    assert_eq!(view["phones"], serde_json::json!(["0987654321"]));
    assert_eq!(
        view["addresses"],
        serde_json::json!(["Phường Thuận Hoá, Huế"])
    );
    assert_eq!(codes(&view), [khac.as_str()]);
    assert_eq!(view["review_same_id"], serde_json::json!([THU_CCCD]));
    let lan_view = json(&desk.ok(&["citizen", "show", &lan, "--json"]));
    assert_eq!(names(&lan_view), ["Phạm Thị Lan"]);
    assert_eq!(lan_view["phones"], serde_json::json!(["0912345678"]));
    assert_eq!(lan_view["review_same_id"], serde_json::json!([THU_CCCD]));
    // The CCCD names both: the page shows two persons, in English on request.
    let both = json(&desk.ok(&["citizen", "show", THU_CCCD, "--json"]));
    assert_eq!(both.as_array().map(Vec::len), Some(2));
    let text = desk.ok(&["--lang", "en", "citizen", "show", THU_CCCD]);
    assert!(text.contains("same CCCD, different name"), "{text}");
}

#[test]
fn merge_and_split_need_a_reason_are_audited_and_refused_to_inspectors() {
    let desk = Desk::new();
    let lan = visit(&desk, "Phạm Thị Lan", THU_CCCD, "", "khieu-nai", "Đất ở");
    let khac = visit(&desk, "Lê Văn Khác", THU_CCCD, "", "phan-anh", "Ô nhiễm");
    let err = desk.fails(&["citizen", "merge", &lan, &khac]);
    assert!(err.contains("lý do"), "{err}");
    let err = desk.fails(&[
        "--read-only",
        "citizen",
        "merge",
        &lan,
        &khac,
        "--reason",
        "x",
    ]);
    assert!(err.contains("chỉ đọc"), "{err}");
    let audit_rows = |desk: &Desk, action: &str| -> i64 {
        rusqlite::Connection::open(desk.db())
            .unwrap()
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = ?1",
                [action],
                |r| r.get(0),
            )
            .unwrap()
    };
    desk.ok(&[
        "citizen",
        "merge",
        &lan,
        &khac,
        "--reason",
        "Cùng một người, khai nhầm tên",
    ]);
    assert_eq!(audit_rows(&desk, "citizen_merge"), 1);
    let merged = json(&desk.ok(&["citizen", "show", &khac, "--json"]));
    assert_eq!(names(&merged), ["Phạm Thị Lan", "Lê Văn Khác"]);
    assert_eq!(merged["events"][0]["kind"], "merge");
    assert_eq!(
        merged["events"][0]["reason"],
        "Cùng một người, khai nhầm tên"
    );
    // Merging a person with themself is refused in words.
    let err = desk.fails(&["citizen", "merge", &lan, &khac, "--reason", "lại"]);
    assert!(err.contains("cùng một người"), "{err}");
    desk.ok(&[
        "citizen",
        "split",
        &khac,
        "--reason",
        "Người nhà dùng nhầm CCCD",
    ]);
    assert_eq!(audit_rows(&desk, "citizen_split"), 1);
    let apart = json(&desk.ok(&["citizen", "show", &khac, "--json"]));
    assert_eq!(names(&apart), ["Lê Văn Khác"]);
    assert_eq!(codes(&apart), [khac.as_str()]);
    // Splitting off the last record of a person is refused.
    let err = desk.fails(&["citizen", "split", &khac, "--reason", "x"]);
    assert!(err.contains("không thể tách"), "{err}");
    assert!(desk.ok(&["check"]).contains("0 / "));
}

#[test]
fn an_inspector_cannot_learn_a_denouncer_from_the_citizen_page() {
    let desk = Desk::new();
    let complaint = visit(
        &desk,
        "Đào Thị Thu",
        THU_CCCD,
        "0912345678",
        "khieu-nai",
        "Đất",
    );
    let denunciation = visit(
        &desk,
        "Đào Thị Thu",
        THU_CCCD,
        "",
        "to-cao",
        "Tố cáo cán bộ xã",
    );
    let secret = visit(
        &desk,
        "Trần Văn Kín",
        "001190099999",
        "0977000111",
        "to-cao",
        "Tố cáo",
    );
    // The inspector sees the complaint, never the denunciation, not even as a count.
    let view = json(&desk.ok(&["--read-only", "citizen", "show", THU_CCCD, "--json"]));
    assert_eq!(codes(&view), [complaint.as_str()]);
    let text = desk.ok(&["--read-only", "citizen", "show", THU_CCCD]);
    assert!(
        !text.contains(&denunciation) && !text.contains("tố cáo"),
        "{text}"
    );
    // A denouncer's own CCCD, phone or code finds nobody, exactly like an unknown number.
    for key in [
        "001190099999",
        "0977000111",
        secret.as_str(),
        "001190077777",
    ] {
        let err = desk.fails(&["--read-only", "citizen", "show", key]);
        assert!(!err.contains("Kín"), "{err}");
        assert!(err.contains("không tìm thấy"), "{key}: {err}");
    }
    let err = desk.fails(&["--read-only", "citizen", "show", "001190099999", "--reveal"]);
    assert!(err.contains("thanh tra"), "{err}");
    // An operator is told the identity is protected, and may reveal it: audited.
    let err = desk.fails(&["citizen", "show", "001190099999"]);
    assert!(
        err.contains("danh tính được bảo mật") && !err.contains("Kín"),
        "{err}"
    );
    let revealed = json(&desk.ok(&["citizen", "show", "001190099999", "--reveal", "--json"]));
    assert_eq!(names(&revealed), ["Trần Văn Kín"]);
    assert_eq!(codes(&revealed), [secret]);
    let reveals: i64 = rusqlite::Connection::open(desk.db())
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'reveal_identity' AND entity = 'person'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reveals, 1);
}

#[test]
fn old_cmnd_and_new_cccd_are_one_person_when_name_and_birth_year_agree() {
    let desk = Desk::new();
    let old = desk.ok(&[
        "visit",
        "add",
        "--name",
        "Lê Thị Hoa",
        "--cccd",
        "012345678",
        "--birth-year",
        "1962",
        "--kind",
        "khieu-nai",
        "--subject",
        "Thu hồi đất",
        "--received",
        "2019-03-04",
    ]);
    let new = desk.ok(&[
        "visit",
        "add",
        "--name",
        "Lê Thị Hoa",
        "--cccd",
        "001162012345",
        "--birth-year",
        "1962",
        "--kind",
        "khieu-nai",
        "--subject",
        "Thu hồi đất lần hai",
    ]);
    let view = json(&desk.ok(&["citizen", "show", "001162012345", "--json"]));
    assert_eq!(
        view["ids"],
        serde_json::json!(["012345678", "001162012345"])
    );
    assert_eq!(codes(&view), [old.trim(), new.trim()]);
    assert_eq!(view["aliases"][1]["linked_by"], "cmnd_cccd");
}

// ---- the property: random intakes sharing IDs, names and phones never overwrite a given value

const NAMES: &[&str] = &[
    "Nguyễn Văn Hùng",
    "Nguyen Van Hung",
    "Nguyễn Văn Dũng",
    "Đào Thị Thu",
    "Đào Thị Thuý",
    "Trần Thị Bích",
    "Lê Văn Khác",
    "Nguyễn Thị Minh Khai",
    "Minh Khai Nguyễn Thị",
    "Nguyễn Minh Khai",
];
const IDS: &[&str] = &[
    "",
    "",
    "001190012345",
    "001190054321",
    "012345678",
    "042085001234",
];
const PHONES: &[&str] = &["", "0912345678", "0987654321", "0977111222"];
const ADDRESSES: &[&str] = &["", "Hàng Bạc, Hà Nội", "Cẩm Xuyên, Hà Tĩnh", "Huế"];
const KINDS: &[&str] = &["khieu nai", "to cao", "kien nghi", "phan anh"];

#[derive(Debug, Clone, PartialEq)]
struct Given {
    name: String,
    id: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    birth_year: Option<i32>,
}

fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

fn some(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

#[test]
fn no_given_value_is_ever_overwritten_by_random_intakes() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    for seed in 0..12u64 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
        store.set_actor("kiểm thử");
        let mut given: Vec<(String, Given)> = Vec::new();
        for _ in 0..40 {
            let g = Given {
                name: pick(&mut rng, NAMES).to_string(),
                id: some(pick(&mut rng, IDS)),
                phone: some(pick(&mut rng, PHONES)),
                address: some(pick(&mut rng, ADDRESSES)),
                birth_year: rng.random_bool(0.5).then(|| rng.random_range(1950..2000)),
            };
            let form = IntakeForm {
                citizens: vec![CitizenForm {
                    name: g.name.clone(),
                    id_number: g.id.clone().unwrap_or_default(),
                    phone: g.phone.clone().unwrap_or_default(),
                    address: g.address.clone().unwrap_or_default(),
                    birth_year: g.birth_year.map(|y| y.to_string()).unwrap_or_default(),
                    ..Default::default()
                }],
                kind: pick(&mut rng, KINDS).into(),
                subject: format!("Nội dung {}", rng.random_range(0..5)),
                received_on: "2026-11-02".into(),
                ..Default::default()
            };
            let intake = form
                .validate(today, today.and_hms_opt(9, 0, 0).unwrap())
                .unwrap();
            let code = store.log_intake(intake, today).unwrap().petition_code;
            given.push((code, g));
            // After every intake, every earlier petition still shows exactly what was given.
            for (code, g) in &given {
                let petition = store.petition(code).unwrap();
                let filers = store.filers(petition.id).unwrap();
                assert_eq!(filers.len(), 1, "seed {seed} {code}");
                let f = &filers[0];
                let stored = Given {
                    name: f.full_name.clone(),
                    id: f.id_number.clone(),
                    phone: f.phone.clone(),
                    address: f.address.clone(),
                    birth_year: f.birth_year,
                };
                assert_eq!(&stored, g, "seed {seed}: petition {code}");
            }
        }
        // Linking never puts two different numbers of one kind (CCCD, CMND) in one person.
        let mut by_person: std::collections::HashMap<_, Vec<String>> = Default::default();
        for (code, g) in &given {
            let petition = store.petition(code).unwrap();
            let person = store.person_of(petition.filers[0]).unwrap().unwrap();
            by_person.entry(person).or_default().extend(g.id.clone());
        }
        for ids in by_person.values_mut() {
            ids.sort();
            ids.dedup();
            for len in [9, 12] {
                let n = ids.iter().filter(|i| i.len() == len).count();
                assert!(n <= 1, "seed {seed}: one person holds {ids:?}");
            }
        }
        let report = store.check().unwrap();
        assert!(report.is_ok(), "seed {seed}: {report:?}");
    }
}

#[test]
fn a_denouncer_who_gave_someones_cccd_does_not_surface_on_their_page() {
    let desk = Desk::new();
    let lan = visit(&desk, "Phạm Thị Lan", THU_CCCD, "", "khieu-nai", "Đất ở");
    let secret = visit(&desk, "Trần Văn Kín", THU_CCCD, "", "to-cao", "Tố cáo");
    for role in [&[][..], &["--read-only"][..]] {
        let mut args = role.to_vec();
        args.extend(["citizen", "show", lan.as_str(), "--json"]);
        let view = json(&desk.ok(&args));
        assert_eq!(view["review_same_id"], serde_json::json!([]), "{args:?}");
        assert_eq!(names(&view), ["Phạm Thị Lan"]);
    }
    // A sealed denouncer (issue 13) is never linked or flagged next to a named person: that
    // link, in the file, would tie the denunciation to her. The desk, with its key, still finds
    // the denunciation by the number (blind), and may reveal who gave it.
    let revealed = json(&desk.ok(&["citizen", "show", &lan, "--reveal", "--json"]));
    assert_eq!(revealed["review_same_id"], serde_json::json!([]));
    assert_eq!(names(&revealed), ["Phạm Thị Lan"]);
    let found = desk.ok(&["search", THU_CCCD]);
    assert!(found.contains(&secret), "{found}");
}
