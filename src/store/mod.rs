//! The SQLite store: the only module that contains SQL.
//!
//! One way to open ([`Store::open`], [`Store::in_memory`]): WAL, `synchronous=NORMAL`, foreign
//! keys, a busy timeout, then append-only migrations tracked by `PRAGMA user_version`, run in
//! one transaction. A file that is not a store is refused before anything is written to it.
//! Multi-step writes are `*_in(tx, …)` functions so that callers can group them: an import is one
//! transaction, so the store never holds half a source.

mod browse;
mod claims;
mod compact;
mod conflicts;
mod evidence;
mod feeds;
mod history;
mod migrations;
mod parties;
mod review;
mod search;
mod settings;
mod sources;
mod statements;
mod tags;
mod taxonomy;
mod verification;
mod versions;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{Error, Result};

pub use browse::{ClaimPage, DateSpan, COUNT_FLOOR};
pub use parties::{AliasEdit, PartyEdits};
pub use claims::{ClaimFilter, ClaimOrder, ClaimSort, NewClaim, SpeakerGroupRef};
pub use tags::TagOp;
pub use conflicts::{ClaimBrief, ConflictFilter, NewConflict, MAX_POSTINGS};
pub(crate) use conflicts::{
    add_member_by_hand_in, add_member_in, build_conflict_in, claim_brief_in, claim_briefs_after_in, claim_briefs_in, clear_index_in, dequeue_all_in, dequeue_claim_in, insert_postings_in, mark_common_in, insert_conflict_in, is_rejected_in, members_in, postings_in, reject_pair_in,
    remove_member_by_hand_in, replies_after_in, reply_conflict_of_in, review_in, share_conflict_in, unindex_claim_in, unindexed_claims_in,
};
#[cfg(test)]
pub(crate) use conflicts::{forget_detection_in, queue_all_in, KeyIndex};
pub(crate) use claims::{finish_claims_in, insert_claim_in, insert_stored_claim_in, set_responds_to_in, Context, StoredClaims};
pub(crate) use sources::insert_source_hashed_in;
pub(crate) use statements::{first_holder_in, join_alone_statement_in, link_statement_in, statement_of_in, statements_share_a_source_in, unlink_statement_in};
pub use sources::{Inserted, NewSource, SourceField, SourceListing, SourcePage};
pub use feeds::FeedRecord;
pub(crate) use feeds::mark_feed_item_in;
pub use versions::{NewProvenance, Provenance};
pub(crate) use versions::record_provenance_in;
pub use verification::ClaimEdit;
pub(crate) use verification::set_party_in;

/// How long a writer waits for another process's lock before giving up with [`Error::Locked`].
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long creating, upgrading or seeding a store waits: done once, by every process that opens a
/// new store at the same time, one after the other. Alone it takes a fraction of a second; a dozen
/// processes starting together on a loaded 2-core machine queued past five seconds, and all but
/// the first failed as "locked" (regression test `two_processes_creating_one_new_store_both_succeed`).
const SETUP_BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store at `path`, creating its parent folder.
    ///
    /// A file that is not a SQLite database, or one from a newer Crosscheck, is refused and left
    /// byte-for-byte untouched: we check the header before SQLite may write anything.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io { path: parent.to_path_buf(), source })?;
        }
        check_existing(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(e, path))?;
        let mut store = Store { conn, path: path.to_path_buf() };
        store.configure().map_err(|e| store.reclassify(e))?;
        store.setting_up(Store::migrate).map_err(|e| store.reclassify(e))?;
        Ok(store)
    }

    /// Runs one-time set-up work with the longer lock wait it needs ([`SETUP_BUSY_TIMEOUT`]).
    pub(crate) fn setting_up<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.busy_timeout(SETUP_BUSY_TIMEOUT)?;
        let out = work(self);
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        out
    }

    /// A store in memory, for tests and `extract` dry runs.
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: PathBuf::from(":memory:") };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // An import runs some twenty-five statements per source; with rusqlite's default of 16
        // the cache evicted them in turn and every statement was parsed again (7 % of an import).
        self.conn.set_prepared_statement_cache_capacity(64);
        self.use_wal()?;
        self.conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")?;
        // SQLite's default page cache (2 MB) is far smaller than what one import writes (a 50 MB
        // text makes 230 MB of pages): pages were written out mid-transaction and read back,
        // twice the system time of the import. Pages are taken as needed, so a store that is
        // only read holds no more memory than before.
        self.conn.execute_batch("PRAGMA cache_size=-65536")?;
        // Statement journals in memory. A statement that writes several rows (a claim's insert,
        // an `INSERT OR REPLACE`, the full-text rows of a batch) copies each page it changes
        // to a statement journal first, so that it can be undone alone; past 64 KB SQLite
        // spilled that journal to a file in /var/tmp, and a batch import made a `pwrite` for
        // nearly every page it touched: 18 % of the import's writer at 10,000 articles, most of
        // it in the kernel (`docs/perf/import-profile.md`). Temporary tables and sorts are kept
        // in memory too; the store makes none larger than an index rebuilt by a migration.
        self.conn.execute_batch("PRAGMA temp_store=MEMORY")?;
        Ok(())
    }

    /// Puts the store in WAL mode (a no-op once it is). Switching a new file upgrades a read lock
    /// to a write lock in rollback mode; when two processes do it at once, SQLite answers the
    /// second BUSY at once rather than call the busy handler, which would deadlock them. Ten
    /// processes opening one new store together failed "locked" within 25 ms, one round in
    /// forty (regression test `two_processes_creating_one_new_store_both_succeed`); the second
    /// retries until the set-up wait is spent.
    fn use_wal(&self) -> Result<()> {
        let deadline = Instant::now() + SETUP_BUSY_TIMEOUT;
        loop {
            // journal_mode answers with a row; it fails on a non-database file (NotAStore).
            match self.conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)) {
                Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                other => return other.map(drop).map_err(Error::from),
            }
        }
    }

    fn migrate(&mut self) -> Result<()> {
        if self.up_to_date()? {
            // Nothing to write, so a read-only store still opens for reading.
            return Ok(());
        }
        // Foreign keys off while migrating, as SQLite's procedure for giving a table a new form
        // needs (migration 25): dropping the old `claims` with them on would delete every row
        // referring to a claim. A migration keeps every id, so every reference stays whole.
        self.conn.execute_batch("PRAGMA foreign_keys=OFF")?;
        let out = self.migrate_keys_off();
        self.conn.execute_batch("PRAGMA foreign_keys=ON")?;
        out
    }

    fn migrate_keys_off(&mut self) -> Result<()> {
        let path = self.path.clone();
        // Immediate: two processes creating one store at once must queue on the busy timeout. A
        // deferred transaction reads first, and a reader that then needs to write is refused at
        // once by SQLite rather than made to wait. Everything is checked again inside.
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = migrations::MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::StoreTooNew { path, found: version, known });
        }
        for (i, step) in migrations::MIGRATIONS.iter().enumerate().skip(version as usize) {
            match step {
                migrations::Migration::Sql(sql) => tx.execute_batch(sql)?,
                migrations::Migration::Code(run) => run(&tx)?,
            }
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        if version == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        taxonomy::seed_verdicts_in(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// True when the schema is current and the default verdicts seeded: opening writes nothing.
    /// (The shipped parties are seeded by the workbench through [`Store::seed_parties`], which
    /// writes only when they changed.)
    fn up_to_date(&self) -> Result<bool> {
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = migrations::MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::StoreTooNew { path: self.path.clone(), found: version, known });
        }
        if version < known {
            return Ok(false);
        }
        taxonomy::verdicts_seeded(&self.conn)
    }

    /// Runs `f` in one write transaction, committed only if `f` succeeds. The full-text rows of
    /// what `f` inserted are written last, in one statement per index (see `search.rs`).
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| classify(e, &path))?;
        // A statement inside `f` meets the same locks and permissions as the BEGIN does, and the
        // user should read the same clear error, not SQLite's wording.
        let out = f(&tx).and_then(|out| search::index_queued_in(&tx).map(|()| out)).map_err(|e| match e {
            Error::Sqlite(e) => classify(e, &path),
            other => other,
        })?;
        tx.commit().map_err(|e| classify(e, &path))?;
        Ok(out)
    }

    /// Lets the write-ahead log grow to [`BULK_CHECKPOINT_PAGES`] before SQLite copies it into
    /// the store, for a long run of writes ([`Store::checkpoint_as_usual`] ends it). SQLite
    /// checkpoints at 1,000 pages by default: an import's batch changes more pages than that
    /// (the claims' indexes are written at random places), so every commit was followed by a
    /// checkpoint copying and syncing the same index pages again, 12 % of the import's writer
    /// at 10,000 articles. Checkpointing a few batches at once copies each page once for them.
    pub(crate) fn checkpoint_rarely(&self) -> Result<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", BULK_CHECKPOINT_PAGES)?;
        Ok(())
    }

    /// Ends [`Store::checkpoint_rarely`]: SQLite's default again, and what the log holds copied
    /// into the store now, so that the writes that deferred it pay for it.
    pub(crate) fn checkpoint_as_usual(&self) -> Result<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", DEFAULT_CHECKPOINT_PAGES)?;
        // Passive: it copies what no reader still needs and waits for no one. A store that
        // cannot be checkpointed now (another process reading) is checkpointed later by SQLite.
        let _: (i64, i64, i64) = self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(())
    }

    /// The connection, for read-only queries by the store's own modules.
    fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs SQLite's full integrity check; `Ok(())` when it answers "ok".
    pub fn integrity_check(&self) -> Result<()> {
        let answer: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if answer == "ok" {
            Ok(())
        } else {
            Err(Error::bad_input(self.path.display().to_string(), format!("integrity check failed: {answer}")))
        }
    }

    fn reclassify(&self, e: Error) -> Error {
        match e {
            Error::Sqlite(e) => classify(e, &self.path),
            other => other,
        }
    }
}

/// Pages of write-ahead log after which SQLite copies it into the store: its default, and during
/// a bulk import ([`Store::checkpoint_rarely`], 64 MB of 4 KB pages).
const DEFAULT_CHECKPOINT_PAGES: i64 = 1000;
const BULK_CHECKPOINT_PAGES: i64 = 16_384;

/// Marks a SQLite file as a Crosscheck store ("XCHK"), so another program's database is refused
/// rather than migrated into.
const APPLICATION_ID: i64 = 0x5843_484B;

/// Refuses, without writing a byte, a file that is not SQLite, is damaged, or is another
/// program's database. SQLite would otherwise happily add our tables to any database, and
/// switching to WAL writes to the header of whatever it was given.
///
/// A Crosscheck store is recognised from its header alone (the `application_id` at byte 68):
/// reading the file through SQLite while another process writes to it can see a main file halfway
/// through a checkpoint, and a live store must never be called damaged. Only files without our
/// mark are opened, to tell a new, empty database from another program's.
fn check_existing(path: &Path) -> Result<()> {
    // A store another process is creating at this moment can be read half-written (a header
    // shorter than 100 bytes, a page 1 being rewritten for WAL): a file written to within the last
    // seconds that looks damaged is read again, briefly, before it is refused. An old damaged file
    // is refused at once.
    for _ in 0..CREATION_RETRIES {
        match check_existing_once(path) {
            Err(Error::NotAStore { .. }) if being_written(path) => std::thread::sleep(CREATION_WAIT),
            other => return other,
        }
    }
    check_existing_once(path)
}

/// How often, and how long apart, a file being created is read again before it is refused.
const CREATION_RETRIES: usize = 20;
const CREATION_WAIT: std::time::Duration = std::time::Duration::from_millis(50);

/// Whether the file at `path` was modified in the last two seconds.
fn being_written(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age < std::time::Duration::from_secs(2))
}

fn check_existing_once(path: &Path) -> Result<()> {
    use std::io::Read;
    let not_a_store = || Error::NotAStore { path: path.to_path_buf() };
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(Error::Io { path: path.to_path_buf(), source }),
    };
    let mut header = [0u8; 100];
    let n = (|| {
        let mut read = 0;
        while read < header.len() {
            match f.read(&mut header[read..])? {
                0 => break,
                k => read += k,
            }
        }
        Ok(read)
    })();
    let n = n.map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    if n == 0 {
        return Ok(()); // an empty file is a new store
    }
    if n < 100 || &header[..16] != b"SQLite format 3\0" {
        return Err(not_a_store());
    }
    let app = i32::from_be_bytes([header[68], header[69], header[70], header[71]]) as i64;
    if app == APPLICATION_ID {
        return Ok(());
    }
    if app != 0 {
        return Err(not_a_store());
    }
    // Unmarked: a database with no table and no schema version is a new store; anything else
    // belongs to another program (or is a store another process is creating, whose mark is still
    // in its WAL: then the WAL is read too, through an ordinary read-only connection).
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let (uri, flags) = if wal.exists() {
        (path.to_string_lossy().into_owned(), OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    } else {
        // immutable=1: no -wal or -shm file is created beside a file we may be about to refuse.
        (
            format!("file:{}?immutable=1", uri_escape(&path.to_string_lossy())),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )
    };
    let conn = Connection::open_with_flags(uri, flags).map_err(|e| classify(e, path))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let probe = || -> rusqlite::Result<(i64, i64, i64)> {
        let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok((app, tables, version))
    };
    match probe() {
        Ok((app, _, _)) if app == APPLICATION_ID => Ok(()),
        // A zero-table file that claims a schema version is not new: migrating it would skip the
        // first migrations and write into someone else's file.
        Ok((_, 0, 0)) => Ok(()),
        Ok(_) => Err(not_a_store()),
        Err(e) => Err(match classify(e, path) {
            Error::Sqlite(_) => not_a_store(),
            other => other,
        }),
    }
}

/// Escapes the characters that are special in a SQLite URI's path.
fn uri_escape(path: &str) -> String {
    path.chars()
        .map(|c| match c {
            '%' | '?' | '#' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// Maps SQLite's error codes to the errors a user can act on.
fn classify(e: rusqlite::Error, path: &Path) -> Error {
    use rusqlite::ErrorCode::*;
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(NotADatabase) | Some(DatabaseCorrupt) => Error::NotAStore { path },
        Some(DatabaseBusy) | Some(DatabaseLocked) => Error::Locked { path },
        Some(ReadOnly) | Some(CannotOpen) if is_read_only(&path) => Error::ReadOnly { path },
        Some(ReadOnly) => Error::ReadOnly { path },
        _ => Error::Sqlite(e),
    }
}

fn is_read_only(path: &Path) -> bool {
    std::fs::metadata(path).map(|m| m.permissions().readonly()).unwrap_or(true)
}

/// Current time as stored: RFC 3339 UTC.
fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Distinct words a search may hold. Every word is a required prefix term, and FTS5's cost grows
/// faster than linearly in the number of terms (a 50,000-word query ran past two minutes); no
/// one types more than a few dozen words into a search box.
pub const MAX_QUERY_TERMS: usize = 64;

/// Turns what a user types into an FTS5 query: each word a quoted prefix term, all required;
/// `None` when the input holds no word at all (`"`, `*`, spaces), which matches nothing.
/// Users type words, not FTS syntax; quoting keeps `"`, `-` or `:` in their input from being
/// read as operators. Repeated words count once; more than [`MAX_QUERY_TERMS`] distinct words
/// is refused rather than run.
pub fn fts_query(input: &str) -> Result<Option<String>> {
    let mut seen = std::collections::HashSet::new();
    let mut terms = Vec::new();
    for w in input.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()) {
        // A word of apostrophes only ("'") would be an empty phrase.
        if !w.chars().any(char::is_alphanumeric) || !seen.insert(w.to_lowercase()) {
            continue;
        }
        if terms.len() == MAX_QUERY_TERMS {
            return Err(Error::bad_input("search", format!("holds more than {MAX_QUERY_TERMS} different words; search for fewer")));
        }
        terms.push(match stem_prefix(w) {
            // Every word the word's prefix term finds starts with its stem too, so the stem's
            // term alone finds the same claims: the index merges one prefix's postings instead
            // of two and joins them (a common word at a million claims: ~97,000 rows each).
            Some(stem) if w.to_lowercase().starts_with(&stem) => format!("\"{stem}\"*"),
            // Not when the stem was taken after folding "ё" to "е", which the index does not
            // fold: "ёлки"* and "елк"* find different words.
            Some(stem) => format!("(\"{w}\"* OR \"{stem}\"*)"),
            None => format!("\"{w}\"*"),
        });
    }
    // Explicit AND: FTS5 joins bare phrases implicitly, but not a parenthesised group ("a" ("b" OR "c")
    // is a syntax error), which a stemmed word is.
    Ok((!terms.is_empty()).then(|| terms.join(" AND ")))
}

/// Shortest stem a search widens a word to: a shorter one matches too much ("war" → "wa").
const MIN_STEM_PREFIX: usize = 4;

/// The stem that makes a search word find its inflected forms as a prefix ("заявление" →
/// "заявлен", which "заявления" and "заявлением" start with; "accusations" → "accus"): the Snowball
/// stem of the word's script — Russian for Cyrillic, the shorter of French and English for Latin —
/// when it is a proper prefix of the word and long enough. The exact index serves both, so the
/// store keeps one full-text index, not a second, stemmed copy of every text.
fn stem_prefix(word: &str) -> Option<String> {
    let lower = word.to_lowercase().replace('ё', "е");
    let cyrillic = lower.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    let stems: Vec<String> = if cyrillic { vec![crate::text::stem("ru", &lower)] } else { vec![crate::text::stem("fr", &lower), crate::text::stem("en", &lower)] };
    stems
        .into_iter()
        .filter(|s| s.chars().count() >= MIN_STEM_PREFIX && s.len() < lower.len() && lower.starts_with(s.as_str()))
        .min_by_key(String::len)
}
