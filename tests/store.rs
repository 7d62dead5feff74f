//! The store as a desk relies on it: durable settings, migrations, concurrent writers, the
//! lifecycle enforced on write, the audit chain, backups and read-only access.

use chrono::NaiveDate;
use rusqlite::Connection;
use tiepdan::domain::*;
use tiepdan::error::{Error, Refusal};
use tiepdan::intake::{CitizenForm, IntakeForm};
use tiepdan::policy::Policy;
use tiepdan::store::{Access, Store, schema};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 24);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

fn form(name: &str, kind: &str, subject: &str) -> IntakeForm {
    IntakeForm {
        citizens: vec![CitizenForm {
            name: name.into(),
            id_number: "042190000123".into(),
            phone: "0912 345 678".into(),
            address: "Thôn Trung Tiến, xã Cẩm Xuyên, tỉnh Hà Tĩnh".into(),
            ..Default::default()
        }],
        kind: kind.into(),
        subject: subject.into(),
        received_on: "2026-11-02".into(),
        ..Default::default()
    }
}

fn log(store: &mut Store, form: IntakeForm) -> String {
    let intake = form
        .validate(today(), today().and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
    store.log_intake(intake, today()).unwrap().petition_code
}

fn step(kind: EventKind, on: NaiveDate) -> Step {
    Step {
        kind,
        on,
        detail: StepDetail::default(),
    }
}

/// Takes the leaders' schedule (13, issue 15) back out; the rewinds below start with it. (12, the
/// open petitions' index without `info_handled`, is rebuilt whole when replayed.)
const UNDO_SCHEDULE: &str = "DROP TABLE leader_schedule;";

/// Takes the province tier's migration (11, issue 16) back out; the rewinds below start with it.
const UNDO_PROVINCE: &str = "DROP TABLE province_petition;";

/// Takes the sealing migration (10, issue 13) back out; the rewinds below start with it.
const UNDO_SEALING: &str = "DROP INDEX petition_unsealed; ALTER TABLE citizen DROP COLUMN sealed;
    ALTER TABLE petition DROP COLUMN sealed; ALTER TABLE visit DROP COLUMN sealed;";

/// Takes the person model's migration (8) back out, to stand for a database from before it.
const UNDO_PERSON_MODEL: &str = "DROP INDEX citizen_by_person;
    ALTER TABLE citizen DROP COLUMN person_id;
    ALTER TABLE citizen DROP COLUMN linked_by;
    DROP TABLE person_event; DROP TABLE identity_unrecorded;";

fn open_file(path: &std::path::Path) -> Store {
    Store::open(path, Access::ReadWrite, Policy::legal_default()).unwrap()
}

#[test]
fn every_connection_is_durable() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_file(&dir.path().join("t.sqlite3"));
    let (mode, sync) = store.durability().unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
    assert_eq!(sync, 2, "synchronous=FULL");
    let reader = Store::open(
        &dir.path().join("t.sqlite3"),
        Access::ReadOnly,
        Policy::legal_default(),
    )
    .unwrap();
    assert_eq!(reader.durability().unwrap().0.to_lowercase(), "wal");
}

#[cfg(unix)]
#[test]
fn new_database_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let mut store = open_file(&path);
    log(&mut store, form("Lê Văn Tám", "khieu nai", "Thu hồi đất"));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let backup = dir.path().join("copy.sqlite3");
    store.backup(&backup, false).unwrap();
    assert_eq!(
        std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let copy = Store::open(&backup, Access::ReadOnly, Policy::legal_default()).unwrap();
    assert_eq!(copy.petition_count().unwrap(), 1);
}

#[test]
fn intake_stores_nfc_and_codes_count_per_year() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let nfd: String =
        unicode_normalization::UnicodeNormalization::nfd("Nguyễn Thị Minh Khai").collect();
    let first = log(
        &mut store,
        form(&nfd, "khiếu nại", "Khiếu nại quyết định thu hồi đất"),
    );
    let second = log(
        &mut store,
        form("Trần Văn An", "kien nghi", "Kiến nghị làm đường"),
    );
    assert_eq!(first, "2026-000001");
    assert_eq!(second, "2026-000002");
    let petition = store.petition(&first).unwrap();
    let filers = store.filers(petition.id).unwrap();
    assert_eq!(filers[0].full_name, "Nguyễn Thị Minh Khai");
    assert_eq!(filers[0].province.as_deref(), Some("Hà Tĩnh"));
    assert_eq!(filers[0].commune.as_deref(), Some("xã Cẩm Xuyên"));
    assert_eq!(filers[0].phone.as_deref(), Some("0912345678"));
    assert_eq!(petition.round, Some(Round::First));
    assert_eq!(petition.status(), Status::Received);
}

#[test]
fn the_same_person_is_one_person_and_each_petition_keeps_its_spelling() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let a = log(&mut store, form("Nguyễn Văn Hùng", "khieu nai", "Đất"));
    let b = log(&mut store, form("Nguyen Van Hung", "kien nghi", "Cán bộ"));
    let pa = store.petition(&a).unwrap();
    let pb = store.petition(&b).unwrap();
    let fa = store.filers(pa.id).unwrap();
    let fb = store.filers(pb.id).unwrap();
    assert_eq!(fa[0].full_name, "Nguyễn Văn Hùng");
    assert_eq!(
        fb[0].full_name, "Nguyen Van Hung",
        "as written on the second petition"
    );
    assert_ne!(pa.filers, pb.filers, "one record as given per petition");
    assert_eq!(
        store.person_of(fa[0].id).unwrap(),
        store.person_of(fb[0].id).unwrap(),
        "same CCCD, same name up to tone marks → one person"
    );
}

#[test]
fn lifecycle_is_enforced_on_write() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let code = log(
        &mut store,
        form("Phạm Thị Lan", "kien nghi", "Kiến nghị sửa đường"),
    );
    let err = store
        .add_step(&code, step(EventKind::Resolved, today()), today())
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::IllegalStep {
                why: Refusal::NeverAccepted,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.message(tiepdan::i18n::Lang::Vi)
            .contains("chưa được thụ lý")
    );
    store
        .add_step(&code, step(EventKind::Accepted, day(2026, 11, 5)), today())
        .unwrap();
    let err = store
        .add_step(&code, step(EventKind::Extended, day(2026, 11, 6)), today())
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::IllegalStep {
                why: Refusal::KindCannotExtend(_),
                ..
            }
        ),
        "{err:?}"
    );
    let future = store
        .add_step(&code, step(EventKind::Note, day(2026, 11, 25)), today())
        .unwrap_err();
    assert!(matches!(future, Error::Invalid { .. }));
    let done = store
        .add_step(&code, step(EventKind::Resolved, day(2026, 11, 20)), today())
        .unwrap();
    assert_eq!(done.status(), Status::Resolved);
    let kinds: Vec<EventKind> = store
        .events(done.id)
        .unwrap()
        .iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            EventKind::Received,
            EventKind::Accepted,
            EventKind::Resolved
        ]
    );
    assert!(
        store.policy().deadline(&done, today()).is_none(),
        "closed petitions have no deadline"
    );
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn repeat_links_refuse_loops() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let a = log(&mut store, form("Hồ Văn Nam", "khieu nai", "Đất"));
    let b = log(&mut store, form("Hồ Văn Nam", "khieu nai", "Đất lần 2"));
    store.link_repeat(&b, &a).unwrap();
    assert!(store.link_repeat(&a, &b).is_err());
    let chain: Vec<String> = store
        .repeat_chain(&store.petition(&a).unwrap())
        .unwrap()
        .into_iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(chain, [a, b]);
}

#[test]
fn audit_chain_reveals_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let mut store = open_file(&path);
    store.set_actor("canbo.an");
    let code = log(&mut store, form("Đỗ Thị Hoa", "khieu nai", "Đất"));
    store
        .add_step(&code, step(EventKind::Accepted, day(2026, 11, 3)), today())
        .unwrap();
    let tail = store.audit_tail(10).unwrap();
    assert_eq!(tail.len(), 2);
    assert!(tail.iter().all(|row| row.actor == "canbo.an"));
    assert!(store.check().unwrap().is_ok());
    drop(store);
    let raw = Connection::open(&path).unwrap();
    raw.execute("UPDATE audit SET actor = 'someone' WHERE seq = 1", [])
        .unwrap();
    drop(raw);
    let report = open_file(&path).check().unwrap();
    assert_eq!(report.audit_broken, [1]);
    assert!(!report.is_ok());
}

#[test]
fn check_finds_a_status_edited_behind_the_programs_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let mut store = open_file(&path);
    let code = log(&mut store, form("Vũ Văn Bình", "khieu nai", "Đất"));
    drop(store);
    let raw = Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE petition SET state = replace(state, '\"received\"', '\"resolved\"') WHERE code = ?1",
        [&code],
    )
    .unwrap();
    drop(raw);
    assert_eq!(open_file(&path).check().unwrap().state_mismatches, [code]);
}

#[test]
fn read_only_store_refuses_writes_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let mut store = open_file(&path);
    let code = log(&mut store, form("Bùi Văn Cường", "khieu nai", "Đất"));
    drop(store);
    let before = std::fs::read(&path).unwrap();
    let mut reader = Store::open(&path, Access::ReadOnly, Policy::legal_default()).unwrap();
    assert_eq!(reader.petition(&code).unwrap().code, code);
    let err = reader
        .add_step(&code, step(EventKind::Accepted, today()), today())
        .unwrap_err();
    assert!(matches!(err, Error::ReadOnly));
    drop(reader);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn migrations_run_from_every_earlier_version() {
    for start in 0..schema::LATEST {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        schema::migrate_to(&mut conn, start).unwrap();
        assert_eq!(schema::version(&conn).unwrap(), start);
        drop(conn);
        let mut store = open_file(&path);
        log(&mut store, form("Ngô Thị Mai", "phan anh", "Ô nhiễm"));
        assert!(store.check().unwrap().is_ok(), "from version {start}");
        assert_eq!(store.check().unwrap().schema_version, schema::LATEST);
    }
}

#[test]
fn the_typo_index_is_built_over_an_existing_database() {
    // A database as version 5 left it: no typo keys, no two-letter words in the vocabulary.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.sqlite3");
    let mut store = open_file(&path);
    log(&mut store, form("Trần Vn Bình", "kien nghi", "Sửa đường"));
    drop(store);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "{UNDO_SCHEDULE} {UNDO_PROVINCE} {UNDO_SEALING} {UNDO_PERSON_MODEL} DROP TABLE search_typo;
         DELETE FROM search_vocab WHERE length(term) < 3;
         DROP TABLE denouncer_blind; PRAGMA user_version = 5;"
    ))
    .unwrap();
    drop(conn);
    let store = open_file(&path);
    // One word, so only the typo index can find it ("van" → the record's "vn").
    let names: Vec<_> = tiepdan::search::search(&store, "van", 5)
        .unwrap()
        .into_iter()
        .filter_map(|h| h.citizen_name)
        .collect();
    assert_eq!(names, ["Trần Vn Bình"]);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_database_from_a_newer_program_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    drop(open_file(&path));
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", schema::LATEST + 1)
        .unwrap();
    drop(conn);
    let err = Store::open(&path, Access::ReadWrite, Policy::legal_default())
        .err()
        .unwrap();
    assert!(matches!(err, Error::DatabaseTooNew { .. }));
    assert!(
        err.message(tiepdan::i18n::Lang::Vi)
            .contains("phiên bản mới hơn")
    );
}

#[test]
fn garbage_file_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.sqlite3");
    std::fs::write(&path, vec![b'x'; 8192]).unwrap();
    let err = Store::open(&path, Access::ReadWrite, Policy::legal_default())
        .err()
        .unwrap();
    assert!(
        err.message(tiepdan::i18n::Lang::En)
            .contains("not a tiepdan database"),
        "{}",
        err.message(tiepdan::i18n::Lang::En)
    );
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite3");
    drop(open_file(&path));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = open_file(&path);
                (0..25)
                    .map(|i| {
                        log(
                            &mut store,
                            form(&format!("Người {w} {i}"), "kien nghi", "Đường"),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut codes: Vec<String> = writers
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 100, "every code unique");
    let store = open_file(&path);
    assert_eq!(store.petition_count().unwrap(), 100);
    assert!(store.check().unwrap().is_ok());
}

/// A database from before identities were kept as given: two petitions filed under one citizen
/// record (what `find_same_person` used to do). The migration keeps both petitions readable and
/// `check` names the later one, whose own spelling was never stored.
#[test]
fn check_names_petitions_whose_given_identity_was_lost_before_the_person_model() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    let mut store = open_file(&path);
    let first = log(&mut store, form("Đào Thị Thu", "khieu nai", "Đất"));
    let second = log(&mut store, form("Đào Thị Thuý", "kien nghi", "Đất lần hai"));
    let (a, b) = (
        store.petition(&first).unwrap(),
        store.petition(&second).unwrap(),
    );
    assert!(store.check().unwrap().given_identity_not_kept.is_empty());
    drop(store);
    // Rewind to the schema before the person model, the way it stored it: the second petition under the first record.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(UNDO_SCHEDULE).unwrap();
    conn.execute_batch(UNDO_PROVINCE).unwrap();
    conn.execute_batch(UNDO_SEALING).unwrap();
    conn.execute_batch(UNDO_PERSON_MODEL).unwrap();
    let person_model = schema::MIGRATIONS
        .iter()
        .position(|sql| sql.contains("CREATE TABLE person_event"))
        .unwrap() as i64;
    conn.pragma_update(None, "user_version", person_model)
        .unwrap();
    conn.execute(
        "UPDATE petition_filer SET citizen_id = ?1 WHERE petition_id = ?2",
        rusqlite::params![a.filers[0], b.id],
    )
    .unwrap();
    conn.execute(
        "UPDATE visit_citizen SET citizen_id = ?1 WHERE citizen_id = ?2",
        rusqlite::params![a.filers[0], b.filers[0]],
    )
    .unwrap();
    conn.execute("DELETE FROM citizen WHERE id = ?1", [b.filers[0]])
        .unwrap();
    drop(conn);
    let store = open_file(&path);
    let report = store.check().unwrap();
    assert_eq!(report.schema_version, schema::LATEST);
    assert_eq!(report.given_identity_not_kept, vec![second.clone()]);
    // (Rewinding the file here is itself an edit behind the program's back, which the tamper
    // seals rightly report; the records themselves are sound.)
    assert!(report.integrity.is_empty() && report.state_mismatches.is_empty());
    assert_eq!(report.foreign_key_violations, 0);
    let filers = store.filers(store.petition(&second).unwrap().id).unwrap();
    assert_eq!(
        filers[0].full_name, "Đào Thị Thu",
        "what the old database held"
    );
}
