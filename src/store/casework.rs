//! An officer's casework: the desk's lists scoped to one officer,
//! repeat-chain roots and communes for the possible-repeats pane, an audited identity reveal, and
//! attaching a visit to an existing petition. SQL stays here, out of the TUI.

use super::{Store, audit, citizens, events, petitions, visits};
use crate::domain::*;
use crate::error::{Deed, Error, Result};
use crate::intake::Intake;
use crate::text::fold;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Open petitions by deadline, soonest first (those without one last), optionally only
    /// those of one officer. Two queries, so the dated part walks the open-petition index in
    /// deadline order and stops at `limit` instead of sorting every open petition.
    pub fn open_petitions_of(
        &self,
        officer: Option<&str>,
        limit: usize,
    ) -> Result<Vec<petitions::DueRow>> {
        let mut rows = Vec::new();
        for dated in ["due_on IS NOT NULL", "due_on IS NULL"] {
            let wanted = limit.saturating_sub(rows.len());
            if wanted == 0 {
                break;
            }
            let sql = format!(
                "SELECT code, kind, status, tiepdan_open(sealed, 'petition', id, 'subject', subject),
                    received_on, due_on, due_kind, officer, flags
                 FROM petition WHERE {} AND {dated} AND (?1 IS NULL OR officer = ?1)
                 ORDER BY due_on, code LIMIT ?2",
                petitions::open_filter()
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let found = stmt.query_map(params![officer, wanted as i64], petitions::due_row)?;
            for row in found {
                rows.push(row?);
            }
        }
        Ok(rows)
    }

    pub fn count_open(&self, officer: Option<&str>) -> Result<i64> {
        let sql = format!(
            "SELECT COUNT(*) FROM petition WHERE {} AND (?1 IS NULL OR officer = ?1)",
            petitions::open_filter()
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([officer], |r| r.get(0))?)
    }

    /// The code of the first petition of `code`'s repeat chain (itself when it repeats nothing).
    pub fn repeat_root(&self, code: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "WITH RECURSIVE up(id, repeat_of, depth) AS (
                    SELECT id, repeat_of, 0 FROM petition WHERE code = ?1
                    UNION ALL
                    SELECT p.id, p.repeat_of, up.depth + 1 FROM petition p JOIN up ON p.id = up.repeat_of
                    WHERE up.depth < 1000)
                 SELECT p.code FROM up JOIN petition p ON p.id = up.id ORDER BY up.depth DESC LIMIT 1",
            )?
            .query_row([code], |r| r.get(0))
            .optional()?)
    }

    /// The folded communes of a petition's filers, for "similar name + same commune". Empty for
    /// denunciations: a denouncer's address never takes part in matching (Luật Tố cáo, Điều 47).
    pub fn filer_communes(&self, code: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT c.commune FROM petition p
             JOIN petition_filer f ON f.petition_id = p.id JOIN citizen c ON c.id = f.citizen_id
             WHERE p.code = ?1 AND p.kind != 'denunciation' AND c.commune IS NOT NULL",
        )?;
        let rows = stmt.query_map([code], |r| r.get::<_, String>(0))?;
        Ok(rows
            .map(|r| r.map(|c| fold(&c)))
            .collect::<rusqlite::Result<_>>()?)
    }

    /// A denunciation's filers, shown on its own screen: every reveal leaves an audit row naming
    /// who looked, so it needs a writable database (Nghị định 31/2019: identity kept secret).
    pub fn reveal_identity(&mut self, code: &str) -> Result<Vec<Citizen>> {
        self.reveal_identity_for(code, "")
    }

    /// [`Store::reveal_identity`] with the officer's reason, kept in the audit row (who, when,
    /// why: Luật Tố cáo 2018, Điều 47).
    pub fn reveal_identity_for(&mut self, code: &str, reason: &str) -> Result<Vec<Citizen>> {
        self.require(self.role.may_reveal_identity(), Deed::RevealIdentity)?;
        self.write(|tx, _, actor| {
            let petition = petitions::require_code(tx, code)?;
            let filers = citizens::filers_of(tx, petition.id)?;
            audit::record(
                tx,
                actor,
                "reveal_identity",
                "petition",
                code,
                &serde_json::json!({
                    "filers": filers.len(),
                    "reason": reason,
                }),
            )?;
            Ok(filers)
        })
    }

    /// Logs the intake's visit without creating a petition and records it on the existing petition
    /// `code` as a note step, in one transaction. The visit keeps its own row, so reports still
    /// count the lượt tiếp; the note puts it on the petition's timeline.
    pub fn attach_visit(
        &mut self,
        code: &str,
        intake: &Intake,
        note: &str,
        today: NaiveDate,
    ) -> Result<Petition> {
        let visit = intake.visit.clone().ok_or_else(|| Error::NotFound {
            what: "lượt tiếp / visit",
            key: code.to_string(),
        })?;
        self.write(|tx, policy, actor| {
            let at = super::now_utc().to_rfc3339();
            let mut petition = petitions::require_code(tx, code)?;
            let protect = crate::privacy::protects_identity(petition.kind);
            // The officer confirmed that this visitor is the petition's filer: one visitor, one
            // filer, so the spelling typed today joins the filer's person (kept as given, a
            // snapshot of its own) — never a stray new person. A denouncer's sealed snapshots
            // are never linked (see `sealed`).
            let filer_person = match petition.filers.as_slice() {
                [filer] if !protect && visit.attendees.len() == 1 => {
                    citizens::person_of(tx, *filer)?
                }
                _ => None,
            };
            for attendee in &visit.attendees {
                if let Some(input) = intake
                    .citizens
                    .iter()
                    .find(|c| c.citizen.id == attendee.citizen_id)
                {
                    let stored =
                        citizens::store_snapshot(tx, &input.citizen, &at, actor, true, protect)?;
                    if let Some(person) = filer_person.filter(|p| *p != stored.person) {
                        citizens::join_person(tx, stored.id, person)?;
                        super::persons::record_event(
                            tx,
                            &at,
                            actor,
                            super::persons::EventKind::Merge,
                            person,
                            Some(stored.person),
                            &[stored.id],
                            note,
                        )?;
                    }
                }
            }
            visits::insert(tx, &visit, crate::privacy::protects_identity(petition.kind))?;
            let step = Step {
                kind: EventKind::Note,
                on: today,
                detail: StepDetail {
                    note: Some(note.to_string()),
                    ..Default::default()
                },
            };
            petition.state = petition
                .state
                .apply(&policy.step_context(&petition), &step)?;
            let due = policy.deadline(&petition, today);
            let event = events::append(tx, petition.id, &step, actor, &at)?;
            petitions::update_state(tx, petition.id, &petition.state, due.as_ref())?;
            audit::record_sealed(
                tx,
                actor,
                "attach_visit",
                "petition",
                code,
                &serde_json::json!({
                    "visit": super::sealed::visit_for_audit(&visit, petition.kind),
                    "event": &event,
                }),
                &super::seal::Touched::one(petition.id),
            )?;
            Ok(petition)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::PetitionKind;
    use crate::intake::{CitizenForm, IntakeForm};
    use crate::policy::Policy;
    use crate::store::Store;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn log(store: &mut Store, name: &str, kind: PetitionKind, repeat_of: &str) -> String {
        let form = IntakeForm {
            citizens: vec![CitizenForm {
                name: name.into(),
                address: "Thôn 3, xã Cẩm Xuyên, tỉnh Hà Tĩnh".into(),
                ..Default::default()
            }],
            kind: kind.code().into(),
            subject: "Tranh chấp đất".into(),
            officer: "lan".into(),
            repeat_of: repeat_of.into(),
            ..IntakeForm::default()
        };
        let intake = form
            .validate(today(), today().and_hms_opt(9, 0, 0).unwrap())
            .unwrap();
        store.log_intake(intake, today()).unwrap().petition_code
    }

    #[test]
    fn desk_queries() {
        let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
        let first = log(&mut store, "Lê Văn Tám", PetitionKind::Complaint, "");
        let second = log(&mut store, "Lê Văn Tám", PetitionKind::Complaint, &first);
        let third = log(&mut store, "Lê Văn Tám", PetitionKind::Complaint, &second);
        let secret = log(&mut store, "Trần Mật", PetitionKind::Denunciation, "");
        assert_eq!(
            store.repeat_root(&third).unwrap().as_deref(),
            Some(first.as_str())
        );
        assert_eq!(store.repeat_root("nope").unwrap(), None);
        assert_eq!(store.open_petitions_of(Some("lan"), 10).unwrap().len(), 4);
        assert_eq!(store.open_petitions_of(Some("hoa"), 10).unwrap().len(), 0);
        assert_eq!(store.count_open(None).unwrap(), 4);
        assert_eq!(
            store.filer_communes(&first).unwrap(),
            vec!["xa cam xuyen".to_string()]
        );
        assert!(store.filer_communes(&secret).unwrap().is_empty());
    }

    #[test]
    fn reveal_is_audited_and_attach_adds_a_visit_and_a_note() {
        let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
        let secret = log(&mut store, "Trần Mật", PetitionKind::Denunciation, "");
        let shown = store.reveal_identity(&secret).unwrap();
        assert_eq!(shown[0].full_name, "Trần Mật");
        let audit = store.audit_tail(1).unwrap();
        assert_eq!(
            (audit[0].action.as_str(), audit[0].entity_id.as_str()),
            ("reveal_identity", secret.as_str())
        );

        let form = IntakeForm {
            citizens: vec![CitizenForm {
                name: "Trần Mật".into(),
                ..Default::default()
            }],
            kind: "denunciation".into(),
            subject: "đến lại".into(),
            ..IntakeForm::default()
        };
        let intake = form
            .validate(today(), today().and_hms_opt(10, 0, 0).unwrap())
            .unwrap();
        let before = store.visits_on(today()).unwrap().len();
        store
            .attach_visit(&secret, &intake, "đến lại", today())
            .unwrap();
        assert_eq!(store.visits_on(today()).unwrap().len(), before + 1);
        let petition = store.petition(&secret).unwrap();
        let events = store.events(petition.id).unwrap();
        assert_eq!(
            events.last().unwrap().detail.note.as_deref(),
            Some("đến lại")
        );
        assert_eq!(store.petition_count().unwrap(), 1);
    }
}
