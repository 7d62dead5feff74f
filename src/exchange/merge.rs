//! `tiepdan import FILE.jsonl`: another tiepdan database's JSON Lines export merged into this
//! one, without duplicates (the ids are global). The rules — what is added, what is updated,
//! what is reported — are the store's (`store::merge`); this module reads the lines.
//!
//! All or nothing: a line that cannot be read stops the merge and nothing is written. With
//! `skip_bad` the bad lines go to `FILE.rejects.csv` instead (line, code, field, reason), written
//! as they are met and capped like an import's, and the good lines are merged.

use super::ids;
use super::import::{KEPT_BAD_ROWS, MAX_REJECT_ROWS, Pass, Progress};
use super::jsonl::{PetitionLine, SCHEMA};
use super::problem::file_error;
use super::source::{UTF8_BOM, csv_error};
use crate::domain::*;
use crate::error::{Error, Result};
use crate::files::{Guard, PrivateFile};
use crate::i18n::Lang;
use crate::privacy::protected_label;
use crate::store::{Incoming, MergeCounts, Store};
use crate::text::csv_cell;
use chrono::NaiveDate;
use serde::Serialize;
use std::cell::RefCell;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::path::PathBuf;

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

/// The checks every other door applies (`PetitionLine::check`, shared with the province
/// server): dates, names, subject, identifiers, headcount, no control characters, a history that
/// starts with the receipt. The first failure names the line, the code and the field.
fn check_line(
    parsed: &PetitionLine,
    today: NaiveDate,
    line: u64,
    lang: Lang,
) -> std::result::Result<(), BadLine> {
    parsed.check(today).map_err(|e| BadLine {
        line,
        code: parsed.code.clone(),
        field: match &e {
            Error::Invalid { field, .. } => field.label(lang).to_string(),
            _ => String::new(),
        },
        reason: e.message(lang),
    })
}

/// A line the merge refuses: its number, its petition's code (when the line could be read), the
/// field at fault (when one is), and why.
#[derive(Debug, Clone)]
pub struct BadLine {
    pub line: u64,
    pub code: String,
    pub field: String,
    pub reason: String,
}

impl BadLine {
    fn unreadable(error: Error, lang: Lang) -> BadLine {
        match error {
            Error::Import { line, message } => BadLine {
                line,
                code: String::new(),
                field: String::new(),
                reason: message,
            },
            other => BadLine {
                line: 0,
                code: String::new(),
                field: String::new(),
                reason: other.message(lang),
            },
        }
    }

    /// The error that stops a merge without `skip_bad`: line, code and reason (which names the
    /// field).
    fn error(self) -> Error {
        let message = if self.code.is_empty() {
            self.reason
        } else {
            format!("{}: {}", crate::text::for_terminal(&self.code), self.reason)
        };
        Error::Import {
            line: self.line,
            message,
        }
    }
}

fn incoming(
    text: &str,
    line: u64,
    lang: Lang,
    today: NaiveDate,
) -> std::result::Result<Incoming, BadLine> {
    read_line(text, line, lang, today).map_err(|e| BadLine::unreadable(e, lang))?
}

/// The line parsed; the outer error is a line that cannot be read, the inner one a field rule.
fn read_line(
    text: &str,
    line: u64,
    lang: Lang,
    today: NaiveDate,
) -> Result<std::result::Result<Incoming, BadLine>> {
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
    incoming_of(parsed, line, lang, today)
}

/// A line already read (from a file or the province server) → the petition to merge; the outer
/// error is a line that cannot be used, the inner one a field rule.
fn incoming_of(
    parsed: PetitionLine,
    line: u64,
    lang: Lang,
    today: NaiveDate,
) -> Result<std::result::Result<Incoming, BadLine>> {
    let checked = check_line(&parsed, today, line, lang);
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
    let state =
        Lifecycle::start(&first.step()).map_err(|e| unreadable(line, lang, e.message(lang)))?;
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
    Ok(checked.map(|()| incoming))
}

/// A pulled line (the province server's) → the petition to merge, after the same checks as a
/// merged file's line; a refused one is an error naming the line, the code and the field.
pub fn from_line(
    parsed: PetitionLine,
    line: u64,
    lang: Lang,
    today: NaiveDate,
) -> Result<Incoming> {
    incoming_of(parsed, line, lang, today)?.map_err(BadLine::error)
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
    /// `skip_bad`: where bad lines go instead of stopping the merge.
    rejects: Option<&'a RefCell<Rejects>>,
}

impl Iterator for Lines<'_> {
    type Item = Result<Incoming>;

    fn next(&mut self) -> Option<Result<Incoming>> {
        loop {
            self.text.clear();
            // A line is held whole to be parsed: one longer than any petition is refused unread.
            let limit = super::source::MAX_ROW_BYTES;
            let read =
                match std::io::Read::take(&mut self.reader, limit + 1).read_line(&mut self.text) {
                    Ok(read) => read,
                    Err(e) => return Some(Err(Error::io(self.path, e))),
                };
            if read == 0 {
                return None;
            }
            if read as u64 > limit {
                return Some(Err(super::source::too_big(
                    self.line + 1,
                    self.lang,
                    read as u64,
                    limit,
                )));
            }
            self.line += 1;
            self.bytes += read as u64;
            if self.line.is_multiple_of(PROGRESS_EVERY as u64) {
                self.progress.at(self.bytes);
            }
            let text = self.text.trim_start_matches('\u{feff}').trim();
            if text.is_empty() {
                continue;
            }
            match (
                incoming(text, self.line, self.lang, self.today),
                self.rejects,
            ) {
                (Ok(incoming), _) => return Some(Ok(incoming)),
                (Err(bad), Some(rejects)) => {
                    if let Err(e) = rejects.borrow_mut().push(bad) {
                        return Some(Err(e));
                    }
                }
                (Err(bad), None) => return Some(Err(bad.error())),
            }
        }
    }
}

/// The reject file of a merge: `line,code,field,reason`, written as the bad lines come, at most
/// [`MAX_REJECT_ROWS`] of them and then a row counting the rest; created at the first bad line.
struct Rejects {
    target: PathBuf,
    guard: Guard,
    lang: Lang,
    writer: Option<csv::Writer<PrivateFile>>,
    bad: usize,
    /// The first [`KEPT_BAD_ROWS`] bad lines, for the terminal.
    kept: Vec<BadLine>,
}

impl Rejects {
    fn push(&mut self, bad: BadLine) -> Result<()> {
        self.bad += 1;
        if self.bad <= MAX_REJECT_ROWS {
            let line = bad.line.to_string();
            self.record(&[&line, &bad.code, &bad.field, &bad.reason])?;
        }
        if self.kept.len() < KEPT_BAD_ROWS {
            self.kept.push(bad);
        }
        Ok(())
    }

    fn record(&mut self, cells: &[&str]) -> Result<()> {
        let name = self.target.display().to_string();
        if self.writer.is_none() {
            let mut file = PrivateFile::create(&self.target, &self.guard)?;
            std::io::Write::write_all(&mut file, UTF8_BOM)
                .map_err(|e| Error::io(&self.target, e))?;
            let mut writer = csv::Writer::from_writer(file);
            writer
                .write_record(["line", "code", "field", "reason"])
                .map_err(|e| csv_error(&name, 0, e))?;
            self.writer = Some(writer);
        }
        let writer = self.writer.as_mut().expect("opened above");
        writer
            .write_record(cells.iter().map(|c| csv_cell(c).into_owned()))
            .map_err(|e| csv_error(&name, 0, e))
    }

    /// The file, complete and not yet in place (None when no line was bad).
    fn finish(mut self) -> Result<Option<PrivateFile>> {
        if self.bad > MAX_REJECT_ROWS {
            let note = crate::i18n::rejects_left_out(
                self.lang,
                MAX_REJECT_ROWS,
                self.bad - MAX_REJECT_ROWS,
            );
            self.record(&["", "", "", &note])?;
        }
        let target = self.target.clone();
        self.writer
            .map(|w| {
                w.into_inner()
                    .map_err(|e| Error::io(&target, e.into_error()))
            })
            .transpose()
    }
}

/// What a merge did, with its bad lines when `skip_bad` let it go past them.
#[derive(Debug, Default, Serialize)]
pub struct MergeReport {
    #[serde(flatten)]
    pub counts: MergeCounts,
    /// Lines refused (`skip_bad`): all of them are in `rejects_file`.
    pub bad_lines: usize,
    /// The first [`KEPT_BAD_ROWS`] of them.
    #[serde(skip)]
    pub bad: Vec<BadLine>,
    pub rejects_file: Option<PathBuf>,
}

/// Merges the JSON Lines export at `path` into `store` (see `store::merge` for the rules). The
/// first bad line stops it with nothing written, unless `skip_bad`: then bad lines go to
/// `FILE.rejects.csv` and the rest is merged.
pub fn import_jsonl(
    store: &mut Store,
    path: &Path,
    today: NaiveDate,
    lang: Lang,
    progress: &dyn Progress,
    skip_bad: bool,
) -> Result<MergeReport> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    store.tune_for_bulk_load()?;
    progress.pass(Pass::Write, size);
    // The reject file of an earlier round is replaced, never the input or the database.
    let rejects = RefCell::new(Rejects {
        target: super::rejects_path(path),
        guard: store.output_guard().replacing(true).also_in_use(path),
        lang,
        writer: None,
        bad: 0,
        kept: Vec::new(),
    });
    let lines = Lines {
        reader: BufReader::with_capacity(1 << 16, file),
        path,
        lang,
        line: 0,
        bytes: 0,
        text: String::new(),
        progress,
        today,
        rejects: skip_bad.then_some(&rejects),
    };
    let what = format!(
        "merge {}",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    let counts = store.merge_petitions(lines, today, &what);
    progress.finish();
    let counts = counts?;
    let mut rejects = rejects.into_inner();
    let (bad_lines, bad) = (rejects.bad, std::mem::take(&mut rejects.kept));
    // Moved into place after the merge committed: a reject file describes a merge that happened.
    let rejects_file = match rejects.finish()? {
        Some(file) => Some(file.persist()?),
        None => None,
    };
    Ok(MergeReport {
        counts,
        bad_lines,
        bad,
        rejects_file,
    })
}
