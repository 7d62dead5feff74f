//! Every number a command takes is range-checked (a usage error naming the range, never a panic),
//! counts typed as "2.5" or "1e3" are refused for what they are, a logbook naming one column twice
//! is refused, a petition cannot repeat itself or a later one, and a `--db` that is no database
//! file says what it is instead.

mod common;

use common::Desk;

#[test]
fn numeric_options_out_of_range_are_usage_errors_naming_the_range() {
    let desk = Desk::new();
    desk.ok(&["demo", "--petitions", "5"]);
    for (args, range) in [
        (&["due", "--within", "100000000"][..], "0..=3650"),
        (&["due", "--within=-1"], "0..=3650"),
        (&["due", "--limit", "0"], "1..=10000000"),
        (&["search", "--limit", "0", "an"], "1..=10000"),
        (
            &["search", "--limit", "99999999999999999999", "an"],
            "--limit",
        ),
        (&["repeats", "--min", "0"], "2..=10000"),
        (&["repeats", "--limit", "0"], "1..=100000"),
        (&["demo", "--petitions", "0"], "1..=10000000"),
        (&["demo", "--petitions", "100000000000"], "1..=10000000"),
    ] {
        let out = desk.run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(range) && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
    // The largest accepted value works.
    desk.ok(&["due", "--within", "3650"]);
}

#[test]
fn headcounts_that_are_not_whole_numbers_are_refused_for_that_reason() {
    let desk = Desk::new();
    for (typed, reason) in [
        ("2.5", "phải là số nguyên"),
        ("1e3", "phải là số nguyên"),
        ("-3", "phải là số nguyên"),
        ("0", "ít nhất 1 người"),
        ("10001", "nhiều nhất 10000 người"),
        ("4294967296", "nhiều nhất 10000 người"),
    ] {
        let err = desk.fails(&[
            "visit",
            "add",
            "--name",
            "Lê Văn Tám",
            "--kind",
            "khiếu nại",
            "--subject",
            "Đất đai",
            &format!("--headcount={typed}"),
        ]);
        assert!(
            err.contains("số người") && err.contains(reason),
            "{typed}: {err}"
        );
        let csv = desk.file("so.csv");
        std::fs::write(
            &csv,
            format!("Ngày tiếp,Họ tên,Loại đơn,Nội dung,Số người\n20/11/2026,Lê Văn Tám,khiếu nại,Đất đai,{typed}\n"),
        )
        .unwrap();
        let err = desk.fails(&["import", &csv.display().to_string()]);
        assert!(
            err.contains("dòng 2") && err.contains(reason),
            "{typed}: {err}"
        );
    }
    assert_eq!(desk.petitions(), 0);
}

#[test]
fn a_column_named_twice_is_refused_not_guessed() {
    let desk = Desk::new();
    let csv = desk.file("so.csv");
    std::fs::write(
        &csv,
        "Ngày tiếp,Họ tên,Loại đơn,Nội dung,Tóm tắt,Nội dung đơn\n20/11/2026,Lê Văn Tám,khiếu nại,Đất đai,,Khác\n",
    )
    .unwrap();
    let out = desk.run(&["--lang", "en", "import", &csv.display().to_string()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("line 1") && err.contains("subject") && err.contains("twice"),
        "{err}"
    );
    assert_eq!(desk.petitions(), 0);
}

#[test]
fn a_petition_repeats_only_an_earlier_other_one() {
    let desk = Desk::new();
    let add = |received: &str| {
        desk.ok(&[
            "visit",
            "add",
            "--name",
            "Lê Văn Tám",
            "--kind",
            "khiếu nại",
            "--subject",
            "Tranh chấp đất",
            "--received",
            received,
        ])
        .trim()
        .to_string()
    };
    let (early, late) = (add("2026-10-01"), add("2026-11-01"));
    let err = desk.fails(&["petition", "link", &early, "--repeat-of", &early]);
    assert!(err.contains("với chính nó"), "{err}");
    let err = desk.fails(&["petition", "link", &early, "--repeat-of", &late]);
    assert!(err.contains("nhận sau đơn này"), "{err}");
    desk.ok(&["petition", "link", &late, "--repeat-of", &early]);
    // The loop is still refused for its own reason.
    let err = desk.fails(&["petition", "link", &early, "--repeat-of", &late]);
    assert!(
        err.contains("nhận sau đơn này") || err.contains("lặp lại"),
        "{err}"
    );
}

#[test]
fn a_db_path_that_is_no_database_file_says_what_it_is() {
    let desk = Desk::new();
    std::fs::create_dir(desk.file("folder")).unwrap();
    std::os::unix::fs::symlink(desk.file("gone/x.sqlite3"), desk.file("dangling.sqlite3")).unwrap();
    for (db, expect) in [
        ("/dev/null".to_string(), "not a regular file"),
        (desk.file("folder").display().to_string(), "is a folder"),
        (
            desk.file("dangling.sqlite3").display().to_string(),
            "does not exist",
        ),
    ] {
        let out = common::tiepdan(std::path::Path::new(&db), &desk.file("config"))
            .args(["--lang", "en", "due"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{db}: {err}");
        assert!(err.contains(expect), "{db}: {err}");
    }
    assert!(!desk.file("gone").exists());
}
