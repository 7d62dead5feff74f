//! The rules table: which period applies to which petition, read from TOML.
//!
//! Matching is "most specific rule wins": a rule sets some of kind, round, complexity and remote;
//! among the rules that match a petition, the one with the most conditions set applies. A rule's
//! complexity is a floor ("complex" also covers "very_complex"), so the law's "phức tạp" periods
//! apply to very complex cases without repeating every rule; a rule naming the higher complexity
//! still wins when one exists. Equal rules are settled by file order (the first wins).
//!
//! Every rule is effective-dated: `effective_from` (and optionally `until`, the last day in force)
//! say when the law behind it applies, and a petition is judged by the rule in force on the day
//! its clock starts (receipt for intake clocks, thụ lý for resolution, extensions and
//! suspensions). A rule whose text could not be checked here says `verified = false`, and
//! `tiepdan rules --list` shows it so.

use super::{DayFrom, DayUnit, DeadlineKind, config_error, located, read_override};
use crate::domain::{Complexity, ExtensionAllowance, PetitionKind, Round};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use std::path::Path;
use toml::Spanned;

/// The legal defaults, compiled in so the program works with no configuration at all.
const LEGAL_DEFAULT: &str = include_str!("../../fixtures/rules-vn.toml");
const LEGAL_DEFAULT_NAME: &str = "rules-vn.toml (built-in)";

/// One deadline rule (a `[[deadline]]` table).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRule {
    pub id: String,
    #[serde(rename = "deadline")]
    pub which: DeadlineKind,
    /// `None` is "any" kind.
    #[serde(deserialize_with = "kind_or_any")]
    pub kind: Option<PetitionKind>,
    #[serde(default)]
    pub round: Option<Round>,
    /// The lowest complexity the rule applies to.
    #[serde(default)]
    pub complexity: Option<Complexity>,
    /// Vùng sâu, vùng xa: `Some(true)` only there, `Some(false)` only elsewhere.
    #[serde(default)]
    pub remote: Option<bool>,
    /// Checks at several places (Luật Tố cáo 2018, Điều 24: the longer intake period):
    /// `Some(true)` only where the petition is marked so, `Some(false)` only elsewhere.
    #[serde(default)]
    pub several_places: Option<bool>,
    pub days: u32,
    pub unit: DayUnit,
    pub from: DayFrom,
    /// The article the period comes from, shown next to every deadline.
    pub basis: String,
    #[serde(default)]
    pub note: Option<String>,
    /// When the law behind the rule applies (its first and last day); no date is "always".
    #[serde(default, deserialize_with = "optional_date")]
    pub effective_from: Option<NaiveDate>,
    /// The last day the rule is in force.
    #[serde(default, deserialize_with = "optional_date")]
    pub until: Option<NaiveDate>,
    /// `false`: the numbers were not checked against the published text.
    #[serde(default = "yes")]
    pub verified: bool,
}

/// When a rule is in force, and whether its text was checked against the law.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub effective_from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub verified: bool,
}

/// Every kind of rule is effective-dated the same way.
macro_rules! dated {
    ($($rule:ty),*) => {$(
        impl $rule {
            pub fn validity(&self) -> Validity {
                Validity {
                    effective_from: self.effective_from,
                    until: self.until,
                    verified: self.verified,
                }
            }
        }
    )*};
}
dated!(DeadlineRule, ExtensionRule, SuspensionRule, ReceptionRule);

fn yes() -> bool {
    true
}

impl Validity {
    /// In force on `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.effective_from.is_none_or(|from| from <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// Two periods share a day.
    fn overlaps(&self, other: &Validity) -> bool {
        let starts_before_other_ends = match (self.effective_from, other.until) {
            (Some(from), Some(until)) => from <= until,
            _ => true,
        };
        let other_starts_before_end = match (other.effective_from, self.until) {
            (Some(from), Some(until)) => from <= until,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_end
    }

    fn problem(&self, what: &str) -> Option<String> {
        match (self.effective_from, self.until) {
            (Some(from), Some(until)) if until < from => Some(format!(
                "{what}: `until` ({until}) is before `effective_from` ({from})"
            )),
            _ => None,
        }
    }
}

/// A date written as a TOML date (`2019-01-01`) or a string (`"2019-01-01"`).
fn optional_date<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Date(toml::value::Datetime),
        Text(String),
    }
    let text = match Raw::deserialize(d)? {
        Raw::Date(dt) => match (dt.date, dt.time) {
            (Some(date), None) => date.to_string(),
            _ => {
                return Err(serde::de::Error::custom(
                    "expected a date such as 2019-01-01",
                ));
            }
        },
        Raw::Text(t) => t,
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| serde::de::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
}

/// One extension rule (a `[[extension]]` table): how many times, and by how much, a resolution
/// deadline may be extended.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionRule {
    pub kind: PetitionKind,
    /// The lowest complexity the rule applies to.
    pub complexity: Complexity,
    pub max: u32,
    /// Calendar days each extension adds at most.
    pub days: u32,
    pub basis: String,
    #[serde(default, deserialize_with = "optional_date")]
    pub effective_from: Option<NaiveDate>,
    /// The last day the rule is in force.
    #[serde(default, deserialize_with = "optional_date")]
    pub until: Option<NaiveDate>,
    /// `false`: the numbers were not checked against the published text.
    #[serde(default = "yes")]
    pub verified: bool,
}

/// One suspension rule (a `[[suspension]]` table): a kind whose resolution may be suspended
/// (tạm đình chỉ) while the rule is in force, and the text that allows it. A kind with no rule in
/// force on the day its clock started cannot be suspended.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuspensionRule {
    pub kind: PetitionKind,
    pub basis: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default, deserialize_with = "optional_date")]
    pub effective_from: Option<NaiveDate>,
    /// The last day the rule is in force.
    #[serde(default, deserialize_with = "optional_date")]
    pub until: Option<NaiveDate>,
    /// `false`: the numbers were not checked against the published text.
    #[serde(default = "yes")]
    pub verified: bool,
}

/// A leader's minimum of own reception days (a `[[reception]]` table): at least `days` days each
/// `per` (week or month), by level.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReceptionRule {
    pub level: super::ReceptionLevel,
    pub days: u32,
    pub per: super::ReceptionPer,
    pub basis: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default, deserialize_with = "optional_date")]
    pub effective_from: Option<NaiveDate>,
    /// The last day the rule is in force.
    #[serde(default, deserialize_with = "optional_date")]
    pub until: Option<NaiveDate>,
    /// `false`: the numbers were not checked against the published text.
    #[serde(default = "yes")]
    pub verified: bool,
}

/// When the deadline board turns a deadline critical, then soon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub critical_working_days: u32,
    pub soon_days: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            critical_working_days: 2,
            soon_days: 7,
        }
    }
}

/// How periods are counted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counting {
    /// A calendar-day period ending on a day off ends on the next working day instead.
    pub roll_forward: bool,
    pub basis: String,
}

impl Default for Counting {
    fn default() -> Self {
        Counting {
            roll_forward: true,
            basis: "Bộ luật Dân sự 2015, Điều 148 khoản 5".to_string(),
        }
    }
}

fn kind_or_any<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<PetitionKind>, D::Error> {
    let raw = String::deserialize(d)?;
    if raw.trim().eq_ignore_ascii_case("any") {
        return Ok(None);
    }
    PetitionKind::parse(&raw).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "unknown kind `{raw}` (allowed: any, complaint, denunciation, recommendation, report)"
        ))
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    counting: Counting,
    #[serde(default)]
    urgency: Thresholds,
    #[serde(default, rename = "deadline")]
    deadlines: Vec<Spanned<DeadlineRule>>,
    #[serde(default, rename = "extension")]
    extensions: Vec<Spanned<ExtensionRule>>,
    #[serde(default, rename = "suspension")]
    suspensions: Vec<Spanned<SuspensionRule>>,
    #[serde(default, rename = "reception")]
    receptions: Vec<Spanned<ReceptionRule>>,
}

/// The whole rules table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    deadlines: Vec<DeadlineRule>,
    extensions: Vec<ExtensionRule>,
    suspensions: Vec<SuspensionRule>,
    receptions: Vec<ReceptionRule>,
    /// The deadline board's thresholds (`[urgency]`).
    pub urgency: Thresholds,
    /// How periods are counted (`[counting]`).
    pub counting: Counting,
    source: String,
}

/// What a deadline rule is chosen by: the deadline, kind, round, complexity, remote area and
/// checks at several places.
type Conditions = (
    DeadlineKind,
    Option<PetitionKind>,
    Option<Round>,
    Option<Complexity>,
    Option<bool>,
    Option<bool>,
);

impl DeadlineRule {
    fn matches(&self, case: &Case) -> bool {
        // A complaint whose round was not recorded is a first-round complaint: the shorter period,
        // so the warning comes early rather than late.
        let round = case.round.unwrap_or(Round::First);
        self.kind.is_none_or(|k| k == case.kind)
            && self.round.is_none_or(|r| r == round)
            && self.complexity.is_none_or(|c| case.complexity >= c)
            && self.remote.is_none_or(|r| r == case.remote)
            && self.several_places.is_none_or(|s| s == case.several_places)
    }

    fn specificity(&self) -> (usize, Option<Complexity>) {
        let set = [
            self.kind.is_some(),
            self.round.is_some(),
            self.complexity.is_some(),
            self.remote.is_some(),
            self.several_places.is_some(),
        ];
        (set.iter().filter(|s| **s).count(), self.complexity)
    }

    fn conditions(&self) -> Conditions {
        (
            self.which,
            self.kind,
            self.round,
            self.complexity,
            self.remote,
            self.several_places,
        )
    }
}

impl Rules {
    /// The statutory defaults shipped with the program.
    pub fn legal_default() -> Rules {
        Rules::from_toml_str(LEGAL_DEFAULT, LEGAL_DEFAULT_NAME)
            .expect("the built-in rules table is valid (checked by the tests)")
    }

    /// Reads a rules table; errors name `file_name` and the line to fix.
    pub fn from_toml_str(text: &str, file_name: &str) -> Result<Rules> {
        let raw: RawFile = toml::from_str(text).map_err(|e| config_error(file_name, text, &e))?;
        let at = |span: std::ops::Range<usize>, message: String| Error::Config {
            file: file_name.to_string(),
            message: located(text, span.start, &message),
        };
        // Each rule is checked against the ones read before it; an error names its line.
        fn checked<R>(
            read: Vec<Spanned<R>>,
            problem: fn(&R, &[R]) -> Option<String>,
            at: &impl Fn(std::ops::Range<usize>, String) -> Error,
        ) -> Result<Vec<R>> {
            let mut rules: Vec<R> = Vec::with_capacity(read.len());
            for spanned in read {
                let span = spanned.span();
                let rule = spanned.into_inner();
                if let Some(message) = problem(&rule, &rules) {
                    return Err(at(span, message));
                }
                rules.push(rule);
            }
            Ok(rules)
        }
        let deadlines = checked(raw.deadlines, deadline_problem, &at)?;
        let extensions = checked(raw.extensions, extension_problem, &at)?;
        let suspensions = checked(raw.suspensions, suspension_problem, &at)?;
        let receptions = checked(raw.receptions, reception_problem, &at)?;
        Ok(Rules {
            deadlines,
            extensions,
            suspensions,
            receptions,
            urgency: raw.urgency,
            counting: raw.counting,
            source: file_name.to_string(),
        })
    }

    /// The override file at `path` if there is one, else the legal default.
    pub fn load(path: Option<&Path>) -> Result<Rules> {
        match read_override(path)? {
            Some((text, name)) => Rules::from_toml_str(&text, &name),
            None => Ok(Rules::legal_default()),
        }
    }

    /// Where these rules came from (a path, or the built-in default), for the settings screen.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn deadline_rules(&self) -> &[DeadlineRule] {
        &self.deadlines
    }

    pub fn extension_rules(&self) -> &[ExtensionRule] {
        &self.extensions
    }

    pub fn suspension_rules(&self) -> &[SuspensionRule] {
        &self.suspensions
    }

    pub fn reception_rules(&self) -> &[ReceptionRule] {
        &self.receptions
    }

    /// The leaders' reception minimum for `level` in force on `on`.
    pub fn reception(&self, level: super::ReceptionLevel, on: NaiveDate) -> Option<&ReceptionRule> {
        self.receptions
            .iter()
            .find(|r| r.level == level && r.validity().covers(on))
    }

    /// The rule for deadline `which` of a petition whose clock starts on `on`, if any rule in
    /// force that day applies.
    pub fn find(&self, which: DeadlineKind, case: &Case, on: NaiveDate) -> Option<&DeadlineRule> {
        // `rev` so that among equally specific rules the first in the file wins
        // (`max_by_key` keeps the last maximum).
        self.deadlines
            .iter()
            .rev()
            .filter(|r| r.which == which && r.validity().covers(on) && r.matches(case))
            .max_by_key(|r| r.specificity())
    }

    /// The extension rule in force on `on` for a kind at a complexity: the one with the highest
    /// complexity floor that the case reaches.
    pub fn extension(
        &self,
        kind: PetitionKind,
        complexity: Complexity,
        on: NaiveDate,
    ) -> Option<&ExtensionRule> {
        self.extensions
            .iter()
            .filter(|r| r.kind == kind && complexity >= r.complexity && r.validity().covers(on))
            .max_by_key(|r| r.complexity)
    }

    /// How many extensions the law allows; 0 when it allows none (complaints).
    pub fn max_extensions(&self, kind: PetitionKind, complexity: Complexity, on: NaiveDate) -> u32 {
        self.extension_allowance(kind, complexity, on).count
    }

    /// How many extensions, of at most how many days each; nothing when the rules allow none.
    pub fn extension_allowance(
        &self,
        kind: PetitionKind,
        complexity: Complexity,
        on: NaiveDate,
    ) -> ExtensionAllowance {
        self.extension(kind, complexity, on)
            .map_or(ExtensionAllowance::default(), |r| ExtensionAllowance {
                count: r.max,
                days: r.days,
            })
    }

    /// Days each extension may add, if extensions are allowed.
    pub fn extension_days(
        &self,
        kind: PetitionKind,
        complexity: Complexity,
        on: NaiveDate,
    ) -> Option<u32> {
        self.extension(kind, complexity, on)
            .filter(|r| r.max > 0)
            .map(|r| r.days)
    }

    /// The rule that allows suspending a petition of `kind` whose clock started on `on`.
    pub fn suspension(&self, kind: PetitionKind, on: NaiveDate) -> Option<&SuspensionRule> {
        self.suspensions
            .iter()
            .find(|r| r.kind == kind && r.validity().covers(on))
    }

    /// Whether any suspension rule exists for `kind`, at any date (to tell "never" from "not then").
    pub fn suspension_ever(&self, kind: PetitionKind) -> Option<&SuspensionRule> {
        self.suspensions.iter().find(|r| r.kind == kind)
    }
}

/// The facts of a petition that choose among rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case {
    pub kind: PetitionKind,
    pub round: Option<Round>,
    pub complexity: Complexity,
    pub remote: bool,
    /// Marked as needing checks at several places (Luật Tố cáo 2018, Điều 24).
    pub several_places: bool,
}

/// What is wrong with a deadline rule, given the rules read before it.
fn deadline_problem(rule: &DeadlineRule, earlier: &[DeadlineRule]) -> Option<String> {
    let id = &rule.id;
    if id.trim().is_empty() {
        return Some("a deadline rule needs an `id`".into());
    }
    if let Some(dup) = earlier.iter().find(|r| r.id == *id) {
        return Some(format!("rule id `{}` is used twice", dup.id));
    }
    if rule.days == 0 {
        return Some(format!("rule `{id}`: `days` must be at least 1"));
    }
    if rule.basis.trim().is_empty() {
        return Some(format!(
            "rule `{id}`: `basis` (the legal article) is required"
        ));
    }
    if rule.round.is_some() && rule.kind != Some(PetitionKind::Complaint) {
        return Some(format!("rule `{id}`: `round` applies to complaints only"));
    }
    if let Some(problem) = rule.validity().problem(&format!("rule `{id}`")) {
        return Some(problem);
    }
    // Two rules with the same conditions in force on the same day would make the choice depend
    // on file order alone.
    if let Some(same) = earlier
        .iter()
        .find(|r| r.conditions() == rule.conditions() && r.validity().overlaps(&rule.validity()))
    {
        return Some(format!(
            "rule `{id}` has the same conditions as rule `{}`",
            same.id
        ));
    }
    None
}

/// What every dated rule must hold: an article, a sane period, and no other rule for the same
/// case in force on the same days (`clash`, with `twice` the message's ending).
fn dated_problem(
    what: &str,
    basis: &str,
    validity: Validity,
    clash: bool,
    twice: &str,
) -> Option<String> {
    if basis.trim().is_empty() {
        return Some(format!("{what}: `basis` (the legal article) is required"));
    }
    if let Some(problem) = validity.problem(what) {
        return Some(problem);
    }
    clash.then(|| format!("{what} {twice}"))
}

fn extension_problem(rule: &ExtensionRule, earlier: &[ExtensionRule]) -> Option<String> {
    let what = format!("extension for {} ({})", rule.kind, rule.complexity);
    if rule.max > 0 && rule.days == 0 {
        return Some(format!("{what}: `days` must be at least 1"));
    }
    let clash = earlier.iter().any(|r| {
        r.kind == rule.kind
            && r.complexity == rule.complexity
            && r.validity().overlaps(&rule.validity())
    });
    dated_problem(&what, &rule.basis, rule.validity(), clash, "is given twice")
}

fn reception_problem(rule: &ReceptionRule, earlier: &[ReceptionRule]) -> Option<String> {
    let what = format!("reception minimum for {}", rule.level);
    if rule.days == 0 {
        return Some(format!("{what}: `days` must be at least 1"));
    }
    let clash = earlier
        .iter()
        .any(|r| r.level == rule.level && r.validity().overlaps(&rule.validity()));
    let twice = "is given twice for the same days";
    dated_problem(&what, &rule.basis, rule.validity(), clash, twice)
}

fn suspension_problem(rule: &SuspensionRule, earlier: &[SuspensionRule]) -> Option<String> {
    let what = format!("suspension for {}", rule.kind);
    let clash = earlier
        .iter()
        .any(|r| r.kind == rule.kind && r.validity().overlaps(&rule.validity()));
    let twice = "is given twice for the same days";
    dated_problem(&what, &rule.basis, rule.validity(), clash, twice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Complexity::*;
    use PetitionKind::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn case(kind: PetitionKind) -> Case {
        Case {
            kind,
            round: None,
            complexity: Normal,
            remote: false,
            several_places: false,
        }
    }

    #[test]
    fn the_rule_in_force_on_the_day_the_clock_starts_applies() {
        let rules = Rules::legal_default();
        let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let resolve = |day| {
            rules
                .find(DeadlineKind::Resolve, &case(Denunciation), day)
                .map(|r| (r.days, r.basis.clone(), r.verified))
        };
        // Luật Tố cáo 2011 (60 days) until 31/12/2018, Luật Tố cáo 2018 (30 days) from 1/1/2019.
        assert_eq!(
            resolve(on(2018, 12, 31)),
            Some((60, "Luật Tố cáo 2011, Điều 21".into(), false))
        );
        assert_eq!(
            resolve(on(2019, 1, 1)),
            Some((30, "Luật Tố cáo 2018, Điều 30".into(), true))
        );
        // Before any text the program knows: no clock rather than a made-up one.
        assert_eq!(resolve(on(2010, 1, 1)), None);
        assert_eq!(
            rules.max_extensions(Denunciation, Normal, on(2018, 6, 1)),
            1
        );
        assert_eq!(
            rules.max_extensions(Denunciation, Normal, on(2019, 6, 1)),
            0
        );
        assert!(
            rules
                .suspension(Complaint, on(2026, 6, 30))
                .is_some_and(|r| !r.verified)
        );
        assert!(
            rules
                .suspension(Complaint, on(2026, 7, 1))
                .is_some_and(|r| r.verified)
        );
        assert!(rules.suspension(Recommendation, on(2026, 7, 1)).is_none());
    }

    #[test]
    fn overlapping_dates_for_the_same_conditions_are_refused() {
        let rule = |id: &str, from: &str, until: &str| {
            format!(
                "[[deadline]]\nid = \"{id}\"\ndeadline = \"process\"\nkind = \"any\"\ndays = 10\n\
                 unit = \"working\"\nfrom = \"received\"\nbasis = \"x\"\n\
                 effective_from = {from}\nuntil = {until}\n"
            )
        };
        let apart = rule("a", "2014-01-01", "2021-11-14") + &rule("b", "2021-11-15", "2030-01-01");
        assert!(Rules::from_toml_str(&apart, "r.toml").is_ok());
        let overlap =
            rule("a", "2014-01-01", "2021-11-15") + &rule("b", "2021-11-15", "2030-01-01");
        let err = Rules::from_toml_str(&overlap, "r.toml").unwrap_err();
        assert!(err.to_string().contains("same conditions"), "{err}");
        let backwards = rule("a", "2021-01-01", "2020-01-01");
        let err = Rules::from_toml_str(&backwards, "r.toml").unwrap_err();
        assert!(err.to_string().contains("before `effective_from`"), "{err}");
    }

    fn resolve_days(
        rules: &Rules,
        kind: PetitionKind,
        round: Option<Round>,
        c: Complexity,
        remote: bool,
    ) -> u32 {
        let case = Case {
            kind,
            round,
            complexity: c,
            remote,
            several_places: false,
        };
        rules
            .find(DeadlineKind::Resolve, &case, today())
            .unwrap()
            .days
    }

    #[test]
    fn the_legal_default_parses() {
        let rules = Rules::legal_default();
        assert!(rules.deadline_rules().len() >= 15);
        assert_eq!(rules.urgency, Thresholds::default());
        assert!(rules.counting.roll_forward);
    }

    #[test]
    fn most_specific_rule_wins() {
        let rules = Rules::legal_default();
        let first = Some(Round::First);
        assert_eq!(resolve_days(&rules, Complaint, first, Normal, false), 30);
        assert_eq!(resolve_days(&rules, Complaint, first, Complex, false), 45);
        assert_eq!(resolve_days(&rules, Complaint, first, Normal, true), 45);
        assert_eq!(resolve_days(&rules, Complaint, first, Complex, true), 60);
    }

    #[test]
    fn very_complex_counts_as_complex_when_no_rule_names_it() {
        let rules = Rules::legal_default();
        let second = Some(Round::Second);
        assert_eq!(
            resolve_days(&rules, Complaint, second, VeryComplex, false),
            60
        );
        assert_eq!(
            resolve_days(&rules, Complaint, second, VeryComplex, true),
            70
        );
    }

    #[test]
    fn a_complaint_without_a_round_is_first_round() {
        let rules = Rules::legal_default();
        assert_eq!(resolve_days(&rules, Complaint, None, Normal, false), 30);
    }

    #[test]
    fn any_kind_rule_covers_every_kind() {
        let rules = Rules::legal_default();
        for kind in PetitionKind::ALL {
            let rule = rules
                .find(DeadlineKind::Process, &case(*kind), today())
                .unwrap();
            assert_eq!((rule.days, rule.unit), (10, DayUnit::Working));
        }
    }

    #[test]
    fn extensions_pick_the_highest_floor_reached() {
        let rules = Rules::legal_default();
        let day = today();
        assert_eq!(rules.max_extensions(Denunciation, Normal, day), 0);
        assert_eq!(rules.max_extensions(Denunciation, Complex, day), 1);
        assert_eq!(rules.max_extensions(Denunciation, VeryComplex, day), 2);
        assert_eq!(
            rules.extension_days(Denunciation, VeryComplex, day),
            Some(30)
        );
        assert_eq!(rules.max_extensions(Complaint, VeryComplex, day), 0);
        assert_eq!(rules.extension_days(Complaint, Complex, day), None);
    }

    #[test]
    fn equal_rules_are_refused() {
        let text = r#"
[[deadline]]
id = "a"
deadline = "process"
kind = "any"
days = 10
unit = "working"
from = "received"
basis = "x"

[[deadline]]
id = "b"
deadline = "process"
kind = "any"
days = 5
unit = "working"
from = "received"
basis = "y"
"#;
        let err = Rules::from_toml_str(text, "rules.toml").unwrap_err();
        let Error::Config { file, message } = err else {
            panic!("not a config error")
        };
        assert_eq!(file, "rules.toml");
        assert!(message.starts_with("line 11,"), "{message}");
        assert!(message.contains("same conditions"), "{message}");
    }

    #[test]
    fn round_on_a_denunciation_is_refused() {
        let text = r#"
[[deadline]]
id = "x"
deadline = "resolve"
kind = "denunciation"
round = "second"
days = 10
unit = "calendar"
from = "accepted"
basis = "x"
"#;
        let err = Rules::from_toml_str(text, "r.toml").unwrap_err();
        assert!(err.to_string().contains("complaints only"), "{err}");
    }

    #[test]
    fn unknown_kind_names_the_line() {
        let text = "[[deadline]]\nid = \"x\"\ndeadline = \"process\"\nkind = \"petition\"\ndays = 1\nunit = \"working\"\nfrom = \"received\"\nbasis = \"x\"\n";
        let err = Rules::from_toml_str(text, "r.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("line 4"), "{msg}");
        assert!(msg.contains("unknown kind `petition`"), "{msg}");
    }
}
