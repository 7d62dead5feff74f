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
        let t = |vi: &'static str, en: &'static str| lang.pick(vi, en).to_string();
        let mut rows = Vec::new();
        let mut push = |section: &str, label: String, value: u64| {
            rows.push(Row {
                section: section.to_string(),
                label,
                value,
            });
        };
        let r = &self.reception;
        let s = t("Tiếp công dân", "Citizen reception");
        push(&s, t("Lượt tiếp", "Visits"), r.visits);
        push(&s, t("Lượt người", "People received"), r.people);
        push(&s, t("Vụ việc mới phát sinh", "New cases"), r.cases_new);
        push(
            &s,
            t("Vụ việc cũ (tái diễn)", "Repeat cases"),
            r.cases_repeat,
        );
        push(
            &s,
            t("Đoàn đông người: lượt đoàn", "Group visits"),
            r.group_visits,
        );
        push(
            &s,
            t("Đoàn đông người: lượt người", "People in group visits"),
            r.group_people,
        );
        push(
            &s,
            t("Người đứng đầu tiếp: lượt", "Visits received by the head"),
            r.leader_visits,
        );
        push(
            &s,
            t("Người đứng đầu tiếp: ngày", "Days the head received"),
            r.leader_days,
        );
        let d = &self.received;
        let s = t("Tiếp nhận đơn", "Petitions received");
        push(&s, t("Tổng số đơn", "Total"), d.total);
        for kind in PetitionKind::ALL {
            let n = d
                .by_kind
                .iter()
                .find(|(k, _)| k == kind)
                .map_or(0, |(_, n)| *n);
            push(
                &s,
                format!("{}: {}", t("Loại", "Kind"), kind.label(lang)),
                n,
            );
        }
        for field in Field::ALL {
            let n = d
                .by_field
                .iter()
                .find(|(f, _)| f == field)
                .map_or(0, |(_, n)| *n);
            push(
                &s,
                format!("{}: {}", t("Lĩnh vực", "Field"), field.label(lang)),
                n,
            );
        }
        push(&s, t("Thuộc thẩm quyền", "Within our competence"), d.ours);
        push(
            &s,
            t("Không thuộc thẩm quyền", "Not our competence"),
            d.not_ours,
        );
        push(
            &s,
            t("Chưa xác định thẩm quyền", "Competence not yet determined"),
            d.undetermined,
        );
        push(
            &s,
            t("Đủ điều kiện xử lý", "Eligible for handling"),
            d.eligible,
        );
        push(
            &s,
            t("Không đủ điều kiện xử lý", "Not eligible for handling"),
            d.not_eligible,
        );
        push(
            &s,
            t("Chưa xử lý (chưa có hướng xử lý)", "Not yet handled"),
            d.undecided,
        );
        let h = &self.handling;
        let s = t("Hướng xử lý", "Handling");
        push(&s, t("Thụ lý", "Accepted"), h.accepted);
        push(&s, t("Chuyển đơn", "Transferred"), h.transferred);
        push(&s, t("Hướng dẫn", "Guided"), h.guided);
        push(&s, t("Trả lại đơn", "Returned"), h.returned);
        push(&s, t("Lưu đơn", "Filed"), h.filed);
        let info = crate::i18n::legal_text(crate::i18n::LegalText::ReportInfoHandled, lang);
        push(&s, info.to_string(), h.info_handled);
        let o = &self.results;
        let s = t("Kết quả giải quyết", "Results");
        push(&s, t("Đã giải quyết", "Resolved"), o.resolved);
        push(
            &s,
            t("Đã giải quyết đúng hạn", "Resolved on time"),
            o.on_time,
        );
        push(&s, t("Đã giải quyết quá hạn", "Resolved late"), o.late);
        push(&s, t("Đang giải quyết", "In resolution"), o.in_progress);
        push(
            &s,
            t(
                "Tồn đọng kỳ trước chuyển sang",
                "Carried over from the previous period",
            ),
            o.carried_over,
        );
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
        let title = match lang {
            Lang::Vi => format!(
                "Báo cáo công tác tiếp công dân, xử lý đơn kỳ {} ({})",
                self.period.label,
                period_text(&self.period)
            ),
            Lang::En => format!(
                "Citizen reception and petition report, period {} ({})",
                self.period.label,
                period_text(&self.period)
            ),
        };
        render::Table {
            title,
            headers: vec![
                lang.pick("Mục", "Section").into(),
                lang.pick("Chỉ tiêu", "Item").into(),
                lang.pick("Số liệu", "Figure").into(),
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
