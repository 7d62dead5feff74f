//! The bad-input catalogue (issue 7): every hostile or careless input a desk, a script or another
//! program can hand tiepdan, each named. Each gets a clear translated error (exit 1, the field
//! named, nothing written) or is stored exactly as typed — and nothing else is lost.
//! Driven through the real binary, as a desk or a script would use it.

mod common;

use rusqlite::Connection;
use std::io::Read;
use std::path::Path;
use std::process::Output;
use unicode_normalization::UnicodeNormalization;

use common::Desk;

trait Sql {
    fn sql<T: rusqlite::types::FromSql>(&self, query: &str, code: &str) -> T;
}

impl Sql for Desk {
    fn sql<T: rusqlite::types::FromSql>(&self, query: &str, code: &str) -> T {
        Connection::open(self.db())
            .unwrap()
            .query_row(query, [code], |r| r.get(0))
            .unwrap()
    }
}

/// A user error: exit 1, one `tiepdan: …` message containing `expect`, no panic.
fn refused(out: &Output, expect: &str) -> Result<(), String> {
    let err = String::from_utf8_lossy(&out.stderr);
    if !err.starts_with("tiepdan: ") {
        return Err(format!("no `tiepdan:` message: {err}"));
    }
    reported(out, expect)
}

/// Exit 1 and `expect` somewhere in what stderr reports (an import lists its bad rows), no panic.
fn reported(out: &Output, expect: &str) -> Result<(), String> {
    let err = String::from_utf8_lossy(&out.stderr);
    if out.status.code() != Some(1) {
        return Err(format!("exit {:?}, stderr {err}", out.status.code()));
    }
    if err.contains("panicked") || !err.contains(expect) {
        return Err(format!("expected “{expect}”, got: {err}"));
    }
    Ok(())
}

/// The visit fields a case changes; the rest are a plain, valid complaint.
#[derive(Clone, Copy)]
enum Field {
    Name,
    Cccd,
    Phone,
    Address,
    Subject,
    Summary,
    Received,
}

impl Field {
    fn flag(self) -> &'static str {
        match self {
            Field::Name => "--name",
            Field::Cccd => "--cccd",
            Field::Phone => "--phone",
            Field::Address => "--address",
            Field::Subject => "--subject",
            Field::Summary => "--summary",
            Field::Received => "--received",
        }
    }

    /// Where the stored value is read back from, by petition code.
    fn stored(self) -> &'static str {
        let filer = "FROM petition p JOIN petition_filer f ON f.petition_id = p.id \
                     JOIN citizen c ON c.id = f.citizen_id WHERE p.code = ?1";
        match self {
            Field::Name => leak(format!("SELECT c.full_name {filer}")),
            Field::Cccd => leak(format!("SELECT c.id_number {filer}")),
            Field::Phone => leak(format!("SELECT c.phone {filer}")),
            Field::Address => leak(format!("SELECT c.address {filer}")),
            Field::Subject => "SELECT subject FROM petition WHERE code = ?1",
            Field::Summary => "SELECT summary FROM petition WHERE code = ?1",
            Field::Received => "SELECT received_on FROM petition WHERE code = ?1",
        }
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

enum Expect {
    /// Refused with this (Vietnamese) text in the message.
    Refused(&'static str),
    /// Stored as this exact string.
    Stored(String),
}

struct Case {
    name: &'static str,
    field: Field,
    typed: String,
    expect: Expect,
}

fn case(name: &'static str, field: Field, typed: impl Into<String>, expect: Expect) -> Case {
    Case {
        name,
        field,
        typed: typed.into(),
        expect,
    }
}

fn stored(text: impl Into<String>) -> Expect {
    Expect::Stored(text.into())
}

fn catalogue() -> Vec<Case> {
    use Expect::Refused;
    use Field::*;
    let nfd_name: String = "Nguyễn Thị Ánh Tuyết".nfd().collect();
    let vietnamese_100kb = "Đường liên xã bị sụt lún, nước ngập sâu. ".repeat(2_200);
    let sql = "O'Brien\"; DROP TABLE petition; -- %_\\ ' OR '1'='1";
    vec![
        case(
            "empty_name",
            Name,
            "",
            Refused("họ tên: không được để trống"),
        ),
        case(
            "whitespace_only_name",
            Name,
            " \t  ",
            Refused("họ tên: không được để trống"),
        ),
        case(
            "zero_width_only_name",
            Name,
            "\u{200B}\u{200D}\u{FEFF}",
            Refused("họ tên: không được để trống"),
        ),
        case(
            "whitespace_only_subject",
            Subject,
            "   ",
            Refused("nội dung vụ việc: không được để trống"),
        ),
        case(
            "subject_of_100_kb",
            Subject,
            "a".repeat(100 * 1024),
            Refused("dài quá 1000 ký tự"),
        ),
        case(
            "summary_over_100k_characters",
            Summary,
            "b".repeat(100 * 1024),
            Refused("dài quá 100000 ký tự"),
        ),
        case(
            "summary_of_100_kb_vietnamese",
            Summary,
            vietnamese_100kb.clone(),
            stored(vietnamese_100kb.trim_end()),
        ),
        case(
            "nfd_name_stored_nfc",
            Name,
            nfd_name,
            stored("Nguyễn Thị Ánh Tuyết"),
        ),
        case(
            "zero_width_and_bidi_controls_removed",
            Name,
            "Lê Văn\u{200B} Tám\u{202E}\u{2066}",
            stored("Lê Văn Tám"),
        ),
        case(
            "terminal_escapes_in_name_removed",
            Name,
            "Hoa\u{1b}[2J\u{1b}]0;pwned\u{7}",
            stored("Hoa[2J]0;pwned"),
        ),
        case(
            "terminal_escapes_in_subject_removed",
            Subject,
            "Đất\u{1b}[31m đai\u{9b}",
            stored("Đất[31m đai"),
        ),
        case(
            "sql_metacharacters_in_name_stored_exactly",
            Name,
            sql,
            stored(sql),
        ),
        case(
            "sql_metacharacters_in_subject_stored_exactly",
            Subject,
            sql,
            stored(sql),
        ),
        case(
            "formula_in_address_stored_exactly",
            Address,
            "=HYPERLINK(\"http://x\")",
            stored("=HYPERLINK(\"http://x\")"),
        ),
        case(
            "date_29_02_in_a_leap_year",
            Received,
            "29/02/2024",
            stored("2024-02-29"),
        ),
        case(
            "date_29_02_in_a_common_year",
            Received,
            "29/02/2025",
            Refused("ngày nhận đơn: không phải ngày hợp lệ"),
        ),
        case(
            "date_31_04",
            Received,
            "31/04/2026",
            Refused("không phải ngày hợp lệ"),
        ),
        case(
            "date_month_13",
            Received,
            "2026-13-01",
            Refused("không phải ngày hợp lệ"),
        ),
        case(
            "date_year_0",
            Received,
            "01/01/0000",
            Refused("không phải ngày hợp lệ"),
        ),
        case(
            "date_far_future",
            Received,
            "01/01/9999",
            Refused("không được sau ngày hôm nay"),
        ),
        case(
            "date_in_words",
            Received,
            "hôm qua",
            Refused("không phải ngày hợp lệ"),
        ),
        case(
            "cccd_too_short",
            Cccd,
            "12345",
            Refused("CCCD/CMND: phải là CCCD 12 chữ số"),
        ),
        case(
            "cccd_with_a_letter",
            Cccd,
            "04219000012A",
            Refused("12 chữ số"),
        ),
        case(
            "cccd_unknown_province",
            Cccd,
            "999190000123",
            Refused("mã tỉnh 999"),
        ),
        case(
            "cccd_with_spaces_normalised",
            Cccd,
            " 042 190 000 123 ",
            stored("042190000123"),
        ),
        case(
            "phone_too_short",
            Phone,
            "123",
            Refused("số điện thoại: không phải số điện thoại Việt Nam"),
        ),
        case(
            "phone_with_letters",
            Phone,
            "0912abc678",
            Refused("không phải số điện thoại"),
        ),
        case(
            "phone_foreign",
            Phone,
            "+1 202 555 0100",
            Refused("không phải số điện thoại"),
        ),
        case(
            "phone_international_form_normalised",
            Phone,
            "(+84) 912.345.678",
            stored("0912345678"),
        ),
    ]
}

fn visit_args(field: Field, typed: &str) -> Vec<String> {
    let mut args: Vec<String> = [
        "visit",
        "add",
        "--kind",
        "khiếu nại",
        "--name",
        "Nguyễn Văn An",
        "--subject",
        "Thu hồi đất",
        "--received",
        "02/11/2026",
    ]
    .map(String::from)
    .to_vec();
    match args.iter().position(|a| a == field.flag()) {
        Some(i) => args[i + 1] = typed.to_string(),
        None => args.extend([field.flag().to_string(), typed.to_string()]),
    }
    args
}

fn run_case(desk: &Desk, case: &Case) -> Result<(), String> {
    let before = desk.petitions();
    let args = visit_args(case.field, &case.typed);
    let out = desk.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    match &case.expect {
        Expect::Refused(expect) => {
            refused(&out, expect)?;
            if desk.petitions() != before {
                return Err("a refused visit was written".into());
            }
        }
        Expect::Stored(want) => {
            if !out.status.success() {
                return Err(String::from_utf8_lossy(&out.stderr).to_string());
            }
            let code = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let got: String = desk.sql(case.field.stored(), &code);
            if &got != want {
                return Err(format!("stored {got:?}"));
            }
        }
    }
    Ok(())
}

#[test]
fn visit_fields_catalogue() {
    let desk = Desk::new();
    let cases = catalogue();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| run_case(&desk, c).err().map(|e| format!("{}: {e}", c.name)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let stored = cases
        .iter()
        .filter(|c| matches!(c.expect, Expect::Stored(_)))
        .count();
    assert_eq!(
        desk.petitions(),
        stored as i64,
        "only the accepted cases wrote"
    );
    desk.ok(&["check"]);
}

#[test]
fn english_errors_name_the_field_too() {
    let desk = Desk::new();
    let mut args = vec!["--lang".to_string(), "en".to_string()];
    args.extend(visit_args(Field::Received, "31/04/2026"));
    let out = desk.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    refused(&out, "received date: is not a valid date").unwrap();
}

const HOSTILE: &str = "=HYPERLINK(\"http://evil\",\"x\")";

/// A desk whose one petition carries a formula in every free-text field, accepted and resolved so
/// it appears in every export, report, logbook and disclosure.
fn hostile_desk() -> (Desk, String) {
    let desk = Desk::new();
    let code = desk
        .ok(&[
            "visit",
            "add",
            "--kind",
            "khiếu nại",
            "--name",
            "@Nguyễn Văn Xấu",
            // `=` because a value starting with `-` would otherwise read as an option.
            "--address=-Thôn 1, xã Cẩm Xuyên",
            "--subject",
            HOSTILE,
            "--summary",
            "+84 là mã vùng\n=1+1",
            "--received",
            "02/09/2026",
            "--field",
            "đất đai",
        ])
        .trim()
        .to_string();
    desk.ok(&[
        "petition",
        "advance",
        &code,
        "--to",
        "thu ly",
        "--date",
        "2026-09-05",
    ]);
    desk.ok(&[
        "petition",
        "advance",
        &code,
        "--to",
        "resolved",
        "--decision",
        "=12/QĐ-UBND",
        "--date",
        "2026-09-20",
    ]);
    (desk, code)
}

fn assert_csv_safe(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            cells += 1;
            // A plain negative number (days overdue) is a number, not a formula.
            let number = cell
                .strip_prefix('-')
                .is_some_and(|n| n.parse::<f64>().is_ok())
                && !cell.contains(['e', 'E', '+']);
            assert!(
                number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what}: cell {cell:?} starts a formula"
            );
        }
    }
    assert!(cells > 0, "{what} is empty");
}

fn xlsx_sheets(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if name.starts_with("xl/") && name.ends_with(".xml") {
            entry.read_to_string(&mut xml).unwrap();
        }
    }
    xml
}

#[test]
fn csv_formula_injection_is_neutralised_in_every_csv_export() {
    let (desk, _) = hostile_desk();
    let period = ["--period", "2026-Q3"];
    let outputs: Vec<(&str, Vec<String>)> = vec![
        (
            "export",
            vec!["export".into(), "--format".into(), "csv".into()],
        ),
        (
            "report",
            vec!["report".into(), "--format".into(), "csv".into()],
        ),
        (
            "disclosure",
            vec!["disclosure".into(), "--format".into(), "csv".into()],
        ),
    ];
    for (what, mut args) in outputs {
        if what != "export" {
            args.extend(period.map(String::from));
        }
        let out = desk.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_csv_safe(&out.stdout, what);
    }
    let logbook = desk.file("so.csv");
    let path = logbook.to_str().unwrap();
    desk.ok(&[
        "logbook", "--period", "2026-Q3", "--format", "csv", "--output", path,
    ]);
    let bytes = std::fs::read(&logbook).unwrap();
    assert!(
        String::from_utf8_lossy(&bytes).contains("'=HYPERLINK"),
        "the subject is kept, quoted"
    );
    assert_csv_safe(&bytes, "logbook");
}

#[test]
fn xlsx_exports_hold_text_never_formulas() {
    let (desk, _) = hostile_desk();
    for (what, extra) in [("logbook", vec![]), ("report", vec!["--format", "xlsx"])] {
        let file = desk.file(&format!("{what}.xlsx"));
        let mut args = vec![
            what,
            "--period",
            "2026-Q3",
            "--output",
            file.to_str().unwrap(),
        ];
        args.extend(extra);
        desk.ok(&args);
        let xml = xlsx_sheets(&file);
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "{what} has a formula cell"
        );
        if what == "logbook" {
            assert!(xml.contains("HYPERLINK"), "the subject is there, as text");
        }
    }
}

#[test]
fn escapes_planted_in_the_database_never_reach_the_terminal() {
    let desk = Desk::new();
    let code = desk
        .ok(&[
            "visit",
            "add",
            "--kind",
            "phản ánh",
            "--name",
            "Hoa",
            "--subject",
            "Đèn đường",
        ])
        .trim()
        .to_string();
    // Written behind the program's back, as another tool or a hand edit could.
    let conn = Connection::open(desk.db()).unwrap();
    conn.execute(
        "UPDATE petition SET subject = 'Đèn\u{1b}[2J\u{1b}]0;pwned\u{7} đường\u{202E}' WHERE code = ?1",
        [&code],
    )
    .unwrap();
    conn.execute(
        "UPDATE citizen SET full_name = 'Hoa\u{1b}[31m\u{9b}1m\u{200F}'",
        [],
    )
    .unwrap();
    drop(conn);
    for args in [
        vec!["petition", "show", code.as_str()],
        vec!["search", "--reindex", "hoa"],
        vec!["due"],
        vec!["repeats", "--min", "1"],
    ] {
        let out = desk.run(&args);
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202E}', '\u{200F}'] {
            assert!(
                !text.contains(bad),
                "{args:?} let {bad:?} through: {text:?}"
            );
        }
    }
    let shown = desk.ok(&["petition", "show", &code]);
    assert!(shown.contains("Đèn"), "{shown}");
}

fn import_fails(desk: &Desk, name: &str, bytes: &[u8], expect: &str) {
    let file = desk.file(name);
    std::fs::write(&file, bytes).unwrap();
    let out = desk.run(&["import", file.to_str().unwrap()]);
    reported(&out, expect).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(desk.petitions(), 0, "{name}: nothing imported");
}

const HEADER: &str = "received_on,citizen_name,kind,subject\n";

#[test]
fn hostile_import_files_are_refused_whole() {
    let desk = Desk::new();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(HEADER.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    import_fails(&desk, "utf16.csv", &utf16, "UTF-16");
    let mut latin1 = HEADER.as_bytes().to_vec();
    latin1.extend(b"2026-11-02,Nguy\xean V\xe3n An,khieu nai,\xd0\xe2t\n");
    import_fails(&desk, "latin1.csv", &latin1, "UTF-8");
    let ragged = format!("{HEADER}2026-11-02,Lê An\n2026-11-02,Lê Bình,khiếu nại,Đất,x,y,z\n");
    import_fails(&desk, "ragged.csv", ragged.as_bytes(), "dòng 2");
    let quotes =
        format!("{HEADER}2026-11-02,\"Lê An,khiếu nại,Đất\n2026-11-03,Bình,kiến nghị,Đường\n");
    import_fails(
        &desk,
        "quotes.csv",
        quotes.as_bytes(),
        "dòng 2: một ô mở dấu ngoặc kép",
    );
    // In the last column the open quote swallowed the next rows into one subject, and the file
    // imported "fine" with rows missing.
    let swallowing =
        format!("{HEADER}2026-11-02,Lê An,kiến nghị,\"Sửa đường\n2026-11-03,Bình,phản ánh,Đèn\n");
    import_fails(&desk, "swallowing.csv", swallowing.as_bytes(), "ngoặc kép");
    import_fails(&desk, "empty.csv", b"", "tiepdan:");
    import_fails(&desk, "bom-only.csv", b"\xef\xbb\xbf", "tiepdan:");
}

#[test]
fn a_million_columns_are_read_past_not_held() {
    let desk = Desk::new();
    let wide = ",x".repeat(1_000_000);
    let text = format!(
        "{}{wide}\n2026-11-02,Lê An,khiếu nại,Đất{wide}\n",
        HEADER.trim_end()
    );
    let file = desk.file("million-columns.csv");
    std::fs::write(&file, text).unwrap();
    let out = desk.run(&["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        said.len() < 64 * 1024,
        "the report stays readable ({} bytes)",
        said.len()
    );
    assert_eq!(desk.petitions(), 1, "the row's known columns are imported");
}

#[test]
fn malformed_config_and_keymap_name_the_file_and_line() {
    let desk = Desk::new();
    let config = desk.file("config");
    std::fs::create_dir_all(&config).unwrap();
    let file = config.join("config.toml");
    for (text, expect) in [
        ("lang = \"en\"\nkeymap = [\n", "line 2"),
        ("lang = \"klingon\"\n", "line 1"),
        ("\n\n[roles]\nan = \"king\"\n", "line 4"),
        ("colour = true\n", "colour"),
    ] {
        std::fs::write(&file, text).unwrap();
        let out = desk.run(&["due"]);
        refused(&out, &file.display().to_string()).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        refused(&out, expect).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
    let keymap = config.join("mine.toml");
    std::fs::write(
        &file,
        format!("keymap = {:?}\n", keymap.display().to_string()),
    )
    .unwrap();
    for (text, expect) in [
        ("Save = \"Ctrl-S\"\nQuit = \"Hyper-Q\"\n", "line 2"),
        ("Save = \"Ctrl-S\"\n\nFly = \"F9\"\n", "line 3"),
        ("Save = 3\n", "line 1"),
        ("Save = \"Ctrl-S\"\nQuit = \"Ctrl-S\"\n", "line 2"),
        ("Save = [\"Ctrl-S\"\n", "line"),
    ] {
        std::fs::write(&keymap, text).unwrap();
        // The keymap is read by the desk screen; without a terminal it must fail before drawing.
        let out = desk.run(&[]);
        refused(&out, &keymap.display().to_string()).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        refused(&out, expect).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}
