//! The one source of randomness: a seeded ChaCha8 stream with the few draws the generator needs.
//! Only fixed-width integer draws are used (never `usize`), and no floating-point function other
//! than the four basic operations (exactly rounded by IEEE 754 everywhere), so a seed gives the
//! same data on every platform.

use chrono::{NaiveDate, NaiveDateTime};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

pub struct Dice(ChaCha8Rng);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Dice(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform in `0..n`; `n` must be positive.
    pub fn below(&mut self, n: u32) -> u32 {
        self.0.random_range(0..n)
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        self.0.random_range(lo..=hi)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        self.0.random()
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u32) as usize]
    }

    /// One of a list of static texts.
    pub fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len() as u32) as usize]
    }

    /// One item by integer weight.
    pub fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(total);
        for (item, weight) in items {
            if roll < *weight {
                return item;
            }
            roll -= weight;
        }
        unreachable!("roll is below the total weight")
    }

    /// An index into a list ordered from most to least common: the smaller of two uniform
    /// draws, so the first item is about twice as likely as the average and the last is rare.
    pub fn common(&mut self, len: usize) -> usize {
        let n = len as u32;
        self.below(n).min(self.below(n)) as usize
    }

    /// A UUIDv7 stamped with `at` (so ids sort by the record's own time) and 74 random bits.
    pub fn uuid_at(&mut self, at: NaiveDateTime) -> Uuid {
        let millis = at.and_utc().timestamp_millis().max(0) as u64;
        let random: [u8; 10] = self.0.random();
        uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid()
    }

    pub fn uuid_on(&mut self, day: NaiveDate) -> Uuid {
        let secs = self.between(7 * 3600, 17 * 3600) as u32;
        let at =
            day.and_time(chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap());
        self.uuid_at(at)
    }
}
