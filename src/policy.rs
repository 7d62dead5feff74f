//! The rules in force for one database session: deadline rules plus the working-day calendar,
//! loaded from the config directory when present, else the legal defaults shipped in `core/fixtures/`.

use crate::domain::{Complexity, Lifecycle, Petition, PetitionKind, Step, StepContext};
use crate::error::Result;
use crate::rules::{
    Calendar, Deadline, FilingWindow, PetitionFacts, Rules, Urgency, all_deadlines, filing_window,
    next_deadline, urgency,
};
use chrono::NaiveDate;
use std::path::Path;

/// A petition's next deadline, as lists show it.
pub type Due = Deadline;

#[derive(Debug, Clone)]
pub struct Policy {
    pub rules: Rules,
    pub calendar: Calendar,
}

pub const RULES_FILE: &str = "rules.toml";
pub const HOLIDAYS_FILE: &str = "holidays.toml";

impl Policy {
    pub fn legal_default() -> Policy {
        Policy {
            rules: Rules::legal_default(),
            calendar: Calendar::legal_default(),
        }
    }

    /// `rules.toml` and `holidays.toml` in `config_dir` override the defaults, each on its own.
    pub fn load(config_dir: Option<&Path>) -> Result<Policy> {
        let file = |name: &str| config_dir.map(|d| d.join(name)).filter(|p| p.exists());
        Ok(Policy {
            rules: Rules::load(file(RULES_FILE).as_deref())?,
            calendar: Calendar::load(file(HOLIDAYS_FILE).as_deref())?,
        })
    }

    /// Days each extension of `petition` may add at `complexity`, under the rules in force when
    /// its resolution clock started.
    pub fn extension_days(&self, petition: &Petition, complexity: Complexity) -> Option<u32> {
        self.rules
            .extension_days(petition.kind, complexity, resolution_start(petition))
    }

    /// The deadline the petition's current stage must meet; `None` once closed.
    pub fn deadline(&self, petition: &Petition, today: NaiveDate) -> Option<Due> {
        let facts = PetitionFacts::of(petition);
        next_deadline(&self.rules, &self.calendar, &facts, &petition.state, today)
    }

    /// Every deadline running now (xử lý đơn, thụ lý, chuyển đơn, giải quyết, the notices), the
    /// soonest first; the next one is [`Policy::deadline`].
    pub fn deadlines(&self, petition: &Petition, today: NaiveDate) -> Vec<Due> {
        let facts = PetitionFacts::of(petition);
        let mut all = all_deadlines(&self.rules, &self.calendar, &facts, &petition.state, today);
        all.sort_by_key(|d| (d.due_on, d.which));
        all
    }

    /// The petition's lifecycle replayed from its steps under these rules (each extension judged
    /// at the complexity it states).
    pub fn replay(&self, petition: &Petition, steps: &[Step]) -> Result<Lifecycle> {
        let ctx = self.step_context(petition);
        let on = resolution_start(petition);
        Lifecycle::replay(&ctx, steps, |c| {
            self.rules.extension_allowance(petition.kind, c, on)
        })
    }

    /// A complaint's time limit to complain (Luật Khiếu nại 2011, Điều 9; Điều 33 for a second
    /// round), when the day the decision became known was recorded at intake.
    pub fn filing_window(&self, petition: &Petition) -> Option<FilingWindow> {
        let known_on = petition.state.known_on?;
        let facts = PetitionFacts::of(petition);
        filing_window(&self.rules, &self.calendar, &facts, known_on)
    }

    pub fn urgency(&self, due: Option<NaiveDate>, today: NaiveDate) -> Urgency {
        urgency(due, today, &self.calendar, &self.rules.urgency)
    }

    /// What a new step on `petition` is judged against.
    pub fn step_context(&self, petition: &Petition) -> StepContext {
        self.step_context_for(petition, petition.state.complexity)
    }

    /// The same, with the extensions allowed at `complexity` (what an extension step states).
    pub fn step_context_for(&self, petition: &Petition, complexity: Complexity) -> StepContext {
        let on = resolution_start(petition);
        StepContext {
            kind: petition.kind,
            anonymous: petition.is_anonymous(),
            received_on: petition.received_on,
            extensions: self
                .rules
                .extension_allowance(petition.kind, complexity, on),
            suspension_from: self.suspension_from(petition.kind),
        }
    }

    /// The first day a petition of `kind` may be suspended under the rules (`None`: never).
    pub fn suspension_from(&self, kind: PetitionKind) -> Option<NaiveDate> {
        self.rules
            .suspension_rules()
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.effective_from.unwrap_or(NaiveDate::MIN))
            .min()
    }
}

/// The day a petition's resolution clock started (thụ lý), or its receipt while not accepted:
/// the day whose rules govern its extensions and suspensions.
fn resolution_start(petition: &Petition) -> NaiveDate {
    petition.state.accepted_on.unwrap_or(petition.received_on)
}
