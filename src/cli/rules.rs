//! `tiepdan rules --list`: the deadline, extension and suspension rules in force, each with its
//! article, the days it applies and whether its text was checked — what a desk head or an
//! inspector reads to know which law the program counts by.

use clap::Args;
use serde::Serialize;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::i18n::{self, Lang, RulesText};
use tiepdan::policy::Policy;
use tiepdan::rules::{DeadlineRule, Validity};
use tiepdan::text::for_terminal;

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// List every rule with its article and the days it is in force (the default).
    #[arg(long)]
    list: bool,
    /// Machine-readable output.
    #[arg(long)]
    json: bool,
}

pub fn run(args: RulesArgs, policy: &Policy, lang: Lang) -> Result<ExitCode> {
    let _ = args.list;
    if args.json {
        let listing = Listing::of(policy);
        println!(
            "{}",
            serde_json::to_string_pretty(&listing).expect("rules serialise")
        );
    } else {
        print!("{}", text(policy, lang));
    }
    Ok(ExitCode::SUCCESS)
}

/// The listing as people read it.
pub fn text(policy: &Policy, lang: Lang) -> String {
    let t = |which| i18n::rules_text(which, lang);
    let rules = &policy.rules;
    let mut out = format!(
        "{} {}\n",
        t(RulesText::Source),
        for_terminal(rules.source())
    );
    out.push_str(&format!("\n{}\n", t(RulesText::Deadlines)));
    for rule in rules.deadline_rules() {
        out.push_str(&format!(
            "  {:<34} {}\n  {:<34} {}\n",
            for_terminal(&rule.id),
            period(rule, lang),
            "",
            article(&rule.basis, rule.validity(), lang),
        ));
    }
    out.push_str(&format!("\n{}\n", t(RulesText::Extensions)));
    for rule in rules.extension_rules() {
        out.push_str(&format!(
            "  {}, {}: {}\n      {}\n",
            rule.kind.label(lang),
            rule.complexity.label(lang),
            i18n::extension_allowance_text(lang, rule.max, rule.days),
            article(&rule.basis, rule.validity(), lang),
        ));
    }
    out.push_str(&format!("\n{}\n", t(RulesText::Suspensions)));
    for rule in rules.suspension_rules() {
        out.push_str(&format!(
            "  {}\n      {}\n",
            rule.kind.label(lang),
            article(&rule.basis, rule.validity(), lang),
        ));
    }
    out.push_str(&format!("  {}\n", t(RulesText::NoSuspensionRule)));
    out.push_str(&format!("\n{}\n", t(RulesText::Receptions)));
    for rule in rules.reception_rules() {
        out.push_str(&format!(
            "  {}: {}\n      {}\n",
            rule.level.label(lang),
            i18n::reception_minimum_text(lang, rule.days, rule.per.label(lang)),
            article(&rule.basis, rule.validity(), lang),
        ));
    }
    let cal = &policy.calendar;
    out.push_str(&format!(
        "\n{} {}\n",
        t(RulesText::Holidays),
        for_terminal(cal.source())
    ));
    if let Some(year) = cal.last_listed_year() {
        out.push_str(&format!(
            "  {}\n",
            i18n::holidays_listed_until(lang, year, cal.is_provisional(year))
        ));
    }
    out
}

/// "thụ lý · tố cáo · 7 ngày làm việc từ ngày nhận đơn · vùng sâu, vùng xa".
fn period(rule: &DeadlineRule, lang: Lang) -> String {
    let mut parts = vec![
        rule.which.label(lang).to_string(),
        rule.kind.map_or_else(
            || i18n::rules_text(RulesText::AnyKind, lang).to_string(),
            |k| k.label(lang).to_string(),
        ),
    ];
    if let Some(round) = rule.round {
        parts.push(round.label(lang).to_string());
    }
    if let Some(c) = rule.complexity {
        parts.push(c.label(lang).to_string());
    }
    if let Some(remote) = rule.remote {
        let which = if remote {
            RulesText::Remote
        } else {
            RulesText::NotRemote
        };
        parts.push(i18n::rules_text(which, lang).to_string());
    }
    parts.push(i18n::rule_period(
        lang,
        rule.days,
        rule.unit.label(lang),
        rule.from.label(lang),
    ));
    for_terminal(&parts.join(" · ")).into_owned()
}

/// "Luật Tố cáo 2018, Điều 30 · từ 01/01/2019" (+ "CHƯA ĐỐI CHIẾU VĂN BẢN").
fn article(basis: &str, validity: Validity, lang: Lang) -> String {
    let mut line = format!(
        "{} · {}",
        for_terminal(basis),
        i18n::in_force_text(lang, validity.effective_from, validity.until)
    );
    if !validity.verified {
        line.push_str(" · ");
        line.push_str(i18n::rules_text(RulesText::Unverified, lang));
    }
    line
}

#[derive(Serialize)]
struct Listing<'a> {
    source: &'a str,
    deadlines: Vec<DeadlineRow<'a>>,
    extensions: Vec<ExtensionRow<'a>>,
    suspensions: Vec<SuspensionRow<'a>>,
    receptions: Vec<ReceptionRow<'a>>,
}

#[derive(Serialize)]
struct ReceptionRow<'a> {
    level: &'static str,
    days: u32,
    per: &'static str,
    basis: &'a str,
    note: Option<&'a str>,
    #[serde(flatten)]
    dates: Dates,
}

#[derive(Serialize)]
struct Dates {
    effective_from: Option<String>,
    until: Option<String>,
    verified: bool,
}

impl From<Validity> for Dates {
    fn from(v: Validity) -> Dates {
        Dates {
            effective_from: v.effective_from.map(|d| d.to_string()),
            until: v.until.map(|d| d.to_string()),
            verified: v.verified,
        }
    }
}

#[derive(Serialize)]
struct DeadlineRow<'a> {
    id: &'a str,
    deadline: &'static str,
    kind: &'static str,
    round: Option<&'static str>,
    complexity: Option<&'static str>,
    remote: Option<bool>,
    days: u32,
    unit: &'static str,
    from: &'static str,
    basis: &'a str,
    note: Option<&'a str>,
    #[serde(flatten)]
    dates: Dates,
}

#[derive(Serialize)]
struct ExtensionRow<'a> {
    kind: &'static str,
    complexity: &'static str,
    max: u32,
    days: u32,
    basis: &'a str,
    #[serde(flatten)]
    dates: Dates,
}

#[derive(Serialize)]
struct SuspensionRow<'a> {
    kind: &'static str,
    basis: &'a str,
    note: Option<&'a str>,
    #[serde(flatten)]
    dates: Dates,
}

impl<'a> Listing<'a> {
    fn of(policy: &'a Policy) -> Listing<'a> {
        let rules = &policy.rules;
        Listing {
            source: rules.source(),
            deadlines: rules
                .deadline_rules()
                .iter()
                .map(|r| DeadlineRow {
                    id: &r.id,
                    deadline: r.which.code(),
                    kind: r.kind.map_or("any", |k| k.code()),
                    round: r.round.map(|x| x.code()),
                    complexity: r.complexity.map(|x| x.code()),
                    remote: r.remote,
                    days: r.days,
                    unit: r.unit.code(),
                    from: r.from.code(),
                    basis: &r.basis,
                    note: r.note.as_deref(),
                    dates: r.validity().into(),
                })
                .collect(),
            extensions: rules
                .extension_rules()
                .iter()
                .map(|r| ExtensionRow {
                    kind: r.kind.code(),
                    complexity: r.complexity.code(),
                    max: r.max,
                    days: r.days,
                    basis: &r.basis,
                    dates: r.validity().into(),
                })
                .collect(),
            suspensions: rules
                .suspension_rules()
                .iter()
                .map(|r| SuspensionRow {
                    kind: r.kind.code(),
                    basis: &r.basis,
                    note: r.note.as_deref(),
                    dates: r.validity().into(),
                })
                .collect(),
            receptions: rules
                .reception_rules()
                .iter()
                .map(|r| ReceptionRow {
                    level: r.level.code(),
                    days: r.days,
                    per: r.per.code(),
                    basis: &r.basis,
                    note: r.note.as_deref(),
                    dates: r.validity().into(),
                })
                .collect(),
        }
    }
}
