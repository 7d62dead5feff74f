//! The keyed blind index of denouncers (see [`crate::secrecy`]): `denouncer_blind` holds, for each
//! denunciation, HMAC tokens of its filers' name words and their typo keys, ID number and phone —
//! never the text. Tokens are made through the SQL function `tiepdan_blind`, which a connection
//! has only once the desk key is unlocked on it (without it the function gives NULL and nothing
//! is stored), so every write path that indexes a petition keeps these current with no key passed
//! around.

use crate::error::Result;
use crate::search::index::terms;
use crate::search::query::typo_keys;
use crate::secrecy::{Blind, DeskKey};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension, params};

const FUNCTION: &str = "tiepdan_blind";
/// The fingerprint of the key the stored tokens were made with.
const KEY_MARK: &str = "denouncer_blind_key";

fn blind_code(what: Blind) -> i64 {
    match what {
        Blind::Word => 1,
        Blind::TypoKey => 2,
        Blind::IdNumber => 3,
        Blind::Phone => 4,
        Blind::Fingerprint => 5,
    }
}

fn blind_of(code: i64) -> Option<Blind> {
    Some(match code {
        1 => Blind::Word,
        2 => Blind::TypoKey,
        3 => Blind::IdNumber,
        4 => Blind::Phone,
        _ => return None,
    })
}

/// Registers `tiepdan_blind(what, text)` on a connection: the token with `key`, NULL without.
pub(super) fn register(conn: &Connection, key: Option<DeskKey>) -> Result<()> {
    conn.create_scalar_function(
        FUNCTION,
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let what = blind_of(ctx.get::<i64>(0)?);
            let text: String = ctx.get(1)?;
            Ok(match (&key, what) {
                (Some(key), Some(what)) => Some(key.token(what, &text)),
                _ => None,
            })
        },
    )?;
    Ok(())
}

/// What of a denouncer is tokenised: each folded name word and its typo keys, the ID, the phone.
pub fn denouncer_terms(
    name_folded: &str,
    id_number: Option<&str>,
    phone: Option<&str>,
) -> Vec<(Blind, String)> {
    let mut out = Vec::new();
    for word in terms(name_folded) {
        out.push((Blind::Word, word.to_string()));
        out.extend(typo_keys(word).into_iter().map(|k| (Blind::TypoKey, k)));
    }
    out.extend(id_number.map(|n| (Blind::IdNumber, n.to_string())));
    out.extend(phone.map(|p| (Blind::Phone, p.to_string())));
    out
}

/// Replaces the blind tokens of one denunciation (index key `key`) with those of its filers.
pub(super) fn write_tokens(
    conn: &Connection,
    key: i64,
    fresh: bool,
    terms: &[(Blind, String)],
) -> Result<()> {
    if !fresh {
        conn.prepare_cached("DELETE FROM denouncer_blind WHERE key = ?1")?
            .execute([key])?;
    }
    if terms.is_empty() {
        return Ok(());
    }
    let keyed: bool = conn
        .prepare_cached("SELECT tiepdan_blind(1, '') IS NOT NULL")?
        .query_row([], |r| r.get(0))?;
    if !keyed {
        // Stored without the key: the tokens are incomplete until the next unlock remakes them.
        conn.prepare_cached("DELETE FROM meta WHERE key = ?1")?
            .execute([KEY_MARK])?;
        return Ok(());
    }
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO denouncer_blind (token, key)
         SELECT t, ?3 FROM (SELECT tiepdan_blind(?1, ?2) AS t) WHERE t IS NOT NULL",
    )?;
    for (what, text) in terms {
        insert.execute(params![blind_code(*what), text, key])?;
    }
    Ok(())
}

impl super::Store {
    /// Unlocks the denouncer index with the desk key: from now on this connection stores blind
    /// tokens for every denunciation it indexes, and search may match them (for roles that may
    /// see a denouncer's identity). Tokens made with another key, or missing because earlier
    /// denunciations were stored without a key, are remade once, in one transaction.
    pub fn unlock_denouncer_index(&mut self, key: DeskKey) -> Result<()> {
        if !self.role.may_reveal_identity() {
            return Ok(());
        }
        register(&self.conn, Some(key.clone()))?;
        super::sealed::register(&self.conn, Some(key.clone()))?;
        let fingerprint = key.fingerprint();
        self.desk_key = Some(key);
        if self.access == super::Access::ReadOnly {
            return Ok(());
        }
        self.seal_pending_identities()?;
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [KEY_MARK], |r| {
                r.get(0)
            })
            .optional()?;
        if stored.as_deref() == Some(fingerprint.as_str()) {
            return Ok(());
        }
        // A cache of the records, like the search index: rebuilt without an audit row.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            tx.execute("DELETE FROM denouncer_blind", [])?;
            let filers: Vec<(i64, String, Option<String>, Option<String>)> = tx
                .prepare(&format!(
                    "SELECT p.received_on, p.rowid, {}, {}, {}
                     FROM petition p JOIN petition_filer f ON f.petition_id = p.id
                     JOIN citizen c ON c.id = f.citizen_id
                     WHERE p.kind = 'denunciation' ORDER BY p.rowid",
                    super::sealed::citizen_column("c", "full_name"),
                    super::sealed::citizen_column("c", "id_number"),
                    super::sealed::citizen_column("c", "phone"),
                ))?
                .query_map([], |r| {
                    let key = crate::search::index::fts_key(r.get(0)?, r.get(1)?);
                    let name: String = r.get(2)?;
                    Ok((key, crate::text::fold(&name), r.get(3)?, r.get(4)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (key, name, id, phone) in filers {
                let terms = denouncer_terms(&name, id.as_deref(), phone.as_deref());
                write_tokens(&tx, key, true, &terms)?;
            }
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                params![KEY_MARK, fingerprint],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Seals with the unlocked key every denunciation and denouncer still stored in clear (a
    /// database from before issue 13, or rows a desk wrote without its key), in one audited
    /// transaction whose audit row carries the new seals, so `check` holds them to the
    /// ciphertext. Then rebuilds the search index from the sealed rows and vacuums the file, so
    /// no page, free page or WAL frame keeps the plaintext (`secure_delete` is always on).
    /// Returns how many petitions were sealed.
    fn seal_pending_identities(&mut self) -> Result<usize> {
        let (pending, notes_pending): (bool, bool) = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM petition WHERE kind = 'denunciation' AND sealed IS NULL),
                    NOT EXISTS (SELECT 1 FROM meta WHERE key = ?1)",
            [super::sealed::NOTES_SEALED],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if !pending && !notes_pending {
            return Ok(0);
        }
        let sealed = self.write(|tx, _, actor| {
            let ids = super::sealed::seal_pending(tx, None)?;
            if ids.is_empty() {
                return Ok(0);
            }
            let mut touched = super::seal::Touched::default();
            for id in &ids {
                touched.push(*id);
            }
            super::audit::record_sealed(
                tx,
                actor,
                "seal_identities",
                "batch",
                &ids.len().to_string(),
                &serde_json::json!({ "sealed": ids.len() }),
                &touched,
            )?;
            Ok(ids.len())
        })?;
        if pending {
            self.search_rebuild()?;
            self.compact()?;
        } else if sealed > 0 {
            // Only notes were sealed: rows rewritten in place (`secure_delete` clears what
            // they held); the WAL is emptied into the file.
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(sealed)
    }

    /// Rewrites the database file without free pages and empties the WAL into it: what was
    /// overwritten leaves no copy behind.
    pub(super) fn compact(&self) -> Result<()> {
        self.conn.execute_batch("VACUUM;")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Unlocks the denouncer index with the desk key of the configuration directory `dir`,
    /// creating the key the first time, for a role that may see a denouncer's identity (an
    /// inspector's store is left without it).
    pub fn unlock_with_key_in(&mut self, dir: &std::path::Path) -> Result<()> {
        self.unlock_with(dir, None)
    }

    /// [`Store::unlock_with_key_in`] for a key that may be locked by a passphrase
    /// (`desk.key.locked`): `passphrase` opens it; without one such a key is an error
    /// ([`crate::error::PassphraseProblem::Needed`]) and the desk works on without it.
    pub fn unlock_with(&mut self, dir: &std::path::Path, passphrase: Option<&str>) -> Result<()> {
        if !self.role.may_reveal_identity() {
            return Ok(());
        }
        let locked = DeskKey::form_in(dir) == crate::secrecy::KeyForm::Passphrase;
        let mut key = if locked {
            let passphrase = passphrase.ok_or(crate::error::Error::Passphrase(
                crate::error::PassphraseProblem::Needed,
            ))?;
            DeskKey::unlock_in(dir, passphrase)?.ok_or(crate::error::Error::Passphrase(
                crate::error::PassphraseProblem::Needed,
            ))?
        } else {
            DeskKey::load_or_create(dir)?
        };
        // A rotation interrupted between re-sealing and putting the new key in place: the
        // database says which key it is sealed with.
        if let Some(next) = DeskKey::load_next(dir)? {
            if self.sealed_with()? == Some(next.key_id()) {
                match passphrase.filter(|_| locked) {
                    Some(passphrase) => {
                        next.lock_in(dir, passphrase)?;
                        DeskKey::discard_next(dir)?;
                    }
                    None => DeskKey::commit_next(dir)?,
                }
                key = next;
            } else {
                DeskKey::discard_next(dir)?;
            }
        }
        self.unlock_denouncer_index(key)
    }

    /// The desk key, when unlocked on this store (never for an inspector).
    pub fn desk_key(&self) -> Option<&DeskKey> {
        self.desk_key.as_ref()
    }

    /// The denunciations (index keys, newest first) holding each of `tokens`, at most `cap` per
    /// token.
    pub fn denouncer_keys(&self, tokens: &[String], cap: usize) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key FROM denouncer_blind WHERE token = ?1 ORDER BY key LIMIT ?2",
        )?;
        let mut out = Vec::new();
        for token in tokens {
            let keys = stmt.query_map(params![token, cap as i64], |r| r.get::<_, i64>(0))?;
            for key in keys {
                out.push((token.clone(), key?));
            }
        }
        Ok(out)
    }
}
