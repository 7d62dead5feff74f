//! The inspector dashboard: a bar chart of intake per month by kind over twelve months, then the
//! lists an inspector reviews. The focused list (Tab) is the one `Export` writes.

use super::widgets::row_subject;
use super::widgets::{date, fit, safe};
use crate::tui::app::App;
use crate::tui::dashboard::{DashboardState, Section};
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph};
use tiepdan::domain::PetitionKind;
use tiepdan::i18n::{self, Lang};
use tiepdan::privacy::protected_label;

fn kind_style(app: &App, kind: PetitionKind) -> Style {
    match kind {
        PetitionKind::Complaint => app.theme.title(),
        PetitionKind::Denunciation => app.theme.masked(),
        PetitionKind::Recommendation => app.theme.ok(),
        PetitionKind::Report => app.theme.soon(),
    }
}

fn section_block<'a>(app: &App, d: &DashboardState, section: Section, title: String) -> Block<'a> {
    let focused = d.section == section;
    let mark = if focused { "▶ " } else { "" };
    let style = if focused {
        app.theme.focus()
    } else {
        app.theme.label()
    };
    Block::bordered().title(Span::styled(format!(" {mark}{title} "), style))
}

fn list(frame: &mut Frame, area: Rect, block: Block, lines: Vec<Line>) {
    let width = area.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| {
            if l.width() > width {
                let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                let style = l.spans.first().map(|s| s.style).unwrap_or_default();
                Line::from(Span::styled(fit(&text, width), style))
            } else {
                l
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, d: &DashboardState) {
    let lang = app.lang();
    let l = |vi: &'static str, en: &'static str| lang.pick(vi, en);
    let chart_height = if area.height >= 30 { 12 } else { 8 };
    let [chart_area, middle, bottom] = Layout::vertical([
        Constraint::Length(chart_height),
        Constraint::Min(4),
        Constraint::Min(4),
    ])
    .areas(area);
    draw_chart(frame, chart_area, app, d);

    let [backlog_area, overdue_area, oldest_area] = Layout::default()
        .direction(Direction::Horizontal)
        .constraints([
            Constraint::Percentage(28),
            Constraint::Percentage(32),
            Constraint::Percentage(40),
        ])
        .areas(middle);
    let backlog = d
        .data
        .backlog
        .iter()
        .map(|(s, n)| Line::from(format!("{:>5}  {}", n, s.label(lang))))
        .collect();
    let block = section_block(
        app,
        d,
        Section::Backlog,
        l("Tồn theo bước", "Backlog by stage").into(),
    );
    list(frame, backlog_area, block, backlog);

    let overdue: Vec<Line> = if d.data.overdue_by_officer.is_empty() {
        vec![Line::from(Span::styled(
            l("Không có đơn quá hạn.", "Nothing overdue."),
            app.theme.ok(),
        ))]
    } else {
        d.data
            .overdue_by_officer
            .iter()
            .map(|(unit, officer, n)| {
                let who = match (unit.is_empty(), officer.is_empty()) {
                    (_, true) => l("(chưa giao)", "(unassigned)").to_string(),
                    (true, false) => safe(officer),
                    // The officer first: at 80 columns a long unit name is what gets cut.
                    (false, false) => format!("{} · {}", safe(officer), safe(unit)),
                };
                Line::from(Span::styled(
                    format!("‼ {n:>4}  {who}"),
                    app.theme.overdue(),
                ))
            })
            .collect()
    };
    let block = section_block(
        app,
        d,
        Section::Overdue,
        l("Quá hạn theo cán bộ", "Overdue by officer").into(),
    );
    list(frame, overdue_area, block, overdue);

    let oldest = d
        .data
        .oldest
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let subject = row_subject(app, r.kind, &r.subject);
            let text = format!("{} {} {}", date(r.received_on), safe(&r.code), subject);
            let style = if i == d.selected && d.section == Section::Oldest {
                app.theme.focus()
            } else {
                Style::default()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    let block = section_block(
        app,
        d,
        Section::Oldest,
        l("Đơn tồn lâu nhất", "Oldest open").into(),
    );
    list(frame, oldest_area, block, oldest);

    let [hot_area, visits_area] = Layout::default()
        .direction(Direction::Horizontal)
        .constraints([Constraint::Percentage(60), Constraint::Percentage(40)])
        .areas(bottom);
    let hotspots: Vec<Line> = if d.hotspots.is_empty() && d.clustering {
        vec![Line::from(Span::styled(
            l("Đang tính các điểm nóng…", "Finding the hotspots…"),
            app.theme.muted(),
        ))]
    } else if d.hotspots.is_empty() {
        vec![Line::from(Span::styled(
            l(
                "Không có nội dung nào từ 3 đơn trở lên.",
                "No matter filed 3 or more times.",
            ),
            app.theme.muted(),
        ))]
    } else {
        d.hotspots
            .iter()
            .map(|c| {
                let who = c
                    .name
                    .as_deref()
                    .map(safe)
                    .unwrap_or_else(|| protected_label(lang).into());
                Line::from(format!("{:>3}× {} — {}", c.count, who, safe(&c.subject)))
            })
            .collect()
    };
    let block = section_block(
        app,
        d,
        Section::Hotspots,
        l("Điểm nóng: lặp lại ≥ 3 lần", "Hotspots: filed ≥ 3 times").into(),
    );
    list(frame, hot_area, block, hotspots);

    let mut visits = leader_lines(app, &d.data.leader_dates);
    visits.extend(schedule_lines(app, &d.data.schedule, &d.data.leader_dates));
    if d.data.group_visits.is_empty() {
        visits.push(Line::from(Span::styled(
            l("Chưa có đoàn đông người.", "No group visits."),
            app.theme.muted(),
        )));
    }
    for (day, n, officer) in &d.data.group_visits {
        let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").map_or(day.clone(), date);
        visits.push(Line::from(match lang {
            Lang::Vi => format!("{day}  đoàn {n} người · {}", safe(officer)),
            Lang::En => format!("{day}  group of {n} · {}", safe(officer)),
        }));
    }
    let block = section_block(
        app,
        d,
        Section::GroupVisits,
        l("Đoàn đông người, lãnh đạo tiếp", "Groups, leader days").into(),
    );
    list(frame, visits_area, block, visits);
}

fn draw_chart(frame: &mut Frame, area: Rect, app: &App, d: &DashboardState) {
    let lang = app.lang();
    let months = d.months();
    let legend: Vec<Span> = PetitionKind::ALL
        .iter()
        .flat_map(|k| {
            [
                Span::styled(format!("█ {}", k.label(lang)), kind_style(app, *k)),
                Span::raw("  "),
            ]
        })
        .collect();
    let block = section_block(
        app,
        d,
        Section::Received,
        lang.pick(
            "Tiếp nhận theo tháng, theo loại (12 tháng)",
            "Received per month by kind (12 months)",
        )
        .into(),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [legend_area, chart_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Line::from(legend), legend_area);
    let kinds = PetitionKind::ALL.len() as u16;
    // Each month is a group of one bar per kind; narrow screens get one-column bars.
    let per_group = (chart_area.width / months.len().max(1) as u16).max(kinds + 1);
    let bar_width = ((per_group - 1) / kinds).max(1);
    let mut chart = BarChart::default()
        .bar_width(bar_width)
        .bar_gap(0)
        .group_gap(1);
    for month in &months {
        let bars: Vec<Bar> = PetitionKind::ALL
            .iter()
            .map(|k| {
                let n = d
                    .data
                    .received
                    .iter()
                    .find(|(m, kind, _)| m == month && kind == k)
                    .map_or(0, |(_, _, n)| *n);
                let bar = Bar::default()
                    .value(n.max(0) as u64)
                    .style(kind_style(app, *k))
                    .value_style(app.theme.focus());
                if bar_width < 3 {
                    bar.text_value("")
                } else {
                    bar
                }
            })
            .collect();
        // "11/26" under each group when the group is wider than the label, else "11": a label
        // wider than its group would run into the next one ("01/2602/26").
        let label = if kinds * bar_width >= 5 {
            format!("{}/{}", &month[5..7], &month[2..4])
        } else {
            month[5..7].to_string()
        };
        chart = chart.data(BarGroup::default().label(Line::from(label)).bars(&bars));
    }
    frame.render_widget(chart, chart_area);
}

/// Each leader on this month's published schedule: days scheduled, held, not held, to come, and
/// whether the schedule meets the minimum (`tiepdan schedule add` publishes it).
fn schedule_lines(
    app: &App,
    schedule: &[tiepdan::store::ScheduledDay],
    held: &[chrono::NaiveDate],
) -> Vec<Line<'static>> {
    let session = &app.ctx;
    let today = session.today;
    let rule = session
        .policy()
        .rules
        .reception(session.config.level(), today);
    let mut leaders: Vec<&str> = schedule.iter().map(|d| d.leader.as_str()).collect();
    leaders.sort_unstable();
    leaders.dedup();
    leaders
        .into_iter()
        .map(|leader| {
            let days: Vec<chrono::NaiveDate> = schedule
                .iter()
                .filter(|d| d.leader == leader)
                .map(|d| d.day)
                .collect();
            let c = tiepdan::rules::schedule_compliance(rule, leader, &days, held, today, today);
            let style = if c.missed > 0 || c.spans_met < c.spans {
                app.theme.overdue()
            } else {
                app.theme.ok()
            };
            Line::from(Span::styled(
                safe(&i18n::schedule_summary(session.lang, &c, rule)),
                style,
            ))
        })
        .collect()
}

/// The leaders' reception days this month against the minimum for this desk's level, and the
/// article it comes from.
fn leader_lines(app: &App, leader_dates: &[chrono::NaiveDate]) -> Vec<Line<'static>> {
    let session = &app.ctx;
    let rule = session
        .policy()
        .rules
        .reception(session.config.level(), session.today);
    let compliance =
        rule.map(|r| tiepdan::rules::reception_compliance(r, leader_dates, session.today));
    let days = u32::try_from(leader_dates.len()).unwrap_or(u32::MAX);
    let (head, detail) = i18n::reception_lines(session.lang, days, rule.zip(compliance.as_ref()));
    let (mark, style) = if compliance.is_none_or(|c| c.ok()) {
        ("✓", app.theme.ok())
    } else {
        ("✗", app.theme.overdue())
    };
    let mut lines = vec![Line::from(Span::styled(format!("{mark} {head}"), style))];
    if let (Some(detail), Some(rule)) = (detail, rule) {
        lines.push(Line::from(Span::styled(format!("  {detail}"), style)));
        lines.push(Line::from(Span::styled(
            format!("  {}", safe(&rule.basis)),
            app.theme.muted(),
        )));
    }
    lines
}
