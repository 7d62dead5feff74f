//! The SQLite store: the only module that speaks SQL.
//!
//! Durable by default (WAL + synchronous=FULL: desk PCs lose power and a saved visit must survive),
//! every write in a `BEGIN IMMEDIATE` transaction (writers queue on the busy timeout instead of
//! failing with "database is locked" half-way), and one audit row per write.

pub mod anchor;
mod audit;
mod casework;
mod citizens;
mod corrections;
mod denouncers;
mod due_lists;
mod events;
mod export;
mod intake;
mod maintenance;
mod merge;
mod period_counts;
mod persons;
mod petitions;
mod schedule;
pub mod schema;
mod seal;
mod sealed;
mod search;
mod sync;
mod visits;

pub use audit::AuditRow;
pub use corrections::{CitizenEdit, PetitionEdit, corrections_agree};
pub use denouncers::denouncer_terms;
pub use due_lists::{BoardCounts, BoardFilter, DashboardData, DataStamp, Mark, UrgencyBounds};
pub use export::{CodeOwner, ExportRecord, VisitBrief};
pub use intake::{BulkLoad, Case, Logged};
pub use maintenance::CheckReport;
pub use merge::{Incoming, MergeCounts};
pub use period_counts::{History, LogbookVisit, ReceivedCounts, ReceptionCounts};
pub use persons::{Alias, PersonEvent, PersonPetition, PersonView, Relinked, Transfer};
pub use petitions::{DueRow, PetitionQuery};
pub use schedule::ScheduledDay;
pub use search::{Narrow, SearchRow};
pub use sync::ProvinceHit;

use crate::domain::Role;
use crate::error::{Deed, Error, Result};
use crate::policy::Policy;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// Overrides [`BUSY_TIMEOUT`] in milliseconds: a desk on a slow shared disk may wait longer, and
/// the fault tests wait less.
pub const BUSY_TIMEOUT_ENV: &str = "TIEPDAN_BUSY_TIMEOUT_MS";
const STATEMENT_CACHE: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// Inspectors: opened with SQLite's read-only flag, so no write can reach the file.
    ReadOnly,
}

pub struct Store {
    conn: Connection,
    policy: Policy,
    actor: String,
    /// The acting role: enforced here, not only by the screens.
    role: Role,
    access: Access,
    path: Option<PathBuf>,
    /// The audit head this store last appended to the anchor (see `anchor`).
    anchored: std::cell::Cell<i64>,
    /// The desk key, once unlocked: denouncers become findable by the desk through their blind
    /// tokens ([`Store::unlock_denouncer_index`]). Never set for an inspector.
    desk_key: Option<crate::secrecy::DeskKey>,
}

/// The platform data directory's database: where a desk's records live unless told otherwise.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "tiepdan", "tiepdan")
        .map(|dirs| dirs.data_dir().join("tiepdan.sqlite3"))
}

/// Creates an empty file readable by its owner only, so SQLite (and its -wal/-shm files, which
/// copy the main file's mode) never expose citizens' records to other users of the machine.
fn create_private_file(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        // Name what is missing: the folder, not the file we were about to create in it.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(Error::io(path.parent().unwrap_or(path), e))
        }
        Err(e) => Err(Error::io(path, e)),
    }
}

fn busy_timeout() -> Duration {
    std::env::var(BUSY_TIMEOUT_ENV)
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(BUSY_TIMEOUT, Duration::from_millis)
}

fn configure(conn: &Connection, access: Access) -> Result<()> {
    conn.busy_timeout(busy_timeout())?;
    // A write touches more distinct statements than rusqlite's default cache of 16 holds; an
    // evicted statement is parsed again on every use.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // Plans must not depend on bound values: otherwise SQLite marks some cached statements (a
    // join over tables with partial indexes) stale at every new binding and parses them again.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // A deleted or rewritten row leaves no old bytes behind in the file (a sealed denouncer's
    // plaintext, a re-indexed subject).
    conn.pragma_update(None, "secure_delete", true)?;
    // Without the desk key, blind tokens come out NULL and are not stored, nothing is sealed and
    // nothing sealed opens.
    denouncers::register(conn, None)?;
    sealed::register(conn, None)?;
    if access == Access::ReadWrite {
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
            return Err(Error::Config {
                file: "journal_mode".into(),
                message: format!("SQLite refused WAL mode ({mode})"),
            });
        }
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

impl Store {
    /// Opens the database for `role`: an inspector's connection is read-only, everyone else's
    /// read-write, and the store refuses what the role may not do.
    pub fn open_as(path: &Path, role: Role, policy: Policy) -> Result<Store> {
        let access = if role.may_write() {
            Access::ReadWrite
        } else {
            Access::ReadOnly
        };
        let mut store = Store::open(path, access, policy)?;
        store.set_role(role);
        Ok(store)
    }

    /// Opens (creating if needed, unless read-only) and migrates the database at `path`, acting
    /// as an operator (read-write) or an inspector (read-only).
    pub fn open(path: &Path, access: Access, policy: Policy) -> Result<Store> {
        use std::io::{Error as IoError, ErrorKind};
        // Say what is wrong with a path that is no database file, before SQLite does it vaguely.
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(Error::io(path, IoError::from(ErrorKind::IsADirectory)));
            }
            Ok(meta) if !meta.is_file() => {
                return Err(Error::io(path, IoError::from(ErrorKind::Unsupported)));
            }
            // A link to nothing: SQLite would create its target with the default permissions.
            Err(_) if std::fs::symlink_metadata(path).is_ok() => {
                return Err(Error::io(path, IoError::from(ErrorKind::NotFound)));
            }
            _ => {}
        }
        let conn = match access {
            Access::ReadWrite => {
                if !path.exists() {
                    create_private_file(path)?;
                }
                Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?
            }
            Access::ReadOnly => {
                if !path.exists() {
                    return Err(Error::NotFound {
                        what: "database",
                        key: path.display().to_string(),
                    });
                }
                Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?
            }
        };
        Self::from_connection(conn, access, policy, Some(path.to_path_buf()))
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory(policy: Policy) -> Result<Store> {
        Self::from_connection(
            Connection::open_in_memory()?,
            Access::ReadWrite,
            policy,
            None,
        )
    }

    fn from_connection(
        mut conn: Connection,
        access: Access,
        policy: Policy,
        path: Option<PathBuf>,
    ) -> Result<Store> {
        configure(&conn, access)?;
        match access {
            Access::ReadWrite => schema::migrate(&mut conn)?,
            Access::ReadOnly => {
                let found = schema::version(&conn)?;
                if found > schema::LATEST {
                    return Err(Error::DatabaseTooNew {
                        found,
                        supported: schema::LATEST,
                    });
                }
                if found < schema::LATEST {
                    return Err(Error::ReadOnly);
                }
            }
        }
        let store = Store {
            conn,
            policy,
            actor: default_actor(),
            role: match access {
                Access::ReadWrite => Role::Operator,
                Access::ReadOnly => Role::Inspector,
            },
            access,
            path,
            anchored: std::cell::Cell::new(-1),
            desk_key: None,
        };
        if access == Access::ReadWrite && store.start_sealing()? {
            store.anchor_head();
        }
        Ok(store)
    }

    /// On the first open by a program that seals (see `seal`), records the seal of every petition
    /// already stored and where the anchor begins, so `check` holds every petition to its seal.
    /// True when the anchor starts now (its first line is due).
    fn start_sealing(&self) -> Result<bool> {
        if seal::sealing(&self.conn)? && (self.path.is_none() || anchor::started(&self.conn)?) {
            return Ok(false);
        }
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        if !seal::sealing(&tx)? {
            let any: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM petition)", [], |r| r.get(0))?;
            if any {
                let mut seals = std::collections::BTreeMap::new();
                seal::scan(&tx, seal::Which::All, |s| {
                    seals.insert(s.code, s.seal);
                    Ok(())
                })?;
                audit::record(
                    &tx,
                    "tiepdan",
                    "seal",
                    "batch",
                    &seals.len().to_string(),
                    &serde_json::json!({ "seals": seals }),
                )?;
            }
            let (seq, _) = anchor::head(&tx)?;
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('sealed_from', ?1)",
                [seq.to_string()],
            )?;
        }
        // The anchor starts here, unless it started before (then a missing file is a finding).
        let starts = self.path.is_some() && !anchor::started(&tx)?;
        if starts {
            tx.execute(
                "INSERT INTO meta (key, value)
                 SELECT 'anchored_from', COALESCE(MAX(seq), 0) FROM audit",
                [],
            )?;
        }
        tx.commit()?;
        Ok(starts)
    }

    /// Appends the audit head to the anchor file after a write (a file database only). A failure
    /// here cannot undo the committed write: `check` will find the anchor behind.
    fn anchor_head(&self) {
        let Some(path) = &self.path else {
            return;
        };
        let Ok((seq, hash)) = anchor::head(&self.conn) else {
            return;
        };
        if seq != self.anchored.get() && anchor::append(path, seq, &hash).is_ok() {
            self.anchored.set(seq);
        }
    }

    /// Who the audit log names for writes from now on.
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        self.actor = actor.into();
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn role(&self) -> Role {
        self.role
    }

    /// Acts as `role` from now on. It can only narrow what the connection allows: a read-only
    /// connection stays read-only whatever the role (open inspectors with [`Store::open_as`]).
    pub fn set_role(&mut self, role: Role) {
        self.role = role;
    }

    /// Refuses, with the role named, what `role` may not do.
    fn require(&self, allowed: bool, deed: Deed) -> Result<()> {
        if allowed {
            Ok(())
        } else {
            Err(Error::Forbidden {
                role: self.role,
                deed,
            })
        }
    }

    pub fn access(&self) -> Access {
        self.access
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Changes whenever another connection commits: a cheap "should I refresh?" for live screens.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The durability settings in force on this connection: (journal_mode, synchronous).
    pub fn durability(&self) -> Result<(String, i64)> {
        let mode = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        let sync = self
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        Ok((mode, sync))
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction: all of it lands, or none of it.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction, &Policy, &str) -> Result<T>,
    ) -> Result<T> {
        if self.access == Access::ReadOnly {
            return Err(Error::ReadOnly);
        }
        self.require(self.role.may_write(), Deed::Write)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx, &self.policy, &self.actor)?;
        tx.commit()?;
        self.anchor_head();
        Ok(value)
    }
}

/// The OS user, which the audit log names unless `--as` says otherwise.
pub fn default_actor() -> String {
    crate::os_user::name()
}

fn now_utc() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
