//! Sổ tiếp công dân (Mẫu số 03, Thông tư 04/2021/TT-TTCP): the visits of a period in the official
//! columns. A denouncer's identity is secret (see `privacy`): when a visit brought a denunciation,
//! nothing that identifies the people present is written — no name, address, ID number or phone —
//! and the free-text notes are left out too, since officers often write names in them.

use super::{Period, render::Table};
use crate::error::Result;
use crate::i18n::Lang;
use crate::privacy::{protected_label, protects_identity};
use crate::store::{LogbookVisit, Store};

/// The official column headings, in order (Vietnamese: the form is a Vietnamese legal form).
pub const COLUMNS: [&str; 10] = [
    "STT",
    "Ngày tiếp",
    "Họ tên – Địa chỉ",
    "CMND/CCCD/Hộ chiếu",
    "Nội dung vụ việc",
    "Phân loại đơn / Số người",
    "Cơ quan đã giải quyết",
    "Hướng xử lý",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
];

const COLUMNS_EN: [&str; 10] = [
    "No.",
    "Date",
    "Name – address",
    "ID number",
    "Matter",
    "Kind / headcount",
    "Agency that has dealt with it",
    "Handling",
    "Outcome follow-up",
    "Notes",
];

fn join(parts: impl IntoIterator<Item = String>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

fn row(number: usize, entry: &LogbookVisit, lang: Lang) -> Vec<String> {
    let masked = entry.petitions.iter().any(|p| protects_identity(p.kind));
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
    let handling = join(
        entry
            .petitions
            .iter()
            .map(|p| match &p.state.transferred_to {
                Some(agency) => format!("{} ({agency})", visit.handling.label(lang)),
                None => visit.handling.label(lang).to_string(),
            }),
    );
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
        join(entry.petitions.iter().map(|p| p.subject.clone())),
        format!("{kinds} / {}", visit.headcount),
        join(
            entry
                .petitions
                .iter()
                .filter_map(|p| p.source_agency.clone()),
        ),
        handling,
        follow_up,
        join(notes),
    ]
}

/// The logbook of a period, one row per visit.
pub fn logbook(store: &Store, period: &Period, lang: Lang) -> Result<Table> {
    let visits = store.logbook_visits(period.from, period.to)?;
    let headers = match lang {
        Lang::Vi => COLUMNS,
        Lang::En => COLUMNS_EN,
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
            .map(|(i, v)| row(i + 1, v, lang))
            .collect(),
        figures: None,
    })
}
