//! What the desk typed, understood: folded words (any order, any of them partial), an exact ID or
//! phone, and the typo and sound-alike variants a word may stand for.

use super::index::terms;
use crate::text::fold;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The folded query, single spaces.
    pub folded: String,
    /// Folded words (letters/digits runs). A query that is only a number is one word.
    pub words: Vec<String>,
    /// The whole query is a CCCD/CMND or a phone in some common form: its normalised digits,
    /// and the phone form when it reads as one.
    pub identifier: Option<Identifier>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub digits: String,
    pub phone: Option<String>,
}

impl Query {
    pub fn parse(raw: &str) -> Query {
        let folded = fold(raw);
        let numeric = !folded.is_empty()
            && folded
                .chars()
                .all(|c| c.is_ascii_digit() || " +.-()".contains(c))
            && folded.chars().any(|c| c.is_ascii_digit());
        let words: Vec<String> = if numeric {
            let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
            // "+84 912…" and "84912…" are typed for 0912…: search the national form.
            let national = crate::validate::phone(&folded).ok().flatten();
            vec![national.filter(|_| digits.len() >= 10).unwrap_or(digits)]
        } else {
            terms(&folded).map(str::to_string).collect()
        };
        Query {
            identifier: identifier(&folded),
            folded,
            words,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Digits of an ID number or phone typed in any common form, if the query is one.
fn identifier(query: &str) -> Option<Identifier> {
    let digits: String = query.chars().filter(|c| c.is_ascii_digit()).collect();
    let only_number = query
        .chars()
        .all(|c| c.is_ascii_digit() || " +.-()".contains(c));
    if !only_number || digits.len() < 9 {
        return None;
    }
    let phone = crate::validate::phone(query).ok().flatten();
    Some(Identifier { digits, phone })
}

const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";

/// Every string one edit away (delete, transpose, substitute, insert a letter) from `word`.
pub fn edits1(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let mut out = Vec::with_capacity(54 * n + 26);
    let build = |v: &[char]| v.iter().collect::<String>();
    for i in 0..n {
        let mut v = chars.clone();
        v.remove(i);
        out.push(build(&v));
    }
    for i in 0..n.saturating_sub(1) {
        let mut v = chars.clone();
        v.swap(i, i + 1);
        out.push(build(&v));
    }
    for i in 0..n {
        for c in LETTERS.chars().filter(|c| *c != chars[i]) {
            let mut v = chars.clone();
            v[i] = c;
            out.push(build(&v));
        }
    }
    for i in 0..=n {
        for c in LETTERS.chars() {
            let mut v = chars.clone();
            v.insert(i, c);
            out.push(build(&v));
        }
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|v| v != word);
    out
}

/// Spellings that sound alike in one dialect or another, or that input methods confuse, as
/// (written, also heard as) on the start or the end of a folded syllable.
const ONSETS: &[(&str, &str)] = &[
    ("tr", "ch"),
    ("ch", "tr"),
    ("gi", "d"),
    ("d", "gi"),
    ("r", "d"),
    ("d", "r"),
    ("r", "gi"),
    ("s", "x"),
    ("x", "s"),
    ("v", "d"),
    ("ngh", "ng"),
    ("ng", "ngh"),
    ("gh", "g"),
    ("g", "gh"),
    ("k", "c"),
    ("c", "k"),
    ("q", "c"),
];
const CODAS: &[(&str, &str)] = &[
    ("nh", "n"),
    ("n", "nh"),
    ("ng", "n"),
    ("n", "ng"),
    ("c", "t"),
    ("t", "c"),
    ("y", "i"),
    ("i", "y"),
    ("ch", "t"),
    ("t", "ch"),
];

/// Sound-alike spellings of a folded syllable ("trung" ~ "chung", "minh" ~ "min", "huy" ~ "hui").
pub fn sound_alikes(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (from, to) in ONSETS {
        if let Some(rest) = word.strip_prefix(from) {
            out.push(format!("{to}{rest}"));
        }
    }
    for (from, to) in CODAS {
        if let Some(rest) = word.strip_suffix(from) {
            out.push(format!("{rest}{to}"));
        }
    }
    out.retain(|v| v != word && !v.is_empty());
    out.sort_unstable();
    out.dedup();
    out
}

/// Optimal string alignment distance, stopping early once it exceeds `max`.
pub fn distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        return osa(a.as_bytes(), b.as_bytes(), max);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa(&a, &b, max)
}

const STACK: usize = 48;

fn osa<T: Eq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    if m >= STACK {
        return osa_rows(
            a,
            b,
            max,
            &mut vec![0; m + 1],
            &mut vec![0; m + 1],
            &mut vec![0; m + 1],
        );
    }
    osa_rows(a, b, max, &mut [0; STACK], &mut [0; STACK], &mut [0; STACK])
}

fn osa_rows<'a, T: Eq>(
    a: &[T],
    b: &[T],
    max: usize,
    mut prev2: &'a mut [usize],
    mut prev: &'a mut [usize],
    mut cur: &'a mut [usize],
) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    for (j, v) in prev.iter_mut().enumerate().take(m + 1) {
        *v = j;
    }
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[m]).filter(|d| *d <= max)
}

/// Words this short only ever match as prefixes (initials such as "ng t m khai").
pub const MIN_TYPO_LEN: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_and_identifiers() {
        let q = Query::parse("Nguyễn  Thị Min KHAI");
        assert_eq!(q.words, ["nguyen", "thi", "min", "khai"]);
        assert_eq!(q.identifier, None);
        for raw in ["0912 345 678", "+84 912 345 678", "84912345678"] {
            let q = Query::parse(raw);
            assert_eq!(q.words, ["0912345678"], "{raw}");
            assert_eq!(q.identifier.unwrap().phone.as_deref(), Some("0912345678"));
        }
        let q = Query::parse("042 190 000 123");
        assert_eq!(q.identifier.unwrap().digits, "042190000123");
        assert_eq!(Query::parse("0912 34").words, ["091234"]);
        assert_eq!(Query::parse("2026-000123").words, ["2026000123"]);
        assert!(Query::parse(" ,. ").is_empty());
    }

    #[test]
    fn typo_and_sound_alike_variants() {
        let e = edits1("khia");
        assert!(e.contains(&"khai".to_string()));
        assert!(edits1("nguyn").contains(&"nguyen".to_string()));
        assert!(sound_alikes("trung").contains(&"chung".to_string()));
        assert!(sound_alikes("minh").contains(&"min".to_string()));
        assert_eq!(distance_within("nguyen", "nguyn", 1), Some(1));
        assert_eq!(distance_within("khai", "khia", 1), Some(1));
        assert_eq!(distance_within("hung", "huong", 1), Some(1));
        assert_eq!(distance_within("hung", "hoang", 1), None);
    }
}
