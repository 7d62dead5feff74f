//! Printing for people and for scripts: aligned tables, colour only on a terminal without
//! NO_COLOR, every colour doubled by a symbol, and no raw database text reaching the terminal.

use std::io::IsTerminal;
use tiepdan::text::for_terminal;
use unicode_width::UnicodeWidthStr;

/// Colour is for people at a terminal that did not ask for none (https://no-color.org).
pub fn colour_enabled() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Truncates to `max` display columns (Vietnamese combining text counted right), with an ellipsis.
pub fn fit(text: &str, max: usize) -> String {
    let clean = for_terminal(text);
    if clean.width() <= max {
        return clean.into_owned();
    }
    let mut out = String::new();
    for c in clean.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Prints rows under headers, columns padded by display width. `paint` may wrap a whole line.
pub fn table(headers: &[&str], rows: &[Vec<String>], paint: impl Fn(usize, &str) -> String) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c}{}", " ".repeat(widths[i].saturating_sub(c.width()))))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    println!("{}", line(headers.to_vec()));
    for (index, row) in rows.iter().enumerate() {
        println!(
            "{}",
            paint(index, &line(row.iter().map(String::as_str).collect()))
        );
    }
}

/// Wraps text in an ANSI SGR colour when colour is on.
pub fn paint(text: &str, sgr: &str, enabled: bool) -> String {
    if enabled {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

pub fn json<T: serde::Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("output serialises")
    );
}
