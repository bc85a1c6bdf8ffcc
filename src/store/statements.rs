//! The `claim_statements` table: claims that are one statement of one party carried by several
//! sources (a dispatch relayed by ten outlets, copies of one report cut differently). Each group
//! is named by its first claim (the statement); a claim without a row is its own statement.
//! Conflicts are kept between statements, so a party repeating itself in another source adds a
//! carrier, not a conflict.

use rusqlite::{params, OptionalExtension, Transaction};

use super::Store;
use crate::error::Result;

/// Migration 11: statement groups.
pub(super) const MIGRATION: &str = r#"
CREATE TABLE claim_statements (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    statement_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    CHECK (claim_id <> statement_id)
);
CREATE INDEX claim_statements_statement ON claim_statements(statement_id);
"#;

/// The statement a claim belongs to: its group's first claim, else itself.
pub(crate) fn statement_of_in(tx: &Transaction<'_>, claim: i64) -> Result<i64> {
    Ok(tx
        .prepare_cached("SELECT statement_id FROM claim_statements WHERE claim_id = ?1")?
        .query_row([claim], |r| r.get(0))
        .optional()?
        .unwrap_or(claim))
}

/// Records that `claim` carries `statement` (a statement id, as [`statement_of_in`] gives).
pub(crate) fn join_statement_in(tx: &Transaction<'_>, claim: i64, statement: i64) -> Result<()> {
    if claim == statement {
        return Ok(());
    }
    tx.prepare_cached("INSERT OR REPLACE INTO claim_statements (claim_id, statement_id) VALUES (?1, ?2)")?
        .execute(params![claim, statement])?;
    Ok(())
}

/// The first claim after `after` holding a key of hash `key`, other than `claim`, if any: the
/// statement an exact copy joins, found however many copies hold the key. The caller checks
/// that the holder's key is its own, not another of the same hash, and asks again past it.
pub(crate) fn first_holder_in(tx: &Transaction<'_>, key: i64, claim: i64, after: i64) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT claim_id FROM claim_keys WHERE key = ?1 AND claim_id <> ?2 AND claim_id > ?3 ORDER BY claim_id LIMIT 1")?
        .query_row(params![key, claim, after], |r| r.get(0))
        .optional()?)
}

/// True when one source carries both statements (each a statement id, as [`statement_of_in`]
/// gives): a dispatch holding both accounts, or copies of it. Their claims are that source's own
/// pair, never a disagreement across sources, however many copies put them in two sources.
pub(crate) fn statements_share_a_source_in(tx: &Transaction<'_>, a: i64, b: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM claims c
               WHERE (c.id = ?2 OR c.id IN (SELECT claim_id FROM claim_statements WHERE statement_id = ?2))
                 AND c.source_id IN (SELECT source_id FROM claims
                                     WHERE id = ?1 OR id IN (SELECT claim_id FROM claim_statements WHERE statement_id = ?1)))",
        )?
        .query_row(params![a, b], |r| r.get(0))?)
}

impl Store {
    /// Every claim carrying the statement `claim` belongs to, with its source: the statement's
    /// first claim, then its copies, in id order.
    pub fn carriers(&self, claim: i64) -> Result<Vec<(i64, i64)>> {
        let mut st = self.conn().prepare_cached(
            "WITH s AS (SELECT coalesce((SELECT statement_id FROM claim_statements WHERE claim_id = ?1), ?1) AS id)
             SELECT c.id, c.source_id FROM claims c, s
             WHERE c.id = s.id OR c.id IN (SELECT claim_id FROM claim_statements WHERE statement_id = s.id)
             ORDER BY c.id",
        )?;
        let rows = st.query_map([claim], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
