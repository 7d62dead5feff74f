//! `tiepdan import`: a logbook CSV into the store, all or nothing.
//!
//! The file is streamed once; every row is validated (the desk's validator, the lifecycle's
//! replay, the code checks) before anything is written, then the good rows go to the store in
//! one transaction. With bad rows and no `skip_bad`, nothing is written and every bad row is
//! reported; with `skip_bad`, the bad rows go to `FILE.rejects.csv` (original columns plus a
//! `reason` column) so they can be fixed and imported again.

use super::files::PrivateFile;
use super::problem::{RowProblem, file_error};
use super::row::{ColumnIndex, RowContext, parse_row};
use super::{Column, REQUIRED};
use crate::error::{Error, Result};
use crate::i18n::Lang;

use crate::store::{BulkLoad, Case, Store};
use crate::text::csv_cell;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub today: NaiveDate,
    /// Import the good rows and write the bad ones to the reject file.
    pub skip_bad: bool,
    /// The language of the reasons in the reject file and of whole-file errors.
    pub lang: Lang,
}

/// A refused row, with its cells as read so the reject file can give them back.
#[derive(Debug)]
pub struct BadRow {
    /// The file's line where the row starts (the header is line 1).
    pub line: u64,
    pub problems: Vec<RowProblem>,
    pub cells: Vec<String>,
}

#[derive(Debug, Default)]
pub struct ImportReport {
    /// Data rows read (blank rows not counted).
    pub rows: usize,
    pub added: usize,
    /// Rows whose petition was already in the database (an earlier import of the same file).
    pub already_present: usize,
    pub bad: Vec<BadRow>,
    /// Where the bad rows were written (`skip_bad` only).
    pub rejects_file: Option<PathBuf>,
    /// Whether anything was written: false when bad rows stopped the import.
    pub committed: bool,
    /// Headers the import does not know (an "STT" column, notes): read past, not imported.
    pub ignored_columns: Vec<String>,
    headers: Vec<String>,
    index: ColumnIndex,
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

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Opens the file past a UTF-8 BOM (Excel writes one) and guesses the delimiter: Excel in a
/// Vietnamese locale saves "CSV" with semicolons, other tools with commas or tabs.
fn open(path: &Path, lang: Lang) -> Result<(BufReader<File>, u8)> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let start = reader.fill_buf().map_err(|e| Error::io(path, e))?;
    if start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF") {
        return Err(file_error(
            1,
            lang,
            "tệp được lưu dạng UTF-16 (“Unicode Text”): hãy lưu lại dạng “CSV UTF-8”".into(),
            "the file is UTF-16 (“Unicode Text”): save it again as “CSV UTF-8”".into(),
        ));
    }
    let skip = if start.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let first_line = start[skip..].split(|b| *b == b'\n').next().unwrap_or(&[]);
    let count = |d: u8| first_line.iter().filter(|b| **b == d).count();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (count(*d), *d == b','))
        .unwrap_or(b',');
    reader.consume(skip);
    Ok((reader, delimiter))
}

fn decode(record: &csv::ByteRecord) -> (Vec<String>, bool) {
    let mut utf8 = true;
    let cells = record
        .iter()
        .map(|cell| match std::str::from_utf8(cell) {
            Ok(text) => text.to_string(),
            Err(_) => {
                utf8 = false;
                String::from_utf8_lossy(cell).into_owned()
            }
        })
        .collect();
    (cells, utf8)
}

fn csv_error(path: &Path, line: u64, err: csv::Error) -> Error {
    match err.into_kind() {
        csv::ErrorKind::Io(e) => Error::io(path, e),
        other => Error::Import {
            line,
            message: format!("{other:?}"),
        },
    }
}

/// Maps the header row; refuses a file that lacks a required column.
fn read_headers(
    reader: &mut csv::Reader<impl Read>,
    path: &Path,
    lang: Lang,
    report: &mut ImportReport,
) -> Result<()> {
    let headers = reader.byte_headers().map_err(|e| csv_error(path, 1, e))?;
    let (headers, _) = decode(headers);
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(file_error(
            1,
            lang,
            "tệp trống: dòng đầu phải là tên các cột".into(),
            "the file is empty: the first line must name the columns".into(),
        ));
    }
    for (position, header) in headers.iter().enumerate() {
        let known = Column::from_header(header).filter(|c| report.index.insert(*c, position));
        if known.is_none() && !header.trim().is_empty() {
            report.ignored_columns.push(header.trim().to_string());
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|c| report.index.position(**c).is_none())
        .map(|c| c.name())
        .collect();
    if !missing.is_empty() {
        let missing = missing.join(", ");
        return Err(file_error(
            1,
            lang,
            format!(
                "thiếu cột bắt buộc: {missing} (cần: received_on/Ngày tiếp, citizen_name/Họ tên, kind/Loại đơn, subject/Nội dung)"
            ),
            format!(
                "missing required column(s): {missing} (needed: received_on, citizen_name, kind, subject)"
            ),
        ));
    }
    report.headers = headers;
    Ok(())
}

/// A coded row's petition may already be stored (same code, same day, same kind: an earlier
/// import, or this database's own export) or its code may belong to someone else.
enum CodeCheck {
    New,
    AlreadyPresent,
}

fn check_code(
    store: &Store,
    case: &Case,
    line: u64,
    seen: &mut HashMap<String, u64>,
) -> Result<std::result::Result<CodeCheck, RowProblem>> {
    let code = &case.petition.code;
    if code.is_empty() {
        return Ok(Ok(CodeCheck::New));
    }
    if let Some(first) = seen.insert(code.clone(), line) {
        seen.insert(code.clone(), first);
        return Ok(Err(RowProblem::CodeRepeated {
            code: code.clone(),
            line: first,
        }));
    }
    Ok(match store.code_owner(code)? {
        None => Ok(CodeCheck::New),
        Some(owner)
            if owner.received_on == case.petition.received_on
                && owner.kind == case.petition.kind =>
        {
            Ok(CodeCheck::AlreadyPresent)
        }
        Some(owner) => Err(RowProblem::CodeTaken {
            code: code.clone(),
            received_on: owner.received_on,
        }),
    })
}

/// The reject file: the original header and cells, plus the reasons. A `reason` column from an
/// earlier round (re-importing a fixed reject file) is overwritten, not repeated.
fn write_rejects(report: &ImportReport, target: &Path, lang: Lang) -> Result<PrivateFile> {
    let mut file = PrivateFile::create(target)?;
    let io = |e: csv::Error| csv_error(target, 0, e);
    let mut headers = report.headers.clone();
    let reason_at = headers
        .iter()
        .position(|h| crate::text::fold(h) == "reason")
        .unwrap_or_else(|| {
            headers.push("reason".into());
            headers.len() - 1
        });
    std::io::Write::write_all(&mut file, UTF8_BOM).map_err(|e| Error::io(target, e))?;
    {
        let mut writer = csv::Writer::from_writer(&mut file);
        writer
            .write_record(headers.iter().map(|h| csv_cell(h).into_owned()))
            .map_err(io)?;
        for bad in &report.bad {
            let mut cells = bad.cells.clone();
            cells.resize(cells.len().max(headers.len()), String::new());
            cells[reason_at] = report.reasons(bad, lang).join("; ");
            writer
                .write_record(cells.iter().map(|c| csv_cell(c).into_owned()))
                .map_err(io)?;
        }
        writer.flush().map_err(|e| Error::io(target, e))?;
    }
    Ok(file)
}

/// Imports the logbook at `path`. Bad rows are data, not errors: they come back in the report
/// (with `committed == false` unless `skip_bad`). Errors are for a file that cannot be read as
/// a logbook, or a store that cannot be written.
pub fn import_csv(store: &mut Store, path: &Path, options: &ImportOptions) -> Result<ImportReport> {
    if store.access() == crate::store::Access::ReadOnly {
        return Err(Error::ReadOnly);
    }
    let lang = options.lang;
    let (input, delimiter) = open(path, lang)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input);
    let mut report = ImportReport::default();
    read_headers(&mut reader, path, lang, &mut report)?;
    let actor = store.actor().to_string();
    let ctx = RowContext {
        today: options.today,
        policy: store.policy(),
        actor: &actor,
    };
    // Coded cases first: their codes are reserved before any uncoded row draws a new one.
    let (mut coded, mut uncoded) = (Vec::new(), Vec::new());
    let mut seen = HashMap::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let line = reader.position().line();
        if !reader
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(path, line, e))?
        {
            break;
        }
        let line = record.position().map_or(line, |p| p.line());
        let (cells, utf8) = decode(&record);
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        report.rows += 1;
        let parsed = if utf8 {
            parse_row(&cells, &report.index, &ctx)
        } else {
            Err(vec![RowProblem::NotUtf8])
        };
        let checked = match parsed {
            Ok(case) => match check_code(store, &case, line, &mut seen)? {
                Ok(CodeCheck::New) => Ok(Some(case)),
                Ok(CodeCheck::AlreadyPresent) => Ok(None),
                Err(problem) => Err(vec![problem]),
            },
            Err(problems) => Err(problems),
        };
        match checked {
            Ok(Some(case)) if case.petition.code.is_empty() => uncoded.push(case),
            Ok(Some(case)) => coded.push(case),
            Ok(None) => report.already_present += 1,
            Err(problems) => report.bad.push(BadRow {
                line,
                problems,
                cells,
            }),
        }
    }
    if !report.bad.is_empty() && !options.skip_bad {
        return Ok(report);
    }
    // Written before the import commits and moved into place after, so a reject file always
    // describes an import that happened.
    let rejects = if report.bad.is_empty() {
        None
    } else {
        Some(write_rejects(&report, &rejects_path(path), lang)?)
    };
    coded.append(&mut uncoded);
    let cases = coded;
    let total = cases.len();
    let what = format!(
        "import {}",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    report.added = store.insert_cases(
        cases,
        options.today,
        BulkLoad {
            what: &what,
            match_people: true,
        },
    )?;
    report.already_present += total - report.added;
    report.committed = true;
    if let Some(rejects) = rejects {
        report.rejects_file = Some(rejects.persist()?);
    }
    Ok(report)
}
