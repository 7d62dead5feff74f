//! Text hygiene: everything stored is NFC, every searchable field has a folded twin, and nothing
//! from the database reaches a terminal or a spreadsheet cell raw.

use std::borrow::Cow;
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Canonical composition: what we store, whatever the input method sent (NFD is common on Windows).
pub fn nfc(input: &str) -> String {
    input.nfc().collect()
}

/// Invisible characters that change how text displays or compares: zero-width and bidi controls.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// Cleans what a person typed before it is stored: NFC, no control or invisible format characters,
/// trimmed, runs of spaces collapsed. Newlines survive only when `multiline`.
pub fn clean_input(input: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(input.len());
    for line in input.nfc().collect::<String>().split('\n') {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        let cleaned: String = words
            .join(" ")
            .chars()
            .filter(|c| !c.is_control() && !is_invisible_format(*c))
            .collect();
        if !out.is_empty() || !cleaned.is_empty() {
            if !out.is_empty() {
                out.push(if multiline { '\n' } else { ' ' });
            }
            out.push_str(&cleaned);
        }
    }
    out.trim_end().to_string()
}

/// Latin letters with diacritics that Vietnamese uses (Latin-1, Latin Extended-A/B and Latin
/// Extended Additional, where ạ ả ấ … ỹ live): their lowercase base letter, computed once.
/// Folding is on every write and every keystroke, so this avoids decomposing each character.
fn latin_base(c: char) -> Option<char> {
    const RANGES: [(u32, u32); 2] = [(0x00C0, 0x0250), (0x1E00, 0x1F00)];
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        RANGES
            .iter()
            .flat_map(|&(lo, hi)| lo..hi)
            .map(|code| {
                let c = char::from_u32(code).unwrap_or('\0');
                let base = c.nfd().find(|d| !is_combining_mark(*d)).unwrap_or(c);
                match base {
                    'đ' | 'Đ' => 'd',
                    _ => base.to_lowercase().next().unwrap_or(base),
                }
            })
            .collect()
    });
    let code = c as u32;
    let mut offset = 0;
    for (lo, hi) in RANGES {
        if (lo..hi).contains(&code) {
            return Some(table[(offset + code - lo) as usize]);
        }
        offset += hi - lo;
    }
    None
}

/// The search form of a text: lowercase, no diacritics, đ→d, control characters removed, single
/// spaces. "Nguyễn Thị Minh Khai" and its NFD twin both fold to "nguyen thi minh khai".
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        // Most input (and every already-folded text) is ASCII: skip the Unicode tables for it.
        if c.is_ascii() {
            if c.is_ascii_whitespace() || c.is_ascii_control() {
                pending_space = !out.is_empty();
            } else {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c.to_ascii_lowercase());
            }
            return;
        }
        if is_combining_mark(c) || is_invisible_format(c) {
            return;
        }
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            return;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if let Some(base) = latin_base(c) {
            out.push(base);
        } else {
            out.extend(c.to_lowercase());
        }
    };
    for c in input.chars() {
        if c.is_ascii() || latin_base(c).is_some() || is_combining_mark(c) {
            push(c, &mut out);
        } else {
            // Rare scripts and compatibility forms: decompose to find the base letters.
            for d in std::iter::once(c).nfd() {
                push(d, &mut out);
            }
        }
    }
    out
}

/// Neutralises control characters and escape sequences so text from the database can never drive
/// the terminal (ESC, CSI, bidi overrides). Each becomes a visible replacement character.
pub fn for_terminal(input: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || is_invisible_format(c);
    if !input.chars().any(unsafe_char) {
        return Cow::Borrowed(input);
    }
    Cow::Owned(
        input
            .chars()
            .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// Guards a spreadsheet cell against formula injection: a leading `=`, `+`, `-`, `@`, tab or CR
/// makes Excel evaluate the cell, so such text is prefixed with an apostrophe. A plain negative
/// number ("-508" days overdue, "-1.5") is a number, not a formula: it stays as it is, so the
/// spreadsheet can sort and sum it.
pub fn csv_cell(input: &str) -> Cow<'_, str> {
    match input.chars().next() {
        Some('-') if is_negative_number(input) => Cow::Borrowed(input),
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{input}")),
        _ => Cow::Borrowed(input),
    }
}

/// `-` then digits, with at most one decimal point between digits: nothing a formula needs.
fn is_negative_number(input: &str) -> bool {
    let Some(rest) = input.strip_prefix('-') else {
        return false;
    };
    let mut parts = rest.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && parts.next().is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_guard_formulas_but_keep_negative_numbers() {
        for (given, written) in [
            ("-508", "-508"),
            ("-1.5", "-1.5"),
            ("-1+2", "'-1+2"),
            ("-", "'-"),
            ("-1.", "'-1."),
            ("-.5", "'-.5"),
            ("-2e3", "'-2e3"),
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+84912345678", "'+84912345678"),
            ("@x", "'@x"),
            ("12", "12"),
            ("Nguyễn", "Nguyễn"),
        ] {
            assert_eq!(csv_cell(given), written, "{given}");
        }
    }

    #[test]
    fn folds_vietnamese_names() {
        assert_eq!(fold("Nguyễn Thị Minh Khai"), "nguyen thi minh khai");
        assert_eq!(fold("ĐỖ  Đức   Đạt"), "do duc dat");
        let nfd: String = "Nguyễn Thị Minh Khai".nfd().collect();
        assert_ne!(nfd, "Nguyễn Thị Minh Khai");
        assert_eq!(fold(&nfd), "nguyen thi minh khai");
        assert_eq!(fold(" a\tb\u{200B}c\n"), "a bc");
    }

    #[test]
    fn fast_fold_agrees_with_full_decomposition() {
        let slow = |s: &str| -> String {
            let decomposed: String = s.nfd().filter(|c| !is_combining_mark(*c)).collect();
            decomposed.replace(['đ', 'Đ'], "d").to_lowercase()
        };
        let vietnamese = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        for c in vietnamese.chars().chain(vietnamese.to_uppercase().chars()) {
            let s = c.to_string();
            assert_eq!(fold(&s), slow(&s), "{c}");
        }
        assert_eq!(fold("Ǆ ﬁ Ω Ä"), "ǆ ﬁ ω a");
    }

    #[test]
    fn clean_input_stores_nfc_without_controls() {
        let nfd: String = "Trần Văn Ấn".nfd().collect();
        assert_eq!(clean_input(&nfd, false), "Trần Văn Ấn");
        assert_eq!(
            clean_input("  Lê\u{1b}[31m  Hoa \u{202E}", false),
            "Lê[31m Hoa"
        );
        assert_eq!(clean_input("dòng 1\n\n dòng 2 ", true), "dòng 1\n\ndòng 2");
        assert_eq!(clean_input("dòng 1\ndòng 2", false), "dòng 1 dòng 2");
        assert_eq!(clean_input("   ", false), "");
    }

    #[test]
    fn terminal_text_has_no_escape_sequences() {
        assert_eq!(for_terminal("Hoa"), "Hoa");
        let shown = for_terminal("x\u{1b}]0;pwned\u{7}y\u{202E}");
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}') && !shown.contains('\u{202E}')
        );
    }

    #[test]
    fn csv_cells_cannot_start_a_formula() {
        for bad in ["=1+1", "+84912", "-2+3", "@SUM(A1)", "\tx"] {
            assert!(csv_cell(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(csv_cell("Nguyễn"), "Nguyễn");
    }
}
