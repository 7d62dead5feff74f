//! The import's progress bar: drawn on standard error when it is a terminal and the file is
//! big enough to wait for, nothing otherwise (scripts, pipes, logs stay clean).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use tiepdan::exchange::{Pass, Progress};
use tiepdan::i18n::Lang;

/// Files smaller than this import in well under a second: no bar.
const WORTH_A_BAR: u64 = 256 * 1024;

pub struct Bar {
    bar: ProgressBar,
    lang: Lang,
}

impl Bar {
    pub fn for_file(path: &Path, lang: Lang) -> Bar {
        let big = std::fs::metadata(path).is_ok_and(|m| m.len() >= WORTH_A_BAR);
        let bar = if big && std::io::stderr().is_terminal() {
            ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        let style = ProgressStyle::with_template("{msg:12} [{bar:40}] {percent:>3}% {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        Bar { bar, lang }
    }
}

/// An import that stops on an error must not leave a half-drawn bar above its message.
impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn pass(&self, pass: Pass, total: u64) {
        let message = match pass {
            Pass::Check => self.lang.pick("Kiểm tra", "Checking"),
            Pass::Write => self.lang.pick("Ghi", "Writing"),
        };
        self.bar.set_message(message);
        self.bar.set_length(total);
        self.bar.set_position(0);
    }

    fn at(&self, done: u64) {
        self.bar.set_position(done);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
