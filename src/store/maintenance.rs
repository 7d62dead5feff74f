//! `tiepdan check` and `tiepdan backup`: integrity, foreign keys, the audit chain, and that every
//! cached status still equals the replay of its events.

use super::{Store, audit, events, petitions};
use crate::domain::Id;
use crate::error::Result;
use crate::files::{Guard, PrivateFile};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckReport {
    pub schema_version: i64,
    /// SQLite's `integrity_check` lines other than "ok".
    pub integrity: Vec<String>,
    pub foreign_key_violations: usize,
    /// Audit rows whose hash or link to the previous row does not hold.
    pub audit_broken: Vec<i64>,
    pub audit_rows: i64,
    /// Petitions whose cached status differs from what their events say (or whose events are illegal).
    pub state_mismatches: Vec<String>,
    pub petitions_checked: usize,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_key_violations == 0
            && self.audit_broken.is_empty()
            && self.state_mismatches.is_empty()
    }
}

impl Store {
    pub fn check(&self) -> Result<CheckReport> {
        let conn = &self.conn;
        let mut report = CheckReport {
            schema_version: super::schema::version(conn)?,
            ..Default::default()
        };
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        report.integrity = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .filter_map(|line| line.ok())
            .filter(|line| line != "ok")
            .collect();
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        report.foreign_key_violations = stmt.query_map([], |_| Ok(()))?.count();
        report.audit_broken = audit::verify(conn)?;
        report.audit_rows = conn.query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))?;
        let mut stmt = conn.prepare("SELECT id FROM petition")?;
        let ids: Vec<Id> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let Some(petition) = petitions::by_id(conn, id)? else {
                continue;
            };
            let steps: Vec<_> = events::of_petition(conn, id)?
                .iter()
                .map(|e| e.step())
                .collect();
            let replayed = self.policy.replay(&petition, &steps);
            if replayed.as_ref().ok() != Some(&petition.state) {
                report.state_mismatches.push(petition.code);
            }
            report.petitions_checked += 1;
        }
        Ok(report)
    }

    /// A consistent copy of the live database (SQLite online backup), readable by its owner only:
    /// written beside the target under a temporary name created new and never through a link,
    /// then moved into place (see [`crate::files`]).
    pub fn backup(&self, target: &Path, replace: bool) -> Result<()> {
        let guard = self.output_guard().replacing(replace);
        let file = PrivateFile::create(target, &guard)?;
        {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_NOFOLLOW
                | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let mut copy = Connection::open_with_flags(file.temp_path(), flags)?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        file.persist()?;
        Ok(())
    }

    /// What an output file must never be: this database and the files beside it.
    pub fn output_guard(&self) -> Guard {
        Guard::for_database(self.path())
    }
}
