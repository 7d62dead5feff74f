//! Headers that hold two columns in one cell, as the official logbook (Sổ tiếp công dân, Mẫu số
//! 03) does: "Họ tên – Địa chỉ" (`Nguyễn Văn An – Thôn 3, xã Cẩm Bình`) and "Phân loại đơn / Số
//! người" (`kiến nghị / 1`). Each such cell is split into two virtual cells appended to the row,
//! which the two columns then read like any other; several people are `A – x; B – y`.

use super::Column;
use super::columns::header_key;

/// One header naming two columns, and the separators between their values (first found wins;
/// a value is split at the separator's first occurrence, so addresses keep their own commas).
#[derive(Debug)]
pub struct Combined {
    header: &'static str,
    separators: &'static [&'static str],
    pub columns: [Column; 2],
}

const COMBINED: &[Combined] = &[
    // Also "Họ tên, địa chỉ": the same letters once punctuation is ignored.
    Combined {
        header: "Họ tên – Địa chỉ",
        separators: &["–", " - ", ","],
        columns: [Column::CitizenName, Column::Address],
    },
    Combined {
        header: "Phân loại đơn / Số người",
        separators: &["/"],
        columns: [Column::Kind, Column::Headcount],
    },
];

/// The combined header `cell` names, if any.
pub fn of_header(cell: &str) -> Option<&'static Combined> {
    let key = header_key(cell);
    COMBINED.iter().find(|c| header_key(c.header) == key)
}

impl Combined {
    /// `cell` as the two columns' values; a cell without a separator is all first column.
    pub fn split(&self, cell: &str) -> [String; 2] {
        let (mut first, mut second) = (Vec::new(), Vec::new());
        for person in cell.split(';') {
            let (a, b) = self
                .separators
                .iter()
                .find_map(|s| person.split_once(s))
                .unwrap_or((person, ""));
            first.push(a.trim());
            second.push(b.trim());
        }
        let join = |parts: Vec<&str>| {
            if parts.iter().all(|p| p.is_empty()) {
                String::new()
            } else {
                parts.join("; ")
            }
        };
        [join(first), join(second)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logbook_cells_split_into_their_two_columns() {
        let people = of_header("Họ tên, địa chỉ").unwrap();
        assert_eq!(
            people.split("Nguyễn Văn An – Thôn 3, xã Cẩm Bình; Trần Thị Hoa – Xóm 2"),
            ["Nguyễn Văn An; Trần Thị Hoa", "Thôn 3, xã Cẩm Bình; Xóm 2"]
        );
        assert_eq!(
            people.split("Lê Văn C, Thôn 1, xã X"),
            ["Lê Văn C", "Thôn 1, xã X"]
        );
        assert_eq!(
            people.split("(danh tính được bảo mật)"),
            ["(danh tính được bảo mật)", ""]
        );
        let kind = of_header("PHÂN LOẠI ĐƠN/SỐ NGƯỜI").unwrap();
        assert_eq!(kind.split("Kiến nghị / 12"), ["Kiến nghị", "12"]);
        assert!(of_header("Họ tên").is_none());
    }
}
