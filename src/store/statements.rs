//! The `claim_statements` table: claims that are one statement of one party carried by several
//! sources (a dispatch relayed by ten outlets, copies of one report cut differently). Each group
//! is named by one of its claims (the statement): the first stored, for the groups detection
//! makes; the one the analyst linked to, for a group joined by hand. The naming claim has no row,
//! and a claim without a row and without claims joined to it is its own statement. Conflicts are
//! kept between statements, so a party repeating itself in another source adds a carrier, not a
//! conflict. The analyst's links and unlinks go to the history, one entry per claim whose group
//! changed.

use rusqlite::{params, OptionalExtension, Transaction};

use super::history::append_history_in;
use super::Store;
use crate::error::{Error, Result};
use crate::model::{Carrier, Change, Statement};

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

/// The claims of `statement` (a statement id, as [`statement_of_in`] gives): itself and the
/// claims joined to it, in id order.
fn statement_claims_in(tx: &Transaction<'_>, statement: i64) -> Result<Vec<i64>> {
    let mut st = tx.prepare_cached(
        "SELECT ?1 UNION SELECT claim_id FROM claim_statements WHERE statement_id = ?1 ORDER BY 1",
    )?;
    let rows = st.query_map([statement], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A statement group as the history keeps it: its naming claim and all its claims.
fn group_json(statement: i64, claims: &[i64]) -> String {
    serde_json::json!({ "statement": statement, "claims": claims }).to_string()
}

/// The analyst says `claim` is the same statement as `same_as`: `claim`, with every claim of
/// its own statement (they are one statement already), joins the statement of `same_as`, which
/// keeps its name. Every claim of the statement after gets a history entry, since its group
/// changed. Returns the claims that moved. The caller checks that the two claims exist and may
/// be one party's words.
pub(crate) fn link_statement_in(tx: &Transaction<'_>, claim: i64, same_as: i64, note: &str, analyst: &str) -> Result<Vec<i64>> {
    let (from, to) = (statement_of_in(tx, claim)?, statement_of_in(tx, same_as)?);
    if from == to {
        return Err(Error::bad_input("claims", format!("claims {claim} and {same_as} already carry one statement (claim {to}'s)")));
    }
    let (moving, staying) = (statement_claims_in(tx, from)?, statement_claims_in(tx, to)?);
    let mut after = [&moving[..], &staying[..]].concat();
    after.sort_unstable();
    let after = group_json(to, &after);
    for &c in &moving {
        join_statement_in(tx, c, to)?;
    }
    for (group, statement) in [(&moving, from), (&staying, to)] {
        let before = group_json_or_alone(statement, group);
        for &c in group {
            append_history_in(tx, Some(c), None, Change::Statement, before.as_deref(), Some(&after), note, analyst)?;
        }
    }
    Ok(moving)
}

/// The analyst takes `claim` out of its statement: it stands alone again, and the others stay
/// one statement (named by the next of them when `claim` named it). Every claim of the
/// statement before gets a history entry. Refused when the claim carries no statement with
/// another.
pub(crate) fn unlink_statement_in(tx: &Transaction<'_>, claim: i64, note: &str, analyst: &str) -> Result<()> {
    let statement = statement_of_in(tx, claim)?;
    let group = statement_claims_in(tx, statement)?;
    let rest: Vec<i64> = group.iter().copied().filter(|&c| c != claim).collect();
    let Some(&next) = rest.first() else {
        return Err(Error::bad_input("claim", format!("claim {claim} carries no statement with another claim")));
    };
    let named = if claim == statement {
        tx.prepare_cached("DELETE FROM claim_statements WHERE claim_id = ?1")?.execute([next])?;
        tx.prepare_cached("UPDATE claim_statements SET statement_id = ?2 WHERE statement_id = ?1")?.execute(params![claim, next])?;
        next
    } else {
        tx.prepare_cached("DELETE FROM claim_statements WHERE claim_id = ?1")?.execute([claim])?;
        statement
    };
    let before = group_json(statement, &group);
    append_history_in(tx, Some(claim), None, Change::Statement, Some(&before), None, note, analyst)?;
    let after = group_json_or_alone(named, &rest);
    for &c in &rest {
        append_history_in(tx, Some(c), None, Change::Statement, Some(&before), after.as_deref(), note, analyst)?;
    }
    Ok(())
}

/// [`group_json`], or none for a claim standing alone.
fn group_json_or_alone(statement: i64, claims: &[i64]) -> Option<String> {
    (claims.len() > 1).then(|| group_json(statement, claims))
}

/// Records that `claim` carries `statement` (a statement id, as [`statement_of_in`] gives).
fn join_statement_in(tx: &Transaction<'_>, claim: i64, statement: i64) -> Result<()> {
    if claim == statement {
        return Ok(());
    }
    tx.prepare_cached("INSERT OR REPLACE INTO claim_statements (claim_id, statement_id) VALUES (?1, ?2)")?
        .execute(params![claim, statement])?;
    Ok(())
}

/// [`join_statement_in`] for a claim that carries no statement with another yet
/// ([`statement_of_in`] gives the claim itself), as detection joins copies: a plain insert.
/// `INSERT OR REPLACE` may delete a row, so SQLite journalled every page the statement touched
/// in case it had to be undone alone.
pub(crate) fn join_alone_statement_in(tx: &Transaction<'_>, claim: i64, statement: i64) -> Result<()> {
    if claim == statement {
        return Ok(());
    }
    tx.prepare_cached("INSERT INTO claim_statements (claim_id, statement_id) VALUES (?1, ?2)")?.execute(params![claim, statement])?;
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
    /// The statement `claim` carries, with every claim carrying it: a group of one for a claim
    /// carrying no statement with another.
    pub fn statement(&self, claim: i64) -> Result<Statement> {
        let id = self.statement_id(claim)?;
        let carriers = self.carriers(claim)?.into_iter().map(|(claim_id, source_id)| Carrier { claim_id, source_id }).collect();
        Ok(Statement { id, carriers })
    }

    /// The statement `claim` carries (its group's naming claim; the claim itself when alone).
    pub fn statement_id(&self, claim: i64) -> Result<i64> {
        self.conn()
            .prepare_cached("SELECT coalesce((SELECT statement_id FROM claim_statements WHERE claim_id = ?1), id) FROM claims WHERE id = ?1")?
            .query_row([claim], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("claim", claim))
    }

    /// Every claim carrying the statement `claim` belongs to, with its source, in id order.
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
