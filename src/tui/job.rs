//! Work that reads a great deal — clustering every petition for the dashboard's hotspots, a
//! year's report on a million petitions — runs on its own thread with its own connection to the
//! same file, so the screen stays live while it counts; the app polls for the answer.

use std::sync::mpsc::{Receiver, TryRecvError};
use tiepdan::session::Session;
use tiepdan::store::Store;
use tiepdan::{Error, Result};

pub struct Job<T> {
    answer: Receiver<Result<T>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a second connection acting as the same role; `None` for a database
    /// without a file (tests' in-memory stores), which the caller then works on in place.
    pub fn start(
        ctx: &Session,
        name: &str,
        work: impl FnOnce(&Store) -> Result<T> + Send + 'static,
    ) -> Result<Option<Job<T>>> {
        let Some(path) = ctx.store.path() else {
            return Ok(None);
        };
        let store = Store::open_as(path, ctx.store.role(), ctx.store.policy().clone())?;
        let (send, answer) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                // Nobody listening any more (the screen closed or asked again): fine.
                let _ = send.send(work(&store));
            })
            .map_err(|e| Error::io(name, e))?;
        Ok(Some(Job { answer }))
    }

    /// The answer, once it has come.
    pub fn try_take(&self) -> Option<Result<T>> {
        match self.answer.try_recv() {
            Ok(answer) => Some(answer),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Error::io(
                "background work",
                std::io::Error::other("the worker thread stopped"),
            ))),
        }
    }
}
