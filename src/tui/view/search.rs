//! The search box and its results, grouped by citizen; repeats indented under the first of their chain.

use super::widgets::{date, fit, row_subject, safe};
use crate::tui::app::App;
use crate::tui::search::{GroupTitle, SearchState};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};
use tiepdan::i18n::Lang;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, search: &SearchState) {
    let lang = app.lang();
    let [input_area, results] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
    let block = Block::bordered().title(Span::styled(
        format!(
            " {} ",
            lang.pick(
                "Tìm: họ tên, CCCD, SĐT, địa chỉ, nội dung, mã đơn",
                "Search: name, ID, phone, address, subject, code"
            )
        ),
        app.theme.title(),
    ));
    let inner = block.inner(input_area);
    let (shown, col) = search.input.window(inner.width.saturating_sub(1) as usize);
    frame.render_widget(Paragraph::new(shown).block(block), input_area);
    if !app.help && app.confirm.is_none() {
        frame.set_cursor_position(Position::new(inner.x + col as u16, inner.y));
    }
    let count = search.row_count();
    let title = match lang {
        Lang::Vi => format!(" Kết quả: {count} đơn, {} nhóm ", search.groups.len()),
        Lang::En => format!(
            " Results: {count} petition(s) in {} group(s) ",
            search.groups.len()
        ),
    };
    let mut block = Block::bordered().title(Span::styled(title, app.theme.label()));
    if let Some(notice) = tiepdan::search::query::cut_notice(search.input.value(), lang) {
        block = block.title(Span::styled(format!(" {notice} "), app.theme.muted()));
    }
    if count == 0 {
        let text = if search.input.is_empty() {
            lang.pick(
                "Gõ không dấu cũng được, ví dụ: nguyen van an, 0912345678.",
                "Diacritics optional, e.g. nguyen van an, 0912345678.",
            )
        } else {
            lang.pick("Không tìm thấy đơn nào.", "No petition found.")
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, app.theme.muted())).block(block),
            results,
        );
        return;
    }
    let width = results.width.saturating_sub(4) as usize;
    let mut items = Vec::new();
    let mut selected_item = 0;
    let mut row_index = 0;
    for group in &search.groups {
        let (title, style) = match &group.title {
            GroupTitle::Citizen(name) => (safe(name), app.theme.title()),
            GroupTitle::Protected => (
                tiepdan::privacy::protected_label(lang).to_string(),
                app.theme.masked(),
            ),
            GroupTitle::Anonymous => (
                tiepdan::privacy::anonymous_label(lang).to_string(),
                app.theme.muted(),
            ),
        };
        let header = format!("● {title} ({})", group.rows.len());
        items.push(ListItem::new(Line::from(Span::styled(
            fit(&header, width),
            style,
        ))));
        for row in &group.rows {
            if row_index == search.selected {
                selected_item = items.len();
            }
            let hit = &row.hit;
            let lead = if row.repeat { "  ↳ " } else { "  " };
            let text = format!(
                "{lead}{} {} {} · {} · {}",
                safe(&hit.code),
                date(hit.received_on),
                hit.kind.label(lang),
                hit.status.label(lang),
                row_subject(app, hit.kind, &hit.subject)
            );
            items.push(ListItem::new(fit(&text, width)));
            row_index += 1;
        }
    }
    let mut state = ListState::default().with_selected(Some(selected_item));
    let list = List::new(items)
        .block(block)
        .highlight_style(app.theme.focus())
        .highlight_symbol("▶");
    frame.render_stateful_widget(list, results, &mut state);
}
