//! Desks and the province server together (issue 16), against a real PostgreSQL that the test
//! starts in a temporary folder (see `server/tests/support`). Without PostgreSQL the tests print a
//! notice and pass, unless `TIEPDAN_REQUIRE_PG=1` (CI sets it). The server binary is the one a
//! plain `cargo test` builds for the server's own tests (`cargo build -p tiepdan-server` before a
//! focused `cargo test --test province`).

mod common;
#[path = "../server/tests/support/mod.rs"]
mod support;

use common::Desk;
use std::io::Read;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};
use support::*;

fn sync(desk: &Desk, server: &Server, token: &str) -> Output {
    desk.run(&[
        "--lang",
        "en",
        "sync",
        "--server",
        &server.url(),
        "--token",
        token,
    ])
}

/// Syncs and returns (pushed, pulled) as the desk reported them.
fn synced(desk: &Desk, server: &Server, token: &str) -> (u64, u64) {
    let out = sync(desk, server, token);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "sync failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let count = |label: &str| -> u64 {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} in {stdout}"));
        line.split_whitespace().last().unwrap().parse().unwrap()
    };
    (count("Sent"), count("Received"))
}

fn sync_fails(desk: &Desk, server_url: &str, token: &str) -> String {
    let out = desk.run(&[
        "--lang", "en", "sync", "--server", server_url, "--token", token,
    ]);
    assert_eq!(out.status.code(), Some(1), "sync should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_plain(&err);
    err
}

fn file(desk: &Desk, name: &str, cccd: &str, kind: &str, subject: &str) -> String {
    desk.ok(&[
        "visit",
        "add",
        "--name",
        name,
        "--cccd",
        cccd,
        "--kind",
        kind,
        "--field",
        "đất đai",
        "--received",
        "02/11/2026",
        "--subject",
        subject,
    ])
    .trim()
    .to_string()
}

fn search_json(desk: &Desk, query: &str) -> Vec<serde_json::Value> {
    let out = desk.ok(&["--lang", "en", "search", query, "--json"]);
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

const DENOUNCER: &str = "Trần Văn Tố Giác";
const DENOUNCER_ID: &str = "042190000777";

#[test]
fn two_desks_push_and_pull_and_a_repeat_at_one_is_found_at_the_other() {
    let Some(pg) = Pg::start() else { return };
    server_ok(&pg, &["migrate"]);
    let token_a = add_desk(&pg, "UBND xã Cẩm Bình", false);
    let token_b = add_desk(&pg, "UBND phường Hà Huy Tập", false);
    let server = Server::start(&pg);

    let a = Desk::new();
    let code_a = file(
        &a,
        "Nguyễn Thị Minh Khai",
        "042190000123",
        "khiếu nại",
        "Thu hồi đất thửa 125",
    );
    file(
        &a,
        DENOUNCER,
        DENOUNCER_ID,
        "tố cáo",
        "Cán bộ địa chính nhận tiền",
    );
    let b = Desk::new();
    file(
        &b,
        "Lê Văn Bình",
        "042190000456",
        "kiến nghị",
        "Đường thôn 3 ngập nước",
    );

    assert_eq!(synced(&a, &server, &token_a), (2, 0));
    assert_eq!(synced(&b, &server, &token_b), (1, 2));
    assert_eq!(synced(&a, &server, &token_a), (0, 1));
    let s = stats(&pg);
    assert_eq!(
        (s["petitions"].as_i64(), s["records"].as_i64()),
        (Some(3), Some(3)),
        "{s}"
    );

    // Syncing again adds nothing, on either side.
    assert_eq!(synced(&a, &server, &token_a), (0, 0));
    assert_eq!(synced(&b, &server, &token_b), (0, 0));
    assert_eq!(stats(&pg)["records"], 3);
    // Pulled petitions are not the desk's own: B still holds one petition of its own.
    assert_eq!(b.petitions(), 1);

    // The citizen comes to desk B with the same matter: B's search finds A's petition, with A.
    let found = search_json(&b, "nguyen thi minh khai");
    let at_a: Vec<_> = found
        .iter()
        .filter(|h| h["desk"] == "UBND xã Cẩm Bình")
        .collect();
    assert_eq!(at_a.len(), 1, "{found:?}");
    assert_eq!(at_a[0]["code"], code_a.as_str());
    let own = search_json(&a, "minh khai");
    assert!(
        own.iter().all(|h| h["desk"].is_null()),
        "A's own petitions carry no desk: {own:?}"
    );
    let table = b.ok(&["--lang", "en", "search", "Minh Khai"]);
    assert!(
        table.contains("Filed at") && table.contains("UBND xã Cẩm Bình"),
        "{table}"
    );
    // The denouncer did not travel: B cannot find them by name or ID.
    assert!(
        search_json(&b, DENOUNCER)
            .iter()
            .all(|h| h["desk"].is_null())
    );
    assert!(search_json(&b, DENOUNCER_ID).is_empty());

    // A step at A travels as a new record of the same petition; B's copy follows.
    a.ok(&[
        "petition",
        "advance",
        &code_a,
        "--to",
        "thu ly",
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(synced(&a, &server, &token_a), (1, 0));
    let s = stats(&pg);
    assert_eq!(
        (s["petitions"].as_i64(), s["records"].as_i64()),
        (Some(3), Some(4)),
        "{s}"
    );
    assert_eq!(synced(&b, &server, &token_b), (0, 1));
    let found = search_json(&b, "minh khai");
    assert!(
        found
            .iter()
            .any(|h| h["desk"] == "UBND xã Cẩm Bình" && h["status"] == "accepted"),
        "{found:?}"
    );

    // No denouncer plaintext anywhere in the province database.
    let dump = pg.dump();
    assert!(
        dump.contains("Nguyễn Thị Minh Khai"),
        "the dump holds the records"
    );
    for secret in [DENOUNCER, DENOUNCER_ID, "tran van to giac", "giac"] {
        assert!(
            !dump.contains(secret),
            "denouncer plaintext “{secret}” in pg_dump"
        );
    }
}

#[test]
fn wrong_revoked_and_read_only_tokens_and_a_missing_server_are_refused_plainly() {
    let Some(pg) = Pg::start() else { return };
    server_ok(&pg, &["migrate"]);
    let token = add_desk(&pg, "Desk", false);
    let inspector = add_desk(&pg, "Inspector", true);
    let gone = add_desk(&pg, "Gone", false);
    server_ok(&pg, &["desk", "revoke", "Gone"]);
    let server = Server::start(&pg);
    let desk = Desk::new();
    file(
        &desk,
        "Nguyễn Văn An",
        "042190000123",
        "khiếu nại",
        "Thu hồi đất",
    );

    let forged = format!("{}0", &token[..token.len() - 1]);
    for bad in [&forged[..], &gone, "nonsense"] {
        let err = sync_fails(&desk, &server.url(), bad);
        assert!(err.contains("refused the access token"), "{err}");
    }
    let err = sync_fails(&desk, &server.url(), &inspector);
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(stats(&pg)["records"], 0, "nothing was stored");

    // The server itself refuses a read-only push and a desk of another protocol version.
    let body = "{\"records\":[]}";
    let response = server.raw(&format!(
        "POST /v1/records HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {inspector}\r\n\
         x-tiepdan-protocol: 1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    ));
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");
    let response = server.raw(&format!(
        "GET /v1/hello HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
         x-tiepdan-protocol: 99\r\nConnection: close\r\n\r\n"
    ));
    assert!(response.starts_with("HTTP/1.1 409"), "{response}");
    assert!(
        response.contains("\"version\"") && response.contains("protocol 1"),
        "{response}"
    );

    // Nobody listening: a plain sentence, and the desk's records untouched.
    let err = sync_fails(&desk, "http://127.0.0.1:9", &token);
    assert!(err.contains("cannot reach the province server"), "{err}");
    assert_eq!(desk.petitions(), 1);
    // And the desk still syncs once the token is right.
    assert_eq!(synced(&desk, &server, &token), (1, 0));
}

#[test]
fn killing_the_server_in_the_middle_of_a_push_loses_and_duplicates_nothing() {
    let Some(pg) = Pg::start() else { return };
    server_ok(&pg, &["migrate"]);
    let token = add_desk(&pg, "Desk", false);
    let desk = Desk::new();
    desk.ok(&["demo", "--petitions", "4000"]);
    let filed = desk.petitions();
    let mut server = Server::start(&pg);
    let mut push = desk
        .command(&[
            "--lang",
            "en",
            "sync",
            "--server",
            &server.url(),
            "--token",
            &token,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Kill the server once the first batches are in, while the desk is still pushing.
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut stored: i64 = 0;
    while Instant::now() < deadline {
        stored = pg.sql("SELECT count(*) FROM record").parse().unwrap();
        if stored > 0 || push.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    server.kill();
    let status = push.wait().unwrap();
    let mut err = String::new();
    push.stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let stored_at_kill: i64 = pg.sql("SELECT count(*) FROM record").parse().unwrap();
    eprintln!("records stored when the server died: {stored} (then {stored_at_kill}) of {filed}");
    if !status.success() {
        let log = std::fs::read_to_string(pg.dir.path().join("server.log")).unwrap_or_default();
        assert!(
            err.contains("cannot reach the province server"),
            "{err}\nserver log:\n{log}"
        );
        assert_plain(&err);
    }
    // Restarted, the sync resumes where the server stopped.
    let server = Server::start(&pg);
    let (pushed, _) = synced(&desk, &server, &token);
    assert_eq!(
        pushed as i64 + stored_at_kill,
        filed,
        "every petition arrives once"
    );
    let s = stats(&pg);
    assert_eq!(s["petitions"].as_i64(), Some(filed), "{s}");
    assert_eq!(
        s["records"].as_i64(),
        Some(filed),
        "no record stored twice: {s}"
    );
    assert_eq!(synced(&desk, &server, &token), (0, 0));
}

#[test]
fn an_inspector_replica_holds_every_desk_backlog_read_only() {
    let Some(pg) = Pg::start() else { return };
    server_ok(&pg, &["migrate"]);
    let token_a = add_desk(&pg, "Desk A", false);
    let token_b = add_desk(&pg, "Desk B", false);
    let inspector = add_desk(&pg, "Thanh tra", true);
    let server = Server::start(&pg);
    let a = Desk::new();
    file(
        &a,
        "Nguyễn Văn An",
        "042190000123",
        "khiếu nại",
        "Thu hồi đất",
    );
    file(&a, DENOUNCER, DENOUNCER_ID, "tố cáo", "Cán bộ nhận tiền");
    let b = Desk::new();
    file(&b, "Lê Thị Bình", "042190000456", "kiến nghị", "Đường ngập");
    synced(&a, &server, &token_a);
    synced(&b, &server, &token_b);

    let replica = Desk::new();
    let copy = |desk: &Desk, token: &str| {
        desk.run(&[
            "--lang",
            "en",
            "sync",
            "--replica",
            "--server",
            &server.url(),
            "--token",
            token,
        ])
    };
    let out = copy(&replica, &inspector);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("petitions copied 3"));
    assert_eq!(replica.petitions(), 3);
    // The inspector reads the whole backlog (deadline list), denouncer masked, and writes nothing.
    let due = replica.ok(&["--read-only", "--lang", "en", "due", "--json"]);
    let due: serde_json::Value = serde_json::from_str(&due).unwrap();
    assert_eq!(due.as_array().unwrap().len(), 3, "{due}");
    assert!(!due.to_string().contains(DENOUNCER));
    let err = replica.fails(&[
        "--read-only",
        "--lang",
        "en",
        "visit",
        "add",
        "--name",
        "X Y",
        "--kind",
        "kiến nghị",
        "--field",
        "khác",
        "--subject",
        "s",
    ]);
    assert!(err.contains("read-only"), "{err}");
    // A replica follows the province: one more petition at A arrives on the next copy.
    file(&a, "Phạm Văn Cường", "042190000789", "phản ánh", "Ô nhiễm");
    synced(&a, &server, &token_a);
    let out = copy(&replica, &inspector);
    assert!(String::from_utf8_lossy(&out.stdout).contains("petitions copied 1"));
    assert_eq!(replica.petitions(), 4);

    // What is refused, in plain words.
    let err = sync_fails(&replica, &server.url(), &token_a);
    assert!(err.contains("inspector's replica"), "{err}");
    let out = copy(&Desk::new(), &token_a);
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a read-only access token"));
    let out = copy(&a, &inspector);
    assert!(String::from_utf8_lossy(&out.stderr).contains("a database file of its own"));
}
