//! The small prompt for taking one lifecycle step: the date, and what that step needs (agency,
//! decision number, extension days, competence, complexity, partial withdrawal, a note).

use super::action::Action;
use super::field::Widget;
use super::pick::Pick;
use chrono::NaiveDate;
use tiepdan::domain::*;
use tiepdan::error::Refusal;
use tiepdan::i18n::Lang;
use tiepdan::text::clean_input;
use tiepdan::{Error, Result};

/// A field of the prompt: the core's [`tiepdan::i18n::StepField`] (one list of fields and their labels).
pub use tiepdan::i18n::StepField as PromptSlot;

#[derive(Debug, Clone, PartialEq)]
pub struct StepPrompt {
    pub kind: EventKind,
    pub fields: Vec<(PromptSlot, Widget)>,
    pub focus: usize,
    /// The error of the last try, and the field it is about (None: about the whole step).
    pub error: Option<(Option<PromptSlot>, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptOutcome {
    Stay,
    Cancel,
    Submit,
}

impl StepPrompt {
    pub fn new(kind: EventKind, today: NaiveDate, complexity: Complexity) -> StepPrompt {
        use PromptSlot as P;
        let extra: &[PromptSlot] = match kind {
            EventKind::Classified => &[P::Competence, P::Complexity],
            EventKind::Accepted => &[P::Complexity],
            EventKind::Extended => &[P::Days, P::Complexity],
            EventKind::Transferred | EventKind::Guided | EventKind::InfoHandled => &[P::Agency],
            EventKind::Resolved => &[P::Decision, P::Finding],
            EventKind::Withdrawn => &[P::Partial],
            EventKind::Marked => &[P::Flag, P::Unset],
            EventKind::Assigned => &[P::Officer],
            _ => &[],
        };
        let mut fields = vec![(P::Date, Widget::text(&today.format("%d/%m/%Y").to_string()))];
        for slot in extra {
            let widget = match slot {
                P::Competence => Widget::Pick(Pick::of(Some(Competence::Ours))),
                P::Complexity => Widget::Pick(Pick::of(Some(complexity))),
                P::Partial | P::Unset => Widget::Pick(Pick::yes_no(false)),
                P::Flag => Widget::Pick(Pick::markers()),
                P::Finding => Widget::Pick(Pick::of::<Finding>(None)),
                _ => Widget::text(""),
            };
            fields.push((*slot, widget));
        }
        fields.push((P::Note, Widget::text("")));
        StepPrompt {
            kind,
            fields,
            focus: 0,
            error: None,
        }
    }

    /// The correction prompt: the petition's facts as recorded, and why (required).
    pub fn correction(petition: &Petition) -> StepPrompt {
        use PromptSlot as P;
        let received = petition.received_on.format("%d/%m/%Y").to_string();
        StepPrompt {
            kind: EventKind::Corrected,
            fields: vec![
                (P::Subject, Widget::text(&petition.subject)),
                (P::Summary, Widget::text(&petition.summary)),
                (P::Field, Widget::Pick(Pick::of(Some(petition.field)))),
                (P::Kind, Widget::Pick(Pick::of(Some(petition.kind)))),
                (P::Received, Widget::text(&received)),
                (P::Note, Widget::text("")),
            ],
            focus: 0,
            error: None,
        }
    }

    /// The correction as typed: only what differs from `petition` (the store refuses an edit
    /// that changes nothing, and one without a reason).
    pub fn edit(&self, petition: &Petition) -> Result<tiepdan::store::PetitionEdit> {
        let raw = |slot| self.raw(slot).unwrap_or_default();
        let received = tiepdan::validate::date(InputField::ReceivedOn, &raw(PromptSlot::Received))?;
        let subject = clean_input(&raw(PromptSlot::Subject), false);
        let summary = clean_input(&raw(PromptSlot::Summary), true);
        Ok(tiepdan::store::PetitionEdit {
            subject: (subject != petition.subject).then_some(subject),
            summary: (summary != petition.summary).then_some(summary),
            field: Field::parse(&raw(PromptSlot::Field)).filter(|f| *f != petition.field),
            kind: PetitionKind::parse(&raw(PromptSlot::Kind)).filter(|k| *k != petition.kind),
            received_on: (received != petition.received_on).then_some(received),
            note: raw(PromptSlot::Note),
        })
    }

    fn raw(&self, slot: PromptSlot) -> Option<String> {
        self.fields
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, w)| w.raw())
    }

    fn text(&self, slot: PromptSlot) -> Option<String> {
        self.raw(slot)
            .map(|v| clean_input(&v, false))
            .filter(|v| !v.is_empty())
    }

    pub fn update(&mut self, action: &Action) -> PromptOutcome {
        if self.fields[self.focus].1.edit(action) {
            return PromptOutcome::Stay;
        }
        let last = self.fields.len() - 1;
        match action {
            Action::Back => return PromptOutcome::Cancel,
            Action::Save => return PromptOutcome::Submit,
            Action::Open if self.focus == last => return PromptOutcome::Submit,
            Action::Open | Action::NextField | Action::Down => {
                self.fields[self.focus].1.commit();
                self.focus = (self.focus + 1).min(last);
            }
            Action::PrevField | Action::Up => {
                self.fields[self.focus].1.commit();
                self.focus = self.focus.saturating_sub(1);
            }
            _ => {}
        }
        PromptOutcome::Stay
    }

    /// The step as typed, or the error pointing at the field to fix.
    pub fn step(&self) -> Result<Step> {
        let on = tiepdan::validate::date(
            InputField::StepDate,
            &self.raw(PromptSlot::Date).unwrap_or_default(),
        )?;
        let days = match self.text(PromptSlot::Days) {
            Some(raw) => Some(raw.parse().map_err(|_| Error::UnknownValue {
                what: "số ngày / days",
                value: raw.clone(),
                allowed: "≥ 1".into(),
            })?),
            None => None,
        };
        Ok(Step {
            kind: self.kind,
            on,
            detail: StepDetail {
                to_agency: self.text(PromptSlot::Agency),
                decision_no: self.text(PromptSlot::Decision),
                days,
                competence: self
                    .raw(PromptSlot::Competence)
                    .and_then(|c| Competence::parse(&c)),
                complexity: self
                    .raw(PromptSlot::Complexity)
                    .and_then(|c| Complexity::parse(&c)),
                partial: self.raw(PromptSlot::Partial).as_deref() == Some("yes"),
                flag: self.raw(PromptSlot::Flag).and_then(|f| Flag::parse(&f)),
                unset: self.raw(PromptSlot::Unset).as_deref() == Some("yes"),
                officer: self.text(PromptSlot::Officer),
                finding: self
                    .raw(PromptSlot::Finding)
                    .and_then(|f| Finding::parse(&f)),
                note: self.text(PromptSlot::Note),
                changes: Vec::new(),
                known_on: None,
            },
        })
    }

    /// Shows an error from the core next to the field it is about, and moves there.
    pub fn show_error(&mut self, err: &Error, lang: Lang) {
        let slot = match err {
            Error::Invalid {
                field: InputField::StepDate,
                ..
            } => Some(PromptSlot::Date),
            Error::Invalid {
                field: InputField::Agency,
                ..
            } => Some(PromptSlot::Agency),
            Error::Invalid {
                field: InputField::Decision,
                ..
            } => Some(PromptSlot::Decision),
            Error::IllegalStep {
                why: Refusal::AgencyRequired,
                ..
            } => Some(PromptSlot::Agency),
            Error::IllegalStep {
                why: Refusal::DecisionRequired,
                ..
            } => Some(PromptSlot::Decision),
            Error::UnknownValue { .. } => Some(PromptSlot::Days),
            Error::Invalid {
                field: InputField::Subject,
                ..
            } => Some(PromptSlot::Subject),
            Error::Invalid {
                field: InputField::Summary,
                ..
            } => Some(PromptSlot::Summary),
            Error::Invalid {
                field: InputField::ReceivedOn,
                ..
            } => Some(PromptSlot::Received),
            Error::Invalid {
                field: InputField::Reason,
                ..
            } => Some(PromptSlot::Note),
            Error::Invalid {
                field: InputField::Officer,
                ..
            } => Some(PromptSlot::Officer),
            Error::Invalid {
                field: InputField::Flag,
                ..
            } => Some(PromptSlot::Flag),
            _ => None,
        };
        if let Some(at) = slot.and_then(|s| self.fields.iter().position(|(f, _)| *f == s)) {
            self.focus = at;
        }
        self.error = Some((slot, err.message(lang)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_prompt_offers_only_the_markers_a_desk_sets() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let prompt = StepPrompt::new(EventKind::Marked, today, Complexity::Normal);
        let slots: Vec<_> = prompt.fields.iter().map(|(s, _)| *s).collect();
        use PromptSlot as P;
        assert_eq!(slots, [P::Date, P::Flag, P::Unset, P::Note]);
        let step = prompt.step().unwrap();
        assert_eq!(step.detail.flag, Some(EventKind::MARKABLE[0]));
        assert!(!step.detail.unset);
        let assign = StepPrompt::new(EventKind::Assigned, today, Complexity::Normal);
        let slots: Vec<_> = assign.fields.iter().map(|(s, _)| *s).collect();
        assert_eq!(slots, [P::Date, P::Officer, P::Note]);
    }

    #[test]
    fn transfer_needs_an_agency_and_a_valid_date() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut prompt = StepPrompt::new(EventKind::Transferred, today, Complexity::Normal);
        let slots: Vec<_> = prompt.fields.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            slots,
            [PromptSlot::Date, PromptSlot::Agency, PromptSlot::Note]
        );
        let step = prompt.step().unwrap();
        assert_eq!((step.on, step.detail.to_agency), (today, None));
        prompt.update(&Action::End);
        prompt.update(&Action::Backspace);
        prompt.update(&Action::Type('x'));
        let err = prompt.step().unwrap_err();
        prompt.show_error(&err, Lang::En);
        assert_eq!(prompt.error.as_ref().unwrap().0, Some(PromptSlot::Date));
    }
}
