//! One working session: the store opened as the user's role, "today", the language, the
//! configuration and (inside the store) the rules in force. The command line and the terminal UI
//! both build a [`Session`] through [`SessionOptions::open`]; neither shell knows the other.

use crate::config::{Config, config_dir};
use crate::domain::Role;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::intake::{Intake, IntakeForm};
use crate::policy::Policy;
use crate::store::{Store, default_actor, default_path};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::PathBuf;

/// What every command and every screen works with.
pub struct Session {
    pub store: Store,
    pub lang: Lang,
    pub today: NaiveDate,
    pub role: Role,
    pub config: Config,
}

impl Session {
    /// A session over an already open store, with the default configuration (tests, tools).
    pub fn over(store: Store, lang: Lang, today: NaiveDate, role: Role) -> Session {
        Session {
            store,
            lang,
            today,
            role,
            config: Config::default(),
        }
    }

    /// The periodic reports' cut-off day (config `[report] cutoff_day`).
    pub fn cutoff_day(&self) -> u32 {
        self.config.cutoff_day()
    }

    /// The rules and calendar in force.
    pub fn policy(&self) -> &Policy {
        self.store.policy()
    }

    /// The whole history of the person(s) `key` (a petition code, a CCCD/CMND or a phone) names,
    /// as this role may see it: what `tiepdan citizen show` prints and the TUI's citizen page
    /// shows. Without `reveal` no denouncer's identity and no denunciation is in it; a key only a
    /// denouncer gave says so to a role that may reveal (and to another role is unknown).
    pub fn citizen_history(&mut self, key: &str, reveal: bool) -> Result<CitizenHistory> {
        let persons = self.store.persons_for(key, reveal)?;
        if persons.is_empty()
            && !reveal
            && self.role.may_reveal_identity()
            && !self.store.persons_for(key, true)?.is_empty()
        {
            return Ok(CitizenHistory::OnlyDenouncer);
        }
        if persons.is_empty() {
            return Err(Error::NotFound {
                what: crate::i18n::CITIZEN_WHAT,
                key: key.to_string(),
            });
        }
        let mut views = Vec::with_capacity(persons.len());
        for person in persons {
            views.push(if reveal {
                self.store.person_revealed(person)?
            } else {
                self.store.person(person)?
            });
        }
        Ok(CitizenHistory::Persons(views))
    }
}

impl Session {
    /// A citizen back about petition `code`: the form as typed, with the petition's kind, subject
    /// and field standing in for blank ones (see [`IntakeForm::for_existing`]), and the petition
    /// itself (its status tells the officer whether it is still open).
    pub fn return_visit_form(
        &self,
        code: &str,
        form: IntakeForm,
    ) -> Result<(IntakeForm, crate::domain::Petition)> {
        let existing = self.store.petition(code)?;
        Ok((form.for_existing(&existing), existing))
    }

    /// Records a validated return visit on petition `code` in one transaction: the visit keeps its
    /// own row (reports count the lượt tiếp) and the petition's timeline gets the return-visit
    /// note. No new petition is made. Both shells (the TUI's Ctrl-T, `visit add --on`) call this.
    pub fn record_return_visit(
        &mut self,
        code: &str,
        intake: &Intake,
        now: NaiveDateTime,
    ) -> Result<crate::domain::Petition> {
        let note = crate::intake::return_visit_note(intake, now);
        self.store.attach_visit(code, intake, &note, self.today)
    }
}

/// What [`Session::citizen_history`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum CitizenHistory {
    /// One view per person the key names (a shared phone may name several).
    Persons(Vec<crate::store::PersonView>),
    /// Only a denouncer gave the key: protected unless revealed.
    OnlyDenouncer,
}

/// How to open a session: what the user asked for on the command line, over the configuration.
#[derive(Clone)]
pub struct SessionOptions {
    /// The database file; `None` = the platform data directory's.
    pub db: Option<PathBuf>,
    /// The acting officer named in the audit log; `None` = the OS user.
    pub actor: Option<String>,
    pub today: NaiveDate,
    pub lang: Lang,
    pub read_only: bool,
    pub config: Config,
    /// Opens a desk key locked by a passphrase (`tiepdan key init --passphrase`); the shells
    /// fill it from `TIEPDAN_PASSPHRASE` or by asking on the terminal.
    pub passphrase: Option<String>,
}

impl SessionOptions {
    /// Reads the configuration; `lang` (a code such as `vi`) overrides its language, `today` the
    /// clock. No passphrase yet (see [`SessionOptions::key_needs_passphrase`]).
    pub fn load(
        db: Option<PathBuf>,
        actor: Option<String>,
        today: Option<NaiveDate>,
        lang: Option<&str>,
        read_only: bool,
    ) -> Result<SessionOptions> {
        let config = Config::load(config_dir().as_deref())?;
        let lang = match lang {
            Some(code) => Lang::parse(code).ok_or_else(|| Error::UnknownValue {
                what: "--lang",
                value: code.to_string(),
                allowed: "vi, en".into(),
            })?,
            None => config.lang.unwrap_or_default(),
        };
        Ok(SessionOptions {
            db,
            actor,
            today: today.unwrap_or_else(|| chrono::Local::now().date_naive()),
            lang,
            read_only,
            config,
            passphrase: None,
        })
    }

    /// Whether opening a session will need the passphrase of a locked desk key: a role that
    /// may see denouncers, with `desk.key.locked` in the configuration directory.
    pub fn key_needs_passphrase(&self) -> bool {
        self.role().may_reveal_identity()
            && config_dir().is_some_and(|dir| {
                crate::secrecy::DeskKey::form_in(&dir) == crate::secrecy::KeyForm::Passphrase
            })
    }

    /// The database file, creating the platform data directory when it is the default.
    pub fn db_path(&self) -> Result<PathBuf> {
        let path = self.db_file()?;
        if self.db.is_none()
            && let Some(dir) = path.parent()
        {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        Ok(path)
    }

    /// The database file named or defaulted, creating nothing.
    fn db_file(&self) -> Result<PathBuf> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => default_path().ok_or_else(|| Error::NotFound {
                what: "data directory",
                key: "HOME".into(),
            }),
        }
    }

    pub fn actor(&self) -> String {
        self.actor.clone().unwrap_or_else(default_actor)
    }

    /// `--read-only` makes anyone an inspector; otherwise the real user's account decides.
    pub fn role(&self) -> Role {
        if self.read_only {
            return Role::Inspector;
        }
        self.config.role_of(&default_actor())
    }

    /// The rules in force (the config directory's files, else the legal defaults), without
    /// opening any database.
    pub fn policy(&self) -> Result<Policy> {
        Policy::load(config_dir().as_deref())
    }

    /// A session on a database that must already exist: reading commands, and steps on records
    /// that would be in it. A missing file is said plainly and nothing is created (a mistyped
    /// `--db` must not look like an empty desk with no earlier filing).
    pub fn open_existing(&self) -> Result<Session> {
        let path = self.db_file()?;
        if std::fs::symlink_metadata(&path).is_err() {
            return Err(Error::NoDatabase {
                path: path.display().to_string(),
            });
        }
        self.open()
    }

    /// A session on the database, creating it (and the default data directory) when missing:
    /// the terminal UI's first run, `demo` and commands that write new records.
    pub fn open(&self) -> Result<Session> {
        let policy = Policy::load(config_dir().as_deref())?;
        let role = self.role();
        let mut store = Store::open_as(&self.db_path()?, role, policy)?;
        store.set_actor(self.actor());
        // The desk key (made on first use) lets the desk find earlier denunciations by their
        // denouncer; without it the desk works on, and says why it cannot.
        if let Some(dir) = config_dir()
            && let Err(e) = store.unlock_with(&dir, self.passphrase.as_deref())
        {
            eprintln!(
                "{}: {}",
                crate::i18n::desk_key_unusable(self.lang),
                crate::i18n::error_message(&e, self.lang)
            );
        }
        Ok(Session {
            store,
            lang: self.lang,
            today: self.today,
            role,
            config: self.config.clone(),
        })
    }
}
