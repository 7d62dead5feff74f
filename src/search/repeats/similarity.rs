//! How alike two names, two subjects or two places are (folded text in, a score or a key out).

use crate::search::index::terms;
use crate::search::query::{distance_within, sound_alikes, typo_distance};

/// Words that say what kind of paper it is, not what it is about.
const STOPWORDS: &[&str] = &[
    "khieu", "nai", "to", "cao", "kien", "nghi", "phan", "anh", "don", "de", "viec", "cua", "ve",
    "tai", "va", "cho", "khong", "duoc", "doi", "voi", "lan", "hai", "dau", "so", "theo", "trong",
    "cac", "nhung", "mot", "da", "bi", "la", "co", "gia", "dinh", "ong", "ba", "toi", "chung",
    "xin", "yeu", "cau", "giai", "quyet", "xa", "phuong", "thon", "to", "ban", "tinh", "huyen",
    "thi", "tran", "khu", "quan", "ubnd", "uy", "nhan", "dan", "nam", "ngay", "thang", "o", "tu",
    "den", "nay", "khi", "can", "bo", "cong", "chuc", "quyet", "dinh", "thuc", "hien", "sau",
    "truoc", "hanh", "chinh", "ho", "nguoi", "dung",
];

pub(super) fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

/// The telling words of a subject, each with a weight: numbers (parcels, sheets, decisions) weigh
/// most, then long words.
pub fn key_words(subject_folded: &str) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    for t in terms(subject_folded) {
        if is_stopword(t) || (t.len() < 2 && !t.chars().all(|c| c.is_ascii_digit())) {
            continue;
        }
        let weight = if t.chars().all(|c| c.is_ascii_digit()) {
            if t.len() == 4 && (t.starts_with("19") || t.starts_with("20")) {
                1
            } else {
                3
            }
        } else if t.len() >= 4 {
            2
        } else {
            1
        };
        if !out.iter().any(|(w, _)| w == t) {
            out.push((t.to_string(), weight));
        }
    }
    out
}

/// How much two subjects are about the same thing, 0.0 to 1.0: shared telling words (a typo
/// allowed in long ones), half by Jaccard, half by overlap with the shorter one.
pub fn subject_similarity(a: &[(String, u32)], b: &[(String, u32)]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let total = |s: &[(String, u32)]| s.iter().map(|(_, w)| *w as f64).sum::<f64>();
    let shared: f64 = a
        .iter()
        .filter(|(w, _)| {
            b.iter().any(|(v, _)| {
                v == w
                    || (w.len() >= 5
                        && w.chars().all(char::is_alphabetic)
                        && distance_within(w, v, 1).is_some())
            })
        })
        .map(|(_, weight)| *weight as f64)
        .sum();
    let (ta, tb) = (total(a), total(b));
    let jaccard = shared / (ta + tb - shared).max(1.0);
    let overlap = shared / ta.min(tb).max(1.0);
    let similarity = (0.5 * jaccard + 0.5 * overlap).min(1.0);
    // Both name numbers (a parcel, a decision, a year) and none agree: another matter of a kind.
    let numbers = |s: &[(String, u32)]| -> Vec<String> {
        s.iter()
            .filter(|(w, _)| w.chars().all(|c| c.is_ascii_digit()))
            .map(|(w, _)| w.clone())
            .collect()
    };
    let (na, nb) = (numbers(a), numbers(b));
    if !na.is_empty() && !nb.is_empty() && !na.iter().any(|n| nb.contains(n)) {
        return similarity * 0.3;
    }
    similarity
}

/// Whether two folded syllables may be the same one mistyped or heard differently: one slip in a
/// word of three letters or more ("vn" for "van", "ngia" for "nghia", "ha" for "hanh", a final
/// nh/ng/ch counting as one), or a sound-alike spelling.
fn syllables_alike(a: &str, b: &str) -> bool {
    if a == b || sound_alikes(a).iter().any(|s| s == b) {
        return true;
    }
    if a.len().max(b.len()) < 3 || typo_distance(a, b, 1).is_none() {
        return false;
    }
    // A typo keeps the first letter unless it dropped it: "hung" and "dung" are two names,
    // "uong" is "duong" with its first letter lost.
    a.chars().next() == b.chars().next() || a.get(1..) == Some(b) || b.get(1..) == Some(a)
}

/// How alike two folded full names are, 0.0 to 1.0. Surname and given name (first and last
/// syllables) must agree up to a typo; middle names may be swapped, mistyped or missing.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let x: Vec<&str> = terms(a).collect();
    let y: Vec<&str> = terms(b).collect();
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    if x == y {
        return 1.0;
    }
    let (xs, ys) = (x[0], y[0]);
    let (xg, yg) = (x[x.len() - 1], y[y.len() - 1]);
    if x.len() == 1 || y.len() == 1 {
        return if syllables_alike(xg, yg) { 0.6 } else { 0.0 };
    }
    if !syllables_alike(xg, yg) || !syllables_alike(xs, ys) {
        // Given name first ("Khai Nguyễn Thị Minh") or the surname dropped: compare as sets.
        let (short, long) = if x.len() <= y.len() {
            (&x, &y)
        } else {
            (&y, &x)
        };
        let found = short
            .iter()
            .filter(|s| long.iter().any(|l| syllables_alike(s, l)))
            .count();
        return if found == short.len() && short.len() >= 2 && short.len() == long.len() {
            0.85
        } else {
            0.0
        };
    }
    let mut score: f64 = if xs == ys && xg == yg { 1.0 } else { 0.9 };
    let xm = &x[1..x.len() - 1];
    let ym = &y[1..y.len() - 1];
    let matched = xm
        .iter()
        .filter(|m| ym.iter().any(|n| syllables_alike(m, n)))
        .count();
    let most = xm.len().max(ym.len());
    if most > 0 {
        let missing = most - matched;
        let unmatched_both = xm.len().min(ym.len()).saturating_sub(matched);
        // A middle name missing on one side costs little; two different middle names cost more.
        score -= 0.08 * missing as f64 + 0.25 * unmatched_both as f64;
    }
    score.max(0.0)
}

/// A commune as a comparable key: "xa cam xuyen" and "cam xuyen" are the same commune.
pub(super) fn commune_key(folded: &str) -> String {
    let mut key = folded.trim();
    for prefix in ["xa ", "phuong ", "thi tran ", "dac khu "] {
        if let Some(rest) = key.strip_prefix(prefix) {
            key = rest;
        }
    }
    key.to_string()
}

/// The numbers of a subject that pin a matter down (parcel, sheet, decision), as one key.
pub(super) fn matter_numbers(subject_folded: &str) -> Option<String> {
    let numbers: Vec<&str> = terms(subject_folded)
        .filter(|t| {
            t.chars().all(|c| c.is_ascii_digit())
                && !(t.len() == 4 && (t.starts_with("19") || t.starts_with("20")))
        })
        .collect();
    (numbers.len() >= 2).then(|| numbers.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    #[test]
    fn names_alike_up_to_typos_order_and_missing_middle_names() {
        let s = |a: &str, b: &str| name_similarity(&fold(a), &fold(b));
        assert_eq!(s("Nguyễn Thị Minh Khai", "nguyen thi minh khai"), 1.0);
        assert!(s("Nguyễn Thị Minh Khai", "Nguyen Thi Min Khai") >= 0.75);
        assert!(
            s("Nguyễn Thị Minh Khai", "Nguyễn Minh Thị Khai") >= 0.75,
            "swapped middle names"
        );
        assert!(
            s("Nguyễn Thị Minh Khai", "Nguyễn Minh Khai") >= 0.75,
            "a middle name left out"
        );
        assert!(
            s("Nguyễn Văn Hùng", "Nguyễn Văn Hunng") >= 0.75,
            "a one-letter typo"
        );
        assert!(s("Nguyễn Văn Hùng", "Trần Văn Hùng") < 0.75);
        assert!(s("Nguyễn Văn Hùng", "Nguyễn Văn Dũng") < 0.75);
        assert!(
            s("Nguyễn Văn Hùng", "Nguyễn Thị Hùng") < 0.75,
            "another middle name"
        );
    }

    #[test]
    fn subjects_about_the_same_parcel_are_alike() {
        let k = |s: &str| key_words(&fold(s));
        let a = k("Khiếu nại quyết định thu hồi đất thửa số 125, tờ bản đồ số 12 tại thôn 3");
        let b = k("Đề nghị xem xét lại việc thu hồi đất thửa 125 tờ bản đồ 12");
        let c = k("Kiến nghị sửa chữa đường liên thôn bị xuống cấp");
        assert!(
            subject_similarity(&a, &b) >= 0.5,
            "{}",
            subject_similarity(&a, &b)
        );
        assert!(subject_similarity(&a, &c) < 0.2);
    }
}
