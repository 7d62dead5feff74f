//! Citizens as given: one snapshot per filer per intake, exactly as written on that petition,
//! never updated; linked into persons by the rules of [`crate::person`].

use crate::domain::{Citizen, Id};
use crate::error::Result;
use crate::person::{Decision, IdKind, Known, LinkRule, decide, id_kind};
use crate::text::fold;
use rusqlite::{Connection, OptionalExtension, params};

const COLUMN_NAMES: [&str; 8] = [
    "id",
    "full_name",
    "id_number",
    "phone",
    "address",
    "province",
    "commune",
    "birth_year",
];

/// The columns [`from_row`] reads, on the table aliased `alias` ("" for none): a sealed
/// denouncer's identity opened with the desk key when the connection has it.
pub(super) fn columns(alias: &str) -> String {
    COLUMN_NAMES
        .iter()
        .map(|c| super::sealed::citizen_column(alias, c))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Citizen> {
    Ok(Citizen {
        id: r.get(0)?,
        full_name: r.get(1)?,
        id_number: r.get(2)?,
        phone: r.get(3)?,
        address: r.get(4)?,
        province: r.get(5)?,
        commune: r.get(6)?,
        birth_year: r.get(7)?,
    })
}

/// A snapshot as stored, and the person it joined.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stored {
    pub id: Id,
    pub person: Id,
    /// Why it joined an earlier person (None: a person of its own, or a snapshot already stored).
    pub rule: Option<LinkRule>,
    /// Persons holding the same ID number under an incompatible name: flagged for review.
    pub review: Vec<Id>,
}

/// At most this many persons are weighed for one new snapshot (a shared phone or a common name).
const MAX_CANDIDATES: i64 = 50;
/// At most this many snapshots of one person are compared with a new one.
const MAX_SNAPSHOTS: i64 = 500;

/// Persons already on record sharing the new snapshot's ID number or phone, or its folded name
/// with the other kind of ID number (old CMND / new CCCD), first recorded first.
fn candidates(conn: &Connection, citizen: &Citizen) -> Result<Vec<Known>> {
    let other_kind_len = match citizen.id_number.as_deref().and_then(id_kind) {
        Some(IdKind::Cccd) => Some(9),
        Some(IdKind::Cmnd) => Some(12),
        None => None,
    };
    let persons: Vec<Id> = conn
        .prepare_cached(
            "SELECT person_id FROM citizen
             WHERE id_number = ?1 OR phone = ?2
                OR (?4 IS NOT NULL AND name_folded = ?3 AND length(id_number) = ?4)
             GROUP BY person_id ORDER BY MIN(rowid) LIMIT ?5",
        )?
        .query_map(
            params![
                citizen.id_number,
                citizen.phone,
                fold(&citizen.full_name),
                other_kind_len,
                MAX_CANDIDATES
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let mut known = Vec::with_capacity(persons.len());
    for person in persons {
        let snapshots = conn
            .prepare_cached(&format!(
                "SELECT {} FROM citizen WHERE person_id = ?1 ORDER BY rowid LIMIT ?2",
                columns("")
            ))?
            .query_map(params![person, MAX_SNAPSHOTS], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        known.push(Known { person, snapshots });
    }
    Ok(known)
}

/// Stores `citizen` exactly as given: a new snapshot, never an update of an earlier one. With
/// `link`, the person model's rules (`person::decide`) link it to a person already on record;
/// otherwise (sources whose citizen ids are authoritative) it begins a person of its own. A
/// snapshot whose id is already stored is the same record (a merge, a batch loaded twice).
///
/// A denouncer's snapshot (`protect`) is sealed with the desk key when the connection has it
/// (see `sealed`), and then never linked to a person: a link, or a review flag naming the
/// shared ID number, would tie the denunciation to a named person.
pub(super) fn store_snapshot(
    conn: &Connection,
    citizen: &Citizen,
    at: &str,
    actor: &str,
    link: bool,
    protect: bool,
) -> Result<Stored> {
    if let Some(person) = person_of(conn, citizen.id)? {
        return Ok(Stored {
            id: citizen.id,
            person,
            rule: None,
            review: Vec::new(),
        });
    }
    let sealed = if protect {
        super::sealed::seal_citizen(conn, citizen)?
    } else {
        None
    };
    let decision = if link && sealed.is_none() {
        decide(citizen, &candidates(conn, citizen)?)
    } else {
        Decision::NewPerson { review: Vec::new() }
    };
    let (person, rule, review) = match decision {
        Decision::Link { person, rule } => (person, Some(rule), Vec::new()),
        Decision::NewPerson { review } => (citizen.id, None, review),
    };
    match sealed {
        Some(sealed) => insert_sealed(conn, citizen, &sealed, at)?,
        None => insert(conn, citizen, person, rule, at)?,
    }
    for other in &review {
        super::persons::record_event(
            conn,
            at,
            actor,
            super::persons::EventKind::ReviewSameId,
            person,
            Some(*other),
            &[citizen.id],
            // A review flag's "reason" is the ID number the two persons share.
            citizen.id_number.as_deref().unwrap_or_default(),
        )?;
    }
    Ok(Stored {
        id: citizen.id,
        person,
        rule,
        review,
    })
}

fn insert(
    conn: &Connection,
    c: &Citizen,
    person: Id,
    rule: Option<LinkRule>,
    created_at: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO citizen (id, full_name, name_folded, id_number, phone, address, address_folded,
                              province, commune, birth_year, created_at, person_id, linked_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        c.id,
        c.full_name,
        fold(&c.full_name),
        c.id_number,
        c.phone,
        c.address,
        c.address.as_deref().map(fold),
        c.province,
        c.commune,
        c.birth_year,
        created_at,
        person,
        rule.map(LinkRule::code),
    ])?;
    Ok(())
}

/// A denouncer's snapshot: the identity only in `sealed`, a person of its own.
fn insert_sealed(conn: &Connection, c: &Citizen, sealed: &[u8], created_at: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO citizen (id, full_name, name_folded, province, commune, created_at,
                              person_id, sealed)
         VALUES (?1, ?2, '', ?3, ?4, ?5, ?1, ?6)",
    )?
    .execute(params![
        c.id,
        super::sealed::placeholder(),
        c.province,
        c.commune,
        created_at,
        sealed,
    ])?;
    Ok(())
}

/// Stores a corrected snapshot of a filer: a new record with the corrected values, kept with the
/// same person as the snapshot it corrects (which stays, as it was given).
/// A denouncer's (`protect`) is sealed like any other of theirs when the desk key is at hand.
pub(super) fn store_corrected(
    conn: &Connection,
    citizen: &Citizen,
    person: Id,
    at: &str,
    protect: bool,
) -> Result<()> {
    let sealed = if protect {
        super::sealed::seal_citizen(conn, citizen)?
    } else {
        None
    };
    match sealed {
        Some(sealed) => insert_sealed(conn, citizen, &sealed, at),
        None => insert(conn, citizen, person, None, at),
    }
}

/// Joins one snapshot to `person` by an officer's decision (`merged`).
pub(super) fn join_person(conn: &Connection, snapshot: Id, person: Id) -> Result<()> {
    conn.prepare_cached("UPDATE citizen SET person_id = ?2, linked_by = ?3 WHERE id = ?1")?
        .execute(params![snapshot, person, LinkRule::Merged.code()])?;
    Ok(())
}

/// The person a snapshot belongs to (None: no such snapshot).
pub(super) fn person_of(conn: &Connection, id: Id) -> Result<Option<Id>> {
    Ok(conn
        .prepare_cached("SELECT COALESCE(person_id, id) FROM citizen WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

pub(super) fn exists(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM citizen WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(super) fn by_id(conn: &Connection, id: Id) -> Result<Option<Citizen>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM citizen WHERE id = ?1",
            columns("")
        ))?
        .query_row([id], from_row)
        .optional()?)
}

pub(super) fn filers_of(conn: &Connection, petition_id: Id) -> Result<Vec<Citizen>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM petition_filer f JOIN citizen c ON c.id = f.citizen_id
         WHERE f.petition_id = ?1 ORDER BY 2",
        columns("c")
    ))?;
    let rows = stmt.query_map([petition_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl super::Store {
    pub fn citizen(&self, id: Id) -> Result<Option<Citizen>> {
        by_id(&self.conn, id)
    }

    /// The people who filed a petition (empty for anonymous ones).
    pub fn filers(&self, petition_id: Id) -> Result<Vec<Citizen>> {
        filers_of(&self.conn, petition_id)
    }
}
