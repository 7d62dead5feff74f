//! `tiepdan export --format csv`: the logbook for Excel, one row per petition, with the import's
//! column names so that export → import into an empty database gives the same petitions back.
//!
//! UTF-8 with a BOM (Excel otherwise reads Vietnamese as mojibake), every cell through
//! `text::csv_cell` (no cell can start a formula), and no denouncer's identity anywhere.

use super::Column;
use crate::domain::{Citizen, Flag};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::privacy::{anonymous_label, denouncer_mention, protected_label, protects_identity};
use crate::store::{ExportRecord, Store};
use crate::text::csv_cell;
use chrono::NaiveDate;
use std::io::Write;

/// Who filed it, as an export may show it: the real people, or one masked/anonymous entry.
pub(super) enum Filers<'a> {
    People(&'a [Citizen]),
    Protected,
    Anonymous,
}

/// The one place both export formats decide what of the filers they may show. An anonymous
/// denunciation is shown as anonymous (that reveals nobody, and the law treats it differently).
pub(super) fn filers(record: &ExportRecord) -> Filers<'_> {
    if record.petition.is_anonymous() || record.filers.is_empty() {
        Filers::Anonymous
    } else if protects_identity(record.petition.kind) {
        Filers::Protected
    } else {
        Filers::People(&record.filers)
    }
}

/// A denunciation's subject or summary as a file may carry it: the matter, with every mention
/// of the denouncer's name, ID or phone replaced (a file can be forwarded anywhere).
pub(super) fn free_text(record: &ExportRecord, text: &str, lang: Lang) -> String {
    if protects_identity(record.petition.kind) {
        crate::privacy::redact_filers(text, &record.filers, denouncer_mention(lang)).0
    } else {
        text.to_string()
    }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn yes(value: bool, lang: Lang) -> String {
    if value {
        lang.pick("có", "yes").to_string()
    } else {
        String::new()
    }
}

/// Several filers are joined with "; ", each column in the same order (the import splits them).
fn joined(people: &[Citizen], value: impl Fn(&Citizen) -> Option<&str>) -> String {
    if people.iter().all(|c| value(c).is_none()) {
        return String::new();
    }
    people
        .iter()
        .map(|c| value(c).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("; ")
}

fn cell(record: &ExportRecord, column: Column, lang: Lang) -> String {
    let p = &record.petition;
    let state = &p.state;
    let identity = |value: &dyn Fn(&Citizen) -> Option<&str>| match filers(record) {
        Filers::People(people) => joined(people, value),
        Filers::Protected => protected_label(lang).to_string(),
        Filers::Anonymous => String::new(),
    };
    match column {
        Column::Code => p.code.clone(),
        Column::ReceivedOn => p.received_on.to_string(),
        Column::CitizenName => match filers(record) {
            Filers::Anonymous => anonymous_label(lang).to_string(),
            _ => identity(&|c| Some(c.full_name.as_str())),
        },
        Column::CitizenId => identity(&|c| c.id_number.as_deref()),
        Column::Phone => identity(&|c| c.phone.as_deref()),
        Column::Address => identity(&|c| c.address.as_deref()),
        Column::Kind => p.kind.label(lang).into(),
        Column::Round => p
            .round
            .map(|r| r.label(lang).to_string())
            .unwrap_or_default(),
        Column::Field => p.field.label(lang).into(),
        Column::Subject => free_text(record, &p.subject, lang),
        Column::Summary => free_text(record, &p.summary, lang),
        Column::Source => p.source.label(lang).into(),
        Column::SourceAgency => p.source_agency.clone().unwrap_or_default(),
        Column::Complexity => state.complexity.label(lang).into(),
        Column::VisitKind => record
            .visit
            .as_ref()
            .map(|v| v.kind.label(lang).to_string())
            .unwrap_or_default(),
        Column::Headcount => record
            .visit
            .as_ref()
            .map(|v| v.headcount.to_string())
            .unwrap_or_default(),
        Column::LeaderPresent => yes(
            record.visit.as_ref().is_some_and(|v| v.leader_present),
            lang,
        ),
        Column::RemoteArea => yes(p.remote_area, lang),
        Column::Flags => p
            .flags
            .iter()
            .map(|f: Flag| f.label(lang))
            .collect::<Vec<_>>()
            .join(", "),
        Column::Officer => p
            .officer
            .clone()
            .or_else(|| record.visit.as_ref().map(|v| v.officer.clone()))
            .unwrap_or_default(),
        Column::Status => p.status().label(lang).into(),
        Column::AcceptedOn => date(state.accepted_on),
        // The day the petition left the desk's hands: the decision, or the transfer, guidance,
        // return, filing or withdrawal.
        Column::ResolvedOn => date(state.closed_on),
        Column::DecisionNo => state.decision_no.clone().unwrap_or_default(),
        Column::TransferredTo => state.transferred_to.clone().unwrap_or_default(),
    }
}

pub(super) fn write_error(dest: &str, err: csv::Error) -> Error {
    match err.into_kind() {
        csv::ErrorKind::Io(e) => Error::io(dest, e),
        other => Error::io(dest, std::io::Error::other(format!("{other:?}"))),
    }
}

/// Writes every petition as one logbook row; returns how many. `dest` names the output in errors.
pub fn export_csv(store: &Store, lang: Lang, out: &mut dyn Write, dest: &str) -> Result<usize> {
    out.write_all(b"\xEF\xBB\xBF")
        .map_err(|e| Error::io(dest, e))?;
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(Column::ALL.iter().map(|c| c.name()))
        .map_err(|e| write_error(dest, e))?;
    let count = store.for_each_petition(|record| {
        writer
            .write_record(
                Column::ALL
                    .iter()
                    .map(|c| csv_cell(&cell(&record, *c, lang)).into_owned()),
            )
            .map_err(|e| write_error(dest, e))
    })?;
    writer.flush().map_err(|e| Error::io(dest, e))?;
    Ok(count)
}
