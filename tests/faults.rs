//! What a desk sees when the machine misbehaves: disk full, a read-only file, a missing folder,
//! a database held by someone else, a corrupted file, a database from a newer tiepdan. Each is a
//! clear message in Vietnamese (and English on request), exit code 1, no panic, and nothing
//! half-written — driven through the real binary.

mod common;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

fn tiepdan(db: &Path, lang: &str, args: &[&str]) -> Command {
    let mut cmd = common::tiepdan(db, &db.with_extension("config"));
    cmd.args(["--lang", lang]).args(args);
    cmd
}

fn add_visit(db: &Path, lang: &str, who: &str) -> Command {
    tiepdan(
        db,
        lang,
        &[
            "visit",
            "add",
            "--name",
            who,
            "--kind",
            "kiến nghị",
            "--subject",
            "Sửa đường liên thôn",
        ],
    )
}

fn logged(db: &Path, who: &str) -> String {
    let out = add_visit(db, "vi", who).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Exit code 1 and one translated line naming the fault; returns the message.
fn refused(out: &Output, expect: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    common::assert_no_library_text(&expect, out);
    assert!(err.starts_with("tiepdan: "), "{err}");
    assert!(err.contains(expect), "expected “{expect}” in: {err}");
    assert!(out.stdout.is_empty(), "nothing printed as if it worked");
    err
}

fn petitions(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM petition", [], |r| r.get(0))
        .unwrap()
}

fn check_passes(db: &Path) {
    let out = tiepdan(db, "vi", &["check"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A fresh desk database holding one visit.
fn desk() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    logged(&db, "Trần Thị Lan");
    (dir, db)
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// A small tmpfs of our own (root only: CI and the dev machines run as root), unmounted on drop.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(kib: u32) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let ok = is_root()
            && Command::new("mount")
                .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
                .arg(dir.path())
                .status()
                .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk { dir })
    }

    /// Takes all but `keep_kib` of the free space.
    fn fill_leaving(&self, keep_kib: u64) {
        let free = |path: &Path| {
            let out = Command::new("df")
                .args(["-k", "--output=avail"])
                .arg(path)
                .output();
            let text = String::from_utf8(out.unwrap().stdout).unwrap();
            text.lines().last().unwrap().trim().parse::<u64>().unwrap()
        };
        let take = free(self.dir.path()).saturating_sub(keep_kib);
        std::fs::write(
            self.dir.path().join("filler"),
            vec![0u8; take as usize * 1024],
        )
        .unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Needs root to mount a small tmpfs, so it is not part of a plain `cargo test` (a test that
/// cannot run must not pass); `.ci/run` runs it, as root, with `--ignored`.
#[test]
#[ignore = "mounts a 1 MiB tmpfs (root only); .ci/run runs it: cargo test --test faults -- --ignored"]
fn disk_full_is_explained_and_nothing_is_half_written() {
    let disk = SmallDisk::mount(1024).expect("mounting a small tmpfs (run as root)");
    let db = disk.dir.path().join("desk.sqlite3");
    logged(&db, "Trần Thị Lan");
    disk.fill_leaving(160);
    let mut stored = 1;
    let full = (0..2_000)
        .map(|i| {
            add_visit(&db, "vi", &format!("Người {i}"))
                .output()
                .unwrap()
        })
        .find(|out| {
            stored += i64::from(out.status.success());
            !out.status.success()
        })
        .expect("the disk filled up");
    refused(&full, "ổ đĩa đầy");
    let en = add_visit(&db, "en", "Someone").output().unwrap();
    refused(&en, "disk is full");
    std::fs::remove_file(disk.dir.path().join("filler")).unwrap();
    check_passes(&db);
    assert_eq!(
        petitions(&db),
        stored,
        "every success stored, no failed one"
    );
    logged(&db, "Sau khi dọn ổ đĩa");
}

/// Runs `cmd` as a user who may read but not write the root-owned files (root bypasses file
/// modes, so a read-only file must be simulated with another user). The binary is linked into
/// `dir` first: CI may build it under a folder only root can enter.
fn as_other_user(cmd: Command, dir: &Path) -> Output {
    let binary = dir.join("tiepdan");
    if !binary.exists() {
        std::fs::hard_link(cmd.get_program(), &binary)
            .or_else(|_| std::fs::copy(cmd.get_program(), &binary).map(drop))
            .unwrap();
    }
    let mut other = Command::new(&binary);
    other.args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(v) => other.env(key, v),
            None => other.env_remove(key),
        };
    }
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        other.pre_exec(|| {
            if libc::setgid(65534) != 0 || libc::setuid(65534) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    other.output().unwrap()
}

#[test]
fn a_read_only_file_is_explained_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, db) = desk();
    let before = std::fs::read(&db).unwrap();
    let run = |mut cmd: Command| {
        if is_root() {
            as_other_user(cmd, dir.path())
        } else {
            cmd.output().unwrap()
        }
    };
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let readable = if is_root() { 0o644 } else { 0o444 };
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(readable)).unwrap();
    refused(&run(add_visit(&db, "vi", "Lê Văn Nam")), "chỉ cho phép đọc");
    refused(&run(add_visit(&db, "en", "Lê Văn Nam")), "read-only");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is untouched");
    assert_eq!(petitions(&db), 1);
}

#[test]
fn a_missing_folder_is_explained_and_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("khong-co").join("desk.sqlite3");
    let folder = db.parent().unwrap().display().to_string();
    let err = refused(
        &add_visit(&db, "vi", "An").output().unwrap(),
        "không tồn tại",
    );
    assert!(
        err.contains(&format!("{folder}:")),
        "names the folder: {err}"
    );
    refused(
        &tiepdan(&db, "en", &["due"]).output().unwrap(),
        "no database at",
    );
    assert!(!dir.path().join("khong-co").exists());
}

#[test]
fn a_database_held_by_another_desk_is_waited_for_then_explained() {
    let (_dir, db) = desk();
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let quick = |lang: &str| {
        add_visit(&db, lang, "Phạm Văn Hùng")
            .env("TIEPDAN_BUSY_TIMEOUT_MS", "300")
            .output()
            .unwrap()
    };
    refused(&quick("vi"), "đang bận");
    refused(&quick("en"), "busy");
    // With the usual patience the writer waits for the other desk and then succeeds.
    let mut waiting = add_visit(&db, "vi", "Phạm Văn Hùng")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Commit only once the writer has the database open and is still running: it is then
    // waiting on our lock (it cannot succeed while we hold it, and gives up only after its
    // busy timeout, far longer than this).
    wait_until_open(&waiting, &db);
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "the writer gave up while the other desk held the lock"
    );
    holder.execute_batch("COMMIT").unwrap();
    let out = waiting.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(holder);
    assert_eq!(petitions(&db), 2, "the refused attempts wrote nothing");
    check_passes(&db);
}

/// Polls (up to 60 s) until process `child` holds `db` open, read from `/proc/<pid>/fd`.
fn wait_until_open(child: &std::process::Child, db: &Path) {
    let db = db.canonicalize().unwrap();
    let fds = PathBuf::from(format!("/proc/{}/fd", child.id()));
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let open = std::fs::read_dir(&fds).into_iter().flatten().any(|fd| {
            fd.ok()
                .and_then(|fd| std::fs::read_link(fd.path()).ok())
                .is_some_and(|target| target == db)
        });
        if open {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the writer never opened {}",
            db.display()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn assert_corrupt_refused(db: &Path) {
    let before = std::fs::read(db).unwrap();
    refused(
        &add_visit(db, "vi", "Đỗ Thị Hà").output().unwrap(),
        "đã hỏng",
    );
    refused(&tiepdan(db, "vi", &["due"]).output().unwrap(), "đã hỏng");
    refused(
        &tiepdan(db, "en", &["check"]).output().unwrap(),
        "corrupted",
    );
    assert_eq!(
        std::fs::read(db).unwrap(),
        before,
        "a damaged file is never written"
    );
}

#[test]
fn a_file_of_garbage_is_explained_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let garbage: Vec<u8> = (0..64 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(&db, garbage).unwrap();
    assert_corrupt_refused(&db);
}

#[test]
fn a_truncated_database_is_explained_and_left_alone() {
    let (_dir, db) = desk();
    let whole = std::fs::read(&db).unwrap();
    std::fs::write(&db, &whole[..whole.len() / 3]).unwrap();
    assert_corrupt_refused(&db);
}

#[test]
fn a_database_from_a_newer_tiepdan_is_refused_and_left_alone() {
    let (_dir, db) = desk();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", tiepdan::store::schema::LATEST + 1)
        .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    refused(
        &add_visit(&db, "vi", "Vũ Văn Long").output().unwrap(),
        "phiên bản mới hơn",
    );
    refused(
        &tiepdan(&db, "en", &["due"]).output().unwrap(),
        "newer version",
    );
    refused(
        &tiepdan(&db, "vi", &["--read-only", "due"])
            .output()
            .unwrap(),
        "cập nhật tiepdan",
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "never migrated down or written"
    );
}

/// A rule the program does not know about (planted with plain SQL) refuses a write: the desk
/// reads what kind of rule in its own language, never SQLite's text, and nothing is half-saved.
#[test]
fn a_rule_of_the_database_refusing_a_write_is_explained_without_sqlite_text() {
    for (rule, expect_vi, expect_en) in [
        (
            "CREATE UNIQUE INDEX planted ON petition(subject)",
            "trùng với một bản ghi đã lưu",
            "the same as a record already stored",
        ),
        (
            "CREATE TRIGGER planted BEFORE INSERT ON event \
             BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: headcount >= 1'); END",
            "cơ sở dữ liệu từ chối dữ liệu này",
            "the database refuses this data",
        ),
    ] {
        let (_dir, db) = desk();
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch(rule)
            .unwrap();
        let before = petitions(&db);
        refused(
            &add_visit(&db, "vi", "Phạm Văn Đông").output().unwrap(),
            expect_vi,
        );
        refused(
            &add_visit(&db, "en", "Phạm Văn Đông").output().unwrap(),
            expect_en,
        );
        assert_eq!(petitions(&db), before, "{rule}: nothing half-saved");
    }
}
