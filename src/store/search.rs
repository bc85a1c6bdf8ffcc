//! Keeping the full-text indexes (`sources_fts`, `claims_fts`) in step with their tables.
//!
//! New rows are not indexed by a trigger each: FTS5 writes its pending terms to a new segment
//! at every statement savepoint, and a statement inserting a claim opens one (its triggers and
//! foreign keys), so an import made one tiny segment per claim and spent a fifth of its time
//! writing and merging them. Inserts queue the row's id in `fts_queue` instead, and
//! [`super::Store::write`] indexes the queue in one statement per index before it commits: one
//! segment per transaction, and a transaction still holds a row and its index entry or neither.
//! A queued row deleted or edited before the commit has nothing in the index yet, so the delete
//! and update triggers leave the index alone for it.

use rusqlite::Transaction;

use crate::error::Result;

/// Migration 15: the queue, and the triggers that fill it in place of those that indexed
/// (written to run again over its own work: tests rebuild older stores from newer ones).
pub(super) const QUEUE: &str = r#"
CREATE TABLE IF NOT EXISTS fts_queue (
    kind TEXT NOT NULL CHECK (kind IN ('source', 'claim')),
    id INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

DROP TRIGGER IF EXISTS sources_ai;
DROP TRIGGER IF EXISTS sources_ad;
DROP TRIGGER IF EXISTS claims_ai;
DROP TRIGGER IF EXISTS claims_ad;
DROP TRIGGER IF EXISTS claims_au;

CREATE TRIGGER IF NOT EXISTS sources_fts_ai AFTER INSERT ON sources BEGIN
    INSERT INTO fts_queue (kind, id) VALUES ('source', new.id);
END;
CREATE TRIGGER IF NOT EXISTS sources_fts_ad AFTER DELETE ON sources BEGIN
    INSERT INTO sources_fts(sources_fts, rowid, title, text) SELECT 'delete', old.id, old.title, old.text
        WHERE NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'source' AND id = old.id);
    DELETE FROM fts_queue WHERE kind = 'source' AND id = old.id;
END;

CREATE TRIGGER IF NOT EXISTS claims_fts_ai AFTER INSERT ON claims BEGIN
    INSERT INTO fts_queue (kind, id) VALUES ('claim', new.id);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker, cue) SELECT 'delete', old.id, old.text, old.speaker, old.cue
        WHERE NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'claim' AND id = old.id);
    DELETE FROM fts_queue WHERE kind = 'claim' AND id = old.id;
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_au AFTER UPDATE OF text, speaker, cue ON claims
    WHEN NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'claim' AND id = new.id)
BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker, cue) VALUES ('delete', old.id, old.text, old.speaker, old.cue);
    INSERT INTO claims_fts(rowid, text, speaker, cue) VALUES (new.id, new.text, new.speaker, new.cue);
END;
"#;

/// Migration 22: a claim's text is read from its source, as its anchor context is (migration
/// 20), and the claims' full-text index keeps no copy of what it indexes.
///
/// An extracted claim's text is its source's words at its offsets (`exact_is_text`): for a
/// claim anchored in a source of at most [`super::claims::CONTEXT_FROM_SOURCE_MAX`] bytes it is
/// stored empty with `text_is_source` (129 MB of the 1,015 MB store of a million claims). The
/// index could no longer read its external content from `claims.text`, whose old values an
/// external-content index needs to delete a row: it is contentless now (`content=''`), and
/// `contentless_delete=1` deletes a row by its id alone. Rebuilt from every claim's text (the
/// contentless format differs); claims already stored keep their text (rewriting them smaller
/// would free no page). Nothing searched for reads the index's columns: no snippet, highlight
/// or rank is asked of it. Run again over its own work, it rebuilds the same index.
pub(super) fn contentless_claims_in(tx: &Transaction<'_>) -> Result<()> {
    let has_column = tx.prepare("SELECT 1 FROM pragma_table_info('claims') WHERE name = 'text_is_source'")?.exists([])?;
    if !has_column {
        tx.execute_batch("ALTER TABLE claims ADD COLUMN text_is_source INTEGER NOT NULL DEFAULT 0;")?;
    }
    tx.execute_batch(&format!(
        r#"
DROP TRIGGER IF EXISTS claims_fts_ad;
DROP TRIGGER IF EXISTS claims_fts_au;
DROP TABLE IF EXISTS claims_fts;
CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, speaker, cue, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO claims_fts (rowid, text, speaker, cue) SELECT c.id, {text}, c.speaker, c.cue FROM claims c ORDER BY c.id;
DELETE FROM fts_queue WHERE kind = 'claim';

CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN
    DELETE FROM claims_fts WHERE rowid = old.id AND NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'claim' AND id = old.id);
    DELETE FROM fts_queue WHERE kind = 'claim' AND id = old.id;
END;
CREATE TRIGGER claims_fts_au AFTER UPDATE OF text, speaker, cue ON claims
    WHEN NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'claim' AND id = new.id)
BEGIN
    DELETE FROM claims_fts WHERE rowid = old.id;
    INSERT INTO claims_fts (rowid, text, speaker, cue) SELECT c.id, {text}, c.speaker, c.cue FROM claims c WHERE c.id = new.id;
END;
"#,
        text = super::claims::text_sql("c")
    ))?;
    Ok(())
}

/// Migration 24: the sources' full-text index with the text as its first column and the title
/// second. FTS5 marks every position list of a column other than the first with the column's
/// number: with `(title, text)`, each word of each text paid two bytes more, and the index was
/// 126.4 MB for 72,000 texts (241.8 MB) where the floor's, text alone, was 86.3 MB. Rebuilt from
/// the sources' rows (its content table); what it finds and its ranking (`bm25` over both
/// columns) are the same. Run again over its own work, it rebuilds the same index.
pub(super) const SOURCES_TEXT_FIRST: &str = r#"
DROP TRIGGER IF EXISTS sources_fts_ad;
DROP TABLE IF EXISTS sources_fts;
CREATE VIRTUAL TABLE sources_fts USING fts5(
    text, title, content='sources', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO sources_fts(sources_fts) VALUES ('rebuild');
DELETE FROM fts_queue WHERE kind = 'source';
CREATE TRIGGER sources_fts_ad AFTER DELETE ON sources BEGIN
    INSERT INTO sources_fts(sources_fts, rowid, text, title) SELECT 'delete', old.id, old.text, old.title
        WHERE NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'source' AND id = old.id);
    DELETE FROM fts_queue WHERE kind = 'source' AND id = old.id;
END;
"#;

/// Migration 26: the claims' full-text index keeps no sizes. `contentless_delete=1` (migration
/// 22) deletes a row by its id alone, but needs a table of every row's column sizes, which FTS5
/// forbids it to go without: 15.1 MB at a million claims, for a rank nothing asks of this index.
/// Without it (`columnsize=0`) a row is deleted by giving FTS5 the values it indexed, which the
/// store still has: the claim's speaker and cue, and its text — its own, or its source's words
/// at its offsets, and a source's text is never rewritten. A source's delete takes its claims
/// with it after its row is gone: a trigger before it deletes the index rows of its claims whose
/// text is the source's, and the claims' own trigger skips those. Rebuilt from every claim; run
/// again over its own work, it rebuilds the same index.
pub(super) fn claims_without_sizes_in(tx: &Transaction<'_>) -> Result<()> {
    let text = super::claims::text_sql("c");
    let old_text = super::claims::text_sql("old");
    tx.execute_batch(&format!(
        r#"
DROP TRIGGER IF EXISTS claims_fts_ad;
DROP TRIGGER IF EXISTS claims_fts_au;
DROP TRIGGER IF EXISTS sources_claims_fts_bd;
DROP TABLE IF EXISTS claims_fts;
CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, speaker, cue, content='', columnsize=0, tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO claims_fts (rowid, text, speaker, cue) SELECT c.id, {text}, c.speaker, c.cue FROM claims c ORDER BY c.id;
DELETE FROM fts_queue WHERE kind = 'claim';

CREATE TRIGGER sources_claims_fts_bd BEFORE DELETE ON sources BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, speaker, cue)
        SELECT 'delete', c.id, substr(old.text, c.start + 1, c.end - c.start), c.speaker, c.cue FROM claims c
        WHERE c.source_id = old.id AND c.text_is_source = 1
          AND NOT EXISTS (SELECT 1 FROM fts_queue q WHERE q.kind = 'claim' AND q.id = c.id);
END;
CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, speaker, cue) SELECT 'delete', old.id, {old_text}, old.speaker, old.cue
        WHERE NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'claim' AND id = old.id)
          AND (old.text_is_source = 0 OR EXISTS (SELECT 1 FROM sources s WHERE s.id = old.source_id));
    DELETE FROM fts_queue WHERE kind = 'claim' AND id = old.id;
END;
CREATE TRIGGER claims_fts_au AFTER UPDATE OF text, speaker, cue ON claims
    WHEN NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'claim' AND id = new.id)
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, speaker, cue) VALUES ('delete', old.id, {old_text}, old.speaker, old.cue);
    INSERT INTO claims_fts (rowid, text, speaker, cue) SELECT c.id, {text}, c.speaker, c.cue FROM claims c WHERE c.id = new.id;
END;
"#
    ))?;
    Ok(())
}

/// Indexes the rows queued in this transaction and empties the queue.
pub(super) fn index_queued_in(tx: &Transaction<'_>) -> Result<()> {
    let queued = tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM fts_queue)")?.query_row([], |r| r.get::<_, bool>(0))?;
    if !queued {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO sources_fts (rowid, text, title)
         SELECT s.id, s.text, s.title FROM fts_queue q JOIN sources s ON s.id = q.id WHERE q.kind = 'source' ORDER BY q.id",
    )?
    .execute([])?;
    tx.prepare_cached(&format!(
        "INSERT INTO claims_fts (rowid, text, speaker, cue)
         SELECT c.id, {}, c.speaker, c.cue FROM fts_queue q JOIN claims c ON c.id = q.id WHERE q.kind = 'claim' ORDER BY q.id",
        super::claims::text_sql("c")
    ))?
    .execute([])?;
    tx.prepare_cached("DELETE FROM fts_queue")?.execute([])?;
    Ok(())
}
