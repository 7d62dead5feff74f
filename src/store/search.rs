//! The rows search scores: petitions joined to their filers, narrowed in SQL on folded columns.
//! A denouncer's name, address, phone and ID never take part (Luật Tố cáo 2018, Điều 47).

use crate::domain::{Flags, PetitionKind, Status};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::types::Value;

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
}

/// How the SQL narrows candidates before scoring.
pub enum Narrow<'a> {
    /// Exact CCCD/CMND or phone.
    Identifier(&'a str),
    /// Every folded token appears in the name, address, subject or code.
    Tokens(&'a [String]),
}

const PROTECTED: &str = "p.kind = 'denunciation'";

impl super::Store {
    pub fn search_rows(&self, narrow: Narrow<'_>, limit: usize) -> Result<Vec<SearchRow>> {
        let mut params: Vec<Value> = Vec::new();
        let filter = match narrow {
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
                if clauses.is_empty() { "1".to_string() } else { clauses.join(" AND ") }
            }
        };
        params.push(Value::Integer(limit as i64));
        let sql = format!(
            "SELECT p.code, p.kind, p.status, p.subject, p.subject_folded, p.received_on, p.flags,
                    CASE WHEN {PROTECTED} THEN NULL ELSE c.full_name END,
                    CASE WHEN {PROTECTED} THEN NULL ELSE c.name_folded END,
                    CASE WHEN {PROTECTED} THEN NULL ELSE c.id_number END,
                    CASE WHEN {PROTECTED} THEN NULL ELSE c.phone END,
                    CASE WHEN {PROTECTED} THEN NULL ELSE c.address_folded END
             FROM petition p
             LEFT JOIN petition_filer f ON f.petition_id = p.id
             LEFT JOIN citizen c ON c.id = f.citizen_id
             WHERE {filter}
             ORDER BY p.received_on DESC, p.code DESC
             LIMIT ?{}",
            params.len()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(SearchRow {
                code: r.get(0)?,
                kind: r.get(1)?,
                status: r.get(2)?,
                subject: r.get(3)?,
                subject_folded: r.get(4)?,
                received_on: r.get(5)?,
                flags: Flags(r.get(6)?),
                citizen_name: r.get(7)?,
                name_folded: r.get(8)?,
                id_number: r.get(9)?,
                phone: r.get(10)?,
                address_folded: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
