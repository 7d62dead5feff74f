//! `tiepdan petition show|advance|link`.

use super::output;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use tiepdan::Result;
use tiepdan::domain::*;
use tiepdan::i18n::{
    LegalText, correction_done, correction_line, filing_window_line, legal_text, void_done,
};
use tiepdan::privacy::filer_names;
use tiepdan::report::receipt::{Paper, Receipt};
use tiepdan::session::Session;
use tiepdan::store::PetitionEdit;

#[derive(Subcommand, Debug)]
pub enum PetitionCommand {
    /// A petition with its history, next deadline and the steps allowed next.
    Show {
        /// The petition's code.
        code: String,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
        /// Show a denouncer's identity (operator/admin only; audited with the reason).
        #[arg(long, requires = "reason")]
        reveal: bool,
        /// Why the identity is revealed (kept in the audit log).
        #[arg(long, requires = "reveal")]
        reason: Option<String>,
    },
    /// Take the next step: classified, accepted (thụ lý), verifying, extended (gia hạn),
    /// suspended, resumed, transferred, guided, returned, filed, info_handled (an anonymous
    /// denunciation handled as information, Luật Tố cáo 2018 Điều 25), resolved, withdrawn, note.
    Advance(AdvanceArgs),
    /// Correct what was recorded (subject, summary, field, kind, date received): an audited
    /// correction event with the old and new values, who, when and why — never a silent edit.
    Edit(EditArgs),
    /// Void a petition entered by mistake: kept and shown with its history, but out of lists,
    /// counts and reports. Audited.
    Void {
        /// The petition's code.
        code: String,
        /// Why it was entered by mistake (required; kept and audited).
        #[arg(long)]
        reason: String,
    },
    /// Set (or with --off clear) a marker: keo-dai (kéo dài), vuot-cap (vượt cấp),
    /// dau-hieu-toi-pham (dấu hiệu tội phạm), dong-nguoi (đông người), final (đã giải quyết hết
    /// thẩm quyền), nhieu-dia-diem (a denunciation needing checks at several places: thụ lý within
    /// 10 working days, Luật Tố cáo 2018 Điều 24); or phuc-tap / dac-biet-phuc-tap (the case's complexity). Audited.
    Mark {
        /// The petition's code.
        code: String,
        /// The marker to set or clear.
        #[arg(long, value_parser = marker)]
        flag: Marker,
        /// Clear the marker instead of setting it.
        #[arg(long)]
        off: bool,
        /// Date (default today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
    },
    /// Give the petition to another officer (cán bộ thụ lý). Audited.
    Assign {
        /// The petition's code.
        code: String,
        /// The officer's name or account.
        #[arg(long = "to")]
        officer: String,
        /// Date (default today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
    },
    /// The receipt to hand the citizen (giấy biên nhận đơn / phiếu hẹn): a PDF, or text with
    /// --text. A denunciation's receipt is made for its denouncer only (operators; audited).
    Receipt(ReceiptArgs),
    /// Mark a petition as a repeat of an earlier one.
    Link {
        /// The code of the petition that repeats.
        code: String,
        /// The code of the earlier petition.
        #[arg(long)]
        repeat_of: String,
    },
}

#[derive(Args, Debug)]
pub struct AdvanceArgs {
    /// The petition's code.
    code: String,
    /// The step (code or Vietnamese label, e.g. accepted / "thụ lý" / thu-ly).
    #[arg(long, value_parser = step_kind)]
    to: EventKind,
    /// Legal date of the step (default today).
    #[arg(long, value_parser = super::parse_date)]
    date: Option<NaiveDate>,
    /// The receiving agency (transferred, guided).
    #[arg(long)]
    to_agency: Option<String>,
    /// Decision or conclusion number (resolved).
    #[arg(long)]
    decision: Option<String>,
    /// Extension length in days (default from the rules).
    #[arg(long, value_parser = super::usage::number::<u32>(1, 3650))]
    days: Option<u32>,
    /// Competence: ours or not_ours.
    #[arg(long, value_parser = super::usage::labelled::<Competence>)]
    competence: Option<Competence>,
    /// Complexity: normal, complex or very_complex.
    #[arg(long, value_parser = super::usage::labelled::<Complexity>)]
    complexity: Option<Complexity>,
    /// Partial withdrawal (the rest stays open).
    #[arg(long)]
    partial: bool,
    /// What the decision found (resolved): right (đúng), wrong (sai), partly (đúng một phần).
    #[arg(long, value_parser = super::usage::labelled::<Finding>)]
    finding: Option<Finding>,
    /// A note.
    #[arg(long)]
    note: Option<String>,
}

#[derive(Args, Debug)]
pub struct EditArgs {
    /// The petition's code.
    code: String,
    /// The corrected subject (Nội dung).
    #[arg(long)]
    subject: Option<String>,
    /// The corrected summary (Tóm tắt).
    #[arg(long)]
    summary: Option<String>,
    /// The corrected field (lĩnh vực).
    #[arg(long, value_parser = super::usage::labelled::<Field>)]
    field: Option<Field>,
    /// The corrected petition kind.
    #[arg(long, value_parser = super::usage::labelled::<PetitionKind>)]
    kind: Option<PetitionKind>,
    /// The corrected date received (YYYY-MM-DD or dd/mm/yyyy).
    #[arg(long, value_parser = super::parse_date)]
    received: Option<NaiveDate>,
    /// Why the record is corrected (required; kept with the correction and audited).
    #[arg(long)]
    note: String,
}

#[derive(Args, Debug)]
pub struct ReceiptArgs {
    /// The petition's code.
    code: String,
    /// The file to write (default bien-nhan-CODE.pdf in the current folder); an existing file is
    /// never replaced without --force.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Plain text (receipt printers) instead of a PDF; with --output, written to that file.
    #[arg(long)]
    text: bool,
    /// Columns of the text form (default 48).
    #[arg(long, value_parser = super::usage::number::<usize>(24, 200), default_value_t = 48)]
    width: usize,
    /// Paper size of the PDF: a5 (default) or a4.
    #[arg(long, value_parser = paper, default_value = "a5")]
    paper: Paper,
    /// Replace an existing --output file.
    #[arg(long)]
    force: bool,
}

fn paper(raw: &str) -> std::result::Result<Paper, String> {
    Paper::parse(raw).ok_or_else(|| {
        tiepdan::i18n_cli::value_rule(
            &tiepdan::i18n_cli::ValueRule::OneOf(vec!["a5".into(), "a4".into()]),
            super::usage::lang(),
        )
    })
}

/// What `petition mark --flag` sets: a marker, or the case's complexity.
#[derive(Debug, Clone, Copy)]
pub enum Marker {
    Flag(Flag),
    Complexity(Complexity),
}

/// The markers desks name, with their usual unaccented spellings.
fn marker(raw: &str) -> std::result::Result<Marker, String> {
    let folded = tiepdan::text::fold(raw).replace([' ', '_'], "-");
    let known = [
        ("keo-dai", Marker::Flag(Flag::Prolonged)),
        ("vuot-cap", Marker::Flag(Flag::LevelSkipping)),
        ("dau-hieu-toi-pham", Marker::Flag(Flag::CrimeSigns)),
        ("dong-nguoi", Marker::Flag(Flag::Group)),
        ("final", Marker::Flag(Flag::Final)),
        ("da-giai-quyet-het-tham-quyen", Marker::Flag(Flag::Final)),
        ("nhieu-dia-diem", Marker::Flag(Flag::SeveralPlaces)),
        ("several-places", Marker::Flag(Flag::SeveralPlaces)),
        ("phuc-tap", Marker::Complexity(Complexity::Complex)),
        (
            "dac-biet-phuc-tap",
            Marker::Complexity(Complexity::VeryComplex),
        ),
        ("thong-thuong", Marker::Complexity(Complexity::Normal)),
    ];
    known
        .iter()
        .find(|(name, _)| *name == folded)
        .map(|(_, m)| *m)
        .ok_or_else(|| {
            let names = known.iter().map(|(n, _)| n.to_string()).collect();
            tiepdan::i18n_cli::value_rule(
                &tiepdan::i18n_cli::ValueRule::OneOf(names),
                super::usage::lang(),
            )
        })
}

/// Common verbs people type for each step, beyond its code and labels.
fn step_kind(raw: &str) -> std::result::Result<EventKind, String> {
    let aliases = [
        ("classify", EventKind::Classified),
        ("accept", EventKind::Accepted),
        ("verify", EventKind::Verifying),
        ("extend", EventKind::Extended),
        ("suspend", EventKind::Suspended),
        ("resume", EventKind::Resumed),
        ("transfer", EventKind::Transferred),
        ("guide", EventKind::Guided),
        ("return", EventKind::Returned),
        ("file", EventKind::Filed),
        ("resolve", EventKind::Resolved),
        ("withdraw", EventKind::Withdrawn),
    ];
    let folded = tiepdan::text::fold(raw);
    if let Some((_, kind)) = aliases.iter().find(|(alias, _)| *alias == folded) {
        return Ok(*kind);
    }
    // Corrections and voiding have commands of their own (`petition edit`, `petition void`).
    let steps: Vec<String> = EventKind::ALL
        .iter()
        .filter(|k| !k.is_correction() && !k.is_bookkeeping() && **k != EventKind::Received)
        .map(|k| k.code().to_string())
        .collect();
    EventKind::parse(raw)
        .filter(|k| !k.is_correction() && !k.is_bookkeeping() && *k != EventKind::Received)
        .ok_or_else(|| {
            tiepdan::i18n_cli::value_rule(
                &tiepdan::i18n_cli::ValueRule::OneOf(steps),
                super::usage::lang(),
            )
        })
}

pub fn run(cmd: PetitionCommand, ctx: &mut Session) -> Result<ExitCode> {
    match cmd {
        PetitionCommand::Show {
            code,
            json,
            reveal,
            reason,
        } => {
            let reason = reason.filter(|_| reveal);
            show(ctx, &code, json, reason.as_deref())
        }
        PetitionCommand::Advance(args) => {
            let step = Step {
                kind: args.to,
                on: args.date.unwrap_or(ctx.today),
                detail: StepDetail {
                    to_agency: args.to_agency,
                    decision_no: args.decision,
                    days: args.days,
                    competence: args.competence,
                    complexity: args.complexity,
                    partial: args.partial,
                    finding: args.finding,
                    note: args.note,
                    changes: Vec::new(),
                    ..Default::default()
                },
            };
            let petition = ctx.store.add_step(&args.code, step, ctx.today)?;
            println!("{} → {}", petition.code, petition.status().label(ctx.lang));
            Ok(ExitCode::SUCCESS)
        }
        PetitionCommand::Edit(args) => {
            let edit = PetitionEdit {
                subject: args.subject,
                summary: args.summary,
                field: args.field,
                kind: args.kind,
                received_on: args.received,
                note: args.note,
            };
            let petition = ctx.store.correct_petition(&args.code, edit, ctx.today)?;
            let events = ctx.store.events_shown(&petition, false, ctx.lang)?;
            println!("{}", correction_done(&petition.code, ctx.lang));
            if let Some(last) = events.last() {
                for change in &last.detail.changes {
                    println!("  {}", output::fit(&correction_line(change, ctx.lang), 300));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        PetitionCommand::Void { code, reason } => {
            let petition = ctx.store.void_petition(&code, &reason, ctx.today)?;
            println!("{}", void_done(&petition.code, ctx.lang));
            Ok(ExitCode::SUCCESS)
        }
        PetitionCommand::Mark {
            code,
            flag,
            off,
            date,
            note,
        } => {
            // Clearing "phức tạp" makes the case ordinary again.
            let (flag, complexity) = match flag {
                Marker::Flag(f) => (Some(f), None),
                Marker::Complexity(_) if off => (None, Some(Complexity::Normal)),
                Marker::Complexity(c) => (None, Some(c)),
            };
            let step = Step {
                kind: EventKind::Marked,
                on: date.unwrap_or(ctx.today),
                detail: StepDetail {
                    flag,
                    complexity,
                    unset: off && flag.is_some(),
                    note,
                    ..Default::default()
                },
            };
            let petition = ctx.store.add_step(&code, step, ctx.today)?;
            let markers: Vec<&str> = petition.flags.iter().map(|f| f.label(ctx.lang)).collect();
            println!(
                "{} · {} · {}",
                petition.code,
                petition.state.complexity.label(ctx.lang),
                markers.join(", ")
            );
            Ok(ExitCode::SUCCESS)
        }
        PetitionCommand::Assign {
            code,
            officer,
            date,
            note,
        } => {
            let step = Step {
                kind: EventKind::Assigned,
                on: date.unwrap_or(ctx.today),
                detail: StepDetail {
                    officer: Some(officer),
                    note,
                    ..Default::default()
                },
            };
            let petition = ctx.store.add_step(&code, step, ctx.today)?;
            println!(
                "{} → {}",
                petition.code,
                petition.officer.as_deref().unwrap_or_default()
            );
            Ok(ExitCode::SUCCESS)
        }
        PetitionCommand::Receipt(args) => receipt(ctx, args),
        PetitionCommand::Link { code, repeat_of } => {
            ctx.store.link_repeat(&code, &repeat_of)?;
            println!("{code} ⇢ {repeat_of}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[derive(Serialize)]
struct ShowJson<'a> {
    petition: &'a Petition,
    /// A denouncer's identity, only with `--reveal` (audited).
    #[serde(skip_serializing_if = "Option::is_none")]
    identity: Option<Vec<Citizen>>,
    filers: Vec<String>,
    events: Vec<Event>,
    due_on: Option<NaiveDate>,
    due_kind: Option<&'static str>,
    /// `overdue`, `critical`, `soon`, `ok`, `paused` (suspended) or `closed`.
    urgency: &'static str,
    paused: bool,
    /// The date rests on a provisional holiday table (tạm tính).
    calendar_provisional: bool,
    /// A complaint's time limit to complain (Luật Khiếu nại 2011, Điều 9 / 33), when the day
    /// the decision became known was given; `late` says the complaint came after it.
    #[serde(skip_serializing_if = "Option::is_none")]
    complaint_window: Option<WindowJson>,
    /// Every clock running now, the soonest first (`due_on`/`due_kind` is the first of them).
    deadlines: Vec<ClockJson>,
    allowed_steps: Vec<EventKind>,
    repeat_chain: Vec<String>,
}

#[derive(Serialize)]
struct ClockJson {
    deadline: &'static str,
    due_on: NaiveDate,
    days: u32,
    unit: tiepdan::rules::DayUnit,
    basis: String,
    rule_id: String,
}

#[derive(Serialize)]
struct WindowJson {
    #[serde(flatten)]
    window: tiepdan::rules::FilingWindow,
    late: bool,
}

fn show(ctx: &mut Session, code: &str, json: bool, reveal: Option<&str>) -> Result<ExitCode> {
    let lang = ctx.lang;
    let mut petition = ctx.store.petition(code)?;
    let people = ctx.store.filers(petition.id)?;
    let filers = filer_names(&petition, &people, lang);
    // A denouncer's identity: only on request, with a reason, audited (Luật Tố cáo 2018,
    // Điều 47). Until then their name, ID or phone written into the text is replaced too.
    let revealed = match reveal {
        Some(reason) if tiepdan::privacy::protects_identity(petition.kind) => {
            let reason = tiepdan::validate::required(
                InputField::Reason,
                reason,
                tiepdan::validate::MAX_LINE,
            )?;
            Some(ctx.store.reveal_identity_for(code, &reason)?)
        }
        _ => None,
    };
    if revealed.is_none() && tiepdan::privacy::protects_identity(petition.kind) {
        let mention = tiepdan::privacy::denouncer_mention(lang);
        petition.subject = tiepdan::privacy::redact_filers(&petition.subject, &people, mention).0;
        petition.summary = tiepdan::privacy::redact_filers(&petition.summary, &people, mention).0;
    }
    let store = &ctx.store;
    let events = store.events_shown(&petition, revealed.is_some(), lang)?;
    let due = store.policy().deadline(&petition, ctx.today);
    let window = store.policy().filing_window(&petition);
    let view = store.policy().due_view(&petition, ctx.today);
    let allowed = petition
        .state
        .allowed_steps(&store.policy().step_context(&petition));
    let audience = tiepdan::privacy::Audience::Screen(ctx.role);
    let chain =
        tiepdan::privacy::visible_chain(&petition, store.repeat_chain(&petition)?, audience);
    // The petition it repeats, only when this reader may see that link.
    if !chain.iter().any(|p| Some(p.id) == petition.repeat_of) {
        petition.repeat_of = None;
    }
    let chain: Vec<String> = chain.into_iter().map(|p| p.code).collect();
    if json {
        output::json(&ShowJson {
            petition: &petition,
            filers,
            events,
            due_on: due.as_ref().map(|d| d.due_on),
            due_kind: due.as_ref().map(|d| d.which.code()),
            urgency: view.urgency_code(),
            paused: view.paused,
            calendar_provisional: view.calendar_provisional,
            complaint_window: window.clone().map(|w| WindowJson {
                late: w.late(),
                window: w,
            }),
            deadlines: store
                .policy()
                .deadlines(&petition, ctx.today)
                .into_iter()
                .map(|d| ClockJson {
                    deadline: d.which.code(),
                    due_on: d.due_on,
                    days: d.days,
                    unit: d.unit,
                    basis: d.basis,
                    rule_id: d.rule_id,
                })
                .collect(),
            allowed_steps: allowed,
            repeat_chain: chain,
            identity: revealed,
        });
        return Ok(ExitCode::SUCCESS);
    }
    let l = |vi: &'static str, en: &'static str| lang.pick(vi, en);
    let date = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let row = |label: &str, value: &str| println!("{:<18} {}", label, output::fit(value, 200));
    row(l("Mã đơn", "Code"), &petition.code);
    row(l("Ngày nhận", "Received"), &date(petition.received_on));
    let kind = match petition.round {
        Some(round) => format!("{} ({})", petition.kind.label(lang), round.label(lang)),
        None => petition.kind.label(lang).to_string(),
    };
    row(l("Loại đơn", "Kind"), &kind);
    row(l("Lĩnh vực", "Field"), petition.field.label(lang));
    row(l("Nội dung", "Subject"), &petition.subject);
    if !petition.summary.is_empty() {
        row(l("Tóm tắt", "Summary"), &petition.summary);
    }
    row(l("Người gửi", "Filed by"), &filers.join("; "));
    // The filers' ID numbers, phones and addresses, for the desk that calls them back; never a
    // denouncer's here (that takes --reveal), never for an inspector.
    if !tiepdan::privacy::protects_identity(petition.kind) && ctx.role.may_reveal_identity() {
        for person in &people {
            let details = tiepdan::i18n::revealed_filer(person, lang);
            if details != person.full_name {
                row(tiepdan::i18n::contact_label(lang), &details);
            }
        }
    }
    if let Some(people) = &revealed {
        let shown: Vec<String> = people
            .iter()
            .map(|c| tiepdan::i18n::revealed_filer(c, lang))
            .collect();
        row(
            tiepdan::i18n::revealed_identity_label(lang),
            &shown.join("; "),
        );
    }
    row(l("Nguồn", "Source"), petition.source.label(lang));
    row(
        l("Tính chất", "Complexity"),
        petition.state.complexity.label(lang),
    );
    row(l("Trạng thái", "Status"), petition.status().label(lang));
    let flags: Vec<&str> = petition.flags.iter().map(|f| f.label(lang)).collect();
    if !flags.is_empty() {
        row(l("Dấu hiệu", "Flags"), &flags.join(", "));
    }
    if let Some(agency) = &petition.state.transferred_to {
        row(l("Chuyển đến", "Sent to"), agency);
    }
    if let Some(no) = &petition.state.decision_no {
        let on = petition.state.decision_on.map(date).unwrap_or_default();
        row(l("Quyết định", "Decision"), &format!("{no} ({on})"));
    }
    if let Some(w) = &window {
        row(
            legal_text(LegalText::WindowLabel, lang),
            &filing_window_line(w, lang),
        );
    }
    if petition.kind == PetitionKind::Denunciation && petition.is_anonymous() {
        let path = match petition.status() {
            Status::Received | Status::Classified => legal_text(LegalText::InfoPending, lang),
            status => status.label(lang),
        };
        row(legal_text(LegalText::InfoLabel, lang), path);
    }
    if chain.len() > 1 {
        row(l("Chuỗi đơn lặp", "Repeat chain"), &chain.join(" → "));
    }
    match &due {
        Some(d) => {
            let (mark, urgency) = view.urgency_parts(lang);
            row(
                l("Hạn tiếp theo", "Next deadline"),
                &format!(
                    "{} {} {} — {} ({}: {} {}) [{}]",
                    mark,
                    d.which.label(lang),
                    date(d.due_on),
                    urgency,
                    l("còn", "left"),
                    view.days_left.unwrap_or_default(),
                    d.unit.label(lang),
                    d.basis
                ),
            );
            if view.calendar_provisional {
                row(
                    "",
                    &format!(
                        "{} {}",
                        tiepdan::due::PROVISIONAL_MARK,
                        tiepdan::due::provisional_text(lang)
                    ),
                );
            }
        }
        None => row(
            l("Hạn tiếp theo", "Next deadline"),
            l("— (đã đóng)", "— (closed)"),
        ),
    }
    let allowed: Vec<String> = allowed
        .iter()
        .map(|k| format!("{} ({})", k.label(lang), k.code()))
        .collect();
    row(l("Bước tiếp theo", "Next steps"), &allowed.join(", "));
    println!("\n{}", l("Lịch sử:", "History:"));
    for e in &events {
        let mut extra = Vec::new();
        let d = &e.detail;
        extra.extend(d.to_agency.as_deref().map(|a| format!("→ {a}")));
        extra.extend(
            d.decision_no
                .as_deref()
                .map(|n| format!("{} {n}", l("số", "no."))),
        );
        extra.extend(d.days.map(|n| format!("{n} {}", l("ngày", "days"))));
        extra.extend(d.note.clone());
        println!(
            "  {}  {:<22} {:<12} {}",
            date(e.on),
            e.kind.label(lang),
            output::fit(&e.actor, 12),
            output::fit(&extra.join("; "), 120)
        );
        // A correction's changes, one a line under it.
        for change in &d.changes {
            println!(
                "{:50}{}",
                "",
                output::fit(&correction_line(change, lang), 300)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `petition receipt`: text to the terminal, or a file (PDF unless --text) that never replaces
/// an existing one without --force.
fn receipt(ctx: &mut Session, args: ReceiptArgs) -> Result<ExitCode> {
    let receipt = Receipt::build(ctx, &args.code)?;
    let text = receipt.text(args.width);
    if args.text && args.output.is_none() {
        print!("{text}");
        return Ok(ExitCode::SUCCESS);
    }
    let path = args
        .output
        .unwrap_or_else(|| PathBuf::from(receipt.file_name()));
    let bytes = if args.text {
        text.into_bytes()
    } else {
        receipt.pdf(args.paper)?
    };
    let guard = ctx.store.output_guard().replacing(args.force);
    tiepdan::files::write_all(&path, &bytes, &guard)?;
    println!(
        "{}",
        tiepdan::i18n::receipt_written(&path.display().to_string(), ctx.lang)
    );
    Ok(ExitCode::SUCCESS)
}
