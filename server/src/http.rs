//! The HTTP face of the server: four JSON routes under `/v1`, each behind a desk's token.
//!
//! - `GET /v1/hello` — who the token is, the protocol, where the desk's pushes stopped;
//! - `POST /v1/records` — a batch of the desk's records (read-write tokens only);
//! - `GET /v1/petitions?after=SEQ&limit=N[&all=true]` — other desks' petitions (or every desk's);
//! - `GET /v1/search?q=…` — province-wide search over folded words.
//!
//! Plain HTTP only on a loopback address; anything else needs a certificate (rustls).

use crate::db::{Caller, Db};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use tiepdan_core::error::{Error, Province};
use tiepdan_core::i18n::{Lang, ProvinceText, province_text};
use tiepdan_core::records::{
    Hello, PROTOCOL, PROTOCOL_HEADER, PushBatch, WireError, version_label,
};

/// Largest batch body accepted (a desk sends a few hundred petitions at a time).
const BODY_LIMIT: usize = 64 << 20;
const PULL_DEFAULT: i64 = 500;
const PULL_MAX: i64 = 5_000;

#[derive(Clone)]
struct App {
    db: Arc<Db>,
    lang: Lang,
}

/// A refusal: the status and what the desk reads.
struct Refused(StatusCode, WireError);

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        (self.0, axum::Json(self.1)).into_response()
    }
}

fn refusal(status: StatusCode, code: &str) -> Refused {
    Refused(
        status,
        WireError {
            error: code.into(),
            ..WireError::default()
        },
    )
}

impl App {
    /// A database failure: logged here in the server's language, a plain code to the desk.
    fn failed(&self, err: Error) -> Refused {
        eprintln!("tiepdan-server: {}", err.message(self.lang));
        refusal(StatusCode::SERVICE_UNAVAILABLE, "database")
    }

    /// The calling desk, after the protocol check and the token check.
    async fn caller(&self, headers: &HeaderMap) -> Result<Caller, Refused> {
        let protocol = headers
            .get(PROTOCOL_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u32>().ok());
        if protocol != Some(PROTOCOL) {
            return Err(Refused(
                StatusCode::CONFLICT,
                WireError {
                    error: "version".into(),
                    server: Some(version_label(env!("CARGO_PKG_VERSION"), PROTOCOL)),
                    ..WireError::default()
                },
            ));
        }
        let token = headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        match self.db.authenticate(token).await {
            Ok(Some(caller)) => Ok(caller),
            Ok(None) => Err(refusal(StatusCode::UNAUTHORIZED, "wrong_token")),
            Err(e) => Err(self.failed(e)),
        }
    }
}

async fn hello(State(app): State<App>, headers: HeaderMap) -> Result<Response, Refused> {
    let caller = app.caller(&headers).await?;
    let cursor = app.db.cursor(caller.id).await.map_err(|e| app.failed(e))?;
    Ok(axum::Json(Hello {
        protocol: PROTOCOL,
        version: env!("CARGO_PKG_VERSION").into(),
        desk: caller.name,
        read_only: caller.read_only,
        cursor,
    })
    .into_response())
}

async fn push(
    State(app): State<App>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Refused> {
    let caller = app.caller(&headers).await?;
    if caller.read_only {
        return Err(refusal(StatusCode::FORBIDDEN, "read_only"));
    }
    let batch: PushBatch = serde_json::from_slice(&body).map_err(|e| {
        // For the administrator's log: where the batch stopped being readable.
        eprintln!(
            "tiepdan-server: {} {}: {} ({e})",
            caller.name,
            province_text(ProvinceText::BatchUnreadable, app.lang),
            body.len()
        );
        Refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            WireError {
                error: "invalid".into(),
                why_vi: Some(province_text(ProvinceText::BatchUnreadable, Lang::Vi).into()),
                why_en: Some(province_text(ProvinceText::BatchUnreadable, Lang::En).into()),
                ..WireError::default()
            },
        )
    })?;
    let today = chrono::Local::now().date_naive();
    let mut records = Vec::with_capacity(batch.records.len());
    for mut record in batch.records {
        if let Err(e) = record.line.check(today) {
            return Err(Refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                WireError {
                    error: "invalid".into(),
                    code: Some(record.line.code.clone()),
                    why_vi: Some(e.message(Lang::Vi)),
                    why_en: Some(e.message(Lang::En)),
                    ..WireError::default()
                },
            ));
        }
        // Whatever the desk sent, no denouncer is stored in clear.
        record.line = record.line.without_denouncers();
        records.push(record);
    }
    let reply = app
        .db
        .ingest(caller.id, &records)
        .await
        .map_err(|e| app.failed(e))?;
    Ok(axum::Json(reply).into_response())
}

#[derive(Deserialize)]
struct PullQuery {
    #[serde(default)]
    after: i64,
    limit: Option<i64>,
    #[serde(default)]
    all: bool,
}

async fn pull(
    State(app): State<App>,
    headers: HeaderMap,
    Query(q): Query<PullQuery>,
) -> Result<Response, Refused> {
    let caller = app.caller(&headers).await?;
    let limit = q.limit.unwrap_or(PULL_DEFAULT).clamp(1, PULL_MAX);
    let reply = app
        .db
        .pull(caller.id, q.after.max(0), limit, q.all)
        .await
        .map_err(|e| app.failed(e))?;
    Ok(axum::Json(reply).into_response())
}

#[derive(Deserialize)]
struct SearchQuery {
    q: String,
    limit: Option<i64>,
}

async fn search(
    State(app): State<App>,
    headers: HeaderMap,
    Query(q): Query<SearchQuery>,
) -> Result<Response, Refused> {
    app.caller(&headers).await?;
    let hits = app
        .db
        .search(&q.q, q.limit.unwrap_or(50).clamp(1, 500))
        .await
        .map_err(|e| app.failed(e))?;
    Ok(axum::Json(hits).into_response())
}

fn cannot_listen(addr: &str) -> Error {
    Error::Province(Province::CannotListen {
        addr: tiepdan_core::text::for_terminal(addr).into_owned(),
    })
}

fn pem_readable(path: &PathBuf) -> Result<(), Error> {
    let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if !text.windows(10).any(|w| w == b"-----BEGIN") {
        return Err(Error::Province(Province::TlsFiles {
            path: path.display().to_string(),
        }));
    }
    Ok(())
}

/// Serves until killed. Prints "… ADDR" once listening (ADDR with the real port if 0 was asked).
pub async fn serve(
    db: Db,
    listen: &str,
    tls: Option<(PathBuf, PathBuf)>,
    lang: Lang,
) -> Result<(), Error> {
    let addr: SocketAddr = listen
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| cannot_listen(listen))?;
    if tls.is_none() && !addr.ip().is_loopback() {
        return Err(Error::Province(Province::PlainHttpOffLoopback {
            addr: addr.to_string(),
        }));
    }
    let config = match &tls {
        Some((cert, key)) => {
            pem_readable(cert)?;
            pem_readable(key)?;
            let _ = rustls::crypto::ring::default_provider().install_default();
            Some(
                axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                    .await
                    .map_err(|_| {
                        Error::Province(Province::TlsFiles {
                            path: format!("{} / {}", cert.display(), key.display()),
                        })
                    })?,
            )
        }
        None => None,
    };
    let listener = std::net::TcpListener::bind(addr).map_err(|_| cannot_listen(listen))?;
    listener
        .set_nonblocking(true)
        .map_err(|_| cannot_listen(listen))?;
    let local = listener.local_addr().map_err(|_| cannot_listen(listen))?;
    let app = Router::new()
        .route("/v1/hello", get(hello))
        .route("/v1/records", post(push))
        .route("/v1/petitions", get(pull))
        .route("/v1/search", get(search))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(App {
            db: Arc::new(db),
            lang,
        });
    println!("{} {local}", province_text(ProvinceText::Listening, lang));
    use std::io::Write;
    let _ = std::io::stdout().flush();
    match config {
        None => {
            let listener =
                tokio::net::TcpListener::from_std(listener).map_err(|_| cannot_listen(listen))?;
            axum::serve(listener, app)
                .await
                .map_err(|e| Error::io(listen, e))
        }
        Some(config) => axum_server::from_tcp_rustls(listener, config)
            .serve(app.into_make_service())
            .await
            .map_err(|e| Error::io(listen, e)),
    }
}
