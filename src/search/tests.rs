//! Search against a real (in-memory) store: what the desk types, what it must find, and what it
//! must never show.

use super::*;
use crate::domain::{EventKind, Step, StepDetail};
use crate::intake::{CitizenForm, IntakeForm};
use crate::policy::Policy;
use unicode_normalization::UnicodeNormalization;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

struct Person<'a> {
    name: &'a str,
    id: &'a str,
    phone: &'a str,
    address: &'a str,
}

fn log(store: &mut Store, who: &Person, kind: &str, subject: &str, received: &str) -> String {
    let form = IntakeForm {
        citizens: vec![CitizenForm {
            name: who.name.into(),
            id_number: who.id.into(),
            phone: who.phone.into(),
            address: who.address.into(),
            ..Default::default()
        }],
        kind: kind.into(),
        subject: subject.into(),
        summary: format!("Công dân trình bày: {subject}. Đề nghị xem xét giải quyết."),
        received_on: received.into(),
        ..Default::default()
    };
    let intake = form
        .validate(today(), today().and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
    store.log_intake(intake, today()).unwrap().petition_code
}

const KHAI: Person = Person {
    name: "Nguyễn Thị Minh Khai",
    id: "042190000123",
    phone: "+84 912 345 678",
    address: "Thôn 3, xã Cẩm Xuyên, tỉnh Hà Tĩnh",
};

fn desk() -> (Store, String) {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let code = log(
        &mut store,
        &KHAI,
        "khiếu nại",
        "Khiếu nại quyết định thu hồi đất thửa số 125",
        "02/11/2026",
    );
    let others = [
        (
            "Trần Văn Hùng",
            "Xã Thạch Hà, tỉnh Hà Tĩnh",
            "Kiến nghị sửa đường liên thôn",
        ),
        (
            "Nguyễn Văn Minh",
            "Phường Bắc Hà, tỉnh Hà Tĩnh",
            "Phản ánh ô nhiễm môi trường do cơ sở chăn nuôi",
        ),
        (
            "Lê Thị Khánh",
            "Xã Kỳ Anh, tỉnh Hà Tĩnh",
            "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
        ),
        (
            "Nguyễn Thị Mai",
            "Xã Cẩm Bình, tỉnh Hà Tĩnh",
            "Kiến nghị hỗ trợ hộ nghèo",
        ),
    ];
    for (i, (name, address, subject)) in others.iter().enumerate() {
        let who = Person {
            name,
            id: "",
            phone: "",
            address,
        };
        log(
            &mut store,
            &who,
            "kiến nghị",
            subject,
            &format!("{:02}/10/2026", i + 1),
        );
    }
    (store, code)
}

/// Transfers the petition to the provincial department (its name becomes searchable).
fn transfer_to_department(store: &mut Store, code: &str) {
    let transfer = Step {
        kind: EventKind::Transferred,
        on: today(),
        detail: StepDetail {
            to_agency: Some("Sở Tài nguyên và Môi trường".into()),
            ..Default::default()
        },
    };
    store.add_step(code, transfer, today()).unwrap();
}

fn first(store: &Store, query: &str) -> Option<String> {
    search(store, query, 5)
        .unwrap()
        .first()
        .map(|h| h.code.clone())
}

#[test]
fn finds_a_name_however_it_is_typed() {
    let (store, code) = desk();
    let nfd: String = "Nguyễn Thị Minh Khai".nfd().collect();
    for query in [
        "nguyen thi minh khai",
        "Nguyễn Thị Minh Khai",
        nfd.as_str(),
        "NGUYEN THI MINH KHAI",
        "minh khai",
        "khai minh nguyen",
        "nguyen thi min khai",
        "ng t m khai",
        "nguyn thi minh khai",
        "nguyen thi minh khia",
        "cam xuyen khai",
        "thu hoi dat 125",
        "khai thu hoi",
    ] {
        assert_eq!(
            first(&store, query).as_deref(),
            Some(code.as_str()),
            "query {query:?}"
        );
    }
}

#[test]
fn identifiers_in_any_form_rank_first() {
    let (store, code) = desk();
    for query in [
        "0912345678",
        "+84 912 345 678",
        "84912345678",
        "0912.345.678",
        "042190000123",
        "042 190 000 123",
    ] {
        let hits = search(&store, query, 5).unwrap();
        assert_eq!(hits[0].code, code, "{query}");
        assert!(hits[0].score >= rank::IDENTIFIER_SCORE, "{query}");
        assert!(
            hits[0]
                .reasons
                .iter()
                .any(|r| matches!(r, Reason::SamePhone | Reason::SameIdNumber))
        );
    }
    // Part of a number, and the code in its forms.
    assert_eq!(first(&store, "0912345").as_deref(), Some(code.as_str()));
    assert_eq!(first(&store, &code).as_deref(), Some(code.as_str()));
    assert_eq!(first(&store, "000001").as_deref(), Some(code.as_str()));
}

/// Files the denunciations of the secrecy tests.
const DENOUNCER: Person = Person {
    name: "Phan Văn Kín",
    id: "001085012345",
    phone: "0987654321",
    address: "Xã Cẩm Quan, tỉnh Hà Tĩnh",
};

#[test]
fn a_denouncers_identity_is_never_searchable() {
    let (mut store, _) = desk();
    let secret = DENOUNCER;
    let code = log(
        &mut store,
        &secret,
        "tố cáo",
        "Tố cáo cán bộ địa chính Phan Văn Kín nhắc tên",
        "03/11/2026",
    );
    for query in [
        "phan van kin",
        "kin",
        "0987654321",
        "001085012345",
        "cam quan",
        "pham van kin",
        "cong dan trinh bay",
    ] {
        let hits = search(&store, query, 20).unwrap();
        assert!(
            !hits.iter().any(|h| h.code == code),
            "{query} found the denunciation: {hits:?}"
        );
        assert!(
            !hits
                .iter()
                .any(|h| h.citizen_name.as_deref() == Some("Phan Văn Kín"))
        );
    }
    let hits = search(&store, "dia chinh", 5).unwrap();
    assert_eq!(hits[0].code, code);
    assert_eq!(hits[0].citizen_name, None);
    assert_eq!(hits[0].citizen_id, None);
    // Nor do the repeat finder, the groups or the clusters give the person away.
    let form = PartialPetition {
        name: "Phan Văn Kín".into(),
        phone: "0987654321".into(),
        id_number: "001085012345".into(),
        ..Default::default()
    };
    assert!(
        !repeat_candidates(&store, &form)
            .unwrap()
            .iter()
            .any(|c| c.code == code)
    );
    for group in search_grouped(&store, "dia chinh", 5).unwrap() {
        assert!(group.citizen_id.is_none() || !group.hits.iter().any(|h| h.code == code));
    }
}

#[test]
fn a_new_petition_is_findable_at_once_and_later_facts_reach_earlier_ones() {
    let (mut store, code) = desk();
    let walk_in = Person {
        name: "Đinh Văn Lực",
        id: "",
        phone: "0977111222",
        address: "Xã Cẩm Lộc, tỉnh Hà Tĩnh",
    };
    let first_code = log(
        &mut store,
        &walk_in,
        "kiến nghị",
        "Kiến nghị cấp nước sạch",
        "01/11/2026",
    );
    assert_eq!(
        first(&store, "dinh van luc").as_deref(),
        Some(first_code.as_str())
    );
    assert!(search(&store, "042085001234", 5).unwrap().is_empty());
    // Next visit the same person (same name and phone) brings the CCCD: the record is completed,
    // and the earlier petition is found by it too.
    let again = Person {
        name: "Đinh Văn Lực",
        id: "042085001234",
        phone: "0977111222",
        address: "",
    };
    let second = log(
        &mut store,
        &again,
        "kiến nghị",
        "Kiến nghị cấp nước sạch lần hai",
        "20/11/2026",
    );
    let hits = search(&store, "042085001234", 5).unwrap();
    let codes: Vec<&str> = hits.iter().map(|h| h.code.as_str()).collect();
    assert!(
        codes.contains(&first_code.as_str()) && codes.contains(&second.as_str()),
        "{codes:?}"
    );
    // A transfer names the receiving agency: that is searchable too.
    transfer_to_department(&mut store, &code);
    assert_eq!(
        first(&store, "so tai nguyen moi truong").as_deref(),
        Some(code.as_str())
    );
}

#[test]
fn narrowing_while_typing_gives_what_a_fresh_search_gives() {
    let (store, _) = desk();
    let mut typing = IndexEngine::new();
    let query = "nguyen thi minh khai";
    let mut narrowed = 0;
    for end in 1..=query.len() {
        let prefix = &query[..end];
        let live = typing.search(&store, prefix, 10).unwrap();
        narrowed += usize::from(typing.last_from_cache);
        let fresh = IndexEngine::new().search(&store, prefix, 10).unwrap();
        let codes = |h: &[Hit]| h.iter().map(|h| h.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&live), codes(&fresh), "prefix {prefix:?}");
    }
    assert!(
        narrowed > 5,
        "later keys narrow the earlier candidates ({narrowed})"
    );
}

#[test]
fn results_group_by_citizen_with_the_repeat_chain() {
    let (mut store, code) = desk();
    let again = log(
        &mut store,
        &KHAI,
        "khiếu nại",
        "Khiếu nại lần nữa quyết định thu hồi đất thửa số 125",
        "20/11/2026",
    );
    store.link_repeat(&again, &code).unwrap();
    let groups = search_grouped(&store, "minh khai", 5).unwrap();
    let group = &groups[0];
    assert_eq!(group.citizen_name.as_deref(), Some("Nguyễn Thị Minh Khai"));
    assert_eq!(group.total_petitions, 2);
    assert_eq!(group.hits.len(), 2);
    assert_eq!(group.chains.len(), 1);
    assert!(
        group.chains[0]
            .text
            .starts_with("2 đơn cùng nội dung, gần nhất 20/11/2026"),
        "{}",
        group.chains[0].text
    );
}

#[test]
fn repeat_candidates_come_with_reasons() {
    let (store, code) = desk();
    let form = PartialPetition {
        name: "Nguyen Thi Min Khai".into(),
        address: "xã Cẩm Xuyên".into(),
        subject: "Đề nghị xem xét lại việc thu hồi đất thửa 125".into(),
        ..Default::default()
    };
    let found = repeat_candidates(&store, &form).unwrap();
    assert_eq!(found[0].code, code);
    assert!(found[0].likely_repeat);
    assert!(
        found[0].reasons.contains(&Reason::SimilarName),
        "{:?}",
        found[0].reasons
    );
    assert!(found[0].reasons.contains(&Reason::SameCommune));
    assert!(found[0].reasons.contains(&Reason::SimilarSubject));
    let by_id = repeat_candidates(
        &store,
        &PartialPetition {
            id_number: "042 190 000 123".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(by_id[0].code, code);
    assert_eq!(by_id[0].reasons, [Reason::SameIdNumber]);
    // The same name elsewhere with another ID number is another person.
    let other = PartialPetition {
        name: "Nguyễn Thị Minh Khai".into(),
        id_number: "001190000999".into(),
        address: "Phường Hoàn Kiếm, Hà Nội".into(),
        ..Default::default()
    };
    assert!(
        repeat_candidates(&store, &other)
            .unwrap()
            .iter()
            .all(|c| !c.likely_repeat)
    );
}

#[test]
fn petitions_stored_before_the_index_are_found_and_backfilled() {
    let (mut store, code) = desk();
    store.conn_for_tests().execute_batch(
        "DELETE FROM search_fts; DELETE FROM search_vocab;
         INSERT OR REPLACE INTO meta (key, value) SELECT 'search_backfill_upto', MAX(rowid) FROM petition;",
    ).unwrap();
    assert_eq!(
        first(&store, "minh khai").as_deref(),
        Some(code.as_str()),
        "LIKE covers the gap"
    );
    // A step on a petition the backfill has not reached indexes it at once; when the backfill
    // gets there it is still found, and once.
    transfer_to_department(&mut store, &code);
    while store.search_backfill(2).unwrap() > 0 {}
    assert_eq!(store.search_backfill_mark().unwrap(), 0);
    assert_eq!(
        first(&store, "nguyen thi min khia").as_deref(),
        Some(code.as_str())
    );
    let rows: i64 = store
        .conn_for_tests()
        .query_row(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'khai'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 1, "found once");
}

#[test]
fn the_live_worker_answers_the_latest_query() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut store = Store::open(
        &path,
        crate::store::Access::ReadWrite,
        Policy::legal_default(),
    )
    .unwrap();
    let code = log(
        &mut store,
        &KHAI,
        "khiếu nại",
        "Khiếu nại thu hồi đất",
        "02/11/2026",
    );
    let worker = Store::open(
        &path,
        crate::store::Access::ReadWrite,
        Policy::legal_default(),
    )
    .unwrap();
    let live = LiveSearch::spawn(worker, IndexEngine::new());
    for end in 1..=8 {
        live.submit(&"minh kha"[..end], 10);
    }
    let answer = live
        .wait(std::time::Duration::from_secs(10))
        .expect("an answer");
    assert_eq!(answer.query, "minh kha");
    assert_eq!(answer.hits.unwrap()[0].code, code);
    // Written by the screen's store: the worker sees it on the next key.
    let later = log(
        &mut store,
        &Person {
            name: "Hoàng Văn Ba",
            id: "",
            phone: "",
            address: "",
        },
        "kiến nghị",
        "Đường",
        "03/11/2026",
    );
    live.submit("hoang van ba", 10);
    let answer = live
        .wait(std::time::Duration::from_secs(10))
        .expect("an answer");
    assert_eq!(answer.hits.unwrap()[0].code, later);
}

#[test]
fn clusters_of_repeats() {
    let (mut store, code) = desk();
    for day in ["10/11/2026", "15/11/2026", "20/11/2026"] {
        log(
            &mut store,
            &KHAI,
            "khiếu nại",
            "Khiếu nại quyết định thu hồi đất thửa số 125",
            day,
        );
    }
    let clusters = repeat_clusters(&store, 3).unwrap();
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    assert_eq!(clusters[0].count, 4);
    assert_eq!(clusters[0].codes[0], code);
    assert_eq!(clusters[0].name.as_deref(), Some("Nguyễn Thị Minh Khai"));
    assert!(
        clusters[0]
            .summary
            .starts_with("4 đơn cùng nội dung, gần nhất 20/11/2026"),
        "{}",
        clusters[0].summary
    );
}

#[test]
fn a_typo_common_in_the_records_is_still_read_as_the_common_spelling() {
    // At a million petitions a misspelling recurs dozens of times ("nguyn"): past the plain
    // rarity bar, but twenty times rarer than the spelling the desk means.
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let typo_records = engine::RARE + 2;
    for (name, records) in [
        ("Nguyn Văn Tèo", typo_records),
        ("Nguyễn Văn Tèo", typo_records * engine::TYPO_RATIO + 5),
    ] {
        let who = Person {
            name,
            id: "",
            phone: "",
            address: "Xã Cẩm Bình, tỉnh Hà Tĩnh",
        };
        for _ in 0..records {
            log(
                &mut store,
                &who,
                "kiến nghị",
                "Kiến nghị sửa đường",
                "02/11/2026",
            );
        }
    }
    let hits = |query: &str| {
        let mut engine = IndexEngine::new().with_today(today());
        engine
            .run(&store, query, 50, &|| false)
            .unwrap()
            .unwrap()
            .into_iter()
            .map(|h| h.citizen_name.unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert!(
        hits("nguyn teo").iter().any(|n| n == "Nguyễn Văn Tèo"),
        "the common spelling is offered for the typo, after the records spelt as typed"
    );
    assert!(
        hits("nguyen teo").iter().all(|n| n == "Nguyễn Văn Tèo"),
        "a common word is taken as typed"
    );
}

/// A desk's records, some typed wrongly, among people whose names differ by a letter or a sound:
/// each failure class of issue 11 gets its own test below.
fn typing_desk() -> Store {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let people = [
        "Trần Vn Bình",
        "Trần Văn Bính",
        "Ngô Thị Hạ",
        "Ngô Thị Hà",
        "Ngô Thị Lan",
        "Dương Văn Nghĩa",
        "Lương Văn Nghị",
        "Nguyễn Văn Hùng",
        "Nguyễn Văn Hưng",
        "Nguyễn Hùng",
        "Trương Văn Sang",
        "Lê Thị Lan",
        "Nguyễn Thị Thúy",
        "Phan Văn Hoàng",
        "Hồ Văn Phúc",
        "Vũ Thị Giang",
        "Đỗ Minh Tâm",
    ];
    for (i, name) in people.iter().enumerate() {
        let who = Person {
            name,
            id: "",
            phone: "",
            address: "Xã Cẩm Bình, tỉnh Hà Tĩnh",
        };
        log(
            &mut store,
            &who,
            "kiến nghị",
            "Kiến nghị sửa đường liên thôn",
            &format!("{:02}/10/2026", i + 1),
        );
    }
    store
}

/// The names of the best `n` hits for `query`.
fn top_names(store: &Store, query: &str, n: usize) -> Vec<String> {
    search(store, query, n)
        .unwrap()
        .into_iter()
        .filter_map(|h| h.citizen_name)
        .collect()
}

/// Each (query, name): the name is among the first three hits.
fn assert_found(store: &Store, cases: &[(&str, &str)]) {
    for (query, name) in cases {
        let names = top_names(store, query, 3);
        assert!(
            names.iter().any(|n| n == name),
            "{query:?} should find {name:?} in the first three: {names:?}"
        );
    }
}

#[test]
fn one_unmatched_word_lowers_the_rank_and_never_empties_the_result() {
    let store = typing_desk();
    assert_found(
        &store,
        &[
            ("uong van nghia", "Dương Văn Nghĩa"),
            ("duong van ngia", "Dương Văn Nghĩa"),
            ("duong van nghia zxqv", "Dương Văn Nghĩa"),
            ("do minh tam quoc", "Đỗ Minh Tâm"),
        ],
    );
    // The petitions that hold every word rank above the one missing a word.
    let mut best = top_names(&store, "nguyen van hung", 3);
    assert_eq!(best.pop().as_deref(), Some("Nguyễn Hùng"));
    assert_eq!(top_names(&store, "ngo thi ha", 1), ["Ngô Thị Hà"]);
    // A lone typo among unmatched words is not a match.
    assert!(top_names(&store, "zxqv wkrp", 5).is_empty());
}

#[test]
fn a_typo_anywhere_in_the_query_word_is_forgiven() {
    let store = typing_desk();
    assert_found(
        &store,
        &[
            ("guyen van hung", "Nguyễn Văn Hùng"),
            ("nguyen van hugn", "Nguyễn Văn Hùng"),
            ("duong van nghai", "Dương Văn Nghĩa"),
            ("duong van ghia", "Dương Văn Nghĩa"),
            ("truong vam sang", "Trương Văn Sang"),
        ],
    );
}

#[test]
fn records_typed_wrongly_are_found_by_the_right_name() {
    let store = typing_desk();
    assert_found(
        &store,
        &[
            ("tran van binh", "Trần Vn Bình"),
            ("Trần Văn Bình", "Trần Vn Bình"),
            ("ngo thi hanh", "Ngô Thị Hạ"),
        ],
    );
}

#[test]
fn telex_typed_with_the_input_method_off() {
    let store = typing_desk();
    assert_found(&store, &[("nguyeenx vawn hungf", "Nguyễn Văn Hùng")]);
    assert_found(&store, &[("dduwowngf vawn nghiax", "Dương Văn Nghĩa")]);
}

#[test]
fn vni_typed_with_the_input_method_off() {
    let store = typing_desk();
    assert_found(&store, &[("nguye6n va8n hu2ng", "Nguyễn Văn Hùng")]);
    assert_found(&store, &[("d9u7o7ng va8n nghi4a", "Dương Văn Nghĩa")]);
}

#[test]
fn regional_spellings_are_heard_alike() {
    let store = typing_desk();
    assert_found(
        &store,
        &[
            ("vu thi dang", "Vũ Thị Giang"),        // gi / d
            ("vu thi riang", "Vũ Thị Giang"),       // gi / r
            ("chuong van xang", "Trương Văn Sang"), // ch / tr, s / x
            ("ne thi nan", "Lê Thị Lan"),           // l / n
            ("nguyen thi thui", "Nguyễn Thị Thúy"), // i / y
            ("phan van hoan", "Phan Văn Hoàng"),    // final n / ng
            ("ho van phut", "Hồ Văn Phúc"),         // final c / t
        ],
    );
}

#[test]
fn a_missing_middle_name_on_either_side() {
    let store = typing_desk();
    assert_found(
        &store,
        &[
            ("nguyen van hung", "Nguyễn Hùng"),
            ("nguyen hung", "Nguyễn Văn Hùng"),
            ("do tam", "Đỗ Minh Tâm"),
        ],
    );
}

#[test]
fn names_in_any_order() {
    let store = typing_desk();
    assert_found(
        &store,
        &[
            ("hung nguyen van", "Nguyễn Văn Hùng"),
            ("tam do minh", "Đỗ Minh Tâm"),
        ],
    );
}

#[test]
fn names_differing_in_tone_marks_only() {
    let store = typing_desk();
    // Hùng and Hưng fold alike: both are offered for either spelling.
    for query in ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng", "nguyễn văn hũng"] {
        let names = top_names(&store, query, 3);
        for name in ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng"] {
            assert!(names.iter().any(|n| n == name), "{query}: {names:?}");
        }
    }
}

#[test]
fn hostile_queries_stay_bounded() {
    let store = typing_desk();
    // A 20,000-letter word: no typo variants, answered at once.
    let started = std::time::Instant::now();
    assert!(search(&store, &"a".repeat(20_000), 10).unwrap().is_empty());
    let many: String = (0..400).map(|i| format!("nguyen{i} ")).collect();
    search(&store, &many, 10).unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

/// A desk with the key unlocked, one denunciation by Phan Văn Kín among other petitions.
fn keyed_desk() -> (Store, String) {
    let (mut store, _) = desk();
    store
        .unlock_denouncer_index(crate::secrecy::DeskKey::from_bytes([7; 32]))
        .unwrap();
    let secret = DENOUNCER;
    let code = log(
        &mut store,
        &secret,
        "tố cáo",
        "Tố cáo cán bộ địa chính nhận tiền",
        "03/11/2026",
    );
    (store, code)
}

#[test]
fn the_desk_finds_an_earlier_denunciation_by_its_denouncer_blind() {
    let (store, code) = keyed_desk();
    for query in [
        "phan van kin",
        "Phan Văn Kín",
        "phan van kinh", // a typo on the query side
        "0987654321",
        "+84 987 654 321",
        "001085012345",
    ] {
        let hits = search(&store, query, 10).unwrap();
        let hit = hits.iter().find(|h| h.code == code);
        let hit = hit.unwrap_or_else(|| panic!("{query}: {hits:?}"));
        assert_eq!(
            hit.citizen_name, None,
            "{query}: the identity stays protected"
        );
        assert_eq!(hit.citizen_id, None);
        assert!(hit.reasons.contains(&Reason::Denouncer), "{query}");
    }
    // Another person's name does not match the denouncer.
    assert!(
        !search(&store, "tran van hung", 10)
            .unwrap()
            .iter()
            .any(|h| h.code == code)
    );
}

#[test]
fn the_blind_index_holds_no_plaintext_and_no_keyless_reader_can_match_it() {
    let (mut store, code) = keyed_desk();
    let tokens: Vec<String> = store
        .conn_for_tests()
        .prepare("SELECT token FROM denouncer_blind")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(tokens.len() > 5);
    for token in &tokens {
        assert_eq!(token.len(), 32);
        for plain in ["phan", "kin", "0987654321", "001085012345"] {
            assert!(!token.contains(plain), "{token}");
        }
    }
    // An inspector: no key, no match, whatever is typed.
    store.set_role(crate::domain::Role::Inspector);
    for query in ["phan van kin", "0987654321", "001085012345"] {
        assert!(
            !search(&store, query, 10)
                .unwrap()
                .iter()
                .any(|h| h.code == code),
            "{query}"
        );
    }
    // Nor can anyone holding the database but another key compute a token that is in it.
    let other = crate::secrecy::DeskKey::from_bytes([8; 32]);
    for (what, text) in crate::store::denouncer_terms("phan van kin", None, Some("0987654321")) {
        assert!(!tokens.contains(&other.token(what, &text)), "{text}");
    }
}

#[test]
fn denunciations_filed_before_the_key_are_tokenised_when_it_is_unlocked() {
    let (mut store, _) = desk();
    let secret = Person {
        name: "Phan Văn Kín",
        id: "",
        phone: "0987654321",
        address: "",
    };
    let code = log(&mut store, &secret, "tố cáo", "Tố cáo cán bộ", "03/11/2026");
    assert!(
        !search(&store, "phan van kin", 10)
            .unwrap()
            .iter()
            .any(|h| h.code == code)
    );
    store
        .unlock_denouncer_index(crate::secrecy::DeskKey::from_bytes([7; 32]))
        .unwrap();
    assert!(
        search(&store, "phan van kin", 10)
            .unwrap()
            .iter()
            .any(|h| h.code == code)
    );
}

// The new-visit pane (`repeat_candidates`, eight rows as the pane shows them): each failure class
// of issue 11 as the desk meets it while typing a visit.

fn pane(store: &Store, form: PartialPetition) -> Vec<Candidate> {
    let mut list = repeat_candidates(store, &form).unwrap();
    list.truncate(8);
    list
}

fn shown<'a>(list: &'a [Candidate], code: &str) -> Option<&'a Candidate> {
    list.iter().find(|c| c.code == code)
}

fn shown_name<'a>(list: &'a [Candidate], name: &str) -> Option<&'a Candidate> {
    list.iter()
        .find(|c| c.citizen_name.as_deref() == Some(name))
}

const KIEU_CMND: Person = Person {
    name: "Nguyễn Mỹ Kiều",
    id: "392788214",
    phone: "",
    address: "ấp Mỹ Phước, xã Châu Thành, tỉnh An Giang",
};

#[test]
fn pane_a_new_cccd_never_hides_the_petition_under_the_old_cmnd() {
    let (mut store, _) = desk();
    let old = log(
        &mut store,
        &KIEU_CMND,
        "phản ánh",
        "Phản ánh trại heo 291 tại ấp Mỹ Phước gây ồn, ô nhiễm",
        "05/03/2018",
    );
    let visit = |subject: &str| PartialPetition {
        name: "Nguyễn Mỹ Kiều".into(),
        id_number: "089180614782".into(),
        address: "ấp Mỹ Phước, xã Châu Thành".into(),
        subject: subject.into(),
        ..Default::default()
    };
    let found = pane(&store, visit("Tiếp tục phản ánh trại heo 291 gây ô nhiễm"));
    let earlier = shown(&found, &old).unwrap_or_else(|| panic!("hidden: {found:?}"));
    assert!(
        earlier.reasons.contains(&Reason::OldIdNumber),
        "{:?}",
        earlier.reasons
    );
    assert_eq!(Reason::OldIdNumber.label(crate::i18n::Lang::Vi), "CMND cũ");
    assert!(earlier.likely_repeat, "same name, place and matter");
    // Another matter, same name and commune: still shown, saying why.
    let found = pane(&store, visit("Kiến nghị sửa chữa cầu dân sinh"));
    let earlier = shown(&found, &old).unwrap_or_else(|| panic!("hidden: {found:?}"));
    assert!(earlier.reasons.contains(&Reason::OldIdNumber));
    assert!(earlier.reasons.contains(&Reason::SameCommune));
}

#[test]
fn pane_another_cccd_with_the_same_name_and_place_or_matter_is_shown_not_flagged() {
    let (store, code) = desk();
    let visit = |address: &str, subject: &str| PartialPetition {
        name: "Nguyễn Thị Minh Khai".into(),
        id_number: "042190000999".into(),
        address: address.into(),
        subject: subject.into(),
        ..Default::default()
    };
    for form in [
        visit("xã Cẩm Xuyên, tỉnh Hà Tĩnh", ""),
        visit(
            "Phường Hoàn Kiếm, Hà Nội",
            "Khiếu nại thu hồi đất thửa số 125",
        ),
    ] {
        let found = pane(&store, form.clone());
        let earlier = shown(&found, &code).unwrap_or_else(|| panic!("{form:?} hid it"));
        assert!(
            earlier.reasons.contains(&Reason::OtherIdNumber),
            "{:?}",
            earlier.reasons
        );
        assert!(
            !earlier.likely_repeat,
            "another CCCD is another person until the desk says otherwise"
        );
    }
    assert_eq!(
        Reason::OtherIdNumber.label(crate::i18n::Lang::Vi),
        "CCCD khác"
    );
    // The same name elsewhere, on another matter, with another ID number: not shown at all.
    let found = pane(
        &store,
        visit("Phường Hoàn Kiếm, Hà Nội", "Kiến nghị hỗ trợ hộ nghèo"),
    );
    assert!(shown(&found, &code).is_none(), "{found:?}");
}

#[test]
fn pane_the_person_models_cmnd_to_cccd_link_counts_as_the_same_number() {
    let (mut store, _) = desk();
    let old = log(
        &mut store,
        &KIEU_CMND,
        "phản ánh",
        "Phản ánh trại heo 291 tại ấp Mỹ Phước gây ồn, ô nhiễm",
        "05/03/2018",
    );
    let new = log(
        &mut store,
        &Person {
            id: "089180614782",
            ..KIEU_CMND
        },
        "phản ánh",
        "Tiếp tục phản ánh trại heo 291 gây ô nhiễm",
        "05/03/2024",
    );
    // Only the new CCCD typed so far.
    let found = pane(
        &store,
        PartialPetition {
            id_number: "089180614782".into(),
            ..Default::default()
        },
    );
    assert!(shown(&found, &new).unwrap().likely_repeat);
    let earlier = shown(&found, &old).unwrap_or_else(|| panic!("hidden: {found:?}"));
    assert!(earlier.reasons.contains(&Reason::OldIdNumber));
    assert!(
        earlier.likely_repeat,
        "the person model links the two numbers"
    );
}

#[test]
fn pane_a_name_typed_with_a_dropped_letter_finds_the_repeat() {
    let store = typing_desk();
    for typed in ["uong van nghia", "duong van ngia", "Dương Vn Nghĩa"] {
        let found = pane(
            &store,
            PartialPetition {
                name: typed.into(),
                address: "xã Cẩm Bình".into(),
                ..Default::default()
            },
        );
        let earlier =
            shown_name(&found, "Dương Văn Nghĩa").unwrap_or_else(|| panic!("{typed:?}: {found:?}"));
        assert!(earlier.reasons.contains(&Reason::SimilarName), "{typed:?}");
    }
}

#[test]
fn pane_a_record_typed_with_a_dropped_letter_is_found_by_the_right_name() {
    let store = typing_desk();
    for (typed, recorded) in [
        ("Trần Văn Bình", "Trần Vn Bình"),
        ("Ngô Thị Hạnh", "Ngô Thị Hạ"),
    ] {
        let found = pane(
            &store,
            PartialPetition {
                name: typed.into(),
                address: "xã Cẩm Bình, tỉnh Hà Tĩnh".into(),
                ..Default::default()
            },
        );
        let earlier =
            shown_name(&found, recorded).unwrap_or_else(|| panic!("{typed:?}: {found:?}"));
        assert!(earlier.reasons.contains(&Reason::SimilarName), "{typed:?}");
    }
}

#[test]
fn pane_a_middle_name_missing_on_either_side() {
    let store = typing_desk();
    let found = pane(
        &store,
        PartialPetition {
            name: "Dương Nghĩa".into(),
            address: "xã Cẩm Bình".into(),
            ..Default::default()
        },
    );
    assert!(shown_name(&found, "Dương Văn Nghĩa").is_some(), "{found:?}");
    let found = pane(
        &store,
        PartialPetition {
            name: "Nguyễn Văn Hùng".into(),
            address: "xã Cẩm Bình".into(),
            ..Default::default()
        },
    );
    assert!(shown_name(&found, "Nguyễn Hùng").is_some(), "{found:?}");
}

#[test]
fn pane_a_returning_denouncer_is_recognised_without_showing_who() {
    let (store, code) = keyed_desk();
    for (name, id_number) in [("Phan Văn Kín", ""), ("", "001085012345")] {
        let found = pane(
            &store,
            PartialPetition {
                name: name.into(),
                id_number: id_number.into(),
                subject: "Tố cáo cán bộ địa chính nhận tiền làm sổ đỏ".into(),
                ..Default::default()
            },
        );
        let earlier =
            shown(&found, &code).unwrap_or_else(|| panic!("{name:?}{id_number:?}: {found:?}"));
        assert!(earlier.reasons.contains(&Reason::Denouncer));
        assert!(earlier.likely_repeat, "same denouncer, same matter");
        assert_eq!(earlier.citizen_name, None, "the identity stays protected");
    }
    // Another person's name does not match the denouncer.
    let found = pane(
        &store,
        PartialPetition {
            name: "Trần Văn Hùng".into(),
            ..Default::default()
        },
    );
    assert!(shown(&found, &code).is_none(), "{found:?}");
}

#[test]
fn pane_a_pasted_blob_for_a_name_stays_bounded() {
    let (store, _) = desk();
    let blob = "a".repeat(20_000);
    let found = pane(
        &store,
        PartialPetition {
            name: blob.clone(),
            subject: blob,
            ..Default::default()
        },
    );
    assert!(found.is_empty(), "{found:?}");
}

// Search recall (issue 11): the general rules behind the independent corpus's scores, each on
// its own small desk.

/// The codes of the best `n` hits for `query`.
fn top_codes(store: &Store, query: &str, n: usize) -> Vec<String> {
    search(store, query, n)
        .unwrap()
        .into_iter()
        .map(|h| h.code)
        .collect()
}

fn person<'a>(name: &'a str, id: &'a str, phone: &'a str, address: &'a str) -> Person<'a> {
    Person {
        name,
        id,
        phone,
        address,
    }
}

#[test]
fn a_record_missing_the_middle_name_ranks_with_the_full_name() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let here = "xã Châu Thành, tỉnh An Giang";
    let full = log(
        &mut store,
        &person("Dương Chí Cường", "", "", here),
        "khiếu nại",
        "Khiếu nại việc thu hồi đất thửa số 349",
        "02/03/2022",
    );
    let short = log(
        &mut store,
        &person("Dương Cường", "", "", here),
        "khiếu nại",
        "Tiếp tục khiếu nại việc thu hồi thửa 349",
        "02/03/2023",
    );
    // Other people sharing two of the three words, filed later.
    for (i, other) in ["Dương Văn Cường", "Dương Chí Thịnh", "Phạm Chí Cường"]
        .iter()
        .enumerate()
    {
        log(
            &mut store,
            &person(other, "", "", "xã Tri Tôn, tỉnh An Giang"),
            "kiến nghị",
            "Kiến nghị sửa đường liên thôn",
            &format!("{:02}/10/2026", i + 1),
        );
    }
    let top = top_codes(&store, "duong chi cuong", 2);
    assert!(
        top.contains(&full) && top.contains(&short),
        "{top:?}: the record lacking the middle name ranks with the full name"
    );
}

#[test]
fn a_petition_holding_every_word_ranks_above_any_lacking_one() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let complete = log(
        &mut store,
        &person("Trần Thị Hương", "", "", "xã Cẩm Bình, tỉnh Hà Tĩnh"),
        "khiếu nại",
        "Khiếu nại việc thu hồi đất",
        "02/01/2020",
    );
    // Newer and with more petitions, but "thu" is only "thi" mistyped, "huong" only in the
    // address or the summary.
    for (i, (name, address)) in [
        ("Trần Thị Tuyết", "xã Hương Phố, tỉnh Hà Tĩnh"),
        ("Trần Thị Thủy", "xã Cẩm Bình, tỉnh Hà Tĩnh"),
    ]
    .iter()
    .enumerate()
    {
        for k in 0..3 {
            log(
                &mut store,
                &person(name, "", "", address),
                "kiến nghị",
                "Kiến nghị định hướng phát triển làng nghề",
                &format!("{:02}/{:02}/2026", k + 1, i + 5),
            );
        }
    }
    assert_eq!(top_codes(&store, "tran thi thu huong", 1), [complete]);
}

#[test]
fn a_short_word_found_only_through_a_typo_is_weak_evidence() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let here = person(
        "Đỗ Thu Chi",
        "",
        "",
        "ấp Giồng Trôm, xã Bến Cầu, tỉnh Tây Ninh",
    );
    let bridge = log(
        &mut store,
        &here,
        "kiến nghị",
        "Đề nghị UBND xã Bến Cầu làm lại cầu Ba Rày",
        "07/10/2019",
    );
    // Every word one slip away ("sử", "cấp", "bản", "này"), none of them the bridge.
    for k in 0..5 {
        log(
            &mut store,
            &person("Lê Hồng Út", "", "", "ấp 3, xã Thới Lai, tỉnh Cần Thơ"),
            "khiếu nại",
            "Khiếu nại việc không cấp giấy chứng nhận quyền sử dụng đất, bản đồ số 52 nay",
            &format!("{:02}/01/2026", k + 1),
        );
    }
    assert_eq!(top_codes(&store, "sua cau ba ray", 1), [bridge]);
}

#[test]
fn a_named_persons_other_petitions_follow_their_best_hit() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    // An old CMND, then the new CCCD with the same phone: the person model links them.
    let old = log(
        &mut store,
        &person(
            "Nguyễn Mỹ Kiều",
            "392788214",
            "0867966198",
            "xã Châu Thành, tỉnh An Giang",
        ),
        "phản ánh",
        "Phản ánh trại heo gây ô nhiễm",
        "05/03/2018",
    );
    let new = log(
        &mut store,
        &person(
            "Nguyễn Mỹ Kiều",
            "089180614782",
            "0867 966 198",
            "xã Tân Hồng, tỉnh Đồng Tháp",
        ),
        "phản ánh",
        "Tiếp tục phản ánh trại heo gây ô nhiễm",
        "05/03/2026",
    );
    // Namesakes elsewhere, filed later: without the person model they would rank with the old
    // petition.
    for (i, other) in ["Nguyễn Mỹ Kiều", "Nguyễn Mỹ Kiều", "Nguyễn Văn Kiều"]
        .iter()
        .enumerate()
    {
        log(
            &mut store,
            &person(other, "", "", "xã Cái Nước, tỉnh Cà Mau"),
            "kiến nghị",
            "Kiến nghị sửa đường liên thôn",
            &format!("{:02}/10/2026", i + 1),
        );
    }
    for query in ["nguyen my kieu 089180614782", "nguyen my kieu tan hong"] {
        let hits = search(&store, query, 2).unwrap();
        assert_eq!(hits[0].code, new, "{query}: {hits:?}");
        assert_eq!(hits[1].code, old, "{query}: {hits:?}");
        assert!(hits[1].reasons.contains(&Reason::SamePerson), "{query}");
    }
    assert_eq!(
        Reason::SamePerson.label(crate::i18n::Lang::Vi),
        "cùng công dân"
    );
}

#[test]
fn the_same_name_on_the_same_matter_follows_though_nothing_links_them() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    // Moved and changed phone in between: no ID, no phone in common.
    let before = log(
        &mut store,
        &person(
            "Nguyễn Thu Phượng",
            "",
            "0350384563",
            "phường Ngã Bảy, Cần Thơ",
        ),
        "khiếu nại",
        "Khiếu nại Quyết định số 4721/QĐ-UBND về bồi thường khi thu hồi đất",
        "05/05/2018",
    );
    let after = log(
        &mut store,
        &person(
            "Nguyễn Thu Phượng",
            "",
            "0937725716",
            "xã Trà Ôn, tỉnh Vĩnh Long",
        ),
        "khiếu nại",
        "Không đồng ý Quyết định 4721/QĐ-UBND về bồi thường, đề nghị giải quyết lại",
        "16/12/2025",
    );
    // A namesake elsewhere on another matter stays behind.
    let namesake = log(
        &mut store,
        &person("Nguyễn Thu Phượng", "", "", "xã Cái Nước, tỉnh Cà Mau"),
        "kiến nghị",
        "Kiến nghị hỗ trợ hộ nghèo",
        "01/06/2026",
    );
    let top = top_codes(&store, "nguyen thu phuong tra on", 3);
    assert_eq!(top[..2], [after.clone(), before.clone()], "{top:?}");
    assert!(!top[..2].contains(&namesake));
}

#[test]
fn a_two_letter_word_with_its_h_dropped() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let code = log(
        &mut store,
        &person("Nguyễn Thu Nhi", "", "", "ấp Mỹ Phước, xã Hồng Dân"),
        "khiếu nại",
        "Khiếu nại Quyết định số 310/QĐ-UBND về bồi thường",
        "08/06/2019",
    );
    log(
        &mut store,
        &person("Nguyễn Tú Anh", "", "", "xã Hồng Dân"),
        "kiến nghị",
        "Kiến nghị hỗ trợ hộ nghèo",
        "08/06/2026",
    );
    assert_eq!(top_codes(&store, "nguyen tu nhi hong dan", 1), [code]);
}

#[test]
fn a_matter_told_in_many_words_finds_petitions_lacking_a_word_of_it() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let mut codes = Vec::new();
    for (i, subject) in [
        "Phản ánh ghe hút cát ban đêm trên sông Ông Đốc đoạn qua ấp Xẻo Rô",
        "Khai thác cát trái phép gây sạt lở sông Ông Đốc đoạn qua ấp Xẻo Rô, đề nghị ngăn chặn",
        "Phản ánh khai thác cát trên sông Ông Đốc đoạn qua ấp Xẻo Rô",
    ]
    .iter()
    .enumerate()
    {
        codes.push(log(
            &mut store,
            &person(
                &format!("Người Dân Số{}", i + 1),
                "",
                "",
                "xã Châu Thành, tỉnh An Giang",
            ),
            "phản ánh",
            subject,
            &format!("{:02}/05/2024", i + 1),
        ));
    }
    log(
        &mut store,
        &person("Lê Văn Tám", "", "", "xã Châu Thành, tỉnh An Giang"),
        "phản ánh",
        "Phản ánh hút cát trên sông Hậu",
        "01/06/2024",
    );
    let top = top_codes(&store, "hut cat song ong doc doan qua ap xeo ro", 3);
    for code in &codes {
        assert!(top.contains(code), "{code} not in {top:?}");
    }
}

#[test]
fn namesakes_of_a_common_name_are_not_one_person_cluster() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    // "Nguyễn Văn Hùng" filed from three communes: a common name.
    for (i, commune) in ["xã Cẩm Bình", "xã Kỳ Anh", "xã Thạch Hà"]
        .iter()
        .enumerate()
    {
        log(
            &mut store,
            &person(
                "Nguyễn Văn Hùng",
                "",
                "",
                &format!("{commune}, tỉnh Hà Tĩnh"),
            ),
            "kiến nghị",
            "Kiến nghị sửa đường liên thôn",
            &format!("{:02}/01/2026", i + 1),
        );
    }
    // Two more in Cẩm Bình, each on a matter of his own, no ID or phone in common.
    let here = person("Nguyễn Văn Hùng", "", "", "xã Cẩm Bình, tỉnh Hà Tĩnh");
    let land = log(
        &mut store,
        &here,
        "khiếu nại",
        "Khiếu nại thu hồi đất thửa số 125, tờ bản đồ số 12",
        "01/03/2026",
    );
    log(
        &mut store,
        &here,
        "phản ánh",
        "Phản ánh cơ sở chăn nuôi gây ô nhiễm",
        "01/04/2026",
    );
    let clusters = repeat_clusters(&store, 2).unwrap();
    assert!(
        clusters
            .iter()
            .all(|c| c.kind == ClusterKind::Matter || c.people <= 1),
        "{clusters:?}"
    );
    assert!(
        !clusters
            .iter()
            .any(|c| matches!(c.kind, ClusterKind::Person | ClusterKind::Both)),
        "different people sharing a common name are no person cluster: {clusters:?}"
    );
    // The same name in the same commune on the same numbered matter: one person filing again.
    let again = log(
        &mut store,
        &here,
        "khiếu nại",
        "Tiếp tục khiếu nại thu hồi đất thửa 125, tờ 12",
        "01/06/2026",
    );
    let clusters = repeat_clusters(&store, 2).unwrap();
    let found = clusters
        .iter()
        .find(|c| c.codes.contains(&land))
        .unwrap_or_else(|| panic!("{clusters:?}"));
    assert!(
        found.codes.contains(&again) && found.count == 2,
        "{found:?}"
    );
}

#[test]
fn a_voided_petition_is_offered_as_no_repeat() {
    let (mut store, first) = desk();
    let again = log(
        &mut store,
        &KHAI,
        "khiếu nại",
        "Tiếp tục khiếu nại quyết định thu hồi đất thửa số 125",
        "10/11/2026",
    );
    let form = PartialPetition {
        name: KHAI.name.into(),
        id_number: KHAI.id.into(),
        address: KHAI.address.into(),
        subject: "Khiếu nại thu hồi đất thửa số 125".into(),
        ..Default::default()
    };
    let offered = |store: &Store| -> Vec<String> {
        repeat_candidates(store, &form)
            .unwrap()
            .into_iter()
            .map(|c| c.code)
            .collect()
    };
    let chained = |store: &Store| -> Vec<String> {
        search_grouped(store, "nguyen thi minh khai", 10)
            .unwrap()
            .into_iter()
            .flat_map(|g| g.chains)
            .flat_map(|c| c.codes)
            .collect()
    };
    let clustered = |store: &Store| -> Vec<String> {
        repeat_clusters(store, 2)
            .unwrap()
            .into_iter()
            .flat_map(|c| c.codes)
            .collect()
    };
    // Before: the first filing is a repeat candidate, in the cluster and in the search's chain.
    assert!(offered(&store).contains(&first));
    assert!(chained(&store).contains(&first));
    assert!(clustered(&store).contains(&first));
    store
        .void_petition(&first, "Nhập nhầm người khác", today())
        .unwrap();
    assert!(
        !offered(&store).contains(&first),
        "the new-visit pane offers a voided petition: {:?}",
        offered(&store)
    );
    assert!(offered(&store).contains(&again));
    assert!(
        !chained(&store).contains(&first),
        "search links a voided petition as a repeat: {:?}",
        chained(&store)
    );
    assert!(
        !clustered(&store).contains(&first),
        "`repeats` clusters a voided petition: {:?}",
        clustered(&store)
    );
    // Still found and shown as what it is when asked for.
    let hits = search(&store, &first, 5).unwrap();
    assert_eq!(hits[0].code, first);
    assert_eq!(hits[0].status, crate::domain::Status::Voided);
}
