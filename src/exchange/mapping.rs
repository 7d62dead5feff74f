//! `tiepdan import --mapping FILE.toml`: which header of a desk's own logbook is which column,
//! for headers the import does not recognise by itself. Example (`fixtures/import/mapping.toml`):
//!
//! ```toml
//! sheet = "Sổ 2026"        # optional: the sheet of a workbook (default: the first)
//! header_row = 4           # optional: the row holding the headers (default: found by itself)
//!
//! [columns]                # header as written in the file = column (name or Vietnamese header)
//! "Ngày công dân đến" = "received_on"
//! "Người đứng đơn" = "Họ tên"
//! "Vụ việc cụ thể" = "subject"
//! ```
//!
//! Headers are compared without case, spaces or diacritics; a header the mapping does not name
//! is still recognised the usual way.

use super::Column;
use super::columns::header_key;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct Mapping {
    /// (header key, column), from the file.
    columns: Vec<(String, Column)>,
    pub sheet: Option<String>,
    /// 1-based, as the spreadsheet numbers its rows (or the CSV its lines).
    pub header_row: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    sheet: Option<String>,
    header_row: Option<u64>,
    #[serde(default)]
    columns: BTreeMap<String, String>,
}

impl Mapping {
    pub fn load(path: &Path, lang: Lang) -> Result<Mapping> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Mapping::parse(&text, &path.display().to_string(), lang)
    }

    pub fn parse(text: &str, file: &str, lang: Lang) -> Result<Mapping> {
        let bad = |message: String| Error::Config {
            file: file.to_string(),
            message,
        };
        let parsed: MappingFile = toml::from_str(text).map_err(|e| bad(e.message().into()))?;
        let mut columns = Vec::new();
        for (header, target) in &parsed.columns {
            let column = Column::from_header(target).ok_or_else(|| {
                let known: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
                let known = known.join(", ");
                bad(match lang {
                    Lang::Vi => {
                        format!("“{header}” = “{target}”: không có cột này; các cột: {known}")
                    }
                    Lang::En => {
                        format!("“{header}” = “{target}”: no such column; the columns are: {known}")
                    }
                })
            })?;
            columns.push((header_key(header), column));
        }
        if parsed.header_row == Some(0) {
            return Err(bad(lang
                .pick("header_row đếm từ 1", "header_row counts from 1")
                .into()));
        }
        Ok(Mapping {
            columns,
            sheet: parsed.sheet,
            header_row: parsed.header_row,
        })
    }

    /// The column a header names: the mapping's word first, then the import's own.
    pub fn column_of(&self, header: &str) -> Option<Column> {
        let key = header_key(header);
        self.columns
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| *c)
            .or_else(|| Column::from_header(header))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_names_columns_by_name_or_vietnamese_header() {
        let mapping = Mapping::parse(
            "header_row = 3\n[columns]\n\"Ngày công dân đến\" = \"received_on\"\n\"Người đứng đơn\" = \"Họ tên\"\n",
            "m.toml",
            Lang::En,
        )
        .unwrap();
        assert_eq!(mapping.header_row, Some(3));
        assert_eq!(
            mapping.column_of("NGAY CONG DAN DEN"),
            Some(Column::ReceivedOn)
        );
        assert_eq!(
            mapping.column_of("người đứng đơn"),
            Some(Column::CitizenName)
        );
        assert_eq!(mapping.column_of("Nội dung"), Some(Column::Subject));
        assert_eq!(mapping.column_of("Ghi chú"), None);
    }

    #[test]
    fn unknown_target_is_refused_with_the_list() {
        let err =
            Mapping::parse("[columns]\n\"A\" = \"nowhere\"\n", "m.toml", Lang::En).unwrap_err();
        let message = err.message(Lang::En);
        assert!(
            message.contains("nowhere") && message.contains("received_on"),
            "{message}"
        );
    }
}
