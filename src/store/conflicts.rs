//! The `conflicts`, `conflict_claims`, `rejected_pairs` and `claim_keys` tables.
//!
//! `status` is `proposed`, `confirmed` or `rejected` (verification keeps its own judgement of a
//! conflict, who is right, in `conflict_verdicts`); each review by the analyst is appended to the
//! history in the transaction that makes it. `claim_keys` is the inverted index
//! the candidate finder blocks on: one row per (key, claim), the key as its 47-bit hash
//! ([`crate::text::key_hash`]). `detect_queue` holds the claims detection has not read yet.

use rusqlite::{params, OptionalExtension, Transaction};

use super::compact::{time_code, time_of};
use super::Store;
use crate::error::{Error, Result};
use crate::model::{conflict_status, Change, Conflict, ConflictMember, ConflictOrigin, ConflictStatus, MatchEvidence, Speaker, Stance};

/// Schema of this module, appended to the migrations.
pub(super) const MIGRATION: &str = r#"
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    status TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('reply','candidate','analyst')),
    score REAL,
    evidence TEXT NOT NULL DEFAULT '[]',
    explanation TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX conflicts_status ON conflicts(status);

CREATE TABLE conflict_claims (
    conflict_id INTEGER NOT NULL REFERENCES conflicts(id) ON DELETE CASCADE,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (conflict_id, claim_id)
) WITHOUT ROWID;
CREATE INDEX conflict_claims_claim ON conflict_claims(claim_id);

-- The analyst said these two claims are not in conflict: never propose them again.
CREATE TABLE rejected_pairs (
    claim_a INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    claim_b INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (claim_a, claim_b),
    CHECK (claim_a < claim_b)
) WITHOUT ROWID;

CREATE TABLE claim_keys (
    key TEXT NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (key, claim_id)
) WITHOUT ROWID;
CREATE INDEX claim_keys_claim ON claim_keys(claim_id);
"#;

/// Migration 7: the claims awaiting detection, kept as a queue so that each import reads only its
/// own new claims (finding them by absence from `claim_keys` scanned every claim of the store on
/// every import, which made a long batch quadratic). An edited claim goes back in the queue, so its
/// new words are matched against the others at the next detection.
pub(super) const DETECT_QUEUE: &str = r#"
CREATE TABLE detect_queue (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE
);
INSERT INTO detect_queue (claim_id)
    SELECT c.id FROM claims c WHERE NOT EXISTS (SELECT 1 FROM claim_keys k WHERE k.claim_id = c.id);
CREATE TRIGGER claims_detect_ai AFTER INSERT ON claims BEGIN
    INSERT OR IGNORE INTO detect_queue (claim_id) VALUES (new.id);
END;
CREATE TRIGGER claims_detect_au AFTER UPDATE OF text, speaker, party_key, countries ON claims BEGIN
    INSERT OR IGNORE INTO detect_queue (claim_id) VALUES (new.id);
END;
"#;

/// The key index since migration 17, in two tables. `claim_keys` holds a key's hash
/// (`text::key_hash`) in place of its text, and only the postings detection reads: the holders
/// of a blocking key held by at most [`MAX_POSTINGS`] claims, every holder of a statement key.
/// A blocking key held by more is in `common_keys` alone: too common to block on, its postings
/// were never read, yet they were 99 % of the blocking postings of a 108,000-claim workspace.
/// Before, every posting was stored as text (16.5 bytes a key on average, 66 a statement key)
/// and again in the by-claim index: a third of the store. Two keys with one hash share their
/// postings: readers treat a posting as "maybe holds this key" (see `align::Detection`).
const HASHED_KEYS: &str = r#"
CREATE TABLE claim_keys (
    key INTEGER NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (key, claim_id)
) WITHOUT ROWID;
CREATE INDEX claim_keys_claim ON claim_keys(claim_id);
CREATE TABLE common_keys (key INTEGER PRIMARY KEY);
"#;

/// How many claims a blocking key may hold and still block: past this the key says nothing
/// about one event (`align::candidates::CandidateConfig::max_postings`), and the index stores
/// no more of its holders.
pub const MAX_POSTINGS: usize = 100;

/// Migration 17: the key index rewritten as [`HASHED_KEYS`] says. The hash is computed here, in
/// Rust (SQLite has no FNV-1a), for every key of the old index, and the index keeps what a
/// detection of the same claims in id order keeps: nothing is detected again, and the next
/// import reads the same postings as before.
pub(super) fn hash_keys_in(tx: &Transaction<'_>) -> Result<()> {
    // Run again over its own work, it leaves it (tests rebuild older stores from newer ones).
    if tx.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'common_keys'")?.exists([])? {
        return Ok(());
    }
    tx.execute_batch("ALTER TABLE claim_keys RENAME TO claim_keys_text; DROP INDEX claim_keys_claim;")?;
    tx.execute_batch(HASHED_KEYS)?;
    {
        // In key order, each key's holders in claim order: the first holders are those kept.
        let mut read = tx.prepare("SELECT key, claim_id FROM claim_keys_text ORDER BY key, claim_id")?;
        let mut write = tx.prepare("INSERT OR IGNORE INTO claim_keys (key, claim_id) VALUES (?1, ?2)")?;
        let mut common = tx.prepare("INSERT OR IGNORE INTO common_keys (key) VALUES (?1)")?;
        // Rows are written in chunks sorted by hash, so that each chunk fills the B-tree's pages
        // in order rather than at random.
        const CHUNK: usize = 1 << 20;
        let mut chunk: Vec<(i64, i64)> = Vec::with_capacity(CHUNK);
        let mut flush = |chunk: &mut Vec<(i64, i64)>| -> Result<()> {
            chunk.sort_unstable();
            for (key, claim) in chunk.drain(..) {
                write.execute(params![key, claim])?;
            }
            Ok(())
        };
        // One key's holders at a time; statement keys ("x:…") keep every holder (a copy looks
        // up the first), a blocking key keeps its holders while they are few enough to block on.
        let (mut current, mut holders) = (String::new(), Vec::new());
        let mut key_done = |key: &str, holders: &mut Vec<i64>, chunk: &mut Vec<(i64, i64)>| -> Result<()> {
            let hash = crate::text::key_hash(key);
            if key.starts_with("x:") || holders.len() <= MAX_POSTINGS {
                chunk.extend(holders.drain(..).map(|c| (hash, c)));
            } else {
                holders.clear();
                common.execute([hash])?;
            }
            Ok(())
        };
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let key: String = r.get(0)?;
            if key != current {
                key_done(&current, &mut holders, &mut chunk)?;
                if chunk.len() >= CHUNK {
                    flush(&mut chunk)?;
                }
                current = key;
            }
            holders.push(r.get(1)?);
        }
        key_done(&current, &mut holders, &mut chunk)?;
        flush(&mut chunk)?;
    }
    tx.execute_batch("DROP TABLE claim_keys_text;")?;
    Ok(())
}

/// Migration 9: what the tool finds is proposed, not confirmed. Candidates were `candidate`, and
/// reply conflicts were created `confirmed` although no analyst had looked at them; those the
/// analyst never touched (no history entry: confirming wrote none, so a reply conflict that an
/// analyst judged has one) go back to `proposed`. The analyst's own conflicts stay confirmed.
pub(super) const PROPOSED: &str = r#"
UPDATE conflicts SET status = 'proposed' WHERE status = 'candidate';
UPDATE conflicts SET status = 'proposed'
    WHERE status = 'confirmed' AND origin <> 'analyst'
      AND NOT EXISTS (SELECT 1 FROM history h WHERE h.conflict_id = conflicts.id);
"#;

/// Which conflicts to list.
#[derive(Debug, Clone, Default)]
pub struct ConflictFilter {
    /// Only this status; `None` lists every status but `rejected`.
    pub status: Option<String>,
    /// Only conflicts holding this claim.
    pub claim: Option<i64>,
}

/// What the candidate finder reads of a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimBrief {
    /// Claim id.
    pub id: i64,
    /// Its source.
    pub source_id: i64,
    /// Content text.
    pub text: String,
    /// Speaker.
    pub speaker: Speaker,
    /// Stance.
    pub stance: Stance,
    /// The claim it answers.
    pub responds_to: Option<i64>,
}

/// The columns a [`ClaimBrief`] is read from, for claims named `c`, in [`brief_at`]'s order:
/// the text as stored, and where the claim lies in its source for a text read from there.
fn brief_columns(c: &str) -> String {
    format!("{c}.id, {c}.source_id, {c}.text, {c}.speaker, {c}.party_key, {c}.countries, {c}.stance, {c}.responds_to, {c}.text_is_source, {c}.start, {c}.end")
}

/// How many columns [`brief_columns`] lists.
const BRIEF_WIDTH: usize = 11;

/// A brief as read from its row: its text is still to be read from its source at `span`
/// (chars) when that is set.
struct BriefRow {
    brief: ClaimBrief,
    span: Option<(usize, usize)>,
}

/// The brief in a row's columns `at..at + BRIEF_WIDTH`, as [`brief_columns`] lists them.
fn brief_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<BriefRow> {
    let countries: String = r.get(at + 5)?;
    let from_source: bool = r.get(at + 8)?;
    let span = (r.get::<_, i64>(at + 9)?, r.get::<_, i64>(at + 10)?);
    Ok(BriefRow {
        brief: ClaimBrief {
            id: r.get(at)?,
            source_id: r.get(at + 1)?,
            text: r.get(at + 2)?,
            speaker: Speaker { name: r.get(at + 3)?, party: r.get(at + 4)?, countries: serde_json::from_str(&countries).unwrap_or_default() },
            stance: super::compact::stance_of(r.get(at + 6)?),
            responds_to: r.get(at + 7)?,
        },
        span: from_source.then(|| (usize::try_from(span.0).unwrap_or(0), usize::try_from(span.1).unwrap_or(0))),
    })
}

/// The briefs of `rows`, each text read from its source where it lies there. A source's text
/// is read and indexed by chars once for the claims of it that follow one another, as a slice
/// in id order holds them: read in SQL claim by claim (`substr` of the source's row, counting
/// chars from its start), the texts made a full detection 13 % more instructions. A claim alone
/// has its words cut in SQL, not its source's whole text copied out.
fn with_texts(tx: &Transaction<'_>, mut rows: Vec<BriefRow>) -> Result<Vec<ClaimBrief>> {
    for run in rows.chunk_by_mut(|a, b| a.brief.source_id == b.brief.source_id) {
        match run.iter().filter(|r| r.span.is_some()).count() {
            0 => {}
            1 => {
                let Some(BriefRow { brief, span: Some((start, end)) }) = run.iter_mut().find(|r| r.span.is_some()) else { continue };
                brief.text = tx
                    .prepare_cached("SELECT substr(text, ?2 + 1, ?3 - ?2) FROM sources WHERE id = ?1")?
                    .query_row(params![brief.source_id, *start as i64, (*end).max(*start) as i64], |r| r.get(0))?;
            }
            _ => {
                let text: String = tx.prepare_cached("SELECT text FROM sources WHERE id = ?1")?.query_row([run[0].brief.source_id], |r| r.get(0))?;
                let chars = crate::text::CharIndex::new(&text);
                for BriefRow { brief, span } in run.iter_mut() {
                    if let Some((start, end)) = *span {
                        brief.text = chars.slice(start, end).to_string();
                    }
                }
            }
        }
    }
    Ok(rows.into_iter().map(|r| r.brief).collect())
}

/// A claim's brief.
pub(crate) fn claim_brief_in(tx: &Transaction<'_>, id: i64) -> Result<Option<ClaimBrief>> {
    Ok(claim_briefs_in(tx, &[id])?.pop())
}

/// The briefs of the claims `ids` that exist, in that order; a run of claims of one source has
/// its source's text read once.
pub(crate) fn claim_briefs_in(tx: &Transaction<'_>, ids: &[i64]) -> Result<Vec<ClaimBrief>> {
    // Cached: detection reads a brief for every claim it shortlists.
    let mut st = tx.prepare_cached(&format!("SELECT {} FROM claims c WHERE c.id = ?1", brief_columns("c")))?;
    let mut rows = Vec::with_capacity(ids.len());
    for &id in ids {
        rows.extend(st.query_row([id], |r| brief_at(r, 0)).optional()?);
    }
    with_texts(tx, rows)
}

/// The briefs of the first `limit` claims after claim `after`, in id order: a whole-store pass
/// reads the claims in slices of this kind, each one range of the table.
pub(crate) fn claim_briefs_after_in(tx: &Transaction<'_>, after: i64, limit: usize) -> Result<Vec<ClaimBrief>> {
    let mut st = tx.prepare_cached(&format!("SELECT {} FROM claims c WHERE c.id > ?1 ORDER BY c.id LIMIT ?2", brief_columns("c")))?;
    let rows = st.query_map(params![after, limit as i64], |r| brief_at(r, 0))?.collect::<rusqlite::Result<_>>()?;
    with_texts(tx, rows)
}

/// A claim answering another, and the claim it answers: the first `limit` after claim `after`,
/// in id order (a claim whose target is gone is not one).
pub(crate) fn replies_after_in(tx: &Transaction<'_>, after: i64, limit: usize) -> Result<Vec<(ClaimBrief, ClaimBrief)>> {
    let mut st = tx.prepare_cached(&format!(
        "SELECT {}, {} FROM claims c JOIN claims t ON t.id = c.responds_to WHERE c.id > ?1 ORDER BY c.id LIMIT ?2",
        brief_columns("c"),
        brief_columns("t")
    ))?;
    // Each reply beside the claim it answers, most often in the same source.
    let mut rows = Vec::new();
    for pair in st.query_map(params![after, limit as i64], |r| Ok((brief_at(r, 0)?, brief_at(r, BRIEF_WIDTH)?)))? {
        let (reply, target) = pair?;
        rows.extend([reply, target]);
    }
    let mut briefs = with_texts(tx, rows)?.into_iter();
    let mut pairs = Vec::with_capacity(briefs.len() / 2);
    while let (Some(reply), Some(target)) = (briefs.next(), briefs.next()) {
        pairs.push((reply, target));
    }
    Ok(pairs)
}

/// Claims awaiting detection (new or edited), in id order.
pub(crate) fn unindexed_claims_in(tx: &Transaction<'_>) -> Result<Vec<i64>> {
    let mut st = tx.prepare_cached("SELECT claim_id FROM detect_queue ORDER BY claim_id")?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Forgets a claim's keys (an edited claim's, before it is indexed again).
pub(crate) fn unindex_claim_in(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM claim_keys WHERE claim_id = ?1")?.execute([id])?;
    Ok(())
}

/// Takes a claim out of the detection queue: detection has read it.
pub(crate) fn dequeue_claim_in(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM detect_queue WHERE claim_id = ?1")?.execute([id])?;
    Ok(())
}

/// Marks keys too common to block on (the caller decides which, by [`MAX_POSTINGS`]) and
/// deletes their postings: those of each `(key, true)`; a `(key, false)` has none stored.
pub(crate) fn mark_common_in(tx: &Transaction<'_>, keys: &[(i64, bool)]) -> Result<()> {
    for &(k, stored) in keys {
        tx.prepare_cached("INSERT OR IGNORE INTO common_keys (key) VALUES (?1)")?.execute([k])?;
        if stored {
            tx.prepare_cached("DELETE FROM claim_keys WHERE key = ?1")?.execute([k])?;
        }
    }
    Ok(())
}

/// Empties the key index, for a detection that reads every claim afresh.
pub(crate) fn clear_index_in(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM claim_keys", [])?;
    tx.execute("DELETE FROM common_keys", [])?;
    Ok(())
}

/// Queues every claim for detection (with [`clear_index_in`], a rescan claim by claim: what a
/// whole-store detection is compared with).
#[cfg(test)]
pub(crate) fn queue_all_in(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("INSERT OR IGNORE INTO detect_queue (claim_id) SELECT id FROM claims", [])?;
    Ok(())
}

/// Writes many (key hash, claim) postings at once, and the keys too common to block on: a
/// whole-store detection builds the index in memory and writes it here, sorted for the B-tree.
pub(crate) fn insert_postings_in(tx: &Transaction<'_>, postings: &[(i64, i64)], common: &[i64]) -> Result<()> {
    let mut st = tx.prepare_cached("INSERT OR IGNORE INTO claim_keys (key, claim_id) VALUES (?1, ?2)")?;
    for (key, claim) in postings {
        st.execute(params![key, claim])?;
    }
    let mut st = tx.prepare_cached("INSERT OR IGNORE INTO common_keys (key) VALUES (?1)")?;
    for key in common {
        st.execute([key])?;
    }
    Ok(())
}

/// Marks every claim as read by detection: a whole-store detection indexed them all.
pub(crate) fn dequeue_all_in(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM detect_queue", [])?;
    Ok(())
}

/// Claims holding a key of hash `key`, or `None` when more than `cap` do (too common to block
/// on). The index stores no holders of a key held by more than [`MAX_POSTINGS`]: a larger
/// `cap` reads such a key as common still.
pub(crate) fn postings_in(tx: &Transaction<'_>, key: i64, cap: usize) -> Result<Option<Vec<i64>>> {
    if tx.prepare_cached("SELECT 1 FROM common_keys WHERE key = ?1")?.exists([key])? {
        return Ok(None);
    }
    let mut st = tx.prepare_cached("SELECT claim_id FROM claim_keys WHERE key = ?1 LIMIT ?2")?;
    let ids: Vec<i64> = st.query_map(params![key, cap as i64 + 1], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok((ids.len() <= cap).then_some(ids))
}

/// True when the analyst rejected this pair.
pub(crate) fn is_rejected_in(tx: &Transaction<'_>, a: i64, b: i64) -> Result<bool> {
    let (a, b) = (a.min(b), a.max(b));
    Ok(tx
        .prepare_cached("SELECT 1 FROM rejected_pairs WHERE claim_a = ?1 AND claim_b = ?2")?
        .exists(params![a, b])?)
}

/// Remembers that the analyst rejected this pair.
pub(crate) fn reject_pair_in(tx: &Transaction<'_>, a: i64, b: i64) -> Result<()> {
    if a == b {
        return Ok(());
    }
    tx.execute(
        "INSERT OR IGNORE INTO rejected_pairs (claim_a, claim_b, created_at) VALUES (?1, ?2, ?3)",
        params![a.min(b), a.max(b), super::now()],
    )?;
    Ok(())
}

/// True when some conflict already holds both claims.
pub(crate) fn share_conflict_in(tx: &Transaction<'_>, a: i64, b: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT 1 FROM conflict_claims x JOIN conflict_claims y ON x.conflict_id = y.conflict_id
             WHERE x.claim_id = ?1 AND y.claim_id = ?2",
        )?
        .exists(params![a, b])?)
}

/// The reply conflict that holds `claim`, if any (not a rejected one): the first by id.
pub(crate) fn reply_conflict_of_in(tx: &Transaction<'_>, claim: i64) -> Result<Option<i64>> {
    // Ordered by the member's conflict id, which the claim's index gives in order: ordered by
    // `c.id`, the same number, SQLite sorted the claim's conflicts in a temporary B-tree for
    // every reply an import stores.
    Ok(tx
        .prepare_cached(
            "SELECT c.id FROM conflicts c JOIN conflict_claims m ON m.conflict_id = c.id
             WHERE m.claim_id = ?1 AND c.origin = 'reply' AND c.status <> 'rejected' ORDER BY m.conflict_id LIMIT 1",
        )?
        .query_row([claim], |r| r.get(0))
        .optional()?)
}

/// A conflict about to be stored.
#[derive(Debug, Clone)]
pub struct NewConflict<'a> {
    /// Initial status.
    pub status: &'a str,
    /// Where it came from.
    pub origin: ConflictOrigin,
    /// Candidate score.
    pub score: Option<f32>,
    /// Why it was proposed.
    pub evidence: &'a [MatchEvidence],
    /// The analyst's note.
    pub explanation: Option<&'a str>,
    /// Its claims.
    pub claims: &'a [i64],
}

/// Stores a conflict with its claims; returns its id.
pub(crate) fn insert_conflict_in(tx: &Transaction<'_>, c: &NewConflict<'_>) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO conflicts (status, origin, score, evidence, explanation, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)",
    )?
    .execute(params![
            c.status,
            c.origin.as_str(),
            c.score.map(f64::from),
            serde_json::to_string(c.evidence).unwrap_or_else(|_| "[]".into()),
            c.explanation,
            time_code(super::now())
        ],
    )?;
    let id = tx.last_insert_rowid();
    // The new conflict was written just now: its members leave its time as it is (touching it
    // for each was two more statements per conflict detection makes).
    for &claim in c.claims {
        insert_member_in(tx, id, claim)?;
    }
    Ok(id)
}

/// Stores the analyst's own conflict, confirmed, with its claims, and appends its building (the
/// claims it holds and the explanation) to the history under the analyst's name. Returns its id.
pub(crate) fn build_conflict_in(tx: &Transaction<'_>, claims: &[i64], explanation: Option<&str>, analyst: &str) -> Result<i64> {
    let id = insert_conflict_in(
        tx,
        &NewConflict { status: conflict_status::CONFIRMED, origin: ConflictOrigin::Analyst, score: None, evidence: &[], explanation, claims },
    )?;
    let built = serde_json::json!({ "claims": members_in(tx, id)?, "explanation": explanation }).to_string();
    super::history::append_history_in(tx, None, Some(id), Change::ConflictClaims, None, Some(&built), "", analyst)?;
    Ok(id)
}

/// Adds a claim to a conflict by the analyst's hand and appends the change (its claims before
/// and after) to the history; false, and nothing written, when the claim was in it already.
pub(crate) fn add_member_by_hand_in(tx: &Transaction<'_>, conflict: i64, claim: i64, analyst: &str) -> Result<bool> {
    let before = members_in(tx, conflict)?;
    if !insert_member_in(tx, conflict, claim)? {
        return Ok(false);
    }
    log_members_in(tx, conflict, &before, analyst)?;
    Ok(true)
}

/// Touches a conflict whose claims the analyst changed by hand and appends the change to the
/// history: its claims before and after.
fn log_members_in(tx: &Transaction<'_>, conflict: i64, before: &[i64], analyst: &str) -> Result<()> {
    touch_in(tx, conflict)?;
    let claims = |ids: &[i64]| serde_json::json!({ "claims": ids }).to_string();
    let after = members_in(tx, conflict)?;
    super::history::append_history_in(tx, None, Some(conflict), Change::ConflictClaims, Some(&claims(before)), Some(&claims(&after)), "", analyst)
}

/// Adds a claim to a conflict (no-op if it is there: a rescan meets every reply conflict's
/// members again, and touched each conflict's time for nothing).
pub(crate) fn add_member_in(tx: &Transaction<'_>, conflict: i64, claim: i64) -> Result<()> {
    if insert_member_in(tx, conflict, claim)? {
        touch_in(tx, conflict)?;
    }
    Ok(())
}

/// Adds a claim to a conflict; false when it was there already.
fn insert_member_in(tx: &Transaction<'_>, conflict: i64, claim: i64) -> Result<bool> {
    let added = tx
        .prepare_cached("INSERT OR IGNORE INTO conflict_claims (conflict_id, claim_id) VALUES (?1, ?2)")?
        .execute(params![conflict, claim])
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::not_found("claim", claim),
            _ => e.into(),
        })?;
    Ok(added > 0)
}

/// Removes a claim from a conflict by the analyst's hand and appends the change to the history
/// (its claims before and after, as an addition does); false if it was not in it.
pub(crate) fn remove_member_by_hand_in(tx: &Transaction<'_>, conflict: i64, claim: i64, analyst: &str) -> Result<bool> {
    let before = members_in(tx, conflict)?;
    let n = tx.execute("DELETE FROM conflict_claims WHERE conflict_id = ?1 AND claim_id = ?2", params![conflict, claim])?;
    if n == 0 {
        return Ok(false);
    }
    log_members_in(tx, conflict, &before, analyst)?;
    Ok(true)
}

/// Sets a conflict's review status and appends the change, with the analyst's reason, to the
/// history; nothing is written when the status is already that one. Returns the status before.
pub(crate) fn review_in(tx: &Transaction<'_>, conflict: i64, status: &str, note: &str, analyst: &str) -> Result<String> {
    let old: String = tx
        .query_row("SELECT status FROM conflicts WHERE id = ?1", [conflict], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("conflict", conflict))?;
    if old == status {
        return Ok(old);
    }
    tx.execute("UPDATE conflicts SET status = ?2, updated_at = ?3 WHERE id = ?1", params![conflict, status, time_code(super::now())])?;
    super::history::append_history_in(tx, None, Some(conflict), Change::ConflictReview, Some(&old), Some(status), note, analyst)?;
    Ok(old)
}

fn touch_in(tx: &Transaction<'_>, conflict: i64) -> Result<()> {
    tx.prepare_cached("UPDATE conflicts SET updated_at = ?2 WHERE id = ?1")?.execute(params![conflict, time_code(super::now())])?;
    Ok(())
}

/// Member claim ids of a conflict.
pub(crate) fn members_in(tx: &Transaction<'_>, conflict: i64) -> Result<Vec<i64>> {
    let mut st = tx.prepare("SELECT claim_id FROM conflict_claims WHERE conflict_id = ?1 ORDER BY claim_id")?;
    let rows = st.query_map([conflict], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Forgets what detection found (the tool's conflicts and the statement groups), keeping the
/// analyst's conflicts and rejected pairs: a rescan then has everything to find again.
#[cfg(test)]
pub(crate) fn forget_detection_in(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch("DELETE FROM conflicts WHERE origin <> 'analyst'; DELETE FROM claim_statements;")?;
    Ok(())
}

/// The key index as stored, for tests that compare two detections.
#[cfg(test)]
#[derive(Debug, PartialEq)]
pub(crate) struct KeyIndex {
    /// (key hash, claim), in that order.
    pub postings: Vec<(i64, i64)>,
    /// Keys too common to block on.
    pub common: Vec<i64>,
    /// Claims queued for detection.
    pub queued: Vec<i64>,
}

#[cfg(test)]
impl Store {
    /// The key index as stored.
    pub(crate) fn key_index(&self) -> Result<KeyIndex> {
        let all = |sql: &str| -> Result<Vec<i64>> {
            let mut st = self.conn().prepare(sql)?;
            let rows = st.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let mut st = self.conn().prepare("SELECT key, claim_id FROM claim_keys ORDER BY key, claim_id")?;
        let postings = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(KeyIndex { postings, common: all("SELECT key FROM common_keys ORDER BY key")?, queued: all("SELECT claim_id FROM detect_queue ORDER BY claim_id")? })
    }
}

impl Store {
    /// Conflicts matching `filter`: confirmed before proposed, then by score (replies and the
    /// analyst's first), then by id. Each carries the analyst's judgement of who is right.
    pub fn conflicts(&self, filter: &ConflictFilter) -> Result<Vec<Conflict>> {
        self.conflicts_window(filter, 0, usize::MAX)
    }

    /// The conflicts at `offset..offset + limit` of [`Store::conflicts`]' list: a list to choose
    /// from, where every conflict with its members was 210,000 at a million claims.
    pub fn conflicts_window(&self, filter: &ConflictFilter, offset: usize, limit: usize) -> Result<Vec<Conflict>> {
        self.read_conflicts(filter, None, offset, limit)
    }

    /// [`Store::conflicts_window`], or the one conflict `only` when it passes the filter.
    fn read_conflicts(&self, filter: &ConflictFilter, only: Option<i64>, offset: usize, limit: usize) -> Result<Vec<Conflict>> {
        // A claim's conflicts are picked from its members below, so their window is taken after.
        let (sql_offset, sql_limit) = match filter.claim {
            None => (offset, limit),
            Some(_) => (0, usize::MAX),
        };
        let as_sql = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        // One conflict is looked up by its id, not found in its status's sorted list.
        let one = if only.is_some() { "c.id = ?4" } else { "?4 IS NULL" };
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT c.id, c.status, c.origin, c.score, c.evidence, c.explanation, c.created_at,
                    coalesce(c.updated_at, c.created_at), v.status, v.party_key
             FROM conflicts c LEFT JOIN conflict_verdicts v ON v.conflict_id = c.id
             WHERE {one} AND ((?1 IS NULL AND c.status <> 'rejected') OR c.status = ?1)
             ORDER BY CASE c.status WHEN 'proposed' THEN 1 ELSE 0 END, coalesce(c.score, 1) DESC, c.id
             LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = st.query_map(params![filter.status.as_deref(), as_sql(sql_limit), as_sql(sql_offset), only], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<f64>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                time_of(r.get(6)?),
                time_of(r.get(7)?),
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, status, origin, score, evidence, explanation, created_at, updated_at, verdict, party) = row?;
            let resolution = verdict.and_then(|v| ConflictStatus::parse(&v, party.as_deref()).ok()).unwrap_or_default();
            let claims = self.members(id)?;
            if let Some(c) = filter.claim {
                if !claims.iter().any(|m| m.claim_id == c) {
                    continue;
                }
            }
            out.push(Conflict {
                id,
                status,
                resolution,
                origin: ConflictOrigin::parse(&origin).unwrap_or(ConflictOrigin::Analyst),
                score: score.map(|s| s as f32),
                evidence: serde_json::from_str(&evidence).unwrap_or_default(),
                explanation,
                claims,
                created_at,
                updated_at,
            });
        }
        if filter.claim.is_some() {
            out = out.into_iter().skip(offset).take(limit).collect();
        }
        Ok(out)
    }

    /// One conflict, whatever its status.
    pub fn conflict(&self, id: i64) -> Result<Conflict> {
        let status: Option<String> =
            self.conn().query_row("SELECT status FROM conflicts WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        let status = status.ok_or_else(|| Error::not_found("conflict", id))?;
        // Its own row only: reading its status's list to find it read and sorted every conflict
        // (210,000 at a million claims) for each conflict opened or listed.
        self.read_conflicts(&ConflictFilter { status: Some(status), claim: None }, Some(id), 0, 1)?
            .pop()
            .ok_or_else(|| Error::not_found("conflict", id))
    }

    fn members(&self, conflict: i64) -> Result<Vec<ConflictMember>> {
        let mut st = self.conn().prepare_cached(
            "SELECT c.id, c.speaker, c.party_key, c.countries FROM conflict_claims m JOIN claims c ON c.id = m.claim_id
             WHERE m.conflict_id = ?1 ORDER BY c.id",
        )?;
        let rows = st.query_map([conflict], |r| {
            let countries: String = r.get(3)?;
            Ok(ConflictMember {
                claim_id: r.get(0)?,
                speaker: r.get(1)?,
                party: r.get(2)?,
                countries: serde_json::from_str(&countries).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
