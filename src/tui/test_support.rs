//! A small, fixed desk for tests: an in-memory database with a complaint and its repeat, a
//! denunciation, an overdue case, a group visit, all "today" = 24/11/2026.

use super::app::{App, StatusLine};
use super::keymap::{DEFAULT, Keymap};
use super::theme::{Palette, Theme};
use chrono::{NaiveDate, NaiveDateTime};
use tiepdan::domain::*;
use tiepdan::i18n::Lang;
use tiepdan::intake::{CitizenForm, IntakeForm};
use tiepdan::policy::Policy;
use tiepdan::session::Session;
use tiepdan::store::Store;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

pub fn fixed_now() -> NaiveDateTime {
    today().and_hms_opt(10, 30, 0).unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

pub struct Intake<'a> {
    pub name: &'a str,
    pub id_number: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
    pub kind: PetitionKind,
    pub field: Field,
    pub subject: &'a str,
    pub received: NaiveDate,
    pub at: (u32, u32),
    pub handling: Handling,
    pub repeat_of: &'a str,
    pub headcount: u32,
    pub leader: bool,
    pub unit: &'a str,
    pub officer: &'a str,
}

impl Default for Intake<'_> {
    fn default() -> Self {
        Intake {
            name: "",
            id_number: "",
            phone: "",
            address: "",
            kind: PetitionKind::Complaint,
            field: Field::Land,
            subject: "",
            received: today(),
            at: (9, 0),
            handling: Handling::Pending,
            repeat_of: "",
            headcount: 1,
            leader: false,
            unit: "",
            officer: "lan",
        }
    }
}

pub fn log(store: &mut Store, i: Intake) -> String {
    let form = IntakeForm {
        citizens: vec![CitizenForm {
            name: i.name.into(),
            id_number: i.id_number.into(),
            phone: i.phone.into(),
            address: i.address.into(),
            ..Default::default()
        }],
        kind: i.kind.code().into(),
        field: i.field.code().into(),
        subject: i.subject.into(),
        received_on: i.received.format("%Y-%m-%d").to_string(),
        handling: i.handling.code().into(),
        repeat_of: i.repeat_of.into(),
        headcount: i.headcount.to_string(),
        leader_present: i.leader,
        officer: i.officer.into(),
        unit: i.unit.into(),
        ..IntakeForm::default()
    };
    let now = today().and_hms_opt(i.at.0, i.at.1, 0).unwrap();
    let intake = form.validate(today(), now).unwrap();
    store.log_intake(intake, today()).unwrap().petition_code
}

fn step(store: &mut Store, code: &str, kind: EventKind, on: NaiveDate, detail: StepDetail) {
    store
        .add_step(code, Step { kind, on, detail }, today())
        .unwrap();
}

/// The seeded store; codes are 2026-000001… in the order below.
pub fn seeded_store() -> Store {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    store.set_actor("lan");
    let first = log(
        &mut store,
        Intake {
            name: "Nguyễn Thị Minh Khai",
            id_number: "001185012345",
            phone: "0912 345 678",
            address: "Thôn 3, xã Cẩm Xuyên, tỉnh Hà Tĩnh",
            subject: "Tranh chấp ranh giới đất với hộ liền kề",
            received: day(9, 2),
            handling: Handling::Accept,
            ..Default::default()
        },
    );
    step(
        &mut store,
        &first,
        EventKind::Resolved,
        day(10, 1),
        StepDetail {
            decision_no: Some("125/QĐ-UBND".into()),
            ..Default::default()
        },
    );
    let overdue = log(
        &mut store,
        Intake {
            name: "Phạm Văn Đức",
            address: "phường Thành Sen, tỉnh Hà Tĩnh",
            subject: "Khiếu nại quyết định thu hồi đất làm đường",
            field: Field::Clearance,
            received: day(8, 3),
            handling: Handling::Accept,
            ..Default::default()
        },
    );
    step(
        &mut store,
        &overdue,
        EventKind::Verifying,
        day(8, 20),
        StepDetail::default(),
    );
    log(
        &mut store,
        Intake {
            name: "Trần Văn Bình",
            phone: "0987654321",
            kind: PetitionKind::Denunciation,
            field: Field::Corruption,
            subject: "Tố cáo cán bộ địa chính nhận tiền",
            received: day(11, 10),
            ..Default::default()
        },
    );
    log(
        &mut store,
        Intake {
            name: "Nguyễn Thị Minh Khai",
            id_number: "001185012345",
            address: "Thôn 3, xã Cẩm Xuyên, tỉnh Hà Tĩnh",
            subject: "Đề nghị xem xét lại ranh giới đất",
            repeat_of: &first,
            at: (8, 45),
            ..Default::default()
        },
    );
    log(
        &mut store,
        Intake {
            name: "Hoàng Văn Sơn",
            kind: PetitionKind::Recommendation,
            field: Field::Environment,
            subject: "Kiến nghị xử lý ô nhiễm từ xưởng gỗ",
            headcount: 6,
            leader: true,
            at: (10, 5),
            ..Default::default()
        },
    );
    store
}

pub fn ctx(store: Store, lang: Lang, role: Role) -> Session {
    Session::over(store, lang, today(), role)
}

pub fn app_with(store: Store, lang: Lang, palette: Palette) -> App {
    let keymap = Keymap::parse(DEFAULT, "keymaps/default.toml").unwrap();
    let session = StatusLine {
        db_label: "/srv/tiepdan/ubnd-xa.sqlite3".into(),
        user: "lan".into(),
    };
    let mut app = App::new(
        ctx(store, lang, Role::Operator),
        keymap,
        Theme::new(palette),
        session,
    )
    .unwrap();
    app.clock = fixed_now;
    app
}

pub fn app(lang: Lang, palette: Palette) -> App {
    app_with(seeded_store(), lang, palette)
}

/// Types text as key presses would.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(super::action::Action::Type(c));
    }
    app.settle();
}

/// `store` copied into a database file in `dir` and opened from there: what a real desk has, so
/// the background workers (search, hotspots, report) get their own connections.
pub fn on_file(store: Store, dir: &std::path::Path) -> Store {
    let path = dir.join("desk.sqlite3");
    store.backup(&path, false).unwrap();
    Store::open(
        &path,
        tiepdan::store::Access::ReadWrite,
        Policy::legal_default(),
    )
    .unwrap()
}

/// Ticks the app as its loop would until no background work is out.
pub fn settle_background(app: &mut App) {
    let start = std::time::Instant::now();
    while app.work_pending() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "background work never answered"
        );
        app.tick();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
