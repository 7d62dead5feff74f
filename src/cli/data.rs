//! `tiepdan demo`, `check` and `backup`.

use super::{Ctx, output};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::store::{BulkLoad, Case};

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

/// Petitions stored per transaction while loading demo data: big enough to amortise the fsync of
/// each commit, small enough to keep the WAL file modest.
const DEMO_BATCH: usize = 20_000;

/// The generator never emits one person twice, so no matching against stored people is needed.
const DEMO_LOAD: BulkLoad = BulkLoad {
    what: "demo",
    match_people: false,
};

/// Generates `petitions` demo petitions into the store; returns how many were added. The
/// generator runs on a second thread, a batch ahead of the store: on a two-core desk PC the
/// writing thread never waits for data.
pub fn load_demo(ctx: &mut Ctx, petitions: usize, seed: u64) -> Result<usize> {
    let options = tiepdan::demo::DemoOptions {
        petitions,
        seed,
        today: ctx.today,
    };
    let today = ctx.today;
    let store = &mut ctx.store;
    store.tune_for_bulk_load()?;
    let (send, batches) = std::sync::mpsc::sync_channel::<Result<Vec<Case>>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(DEMO_BATCH.min(petitions));
            for case in tiepdan::demo::cases(&options) {
                let case = match case {
                    Ok(case) => case,
                    Err(e) => {
                        let _ = send.send(Err(e));
                        return;
                    }
                };
                batch.push(Case {
                    citizens: case.citizens,
                    visit: case.visit,
                    petition: case.petition,
                    steps: case.steps,
                    actor: case.actor,
                });
                // A closed channel means the store failed: stop generating.
                if batch.len() == DEMO_BATCH && send.send(Ok(std::mem::take(&mut batch))).is_err() {
                    return;
                }
            }
            let _ = send.send(Ok(batch));
        });
        let mut added = 0;
        for batch in batches {
            added += store.insert_cases(batch?, today, DEMO_LOAD)?;
        }
        Ok(added)
    })
}

pub fn demo(args: DemoArgs, ctx: &mut Ctx) -> Result<ExitCode> {
    let added = load_demo(ctx, args.petitions, args.seed)?;
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

pub fn check(args: CheckArgs, ctx: &Ctx) -> Result<ExitCode> {
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

pub fn backup(args: BackupArgs, ctx: &Ctx) -> Result<ExitCode> {
    ctx.store.backup(&args.path, args.force)?;
    println!("{}", args.path.display());
    Ok(ExitCode::SUCCESS)
}
