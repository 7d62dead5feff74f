//! The receipt handed to the citizen (giấy biên nhận đơn / phiếu hẹn): a real PDF whose embedded
//! font carries the Vietnamese letters (read back here with a PDF text extractor), a plain-text
//! form for receipt printers, an output file never replaced without --force, and a
//! denunciation's receipt made only for its denouncer by an operator (audited), never for an
//! inspector.

mod common;

use common::{Desk, pdf_text};

const NAME: &str = "Nguyễn Thị Ánh Tuyết";

fn add(desk: &Desk, kind: &str) -> String {
    desk.ok(&[
        "visit",
        "add",
        "--name",
        NAME,
        "--address",
        "Thôn Đông, xã Cẩm Bình, Hà Tĩnh",
        "--kind",
        kind,
        "--subject",
        "Khiếu nại việc thu hồi đất thửa số 125 của gia đình",
        "--received",
        "2026-11-24",
    ])
    .trim()
    .to_string()
}

/// The next deadline `petition show --json` gives, as dd/mm/yyyy.
fn due_on(desk: &Desk, code: &str) -> String {
    let shown: serde_json::Value =
        serde_json::from_str(&desk.ok(&["petition", "show", code, "--json"])).unwrap();
    let iso = shown["due_on"].as_str().unwrap();
    let date = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap();
    date.format("%d/%m/%Y").to_string()
}

fn audit_reveals(desk: &Desk) -> Vec<String> {
    let conn = rusqlite::Connection::open(desk.db()).unwrap();
    let mut stmt = conn
        .prepare("SELECT change FROM audit WHERE action = 'reveal_identity' ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_pdf_receipt_reads_back_with_the_code_the_name_in_diacritics_and_the_deadline() {
    let desk = Desk::new();
    let code = add(&desk, "khieu-nai");
    let due = due_on(&desk, &code);
    let path = desk.file("bien-nhan.pdf");
    let said = desk.ok(&[
        "petition",
        "receipt",
        &code,
        "--output",
        path.to_str().unwrap(),
    ]);
    assert!(said.contains("bien-nhan.pdf"), "{said}");
    let text = pdf_text(&path);
    for expected in [
        "GIẤY BIÊN NHẬN ĐƠN",
        code.as_str(),
        NAME,
        "Thôn Đông, xã Cẩm Bình, Hà Tĩnh",
        "Khiếu nại (lần đầu)",
        "24/11/2026",
        due.as_str(),
        "Điều",
        "canbo.test",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the PDF: {text}"
        );
    }
    // The font travels with the file: a printer without Vietnamese fonts prints it the same.
    let bytes = std::fs::read(&path).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("FontFile2"), "no embedded TrueType font");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "a receipt names a citizen: owner-only");
    }
}

#[test]
fn a4_is_a_larger_page_than_a5() {
    let desk = Desk::new();
    let code = add(&desk, "kien-nghi");
    let sizes: Vec<String> = ["a5", "a4"]
        .iter()
        .map(|paper| {
            let path = desk.file(&format!("{paper}.pdf"));
            desk.ok(&[
                "petition",
                "receipt",
                &code,
                "--paper",
                paper,
                "--output",
                path.to_str().unwrap(),
            ]);
            assert!(pdf_text(&path).contains(NAME));
            let bytes = std::fs::read(&path).unwrap();
            let raw = String::from_utf8_lossy(&bytes).into_owned();
            let at = raw.find("/MediaBox").expect("a page size");
            raw[at..at + 40].to_string()
        })
        .collect();
    assert!(sizes[0].contains("419.53"), "{}", sizes[0]);
    assert!(sizes[1].contains("595.28 841.89"), "{}", sizes[1]);
    let bad = desk.run(&["petition", "receipt", &code, "--paper", "letter"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("a5, a4"));
}

#[test]
fn the_text_receipt_has_every_fact_and_fits_a_receipt_printer() {
    let desk = Desk::new();
    let code = add(&desk, "khieu-nai");
    let due = due_on(&desk, &code);
    let text = desk.ok(&["petition", "receipt", &code, "--text"]);
    for expected in [
        "GIẤY BIÊN NHẬN ĐƠN",
        &format!("Mã đơn: {code}"),
        &format!("Người gửi: {NAME}"),
        "Ngày nhận: 24/11/2026",
        "Loại đơn: Khiếu nại (lần đầu)",
        "Hạn tiếp theo:",
        due.as_str(),
        "Cán bộ tiếp nhận: canbo.test",
        "ngày 24 tháng 11 năm 2026",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let widest = |t: &str| {
        t.lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap()
    };
    assert!(widest(&text) <= 48, "{text}");
    let narrow = desk.ok(&["petition", "receipt", &code, "--text", "--width", "32"]);
    assert!(widest(&narrow) <= 32, "{narrow}");
    // Wrapped, not cut: every word of the subject is still there.
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(&narrow).contains("thửa số 125 của gia đình"),
        "{narrow}"
    );

    let english = desk.ok(&["--lang", "en", "petition", "receipt", &code, "--text"]);
    assert!(english.contains("RECEIPT FOR A PETITION"), "{english}");
    assert!(english.contains(&format!("Filed by: {NAME}")), "{english}");
}

#[test]
fn an_existing_file_is_never_replaced_without_force() {
    let desk = Desk::new();
    let code = add(&desk, "khieu-nai");
    let path = desk.file("giu-nguyen.pdf");
    std::fs::write(&path, b"the receipt printed yesterday").unwrap();
    let out = path.to_str().unwrap();
    let err = desk.fails(&["petition", "receipt", &code, "--output", out]);
    assert!(
        err.contains("giu-nguyen.pdf") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"the receipt printed yesterday"
    );
    desk.ok(&["petition", "receipt", &code, "--output", out, "--force"]);
    assert!(pdf_text(&path).contains(NAME));
    // Nor is the database, whatever the name says.
    let db = desk.db();
    let err = desk.fails(&[
        "petition",
        "receipt",
        &code,
        "--output",
        db.to_str().unwrap(),
        "--force",
    ]);
    assert!(!err.is_empty());
    assert_eq!(desk.petitions(), 1);
    // --text with --output writes the text form there.
    let txt = desk.file("bien-nhan.txt");
    desk.ok(&[
        "petition",
        "receipt",
        &code,
        "--text",
        "--output",
        txt.to_str().unwrap(),
    ]);
    assert!(std::fs::read_to_string(&txt).unwrap().contains(NAME));
}

#[test]
fn a_denunciations_receipt_is_for_its_denouncer_from_an_operator_audited_never_an_inspector() {
    let desk = Desk::new();
    let code = add(&desk, "to-cao");
    assert!(audit_reveals(&desk).is_empty());

    let path = desk.file("to-cao.pdf");
    desk.ok(&[
        "petition",
        "receipt",
        &code,
        "--output",
        path.to_str().unwrap(),
    ]);
    let text = pdf_text(&path);
    assert!(text.contains(NAME), "{text}");
    assert!(text.contains("MẬT"), "the secrecy mark: {text}");
    assert!(text.contains("Điều 47"), "{text}");
    let reveals = audit_reveals(&desk);
    assert_eq!(reveals.len(), 1, "{reveals:?}");
    assert!(reveals[0].contains("biên nhận"), "{reveals:?}");

    let refused = desk.file("thanh-tra.pdf");
    let err = desk.fails(&[
        "--read-only",
        "petition",
        "receipt",
        &code,
        "--output",
        refused.to_str().unwrap(),
    ]);
    assert!(err.contains("thanh tra"), "{err}");
    assert!(!refused.exists());
    let err = desk.fails(&["--read-only", "petition", "receipt", &code, "--text"]);
    assert!(!err.contains(NAME), "{err}");
    assert_eq!(audit_reveals(&desk).len(), 1);
}

#[test]
fn a_voided_petition_has_no_receipt() {
    let desk = Desk::new();
    let code = add(&desk, "khieu-nai");
    desk.ok(&["petition", "void", &code, "--reason", "Nhập nhầm"]);
    let err = desk.fails(&["petition", "receipt", &code, "--text"]);
    assert!(err.contains("đã hủy"), "{err}");
    let err = desk.fails(&["petition", "receipt", "2026-999999", "--text"]);
    assert!(err.contains("2026-999999"), "{err}");
}
