//! `tiepdan demo`, `check` and `backup`.

use super::output;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::session::Session;

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// How many petitions to generate.
    #[arg(long, default_value_t = 2_000)]
    petitions: usize,
    /// Same seed, same data.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct BackupArgs {
    /// Where to write the copy (refused if it exists, unless --force).
    path: PathBuf,
    /// Replace the file if it already exists (never the database or a file in use).
    #[arg(long)]
    force: bool,
}

pub fn demo(args: DemoArgs, ctx: &mut Session) -> Result<ExitCode> {
    let added = tiepdan::demo::load(&mut ctx.store, ctx.today, args.petitions, args.seed)?;
    eprintln!(
        "{}",
        match ctx.lang {
            tiepdan::i18n::Lang::Vi => format!("Đã tạo {added} đơn mẫu (seed {}).", args.seed),
            tiepdan::i18n::Lang::En =>
                format!("Generated {added} demo petitions (seed {}).", args.seed),
        }
    );
    Ok(ExitCode::SUCCESS)
}

pub fn check(args: CheckArgs, ctx: &Session) -> Result<ExitCode> {
    let report = ctx.store.check()?;
    let lang = ctx.lang;
    if args.json {
        output::json(&report);
    } else {
        let mark = |ok: bool| if ok { "✓" } else { "✗" };
        println!(
            "{} {} {}",
            mark(report.integrity.is_empty()),
            lang.pick("Toàn vẹn tệp:", "File integrity:"),
            if report.integrity.is_empty() {
                "ok".to_string()
            } else {
                report.integrity.join("; ")
            }
        );
        println!(
            "{} {} {}",
            mark(report.foreign_key_violations == 0),
            lang.pick("Khóa ngoại vi phạm:", "Foreign-key violations:"),
            report.foreign_key_violations
        );
        println!(
            "{} {} {} / {}",
            mark(report.audit_broken.is_empty()),
            lang.pick(
                "Nhật ký kiểm toán (dòng hỏng/tổng):",
                "Audit chain (broken/total):"
            ),
            report.audit_broken.len(),
            report.audit_rows
        );
        println!(
            "{} {} {} / {}",
            mark(report.state_mismatches.is_empty()),
            lang.pick(
                "Trạng thái đơn sai lệch/đã kiểm:",
                "Petition states wrong/checked:"
            ),
            report.state_mismatches.len(),
            report.petitions_checked
        );
        for code in report.state_mismatches.iter().take(20) {
            println!("    {code}");
        }
    }
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn backup(args: BackupArgs, ctx: &Session) -> Result<ExitCode> {
    ctx.store.backup(&args.path, args.force)?;
    println!("{}", args.path.display());
    Ok(ExitCode::SUCCESS)
}
