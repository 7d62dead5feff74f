//! The reception-desk terminal UI (Elm-shaped): `terminal` reads keys, `keymap` turns them into an
//! [`action::Action`], `app::App::update` applies it through the core, and `view` draws the state.
//! It runs when `tiepdan` is started without a subcommand.

mod app;
mod board;
mod citizen;
mod commands;
// The actions and keymaps live in their own crate (the fuzz target links it too).
use tiepdan_keys::{action, keymap};
mod dashboard;
mod desk;
mod export;
mod field;
mod input;
mod job;
mod lean;
mod petition;
mod pick;
mod repeats;
mod report;
mod search;
mod step_prompt;
mod terminal;
mod theme;
mod view;
mod visit_form;

#[cfg(test)]
pub(crate) mod board_tests;
#[cfg(test)]
mod snapshot_tests;
#[cfg(test)]
mod test_support;

use action::Action;
use app::{App, StatusLine};
use crossterm::event::{self, Event, KeyEventKind};
use keymap::{Key, Keymap};
use std::process::ExitCode;
use std::time::Duration;
use theme::Theme;
use tiepdan::config::{CONFIG_FILE, config_dir};
use tiepdan::{Error, Result};

/// How often the loop looks for other operators' writes and for signals when no key arrives.
const TICK: Duration = Duration::from_millis(250);
/// How often the loop looks for a background answer (a search, the hotspots) on its way.
const ANSWER_POLL: Duration = Duration::from_millis(15);

pub fn run(globals: &tiepdan::session::SessionOptions) -> Result<ExitCode> {
    let config_file = config_dir().map_or_else(
        || CONFIG_FILE.to_string(),
        |d| d.join(CONFIG_FILE).display().to_string(),
    );
    let keymap = Keymap::load(
        globals.config.keymap.as_deref(),
        &globals.config.keys,
        &config_file,
    )?;
    let ctx = globals.open()?;
    let status_line = StatusLine {
        db_label: globals.db_path()?.display().to_string(),
        user: ctx.store.actor().to_string(),
    };
    let mut app = App::new(
        ctx,
        keymap,
        Theme::from_env(globals.config.truecolor),
        status_line,
    )?;
    let mut tui = terminal::Tui::init().map_err(|e| Error::io("terminal", e))?;
    let result = event_loop(&mut tui, &mut app);
    drop(tui);
    result.map_err(|e| Error::io("terminal", e))?;
    Ok(ExitCode::SUCCESS)
}

fn event_loop(tui: &mut terminal::Tui, app: &mut App) -> std::io::Result<()> {
    let mut dirty = true;
    loop {
        if dirty {
            tui.draw(|frame| view::draw(frame, app))?;
            dirty = false;
        }
        if app.quit || tui.stopped() {
            return Ok(());
        }
        // While work is out in the background, look for its answer often.
        let wait = if app.work_pending() {
            ANSWER_POLL
        } else {
            TICK
        };
        if !event::poll(wait)? {
            dirty = app.tick();
            continue;
        }
        // Handle the whole burst of pending input, then settle and draw once.
        loop {
            for input in inputs(app, event::read()?) {
                // Keys are resolved one at a time: the first may change what the next means.
                let action = match input {
                    Input::Key(key) => app.action_for_key(key),
                    Input::Ready(action) => Some(action),
                };
                let Some(action) = action else { continue };
                if let Some(note) = app.busy_note(&action) {
                    app.message = Some(note);
                    tui.draw(|frame| view::draw(frame, app))?;
                }
                app.update(action);
                dirty = true;
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        app.settle();
    }
}

enum Input {
    Key(Key),
    Ready(Action),
}

fn inputs(app: &App, event: Event) -> Vec<Input> {
    match event {
        // Windows reports releases too; only presses are keys typed.
        Event::Key(event) if event.kind == KeyEventKind::Press => {
            let key = Key::from_event(&event);
            let alt = crossterm::event::KeyModifiers::ALT;
            if key.mods.contains(alt) && app.keymap.action_for(&key).is_none() {
                // Esc typed quickly before a key reaches us as Alt+key: honour both.
                return vec![
                    Input::Ready(Action::Back),
                    Input::Key(Key::new(key.code, key.mods - alt)),
                ];
            }
            vec![Input::Key(key)]
        }
        Event::Paste(text) if app.typing() => vec![Input::Ready(Action::Paste(text))],
        Event::Resize(..) => vec![Input::Ready(Action::Resize)],
        _ => Vec::new(),
    }
}
