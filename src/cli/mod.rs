//! Command-line interface: clap definitions and one thin function per subcommand.
//! Exit codes: 0 success, 1 a user error (translated message on stderr), 2 a usage error.

mod citizen;
mod data;
mod exchange;
mod key;
mod output;
mod passphrase;
mod petition;
mod progress;
mod report;
mod rules;
mod schedule;
mod search;
mod sync;
mod usage;
mod visit;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::session::{Session, SessionOptions};

#[derive(Parser, Debug)]
#[command(
    name = "tiepdan",
    version,
    about = "Sổ tiếp công dân và theo dõi đơn thư — citizen-reception desk and petition tracker"
)]
pub struct Cli {
    /// Database file (default: the platform data directory's tiepdan.sqlite3).
    #[arg(long, env = "TIEPDAN_DB", global = true)]
    db: Option<PathBuf>,
    /// The acting officer named in the audit log (default: the OS user).
    #[arg(long = "as", value_name = "NAME", global = true)]
    actor: Option<String>,
    /// Work "as of" this date (YYYY-MM-DD or dd/mm/yyyy): period reviews, reproducible tests.
    #[arg(long, value_parser = parse_date, global = true)]
    today: Option<NaiveDate>,
    /// Language: vi (default) or en.
    #[arg(long, env = "TIEPDAN_LANG", global = true, value_parser = usage::lang_code)]
    lang: Option<String>,
    /// Open the database read-only (inspectors): nothing can be written.
    #[arg(long, global = true)]
    read_only: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

// Parsed once per run, so the size difference between variants costs nothing worth boxing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
enum Command {
    /// Log a visit (lượt tiếp) and the petition it brings.
    #[command(subcommand)]
    Visit(visit::VisitCommand),
    /// Show a petition or take a step in its life.
    #[command(subcommand)]
    Petition(petition::PetitionCommand),
    /// One citizen's whole history (`show`); merge or split persons (audited).
    #[command(subcommand)]
    Citizen(citizen::CitizenCommand),
    /// Find petitions by citizen name, ID number, phone, address or subject.
    Search(search::SearchArgs),
    /// Clusters of likely repeat filings (same person or same matter) in the whole database.
    Repeats(search::RepeatsArgs),
    /// Open petitions by deadline urgency.
    Due(search::DueArgs),
    /// Fill the database with realistic synthetic data.
    Demo(data::DemoArgs),
    /// Import a logbook (CSV or Excel/LibreOffice workbook) or another database's JSON Lines export.
    Import(exchange::ImportArgs),
    /// Export the logbook.
    Export(exchange::ExportArgs),
    /// Verify integrity, foreign keys, the audit chain and every petition's status.
    Check(data::CheckArgs),
    /// Copy the database safely while it is in use.
    Backup(data::BackupArgs),
    /// Periodic report (báo cáo định kỳ) for a period: table, md, csv or xlsx.
    Report(report::ReportArgs),
    /// The reception logbook (Sổ tiếp công dân, Mẫu số 03) of a period: csv or xlsx.
    Logbook(report::LogbookArgs),
    /// Resolved cases of a period for publication (công khai kết quả): csv or md.
    Disclosure(report::DisclosureArgs),
    /// The leaders' reception schedule: add a day, list a month with the days held and the minimum.
    #[command(subcommand)]
    Schedule(schedule::ScheduleCommand),
    /// The deadline, extension and suspension rules in force, each with its article and dates.
    Rules(rules::RulesArgs),
    /// The desk key that seals denouncers' identities: init, rotate, export-recovery.
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Sync with the province server: push this desk's records, pull other desks' petitions.
    Sync(sync::SyncArgs),
}

/// A date option (YYYY-MM-DD or dd/mm/yyyy); a bad one is a usage error in the user's language.
pub fn parse_date(raw: &str) -> std::result::Result<NaiveDate, String> {
    tiepdan::validate::date(tiepdan::domain::InputField::StepDate, raw)
        .map_err(|e| e.message(usage::lang()))
}

/// The session the command line asked for, over the configuration.
fn options(cli: &Cli) -> Result<SessionOptions> {
    SessionOptions::load(
        cli.db.clone(),
        cli.actor.clone(),
        cli.today,
        cli.lang.as_deref(),
        cli.read_only,
    )
}

/// What runs when no subcommand is given: the terminal UI (passed in by `main`).
pub type Interactive = fn(&SessionOptions) -> Result<ExitCode>;

pub fn run(interactive: Interactive) -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let asked_lang = usage::lang_of(&args);
    let cli: Cli = match usage::parse(args, asked_lang) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let (result, lang) = match options(&cli) {
        Ok(mut g) => {
            // A desk key locked by a passphrase: asked once, before anything opens (the
            // terminal UI too). `key init --passphrase` asks for its own.
            let sets_passphrase = matches!(
                &cli.command,
                Some(Command::Key(key::KeyCommand::Init { passphrase: true }))
            );
            if g.key_needs_passphrase() && !sets_passphrase {
                g.passphrase = passphrase::unlock(g.lang);
            }
            (dispatch(cli.command, &g, interactive), g.lang)
        }
        Err(e) => (Err(e), asked_lang),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("tiepdan: {}", err.message(lang));
            // A value no option takes (a period, a format) is a usage error like clap's own.
            if matches!(err, tiepdan::Error::UnknownValue { .. }) {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn dispatch(
    command: Option<Command>,
    g: &SessionOptions,
    interactive: Interactive,
) -> Result<ExitCode> {
    match command {
        None => interactive(g),
        // Only commands that bring new records create a missing database.
        Some(Command::Visit(cmd)) => visit::run(cmd, &mut g.open()?),
        Some(Command::Demo(args)) => data::demo(args, &mut g.open()?),
        Some(Command::Import(args)) => exchange::import(args, &mut g.open()?),
        Some(Command::Petition(cmd)) => petition::run(cmd, &mut g.open_existing()?),
        Some(Command::Citizen(cmd)) => citizen::run(cmd, &mut g.open_existing()?),
        Some(Command::Search(args)) => search::search(args, &mut g.open_existing()?),
        Some(Command::Repeats(args)) => search::repeats(args, &g.open_existing()?),
        Some(Command::Due(args)) => search::due(args, &g.open_existing()?),
        Some(Command::Export(args)) => exchange::export(args, &g.open_existing()?),
        Some(Command::Check(args)) => data::check(args, &g.open_existing()?),
        Some(Command::Backup(args)) => data::backup(args, &g.open_existing()?),
        Some(Command::Report(args)) => report::report(args, &g.open_existing()?),
        Some(Command::Logbook(args)) => report::logbook(args, &mut g.open_existing()?),
        Some(Command::Disclosure(args)) => report::disclosure(args, &g.open_existing()?),
        Some(Command::Schedule(cmd)) => schedule::run(cmd, g),
        Some(Command::Rules(args)) => rules::run(args, &g.policy()?, g.lang),
        Some(Command::Key(cmd)) => key::run(cmd, g),
        Some(Command::Sync(args)) => sync::sync(args, &mut g.open()?),
    }
}
