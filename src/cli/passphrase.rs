//! The desk key's passphrase on the command line (issue 13): `TIEPDAN_PASSPHRASE`, else asked on
//! the terminal without echo; never on a command line (it would stay in the shell's history).

use std::io::{BufRead, IsTerminal, Write};
use tiepdan::error::{Error, PassphraseProblem};
use tiepdan::i18n::{Lang, PassphrasePrompt, passphrase_prompt};
use tiepdan::secrecy::MIN_PASSPHRASE;

/// The environment variable a desk started by a script gives the passphrase in.
pub const ENV: &str = "TIEPDAN_PASSPHRASE";

/// Reads a line from the terminal with echo off; None when standard input is no terminal.
fn read_hidden(prompt: &str) -> Option<String> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return None;
    }
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    let _echo = EchoOff::new();
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    drop(_echo);
    eprintln!();
    read.ok()?;
    Some(line.trim_end_matches(['\r', '\n']).to_string())
}

/// The passphrase that unlocks the desk key: the environment's, else asked on the terminal.
pub fn unlock(lang: Lang) -> Option<String> {
    std::env::var(ENV)
        .ok()
        .or_else(|| read_hidden(passphrase_prompt(PassphrasePrompt::Unlock, lang)))
}

/// A new passphrase (`key init --passphrase`): the environment's, else typed twice.
pub fn new(lang: Lang) -> tiepdan::Result<String> {
    let passphrase = match std::env::var(ENV) {
        Ok(p) => p,
        Err(_) => {
            let first = read_hidden(passphrase_prompt(PassphrasePrompt::New, lang))
                .ok_or(Error::Passphrase(PassphraseProblem::Needed))?;
            let again = read_hidden(passphrase_prompt(PassphrasePrompt::Again, lang))
                .ok_or(Error::Passphrase(PassphraseProblem::Needed))?;
            if first != again {
                return Err(Error::Passphrase(PassphraseProblem::Mismatch));
            }
            first
        }
    };
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(Error::Passphrase(PassphraseProblem::TooShort {
            min: MIN_PASSPHRASE,
        }));
    }
    Ok(passphrase)
}

/// Terminal echo turned off for as long as it lives (Unix); elsewhere the line is echoed.
struct EchoOff {
    #[cfg(unix)]
    saved: Option<libc::termios>,
}

impl EchoOff {
    fn new() -> EchoOff {
        #[cfg(unix)]
        {
            // SAFETY: tcgetattr/tcsetattr on standard input with a zeroed termios they fill.
            unsafe {
                let mut term: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(libc::STDIN_FILENO, &mut term) != 0 {
                    return EchoOff { saved: None };
                }
                let saved = term;
                term.c_lflag &= !libc::ECHO;
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &term);
                EchoOff { saved: Some(saved) }
            }
        }
        #[cfg(not(unix))]
        EchoOff {}
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(saved) = self.saved {
            // SAFETY: restores the settings read in `new`.
            unsafe {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &saved);
            }
        }
    }
}
