//! The search screen: one box over citizens and petitions, results grouped by citizen and, within
//! a citizen, by repeat chain. Results follow every keystroke: the query goes to the session's
//! [`LiveSearch`] worker (its own connection, off the UI thread), and a newer key interrupts the
//! query still running, so typing never waits on a slow search. A database with no file (tests'
//! in-memory stores) has no second connection to give a worker and is searched in place.

use super::action::Action;
use super::input::TextInput;
use std::time::Duration;
use tiepdan::Result;
use tiepdan::search::live::Answer;
use tiepdan::search::{Engine, Hit, IndexEngine, LiveSearch};
use tiepdan::session::Session;
use tiepdan::store::Store;
use tiepdan::text::fold;

const LIMIT: usize = 60;

/// How long a key waits for its answer before the screen is drawn without it: most answers come
/// sooner, so the results rarely lag a frame; slower ones arrive on the next poll.
const ANSWER_GRACE: Duration = Duration::from_millis(30);

/// Starts the session's search worker on a second connection to the same file, acting as the
/// same role; `None` for a database without a file.
pub fn spawn_worker(ctx: &Session) -> Result<Option<LiveSearch>> {
    let Some(path) = ctx.store.path() else {
        return Ok(None);
    };
    let mut store = Store::open_as(path, ctx.store.role(), ctx.store.policy().clone())?;
    if let Some(key) = ctx.store.desk_key() {
        // Earlier denunciations by the same denouncer, for the desk (never an inspector's).
        store.unlock_denouncer_index(key.clone())?;
    }
    let engine = IndexEngine::new().with_today(ctx.today);
    Ok(Some(LiveSearch::spawn(store, engine)))
}

/// Who a group of results belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupTitle {
    Citizen(String),
    /// Denunciations: the identity is never shown in a list.
    Protected,
    Anonymous,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub hit: Hit,
    /// The first petition of this one's repeat chain.
    pub chain_root: String,
    /// Later than the first of its chain among these results: shown indented under it.
    pub repeat: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultGroup {
    pub title: GroupTitle,
    pub rows: Vec<ResultRow>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchState {
    pub input: TextInput,
    pub groups: Vec<ResultGroup>,
    /// Index over all rows of all groups, in display order.
    pub selected: usize,
    searched: Option<String>,
    /// The query sent to the worker has not been answered yet.
    pub waiting: bool,
    /// Keep the selection when the answer comes (a refresh after new data, not a new query).
    keep_selection: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchOutcome {
    Stay,
    Back,
    Open(String),
}

impl SearchState {
    pub fn row_count(&self) -> usize {
        self.groups.iter().map(|g| g.rows.len()).sum()
    }

    pub fn rows(&self) -> impl Iterator<Item = &ResultRow> {
        self.groups.iter().flat_map(|g| g.rows.iter())
    }

    pub fn update(&mut self, action: &Action) -> SearchOutcome {
        let count = self.row_count();
        let moved = |by: isize, sel: usize| {
            (sel as isize + by).clamp(0, count.saturating_sub(1) as isize) as usize
        };
        match action {
            edit if self.input.edit(edit) => {}
            Action::Up | Action::PrevField => self.selected = moved(-1, self.selected),
            Action::Down | Action::NextField => self.selected = moved(1, self.selected),
            Action::PageUp => self.selected = moved(-10, self.selected),
            Action::PageDown => self.selected = moved(10, self.selected),
            Action::Open => {
                if let Some(row) = self.rows().nth(self.selected) {
                    return SearchOutcome::Open(row.hit.code.clone());
                }
            }
            Action::Back => return SearchOutcome::Back,
            _ => {}
        }
        SearchOutcome::Stay
    }

    /// Searches again if the box changed since the last query (or when forced by new data):
    /// through the worker when there is one, else in place.
    pub fn refresh(
        &mut self,
        ctx: &Session,
        worker: Option<&LiveSearch>,
        force: bool,
    ) -> Result<()> {
        let query = self.input.value().to_string();
        if !force && self.searched.as_deref() == Some(query.as_str()) {
            return Ok(());
        }
        self.searched = Some(query.clone());
        self.keep_selection = force;
        let Some(live) = worker else {
            let hits = IndexEngine::new()
                .with_today(ctx.today)
                .search(&ctx.store, &query, LIMIT)?;
            return self.show(ctx, hits);
        };
        live.submit(&query, LIMIT);
        self.waiting = true;
        if let Some(answer) = live.wait(ANSWER_GRACE) {
            self.take(ctx, answer)?;
        }
        Ok(())
    }

    /// Takes the worker's answer if it has come; true when the results changed.
    pub fn poll(&mut self, ctx: &Session, worker: &LiveSearch) -> Result<bool> {
        if !self.waiting {
            return Ok(false);
        }
        match worker.try_answer() {
            Some(answer) => self.take(ctx, answer).map(|()| true),
            None => Ok(false),
        }
    }

    fn take(&mut self, ctx: &Session, answer: Answer) -> Result<()> {
        if self.searched.as_deref() != Some(answer.query.as_str()) {
            return Ok(());
        }
        self.waiting = false;
        self.show(ctx, answer.hits?)
    }

    fn show(&mut self, ctx: &Session, hits: Vec<Hit>) -> Result<()> {
        self.groups = group(ctx, hits)?;
        self.selected = if self.keep_selection {
            self.selected.min(self.row_count().saturating_sub(1))
        } else {
            0
        };
        Ok(())
    }
}

/// Groups hits by citizen (best group first), and within a group puts each repeat chain together,
/// oldest first, so a person's history reads top to bottom.
fn group(ctx: &Session, hits: Vec<Hit>) -> Result<Vec<ResultGroup>> {
    let mut groups: Vec<(String, ResultGroup)> = Vec::new();
    for hit in hits {
        let (key, title) = match (
            &hit.citizen_name,
            tiepdan::privacy::protects_identity(hit.kind),
        ) {
            (_, true) => ("\u{0}protected".to_string(), GroupTitle::Protected),
            (Some(name), false) => (fold(name), GroupTitle::Citizen(name.clone())),
            (None, false) => ("\u{0}anonymous".to_string(), GroupTitle::Anonymous),
        };
        let chain_root = ctx
            .store
            .repeat_root(&hit.code)?
            .unwrap_or_else(|| hit.code.clone());
        let row = ResultRow {
            hit,
            chain_root,
            repeat: false,
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.rows.push(row),
            None => groups.push((
                key,
                ResultGroup {
                    title,
                    rows: vec![row],
                },
            )),
        }
    }
    let mut out = Vec::with_capacity(groups.len());
    for (_, mut group) in groups {
        // Chains in order of their best hit; within a chain, oldest first.
        let order: Vec<String> =
            group
                .rows
                .iter()
                .map(|r| r.chain_root.clone())
                .fold(Vec::new(), |mut seen, root| {
                    if !seen.contains(&root) {
                        seen.push(root);
                    }
                    seen
                });
        group.rows.sort_by(|a, b| {
            let rank = |r: &ResultRow| order.iter().position(|root| *root == r.chain_root);
            rank(a)
                .cmp(&rank(b))
                .then(a.hit.received_on.cmp(&b.hit.received_on))
                .then(a.hit.code.cmp(&b.hit.code))
        });
        for i in 1..group.rows.len() {
            group.rows[i].repeat = group.rows[i].chain_root == group.rows[i - 1].chain_root;
        }
        out.push(group);
    }
    Ok(out)
}
