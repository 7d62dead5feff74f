//! The citizen page: one person's whole history — every name, ID number, phone and address they
//! gave, and every petition with its status and repeat chain — the same data as
//! `tiepdan citizen show` (both come from [`tiepdan::session::Session::citizen_history`]). Reached
//! from a search hit, a possible repeat in the new-visit pane or a petition; denunciations and
//! denouncers' identities are never on it (Luật Tố cáo 2018, Điều 47).

use super::action::Action;
use tiepdan::session::{CitizenHistory, Session};
use tiepdan::store::PersonView;

#[derive(Debug, Clone, PartialEq)]
pub struct CitizenState {
    /// The petition the page was opened from.
    pub from_code: String,
    /// One view per person the petition's filers are (a group petition has several).
    pub views: Vec<PersonView>,
    /// Index over every petition of every view, in display order.
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitizenOutcome {
    Stay,
    Back,
    Open(String),
}

impl CitizenState {
    /// The page of the filer(s) of petition `code`; None when it has none to show (anonymous, or
    /// a denunciation: its filer is protected).
    pub fn load(ctx: &mut Session, code: &str) -> tiepdan::Result<Option<CitizenState>> {
        let views = match ctx.citizen_history(code, false) {
            Ok(CitizenHistory::Persons(views)) => views,
            Ok(CitizenHistory::OnlyDenouncer) | Err(tiepdan::Error::NotFound { .. }) => {
                return Ok(None);
            }
            Err(err) => return Err(err),
        };
        // The filer of the petition it was opened from first.
        let selected = views
            .iter()
            .flat_map(|v| v.petitions.iter())
            .position(|p| p.code == code)
            .unwrap_or(0);
        Ok(Some(CitizenState {
            from_code: code.to_string(),
            views,
            selected,
        }))
    }

    pub fn petition_count(&self) -> usize {
        self.views.iter().map(|v| v.petitions.len()).sum()
    }

    pub fn selected_code(&self) -> Option<&str> {
        self.views
            .iter()
            .flat_map(|v| v.petitions.iter())
            .nth(self.selected)
            .map(|p| p.code.as_str())
    }

    pub fn update(&mut self, action: &Action) -> CitizenOutcome {
        let last = self.petition_count().saturating_sub(1) as isize;
        let mut moved = |by: isize| {
            self.selected = (self.selected as isize + by).clamp(0, last) as usize;
        };
        match action {
            Action::Up | Action::PrevField => moved(-1),
            Action::Down | Action::NextField => moved(1),
            Action::PageUp => moved(-10),
            Action::PageDown => moved(10),
            Action::Home => moved(-10_000),
            Action::End => moved(10_000),
            Action::Open => {
                if let Some(code) = self.selected_code() {
                    return CitizenOutcome::Open(code.to_string());
                }
            }
            Action::Back => return CitizenOutcome::Back,
            _ => {}
        }
        CitizenOutcome::Stay
    }
}
