//! The `verdicts` table: the workspace's verdict taxonomy, seeded once from the shipped default,
//! with ratings derived from the display order so that the two never disagree.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::history::{append_history_in, to_json};
use super::Store;
use crate::error::{Error, Result};
use crate::model::{default_verdicts, ratings_for, Change, Labels, NewVerdict, Taxonomy, Verdict};

/// Whether the default verdicts were seeded.
pub(super) fn verdicts_seeded(conn: &rusqlite::Connection) -> Result<bool> {
    let seeded: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = 'verdicts_seeded'", [], |r| r.get(0)).optional()?;
    Ok(seeded.is_some())
}

/// Seeds the default taxonomy once; after that the workspace's own taxonomy is left alone.
pub(super) fn seed_verdicts_in(tx: &Transaction<'_>) -> Result<()> {
    let seeded: Option<String> =
        tx.query_row("SELECT value FROM meta WHERE key = 'verdicts_seeded'", [], |r| r.get(0)).optional()?;
    if seeded.is_some() {
        return Ok(());
    }
    let mut insert = tx.prepare(
        "INSERT OR IGNORE INTO verdicts (key, label_en, label_fr, colour, position, rated, conclusive)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, v) in default_verdicts()?.iter().enumerate() {
        insert.execute(params![v.key, v.label.en, v.label.fr, v.colour, i as i64 + 1, v.rated, v.conclusive])?;
    }
    renumber_in(tx, None)?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('verdicts_seeded', '1')", [])?;
    Ok(())
}

/// Rewrites positions 1..n (in `order`, or the current order) and derives ratings from them.
fn renumber_in(tx: &Transaction<'_>, order: Option<Vec<String>>) -> Result<()> {
    let current: Vec<(String, bool)> = {
        let mut st = tx.prepare("SELECT key, rated FROM verdicts ORDER BY position, key")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let rated: HashMap<String, bool> = current.iter().cloned().collect();
    let keys = order.unwrap_or_else(|| current.into_iter().map(|(k, _)| k).collect());
    let flags: Vec<bool> = keys.iter().map(|k| rated.get(k).copied().unwrap_or(false)).collect();
    let ratings = ratings_for(&flags);
    let mut update = tx.prepare("UPDATE verdicts SET position = ?2, rating = ?3 WHERE key = ?1")?;
    for (i, (key, rating)) in keys.iter().zip(ratings).enumerate() {
        update.execute(params![key, i as i64 + 1, rating])?;
    }
    Ok(())
}


fn verdict_from_row(r: &Row<'_>) -> rusqlite::Result<Verdict> {
    Ok(Verdict {
        key: r.get(0)?,
        label: Labels { en: r.get(1)?, fr: r.get(2)? },
        colour: r.get(3)?,
        position: r.get::<_, i64>(4)? as usize,
        rating: r.get::<_, Option<i64>>(5)?.map(|v| v as u32),
        conclusive: r.get(6)?,
    })
}

impl Store {
    /// The verdict taxonomy in display order.
    pub fn taxonomy(&self) -> Result<Taxonomy> {
        let mut st = self
            .conn()
            .prepare("SELECT key, label_en, label_fr, colour, position, rating, conclusive FROM verdicts ORDER BY position, key")?;
        let rows = st.query_map([], verdict_from_row)?;
        Ok(Taxonomy { verdicts: rows.collect::<rusqlite::Result<_>>()? })
    }

    /// Adds a verdict (validated by the caller) at its position, or last.
    pub fn add_verdict(&mut self, v: &NewVerdict, analyst: &str) -> Result<Taxonomy> {
        let mut keys: Vec<String> = self.taxonomy()?.verdicts.into_iter().map(|v| v.key).collect();
        if keys.contains(&v.key) {
            return Err(Error::bad_input("verdict", format!("{} already exists", v.key)));
        }
        let at = v.position.map_or(keys.len(), |p| p.saturating_sub(1).min(keys.len()));
        keys.insert(at, v.key.clone());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO verdicts (key, label_en, label_fr, colour, position, rated, conclusive) VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6)",
                params![v.key, v.label.en, v.label.fr, v.colour, v.rated, v.conclusive],
            )?;
            renumber_in(tx, Some(keys))?;
            let new = to_json(&serde_json::json!({"add": v.key, "label": v.label, "colour": v.colour, "rated": v.rated, "position": at + 1}));
            append_history_in(tx, None, None, Change::Taxonomy, None, Some(&new), "", analyst)
        })?;
        self.taxonomy()
    }

    /// Relabels a verdict.
    pub fn rename_verdict(&mut self, key: &str, labels: &Labels, analyst: &str) -> Result<Taxonomy> {
        let old = self.taxonomy()?.get(key).cloned().ok_or_else(|| Error::not_found("verdict", key))?;
        if labels.en.trim().is_empty() || labels.fr.trim().is_empty() {
            return Err(Error::bad_input("verdict label", "labels cannot be empty"));
        }
        self.write(|tx| {
            tx.execute("UPDATE verdicts SET label_en = ?2, label_fr = ?3 WHERE key = ?1", params![key, labels.en, labels.fr])?;
            let old = to_json(&serde_json::json!({"key": key, "label": old.label}));
            let new = to_json(&serde_json::json!({"key": key, "label": labels}));
            append_history_in(tx, None, None, Change::Taxonomy, Some(&old), Some(&new), "", analyst)
        })?;
        self.taxonomy()
    }

    /// Moves a verdict to a 1-based position; ratings follow the new order.
    pub fn move_verdict(&mut self, key: &str, position: usize, analyst: &str) -> Result<Taxonomy> {
        let mut keys: Vec<String> = self.taxonomy()?.verdicts.into_iter().map(|v| v.key).collect();
        let from = keys.iter().position(|k| k == key).ok_or_else(|| Error::not_found("verdict", key))?;
        if position == 0 || position > keys.len() {
            return Err(Error::bad_input("position", format!("must be between 1 and {}", keys.len())));
        }
        let k = keys.remove(from);
        keys.insert(position - 1, k);
        self.write(|tx| {
            renumber_in(tx, Some(keys))?;
            let old = to_json(&serde_json::json!({"key": key, "position": from + 1}));
            let new = to_json(&serde_json::json!({"key": key, "position": position}));
            append_history_in(tx, None, None, Change::Taxonomy, Some(&old), Some(&new), "", analyst)
        })?;
        self.taxonomy()
    }
}
