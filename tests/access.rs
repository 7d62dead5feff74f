//! Roles are enforced by the store, not only by the screens: an inspector writes nothing, and a
//! denouncer's identity is revealed only to the roles allowed to see it, audited every time.

mod common;

use std::process::Output;
use tiepdan::domain::{EventKind, PetitionKind, Role, Step, StepDetail};
use tiepdan::error::{Deed, Error};
use tiepdan::i18n::Lang;
use tiepdan::intake::{CitizenForm, IntakeForm};
use tiepdan::policy::Policy;
use tiepdan::store::{Access, Store};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn log(store: &mut Store, kind: PetitionKind, name: &str) -> tiepdan::Result<String> {
    let form = IntakeForm {
        citizens: vec![CitizenForm {
            name: name.into(),
            phone: "0912 345 678".into(),
            ..Default::default()
        }],
        kind: kind.code().into(),
        subject: "Cán bộ xã thu tiền sai quy định".into(),
        received_on: "2026-11-02".into(),
        ..Default::default()
    };
    let intake = form.validate(today(), today().and_hms_opt(9, 0, 0).unwrap())?;
    Ok(store.log_intake(intake, today())?.petition_code)
}

fn forbidden(result: tiepdan::Result<impl std::fmt::Debug>, deed: Deed) -> Error {
    let err = result.expect_err("refused");
    assert!(
        matches!(err, Error::Forbidden { role: Role::Inspector, deed: d } if d == deed),
        "{err:?}"
    );
    err
}

#[test]
fn an_inspector_writes_nothing_even_on_a_writable_connection() {
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let code = log(&mut store, PetitionKind::Complaint, "Nguyễn Văn An").unwrap();
    let audit_rows = store.audit_tail(1000).unwrap().len();
    store.set_role(Role::Inspector);
    let err = forbidden(
        log(&mut store, PetitionKind::Complaint, "Lê Thị Bình"),
        Deed::Write,
    );
    assert!(
        err.message(Lang::Vi).contains("thanh tra chỉ đọc"),
        "{}",
        err.message(Lang::Vi)
    );
    assert!(
        err.message(Lang::En)
            .contains("inspector role is read-only")
    );
    let step = Step {
        kind: EventKind::Accepted,
        on: today(),
        detail: StepDetail::default(),
    };
    forbidden(store.add_step(&code, step, today()), Deed::Write);
    forbidden(store.search_rebuild(), Deed::Write);
    assert_eq!(store.petition_count().unwrap(), 1);
    assert_eq!(
        store.audit_tail(1000).unwrap().len(),
        audit_rows,
        "no audit row either"
    );
}

#[test]
fn an_inspector_is_opened_read_only_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut desk = Store::open_as(&path, Role::Operator, Policy::legal_default()).unwrap();
    assert_eq!(desk.access(), Access::ReadWrite);
    let code = log(&mut desk, PetitionKind::Denunciation, "Trần Mật").unwrap();
    drop(desk);
    let before = std::fs::read(&path).unwrap();
    let mut inspector = Store::open_as(&path, Role::Inspector, Policy::legal_default()).unwrap();
    assert_eq!(
        (inspector.access(), inspector.role()),
        (Access::ReadOnly, Role::Inspector)
    );
    assert_eq!(inspector.petition(&code).unwrap().code, code, "reads work");
    assert!(log(&mut inspector, PetitionKind::Complaint, "Lê Thị Bình").is_err());
    forbidden(inspector.reveal_identity(&code), Deed::RevealIdentity);
    drop(inspector);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn only_allowed_roles_reveal_a_denouncer_and_every_reveal_is_audited() {
    assert!(Role::Operator.may_reveal_identity() && Role::Admin.may_reveal_identity());
    assert!(!Role::Inspector.may_reveal_identity());
    let mut store = Store::open_in_memory(Policy::legal_default()).unwrap();
    let code = log(&mut store, PetitionKind::Denunciation, "Trần Mật").unwrap();
    let reveals = |store: &Store| {
        store
            .audit_tail(1000)
            .unwrap()
            .into_iter()
            .filter(|r| r.action == "reveal_identity" && r.entity_id == code)
            .map(|r| r.actor)
            .collect::<Vec<_>>()
    };
    for (role, actor) in [
        (Role::Operator, "canbo.lan"),
        (Role::Admin, "truongban.hung"),
    ] {
        store.set_role(role);
        store.set_actor(actor);
        let shown = store.reveal_identity(&code).unwrap();
        assert_eq!(shown[0].full_name, "Trần Mật");
        store.reveal_identity(&code).unwrap();
    }
    assert_eq!(
        reveals(&store),
        ["truongban.hung", "truongban.hung", "canbo.lan", "canbo.lan"],
        "each look is one audit row naming who looked"
    );
    store.set_role(Role::Inspector);
    store.set_actor("thanhtra.minh");
    let err = forbidden(store.reveal_identity(&code), Deed::RevealIdentity);
    assert!(err.message(Lang::Vi).contains("danh tính người tố cáo"));
    assert_eq!(reveals(&store).len(), 4);
    assert!(store.check().unwrap().is_ok(), "the audit chain holds");
}

/// The account this test runs as, as the operating system names it.
fn account() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// The CLI with a config giving this account `role`, while `USER` and `LOGNAME` claim to be
/// `claimed`: the role follows the account, not the environment.
fn as_role(dir: &std::path::Path, role: &str, claimed: &str, args: &[&str]) -> Output {
    let config = dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!(
            "[roles]\n\"{}\" = \"{role}\"\n{claimed} = \"operator\"\n",
            account()
        ),
    )
    .unwrap();
    common::tiepdan(&dir.join("desk.sqlite3"), &config)
        .args(args)
        .env("USER", claimed)
        .env("LOGNAME", claimed)
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn the_config_maps_os_accounts_to_roles_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let add = [
        "visit",
        "add",
        "--name",
        "Phạm Thu",
        "--kind",
        "phản ánh",
        "--subject",
        "Đèn đường hỏng",
    ];
    for role in ["operator", "admin"] {
        let out = as_role(dir.path(), role, "canbo", &add);
        assert!(
            out.status.success(),
            "{role}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // An inspector who sets USER to an operator's name is still an inspector.
    let out = as_role(dir.path(), "inspector", "canbo", &add);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("chỉ đọc"), "{err}");
    let out = as_role(dir.path(), "inspector", "canbo", &["due", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        listed.as_array().unwrap().len(),
        2,
        "the inspector reads everything written"
    );
}

/// One privacy rule for every list (`privacy::row_view`): a denunciation's subject and its repeat
/// links reach the desk that handles it, never an inspector's screen or an exported file.
#[test]
fn an_inspector_sees_no_denunciation_subject_or_link_in_any_list() {
    let desk = common::Desk::new();
    let add = |name: &str, kind: &str, subject: &str| {
        desk.ok(&[
            "visit",
            "add",
            "--name",
            name,
            "--kind",
            kind,
            "--subject",
            subject,
            "--received",
            "2026-11-20",
        ])
        .trim()
        .to_string()
    };
    let complaint = add("Phạm Văn Tâm", "khieu nai", "Khiếu nại thu hồi đất thửa 12");
    let secret = add(
        "Phạm Văn Tâm",
        "to cao",
        "Tố cáo trưởng thôn Phạm Văn Tâm thu tiền",
    );
    desk.ok(&["petition", "link", &secret, "--repeat-of", &complaint]);
    let subject = "Tố cáo trưởng thôn";

    let operator_due = desk.ok(&["due", "--json"]);
    assert!(
        operator_due.contains(subject),
        "the desk handling it: {operator_due}"
    );
    let operator_show = desk.ok(&["petition", "show", &complaint, "--json"]);
    assert!(operator_show.contains(&secret), "{operator_show}");
    let operator_search = desk.ok(&["search", "thu tien"]);
    assert!(operator_search.contains(subject), "{operator_search}");

    for args in [
        vec!["due", "--json"],
        vec!["due"],
        vec!["search", "thu tien", "--json"],
        vec!["search", "thu tien"],
    ] {
        let mut inspector = vec!["--read-only"];
        inspector.extend(args.iter().copied());
        let out = desk.ok(&inspector);
        assert!(!out.contains(subject), "{args:?}: {out}");
    }
    let shown = desk.ok(&["--read-only", "petition", "show", &complaint, "--json"]);
    assert!(
        !shown.contains(&secret),
        "the link ties it to a name: {shown}"
    );
    let shown = desk.ok(&["--read-only", "petition", "show", &secret, "--json"]);
    assert!(!shown.contains(&complaint), "{shown}");
}

#[cfg(unix)]
#[test]
fn an_inspector_never_matches_a_denouncer() {
    let dir = tempfile::tempdir().unwrap();
    let add = [
        "visit",
        "add",
        "--name",
        "Phan Văn Kín",
        "--cccd",
        "001085012345",
        "--phone",
        "0987654321",
        "--kind",
        "to cao",
        "--subject",
        "Tố cáo cán bộ địa chính",
    ];
    let out = as_role(dir.path(), "operator", "canbo", &add);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = String::from_utf8(out.stdout).unwrap().trim().to_string();
    for query in [
        "phan van kin",
        "0987654321",
        "001085012345",
        "phan van kinh",
    ] {
        let desk = as_role(
            dir.path(),
            "operator",
            "canbo",
            &["search", query, "--json"],
        );
        assert!(
            String::from_utf8_lossy(&desk.stdout).contains(&code),
            "{query}"
        );
        // The same query as an inspector (same machine, same config dir): nothing, not even
        // a hint that a denunciation matched.
        let out = as_role(
            dir.path(),
            "inspector",
            "canbo",
            &["search", query, "--json"],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(found, serde_json::json!([]), "{query}");
    }
}
