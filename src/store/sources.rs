//! The `sources` table.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::Store;
use crate::error::{Error, Result};
use crate::model::{Change, Source};

/// Migration 16: a source's original bytes are not stored a second time when they are its text
/// (a UTF-8 `.txt` file, already normalized): the flag says so and the text serves both. The
/// raw copy was a quarter of a store of plain-text dispatches. Existing stores free those
/// copies' pages for reuse.
pub(super) const RAW_IS_TEXT: &str = r#"
ALTER TABLE sources ADD COLUMN raw_is_text INTEGER NOT NULL DEFAULT 0;
UPDATE sources SET raw = NULL, raw_is_text = 1 WHERE raw IS NOT NULL AND raw = CAST(text AS BLOB);
"#;

/// Migration 29: a source's identity, the SHA-256 of its text, stored as its 32 bytes rather than
/// 64 hex digits, in the table and in its unique index (4.8 MB at 72,000 sources); shown in hex
/// as before. (Run again over its own work, it leaves the bytes as they are.)
pub(super) const HASH_BYTES: &str = "UPDATE sources SET content_hash = unhex(content_hash) WHERE typeof(content_hash) = 'text';";

/// A source about to be stored. Its text and bytes are borrowed: an import holds them already,
/// and copying 3 KB twice per source on the writer thread was 3 % of its time.
#[derive(Debug, Clone, Default)]
pub struct NewSource<'a> {
    /// Title.
    pub title: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL or file path.
    pub url: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// Publication time.
    pub published_at: Option<DateTime<Utc>>,
    /// Format it came in.
    pub format: String,
    /// Normalized text (see [`crate::text::normalize`]).
    pub text: &'a str,
    /// The original bytes, kept for audit.
    pub raw: Option<&'a [u8]>,
}

/// What inserting a source did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// A new source with this id.
    New(i64),
    /// The same text was already stored under this id; nothing was written.
    Duplicate(i64),
}

const COLUMNS: &str = "id, title, outlet, url, language, published_at, imported_at, format, content_hash, text";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Source> {
    Ok(Source {
        id: r.get(0)?,
        title: r.get(1)?,
        outlet: r.get(2)?,
        url: r.get(3)?,
        language: r.get(4)?,
        published_at: r.get(5)?,
        imported_at: r.get(6)?,
        format: r.get(7)?,
        // Stored as its 32 bytes (migration 29), shown in hex.
        content_hash: match r.get_ref(8)? {
            rusqlite::types::ValueRef::Blob(b) => crate::text::hex(b),
            _ => r.get(8)?,
        },
        text: r.get(9)?,
    })
}

/// Inserts a source unless one with the same text exists.
///
/// `hash` is the text's identity, [`crate::text::hash`] of its bytes, computed by the caller:
/// the import's workers hash each text beside its extraction, and the writer, which every source
/// waits for, only looks the hash up.
pub(crate) fn insert_source_hashed_in(tx: &Transaction<'_>, s: &NewSource<'_>, hash: &[u8; 32]) -> Result<Inserted> {
    // Cached, as every statement of an import: a batch writes thousands of sources.
    let existing: Option<i64> =
        tx.prepare_cached("SELECT id FROM sources WHERE content_hash = ?1")?.query_row([&hash[..]], |r| r.get(0)).optional()?;
    if let Some(id) = existing {
        return Ok(Inserted::Duplicate(id));
    }
    let raw_is_text = s.raw == Some(s.text.as_bytes());
    tx.prepare_cached(
        "INSERT INTO sources (title, outlet, url, language, published_at, imported_at, format, content_hash, text, raw, raw_is_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        s.title,
        s.outlet,
        s.url,
        s.language,
        s.published_at,
        super::now(),
        s.format,
        &hash[..],
        s.text,
        if raw_is_text { None } else { s.raw },
        raw_is_text
    ],
    )?;
    Ok(Inserted::New(tx.last_insert_rowid()))
}

/// A source as a list shows it: its facts without its text, the text's length and its claims.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceListing {
    /// Store id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// URL or file path it came from.
    pub url: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// When the outlet published it, when known.
    pub published_at: Option<DateTime<Utc>>,
    /// When it entered the store.
    pub imported_at: DateTime<Utc>,
    /// The format it was imported from.
    pub format: String,
    /// Length of the text in characters.
    pub chars: usize,
    /// Claims found in it.
    pub claims: usize,
}

impl SourceListing {
    /// The listing of a source read whole, which holds `claims` claims.
    pub fn of(s: &Source, claims: usize) -> SourceListing {
        SourceListing {
            id: s.id,
            title: s.title.clone(),
            outlet: s.outlet.clone(),
            url: s.url.clone(),
            language: s.language.clone(),
            published_at: s.published_at,
            imported_at: s.imported_at,
            format: s.format.clone(),
            chars: s.text.chars().count(),
            claims,
        }
    }
}

/// A window of the sources in id order, with how many there are in all.
#[derive(Debug, Clone, PartialEq)]
pub struct SourcePage {
    /// How many sources the store holds.
    pub total: usize,
    /// The sources at `offset..offset + limit`, oldest first.
    pub sources: Vec<SourceListing>,
}

impl Store {
    /// Every source, oldest first (without the raw bytes).
    pub fn sources(&self) -> Result<Vec<Source>> {
        let mut st = self.conn().prepare(&format!("SELECT {COLUMNS} FROM sources ORDER BY id"))?;
        let rows = st.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the store holds any source: what an empty store is, without reading the sources.
    pub fn has_sources(&self) -> Result<bool> {
        Ok(self.conn().prepare_cached("SELECT EXISTS (SELECT 1 FROM sources)")?.query_row([], |r| r.get(0))?)
    }

    /// How many sources the store holds (SQLite counts them in the smallest index, not the texts).
    pub fn source_count(&self) -> Result<usize> {
        Ok(self.conn().prepare_cached("SELECT count(*) FROM sources")?.query_row([], |r| r.get::<_, i64>(0))? as usize)
    }

    /// The sources at `offset..offset + limit` in id order, without their texts, each with its
    /// text's length and its claims counted (in the reading-order index, which begins with the
    /// source), and the total. A list of a library of 70,000 dispatches read them all, texts
    /// included, to show a screenful.
    pub fn source_page(&self, offset: usize, limit: usize) -> Result<SourcePage> {
        // A table row holds its text, so skipping `offset` rows in the table would read every text
        // before the page. The ids are taken in order from an index (any index holds the rowid;
        // `sources_canonical_url` is the smallest) and sorted: a few MB at 70,000 sources, however
        // deep the page.
        let ids = if offset == 0 {
            "SELECT id FROM sources ORDER BY id LIMIT ?1"
        } else {
            "SELECT id FROM sources INDEXED BY sources_canonical_url ORDER BY id LIMIT ?1 OFFSET ?2"
        };
        let sql = format!(
            "SELECT s.id, s.title, s.outlet, s.url, s.language, s.published_at, s.imported_at, s.format, length(s.text),
                    (SELECT count(*) FROM claims c WHERE c.source_id = s.id)
             FROM sources s WHERE s.id IN ({ids}) ORDER BY s.id"
        );
        let mut st = self.conn().prepare_cached(&sql)?;
        let limit = limit.min(i64::MAX as usize) as i64;
        let read = |r: &Row<'_>| {
            Ok(SourceListing {
                id: r.get(0)?,
                title: r.get(1)?,
                outlet: r.get(2)?,
                url: r.get(3)?,
                language: r.get(4)?,
                published_at: r.get(5)?,
                imported_at: r.get(6)?,
                format: r.get(7)?,
                chars: r.get::<_, i64>(8)? as usize,
                claims: r.get::<_, i64>(9)? as usize,
            })
        };
        let sources = if offset == 0 {
            st.query_map([limit], read)?.collect::<rusqlite::Result<Vec<_>>>()?
        } else {
            st.query_map(params![limit, offset as i64], read)?.collect::<rusqlite::Result<Vec<_>>>()?
        };
        Ok(SourcePage { total: self.source_count()?, sources })
    }

    /// One source.
    pub fn source(&self, id: i64) -> Result<Source> {
        self.conn()
            .query_row(&format!("SELECT {COLUMNS} FROM sources WHERE id = ?1"), [id], from_row)
            .optional()?
            .ok_or_else(|| Error::not_found("source", id))
    }

    /// Sets a source's outlet, author and publication time as the analyst corrects them (each
    /// `None` clears the fact), with one `source` history entry naming the facts that changed, in
    /// the same transaction (no entry, no write, when none did); claims dated by their source follow.
    pub fn set_source_facts(&mut self, id: i64, outlet: Option<&str>, author: Option<&str>, published_at: Option<DateTime<Utc>>, analyst: &str) -> Result<Source> {
        let before = self.source(id)?;
        self.write(|tx| {
            let author_before: Option<String> = tx.query_row("SELECT author FROM sources WHERE id = ?1", [id], |r| r.get(0))?;
            let day = |t: Option<DateTime<Utc>>| t.map(|t| t.date_naive().to_string());
            let mut old = serde_json::json!({ "source": id, "title": before.title });
            let mut new = serde_json::json!({ "source": id });
            for (key, was, now) in [
                ("outlet", before.outlet.clone(), outlet.map(str::to_string)),
                ("author", author_before, author.map(str::to_string)),
                ("published", day(before.published_at), day(published_at)),
            ] {
                if was != now {
                    old[key] = serde_json::json!(was);
                    new[key] = serde_json::json!(now);
                }
            }
            // Facts are compared by day; a time of day alone is written without an entry.
            let changed = new.as_object().map_or(0, |m| m.len() - 1);
            if changed == 0 && before.published_at == published_at {
                return Ok(());
            }
            tx.execute(
                "UPDATE sources SET outlet = ?2, author = ?3, published_at = ?4 WHERE id = ?1",
                params![id, outlet, author, published_at],
            )?;
            if changed > 0 {
                super::history::append_history_in(tx, None, None, Change::Source, Some(&old.to_string()), Some(&new.to_string()), "", analyst)?;
            }
            Ok(())
        })?;
        self.source(id)
    }

    /// Sources whose title or text match an FTS5 query (accents ignored), best first.
    pub fn search_sources(&self, query: &str) -> Result<Vec<Source>> {
        let Some(query) = super::fts_query(query)? else {
            return Ok(Vec::new());
        };
        let cols = COLUMNS.split(", ").map(|c| format!("s.{c}")).collect::<Vec<_>>().join(", ");
        let mut st = self.conn().prepare(&format!(
            "SELECT {cols} FROM sources_fts f JOIN sources s ON s.id = f.rowid
             WHERE sources_fts MATCH ?1 ORDER BY bm25(sources_fts) LIMIT 200"
        ))?;
        let rows = st.query_map([query], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
