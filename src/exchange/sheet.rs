//! Rows of one sheet of a workbook (`.xlsx`, and `.xls`/`.xlsb`/`.ods` the same way) through
//! calamine.
//!
//! An `.xlsx` sheet is read cell by cell from its XML as it is unzipped, so a 100,000-row logbook
//! is never held whole. calamine's cell reader borrows the workbook it reads, so a worker thread
//! owns both and hands rows over a small bounded channel: reading the next rows overlaps with the
//! importer's work on the previous ones, and dropping the source stops the worker.
//!
//! Cells become the text a person sees: dates (cells with a date format) as `YYYY-MM-DD`, whole
//! numbers without `.0`; numbers that lost their leading zeros (phones, CCCD) are mended later,
//! per column (`tidy`), for CSV files saved by Excel have the same problem.

use super::source::{RawRow, RowSource};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::text::fold;
use calamine::{Data, Reader, Sheets, open_workbook_auto};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::source::MAX_COLUMNS;

/// Rows in flight between the worker and the importer.
const CHANNEL_ROWS: usize = 512;

pub struct SheetSource {
    rows: Receiver<Result<RawRow>>,
    first: Option<RawRow>,
    done: Arc<AtomicU64>,
    size: Arc<AtomicU64>,
}

impl SheetSource {
    /// Opens the workbook and its sheet `sheet` (any case, with or without diacritics), or the
    /// first sheet. A file that is not a workbook or lacks the sheet is refused here, not later.
    pub fn open(path: &Path, sheet: Option<&str>, lang: Lang) -> Result<SheetSource> {
        // A missing or unreadable file is a file error, not a workbook's.
        std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        // Measured before calamine holds any of it whole.
        super::limits::check_workbook(path, lang)?;
        let (tx, rx) = sync_channel(CHANNEL_ROWS);
        let done = Arc::new(AtomicU64::new(0));
        let size = Arc::new(AtomicU64::new(0));
        let worker = Worker {
            path: path.to_path_buf(),
            lang,
            tx,
            done: done.clone(),
            size: size.clone(),
        };
        let sheet = sheet.map(str::to_string);
        std::thread::Builder::new()
            .name("tiepdan-sheet".into())
            .spawn(move || worker.run(sheet.as_deref()))
            .map_err(|e| Error::io(path, e))?;
        let first = match rx.recv() {
            Ok(Ok(row)) => Some(row),
            Ok(Err(e)) => return Err(e),
            Err(_) => None,
        };
        Ok(SheetSource {
            rows: rx,
            first,
            done,
            size,
        })
    }
}

impl RowSource for SheetSource {
    fn next_row(&mut self) -> Result<Option<RawRow>> {
        if let Some(row) = self.first.take() {
            return Ok(Some(row));
        }
        match self.rows.recv() {
            Ok(row) => row.map(Some),
            Err(_) => Ok(None),
        }
    }

    fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    fn size(&self) -> u64 {
        self.size.load(Ordering::Relaxed)
    }
}

struct Worker {
    path: PathBuf,
    lang: Lang,
    tx: SyncSender<Result<RawRow>>,
    done: Arc<AtomicU64>,
    size: Arc<AtomicU64>,
}

/// The importer hung up (it failed, or was dropped): stop reading.
struct HungUp;

impl Worker {
    fn run(self, sheet: Option<&str>) {
        match self.read(sheet) {
            Ok(Ok(())) | Ok(Err(HungUp)) => {}
            Err(e) => {
                let _ = self.tx.send(Err(e));
            }
        }
    }

    fn bad_file(&self, vi: String, en: String) -> Error {
        Error::BadFile {
            path: self.path.display().to_string(),
            message: if self.lang == Lang::Vi { vi } else { en },
        }
    }

    fn unreadable(&self, e: impl std::fmt::Display) -> Error {
        self.bad_file(
            format!("không đọc được bảng tính ({e})"),
            format!("cannot read the workbook ({e})"),
        )
    }

    fn read(&self, sheet: Option<&str>) -> Result<std::result::Result<(), HungUp>> {
        let mut book = open_workbook_auto(&self.path).map_err(|e| self.unreadable(e))?;
        let names = book.sheet_names();
        let name = match sheet {
            Some(wanted) => names.iter().find(|n| fold(n) == fold(wanted)).cloned(),
            None => names.first().cloned(),
        };
        let Some(name) = name else {
            let list = names.join(", ");
            let wanted = sheet.unwrap_or_default();
            return Err(self.bad_file(
                format!("không có trang “{wanted}”; các trang có: {list}"),
                format!("no sheet “{wanted}”; the sheets are: {list}"),
            ));
        };
        let mut rows = Rows::new(&self.tx);
        if let Sheets::Xlsx(xlsx) = &mut book {
            let mut cells = xlsx
                .worksheet_cells_reader(&name)
                .map_err(|e| self.unreadable(e))?;
            let size = u64::from(cells.dimensions().end.0) + 1;
            self.size.store(size, Ordering::Relaxed);
            while let Some(cell) = cells.next_cell().map_err(|e| self.unreadable(e))? {
                let (row, column) = cell.get_position();
                self.done.store(u64::from(row), Ordering::Relaxed);
                if let Err(hung_up) =
                    rows.put(row, column, text(Data::from(cell.get_value().clone())))
                {
                    return Ok(Err(hung_up));
                }
            }
        } else {
            let range = book
                .worksheet_range(&name)
                .map_err(|e| self.unreadable(e))?;
            let (top, left) = range.start().unwrap_or((0, 0));
            self.size.store(range.height() as u64, Ordering::Relaxed);
            for (r, cells) in range.rows().enumerate() {
                self.done.store(r as u64, Ordering::Relaxed);
                for (c, cell) in cells.iter().enumerate() {
                    if let Err(hung_up) =
                        rows.put(top + r as u32, left + c as u32, text(cell.clone()))
                    {
                        return Ok(Err(hung_up));
                    }
                }
            }
        }
        self.done
            .store(self.size.load(Ordering::Relaxed), Ordering::Relaxed);
        Ok(rows.finish())
    }
}

/// Gathers cells, which arrive row by row, into rows.
struct Rows<'a> {
    tx: &'a SyncSender<Result<RawRow>>,
    row: Option<u32>,
    cells: Vec<String>,
}

impl<'a> Rows<'a> {
    fn new(tx: &'a SyncSender<Result<RawRow>>) -> Self {
        Rows {
            tx,
            row: None,
            cells: Vec::new(),
        }
    }

    fn put(&mut self, row: u32, column: u32, text: String) -> std::result::Result<(), HungUp> {
        if self.row != Some(row) {
            self.send()?;
            self.row = Some(row);
        }
        let column = column as usize;
        if text.is_empty() || column >= MAX_COLUMNS {
            return Ok(());
        }
        if self.cells.len() <= column {
            self.cells.resize(column + 1, String::new());
        }
        self.cells[column] = text;
        Ok(())
    }

    fn send(&mut self) -> std::result::Result<(), HungUp> {
        let cells = std::mem::take(&mut self.cells);
        match self.row {
            Some(row) if !cells.is_empty() => self
                .tx
                .send(Ok(RawRow {
                    // Row numbers as Excel shows them.
                    line: u64::from(row) + 1,
                    cells,
                    utf8: true,
                }))
                .map_err(|_| HungUp),
            _ => Ok(()),
        }
    }

    fn finish(mut self) -> std::result::Result<(), HungUp> {
        self.send()
    }
}

/// A cell as the text a person sees in it.
fn text(value: Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s,
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if b { "true" } else { "false" }.to_string(),
        // Logbooks record days: the time of day, if any, is dropped.
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(at) if dt.is_datetime() => at.date().format("%Y-%m-%d").to_string(),
            _ => dt.as_f64().to_string(),
        },
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_read_as_people_see_them() {
        assert_eq!(text(Data::Float(912345678.0)), "912345678");
        assert_eq!(text(Data::Float(2.5)), "2.5");
        assert_eq!(text(Data::Int(7)), "7");
        let date = ExcelDateTime::new(46037.375, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(Data::DateTime(date)), "2026-01-15");
        assert_eq!(text(Data::String("0912345678".into())), "0912345678");
    }
}
