//! The command line in the user's language: `--help` follows `--lang`/`TIEPDAN_LANG` (Vietnamese by
//! default) and every usage error — an unknown option, a bad option value — is a translated
//! message with exit code 2, never clap's English.

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Command};
use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::OnceLock;
use tiepdan::domain::labelled::Labelled;
use tiepdan::i18n::Lang;
use tiepdan::i18n_cli::{
    UsageError, UsageText, ValueRule, help_vi, usage_error, usage_text, value_rule,
};

/// The language chosen before the command line is parsed, for the value parsers' messages.
static LANG: OnceLock<Lang> = OnceLock::new();

pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// The language asked for: `--lang X` (or `--lang=X`), else `TIEPDAN_LANG`, else the
/// configuration's, else Vietnamese. An unknown code is the parser's to report.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut asked = None;
    let mut iter = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            asked = iter.next();
        } else if let Some(code) = arg.strip_prefix("--lang=") {
            asked = Some(code.to_string());
        }
    }
    asked
        .or_else(|| std::env::var("TIEPDAN_LANG").ok())
        .and_then(|code| Lang::parse(&code))
        .or_else(|| {
            tiepdan::config::Config::load(tiepdan::config::config_dir().as_deref())
                .ok()
                .and_then(|c| c.lang)
        })
        .unwrap_or_default()
}

/// `tiepdan [OPTIONS] help [COMMAND…]` is `tiepdan [OPTIONS] [COMMAND…] --help`.
fn help_subcommand(mut args: Vec<OsString>) -> Vec<OsString> {
    const FLAGS: &[&str] = &["--read-only"];
    let mut at = 1;
    while let Some(arg) = args.get(at).map(|a| a.to_string_lossy().into_owned()) {
        if !arg.starts_with('-') {
            if arg == "help" {
                args.remove(at);
                args.push("--help".into());
            }
            break;
        }
        // A global option: its value is the next word unless written `--opt=value`.
        at += if FLAGS.contains(&arg.as_str()) || arg.contains('=') {
            1
        } else {
            2
        };
    }
    args
}

/// Parses the command line into `T` in `lang`; on a usage error or `--help`, the exit code.
pub fn parse<T: clap::Parser>(args: Vec<OsString>, lang: Lang) -> Result<T, ExitCode> {
    let _ = LANG.set(lang);
    let mut command = localize(T::command(), lang);
    let result = command
        .try_get_matches_from_mut(help_subcommand(args))
        .and_then(|matches| T::from_arg_matches(&matches));
    result.map_err(|err| report(&err, lang))
}

/// The command tree with its help in `lang`.
pub fn localize(command: Command, lang: Lang) -> Command {
    let t = |text| usage_text(text, lang);
    localize_at(command, lang, "")
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t(UsageText::VersionFlag))
                .help_heading(t(UsageText::Options)),
        )
}

fn localize_at(mut command: Command, lang: Lang, path: &str) -> Command {
    let t = |text| usage_text(text, lang);
    command = command
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            t(UsageText::Usage)
        ))
        .subcommand_help_heading(t(UsageText::Commands));
    if lang == Lang::Vi
        && let Some(about) = help_vi(path)
    {
        command = command.about(about).long_about(None);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        command = command.mut_arg(id, |arg| {
            let arg = localize_arg(arg, lang, path);
            // The global options come after each command's own.
            if path.is_empty() {
                arg.display_order(900)
            } else {
                arg
            }
        });
    }
    command = command.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t(UsageText::HelpFlag))
            .help_heading(t(UsageText::Options)),
    );
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = key(path, &name);
        command = command.mut_subcommand(&name, |sub| localize_at(sub, lang, &sub_path));
    }
    command
}

fn key(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    }
}

/// The catalogue's key of an argument: `"petition advance --to"`, `"citizen merge <a>"`.
pub fn arg_key(path: &str, arg: &Arg) -> String {
    match arg.get_long() {
        Some(long) => key(path, &format!("--{long}")),
        None => key(path, &format!("<{}>", arg.get_id())),
    }
}

fn localize_arg(arg: Arg, lang: Lang, path: &str) -> Arg {
    let t = |text| usage_text(text, lang);
    let heading = if arg.is_positional() {
        UsageText::Arguments
    } else {
        UsageText::Options
    };
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .filter(|v| !v.is_empty())
        .collect();
    let mut help = match lang {
        Lang::Vi => help_vi(&arg_key(path, &arg))
            .unwrap_or_default()
            .to_string(),
        Lang::En => arg.get_help().map(|h| h.to_string()).unwrap_or_default(),
    };
    if !defaults.is_empty() {
        help.push_str(&format!(
            " [{} {}]",
            t(UsageText::Default),
            defaults.join(", ")
        ));
    }
    if let Some(env) = arg.get_env() {
        help.push_str(&format!(
            " [{} {}]",
            t(UsageText::Env),
            env.to_string_lossy()
        ));
    }
    let takes_value = arg.get_num_args().is_none_or(|n| n.takes_values())
        && !matches!(
            arg.get_action(),
            ArgAction::SetTrue | ArgAction::SetFalse | ArgAction::Count
        );
    let arg = arg
        .help(help)
        .long_help(None)
        .hide_env(true)
        .help_heading(t(heading));
    if takes_value {
        arg.hide_default_value(true)
    } else {
        arg
    }
}

/// Prints `--help`/`--version`, or a usage error in `lang`; the exit code to end with.
fn report(err: &clap::Error, lang: Lang) -> ExitCode {
    let context = |kind| err.get(kind).map(|v| v.to_string());
    let problem = match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = err.print();
            return ExitCode::from(2);
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => UsageError::BadValue {
            option: context(ContextKind::InvalidArg).unwrap_or_default(),
            value: context(ContextKind::InvalidValue).unwrap_or_default(),
            why: std::error::Error::source(err)
                .map(|e| e.to_string())
                .or_else(|| match err.get(ContextKind::ValidValue) {
                    Some(clap::error::ContextValue::Strings(values)) => {
                        Some(value_rule(&ValueRule::OneOf(values.clone()), lang))
                    }
                    _ => None,
                }),
        },
        ErrorKind::UnknownArgument => UsageError::UnknownOption {
            option: context(ContextKind::InvalidArg).unwrap_or_default(),
            suggestion: context(ContextKind::SuggestedArg),
        },
        ErrorKind::InvalidSubcommand => UsageError::UnknownCommand {
            command: context(ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggestion: context(ContextKind::SuggestedSubcommand),
        },
        ErrorKind::MissingRequiredArgument => UsageError::Missing {
            what: match err.get(ContextKind::InvalidArg) {
                Some(clap::error::ContextValue::Strings(v)) => v.clone(),
                Some(other) => vec![other.to_string()],
                None => Vec::new(),
            },
        },
        ErrorKind::ArgumentConflict => UsageError::Conflict {
            option: context(ContextKind::InvalidArg).unwrap_or_default(),
            with: context(ContextKind::PriorArg).unwrap_or_default(),
        },
        _ => UsageError::Malformed {
            option: context(ContextKind::InvalidArg).unwrap_or_default(),
        },
    };
    eprintln!("tiepdan: {}", usage_error(&problem, lang));
    if let Some(usage) = context(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        eprintln!("\n{} {usage}", t_usage(lang));
    }
    eprintln!("{} --help", usage_text(UsageText::SeeHelp, lang));
    ExitCode::from(2)
}

fn t_usage(lang: Lang) -> &'static str {
    usage_text(UsageText::Usage, lang)
}

/// A whole number option within `min..=max` (a usage error naming the range otherwise).
pub fn number<T>(
    min: u64,
    max: u64,
) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static
where
    T: TryFrom<u64> + Clone + Send + Sync + 'static,
{
    move |raw: &str| {
        raw.trim()
            .parse::<u64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(|| value_rule(&ValueRule::WholeNumber { min, max }, lang()))
    }
}

/// One of a labelled enum's values, by code or label.
pub fn labelled<T: Labelled>(raw: &str) -> Result<T, String> {
    T::parse(raw).ok_or_else(|| {
        value_rule(
            &ValueRule::OneOf(T::all().iter().map(|v| v.code().to_string()).collect()),
            lang(),
        )
    })
}

/// A language code: vi or en.
pub fn lang_code(raw: &str) -> Result<String, String> {
    match Lang::parse(raw) {
        Some(_) => Ok(raw.to_string()),
        None => Err(value_rule(
            &ValueRule::OneOf(vec!["vi".into(), "en".into()]),
            lang(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn walk(command: &Command, path: &str, missing: &mut Vec<String>) {
        if help_vi(path).is_none() {
            missing.push(format!("{path:?} (command)"));
        }
        if command.get_about().is_none() {
            missing.push(format!("{path:?} (command, English)"));
        }
        for arg in command.get_arguments() {
            if matches!(arg.get_id().as_str(), "help" | "version") {
                continue;
            }
            let key = arg_key(path, arg);
            if help_vi(&key).is_none() {
                missing.push(key.clone());
            }
            if arg.get_help().is_none() {
                missing.push(format!("{key} (English)"));
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, &key(path, sub.get_name()), missing);
        }
    }

    /// Every command and option has its help in both languages: a new option without its
    /// Vietnamese line (or its English doc comment) fails here.
    #[test]
    fn every_command_and_option_has_help_in_both_languages() {
        let mut missing = Vec::new();
        walk(&super::super::Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no help for: {missing:#?}");
    }
}
