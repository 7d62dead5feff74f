//! Finding the header of a logbook and reading the rows under it.
//!
//! Real logbooks rarely start with their header: the unit's name, the title ("SỔ TIẾP CÔNG
//! DÂN"), the year come first, and under the header there is often a row numbering the columns
//! "(1) (2) (3)…". The header is the row, among the first few, that names the most columns the
//! import knows (or the row the mapping file gives).

use super::Column;
use super::combined::{self, Combined};
use super::mapping::Mapping;
use super::problem::file_error;
use super::row::ColumnIndex;
use super::source::{self, RawRow, RowSource};
use super::{REQUIRED, tidy};
use crate::error::Result;
use crate::i18n::Lang;
use std::collections::VecDeque;
use std::path::Path;

/// Non-blank rows looked at for the header: titles and signatures above it are a handful.
const SCAN_ROWS: usize = 30;

#[derive(Debug, Clone, Default)]
pub struct Header {
    pub line: u64,
    pub cells: Vec<String>,
    pub index: ColumnIndex,
    /// Headers the import does not know (an "STT" column, notes): read past, not imported.
    pub ignored: Vec<String>,
    /// Cells holding two columns (Mẫu 03's "Họ tên – Địa chỉ"): their position and how to split.
    splits: Vec<(usize, &'static Combined)>,
    /// Header cells naming a column an earlier cell already named: which of the two would be
    /// imported is a guess, so the file is refused.
    repeated: Vec<(Column, String)>,
}

impl Header {
    fn read(row: &RawRow, mapping: &Mapping) -> Header {
        let mut header = Header {
            line: row.line,
            cells: row.cells.clone(),
            ..Default::default()
        };
        for (position, cell) in row.cells.iter().enumerate() {
            if let Some(column) = mapping.column_of(cell) {
                if !header.index.insert(column, position) {
                    header.repeated.push((column, cell.trim().to_string()));
                }
            } else if let Some(both) = combined::of_header(cell) {
                // Its two values go to virtual cells after the file's own (see `spread`).
                let first = row.cells.len() + 2 * header.splits.len();
                header.splits.push((position, both));
                for (k, column) in both.columns.into_iter().enumerate() {
                    if !header.index.insert(column, first + k) {
                        header.repeated.push((column, cell.trim().to_string()));
                    }
                }
            } else if !cell.trim().is_empty() {
                header.ignored.push(cell.trim().to_string());
            }
        }
        header
    }

    /// Appends the split values of the combined cells, where the index expects them.
    fn spread(&self, cells: &mut Vec<String>) {
        if self.splits.is_empty() {
            return;
        }
        cells.resize(self.cells.len(), String::new());
        for (from, both) in &self.splits {
            let values = both.split(&cells[*from]);
            cells.extend(values);
        }
    }

    fn required_found(&self) -> usize {
        REQUIRED
            .iter()
            .filter(|c| self.index.position(**c).is_some())
            .count()
    }

    /// The columns the file must have and lacks.
    pub fn missing(&self) -> Vec<Column> {
        REQUIRED
            .iter()
            .copied()
            .filter(|c| self.index.position(*c).is_none())
            .collect()
    }
}

/// The rows of a logbook file under its header, blank rows skipped, cells tidied.
pub struct LogbookRows {
    source: Box<dyn RowSource>,
    /// Rows read while looking for the header, to be given back.
    pending: VecDeque<RawRow>,
    pub header: Header,
    first: bool,
}

impl LogbookRows {
    pub fn open(path: &Path, mapping: &Mapping, lang: Lang) -> Result<LogbookRows> {
        let delimiter = match source::FileKind::of(path) {
            source::FileKind::Csv => sniff_delimiter(path, mapping),
            _ => None,
        };
        let mut source = source::open(path, mapping.sheet.as_deref(), delimiter, lang)?;
        let (header, pending) = find_header(source.as_mut(), mapping, lang)?;
        let missing = header.missing();
        if !missing.is_empty() {
            return Err(missing_columns(&header, &missing, lang));
        }
        if let Some((column, cell)) = header.repeated.first() {
            let cell = crate::text::for_terminal(cell);
            return Err(file_error(
                header.line,
                lang,
                format!(
                    "cột “{}” ({}) có hai lần (lần sau: “{cell}”): xóa hoặc đổi tên một cột, hoặc dùng --mapping TỆP.toml",
                    column.usual_header(),
                    column.name()
                ),
                format!(
                    "column {} (“{}”) appears twice (again as “{cell}”): delete or rename one, or use --mapping FILE.toml",
                    column.name(),
                    column.usual_header()
                ),
            ));
        }
        Ok(LogbookRows {
            source,
            pending,
            header,
            first: true,
        })
    }

    fn next_raw(&mut self) -> Result<Option<RawRow>> {
        match self.pending.pop_front() {
            Some(row) => Ok(Some(row)),
            None => self.source.next_row(),
        }
    }

    /// The next data row, or `None` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<RawRow>> {
        while let Some(mut row) = self.next_raw()? {
            let first = std::mem::replace(&mut self.first, false);
            if row.is_blank() || (first && numbers_columns(&row)) {
                continue;
            }
            self.header.spread(&mut row.cells);
            tidy::tidy(&mut row.cells, &self.header.index);
            return Ok(Some(row));
        }
        Ok(None)
    }

    pub fn done(&self) -> u64 {
        self.source.done()
    }

    pub fn size(&self) -> u64 {
        self.source.size()
    }
}

fn find_header(
    source: &mut dyn RowSource,
    mapping: &Mapping,
    lang: Lang,
) -> Result<(Header, VecDeque<RawRow>)> {
    let mut seen = VecDeque::new();
    while let Some(row) = source.next_row()? {
        if let Some(wanted) = mapping.header_row {
            if row.line == wanted {
                return Ok((Header::read(&row, mapping), VecDeque::new()));
            }
            if row.line > wanted {
                break;
            }
            continue;
        }
        if row.is_blank() {
            continue;
        }
        let complete = Header::read(&row, mapping).required_found() == REQUIRED.len();
        seen.push_back(row);
        if complete || seen.len() == SCAN_ROWS {
            break;
        }
    }
    if let Some(wanted) = mapping.header_row {
        return Err(file_error(
            wanted,
            lang,
            "không có dòng tiêu đề ở dòng này (header_row trong tệp ánh xạ)".into(),
            "there is no header on this row (header_row in the mapping file)".into(),
        ));
    }
    let best = seen
        .iter()
        .enumerate()
        .map(|(i, row)| (i, Header::read(row, mapping)))
        // The most known columns, and of rows as good, the first.
        .max_by_key(|(i, header)| (header.index.found(), std::cmp::Reverse(*i)));
    let Some((at, header)) = best else {
        return Err(file_error(
            1,
            lang,
            "tệp trống: dòng đầu phải là tên các cột".into(),
            "the file is empty: the first line must name the columns".into(),
        ));
    };
    let rest = seen.split_off(at + 1);
    Ok((header, rest))
}

/// How much of a CSV file's start is read to choose its separator: the title rows and the
/// header, many times over.
const SNIFF_BYTES: u64 = 64 << 10;

/// The separator under which one of the first rows names the most columns the import knows —
/// the header decides, whatever the separator, so a title row above it (with commas of its own,
/// or none at all) cannot. `None` when no reading names any column: then the first line's most
/// frequent separator is used, as before.
fn sniff_delimiter(path: &Path, mapping: &Mapping) -> Option<u8> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    let head = head.strip_prefix(source::UTF8_BOM).unwrap_or(&head);
    source::DELIMITERS
        .into_iter()
        .map(|delimiter| {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .flexible(true)
                .from_reader(head);
            let best = reader
                .byte_records()
                .take(SCAN_ROWS)
                .map_while(|r| r.ok())
                .map(|record| {
                    let cells = record
                        .iter()
                        .take(source::MAX_COLUMNS)
                        .map(|c| String::from_utf8_lossy(c).into_owned())
                        .collect();
                    let row = RawRow {
                        line: 0,
                        cells,
                        utf8: true,
                    };
                    Header::read(&row, mapping).index.found()
                })
                .max()
                .unwrap_or(0);
            (best, delimiter)
        })
        .filter(|(found, _)| *found > 0)
        .max_by_key(|(found, delimiter)| (*found, *delimiter == b','))
        .map(|(_, delimiter)| delimiter)
}

/// "(1) (2) (3) …" under a header: the columns' numbers, not a petition.
fn numbers_columns(row: &RawRow) -> bool {
    let numbers: Vec<&str> = row
        .cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    numbers.len() >= 3
        && numbers.iter().all(|c| {
            let inner = c.trim_start_matches('(').trim_end_matches(')');
            inner.len() <= 2 && inner.chars().all(|ch| ch.is_ascii_digit())
        })
}

/// Names what is missing the way the officer knows it, and what the file has instead.
fn missing_columns(header: &Header, missing: &[Column], lang: Lang) -> crate::error::Error {
    let names = |lang: Lang| {
        missing
            .iter()
            .map(|c| match lang {
                Lang::Vi => format!("“{}” ({})", c.usual_header(), c.name()),
                Lang::En => format!("{} (“{}”)", c.name(), c.usual_header()),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let found: Vec<String> = header
        .cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(|c| format!("“{c}”"))
        .collect();
    let found = found.join(", ");
    file_error(
        header.line,
        lang,
        format!(
            "thiếu cột bắt buộc: {}. Các cột tìm thấy: {found}. Đổi tên cột trong tệp hoặc dùng --mapping TỆP.toml",
            names(Lang::Vi)
        ),
        format!(
            "missing required column(s): {}. Columns found: {found}. Rename the columns or use --mapping FILE.toml",
            names(Lang::En)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u64, cells: &[&str]) -> RawRow {
        RawRow {
            line,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            utf8: true,
        }
    }

    struct Rows(VecDeque<RawRow>);

    impl RowSource for Rows {
        fn next_row(&mut self) -> Result<Option<RawRow>> {
            Ok(self.0.pop_front())
        }
        fn done(&self) -> u64 {
            0
        }
        fn size(&self) -> u64 {
            0
        }
    }

    #[test]
    fn header_below_titles_is_found_and_later_rows_given_back() {
        let mut rows = Rows(VecDeque::from(vec![
            row(1, &["UBND XÃ CẨM BÌNH"]),
            row(2, &["SỔ TIẾP CÔNG DÂN NĂM 2026"]),
            row(
                4,
                &["STT", "Ngày tiếp", "Họ và tên", "Loại đơn", "Nội dung"],
            ),
            row(
                5,
                &["1", "15/01/2026", "Nguyễn Văn A", "kiến nghị", "đường"],
            ),
        ]));
        let (header, rest) = find_header(&mut rows, &Mapping::default(), Lang::Vi).unwrap();
        assert_eq!(header.line, 4);
        assert_eq!(header.index.position(Column::Subject), Some(4));
        assert_eq!(header.ignored, vec!["STT"]);
        assert!(rest.is_empty(), "the complete header stops the scan");
        assert_eq!(rows.0.front().map(|r| r.line), Some(5));
    }

    #[test]
    fn incomplete_header_is_the_best_row_and_rows_after_it_come_back() {
        let mut rows = Rows(VecDeque::from(vec![
            row(1, &["Sổ theo dõi"]),
            row(2, &["Ngày tiếp", "Họ tên", "Ghi chú"]),
            row(3, &["15/01/2026", "Nguyễn Văn A", ""]),
        ]));
        let (header, rest) = find_header(&mut rows, &Mapping::default(), Lang::Vi).unwrap();
        assert_eq!(header.line, 2);
        assert_eq!(rest.len(), 1);
        let message = missing_columns(&header, &header.missing(), Lang::Vi).message(Lang::Vi);
        assert!(message.contains("“Loại đơn” (kind)"), "{message}");
        assert!(message.contains("“Nội dung” (subject)"), "{message}");
        assert!(message.contains("“Ghi chú”"), "{message}");
    }

    #[test]
    fn column_numbers_are_not_a_row() {
        assert!(numbers_columns(&row(5, &["(1)", "(2)", "(3)", ""])));
        assert!(numbers_columns(&row(5, &["1", "2", "3", "4"])));
        assert!(!numbers_columns(&row(
            5,
            &["1", "15/01/2026", "Nguyễn Văn A"]
        )));
    }
}
