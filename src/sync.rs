//! `tiepdan sync`: the desk's side of the province tier (issue 16).
//!
//! The desk keeps working without the network; a sync, when it runs, pushes the desk's own
//! records changed since the server's cursor (the server keeps where each desk stopped, so an
//! interrupted push resumes there and a record sent twice is stored once), then pulls the other
//! desks' petitions after the desk's own pull cursor, one SQLite transaction per batch with the
//! cursor in it — a pull stops between batches, never inside one. `--replica` (a read-only
//! token) copies every desk's petitions as records into a database of its own, for inspectors.
//!
//! HTTP through `ureq` (blocking, rustls): the desk needs no async runtime. Every failure is one
//! of [`Province`]'s plain sentences, never the library's text.

use crate::error::{Error, Province, Result};
use crate::exchange::{from_line, jsonl};
use crate::i18n::Lang;
use crate::records::{
    Hello, PROTOCOL, PROTOCOL_HEADER, PullReply, PushBatch, PushReply, Pushed, VERSION_HEADER,
    WireError, version_label,
};
use crate::store::Store;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::time::Duration;

/// Petitions per request, each way.
pub const BATCH: usize = 500;
/// The largest reply read (a pulled batch of long petitions).
const REPLY_LIMIT: u64 = 512 << 20;

/// What `sync` was asked to do.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// The server's base URL, e.g. `https://tiepdan.tinh.gov.vn` or `http://127.0.0.1:8750`.
    pub server: String,
    pub token: String,
    /// An inspector's full read-only copy of the province instead of a desk's sync.
    pub replica: bool,
    /// Pull other desks' petitions after pushing (off: push only, for a slow link).
    pub pull: bool,
    /// A certificate (PEM) to trust for the server instead of the public roots.
    pub ca_cert: Option<PathBuf>,
    pub batch: usize,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// The desk the token belongs to, as the server names it.
    pub desk: String,
    /// Records the server stored (not counting ones it already had).
    pub pushed: u64,
    /// Petitions pulled from the province.
    pub pulled: u64,
}

struct Client {
    agent: ureq::Agent,
    base: String,
    bearer: String,
    lang: Lang,
}

fn desk_version() -> String {
    version_label(env!("CARGO_PKG_VERSION"), PROTOCOL)
}

impl Client {
    fn new(options: &SyncOptions, lang: Lang) -> Result<Client> {
        let mut config = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(300)))
            .http_status_as_error(false);
        if let Some(path) = &options.ca_cert {
            let pem = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let certs: Vec<_> = ureq::tls::parse_pem(&pem)
                .filter_map(|item| match item {
                    Ok(ureq::tls::PemItem::Certificate(c)) => Some(c),
                    _ => None,
                })
                .collect();
            if certs.is_empty() {
                return Err(Error::Province(Province::TlsFiles {
                    path: path.display().to_string(),
                }));
            }
            config = config.tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::Specific(std::sync::Arc::new(certs)))
                    .build(),
            );
        }
        Ok(Client {
            agent: config.build().into(),
            base: options.server.trim().trim_end_matches('/').to_string(),
            bearer: format!("Bearer {}", options.token.trim()),
            lang,
        })
    }

    fn server(&self) -> String {
        crate::text::for_terminal(&self.base).into_owned()
    }

    /// A transport failure as the person can act on it.
    fn unreachable(&self, err: ureq::Error) -> Error {
        let tls = match &err {
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => true,
            // A handshake refused by rustls surfaces as invalid data on the socket.
            ureq::Error::Io(e) => {
                self.base.starts_with("https:") && e.kind() == std::io::ErrorKind::InvalidData
            }
            _ => false,
        };
        let server = self.server();
        Error::Province(if tls {
            Province::TlsFailed { server }
        } else {
            Province::Unreachable { server }
        })
    }

    /// Reads a reply: the JSON on success, else the server's refusal as a plain sentence.
    fn reply<T: serde::de::DeserializeOwned>(
        &self,
        mut response: ureq::http::Response<ureq::Body>,
    ) -> Result<T> {
        let status = response.status().as_u16();
        let body = response.body_mut().with_config().limit(REPLY_LIMIT);
        if (200..300).contains(&status) {
            return body
                .read_json()
                .map_err(|_| Error::Province(Province::ServerFailed { status }));
        }
        let wire: WireError = body.read_json().unwrap_or_default();
        Err(Error::Province(match (status, wire.error.as_str()) {
            (401, _) => Province::WrongToken,
            (403, "read_only") => Province::ReadOnlyToken,
            (409, "version") => Province::VersionSkew {
                desk: desk_version(),
                server: wire.server.unwrap_or_else(|| "?".into()),
            },
            (422, "invalid") => Province::RecordRefused {
                code: crate::text::for_terminal(wire.code.as_deref().unwrap_or("?")).into_owned(),
                why: match self.lang {
                    Lang::Vi => wire.why_vi,
                    Lang::En => wire.why_en,
                }
                .map(|w| crate::text::for_terminal(&w).into_owned())
                .unwrap_or_default(),
            },
            _ => Province::ServerFailed { status },
        }))
    }

    fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T> {
        let response = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Authorization", &self.bearer)
            .header(PROTOCOL_HEADER, PROTOCOL.to_string())
            .header(VERSION_HEADER, env!("CARGO_PKG_VERSION"))
            .call()
            .map_err(|e| self.unreachable(e))?;
        self.reply(response)
    }

    fn post<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &impl serde::Serialize,
    ) -> Result<T> {
        let response = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Authorization", &self.bearer)
            .header(PROTOCOL_HEADER, PROTOCOL.to_string())
            .header(VERSION_HEADER, env!("CARGO_PKG_VERSION"))
            .send_json(body)
            .map_err(|e| self.unreachable(e))?;
        self.reply(response)
    }
}

/// Syncs `store` with the province server (see the module's rules).
pub fn sync(
    store: &mut Store,
    options: &SyncOptions,
    lang: Lang,
    today: NaiveDate,
) -> Result<SyncReport> {
    let client = Client::new(options, lang)?;
    let hello: Hello = client.get("/v1/hello")?;
    if hello.protocol != PROTOCOL {
        return Err(Error::Province(Province::VersionSkew {
            desk: desk_version(),
            server: version_label(&hello.version, hello.protocol),
        }));
    }
    let mut report = SyncReport {
        desk: hello.desk.clone(),
        ..SyncReport::default()
    };
    let batch = options.batch.clamp(1, 5_000);
    let replica_of = store.replica_of()?;
    if options.replica {
        if !hello.read_only {
            return Err(Error::Province(Province::ReplicaNeedsReadOnly));
        }
        if replica_of.is_none() && store.own_petitions()? > 0 {
            return Err(Error::Province(Province::ReplicaNotEmpty));
        }
    } else {
        if replica_of.is_some() {
            return Err(Error::Province(Province::IsReplica));
        }
        report.pushed = push(store, &client, hello.cursor, batch)?;
    }
    if options.pull || options.replica {
        report.pulled = pull(store, &client, options, lang, today, batch)?;
    }
    if report.pulled == 0 {
        store.note_synced()?;
    }
    Ok(report)
}

/// Pushes the desk's records after the server's `cursor`, one batch at a time.
fn push(store: &Store, client: &Client, mut cursor: i64, batch: usize) -> Result<u64> {
    let mut stored = 0;
    loop {
        let pending = store.sync_pending(cursor, batch)?;
        let Some(&(last, _)) = pending.last() else {
            return Ok(stored);
        };
        let records = pending
            .into_iter()
            .map(|(desk_seq, record)| {
                Ok(Pushed {
                    desk_seq,
                    line: jsonl::petition_line(store, record)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let reply: PushReply = client.post("/v1/records", &PushBatch { records })?;
        stored += reply.stored;
        cursor = reply.cursor.max(last);
    }
}

/// Pulls the province's petitions after the desk's cursor: other desks' (read-only, for
/// search), or every desk's merged as records (a replica).
fn pull(
    store: &mut Store,
    client: &Client,
    options: &SyncOptions,
    lang: Lang,
    today: NaiveDate,
    batch: usize,
) -> Result<u64> {
    let mut pulled = 0;
    let mut after = store.province_cursor()?;
    loop {
        let reply: PullReply = client.get(&format!(
            "/v1/petitions?after={after}&limit={batch}&all={}",
            options.replica
        ))?;
        if options.replica && !reply.petitions.is_empty() {
            // Merged first, then the batch and its cursor: a stop between the two merges the
            // same batch again next time, which a merge absorbs (it knows the ids).
            let incoming: Vec<_> = reply
                .petitions
                .iter()
                .map(|p| from_line(p.line.clone(), p.seq as u64, lang, today))
                .collect();
            store.merge_petitions(incoming, today, "province replica")?;
        }
        if !reply.petitions.is_empty() || reply.next != after {
            store.apply_pulled(
                &reply.petitions,
                reply.next,
                options.replica.then_some(options.server.as_str()),
            )?;
        }
        pulled += reply.petitions.len() as u64;
        after = reply.next;
        if !reply.more {
            return Ok(pulled);
        }
    }
}
