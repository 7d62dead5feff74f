//! `tiepdan check` and `tiepdan backup`: integrity, foreign keys, the audit chain, and that every
//! cached status still equals the replay of its events.

use super::{Store, anchor, audit, seal};
use crate::error::{Error, Result};
use crate::files::{Guard, PrivateFile};
use rusqlite::OptionalExtension;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::io::Write;
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
    /// Petitions whose stored row, filers or events differ from their seal in the audit log:
    /// changed behind the program's back.
    pub tampered: Vec<String>,
    /// Petitions present in the database that no audit row ever sealed: slipped in.
    pub unsealed: Vec<String>,
    /// Petitions the audit log sealed that are no longer in the database: deleted.
    pub missing: Vec<String>,
    /// False for a database written only by programs before seals (nothing to compare with).
    pub sealed: bool,
    pub anchor: AnchorCheck,
    pub petitions_checked: usize,
    /// Petitions stored before identities were kept as given (schema 8) that were filed under
    /// an earlier petition's citizen record: the name, ID, phone and address written on them
    /// were not kept and cannot be recovered from the database (re-importing their source file
    /// restores them). Shown, not counted as damage.
    pub given_identity_not_kept: Vec<String>,
}

/// The audit chain compared with its anchor outside the database (`<db>.anchor`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AnchorCheck {
    /// Whether this database keeps an anchor (a file database opened by a program that does).
    pub kept: bool,
    /// The anchor file is gone although the database kept one.
    pub file_missing: bool,
    /// The newest sequence number the anchor recorded.
    pub anchored_seq: i64,
    /// Audit records the anchor saw that the database no longer has (deleted rows, a lost WAL).
    pub records_lost: i64,
    /// Sequence numbers whose audit row no longer hashes to what the anchor recorded.
    pub rewritten: Vec<i64>,
    /// The anchor's first lines are gone, or lines cannot be read.
    pub damaged: bool,
}

impl AnchorCheck {
    pub fn is_ok(&self) -> bool {
        !self.file_missing && self.records_lost == 0 && self.rewritten.is_empty() && !self.damaged
    }
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_key_violations == 0
            && self.audit_broken.is_empty()
            && self.state_mismatches.is_empty()
            && self.tampered.is_empty()
            && self.unsealed.is_empty()
            && self.missing.is_empty()
            && self.anchor.is_ok()
    }

    /// Every petition a finding names, once, sorted.
    pub fn petitions_named(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = [
            &self.state_mismatches,
            &self.tampered,
            &self.unsealed,
            &self.missing,
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }
}

/// What `check` reads of the file as a whole: SQLite's integrity and foreign keys, the audit chain.
struct FileChecks {
    integrity: Vec<String>,
    foreign_key_violations: usize,
    audit_broken: Vec<i64>,
    audit_rows: i64,
}

impl FileChecks {
    fn run(conn: &Connection) -> Result<FileChecks> {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let integrity = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .filter_map(|line| line.ok())
            .filter(|line| line != "ok")
            .collect();
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        let foreign_key_violations = stmt.query_map([], |_| Ok(()))?.count();
        Ok(FileChecks {
            integrity,
            foreign_key_violations,
            audit_broken: audit::verify(conn)?,
            audit_rows: conn.query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))?,
        })
    }
}

impl Store {
    pub fn check(&self) -> Result<CheckReport> {
        let conn = &self.conn;
        let mut report = CheckReport {
            schema_version: super::schema::version(conn)?,
            ..Default::default()
        };
        // The file's own checks read every page: on a database file they run on a second,
        // read-only connection, on the other core, while this one replays and seals every
        // petition (a million petitions: about half the time each).
        let file_checks = match &self.path {
            Some(path) => {
                let path = path.clone();
                let key = self.desk_key.clone();
                Some(std::thread::spawn(move || -> Result<FileChecks> {
                    let conn = Connection::open_with_flags(
                        &path,
                        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )?;
                    super::configure(&conn, super::Access::ReadOnly)?;
                    // With the desk key, sealed audit rows are verified for what they say too.
                    super::sealed::register(&conn, key)?;
                    FileChecks::run(&conn)
                }))
            }
            None => None,
        };
        let mut stmt = conn.prepare(
            "SELECT DISTINCT p.code FROM identity_unrecorded u JOIN petition p ON p.id = u.petition_id
             ORDER BY p.code",
        )?;
        report.given_identity_not_kept = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        report.anchor = self.check_anchor()?;
        report.sealed = seal::sealing(conn)?;
        let mut recorded = if report.sealed {
            audit::recorded_seals(conn)?
        } else {
            Default::default()
        };
        seal::scan(conn, seal::Which::All, |found| {
            report.petitions_checked += 1;
            let replays = found.petition.as_ref().is_some_and(|petition| {
                let replayed = self.policy.replay(petition, &found.steps);
                !found.unreadable
                    && replayed.as_ref().ok() == Some(&petition.state)
                    && petition.state.status.code() == found.status
                    && super::corrections_agree(petition, &found.steps)
            });
            if !replays {
                report.state_mismatches.push(found.code.clone());
            }
            if report.sealed {
                match recorded.remove(&found.code) {
                    None => report.unsealed.push(found.code),
                    Some(seal) if seal != found.seal => report.tampered.push(found.code),
                    Some(_) => {}
                }
            }
            Ok(())
        })?;
        report.missing = recorded.into_keys().collect();
        report.missing.sort_unstable();
        let files = match file_checks {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?,
            None => FileChecks::run(conn)?,
        };
        report.integrity = files.integrity;
        report.foreign_key_violations = files.foreign_key_violations;
        report.audit_broken = files.audit_broken;
        report.audit_rows = files.audit_rows;
        Ok(report)
    }

    /// The audit chain against the anchor file.
    fn check_anchor(&self) -> Result<AnchorCheck> {
        let mut check = AnchorCheck::default();
        let (Some(path), Some(from)) = (&self.path, anchor::started_at(&self.conn)?) else {
            return Ok(check);
        };
        check.kept = true;
        let Some(anchor) = anchor::read(path)? else {
            check.file_missing = true;
            return Ok(check);
        };
        check.damaged = anchor.unreadable > 0
            || anchor
                .heads
                .first_key_value()
                .is_none_or(|(first, _)| *first > from);
        check.anchored_seq = anchor.heads.last_key_value().map_or(0, |(seq, _)| *seq);
        let (head, _) = anchor::head(&self.conn)?;
        let present: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM audit WHERE seq <= ?1",
            [check.anchored_seq],
            |r| r.get(0),
        )?;
        // Rows are numbered 1, 2, 3 …: what the anchor saw and the database lacks is lost.
        check.records_lost =
            (check.anchored_seq - head.min(check.anchored_seq)).max(check.anchored_seq - present);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT hash FROM audit WHERE seq = ?1")?;
        for (seq, hash) in &anchor.heads {
            if *seq == 0 {
                continue;
            }
            let stored: Option<String> = stmt.query_row([seq], |r| r.get(0)).optional()?;
            if stored.is_some_and(|stored| stored != *hash) {
                check.rewritten.push(*seq);
            }
        }
        Ok(check)
    }

    /// A consistent copy of the live database (SQLite online backup), readable by its owner only:
    /// written beside the target under a temporary name created new and never through a link,
    /// then moved into place (see [`crate::files`]).
    pub fn backup(&self, target: &Path, replace: bool) -> Result<()> {
        // Inspectors read the desk's records where they are; a copy leaves with everything.
        self.require(self.role.may_write(), crate::error::Deed::Backup)?;
        let guard = self.output_guard().replacing(replace);
        let file = PrivateFile::create(target, &guard)?;
        let head = {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_NOFOLLOW
                | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let mut copy = Connection::open_with_flags(file.temp_path(), flags)?;
            rusqlite::backup::Backup::new(&self.conn, &mut copy)?.run_to_completion(
                1024,
                std::time::Duration::ZERO,
                None,
            )?;
            // The copy carries its own anchor, starting where the copy ends.
            match anchor::started(&copy)? {
                true => {
                    let head = anchor::head(&copy)?;
                    copy.execute(
                        "UPDATE meta SET value = ?1 WHERE key = 'anchored_from'",
                        [head.0.to_string()],
                    )?;
                    Some(head)
                }
                false => None,
            }
        };
        let anchor_file = match &head {
            Some((seq, hash)) => {
                let mut anchor_file = PrivateFile::create(&anchor::path_of(target), &guard)?;
                writeln!(anchor_file, "{seq} {hash}").map_err(|e| Error::io(target, e))?;
                Some(anchor_file)
            }
            None => None,
        };
        file.persist()?;
        if let Some(anchor_file) = anchor_file {
            anchor_file.persist()?;
        }
        Ok(())
    }

    /// What an output file must never be: this database and the files beside it.
    pub fn output_guard(&self) -> Guard {
        Guard::for_database(self.path())
    }
}
