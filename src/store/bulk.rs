//! Settings for loading many records in one transaction (imports, merges).

use super::Store;
use crate::error::Result;

/// Page cache for a bulk load, in KiB (SQLite's negative `cache_size`): 64 MB. The default 2 MB
/// makes a 100,000-petition import re-read and spill the same index pages hundreds of
/// thousands of times; more than this buys little and memory must stay bounded.
const BULK_CACHE_KIB: i64 = 64 * 1024;

impl Store {
    /// Readies this connection for a bulk load: a bigger page cache, for as long as the store
    /// is open (the CLI opens it for one command).
    pub fn tune_for_bulk_load(&self) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        Ok(())
    }
}
