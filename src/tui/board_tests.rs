//! The deadline board and the inspector dashboard: snapshots with a row of every urgency level,
//! and a read-only session that browses both without changing a byte of the database file.

use super::action::Action;
use super::app::{App, Screen};
use super::test_support::{Intake, app_with, log, seeded_store, today};
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
        for (w, h) in [(80, 24), (120, 40)] {
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
    let rank = |r: &&super::board::BoardRow| (r.urgency.is_none(), r.urgency, r.due_on);
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
        board_store().backup(&path).unwrap();
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
