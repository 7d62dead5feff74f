//! `tiepdan citizen show|merge|split`: one person's whole history, and an officer's corrections
//! of which records are one person (audited).

use super::output::{self, fit};
use clap::{Args, Subcommand};
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::domain::{PetitionKind, Status};
use tiepdan::i18n::Lang;
use tiepdan::i18n::{PersonText, person_text};
use tiepdan::person::same_id_other_name_label;
use tiepdan::session::{CitizenHistory, Session};
use tiepdan::store::{CitizenEdit, PersonView, Relinked};

#[derive(Subcommand, Debug)]
pub enum CitizenCommand {
    /// One person's whole history: every name, ID, phone and address they gave, every petition.
    Show(ShowArgs),
    /// Record that two persons are one: B's records join A's. Needs --reason; audited.
    Merge(MergeArgs),
    /// Record that the filers of these petitions are someone else. Needs --reason; audited.
    Split(SplitArgs),
    /// Correct the identity a filer gave on one petition (a mistyped name or CCCD): a corrected
    /// record joins the same person, the one first given stays, and the petition's history names
    /// each change, who, when and why. Needs --note; audited.
    Edit(EditArgs),
}

#[derive(Args, Debug)]
pub struct EditArgs {
    /// The petition whose filer's identity is corrected.
    code: String,
    /// The corrected full name.
    #[arg(long)]
    name: Option<String>,
    /// The corrected CCCD (12 digits) or CMND (9 digits); empty to clear.
    #[arg(long)]
    cccd: Option<String>,
    /// The corrected phone number; empty to clear.
    #[arg(long)]
    phone: Option<String>,
    /// The corrected address; empty to clear.
    #[arg(long)]
    address: Option<String>,
    /// The corrected birth year; empty to clear.
    #[arg(long)]
    birth_year: Option<String>,
    /// Why the record is corrected (required; kept with the correction and audited).
    #[arg(long)]
    note: String,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// A petition code, a CCCD/CMND or a phone number.
    key: String,
    /// Include denunciations and their filers' identity (operators and admins; audited).
    #[arg(long)]
    reveal: bool,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The person to keep: a petition code, CCCD/CMND or phone naming exactly one person.
    a: String,
    /// The person whose records join A.
    b: String,
    /// Why (required; written to the audit log).
    #[arg(long, default_value = "")]
    reason: String,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct SplitArgs {
    /// Codes of the petitions whose filers are someone else (all of one person now).
    #[arg(required = true)]
    codes: Vec<String>,
    /// Why (required; written to the audit log).
    #[arg(long, default_value = "")]
    reason: String,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(cmd: CitizenCommand, ctx: &mut Session) -> Result<ExitCode> {
    match cmd {
        CitizenCommand::Show(args) => show(args, ctx),
        CitizenCommand::Merge(args) => {
            let done = ctx.store.merge_persons(&args.a, &args.b, &args.reason)?;
            relinked(&done, args.json, ctx.lang);
            Ok(ExitCode::SUCCESS)
        }
        CitizenCommand::Split(args) => {
            let done = ctx.store.split_person(&args.codes, &args.reason)?;
            relinked(&done, args.json, ctx.lang);
            Ok(ExitCode::SUCCESS)
        }
        CitizenCommand::Edit(args) => {
            let edit = CitizenEdit {
                name: args.name,
                id_number: args.cccd,
                phone: args.phone,
                address: args.address,
                birth_year: args.birth_year,
                note: args.note,
            };
            let petition = ctx.store.correct_filer(&args.code, edit, ctx.today)?;
            println!(
                "{}",
                tiepdan::i18n::correction_done(&petition.code, ctx.lang)
            );
            let events = ctx.store.events(petition.id)?;
            for change in events
                .last()
                .map(|e| e.detail.changes.as_slice())
                .unwrap_or_default()
            {
                println!(
                    "  {}",
                    fit(&tiepdan::i18n::correction_line(change, ctx.lang), 300)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn relinked(done: &Relinked, json: bool, lang: Lang) {
    if json {
        output::json(done);
    } else {
        println!(
            "{} {}",
            done.snapshots,
            person_text(PersonText::RecordsMoved, lang)
        );
    }
}

fn show(args: ShowArgs, ctx: &mut Session) -> Result<ExitCode> {
    let views = match ctx.citizen_history(&args.key, args.reveal)? {
        CitizenHistory::Persons(views) => views,
        CitizenHistory::OnlyDenouncer => {
            // Only a denouncer gave this: say so to a role that may look, and how (audited).
            eprintln!(
                "tiepdan: {} {}",
                tiepdan::privacy::protected_label(ctx.lang),
                person_text(PersonText::RevealHint, ctx.lang)
            );
            return Ok(ExitCode::from(1));
        }
    };
    if args.json {
        match views.as_slice() {
            [one] => output::json(one),
            many => output::json(&many),
        }
        return Ok(ExitCode::SUCCESS);
    }
    for (i, view) in views.iter().enumerate() {
        if i > 0 {
            println!();
        }
        print_view(view, ctx.lang);
    }
    Ok(ExitCode::SUCCESS)
}

fn list(label: &str, values: &[String]) {
    if !values.is_empty() {
        let shown: Vec<String> = values.iter().map(|v| fit(v, 60)).collect();
        println!("{label:<14} {}", shown.join(" · "));
    }
}

fn print_view(view: &PersonView, lang: Lang) {
    list(person_text(PersonText::Names, lang), &view.names);
    list(person_text(PersonText::IdNumbers, lang), &view.ids);
    list(person_text(PersonText::Phones, lang), &view.phones);
    list(person_text(PersonText::Addresses, lang), &view.addresses);
    let years: Vec<String> = view.birth_years.iter().map(i32::to_string).collect();
    list(person_text(PersonText::BirthYears, lang), &years);
    for number in &view.review_same_id {
        println!(
            "! {}: {number} — {}",
            same_id_other_name_label(lang),
            person_text(PersonText::KeptApartReview, lang)
        );
    }
    println!();
    let rows: Vec<Vec<String>> = view
        .petitions
        .iter()
        .map(|p| {
            vec![
                p.code.clone(),
                p.received_on.clone(),
                PetitionKind::parse(&p.kind)
                    .map(|k| k.label(lang).to_string())
                    .unwrap_or_else(|| p.kind.clone()),
                Status::parse(&p.status)
                    .map(|s| s.label(lang).to_string())
                    .unwrap_or_else(|| p.status.clone()),
                fit(&p.name_given, 24),
                fit(&p.subject, 40),
            ]
        })
        .collect();
    output::table(
        &[
            person_text(PersonText::ColCode, lang),
            person_text(PersonText::ColReceived, lang),
            person_text(PersonText::ColKind, lang),
            person_text(PersonText::ColStatus, lang),
            person_text(PersonText::ColNameGiven, lang),
            person_text(PersonText::ColSubject, lang),
        ],
        &rows,
        |_, line| line.to_string(),
    );
    for chain in &view.repeat_chains {
        println!(
            "{} {}",
            person_text(PersonText::RepeatChain, lang),
            chain.join(" → ")
        );
    }
    for t in &view.transfers {
        println!(
            "{} {} {} → {}",
            person_text(PersonText::Transferred, lang),
            t.code,
            t.on,
            fit(t.to_agency.as_deref().unwrap_or("?"), 60)
        );
    }
    for e in &view.events {
        println!(
            "{} {} {}: {}",
            e.at,
            fit(&e.actor, 20),
            e.kind,
            fit(&e.reason, 80)
        );
    }
}
