//! The province database (PostgreSQL): the server's only SQL, as `src/store/` is the desk's.
//!
//! Tables: `desk` (who may sync; tokens stored as Argon2id hashes), `record` (every record a desk
//! pushed, append-only: one version of one petition, identified by its latest event's UUIDv7,
//! with the desk's own sequence number), and `petition` (each petition as its latest record
//! states it, with the folded search terms). Ingest is idempotent (a record seen twice is stored
//! once) and one transaction per batch; batches take one advisory lock, so the province-wide
//! `record.seq` commits in order and a puller's cursor never skips a record.

use crate::token;
use chrono::{DateTime, Utc};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use tiepdan_core::error::{Error, Province};
use tiepdan_core::records::{PetitionLine, PullReply, Pulled, PushReply, Pushed};
use tokio_postgres::NoTls;
use tokio_postgres::types::Json;
use uuid::Uuid;

/// Forward-only: never edit a shipped entry, add one.
const MIGRATIONS: &[&str] = &[
    // 1: desks, their records, the petitions derived from them.
    r#"
    CREATE TABLE desk (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        read_only boolean NOT NULL,
        token_hash text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
    );
    CREATE TABLE record (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        petition_id uuid NOT NULL,
        desk_id uuid NOT NULL REFERENCES desk(id),
        desk_seq bigint NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL
    );
    CREATE INDEX record_by_desk ON record (desk_id, desk_seq);
    CREATE TABLE petition (
        id uuid PRIMARY KEY,
        desk_id uuid NOT NULL REFERENCES desk(id),
        record_seq bigint NOT NULL UNIQUE REFERENCES record(seq),
        events integer NOT NULL,
        code text NOT NULL,
        received_on date NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        subject text NOT NULL,
        terms text[] NOT NULL
    );
    CREATE INDEX petition_terms ON petition USING gin (terms);
    "#,
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Any number: the key of the advisory lock every ingest takes.
const INGEST_LOCK: i64 = 0x7469_6570;

pub struct Db {
    pool: Pool,
    /// Where the database is, without credentials, for messages.
    at: String,
    /// Tokens already verified (desk id → token): Argon2 once per token, not once per request.
    verified: Mutex<HashMap<Uuid, String>>,
}

pub struct DeskRow {
    pub name: String,
    pub read_only: bool,
    pub added: DateTime<Utc>,
    pub revoked: bool,
}

/// The desk a request's token belongs to.
#[derive(Clone)]
pub struct Caller {
    pub id: Uuid,
    pub name: String,
    pub read_only: bool,
}

#[derive(Serialize)]
pub struct Stats {
    pub petitions: i64,
    pub desks: i64,
    pub records: i64,
    pub events: i64,
}

#[derive(Serialize)]
pub struct Hit {
    pub desk: String,
    pub code: String,
    pub received_on: chrono::NaiveDate,
    pub kind: String,
    pub status: String,
    pub subject: String,
}

fn describe(config: &tokio_postgres::Config) -> String {
    use tokio_postgres::config::Host;
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|h| match h {
            Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    format!(
        "{}/{}",
        hosts.join(","),
        config.get_dbname().unwrap_or_default()
    )
}

fn province(problem: Province) -> Error {
    Error::Province(problem)
}

impl Db {
    pub async fn connect(url: &str) -> Result<Db, Error> {
        let config: tokio_postgres::Config = url.parse().map_err(|_| {
            // The URL may hold a password: name only its shape.
            province(Province::DatabaseUnreachable {
                at: "--pg / TIEPDAN_PG".into(),
            })
        })?;
        let at = describe(&config);
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(16)
            .build()
            .map_err(|_| province(Province::DatabaseUnreachable { at: at.clone() }))?;
        Ok(Db {
            pool,
            at,
            verified: Mutex::new(HashMap::new()),
        })
    }

    /// A PostgreSQL error as the person reading it can act on: unreachable, or its SQLSTATE.
    pub fn pg(&self, err: tokio_postgres::Error) -> Error {
        match err.code() {
            Some(code) => province(Province::DatabaseFailed {
                code: code.code().to_string(),
            }),
            None => province(Province::DatabaseUnreachable {
                at: self.at.clone(),
            }),
        }
    }

    async fn client(&self) -> Result<deadpool_postgres::Client, Error> {
        self.pool.get().await.map_err(|e| match e {
            deadpool_postgres::PoolError::Backend(e) => self.pg(e),
            _ => province(Province::DatabaseUnreachable {
                at: self.at.clone(),
            }),
        })
    }

    async fn version(&self, client: &impl deadpool_postgres::GenericClient) -> Result<i64, Error> {
        let exists: bool = client
            .query_one("SELECT to_regclass('tiepdan_schema') IS NOT NULL", &[])
            .await
            .map_err(|e| self.pg(e))?
            .get(0);
        if !exists {
            return Ok(0);
        }
        let row = client
            .query_opt("SELECT version FROM tiepdan_schema", &[])
            .await
            .map_err(|e| self.pg(e))?;
        Ok(row.map(|r| r.get::<_, i64>(0)).unwrap_or(0))
    }

    /// Brings the schema to [`LATEST`] in one transaction; refuses a newer one. Returns it.
    pub async fn migrate(&self) -> Result<i64, Error> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(|e| self.pg(e))?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS tiepdan_schema (version bigint NOT NULL);
             LOCK TABLE tiepdan_schema IN EXCLUSIVE MODE;",
        )
        .await
        .map_err(|e| self.pg(e))?;
        let found = self.version(&tx).await?;
        if found > LATEST {
            return Err(Error::DatabaseTooNew {
                found,
                supported: LATEST,
            });
        }
        for sql in &MIGRATIONS[found as usize..] {
            tx.batch_execute(sql).await.map_err(|e| self.pg(e))?;
        }
        tx.execute("DELETE FROM tiepdan_schema", &[])
            .await
            .map_err(|e| self.pg(e))?;
        tx.execute(
            "INSERT INTO tiepdan_schema (version) VALUES ($1)",
            &[&LATEST],
        )
        .await
        .map_err(|e| self.pg(e))?;
        tx.commit().await.map_err(|e| self.pg(e))?;
        Ok(LATEST)
    }

    /// Refuses to work on a schema that is not this program's.
    pub async fn ready(&self) -> Result<(), Error> {
        let client = self.client().await?;
        let found = self.version(&client).await?;
        match found {
            f if f > LATEST => Err(Error::DatabaseTooNew {
                found: f,
                supported: LATEST,
            }),
            LATEST => Ok(()),
            _ => Err(province(Province::NotMigrated)),
        }
    }

    /// Adds a desk; returns its token (the only time it exists outside the desk).
    pub async fn add_desk(&self, name: &str, read_only: bool) -> Result<String, Error> {
        let name = tiepdan_core::text::clean_input(name, false);
        if name.is_empty() || name.chars().count() > 80 {
            return Err(province(Province::BadDeskName));
        }
        let id = Uuid::now_v7();
        let (token, hash) = token::issue(id);
        let client = self.client().await?;
        client
            .execute(
                "INSERT INTO desk (id, name, read_only, token_hash) VALUES ($1, $2, $3, $4)",
                &[&id, &name, &read_only, &hash],
            )
            .await
            .map_err(|e| {
                if e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) {
                    province(Province::DeskExists { name: name.clone() })
                } else {
                    self.pg(e)
                }
            })?;
        Ok(token)
    }

    pub async fn desks(&self) -> Result<Vec<DeskRow>, Error> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT name, read_only, added_at, revoked_at IS NOT NULL FROM desk ORDER BY name",
                &[],
            )
            .await
            .map_err(|e| self.pg(e))?;
        Ok(rows
            .iter()
            .map(|r| DeskRow {
                name: r.get(0),
                read_only: r.get(1),
                added: r.get(2),
                revoked: r.get(3),
            })
            .collect())
    }

    pub async fn revoke_desk(&self, name: &str) -> Result<(), Error> {
        let client = self.client().await?;
        let found = client
            .execute(
                "UPDATE desk SET revoked_at = COALESCE(revoked_at, now()) WHERE name = $1",
                &[&name.trim()],
            )
            .await
            .map_err(|e| self.pg(e))?;
        if found == 0 {
            return Err(province(Province::NoSuchDesk {
                name: tiepdan_core::text::for_terminal(name).into_owned(),
            }));
        }
        Ok(())
    }

    pub async fn stats(&self) -> Result<Stats, Error> {
        let client = self.client().await?;
        let row = client
            .query_one(
                "SELECT (SELECT count(*) FROM petition),
                        (SELECT count(*) FROM desk WHERE revoked_at IS NULL),
                        (SELECT count(*) FROM record),
                        (SELECT COALESCE(sum(events), 0)::bigint FROM petition)",
                &[],
            )
            .await
            .map_err(|e| self.pg(e))?;
        Ok(Stats {
            petitions: row.get(0),
            desks: row.get(1),
            records: row.get(2),
            events: row.get(3),
        })
    }

    /// The desk a token belongs to, if the token is right and not revoked.
    pub async fn authenticate(&self, token: &str) -> Result<Option<Caller>, Error> {
        let Some((id, secret)) = token::parse(token) else {
            return Ok(None);
        };
        let client = self.client().await?;
        let Some(row) = client
            .query_opt(
                "SELECT name, read_only, token_hash FROM desk WHERE id = $1 AND revoked_at IS NULL",
                &[&id],
            )
            .await
            .map_err(|e| self.pg(e))?
        else {
            return Ok(None);
        };
        let caller = Caller {
            id,
            name: row.get(0),
            read_only: row.get(1),
        };
        let known = self
            .verified
            .lock()
            .expect("token cache")
            .get(&id)
            .is_some_and(|t| t == token);
        if known {
            return Ok(Some(caller));
        }
        let hash: String = row.get(2);
        let secret = secret.to_string();
        let ok = tokio::task::spawn_blocking(move || token::verify(&secret, &hash))
            .await
            .unwrap_or(false);
        if !ok {
            return Ok(None);
        }
        self.verified
            .lock()
            .expect("token cache")
            .insert(id, token.to_string());
        Ok(Some(caller))
    }

    /// The highest `desk_seq` stored from `desk` (0: none yet).
    pub async fn cursor(&self, desk: Uuid) -> Result<i64, Error> {
        let client = self.client().await?;
        Ok(client
            .query_one(
                "SELECT COALESCE(max(desk_seq), 0) FROM record WHERE desk_id = $1",
                &[&desk],
            )
            .await
            .map_err(|e| self.pg(e))?
            .get(0))
    }

    /// Stores one batch in one transaction: records seen before are skipped, each petition keeps
    /// its longest history. The lines are checked and cleaned by the caller.
    pub async fn ingest(&self, desk: Uuid, records: &[Pushed]) -> Result<PushReply, Error> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(|e| self.pg(e))?;
        let pg = |e| self.pg(e);
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&INGEST_LOCK])
            .await
            .map_err(pg)?;
        let insert = tx
            .prepare(
                "INSERT INTO record (id, petition_id, desk_id, desk_seq, payload)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING seq",
            )
            .await
            .map_err(pg)?;
        let derive = tx
            .prepare(
                "INSERT INTO petition
                     (id, desk_id, record_seq, events, code, received_on, kind, status, subject, terms)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT (id) DO UPDATE SET
                     desk_id = EXCLUDED.desk_id, record_seq = EXCLUDED.record_seq,
                     events = EXCLUDED.events, code = EXCLUDED.code,
                     received_on = EXCLUDED.received_on, kind = EXCLUDED.kind,
                     status = EXCLUDED.status, subject = EXCLUDED.subject, terms = EXCLUDED.terms
                 WHERE petition.events <= EXCLUDED.events",
            )
            .await
            .map_err(pg)?;
        let (mut stored, mut duplicates) = (0, 0);
        for record in records {
            let line = &record.line;
            let Some(last) = line.events.last() else {
                continue;
            };
            let seq: Option<i64> = tx
                .query_opt(
                    &insert,
                    &[&last.id, &line.id, &desk, &record.desk_seq, &Json(line)],
                )
                .await
                .map_err(pg)?
                .map(|r| r.get(0));
            let Some(seq) = seq else {
                duplicates += 1;
                continue;
            };
            stored += 1;
            let events = line.events.len() as i32;
            tx.execute(
                &derive,
                &[
                    &line.id,
                    &desk,
                    &seq,
                    &events,
                    &line.code,
                    &line.received_on,
                    &line.kind.code(),
                    &line.status.code(),
                    &line.subject,
                    &line.search_terms(),
                ],
            )
            .await
            .map_err(pg)?;
        }
        let cursor: i64 = tx
            .query_one(
                "SELECT COALESCE(max(desk_seq), 0) FROM record WHERE desk_id = $1",
                &[&desk],
            )
            .await
            .map_err(pg)?
            .get(0);
        tx.commit().await.map_err(pg)?;
        Ok(PushReply {
            stored,
            duplicates,
            cursor,
        })
    }

    /// The petitions whose latest record came after `after`, oldest first: other desks' only,
    /// or every desk's with `all` (an inspector's replica).
    pub async fn pull(
        &self,
        desk: Uuid,
        after: i64,
        limit: i64,
        all: bool,
    ) -> Result<PullReply, Error> {
        let mut client = self.client().await?;
        let tx = client
            .build_transaction()
            .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await
            .map_err(|e| self.pg(e))?;
        let rows = tx
            .query(
                "SELECT p.record_seq, d.name, r.payload
                 FROM petition p JOIN record r ON r.seq = p.record_seq JOIN desk d ON d.id = p.desk_id
                 WHERE p.record_seq > $1 AND ($2 OR p.desk_id <> $3)
                 ORDER BY p.record_seq LIMIT $4",
                &[&after, &all, &desk, &limit],
            )
            .await
            .map_err(|e| self.pg(e))?;
        let more = rows.len() as i64 == limit;
        let petitions: Vec<Pulled> = rows
            .iter()
            .map(|r| Pulled {
                seq: r.get(0),
                desk: r.get(1),
                line: r.get::<_, Json<PetitionLine>>(2).0,
            })
            .collect();
        let next = if more {
            petitions.last().map_or(after, |p| p.seq)
        } else {
            // Nothing more for this desk up to the newest record: start after it next time.
            let newest: i64 = tx
                .query_one("SELECT COALESCE(max(record_seq), 0) FROM petition", &[])
                .await
                .map_err(|e| self.pg(e))?
                .get(0);
            newest.max(after)
        };
        tx.commit().await.map_err(|e| self.pg(e))?;
        Ok(PullReply {
            petitions,
            next,
            more,
        })
    }

    /// Province-wide search: the petitions holding every folded word of `query`, newest first.
    pub async fn search(&self, query: &str, limit: i64) -> Result<Vec<Hit>, Error> {
        let terms: Vec<String> = tiepdan_core::text::fold(query)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT d.name, p.code, p.received_on, p.kind, p.status, p.subject
                 FROM petition p JOIN desk d ON d.id = p.desk_id
                 WHERE p.terms @> $1 ORDER BY p.received_on DESC, p.record_seq DESC LIMIT $2",
                &[&terms, &limit],
            )
            .await
            .map_err(|e| self.pg(e))?;
        Ok(rows
            .iter()
            .map(|r| Hit {
                desk: r.get(0),
                code: r.get(1),
                received_on: r.get(2),
                kind: r.get(3),
                status: r.get(4),
                subject: r.get(5),
            })
            .collect())
    }
}
