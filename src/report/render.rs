//! One table shape for every file a report, logbook or disclosure becomes: CSV (UTF-8 with a BOM
//! so Excel reads Vietnamese, every cell through `text::csv_cell`), Markdown, and XLSX.

use crate::error::{Error, Result};
use crate::text::csv_cell;
use rust_xlsxwriter::{Format, Workbook};
use std::io::Write;

/// A titled grid of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The column holding figures, written to XLSX as numbers so Excel can sum them. Other
    /// columns stay text: a CCCD or a phone number must keep its leading zero.
    pub figures: Option<usize>,
}

/// The files a table can be saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Xlsx,
    Markdown,
}

impl FileFormat {
    pub const ALL: [FileFormat; 3] = [FileFormat::Csv, FileFormat::Xlsx, FileFormat::Markdown];

    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Xlsx => "xlsx",
            FileFormat::Markdown => "md",
        }
    }
}

/// The table's bytes in a file format; `sheet` names the XLSX worksheet.
pub fn encode(table: &Table, format: FileFormat, sheet: &str) -> Result<Vec<u8>> {
    Ok(match format {
        FileFormat::Csv => {
            let mut out = Vec::new();
            write_csv(table, &mut out, "csv")?;
            out
        }
        FileFormat::Markdown => markdown(table).into_bytes(),
        FileFormat::Xlsx => xlsx(table, sheet)?,
    })
}

fn io_error(dest: &str, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
    Error::io(dest, std::io::Error::other(source))
}

/// The table as CSV; the title is not written, so the file stays one header line plus data.
pub fn write_csv(table: &Table, out: &mut dyn Write, dest: &str) -> Result<()> {
    out.write_all(b"\xEF\xBB\xBF")
        .map_err(|e| Error::io(dest, e))?;
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(table.headers.iter().map(|h| csv_cell(h).into_owned()))
        .map_err(|e| io_error(dest, e))?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|c| csv_cell(c).into_owned()))
            .map_err(|e| io_error(dest, e))?;
    }
    writer.flush().map_err(|e| Error::io(dest, e))
}

/// Markdown cells: a `|` or a line break would break the row.
fn md_cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

pub fn markdown(table: &Table) -> String {
    let mut out = format!("# {}\n\n", md_cell(&table.title));
    let line = |cells: &[String]| {
        format!(
            "| {} |\n",
            cells
                .iter()
                .map(|c| md_cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    out.push_str(&line(&table.headers));
    out.push_str(&format!("|{}\n", "---|".repeat(table.headers.len())));
    for row in &table.rows {
        out.push_str(&line(row));
    }
    out
}

/// The table as an XLSX workbook: the title in A1, bold headers in row 3, data below. Cells are
/// written as strings (never formulas), the figures column as numbers.
pub fn xlsx(table: &Table, sheet_name: &str) -> Result<Vec<u8>> {
    let dest = "xlsx";
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(|e| io_error(dest, e))?;
    sheet
        .write_string_with_format(0, 0, &table.title, &bold)
        .map_err(|e| io_error(dest, e))?;
    for (col, header) in table.headers.iter().enumerate() {
        sheet
            .write_string_with_format(2, col as u16, header, &bold)
            .map_err(|e| io_error(dest, e))?;
    }
    for (index, row) in table.rows.iter().enumerate() {
        let r = 3 + index as u32;
        for (col, cell) in row.iter().enumerate() {
            let figure = (table.figures == Some(col))
                .then(|| cell.parse::<u64>().ok())
                .flatten();
            let written = match figure {
                Some(n) => sheet.write_number(r, col as u16, n as f64),
                None => sheet.write_string(r, col as u16, cell),
            };
            written.map_err(|e| io_error(dest, e))?;
        }
    }
    sheet.autofit();
    book.save_to_buffer().map_err(|e| io_error(dest, e))
}
