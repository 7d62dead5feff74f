//! Denouncers' identities are secret (Luật Tố cáo 2018, Điều 9(1)(b) and 47; Nghị định 31/2019):
//! every list, search result, export and report shows this instead of who filed a denunciation.

use crate::domain::{Citizen, Petition, PetitionKind};
use crate::i18n::Lang;

pub fn protects_identity(petition_kind: PetitionKind) -> bool {
    petition_kind == PetitionKind::Denunciation
}

pub use crate::i18n::{anonymous_label, denouncer_mention, protected_label};

/// The same test on a stored kind code (`petition.kind`).
pub fn protects_identity_code(kind_code: &str) -> bool {
    kind_code == PetitionKind::Denunciation.code()
}

/// The filers' names as a list may show them.
pub fn filer_names(petition: &Petition, filers: &[Citizen], lang: Lang) -> Vec<String> {
    if protects_identity(petition.kind) {
        return vec![protected_label(lang).to_string()];
    }
    if filers.is_empty() {
        return vec![anonymous_label(lang).to_string()];
    }
    filers.iter().map(|c| c.full_name.clone()).collect()
}

/// Who a list is for: someone looking at a screen in a role, or a file that leaves the program
/// (an export can be forwarded anywhere, so it is treated as the widest audience).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Screen(crate::domain::Role),
    File,
}

/// What one list row may show of a petition. Decided here once, for every list, search result,
/// dashboard and export, so no screen can show what another hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowView {
    /// The filers' names (a denouncer's never, in any list).
    pub filers: bool,
    /// The subject as written. A tố cáo's subject is free text that may name or point to the
    /// denouncer (Luật Tố cáo 2018, Điều 47(1)(b)): only those handling the matter see it.
    pub subject: bool,
    /// Counted next to a person ("4 đơn") and linked into a repeat chain with named petitions —
    /// either would tie the denunciation to the person.
    pub linked: bool,
}

/// The one privacy rule for lists.
pub fn row_view(kind: PetitionKind, audience: Audience) -> RowView {
    if !protects_identity(kind) {
        return RowView {
            filers: true,
            subject: true,
            linked: true,
        };
    }
    let handling = matches!(audience, Audience::Screen(role) if role.may_reveal_identity());
    RowView {
        filers: false,
        subject: handling,
        linked: handling,
    }
}

/// A row's subject as `audience` may see it.
pub fn list_subject<'a>(
    kind: PetitionKind,
    subject: &'a str,
    audience: Audience,
    lang: Lang,
) -> std::borrow::Cow<'a, str> {
    if row_view(kind, audience).subject {
        subject.into()
    } else {
        protected_label(lang).into()
    }
}

/// The repeat chain as `audience` may see it: a link between a denunciation and another petition
/// ties the denunciation to a named person, so only those handling the matter see it.
pub fn visible_chain(this: &Petition, chain: Vec<Petition>, audience: Audience) -> Vec<Petition> {
    let linked = |p: &Petition| row_view(p.kind, audience).linked;
    let this_linked = linked(this);
    chain
        .into_iter()
        .filter(|p| p.id == this.id || (this_linked && linked(p)))
        .collect()
}

/// The digit strings of an identity a text may carry: the ID number, and the phone in any of its
/// written forms (`0912…`, `+84 912…`, `84912…` all contain the number without its leading 0).
fn identity_digits<'a>(id_number: Option<&'a str>, phone: Option<&'a str>) -> Vec<&'a str> {
    let mut out = Vec::new();
    out.extend(id_number.filter(|d| d.len() >= 6));
    if let Some(phone) = phone {
        let national = phone.strip_prefix('0').unwrap_or(phone);
        out.extend(Some(national).filter(|d| d.len() >= 6));
    }
    out
}

/// Replaces, in `text`, every run of digits (with spaces, dots or dashes between them) holding
/// one of `digits` by `with`. True when something was replaced.
fn replace_digit_runs(text: &str, digits: &[&str], with: &str) -> (String, bool) {
    if digits.is_empty() {
        return (text.to_string(), false);
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let (mut out, mut found, mut i, mut copied) = (String::new(), false, 0, 0);
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        // The run: digits and single separators between digits.
        let start = i;
        let mut end = i;
        let mut j = i;
        let mut run = String::new();
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_ascii_digit() {
                run.push(c);
                end = j;
                j += 1;
            } else if matches!(c, ' ' | '.' | '-')
                && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit())
            {
                j += 1;
            } else {
                break;
            }
        }
        if digits.iter().any(|d| run.contains(d)) {
            let from = chars[start].0;
            let to = chars[end].0 + chars[end].1.len_utf8();
            out.push_str(&text[copied..from]);
            out.push_str(with);
            copied = to;
            found = true;
        }
        i = end + 1;
    }
    out.push_str(&text[copied..]);
    (out, found)
}

/// A folded text (`text::fold`) as an index may keep it for a denunciation: without the
/// denouncer's folded name wherever it occurs whole, nor their ID number or phone however
/// written (Luật Tố cáo 2018, Điều 47(1)(b): what points to the denouncer is kept secret too).
/// Single words of the name stay: "sửa cầu" must stay findable when the denouncer is called Cầu.
pub fn strip_identity(
    folded: &str,
    name_folded: &str,
    id_number: Option<&str>,
    phone: Option<&str>,
) -> String {
    let (text, _) = replace_digit_runs(folded, &identity_digits(id_number, phone), " ");
    let name: Vec<&str> = name_folded.split_whitespace().collect();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if name.len() < 2 {
        return words.join(" ");
    }
    let mut kept = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if words[i..].starts_with(&name) {
            i += name.len();
        } else {
            kept.push(words[i]);
            i += 1;
        }
    }
    kept.join(" ")
}

/// `text` (a denunciation's subject or summary as written) with every mention of the denouncer —
/// their full name (any case, with or without diacritics), ID number or phone — replaced by
/// `with`. True when something was replaced: the form warns the officer, and every output an
/// inspector or the public sees uses the redacted text.
pub fn redact_identity(
    text: &str,
    full_name: &str,
    id_number: Option<&str>,
    phone: Option<&str>,
    with: &str,
) -> (String, bool) {
    let (mut text, mut found) = replace_digit_runs(text, &identity_digits(id_number, phone), with);
    let name = crate::text::fold(full_name);
    if name.split_whitespace().count() >= 2 {
        // Compare word by word on folded words, so "Phan Văn Kín", "PHAN VAN KIN" and
        // "phan van kin" are all found, and replace the original span.
        let target: Vec<&str> = name.split_whitespace().collect();
        let words: Vec<(usize, usize, String)> = word_spans(&text);
        let mut out = String::new();
        let (mut copied, mut i) = (0, 0);
        while i + target.len() <= words.len() {
            if words[i..i + target.len()]
                .iter()
                .zip(&target)
                .all(|(w, t)| w.2 == *t)
            {
                out.push_str(&text[copied..words[i].0]);
                out.push_str(with);
                copied = words[i + target.len() - 1].1;
                i += target.len();
                found = true;
            } else {
                i += 1;
            }
        }
        out.push_str(&text[copied..]);
        text = out;
    }
    (text, found)
}

/// [`redact_identity`] for every filer of a petition.
pub fn redact_filers(text: &str, filers: &[Citizen], with: &str) -> (String, bool) {
    let mut out = text.to_string();
    let mut found = false;
    for c in filers {
        let (redacted, hit) = redact_identity(
            &out,
            &c.full_name,
            c.id_number.as_deref(),
            c.phone.as_deref(),
            with,
        );
        out = redacted;
        found |= hit;
    }
    (out, found)
}

/// Each word of `text` (letters and digits) with its byte span and folded form.
fn word_spans(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let wordy = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        match (start, wordy) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, i, crate::text::fold(&text[s..i])));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    #[test]
    fn a_denunciations_subject_is_shown_only_to_those_handling_it() {
        use PetitionKind::*;
        // (kind, audience, filers, subject, linked) — Luật Tố cáo 2018 Điều 47: the denouncer's
        // identity, and what points to it, only for those handling the matter.
        let table = [
            (
                Denunciation,
                Audience::Screen(Role::Operator),
                false,
                true,
                true,
            ),
            (
                Denunciation,
                Audience::Screen(Role::Admin),
                false,
                true,
                true,
            ),
            (
                Denunciation,
                Audience::Screen(Role::Inspector),
                false,
                false,
                false,
            ),
            (Denunciation, Audience::File, false, false, false),
            (
                Complaint,
                Audience::Screen(Role::Inspector),
                true,
                true,
                true,
            ),
            (Complaint, Audience::File, true, true, true),
            (Recommendation, Audience::File, true, true, true),
            (Report, Audience::Screen(Role::Operator), true, true, true),
        ];
        for (kind, audience, filers, subject, linked) in table {
            let view = row_view(kind, audience);
            assert_eq!(
                (view.filers, view.subject, view.linked),
                (filers, subject, linked),
                "{kind:?} for {audience:?}"
            );
        }
        let hidden = list_subject(Denunciation, "Tố cáo ông A", Audience::File, Lang::Vi);
        assert_eq!(hidden, protected_label(Lang::Vi));
        let shown = list_subject(Complaint, "Khiếu nại", Audience::File, Lang::Vi);
        assert_eq!(shown, "Khiếu nại");
    }

    #[test]
    fn a_denouncers_name_id_and_phone_are_stripped_and_redacted_however_written() {
        let stripped = strip_identity(
            "phan van kin to cao chu tich xa, sdt 0912.345.678, cccd 001099012345",
            "phan van kin",
            Some("001099012345"),
            Some("0912345678"),
        );
        assert_eq!(stripped, "to cao chu tich xa sdt cccd");
        // A word of the name alone is the matter's, not the person's.
        let kept = strip_identity("sua cau phan van kin", "phan van kin", None, None);
        assert_eq!(kept, "sua cau");
        let kept = strip_identity("sua cau kin", "le van cau", None, None);
        assert_eq!(kept, "sua cau kin");
        let (redacted, found) = redact_identity(
            "Tôi là PHAN VĂN KÍN (ĐT +84 912 345 678), tố cáo ông Lê Văn Tám",
            "Phan Văn Kín",
            Some("001099012345"),
            Some("0912345678"),
            "[người tố cáo]",
        );
        assert!(found);
        assert_eq!(
            redacted,
            "Tôi là [người tố cáo] (ĐT +[người tố cáo]), tố cáo ông Lê Văn Tám"
        );
        let (kept, found) = redact_identity(
            "Tố cáo ông Lê Văn Tám, năm 2024",
            "Phan Văn Kín",
            None,
            Some("0912345678"),
            "[người tố cáo]",
        );
        assert!(!found);
        assert_eq!(kept, "Tố cáo ông Lê Văn Tám, năm 2024");
    }
}
