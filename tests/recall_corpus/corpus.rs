//! The independent recall corpus: petitions of the Mekong provinces, with labelled repeat
//! clusters, the queries a desk would type for them and the new visits a desk would log.
//!
//! Its name, place and subject lists are its own (not `src/demo`'s, not `fixtures/repeats`'),
//! and it was written without looking at how the search scores, so a search tuned to it is
//! tuned to how desks type, not to one generator. Every cluster carries one failure class (see
//! [`Class`]): the way its records or its query are mistyped. Deterministic for [`SEED`].

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use super::dice::Dice;
use super::typing;

pub const SEED: u64 = 20_261_202;

/// How the records of a cluster, or the query for it, differ from the person's correct name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// The name exactly as written, with diacritics.
    Exact,
    /// No diacritics, lower case: the usual desk query.
    NoDiacritics,
    /// Tone marks dropped, vowel shapes kept ("Nguyên Văn Hung").
    TonesDropped,
    /// Only the tone marks typed ("Nguyẽn Van Hùng").
    TonesOnly,
    /// One letter dropped inside a word of the query.
    DropInner,
    /// The first letter of a query word dropped ("uong" for Dương).
    DropFirst,
    /// The h of nh/th/ch/ph/kh/gh dropped in the query ("ngia" for nghĩa).
    DropH,
    /// A letter doubled in the query.
    Doubled,
    /// A neighbouring key or two swapped letters in the query.
    Slip,
    /// Some of the person's records typed with a dropped, doubled or wrong letter; correct query.
    RecordTypo,
    /// The query typed in Telex with the input method off ("nguyeenx vawn hungf").
    Telex,
    /// The query typed in VNI with the input method off ("nguye64n va8n hu2ng").
    Vni,
    /// A regional confusion in the query (d/gi/r, s/x, ch/tr, l/n, i/y, n/ng, c/t).
    Regional,
    /// A regional confusion in some of the records; correct query.
    RegionalRecord,
    /// The query leaves out the middle name.
    NoMiddle,
    /// Some records leave out the middle name; full query.
    NoMiddleRecord,
    /// The query puts the given name first.
    NameOrder,
    /// Records and query in decomposed Unicode (NFD).
    Nfd,
    /// Earlier petitions under the old 9-digit CMND, later ones under the 12-digit CCCD; the
    /// query is the name and the new CCCD.
    CmndToCccd,
    /// The query is the phone number, written in another format than some records.
    PhoneFormat,
    /// Phone and address changed years apart; the query is the name and the new commune.
    Moved,
    /// One of the commonest names, shared with many distractors; the query adds the commune.
    CommonName,
    /// A denouncer filing tố cáo again; the query is the denouncer's name (operator role).
    Denunciation,
    /// Different people filing the same matter; the query is the matter's words.
    SameMatter,
}

impl Class {
    pub const ALL: [Class; 24] = [
        Class::Exact,
        Class::NoDiacritics,
        Class::TonesDropped,
        Class::TonesOnly,
        Class::DropInner,
        Class::DropFirst,
        Class::DropH,
        Class::Doubled,
        Class::Slip,
        Class::RecordTypo,
        Class::Telex,
        Class::Vni,
        Class::Regional,
        Class::RegionalRecord,
        Class::NoMiddle,
        Class::NoMiddleRecord,
        Class::NameOrder,
        Class::Nfd,
        Class::CmndToCccd,
        Class::PhoneFormat,
        Class::Moved,
        Class::CommonName,
        Class::Denunciation,
        Class::SameMatter,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Class::Exact => "exact",
            Class::NoDiacritics => "no-diacritics",
            Class::TonesDropped => "tones-dropped",
            Class::TonesOnly => "tones-only",
            Class::DropInner => "drop-inner",
            Class::DropFirst => "drop-first",
            Class::DropH => "drop-h",
            Class::Doubled => "doubled",
            Class::Slip => "slip",
            Class::RecordTypo => "record-typo",
            Class::Telex => "telex",
            Class::Vni => "vni",
            Class::Regional => "regional",
            Class::RegionalRecord => "regional-record",
            Class::NoMiddle => "no-middle",
            Class::NoMiddleRecord => "no-middle-record",
            Class::NameOrder => "name-order",
            Class::Nfd => "nfd",
            Class::CmndToCccd => "cmnd-to-cccd",
            Class::PhoneFormat => "phone-format",
            Class::Moved => "moved",
            Class::CommonName => "common-name",
            Class::Denunciation => "denunciation",
            Class::SameMatter => "same-matter",
        }
    }

    pub fn parse(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == name)
    }

    /// How many labelled clusters of this class the corpus holds.
    fn clusters(self) -> usize {
        match self {
            Class::Denunciation => 24,
            Class::SameMatter => 30,
            Class::CommonName => 16,
            _ => 10,
        }
    }
}

// ---- The corpus's own lists -------------------------------------------------------------------

const SURNAMES: &[(&str, u32)] = &[
    ("Nguyễn", 34),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 6),
    ("Huỳnh", 6),
    ("Võ", 5),
    ("Phan", 4),
    ("Trương", 3),
    ("Dương", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Lý", 2),
    ("Lâm", 2),
    ("Châu", 1),
    ("Thái", 1),
    ("Quách", 1),
    ("Tạ", 1),
    ("Đoàn", 1),
    ("Mai", 1),
    ("Kiều", 1),
    ("Thạch", 1),
    ("Danh", 1),
    ("Triệu", 1),
];
const MIDDLE_MEN: &[&str] = &[
    "Văn", "Văn", "Văn", "Hữu", "Minh", "Thanh", "Quốc", "Công", "Tấn", "Phước", "Chí", "Hoàng",
];
const MIDDLE_WOMEN: &[&str] = &[
    "Thị", "Thị", "Thị", "Ngọc", "Kim", "Mỹ", "Hồng", "Bích", "Thu", "Thanh", "Diễm",
];
const GIVEN_MEN: &[&str] = &[
    "Hùng", "Dũng", "Nghĩa", "Thành", "Phúc", "Khánh", "Trí", "Tài", "Lộc", "Phước", "Thịnh",
    "Nhân", "Sang", "Tâm", "Hiếu", "Trung", "Quang", "Huy", "Toàn", "Vinh", "Tuấn", "Sơn", "Đạt",
    "Hải", "Long", "Cường", "Thắng", "Bảo", "Khang", "Triều", "Chiến", "Rạng", "Giàu", "Sáng",
    "Lực", "Nhựt", "Thiện", "Xuyên", "Danh", "Dự",
];
const GIVEN_WOMEN: &[&str] = &[
    "Lan",
    "Hạnh",
    "Nhung",
    "Thảo",
    "Trinh",
    "Xuân",
    "Diễm",
    "Ngọc",
    "Nga",
    "Loan",
    "Huệ",
    "Thủy",
    "Giang",
    "Nhàn",
    "Yến",
    "Chi",
    "Thương",
    "Sương",
    "Trâm",
    "Kiều",
    "Hằng",
    "Nhi",
    "Phượng",
    "Ánh",
    "Duyên",
    "Liên",
    "Mỹ",
    "Rớt",
    "Út",
    "Tươi",
    "Nguyệt",
    "Thúy",
];
/// The commonest full names: many different people carry them.
pub const COMMON_NAMES: &[(&str, bool, u32)] = &[
    ("Nguyễn Văn Hùng", false, 6),
    ("Nguyễn Thị Lan", true, 5),
    ("Nguyễn Văn Dũng", false, 4),
    ("Trần Văn Nam", false, 4),
    ("Nguyễn Thị Hạnh", true, 4),
    ("Lê Văn Tâm", false, 3),
    ("Nguyễn Văn Phúc", false, 3),
    ("Trần Thị Thủy", true, 3),
    ("Nguyễn Văn Thành", false, 3),
    ("Lê Thị Ngọc", true, 3),
    ("Phạm Văn Long", false, 2),
    ("Huỳnh Văn Sang", false, 2),
    ("Nguyễn Thị Nga", true, 2),
    ("Võ Văn Trung", false, 2),
];

/// (province, its CCCD code, communes/wards).
const PROVINCES: &[(&str, &str, &[&str])] = &[
    (
        "Đồng Tháp",
        "087",
        &[
            "xã Tháp Mười",
            "xã Mỹ An",
            "xã Phú Cường",
            "phường Cao Lãnh",
            "xã Tân Hồng",
            "xã Thanh Bình",
            "xã Lai Vung",
        ],
    ),
    (
        "An Giang",
        "089",
        &[
            "xã Chợ Mới",
            "xã Phú Tân",
            "phường Long Xuyên",
            "xã Tri Tôn",
            "xã Tịnh Biên",
            "xã Châu Thành",
            "xã Thoại Sơn",
        ],
    ),
    (
        "Vĩnh Long",
        "086",
        &[
            "xã Tam Bình",
            "xã Long Hồ",
            "xã Trà Ôn",
            "xã Mỏ Cày",
            "xã Cầu Ngang",
            "phường Bình Minh",
        ],
    ),
    (
        "Cần Thơ",
        "092",
        &[
            "phường Ninh Kiều",
            "xã Phong Điền",
            "xã Thới Lai",
            "xã Vị Thủy",
            "phường Ngã Bảy",
            "xã Kế Sách",
        ],
    ),
    (
        "Cà Mau",
        "096",
        &[
            "xã Năm Căn",
            "xã Đầm Dơi",
            "phường Giá Rai",
            "xã U Minh",
            "xã Cái Nước",
            "xã Hồng Dân",
        ],
    ),
    (
        "Tây Ninh",
        "072",
        &[
            "xã Gò Dầu",
            "xã Đức Hòa",
            "xã Cần Giuộc",
            "phường Tân An",
            "xã Thủ Thừa",
            "xã Bến Cầu",
        ],
    ),
];
const HAMLETS: &[&str] = &[
    "ấp Tân Lợi",
    "ấp Bình Hòa",
    "ấp Phú Thạnh",
    "ấp Long Thới",
    "ấp Hòa Khánh",
    "ấp Mỹ Phước",
    "ấp Thạnh Lộc",
    "ấp Kinh Xáng",
    "ấp Rạch Gốc",
    "ấp Cây Dương",
    "ấp Xẻo Rô",
    "ấp Vàm Lớn",
    "khóm 2",
    "khóm 4",
    "ấp 3",
    "ấp 5",
    "ấp 7",
    "tổ 12",
    "ấp Giồng Trôm",
    "ấp Đầu Sấu",
];
const MOBILE: &[&str] = &[
    "090", "093", "070", "079", "077", "076", "078", "089", "086", "096", "097", "098", "032",
    "033", "034", "035", "036", "037", "038", "039", "081", "082", "083", "084", "085", "088",
    "091", "094", "056", "058",
];

const PROJECT_KINDS: &[&str] = &[
    "dự án đường tỉnh",
    "dự án khu dân cư",
    "dự án cụm công nghiệp",
    "dự án kè chống sạt lở",
    "dự án nâng cấp đê bao",
    "dự án trạm bơm",
    "dự án chợ nông sản",
    "dự án trường trung học",
];
const PROJECT_PLACES: &[&str] = &[
    "Phú Mỹ",
    "Tân Hòa",
    "Mỹ Xương",
    "Bình Thạnh",
    "Long Điền",
    "Hòa An",
    "Vàm Cống",
    "Rạch Sỏi",
    "Cái Tàu",
    "Tân Phú Đông",
    "Thạnh Phú",
    "Mỹ Quý",
    "Kinh Cùng",
    "Ba Càng",
    "Cái Cối",
    "Sông Đốc",
];
const TRADES: &[&str] = &[
    "Thủy sản",
    "Chế biến gạo",
    "Gạch ngói",
    "Thức ăn chăn nuôi",
    "Mía đường",
    "Vật liệu xây dựng",
    "Xay xát",
    "Chăn nuôi heo",
    "Thuộc da",
    "Bê tông",
];
const BRANDS: &[&str] = &[
    "Hưng Phát",
    "Tân Thành",
    "Phú Lợi",
    "Minh Quân",
    "Hoàng Gia",
    "Việt Thắng",
    "Kim Ngân",
    "Đại Lộc",
    "Thuận Phong",
    "Sao Mai",
    "Hiệp Hòa",
    "Trường Giang",
    "Phương Nam",
    "Cửu Long",
    "Thiên Ân",
    "Bảo Châu",
];
const WATERS: &[&str] = &[
    "Xáng Lấp",
    "Ba Rày",
    "Cái Sắn",
    "Thốt Nốt",
    "Rạch Miễu",
    "Mương Điều",
    "Bà Bèo",
    "Ông Hổ",
    "Tư Sáu",
    "Cây Gáo",
    "Xẻo Mít",
    "Đường Xuồng",
];
const RIVERS: &[&str] = &[
    "Tiền",
    "Hậu",
    "Vàm Cỏ Đông",
    "Cái Lớn",
    "Ông Đốc",
    "Gành Hào",
    "Cổ Chiên",
];
const OFFICIALS: &[&str] = &[
    "cán bộ địa chính",
    "Trưởng ấp",
    "Phó Chủ tịch UBND",
    "cán bộ chính sách",
    "công chức tư pháp",
    "Trưởng Công an",
];

// ---- What the corpus holds --------------------------------------------------------------------

/// One petition, as a row of the import file.
#[derive(Clone, Debug, PartialEq)]
pub struct Petition {
    pub code: String,
    pub received_on: NaiveDate,
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub address: String,
    pub kind: &'static str,
    pub field: &'static str,
    pub subject: String,
    /// Who really filed it (`p0001`…): the truth the labels are made of.
    pub person: String,
    /// The labelled cluster it belongs to (`c001`…), or empty.
    pub cluster: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClusterKind {
    /// One person filing one matter again.
    Person,
    /// Different people filing one matter.
    Matter,
}

#[derive(Clone, Debug)]
pub struct Cluster {
    pub id: String,
    pub kind: ClusterKind,
    pub class: Class,
    pub codes: Vec<String>,
    /// What the desk types in the search box to find it.
    pub query: String,
    /// The person's name as it really is (person clusters; empty for a matter cluster).
    pub truth: String,
}

/// A new visit typed into the form: the new-visit pane shows its possible repeats.
#[derive(Clone, Debug)]
pub struct Visit {
    /// The cluster it repeats; empty for a newcomer (a different person with a common name).
    pub cluster: String,
    pub class: Option<Class>,
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub address: String,
    pub subject: String,
    /// The visit's own petition when it is already stored (the `fixtures/repeats/` set puts
    /// every stored petition to the pane): left out of what the pane is expected to show.
    pub own: Option<String>,
}

pub struct Corpus {
    pub petitions: Vec<Petition>,
    pub clusters: Vec<Cluster>,
    pub visits: Vec<Visit>,
}

#[derive(Clone)]
struct Place {
    province: usize,
    commune: &'static str,
    hamlet: &'static str,
}

impl Place {
    fn province(&self) -> &'static str {
        PROVINCES[self.province].0
    }

    /// The commune's own name, as typed in a query ("tam binh" for xã Tam Bình).
    fn commune_name(&self) -> &'static str {
        self.commune
            .split_once(' ')
            .map_or(self.commune, |(_, n)| n)
    }
}

#[derive(Clone)]
struct Person {
    id: String,
    /// Correct, NFC: "Nguyễn Văn Hùng".
    name: String,
    female: bool,
    place: Place,
    cmnd: String,
    cccd: String,
    phone: String,
}

/// A matter: how it is written the first time, and how it is written again.
#[derive(Clone)]
struct Matter {
    kind: &'static str,
    field: &'static str,
    texts: Vec<String>,
    /// The matter's own words, as a desk types them to find it (matter clusters only).
    words: String,
}

struct Gen {
    dice: Dice,
    used: HashSet<String>,
    people: usize,
}

impl Gen {
    /// A text not drawn before (a plot, a project, a phone number…).
    fn unique(&mut self, make: &mut dyn FnMut(&mut Dice) -> String) -> String {
        for _ in 0..10_000 {
            let s = make(&mut self.dice);
            if self.used.insert(s.clone()) {
                return s;
            }
        }
        panic!("the corpus ran out of distinct values: widen its lists")
    }

    fn place(&mut self) -> Place {
        let province = self.dice.below(PROVINCES.len() as u32) as usize;
        Place {
            province,
            commune: self.dice.word(PROVINCES[province].2),
            hamlet: self.dice.word(HAMLETS),
        }
    }

    fn random_name(&mut self, female: bool) -> String {
        let surname = self.dice.weighted(SURNAMES);
        let (middles, givens) = if female {
            (MIDDLE_WOMEN, GIVEN_WOMEN)
        } else {
            (MIDDLE_MEN, GIVEN_MEN)
        };
        let mut name = vec![*surname, self.dice.word(middles)];
        if self.dice.percent(20) {
            // A second middle name ("Nguyễn Thị Ngọc Trâm", "Lê Văn Minh Tâm").
            let more: &[&str] = if female {
                &["Ngọc", "Kim", "Bích", "Thanh", "Mỹ"]
            } else {
                &["Minh", "Thanh", "Hoàng", "Quốc"]
            };
            let second = self.dice.word(more);
            if !name.contains(&second) {
                name.push(second);
            }
        }
        name.push(self.dice.word(givens));
        name.join(" ")
    }

    fn person(&mut self, name: Option<(&str, bool)>) -> Person {
        let female = name.map_or_else(|| self.dice.half(), |(_, f)| f);
        let name = match name {
            Some((n, _)) => n.to_string(),
            None => self.random_name(female),
        };
        let born = self.dice.between(1945, 2000) as i32;
        let place = self.place();
        let code = PROVINCES[place.province].1;
        let sex = u8::from(female) + if born >= 2000 { 2 } else { 0 };
        let cccd = self.unique(&mut |d| format!("{code}{sex}{:02}{}", born % 100, d.digits(6)));
        let cmnd = self.unique(&mut |d| format!("3{}", d.digits(8)));
        let phone = self.unique(&mut |d| format!("{}{}", d.word(MOBILE), d.digits(7)));
        self.people += 1;
        Person {
            id: format!("p{:04}", self.people),
            name,
            female,
            place,
            cmnd,
            cccd,
            phone,
        }
    }

    fn project(&mut self) -> String {
        self.unique(&mut |d| {
            let phase = match d.below(5) {
                0 => String::new(),
                n => format!(" giai đoạn {}", n + 1),
            };
            format!(
                "{} {}{phase}",
                d.word(PROJECT_KINDS),
                d.word(PROJECT_PLACES)
            )
        })
    }

    fn company(&mut self) -> String {
        self.unique(&mut |d| format!("Công ty TNHH {} {}", d.word(TRADES), d.word(BRANDS)))
    }

    /// A matter of one person (a plot, a decision, a file): `kind` None picks one.
    fn own_matter(&mut self, place: &Place, kind: Option<&'static str>) -> Matter {
        let kind = kind.unwrap_or_else(|| {
            *self.dice.weighted(&[
                ("khiếu nại", 50),
                ("kiến nghị", 20),
                ("phản ánh", 15),
                ("tố cáo", 15),
            ])
        });
        let commune = place.commune;
        let plot = self.unique(&mut |d| {
            format!(
                "thửa số {}, tờ bản đồ số {}",
                d.between(1, 999),
                d.between(1, 60)
            )
        });
        let short_plot = plot
            .replace("thửa số", "thửa")
            .replace("tờ bản đồ số", "tờ");
        match (kind, self.dice.below(3)) {
            ("khiếu nại", 0) => {
                let project = self.project();
                Matter {
                    kind,
                    field: "giải phóng mặt bằng",
                    texts: vec![
                        format!("Khiếu nại việc thu hồi đất {plot} để thực hiện {project}"),
                        format!("Tiếp tục khiếu nại việc thu hồi {short_plot} làm {project}"),
                        format!("Đề nghị xem xét lại việc thu hồi đất {short_plot}, {project}"),
                        format!("Khiếu nại lần hai về việc thu hồi đất {plot}"),
                    ],
                    words: String::new(),
                }
            }
            ("khiếu nại", 1) => {
                let decision = self.unique(&mut |d| format!("{}/QĐ-UBND", d.between(12, 4800)));
                Matter {
                    kind,
                    field: "đất đai",
                    texts: vec![
                        format!(
                            "Khiếu nại Quyết định số {decision} của UBND {commune} về bồi thường, hỗ trợ khi thu hồi đất"
                        ),
                        format!(
                            "Không đồng ý Quyết định {decision} về bồi thường, đề nghị giải quyết lại"
                        ),
                        format!("Tiếp tục khiếu nại Quyết định số {decision} về bồi thường đất"),
                    ],
                    words: String::new(),
                }
            }
            ("khiếu nại", _) => Matter {
                kind,
                field: "đất đai",
                texts: vec![
                    format!(
                        "Khiếu nại việc UBND {commune} không cấp giấy chứng nhận quyền sử dụng đất {plot}"
                    ),
                    format!(
                        "Đề nghị cấp giấy chứng nhận quyền sử dụng đất {short_plot}, đã nộp hồ sơ nhiều năm"
                    ),
                    format!("Tiếp tục khiếu nại việc chậm cấp sổ đỏ {short_plot}"),
                ],
                words: String::new(),
            },
            ("tố cáo", pick) => {
                let official = OFFICIALS[pick as usize * 2 % OFFICIALS.len()];
                Matter {
                    kind,
                    field: "tham nhũng",
                    texts: vec![
                        format!("Tố cáo {official} {commune} nhận tiền khi làm hồ sơ {plot}"),
                        format!(
                            "Tiếp tục tố cáo {official} {commune} nhận tiền của gia đình, hồ sơ {short_plot}"
                        ),
                        format!(
                            "Tố cáo bổ sung việc {official} {commune} gây khó khăn, đòi tiền hồ sơ {short_plot}"
                        ),
                    ],
                    words: String::new(),
                }
            }
            ("kiến nghị", _) => {
                let file = self.unique(&mut |d| format!("{}", d.between(100, 9999)));
                Matter {
                    kind,
                    field: "chế độ chính sách",
                    texts: vec![
                        format!(
                            "Kiến nghị giải quyết chế độ trợ cấp người có công cho gia đình, hồ sơ số {file}"
                        ),
                        format!("Tiếp tục kiến nghị giải quyết hồ sơ người có công số {file}"),
                        format!("Đề nghị trả lời kiến nghị về chế độ người có công, hồ sơ {file}"),
                    ],
                    words: String::new(),
                }
            }
            (_, _) => {
                let neighbour = self.unique(&mut |d| {
                    format!(
                        "{} {}",
                        d.word(&[
                            "xưởng cưa",
                            "lò than",
                            "trại heo",
                            "quán karaoke",
                            "cơ sở hàn tiện"
                        ]),
                        d.between(1, 400)
                    )
                });
                Matter {
                    kind: "phản ánh",
                    field: "môi trường",
                    texts: vec![
                        format!(
                            "Phản ánh {neighbour} tại {} gây ồn, ô nhiễm kéo dài",
                            place.hamlet
                        ),
                        format!("Tiếp tục phản ánh {neighbour} gây ô nhiễm, chưa được xử lý"),
                        format!("Phản ánh lần nữa về {neighbour} ở {}", place.hamlet),
                    ],
                    words: String::new(),
                }
            }
        }
    }

    /// A matter many people share (a factory, a bridge, a project).
    fn shared_matter(&mut self, place: &Place) -> Matter {
        let commune = place.commune;
        match self.dice.below(4) {
            0 => {
                let company = self.company();
                let water = self.dice.word(WATERS);
                let brand = company.rsplitn(3, ' ').take(2).collect::<Vec<_>>();
                Matter {
                    kind: "phản ánh",
                    field: "môi trường",
                    texts: vec![
                        format!("Phản ánh {company} xả nước thải ra kênh {water} làm cá chết"),
                        format!("{company} vẫn xả thải ra kênh {water}, đề nghị xử lý"),
                        format!("Phản ánh ô nhiễm kênh {water} do {company} xả thải"),
                        format!("Đề nghị kiểm tra việc {company} xả thải xuống kênh {water}"),
                    ],
                    words: format!("{} {} xa thai kenh {water}", brand[1], brand[0]),
                }
            }
            1 => {
                let water = self.unique(&mut |d| d.word(WATERS).to_string());
                Matter {
                    kind: "kiến nghị",
                    field: "khác",
                    texts: vec![
                        format!(
                            "Kiến nghị sửa chữa cầu {water} bị sụt lún, nguy hiểm cho người đi lại"
                        ),
                        format!(
                            "Cầu {water} ở {} xuống cấp, đề nghị sớm sửa chữa",
                            place.hamlet
                        ),
                        format!("Tiếp tục kiến nghị sửa cầu {water}"),
                        format!("Đề nghị UBND {commune} làm lại cầu {water}"),
                    ],
                    words: format!("sua cau {water}"),
                }
            }
            2 => {
                let river = self.unique(&mut |d| {
                    format!("sông {} đoạn qua {}", d.word(RIVERS), d.word(HAMLETS))
                });
                Matter {
                    kind: "phản ánh",
                    field: "môi trường",
                    texts: vec![
                        format!("Phản ánh tình trạng khai thác cát trái phép trên {river}"),
                        format!("Khai thác cát trái phép gây sạt lở {river}, đề nghị ngăn chặn"),
                        format!("Tiếp tục phản ánh ghe hút cát ban đêm trên {river}"),
                    ],
                    words: format!("hut cat {river}"),
                }
            }
            _ => {
                let project = self.project();
                Matter {
                    kind: "khiếu nại",
                    field: "giải phóng mặt bằng",
                    texts: vec![
                        format!("Khiếu nại giá bồi thường đất nông nghiệp thấp tại {project}"),
                        format!("Hộ dân bị thu hồi đất làm {project} không đồng ý mức bồi thường"),
                        format!("Đề nghị tính lại đơn giá bồi thường {project}"),
                        format!(
                            "Khiếu nại việc chưa bố trí tái định cư cho hộ dân thuộc {project}"
                        ),
                    ],
                    words: project.trim_start_matches("dự án ").to_string(),
                }
            }
        }
    }

    fn address(&mut self, place: &Place) -> String {
        let full = format!(
            "{}, {}, tỉnh {}",
            place.hamlet,
            place.commune,
            place.province()
        );
        match self.dice.below(10) {
            0..=4 => full,
            5 | 6 => format!("{}, {}", place.hamlet, place.commune),
            7 => typing::plain(&full),
            8 => place.commune.to_string(),
            _ => format!("{}, {}", place.commune, place.province()),
        }
    }

    fn phone(&mut self, phone: &str) -> String {
        let style = self.dice.below(6);
        typing::phone_as(phone, style)
    }

    /// The name as a record usually holds it: with diacritics, sometimes without.
    fn recorded_name(&mut self, name: &str) -> String {
        if self.dice.percent(12) {
            typing::plain(name)
        } else {
            name.to_string()
        }
    }

    fn date(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let days = (to - from).num_days();
        from + Duration::days(self.dice.between(0, days))
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The day the old CMND gave way to the CCCD in these records.
fn cccd_era() -> NaiveDate {
    day(2021, 7, 1)
}

/// The mistyped form of `name` a query of `class` carries (None when the name has no spot for it).
fn query_name(class: Class, name: &str, dice: &mut Dice) -> Option<String> {
    let folded = typing::folded(name);
    Some(match class {
        Class::Exact => name.to_string(),
        Class::TonesDropped => typing::without_tones(name),
        Class::TonesOnly => typing::tones_only(name),
        Class::DropInner => typing::drop_inner(&folded, dice)?,
        Class::DropFirst => typing::drop_first(&folded, dice)?,
        Class::DropH => typing::drop_h(&folded, dice)?,
        Class::Doubled => typing::double(&folded, dice)?,
        Class::Slip => typing::slip(&folded, dice)?,
        Class::Telex => typing::telex(name).to_lowercase(),
        Class::Vni => typing::vni(name, dice.half()).to_lowercase(),
        Class::Regional => typing::regional(&folded, dice)?,
        Class::NoMiddle => typing::folded(&typing::without_middle(name)),
        Class::NameOrder => typing::folded(&typing::given_first(name)),
        Class::Nfd => {
            if dice.half() {
                typing::nfd(name)
            } else {
                folded
            }
        }
        _ => folded,
    })
}

/// A record-side mistype of the name for the record classes (None when it has no spot for it).
fn record_name(class: Class, name: &str, dice: &mut Dice) -> Option<String> {
    match class {
        Class::RecordTypo => match dice.below(4) {
            0 => typing::drop_inner(name, dice),
            1 => typing::double(name, dice),
            2 => typing::drop_h(name, dice).or_else(|| typing::drop_inner(name, dice)),
            _ => typing::slip(name, dice),
        },
        Class::RegionalRecord => typing::regional(name, dice),
        Class::NoMiddleRecord => Some(typing::without_middle(name)),
        Class::Nfd => Some(typing::nfd(name)),
        _ => Some(name.to_string()),
    }
}

/// Does a person with this name fit the class (has a spot for its mistype, a middle name…)?
fn fits(class: Class, name: &str) -> bool {
    let mut probe = Dice::new(1);
    let words = name.split(' ').count();
    match class {
        Class::NoMiddle | Class::NoMiddleRecord => words >= 3,
        Class::DropH => typing::drop_h(name, &mut probe).is_some(),
        Class::Regional | Class::RegionalRecord => {
            typing::regional(&typing::folded(name), &mut probe).is_some()
        }
        Class::TonesOnly => typing::tones_only(name) != typing::without_tones(name),
        Class::RecordTypo => name.split(' ').any(|w| w.chars().count() >= 4),
        _ => true,
    }
}

/// Builds the corpus for `seed`.
pub fn generate(seed: u64) -> Corpus {
    let mut g = Gen {
        dice: Dice::new(seed),
        used: HashSet::new(),
        people: 0,
    };
    let start = day(2018, 1, 2);
    let end = day(2026, 11, 20);
    // (petition without code, its date) — codes are given in date order at the end.
    let mut petitions: Vec<Petition> = Vec::new();
    struct Planned {
        id: String,
        kind: ClusterKind,
        class: Class,
        person: Option<Person>,
        /// The name as the desk types it in the query (person clusters).
        typed: String,
        matter: Matter,
        /// Where the person lives now (after a move).
        now: Option<(Place, String)>,
        members: Vec<usize>,
    }
    let mut planned: Vec<Planned> = Vec::new();
    let mut people: Vec<Person> = Vec::new();

    for class in Class::ALL {
        for _ in 0..class.clusters() {
            let id = format!("c{:03}", planned.len() + 1);
            if class == Class::SameMatter {
                let place = g.place();
                let matter = g.shared_matter(&place);
                let size = 3 + g.dice.below(4) as usize;
                let mut members = Vec::new();
                let from = g.date(start, day(2024, 6, 1));
                for i in 0..size {
                    let mut neighbour = g.person(None);
                    neighbour.place.province = place.province;
                    neighbour.place.commune = place.commune;
                    if g.dice.percent(70) {
                        neighbour.place.hamlet = place.hamlet;
                    }
                    let received = g.date(from, (from + Duration::days(700)).min(end));
                    let address = g.address(&neighbour.place);
                    let name = g.recorded_name(&neighbour.name);
                    let id_number = if g.dice.percent(50) {
                        neighbour.cccd.clone()
                    } else {
                        String::new()
                    };
                    let phone = if g.dice.percent(60) {
                        g.phone(&neighbour.phone)
                    } else {
                        String::new()
                    };
                    members.push(petitions.len());
                    petitions.push(Petition {
                        code: String::new(),
                        received_on: received,
                        name,
                        id_number,
                        phone,
                        address,
                        kind: matter.kind,
                        field: matter.field,
                        subject: matter.texts[i % matter.texts.len()].clone(),
                        person: neighbour.id.clone(),
                        cluster: id.clone(),
                    });
                    people.push(neighbour);
                }
                planned.push(Planned {
                    id,
                    kind: ClusterKind::Matter,
                    class,
                    person: None,
                    typed: String::new(),
                    matter,
                    now: Some((place, String::new())),
                    members,
                });
                continue;
            }
            // One person, one matter, filed 2–6 times.
            let person = loop {
                let name = (class == Class::CommonName).then(|| {
                    let (n, f, _) = *g.dice.pick(COMMON_NAMES);
                    (n, f)
                });
                let p = g.person(name);
                if !fits(class, &p.name) {
                    continue;
                }
                // The query's mistype is drawn now, so a person without a spot for it is
                // replaced rather than given a correct query under a mistype's label.
                if let Some(typed) = query_name(class, &p.name, &mut g.dice) {
                    break (p, typed);
                }
            };
            let (person, typed) = person;
            let kind = (class == Class::Denunciation).then_some("tố cáo");
            let mut matter = g.own_matter(&person.place, kind);
            // Denunciations are a class of their own: the others measure a mistype, not secrecy.
            if class != Class::Denunciation && matter.kind == "tố cáo" {
                matter = g.own_matter(&person.place, Some("khiếu nại"));
            }
            let size = 2 + *g
                .dice
                .weighted(&[(0usize, 40), (1, 30), (2, 18), (3, 8), (4, 4)]);
            let mut dates: Vec<NaiveDate> = (0..size).map(|_| g.date(start, end)).collect();
            if class == Class::CmndToCccd {
                dates[0] = g.date(start, cccd_era() - Duration::days(30));
                dates[1] = g.date(cccd_era() + Duration::days(30), end);
            }
            if class == Class::Moved {
                dates[0] = g.date(start, day(2021, 1, 1));
                dates[1] = g.date(day(2023, 6, 1), end);
            }
            dates.sort();
            let moved_to = (class == Class::Moved).then(|| {
                let mut place = g.place();
                while place.commune == person.place.commune {
                    place = g.place();
                }
                let phone = g.unique(&mut |d| format!("{}{}", d.word(MOBILE), d.digits(7)));
                (place, phone)
            });
            let gives_id = g.dice.percent(55) || class == Class::CmndToCccd;
            let gives_phone =
                g.dice.percent(70) || matches!(class, Class::PhoneFormat | Class::Moved);
            // Which records carry the class's record-side mistype: at least one, not all but one.
            let marked: Vec<bool> = (0..dates.len())
                .map(|i| match class {
                    Class::Nfd => g.dice.percent(70) || i == 0,
                    Class::RecordTypo | Class::RegionalRecord | Class::NoMiddleRecord => {
                        i == 1 || (i > 1 && g.dice.percent(35))
                    }
                    _ => false,
                })
                .collect();
            let mut members = Vec::new();
            let switch = size / 2;
            for (i, &received) in dates.iter().enumerate() {
                let (place, phone) = match (&moved_to, i >= switch.max(1)) {
                    (Some((p, ph)), true) => (p.clone(), ph.clone()),
                    _ => (person.place.clone(), person.phone.clone()),
                };
                let mut name = if marked[i] {
                    (0..20)
                        .find_map(|_| {
                            record_name(class, &person.name, &mut g.dice)
                                .filter(|n| *n != person.name)
                        })
                        .expect("the person was chosen to fit the class")
                } else {
                    g.recorded_name(&person.name)
                };
                if class == Class::Nfd && marked[i] {
                    name = typing::nfd(&person.name);
                }
                let id_number = if !gives_id || !(g.dice.percent(75) || class == Class::CmndToCccd)
                {
                    String::new()
                } else if received < cccd_era()
                    && (class == Class::CmndToCccd || g.dice.percent(60))
                {
                    person.cmnd.clone()
                } else {
                    person.cccd.clone()
                };
                let always = matches!(class, Class::PhoneFormat | Class::Moved);
                let phone = if gives_phone && (g.dice.percent(80) || always) {
                    g.phone(&phone)
                } else {
                    String::new()
                };
                let address = g.address(&place);
                members.push(petitions.len());
                petitions.push(Petition {
                    code: String::new(),
                    received_on: received,
                    name,
                    id_number,
                    phone,
                    address,
                    kind: matter.kind,
                    field: matter.field,
                    subject: matter.texts[i % matter.texts.len()].clone(),
                    person: person.id.clone(),
                    cluster: id.clone(),
                });
            }
            people.push(person.clone());
            planned.push(Planned {
                id,
                kind: ClusterKind::Person,
                class,
                person: Some(person),
                typed,
                matter,
                now: moved_to,
                members,
            });
        }
    }

    // Distractors: different people with the commonest names, each with a matter of their own.
    let mut distractors = Vec::new();
    for _ in 0..540 {
        let (n, f, _) = *g.dice.weighted(
            &COMMON_NAMES
                .iter()
                .map(|&(n, f, w)| ((n, f, w), w))
                .collect::<Vec<_>>(),
        );
        distractors.push(g.person(Some((n, f))));
    }
    // And everybody else: one petition each.
    let mut others = Vec::new();
    for _ in 0..900 {
        others.push(g.person(None));
    }
    for person in distractors.iter().chain(&others) {
        let matter = g.own_matter(&person.place, None);
        let received = g.date(start, end);
        let name = g.recorded_name(&person.name);
        let id_number = match g.dice.below(10) {
            0..=3 => person.cccd.clone(),
            4 if received < cccd_era() => person.cmnd.clone(),
            _ => String::new(),
        };
        let phone = if g.dice.percent(60) {
            g.phone(&person.phone)
        } else {
            String::new()
        };
        let address = g.address(&person.place);
        let subject = matter.texts[0].clone();
        petitions.push(Petition {
            code: String::new(),
            received_on: received,
            name,
            id_number,
            phone,
            address,
            kind: matter.kind,
            field: matter.field,
            subject,
            person: person.id.clone(),
            cluster: String::new(),
        });
    }
    people.extend(distractors.iter().cloned());
    people.extend(others.iter().cloned());

    // Codes in date order, as a desk's logbook numbers them.
    let mut order: Vec<usize> = (0..petitions.len()).collect();
    order.sort_by_key(|&i| (petitions[i].received_on, i));
    let mut per_year: BTreeMap<i32, u32> = BTreeMap::new();
    for &i in &order {
        let year = chrono::Datelike::year(&petitions[i].received_on);
        let n = per_year.entry(year).or_insert(500);
        *n += 1;
        petitions[i].code = format!("{year}-{n:06}");
    }

    // Names the desk cannot tell apart without the commune.
    let mut name_count: HashMap<String, usize> = HashMap::new();
    for p in &people {
        *name_count.entry(typing::folded(&p.name)).or_default() += 1;
    }

    let mut clusters = Vec::new();
    let mut visits = Vec::new();
    for plan in &planned {
        let mut codes: Vec<String> = plan
            .members
            .iter()
            .map(|&i| petitions[i].code.clone())
            .collect();
        codes.sort();
        let (query, visit) = match &plan.person {
            None => {
                // Same matter: its own words, typed without diacritics, sometimes with a slip.
                let (place, _) = plan.now.clone().unwrap();
                let mut words = typing::folded(&plan.matter.words);
                if g.dice.half() {
                    words = typing::slip(&words, &mut g.dice).unwrap_or(words);
                }
                let neighbour = g.person(None);
                let address = format!("{}, {}", place.hamlet, place.commune);
                let subject = plan.matter.texts
                    [g.dice.below(plan.matter.texts.len() as u32) as usize]
                    .clone();
                (
                    words,
                    Visit {
                        cluster: plan.id.clone(),
                        class: Some(plan.class),
                        name: neighbour.name.clone(),
                        id_number: String::new(),
                        phone: String::new(),
                        address,
                        subject,
                        own: None,
                    },
                )
            }
            Some(person) => {
                let (place, phone) = plan
                    .now
                    .clone()
                    .unwrap_or((person.place.clone(), person.phone.clone()));
                let typed = plan.typed.clone();
                let ambiguous = name_count[&typing::folded(&person.name)] > 1;
                let commune = typing::folded(place.commune_name());
                let query = match plan.class {
                    Class::CmndToCccd => format!("{typed} {}", person.cccd),
                    Class::PhoneFormat => {
                        let style = g.dice.below(6);
                        typing::phone_as(&person.phone, style)
                    }
                    Class::Moved => format!("{typed} {commune}"),
                    _ if ambiguous => format!("{typed} {commune}"),
                    _ => typed.clone(),
                };
                let record_side = matches!(
                    plan.class,
                    Class::RecordTypo | Class::RegionalRecord | Class::NoMiddleRecord
                );
                let name = if record_side {
                    person.name.clone()
                } else {
                    typed
                };
                let id_number = match plan.class {
                    Class::CmndToCccd => person.cccd.clone(),
                    _ if g.dice.half() => person.cccd.clone(),
                    _ => String::new(),
                };
                let phone = if plan.class == Class::PhoneFormat || g.dice.half() {
                    let style = g.dice.below(6);
                    typing::phone_as(&phone, style)
                } else {
                    String::new()
                };
                let address = g.address(&place);
                let texts = &plan.matter.texts;
                let subject = texts[plan.members.len() % texts.len()].clone();
                (
                    query,
                    Visit {
                        cluster: plan.id.clone(),
                        class: Some(plan.class),
                        name,
                        id_number,
                        phone,
                        address,
                        subject,
                        own: None,
                    },
                )
            }
        };
        clusters.push(Cluster {
            id: plan.id.clone(),
            kind: plan.kind,
            class: plan.class,
            codes,
            query,
            truth: plan
                .person
                .as_ref()
                .map_or(String::new(), |p| p.name.clone()),
        });
        visits.push(visit);
    }

    // Newcomers: different people with a common name, often from a distractor's own commune,
    // bringing a matter of the same kind that is not theirs. Any repeat flag on them is false.
    for i in 0..300 {
        let twin = &distractors[i % distractors.len()];
        let mut newcomer = g.person(Some((&twin.name, twin.female)));
        if g.dice.percent(60) {
            newcomer.place = twin.place.clone();
        }
        let matter = g.own_matter(&newcomer.place, None);
        let id_number = if g.dice.half() {
            newcomer.cccd.clone()
        } else {
            String::new()
        };
        let phone = if g.dice.percent(40) {
            g.phone(&newcomer.phone)
        } else {
            String::new()
        };
        let address = g.address(&newcomer.place);
        let name = g.recorded_name(&newcomer.name);
        visits.push(Visit {
            cluster: String::new(),
            class: None,
            name,
            id_number,
            phone,
            address,
            subject: matter.texts[0].clone(),
            own: None,
        });
    }

    petitions.sort_by(|a, b| a.code.cmp(&b.code));
    Corpus {
        petitions,
        clusters,
        visits,
    }
}

fn csv_text(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for row in rows {
        w.write_record(&row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

impl Corpus {
    /// The import file (README "Import and export"): what the desk's old logbook holds.
    pub fn petitions_csv(&self) -> String {
        csv_text(
            &[
                "code",
                "received_on",
                "citizen_name",
                "citizen_id",
                "phone",
                "address",
                "kind",
                "field",
                "subject",
            ],
            self.petitions.iter().map(|p| {
                vec![
                    p.code.clone(),
                    p.received_on.to_string(),
                    p.name.clone(),
                    p.id_number.clone(),
                    p.phone.clone(),
                    p.address.clone(),
                    p.kind.to_string(),
                    p.field.to_string(),
                    p.subject.clone(),
                ]
            }),
        )
    }

    /// The truth: who filed each petition, and its labelled cluster.
    pub fn labels_csv(&self) -> String {
        let class: HashMap<&str, &Cluster> =
            self.clusters.iter().map(|c| (c.id.as_str(), c)).collect();
        csv_text(
            &["code", "person", "cluster", "cluster_kind", "class"],
            self.petitions.iter().map(|p| {
                let c = class.get(p.cluster.as_str());
                vec![
                    p.code.clone(),
                    p.person.clone(),
                    p.cluster.clone(),
                    c.map_or("", |c| match c.kind {
                        ClusterKind::Person => "person",
                        ClusterKind::Matter => "matter",
                    })
                    .to_string(),
                    c.map_or("", |c| c.class.name()).to_string(),
                ]
            }),
        )
    }

    /// The desk's search queries, one per cluster.
    pub fn queries_csv(&self) -> String {
        csv_text(
            &["cluster", "class", "query"],
            self.clusters
                .iter()
                .map(|c| vec![c.id.clone(), c.class.name().to_string(), c.query.clone()]),
        )
    }

    /// The new visits typed into the form (empty cluster: a newcomer).
    pub fn visits_csv(&self) -> String {
        csv_text(
            &[
                "cluster",
                "class",
                "name",
                "id_number",
                "phone",
                "address",
                "subject",
            ],
            self.visits.iter().map(|v| {
                vec![
                    v.cluster.clone(),
                    v.class.map_or("newcomer", Class::name).to_string(),
                    v.name.clone(),
                    v.id_number.clone(),
                    v.phone.clone(),
                    v.address.clone(),
                    v.subject.clone(),
                ]
            }),
        )
    }

    /// The four files, by name, as committed under `fixtures/recall/`.
    pub fn files(&self) -> [(&'static str, String); 4] {
        [
            ("petitions.csv", self.petitions_csv()),
            ("labels.csv", self.labels_csv()),
            ("queries.csv", self.queries_csv()),
            ("visits.csv", self.visits_csv()),
        ]
    }
}
