//! Every `--output` (export, report, logbook, disclosure) and `backup` refuses to write onto the
//! database or a file in use — however the path reaches it — refuses to replace an existing file
//! unless `--force`, and creates its file owner-only through a temporary name nobody sees.

mod common;

use common::Desk;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

/// A desk with a few petitions, and how many it holds.
fn desk() -> (Desk, i64) {
    let desk = Desk::new();
    desk.ok(&["demo", "--petitions", "12", "--seed", "5"]);
    let count = desk.petitions();
    assert!(count > 0);
    (desk, count)
}

/// Each writing command, as arguments with its output path last.
fn writers(target: &str) -> Vec<Vec<String>> {
    let period = ["--from", "2026-01-01", "--to", "2026-11-24"];
    let with = |head: &[&str]| {
        let mut args: Vec<String> = head.iter().map(|s| s.to_string()).collect();
        args.push(target.to_string());
        args
    };
    let mut all = vec![
        with(&["export", "--output"]),
        with(&["export", "--format", "json", "--output"]),
        with(&["backup"]),
    ];
    for (cmd, format) in [
        ("report", "csv"),
        ("report", "xlsx"),
        ("logbook", "xlsx"),
        ("disclosure", "md"),
    ] {
        let mut head = vec![cmd, "--format", format];
        head.extend(period);
        head.push("--output");
        all.push(with(&head));
    }
    all
}

fn run_args(desk: &Desk, args: &[String]) -> std::process::Output {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    desk.run(&refs)
}

fn assert_refused(desk: &Desk, args: &[String], count: i64, words: &[&str]) {
    let out = run_args(desk, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?} was not refused: {stderr}"
    );
    for word in words {
        assert!(stderr.contains(word), "{args:?}: {stderr:?} lacks {word:?}");
    }
    let temporary = stderr
        .split(|c: char| c.is_whitespace() || c == ':')
        .any(|word| word.ends_with(".tmp"));
    assert!(!temporary, "{args:?} shows a temporary name: {stderr}");
    assert_eq!(desk.petitions(), count, "{args:?} damaged the database");
    desk.ok(&["check"]);
}

fn no_temporary_left(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "left behind: {name}");
    }
}

#[test]
fn no_output_lands_on_the_database_or_its_companions() {
    let (desk, count) = desk();
    let db = desk.db().display().to_string();
    let folder = desk
        .dir
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    std::fs::create_dir(desk.file("sub")).unwrap();
    symlink(desk.db(), desk.file("link.csv")).unwrap();
    std::fs::hard_link(desk.db(), desk.file("hard.csv")).unwrap();
    let through_dots = desk
        .file("sub")
        .join("..")
        .join("..")
        .join(&folder)
        .join("desk.sqlite3");
    let targets = [
        db.clone(),
        through_dots.display().to_string(),
        format!("{db}-wal"),
        format!("{db}-shm"),
        desk.file("link.csv").display().to_string(),
        desk.file("hard.csv").display().to_string(),
    ];
    for target in &targets {
        for args in writers(target) {
            assert_refused(&desk, &args, count, &["cơ sở dữ liệu"]);
            // --force replaces old files, never the database.
            let mut forced = args.clone();
            forced.insert(1, "--force".into());
            assert_refused(&desk, &forced, count, &["cơ sở dữ liệu"]);
        }
    }
    let mut english = writers(&db).remove(0);
    english.splice(0..0, ["--lang".to_string(), "en".to_string()]);
    assert_refused(
        &desk,
        &english,
        count,
        &["database", "choose another file name"],
    );
    no_temporary_left(desk.dir.path());
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let (desk, count) = desk();
    for (index, args) in writers(&desk.file("old.out").display().to_string())
        .into_iter()
        .enumerate()
    {
        std::fs::write(desk.file("old.out"), b"keep me").unwrap();
        assert_refused(&desk, &args, count, &["đã có tệp này", "--force"]);
        assert_eq!(std::fs::read(desk.file("old.out")).unwrap(), b"keep me");
        let mut forced = args.clone();
        forced.insert(1, "--force".into());
        run_args(&desk, &forced);
        let written = std::fs::read(desk.file("old.out")).unwrap();
        assert!(
            written.len() > 100,
            "{index}: {forced:?} did not replace the file"
        );
        let mode = std::fs::metadata(desk.file("old.out"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{forced:?}");
    }
    no_temporary_left(desk.dir.path());
}

#[test]
fn a_dangling_link_is_refused_and_forced_writes_replace_the_link_owner_only() {
    let (desk, count) = desk();
    let elsewhere = desk.file("elsewhere.bin");
    for args in writers(&desk.file("dangling.out").display().to_string()) {
        let _ = std::fs::remove_file(desk.file("dangling.out"));
        symlink(&elsewhere, desk.file("dangling.out")).unwrap();
        assert_refused(&desk, &args, count, &["đã có tệp này"]);
        assert!(!elsewhere.exists(), "{args:?} wrote through the link");
        let mut forced = args.clone();
        forced.insert(1, "--force".into());
        let out = run_args(&desk, &forced);
        assert!(
            out.status.success(),
            "{forced:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!elsewhere.exists(), "{forced:?} wrote through the link");
        let meta = std::fs::symlink_metadata(desk.file("dangling.out")).unwrap();
        assert!(meta.is_file(), "{forced:?} left a link");
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{forced:?}");
    }
    no_temporary_left(desk.dir.path());
}

#[test]
fn a_backup_is_a_private_working_copy_and_a_folder_is_named_as_one() {
    let (desk, count) = desk();
    let copy = desk.file("copy.sqlite3");
    desk.ok(&["backup", &copy.display().to_string()]);
    let meta = std::fs::metadata(&copy).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let copied: i64 = rusqlite::Connection::open(&copy)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM petition", [], |r| r.get(0))
        .unwrap();
    assert_eq!(copied, count);
    let folder = desk.dir.path().display().to_string();
    for args in writers(&folder) {
        assert_refused(&desk, &args, count, &["thư mục"]);
    }
    no_temporary_left(desk.dir.path());
}

#[test]
fn a_reject_file_never_replaces_the_input() {
    let desk = Desk::new();
    // `x.rejects.csv` is where the rejects of `x.csv` go: here it is a link to the input.
    let input = desk.file("so.csv");
    std::fs::write(
        &input,
        "Ngày tiếp,Họ tên,Loại đơn,Nội dung\n24/11/2026,Nguyễn Văn A,khiếu nại,Đất đai\nbad,,,\n",
    )
    .unwrap();
    symlink(&input, desk.file("so.rejects.csv")).unwrap();
    let before = std::fs::read(&input).unwrap();
    let err = desk.fails(&["import", "--skip-bad", &input.display().to_string()]);
    assert!(err.contains("tệp đang dùng"), "{err}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
    assert_eq!(
        desk.petitions(),
        0,
        "nothing imported when the rejects cannot be kept"
    );
}
