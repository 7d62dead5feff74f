//! The desk: today's visits above, open petitions by deadline below.

use super::widgets::{
    centred, date, due_days_span, due_urgency_span, fit, key_of, row_subject, safe,
};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::desk::DeskPane;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};
use tiepdan::i18n::Lang;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    if app.desk.is_empty_database() {
        return draw_first_run(frame, area, app);
    }
    let visits = app.desk.visits.len() as u16;
    let visits_height = (visits.max(1) + 3).min(area.height / 3).max(4);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(visits_height), Constraint::Min(4)]).areas(area);
    draw_visits(frame, top, app);
    draw_open(frame, bottom, app);
}

fn pane_block(app: &App, title: String, focused: bool) -> Block<'static> {
    let marker = if focused { "▶ " } else { "  " };
    let style = if focused {
        app.theme.title()
    } else {
        app.theme.label()
    };
    Block::bordered().title(Span::styled(format!("{marker}{title} "), style))
}

fn draw_visits(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang();
    let desk = &app.desk;
    let focused = desk.focus == DeskPane::Visits;
    let title = format!(
        "{} ({})",
        lang.pick("Lượt tiếp hôm nay", "Today's visits"),
        desk.visits.len()
    );
    let block = pane_block(app, title, focused);
    if desk.visits.is_empty() {
        let text = lang.pick(
            "Chưa có lượt tiếp nào hôm nay.",
            "No visits logged today yet.",
        );
        frame.render_widget(
            Paragraph::new(Span::styled(text, app.theme.muted())).block(block),
            area,
        );
        return;
    }
    let rows = desk.visits.iter().map(|v| {
        let who_style = if v.masked {
            app.theme.masked()
        } else {
            Default::default()
        };
        let mut kind = v.kind.label(lang).to_string();
        if v.leader_present {
            kind.push_str(lang.pick(" ★LĐ", " ★lead"));
        }
        Row::new(vec![
            Cell::from(v.time.clone()),
            Cell::from(Span::styled(safe(&v.who), who_style)),
            Cell::from(kind),
            Cell::from(v.headcount.to_string()),
            Cell::from(v.handling.label(lang)),
            Cell::from(
                v.petition_codes
                    .iter()
                    .map(|c| safe(c))
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        ])
    });
    let header = Row::new(vec![
        lang.pick("Giờ", "Time"),
        lang.pick("Công dân", "Citizen"),
        lang.pick("Hình thức", "Kind"),
        lang.pick("Số", "No."),
        lang.pick("Xử lý", "Handling"),
        lang.pick("Đơn", "Petition"),
    ])
    .style(app.theme.label());
    let widths = [
        Constraint::Length(5),
        Constraint::Min(14),
        Constraint::Length(16),
        Constraint::Length(3),
        Constraint::Length(12),
        Constraint::Length(11),
    ];
    let mut state = TableState::default().with_selected(focused.then_some(desk.visit_sel));
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(app.theme.focus())
        .highlight_symbol("▶");
    frame.render_stateful_widget(table, area, &mut state);
}

fn draw_open(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang();
    let desk = &app.desk;
    let focused = desk.focus == DeskPane::Open;
    let scope = if desk.showing_mine() {
        match lang {
            Lang::Vi => format!("Đơn của tôi đang mở ({})", desk.counts.mine_open),
            Lang::En => format!("My open petitions ({})", desk.counts.mine_open),
        }
    } else {
        match lang {
            Lang::Vi => format!("Tất cả đơn đang mở ({})", desk.counts.open),
            Lang::En => format!("All open petitions ({})", desk.counts.open),
        }
    };
    let block = pane_block(
        app,
        format!("{scope} — {}", lang.pick("theo hạn", "by deadline")),
        focused,
    );
    if desk.open.is_empty() {
        let text = match (desk.showing_mine(), key_of(app, &Action::ToggleScope)) {
            (true, Some(key)) => match lang {
                Lang::Vi => format!("Bạn không có đơn nào đang mở. {key}: xem tất cả."),
                Lang::En => format!("You have no open petitions. {key}: show all."),
            },
            _ => lang
                .pick("Không có đơn nào đang mở.", "No open petitions.")
                .to_string(),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, app.theme.muted())).block(block),
            area,
        );
        return;
    }
    // Wider terminals get the kind and the stage too; at 80 columns the deadline and subject win.
    let wide = area.width >= 96;
    let widest = area.width >= 116;
    let mut header = vec![
        lang.pick("Mức độ", "Urgency"),
        lang.pick("Mã đơn", "Code"),
        lang.pick("Hạn", "Due"),
        lang.pick("Còn", "Left"),
    ];
    let mut widths = vec![
        Constraint::Length(14),
        Constraint::Length(11),
        Constraint::Length(10),
        // "quá 120 ngày LV"
        Constraint::Length(15),
    ];
    if widest {
        header.push(lang.pick("Loại", "Kind"));
        widths.push(Constraint::Length(14));
    }
    if wide {
        header.push(lang.pick("Giai đoạn", "Stage"));
        widths.push(Constraint::Length(14));
    }
    header.push(lang.pick("Nội dung", "Subject"));
    widths.push(Constraint::Min(10));
    let rows = desk.open.iter().map(|r| {
        let mut cells = vec![
            Cell::from(due_urgency_span(&app.theme, &r.due, lang)),
            Cell::from(safe(&r.code)),
            Cell::from(r.due.due_on.map(date).unwrap_or_else(|| "—".into())),
            Cell::from(due_days_span(&app.theme, &r.due, app.ctx.today, lang)),
        ];
        if widest {
            cells.push(Cell::from(r.kind.label(lang)));
        }
        if wide {
            cells.push(Cell::from(r.status.label(lang)));
        }
        cells.push(Cell::from(row_subject(app, r.kind, &r.subject)));
        Row::new(cells)
    });
    let mut state = TableState::default().with_selected(focused.then_some(desk.open_sel));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(app.theme.label()))
        .block(block)
        .row_highlight_style(app.theme.focus())
        .highlight_symbol("▶");
    frame.render_stateful_widget(table, area, &mut state);
}

fn draw_first_run(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang();
    let demo = key_of(app, &Action::LoadDemo).unwrap_or_default();
    let new = key_of(app, &Action::NewVisit).unwrap_or_default();
    let help = key_of(app, &Action::Help).unwrap_or_default();
    let count = crate::tui::app::DEMO_PETITIONS;
    let mut lines = vec![
        Line::from(Span::styled(
            lang.pick(
                "Cơ sở dữ liệu chưa có đơn nào.",
                "The database has no petitions yet.",
            ),
            app.theme.title(),
        )),
        Line::from(""),
    ];
    if app.read_only() {
        lines.push(Line::from(lang.pick(
            "Phiên chỉ đọc (thanh tra): không thể tạo dữ liệu mẫu hay tiếp công dân.",
            "Read-only session (inspector): demo data and new visits cannot be created.",
        )));
    } else {
        let (demo_text, new_text) = match lang {
            Lang::Vi => (
                format!("{demo}  tạo {count} đơn mẫu (dữ liệu giả) để tập dùng"),
                format!("{new}  tiếp công dân mới"),
            ),
            Lang::En => (
                format!("{demo}  generate {count} demo petitions (made-up data) to practise"),
                format!("{new}  log a new visit"),
            ),
        };
        lines.push(Line::from(Span::styled(demo_text, app.theme.key())));
        lines.push(Line::from(Span::styled(new_text, app.theme.key())));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        match lang {
            Lang::Vi => format!("{help}  xem tất cả các phím"),
            Lang::En => format!("{help}  see every key"),
        },
        app.theme.muted(),
    )));
    let width = lines.iter().map(|l| l.width() as u16).max().unwrap_or(40) + 4;
    let popup = centred(area, width.max(44), lines.len() as u16 + 2);
    let title = fit(lang.pick(" Chào mừng ", " Welcome "), popup.width as usize);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(title))
            .wrap(Wrap { trim: false }),
        popup,
    );
}
