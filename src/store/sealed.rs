//! Denouncers' identities at rest (issue 13; Luật Tố cáo 2018, Điều 9(1)(b), 47; Nghị định
//! 31/2019): a denouncer's name, ID number, phone, address and birth year, and a denunciation's
//! subject and summary, are stored only as ciphertexts made with the desk key
//! ([`crate::secrecy::DeskKey::seal`]), each bound to its row, in a `sealed` column. The clear
//! columns of such rows hold the protected label or nothing, so a reader without the key — an
//! inspector, a copy of the file, a backup — finds no identity in them.
//!
//! Like the blind index, sealing and opening go through SQL functions a connection has only once
//! the key is unlocked on it:
//! - `tiepdan_seal(what, id, json)`: the sealed value, NULL without the key;
//! - `tiepdan_open(sealed, what, id, field, fallback)`: the field of the opened value, or
//!   `fallback` (the clear column) when the row is not sealed or the key cannot open it;
//! - `tiepdan_open_text(sealed, what, id)`: the opened text, NULL without the key.
//!
//! so every read path shows the identity to a keyed desk with the reads it always made.

use crate::domain::{Citizen, Id, Petition, PetitionKind, Visit};
use crate::error::Result;
use crate::i18n::Lang;
use crate::secrecy::DeskKey;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};
use std::sync::Mutex;

const SEAL: &str = "tiepdan_seal";
const OPEN: &str = "tiepdan_open";
const OPEN_TEXT: &str = "tiepdan_open_text";
/// How a sealed audit row's `change` begins (then the sealed value in hexadecimal).
pub(super) const SEALED_CHANGE: &str = "sealed:";

/// What the clear name column of a sealed filer, and the clear subject of a sealed denunciation,
/// hold: what every screen without the key shows.
pub(super) fn placeholder() -> &'static str {
    crate::privacy::protected_label(Lang::Vi)
}

/// The bytes a sealed value is bound to: its table and row id.
fn bound(what: &[u8], id: ValueRef) -> Vec<u8> {
    let mut out = what.to_vec();
    out.push(b':');
    match id {
        ValueRef::Blob(b) | ValueRef::Text(b) => out.extend_from_slice(b),
        ValueRef::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        _ => {}
    }
    out
}

fn bytes_of(ctx: &Context, i: usize) -> Option<Vec<u8>> {
    match ctx.get_raw(i) {
        ValueRef::Blob(b) | ValueRef::Text(b) => Some(b.to_vec()),
        _ => None,
    }
}

/// The last value opened, so one row's several fields cost one decryption.
type Opened = Option<(Vec<u8>, Vec<u8>, serde_json::Map<String, serde_json::Value>)>;

/// Registers `tiepdan_seal` and `tiepdan_open` on a connection, with `key` or without one.
pub(super) fn register(conn: &Connection, key: Option<DeskKey>) -> Result<()> {
    let sealing = key.clone();
    conn.create_scalar_function(SEAL, 3, FunctionFlags::SQLITE_UTF8, move |ctx| {
        let Some(key) = &sealing else {
            return Ok(None);
        };
        let what = bytes_of(ctx, 0).unwrap_or_default();
        let plain = bytes_of(ctx, 2).unwrap_or_default();
        Ok(Some(key.seal(&bound(&what, ctx.get_raw(1)), &plain)))
    })?;
    let opening = key.clone();
    conn.create_scalar_function(
        OPEN_TEXT,
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let (Some(key), ValueRef::Blob(sealed)) = (&opening, ctx.get_raw(0)) else {
                return Ok(None);
            };
            let what = bytes_of(ctx, 1).unwrap_or_default();
            Ok(key
                .open(&bound(&what, ctx.get_raw(2)), sealed)
                .and_then(|plain| String::from_utf8(plain).ok()))
        },
    )?;
    let last: Mutex<Opened> = Mutex::new(None);
    conn.create_scalar_function(
        OPEN,
        5,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let fallback = || -> rusqlite::Result<Value> { ctx.get::<Value>(4) };
            let (Some(key), ValueRef::Blob(sealed)) = (&key, ctx.get_raw(0)) else {
                return fallback();
            };
            let what = bytes_of(ctx, 1).unwrap_or_default();
            let bound = bound(&what, ctx.get_raw(2));
            let field: String = ctx.get(3)?;
            let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
            let cached = matches!(&*last, Some((s, b, _)) if s == sealed && *b == bound);
            if !cached {
                let opened = key
                    .open(&bound, sealed)
                    .and_then(|plain| serde_json::from_slice::<serde_json::Value>(&plain).ok());
                match opened {
                    Some(serde_json::Value::Object(map)) => {
                        *last = Some((sealed.to_vec(), bound, map));
                    }
                    _ => return fallback(),
                }
            }
            let Some((_, _, map)) = &*last else {
                return fallback();
            };
            Ok(match map.get(&field) {
                Some(serde_json::Value::String(s)) => Value::Text(s.clone()),
                Some(serde_json::Value::Number(n)) => {
                    n.as_i64().map_or(Value::Null, Value::Integer)
                }
                _ => Value::Null,
            })
        },
    )?;
    Ok(())
}

/// A citizen column as the connection may read it: opened from `sealed` with the key.
pub(super) fn citizen_column(alias: &str, column: &str) -> String {
    let p = if alias.is_empty() {
        String::new()
    } else {
        format!("{alias}.")
    };
    match column {
        "full_name" | "id_number" | "phone" | "address" | "birth_year" => {
            format!("tiepdan_open({p}sealed, 'citizen', {p}id, '{column}', {p}{column})")
        }
        other => format!("{p}{other}"),
    }
}

/// A petition column as the connection may read it: a denunciation's subject and summary opened
/// with the key.
pub(super) fn petition_column(alias: &str, column: &str) -> String {
    let p = if alias.is_empty() {
        String::new()
    } else {
        format!("{alias}.")
    };
    match column {
        "subject" | "summary" => {
            format!("tiepdan_open({p}sealed, 'petition', {p}id, '{column}', {p}{column})")
        }
        other => format!("{p}{other}"),
    }
}

/// A subject's folded form for ranking and clustering: the stored one, or — for a sealed
/// denunciation, whose stored folded subject is empty — the opened subject folded (nothing when
/// the key could not open it).
pub(super) fn folded_subject(stored: String, subject: &str) -> String {
    if stored.is_empty() && subject != placeholder() {
        crate::text::fold(subject)
    } else {
        stored
    }
}

/// Seals `json` for the row `id` of `what` with the connection's key; None without one.
fn seal_value(
    conn: &Connection,
    what: &str,
    id: Id,
    json: &serde_json::Value,
) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT tiepdan_seal(?1, ?2, ?3)")?
        .query_row(params![what, id, json.to_string()], |r| r.get(0))?)
}

/// What of a filer is sealed.
fn citizen_secret(c: &Citizen) -> serde_json::Value {
    serde_json::json!({
        "full_name": c.full_name,
        "id_number": c.id_number,
        "phone": c.phone,
        "address": c.address,
        "birth_year": c.birth_year,
    })
}

/// The sealed form of a denouncer's identity, or None when the connection has no key (the
/// record is then stored as given, and sealed at the next unlock: [`seal_pending`]).
pub(super) fn seal_citizen(conn: &Connection, c: &Citizen) -> Result<Option<Vec<u8>>> {
    seal_value(conn, "citizen", c.id, &citizen_secret(c))
}

/// The sealed form of a denunciation's subject and summary (None without the key).
pub(super) fn seal_petition(conn: &Connection, p: &Petition) -> Result<Option<Vec<u8>>> {
    seal_value(
        conn,
        "petition",
        p.id,
        &serde_json::json!({ "subject": p.subject, "summary": p.summary }),
    )
}

/// The sealed form of the notes of a visit that brought a denunciation (None without the key).
pub(super) fn seal_visit(conn: &Connection, v: &Visit) -> Result<Option<Vec<u8>>> {
    seal_value(
        conn,
        "visit",
        v.id,
        &serde_json::json!({ "notes": v.notes }),
    )
}

/// A visit as the audit log may record it: without its notes when it brought a denunciation.
pub(super) fn visit_for_audit(v: &Visit, kind: PetitionKind) -> std::borrow::Cow<'_, Visit> {
    if crate::privacy::protects_identity(kind) && !v.notes.is_empty() {
        let mut v = v.clone();
        v.notes = String::new();
        std::borrow::Cow::Owned(v)
    } else {
        std::borrow::Cow::Borrowed(v)
    }
}

/// A petition as the audit log may record it: a denunciation's subject and summary left out
/// (the audit log is read by inspectors and copied with every backup).
pub(super) fn for_audit(p: &Petition) -> std::borrow::Cow<'_, Petition> {
    if crate::privacy::protects_identity(p.kind) {
        let mut p = p.clone();
        p.subject = placeholder().to_string();
        p.summary = String::new();
        std::borrow::Cow::Owned(p)
    } else {
        std::borrow::Cow::Borrowed(p)
    }
}

/// Seals, with the connection's key, every denunciation and denouncer still stored in clear
/// (written before this version, or by a desk without its key), unlinks those denouncers from
/// the persons they were linked to (a link ties the denunciation to a named person), and
/// re-indexes the denunciations. Returns the ids of the petitions sealed.
pub(super) fn seal_pending(conn: &Connection, only: Option<Id>) -> Result<Vec<Id>> {
    let petitions: Vec<Petition> = {
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM petition WHERE kind = 'denunciation' AND sealed IS NULL
               AND (?1 IS NULL OR id = ?1)",
            *super::petitions::COLUMNS
        ))?;
        stmt.query_map([only], super::petitions::from_row)?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut sealed_ids = Vec::new();
    for p in &petitions {
        let Some(sealed) = seal_petition(conn, p)? else {
            return Ok(sealed_ids);
        };
        conn.prepare_cached(
            "UPDATE petition SET subject = ?2, subject_folded = '', summary = '', sealed = ?3
             WHERE id = ?1",
        )?
        .execute(params![p.id, placeholder(), sealed])?;
        sealed_ids.push(p.id);
    }
    let citizens: Vec<Citizen> = {
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM citizen c WHERE c.sealed IS NULL AND c.id IN (
                SELECT f.citizen_id FROM petition_filer f JOIN petition p ON p.id = f.petition_id
                WHERE p.kind = 'denunciation' AND (?1 IS NULL OR p.id = ?1))",
            super::citizens::columns("c")
        ))?;
        stmt.query_map([only], super::citizens::from_row)?
            .collect::<rusqlite::Result<_>>()?
    };
    // The words of the identities sealed here: pruned from the search vocabulary once the
    // petitions are indexed without them.
    let mut words: Vec<String> = Vec::new();
    for c in &citizens {
        let Some(sealed) = seal_citizen(conn, c)? else {
            break;
        };
        for text in [Some(&c.full_name), c.address.as_ref()]
            .into_iter()
            .flatten()
        {
            words.extend(
                crate::text::fold(text)
                    .split_whitespace()
                    .map(str::to_string),
            );
        }
        conn.prepare_cached(
            "UPDATE citizen SET full_name = ?2, name_folded = '', id_number = NULL, phone = NULL,
                address = NULL, address_folded = NULL, birth_year = NULL, sealed = ?3,
                person_id = id, linked_by = NULL
             WHERE id = ?1",
        )?
        .execute(params![c.id, placeholder(), sealed])?;
        // Other snapshots of a person this one began stay one person, named by the next.
        conn.prepare_cached(
            "UPDATE citizen SET person_id = (SELECT id FROM citizen WHERE person_id = ?1
                                             AND id <> ?1 ORDER BY rowid LIMIT 1)
             WHERE person_id = ?1 AND id <> ?1",
        )?
        .execute([c.id])?;
        // A review flag names the shared ID number: not a denouncer's.
        conn.prepare_cached(
            "UPDATE person_event SET reason = '' WHERE kind = 'same_id_other_name'
               AND (person_id = ?1 OR other_id = ?1 OR instr(citizens, ?2) > 0)",
        )?
        .execute(params![c.id, c.id.to_string()])?;
    }
    // The notes of the visits that brought them.
    let notes: Vec<(Id, String)> = conn
        .prepare(
            "SELECT v.id, v.notes FROM visit v WHERE v.sealed IS NULL AND v.notes <> ''
               AND v.id IN (SELECT visit_id FROM petition WHERE kind = 'denunciation'
                            AND (?1 IS NULL OR id = ?1))",
        )?
        .query_map([only], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, notes) in notes {
        let Some(sealed) = seal_value(conn, "visit", id, &serde_json::json!({ "notes": notes }))?
        else {
            break;
        };
        conn.prepare_cached("UPDATE visit SET notes = '', sealed = ?2 WHERE id = ?1")?
            .execute(params![id, sealed])?;
    }
    // The audit rows about them, written in clear: sealed in place.
    for p in &petitions {
        if !seal_audit_rows(conn, &p.code, |_| true)? {
            break;
        }
    }
    // Their step notes, and any left in clear on other denunciations.
    for id in seal_pending_notes(conn, only)? {
        if !sealed_ids.contains(&id) {
            sealed_ids.push(id);
        }
    }
    for id in &sealed_ids {
        super::search::index_written(conn, *id)?;
    }
    words.sort_unstable();
    words.dedup();
    super::search::prune_vocab(conn, &words)?;
    Ok(sealed_ids)
}

/// Present in `meta` once every step note on a denunciation is sealed; a write without the key
/// that stores one in clear removes it, so the next keyed open seals it.
pub(super) const NOTES_SEALED: &str = "denunciation_notes_sealed";

/// A step's note on petition `petition` as its event stores it: for a denunciation, sealed with
/// the connection's key and bound to the petition like a correction's values ("sealed:…"); None
/// to store it as given — not a denunciation, or no key (then [`NOTES_SEALED`] is cleared).
pub(super) fn seal_note(conn: &Connection, petition: Id, note: &str) -> Result<Option<String>> {
    let protected: bool = conn
        .prepare_cached("SELECT kind = 'denunciation' FROM petition WHERE id = ?1")?
        .query_row([petition], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    if !protected {
        return Ok(None);
    }
    let sealed: Option<Vec<u8>> = conn
        .prepare_cached("SELECT tiepdan_seal('correction', ?1, ?2)")?
        .query_row(params![petition, note], |r| r.get(0))?;
    match sealed {
        Some(sealed) => Ok(Some(format!(
            "{SEALED_CHANGE}{}",
            crate::secrecy::to_hex(&sealed)
        ))),
        None => {
            conn.prepare_cached("DELETE FROM meta WHERE key = ?1")?
                .execute([NOTES_SEALED])?;
            Ok(None)
        }
    }
}

/// Seals, with the connection's key, the step notes still in clear on denunciations (all of
/// them, or petition `only`'s) and the audit rows that repeat them; marks the store as holding
/// none when it went through all. Returns the petitions whose notes were sealed (empty without
/// the key).
pub(super) fn seal_pending_notes(conn: &Connection, only: Option<Id>) -> Result<Vec<Id>> {
    let rows: Vec<(Id, Id, String, String)> = conn
        .prepare(
            "SELECT e.id, e.petition_id, p.code, e.detail FROM event e
               JOIN petition p ON p.id = e.petition_id
             WHERE p.kind = 'denunciation' AND (?1 IS NULL OR p.id = ?1)
               AND json_extract(e.detail, '$.note') <> ''
               AND substr(json_extract(e.detail, '$.note'), 1, 7) <> 'sealed:'",
        )?
        .query_map([only], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut touched: Vec<(Id, String, Vec<String>)> = Vec::new();
    for (event, petition, code, detail) in rows {
        let mut value: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
        let Some(note) = value
            .get("note")
            .and_then(|n| n.as_str())
            .map(str::to_string)
        else {
            continue;
        };
        let Some(sealed) = seal_note(conn, petition, &note)? else {
            return Ok(Vec::new());
        };
        value["note"] = sealed.into();
        conn.prepare_cached("UPDATE event SET detail = ?2 WHERE id = ?1")?
            .execute(params![event, value.to_string()])?;
        match touched.iter_mut().find(|t| t.0 == petition) {
            Some(t) => t.2.push(note),
            None => touched.push((petition, code, vec![note])),
        }
    }
    // The audit rows that recorded those steps repeat the notes: sealed in place.
    for (_, code, notes) in &touched {
        seal_audit_rows(conn, code, |change| {
            notes
                .iter()
                .any(|n| change.contains(&serde_json::Value::from(n.as_str()).to_string()))
        })?;
    }
    if only.is_none() {
        conn.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, '1')")?
            .execute([NOTES_SEALED])?;
    }
    Ok(touched.into_iter().map(|t| t.0).collect())
}

/// Seals in place the audit rows about petition `code` still in clear that `which` picks. Their
/// hashes stay, so the chain and its anchor hold; `check` with the key verifies what they said.
/// False when the connection has no key.
fn seal_audit_rows(conn: &Connection, code: &str, which: impl Fn(&str) -> bool) -> Result<bool> {
    let rows: Vec<(i64, String)> = conn
        .prepare_cached(
            "SELECT seq, change FROM audit WHERE entity = 'petition' AND entity_id = ?1
               AND substr(change, 1, 7) <> 'sealed:'",
        )?
        .query_map([code], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (seq, change) in rows.into_iter().filter(|(_, c)| which(c)) {
        let sealed: Option<Vec<u8>> = conn
            .prepare_cached("SELECT tiepdan_seal('audit', ?1, ?2)")?
            .query_row(params![seq, change], |r| r.get(0))?;
        let Some(sealed) = sealed else {
            return Ok(false);
        };
        let hex = crate::secrecy::to_hex(&sealed);
        conn.prepare_cached("UPDATE audit SET change = ?2 WHERE seq = ?1")?
            .execute(params![seq, format!("{SEALED_CHANGE}{hex}")])?;
    }
    Ok(true)
}

/// A correction of a denunciation's subject or summary as its event records it: old and new
/// sealed, bound to the petition (no key: as given, like the rest of a keyless desk's writes).
pub(super) fn seal_correction(
    conn: &Connection,
    petition: Id,
    mut c: crate::domain::Correction,
) -> Result<crate::domain::Correction> {
    use crate::domain::InputField;
    if !matches!(c.field, InputField::Subject | InputField::Summary) {
        return Ok(c);
    }
    let seal = |value: &str| -> Result<Option<String>> {
        let sealed: Option<Vec<u8>> = conn
            .prepare_cached("SELECT tiepdan_seal('correction', ?1, ?2)")?
            .query_row(params![petition, value], |r| r.get(0))?;
        Ok(sealed.map(|s| format!("{SEALED_CHANGE}{}", crate::secrecy::to_hex(&s))))
    };
    if let (Some(old), Some(new)) = (seal(&c.old)?, seal(&c.new)?) {
        c.old = old;
        c.new = new;
    }
    Ok(c)
}

/// What a sealed audit row said, opened with the connection's key: Ok(None) without the key
/// (or with another), Err when it is no sealed value at all.
pub(super) fn open_change(conn: &Connection, seq: i64, change: &str) -> Result<Option<String>> {
    let hex = change.strip_prefix(SEALED_CHANGE).unwrap_or_default();
    let bytes = crate::secrecy::from_hex(hex);
    let Some(bytes) = bytes else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached("SELECT tiepdan_open_text(?1, 'audit', ?2)")?
        .query_row(params![bytes, seq], |r| r.get(0))?)
}

/// A value sealed with `old` for `bound`, sealed again with `new`; an error when `old` cannot
/// open it (rotating would lose it).
fn reseal(old: &DeskKey, new: &DeskKey, bound: &[u8], sealed: &[u8]) -> Result<Vec<u8>> {
    let plain = old
        .open(bound, sealed)
        .ok_or_else(|| crate::error::Error::Config {
            file: crate::secrecy::KEY_FILE.into(),
            message: "a sealed value does not open with the current desk key: rotation stopped"
                .into(),
        })?;
    Ok(new.seal(bound, &plain))
}

fn hex_of_change(old: &DeskKey, new: &DeskKey, bound: &[u8], text: &str) -> Result<String> {
    let bytes = text
        .strip_prefix(SEALED_CHANGE)
        .and_then(crate::secrecy::from_hex)
        .unwrap_or_default();
    let sealed = reseal(old, new, bound, &bytes)?;
    Ok(format!(
        "{SEALED_CHANGE}{}",
        crate::secrecy::to_hex(&sealed)
    ))
}

/// A note or corrected text a correction-bound seal holds ("sealed:…"), opened with the
/// connection's key; None without it (or with another).
fn open_sealed_text(conn: &Connection, petition: Id, text: &str) -> Result<Option<String>> {
    let Some(bytes) = text
        .strip_prefix(SEALED_CHANGE)
        .and_then(crate::secrecy::from_hex)
    else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached("SELECT tiepdan_open_text(?1, 'correction', ?2)")?
        .query_row(params![bytes, petition], |r| r.get(0))?)
}

/// A denunciation's history as any reader may see it (an export, a logbook): every step note
/// and every sealed corrected text shown as "(bảo mật)", the field names and the rest kept.
pub(crate) fn mask_history(kind: PetitionKind, events: &mut [crate::domain::Event], lang: Lang) {
    let label = crate::i18n::sealed_value_label(lang);
    let protected = crate::privacy::protects_identity(kind);
    for e in events {
        if let Some(note) = &mut e.detail.note
            && (protected || note.starts_with(SEALED_CHANGE))
            && !note.is_empty()
        {
            *note = label.to_string();
        }
        for c in &mut e.detail.changes {
            for side in [&mut c.old, &mut c.new] {
                if side.starts_with(SEALED_CHANGE) {
                    *side = label.to_string();
                }
            }
        }
    }
}

impl super::Store {
    /// A petition's history as a screen shows it (issue 13). A denunciation's step notes are
    /// opened with the desk key for a role that may see them, each mention of its filers
    /// replaced by "[người tố cáo]" unless `revealed`; its sealed corrected subjects and
    /// summaries show as "(bảo mật)" unless `revealed` (the current text is shown above them).
    /// Without the key — an inspector, a copy — every such value is "(bảo mật)".
    pub fn events_shown(
        &self,
        petition: &Petition,
        revealed: bool,
        lang: Lang,
    ) -> Result<Vec<crate::domain::Event>> {
        let mut events = super::events::of_petition(&self.conn, petition.id)?;
        let may_open = self.desk_key.is_some() && self.role.may_reveal_identity();
        if !may_open {
            mask_history(petition.kind, &mut events, lang);
            return Ok(events);
        }
        let filers = if revealed {
            Vec::new()
        } else {
            super::citizens::filers_of(&self.conn, petition.id)?
        };
        let label = crate::i18n::sealed_value_label(lang);
        let mention = crate::privacy::denouncer_mention(lang);
        for e in &mut events {
            if let Some(note) = &mut e.detail.note
                && note.starts_with(SEALED_CHANGE)
            {
                *note = match open_sealed_text(&self.conn, petition.id, note)? {
                    Some(plain) if revealed => plain,
                    Some(plain) => crate::privacy::redact_filers(&plain, &filers, mention).0,
                    None => label.to_string(),
                };
            }
            for c in &mut e.detail.changes {
                for side in [&mut c.old, &mut c.new] {
                    if side.starts_with(SEALED_CHANGE) {
                        *side = match open_sealed_text(&self.conn, petition.id, side)? {
                            Some(plain) if revealed => plain,
                            _ => label.to_string(),
                        };
                    }
                }
            }
        }
        Ok(events)
    }

    /// The key id the stored sealed values were made with (None: nothing sealed yet).
    pub(super) fn sealed_with(&self) -> Result<Option<[u8; crate::secrecy::KEY_ID_BYTES]>> {
        let sealed: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT sealed FROM petition WHERE sealed IS NOT NULL
                 UNION ALL SELECT sealed FROM citizen WHERE sealed IS NOT NULL LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(sealed.as_deref().and_then(DeskKey::sealed_key_id))
    }

    /// Rotates the desk key (`tiepdan key rotate`): every sealed value — denouncers, denunciations'
    /// subjects and summaries, visit notes, sealed audit rows and corrections — is opened with
    /// the unlocked key and sealed with `new`, in one transaction with one audit row carrying
    /// the new seals; then the blind index is remade with `new`. Returns how many values were
    /// sealed again. The caller keeps `new` safe first (see `DeskKey::write_next`).
    pub fn rotate_desk_key(&mut self, new: &DeskKey) -> Result<usize> {
        self.require(
            self.role.may_reveal_identity(),
            crate::error::Deed::ManageKey,
        )?;
        let Some(old) = self.desk_key.clone() else {
            return Err(crate::error::Error::Config {
                file: crate::secrecy::KEY_FILE.into(),
                message: "no desk key is unlocked".into(),
            });
        };
        let count = self.write(|tx, _, actor| {
            let mut count = 0;
            let mut touched = super::seal::Touched::default();
            for what in ["citizen", "petition", "visit"] {
                let rows: Vec<(Value, Vec<u8>)> = tx
                    .prepare(&format!(
                        "SELECT id, sealed FROM {what} WHERE sealed IS NOT NULL"
                    ))?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                for (id, sealed) in rows {
                    let bound = bound(what.as_bytes(), (&id).into());
                    let again = reseal(&old, new, &bound, &sealed)?;
                    tx.prepare_cached(&format!("UPDATE {what} SET sealed = ?2 WHERE id = ?1"))?
                        .execute(params![id, again])?;
                    count += 1;
                }
            }
            let audit_rows: Vec<(i64, String)> = tx
                .prepare("SELECT seq, change FROM audit WHERE substr(change, 1, 7) = 'sealed:'")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (seq, change) in audit_rows {
                let bound = bound(b"audit", ValueRef::Integer(seq));
                let again = hex_of_change(&old, new, &bound, &change)?;
                tx.prepare_cached("UPDATE audit SET change = ?2 WHERE seq = ?1")?
                    .execute(params![seq, again])?;
                count += 1;
            }
            let events: Vec<(Value, Id, String)> = tx
                .prepare(
                    "SELECT id, petition_id, detail FROM event WHERE instr(detail, 'sealed:') > 0",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, petition, detail) in events {
                let mut value: serde_json::Value =
                    serde_json::from_str(&detail).unwrap_or_default();
                let bound = bound(b"correction", ValueRef::Blob(petition.as_bytes()));
                if let Some(text) = value.get("note").and_then(|t| t.as_str())
                    && text.starts_with(SEALED_CHANGE)
                {
                    value["note"] = hex_of_change(&old, new, &bound, text)?.into();
                    count += 1;
                }
                if let Some(changes) = value.get_mut("changes").and_then(|c| c.as_array_mut()) {
                    for change in changes {
                        for side in ["old", "new"] {
                            if let Some(text) = change.get(side).and_then(|t| t.as_str())
                                && text.starts_with(SEALED_CHANGE)
                            {
                                change[side] = hex_of_change(&old, new, &bound, text)?.into();
                                count += 1;
                            }
                        }
                    }
                }
                tx.prepare_cached("UPDATE event SET detail = ?2 WHERE id = ?1")?
                    .execute(params![id, value.to_string()])?;
                touched.push(petition);
            }
            let petitions: Vec<Id> = tx
                .prepare(
                    "SELECT id FROM petition WHERE sealed IS NOT NULL
                     UNION SELECT f.petition_id FROM petition_filer f
                         JOIN citizen c ON c.id = f.citizen_id WHERE c.sealed IS NOT NULL",
                )?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in petitions {
                touched.push(id);
            }
            super::audit::record_sealed(
                tx,
                actor,
                "rotate_key",
                "batch",
                &count.to_string(),
                &serde_json::json!({ "resealed": count, "key_id": new.key_id_hex() }),
                &touched,
            )?;
            Ok(count)
        })?;
        self.unlock_denouncer_index(new.clone())?;
        Ok(count)
    }

    /// Refused unless the role may see denouncers and the desk key is unlocked; then records in
    /// the audit log that `what` (for `which`) was produced with their identities.
    pub fn record_identities_shown(&mut self, what: &str, which: &str) -> Result<()> {
        self.require(
            self.role.may_reveal_identity(),
            crate::error::Deed::RevealIdentity,
        )?;
        if self.desk_key.is_none() {
            return Err(crate::error::Error::NotFound {
                what: "desk key",
                key: crate::secrecy::KEY_FILE.into(),
            });
        }
        self.write(|tx, _, actor| {
            super::audit::record(
                tx,
                actor,
                "reveal_identity",
                what,
                which,
                &serde_json::json!({}),
            )
        })
    }

    /// Records in the audit log that the desk key was written out for recovery (who, when).
    pub fn record_key_export(&mut self, key: &DeskKey) -> Result<()> {
        self.require(
            self.role.may_reveal_identity(),
            crate::error::Deed::ManageKey,
        )?;
        self.write(|tx, _, actor| {
            super::audit::record(
                tx,
                actor,
                "export_recovery_key",
                "key",
                &key.key_id_hex(),
                &serde_json::json!({}),
            )
        })
    }
}
