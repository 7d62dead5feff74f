//! The 34 provinces and cities after the merger of 1 July 2025 with a sample of their new communes
//! and wards: Hà Tĩnh in full (the seeds come from there), a handful elsewhere, including the seeds'
//! Đào Viên (Bắc Ninh) and Phượng Tiến (Thái Nguyên).

use super::places::{Level, Region};

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
    pub(super) groups: &'static [Group],
}

const fn wards(names: &'static str) -> Group {
    (Level::Ward, false, None, names)
}
const fn communes(names: &'static str) -> Group {
    (Level::Commune, false, None, names)
}
/// Vùng sâu, vùng xa: the longer legal periods apply.
const fn remote(names: &'static str) -> Group {
    (Level::Commune, true, None, names)
}
const fn zones(names: &'static str) -> Group {
    (Level::SpecialZone, false, None, names)
}
/// Communes with the district they belonged to before 1 July 2025.
const fn district(district: &'static str, names: &'static str) -> Group {
    (Level::Commune, false, Some(district), names)
}
const fn remote_district(district: &'static str, names: &'static str) -> Group {
    (Level::Commune, true, Some(district), names)
}

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
            wards("Thành Sen, Trần Phú, Hà Huy Tập"),
            wards("Bắc Hồng Lĩnh, Nam Hồng Lĩnh"),
            wards("Hải Ninh, Hoành Sơn, Vũng Áng, Sông Trí"),
            district(
                "huyện Cẩm Xuyên",
                "Cẩm Xuyên, Thiên Cầm, Cẩm Bình, Cẩm Duệ, Cẩm Hưng, Cẩm Lạc, Cẩm Trung, Yên Hòa",
            ),
            district(
                "huyện Thạch Hà",
                "Thạch Hà, Toàn Lưu, Việt Xuyên, Đông Kinh, Thạch Khê, Đồng Tiến, Thạch Lạc, Tượng Sơn, Thạch Xuân",
            ),
            district("huyện Lộc Hà", "Lộc Hà, Hồng Lộc, Mai Phụ"),
            district(
                "huyện Can Lộc",
                "Can Lộc, Tùng Lộc, Gia Hanh, Trường Lưu, Xuân Lộc, Đồng Lộc",
            ),
            district("huyện Nghi Xuân", "Nghi Xuân, Đan Hải, Tiên Điền, Cổ Đạm"),
            district(
                "huyện Đức Thọ",
                "Đức Thọ, Đức Đồng, Đức Quang, Đức Thịnh, Đức Minh",
            ),
            remote_district(
                "huyện Hương Sơn",
                "Hương Sơn, Sơn Tây, Tứ Mỹ, Sơn Giang, Sơn Tiến, Sơn Hồng, Kim Hoa, Sơn Kim 1, Sơn Kim 2",
            ),
            remote_district(
                "huyện Hương Khê",
                "Hương Khê, Hương Phố, Hương Đô, Hà Linh, Hương Bình, Phúc Trạch, Hương Xuân",
            ),
            remote_district("huyện Vũ Quang", "Vũ Quang, Mai Hoa, Thượng Đức"),
            district("huyện Kỳ Anh", "Kỳ Anh, Kỳ Hoa, Kỳ Văn, Kỳ Khang, Kỳ Lạc"),
            remote_district("huyện Kỳ Anh", "Kỳ Thượng"),
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
            wards("Trường Vinh, Thành Vinh, Vinh Hưng, Vinh Phú, Vinh Lộc, Cửa Lò"),
            communes(
                "Diễn Châu, Nghi Lộc, Hưng Nguyên, Nam Đàn, Đô Lương, Yên Thành, Thanh Chương, Quỳnh Anh",
            ),
            remote("Anh Sơn, Con Cuông, Tương Dương, Kỳ Sơn"),
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
            wards("Đồng Hới, Đồng Thuận, Đông Hà, Nam Đông Hà, Quảng Trị"),
            communes("Bố Trạch, Lệ Thủy, Vĩnh Linh, Gio Linh, Cam Lộ, Triệu Phong, Hải Lăng"),
            remote("Khe Sanh, Minh Hóa, Tuyên Hóa"),
            zones("Cồn Cỏ"),
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
            wards(
                "Hoàn Kiếm, Cửa Nam, Ba Đình, Ngọc Hà, Giảng Võ, Hai Bà Trưng, Đống Đa, Cầu Giấy, Tây Hồ, Hà Đông, Long Biên, Hoàng Mai",
            ),
            communes("Sóc Sơn, Đông Anh, Gia Lâm, Thường Tín, Phúc Thọ, Mê Linh"),
            remote("Ba Vì"),
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
            wards(
                "Sài Gòn, Bến Thành, Tân Định, Thủ Đức, Bình Thạnh, Gia Định, Thủ Dầu Một, Vũng Tàu, Bà Rịa",
            ),
            communes("Củ Chi, Bình Chánh, Nhà Bè, Cần Giờ"),
            zones("Côn Đảo"),
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
            wards("Hạc Thành, Sầm Sơn, Bỉm Sơn, Nghi Sơn"),
            communes("Hoằng Hóa, Nông Cống, Thọ Xuân, Triệu Sơn, Hậu Lộc"),
            remote("Quan Hóa, Thường Xuân"),
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
            wards("Phú Xuân, Thuận Hóa, Hương Thủy, Hương Trà"),
            communes("Phong Điền, Phú Vang, Quảng Điền"),
            remote("A Lưới 1"),
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
            wards("Hải Châu, Thanh Khê, Sơn Trà, Hội An, Tam Kỳ, Điện Bàn"),
            communes("Hòa Vang, Duy Xuyên, Thăng Bình, Núi Thành"),
            zones("Hoàng Sa"),
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
            wards("Hồng Bàng, Ngô Quyền, Lê Chân, Kiến An, Hải Dương, Chí Linh"),
            communes("An Lão, Tiên Lãng, Vĩnh Bảo, Gia Lộc, Cẩm Giàng"),
            zones("Cát Hải, Bạch Long Vĩ"),
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
            wards("Ninh Kiều, Cái Răng, Bình Thủy, Vị Thanh, Sóc Trăng"),
            communes("Phong Điền, Thới Lai, Long Mỹ, Châu Thành"),
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
            wards("Minh Xuân, Hà Giang 1, Hà Giang 2"),
            remote("Chiêm Hóa, Hàm Yên, Sơn Dương, Yên Sơn, Đồng Văn, Mèo Vạc"),
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
            wards("Thục Phán, Nùng Trí Cao, Tân Giang"),
            remote("Hòa An, Quảng Uyên, Trùng Khánh, Bảo Lạc"),
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
            wards("Tân Phong, Đoàn Kết"),
            remote("Tam Đường, Sìn Hồ, Than Uyên, Phong Thổ"),
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
            wards("Lào Cai, Cam Đường, Sa Pa, Yên Bái, Nghĩa Lộ"),
            remote("Bát Xát, Bắc Hà, Mù Cang Chải, Văn Yên, Lục Yên"),
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
            wards("Phan Đình Phùng, Gia Sàng, Phổ Yên, Đức Xuân"),
            communes("Phượng Tiến, Định Hóa, Đại Từ, Phú Bình, Chợ Mới"),
            remote("Ba Bể, Na Rì"),
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
            wards("Điện Biên Phủ, Mường Thanh, Mường Lay"),
            remote("Điện Biên Đông, Tuần Giáo, Mường Chà, Tủa Chùa"),
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
            wards("Tam Thanh, Lương Văn Tri, Đông Kinh, Kỳ Lừa"),
            remote("Cao Lộc, Hữu Lũng, Chi Lăng, Bắc Sơn"),
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
            wards("Tô Hiệu, Chiềng An, Chiềng Sinh, Mộc Châu"),
            remote("Mai Sơn, Thuận Châu, Yên Châu, Sông Mã, Phù Yên, Quỳnh Nhai"),
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
            wards("Việt Trì, Nông Trang, Phú Thọ, Vĩnh Phúc, Phúc Yên, Hòa Bình"),
            communes("Lâm Thao, Thanh Ba, Tam Nông, Yên Lạc, Lương Sơn"),
            remote("Mai Châu"),
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
            wards("Kinh Bắc, Võ Cường, Đào Viên, Từ Sơn, Bắc Giang"),
            communes("Yên Phong, Lạng Giang, Lục Nam, Tân Yên"),
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
            wards("Hạ Long, Bãi Cháy, Hồng Gai, Cẩm Phả, Uông Bí"),
            communes("Tiên Yên, Đầm Hà"),
            remote("Ba Chẽ"),
            zones("Vân Đồn, Cô Tô"),
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
            wards("Phố Hiến, Sơn Nam, Mỹ Hào, Thái Bình, Trần Lãm"),
            communes("Văn Giang, Khoái Châu, Ân Thi, Kiến Xương, Tiền Hải, Quỳnh Phụ"),
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
            wards("Hoa Lư, Tam Điệp, Phủ Lý, Nam Định, Duy Tiên"),
            communes("Kim Sơn, Hải Hậu, Giao Thủy, Nghĩa Hưng, Yên Khánh"),
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
            wards("Cẩm Thành, Nghĩa Lộ, Đức Phổ, Kon Tum"),
            communes("Bình Sơn, Sơn Tịnh, Tư Nghĩa, Mộ Đức"),
            remote("Đăk Hà, Sa Thầy"),
            zones("Lý Sơn"),
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
            wards("Pleiku, Quy Nhơn, An Nhơn, Hoài Nhơn"),
            communes("Tuy Phước, Phù Mỹ"),
            remote("Chư Sê, Đak Đoa, Ia Grai"),
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
            wards("Nha Trang, Cam Ranh, Ninh Hòa, Phan Rang"),
            communes("Diên Khánh, Vạn Ninh, Cam Lâm, Ninh Phước"),
            zones("Trường Sa"),
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
            wards("Xuân Hương - Đà Lạt, Lâm Viên - Đà Lạt, Bảo Lộc 1, Phan Thiết, Bắc Gia Nghĩa"),
            communes("Đức Trọng, Di Linh, Lâm Hà, Tuy Phong"),
            remote("Lạc Dương, Đắk Song"),
            zones("Phú Quý"),
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
            wards("Buôn Ma Thuột, Tân An, Tuy Hòa, Sông Cầu"),
            communes("Ea Kar, Cư M'gar, Sơn Hòa"),
            remote("Buôn Đôn, Krông Bông"),
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
            wards("Biên Hòa, Trấn Biên, Long Khánh, Đồng Xoài, Bình Phước"),
            communes("Long Thành, Nhơn Trạch, Trảng Bom, Định Quán"),
            remote("Bù Đăng"),
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
            wards("Tân Ninh, Hòa Thành, Long An, Tân An"),
            communes("Gò Dầu, Bến Lức, Đức Hòa, Cần Giuộc"),
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
            wards("Long Châu, Thanh Đức, Bến Tre, Trà Vinh"),
            communes("Mỏ Cày, Ba Tri, Càng Long, Tam Bình, Trà Ôn"),
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
            wards("Cao Lãnh, Sa Đéc, Mỹ Tho, Gò Công"),
            communes("Tháp Mười, Lai Vung, Cái Bè, Chợ Gạo, Tân Phước"),
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
            wards("An Xuyên, Tân Thành, Bạc Liêu, Giá Rai"),
            communes("Đầm Dơi, Cái Nước, Trần Văn Thời, Hồng Dân"),
            remote("Năm Căn"),
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
            wards("Long Xuyên, Châu Đốc, Rạch Giá, Hà Tiên"),
            communes("Châu Thành, Tri Tôn, Chợ Mới"),
            zones("Phú Quốc, Kiên Hải, Thổ Châu"),
        ],
    },
];
