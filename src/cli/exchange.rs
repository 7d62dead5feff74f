//! `tiepdan import FILE.csv|FILE.xlsx [--sheet NAME] [--mapping FILE.toml] [--skip-bad] [--json]` and
//! `tiepdan export [--format csv|json] [--output FILE]`: thin shells over `tiepdan::exchange`.

use super::output;
use super::progress::Bar;
use clap::Args;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::exchange::source::FileKind;
use tiepdan::exchange::{self, BadRowSummary, Format, ImportOptions, Mapping, PrivateFile};
use tiepdan::i18n::Lang;
use tiepdan::session::Session;
use tiepdan::text::for_terminal;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The logbook: CSV (UTF-8, BOM accepted) or a workbook (.xlsx, .xls, .ods). Required
    /// columns: received_on (Ngày tiếp), citizen_name (Họ tên), kind (Loại đơn), subject (Nội
    /// dung); the header row is found below any title rows. Or another tiepdan database's
    /// `export --format json` (.jsonl), merged into this one without duplicates.
    file: PathBuf,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// A TOML file naming which of the file's headers is which column (see README, "Import").
    #[arg(long, value_name = "FILE.toml")]
    mapping: Option<PathBuf>,
    /// Import the good rows and write the bad ones to FILE.rejects.csv (with a `reason` column;
    /// for a JSONL merge: line, code, field, reason). Without it, one bad row stops the whole
    /// import.
    #[arg(long)]
    skip_bad: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// csv (the logbook, for Excel) or json (JSON Lines, schema tiepdan.petition/2).
    #[arg(long, default_value = "csv")]
    format: String,
    /// Write to this file (created readable by you only) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Replace the file if it already exists (never the database or a file in use).
    #[arg(long)]
    force: bool,
}

/// Bad rows listed on the terminal: a file that is wrong throughout is one fix, not 100,000 lines.
const SHOWN_BAD_ROWS: usize = exchange::KEPT_BAD_ROWS;

#[derive(Serialize)]
struct ImportJson {
    rows: usize,
    added: usize,
    already_present: usize,
    committed: bool,
    rejects_file: Option<PathBuf>,
    /// Bad rows in all; `bad` lists the first 50 (the reject file of `--skip-bad` holds them all).
    bad_rows: usize,
    ignored_columns: Vec<String>,
    bad: Vec<BadRowSummary>,
    recoded: Vec<exchange::Recoded>,
}

/// `tiepdan import FILE.jsonl`: another database's export merged into this one.
fn merge(args: &ImportArgs, ctx: &mut Session) -> Result<ExitCode> {
    let lang = ctx.lang;
    if args.sheet.is_some() || args.mapping.is_some() {
        // A usage mistake, like clap's: exit code 2, nothing done.
        eprintln!(
            "{}",
            lang.pick(
                "--sheet và --mapping chỉ dùng cho sổ CSV hoặc bảng tính, không dùng khi gộp tệp JSONL",
                "--sheet and --mapping are for CSV or workbook logbooks, not for merging a JSONL file",
            )
        );
        return Ok(ExitCode::from(2));
    }
    let bar = Bar::for_file(&args.file, lang);
    let report = exchange::import_jsonl(
        &mut ctx.store,
        &args.file,
        ctx.today,
        lang,
        &bar,
        args.skip_bad,
    )?;
    if args.json {
        output::json(&report);
        return Ok(ExitCode::SUCCESS);
    }
    for bad in &report.bad {
        let error = tiepdan::Error::Import {
            line: bad.line,
            message: if bad.code.is_empty() {
                bad.reason.clone()
            } else {
                format!("{}: {}", bad.code, bad.reason)
            },
        };
        eprintln!("{}", for_terminal(&error.message(lang)));
    }
    if report.bad_lines > report.bad.len() {
        eprintln!(
            "{}",
            tiepdan::i18n::more_bad_rows(lang, report.bad_lines - report.bad.len())
        );
    }
    let counts = &report.counts;
    print_recoded(counts.recoded.iter().map(|(t, o)| (None, t, o)), lang);
    if !counts.diverged.is_empty() {
        let codes = for_terminal(&counts.diverged.join(", ")).into_owned();
        eprintln!(
            "{}",
            match lang {
                Lang::Vi => format!(
                    "Lịch sử xử lý khác nhau ở hai nơi, giữ nguyên bản ở đây (cần xem lại): {codes}"
                ),
                Lang::En => format!(
                    "Histories differ in the two databases; kept this one's (review them): {codes}"
                ),
            }
        );
    }
    println!(
        "{}",
        match lang {
            Lang::Vi => format!(
                "Đã gộp {} đơn: {} đơn mới, {} đơn cập nhật, {} đơn không đổi, {} đơn lệch lịch sử.",
                counts.read,
                counts.added,
                counts.updated,
                counts.unchanged,
                counts.diverged.len()
            ),
            Lang::En => format!(
                "Merged {} petition(s): {} new, {} updated, {} unchanged, {} with differing histories.",
                counts.read,
                counts.added,
                counts.updated,
                counts.unchanged,
                counts.diverged.len()
            ),
        }
    );
    if let Some(rejects) = &report.rejects_file {
        let path = for_terminal(&rejects.display().to_string()).into_owned();
        eprintln!(
            "{}",
            tiepdan::i18n::bad_rows_written(lang, report.bad_lines, &path)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Petitions stored under a new code because theirs belonged to another petition here (at most
/// [`SHOWN_BAD_ROWS`] lines; `--json` lists them all).
fn print_recoded<'a>(
    recoded: impl ExactSizeIterator<Item = (Option<u64>, &'a String, &'a String)>,
    lang: Lang,
) {
    let total = recoded.len();
    for (line, theirs, ours) in recoded.take(SHOWN_BAD_ROWS) {
        let note = tiepdan::i18n::recoded_note(lang, line, theirs, ours);
        eprintln!("{}", for_terminal(&note));
    }
    if total > SHOWN_BAD_ROWS {
        eprintln!(
            "{}",
            tiepdan::i18n::more_recoded(lang, total - SHOWN_BAD_ROWS)
        );
    }
}

pub fn import(args: ImportArgs, ctx: &mut Session) -> Result<ExitCode> {
    if FileKind::of(&args.file) == FileKind::JsonLines {
        return merge(&args, ctx);
    }
    let lang = ctx.lang;
    let mut mapping = match &args.mapping {
        Some(path) => Mapping::load(path, lang)?,
        None => Mapping::default(),
    };
    if args.sheet.is_some() {
        mapping.sheet = args.sheet.clone();
    }
    let options = ImportOptions {
        today: ctx.today,
        skip_bad: args.skip_bad,
        lang,
        mapping,
    };
    let bar = Bar::for_file(&args.file, lang);
    let report = exchange::import_logbook(&mut ctx.store, &args.file, &options, &bar)?;
    let code = if report.committed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    if args.json {
        output::json(&ImportJson {
            rows: report.rows,
            added: report.added,
            already_present: report.already_present,
            committed: report.committed,
            rejects_file: report.rejects_file.clone(),
            bad_rows: report.bad_rows,
            ignored_columns: report.ignored_columns.clone(),
            bad: report.bad_summary(lang),
            recoded: report.recoded.clone(),
        });
        return Ok(code);
    }
    let errors = report.errors(lang);
    for error in errors.iter().take(SHOWN_BAD_ROWS) {
        eprintln!("{}", for_terminal(&error.message(lang)));
    }
    if report.bad_rows > SHOWN_BAD_ROWS {
        let more = report.bad_rows - SHOWN_BAD_ROWS;
        eprintln!("{}", tiepdan::i18n::more_bad_rows(lang, more));
    }
    if !report.ignored_columns.is_empty() {
        let columns = for_terminal(&report.ignored_columns.join(", ")).into_owned();
        eprintln!(
            "{}",
            match lang {
                Lang::Vi => format!("Bỏ qua các cột không dùng: {columns}"),
                Lang::En => format!("Ignored unknown columns: {columns}"),
            }
        );
    }
    if !report.committed {
        eprintln!("{}", tiepdan::i18n::nothing_imported(lang, report.bad_rows));
        return Ok(code);
    }
    print_recoded(
        report
            .recoded
            .iter()
            .map(|r| (Some(r.line), &r.code, &r.given)),
        lang,
    );
    println!(
        "{}",
        match lang {
            Lang::Vi => format!(
                "Đã nhập {} đơn mới; {} đơn đã có sẵn (bỏ qua).",
                report.added, report.already_present
            ),
            Lang::En => format!(
                "Imported {} new petition(s); {} already present (skipped).",
                report.added, report.already_present
            ),
        }
    );
    if let Some(rejects) = &report.rejects_file {
        let path = for_terminal(&rejects.display().to_string()).into_owned();
        eprintln!(
            "{}",
            tiepdan::i18n::bad_rows_written(lang, report.bad_rows, &path)
        );
    }
    Ok(code)
}

pub fn export(args: ExportArgs, ctx: &Session) -> Result<ExitCode> {
    let format: Format = args.format.parse()?;
    let count = match &args.output {
        Some(path) => {
            let guard = ctx.store.output_guard().replacing(args.force);
            let mut file = PrivateFile::create(path, &guard)?;
            let dest = path.display().to_string();
            let count = exchange::export(&ctx.store, format, ctx.lang, &mut file, &dest)?;
            file.persist()?;
            count
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let written = exchange::export(&ctx.store, format, ctx.lang, &mut out, "stdout")
                .and_then(|count| {
                    out.flush().map_err(|e| tiepdan::Error::io("stdout", e))?;
                    Ok(count)
                });
            match written {
                // `tiepdan export | head`: the reader has seen enough; that is not a failure.
                Err(tiepdan::Error::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::BrokenPipe =>
                {
                    return Ok(ExitCode::SUCCESS);
                }
                other => other?,
            }
        }
    };
    if let Some(path) = &args.output {
        let path = for_terminal(&path.display().to_string()).into_owned();
        eprintln!(
            "{}",
            match ctx.lang {
                Lang::Vi => format!("Đã xuất {count} đơn vào {path}"),
                Lang::En => format!("Exported {count} petition(s) to {path}"),
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}
