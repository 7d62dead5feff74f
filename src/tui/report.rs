//! The periodic report screen (Báo cáo định kỳ): choose the period — a quarter, six months, nine
//! months, a year, or any from–to — read the figures, and save them as CSV, XLSX or Markdown.
//! The figures are the ones `tiepdan report` prints: both come from `PeriodReport::table`.

use super::action::Action;
use super::input::TextInput;
use super::job::Job;
use chrono::Datelike;
use tiepdan::domain::InputField;
use tiepdan::i18n::Lang;
use tiepdan::report::render::{FileFormat, Table};
use tiepdan::report::{Period, PeriodReport, parse_period};
use tiepdan::session::Session;
use tiepdan::{Result, validate};

/// How long a period the operator wants; Tab goes through them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Quarter,
    Half,
    NineMonths,
    Year,
    Custom,
}

impl Span {
    pub const ALL: [Span; 5] = [
        Span::Quarter,
        Span::Half,
        Span::NineMonths,
        Span::Year,
        Span::Custom,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Span::Quarter => lang.pick("Quý", "Quarter"),
            Span::Half => lang.pick("6 tháng", "Half year"),
            Span::NineMonths => lang.pick("9 tháng", "9 months"),
            Span::Year => lang.pick("Năm", "Year"),
            Span::Custom => lang.pick("Từ ngày – đến ngày", "From – to"),
        }
    }
}

/// The date field being typed in a from–to period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    From,
    To,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportState {
    pub span: Span,
    pub year: i32,
    /// 1..=4; a half year is the half this quarter falls in.
    pub quarter: u32,
    pub from: TextInput,
    pub to: TextInput,
    /// A date field has the keys (from–to periods).
    pub editing: Option<DateField>,
    pub period: Option<Period>,
    pub table: Option<Table>,
    /// Why the dates typed make no period.
    pub error: Option<String>,
    /// First table row shown.
    pub scroll: usize,
    /// The save-as chooser is open, on this format.
    pub export: Option<usize>,
    /// The figures are being counted in the background (a year on a big database takes seconds).
    pub counting: bool,
    cutoff_day: u32,
}

/// A count running in the background, answering with the period it counted.
pub type CountJob = Job<(Period, Table)>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportOutcome {
    Stay,
    Back,
    /// The period changed: count again.
    Rebuild,
    Save(FileFormat),
}

impl ReportState {
    /// The quarter we are in (under the cut-off day), its figures on their way.
    pub fn open(ctx: &Session, job: &mut Option<CountJob>) -> Result<ReportState> {
        let today = ctx.today;
        let (year, quarter) = [today.year(), today.year() + 1]
            .into_iter()
            .flat_map(|y| (1..=4).map(move |q| (y, q)))
            .find(|(y, q)| {
                parse_period(&format!("{y}-Q{q}"), ctx.cutoff_day())
                    .is_ok_and(|p| p.contains(today))
            })
            .unwrap_or((today.year(), today.month0() / 3 + 1));
        let mut state = ReportState {
            span: Span::Quarter,
            year,
            quarter,
            from: TextInput::default(),
            to: TextInput::default(),
            editing: None,
            period: None,
            table: None,
            error: None,
            scroll: 0,
            export: None,
            counting: false,
            cutoff_day: ctx.cutoff_day(),
        };
        state.rebuild(ctx, job)?;
        Ok(state)
    }

    /// The period's name as reports write it: `2026-Q3`, `2026-H1`, `2026-9M`, `2026`.
    fn name(&self) -> String {
        let (y, q) = (self.year, self.quarter);
        match self.span {
            Span::Quarter => format!("{y}-Q{q}"),
            Span::Half => format!("{y}-H{}", q.div_ceil(2)),
            Span::NineMonths => format!("{y}-9M"),
            Span::Year | Span::Custom => format!("{y}"),
        }
    }

    fn chosen_period(&self, lang: Lang) -> std::result::Result<Period, String> {
        if self.span != Span::Custom {
            return parse_period(&self.name(), self.cutoff_day).map_err(|e| e.message(lang));
        }
        // Named by the screen's own labels: the validator's field names are the steps'.
        let date = |input: &TextInput, label: (&str, &str)| {
            validate::date(InputField::StepDate, input.value()).map_err(|_| match lang {
                Lang::Vi => format!("{}: cần một ngày dạng dd/mm/yyyy", label.0),
                Lang::En => format!("{}: a date as dd/mm/yyyy is needed", label.1),
            })
        };
        let from = date(&self.from, ("Từ ngày", "From"))?;
        let to = date(&self.to, ("Đến ngày", "To"))?;
        if to < from {
            return Err(lang
                .pick(
                    "Đến ngày phải sau từ ngày.",
                    "The end date must follow the start date.",
                )
                .to_string());
        }
        Period::between(from, to).map_err(|e| e.message(lang))
    }

    /// Counts the chosen period again — in the background through `job` when the database is a
    /// file; dates that make no period leave a message instead.
    pub fn rebuild(&mut self, ctx: &Session, job: &mut Option<CountJob>) -> Result<()> {
        self.scroll = 0;
        self.table = None;
        self.counting = false;
        match self.chosen_period(ctx.lang) {
            Ok(period) => {
                self.error = None;
                self.period = Some(period);
                self.count(ctx, job)
            }
            Err(message) => {
                self.period = None;
                self.error = Some(message);
                Ok(())
            }
        }
    }

    /// Counts `self.period`. One count at a time: while one runs (arrows pressed quickly), the
    /// period wanted is only remembered, and counted when the running one ends.
    fn count(&mut self, ctx: &Session, job: &mut Option<CountJob>) -> Result<()> {
        let Some(period) = self.period.clone() else {
            return Ok(());
        };
        self.counting = true;
        if job.is_some() {
            return Ok(());
        }
        let lang = ctx.lang;
        let counted = period.clone();
        *job = Job::start(ctx, "report", move |store| {
            let table = PeriodReport::build(store, &counted)?.table(lang);
            Ok((counted, table))
        })?;
        if job.is_none() {
            self.table = Some(PeriodReport::build(&ctx.store, &period)?.table(lang));
            self.counting = false;
        }
        Ok(())
    }

    /// Takes the background count if it has come; true when the screen changed. A count of a
    /// period no longer wanted starts the one that is.
    pub fn poll(&mut self, ctx: &Session, job: &mut Option<CountJob>) -> Result<bool> {
        let Some(answer) = job.as_ref().and_then(Job::try_take) else {
            return Ok(false);
        };
        *job = None;
        let (period, table) = answer?;
        if self.period.as_ref() == Some(&period) {
            self.counting = false;
            self.table = Some(table);
            return Ok(true);
        }
        self.count(ctx, job)?;
        Ok(false)
    }

    /// Moves a named period back or forward by its own length.
    fn step(&mut self, forward: bool) {
        let quarters = match self.span {
            Span::Quarter => 1,
            Span::Half => 2,
            Span::NineMonths | Span::Year => 4,
            Span::Custom => return,
        };
        let index = self.year * 4 + self.quarter as i32 - 1;
        let index = if forward {
            index + quarters
        } else {
            index - quarters
        };
        self.year = index.div_euclid(4);
        self.quarter = index.rem_euclid(4) as u32 + 1;
    }

    fn cycle_span(&mut self, forward: bool) {
        let n = Span::ALL.len();
        let at = Span::ALL.iter().position(|s| *s == self.span).unwrap_or(0);
        self.span = Span::ALL[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
        if self.span == Span::Custom && self.from.is_empty() && self.to.is_empty() {
            // Start from the named period shown last, so only what differs needs typing.
            if let Some(period) = &self.period {
                self.from = TextInput::new(&period.from.format("%d/%m/%Y").to_string());
                self.to = TextInput::new(&period.to.format("%d/%m/%Y").to_string());
            }
        }
    }

    fn rows(&self) -> usize {
        self.table.as_ref().map_or(0, |t| t.rows.len())
    }

    pub fn update(&mut self, action: &Action) -> ReportOutcome {
        if let Some(field) = self.editing {
            return self.edit(field, action);
        }
        if let Some(at) = self.export {
            let n = FileFormat::ALL.len();
            match action {
                Action::Up => self.export = Some((at + n - 1) % n),
                Action::Down | Action::NextField => self.export = Some((at + 1) % n),
                Action::Open => {
                    self.export = None;
                    return ReportOutcome::Save(FileFormat::ALL[at]);
                }
                Action::Back => self.export = None,
                _ => {}
            }
            return ReportOutcome::Stay;
        }
        let last = self.rows().saturating_sub(1);
        match action {
            Action::NextField | Action::PrevField => {
                self.cycle_span(*action == Action::NextField);
                return ReportOutcome::Rebuild;
            }
            Action::Left | Action::Right if self.span != Span::Custom => {
                self.step(*action == Action::Right);
                return ReportOutcome::Rebuild;
            }
            Action::Open if self.span == Span::Custom => self.editing = Some(DateField::From),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = (self.scroll + 1).min(last),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll = (self.scroll + 10).min(last),
            Action::Home => self.scroll = 0,
            Action::End => self.scroll = last,
            Action::Export if self.table.is_some() => self.export = Some(0),
            Action::Back => return ReportOutcome::Back,
            _ => {}
        }
        ReportOutcome::Stay
    }

    fn edit(&mut self, field: DateField, action: &Action) -> ReportOutcome {
        let input = match field {
            DateField::From => &mut self.from,
            DateField::To => &mut self.to,
        };
        match action {
            Action::Paste(text) => input.insert_str(text.trim()),
            edit if input.edit(edit) => {}
            Action::NextField | Action::PrevField => {
                self.editing = Some(match field {
                    DateField::From => DateField::To,
                    DateField::To => DateField::From,
                });
            }
            Action::Open | Action::Save => {
                self.editing = None;
                return ReportOutcome::Rebuild;
            }
            Action::Back => self.editing = None,
            _ => {}
        }
        ReportOutcome::Stay
    }

    /// `bao-cao-2026-Q3.xlsx`, or `bao-cao-2026-06-15..2026-09-14.csv` for dates.
    pub fn file_name(&self, format: FileFormat) -> Option<String> {
        let period = self.period.as_ref()?;
        let label = match self.span {
            Span::Custom => format!("{}..{}", period.from, period.to),
            _ => period.label.clone(),
        };
        Some(format!("bao-cao-{label}.{}", format.extension()))
    }
}
