//! The `history` table: one entry per verification decision, appended in the same transaction
//! as the change it records. Triggers refuse to update or delete an entry.

use rusqlite::{params, Row, Transaction};

use super::Store;
use crate::error::Result;
use crate::model::{Change, HistoryEntry, Target};

/// Appends one history entry.
#[allow(clippy::too_many_arguments)]
pub(super) fn append_history_in(
    tx: &Transaction<'_>,
    claim_id: Option<i64>,
    conflict_id: Option<i64>,
    change: Change,
    old: Option<&str>,
    new: Option<&str>,
    note: &str,
    analyst: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO history (claim_id, conflict_id, change, old, new, note, analyst, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![claim_id, conflict_id, change.as_str(), old, new, note, analyst, super::now()],
    )?;
    Ok(())
}


const HISTORY_COLUMNS: &str = "id, claim_id, conflict_id, change, old, new, note, analyst, at";


fn history_from_row(r: &Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let change: String = r.get(3)?;
    Ok(HistoryEntry {
        id: r.get(0)?,
        claim_id: r.get(1)?,
        conflict_id: r.get(2)?,
        change: Change::parse(&change).unwrap_or(Change::ClaimEdit),
        old: r.get(4)?,
        new: r.get(5)?,
        note: r.get(6)?,
        analyst: r.get(7)?,
        at: r.get(8)?,
    })
}


pub(super) fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

impl Store {
    /// The history of a claim, or of a conflict, in order.
    pub fn history(&self, target: Target) -> Result<Vec<HistoryEntry>> {
        let (col, id) = match target {
            Target::Claim(id) => ("claim_id", id),
            Target::Conflict(id) => ("conflict_id", id),
        };
        let mut st = self.conn().prepare(&format!("SELECT {HISTORY_COLUMNS} FROM history WHERE {col} = ?1 ORDER BY id"))?;
        let rows = st.query_map([id], history_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The whole history, in order.
    pub fn all_history(&self) -> Result<Vec<HistoryEntry>> {
        let mut st = self.conn().prepare(&format!("SELECT {HISTORY_COLUMNS} FROM history ORDER BY id"))?;
        let rows = st.query_map([], history_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
