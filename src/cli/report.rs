//! `tiepdan report`, `tiepdan logbook` and `tiepdan disclosure`: thin shells over
//! `tiepdan::report`. Files are written through `exchange::PrivateFile` (0600, atomic), since
//! logbooks hold citizens' personal data and even reports are not for other users of the PC.

use super::{Session, output, parse_date};
use clap::Args;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tiepdan::exchange::{Guard, PrivateFile};
use tiepdan::i18n::Lang;
use tiepdan::report::render::{FileFormat, Table};
use tiepdan::report::{self, Period, PeriodReport};
use tiepdan::text::for_terminal;
use tiepdan::{Error, Result};

/// Which period: a named one, or explicit dates.
#[derive(Args, Debug)]
pub struct PeriodArgs {
    /// 2026-Q1..Q4, 2026-H1, 2026-H2, 2026-9M or 2026.
    #[arg(long, required_unless_present_all = ["from", "to"], conflicts_with_all = ["from", "to"])]
    period: Option<String>,
    /// First day counted (with --to instead of --period).
    #[arg(long, value_parser = parse_date, requires = "to")]
    from: Option<chrono::NaiveDate>,
    /// Last day counted.
    #[arg(long, value_parser = parse_date, requires = "from")]
    to: Option<chrono::NaiveDate>,
    /// The day of the period's last month the figures close on; the period starts the day after
    /// it in the month before. 0 = calendar months. Default: `[report] cutoff_day` in
    /// config.toml, else 14.
    #[arg(long, value_parser = super::usage::number::<u32>(0, 28))]
    cutoff_day: Option<u32>,
}

impl PeriodArgs {
    fn period(&self, ctx: &Session) -> Result<Period> {
        let cutoff_day = self.cutoff_day.unwrap_or(ctx.cutoff_day());
        match (&self.period, self.from, self.to) {
            (Some(name), _, _) => report::parse_period(name, cutoff_day),
            (None, Some(from), Some(to)) => Period::between(from, to),
            _ => Err(Error::UnknownValue {
                what: "--period",
                value: String::new(),
                allowed: "--period, --from/--to".into(),
            }),
        }
    }
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// table (terminal), md, csv or xlsx.
    #[arg(long, default_value = "table")]
    format: String,
    /// Write to this file (created readable by you only); required for xlsx.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Replace the file if it already exists (never the database or a file in use).
    #[arg(long)]
    force: bool,
}

#[derive(Args, Debug)]
pub struct LogbookArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// csv or xlsx.
    #[arg(long, default_value = "xlsx")]
    format: String,
    /// The file to write (created readable by you only).
    #[arg(long, short)]
    output: PathBuf,
    /// Replace the file if it already exists (never the database or a file in use).
    #[arg(long)]
    force: bool,
    /// The complete Sổ with denouncers named (operator/admin; audited; marked MẬT on every page
    /// and in the file name).
    #[arg(long)]
    with_identities: bool,
}

#[derive(Args, Debug)]
pub struct DisclosureArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// csv or md.
    #[arg(long, default_value = "md")]
    format: String,
    /// Write to this file (created readable by you only) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Replace the file if it already exists (never the database or a file in use).
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Table,
    Markdown,
    Csv,
    Xlsx,
}

fn shape(raw: &str, allowed: &[Shape]) -> Result<Shape> {
    let found = match raw.trim().to_ascii_lowercase().as_str() {
        "table" => Some(Shape::Table),
        "md" | "markdown" => Some(Shape::Markdown),
        "csv" => Some(Shape::Csv),
        "xlsx" | "excel" => Some(Shape::Xlsx),
        _ => None,
    };
    found
        .filter(|s| allowed.contains(s))
        .ok_or_else(|| Error::UnknownValue {
            what: "--format",
            value: raw.to_string(),
            allowed: allowed
                .iter()
                .map(|s| format!("{s:?}").to_lowercase())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The table's bytes in a file format.
fn encode(table: &Table, shape: Shape, sheet: &str) -> Result<Vec<u8>> {
    let format = match shape {
        Shape::Csv => FileFormat::Csv,
        Shape::Markdown => FileFormat::Markdown,
        Shape::Xlsx => FileFormat::Xlsx,
        Shape::Table => unreachable!("terminal tables are printed, not encoded"),
    };
    report::render::encode(table, format, sheet)
}

fn save(path: &Path, bytes: &[u8], guard: &Guard, lang: Lang) -> Result<()> {
    let mut file = PrivateFile::create(path, guard)?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    file.persist()?;
    let shown = for_terminal(&path.display().to_string()).into_owned();
    eprintln!(
        "{}",
        lang.pick("Đã ghi", "Written to").to_string() + " " + &shown
    );
    Ok(())
}

/// Writes to the file, or to standard output when there is none (never XLSX to a terminal).
fn deliver(
    table: &Table,
    shape: Shape,
    sheet: &str,
    output: Option<&Path>,
    guard: &Guard,
    lang: Lang,
) -> Result<ExitCode> {
    if shape == Shape::Table {
        println!("{}", for_terminal(&table.title));
        let rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| output::fit(c, 60)).collect())
            .collect();
        let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
        output::table(&headers, &rows, |_, line| line.to_string());
        return Ok(ExitCode::SUCCESS);
    }
    let bytes = encode(table, shape, sheet)?;
    match output {
        Some(path) => save(path, &bytes, guard, lang)?,
        None if shape == Shape::Xlsx => {
            return Err(Error::UnknownValue {
                what: "--output",
                value: "-".into(),
                allowed: "--output FILE.xlsx".into(),
            });
        }
        None => print_to_stdout(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A file redirected from standard output gets the exact bytes (the CSV keeps its BOM for Excel);
/// a terminal gets the text cleaned of control characters, without the invisible BOM.
fn print_to_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    let written = if stdout.is_terminal() {
        let text = String::from_utf8_lossy(bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        stdout.write_all(for_terminal_keep_lines(text).as_bytes())
    } else {
        stdout.write_all(bytes)
    };
    match written.and_then(|()| stdout.flush()) {
        // `tiepdan report --format csv | head`: the reader has seen enough.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Error::io("stdout", e)),
    }
}

/// Cleans each line for the terminal but keeps the line breaks.
fn for_terminal_keep_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| match line.strip_suffix('\n') {
            Some(body) => format!("{}\n", for_terminal(body.trim_end_matches('\r'))),
            None => for_terminal(line).into_owned(),
        })
        .collect()
}

pub fn report(args: ReportArgs, ctx: &Session) -> Result<ExitCode> {
    let shape = shape(
        &args.format,
        &[Shape::Table, Shape::Markdown, Shape::Csv, Shape::Xlsx],
    )?;
    let period = args.period.period(ctx)?;
    let table = PeriodReport::build(&ctx.store, &period)?.table(ctx.lang);
    deliver(
        &table,
        shape,
        ctx.lang.pick("Báo cáo", "Report"),
        args.output.as_deref(),
        &ctx.store.output_guard().replacing(args.force),
        ctx.lang,
    )
}

pub fn logbook(args: LogbookArgs, ctx: &mut Session) -> Result<ExitCode> {
    let shape = shape(&args.format, &[Shape::Csv, Shape::Xlsx])?;
    let period = args.period.period(ctx)?;
    let (mut table, output) = if args.with_identities {
        let table = report::logbook::logbook_with_identities(&mut ctx.store, &period, ctx.lang)?;
        (table, classified_path(&args.output))
    } else {
        let table = report::logbook::logbook(&ctx.store, &period, ctx.lang)?;
        (table, args.output.clone())
    };
    table.print.agency = ctx.config.agency.clone();
    let code = deliver(
        &table,
        shape,
        ctx.lang.pick("Sổ tiếp công dân", "Logbook"),
        Some(&output),
        &ctx.store.output_guard().replacing(args.force),
        ctx.lang,
    )?;
    if output != args.output {
        println!("{}", output.display());
    }
    Ok(code)
}

/// A file naming denouncers says so in its name: "so.xlsx" becomes "so-MAT.xlsx" (a name that
/// already carries MAT/MẬT is kept).
fn classified_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let marked = tiepdan::text::fold(&stem)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == "mat");
    if marked {
        return path.to_path_buf();
    }
    let name = match path.extension() {
        Some(ext) => format!("{stem}-MAT.{}", ext.to_string_lossy()),
        None => format!("{stem}-MAT"),
    };
    path.with_file_name(name)
}

pub fn disclosure(args: DisclosureArgs, ctx: &Session) -> Result<ExitCode> {
    let shape = shape(&args.format, &[Shape::Csv, Shape::Markdown, Shape::Xlsx])?;
    let period = args.period.period(ctx)?;
    let table = report::disclosure::disclosure(&ctx.store, &period, ctx.lang)?;
    deliver(
        &table,
        shape,
        ctx.lang.pick("Công khai", "Disclosure"),
        args.output.as_deref(),
        &ctx.store.output_guard().replacing(args.force),
        ctx.lang,
    )
}
