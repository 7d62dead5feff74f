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
    hits_of(bytes, needles())
}

/// The needles of the denouncer's name, phone and address only (the ID number may be someone
/// else's to show when they give it too).
fn hits_but_id(bytes: &[u8]) -> Vec<String> {
    let id_utf16: Vec<u8> = CCCD.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let rest = needles()
        .into_iter()
        .filter(|n| n.as_slice() != CCCD.as_bytes() && *n != id_utf16)
        .collect();
    hits_of(bytes, rest)
}

fn hits_of(bytes: &[u8], needles: Vec<Vec<u8>>) -> Vec<String> {
    let lower = bytes.to_ascii_lowercase();
    needles
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

// ---------------------------------------------------------------------------------------------
// Leak regressions (issue 13): what the person's other petitions, a repeat link and a reused ID
// number could give away about a denunciation, tried through the command line as an inspector
// (`--read-only`) and as the desk.

fn filed(
    desk: &common::Desk,
    name: &str,
    cccd: &str,
    kind: &str,
    subject: &str,
    on: &str,
) -> String {
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
    if !cccd.is_empty() {
        args.extend(["--cccd", cccd]);
    }
    args.extend(["--received", on]);
    desk.ok(&args).trim().to_string()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn a_persons_petition_count_never_includes_their_denunciations() {
    let desk = common::Desk::new();
    let (name, cccd) = ("Đoàn Minh Khuê", "001088123456");
    let a = filed(
        &desk,
        name,
        cccd,
        "khieu-nai",
        "Khiếu nại thu hồi đất ruộng",
        "2026-10-01",
    );
    let b = filed(
        &desk,
        name,
        cccd,
        "kien-nghi",
        "Kiến nghị sửa đường thôn",
        "2026-10-15",
    );
    let d1 = filed(
        &desk,
        name,
        cccd,
        "to-cao",
        "Tố cáo cán bộ địa chính nhận tiền",
        "2026-11-01",
    );
    let d2 = filed(
        &desk,
        name,
        cccd,
        "to-cao",
        "Tố cáo trưởng thôn lập danh sách khống",
        "2026-11-05",
    );
    // A complaint later reclassified as a denunciation: counted before, never after.
    let c = filed(
        &desk,
        name,
        cccd,
        "khieu-nai",
        "Khiếu nại việc chia đất công",
        "2026-11-10",
    );
    desk.ok(&[
        "petition",
        "edit",
        &c,
        "--kind",
        "to-cao",
        "--note",
        "phân loại lại: tố cáo",
    ]);
    let secret = [&d1, &d2, &c];

    for who in [&["--read-only"][..], &[][..]] {
        let run = |args: &[&str]| desk.ok(&[who, args].concat());
        // Grouped, as text: the person's line counts the two petitions it lists.
        let text = run(&["search", name, "--grouped"]);
        let head = text
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{who:?}: no group for {name}: {text}"));
        assert!(head.ends_with("— 2 đơn"), "{who:?}: {head}");
        assert!(text.contains(&a) && text.contains(&b), "{who:?}: {text}");
        // Grouped, as JSON: the same count, and no denunciation in the person's group.
        let groups = json(&run(&["search", name, "--grouped", "--json"]));
        let person: Vec<&serde_json::Value> = groups
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["citizen_name"] == name)
            .collect();
        assert_eq!(person.len(), 1, "{who:?}: {groups}");
        assert_eq!(person[0]["total_petitions"], 2, "{who:?}: {groups}");
        let listed = person[0].to_string();
        for code in secret {
            assert!(
                !listed.contains(code.as_str()),
                "{who:?}: {code} in {listed}"
            );
        }
        // Flat JSON: every hit naming the person counts two petitions; a denunciation the desk
        // finds by its denouncer stands alone (no name, no count).
        let hits = json(&run(&["search", name, "--json"]));
        for hit in hits.as_array().unwrap() {
            let code = hit["code"].as_str().unwrap();
            if secret.iter().any(|s| s.as_str() == code) {
                assert!(who.is_empty(), "an inspector found {code} by its denouncer");
                let count = &hit["citizen_petitions"];
                assert!(count.is_null() || *count == 0, "{hit}");
                assert!(hit["citizen_name"].is_null(), "{hit}");
                assert!(hit["citizen_id"].is_null(), "{hit}");
            } else {
                assert_eq!(hit["citizen_name"], name, "{hit}");
                assert_eq!(hit["citizen_petitions"], 2, "{who:?}: {hit}");
            }
        }
        // The person's page agrees.
        let page = json(&run(&["citizen", "show", cccd, "--json"]));
        assert_eq!(
            page["petitions"].as_array().unwrap().len(),
            2,
            "{who:?}: {page}"
        );
    }
}

#[test]
fn a_repeat_link_between_a_named_petition_and_a_denunciation_is_shown_only_to_the_desk() {
    let desk = common::Desk::new();
    let name = "Vũ Thị Lành";
    let earlier = filed(
        &desk,
        name,
        "",
        "khieu-nai",
        "Khiếu nại bồi thường giải phóng mặt bằng",
        "2026-09-01",
    );
    let denunciation = filed(
        &desk,
        "Hà Văn Giấu",
        "",
        "to-cao",
        "Tố cáo chủ đầu tư ép giá bồi thường",
        "2026-10-01",
    );
    let later = filed(
        &desk,
        name,
        "",
        "khieu-nai",
        "Khiếu nại lần hai về bồi thường",
        "2026-11-10",
    );
    // Both directions: the denunciation repeats a named complaint, a named complaint repeats it.
    desk.ok(&["petition", "link", &denunciation, "--repeat-of", &earlier]);
    desk.ok(&["petition", "link", &later, "--repeat-of", &denunciation]);
    let ids: Vec<String> = [&earlier, &denunciation, &later]
        .iter()
        .map(|code| {
            json(&desk.ok(&["petition", "show", code, "--json"]))["petition"]["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let (named, hidden) = ([&earlier, &later], (&denunciation, &ids[1]));

    // The desk handling the matter sees the chain through the denunciation.
    let shown = desk.ok(&["petition", "show", &later]);
    assert!(
        shown.contains(&format!("{denunciation} → {later}")),
        "{shown}"
    );

    // An inspector: the named petitions say nothing of it, by code or by id; the denunciation
    // says nothing of them.
    let inspector = |args: &[&str]| desk.ok(&[&["--read-only"][..], args].concat());
    for code in named {
        for out in [
            inspector(&["petition", "show", code]),
            inspector(&["petition", "show", code, "--json"]),
        ] {
            assert!(
                !out.contains(hidden.0.as_str()) && !out.contains(hidden.1.as_str()),
                "{code}: {out}"
            );
        }
    }
    let shown = inspector(&["petition", "show", &denunciation, "--json"]);
    for (code, id) in named.iter().zip([&ids[0], &ids[2]]) {
        assert!(
            !shown.contains(code.as_str()) && !shown.contains(id.as_str()),
            "{shown}"
        );
    }
    for out in [
        inspector(&["search", name]),
        inspector(&["search", name, "--json"]),
        inspector(&["search", name, "--grouped"]),
        inspector(&["search", name, "--grouped", "--json"]),
        inspector(&["search", "bồi thường", "--grouped"]),
        inspector(&["search", "bồi thường", "--grouped", "--json"]),
        inspector(&["repeats", "--min", "2", "--json"]),
        inspector(&["citizen", "show", &earlier, "--json"]),
    ] {
        // Where the denunciation itself is listed (a subject search), it stands alone.
        for line in out.lines().filter(|l| l.contains(hidden.0.as_str())) {
            for code in named {
                assert!(!line.contains(code.as_str()), "{line}");
            }
        }
        if !out.contains("bồi thường") || out.contains(name) {
            assert!(!out.contains(hidden.1.as_str()), "{out}");
        }
    }
    // Exports leave the desk (any reader): no link either way.
    for line in inspector(&["export", "--format", "json"]).lines() {
        let row = json(line);
        let code = row["code"].as_str().unwrap();
        let linked = (row["repeat_of"].as_str(), row["repeat_of_id"].as_str());
        if code == denunciation {
            assert_eq!(linked, (None, None), "{row}");
        }
        if code == later {
            assert_eq!(linked, (None, None), "{row}");
        }
    }
    for line in inspector(&["export", "--format", "csv"]).lines() {
        if line.contains(later.as_str()) || line.contains(earlier.as_str()) {
            assert!(!line.contains(denunciation.as_str()), "{line}");
        }
    }
}

#[test]
fn a_reused_id_number_never_publishes_the_denouncers_stored_identity() {
    let desk = common::Desk::new();
    // (A subject that does not name the denouncer: the desk's own lists show a subject as
    // written.)
    let code = desk
        .ok(&[
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
            "--kind",
            "to-cao",
            "--subject",
            "Tố cáo chủ tịch xã thu tiền cấp sổ đỏ",
            "--summary",
            SUMMARY,
            "--received",
            "2026-11-20",
        ])
        .trim()
        .to_string();
    // Someone else (or the denouncer, on another matter) gives the same CCCD on an ordinary
    // visit, with another name and no phone or address.
    let other = "Trần Văn Khác";
    let out = desk.run(&[
        "visit",
        "add",
        "--name",
        other,
        "--cccd",
        CCCD,
        "--kind",
        "kien-nghi",
        "--subject",
        "Kiến nghị lắp đèn đường",
        "--received",
        "2026-11-22",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let visit = String::from_utf8(out.stdout.clone())
        .unwrap()
        .trim()
        .to_string();
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            hits_but_id(bytes).is_empty(),
            "visit add {stream}: {:?}",
            hits_but_id(bytes)
        );
    }
    // The ordinary visit keeps what was typed on it, nothing of the denouncer's.
    let shown = json(&desk.ok(&["petition", "show", &visit, "--json"]));
    assert_eq!(shown["filers"], serde_json::json!([other]), "{shown}");
    for who in [&["--read-only"][..], &[][..]] {
        let run = |args: &[&str]| desk.run(&[who, args].concat());
        for args in [
            vec!["petition", "show", &visit],
            vec!["petition", "show", &visit, "--json"],
            vec!["citizen", "show", CCCD],
            vec!["citizen", "show", CCCD, "--json"],
            vec!["search", CCCD],
            vec!["search", CCCD, "--json"],
            vec!["search", CCCD, "--grouped", "--json"],
            vec!["search", other, "--grouped"],
            vec!["export", "--format", "json"],
            vec!["export", "--format", "csv"],
            vec!["due", "--json"],
        ] {
            let out = run(&args);
            assert!(
                out.status.success(),
                "{who:?} {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            for bytes in [&out.stdout, &out.stderr] {
                let found = hits_but_id(bytes);
                assert!(found.is_empty(), "{who:?} {args:?}: {found:?}");
            }
        }
        // …and the person's page lists the ordinary visit, never the denunciation.
        let page = json(&desk.ok(&[who, &["citizen", "show", CCCD, "--json"][..]].concat()));
        let petitions = page["petitions"].to_string();
        assert!(
            petitions.contains(&visit) && !petitions.contains(&code),
            "{page}"
        );
    }
    // Nor does the database hold it in clear now.
    let found = hits_but_id(&all_bytes(&desk.db()));
    assert!(found.is_empty(), "the database holds {found:?}");
}

#[test]
fn a_denunciation_naming_its_filer_is_warned_kept_as_typed_or_replaced_on_request() {
    let desk = common::Desk::new();
    let args = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut all = vec![
            "visit",
            "add",
            "--name",
            NAME,
            "--cccd",
            CCCD,
            "--phone",
            PHONE,
            "--kind",
            "to-cao",
            "--subject",
            SUBJECT,
            "--summary",
            SUMMARY,
            "--received",
            "2026-11-20",
        ];
        all.extend_from_slice(extra);
        all
    };
    // Warned, and stored as typed (sealed): the officer's words are not changed unasked.
    let out = desk.run(&args(&[]));
    assert!(out.status.success());
    let warning = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        warning.contains("[người tố cáo]") && warning.contains("--redact-mentions"),
        "{warning}"
    );
    assert!(
        hits(warning.as_bytes()).is_empty(),
        "the warning repeats it: {warning}"
    );
    let kept = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let revealed = desk.ok(&[
        "petition",
        "show",
        &kept,
        "--reveal",
        "--reason",
        "đối chiếu",
    ]);
    assert!(revealed.contains(SUMMARY), "{revealed}");
    // …and every screen still masks the mention.
    let plain = desk.ok(&["petition", "show", &kept]);
    assert!(hits(plain.as_bytes()).is_empty(), "{plain}");

    // In English too.
    let out = desk.run(&[&["--lang", "en"][..], &args(&[])].concat());
    assert!(String::from_utf8_lossy(&out.stderr).contains("names its denouncer"));

    // --redact-mentions replaces each mention when saving, and says so.
    let out = desk.run(&args(&["--redact-mentions"]));
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(said.contains("đã thay"), "{said}");
    let replaced = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let revealed = desk.ok(&[
        "petition",
        "show",
        &replaced,
        "--reveal",
        "--reason",
        "đối chiếu",
    ]);
    assert!(
        revealed.contains("Tôi là [người tố cáo], CCCD [người tố cáo], điện thoại [người tố cáo]"),
        "{revealed}"
    );
    assert!(
        revealed.contains(NAME),
        "the identity itself stays on record: {revealed}"
    );

    // A complaint naming its own filer is no one's secret: no warning.
    let out = desk.run(&[
        "visit",
        "add",
        "--name",
        NAME,
        "--kind",
        "khieu-nai",
        "--subject",
        "Tôi là Quách Tĩnh Nhiên, khiếu nại",
        "--received",
        "2026-11-20",
    ]);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn step_notes_on_a_denunciation_are_sealed_and_its_history_shows_no_ciphertext() {
    let desk = common::Desk::new();
    let code = add_denunciation(&desk);
    desk.ok(&[
        "petition",
        "advance",
        &code,
        "--to",
        "note",
        "--note",
        "Gọi lại cho Quách Tĩnh Nhiên theo số 0978 123 456 để bổ sung chứng cứ",
    ]);
    desk.ok(&[
        "petition",
        "edit",
        &code,
        "--subject",
        "Tố cáo chủ tịch xã thu tiền",
        "--note",
        "rút gọn nội dung",
    ]);
    // The desk reads its own notes (mentions of the denouncer masked until revealed) and sees
    // which fields a correction changed, never ciphertext.
    let shown = desk.ok(&["petition", "show", &code]);
    assert!(shown.contains("để bổ sung chứng cứ"), "{shown}");
    assert!(hits(shown.as_bytes()).is_empty(), "{shown}");
    assert!(!shown.contains("sealed:"), "{shown}");
    assert!(
        shown.contains("(bảo mật)"),
        "the corrected subject: {shown}"
    );
    let revealed = desk.ok(&[
        "petition",
        "show",
        &code,
        "--reveal",
        "--reason",
        "xác minh",
    ]);
    assert!(
        revealed.contains("Gọi lại cho Quách Tĩnh Nhiên"),
        "{revealed}"
    );
    // An inspector: that there was a note and a correction, and what field, nothing more.
    for args in [
        vec!["petition", "show", &code],
        vec!["petition", "show", &code, "--json"],
    ] {
        let out = desk.ok(&[&["--read-only"][..], &args[..]].concat());
        assert!(
            !out.contains("bổ sung chứng cứ") && !out.contains("rút gọn"),
            "{out}"
        );
        assert!(!out.contains("sealed:"), "{out}");
        assert!(out.contains("(bảo mật)"), "{out}");
    }
    let export = desk.ok(&["--read-only", "export", "--format", "json"]);
    assert!(
        !export.contains("bổ sung chứng cứ") && !export.contains("sealed:"),
        "{export}"
    );
    // Nor is the note in the file.
    let bytes = all_bytes(&desk.db());
    assert!(
        !bytes.windows(12).any(|w| w == "chứng cứ".as_bytes()),
        "the note is in the file"
    );
    assert!(hits(&bytes).is_empty());
    assert!(!desk.ok(&["check"]).contains('✗'));
    // A rotation seals the notes again with the new key; the desk still reads them.
    desk.ok(&["key", "rotate"]);
    let shown = desk.ok(&["petition", "show", &code]);
    assert!(shown.contains("để bổ sung chứng cứ"), "{shown}");
}

#[test]
fn a_note_written_without_the_key_is_sealed_at_the_next_keyed_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let code = {
        let mut desk = open(&path, Role::Operator, Some(key(7)));
        log(&mut desk)
    };
    {
        // The same desk without its key (a broken key file): it works on, the note in clear.
        let mut keyless = open(&path, Role::Operator, None);
        let step = tiepdan::domain::Step {
            kind: tiepdan::domain::EventKind::Note,
            on: day(2026, 11, 24),
            detail: tiepdan::domain::StepDetail {
                note: Some("Hẹn Quách Tĩnh Nhiên thứ hai".into()),
                ..Default::default()
            },
        };
        keyless.add_step(&code, step, day(2026, 11, 24)).unwrap();
    }
    assert!(
        !hits(&all_bytes(&path)).is_empty(),
        "stored in clear without the key"
    );
    let desk = open(&path, Role::Operator, Some(key(7)));
    drop(desk);
    let found = hits(&all_bytes(&path));
    assert!(
        found.is_empty(),
        "after the keyed open the file holds {found:?}"
    );
    let desk = open(&path, Role::Operator, Some(key(7)));
    assert!(desk.check().unwrap().is_ok());
    let p = desk.petition(&code).unwrap();
    let events = desk
        .events_shown(&p, true, tiepdan::i18n::Lang::Vi)
        .unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.detail.note.as_deref() == Some("Hẹn Quách Tĩnh Nhiên thứ hai")),
        "{events:?}"
    );
}

#[test]
fn a_complaint_reclassified_as_a_denunciation_leaves_no_name_word_in_the_search_vocabulary() {
    let desk = common::Desk::new();
    let code = desk
        .ok(&[
            "visit",
            "add",
            "--name",
            "Ông Ích Khiêm",
            "--kind",
            "khieu-nai",
            "--subject",
            "Khiếu nại cấp sổ đỏ",
            "--received",
            "2026-11-20",
        ])
        .trim()
        .to_string();
    let vocab = |desk: &common::Desk| -> i64 {
        rusqlite::Connection::open(desk.db())
            .unwrap()
            .query_row(
                "SELECT COUNT(*) FROM search_vocab WHERE term IN ('ong', 'ich', 'khiem')",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(
        vocab(&desk),
        3,
        "the test starts with the name's words indexed"
    );
    desk.ok(&[
        "petition",
        "edit",
        &code,
        "--kind",
        "to-cao",
        "--note",
        "phân loại lại",
    ]);
    assert_eq!(vocab(&desk), 0);
    // The desk still finds it by the denouncer's name.
    assert!(desk.ok(&["search", "ong ich khiem"]).contains(&code));
}

#[test]
fn a_desk_without_a_usable_key_says_so_and_its_denunciations_are_sealed_once_the_key_is_back() {
    let desk = common::Desk::new();
    add_denunciation(&desk);
    // The key file becomes readable by others: refused, so the desk runs without it.
    let key_file = desk.file("config").join("desk.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let out = desk.run(&[
        "visit",
        "add",
        "--name",
        "Lục Vân Tiên",
        "--cccd",
        "079088001122",
        "--kind",
        "to-cao",
        "--subject",
        "Tố cáo cán bộ thuế",
        "--received",
        "2026-11-21",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        said.contains("Không dùng được khóa bàn tiếp dân") && said.contains("chmod 600"),
        "{said}"
    );
    let code = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let bytes = all_bytes(&desk.db());
    assert!(
        bytes.windows(12).any(|w| w == b"079088001122"),
        "documented: written in clear until the key is back"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    // The next command with the key seals it.
    assert!(desk.ok(&["search", "luc van tien"]).contains(&code));
    let bytes = all_bytes(&desk.db());
    assert!(
        !bytes.windows(12).any(|w| w == b"079088001122"),
        "sealed now"
    );
    assert!(
        !bytes.windows(10).any(|w| w == "Vân Tiên".as_bytes()),
        "sealed now"
    );
}

#[test]
fn a_desk_key_locked_by_a_passphrase_needs_it_to_find_or_reveal_a_denouncer() {
    let desk = common::Desk::new();
    let code = add_denunciation(&desk);
    let config = desk.file("config");
    let with = |passphrase: Option<&str>, args: &[&str]| {
        let mut cmd = desk.command(args);
        if let Some(p) = passphrase {
            cmd.env("TIEPDAN_PASSPHRASE", p);
        }
        let out = cmd.output().unwrap();
        common::assert_no_library_text(&args, &out);
        out
    };
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let plain_key = key_file(&desk);

    // Too short: refused, the key stays as it was.
    let out = with(Some("ngắn"), &["key", "init", "--passphrase"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("quá ngắn"),
        "{}",
        text(&out.stderr)
    );
    assert!(config.join("desk.key").exists());
    // Without a terminal or TIEPDAN_PASSPHRASE there is nothing to lock it with.
    let out = with(None, &["key", "init", "--passphrase"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("TIEPDAN_PASSPHRASE"),
        "{}",
        text(&out.stderr)
    );

    let pass = "chín con rồng vàng";
    let out = with(Some(pass), &["key", "init", "--passphrase"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Đã khoá khoá bàn tiếp dân bằng mật khẩu"));
    assert!(
        !config.join("desk.key").exists(),
        "the plain key file is gone"
    );
    let locked = std::fs::read_to_string(config.join("desk.key.locked")).unwrap();
    assert!(!locked.contains(&plain_key), "{locked}");

    // With the passphrase: the same key, the desk finds and reveals.
    let out = with(Some(pass), &["search", "quach tinh nhien"]);
    assert!(text(&out.stdout).contains(&code), "{}", text(&out.stderr));
    let out = with(
        Some(pass),
        &[
            "petition",
            "show",
            &code,
            "--reveal",
            "--reason",
            "xác minh",
        ],
    );
    assert!(text(&out.stdout).contains(NAME), "{}", text(&out.stderr));
    // Without it, or with a wrong one: told why, and the desk works on, masked.
    for (given, said) in [
        (None, "TIEPDAN_PASSPHRASE"),
        (Some("sai mật khẩu rồi"), "không mở được"),
    ] {
        let out = with(given, &["search", "quach tinh nhien"]);
        assert!(out.status.success());
        let err = text(&out.stderr);
        assert!(
            err.contains("Không dùng được khóa bàn tiếp dân") && err.contains(said),
            "{err}"
        );
        assert!(!text(&out.stdout).contains(&code), "{}", text(&out.stdout));
        let out = with(given, &["petition", "show", &code]);
        assert!(out.status.success());
        assert!(
            hits(&out.stdout).is_empty() && text(&out.stdout).contains("(danh tính được bảo mật)")
        );
        assert!(
            !text(&out.stdout).contains("chủ tịch xã thu tiền"),
            "the subject stays sealed"
        );
    }
    // An inspector is never asked.
    let out = with(None, &["--read-only", "petition", "show", &code]);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        text(&out.stderr)
    );

    // A rotation keeps the new key locked by the same passphrase.
    let out = with(Some(pass), &["key", "rotate"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!config.join("desk.key").exists() && !config.join("desk.key.next").exists());
    let relocked = std::fs::read_to_string(config.join("desk.key.locked")).unwrap();
    assert_ne!(relocked, locked);
    let out = with(Some(pass), &["search", "quach tinh nhien"]);
    assert!(text(&out.stdout).contains(&code), "{}", text(&out.stderr));
    assert!(!with(Some(pass), &["check"]).stdout.is_empty());
}
