//! The deadline lists: the board (Hạn xử lý) and the inspector dashboard (Thanh tra). Only the
//! rows on screen are fetched: the board pages through the `petition_open_by_due` index, and counts
//! per urgency are index range counts between the dates where the urgency changes.

use super::Store;
use super::petitions::{DueRow, due_row, open_filter};
use crate::domain::*;
use crate::error::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::{ToSql, params_from_iter};

/// What the board shows: all open petitions, narrowed by these (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardFilter {
    /// Matched (folded, without diacritics) against the subject and the code.
    pub text: String,
    pub kind: Option<PetitionKind>,
    pub field: Option<Field>,
    /// The stage (status) the petition is at.
    pub status: Option<Status>,
    pub unit: Option<String>,
    pub officer: Option<String>,
    pub mark: Option<Mark>,
}

/// The kinds of case the plans want watched: the stored flags, plus complex (from the
/// lifecycle's complexity) and repeat filings (a `repeat_of` link).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Flag(Flag),
    Complex,
    Repeat,
}

impl Mark {
    /// In the order the board cycles through them: đông người, phức tạp, kéo dài, vượt cấp,
    /// tái diễn, có dấu hiệu tội phạm.
    pub const ALL: [Mark; 6] = [
        Mark::Flag(Flag::Group),
        Mark::Complex,
        Mark::Flag(Flag::Prolonged),
        Mark::Flag(Flag::LevelSkipping),
        Mark::Repeat,
        Mark::Flag(Flag::CrimeSigns),
    ];

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Mark::Flag(flag) => flag.label(lang),
            Mark::Complex => lang.pick("phức tạp", "complex"),
            Mark::Repeat => lang.pick("tái diễn (đơn lặp lại)", "repeat filing"),
        }
    }
}

/// The dates where urgency changes, worked out by the policy's calendar: due before `today` is
/// overdue, on or before `critical_until` critical, on or before `soon_until` soon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrgencyBounds {
    pub today: NaiveDate,
    pub critical_until: NaiveDate,
    pub soon_until: NaiveDate,
}

/// Open petitions per urgency (suspended ones, whose clock is paused, counted apart).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BoardCounts {
    pub overdue: i64,
    pub critical: i64,
    pub soon: i64,
    pub ok: i64,
    pub suspended: i64,
}

impl BoardCounts {
    pub fn total(&self) -> i64 {
        self.overdue + self.critical + self.soon + self.ok + self.suspended
    }

    /// Running, not suspended: the part of the board sorted by deadline.
    pub fn running(&self) -> i64 {
        self.overdue + self.critical + self.soon + self.ok
    }
}

/// The dashboard's numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DashboardData {
    /// (YYYY-MM, kind, count), months ascending.
    pub received: Vec<(String, PetitionKind, i64)>,
    pub backlog: Vec<(Status, i64)>,
    /// (unit, officer, count), most overdue first.
    pub overdue_by_officer: Vec<(String, String, i64)>,
    pub oldest: Vec<DueRow>,
    /// (date, headcount, officer) of visits with 5 or more people.
    pub group_visits: Vec<(String, u32, String)>,
    /// Distinct days this month a leader received citizens.
    pub leader_days: i64,
    /// Those days, ascending.
    pub leader_dates: Vec<NaiveDate>,
    /// This month's published schedule.
    pub schedule: Vec<super::ScheduledDay>,
}

/// The WHERE clause and its parameters for a filter (after the open-status test).
fn filter_sql(filter: &BoardFilter) -> (String, Vec<Box<dyn ToSql>>) {
    let mut sql = String::new();
    let mut params: Vec<Box<dyn ToSql>> = Vec::new();
    let text = crate::text::fold(filter.text.trim());
    if !text.is_empty() {
        let escaped = text
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        sql.push_str(" AND (subject_folded LIKE ? ESCAPE '\\' OR lower(code) LIKE ? ESCAPE '\\')");
        params.push(Box::new(format!("%{escaped}%")));
        params.push(Box::new(format!("%{escaped}%")));
    }
    if let Some(kind) = filter.kind {
        sql.push_str(" AND kind = ?");
        params.push(Box::new(kind.code()));
    }
    if let Some(field) = filter.field {
        sql.push_str(" AND field = ?");
        params.push(Box::new(field.code()));
    }
    if let Some(status) = filter.status {
        sql.push_str(" AND status = ?");
        params.push(Box::new(status.code()));
    }
    match filter.mark {
        None => {}
        Some(Mark::Flag(flag)) => {
            sql.push_str(" AND (flags & ?) != 0");
            params.push(Box::new(i64::from(Flags::default().with(flag).0)));
        }
        Some(Mark::Complex) => {
            sql.push_str(" AND json_extract(state, '$.complexity') != ?");
            params.push(Box::new(Complexity::Normal.code()));
        }
        Some(Mark::Repeat) => sql.push_str(" AND repeat_of IS NOT NULL"),
    }
    for (column, value) in [("unit", &filter.unit), ("officer", &filter.officer)] {
        if let Some(value) = value {
            sql.push_str(&format!(" AND {column} = ?"));
            params.push(Box::new(value.clone()));
        }
    }
    (sql, params)
}

const COLUMNS: &str = "code, kind, status, subject, received_on, due_on, due_kind, officer, flags";

/// A snapshot of "what has been written": another connection's commit moves the first part
/// (`PRAGMA data_version`), this connection's own writes the second. Equal stamps mean nothing
/// changed in between, so derived figures can be kept.
pub type DataStamp = (i64, u64);

impl Store {
    pub fn data_stamp(&self) -> Result<DataStamp> {
        Ok((self.data_version()?, self.conn.total_changes()))
    }

    /// The units and the officers that hold open petitions, for the board's filters.
    pub fn open_holders(&self) -> Result<(Vec<String>, Vec<String>)> {
        let distinct = |column: &str| -> Result<Vec<String>> {
            let sql = format!(
                "SELECT DISTINCT {column} FROM petition
                 WHERE {column} IS NOT NULL AND {column} != '' AND {} ORDER BY 1",
                open_filter()
            );
            Ok(self
                .conn
                .prepare(&sql)?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        };
        Ok((distinct("unit")?, distinct("officer")?))
    }

    /// Counts per urgency for the board's header, as index range counts on `due_on`.
    pub fn board_counts(&self, filter: &BoardFilter, bounds: UrgencyBounds) -> Result<BoardCounts> {
        let (extra, params) = filter_sql(filter);
        let running = |lower: Option<NaiveDate>, upper: Option<NaiveDate>| -> Result<i64> {
            let sql = format!(
                "SELECT COUNT(*) FROM petition INDEXED BY petition_open_by_due
                 WHERE due_on IS NOT NULL AND due_on >= ? AND due_on < ?
                 AND status != 'suspended' AND {}{extra}",
                open_filter()
            );
            let lower = lower.map_or("0000".to_string(), |d| d.to_string());
            let upper = upper.map_or("9999".to_string(), |d| d.to_string());
            let mut all: Vec<&dyn ToSql> = vec![&lower, &upper];
            all.extend(params.iter().map(|p| p.as_ref()));
            Ok(self
                .conn
                .prepare_cached(&sql)?
                .query_row(params_from_iter(all), |r| r.get(0))?)
        };
        let next = |d: NaiveDate| d.succ_opt().unwrap_or(d);
        let overdue = running(None, Some(bounds.today))?;
        let critical = running(Some(bounds.today), Some(next(bounds.critical_until)))?;
        let soon = running(
            Some(next(bounds.critical_until)),
            Some(next(bounds.soon_until)),
        )?;
        let ok = running(Some(next(bounds.soon_until)), None)?;
        let sql = format!(
            "SELECT COUNT(*) FROM petition INDEXED BY petition_open_by_due
             WHERE {} AND (status = 'suspended' OR due_on IS NULL){extra}",
            open_filter()
        );
        let suspended = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(params.iter().map(|p| p.as_ref())), |r| {
                r.get(0)
            })?;
        Ok(BoardCounts {
            overdue,
            critical,
            soon,
            ok,
            suspended,
        })
    }

    /// One page of the board: running petitions by deadline (through the due index), then the
    /// suspended ones and any without a deadline. `running` is the count of the first part.
    pub fn board_page(
        &self,
        filter: &BoardFilter,
        running: i64,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<DueRow>> {
        let (extra, params) = filter_sql(filter);
        let (offset, limit) = (offset as i64, limit as i64);
        let mut rows = Vec::new();
        if offset < running {
            let sql = format!(
                "SELECT {COLUMNS} FROM petition INDEXED BY petition_open_by_due
                 WHERE due_on IS NOT NULL AND status != 'suspended' AND {}{extra}
                 ORDER BY due_on, rowid LIMIT ? OFFSET ?",
                open_filter()
            );
            let mut all: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
            all.push(&limit);
            all.push(&offset);
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let found = stmt.query_map(params_from_iter(all), due_row)?;
            rows = found.collect::<rusqlite::Result<Vec<_>>>()?;
        }
        let wanted = limit - rows.len() as i64;
        if wanted > 0 {
            let skip = (offset - running).max(0);
            let sql = format!(
                "SELECT {COLUMNS} FROM petition INDEXED BY petition_open_by_due
                 WHERE {} AND (status = 'suspended' OR due_on IS NULL){extra}
                 ORDER BY due_on IS NULL, due_on, rowid LIMIT ? OFFSET ?",
                open_filter()
            );
            let mut all: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
            all.push(&wanted);
            all.push(&skip);
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let found = stmt.query_map(params_from_iter(all), due_row)?;
            for row in found {
                rows.push(row?);
            }
        }
        Ok(rows)
    }

    /// Everything the inspector dashboard shows, as of `today` (months from `since`).
    pub fn dashboard(&self, today: NaiveDate, since: NaiveDate) -> Result<DashboardData> {
        let mut data = DashboardData::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(received_on, 1, 7), kind, COUNT(*) FROM petition
             WHERE received_on >= ?1 AND received_on <= ?2 AND status <> 'voided'
             GROUP BY 1, 2 ORDER BY 1, 2",
        )?;
        data.received = stmt
            .query_map(rusqlite::params![since, today], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let sql = format!(
            "SELECT status, COUNT(*) FROM petition WHERE {} GROUP BY status ORDER BY 2 DESC",
            open_filter()
        );
        data.backlog = self
            .conn
            .prepare_cached(&sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let sql = format!(
            "SELECT COALESCE(unit, ''), COALESCE(officer, ''), COUNT(*) FROM petition
             INDEXED BY petition_by_due
             WHERE due_on IS NOT NULL AND due_on < ?1 AND status != 'suspended' AND {}
             GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 20",
            open_filter()
        );
        data.overdue_by_officer = self
            .conn
            .prepare_cached(&sql)?
            .query_map([today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let sql = format!(
            "SELECT {COLUMNS} FROM petition INDEXED BY petition_by_received WHERE {}
             ORDER BY received_on, rowid LIMIT 20",
            open_filter()
        );
        data.oldest = self
            .conn
            .prepare_cached(&sql)?
            .query_map([], due_row)?
            .collect::<rusqlite::Result<_>>()?;
        let month_start = today.with_day0(0).unwrap_or(today);
        data.group_visits = self
            .conn
            .prepare_cached(
                "SELECT substr(visited_at, 1, 10), headcount, officer FROM visit
                 WHERE visited_at >= ?1 AND headcount >= 5 ORDER BY visited_at DESC LIMIT 20",
            )?
            .query_map([since.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        data.leader_dates = self.leader_days(month_start, today)?;
        let (_, month_end) = crate::rules::month_bounds(today);
        data.schedule = self.schedule(month_start, month_end)?;
        data.leader_days = data.leader_dates.len() as i64;
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;

    /// The partial index only serves queries whose WHERE repeats its own: if `open_filter()` or
    /// the migration changed alone, every board count would scan the whole table again.
    #[test]
    fn open_petition_queries_read_the_partial_index() {
        let store = Store::open_in_memory(Policy::legal_default()).unwrap();
        let index_sql: String = store
            .conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'petition_open_by_due'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(index_sql.contains(&open_filter()), "{index_sql}");
        let plan = |sql: &str| -> String {
            let mut stmt = store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
            rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("; ")
        };
        let count = format!("SELECT COUNT(*) FROM petition WHERE {}", open_filter());
        assert!(
            plan(&count).contains("COVERING INDEX petition_open_by_due"),
            "{}",
            plan(&count)
        );
        // Every board filter but the text one is answered from the index alone.
        let bounds = UrgencyBounds {
            today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            critical_until: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            soon_until: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        };
        let filters = [
            BoardFilter {
                field: Some(Field::Land),
                status: Some(Status::Verifying),
                kind: Some(PetitionKind::Complaint),
                unit: Some("Phòng TN-MT".into()),
                officer: Some("lan".into()),
                mark: Some(Mark::Flag(Flag::Group)),
                ..Default::default()
            },
            BoardFilter {
                mark: Some(Mark::Complex),
                ..Default::default()
            },
            BoardFilter {
                mark: Some(Mark::Repeat),
                ..Default::default()
            },
        ];
        for filter in filters {
            let (extra, _) = filter_sql(&filter);
            let sql = format!(
                "SELECT COUNT(*) FROM petition INDEXED BY petition_open_by_due
                 WHERE due_on IS NOT NULL AND status != 'suspended' AND {}{extra}",
                open_filter()
            );
            let with_params = sql.replace('?', "'x'");
            assert!(
                plan(&with_params).contains("petition_open_by_due"),
                "{filter:?}: {}",
                plan(&with_params)
            );
            // And they run (the counts of an empty desk are zero).
            assert_eq!(store.board_counts(&filter, bounds).unwrap().total(), 0);
        }
    }
}
