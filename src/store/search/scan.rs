//! The full-scan baselines' rows (`cargo bench --features bench`), never part of the desk.

use super::{PROTECTED, ROW_FROM};
use crate::error::Result;
use crate::store::Store;

impl Store {
    /// Every petition (and filer) as one folded line for full-scan baselines, oldest first.
    pub fn scan_lines(&self, mut each: impl FnMut(i64, String)) -> Result<()> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT p.rowid, p.code || ' ' || p.subject_folded ||
                    CASE WHEN {PROTECTED} THEN '' ELSE
                        ' ' || COALESCE(c.name_folded, '') || ' ' || COALESCE(c.address_folded, '') END
             {ROW_FROM} ORDER BY p.rowid"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            each(r.get(0)?, r.get(1)?);
        }
        Ok(())
    }
}
