//! Every number a command takes is range-checked (a usage error naming the range, never a panic),
//! counts typed as "2.5" or "1e3" are refused for what they are, a logbook naming one column twice
//! is refused, a petition cannot repeat itself or a later one, and a `--db` that is no database
//! file says what it is instead. Imports stay bounded: a file of bad rows keeps fifty of them in
//! memory and a capped reject file; a giant CSV row or workbook cell is refused before it is read.

mod common;

use common::Desk;

#[test]
fn numeric_options_out_of_range_are_usage_errors_naming_the_range() {
    let desk = Desk::new();
    desk.ok(&["demo", "--petitions", "5"]);
    for (args, range) in [
        (&["due", "--within", "100000000"][..], "0 đến 3650"),
        (&["due", "--within=-1"], "0 đến 3650"),
        (&["due", "--limit", "0"], "1 đến 10000000"),
        (&["search", "--limit", "0", "an"], "1 đến 10000"),
        (
            &["search", "--limit", "99999999999999999999", "an"],
            "--limit",
        ),
        (&["repeats", "--min", "0"], "2 đến 10000"),
        (&["repeats", "--limit", "0"], "1 đến 100000"),
        (&["demo", "--petitions", "0"], "1 đến 10000000"),
        (&["demo", "--petitions", "100000000000"], "1 đến 10000000"),
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

/// A logbook of `bad` one-letter lines below a header and two good rows.
fn wrong_throughout(desk: &Desk, bad: usize) -> String {
    let path = desk.file("sai.csv");
    let mut text = String::from(
        "Ngày tiếp,Họ tên,Loại đơn,Nội dung\n20/11/2026,Lê Văn Tám,khiếu nại,Đất đai\n21/11/2026,Võ Thị Lan,kiến nghị,Đường làng\n",
    );
    text.push_str(&"x\n".repeat(bad));
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_file_bad_throughout_keeps_fifty_rows_and_a_capped_reject_file() {
    use tiepdan::exchange::{KEPT_BAD_ROWS, MAX_REJECT_ROWS};
    let desk = Desk::new();
    let bad = MAX_REJECT_ROWS + 7;
    let input = wrong_throughout(&desk, bad);
    let json = |args: &[&str]| -> serde_json::Value {
        let out = desk.run(&[&["--lang", "en", "import", "--json"], args].concat());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let refused = json(&[&input]);
    assert_eq!(refused["committed"], false);
    assert_eq!(refused["bad_rows"], bad);
    assert_eq!(refused["bad"].as_array().unwrap().len(), KEPT_BAD_ROWS);
    assert_eq!(refused["bad"][0]["line"], 4);
    assert_eq!(desk.petitions(), 0);
    let skipped = json(&["--skip-bad", &input]);
    assert_eq!(
        (skipped["added"].as_u64(), skipped["bad_rows"].as_u64()),
        (Some(2), Some(bad as u64))
    );
    assert_eq!(desk.petitions(), 2);
    let rejects = desk.file("sai.rejects.csv");
    let text = std::fs::read_to_string(&rejects).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        rows.len(),
        MAX_REJECT_ROWS + 1,
        "the first rows, then the notice"
    );
    assert_eq!(rows[0].get(0), Some("x"));
    assert!(
        rows[0].get(4).unwrap().contains("Ngày tiếp"),
        "{:?}",
        rows[0]
    );
    let notice = rows.last().unwrap();
    assert_eq!(notice.get(0), Some(""));
    assert!(
        notice
            .get(4)
            .unwrap()
            .contains("… and 7 more bad row(s) not written here"),
        "{notice:?}"
    );
}

#[test]
fn a_giant_csv_row_is_refused_before_it_is_read() {
    let desk = Desk::new();
    let path = desk.file("to.csv");
    let giant = "a".repeat(17 << 20);
    std::fs::write(
        &path,
        format!("Ngày tiếp,Họ tên,Loại đơn,Nội dung\n20/11/2026,Lê Văn Tám,khiếu nại,Đất đai\n21/11/2026,Võ Thị Lan,kiến nghị,\"{giant}\"\n"),
    )
    .unwrap();
    let err = desk.fails(&[
        "--lang",
        "en",
        "import",
        "--skip-bad",
        &path.display().to_string(),
    ]);
    assert!(
        err.contains("line 3") && err.contains("MB, over the 16 MB a row may hold"),
        "{err}"
    );
    assert_eq!(desk.petitions(), 0);
    assert!(!desk.file("to.rejects.csv").exists());
}

/// The desk's `to.xlsx`: a workbook whose row 3 holds `giant` in place of `marker` (see
/// [`common::workbook::with_giant_cell`]).
fn workbook_with(desk: &Desk, marker: &str, open: &str, giant: usize, close: &str) -> String {
    let path = desk.file("to.xlsx");
    common::workbook::with_giant_cell(&path, marker, open, giant, close);
    path.display().to_string()
}

#[test]
fn a_giant_workbook_cell_is_refused_before_it_is_read() {
    let desk = Desk::new();
    let giant = 2 << 20;
    let in_sheet = workbook_with(&desk, "<v>424242</v>", "<v>", giant, "</v>");
    let err = desk.fails(&["--lang", "en", "import", &in_sheet]);
    assert!(
        err.contains("sheet “Sổ tiếp”, row 3: a cell holds more than 1 MB"),
        "{err}"
    );
    let shared = workbook_with(&desk, "KHONGLO", "", giant, "");
    let err = desk.fails(&["--lang", "en", "import", "--skip-bad", &shared]);
    assert!(
        err.contains("a cell of more than 1 MB (in its shared text table)"),
        "{err}"
    );
    // The same workbook with an ordinary cell imports.
    let fine = workbook_with(&desk, "KHONGLO", "Đường làng", 0, "");
    assert!(
        desk.ok(&["--lang", "en", "import", &fine])
            .contains("Imported 2 new")
    );
    assert_eq!(desk.petitions(), 2);
}

/// Every number the command line takes, swept over the values people and scripts mistype: each
/// run ends with success, a user error or a usage error — never a panic, never a hang, never
/// SQLite's text (the sweep of what `fuzz/` would feed the argument parser, run in `cargo test`).
#[test]
fn every_numeric_argument_survives_hostile_values() {
    let desk = Desk::new();
    desk.ok(&["demo", "--petitions", "3", "--seed", "5"]);
    let code = desk
        .ok(&[
            "visit",
            "add",
            "--name",
            "Lê Văn Tám",
            "--kind",
            "khiếu nại",
            "--subject",
            "Tranh chấp đất",
            "--received",
            "2026-11-01",
        ])
        .trim()
        .to_string();
    desk.ok(&[
        "petition",
        "advance",
        &code,
        "--to",
        "thụ lý",
        "--date",
        "2026-11-05",
    ]);
    let values = [
        "0",
        "1",
        "-1",
        "2.5",
        "1e3",
        "",
        " 7 ",
        "+3",
        "0x10",
        "NaN",
        "٣",
        "4294967295",
        "4294967296",
        "9223372036854775807",
        "18446744073709551616",
        "99999999999999999999999",
    ];
    let options: &[(&[&str], &str)] = &[
        (&["due"], "--within"),
        (&["due"], "--limit"),
        (&["search", "an"], "--limit"),
        (&["repeats"], "--min"),
        (&["repeats"], "--limit"),
        (&["demo"], "--petitions"),
        (&["demo", "--petitions", "1"], "--seed"),
        (&["report", "--period", "2026-Q4"], "--cutoff-day"),
        (&["petition", "advance", &code, "--to", "gia hạn"], "--days"),
        (
            &[
                "visit",
                "add",
                "--name",
                "Võ Thị Lan",
                "--kind",
                "kiến nghị",
                "--subject",
                "Đường",
            ],
            "--headcount",
        ),
        (
            &[
                "visit",
                "add",
                "--name",
                "Võ Thị Lan",
                "--kind",
                "kiến nghị",
                "--subject",
                "Đường",
            ],
            "--birth-year",
        ),
    ];
    for (command, option) in options {
        for value in values {
            // `demo` with a large accepted count would run for minutes: its range is what matters.
            if *command == ["demo"] && value.trim().parse::<u64>().is_ok_and(|n| n > 50) {
                continue;
            }
            let mut args: Vec<&str> = command.to_vec();
            let joined = format!("{option}={value}");
            args.push(&joined);
            let out = desk.run(&args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                matches!(out.status.code(), Some(0..=2)) && !err.contains("panicked"),
                "{args:?}: exit {:?}\n{err}",
                out.status.code()
            );
        }
    }
}
