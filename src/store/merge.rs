//! Merging another tiepdan database's petitions (its JSON Lines export) into this one.
//!
//! Ids are global (UUIDv7), so a petition, an event, a citizen or a visit is the same record in
//! both databases exactly when its id is the same. For each incoming petition:
//!
//! - **new id**: stored whole — citizens as given (linked to a person on record by the person
//!   model's rules, never merged into an earlier record), its
//!   visit (once, even when several petitions share it), its events with their own ids, dates,
//!   actors and recording times.
//! - **known id, incoming history extends ours** (our events are the first events of theirs,
//!   same ids in the same order): their further events are appended and the status replayed.
//! - **known id, our history is as long or longer** (theirs is a prefix of ours): unchanged.
//! - **known id, the histories diverged** (each side took steps the other lacks): ours is kept,
//!   untouched, and the code is reported so an officer settles it; events are never rewritten.
//!
//! Codes count per database, so two desks hand out the same codes: a new petition whose code is
//! held here by another petition is stored as `CODE-2` (or `-3`, … the first free), and the
//! change is reported. A petition already merged keeps the code it got.

use super::intake::{lifecycle_of, store_citizens};
use super::seal::Touched;
use super::search::Unindexed;
use super::{Store, audit, citizens, events, petitions, visits};
use crate::domain::*;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

/// One petition of another database, with everything needed to store it here.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// `filers` name citizens of `citizens`; `state` is replayed from `events` here.
    pub petition: Petition,
    pub citizens: Vec<Citizen>,
    pub visit: Option<Visit>,
    /// Oldest first, with their ids.
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeCounts {
    pub read: usize,
    pub added: usize,
    /// Known petitions whose history the incoming one extended.
    pub updated: usize,
    pub unchanged: usize,
    /// Codes of known petitions whose histories diverged: kept as they were here.
    pub diverged: Vec<String>,
    /// (their code, the code given here) for new petitions whose code was taken.
    pub recoded: Vec<(String, String)>,
}

/// The first free `CODE-n`, n ≥ 2.
fn free_code(conn: &Connection, code: &str) -> Result<String> {
    let mut n = 2;
    loop {
        let candidate = format!("{code}-{n}");
        if petitions::by_code(conn, &candidate)?.is_none() {
            return Ok(candidate);
        }
        n += 1;
    }
}

fn insert_events(conn: &Connection, events: &[Event], first_seq: usize) -> Result<()> {
    for (i, event) in events.iter().enumerate() {
        let at = event.recorded_at.to_rfc3339();
        events::insert(conn, event, (first_seq + i) as i64, &at)?;
    }
    Ok(())
}

fn steps(events: &[Event]) -> Vec<Step> {
    events.iter().map(Event::step).collect()
}

impl Store {
    /// Merges `incoming` in one transaction (see the module's rules). An `Err` from the
    /// iterator (a line that cannot be read) rolls everything back and is returned.
    pub fn merge_petitions(
        &mut self,
        incoming: impl IntoIterator<Item = Result<Incoming>>,
        today: NaiveDate,
        what: &str,
    ) -> Result<MergeCounts> {
        self.write(|tx, policy, actor| {
            let at = super::now_utc().to_rfc3339();
            let mut counts = MergeCounts::default();
            let mut unindexed = Unindexed::default();
            let mut touched = Touched::from_here(tx)?;
            for record in incoming {
                let record = record?;
                counts.read += 1;
                let id = record.petition.id;
                if let Some(mut ours) = petitions::by_id(tx, id)? {
                    let have = events::of_petition(tx, id)?;
                    let extends = record.events.len() > have.len()
                        && have.iter().zip(&record.events).all(|(a, b)| a.id == b.id);
                    let behind = record.events.len() <= have.len()
                        && record.events.iter().zip(&have).all(|(a, b)| a.id == b.id);
                    if extends {
                        insert_events(tx, &record.events[have.len()..], have.len() + 1)?;
                        ours.state = lifecycle_of(policy, &ours, &steps(&record.events))?;
                        let due = policy.deadline(&ours, today);
                        petitions::update_state(tx, id, &ours.state, due.as_ref())?;
                        super::search::index_written(tx, id)?;
                        counts.updated += 1;
                        touched.push(id);
                    } else if behind {
                        counts.unchanged += 1;
                    } else {
                        counts.diverged.push(ours.code);
                    }
                    continue;
                }
                store_citizens(tx, &record.citizens, &at, actor, true, record.petition.kind)?;
                let mut petition = record.petition;
                petition.filers.dedup();
                if petition.code.is_empty() {
                    petition.code =
                        petitions::next_code(tx, petitions::year_of(petition.received_on))?;
                } else if petitions::by_code(tx, &petition.code)?.is_some() {
                    let given = free_code(tx, &petition.code)?;
                    counts
                        .recoded
                        .push((std::mem::replace(&mut petition.code, given.clone()), given));
                } else {
                    petitions::reserve_code(tx, &petition.code)?;
                }
                if let Some(mut visit) = record.visit
                    && !visits::exists(tx, visit.id)?
                {
                    let mut present = Vec::new();
                    for a in visit.attendees {
                        if citizens::exists(tx, a.citizen_id)? {
                            present.push(a);
                        }
                    }
                    visit.attendees = present;
                    visits::insert(tx, &visit, crate::privacy::protects_identity(petition.kind))?;
                }
                // The earlier petition may not have come along (or not yet): then no link.
                if let Some(earlier) = petition.repeat_of
                    && !petitions::exists(tx, earlier)?
                {
                    petition.repeat_of = None;
                }
                petition.state = lifecycle_of(policy, &petition, &steps(&record.events))?;
                let due = policy.deadline(&petition, today);
                let rowid = petitions::insert(tx, &petition, due.as_ref(), &at)?;
                unindexed.push(petition.received_on, rowid, petition.id);
                insert_events(tx, &record.events, 1)?;
                counts.added += 1;
            }
            // With deletes: a later line of the same file may have extended (and indexed) one.
            unindexed.reindex(tx)?;
            audit::record_sealed(
                tx,
                actor,
                what,
                "batch",
                &format!("{}", counts.added),
                &counts,
                &touched,
            )?;
            Ok(counts)
        })
    }
}
