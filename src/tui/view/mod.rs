//! Pure functions from the app's state to a frame: no store, no terminal, no side effects, so
//! every screen can be snapshot-tested on ratatui's TestBackend.

mod board;
mod citizen;
mod dashboard;
mod desk;
mod help;
mod petition;
mod report;
mod search;
mod visit_form;
pub mod widgets;

use super::action::Action;
use super::app::{App, Confirm, Screen};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use tiepdan::i18n::{self, Lang};
use unicode_width::UnicodeWidthStr;
use widgets::{fit, safe};

pub fn draw(frame: &mut Frame, app: &App) {
    let [title, body, hint, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    draw_title(frame, title, app);
    match app.top() {
        None => desk::draw(frame, body, app),
        Some(Screen::Form(form)) => visit_form::draw(frame, body, app, form),
        Some(Screen::Petition(p)) => petition::draw(frame, body, app, p),
        Some(Screen::Search(s)) => search::draw(frame, body, app, s),
        Some(Screen::Board(b)) => board::draw(frame, body, app, b),
        Some(Screen::Dashboard(d)) => dashboard::draw(frame, body, app, d),
        Some(Screen::Report(r)) => report::draw(frame, body, app, r),
        Some(Screen::Citizen(c)) => citizen::draw(frame, body, app, c),
    }
    draw_hint_line(frame, hint, app);
    draw_status(frame, status, app);
    if app.help {
        help::draw(frame, body, app);
    }
    if let Some(question) = app.confirm {
        draw_confirm(frame, body, app, question);
    }
}

fn screen_name(screen: Option<&Screen>, lang: Lang) -> String {
    match screen {
        None => lang.pick("Bàn làm việc", "Desk").into(),
        Some(Screen::Form(_)) => lang.pick("Tiếp công dân mới", "New visit").into(),
        Some(Screen::Petition(p)) => format!(
            "{} {}",
            lang.pick("Hồ sơ đơn", "Petition"),
            safe(&p.petition.code)
        ),
        Some(Screen::Search(_)) => lang.pick("Tìm kiếm", "Search").into(),
        Some(Screen::Board(_)) => lang.pick("Hạn xử lý", "Deadlines").into(),
        Some(Screen::Dashboard(_)) => lang.pick("Thanh tra", "Inspection").into(),
        Some(Screen::Report(_)) => lang.pick("Báo cáo định kỳ", "Periodic report").into(),
        Some(Screen::Citizen(_)) => {
            tiepdan::i18n::person_text(tiepdan::i18n::PersonText::Page, lang).into()
        }
    }
}

fn draw_title(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang();
    let mut crumbs = vec![screen_name(None, lang)];
    crumbs.extend(app.stack.iter().map(|s| screen_name(Some(s), lang)));
    let mut spans = vec![
        Span::styled(" tiepdan ", app.theme.title()),
        Span::raw("│ "),
    ];
    spans.push(Span::styled(crumbs.join(" › "), app.theme.title()));
    if app.help {
        spans.push(Span::raw(format!(" › {}", lang.pick("Trợ giúp", "Help"))));
    }
    if app.read_only() {
        spans.push(Span::styled(
            format!("  [{}]", lang.pick("CHỈ ĐỌC", "READ-ONLY")),
            app.theme.soon(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
    let today = format!("{} ", widgets::date(app.ctx.today));
    frame.render_widget(Line::from(today).right_aligned(), area);
}

/// The message of the last action if there is one, else the keys that matter here.
fn draw_hint_line(frame: &mut Frame, area: Rect, app: &App) {
    if let Some(message) = &app.message {
        let style = if message.ok {
            app.theme.success()
        } else {
            app.theme.error()
        };
        let mark = if message.ok || message.text.starts_with('✗') {
            ""
        } else {
            "✗ "
        };
        let text = fit(
            &format!(" {mark}{}", safe(&message.text)),
            area.width as usize,
        );
        frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
        return;
    }
    // The screen's own list of commands: what can be done here now.
    let items: Vec<(Action, &str)> = app
        .commands()
        .into_iter()
        .filter(|c| c.hinted && c.available())
        .map(|c| (c.action, c.label))
        .collect();
    let mut line = widgets::hints(app, &items, (area.width as usize).saturating_sub(1));
    line.spans.insert(0, Span::raw(" "));
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_status(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang();
    let counts = app.desk.counts;
    let thousands = |n: i64| {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(if lang == Lang::Vi { '.' } else { ',' });
            }
            out.push(c);
        }
        out
    };
    let counts = match lang {
        Lang::Vi => format!(
            "Đơn {} · mở {} · hôm nay {} lượt",
            thousands(counts.petitions),
            thousands(counts.open),
            counts.visits_today
        ),
        Lang::En => format!(
            "{} petitions · {} open · {} visits today",
            thousands(counts.petitions),
            thousands(counts.open),
            counts.visits_today
        ),
    };
    // The holiday table is about to end (or has): deadlines beyond it are only provisional.
    let calendar = app
        .ctx
        .store
        .policy()
        .calendar
        .coverage_warning(app.ctx.today)
        .map(|w| format!("{} │ ", tiepdan::i18n::calendar_runs_out(lang, w.last_day)))
        .unwrap_or_default();
    let head = format!(
        " {} ({}) │ {counts} │ {calendar}{} ",
        safe(&app.status_line.user),
        app.ctx.role.label(lang),
        lang.pick("CSDL", "DB"),
    );
    // The database path shrinks to its file name before anything else is cut.
    let width = area.width as usize;
    let path = safe(&app.status_line.db_label);
    let file = std::path::Path::new(&path)
        .file_name()
        .map_or(path.clone(), |f| format!("…/{}", f.to_string_lossy()));
    let text = if head.width() + path.width() <= width {
        format!("{head}{path}")
    } else {
        format!("{head}{file}")
    };
    let padded = format!("{:<width$}", fit(&text, width));
    frame.render_widget(Paragraph::new(Span::styled(padded, app.theme.bar())), area);
}

fn draw_confirm(frame: &mut Frame, area: Rect, app: &App, question: Confirm) {
    let lang = app.lang();
    let title = format!(" ? {} ", lang.pick("Xác nhận", "Confirm"));
    let yes = widgets::key_of(app, &Action::Open).unwrap_or_default();
    let no = widgets::key_of(app, &Action::Back).unwrap_or_default();
    let about = match question {
        Confirm::AttachVisit | Confirm::LinkRepeat => app.pending_attach.as_ref(),
        _ => None,
    };
    if let Some((code, status)) = about {
        let link = question == Confirm::LinkRepeat;
        let mut text = vec![Line::from(if link {
            i18n::link_question(code, *status, lang)
        } else {
            i18n::attach_question(code, *status, lang)
        })];
        if status.is_closed() && !link {
            text.push(Line::from(Span::styled(
                i18n::attach_closed_warning(*status, lang),
                app.theme.error(),
            )));
        }
        text.push(Line::from(""));
        text.push(Line::from(Span::styled(
            if link {
                i18n::link_answer(&yes, &no, code, lang)
            } else {
                i18n::attach_answer(&yes, &no, code, lang)
            },
            app.theme.key(),
        )));
        let popup = widgets::centred(area, 64, text.len() as u16 + 4);
        frame.render_widget(Clear, popup);
        let block = Block::bordered().title(Span::styled(title, app.theme.error()));
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
            popup,
        );
        return;
    }
    if question == Confirm::DenouncerNamed {
        let keep = widgets::key_of(app, &Action::NextField).unwrap_or_default();
        let text = vec![
            Line::from(i18n::denouncer_named_question(lang)),
            Line::from(""),
            Line::from(Span::styled(
                i18n::denouncer_named_answer(&yes, &keep, &no, lang),
                app.theme.key(),
            )),
        ];
        let popup = widgets::centred(area, 64, 9);
        frame.render_widget(Clear, popup);
        let block = Block::bordered().title(Span::styled(title, app.theme.error()));
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
            popup,
        );
        return;
    }
    let ask = match question {
        Confirm::AttachVisit | Confirm::DenouncerNamed | Confirm::LinkRepeat => "",
        Confirm::DiscardForm => lang.pick(
            "Bỏ những gì đã nhập trong biểu mẫu?",
            "Discard what was typed in the form?",
        ),
        Confirm::QuitWithUnsaved => lang.pick(
            "Biểu mẫu chưa lưu. Thoát và bỏ những gì đã nhập?",
            "The form is not saved. Quit and discard it?",
        ),
    };
    let answer = match lang {
        Lang::Vi => format!("{yes}: bỏ đi    {no}: quay lại nhập tiếp"),
        Lang::En => format!("{yes}: discard    {no}: keep editing"),
    };
    let popup = widgets::centred(area, 56, 6);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(Span::styled(title, app.theme.error()));
    let text = vec![
        Line::from(ask),
        Line::from(""),
        Line::from(Span::styled(answer, app.theme.key())),
    ];
    frame.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
        popup,
    );
}
