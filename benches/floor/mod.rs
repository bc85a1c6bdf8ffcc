//! The floor every import is measured against: the same files stored by a plain rusqlite writer
//! in a table with an FTS5 index (the store's tokenizer), one transaction per file, WAL and
//! `synchronous=NORMAL` as the store opens. Nothing is extracted: this is what merely keeping the
//! texts searchable costs, so `import time / floor time` is the price of everything else.

use std::path::Path;
use std::time::{Duration, Instant};

/// A floor store.
pub struct Floor {
    conn: rusqlite::Connection,
}

impl Floor {
    /// Creates the floor's schema at `path`.
    pub fn open(path: &Path) -> rusqlite::Result<Floor> {
        let conn = rusqlite::Connection::open(path)?;
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.execute_batch(
            "PRAGMA synchronous=NORMAL;
             CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, text TEXT NOT NULL);
             CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
                 text, content='docs', content_rowid='id', tokenize='unicode61 remove_diacritics 2');",
        )?;
        Ok(Floor { conn })
    }

    /// Stores every file, one transaction each; the time it took.
    pub fn import(&mut self, files: &[std::path::PathBuf]) -> Duration {
        let start = Instant::now();
        for f in files {
            let text = std::fs::read_to_string(f).expect("bench file reads as UTF-8");
            self.store(&f.display().to_string(), &text);
        }
        start.elapsed()
    }

    /// Stores `(name, text)` pairs, one transaction each; the time it took.
    pub fn import_texts(&mut self, texts: &[(String, String)]) -> Duration {
        let start = Instant::now();
        for (name, text) in texts {
            self.store(name, text);
        }
        start.elapsed()
    }

    fn store(&mut self, name: &str, text: &str) {
        {
            let tx = self.conn.transaction().expect("floor transaction");
            tx.prepare_cached("INSERT INTO docs (name, text) VALUES (?1, ?2)")
                .and_then(|mut st| st.execute(rusqlite::params![name, text]))
                .expect("floor insert");
            let id = tx.last_insert_rowid();
            tx.prepare_cached("INSERT INTO docs_fts (rowid, text) VALUES (?1, ?2)")
                .and_then(|mut st| st.execute(rusqlite::params![id, text]))
                .expect("floor FTS insert");
            tx.commit().expect("floor commit");
        }
    }

    /// The first 200 documents holding `word`, best first (as the app's search asks).
    pub fn search(&self, word: &str) -> usize {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.name FROM docs_fts f JOIN docs d ON d.id = f.rowid
                 WHERE docs_fts MATCH ?1 ORDER BY bm25(docs_fts) LIMIT 200",
            )
            .expect("floor search");
        let rows = st.query_map([format!("\"{word}\"*")], |r| r.get::<_, i64>(0)).expect("floor search runs");
        rows.count()
    }

    /// 200 documents from `offset` in id order, with their text.
    pub fn page(&self, offset: usize) -> usize {
        let mut st = self.conn.prepare_cached("SELECT id, name, text FROM docs ORDER BY id LIMIT 200 OFFSET ?1").expect("floor page");
        let rows = st.query_map([offset as i64], |r| r.get::<_, String>(2)).expect("floor page runs");
        rows.count()
    }

    /// Documents stored.
    pub fn count(&self) -> usize {
        self.conn.query_row("SELECT count(*) FROM docs", [], |r| r.get::<_, i64>(0)).expect("floor count") as usize
    }

    /// Checkpoints the WAL into the main file, so the file's size is the store's.
    pub fn checkpoint(&self) {
        let _: (i64, i64, i64) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("floor checkpoint");
    }
}
