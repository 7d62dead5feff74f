//! What the end-to-end tests share: the real binary, cut off from the developer's own setup.

use std::path::Path;
use std::process::Command;

/// `program` with its own configuration directory, no colour, and none of the caller's
/// `TIEPDAN_*` settings.
pub fn isolated(program: &str, config_dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("TIEPDAN_CONFIG_DIR", config_dir)
        .env("NO_COLOR", "1");
    for var in ["TIEPDAN_DB", "TIEPDAN_LANG", "TIEPDAN_BUSY_TIMEOUT_MS"] {
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
