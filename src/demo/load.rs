//! Demo data into a store: the generator on a second thread, a batch ahead of the writer, so on a
//! two-core desk PC the writing thread never waits for data. Used by `tiepdan demo` and by the
//! empty-database prompt of the terminal UI.

use super::{DemoOptions, cases};
use crate::error::{Error, Result};
use crate::store::{BulkLoad, Case, Store};
use chrono::NaiveDate;

/// Petitions stored per transaction while loading demo data: big enough to amortise the fsync of
/// each commit, small enough to keep the WAL file modest.
const DEMO_BATCH: usize = 20_000;

/// The generator never emits one person twice, so no matching against stored people is needed.
const DEMO_LOAD: BulkLoad = BulkLoad {
    what: "demo",
    match_people: false,
};

/// Generates `petitions` demo petitions (18 months up to `today`) into the store; returns how
/// many were added.
pub fn load(store: &mut Store, today: NaiveDate, petitions: usize, seed: u64) -> Result<usize> {
    // Demo codes start at the year's first number: on a desk with records they would collide
    // with real ones, and demo data mixed into real records could never be told apart.
    let existing = store.petition_count()?;
    if existing > 0 {
        return Err(Error::DemoNeedsEmpty {
            petitions: existing as u64,
        });
    }
    let options = DemoOptions {
        petitions,
        seed,
        today,
    };
    store.tune_for_bulk_load()?;
    let (send, batches) = std::sync::mpsc::sync_channel::<Result<Vec<Case>>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(DEMO_BATCH.min(petitions));
            for case in cases(&options) {
                let case = match case {
                    Ok(case) => case,
                    Err(e) => {
                        let _ = send.send(Err(e));
                        return;
                    }
                };
                batch.push(Case {
                    citizens: case.citizens,
                    visit: case.visit,
                    petition: case.petition,
                    steps: case.steps,
                    actor: case.actor,
                });
                // A closed channel means the store failed: stop generating.
                if batch.len() == DEMO_BATCH && send.send(Ok(std::mem::take(&mut batch))).is_err() {
                    return;
                }
            }
            let _ = send.send(Ok(batch));
        });
        let mut added = 0;
        for batch in batches {
            added += store.insert_cases(batch?, today, DEMO_LOAD)?;
        }
        Ok(added)
    })
}
