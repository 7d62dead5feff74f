//! A workbook with one giant cell, for the bounded-input test (`tests/bounds.rs`) and bench
//! (`benches/bounded.rs`, which includes this file by path).

use std::io::Write;
use std::path::Path;

/// Writes to `path` a workbook with a header, a good row and, in row 3, a cell of `bytes` bytes
/// (`open` + x… + `close`) in place of `marker`: the text `KHONGLO` lives in the shared text
/// table, `<v>424242</v>` (a number) in the sheet itself. The cell is streamed into the zip,
/// never held.
pub fn with_giant_cell(path: &Path, marker: &str, open: &str, bytes: usize, close: &str) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Sổ tiếp").unwrap();
    for (row, cells) in [
        ["Ngày tiếp", "Họ tên", "Loại đơn", "Nội dung"],
        ["20/11/2026", "Lê Văn Tám", "khiếu nại", "Đất đai"],
        ["21/11/2026", "Võ Thị Lan", "kiến nghị", "KHONGLO"],
    ]
    .iter()
    .enumerate()
    {
        for (col, text) in cells.iter().enumerate() {
            sheet.write_string(row as u32, col as u16, *text).unwrap();
        }
    }
    sheet.write_number(2, 4, 424242).unwrap();
    let plain = book.save_to_buffer().unwrap();
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(plain)).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(bytes > u32::MAX as usize / 2);
    let chunk = vec![b'x'; 1 << 20];
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
        out.start_file(entry.name().unwrap().into_owned(), options)
            .unwrap();
        match text.split_once(marker) {
            Some((before, after)) => {
                out.write_all(before.as_bytes()).unwrap();
                out.write_all(open.as_bytes()).unwrap();
                let mut left = bytes;
                while left > 0 {
                    let n = left.min(chunk.len());
                    out.write_all(&chunk[..n]).unwrap();
                    left -= n;
                }
                out.write_all(close.as_bytes()).unwrap();
                out.write_all(after.as_bytes()).unwrap();
            }
            None => out.write_all(text.as_bytes()).unwrap(),
        }
    }
    out.finish().unwrap();
}
