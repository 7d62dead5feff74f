//! tiepdan's shared core: what a desk and the province server both need — the domain and its
//! lifecycle, the legal deadline rules, validation, text folding, the vi/en messages and the
//! exchange records (`tiepdan.petition/2`). No terminal, no database in here.

pub mod domain;
pub mod error;
pub mod i18n;
pub mod i18n_cli;
pub mod privacy;
pub mod records;
pub mod rules;
pub mod text;
pub mod validate;

pub use error::{Error, Result};
