//! The tamper-evident audit log: one row per write, each hashing the one before it.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub change: String,
    pub prev_hash: String,
    pub hash: String,
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn chain_hash(
    prev: &str,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    id: &str,
    change: &str,
) -> String {
    let mut hasher = Sha256::new();
    for part in [prev, at, actor, action, entity, id, change] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Appends one audit row inside the caller's transaction.
pub(super) fn record(
    conn: &Connection,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    change: &impl Serialize,
) -> Result<()> {
    let prev: String = conn
        .query_row(
            "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let at = super::now_utc().to_rfc3339();
    let change = serde_json::to_string(change).expect("audit change serialises");
    let hash = chain_hash(&prev, &at, actor, action, entity, entity_id, &change);
    conn.prepare_cached(
        "INSERT INTO audit (at, actor, action, entity, entity_id, change, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        at, actor, action, entity, entity_id, change, prev, hash
    ])?;
    Ok(())
}

/// Appends one audit row recording also the seals of the petitions the write touched (see
/// `seal`): `change` gains a `seals` object, code → seal.
pub(super) fn record_sealed(
    conn: &Connection,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    change: &impl Serialize,
    touched: &super::seal::Touched,
) -> Result<()> {
    let seals = touched.seals(conn)?;
    let mut change = serde_json::to_value(change).expect("audit change serialises");
    let seals = serde_json::to_value(seals).expect("seals serialise");
    match change.as_object_mut() {
        Some(object) => {
            object.insert("seals".into(), seals);
        }
        None => change = serde_json::json!({ "change": change, "seals": seals }),
    }
    record(conn, actor, action, entity, entity_id, &change)
}

/// Every petition's last recorded seal, code → seal, from the audit rows that carry seals.
pub(super) fn recorded_seals(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, String>> {
    let mut seals = std::collections::HashMap::new();
    let mut stmt =
        conn.prepare("SELECT change FROM audit WHERE instr(change, '\"seals\"') > 0 ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let change: String = row.get(0)?;
        #[derive(serde::Deserialize)]
        struct Sealed {
            seals: std::collections::HashMap<String, String>,
        }
        if let Ok(parsed) = serde_json::from_str::<Sealed>(&change) {
            seals.extend(parsed.seals);
        }
    }
    Ok(seals)
}

/// Walks the chain; returns the sequence numbers of rows whose hash or link does not hold.
pub(super) fn verify(conn: &Connection) -> Result<Vec<i64>> {
    let mut broken = Vec::new();
    let mut prev = GENESIS.to_string();
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, entity, entity_id, change, prev_hash, hash FROM audit ORDER BY seq",
    )?;
    let rows = stmt.query_map([], row_to_audit)?;
    for row in rows {
        let row = row?;
        // A row sealed because it spoke of a denouncer (issue 13, `sealed`): with the desk key
        // its words are verified as any row's; without it, only its place in the chain.
        let change = if row.change.starts_with(super::sealed::SEALED_CHANGE) {
            super::sealed::open_change(conn, row.seq, &row.change)?
        } else {
            Some(row.change.clone())
        };
        let expected = match change {
            Some(change) => chain_hash(
                &prev,
                &row.at,
                &row.actor,
                &row.action,
                &row.entity,
                &row.entity_id,
                &change,
            ),
            None => row.hash.clone(),
        };
        if row.prev_hash != prev || row.hash != expected {
            broken.push(row.seq);
        }
        prev = row.hash;
    }
    Ok(broken)
}

fn row_to_audit(r: &rusqlite::Row) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        change: r.get(6)?,
        prev_hash: r.get(7)?,
        hash: r.get(8)?,
    })
}

impl super::Store {
    /// The most recent audit rows, newest first.
    pub fn audit_tail(&self, limit: usize) -> Result<Vec<AuditRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, actor, action, entity, entity_id, change, prev_hash, hash
             FROM audit ORDER BY seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], row_to_audit)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
