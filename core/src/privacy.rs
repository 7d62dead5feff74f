//! Denouncers' identities are secret (Luật Tố cáo 2018, Điều 9(1)(b) and 47; Nghị định 31/2019):
//! every list, search result, export and report shows this instead of who filed a denunciation.

use crate::domain::{Citizen, Petition, PetitionKind};
use crate::i18n::Lang;

pub fn protects_identity(petition_kind: PetitionKind) -> bool {
    petition_kind == PetitionKind::Denunciation
}

pub use crate::i18n::{anonymous_label, protected_label};

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
}
