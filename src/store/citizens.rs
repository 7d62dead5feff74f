//! Citizens: stored once, found again by ID number, or by phone plus the same name.

use crate::domain::{Citizen, Id};
use crate::error::Result;
use crate::text::fold;
use rusqlite::{Connection, OptionalExtension, params};

const COLUMNS: &str = "id, full_name, id_number, phone, address, province, commune, birth_year";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Citizen> {
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

/// The existing record for the same person: same CCCD/CMND, or same phone and same folded name.
/// A shared phone alone is not enough (families share phones).
pub(super) fn find_same_person(conn: &Connection, citizen: &Citizen) -> Result<Option<Citizen>> {
    if let Some(number) = &citizen.id_number {
        let found = conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM citizen WHERE id_number = ?1 LIMIT 1"
            ))?
            .query_row([number], from_row)
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    if let Some(phone) = &citizen.phone {
        return Ok(conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM citizen WHERE phone = ?1 AND name_folded = ?2 LIMIT 1"
            ))?
            .query_row(params![phone, fold(&citizen.full_name)], from_row)
            .optional()?);
    }
    Ok(None)
}

pub(super) fn insert(conn: &Connection, c: &Citizen, created_at: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO citizen (id, full_name, name_folded, id_number, phone, address, address_folded,
                              province, commune, birth_year, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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
        created_at
    ])?;
    Ok(())
}

/// Fills in what the earlier record lacked (a phone, an ID number, an address), never overwriting.
pub(super) fn complete(conn: &Connection, existing: &Citizen, new: &Citizen) -> Result<bool> {
    let changed = conn
        .prepare_cached(
            "UPDATE citizen SET
                id_number = COALESCE(id_number, ?2),
                phone = COALESCE(phone, ?3),
                address = COALESCE(address, ?4),
                address_folded = COALESCE(address_folded, ?5),
                province = COALESCE(province, ?6),
                commune = COALESCE(commune, ?7),
                birth_year = COALESCE(birth_year, ?8)
             WHERE id = ?1 AND (
                (id_number IS NULL AND ?2 IS NOT NULL) OR (phone IS NULL AND ?3 IS NOT NULL) OR
                (address IS NULL AND ?4 IS NOT NULL) OR (birth_year IS NULL AND ?8 IS NOT NULL))",
        )?
        .execute(params![
            existing.id,
            new.id_number,
            new.phone,
            new.address,
            new.address.as_deref().map(fold),
            new.province,
            new.commune,
            new.birth_year
        ])?;
    Ok(changed > 0)
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
        .prepare_cached(&format!("SELECT {COLUMNS} FROM citizen WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

pub(super) fn filers_of(conn: &Connection, petition_id: Id) -> Result<Vec<Citizen>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM petition_filer f JOIN citizen c ON c.id = f.citizen_id
         WHERE f.petition_id = ?1 ORDER BY c.full_name",
        COLUMNS
            .split(", ")
            .map(|c| format!("c.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
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
