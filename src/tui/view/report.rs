//! The periodic report: the period chooser on top, the figures below grouped by section, and the
//! save-as chooser (CSV, XLSX, Markdown) over them when `Export` is pressed.

use super::widgets::{date, fit, key_of, safe};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::report::{DateField, ReportState, Span as PeriodSpan};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tiepdan::i18n::Lang;
use tiepdan::report::render::FileFormat;
use unicode_width::UnicodeWidthStr;

/// "Quý 3/2026", "6 tháng đầu năm 2026", "Năm 2026": how a named period is said.
fn period_name(r: &ReportState, lang: Lang) -> String {
    let (y, q) = (r.year, r.quarter);
    match (r.span, lang) {
        (PeriodSpan::Quarter, Lang::Vi) => format!("Quý {q}/{y}"),
        (PeriodSpan::Quarter, Lang::En) => format!("Q{q} {y}"),
        (PeriodSpan::Half, Lang::Vi) if q <= 2 => format!("6 tháng đầu năm {y}"),
        (PeriodSpan::Half, Lang::Vi) => format!("6 tháng cuối năm {y}"),
        (PeriodSpan::Half, Lang::En) => format!("H{} {y}", q.div_ceil(2)),
        (PeriodSpan::NineMonths, Lang::Vi) => format!("9 tháng năm {y}"),
        (PeriodSpan::NineMonths, Lang::En) => format!("9 months {y}"),
        (PeriodSpan::Year, Lang::Vi) => format!("Năm {y}"),
        (PeriodSpan::Year, Lang::En) => format!("Year {y}"),
        (PeriodSpan::Custom, _) => String::new(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, r: &ReportState) {
    let [spans_area, period_area, table_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_spans(frame, spans_area, app, r);
    draw_period(frame, period_area, app, r);
    draw_table(frame, table_area, app, r);
    if let Some(at) = r.export {
        draw_save_as(frame, area, app, at);
    }
}

/// "Tab Kỳ: [Quý] 6 tháng 9 tháng Năm Từ ngày – đến ngày".
fn draw_spans(frame: &mut Frame, area: Rect, app: &App, r: &ReportState) {
    let lang = app.lang();
    let key = key_of(app, &Action::NextField).unwrap_or_default();
    let mut spans = vec![Span::styled(
        format!(" {key} {}: ", lang.pick("Kỳ", "Period")),
        app.theme.label(),
    )];
    for span in PeriodSpan::ALL {
        let (text, style) = if span == r.span {
            (format!("[{}]", span.label(lang)), app.theme.focus())
        } else {
            (format!(" {} ", span.label(lang)), Style::default())
        };
        spans.push(Span::styled(text, style));
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_period(frame: &mut Frame, area: Rect, app: &App, r: &ReportState) {
    let lang = app.lang();
    let dates = r
        .period
        .as_ref()
        .map(|p| format!("({} – {})", date(p.from), date(p.to)))
        .unwrap_or_default();
    if r.span != PeriodSpan::Custom {
        let left = key_of(app, &Action::Left).unwrap_or_default();
        let right = key_of(app, &Action::Right).unwrap_or_default();
        let line = Line::from(vec![
            Span::styled(format!(" {left} ◀ "), app.theme.key()),
            Span::styled(period_name(r, lang), app.theme.title()),
            Span::styled(format!(" ▶ {right}  "), app.theme.key()),
            Span::raw(dates),
        ]);
        frame.render_widget(line, area);
        return;
    }
    let width = 12;
    let mut spans = vec![Span::raw(" ")];
    let mut cursor = None;
    for (field, label, input) in [
        (DateField::From, lang.pick("Từ ngày", "From"), &r.from),
        (DateField::To, lang.pick("đến ngày", "to"), &r.to),
    ] {
        let label = format!("{label}: ");
        let (shown, col) = input.window(width);
        let focused = r.editing == Some(field);
        let before: usize = spans.iter().map(|s| s.content.width()).sum();
        if focused {
            cursor = Some(before + label.width() + 1 + col);
        }
        spans.push(Span::styled(label, app.theme.label()));
        let style = if focused {
            app.theme.focus()
        } else {
            Style::default()
        };
        spans.push(Span::styled(format!("[{shown:<width$}]"), style));
        spans.push(Span::raw("  "));
    }
    if r.editing.is_none() {
        let open = key_of(app, &Action::Open).unwrap_or_default();
        spans.push(Span::styled(
            format!("{open} {}", lang.pick("sửa ngày", "edit dates")),
            app.theme.key(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
    if let Some(x) = cursor.filter(|_| !app.help && app.confirm.is_none()) {
        frame.set_cursor_position(Position::new(area.x + x as u16, area.y));
    }
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App, r: &ReportState) {
    let lang = app.lang();
    let title = r.table.as_ref().map_or_else(
        || lang.pick("Báo cáo", "Report").to_string(),
        |t| t.title.clone(),
    );
    let inner_width = area.width.saturating_sub(2) as usize;
    let block = Block::bordered().title(Span::styled(
        fit(&format!(" {} ", safe(&title)), inner_width),
        app.theme.title(),
    ));
    let Some(table) = &r.table else {
        let text = match &r.error {
            Some(why) => Line::from(Span::styled(safe(why), app.theme.error())),
            None if r.counting => Line::from(Span::styled(
                lang.pick("Đang tính số liệu…", "Counting…"),
                app.theme.muted(),
            )),
            None => Line::from(""),
        };
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    // Section headings on their own line; each figure right-aligned after its label, close
    // enough on a wide terminal that the eye does not lose the row.
    let figure_width = 9;
    let label_width = inner_width.saturating_sub(figure_width + 3).min(56);
    let mut lines = Vec::new();
    let mut section = None;
    for row in &table.rows {
        let [row_section, label, figure] = [&row[0], &row[1], &row[2]];
        if section != Some(row_section) {
            section = Some(row_section);
            lines.push(Line::from(Span::styled(
                fit(&safe(row_section), inner_width),
                app.theme.label(),
            )));
        }
        let label = fit(&safe(label), label_width);
        let pad = label_width.saturating_sub(label.width());
        lines.push(Line::from(vec![
            Span::raw(format!("  {label}{}", " ".repeat(pad))),
            Span::styled(format!("{figure:>figure_width$}"), app.theme.title()),
        ]));
    }
    // Scroll by figures: the heading above the first figure shown stays with it.
    let skip = lines_before(table, r.scroll);
    let shown: Vec<Line> = lines.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

/// How many drawn lines come before figure `row` (its section heading included).
fn lines_before(table: &tiepdan::report::render::Table, row: usize) -> usize {
    let mut lines = 0;
    let mut section: Option<&String> = None;
    for (index, r) in table.rows.iter().enumerate() {
        let heading = section != Some(&r[0]);
        if index == row {
            return lines;
        }
        section = Some(&r[0]);
        lines += 1 + usize::from(heading);
    }
    lines
}

fn draw_save_as(frame: &mut Frame, area: Rect, app: &App, selected: usize) {
    let lang = app.lang();
    let labels: Vec<&str> = FileFormat::ALL
        .iter()
        .map(|format| match format {
            FileFormat::Csv => "CSV (Excel, LibreOffice)",
            FileFormat::Xlsx => "XLSX (Excel)",
            FileFormat::Markdown => "Markdown",
        })
        .collect();
    let title = lang.pick("Lưu báo cáo dạng", "Save the report as");
    super::widgets::chooser(frame, area, app, title, &labels, selected, ("lưu", "save"));
}
