//! Search as the desk types: a worker thread with its own connection answers the latest query
//! only. A new key interrupts the query still running (SQLite's interrupt, plus a generation
//! check between phases), and while the desk is idle the worker indexes petitions stored before
//! the index existed — so neither typing nor indexing ever blocks the screen.

use super::{Hit, IndexEngine};
use crate::error::{Error, Result};
use crate::store::Store;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

struct Request {
    generation: u64,
    query: String,
    limit: usize,
}

/// One answered query.
#[derive(Debug)]
pub struct Answer {
    pub generation: u64,
    pub query: String,
    pub hits: Result<Vec<Hit>>,
    pub elapsed: Duration,
}

pub struct LiveSearch {
    requests: Option<Sender<Request>>,
    answers: Receiver<Answer>,
    latest: Arc<AtomicU64>,
    running: Arc<AtomicU64>,
    interrupt: rusqlite::InterruptHandle,
    worker: Option<JoinHandle<()>>,
}

/// Petitions the idle worker indexes per step of the background backfill.
const BACKFILL_STEP: usize = 2_000;

fn interrupted(error: &Error) -> bool {
    matches!(error, Error::Db(rusqlite::Error::SqliteFailure(e, _))
        if e.code == rusqlite::ErrorCode::OperationInterrupted)
}

impl LiveSearch {
    /// Starts the worker on its own store (open a second one on the same file: SQLite's WAL lets
    /// it read while the screen's store writes).
    pub fn spawn(mut store: Store, mut engine: IndexEngine) -> LiveSearch {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, answers) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let running = Arc::new(AtomicU64::new(0));
        let interrupt = store.interrupt_handle();
        let _ = store.tune_for_search();
        let (latest_w, running_w) = (latest.clone(), running.clone());
        let worker = std::thread::spawn(move || {
            let mut seen_version = store.data_version().unwrap_or(0);
            loop {
                // A read-only session cannot index: another desk's worker will, and the LIKE
                // path covers the gap meanwhile. Retrying here would only drop the cache.
                let backfilling = store.access() == crate::store::Access::ReadWrite
                    && store.search_backfill_mark().unwrap_or(0) > 0;
                let wait = if backfilling {
                    Duration::from_millis(50)
                } else {
                    Duration::from_secs(3600)
                };
                let mut request = match inbox.recv_timeout(wait) {
                    Ok(r) => r,
                    Err(RecvTimeoutError::Timeout) => {
                        if backfilling && store.search_backfill(BACKFILL_STEP).is_ok() {
                            engine.invalidate();
                        }
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return,
                };
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                if request.generation != latest_w.load(Ordering::SeqCst) {
                    continue;
                }
                // Another connection wrote (a visit was just logged): forget cached candidates.
                let version = store.data_version().unwrap_or(0);
                if version != seen_version {
                    engine.invalidate();
                    seen_version = version;
                }
                let start = Instant::now();
                running_w.store(request.generation, Ordering::SeqCst);
                let generation = request.generation;
                let stale = || latest_w.load(Ordering::SeqCst) != generation;
                let mut result = engine.run(&store, &request.query, request.limit, &stale);
                if let Err(e) = &result
                    && interrupted(e)
                    && !stale()
                {
                    // Interrupted by a key that came and went: this query is still the one wanted.
                    engine.invalidate();
                    result = engine.run(&store, &request.query, request.limit, &stale);
                }
                running_w.store(0, Ordering::SeqCst);
                let hits = match result {
                    Ok(Some(hits)) => Ok(hits),
                    Ok(None) => continue,
                    Err(e) if interrupted(&e) => {
                        engine.invalidate();
                        continue;
                    }
                    Err(e) => Err(e),
                };
                if stale() {
                    continue;
                }
                let answer = Answer {
                    generation,
                    query: request.query,
                    hits,
                    elapsed: start.elapsed(),
                };
                if outbox.send(answer).is_err() {
                    return;
                }
            }
        });
        LiveSearch {
            requests: Some(requests),
            answers,
            latest,
            running,
            interrupt,
            worker: Some(worker),
        }
    }

    /// Asks for `query`; any older query still running is abandoned. Returns its generation.
    pub fn submit(&self, query: &str, limit: usize) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let running = self.running.load(Ordering::SeqCst);
        if running != 0 && running < generation {
            self.interrupt.interrupt();
        }
        if let Some(requests) = &self.requests {
            let _ = requests.send(Request {
                generation,
                query: query.to_string(),
                limit,
            });
        }
        generation
    }

    /// The newest answer that arrived, if any (older ones are dropped).
    pub fn try_answer(&self) -> Option<Answer> {
        let mut newest = None;
        while let Ok(answer) = self.answers.try_recv() {
            newest = Some(answer);
        }
        newest.filter(|a: &Answer| a.generation == self.latest.load(Ordering::SeqCst))
    }

    /// Waits up to `timeout` for the answer to the latest query.
    pub fn wait(&self, timeout: Duration) -> Option<Answer> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.answers.recv_timeout(left) {
                Ok(a) if a.generation == self.latest.load(Ordering::SeqCst) => return Some(a),
                Ok(_) => continue,
                Err(_) => return None,
            }
        }
    }
}

impl Drop for LiveSearch {
    fn drop(&mut self) {
        self.latest.fetch_add(1, Ordering::SeqCst);
        self.interrupt.interrupt();
        self.requests.take();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}
