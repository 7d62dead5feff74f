//! tiepdan core: the citizen-reception desk's records, rules and store — no terminal in here.
//! The TUI and the CLI (in the binary) are thin shells over this library.

pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod exchange;
pub mod files;
pub mod i18n;
pub mod intake;
pub mod os_user;
pub mod policy;
pub mod privacy;
pub mod report;
pub mod rules;
pub mod search;
pub mod store;
pub mod text;
pub mod validate;

pub use error::{Error, Result};
