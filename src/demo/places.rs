//! The 34 provinces and cities after the merger of 1 July 2025, a sample of their new communes and
//! wards (Hà Tĩnh in full, since the seeds come from there), villages, streets and address text.

use super::dice::Dice;
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

/// Communes sharing a level, a remoteness and (for records before the merger) an old district.
type Group = (Level, bool, Option<&'static str>, &'static str);

pub struct Province {
    pub name: &'static str,
    pub city: bool,
    pub region: Region,
    /// Share of the desk's citizens, in tenths of a percent.
    pub weight: u32,
    /// CCCD codes of the provinces merged into this one (Thông tư 07/2016/TT-BCA).
    pub cccd: &'static [u16],
    /// First two digits of the old 9-digit CMND.
    pub cmnd: &'static str,
    groups: &'static [Group],
}

use Level::{Commune as X, SpecialZone as D, Ward as P};

pub const HOME: usize = 0;

pub static PROVINCES: &[Province] = &[
    Province {
        name: "Hà Tĩnh",
        city: false,
        region: Region::Centre,
        weight: 640,
        cccd: &[42],
        cmnd: "18",
        groups: &[
            (P, false, None, "Thành Sen, Trần Phú, Hà Huy Tập"),
            (P, false, None, "Bắc Hồng Lĩnh, Nam Hồng Lĩnh"),
            (P, false, None, "Hải Ninh, Hoành Sơn, Vũng Áng, Sông Trí"),
            (
                X,
                false,
                Some("huyện Cẩm Xuyên"),
                "Cẩm Xuyên, Thiên Cầm, Cẩm Bình, Cẩm Duệ, Cẩm Hưng, Cẩm Lạc, Cẩm Trung, Yên Hòa",
            ),
            (
                X,
                false,
                Some("huyện Thạch Hà"),
                "Thạch Hà, Toàn Lưu, Việt Xuyên, Đông Kinh, Thạch Khê, Đồng Tiến, Thạch Lạc, Tượng Sơn, Thạch Xuân",
            ),
            (X, false, Some("huyện Lộc Hà"), "Lộc Hà, Hồng Lộc, Mai Phụ"),
            (
                X,
                false,
                Some("huyện Can Lộc"),
                "Can Lộc, Tùng Lộc, Gia Hanh, Trường Lưu, Xuân Lộc, Đồng Lộc",
            ),
            (
                X,
                false,
                Some("huyện Nghi Xuân"),
                "Nghi Xuân, Đan Hải, Tiên Điền, Cổ Đạm",
            ),
            (
                X,
                false,
                Some("huyện Đức Thọ"),
                "Đức Thọ, Đức Đồng, Đức Quang, Đức Thịnh, Đức Minh",
            ),
            (
                X,
                true,
                Some("huyện Hương Sơn"),
                "Hương Sơn, Sơn Tây, Tứ Mỹ, Sơn Giang, Sơn Tiến, Sơn Hồng, Kim Hoa, Sơn Kim 1, Sơn Kim 2",
            ),
            (
                X,
                true,
                Some("huyện Hương Khê"),
                "Hương Khê, Hương Phố, Hương Đô, Hà Linh, Hương Bình, Phúc Trạch, Hương Xuân",
            ),
            (
                X,
                true,
                Some("huyện Vũ Quang"),
                "Vũ Quang, Mai Hoa, Thượng Đức",
            ),
            (
                X,
                false,
                Some("huyện Kỳ Anh"),
                "Kỳ Anh, Kỳ Hoa, Kỳ Văn, Kỳ Khang, Kỳ Lạc",
            ),
            (X, true, Some("huyện Kỳ Anh"), "Kỳ Thượng"),
        ],
    },
    Province {
        name: "Nghệ An",
        city: false,
        region: Region::Centre,
        weight: 90,
        cccd: &[40],
        cmnd: "18",
        groups: &[
            (P, false, None, "Trường Vinh, Thành Vinh, Vinh Hưng, Vinh Phú, Vinh Lộc, Cửa Lò"),
            (
                X,
                false,
                None,
                "Diễn Châu, Nghi Lộc, Hưng Nguyên, Nam Đàn, Đô Lương, Yên Thành, Thanh Chương, Quỳnh Anh",
            ),
            (X, true, None, "Anh Sơn, Con Cuông, Tương Dương, Kỳ Sơn"),
        ],
    },
    Province {
        name: "Quảng Trị",
        city: false,
        region: Region::Centre,
        weight: 30,
        cccd: &[45, 44],
        cmnd: "19",
        groups: &[
            (P, false, None, "Đồng Hới, Đồng Thuận, Đông Hà, Nam Đông Hà, Quảng Trị"),
            (X, false, None, "Bố Trạch, Lệ Thủy, Vĩnh Linh, Gio Linh, Cam Lộ, Triệu Phong, Hải Lăng"),
            (X, true, None, "Khe Sanh, Minh Hóa, Tuyên Hóa"),
            (D, false, None, "Cồn Cỏ"),
        ],
    },
    Province {
        name: "Hà Nội",
        city: true,
        region: Region::North,
        weight: 40,
        cccd: &[1],
        cmnd: "01",
        groups: &[
            (
                P,
                false,
                None,
                "Hoàn Kiếm, Cửa Nam, Ba Đình, Ngọc Hà, Giảng Võ, Hai Bà Trưng, Đống Đa, Cầu Giấy, Tây Hồ, Hà Đông, Long Biên, Hoàng Mai",
            ),
            (X, false, None, "Sóc Sơn, Đông Anh, Gia Lâm, Thường Tín, Phúc Thọ, Mê Linh"),
            (X, true, None, "Ba Vì"),
        ],
    },
    Province {
        name: "TP. Hồ Chí Minh",
        city: true,
        region: Region::South,
        weight: 40,
        cccd: &[79, 74, 77],
        cmnd: "02",
        groups: &[
            (
                P,
                false,
                None,
                "Sài Gòn, Bến Thành, Tân Định, Thủ Đức, Bình Thạnh, Gia Định, Thủ Dầu Một, Vũng Tàu, Bà Rịa",
            ),
            (X, false, None, "Củ Chi, Bình Chánh, Nhà Bè, Cần Giờ"),
            (D, false, None, "Côn Đảo"),
        ],
    },
    Province {
        name: "Thanh Hóa",
        city: false,
        region: Region::Centre,
        weight: 25,
        cccd: &[38],
        cmnd: "17",
        groups: &[
            (P, false, None, "Hạc Thành, Sầm Sơn, Bỉm Sơn, Nghi Sơn"),
            (X, false, None, "Hoằng Hóa, Nông Cống, Thọ Xuân, Triệu Sơn, Hậu Lộc"),
            (X, true, None, "Quan Hóa, Thường Xuân"),
        ],
    },
    Province {
        name: "Huế",
        city: true,
        region: Region::Centre,
        weight: 10,
        cccd: &[46],
        cmnd: "19",
        groups: &[
            (P, false, None, "Phú Xuân, Thuận Hóa, Hương Thủy, Hương Trà"),
            (X, false, None, "Phong Điền, Phú Vang, Quảng Điền"),
            (X, true, None, "A Lưới 1"),
        ],
    },
    Province {
        name: "Đà Nẵng",
        city: true,
        region: Region::Centre,
        weight: 12,
        cccd: &[48, 49],
        cmnd: "20",
        groups: &[
            (P, false, None, "Hải Châu, Thanh Khê, Sơn Trà, Hội An, Tam Kỳ, Điện Bàn"),
            (X, false, None, "Hòa Vang, Duy Xuyên, Thăng Bình, Núi Thành"),
            (D, false, None, "Hoàng Sa"),
        ],
    },
    Province {
        name: "Hải Phòng",
        city: true,
        region: Region::North,
        weight: 8,
        cccd: &[31, 30],
        cmnd: "03",
        groups: &[
            (P, false, None, "Hồng Bàng, Ngô Quyền, Lê Chân, Kiến An, Hải Dương, Chí Linh"),
            (X, false, None, "An Lão, Tiên Lãng, Vĩnh Bảo, Gia Lộc, Cẩm Giàng"),
            (D, false, None, "Cát Hải, Bạch Long Vĩ"),
        ],
    },
    Province {
        name: "Cần Thơ",
        city: true,
        region: Region::South,
        weight: 5,
        cccd: &[92, 93, 94],
        cmnd: "36",
        groups: &[
            (P, false, None, "Ninh Kiều, Cái Răng, Bình Thủy, Vị Thanh, Sóc Trăng"),
            (X, false, None, "Phong Điền, Thới Lai, Long Mỹ, Châu Thành"),
        ],
    },
    Province {
        name: "Tuyên Quang",
        city: false,
        region: Region::Highlands,
        weight: 3,
        cccd: &[8, 2],
        cmnd: "07",
        groups: &[
            (P, false, None, "Minh Xuân, Hà Giang 1, Hà Giang 2"),
            (X, true, None, "Chiêm Hóa, Hàm Yên, Sơn Dương, Yên Sơn, Đồng Văn, Mèo Vạc"),
        ],
    },
    Province {
        name: "Cao Bằng",
        city: false,
        region: Region::Highlands,
        weight: 2,
        cccd: &[4],
        cmnd: "08",
        groups: &[
            (P, false, None, "Thục Phán, Nùng Trí Cao, Tân Giang"),
            (X, true, None, "Hòa An, Quảng Uyên, Trùng Khánh, Bảo Lạc"),
        ],
    },
    Province {
        name: "Lai Châu",
        city: false,
        region: Region::Highlands,
        weight: 2,
        cccd: &[12],
        cmnd: "04",
        groups: &[
            (P, false, None, "Tân Phong, Đoàn Kết"),
            (X, true, None, "Tam Đường, Sìn Hồ, Than Uyên, Phong Thổ"),
        ],
    },
    Province {
        name: "Lào Cai",
        city: false,
        region: Region::Highlands,
        weight: 3,
        cccd: &[10, 15],
        cmnd: "06",
        groups: &[
            (P, false, None, "Lào Cai, Cam Đường, Sa Pa, Yên Bái, Nghĩa Lộ"),
            (X, true, None, "Bát Xát, Bắc Hà, Mù Cang Chải, Văn Yên, Lục Yên"),
        ],
    },
    Province {
        name: "Thái Nguyên",
        city: false,
        region: Region::North,
        weight: 4,
        cccd: &[19, 6],
        cmnd: "09",
        groups: &[
            (P, false, None, "Phan Đình Phùng, Gia Sàng, Phổ Yên, Đức Xuân"),
            (X, false, None, "Phượng Tiến, Định Hóa, Đại Từ, Phú Bình, Chợ Mới"),
            (X, true, None, "Ba Bể, Na Rì"),
        ],
    },
    Province {
        name: "Điện Biên",
        city: false,
        region: Region::Highlands,
        weight: 2,
        cccd: &[11],
        cmnd: "04",
        groups: &[
            (P, false, None, "Điện Biên Phủ, Mường Thanh, Mường Lay"),
            (X, true, None, "Điện Biên Đông, Tuần Giáo, Mường Chà, Tủa Chùa"),
        ],
    },
    Province {
        name: "Lạng Sơn",
        city: false,
        region: Region::Highlands,
        weight: 2,
        cccd: &[20],
        cmnd: "08",
        groups: &[
            (P, false, None, "Tam Thanh, Lương Văn Tri, Đông Kinh, Kỳ Lừa"),
            (X, true, None, "Cao Lộc, Hữu Lũng, Chi Lăng, Bắc Sơn"),
        ],
    },
    Province {
        name: "Sơn La",
        city: false,
        region: Region::Highlands,
        weight: 4,
        cccd: &[14],
        cmnd: "05",
        groups: &[
            (P, false, None, "Tô Hiệu, Chiềng An, Chiềng Sinh, Mộc Châu"),
            (X, true, None, "Mai Sơn, Thuận Châu, Yên Châu, Sông Mã, Phù Yên, Quỳnh Nhai"),
        ],
    },
    Province {
        name: "Phú Thọ",
        city: false,
        region: Region::North,
        weight: 4,
        cccd: &[25, 26, 17],
        cmnd: "13",
        groups: &[
            (P, false, None, "Việt Trì, Nông Trang, Phú Thọ, Vĩnh Phúc, Phúc Yên, Hòa Bình"),
            (X, false, None, "Lâm Thao, Thanh Ba, Tam Nông, Yên Lạc, Lương Sơn"),
            (X, true, None, "Mai Châu"),
        ],
    },
    Province {
        name: "Bắc Ninh",
        city: false,
        region: Region::North,
        weight: 6,
        cccd: &[27, 24],
        cmnd: "12",
        groups: &[
            (P, false, None, "Kinh Bắc, Võ Cường, Đào Viên, Từ Sơn, Bắc Giang"),
            (X, false, None, "Yên Phong, Lạng Giang, Lục Nam, Tân Yên"),
        ],
    },
    Province {
        name: "Quảng Ninh",
        city: false,
        region: Region::North,
        weight: 4,
        cccd: &[22],
        cmnd: "10",
        groups: &[
            (P, false, None, "Hạ Long, Bãi Cháy, Hồng Gai, Cẩm Phả, Uông Bí"),
            (X, false, None, "Tiên Yên, Đầm Hà"),
            (X, true, None, "Ba Chẽ"),
            (D, false, None, "Vân Đồn, Cô Tô"),
        ],
    },
    Province {
        name: "Hưng Yên",
        city: false,
        region: Region::North,
        weight: 5,
        cccd: &[33, 34],
        cmnd: "14",
        groups: &[
            (P, false, None, "Phố Hiến, Sơn Nam, Mỹ Hào, Thái Bình, Trần Lãm"),
            (X, false, None, "Văn Giang, Khoái Châu, Ân Thi, Kiến Xương, Tiền Hải, Quỳnh Phụ"),
        ],
    },
    Province {
        name: "Ninh Bình",
        city: false,
        region: Region::North,
        weight: 6,
        cccd: &[37, 35, 36],
        cmnd: "16",
        groups: &[
            (P, false, None, "Hoa Lư, Tam Điệp, Phủ Lý, Nam Định, Duy Tiên"),
            (X, false, None, "Kim Sơn, Hải Hậu, Giao Thủy, Nghĩa Hưng, Yên Khánh"),
        ],
    },
    Province {
        name: "Quảng Ngãi",
        city: false,
        region: Region::Centre,
        weight: 3,
        cccd: &[51, 62],
        cmnd: "21",
        groups: &[
            (P, false, None, "Cẩm Thành, Nghĩa Lộ, Đức Phổ, Kon Tum"),
            (X, false, None, "Bình Sơn, Sơn Tịnh, Tư Nghĩa, Mộ Đức"),
            (X, true, None, "Đăk Hà, Sa Thầy"),
            (D, false, None, "Lý Sơn"),
        ],
    },
    Province {
        name: "Gia Lai",
        city: false,
        region: Region::Centre,
        weight: 3,
        cccd: &[64, 52],
        cmnd: "23",
        groups: &[
            (P, false, None, "Pleiku, Quy Nhơn, An Nhơn, Hoài Nhơn"),
            (X, false, None, "Tuy Phước, Phù Mỹ"),
            (X, true, None, "Chư Sê, Đak Đoa, Ia Grai"),
        ],
    },
    Province {
        name: "Khánh Hòa",
        city: false,
        region: Region::Centre,
        weight: 3,
        cccd: &[56, 58],
        cmnd: "22",
        groups: &[
            (P, false, None, "Nha Trang, Cam Ranh, Ninh Hòa, Phan Rang"),
            (X, false, None, "Diên Khánh, Vạn Ninh, Cam Lâm, Ninh Phước"),
            (D, false, None, "Trường Sa"),
        ],
    },
    Province {
        name: "Lâm Đồng",
        city: false,
        region: Region::Centre,
        weight: 4,
        cccd: &[68, 67, 60],
        cmnd: "25",
        groups: &[
            (P, false, None, "Xuân Hương - Đà Lạt, Lâm Viên - Đà Lạt, Bảo Lộc 1, Phan Thiết, Bắc Gia Nghĩa"),
            (X, false, None, "Đức Trọng, Di Linh, Lâm Hà, Tuy Phong"),
            (X, true, None, "Lạc Dương, Đắk Song"),
            (D, false, None, "Phú Quý"),
        ],
    },
    Province {
        name: "Đắk Lắk",
        city: false,
        region: Region::Centre,
        weight: 4,
        cccd: &[66, 54],
        cmnd: "24",
        groups: &[
            (P, false, None, "Buôn Ma Thuột, Tân An, Tuy Hòa, Sông Cầu"),
            (X, false, None, "Ea Kar, Cư M'gar, Sơn Hòa"),
            (X, true, None, "Buôn Đôn, Krông Bông"),
        ],
    },
    Province {
        name: "Đồng Nai",
        city: false,
        region: Region::South,
        weight: 6,
        cccd: &[75, 70],
        cmnd: "27",
        groups: &[
            (P, false, None, "Biên Hòa, Trấn Biên, Long Khánh, Đồng Xoài, Bình Phước"),
            (X, false, None, "Long Thành, Nhơn Trạch, Trảng Bom, Định Quán"),
            (X, true, None, "Bù Đăng"),
        ],
    },
    Province {
        name: "Tây Ninh",
        city: false,
        region: Region::South,
        weight: 3,
        cccd: &[72, 80],
        cmnd: "29",
        groups: &[
            (P, false, None, "Tân Ninh, Hòa Thành, Long An, Tân An"),
            (X, false, None, "Gò Dầu, Bến Lức, Đức Hòa, Cần Giuộc"),
        ],
    },
    Province {
        name: "Vĩnh Long",
        city: false,
        region: Region::South,
        weight: 3,
        cccd: &[86, 83, 84],
        cmnd: "33",
        groups: &[
            (P, false, None, "Long Châu, Thanh Đức, Bến Tre, Trà Vinh"),
            (X, false, None, "Mỏ Cày, Ba Tri, Càng Long, Tam Bình, Trà Ôn"),
        ],
    },
    Province {
        name: "Đồng Tháp",
        city: false,
        region: Region::South,
        weight: 3,
        cccd: &[87, 82],
        cmnd: "34",
        groups: &[
            (P, false, None, "Cao Lãnh, Sa Đéc, Mỹ Tho, Gò Công"),
            (X, false, None, "Tháp Mười, Lai Vung, Cái Bè, Chợ Gạo, Tân Phước"),
        ],
    },
    Province {
        name: "Cà Mau",
        city: false,
        region: Region::South,
        weight: 2,
        cccd: &[96, 95],
        cmnd: "38",
        groups: &[
            (P, false, None, "An Xuyên, Tân Thành, Bạc Liêu, Giá Rai"),
            (X, false, None, "Đầm Dơi, Cái Nước, Trần Văn Thời, Hồng Dân"),
            (X, true, None, "Năm Căn"),
        ],
    },
    Province {
        name: "An Giang",
        city: false,
        region: Region::South,
        weight: 3,
        cccd: &[89, 91],
        cmnd: "35",
        groups: &[
            (P, false, None, "Long Xuyên, Châu Đốc, Rạch Giá, Hà Tiên"),
            (X, false, None, "Châu Thành, Tri Tôn, Chợ Mới"),
            (D, false, None, "Phú Quốc, Kiên Hải, Thổ Châu"),
        ],
    },
];

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
    match (province.city, province.name.strip_prefix("TP. ")) {
        (_, Some(_)) => province.name.to_string(),
        (true, None) => format!("thành phố {}", province.name),
        (false, None) => format!("tỉnh {}", province.name),
    }
}

const VILLAGES: &[&str] = &[
    "Trung Tiến", "Bắc Sơn", "Nam Sơn", "Đông Hà", "Tân Phong", "Hòa Bình", "Yên Thịnh", "Phú Thượng",
    "Trung Sơn", "Thanh Sơn", "Bình Minh", "Tân Hợp", "Liên Giang", "Hưng Thịnh", "Xuân Thành",
    "Đông Tiến", "Tây Sơn", "Quyết Tiến", "Thống Nhất", "Hồng Hà", "Vĩnh Phú", "Tiến Hưng",
    "Trung Hòa", "Mỹ Hòa", "Kim Sơn", "Đồng Tâm", "Phúc Lộc", "Bắc Hà", "Nam Hà", "Yên Lạc",
    "Minh Tiến", "Thắng Lợi", "Đại Đồng", "Hải Thanh", "Tân Tiến", "Phú Hòa", "Thượng Tiến",
    "Hạ Vàng", "Trung Lưu", "Tân Thủy",
];
const HAMLETS_SOUTH: &[&str] = &[
    "Ấp 1", "Ấp 2", "Ấp 3", "Ấp Tân Hòa", "Ấp Bình Thạnh", "Ấp Long Hưng", "Ấp Mỹ Phú",
    "Ấp Phước Lợi", "Ấp An Thạnh", "Ấp Thạnh Lợi",
];
const VILLAGES_HIGHLAND: &[&str] = &[
    "Bản Mòng", "Bản Hụm", "Bản Co Mạ", "Bản Nà Sản", "Bản Phiêng Luông", "Bản Huổi Một",
    "Bản Pá Khoang", "Bản Nậm Cang", "Bản Lướt", "Bản Xa Vền",
];
const STREETS: &[&str] = &[
    "Nguyễn Du", "Trần Phú", "Phan Đình Phùng", "Hà Huy Tập", "Lê Lợi", "Quang Trung",
    "Nguyễn Huy Tự", "Xuân Diệu", "Hải Thượng Lãn Ông", "Võ Liêm Sơn", "Mai Thúc Loan",
    "Lý Tự Trọng", "Hàm Nghi", "Nguyễn Biểu", "Trần Hưng Đạo", "Lê Duẩn", "Nguyễn Trãi",
    "Hùng Vương", "Điện Biên Phủ", "Nguyễn Văn Cừ",
];

/// The part of an address below the commune: thôn, ấp, bản, tổ dân phố or a street number.
pub fn locality(dice: &mut Dice, commune: &Commune) -> String {
    let region = PROVINCES[commune.province].region;
    match commune.level {
        Level::Ward if dice.chance(0.45) => {
            let street = dice.pick(STREETS);
            match dice.below(3) {
                0 => format!("Số {}, ngõ {}, đường {street}", dice.between(1, 120), dice.between(2, 90)),
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
    let province = &PROVINCES[commune.province];
    let place = commune_label(commune, old_style);
    format!("{locality}, {place}, {}", province_label(province))
}

/// "xã Cẩm Bình" or, old style, "xã Cẩm Bình, huyện Cẩm Xuyên" ("thị trấn" where the commune is
/// named after its district).
pub fn commune_label(commune: &Commune, old_style: bool) -> String {
    match commune.district.filter(|_| old_style) {
        Some(district) if district.ends_with(commune.name) => {
            format!("thị trấn {}, {district}", commune.name)
        }
        Some(district) => format!("{} {}, {district}", commune.level.word(), commune.name),
        None => format!("{} {}", commune.level.word(), commune.name),
    }
}
