//! What the province tests share (the server's own in `server/tests/`, the desks' in the top
//! level's `tests/province.rs`): a throwaway PostgreSQL cluster per test, the server binary and a
//! running server on a free loopback port.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

pub fn pg_bin() -> Option<PathBuf> {
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

pub fn is_root() -> bool {
    unsafe { libc::geteuid() == 0 }
}

/// A PostgreSQL cluster of one test. PostgreSQL refuses to run as root, so as root its programs
/// run as the `postgres` account.
pub struct Pg {
    pub dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Pg {
    pub fn start() -> Option<Pg> {
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

    pub fn socket_dir(&self) -> String {
        self.dir.path().display().to_string()
    }

    pub fn data(&self) -> String {
        format!("{}/data", self.socket_dir())
    }

    /// The `--pg` a server is given.
    pub fn url(&self) -> String {
        format!("host={} user=postgres dbname=postgres", self.socket_dir())
    }

    pub fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        if is_root() {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        }
    }

    pub fn tool(&self, program: &str, args: &[&str]) -> Output {
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
    pub fn sql(&self, sql: &str) -> String {
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
    pub fn dump(&self) -> String {
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

/// `tiepdan-server`: cargo's own path in the server's tests; next to the test otherwise (a plain
/// `cargo test` at the top builds it, for the server's integration tests).
pub fn server_bin() -> PathBuf {
    if let Some(bin) = option_env!("CARGO_BIN_EXE_tiepdan-server") {
        return PathBuf::from(bin);
    }
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

pub fn server(pg: &Pg, args: &[&str]) -> Output {
    Command::new(server_bin())
        .env_remove("TIEPDAN_PG")
        .env("TIEPDAN_LANG", "en")
        .args(["--pg", &pg.url()])
        .args(args)
        .output()
        .unwrap()
}

pub fn server_ok(pg: &Pg, args: &[&str]) -> String {
    let out = server(pg, args);
    assert!(
        out.status.success(),
        "tiepdan-server {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn server_fails(pg: &Pg, args: &[&str]) -> String {
    let out = server(pg, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "tiepdan-server {args:?} should fail"
    );
    String::from_utf8(out.stderr).unwrap()
}

/// The token `desk add` printed (its last line).
pub fn add_desk(pg: &Pg, name: &str, read_only: bool) -> String {
    let mut args = vec!["desk", "add", name];
    if read_only {
        args.push("--read-only");
    }
    let out = server_ok(pg, &args);
    out.lines().last().unwrap().trim().to_string()
}

pub fn stats(pg: &Pg) -> serde_json::Value {
    serde_json::from_str(&server_ok(pg, &["stats", "--json"])).unwrap()
}

/// No library's own words in a message meant for a person.
pub fn assert_plain(message: &str) {
    for raw in [
        "SQLSTATE", "db error", "tokio", "hyper", "reqwest", "ureq", "io error", "os error",
    ] {
        assert!(!message.contains(raw), "raw library text in: {message}");
    }
}

/// A running `tiepdan-server serve` on a free loopback port; killed (SIGKILL) when dropped.
pub struct Server {
    child: Child,
    addr: String,
}

impl Server {
    pub fn start(pg: &Pg) -> Server {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(pg.dir.path().join("server.log"))
            .unwrap();
        let mut child = Command::new(server_bin())
            .env("TIEPDAN_LANG", "en")
            .args(["--pg", &pg.url(), "serve", "--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(log)
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

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// A raw HTTP/1.1 request (what no desk would send); returns the whole response.
    pub fn raw(&self, request: &str) -> String {
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
