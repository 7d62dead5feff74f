//! Keymaps: `keymaps/default.toml` and `keymaps/vim.toml` (embedded, so the binary needs no files)
//! or a file the configuration names, plus single-key overrides from `config.toml`'s `[keys]`.
//!
//! A file maps action names (the [`Action`] variants) to one key or a list of keys. Mistakes are
//! reported with the file and the line, because a desk officer's IT helper edits these by hand.

use crate::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};
use tiepdan_core::{Error, Result};

pub const DEFAULT: &str = include_str!("../../keymaps/default.toml");
pub const VIM: &str = include_str!("../../keymaps/vim.toml");

/// One key with its modifiers, normalised so a binding and a key press compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            // The character already says whether Shift was held.
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// Parses `Ctrl-S`, `F2`, `Shift-Tab`, `PageDown`, `/`, `q`, `Space` (case-insensitive names).
    pub fn parse(raw: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = raw.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl", "control", "alt", "shift"].into_iter().find(|p| {
                lower.strip_prefix(p).is_some_and(|after| {
                    (after.starts_with('-') || after.starts_with('+')) && after.len() > 1
                })
            });
            let Some(prefix) = prefix else { break };
            mods |= match prefix {
                "alt" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => KeyModifiers::CONTROL,
            };
            rest = &rest[prefix.len() + 1..];
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "space" => KeyCode::Char(' '),
            lower => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => {
                        let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
                        if !(1..=12).contains(&n) {
                            return None;
                        }
                        KeyCode::F(n)
                    }
                }
            }
        };
        Some(Key::new(code, mods))
    }

    /// The name people read in hints and help: `Ctrl-S`, `F2`, `Shift-Tab`.
    pub fn display(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        match self.code {
            KeyCode::Char(' ') => out.push_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                out.push(c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => out.push(c),
            KeyCode::F(n) => out.push_str(&format!("F{n}")),
            KeyCode::BackTab => out.push_str("Shift-Tab"),
            KeyCode::PageUp => out.push_str("PgUp"),
            KeyCode::PageDown => out.push_str("PgDn"),
            KeyCode::Up => out.push('↑'),
            KeyCode::Down => out.push('↓'),
            KeyCode::Left => out.push('←'),
            KeyCode::Right => out.push('→'),
            other => out.push_str(&format!("{other:?}")),
        }
        out
    }

    /// A plain printable character: in a text field it is typed, not looked up in the keymap.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    /// Action → its keys, in the file's order (the first is the one hints show).
    bindings: Vec<(Action, Vec<Key>)>,
    lookup: HashMap<Key, Action>,
}

/// "line N" of a byte offset, counted from one.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

fn config_error(file: &str, line: usize, message: String) -> Error {
    Error::Config {
        file: file.to_string(),
        message: format!("line {line}: {message}"),
    }
}

impl Keymap {
    /// Parses a keymap file's text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Keymap> {
        type Raw = BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>;
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            config_error(file, line, e.message().trim().to_string())
        })?;
        let mut entries: Vec<_> = raw.into_iter().collect();
        entries.sort_by_key(|(name, _)| name.span().start);
        let mut keymap = Keymap {
            bindings: Vec::new(),
            lookup: HashMap::new(),
        };
        for (name, value) in entries {
            let line = line_of(text, name.span().start);
            let action = Action::from_name(name.get_ref()).ok_or_else(|| {
                config_error(
                    file,
                    line,
                    format!(
                        "unknown action `{}` (known: {})",
                        name.get_ref(),
                        known_actions()
                    ),
                )
            })?;
            let names: Vec<&str> = match value.get_ref() {
                toml::Value::String(key) => vec![key.as_str()],
                toml::Value::Array(list) => list
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .ok_or_else(|| config_error(file, line, "keys must be strings".into()))
                    })
                    .collect::<Result<_>>()?,
                _ => {
                    return Err(config_error(
                        file,
                        line,
                        "expected a key or a list of keys".into(),
                    ));
                }
            };
            let mut keys = Vec::new();
            for key_name in names {
                let key = Key::parse(key_name).ok_or_else(|| {
                    config_error(
                        file,
                        line,
                        format!("unknown key name `{key_name}` for {}", name.get_ref()),
                    )
                })?;
                if let Some(other) = keymap.lookup.insert(key, action.clone()) {
                    return Err(config_error(
                        file,
                        line,
                        format!(
                            "key `{key_name}` is already bound to {}",
                            other.name().unwrap_or("?")
                        ),
                    ));
                }
                keys.push(key);
            }
            keymap.bindings.push((action, keys));
        }
        Ok(keymap)
    }

    /// The keymap the configuration picks (`default`, `vim`, or a path), with its `[keys]` overrides.
    /// The keymap `choice` names (`default`, `vim` or a file; `None` = default) with the
    /// single-key `overrides` of `config_file`'s `[keys]` (action name → key name) on top.
    pub fn load(
        choice: Option<&str>,
        overrides: &BTreeMap<String, String>,
        config_file: &str,
    ) -> Result<Keymap> {
        let mut keymap = match choice.unwrap_or("default") {
            "default" => Keymap::parse(DEFAULT, "keymaps/default.toml")?,
            "vim" => Keymap::parse(VIM, "keymaps/vim.toml")?,
            path => {
                let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
                Keymap::parse(&text, path)?
            }
        };
        for (name, key_name) in overrides {
            let bad = |message: String| Error::Config {
                file: config_file.to_string(),
                message,
            };
            let action = Action::from_name(name).ok_or_else(|| {
                bad(format!(
                    "[keys]: unknown action `{name}` (known: {})",
                    known_actions()
                ))
            })?;
            let key = Key::parse(key_name)
                .ok_or_else(|| bad(format!("[keys] {name}: unknown key name `{key_name}`")))?;
            keymap.rebind(action, key);
        }
        Ok(keymap)
    }

    /// Makes `key` the only key of `action`, taking it away from any other action.
    pub fn rebind(&mut self, action: Action, key: Key) {
        for (bound, keys) in &mut self.bindings {
            keys.retain(|k| *k != key);
            if *bound == action {
                keys.clear();
            }
        }
        match self.bindings.iter_mut().find(|(a, _)| *a == action) {
            Some((_, keys)) => keys.push(key),
            None => self.bindings.push((action.clone(), vec![key])),
        }
        self.lookup.retain(|_, a| *a != action);
        self.lookup.insert(key, action);
    }

    pub fn action_for(&self, key: &Key) -> Option<&Action> {
        self.lookup.get(key)
    }

    pub fn keys_for(&self, action: &Action) -> &[Key] {
        self.bindings
            .iter()
            .find(|(a, _)| a == action)
            .map_or(&[], |(_, keys)| keys.as_slice())
    }

    /// Every binding in help order.
    pub fn bindings(&self) -> impl Iterator<Item = (&Action, &[Key])> {
        Action::BINDABLE.iter().filter_map(|a| {
            let keys = self.keys_for(a);
            (!keys.is_empty()).then_some((a, keys))
        })
    }
}

fn known_actions() -> String {
    Action::BINDABLE
        .iter()
        .filter_map(Action::name)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiepdan_core::i18n::Lang;

    #[test]
    fn shipped_keymaps_parse_and_bind_every_action() {
        for (text, file) in [(DEFAULT, "default.toml"), (VIM, "vim.toml")] {
            let keymap = Keymap::parse(text, file).unwrap();
            for action in Action::BINDABLE {
                assert!(
                    !keymap.keys_for(action).is_empty(),
                    "{file}: {action:?} unbound"
                );
            }
        }
    }

    #[test]
    fn key_names_parse_and_display() {
        let ctrl_s = Key::parse("Ctrl-S").unwrap();
        assert_eq!(ctrl_s, Key::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        assert_eq!(ctrl_s.display(), "Ctrl-S");
        assert_eq!(Key::parse("shift+tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(Key::parse("F2").unwrap().code, KeyCode::F(2));
        assert_eq!(Key::parse("/").unwrap().code, KeyCode::Char('/'));
        assert_eq!(Key::parse("-").unwrap().code, KeyCode::Char('-'));
        assert_eq!(
            Key::parse("Ctrl--").unwrap(),
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert_eq!(Key::parse("Space").unwrap().code, KeyCode::Char(' '));
        assert!(
            Key::parse("F13").is_none()
                && Key::parse("Hyper-x").is_none()
                && Key::parse("").is_none()
        );
        // An uppercase letter typed with Shift equals the binding `N`.
        let typed = Key::new(KeyCode::Char('N'), KeyModifiers::SHIFT);
        assert_eq!(Some(typed), Key::parse("N"));
    }

    #[test]
    fn unknown_action_names_the_file_and_line() {
        let text = "Quit = \"q\"\n\n# comment\nTeleport = [\"t\"]\n";
        let err = Keymap::parse(text, "/etc/tiepdan/mine.toml").unwrap_err();
        let message = err.message(Lang::En);
        assert!(message.contains("/etc/tiepdan/mine.toml"), "{message}");
        assert!(
            message.contains("line 4") && message.contains("Teleport"),
            "{message}"
        );
    }

    #[test]
    fn unknown_key_names_the_file_and_line() {
        let text = "Quit = \"q\"\nHelp = [\"?\", \"Ctrl-Banana\"]\n";
        let message = Keymap::parse(text, "k.toml").unwrap_err().message(Lang::Vi);
        assert!(
            message.contains("k.toml") && message.contains("line 2"),
            "{message}"
        );
        assert!(message.contains("Ctrl-Banana"), "{message}");
    }

    #[test]
    fn duplicate_and_malformed_bindings_are_errors_with_lines() {
        let dup = Keymap::parse("Quit = \"q\"\nHelp = \"q\"\n", "d.toml")
            .unwrap_err()
            .message(Lang::En);
        assert!(dup.contains("line 2") && dup.contains("Quit"), "{dup}");
        let bad = Keymap::parse("Quit = \"q\"\nHelp = [\n", "b.toml")
            .unwrap_err()
            .message(Lang::En);
        assert!(bad.contains("b.toml") && bad.contains("line"), "{bad}");
        let number = Keymap::parse("Quit = 3\n", "n.toml")
            .unwrap_err()
            .message(Lang::En);
        assert!(number.contains("line 1"), "{number}");
    }

    #[test]
    fn config_overrides_single_bindings() {
        let mut keys = BTreeMap::new();
        keys.insert("Save".to_string(), "F10".to_string());
        keys.insert("Help".to_string(), "q".to_string());
        let keymap = Keymap::load(None, &keys, "config.toml").unwrap();
        assert_eq!(
            keymap.keys_for(&Action::Save),
            &[Key::parse("F10").unwrap()]
        );
        assert_eq!(
            keymap.action_for(&Key::parse("q").unwrap()),
            Some(&Action::Help)
        );
        assert!(
            !keymap
                .keys_for(&Action::Quit)
                .contains(&Key::parse("q").unwrap())
        );
        keys.insert("Fly".to_string(), "x".to_string());
        let message = Keymap::load(None, &keys, "/home/a/config.toml")
            .unwrap_err()
            .message(Lang::En);
        assert!(
            message.contains("/home/a/config.toml") && message.contains("Fly"),
            "{message}"
        );
    }

    #[test]
    fn config_picks_vim() {
        let keymap = Keymap::load(Some("vim"), &BTreeMap::new(), "c").unwrap();
        assert_eq!(
            keymap.action_for(&Key::parse("j").unwrap()),
            Some(&Action::Down)
        );
    }
}
