//! What each screen offers, in one list (gitui's `CommandInfo`): every action the screen acts on
//! now, its short label for the hint bar, and — when it cannot be done now — why not. The hint
//! bar, the help overlay and the read-only refusals all read this list, so they cannot disagree.

use super::action::Action;
use super::app::{App, Screen};
use tiepdan::Error;
use tiepdan::i18n::{self, Hint, Lang};

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
    fn reads(&mut self, action: Action, hint: Hint) -> &mut Self {
        self.push(action, hint, false)
    }

    /// An action that changes the database (or leads straight to a change): refused in a
    /// read-only session.
    fn writes(&mut self, action: Action, hint: Hint) -> &mut Self {
        self.push(action, hint, true)
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

    fn push(&mut self, action: Action, hint: Hint, writes: bool) -> &mut Self {
        self.list.push(CommandInfo {
            action,
            label: i18n::hint(self.lang, hint),
            why_not: (writes && self.read_only).then_some(Unavailable::ReadOnly),
            hinted: true,
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
                c.writes(Action::NewVisit, Hint::NewVisit);
                if self.last_saved.is_some() {
                    c.writes(Action::Void, Hint::VoidSaved);
                }
                if self.desk.is_empty_database() {
                    c.writes(Action::LoadDemo, Hint::DemoData);
                }
                c.reads(Action::Search, Hint::Search)
                    .reads(Action::DeadlineBoard, Hint::Deadlines)
                    .reads(Action::Report, Hint::Report)
                    .reads(Action::Open, Hint::Open)
                    .reads(Action::Help, Hint::Help)
                    .reads(Action::Quit, Hint::Quit)
                    .reads(Action::NextField, Hint::Pane)
                    .reads(Action::ToggleScope, Hint::MineOrAll);
            }
            Some(Screen::Form(form)) => {
                c.writes(Action::Save, Hint::Save)
                    .reads(Action::NextField, Hint::Next);
                if !form.repeats.candidates.is_empty() {
                    c.reads(Action::FocusRepeats, Hint::Repeats);
                }
                c.reads(Action::Back, Hint::Cancel)
                    .reads(Action::Help, Hint::Help)
                    .reads(Action::AddCitizen, Hint::AddPerson)
                    .quietly(Action::CitizenPage, false)
                    .quietly(Action::LinkRepeat, true)
                    .quietly(Action::AttachVisit, true);
            }
            Some(Screen::Petition(p)) if p.reveal.is_some() => {
                c.writes(Action::Open, Hint::Reveal)
                    .reads(Action::Back, Hint::Cancel);
            }
            Some(Screen::Petition(p)) if p.prompt.is_some() => {
                c.writes(Action::Save, Hint::RecordStep)
                    .reads(Action::NextField, Hint::Next)
                    .reads(Action::Back, Hint::Cancel);
            }
            Some(Screen::Petition(p)) => {
                if !p.allowed.is_empty() {
                    // Open also follows a repeat-chain row, so it is never refused as a write
                    // (see `refusal`); taking a step explains itself when chosen.
                    c.writes(Action::Open, Hint::TakeStep);
                }
                if p.can_reveal() {
                    c.writes(Action::RevealIdentity, Hint::Reveal);
                }
                if p.petition.status() != tiepdan::domain::Status::Voided {
                    c.writes(Action::Correct, Hint::Correct)
                        .quietly(Action::Void, true);
                }
                c.reads(Action::Back, Hint::Back)
                    .reads(Action::NextField, Hint::Pane)
                    .reads(Action::Help, Hint::Help);
                if p.petition.status() != tiepdan::domain::Status::Voided {
                    c.reads(Action::Receipt, Hint::Receipt);
                }
                c.reads(Action::Search, Hint::Search)
                    .reads(Action::CitizenPage, Hint::Citizen);
            }
            Some(Screen::Board(b)) if b.typing => {
                c.reads(Action::Open, Hint::Done)
                    .reads(Action::Back, Hint::Done);
            }
            Some(Screen::Board(b)) if b.steps.is_some() => {
                c.reads(Action::Open, Hint::TakeIt)
                    .reads(Action::Back, Hint::NeverMind);
            }
            Some(Screen::Board(b)) => {
                if b.selected_row().is_some() {
                    c.writes(Action::NextStep, Hint::NextStep);
                }
                c.reads(Action::Open, Hint::Open)
                    .reads(Action::Search, Hint::Filter)
                    .reads(Action::FilterKind, Hint::Kind)
                    .reads(Action::FilterFlag, Hint::Flag)
                    .reads(Action::Export, Hint::ExportCsv)
                    .reads(Action::Back, Hint::Back)
                    .reads(Action::Help, Hint::Help);
            }
            Some(Screen::Dashboard(_)) => {
                c.reads(Action::NextField, Hint::Pane)
                    .reads(Action::Export, Hint::ExportCsv)
                    .reads(Action::Open, Hint::Open)
                    .reads(Action::Back, Hint::Back)
                    .reads(Action::Help, Hint::Help);
            }
            Some(Screen::Report(r)) if r.editing.is_some() => {
                c.reads(Action::Open, Hint::ShowReport)
                    .reads(Action::NextField, Hint::Next)
                    .reads(Action::Back, Hint::NeverMind);
            }
            Some(Screen::Report(_)) => {
                c.reads(Action::NextField, Hint::PeriodKind)
                    .reads(Action::Right, Hint::NextPeriod)
                    .reads(Action::Left, Hint::Previous)
                    .reads(Action::Export, Hint::SaveFiles)
                    .reads(Action::Back, Hint::Back)
                    .reads(Action::Help, Hint::Help);
            }
            Some(Screen::Search(_)) => {
                c.reads(Action::Open, Hint::Open)
                    .reads(Action::Down, Hint::Select)
                    .reads(Action::CitizenPage, Hint::Citizen)
                    .reads(Action::Back, Hint::Back)
                    .reads(Action::Help, Hint::Help);
            }
            Some(Screen::Citizen(_)) => {
                c.reads(Action::Open, Hint::Open)
                    .reads(Action::Down, Hint::Select)
                    .reads(Action::Back, Hint::Back)
                    .reads(Action::Help, Hint::Help);
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
