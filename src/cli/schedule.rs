//! `tiepdan schedule add|list`: the leaders' reception schedule, published ahead, with the days
//! held and each leader's schedule against the legal minimum for the desk's level.

use super::output;
use chrono::NaiveDate;
use clap::Subcommand;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::i18n::{ScheduleText, schedule_summary, schedule_text, schedule_title};
use tiepdan::session::{Session, SessionOptions};

#[derive(Subcommand, Debug)]
pub enum ScheduleCommand {
    /// Put a leader's reception day on the published schedule (lịch tiếp công dân). Audited.
    Add {
        /// The leader (name and title, e.g. "Chủ tịch UBND xã Nguyễn Văn An").
        #[arg(long)]
        leader: String,
        /// The day (YYYY-MM-DD or dd/mm/yyyy).
        #[arg(long, value_parser = super::parse_date)]
        date: NaiveDate,
        /// A note (place, hours).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// A month's schedule with the days held, and each leader's days against the minimum.
    List {
        /// The month, YYYY-MM (default: this month).
        #[arg(long)]
        month: Option<String>,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(serde::Serialize)]
struct ListJson {
    from: NaiveDate,
    to: NaiveDate,
    days: Vec<DayJson>,
    leaders: Vec<tiepdan::rules::ScheduleCompliance>,
    /// The minimum for the desk's level, with its article.
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum: Option<tiepdan::rules::ReceptionRule>,
}

#[derive(serde::Serialize)]
struct DayJson {
    #[serde(flatten)]
    day: tiepdan::store::ScheduledDay,
    /// `held`, `missed` or `upcoming`.
    state: &'static str,
}

/// Adding a day may start a new database (it brings a record); listing needs one.
pub fn run(cmd: ScheduleCommand, g: &SessionOptions) -> Result<ExitCode> {
    match cmd {
        ScheduleCommand::Add { leader, date, note } => {
            g.open()?.store.schedule_add(&leader, date, &note)?;
            println!("{} · {}", date.format("%d/%m/%Y"), leader.trim());
            Ok(ExitCode::SUCCESS)
        }
        ScheduleCommand::List { month, json } => list(&g.open_existing()?, month.as_deref(), json),
    }
}

/// "2026-03" (or "03/2026") → 1/3/2026.
fn first_of_month(raw: &str) -> Result<NaiveDate> {
    let raw = raw.trim();
    let (year, month) = match (raw.split_once('-'), raw.split_once('/')) {
        (Some((y, m)), _) => (y, m),
        (None, Some((m, y))) => (y, m),
        _ => ("", ""),
    };
    year.parse()
        .ok()
        .zip(month.parse().ok())
        .filter(|(y, _)| (1900..=9999).contains(y))
        .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1))
        .ok_or_else(|| tiepdan::Error::UnknownValue {
            what: "--month",
            value: raw.to_string(),
            allowed: "YYYY-MM".into(),
        })
}

fn list(ctx: &Session, month: Option<&str>, json: bool) -> Result<ExitCode> {
    let (lang, today) = (ctx.lang, ctx.today);
    let month = match month {
        Some(raw) => first_of_month(raw)?,
        None => today,
    };
    let (from, to) = tiepdan::rules::month_bounds(month);
    let days = ctx.store.schedule(from, to)?;
    let held = ctx.store.leader_days(from, to)?;
    let minimum = ctx
        .policy()
        .rules
        .reception(ctx.config.level(), from)
        .cloned();
    let mut leaders: Vec<String> = days.iter().map(|d| d.leader.clone()).collect();
    leaders.sort();
    leaders.dedup();
    let compliance: Vec<_> = leaders
        .iter()
        .map(|leader| {
            let mine: Vec<NaiveDate> = days
                .iter()
                .filter(|d| &d.leader == leader)
                .map(|d| d.day)
                .collect();
            tiepdan::rules::schedule_compliance(minimum.as_ref(), leader, &mine, &held, from, today)
        })
        .collect();
    let state = |d: &tiepdan::store::ScheduledDay| match (d.held, d.day < today) {
        (true, _) => ScheduleText::Held,
        (false, true) => ScheduleText::Missed,
        (false, false) => ScheduleText::Upcoming,
    };
    if json {
        let days = days
            .into_iter()
            .map(|d| DayJson {
                state: state(&d).code(),
                day: d,
            })
            .collect();
        output::json(&ListJson {
            from,
            to,
            days,
            leaders: compliance,
            minimum,
        });
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", schedule_title(lang, from, to));
    let rows: Vec<Vec<String>> = days
        .iter()
        .map(|d| {
            vec![
                d.day.format("%d/%m/%Y").to_string(),
                output::fit(&d.leader, 40),
                output::fit(d.note.as_deref().unwrap_or(""), 40),
                schedule_text(state(d), lang).to_string(),
            ]
        })
        .collect();
    let headers = [
        schedule_text(ScheduleText::Day, lang),
        schedule_text(ScheduleText::Leader, lang),
        schedule_text(ScheduleText::Note, lang),
        schedule_text(ScheduleText::State, lang),
    ];
    output::table(&headers, &rows, |_, line| line.to_string());
    for c in &compliance {
        println!("{}", schedule_summary(lang, c, minimum.as_ref()));
    }
    Ok(ExitCode::SUCCESS)
}
