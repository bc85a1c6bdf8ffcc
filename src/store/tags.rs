//! The `claim_tags` table: the analyst's tags on claims, the tags in use, and the party × tag
//! matrix. Tags are analyst data: every change to a claim's tags is logged as a `claim_edit` of
//! its `tags` field, in the same transaction, so the claim's history reads "tags: none → drone
//! supplies" among its other edits.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, Transaction};

use super::history::append_history_in;
use super::Store;
use crate::error::{Error, Result};
use crate::model::{CellClaim, Change, MatrixCell, MatrixParty, TagCount, TagMatrix, VerdictCount, DEFAULT_VERDICT};

/// Migration 14: tags on claims. Case is ignored when tags are compared ("Drone supplies" is
/// "drone supplies", "Énergie" is "énergie": see [`spelling_in_use`]), so one issue never
/// splits into two columns of the matrix; the spelling first used is kept. A deleted claim loses
/// its tags (its history keeps them).
pub(super) const MIGRATION: &str = r#"
CREATE TABLE claim_tags (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    tag TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (claim_id, tag)
);
CREATE INDEX claim_tags_tag ON claim_tags(tag, claim_id);
"#;

/// Whether a tag is added to or removed from claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagOp {
    /// Add the tag.
    Add,
    /// Remove it.
    Remove,
}

/// The spelling in use of `tag`, case ignored in every script (SQLite's NOCASE folds ASCII only,
/// and the analysts write French and Russian); `None` when no claim carries it. Distinct tags
/// are few (the questions of an investigation), so they are compared here rather than indexed.
fn spelling_in_use(conn: &Connection, tag: &str) -> Result<Option<String>> {
    let wanted = tag.to_lowercase();
    let mut st = conn.prepare_cached("SELECT DISTINCT tag FROM claim_tags")?;
    let rows = st.query_map([], |r| r.get::<_, String>(0))?;
    for t in rows {
        let t = t?;
        if t.to_lowercase() == wanted {
            return Ok(Some(t));
        }
    }
    Ok(None)
}

fn tags_of(tx: &Transaction<'_>, claim_id: i64) -> Result<Vec<String>> {
    let mut st = tx.prepare_cached("SELECT tag FROM claim_tags WHERE claim_id = ?1 ORDER BY tag")?;
    let rows = st.query_map([claim_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds or removes `tag` (already cleaned) on every claim of `ids`, logging each claim whose
/// tags changed; returns how many changed. An unknown claim id fails the whole call.
fn set_tag_in(tx: &Transaction<'_>, ids: &[i64], tag: &str, op: TagOp, note: &str, analyst: &str) -> Result<usize> {
    if ids.is_empty() {
        return Err(Error::bad_input("claims", "name at least one claim to tag"));
    }
    // The spelling already in use, so that "Drone supplies" joins "drone supplies".
    let tag = match (spelling_in_use(tx, tag)?, op) {
        (Some(t), _) => t,
        (None, TagOp::Add) => tag.to_string(),
        (None, TagOp::Remove) => return Err(Error::not_found("tag", tag)),
    };
    let mut changed = 0;
    for &id in ids {
        let exists: bool = tx.prepare_cached("SELECT 1 FROM claims WHERE id = ?1")?.exists([id])?;
        if !exists {
            return Err(Error::not_found("claim", id));
        }
        let before = tags_of(tx, id)?;
        let n = match op {
            TagOp::Add => tx.prepare_cached("INSERT OR IGNORE INTO claim_tags (claim_id, tag) VALUES (?1, ?2)")?.execute(params![id, tag])?,
            TagOp::Remove => tx.prepare_cached("DELETE FROM claim_tags WHERE claim_id = ?1 AND tag = ?2")?.execute(params![id, tag])?,
        };
        if n == 0 {
            continue;
        }
        let after = tags_of(tx, id)?;
        let old = serde_json::json!({ "tags": before }).to_string();
        let new = serde_json::json!({ "tags": after }).to_string();
        append_history_in(tx, Some(id), None, Change::ClaimEdit, Some(&old), Some(&new), note, analyst)?;
        changed += 1;
    }
    Ok(changed)
}

impl Store {
    /// Adds or removes `tag` on many claims in one transaction (all or none); see [`set_tag_in`].
    pub fn set_tag(&mut self, ids: &[i64], tag: &str, op: TagOp, note: &str, analyst: &str) -> Result<usize> {
        self.write(|tx| set_tag_in(tx, ids, tag, op, note, analyst))
    }

    /// A claim's tags, alphabetically.
    pub fn claim_tags(&self, claim_id: i64) -> Result<Vec<String>> {
        self.claim(claim_id)?;
        let mut st = self.conn().prepare_cached("SELECT tag FROM claim_tags WHERE claim_id = ?1 ORDER BY tag")?;
        let rows = st.query_map([claim_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The spelling in use of `tag` (case ignored), or `None` when no claim carries it.
    pub fn tag_in_use(&self, tag: &str) -> Result<Option<String>> {
        spelling_in_use(self.conn(), tag)
    }

    /// The tags in use with how many claims carry each, alphabetically with case ignored (in
    /// Rust, as the matrix orders its columns: NOCASE would order non-ASCII letters by bytes).
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        let mut st = self.conn().prepare("SELECT tag, count(*) FROM claim_tags GROUP BY tag")?;
        let rows = st.query_map([], |r| Ok(TagCount { tag: r.get(0)?, claims: r.get::<_, i64>(1)? as usize }))?;
        let mut tags: Vec<TagCount> = rows.collect::<rusqlite::Result<_>>()?;
        tags.sort_by_cached_key(|t| (t.tag.to_lowercase(), t.tag.clone()));
        Ok(tags)
    }

    /// The party × tag matrix of every tagged claim: each claim under its own party and under
    /// each of its tags, with its verdict.
    pub fn tag_matrix(&self) -> Result<TagMatrix> {
        let order: Vec<String> = self.taxonomy()?.verdicts.into_iter().map(|v| v.key).collect();
        let rank = |v: &str| order.iter().position(|k| k == v).unwrap_or(order.len());
        let mut st = self.conn().prepare(&format!(
            "SELECT c.party_key, p.name, t.tag, c.id, COALESCE(v.verdict, '{DEFAULT_VERDICT}')
             FROM claim_tags t JOIN claims c ON c.id = t.claim_id
             LEFT JOIN parties p ON p.key = c.party_key
             LEFT JOIN claim_verdicts v ON v.claim_id = c.id
             ORDER BY c.source_id, c.start, c.id"
        ))?;
        type Row = (Option<String>, Option<String>, String, i64, String);
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        // Rows sort by name with the unknown party last (the key breaks ties between namesakes);
        // columns case-insensitively, as the store compares tags.
        type RowKey = (bool, String, String);
        let mut parties: BTreeMap<RowKey, MatrixParty> = BTreeMap::new();
        let mut tags: BTreeMap<(String, String), String> = BTreeMap::new();
        let mut cells: BTreeMap<(RowKey, (String, String)), Vec<CellClaim>> = BTreeMap::new();
        for row in rows {
            let (key, name, tag, id, verdict): Row = row?;
            let name = match (&key, name) {
                (None, _) => "no party".to_string(),
                // A key without a gazetteer entry is shown as itself.
                (Some(k), n) => n.unwrap_or_else(|| k.clone()),
            };
            let row_key = (key.is_none(), name.to_lowercase(), key.clone().unwrap_or_default());
            parties.entry(row_key.clone()).or_insert_with(|| MatrixParty { key, name });
            let col = (tag.to_lowercase(), tag.clone());
            tags.entry(col.clone()).or_insert(tag);
            cells.entry((row_key, col)).or_default().push(CellClaim { id, verdict });
        }
        let cells = cells
            .into_iter()
            .map(|((row, col), claims)| {
                let mut counts: BTreeMap<(usize, String), usize> = BTreeMap::new();
                for c in &claims {
                    *counts.entry((rank(&c.verdict), c.verdict.clone())).or_default() += 1;
                }
                MatrixCell {
                    party: parties[&row].key.clone(),
                    tag: tags[&col].clone(),
                    claims,
                    verdicts: counts.into_iter().map(|((_, verdict), claims)| VerdictCount { verdict, claims }).collect(),
                }
            })
            .collect();
        Ok(TagMatrix { parties: parties.into_values().collect(), tags: tags.into_values().collect(), cells })
    }
}
