//! What the province sync (issue 16, `crate::sync`) reads and writes here: the desk's own
//! records changed since the server's cursor, other desks' petitions pulled from the province
//! (one transaction per batch, cursor included, so a pull is never half-applied), and the
//! province search over them.

use super::{Store, audit, export};
use crate::domain::{Id, PetitionKind, Status};
use crate::error::Result;
use crate::records::Pulled;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

const CURSOR_KEY: &str = "province_cursor";
const LAST_SYNC_KEY: &str = "province_last_sync";
const REPLICA_KEY: &str = "province_replica";

/// Another desk's petition found by a province search.
#[derive(Debug, Clone, Serialize)]
pub struct ProvinceHit {
    /// The desk that filed it ("nộp tại …").
    pub desk: String,
    pub code: String,
    pub received_on: NaiveDate,
    pub kind: PetitionKind,
    pub status: Status,
    pub subject: String,
    /// The filers' names as given, "; "-joined; empty for a denunciation or an anonymous one.
    pub citizen_name: Option<String>,
    pub petition_id: Id,
}

fn meta(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

fn set_meta(conn: &rusqlite::Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?
        .execute([key, value])?;
    Ok(())
}

impl Store {
    /// The desk's own petitions whose history grew after `after` (an event's position), oldest
    /// change first, each with the position of its latest event: what a push sends next.
    pub fn sync_pending(
        &self,
        after: i64,
        limit: usize,
    ) -> Result<Vec<(i64, export::ExportRecord)>> {
        let tx = self.conn.unchecked_transaction()?;
        let changed: Vec<(Id, i64)> = tx
            .prepare_cached(
                "SELECT petition_id, MAX(rowid) AS last FROM event WHERE rowid > ?1
                 GROUP BY petition_id ORDER BY last LIMIT ?2",
            )?
            .query_map(params![after, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(changed.len());
        for (id, last) in changed {
            if let Some(record) = export::export_record(&tx, id)? {
                out.push((last, record));
            }
        }
        Ok(out)
    }

    /// How many petitions this desk holds of its own (not pulled).
    pub fn own_petitions(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM petition", [], |r| r.get(0))?)
    }

    /// Where the last pull stopped (the province's record order; 0: never pulled).
    pub fn province_cursor(&self) -> Result<i64> {
        Ok(meta(&self.conn, CURSOR_KEY)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    }

    /// When this desk last finished a sync (RFC 3339), if ever.
    pub fn last_sync(&self) -> Result<Option<String>> {
        meta(&self.conn, LAST_SYNC_KEY)
    }

    /// The server this database is an inspector's replica of, if it is one.
    pub fn replica_of(&self) -> Result<Option<String>> {
        meta(&self.conn, REPLICA_KEY)
    }

    /// Stores one pulled batch and the cursor after it in one transaction: all or nothing.
    /// `replica_of`: marks the database as an inspector's replica of that server.
    pub fn apply_pulled(
        &mut self,
        pulled: &[Pulled],
        next: i64,
        replica_of: Option<&str>,
    ) -> Result<()> {
        self.write(|tx, _, actor| {
            let mut upsert = tx.prepare_cached(
                "INSERT OR REPLACE INTO province_petition
                     (id, desk, seq, code, received_on, kind, status, subject, names, terms, line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            for p in pulled {
                let line = &p.line;
                let names = line
                    .filers
                    .iter()
                    .map(|c| c.full_name.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                let terms = format!(" {} ", line.search_terms().join(" "));
                upsert.execute(params![
                    line.id,
                    p.desk,
                    p.seq,
                    line.code,
                    line.received_on,
                    line.kind,
                    line.status,
                    line.subject,
                    names,
                    terms,
                    serde_json::to_string(line).expect("a pulled line serialises"),
                ])?;
            }
            set_meta(tx, CURSOR_KEY, &next.to_string())?;
            set_meta(tx, LAST_SYNC_KEY, &super::now_utc().to_rfc3339())?;
            if let Some(server) = replica_of {
                set_meta(tx, REPLICA_KEY, server)?;
            }
            audit::record(
                tx,
                actor,
                "province_pull",
                "batch",
                &pulled.len().to_string(),
                &serde_json::json!({ "petitions": pulled.len(), "cursor": next }),
            )
        })
    }

    /// Notes a finished sync that pulled nothing (the time the TUI and `sync` show).
    pub fn note_synced(&mut self) -> Result<()> {
        self.write(|tx, _, _| set_meta(tx, LAST_SYNC_KEY, &super::now_utc().to_rfc3339()))
    }

    /// Other desks' petitions holding every folded word of `query` (the last one may be the
    /// start of a word), newest first. In a replica, petitions also stored as records are left
    /// to the desk's own search.
    pub fn province_search(&self, query: &str, limit: usize) -> Result<Vec<ProvinceHit>> {
        let words: Vec<String> = crate::text::fold(query)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(16)
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = String::from(
            "SELECT desk, code, received_on, kind, status, subject, names, id
             FROM province_petition q WHERE NOT EXISTS (SELECT 1 FROM petition p WHERE p.id = q.id)",
        );
        let mut patterns = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let last = i + 1 == words.len();
            sql.push_str(&format!(" AND terms LIKE ?{}", i + 1));
            patterns.push(if last {
                format!("% {word}%")
            } else {
                format!("% {word} %")
            });
        }
        sql.push_str(&format!(
            " ORDER BY received_on DESC, seq DESC LIMIT {}",
            limit.min(10_000)
        ));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(patterns.iter()), |r| {
            let names: String = r.get(6)?;
            Ok(ProvinceHit {
                desk: r.get(0)?,
                code: r.get(1)?,
                received_on: r.get(2)?,
                kind: r.get(3)?,
                status: r.get(4)?,
                subject: r.get(5)?,
                citizen_name: (!names.is_empty()).then_some(names),
                petition_id: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
