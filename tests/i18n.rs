//! Every user sentence comes from the vi/en catalogue (`core/src/i18n.rs` and the labelled enums).
//! Many older screens still hold their own `lang.pick("…", "…")` pairs; this ratchet keeps their
//! number from growing: each file may hold at most the Vietnamese string literals listed for it in
//! `tests/i18n_allowlist.txt`, and a file not listed none. Moving sentences into the catalogue
//! lowers a file's count (then lower the list too); a new hard-coded sentence fails here.
//!
//! Data is not a sentence: demo names and places (`src/demo/`), keymap and rule files, and the
//! test modules are not counted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The catalogue itself and the data the program carries.
const NOT_COUNTED: &[&str] = &[
    "core/src/i18n.rs",
    "core/src/i18n_cli.rs",
    "core/src/domain/kinds.rs",
    "core/src/rules/mod.rs",
    "src/demo/",
    // The spreadsheet headers people type (Mẫu 03 and its local variants), matched folded when a
    // logbook is imported: data the import recognises, never shown as a sentence.
    "src/exchange/columns.rs",
];

fn is_test_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "tests.rs" || name.ends_with("_tests.rs") || name == "test_support.rs"
}

/// A letter only Vietnamese (among the program's languages) writes: đ, or a vowel with a mark.
fn vietnamese(c: char) -> bool {
    matches!(c, 'đ' | 'Đ') || (c.is_alphabetic() && ('\u{00C0}'..='\u{1EF9}').contains(&c))
}

/// The string literals on one line of code (comments left out), roughly: enough to count.
fn literals(line: &str) -> Vec<String> {
    let code = line.trim_start();
    if code.starts_with("//") {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut chars = code.chars().peekable();
    let mut current: Option<String> = None;
    while let Some(c) = chars.next() {
        match (&mut current, c) {
            (Some(text), '\\') => {
                text.push(c);
                if let Some(next) = chars.next() {
                    text.push(next);
                }
            }
            (Some(_), '"') => found.push(current.take().unwrap()),
            (Some(text), _) => text.push(c),
            (None, '"') => current = Some(String::new()),
            (None, '/') if chars.peek() == Some(&'/') => break,
            (None, '\'') => {
                // A char literal such as '"' must not open a string.
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("\"'") {
                    chars.next();
                    chars.next();
                }
            }
            _ => {}
        }
    }
    found
}

/// Vietnamese string literals in a file's code, up to its test module (`#[cfg(test)]`).
fn count(text: &str) -> usize {
    text.lines()
        .take_while(|line| line.trim() != "#[cfg(test)]")
        .flat_map(literals)
        .filter(|s| s.chars().any(vietnamese))
        .count()
}

fn counts() -> BTreeMap<String, usize> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for dir in ["src", "core/src", "keys/src", "server/src"] {
        walk(&root().join(dir), &mut files);
    }
    let mut counts = BTreeMap::new();
    for path in files {
        let relative = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if is_test_file(&relative) || NOT_COUNTED.iter().any(|n| relative.starts_with(n)) {
            continue;
        }
        let n = count(&std::fs::read_to_string(&path).unwrap());
        if n > 0 {
            counts.insert(relative, n);
        }
    }
    counts
}

fn allowed() -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(root().join("tests/i18n_allowlist.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (file, n) = l.rsplit_once(' ').expect("`path count` per line");
            (file.trim().to_string(), n.parse().expect("a count"))
        })
        .collect()
}

#[test]
fn no_new_hard_coded_user_sentence_outside_the_catalogue() {
    let allowed = allowed();
    let mut grown = Vec::new();
    for (file, n) in counts() {
        let limit = allowed.get(&file).copied().unwrap_or(0);
        if n > limit {
            grown.push(format!(
                "{file}: {n} Vietnamese string literals, at most {limit} allowed — put the \
                 sentence in core/src/i18n.rs"
            ));
        }
    }
    assert!(grown.is_empty(), "{grown:#?}");
}

/// The counter is not blind: it finds a pair in code, skips comments, and survives quotes in
/// char literals and escaped quotes.
#[test]
fn the_counter_sees_a_hard_coded_pair() {
    let code = r#"
        // lang.pick("Lưu", "Save") in a comment is not counted
        let s = lang.pick("Đã lưu", "Saved"); // "ghi chú" after code is not counted
        let q = '"'; let t = "say \"xin chào\" twice";
        let plain = "no marks here";
        #[cfg(test)]
        let test_only = "không tính";
    "#;
    assert_eq!(count(code), 2);
    assert!(vietnamese('ư') && vietnamese('đ') && !vietnamese('e') && !vietnamese('—'));
}
