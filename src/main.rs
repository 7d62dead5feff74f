//! The `tiepdan` binary: the command line and the terminal UI, both thin shells over the library.

mod cli;
mod tui;

fn main() -> std::process::ExitCode {
    // A reader that stops early (`tiepdan due | head -1`) ends the program quietly, as it ends
    // any Unix tool, instead of a "Broken pipe" panic: Rust ignores SIGPIPE unless told otherwise.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Without a subcommand the command line hands the session to the terminal UI; the two shells
    // meet only here.
    cli::run(tui::run)
}
