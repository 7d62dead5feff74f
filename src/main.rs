//! The `tiepdan` binary: the command line and the terminal UI, both thin shells over the library.

mod cli;
mod tui;

fn main() -> std::process::ExitCode {
    cli::run()
}
