//! Agencies by their names at the time: the departments merged on 1 March 2025 and the districts
//! abolished on 1 July 2025 appear under their old names in older records.

use super::dice::Dice;
use super::places::{self, Commune, HOME, PROVINCES};
use crate::domain::{Field, PetitionKind, Source};
use chrono::{Datelike, NaiveDate};

fn departments_merged(on: NaiveDate) -> bool {
    on >= NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
}

fn home() -> &'static str {
    PROVINCES[HOME].name
}

/// The department of `province` in charge of a field, named as it was on `on`.
pub fn department_of(field: Field, on: NaiveDate, province: usize) -> String {
    let merged = departments_merged(on);
    let name = match field {
        Field::Land | Field::Clearance | Field::Environment if merged => {
            "Sở Nông nghiệp và Môi trường"
        }
        Field::Land | Field::Clearance | Field::Environment => "Sở Tài nguyên và Môi trường",
        Field::Planning | Field::Construction => "Sở Xây dựng",
        Field::Policy if merged => "Sở Nội vụ",
        Field::Policy => "Sở Lao động - Thương binh và Xã hội",
        Field::Ethnic | Field::Religion if merged => "Sở Dân tộc và Tôn giáo",
        Field::Ethnic | Field::Religion => "Ban Dân tộc",
        Field::Justice => "Sở Tư pháp",
        Field::Corruption => "Thanh tra",
        Field::Other => "Văn phòng UBND",
    };
    format!("{name} {}", places::province_label(&PROVINCES[province]))
}

/// The desk's own province's department for a field.
pub fn department(field: Field, on: NaiveDate) -> String {
    department_of(field, on, HOME)
}

/// The local government of a commune: the commune itself, or before the merger often its district.
pub fn local_government(dice: &mut Dice, commune: &Commune, on: NaiveDate) -> String {
    let province = places::province_label(&PROVINCES[commune.province]);
    let outside = commune.province != HOME;
    match commune.district {
        // Only the home province's communes carry their old district.
        Some(district) if on < places::merger_day() && dice.chance(0.5) => {
            format!("UBND {district}")
        }
        _ if outside && dice.chance(0.4) => format!("UBND {province}"),
        _ if outside => format!("UBND {}, {province}", places::commune_label(commune, false)),
        _ => format!("UBND {}", places::commune_label(commune, false)),
    }
}

/// Where a petition that is not ours goes.
pub fn competent_agency(
    dice: &mut Dice,
    field: Field,
    kind: PetitionKind,
    commune: &Commune,
    on: NaiveDate,
) -> String {
    let roll = dice.below(10);
    if commune.province != HOME {
        return if roll < 7 {
            local_government(dice, commune, on)
        } else {
            department_of(field, on, commune.province)
        };
    }
    match field {
        Field::Justice if roll < 5 => {
            if on < places::merger_day() {
                format!("Cục Thi hành án dân sự tỉnh {}", home())
            } else {
                format!("Thi hành án dân sự tỉnh {}", home())
            }
        }
        Field::Justice if roll < 7 => format!("Tòa án nhân dân tỉnh {}", home()),
        Field::Corruption if roll < 2 && kind == PetitionKind::Denunciation => investigators(),
        Field::Corruption if roll < 6 => format!("Ủy ban Kiểm tra Tỉnh ủy {}", home()),
        _ if roll < 6 => local_government(dice, commune, on),
        Field::Other => format!("Công ty Điện lực {}", home()),
        _ if roll < 9 => department(field, on),
        _ => format!("Thanh tra tỉnh {}", home()),
    }
}

pub fn investigators() -> String {
    format!("Cơ quan Cảnh sát điều tra Công an tỉnh {}", home())
}

const PRESS: &[&str] = &[
    "Báo Hà Tĩnh",
    "Báo Nhân Dân",
    "Báo Lao Động",
    "Báo Pháp luật Việt Nam",
    "Báo Thanh Niên",
    "Báo Tuổi Trẻ",
    "Báo Người Lao Động",
    "Báo Nông nghiệp và Môi trường",
];

const HIGHER: &[&str] = &[
    "Ban Tiếp công dân Trung ương",
    "Thanh tra Chính phủ",
    "Văn phòng Chính phủ",
    "Văn phòng Trung ương Đảng",
    "Ủy ban Kiểm tra Trung ương",
    "Ban Dân nguyện và Giám sát của Quốc hội",
];

/// Who sent a petition that did not come to the desk or by post.
pub fn source_agency(
    dice: &mut Dice,
    source: Source,
    commune: &Commune,
    on: NaiveDate,
) -> Option<String> {
    let home = home();
    Some(match source {
        Source::Desk | Source::Post => return None,
        Source::Press => dice.pick(PRESS).to_string(),
        Source::Higher => {
            let name = *dice.pick(HIGHER);
            if name.starts_with("Ban Dân nguyện") && on < places::merger_day() {
                "Ban Dân nguyện thuộc Ủy ban Thường vụ Quốc hội".to_string()
            } else {
                name.to_string()
            }
        }
        Source::Agency => match dice.below(6) {
            0 => format!("Đoàn đại biểu Quốc hội tỉnh {home}"),
            1 => format!("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh {home}"),
            2 => format!("Thanh tra tỉnh {home}"),
            3 => format!("Văn phòng Tỉnh ủy {home}"),
            4 => department(Field::Land, on),
            _ => local_government(dice, commune, on),
        },
    })
}

/// Decision numbers: a decision (QĐ) for complaints, a conclusion (KL) for denunciations, an
/// official letter for recommendations and reports; numbered through the year.
pub fn decision_no(dice: &mut Dice, kind: PetitionKind, field: Field, on: NaiveDate) -> String {
    let ordinal = on.ordinal() as i64;
    match kind {
        PetitionKind::Complaint => format!("{}/QĐ-UBND", ordinal * 9 + dice.between(0, 8)),
        PetitionKind::Denunciation if dice.chance(0.3) => {
            format!("{}/KL-TTr", ordinal / 3 + dice.between(1, 3))
        }
        PetitionKind::Denunciation => format!("{}/KL-UBND", ordinal / 2 + dice.between(1, 2)),
        _ => {
            let office = match field {
                Field::Land | Field::Clearance | Field::Environment => "NL",
                Field::Planning | Field::Construction => "XD",
                Field::Policy | Field::Ethnic | Field::Religion => "VX",
                Field::Justice | Field::Corruption => "NC",
                Field::Other => "TH",
            };
            format!("{}/UBND-{office}", ordinal * 25 + dice.between(0, 24))
        }
    }
}

/// An earlier decision mentioned in a summary (same numbering, a past date).
pub fn earlier_decision(dice: &mut Dice, before: NaiveDate) -> (String, NaiveDate) {
    let on = before - chrono::Days::new(dice.between(20, 400) as u64);
    let no = format!("{}/QĐ-UBND", on.ordinal() as i64 * 9 + dice.between(0, 8));
    (no, on)
}
