//! Vietnamese personal names: họ by real frequency, gendered tên đệm by generation, common tên, and
//! the misspellings a careless desk makes when it types a returning citizen in again.

use super::dice::Dice;
use super::places::Region;
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// Họ, weights in tenths of a percent (national estimates; Hoàng/Huỳnh and Vũ/Võ split by region).
const SURNAMES: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 51), // Huỳnh in the South
    ("Phan", 45),
    ("Vũ", 39), // Võ in the Centre and South
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 8),
    ("Đoàn", 6),
    ("Trương", 6),
    ("Lương", 4),
    ("Mai", 4),
    ("Cao", 4),
    ("Hà", 4),
    ("Thái", 3),
    ("Tạ", 2),
    ("Chu", 2),
    ("Lại", 2),
    ("Kiều", 1),
    ("Lưu", 2),
    ("Tô", 1),
    ("Nghiêm", 1),
    ("Quách", 1),
];

const MIDDLE_MALE: &[&str] = &[
    "Đức", "Minh", "Hữu", "Quang", "Công", "Xuân", "Đình", "Ngọc", "Thanh", "Trọng", "Tiến",
    "Mạnh", "Anh", "Duy", "Quốc", "Thế", "Hoàng", "Việt", "Bá", "Khắc", "Kim", "Sỹ",
];
const MIDDLE_FEMALE: &[&str] = &[
    "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng", "Phương", "Thùy", "Mai", "Bích", "Hoài",
    "Khánh", "Lan", "Diệu", "Hải", "Quỳnh", "Cẩm",
];

/// Tên, most common first.
const GIVEN_MALE: &[&str] = &[
    "Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Nam", "Sơn", "Thắng", "Thành", "Long", "Cường",
    "Hoàng", "Quang", "Đức", "Bình", "Hưng", "Trung", "Phong", "Tùng", "Hiếu", "Huy", "Thanh",
    "Việt", "Tâm", "Tiến", "Toàn", "Lợi", "Nghĩa", "Phúc", "Lộc", "Thọ", "Hòa", "Vinh", "Định",
    "Đạt", "Chiến", "Tú", "Tài", "Khoa", "Lâm", "Quý", "Kỳ", "Thuận", "Hậu", "Sáu", "Bảy", "Tám",
    "Lực", "Dương", "Khánh", "Thái", "An", "Công", "Hiền", "Nhân",
];
const GIVEN_FEMALE: &[&str] = &[
    "Lan", "Hương", "Hoa", "Hằng", "Hà", "Mai", "Linh", "Trang", "Thảo", "Nga", "Huyền", "Thủy",
    "Hạnh", "Yến", "Loan", "Nhung", "Phương", "Dung", "Vân", "Liên", "Thu", "Hiền", "Oanh", "Tâm",
    "Xuân", "Châu", "Hồng", "Ngọc", "Lý", "Thoa", "Sen", "Cúc", "Đào", "Lụa", "Tuyết", "Quyên",
    "Nhàn", "Bình", "Thắm", "Hiên", "Lài", "Hường", "Duyên", "Giang", "Khai", "Anh",
];

/// A person's name and the facts it depends on.
#[derive(Debug, Clone)]
pub struct Name {
    pub full: String,
    pub sex: Sex,
}

fn surname(dice: &mut Dice, region: Region) -> &'static str {
    match *dice.weighted(SURNAMES) {
        "Hoàng" if region == Region::South || (region == Region::Centre && dice.chance(0.3)) => {
            "Huỳnh"
        }
        "Vũ" if region != Region::North => "Võ",
        other => other,
    }
}

/// Generation sets the tên đệm: most people born before 1975 are Văn or Thị.
pub fn person(dice: &mut Dice, sex: Sex, birth_year: i32, region: Region) -> Name {
    let plain_share = match birth_year {
        ..1975 => 0.75,
        1975..1995 => 0.5,
        _ => 0.25,
    };
    let (plain, middles, givens) = match sex {
        Sex::Male => ("Văn", MIDDLE_MALE, GIVEN_MALE),
        Sex::Female => ("Thị", MIDDLE_FEMALE, GIVEN_FEMALE),
    };
    let mut full = String::with_capacity(32);
    full.push_str(surname(dice, region));
    full.push(' ');
    if dice.chance(plain_share) {
        full.push_str(plain);
        // Nguyễn Thị Minh Khai: a second tên đệm after Thị, now and then.
        if sex == Sex::Female && dice.chance(0.12) {
            full.push(' ');
            full.push_str(dice.word(middles));
        }
    } else {
        full.push_str(dice.word(middles));
    }
    full.push(' ');
    full.push_str(givens[dice.common(givens.len())]);
    Name { full, sex }
}

/// Text as typed with Vietnamese input off: no diacritics, đ → d (case kept).
pub fn strip_diacritics(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .collect()
}

/// The ways a desk mistypes a returning citizen's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misspelling {
    NoDiacritics,
    Typo,
    OtherMiddle,
}

pub fn misspell(dice: &mut Dice, name: &Name, how: Misspelling) -> String {
    let variant = match how {
        Misspelling::NoDiacritics => strip_diacritics(&name.full),
        Misspelling::Typo => typo(dice, &name.full),
        Misspelling::OtherMiddle => other_middle(dice, name),
    };
    if variant != name.full {
        return variant;
    }
    // Already plain ASCII, or a swap of two equal letters: fall back to a doubled last letter.
    let again = typo(dice, &name.full);
    if again != name.full {
        return again;
    }
    let last = name.full.chars().last().unwrap_or('a');
    format!("{}{last}", name.full)
}

/// Tone marks a tired typist confuses; all single precomposed characters, so NFC is kept.
const TONE_SLIPS: &[(char, char)] = &[
    ('ù', 'ú'),
    ('ư', 'u'),
    ('ơ', 'o'),
    ('ễ', 'ế'),
    ('ị', 'i'),
    ('ằ', 'ă'),
    ('ả', 'ã'),
    ('ạ', 'a'),
    ('ồ', 'ố'),
    ('ủ', 'ụ'),
    ('ơ', 'ớ'),
    ('ế', 'ê'),
    ('à', 'á'),
];

/// One slip in the given name (or the surname): a dropped, doubled or swapped letter, or a wrong tone.
fn typo(dice: &mut Dice, full: &str) -> String {
    let mut words: Vec<Vec<char>> = full.split(' ').map(|w| w.chars().collect()).collect();
    let target = if dice.chance(0.75) {
        words.len() - 1
    } else {
        0
    };
    let word = &mut words[target];
    let tone_at = word
        .iter()
        .position(|c| TONE_SLIPS.iter().any(|(from, to)| from == c && from != to));
    match (dice.below(4), tone_at) {
        (0, Some(at)) => {
            let slip = TONE_SLIPS
                .iter()
                .find(|(from, _)| *from == word[at])
                .unwrap();
            word[at] = slip.1;
        }
        (1, _) if word.len() > 2 => {
            let at = 1 + dice.below(word.len() as u32 - 1) as usize;
            word.remove(at);
        }
        (2, _) if word.len() > 2 => {
            let at = 1 + dice.below(word.len() as u32 - 2) as usize;
            word.swap(at, at + 1);
        }
        _ => {
            let at = 1 + dice.below(word.len() as u32 - 1) as usize;
            let c = word[at];
            word.insert(at, c);
        }
    }
    let words: Vec<String> = words.into_iter().map(|w| w.into_iter().collect()).collect();
    words.join(" ").nfc().collect()
}

/// The tên đệm replaced or dropped: "Nguyễn Văn Hùng" typed as "Nguyễn Hữu Hùng" or "Nguyễn Hùng".
fn other_middle(dice: &mut Dice, name: &Name) -> String {
    let words: Vec<&str> = name.full.split(' ').collect();
    let (first, last) = (words[0], words[words.len() - 1]);
    if words.len() > 3 || dice.chance(0.25) {
        return format!("{first} {last}");
    }
    let middles = match name.sex {
        Sex::Male => MIDDLE_MALE,
        Sex::Female => MIDDLE_FEMALE,
    };
    let old = words.get(1).copied().unwrap_or("");
    let mut middle = *dice.pick(middles);
    if middle == old {
        middle = if name.sex == Sex::Male {
            "Văn"
        } else {
            "Thị"
        };
    }
    format!("{first} {middle} {last}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_differ_and_stay_nfc() {
        let mut dice = Dice::new(7);
        for i in 0..2_000 {
            let sex = if i % 2 == 0 { Sex::Male } else { Sex::Female };
            let name = person(&mut dice, sex, 1950 + i % 60, Region::Centre);
            for how in [
                Misspelling::NoDiacritics,
                Misspelling::Typo,
                Misspelling::OtherMiddle,
            ] {
                let typed = misspell(&mut dice, &name, how);
                assert_ne!(typed, name.full, "{how:?}");
                assert!(unicode_normalization::is_nfc(&typed), "{typed}");
                assert!(!typed.contains("  ") && !typed.is_empty());
            }
        }
        assert_eq!(
            strip_diacritics("Đặng Thị Ngọc Ánh"),
            "Dang Thi Ngoc Anh".to_string()
        );
    }
}
