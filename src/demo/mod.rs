//! Deterministic synthetic data for demos, tests and benchmarks: realistic Vietnamese citizens,
//! visits and petitions with histories that replay through [`crate::domain::Lifecycle`], streamed one case at a
//! time so a million petitions need constant memory. Same seed, same bytes; no SQL here — the store
//! writes what the sink receives ([`load`] hands the cases to it in batches).
//!
//! Shape of the data (an agency desk in Hà Tĩnh, 18 months up to `today`): khiếu nại ~45% (a sixth
//! of them second round), tố cáo ~15% (some anonymous), kiến nghị ~30%, phản ánh ~10%, land and
//! site clearance dominating; ~12% repeats of earlier petitions; ~15–25% still open at `today`.

mod agencies;
mod calendar;
mod dice;
mod drafts;
mod generator;
mod load;
mod names;
mod people;
mod places;
mod pool;
mod provinces;
mod repeats;
mod steps;
mod subjects;
#[cfg(test)]
mod tests;
mod visits;

use crate::domain::{Citizen, Petition, Step, Visit};
use chrono::NaiveDate;
use generator::Generator;

pub use load::load;
pub use steps::extension_allowance;

/// How many petitions, from which seed, for 18 months up to which day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub petitions: usize,
    pub seed: u64,
    pub today: NaiveDate,
}

/// One intake: the citizens involved, the visit (None for petitions by post or transfer), the
/// petition, and its steps (the first is always `received`, with competence and complexity set
/// as the intake would).
///
/// `citizens` holds the citizen records first created by this case. A returning citizen was in an
/// earlier case's list and appears here only by id (in `petition.filers` and the attendees), so a
/// store can insert every listed citizen without upserting.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoCase {
    pub citizens: Vec<Citizen>,
    pub visit: Option<Visit>,
    pub petition: Petition,
    pub steps: Vec<Step>,
    /// Who recorded the steps: the desk officer handling the petition.
    pub actor: String,
}

/// Generates exactly `opts.petitions` cases in date order, handing each to `sink` as it is made.
pub fn generate(
    opts: &DemoOptions,
    mut sink: impl FnMut(DemoCase) -> crate::Result<()>,
) -> crate::Result<()> {
    cases(opts).try_for_each(|case| sink(case?))
}

/// The same cases as [`generate`], as an iterator: a consumer may stop early.
pub fn cases(opts: &DemoOptions) -> impl Iterator<Item = crate::Result<DemoCase>> + use<> {
    let mut generator = Generator::new(opts);
    (0..opts.petitions).map(move |i| generator.case(i))
}
