//! The reads that logbook exchange needs: every petition with its filers, events and visit for
//! the exports, and the owner of a petition code for the import's duplicate check.

use super::{Store, citizens, events, petitions};
use crate::domain::{Citizen, Event, Id, Petition, PetitionKind, VisitKind};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

/// The visit facts the logbook shows next to a petition.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitBrief {
    pub kind: VisitKind,
    pub headcount: u32,
    pub leader_present: bool,
    pub officer: String,
}

/// One petition with everything an export writes. The filers are unmasked here: masking is the
/// exporter's job (`exchange`), so that it happens in one place for both formats.
#[derive(Debug, Clone)]
pub struct ExportRecord {
    pub petition: Petition,
    pub filers: Vec<Citizen>,
    pub events: Vec<Event>,
    pub visit: Option<VisitBrief>,
    /// The code of the petition this one repeats.
    pub repeat_of_code: Option<String>,
}

/// Who already holds a petition code: enough to tell "the same petition again" from a clash.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeOwner {
    pub id: Id,
    pub received_on: NaiveDate,
    pub kind: PetitionKind,
    pub subject: String,
}

fn visit_brief(conn: &Connection, id: Id) -> Result<Option<VisitBrief>> {
    Ok(conn
        .prepare_cached("SELECT kind, headcount, leader_present, officer FROM visit WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(VisitBrief {
                kind: r.get(0)?,
                headcount: r.get(1)?,
                leader_present: r.get(2)?,
                officer: r.get(3)?,
            })
        })
        .optional()?)
}

fn code_of(conn: &Connection, id: Id) -> Result<Option<(String, PetitionKind)>> {
    Ok(conn
        .prepare_cached("SELECT code, kind FROM petition WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// One petition with everything an export writes (`None`: no such petition).
pub(super) fn export_record(conn: &Connection, id: Id) -> Result<Option<ExportRecord>> {
    let Some(petition) = petitions::by_id(conn, id)? else {
        return Ok(None);
    };
    let visit = match petition.visit_id {
        Some(visit_id) => visit_brief(conn, visit_id)?,
        None => None,
    };
    let mut petition = petition;
    let repeat_of_code = match petition.repeat_of {
        Some(earlier) => code_of(conn, earlier)?,
        None => None,
    };
    // A link between a denunciation and another petition ties the denunciation to a named
    // person: a file that leaves the desk (any reader) does not carry it (issue 13).
    let repeat_of_code = match repeat_of_code {
        Some((code, kind))
            if !crate::privacy::protects_identity(kind)
                && !crate::privacy::protects_identity(petition.kind) =>
        {
            Some(code)
        }
        _ => {
            petition.repeat_of = None;
            None
        }
    };
    // A file leaves the desk: a denunciation's notes and sealed corrections stay "(bảo mật)".
    let mut events = events::of_petition(conn, id)?;
    super::sealed::mask_history(petition.kind, &mut events, crate::i18n::Lang::Vi);
    Ok(Some(ExportRecord {
        filers: citizens::filers_of(conn, id)?,
        events,
        petition,
        visit,
        repeat_of_code,
    }))
}

impl Store {
    /// Calls `each` for every petition, oldest received first, all read from one snapshot (a
    /// read transaction), so an export taken while the desk keeps working is consistent.
    /// Returns how many petitions were visited.
    pub fn for_each_petition(
        &self,
        mut each: impl FnMut(ExportRecord) -> Result<()>,
    ) -> Result<usize> {
        // Read-only work: `unchecked_transaction` only needs `&self`, and dropping it rolls back.
        let tx = self.conn.unchecked_transaction()?;
        let ids: Vec<Id> = tx
            .prepare("SELECT id FROM petition ORDER BY received_on, code")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for &id in &ids {
            if let Some(record) = export_record(&tx, id)? {
                each(record)?;
            }
        }
        Ok(ids.len())
    }

    /// The petition holding `code`, if any.
    pub fn code_owner(&self, code: &str) -> Result<Option<CodeOwner>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, received_on, kind, tiepdan_open(sealed, 'petition', id, 'subject', subject)
             FROM petition WHERE code = ?1")?
            .query_row([code.trim()], |r| {
                Ok(CodeOwner {
                    id: r.get(0)?,
                    received_on: r.get(1)?,
                    kind: r.get(2)?,
                    subject: r.get(3)?,
                })
            })
            .optional()?)
    }
}
