//! Where a source came from and which version of an article it is: canonical URL, author,
//! retrieval time, page boundaries, and the chain of versions of one canonical URL.
//!
//! A source's identity stays its text hash (see `sources.rs`): re-importing the same text is a
//! no-op. Re-importing a *changed* article (same canonical URL, different text) stores a new
//! source whose `supersedes` points at the previous newest version and whose `version` is one
//! higher; both stay, so claims anchored in the old text keep their anchors.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::Store;
use crate::error::Result;

/// Schema: provenance columns on `sources` and the `source_pages` table.
pub(super) const MIGRATION: &str = r#"
ALTER TABLE sources ADD COLUMN canonical_url TEXT;
ALTER TABLE sources ADD COLUMN author TEXT;
ALTER TABLE sources ADD COLUMN retrieved_at TEXT;
ALTER TABLE sources ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sources ADD COLUMN supersedes INTEGER REFERENCES sources(id) ON DELETE SET NULL;
CREATE INDEX sources_canonical_url ON sources(canonical_url);

-- Page n of a source starts at char offset `start` of its text (PDFs).
CREATE TABLE source_pages (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    PRIMARY KEY (source_id, page)
) WITHOUT ROWID;
"#;

/// Provenance of a source about to be stored.
#[derive(Debug, Clone, Default)]
pub struct NewProvenance {
    /// Canonical URL: imports sharing one are versions of one article.
    pub canonical_url: Option<String>,
    /// Author(s) as credited.
    pub author: Option<String>,
    /// When it was fetched.
    pub retrieved_at: Option<DateTime<Utc>>,
    /// Char offset where each page starts; `pages[0]` is page 1.
    pub pages: Vec<usize>,
}

/// Provenance of a stored source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The source.
    pub source_id: i64,
    /// Canonical URL, when it came from the web.
    pub canonical_url: Option<String>,
    /// Author(s) as credited.
    pub author: Option<String>,
    /// When it was fetched.
    pub retrieved_at: Option<DateTime<Utc>>,
    /// 1 for the first import of a canonical URL, then 2, 3…
    pub version: i64,
    /// The previous version, if any.
    pub supersedes: Option<i64>,
    /// The next version, if a newer one was imported.
    pub superseded_by: Option<i64>,
    /// Char offset where each page starts; empty when the source has no pages.
    pub pages: Vec<usize>,
}

/// Records the provenance of the new source `id`; returns the source it supersedes, if any.
pub(crate) fn record_provenance_in(tx: &Transaction<'_>, id: i64, p: &NewProvenance) -> Result<Option<i64>> {
    let previous: Option<(i64, i64)> = match &p.canonical_url {
        Some(url) => tx
            .prepare_cached("SELECT id, version FROM sources WHERE canonical_url = ?1 AND id != ?2 ORDER BY version DESC, id DESC LIMIT 1")?
            .query_row(params![url, id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
        None => None,
    };
    tx.prepare_cached("UPDATE sources SET canonical_url = ?2, author = ?3, retrieved_at = ?4, version = ?5, supersedes = ?6 WHERE id = ?1")?
    .execute(params![id, p.canonical_url, p.author, p.retrieved_at, previous.map_or(1, |(_, v)| v + 1), previous.map(|(pid, _)| pid)],
    )?;
    let mut page = tx.prepare_cached("INSERT INTO source_pages (source_id, page, start) VALUES (?1, ?2, ?3)")?;
    for (i, start) in p.pages.iter().enumerate() {
        page.execute(params![id, i as i64 + 1, *start as i64])?;
    }
    Ok(previous.map(|(pid, _)| pid))
}

impl Store {
    /// Where source `id` came from, which version it is, and its pages.
    pub fn provenance(&self, id: i64) -> Result<Provenance> {
        let source = self.source(id)?; // NotFound for an unknown id
        let (canonical_url, author, retrieved_at, version, supersedes) = self.conn().query_row(
            "SELECT canonical_url, author, retrieved_at, version, supersedes FROM sources WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let superseded_by =
            self.conn().query_row("SELECT max(id) FROM sources WHERE supersedes = ?1", [id], |r| r.get::<_, Option<i64>>(0))?;
        let mut st = self.conn().prepare("SELECT start FROM source_pages WHERE source_id = ?1 ORDER BY page")?;
        let pages = st.query_map([source.id], |r| r.get::<_, i64>(0).map(|s| s as usize))?.collect::<rusqlite::Result<_>>()?;
        Ok(Provenance { source_id: id, canonical_url, author, retrieved_at, version, supersedes, superseded_by, pages })
    }

    /// The page (1-based) of source `id` holding char `offset`, or `None` for a source without pages.
    pub fn page_at(&self, id: i64, offset: usize) -> Result<Option<u32>> {
        Ok(self.conn().query_row(
            "SELECT max(page) FROM source_pages WHERE source_id = ?1 AND start <= ?2",
            params![id, offset as i64],
            |r| r.get::<_, Option<u32>>(0),
        )?)
    }

    /// The original bytes source `id` was imported from, when they were kept.
    pub fn source_raw(&self, id: i64) -> Result<Option<Vec<u8>>> {
        self.conn()
            .query_row("SELECT CASE WHEN raw_is_text THEN CAST(text AS BLOB) ELSE raw END FROM sources WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| crate::error::Error::not_found("source", id))
    }

    /// Ids of every version of the article at `canonical_url`, oldest first.
    pub fn versions(&self, canonical_url: &str) -> Result<Vec<i64>> {
        let mut st = self.conn().prepare("SELECT id FROM sources WHERE canonical_url = ?1 ORDER BY version, id")?;
        let ids = st.query_map([canonical_url], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }
}
