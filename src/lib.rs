//! tiepdan core: the citizen-reception desk's records, rules and store — no terminal in here.
//! The TUI and the CLI (in the binary) are thin shells over this library.

pub mod config;
pub mod demo;
pub mod due;
pub mod exchange;
pub mod files;
pub mod intake;
pub mod os_user;
pub mod person;
pub mod policy;
pub mod report;
pub mod search;
pub mod secrecy;
pub mod session;
pub mod store;
pub mod sync;

// The shared core, under the paths the desk has always used (`tiepdan::domain`, …).
pub use tiepdan_core::{domain, error, i18n, i18n_cli, privacy, records, rules, text, validate};

pub use error::{Error, Result};
