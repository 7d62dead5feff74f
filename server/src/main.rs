//! `tiepdan-server`: the province tier. Desks keep their SQLite file and push their exchange
//! records (`tiepdan.petition/2`) here; the server keeps them in PostgreSQL, derives a
//! province-wide search over them, and hands other desks' petitions back (read-only).
//!
//! Exit codes: 0 success, 1 a user error (translated message on stderr), 2 a usage error.

mod db;
mod http;
mod token;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan_core::error::{Error, Province};
use tiepdan_core::i18n::{Lang, ProvinceText, province_text};

#[derive(Parser, Debug)]
#[command(
    name = "tiepdan-server",
    version,
    about = "tiepdan province server: desks sync their records through it (PostgreSQL)"
)]
struct Cli {
    /// The province database: a PostgreSQL URL (postgresql://user@host/db) or key=value string.
    #[arg(long, env = "TIEPDAN_PG", global = true, hide_env_values = true)]
    pg: Option<String>,
    /// Language: vi (default) or en.
    #[arg(long, env = "TIEPDAN_LANG", global = true)]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Create or upgrade the province schema (forward only; a newer schema is refused).
    Migrate,
    /// Add, list or revoke the desks allowed to sync.
    #[command(subcommand)]
    Desk(DeskCommand),
    /// Serve desks over HTTP (loopback only) or HTTPS.
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8750 or 0.0.0.0:443 (with TLS).
        #[arg(long)]
        listen: String,
        /// TLS certificate chain (PEM).
        #[arg(long)]
        tls_cert: Option<PathBuf>,
        /// TLS private key (PEM).
        #[arg(long)]
        tls_key: Option<PathBuf>,
    },
    /// Counts of petitions, desks, records and events.
    Stats {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
enum DeskCommand {
    /// Add a desk and print its access token (once; the server keeps only a hash).
    Add {
        name: String,
        /// An inspector's token: may pull (and make a replica), never push.
        #[arg(long)]
        read_only: bool,
    },
    /// List the desks.
    List,
    /// Revoke a desk's token: its next sync is refused.
    Revoke { name: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tiepdan-server: {}", Error::io("tokio", e).message(lang));
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli, lang)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("tiepdan-server: {}", err.message(lang));
            ExitCode::from(1)
        }
    }
}

async fn run(cli: Cli, lang: Lang) -> Result<(), Error> {
    let url = cli.pg.ok_or(Error::Province(Province::NoDatabase))?;
    let pool = db::Db::connect(&url).await?;
    let text = |t| province_text(t, lang);
    match cli.command {
        Command::Migrate => {
            let version = pool.migrate().await?;
            println!("{} {version}", text(ProvinceText::SchemaAt));
        }
        Command::Desk(DeskCommand::Add { name, read_only }) => {
            pool.ready().await?;
            let token = pool.add_desk(&name, read_only).await?;
            println!("{}", text(ProvinceText::TokenOnce));
            println!("{token}");
        }
        Command::Desk(DeskCommand::List) => {
            pool.ready().await?;
            let desks = pool.desks().await?;
            if desks.is_empty() {
                println!("{}", text(ProvinceText::NoDesks));
            }
            let width = desks
                .iter()
                .map(|d| d.name.chars().count())
                .chain([text(ProvinceText::ColDesk).chars().count()])
                .max()
                .unwrap_or(0);
            if !desks.is_empty() {
                println!(
                    "{:width$}  {:12}  {:10}  {}",
                    text(ProvinceText::ColDesk),
                    text(ProvinceText::ColAccess),
                    text(ProvinceText::ColAdded),
                    text(ProvinceText::ColState),
                );
            }
            for d in desks {
                let access = if d.read_only {
                    ProvinceText::ReadOnly
                } else {
                    ProvinceText::ReadWrite
                };
                let state = if d.revoked {
                    ProvinceText::Revoked
                } else {
                    ProvinceText::Active
                };
                println!(
                    "{:width$}  {:12}  {:10}  {}",
                    tiepdan_core::text::for_terminal(&d.name),
                    text(access),
                    d.added.format("%Y-%m-%d"),
                    text(state)
                );
            }
        }
        Command::Desk(DeskCommand::Revoke { name }) => {
            pool.ready().await?;
            pool.revoke_desk(&name).await?;
            println!("{} {name}", text(ProvinceText::DeskRevoked));
        }
        Command::Stats { json } => {
            pool.ready().await?;
            let stats = pool.stats().await?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&stats).expect("stats serialise")
                );
            } else {
                println!("{}: {}", text(ProvinceText::Petitions), stats.petitions);
                println!("{}: {}", text(ProvinceText::Desks), stats.desks);
                println!("{}: {}", text(ProvinceText::Records), stats.records);
                println!("{}: {}", text(ProvinceText::Events), stats.events);
            }
        }
        Command::Serve {
            listen,
            tls_cert,
            tls_key,
        } => {
            pool.ready().await?;
            let tls = match (tls_cert, tls_key) {
                (Some(cert), Some(key)) => Some((cert, key)),
                (None, None) => None,
                _ => return Err(Error::Province(Province::TlsHalf)),
            };
            http::serve(pool, &listen, tls, lang).await?;
        }
    }
    Ok(())
}
