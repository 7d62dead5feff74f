//! The SQL of search: the persistent folded index (one FTS5 row per petition, kept current by every
//! write path), the candidate queries on it, and the rows search ranks.
//!
//! A denouncer's name, address, phone and ID never enter the index nor a result row (Luật Tố cáo
//! 2018, Điều 47): for kind = denunciation the person columns are indexed empty, the summary (which
//! may name the denouncer) is left out, and the row columns come back NULL.

use crate::domain::{Field, Flags, Id, PetitionKind, Status};
use crate::error::Result;
use crate::i18n::Lang;
use crate::search::index::{IndexDoc, fts_key, petition_rowid, vocab_terms};
use crate::search::query::typo_keys;
use crate::search::rows::{ChainFact, RepeatRow};
use crate::text::fold;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq)]
pub struct SearchRow {
    pub code: String,
    pub kind: PetitionKind,
    pub status: Status,
    pub subject: String,
    pub subject_folded: String,
    pub received_on: NaiveDate,
    pub flags: Flags,
    /// None for anonymous petitions and for denunciations (identity protected).
    pub citizen_name: Option<String>,
    pub name_folded: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address_folded: Option<String>,
    /// The petition's SQLite rowid (stable; the index key is derived from it).
    pub rowid: i64,
    pub petition_id: Id,
    pub field: Field,
    pub summary: String,
    pub source_agency: Option<String>,
    pub repeat_of: Option<Id>,
    /// The filer's person (which links every snapshot of one citizen's identity as given);
    /// None for anonymous petitions and for denunciations.
    pub citizen_id: Option<Id>,
    pub commune: Option<String>,
    /// The agency it was last transferred to.
    pub transferred_to: Option<String>,
}

/// How the SQL narrows candidates before scoring (the first version's path, kept as the `LIKE`
/// engine and as the fallback for petitions the background backfill has not reached yet).
pub enum Narrow<'a> {
    /// Exact CCCD/CMND or phone.
    Identifier(&'a str),
    /// Every folded token appears in the name, address, subject or code.
    Tokens(&'a [String]),
}

const PROTECTED: &str = "p.kind = 'denunciation'";

const ROW_COLUMNS: &str =
    "p.code, p.kind, p.status, tiepdan_open(p.sealed, 'petition', p.id, 'subject', p.subject),
    p.subject_folded, p.received_on, p.flags,
    CASE WHEN p.kind = 'denunciation' THEN NULL ELSE c.full_name END,
    CASE WHEN p.kind = 'denunciation' THEN NULL ELSE c.name_folded END,
    CASE WHEN p.kind = 'denunciation' THEN NULL ELSE c.id_number END,
    CASE WHEN p.kind = 'denunciation' THEN NULL ELSE c.phone END,
    CASE WHEN p.kind = 'denunciation' THEN NULL ELSE c.address_folded END,
    p.rowid, p.id, p.field, tiepdan_open(p.sealed, 'petition', p.id, 'summary', p.summary),
    p.source_agency, p.repeat_of,
    CASE WHEN p.kind = 'denunciation' THEN NULL ELSE c.person_id END,
    CASE WHEN p.kind = 'denunciation' THEN NULL ELSE c.commune END,
    json_extract(p.state, '$.transferred_to')";

const ROW_FROM: &str = "FROM petition p
    LEFT JOIN petition_filer f ON f.petition_id = p.id
    LEFT JOIN citizen c ON c.id = f.citizen_id";

fn search_row(r: &rusqlite::Row) -> rusqlite::Result<SearchRow> {
    let subject: String = r.get(3)?;
    Ok(SearchRow {
        code: r.get(0)?,
        kind: r.get(1)?,
        status: r.get(2)?,
        subject_folded: super::sealed::folded_subject(r.get(4)?, &subject),
        subject,
        received_on: r.get(5)?,
        flags: Flags(r.get(6)?),
        citizen_name: r.get(7)?,
        name_folded: r.get(8)?,
        id_number: r.get(9)?,
        phone: r.get(10)?,
        address_folded: r.get(11)?,
        rowid: r.get(12)?,
        petition_id: r.get(13)?,
        field: r.get(14)?,
        summary: r.get(15)?,
        source_agency: r.get(16)?,
        repeat_of: r.get(17)?,
        citizen_id: r.get(18)?,
        commune: r.get(19)?,
        transferred_to: r.get(20)?,
    })
}

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
                    name_folded: if name == super::sealed::placeholder() {
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
    let subject_folded = super::sealed::folded_subject(String::new(), &subject);
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
            blind.extend(super::denouncers::denouncer_terms(
                &filer.name_folded,
                filer.id_number.as_deref(),
                filer.phone.as_deref(),
            ));
        }
        super::denouncers::write_tokens(conn, key, fresh, &blind)?;
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
pub(super) struct Unindexed(Vec<(i64, Id)>);

impl Unindexed {
    /// Notes a petition just inserted (`rowid` as SQLite gave it).
    pub(super) fn push(&mut self, received_on: NaiveDate, rowid: i64, petition_id: Id) {
        self.0.push((fts_key(received_on, rowid), petition_id));
    }

    /// Indexes every noted petition, inside the caller's transaction.
    pub(super) fn index(self, conn: &Connection) -> Result<()> {
        self.write(conn, true)
    }

    /// As [`Unindexed::index`], for petitions that may already have an index row (the backfill:
    /// a step on an old petition indexes it before the backfill gets there).
    pub(super) fn reindex(self, conn: &Connection) -> Result<()> {
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
pub(super) fn index_written(conn: &Connection, petition_id: Id) -> Result<()> {
    let mut vocab = Vocab::default();
    index_petition(conn, petition_id, false, &mut vocab)?;
    vocab.store(conn)
}

/// Drops from the vocabulary (and its typo keys) those of `terms` no indexed petition holds any
/// more: a denouncer's name and address words, once their denunciation is sealed and indexed
/// without them, leave no clear trace in the file (issue 13).
pub(super) fn prune_vocab(conn: &Connection, terms: &[String]) -> Result<()> {
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

fn in_list(values: impl IntoIterator<Item = i64>) -> String {
    values
        .into_iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

impl super::Store {
    /// The first version's candidate query: `LIKE` on folded columns (all petitions).
    pub fn search_rows(&self, narrow: Narrow<'_>, limit: usize) -> Result<Vec<SearchRow>> {
        self.like_rows(narrow, None, limit)
    }

    /// `LIKE` on folded columns, optionally only over petitions with rowid ≤ `upto` (those the
    /// backfill has not indexed yet).
    pub fn like_rows(
        &self,
        narrow: Narrow<'_>,
        upto: Option<i64>,
        limit: usize,
    ) -> Result<Vec<SearchRow>> {
        let mut params: Vec<Value> = Vec::new();
        let mut filter = match narrow {
            Narrow::Identifier(digits) => {
                params.push(Value::Text(digits.to_string()));
                format!("NOT {PROTECTED} AND (c.id_number = ?1 OR c.phone = ?1)")
            }
            Narrow::Tokens(tokens) => {
                let mut clauses = Vec::new();
                for token in tokens {
                    params.push(Value::Text(format!("%{}%", token.replace(['%', '_'], ""))));
                    let n = params.len();
                    clauses.push(format!(
                        "(p.subject_folded LIKE ?{n} OR p.code LIKE ?{n} OR (NOT {PROTECTED} AND \
                         (c.name_folded LIKE ?{n} OR c.address_folded LIKE ?{n})))"
                    ));
                }
                if clauses.is_empty() {
                    "1".to_string()
                } else {
                    clauses.join(" AND ")
                }
            }
        };
        if let Some(upto) = upto {
            params.push(Value::Integer(upto));
            filter = format!("p.rowid <= ?{} AND ({filter})", params.len());
        }
        params.push(Value::Integer(limit as i64));
        let sql = format!(
            "SELECT {ROW_COLUMNS} {ROW_FROM} WHERE {filter}
             ORDER BY p.received_on DESC, p.code DESC LIMIT ?{}",
            params.len()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), search_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Rows (one per petition and filer) of the petitions with these rowids.
    pub fn rows_by_rowid(&self, rowids: &[i64]) -> Result<Vec<SearchRow>> {
        if rowids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {ROW_COLUMNS} {ROW_FROM} WHERE p.rowid IN ({})",
            in_list(rowids.iter().copied())
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], search_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Petitions filed by a person who gave `digits` as ID number or phone on some petition,
    /// under any identity they gave (never a denunciation, and a number given only on
    /// denunciations finds nothing: that would tell who denounced).
    pub fn rows_by_identifier(&self, digits: &str, limit: usize) -> Result<Vec<SearchRow>> {
        let protected_snapshot = super::persons::PROTECTED_SNAPSHOT;
        let sql = format!(
            "WITH hit(id) AS (SELECT id FROM citizen WHERE id_number = ?1
                              UNION SELECT id FROM citizen WHERE phone = ?1),
                  who(id) AS (SELECT DISTINCT c.person_id FROM hit JOIN citizen c ON c.id = hit.id
                              WHERE NOT {protected_snapshot})
             SELECT {ROW_COLUMNS}
             FROM who CROSS JOIN citizen c ON c.person_id = who.id
                 CROSS JOIN petition_filer f ON f.citizen_id = c.id
                 CROSS JOIN petition p ON p.id = f.petition_id
             WHERE NOT {PROTECTED}
             ORDER BY p.received_on DESC, p.code DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![digits, limit as i64], search_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Petitions filed by these persons under any identity they gave, newest first, at most
    /// `limit` (never a denunciation: that link is secret).
    pub fn rows_by_persons(&self, persons: &[Id], limit: usize) -> Result<Vec<SearchRow>> {
        if persons.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; persons.len()].join(",");
        let sql = format!(
            "SELECT {ROW_COLUMNS}
             FROM citizen c CROSS JOIN petition_filer f ON f.citizen_id = c.id
                 CROSS JOIN petition p ON p.id = f.petition_id
             WHERE c.person_id IN ({marks}) AND NOT {PROTECTED}
             ORDER BY p.received_on DESC, p.code DESC LIMIT {limit}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(persons), search_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Petition rowids matching an FTS5 expression on the index, newest received first.
    pub fn index_match(&self, expression: &str, limit: usize) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid LIMIT ?2",
        )?;
        let keys = stmt.query_map(params![expression, limit as i64], |r| r.get::<_, i64>(0))?;
        Ok(keys
            .map(|k| k.map(petition_rowid))
            .collect::<rusqlite::Result<_>>()?)
    }

    /// How many petitions match an FTS5 expression, counting up to `cap` only.
    pub fn index_count(&self, expression: &str, cap: usize) -> Result<usize> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?2)",
        )?;
        let n: i64 = stmt.query_row(params![expression, cap as i64], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Which of `terms` occur in the index's vocabulary.
    pub fn vocab_known(&self, terms: &[String]) -> Result<Vec<String>> {
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let mut known = Vec::new();
        for chunk in terms.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT term FROM search_vocab WHERE term IN ({marks})"
            ))?;
            let rows =
                stmt.query_map(rusqlite::params_from_iter(chunk), |r| r.get::<_, String>(0))?;
            for row in rows {
                known.push(row?);
            }
        }
        Ok(known)
    }

    /// Vocabulary terms that are one of `keys` or have one of them among their typo keys
    /// ([`typo_keys`]): the candidates within a typo of the word whose keys these are.
    pub fn typo_neighbours(&self, keys: &[String]) -> Result<Vec<String>> {
        let mut found = Vec::new();
        for chunk in keys.chunks(400) {
            let marks = (1..=chunk.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(",");
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT term FROM search_typo WHERE del IN ({marks})
                 UNION SELECT term FROM search_vocab WHERE term IN ({marks})"
            ))?;
            let rows =
                stmt.query_map(rusqlite::params_from_iter(chunk), |r| r.get::<_, String>(0))?;
            for row in rows {
                found.push(row?);
            }
        }
        found.sort_unstable();
        found.dedup();
        Ok(found)
    }

    /// Vocabulary terms starting with `prefix`, at most `limit` (+1 tells "more than limit").
    pub fn vocab_prefixed(&self, prefix: &str, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT term FROM search_vocab WHERE term >= ?1 AND term < ?1 || char(1114111) ORDER BY term LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![prefix, limit as i64], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many petitions each of these persons has filed (under every identity they gave).
    pub fn petition_counts(&self, persons: &[Id]) -> Result<HashMap<Id, usize>> {
        let mut unique = persons.to_vec();
        unique.sort_unstable();
        unique.dedup();
        self.counts_by(
            "SELECT c.person_id, COUNT(DISTINCT f.petition_id) FROM citizen c
             JOIN petition_filer f ON f.citizen_id = c.id WHERE c.person_id IN",
            &unique,
        )
    }

    /// How many petitions name each of these petitions as the one they repeat.
    pub fn repeat_counts(&self, petitions: &[Id]) -> Result<HashMap<Id, usize>> {
        self.counts_by(
            "SELECT repeat_of, COUNT(*) FROM petition WHERE repeat_of IN",
            petitions,
        )
    }

    fn counts_by(&self, head: &str, ids: &[Id]) -> Result<HashMap<Id, usize>> {
        let mut counts = HashMap::new();
        for chunk in ids.chunks(200) {
            let marks = vec!["?"; chunk.len()].join(",");
            let mut stmt = self
                .conn
                .prepare_cached(&format!("{head} ({marks}) GROUP BY 1"))?;
            let rows = stmt.query_map(rusqlite::params_from_iter(chunk), |r| {
                Ok((r.get::<_, Id>(0)?, r.get::<_, i64>(1)? as usize))
            })?;
            for row in rows {
                let (id, n) = row?;
                counts.insert(id, n);
            }
        }
        Ok(counts)
    }

    /// Runs `work` inside one read transaction: one consistent snapshot, and one WAL lock instead
    /// of one per statement.
    pub fn read_snapshot<T>(&self, work: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return work();
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let result = work();
        // A read transaction: ending it can only fail if the connection is gone.
        let _ = self.conn.execute_batch("COMMIT");
        result
    }

    /// Petitions with a rowid at or below this are not in the index yet (0: the index is complete).
    pub fn search_backfill_mark(&self) -> Result<i64> {
        backfill_mark(&self.conn)
    }

    /// Indexes up to `batch` petitions the index does not hold yet (databases created before the
    /// index existed), newest first, in one short transaction. Returns how many remain.
    pub fn search_backfill(&mut self, batch: usize) -> Result<i64> {
        if self.access == super::Access::ReadOnly {
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

    /// Every petition (and filer) as one folded line for full-scan baselines, oldest first.
    #[cfg(feature = "bench")]
    pub fn scan_lines(&self, mut each: impl FnMut(i64, String)) -> Result<()> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT p.rowid, p.code || ' ' || p.subject_folded ||
                    CASE WHEN {PROTECTED} THEN '' ELSE
                        ' ' || COALESCE(c.name_folded, '') || ' ' || COALESCE(c.address_folded, '') END
             {ROW_FROM} ORDER BY p.rowid"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            each(r.get(0)?, r.get(1)?);
        }
        Ok(())
    }

    /// A bigger page cache for a long-lived search connection (the TUI's worker): the index pages
    /// of the last queries stay in memory. 16 MiB; the default is 2 MiB.
    pub fn tune_for_search(&self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -16_000)?;
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn conn_for_tests(&self) -> &Connection {
        &self.conn
    }

    /// Cancels the statement running on this connection (from another thread): a new keystroke
    /// abandons the query of the previous one.
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Every petition with what the repeat finder clusters on, oldest first. Denunciations come
    /// without their filer (the matter can repeat; the person stays secret).
    pub fn repeat_rows(&self, mut each: impl FnMut(RepeatRow)) -> Result<()> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT p.rowid, p.id, p.code, p.kind, p.status, p.flags, p.received_on, p.subject_folded,
                    p.repeat_of,
                    tiepdan_open(p.sealed, 'petition', p.id, 'subject', p.subject),
                    CASE WHEN {PROTECTED} THEN NULL ELSE c.person_id END,
                    CASE WHEN {PROTECTED} THEN NULL ELSE c.name_folded END,
                    CASE WHEN {PROTECTED} THEN NULL ELSE c.phone END,
                    CASE WHEN {PROTECTED} THEN NULL ELSE c.id_number END,
                    CASE WHEN {PROTECTED} THEN NULL ELSE c.commune END
             {ROW_FROM} ORDER BY p.received_on, p.rowid"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let commune: Option<String> = r.get(14)?;
            let subject: String = r.get(9)?;
            each(RepeatRow {
                rowid: r.get(0)?,
                petition_id: r.get(1)?,
                code: r.get(2)?,
                kind: r.get(3)?,
                status: r.get(4)?,
                flags: Flags(r.get(5)?),
                received_on: r.get(6)?,
                subject_folded: super::sealed::folded_subject(r.get(7)?, &subject),
                repeat_of: r.get(8)?,
                citizen_id: r.get(10)?,
                name_folded: r.get(11)?,
                phone: r.get(12)?,
                id_number: r.get(13)?,
                commune_folded: commune.as_deref().map(fold),
            });
        }
        Ok(())
    }

    /// The petitions linked to `code` by `repeat_of`, in either direction: its whole chain.
    pub fn chain_of_code(&self, code: &str) -> Result<Vec<ChainFact>> {
        let sql = format!(
            "WITH RECURSIVE up(id, rep, n) AS (
                 SELECT id, repeat_of, 0 FROM petition WHERE code = ?1
                 UNION SELECT p.id, p.repeat_of, up.n + 1 FROM petition p JOIN up ON p.id = up.rep WHERE up.n < 1000),
             root(id) AS (SELECT id FROM up ORDER BY n DESC LIMIT 1),
             down(id, n) AS (SELECT id, 0 FROM root
                 UNION SELECT p.id, down.n + 1 FROM petition p JOIN down ON p.repeat_of = down.id WHERE down.n < 1000)
             SELECT {CHAIN_COLUMNS} FROM petition p JOIN down USING (id) ORDER BY p.received_on, p.code"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([code], chain_fact)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The petitions a person filed under any identity they gave, oldest first (never
    /// denunciations: that link is secret).
    pub fn citizen_petitions(&self, person: Id) -> Result<Vec<ChainFact>> {
        let sql = format!(
            "SELECT DISTINCT {CHAIN_COLUMNS} FROM citizen c
                 JOIN petition_filer f ON f.citizen_id = c.id JOIN petition p ON p.id = f.petition_id
             WHERE c.person_id = ?1 AND NOT {PROTECTED} ORDER BY p.received_on, p.code"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([person], chain_fact)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Codes of the petitions with these rowids.
    pub fn codes_by_rowid(&self, rowids: &[i64]) -> Result<HashMap<i64, ChainFact>> {
        let mut out = HashMap::new();
        for chunk in rowids.chunks(500) {
            let sql = format!(
                "SELECT {CHAIN_COLUMNS}, p.rowid FROM petition p WHERE p.rowid IN ({})",
                in_list(chunk.iter().copied())
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(9)?, chain_fact(r)?)))?;
            for row in rows {
                let (rowid, fact) = row?;
                out.insert(rowid, fact);
            }
        }
        Ok(out)
    }
}

const CHAIN_COLUMNS: &str = "p.id, p.code, p.received_on, p.status, p.flags,
    tiepdan_open(p.sealed, 'petition', p.id, 'subject', p.subject), p.subject_folded, p.repeat_of,
    p.kind";

fn chain_fact(r: &rusqlite::Row) -> rusqlite::Result<ChainFact> {
    let subject: String = r.get(5)?;
    Ok(ChainFact {
        petition_id: r.get(0)?,
        code: r.get(1)?,
        received_on: r.get(2)?,
        status: r.get(3)?,
        flags: Flags(r.get(4)?),
        subject_folded: super::sealed::folded_subject(r.get(6)?, &subject),
        subject,
        repeat_of: r.get(7)?,
        kind: r.get(8)?,
    })
}
