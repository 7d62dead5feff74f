//! One table shape for every file a report, logbook or disclosure becomes: CSV (UTF-8 with a BOM
//! so Excel reads Vietnamese, every cell through `text::csv_cell`), Markdown, and XLSX.

use crate::error::{Error, Result};
use crate::text::csv_cell;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use std::io::Write;

/// A titled grid of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The column holding figures, written to XLSX as numbers so Excel can sum them. Other
    /// columns stay text: a CCCD or a phone number must keep its leading zero.
    pub figures: Option<usize>,
    /// How the workbook prints.
    pub print: Print,
}

/// How a table prints from a spreadsheet program with its default settings: A4, fitted to one
/// page wide, fixed column widths with wrapped text, borders, the header row repeated on every
/// page, page numbers in the footer, and the official heading block where the form has one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Print {
    /// The form's number ("Mẫu số 03"): the sheet opens with the national heading (Quốc hiệu and
    /// tiêu ngữ), the agency and the form number.
    pub form: Option<String>,
    /// The agency keeping the record (config `agency`), top left of the heading.
    pub agency: Option<String>,
    /// Column widths in characters; a column not listed gets [`DEFAULT_WIDTH`].
    pub widths: Vec<u16>,
    /// Columns of whole numbers (STT, counts), written as numbers.
    pub numbers: Vec<usize>,
    /// Columns of dates written dd/mm/yyyy, written as dates.
    pub dates: Vec<usize>,
    /// A label over consecutive columns (first, last, text), on the row above the header.
    pub groups: Vec<(usize, usize, String)>,
    /// Portrait for narrow tables; landscape otherwise.
    pub portrait: bool,
    /// A secrecy marking ("MẬT", Quyết định 774/QĐ-TTg) printed at the top of every page and
    /// as the first line of a CSV file.
    pub classified: Option<String>,
}

/// Width of a column the table does not size, in characters.
pub const DEFAULT_WIDTH: u16 = 14;
/// A4 in the spreadsheet's paper-size codes.
const PAPER_A4: u8 = 9;
/// Most characters a column may be: wide enough for a heading, narrow enough to print.
const MAX_WIDTH: u16 = 60;

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
    if let Some(mark) = &table.print.classified {
        writeln!(out, "{}", csv_cell(mark)).map_err(|e| Error::io(dest, e))?;
    }
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

/// Points for a row whose cells wrap at their column widths (about one character per width unit,
/// 15 points a line), so every line shows when printed.
fn row_height(cells: &[String], width_of: impl Fn(usize) -> u16) -> f64 {
    let lines = cells
        .iter()
        .enumerate()
        .map(|(col, text)| {
            let width = usize::from(width_of(col).clamp(3, MAX_WIDTH))
                .saturating_sub(1)
                .max(1);
            text.split('\n')
                .map(|line| line.chars().count().div_ceil(width).max(1))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1);
    15.0 * lines.min(40) as f64
}

/// A dd/mm/yyyy cell as a spreadsheet date.
fn excel_date(cell: &str) -> Option<ExcelDateTime> {
    let d = chrono::NaiveDate::parse_from_str(cell, "%d/%m/%Y").ok()?;
    use chrono::Datelike;
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).ok()?,
        d.month() as u8,
        d.day() as u8,
    )
    .ok()
}

/// The national heading, the agency and the form number above a form's title; returns the row
/// the title goes on.
fn heading(
    sheet: &mut Worksheet,
    print: &Print,
    columns: u16,
) -> std::result::Result<u32, rust_xlsxwriter::XlsxError> {
    let Some(form) = &print.form else {
        return Ok(0);
    };
    let centred = Format::new().set_align(FormatAlign::Center).set_text_wrap();
    let bold = centred.clone().set_bold();
    let last = columns.saturating_sub(1).max(1);
    // The left third for the agency, the rest for the Quốc hiệu and tiêu ngữ.
    let split = (columns / 3).max(1).min(last);
    let agency = print.agency.as_deref().unwrap_or("");
    sheet.merge_range(
        0,
        0,
        1,
        split - 1,
        agency,
        &bold.clone().set_align(FormatAlign::VerticalCenter),
    )?;
    sheet.merge_range(0, split, 0, last, crate::i18n::NATIONAL_TITLE, &bold)?;
    sheet.merge_range(
        1,
        split,
        1,
        last,
        crate::i18n::NATIONAL_MOTTO,
        &bold
            .clone()
            .set_underline(rust_xlsxwriter::FormatUnderline::Single),
    )?;
    sheet.merge_range(2, split, 2, last, form, &centred.set_italic())?;
    Ok(4)
}

/// The table as an XLSX workbook that prints as a usable document (see [`Print`]): the heading
/// block where the form has one, the title, the header row (with group labels above it) and the
/// data. Cells are written as strings (never formulas); the figures, number and date columns as
/// numbers and dates.
pub fn xlsx(table: &Table, sheet_name: &str) -> Result<Vec<u8>> {
    let dest = "xlsx";
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    write_sheet(sheet, table, sheet_name).map_err(|e| io_error(dest, e))?;
    book.save_to_buffer().map_err(|e| io_error(dest, e))
}

fn write_sheet(
    sheet: &mut Worksheet,
    table: &Table,
    sheet_name: &str,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    let print = &table.print;
    let columns = table.headers.len().max(1) as u16;
    sheet.set_name(sheet_name)?;
    sheet.set_paper_size(PAPER_A4);
    if print.portrait {
        sheet.set_portrait();
    } else {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_footer("&CTrang &P/&N");
    if let Some(mark) = &print.classified {
        sheet.set_header(format!("&C&\"-,Bold\"&14{mark}"));
    }
    for col in 0..columns {
        let width = print
            .widths
            .get(col as usize)
            .copied()
            .unwrap_or(DEFAULT_WIDTH);
        sheet.set_column_width(col, f64::from(width.clamp(3, MAX_WIDTH)))?;
    }
    let title_row = heading(sheet, print, columns)?;
    let title = Format::new()
        .set_bold()
        .set_font_size(13)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    sheet.merge_range(
        title_row,
        0,
        title_row,
        columns.saturating_sub(1).max(1),
        &table.title,
        &title,
    )?;
    sheet.set_row_height(title_row, 36)?;
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let head = cell
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let mut header_row = title_row + 2;
    if !print.groups.is_empty() {
        for (first, last, text) in &print.groups {
            sheet.merge_range(
                header_row,
                *first as u16,
                header_row,
                *last as u16,
                text,
                &head,
            )?;
        }
        header_row += 1;
    }
    for (col, header) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, col as u16, header, &head)?;
    }
    let first_header = if print.groups.is_empty() {
        header_row
    } else {
        header_row - 1
    };
    sheet.set_repeat_rows(first_header, header_row)?;
    let date = cell.clone().set_num_format("dd/mm/yyyy");
    let number = cell.clone().set_align(FormatAlign::Right);
    let width_of = |col: usize| print.widths.get(col).copied().unwrap_or(DEFAULT_WIDTH);
    sheet.set_row_height(header_row, row_height(&table.headers, width_of))?;
    for (index, row) in table.rows.iter().enumerate() {
        let r = header_row + 1 + index as u32;
        // Spreadsheets do not grow a row for wrapped text when they open a file: size it here.
        sheet.set_row_height(r, row_height(row, width_of))?;
        for (col, text) in row.iter().enumerate() {
            let c = col as u16;
            let numeric = table.figures == Some(col) || print.numbers.contains(&col);
            match (
                numeric.then(|| text.parse::<u64>().ok()).flatten(),
                print
                    .dates
                    .contains(&col)
                    .then(|| excel_date(text))
                    .flatten(),
            ) {
                (Some(n), _) => sheet.write_number_with_format(r, c, n as f64, &number)?,
                (None, Some(d)) => sheet.write_datetime_with_format(r, c, &d, &date)?,
                (None, None) => sheet.write_string_with_format(r, c, text, &cell)?,
            };
        }
    }
    Ok(())
}
