//! The app's flows end to end on an in-memory desk: keys in, store and screens checked.

use super::*;
use crate::tui::test_support::{app, on_file, seeded_store, settle_background, type_text};
use crate::tui::theme::Palette;

#[test]
fn typing_a_known_name_without_diacritics_offers_the_earlier_petition() {
    let mut app = app(Lang::Vi, Palette::None);
    app.update(Action::NewVisit);
    type_text(&mut app, "nguyen thi minh khai");
    let Some(Screen::Form(form)) = app.top() else {
        panic!("form expected")
    };
    let codes: Vec<&str> = form
        .repeats
        .candidates
        .iter()
        .map(|c| c.code.as_str())
        .collect();
    assert!(codes.contains(&"2026-000001"), "{codes:?}");
}

#[test]
fn saving_links_the_repeat_and_returns_to_the_desk() {
    let mut app = app(Lang::En, Palette::None);
    app.update(Action::NewVisit);
    type_text(&mut app, "Nguyễn Thị Minh Khai");
    // Ctrl-L asks first, naming the petition and its status; Esc marks nothing.
    app.update(Action::LinkRepeat);
    assert_eq!(app.confirm, Some(Confirm::LinkRepeat));
    let (asked, _) = app
        .pending_attach
        .clone()
        .expect("the petition asked about");
    app.update(Action::Back);
    let Some(Screen::Form(form)) = app.top() else {
        panic!("form expected")
    };
    assert_eq!(form.repeat_of, None, "Esc links nothing");
    app.update(Action::LinkRepeat);
    app.update(Action::Open);
    assert!(app.confirm.is_none());
    let Some(Screen::Form(form)) = app.top() else {
        panic!("form expected")
    };
    assert_eq!(form.repeat_of.as_deref(), Some(asked.as_str()));
    for _ in 0..4 {
        app.update(Action::NextField);
    }
    type_text(&mut app, "khieu");
    app.update(Action::NextField);
    app.update(Action::NextField);
    type_text(&mut app, "dat dai");
    app.update(Action::NextField);
    type_text(&mut app, "Đến lại về ranh giới đất");
    let Some(Screen::Form(form)) = app.top() else {
        panic!("form expected")
    };
    let linked = form.repeat_of.clone().expect("a candidate was linked");
    app.update(Action::Save);
    assert!(app.stack.is_empty(), "{:?}", app.message);
    let message = app.message.clone().unwrap();
    assert!(
        message.ok && message.text.contains("2026-000006"),
        "{message:?}"
    );
    let saved = app.ctx.store.petition("2026-000006").unwrap();
    let earlier = app.ctx.store.petition(&linked).unwrap();
    assert_eq!(saved.repeat_of, Some(earlier.id));
}

#[test]
fn read_only_sessions_explain_instead_of_writing() {
    let store = seeded_store();
    let mut app = crate::tui::test_support::app_with(store, Lang::En, Palette::None);
    app.ctx.role = Role::Inspector;
    app.update(Action::NewVisit);
    assert!(app.stack.is_empty());
    let message = app.message.clone().unwrap();
    assert!(
        !message.ok && message.text.contains("read-only"),
        "{message:?}"
    );
}

#[test]
fn a_dirty_form_asks_before_discarding() {
    let mut app = app(Lang::Vi, Palette::None);
    app.update(Action::NewVisit);
    type_text(&mut app, "Lê");
    app.update(Action::Back);
    assert_eq!(app.confirm, Some(Confirm::DiscardForm));
    app.update(Action::Back);
    assert!(app.confirm.is_none() && app.stack.len() == 1);
    app.update(Action::Back);
    app.update(Action::Open);
    assert!(app.stack.is_empty());
}

#[test]
fn revealing_a_denouncer_is_audited() {
    let mut app = app(Lang::Vi, Palette::None);
    app.open_petition("2026-000003");
    app.update(Action::RevealIdentity);
    // Nothing is shown before a reason is given; Enter on an empty reason asks again.
    app.update(Action::Open);
    let Some(Screen::Petition(p)) = app.top() else {
        panic!()
    };
    assert_eq!(p.filers, Filers::Protected);
    assert!(p.reveal.as_ref().is_some_and(|r| r.missing));
    for c in "xác minh".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Open);
    let Some(Screen::Petition(p)) = app.top() else {
        panic!()
    };
    assert!(matches!(&p.filers, Filers::Shown(list) if list[0].full_name == "Trần Văn Bình"));
    assert!(p.reveal.is_none());
    let audit = app.ctx.store.audit_tail(1).unwrap();
    assert_eq!(audit[0].action, "reveal_identity");
    assert!(audit[0].change.contains("xác minh"), "{:?}", audit[0]);
}

#[test]
fn esc_on_the_reveal_reason_reveals_nothing() {
    let mut app = app(Lang::Vi, Palette::None);
    app.open_petition("2026-000003");
    let before = app.ctx.store.audit_tail(1).unwrap();
    app.update(Action::RevealIdentity);
    app.update(Action::Type('x'));
    app.update(Action::Back);
    let Some(Screen::Petition(p)) = app.top() else {
        panic!()
    };
    assert_eq!(p.filers, Filers::Protected);
    assert!(p.reveal.is_none());
    assert_eq!(app.ctx.store.audit_tail(1).unwrap(), before);
}

#[test]
fn only_legal_steps_are_offered_and_a_step_is_taken_through_the_prompt() {
    let mut app = app(Lang::En, Palette::None);
    app.open_petition("2026-000004");
    let Some(Screen::Petition(p)) = app.top() else {
        panic!()
    };
    assert!(!p.allowed.contains(&tiepdan::domain::EventKind::Resolved));
    let transfer = p
        .allowed
        .iter()
        .position(|k| *k == tiepdan::domain::EventKind::Transferred)
        .unwrap();
    for _ in 0..transfer {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    app.update(Action::Save);
    let Some(Screen::Petition(p)) = app.top() else {
        panic!()
    };
    let error = &p.prompt.as_ref().expect("prompt stays open on error").error;
    assert!(
        matches!(
            error,
            Some((Some(crate::tui::step_prompt::PromptSlot::Agency), _))
        ),
        "{error:?}"
    );
    // The error moved the cursor to the agency field.
    type_text(&mut app, "UBND tỉnh Hà Tĩnh");
    app.update(Action::Save);
    let status = app.ctx.store.petition("2026-000004").unwrap().status();
    assert_eq!(status, tiepdan::domain::Status::Transferred);
}

#[test]
fn attaching_a_visit_logs_it_on_the_existing_petition_without_a_new_one() {
    let mut app = app(Lang::Vi, Palette::None);
    let before = app.ctx.store.petition_count().unwrap();
    let visits_before = app.desk.counts.visits_today;
    app.update(Action::NewVisit);
    type_text(&mut app, "Nguyễn Thị Minh Khai");
    app.update(Action::NextField);
    type_text(&mut app, "001185012345");
    let Some(Screen::Form(form)) = app.top() else {
        panic!("form expected")
    };
    let target = form.repeats.current().expect("a candidate").code.clone();
    let status = app.ctx.store.petition(&target).unwrap().status();
    app.update(Action::AttachVisit);
    // One key never files a visit: the question names the petition and its status first.
    assert_eq!(app.confirm, Some(crate::tui::app::Confirm::AttachVisit));
    let asked = screen_text(&app);
    assert!(
        asked.contains(&format!("Ghi lượt tiếp này vào đơn {target}"))
            && asked.contains(status.label(Lang::Vi)),
        "{asked}"
    );
    assert_eq!(app.ctx.store.petition_count().unwrap(), before);
    assert_eq!(app.desk.counts.visits_today, visits_before);
    // Esc goes back to the form with nothing filed; asking again and Enter files it.
    app.update(Action::Back);
    assert!(app.confirm.is_none() && matches!(app.top(), Some(Screen::Form(_))));
    app.update(Action::AttachVisit);
    app.update(Action::Open);
    assert!(app.stack.is_empty(), "{:?}", app.message);
    assert_eq!(app.ctx.store.petition_count().unwrap(), before);
    assert_eq!(app.desk.counts.visits_today, visits_before + 1);
    let petition = app.ctx.store.petition(&target).unwrap();
    let note = app
        .ctx
        .store
        .events(petition.id)
        .unwrap()
        .last()
        .unwrap()
        .detail
        .note
        .clone()
        .unwrap();
    assert!(
        note.contains("đến lại") && !note.contains("Minh Khai"),
        "{note}"
    );
}

/// The visitor recorded on an earlier petition joins its filer's person, the spelling typed
/// today kept as given — not a new person of its own.
#[test]
fn an_attached_visitor_joins_the_filers_person_with_the_spelling_as_typed() {
    let mut app = app(Lang::Vi, Palette::None);
    app.update(Action::NewVisit);
    type_text(&mut app, "nguyen thi minh khai");
    let Some(Screen::Form(form)) = app.top() else {
        panic!("form expected")
    };
    let target = form.repeats.current().expect("a candidate").code.clone();
    app.update(Action::AttachVisit);
    app.update(Action::Open);
    assert!(app.stack.is_empty(), "{:?}", app.message);
    let petition = app.ctx.store.petition(&target).unwrap();
    let person = app
        .ctx
        .store
        .person_of(petition.filers[0])
        .unwrap()
        .unwrap();
    let view = app.ctx.store.person(person).unwrap();
    assert!(
        view.names.iter().any(|n| n == "nguyen thi minh khai"),
        "{:?}",
        view.names
    );
    assert!(
        view.names.iter().any(|n| n == "Nguyễn Thị Minh Khai"),
        "{:?}",
        view.names
    );
}

#[test]
fn attaching_to_a_closed_petition_warns_before_anything_is_filed() {
    let mut app = app(Lang::Vi, Palette::None);
    app.update(Action::NewVisit);
    type_text(&mut app, "Nguyễn Thị Minh Khai");
    app.update(Action::NextField);
    type_text(&mut app, "001185012345");
    let Some(Screen::Form(form)) = app.top() else {
        panic!("form expected")
    };
    let target = form.repeats.current().expect("a candidate").code.clone();
    let today = app.ctx.today;
    if !app
        .ctx
        .store
        .petition(&target)
        .unwrap()
        .status()
        .is_closed()
    {
        let withdrawn = tiepdan::domain::Step {
            kind: tiepdan::domain::EventKind::Withdrawn,
            on: today,
            detail: Default::default(),
        };
        app.ctx.store.add_step(&target, withdrawn, today).unwrap();
    }
    app.update(Action::AttachVisit);
    let asked = screen_text(&app);
    assert!(asked.contains("⚠ Đơn này đã đóng"), "{asked}");
    let events = app
        .ctx
        .store
        .events(app.ctx.store.petition(&target).unwrap().id)
        .unwrap();
    app.update(Action::Back);
    let after = app
        .ctx
        .store
        .events(app.ctx.store.petition(&target).unwrap().id)
        .unwrap();
    assert_eq!(events.len(), after.len(), "nothing filed on Esc");
}

#[test]
fn an_empty_database_offers_demo_data() {
    let store =
        tiepdan::store::Store::open_in_memory(tiepdan::policy::Policy::legal_default()).unwrap();
    let mut app = crate::tui::test_support::app_with(store, Lang::En, Palette::None);
    assert!(app.desk.is_empty_database());
    app.demo_petitions = 40;
    assert!(app.busy_note(&Action::LoadDemo).is_some());
    app.update(Action::LoadDemo);
    assert_eq!(app.desk.counts.petitions, 40, "{:?}", app.message);
    assert!(!app.desk.is_empty_database());
}

/// The figure a report row carries, found by its label.
fn report_figure(app: &App, label: &str) -> String {
    let Some(Screen::Report(r)) = app.top() else {
        panic!("report screen expected")
    };
    let table = r.table.as_ref().expect("a report is shown");
    table
        .rows
        .iter()
        .find(|row| row[1] == label)
        .unwrap_or_else(|| panic!("no {label:?} row"))[2]
        .clone()
}

fn report_dates(app: &App) -> (String, String) {
    let Some(Screen::Report(r)) = app.top() else {
        panic!("report screen expected")
    };
    let p = r.period.as_ref().expect("a period is chosen");
    (p.from.to_string(), p.to.to_string())
}

#[test]
fn the_report_screen_opens_on_this_quarter_and_moves_between_periods() {
    // Today is 24/11/2026: under the 14th cut-off that is Q4, 15/09–14/12.
    let mut app = app(Lang::Vi, Palette::None);
    app.update(Action::Report);
    assert_eq!(
        report_dates(&app),
        ("2026-09-15".into(), "2026-12-14".into())
    );
    // Three of the seeded visits fall since 15/09 (10/11, and two today, one a group of six);
    // they brought the three petitions received in the period.
    assert_eq!(report_figure(&app, "Lượt tiếp"), "3");
    assert_eq!(report_figure(&app, "Lượt người"), "8");
    assert_eq!(report_figure(&app, "Tổng số đơn"), "3");
    assert_eq!(report_figure(&app, "Chưa xử lý (chưa có hướng xử lý)"), "3");

    // The quarter before holds the two visits of August and September and their petitions.
    app.update(Action::Left);
    assert_eq!(
        report_dates(&app),
        ("2026-06-15".into(), "2026-09-14".into())
    );
    assert_eq!(report_figure(&app, "Lượt tiếp"), "2");
    assert_eq!(report_figure(&app, "Tổng số đơn"), "2");
    assert_eq!(report_figure(&app, "Đủ điều kiện xử lý"), "2");

    // Tab: the half year this quarter is in, then nine months, then the year.
    app.update(Action::NextField);
    assert_eq!(
        report_dates(&app),
        ("2026-06-15".into(), "2026-12-14".into())
    );
    app.update(Action::NextField);
    assert_eq!(
        report_dates(&app),
        ("2025-12-15".into(), "2026-09-14".into())
    );
    app.update(Action::NextField);
    app.update(Action::Right);
    assert_eq!(
        report_dates(&app),
        ("2026-12-15".into(), "2027-12-14".into())
    );
}

#[test]
fn a_from_to_report_takes_typed_dates_and_says_what_is_wrong() {
    let mut app = app(Lang::En, Palette::None);
    app.update(Action::Report);
    for _ in 0..4 {
        app.update(Action::NextField);
    }
    // The dates start as the period shown before; Enter edits them.
    app.update(Action::Open);
    assert!(app.typing(), "the from date has the keys");
    for _ in 0..12 {
        app.update(Action::Backspace);
    }
    type_text(&mut app, "01/11/2026");
    app.update(Action::NextField);
    for _ in 0..12 {
        app.update(Action::Backspace);
    }
    type_text(&mut app, "30/11/2026");
    app.update(Action::Open);
    assert!(!app.typing());
    assert_eq!(
        report_dates(&app),
        ("2026-11-01".into(), "2026-11-30".into())
    );
    assert_eq!(report_figure(&app, "Total"), "3");

    app.update(Action::Open);
    for _ in 0..12 {
        app.update(Action::Backspace);
    }
    type_text(&mut app, "31/02/2026");
    app.update(Action::Open);
    let Some(Screen::Report(r)) = app.top() else {
        panic!("report screen expected")
    };
    assert!(r.table.is_none());
    assert!(r.error.as_deref().unwrap().contains("dd/mm/yyyy"), "{r:?}");
}

#[test]
fn the_report_is_saved_as_csv_xlsx_or_markdown_even_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded_store();
    let mut app = crate::tui::test_support::app_with(store, Lang::Vi, Palette::None);
    app.ctx.role = Role::Inspector;
    app.export_dir = dir.path().to_path_buf();
    app.update(Action::Report);
    for (downs, file) in [
        (0, "bao-cao-2026-Q4.csv"),
        (1, "bao-cao-2026-Q4.xlsx"),
        (2, "bao-cao-2026-Q4.md"),
    ] {
        app.update(Action::Export);
        for _ in 0..downs {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        let path = dir.path().join(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(!bytes.is_empty(), "{file}");
        assert!(
            app.message.as_ref().is_some_and(|m| m.ok),
            "{:?}",
            app.message
        );
    }
    let md = std::fs::read_to_string(dir.path().join("bao-cao-2026-Q4.md")).unwrap();
    assert!(md.contains("| Tiếp công dân | Lượt tiếp | 3 |"), "{md}");
    // Esc closes the chooser without writing anything.
    app.update(Action::Export);
    app.update(Action::Back);
    assert!(matches!(app.top(), Some(Screen::Report(r)) if r.export.is_none()));
}

/// On a database file the search screen asks the session's worker (a second connection, off the
/// UI thread); the answer arrives through the loop's polls, and a newer key wins.
#[test]
fn search_on_a_file_goes_through_the_live_worker() {
    let dir = tempfile::tempdir().unwrap();
    let store = on_file(seeded_store(), dir.path());
    let mut app = crate::tui::test_support::app_with(store, Lang::Vi, Palette::None);
    app.update(Action::Search);
    assert!(app.search_worker.is_some(), "a file gets a worker");
    // A burst: each key settles, so each sends a query that the next one supersedes.
    for c in "tranh chap".chars() {
        app.update(Action::Type(c));
        app.settle();
    }
    let codes = |app: &App| -> Vec<String> {
        let Some(Screen::Search(s)) = app.top() else {
            panic!("search screen expected")
        };
        s.rows().map(|r| r.hit.code.clone()).collect()
    };
    settle_background(&mut app);
    assert_eq!(codes(&app).first().map(String::as_str), Some("2026-000001"));
    let Some(Screen::Search(s)) = app.top() else {
        panic!("search screen expected")
    };
    assert_eq!(s.input.value(), "tranh chap");
}

/// On a database file the report is counted on another thread: the screen says it is counting,
/// stays usable, and shows the figures when they come; a new period drops the old count.
#[test]
fn the_report_on_a_file_is_counted_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let store = on_file(seeded_store(), dir.path());
    let mut app = crate::tui::test_support::app_with(store, Lang::Vi, Palette::None);
    app.update(Action::Report);
    assert!(app.report_job.is_some(), "counted in the background");
    // The previous quarter is asked for before the first count is taken: only it arrives.
    app.update(Action::Left);
    settle_background(&mut app);
    assert_eq!(
        report_dates(&app),
        ("2026-06-15".into(), "2026-09-14".into())
    );
    assert_eq!(report_figure(&app, "Lượt tiếp"), "2");
    let Some(Screen::Report(r)) = app.top() else {
        panic!("report screen expected")
    };
    assert!(!r.counting);
}

/// 60 days before the holiday table's last year ends, the status bar says so (it does not before).
#[test]
fn the_status_bar_warns_when_the_holiday_table_runs_out() {
    let mut app = app(Lang::Vi, Palette::Named);
    assert!(!screen_text(&app).contains("lịch nghỉ"));
    app.ctx.today = chrono::NaiveDate::from_ymd_opt(2027, 11, 15).unwrap();
    assert!(
        screen_text(&app).contains("⚠ lịch nghỉ chỉ đến 31/12/2027"),
        "{}",
        screen_text(&app)
    );
}

fn screen_text(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| crate::tui::view::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..40)
        .map(|y| {
            (0..120)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One list per screen (`App::commands`): for an inspector on the desk, on the board and on a
/// petition, every command the list marks unavailable is missing from the hint bar, marked with
/// its reason in the help, and refused with that reason when pressed — and every available one
/// is hinted or described.
#[test]
fn the_hint_bar_the_help_and_the_refusals_read_one_list() {
    let store = crate::tui::board_tests::board_store();
    let mut app = crate::tui::test_support::app_with(store, Lang::En, Palette::None);
    app.ctx.role = Role::Inspector;
    let reason = Error::ReadOnly.message(Lang::En);
    let mut refused_somewhere = 0;
    for open in [None, Some(Action::DeadlineBoard), Some(Action::Open)] {
        if let Some(action) = open {
            app.update(action);
        }
        let commands = app.commands();
        assert!(!commands.is_empty());
        let hint_bar = screen_text(&app).lines().last().unwrap().to_string();
        for command in &commands {
            let hinted = command.hinted && command.available();
            if !hinted {
                assert!(
                    !hint_bar.contains(&format!(" {}", command.label)) || command.available(),
                    "{:?} hinted while unavailable: {hint_bar}",
                    command.action
                );
            }
        }
        app.help = true;
        let help = screen_text(&app);
        app.help = false;
        for command in commands.iter().filter(|c| !c.available()) {
            let line = help
                .lines()
                .find(|l| l.contains(command.action.describe(Lang::En)))
                .unwrap_or_else(|| panic!("{:?} not in help: {help}", command.action));
            // The reason may wrap in a narrow help; its start is on the action's line.
            let start: String = reason.chars().take(16).collect();
            assert!(line.contains(&start), "{line}");
            if command.action.writes() {
                let stack = app.stack.len();
                app.update(command.action.clone());
                let message = app.message.take().expect("a refusal");
                assert!(!message.ok && message.text.contains(&reason), "{message:?}");
                assert_eq!(app.stack.len(), stack, "nothing opened");
                refused_somewhere += 1;
            }
        }
    }
    assert!(
        refused_somewhere >= 3,
        "new visit on each screen, next step on the board"
    );
}
