//! Denouncers' identities are secret (Luật Tố cáo 2018, Điều 9(1)(b) and 47; Nghị định 31/2019):
//! every list, search result, export and report shows this instead of who filed a denunciation.

use crate::domain::{Citizen, Petition, PetitionKind};
use crate::i18n::Lang;

pub fn protects_identity(petition_kind: PetitionKind) -> bool {
    petition_kind == PetitionKind::Denunciation
}

pub fn protected_label(lang: Lang) -> &'static str {
    lang.pick("(danh tính được bảo mật)", "(identity protected)")
}

pub fn anonymous_label(lang: Lang) -> &'static str {
    lang.pick("(nặc danh)", "(anonymous)")
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
