//! The workbench: the one door into the core. Every operation an analyst performs, and every
//! query an adapter shows, is a `Workbench` method; the CLI and the desktop app only convert
//! inputs and outputs. Writes validate their input, record history where the analyst judges,
//! and re-run conflict detection when they change what detection reads.
//!
//! One file per concern: `import` (files, URLs, documents), `feeds`, `demo`, `claims` (sources and
//! claims, read and edited), `conflicts`, `statements` (one party's statement carried by several
//! sources, linked or unlinked by hand), `verification` (settings, verdicts, evidence, history),
//! `parties` (and the gazetteer built from them), `reports`, `review` (confidence, the review queue), `tags` (coding claims by issue, the party × tag matrix). The store is private to this module
//! tree for writes (only [`Workbench::store`], a read-only view, is public, for tests and
//! benchmarks), so no adapter can skip a rule.

mod claims;
mod conflicts;
mod demo;
mod feeds;
mod import;
mod parties;
mod reports;
mod review;
mod statements;
mod tags;
mod verification;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::Result;
use crate::model::{Anchor, TextQuoteSelector};
use crate::gazetteer::Gazetteer;
use crate::store::{PartyEdits, Store};
use crate::text::CharIndex;

pub use claims::{ClaimChanges, SourceFacts};

/// Reports the progress of a long job. The CLI draws a bar; the desktop app forwards to its UI.
pub trait Progress {
    /// The job has `total` items.
    fn start(&mut self, total: usize);
    /// Item `done` (1-based) named `name` finished.
    fn item(&mut self, done: usize, name: &str);
    /// Whether the user asked to stop; checked between items.
    fn cancelled(&self) -> bool {
        false
    }
}

impl Progress for () {
    fn start(&mut self, _: usize) {}
    fn item(&mut self, _: usize, _: &str) {}
}

/// What importing one input did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportOutcome {
    /// The input's name.
    pub input: String,
    /// The source's id (the existing one for a duplicate).
    pub source_id: i64,
    /// Its title.
    pub title: String,
    /// True when the same text was already stored: nothing was written.
    pub duplicate: bool,
    /// Claims the extractor stored.
    pub claims: usize,
    /// The older version of the same article (same canonical URL) this one supersedes.
    pub supersedes: Option<i64>,
}

/// What importing a batch did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportSummary {
    /// One outcome per input that was read.
    pub imported: Vec<ImportOutcome>,
    /// Inputs that failed, with the reason; the rest of the batch went on.
    pub failed: Vec<(String, String)>,
    /// True when the user stopped the batch.
    pub cancelled: bool,
}

/// The analyst's workspace: a store and the operations on it.
pub struct Workbench {
    store: Store,
    /// The last gazetteer built, with the party edits it applied ([`Workbench::gazetteer`]).
    gazetteer: Mutex<Option<(PartyEdits, Arc<Gazetteer>)>>,
}

impl Workbench {
    /// The store both adapters open when none is named: `CROSSCHECK_DB` when set, else
    /// `crosscheck.db` in the platform's data folder; `None` when there is no home folder.
    pub fn default_store_path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("CROSSCHECK_DB").filter(|p| !p.is_empty()) {
            return Some(PathBuf::from(p));
        }
        directories::ProjectDirs::from("org", "crosscheck", "Crosscheck").map(|d| d.data_dir().join("crosscheck.db"))
    }

    /// Opens the store at `path`.
    pub fn open(path: &Path) -> Result<Workbench> {
        Workbench::with_store(Store::open(path)?)
    }

    /// A workspace in memory.
    pub fn in_memory() -> Result<Workbench> {
        Workbench::with_store(Store::in_memory()?)
    }

    fn with_store(mut store: Store) -> Result<Workbench> {
        parties::seed_gazetteer(&mut store)?;
        Ok(Workbench { store, gazetteer: Mutex::new(None) })
    }

    /// The store, for tests and benchmarks that read it directly; adapters use the queries.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Where the store lives.
    pub fn store_path(&self) -> &Path {
        self.store.path()
    }
}

/// An anchor for chars `start..end` of `text`, with 32 chars of context either side.
pub fn anchor_in(text: &str, start: usize, end: usize) -> Anchor {
    anchor_at(&CharIndex::new(text), start, end)
}

/// [`anchor_in`] over an indexed text, for many anchors in one text.
fn anchor_at(text: &CharIndex<'_>, start: usize, end: usize) -> Anchor {
    const CONTEXT: usize = 32;
    Anchor {
        start,
        end,
        selector: TextQuoteSelector {
            exact: text.slice(start, end).to_string(),
            prefix: text.slice(start.saturating_sub(CONTEXT), start).to_string(),
            suffix: text.slice(end, end + CONTEXT).to_string(),
        },
    }
}
