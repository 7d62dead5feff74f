//! How people at a desk mistype Vietnamese: the mistype model of the independent recall corpus.
//!
//! Written from how desks type (see the domain notes), not from the search code: each function
//! takes a correctly written text and returns one realistic way of getting it wrong. Every
//! function works on whole words and keeps the rest of the text as it was.

use unicode_normalization::UnicodeNormalization;

use super::dice::Dice;

// Combining marks, as NFD splits a Vietnamese letter: base letter, then shape, then tone.
const CIRCUMFLEX: char = '\u{302}';
const BREVE: char = '\u{306}';
const HORN: char = '\u{31B}';
const ACUTE: char = '\u{301}'; // sắc
const GRAVE: char = '\u{300}'; // huyền
const HOOK: char = '\u{309}'; // hỏi
const TILDE: char = '\u{303}'; // ngã
const DOT: char = '\u{323}'; // nặng

fn is_shape(c: char) -> bool {
    matches!(c, CIRCUMFLEX | BREVE | HORN)
}

fn is_tone(c: char) -> bool {
    matches!(c, ACUTE | GRAVE | HOOK | TILDE | DOT)
}

/// Without any diacritic, đ as d, case kept: what a desk types with no input method.
pub fn plain(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_shape(*c) && !is_tone(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// `plain`, lower case: the usual desk query.
pub fn folded(text: &str) -> String {
    plain(text).to_lowercase()
}

/// Tone marks dropped, vowel shapes kept: "Nguyên Văn Hung".
pub fn without_tones(text: &str) -> String {
    text.nfd().filter(|c| !is_tone(*c)).nfc().collect()
}

/// Only the tone marks: vowel shapes and the stroke of đ dropped, tones kept: "Nguyẽn Van Hùng".
pub fn tones_only(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_shape(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .nfc()
        .collect()
}

/// The same text in decomposed form (NFD), as some Windows input methods send it.
pub fn nfd(text: &str) -> String {
    text.nfd().collect()
}

/// One word's letters split into (base letter, shape mark, tone mark).
fn letters(word: &str) -> Vec<(char, Option<char>, Option<char>)> {
    let mut out: Vec<(char, Option<char>, Option<char>)> = Vec::new();
    for c in word.nfd() {
        if is_shape(c) {
            if let Some(last) = out.last_mut() {
                last.1 = Some(c);
            }
        } else if is_tone(c) {
            if let Some(last) = out.last_mut() {
                last.2 = Some(c);
            }
        } else {
            out.push((c, None, None));
        }
    }
    out
}

/// Telex typed with the input method off: "Nguyễn Văn Hùng" → "Nguyeenx Vawn Hungf". The tone key
/// comes at the end of the word, as most Telex typists press it.
pub fn telex(text: &str) -> String {
    words_map(text, |word| {
        let mut out = String::new();
        let mut tone = None;
        for (base, shape, t) in letters(word) {
            out.push(base);
            match (base.to_lowercase().next().unwrap_or(base), shape) {
                ('đ', _) => out.push('d'),
                (_, Some(CIRCUMFLEX)) => out.push(base.to_ascii_lowercase()),
                (_, Some(BREVE)) | (_, Some(HORN)) => out.push('w'),
                _ => {}
            }
            tone = tone.or(t);
        }
        let out = out.replace('đ', "d").replace('Đ', "D");
        match tone {
            Some(ACUTE) => out + "s",
            Some(GRAVE) => out + "f",
            Some(HOOK) => out + "r",
            Some(TILDE) => out + "x",
            Some(DOT) => out + "j",
            _ => out,
        }
    })
}

/// VNI typed with the input method off: "Nguyễn Văn Hùng" → "Nguye64n Va8n Hu2ng" (marks right
/// after their vowel) or, with `tone_last`, "Nguye6n4 Va8n Hung2".
pub fn vni(text: &str, tone_last: bool) -> String {
    let tone_digit = |t: char| match t {
        ACUTE => '1',
        GRAVE => '2',
        HOOK => '3',
        TILDE => '4',
        _ => '5',
    };
    words_map(text, |word| {
        let mut out = String::new();
        let mut tone = None;
        for (base, shape, t) in letters(word) {
            match base {
                'đ' => out.push_str("d9"),
                'Đ' => out.push_str("D9"),
                _ => out.push(base),
            }
            match shape {
                Some(CIRCUMFLEX) => out.push('6'),
                Some(HORN) => out.push('7'),
                Some(BREVE) => out.push('8'),
                _ => {}
            }
            if let Some(t) = t {
                if tone_last {
                    tone = Some(t);
                } else {
                    out.push(tone_digit(t));
                }
            }
        }
        if let Some(t) = tone {
            out.push(tone_digit(t));
        }
        out
    })
}

fn words_map(text: &str, mut f: impl FnMut(&str) -> String) -> String {
    text.split(' ').map(&mut f).collect::<Vec<_>>().join(" ")
}

/// Letters of a word as grapheme-ish units: a base letter with its marks stays one unit.
fn units(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in word.nfd() {
        if (is_shape(c) || is_tone(c)) && !out.is_empty() {
            out.last_mut().unwrap().push(c);
        } else {
            out.push(c.to_string());
        }
    }
    out.into_iter().map(|u| u.nfc().collect()).collect()
}

fn join(units: &[String]) -> String {
    units.concat()
}

/// Indices of the words with at least `min` letters.
fn long_words(words: &[&str], min: usize) -> Vec<usize> {
    (0..words.len())
        .filter(|&i| units(words[i]).len() >= min)
        .collect()
}

fn with_word(text: &str, i: usize, new: String) -> String {
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    words[i] = new;
    words.join(" ")
}

/// One letter left out inside a word of at least four letters (not the first letter).
pub fn drop_inner(text: &str, dice: &mut Dice) -> Option<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let choices = long_words(&words, 4);
    let &i = dice.pick_opt(&choices)?;
    let mut u = units(words[i]);
    let at = 1 + dice.below(u.len() as u32 - 1) as usize;
    u.remove(at);
    Some(with_word(text, i, join(&u)))
}

/// The first letter of a word left out: "uong" for Dương, "guyen" for Nguyễn.
pub fn drop_first(text: &str, dice: &mut Dice) -> Option<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let choices = long_words(&words, 4);
    let &i = dice.pick_opt(&choices)?;
    let mut u = units(words[i]);
    u.remove(0);
    Some(with_word(text, i, join(&u)))
}

/// The h of nh, th, ch, ph, kh or gh left out: "ngia" for nghĩa, "Tan" for Thanh's neighbour.
pub fn drop_h(text: &str, dice: &mut Dice) -> Option<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let mut spots = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let u = units(w);
        for j in 1..u.len() {
            let prev = plain(&u[j - 1]).to_lowercase();
            if u[j].eq_ignore_ascii_case("h")
                && matches!(prev.as_str(), "n" | "t" | "c" | "p" | "k" | "g")
            {
                spots.push((i, j));
            }
        }
    }
    let &(i, j) = dice.pick_opt(&spots)?;
    let mut u = units(words[i]);
    u.remove(j);
    Some(with_word(text, i, join(&u)))
}

/// One letter typed twice: "Nguyenn", "Hungg".
pub fn double(text: &str, dice: &mut Dice) -> Option<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let choices = long_words(&words, 3);
    let &i = dice.pick_opt(&choices)?;
    let mut u = units(words[i]);
    let at = dice.below(u.len() as u32) as usize;
    let letter = plain(&u[at]).to_lowercase();
    u.insert(at + 1, letter);
    Some(with_word(text, i, join(&u)))
}

const KEYBOARD: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

fn neighbour_key(c: char, dice: &mut Dice) -> Option<char> {
    let lower = c.to_ascii_lowercase();
    for row in KEYBOARD {
        if let Some(at) = row.find(lower) {
            let row: Vec<char> = row.chars().collect();
            let mut near = Vec::new();
            if at > 0 {
                near.push(row[at - 1]);
            }
            if at + 1 < row.len() {
                near.push(row[at + 1]);
            }
            return dice.pick_opt(&near).copied();
        }
    }
    None
}

/// One slip of the finger inside a word of at least four letters: a neighbouring key, or two
/// letters swapped ("Hugn").
pub fn slip(text: &str, dice: &mut Dice) -> Option<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let choices = long_words(&words, 4);
    let &i = dice.pick_opt(&choices)?;
    let mut u = units(words[i]);
    if dice.half() {
        let at = 1 + dice.below(u.len() as u32 - 2) as usize;
        u.swap(at, at + 1);
    } else {
        let at = 1 + dice.below(u.len() as u32 - 1) as usize;
        let base = plain(&u[at]).chars().next()?;
        u[at] = neighbour_key(base, dice)?.to_string();
    }
    let out = with_word(text, i, join(&u));
    (out != text).then_some(out)
}

/// The regional confusions of spoken Vietnamese written down: d/gi/r, s/x, ch/tr, l/n at the
/// start of a word; i/y, n/ng, c/t at its end. Applied to one word where one fits.
pub fn regional(text: &str, dice: &mut Dice) -> Option<String> {
    // (from, to, at the start?) on the word's lower-case form; the first letter's case is kept.
    const SWAPS: &[(&str, &str, bool)] = &[
        ("gi", "d", true),
        ("d", "gi", true),
        ("r", "d", true),
        ("r", "gi", true),
        ("d", "r", true),
        ("s", "x", true),
        ("x", "s", true),
        ("ch", "tr", true),
        ("tr", "ch", true),
        ("l", "n", true),
        ("n", "l", true),
        ("ng", "n", false),
        ("n", "ng", false),
        ("c", "t", false),
        ("t", "c", false),
        ("y", "i", false),
        ("i", "y", false),
    ];
    let words: Vec<&str> = text.split(' ').collect();
    let mut spots = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        for (s, &(from, _, start)) in SWAPS.iter().enumerate() {
            let fits = if start {
                // "nh", "ng", "ngh" start with n but are other sounds; "d" is not "đ".
                lower.starts_with(from)
                    && !(from == "n" && (lower.starts_with("nh") || lower.starts_with("ng")))
                    && !(from == "d" && lower.starts_with("đ"))
            } else {
                // n → ng only after a vowel, never on "nh"; c → t not on "ch".
                lower.ends_with(from)
                    && lower.chars().count() > from.len() + 1
                    && !(from == "n" && (lower.ends_with("ng") || lower.ends_with("nh")))
                    && !(from == "c" && lower.ends_with("ch"))
                    && !(from == "t" && lower.ends_with("nt"))
            };
            if fits {
                spots.push((i, s));
            }
        }
    }
    let &(i, s) = dice.pick_opt(&spots)?;
    let (from, to, start) = SWAPS[s];
    let word = words[i];
    let upper = word.chars().next().is_some_and(char::is_uppercase);
    let lower = word.to_lowercase();
    let mut new = if start {
        format!("{to}{}", &lower[from.len()..])
    } else {
        format!("{}{to}", &lower[..lower.len() - from.len()])
    };
    if upper {
        let mut c = new.chars();
        let first = c.next().unwrap().to_uppercase().collect::<String>();
        new = first + c.as_str();
    }
    Some(with_word(text, i, new))
}

/// Name order changed: the given name first ("Hùng Nguyễn Văn").
pub fn given_first(name: &str) -> String {
    let mut words: Vec<&str> = name.split(' ').collect();
    let given = words.pop().unwrap_or_default();
    let mut out = vec![given];
    out.extend(words);
    out.join(" ")
}

/// The middle name(s) left out: "Nguyễn Hùng".
pub fn without_middle(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 3 {
        return name.to_string();
    }
    format!("{} {}", words[0], words[words.len() - 1])
}

/// A phone number as desks write it: "0912 345 678", "0912345678", "+84 912345678",
/// "84912345678", "(+84) 912.345.678", "0912.345.678".
pub fn phone_as(digits: &str, style: u32) -> String {
    let rest = &digits[1..];
    match style % 6 {
        0 => format!("{} {} {}", &digits[..4], &digits[4..7], &digits[7..]),
        1 => digits.to_string(),
        2 => format!("+84 {rest}"),
        3 => format!("84{rest}"),
        4 => format!("(+84) {}.{}.{}", &rest[..3], &rest[3..6], &rest[6..]),
        _ => format!("{}.{}.{}", &digits[..4], &digits[4..7], &digits[7..]),
    }
}
