//! `tiepdan search`, `tiepdan repeats` and `tiepdan due`.

use super::output;
use clap::Args;
use serde::Serialize;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::due::DueView;
use tiepdan::privacy::{
    Audience, anonymous_label, list_subject, protected_label, protects_identity,
};
use tiepdan::rules::Urgency;
use tiepdan::session::Session;
use tiepdan::store::PetitionQuery;

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Name, CCCD, phone, address words or subject words, with or without diacritics.
    query: Vec<String>,
    /// Show at most this many (1 to 10,000).
    #[arg(long, default_value_t = 20, value_parser = count(1, 10_000))]
    limit: usize,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
    /// Group the results: each citizen with their petitions and repeat chains.
    #[arg(long)]
    grouped: bool,
    /// Rebuild the search index first (after restoring a backup made by other means).
    #[arg(long)]
    reindex: bool,
}

#[derive(Args, Debug)]
pub struct RepeatsArgs {
    /// Only clusters of at least this many petitions (2 to 10,000).
    #[arg(long, default_value_t = 3, value_parser = count(2, 10_000))]
    min: usize,
    /// Show at most this many clusters (1 to 100,000).
    #[arg(long, default_value_t = 50, value_parser = count(1, 100_000))]
    limit: usize,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct DueArgs {
    /// Only petitions due within this many days, 0 to 3650 (overdue ones included).
    #[arg(long, value_parser = super::usage::number::<i64>(0, 3650))]
    within: Option<i64>,
    /// Show at most this many (1 to 10,000,000).
    #[arg(long, value_parser = count(1, 10_000_000))]
    limit: Option<usize>,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

/// A count option within `min..=max`: anything else is a usage error naming the range, never a
/// panic or an overflow further on.
pub fn count(
    min: u64,
    max: u64,
) -> impl Fn(&str) -> std::result::Result<usize, String> + Clone + Send + Sync + 'static {
    super::usage::number::<usize>(min, max)
}

pub fn search(args: SearchArgs, ctx: &mut Session) -> Result<ExitCode> {
    use tiepdan::search::Engine;
    let query = args.query.join(" ");
    if let Some(notice) = tiepdan::search::query::cut_notice(&query, ctx.lang) {
        eprintln!("{notice}");
    }
    if args.reindex {
        ctx.store.search_rebuild()?;
    }
    if args.grouped {
        return grouped(&query, args.limit, args.json, ctx);
    }
    let mut engine = tiepdan::search::IndexEngine::new().with_today(ctx.today);
    let mut hits = engine.search(&ctx.store, &query, args.limit)?;
    let audience = Audience::Screen(ctx.role);
    for hit in &mut hits {
        hit.subject = list_subject(hit.kind, &hit.subject, audience, ctx.lang).into_owned();
    }
    // Other desks' petitions pulled from the province (`tiepdan sync`), marked with their desk.
    let mut province = ctx.store.province_search(&query, args.limit)?;
    for hit in &mut province {
        hit.subject = list_subject(hit.kind, &hit.subject, audience, ctx.lang).into_owned();
    }
    if args.json {
        let mut rows: Vec<serde_json::Value> = Vec::with_capacity(hits.len() + province.len());
        for hit in &hits {
            let mut row = serde_json::to_value(hit).expect("a search row serialises");
            row["desk"] = serde_json::Value::Null;
            rows.push(row);
        }
        rows.extend(
            province
                .iter()
                .map(|h| serde_json::to_value(h).expect("a province hit serialises")),
        );
        output::json(&rows);
        return Ok(ExitCode::SUCCESS);
    }
    let lang = ctx.lang;
    let with_desk = !province.is_empty();
    let row = |code: &str,
               received: chrono::NaiveDate,
               who: &str,
               subject: &str,
               status: &str,
               desk: &str| {
        let mut cells = vec![
            code.to_string(),
            received.format("%d/%m/%Y").to_string(),
            output::fit(who, 28),
            output::fit(subject, 50),
            status.to_string(),
        ];
        if with_desk {
            cells.push(output::fit(desk, 30));
        }
        cells
    };
    let mut rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            let who = who(&h.citizen_name, h.kind, lang);
            row(
                &h.code,
                h.received_on,
                &who,
                &h.subject,
                h.status.label(lang),
                "",
            )
        })
        .collect();
    rows.extend(province.iter().map(|h| {
        let who = who(&h.citizen_name, h.kind, lang);
        row(
            &h.code,
            h.received_on,
            &who,
            &h.subject,
            h.status.label(lang),
            &h.desk,
        )
    }));
    if rows.is_empty() {
        eprintln!(
            "{}",
            lang.pick("Không tìm thấy đơn nào.", "No petition found.")
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut headers = vec![
        lang.pick("Mã đơn", "Code"),
        lang.pick("Ngày nhận", "Received"),
        lang.pick("Người gửi", "Filed by"),
        lang.pick("Nội dung", "Subject"),
        lang.pick("Trạng thái", "Status"),
    ];
    if with_desk {
        headers.push(tiepdan::i18n::province_text(
            tiepdan::i18n::ProvinceText::FiledAt,
            lang,
        ));
    }
    output::table(&headers, &rows, |_, line| line.to_string());
    Ok(ExitCode::SUCCESS)
}

fn who(
    name: &Option<String>,
    kind: tiepdan::domain::PetitionKind,
    lang: tiepdan::i18n::Lang,
) -> String {
    match (name, protects_identity(kind)) {
        (_, true) => protected_label(lang).to_string(),
        (Some(name), false) => name.clone(),
        (None, false) => anonymous_label(lang).to_string(),
    }
}

fn grouped(query: &str, limit: usize, json: bool, ctx: &Session) -> Result<ExitCode> {
    let groups = tiepdan::search::search_grouped(&ctx.store, query, limit)?;
    if json {
        output::json(&groups);
        return Ok(ExitCode::SUCCESS);
    }
    let lang = ctx.lang;
    if groups.is_empty() {
        eprintln!(
            "{}",
            lang.pick("Không tìm thấy đơn nào.", "No petition found.")
        );
    }
    for group in &groups {
        let head = who(&group.citizen_name, group.hits[0].kind, lang);
        let count = lang.pick("đơn", "petitions");
        println!(
            "{} — {} {count}",
            tiepdan::text::for_terminal(&head),
            group.total_petitions
        );
        for chain in &group.chains {
            println!("  ↻ {} ({})", chain.text(lang), chain.codes.join(", "));
        }
        for hit in &group.hits {
            println!(
                "  {}  {}  {}  {}",
                hit.code,
                hit.received_on.format("%d/%m/%Y"),
                output::fit(
                    &list_subject(hit.kind, &hit.subject, Audience::Screen(ctx.role), lang),
                    60
                ),
                hit.status.label(lang)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `tiepdan repeats`: clusters of likely repeat filings across the whole database.
pub fn repeats(args: RepeatsArgs, ctx: &Session) -> Result<ExitCode> {
    let mut clusters = tiepdan::search::repeat_clusters(&ctx.store, args.min)?;
    clusters.truncate(args.limit);
    if args.json {
        output::json(&clusters);
        return Ok(ExitCode::SUCCESS);
    }
    let lang = ctx.lang;
    if clusters.is_empty() {
        eprintln!(
            "{}",
            lang.pick("Không có cụm đơn trùng nào.", "No repeat clusters.")
        );
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = clusters
        .iter()
        .map(|c| {
            let kind = match c.kind {
                tiepdan::search::ClusterKind::Person => lang.pick("cùng người", "same person"),
                tiepdan::search::ClusterKind::Matter => lang.pick("cùng vụ việc", "same matter"),
                tiepdan::search::ClusterKind::Both => {
                    lang.pick("cùng người, cùng vụ việc", "same person and matter")
                }
            };
            let summary = tiepdan::search::groups::chain_text(
                c.count,
                c.latest_on,
                c.final_resolved,
                c.open == 0,
                lang,
            );
            vec![
                c.count.to_string(),
                kind.to_string(),
                codes_text(&c.codes),
                output::fit(c.name.as_deref().unwrap_or("—"), 24),
                output::fit(&c.subject, 44),
                summary,
            ]
        })
        .collect();
    let headers = [
        lang.pick("Số đơn", "Petitions"),
        lang.pick("Loại", "Kind"),
        tiepdan::i18n::person_text(tiepdan::i18n::PersonText::ColCode, lang),
        lang.pick("Người gửi", "Filed by"),
        lang.pick("Nội dung gần nhất", "Latest subject"),
        lang.pick("Tóm tắt", "Summary"),
    ];
    output::table(&headers, &rows, |_, line| line.to_string());
    Ok(ExitCode::SUCCESS)
}

/// A cluster's codes as a clerk looks them up: the first three, then how many more
/// (`2026-000012, 2026-000340, 2026-001207 +2`); `--json` lists them all.
fn codes_text(codes: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = codes
        .iter()
        .take(SHOWN)
        .map(|c| output::fit(c, 20))
        .collect::<Vec<_>>()
        .join(", ");
    if codes.len() > SHOWN {
        text.push_str(&format!(" +{}", codes.len() - SHOWN));
    }
    text
}

#[derive(Serialize)]
struct DueJson {
    code: String,
    kind: tiepdan::domain::PetitionKind,
    stage: tiepdan::domain::Status,
    subject: String,
    due_on: Option<chrono::NaiveDate>,
    deadline: Option<String>,
    /// `overdue`, `critical`, `soon`, `ok`; `paused` while suspended.
    urgency: &'static str,
    paused: bool,
    /// In `unit` (working or calendar days); negative when overdue.
    days_left: Option<i64>,
    unit: tiepdan::rules::DayUnit,
    /// The date rests on a provisional holiday table (tạm tính).
    calendar_provisional: bool,
    /// The petition's markers (`late_filing`: a complaint received after the time limit).
    flags: tiepdan::domain::Flags,
    #[serde(skip)]
    view: DueView,
}

/// SGR colour per urgency; the symbol and the text carry the same meaning without colour.
fn urgency_sgr(urgency: Option<Urgency>) -> &'static str {
    match urgency {
        Some(Urgency::Overdue) => "1;31",
        Some(Urgency::Critical) => "31",
        Some(Urgency::Soon) => "33",
        Some(Urgency::Ok) => "32",
        // A stopped clock or a closed petition: dimmed.
        Some(Urgency::Closed) | None => "2",
    }
}

pub fn due(args: DueArgs, ctx: &Session) -> Result<ExitCode> {
    let query = PetitionQuery {
        due_by: args
            .within
            .map(|days| ctx.today + chrono::Duration::days(days)),
        limit: args.limit,
    };
    let rows = ctx.store.open_petitions(&query)?;
    let mut items: Vec<DueJson> = Vec::with_capacity(rows.len());
    for row in rows {
        let view = ctx.store.due_view(&row.code, ctx.today)?;
        items.push(DueJson {
            days_left: view.days_left,
            due_on: view.due_on,
            deadline: view.which.map(|w| w.code().to_string()),
            code: row.code,
            kind: row.kind,
            stage: row.status,
            subject: list_subject(row.kind, &row.subject, Audience::Screen(ctx.role), ctx.lang)
                .into_owned(),
            urgency: view.urgency_code(),
            paused: view.paused,
            unit: view.unit,
            calendar_provisional: view.calendar_provisional,
            flags: row.flags,
            view,
        });
    }
    // Most urgent first; paused clocks after every running one, as on the board.
    items.sort_by(|a, b| {
        let key = |i: &DueJson| (i.view.urgency.is_none(), i.view.urgency, i.due_on);
        key(a).cmp(&key(b)).then(a.code.cmp(&b.code))
    });
    if args.json {
        output::json(&items);
        return Ok(ExitCode::SUCCESS);
    }
    let lang = ctx.lang;
    let colour = output::colour_enabled();
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                i.view.urgency_text(lang),
                i.code.clone(),
                i.stage.label(lang).to_string(),
                i.due_on
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_else(|| "—".into()),
                i.view.days_text(ctx.today, lang),
                output::fit(
                    &tiepdan::due::marked_subject(i.kind, i.flags, &i.subject, lang),
                    48,
                ),
            ]
        })
        .collect();
    let headers = [
        lang.pick("Mức độ", "Urgency"),
        lang.pick("Mã đơn", "Code"),
        lang.pick("Giai đoạn", "Stage"),
        lang.pick("Hạn", "Due"),
        lang.pick("Còn", "Left"),
        lang.pick("Nội dung", "Subject"),
    ];
    output::table(&headers, &rows, |index, line| {
        output::paint(line, urgency_sgr(items[index].view.urgency), colour)
    });
    Ok(ExitCode::SUCCESS)
}
