//! The real terminal: raw mode and the alternate screen on the way in, and the terminal given back
//! on every way out — normal exit, panic, Ctrl-C, SIGTERM and SIGHUP (an SSH connection dropped).
//! Each frame is wrapped in synchronized output so slow links never show half-drawn screens.

use super::lean::LeanBackend;
use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::{Frame, Terminal};
use std::io::{self, Stdout, Write, stdout};
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the terminal is in our hands now; restoring twice must be harmless.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

pub struct Tui {
    terminal: Terminal<LeanBackend<Stdout>>,
    /// Set by SIGTERM, SIGHUP or SIGINT: the loop ends and the terminal is restored.
    stop: Arc<AtomicBool>,
}

/// Gives the terminal back: cooked mode, main screen, cursor shown. Errors are ignored because
/// after SIGHUP there may be no terminal left to write to.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = execute!(
            stdout(),
            EndSynchronizedUpdate,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            Show
        );
    }
}

fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// How long the event loop gets to notice a stop request before the process is ended for it.
/// After SIGHUP the terminal is gone and crossterm's reader may never return, so waiting for the
/// loop alone could leave an orphan process spinning on a dead pty.
const STOP_GRACE: std::time::Duration = std::time::Duration::from_millis(700);

fn register_signals(stop: &Arc<AtomicBool>) -> io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    #[cfg(unix)]
    let signals = [SIGTERM, SIGINT, signal_hook::consts::SIGHUP];
    #[cfg(not(unix))]
    let signals = [SIGTERM, SIGINT];
    let mut incoming = signal_hook::iterator::Signals::new(signals)?;
    let stop = Arc::clone(stop);
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = incoming.forever().next() {
                stop.store(true, Ordering::SeqCst);
                std::thread::sleep(STOP_GRACE);
                // Every save is already committed in its own transaction; nothing else to keep.
                restore();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

impl Tui {
    pub fn init() -> io::Result<Tui> {
        install_panic_hook();
        let stop = Arc::new(AtomicBool::new(false));
        register_signals(&stop)?;
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let mut out = stdout();
        if let Err(err) = execute!(out, EnterAlternateScreen, EnableBracketedPaste) {
            restore();
            return Err(err);
        }
        let terminal = Terminal::new(LeanBackend::new(out)).inspect_err(|_| restore())?;
        Ok(Tui { terminal, stop })
    }

    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Draws one frame inside a synchronized update, so the terminal shows it all at once.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        self.terminal.draw(render)?;
        queue!(self.terminal.backend_mut(), EndSynchronizedUpdate)?;
        self.terminal.backend_mut().flush()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore();
    }
}
