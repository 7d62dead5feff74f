//! A petition's life as the desk would record it: classification within days, thụ lý within about
//! ten, resolution near the legal period (some late, some never), extensions for complex
//! denunciations, the odd suspension; or guidance, transfer, return or filing. The plan runs to its
//! end and is then cut at `today`, so recent petitions are naturally still open.

use super::agencies;
use super::calendar::after;
use super::dice::Dice;
use super::places::Commune;
use crate::domain::{
    Competence, Complexity, EventKind, ExtensionAllowance, Field, PetitionKind, Round, Source,
    Step, StepDetail,
};
use chrono::NaiveDate;

/// Why a petition repeats an earlier one, as far as its handling is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refiling {
    No,
    /// The same content while the first is pending, or sent on again by another agency.
    Duplicate,
    /// Again after a final resolution, usually without new facts.
    AfterFinal,
}

pub struct Intake {
    pub kind: PetitionKind,
    pub round: Option<Round>,
    pub field: Field,
    pub source: Source,
    pub anonymous: bool,
    pub competence: Competence,
    pub complexity: Complexity,
    pub remote: bool,
    pub received: NaiveDate,
    pub commune: Commune,
    pub refiling: Refiling,
    pub crime_signs: bool,
}

/// Extensions the shipped rules allow (Luật Tố cáo 2018, Điều 30): complex denunciations once,
/// very complex twice, at most 30 days each; complaints get longer periods instead.
pub fn extension_allowance(
    kind: PetitionKind,
    complexity: Complexity,
    on: NaiveDate,
) -> ExtensionAllowance {
    legal_policy()
        .rules
        .extension_allowance(kind, complexity, on)
}

/// The first day the legal rules allow suspending a petition of `kind`.
pub fn suspension_from(kind: PetitionKind) -> Option<NaiveDate> {
    legal_policy().suspension_from(kind)
}

fn legal_policy() -> &'static crate::policy::Policy {
    static POLICY: std::sync::OnceLock<crate::policy::Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(crate::policy::Policy::legal_default)
}

/// Days from thụ lý to resolution (Luật Khiếu nại 2011 Điều 28, 37; Luật Tố cáo 2018 Điều 30;
/// kiến nghị, phản ánh: the internal default of 30).
fn legal_days(intake: &Intake) -> i64 {
    let complex = intake.complexity != Complexity::Normal;
    match (intake.kind, intake.round) {
        (PetitionKind::Complaint, Some(Round::Second)) => match (intake.remote, complex) {
            (false, false) => 45,
            (false, true) | (true, false) => 60,
            (true, true) => 70,
        },
        (PetitionKind::Complaint, _) => match (intake.remote, complex) {
            (false, false) => 30,
            (false, true) | (true, false) => 45,
            (true, true) => 60,
        },
        _ => 30,
    }
}

fn step(kind: EventKind, on: NaiveDate) -> Step {
    Step {
        kind,
        on,
        detail: StepDetail::default(),
    }
}

fn noted(kind: EventKind, on: NaiveDate, note: &str) -> Step {
    let mut s = step(kind, on);
    s.detail.note = Some(note.to_string());
    s
}

fn to_agency(kind: EventKind, on: NaiveDate, agency: String) -> Step {
    let mut s = step(kind, on);
    s.detail.to_agency = Some(agency);
    s
}

struct Planner<'a> {
    dice: &'a mut Dice,
    intake: &'a Intake,
    steps: Vec<Step>,
    day: NaiveDate,
}

impl Planner<'_> {
    /// Adds a step `lo..=hi` calendar days after the previous one (on a working day).
    fn push(&mut self, mut s: Step, lo: i64, hi: i64) {
        self.day = after(self.day, self.dice.between(lo, hi));
        s.on = self.day;
        self.steps.push(s);
    }

    fn classify(&mut self, lo: i64, hi: i64) {
        let mut s = step(EventKind::Classified, self.day);
        s.detail.competence = Some(self.intake.competence);
        self.push(s, lo, hi);
    }

    fn competent_agency(&mut self) -> String {
        let i = self.intake;
        agencies::competent_agency(self.dice, i.field, i.kind, &i.commune, self.day)
    }

    fn anonymous(&mut self) {
        self.classify(1, 5);
        if self.dice.chance(0.7) {
            let note = "Đơn tố cáo nặc danh, không xử lý theo quy định tại Điều 25 Luật Tố cáo";
            self.push(noted(EventKind::Filed, self.day, note), 0, 3);
        } else {
            let agency = agencies::department(crate::domain::Field::Corruption, self.day);
            let mut s = to_agency(EventKind::Transferred, self.day, agency);
            s.detail.note =
                Some("Nội dung cụ thể, có tài liệu kèm theo: chuyển để kiểm tra".into());
            self.push(s, 0, 5);
        }
    }

    fn not_ours(&mut self) {
        let at_desk = self.intake.source == Source::Desk;
        if self.intake.crime_signs {
            self.classify(1, 4);
            let mut s = to_agency(EventKind::Transferred, self.day, agencies::investigators());
            s.detail.note = Some("Có dấu hiệu tội phạm".into());
            return self.push(s, 0, 5);
        }
        if at_desk && self.dice.chance(0.55) {
            if self.dice.chance(0.5) {
                self.classify(0, 0);
            }
            let agency = self.competent_agency();
            let mut s = to_agency(EventKind::Guided, self.day, agency.clone());
            s.detail.note = Some(format!("Hướng dẫn công dân gửi đơn đến {agency}"));
            return self.push(s, 0, 0);
        }
        self.classify(if at_desk { 0 } else { 1 }, 5);
        let agency = self.competent_agency();
        if !at_desk && self.dice.chance(0.15) {
            self.push(to_agency(EventKind::Guided, self.day, agency), 0, 4);
        } else {
            self.push(to_agency(EventKind::Transferred, self.day, agency), 0, 5);
        }
    }

    /// A repeat: most are filed (duplicate) or ended with a notice (after a final resolution).
    fn refiled(&mut self) -> bool {
        let (file, give_back) = match self.intake.refiling {
            Refiling::No => return false,
            Refiling::Duplicate => (0.65, 0.05),
            Refiling::AfterFinal => (0.7, 0.2),
        };
        let roll = self.dice.unit();
        if roll >= file + give_back {
            return false;
        }
        self.classify(1, 5);
        if roll < file {
            let note = match self.intake.refiling {
                Refiling::AfterFinal => {
                    "Vụ việc đã được giải quyết hết thẩm quyền, không có tình tiết mới: thông báo chấm dứt xem xét, lưu đơn"
                }
                _ => "Đơn trùng nội dung đang được xem xét, giải quyết: lưu đơn",
            };
            self.push(noted(EventKind::Filed, self.day, note), 0, 4);
        } else {
            let note = "Trả lại đơn, hướng dẫn công dân thực hiện quyết định đã có hiệu lực";
            self.push(noted(EventKind::Returned, self.day, note), 0, 4);
        }
        true
    }

    fn ours(&mut self, age: i64) {
        let disputable = matches!(
            self.intake.kind,
            PetitionKind::Complaint | PetitionKind::Denunciation
        );
        let roll = self.dice.unit();
        if disputable && roll < 0.06 {
            self.classify(1, 5);
            let note = match self.intake.kind {
                PetitionKind::Complaint => "Không đủ điều kiện thụ lý (Điều 11 Luật Khiếu nại)",
                _ => "Không đủ điều kiện thụ lý tố cáo",
            };
            return self.push(noted(EventKind::Returned, self.day, note), 0, 5);
        }
        if roll > 0.95 {
            self.classify(1, 5);
            let note = "Đơn không rõ nội dung, không ký tên: lưu đơn";
            return self.push(noted(EventKind::Filed, self.day, note), 0, 5);
        }
        self.resolve(disputable, age);
    }

    fn resolve(&mut self, disputable: bool, age: i64) {
        let intake = self.intake;
        // The backlog: more of the recent ones stall, the old ones were mostly cleared (a cubic
        // fall rather than an exponential, to stay exact on every platform).
        let fresh = (1.0 - age as f64 / 500.0).max(0.0);
        let stall = 0.16 + 0.6 * fresh * fresh * fresh;
        let stalls = self.dice.chance(stall);
        self.classify(0, 4);
        let late_acceptance = self.dice.chance(0.08);
        let (lo, hi) = if late_acceptance { (8, 20) } else { (1, 6) };
        self.push(step(EventKind::Accepted, self.day), lo, hi);
        // The denouncer is told of the thụ lý the same day (Luật Tố cáo 2018, Điều 29); no dice,
        // so the rest of the demo stays as it was.
        if self.intake.kind == PetitionKind::Denunciation {
            self.steps.push(step(EventKind::Notified, self.day));
        }
        let accepted = self.day;
        if stalls && self.dice.chance(0.4) {
            return;
        }
        if disputable && self.dice.chance(0.85) {
            self.push(step(EventKind::Verifying, self.day), 2, 12);
        }
        if stalls && self.dice.chance(0.6) {
            return;
        }
        if intake.kind == PetitionKind::Complaint && self.dice.chance(0.04) {
            let note = "Người khiếu nại rút toàn bộ nội dung khiếu nại";
            return self.push(noted(EventKind::Withdrawn, self.day, note), 5, 30);
        }
        if intake.kind == PetitionKind::Complaint && self.dice.chance(0.02) {
            let mut s = noted(
                EventKind::Withdrawn,
                self.day,
                "Rút một phần nội dung khiếu nại",
            );
            s.detail.partial = true;
            self.push(s, 3, 15);
        }
        if self.dice.chance(0.12) {
            let note = *self.dice.pick(&[
                "Tổ chức đối thoại với công dân",
                "Kiểm tra thực địa, làm việc với các bên liên quan",
                "Mời công dân cung cấp thêm tài liệu, chứng cứ",
            ]);
            self.push(noted(EventKind::Note, self.day, note), 2, 10);
        }
        let mut paused = 0;
        let may_suspend = suspension_from(intake.kind).is_some_and(|from| from <= self.day);
        // The dice are thrown first so that the rest of the demo does not depend on the rule.
        if disputable && self.dice.chance(0.04) && may_suspend {
            let note = "Chờ kết quả giải quyết của cơ quan khác có liên quan";
            self.push(noted(EventKind::Suspended, self.day, note), 3, 15);
            if intake.kind == PetitionKind::Denunciation {
                self.steps.push(step(EventKind::Notified, self.day));
            }
            let since = self.day;
            if stalls || self.dice.chance(0.15) {
                return;
            }
            self.push(step(EventKind::Resumed, self.day), 10, 45);
            paused = (self.day - since).num_days();
        }
        let mut limit = legal_days(intake);
        let allowance = extension_allowance(intake.kind, intake.complexity, intake.received);
        for n in 0..allowance.count {
            if n > 0 && self.dice.chance(0.5) {
                break;
            }
            let due = accepted + chrono::Days::new((limit + paused) as u64);
            let on = (due - chrono::Days::new(self.dice.between(1, 5) as u64)).max(self.day);
            let mut s = noted(
                EventKind::Extended,
                on,
                "Gia hạn giải quyết tố cáo do vụ việc phức tạp",
            );
            s.detail.days = Some(allowance.days);
            self.day = on;
            self.steps.push(s);
            limit += i64::from(allowance.days);
        }
        if stalls {
            return;
        }
        let factor = match self.dice.below(100) {
            0..60 => 0.5 + self.dice.unit() * 0.45,
            60..85 => 0.95 + self.dice.unit() * 0.05,
            _ => 1.05 + self.dice.unit() * 1.5,
        };
        let target = accepted + chrono::Days::new((limit as f64 * factor) as u64 + paused as u64);
        self.day = after(target.max(self.day + chrono::Days::new(1)), 0);
        let mut s = step(EventKind::Resolved, self.day);
        let decision = agencies::decision_no(self.dice, intake.kind, intake.field, self.day);
        s.detail.decision_no = Some(decision);
        self.steps.push(s);
    }
}

/// The whole planned history, first step `received`, cut at `today`.
pub fn plan(dice: &mut Dice, intake: &Intake, today: NaiveDate) -> Vec<Step> {
    let mut received = step(EventKind::Received, intake.received);
    received.detail.competence = Some(intake.competence);
    received.detail.complexity = Some(intake.complexity);
    let mut planner = Planner {
        dice,
        intake,
        steps: vec![received],
        day: intake.received,
    };
    let age = (today - intake.received).num_days();
    if intake.anonymous {
        planner.anonymous();
    } else if !planner.refiled() {
        match intake.competence {
            Competence::NotOurs => planner.not_ours(),
            Competence::Ours => planner.ours(age),
        }
    }
    let mut steps = planner.steps;
    steps.retain(|s| s.on <= today);
    steps
}
