//! The desk, the screen that opens first: today's visits and the open petitions by deadline.

use super::action::Action;
use tiepdan::Result;
use tiepdan::domain::{Handling, PetitionKind, Status, VisitKind};
use tiepdan::due::DueView;
use tiepdan::privacy::{anonymous_label, protected_label, protects_identity};
use tiepdan::session::Session;

/// How many open petitions the desk lists; the search screen reaches the rest.
const OPEN_SHOWN: usize = 500;

#[derive(Debug, Clone, PartialEq)]
pub struct VisitRow {
    pub time: String,
    /// Names as lists may show them (a denouncer's masked).
    pub who: String,
    pub masked: bool,
    pub kind: VisitKind,
    pub leader_present: bool,
    pub headcount: u32,
    pub handling: Handling,
    pub petition_codes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OpenRow {
    pub code: String,
    pub kind: PetitionKind,
    pub status: Status,
    pub subject: String,
    /// The deadline as every list shows it (unit, pause, urgency).
    pub due: DueView,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskPane {
    Visits,
    Open,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub petitions: i64,
    pub open: i64,
    pub mine_open: i64,
    pub visits_today: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeskState {
    pub visits: Vec<VisitRow>,
    pub open: Vec<OpenRow>,
    /// Only the operator's own petitions; starts on when they have any.
    pub mine_only: Option<bool>,
    pub focus: DeskPane,
    pub visit_sel: usize,
    pub open_sel: usize,
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskOutcome {
    Stay,
    /// What the desk lists changed (the scope toggle): load it again.
    Reload,
    Open(String),
    LoadDemo,
    Quit,
}

impl Default for DeskState {
    fn default() -> Self {
        DeskState {
            visits: Vec::new(),
            open: Vec::new(),
            mine_only: None,
            focus: DeskPane::Open,
            visit_sel: 0,
            open_sel: 0,
            counts: Counts::default(),
        }
    }
}

fn move_in(selected: &mut usize, len: usize, step: isize) {
    if len == 0 {
        *selected = 0;
        return;
    }
    *selected = (*selected as isize + step).clamp(0, len as isize - 1) as usize;
}

impl DeskState {
    pub fn is_empty_database(&self) -> bool {
        self.counts.petitions == 0
    }

    pub fn showing_mine(&self) -> bool {
        self.mine_only == Some(true)
    }

    /// Reloads everything from the store (after a write here or by another operator).
    pub fn load(&mut self, ctx: &Session) -> Result<()> {
        let store = &ctx.store;
        let me = store.actor().to_string();
        self.counts.petitions = store.petition_count()?;
        self.counts.open = store.count_open(None)?;
        self.counts.mine_open = store.count_open(Some(&me))?;
        let mine_only = *self.mine_only.get_or_insert(self.counts.mine_open > 0);
        let officer = mine_only.then_some(me.as_str());
        self.open = store
            .open_petitions_of(officer, OPEN_SHOWN)?
            .into_iter()
            .map(|row| {
                Ok(OpenRow {
                    due: store.due_view(&row.code, ctx.today)?,
                    code: row.code,
                    kind: row.kind,
                    status: row.status,
                    subject: row.subject,
                })
            })
            .collect::<Result<_>>()?;
        self.visits = store
            .visits_on(ctx.today)?
            .into_iter()
            .map(|visit| visit_row(ctx, visit))
            .collect::<Result<_>>()?;
        self.counts.visits_today = self.visits.len();
        move_in(&mut self.open_sel, self.open.len(), 0);
        move_in(&mut self.visit_sel, self.visits.len(), 0);
        if self.visits.is_empty() {
            self.focus = DeskPane::Open;
        }
        Ok(())
    }

    pub fn update(&mut self, action: &Action) -> DeskOutcome {
        let page = 10;
        let (selected, len) = match self.focus {
            DeskPane::Visits => (&mut self.visit_sel, self.visits.len()),
            DeskPane::Open => (&mut self.open_sel, self.open.len()),
        };
        match action {
            Action::Up => move_in(selected, len, -1),
            Action::Down => move_in(selected, len, 1),
            Action::PageUp => move_in(selected, len, -page),
            Action::PageDown => move_in(selected, len, page),
            Action::Home => move_in(selected, len, -(len as isize)),
            Action::End => move_in(selected, len, len as isize),
            Action::NextField | Action::PrevField if !self.visits.is_empty() => {
                self.focus = match self.focus {
                    DeskPane::Visits => DeskPane::Open,
                    DeskPane::Open => DeskPane::Visits,
                };
            }
            Action::Open => {
                let code = match self.focus {
                    DeskPane::Visits => self
                        .visits
                        .get(self.visit_sel)
                        .and_then(|v| v.petition_codes.first().cloned()),
                    DeskPane::Open => self.open.get(self.open_sel).map(|r| r.code.clone()),
                };
                return code.map_or(DeskOutcome::Stay, DeskOutcome::Open);
            }
            Action::ToggleScope => {
                self.mine_only = Some(!self.showing_mine());
                self.open_sel = 0;
                return DeskOutcome::Reload;
            }
            Action::LoadDemo if self.is_empty_database() => return DeskOutcome::LoadDemo,
            Action::Quit => return DeskOutcome::Quit,
            _ => {}
        }
        DeskOutcome::Stay
    }
}

fn visit_row(ctx: &Session, visit: tiepdan::domain::Visit) -> Result<VisitRow> {
    let store = &ctx.store;
    let petitions: Vec<_> = visit
        .petition_ids
        .iter()
        .map(|id| store.petition_by_id(*id))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    let masked = petitions.iter().any(|p| protects_identity(p.kind));
    let who = if masked {
        protected_label(ctx.lang).to_string()
    } else {
        let mut names = Vec::new();
        for attendee in &visit.attendees {
            if let Some(citizen) = store.citizen(attendee.citizen_id)? {
                names.push(citizen.full_name);
            }
        }
        if names.is_empty() {
            anonymous_label(ctx.lang).to_string()
        } else {
            names.join(", ")
        }
    };
    Ok(VisitRow {
        time: visit.visited_at.format("%H:%M").to_string(),
        who,
        masked,
        kind: visit.kind,
        leader_present: visit.leader_present,
        headcount: visit.headcount,
        handling: visit.handling,
        petition_codes: petitions.into_iter().map(|p| p.code).collect(),
    })
}
