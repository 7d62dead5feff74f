//! Denouncer secrecy at rest (issue 13; Luật Tố cáo 2018, Điều 9(1)(b), 47, 56; Nghị định
//! 31/2019): a denouncer's name, ID and phone — also where the denouncer wrote them into the
//! summary — are in no byte of the database file, its WAL, a backup, an export or anything an
//! inspector can print; yet the desk, with its key, still finds the denunciation by the name and
//! reveals it (audited).

mod common;

use chrono::NaiveDate;
use std::path::Path;
use tiepdan::domain::Role;
use tiepdan::intake::{CitizenForm, IntakeForm};
use tiepdan::policy::Policy;
use tiepdan::secrecy::DeskKey;
use tiepdan::store::{Access, Store};
use unicode_normalization::UnicodeNormalization;

const NAME: &str = "Quách Tĩnh Nhiên";
const CCCD: &str = "038099012377";
const PHONE: &str = "0978 123 456";
const ADDRESS: &str = "Số 9 ngõ Trúc Lâm, phường Hạc Thành";
const SUBJECT: &str = "Tố cáo chủ tịch xã thu tiền cấp sổ đỏ (Quách Tĩnh Nhiên, 0978123456)";
const SUMMARY: &str = "Tôi là Quách Tĩnh Nhiên, CCCD 038099012377, điện thoại 0978 123 456, \
                       tố cáo chủ tịch xã thu tiền của dân khi cấp sổ đỏ.";

/// Every way the identity could sit in a file: NFC and NFD, folded, upper case, the ID, the
/// phone in its national and international digits, the address.
fn needles() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = vec![
        NAME.nfc().collect::<String>().into_bytes(),
        NAME.nfd().collect::<String>().into_bytes(),
        b"quach tinh nhien".to_vec(),
        b"Quach Tinh Nhien".to_vec(),
        "QUÁCH TĨNH NHIÊN".as_bytes().to_vec(),
        "Tĩnh Nhiên".as_bytes().to_vec(),
        b"tinh nhien".to_vec(),
        CCCD.as_bytes().to_vec(),
        b"0978123456".to_vec(),
        b"978123456".to_vec(),
        PHONE.as_bytes().to_vec(),
        "Trúc Lâm".as_bytes().to_vec(),
        b"truc lam".to_vec(),
    ];
    // Also as UTF-16 (what some exports of other tools write).
    out.push(CCCD.encode_utf16().flat_map(|u| u.to_le_bytes()).collect());
    out
}

/// The needles found in `bytes`, as text, for the failure message.
fn hits(bytes: &[u8]) -> Vec<String> {
    let lower = bytes.to_ascii_lowercase();
    needles()
        .into_iter()
        .filter(|n| {
            let n_lower = n.to_ascii_lowercase();
            lower.windows(n.len()).any(|w| w == n_lower.as_slice())
        })
        .map(|n| String::from_utf8_lossy(&n).into_owned())
        .collect()
}

fn assert_clean(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.is_empty() || what.ends_with("-wal"),
        "{what} is empty"
    );
    let found = hits(bytes);
    assert!(found.is_empty(), "{what} holds {found:?}");
}

fn assert_file_clean(path: &Path) {
    if let Ok(bytes) = std::fs::read(path) {
        assert_clean(&path.display().to_string(), &bytes);
    }
}

fn file_with_wal(db: &Path) -> Vec<std::path::PathBuf> {
    let wal = db.with_file_name(format!("{}-wal", db.file_name().unwrap().to_string_lossy()));
    vec![db.to_path_buf(), wal]
}

fn add_denunciation(desk: &common::Desk) -> String {
    desk.ok(&[
        "visit",
        "add",
        "--name",
        NAME,
        "--cccd",
        CCCD,
        "--phone",
        PHONE,
        "--address",
        ADDRESS,
        "--birth-year",
        "1985",
        "--kind",
        "to cao",
        "--subject",
        SUBJECT,
        "--summary",
        SUMMARY,
        "--received",
        "2026-11-20",
    ])
    .trim()
    .to_string()
}

#[test]
fn a_denouncers_identity_is_in_no_file_and_no_inspector_output_yet_the_desk_finds_it() {
    let desk = common::Desk::new();
    let code = add_denunciation(&desk);
    desk.ok(&[
        "visit",
        "add",
        "--name",
        "Lê Thị Hoa",
        "--kind",
        "khieu nai",
        "--subject",
        "Khiếu nại thu hồi đất",
        "--received",
        "2026-11-21",
    ]);

    // A correction of the denunciation's summary, and a complaint by the same person
    // reclassified as a denunciation: both keep the identity sealed (the correction events too).
    desk.ok(&[
        "petition",
        "edit",
        &code,
        "--summary",
        &format!("{SUMMARY} Bổ sung: Quách Tĩnh Nhiên nộp thêm chứng cứ."),
        "--note",
        "bổ sung tóm tắt",
    ]);
    let reclassified = desk
        .ok(&[
            "visit",
            "add",
            "--name",
            NAME,
            "--cccd",
            CCCD,
            "--phone",
            PHONE,
            "--kind",
            "khieu nai",
            "--subject",
            "Khiếu nại việc thu tiền cấp sổ đỏ",
            "--summary",
            SUMMARY,
            "--received",
            "2026-11-21",
        ])
        .trim()
        .to_string();
    desk.ok(&[
        "petition",
        "edit",
        &reclassified,
        "--kind",
        "to-cao",
        "--note",
        "phân loại lại: tố cáo",
    ]);

    // The desk, with its key: finds the denunciation by the denouncer's name, ID and phone
    // (typed without diacritics too), and sees the subject it handles.
    for query in ["Quách Tĩnh Nhiên", "quach tinh nhien", CCCD, "0978123456"] {
        let found = desk.ok(&["search", query]);
        assert!(found.contains(&code), "{query}: {found}");
    }
    let shown = desk.ok(&["petition", "show", &code]);
    assert!(shown.contains("chủ tịch xã thu tiền"), "{shown}");
    assert!(
        shown.contains("nộp thêm chứng cứ"),
        "the correction: {shown}"
    );

    // Files that leave the program.
    let backup = desk.file("backup.sqlite3");
    desk.ok(&["backup", backup.to_str().unwrap()]);
    let csv = desk.file("export.csv");
    desk.ok(&["export", "--format", "csv", "-o", csv.to_str().unwrap()]);
    let jsonl = desk.file("export.jsonl");
    desk.ok(&["export", "--format", "json", "-o", jsonl.to_str().unwrap()]);
    let logbook = desk.file("so.csv");
    desk.ok(&[
        "logbook",
        "--period",
        "2026",
        "--format",
        "csv",
        "-o",
        logbook.to_str().unwrap(),
    ]);
    for file in [&backup, &csv, &jsonl, &logbook] {
        assert!(file.exists(), "{}", file.display());
        assert_file_clean(file);
    }

    // What an inspector can print.
    let mut outputs = Vec::new();
    for args in [
        vec!["petition", "show", &code],
        vec!["petition", "show", &code, "--json"],
        vec!["petition", "show", &reclassified, "--json"],
        vec!["due"],
        vec!["due", "--json"],
        vec!["search", "quach tinh nhien"],
        vec!["search", "quach tinh nhien", "--json"],
        vec!["search", "tố cáo", "--json"],
        vec!["search", "tố cáo", "--grouped"],
        vec!["search", CCCD, "--json"],
        vec!["search", "0978123456"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "csv"],
    ] {
        let mut inspector = vec!["--read-only"];
        inspector.extend(args.iter().copied());
        let out = desk.run(&inspector);
        assert!(
            out.status.success(),
            "inspector `{args:?}`: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        outputs.push((args.join(" "), out.stdout, out.stderr));
    }
    for (args, stdout, stderr) in &outputs {
        for (stream, bytes) in [("stdout", stdout), ("stderr", stderr)] {
            let found = hits(bytes);
            assert!(
                found.is_empty(),
                "inspector `{args}` {stream} holds {found:?}"
            );
        }
    }
    // The inspector still sees the denunciation exists, masked.
    let shown = String::from_utf8_lossy(&outputs[0].1).into_owned();
    assert!(shown.contains("(danh tính được bảo mật)"), "{shown}");

    // The database itself, and its WAL, after all of that.
    for file in file_with_wal(&desk.db()) {
        assert_file_clean(&file);
    }
    // Tamper seals still hold, over the ciphertext.
    let check = desk.ok(&["check"]);
    assert!(!check.contains("FAIL"), "{check}");
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn intake_form() -> IntakeForm {
    IntakeForm {
        citizens: vec![CitizenForm {
            name: NAME.into(),
            id_number: CCCD.into(),
            phone: PHONE.into(),
            address: ADDRESS.into(),
            birth_year: "1985".into(),
            ..Default::default()
        }],
        kind: "to cao".into(),
        subject: SUBJECT.into(),
        summary: SUMMARY.into(),
        received_on: "2026-11-20".into(),
        ..Default::default()
    }
}

fn log(store: &mut Store) -> String {
    let today = day(2026, 11, 24);
    let intake = intake_form()
        .validate(today, today.and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
    store.log_intake(intake, today).unwrap().petition_code
}

fn key(byte: u8) -> DeskKey {
    DeskKey::from_bytes([byte; 32])
}

fn open(path: &Path, role: Role, with: Option<DeskKey>) -> Store {
    let mut store = Store::open_as(path, role, Policy::legal_default()).unwrap();
    if let Some(k) = with {
        store.unlock_denouncer_index(k).unwrap();
    }
    store
}

fn all_bytes(path: &Path) -> Vec<u8> {
    file_with_wal(path)
        .iter()
        .flat_map(|p| std::fs::read(p).unwrap_or_default())
        .collect()
}

#[test]
fn the_wal_of_a_desk_at_work_holds_no_identity_and_only_the_right_key_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut desk = open(&path, Role::Operator, Some(key(7)));
    let code = log(&mut desk);
    // The desk is still open: its writes sit in the WAL.
    let wal = std::fs::read(file_with_wal(&path)[1].clone()).unwrap();
    assert!(!wal.is_empty(), "the write is in the WAL");
    assert_clean("the live WAL", &wal);
    assert_clean("the live database", &std::fs::read(&path).unwrap());

    // With the key: the identity as given.
    let petition = desk.petition(&code).unwrap();
    assert_eq!(petition.subject, SUBJECT);
    assert_eq!(petition.summary, SUMMARY);
    let filers = desk.filers(petition.id).unwrap();
    assert_eq!(filers[0].full_name, NAME);
    assert_eq!(filers[0].id_number.as_deref(), Some(CCCD));
    assert_eq!(filers[0].phone.as_deref(), Some("0978123456"));
    assert_eq!(filers[0].birth_year, Some(1985));

    // An inspector (no key), a desk with a wrong key, a desk without a key: the protected label,
    // nothing else of the identity, and everything else as usual.
    for (who, store) in [
        ("inspector", open(&path, Role::Inspector, None)),
        ("wrong key", open(&path, Role::Operator, Some(key(8)))),
        ("no key", open(&path, Role::Operator, None)),
    ] {
        let p = store.petition(&code).unwrap();
        assert_eq!(p.subject, "(danh tính được bảo mật)", "{who}");
        assert_eq!(p.summary, "", "{who}");
        assert_eq!(p.status(), petition.status(), "{who}");
        let f = store.filers(p.id).unwrap();
        assert_eq!(f.len(), 1, "{who}");
        assert_eq!(f[0].full_name, "(danh tính được bảo mật)", "{who}");
        assert_eq!(
            (
                f[0].id_number.as_deref(),
                f[0].phone.as_deref(),
                f[0].address.as_deref()
            ),
            (None, None, None),
            "{who}"
        );
        assert!(store.check().unwrap().is_ok(), "{who}");
    }
}

#[test]
fn a_denunciation_stored_in_clear_is_sealed_and_vacuumed_at_the_first_keyed_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        // A desk from before issue 13 (or one that ran without its key): plaintext.
        let mut old = Store::open(&path, Access::ReadWrite, Policy::legal_default()).unwrap();
        log(&mut old);
    }
    assert!(
        !hits(&all_bytes(&path)).is_empty(),
        "the test starts from a file holding the identity"
    );
    let desk = open(&path, Role::Operator, Some(key(7)));
    drop(desk);
    let found = hits(&all_bytes(&path));
    assert!(found.is_empty(), "after sealing the file holds {found:?}");

    let desk = open(&path, Role::Operator, Some(key(7)));
    let report = desk.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
    let code = "2026-000001";
    let petition = desk.petition(code).unwrap();
    assert_eq!(petition.summary, SUMMARY);
    assert_eq!(desk.filers(petition.id).unwrap()[0].full_name, NAME);
    drop(desk);

    // The old audit rows were sealed in place: with the key, `check` still verifies what they
    // say; one rewritten (even sealed properly) breaks the chain. Without the key, only its
    // place in the chain is checked.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let seq: i64 = conn
        .query_row(
            "SELECT seq FROM audit WHERE substr(change, 1, 7) = 'sealed:' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let forged = key(7).seal(format!("audit:{seq}").as_bytes(), b"{\"forged\":true}");
    let hex: String = forged.iter().map(|b| format!("{b:02x}")).collect();
    conn.execute(
        "UPDATE audit SET change = ?2 WHERE seq = ?1",
        rusqlite::params![seq, format!("sealed:{hex}")],
    )
    .unwrap();
    drop(conn);
    let keyed = open(&path, Role::Operator, Some(key(7))).check().unwrap();
    assert_eq!(keyed.audit_broken, vec![seq], "{keyed:?}");
    let keyless = open(&path, Role::Inspector, None).check().unwrap();
    assert!(keyless.audit_broken.is_empty(), "{keyless:?}");
}

fn key_file(desk: &common::Desk) -> String {
    std::fs::read_to_string(desk.file("config").join("desk.key"))
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn the_desk_key_is_rotated_exported_for_recovery_and_kept_from_inspectors() {
    let desk = common::Desk::new();
    let code = add_denunciation(&desk);
    let made = desk.ok(&["key", "init"]);
    assert!(made.contains("đã có"), "made on first use: {made}");

    // Inspectors manage no key, reveal nothing and copy nothing.
    let sheet = desk.file("khoa-mat.txt");
    let err = desk.fails(&[
        "--read-only",
        "key",
        "export-recovery",
        "-o",
        sheet.to_str().unwrap(),
    ]);
    assert!(err.contains("thanh tra") && err.contains("khoá"), "{err}");
    assert!(!sheet.exists());
    let err = desk.fails(&[
        "--read-only",
        "petition",
        "show",
        &code,
        "--reveal",
        "--reason",
        "xem",
    ]);
    assert!(err.contains("không được xem danh tính"), "{err}");
    let copy = desk.file("copy.sqlite3");
    let err = desk.fails(&["--read-only", "backup", copy.to_str().unwrap()]);
    assert!(err.contains("không được sao lưu"), "{err}");
    assert!(!copy.exists());
    // A reveal needs a reason.
    let usage = desk.run(&["petition", "show", &code, "--reveal"]);
    assert_eq!(usage.status.code(), Some(2));

    // The recovery sheet: the key itself, owner-only, never overwritten, audited.
    let old_key = key_file(&desk);
    let written = desk.ok(&["key", "export-recovery", "-o", sheet.to_str().unwrap()]);
    assert!(written.contains("phong bì"), "{written}");
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert!(text.contains(&old_key) && text.starts_with("MẬT"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&sheet).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    desk.fails(&["key", "export-recovery", "-o", sheet.to_str().unwrap()]);

    // Rotation: a new key, every value sealed again, the desk finds and reveals as before.
    let rotated = desk.ok(&["key", "rotate"]);
    assert!(rotated.contains("Đã đổi khoá"), "{rotated}");
    let new_key = key_file(&desk);
    assert_ne!(new_key, old_key);
    assert!(!desk.file("config").join("desk.key.next").exists());
    let found = desk.ok(&["search", "quach tinh nhien"]);
    assert!(found.contains(&code), "{found}");
    let plain = desk.ok(&["petition", "show", &code]);
    assert!(!plain.contains(NAME), "masked until revealed: {plain}");
    assert!(
        plain.contains("[người tố cáo]"),
        "the summary's mention: {plain}"
    );
    let shown = desk.ok(&[
        "petition",
        "show",
        &code,
        "--reveal",
        "--reason",
        "xác minh nội dung",
    ]);
    assert!(shown.contains(NAME) && shown.contains(CCCD), "{shown}");
    assert!(!desk.ok(&["check"]).contains('✗'));

    // The old key opens nothing any more; without any key the desk works on, masked.
    let db = desk.db();
    let old = DeskKey::from_hex(&old_key).unwrap();
    for store in [
        open(&db, Role::Operator, Some(old)),
        open(&db, Role::Operator, None),
    ] {
        let p = store.petition(&code).unwrap();
        assert_eq!(p.subject, "(danh tính được bảo mật)");
        assert_eq!(
            store.filers(p.id).unwrap()[0].full_name,
            "(danh tính được bảo mật)"
        );
        assert!(store.check().unwrap().is_ok());
    }

    // Who looked, when, why; who exported the key.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let reason: String = conn
        .query_row(
            "SELECT json_extract(change, '$.reason') FROM audit WHERE action = 'reveal_identity'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason, "xác minh nội dung");
    let exports: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'export_recovery_key'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(exports, 1);
}

#[test]
fn an_interrupted_rotation_keeps_the_key_the_database_is_sealed_with() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let path = dir.path().join("desk.sqlite3");
    let mut store = Store::open_as(&path, Role::Operator, Policy::legal_default()).unwrap();
    store.unlock_with_key_in(&config).unwrap();
    let code = log(&mut store);
    let first = DeskKey::load(&config).unwrap().unwrap();

    // Stopped before re-sealing: the next key is dropped, the first one stays.
    DeskKey::generate().write_next(&config).unwrap();
    let mut store = Store::open_as(&path, Role::Operator, Policy::legal_default()).unwrap();
    store.unlock_with_key_in(&config).unwrap();
    assert_eq!(store.desk_key().unwrap().key_id(), first.key_id());
    assert!(!DeskKey::next_path_in(&config).exists());

    // Stopped after re-sealing, before the key file moved: the next key is put in place.
    let next = DeskKey::generate();
    next.write_next(&config).unwrap();
    store.rotate_desk_key(&next).unwrap();
    drop(store);
    let mut store = Store::open_as(&path, Role::Operator, Policy::legal_default()).unwrap();
    store.unlock_with_key_in(&config).unwrap();
    assert_eq!(store.desk_key().unwrap().key_id(), next.key_id());
    assert_eq!(
        DeskKey::load(&config).unwrap().unwrap().key_id(),
        next.key_id()
    );
    let p = store.petition(&code).unwrap();
    assert_eq!(store.filers(p.id).unwrap()[0].full_name, NAME);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn the_complete_logbook_names_denouncers_only_marked_mat_and_audited() {
    let desk = common::Desk::new();
    add_denunciation(&desk);
    let asked = desk.file("so.csv");
    let args = [
        "logbook",
        "--period",
        "2026",
        "--format",
        "csv",
        "-o",
        asked.to_str().unwrap(),
        "--with-identities",
    ];
    let err = desk.fails(&[&["--read-only"][..], &args[..]].concat());
    assert!(err.contains("không được xem danh tính"), "{err}");
    let printed = desk.ok(&args);
    // The file says what it is in its name, its first line and its title.
    let file = desk.file("so-MAT.csv");
    assert!(printed.contains("so-MAT.csv"), "{printed}");
    assert!(!asked.exists());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.trim_start_matches('\u{feff}').starts_with("MẬT"),
        "{text}"
    );
    assert!(text.contains(NAME) && text.contains(CCCD), "{text}");
    // The workbook: MẬT at the top of every printed page.
    let xlsx = desk.file("so-mat.xlsx");
    desk.ok(&[
        "logbook",
        "--period",
        "2026",
        "-o",
        xlsx.to_str().unwrap(),
        "--with-identities",
    ]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(
        sheet.contains("<oddHeader>") && sheet.contains("MẬT"),
        "{sheet}"
    );
    // The ordinary Sổ stays masked.
    let plain = desk.file("so-thuong.csv");
    desk.ok(&[
        "logbook",
        "--period",
        "2026",
        "--format",
        "csv",
        "-o",
        plain.to_str().unwrap(),
    ]);
    assert_file_clean(&plain);
    let conn = rusqlite::Connection::open(desk.db()).unwrap();
    let shown: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'reveal_identity' AND entity = 'logbook'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(shown, 2);
}
