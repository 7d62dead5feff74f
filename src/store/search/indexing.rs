//! Writing the search index: one FTS5 row per petition (built from the petition and its filers,
//! a denouncer only as blind tokens), the vocabulary and its typo keys, the backfill of petitions
//! older than the index and the rebuild.

use crate::domain::{Field, Id, PetitionKind};
use crate::error::Result;
use crate::i18n::Lang;
use crate::search::index::{IndexDoc, fts_key, vocab_terms};
use crate::search::query::typo_keys;
use crate::store::Store;
use crate::text::fold;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashSet;

/// Where the background backfill stands: petitions with a rowid at or below this are not indexed
/// yet (0: all are). Set by the migration that created the index over an existing database.
const BACKFILL_KEY: &str = "search_backfill_upto";

fn backfill_mark(conn: &Connection) -> Result<i64> {
    let value: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([BACKFILL_KEY], |r| r.get(0))
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// The person fields of one filer, folded, as they go into the index.
struct FilerText {
    citizen_id: Id,
    name_folded: String,
    id_number: Option<String>,
    phone: Option<String>,
    address_folded: Option<String>,
    commune: Option<String>,
    province: Option<String>,
}

impl FilerText {
    /// Changes whenever a field the index holds changes (a later visit completing the record).
    fn signature(&self) -> i64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            &self.name_folded,
            &self.id_number,
            &self.phone,
            &self.address_folded,
            &self.commune,
            &self.province,
        )
            .hash(&mut h);
        h.finish() as i64
    }
}

/// Builds and stores the index row of one petition (replacing any earlier one). Returns its filers.
fn write_doc(
    conn: &Connection,
    petition_id: Id,
    fresh: bool,
    vocab: &mut Vocab,
) -> Result<Vec<FilerText>> {
    let head = conn
        .prepare_cached(
            "SELECT rowid, received_on, kind, code,
                tiepdan_open(sealed, 'petition', id, 'subject', subject),
                tiepdan_open(sealed, 'petition', id, 'summary', summary), source_agency, field,
                json_extract(state, '$.transferred_to')
             FROM petition WHERE id = ?1",
        )?
        .query_row([petition_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, NaiveDate>(1)?,
                r.get::<_, PetitionKind>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Field>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })
        .optional()?;
    let Some((rowid, received_on, kind, code, subject, summary, agency, field, transferred_to)) =
        head
    else {
        return Ok(Vec::new());
    };
    let filers: Vec<FilerText> = conn
        .prepare_cached(
            "SELECT c.id, c.name_folded, c.id_number, c.phone, c.address_folded, c.commune, c.province,
                c.sealed IS NOT NULL, tiepdan_open(c.sealed, 'citizen', c.id, 'full_name', c.full_name),
                tiepdan_open(c.sealed, 'citizen', c.id, 'id_number', c.id_number),
                tiepdan_open(c.sealed, 'citizen', c.id, 'phone', c.phone)
             FROM petition_filer f JOIN citizen c ON c.id = f.citizen_id WHERE f.petition_id = ?1",
        )?
        .query_map([petition_id], |r| {
            // A sealed denouncer as opened with the key (no key: nothing to index).
            if r.get::<_, bool>(7)? {
                let name: String = r.get(8)?;
                return Ok(FilerText {
                    citizen_id: r.get(0)?,
                    name_folded: if name == crate::store::sealed::placeholder() {
                        String::new()
                    } else {
                        fold(&name)
                    },
                    id_number: r.get(9)?,
                    phone: r.get(10)?,
                    address_folded: None,
                    commune: None,
                    province: None,
                });
            }
            Ok(FilerText {
                citizen_id: r.get(0)?,
                name_folded: r.get(1)?,
                id_number: r.get(2)?,
                phone: r.get(3)?,
                address_folded: r.get(4)?,
                commune: r.get(5)?,
                province: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let protected = crate::privacy::protects_identity(kind);
    let mut doc = IndexDoc::default();
    doc.push_code(&code);
    doc.tag.push(' ');
    doc.tag.push_str(&fold(field.label(Lang::Vi)));
    for agency in [agency, transferred_to].iter().flatten().map(|a| fold(a)) {
        doc.tag.push(' ');
        doc.tag.push_str(&agency);
    }
    let subject_folded = crate::store::sealed::folded_subject(String::new(), &subject);
    if protected {
        // The subject stays findable (the matter, not the person), minus the denouncer's name
        // words, ID number and phone wherever they occur in it.
        let mut what = subject_folded;
        for filer in &filers {
            what = crate::privacy::strip_identity(
                &what,
                &filer.name_folded,
                filer.id_number.as_deref(),
                filer.phone.as_deref(),
            );
        }
        doc.what = what;
    } else {
        doc.what = subject_folded;
        doc.body = fold(&summary);
        for filer in &filers {
            doc.add_person(
                &filer.name_folded,
                filer.id_number.as_deref(),
                filer.phone.as_deref(),
            );
            for place in [&filer.address_folded, &filer.commune, &filer.province]
                .into_iter()
                .flatten()
            {
                doc.place.push(' ');
                doc.place.push_str(&fold(place));
            }
        }
    }
    let key = fts_key(received_on, rowid);
    if !fresh {
        conn.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?
            .execute([key])?;
    }
    if protected || !fresh {
        // The denouncer as blind tokens only (none without the desk key).
        let mut blind = Vec::new();
        for filer in filers.iter().filter(|_| protected) {
            blind.extend(crate::store::denouncers::denouncer_terms(
                &filer.name_folded,
                filer.id_number.as_deref(),
                filer.phone.as_deref(),
            ));
        }
        crate::store::denouncers::write_tokens(conn, key, fresh, &blind)?;
    }
    conn.prepare_cached(
        "INSERT INTO search_fts (rowid, who, place, what, body, tag) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![key, doc.who, doc.place, doc.what, doc.body, doc.tag])?;
    vocab.add(&doc);
    Ok(if protected { Vec::new() } else { filers })
}

/// Vocabulary terms met while indexing, stored once per transaction: most terms (common names,
/// places, subject words) recur in nearly every document.
#[derive(Default)]
struct Vocab(HashSet<String>);

impl Vocab {
    fn add(&mut self, doc: &IndexDoc) {
        for term in vocab_terms(doc) {
            if !self.0.contains(term) {
                self.0.insert(term.to_string());
            }
        }
    }

    /// Stores the terms in order (sorted inserts touch each page of the vocabulary's B-tree
    /// once), and the typo keys of each term new to the vocabulary.
    fn store(self, conn: &Connection) -> Result<()> {
        let mut terms: Vec<String> = self.0.into_iter().collect();
        terms.sort_unstable();
        let mut insert =
            conn.prepare_cached("INSERT OR IGNORE INTO search_vocab (term) VALUES (?1)")?;
        let mut key =
            conn.prepare_cached("INSERT OR IGNORE INTO search_typo (del, term) VALUES (?1, ?2)")?;
        for term in terms {
            if insert.execute([&term])? > 0 {
                for del in typo_keys(&term) {
                    key.execute(params![del, term])?;
                }
            }
        }
        Ok(())
    }
}

/// Petitions stored in the current transaction and not indexed yet. Indexing them together, in
/// ascending key order and without the delete a re-index needs, lets FTS5 keep appending to one
/// in-memory segment: it flushes a segment to disk (and merges) whenever a key is not above the
/// previous one, which one-by-one indexing of a batch did for nearly every petition.
#[derive(Default)]
pub(in crate::store) struct Unindexed(Vec<(i64, Id)>);

impl Unindexed {
    /// Notes a petition just inserted (`rowid` as SQLite gave it).
    pub(in crate::store) fn push(&mut self, received_on: NaiveDate, rowid: i64, petition_id: Id) {
        self.0.push((fts_key(received_on, rowid), petition_id));
    }

    /// Indexes every noted petition, inside the caller's transaction.
    pub(in crate::store) fn index(self, conn: &Connection) -> Result<()> {
        self.write(conn, true)
    }

    /// As [`Unindexed::index`], for petitions that may already have an index row (the backfill:
    /// a step on an old petition indexes it before the backfill gets there).
    pub(in crate::store) fn reindex(self, conn: &Connection) -> Result<()> {
        self.write(conn, false)
    }

    fn write(mut self, conn: &Connection, fresh: bool) -> Result<()> {
        self.0.sort_unstable_by_key(|(key, _)| *key);
        let mut vocab = Vocab::default();
        for (_, petition_id) in self.0 {
            index_petition(conn, petition_id, fresh, &mut vocab)?;
        }
        vocab.store(conn)
    }
}

/// The write-path hook: indexes a petition just stored or changed, and re-indexes the other
/// petitions of any filer whose record changed since they were indexed (a later visit adding a
/// phone or an ID). Runs inside the caller's transaction, so the petition is findable on commit.
pub(in crate::store) fn index_written(conn: &Connection, petition_id: Id) -> Result<()> {
    let mut vocab = Vocab::default();
    index_petition(conn, petition_id, false, &mut vocab)?;
    vocab.store(conn)
}

/// Drops from the vocabulary (and its typo keys) those of `terms` no indexed petition holds any
/// more: a denouncer's name and address words, once their denunciation is sealed and indexed
/// without them, leave no clear trace in the file (issue 13).
pub(in crate::store) fn prune_vocab(conn: &Connection, terms: &[String]) -> Result<()> {
    let mut held =
        conn.prepare_cached("SELECT 1 FROM search_fts WHERE search_fts MATCH ?1 LIMIT 1")?;
    for term in terms {
        if !term.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        if held.exists([format!("\"{term}\"")])? {
            continue;
        }
        conn.prepare_cached("DELETE FROM search_vocab WHERE term = ?1")?
            .execute([term])?;
        conn.prepare_cached("DELETE FROM search_typo WHERE term = ?1")?
            .execute([term])?;
    }
    Ok(())
}

/// Indexes one petition (`fresh`: it has no index row yet) and re-indexes its filers' other
/// petitions when their person fields changed.
fn index_petition(
    conn: &Connection,
    petition_id: Id,
    fresh: bool,
    vocab: &mut Vocab,
) -> Result<()> {
    for filer in write_doc(conn, petition_id, fresh, vocab)? {
        let signature = filer.signature();
        let stored: Option<i64> = conn
            .prepare_cached("SELECT sig FROM search_citizen WHERE citizen_id = ?1")?
            .query_row([filer.citizen_id], |r| r.get(0))
            .optional()?;
        if stored == Some(signature) {
            continue;
        }
        conn.prepare_cached(
            "INSERT OR REPLACE INTO search_citizen (citizen_id, sig) VALUES (?1, ?2)",
        )?
        .execute(params![filer.citizen_id, signature])?;
        if stored.is_some() {
            let others: Vec<Id> = conn
                .prepare_cached(
                    "SELECT petition_id FROM petition_filer WHERE citizen_id = ?1 AND petition_id <> ?2",
                )?
                .query_map(params![filer.citizen_id, petition_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for other in others {
                write_doc(conn, other, false, vocab)?;
            }
        }
    }
    Ok(())
}

impl Store {
    /// Petitions with a rowid at or below this are not in the index yet (0: the index is complete).
    pub fn search_backfill_mark(&self) -> Result<i64> {
        backfill_mark(&self.conn)
    }

    /// Indexes up to `batch` petitions the index does not hold yet (databases created before the
    /// index existed), newest first, in one short transaction. Returns how many remain.
    pub fn search_backfill(&mut self, batch: usize) -> Result<i64> {
        if self.access == crate::store::Access::ReadOnly {
            return backfill_mark(&self.conn);
        }
        self.write(|tx, _, _| {
            let mark = backfill_mark(tx)?;
            if mark <= 0 {
                return Ok(0);
            }
            let ids: Vec<(i64, NaiveDate, Id)> = tx
                .prepare_cached(
                    "SELECT rowid, received_on, id FROM petition WHERE rowid <= ?1
                     ORDER BY rowid DESC LIMIT ?2",
                )?
                .query_map(params![mark, batch as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut unindexed = Unindexed::default();
            for &(rowid, received_on, id) in &ids {
                unindexed.push(received_on, rowid, id);
            }
            unindexed.reindex(tx)?;
            let next = if ids.len() < batch {
                0
            } else {
                ids.last().map(|(r, _, _)| r - 1).unwrap_or(0)
            };
            tx.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?
                .execute(params![BACKFILL_KEY, next.to_string()])?;
            Ok(next)
        })
    }

    /// Drops and rebuilds the whole index (after a restore, or to compact it).
    pub fn search_rebuild(&mut self) -> Result<()> {
        self.write(|tx, _, _| {
            tx.execute_batch(
                "DELETE FROM search_fts; DELETE FROM search_vocab; DELETE FROM search_typo;
                 DELETE FROM search_citizen; DELETE FROM denouncer_blind;
                 DELETE FROM meta WHERE key = 'denouncer_blind_key';",
            )?;
            tx.prepare_cached(
                "INSERT OR REPLACE INTO meta (key, value) SELECT ?1, COALESCE(MAX(rowid), 0) FROM petition",
            )?
            .execute([BACKFILL_KEY])?;
            Ok(())
        })?;
        while self.search_backfill(5_000)? > 0 {}
        self.conn.execute(
            "INSERT INTO search_fts (search_fts) VALUES ('optimize')",
            [],
        )?;
        Ok(())
    }
}
