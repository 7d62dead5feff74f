//! Deadlines: which legal period applies to a petition, on which day it ends, and how urgent it is.
//!
//! The periods and the holiday calendar change with the law and with the Prime Minister's yearly
//! notices, so both are data (`core/fixtures/rules-vn.toml`, `core/fixtures/holidays-vn.toml`, embedded as
//! the legal defaults and replaceable by a file in the configuration directory). The code here only
//! matches, counts and compares.

pub mod calendar;
pub mod deadline;
pub mod lunar;
pub mod reception;
pub mod table;
pub mod urgency;

pub use calendar::{COVERAGE_WARNING_DAYS, Calendar, CoverageWarning};
pub use deadline::{
    Deadline, FilingWindow, PetitionFacts, all_deadlines, filing_window, next_deadline,
};
pub use reception::{
    ReceptionCompliance, ScheduleCompliance, month_bounds, reception_compliance,
    schedule_compliance,
};
pub use table::{
    Case, Counting, DeadlineRule, ExtensionRule, ReceptionRule, Rules, SuspensionRule, Thresholds,
    Validity,
};
pub use urgency::{Urgency, days_left, urgency};

use crate::labelled_enum;

labelled_enum! {
    /// Which deadline a rule sets.
    DeadlineKind {
        Process = "process", "xử lý đơn", "processing";
        Accept = "accept", "thụ lý", "acceptance";
        Forward = "forward", "chuyển đơn", "forwarding";
        Resolve = "resolve", "giải quyết", "resolution";
        NotifyDenouncer = "notify_denouncer", "thông báo thụ lý cho người tố cáo", "notice of acceptance to the denouncer";
        NotifySuspension = "notify_suspension", "gửi quyết định tạm đình chỉ", "sending the suspension decision";
        ComplaintWindow = "complaint_window", "thời hạn khiếu nại", "time limit to complain";
    }
}

labelled_enum! {
    /// Whose own reception days a minimum is about (Luật Tiếp công dân 2013).
    ReceptionLevel {
        Commune = "commune", "Chủ tịch UBND cấp xã", "commune chairman";
        District = "district", "Chủ tịch UBND cấp huyện", "district chairman";
        Province = "province", "Chủ tịch UBND cấp tỉnh", "province chairman";
        Agency = "agency", "Thủ trưởng cơ quan", "head of agency";
    }
}

labelled_enum! {
    /// The span a reception minimum is counted over.
    ReceptionPer {
        Week = "week", "tuần", "week";
        Month = "month", "tháng", "month";
    }
}

labelled_enum! {
    /// How a period is counted: the laws say "ngày" (calendar days) or "ngày làm việc".
    DayUnit {
        Calendar = "calendar", "ngày", "days";
        Working = "working", "ngày làm việc", "working days";
    }
}

labelled_enum! {
    /// The day a period runs from (that day itself not counted, Bộ luật Dân sự 2015, Điều 147).
    DayFrom {
        Received = "received", "ngày nhận đơn", "receipt";
        Accepted = "accepted", "ngày thụ lý", "acceptance";
        Suspended = "suspended", "ngày tạm đình chỉ", "suspension";
        Known = "known", "ngày biết quyết định", "the day the decision became known";
    }
}

/// The name used in configuration errors for a file: its path as the user typed it.
fn file_label(path: &std::path::Path) -> String {
    path.display().to_string()
}

/// Turns a toml error into the project's configuration error, with the line the user must fix.
fn config_error(file: &str, text: &str, err: &toml::de::Error) -> crate::Error {
    let message = match err.span() {
        Some(span) => located(text, span.start, err.message()),
        None => err.message().to_string(),
    };
    crate::Error::Config {
        file: file.to_string(),
        message,
    }
}

/// "line L, column C: message" for a byte offset into `text`.
fn located(text: &str, offset: usize, message: &str) -> String {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line}, column {column}: {}", message.trim())
}

/// Reads an override file; `Ok(None)` when there is none, so the caller keeps the legal default.
fn read_override(path: Option<&std::path::Path>) -> crate::Result<Option<(String, String)>> {
    let Some(path) = path else { return Ok(None) };
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some((text, file_label(path)))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(crate::Error::io(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn located_counts_lines_and_columns_from_one() {
        let text = "a = 1\nb = x\n";
        assert_eq!(located(text, 10, "bad"), "line 2, column 5: bad");
        assert_eq!(located(text, 0, "bad"), "line 1, column 1: bad");
    }

    #[test]
    fn a_missing_override_file_means_the_default() {
        let missing = std::path::Path::new("/nonexistent/tiepdan/rules.toml");
        assert!(read_override(Some(missing)).unwrap().is_none());
        assert!(read_override(None).unwrap().is_none());
    }
}
