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

/// The filter line's pieces, each kept whole: the text box, kind and mark always, the narrower
/// filters while set, and how to clear them. Laid out over as many lines as the width needs, so
/// at 80 columns nothing is cut and "0 đơn" always shows its cause.
fn filter_chips<'a>(app: &App, board: &BoardState) -> (Vec<Vec<Span<'a>>>, usize) {
    let lang = app.lang();
    let theme = &app.theme;
    let key = |a: &Action| super::widgets::key_of(app, a).unwrap_or_default();
    let all = lang.pick("tất cả", "all");
    let kind = board.filter.kind.map_or(all, |k| k.label(lang));
    let flag = board.filter.mark.map_or(all, |m| m.label(lang));
    let text_label = format!(" {} {}: ", key(&Action::Search), lang.pick("Lọc", "Filter"));
    let filter_width = 18usize;
    let (shown, _) = board.input.window(filter_width);
    let box_text = format!("[{shown:<filter_width$}]");
    let box_style = if board.typing {
        theme.focus()
    } else {
        Style::default()
    };
    let label_width = text_label.chars().count();
    let mut chips = vec![vec![
        Span::styled(text_label, theme.label()),
        Span::styled(box_text, box_style),
    ]];
    let chip = |action: Action, label: &str, value: String, style: Style| {
        vec![
            Span::styled(format!("  {} {label}: ", key(&action)), theme.label()),
            Span::styled(value, style),
        ]
    };
    chips.push(chip(
        Action::FilterKind,
        lang.pick("Loại", "Kind"),
        kind.to_string(),
        Style::default(),
    ));
    chips.push(chip(
        Action::FilterFlag,
        lang.pick("Dấu hiệu", "Flag"),
        flag.to_string(),
        Style::default(),
    ));
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
            chips.push(chip(action, label, value, theme.focus()));
        }
    }
    if board.filtered() {
        chips.push(vec![Span::styled(
            format!(
                "  {} {}",
                key(&Action::ClearFilters),
                tiepdan::i18n::hint(lang, tiepdan::i18n::Hint::ClearFilters)
            ),
            theme.muted(),
        )]);
    }
    (chips, label_width)
}

/// Chips laid out greedily into lines `width` columns wide.
fn chip_lines(chips: Vec<Vec<Span<'_>>>, width: usize) -> Vec<Line<'_>> {
    use unicode_width::UnicodeWidthStr;
    let mut lines: Vec<Vec<Span>> = vec![Vec::new()];
    let mut used = 0;
    for chip in chips {
        let w: usize = chip.iter().map(|s| s.content.width()).sum();
        if used > 0 && used + w > width {
            lines.push(Vec::new());
            used = 0;
        }
        used += w;
        lines.last_mut().expect("one line at least").extend(chip);
    }
    lines.into_iter().map(Line::from).collect()
}

fn draw_board(frame: &mut Frame, area: Rect, app: &App, board: &BoardState) {
    let lang = app.lang();
    let theme = &app.theme;
    let (chips, label_width) = filter_chips(app, board);
    let filter_lines = chip_lines(chips, area.width as usize);
    let [counts_area, filter_area, table_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(filter_lines.len() as u16),
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

    frame.render_widget(Paragraph::new(filter_lines), filter_area);
    if board.typing && !app.help && app.confirm.is_none() {
        let (_, col) = board.input.window(18);
        let x = filter_area.x + label_width as u16 + 1 + col as u16;
        frame.set_cursor_position(Position::new(x, filter_area.y));
    }

    let title = match lang {
        Lang::Vi => format!(" Hạn xử lý: {} đơn đang mở ", board.total()),
        Lang::En => format!(" Deadlines: {} open petitions ", board.total()),
    };
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    if board.total() == 0 {
        let mut text = lang
            .pick(
                "Không có đơn nào đang mở khớp bộ lọc.",
                "No open petition matches the filters.",
            )
            .to_string();
        if board.filtered() {
            let key = super::widgets::key_of(app, &Action::ClearFilters).unwrap_or_default();
            let clear = tiepdan::i18n::hint(lang, tiepdan::i18n::Hint::ClearFilters);
            text.push_str(&format!(" {key}: {clear}."));
        }
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
        let subject = tiepdan::due::marked_subject(
            r.kind,
            r.flags,
            &row_subject(app, r.kind, &r.subject),
            lang,
        );
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
