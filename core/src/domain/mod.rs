//! Domain types: what the desk records, with no storage or terminal in sight.

mod kinds;
pub mod labelled;
pub mod lifecycle;
mod model;

pub use kinds::*;
pub use lifecycle::{ExtensionAllowance, Lifecycle, StepContext};
pub use model::*;
