//! The deadline board and the inspector dashboard: snapshots with a row of every urgency level,
//! and a read-only session that browses both without changing a byte of the database file.

use super::action::Action;
use super::app::{App, Screen};
use super::test_support::{Intake, app_with, log, on_file, seeded_store, settle_background, today};
use super::theme::Palette;
use super::view;
use chrono::{Duration, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tiepdan::domain::*;
use tiepdan::i18n::Lang;
use tiepdan::store::Store;

fn ago(days: i64) -> NaiveDate {
    today() - Duration::days(days)
}

/// The seeded desk plus petitions due soon, critically soon, later, and one suspended.
pub fn board_store() -> Store {
    let mut store = seeded_store();
    for (subject, received) in [
        ("Phản ánh đèn đường hỏng trên tỉnh lộ", ago(12)),
        ("Kiến nghị sửa cống thoát nước", ago(8)),
        ("Phản ánh tiếng ồn karaoke ban đêm", ago(0)),
    ] {
        log(
            &mut store,
            Intake {
                name: "Lê Thị Hoa",
                kind: PetitionKind::Report,
                field: Field::Environment,
                subject,
                received,
                ..Default::default()
            },
        );
    }
    let suspended = log(
        &mut store,
        Intake {
            name: "Đỗ Văn Nam",
            subject: "Khiếu nại bồi thường giải phóng mặt bằng",
            received: ago(40),
            handling: Handling::Accept,
            ..Default::default()
        },
    );
    store
        .add_step(
            &suspended,
            Step {
                kind: EventKind::Suspended,
                on: ago(5),
                detail: StepDetail::default(),
            },
            today(),
        )
        .unwrap();
    store
}

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal
}

fn snapshot(name: &str, action: Action) {
    for lang in [Lang::Vi, Lang::En] {
        for (w, h) in [(60, 20), (80, 24), (120, 40)] {
            let mut app = app_with(board_store(), lang, Palette::None);
            app.update(action.clone());
            let code = if lang == Lang::Vi { "vi" } else { "en" };
            insta::assert_snapshot!(
                format!("{name}_{code}_{w}x{h}"),
                render(&app, w, h).backend()
            );
        }
    }
    let mut app = app_with(board_store(), Lang::Vi, Palette::Named);
    app.update(action);
    insta::assert_debug_snapshot!(
        format!("{name}_vi_120x40_colour"),
        render(&app, 120, 40).backend().buffer()
    );
}

#[test]
fn board_shows_every_urgency_level() {
    let mut app = app_with(board_store(), Lang::Vi, Palette::None);
    app.update(Action::DeadlineBoard);
    let Some(Screen::Board(board)) = app.top() else {
        panic!("the board did not open");
    };
    let c = board.counts;
    assert!(
        c.overdue > 0 && c.critical > 0 && c.soon > 0 && c.ok > 0 && c.suspended > 0,
        "{c:?}"
    );
    // Sorted by urgency, then deadline; suspended last.
    let rows: Vec<_> = (0..board.total()).filter_map(|i| board.row(i)).collect();
    let rank = |r: &&super::board::BoardRow| (r.due.urgency.is_none(), r.due.urgency, r.due.due_on);
    assert!(rows.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])));
    snapshot("board", Action::DeadlineBoard);
}

#[test]
fn board_filters_and_opens_the_petition() {
    let mut app = app_with(board_store(), Lang::Vi, Palette::None);
    app.update(Action::DeadlineBoard);
    let total = |app: &App| match app.top() {
        Some(Screen::Board(b)) => b.total(),
        _ => panic!("not on the board"),
    };
    let all = total(&app);
    app.update(Action::FilterKind); // complaints only
    assert!(total(&app) < all);
    app.update(Action::FilterKind);
    app.update(Action::FilterKind);
    app.update(Action::FilterKind);
    app.update(Action::FilterKind); // back to all
    assert_eq!(total(&app), all);
    app.update(Action::Search);
    for c in "karaoke".chars() {
        app.update(Action::Type(c));
    }
    app.settle();
    assert_eq!(total(&app), 1);
    app.update(Action::Open); // leaves the filter box
    app.update(Action::Open);
    assert!(matches!(app.top(), Some(Screen::Petition(_))));
}

#[test]
fn dashboard_snapshot() {
    snapshot("dashboard", Action::Dashboard);
}

#[test]
fn a_read_only_session_browses_without_changing_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    {
        board_store().backup(&path, false).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let store = Store::open(
        &path,
        tiepdan::store::Access::ReadOnly,
        tiepdan::policy::Policy::legal_default(),
    )
    .unwrap();
    let mut app = app_with(store, Lang::Vi, Palette::None);
    for action in [
        Action::DeadlineBoard,
        Action::Down,
        Action::FilterFlag,
        Action::FilterFlag,
        Action::FilterKind,
        Action::ToggleScope,
        Action::ToggleScope,
        Action::Home,
        Action::Open,
        Action::Save,
        Action::Back,
        Action::NewVisit,
        Action::Dashboard,
        Action::NextField,
        Action::Down,
        Action::Tick,
        Action::Refresh,
        Action::Back,
        Action::Back,
    ] {
        app.update(action);
        app.settle();
    }
    drop(app);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a read-only session changed the file"
    );
}

fn clusterings(app: &App) -> u32 {
    match app.top() {
        Some(Screen::Dashboard(d)) => d.clusterings,
        _ => panic!("not on the dashboard"),
    }
}

#[test]
fn dashboard_clusters_repeats_again_only_after_a_write() {
    let mut app = app_with(board_store(), Lang::Vi, Palette::None);
    app.update(Action::Dashboard);
    assert_eq!(clusterings(&app), 1);
    for _ in 0..3 {
        app.update(Action::Refresh);
        app.update(Action::Tick);
    }
    assert_eq!(
        clusterings(&app),
        1,
        "nothing was written: the hotspots stand"
    );
    log(
        &mut app.ctx.store,
        Intake {
            name: "Lê Thị Hoa",
            kind: PetitionKind::Report,
            subject: "Phản ánh tiếng ồn karaoke ban đêm",
            ..Default::default()
        },
    );
    app.update(Action::Refresh);
    assert_eq!(clusterings(&app), 2, "a new petition may make a hotspot");
}

fn board_total(app: &App) -> usize {
    match app.top() {
        Some(Screen::Board(b)) => b.total(),
        _ => panic!("not on the board"),
    }
}

/// Pressing a filter key `times` times, then reading how many open petitions are left.
fn after(app: &mut App, action: Action, times: usize) -> usize {
    for _ in 0..times {
        app.update(action.clone());
        app.settle();
    }
    board_total(app)
}

/// Open petitions of `board_store` plus one held by another unit and officer: 2026-000002
/// (clearance, verifying), -03 (denunciation), -04 (land, repeat of -01), -05 (group,
/// environment), -06..-08 (environment reports), -09 (land, suspended), -10 (land, accepted,
/// Phòng TN-MT, hung). -01 is resolved and never shown.
#[test]
fn board_filters_by_field_stage_unit_officer_and_mark() {
    let mut store = board_store();
    log(
        &mut store,
        Intake {
            name: "Vũ Văn Tâm",
            subject: "Khiếu nại cấp giấy chứng nhận quyền sử dụng đất",
            handling: Handling::Accept,
            unit: "Phòng TN-MT",
            officer: "hung",
            ..Default::default()
        },
    );
    let mut app = app_with(store, Lang::Vi, Palette::None);
    app.update(Action::DeadlineBoard);
    assert_eq!(board_total(&app), 9);
    // Field: land (the first field) is -04, -09, -10; cycling on through every field ends at all.
    assert_eq!(after(&mut app, Action::FilterField, 1), 3);
    assert_eq!(after(&mut app, Action::FilterField, Field::ALL.len()), 9);
    // Stage: received (the first open stage) is -03..-08; verifying, three further on, is -02.
    assert_eq!(after(&mut app, Action::FilterStage, 1), 6);
    assert_eq!(after(&mut app, Action::FilterStage, 3), 1);
    assert_eq!(after(&mut app, Action::FilterStage, 2), 9);
    // Unit: only -10 has one; the next press is everyone again.
    assert_eq!(after(&mut app, Action::FilterUnit, 1), 1);
    assert_eq!(after(&mut app, Action::FilterUnit, 1), 9);
    // Officer: "hung" (sorted first) holds -10 alone, "lan" the other eight.
    assert_eq!(after(&mut app, Action::FilterOfficer, 1), 1);
    assert_eq!(after(&mut app, Action::FilterOfficer, 1), 8);
    assert_eq!(after(&mut app, Action::FilterOfficer, 1), 9);
    // Marks: complex (second) — none; repeat (fifth) — -04.
    assert_eq!(after(&mut app, Action::FilterFlag, 2), 0);
    assert_eq!(after(&mut app, Action::FilterFlag, 3), 1);
    let Some(Screen::Board(board)) = app.top() else {
        panic!("not on the board")
    };
    assert_eq!(board.selected_row().unwrap().code, "2026-000004");
    // Filters combine: land and received is -04 only, and so is repeat within it.
    assert_eq!(after(&mut app, Action::FilterField, 1), 1);
    let mut text = String::new();
    let terminal = render(&app, 120, 40);
    for cell in terminal.backend().buffer().content() {
        text.push_str(cell.symbol());
    }
    assert!(
        text.contains("Lĩnh vực: đất đai"),
        "the filter line shows it"
    );
    // At 80 columns every filter set still shows with its value (over a second line), with
    // the key that clears them.
    let terminal = render(&app, 80, 24);
    let screen = format!("{:?}", terminal.backend());
    for shown in [
        "Lĩnh vực: đất đai",
        "Dấu hiệu: tái diễn (đơn lặp lại)",
        "0 bỏ lọc",
    ] {
        assert!(screen.contains(shown), "{shown}:\n{screen}");
    }
    // `0` clears every filter; Backspace outside the text box too.
    assert_eq!(after(&mut app, Action::ClearFilters, 1), 9);
    let Some(Screen::Board(board)) = app.top() else {
        panic!("not on the board")
    };
    assert!(!board.filtered());
    after(&mut app, Action::FilterKind, 1);
    after(&mut app, Action::ToggleScope, 1);
    assert_eq!(after(&mut app, Action::Backspace, 1), 9);
}

#[test]
fn operators_take_a_legal_next_step_from_the_board_and_inspectors_are_told_why_not() {
    let mut app = app_with(board_store(), Lang::Vi, Palette::None);
    app.update(Action::DeadlineBoard);
    app.update(Action::FilterStage); // received: classify is the first legal step
    app.settle();
    app.update(Action::NextStep);
    let Some(Screen::Board(board)) = app.top() else {
        panic!("not on the board")
    };
    let menu = board.steps.clone().expect("the next steps are offered");
    assert!(menu.allowed.contains(&EventKind::Accepted), "{menu:?}");
    assert!(
        !menu.allowed.contains(&EventKind::Resolved),
        "not before thụ lý"
    );
    insta::assert_snapshot!(
        "board_next_steps_vi_120x40",
        render(&app, 120, 40).backend()
    );
    app.update(Action::Open);
    let Some(Screen::Petition(p)) = app.top() else {
        panic!("the petition opens with the step's prompt")
    };
    assert_eq!(p.petition.code, menu.code);
    assert!(p.prompt.is_some());

    let mut inspector = app_with(board_store(), Lang::Vi, Palette::None);
    inspector.ctx.role = Role::Inspector;
    inspector.update(Action::DeadlineBoard);
    inspector.update(Action::NextStep);
    let Some(Screen::Board(board)) = inspector.top() else {
        panic!("not on the board")
    };
    assert!(board.steps.is_none(), "no step is offered to an inspector");
    let message = inspector
        .message
        .clone()
        .expect("the inspector is told why");
    assert!(!message.ok);
    assert!(
        message
            .text
            .contains(&tiepdan::Error::ReadOnly.message(Lang::Vi)),
        "{message:?}"
    );
}

/// On a database file the hotspots are clustered on another thread: the dashboard opens at once
/// with the figures, says the hotspots are being found, and shows them when the answer comes.
#[test]
fn dashboard_hotspots_are_clustered_in_the_background_on_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(on_file(board_store(), dir.path()), Lang::Vi, Palette::None);
    app.update(Action::Dashboard);
    assert!(
        app.hotspot_job.is_some(),
        "clustering runs in the background"
    );
    settle_background(&mut app);
    assert_eq!(clusterings(&app), 1);
    let Some(Screen::Dashboard(d)) = app.top() else {
        panic!("not on the dashboard")
    };
    assert!(!d.clustering);
    // Nothing written: a refresh starts no new job.
    app.update(Action::Refresh);
    assert!(app.hotspot_job.is_none());
    assert_eq!(clusterings(&app), 1);
}

/// One deadline, every list: the desk, the board, the board's CSV, the petition screen and the
/// dashboard's overdue counts all show what the core's `Policy::due_view` says — same date, same
/// day count in the rule's own unit, same pause — for petitions in every status, suspended
/// included (a suspended petition is paused everywhere, never "overdue" on one screen only).
#[test]
fn every_list_shows_the_same_deadline_for_every_status() {
    let mut store = Store::open_in_memory(tiepdan::policy::Policy::legal_default()).unwrap();
    let demo = tiepdan::demo::DemoOptions {
        petitions: 400,
        seed: 11,
        today: today(),
    };
    tiepdan::demo::load(&mut store, demo.today, demo.petitions, demo.seed).unwrap();
    // One more suspension today, so a paused clock is certain to be among them.
    let accepted = store
        .open_petitions(&tiepdan::store::PetitionQuery::default())
        .unwrap()
        .into_iter()
        .find(|r| r.status == Status::Accepted && r.kind == PetitionKind::Complaint)
        .expect("an accepted complaint");
    let suspend = Step {
        kind: EventKind::Suspended,
        on: today(),
        detail: StepDetail::default(),
    };
    store.add_step(&accepted.code, suspend, today()).unwrap();
    let mut app = app_with(store, Lang::Vi, Palette::None);
    app.desk.mine_only = Some(false);
    app.desk.load(&app.ctx).unwrap();
    let ctx = &app.ctx;
    let policy = ctx.store.policy();
    let expected = |code: &str| policy.due_view(&ctx.store.petition(code).unwrap(), ctx.today);

    let mut board = super::board::BoardState::default();
    board.refresh(ctx, true).unwrap();
    let rows = board.all_rows(ctx).unwrap();
    assert_eq!(rows.len() as i64, ctx.store.count_open(None).unwrap());
    let mut statuses = std::collections::BTreeSet::new();
    for row in &rows {
        assert_eq!(row.due, expected(&row.code), "board {}", row.code);
        assert_eq!(
            row.due.paused,
            row.status == Status::Suspended,
            "{}",
            row.code
        );
        statuses.insert(row.status);
    }
    for open in [
        Status::Received,
        Status::Classified,
        Status::Accepted,
        Status::Verifying,
        Status::Suspended,
    ] {
        assert!(
            statuses.contains(&open),
            "no {open:?} petition on the board"
        );
    }
    assert!(
        rows.iter()
            .any(|r| r.due.unit == tiepdan::rules::DayUnit::Working),
        "working-day clocks are covered"
    );

    assert_eq!(
        app.desk.open.len(),
        rows.len(),
        "the desk lists every open one"
    );
    for row in &app.desk.open {
        assert_eq!(row.due, expected(&row.code), "desk {}", row.code);
    }

    let (header, cells) = super::export::board(&board, ctx).unwrap();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for line in &cells {
        let due = expected(&line[col("code")]);
        let text = |v: Option<String>| v.unwrap_or_default();
        assert_eq!(line[col("due_on")], text(due.due_on.map(|d| d.to_string())));
        assert_eq!(
            line[col("days_left")],
            text(due.days_left.map(|d| d.to_string()))
        );
        assert_eq!(line[col("unit")], due.unit.code());
        assert_eq!(line[col("urgency")], due.urgency_code());
    }

    // Closed petitions too: nothing due, nothing urgent, on the petition screen.
    let mut closed = 0;
    for case in tiepdan::demo::cases(&demo) {
        let code = case.unwrap().petition.code;
        let screen = super::petition::PetitionState::load(ctx, &code).unwrap();
        assert_eq!(screen.view, expected(&code), "petition screen {code}");
        if screen.petition.status().is_closed() {
            assert_eq!((screen.view.due_on, screen.view.urgency), (None, None));
            closed += 1;
        }
    }
    assert!(closed > 0);

    // The dashboard's "overdue by officer" (its top 20 groups) counts the board's overdue rows.
    let mut overdue = std::collections::BTreeMap::<(String, String), i64>::new();
    for row in &rows {
        if row.due.urgency == Some(tiepdan::rules::Urgency::Overdue) {
            let petition = ctx.store.petition(&row.code).unwrap();
            let holder = (
                petition.unit.unwrap_or_default(),
                petition.officer.unwrap_or_default(),
            );
            *overdue.entry(holder).or_default() += 1;
        }
    }
    let dashboard = ctx.store.dashboard(ctx.today, ctx.today).unwrap();
    assert!(!dashboard.overdue_by_officer.is_empty());
    for (unit, officer, n) in dashboard.overdue_by_officer {
        assert_eq!(
            overdue.get(&(unit.clone(), officer.clone())),
            Some(&n),
            "{unit} {officer}"
        );
    }
}

/// The desk, the board and the dashboard apply one privacy rule (`privacy::row_view`): the desk
/// handling a denunciation reads its subject everywhere; an inspector reads it nowhere.
#[test]
fn a_denunciations_subject_follows_one_rule_on_every_screen() {
    let subject = "Tố cáo cán bộ";
    let screens = [
        (Action::Back, "desk"),
        (Action::DeadlineBoard, "board"),
        (Action::Dashboard, "dashboard"),
    ];
    for (role, shown) in [(Role::Operator, true), (Role::Inspector, false)] {
        for (action, screen) in &screens {
            let mut app = app_with(board_store(), Lang::Vi, Palette::None);
            app.ctx.role = role;
            app.update(action.clone());
            settle_background(&mut app);
            let text = format!("{:?}", render(&app, 120, 40).backend());
            assert_eq!(
                text.contains(subject),
                shown,
                "{role:?} on the {screen}: {text}"
            );
            if !shown {
                assert!(text.contains("(danh tính"), "{screen}: {text}");
            }
        }
    }
}
