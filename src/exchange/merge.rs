//! `tiepdan import FILE.jsonl`: another tiepdan database's JSON Lines export merged into this
//! one, without duplicates (the ids are global). The rules — what is added, what is updated,
//! what is reported — are the store's (`store::merge`); this module reads the lines.
//!
//! All or nothing: a line that cannot be read stops the merge and nothing is written.

use super::ids;
use super::import::{Pass, Progress};
use super::jsonl::{PetitionLine, SCHEMA};
use super::problem::file_error;
use crate::domain::*;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::privacy::protected_label;
use crate::store::{Incoming, MergeCounts, Store};
use chrono::NaiveDate;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// Lines between two progress updates.
const PROGRESS_EVERY: usize = 256;

fn unreadable(line: u64, lang: Lang, why: impl std::fmt::Display) -> Error {
    file_error(
        line,
        lang,
        format!("không đọc được dòng này ({why})"),
        format!("cannot read this line ({why})"),
    )
}

/// One line → the petition to merge.
/// The checks every other door applies, on a merged line: dates, names, subject, identifiers,
/// headcount, no control characters. The first failure names the line, the code and the field.
fn check_incoming(incoming: &Incoming, today: NaiveDate, line: u64, lang: Lang) -> Result<()> {
    use crate::error::Problem;
    use crate::validate::{self, MAX_LINE, MAX_NAME};
    let p = &incoming.petition;
    let one_line = |field: InputField, text: &str, max: usize| -> Result<()> {
        if text.chars().any(char::is_control) {
            return Err(Error::invalid(field, Problem::ControlCharacters));
        }
        validate::required(field, text, max).map(|_| ())
    };
    let checked = (|| -> Result<()> {
        one_line(InputField::Code, &p.code, 40)?;
        let earliest = NaiveDate::from_ymd_opt(1945, 1, 1).expect("a date");
        if p.received_on < earliest || p.received_on > today + chrono::Days::new(1) {
            return Err(Error::invalid(
                InputField::ReceivedOn,
                Problem::DateOutOfRange,
            ));
        }
        one_line(InputField::Subject, &p.subject, MAX_LINE)?;
        for citizen in &incoming.citizens {
            one_line(InputField::Name, &citizen.full_name, MAX_NAME)?;
            if let Some(number) = &citizen.id_number {
                validate::id_number(number)?;
            }
            if let Some(phone) = &citizen.phone {
                validate::phone(phone)?;
            }
        }
        if let Some(visit) = &incoming.visit {
            validate::headcount(visit.headcount)?;
        }
        if let Some(first) = incoming.events.first()
            && (first.kind != EventKind::Received || first.on != p.received_on)
        {
            return Err(Error::invalid(InputField::ReceivedOn, Problem::DateInvalid));
        }
        Ok(())
    })();
    checked.map_err(|e| Error::Import {
        line,
        message: format!(
            "{}: {}",
            crate::text::for_terminal(&p.code),
            e.message(lang)
        ),
    })
}

fn incoming(text: &str, line: u64, lang: Lang, today: NaiveDate) -> Result<Incoming> {
    let parsed: PetitionLine = serde_json::from_str(text).map_err(|e| {
        // An older export has no ids to merge by: say so rather than name a missing key.
        if text.contains("\"tiepdan.petition/1\"") {
            file_error(
                line,
                lang,
                "tệp xuất theo dạng cũ tiepdan.petition/1 (không có mã định danh để gộp): hãy xuất lại bằng phiên bản này".into(),
                "the export is in the old tiepdan.petition/1 layout (no ids to merge by): export it again with this version".into(),
            )
        } else {
            unreadable(line, lang, e)
        }
    })?;
    if parsed.schema != SCHEMA {
        return Err(unreadable(
            line,
            lang,
            format!("schema “{}”", parsed.schema),
        ));
    }
    let id = parsed.id;
    let mut citizens = parsed.filers;
    if parsed.identity_protected && citizens.is_empty() {
        // The denouncer stays with the desk that received them; here someone did file it (so
        // it is not anonymous), kept under a mask. The same id on every merge of this petition.
        citizens.push(Citizen {
            id: ids::name_based(&["protected", &id.to_string()]),
            full_name: protected_label(Lang::Vi).to_string(),
            id_number: None,
            phone: None,
            address: None,
            province: None,
            commune: None,
            birth_year: None,
        });
    }
    let events: Vec<Event> = parsed
        .events
        .into_iter()
        .map(|e| Event {
            id: e.id,
            petition_id: id,
            kind: e.kind,
            on: e.on,
            recorded_at: e.recorded_at,
            actor: e.actor,
            detail: e.detail,
        })
        .collect();
    let first = events
        .first()
        .ok_or_else(|| unreadable(line, lang, "events: []"))?;
    let state = Lifecycle::start(&first.step())?;
    let visit = parsed.visit.map(|v| Visit {
        id: v.id,
        visited_at: v.visited_at,
        officer: v.officer,
        kind: v.visit_kind,
        leader_present: v.leader_present,
        channel: v.channel,
        headcount: v.headcount,
        notes: String::new(),
        handling: v.handling,
        attendees: v.attendees,
        petition_ids: vec![id],
    });
    let petition = Petition {
        id,
        code: parsed.code,
        received_on: parsed.received_on,
        source: parsed.source,
        source_agency: parsed.source_agency,
        kind: parsed.kind,
        round: parsed.round,
        field: parsed.field,
        subject: parsed.subject,
        summary: parsed.summary,
        filers: citizens.iter().map(|c| c.id).collect(),
        remote_area: parsed.remote_area,
        flags: parsed.flags,
        unit: parsed.unit,
        officer: parsed.officer,
        repeat_of: parsed.repeat_of_id,
        visit_id: visit.as_ref().map(|v| v.id),
        state,
    };
    let incoming = Incoming {
        petition,
        citizens,
        visit,
        events,
    };
    check_incoming(&incoming, today, line, lang)?;
    Ok(incoming)
}

/// The lines of the file as petitions; stops at the first error, which the merge returns.
struct Lines<'a> {
    reader: BufReader<File>,
    path: &'a Path,
    lang: Lang,
    line: u64,
    bytes: u64,
    text: String,
    progress: &'a dyn Progress,
    today: NaiveDate,
}

impl Iterator for Lines<'_> {
    type Item = Result<Incoming>;

    fn next(&mut self) -> Option<Result<Incoming>> {
        loop {
            self.text.clear();
            let read = match self.reader.read_line(&mut self.text) {
                Ok(read) => read,
                Err(e) => return Some(Err(Error::io(self.path, e))),
            };
            if read == 0 {
                return None;
            }
            self.line += 1;
            self.bytes += read as u64;
            if self.line.is_multiple_of(PROGRESS_EVERY as u64) {
                self.progress.at(self.bytes);
            }
            let text = self.text.trim_start_matches('\u{feff}').trim();
            if !text.is_empty() {
                return Some(incoming(text, self.line, self.lang, self.today));
            }
        }
    }
}

/// Merges the JSON Lines export at `path` into `store` (see `store::merge` for the rules).
pub fn import_jsonl(
    store: &mut Store,
    path: &Path,
    today: NaiveDate,
    lang: Lang,
    progress: &dyn Progress,
) -> Result<MergeCounts> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    store.tune_for_bulk_load()?;
    progress.pass(Pass::Write, size);
    let lines = Lines {
        reader: BufReader::with_capacity(1 << 16, file),
        path,
        lang,
        line: 0,
        bytes: 0,
        text: String::new(),
        progress,
        today,
    };
    let what = format!(
        "merge {}",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    let counts = store.merge_petitions(lines, today, &what);
    progress.finish();
    counts
}
