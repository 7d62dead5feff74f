//! The province tier against a real PostgreSQL (issue 16): a throwaway cluster in a temporary
//! folder, on a Unix socket, started for each test and stopped at its end. When PostgreSQL is not
//! installed the tests say so and pass, unless `TIEPDAN_REQUIRE_PG=1` (CI sets it): then they fail.

mod common;

use common::Desk;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The newest PostgreSQL's programs (`/usr/lib/postgresql/<major>/bin`), if installed.
fn pg_bin() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            let major = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((major, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    unsafe { libc::geteuid() == 0 }
}

/// A PostgreSQL cluster of one test. PostgreSQL refuses to run as root, so as root its programs
/// run as the `postgres` account.
struct Pg {
    dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Pg {
    fn start() -> Option<Pg> {
        let Some(bin) = pg_bin() else {
            if std::env::var("TIEPDAN_REQUIRE_PG").as_deref() == Ok("1") {
                panic!("PostgreSQL is required (TIEPDAN_REQUIRE_PG=1) but no initdb was found");
            }
            eprintln!("notice: PostgreSQL is not installed; province test skipped");
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(
            dir.path(),
            std::os::unix::fs::PermissionsExt::from_mode(0o777),
        )
        .unwrap();
        let pg = Pg { dir, bin };
        pg.tool(
            "initdb",
            &[
                "-D",
                &pg.data(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
                "--no-locale",
            ],
        );
        let options = format!(
            "-k {} -c listen_addresses='' -c fsync=off -c full_page_writes=off",
            pg.socket_dir()
        );
        let log = format!("{}/log", pg.socket_dir());
        pg.tool(
            "pg_ctl",
            &["-D", &pg.data(), "-o", &options, "-l", &log, "-w", "start"],
        );
        Some(pg)
    }

    fn socket_dir(&self) -> String {
        self.dir.path().display().to_string()
    }

    fn data(&self) -> String {
        format!("{}/data", self.socket_dir())
    }

    /// The `--pg` a server is given.
    fn url(&self) -> String {
        format!("host={} user=postgres dbname=postgres", self.socket_dir())
    }

    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        if is_root() {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        }
    }

    fn tool(&self, program: &str, args: &[&str]) -> Output {
        let out = self.command(program).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Runs SQL with psql; returns its unaligned output.
    fn sql(&self, sql: &str) -> String {
        let out = self.tool(
            "psql",
            &[
                "-h",
                &self.socket_dir(),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-At",
                "-c",
                sql,
            ],
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// The whole province database as `pg_dump` writes it.
    fn dump(&self) -> String {
        let out = self.tool(
            "pg_dump",
            &["-h", &self.socket_dir(), "-U", "postgres", "-d", "postgres"],
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .args(["-D", &self.data(), "-m", "immediate", "-w", "stop"])
            .output();
    }
}

/// `tiepdan-server`, built next to this test (a workspace member: `cargo test` builds it).
fn server_bin() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let target = exe.parent().and_then(Path::parent).unwrap();
    let bin = target.join("tiepdan-server");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build -p tiepdan-server` (a plain `cargo test` builds it)",
        bin.display()
    );
    bin
}

fn server(pg: &Pg, args: &[&str]) -> Output {
    Command::new(server_bin())
        .env_remove("TIEPDAN_PG")
        .env("TIEPDAN_LANG", "en")
        .args(["--pg", &pg.url()])
        .args(args)
        .output()
        .unwrap()
}

fn server_ok(pg: &Pg, args: &[&str]) -> String {
    let out = server(pg, args);
    assert!(
        out.status.success(),
        "tiepdan-server {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn server_fails(pg: &Pg, args: &[&str]) -> String {
    let out = server(pg, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "tiepdan-server {args:?} should fail"
    );
    String::from_utf8(out.stderr).unwrap()
}

/// The token `desk add` printed (its last line).
fn add_desk(pg: &Pg, name: &str, read_only: bool) -> String {
    let mut args = vec!["desk", "add", name];
    if read_only {
        args.push("--read-only");
    }
    let out = server_ok(pg, &args);
    out.lines().last().unwrap().trim().to_string()
}

fn stats(pg: &Pg) -> serde_json::Value {
    serde_json::from_str(&server_ok(pg, &["stats", "--json"])).unwrap()
}

/// No library's own words in a message meant for a person.
fn assert_plain(message: &str) {
    for raw in [
        "SQLSTATE", "db error", "tokio", "hyper", "reqwest", "ureq", "io error", "os error",
    ] {
        assert!(!message.contains(raw), "raw library text in: {message}");
    }
}

#[test]
fn the_server_sets_up_its_schema_and_keeps_desk_tokens_hashed() {
    let Some(pg) = Pg::start() else { return };
    // Before `migrate`, commands say what to do.
    let err = server_fails(&pg, &["desk", "list"]);
    assert!(err.contains("tiepdan-server migrate"), "{err}");
    assert!(server_ok(&pg, &["migrate"]).contains("version 1"));
    // Forward-only and repeatable.
    assert!(server_ok(&pg, &["migrate"]).contains("version 1"));

    let token = add_desk(&pg, "UBND xã Cẩm Bình", false);
    assert!(token.starts_with("tdk1."), "{token}");
    let inspector = add_desk(&pg, "Thanh tra tỉnh", true);
    assert_ne!(token, inspector);
    let err = server_fails(&pg, &["desk", "add", "UBND xã Cẩm Bình"]);
    assert!(err.contains("already exists"), "{err}");
    let err = server_fails(&pg, &["desk", "add", "  "]);
    assert!(err.contains("desk name"), "{err}");

    let list = server_ok(&pg, &["desk", "list"]);
    assert!(
        list.contains("UBND xã Cẩm Bình") && list.contains("read-write"),
        "{list}"
    );
    assert!(
        list.contains("Thanh tra tỉnh") && list.contains("read-only"),
        "{list}"
    );
    assert_eq!(stats(&pg)["desks"], 2);

    server_ok(&pg, &["desk", "revoke", "Thanh tra tỉnh"]);
    let list = server_ok(&pg, &["desk", "list"]);
    assert!(list.contains("revoked"), "{list}");
    assert_eq!(stats(&pg)["desks"], 1);
    let err = server_fails(&pg, &["desk", "revoke", "Nowhere"]);
    assert!(err.contains("no desk named"), "{err}");

    // The database holds hashes, never a token's secret.
    let dump = pg.dump();
    for t in [&token, &inspector] {
        let secret = t.rsplit('.').next().unwrap();
        assert!(
            !dump.contains(secret),
            "a token's secret is stored in clear"
        );
    }
    assert!(
        dump.contains("$argon2id$"),
        "tokens are stored as Argon2id hashes"
    );

    let plain = server_ok(&pg, &["stats"]);
    assert!(
        plain.contains("Petitions: 0") && plain.contains("Desks: 1"),
        "{plain}"
    );
    let json = stats(&pg);
    for key in ["petitions", "desks", "records", "events"] {
        assert!(json[key].is_i64(), "{key} in {json}");
    }
}

#[test]
fn a_newer_schema_is_refused_and_no_database_is_a_plain_message() {
    let Some(pg) = Pg::start() else { return };
    server_ok(&pg, &["migrate"]);
    pg.sql("UPDATE tiepdan_schema SET version = 99");
    for args in [&["migrate"][..], &["stats"], &["desk", "list"]] {
        let err = server_fails(&pg, args);
        assert!(err.contains("newer version") && err.contains("99"), "{err}");
    }
    // No --pg at all, and a database that is not there: plain sentences, exit 1.
    let out = Command::new(server_bin())
        .env_remove("TIEPDAN_PG")
        .env("TIEPDAN_LANG", "en")
        .arg("stats")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("TIEPDAN_PG"), "{err}");
    let out = Command::new(server_bin())
        .env("TIEPDAN_LANG", "en")
        .env(
            "TIEPDAN_PG",
            format!("host={}/nowhere user=postgres", pg.socket_dir()),
        )
        .arg("stats")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cannot connect to PostgreSQL"), "{err}");
    assert_plain(&err);
}

/// A running `tiepdan-server serve` on a free loopback port; killed (SIGKILL) when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(pg: &Pg) -> Server {
        let mut child = Command::new(server_bin())
            .env("TIEPDAN_LANG", "en")
            .args(["--pg", &pg.url(), "serve", "--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(line.contains("listening on"), "{line}");
        let addr = line.split_whitespace().last().unwrap().to_string();
        Server { child, addr }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// A raw HTTP/1.1 request (what no desk would send); returns the whole response.
    fn raw(&self, request: &str) -> String {
        let mut stream = std::net::TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut out = String::new();
        stream.read_to_string(&mut out).unwrap();
        out
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

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
        assert!(err.contains("cannot reach the province server"), "{err}");
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
