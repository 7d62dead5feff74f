//! Small pieces every screen uses: safe text, dates, urgency marks, key hints, centred popups.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use tiepdan::domain::PetitionKind;
use tiepdan::due::DueView;
use tiepdan::i18n::Lang;
use tiepdan::privacy::{Audience, list_subject};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Text from the database as the terminal may show it: control characters and escape sequences
/// neutralised. Every database string passes through here before it is drawn.
pub fn safe(text: &str) -> String {
    tiepdan::text::for_terminal(text).into_owned()
}

pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Cuts `text` to `width` display columns with an ellipsis (Vietnamese NFC text is one column a
/// letter; wide characters count two).
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.width().unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// A list row's subject as this session's role may see it (one rule: `privacy::row_view`), made
/// safe for the terminal.
pub fn row_subject(app: &App, kind: PetitionKind, subject: &str) -> String {
    let audience = Audience::Screen(app.ctx.role);
    safe(&list_subject(kind, subject, audience, app.lang()))
}

/// The style of a deadline row: its urgency's, muted while the clock is stopped.
pub fn due_style(theme: &Theme, due: &DueView) -> Style {
    due.urgency.map_or(theme.muted(), |u| theme.urgency(u))
}

/// A deadline's urgency column ("⏸ tạm dừng" while paused), styled by meaning.
pub fn due_urgency_span(theme: &Theme, due: &DueView, lang: Lang) -> Span<'static> {
    Span::styled(due.urgency_text(lang), due_style(theme, due))
}

/// A deadline's days column ("còn 10 ngày LV"), styled by meaning.
pub fn due_days_span(theme: &Theme, due: &DueView, today: NaiveDate, lang: Lang) -> Span<'static> {
    Span::styled(due.days_text(today, lang), due_style(theme, due))
}

/// The key to show for an action: while typing, the first key that is not a plain character.
pub fn key_of(app: &App, action: &Action) -> Option<String> {
    let typing = app.typing();
    app.keymap
        .keys_for(action)
        .iter()
        .find(|k| !typing || k.typed_char().is_none())
        .map(|k| k.display())
}

/// "key label  key label …" for the hint line, most important first: what does not fit in
/// `width` is left out whole rather than cut in the middle.
pub fn hints(app: &App, items: &[(Action, &str)], width: usize) -> Line<'static> {
    let theme = &app.theme;
    let mut spans = Vec::new();
    let mut used = 0;
    for (action, label) in items {
        let Some(key) = key_of(app, action) else {
            continue;
        };
        let gap = if spans.is_empty() { 0 } else { 2 };
        let needed = gap + key.width() + 1 + label.width();
        if used + needed > width {
            continue;
        }
        used += needed;
        if gap > 0 {
            spans.push(Span::styled("  ", Style::default()));
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {label}")));
    }
    Line::from(spans)
}

/// Word-wraps styled text to `width` columns; lines after the first start with `indent` spaces,
/// so a wrapped value stays under its value column instead of running under the label.
pub fn wrap_spans(spans: Vec<Span<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(indent + 8);
    fn push_piece(piece: String, style: Style, current: &mut Vec<Span<'static>>, used: &mut usize) {
        *used += piece.width();
        current.push(Span::styled(piece, style));
    }
    fn finish(current: &mut Vec<Span<'static>>) -> Line<'static> {
        if let Some(last) = current.last_mut() {
            last.content = last.content.trim_end().to_string().into();
        }
        Line::from(std::mem::take(current))
    }
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in spans {
        let style = span.style;
        for word in span.content.split_inclusive(' ') {
            let mut word = word.to_string();
            if used > indent && used + word.trim_end().width() > width {
                lines.push(finish(&mut current));
                current.push(Span::raw(" ".repeat(indent)));
                used = indent;
                if word.trim().is_empty() {
                    continue;
                }
            }
            // A word longer than a whole line is cut where the line ends.
            while used + word.trim_end().width() > width {
                let room = width - used;
                let head: String = fit(&word, room).trim_end_matches('…').to_string();
                let head = if head.is_empty() {
                    word.chars().take(1).collect()
                } else {
                    head
                };
                word = word[head.len()..].to_string();
                push_piece(head, style, &mut current, &mut used);
                lines.push(finish(&mut current));
                current.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
            push_piece(word, style, &mut current, &mut used);
        }
    }
    if current.iter().any(|s| !s.content.trim().is_empty()) {
        lines.push(finish(&mut current));
    }
    lines
}

/// A box of `width` × `height` centred in `area`, never larger than it.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// A small chooser over the screen: the options, the chosen one marked ▶, and what Enter and
/// Esc do (`verb` is what Enter does: "lưu", "thực hiện").
pub fn chooser(
    frame: &mut ratatui::Frame,
    area: Rect,
    app: &App,
    title: &str,
    options: &[&str],
    selected: usize,
    verb: (&str, &str),
) {
    use ratatui::widgets::{Block, Clear, Paragraph};
    let lang = app.lang();
    let popup = centred(area, 46, options.len() as u16 + 4);
    frame.render_widget(Clear, popup);
    let mut lines: Vec<Line> = options
        .iter()
        .enumerate()
        .map(|(i, label)| {
            if i == selected {
                Line::from(Span::styled(format!("▶ {label}"), app.theme.focus()))
            } else {
                Line::from(format!("  {label}"))
            }
        })
        .collect();
    let open = key_of(app, &Action::Open).unwrap_or_default();
    let back = key_of(app, &Action::Back).unwrap_or_default();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        match lang {
            Lang::Vi => format!("{open}: {}   {back}: thôi", verb.0),
            Lang::En => format!("{open}: {}   {back}: cancel", verb.1),
        },
        app.theme.key(),
    )));
    let block = Block::bordered().title(Span::styled(format!(" {title} "), app.theme.title()));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_columns_not_bytes() {
        assert_eq!(fit("Nguyễn Thị Ánh", 14), "Nguyễn Thị Ánh");
        assert_eq!(fit("Nguyễn Thị Ánh", 8), "Nguyễn …");
        assert_eq!(fit("Nguyễn", 8).width(), 6);
    }

    #[test]
    fn wrapped_values_stay_under_their_column() {
        let spans = vec![
            Span::raw("Nội dung   "),
            Span::raw("Tranh chấp ranh giới đất với hộ liền kề"),
        ];
        let lines = wrap_spans(spans, 24, 11);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            text,
            [
                "Nội dung   Tranh chấp",
                "           ranh giới đất",
                "           với hộ liền",
                "           kề"
            ]
        );
        assert!(lines.iter().all(|l| l.width() <= 24));
    }

    #[test]
    fn safe_neutralises_escapes_and_bidi() {
        let shown = safe("Lê\u{1b}[2J\u{1b}]0;x\u{7}Hoa\u{202e}");
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}') && !shown.contains('\u{202e}')
        );
        assert!(shown.starts_with("Lê") && shown.contains("Hoa"));
    }
}
