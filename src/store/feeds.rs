//! The `feeds` and `feed_items` tables: subscribed feeds and the items already imported from
//! them, so that a pull imports new items only.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;

use super::Store;
use crate::error::{Error, Result};

/// Schema: feeds and their seen items.
pub(super) const MIGRATION: &str = r#"
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    added_at TEXT NOT NULL,
    pulled_at TEXT,
    last_error TEXT
);

-- An item is recorded once it is imported (or its text was already stored); failed items are
-- not, so the next pull retries them.
CREATE TABLE feed_items (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    link TEXT,
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_id, item_key)
);
"#;

/// A subscribed feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedRecord {
    /// Store id.
    pub id: i64,
    /// The feed's URL.
    pub url: String,
    /// Its title, from the last pull.
    pub title: Option<String>,
    /// When it was added.
    pub added_at: DateTime<Utc>,
    /// When it was last pulled.
    pub pulled_at: Option<DateTime<Utc>>,
    /// Why the last pull of the feed itself failed, if it did.
    pub last_error: Option<String>,
    /// Items imported from it so far.
    pub items: i64,
}

const COLUMNS: &str = "f.id, f.url, f.title, f.added_at, f.pulled_at, f.last_error, (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id)";

fn from_row(r: &Row<'_>) -> rusqlite::Result<FeedRecord> {
    Ok(FeedRecord {
        id: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        added_at: r.get(3)?,
        pulled_at: r.get(4)?,
        last_error: r.get(5)?,
        items: r.get(6)?,
    })
}

/// Records that item `key` of feed `feed_id` was imported as `source_id`.
pub(crate) fn mark_feed_item_in(tx: &Transaction<'_>, feed_id: i64, key: &str, link: Option<&str>, source_id: i64) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO feed_items (feed_id, item_key, link, source_id, seen_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![feed_id, key, link, source_id, super::now()],
    )?;
    Ok(())
}

impl Store {
    /// Subscribes to the feed at `url`; adding a feed twice returns the existing one.
    pub fn add_feed(&mut self, url: &str, title: Option<&str>) -> Result<FeedRecord> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO feeds (url, title, added_at) VALUES (?1, ?2, ?3) ON CONFLICT(url) DO NOTHING",
                params![url, title, super::now()],
            )?;
            Ok(())
        })?;
        self.conn()
            .query_row(&format!("SELECT {COLUMNS} FROM feeds f WHERE f.url = ?1"), [url], from_row)
            .optional()?
            .ok_or_else(|| Error::not_found("feed", url))
    }

    /// Every subscribed feed, oldest first.
    pub fn feeds(&self) -> Result<Vec<FeedRecord>> {
        let mut st = self.conn().prepare(&format!("SELECT {COLUMNS} FROM feeds f ORDER BY f.id"))?;
        let rows = st.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether item `key` of feed `feed_id` was already imported.
    pub fn feed_item_seen(&self, feed_id: i64, key: &str) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT 1 FROM feed_items WHERE feed_id = ?1 AND item_key = ?2", params![feed_id, key], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Records a pull of feed `feed_id`: its current title, or why fetching it failed.
    pub fn record_feed_pull(&mut self, feed_id: i64, title: Option<&str>, error: Option<&str>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE feeds SET pulled_at = ?2, title = coalesce(?3, title), last_error = ?4 WHERE id = ?1",
                params![feed_id, super::now(), title, error],
            )?;
            Ok(())
        })
    }
}
