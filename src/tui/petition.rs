//! One petition: its fields, filers (a denouncer's masked until an allowed role reveals them, each
//! reveal audited), the repeat chain, the timeline, the next deadline, and only the legal next steps.

use super::action::Action;
use super::input::TextInput;
use super::step_prompt::{PromptOutcome, StepPrompt};
use chrono::NaiveDate;
use tiepdan::Result;
use tiepdan::domain::*;
use tiepdan::due::DueView;
use tiepdan::policy::Due;
use tiepdan::privacy::protects_identity;
use tiepdan::session::Session;

/// Who filed it, as this screen may show it.
#[derive(Debug, Clone, PartialEq)]
pub enum Filers {
    Shown(Vec<Citizen>),
    /// A denunciation whose filers have not been revealed in this session.
    Protected,
    Anonymous,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChainRow {
    pub code: String,
    pub received_on: NaiveDate,
    pub status: Status,
    pub subject: String,
    pub is_this: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PetitionPane {
    Steps,
    Chain,
    Timeline,
    /// The facts on the left, scrolled when they do not fit.
    Info,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PetitionState {
    pub petition: Petition,
    pub filers: Filers,
    pub events: Vec<Event>,
    pub chain: Vec<ChainRow>,
    pub visit: Option<Visit>,
    pub due: Option<Due>,
    /// The deadline as every list shows it (unit, pause, urgency).
    pub view: DueView,
    pub allowed: Vec<EventKind>,
    pub focus: PetitionPane,
    pub step_sel: usize,
    pub chain_sel: usize,
    pub timeline_scroll: usize,
    pub info_scroll: usize,
    pub prompt: Option<StepPrompt>,
    /// `v`: the reason asked before a denouncer's identity is revealed (audited).
    pub reveal: Option<RevealPrompt>,
}

/// Why the officer reveals a denouncer's identity: required, kept in the audit row with who and
/// when (Luật Tố cáo 2018, Điều 47), as `petition show --reveal --reason` asks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RevealPrompt {
    pub reason: TextInput,
    /// Set when the officer confirmed without a reason.
    pub missing: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PetitionOutcome {
    Stay,
    Back,
    Open(String),
    /// The reason was given: reveal the filers and write the audit row.
    Reveal(String),
    /// The operator chose a step: the app checks write access, then opens its prompt.
    AskStep(EventKind),
    /// The prompt was filled in: take the step.
    TakeStep,
    /// `e`: the operator asks to correct the record; the app checks write access first.
    AskCorrection,
    /// `p`: the receipt to hand the citizen, saved as a PDF.
    Receipt,
    Quit,
}

impl PetitionState {
    pub fn load(ctx: &Session, code: &str) -> Result<PetitionState> {
        let store = &ctx.store;
        let petition = store.petition(code)?;
        let audience = tiepdan::privacy::Audience::Screen(ctx.role);
        let chain = store.repeat_chain(&petition)?;
        let chain = tiepdan::privacy::visible_chain(&petition, chain, audience)
            .into_iter()
            .map(|p| ChainRow {
                is_this: p.id == petition.id,
                code: p.code,
                received_on: p.received_on,
                status: p.state.status,
                subject: p.subject,
            })
            .collect();
        let due = store.policy().deadline(&petition, ctx.today);
        let filers = if protects_identity(petition.kind) {
            Filers::Protected
        } else if petition.filers.is_empty() {
            Filers::Anonymous
        } else {
            Filers::Shown(store.filers(petition.id)?)
        };
        let mut state = PetitionState {
            events: store.events_shown(&petition, false, ctx.lang)?,
            visit: petition
                .visit_id
                .map(|id| store.visit(id))
                .transpose()?
                .flatten(),
            view: store.policy().due_view(&petition, ctx.today),
            allowed: petition
                .state
                .allowed_steps(&store.policy().step_context(&petition)),
            due,
            chain,
            filers,
            petition,
            focus: PetitionPane::Steps,
            step_sel: 0,
            chain_sel: 0,
            timeline_scroll: 0,
            info_scroll: 0,
            prompt: None,
            reveal: None,
        };
        state.chain_sel = state.chain.iter().position(|c| c.is_this).unwrap_or(0);
        Ok(state)
    }

    /// Reloads after a write, keeping what the operator was looking at.
    pub fn reload(&mut self, ctx: &Session) -> Result<()> {
        let mut fresh = PetitionState::load(ctx, &self.petition.code)?;
        if matches!(self.filers, Filers::Shown(_)) && fresh.filers == Filers::Protected {
            fresh.filers = self.filers.clone();
        }
        fresh.focus = self.focus;
        fresh.step_sel = self.step_sel.min(fresh.allowed.len().saturating_sub(1));
        fresh.timeline_scroll = self.timeline_scroll;
        fresh.info_scroll = self.info_scroll;
        fresh.prompt = self.prompt.take();
        fresh.reveal = self.reveal.take();
        *self = fresh;
        Ok(())
    }

    pub fn can_reveal(&self) -> bool {
        self.filers == Filers::Protected && !self.petition.filers.is_empty()
    }

    pub fn update(&mut self, action: &Action) -> PetitionOutcome {
        if let Some(reveal) = &mut self.reveal {
            let input = &mut reveal.reason;
            match action {
                Action::Type(c) => input.insert(*c),
                Action::Paste(text) => input.insert_str(&text.replace(['\r', '\n'], " ")),
                Action::Backspace => input.backspace(),
                Action::Delete => input.delete(),
                Action::Left => input.left(),
                Action::Right => input.right(),
                Action::Home => input.home(),
                Action::End => input.end(),
                Action::Open | Action::Save => {
                    if input.is_empty() {
                        reveal.missing = true;
                    } else {
                        return PetitionOutcome::Reveal(input.value().trim().to_string());
                    }
                }
                Action::Back => self.reveal = None,
                _ => {}
            }
            return PetitionOutcome::Stay;
        }
        if let Some(prompt) = &mut self.prompt {
            return match prompt.update(action) {
                PromptOutcome::Stay => PetitionOutcome::Stay,
                PromptOutcome::Cancel => {
                    self.prompt = None;
                    PetitionOutcome::Stay
                }
                PromptOutcome::Submit => PetitionOutcome::TakeStep,
            };
        }
        let step = |selected: &mut usize, len: usize, by: isize| {
            *selected = (*selected as isize + by).clamp(0, len.saturating_sub(1) as isize) as usize;
        };
        let by = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -10,
            Action::PageDown => 10,
            Action::Home => -10_000,
            Action::End => 10_000,
            _ => 0,
        };
        if by != 0 {
            match self.focus {
                PetitionPane::Steps => step(&mut self.step_sel, self.allowed.len(), by),
                PetitionPane::Chain => step(&mut self.chain_sel, self.chain.len(), by),
                PetitionPane::Timeline => step(&mut self.timeline_scroll, self.events.len(), by),
                // The view clamps this to what the pane can scroll.
                PetitionPane::Info => step(&mut self.info_scroll, 40, by),
            }
            return PetitionOutcome::Stay;
        }
        match action {
            Action::NextField => {
                self.focus = match self.focus {
                    PetitionPane::Steps => PetitionPane::Chain,
                    PetitionPane::Chain => PetitionPane::Timeline,
                    PetitionPane::Timeline => PetitionPane::Info,
                    PetitionPane::Info => PetitionPane::Steps,
                }
            }
            Action::PrevField => {
                self.focus = match self.focus {
                    PetitionPane::Steps => PetitionPane::Info,
                    PetitionPane::Chain => PetitionPane::Steps,
                    PetitionPane::Timeline => PetitionPane::Chain,
                    PetitionPane::Info => PetitionPane::Timeline,
                }
            }
            Action::Open => match self.focus {
                PetitionPane::Steps => {
                    if let Some(kind) = self.allowed.get(self.step_sel) {
                        return PetitionOutcome::AskStep(*kind);
                    }
                }
                PetitionPane::Chain => {
                    if let Some(row) = self.chain.get(self.chain_sel).filter(|r| !r.is_this) {
                        return PetitionOutcome::Open(row.code.clone());
                    }
                }
                PetitionPane::Timeline | PetitionPane::Info => {}
            },
            Action::RevealIdentity if self.can_reveal() => {
                self.reveal = Some(RevealPrompt::default());
            }
            Action::Correct if self.petition.status() != Status::Voided => {
                return PetitionOutcome::AskCorrection;
            }
            Action::Void if self.petition.status() != Status::Voided => {
                return PetitionOutcome::AskStep(EventKind::Voided);
            }
            Action::Receipt if self.petition.status() != Status::Voided => {
                return PetitionOutcome::Receipt;
            }
            Action::Back => return PetitionOutcome::Back,
            Action::Quit => return PetitionOutcome::Quit,
            _ => {}
        }
        PetitionOutcome::Stay
    }

    /// Opens the prompt for a step; the app checks write access before it gets here.
    pub fn open_prompt(&mut self, kind: EventKind, today: NaiveDate) {
        self.prompt = Some(match kind {
            EventKind::Corrected => StepPrompt::correction(&self.petition),
            _ => StepPrompt::new(kind, today, self.petition.state.complexity),
        });
    }
}
