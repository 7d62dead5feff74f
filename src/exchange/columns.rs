//! The logbook's columns: one canonical name each (what the export writes), plus the headers
//! people actually type in their spreadsheets (Mẫu 03 and its local variants), matched folded.

use crate::domain::InputField;
use crate::text::fold;

macro_rules! columns {
    ($($variant:ident = $name:literal [$($alias:literal),*];)+) => {
        /// A logbook column the import understands and the export writes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Column { $($variant),+ }

        impl Column {
            /// Every column, in the export's order.
            pub const ALL: &'static [Column] = &[$(Column::$variant),+];

            /// The canonical header, as the export writes it.
            pub fn name(self) -> &'static str {
                match self { $(Column::$variant => $name),+ }
            }

            /// Other headers that mean this column (Vietnamese, as they appear in real logbooks).
            fn aliases(self) -> &'static [&'static str] {
                match self { $(Column::$variant => &[$($alias),*]),+ }
            }
        }
    };
}

columns! {
    Code = "code" ["Mã đơn", "Mã vụ việc", "Số đơn", "Mã hồ sơ", "Số hiệu đơn"];
    ReceivedOn = "received_on" ["Ngày tiếp", "Ngày nhận", "Ngày nhận đơn", "Ngày tiếp nhận", "Ngày tiếp công dân", "Ngày tiếp dân", "Ngày đến", "Ngày"];
    CitizenName = "citizen_name" ["Họ tên", "Họ và tên", "Người gửi", "Người đến", "Họ tên công dân", "Họ và tên công dân", "Họ tên người đến", "Người gửi đơn", "Người khiếu nại", "Công dân"];
    CitizenId = "citizen_id" ["CCCD", "CMND", "CMND/CCCD", "CCCD/CMND", "Số CCCD", "Số CMND", "Số CMND/CCCD", "Số CCCD/CMND", "CMND/CCCD/Hộ chiếu", "Căn cước công dân", "Số căn cước", "Số định danh"];
    Phone = "phone" ["Số điện thoại", "SĐT", "Điện thoại", "Số ĐT", "ĐT", "Điện thoại liên hệ"];
    Address = "address" ["Địa chỉ", "Nơi cư trú", "Địa chỉ thường trú", "Nơi ở", "Địa chỉ liên hệ"];
    Kind = "kind" ["Loại đơn", "Phân loại đơn", "Phân loại", "Loại vụ việc"];
    Round = "round" ["Lần khiếu nại"];
    Field = "field" ["Lĩnh vực", "Lĩnh vực vụ việc"];
    Subject = "subject" ["Nội dung", "Nội dung vụ việc", "Nội dung đơn", "Nội dung tiếp", "Nội dung chính", "Vụ việc", "Tóm tắt nội dung"];
    Summary = "summary" ["Tóm tắt", "Chi tiết", "Nội dung chi tiết"];
    Source = "source" ["Nguồn đơn", "Nguồn"];
    SourceAgency = "source_agency" ["Cơ quan chuyển đến"];
    Complexity = "complexity" ["Tính chất", "Tính chất vụ việc"];
    VisitKind = "visit_kind" ["Hình thức tiếp"];
    Headcount = "headcount" ["Số người", "Số lượng người", "Số người đến"];
    LeaderPresent = "leader_present" ["Lãnh đạo tiếp", "Người đứng đầu tiếp"];
    RemoteArea = "remote_area" ["Vùng sâu vùng xa"];
    Flags = "flags" ["Dấu hiệu"];
    Officer = "officer" ["Cán bộ tiếp", "Cán bộ", "Người tiếp", "Cán bộ tiếp dân", "Người tiếp dân"];
    Status = "status" ["Trạng thái", "Tình trạng", "Kết quả", "Kết quả giải quyết", "Kết quả xử lý"];
    AcceptedOn = "accepted_on" ["Ngày thụ lý"];
    ResolvedOn = "resolved_on" ["Ngày giải quyết", "Ngày kết thúc"];
    DecisionNo = "decision_no" ["Số quyết định", "Số QĐ"];
    TransferredTo = "transferred_to" ["Chuyển đến", "Cơ quan nhận"];
}

/// Columns a file must have; every other one may be missing (the value is then blank).
pub const REQUIRED: &[Column] = &[
    Column::ReceivedOn,
    Column::CitizenName,
    Column::Kind,
    Column::Subject,
];

/// A header reduced to its folded letters and digits, so "Ngày  tiếp", "ngay-tiep", "NGÀY TIẾP"
/// and "received_on" / "Received On" compare equal, and a BOM or stray space never matters.
pub(super) fn header_key(header: &str) -> String {
    fold(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

impl Column {
    /// The header most logbooks use for this column (the first Vietnamese alias).
    pub fn usual_header(self) -> &'static str {
        self.aliases().first().copied().unwrap_or(self.name())
    }

    /// The column a header names, if any.
    pub fn from_header(header: &str) -> Option<Column> {
        let wanted = header_key(header);
        if wanted.is_empty() {
            return None;
        }
        Column::ALL.iter().copied().find(|c| {
            header_key(c.name()) == wanted
                || c.aliases().iter().any(|alias| header_key(alias) == wanted)
        })
    }

    /// The column a validation error on `field` came from, to point the user at the cell.
    pub fn of_field(field: InputField) -> Option<Column> {
        Some(match field {
            InputField::Name => Column::CitizenName,
            InputField::IdNumber => Column::CitizenId,
            InputField::Phone => Column::Phone,
            InputField::Address => Column::Address,
            InputField::ReceivedOn | InputField::VisitedAt => Column::ReceivedOn,
            InputField::Headcount | InputField::Representatives => Column::Headcount,
            InputField::Subject => Column::Subject,
            InputField::Summary => Column::Summary,
            InputField::Kind => Column::Kind,
            InputField::Round => Column::Round,
            InputField::Field => Column::Field,
            InputField::Source => Column::Source,
            InputField::VisitKind => Column::VisitKind,
            InputField::Complexity => Column::Complexity,
            InputField::Decision => Column::DecisionNo,
            InputField::Officer => Column::Officer,
            InputField::Code => Column::Code,
            InputField::Agency => Column::TransferredTo,
            InputField::Handling | InputField::StepDate => Column::Status,
            InputField::BirthYear
            | InputField::Unit
            | InputField::Citizen
            | InputField::Reason
            | InputField::KnownOn
            | InputField::Leader
            | InputField::Flag => {
                return None;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_folded_and_in_vietnamese() {
        assert_eq!(
            Column::from_header("\u{feff}received_on"),
            Some(Column::ReceivedOn)
        );
        assert_eq!(Column::from_header("Received On"), Some(Column::ReceivedOn));
        assert_eq!(Column::from_header("NGÀY TIẾP"), Some(Column::ReceivedOn));
        assert_eq!(Column::from_header("ngay nhan"), Some(Column::ReceivedOn));
        assert_eq!(Column::from_header("Họ tên"), Some(Column::CitizenName));
        assert_eq!(Column::from_header("CMND / CCCD"), Some(Column::CitizenId));
        assert_eq!(Column::from_header("SĐT"), Some(Column::Phone));
        assert_eq!(Column::from_header("sdt"), Some(Column::Phone));
        assert_eq!(Column::from_header("Mã đơn"), Some(Column::Code));
        assert_eq!(Column::from_header("Số người"), Some(Column::Headcount));
        assert_eq!(Column::from_header("STT"), None);
        assert_eq!(Column::from_header(""), None);
    }

    #[test]
    fn every_name_and_alias_is_unambiguous() {
        let mut seen = std::collections::HashMap::new();
        for column in Column::ALL {
            for header in std::iter::once(&column.name()).chain(column.aliases()) {
                if let Some(other) = seen.insert(header_key(header), *column) {
                    panic!("{header} names both {other:?} and {column:?}");
                }
            }
        }
    }
}
