//! A bounded, uniform sample of earlier petitions (reservoir sampling) to draw repeats from, so a
//! million petitions need no more memory than a thousand.

use super::dice::Dice;
use super::people::Person;
use crate::domain::{Complexity, Field, Id, PetitionKind, Round};
use chrono::NaiveDate;

pub const CAPACITY: usize = 4096;

/// What a repeat needs to know about the earlier petition.
#[derive(Debug, Clone)]
pub struct Earlier {
    pub id: Id,
    pub received: NaiveDate,
    /// Closed on or before this date (the history is already cut at today).
    pub closed_on: Option<NaiveDate>,
    pub resolved: bool,
    pub final_: bool,
    pub kind: PetitionKind,
    pub round: Option<Round>,
    pub field: Field,
    pub complexity: Complexity,
    pub subject: String,
    pub summary: String,
    pub source_agency: Option<String>,
    /// The first filer.
    pub person: Person,
    /// How many earlier petitions this one repeats, transitively.
    pub depth: u8,
}

#[derive(Default)]
pub struct Pool {
    entries: Vec<Earlier>,
    seen: u64,
}

impl Pool {
    /// Where the next petition would go, if the sample keeps it (decided before it is built).
    pub fn slot(&mut self, dice: &mut Dice) -> Option<usize> {
        self.seen += 1;
        if self.entries.len() < CAPACITY {
            return Some(self.entries.len());
        }
        let slot = (dice.unit() * self.seen as f64) as usize;
        (slot < CAPACITY).then_some(slot)
    }

    pub fn put(&mut self, slot: usize, entry: Earlier) {
        if slot == self.entries.len() {
            self.entries.push(entry);
        } else {
            self.entries[slot] = entry;
        }
    }

    /// An earlier petition received before `day`, if a few tries find one.
    pub fn draw(&self, dice: &mut Dice, day: NaiveDate) -> Option<&Earlier> {
        if self.entries.is_empty() {
            return None;
        }
        (0..4).find_map(|_| {
            let entry = dice.pick(&self.entries);
            (entry.received < day).then_some(entry)
        })
    }
}
