//! The deadline engine against the law: every shipped rule, the calendar around the 2025–2027
//! holidays, extensions, suspensions and the urgency boundaries. Every expected date below was
//! counted by hand (the comments show the count), and every rule row names its article.

use chrono::NaiveDate;
use std::collections::BTreeSet;
use tiepdan::domain::{
    Competence, Complexity, EventKind, Lifecycle, PetitionKind, Round, Step, StepContext,
    StepDetail,
};
use tiepdan::error::{Error, Refusal};
use tiepdan::i18n::Lang;
use tiepdan::policy::Policy;
use tiepdan::rules::{
    Calendar, Case, DayUnit, DeadlineKind, PetitionFacts, Rules, Urgency, all_deadlines, days_left,
    next_deadline, urgency,
};

use Complexity::{Complex, Normal, VeryComplex};
use DayUnit::{Calendar as Cal, Working};
use DeadlineKind::{
    Accept, ComplaintWindow, Forward, NotifyDenouncer, NotifySuspension, Process, Resolve,
};
use PetitionKind::{Complaint, Denunciation, Recommendation, Report};

const TT05: &str = "Thông tư 05/2021/TT-TTCP (thời hạn xử lý đơn)";
const KN27: &str = "Luật Khiếu nại 2011, Điều 27";
const KN28: &str = "Luật Khiếu nại 2011, Điều 28";
const KN37: &str = "Luật Khiếu nại 2011, Điều 37";
const TC24: &str = "Luật Tố cáo 2018, Điều 24";
const TC30: &str = "Luật Tố cáo 2018, Điều 30";
const NOI_BO: &str = "Mặc định nội bộ";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn defaults() -> (Rules, Calendar) {
    (Rules::legal_default(), Calendar::legal_default())
}

// ── Building petitions through the real lifecycle ─────────────────────────────────────────────

fn step(kind: EventKind, on: &str) -> Step {
    Step {
        kind,
        on: d(on),
        detail: StepDetail::default(),
    }
}

fn with(mut step: Step, edit: impl FnOnce(&mut StepDetail)) -> Step {
    edit(&mut step.detail);
    step
}

fn facts(kind: PetitionKind, round: Option<Round>, remote: bool, received: &str) -> PetitionFacts {
    PetitionFacts {
        kind,
        round,
        remote_area: remote,
        received_on: d(received),
        anonymous: false,
        several_places: false,
    }
}

/// Replays `steps` (after the `received` step) with the extension limits the rules allow.
fn state(rules: &Rules, p: &PetitionFacts, steps: &[Step]) -> Result<Lifecycle, Error> {
    let ctx = StepContext {
        kind: p.kind,
        anonymous: false,
        received_on: p.received_on,
        extensions: Default::default(),
        suspension_from: Policy::legal_default().suspension_from(p.kind),
    };
    let received = Step {
        kind: EventKind::Received,
        on: p.received_on,
        detail: StepDetail::default(),
    };
    // A denouncer is told of the thụ lý the same day (Luật Tố cáo 2018, Điều 29), so these tables
    // see the resolution clock next; the notices have their own tests.
    let notice = |s: &Step| {
        (p.kind == PetitionKind::Denunciation && s.kind == EventKind::Accepted)
            .then(|| step(EventKind::Notified, &s.on.to_string()))
    };
    let all: Vec<Step> = std::iter::once(received)
        .chain(
            steps
                .iter()
                .flat_map(|s| std::iter::once(s.clone()).chain(notice(s))),
        )
        .collect();
    Lifecycle::replay(&ctx, &all, |c| {
        rules.extension_allowance(p.kind, c, p.received_on)
    })
}

fn accepted(on: &str, complexity: Complexity) -> Step {
    with(step(EventKind::Accepted, on), |s| {
        s.complexity = Some(complexity)
    })
}

fn extended(on: &str, days: u32) -> Step {
    with(step(EventKind::Extended, on), |s| s.days = Some(days))
}

/// A first-round, normal, not-remote case of `kind`.
fn plain(kind: PetitionKind) -> Case {
    Case {
        kind,
        round: None,
        complexity: Normal,
        remote: false,
        several_places: false,
    }
}

// ── Every shipped rule, with its article ──────────────────────────────────────────────────────

struct RuleRow {
    which: DeadlineKind,
    kind: PetitionKind,
    round: Option<Round>,
    complexity: Complexity,
    remote: bool,
    days: u32,
    unit: DayUnit,
    basis: &'static str,
    /// The day the clock starts: the rule in force that day applies.
    on: &'static str,
    /// Marked "xác minh nhiều địa điểm" (Luật Tố cáo 2018, Điều 24).
    several_places: bool,
}

#[rustfmt::skip]
fn rule_rows() -> Vec<RuleRow> {
    let row = |which, kind, round, complexity, remote, days, unit, basis| RuleRow {
        which, kind, round, complexity, remote, days, unit, basis, on: "2026-03-02",
        several_places: false,
    };
    let before_2019 = |which, kind, complexity, days, unit, basis| RuleRow {
        which, kind, round: None, complexity, remote: false, days, unit, basis, on: "2018-06-01",
        several_places: false,
    };
    let first = Some(Round::First);
    let second = Some(Round::Second);
    vec![
        // Xử lý đơn: every kind, 10 working days from receipt.
        row(Process, Complaint,      first, Normal,  false, 10, Working, TT05),
        row(Process, Denunciation,   None,  Complex, false, 10, Working, TT05),
        row(Process, Recommendation, None,  Normal,  true,  10, Working, TT05),
        row(Process, Report,         None,  Normal,  false, 10, Working, TT05),
        // Khiếu nại: thụ lý within 10 days.
        row(Accept, Complaint, first,  Normal,  false, 10, Cal, KN27),
        row(Accept, Complaint, second, Complex, true,  10, Cal, KN27),
        // Khiếu nại lần đầu: 30; phức tạp 45; vùng sâu vùng xa 45; both 60.
        row(Resolve, Complaint, first, Normal,      false, 30, Cal, KN28),
        row(Resolve, Complaint, first, Complex,     false, 45, Cal, KN28),
        row(Resolve, Complaint, first, VeryComplex, false, 45, Cal, KN28),
        row(Resolve, Complaint, first, Normal,      true,  45, Cal, KN28),
        row(Resolve, Complaint, first, Complex,     true,  60, Cal, KN28),
        row(Resolve, Complaint, first, VeryComplex, true,  60, Cal, KN28),
        // A complaint with no recorded round is treated as first round.
        row(Resolve, Complaint, None,  Normal,      false, 30, Cal, KN28),
        // Khiếu nại lần hai: 45; phức tạp 60; vùng sâu vùng xa 60; both 70.
        row(Resolve, Complaint, second, Normal,      false, 45, Cal, KN37),
        row(Resolve, Complaint, second, Complex,     false, 60, Cal, KN37),
        row(Resolve, Complaint, second, VeryComplex, false, 60, Cal, KN37),
        row(Resolve, Complaint, second, Normal,      true,  60, Cal, KN37),
        row(Resolve, Complaint, second, Complex,     true,  70, Cal, KN37),
        row(Resolve, Complaint, second, VeryComplex, true,  70, Cal, KN37),
        // Tố cáo: receive/classify/verify identity 7 working days, forward 5 working days,
        // resolve 30 days whatever the complexity or place (extensions come on top).
        row(Accept,  Denunciation, None, Normal,      false, 7,  Working, TC24),
        row(Forward, Denunciation, None, Normal,      false, 5,  Working, TC24),
        // "kiểm tra, xác minh tại nhiều địa điểm": up to 10 working days (Điều 24).
        RuleRow { several_places: true, ..row(Accept, Denunciation, None, Normal, false, 10, Working, TC24) },
        row(Resolve, Denunciation, None, Normal,      false, 30, Cal,     TC30),
        row(Resolve, Denunciation, None, Complex,     true,  30, Cal,     TC30),
        row(Resolve, Denunciation, None, VeryComplex, false, 30, Cal,     TC30),
        // Kiến nghị, phản ánh: no statutory period; an internal default, labelled as such.
        row(Resolve, Recommendation, None, Normal, false, 30, Cal, NOI_BO),
        row(Resolve, Report,         None, Normal, false, 30, Cal, NOI_BO),
        // Tố cáo: tell the denouncer of the thụ lý within 5 working days (Điều 29); send the
        // suspension decision within 5 working days (Điều 34).
        row(NotifyDenouncer,  Denunciation, None, Normal, false, 5, Working, "Luật Tố cáo 2018, Điều 29"),
        row(NotifySuspension, Denunciation, None, Normal, false, 5, Working, "Luật Tố cáo 2018, Điều 34"),
        // Thời hạn khiếu nại, from the day the decision became known: 90 days (Điều 9); a second
        // round within 30 days, 45 in remote areas (Điều 33).
        row(ComplaintWindow, Complaint, first,  Normal, false, 90, Cal, "Luật Khiếu nại 2011, Điều 9"),
        row(ComplaintWindow, Complaint, second, Normal, false, 30, Cal, "Luật Khiếu nại 2011, Điều 33"),
        row(ComplaintWindow, Complaint, second, Normal, true,  45, Cal, "Luật Khiếu nại 2011, Điều 33"),
        // Before 1/1/2019 (Luật Tố cáo 2011) and before 15/11/2021 (Thông tư 07/2014), marked
        // unverified in the file.
        before_2019(Process, Complaint,    Normal,  10, Working, "Thông tư 07/2014/TT-TTCP (thời hạn xử lý đơn)"),
        before_2019(Accept,  Denunciation, Normal,  10, Cal,     "Luật Tố cáo 2011, Điều 20"),
        before_2019(Resolve, Denunciation, Normal,  60, Cal,     "Luật Tố cáo 2011, Điều 21"),
        before_2019(Resolve, Denunciation, Complex, 90, Cal,     "Luật Tố cáo 2011, Điều 21"),
    ]
}

#[test]
fn every_shipped_rule_matches_the_law() {
    let rules = Rules::legal_default();
    let mut used = BTreeSet::new();
    for r in rule_rows() {
        let what = format!(
            "{} {} {:?} {} remote={}",
            r.which, r.kind, r.round, r.complexity, r.remote
        );
        let case = Case {
            kind: r.kind,
            round: r.round,
            complexity: r.complexity,
            remote: r.remote,
            several_places: r.several_places,
        };
        let rule = rules
            .find(r.which, &case, d(r.on))
            .unwrap_or_else(|| panic!("no rule for {what}"));
        assert_eq!((rule.days, rule.unit), (r.days, r.unit), "{what}");
        assert_eq!(rule.basis, r.basis, "{what}");
        used.insert(rule.id.clone());
    }
    let shipped: BTreeSet<String> = rules
        .deadline_rules()
        .iter()
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(used, shipped, "every shipped rule has a row above");
}

#[test]
fn internal_defaults_say_so() {
    let rules = Rules::legal_default();
    for kind in [Recommendation, Report] {
        let rule = rules.find(Resolve, &plain(kind), d("2026-03-02")).unwrap();
        assert_eq!(
            rule.note.as_deref(),
            Some("mặc định nội bộ, không có thời hạn luật định")
        );
    }
}

#[test]
fn deadlines_the_law_does_not_set_are_absent() {
    let rules = Rules::legal_default();
    let day = d("2026-03-02");
    assert!(rules.find(Accept, &plain(Report), day).is_none());
    assert!(rules.find(Forward, &plain(Complaint), day).is_none());
    assert!(
        rules
            .find(NotifyDenouncer, &plain(Complaint), day)
            .is_none()
    );
}

#[rustfmt::skip]
#[test]
fn extension_limits() {
    let rules = Rules::legal_default();
    // (kind, complexity, max, days each, basis)
    let rows = [
        (Denunciation, Normal,      0, None,     None),
        (Denunciation, Complex,     1, Some(30), Some(TC30)), // phức tạp: one extension ≤ 30 days
        (Denunciation, VeryComplex, 2, Some(30), Some(TC30)), // đặc biệt phức tạp: two ≤ 30 each
        (Complaint,    Complex,     0, None,     None),       // the longer period applies instead
        (Complaint,    VeryComplex, 0, None,     None),
        (Report,       VeryComplex, 0, None,     None),
    ];
    for (kind, complexity, max, days, basis) in rows {
        let day = d("2026-03-02");
        assert_eq!(rules.max_extensions(kind, complexity, day), max, "{kind} {complexity}");
        assert_eq!(rules.extension_days(kind, complexity, day), days, "{kind} {complexity}");
        let found = rules.extension(kind, complexity, day).map(|r| r.basis.as_str());
        assert_eq!(found, basis, "{kind} {complexity}");
    }
}

// ── The calendar ──────────────────────────────────────────────────────────────────────────────

#[rustfmt::skip]
#[test]
fn working_days_across_holidays() {
    let cal = Calendar::legal_default();
    // (start, n working days, due, why)
    let rows = [
        // Tết Bính Ngọ, off Sat 14/2 – Sun 22/2/2026. From Tue 10/2: Wed 11 (1), Thu 12 (2),
        // Fri 13 (3), [14–22 off], Mon 23 (4), Tue 24 (5), Wed 25 (6), Thu 26 (7), Fri 27 (8),
        // [Sat 28/2, Sun 1/3], Mon 2/3 (9), Tue 3/3 (10).
        ("2026-02-10", 10, "2026-03-03", "Tết Bính Ngọ 2026"),
        // Giỗ Tổ 10/3 âm lịch is Sun 26/4/2026: compensatory Mon 27/4. From Fri 24/4: [Sat 25,
        // Sun 26, Mon 27 off], Tue 28 (1).
        ("2026-04-24", 1, "2026-04-28", "Giỗ Tổ on a Sunday, nghỉ bù Monday"),
        // From Tue 28/4: Wed 29 (1), [Thu 30/4, Fri 1/5, weekend], Mon 4/5 (2), Tue 5/5 (3).
        ("2026-04-28", 3, "2026-05-05", "30/4 and 1/5 2026"),
        // Fri 2/1/2026 swapped with Sat 10/1. From Wed 31/12/2025: [Thu 1/1, Fri 2/1, weekend],
        // Mon 5/1 (1).
        ("2025-12-31", 1, "2026-01-05", "Tết Dương lịch 2026, swapped Friday"),
        // The make-up Saturday is a working day: from Fri 9/1/2026, Sat 10/1 (1).
        ("2026-01-09", 1, "2026-01-10", "thứ Bảy làm bù 10/1/2026"),
        ("2026-08-21", 1, "2026-08-22", "thứ Bảy làm bù 22/8/2026"),
        // Quốc khánh 2026 off Sat 29/8 – Wed 2/9 (Mon 31/8 swapped). From Fri 28/8: Thu 3/9 (1).
        ("2026-08-28", 1, "2026-09-03", "Quốc khánh 2026"),
        // 2025: Fri 2/5 swapped with Sat 26/4. From Fri 25/4: Sat 26/4 (1).
        ("2025-04-25", 1, "2025-04-26", "thứ Bảy làm bù 26/4/2025"),
        // From Tue 29/4/2025: [Wed 30/4, Thu 1/5, Fri 2/5, weekend], Mon 5/5 (1).
        ("2025-04-29", 1, "2025-05-05", "30/4–4/5/2025"),
        // Tết Ất Tỵ off Sat 25/1 – Sun 2/2/2025. From Fri 24/1: Mon 3/2 (1).
        ("2025-01-24", 1, "2025-02-03", "Tết Ất Tỵ 2025"),
        // Giỗ Tổ 2025 is Mon 7/4. From Fri 4/4: Tue 8/4 (1).
        ("2025-04-04", 1, "2025-04-08", "Giỗ Tổ 2025"),
        // 2027 (provisional): Tết Đinh Mùi off Fri 5/2 – Thu 11/2. From Thu 4/2: Fri 12/2 (1).
        ("2027-02-04", 1, "2027-02-12", "Tết Đinh Mùi 2027 (provisional)"),
        // 2028 is not in the table: a provisional table computed from the law (Bộ luật Lao động
        // 2019, Điều 111–112). Sun 30/4/2028 gives a nghỉ bù on Tue 2/5, since Mon 1/5 is itself a
        // holiday. From Fri 28/4: Wed 3/5 (1).
        ("2028-04-28", 1, "2028-05-03", "unlisted year, 30/4 on a Sunday"),
        // Tết Mậu Thân 2028 (mùng 1 Wed 26/1): off Tue 25/1 – Sat 29/1, nghỉ bù Mon 31/1. From
        // Mon 24/1: Tue 1/2 (1).
        ("2028-01-24", 1, "2028-02-01", "Tết 2028 from the lunar calendar (provisional)"),
        // A plain fortnight: Mon 2/3/2026 + 10 working days = Mon 16/3.
        ("2026-03-02", 10, "2026-03-16", "no holiday"),
        ("2026-03-02", 0, "2026-03-02", "zero days is the start day"),
    ];
    for (start, n, due, why) in rows {
        assert_eq!(cal.add_working_days(d(start), n), d(due), "{why}");
        assert_eq!(cal.add_days(d(start), n, Working), d(due), "{why}");
        assert_eq!(cal.working_days_between(d(start), d(due)), i64::from(n), "{why}");
    }
}

#[test]
fn working_days_between_is_signed() {
    let cal = Calendar::legal_default();
    // Fri 13/2/2026 → Mon 23/2: only Mon 23 is worked in between.
    assert_eq!(
        cal.working_days_between(d("2026-02-13"), d("2026-02-23")),
        1
    );
    assert_eq!(
        cal.working_days_between(d("2026-02-23"), d("2026-02-13")),
        -1
    );
    assert_eq!(
        cal.working_days_between(d("2026-02-13"), d("2026-02-13")),
        0
    );
}

#[test]
fn calendar_days_are_plain_days() {
    let cal = Calendar::legal_default();
    assert_eq!(cal.add_days(d("2026-02-10"), 10, Cal), d("2026-02-20"));
}

// ── Deadlines by stage ────────────────────────────────────────────────────────────────────────

#[test]
fn intake_deadlines_run_from_receipt() {
    let (rules, cal) = defaults();
    #[rustfmt::skip]
    // (kind, competence, received, expected next deadline, due, basis, how)
    let rows = [
        // Thụ lý 10 days: Mon 2/3 + 10 = Thu 12/3, before xử lý đơn Mon 16/3.
        (Complaint, None, "2026-03-02", Accept, "2026-03-12", KN27, "complaint"),
        // 7 working days: Tue 3 … Fri 6 (4), Mon 9, Tue 10, Wed 11 (7).
        (Denunciation, None, "2026-03-02", Accept, "2026-03-11", TC24, "denunciation"),
        // Not ours: forward within 5 working days: Tue 3 … Fri 6 (4), Mon 9 (5).
        (Denunciation, Some(Competence::NotOurs), "2026-03-02", Forward, "2026-03-09", TC24, "not ours"),
        // Only xử lý đơn: Mon 2/3 + 10 working days = Mon 16/3.
        (Report, None, "2026-03-02", Process, "2026-03-16", TT05, "report"),
        (Recommendation, None, "2026-03-02", Process, "2026-03-16", TT05, "recommendation"),
        // Tue 10/2/2026 + 10 days = Fri 20/2, mùng 4 Tết: the period ends on the next working
        // day, Mon 23/2 (Bộ luật Dân sự 2015, Điều 148) — still before xử lý đơn on 3/3.
        (Complaint, None, "2026-02-10", Accept, "2026-02-23", KN27, "complaint over Tết"),
        // Forward 5 working days from Tue 10/2: 11, 12, 13, 23, 24 → Tue 24/2.
        (Denunciation, Some(Competence::NotOurs), "2026-02-10", Forward, "2026-02-24", TC24, "forward over Tết"),
    ];
    for (kind, competence, received, which, due, basis, how) in rows {
        let p = facts(kind, None, false, received);
        let steps = [with(step(EventKind::Classified, received), |s| {
            s.competence = competence
        })];
        let st = state(&rules, &p, &steps).unwrap();
        let next = next_deadline(&rules, &cal, &p, &st, d(received)).expect(how);
        assert_eq!((next.which, next.due_on), (which, d(due)), "{how}");
        assert_eq!(next.basis, basis, "{how}");
        assert!(!next.paused, "{how}");
    }
}

#[test]
fn intake_lists_every_running_deadline() {
    let (rules, cal) = defaults();
    let p = facts(Denunciation, None, false, "2026-03-02");
    let steps = [with(step(EventKind::Classified, "2026-03-02"), |s| {
        s.competence = Some(Competence::NotOurs)
    })];
    let st = state(&rules, &p, &steps).unwrap();
    let mut all: Vec<_> = all_deadlines(&rules, &cal, &p, &st, d("2026-03-02"))
        .into_iter()
        .map(|x| (x.which, x.due_on))
        .collect();
    all.sort();
    assert_eq!(
        all,
        [
            (Process, d("2026-03-16")),
            (Accept, d("2026-03-11")),
            (Forward, d("2026-03-09")),
        ]
    );
}

#[test]
fn resolution_deadlines_from_acceptance() {
    let (rules, cal) = defaults();
    let first = Some(Round::First);
    let second = Some(Round::Second);
    // Accepted Mon 2/3/2026. +30 = Wed 1/4; +45 = Thu 16/4; +70 = Mon 11/5;
    // +60 = Fri 1/5, a holiday → Sat 2, Sun 3 → Mon 4/5.
    #[rustfmt::skip]
    let rows = [
        (Complaint, first,  Normal,      false, "2026-04-01", KN28),
        (Complaint, first,  Complex,     false, "2026-04-16", KN28),
        (Complaint, first,  Normal,      true,  "2026-04-16", KN28),
        (Complaint, first,  VeryComplex, true,  "2026-05-04", KN28),
        (Complaint, second, Normal,      false, "2026-04-16", KN37),
        (Complaint, second, Complex,     false, "2026-05-04", KN37),
        (Complaint, second, Normal,      true,  "2026-05-04", KN37),
        (Complaint, second, Complex,     true,  "2026-05-11", KN37),
        (Denunciation, None, Normal,     false, "2026-04-01", TC30),
        (Report,       None, Normal,     false, "2026-04-01", NOI_BO),
    ];
    for (kind, round, complexity, remote, due, basis) in rows {
        let how = format!("{kind} {round:?} {complexity} remote={remote}");
        let p = facts(kind, round, remote, "2026-02-26");
        let st = state(&rules, &p, &[accepted("2026-03-02", complexity)]).unwrap();
        for today in ["2026-03-02", "2026-03-20"] {
            let next = next_deadline(&rules, &cal, &p, &st, d(today)).unwrap();
            assert_eq!((next.which, next.due_on), (Resolve, d(due)), "{how}");
            assert_eq!(next.basis, basis, "{how}");
        }
        // Verifying keeps the same clock.
        let verifying = state(
            &rules,
            &p,
            &[
                accepted("2026-03-02", complexity),
                step(EventKind::Verifying, "2026-03-05"),
            ],
        )
        .unwrap();
        let next = next_deadline(&rules, &cal, &p, &verifying, d("2026-03-05")).unwrap();
        assert_eq!(next.due_on, d(due), "{how} verifying");
    }
}

#[test]
fn denunciation_extensions_add_calendar_days_up_to_the_limit() {
    let (rules, cal) = defaults();
    let p = facts(Denunciation, None, false, "2026-02-26");

    // Phức tạp: one extension. 30 + 30 = 60 days from Mon 2/3 = Fri 1/5 (holiday) → Mon 4/5.
    let complex = [accepted("2026-03-02", Complex), extended("2026-03-25", 30)];
    let st = state(&rules, &p, &complex).unwrap();
    let next = next_deadline(&rules, &cal, &p, &st, d("2026-03-25")).unwrap();
    assert_eq!((next.due_on, next.extension_days), (d("2026-05-04"), 30));
    assert_eq!(next.basis, TC30);

    // A second extension is refused (Luật Tố cáo 2018, Điều 30: phức tạp → once).
    let mut twice = complex.to_vec();
    twice.push(extended("2026-04-20", 30));
    let err = state(&rules, &p, &twice).unwrap_err();
    assert!(matches!(
        err,
        Error::IllegalStep {
            why: Refusal::ExtensionsUsed { max: 1 },
            ..
        }
    ));

    // Đặc biệt phức tạp: two extensions. 30 + 30 + 30 = 90 days from Mon 2/3 = Sun 31/5 →
    // Mon 1/6.
    let very = [
        accepted("2026-03-02", VeryComplex),
        extended("2026-03-25", 30),
        extended("2026-04-20", 30),
    ];
    let st = state(&rules, &p, &very).unwrap();
    let next = next_deadline(&rules, &cal, &p, &st, d("2026-04-20")).unwrap();
    assert_eq!((next.due_on, next.extension_days), (d("2026-06-01"), 60));

    // A third is refused.
    let mut thrice = very.to_vec();
    thrice.push(extended("2026-05-20", 30));
    let err = state(&rules, &p, &thrice).unwrap_err();
    assert!(matches!(
        err,
        Error::IllegalStep {
            why: Refusal::ExtensionsUsed { max: 2 },
            ..
        }
    ));
}

#[test]
fn complaints_get_no_extension() {
    let rules = Rules::legal_default();
    let p = facts(Complaint, Some(Round::First), false, "2026-02-26");
    let steps = [accepted("2026-03-02", Complex), extended("2026-03-25", 30)];
    let err = state(&rules, &p, &steps).unwrap_err();
    assert!(matches!(
        err,
        Error::IllegalStep {
            why: Refusal::KindCannotExtend(Complaint),
            ..
        }
    ));
}

#[test]
fn suspension_stops_the_clock() {
    // Luật số 136/2025/QH15: the days spent suspended do not count.
    let (rules, cal) = defaults();
    let p = facts(Complaint, Some(Round::First), false, "2026-02-26");
    let accepted_only = [accepted("2026-03-02", Normal)];
    let suspended = [
        accepted("2026-03-02", Normal),
        step(EventKind::Suspended, "2026-03-12"),
    ];
    let resumed = [
        accepted("2026-03-02", Normal),
        step(EventKind::Suspended, "2026-03-12"),
        step(EventKind::Resumed, "2026-03-19"),
    ];
    // (steps, today, due, paused, why)
    let rows: [(&[Step], &str, &str, bool, &str); 5] = [
        // Mon 2/3 + 30 = Wed 1/4.
        (&accepted_only, "2026-03-12", "2026-04-01", false, "running"),
        // Suspended on 12/3 and still suspended that day: nothing paused yet.
        (
            &suspended,
            "2026-03-12",
            "2026-04-01",
            true,
            "suspended today",
        ),
        // Still suspended on 20/3: 8 days paused so far → Thu 9/4.
        (
            &suspended,
            "2026-03-20",
            "2026-04-09",
            true,
            "suspended 8 days",
        ),
        // Still suspended on 30/3: 18 days → Sun 19/4 → Mon 20/4.
        (
            &suspended,
            "2026-03-30",
            "2026-04-20",
            true,
            "suspended 18 days",
        ),
        // Resumed 19/3 after 7 days: Wed 1/4 + 7 = Wed 8/4, whatever today is.
        (&resumed, "2026-03-30", "2026-04-08", false, "resumed"),
    ];
    for (steps, today, due, paused, why) in rows {
        let st = state(&rules, &p, steps).unwrap();
        let next = next_deadline(&rules, &cal, &p, &st, d(today)).unwrap();
        assert_eq!((next.due_on, next.paused), (d(due), paused), "{why}");
        assert_eq!(next.which, Resolve, "{why}");
    }
}

#[test]
fn closed_petitions_have_no_deadline() {
    let (rules, cal) = defaults();
    let p = facts(Complaint, Some(Round::First), false, "2026-03-02");
    let closings: [&[Step]; 6] = [
        &[with(step(EventKind::Transferred, "2026-03-03"), |s| {
            s.to_agency = Some("UBND xã Tân Lập".into())
        })],
        &[step(EventKind::Guided, "2026-03-03")],
        &[step(EventKind::Returned, "2026-03-03")],
        &[step(EventKind::Filed, "2026-03-03")],
        &[step(EventKind::Withdrawn, "2026-03-03")],
        &[
            accepted("2026-03-03", Normal),
            with(step(EventKind::Resolved, "2026-03-20"), |s| {
                s.decision_no = Some("15/QĐ-UBND".into())
            }),
        ],
    ];
    for steps in closings {
        let st = state(&rules, &p, steps).unwrap();
        assert!(st.status.is_closed());
        assert_eq!(next_deadline(&rules, &cal, &p, &st, d("2026-03-25")), None);
        assert!(all_deadlines(&rules, &cal, &p, &st, d("2026-03-25")).is_empty());
        assert_eq!(
            urgency(None, d("2026-03-25"), &cal, &rules.urgency),
            Urgency::Closed
        );
    }
}

// ── Urgency ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn urgency_boundaries() {
    let (rules, cal) = defaults();
    let t = rules.urgency;
    assert_eq!((t.critical_working_days, t.soon_days), (2, 7));
    #[rustfmt::skip]
    // (today, due, urgency, calendar days left, working days left, why)
    let rows = [
        // Thu 5/3 → Mon 9/3: Fri 6 (1), Mon 9 (2): exactly 2 working days over a weekend.
        ("2026-03-05", "2026-03-09", Urgency::Critical, 4, 2, "2 working days"),
        // Thu 5/3 → Tue 10/3: Fri, Mon, Tue = 3 working days; 5 calendar days.
        ("2026-03-05", "2026-03-10", Urgency::Soon, 5, 3, "3 working days over a weekend"),
        ("2026-03-05", "2026-03-05", Urgency::Critical, 0, 0, "due today"),
        ("2026-03-05", "2026-03-04", Urgency::Overdue, -1, -1, "overdue by 1"),
        // Mon 9/3 was due; on Tue 10/3 it is one calendar and one working day late.
        ("2026-03-10", "2026-03-09", Urgency::Overdue, -1, -1, "overdue by 1, weekday"),
        ("2026-03-05", "2026-03-12", Urgency::Soon, 7, 5, "7 calendar days"),
        ("2026-03-05", "2026-03-13", Urgency::Ok, 8, 6, "8 calendar days"),
        // Fri 13/2/2026 → Tue 24/2: 11 calendar days, but only Mon 23 and Tue 24 are worked.
        ("2026-02-13", "2026-02-24", Urgency::Critical, 11, 2, "across Tết"),
    ];
    for (today, due, expected, cal_left, work_left, why) in rows {
        let (today, due) = (d(today), d(due));
        assert_eq!(urgency(Some(due), today, &cal, &t), expected, "{why}");
        assert_eq!(days_left(due, today, Cal, &cal), cal_left, "{why}");
        assert_eq!(days_left(due, today, Working, &cal), work_left, "{why}");
    }
}

#[test]
fn urgency_symbols_work_without_colour() {
    let symbols: Vec<&str> = Urgency::ALL.iter().map(|u| u.symbol()).collect();
    assert_eq!(symbols, ["‼", "!", "•", "✓", "–"]);
    assert_eq!(Urgency::Overdue.label(Lang::Vi), "quá hạn");
    assert_eq!(Urgency::Critical.label(Lang::Vi), "sắp đến hạn");
}

// ── Configuration files ───────────────────────────────────────────────────────────────────────

fn config_parts(err: Error) -> (String, String) {
    match err {
        Error::Config { file, message } => (file, message),
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[test]
fn malformed_rules_name_the_file_and_line() {
    let text = "[urgency]\ncritical_working_days = 2\nsoon_days = 7\n\n[[deadline]]\nid = \"x\"\ndeadline = \"process\"\nkind = \"any\"\ndays = ten\n";
    let (file, message) = config_parts(Rules::from_toml_str(text, "rules.toml").unwrap_err());
    assert_eq!(file, "rules.toml");
    assert!(message.starts_with("line 9,"), "{message}");
    // A misspelt unit is caught too, with its line.
    let text = "[[deadline]]\nid = \"x\"\ndeadline = \"process\"\nkind = \"any\"\ndays = 3\nunit = \"weekdays\"\nfrom = \"received\"\nbasis = \"x\"\n";
    let (_, message) = config_parts(Rules::from_toml_str(text, "rules.toml").unwrap_err());
    assert!(message.starts_with("line 6,"), "{message}");
    // The person reads it in their language, with the file named.
    let err = Rules::from_toml_str(text, "rules.toml").unwrap_err();
    assert!(
        err.message(Lang::Vi)
            .starts_with("tệp cấu hình rules.toml: line 6")
    );
}

#[test]
fn malformed_holidays_name_the_file_and_line() {
    let text = "[2026]\noff = [\n  2026-01-01,\n  2026-02-30,\n]\n";
    let (file, message) = config_parts(Calendar::from_toml_str(text, "holidays.toml").unwrap_err());
    assert_eq!(file, "holidays.toml");
    assert!(message.starts_with("line 4,"), "{message}");

    let text = "[2026]\noff = [2026-01-01]\nmakeup_workdays = [2026-01-01]\n";
    let (_, message) = config_parts(Calendar::from_toml_str(text, "holidays.toml").unwrap_err());
    assert!(message.starts_with("line 3,"), "{message}");
}

#[test]
fn an_override_file_replaces_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let rules_path = dir.path().join("rules.toml");
    std::fs::write(
        &rules_path,
        r#"
[urgency]
critical_working_days = 3
soon_days = 10

[[deadline]]
id = "process-any"
deadline = "process"
kind = "any"
days = 15
unit = "working"
from = "received"
basis = "Quy chế nội bộ"
"#,
    )
    .unwrap();
    let rules = Rules::load(Some(&rules_path)).unwrap();
    assert_eq!(rules.source(), rules_path.display().to_string());
    let process = rules
        .find(Process, &plain(Complaint), d("2026-03-02"))
        .unwrap();
    assert_eq!(
        (process.days, process.basis.as_str()),
        (15, "Quy chế nội bộ")
    );
    assert_eq!(rules.urgency.critical_working_days, 3);
    // The whole file is replaced: the default complaint rules are gone.
    assert!(
        rules
            .find(Accept, &plain(Complaint), d("2026-03-02"))
            .is_none()
    );

    let holidays_path = dir.path().join("holidays.toml");
    std::fs::write(&holidays_path, "[2026]\noff = [2026-03-03]\n").unwrap();
    let cal = Calendar::load(Some(&holidays_path)).unwrap();
    assert!(!cal.is_working_day(d("2026-03-03")));
    assert!(
        cal.is_working_day(d("2026-02-17")),
        "Tết 2026 is no longer listed"
    );
    assert!(!cal.covers(2025));

    // No file: the legal default.
    let missing = dir.path().join("absent.toml");
    assert_eq!(Rules::load(Some(&missing)).unwrap(), Rules::legal_default());
    assert_eq!(Calendar::load(None).unwrap(), Calendar::legal_default());
}
