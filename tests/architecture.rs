//! Keeps ARCHITECTURE.md's import rules honest: each room is read as text and checked for what it
//! must not reach. A rule broken here is a shell talking to the other shell, a terminal crate in
//! the core, or SQL outside the store.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `base/dir`, with its text.
fn sources(base: &Path, dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&base.join(dir), &mut out);
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// Test modules may build fixtures any way they like; the rules are about the product's code.
fn is_test_file(path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    name == "tests.rs" || name.ends_with("_tests.rs") || name == "test_support.rs"
}

/// The lines of `dir`'s product code (comments aside) that contain any of `needles`.
fn offenders(dir: &str, skip: &[&str], needles: &[&str]) -> Vec<String> {
    offenders_in(&root(), dir, skip, needles)
}

fn offenders_in(base: &Path, dir: &str, skip: &[&str], needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in sources(base, dir) {
        let relative = path
            .strip_prefix(base)
            .unwrap()
            .to_string_lossy()
            .to_string();
        if is_test_file(&path) || skip.iter().any(|s| relative.starts_with(s)) {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if needles.iter().any(|needle| code.contains(needle)) {
                found.push(format!("{relative}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    found
}

const SQL: &[&str] = &[
    "SELECT ",
    "INSERT INTO",
    "DELETE FROM",
    "UPDATE petition",
    "CREATE TABLE",
    "PRAGMA ",
];

#[test]
fn the_terminal_ui_never_imports_the_command_line_nor_writes_sql() {
    let mut bad = offenders("src/tui", &[], &["crate::cli", "cli::", "rusqlite"]);
    bad.extend(offenders("src/tui", &[], SQL));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_command_line_never_imports_the_terminal_ui_nor_writes_sql() {
    let mut bad = offenders("src/cli", &[], &["crate::tui", "tui::", "rusqlite"]);
    bad.extend(offenders("src/cli", &[], SQL));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_library_knows_no_terminal_and_no_shell() {
    let shells = ["src/cli", "src/tui", "src/main.rs"];
    let bad = offenders(
        "src",
        &shells,
        &["crossterm", "ratatui", "crate::tui", "crate::cli"],
    );
    assert!(bad.is_empty(), "{bad:#?}");
    let bad = offenders("core/src", &[], &["crossterm", "ratatui", "tiepdan::"]);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn sql_lives_in_the_store_only() {
    let bad = offenders("src", &["src/store"], SQL);
    assert!(bad.is_empty(), "{bad:#?}");
    let bad = offenders("core/src", &[], SQL);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_keys_crate_knows_no_screen_and_no_store() {
    let bad = offenders("keys/src", &[], &["ratatui", "tiepdan::", "rusqlite"]);
    assert!(bad.is_empty(), "{bad:#?}");
}

/// The checker is not blind: a screen reaching into the command line is caught, a comment
/// mentioning it is not, and test modules are left alone.
#[test]
fn the_checker_sees_a_broken_rule() {
    let dir = tempfile::tempdir().unwrap();
    let tui = dir.path().join("src/tui");
    std::fs::create_dir_all(&tui).unwrap();
    std::fs::write(
        tui.join("screen.rs"),
        "// see crate::cli\nuse crate::cli::Ctx;\n",
    )
    .unwrap();
    std::fs::write(tui.join("screen_tests.rs"), "use crate::cli::Ctx;\n").unwrap();
    let found = offenders_in(dir.path(), "src/tui", &[], &["crate::cli"]);
    assert_eq!(
        found,
        vec!["src/tui/screen.rs:2: use crate::cli::Ctx;".to_string()]
    );
}
