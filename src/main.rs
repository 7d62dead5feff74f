//! The `tiepdan` binary: the command line and the terminal UI, both thin shells over the library.

mod cli;
mod tui;

fn main() -> std::process::ExitCode {
    // Without a subcommand the command line hands the session to the terminal UI; the two shells
    // meet only here.
    cli::run(tui::run)
}
