//! `tiepdan import`: a logbook (CSV or a workbook's sheet) into the store, all or nothing.
//!
//! The file is streamed, never held: a first pass validates every row (the desk's validator,
//! the lifecycle's replay, the code checks) and keeps one verdict per row; with bad rows and no
//! `skip_bad` nothing is written and every bad row is reported. Otherwise the good rows are read
//! again and streamed into one transaction: the rows with a code first, so their codes are
//! reserved before a row without one draws a new code. With `skip_bad` the bad rows go to
//! `FILE.rejects.csv` (original columns plus a `reason` column) to be fixed and imported again.
//!
//! Memory does not grow with bad rows: the report keeps the first [`KEPT_BAD_ROWS`] of them and
//! counts the rest; the reject file is written as the check pass meets them, and stops after
//! [`MAX_REJECT_ROWS`] rows with a last row saying how many more there were.

use super::Column;
use super::header::LogbookRows;
use super::mapping::Mapping;
use super::problem::RowProblem;
use super::row::{ColumnIndex, RowContext, parse_row};
use super::source::{RawRow, UTF8_BOM, csv_error};
use crate::error::{Error, Result};
use crate::files::PrivateFile;
use crate::i18n::Lang;
use crate::store::{BulkLoad, Case, Store};
use crate::text::csv_cell;
use chrono::NaiveDate;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub today: NaiveDate,
    /// Import the good rows and write the bad ones to the reject file.
    pub skip_bad: bool,
    /// The language of the reasons in the reject file and of whole-file errors.
    pub lang: Lang,
    /// Headers the import does not know by itself, the sheet, the header row (`--mapping`).
    pub mapping: Mapping,
}

/// Which pass over the file is running, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    Check,
    Write,
}

/// What the import tells a progress display; the library itself draws nothing.
pub trait Progress {
    /// A pass over the file begins: `total` units (bytes of a CSV, rows of a sheet) to go.
    fn pass(&self, pass: Pass, total: u64);
    fn at(&self, done: u64);
    fn finish(&self);
}

/// No display.
pub struct Quiet;

impl Progress for Quiet {
    fn pass(&self, _: Pass, _: u64) {}
    fn at(&self, _: u64) {}
    fn finish(&self) {}
}

/// Rows between two progress updates.
const PROGRESS_EVERY: usize = 512;

/// Bad rows the report keeps (for the terminal and `--json`); the rest are counted.
pub const KEPT_BAD_ROWS: usize = 50;

/// Rows a reject file holds at most; a last row tells how many more there were. A file bad
/// throughout (a wrong mapping, the wrong sheet) is one fix, not a million-row reject file.
pub const MAX_REJECT_ROWS: usize = 100_000;

/// A refused row, with its cells as read so the reject file can give them back.
#[derive(Debug)]
pub struct BadRow {
    /// The file's line where the row starts (the header is line 1).
    pub line: u64,
    pub problems: Vec<RowProblem>,
}

#[derive(Debug, Default)]
pub struct ImportReport {
    /// Data rows read (blank rows not counted).
    pub rows: usize,
    pub added: usize,
    /// Rows whose petition was already in the database (an earlier import of the same file).
    pub already_present: usize,
    /// The first [`KEPT_BAD_ROWS`] bad rows.
    pub bad: Vec<BadRow>,
    /// Bad rows in all (`bad` holds the first of them).
    pub bad_rows: usize,
    /// Where the bad rows were written (`skip_bad` only).
    pub rejects_file: Option<PathBuf>,
    /// Whether anything was written: false when bad rows stopped the import.
    pub committed: bool,
    /// Headers the import does not know (an "STT" column, notes): read past, not imported.
    pub ignored_columns: Vec<String>,
    /// Rows whose code already belonged to a different petition: stored under a new code.
    pub recoded: Vec<Recoded>,
    headers: Vec<String>,
    index: ColumnIndex,
}

/// A row stored under a new code because its own was taken by a different petition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recoded {
    pub line: u64,
    /// The code the file gave.
    pub code: String,
    /// The code it has here.
    pub given: String,
}

/// One bad row for scripts (`tiepdan import --json`).
#[derive(Debug, Clone, Serialize)]
pub struct BadRowSummary {
    pub line: u64,
    pub reasons: Vec<String>,
}

impl ImportReport {
    /// The column's name as this file writes it (its canonical name if the file lacks it).
    fn header(&self, column: Column) -> String {
        self.index
            .position(column)
            .and_then(|p| self.headers.get(p))
            .map(|h| h.trim().to_string())
            .unwrap_or_else(|| column.name().to_string())
    }

    pub fn reasons(&self, bad: &BadRow, lang: Lang) -> Vec<String> {
        let header = |c| self.header(c);
        bad.problems
            .iter()
            .map(|p| p.message(lang, &header))
            .collect()
    }

    /// Each bad row as the translated `Error::Import { line, message }`.
    pub fn errors(&self, lang: Lang) -> Vec<Error> {
        self.bad
            .iter()
            .map(|bad| Error::Import {
                line: bad.line,
                message: self.reasons(bad, lang).join("; "),
            })
            .collect()
    }

    pub fn bad_summary(&self, lang: Lang) -> Vec<BadRowSummary> {
        self.bad
            .iter()
            .map(|bad| BadRowSummary {
                line: bad.line,
                reasons: self.reasons(bad, lang),
            })
            .collect()
    }
}

/// `logbook.csv` → `logbook.rejects.csv`, beside it.
pub fn rejects_path(input: &Path) -> PathBuf {
    input.with_extension("rejects.csv")
}

/// A coded row's petition may already be stored (the same row imported before, or this
/// database's own export: same code, day, kind and subject), or its code may already belong to a
/// different petition (another desk's numbering): then the row is a new petition under the
/// first free `CODE-n`.
enum CodeCheck {
    New,
    AlreadyPresent,
    Recode(String),
}

/// Codes met so far in the file (and given by re-coding): the row's line and petition id.
type SeenCodes = HashMap<String, (u64, crate::domain::Id)>;

fn check_code(store: &Store, case: &Case, line: u64, seen: &mut SeenCodes) -> Result<CodeCheck> {
    let code = &case.petition.code;
    let id = case.petition.id;
    if code.is_empty() {
        return Ok(CodeCheck::New);
    }
    if let Some((_, first)) = seen.get(code) {
        if *first == id {
            // The same row again in the same file: one petition.
            return Ok(CodeCheck::AlreadyPresent);
        }
        return Ok(CodeCheck::Recode(free_code(store, code, line, id, seen)?));
    }
    seen.insert(code.clone(), (line, id));
    Ok(match store.code_owner(code)? {
        None => CodeCheck::New,
        Some(owner)
            if owner.id == id
                || (owner.received_on == case.petition.received_on
                    && owner.kind == case.petition.kind
                    && crate::text::fold(&owner.subject)
                        == crate::text::fold(&case.petition.subject)) =>
        {
            CodeCheck::AlreadyPresent
        }
        // Imported before and re-coded then: it is here under the code it was given.
        Some(_) if store.petition_by_id(id)?.is_some() => CodeCheck::AlreadyPresent,
        Some(_) => CodeCheck::Recode(free_code(store, code, line, id, seen)?),
    })
}

/// The first `CODE-n` (n ≥ 2) neither in the database nor met in the file; kept as met.
fn free_code(
    store: &Store,
    code: &str,
    line: u64,
    id: crate::domain::Id,
    seen: &mut SeenCodes,
) -> Result<String> {
    for n in 2.. {
        let candidate = format!("{code}-{n}");
        if !seen.contains_key(&candidate) && store.code_owner(&candidate)?.is_none() {
            seen.insert(candidate.clone(), (line, id));
            return Ok(candidate);
        }
    }
    unreachable!("some suffix is free")
}

/// The reject file, written as the check pass meets the bad rows: the original header and
/// cells, plus the reasons. A `reason` column from an earlier round (re-importing a fixed reject
/// file) is overwritten, not repeated. Created at the first bad row; after [`MAX_REJECT_ROWS`]
/// rows only counted, and [`Rejects::finish`] adds a row saying how many were left out.
struct Rejects {
    writer: csv::Writer<PrivateFile>,
    target: PathBuf,
    width: usize,
    reason_at: usize,
    written: usize,
    left_out: usize,
}

impl Rejects {
    fn create(target: &Path, guard: &crate::files::Guard, headers: &[String]) -> Result<Rejects> {
        let mut file = PrivateFile::create(target, guard)?;
        std::io::Write::write_all(&mut file, UTF8_BOM).map_err(|e| Error::io(target, e))?;
        let mut headers = headers.to_vec();
        let reason_at = headers
            .iter()
            .position(|h| crate::text::fold(h) == "reason")
            .unwrap_or_else(|| {
                headers.push("reason".into());
                headers.len() - 1
            });
        let mut rejects = Rejects {
            writer: csv::Writer::from_writer(file),
            target: target.to_path_buf(),
            width: headers.len(),
            reason_at,
            written: 0,
            left_out: 0,
        };
        rejects.record(&headers)?;
        Ok(rejects)
    }

    fn record(&mut self, cells: &[String]) -> Result<()> {
        let name = self.target.display().to_string();
        self.writer
            .write_record(cells.iter().map(|c| csv_cell(c).into_owned()))
            .map_err(|e| csv_error(&name, 0, e))
    }

    /// One bad row: the file's own cells (not the virtual ones split from combined cells) and
    /// the reasons.
    fn push(&mut self, mut cells: Vec<String>, reasons: String) -> Result<()> {
        if self.written >= MAX_REJECT_ROWS {
            self.left_out += 1;
            return Ok(());
        }
        cells.resize(self.width, String::new());
        cells[self.reason_at] = reasons;
        self.written += 1;
        self.record(&cells)
    }

    /// Adds the note on rows left out, flushes, and hands back the file (not yet in place).
    fn finish(mut self, lang: Lang) -> Result<PrivateFile> {
        if self.left_out > 0 {
            let mut note = vec![String::new(); self.width];
            note[self.reason_at] = crate::i18n::rejects_left_out(lang, self.written, self.left_out);
            self.record(&note)?;
        }
        let target = self.target.clone();
        self.writer
            .into_inner()
            .map_err(|e| Error::io(&target, e.into_error()))
    }
}

/// What the first pass decided for a data row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Good, with a code of its own.
    Coded,
    /// Good, to be given a code.
    Uncoded,
    /// Bad, or already in the database.
    Skip,
}

/// A good row to store, and the code it is given when its own belongs to another petition.
type Checked = (Case, Option<String>);

/// Validates one row against the file and the database.
fn check_row(
    store: &Store,
    row: &RawRow,
    index: &ColumnIndex,
    ctx: &RowContext,
    seen: &mut SeenCodes,
) -> Result<std::result::Result<Option<Checked>, Vec<RowProblem>>> {
    if !row.utf8 {
        return Ok(Err(vec![RowProblem::NotUtf8]));
    }
    let case = match parse_row(&row.cells, index, ctx) {
        Ok(case) => case,
        Err(problems) => return Ok(Err(problems)),
    };
    Ok(match check_code(store, &case, row.line, seen)? {
        CodeCheck::New => Ok(Some((case, None))),
        CodeCheck::AlreadyPresent => Ok(None),
        CodeCheck::Recode(given) => Ok(Some((case, Some(given)))),
    })
}

/// Imports the logbook at `path` (CSV, or a sheet of an `.xlsx`/`.xls`/`.ods` workbook). Bad
/// rows are data, not errors: they come back in the report (with `committed == false` unless
/// `skip_bad`). Errors are for a file that cannot be read as a logbook, or a store that cannot
/// be written.
pub fn import_logbook(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportReport> {
    if store.access() == crate::store::Access::ReadOnly {
        return Err(Error::ReadOnly);
    }
    let lang = options.lang;
    let mut rows = LogbookRows::open(path, &options.mapping, lang)?;
    store.tune_for_bulk_load()?;
    let mut report = ImportReport {
        headers: rows.header.cells.clone(),
        index: rows.header.index.clone(),
        ignored_columns: rows.header.ignored.clone(),
        ..Default::default()
    };
    // Cloned so the write pass can parse rows while the store is borrowed for writing.
    let policy = store.policy().clone();
    let actor = store.actor().to_string();
    let ctx = RowContext {
        today: options.today,
        policy: &policy,
        actor: &actor,
    };
    let mut verdicts = Vec::new();
    let mut seen = HashMap::new();
    // Written as the bad rows come, before the import commits, and moved into place after, so a
    // reject file always describes an import that happened. The reject file of an earlier round
    // is replaced (it described that round), but never the input itself or the database.
    let mut rejects: Option<Rejects> = None;
    progress.pass(Pass::Check, rows.size());
    while let Some(row) = rows.next_row()? {
        report.rows += 1;
        if report.rows.is_multiple_of(PROGRESS_EVERY) {
            progress.at(rows.done());
        }
        let verdict = match check_row(store, &row, &report.index, &ctx, &mut seen)? {
            Ok(Some((case, _))) if case.petition.code.is_empty() => Verdict::Uncoded,
            Ok(Some((case, given))) => {
                if let Some(given) = given {
                    report.recoded.push(Recoded {
                        line: row.line,
                        code: case.petition.code,
                        given,
                    });
                }
                Verdict::Coded
            }
            Ok(None) => {
                report.already_present += 1;
                Verdict::Skip
            }
            Err(problems) => {
                report.bad_rows += 1;
                let bad = BadRow {
                    line: row.line,
                    problems,
                };
                if options.skip_bad {
                    let file = match rejects.as_mut() {
                        Some(file) => file,
                        None => rejects.insert(Rejects::create(
                            &rejects_path(path),
                            &store.output_guard().replacing(true).also_in_use(path),
                            &report.headers,
                        )?),
                    };
                    file.push(row.cells, report.reasons(&bad, lang).join("; "))?;
                }
                if report.bad.len() < KEPT_BAD_ROWS {
                    report.bad.push(bad);
                }
                Verdict::Skip
            }
        };
        verdicts.push(verdict);
    }
    drop(rows);
    if report.bad_rows > 0 && !options.skip_bad {
        progress.finish();
        return Ok(report);
    }
    let rejects = rejects.map(|r| r.finish(lang)).transpose()?;
    let total = verdicts.iter().filter(|v| **v != Verdict::Skip).count();
    let what = format!(
        "import {}",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    let failure = RefCell::new(None);
    let recoded: HashMap<u64, String> = report
        .recoded
        .iter()
        .map(|r| (r.line, r.given.clone()))
        .collect();
    let replay = |want| Replay {
        path,
        options,
        ctx: &ctx,
        verdicts: &verdicts,
        want,
        rows: None,
        at: 0,
        line: 0,
        failure: &failure,
        progress,
        recoded: &recoded,
    };
    report.added = store.insert_cases(
        replay(Verdict::Coded).chain(replay(Verdict::Uncoded)),
        options.today,
        BulkLoad {
            what: &what,
            match_people: true,
        },
    )?;
    progress.finish();
    if let Some(error) = failure.into_inner() {
        return Err(error);
    }
    report.already_present += total - report.added;
    report.committed = true;
    if let Some(rejects) = rejects {
        report.rejects_file = Some(rejects.persist()?);
    }
    Ok(report)
}

/// The write pass: the file read again, yielding the cases of the rows the check pass found
/// good and of the `want`ed kind. Parsing is deterministic, so each row gives the case it gave
/// then; a file changed in between stops the stream and leaves the error in `failure`.
struct Replay<'a> {
    path: &'a Path,
    options: &'a ImportOptions,
    ctx: &'a RowContext<'a>,
    verdicts: &'a [Verdict],
    want: Verdict,
    /// Opened on the first call, so a pass with nothing wanted does not read the file.
    rows: Option<LogbookRows>,
    /// Data rows read so far, and the line of the last one.
    at: usize,
    line: u64,
    failure: &'a RefCell<Option<Error>>,
    progress: &'a dyn Progress,
    /// Line → the code the check pass gave it.
    recoded: &'a HashMap<u64, String>,
}

impl Replay<'_> {
    fn next_case(&mut self) -> Result<Option<Case>> {
        if self.rows.is_none() {
            if !self.verdicts.contains(&self.want) {
                return Ok(None);
            }
            let rows = LogbookRows::open(self.path, &self.options.mapping, self.options.lang)?;
            self.progress.pass(Pass::Write, rows.size());
            self.rows = Some(rows);
        }
        let Some(rows) = self.rows.as_mut() else {
            return Ok(None);
        };
        while let Some(row) = rows.next_row()? {
            let verdict = self.verdicts.get(self.at).copied();
            self.at += 1;
            self.line = row.line;
            if self.at.is_multiple_of(PROGRESS_EVERY) {
                self.progress.at(rows.done());
            }
            match verdict {
                Some(v) if v == self.want => {}
                Some(_) => continue,
                None => return Err(self.changed(row.line)),
            }
            return match parse_row(&row.cells, &rows.header.index, self.ctx) {
                Ok(mut case)
                    if case.petition.code.is_empty() == (self.want == Verdict::Uncoded) =>
                {
                    // The code the check pass gave it.
                    if let Some(given) = self.recoded.get(&row.line) {
                        case.petition.code = given.clone();
                    }
                    Ok(Some(case))
                }
                _ => Err(self.changed(row.line)),
            };
        }
        if self.at != self.verdicts.len() {
            // Shorter than when it was checked: blame where it now ends.
            return Err(self.changed(self.line));
        }
        Ok(None)
    }

    fn changed(&self, line: u64) -> Error {
        super::problem::file_error(
            line,
            self.options.lang,
            "tệp đã bị sửa trong lúc nhập: chỉ một phần được nhập; hãy nhập lại tệp (các đơn đã có sẽ được bỏ qua)".into(),
            "the file changed during the import: only part of it was imported; import it again (petitions already present are skipped)".into(),
        )
    }
}

impl Iterator for Replay<'_> {
    type Item = Case;

    fn next(&mut self) -> Option<Case> {
        if self.failure.borrow().is_some() {
            return None;
        }
        match self.next_case() {
            Ok(case) => case,
            Err(error) => {
                *self.failure.borrow_mut() = Some(error);
                None
            }
        }
    }
}
