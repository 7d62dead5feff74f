//! The new-visit form on the left, the possible repeats on the right.

use super::widgets::{date, fit, key_of, safe, wrap_spans};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::field::Widget;
use crate::tui::visit_form::{FormState, Section, Slot};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use tiepdan::i18n::Lang;
use unicode_width::UnicodeWidthStr;

const LABEL_WIDTH: usize = 15;
/// "▶ " before the label of the focused field.
const MARK_WIDTH: usize = 2;
const DROPDOWN_ROWS: usize = 6;

enum FormRow {
    Section(String),
    Field(Slot),
    Error(String),
    Note(String),
}

/// The narrowest the repeat pane is drawn beside the form.
const PANE_MIN_WIDTH: u16 = 20;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, form: &FormState) {
    let form_width = (area.width * 58 / 100).max(44).min(area.width);
    let [left, right] =
        Layout::horizontal([Constraint::Length(form_width), Constraint::Min(0)]).areas(area);
    if right.width >= PANE_MIN_WIDTH {
        draw_fields(frame, left, app, form);
        draw_repeats(frame, right, app, form);
    } else if form.repeats.focused {
        // Too narrow for both side by side: the pane takes the screen while it has the focus
        // (F6 or Esc gives it back to the form), so focus never goes to a pane not shown.
        draw_repeats(frame, area, app, form);
    } else {
        draw_fields(frame, area, app, form);
    }
}

fn section_title(section: Section, form: &FormState, lang: Lang) -> String {
    match section {
        Section::Citizen(i) if form.citizens.len() > 1 => {
            format!(
                "{} {}/{}",
                lang.pick("Công dân", "Citizen"),
                i + 1,
                form.citizens.len()
            )
        }
        Section::Citizen(_) => lang.pick("Công dân", "Citizen").into(),
        Section::Petition => lang.pick("Đơn", "Petition").into(),
        Section::Visit => lang.pick("Lượt tiếp", "Visit").into(),
    }
}

/// The rows of the form; an error is wrapped under its field, without repeating the field's name.
fn rows(form: &FormState, lang: Lang, width: usize) -> Vec<FormRow> {
    let mut rows = Vec::new();
    if let Some(code) = &form.repeat_of {
        rows.push(FormRow::Note(match lang {
            Lang::Vi => format!("⛓ Lặp lại đơn {}", safe(code)),
            Lang::En => format!("⛓ Repeats petition {}", safe(code)),
        }));
    }
    let mut section = None;
    for slot in form.slots() {
        if section != Some(slot.section()) {
            section = Some(slot.section());
            rows.push(FormRow::Section(section_title(slot.section(), form, lang)));
        }
        rows.push(FormRow::Field(slot));
        if let Some(error) = form.error_of(slot) {
            let problem = error.split_once(": ").map_or(error, |(_, problem)| problem);
            let spans = vec![Span::raw(format!("   ✗ {}", safe(problem)))];
            for line in wrap_spans(spans, width, 5) {
                rows.push(FormRow::Error(line.to_string()));
            }
        }
    }
    rows
}

fn draw_fields(frame: &mut Frame, area: Rect, app: &App, form: &FormState) {
    let lang = app.lang();
    let theme = &app.theme;
    let rows = rows(form, lang, area.width.saturating_sub(2) as usize);
    let inner_height = area.height.saturating_sub(2) as usize;
    let focus_row = rows
        .iter()
        .position(|r| matches!(r, FormRow::Field(s) if *s == form.focus))
        .unwrap_or(0);
    let error_rows = rows[focus_row + 1..]
        .iter()
        .take_while(|r| matches!(r, FormRow::Error(_)))
        .count();
    let last_needed = focus_row + error_rows;
    let offset = (last_needed + 1).saturating_sub(inner_height);
    let more_below = rows.len() > offset + inner_height;
    let mut block = Block::bordered().title(Span::styled(
        format!(" {} ", lang.pick("Tiếp công dân mới", "New visit")),
        if form.repeats.focused {
            theme.label()
        } else {
            theme.title()
        },
    ));
    if offset > 0 || more_below {
        let arrows = format!(
            " {}{} ",
            if offset > 0 { "▲" } else { "" },
            if more_below { "▼" } else { "" }
        );
        block = block.title_bottom(Line::from(arrows).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let value_width = (inner.width as usize)
        .saturating_sub(MARK_WIDTH + LABEL_WIDTH + 1)
        .max(1);
    let mut lines = Vec::new();
    let mut cursor = None;
    let mut dropdown_at = None;
    for (index, row) in rows.iter().enumerate().skip(offset).take(inner_height) {
        let y = inner.y + (index - offset) as u16;
        lines.push(match row {
            FormRow::Section(title) => {
                Line::from(Span::styled(format!("── {title} "), theme.label()))
            }
            FormRow::Note(text) => Line::from(Span::styled(text.clone(), theme.soon())),
            FormRow::Error(text) => Line::from(Span::styled(text.clone(), theme.error())),
            FormRow::Field(slot) => {
                let focused = *slot == form.focus && !form.repeats.focused && app.confirm.is_none();
                let has_error = form.error_of(*slot).is_some();
                let mark = match (focused, has_error) {
                    (true, _) => "▶ ",
                    (false, true) => "✗ ",
                    (false, false) => "  ",
                };
                let label = format!(
                    "{mark}{:<LABEL_WIDTH$} ",
                    fit(slot.label(lang), LABEL_WIDTH)
                );
                let label_style = if has_error {
                    theme.error()
                } else if focused {
                    theme.title()
                } else {
                    theme.label()
                };
                let value_x = inner.x + (MARK_WIDTH + LABEL_WIDTH + 1) as u16;
                let (value, cursor_col) =
                    field_value(form.widget(*slot), focused, value_width, lang);
                if focused {
                    cursor = cursor_col.map(|col| Position::new(value_x + col as u16, y));
                    if matches!(form.widget(*slot), Widget::Pick(p) if p.options().len() > 2) {
                        dropdown_at = Some((y, value_x));
                    }
                }
                let value_style = if focused {
                    theme.focus()
                } else {
                    Style::default()
                };
                Line::from(vec![
                    Span::styled(label, label_style),
                    Span::styled(value, value_style),
                ])
            }
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
    if let (Some((y, x)), Widget::Pick(pick)) = (dropdown_at, form.widget(form.focus)) {
        draw_dropdown(frame, inner, (x, y), app, pick);
    }
}

/// The text of a field's value, padded to the width, and where the cursor goes when focused.
fn field_value(
    widget: &Widget,
    focused: bool,
    width: usize,
    lang: Lang,
) -> (String, Option<usize>) {
    match widget {
        Widget::Text(input) if focused => {
            let (shown, col) = input.window(width);
            (format!("{shown:<width$}"), Some(col))
        }
        Widget::Text(input) => (fit(input.value(), width), None),
        Widget::Pick(pick) => {
            let chosen = pick.selected().map_or("—", |c| c.label(lang));
            if !focused {
                return (fit(chosen, width), None);
            }
            let filter = pick.filter().value();
            let text = if filter.is_empty() {
                format!("{chosen} ▾")
            } else {
                format!("{filter} → {chosen} ▾")
            };
            let text = fit(&text, width);
            let cursor = filter.width().min(width.saturating_sub(1));
            (format!("{text:<width$}"), Some(cursor))
        }
    }
}

/// The filtered choices of the focused pick list, under it (or above when there is no room).
fn draw_dropdown(
    frame: &mut Frame,
    bounds: Rect,
    at: (u16, u16),
    app: &App,
    pick: &crate::tui::pick::Pick,
) {
    let lang = app.lang();
    let matches = pick.matches();
    let selected = pick.selected().map(|c| c.code);
    let visible = matches.len().clamp(1, DROPDOWN_ROWS) as u16;
    let height = visible + 2;
    let width = (bounds.x + bounds.width).saturating_sub(at.0).min(30);
    let below = at.1 + 1;
    let y = if below + height <= bounds.y + bounds.height {
        below
    } else {
        at.1.saturating_sub(height).max(bounds.y)
    };
    let area = Rect::new(at.0, y, width, height.min(bounds.height)).intersection(bounds);
    if area.height < 3 || area.width < 8 {
        return;
    }
    let start = matches
        .iter()
        .position(|i| Some(pick.options()[*i].code) == selected)
        .unwrap_or(0)
        .saturating_sub(visible as usize - 1);
    let lines: Vec<Line> = if matches.is_empty() {
        vec![Line::from(Span::styled(
            lang.pick("(không khớp)", "(no match)"),
            app.theme.muted(),
        ))]
    } else {
        matches
            .iter()
            .skip(start)
            .take(visible as usize)
            .map(|i| {
                let choice = pick.options()[*i];
                let chosen = Some(choice.code) == selected;
                let text = format!("{}{}", if chosen { "▶ " } else { "  " }, choice.label(lang));
                Line::from(Span::styled(
                    text,
                    if chosen {
                        app.theme.focus()
                    } else {
                        Style::default()
                    },
                ))
            })
            .collect()
    };
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(Block::bordered()), area);
}

fn draw_repeats(frame: &mut Frame, area: Rect, app: &App, form: &FormState) {
    let lang = app.lang();
    let theme = &app.theme;
    let pane = &form.repeats;
    let title = format!(
        " {}{} ({}) ",
        if pane.focused { "▶ " } else { "" },
        lang.pick("Có thể là đơn cũ", "Possible repeats"),
        pane.candidates.len()
    );
    let block = Block::bordered().title(Span::styled(
        title,
        if pane.focused {
            theme.title()
        } else {
            theme.label()
        },
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    if pane.candidates.is_empty() {
        let text = lang.pick(
            "Gõ họ tên, CCCD, số điện thoại hoặc nội dung: đơn cũ giống sẽ hiện ở đây.",
            "Type a name, ID, phone or subject: matching earlier petitions appear here.",
        );
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme.muted()))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let [list, keys] = Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(inner);
    let mut lines: Vec<Line> = Vec::new();
    let per_candidate = 4;
    let fits = (list.height as usize / per_candidate).max(1);
    let start = pane.selected.saturating_sub(fits - 1);
    for (index, candidate) in pane.candidates.iter().enumerate().skip(start).take(fits) {
        let selected = index == pane.selected;
        let linked = form.repeat_of.as_deref() == Some(candidate.code.as_str());
        let mark = match (selected, linked) {
            (_, true) => "⛓ ",
            (true, false) => "▶ ",
            (false, false) => "  ",
        };
        // A likely repeat says so in words as well as in colour.
        let likely = if candidate.likely_repeat {
            lang.pick(" · TRÙNG?", " · REPEAT?")
        } else {
            ""
        };
        let mut head = format!(
            "{mark}{} · {}{likely}",
            safe(&candidate.code),
            date(candidate.received_on)
        );
        // Where the flag would be cut ("TR…"), it leads the reasons line instead.
        let mut flag_below = "";
        if head.width() > width && !likely.is_empty() {
            head = format!(
                "{mark}{} · {}",
                safe(&candidate.code),
                date(candidate.received_on)
            );
            flag_below = likely.trim_start_matches(" · ");
        }
        let head_style = match (selected && pane.focused, selected, candidate.likely_repeat) {
            (true, _, _) => theme.focus(),
            (false, _, true) => theme.soon(),
            (false, true, false) => theme.title(),
            _ => Style::default(),
        };
        lines.push(Line::from(Span::styled(fit(&head, width), head_style)));
        let who = match &candidate.citizen_name {
            Some(name) if !tiepdan::privacy::protects_identity(candidate.kind) => {
                Span::raw(fit(&format!("  {}", safe(name)), width))
            }
            _ if tiepdan::privacy::protects_identity(candidate.kind) => Span::styled(
                fit(
                    &format!("  {}", tiepdan::privacy::protected_label(lang)),
                    width,
                ),
                theme.masked(),
            ),
            _ => Span::styled(
                fit(
                    &format!("  {}", tiepdan::privacy::anonymous_label(lang)),
                    width,
                ),
                theme.muted(),
            ),
        };
        lines.push(Line::from(who));
        lines.push(Line::from(fit(
            &format!(
                "  {} · {} · {}",
                candidate.kind.label(lang),
                candidate.status.label(lang),
                safe(&candidate.subject)
            ),
            width,
        )));
        let why: Vec<&str> = candidate.reasons.iter().map(|r| r.label(lang)).collect();
        let why = match flag_below {
            "" => format!("  ≈ {}", why.join(", ")),
            flag => format!("  {flag} ≈ {}", why.join(", ")),
        };
        lines.push(Line::from(Span::styled(fit(&why, width), theme.soon())));
    }
    frame.render_widget(Paragraph::new(lines), list);
    let key = |action: Action| key_of(app, &action).unwrap_or_else(|| "—".into());
    let key_lines = vec![
        Line::from(vec![
            Span::styled(key(Action::FocusRepeats), theme.key()),
            Span::raw(lang.pick(" chọn đơn", " select")),
        ]),
        Line::from(vec![
            Span::styled(key(Action::OpenCandidate), theme.key()),
            Span::raw(lang.pick(" mở  ", " open  ")),
            Span::styled(key(Action::LinkRepeat), theme.key()),
            Span::raw(lang.pick(" lặp lại", " repeat")),
        ]),
        Line::from(vec![
            Span::styled(key(Action::AttachVisit), theme.key()),
            Span::raw(lang.pick(" ghi lượt tiếp vào đơn này", " attach visit to it")),
        ]),
    ];
    frame.render_widget(Paragraph::new(key_lines), keys);
}
