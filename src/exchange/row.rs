//! One logbook row → one [`Case`], through the desk's own validator: the row fills an
//! [`IntakeForm`] exactly as an officer would, so a value the desk refuses is refused here too.
//! Only what the form has no field for (code, outcome dates, flags) is checked here.

use super::problem::RowProblem;
use super::steps::{Outcome, parse_status};
use super::{Column, ids};
use crate::domain::labelled::Labelled;
use crate::domain::*;
use crate::error::Error;
use crate::i18n::Lang;
use crate::intake::{CitizenForm, IntakeForm};
use crate::policy::Policy;
use crate::privacy::{anonymous_label, protected_label};
use crate::store::Case;
use crate::text::fold;
use crate::validate::{self, MAX_LINE};
use chrono::{NaiveDate, NaiveTime};

/// Codes are free text in old logbooks ("15/2026", "KN-03"), but short.
const MAX_CODE: usize = 64;

/// Where each known column sits in the file.
#[derive(Debug, Clone, Default)]
pub struct ColumnIndex {
    positions: Vec<(Column, usize)>,
}

impl ColumnIndex {
    pub fn insert(&mut self, column: Column, position: usize) -> bool {
        if self.position(column).is_some() {
            return false;
        }
        self.positions.push((column, position));
        true
    }

    /// How many columns were found.
    pub fn found(&self) -> usize {
        self.positions.len()
    }

    pub fn position(&self, column: Column) -> Option<usize> {
        self.positions
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, p)| *p)
    }
}

/// What the import needs besides the row.
pub struct RowContext<'a> {
    pub today: NaiveDate,
    pub policy: &'a Policy,
    pub actor: &'a str,
}

/// The export writes `'=…` for a cell that would start a formula (`text::csv_cell`); reading it
/// back drops that apostrophe so export → import gives the text that was stored.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// The word inside an optional pair of brackets, folded: "(Nặc danh)" → "nac danh".
fn bare(cell: &str) -> String {
    fold(cell)
        .trim_matches(|c| c == '(' || c == ')')
        .trim()
        .to_string()
}

/// A cell the export masked because it belongs to a denouncer (in either language).
fn is_protected(cell: &str) -> bool {
    let cell = bare(cell);
    [Lang::Vi, Lang::En]
        .iter()
        .any(|lang| cell == bare(protected_label(*lang)))
}

fn is_anonymous(cell: &str) -> bool {
    let cell = bare(cell);
    cell == "an danh"
        || [Lang::Vi, Lang::En]
            .iter()
            .any(|l| cell == bare(anonymous_label(*l)))
}

fn yes_no(column: Column, raw: &str) -> Result<bool, RowProblem> {
    match bare(raw).as_str() {
        "" | "0" | "khong" | "k" | "no" | "n" | "false" => Ok(false),
        "1" | "co" | "c" | "x" | "yes" | "y" | "true" => Ok(true),
        _ => Err(RowProblem::NotYesNo { column }),
    }
}

struct Cells<'a> {
    cells: &'a [String],
    index: &'a ColumnIndex,
}

impl Cells<'_> {
    fn get(&self, column: Column) -> &str {
        let raw = self
            .index
            .position(column)
            .and_then(|p| self.cells.get(p))
            .map(String::as_str)
            .unwrap_or("");
        unguard(raw.trim())
    }

    /// An identity cell; a masked one reads as blank.
    fn identity(&self, column: Column) -> &str {
        let value = self.get(column);
        if is_protected(value) { "" } else { value }
    }
}

/// The filers a row names. Several people are written `A; B` with their numbers, phones and
/// addresses in the same order; a column that does not split into as many parts belongs whole
/// to the first person (addresses may contain semicolons of their own).
fn citizen_forms(cells: &Cells) -> Vec<CitizenForm> {
    let names = cells.get(Column::CitizenName);
    if is_protected(names) {
        // A denouncer whose identity the export withheld: someone did file it (so it is not
        // anonymous, which would forbid acceptance), but who is kept elsewhere.
        return vec![CitizenForm {
            name: protected_label(Lang::Vi).to_string(),
            ..Default::default()
        }];
    }
    if is_anonymous(names) {
        return Vec::new();
    }
    let names: Vec<&str> = names.split(';').map(str::trim).collect();
    let part = |column: Column, i: usize| -> String {
        let value = cells.identity(column);
        let parts: Vec<&str> = value.split(';').map(str::trim).collect();
        match (names.len() > 1 && parts.len() == names.len(), i) {
            (true, _) => parts[i].to_string(),
            (false, 0) => value.to_string(),
            (false, _) => String::new(),
        }
    };
    names
        .iter()
        .enumerate()
        .map(|(i, name)| CitizenForm {
            name: name.to_string(),
            id_number: part(Column::CitizenId, i),
            phone: part(Column::Phone, i),
            address: part(Column::Address, i),
            birth_year: String::new(),
            representative: false,
        })
        .collect()
}

fn optional_text(
    cells: &Cells,
    column: Column,
    field: InputField,
    max: usize,
    problems: &mut Vec<RowProblem>,
) -> Option<String> {
    validate::optional(field, cells.get(column), max, false)
        .map_err(|e| problems.push(RowProblem::invalid(Some(column), e)))
        .ok()
        .flatten()
}

fn optional_date(
    cells: &Cells,
    column: Column,
    today: NaiveDate,
    problems: &mut Vec<RowProblem>,
) -> Option<NaiveDate> {
    let raw = cells.get(column);
    if raw.is_empty() {
        return None;
    }
    validate::past_date(InputField::StepDate, raw, today)
        .map_err(|e| problems.push(RowProblem::invalid(Some(column), e)))
        .ok()
}

fn flags(cells: &Cells, problems: &mut Vec<RowProblem>) -> Flags {
    let mut flags = Flags::default();
    for word in cells.get(Column::Flags).split([',', ';']).map(str::trim) {
        match (word.is_empty(), Flag::parse(word)) {
            (true, _) => {}
            (false, Some(flag)) => flags.insert(flag),
            (false, None) => problems.push(RowProblem::NotOneOf {
                column: Column::Flags,
                choices: Flag::all().iter().map(|f| f.label(Lang::Vi)).collect(),
            }),
        }
    }
    flags
}

/// The identity of a row: who, when, what — never the outcome, so a logbook whose statuses moved
/// on is still recognised as the same petitions. A coded row's code and source count too: the
/// same row imported twice is one petition, but another desk's petition that happens to carry a
/// code already used here is a different one (re-coded by the import). Rows without a code keep
/// the identity they always had, so logbooks imported before stay recognised.
fn content_id(petition: &Petition, citizens: &[Citizen], code: Option<&str>) -> Id {
    let received = petition.received_on.to_string();
    let subject = fold(&petition.subject);
    let mut parts = match code {
        Some(code) => vec!["coded row", code, petition.source.code()],
        None => vec!["row"],
    };
    parts.extend([received.as_str(), petition.kind.code(), &subject]);
    let people: Vec<String> = citizens
        .iter()
        .map(|c| {
            let id = c.id_number.as_deref().unwrap_or("");
            let phone = c.phone.as_deref().unwrap_or("");
            format!("{}|{id}|{phone}", fold(&c.full_name))
        })
        .collect();
    parts.extend(people.iter().map(String::as_str));
    ids::name_based(&parts)
}

/// The cell to blame when the replay refuses: a step date out of order is in a date column,
/// anything else is the status the row asks for.
fn replay_column(error: &Error, outcome: &Outcome, petition: &Petition) -> Column {
    let Error::Invalid { problem, .. } = error else {
        return Column::Status;
    };
    let accepted_early = outcome
        .accepted_on
        .is_some_and(|d| d < petition.received_on);
    match problem {
        crate::error::Problem::DateBeforeReceipt if accepted_early => Column::AcceptedOn,
        crate::error::Problem::DateBeforeReceipt
        | crate::error::Problem::DateBeforePreviousStep => Column::ResolvedOn,
        _ => Column::Status,
    }
}

/// Parses, validates and replays one row. Pure: the database is not consulted.
pub fn parse_row(
    cells: &[String],
    index: &ColumnIndex,
    ctx: &RowContext,
) -> Result<Case, Vec<RowProblem>> {
    let cells = Cells { cells, index };
    let mut problems = Vec::new();
    let received_raw = cells.get(Column::ReceivedOn);
    if received_raw.is_empty() {
        // The form reads a blank date as today; a logbook row must say when.
        problems.push(RowProblem::invalid(
            None,
            Error::invalid(InputField::ReceivedOn, crate::error::Problem::Required),
        ));
    }
    let status = match cells.get(Column::Status) {
        "" => None,
        raw => parse_status(raw).or_else(|| {
            problems.push(RowProblem::NotOneOf {
                column: Column::Status,
                choices: Status::all().iter().map(|s| s.label(Lang::Vi)).collect(),
            });
            None
        }),
    };
    let code = optional_text(
        &cells,
        Column::Code,
        InputField::Code,
        MAX_CODE,
        &mut problems,
    );
    let outcome = Outcome {
        status,
        accepted_on: optional_date(&cells, Column::AcceptedOn, ctx.today, &mut problems),
        resolved_on: optional_date(&cells, Column::ResolvedOn, ctx.today, &mut problems),
        decision_no: optional_text(
            &cells,
            Column::DecisionNo,
            InputField::Decision,
            MAX_LINE,
            &mut problems,
        ),
        transferred_to: optional_text(
            &cells,
            Column::TransferredTo,
            InputField::Agency,
            MAX_LINE,
            &mut problems,
        ),
    };
    let leader_present = yes_no(Column::LeaderPresent, cells.get(Column::LeaderPresent))
        .map_err(|p| problems.push(p))
        .unwrap_or(false);
    let remote_area = yes_no(Column::RemoteArea, cells.get(Column::RemoteArea))
        .map_err(|p| problems.push(p))
        .unwrap_or(false);
    let mut flags = flags(&cells, &mut problems);
    let citizens = citizen_forms(&cells);
    if citizens.is_empty() {
        flags.insert(Flag::Anonymous);
    }
    let or = |column: Column, default: &str| match cells.get(column) {
        "" => default.to_string(),
        value => value.to_string(),
    };
    let source = or(Column::Source, Source::Desk.code());
    let form = IntakeForm {
        citizens,
        // A logbook row at the desk is a visit; petitions that came by post or transfer are not.
        with_visit: Source::parse(&source) == Some(Source::Desk),
        visit_kind: or(Column::VisitKind, VisitKind::Regular.code()),
        leader_present,
        online: false,
        headcount: or(Column::Headcount, "1"),
        officer: cells.get(Column::Officer).to_string(),
        received_on: received_raw.to_string(),
        source,
        source_agency: cells.get(Column::SourceAgency).to_string(),
        kind: cells.get(Column::Kind).to_string(),
        round: cells.get(Column::Round).to_string(),
        field: or(Column::Field, Field::Other.code()),
        subject: cells.get(Column::Subject).to_string(),
        summary: cells.get(Column::Summary).to_string(),
        complexity: or(Column::Complexity, Complexity::Normal.code()),
        remote_area,
        flags,
        unit: String::new(),
        // The outcome is rebuilt from the status below; the visit's handling follows it.
        handling: Handling::Pending.code().into(),
        to_agency: String::new(),
        repeat_of: String::new(),
        known_on: String::new(),
    };
    let now = ctx.today.and_time(NaiveTime::MIN);
    let intake = match form.validate_all(ctx.today, now) {
        Ok(intake) if problems.is_empty() => intake,
        Ok(_) => return Err(problems),
        Err(errors) => {
            problems.extend(errors.into_iter().map(|e| RowProblem::invalid(None, e)));
            return Err(problems);
        }
    };
    let citizens: Vec<Citizen> = intake.citizens.into_iter().map(|c| c.citizen).collect();
    let mut petition = intake.petition;
    petition.id = content_id(&petition, &citizens, code.as_deref());
    petition.code = code.unwrap_or_default();
    let first = Step {
        kind: EventKind::Received,
        on: petition.received_on,
        detail: StepDetail {
            complexity: Some(petition.state.complexity),
            ..Default::default()
        },
    };
    let steps = outcome
        .steps(petition.kind, petition.received_on, first)
        .map_err(|p| vec![p])?;
    petition.state = ctx.policy.replay(&petition, &steps).map_err(|e| {
        vec![RowProblem::invalid(
            Some(replay_column(&e, &outcome, &petition)),
            e,
        )]
    })?;
    let mut visit = intake.visit;
    if let Some(visit) = visit.as_mut() {
        visit.id = ids::name_based(&["visit", &petition.id.to_string()]);
        visit.handling = outcome.handling();
        petition.visit_id = Some(visit.id);
    }
    Ok(Case {
        citizens,
        visit,
        petition,
        steps,
        actor: ctx.actor.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_and_guarded_cells_read_back() {
        assert_eq!(unguard("'=1+1"), "=1+1");
        assert_eq!(unguard("'tên"), "'tên");
        assert!(is_protected("(danh tính được bảo mật)"));
        assert!(is_protected("(identity protected)"));
        assert!(is_anonymous("Nặc danh"));
        assert!(is_anonymous("(anonymous)"));
        assert!(!is_anonymous("Nguyễn Văn A"));
    }
}
