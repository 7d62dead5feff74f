//! Edits behind the program's back, each made with plain SQL on a copy of a desk's database (or
//! by damaging its WAL): `tiepdan check` must exit non-zero and name what changed; the untouched
//! database passes.

mod common;

use common::Desk;
use rusqlite::Connection;
use std::path::Path;
use std::sync::OnceLock;

/// A desk with demo petitions and petitions written one by one through the CLI (intake, step,
/// repeat link), closed (its WAL checkpointed). Built once; each case works on a copy.
fn base() -> &'static Desk {
    static BASE: OnceLock<Desk> = OnceLock::new();
    BASE.get_or_init(|| {
        let desk = Desk::new();
        desk.ok(&["demo", "--petitions", "40", "--seed", "11"]);
        let first = add(
            &desk,
            "Trần Văn Bình",
            "Tranh chấp ranh giới đất với hộ liền kề",
        );
        let second = add(&desk, "Lê Thị Hoa", "Khiếu nại việc thu hồi đất làm đường");
        desk.ok(&[
            "petition",
            "advance",
            &first,
            "--to",
            "thụ lý",
            "--date",
            "2026-11-20",
        ]);
        desk.ok(&["petition", "link", &second, "--repeat-of", &first]);
        desk
    })
}

fn add(desk: &Desk, name: &str, subject: &str) -> String {
    desk.ok(&[
        "visit",
        "add",
        "--name",
        name,
        "--phone",
        "0912345678",
        "--kind",
        "khiếu nại",
        "--field",
        "đất đai",
        "--received",
        "2026-11-18",
        "--subject",
        subject,
    ])
    .trim()
    .to_string()
}

/// A fresh copy of the base desk (database and anchor).
fn copy() -> Desk {
    let desk = Desk::new();
    for suffix in ["", ".anchor"] {
        let from = format!("{}{suffix}", base().db().display());
        let to = format!("{}{suffix}", desk.db().display());
        std::fs::copy(from, to).unwrap();
    }
    desk
}

fn sql(desk: &Desk, statements: &str) {
    let conn = Connection::open(desk.db()).unwrap();
    conn.execute_batch(statements).unwrap();
}

fn one(db: &Path, query: &str) -> String {
    Connection::open(db)
        .unwrap()
        .query_row(query, [], |r| r.get(0))
        .unwrap()
}

/// `check` in English: (exit code, stdout).
fn check(desk: &Desk) -> (Option<i32>, String) {
    let out = desk.run(&["--lang", "en", "check"]);
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap(),
    )
}

fn assert_caught(desk: &Desk, what: &str, names: &[&str]) {
    let (code, out) = check(desk);
    assert_eq!(code, Some(1), "{what} passed check:\n{out}");
    for name in names {
        assert!(
            out.contains(name),
            "{what}: check does not name {name}:\n{out}"
        );
    }
}

#[test]
fn an_untouched_database_passes_and_keeps_passing_after_writes() {
    let desk = copy();
    let (code, out) = check(&desk);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("Audit anchor outside the file (.anchor): ✓")
            || out.contains("✓ Audit anchor"),
        "{out}"
    );
    add(
        &desk,
        "Phạm Văn Cường",
        "Đề nghị cấp giấy chứng nhận quyền sử dụng đất",
    );
    let (code, out) = check(&desk);
    assert_eq!(code, Some(0), "{out}");
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(format!("{}.anchor", desk.db().display()))
            .unwrap()
            .permissions(),
    );
    assert_eq!(
        mode & 0o777,
        0o600,
        "the anchor is readable by its owner only"
    );
}

/// A petition written through the CLI, and one from the demo batch.
fn targets(desk: &Desk) -> [String; 2] {
    [
        one(
            &desk.db(),
            "SELECT code FROM petition ORDER BY rowid DESC LIMIT 1",
        ),
        one(
            &desk.db(),
            "SELECT code FROM petition ORDER BY rowid LIMIT 1 OFFSET 7",
        ),
    ]
}

#[test]
fn edited_petition_columns_are_named() {
    for (column, value) in [
        (
            "status",
            "CASE status WHEN 'resolved' THEN 'accepted' ELSE 'resolved' END",
        ),
        (
            "kind",
            "CASE kind WHEN 'proposal' THEN 'complaint' ELSE 'proposal' END",
        ),
        ("subject", "'Nội dung khác hẳn'"),
        ("officer", "'ai đó'"),
        ("received_on", "'2026-01-01'"),
    ] {
        for code in targets(base()) {
            let desk = copy();
            sql(
                &desk,
                &format!("UPDATE petition SET {column} = {value} WHERE code = '{code}'"),
            );
            assert_caught(&desk, &format!("{column} of {code}"), &[&code, "changed"]);
        }
    }
}

#[test]
fn an_edited_event_actor_or_citizen_name_is_named() {
    for code in targets(base()) {
        let desk = copy();
        sql(
            &desk,
            &format!(
                "UPDATE event SET actor = 'nguoi.khac' WHERE petition_id = (SELECT id FROM petition WHERE code = '{code}') AND seq = 1"
            ),
        );
        assert_caught(&desk, &format!("event actor of {code}"), &[&code]);
        let desk = copy();
        sql(&desk, &format!(
            "UPDATE citizen SET full_name = 'Tên Giả Mạo' WHERE id = (SELECT citizen_id FROM petition_filer
             WHERE petition_id = (SELECT id FROM petition WHERE code = '{code}'))"
        ));
        assert_caught(&desk, &format!("filer name of {code}"), &[&code]);
    }
}

#[test]
fn a_petition_deleted_with_its_events_is_named() {
    for code in targets(base()) {
        let desk = copy();
        sql(&desk, &format!(
            "PRAGMA foreign_keys = OFF;
             UPDATE petition SET repeat_of = NULL WHERE repeat_of = (SELECT id FROM petition WHERE code = '{code}');
             DELETE FROM event WHERE petition_id = (SELECT id FROM petition WHERE code = '{code}');
             DELETE FROM petition_filer WHERE petition_id = (SELECT id FROM petition WHERE code = '{code}');
             DELETE FROM petition WHERE code = '{code}';"
        ));
        assert_caught(&desk, &format!("deleting {code}"), &[&code, "deleted"]);
    }
}

#[test]
fn deleted_audit_rows_are_counted_against_the_anchor() {
    let desk = copy();
    sql(
        &desk,
        "DELETE FROM audit WHERE seq > (SELECT MAX(seq) - 2 FROM audit)",
    );
    assert_caught(
        &desk,
        "the newest audit rows deleted",
        &["records lost since the last anchor: 2"],
    );
    let desk = copy();
    let rows = one(&desk.db(), "SELECT CAST(COUNT(*) AS TEXT) FROM audit");
    sql(&desk, "DELETE FROM audit");
    assert_caught(
        &desk,
        "the whole audit log deleted",
        &[&format!("records lost since the last anchor: {rows}")],
    );
    // Rewritten and re-hashed from the start, the chain holds, but not against the anchor.
    let desk = copy();
    sql(
        &desk,
        "UPDATE audit SET hash = 'x' || substr(hash, 2) WHERE seq = (SELECT MAX(seq) FROM audit)",
    );
    assert_caught(
        &desk,
        "the newest audit row rewritten",
        &["audit rows rewritten: 1"],
    );
    // The anchor itself deleted.
    let desk = copy();
    std::fs::remove_file(format!("{}.anchor", desk.db().display())).unwrap();
    assert_caught(&desk, "the anchor deleted", &["the anchor file is gone"]);
}

/// A copy of the base desk after `n` more visits, taken as a power cut leaves it: the visits are
/// still in the WAL (another connection kept it from being folded into the file). Returns the
/// copy and its WAL's path.
fn crashed_after_visits(n: usize) -> (Desk, String) {
    let desk = copy();
    let holder = Connection::open(desk.db()).unwrap();
    holder
        .query_row("SELECT COUNT(*) FROM petition", [], |r| r.get::<_, i64>(0))
        .unwrap();
    for i in 0..n {
        add(
            &desk,
            "Võ Thị Lan",
            &format!("Đơn số {i} về bồi thường giải phóng mặt bằng"),
        );
    }
    let crashed = Desk::new();
    let db = desk.db().display().to_string();
    let copy_db = crashed.db().display().to_string();
    for suffix in ["", "-wal", ".anchor"] {
        std::fs::copy(format!("{db}{suffix}"), format!("{copy_db}{suffix}")).unwrap();
    }
    drop(holder);
    let wal = format!("{copy_db}-wal");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 4096,
        "the visits are in the WAL"
    );
    (crashed, wal)
}

/// The number `check` gives after "records lost since the last anchor: ".
fn records_lost(out: &str) -> i64 {
    out.lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("records lost since the last anchor: ")
        })
        .unwrap_or_else(|| panic!("no loss reported:\n{out}"))
        .parse()
        .unwrap()
}

#[test]
fn a_truncated_wal_that_lost_committed_visits_is_reported() {
    let (crashed, wal) = crashed_after_visits(5);
    // Cut the WAL in the middle of its frames: the later commits are gone.
    let len = std::fs::metadata(&wal).unwrap().len();
    let file = std::fs::OpenOptions::new().write(true).open(&wal).unwrap();
    file.set_len(len / 2).unwrap();
    drop(file);
    let (code, out) = check(&crashed);
    assert_eq!(code, Some(1), "{out}");
    let lost = records_lost(&out);
    assert!((1..=5).contains(&lost), "{lost} of 5 visits lost:\n{out}");
}

#[test]
fn a_damaged_wal_frame_is_reported_with_every_visit_it_lost() {
    let visits = 6;
    let count = |db: &Path| -> i64 {
        Connection::open(db)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM petition", [], |r| r.get(0))
            .unwrap()
    };
    let before = count(&base().db());
    let (crashed, wal) = crashed_after_visits(visits);
    // Garbage over a frame in the middle: SQLite's frame checksums stop the WAL there, so that
    // commit and every later one are silently gone from what the database shows.
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(&wal).unwrap().len();
    let mut file = std::fs::OpenOptions::new().write(true).open(&wal).unwrap();
    file.seek(SeekFrom::Start(len / 2)).unwrap();
    file.write_all(&[0xA5; 512]).unwrap();
    drop(file);
    let (code, out) = check(&crashed);
    assert_eq!(code, Some(1), "{out}");
    let kept = count(&crashed.db());
    let missing = before + visits as i64 - kept;
    assert!(
        (1..visits as i64).contains(&missing),
        "the damage lost {missing} of {visits} visits"
    );
    // One audit record per visit: the loss is counted exactly.
    assert_eq!(records_lost(&out), missing, "{out}");
}

#[test]
fn a_backup_checks_clean_on_its_own() {
    let desk = copy();
    let target = desk.file("backup.sqlite3");
    desk.ok(&["backup", &target.display().to_string()]);
    let restored = Desk::new();
    std::fs::copy(&target, restored.db()).unwrap();
    std::fs::copy(
        format!("{}.anchor", target.display()),
        format!("{}.anchor", restored.db().display()),
    )
    .unwrap();
    let (code, out) = check(&restored);
    assert_eq!(code, Some(0), "{out}");
}
