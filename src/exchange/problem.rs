//! Why an imported row was refused, in words the person fixing the spreadsheet understands:
//! every reason names the column as their file calls it.

use super::Column;
use crate::domain::Status;
use crate::error::Error;
use crate::i18n::Lang;

#[derive(Debug)]
pub enum RowProblem {
    /// The shared validator (or the lifecycle) refused a value; `column` points at the cell.
    Invalid {
        column: Option<Column>,
        error: Error,
    },
    /// Not one of the allowed values of a column the desk form has no field for.
    NotOneOf {
        column: Column,
        choices: Vec<&'static str>,
    },
    NotYesNo {
        column: Column,
    },
    /// A date that the status says cannot exist (a closing date on an open petition).
    DateContradictsStatus {
        date: Column,
        status: Status,
    },
    /// A status that needs a date the row does not give.
    MissingDate {
        date: Column,
        status: Status,
    },
    NotUtf8,
}

impl RowProblem {
    pub fn invalid(column: Option<Column>, error: Error) -> Self {
        let column = column.or(match &error {
            Error::Invalid { field, .. } => Column::of_field(*field),
            Error::IllegalStep { .. } => Some(Column::Status),
            _ => None,
        });
        RowProblem::Invalid { column, error }
    }

    /// The reason in `lang`; `header` gives a column's name as the file writes it.
    pub fn message(&self, lang: Lang, header: &dyn Fn(Column) -> String) -> String {
        let vi = lang == Lang::Vi;
        let at = |column: Column| {
            let name = header(column);
            if vi {
                format!("cột “{name}”")
            } else {
                format!("column “{name}”")
            }
        };
        match self {
            RowProblem::Invalid {
                column: Some(column),
                error,
            } => {
                format!("{} — {}", at(*column), error.message(lang))
            }
            RowProblem::Invalid {
                column: None,
                error,
            } => error.message(lang),
            RowProblem::NotOneOf { column, choices } => match lang {
                Lang::Vi => format!(
                    "{}: không hợp lệ; chọn một trong: {}",
                    at(*column),
                    choices.join(", ")
                ),
                Lang::En => format!(
                    "{}: not valid; choose one of: {}",
                    at(*column),
                    choices.join(", ")
                ),
            },
            RowProblem::NotYesNo { column } => match lang {
                Lang::Vi => format!("{}: ghi “có” hoặc để trống", at(*column)),
                Lang::En => format!("{}: write “yes” or leave it blank", at(*column)),
            },
            RowProblem::DateContradictsStatus { date, status } => match lang {
                Lang::Vi => format!(
                    "{} có ngày nhưng trạng thái là “{}”",
                    at(*date),
                    status.label(lang)
                ),
                Lang::En => format!(
                    "{} has a date but the status is “{}”",
                    at(*date),
                    status.label(lang)
                ),
            },
            RowProblem::MissingDate { date, status } => match lang {
                Lang::Vi => format!(
                    "trạng thái “{}” cần ngày ở {}",
                    status.label(lang),
                    at(*date)
                ),
                Lang::En => format!(
                    "status “{}” needs a date in {}",
                    status.label(lang),
                    at(*date)
                ),
            },
            RowProblem::NotUtf8 => lang
                .pick(
                    "dòng này không phải UTF-8: hãy lưu tệp dạng “CSV UTF-8”",
                    "this line is not UTF-8: save the file as “CSV UTF-8”",
                )
                .to_string(),
        }
    }
}

/// Whole-file problems: the file cannot be read as a logbook at all (line 1 is the header).
pub(super) fn file_error(line: u64, lang: Lang, vi: String, en: String) -> Error {
    Error::Import {
        line,
        message: if lang == Lang::Vi { vi } else { en },
    }
}
