//! The independent recall corpus and its evaluation harness (issue 11, "How to measure"), shared
//! by `tests/recall.rs` (thresholds in `cargo test`) and `benches/recall.rs` (the full table with
//! the baseline engines, `cargo bench --features bench --bench recall`).
// Each crate that includes this module uses a different part of it.
#![allow(dead_code)]

pub mod corpus;
pub mod dice;
pub mod eval;
pub mod typing;
