//! The import's progress bar, on a real terminal: drawn while a big file imports, cleared when
//! it is done (the non-terminal case, no bar at all, is in `import_xlsx.rs`).

mod cli_support;
mod common;
mod pty;

use pty::{Desk, Tui, TuiDesk};

#[test]
fn a_big_import_shows_a_progress_bar_then_clears_it() {
    let desk = Desk::new();
    let file = desk.dir.path().join("so-lon.csv");
    cli_support::big_logbook(&file, 4000);
    let mut tui = Tui::spawn_command(
        &desk.db(),
        &desk.config(),
        "xterm-256color",
        &["import", file.to_str().unwrap()],
    );
    tui.wait_for("Đã nhập 4000 đơn mới");
    assert!(tui.wait_exit().success());
    let raw = String::from_utf8_lossy(&tui.raw_output()).into_owned();
    assert!(
        raw.contains("Kiểm tra"),
        "the check pass was shown: {raw:?}"
    );
    assert!(raw.contains('%'), "with its percentage");
    let screen = tui.contents();
    assert!(
        !screen.contains("Kiểm tra") && !screen.contains('%'),
        "cleared at the end:\n{screen}"
    );
}
