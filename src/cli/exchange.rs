//! `tiepdan import` and `tiepdan export` (being written).

use super::Ctx;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan::Result;

#[derive(Args, Debug)]
pub struct ImportArgs {
    file: PathBuf,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, default_value = "csv")]
    format: String,
}

pub fn import(_args: ImportArgs, _ctx: &mut Ctx) -> Result<ExitCode> {
    Err(tiepdan::Error::ReadOnly)
}

pub fn export(_args: ExportArgs, _ctx: &Ctx) -> Result<ExitCode> {
    Err(tiepdan::Error::ReadOnly)
}
