//! The user's configuration (`config.toml` in the platform config directory, or the directory
//! named by `TIEPDAN_CONFIG_DIR`): language, keymap, OS-user → role mapping, the reports' cut-off
//! day. Every field optional.

use crate::domain::Role;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "config.toml";

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub lang: Option<Lang>,
    /// `default`, `vim`, or a path to a keymap file.
    pub keymap: Option<String>,
    /// Single key overrides on top of the keymap: action name → key.
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
    /// OS (or SSH) user → role; users not listed are operators.
    #[serde(default)]
    pub roles: BTreeMap<String, Role>,
    /// Use 24-bit colour instead of the 16 named ANSI colours.
    #[serde(default)]
    pub truecolor: bool,
    #[serde(default)]
    pub report: ReportConfig,
    /// The agency keeping the records ("UBND xã Cẩm Bình"), printed at the top of official forms.
    pub agency: Option<String>,
    /// Whose reception days the dashboard checks against the legal minimum: commune (default),
    /// district, province or agency (`[[reception]]` in the rules).
    #[serde(default)]
    pub level: Option<crate::rules::ReceptionLevel>,
    #[serde(default)]
    pub sync: SyncConfig,
    /// Where the terminal UI saves exported lists, reports and receipts (default: the folder
    /// tiepdan was started in).
    pub export_dir: Option<PathBuf>,
}

/// `[sync]`: the province server this desk syncs with (`tiepdan sync`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    /// The server's URL, e.g. `https://tiepdan.tinh.gov.vn`.
    pub server: Option<String>,
    /// The desk's access token (from `tiepdan-server desk add`).
    pub token: Option<String>,
    /// A certificate (PEM) to trust for the server instead of the public roots.
    pub ca_cert: Option<PathBuf>,
}

/// `[report]`: how periodic reports count.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// The day of a period's last month its figures close on (1..=28; 0 = calendar months);
    /// the period starts the day after it in the month before. Default: the 14th.
    pub cutoff_day: Option<u32>,
}

/// Where configuration lives: `TIEPDAN_CONFIG_DIR`, else the platform config directory.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TIEPDAN_CONFIG_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("vn", "tiepdan", "tiepdan").map(|d| d.config_dir().to_path_buf())
}

impl Config {
    /// The level this desk serves (commune unless the config says otherwise).
    pub fn level(&self) -> crate::rules::ReceptionLevel {
        self.level.unwrap_or(crate::rules::ReceptionLevel::Commune)
    }

    pub fn parse(text: &str, file: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| Error::Config {
            file: file.to_string(),
            message: match e.span() {
                Some(span) => format!(
                    "line {}: {}",
                    text[..span.start].lines().count().max(1),
                    e.message()
                ),
                None => e.message().to_string(),
            },
        })?;
        if let Some(day) = config.report.cutoff_day.filter(|d| *d > 28) {
            return Err(Error::Config {
                file: file.to_string(),
                message: format!(
                    "report.cutoff_day = {day}: 0 (calendar months) or 1..28 (every month has it)"
                ),
            });
        }
        Ok(config)
    }

    /// The reports' cut-off day: the configured one, else the 14th.
    pub fn cutoff_day(&self) -> u32 {
        self.report
            .cutoff_day
            .unwrap_or(crate::report::DEFAULT_CUTOFF_DAY)
    }

    /// Reads `config.toml` from `dir`; a missing file means defaults.
    pub fn load(dir: Option<&Path>) -> Result<Config> {
        let Some(path) = dir.map(|d| d.join(CONFIG_FILE)).filter(|p| p.exists()) else {
            return Ok(Config::default());
        };
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        Config::parse(&text, &path.display().to_string())
    }

    pub fn role_of(&self, user: &str) -> Role {
        self.roles.get(user).copied().unwrap_or(Role::Operator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_roles_and_language() {
        let config = Config::parse(
            "lang = \"en\"\n[roles]\nthanhtra = \"inspector\"\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(config.lang, Some(Lang::En));
        assert_eq!(config.role_of("thanhtra"), Role::Inspector);
        assert_eq!(config.role_of("someone"), Role::Operator);
    }

    #[test]
    fn report_cutoff_day_defaults_to_the_14th_and_can_be_set() {
        assert_eq!(Config::default().cutoff_day(), 14);
        let config = Config::parse("[report]\ncutoff_day = 20\n", "c.toml").unwrap();
        assert_eq!(config.cutoff_day(), 20);
        let calendar = Config::parse("[report]\ncutoff_day = 0\n", "c.toml").unwrap();
        assert_eq!(calendar.cutoff_day(), crate::report::CALENDAR_MONTHS);
        let err = Config::parse("[report]\ncutoff_day = 31\n", "c.toml").unwrap_err();
        assert!(err.message(Lang::En).contains("cutoff_day"), "{err:?}");
        assert!(Config::parse("[report]\ncut_off = 2\n", "c.toml").is_err());
    }

    #[test]
    fn malformed_config_names_file_and_line() {
        let err = Config::parse("lang = \"en\"\nkeymap = [\n", "/etc/c.toml").unwrap_err();
        let message = err.message(Lang::En);
        assert!(
            message.contains("/etc/c.toml") && message.contains("line"),
            "{message}"
        );
        let err = Config::parse("colour = true\n", "c.toml").unwrap_err();
        assert!(err.message(Lang::Vi).contains("c.toml"));
    }
}
