//! Importing real desks' logbooks: Excel workbooks with titles above the header, date cells,
//! serial dates and numbers that lost their zeros; Vietnamese headers; a mapping file for
//! headers nobody could guess. Through the real binary, as an officer runs it.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

mod cli_support;
mod common;
use cli_support::{ok, tiepdan_in as tiepdan};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/import")
        .join(name)
}

/// Every exported petition as (subject → CSV row by header).
fn exported(
    db: &Path,
) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> {
    let text = ok(tiepdan(db, "en", &["export", "--format", "csv"]));
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let row: std::collections::BTreeMap<String, String> = headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect();
            (row["subject"].clone(), row)
        })
        .collect()
}

/// A logbook as desks keep it: the unit and title above, the header on row 4, the column
/// numbers under it, then petitions with a date cell, a serial-number date and a text date,
/// a CCCD and a phone typed as numbers. A second sheet holds another year.
fn desk_workbook(path: &Path) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name("Sổ 2026").unwrap();
    sheet.write_string(0, 0, "UBND XÃ CẨM BÌNH").unwrap();
    sheet
        .write_string(1, 2, "SỔ TIẾP CÔNG DÂN NĂM 2026")
        .unwrap();
    let header = [
        "STT",
        "NGÀY TIẾP",
        "Họ và tên",
        "Số CCCD",
        "Điện thoại",
        "Địa chỉ",
        "Loại đơn",
        "Lĩnh vực",
        "Nội dung",
        "Ghi chú",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(3, c as u16, *h).unwrap();
        sheet
            .write_string(4, c as u16, format!("({})", c + 1))
            .unwrap();
    }
    // Row 6: a real date cell, numeric CCCD and phone.
    sheet.write_number(5, 0, 1).unwrap();
    let day = ExcelDateTime::from_ymd(2026, 1, 15).unwrap();
    sheet.write_datetime_with_format(5, 1, &day, &date).unwrap();
    sheet.write_string(5, 2, "Nguyễn Văn Bình").unwrap();
    sheet.write_number(5, 3, 1_089_012_345).unwrap();
    sheet.write_number(5, 4, 912_345_678).unwrap();
    sheet.write_string(5, 5, "Thôn 3, xã Cẩm Bình").unwrap();
    sheet.write_string(5, 6, "Khiếu nại").unwrap();
    sheet.write_string(5, 7, "Đất đai").unwrap();
    sheet
        .write_string(5, 8, "Tranh chấp ranh giới thửa đất")
        .unwrap();
    // Row 7: the date as a bare serial number; CCCD typed as text keeps its zero.
    sheet.write_number(6, 0, 2).unwrap();
    sheet.write_number(6, 1, 46_040).unwrap();
    sheet.write_string(6, 2, "Trần Thị Hoa").unwrap();
    sheet.write_string(6, 3, "042089012345").unwrap();
    sheet.write_string(6, 6, "kien nghi").unwrap();
    sheet.write_string(6, 8, "Sửa đường liên thôn").unwrap();
    sheet.write_string(6, 9, "đã hẹn").unwrap();
    // Row 8: a text date; a blank row before it.
    sheet.write_number(8, 0, 3).unwrap();
    sheet.write_string(8, 1, "20/02/2026").unwrap();
    sheet.write_string(8, 2, "Lê Văn Cường").unwrap();
    sheet.write_string(8, 6, "PHẢN ÁNH").unwrap();
    sheet.write_string(8, 8, "Ô nhiễm tiếng ồn").unwrap();
    let other = book.add_worksheet();
    other.set_name("Sổ 2025").unwrap();
    for (c, h) in ["Ngày nhận", "Họ tên", "Loại đơn", "Nội dung"]
        .iter()
        .enumerate()
    {
        other.write_string(0, c as u16, *h).unwrap();
    }
    other.write_string(1, 0, "03/03/2025").unwrap();
    other.write_string(1, 1, "Phạm Văn Dũng").unwrap();
    other.write_string(1, 2, "kiến nghị").unwrap();
    other.write_string(1, 3, "Đèn đường hỏng").unwrap();
    book.save(path).unwrap();
}

#[test]
fn xlsx_logbook_with_titles_dates_and_lost_zeros_imports_once() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let book = dir.path().join("so-tiep.xlsx");
    desk_workbook(&book);
    let book = book.to_str().unwrap();

    let first = ok(tiepdan(&db, "en", &["import", "--json", book]));
    let report: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(report["rows"], 3, "{report}");
    assert_eq!(report["added"], 3, "{report}");
    assert_eq!(
        report["ignored_columns"],
        serde_json::json!(["STT", "Ghi chú"])
    );

    let rows = exported(&db);
    let land = &rows["Tranh chấp ranh giới thửa đất"];
    assert_eq!(land["received_on"], "2026-01-15");
    assert_eq!(
        land["citizen_id"], "001089012345",
        "the CCCD got its zeros back"
    );
    assert_eq!(land["phone"], "0912345678");
    assert_eq!(land["kind"], "complaint");
    assert_eq!(land["field"], "land");
    let road = &rows["Sửa đường liên thôn"];
    assert_eq!(road["received_on"], "2026-01-18", "serial 46040");
    assert_eq!(road["citizen_id"], "042089012345");
    assert_eq!(rows["Ô nhiễm tiếng ồn"]["received_on"], "2026-02-20");
    assert!(!rows.contains_key("Đèn đường hỏng"), "only the first sheet");

    let again: serde_json::Value =
        serde_json::from_str(&ok(tiepdan(&db, "en", &["import", "--json", book]))).unwrap();
    assert_eq!(
        (again["added"].as_u64(), again["already_present"].as_u64()),
        (Some(0), Some(3))
    );

    let other = ok(tiepdan(&db, "en", &["import", "--sheet", "so 2025", book]));
    assert!(other.contains("Imported 1 new"), "{other}");
    assert!(exported(&db).contains_key("Đèn đường hỏng"));
}

#[test]
fn xlsx_bad_rows_name_the_spreadsheet_row_and_go_to_a_reject_file() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let path = dir.path().join("loi.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Sổ tiếp dân").unwrap();
    for (c, h) in ["Ngày tiếp", "Họ tên", "Loại đơn", "Nội dung"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let rows = [
        ["02/03/2026", "Nguyễn Văn An", "khiếu nại", "Đất"],
        ["31/02/2026", "Trần Văn Bốn", "khiếu nại", "Nhà"],
        ["03/03/2026", "Lê Thị Năm", "đơn lạ", "Điện"],
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            sheet.write_string(2 + r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(&path).unwrap();
    let input = path.to_str().unwrap();

    let refused = tiepdan(&db, "en", &["import", input]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("line 4: column “Ngày tiếp”"), "{stderr}");
    assert!(stderr.contains("line 5: column “Loại đơn”"), "{stderr}");

    let skipped = ok(tiepdan(&db, "en", &["import", "--skip-bad", input]));
    assert!(skipped.contains("Imported 1 new"), "{skipped}");
    let rejects = std::fs::read_to_string(dir.path().join("loi.rejects.csv")).unwrap();
    assert!(
        rejects.contains("Trần Văn Bốn") && rejects.contains("Lê Thị Năm"),
        "{rejects}"
    );
    assert!(!rejects.contains("Nguyễn Văn An"), "{rejects}");
}

#[test]
fn missing_columns_are_named_with_the_headers_found() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let path = dir.path().join("thieu.csv");
    std::fs::write(
        &path,
        "Sổ tiếp dân\nSTT,Ngày tiếp,Họ tên,Ghi chú\n1,02/03/2026,Nguyễn Văn An,\n",
    )
    .unwrap();
    let out = tiepdan(&db, "vi", &["import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("dòng 2: thiếu cột bắt buộc"), "{stderr}");
    assert!(
        stderr.contains("“Loại đơn” (kind)") && stderr.contains("“Nội dung” (subject)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("“STT”, “Ngày tiếp”, “Họ tên”, “Ghi chú”"),
        "{stderr}"
    );
    assert!(stderr.contains("--mapping"), "{stderr}");

    let sheet = tiepdan(
        &db,
        "en",
        &[
            "import",
            "--sheet",
            "Nope",
            fixture("good.csv").to_str().unwrap(),
        ],
    );
    assert_eq!(
        sheet.status.code(),
        Some(0),
        "a CSV has no sheets: --sheet is moot"
    );
}

#[test]
fn an_unknown_sheet_lists_the_sheets() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let book = dir.path().join("so.xlsx");
    desk_workbook(&book);
    let out = tiepdan(
        &db,
        "vi",
        &["import", "--sheet", "Sổ 2024", book.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("không có trang “Sổ 2024”; các trang có: Sổ 2026, Sổ 2025"),
        "{stderr}"
    );
}

#[test]
fn a_mapping_file_names_unusual_headers() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let input = fixture("mapped.csv");
    let input = input.to_str().unwrap();
    let without = tiepdan(&db, "en", &["import", input]);
    assert_eq!(without.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&without.stderr).contains("missing required column"));

    let mapping = fixture("mapping.toml");
    let with = ok(tiepdan(
        &db,
        "en",
        &["import", "--mapping", mapping.to_str().unwrap(), input],
    ));
    assert!(with.contains("Imported 2 new"), "{with}");
    let rows = exported(&db);
    let row = &rows["Xin cấp giấy chứng nhận quyền sử dụng đất"];
    assert_eq!(row["citizen_name"], "Hoàng Văn Em");
    assert_eq!(row["received_on"], "2026-05-04");
    assert_eq!(row["kind"], "recommendation");

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[columns]\n\"Ngày đến\" = \"ngày mai\"\n").unwrap();
    let out = tiepdan(
        &db,
        "vi",
        &["import", "--mapping", bad.to_str().unwrap(), input],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("“Ngày đến” = “ngày mai”: không có cột này"),
        "{stderr}"
    );
}

#[test]
fn a_big_file_imports_without_a_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let path = dir.path().join("lon.csv");
    cli_support::big_logbook(&path, 3000);
    assert!(
        std::fs::metadata(&path).unwrap().len() > 256 * 1024,
        "big enough for a bar on a terminal"
    );
    let output = tiepdan(&db, "en", &["import", path.to_str().unwrap()]);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(ok(output).contains("Imported 3000 new"));
}

#[test]
fn a_file_wrong_throughout_lists_fifty_rows_and_counts_the_rest() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let path = dir.path().join("sai.csv");
    let mut text = String::from("Ngày tiếp,Họ tên,Loại đơn,Nội dung\n");
    for i in 0..60 {
        text.push_str(&format!("hôm qua,Người {i},kiến nghị,Việc {i}\n"));
    }
    std::fs::write(&path, text).unwrap();
    let out = tiepdan(&db, "en", &["import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches(": column “Ngày tiếp”").count(),
        50,
        "{stderr}"
    );
    assert!(stderr.contains("… and 10 more bad row(s)"), "{stderr}");
    let json = tiepdan(&db, "en", &["import", "--json", path.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        report["bad"].as_array().unwrap().len(),
        50,
        "the first fifty"
    );
    assert_eq!(report["bad_rows"], 60);
}

/// The official logbook (Mẫu số 03) that `tiepdan logbook` writes — and that desks keep by hand —
/// combines name and address, and kind and headcount, in one cell each: they import back apart.
#[test]
fn the_official_logbook_form_imports_back() {
    let dir = TempDir::new().unwrap();
    let a = dir.path().join("a.sqlite3");
    let b = dir.path().join("b.sqlite3");
    let visit = |args: &[&str]| {
        let mut all = vec!["visit", "add"];
        all.extend_from_slice(args);
        ok(tiepdan(&a, "vi", &all));
    };
    visit(&[
        "--name",
        "Nguyễn Văn An",
        "--address",
        "Thôn 3, xã Cẩm Bình",
        "--cccd",
        "001089012345",
        "--kind",
        "recommendation",
        "--subject",
        "Sửa đường liên thôn",
        "--received",
        "2026-10-02",
    ]);
    visit(&[
        "--name",
        "Trần Thị Hoa",
        "--kind",
        "complaint",
        "--subject",
        "Khiếu nại thu hồi đất",
        "--headcount",
        "6",
        "--received",
        "2026-10-03",
    ]);
    let book = dir.path().join("so-tiep.xlsx");
    let book = book.to_str().unwrap();
    ok(tiepdan(
        &a,
        "vi",
        &[
            "logbook", "--period", "2026", "--format", "xlsx", "--output", book,
        ],
    ));

    let report: serde_json::Value =
        serde_json::from_str(&ok(tiepdan(&b, "en", &["import", "--json", book]))).unwrap();
    assert_eq!(report["added"], 2, "{report}");
    let rows = exported(&b);
    let road = &rows["Sửa đường liên thôn"];
    assert_eq!(
        (
            road["citizen_name"].as_str(),
            road["address"].as_str(),
            road["citizen_id"].as_str()
        ),
        ("Nguyễn Văn An", "Thôn 3, xã Cẩm Bình", "001089012345")
    );
    assert_eq!(
        (road["kind"].as_str(), road["received_on"].as_str()),
        ("recommendation", "2026-10-02")
    );
    let land = &rows["Khiếu nại thu hồi đất"];
    assert_eq!(
        (land["citizen_name"].as_str(), land["address"].as_str()),
        ("Trần Thị Hoa", "")
    );
    assert_eq!(
        (land["kind"].as_str(), land["headcount"].as_str()),
        ("complaint", "6")
    );
}
