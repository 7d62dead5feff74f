//! A backend that writes fewer bytes per frame than ratatui's crossterm backend, for desks on slow
//! links and inspectors over SSH (issue #5 budgets: ≤ 1 KB per selection move, ≤ 16 KB to open
//! and close a petition on 120×40).
//!
//! ratatui hands the backend only the cells that changed. Written as they come, a screen change
//! costs a cursor move for every run of changed cells and a space for every cell that became
//! blank. This backend keeps a copy of what the terminal shows, and so can
//! - erase the blank end of a row with one "erase to end of line" instead of a run of spaces;
//! - bridge a short gap between two changed runs by re-printing the few unchanged cells between
//!   them when that is shorter than a cursor move.
//!
//! Every other call goes to the wrapped crossterm backend unchanged.

use crossterm::cursor::MoveTo;
use crossterm::queue;
use crossterm::style::{
    Attribute, Color as CColor, Colors, Print, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor,
};
use crossterm::terminal::{Clear, ClearType as CClearType};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Unchanged cells re-printed rather than jumped over when their bytes are fewer than this (a
/// cursor move is `ESC [ row ; col H`, 6 to 8 bytes).
const BRIDGE_BYTES: usize = 6;
/// Blank cells at a row's end worth an erase (`ESC [ K` plus perhaps a move) instead of spaces.
const ERASE_MIN: usize = 4;

pub struct LeanBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// What the terminal shows now, as far as this backend has drawn it.
    shown: Buffer,
    /// A fixed size instead of the terminal's (tests write to memory, not a terminal).
    fixed: Option<Size>,
}

enum Op {
    Put(u16, u16, Cell),
    /// Erase from this cell to the end of its row (every cell there is blank now).
    EraseRow(u16, u16),
}

fn blank(cell: &Cell) -> bool {
    *cell == Cell::EMPTY
}

/// One column of the terminal and plain to re-print (not the cover of a wide character, which
/// is marked with an empty symbol).
fn narrow(cell: &Cell) -> bool {
    cell.symbol().width() == 1
}

impl<W: Write> LeanBackend<W> {
    pub fn new(writer: W) -> LeanBackend<W> {
        LeanBackend {
            inner: CrosstermBackend::new(writer),
            shown: Buffer::empty(Rect::ZERO),
            fixed: None,
        }
    }

    #[cfg(test)]
    pub fn with_size(writer: W, size: Size) -> LeanBackend<W> {
        LeanBackend {
            fixed: Some(size),
            ..LeanBackend::new(writer)
        }
    }

    fn forget_screen(&mut self) {
        self.shown = Buffer::empty(Rect::ZERO);
    }

    /// The changed cells of one row (in column order) as the operations that draw them.
    fn row_ops(&self, y: u16, cells: Vec<(u16, Cell)>, ops: &mut Vec<Op>) {
        let width = self.shown.area.width;
        // The blank end of the row as it now is.
        let mut tail = width;
        while tail > 0 && blank(&self.shown[(tail - 1, y)]) {
            tail -= 1;
        }
        let in_tail = cells.iter().filter(|(x, _)| *x >= tail).count();
        let erase_at = (in_tail >= ERASE_MIN)
            .then(|| cells.iter().find(|(x, _)| *x >= tail).map(|(x, _)| *x))
            .flatten();
        let mut next_x: Option<u16> = None;
        let mut last_style = None;
        for (x, cell) in cells {
            if erase_at.is_some_and(|at| x >= at) {
                break;
            }
            if let (Some(from), Some(style)) = (next_x, last_style)
                && x > from
                && self.bridge(y, from, x, style)
            {
                for gap in from..x {
                    ops.push(Op::Put(gap, y, self.shown[(gap, y)].clone()));
                }
            }
            let w = cell.symbol().width().max(1) as u16;
            next_x = Some(x.saturating_add(w));
            last_style = Some((cell.fg, cell.bg, cell.modifier));
            ops.push(Op::Put(x, y, cell));
        }
        if let Some(at) = erase_at {
            ops.push(Op::EraseRow(at, y));
        }
    }

    /// Whether the unchanged cells `from..to` of row `y` are cheaper to re-print than to jump
    /// over: few bytes, one column each, in the style already set.
    fn bridge(&self, y: u16, from: u16, to: u16, style: (Color, Color, Modifier)) -> bool {
        let mut bytes = 0;
        for x in from..to {
            let cell = &self.shown[(x, y)];
            if !narrow(cell) || (cell.fg, cell.bg, cell.modifier) != style {
                return false;
            }
            bytes += cell.symbol().len();
            if bytes >= BRIDGE_BYTES {
                return false;
            }
        }
        true
    }

    fn write_ops(&mut self, ops: Vec<Op>) -> io::Result<()> {
        let w = &mut self.inner;
        let (mut fg, mut bg, mut modifier) = (Color::Reset, Color::Reset, Modifier::empty());
        let mut cursor: Option<(u16, u16)> = None;
        for op in ops {
            match op {
                Op::Put(x, y, cell) => {
                    if cursor != Some((x, y)) {
                        queue!(w, MoveTo(x, y))?;
                    }
                    if cell.modifier != modifier {
                        for attribute in modifier_change(modifier, cell.modifier) {
                            queue!(w, SetAttribute(attribute))?;
                        }
                        modifier = cell.modifier;
                    }
                    if cell.fg != fg || cell.bg != bg {
                        let colors =
                            Colors::new(cell.fg.into_crossterm(), cell.bg.into_crossterm());
                        queue!(w, SetColors(colors))?;
                        (fg, bg) = (cell.fg, cell.bg);
                    }
                    queue!(w, Print(cell.symbol()))?;
                    let width = cell.symbol().width();
                    // After a wide character, trust no terminal's idea of where the cursor is.
                    cursor = (width == 1).then_some((x + 1, y));
                }
                Op::EraseRow(x, y) => {
                    if cursor != Some((x, y)) {
                        queue!(w, MoveTo(x, y))?;
                    }
                    // The erase paints with the current background: make it the default.
                    if !modifier.is_empty() || bg != Color::Reset || fg != Color::Reset {
                        queue!(w, SetAttribute(Attribute::Reset))?;
                        (fg, bg, modifier) = (Color::Reset, Color::Reset, Modifier::empty());
                    }
                    queue!(w, Clear(CClearType::UntilNewLine))?;
                    cursor = Some((x, y));
                }
            }
        }
        queue!(
            w,
            SetForegroundColor(CColor::Reset),
            SetBackgroundColor(CColor::Reset),
            SetAttribute(Attribute::Reset)
        )
    }
}

/// The attributes that turn `from` into `to`, switching off only what goes (as ratatui's own
/// backend does, so a highlighted row costs no colour resets).
fn modifier_change(from: Modifier, to: Modifier) -> Vec<Attribute> {
    let removed = from - to;
    let mut out = Vec::new();
    let off = [
        (Modifier::REVERSED, Attribute::NoReverse),
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
        (
            Modifier::SLOW_BLINK | Modifier::RAPID_BLINK,
            Attribute::NoBlink,
        ),
        (Modifier::BOLD | Modifier::DIM, Attribute::NormalIntensity),
    ];
    for (modifier, attribute) in off {
        if removed.intersects(modifier) {
            out.push(attribute);
        }
    }
    // NormalIntensity switched off both bold and dim: put back the one that stays.
    let kept_intensity = if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        to & (Modifier::BOLD | Modifier::DIM)
    } else {
        Modifier::empty()
    };
    out.extend(attributes((to - from) | kept_intensity));
    out
}

fn attributes(modifier: Modifier) -> impl Iterator<Item = Attribute> {
    [
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
    ]
    .into_iter()
    .filter(move |(m, _)| modifier.contains(*m))
    .map(|(_, a)| a)
}

impl<W: Write> Write for LeanBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.size()?;
        if self.shown.area.as_size() != size {
            // A new size: ratatui redraws everything, so nothing shown is known any more.
            self.shown = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        }
        let mut rows: Vec<(u16, Vec<(u16, Cell)>)> = Vec::new();
        for (x, y, cell) in content {
            if x >= size.width || y >= size.height {
                continue;
            }
            self.shown[(x, y)] = cell.clone();
            // The columns a wide character covers are never sent: mark them so nothing is
            // re-printed over its right half.
            let width = cell.symbol().width() as u16;
            for cover in x.saturating_add(1)..x.saturating_add(width).min(size.width) {
                self.shown[(cover, y)].set_symbol("");
            }
            match rows.last_mut() {
                Some((row, cells)) if *row == y => cells.push((x, cell.clone())),
                _ => rows.push((y, vec![(x, cell.clone())])),
            }
        }
        let mut ops = Vec::new();
        for (y, mut cells) in rows {
            cells.sort_by_key(|(x, _)| *x);
            self.row_ops(y, cells, &mut ops);
        }
        self.write_ops(ops)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.forget_screen();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.forget_screen();
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(size) => Ok(size),
            None => self.inner.size(),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::app::App;
    use crate::tui::board_tests::board_store;
    use crate::tui::test_support::app_with;
    use crate::tui::theme::Palette;
    use crate::tui::view;
    use ratatui::backend::TestBackend;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    use std::num::NonZeroU16;
    use tiepdan::i18n::Lang;

    const SIZE: Size = Size {
        width: 120,
        height: 40,
    };

    /// Bytes written, readable while a backend owns the writer.
    #[derive(Clone, Default)]
    struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Sink {
        fn take(&self) -> Vec<u8> {
            std::mem::take(&mut self.0.borrow_mut())
        }
    }

    /// ratatui's own crossterm backend on the same frames, for comparison.
    fn plain_terminal(sink: &Sink) -> Terminal<CrosstermBackend<Sink>> {
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, SIZE.width, SIZE.height)),
        };
        Terminal::with_options(CrosstermBackend::new(sink.clone()), options).unwrap()
    }

    fn expected_text(app: &App) -> String {
        let mut t = Terminal::new(TestBackend::new(SIZE.width, SIZE.height)).unwrap();
        t.draw(|f| view::draw(f, app)).unwrap();
        let buffer = t.backend().buffer().clone();
        (0..SIZE.height)
            .map(|y| {
                let mut line = String::new();
                let mut x = 0;
                while x < SIZE.width {
                    let cell = &buffer[(x, y)];
                    line.push_str(cell.symbol());
                    x += cell.symbol().width().max(1) as u16;
                }
                line.trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A ratatui colour as the terminal records it (named colours are the 16 ANSI indexes).
    fn terminal_colour(colour: Color) -> vt100::Color {
        use vt100::Color::{Default, Idx, Rgb};
        match colour {
            Color::Reset => Default,
            Color::Black => Idx(0),
            Color::Red => Idx(1),
            Color::Green => Idx(2),
            Color::Yellow => Idx(3),
            Color::Blue => Idx(4),
            Color::Magenta => Idx(5),
            Color::Cyan => Idx(6),
            Color::Gray => Idx(7),
            Color::DarkGray => Idx(8),
            Color::LightRed => Idx(9),
            Color::LightGreen => Idx(10),
            Color::LightYellow => Idx(11),
            Color::LightBlue => Idx(12),
            Color::LightMagenta => Idx(13),
            Color::LightCyan => Idx(14),
            Color::White => Idx(15),
            Color::Indexed(i) => Idx(i),
            Color::Rgb(r, g, b) => Rgb(r, g, b),
        }
    }

    /// Every cell whose colours or attributes on the terminal differ from the frame's.
    fn style_differences(parser: &vt100::Parser, app: &App) -> Vec<String> {
        let mut t = Terminal::new(TestBackend::new(SIZE.width, SIZE.height)).unwrap();
        t.draw(|f| view::draw(f, app)).unwrap();
        let buffer = t.backend().buffer().clone();
        let mut differences = Vec::new();
        for y in 0..SIZE.height {
            for x in 0..SIZE.width {
                let shown = parser.screen().cell(y, x).expect("a cell on screen");
                if shown.is_wide_continuation() {
                    continue;
                }
                let cell = &buffer[(x, y)];
                let m = cell.modifier;
                let want = (
                    terminal_colour(cell.fg),
                    terminal_colour(cell.bg),
                    m.contains(Modifier::BOLD),
                    m.contains(Modifier::DIM),
                    m.contains(Modifier::ITALIC),
                    m.contains(Modifier::UNDERLINED),
                    m.contains(Modifier::REVERSED),
                );
                let got = (
                    shown.fgcolor(),
                    shown.bgcolor(),
                    shown.bold(),
                    shown.dim(),
                    shown.italic(),
                    shown.underline(),
                    shown.inverse(),
                );
                if want != got {
                    differences.push(format!(
                        "({x},{y}) {:?}: want {want:?}, got {got:?}",
                        cell.symbol()
                    ));
                }
            }
        }
        differences
    }

    fn screen_text(parser: &vt100::Parser) -> String {
        parser
            .screen()
            .rows(0, SIZE.width)
            .map(|r| r.trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Through the desk, the board, a selection move, a petition and back: what the terminal
    /// shows is exactly the frame — every character, colour and attribute — and never costs more
    /// bytes than ratatui's backend.
    #[test]
    fn frames_come_out_exact_and_smaller() {
        for palette in [Palette::None, Palette::Named] {
            let mut app = app_with(board_store(), Lang::Vi, palette);
            let (lean_sink, plain_sink) = (Sink::default(), Sink::default());
            let mut lean = Terminal::new(LeanBackend::with_size(lean_sink.clone(), SIZE)).unwrap();
            let mut plain = plain_terminal(&plain_sink);
            let mut parser = vt100::Parser::new(
                NonZeroU16::new(SIZE.height).unwrap(),
                NonZeroU16::new(SIZE.width).unwrap(),
                0,
            );
            let steps = [
                None,
                Some(Action::DeadlineBoard),
                Some(Action::Down),
                Some(Action::Open),
                Some(Action::Back),
                Some(Action::Report),
                Some(Action::Back),
            ];
            for step in steps {
                if let Some(action) = step.clone() {
                    app.update(action);
                    app.settle();
                }
                lean.draw(|f| view::draw(f, &app)).unwrap();
                plain.draw(|f| view::draw(f, &app)).unwrap();
                let (lean_bytes, plain_bytes) = (lean_sink.take(), plain_sink.take());
                parser.process(&lean_bytes);
                assert_eq!(screen_text(&parser), expected_text(&app), "after {step:?}");
                let wrong = style_differences(&parser, &app);
                assert!(
                    wrong.is_empty(),
                    "after {step:?}: {:#?}",
                    &wrong[..wrong.len().min(10)]
                );
                if palette == Palette::Named {
                    let coloured = (0..SIZE.height)
                        .flat_map(|y| (0..SIZE.width).map(move |x| (x, y)))
                        .filter(|&(x, y)| {
                            parser.screen().cell(y, x).unwrap().fgcolor() != vt100::Color::Default
                        })
                        .count();
                    assert!(
                        coloured > 0,
                        "after {step:?}: the colour frame has no colour"
                    );
                }
                assert!(
                    lean_bytes.len() <= plain_bytes.len(),
                    "after {step:?}: {} > {}",
                    lean_bytes.len(),
                    plain_bytes.len()
                );
            }
        }
    }
}
