//! Persons: the links over citizen snapshots. One person's whole history for `citizen show`,
//! and the officer's corrections `citizen merge` / `citizen split`, each an event in
//! `person_event` and a row in the audit log. A snapshot is never rewritten: merge and split
//! only move the link.
//!
//! Denouncers' identities stay secret (Luật Tố cáo 2018, Điều 47): unless the caller reveals
//! (a role allowed to, audited), a snapshot given only on denunciations is neither found by its
//! name, ID or phone nor shown, and denunciations are left out of the history.

use super::{Store, audit, citizens};
use crate::domain::InputField;
use crate::domain::{Citizen, Id};
use crate::error::{Deed, Error, Problem, Result};
use crate::person::LinkRule;
use rusqlite::{Connection, params};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EventKind {
    Merge,
    Split,
    /// A snapshot kept apart from a person holding the same ID number under another name.
    ReviewSameId,
}

impl EventKind {
    fn code(self) -> &'static str {
        match self {
            EventKind::Merge => "merge",
            EventKind::Split => "split",
            EventKind::ReviewSameId => "same_id_other_name",
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn record_event(
    conn: &Connection,
    at: &str,
    actor: &str,
    kind: EventKind,
    person: Id,
    other: Option<Id>,
    citizens: &[Id],
    reason: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO person_event (at, actor, kind, person_id, other_id, citizens, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        at,
        actor,
        kind.code(),
        person,
        other,
        serde_json::to_string(citizens).expect("ids serialise"),
        reason
    ])?;
    Ok(())
}

/// A snapshot given only on denunciations (and on at least one): its identity is secret.
pub(super) const PROTECTED_SNAPSHOT: &str =
    "(EXISTS (SELECT 1 FROM petition_filer f JOIN petition p ON p.id = f.petition_id
        WHERE f.citizen_id = c.id AND p.kind = 'denunciation')
    AND NOT EXISTS (SELECT 1 FROM petition_filer f JOIN petition p ON p.id = f.petition_id
        WHERE f.citizen_id = c.id AND p.kind <> 'denunciation'))";

/// One petition in a person's history, with the name written on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonPetition {
    pub code: String,
    pub received_on: String,
    pub kind: String,
    pub subject: String,
    pub status: String,
    /// The filer's name exactly as given on this petition.
    pub name_given: String,
    pub id_number_given: Option<String>,
    /// The code of the earlier petition it repeats.
    pub repeat_of: Option<String>,
}

/// One identity as it was given (a snapshot), and why it belongs to this person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alias {
    pub name: String,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub birth_year: Option<i32>,
    /// First day a petition carried it.
    pub first_seen: Option<String>,
    /// The rule that linked it to the person (None: the person's first record).
    pub linked_by: Option<LinkRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transfer {
    pub code: String,
    pub on: String,
    pub to_agency: Option<String>,
}

/// A merge, split or review flag touching this person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonEvent {
    pub at: String,
    pub actor: String,
    pub kind: String,
    pub reason: String,
}

/// One person's whole history, as the acting role may see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonView {
    pub person: Id,
    /// Every name used, in the order first given.
    pub names: Vec<String>,
    /// Every CCCD/CMND used (old and new papers), in the order first given.
    pub ids: Vec<String>,
    pub phones: Vec<String>,
    pub addresses: Vec<String>,
    pub birth_years: Vec<i32>,
    pub aliases: Vec<Alias>,
    /// Oldest first.
    pub petitions: Vec<PersonPetition>,
    /// Repeat chains (codes, oldest first) with at least two of the person's petitions visible.
    pub repeat_chains: Vec<Vec<String>>,
    pub transfers: Vec<Transfer>,
    /// ID numbers this person shares with someone recorded under an incompatible name.
    pub review_same_id: Vec<String>,
    pub events: Vec<PersonEvent>,
}

fn distinct<T: PartialEq + Clone>(items: impl IntoIterator<Item = Option<T>>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items.into_iter().flatten() {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn snapshot_row(r: &rusqlite::Row) -> rusqlite::Result<(Citizen, Option<String>, bool)> {
    Ok((
        Citizen {
            id: r.get(0)?,
            full_name: r.get(1)?,
            id_number: r.get(2)?,
            phone: r.get(3)?,
            address: r.get(4)?,
            province: r.get(5)?,
            commune: r.get(6)?,
            birth_year: r.get(7)?,
        },
        r.get(8)?,
        r.get(9)?,
    ))
}

fn person_view(conn: &Connection, person: Id, reveal: bool) -> Result<PersonView> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {}, c.linked_by, {PROTECTED_SNAPSHOT}
         FROM citizen c WHERE c.person_id = ?1 ORDER BY c.rowid",
        citizens::columns("c")
    ))?;
    let snapshots: Vec<(Citizen, Option<String>, bool)> = stmt
        .query_map([person], snapshot_row)?
        .collect::<rusqlite::Result<_>>()?;
    let shown: Vec<&(Citizen, Option<String>, bool)> = snapshots
        .iter()
        .filter(|(_, _, protected)| reveal || !protected)
        .collect();
    if shown.is_empty() {
        return Err(Error::NotFound {
            what: crate::i18n::CITIZEN_WHAT,
            key: String::new(),
        });
    }
    let mut petitions = Vec::new();
    let mut aliases = Vec::new();
    for (citizen, linked_by, _) in &shown {
        let mut stmt = conn.prepare_cached(
            "SELECT p.code, p.received_on, p.kind,
                    tiepdan_open(p.sealed, 'petition', p.id, 'subject', p.subject), p.status,
                    (SELECT q.code FROM petition q WHERE q.id = p.repeat_of)
             FROM petition_filer f JOIN petition p ON p.id = f.petition_id
             WHERE f.citizen_id = ?1 ORDER BY p.received_on, p.code",
        )?;
        let rows = stmt.query_map([citizen.id], |r| {
            Ok(PersonPetition {
                code: r.get(0)?,
                received_on: r.get(1)?,
                kind: r.get(2)?,
                subject: r.get(3)?,
                status: r.get(4)?,
                repeat_of: r.get(5)?,
                name_given: citizen.full_name.clone(),
                id_number_given: citizen.id_number.clone(),
            })
        })?;
        let mut first_seen: Option<String> = None;
        for row in rows {
            let row = row?;
            if !reveal && crate::privacy::protects_identity_code(&row.kind) {
                continue;
            }
            if first_seen.is_none() {
                first_seen = Some(row.received_on.clone());
            }
            petitions.push(row);
        }
        aliases.push(Alias {
            name: citizen.full_name.clone(),
            id_number: citizen.id_number.clone(),
            phone: citizen.phone.clone(),
            address: citizen.address.clone(),
            birth_year: citizen.birth_year,
            first_seen,
            linked_by: linked_by.as_deref().and_then(LinkRule::parse),
        });
    }
    petitions.sort_by(|a, b| (&a.received_on, &a.code).cmp(&(&b.received_on, &b.code)));
    petitions.dedup_by(|a, b| a.code == b.code);
    aliases.sort_by(|a, b| a.first_seen.cmp(&b.first_seen));
    let codes: Vec<&str> = petitions.iter().map(|p| p.code.as_str()).collect();
    let mut repeat_chains: Vec<Vec<String>> = Vec::new();
    for p in &petitions {
        if repeat_chains.iter().any(|c| c.contains(&p.code)) {
            continue;
        }
        let chain: Vec<String> = chain_codes(conn, &p.code, reveal)?;
        if chain.iter().filter(|c| codes.contains(&c.as_str())).count() >= 2 {
            repeat_chains.push(chain);
        }
    }
    let mut transfers = Vec::new();
    for p in &petitions {
        let mut stmt = conn.prepare_cached(
            "SELECT e.on_date, json_extract(e.detail, '$.to_agency')
             FROM event e JOIN petition p ON p.id = e.petition_id
             WHERE p.code = ?1 AND e.kind = 'transferred' ORDER BY e.seq",
        )?;
        let rows = stmt.query_map([&p.code], |r| {
            Ok(Transfer {
                code: p.code.clone(),
                on: r.get(0)?,
                to_agency: r.get(1)?,
            })
        })?;
        for row in rows {
            transfers.push(row?);
        }
    }
    // A flag shows only when the other side may be seen: a denouncer who gave someone's CCCD
    // must not surface on that person's page.
    let review_same_id: Vec<String> = conn
        .prepare_cached(&format!(
            "SELECT DISTINCT e.reason FROM person_event e
             WHERE e.kind = 'same_id_other_name' AND (e.person_id = ?1 OR e.other_id = ?1)
               AND (?2 OR EXISTS (SELECT 1 FROM citizen c
                   WHERE c.person_id = CASE WHEN e.person_id = ?1 THEN e.other_id ELSE e.person_id END
                     AND NOT {PROTECTED_SNAPSHOT}))"
        ))?
        .query_map(params![person, reveal], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let events: Vec<PersonEvent> = conn
        .prepare_cached(
            "SELECT at, actor, kind, reason FROM person_event
             WHERE (person_id = ?1 OR other_id = ?1) AND kind <> 'same_id_other_name' ORDER BY seq",
        )?
        .query_map([person], |r| {
            Ok(PersonEvent {
                at: r.get(0)?,
                actor: r.get(1)?,
                kind: r.get(2)?,
                reason: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let own = |f: fn(&Citizen) -> Option<String>| distinct(shown.iter().map(|(c, _, _)| f(c)));
    Ok(PersonView {
        person,
        names: own(|c| Some(c.full_name.clone())),
        ids: own(|c| c.id_number.clone()),
        phones: own(|c| c.phone.clone()),
        addresses: own(|c| c.address.clone()),
        birth_years: distinct(shown.iter().map(|(c, _, _)| c.birth_year)),
        aliases,
        petitions,
        repeat_chains,
        transfers,
        review_same_id,
        events,
    })
}

/// The codes of `code`'s repeat chain, oldest first (denunciations only when revealing).
fn chain_codes(conn: &Connection, code: &str, reveal: bool) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE up(id, rep, n) AS (
             SELECT id, repeat_of, 0 FROM petition WHERE code = ?1
             UNION SELECT p.id, p.repeat_of, up.n + 1 FROM petition p JOIN up ON p.id = up.rep WHERE up.n < 1000),
         root(id) AS (SELECT id FROM up ORDER BY n DESC LIMIT 1),
         down(id, n) AS (SELECT id, 0 FROM root
             UNION SELECT p.id, down.n + 1 FROM petition p JOIN down ON p.repeat_of = down.id WHERE down.n < 1000)
         SELECT p.code FROM petition p JOIN down USING (id)
         WHERE ?2 OR p.kind <> 'denunciation' ORDER BY p.received_on, p.code",
    )?;
    let rows = stmt.query_map(params![code, reveal], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The persons a desk means by `key`: the filers of the petition with that code, else those who
/// gave that CCCD/CMND, else that phone. Only snapshots the caller may see take part, so a
/// denouncer's ID number finds nothing for a role that may not reveal.
fn persons_for(conn: &Connection, key: &str, reveal: bool) -> Result<Vec<Id>> {
    let key = key.trim();
    let visible = if reveal {
        "1".to_string()
    } else {
        format!("NOT {PROTECTED_SNAPSHOT}")
    };
    let by = |column_test: &str, value: &str| -> Result<Vec<Id>> {
        let sql = format!(
            "SELECT c.person_id FROM citizen c WHERE {column_test} AND {visible}
             GROUP BY c.person_id ORDER BY MIN(c.rowid)"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([value], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let found = by(
        "c.id IN (SELECT f.citizen_id FROM petition_filer f JOIN petition p ON p.id = f.petition_id
                  WHERE p.code = ?1)",
        key,
    )?;
    if !found.is_empty() {
        return Ok(found);
    }
    if let Ok(Some(number)) = crate::validate::id_number(key) {
        let mut found = by("c.id_number = ?1", &number)?;
        if found.is_empty() && reveal {
            found = by(&sealed_test("id_number", 3), &number)?;
        }
        if !found.is_empty() {
            return Ok(found);
        }
    }
    if let Ok(Some(phone)) = crate::validate::phone(key) {
        let found = by("c.phone = ?1", &phone)?;
        if found.is_empty() && reveal {
            return by(&sealed_test("phone", 4), &phone);
        }
        return Ok(found);
    }
    Ok(Vec::new())
}

/// A sealed denouncer (issue 13) whose `column` is ?1: the denunciations holding the blind token
/// of ?1 (`blind` is the token's role code, see `denouncers`), their sealed filers opened with
/// the desk key. Nothing without the key.
fn sealed_test(column: &str, blind: i64) -> String {
    let mask = (1i64 << crate::search::index::ROWID_BITS) - 1;
    format!(
        "c.sealed IS NOT NULL
         AND c.id IN (SELECT f.citizen_id FROM petition_filer f JOIN petition p ON p.id = f.petition_id
                      WHERE p.rowid IN (SELECT key & {mask} FROM denouncer_blind
                                        WHERE token = tiepdan_blind({blind}, ?1)))
         AND {} = ?1",
        super::sealed::citizen_column("c", column)
    )
}

/// What `citizen merge` or `citizen split` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relinked {
    /// The person the snapshots now belong to.
    pub person: Id,
    /// The person they left.
    pub from: Id,
    /// How many snapshots moved.
    pub snapshots: usize,
}

fn require_reason(reason: &str) -> Result<String> {
    let reason = crate::text::clean_input(reason, false);
    if reason.trim().is_empty() {
        return Err(Error::invalid(InputField::Reason, Problem::Required));
    }
    if reason.chars().count() > 500 {
        return Err(Error::invalid(
            InputField::Reason,
            Problem::TooLong { max: 500 },
        ));
    }
    Ok(reason)
}

fn one_person(conn: &Connection, key: &str) -> Result<Id> {
    match persons_for(conn, key, true)?.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::NotFound {
            what: crate::i18n::CITIZEN_WHAT,
            key: key.to_string(),
        }),
        _ => Err(Error::invalid(InputField::Citizen, Problem::Ambiguous)),
    }
}

impl Store {
    /// The persons `key` (a petition code, a CCCD/CMND or a phone) names, as the role may see.
    pub fn persons_for(&self, key: &str, reveal: bool) -> Result<Vec<Id>> {
        if reveal {
            self.require(self.role.may_reveal_identity(), Deed::RevealIdentity)?;
        }
        persons_for(&self.conn, key, reveal)
    }

    /// One person's whole history without any denouncer's identity.
    pub fn person(&self, person: Id) -> Result<PersonView> {
        person_view(&self.conn, person, false)
    }

    /// One person's whole history including denunciations: for roles allowed to reveal, and
    /// each such look leaves an audit row naming who looked (Nghị định 31/2019).
    pub fn person_revealed(&mut self, person: Id) -> Result<PersonView> {
        self.require(self.role.may_reveal_identity(), Deed::RevealIdentity)?;
        self.write(|tx, _, actor| {
            let view = person_view(tx, person, true)?;
            audit::record(
                tx,
                actor,
                "reveal_identity",
                "person",
                &person.to_string(),
                &serde_json::json!({ "petitions": view.petitions.len() }),
            )?;
            Ok(view)
        })
    }

    /// Links every snapshot of the person `other` names to the person `keep` names. Audited.
    pub fn merge_persons(&mut self, keep: &str, other: &str, reason: &str) -> Result<Relinked> {
        let reason = require_reason(reason)?;
        self.write(|tx, _, actor| {
            let (person, from) = (one_person(tx, keep)?, one_person(tx, other)?);
            if person == from {
                return Err(Error::invalid(InputField::Citizen, Problem::SamePerson));
            }
            let moved: Vec<Id> = tx
                .prepare_cached("SELECT id FROM citizen WHERE person_id = ?1 ORDER BY rowid")?
                .query_map([from], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            tx.prepare_cached(
                "UPDATE citizen SET person_id = ?1, linked_by = COALESCE(linked_by, ?3)
                 WHERE person_id = ?2",
            )?
            .execute(params![person, from, LinkRule::Merged.code()])?;
            let at = super::now_utc().to_rfc3339();
            record_event(
                tx,
                &at,
                actor,
                EventKind::Merge,
                person,
                Some(from),
                &moved,
                &reason,
            )?;
            let done = Relinked {
                person,
                from,
                snapshots: moved.len(),
            };
            audit::record(
                tx,
                actor,
                "citizen_merge",
                "person",
                &person.to_string(),
                &serde_json::json!({
                    "from": from, "snapshots": moved, "reason": reason,
                }),
            )?;
            Ok(done)
        })
    }

    /// Moves the filers of the petitions `codes` (all of one person) to a person of their own,
    /// e.g. a relative's petitions linked by a shared CCCD. Audited.
    pub fn split_person(&mut self, codes: &[String], reason: &str) -> Result<Relinked> {
        let reason = require_reason(reason)?;
        self.write(|tx, _, actor| {
            let mut moved: Vec<Id> = Vec::new();
            let mut from: Option<Id> = None;
            for code in codes {
                let petition = super::petitions::require_code(tx, code.trim())?;
                for filer in citizens::filers_of(tx, petition.id)? {
                    let person = citizens::person_of(tx, filer.id)?.unwrap_or(filer.id);
                    if from.is_some_and(|f| f != person) {
                        return Err(Error::invalid(InputField::Code, Problem::NotOnePerson));
                    }
                    from = Some(person);
                    if !moved.contains(&filer.id) {
                        moved.push(filer.id);
                    }
                }
            }
            let (Some(from), Some(&first)) = (from, moved.first()) else {
                return Err(Error::invalid(InputField::Code, Problem::Required));
            };
            let total: i64 = tx
                .prepare_cached("SELECT COUNT(*) FROM citizen WHERE person_id = ?1")?
                .query_row([from], |r| r.get(0))?;
            if total as usize <= moved.len() {
                return Err(Error::invalid(InputField::Code, Problem::NothingLeft));
            }
            // The new person is named by its first snapshot, like every person.
            let person = first;
            let mut stmt = tx.prepare_cached(
                "UPDATE citizen SET person_id = ?1, linked_by = NULL WHERE id = ?2",
            )?;
            for id in &moved {
                stmt.execute(params![person, id])?;
            }
            let at = super::now_utc().to_rfc3339();
            record_event(
                tx,
                &at,
                actor,
                EventKind::Split,
                person,
                Some(from),
                &moved,
                &reason,
            )?;
            audit::record(
                tx,
                actor,
                "citizen_split",
                "person",
                &person.to_string(),
                &serde_json::json!({
                    "from": from, "snapshots": moved, "codes": codes, "reason": reason,
                }),
            )?;
            Ok(Relinked {
                person,
                from,
                snapshots: moved.len(),
            })
        })
    }

    /// The person a stored snapshot belongs to.
    pub fn person_of(&self, citizen: Id) -> Result<Option<Id>> {
        citizens::person_of(&self.conn, citizen)
    }
}
