//! The reads behind periodic reports, the logbook (Mẫu số 03) and public disclosure. Counting that
//! needs only stored columns is done here in SQL; figures that depend on a petition's state at a
//! given day (deadlines, "open at the period start") come back as petitions with their events, for
//! `report` to replay through the lifecycle.

use super::{Store, citizens, events, petitions, visits};
use crate::domain::{Citizen, Event, EventKind, Field, Petition, PetitionKind, Visit};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::params;

/// A visit that counts: not one whose petitions were all voided (entered by mistake). Read on
/// the `visit` table's own name.
const LIVE_VISIT: &str =
    "(NOT EXISTS (SELECT 1 FROM petition p WHERE p.visit_id = visit.id AND p.status = 'voided')
      OR EXISTS (SELECT 1 FROM petition p WHERE p.visit_id = visit.id AND p.status <> 'voided'))";

/// Reception figures for a period (tiếp công dân).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReceptionCounts {
    /// Lượt tiếp.
    pub visits: u64,
    /// Lượt người: the sum of headcounts.
    pub people: u64,
    /// Vụ việc brought by the period's visits: first filings and repeats (repeat_of set).
    pub cases_new: u64,
    pub cases_repeat: u64,
    /// Đoàn đông người: visits of five people or more, and the people in them.
    pub group_visits: u64,
    pub group_people: u64,
    /// Người đứng đầu tiếp: visits the head received, and on how many distinct days.
    pub leader_visits: u64,
    pub leader_days: u64,
}

/// Petitions received in a period, by what they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReceivedCounts {
    pub total: u64,
    pub by_kind: Vec<(PetitionKind, u64)>,
    pub by_field: Vec<(Field, u64)>,
    /// Thuộc / không thuộc thẩm quyền as the petitions' histories now say; undetermined = not
    /// yet classified either way.
    pub ours: u64,
    pub not_ours: u64,
    pub undetermined: u64,
    /// Đủ / không đủ điều kiện xử lý by the intake decision on record (see
    /// [`EventKind::eligibility`]); undecided = no such decision yet (or withdrawn before one).
    pub eligible: u64,
    pub not_eligible: u64,
    pub undecided: u64,
}

/// A visit of the logbook with the people present and the petitions it brought.
#[derive(Debug, Clone)]
pub struct LogbookVisit {
    pub visit: Visit,
    /// Attendees, representatives first. Unmasked: masking is the logbook writer's job.
    pub people: Vec<Citizen>,
    pub petitions: Vec<Petition>,
}

/// A petition with its whole history.
#[derive(Debug, Clone)]
pub struct History {
    pub petition: Petition,
    pub events: Vec<Event>,
}

/// The half-open text range `[from, day after to)` that `visited_at` (stored as
/// `YYYY-MM-DD HH:MM:SS`) falls in when its day is in the period; keeps the index usable.
fn visit_range(from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate) {
    (from, to.succ_opt().unwrap_or(to))
}

/// A COUNT or SUM column; SQLite hands integers back as i64 and these are never negative.
fn count(row: &rusqlite::Row, index: usize) -> rusqlite::Result<u64> {
    row.get::<_, i64>(index).map(|n| n.max(0) as u64)
}

impl Store {
    pub fn reception_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<ReceptionCounts> {
        let (lo, hi) = visit_range(from, to);
        let mut counts = self
            .conn
            .prepare_cached(&format!(
                "SELECT COUNT(*), COALESCE(SUM(headcount), 0),
                    COALESCE(SUM(headcount >= ?3), 0),
                    COALESCE(SUM(CASE WHEN headcount >= ?3 THEN headcount ELSE 0 END), 0),
                    COALESCE(SUM(leader_present), 0),
                    COUNT(DISTINCT CASE WHEN leader_present THEN substr(visited_at, 1, 10) END)
             FROM visit WHERE visited_at >= ?1 AND visited_at < ?2 AND {LIVE_VISIT}",
            ))?
            .query_row(params![lo, hi, crate::domain::GROUP_MIN_HEADCOUNT], |r| {
                Ok(ReceptionCounts {
                    visits: count(r, 0)?,
                    people: count(r, 1)?,
                    group_visits: count(r, 2)?,
                    group_people: count(r, 3)?,
                    leader_visits: count(r, 4)?,
                    leader_days: count(r, 5)?,
                    ..Default::default()
                })
            })?;
        (counts.cases_new, counts.cases_repeat) = self.conn.prepare_cached(
            "SELECT COALESCE(SUM(p.repeat_of IS NULL), 0), COALESCE(SUM(p.repeat_of IS NOT NULL), 0)
             FROM petition p JOIN visit v ON v.id = p.visit_id
             WHERE v.visited_at >= ?1 AND v.visited_at < ?2 AND p.status <> 'voided'",
        )?
        .query_row(params![lo, hi], |r| Ok((count(r, 0)?, count(r, 1)?)))?;
        Ok(counts)
    }

    pub fn received_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<ReceivedCounts> {
        let mut counts = ReceivedCounts::default();
        let mut by_kind = self.conn.prepare_cached(
            "SELECT kind, COUNT(*) FROM petition WHERE received_on BETWEEN ?1 AND ?2
               AND status <> 'voided'
             GROUP BY kind ORDER BY kind",
        )?;
        counts.by_kind = by_kind
            .query_map(params![from, to], |r| Ok((r.get(0)?, count(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut by_field = self.conn.prepare_cached(
            "SELECT field, COUNT(*) FROM petition WHERE received_on BETWEEN ?1 AND ?2
               AND status <> 'voided'
             GROUP BY field ORDER BY field",
        )?;
        counts.by_field = by_field
            .query_map(params![from, to], |r| Ok((r.get(0)?, count(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        (counts.total, counts.ours, counts.not_ours) = self
            .conn
            .prepare_cached(
                "SELECT COUNT(*),
                    COALESCE(SUM(json_extract(state, '$.competence') = 'ours'), 0),
                    COALESCE(SUM(json_extract(state, '$.competence') = 'not_ours'), 0)
             FROM petition WHERE received_on BETWEEN ?1 AND ?2 AND status <> 'voided'",
            )?
            .query_row(params![from, to], |r| {
                Ok((count(r, 0)?, count(r, 1)?, count(r, 2)?))
            })?;
        counts.undetermined = counts.total.saturating_sub(counts.ours + counts.not_ours);
        let decided = |eligible: bool| -> String {
            EventKind::ALL
                .iter()
                .filter(|k| k.eligibility() == Some(eligible))
                .map(|k| format!("'{}'", k.code()))
                .collect::<Vec<_>>()
                .join(",")
        };
        // One intake decision per petition at most, found through the (petition_id, seq) index.
        let sql = format!(
            "SELECT
                COALESCE(SUM(EXISTS(SELECT 1 FROM event e WHERE e.petition_id = p.id
                                     AND e.kind IN ({}))), 0),
                COALESCE(SUM(EXISTS(SELECT 1 FROM event e WHERE e.petition_id = p.id
                                     AND e.kind IN ({}))), 0)
             FROM petition p WHERE p.received_on BETWEEN ?1 AND ?2 AND p.status <> 'voided'",
            decided(true),
            decided(false)
        );
        (counts.eligible, counts.not_eligible) = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![from, to], |r| Ok((count(r, 0)?, count(r, 1)?)))?;
        counts.undecided = counts
            .total
            .saturating_sub(counts.eligible + counts.not_eligible);
        Ok(counts)
    }

    /// How many steps of each kind were taken in the period (by their legal date).
    pub fn step_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(EventKind, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, COUNT(*) FROM event WHERE on_date BETWEEN ?1 AND ?2
               AND petition_id NOT IN (SELECT id FROM petition WHERE status = 'voided')
             GROUP BY kind",
        )?;
        Ok(stmt
            .query_map(params![from, to], |r| Ok((r.get(0)?, count(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Every petition that may have been open at some day of the period, with its events, handed
    /// to `each` one at a time (oldest first): received by its end and not closed before its
    /// start. A petition closed earlier stays closed, so nothing is missed. At a million petitions
    /// the backlog runs to hundreds of thousands: none is kept after `each` returns.
    pub fn each_history_open_during(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        mut each: impl FnMut(History) -> Result<()>,
    ) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        let mut ids = tx.prepare_cached(
            "SELECT id FROM petition WHERE received_on <= ?2 AND status <> 'voided'
               AND (json_extract(state, '$.closed_on') IS NULL
                    OR json_extract(state, '$.closed_on') >= ?1)
             ORDER BY received_on, code",
        )?;
        let mut rows = ids.query(params![from, to])?;
        while let Some(row) = rows.next()? {
            let id: crate::domain::Id = row.get(0)?;
            if let Some(petition) = petitions::by_id(&tx, id)? {
                each(History {
                    events: events::of_petition(&tx, id)?,
                    petition,
                })?;
            }
        }
        Ok(())
    }

    /// The visits of a period, oldest first, with their people and petitions.
    pub fn logbook_visits(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<LogbookVisit>> {
        let (lo, hi) = visit_range(from, to);
        let tx = self.conn.unchecked_transaction()?;
        let ids: Vec<crate::domain::Id> = tx
            .prepare_cached(&format!(
                "SELECT id FROM visit WHERE visited_at >= ?1 AND visited_at < ?2 AND {LIVE_VISIT}
                 ORDER BY visited_at, id",
            ))?
            .query_map(params![lo, hi], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(mut visit) = visits::by_id(&tx, id)? else {
                continue;
            };
            visit.attendees.sort_by_key(|a| !a.representative);
            let mut people = Vec::new();
            for attendee in &visit.attendees {
                people.extend(citizens::by_id(&tx, attendee.citizen_id)?);
            }
            let mut petitions = Vec::new();
            for petition_id in &visit.petition_ids {
                petitions.extend(
                    petitions::by_id(&tx, *petition_id)?
                        .filter(|p| p.state.status != crate::domain::Status::Voided),
                );
            }
            out.push(LogbookVisit {
                visit,
                people,
                petitions,
            });
        }
        Ok(out)
    }
}
