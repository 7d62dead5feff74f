//! A real pseudo-terminal for the end-to-end tests: spawn the binary on a temporary database, feed
//! it keys, and poll the emulated screen until the expected text appears (generous timeout, never
//! a fixed sleep), so the tests hold on a loaded 2-core CI machine.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Tui {
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub _master: Box<dyn MasterPty + Send>,
}

// The one temporary-desk helper (tests/common): the pseudo-terminal tests add the TUI to it.
// Needs `mod common;` beside `mod pty;` in the test crate.
use crate::common;
pub use common::Desk;

/// What the pseudo-terminal tests do with a desk beyond the command line: open the TUI on it as
/// officer `lan`, set up records as `lan`, read the database directly.
pub trait TuiDesk {
    /// The desk's configuration folder (created on first use, for keymaps and config files).
    fn config(&self) -> PathBuf;
    /// Runs the binary's command line as officer `lan` (to set up earlier records).
    fn cli(&self, args: &[&str]) -> String;
    fn open_tui(&self) -> Tui;
    /// The TUI as a terminal of another kind sees it (`TERM=linux`, `vt100`, `screen`…).
    fn open_tui_as(&self, term: &str) -> Tui;
    fn sqlite(&self) -> rusqlite::Connection;
}

impl TuiDesk for Desk {
    fn config(&self) -> PathBuf {
        let config = self.file("config");
        std::fs::create_dir_all(&config).unwrap();
        config
    }

    fn cli(&self, args: &[&str]) -> String {
        let output = common::tiepdan(&self.db(), &self.config())
            .args(["--as", "lan"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    }

    fn open_tui(&self) -> Tui {
        Tui::spawn(&self.db(), &self.config())
    }

    fn open_tui_as(&self, term: &str) -> Tui {
        Tui::spawn_with(&self.db(), &self.config(), term)
    }

    fn sqlite(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).unwrap()
    }
}

impl Tui {
    pub fn spawn(db: &Path, config: &Path) -> Tui {
        Tui::spawn_with(db, config, "xterm-256color")
    }

    pub fn spawn_with(db: &Path, config: &Path, term: &str) -> Tui {
        Tui::spawn_command(db, config, term, &[])
    }

    /// The binary with a subcommand (`args`) on the terminal, e.g. an import with its progress bar.
    pub fn spawn_command(db: &Path, config: &Path, term: &str, args: &[&str]) -> Tui {
        Tui::spawn_sized(db, config, term, args, (30, 100))
    }

    /// The TUI in a terminal of `(rows, cols)`.
    pub fn spawn_sized(
        db: &Path,
        config: &Path,
        term: &str,
        args: &[&str],
        (rows, cols): (u16, u16),
    ) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tiepdan"));
        cmd.args([
            "--db",
            db.to_str().unwrap(),
            "--today",
            "2026-11-24",
            "--as",
            "lan",
        ]);
        cmd.args(args);
        cmd.env("TIEPDAN_CONFIG_DIR", config);
        cmd.env("TERM", term);
        cmd.env_remove("TIEPDAN_DB");
        cmd.env_remove("TIEPDAN_LANG");
        cmd.env_remove("TIEPDAN_PASSPHRASE");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (screen_in, raw_in) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                screen_in.lock().unwrap().process(&buf[..n]);
                raw_in.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Tui {
            screen,
            raw,
            writer,
            child,
            _master: pair.master,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Polls the screen until `text` shows; fails with the whole screen if it never does.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "`{text}` did not appear within {TIMEOUT:?}; the screen:\n{}",
            self.contents()
        );
    }

    /// Polls the screen until `text` is no longer on it (a popup closed, a screen left).
    pub fn wait_until_gone(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if !self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "`{text}` stayed on the screen for {TIMEOUT:?}; the screen:\n{}",
            self.contents()
        );
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types into the focused field and waits until the screen shows it, so the next key lands
    /// in the field the test means.
    pub fn type_and_see(&mut self, text: &str, shown: &str) {
        self.send(text);
        self.wait_for(shown);
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("the TUI did not exit; the screen:\n{}", self.contents());
    }

    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
