//! What a desk officer types for a new visit and petition, as raw text, and its validation.
//!
//! The CLI, the TUI form and the CSV import all fill an [`IntakeForm`]; [`IntakeForm::validate`]
//! turns it into an [`Intake`] the store can save, or into errors that name the fields, so the
//! form can point at them and keep everything typed.

use crate::domain::labelled::Labelled;
use crate::domain::*;
use crate::error::{Error, Problem, Result};
use crate::i18n::Lang;
use crate::text::clean_input;
use crate::validate::{self, MAX_LINE, MAX_NAME, MAX_TEXT};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// One citizen as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CitizenForm {
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub address: String,
    pub birth_year: String,
    pub representative: bool,
}

/// The whole new-visit form as typed. Enum fields hold what was typed too (code or label).
#[derive(Debug, Clone, PartialEq)]
pub struct IntakeForm {
    pub citizens: Vec<CitizenForm>,
    /// False for a petition that came by post or transfer: no visit is logged.
    pub with_visit: bool,
    pub visit_kind: String,
    pub leader_present: bool,
    pub online: bool,
    pub headcount: String,
    pub officer: String,
    pub received_on: String,
    pub source: String,
    pub source_agency: String,
    pub kind: String,
    pub round: String,
    pub field: String,
    pub subject: String,
    pub summary: String,
    pub complexity: String,
    pub remote_area: bool,
    pub flags: Flags,
    pub unit: String,
    pub handling: String,
    pub to_agency: String,
    /// Code of the earlier petition this one repeats.
    pub repeat_of: String,
    /// Ngày biết quyết định (complaints): when the complainant knew of the decision or act — or,
    /// for a second round, received the first-round decision or saw its period end. The time
    /// limit to complain runs from it (Luật Khiếu nại 2011, Điều 9 and 33). Blank: not given.
    pub known_on: String,
}

impl Default for IntakeForm {
    fn default() -> Self {
        IntakeForm {
            citizens: vec![CitizenForm::default()],
            with_visit: true,
            visit_kind: VisitKind::Regular.code().into(),
            leader_present: false,
            online: false,
            headcount: "1".into(),
            officer: String::new(),
            received_on: String::new(),
            source: Source::Desk.code().into(),
            source_agency: String::new(),
            kind: String::new(),
            round: String::new(),
            field: Field::Other.code().into(),
            subject: String::new(),
            summary: String::new(),
            complexity: Complexity::Normal.code().into(),
            remote_area: false,
            flags: Flags::default(),
            unit: String::new(),
            handling: Handling::Pending.code().into(),
            to_agency: String::new(),
            repeat_of: String::new(),
            known_on: String::new(),
        }
    }
}

/// A citizen ready to be matched against existing records or stored.
#[derive(Debug, Clone, PartialEq)]
pub struct CitizenInput {
    pub citizen: Citizen,
    pub representative: bool,
}

/// A validated intake.
#[derive(Debug, Clone, PartialEq)]
pub struct Intake {
    pub citizens: Vec<CitizenInput>,
    pub visit: Option<Visit>,
    pub petition: Petition,
    pub handling: Handling,
    pub to_agency: Option<String>,
    /// Code of the petition this repeats; the store resolves it to an id.
    pub repeat_of_code: Option<String>,
    pub competence: Option<Competence>,
}

impl Intake {
    /// The subject and summary of a denunciation with every mention of one of its filers —
    /// their name, ID number or phone as given on the form — replaced by "[người tố cáo]"; None
    /// when the text names none of them, or the petition is not a denunciation (Luật Tố cáo
    /// 2018, Điều 47(1)(b): such a mention would give the denouncer away wherever the text goes).
    pub fn denouncer_mentions_redacted(&self) -> Option<(String, String)> {
        if !crate::privacy::protects_identity(self.petition.kind) {
            return None;
        }
        let people: Vec<Citizen> = self.citizens.iter().map(|c| c.citizen.clone()).collect();
        let mention = crate::privacy::denouncer_mention(Lang::Vi);
        let (subject, in_subject) =
            crate::privacy::redact_filers(&self.petition.subject, &people, mention);
        let (summary, in_summary) =
            crate::privacy::redact_filers(&self.petition.summary, &people, mention);
        (in_subject || in_summary).then_some((subject, summary))
    }

    /// Whether the denunciation's own text names its denouncer: the desk warns before saving.
    pub fn names_its_denouncer(&self) -> bool {
        self.denouncer_mentions_redacted().is_some()
    }

    /// Replaces each mention of the denouncer in the subject and summary by "[người tố cáo]"
    /// (what the officer chose when warned); true when something was replaced.
    pub fn redact_denouncer_mentions(&mut self) -> bool {
        match self.denouncer_mentions_redacted() {
            Some((subject, summary)) => {
                self.petition.subject = subject;
                self.petition.summary = summary;
                true
            }
            None => false,
        }
    }
}

/// Collects every validation error instead of stopping at the first.
#[derive(Default)]
struct Errors(Vec<Error>);

impl Errors {
    fn take<T>(&mut self, result: Result<T>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }
}

fn parse_enum<T: Labelled>(field: InputField, raw: &str) -> Result<T> {
    if raw.trim().is_empty() {
        return Err(Error::invalid(field, Problem::Required));
    }
    T::parse(raw).ok_or_else(|| {
        let choices = T::all().iter().map(|v| v.label(Lang::Vi)).collect();
        Error::invalid(field, Problem::NotOneOf { choices })
    })
}

/// Splits "Thôn 3, xã Cẩm Xuyên, tỉnh Hà Tĩnh" into (province, commune); the free text is kept too.
/// Since 1 July 2025 there are two tiers (tỉnh/thành phố and xã/phường/đặc khu); older addresses
/// may still carry a huyện/quận, which is skipped.
pub fn parse_address(address: &str) -> (Option<String>, Option<String>) {
    let mut province = None;
    let mut commune = None;
    for part in address.split([',', ';', '-']).map(str::trim) {
        let folded = crate::text::fold(part);
        let strip = |prefixes: &[&str]| {
            prefixes.iter().find_map(|p| {
                folded.strip_prefix(p).map(|_| {
                    part.chars()
                        .skip(p.chars().count())
                        .collect::<String>()
                        .trim()
                        .to_string()
                })
            })
        };
        if let Some(name) = strip(&["tinh ", "thanh pho ", "tp. ", "tp "]) {
            if province.is_none() || folded.starts_with("tinh") {
                province = Some(name);
            }
        } else if let Some(name) = strip(&["xa ", "phuong ", "dac khu ", "thi tran "]) {
            commune = Some(part.to_string()).filter(|_| !name.is_empty());
        }
    }
    (province, commune)
}

impl CitizenForm {
    pub fn is_blank(&self) -> bool {
        [&self.name, &self.id_number, &self.phone, &self.address]
            .iter()
            .all(|v| v.trim().is_empty())
    }

    pub fn validate(&self, today: NaiveDate) -> Result<CitizenInput> {
        let full_name = validate::required(InputField::Name, &self.name, MAX_NAME)?;
        let address = validate::optional(InputField::Address, &self.address, MAX_LINE, false)?;
        let (province, commune) = address.as_deref().map(parse_address).unwrap_or_default();
        let birth_year = match self.birth_year.trim() {
            "" => None,
            raw => Some(validate::birth_year(
                raw.parse()
                    .map_err(|_| Error::invalid(InputField::BirthYear, Problem::BirthYear))?,
                today,
            )?),
        };
        Ok(CitizenInput {
            citizen: Citizen {
                id: new_id(),
                full_name,
                id_number: validate::id_number(&self.id_number)?,
                phone: validate::phone(&self.phone)?,
                address,
                province,
                commune,
                birth_year,
            },
            representative: self.representative,
        })
    }
}

/// A citizen who comes back about a petition already on file: the visit is logged on it, and its
/// timeline gets this note. No names: the timeline of a denunciation must not carry the
/// denouncer's (Luật Tố cáo 2018, Điều 47).
pub fn return_visit_note(intake: &Intake, at: NaiveDateTime) -> String {
    let visit = intake.visit.as_ref();
    let summary = intake.petition.summary.as_str();
    format!(
        "Lượt tiếp {} ({} người, {}): công dân đến lại về đơn này.{}",
        at.format("%H:%M %d/%m/%Y"),
        visit.map_or(1, |v| v.headcount),
        visit.map_or("", |v| v.kind.label(Lang::Vi)),
        if summary.is_empty() {
            String::new()
        } else {
            format!(" {summary}")
        }
    )
}

impl IntakeForm {
    /// A visit attached to `existing`: the petition's kind, subject and field stand in for blank
    /// ones, and it repeats nothing (it is the same petition, not a new one).
    pub fn for_existing(mut self, existing: &Petition) -> IntakeForm {
        if self.kind.trim().is_empty() {
            self.kind = existing.kind.code().to_string();
        }
        if self.subject.trim().is_empty() {
            self.subject = existing.subject.clone();
        }
        if self.field.trim().is_empty() {
            self.field = existing.field.code().to_string();
        }
        self.repeat_of.clear();
        self
    }

    /// Validates every field; the first error found is returned (fields are checked in form order).
    pub fn validate(&self, today: NaiveDate, now: NaiveDateTime) -> Result<Intake> {
        self.validate_all(today, now)
            .map_err(|mut errors| errors.remove(0))
    }

    /// Validates every field and returns all errors, so a form can mark each bad field at once.
    pub fn validate_all(&self, today: NaiveDate, now: NaiveDateTime) -> Result<Intake, Vec<Error>> {
        let mut errors = Errors::default();
        let citizen_results: Vec<_> = self
            .citizens
            .iter()
            .filter(|c| !c.is_blank())
            .map(|form| errors.take(form.validate(today)))
            .collect();
        let citizens: Option<Vec<CitizenInput>> = citizen_results.into_iter().collect();
        let kind = errors.take(parse_enum::<PetitionKind>(InputField::Kind, &self.kind));
        let received_on = errors.take(match self.received_on.trim() {
            "" => Ok(today),
            raw => validate::past_date(InputField::ReceivedOn, raw, today),
        });
        let headcount = errors.take(validate::headcount_text(&self.headcount));
        let subject = errors.take(validate::required(
            InputField::Subject,
            &self.subject,
            MAX_LINE,
        ));
        let summary = errors.take(validate::optional(
            InputField::Summary,
            &self.summary,
            MAX_TEXT,
            true,
        ));
        let visit_kind = errors.take(parse_enum::<VisitKind>(
            InputField::VisitKind,
            &self.visit_kind,
        ));
        let source = errors.take(parse_enum::<Source>(InputField::Source, &self.source));
        let field = errors.take(parse_enum::<Field>(InputField::Field, &self.field));
        let complexity = errors.take(parse_enum::<Complexity>(
            InputField::Complexity,
            &self.complexity,
        ));
        let handling = errors.take(parse_enum::<Handling>(InputField::Handling, &self.handling));
        let round = errors.take(match self.round.trim() {
            "" => Ok(None),
            raw => parse_enum::<Round>(InputField::Round, raw).map(Some),
        });
        let to_agency = errors.take(validate::optional(
            InputField::Agency,
            &self.to_agency,
            MAX_LINE,
            false,
        ));
        let source_agency = errors.take(validate::optional(
            InputField::Agency,
            &self.source_agency,
            MAX_LINE,
            false,
        ));
        let unit = errors.take(validate::optional(
            InputField::Unit,
            &self.unit,
            MAX_LINE,
            false,
        ));
        let known_on = errors.take(match self.known_on.trim() {
            "" => Ok(None),
            raw => validate::past_date(InputField::KnownOn, raw, today).map(Some),
        });
        let officer = clean_input(&self.officer, false);
        let (
            Some(citizens),
            Some(kind),
            Some(received_on),
            Some(headcount),
            Some(subject),
            Some(summary),
            Some(visit_kind),
            Some(source),
            Some(field),
            Some(complexity),
            Some(handling),
            Some(round),
            Some(to_agency),
            Some(source_agency),
            Some(unit),
            Some(known_on),
        ) = (
            citizens,
            kind,
            received_on,
            headcount,
            subject,
            summary,
            visit_kind,
            source,
            field,
            complexity,
            handling,
            round,
            to_agency,
            source_agency,
            unit,
            known_on,
        )
        else {
            return Err(errors.0);
        };
        let mut errors = errors.0;
        if citizens.is_empty() && !self.flags.contains(Flag::Anonymous) {
            errors.push(Error::invalid(InputField::Name, Problem::Required));
        }
        // The time limit to complain is a complaint's; the day known comes before the filing.
        if known_on.is_some() && kind != PetitionKind::Complaint {
            errors.push(Error::invalid(InputField::KnownOn, Problem::ComplaintOnly));
        } else if known_on.is_some_and(|k| k > received_on) {
            errors.push(Error::invalid(
                InputField::KnownOn,
                Problem::DateAfterReceipt,
            ));
        }
        if handling == Handling::Transfer && to_agency.is_none() {
            errors.push(Error::invalid(InputField::Agency, Problem::Required));
        }
        // The people named are present: "Số người" counts at least them (reports add it up).
        if (citizens.len() as u32) > headcount {
            errors.push(Error::invalid(
                InputField::Headcount,
                Problem::HeadcountBelowListed {
                    listed: citizens.len() as u32,
                },
            ));
        }
        let max_reps = max_representatives(headcount);
        let reps = citizens.iter().filter(|c| c.representative).count() as u32;
        if headcount >= GROUP_MIN_HEADCOUNT && reps > max_reps {
            errors.push(Error::invalid(
                InputField::Representatives,
                Problem::RepresentativesTooMany { max: max_reps },
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let round = match kind {
            PetitionKind::Complaint => Some(round.unwrap_or(Round::First)),
            _ => None,
        };
        let mut flags = self.flags;
        if headcount >= GROUP_MIN_HEADCOUNT {
            flags.insert(Flag::Group);
        }
        if citizens.is_empty() {
            flags.insert(Flag::Anonymous);
        }
        let visit = self.with_visit.then(|| Visit {
            id: new_id(),
            visited_at: if received_on == today {
                received_on.and_time(now.time())
            } else {
                received_on.and_time(NaiveTime::MIN)
            },
            officer: officer.clone(),
            kind: visit_kind,
            leader_present: self.leader_present,
            channel: if self.online {
                Channel::Online
            } else {
                Channel::InPerson
            },
            headcount,
            notes: summary.clone().unwrap_or_default(),
            handling,
            attendees: citizens
                .iter()
                .map(|c| Attendee {
                    citizen_id: c.citizen.id,
                    representative: c.representative,
                })
                .collect(),
            petition_ids: Vec::new(),
        });
        let received = Step {
            kind: EventKind::Received,
            on: received_on,
            detail: StepDetail {
                complexity: Some(complexity),
                known_on,
                ..Default::default()
            },
        };
        let petition = Petition {
            id: new_id(),
            code: String::new(),
            received_on,
            source,
            source_agency,
            kind,
            round,
            field,
            subject,
            summary: summary.unwrap_or_default(),
            filers: citizens.iter().map(|c| c.citizen.id).collect(),
            remote_area: self.remote_area,
            flags,
            unit,
            officer: (!officer.is_empty()).then_some(officer),
            repeat_of: None,
            visit_id: visit.as_ref().map(|v| v.id),
            state: Lifecycle::start(&received).expect("received always starts a lifecycle"),
        };
        Ok(Intake {
            citizens,
            visit,
            petition,
            handling,
            to_agency,
            repeat_of_code: Some(self.repeat_of.trim().to_string()).filter(|c| !c.is_empty()),
            competence: None,
        })
    }
}

#[cfg(test)]
mod return_visit_tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn form(kind: &str, subject: &str) -> IntakeForm {
        IntakeForm {
            citizens: vec![CitizenForm {
                name: "Trần Văn Mật".into(),
                ..Default::default()
            }],
            kind: kind.into(),
            subject: subject.into(),
            summary: "Bổ sung giấy tờ".into(),
            received_on: "2026-11-24".into(),
            repeat_of: "2026-000001".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_return_visit_keeps_what_was_typed_and_fills_only_blanks_from_the_petition() {
        let now = day().and_hms_opt(9, 30, 0).unwrap();
        let existing = form("to cao", "Tố cáo cán bộ xã")
            .validate(day(), now)
            .unwrap();
        let existing = existing.petition;
        let blank = form("", "").for_existing(&existing);
        assert_eq!(
            (blank.kind.as_str(), blank.subject.as_str()),
            ("denunciation", "Tố cáo cán bộ xã")
        );
        assert!(
            blank.repeat_of.is_empty(),
            "the same petition repeats nothing"
        );
        let typed = form("khieu nai", "Nội dung mới").for_existing(&existing);
        assert_eq!(
            (typed.kind.as_str(), typed.subject.as_str()),
            ("khieu nai", "Nội dung mới")
        );

        let intake = blank.validate(day(), now).unwrap();
        let note = return_visit_note(&intake, now);
        assert!(note.starts_with("Lượt tiếp 09:30 24/11/2026"), "{note}");
        assert!(note.ends_with("Bổ sung giấy tờ"), "{note}");
        assert!(
            !note.contains("Mật"),
            "no denouncer's name in the timeline: {note}"
        );
    }
}

#[cfg(test)]
mod headcount_tests {
    use super::*;

    /// "Số người" counts at least the people named: reports add it up, so three names under a
    /// headcount of 2 would undercount the people received.
    #[test]
    fn the_headcount_is_at_least_the_people_named() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let person = |name: &str| CitizenForm {
            name: name.into(),
            ..Default::default()
        };
        let mut form = IntakeForm {
            citizens: vec![
                person("Lê Văn An"),
                person("Lê Thị Bình"),
                person("Lê Văn Cư"),
            ],
            kind: "kien nghi".into(),
            subject: "Đường làng".into(),
            headcount: "2".into(),
            ..Default::default()
        };
        let now = today.and_hms_opt(9, 0, 0).unwrap();
        let errors = form.validate_all(today, now).unwrap_err();
        assert!(
            errors.iter().any(|e| matches!(
                e,
                Error::Invalid {
                    field: InputField::Headcount,
                    problem: Problem::HeadcountBelowListed { listed: 3 }
                }
            )),
            "{errors:?}"
        );
        form.headcount = "3".into();
        assert_eq!(
            form.validate(today, now).unwrap().visit.unwrap().headcount,
            3
        );
    }
}

#[cfg(test)]
mod denouncer_mention_tests {
    use super::*;

    /// Luật Tố cáo 2018, Điều 47(1)(b): a denunciation's text that names its own filer — by name
    /// (any case, with or without diacritics), ID number or phone in any written form — is caught
    /// before saving; another person's name, a complaint, or a name word alone is not.
    #[test]
    fn a_denunciation_naming_its_filer_is_caught_by_name_id_or_phone() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let now = today.and_hms_opt(9, 0, 0).unwrap();
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            // kind, subject, summary, the subject as it would be stored when replaced
            ("to cao", "Tố cáo chủ tịch xã", "", None),
            (
                "to cao",
                "Tôi là Phan Văn Kín, tố cáo chủ tịch xã",
                "",
                Some("Tôi là [người tố cáo], tố cáo chủ tịch xã"),
            ),
            (
                "to cao",
                "PHAN VAN KIN tố cáo",
                "",
                Some("[người tố cáo] tố cáo"),
            ),
            (
                "to cao",
                "Tố cáo",
                "CCCD 038 099 012 377 của tôi",
                Some("Tố cáo"),
            ),
            (
                "to cao",
                "Gọi +84 978.123.456",
                "",
                Some("Gọi +[người tố cáo]"),
            ),
            ("to cao", "Tố cáo ông Lê Văn Tám", "Kín biết rõ", None),
            ("khieu nai", "Tôi là Phan Văn Kín", "", None),
        ];
        for &(kind, subject, summary, stored) in cases {
            let form = IntakeForm {
                citizens: vec![CitizenForm {
                    name: "Phan Văn Kín".into(),
                    id_number: "038099012377".into(),
                    phone: "0978 123 456".into(),
                    ..Default::default()
                }],
                kind: kind.into(),
                subject: subject.into(),
                summary: summary.into(),
                received_on: "2026-11-24".into(),
                ..Default::default()
            };
            let mut intake = form.validate(today, now).unwrap();
            assert_eq!(
                intake.names_its_denouncer(),
                stored.is_some(),
                "{kind}: {subject} / {summary}"
            );
            let typed = (
                intake.petition.subject.clone(),
                intake.petition.summary.clone(),
            );
            assert_eq!(intake.redact_denouncer_mentions(), stored.is_some());
            match stored {
                Some(subject) => {
                    assert_eq!(intake.petition.subject, subject);
                    assert!(!intake.petition.summary.contains("377"), "{summary}");
                }
                None => assert_eq!(
                    (intake.petition.subject, intake.petition.summary),
                    typed,
                    "nothing typed changes"
                ),
            }
        }
    }
}
