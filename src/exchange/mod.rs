//! Moving the logbook in and out: import of old logbooks (CSV, Excel/LibreOffice workbooks) and
//! CSV / JSON Lines export (Excel, the national database, archives).
//!
//! - [`import_logbook`]: a logbook CSV or sheet → petitions, all rows validated by the desk's
//!   own `IntakeForm` and replayed by the lifecycle before one transaction writes them;
//!   re-importing the same file adds nothing (deterministic ids, see `ids`). Rows come from a
//!   [`source`] (CSV or sheet), under a header found by [`header`], cells mended by `tidy`.
//! - [`export_csv`]: the same columns back out, for Excel, denouncers masked.
//! - [`export_jsonl`]: one petition per line with its history; schema in [`jsonl`].
//! - [`import_jsonl`]: such a file merged into this database (rules in `store::merge`).

mod columns;
mod combined;
mod export;
mod header;
mod ids;
mod import;
pub mod jsonl;
pub mod limits;
mod mapping;
mod merge;
mod problem;
mod row;
mod sheet;
pub mod source;
mod steps;
mod tidy;

pub use crate::files::{Guard, PrivateFile};
pub use columns::{Column, REQUIRED};
pub use export::export_csv;
pub use import::{
    BadRow, BadRowSummary, ImportOptions, ImportReport, KEPT_BAD_ROWS, MAX_REJECT_ROWS, Pass,
    Progress, Quiet, Recoded, import_logbook, rejects_path,
};
pub use jsonl::{SCHEMA, export_jsonl};
pub use mapping::Mapping;
pub use merge::{BadLine, MergeReport, from_line, import_jsonl};
pub use problem::RowProblem;
pub use steps::LEGACY_DECISION;

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::store::Store;
use std::io::Write;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(raw: &str) -> Result<Format> {
        match crate::text::fold(raw).as_str() {
            "csv" => Ok(Format::Csv),
            "json" | "jsonl" | "ndjson" => Ok(Format::Json),
            _ => Err(Error::UnknownValue {
                what: "--format",
                value: raw.to_string(),
                allowed: "csv, json".into(),
            }),
        }
    }
}

/// Exports the whole logbook in `format`; returns how many petitions were written.
pub fn export(
    store: &Store,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
    dest: &str,
) -> Result<usize> {
    match format {
        Format::Csv => export_csv(store, lang, out, dest),
        Format::Json => export_jsonl(store, out, dest),
    }
}
