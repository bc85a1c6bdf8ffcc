//! The review of claims: each claim's confidence, the doubts it reads back as, and its review
//! state; the review queue; the analyst's accept (or send back) of many claims at once.
//!
//! The queue holds every claim still `to_review`, and every claim whose party is unknown whatever
//! its state: a claim with no party cannot be accepted, only corrected. A review change is
//! logged as a `claim_edit` of the `review` field, so the history reads as one list of edits.

use rusqlite::{params, OptionalExtension, Transaction};

use super::history::append_history_in;
use super::Store;
use crate::error::{Error, Result};
use crate::model::{Change, ReviewState};

/// Migration 12: confidence, doubts and review state of claims. Claims stored before have no
/// record of what the extractor was sure of; the only doubt the store can still see is a missing
/// party. The analyst's own claims count as edited.
pub(super) const MIGRATION: &str = r#"
ALTER TABLE claims ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
ALTER TABLE claims ADD COLUMN doubts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE claims ADD COLUMN review TEXT NOT NULL DEFAULT 'to_review' CHECK (review IN ('to_review','reviewed','edited'));
UPDATE claims SET review = 'edited' WHERE origin = 'analyst';
UPDATE claims SET confidence = 0.75, doubts = '["no_party"]' WHERE party_key IS NULL AND origin = 'extracted';
CREATE INDEX claims_review_queue ON claims(review, confidence, id);
"#;

/// Migration 13: whether a claim is in the queue, as a generated column indexed in the queue's
/// order, so that a page of the queue walks the index instead of sorting 100,000 claims on
/// an OR of two conditions (200 ms a page before, measured by `benches/browse.rs`).
pub(super) const QUEUE_INDEX: &str = r#"
ALTER TABLE claims ADD COLUMN queued INTEGER GENERATED ALWAYS AS (review = 'to_review' OR party_key IS NULL) VIRTUAL;
DROP INDEX claims_review_queue;
CREATE INDEX claims_queue ON claims(queued, confidence, source_id, start, id);
"#;

/// The SQL condition selecting the claims `c` of the review queue.
pub(super) const IN_QUEUE: &str = "c.queued = 1";

/// Sets the review state of `ids`, logging each change; returns how many changed. Accepting
/// (`reviewed`) a claim without a party is refused: it needs a correction, and stays queued.
/// `edited` is what a correction sets, not something to set by hand.
pub(super) fn set_review_in(tx: &Transaction<'_>, ids: &[i64], state: ReviewState, note: &str, analyst: &str) -> Result<usize> {
    if state == ReviewState::Edited {
        return Err(Error::bad_input("review", "a claim becomes `edited` when the analyst corrects it; set to_review or reviewed"));
    }
    let mut changed = 0;
    for &id in ids {
        let row: Option<(i64, Option<String>)> = tx
            .prepare_cached("SELECT review, party_key FROM claims WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (old, party) = row.ok_or_else(|| Error::not_found("claim", id))?;
        let old = super::compact::review_of(old);
        if state == ReviewState::Reviewed && party.is_none() {
            return Err(Error::bad_input(
                "review",
                format!("claim {id} has no party: choose who speaks (claim edit --party) instead of accepting it"),
            ));
        }
        if old == state {
            continue;
        }
        tx.prepare_cached("UPDATE claims SET review = ?2 WHERE id = ?1")?.execute(params![id, super::compact::review_code(state)])?;
        let before = serde_json::json!({ "review": old.as_str() }).to_string();
        let after = serde_json::json!({ "review": state.as_str() }).to_string();
        append_history_in(tx, Some(id), None, Change::ClaimEdit, Some(&before), Some(&after), note, analyst)?;
        changed += 1;
    }
    Ok(changed)
}

impl Store {
    /// Sets the review state of many claims in one transaction (all or none); see [`set_review_in`].
    pub fn set_review(&mut self, ids: &[i64], state: ReviewState, note: &str, analyst: &str) -> Result<usize> {
        self.write(|tx| set_review_in(tx, ids, state, note, analyst))
    }

    /// How many claims the review queue holds.
    pub fn queue_len(&self) -> Result<i64> {
        Ok(self.conn().query_row(&format!("SELECT count(*) FROM claims c WHERE {IN_QUEUE}"), [], |r| r.get(0))?)
    }
}
