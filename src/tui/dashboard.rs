//! The inspector dashboard (Thanh tra): intake per month by kind, backlog by stage, overdue by
//! unit and officer, the oldest open petitions, repeat hotspots, group visits, and the leaders'
//! reception days this month against the legal minimum. Every list exports to CSV.

use super::action::Action;
use super::job::Job;
use chrono::{Datelike, Months, NaiveDate};
use tiepdan::Result;
use tiepdan::search::{Cluster, repeat_clusters};
use tiepdan::session::Session;
use tiepdan::store::{DashboardData, DataStamp};

/// Filings that make a subject or a citizen a hotspot.
pub const HOTSPOT_MIN: usize = 3;

/// The lists of the dashboard, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Oldest,
    Overdue,
    Backlog,
    Hotspots,
    GroupVisits,
    Received,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Oldest,
        Section::Overdue,
        Section::Backlog,
        Section::Hotspots,
        Section::GroupVisits,
        Section::Received,
    ];

    pub fn file_stem(self) -> &'static str {
        match self {
            Section::Oldest => "don-ton-lau-nhat",
            Section::Overdue => "qua-han-theo-can-bo",
            Section::Backlog => "ton-theo-buoc",
            Section::Hotspots => "diem-nong-lap-lai",
            Section::GroupVisits => "doan-dong-nguoi",
            Section::Received => "tiep-nhan-theo-thang",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DashboardState {
    pub data: DashboardData,
    pub hotspots: Vec<Cluster>,
    /// The first month of the twelve shown.
    pub since: NaiveDate,
    pub section: Section,
    /// Selected row of the oldest-petitions list.
    pub selected: usize,
    /// The data the hotspots were clustered from: clustering reads every petition, so it runs
    /// again only when something was written since, not on every refresh.
    hotspots_of: Option<DataStamp>,
    /// How many times the hotspots were clustered (tests hold the cache to its word).
    pub clusterings: u32,
    /// Clustering runs in the background: the list shown is the last one, marked as being redone.
    pub clustering: bool,
}

/// Clustering reads every petition — seconds on a million — so on a database file it runs in
/// the background while the dashboard stays live.
pub struct HotspotJob {
    stamp: DataStamp,
    job: Job<Vec<Cluster>>,
}

fn rank(mut hotspots: Vec<Cluster>) -> Vec<Cluster> {
    hotspots.sort_by(|a, b| b.count.cmp(&a.count).then(b.latest_on.cmp(&a.latest_on)));
    hotspots.truncate(50);
    hotspots
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DashboardOutcome {
    Stay,
    Back,
    Open(String),
    Export,
}

impl DashboardState {
    pub fn load(ctx: &Session, job: &mut Option<HotspotJob>) -> Result<DashboardState> {
        let month = ctx.today.with_day(1).unwrap_or(ctx.today);
        let since = month.checked_sub_months(Months::new(11)).unwrap_or(month);
        let mut state = DashboardState {
            data: DashboardData::default(),
            hotspots: Vec::new(),
            since,
            section: Section::Oldest,
            selected: 0,
            hotspots_of: None,
            clusterings: 0,
            clustering: false,
        };
        state.refresh(ctx, job)?;
        Ok(state)
    }

    /// Reads the figures again; the hotspots only when something was written since they were
    /// clustered — in the background through `job` when the database is a file.
    pub fn refresh(&mut self, ctx: &Session, job: &mut Option<HotspotJob>) -> Result<()> {
        self.data = ctx.store.dashboard(ctx.today, self.since)?;
        self.selected = self.selected.min(self.data.oldest.len().saturating_sub(1));
        self.ensure_hotspots(ctx, job)
    }

    /// Clusters again if something was written since the hotspots shown were clustered. One
    /// clustering at a time: while one runs, writes only mark the list for another round when
    /// it ends (busy desks commit every few seconds; a clustering takes longer on a big file).
    pub fn ensure_hotspots(&mut self, ctx: &Session, job: &mut Option<HotspotJob>) -> Result<()> {
        let stamp = ctx.store.data_stamp()?;
        if self.hotspots_of == Some(stamp) {
            return Ok(());
        }
        if job.is_some() {
            self.clustering = true;
            return Ok(());
        }
        let started = Job::start(ctx, "hotspots", |store| repeat_clusters(store, HOTSPOT_MIN))?;
        *job = started.map(|job| HotspotJob { stamp, job });
        if job.is_some() {
            self.clustering = true;
        } else {
            self.take_hotspots(stamp, repeat_clusters(&ctx.store, HOTSPOT_MIN)?);
        }
        Ok(())
    }

    /// Takes the background answer if it has come; true when the screen changed.
    pub fn poll(&mut self, job: &mut Option<HotspotJob>) -> Result<bool> {
        let Some(running) = job else {
            return Ok(false);
        };
        let Some(answer) = running.job.try_take() else {
            return Ok(false);
        };
        let stamp = running.stamp;
        *job = None;
        self.clustering = false;
        self.take_hotspots(stamp, answer?);
        Ok(true)
    }

    fn take_hotspots(&mut self, stamp: DataStamp, clusters: Vec<Cluster>) {
        self.hotspots = rank(clusters);
        self.hotspots_of = Some(stamp);
        self.clusterings += 1;
    }

    /// The twelve months shown, oldest first, as `YYYY-MM`.
    pub fn months(&self) -> Vec<String> {
        (0..12)
            .filter_map(|i| self.since.checked_add_months(Months::new(i)))
            .map(|d| d.format("%Y-%m").to_string())
            .collect()
    }

    pub fn update(&mut self, action: &Action) -> DashboardOutcome {
        let at = Section::ALL
            .iter()
            .position(|s| *s == self.section)
            .unwrap_or(0);
        let n = Section::ALL.len();
        let last = self.data.oldest.len().saturating_sub(1);
        match action {
            Action::NextField => self.section = Section::ALL[(at + 1) % n],
            Action::PrevField => self.section = Section::ALL[(at + n - 1) % n],
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Home => self.selected = 0,
            Action::End => self.selected = last,
            Action::Open => {
                if let Some(row) = self.data.oldest.get(self.selected) {
                    return DashboardOutcome::Open(row.code.clone());
                }
            }
            Action::Export => return DashboardOutcome::Export,
            Action::Back => return DashboardOutcome::Back,
            _ => {}
        }
        DashboardOutcome::Stay
    }
}
