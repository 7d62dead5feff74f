//! Every linking rule of the person model, table by table.

use super::*;
use uuid::Uuid;

#[test]
fn names_that_may_be_one_persons() {
    use NameMatch::*;
    // (name on record, name given now, how they agree)
    let table: &[(&str, &str, Option<NameMatch>)] = &[
        ("Nguyễn Thị Minh Khai", "Nguyễn Thị Minh Khai", Some(Exact)),
        (
            "Nguyễn Thị Minh Khai",
            "  Nguyễn  Thị Minh Khai ",
            Some(Exact),
        ),
        // NFD from some Windows input methods is the same text.
        (
            "Nguyễn Thị Minh Khai",
            "Nguye\u{302}\u{303}n Thị Minh Khai",
            Some(Exact),
        ),
        (
            "Nguyễn Thị Minh Khai",
            "Nguyen Thi Minh Khai",
            Some(ToneMarks),
        ),
        ("Đào Thị Thu", "DAO THI THU", Some(ToneMarks)),
        ("Nguyễn Thị Minh Khai", "Minh Khai Nguyễn Thị", Some(Order)),
        (
            "Nguyễn Thị Minh Khai",
            "Nguyễn Minh Khai",
            Some(MissingMiddle),
        ),
        ("Nguyễn Khai", "Nguyễn Thị Minh Khai", Some(MissingMiddle)),
        // The example: one CCCD, "Thu" then "Thuý".
        ("Đào Thị Thu", "Đào Thị Thuý", Some(Typo)),
        ("Trần Văn Bình", "Trần Vn Bình", Some(Typo)),
        ("Dương Văn Nghĩa", "Uong Văn Nghĩa", Some(Typo)),
        ("Dương Văn Nghĩa", "Dương Văn Ngia", Some(Typo)),
        ("Nguyễn Thị Minh Khai", "Nguyen Thi Min Kai", Some(Typo)),
        // Incompatible: another given name, a replaced first letter, another person entirely.
        ("Nguyễn Văn Hùng", "Nguyễn Văn Dũng", None),
        ("Phạm Thị Lan", "Lê Văn Khác", None),
        ("Ngô Thị Hạnh", "Ngô Thị Hạ", None),
        ("Nguyễn Văn An", "Trần Văn Bê", None),
        ("Nguyễn Văn Hùng", "Nguyễn Hùng Văn Thị Tư", None),
        // Three wrong words are not a typo.
        ("Nguyễn Văn Bình", "Nguyen Vn Bnh Ha", None),
        ("Lê Văn Tám", "Le Vam Tan", Some(Typo)),
        ("Lê Văn Tám", "Lê Vũ Tân", None),
        ("", "Lê Văn Tám", None),
    ];
    for (on_record, given, expected) in table {
        assert_eq!(
            name_match(on_record, given),
            *expected,
            "{on_record:?} vs {given:?}"
        );
        assert_eq!(
            name_match(given, on_record),
            *expected,
            "symmetric: {given:?} vs {on_record:?}"
        );
    }
}

fn snap(name: &str, id: Option<&str>, phone: Option<&str>) -> Citizen {
    Citizen {
        id: Uuid::now_v7(),
        full_name: name.into(),
        id_number: id.map(Into::into),
        phone: phone.map(Into::into),
        address: None,
        province: None,
        commune: None,
        birth_year: None,
    }
}

fn with(mut c: Citizen, address: Option<&str>, birth_year: Option<i32>) -> Citizen {
    c.address = address.map(Into::into);
    c.birth_year = birth_year;
    c
}

fn known(snapshots: Vec<Citizen>) -> Known {
    Known {
        person: snapshots[0].id,
        snapshots,
    }
}

#[derive(Debug, PartialEq)]
enum Expect {
    Link(LinkRule),
    Apart,
    Review,
}

#[test]
fn linking_rules() {
    const CCCD: &str = "001090012345";
    const OTHER_CCCD: &str = "001090054321";
    const CMND: &str = "012345678";
    const PHONE: &str = "0912345678";
    let addr = Some("12 Hàng Bạc, Hoàn Kiếm, Hà Nội");
    // (rule, person on record, new snapshot, expected decision)
    let table: Vec<(&str, Citizen, Citizen, Expect)> = vec![
        (
            "same CCCD, same name: links",
            snap("Đào Thị Thu", Some(CCCD), None),
            snap("Đào Thị Thu", Some(CCCD), None),
            Expect::Link(LinkRule::SameId),
        ),
        (
            "same CCCD, a typo in the name: links (the petition keeps its own spelling)",
            snap("Đào Thị Thu", Some(CCCD), None),
            snap("Đào Thị Thuý", Some(CCCD), None),
            Expect::Link(LinkRule::SameId),
        ),
        (
            "same CCCD, middle name left out: links",
            snap("Nguyễn Thị Minh Khai", Some(CCCD), None),
            snap("Nguyễn Minh Khai", Some(CCCD), None),
            Expect::Link(LinkRule::SameId),
        ),
        (
            "same CCCD, words reordered: links",
            snap("Nguyễn Thị Minh Khai", Some(CCCD), None),
            snap("Minh Khai Nguyễn Thị", Some(CCCD), None),
            Expect::Link(LinkRule::SameId),
        ),
        (
            "same CCCD, tone marks only: links",
            snap("Nguyễn Thị Minh Khai", Some(CCCD), None),
            snap("Nguyen Thi Minh Khai", Some(CCCD), None),
            Expect::Link(LinkRule::SameId),
        ),
        (
            "same CCCD, another name: kept apart and flagged for review",
            snap("Phạm Thị Lan", Some(CCCD), Some(PHONE)),
            snap("Lê Văn Khác", Some(CCCD), Some("0987654321")),
            Expect::Review,
        ),
        (
            "same CCCD, another given name (Hùng/Dũng): flagged",
            snap("Nguyễn Văn Hùng", Some(CCCD), None),
            snap("Nguyễn Văn Dũng", Some(CCCD), None),
            Expect::Review,
        ),
        (
            "same phone, same name, no ID: links",
            snap("Trần Văn Bình", None, Some(PHONE)),
            snap("Tran Van Binh", None, Some(PHONE)),
            Expect::Link(LinkRule::PhoneAndName),
        ),
        (
            "same phone, another family member's name: apart (families share phones)",
            snap("Trần Văn Bình", None, Some(PHONE)),
            snap("Trần Thị Bích", None, Some(PHONE)),
            Expect::Apart,
        ),
        (
            "same phone, a typo in the name: apart without an ID to back it",
            snap("Nguyễn Văn An", None, Some(PHONE)),
            snap("Nguyễn Văn Anh", None, Some(PHONE)),
            Expect::Apart,
        ),
        (
            "same phone and name but another CCCD: apart",
            snap("Trần Văn Bình", Some(CCCD), Some(PHONE)),
            snap("Trần Văn Bình", Some(OTHER_CCCD), Some(PHONE)),
            Expect::Apart,
        ),
        (
            "old CMND, new CCCD, same name and birth year: aliases",
            with(snap("Lê Thị Hoa", Some(CMND), None), None, Some(1962)),
            with(snap("Lê Thị Hoa", Some(CCCD), None), None, Some(1962)),
            Expect::Link(LinkRule::CmndCccd),
        ),
        (
            "old CMND, new CCCD, same name and address: aliases",
            with(snap("Lê Thị Hoa", Some(CMND), None), addr, None),
            with(snap("Le Thi Hoa", Some(CCCD), None), addr, None),
            Expect::Link(LinkRule::CmndCccd),
        ),
        (
            "new CMND given after a CCCD (old papers brought): aliases the other way",
            with(snap("Lê Thị Hoa", Some(CCCD), None), None, Some(1962)),
            with(snap("Lê Thị Hoa", Some(CMND), None), None, Some(1962)),
            Expect::Link(LinkRule::CmndCccd),
        ),
        (
            "old CMND, new CCCD, same name, nothing else shared: apart",
            with(snap("Lê Thị Hoa", Some(CMND), None), None, Some(1962)),
            with(snap("Lê Thị Hoa", Some(CCCD), None), None, Some(1980)),
            Expect::Apart,
        ),
        (
            "old CMND, new CCCD, a typo in the name: apart (no ID to back the typo)",
            with(snap("Lê Thị Hoa", Some(CMND), None), addr, Some(1962)),
            with(snap("Lê Thị Hoà Bình", Some(CCCD), None), addr, Some(1962)),
            Expect::Apart,
        ),
        (
            "CMND alias refused when the person already has another CCCD",
            with(snap("Lê Thị Hoa", Some(OTHER_CCCD), None), None, Some(1962)),
            with(snap("Lê Thị Hoa", Some(CCCD), None), None, Some(1962)),
            Expect::Apart,
        ),
        (
            "no ID, no phone: a name alone never links",
            snap("Nguyễn Văn Hùng", None, None),
            snap("Nguyễn Văn Hùng", None, None),
            Expect::Apart,
        ),
    ];
    for (rule, on_record, new, expected) in table {
        let person = known(vec![on_record]);
        let got = match decide(&new, std::slice::from_ref(&person)) {
            Decision::Link { person: p, rule } => {
                assert_eq!(p, person.person, "{rule:?}");
                Expect::Link(rule)
            }
            Decision::NewPerson { review } if review.is_empty() => Expect::Apart,
            Decision::NewPerson { review } => {
                assert_eq!(review, vec![person.person], "{rule}");
                Expect::Review
            }
        };
        assert_eq!(got, expected, "{rule}");
    }
}

#[test]
fn same_id_prefers_the_person_whose_name_matches() {
    const CCCD: &str = "001090012345";
    // Two persons already hold the CCCD (one was flagged); the new snapshot's name picks.
    let lan = known(vec![snap("Phạm Thị Lan", Some(CCCD), None)]);
    let khac = known(vec![snap("Lê Văn Khác", Some(CCCD), None)]);
    let new = snap("Le Van Khac", Some(CCCD), None);
    assert_eq!(
        decide(&new, &[lan, khac.clone()]),
        Decision::Link {
            person: khac.person,
            rule: LinkRule::SameId
        }
    );
}

#[test]
fn a_name_used_earlier_by_the_person_counts() {
    const CCCD: &str = "001090012345";
    const CMND: &str = "012345678";
    // The person used "Thu" with the CMND and "Thuý" with the CCCD; the CCCD with "Thu" links.
    let person = known(vec![
        with(snap("Đào Thị Thu", Some(CMND), None), None, Some(1970)),
        snap("Đào Thị Thuý", Some(CCCD), None),
    ]);
    let new = snap("Đào Thị Thu", Some(CCCD), None);
    assert!(matches!(
        decide(&new, &[person]),
        Decision::Link {
            rule: LinkRule::SameId,
            ..
        }
    ));
}

#[test]
fn link_rule_codes_round_trip() {
    for rule in [
        LinkRule::SameId,
        LinkRule::PhoneAndName,
        LinkRule::CmndCccd,
        LinkRule::Merged,
    ] {
        assert_eq!(LinkRule::parse(rule.code()), Some(rule));
        assert_ne!(rule.label(Lang::Vi), rule.label(Lang::En));
    }
    assert_eq!(LinkRule::parse("nonsense"), None);
}
