//! What each screen offers, in one list (gitui's `CommandInfo`): every action the screen acts on
//! now, its short label for the hint bar, and — when it cannot be done now — why not. The hint
//! bar, the help overlay and the read-only refusals all read this list, so they cannot disagree.

use super::action::Action;
use super::app::{App, Screen};
use tiepdan::Error;
use tiepdan::i18n::Lang;

/// Why an offered action cannot be done now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// An inspector's session, or a read-only database file.
    ReadOnly,
}

impl Unavailable {
    pub fn message(self, lang: Lang) -> String {
        match self {
            Unavailable::ReadOnly => Error::ReadOnly.message(lang),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandInfo {
    pub action: Action,
    /// The hint bar's word for it on this screen ("Mở", "Xong", …).
    pub label: &'static str,
    /// `None`: it can be done now.
    pub why_not: Option<Unavailable>,
    /// Shown in the hint bar (some actions, such as a new visit from any screen, are offered
    /// everywhere but hinted only on the desk).
    pub hinted: bool,
}

impl CommandInfo {
    pub fn available(&self) -> bool {
        self.why_not.is_none()
    }
}

/// Builds one screen's list in hint order.
struct Commands {
    lang: Lang,
    read_only: bool,
    list: Vec<CommandInfo>,
}

impl Commands {
    /// An action that reads: always available where offered.
    fn reads(&mut self, action: Action, vi: &'static str, en: &'static str) -> &mut Self {
        self.push(action, vi, en, false, true)
    }

    /// An action that changes the database (or leads straight to a change): refused in a
    /// read-only session.
    fn writes(&mut self, action: Action, vi: &'static str, en: &'static str) -> &mut Self {
        self.push(action, vi, en, true, true)
    }

    /// Offered here but not hinted.
    fn quietly(&mut self, action: Action, writes: bool) -> &mut Self {
        let label = action.describe(self.lang);
        self.list.push(CommandInfo {
            why_not: (writes && self.read_only).then_some(Unavailable::ReadOnly),
            action,
            label,
            hinted: false,
        });
        self
    }

    fn push(
        &mut self,
        action: Action,
        vi: &'static str,
        en: &'static str,
        writes: bool,
        hinted: bool,
    ) -> &mut Self {
        self.list.push(CommandInfo {
            action,
            label: self.lang.pick(vi, en),
            why_not: (writes && self.read_only).then_some(Unavailable::ReadOnly),
            hinted,
        });
        self
    }
}

impl App {
    /// The current screen's commands, in the order the hint bar shows them.
    pub fn commands(&self) -> Vec<CommandInfo> {
        let mut c = Commands {
            lang: self.lang(),
            read_only: self.read_only(),
            list: Vec::new(),
        };
        match self.top() {
            None => {
                c.writes(Action::NewVisit, "Tiếp dân mới", "New visit");
                if self.desk.is_empty_database() {
                    c.writes(Action::LoadDemo, "Dữ liệu mẫu", "Demo data");
                }
                c.reads(Action::Search, "Tìm", "Search")
                    .reads(Action::DeadlineBoard, "Hạn", "Deadlines")
                    .reads(Action::Report, "Báo cáo", "Report")
                    .reads(Action::Open, "Mở", "Open")
                    .reads(Action::Help, "Trợ giúp", "Help")
                    .reads(Action::Quit, "Thoát", "Quit")
                    .reads(Action::NextField, "Khung", "Pane")
                    .reads(Action::ToggleScope, "Của tôi/Tất cả", "Mine/All");
            }
            Some(Screen::Form(form)) => {
                c.writes(Action::Save, "Lưu", "Save")
                    .reads(Action::NextField, "Ô sau", "Next");
                if !form.repeats.candidates.is_empty() {
                    c.reads(Action::FocusRepeats, "Đơn trùng", "Repeats");
                }
                c.reads(Action::Back, "Hủy", "Cancel")
                    .reads(Action::Help, "Trợ giúp", "Help")
                    .reads(Action::AddCitizen, "Thêm người", "Add person")
                    .quietly(Action::LinkRepeat, true)
                    .quietly(Action::AttachVisit, true);
            }
            Some(Screen::Petition(p)) if p.prompt.is_some() => {
                c.writes(Action::Save, "Ghi bước", "Record step")
                    .reads(Action::NextField, "Ô sau", "Next")
                    .reads(Action::Back, "Hủy", "Cancel");
            }
            Some(Screen::Petition(p)) => {
                if !p.allowed.is_empty() {
                    // Open also follows a repeat-chain row, so it is never refused as a write
                    // (see `refusal`); taking a step explains itself when chosen.
                    c.writes(Action::Open, "Thực hiện bước", "Take step");
                }
                if p.can_reveal() {
                    c.writes(Action::RevealIdentity, "Xem danh tính", "Reveal");
                }
                c.reads(Action::Back, "Quay lại", "Back")
                    .reads(Action::NextField, "Khung", "Pane")
                    .reads(Action::Help, "Trợ giúp", "Help")
                    .reads(Action::Search, "Tìm", "Search");
            }
            Some(Screen::Board(b)) if b.typing => {
                c.reads(Action::Open, "Xong", "Done")
                    .reads(Action::Back, "Xong", "Done");
            }
            Some(Screen::Board(b)) if b.steps.is_some() => {
                c.reads(Action::Open, "Thực hiện", "Take it")
                    .reads(Action::Back, "Thôi", "Cancel");
            }
            Some(Screen::Board(b)) => {
                if b.selected_row().is_some() {
                    c.writes(Action::NextStep, "Bước tiếp", "Next step");
                }
                c.reads(Action::Open, "Mở", "Open")
                    .reads(Action::Search, "Lọc", "Filter")
                    .reads(Action::FilterKind, "Loại", "Kind")
                    .reads(Action::FilterFlag, "Dấu hiệu", "Flag")
                    .reads(Action::Export, "Xuất CSV", "CSV")
                    .reads(Action::Back, "Quay lại", "Back")
                    .reads(Action::Help, "Trợ giúp", "Help");
            }
            Some(Screen::Dashboard(_)) => {
                c.reads(Action::NextField, "Khung", "Pane")
                    .reads(Action::Export, "Xuất CSV", "CSV")
                    .reads(Action::Open, "Mở", "Open")
                    .reads(Action::Back, "Quay lại", "Back")
                    .reads(Action::Help, "Trợ giúp", "Help");
            }
            Some(Screen::Report(r)) if r.editing.is_some() => {
                c.reads(Action::Open, "Xem báo cáo", "Show report")
                    .reads(Action::NextField, "Ô sau", "Next")
                    .reads(Action::Back, "Thôi", "Cancel");
            }
            Some(Screen::Report(_)) => {
                c.reads(Action::NextField, "Loại kỳ", "Period kind")
                    .reads(Action::Right, "Kỳ sau", "Next period")
                    .reads(Action::Left, "Kỳ trước", "Previous")
                    .reads(Action::Export, "Lưu CSV/XLSX/MD", "Save CSV/XLSX/MD")
                    .reads(Action::Back, "Quay lại", "Back")
                    .reads(Action::Help, "Trợ giúp", "Help");
            }
            Some(Screen::Search(_)) => {
                c.reads(Action::Open, "Mở", "Open")
                    .reads(Action::Down, "Chọn", "Select")
                    .reads(Action::Back, "Quay lại", "Back")
                    .reads(Action::Help, "Trợ giúp", "Help");
            }
        }
        // A new visit can be started from any screen (the desk hints it).
        if self.top().is_some() {
            c.quietly(Action::NewVisit, true);
        }
        c.list
    }

    /// Why a database-changing action cannot be done on this screen now; `None` when it can, or
    /// when this screen does not act on it at all (then it is simply not an action here).
    pub fn refusal(&self, action: &Action) -> Option<Unavailable> {
        if !action.writes() {
            return None;
        }
        self.commands()
            .into_iter()
            .find(|c| &c.action == action)
            .and_then(|c| c.why_not)
    }
}
