//! `tiepdan sync`: one sync with the province server (see `tiepdan::sync`).

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::error::{Error, Province};
use tiepdan::i18n::{ProvinceText, province_text};
use tiepdan::session::Session;
use tiepdan::sync::{BATCH, SyncOptions};

#[derive(Args, Debug)]
pub struct SyncArgs {
    /// The province server's URL (default: `[sync] server` in config.toml).
    #[arg(long)]
    server: Option<String>,
    /// The desk's access token (default: `[sync] token`; or TIEPDAN_SYNC_TOKEN).
    #[arg(long, env = "TIEPDAN_SYNC_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// An inspector's full read-only copy of the province into this database (read-only token).
    #[arg(long)]
    replica: bool,
    /// Only send this desk's records (a slow link); pull the others' on a later sync.
    #[arg(long, conflicts_with = "replica")]
    no_pull: bool,
    /// A certificate (PEM) to trust for the server (default: `[sync] ca_cert`, else public roots).
    #[arg(long)]
    ca_cert: Option<PathBuf>,
}

pub fn sync(args: SyncArgs, ctx: &mut Session) -> Result<ExitCode> {
    let config = &ctx.config.sync;
    let options = SyncOptions {
        server: args
            .server
            .or_else(|| config.server.clone())
            .ok_or(Error::Province(Province::NoServer))?,
        token: args
            .token
            .or_else(|| config.token.clone())
            .ok_or(Error::Province(Province::NoToken))?,
        replica: args.replica,
        pull: !args.no_pull,
        ca_cert: args.ca_cert.or_else(|| config.ca_cert.clone()),
        batch: BATCH,
    };
    let report = tiepdan::sync::sync(&mut ctx.store, &options, ctx.lang, ctx.today)?;
    let text = |t| province_text(t, ctx.lang);
    println!("{}", tiepdan::text::for_terminal(&report.desk));
    if args.replica {
        println!("{} {}", text(ProvinceText::ReplicaCopied), report.pulled);
    } else {
        println!("{} {}", text(ProvinceText::Pushed), report.pushed);
        println!("{} {}", text(ProvinceText::Pulled), report.pulled);
    }
    Ok(ExitCode::SUCCESS)
}
