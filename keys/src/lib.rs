//! The terminal UI's vocabulary of actions ([`action::Action`], one `actions!` table that feeds
//! the keymap files, the help screen and the hint bar) and the keymaps that bind keys to them
//! (`keymaps/default.toml`, `keymaps/vim.toml`, or a file the configuration names).

pub mod action;
pub mod keymap;
