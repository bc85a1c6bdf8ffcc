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
    /// The day its claims are dated by: its publication day, else the day it was imported
    /// (`true`), as the claims' date filters and sort read it.
    pub fn day(&self) -> (chrono::NaiveDate, bool) {
        match self.published_at {
            Some(t) => (t.date_naive(), false),
            None => (self.imported_at.date_naive(), true),
        }
    }

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

/// Where [`Store::find_sources`] looks for the words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SourceField {
    /// The title or the text.
    #[default]
    Any,
    /// The title only: what a picker shows of a source.
    Title,
}

/// A source's columns as a list shows them, for sources `s`: its facts, its text's length (not
/// the text) and its claims, counted in the reading-order index, which begins with the source.
const LISTING: &str = "s.id, s.title, s.outlet, s.url, s.language, s.published_at, s.imported_at, s.format, length(s.text),
    (SELECT count(*) FROM claims c WHERE c.source_id = s.id)";

fn listing_row(r: &Row<'_>) -> rusqlite::Result<SourceListing> {
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
        let mut st = self.conn().prepare_cached(&format!("SELECT {LISTING} FROM sources s WHERE s.id IN ({ids}) ORDER BY s.id"))?;
        let limit = limit.min(i64::MAX as usize) as i64;
        let sources = if offset == 0 {
            st.query_map([limit], listing_row)?.collect::<rusqlite::Result<Vec<_>>>()?
        } else {
            st.query_map(params![limit, offset as i64], listing_row)?.collect::<rusqlite::Result<Vec<_>>>()?
        };
        Ok(SourcePage { total: self.source_count()?, sources })
    }

    /// One source as a list shows it, without its text.
    pub fn source_listing(&self, id: i64) -> Result<SourceListing> {
        self.conn()
            .prepare_cached(&format!("SELECT {LISTING} FROM sources s WHERE s.id = ?1"))?
            .query_row([id], listing_row)
            .optional()?
            .ok_or_else(|| Error::not_found("source", id))
    }

    /// The listings of the sources `ids`, in that order; an id the store does not hold is left out.
    pub fn source_listings(&self, ids: &[i64]) -> Result<Vec<SourceListing>> {
        let mut st = self.conn().prepare_cached(&format!("SELECT {LISTING} FROM sources s WHERE s.id = ?1"))?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(l) = st.query_row([id], listing_row).optional()? {
                out.push(l);
            }
        }
        Ok(out)
    }

    /// At most `limit` sources whose words (`field`) match a search, newest first, as a list shows
    /// them; a number ("12", "#12") finds that source first. A picker and a search's "in the text
    /// of" line ask for a few: ranking every match (`bm25`) read the sizes of every source holding
    /// a common word, 84 ms at 72,000 sources, where the newest are the first the index walks to
    /// (9 ms), and no text is read.
    pub fn find_sources(&self, words: &str, field: SourceField, limit: usize) -> Result<Vec<SourceListing>> {
        let mut found = Vec::new();
        let number = words.trim().strip_prefix('#').unwrap_or(words.trim());
        if let Ok(id) = number.parse::<i64>() {
            match self.source_listing(id) {
                Ok(l) => found.push(l),
                Err(Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let Some(query) = super::fts_query(words)? else {
            return Ok(found);
        };
        let query = match field {
            SourceField::Any => query,
            SourceField::Title => format!("{{title}} : ({query})"),
        };
        let ids: Vec<i64> = self
            .conn()
            .prepare_cached("SELECT rowid FROM sources_fts WHERE sources_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2")?
            .query_map(params![query, limit.min(i64::MAX as usize) as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let ids: Vec<i64> = ids.into_iter().filter(|id| found.first().is_none_or(|f| f.id != *id)).collect();
        found.extend(self.source_listings(&ids)?);
        found.truncate(limit);
        Ok(found)
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
