//! The citizen page: the person's identities over time above, their petitions below.

use super::widgets::{fit, safe};
use crate::tui::app::App;
use crate::tui::citizen::CitizenState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};
use tiepdan::domain::{PetitionKind, Status};
use tiepdan::i18n::{PersonText, person_text};
use tiepdan::person::same_id_other_name_label;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, page: &CitizenState) {
    let lang = app.lang();
    let text = |t: PersonText| person_text(t, lang);
    let width = area.width.saturating_sub(2) as usize;
    // Who: every identity given, per person.
    let mut who: Vec<Line> = Vec::new();
    for (i, view) in page.views.iter().enumerate() {
        if i > 0 {
            who.push(Line::raw(""));
        }
        let years: Vec<String> = view.birth_years.iter().map(i32::to_string).collect();
        for (label, values) in [
            (text(PersonText::Names), &view.names),
            (text(PersonText::IdNumbers), &view.ids),
            (text(PersonText::Phones), &view.phones),
            (text(PersonText::Addresses), &view.addresses),
            (text(PersonText::BirthYears), &years),
        ] {
            if values.is_empty() {
                continue;
            }
            let joined: Vec<String> = values.iter().map(|v| safe(v)).collect();
            who.push(Line::from(vec![
                Span::styled(format!("{label:<12} "), app.theme.label()),
                Span::raw(joined.join(" · ")),
            ]));
        }
        for number in &view.review_same_id {
            who.push(Line::from(Span::styled(
                fit(
                    &format!(
                        "! {}: {} — {}",
                        same_id_other_name_label(lang),
                        safe(number),
                        text(PersonText::KeptApartReview)
                    ),
                    width,
                ),
                app.theme.soon(),
            )));
        }
        for chain in &view.repeat_chains {
            who.push(Line::from(vec![
                Span::styled(
                    format!("{} ", text(PersonText::RepeatChain)),
                    app.theme.label(),
                ),
                Span::raw(chain.join(" → ")),
            ]));
        }
        for t in &view.transfers {
            who.push(Line::raw(fit(
                &format!(
                    "{} {} {} → {}",
                    text(PersonText::Transferred),
                    safe(&t.code),
                    t.on,
                    safe(t.to_agency.as_deref().unwrap_or("?"))
                ),
                width,
            )));
        }
    }
    // Lines as wrapped to the box's width.
    let rows: usize = who
        .iter()
        .map(|l| l.width().div_ceil(width.max(1)).max(1))
        .sum();
    let who_height = (rows as u16 + 2).min(area.height / 2).max(3);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(who_height), Constraint::Min(3)]).areas(area);
    let title = format!(" {} ", text(PersonText::Page));
    frame.render_widget(
        Paragraph::new(who)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(Span::styled(title, app.theme.title()))),
        top,
    );
    // What: every petition, oldest first, with the name written on it.
    let inner = bottom.width.saturating_sub(4) as usize;
    let items: Vec<ListItem> = page
        .views
        .iter()
        .flat_map(|v| v.petitions.iter())
        .map(|p| {
            let kind = PetitionKind::parse(&p.kind)
                .map(|k| k.label(lang).to_string())
                .unwrap_or_else(|| p.kind.clone());
            let status = Status::parse(&p.status)
                .map(|s| s.label(lang).to_string())
                .unwrap_or_else(|| p.status.clone());
            let repeat = p
                .repeat_of
                .as_deref()
                .map(|r| format!(" ↩ {}", safe(r)))
                .unwrap_or_default();
            ListItem::new(vec![
                Line::raw(fit(
                    &format!(
                        "{} {} · {kind} · {status}{repeat}",
                        safe(&p.code),
                        p.received_on
                    ),
                    inner,
                )),
                Line::from(Span::styled(
                    fit(
                        &format!("  {} · {}", safe(&p.name_given), safe(&p.subject)),
                        inner,
                    ),
                    app.theme.muted(),
                )),
            ])
        })
        .collect();
    let heading = format!(
        " {} {} ",
        page.petition_count(),
        text(PersonText::PetitionsFiled)
    );
    let list = List::new(items)
        .block(Block::bordered().title(Span::styled(heading, app.theme.label())))
        .highlight_style(app.theme.focus())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(page.selected));
    frame.render_stateful_widget(list, bottom, &mut state);
}
