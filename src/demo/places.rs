//! Places: regions, commune levels, the atlas of communes, villages, streets and address text.

use super::dice::Dice;
pub use super::provinces::{HOME, PROVINCES, Province};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    North,
    /// Northern mountains: villages are bản.
    Highlands,
    Centre,
    South,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Commune,
    Ward,
    SpecialZone,
}

impl Level {
    pub fn word(self) -> &'static str {
        match self {
            Level::Commune => "xã",
            Level::Ward => "phường",
            Level::SpecialZone => "đặc khu",
        }
    }
}

/// One commune or ward, flattened from the groups.
#[derive(Debug, Clone, Copy)]
pub struct Commune {
    pub province: usize,
    pub name: &'static str,
    pub level: Level,
    pub remote: bool,
    pub district: Option<&'static str>,
}

/// Every commune, with each province's slice of them.
pub struct Atlas {
    pub communes: Vec<Commune>,
    by_province: Vec<std::ops::Range<usize>>,
    province_weights: Vec<(usize, u32)>,
}

impl Atlas {
    pub fn new() -> Atlas {
        let mut communes = Vec::new();
        let mut by_province = Vec::new();
        for (index, province) in PROVINCES.iter().enumerate() {
            let start = communes.len();
            for &(level, remote, district, names) in province.groups {
                for name in names.split(", ") {
                    communes.push(Commune {
                        province: index,
                        name,
                        level,
                        remote,
                        district,
                    });
                }
            }
            by_province.push(start..communes.len());
        }
        let province_weights = PROVINCES
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.weight))
            .collect();
        Atlas {
            communes,
            by_province,
            province_weights,
        }
    }

    pub fn province_communes(&self, province: usize) -> &[Commune] {
        &self.communes[self.by_province[province].clone()]
    }

    /// A commune: the province by weight, then any of its communes alike.
    pub fn commune(&self, dice: &mut Dice) -> Commune {
        let province = *dice.weighted(&self.province_weights);
        *dice.pick(self.province_communes(province))
    }
}

pub fn province_label(province: &Province) -> String {
    let mut out = String::with_capacity(24);
    write_province(&mut out, province);
    out
}

fn write_province(out: &mut String, province: &Province) {
    if !province.name.starts_with("TP. ") {
        out.push_str(if province.city {
            "thành phố "
        } else {
            "tỉnh "
        });
    }
    out.push_str(province.name);
}

const VILLAGES: &[&str] = &[
    "Trung Tiến",
    "Bắc Sơn",
    "Nam Sơn",
    "Đông Hà",
    "Tân Phong",
    "Hòa Bình",
    "Yên Thịnh",
    "Phú Thượng",
    "Trung Sơn",
    "Thanh Sơn",
    "Bình Minh",
    "Tân Hợp",
    "Liên Giang",
    "Hưng Thịnh",
    "Xuân Thành",
    "Đông Tiến",
    "Tây Sơn",
    "Quyết Tiến",
    "Thống Nhất",
    "Hồng Hà",
    "Vĩnh Phú",
    "Tiến Hưng",
    "Trung Hòa",
    "Mỹ Hòa",
    "Kim Sơn",
    "Đồng Tâm",
    "Phúc Lộc",
    "Bắc Hà",
    "Nam Hà",
    "Yên Lạc",
    "Minh Tiến",
    "Thắng Lợi",
    "Đại Đồng",
    "Hải Thanh",
    "Tân Tiến",
    "Phú Hòa",
    "Thượng Tiến",
    "Hạ Vàng",
    "Trung Lưu",
    "Tân Thủy",
];
const HAMLETS_SOUTH: &[&str] = &[
    "Ấp 1",
    "Ấp 2",
    "Ấp 3",
    "Ấp Tân Hòa",
    "Ấp Bình Thạnh",
    "Ấp Long Hưng",
    "Ấp Mỹ Phú",
    "Ấp Phước Lợi",
    "Ấp An Thạnh",
    "Ấp Thạnh Lợi",
];
const VILLAGES_HIGHLAND: &[&str] = &[
    "Bản Mòng",
    "Bản Hụm",
    "Bản Co Mạ",
    "Bản Nà Sản",
    "Bản Phiêng Luông",
    "Bản Huổi Một",
    "Bản Pá Khoang",
    "Bản Nậm Cang",
    "Bản Lướt",
    "Bản Xa Vền",
];
const STREETS: &[&str] = &[
    "Nguyễn Du",
    "Trần Phú",
    "Phan Đình Phùng",
    "Hà Huy Tập",
    "Lê Lợi",
    "Quang Trung",
    "Nguyễn Huy Tự",
    "Xuân Diệu",
    "Hải Thượng Lãn Ông",
    "Võ Liêm Sơn",
    "Mai Thúc Loan",
    "Lý Tự Trọng",
    "Hàm Nghi",
    "Nguyễn Biểu",
    "Trần Hưng Đạo",
    "Lê Duẩn",
    "Nguyễn Trãi",
    "Hùng Vương",
    "Điện Biên Phủ",
    "Nguyễn Văn Cừ",
];

/// The part of an address below the commune: thôn, ấp, bản, tổ dân phố or a street number.
pub fn locality(dice: &mut Dice, commune: &Commune) -> String {
    let region = PROVINCES[commune.province].region;
    match commune.level {
        Level::Ward if dice.chance(0.45) => {
            let street = dice.pick(STREETS);
            match dice.below(3) {
                0 => format!(
                    "Số {}, ngõ {}, đường {street}",
                    dice.between(1, 120),
                    dice.between(2, 90)
                ),
                _ => format!("Số {} đường {street}", dice.between(1, 350)),
            }
        }
        Level::Ward => format!("Tổ dân phố {}", dice.between(1, 18)),
        _ => match region {
            Region::South => dice.pick(HAMLETS_SOUTH).to_string(),
            Region::Highlands if commune.remote => dice.pick(VILLAGES_HIGHLAND).to_string(),
            _ if dice.chance(0.12) => format!("Thôn {}", dice.between(1, 12)),
            _ => format!("Thôn {}", dice.pick(VILLAGES)),
        },
    }
}

/// The merger of 1 July 2025 removed districts; addresses written before it (and by habit, some
/// after) still carry the huyện.
pub fn merger_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
}

/// "Thôn Trung Tiến, xã Cẩm Bình, tỉnh Hà Tĩnh", or with the old district when `old_style`.
pub fn address(locality: &str, commune: &Commune, old_style: bool) -> String {
    let mut out = String::with_capacity(locality.len() + 72);
    out.push_str(locality);
    out.push_str(", ");
    write_commune(&mut out, commune, old_style);
    out.push_str(", ");
    write_province(&mut out, &PROVINCES[commune.province]);
    out
}

/// "xã Cẩm Bình" or, old style, "xã Cẩm Bình, huyện Cẩm Xuyên" ("thị trấn" where the commune is
/// named after its district).
pub fn commune_label(commune: &Commune, old_style: bool) -> String {
    let mut out = String::with_capacity(40);
    write_commune(&mut out, commune, old_style);
    out
}

fn write_commune(out: &mut String, commune: &Commune, old_style: bool) {
    let district = commune.district.filter(|_| old_style);
    match district {
        Some(district) if district.ends_with(commune.name) => out.push_str("thị trấn"),
        _ => out.push_str(commune.level.word()),
    }
    out.push(' ');
    out.push_str(commune.name);
    if let Some(district) = district {
        out.push_str(", ");
        out.push_str(district);
    }
}
