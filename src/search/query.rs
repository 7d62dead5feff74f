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

/// A query longer than this (bytes) is cut at a character boundary, and the desk is told.
pub const MAX_QUERY_BYTES: usize = 1024;
/// Words past this many are dropped (with the same notice): a name, an address and a subject fit.
pub const MAX_QUERY_WORDS: usize = 12;
/// Words longer than this (letters) are matched as typed: no typo or sound-alike variants.
pub const MAX_TYPO_LEN: usize = 40;

impl Query {
    pub fn parse(raw: &str) -> Query {
        Self::parse_bounded(raw).0
    }

    /// Parses `raw`, cut to [`MAX_QUERY_BYTES`] and [`MAX_QUERY_WORDS`]; the flag says whether
    /// anything was cut (the screens say so).
    pub fn parse_bounded(raw: &str) -> (Query, bool) {
        let mut cut = false;
        let mut raw = raw;
        if raw.len() > MAX_QUERY_BYTES {
            let mut end = MAX_QUERY_BYTES;
            while !raw.is_char_boundary(end) {
                end -= 1;
            }
            raw = &raw[..end];
            cut = true;
        }
        let folded = fold(raw);
        let numeric = !folded.is_empty()
            && folded
                .chars()
                .all(|c| c.is_ascii_digit() || " +.-()".contains(c))
            && folded.chars().any(|c| c.is_ascii_digit());
        let mut words: Vec<String> = if numeric {
            let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
            // "+84 912…" and "84912…" are typed for 0912…: search the national form.
            let national = crate::validate::phone(&folded).ok().flatten();
            vec![national.filter(|_| digits.len() >= 10).unwrap_or(digits)]
        } else {
            let mut seen = std::collections::HashSet::new();
            terms(&folded)
                .filter(|t| seen.insert(*t))
                .map(str::to_string)
                .collect()
        };
        if words.len() > MAX_QUERY_WORDS {
            words.truncate(MAX_QUERY_WORDS);
            cut = true;
        }
        (
            Query {
                identifier: identifier(&folded),
                folded,
                words,
            },
            cut,
        )
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// What the screens say when a query was cut, or None when `raw` is read whole.
pub fn cut_notice(raw: &str, lang: crate::i18n::Lang) -> Option<String> {
    Query::parse_bounded(raw)
        .1
        .then(|| crate::i18n::query_cut_notice(lang, MAX_QUERY_WORDS, MAX_QUERY_BYTES))
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

/// Final consonants written with two letters for one sound: dropping the pair is one slip
/// ("Hạ" typed for "Hạnh").
const CODA_DIGRAPHS: &[&str] = &["nh", "ng", "ch"];

/// How many typos a word of `len` letters may carry and still be found: one from three letters,
/// two from seven, none past [`MAX_TYPO_LEN`] (a pasted blob is matched as typed).
pub fn max_typos(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=6 => 1,
        7..=MAX_TYPO_LEN => 2,
        _ => 0,
    }
}

/// The deletion neighbourhood of a term (SymSpell): every string left by deleting up to
/// [`max_typos`] letters anywhere — the first letter and the h of nh/th/ch included, a final
/// nh/ng/ch counting as one — of two letters or more. Two words within the allowed edits share a
/// key (or one is a key of the other), so the index stores the keys of its terms and a query looks
/// its own keys up: typos on either side are found without generating every misspelling.
pub fn typo_keys(term: &str) -> Vec<String> {
    let depth = max_typos(term.chars().count());
    let mut out: Vec<String> = Vec::new();
    let mut frontier = vec![term.to_string()];
    for _ in 0..depth {
        let mut next = Vec::new();
        for word in &frontier {
            let chars: Vec<char> = word.chars().collect();
            for i in 0..chars.len() {
                next.push(chars[..i].iter().chain(&chars[i + 1..]).collect::<String>());
            }
            for digraph in CODA_DIGRAPHS {
                if let Some(rest) = word.strip_suffix(digraph) {
                    next.push(rest.to_string());
                }
            }
        }
        next.retain(|v| v.chars().count() >= 2);
        next.sort_unstable();
        next.dedup();
        out.extend(next.iter().cloned());
        frontier = next;
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|v| v != term);
    out
}

/// Edit distance between two folded words as a desk slips: [`distance_within`], where dropping
/// a final nh/ng/ch counts as one edit. None past `max`.
pub fn typo_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    if max == 0 {
        return (a == b).then_some(0);
    }
    let plain = distance_within(a, b, max);
    let unit = [(a, b), (b, a)]
        .into_iter()
        .filter_map(|(x, y)| {
            let rest = CODA_DIGRAPHS.iter().find_map(|d| x.strip_suffix(d))?;
            (rest.len() >= 2)
                .then(|| distance_within(rest, y, max - 1))
                .flatten()
                .map(|d| d + 1)
        })
        .min();
    match (plain, unit) {
        (Some(p), Some(u)) => Some(p.min(u)),
        (p, u) => p.or(u),
    }
}

const VOWELS: &str = "aeiouy";

/// What a word typed with the Vietnamese input method switched off stands for, folded: Telex
/// ("nguyeenx" → "nguyen", "vawn" → "van", "dduwowngf" → "duong") or VNI ("nguye6n" → "nguyen",
/// "hu2ng" → "hung"). None when the word shows neither. A folded Vietnamese syllable never has
/// w, a doubled a/e/o, dd, or s/f/r/x/j/z after its vowel, nor a digit inside, so this only
/// changes words an input method would have changed.
pub fn ime_decoded(word: &str) -> Option<String> {
    if !word.is_ascii() || word.len() > MAX_TYPO_LEN {
        return None;
    }
    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
    let digits = word.len() - letters;
    let decoded = if digits > 0 {
        // VNI: tone and vowel marks are digits typed after the letter they mark.
        let vni = word.starts_with(|c: char| c.is_ascii_alphabetic())
            && word
                .chars()
                .all(|c| c.is_ascii_alphabetic() || ('1'..='9').contains(&c))
            && digits <= 4;
        if !vni {
            return None;
        }
        word.chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<String>()
    } else {
        let mut out = String::with_capacity(word.len());
        let mut seen_vowel = false;
        for c in word.chars() {
            let last = out.chars().last();
            if seen_vowel && "sfrxjz".contains(c) {
                continue; // a tone key
            }
            if c == 'w' {
                // ư, or the horn / breve of the vowel before it.
                if !matches!(last, Some('a' | 'o' | 'u')) {
                    out.push('u');
                    seen_vowel = true;
                }
                continue;
            }
            if "aeo".contains(c) && last == Some(c) {
                continue; // aa, ee, oo: â, ê, ô
            }
            if c == 'd' && last == Some('d') && out.len() == 1 {
                continue; // dd: đ
            }
            out.push(c);
            seen_vowel |= VOWELS.contains(c);
        }
        out
    };
    (decoded != word && decoded.len() >= 2).then_some(decoded)
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
    ("l", "n"),
    ("n", "l"),
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
    // A two-letter syllable carries no typo, but its onset's h may be lost ("tu" typed for
    // "thu", "ca" for "cha", "nu" for "nhu").
    if word.len() == 2
        && let [onset, vowel] = word.as_bytes()
        && b"tcnkgp".contains(onset)
        && VOWELS.as_bytes().contains(vowel)
    {
        out.push(format!("{}h{}", *onset as char, *vowel as char));
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

/// Queries of up to this many words still find petitions that match all words but one; longer
/// ones (a matter told in its own words) all words but two.
pub const MAX_SOFT_WORDS: usize = 7;

/// How many words of a query of `n` words a petition may lack and still be found: none of one
/// word, one of up to [`MAX_SOFT_WORDS`], two of more.
pub fn may_lack(n: usize) -> usize {
    match n {
        0 | 1 => 0,
        2..=MAX_SOFT_WORDS => 1,
        _ => 2,
    }
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
        // Two words within the allowed edits share a deletion key, or one is a key of the other.
        let near = |a: &str, b: &str| {
            let (ka, kb) = (typo_keys(a), typo_keys(b));
            ka.iter().any(|k| k == b || kb.contains(k)) || kb.iter().any(|k| k == a)
        };
        assert!(near("khia", "khai"), "transposed");
        assert!(near("nguyn", "nguyen"), "dropped letter");
        assert!(near("uong", "duong"), "dropped first letter");
        assert!(near("ngia", "nghia"), "dropped h of a digraph");
        assert!(near("hanh", "ha"), "dropped final nh");
        assert!(near("hung", "hang"), "substituted");
        assert!(near("nguyeen", "nguyen"));
        assert!(
            near("nguyeenx", "nguyen"),
            "two typos in a word of 7+ letters"
        );
        assert!(
            !near("hung", "hoang"),
            "two typos in a short word are not one"
        );
        assert!(!near("nguyen", "ngoc"));
        assert!(typo_keys("an").is_empty(), "two-letter words carry no typo");
        assert!(
            typo_keys(&"a".repeat(41)).is_empty(),
            "over 40 letters: matched as typed"
        );
        assert_eq!(typo_distance("hanh", "ha", 1), Some(1));
        assert_eq!(typo_distance("ha", "hanh", 1), Some(1));
        assert_eq!(typo_distance("ngia", "nghia", 1), Some(1));
        assert_eq!(typo_distance("hung", "hoang", 1), None);
        assert!(sound_alikes("trung").contains(&"chung".to_string()));
        assert!(sound_alikes("minh").contains(&"min".to_string()));
        assert_eq!(distance_within("nguyen", "nguyn", 1), Some(1));
        assert_eq!(distance_within("khai", "khia", 1), Some(1));
        assert_eq!(distance_within("hung", "huong", 1), Some(1));
        assert_eq!(distance_within("hung", "hoang", 1), None);
        assert!(sound_alikes("lan").contains(&"nan".to_string()));
        assert!(sound_alikes("nam").contains(&"lam".to_string()));
    }

    #[test]
    fn telex_and_vni_typed_with_the_input_method_off() {
        for (typed, meant) in [
            ("nguyeenx", "nguyen"),
            ("vawn", "van"),
            ("hungf", "hung"),
            ("dduwowngf", "duong"),
            ("thuys", "thuy"),
            ("nguyeexn", "nguyen"),
            ("trangj", "trang"),
            ("nguye6n", "nguyen"),
            ("va8n", "van"),
            ("hu2ng", "hung"),
            ("d9u7o7ng2", "duong"),
        ] {
            assert_eq!(ime_decoded(typed).as_deref(), Some(meant), "{typed}");
        }
        for plain in ["nguyen", "hoang", "xuan", "truong", "2026", "12a", "khanh"] {
            assert_eq!(ime_decoded(plain), None, "{plain}");
        }
    }

    #[test]
    fn long_queries_are_cut_and_say_so() {
        let (q, cut) = Query::parse_bounded("nguyen van hung");
        assert!(!cut);
        assert_eq!(q.words.len(), 3);
        let long = "ă".repeat(2_000);
        let (q, cut) = Query::parse_bounded(&long);
        assert!(cut);
        assert!(q.folded.len() <= MAX_QUERY_BYTES);
        let many: String = (0..50).map(|i| format!("w{i} ")).collect();
        let (q, cut) = Query::parse_bounded(&many);
        assert!(cut);
        assert_eq!(q.words.len(), MAX_QUERY_WORDS);
    }
}
