//! Periodic reports (báo cáo định kỳ), the reception logbook (Sổ tiếp công dân, Mẫu số 03) and
//! public disclosure of results (công khai kết quả). Core only: the figures and the files; the
//! CLI prints and saves them.
//!
//! Every output is built from one flat list of labelled rows ([`PeriodReport::rows`]), so the
//! terminal table, Markdown, CSV and XLSX can never disagree on a figure.

pub mod disclosure;
pub mod logbook;
mod period;
pub mod receipt;
pub mod render;
pub mod results;

pub use period::{CALENDAR_MONTHS, DEFAULT_CUTOFF_DAY, Period, parse_period};

use crate::domain::{EventKind, Field, PetitionKind};
use crate::error::Result;
use crate::i18n::Lang;
use crate::store::{ReceivedCounts, ReceptionCounts, Store};

/// Hướng xử lý taken in the period (by the steps' legal dates).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct HandlingCounts {
    pub accepted: u64,
    pub transferred: u64,
    pub guided: u64,
    pub returned: u64,
    pub filed: u64,
    /// Anonymous denunciations handled as information (Luật Tố cáo 2018, Điều 25).
    pub info_handled: u64,
}

/// Kết quả giải quyết.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ResultCounts {
    /// Đã giải quyết in the period, and how many met their legal deadline.
    pub resolved: u64,
    pub on_time: u64,
    pub late: u64,
    /// Đang giải quyết at the end of the period.
    pub in_progress: u64,
    /// Tồn đọng kỳ trước chuyển sang: open when the period began.
    pub carried_over: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PeriodReport {
    pub period: Period,
    pub reception: ReceptionCounts,
    pub received: ReceivedCounts,
    pub handling: HandlingCounts,
    pub results: ResultCounts,
}

/// One line of a report: its section, its label and its figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub section: String,
    pub label: String,
    pub value: u64,
}

impl PeriodReport {
    pub fn build(store: &Store, period: &Period) -> Result<PeriodReport> {
        let (from, to) = (period.from, period.to);
        let steps = store.step_counts(from, to)?;
        let count = |kind: EventKind| {
            steps
                .iter()
                .find(|(k, _)| *k == kind)
                .map_or(0, |(_, n)| *n)
        };
        let handling = HandlingCounts {
            accepted: count(EventKind::Accepted),
            transferred: count(EventKind::Transferred),
            guided: count(EventKind::Guided),
            returned: count(EventKind::Returned),
            filed: count(EventKind::Filed),
            info_handled: count(EventKind::InfoHandled),
        };
        let policy = store.policy();
        let mut out = ResultCounts::default();
        store.each_history_open_during(from, to, |history| {
            if let Some(resolution) = results::resolution_in(policy, &history, period) {
                out.resolved += 1;
                if resolution.on_time() {
                    out.on_time += 1;
                } else {
                    out.late += 1;
                }
            }
            out.in_progress += u64::from(results::in_resolution_at_end(policy, &history, period));
            out.carried_over += u64::from(results::carried_over(policy, &history, period));
            Ok(())
        })?;
        Ok(PeriodReport {
            period: period.clone(),
            reception: store.reception_counts(from, to)?,
            received: store.received_counts(from, to)?,
            handling,
            results: out,
        })
    }

    /// Every figure with its label, in the order reports upward list them. Kinds and fields with
    /// no petition are listed too (as 0), so reports of different periods line up.
    pub fn rows(&self, lang: Lang) -> Vec<Row> {
        use crate::i18n::ReportText as R;
        let t = |text: R| crate::i18n::report_text(text, lang).to_string();
        let mut rows = Vec::new();
        let mut push = |section: &str, label: String, value: u64| {
            rows.push(Row {
                section: section.to_string(),
                label,
                value,
            });
        };
        let r = &self.reception;
        let s = t(R::CitizenReception);
        push(&s, t(R::Visits), r.visits);
        push(&s, t(R::PeopleReceived), r.people);
        push(&s, t(R::NewCases), r.cases_new);
        push(&s, t(R::RepeatCases), r.cases_repeat);
        push(&s, t(R::GroupVisits), r.group_visits);
        push(&s, t(R::PeopleInGroupVisits), r.group_people);
        push(&s, t(R::VisitsReceivedByTheHead), r.leader_visits);
        push(&s, t(R::DaysTheHeadReceived), r.leader_days);
        let d = &self.received;
        let s = t(R::PetitionsReceived);
        push(&s, t(R::Total), d.total);
        for kind in PetitionKind::ALL {
            let n = d
                .by_kind
                .iter()
                .find(|(k, _)| k == kind)
                .map_or(0, |(_, n)| *n);
            push(&s, format!("{}: {}", t(R::Kind), kind.label(lang)), n);
        }
        for field in Field::ALL {
            let n = d
                .by_field
                .iter()
                .find(|(f, _)| f == field)
                .map_or(0, |(_, n)| *n);
            push(&s, format!("{}: {}", t(R::Field), field.label(lang)), n);
        }
        push(&s, t(R::WithinOurCompetence), d.ours);
        push(&s, t(R::NotOurCompetence), d.not_ours);
        push(&s, t(R::CompetenceNotYetDetermined), d.undetermined);
        push(&s, t(R::EligibleForHandling), d.eligible);
        push(&s, t(R::NotEligibleForHandling), d.not_eligible);
        push(&s, t(R::NotYetHandled), d.undecided);
        let h = &self.handling;
        let s = t(R::Handling);
        push(&s, t(R::Accepted), h.accepted);
        push(&s, t(R::Transferred), h.transferred);
        push(&s, t(R::Guided), h.guided);
        push(&s, t(R::Returned), h.returned);
        push(&s, t(R::Filed), h.filed);
        let info = crate::i18n::legal_text(crate::i18n::LegalText::ReportInfoHandled, lang);
        push(&s, info.to_string(), h.info_handled);
        let o = &self.results;
        let s = t(R::Results);
        push(&s, t(R::Resolved), o.resolved);
        push(&s, t(R::ResolvedOnTime), o.on_time);
        push(&s, t(R::ResolvedLate), o.late);
        push(&s, t(R::InResolution), o.in_progress);
        push(&s, t(R::CarriedOverFromThePreviousPeriod), o.carried_over);
        rows
    }
}

/// "15/06/2026 – 14/09/2026": how Vietnamese reports write a period.
pub fn period_text(period: &Period) -> String {
    format!(
        "{} – {}",
        period.from.format("%d/%m/%Y"),
        period.to.format("%d/%m/%Y")
    )
}

impl PeriodReport {
    /// The report as a table for every output format.
    pub fn table(&self, lang: Lang) -> render::Table {
        let title = crate::i18n::report_title(lang, &self.period.label, &period_text(&self.period));
        render::Table {
            title,
            headers: vec![
                crate::i18n::report_text(crate::i18n::ReportText::SectionHeader, lang).into(),
                crate::i18n::report_text(crate::i18n::ReportText::ItemHeader, lang).into(),
                crate::i18n::report_text(crate::i18n::ReportText::FigureHeader, lang).into(),
            ],
            rows: self
                .rows(lang)
                .into_iter()
                .map(|r| vec![r.section, r.label, r.value.to_string()])
                .collect(),
            figures: Some(2),
            print: render::Print {
                widths: vec![26, 50, 12],
                portrait: true,
                ..render::Print::default()
            },
        }
    }
}
