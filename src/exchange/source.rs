//! Where logbook rows come from: a CSV file or a sheet of a workbook. Both give the importer the
//! same thing — rows of text cells with the line a person would look for in their spreadsheet —
//! so validation, reject files, transactions and idempotence are written once (`import`).
//!
//! Sources stream: a row is read, handed on and dropped, so a 100,000-row logbook never sits in
//! memory whole.

use super::problem::file_error;
use super::sheet::SheetSource;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// One row as read: its cells in file order, and the line (CSV) or row number (sheet) it is on.
#[derive(Debug, Clone)]
pub struct RawRow {
    pub line: u64,
    pub cells: Vec<String>,
    /// False when a CSV row was not valid UTF-8 (its cells were decoded lossily).
    pub utf8: bool,
}

impl RawRow {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// A stream of rows, header included.
pub trait RowSource: Send {
    fn next_row(&mut self) -> Result<Option<RawRow>>;
    /// How far the reading has got, in units of [`RowSource::size`] (bytes, or sheet rows).
    fn done(&self) -> u64;
    fn size(&self) -> u64;
}

/// Which kind of file `path` is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Workbook,
    JsonLines,
}

impl FileKind {
    pub fn of(path: &Path) -> FileKind {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => FileKind::Workbook,
            "jsonl" | "ndjson" | "json" => FileKind::JsonLines,
            _ => FileKind::Csv,
        }
    }
}

/// Opens the rows of `path`: a CSV (cells separated by `delimiter`, or by the separator its
/// first line uses most), or the sheet `sheet` (default: the first) of a workbook.
pub fn open(
    path: &Path,
    sheet: Option<&str>,
    delimiter: Option<u8>,
    lang: Lang,
) -> Result<Box<dyn RowSource>> {
    Ok(match FileKind::of(path) {
        FileKind::Workbook => Box::new(SheetSource::open(path, sheet, lang)?),
        _ => Box::new(CsvSource::open(path, delimiter, lang)?),
    })
}

/// The separators a "CSV" file comes with: commas, semicolons (Excel in a Vietnamese locale),
/// tabs (copied out of a spreadsheet).
pub const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Cells this far right are ignored: no logbook is that wide, and a stray cell at column XFD (or
/// a hostile CSV line of a million commas) must not make every row that many cells long.
pub const MAX_COLUMNS: usize = 512;

pub struct CsvSource {
    reader: csv::Reader<BufReader<File>>,
    record: csv::ByteRecord,
    path: String,
    size: u64,
}

impl CsvSource {
    /// Opens the file past a UTF-8 BOM (Excel writes one), its cells separated by `delimiter`,
    /// or — when the caller found none — by the separator the first line holds most.
    pub fn open(path: &Path, delimiter: Option<u8>, lang: Lang) -> Result<CsvSource> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
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
        let delimiter = delimiter.unwrap_or_else(|| {
            DELIMITERS
                .into_iter()
                .max_by_key(|d| (count(*d), *d == b','))
                .unwrap_or(b',')
        });
        reader.consume(skip);
        let found = scan(File::open(path).map_err(|e| Error::io(path, e))?, delimiter)
            .map_err(|e| Error::io(path, e))?;
        if let Some(line) = found.unclosed {
            return Err(file_error(
                line,
                lang,
                "một ô mở dấu ngoặc kép (\") mà không đóng: mọi dòng sau đó sẽ bị gộp vào ô này; hãy sửa tệp rồi nhập lại".into(),
                "a cell opens a double quote (\") and never closes it: every line after it would run into that cell; fix the file and import again".into(),
            ));
        }
        if found.longest > MAX_ROW_BYTES {
            return Err(too_big(
                found.longest_at,
                lang,
                found.longest,
                MAX_ROW_BYTES,
            ));
        }
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(reader);
        Ok(CsvSource {
            reader,
            record: csv::ByteRecord::new(),
            path: path.display().to_string(),
            size,
        })
    }
}

impl RowSource for CsvSource {
    fn next_row(&mut self) -> Result<Option<RawRow>> {
        let line = self.reader.position().line();
        let more = self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(|e| csv_error(&self.path, line, e))?;
        if !more {
            return Ok(None);
        }
        let line = self.record.position().map_or(line, |p| p.line());
        let mut utf8 = true;
        let cells = self
            .record
            .iter()
            .take(MAX_COLUMNS)
            .map(|cell| match std::str::from_utf8(cell) {
                Ok(text) => text.to_string(),
                Err(_) => {
                    utf8 = false;
                    String::from_utf8_lossy(cell).into_owned()
                }
            })
            .collect();
        Ok(Some(RawRow { line, cells, utf8 }))
    }

    fn done(&self) -> u64 {
        self.reader.position().byte()
    }

    fn size(&self) -> u64 {
        self.size
    }
}

/// What one pass over a CSV file's bytes finds before any row is parsed.
#[derive(Debug, Default, PartialEq)]
struct Scan {
    /// The line of a quoted cell that the file never closes, if any. A CSV reader takes
    /// everything after such a quote, line breaks included, as one cell: rows would vanish into
    /// it unnoticed.
    unclosed: Option<u64>,
    /// The longest row in bytes (line breaks inside quoted cells included), and its first line:
    /// a CSV reader holds a row whole, so one giant cell would be read into memory.
    longest: u64,
    longest_at: u64,
}

/// Rows longer than this (in bytes) refuse the file before it is parsed: 512 columns of the
/// longest text the desk takes fit several times over.
pub const MAX_ROW_BYTES: u64 = 16 << 20;

/// Quotes count only at the start of a cell, and `""` inside a quoted cell is a quote, as in
/// RFC 4180 and the `csv` crate.
fn scan(file: File, delimiter: u8) -> std::io::Result<Scan> {
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let (mut line, mut opened_on) = (1u64, 0u64);
    let (mut in_quotes, mut quote_pending, mut cell_start) = (false, false, true);
    let mut found = Scan::default();
    let (mut row_bytes, mut row_line) = (0u64, 1u64);
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            // A quote as the file's last byte closes its cell.
            found.unclosed = (in_quotes && !quote_pending).then_some(opened_on);
            if row_bytes > found.longest {
                (found.longest, found.longest_at) = (row_bytes, row_line);
            }
            return Ok(found);
        }
        for &byte in chunk {
            row_bytes += 1;
            if quote_pending {
                quote_pending = false;
                if byte == b'"' {
                    continue; // `""`: a quote inside the cell
                }
                in_quotes = false;
            }
            if byte == b'\n' {
                line += 1;
            }
            if in_quotes {
                quote_pending = byte == b'"';
                continue;
            }
            match byte {
                b'"' if cell_start => {
                    in_quotes = true;
                    opened_on = line;
                    cell_start = false;
                }
                b'\n' => {
                    cell_start = true;
                    if row_bytes > found.longest {
                        (found.longest, found.longest_at) = (row_bytes, row_line);
                    }
                    (row_bytes, row_line) = (0, line);
                }
                b'\r' => {}
                b if b == delimiter => cell_start = true,
                _ => cell_start = false,
            }
        }
        let used = chunk.len();
        reader.consume(used);
    }
}

/// A row too large to read, refused before it is read whole.
pub fn too_big(line: u64, lang: Lang, bytes: u64, max: u64) -> Error {
    Error::Import {
        line,
        message: crate::i18n::row_too_big(lang, bytes.div_ceil(1 << 20), max >> 20),
    }
}

pub fn csv_error(path: &str, line: u64, err: csv::Error) -> Error {
    match err.into_kind() {
        csv::ErrorKind::Io(e) => Error::io(path, e),
        other => Error::Import {
            line,
            message: format!("{other:?}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::scan;
    use std::io::Write;

    #[test]
    fn measures_the_longest_row_with_its_line() {
        let text = "a,b\n1,2\n\"x\ny\nz\",3\n4,5\n";
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        use std::io::Seek;
        file.rewind().unwrap();
        let found = scan(file, b',').unwrap();
        assert_eq!((found.longest, found.longest_at), (10, 3));
    }

    #[test]
    fn finds_a_quote_the_file_never_closes() {
        for (text, expected) in [
            ("a,b\n1,2\n", None),
            ("a,b\n\"1,5\",2\n", None),
            ("a,b\n\"say \"\"hi\"\"\",2\n", None),
            ("a,b\n\"two\nlines\",2\n3,4\n", None),
            ("a,b\n1,\"last\"", None),
            ("a,b\n1,ab\"c\n", None),
            ("a;b\n\"x;y\";2\r\n", None),
            ("a,b\n1,\"open\n2,3\n4,5\n", Some(2)),
            ("a,b\n1,2\n3,\"\"\"\n", Some(3)),
        ] {
            let mut file = tempfile::tempfile().unwrap();
            file.write_all(text.as_bytes()).unwrap();
            use std::io::Seek;
            file.rewind().unwrap();
            let delimiter = if text.contains(';') { b';' } else { b',' };
            assert_eq!(
                scan(file, delimiter).unwrap().unclosed,
                expected,
                "{text:?}"
            );
        }
    }
}
