//! One error type for the core. Every variant has a Vietnamese and an English message
//! (see `i18n::error_message`), so the shells never show a raw internal error to a desk officer.

use crate::domain::{EventKind, InputField, PetitionKind, Role, Status};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What is wrong with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    /// Not one of the listed choices (codes or labels).
    NotOneOf {
        choices: Vec<&'static str>,
    },
    TooLong {
        max: usize,
    },
    IdNumberDigits,
    IdNumberProvince {
        code: String,
    },
    PhoneInvalid,
    DateInvalid,
    DateInFuture,
    DateBeforeReceipt,
    DateBeforePreviousStep,
    HeadcountZero,
    /// Fewer people than the visit names.
    HeadcountBelowListed {
        listed: u32,
    },
    /// More people than one visit can hold (a typo, or a number meant for another column).
    HeadcountTooMany {
        max: u32,
    },
    /// A count written as a fraction, with an exponent or with other characters.
    NotWholeNumber,
    RepresentativesTooMany {
        max: u32,
    },
    BirthYear,
    /// Linking these petitions as repeats would make a loop.
    RepeatLoop,
    /// Control characters (escape sequences, line breaks) in a one-line field.
    ControlCharacters,
    /// A date before the desks kept records (1945) or after tomorrow.
    DateOutOfRange,
    /// A petition cannot repeat itself.
    RepeatOfItself,
    /// The petition it would repeat was received after it.
    RepeatOfLater,
    /// A code, CCCD or phone naming more than one person where one is needed.
    Ambiguous,
    /// Merging a person with themself.
    SamePerson,
    /// Petitions of more than one person given to split off together.
    NotOnePerson,
    /// A split that would leave the person with no record.
    NothingLeft,
    /// A correction that changes nothing.
    NothingChanged,
    /// A filer's correction on a petition with no filer or several.
    NotOneFiler,
    /// A date that must be on or before the petition's receipt ("ngày biết quyết định").
    DateAfterReceipt,
    /// A field that applies to complaints only (the time limit to complain).
    ComplaintOnly,
    /// The leader is on the schedule for that day already.
    AlreadyScheduled,
}

/// Why a lifecycle step was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotFromStatus,
    NeverAccepted,
    NotOurCompetence,
    KindCannotExtend(PetitionKind),
    ExtensionsUsed {
        max: u32,
    },
    /// Only a complex case may be extended (Luật Tố cáo 2018, Điều 30).
    ExtensionNeedsComplexity,
    /// Each extension adds at most this many days (Luật Tố cáo 2018, Điều 30).
    ExtensionTooLong {
        max_days: u32,
    },
    KindCannotSuspend(PetitionKind),
    /// The rules allow suspending this kind only from `from` (e.g. complaints: Luật số
    /// 136/2025/QH15, in force 1/7/2026).
    SuspensionNotInForce {
        kind: PetitionKind,
        from: chrono::NaiveDate,
    },
    AnonymousDenunciation,
    /// "Xử lý thông tin" is the path of an anonymous denunciation only (Luật Tố cáo 2018, Điều 25).
    InfoOnlyAnonymous,
    /// "Xác minh nhiều địa điểm" sets the longer thụ lý period of a denunciation (Điều 24) only.
    SeveralPlacesDenunciationOnly,
    /// Nothing is waiting to be notified (no thụ lý to tell a denouncer of, no suspension decision
    /// to send).
    NothingToNotify,
    DecisionRequired,
    AgencyRequired,
    AlreadyReceived,
}

/// Why a file was not written where asked (see [`crate::files::Guard`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputRefusal {
    /// The path is, or leads to, the database, one of its companion files, or an input in use.
    InUse,
    /// A file is already there and replacing it was not asked for (`--force`).
    Exists,
    /// The path is a folder.
    Folder,
}

/// What a role may be refused (see [`crate::domain::Role::may_write`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deed {
    Write,
    RevealIdentity,
    /// A copy of the whole database (it carries everything, sealed or not): the desk's, not an
    /// inspector's.
    Backup,
    /// Make, rotate or export the desk key.
    ManageKey,
}

/// What went wrong between a desk and the province server, or inside the server (issue 16).
/// Each names what a person can act on; no library's own text reaches them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Province {
    /// Neither `--pg` nor `TIEPDAN_PG` names the province database.
    NoDatabase,
    /// PostgreSQL could not be reached at `at` (the address without its password).
    DatabaseUnreachable {
        at: String,
    },
    /// PostgreSQL answered with an error; `code` is its SQLSTATE.
    DatabaseFailed {
        code: String,
    },
    /// `migrate` has not been run on this database.
    NotMigrated,
    /// A desk name that is empty, too long or has control characters.
    BadDeskName,
    DeskExists {
        name: String,
    },
    NoSuchDesk {
        name: String,
    },
    /// `serve` without TLS on an address other than loopback.
    PlainHttpOffLoopback {
        addr: String,
    },
    /// Only one of `--tls-cert` / `--tls-key`.
    TlsHalf,
    /// The certificate or key file cannot be used.
    TlsFiles {
        path: String,
    },
    /// The listen address cannot be bound or parsed.
    CannotListen {
        addr: String,
    },
    /// The desk was given no server (`--server` or `[sync] server`).
    NoServer,
    /// The desk was given no token (`--token` or `[sync] token`).
    NoToken,
    /// The server cannot be reached (network, address, refused connection).
    Unreachable {
        server: String,
    },
    /// TLS could not be set up with the server (certificate not trusted, wrong name).
    TlsFailed {
        server: String,
    },
    /// The server does not know the token, or it was revoked.
    WrongToken,
    /// A read-only (inspector) token tried to push records.
    ReadOnlyToken,
    /// `sync --replica` with a desk's read-write token.
    ReplicaNeedsReadOnly,
    /// `sync --replica` into a database that holds a desk's own records.
    ReplicaNotEmpty,
    /// A desk's own sync into a replica.
    IsReplica,
    /// The desk and the server speak different protocol versions.
    VersionSkew {
        desk: String,
        server: String,
    },
    /// The server refused a record (`code`: the petition; `why`: already translated).
    RecordRefused {
        code: String,
        why: String,
    },
    /// The server answered something the desk cannot read, or an HTTP error status.
    ServerFailed {
        status: u16,
    },
}

/// What is wrong with the passphrase that locks the desk key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassphraseProblem {
    /// The key is locked and no passphrase was given (no terminal to ask on, no
    /// `TIEPDAN_PASSPHRASE`).
    Needed,
    /// The passphrase does not open the locked key.
    Wrong,
    /// A new passphrase shorter than `min` characters.
    TooShort { min: usize },
    /// The new passphrase typed twice differently.
    Mismatch,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{field:?}: {problem:?}")]
    Invalid { field: InputField, problem: Problem },
    #[error("unknown {what} `{value}` (allowed: {allowed})")]
    UnknownValue {
        what: &'static str,
        value: String,
        allowed: String,
    },
    #[error("{step} is not allowed from {status}: {why:?}")]
    IllegalStep {
        status: Status,
        step: EventKind,
        why: Refusal,
    },
    #[error("{what} `{key}` not found")]
    NotFound { what: &'static str, key: String },
    #[error("the database is open read-only")]
    ReadOnly,
    /// A reading command named a database file that does not exist: nothing was created.
    #[error("no database at {path}")]
    NoDatabase { path: String },
    /// Demo data goes only into an empty database; this one holds `petitions` petitions.
    #[error("the database already holds {petitions} petitions")]
    DemoNeedsEmpty { petitions: u64 },
    /// A receipt for a petition voided as entered by mistake: there is nothing to hand out.
    #[error("petition {code} is voided: no receipt")]
    ReceiptOfVoided { code: String },
    #[error("role {role} may not {deed:?}")]
    Forbidden { role: Role, deed: Deed },
    #[error("database schema version {found} is newer than this program ({supported})")]
    DatabaseTooNew { found: i64, supported: i64 },
    #[error("the database stayed busy")]
    Busy,
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not written ({why:?})")]
    OutputRefused { path: String, why: OutputRefusal },
    #[error("{file}: {message}")]
    Config { file: String, message: String },
    #[error("line {line}: {message}")]
    Import { line: u64, message: String },
    /// A file that cannot be read as what it claims to be (a workbook that is not one, a sheet
    /// that is not there); `message` is already in the user's language.
    #[error("{path}: {message}")]
    BadFile { path: String, message: String },
    /// The province tier: the server, or a desk's sync with it.
    #[error("province: {0:?}")]
    Province(Province),
    /// The desk key is locked by a passphrase (issue 13) and it was not given, or not right.
    #[error("desk key passphrase: {0:?}")]
    Passphrase(PassphraseProblem),
    /// The desk's SQLite store failed (only with the `sqlite` feature: the server has its own).
    #[cfg(feature = "sqlite")]
    #[error(transparent)]
    Db(#[from] rusqlite::Error),
}

impl Error {
    pub fn invalid(field: InputField, problem: Problem) -> Self {
        Error::Invalid { field, problem }
    }

    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }

    /// The message for a person, in their language.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::error_message(self, lang)
    }
}
