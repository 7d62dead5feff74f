//! Lượt tiếp: who received the citizen, how, and the logbook's direction column.

use super::calendar;
use super::dice::Dice;
use super::places::{self, Commune};
use crate::domain::{Channel, EventKind, Handling, Id, Step, Visit, VisitKind};
use chrono::NaiveDate;

/// The desk's officers.
pub const OFFICERS: &[&str] = &[
    "Nguyễn Thị Thu Hà",
    "Trần Đình Phúc",
    "Lê Văn Thắng",
    "Phan Thị Hồng Nhung",
    "Võ Quang Huy",
    "Đặng Thị Lệ",
    "Hồ Sỹ Nam",
];

/// How the visit went, decided before the petition's history is known.
pub struct Sitting {
    pub kind: VisitKind,
    pub leader_present: bool,
    pub channel: Channel,
    pub at: chrono::NaiveDateTime,
    pub officer: &'static str,
}

pub fn sitting(dice: &mut Dice, day: NaiveDate, group: bool) -> Sitting {
    let reception_day = calendar::is_reception_day(day);
    let kind = if reception_day && dice.chance(0.6) {
        VisitKind::Periodic
    } else if dice.chance(0.03) {
        VisitKind::Adhoc
    } else {
        VisitKind::Regular
    };
    let leader_present = match kind {
        VisitKind::Periodic => true,
        VisitKind::Adhoc => dice.chance(0.5),
        VisitKind::Regular => false,
    };
    let channel = if !group && dice.chance(0.10) {
        Channel::Online
    } else {
        Channel::InPerson
    };
    Sitting {
        kind,
        leader_present,
        channel,
        at: calendar::office_time(dice, day),
        officer: dice.word(OFFICERS),
    }
}

/// The direction the desk took, read from the steps (the logbook column).
pub fn handling(steps: &[Step]) -> Handling {
    steps
        .iter()
        .find_map(|s| match s.kind {
            EventKind::Accepted => Some(Handling::Accept),
            EventKind::Guided => Some(Handling::Guide),
            EventKind::Transferred => Some(Handling::Transfer),
            EventKind::Returned => Some(Handling::Return),
            EventKind::Filed => Some(Handling::File),
            _ => None,
        })
        .unwrap_or(Handling::Pending)
}

fn notes(dice: &mut Dice, sitting: &Sitting, commune: &Commune, headcount: u32) -> String {
    let mut parts: Vec<String> = Vec::new();
    match sitting.kind {
        VisitKind::Periodic => parts.push(
            dice.pick(&[
                "Chủ tịch UBND tỉnh chủ trì tiếp công dân định kỳ.",
                "Phó Chủ tịch UBND tỉnh chủ trì tiếp công dân định kỳ theo ủy quyền.",
            ])
            .to_string(),
        ),
        VisitKind::Adhoc => parts.push("Tiếp công dân đột xuất theo yêu cầu của lãnh đạo.".into()),
        VisitKind::Regular => {}
    }
    if sitting.channel == Channel::Online {
        parts.push(format!(
            "Tiếp trực tuyến qua điểm cầu UBND {}.",
            places::commune_label(commune, false)
        ));
    }
    if headcount >= crate::domain::GROUP_MIN_HEADCOUNT {
        parts.push(format!(
            "Đoàn {headcount} công dân, cử người đại diện trình bày."
        ));
    } else if dice.chance(0.2) {
        parts.push(
            dice.pick(&[
                "Công dân cung cấp bản photo Giấy chứng nhận quyền sử dụng đất.",
                "Công dân mang theo đơn và tài liệu kèm theo.",
                "Công dân trình bày trực tiếp, chưa có đơn; cán bộ hướng dẫn viết đơn.",
            ])
            .to_string(),
        );
    }
    parts.join(" ")
}

pub struct VisitFacts<'a> {
    pub id: Id,
    pub sitting: Sitting,
    pub commune: &'a Commune,
    pub headcount: u32,
    pub attendees: Vec<crate::domain::Attendee>,
    pub petition_id: Id,
    pub steps: &'a [Step],
}

pub fn visit(dice: &mut Dice, facts: VisitFacts) -> Visit {
    let notes = notes(dice, &facts.sitting, facts.commune, facts.headcount);
    Visit {
        id: facts.id,
        visited_at: facts.sitting.at,
        officer: facts.sitting.officer.to_string(),
        kind: facts.sitting.kind,
        leader_present: facts.sitting.leader_present,
        channel: facts.sitting.channel,
        headcount: facts.headcount,
        notes,
        handling: handling(facts.steps),
        attendees: facts.attendees,
        petition_ids: vec![facts.petition_id],
    }
}
