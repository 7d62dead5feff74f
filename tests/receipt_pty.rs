//! At the keyboard, in the real binary in a pseudo-terminal: `p` on a petition saves its receipt
//! (a PDF that reads back with the citizen's name), never over an earlier one; the deadline
//! board's filters all show at 80×24 and `0` clears them; at 60×20 the repeat pane is reached
//! with F6 rather than focused while hidden.
#![cfg(unix)]

const ESC: &str = "\x1b";
const F6: &str = "\x1b[17~";

mod common;
mod pty;
use common::pdf_text;
use pty::*;

const NAME: &str = "Nguyễn Thị Ánh Tuyết";

/// A desk whose exports go to its own `xuat` folder.
fn desk_exporting() -> (Desk, std::path::PathBuf) {
    let desk = Desk::new();
    let out = desk.file("xuat");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        desk.config().join("config.toml"),
        format!("export_dir = {:?}\n", out.to_str().unwrap()),
    )
    .unwrap();
    (desk, out)
}

#[test]
fn p_on_a_petition_saves_its_receipt_and_never_over_an_earlier_one() {
    let (desk, out) = desk_exporting();
    let code = desk.cli(&[
        "visit",
        "add",
        "--name",
        NAME,
        "--kind",
        "khieu-nai",
        "--subject",
        "Khiếu nại thu hồi đất thửa 125",
    ]);
    let mut tui = Tui::spawn_sized(&desk.db(), &desk.config(), "xterm-256color", &[], (24, 80));
    tui.wait_for(&code);
    tui.send("/");
    tui.type_and_see(&code, "Kết quả: 1 đơn");
    tui.send("\r");
    tui.wait_for("Diễn biến");
    tui.send("p");
    tui.wait_for("Đã lưu giấy biên nhận");
    let first = out.join(format!("bien-nhan-{code}.pdf"));
    let text = pdf_text(&first);
    assert!(text.contains(NAME) && text.contains(&code), "{text}");
    let before = std::fs::read(&first).unwrap();
    tui.send("p");
    tui.wait_for(&format!("bien-nhan-{code}-2.pdf"));
    assert_eq!(std::fs::read(&first).unwrap(), before, "the first is kept");
    assert!(pdf_text(&out.join(format!("bien-nhan-{code}-2.pdf"))).contains(NAME));
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn every_board_filter_shows_at_80x24_and_zero_clears_them() {
    let desk = Desk::new();
    desk.cli(&["demo", "--petitions", "300", "--seed", "7"]);
    let mut tui = Tui::spawn_sized(&desk.db(), &desk.config(), "xterm-256color", &[], (24, 80));
    tui.wait_for("Bàn làm việc");
    tui.send("b");
    tui.wait_for("Hạn xử lý");
    for (key, label) in [
        ("a", "a Lĩnh vực: "),
        ("s", "s Bước: "),
        ("u", "u Đơn vị: "),
        ("o", "o Cán bộ: "),
    ] {
        tui.send(key);
        tui.wait_for(label);
    }
    tui.wait_for("0 bỏ lọc");
    let screen = tui.contents();
    // Every filter with its value, none cut at the edge: each label's line holds its value.
    for label in ["Lĩnh vực: ", "Bước: ", "Đơn vị: ", "Cán bộ: "] {
        let line = screen.lines().find(|l| l.contains(label)).unwrap();
        let value = line.split(label).nth(1).unwrap().trim_start();
        assert!(
            value.chars().next().is_some_and(|c| c.is_alphanumeric()),
            "{label} shows no value:\n{screen}"
        );
        assert!(line.chars().count() <= 80, "{line}");
    }
    tui.send("0");
    tui.wait_for("Dấu hiệu: tất cả");
    let start = std::time::Instant::now();
    while tui.contents().contains("Cán bộ: ") && start.elapsed() < TIMEOUT {
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    let screen = tui.contents();
    assert!(
        !screen.contains("Lĩnh vực: ") && !screen.contains("0 bỏ lọc"),
        "{screen}"
    );
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn at_60x20_the_repeat_pane_is_reached_with_f6_and_given_back_with_esc() {
    let desk = Desk::new();
    desk.cli(&[
        "visit",
        "add",
        "--name",
        NAME,
        "--kind",
        "khieu-nai",
        "--subject",
        "Khiếu nại thu hồi đất thửa 125",
    ]);
    let mut tui = Tui::spawn_sized(&desk.db(), &desk.config(), "xterm-256color", &[], (20, 60));
    tui.wait_for("Bàn làm việc");
    tui.send("n");
    tui.wait_for("Tiếp công dân mới");
    tui.type_and_see("nguyen thi anh tuyet", "nguyen thi anh tuyet");
    // The pane has no room beside the form: it is offered in the hints, not drawn.
    tui.wait_for("Đơn trùng");
    assert!(!tui.contents().contains("Có thể là đơn cũ"));
    tui.send(F6);
    tui.wait_for("Có thể là đơn cũ");
    tui.wait_for("2026-000001");
    tui.send(ESC);
    tui.wait_for("Họ tên");
    assert!(!tui.contents().contains("Có thể là đơn cũ"));
}
