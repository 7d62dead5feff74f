//! The leaders' published reception schedule (lịch tiếp công dân định kỳ of the heads, Luật Tiếp
//! công dân 2013): one row per leader and day, each added with an audit row, and compared with the
//! days a leader received citizens (visits marked "lãnh đạo tiếp").

use super::{Store, audit};
use crate::domain::InputField;
use crate::error::{Error, Problem, Result};
use crate::validate::{self, MAX_LINE, MAX_NAME};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

/// One day on the schedule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ScheduledDay {
    pub day: NaiveDate,
    pub leader: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A leader received citizens that day (a visit marked "lãnh đạo tiếp").
    pub held: bool,
}

impl Store {
    /// Puts `leader` on the schedule for `day`. The same leader twice on one day is refused, so
    /// nothing already published is overwritten.
    pub fn schedule_add(&mut self, leader: &str, day: NaiveDate, note: &str) -> Result<()> {
        let leader = validate::required(InputField::Leader, leader, MAX_NAME)?;
        let note = validate::optional(InputField::Summary, note, MAX_LINE, false)?;
        self.write(|tx, _, actor| {
            let taken: Option<i64> = tx
                .prepare_cached("SELECT 1 FROM leader_schedule WHERE day = ?1 AND leader = ?2")?
                .query_row(params![day, leader], |r| r.get(0))
                .optional()?;
            if taken.is_some() {
                return Err(Error::invalid(
                    InputField::Leader,
                    Problem::AlreadyScheduled,
                ));
            }
            let at = super::now_utc().to_rfc3339();
            tx.prepare_cached(
                "INSERT INTO leader_schedule (day, leader, note, added_at, added_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![day, leader, note, at, actor])?;
            audit::record(
                tx,
                actor,
                "schedule_add",
                "leader_schedule",
                &format!("{day} {leader}"),
                &serde_json::json!({ "day": day, "leader": leader, "note": note }),
            )
        })
    }

    /// The schedule from `from` to `to` (both included), by day then leader, each day saying
    /// whether a leader received citizens on it.
    pub fn schedule(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ScheduledDay>> {
        let held = self.leader_days(from, to)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, leader, note FROM leader_schedule
             WHERE day >= ?1 AND day <= ?2 ORDER BY day, leader",
        )?;
        let rows = stmt
            .query_map(params![from, to], |r| {
                Ok((r.get::<_, NaiveDate>(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<Vec<(NaiveDate, String, Option<String>)>>>()?;
        Ok(rows
            .into_iter()
            .map(|(day, leader, note)| ScheduledDay {
                held: held.contains(&day),
                day,
                leader,
                note,
            })
            .collect())
    }

    /// The distinct days from `from` to `to` on which a leader received citizens.
    pub fn leader_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>> {
        let days: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT substr(visited_at, 1, 10) FROM visit
                 WHERE visited_at >= ?1 AND visited_at < ?2 AND leader_present = 1 ORDER BY 1",
            )?
            .query_map(
                [from.to_string(), to.succ_opt().unwrap_or(to).to_string()],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(days
            .iter()
            .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .collect())
    }
}
