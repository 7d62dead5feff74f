//! One petition: facts and deadline on the left, legal next steps and the repeat chain on the
//! right, the timeline below; the step prompt pops up over it.

use super::widgets::{centred, date, due_urgency_span, fit, safe, wrap_spans};
use crate::tui::app::App;
use crate::tui::field::Widget;
use crate::tui::petition::{Filers, PetitionPane, PetitionState};
use crate::tui::step_prompt::StepPrompt;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, Clear, List, ListItem, ListState, Paragraph, Row, Table, Wrap,
};
use tiepdan::i18n::Lang;

const LABEL_WIDTH: usize = 13;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, p: &PetitionState) {
    // The timeline takes what its events need, at most 40%: the facts above matter more.
    let timeline = (p.events.len() as u16 + 3).clamp(5, area.height * 2 / 5);
    let [upper, lower] =
        Layout::vertical([Constraint::Min(6), Constraint::Length(timeline)]).areas(area);
    let [info, side] =
        Layout::horizontal([Constraint::Percentage(64), Constraint::Percentage(36)]).areas(upper);
    let [steps, chain] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(side);
    draw_info(frame, info, app, p);
    draw_steps(frame, steps, app, p);
    draw_chain(frame, chain, app, p);
    draw_timeline(frame, lower, app, p);
    if let Some(prompt) = &p.prompt {
        draw_prompt(frame, area, app, p, prompt);
    }
    if let Some(reveal) = &p.reveal {
        draw_reveal(frame, area, app, p, reveal);
    }
}

/// `v` on a denunciation: the reason asked before its denouncer is shown (audited).
fn draw_reveal(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    p: &PetitionState,
    reveal: &crate::tui::petition::RevealPrompt,
) {
    let lang = app.lang();
    let popup = centred(area, 64, 7 + u16::from(reveal.missing));
    frame.render_widget(Clear, popup);
    let title = format!(
        " {} — {} ",
        tiepdan::i18n::revealed_identity_label(lang),
        safe(&p.petition.code)
    );
    let block = Block::bordered().title(Span::styled(title, app.theme.error()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let width = (inner.width as usize).saturating_sub(1).max(1);
    let (shown, col) = reveal.reason.window(width);
    let mut lines = vec![
        Line::from(Span::styled(
            tiepdan::i18n::reveal_reason_prompt(lang),
            app.theme.label(),
        )),
        Line::from(Span::styled(format!("{shown:<width$}"), app.theme.focus())),
    ];
    if reveal.missing {
        let required = tiepdan::Error::invalid(
            tiepdan::domain::InputField::Reason,
            tiepdan::error::Problem::Required,
        );
        lines.push(Line::from(Span::styled(
            format!("✗ {}", required.message(lang)),
            app.theme.error(),
        )));
    }
    lines.push(Line::from(""));
    let yes = crate::tui::view::widgets::key_of(app, &crate::tui::action::Action::Open)
        .unwrap_or_default();
    let no = crate::tui::view::widgets::key_of(app, &crate::tui::action::Action::Back)
        .unwrap_or_default();
    lines.push(Line::from(Span::styled(
        tiepdan::i18n::reveal_reason_answer(&yes, &no, lang),
        app.theme.key(),
    )));
    frame.set_cursor_position(Position::new(inner.x + col as u16, inner.y + 1));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn pane(app: &App, title: String, focused: bool) -> Block<'static> {
    let style = if focused {
        app.theme.title()
    } else {
        app.theme.label()
    };
    Block::bordered().title(Span::styled(
        format!(" {}{title} ", if focused { "▶ " } else { "" }),
        style,
    ))
}

/// A label and its value, the value wrapped under its own column.
fn labelled(app: &App, label: &str, value: Vec<Span<'static>>) -> Vec<Span<'static>> {
    let mut spans = vec![Span::styled(
        format!("{:<LABEL_WIDTH$} ", fit(label, LABEL_WIDTH)),
        app.theme.label(),
    )];
    spans.extend(value);
    spans
}

fn draw_info(frame: &mut Frame, area: Rect, app: &App, p: &PetitionState) {
    let lang = app.lang();
    let l = |vi: &'static str, en: &'static str| lang.pick(vi, en);
    let petition = &p.petition;
    let state = &petition.state;
    let mut lines = Vec::new();
    let deadline = match &p.due {
        Some(due) => {
            let left = p.view.days_left.unwrap_or(0);
            let left_text = match (lang, left < 0) {
                (Lang::Vi, true) => format!("quá {} {}", -left, due.unit.label(lang)),
                (Lang::Vi, false) => format!("còn {left} {}", due.unit.label(lang)),
                (Lang::En, true) => format!("{} {} late", -left, due.unit.label(lang)),
                (Lang::En, false) => format!("{left} {} left", due.unit.label(lang)),
            };
            vec![
                due_urgency_span(&app.theme, &p.view, lang),
                Span::raw(format!(
                    " · {} {} ({left_text})",
                    due.which.label(lang),
                    date(due.due_on)
                )),
                Span::styled(format!(" · {}", safe(&due.basis)), app.theme.muted()),
            ]
        }
        None => vec![Span::styled(
            l("— (đã kết thúc, không còn hạn)", "— (closed, nothing due)"),
            app.theme.muted(),
        )],
    };
    lines.push(labelled(app, l("Hạn tiếp theo", "Next deadline"), deadline));
    let mut status = state.status.label(lang).to_string();
    if let Some(on) = state.accepted_on {
        status.push_str(&format!(" · {} {}", l("thụ lý", "accepted"), date(on)));
    }
    if state.extensions > 0 {
        status.push_str(&format!(
            " · {} {}",
            l("gia hạn", "extended"),
            state.extensions
        ));
    }
    lines.push(labelled(
        app,
        l("Trạng thái", "Status"),
        vec![Span::raw(status)],
    ));
    let kind = match petition.round {
        Some(round) => format!("{} ({})", petition.kind.label(lang), round.label(lang)),
        None => petition.kind.label(lang).to_string(),
    };
    lines.push(labelled(
        app,
        l("Loại đơn", "Kind"),
        vec![Span::raw(format!(
            "{kind} · {}",
            petition.field.label(lang)
        ))],
    ));
    lines.push(labelled(
        app,
        l("Nội dung", "Subject"),
        vec![Span::raw(safe(&petition.subject))],
    ));
    lines.push(labelled(
        app,
        l("Người gửi", "Filed by"),
        filer_spans(app, p),
    ));
    if let Filers::Shown(citizens) = &p.filers {
        for citizen in citizens.iter() {
            let mut details = Vec::new();
            details.extend(
                citizen
                    .id_number
                    .as_deref()
                    .map(|n| format!("CCCD {}", safe(n))),
            );
            details.extend(citizen.phone.as_deref().map(safe));
            details.extend(citizen.address.as_deref().map(safe));
            if !details.is_empty() {
                lines.push(labelled(
                    app,
                    "",
                    vec![Span::styled(details.join(" · "), app.theme.muted())],
                ));
            }
        }
    }
    lines.push(labelled(
        app,
        l("Ngày nhận", "Received"),
        vec![Span::raw(format!(
            "{} · {}",
            date(petition.received_on),
            petition.source.label(lang)
        ))],
    ));
    if !petition.summary.is_empty() {
        lines.push(labelled(
            app,
            l("Tóm tắt", "Summary"),
            vec![Span::raw(safe(&petition.summary))],
        ));
    }
    if let Some(visit) = &p.visit {
        let people = match (lang, visit.headcount) {
            (Lang::Vi, n) => format!("{n} người"),
            (Lang::En, 1) => "1 person".to_string(),
            (Lang::En, n) => format!("{n} people"),
        };
        let mut text = format!(
            "{} · {} · {people}",
            visit.kind.label(lang),
            visit.channel.label(lang),
        );
        if visit.leader_present {
            text.push_str(l(" · lãnh đạo tiếp", " · leader present"));
        }
        lines.push(labelled(
            app,
            l("Lượt tiếp", "Visit"),
            vec![Span::raw(text)],
        ));
    }
    let mut facts = vec![state.complexity.label(lang).to_string()];
    facts.extend(state.competence.map(|c| c.label(lang).to_string()));
    facts.extend(petition.flags.iter().map(|f| f.label(lang).to_string()));
    if petition.remote_area {
        facts.push(l("vùng sâu vùng xa", "remote area").into());
    }
    lines.push(labelled(
        app,
        l("Tính chất", "Facts"),
        vec![Span::raw(facts.join(" · "))],
    ));
    if let Some(window) = app.ctx.store.policy().filing_window(petition) {
        use tiepdan::i18n::{LegalText, filing_window_line, legal_text};
        let style = match window.late() {
            true => app.theme.urgency(tiepdan::rules::Urgency::Overdue),
            false => app.theme.muted(),
        };
        lines.push(labelled(
            app,
            legal_text(LegalText::WindowLabel, lang),
            vec![Span::styled(filing_window_line(&window, lang), style)],
        ));
    }
    if let Some(agency) = &state.transferred_to {
        lines.push(labelled(
            app,
            l("Chuyển đến", "Sent to"),
            vec![Span::raw(format!(
                "{} ({} {})",
                safe(agency),
                state.transfer_count,
                l("lần", "times")
            ))],
        ));
    }
    if let Some(no) = &state.decision_no {
        let on = state.decision_on.map(date).unwrap_or_default();
        lines.push(labelled(
            app,
            l("Quyết định", "Decision"),
            vec![Span::raw(format!("{} ({on})", safe(no)))],
        ));
    }
    let mut officer: Vec<String> = petition.officer.iter().map(|o| safe(o)).collect();
    officer.extend(petition.unit.iter().map(|u| safe(u)));
    if !officer.is_empty() {
        lines.push(labelled(
            app,
            l("Cán bộ", "Officer"),
            vec![Span::raw(officer.join(" · "))],
        ));
    }
    let title = format!("{} {}", l("Hồ sơ đơn", "Petition"), safe(&petition.code));
    let width = area.width.saturating_sub(2) as usize;
    let wrapped: Vec<Line> = lines
        .into_iter()
        .flat_map(|spans| wrap_spans(spans, width, LABEL_WIDTH + 1))
        .collect();
    // Most important first; on a small screen the rest scrolls (Tab to this pane, then ↑↓).
    let height = area.height.saturating_sub(2) as usize;
    let offset = p.info_scroll.min(wrapped.len().saturating_sub(height));
    let more_below = wrapped.len() > offset + height;
    let mut block = pane(app, title, p.focus == PetitionPane::Info);
    if offset > 0 || more_below {
        let arrows = format!(
            " {}{} ",
            if offset > 0 { "▲" } else { "" },
            if more_below { "▼" } else { "" }
        );
        block = block.title_bottom(Line::from(arrows).right_aligned());
    }
    let shown: Vec<Line> = wrapped.into_iter().skip(offset).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

fn filer_spans(app: &App, p: &PetitionState) -> Vec<Span<'static>> {
    let lang = app.lang();
    match &p.filers {
        Filers::Protected => {
            let mut spans = vec![Span::styled(
                tiepdan::privacy::protected_label(lang),
                app.theme.masked(),
            )];
            if p.can_reveal()
                && !app.read_only()
                && let Some(key) =
                    super::widgets::key_of(app, &crate::tui::action::Action::RevealIdentity)
            {
                spans.push(Span::styled(
                    format!(
                        " [{key}: {}]",
                        lang.pick("xem, có ghi nhật ký", "reveal, audited")
                    ),
                    app.theme.muted(),
                ));
            }
            spans
        }
        Filers::Anonymous => vec![Span::styled(
            tiepdan::privacy::anonymous_label(lang),
            app.theme.muted(),
        )],
        Filers::Shown(citizens) => {
            let names: Vec<String> = citizens.iter().map(|c| safe(&c.full_name)).collect();
            let mut spans = vec![Span::raw(names.join(", "))];
            if tiepdan::privacy::protects_identity(p.petition.kind) {
                spans.push(Span::styled(
                    lang.pick(" (đã xem, có ghi nhật ký)", " (revealed, audited)"),
                    app.theme.masked(),
                ));
            }
            spans
        }
    }
}

fn draw_steps(frame: &mut Frame, area: Rect, app: &App, p: &PetitionState) {
    let lang = app.lang();
    let focused = p.focus == PetitionPane::Steps;
    let title = lang
        .pick("Bước tiếp theo hợp lệ", "Legal next steps")
        .to_string();
    let block = pane(app, title, focused);
    if p.allowed.is_empty() {
        let text = lang.pick("Không còn bước nào.", "No further steps.");
        frame.render_widget(
            Paragraph::new(Span::styled(text, app.theme.muted())).block(block),
            area,
        );
        return;
    }
    let read_only = app.read_only();
    let items: Vec<ListItem> = p
        .allowed
        .iter()
        .map(|kind| {
            let text = kind.label(lang).to_string();
            ListItem::new(Span::styled(
                text,
                if read_only {
                    app.theme.muted()
                } else {
                    Style::default()
                },
            ))
        })
        .collect();
    let block = if read_only {
        block.title_bottom(Span::styled(
            lang.pick(" chỉ đọc ", " read-only "),
            app.theme.muted(),
        ))
    } else {
        block
    };
    let mut state = ListState::default().with_selected(focused.then_some(p.step_sel));
    let list = List::new(items)
        .block(block)
        .highlight_style(app.theme.focus())
        .highlight_symbol("▶ ");
    frame.render_stateful_widget(list, area, &mut state);
}

fn draw_chain(frame: &mut Frame, area: Rect, app: &App, p: &PetitionState) {
    let lang = app.lang();
    let focused = p.focus == PetitionPane::Chain;
    let title = format!(
        "{} ({})",
        lang.pick("Chuỗi đơn lặp", "Repeat chain"),
        p.chain.len()
    );
    // Narrow panes drop the date: the code and the status say more.
    let with_date = area.width >= 46;
    let items: Vec<ListItem> = p
        .chain
        .iter()
        .map(|row| {
            let mark = if row.is_this { "●" } else { "○" };
            let received = if with_date {
                format!(" {}", date(row.received_on))
            } else {
                String::new()
            };
            ListItem::new(format!(
                "{mark} {}{received} {}",
                safe(&row.code),
                row.status.label(lang)
            ))
        })
        .collect();
    let mut state = ListState::default().with_selected(focused.then_some(p.chain_sel));
    let list = List::new(items)
        .block(pane(app, title, focused))
        .highlight_style(app.theme.focus())
        .highlight_symbol("▶");
    frame.render_stateful_widget(list, area, &mut state);
}

fn draw_timeline(frame: &mut Frame, area: Rect, app: &App, p: &PetitionState) {
    let lang = app.lang();
    let focused = p.focus == PetitionPane::Timeline;
    let title = format!(
        "{} ({})",
        lang.pick("Diễn biến", "Timeline"),
        p.events.len()
    );
    let rows = p.events.iter().skip(p.timeline_scroll).map(|event| {
        let d = &event.detail;
        let mut extra = Vec::new();
        extra.extend(d.to_agency.as_deref().map(|a| format!("→ {}", safe(a))));
        extra.extend(
            d.decision_no
                .as_deref()
                .map(|n| format!("{} {}", lang.pick("số", "no."), safe(n))),
        );
        extra.extend(
            d.days
                .map(|n| format!("+{n} {}", lang.pick("ngày", "days"))),
        );
        extra.extend(
            d.complexity
                .filter(|_| event.kind != tiepdan::domain::EventKind::Received)
                .map(|c| c.label(lang).to_string()),
        );
        extra.extend(d.note.as_deref().map(safe));
        Row::new(vec![
            Cell::from(date(event.on)),
            Cell::from(event.kind.label(lang)),
            Cell::from(safe(&event.actor)),
            Cell::from(extra.join("; ")),
        ])
    });
    let header = Row::new(vec![
        lang.pick("Ngày", "Date"),
        lang.pick("Bước", "Step"),
        lang.pick("Người làm", "By"),
        lang.pick("Chi tiết", "Details"),
    ])
    .style(app.theme.label());
    let widths = [
        Constraint::Length(10),
        Constraint::Length(18),
        Constraint::Length(12),
        Constraint::Min(10),
    ];
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(pane(app, title, focused)),
        area,
    );
}

fn draw_prompt(frame: &mut Frame, area: Rect, app: &App, p: &PetitionState, prompt: &StepPrompt) {
    let lang = app.lang();
    let height = prompt.fields.len() as u16 + 4 + u16::from(prompt.error.is_some()) * 2;
    let popup = centred(area, 64, height);
    frame.render_widget(Clear, popup);
    let title = format!(
        " {}: {} — {} ",
        lang.pick("Bước", "Step"),
        prompt.kind.label(lang),
        safe(&p.petition.code)
    );
    let block = Block::bordered().title(Span::styled(title, app.theme.title()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let value_x = inner.x + LABEL_WIDTH as u16 + 3;
    let width = (inner.width as usize)
        .saturating_sub(LABEL_WIDTH + 3)
        .max(1);
    let mut lines = Vec::new();
    for (index, (slot, widget)) in prompt.fields.iter().enumerate() {
        let focused = index == prompt.focus;
        let has_error = prompt
            .error
            .as_ref()
            .is_some_and(|(s, _)| *s == Some(*slot));
        let mark = if focused {
            "▶ "
        } else if has_error {
            "✗ "
        } else {
            "  "
        };
        let label_style = if has_error {
            app.theme.error()
        } else {
            app.theme.label()
        };
        let (value, cursor) = match widget {
            Widget::Text(input) if focused => {
                let (shown, col) = input.window(width);
                (format!("{shown:<width$}"), Some(col))
            }
            Widget::Text(input) => (fit(input.value(), width), None),
            Widget::Pick(pick) => {
                let chosen = pick.selected().map_or("—", |c| c.label(lang));
                (fit(&format!("‹ {chosen} ›"), width), None)
            }
        };
        if let Some(col) = cursor {
            frame.set_cursor_position(Position::new(value_x + col as u16, inner.y + index as u16));
        }
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{mark}{:<LABEL_WIDTH$} ",
                    fit(slot.label(lang), LABEL_WIDTH)
                ),
                label_style,
            ),
            Span::styled(
                value,
                if focused {
                    app.theme.focus()
                } else {
                    Style::default()
                },
            ),
        ]));
    }
    if let Some((_, message)) = &prompt.error {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("✗ {}", safe(message)),
            app.theme.error(),
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        lang.pick(
            "Ngày: dd/mm/yyyy. Chọn bằng ←→ hoặc gõ để lọc.",
            "Dates: dd/mm/yyyy. Choose with ←→ or type to filter.",
        ),
        app.theme.muted(),
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
