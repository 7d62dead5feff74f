//! The board's and the dashboard's lists as CSV: the same rows the screen shows (the whole
//! filtered board, not just the visible window), written owner-only through the exchange's
//! private-file helper, every cell guarded against spreadsheet formula injection.

use super::board::BoardState;
use super::dashboard::{DashboardState, Section};
use tiepdan::Result;
use tiepdan::i18n::Lang;
use tiepdan::privacy::{Audience, list_subject};
use tiepdan::session::Session;

pub type Table = (Vec<String>, Vec<Vec<String>>);

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

pub fn board(board: &BoardState, ctx: &Session) -> Result<Table> {
    let lang = ctx.lang;
    let rows = board
        .all_rows(ctx)?
        .into_iter()
        .map(|r| {
            vec![
                r.code,
                r.kind.label(lang).to_string(),
                r.status.label(lang).to_string(),
                r.due.due_on.map(|d| d.to_string()).unwrap_or_default(),
                r.due.days_left.map(|d| d.to_string()).unwrap_or_default(),
                r.due.unit.code().to_string(),
                r.due.urgency_code().to_string(),
                r.officer.unwrap_or_default(),
                r.flags
                    .iter()
                    .map(|f| f.code())
                    .collect::<Vec<_>>()
                    .join(";"),
                list_subject(r.kind, &r.subject, Audience::File, lang).into_owned(),
            ]
        })
        .collect();
    Ok((
        header(&[
            "code",
            "kind",
            "status",
            "due_on",
            "days_left",
            "unit",
            "urgency",
            "officer",
            "flags",
            "subject",
        ]),
        rows,
    ))
}

pub fn dashboard(d: &DashboardState, lang: Lang) -> Table {
    match d.section {
        Section::Oldest => (
            header(&["code", "kind", "status", "received_on", "officer"]),
            d.data
                .oldest
                .iter()
                .map(|r| {
                    vec![
                        r.code.clone(),
                        r.kind.label(lang).to_string(),
                        r.status.label(lang).to_string(),
                        r.received_on.to_string(),
                        r.officer.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        ),
        Section::Overdue => (
            header(&["unit", "officer", "overdue"]),
            d.data
                .overdue_by_officer
                .iter()
                .map(|(u, o, n)| vec![u.clone(), o.clone(), n.to_string()])
                .collect(),
        ),
        Section::Backlog => (
            header(&["status", "open"]),
            d.data
                .backlog
                .iter()
                .map(|(s, n)| vec![s.label(lang).to_string(), n.to_string()])
                .collect(),
        ),
        Section::Hotspots => (
            header(&["filings", "open", "people", "latest_on", "subject", "codes"]),
            d.hotspots
                .iter()
                .map(|c| {
                    vec![
                        c.count.to_string(),
                        c.open.to_string(),
                        c.people.to_string(),
                        c.latest_on.to_string(),
                        c.subject.clone(),
                        c.codes.join(";"),
                    ]
                })
                .collect(),
        ),
        Section::GroupVisits => (
            header(&["date", "headcount", "officer"]),
            d.data
                .group_visits
                .iter()
                .map(|(day, n, o)| vec![day.clone(), n.to_string(), o.clone()])
                .collect(),
        ),
        Section::Received => (
            header(&["month", "kind", "received"]),
            d.data
                .received
                .iter()
                .map(|(m, k, n)| vec![m.clone(), k.label(lang).to_string(), n.to_string()])
                .collect(),
        ),
    }
}

/// A list as CSV bytes: the reports' writer, with a BOM so Excel reads Vietnamese and every
/// cell guarded against formula injection (plain numbers stay numbers).
pub fn csv_bytes(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let table = tiepdan::report::render::Table {
        headers: header.to_vec(),
        rows: rows.to_vec(),
        ..Default::default()
    };
    let mut bytes = Vec::new();
    tiepdan::report::render::write_csv(&table, &mut bytes, "CSV")?;
    Ok(bytes)
}
