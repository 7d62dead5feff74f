//! The deadline board (Hạn xử lý): every open petition by urgency then deadline, suspended ones
//! (clock paused) last. Only a window of rows around the selection is fetched from the store, so
//! the board opens as fast on a million petitions as on a hundred.

use super::action::Action;
use super::input::TextInput;
use tiepdan::Result;
use tiepdan::domain::{EventKind, Field, Flags, PetitionKind, Status};
use tiepdan::due::DueView;
use tiepdan::rules::Urgency;
use tiepdan::session::Session;
use tiepdan::store::{BoardCounts, BoardFilter, Mark, UrgencyBounds};

/// Rows fetched around the selection: more than a tall terminal shows, far fewer than a database.
pub const WINDOW: usize = 100;
/// How far before the selection the window starts.
const LEAD: usize = 40;

#[derive(Debug, Clone, PartialEq)]
pub struct BoardRow {
    pub code: String,
    pub kind: PetitionKind,
    pub status: Status,
    pub subject: String,
    pub officer: Option<String>,
    pub flags: Flags,
    /// The deadline as every list shows it (unit, pause, urgency).
    pub due: DueView,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardState {
    pub filter: BoardFilter,
    pub input: TextInput,
    /// The quick filter box has the keys.
    pub typing: bool,
    pub counts: BoardCounts,
    /// Index of the first fetched row in the whole filtered board.
    pub start: usize,
    pub rows: Vec<BoardRow>,
    /// Index of the selected row in the whole filtered board.
    pub selected: usize,
    /// The legal next steps of the selected petition, offered over the board.
    pub steps: Option<StepsMenu>,
    /// Units and officers holding open petitions, read the first time a filter needs them.
    pub holders: Option<(Vec<String>, Vec<String>)>,
    bounds: Option<UrgencyBounds>,
    loaded_filter: Option<BoardFilter>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepsMenu {
    pub code: String,
    pub allowed: Vec<EventKind>,
    pub selected: usize,
}

/// Whose petitions a holder filter narrows to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Unit,
    Officer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoardOutcome {
    Stay,
    Back,
    /// The filter or the window changed: fetch again.
    Fetch,
    Open(String),
    Export,
    /// The units and officers are needed before this filter can cycle.
    CycleHolder(Holder),
    /// Offer the legal next steps of this petition (the app checks write access first).
    Steps(String),
    /// The operator chose a step: open the petition with its prompt.
    TakeStep(String, EventKind),
}

/// The last day each urgency lasts, from the policy's calendar and thresholds.
pub fn urgency_bounds(ctx: &Session) -> UrgencyBounds {
    let today = ctx.today;
    let policy = ctx.store.policy();
    let mut critical_until = today.pred_opt().unwrap_or(today);
    let mut soon_until = critical_until;
    let mut day = today;
    for _ in 0..400 {
        match policy.urgency(Some(day), today) {
            Urgency::Critical => {
                critical_until = day;
                soon_until = day;
            }
            Urgency::Soon => soon_until = day,
            Urgency::Ok => break,
            _ => {}
        }
        day = day.succ_opt().unwrap_or(day);
    }
    UrgencyBounds {
        today,
        critical_until,
        soon_until,
    }
}

fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current.and_then(|c| all.iter().position(|x| *x == c)) {
        None => all.first().copied(),
        Some(i) => all.get(i + 1).copied(),
    }
}

/// The stages an open petition can be at.
fn open_statuses() -> Vec<Status> {
    Status::ALL
        .iter()
        .copied()
        .filter(|s| !s.is_closed())
        .collect()
}

fn cycle_text(current: &Option<String>, all: &[String]) -> Option<String> {
    let at = current
        .as_ref()
        .and_then(|c| all.iter().position(|x| x == c));
    match at {
        None => all.first().cloned(),
        Some(i) => all.get(i + 1).cloned(),
    }
}

impl BoardState {
    pub fn total(&self) -> usize {
        self.counts.total() as usize
    }

    pub fn row(&self, index: usize) -> Option<&BoardRow> {
        index.checked_sub(self.start).and_then(|i| self.rows.get(i))
    }

    pub fn selected_row(&self) -> Option<&BoardRow> {
        self.row(self.selected)
    }

    /// Whether any filter narrows the board (the text box included).
    pub fn filtered(&self) -> bool {
        self.filter != BoardFilter::default() || !self.input.is_empty()
    }

    pub fn update(&mut self, action: &Action, me: &str) -> BoardOutcome {
        if let Some(menu) = &mut self.steps {
            let last = menu.allowed.len().saturating_sub(1);
            match action {
                Action::Up => menu.selected = menu.selected.saturating_sub(1),
                Action::Down => menu.selected = (menu.selected + 1).min(last),
                Action::Open => {
                    let chosen = menu.allowed.get(menu.selected).copied();
                    let code = menu.code.clone();
                    self.steps = None;
                    if let Some(kind) = chosen {
                        return BoardOutcome::TakeStep(code, kind);
                    }
                }
                Action::Back | Action::NextStep => self.steps = None,
                _ => {}
            }
            return BoardOutcome::Stay;
        }
        if self.typing {
            match action {
                edit if self.input.edit(edit) => {}
                Action::Open | Action::Back | Action::Down | Action::NextField => {
                    self.typing = false;
                    return BoardOutcome::Stay;
                }
                _ => return BoardOutcome::Stay,
            }
            self.filter.text = self.input.value().to_string();
            self.selected = 0;
            return BoardOutcome::Fetch;
        }
        let total = self.total();
        let moved = |by: isize, sel: usize| {
            (sel as isize + by).clamp(0, total.saturating_sub(1) as isize) as usize
        };
        match action {
            Action::Search => {
                self.typing = true;
                return BoardOutcome::Stay;
            }
            Action::Up => self.selected = moved(-1, self.selected),
            Action::Down => self.selected = moved(1, self.selected),
            Action::PageUp => self.selected = moved(-20, self.selected),
            Action::PageDown => self.selected = moved(20, self.selected),
            Action::Home => self.selected = 0,
            Action::End => self.selected = total.saturating_sub(1),
            Action::FilterKind => self.filter.kind = cycle(self.filter.kind, PetitionKind::ALL),
            Action::FilterFlag => self.filter.mark = cycle(self.filter.mark, &Mark::ALL),
            Action::FilterField => self.filter.field = cycle(self.filter.field, Field::ALL),
            Action::FilterStage => {
                self.filter.status = cycle(self.filter.status, &open_statuses());
            }
            Action::FilterUnit => return self.cycle_holder(Holder::Unit),
            Action::FilterOfficer => return self.cycle_holder(Holder::Officer),
            Action::NextStep => {
                return match self.selected_row() {
                    Some(row) => BoardOutcome::Steps(row.code.clone()),
                    None => BoardOutcome::Stay,
                };
            }
            Action::ToggleScope => {
                self.filter.officer = match self.filter.officer {
                    Some(_) => None,
                    None => Some(me.to_string()),
                };
            }
            Action::Open => {
                return match self.selected_row() {
                    Some(row) => BoardOutcome::Open(row.code.clone()),
                    None => BoardOutcome::Stay,
                };
            }
            // `0` (or Backspace outside the text box): every filter off, the whole board again.
            Action::ClearFilters | Action::Backspace => {
                self.filter = BoardFilter::default();
                self.input.clear();
            }
            Action::Export => return BoardOutcome::Export,
            Action::Back => return BoardOutcome::Back,
            _ => return BoardOutcome::Stay,
        }
        // Every filter change starts again at the top.
        if self.loaded_filter.as_ref() != Some(&self.filter) {
            self.selected = 0;
        }
        BoardOutcome::Fetch
    }

    /// Moves a unit or officer filter to the next holder (then back to everyone); asks for the
    /// list of holders first if it has not been read yet.
    pub fn cycle_holder(&mut self, holder: Holder) -> BoardOutcome {
        let Some((units, officers)) = &self.holders else {
            return BoardOutcome::CycleHolder(holder);
        };
        match holder {
            Holder::Unit => self.filter.unit = cycle_text(&self.filter.unit, units),
            Holder::Officer => self.filter.officer = cycle_text(&self.filter.officer, officers),
        }
        self.selected = 0;
        BoardOutcome::Fetch
    }

    /// Whether the selection has left the fetched window (or the filter changed).
    fn needs_fetch(&self) -> bool {
        if self.loaded_filter.as_ref() != Some(&self.filter) {
            return true;
        }
        let end = self.start + self.rows.len();
        let low = if self.start == 0 {
            0
        } else {
            self.start + LEAD / 2
        };
        let full = self.rows.len() == WINDOW;
        self.selected < low || (full && self.selected + LEAD > end)
    }

    /// Fetches what the screen needs: counts when the filter or data changed, rows when the
    /// selection left the window. `force` after another process's write.
    pub fn refresh(&mut self, ctx: &Session, force: bool) -> Result<()> {
        if !force && !self.needs_fetch() {
            return Ok(());
        }
        if force {
            // Someone else may have assigned a petition to a new unit or officer.
            self.holders = None;
        }
        let bounds = urgency_bounds(ctx);
        if force || self.loaded_filter.as_ref() != Some(&self.filter) || self.bounds != Some(bounds)
        {
            self.counts = ctx.store.board_counts(&self.filter, bounds)?;
            self.bounds = Some(bounds);
        }
        self.selected = self.selected.min(self.total().saturating_sub(1));
        self.start = self.selected.saturating_sub(LEAD);
        let found =
            ctx.store
                .board_page(&self.filter, self.counts.running(), self.start, WINDOW)?;
        self.rows = found
            .into_iter()
            .map(|r| board_row(ctx, r))
            .collect::<Result<_>>()?;
        self.loaded_filter = Some(self.filter.clone());
        Ok(())
    }

    /// Every row of the filtered board, for export.
    pub fn all_rows(&self, ctx: &Session) -> Result<Vec<BoardRow>> {
        let found =
            ctx.store
                .board_page(&self.filter, self.counts.running(), 0, self.total().max(1))?;
        found.into_iter().map(|r| board_row(ctx, r)).collect()
    }
}

/// One row with its deadline worked out by the policy; a petition that cannot be read is an
/// error on the screen, never a row quietly shown with a stale date.
fn board_row(ctx: &Session, row: tiepdan::store::DueRow) -> Result<BoardRow> {
    Ok(BoardRow {
        due: ctx.store.due_view(&row.code, ctx.today)?,
        code: row.code,
        kind: row.kind,
        status: row.status,
        subject: row.subject,
        officer: row.officer,
        flags: row.flags,
    })
}
