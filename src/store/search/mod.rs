//! The SQL of search: the persistent folded index (one FTS5 row per petition, kept current by every
//! write path), the candidate queries on it, and the rows search ranks.
//!
//! A denouncer's name, address, phone and ID never enter the index nor a result row (Luật Tố cáo
//! 2018, Điều 47): for kind = denunciation the person columns are indexed empty, the summary (which
//! may name the denouncer) is left out, and the row columns come back NULL.
//!
//! Layout: [`indexing`] writes the index (every write path's hook, the backfill, the rebuild);
//! [`reads`] holds the queries search and the repeat finder run on it and on the tables.

mod indexing;
mod reads;
#[cfg(feature = "bench")]
mod scan;

pub(super) use indexing::{Unindexed, index_written, prune_vocab};

use crate::domain::{Field, Flags, Id, PetitionKind, Status};
use chrono::NaiveDate;

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

pub(super) const PROTECTED: &str = "p.kind = 'denunciation'";

pub(super) const ROW_COLUMNS: &str =
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

pub(super) const ROW_FROM: &str = "FROM petition p
    LEFT JOIN petition_filer f ON f.petition_id = p.id
    LEFT JOIN citizen c ON c.id = f.citizen_id";

pub(super) fn search_row(r: &rusqlite::Row) -> rusqlite::Result<SearchRow> {
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

pub(super) fn in_list(values: impl IntoIterator<Item = i64>) -> String {
    values
        .into_iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(",")
}
