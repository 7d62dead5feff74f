//! A workbook is measured before calamine reads it: calamine holds an `.xlsx` file's shared text
//! table, an `.ods` or `.xlsb` sheet, or an `.xls` file whole, and any one cell whole, so a
//! 400 MB cell (a few kilobytes zipped) would take gigabytes before any row could be refused.
//!
//! The zip's directory gives each part's unpacked size without unpacking it; parts read whole
//! are refused over [`MAX_WHOLE_PART`]. The text of the shared table and of every `.xlsx`/`.ods`
//! sheet is then streamed through in small chunks, measuring the longest stretch between two
//! `<` (a cell's text, or an attribute, can hold no raw `<`): over [`MAX_CELL_BYTES`] the file is
//! refused, naming the sheet and row when the cell is in a sheet.

use crate::error::{Error, Result};
use crate::i18n::{Lang, WorkbookPart};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The most XML one cell may take: ten times the longest text the desk takes
/// (`validate::MAX_TEXT` characters), even written as XML escapes.
pub const MAX_CELL_BYTES: u64 = 1 << 20;

/// The most a part read whole may unpack to: the shared text table of a workbook of a million
/// rows, an `.ods` sheet, an `.xls` file.
pub const MAX_WHOLE_PART: u64 = 256 << 20;

/// Checks the workbook at `path` against the limits; a file that is no zip (`.xls`) only by its
/// size. Errors other than a limit are left to calamine, which explains them in its own words.
pub fn check_workbook(path: &Path, lang: Lang) -> Result<()> {
    let refuse = |at: WorkbookPart, bytes: u64, max: u64| Error::BadFile {
        path: path.display().to_string(),
        message: crate::i18n::workbook_too_big(lang, &at, bytes.div_ceil(1 << 20), max),
    };
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        // `.xls` (a compound file, read whole), or no workbook at all (calamine says so).
        if size > MAX_WHOLE_PART {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            return Err(refuse(
                WorkbookPart::Whole(name.into()),
                size,
                MAX_WHOLE_PART,
            ));
        }
        return Ok(());
    };
    let sheets = sheet_names(&mut zip);
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        let Ok(name) = entry.name().map(|n| n.into_owned()) else {
            continue;
        };
        let whole = name == "xl/sharedStrings.xml"
            || name == "content.xml"
            || (name.starts_with("xl/") && name.ends_with(".bin"));
        let sheet =
            (name.starts_with("xl/worksheets/") && name.ends_with(".xml")) || name == "content.xml";
        if whole && entry.size() > MAX_WHOLE_PART {
            return Err(refuse(
                WorkbookPart::Whole(name),
                entry.size(),
                MAX_WHOLE_PART,
            ));
        }
        if !(sheet || name == "xl/sharedStrings.xml") {
            continue;
        }
        let mut longest = Longest::default();
        let mut chunk = vec![0u8; 1 << 16];
        loop {
            let n = match entry.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            longest.total += n as u64;
            if whole && longest.total > MAX_WHOLE_PART {
                // The directory understated it.
                return Err(refuse(
                    WorkbookPart::Whole(name),
                    longest.total,
                    MAX_WHOLE_PART,
                ));
            }
            if longest.feed(&chunk[..n]) {
                let at = if sheet {
                    WorkbookPart::Cell {
                        sheet: sheets
                            .iter()
                            .find(|(_, part)| *part == name)
                            .map(|(sheet, _)| sheet.clone())
                            .unwrap_or_else(|| name.clone()),
                        row: longest.row,
                    }
                } else {
                    WorkbookPart::SharedText
                };
                return Err(refuse(at, longest.run, MAX_CELL_BYTES));
            }
        }
    }
    Ok(())
}

/// The stretch since the last `<`, and the row the last `<row r="N">` (or `<table:table-row>`,
/// counted) opened.
#[derive(Default)]
struct Longest {
    run: u64,
    total: u64,
    row: u64,
    /// The start of the tag being read (its name and first attributes).
    tag: Vec<u8>,
    in_tag: bool,
}

/// Enough of a tag to read a row's number.
const TAG_HEAD: usize = 64;

impl Longest {
    /// True once a stretch is over [`MAX_CELL_BYTES`].
    fn feed(&mut self, bytes: &[u8]) -> bool {
        for &byte in bytes {
            if byte == b'<' {
                self.run = 0;
                self.tag.clear();
                self.in_tag = true;
                continue;
            }
            self.run += 1;
            if self.run > MAX_CELL_BYTES {
                return true;
            }
            if self.in_tag {
                if byte == b'>' || self.tag.len() == TAG_HEAD {
                    self.in_tag = false;
                    self.tag_read();
                } else {
                    self.tag.push(byte);
                }
            }
        }
        false
    }

    fn tag_read(&mut self) {
        let tag = String::from_utf8_lossy(&self.tag);
        let name = tag.split([' ', '\t', '\r', '\n', '/']).next().unwrap_or("");
        let local = name.rsplit(':').next().unwrap_or(name);
        match local {
            "row" => {
                self.row = attribute(&tag, "r")
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(self.row + 1);
            }
            "table-row" => self.row += 1,
            _ => {}
        }
    }
}

/// The value of ` name="…"` in a tag's text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Each sheet's name with its part (`xl/worksheets/sheet1.xml`), from `xl/workbook.xml` and its
/// relationships; empty when they cannot be read (then the part's name stands in).
fn sheet_names(zip: &mut zip::ZipArchive<File>) -> Vec<(String, String)> {
    let mut small = |name: &str| -> Option<String> {
        let entry = zip.by_name(name).ok()?;
        if entry.size() > 4 << 20 {
            return None;
        }
        let mut text = String::new();
        entry.take(4 << 20).read_to_string(&mut text).ok()?;
        Some(text)
    };
    let (Some(book), Some(rels)) = (
        small("xl/workbook.xml"),
        small("xl/_rels/workbook.xml.rels"),
    ) else {
        return Vec::new();
    };
    let targets: Vec<(&str, &str)> = rels
        .split('<')
        .filter(|tag| tag.starts_with("Relationship "))
        .filter_map(|tag| Some((attribute(tag, "Id")?, attribute(tag, "Target")?)))
        .collect();
    book.split('<')
        .filter(|tag| tag.starts_with("sheet "))
        .filter_map(|tag| {
            let name = attribute(tag, "name")?;
            let id = attribute(tag, "r:id")?;
            let target = targets.iter().find(|(i, _)| *i == id)?.1;
            let part = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            Some((unescape(name), part))
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_stretch_is_found_with_its_row_across_chunks() {
        let mut longest = Longest::default();
        let cell = "x".repeat(MAX_CELL_BYTES as usize + 1);
        assert!(!longest.feed(br#"<sheetData><row r="1"><c><v>1</v></c></row><ro"#));
        assert!(!longest.feed(br#"w r="7" spans="1:2"><c t="inlineStr"><is><t>"#));
        assert_eq!(longest.row, 7);
        assert!(longest.feed(cell.as_bytes()));
    }

    #[test]
    fn a_long_but_allowed_cell_passes() {
        let mut longest = Longest::default();
        let cell = "x".repeat(MAX_CELL_BYTES as usize - 10);
        assert!(!longest.feed(format!("<t>{cell}</t><t>{cell}</t>").as_bytes()));
    }
}
