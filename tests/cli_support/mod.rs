//! Running the real binary from tests: a database in a temporary folder, a fixed "today", the
//! language asked for, and the configuration read from beside the database (never the home).
//! Each test binary uses some of these helpers.
#![allow(dead_code)]

use std::path::Path;
use std::process::Output;

// Needs `mod common;` beside `mod cli_support;` in the test crate.
use crate::common;

/// `tiepdan --db DB --today 2026-11-24 --lang LANG ARGS…`, isolated from the caller's settings.
pub fn tiepdan_in(db: &Path, lang: &str, args: &[&str]) -> Output {
    let out = common::tiepdan(db, db.parent().unwrap())
        .args(["--lang", lang])
        .args(args)
        .output()
        .expect("the binary runs");
    common::assert_no_library_text(&args, &out);
    out
}

/// Standard output of a run that must succeed (its standard error shown if it did not).
pub fn ok(output: Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A plain logbook CSV of `rows` petitions (about 120 bytes a row), for tests of big files.
pub fn big_logbook(path: &Path, rows: usize) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "Ngày tiếp,Họ tên,Loại đơn,Nội dung,Địa chỉ").unwrap();
    for i in 0..rows {
        writeln!(
            out,
            "15/01/2026,Người dân {i},kiến nghị,Kiến nghị số {i} về đường giao thông nông thôn,\"Thôn {i}, xã Cẩm Bình, tỉnh Hà Tĩnh\""
        )
        .unwrap();
    }
}
