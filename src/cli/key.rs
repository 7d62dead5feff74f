//! `tiepdan key init|rotate|export-recovery`: the desk key that seals denouncers' identities
//! (issue 13; see `tiepdan::secrecy` and README "Bảo mật người tố cáo / Denouncer secrecy").
//! Only those who may see a denouncer's identity (operator, admin) manage it.

use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::error::{Deed, Error};
use tiepdan::secrecy::DeskKey;
use tiepdan::session::{Session, SessionOptions};

#[derive(Subcommand, Debug)]
pub enum KeyCommand {
    /// Make the desk key in the configuration folder (owner-only), if there is none yet.
    Init,
    /// Make a new desk key and seal every sealed value again with it, in one transaction.
    Rotate,
    /// Write the desk key to a file (owner-only, never overwritten) for a sealed envelope.
    ExportRecovery {
        /// The file to write.
        #[arg(long, short)]
        output: PathBuf,
    },
}

fn config_dir() -> Result<PathBuf> {
    tiepdan::config::config_dir().ok_or_else(|| Error::NotFound {
        what: "configuration folder",
        key: "HOME".into(),
    })
}

fn refuse_inspector(ctx: &Session) -> Result<()> {
    if ctx.role.may_reveal_identity() {
        Ok(())
    } else {
        Err(Error::Forbidden {
            role: ctx.role,
            deed: Deed::ManageKey,
        })
    }
}

pub fn run(cmd: KeyCommand, g: &SessionOptions) -> Result<ExitCode> {
    let dir = config_dir()?;
    let lang = g.lang;
    match cmd {
        KeyCommand::Init => {
            let existed = DeskKey::load(&dir)?.is_some();
            // Opening the desk makes the key (and seals what was stored without it).
            let ctx = g.open()?;
            refuse_inspector(&ctx)?;
            let key = DeskKey::load_or_create(&dir)?;
            let path = DeskKey::path_in(&dir).display().to_string();
            println!(
                "{}",
                tiepdan::i18n::key_ready(!existed, &path, &key.key_id_hex(), lang)
            );
        }
        KeyCommand::Rotate => {
            let mut ctx = g.open_existing()?;
            refuse_inspector(&ctx)?;
            let new = DeskKey::generate();
            // The new key is kept safe before any value is sealed with it; the database says
            // which key it holds if the rotation stops half-way (see `unlock_with_key_in`).
            new.write_next(&dir)?;
            let count = ctx.store.rotate_desk_key(&new)?;
            DeskKey::commit_next(&dir)?;
            println!(
                "{}",
                tiepdan::i18n::key_rotated(count, &new.key_id_hex(), lang)
            );
        }
        KeyCommand::ExportRecovery { output } => {
            let mut ctx = g.open_existing()?;
            refuse_inspector(&ctx)?;
            let Some(key) = ctx.store.desk_key().cloned() else {
                return Err(Error::NotFound {
                    what: "desk key",
                    key: DeskKey::path_in(&dir).display().to_string(),
                });
            };
            let sheet = tiepdan::i18n::recovery_sheet(
                &key.to_hex(),
                &key.key_id_hex(),
                &ctx.today.to_string(),
                ctx.store.actor(),
            );
            key.write_recovery(&output, &sheet)?;
            ctx.store.record_key_export(&key)?;
            println!(
                "{}",
                tiepdan::i18n::recovery_written(&output.display().to_string(), lang)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
