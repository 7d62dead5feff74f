//! The user's configuration (`config.toml` in the platform config directory, or the directory
//! named by `TIEPDAN_CONFIG_DIR`): language, keymap, OS-user → role mapping. Every field optional.

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
}

/// Where configuration lives: `TIEPDAN_CONFIG_DIR`, else the platform config directory.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TIEPDAN_CONFIG_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("vn", "tiepdan", "tiepdan").map(|d| d.config_dir().to_path_buf())
}

impl Config {
    pub fn parse(text: &str, file: &str) -> Result<Config> {
        toml::from_str(text).map_err(|e| Error::Config {
            file: file.to_string(),
            message: match e.span() {
                Some(span) => format!(
                    "line {}: {}",
                    text[..span.start].lines().count().max(1),
                    e.message()
                ),
                None => e.message().to_string(),
            },
        })
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
