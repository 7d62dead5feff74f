//! Citizens: a name, a birth year, a CCCD or an old CMND, a mobile number and an address.

use super::dice::Dice;
use super::names::{self, Misspelling, Name, Sex};
use super::places::{self, Atlas, Commune, PROVINCES};
use crate::domain::Citizen;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::fmt::Write;

/// Mobile prefixes in use since the 2018 renumbering (Viettel, VinaPhone, MobiFone, Vietnamobile,
/// Gmobile).
const MOBILE_PREFIXES: &[&str] = &[
    "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098", "081",
    "082", "083", "084", "085", "088", "091", "094", "070", "076", "077", "078", "079", "089",
    "090", "093", "052", "056", "058", "092", "059", "099",
];

/// A citizen with the facts the generator needs to make a returning visit or a misspelt twin.
#[derive(Debug, Clone)]
pub struct Person {
    pub citizen: Citizen,
    pub name: Name,
    pub commune: Commune,
    /// Where in the commune they live (thôn, tổ dân phố...), to place group members together.
    pub locality: String,
}

pub struct PersonSpec<'a> {
    pub commune: Commune,
    pub locality: Option<&'a str>,
    pub on: NaiveDate,
    /// Petitioners skew male and middle-aged.
    pub male_share: f64,
}

fn birth_year(dice: &mut Dice, on: NaiveDate) -> i32 {
    // Mean of three uniforms: a hump between 40 and 65.
    let hump = (dice.unit() + dice.unit() + dice.unit()) / 3.0;
    on.year() - (22.0 + hump * 62.0) as i32
}

/// Hands out ID numbers that never repeat: within each prefix (province, sex and century, year
/// for a CCCD; the CMND's first digits) a serial is spread over the free digits by a stride
/// coprime with their range, from an offset drawn when the prefix is first used.
#[derive(Default)]
pub struct IdBook {
    next: HashMap<u32, (u32, u32)>,
}

impl IdBook {
    fn serial(&mut self, dice: &mut Dice, prefix: u32, range: u32) -> u32 {
        let (offset, count) = *self
            .next
            .entry(prefix)
            .or_insert_with(|| (dice.below(range), 0));
        self.next.insert(prefix, (offset, count + 1));
        ((u64::from(offset) + u64::from(count) * 382_493) % u64::from(range)) as u32
    }

    /// 12 digits: province of birth registration, sex and century, year of birth, then 6 digits.
    pub fn cccd(&mut self, dice: &mut Dice, home: usize, sex: Sex, birth_year: i32) -> String {
        let codes = if dice.chance(0.9) {
            PROVINCES[home].cccd
        } else {
            dice.pick(PROVINCES).cccd
        };
        let code = u32::from(*dice.pick(codes));
        let century = if birth_year >= 2000 { 2 } else { 0 };
        let sex_digit = century + u32::from(sex == Sex::Female);
        let year = birth_year.rem_euclid(100) as u32;
        let prefix = code * 1000 + sex_digit * 100 + year;
        let serial = self.serial(dice, prefix, 1_000_000);
        format!("{prefix:06}{serial:06}")
    }

    /// The old 9-digit CMND: two digits of the issuing province, then 7.
    fn cmnd(&mut self, dice: &mut Dice, home: usize) -> String {
        let prefix = PROVINCES[home].cmnd;
        let key = 1_000_000 + prefix.parse::<u32>().unwrap_or(0);
        format!("{prefix}{:07}", self.serial(dice, key, 10_000_000))
    }
}

pub fn mobile(dice: &mut Dice) -> String {
    format!(
        "{}{:07}",
        dice.pick(MOBILE_PREFIXES),
        dice.below(10_000_000)
    )
}

pub fn new_person(dice: &mut Dice, ids: &mut IdBook, spec: &PersonSpec) -> Person {
    let sex = if dice.chance(spec.male_share) {
        Sex::Male
    } else {
        Sex::Female
    };
    let year = birth_year(dice, spec.on);
    let region = PROVINCES[spec.commune.province].region;
    let name = names::person(dice, sex, year, region);
    let home = spec.commune.province;
    let id_number = match dice.below(100) {
        0..70 => Some(ids.cccd(dice, home, sex, year)),
        70..75 if year < 1995 => Some(ids.cmnd(dice, home)),
        _ => None,
    };
    let phone = dice.chance(0.8).then(|| mobile(dice));
    let locality = match spec.locality {
        Some(shared) => shared.to_string(),
        None => places::locality(dice, &spec.commune),
    };
    let old_style =
        spec.commune.district.is_some() && (spec.on < places::merger_day() || dice.chance(0.12));
    let has_address = dice.chance(0.97);
    let citizen = Citizen {
        id: dice.uuid_on(spec.on),
        full_name: name.full.clone(),
        id_number,
        phone,
        address: has_address.then(|| places::address(&locality, &spec.commune, old_style)),
        province: has_address.then(|| PROVINCES[home].name.to_string()),
        commune: has_address.then(|| spec.commune.name.to_string()),
        birth_year: dice.chance(0.9).then_some(year),
    };
    Person {
        citizen,
        name,
        commune: spec.commune,
        locality,
    }
}

/// The same person typed in again as a new record by a careless desk: the name misspelt, the
/// address typed afresh, the ID left out or taken from the old CMND, the phone copied only
/// sometimes (never together with a name that folds to the same, or the store would merge them).
pub fn careless_twin(
    dice: &mut Dice,
    ids: &mut IdBook,
    person: &Person,
    on: NaiveDate,
) -> (Person, Misspelling) {
    let how = *dice.weighted(&[
        (Misspelling::NoDiacritics, 40),
        (Misspelling::Typo, 40),
        (Misspelling::OtherMiddle, 20),
    ]);
    let mut twin = person.clone();
    let full_name = names::misspell(dice, &person.name, how);
    twin.citizen.id = dice.uuid_on(on);
    let born = person.citizen.birth_year.unwrap_or(1970);
    twin.citizen.id_number =
        (born < 1995 && dice.chance(0.2)).then(|| ids.cmnd(dice, person.commune.province));
    let same_fold = crate::text::fold(&full_name) == crate::text::fold(&person.name.full);
    if same_fold || !dice.chance(0.6) {
        twin.citizen.phone = dice.chance(0.4).then(|| mobile(dice));
    }
    if how == Misspelling::NoDiacritics {
        twin.citizen.address = twin.citizen.address.as_deref().map(names::strip_diacritics);
    } else if twin.citizen.address.is_some() && dice.chance(0.5) {
        let address = places::address(&person.locality, &person.commune, on < places::merger_day());
        twin.citizen.address = Some(address);
    }
    twin.citizen.full_name = full_name.clone();
    twin.name.full = full_name;
    (twin, how)
}

/// Someone who came along (a spouse, a son) with just a name and perhaps a phone.
pub fn companion(dice: &mut Dice, ids: &mut IdBook, of: &Person, on: NaiveDate) -> Person {
    let spec = PersonSpec {
        commune: of.commune,
        locality: Some(&of.locality),
        on,
        male_share: if of.name.sex == Sex::Male { 0.2 } else { 0.8 },
    };
    let mut person = new_person(dice, ids, &spec);
    // Same family: keep the surname.
    let surname = of.name.full.split(' ').next().unwrap_or_default();
    let rest = person
        .name
        .full
        .split_once(' ')
        .map(|(_, r)| r)
        .unwrap_or_default();
    let mut full = String::with_capacity(32);
    let _ = write!(full, "{surname} {rest}");
    if dice.chance(0.5) {
        person.name.full = full.clone();
        person.citizen.full_name = full;
    }
    person.citizen.address = of.citizen.address.clone();
    person.citizen.province = of.citizen.province.clone();
    person.citizen.commune = of.citizen.commune.clone();
    person
}

/// The desk's atlas draws the commune; returned with the spec for a petitioner.
pub fn petitioner_spec(dice: &mut Dice, atlas: &Atlas, on: NaiveDate) -> PersonSpec<'static> {
    PersonSpec {
        commune: atlas.commune(dice),
        locality: None,
        on,
        male_share: 0.58,
    }
}
