//! Everything the TUI can be asked to do. The variant names of the bindable actions are the names
//! used in `keymaps/*.toml`, and the help screen is generated from the same table, so the keymap,
//! the help and the code cannot disagree.

use tiepdan_core::i18n::Lang;
use tiepdan_core::i18n::action_help::{
    CITIZEN_PAGE, CLEAR_FIELD, CLEAR_FILTERS, CORRECT, RECEIPT, VOID,
};

/// Where an action matters; the help screen groups by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    General,
    Lists,
    Editing,
    Visit,
    Petition,
    Board,
}

impl Group {
    pub fn label(self, lang: Lang) -> &'static str {
        use tiepdan_core::i18n::{KeyGroup, key_group_label};
        key_group_label(
            match self {
                Group::General => KeyGroup::General,
                Group::Lists => KeyGroup::Lists,
                Group::Editing => KeyGroup::Editing,
                Group::Visit => KeyGroup::Visit,
                Group::Petition => KeyGroup::Petition,
                Group::Board => KeyGroup::Board,
            },
            lang,
        )
    }
}

/// Declares the bindable actions once: name, help group, Vietnamese and English help text.
macro_rules! actions {
    ($($name:ident => $group:ident, $vi:expr, $en:expr;)+) => {
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Action {
            $($name,)+
            /// A printable character typed into the focused text field.
            Type(char),
            /// Text pasted in one piece (bracketed paste).
            Paste(String),
            /// Time passed with no input: poll for other operators' writes.
            Tick,
            /// The terminal changed size.
            Resize,
        }

        impl Action {
            /// The actions a keymap may bind, in help order.
            pub const BINDABLE: &'static [Action] = &[$(Action::$name),+];

            /// The keymap name of a bindable action.
            pub fn name(&self) -> Option<&'static str> {
                match self {
                    $(Action::$name => Some(stringify!($name)),)+
                    _ => None,
                }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name {
                    $(stringify!($name) => Some(Action::$name),)+
                    _ => None,
                }
            }

            pub fn group(&self) -> Group {
                match self {
                    $(Action::$name => Group::$group,)+
                    _ => Group::General,
                }
            }

            pub fn describe(&self, lang: Lang) -> &'static str {
                match self {
                    $(Action::$name => lang.pick($vi, $en),)+
                    _ => "",
                }
            }
        }
    };
}

actions! {
    Help => General, "Trợ giúp: các phím đang dùng", "Help: the keys in use";
    Search => General, "Tìm kiếm công dân, đơn", "Search citizens and petitions";
    NewVisit => General, "Tiếp công dân mới", "New visit";
    Back => General, "Quay lại / hủy", "Back / cancel";
    Quit => General, "Thoát", "Quit";
    Interrupt => General, "Thoát ngay (không hỏi)", "Quit at once (no questions)";
    Refresh => General, "Tải lại dữ liệu", "Reload the data";
    Open => Lists, "Mở / chọn / xác nhận", "Open / choose / confirm";
    Up => Lists, "Lên", "Up";
    Down => Lists, "Xuống", "Down";
    PageUp => Lists, "Lên một trang", "Page up";
    PageDown => Lists, "Xuống một trang", "Page down";
    NextField => Lists, "Ô / khung tiếp theo", "Next field / pane";
    PrevField => Lists, "Ô / khung trước", "Previous field / pane";
    ToggleScope => Lists, "Đơn của tôi ⇄ tất cả đơn", "My petitions ⇄ all petitions";
    LoadDemo => Lists, "Tạo dữ liệu mẫu (CSDL trống)", "Generate demo data (empty database)";
    Left => Editing, "Con trỏ sang trái", "Cursor left";
    Right => Editing, "Con trỏ sang phải", "Cursor right";
    Home => Editing, "Về đầu dòng / đầu danh sách", "Line start / list top";
    End => Editing, "Về cuối dòng / cuối danh sách", "Line end / list bottom";
    Backspace => Editing, "Xóa ký tự trước", "Delete the previous character";
    Delete => Editing, "Xóa ký tự tại con trỏ", "Delete the character at the cursor";
    ClearField => Editing, CLEAR_FIELD.0, CLEAR_FIELD.1;
    Save => Visit, "Lưu", "Save";
    AddCitizen => Visit, "Thêm người (đoàn đông người)", "Add a person (group)";
    RemoveCitizen => Visit, "Bỏ người đang chọn", "Remove the current person";
    FocusRepeats => Visit, "Chuyển sang / ra khung đơn trùng", "Focus / leave the possible-repeats pane";
    OpenCandidate => Visit, "Mở đơn trùng đang chọn", "Open the selected possible repeat";
    LinkRepeat => Visit, "Đánh dấu đơn mới là lặp lại đơn đang chọn", "Mark the new petition as a repeat of the selected one";
    AttachVisit => Visit, "Ghi lượt tiếp vào đơn đang chọn (không tạo đơn mới)", "Attach this visit to the selected petition (no new petition)";
    DeadlineBoard => General, "Bảng hạn xử lý (đơn đang mở theo hạn)", "Deadline board (open petitions by deadline)";
    Dashboard => General, "Tổng hợp thanh tra", "Inspector dashboard";
    Report => General, "Báo cáo định kỳ (quý, 6 tháng, 9 tháng, năm)", "Periodic report (quarter, half, 9 months, year)";
    FilterKind => Board, "Lọc theo loại đơn (lần lượt)", "Filter by kind (cycles)";
    FilterFlag => Board, "Lọc theo dấu hiệu: đông người, phức tạp, kéo dài, vượt cấp, tái diễn… (lần lượt)", "Filter by mark: group, complex, prolonged, level-skipping, repeat… (cycles)";
    FilterField => Board, "Lọc theo lĩnh vực (lần lượt)", "Filter by field (cycles)";
    FilterStage => Board, "Lọc theo bước đang xử lý (lần lượt)", "Filter by stage (cycles)";
    FilterUnit => Board, "Lọc theo đơn vị (lần lượt)", "Filter by unit (cycles)";
    FilterOfficer => Board, "Lọc theo cán bộ (lần lượt)", "Filter by officer (cycles)";
    ClearFilters => Board, CLEAR_FILTERS.0, CLEAR_FILTERS.1;
    NextStep => Board, "Các bước hợp lệ tiếp theo của đơn đang chọn", "The legal next steps of the selected petition";
    Export => Board, "Xuất danh sách, báo cáo đang xem ra tệp", "Export the list or report shown to a file";
    RevealIdentity => Petition, "Xem danh tính người tố cáo (có ghi nhật ký)", "Reveal the denouncer's identity (audited)";
    Correct => Petition, CORRECT.0, CORRECT.1;
    Void => Petition, VOID.0, VOID.1;
    CitizenPage => Petition, CITIZEN_PAGE.0, CITIZEN_PAGE.1;
    Receipt => Petition, RECEIPT.0, RECEIPT.1;
}

impl Action {
    /// Actions that write to the database; a read-only session refuses them with a reason.
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Action::NewVisit
                | Action::Save
                | Action::LinkRepeat
                | Action::AttachVisit
                | Action::RevealIdentity
                | Action::LoadDemo
                | Action::NextStep
                | Action::Correct
                | Action::Void
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_every_action_is_described() {
        for action in Action::BINDABLE {
            let name = action.name().unwrap();
            assert_eq!(Action::from_name(name).as_ref(), Some(action));
            assert!(!action.describe(Lang::Vi).is_empty() && !action.describe(Lang::En).is_empty());
        }
        assert_eq!(Action::from_name("Type"), None);
    }
}
