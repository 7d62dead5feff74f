//! The citizen page in a real 80×24 terminal: from a search hit and from a petition, one
//! person's names, ID numbers (the old CMND and the new CCCD), phones, addresses over time and
//! every petition — what `tiepdan citizen show` prints — with no denunciation and no denouncer on
//! it. Every wait polls the emulated screen (no fixed sleeps). Unix only: the pty is real.
#![cfg(unix)]

mod common;
mod pty;
use pty::*;

const CTRL_G: &str = "\x07";
const ESC: &str = "\x1b";
const UP: &str = "\x1b[A";

fn visit(desk: &Desk, args: &[&str]) -> String {
    let mut all = vec!["visit", "add"];
    all.extend_from_slice(args);
    desk.cli(&all)
}

#[test]
fn the_citizen_page_shows_one_persons_whole_history_at_80x24() {
    let desk = Desk::new();
    // One person: the old CMND in 2019, the new CCCD with the same phone after a move.
    visit(
        &desk,
        &[
            "--name",
            "Nguyễn Mỹ Kiều",
            "--cccd",
            "392788214",
            "--phone",
            "0867966198",
            "--address",
            "ấp Mỹ Phước, xã Châu Thành, tỉnh An Giang",
            "--kind",
            "phan-anh",
            "--subject",
            "Trại heo gây ô nhiễm",
            "--received",
            "2019-03-05",
        ],
    );
    visit(
        &desk,
        &[
            "--name",
            "Nguyễn Mỹ Kiều",
            "--cccd",
            "089180614782",
            "--phone",
            "0867 966 198",
            "--address",
            "xã Tân Hồng, tỉnh Đồng Tháp",
            "--kind",
            "kien-nghi",
            "--subject",
            "Đề nghị cấp sổ đỏ",
            "--received",
            "2026-03-05",
        ],
    );
    // Her denunciation: never on her page, nor its existence.
    visit(
        &desk,
        &[
            "--name",
            "Nguyễn Mỹ Kiều",
            "--cccd",
            "089180614782",
            "--kind",
            "to-cao",
            "--subject",
            "Tố cáo cán bộ địa chính nhận tiền",
            "--received",
            "2026-04-01",
        ],
    );
    let cli = desk.cli(&["citizen", "show", "089180614782", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&cli).unwrap();
    assert_eq!(json["petitions"].as_array().unwrap().len(), 2, "{cli}");

    let mut tui = Tui::spawn_sized(&desk.db(), &desk.config(), "xterm-256color", &[], (24, 80));
    tui.wait_for("Bàn làm việc");
    tui.send("/");
    tui.type_and_see("nguyen my kieu", "Nguyễn Mỹ Kiều");
    tui.send(CTRL_G);
    tui.wait_for("Hồ sơ công dân");
    for shown in [
        "392788214 · 089180614782",
        "0867966198",
        "Mỹ Phước",
        "Tân Hồng",
        "2 đơn đã gửi",
        "2019-000001",
        "2026-000001",
        "Trại heo gây ô nhiễm",
        "Đề nghị cấp sổ đỏ",
    ] {
        tui.wait_for(shown);
    }
    let screen = tui.contents();
    assert!(!screen.contains("2026-000002"), "{screen}");
    assert!(!screen.contains("Tố cáo"), "{screen}");
    // The petition it was opened from is selected; Enter opens the one chosen, and from a
    // petition the same key opens its citizen's page. Esc goes back one screen at a time.
    tui.send(UP);
    tui.send("\r");
    tui.wait_for("Hồ sơ đơn 2019-000001");
    tui.send(CTRL_G);
    tui.wait_for("Hồ sơ công dân");
    tui.send(ESC);
    tui.wait_for("Hồ sơ đơn 2019-000001");
    tui.send(ESC);
    tui.wait_for("Hồ sơ công dân");
    tui.send(ESC);
    tui.wait_for("Tìm kiếm");
    tui.send(ESC);
    tui.wait_for("Bàn làm việc");
    tui.send("q");
    assert!(tui.wait_exit().success());
}
