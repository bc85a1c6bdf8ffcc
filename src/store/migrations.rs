//! Append-only schema migrations: entry `i` takes a store from `user_version` i to i+1.
//! Never edit an entry once released; add a new one.

use rusqlite::Transaction;

use crate::error::Result;

/// One step of the schema.
pub(super) enum Migration {
    /// Statements run as they are.
    Sql(&'static str),
    /// A step SQL cannot say alone (a value computed in Rust for every row), run in the
    /// migrations' transaction like the others.
    Code(fn(&Transaction<'_>) -> Result<()>),
}

use Migration::{Code, Sql};

pub(super) const MIGRATIONS: &[Migration] = &[
    // 1: sources, parties, claims and their full-text indexes.
    Sql(r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    language TEXT,
    published_at TEXT,
    imported_at TEXT NOT NULL,
    format TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    raw BLOB
);

CREATE TABLE parties (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('state','organisation','person','media')),
    country TEXT,
    parent TEXT REFERENCES parties(key) ON UPDATE CASCADE ON DELETE SET NULL,
    origin TEXT NOT NULL CHECK (origin IN ('extracted','analyst'))
);

-- An analyst's removal of a shipped alias is a row with removed = 1, so re-seeding keeps it removed.
CREATE TABLE party_aliases (
    party_key TEXT NOT NULL REFERENCES parties(key) ON UPDATE CASCADE ON DELETE CASCADE,
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    folded TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('extracted','analyst')),
    removed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (party_key, lang, text)
);
CREATE INDEX party_aliases_folded ON party_aliases(folded);

CREATE TABLE claims (
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
    stance TEXT NOT NULL,
    via TEXT NOT NULL,
    responds_to INTEGER REFERENCES claims(id) ON DELETE SET NULL,
    origin TEXT NOT NULL CHECK (origin IN ('extracted','analyst')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX claims_source ON claims(source_id);
CREATE INDEX claims_party ON claims(party_key);

CREATE VIRTUAL TABLE sources_fts USING fts5(
    title, text, content='sources', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER sources_ai AFTER INSERT ON sources BEGIN
    INSERT INTO sources_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER sources_ad AFTER DELETE ON sources BEGIN
    INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;

CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, speaker, cue, content='claims', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, text, speaker, cue) VALUES (new.id, new.text, new.speaker, new.cue);
END;
CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker, cue) VALUES ('delete', old.id, old.text, old.speaker, old.cue);
END;
CREATE TRIGGER claims_au AFTER UPDATE OF text, speaker, cue ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker, cue) VALUES ('delete', old.id, old.text, old.speaker, old.cue);
    INSERT INTO claims_fts(rowid, text, speaker, cue) VALUES (new.id, new.text, new.speaker, new.cue);
END;
"#),
    // 2: provenance and versions of sources, page boundaries (ingest).
    Sql(super::versions::MIGRATION),
    // 3: subscribed feeds and their imported items (ingest).
    Sql(super::feeds::MIGRATION),
    // 4: conflicts, their claims, rejected pairs and the claim key index (src/store/conflicts.rs).
    Sql(super::conflicts::MIGRATION),
    // 5: verification: settings, verdict taxonomy, claim and conflict verdicts, evidence, blobs, history.
    Sql(super::verification::VERIFICATION),
    // 6: verification's conflict ids become foreign keys to conflicts (src/store/verification.rs).
    Sql(super::verification::CONFLICT_KEYS),
    // 7: the queue of claims awaiting conflict detection (src/store/conflicts.rs).
    Sql(super::conflicts::DETECT_QUEUE),
    // 8: claims in reading order, for deep pages of long lists (src/store/claims.rs).
    Sql(super::claims::READING_ORDER),
    // 9: what the tool finds is proposed; untouched reply conflicts go back to proposed (src/store/conflicts.rs).
    Sql(super::conflicts::PROPOSED),
    // 10: a conflict can be judged both partly right (src/store/verification.rs).
    Sql(super::verification::BOTH_PARTLY),
    // 11: one statement of one party carried by several sources (src/store/statements.rs).
    Sql(super::statements::MIGRATION),
    // 12: claims' confidence, doubts and review state (src/store/review.rs).
    Sql(super::review::MIGRATION),
    // 13: the review queue indexed in its order (src/store/review.rs).
    Sql(super::review::QUEUE_INDEX),
    // 14: the analyst's tags on claims (src/store/tags.rs).
    Sql(super::tags::MIGRATION),
    // 15: full-text rows written once per transaction, not by a trigger per row (src/store/search.rs).
    Sql(super::search::QUEUE),
    // 16: original bytes equal to the text are not stored twice (src/store/sources.rs).
    Sql(super::sources::RAW_IS_TEXT),
    // 17: the conflict key index holds 64-bit hashes of the keys, not their text (src/store/conflicts.rs).
    Code(super::conflicts::hash_keys_in),
    // 18: each claim's speakers' states, one row each, for a state's claims (src/store/claims.rs).
    Sql(super::claims::COUNTRIES),
    // 19: a claim's anchored words are not stored again when they are its text (src/store/claims.rs).
    Sql(super::claims::EXACT_IS_TEXT),
    // 20: a claim's anchor context read from its source, update times equal to creation times not stored again, no index on claims' source alone (src/store/claims.rs).
    Code(super::claims::context_is_source_in),
    // 21: claims counted per block of source ids, for deep pages of the whole list (src/store/browse.rs).
    Sql(super::browse::READING_BLOCKS),
    // 22: claims' text read from their source, the claims' full-text index contentless (src/store/search.rs).
    Code(super::search::contentless_claims_in),
    // 23: each claim's speaker key, indexed, for one speaker's claims under all their names (src/store/claims.rs).
    Code(super::claims::speaker_keys_in),
    // 24: the sources' full-text index with the text first, its position lists unmarked (src/store/search.rs).
    Sql(super::search::SOURCES_TEXT_FIRST),
    // 25: claims' times, enums, doubts, confidence and speaker key stored compact (src/store/compact.rs).
    Code(super::compact::compact_claims_in),
    // 26: the claims' full-text index without its table of sizes, rows deleted by their values (src/store/search.rs).
    Code(super::search::claims_without_sizes_in),
    // 27: the reading order's and the queue's indexes without the claim id SQLite appends anyway (src/store/compact.rs).
    Sql(super::compact::INDEXES_WITHOUT_ID),
    // 28: key and speaker key hashes in 47 bits, 6 bytes each (src/store/compact.rs).
    Code(super::compact::short_hashes_in),
    // 29: a source's SHA-256 stored as its bytes, not in hex (src/store/sources.rs).
    Sql(super::sources::HASH_BYTES),
    // 30: no trigger per claim inserted: the writer queues, indexes and counts (src/store/claims.rs).
    Sql(super::claims::INSERTS_WITHOUT_TRIGGERS),
    // 31: the claims' review check compares instead of building a table of its list (src/store/compact.rs).
    Code(super::compact::review_check_in),
    // 32: conflicts' times as nanoseconds, an update time equal to the creation time not stored (src/store/compact.rs).
    Code(super::compact::compact_conflict_times_in),
];
