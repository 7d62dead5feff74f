//! The board's and the dashboard's lists as CSV: the same rows the screen shows (the whole
//! filtered board, not just the visible window), written owner-only through the exchange's
//! private-file helper, every cell guarded against spreadsheet formula injection.

use super::board::BoardState;
use super::dashboard::{DashboardState, Section};
use std::path::Path;
use tiepdan::exchange::{Guard, PrivateFile};
use tiepdan::i18n::Lang;
use tiepdan::privacy::{Audience, list_subject};
use tiepdan::session::Session;
use tiepdan::text::csv_cell;
use tiepdan::{Error, Result};

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

/// Writes a finished file (a report as CSV, XLSX or Markdown) owner-only and atomically.
pub fn write_bytes(path: &Path, bytes: &[u8], guard: &Guard) -> Result<()> {
    use std::io::Write;
    let mut file = PrivateFile::create(path, guard)?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    file.persist()?;
    Ok(())
}

pub fn write_csv(
    path: &Path,
    header: &[String],
    rows: &[Vec<String>],
    guard: &Guard,
) -> Result<()> {
    let file = PrivateFile::create(path, guard)?;
    let mut out = csv::Writer::from_writer(file);
    let fail = |e: csv::Error| Error::io(path, std::io::Error::other(e.to_string()));
    out.write_record(header.iter().map(|c| csv_cell(c).into_owned()))
        .map_err(fail)?;
    for row in rows {
        out.write_record(row.iter().map(|c| csv_cell(c).into_owned()))
            .map_err(fail)?;
    }
    let file = out
        .into_inner()
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    file.persist()?;
    Ok(())
}
