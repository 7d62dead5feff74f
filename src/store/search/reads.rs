//! The queries on the search index and the tables behind it: candidates (index matches, LIKE,
//! ID numbers and phones, persons), the vocabulary, counts, the repeat finder's stream and chains.

use super::{Narrow, PROTECTED, ROW_COLUMNS, ROW_FROM, SearchRow, in_list, search_row};
use crate::domain::{Flags, Id};
use crate::error::Result;
use crate::search::index::petition_rowid;
use crate::search::rows::{ChainFact, RepeatRow};
use crate::store::Store;
use crate::text::fold;
use rusqlite::params;
use rusqlite::types::Value;
use std::collections::HashMap;

impl Store {
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
        let protected_snapshot = crate::store::persons::PROTECTED_SNAPSHOT;
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

    /// How many petitions (not voided) name each of these petitions as the one they repeat.
    pub fn repeat_counts(&self, petitions: &[Id]) -> Result<HashMap<Id, usize>> {
        self.counts_by(
            "SELECT repeat_of, COUNT(*) FROM petition WHERE status <> 'voided' AND repeat_of IN",
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

    /// A bigger page cache for a long-lived search connection (the TUI's worker): the index pages
    /// of the last queries stay in memory. 16 MiB; the default is 2 MiB.
    pub fn tune_for_search(&self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -16_000)?;
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn conn_for_tests(&self) -> &rusqlite::Connection {
        &self.conn
    }

    /// Cancels the statement running on this connection (from another thread): a new keystroke
    /// abandons the query of the previous one.
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Every petition with what the repeat finder clusters on, oldest first, but those voided
    /// (entered by mistake: nobody repeats them). Denunciations come without their filer (the
    /// matter can repeat; the person stays secret).
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
             {ROW_FROM} WHERE p.status <> 'voided' ORDER BY p.received_on, p.rowid"
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
                subject_folded: crate::store::sealed::folded_subject(r.get(7)?, &subject),
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
        subject_folded: crate::store::sealed::folded_subject(r.get(6)?, &subject),
        subject,
        repeat_of: r.get(7)?,
        kind: r.get(8)?,
    })
}
