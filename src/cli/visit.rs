//! `tiepdan visit add`: one visit and the petition it brings, from the command line.

use super::Session;
use clap::{Args, Subcommand};
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::domain::{Flag, Flags};
use tiepdan::i18n::{PersonText, person_text};
use tiepdan::intake::{CitizenForm, IntakeForm};

#[derive(Subcommand, Debug)]
pub enum VisitCommand {
    /// Log a visit and its petition; prints the new petition's code.
    Add(VisitAddArgs),
}

#[derive(Args, Debug)]
pub struct VisitAddArgs {
    /// Citizen's full name (Họ tên). Omit with --anonymous.
    #[arg(long, default_value = "")]
    name: String,
    /// CCCD (12 digits) or CMND (9 digits).
    #[arg(long, default_value = "")]
    cccd: String,
    /// Phone number.
    #[arg(long, default_value = "")]
    phone: String,
    /// Address.
    #[arg(long, default_value = "")]
    address: String,
    /// Birth year.
    #[arg(long, default_value = "")]
    birth_year: String,
    /// Petition kind: khieu-nai|complaint, to-cao|denunciation, kien-nghi|recommendation, phan-anh|report.
    /// Required unless --on names the petition.
    #[arg(long, required_unless_present = "on")]
    kind: Option<String>,
    /// Complaint round: first (lần đầu) or second (lần hai).
    #[arg(long, default_value = "")]
    round: String,
    /// What the matter is about (Nội dung). Required unless --on names the petition.
    #[arg(long, required_unless_present = "on")]
    subject: Option<String>,
    /// Summary (Tóm tắt).
    #[arg(long, default_value = "")]
    summary: String,
    /// Field (lĩnh vực): land, clearance, planning, construction, environment, policy, …
    /// (default: other; with --on, the petition's).
    #[arg(long)]
    field: Option<String>,
    /// People present; 5 or more is a group (đoàn đông người).
    #[arg(long, default_value = "1")]
    headcount: String,
    /// The head of the agency received in person.
    #[arg(long)]
    leader: bool,
    /// Online reception.
    #[arg(long)]
    online: bool,
    /// Date received (YYYY-MM-DD or dd/mm/yyyy); default today.
    #[arg(long, default_value = "")]
    received: String,
    /// Visit kind: regular (thường xuyên), periodic (định kỳ), adhoc (đột xuất).
    #[arg(long, default_value = "regular")]
    visit_kind: String,
    /// Where it came from: desk, post, agency, press, higher.
    #[arg(long, default_value = "desk")]
    source: String,
    /// Complexity: normal, complex or very_complex.
    #[arg(long, default_value = "normal")]
    complexity: String,
    /// Vùng sâu, vùng xa (longer legal periods).
    #[arg(long)]
    remote: bool,
    /// Handling decided at the desk: pending, accept, guide, transfer, return, file.
    #[arg(long, default_value = "pending")]
    handling: String,
    /// Agency for --handling transfer or guide.
    #[arg(long, default_value = "")]
    to_agency: String,
    /// Code of an earlier petition this one repeats.
    #[arg(long, default_value = "")]
    repeat_of: String,
    /// A citizen back about petition CODE: the visit is recorded on it (kind, subject and field
    /// default to the petition's); no new petition is made.
    #[arg(long, default_value = "", value_name = "CODE")]
    on: String,
    /// An anonymous petition (no name given).
    #[arg(long)]
    anonymous: bool,
    /// A denunciation: replace the denouncer's name, ID number or phone written in the subject
    /// or summary by "[người tố cáo]" when saving.
    #[arg(long)]
    redact_mentions: bool,
    /// Complaints: the day the complainant knew of the decision or act (for a second round: the
    /// day the first-round decision was received or its period ended). A complaint received
    /// after the time limit to complain is filed all the same, marked and warned about.
    #[arg(long, default_value = "")]
    known_on: String,
    /// Denunciations: checks are needed at several places (the 10-working-day thụ lý period of
    /// Luật Tố cáo 2018, Điều 24).
    #[arg(long)]
    several_places: bool,
    /// Print the result as JSON instead of the bare code.
    #[arg(long)]
    json: bool,
}

pub fn run(cmd: VisitCommand, ctx: &mut Session) -> Result<ExitCode> {
    let VisitCommand::Add(args) = cmd;
    let mut flags = Flags::default();
    if args.anonymous {
        flags.insert(Flag::Anonymous);
    }
    if args.several_places {
        flags.insert(Flag::SeveralPlaces);
    }
    let form = IntakeForm {
        citizens: vec![CitizenForm {
            name: args.name,
            id_number: args.cccd,
            phone: args.phone,
            address: args.address,
            birth_year: args.birth_year,
            representative: false,
        }],
        visit_kind: args.visit_kind,
        leader_present: args.leader,
        online: args.online,
        headcount: args.headcount,
        officer: ctx.store.actor().to_string(),
        received_on: args.received,
        source: args.source,
        kind: args.kind.unwrap_or_default(),
        round: args.round,
        field: args.field.unwrap_or_default(),
        subject: args.subject.unwrap_or_default(),
        summary: args.summary,
        complexity: args.complexity,
        remote_area: args.remote,
        flags,
        handling: args.handling,
        to_agency: args.to_agency,
        repeat_of: args.repeat_of,
        known_on: args.known_on,
        ..IntakeForm::default()
    };
    let now = chrono::Local::now().naive_local();
    if !args.on.trim().is_empty() {
        return return_visit(ctx, args.on.trim(), form, now, args.json);
    }
    let form = IntakeForm {
        field: if form.field.trim().is_empty() {
            "other".into()
        } else {
            form.field
        },
        ..form
    };
    let mut intake = form.validate(ctx.today, now)?;
    // Luật Tố cáo 2018, Điều 47(1)(b): the text of a denunciation should not name its filer.
    // Kept as typed (sealed, and masked wherever it is shown) unless the officer asks to replace.
    if args.redact_mentions {
        if intake.redact_denouncer_mentions() {
            eprintln!(
                "tiepdan: {}",
                tiepdan::i18n::denouncer_mentions_replaced(ctx.lang)
            );
        }
    } else if intake.names_its_denouncer() {
        eprintln!(
            "tiepdan: {}",
            tiepdan::i18n::denouncer_named_in_text(ctx.lang)
        );
    }
    let logged = ctx.store.log_intake(intake, ctx.today)?;
    for number in &logged.same_id_other_name {
        eprintln!(
            "tiepdan: {}: {number} — {}",
            tiepdan::person::same_id_other_name_label(ctx.lang),
            person_text(PersonText::StoredApart, ctx.lang)
        );
    }
    if let Some(window) = logged.filing_window.as_ref().filter(|w| w.late()) {
        eprintln!(
            "tiepdan: {}",
            tiepdan::i18n::late_filing_warning(&logged.petition_code, window, ctx.lang)
        );
    }
    if args.json {
        super::output::json(&logged);
    } else {
        println!("{}", logged.petition_code);
    }
    Ok(ExitCode::SUCCESS)
}

/// `visit add --on CODE`: the visit recorded on an existing petition (the TUI's Ctrl-T).
fn return_visit(
    ctx: &mut Session,
    code: &str,
    form: IntakeForm,
    now: chrono::NaiveDateTime,
    json: bool,
) -> Result<ExitCode> {
    let (form, existing) = ctx.return_visit_form(code, form)?;
    let intake = form.validate(ctx.today, now)?;
    let petition = ctx.record_return_visit(code, &intake, now)?;
    if existing.status().is_closed() {
        eprintln!(
            "tiepdan: {}",
            tiepdan::i18n::return_visit_on_closed(
                ctx.lang,
                code,
                existing.status().label(ctx.lang)
            )
        );
    }
    if json {
        super::output::json(&serde_json::json!({
            "petition_code": petition.code,
            "new_petition": false,
        }));
    } else {
        println!("{}", petition.code);
    }
    Ok(ExitCode::SUCCESS)
}
