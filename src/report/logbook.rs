//! Sổ tiếp công dân (Mẫu số 03, Thông tư 04/2021/TT-TTCP): the visits of a period in the official
//! columns. A denouncer's identity is secret (see `privacy`): when a visit brought a denunciation,
//! nothing that identifies the people present is written — no name, address, ID number or phone —
//! and the free-text notes are left out too, since officers often write names in them.

use super::{
    Period,
    render::{Print, Table},
};
use crate::domain::{Petition, Status};
use crate::error::Result;
use crate::i18n::{self, Lang};
use crate::policy::Policy;
use crate::privacy::{denouncer_mention, protected_label, protects_identity};
use crate::store::{LogbookVisit, Store};

/// The official column headings, in order (Vietnamese: the form is a Vietnamese legal form). The
/// three "Hướng xử lý" sub-columns sit under one group label (see [`HANDLING_GROUP`]).
pub const COLUMNS: [&str; 12] = i18n::LOGBOOK_COLUMNS_VI;

/// The label over the three handling sub-columns (columns 7–9).
pub const HANDLING_GROUP: (usize, usize) = (7, 9);

/// Column widths in characters, so the form prints one page wide in landscape.
const WIDTHS: [u16; 12] = [5, 11, 26, 15, 34, 14, 16, 12, 14, 16, 22, 14];

/// Which of the three handling sub-columns a petition's state at the period's end falls in.
fn handling_column(status: Status) -> Option<usize> {
    match status {
        Status::Accepted
        | Status::Verifying
        | Status::Suspended
        | Status::Resolved
        | Status::Withdrawn => Some(7),
        Status::Returned | Status::Guided => Some(8),
        Status::Transferred => Some(9),
        Status::Received
        | Status::Classified
        | Status::Filed
        | Status::InfoHandled
        | Status::Voided => None,
    }
}

fn join(parts: impl IntoIterator<Item = String>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A petition as it stood at the end of `day`: its events up to that day replayed.
fn as_of(
    store: &Store,
    policy: &Policy,
    petition: &Petition,
    day: chrono::NaiveDate,
) -> Result<Petition> {
    let steps: Vec<_> = store
        .events(petition.id)?
        .iter()
        .filter(|e| e.on <= day)
        .map(|e| e.step())
        .collect();
    let mut then = petition.clone();
    if let Ok(state) = policy.replay(petition, &steps) {
        then.state = state;
    }
    Ok(then)
}

fn row(number: usize, entry: &LogbookVisit, lang: Lang, identities: bool) -> Vec<String> {
    let masked = !identities && entry.petitions.iter().any(|p| protects_identity(p.kind));
    let visit = &entry.visit;
    let (people, ids) = if masked {
        (
            protected_label(lang).to_string(),
            protected_label(lang).to_string(),
        )
    } else {
        let people = join(entry.people.iter().map(|c| match &c.address {
            Some(address) => format!("{} – {address}", c.full_name),
            None => c.full_name.clone(),
        }));
        (
            people,
            join(entry.people.iter().filter_map(|c| c.id_number.clone())),
        )
    };
    let kinds = join(
        entry
            .petitions
            .iter()
            .map(|p| p.kind.label(lang).to_string()),
    );
    // Thụ lý | trả lại và hướng dẫn | chuyển đơn: each petition in the sub-column of its handling
    // as of the period's end (the agency named where it was sent).
    let mut handling = [Vec::new(), Vec::new(), Vec::new()];
    for p in &entry.petitions {
        if let Some(col) = handling_column(p.status()) {
            let text = match &p.state.transferred_to {
                Some(agency) if col != 7 => format!("{} ({agency})", p.code),
                _ => p.code.clone(),
            };
            handling[col - 7].push(text);
        }
    }
    let [accepted, returned, transferred] = handling.map(join);
    let follow_up = join(entry.petitions.iter().map(|p| {
        let decision = p
            .state
            .decision_no
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        format!("{}: {}{decision}", p.code, p.status().label(lang))
    }));
    let mut notes = Vec::new();
    if visit.leader_present {
        notes.push(
            lang.pick("Lãnh đạo tiếp", "Received by the head")
                .to_string(),
        );
    }
    if visit.is_group() {
        notes.push(lang.pick("Đoàn đông người", "Group").to_string());
    }
    if entry.petitions.iter().any(|p| p.repeat_of.is_some()) {
        notes.push(lang.pick("Vụ việc cũ", "Repeat").to_string());
    }
    vec![
        number.to_string(),
        visit.visited_at.format("%d/%m/%Y").to_string(),
        people,
        ids,
        // A denunciation's matter without the denouncer's name, ID or phone written into it.
        join(entry.petitions.iter().map(|p| {
            if masked {
                crate::privacy::redact_filers(&p.subject, &entry.people, denouncer_mention(lang)).0
            } else {
                p.subject.clone()
            }
        })),
        format!("{kinds} / {}", visit.headcount),
        join(
            entry
                .petitions
                .iter()
                .filter_map(|p| p.source_agency.clone()),
        ),
        accepted,
        returned,
        transferred,
        follow_up,
        join(notes),
    ]
}

/// The logbook of a period, one row per visit, each petition as it stood at the period's end.
/// Denouncers are masked; see [`logbook_with_identities`] for the complete Sổ.
pub fn logbook(store: &Store, period: &Period, lang: Lang) -> Result<Table> {
    build(store, period, lang, false)
}

/// The complete Sổ (Mẫu số 03 records every filer): denouncers named, every page and the title
/// marked "MẬT" (their name and address are classified Mật, Quyết định 774/QĐ-TTg). Only for a
/// role that may see a denouncer's identity, audited; the store must hold the desk key.
pub fn logbook_with_identities(store: &mut Store, period: &Period, lang: Lang) -> Result<Table> {
    store.record_identities_shown("logbook", &period.label)?;
    let mut table = build(store, period, lang, true)?;
    let mark = crate::i18n::classified_mark(lang);
    table.title = format!("{mark} — {}", table.title);
    table.print.classified = Some(mark.to_string());
    Ok(table)
}

fn build(store: &Store, period: &Period, lang: Lang, identities: bool) -> Result<Table> {
    let mut visits = store.logbook_visits(period.from, period.to)?;
    let policy = store.policy();
    for visit in &mut visits {
        for p in &mut visit.petitions {
            *p = as_of(store, policy, p, period.to)?;
        }
    }
    let headers = match lang {
        Lang::Vi => COLUMNS,
        Lang::En => i18n::LOGBOOK_COLUMNS_EN,
    };
    Ok(Table {
        title: format!(
            "{} {} ({})",
            lang.pick("Sổ tiếp công dân", "Citizen reception logbook"),
            period.label,
            super::period_text(period)
        ),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: visits
            .iter()
            .enumerate()
            .map(|(i, v)| row(i + 1, v, lang, identities))
            .collect(),
        figures: None,
        print: Print {
            form: Some(i18n::LOGBOOK_FORM.into()),
            widths: WIDTHS.to_vec(),
            numbers: vec![0],
            dates: vec![1],
            groups: vec![(
                HANDLING_GROUP.0,
                HANDLING_GROUP.1,
                i18n::logbook_handling_group(lang).into(),
            )],
            ..Print::default()
        },
    })
}
