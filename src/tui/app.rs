//! The TUI's state and its one `update(Action)`: keys become actions, actions call the core, and
//! the view draws whatever the state now says. Nothing here touches the terminal.

use super::action::Action;
use super::board::{BoardOutcome, BoardState};
use super::dashboard::{DashboardOutcome, DashboardState};
use super::desk::{DeskOutcome, DeskState};
use super::keymap::{Key, Keymap};
use super::petition::{Filers, PetitionOutcome, PetitionState};
use super::report::{ReportOutcome, ReportState};
use super::search::{SearchOutcome, SearchState};
use super::theme::Theme;
use super::visit_form::{FormOutcome, FormState};
use chrono::NaiveDateTime;
use tiepdan::domain::{EventKind, Role};
use tiepdan::i18n::{self, Lang};
use tiepdan::session::Session;
use tiepdan::{Error, Result};

/// Demo petitions generated from the empty-database prompt.
pub const DEMO_PETITIONS: usize = 2_000;
const DEMO_SEED: u64 = 7;

/// A screen above the desk; the desk itself is always at the bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Form(Box<FormState>),
    Petition(Box<PetitionState>),
    Search(Box<SearchState>),
    Board(Box<BoardState>),
    Dashboard(Box<DashboardState>),
    Report(Box<ReportState>),
    Citizen(Box<super::citizen::CitizenState>),
}

/// The answer to [`Confirm::DenouncerNamed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mentions {
    /// Replace each mention of the denouncer by "[người tố cáo]".
    Replace,
    /// Keep the text as typed (sealed; every output masks the mentions).
    Keep,
}

/// A question the operator must answer before anything else happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Esc on a form with something typed.
    DiscardForm,
    /// Quit while a form holds unsaved input.
    QuitWithUnsaved,
    /// `Ctrl-T`: record this visit on the earlier petition in [`App::pending_attach`] (no new
    /// petition) — said with its code and status, and a warning when it is closed.
    AttachVisit,
    /// Saving a denunciation whose subject or summary names its own filer: replace each mention
    /// by "[người tố cáo]" (Enter), keep the text as typed (Tab), or go back to the form (Esc).
    DenouncerNamed,
    /// `Ctrl-L`: mark the new petition a repeat of the one in [`App::pending_attach`], said with
    /// its code and status.
    LinkRepeat,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub ok: bool,
    pub text: String,
}

/// What the status bar says about this session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub db_label: String,
    pub user: String,
}

pub struct App {
    pub ctx: Session,
    pub keymap: Keymap,
    pub theme: Theme,
    pub status_line: StatusLine,
    pub desk: DeskState,
    pub stack: Vec<Screen>,
    pub help: bool,
    pub help_scroll: usize,
    pub confirm: Option<Confirm>,
    pub message: Option<Message>,
    pub quit: bool,
    /// "Now" for the visits this session logs (tests fix it so snapshots are stable).
    pub clock: fn() -> NaiveDateTime,
    /// How many petitions the empty-database prompt generates (tests ask for fewer).
    pub demo_petitions: usize,
    /// Where exported lists, reports and receipts are written: config `export_dir`, else the
    /// folder tiepdan was started in.
    pub export_dir: std::path::PathBuf,
    /// Answers searches off the UI thread; started when the search screen first opens.
    pub search_worker: Option<tiepdan::search::LiveSearch>,
    /// The dashboard's repeat hotspots being clustered in the background.
    pub hotspot_job: Option<super::dashboard::HotspotJob>,
    /// The report screen's figures being counted in the background.
    pub report_job: Option<super::report::CountJob>,
    /// The petition this session saved last: `Ctrl-Z` on the desk voids it (entered by mistake).
    pub last_saved: Option<String>,
    /// The petition `Ctrl-T` would record this visit on (or `Ctrl-L` link the new one to), and
    /// its status, awaiting the answer.
    pub pending_attach: Option<(String, tiepdan::domain::Status)>,
    data_version: i64,
}

fn local_now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

impl App {
    pub fn new(ctx: Session, keymap: Keymap, theme: Theme, status_line: StatusLine) -> Result<App> {
        let export_dir = ctx
            .config
            .export_dir
            .clone()
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        let mut app = App {
            data_version: ctx.store.data_version()?,
            ctx,
            keymap,
            theme,
            status_line,
            desk: DeskState::default(),
            stack: Vec::new(),
            help: false,
            help_scroll: 0,
            confirm: None,
            message: None,
            quit: false,
            clock: local_now,
            demo_petitions: DEMO_PETITIONS,
            export_dir,
            search_worker: None,
            hotspot_job: None,
            report_job: None,
            last_saved: None,
            pending_attach: None,
        };
        app.desk.load(&app.ctx)?;
        Ok(app)
    }

    pub fn lang(&self) -> Lang {
        self.ctx.lang
    }

    pub fn read_only(&self) -> bool {
        self.ctx.role == Role::Inspector
            || self.ctx.store.access() == tiepdan::store::Access::ReadOnly
    }

    pub fn top(&self) -> Option<&Screen> {
        self.stack.last()
    }

    /// Whether plain characters are typed into a field rather than looked up in the keymap.
    pub fn typing(&self) -> bool {
        if self.help || self.confirm.is_some() {
            return false;
        }
        match self.top() {
            Some(Screen::Form(form)) => !form.repeats.focused,
            Some(Screen::Search(_)) => true,
            Some(Screen::Petition(p)) => p.prompt.is_some() || p.reveal.is_some(),
            Some(Screen::Board(b)) => b.typing,
            Some(Screen::Report(r)) => r.editing.is_some(),
            Some(Screen::Dashboard(_)) | Some(Screen::Citizen(_)) | None => false,
        }
    }

    /// The action a key press means here, if any.
    pub fn action_for_key(&self, key: Key) -> Option<Action> {
        if self.typing()
            && let Some(c) = key.typed_char()
        {
            return Some(Action::Type(c));
        }
        self.keymap.action_for(&key).cloned()
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            ok: true,
            text: text.into(),
        });
    }

    fn fail(&mut self, err: &Error) {
        self.message = Some(Message {
            ok: false,
            text: err.message(self.lang()),
        });
    }

    /// Runs a fallible step and turns its error into the message line: the TUI never dies of a
    /// database error, it says what went wrong and keeps what was typed.
    fn attempt(&mut self, work: impl FnOnce(&mut App) -> Result<()>) {
        if let Err(err) = work(self) {
            self.fail(&err);
        }
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Tick => return self.attempt(App::poll_changes),
            Action::Resize => return,
            Action::Interrupt => {
                self.quit = true;
                return;
            }
            _ => self.message = None,
        }
        if let Some(question) = self.confirm {
            return self.answer(question, &action);
        }
        if self.help {
            match action {
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::Down => self.help_scroll += 1,
                Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(10),
                Action::PageDown => self.help_scroll += 10,
                Action::Quit => self.request_quit(),
                _ => self.help = false,
            }
            return;
        }
        if let Some(why_not) = self.refusal(&action) {
            let lang = self.lang();
            let why = format!("{} — {}", action.describe(lang), why_not.message(lang));
            self.message = Some(Message {
                ok: false,
                text: why,
            });
            return;
        }
        match action {
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
                return;
            }
            Action::Search if !matches!(self.top(), Some(Screen::Board(_))) => {
                if !matches!(self.top(), Some(Screen::Search(_))) {
                    if self.search_worker.is_none() {
                        // Without a worker the search runs in place: slower, never wrong.
                        self.search_worker = super::search::spawn_worker(&self.ctx).ok().flatten();
                    }
                    self.stack.push(Screen::Search(Box::default()));
                }
                return;
            }
            Action::NewVisit if !self.stack.iter().any(|s| matches!(s, Screen::Form(_))) => {
                self.stack.push(Screen::Form(Box::default()));
                return;
            }
            Action::DeadlineBoard => return self.attempt(App::open_board),
            Action::Dashboard => return self.attempt(App::open_dashboard),
            Action::Report => return self.attempt(App::open_report),
            Action::Refresh => return self.attempt(App::reload),
            // Right after a save: the petition just saved, with the void prompt open.
            Action::Void if self.top().is_none() => {
                if let Some(code) = self.last_saved.clone() {
                    self.open_petition(&code);
                    if matches!(self.top(), Some(Screen::Petition(_))) {
                        self.after_petition(PetitionOutcome::AskStep(EventKind::Voided));
                    }
                }
                return;
            }
            Action::CitizenPage => return self.attempt(App::open_citizen),
            // A quit key reaching here was meant as one (in a text field `q` is typed instead).
            Action::Quit => return self.request_quit(),
            _ => {}
        }
        match self.stack.last_mut() {
            None => {
                let outcome = self.desk.update(&action);
                self.after_desk(outcome);
            }
            Some(Screen::Form(form)) => {
                let outcome = form.update(&action);
                self.after_form(outcome);
            }
            Some(Screen::Petition(petition)) => {
                let outcome = petition.update(&action);
                self.after_petition(outcome);
            }
            Some(Screen::Search(search)) => {
                let outcome = search.update(&action);
                self.after_search(outcome);
            }
            Some(Screen::Board(board)) => {
                let me = self.ctx.store.actor().to_string();
                let outcome = board.update(&action, &me);
                self.after_board(outcome);
            }
            Some(Screen::Dashboard(dashboard)) => {
                let outcome = dashboard.update(&action);
                self.after_dashboard(outcome);
            }
            Some(Screen::Report(report)) => {
                let outcome = report.update(&action);
                self.after_report(outcome);
            }
            Some(Screen::Citizen(page)) => match page.update(&action) {
                super::citizen::CitizenOutcome::Stay => {}
                super::citizen::CitizenOutcome::Back => {
                    self.stack.pop();
                }
                super::citizen::CitizenOutcome::Open(code) => self.open_petition(&code),
            },
        }
    }

    /// The petition the current screen points at: the selected search hit or possible repeat, the
    /// petition shown, the board's selected row.
    fn pointed_petition(&self) -> Option<(String, tiepdan::domain::PetitionKind)> {
        match self.top()? {
            Screen::Search(s) => s
                .rows()
                .nth(s.selected)
                .map(|r| (r.hit.code.clone(), r.hit.kind)),
            Screen::Form(f) => f.repeats.current().map(|c| (c.code.clone(), c.kind)),
            Screen::Petition(p) => Some((p.petition.code.clone(), p.petition.kind)),
            Screen::Board(b) => b.selected_row().map(|r| (r.code.clone(), r.kind)),
            Screen::Dashboard(_) | Screen::Report(_) | Screen::Citizen(_) => None,
        }
    }

    /// Opens the citizen page of the petition the screen points at (never a denouncer's).
    fn open_citizen(&mut self) -> Result<()> {
        let Some((code, kind)) = self.pointed_petition() else {
            return Ok(());
        };
        let lang = self.lang();
        let none = tiepdan::i18n::person_text(tiepdan::i18n::PersonText::NoCitizen, lang);
        if tiepdan::privacy::protects_identity(kind) {
            self.info(none);
            return Ok(());
        }
        match super::citizen::CitizenState::load(&mut self.ctx, &code)? {
            Some(page) => self.stack.push(Screen::Citizen(Box::new(page))),
            None => self.info(none),
        }
        Ok(())
    }

    fn answer(&mut self, question: Confirm, action: &Action) {
        match action {
            Action::Open => {
                self.confirm = None;
                match question {
                    Confirm::DiscardForm => {
                        self.stack.pop();
                    }
                    Confirm::QuitWithUnsaved => self.quit = true,
                    Confirm::AttachVisit => {
                        if let Some((code, _)) = self.pending_attach.take() {
                            self.attempt(|app| app.attach_visit(&code));
                        }
                    }
                    Confirm::DenouncerNamed => {
                        self.attempt(|app| app.save_form_with(Some(Mentions::Replace)));
                    }
                    Confirm::LinkRepeat => {
                        if let (Some((code, _)), Some(form)) =
                            (self.pending_attach.take(), self.form_mut())
                        {
                            form.link(code);
                        }
                    }
                }
            }
            Action::NextField if question == Confirm::DenouncerNamed => {
                self.confirm = None;
                self.attempt(|app| app.save_form_with(Some(Mentions::Keep)));
            }
            Action::Back => {
                self.confirm = None;
                self.pending_attach = None;
            }
            _ => {}
        }
    }

    fn request_quit(&mut self) {
        let unsaved = self
            .stack
            .iter()
            .any(|s| matches!(s, Screen::Form(f) if f.dirty));
        if unsaved {
            self.help = false;
            self.confirm = Some(Confirm::QuitWithUnsaved);
        } else {
            self.quit = true;
        }
    }

    pub fn open_petition(&mut self, code: &str) {
        match PetitionState::load(&self.ctx, code) {
            Ok(state) => self.stack.push(Screen::Petition(Box::new(state))),
            Err(err) => self.fail(&err),
        }
    }

    fn after_desk(&mut self, outcome: DeskOutcome) {
        match outcome {
            DeskOutcome::Stay => {}
            DeskOutcome::Reload => self.attempt(|app| app.desk.load(&app.ctx)),
            DeskOutcome::Open(code) => self.open_petition(&code),
            DeskOutcome::Quit => self.request_quit(),
            DeskOutcome::LoadDemo => self.attempt(App::load_demo),
        }
    }

    fn load_demo(&mut self) -> Result<()> {
        let ctx = &mut self.ctx;
        let added = tiepdan::demo::load(&mut ctx.store, ctx.today, self.demo_petitions, DEMO_SEED)?;
        self.reload()?;
        self.info(match self.lang() {
            Lang::Vi => format!("✓ Đã tạo {added} đơn mẫu (dữ liệu giả để tập dùng)."),
            Lang::En => format!("✓ Generated {added} demo petitions (made-up data for practice)."),
        });
        Ok(())
    }

    fn form_mut(&mut self) -> Option<&mut FormState> {
        match self.stack.last_mut() {
            Some(Screen::Form(form)) => Some(form),
            _ => None,
        }
    }

    fn after_form(&mut self, outcome: FormOutcome) {
        match outcome {
            FormOutcome::Stay => {}
            FormOutcome::Close => {
                self.stack.pop();
            }
            FormOutcome::ConfirmDiscard => self.confirm = Some(Confirm::DiscardForm),
            FormOutcome::Open(code) => self.open_petition(&code),
            FormOutcome::Save => self.attempt(|app| app.save_form_with(None)),
            // Nothing is filed before the operator has seen which petition, and in what state.
            FormOutcome::Attach(code) => self.ask_about(code, Confirm::AttachVisit),
            FormOutcome::Link(code) => self.ask_about(code, Confirm::LinkRepeat),
        }
    }

    /// Asks `question` about the earlier petition `code`, naming it and its status.
    fn ask_about(&mut self, code: String, question: Confirm) {
        match self.ctx.store.petition(&code) {
            Ok(target) => {
                self.pending_attach = Some((code, target.status()));
                self.confirm = Some(question);
            }
            Err(err) => self.fail(&err),
        }
    }

    /// Saves the form; `mentions` is the answer to [`Confirm::DenouncerNamed`] (None: not asked
    /// yet — asked now if the denunciation's text names its filer).
    fn save_form_with(&mut self, mentions: Option<Mentions>) -> Result<()> {
        let (lang, today, now) = (self.lang(), self.ctx.today, (self.clock)());
        let officer = self.ctx.store.actor().to_string();
        let Some(form) = self.form_mut() else {
            return Ok(());
        };
        let Some(intake) = form.validate(form.intake_form(&officer), lang, today, now) else {
            self.message = Some(Message {
                ok: false,
                text: form_error_summary(self.form_mut(), lang),
            });
            return Ok(());
        };
        let mut intake = intake;
        match mentions {
            None if intake.names_its_denouncer() => {
                self.confirm = Some(Confirm::DenouncerNamed);
                return Ok(());
            }
            Some(Mentions::Replace) => {
                intake.redact_denouncer_mentions();
            }
            _ => {}
        }
        let logged = self.ctx.store.log_intake(intake, today)?;
        self.last_saved = Some(logged.petition_code.clone());
        self.stack.pop();
        self.reload()?;
        // A complaint after the time limit is saved all the same, and the desk is told so.
        if let Some(window) = logged.filing_window.as_ref().filter(|w| w.late()) {
            let code = &logged.petition_code;
            self.message = Some(Message {
                ok: false,
                text: format!(
                    "⚠ {}",
                    tiepdan::i18n::late_filing_warning(code, window, lang)
                ),
            });
            return Ok(());
        }
        self.info(i18n::visit_saved(lang, &logged.petition_code));
        Ok(())
    }

    /// Logs the visit onto an existing petition instead of creating a new one.
    fn attach_visit(&mut self, code: &str) -> Result<()> {
        let (lang, today, now) = (self.lang(), self.ctx.today, (self.clock)());
        let officer = self.ctx.store.actor().to_string();
        let Some(typed) = self.form_mut().map(|form| form.intake_form(&officer)) else {
            return Ok(());
        };
        let (intake_form, _) = self.ctx.return_visit_form(code, typed)?;
        let Some(form) = self.form_mut() else {
            return Ok(());
        };
        let Some(intake) = form.validate(intake_form, lang, today, now) else {
            self.message = Some(Message {
                ok: false,
                text: form_error_summary(self.form_mut(), lang),
            });
            return Ok(());
        };
        self.ctx.record_return_visit(code, &intake, now)?;
        self.stack.pop();
        self.reload()?;
        self.info(i18n::return_visit_recorded(lang, code));
        Ok(())
    }

    fn after_petition(&mut self, outcome: PetitionOutcome) {
        match outcome {
            PetitionOutcome::Stay => {}
            PetitionOutcome::Back => {
                self.stack.pop();
            }
            PetitionOutcome::Quit => self.request_quit(),
            PetitionOutcome::Open(code) => self.open_petition(&code),
            PetitionOutcome::Reveal(reason) => self.attempt(|app| app.reveal(&reason)),
            PetitionOutcome::AskCorrection => {
                self.after_petition(PetitionOutcome::AskStep(EventKind::Corrected));
            }
            PetitionOutcome::AskStep(kind) => {
                if self.read_only() {
                    self.message = Some(Message {
                        ok: false,
                        text: format!(
                            "{} — {}",
                            kind.label(self.lang()),
                            Error::ReadOnly.message(self.lang())
                        ),
                    });
                } else if let Some(Screen::Petition(p)) = self.stack.last_mut() {
                    p.open_prompt(kind, self.ctx.today);
                }
            }
            PetitionOutcome::TakeStep => self.attempt(App::take_step),
            PetitionOutcome::Receipt => self.attempt(App::receipt),
        }
    }

    /// `p` on a petition: its receipt as an A5 PDF in the export folder, under the first free
    /// name (`bien-nhan-CODE.pdf`, then `-2`, …): a receipt printed earlier is never replaced.
    fn receipt(&mut self) -> Result<()> {
        let Some(Screen::Petition(p)) = self.top() else {
            return Ok(());
        };
        let code = p.petition.code.clone();
        let receipt = tiepdan::report::receipt::Receipt::build(&mut self.ctx, &code)?;
        let bytes = receipt.pdf(tiepdan::report::receipt::Paper::A5)?;
        let guard = self.ctx.store.output_guard();
        let path = tiepdan::files::write_first_free(
            &self.export_dir,
            &receipt.file_name(),
            &bytes,
            &guard,
        )?;
        let text = tiepdan::i18n::receipt_written(&path.display().to_string(), self.lang());
        self.info(text);
        Ok(())
    }

    fn reveal(&mut self, reason: &str) -> Result<()> {
        let Some(Screen::Petition(p)) = self.stack.last_mut() else {
            return Ok(());
        };
        let filers = self
            .ctx
            .store
            .reveal_identity_for(&p.petition.code, reason)?;
        p.filers = Filers::Shown(filers);
        p.reveal = None;
        let lang = self.ctx.lang;
        self.info(lang.pick(
            "Đã hiện danh tính người tố cáo; lần xem này đã được ghi vào nhật ký.",
            "Identity revealed; this viewing has been written to the audit log.",
        ));
        Ok(())
    }

    fn take_step(&mut self) -> Result<()> {
        let (lang, today) = (self.lang(), self.ctx.today);
        let Some(Screen::Petition(p)) = self.stack.last_mut() else {
            return Ok(());
        };
        let Some(prompt) = p.prompt.as_mut() else {
            return Ok(());
        };
        let result = match prompt.kind {
            EventKind::Corrected => prompt.edit(&p.petition).and_then(|edit| {
                self.ctx
                    .store
                    .correct_petition(&p.petition.code, edit, today)
            }),
            _ => prompt
                .step()
                .and_then(|step| self.ctx.store.add_step(&p.petition.code, step, today)),
        };
        match result {
            Ok(done) => {
                let corrected = p.prompt.take().map(|p| p.kind) == Some(EventKind::Corrected);
                let text = if corrected {
                    format!("✓ {} {}", done.code, EventKind::Corrected.label(lang))
                } else {
                    format!("✓ {} → {}", done.code, done.status().label(lang))
                };
                self.reload()?;
                self.info(text);
            }
            Err(err) => prompt.show_error(&err, lang),
        }
        Ok(())
    }

    fn after_search(&mut self, outcome: SearchOutcome) {
        match outcome {
            SearchOutcome::Stay => {}
            SearchOutcome::Back => {
                self.stack.pop();
            }
            SearchOutcome::Open(code) => self.open_petition(&code),
        }
    }

    /// Brings an open screen back to the top (closing what was opened over it); false when no
    /// such screen is open.
    fn raise(&mut self, is: impl Fn(&Screen) -> bool) -> bool {
        match self.stack.iter().position(is) {
            Some(at) => {
                self.stack.truncate(at + 1);
                true
            }
            None => false,
        }
    }

    /// Opens the deadline board, or brings it to the top when it is open already.
    fn open_board(&mut self) -> Result<()> {
        if self.raise(|s| matches!(s, Screen::Board(_))) {
            return Ok(());
        }
        let mut board = BoardState::default();
        board.refresh(&self.ctx, true)?;
        self.stack.push(Screen::Board(Box::new(board)));
        Ok(())
    }

    fn open_dashboard(&mut self) -> Result<()> {
        if self.raise(|s| matches!(s, Screen::Dashboard(_))) {
            return Ok(());
        }
        let dashboard = DashboardState::load(&self.ctx, &mut self.hotspot_job)?;
        self.stack.push(Screen::Dashboard(Box::new(dashboard)));
        Ok(())
    }

    fn open_report(&mut self) -> Result<()> {
        if self.raise(|s| matches!(s, Screen::Report(_))) {
            return Ok(());
        }
        let report = ReportState::open(&self.ctx, &mut self.report_job)?;
        self.stack.push(Screen::Report(Box::new(report)));
        Ok(())
    }

    fn after_report(&mut self, outcome: ReportOutcome) {
        let ctx = &self.ctx;
        let Some(Screen::Report(report)) = self.stack.last_mut() else {
            return;
        };
        match outcome {
            ReportOutcome::Stay => {}
            ReportOutcome::Back => {
                self.stack.pop();
            }
            ReportOutcome::Rebuild => {
                if let Err(err) = report.rebuild(ctx, &mut self.report_job) {
                    self.fail(&err);
                }
            }
            ReportOutcome::Save(format) => self.attempt(|app| {
                let Some(Screen::Report(report)) = app.top() else {
                    return Ok(());
                };
                let (Some(table), Some(name)) = (&report.table, report.file_name(format)) else {
                    return Ok(());
                };
                let sheet = app.lang().pick("Báo cáo", "Report");
                let bytes = tiepdan::report::render::encode(table, format, sheet)?;
                // A file saved earlier is never replaced: the next free name is taken.
                let guard = app.ctx.store.output_guard();
                let path =
                    tiepdan::files::write_first_free(&app.export_dir, &name, &bytes, &guard)?;
                app.saved(table.rows.len(), &path);
                Ok(())
            }),
        }
    }

    fn after_board(&mut self, outcome: BoardOutcome) {
        match outcome {
            BoardOutcome::Stay => {}
            BoardOutcome::Back => {
                self.stack.pop();
            }
            BoardOutcome::Fetch => self.settle(),
            BoardOutcome::Open(code) => self.open_petition(&code),
            BoardOutcome::CycleHolder(holder) => self.attempt(|app| {
                let holders = app.ctx.store.open_holders()?;
                if let Some(Screen::Board(board)) = app.stack.last_mut() {
                    board.holders = Some(holders);
                    board.cycle_holder(holder);
                }
                app.settle();
                Ok(())
            }),
            BoardOutcome::Steps(code) => self.attempt(|app| {
                let petition = PetitionState::load(&app.ctx, &code)?;
                if let Some(Screen::Board(board)) = app.stack.last_mut() {
                    board.steps = Some(super::board::StepsMenu {
                        code,
                        allowed: petition.allowed,
                        selected: 0,
                    });
                }
                Ok(())
            }),
            BoardOutcome::TakeStep(code, kind) => {
                self.open_petition(&code);
                self.after_petition(PetitionOutcome::AskStep(kind));
            }
            BoardOutcome::Export => self.attempt(|app| {
                let Some(Screen::Board(board)) = app.top() else {
                    return Ok(());
                };
                let (header, rows) = super::export::board(board, &app.ctx)?;
                app.export("han-xu-ly", &header, &rows)
            }),
        }
    }

    fn after_dashboard(&mut self, outcome: DashboardOutcome) {
        match outcome {
            DashboardOutcome::Stay => {}
            DashboardOutcome::Back => {
                self.stack.pop();
            }
            DashboardOutcome::Open(code) => self.open_petition(&code),
            DashboardOutcome::Export => self.attempt(|app| {
                let Some(Screen::Dashboard(d)) = app.top() else {
                    return Ok(());
                };
                let (header, rows) = super::export::dashboard(d, app.lang());
                let stem = d.section.file_stem();
                app.export(stem, &header, &rows)
            }),
        }
    }

    /// Writes a list to `<stem>-<today>.csv` in the export folder (config `export_dir`, else the
    /// folder tiepdan was started in) — or, when that file exists, `<stem>-<today>-2.csv`, …:
    /// nothing saved earlier is replaced. Owner-only; a BOM so Excel reads Vietnamese; cells
    /// guarded against formula injection. Exporting reads only, so inspectors may do it.
    fn export(&mut self, stem: &str, header: &[String], rows: &[Vec<String>]) -> Result<()> {
        let name = format!("{stem}-{}.csv", self.ctx.today.format("%Y-%m-%d"));
        let bytes = super::export::csv_bytes(header, rows)?;
        let guard = self.ctx.store.output_guard();
        let path = tiepdan::files::write_first_free(&self.export_dir, &name, &bytes, &guard)?;
        self.saved(rows.len(), &path);
        Ok(())
    }

    fn saved(&mut self, rows: usize, path: &std::path::Path) {
        self.info(match self.lang() {
            Lang::Vi => format!("✓ Đã xuất {rows} dòng ra {}", path.display()),
            Lang::En => format!("✓ Exported {rows} rows to {}", path.display()),
        });
    }

    /// A note to show before an action that takes a while (generating demo data).
    pub fn busy_note(&self, action: &Action) -> Option<Message> {
        let slow = *action == Action::LoadDemo
            && self.top().is_none()
            && self.desk.is_empty_database()
            && !self.read_only();
        slow.then(|| Message {
            ok: true,
            text: self
                .lang()
                .pick("Đang tạo dữ liệu mẫu…", "Generating demo data…")
                .to_string(),
        })
    }

    /// Work deferred to the end of a burst of keys: searches follow what was typed, once.
    pub fn settle(&mut self) {
        let ctx = &self.ctx;
        let result = match self.stack.last_mut() {
            Some(Screen::Form(form)) => form.refresh_repeats(&ctx.store, false),
            Some(Screen::Search(search)) => search.refresh(ctx, self.search_worker.as_ref(), false),
            Some(Screen::Board(board)) => board.refresh(ctx, false),
            _ => Ok(()),
        };
        if let Err(err) = result {
            self.fail(&err);
        }
    }

    /// Another operator wrote to the database: refresh what is on screen. Returns through the
    /// message line on error rather than stopping the TUI.
    fn poll_changes(&mut self) -> Result<()> {
        let version = self.ctx.store.data_version()?;
        if version != self.data_version {
            self.reload()?;
        }
        Ok(())
    }

    /// Whether the last tick found new data or a search answer (the loop redraws only then).
    pub fn tick(&mut self) -> bool {
        let before = (self.data_version, self.message.clone());
        self.update(Action::Tick);
        let answered = self.poll_search() | self.poll_hotspots() | self.poll_report();
        answered || before != (self.data_version, self.message.clone())
    }

    /// A search or the hotspots are being worked out in the background: the loop polls for the
    /// answer sooner than its idle tick.
    pub fn work_pending(&self) -> bool {
        matches!(self.top(), Some(Screen::Search(s)) if s.waiting)
            || self.hotspot_job.is_some()
            || self.report_job.is_some()
    }

    fn poll_report(&mut self) -> bool {
        let open = self.stack.iter_mut().find_map(|s| match s {
            Screen::Report(r) => Some(r),
            _ => None,
        });
        let result = match open {
            Some(r) => r.poll(&self.ctx, &mut self.report_job),
            None => {
                // The screen closed: its answer is not wanted.
                self.report_job = None;
                Ok(false)
            }
        };
        self.polled(result)
    }

    fn poll_hotspots(&mut self) -> bool {
        let open = self.stack.iter_mut().find_map(|s| match s {
            Screen::Dashboard(d) => Some(d),
            _ => None,
        });
        let result = match open {
            // Data written while it ran: another round.
            Some(d) => d.poll(&mut self.hotspot_job).and_then(|changed| {
                d.ensure_hotspots(&self.ctx, &mut self.hotspot_job)?;
                Ok(changed)
            }),
            None => {
                self.hotspot_job = None;
                Ok(false)
            }
        };
        self.polled(result)
    }

    /// Whether a poll changed the screen; an error goes to the message line (and is a change).
    fn polled(&mut self, result: Result<bool>) -> bool {
        result.unwrap_or_else(|err| {
            self.fail(&err);
            true
        })
    }

    fn poll_search(&mut self) -> bool {
        let (Some(worker), Some(Screen::Search(search))) =
            (&self.search_worker, self.stack.last_mut())
        else {
            return false;
        };
        let result = search.poll(&self.ctx, worker);
        self.polled(result)
    }

    pub fn reload(&mut self) -> Result<()> {
        self.data_version = self.ctx.store.data_version()?;
        self.desk.load(&self.ctx)?;
        let ctx = &self.ctx;
        for screen in &mut self.stack {
            match screen {
                Screen::Petition(p) => p.reload(ctx)?,
                Screen::Search(s) => s.refresh(ctx, self.search_worker.as_ref(), true)?,
                Screen::Form(f) => f.refresh_repeats(&ctx.store, true)?,
                Screen::Board(b) => b.refresh(ctx, true)?,
                Screen::Dashboard(d) => d.refresh(ctx, &mut self.hotspot_job)?,
                Screen::Report(r) => r.rebuild(ctx, &mut self.report_job)?,
                Screen::Citizen(_) => {}
            }
        }
        // Citizen pages read with the session itself (it may write an audit row when revealing).
        for i in 0..self.stack.len() {
            if let Screen::Citizen(page) = &self.stack[i] {
                let (code, selected) = (page.from_code.clone(), page.selected);
                if let Some(mut fresh) = super::citizen::CitizenState::load(&mut self.ctx, &code)? {
                    fresh.selected = selected.min(fresh.petition_count().saturating_sub(1));
                    self.stack[i] = Screen::Citizen(Box::new(fresh));
                }
            }
        }
        Ok(())
    }
}

fn form_error_summary(form: Option<&mut FormState>, lang: Lang) -> String {
    let (count, first) = form.map_or((0, String::new()), |f| {
        (
            f.errors.len(),
            f.errors.first().map(|(_, m)| m.clone()).unwrap_or_default(),
        )
    });
    i18n::not_saved(lang, count, &first)
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
