//! A petition's deadline as every list shows it — the desk, the board, `tiepdan due`, the petition
//! screen, the dashboard and every export read this one [`DueView`], so they cannot disagree on a
//! date, a day count, its unit or whether the clock is running.

use crate::domain::{Petition, Status};
use crate::i18n::{self, Lang, paused_label};
use crate::policy::Policy;
use crate::rules::{DayUnit, DeadlineKind, Urgency, days_left};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueView {
    /// The deadline the current stage must meet; for a suspended petition, where it stands if
    /// work resumes today. `None` once closed (or when no deadline runs).
    pub due_on: Option<NaiveDate>,
    pub which: Option<DeadlineKind>,
    /// Days to `due_on` in the rule's own unit (working or calendar days); negative when overdue.
    pub days_left: Option<i64>,
    pub unit: DayUnit,
    /// The clock is stopped (tạm đình chỉ, Luật Khiếu nại 2011 Điều 34 / Luật Tố cáo 2018 Điều 36).
    pub paused: bool,
    /// `None` while paused or when no deadline runs: nothing is urgent about a stopped clock.
    pub urgency: Option<Urgency>,
    /// Counted on a provisional holiday table (a year without the Prime Minister's notice).
    pub calendar_provisional: bool,
}

impl Policy {
    /// The one place a petition's deadline row is worked out (rule, unit, pause, urgency).
    pub fn due_view(&self, petition: &Petition, today: NaiveDate) -> DueView {
        let deadline = self.deadline(petition, today);
        let paused =
            petition.status() == Status::Suspended || deadline.as_ref().is_some_and(|d| d.paused);
        let unit = deadline.as_ref().map_or(DayUnit::Calendar, |d| d.unit);
        let due_on = deadline.as_ref().map(|d| d.due_on);
        DueView {
            due_on,
            which: deadline.as_ref().map(|d| d.which),
            days_left: due_on.map(|due| days_left(due, today, unit, &self.calendar)),
            unit,
            paused,
            urgency: (!paused && due_on.is_some()).then(|| self.urgency(due_on, today)),
            calendar_provisional: deadline.as_ref().is_some_and(|d| d.calendar_provisional),
        }
    }
}

/// The short mark lists put before a subject when the law treats the petition apart: a complaint
/// received after the time limit to complain (Luật Khiếu nại 2011, Điều 9 / 33), or an anonymous
/// denunciation, which has no thụ lý clock (Luật Tố cáo 2018, Điều 25).
pub fn legal_mark(
    kind: crate::domain::PetitionKind,
    flags: crate::domain::Flags,
    lang: Lang,
) -> Option<&'static str> {
    use crate::domain::{Flag, PetitionKind};
    use crate::i18n::{LegalText, legal_text};
    if flags.contains(Flag::LateFiling) {
        Some(legal_text(LegalText::LateMark, lang))
    } else if kind == PetitionKind::Denunciation && flags.contains(Flag::Anonymous) {
        Some(legal_text(LegalText::InfoMark, lang))
    } else {
        None
    }
}

/// A list's subject with the petition's [`legal_mark`] before it.
pub fn marked_subject(
    kind: crate::domain::PetitionKind,
    flags: crate::domain::Flags,
    subject: &str,
    lang: Lang,
) -> String {
    match legal_mark(kind, flags, lang) {
        Some(mark) => format!("{mark} {subject}"),
        None => subject.to_string(),
    }
}

/// After a count of days resting on a provisional holiday table: "còn 40 ngày~".
pub const PROVISIONAL_MARK: &str = "~";

/// What the mark means, for legends and the petition screen.
pub use crate::i18n::provisional_text;

/// The mark shown for a suspended petition, whose clock is paused.
pub const PAUSED_MARK: &str = "⏸";

/// "⏸ tạm dừng": a stopped clock, in lists and in the board's counts.
pub fn paused_text(lang: Lang) -> String {
    format!("{PAUSED_MARK} {}", paused_label(lang))
}

impl DueView {
    /// The unit's short label: "ngày" for calendar days, "ngày LV" (làm việc) for working days.
    pub fn unit_label(&self, lang: Lang) -> &'static str {
        i18n::day_unit_short(lang, self.unit == DayUnit::Working)
    }

    /// "còn 5 ngày LV", "quá 3 ngày", "hôm nay"; "—" without a deadline. While paused, the days
    /// that would be left if work resumed today (the urgency column says it is paused). A date
    /// counted on a provisional holiday table ends in "~" ([`PROVISIONAL_MARK`]).
    pub fn days_text(&self, today: NaiveDate, lang: Lang) -> String {
        let text = self.plain_days_text(today, lang);
        match self.calendar_provisional {
            true => format!("{text}{PROVISIONAL_MARK}"),
            false => text,
        }
    }

    fn plain_days_text(&self, today: NaiveDate, lang: Lang) -> String {
        let Some(days) = self.days_left else {
            return "—".into();
        };
        let due_today = self.due_on == Some(today) && !self.paused;
        i18n::days_left_text(lang, days, self.unit_label(lang), due_today)
    }

    /// The urgency's mark and words: "⚠" "quá hạn", "⏸" "tạm dừng", "–" "đã kết thúc".
    pub fn urgency_parts(&self, lang: Lang) -> (&'static str, &'static str) {
        match self.urgency {
            Some(u) => (u.symbol(), u.label(lang)),
            None if self.paused => (PAUSED_MARK, paused_label(lang)),
            None => (Urgency::Closed.symbol(), Urgency::Closed.label(lang)),
        }
    }

    /// The urgency column: mark and words, so it reads without colour too.
    pub fn urgency_text(&self, lang: Lang) -> String {
        let (mark, words) = self.urgency_parts(lang);
        format!("{mark} {words}")
    }

    /// The urgency's code for exports and JSON: `overdue`, `critical`, `soon`, `ok`, `paused`,
    /// or `closed` when no deadline runs.
    pub fn urgency_code(&self) -> &'static str {
        match self.urgency {
            Some(u) => u.code(),
            None if self.paused => "paused",
            None => Urgency::Closed.code(),
        }
    }
}

impl crate::store::Store {
    /// The deadline view of the petition `code` as of `today`.
    pub fn due_view(&self, code: &str, today: NaiveDate) -> crate::Result<DueView> {
        Ok(self.policy().due_view(&self.petition(code)?, today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn view(days: i64, due_on: &str, unit: DayUnit, paused: bool) -> DueView {
        DueView {
            due_on: Some(d(due_on)),
            which: None,
            days_left: Some(days),
            unit,
            paused,
            urgency: (!paused).then_some(Urgency::Ok),
            calendar_provisional: false,
        }
    }

    #[test]
    fn days_are_said_in_the_rules_own_unit() {
        use DayUnit::{Calendar, Working};
        let today = d("2026-11-24");
        // (days left, due on, unit, paused, Vietnamese, English)
        let table = [
            (
                10,
                "2026-12-08",
                Working,
                false,
                "còn 10 ngày LV",
                "10 wd left",
            ),
            (
                14,
                "2026-12-08",
                Calendar,
                false,
                "còn 14 ngày",
                "14 d left",
            ),
            (
                -3,
                "2026-11-19",
                Working,
                false,
                "quá 3 ngày LV",
                "3 wd late",
            ),
            (0, "2026-11-24", Working, false, "hôm nay", "today"),
            // Due on a Saturday: no working day left, yet not "today".
            (
                0,
                "2026-11-28",
                Working,
                false,
                "còn 0 ngày LV",
                "0 wd left",
            ),
            // Suspended: where the deadline stands if work resumes today.
            (-5, "2026-11-19", Calendar, true, "quá 5 ngày", "5 d late"),
            (7, "2026-12-01", Working, true, "còn 7 ngày LV", "7 wd left"),
        ];
        for (days, due_on, unit, paused, vi, en) in table {
            let v = view(days, due_on, unit, paused);
            assert_eq!(v.days_text(today, Lang::Vi), vi);
            assert_eq!(v.days_text(today, Lang::En), en);
        }
    }

    #[test]
    fn a_paused_clock_has_no_urgency_and_says_so() {
        let paused = view(-5, "2026-11-19", DayUnit::Calendar, true);
        let paused = DueView {
            urgency: None,
            ..paused
        };
        assert_eq!(paused.urgency_code(), "paused");
        assert_eq!(paused.urgency_text(Lang::Vi), "⏸ tạm dừng");
        let closed = DueView {
            due_on: None,
            which: None,
            days_left: None,
            unit: DayUnit::Calendar,
            paused: false,
            urgency: None,
            calendar_provisional: false,
        };
        assert_eq!(closed.urgency_code(), "closed");
        assert_eq!(closed.days_text(d("2026-11-24"), Lang::Vi), "—");
    }

    #[test]
    fn a_count_on_a_provisional_calendar_is_marked() {
        let guess = DueView {
            calendar_provisional: true,
            ..view(40, "2027-02-12", DayUnit::Working, false)
        };
        assert_eq!(
            guess.days_text(d("2026-12-01"), Lang::Vi),
            "còn 40 ngày LV~"
        );
        assert_eq!(guess.days_text(d("2026-12-01"), Lang::En), "40 wd left~");
    }
}
