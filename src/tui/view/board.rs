//! The deadline board: counts per urgency, the filters, and the visible page of open petitions.
//! Urgency is carried by colour, symbol and words together, so it reads under `NO_COLOR` too.

use super::widgets::{date, due_days_span, due_urgency_span, fit, row_subject, safe};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::board::{BoardState, StepsMenu};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};
use tiepdan::due::paused_text;
use tiepdan::i18n::Lang;
use tiepdan::rules::Urgency;

/// The legal next steps of the selected petition, over the board.
fn draw_steps(frame: &mut Frame, area: Rect, app: &App, menu: &StepsMenu) {
    let lang = app.lang();
    let labels: Vec<&str> = menu.allowed.iter().map(|k| k.label(lang)).collect();
    let title = match lang {
        Lang::Vi => format!("Bước tiếp theo — {}", safe(&menu.code)),
        Lang::En => format!("Next steps — {}", safe(&menu.code)),
    };
    let verb = ("thực hiện", "take it");
    super::widgets::chooser(frame, area, app, &title, &labels, menu.selected, verb);
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, board: &BoardState) {
    draw_board(frame, area, app, board);
    if let Some(menu) = &board.steps {
        draw_steps(frame, area, app, menu);
    }
}

fn draw_board(frame: &mut Frame, area: Rect, app: &App, board: &BoardState) {
    let lang = app.lang();
    let theme = &app.theme;
    let [counts_area, filter_area, table_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);

    let c = board.counts;
    let mut spans = vec![Span::raw(" ")];
    for (urgency, n) in [
        (Urgency::Overdue, c.overdue),
        (Urgency::Critical, c.critical),
        (Urgency::Soon, c.soon),
        (Urgency::Ok, c.ok),
    ] {
        spans.push(Span::styled(
            format!("{} {} {n}", urgency.symbol(), urgency.label(lang)),
            theme.urgency(urgency),
        ));
        spans.push(Span::raw("  "));
    }
    spans.push(Span::styled(
        format!("{} {}", paused_text(lang), c.suspended),
        theme.muted(),
    ));
    frame.render_widget(Line::from(spans), counts_area);

    let key = |a: &Action| super::widgets::key_of(app, a).unwrap_or_default();
    let all = lang.pick("tất cả", "all");
    let kind = board.filter.kind.map_or(all, |k| k.label(lang));
    let flag = board.filter.mark.map_or(all, |m| m.label(lang));
    let text_label = format!(" {} {}: ", key(&Action::Search), lang.pick("Lọc", "Filter"));
    let filter_width = 18usize;
    let (shown, col) = board.input.window(filter_width);
    let box_text = format!("[{shown:<filter_width$}]");
    let mut filter_spans = vec![
        Span::styled(text_label.clone(), theme.label()),
        Span::styled(
            box_text,
            if board.typing {
                theme.focus()
            } else {
                Style::default()
            },
        ),
        Span::styled(
            format!(
                "  {} {}: ",
                key(&Action::FilterKind),
                lang.pick("Loại", "Kind")
            ),
            theme.label(),
        ),
        Span::raw(kind.to_string()),
        Span::styled(
            format!(
                "  {} {}: ",
                key(&Action::FilterFlag),
                lang.pick("Dấu hiệu", "Flag")
            ),
            theme.label(),
        ),
        Span::raw(flag.to_string()),
    ];
    // The narrower filters show only while they are set; the help lists their keys.
    let f = &board.filter;
    let narrowed = [
        (
            Action::FilterField,
            lang.pick("Lĩnh vực", "Field"),
            f.field.map(|x| x.label(lang).to_string()),
        ),
        (
            Action::FilterStage,
            lang.pick("Bước", "Stage"),
            f.status.map(|x| x.label(lang).to_string()),
        ),
        (
            Action::FilterUnit,
            lang.pick("Đơn vị", "Unit"),
            f.unit.as_deref().map(safe),
        ),
        (
            Action::FilterOfficer,
            lang.pick("Cán bộ", "Officer"),
            f.officer.as_deref().map(safe),
        ),
    ];
    for (action, label, value) in narrowed {
        if let Some(value) = value {
            filter_spans.push(Span::styled(
                format!("  {} {label}: ", key(&action)),
                theme.label(),
            ));
            filter_spans.push(Span::styled(value, theme.focus()));
        }
    }
    frame.render_widget(Line::from(filter_spans), filter_area);
    if board.typing && !app.help && app.confirm.is_none() {
        let x = filter_area.x + text_label.chars().count() as u16 + 1 + col as u16;
        frame.set_cursor_position(Position::new(x, filter_area.y));
    }

    let title = match lang {
        Lang::Vi => format!(" Hạn xử lý: {} đơn đang mở ", board.total()),
        Lang::En => format!(" Deadlines: {} open petitions ", board.total()),
    };
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    if board.total() == 0 {
        let text = lang.pick(
            "Không có đơn nào đang mở khớp bộ lọc.",
            "No open petition matches the filters.",
        );
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme.muted())).block(block),
            table_area,
        );
        return;
    }
    let wide = table_area.width >= 110;
    let mut header = vec![
        lang.pick("Mức độ", "Urgency"),
        lang.pick("Mã đơn", "Code"),
        lang.pick("Hạn", "Due"),
        lang.pick("Còn", "Left"),
    ];
    let mut widths = vec![
        Constraint::Length(17),
        Constraint::Length(11),
        Constraint::Length(10),
        Constraint::Length(15),
    ];
    if wide {
        header.extend([
            lang.pick("Loại", "Kind"),
            lang.pick("Giai đoạn", "Stage"),
            lang.pick("Cán bộ", "Officer"),
        ]);
        widths.extend([
            Constraint::Length(12),
            Constraint::Length(14),
            Constraint::Length(10),
        ]);
    }
    header.push(lang.pick("Nội dung", "Subject"));
    widths.push(Constraint::Min(10));
    // Rows on screen: inside the border, under the header. Pages flip whole, so moving within
    // a page redraws two rows only.
    let visible = table_area.height.saturating_sub(3).max(1) as usize;
    let top = board.selected - board.selected % visible;
    let subject_width = table_area.width.saturating_sub(if wide { 98 } else { 58 }) as usize;
    let rows = (top..(top + visible).min(board.total())).filter_map(|i| {
        let r = board.row(i)?;
        let mut cells = vec![
            Cell::from(due_urgency_span(theme, &r.due, lang)),
            Cell::from(safe(&r.code)),
            Cell::from(r.due.due_on.map(date).unwrap_or_else(|| "—".into())),
            Cell::from(due_days_span(theme, &r.due, app.ctx.today, lang)),
        ];
        if wide {
            cells.push(Cell::from(r.kind.label(lang)));
            cells.push(Cell::from(r.status.label(lang)));
            cells.push(Cell::from(safe(r.officer.as_deref().unwrap_or("—"))));
        }
        let subject = row_subject(app, r.kind, &r.subject);
        cells.push(Cell::from(fit(&subject, subject_width.max(10))));
        Some(Row::new(cells))
    });
    let mut state = TableState::default().with_selected(Some(board.selected - top));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.label()))
        .block(block)
        .row_highlight_style(theme.focus())
        .highlight_symbol("▶");
    frame.render_stateful_widget(table, table_area, &mut state);
}
