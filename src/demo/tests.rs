use super::*;
use crate::domain::{
    Citizen, EventKind, Field, Flag, Handling, Id, Lifecycle, PetitionKind, Round, Source, Status,
    StepContext, VisitKind, max_representatives,
};
use crate::validate;
use chrono::Datelike;
use std::collections::{HashMap, HashSet};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
}

fn cases(petitions: usize, seed: u64) -> Vec<DemoCase> {
    let mut out = Vec::with_capacity(petitions);
    let opts = DemoOptions {
        petitions,
        seed,
        today: today(),
    };
    generate(&opts, |case| {
        out.push(case);
        Ok(())
    })
    .unwrap();
    out
}

/// Everything a case holds, as the bytes a store or an export would see.
fn bytes(case: &DemoCase) -> String {
    serde_json::to_string(&(
        &case.citizens,
        &case.visit,
        &case.petition,
        &case.steps,
        &case.actor,
    ))
    .unwrap()
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole.max(1) as f64
}

fn assert_near(what: &str, value: f64, lo: f64, hi: f64) {
    assert!(
        (lo..=hi).contains(&value),
        "{what}: {value:.3} not in {lo}..={hi}"
    );
}

#[test]
fn same_seed_same_bytes_other_seed_other_data() {
    let a: Vec<String> = cases(3_000, 42).iter().map(bytes).collect();
    let b: Vec<String> = cases(3_000, 42).iter().map(bytes).collect();
    let c: Vec<String> = cases(3_000, 43).iter().map(bytes).collect();
    assert_eq!(a, b);
    assert_ne!(a, c);
    let same = a.iter().zip(&c).filter(|(x, y)| x == y).count();
    assert_eq!(same, 0, "different seeds share whole cases");
}

#[test]
fn exact_count_and_edge_sizes() {
    assert!(cases(0, 1).is_empty());
    assert_eq!(cases(1, 1).len(), 1);
    assert_eq!(cases(37, 1).len(), 37);
}

#[test]
fn every_case_is_consistent() {
    let list = cases(20_000, 7);
    let start = today().checked_sub_months(chrono::Months::new(18)).unwrap();
    let mut citizens: HashSet<Id> = HashSet::new();
    let mut petitions: HashMap<Id, NaiveDate> = HashMap::new();
    let mut visit_ids: HashSet<Id> = HashSet::new();
    let mut id_numbers: HashSet<String> = HashSet::new();
    let mut codes: HashMap<i32, u32> = HashMap::new();
    let mut last_day = start;
    for case in &list {
        let p = &case.petition;
        assert!(unicode_normalization::is_nfc(&bytes(case)), "{}", p.code);
        assert!(p.received_on > start && p.received_on <= today());
        assert!(p.received_on >= last_day, "cases come in date order");
        last_day = p.received_on;

        // Codes run 1, 2, 3... within each year.
        let (year, n) = p.code.split_once('-').unwrap();
        let year: i32 = year.parse().unwrap();
        assert_eq!(year, p.received_on.year());
        assert_eq!(n.len(), 6);
        let counter = codes.entry(year).or_default();
        *counter += 1;
        assert_eq!(n.parse::<u32>().unwrap(), *counter, "{}", p.code);

        for c in &case.citizens {
            assert!(citizens.insert(c.id), "citizen emitted twice");
            if let Some(number) = &c.id_number {
                assert_eq!(validate::id_number(number).unwrap().as_ref(), Some(number));
                assert!(id_numbers.insert(number.clone()), "ID {number} given twice");
                if number.len() == 12 {
                    let year = c.birth_year.unwrap_or(0);
                    let sex_century: u32 = number[3..4].parse().unwrap();
                    assert!(sex_century <= 3);
                    if c.birth_year.is_some() {
                        assert_eq!(sex_century >= 2, year >= 2000, "{number} {year}");
                        assert_eq!(&number[4..6], format!("{:02}", year % 100), "{number}");
                    }
                }
            }
            if let Some(phone) = &c.phone {
                assert_eq!(validate::phone(phone).unwrap().as_ref(), Some(phone));
                assert_eq!(phone.len(), 10);
            }
            assert_eq!(c.full_name.trim(), c.full_name);
            assert!(c.full_name.split(' ').count() >= 2);
            assert_eq!(c.province.is_some(), c.address.is_some());
        }
        for filer in &p.filers {
            assert!(
                citizens.contains(filer),
                "filer {filer} unknown in {}",
                p.code
            );
        }
        if let Some(earlier) = p.repeat_of {
            let earlier_day = petitions
                .get(&earlier)
                .expect("repeat of an earlier petition");
            assert!(*earlier_day < p.received_on);
        }
        assert!(petitions.insert(p.id, p.received_on).is_none());

        // The history replays to the state the petition carries.
        assert_eq!(case.steps[0].kind, EventKind::Received);
        assert!(case.steps[0].detail.competence.is_some());
        assert!(case.steps[0].detail.complexity.is_some());
        assert_eq!(case.steps[0].on, p.received_on);
        let ctx = StepContext {
            kind: p.kind,
            anonymous: p.is_anonymous(),
            received_on: p.received_on,
            extensions: Default::default(),
            suspension_from: super::steps::suspension_from(p.kind),
        };
        let state = Lifecycle::replay(&ctx, &case.steps, |c| {
            extension_allowance(p.kind, c, p.received_on)
        })
        .unwrap();
        assert_eq!(state, p.state, "{}", p.code);
        assert!(case.steps.iter().all(|s| s.on <= today()));
        assert_eq!(p.kind == PetitionKind::Complaint, p.round.is_some());
        assert_eq!(p.flags.contains(Flag::Anonymous), p.filers.is_empty());
        if p.flags.contains(Flag::Final) {
            assert_eq!(p.state.status, Status::Resolved);
        }
        assert_eq!(
            p.source_agency.is_some(),
            matches!(p.source, Source::Agency | Source::Press | Source::Higher)
        );
        assert!(!p.subject.is_empty() && !p.summary.is_empty());
        let sentences = p.summary.matches(". ").count() + 1;
        assert!((1..=3).contains(&sentences), "{}", p.summary);
        assert!(!p.subject.contains('{') && !p.summary.contains('{'));

        match &case.visit {
            Some(v) => {
                assert_eq!(p.source, Source::Desk);
                assert!(visit_ids.insert(v.id));
                assert_eq!(p.visit_id, Some(v.id));
                assert_eq!(v.visited_at.date(), p.received_on);
                assert_eq!(v.petition_ids, vec![p.id]);
                assert_eq!(v.handling, visits::handling(&case.steps));
                assert!(v.headcount as usize >= v.attendees.len());
                for a in &v.attendees {
                    assert!(citizens.contains(&a.citizen_id));
                }
                let reps = v.attendees.iter().filter(|a| a.representative).count() as u32;
                assert_eq!(v.is_group(), p.flags.contains(Flag::Group));
                if v.is_group() {
                    assert!((5..=40).contains(&v.headcount));
                    assert!(reps >= 1 && reps <= max_representatives(v.headcount));
                    assert!(v.attendees.len() > reps as usize, "several attend");
                }
                if v.kind == VisitKind::Regular {
                    assert!(!v.leader_present);
                }
            }
            None => {
                assert_ne!(p.source, Source::Desk);
                assert_eq!(p.visit_id, None);
            }
        }
    }
}

#[test]
fn proportions_are_realistic() {
    let list = cases(20_000, 11);
    let n = list.len();
    let kind = |k| list.iter().filter(|c| c.petition.kind == k).count();
    assert_near(
        "khiếu nại",
        share(kind(PetitionKind::Complaint), n),
        0.42,
        0.48,
    );
    assert_near(
        "tố cáo",
        share(kind(PetitionKind::Denunciation), n),
        0.13,
        0.17,
    );
    assert_near(
        "kiến nghị",
        share(kind(PetitionKind::Recommendation), n),
        0.27,
        0.33,
    );
    assert_near("phản ánh", share(kind(PetitionKind::Report), n), 0.08, 0.12);

    let complaints: Vec<_> = list
        .iter()
        .filter(|c| c.petition.kind == PetitionKind::Complaint)
        .collect();
    let second = complaints
        .iter()
        .filter(|c| c.petition.round == Some(Round::Second))
        .count();
    assert_near("lần hai", share(second, complaints.len()), 0.12, 0.2);

    let denunciations: Vec<_> = list
        .iter()
        .filter(|c| c.petition.kind == PetitionKind::Denunciation)
        .collect();
    let anonymous = denunciations
        .iter()
        .filter(|c| c.petition.flags.contains(Flag::Anonymous))
        .count();
    assert_near(
        "nặc danh",
        share(anonymous, denunciations.len()),
        0.025,
        0.08,
    );

    let land = list
        .iter()
        .filter(|c| matches!(c.petition.field, Field::Land | Field::Clearance))
        .count();
    assert_near("đất đai + GPMB", share(land, n), 0.45, 0.65);

    let desk = list
        .iter()
        .filter(|c| c.petition.source == Source::Desk)
        .count();
    assert_near("tại bàn tiếp", share(desk, n), 0.5, 0.65);
    let transferred_in = list
        .iter()
        .filter(|c| c.petition.source_agency.is_some())
        .count();
    assert_near("chuyển đến", share(transferred_in, n), 0.15, 0.3);

    let visits: Vec<_> = list.iter().filter_map(|c| c.visit.as_ref()).collect();
    let groups = visits.iter().filter(|v| v.is_group()).count();
    assert_near("đoàn đông người", share(groups, visits.len()), 0.03, 0.055);
    let online = visits
        .iter()
        .filter(|v| v.channel == crate::domain::Channel::Online)
        .count();
    assert_near("trực tuyến", share(online, visits.len()), 0.07, 0.13);
    let periodic = visits
        .iter()
        .filter(|v| v.kind == VisitKind::Periodic)
        .count();
    assert_near("định kỳ", share(periodic, visits.len()), 0.03, 0.15);
    assert!(
        visits
            .iter()
            .filter(|v| v.kind == VisitKind::Periodic)
            .all(|v| v.leader_present)
    );
    let adhoc = visits.iter().filter(|v| v.kind == VisitKind::Adhoc).count();
    assert!(adhoc > 0 && share(adhoc, visits.len()) < 0.06);

    let repeats = list
        .iter()
        .filter(|c| c.petition.repeat_of.is_some())
        .count();
    assert_near("đơn lặp lại", share(repeats, n), 0.09, 0.15);
    let finals: HashSet<Id> = list
        .iter()
        .filter(|c| c.petition.flags.contains(Flag::Final))
        .map(|c| c.petition.id)
        .collect();
    let after_final = list
        .iter()
        .filter(|c| c.petition.repeat_of.is_some_and(|e| finals.contains(&e)))
        .count();
    assert!(
        after_final > 20,
        "re-filings after a final resolution: {after_final}"
    );

    let open: Vec<_> = list
        .iter()
        .filter(|c| !c.petition.state.status.is_closed())
        .collect();
    assert_near("còn mở", share(open.len(), n), 0.15, 0.25);
    let overdue = open
        .iter()
        .filter(|c| {
            let since = c
                .petition
                .state
                .accepted_on
                .unwrap_or(c.petition.received_on);
            (today() - since).num_days() > 60
        })
        .count();
    assert_near("quá hạn / còn mở", share(overdue, open.len()), 0.3, 0.8);
    let handled = |h| visits.iter().filter(|v| v.handling == h).count();
    for h in [
        Handling::Accept,
        Handling::Guide,
        Handling::Transfer,
        Handling::Return,
        Handling::File,
        Handling::Pending,
    ] {
        assert!(handled(h) > 0, "{h:?}");
    }
    let steps = |k| {
        list.iter()
            .filter(|c| c.steps.iter().any(|s| s.kind == k))
            .count()
    };
    for k in [
        EventKind::Extended,
        EventKind::Suspended,
        EventKind::Resumed,
        EventKind::Withdrawn,
        EventKind::Note,
    ] {
        assert!(steps(k) > 10, "{k:?}: {}", steps(k));
    }

    let citizens: Vec<&Citizen> = list.iter().flat_map(|c| &c.citizens).collect();
    let with = |f: &dyn Fn(&Citizen) -> bool| {
        share(citizens.iter().filter(|c| f(c)).count(), citizens.len())
    };
    assert_near(
        "CCCD",
        with(&|c| c.id_number.as_ref().is_some_and(|n| n.len() == 12)),
        0.63,
        0.74,
    );
    assert_near(
        "CMND",
        with(&|c| c.id_number.as_ref().is_some_and(|n| n.len() == 9)),
        0.02,
        0.07,
    );
    assert_near("điện thoại", with(&|c| c.phone.is_some()), 0.74, 0.84);
    assert_near(
        "Hà Tĩnh",
        with(&|c| c.province.as_deref() == Some("Hà Tĩnh")),
        0.55,
        0.72,
    );
    let provinces: HashSet<_> = citizens
        .iter()
        .filter_map(|c| c.province.as_deref())
        .collect();
    assert_eq!(provinces.len(), 34);
    let nguyen = with(&|c| c.full_name.starts_with("Nguyễn "));
    assert_near("họ Nguyễn", nguyen, 0.33, 0.43);
}

#[test]
fn careless_repeats_are_new_records_with_misspelt_names() {
    let list = cases(20_000, 5);
    let names: HashMap<Id, &str> = list
        .iter()
        .flat_map(|c| &c.citizens)
        .map(|c| (c.id, c.full_name.as_str()))
        .collect();
    let by_petition: HashMap<Id, &DemoCase> = list.iter().map(|c| (c.petition.id, c)).collect();
    let mut twins = 0;
    for case in list.iter().filter(|c| c.petition.repeat_of.is_some()) {
        let earlier = by_petition[&case.petition.repeat_of.unwrap()];
        let (Some(new), Some(old)) = (
            case.petition.filers.first(),
            earlier.petition.filers.first(),
        ) else {
            continue;
        };
        if new != old {
            twins += 1;
            assert_ne!(names[new], names[old]);
            assert!(case.citizens.iter().any(|c| c.id == *new));
        }
    }
    assert!(twins > 300, "{twins}");
}

/// Run by hand: `cargo test --release --lib demo::tests::million -- --ignored --nocapture`.
#[test]
#[ignore]
fn million() {
    let opts = DemoOptions {
        petitions: 1_000_000,
        seed: 1,
        today: today(),
    };
    let started = std::time::Instant::now();
    let mut count = 0usize;
    let mut checksum = 0u64;
    generate(&opts, |case| {
        count += 1;
        checksum = checksum.wrapping_add(case.steps.len() as u64 + case.citizens.len() as u64);
        Ok(())
    })
    .unwrap();
    let elapsed = started.elapsed();
    println!("1,000,000 cases in {elapsed:.2?} (checksum {checksum})");
    assert_eq!(count, 1_000_000);
    assert!(elapsed.as_secs() < 30);
}

/// Run by hand to see the data's shape and a few samples:
/// `cargo test --lib demo::tests::shape -- --ignored --nocapture`.
#[test]
#[ignore]
fn shape() {
    let list = cases(20_000, 11);
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let mut count = |key: String| *counts.entry(key).or_default() += 1;
    for c in &list {
        let p = &c.petition;
        count(format!("kind {:?}", p.kind));
        count(format!("field {:?}", p.field));
        count(format!("source {:?}", p.source));
        count(format!("status {:?}", p.state.status));
        p.flags.iter().for_each(|f| count(format!("flag {f:?}")));
        if p.repeat_of.is_some() {
            count("repeat".into());
        }
        if !p.state.status.is_closed() {
            let since = p.state.accepted_on.unwrap_or(p.received_on);
            count(format!(
                "open, over 60 days: {}",
                (today() - since).num_days() > 60
            ));
        }
        if let Some(v) = &c.visit {
            count(format!("visit {:?} {:?}", v.kind, v.channel));
        }
        for x in &c.citizens {
            count("citizens".into());
            count(format!(
                "id digits {}",
                x.id_number.as_ref().map_or(0, |n| n.len())
            ));
            count(format!("phone {}", x.phone.is_some()));
        }
    }
    for (key, n) in counts {
        println!(
            "{key:32} {n:6} {:5.1}%",
            n as f64 / list.len() as f64 * 100.0
        );
    }
    for c in list.iter().step_by(1999) {
        let p = &c.petition;
        println!(
            "\n{} {:?} | {}\n  {}",
            p.code, p.source_agency, p.subject, p.summary
        );
        for x in &c.citizens {
            println!(
                "  {} {:?} {:?} {:?}",
                x.full_name, x.id_number, x.phone, x.address
            );
        }
        for s in &c.steps {
            let d = &s.detail;
            println!(
                "  {} {:?} {:?} {:?} {:?}",
                s.on, s.kind, d.to_agency, d.decision_no, d.note
            );
        }
    }
}
