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
    pub fn offer(&mut self, dice: &mut Dice, entry: Earlier) {
        self.seen += 1;
        if self.entries.len() < CAPACITY {
            self.entries.push(entry);
        } else {
            let slot = (dice.unit() * self.seen as f64) as usize;
            if slot < CAPACITY {
                self.entries[slot] = entry;
            }
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
