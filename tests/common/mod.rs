//! What the end-to-end tests share: the real binary, cut off from the developer's own setup.
// Each test crate includes this module and uses a different part of it.
#![allow(dead_code)]

pub mod workbook;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `program` with its own configuration directory, no colour, and none of the caller's
/// `TIEPDAN_*` settings.
pub fn isolated(program: &str, config_dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("TIEPDAN_CONFIG_DIR", config_dir)
        .env("NO_COLOR", "1");
    for var in [
        "TIEPDAN_DB",
        "TIEPDAN_LANG",
        "TIEPDAN_BUSY_TIMEOUT_MS",
        "TIEPDAN_PASSPHRASE",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// `tiepdan --db DB --today 2026-11-24`, isolated; add the subcommand's arguments.
pub fn tiepdan(db: &Path, config_dir: &Path) -> Command {
    let mut cmd = isolated(env!("CARGO_BIN_EXE_tiepdan"), config_dir);
    cmd.arg("--db").arg(db).args(["--today", "2026-11-24"]);
    cmd
}

/// Creates `db` as an empty file readable by its owner only, as the program itself would:
/// reading commands never create a database, so tests that start from an empty one make it here
/// and let the first command set it up.
pub fn create_empty_db(db: &Path) {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(db).unwrap();
}

/// A desk of its own: a temporary folder with the database and the configuration, and the real
/// binary run on it as officer `canbo.test` on 24/11/2026.
pub struct Desk {
    pub dir: tempfile::TempDir,
}

impl Desk {
    pub fn new() -> Desk {
        Desk {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.file("desk.sqlite3")
    }

    /// A file in the desk's folder (inputs, exports, the `config` folder).
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = tiepdan(&self.db(), &self.file("config"));
        cmd.args(["--as", "canbo.test"]).args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let out = self.command(args).output().unwrap();
        assert_no_library_text(&args, &out);
        out
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects a user error (exit 1); returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    /// Files a visit and its petition (`visit add`) with the extra options given, received on
    /// `received`; returns the new petition's code. The one way tests file an ordinary petition.
    pub fn file_petition(
        &self,
        name: &str,
        kind: &str,
        subject: &str,
        received: &str,
        extra: &[&str],
    ) -> String {
        let mut args = vec![
            "visit",
            "add",
            "--name",
            name,
            "--kind",
            kind,
            "--subject",
            subject,
            "--received",
            received,
        ];
        args.extend_from_slice(extra);
        self.ok(&args).trim().to_string()
    }

    /// How many rows a table holds (0 when there is no database yet).
    pub fn count(&self, table: &str) -> i64 {
        rusqlite::Connection::open(self.db())
            .unwrap()
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap_or(0)
    }

    /// How many petitions the database holds (0 when there is no database yet).
    pub fn petitions(&self) -> i64 {
        self.count("petition")
    }
}

/// Words of SQLite's own error texts ("UNIQUE constraint failed: event.id", "CHECK constraint
/// failed: headcount >= 1", "SQLITE_BUSY", "sqlite3_step"), which must never reach a user: every
/// run through [`Desk::run`] (the bad-input, bounds, merge, output, tamper suites…) is held to it.
pub const LIBRARY_WORDS: &[&str] = &[
    "constraint",
    "SQLITE",
    "sqlite3_",
    "UNIQUE",
    "CHECK constraint",
];

pub fn assert_no_library_text(what: &dyn std::fmt::Debug, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        for word in LIBRARY_WORDS {
            assert!(
                !text.contains(word),
                "{what:?}: SQLite's text “{word}” reached the user on {stream}:\n{text}"
            );
        }
    }
}

/// A PDF's text as a reader would copy it (through its fonts' ToUnicode maps), blanks collapsed.
pub fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"%PDF-"),
        "{} is not a PDF",
        path.display()
    );
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
