//! The help overlay, generated from the active keymap so it can never disagree with it.

use super::widgets::centred;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang();
    let popup = centred(area, area.width, area.height);
    frame.render_widget(Clear, popup);
    let mut lines = vec![Line::from(Span::styled(
        lang.pick(
            "Trong ô nhập, chữ và số được gõ vào ô: dùng phím Ctrl- hoặc F- tương ứng.",
            "In a text field, letters and digits are typed: use the Ctrl- or F-key alternatives.",
        ),
        app.theme.muted(),
    ))];
    // This screen's commands first, from the same list as the hint bar, each with why it cannot
    // be done now when it cannot.
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        lang.pick("Ở màn hình này", "On this screen"),
        app.theme.title(),
    )));
    for command in app.commands() {
        let keys: Vec<String> = app
            .keymap
            .keys_for(&command.action)
            .iter()
            .map(|k| k.display())
            .collect();
        if keys.is_empty() {
            continue;
        }
        let mut spans = vec![
            Span::styled(format!("  {:<18}", keys.join(", ")), app.theme.key()),
            Span::raw(command.action.describe(lang)),
        ];
        if let Some(why) = command.why_not {
            spans.push(Span::styled(
                format!(" — {}", why.message(lang)),
                app.theme.muted(),
            ));
        }
        lines.push(Line::from(spans));
    }
    let mut group = None;
    for (action, keys) in app.keymap.bindings() {
        if group != Some(action.group()) {
            group = Some(action.group());
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                action.group().label(lang),
                app.theme.title(),
            )));
        }
        let keys: Vec<String> = keys.iter().map(|k| k.display()).collect();
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<18}", keys.join(", ")), app.theme.key()),
            Span::raw(action.describe(lang)),
        ]));
    }
    let title = format!(" {} ", lang.pick("Trợ giúp — phím tắt", "Help — keys"));
    let scroll = app.help_scroll.min(lines.len().saturating_sub(1)) as u16;
    let paragraph = Paragraph::new(lines)
        .block(Block::bordered().title(Span::styled(title, app.theme.title())))
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    frame.render_widget(paragraph, popup);
}
