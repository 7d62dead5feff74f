//! `tiepdan key init|rotate|export-recovery`: the desk key that seals denouncers' identities
//! (issue 13; see `tiepdan::secrecy` and README "Bảo mật người tố cáo / Denouncer secrecy").
//! Only those who may see a denouncer's identity (operator, admin) manage it.

use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::error::{Deed, Error, PassphraseProblem};
use tiepdan::secrecy::{DeskKey, KeyForm};
use tiepdan::session::{Session, SessionOptions};

#[derive(Subcommand, Debug)]
pub enum KeyCommand {
    /// Make the desk key in the configuration folder (owner-only), if there is none yet.
    Init {
        /// Lock the desk key by a passphrase (Argon2id): asked twice on the terminal, or taken
        /// from TIEPDAN_PASSPHRASE; from then on the desk asks for it when it starts.
        #[arg(long)]
        passphrase: bool,
    },
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

/// The file the desk key is kept in: the locked one when it is locked by a passphrase.
fn key_file(dir: &std::path::Path) -> String {
    match DeskKey::form_in(dir) {
        KeyForm::Passphrase => DeskKey::locked_path_in(dir),
        _ => DeskKey::path_in(dir),
    }
    .display()
    .to_string()
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
        KeyCommand::Init { passphrase: false } => {
            let existed = DeskKey::form_in(&dir) != KeyForm::Missing;
            // Opening the desk makes the key (and seals what was stored without it).
            let ctx = g.open()?;
            refuse_inspector(&ctx)?;
            let key = match ctx.store.desk_key() {
                Some(key) => key.clone(),
                None => DeskKey::load_or_create(&dir)?,
            };
            let path = key_file(&dir);
            println!(
                "{}",
                tiepdan::i18n::key_ready(!existed, &path, &key.key_id_hex(), lang)
            );
        }
        KeyCommand::Init { passphrase: true } => {
            if !g.role().may_reveal_identity() {
                return Err(Error::Forbidden {
                    role: g.role(),
                    deed: Deed::ManageKey,
                });
            }
            // The key as it is now: a plain key file is read (made if missing); a key already
            // locked needs its current passphrase (asked before the new one).
            let key = match DeskKey::form_in(&dir) {
                KeyForm::Passphrase => {
                    let current = super::passphrase::unlock(lang)
                        .ok_or(Error::Passphrase(PassphraseProblem::Needed))?;
                    DeskKey::unlock_in(&dir, &current)?
                        .ok_or(Error::Passphrase(PassphraseProblem::Needed))?
                }
                _ => DeskKey::load_or_create(&dir)?,
            };
            let new = super::passphrase::new(lang)?;
            key.lock_in(&dir, &new)?;
            // Opening the desk with it seals whatever was stored without the key.
            let mut unlocked = g.clone();
            unlocked.passphrase = Some(new);
            let ctx = unlocked.open()?;
            refuse_inspector(&ctx)?;
            println!(
                "{}",
                tiepdan::i18n::key_locked(&key_file(&dir), &key.key_id_hex(), lang)
            );
        }
        KeyCommand::Rotate => {
            let mut ctx = g.open_existing()?;
            refuse_inspector(&ctx)?;
            let new = DeskKey::generate();
            // The new key is kept safe before any value is sealed with it; the database says
            // which key it holds if the rotation stops half-way (see `unlock_with`).
            new.write_next(&dir)?;
            let count = ctx.store.rotate_desk_key(&new)?;
            // A key locked by a passphrase stays locked by it.
            match g.passphrase.as_deref() {
                Some(passphrase) if DeskKey::form_in(&dir) == KeyForm::Passphrase => {
                    new.lock_in(&dir, passphrase)?;
                    DeskKey::discard_next(&dir)?;
                }
                _ => DeskKey::commit_next(&dir)?,
            }
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
