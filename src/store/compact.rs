//! How a claim's values are stored in the `claims` table since migration 25, and that migration;
//! a conflict's times alike since migration 32.
//!
//! A million claims made a store of 934 MB, 2.43× the floor's 384.7 MB for the same texts; the
//! claims' own columns held words and text for what a few bytes say (`dbstat` and column sums of
//! the million-claim workspace of `benches/scale.rs`):
//! - the creation time as 35 characters of text (35.4 MB): stored as nanoseconds since the
//!   epoch, an 8-byte integer; an update time equal to it is `NULL` (it was `''`);
//! - the stance, origin and review state as words (23.0 MB): small codes, 0 and 1 taking no
//!   byte of the row beyond its header. Codes follow the names' alphabetical order, so sorting
//!   on a code sorts as sorting on the word did;
//! - the doubts as a JSON array of names (12.1 MB): a bit set, read back in [`Doubt::ALL`]'s
//!   order, the order `workbench::review` lists them in;
//! - the confidence as an 8-byte float for every claim with a doubt (and in the review queue's
//!   index): hundredths, the two decimals `model::confidence` rounds to, so `k / 100.0` is the
//!   float that was stored;
//! - the speaker key (`text::speaker_key`, 21 MB and as much again in its index) as its hash
//!   (`text::key_hash`, 64 bits in migration 25, 47 since 28); a group's key is computed again
//!   from its names when listed.
//!
//! Every reader returns the values it returned before: the same `DateTime<Utc>` to the
//! nanosecond, the same enums, doubts and confidence.

use chrono::{DateTime, Utc};
use rusqlite::types::ValueRef;
use rusqlite::{params, Transaction};

use crate::error::Result;
use crate::model::{Doubt, Origin, ReviewState, Stance};

/// A stance's code: its name's rank in alphabetical order.
pub(super) fn stance_code(s: Stance) -> i64 {
    match s {
        Stance::Assert => 0,
        Stance::Confirm => 1,
        Stance::Deny => 2,
        Stance::Promise => 3,
        Stance::Question => 4,
        Stance::Report => 5,
        Stance::Warn => 6,
    }
}

/// The stance of a code; an unknown one reads as `assert`, as an unknown word did.
pub(super) fn stance_of(code: i64) -> Stance {
    Stance::ALL.into_iter().find(|s| stance_code(*s) == code).unwrap_or(Stance::Assert)
}

/// An origin's code, in alphabetical order: `analyst`, `extracted`.
pub(super) fn origin_code(o: Origin) -> i64 {
    match o {
        Origin::Analyst => 0,
        Origin::Extracted => 1,
    }
}

/// The origin of a code; an unknown one reads as `extracted`, as an unknown word did.
pub(super) fn origin_of(code: i64) -> Origin {
    if code == 0 {
        Origin::Analyst
    } else {
        Origin::Extracted
    }
}

/// A review state's code, in alphabetical order: `edited`, `reviewed`, `to_review`.
pub(super) fn review_code(r: ReviewState) -> i64 {
    match r {
        ReviewState::Edited => 0,
        ReviewState::Reviewed => 1,
        ReviewState::ToReview => 2,
    }
}

/// The review state of a code; an unknown one reads as the default, as an unknown word did.
pub(super) fn review_of(code: i64) -> ReviewState {
    [ReviewState::Edited, ReviewState::Reviewed, ReviewState::ToReview].into_iter().find(|r| review_code(*r) == code).unwrap_or_default()
}

/// The review queue's test on a claim `c`'s stored columns, for the generated column `queued`.
pub(super) const QUEUED: &str = "review = 2 OR party_key IS NULL";

/// Doubts as a bit set, bit `i` for `Doubt::ALL[i]`.
pub(super) fn doubts_code(doubts: &[Doubt]) -> i64 {
    doubts.iter().map(|d| 1 << Doubt::ALL.iter().position(|x| x == d).unwrap_or(0)).fold(0, |a, b| a | b)
}

/// The doubts of a bit set, in [`Doubt::ALL`]'s order.
pub(super) fn doubts_of(code: i64) -> Vec<Doubt> {
    Doubt::ALL.iter().enumerate().filter(|(i, _)| code & (1 << i) != 0).map(|(_, d)| *d).collect()
}

/// A confidence in hundredths (`model::confidence` rounds to two decimals).
pub(super) fn confidence_code(c: f64) -> i64 {
    (c * 100.0).round() as i64
}

/// The confidence of hundredths: the float `model::confidence` computed, `k / 100.0` both ways.
pub(super) fn confidence_of(code: i64) -> f64 {
    code as f64 / 100.0
}

/// A time as nanoseconds since the epoch (those of 1677 to 2262; any other is clamped).
pub(super) fn time_code(t: DateTime<Utc>) -> i64 {
    t.timestamp_nanos_opt().unwrap_or(if t.timestamp() < 0 { i64::MIN } else { i64::MAX })
}

/// The time of nanoseconds since the epoch.
pub(super) fn time_of(code: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(code)
}

/// The stored speaker key of a speaker's name: the hash of `text::speaker_key`.
pub(super) fn speaker_key_code(name: &str) -> i64 {
    crate::text::key_hash(&crate::text::speaker_key(name))
}

/// The compact table, named `table`; its triggers and indexes are created apart.
fn create_sql(table: &str) -> String {
    format!(
        "CREATE TABLE {table} (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT NOT NULL,
    party_key TEXT REFERENCES parties(key) ON UPDATE CASCADE ON DELETE SET NULL,
    countries TEXT NOT NULL,
    cue TEXT NOT NULL,
    stance INTEGER NOT NULL,
    via TEXT NOT NULL,
    responds_to INTEGER REFERENCES claims(id) ON DELETE SET NULL,
    origin INTEGER NOT NULL CHECK (origin IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER,
    confidence INTEGER NOT NULL,
    doubts INTEGER NOT NULL,
    review INTEGER NOT NULL CHECK (review IN (0, 1, 2)),
    queued INTEGER GENERATED ALWAYS AS ({QUEUED}) VIRTUAL,
    exact_is_text INTEGER NOT NULL DEFAULT 0,
    context_is_source INTEGER NOT NULL DEFAULT 0,
    text_is_source INTEGER NOT NULL DEFAULT 0,
    speaker_key INTEGER NOT NULL
)"
    )
}

/// The indexes of the compact table that differ from the old one's: the review queue's holds
/// only queued claims (a reviewed claim left it for good, and its entries carried `queued`), the
/// speaker key's holds hashes.
const NEW_INDEXES: &str = "
CREATE INDEX claims_queue ON claims(confidence, source_id, start, id) WHERE queued = 1;
CREATE INDEX claims_speaker_key ON claims(speaker_key);";

/// Migration 25: the `claims` table rewritten in its compact form (see the module's doc).
///
/// SQLite cannot change a column's type: the table is created anew, every row copied in the
/// new form under its own id, the old table dropped and the new one renamed (SQLite's procedure,
/// which needs foreign keys off: `Store::migrate` runs migrations so). The old table's triggers
/// and other indexes are created again from their own definitions in `sqlite_schema`. Each value
/// is read by its type, so that the step also runs over a table already compact (tests rebuild
/// older stores from newer ones).
pub(super) fn compact_claims_in(tx: &Transaction<'_>) -> Result<()> {
    let kept: Vec<String> = tx
        .prepare(
            "SELECT sql FROM sqlite_schema WHERE tbl_name = 'claims' AND sql IS NOT NULL
               AND (type = 'trigger' OR (type = 'index' AND name NOT IN ('claims_queue', 'claims_speaker_key')))",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute_batch(&format!("DROP TABLE IF EXISTS claims_compact; {};", create_sql("claims_compact")))?;
    {
        let mut read = tx.prepare(
            "SELECT id, source_id, start, end, exact, prefix, suffix, text, speaker, party_key, countries, cue, stance, via,
                    responds_to, origin, created_at, updated_at, confidence, doubts, review, exact_is_text, context_is_source, text_is_source
             FROM claims ORDER BY id",
        )?;
        let mut write = tx.prepare(
            "INSERT INTO claims_compact (id, source_id, start, end, exact, prefix, suffix, text, speaker, party_key, countries, cue, stance, via,
                    responds_to, origin, created_at, updated_at, confidence, doubts, review, exact_is_text, context_is_source, text_is_source, speaker_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
        )?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let speaker: String = r.get(8)?;
            let created = time_value(r, 16)?.unwrap_or_else(|| time_code(DateTime::<Utc>::UNIX_EPOCH));
            let updated = time_value(r, 17)?.filter(|t| *t != created);
            write.execute(params![
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                speaker,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, String>(10)?,
                r.get::<_, String>(11)?,
                code_value(r, 12, |w| Stance::parse(w).map(stance_code), stance_code(Stance::Assert))?,
                r.get::<_, String>(13)?,
                r.get::<_, Option<i64>>(14)?,
                code_value(r, 15, |w| Origin::parse(w).map(origin_code), origin_code(Origin::Extracted))?,
                created,
                updated,
                match r.get_ref(18)? {
                    ValueRef::Integer(k) => k,
                    ValueRef::Real(c) => confidence_code(c),
                    _ => 100,
                },
                match r.get_ref(19)? {
                    ValueRef::Integer(k) => k,
                    ValueRef::Text(t) => doubts_code(&serde_json::from_slice::<Vec<Doubt>>(t).unwrap_or_default()),
                    _ => 0,
                },
                code_value(r, 20, |w| ReviewState::parse(w).map(review_code), review_code(ReviewState::default()))?,
                r.get::<_, bool>(21)?,
                r.get::<_, bool>(22)?,
                r.get::<_, bool>(23)?,
                speaker_key_code(&speaker),
            ])?;
        }
    }
    // The legacy rename checks no trigger of another table: one naming `claims` (a later
    // migration's, in a store rebuilt from a newer one by the tests) would fail it while the
    // table is gone.
    tx.execute_batch(
        "PRAGMA legacy_alter_table = ON; DROP TABLE claims; ALTER TABLE claims_compact RENAME TO claims; PRAGMA legacy_alter_table = OFF;",
    )?;
    for sql in kept {
        tx.execute_batch(&sql)?;
    }
    tx.execute_batch(NEW_INDEXES)?;
    Ok(())
}

/// A time column as nanoseconds: an integer as it is, a text as chrono wrote it; none for `''`
/// or `NULL` (an update time equal to the creation time).
fn time_value(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<i64>> {
    Ok(match r.get_ref(i)? {
        ValueRef::Integer(t) => Some(t),
        ValueRef::Text(b"") | ValueRef::Null => None,
        _ => Some(time_code(r.get::<_, DateTime<Utc>>(i)?)),
    })
}

/// An enum column as its code: an integer as it is, a word by `parse`, `default` otherwise.
fn code_value(r: &rusqlite::Row<'_>, i: usize, parse: impl Fn(&str) -> Option<i64>, default: i64) -> rusqlite::Result<i64> {
    Ok(match r.get_ref(i)? {
        ValueRef::Integer(k) => k,
        ValueRef::Text(t) => std::str::from_utf8(t).ok().and_then(parse).unwrap_or(default),
        _ => default,
    })
}

/// Migration 27: the reading order's and the review queue's indexes without the claim's id.
/// Every entry of an index of a rowid table ends with the row's id, and SQLite orders and seeks
/// on it as the last column: listed too, it was stored twice (some 4 bytes an entry, 9 MB in the
/// two indexes at a million claims). `ORDER BY c.source_id, c.start, c.id` reads the index as
/// before, and the planner's choices are pinned by the tests of `browse.rs`.
pub(super) const INDEXES_WITHOUT_ID: &str = "
DROP INDEX IF EXISTS claims_reading_order;
CREATE INDEX claims_reading_order ON claims(source_id, start);
DROP INDEX IF EXISTS claims_queue;
CREATE INDEX claims_queue ON claims(confidence, source_id, start) WHERE queued = 1;";

/// Migration 28: the key index's and the speaker keys' hashes cut to the 47 bits
/// `text::key_hash` now keeps (see there), stored in 6 bytes instead of 8. A stored hash's low
/// bits are the new hash of its key, so nothing is computed again; two postings of one claim
/// that now share a hash are one. The key tables are rebuilt in key order (an update of a
/// primary key moves every row), the speaker keys updated in place under a new index.
pub(super) fn short_hashes_in(tx: &Transaction<'_>) -> Result<()> {
    let mask = crate::text::KEY_HASH_MASK as i64;
    tx.execute_batch(&format!(
        "CREATE TABLE claim_keys_short (
             key INTEGER NOT NULL,
             claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
             PRIMARY KEY (key, claim_id)
         ) WITHOUT ROWID;
         INSERT OR IGNORE INTO claim_keys_short (key, claim_id) SELECT key & {mask}, claim_id FROM claim_keys ORDER BY 1, 2;
         DROP TABLE claim_keys;
         ALTER TABLE claim_keys_short RENAME TO claim_keys;
         CREATE INDEX claim_keys_claim ON claim_keys(claim_id);
         CREATE TABLE common_keys_short (key INTEGER PRIMARY KEY);
         INSERT OR IGNORE INTO common_keys_short (key) SELECT key & {mask} FROM common_keys ORDER BY 1;
         DROP TABLE common_keys;
         ALTER TABLE common_keys_short RENAME TO common_keys;
         DROP INDEX IF EXISTS claims_speaker_key;
         UPDATE claims SET speaker_key = speaker_key & {mask} WHERE speaker_key <> speaker_key & {mask};
         CREATE INDEX claims_speaker_key ON claims(speaker_key);"
    ))?;
    Ok(())
}

/// The claims' review check as migration 25 wrote it, and as migration 31 writes it.
const REVIEW_CHECK_LIST: &str = "CHECK (review IN (0, 1, 2))";
const REVIEW_CHECK_TESTS: &str = "CHECK (review = 0 OR review = 1 OR review = 2)";

/// Migration 31: the claims' review check without a list. SQLite tests `review IN (0, 1, 2)` by
/// filling a temporary B-tree with the list for every row inserted (opened, three inserts, a
/// search, closed: a tenth of a claim's insert); `review = 0 OR review = 1 OR review = 2` is the
/// same test in three comparisons. (A list of two, `origin IN (0, 1)`, is compared already.) A
/// check is no part of the rows' format, so the table's definition is edited in place, as
/// SQLite's documentation of `ALTER TABLE` describes for such changes: `writable_schema` on,
/// the definition's text replaced, the schema's version raised so that every connection reads
/// the schema again. No row is read or written: at a million claims this takes no time.
pub(super) fn review_check_in(tx: &Transaction<'_>) -> Result<()> {
    let sql: String = tx.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'claims'", [], |r| r.get(0))?;
    let edited = sql.replace(REVIEW_CHECK_LIST, REVIEW_CHECK_TESTS);
    // Run again over its own work (tests rebuild older stores from newer ones), it leaves it.
    if edited == sql {
        return Ok(());
    }
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let updated = tx.execute("UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = 'claims'", [&edited]);
    // Off again whatever happened: the connection goes on serving the analyst.
    tx.pragma_update(None, "writable_schema", false)?;
    updated?;
    tx.pragma_update(None, "schema_version", version + 1)?;
    Ok(())
}

/// The conflicts table with its times compact (see [`compact_conflict_times_in`]).
const CONFLICTS_COMPACT: &str = "
CREATE TABLE conflicts_compact (
    id INTEGER PRIMARY KEY,
    status TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('reply','candidate','analyst')),
    score REAL,
    evidence TEXT NOT NULL DEFAULT '[]',
    explanation TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER
)";

/// Migration 32: a conflict's times as a claim's are since migration 25, nanoseconds since the
/// epoch in an 8-byte integer, an update time equal to the creation time `NULL`. As 35 characters
/// of text they held 9.4 MB of the 19.4 MB table at a million claims (202,709 conflicts), which
/// with the rest put the store 0.5 % above the two times the floor. Rebuilt as migration 25
/// rebuilt the claims (SQLite cannot change a column's type; foreign keys are off while
/// migrating), its indexes and triggers created again from their own definitions; values are
/// read by their type, so that it also runs over a table already compact.
pub(super) fn compact_conflict_times_in(tx: &Transaction<'_>) -> Result<()> {
    let kept: Vec<String> = tx
        .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'conflicts' AND type IN ('index', 'trigger') AND sql IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute_batch(&format!("DROP TABLE IF EXISTS conflicts_compact; {CONFLICTS_COMPACT};"))?;
    {
        let mut read = tx.prepare("SELECT id, status, origin, score, evidence, explanation, created_at, updated_at FROM conflicts ORDER BY id")?;
        let mut write = tx.prepare(
            "INSERT INTO conflicts_compact (id, status, origin, score, evidence, explanation, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let created = time_value(r, 6)?.unwrap_or_else(|| time_code(DateTime::<Utc>::UNIX_EPOCH));
            let updated = time_value(r, 7)?.filter(|t| *t != created);
            write.execute(params![
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<f64>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                created,
                updated,
            ])?;
        }
    }
    tx.execute_batch(
        "PRAGMA legacy_alter_table = ON; DROP TABLE conflicts; ALTER TABLE conflicts_compact RENAME TO conflicts; PRAGMA legacy_alter_table = OFF;",
    )?;
    for sql in kept {
        tx.execute_batch(&sql)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_s_insert_checks_its_review_code_without_a_temporary_table() {
        let store = crate::store::Store::in_memory().unwrap();
        let sql: String = store
            .conn()
            .query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'claims'", [], |r| r.get(0))
            .unwrap();
        assert!(sql.contains(REVIEW_CHECK_TESTS) && !sql.contains(REVIEW_CHECK_LIST), "the check compares: {sql}");
        let plan: Vec<String> = store
            .conn()
            .prepare(
                "EXPLAIN INSERT INTO claims (source_id, start, end, exact, prefix, suffix, text, speaker, party_key, countries, cue,
                    stance, via, responds_to, origin, created_at, updated_at, confidence, doubts, review, speaker_key)
                 VALUES (1, 0, 1, '', '', '', 'x', 'y', NULL, '[]', '', 0, '', NULL, 1, 0, NULL, 100, 0, 2, 0)",
            )
            .unwrap()
            .query_map([], |r| r.get::<_, String>(1))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(!plan.iter().any(|op| op == "OpenEphemeral"), "no temporary table for a check: {plan:?}");
        // The check still refuses what it refused.
        let refused = store.conn().execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO claims (source_id, start, end, exact, prefix, suffix, text, speaker, party_key, countries, cue,
                stance, via, responds_to, origin, created_at, updated_at, confidence, doubts, review, speaker_key)
             VALUES (1, 0, 1, '', '', '', 'x', 'y', NULL, '[]', '', 0, '', NULL, 1, 0, NULL, 100, 0, 3, 0);",
        );
        assert!(refused.is_err(), "a review code of 3 is refused");
    }

    #[test]
    fn codes_sort_as_their_names_and_read_back_as_what_was_stored() {
        let mut stances = Stance::ALL.to_vec();
        stances.sort_by_key(|s| stance_code(*s));
        let names: Vec<&str> = stances.iter().map(|s| s.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "sorting on the stance's code sorts on its name");
        assert!(Stance::ALL.iter().all(|s| stance_of(stance_code(*s)) == *s));
        let mut states = [ReviewState::ToReview, ReviewState::Reviewed, ReviewState::Edited];
        states.sort_by_key(|r| review_code(*r));
        let names: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
        assert_eq!(names, ["edited", "reviewed", "to_review"], "sorting on the review code sorts on its name");
        assert!(states.iter().all(|r| review_of(review_code(*r)) == *r));
        assert!([Origin::Analyst, Origin::Extracted].iter().all(|o| origin_of(origin_code(*o)) == *o));
        assert!(origin_code(Origin::Analyst) < origin_code(Origin::Extracted), "analyst sorts before extracted");
    }

    #[test]
    fn doubts_confidence_and_times_read_back_as_the_values_stored() {
        for n in 0..16 {
            let doubts: Vec<Doubt> = Doubt::ALL.iter().enumerate().filter(|(i, _)| n & (1 << i) != 0).map(|(_, d)| *d).collect();
            assert_eq!(doubts_of(doubts_code(&doubts)), doubts, "doubts in their order read back");
            let c = crate::model::confidence(&doubts);
            assert_eq!(confidence_of(confidence_code(c)).to_bits(), c.to_bits(), "the same float for {doubts:?}");
        }
        let now = Utc::now();
        assert_eq!(time_of(time_code(now)), now, "a time to the nanosecond");
        let t: DateTime<Utc> = "2026-12-03T01:30:01.967927573Z".parse().unwrap();
        assert_eq!(time_of(time_code(t)).to_rfc3339(), t.to_rfc3339());
    }
}
