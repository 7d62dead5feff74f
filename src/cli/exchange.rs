//! `tiepdan import FILE.csv [--skip-bad] [--json]` and
//! `tiepdan export [--format csv|json] [--output FILE]`: thin shells over `tiepdan::exchange`.

use super::{Ctx, output};
use clap::Args;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::exchange::{self, BadRowSummary, Format, ImportOptions, PrivateFile};
use tiepdan::i18n::Lang;
use tiepdan::text::for_terminal;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The logbook CSV (UTF-8, BOM accepted). Required columns: received_on (Ngày tiếp),
    /// citizen_name (Họ tên), kind (Loại đơn), subject (Nội dung).
    file: PathBuf,
    /// Import the good rows and write the bad ones to FILE.rejects.csv (with a `reason` column).
    /// Without it, one bad row stops the whole import.
    #[arg(long)]
    skip_bad: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// csv (the logbook, for Excel) or json (JSON Lines, schema tiepdan.petition/1).
    #[arg(long, default_value = "csv")]
    format: String,
    /// Write to this file (created readable by you only) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(Serialize)]
struct ImportJson {
    rows: usize,
    added: usize,
    already_present: usize,
    committed: bool,
    rejects_file: Option<PathBuf>,
    ignored_columns: Vec<String>,
    bad: Vec<BadRowSummary>,
}

pub fn import(args: ImportArgs, ctx: &mut Ctx) -> Result<ExitCode> {
    let lang = ctx.lang;
    let options = ImportOptions {
        today: ctx.today,
        skip_bad: args.skip_bad,
        lang,
    };
    let report = exchange::import_csv(&mut ctx.store, &args.file, &options)?;
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
            ignored_columns: report.ignored_columns.clone(),
            bad: report.bad_summary(lang),
        });
        return Ok(code);
    }
    for error in report.errors(lang) {
        eprintln!("{}", for_terminal(&error.message(lang)));
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
        eprintln!(
            "{}",
            match lang {
                Lang::Vi => format!(
                    "Chưa nhập gì: {} dòng lỗi. Sửa các dòng trên rồi nhập lại, hoặc dùng --skip-bad để nhập các dòng đúng.",
                    report.bad.len()
                ),
                Lang::En => format!(
                    "Nothing imported: {} bad row(s). Fix them and import again, or use --skip-bad to import the good rows.",
                    report.bad.len()
                ),
            }
        );
        return Ok(code);
    }
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
            match lang {
                Lang::Vi => format!("{} dòng lỗi đã ghi vào {path}", report.bad.len()),
                Lang::En => format!("{} bad row(s) written to {path}", report.bad.len()),
            }
        );
    }
    Ok(code)
}

pub fn export(args: ExportArgs, ctx: &Ctx) -> Result<ExitCode> {
    let format: Format = args.format.parse()?;
    let count = match &args.output {
        Some(path) => {
            let mut file = PrivateFile::create(path)?;
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
