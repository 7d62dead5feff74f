//! Denouncer secrecy in the real terminal UI at 80×24 (issue 13): a person's search group never
//! counts or lists their denunciations, a repeat link to a denunciation is in no inspector's
//! chain, a CCCD a denouncer gave brings nothing of theirs into a new visit's form, a
//! denunciation naming its own filer is caught before it is saved, and `v` asks why before it
//! reveals. Every wait polls the emulated screen (no fixed sleeps). Unix only: the pty is real.
#![cfg(unix)]

mod common;
mod pty;
use pty::*;

const ESC: &str = "\x1b";
const BACKSPACE: &str = "\x7f";
const TAB: &str = "\t";
const CTRL_S: &str = "\x13";

const NAME: &str = "Đoàn Minh Khuê";
const CCCD: &str = "001088123456";
const DENOUNCER: &str = "Quách Tĩnh Nhiên";
const DENOUNCER_ID: &str = "038099012377";
const DENOUNCER_PHONE: &str = "0978123456";
const DENOUNCER_STREET: &str = "Trúc Lâm";

fn visit(desk: &Desk, args: &[&str]) -> String {
    let mut all = vec!["visit", "add"];
    all.extend_from_slice(args);
    desk.cli(&all)
}

fn filed(desk: &Desk, name: &str, kind: &str, subject: &str, on: &str) -> String {
    visit(
        desk,
        &[
            "--name",
            name,
            "--cccd",
            CCCD,
            "--kind",
            kind,
            "--subject",
            subject,
            "--received",
            on,
        ],
    )
}

/// The screen lines of the search group headed by `name`, down to the next group.
fn group_lines(screen: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in screen.lines() {
        if line.contains('●') {
            inside = line.contains(name);
        }
        if inside {
            out.push(line.to_string());
        }
    }
    out
}

fn open_at_80x24(desk: &Desk, args: &[&str]) -> Tui {
    let tui = Tui::spawn_sized(&desk.db(), &desk.config(), "xterm-256color", args, (24, 80));
    tui.wait_for("Bàn làm việc");
    tui
}

#[test]
fn a_persons_search_group_and_repeat_chain_hold_no_denunciation_at_80x24() {
    let desk = Desk::new();
    let a = filed(
        &desk,
        NAME,
        "khieu-nai",
        "Khiếu nại thu hồi đất ruộng",
        "2026-10-01",
    );
    let b = filed(
        &desk,
        NAME,
        "kien-nghi",
        "Kiến nghị sửa đường thôn",
        "2026-10-15",
    );
    let d = filed(
        &desk,
        NAME,
        "to-cao",
        "Tố cáo cán bộ địa chính nhận tiền",
        "2026-11-01",
    );
    let c = filed(
        &desk,
        NAME,
        "khieu-nai",
        "Khiếu nại việc chia đất công",
        "2026-11-10",
    );
    desk.cli(&[
        "petition",
        "edit",
        &c,
        "--kind",
        "to-cao",
        "--note",
        "phân loại lại",
    ]);
    // A later complaint of hers linked as a repeat of the denunciation.
    let later = filed(
        &desk,
        NAME,
        "khieu-nai",
        "Khiếu nại lần hai về chia đất",
        "2026-11-20",
    );
    desk.cli(&["petition", "link", &later, "--repeat-of", &d]);

    for (who, args) in [("inspector", &["--read-only"][..]), ("desk", &[][..])] {
        let mut tui = open_at_80x24(&desk, args);
        tui.send("/");
        tui.type_and_see("doan minh khue", &format!("● {NAME} (3)"));
        let screen = tui.contents();
        let group = group_lines(&screen, NAME);
        let listed = group.join("\n");
        for code in [&a, &b, &later] {
            assert!(
                listed.contains(code.as_str()),
                "{who}: {code} missing:\n{screen}"
            );
        }
        for code in [&d, &c] {
            assert!(
                !listed.contains(code.as_str()),
                "{who}: {code} under {NAME}:\n{screen}"
            );
            if who == "inspector" {
                assert!(
                    !screen.contains(code.as_str()),
                    "{who}: {code} shown:\n{screen}"
                );
            }
        }
        // The later complaint's own chain: the denunciation it repeats is the desk's to see.
        for _ in "doan minh khue".chars() {
            tui.send(BACKSPACE);
        }
        tui.wait_for("Gõ không dấu cũng được");
        tui.type_and_see(&later, "Khiếu nại lần hai");
        tui.send("\r");
        tui.wait_for(&format!("Hồ sơ đơn {later}"));
        tui.wait_for("Khiếu nại lần hai");
        let screen = tui.contents();
        if who == "inspector" {
            assert!(
                !screen.contains(d.as_str()),
                "inspector sees the link:\n{screen}"
            );
        } else {
            assert!(
                screen.contains(d.as_str()),
                "the desk sees its chain:\n{screen}"
            );
        }
        tui.send(ESC);
        tui.wait_for("Kết quả:");
        tui.send(ESC);
        tui.wait_until_gone("Kết quả:");
        tui.send("q");
        assert!(tui.wait_exit().success());
    }
}

#[test]
fn a_cccd_a_denouncer_gave_brings_nothing_of_theirs_into_a_new_visit_at_80x24() {
    let desk = Desk::new();
    let denunciation = visit(
        &desk,
        &[
            "--name",
            DENOUNCER,
            "--cccd",
            DENOUNCER_ID,
            "--phone",
            DENOUNCER_PHONE,
            "--address",
            "Số 9 ngõ Trúc Lâm, phường Hạc Thành",
            "--kind",
            "to-cao",
            "--subject",
            "Tố cáo chủ tịch xã thu tiền cấp sổ đỏ",
            "--received",
            "2026-11-20",
        ],
    );
    let secret = |screen: &str| {
        [
            DENOUNCER,
            "Quach Tinh",
            DENOUNCER_PHONE,
            "0978 123 456",
            DENOUNCER_STREET,
        ]
        .into_iter()
        .filter(|n| screen.contains(n))
        .map(str::to_string)
        .collect::<Vec<_>>()
    };
    let mut tui = open_at_80x24(&desk, &[]);
    tui.send("n");
    tui.wait_for("Tiếp công dân mới");
    tui.type_and_see("Trần Văn Khác", "Trần Văn Khác");
    tui.send(TAB);
    tui.type_and_see(DENOUNCER_ID, DENOUNCER_ID);
    tui.send(TAB);
    // Whatever the form and its repeat pane now say, none of it is the denouncer's.
    tui.wait_for("▶ Điện thoại");
    // The repeat pane may point at the denunciation (masked), never at who filed it.
    tui.wait_for("Có thể là đơn cũ (1)");
    let screen = tui.contents();
    assert!(
        secret(&screen).is_empty(),
        "{:?}\n{screen}",
        secret(&screen)
    );
    assert!(screen.contains("(danh tính được bảo mật)"), "{screen}");
    tui.send(TAB);
    tui.send(TAB);
    tui.type_and_see("kien", "kiến nghị");
    tui.send(TAB);
    tui.type_and_see("dat", "đất đai");
    tui.send(TAB);
    tui.type_and_see("Lắp đèn đường", "Lắp đèn đường");
    tui.send(CTRL_S);
    tui.wait_for("Đã lưu lượt tiếp và đơn 2026-000002");
    let screen = tui.contents();
    assert!(
        secret(&screen).is_empty(),
        "{:?}\n{screen}",
        secret(&screen)
    );
    tui.send("q");
    assert!(tui.wait_exit().success());
    // The new visit keeps what was typed, nothing of the denouncer's.
    let shown = desk.cli(&["petition", "show", "2026-000002", "--json"]);
    assert!(secret(&shown).is_empty(), "{shown}");
    assert!(shown.contains("Trần Văn Khác"), "{shown}");
    assert_ne!(denunciation, "2026-000002");
}

#[test]
fn a_denunciation_naming_its_filer_is_caught_before_saving_and_v_asks_why_at_80x24() {
    let desk = Desk::new();
    let mut tui = open_at_80x24(&desk, &[]);
    tui.send("n");
    tui.wait_for("Tiếp công dân mới");
    tui.type_and_see(DENOUNCER, DENOUNCER);
    tui.send(TAB);
    tui.type_and_see(DENOUNCER_ID, DENOUNCER_ID);
    tui.send(TAB);
    tui.send(TAB);
    tui.send(TAB);
    tui.type_and_see("to cao", "tố cáo");
    tui.send(TAB);
    tui.type_and_see("dat", "đất đai");
    tui.send(TAB);
    let subject = "Tôi là Quách Tĩnh Nhiên, tố cáo chủ tịch xã";
    tui.type_and_see(subject, "tố cáo chủ tịch xã");
    tui.send(CTRL_S);
    // Asked first; Esc goes back to the form with everything typed still there.
    tui.wait_for("Thay bằng");
    tui.send(ESC);
    tui.wait_until_gone("Thay bằng");
    let screen = tui.contents();
    assert!(
        screen.contains("Nhiên, tố cáo chủ tịch xã"),
        "kept as typed: {screen}"
    );
    assert_eq!(desk.petitions(), 0, "nothing saved yet");
    // Enter replaces the mention and saves.
    tui.send(CTRL_S);
    tui.wait_for("Thay bằng");
    tui.send("\r");
    tui.wait_for("Đã lưu lượt tiếp và đơn 2026-000001");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let shown = desk.cli(&[
        "petition",
        "show",
        "2026-000001",
        "--reveal",
        "--reason",
        "kiểm tra",
    ]);
    assert!(
        shown.contains("Tôi là [người tố cáo], tố cáo chủ tịch xã"),
        "{shown}"
    );

    // `v` on the petition: a reason first; nothing is shown or written until it is given.
    let audits = |desk: &Desk| -> i64 {
        desk.sqlite()
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = 'reveal_identity'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = audits(&desk);
    let mut tui = open_at_80x24(&desk, &[]);
    tui.send("/");
    tui.type_and_see("2026-000001", "● (danh tính được bảo mật)");
    tui.send("\r");
    tui.wait_for("Hồ sơ đơn 2026-000001");
    tui.send("v");
    tui.wait_for("Lý do xem danh tính");
    tui.send("\r");
    tui.wait_for("✗");
    assert!(!tui.contents().contains(DENOUNCER_ID), "{}", tui.contents());
    assert_eq!(audits(&desk), before);
    tui.type_and_see("xác minh đơn", "xác minh đơn");
    tui.send("\r");
    tui.wait_for(DENOUNCER_ID);
    assert_eq!(audits(&desk), before + 1);
    let reason: String = desk
        .sqlite()
        .query_row(
            "SELECT json_extract(change, '$.reason') FROM audit
             WHERE action = 'reveal_identity' ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason, "xác minh đơn");
    tui.send(ESC);
    tui.wait_for("Kết quả:");
    tui.send(ESC);
    tui.wait_until_gone("Kết quả:");
    tui.send("q");
    assert!(tui.wait_exit().success());

    // An inspector's `v` is refused, and nothing is revealed.
    let mut tui = open_at_80x24(&desk, &["--read-only"]);
    tui.send("/");
    tui.type_and_see("2026-000001", "● (danh tính được bảo mật)");
    tui.send("\r");
    tui.wait_for("Hồ sơ đơn 2026-000001");
    tui.send("v");
    tui.wait_for("chỉ đọc");
    let screen = tui.contents();
    assert!(!screen.contains("Lý do xem danh tính"), "{screen}");
    assert!(!screen.contains(DENOUNCER_ID), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn the_terminal_ui_asks_for_the_passphrase_of_a_locked_key_at_start() {
    let desk = Desk::new();
    let code = visit(
        &desk,
        &[
            "--name",
            DENOUNCER,
            "--cccd",
            DENOUNCER_ID,
            "--kind",
            "to-cao",
            "--subject",
            "Tố cáo chủ tịch xã thu tiền",
            "--received",
            "2026-11-20",
        ],
    );
    let pass = "chín con rồng vàng";
    let locked = common::tiepdan(&desk.db(), &desk.config())
        .args(["--as", "lan", "key", "init", "--passphrase"])
        .env("TIEPDAN_PASSPHRASE", pass)
        .output()
        .unwrap();
    assert!(
        locked.status.success(),
        "{}",
        String::from_utf8_lossy(&locked.stderr)
    );

    let mut tui = Tui::spawn_sized(&desk.db(), &desk.config(), "xterm-256color", &[], (24, 80));
    tui.wait_for("Mật khẩu khoá bàn tiếp dân:");
    tui.send(pass);
    tui.send("\r");
    tui.wait_for("Bàn làm việc");
    assert!(
        !tui.contents().contains("rồng"),
        "the passphrase is not echoed"
    );
    // Unlocked: the desk finds the denunciation by its denouncer's name.
    tui.send("/");
    tui.type_and_see("quach tinh nhien", &code);
    tui.send(ESC);
    tui.wait_until_gone("Kết quả:");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert!(!String::from_utf8_lossy(&tui.raw_output()).contains("rồng"));
}
