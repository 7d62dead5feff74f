//! The server's commands against a real PostgreSQL (issue 16): schema, desks, tokens, stats and
//! their refusals. Without PostgreSQL the tests print a notice and pass, unless
//! `TIEPDAN_REQUIRE_PG=1` (CI sets it).

mod support;

use std::process::Command;
use support::*;

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

#[test]
fn plain_http_is_served_on_loopback_only_and_tls_needs_both_files() {
    let Some(pg) = Pg::start() else { return };
    server_ok(&pg, &["migrate"]);
    let err = server_fails(&pg, &["serve", "--listen", "0.0.0.0:0"]);
    assert!(
        err.contains("not a loopback address") && err.contains("--tls-cert"),
        "{err}"
    );
    let err = server_fails(
        &pg,
        &["serve", "--listen", "127.0.0.1:0", "--tls-cert", "cert.pem"],
    );
    assert!(err.contains("both --tls-cert and --tls-key"), "{err}");
    let missing = pg.dir.path().join("missing.pem");
    let missing = missing.to_str().unwrap();
    let err = server_fails(
        &pg,
        &[
            "serve",
            "--listen",
            "0.0.0.0:0",
            "--tls-cert",
            missing,
            "--tls-key",
            missing,
        ],
    );
    assert!(
        err.contains("missing.pem") && err.contains("does not exist"),
        "{err}"
    );
    assert_plain(&err);
}
