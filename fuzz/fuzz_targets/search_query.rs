//! Whatever the desk types into search: the query parser and the index search never panic and
//! never fail (a stray quote or FTS operator must not become an SQL error).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::{LazyLock, Mutex};
use tiepdan::intake::{CitizenForm, IntakeForm};
use tiepdan::policy::Policy;
use tiepdan::search::query::Query;
use tiepdan::store::Store;

/// A static, not a thread-local: a thread-local's destructor registration is reported as a leak
/// by LeakSanitizer when the run ends.
static STORE: LazyLock<Mutex<Store>> = LazyLock::new(|| Mutex::new(seeded_store()));

fn seeded_store() -> Store {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    for (name, subject) in [
        (
            "Nguyễn Thị Minh Khai",
            "Khiếu nại quyết định thu hồi đất thửa số 125",
        ),
        ("Trần Văn Bảy", "Tố cáo cán bộ địa chính"),
        ("Lê Thị Hoa", "Phản ánh ô nhiễm tiếng ồn"),
    ] {
        let form = IntakeForm {
            citizens: vec![CitizenForm {
                name: name.into(),
                id_number: "042190000123".into(),
                phone: "0912 345 678".into(),
                ..Default::default()
            }],
            kind: "khieu nai".into(),
            subject: subject.into(),
            received_on: "2026-11-02".into(),
            ..Default::default()
        };
        let intake = form
            .validate(today, today.and_hms_opt(9, 0, 0).unwrap())
            .unwrap();
        store.log_intake(intake, today).unwrap();
    }
    store
}

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let query = Query::parse(raw);
    assert!(query.words.iter().all(|w| !w.is_empty()), "{query:?}");
    assert_eq!(
        Query::parse(&query.folded).folded,
        query.folded,
        "folding is stable"
    );
    let store = STORE.lock().unwrap();
    let hits = tiepdan::search::search(&store, raw, 10);
    assert!(hits.is_ok(), "{raw:?}: {hits:?}");
});
