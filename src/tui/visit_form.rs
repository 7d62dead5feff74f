//! The new-visit form: what was typed, which field has the cursor, the errors each field carries,
//! and the possible-repeats pane beside it. Validation is the core's (`IntakeForm`); this module
//! only maps its errors back onto the fields, so nothing typed is ever lost to an error.

use super::action::Action;
use super::field::Widget;
use super::pick::Pick;
use super::repeats::{self, Probe, Typed};
use chrono::{NaiveDate, NaiveDateTime};
use tiepdan::domain::*;
use tiepdan::i18n::Lang;
use tiepdan::intake::{CitizenForm, Intake, IntakeForm};
use tiepdan::search::Candidate;
use tiepdan::{Error, Result};

/// A place in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Name(usize),
    IdNumber(usize),
    Phone(usize),
    Address(usize),
    Representative(usize),
    Kind,
    Round,
    /// Ngày biết quyết định (complaints): the time limit to complain runs from it.
    KnownOn,
    Field,
    Subject,
    Summary,
    Handling,
    ToAgency,
    VisitKind,
    Leader,
    Channel,
    Headcount,
}

/// The headings the form is split under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Citizen(usize),
    Petition,
    Visit,
}

impl Slot {
    pub fn section(self) -> Section {
        match self {
            Slot::Name(i)
            | Slot::IdNumber(i)
            | Slot::Phone(i)
            | Slot::Address(i)
            | Slot::Representative(i) => Section::Citizen(i),
            Slot::Kind
            | Slot::Round
            | Slot::KnownOn
            | Slot::Field
            | Slot::Subject
            | Slot::Summary
            | Slot::Handling
            | Slot::ToAgency => Section::Petition,
            Slot::VisitKind | Slot::Leader | Slot::Channel | Slot::Headcount => Section::Visit,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let l = |vi, en| lang.pick(vi, en);
        match self {
            Slot::Name(_) => l("Họ tên", "Name"),
            Slot::IdNumber(_) => l("CCCD/CMND", "ID (CCCD)"),
            Slot::Phone(_) => l("Điện thoại", "Phone"),
            Slot::Address(_) => l("Địa chỉ", "Address"),
            Slot::Representative(_) => l("Người đại diện", "Representative"),
            Slot::Kind => l("Loại đơn", "Kind"),
            Slot::Round => l("Lần khiếu nại", "Round"),
            Slot::KnownOn => {
                tiepdan::i18n::legal_text(tiepdan::i18n::LegalText::KnownOnLabel, lang)
            }
            Slot::Field => l("Lĩnh vực", "Field"),
            Slot::Subject => l("Nội dung", "Subject"),
            Slot::Summary => l("Tóm tắt", "Summary"),
            Slot::Handling => l("Hướng xử lý", "Handling"),
            Slot::ToAgency => l("Cơ quan nhận", "To agency"),
            Slot::VisitKind => l("Hình thức tiếp", "Visit kind"),
            Slot::Leader => l("Lãnh đạo tiếp", "Leader present"),
            Slot::Channel => l("Kênh tiếp", "Channel"),
            Slot::Headcount => l("Số người", "Headcount"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CitizenFields {
    pub name: Widget,
    pub id_number: Widget,
    pub phone: Widget,
    pub address: Widget,
    pub representative: Widget,
}

impl Default for CitizenFields {
    fn default() -> Self {
        CitizenFields {
            name: Widget::text(""),
            id_number: Widget::text(""),
            phone: Widget::text(""),
            address: Widget::text(""),
            representative: Widget::Pick(Pick::yes_no(false)),
        }
    }
}

/// The possible-repeats pane: candidates for what is typed, and the one the operator points at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RepeatPane {
    pub candidates: Vec<Candidate>,
    pub selected: usize,
    pub focused: bool,
    /// The probe the candidates were found for; a different one means search again.
    searched: Option<Probe>,
}

impl RepeatPane {
    pub fn current(&self) -> Option<&Candidate> {
        self.candidates.get(self.selected)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    pub citizens: Vec<CitizenFields>,
    pub kind: Widget,
    pub round: Widget,
    pub known_on: Widget,
    pub field: Widget,
    pub subject: Widget,
    pub summary: Widget,
    pub handling: Widget,
    pub to_agency: Widget,
    pub visit_kind: Widget,
    pub leader: Widget,
    pub channel: Widget,
    pub headcount: Widget,
    /// The earlier petition the new one will be linked to as a repeat.
    pub repeat_of: Option<String>,
    pub focus: Slot,
    pub errors: Vec<(Slot, String)>,
    pub dirty: bool,
    pub repeats: RepeatPane,
}

impl Default for FormState {
    fn default() -> Self {
        FormState {
            citizens: vec![CitizenFields::default()],
            kind: Widget::Pick(Pick::of::<PetitionKind>(None)),
            round: Widget::Pick(Pick::of(Some(Round::First))),
            known_on: Widget::text(""),
            field: Widget::Pick(Pick::of::<tiepdan::domain::Field>(None)),
            subject: Widget::text(""),
            summary: Widget::text(""),
            handling: Widget::Pick(Pick::of(Some(Handling::Pending))),
            to_agency: Widget::text(""),
            visit_kind: Widget::Pick(Pick::of(Some(VisitKind::Regular))),
            leader: Widget::Pick(Pick::yes_no(false)),
            channel: Widget::Pick(Pick::of(Some(Channel::InPerson))),
            headcount: Widget::text("1"),
            repeat_of: None,
            focus: Slot::Name(0),
            errors: Vec::new(),
            dirty: false,
            repeats: RepeatPane::default(),
        }
    }
}

/// What the form asks of the app after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum FormOutcome {
    Stay,
    /// Leave the form (nothing typed, or the operator confirmed).
    Close,
    /// Ask before throwing away what was typed.
    ConfirmDiscard,
    Open(String),
    Save,
    Attach(String),
    /// `Ctrl-L` on a candidate: ask before marking the new petition a repeat of it.
    Link(String),
}

impl FormState {
    /// "Số người" follows the people listed: it was their count (`listed_before`) or is now
    /// below it, so it becomes the new count; a larger number typed for members not listed by
    /// name stays.
    fn follow_people(&mut self, listed_before: usize) {
        let listed = self.citizens.len() as u32;
        let now = self.headcount();
        if now == listed_before as u32 || now < listed {
            self.headcount = Widget::text(&listed.max(1).to_string());
        }
    }

    pub fn headcount(&self) -> u32 {
        self.headcount.raw().trim().parse().unwrap_or(1)
    }

    fn is_group(&self) -> bool {
        self.headcount() >= GROUP_MIN_HEADCOUNT
    }

    /// The fields shown now, in order: some appear only when they apply.
    pub fn slots(&self) -> Vec<Slot> {
        let mut slots = Vec::new();
        for i in 0..self.citizens.len() {
            slots.extend([
                Slot::Name(i),
                Slot::IdNumber(i),
                Slot::Phone(i),
                Slot::Address(i),
            ]);
            if self.is_group() {
                slots.push(Slot::Representative(i));
            }
        }
        slots.push(Slot::Kind);
        if self.kind.raw() == PetitionKind::Complaint.code() {
            slots.push(Slot::Round);
        }
        slots.extend([Slot::Field, Slot::Subject, Slot::Summary, Slot::Handling]);
        if matches!(self.handling.raw().as_str(), "transfer" | "guide") {
            slots.push(Slot::ToAgency);
        }
        // Last of the petition's fields, so the usual ones keep their places in the Tab order.
        if self.kind.raw() == PetitionKind::Complaint.code() {
            slots.push(Slot::KnownOn);
        }
        slots.extend([
            Slot::VisitKind,
            Slot::Leader,
            Slot::Channel,
            Slot::Headcount,
        ]);
        slots
    }

    pub fn widget(&self, slot: Slot) -> &Widget {
        match slot {
            Slot::Name(i) => &self.citizens[i].name,
            Slot::IdNumber(i) => &self.citizens[i].id_number,
            Slot::Phone(i) => &self.citizens[i].phone,
            Slot::Address(i) => &self.citizens[i].address,
            Slot::Representative(i) => &self.citizens[i].representative,
            Slot::Kind => &self.kind,
            Slot::Round => &self.round,
            Slot::KnownOn => &self.known_on,
            Slot::Field => &self.field,
            Slot::Subject => &self.subject,
            Slot::Summary => &self.summary,
            Slot::Handling => &self.handling,
            Slot::ToAgency => &self.to_agency,
            Slot::VisitKind => &self.visit_kind,
            Slot::Leader => &self.leader,
            Slot::Channel => &self.channel,
            Slot::Headcount => &self.headcount,
        }
    }

    fn widget_mut(&mut self, slot: Slot) -> &mut Widget {
        match slot {
            Slot::Name(i) => &mut self.citizens[i].name,
            Slot::IdNumber(i) => &mut self.citizens[i].id_number,
            Slot::Phone(i) => &mut self.citizens[i].phone,
            Slot::Address(i) => &mut self.citizens[i].address,
            Slot::Representative(i) => &mut self.citizens[i].representative,
            Slot::Kind => &mut self.kind,
            Slot::Round => &mut self.round,
            Slot::KnownOn => &mut self.known_on,
            Slot::Field => &mut self.field,
            Slot::Subject => &mut self.subject,
            Slot::Summary => &mut self.summary,
            Slot::Handling => &mut self.handling,
            Slot::ToAgency => &mut self.to_agency,
            Slot::VisitKind => &mut self.visit_kind,
            Slot::Leader => &mut self.leader,
            Slot::Channel => &mut self.channel,
            Slot::Headcount => &mut self.headcount,
        }
    }

    pub fn error_of(&self, slot: Slot) -> Option<&str> {
        self.errors
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, m)| m.as_str())
    }

    fn move_focus(&mut self, step: isize) {
        let slots = self.slots();
        let at = slots.iter().position(|s| *s == self.focus).unwrap_or(0);
        let next = (at as isize + step).clamp(0, slots.len() as isize - 1) as usize;
        self.widget_mut(self.focus).commit();
        self.focus = slots[next];
    }

    /// Keeps the focus on a field that still exists after the shown fields changed.
    fn keep_focus_valid(&mut self) {
        if !self.slots().contains(&self.focus) {
            self.focus = match self.focus.section() {
                Section::Citizen(_) => Slot::Name(self.citizens.len() - 1),
                Section::Petition => Slot::Handling,
                Section::Visit => Slot::Headcount,
            };
        }
    }

    pub fn update(&mut self, action: &Action) -> FormOutcome {
        if self.repeats.focused {
            return self.update_pane(action);
        }
        let focus = self.focus;
        if self.widget_mut(focus).edit(action) {
            if Widget::changes_value(action) {
                self.dirty = true;
                self.errors.retain(|(s, _)| *s != focus);
            }
            self.keep_focus_valid();
            return FormOutcome::Stay;
        }
        match action {
            Action::Down | Action::NextField | Action::Open => self.move_focus(1),
            Action::Up | Action::PrevField => self.move_focus(-1),
            Action::PageDown | Action::End => self.move_focus(isize::MAX / 2),
            Action::PageUp | Action::Home => self.move_focus(-(isize::MAX / 2)),
            Action::Save => return FormOutcome::Save,
            Action::AddCitizen => {
                self.widget_mut(focus).commit();
                self.citizens.push(CitizenFields::default());
                self.follow_people(self.citizens.len() - 1);
                self.focus = Slot::Name(self.citizens.len() - 1);
                self.dirty = true;
            }
            Action::RemoveCitizen => {
                if let Section::Citizen(i) = focus.section()
                    && self.citizens.len() > 1
                {
                    self.citizens.remove(i);
                    self.follow_people(self.citizens.len() + 1);
                    self.errors.clear();
                    self.focus = Slot::Name(i.min(self.citizens.len() - 1));
                }
            }
            Action::FocusRepeats if !self.repeats.candidates.is_empty() => {
                self.widget_mut(focus).commit();
                self.repeats.focused = true;
            }
            Action::OpenCandidate | Action::LinkRepeat | Action::AttachVisit => {
                return self.candidate_action(action);
            }
            Action::Back => {
                return if self.dirty {
                    FormOutcome::ConfirmDiscard
                } else {
                    FormOutcome::Close
                };
            }
            _ => {}
        }
        FormOutcome::Stay
    }

    fn update_pane(&mut self, action: &Action) -> FormOutcome {
        let count = self.repeats.candidates.len();
        match action {
            Action::Up => self.repeats.selected = self.repeats.selected.saturating_sub(1),
            Action::Down => {
                self.repeats.selected = (self.repeats.selected + 1).min(count.saturating_sub(1))
            }
            Action::Home | Action::PageUp => self.repeats.selected = 0,
            Action::End | Action::PageDown => self.repeats.selected = count.saturating_sub(1),
            Action::Open => return self.candidate_action(&Action::OpenCandidate),
            Action::FocusRepeats | Action::Back | Action::NextField | Action::PrevField => {
                self.repeats.focused = false
            }
            Action::Save => return FormOutcome::Save,
            Action::OpenCandidate | Action::LinkRepeat | Action::AttachVisit => {
                return self.candidate_action(action);
            }
            _ => {}
        }
        FormOutcome::Stay
    }

    fn candidate_action(&mut self, action: &Action) -> FormOutcome {
        let Some(code) = self.repeats.current().map(|c| c.code.clone()) else {
            return FormOutcome::Stay;
        };
        match action {
            Action::OpenCandidate => FormOutcome::Open(code),
            // Undoing the mark needs no question; setting it is confirmed first (see `link`).
            Action::LinkRepeat if self.repeat_of.as_deref() == Some(code.as_str()) => {
                self.dirty = true;
                self.repeat_of = None;
                FormOutcome::Stay
            }
            Action::LinkRepeat => FormOutcome::Link(code),
            _ => FormOutcome::Attach(code),
        }
    }

    /// The operator confirmed: the new petition will be saved as a repeat of `code`.
    pub fn link(&mut self, code: String) {
        self.dirty = true;
        self.repeat_of = Some(code);
    }

    /// What the search for possible repeats should look for now.
    pub fn probe(&self) -> Probe {
        let raw: Vec<[String; 4]> = self
            .citizens
            .iter()
            .map(|c| {
                [
                    c.name.raw(),
                    c.id_number.raw(),
                    c.phone.raw(),
                    c.address.raw(),
                ]
            })
            .collect();
        let typed: Vec<Typed> = raw
            .iter()
            .map(|[name, id_number, phone, address]| Typed {
                name,
                id_number,
                phone,
                address,
            })
            .collect();
        Probe::new(&typed, &self.subject.raw())
    }

    /// Finds possible repeats again if what they depend on changed since the last search.
    pub fn refresh_repeats(&mut self, store: &tiepdan::store::Store, force: bool) -> Result<()> {
        let probe = self.probe();
        if !force && self.repeats.searched.as_ref() == Some(&probe) {
            return Ok(());
        }
        let selected_code = self.repeats.current().map(|c| c.code.clone());
        self.repeats.candidates = if probe.is_empty() {
            Vec::new()
        } else {
            repeats::find(store, &probe)?
        };
        // The operator's own choice in the pane survives a new search; otherwise the best
        // candidate is the one the keys act on.
        self.repeats.selected = selected_code
            .filter(|_| self.repeats.focused)
            .and_then(|code| self.repeats.candidates.iter().position(|c| c.code == code))
            .unwrap_or(0);
        if self.repeats.candidates.is_empty() {
            self.repeats.focused = false;
        }
        self.repeats.searched = Some(probe);
        Ok(())
    }

    pub fn intake_form(&self, officer: &str) -> IntakeForm {
        IntakeForm {
            citizens: self
                .citizens
                .iter()
                .map(|c| CitizenForm {
                    name: c.name.raw(),
                    id_number: c.id_number.raw(),
                    phone: c.phone.raw(),
                    address: c.address.raw(),
                    birth_year: String::new(),
                    representative: c.representative.as_pick().is_some_and(Pick::is_yes),
                })
                .collect(),
            visit_kind: self.visit_kind.raw(),
            leader_present: self.leader.as_pick().is_some_and(Pick::is_yes),
            online: self.channel.raw() == Channel::Online.code(),
            headcount: self.headcount.raw(),
            officer: officer.to_string(),
            kind: self.kind.raw(),
            round: if self.slots().contains(&Slot::Round) {
                self.round.raw()
            } else {
                String::new()
            },
            field: self.field.raw(),
            subject: self.subject.raw(),
            summary: self.summary.raw(),
            handling: self.handling.raw(),
            to_agency: if self.slots().contains(&Slot::ToAgency) {
                self.to_agency.raw()
            } else {
                String::new()
            },
            repeat_of: self.repeat_of.clone().unwrap_or_default(),
            known_on: if self.slots().contains(&Slot::KnownOn) {
                self.known_on.raw()
            } else {
                String::new()
            },
            ..IntakeForm::default()
        }
    }

    /// Validates with the core. On errors, marks each field, moves the cursor to the first bad
    /// one, and keeps everything typed.
    pub fn validate(
        &mut self,
        form: IntakeForm,
        lang: Lang,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Option<Intake> {
        self.errors.clear();
        for (i, citizen) in form.citizens.iter().enumerate() {
            if !citizen.is_blank()
                && let Err(err) = citizen.validate(today)
            {
                self.mark(&err, Some(i), lang);
            }
        }
        let result = form.validate_all(today, now);
        let citizen_errors = !self.errors.is_empty();
        match result {
            Ok(intake) if !citizen_errors => return Some(intake),
            Ok(_) => {}
            Err(errors) => {
                for err in errors {
                    let about_citizen = matches!(
                        err,
                        Error::Invalid {
                            field: InputField::Name
                                | InputField::IdNumber
                                | InputField::Phone
                                | InputField::Address
                                | InputField::BirthYear,
                            ..
                        }
                    );
                    if !(about_citizen && citizen_errors) {
                        self.mark(&err, None, lang);
                    }
                }
            }
        }
        let slots = self.slots();
        if let Some(first) = slots.iter().find(|s| self.error_of(**s).is_some()) {
            self.widget_mut(self.focus).commit();
            self.focus = *first;
        }
        None
    }

    fn mark(&mut self, err: &Error, citizen: Option<usize>, lang: Lang) {
        let i = citizen.unwrap_or(0);
        let slot = match err {
            Error::Invalid { field, .. } => match field {
                InputField::Name => Slot::Name(i),
                InputField::IdNumber => Slot::IdNumber(i),
                InputField::Phone => Slot::Phone(i),
                InputField::Address | InputField::BirthYear => Slot::Address(i),
                InputField::Headcount => Slot::Headcount,
                InputField::Representatives => self
                    .citizens
                    .iter()
                    .position(|c| c.representative.as_pick().is_some_and(Pick::is_yes))
                    .map_or(Slot::Headcount, Slot::Representative),
                InputField::Kind => Slot::Kind,
                InputField::Round => Slot::Round,
                InputField::KnownOn => Slot::KnownOn,
                InputField::Field => Slot::Field,
                InputField::Subject => Slot::Subject,
                InputField::Summary => Slot::Summary,
                InputField::Handling => Slot::Handling,
                InputField::Agency => Slot::ToAgency,
                InputField::VisitKind => Slot::VisitKind,
                _ => Slot::Subject,
            },
            _ => Slot::Subject,
        };
        self.errors.push((slot, err.message(lang)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_text(form: &mut FormState, text: &str) {
        for c in text.chars() {
            form.update(&Action::Type(c));
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn errors_point_at_fields_and_keep_what_was_typed() {
        let mut form = FormState::default();
        type_text(&mut form, "Lê Thị Hoa");
        form.update(&Action::NextField);
        type_text(&mut form, "12345");
        let typed = form.clone();
        let intake = form.validate(
            form.intake_form("lan"),
            Lang::En,
            day(),
            day().and_hms_opt(9, 0, 0).unwrap(),
        );
        assert!(intake.is_none());
        assert!(form.error_of(Slot::IdNumber(0)).unwrap().contains("CCCD"));
        assert!(form.error_of(Slot::Kind).is_some() && form.error_of(Slot::Subject).is_some());
        assert_eq!(form.focus, Slot::IdNumber(0));
        assert_eq!(form.citizens, typed.citizens);
        // Fixing a field clears its mark.
        form.update(&Action::Backspace);
        assert!(form.error_of(Slot::IdNumber(0)).is_none());
    }

    #[test]
    fn fields_appear_when_they_apply() {
        let mut form = FormState::default();
        assert!(!form.slots().contains(&Slot::Round) && !form.slots().contains(&Slot::ToAgency));
        form.focus = Slot::Kind;
        type_text(&mut form, "khieu");
        assert!(form.slots().contains(&Slot::Round));
        form.focus = Slot::Handling;
        type_text(&mut form, "chuyen");
        assert!(form.slots().contains(&Slot::ToAgency));
        form.focus = Slot::Headcount;
        form.update(&Action::Backspace);
        type_text(&mut form, "7");
        assert!(form.slots().contains(&Slot::Representative(0)));
    }

    /// Adding people with Ctrl-N counts them in "Số người"; a larger number typed for members
    /// not named stays; removing one follows again.
    #[test]
    fn the_headcount_follows_the_people_listed() {
        let mut form = FormState::default();
        form.update(&Action::AddCitizen);
        form.update(&Action::AddCitizen);
        assert_eq!(form.headcount.raw(), "3");
        form.update(&Action::RemoveCitizen);
        assert_eq!(form.headcount.raw(), "2");
        form.focus = Slot::Headcount;
        form.update(&Action::Backspace);
        type_text(&mut form, "12");
        form.update(&Action::AddCitizen);
        assert_eq!(form.headcount.raw(), "12", "a larger typed number stays");
        assert_eq!(form.citizens.len(), 3);
    }

    /// "Ngày biết quyết định" is asked of complaints only; a date after the receipt is marked on
    /// the field and the rest of what was typed stays.
    #[test]
    fn the_day_the_decision_became_known_is_a_complaint_field() {
        let mut form = FormState::default();
        assert!(!form.slots().contains(&Slot::KnownOn));
        type_text(&mut form, "Lê Văn Biết");
        form.focus = Slot::Kind;
        type_text(&mut form, "khieu");
        assert!(form.slots().contains(&Slot::KnownOn));
        form.focus = Slot::Field;
        type_text(&mut form, "dat dai");
        form.focus = Slot::Subject;
        type_text(&mut form, "Khiếu nại thu hồi đất");
        form.focus = Slot::KnownOn;
        type_text(&mut form, "25/11/2026");
        let now = day().and_hms_opt(9, 0, 0).unwrap();
        assert!(
            form.validate(form.intake_form("lan"), Lang::Vi, day(), now)
                .is_none()
        );
        assert!(form.error_of(Slot::KnownOn).is_some(), "{:?}", form.errors);
        assert_eq!(form.focus, Slot::KnownOn);
        assert_eq!(form.subject.raw(), "Khiếu nại thu hồi đất");
        for _ in 0.."25/11/2026".len() {
            form.update(&Action::Backspace);
        }
        type_text(&mut form, "01/03/2026");
        let intake = form
            .validate(form.intake_form("lan"), Lang::Vi, day(), now)
            .unwrap_or_else(|| panic!("{:?}", form.errors));
        assert_eq!(
            intake.petition.state.known_on,
            NaiveDate::from_ymd_opt(2026, 3, 1)
        );
    }

    #[test]
    fn escape_asks_only_when_something_was_typed() {
        let mut form = FormState::default();
        assert_eq!(form.update(&Action::Back), FormOutcome::Close);
        form.update(&Action::Type('a'));
        assert_eq!(form.update(&Action::Back), FormOutcome::ConfirmDiscard);
    }
}
