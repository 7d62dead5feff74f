//! `tiepdan demo`, `check` and `backup`.

use super::output;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::i18n::{PersonText, person_text};
use tiepdan::session::Session;
use tiepdan::text::for_terminal;

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// How many petitions to generate (1 to 10,000,000).
    #[arg(long, default_value_t = 2_000, value_parser = super::search::count(1, 10_000_000))]
    petitions: usize,
    /// Same seed, same data.
    #[arg(long, default_value_t = 7, value_parser = super::usage::number::<u64>(0, u64::MAX))]
    seed: u64,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Print as JSON.
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
            println!("    {}", for_terminal(code));
        }
        if report.sealed {
            let changed = report.tampered.len() + report.unsealed.len() + report.missing.len();
            println!(
                "{} {} {} / {}",
                mark(changed == 0),
                lang.pick(
                    "Đơn bị sửa/xóa/thêm ngoài chương trình:",
                    "Petitions changed/deleted/added behind the program's back:"
                ),
                changed,
                report.petitions_checked
            );
            let lists = [
                (&report.tampered, lang.pick("đã bị sửa", "changed")),
                (&report.missing, lang.pick("đã bị xóa", "deleted")),
                (
                    &report.unsealed,
                    lang.pick("không có trong nhật ký", "not in the audit log"),
                ),
            ];
            for (codes, what) in lists {
                for code in codes.iter().take(20) {
                    println!("    {} — {what}", for_terminal(code));
                }
                if codes.len() > 20 {
                    println!("    … (+{})", codes.len() - 20);
                }
            }
        } else {
            println!(
                "• {}",
                lang.pick(
                    "Chưa niêm phong nội dung đơn (mở cơ sở dữ liệu một lần bằng quyền ghi để bắt đầu)",
                    "Petition contents not sealed yet (open the database once with write access to start)"
                )
            );
        }
        let a = &report.anchor;
        if a.kept {
            println!(
                "{} {} {}",
                mark(a.is_ok()),
                lang.pick(
                    "Mốc nhật ký ngoài tệp (.anchor):",
                    "Audit anchor outside the file (.anchor):"
                ),
                if a.is_ok() {
                    format!("ok (#{})", a.anchored_seq)
                } else {
                    String::new()
                }
            );
            if a.file_missing {
                println!(
                    "    {}",
                    lang.pick(
                        "tệp mốc đã mất — không kiểm được bản ghi bị xóa",
                        "the anchor file is gone — deleted records cannot be ruled out"
                    )
                );
            }
            if a.records_lost > 0 {
                println!(
                    "    {} {}",
                    lang.pick(
                        "số bản ghi bị mất kể từ mốc cuối:",
                        "records lost since the last anchor:"
                    ),
                    a.records_lost
                );
            }
            if !a.rewritten.is_empty() {
                println!(
                    "    {} {}",
                    lang.pick("dòng nhật ký bị viết lại:", "audit rows rewritten:"),
                    a.rewritten.len()
                );
            }
            if a.damaged {
                println!(
                    "    {}",
                    lang.pick(
                        "tệp mốc bị cắt bớt hoặc sửa",
                        "the anchor file was truncated or edited"
                    )
                );
            }
        }
        if !report.given_identity_not_kept.is_empty() {
            println!(
                "! {} {}",
                person_text(PersonText::IdentityNotKept, lang),
                report.given_identity_not_kept.len()
            );
            for code in report.given_identity_not_kept.iter().take(20) {
                println!("    {code}");
            }
        }
    }
    if let Some(w) = ctx.store.policy().calendar.coverage_warning(ctx.today) {
        eprintln!("⚠ {}", calendar_warning(&w, lang));
    }
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// "The holiday table ends on 31/12/2027 (in 30 days)": deadlines beyond it are provisional.
pub fn calendar_warning(w: &tiepdan::rules::CoverageWarning, lang: tiepdan::i18n::Lang) -> String {
    let end = w.last_day.format("%d/%m/%Y");
    let next = w.last_year + 1;
    match lang {
        tiepdan::i18n::Lang::Vi if w.days_left >= 0 => format!(
            "bảng ngày nghỉ chỉ đến {end} (còn {} ngày): thêm lịch nghỉ năm {next} vào holidays.toml; \
             các hạn sau ngày đó là tạm tính",
            w.days_left
        ),
        tiepdan::i18n::Lang::Vi => format!(
            "bảng ngày nghỉ đã hết từ {end}: thêm lịch nghỉ năm {next} vào holidays.toml; \
             các hạn sau ngày đó là tạm tính"
        ),
        tiepdan::i18n::Lang::En if w.days_left >= 0 => format!(
            "the holiday table ends on {end} (in {} days): add {next} to holidays.toml; deadlines \
             after it are provisional",
            w.days_left
        ),
        tiepdan::i18n::Lang::En => format!(
            "the holiday table ended on {end}: add {next} to holidays.toml; deadlines after it are \
             provisional"
        ),
    }
}

pub fn backup(args: BackupArgs, ctx: &Session) -> Result<ExitCode> {
    ctx.store.backup(&args.path, args.force)?;
    println!("{}", args.path.display());
    Ok(ExitCode::SUCCESS)
}
