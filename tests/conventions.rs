//! Command-line conventions a clerk or a script relies on: a mistyped `--db` is said, never
//! silently made into an empty desk; a reader that stops early ends the program quietly; every
//! bad option value is a usage error (exit 2) in the user's language; `--help` speaks it too; the
//! README's own examples run.

mod common;

use common::Desk;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn reading_commands_on_a_missing_database_say_so_and_create_nothing() {
    let desk = Desk::new();
    let reading: &[&[&str]] = &[
        &["search", "nguyen", "van", "an"],
        &["due"],
        &["petition", "show", "2026-000001"],
        &["petition", "advance", "2026-000001", "--to", "accepted"],
        &["citizen", "show", "042190000123"],
        &["export", "--format", "csv"],
        &["repeats"],
        &["check"],
        &["report", "--period", "2026-Q3"],
        &["logbook", "--period", "2026-Q3", "--output", "so.xlsx"],
        &["disclosure", "--period", "2026"],
    ];
    let db = desk.db();
    for args in reading {
        let err = desk.fails(args);
        assert!(
            err.contains("không có cơ sở dữ liệu ở") && err.contains(&*db.to_string_lossy()),
            "{args:?}: {err}"
        );
        assert!(err.contains("tiepdan demo"), "says how to make one: {err}");
        assert!(!db.exists(), "{args:?} created the database");
    }
    let backup = desk.file("copy.sqlite3");
    desk.fails(&["backup", &backup.to_string_lossy()]);
    assert!(!db.exists() && !backup.exists());
    let err = desk.fails(&["--lang", "en", "due"]);
    assert!(err.contains("no database at"), "{err}");
    // A command that brings records creates it.
    desk.ok(&[
        "visit",
        "add",
        "--name",
        "Lê Văn An",
        "--kind",
        "kien-nghi",
        "--subject",
        "Sửa đường",
    ]);
    assert!(db.exists());
    assert!(desk.ok(&["due"]).contains("2026-000001"));
}

/// `tiepdan … | head -1` in a real shell pipeline: the program ends by SIGPIPE like any Unix
/// tool (status 141 in the shell), with nothing on stderr — not a "Broken pipe" panic (101).
#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_ends_the_program_quietly() {
    let desk = Desk::new();
    desk.ok(&["demo", "--petitions", "6000", "--seed", "3"]);
    let program = env!("CARGO_BIN_EXE_tiepdan");
    for args in [
        "due",
        "export --format csv",
        "report --period 2026-Q3",
        "search nguyen --limit 10000 --json",
    ] {
        // The output is bigger than a pipe's buffer (64 KiB), so the writer does meet the closed pipe.
        let full = desk.ok(&args.split(' ').collect::<Vec<_>>());
        if args != "report --period 2026-Q3" {
            assert!(full.len() > 96 * 1024, "{args}: only {} bytes", full.len());
        }
        let script = format!(
            "'{program}' --db '{}' --today 2026-11-24 {args} | head -c 10 >/dev/null; \
             echo \"status=${{PIPESTATUS[0]}}\"",
            desk.db().display()
        );
        let out = common::isolated("bash", &desk.file("config"))
            .args(["-c", &script])
            .output()
            .unwrap();
        let status = stdout(&out);
        assert!(
            status.contains("status=141") || status.contains("status=0"),
            "{args}: {status} {}",
            stderr(&out)
        );
        assert_eq!(stderr(&out), "", "{args}: nothing on stderr");
    }
}

#[test]
fn every_bad_option_value_is_a_translated_usage_error() {
    let desk = Desk::new();
    desk.ok(&[
        "visit",
        "add",
        "--name",
        "Lê Văn An",
        "--kind",
        "khieu-nai",
        "--subject",
        "Đất",
        "--received",
        "2026-11-02",
    ]);
    let bad: &[(&[&str], &str)] = &[
        (&["due", "--within", "abc"], "--within"),
        (&["due", "--within", "5000"], "3650"),
        (&["search", "an", "--limit", "0"], "--limit"),
        (&["repeats", "--min", "1"], "--min"),
        (&["demo", "--seed", "x"], "--seed"),
        (
            &["petition", "advance", "2026-000001", "--to", "flying"],
            "--to",
        ),
        (
            &[
                "petition",
                "advance",
                "2026-000001",
                "--to",
                "accepted",
                "--competence",
                "maybe",
            ],
            "not_ours",
        ),
        (
            &[
                "petition",
                "advance",
                "2026-000001",
                "--to",
                "extended",
                "--days",
                "x",
            ],
            "--days",
        ),
        (&["--today", "31/04/2026", "due"], "--today"),
        (&["--lang", "fr", "due"], "--lang"),
        (&["report", "--period", "2026-Q9"], "--period"),
        (
            &["report", "--period", "2026-Q3", "--cutoff-day", "40"],
            "--cutoff-day",
        ),
        (
            &["report", "--period", "2026-Q3", "--format", "pdf"],
            "--format",
        ),
        (&["export", "--format", "pdf"], "--format"),
        (
            &["disclosure", "--period", "2026", "--format", "xml"],
            "--format",
        ),
        (&["due", "--no-such-flag"], "--no-such-flag"),
        (&["no-such-command"], "no-such-command"),
        (&["visit", "add", "--name", "A"], "--kind"),
    ];
    for (args, names) in bad {
        let out = desk.run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with("tiepdan: "), "{args:?}: {err}");
        assert!(err.contains(names), "{args:?} names {names}: {err}");
        for english in [
            "error:",
            "invalid",
            "Usage:",
            "is not",
            "EventKind",
            "For more",
        ] {
            assert!(
                !err.contains(english),
                "{args:?}: English “{english}”: {err}"
            );
        }
        // In English, no Vietnamese word.
        if args.contains(&"fr") {
            continue;
        }
        let en = [&["--lang", "en"][..], args].concat();
        let out = desk.run(&en);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{en:?}: {err}");
        assert!(
            !err.chars().any(|c| "ạảãáàăâđêếềệôơưữýỳ".contains(c)),
            "{en:?}: Vietnamese in English: {err}"
        );
    }
    // Nothing was stepped by the refused commands.
    assert!(
        desk.ok(&["petition", "show", "2026-000001"])
            .contains("đã tiếp nhận")
    );
}

#[test]
fn help_speaks_vietnamese_unless_english_is_asked_for() {
    let desk = Desk::new();
    let vi = desk.ok(&["--help"]);
    assert!(vi.contains("Cách dùng:") && vi.contains("Lệnh"), "{vi}");
    assert!(vi.contains("Ghi một lượt tiếp công dân"), "{vi}");
    for english in ["Usage:", "Print help", "Options:", "Commands:", "[default"] {
        assert!(!vi.contains(english), "“{english}” in: {vi}");
    }
    let add = desk.ok(&["visit", "add", "--help"]);
    assert!(add.contains("Họ tên công dân"), "{add}");
    assert!(add.contains("[mặc định: regular]"), "{add}");
    assert!(!add.contains("Citizen's full name"), "{add}");
    assert_eq!(
        desk.ok(&["help", "visit", "add"]),
        add,
        "`help CMD` is `CMD --help`"
    );

    let en = desk.ok(&["--lang", "en", "visit", "add", "--help"]);
    assert!(
        en.contains("Usage:") && en.contains("Citizen's full name"),
        "{en}"
    );
    let by_env = desk
        .command(&["petition", "advance", "--help"])
        .env("TIEPDAN_LANG", "en")
        .output()
        .unwrap();
    assert!(stdout(&by_env).contains("The step (code or Vietnamese label"));
    assert!(desk.ok(&["--version"]).contains("tiepdan"));
}

#[test]
fn demo_on_a_database_with_records_says_so_and_changes_nothing() {
    let desk = Desk::new();
    desk.ok(&["demo", "--petitions", "50"]);
    let err = desk.fails(&["demo", "--petitions", "50"]);
    assert!(
        err.contains("đã có 50 đơn") && err.contains("cơ sở dữ liệu trống"),
        "{err}"
    );
    assert!(!err.to_uppercase().contains("UNIQUE"), "{err}");
    assert_eq!(desk.petitions(), 50);
}

/// Every `tiepdan …` line of the README's `sh` blocks, run in order on one desk: optional
/// `[…]` parts left out, the first of `a|b` alternatives taken, absolute paths moved into the
/// desk's folder. The files the examples read are prepared here.
#[test]
fn the_readme_examples_run() {
    let desk = Desk::new();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/import/good.csv"),
        desk.file("logbook.csv"),
    )
    .unwrap();
    let other = Desk::new();
    other.ok(&[
        "visit",
        "add",
        "--name",
        "Phạm Thị Lan",
        "--kind",
        "phan-anh",
        "--subject",
        "Đèn đường hỏng",
    ]);
    other.ok(&[
        "export",
        "--format",
        "json",
        "--output",
        &desk.file("other-desk.jsonl").to_string_lossy(),
    ]);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 20, "{examples:#?}");
    for words in &examples {
        let mut words: Vec<String> = words
            .iter()
            .map(|w| match w.strip_prefix('/') {
                Some(abs) => desk
                    .file(abs.rsplit('/').next().unwrap())
                    .to_string_lossy()
                    .into_owned(),
                None => w.clone(),
            })
            .collect();
        let own_db = words.iter().position(|w| w == "--db");
        let mut cmd = match own_db {
            Some(at) => {
                let db = words.remove(at + 1);
                words.remove(at);
                let mut cmd = common::tiepdan(&desk.file(&db), &desk.file("config"));
                cmd.args(["--as", "canbo.test"]);
                cmd
            }
            None => desk.command(&[]),
        };
        let out = cmd
            .args(&words)
            .current_dir(desk.dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "README example `tiepdan {}` failed: {}",
            words.join(" "),
            stderr(&out)
        );
    }
}

/// The README's example command lines, as words.
fn examples(readme: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut in_sh = false;
    let mut pending = String::new();
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line.trim() == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let line = line.trim();
        if pending.is_empty() && !line.starts_with("tiepdan ") {
            continue;
        }
        let code = strip_comment(line);
        match code.strip_suffix('\\') {
            Some(head) => {
                pending.push_str(head);
                pending.push(' ');
            }
            None => {
                pending.push_str(code);
                found.push(words(pending.trim_start_matches("tiepdan ")));
                pending.clear();
            }
        }
    }
    found
}

/// The line without its `# comment` (a `#` outside quotes after a space).
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    let mut last = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted && last == ' ' => return line[..i].trim_end(),
            _ => {}
        }
        last = c;
    }
    line.trim_end()
}

/// Shell words (double quotes only), leaving out `[optional]` parts and taking the first of
/// `a|b`.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut bracket = 0;
    let mut in_word = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            '[' if !quoted => bracket += 1,
            ']' if !quoted => bracket -= 1,
            _ if bracket > 0 => {}
            ' ' if !quoted => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            _ => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out.into_iter()
        .map(|w| match w.split_once('|') {
            Some((first, _)) if !w.contains(' ') => first.to_string(),
            _ => w,
        })
        .collect()
}

#[test]
fn the_example_reader_reads_what_a_shell_would() {
    assert_eq!(
        words(r#"export --format csv|json [--output FILE] --name "Lê Văn | A""#),
        ["export", "--format", "csv", "--name", "Lê Văn | A"]
    );
    assert_eq!(strip_comment(r#"x "a # b"   # note"#), r#"x "a # b""#);
    let readme = "```sh\ntiepdan due [--within 7]   # urgent\ntiepdan visit add --name \"A\" \\\n    --kind x\n```\n```sh\ncargo test\n```";
    assert_eq!(
        examples(readme),
        vec![
            vec!["due".to_string()],
            vec!["visit", "add", "--name", "A", "--kind", "x"]
                .into_iter()
                .map(String::from)
                .collect()
        ]
    );
}
