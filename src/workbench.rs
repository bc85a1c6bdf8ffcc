//! The workbench: the operations analysts perform, each a few calls into the store and the
//! pure modules. Adapters (CLI, desktop) call these and only convert inputs and outputs.

use std::path::{Path, PathBuf};

use crate::align::candidates::CandidateConfig;
use crate::align::diff::DiffView;
use crate::align::{self, Conflict, ConflictFilter, DetectSummary};
use crate::error::{Error, Result};
use crate::extract::{self, ExtractConfig, Extraction};
use crate::gazetteer::Gazetteer;
use crate::ingest::{self, Document};
use crate::model::{Anchor, Claim, Origin, Speaker, Stance, TextQuoteSelector};
use crate::store::{self, Inserted, NewClaim, NewSource, Store};
use crate::text::CharIndex;

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
}

impl Workbench {
    /// Opens the store at `path`.
    pub fn open(path: &Path) -> Result<Workbench> {
        Ok(Workbench { store: Store::open(path)? })
    }

    /// A workspace in memory.
    pub fn in_memory() -> Result<Workbench> {
        Ok(Workbench { store: Store::in_memory()? })
    }

    /// The store, for queries.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for edits.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Imports files (folders are walked) and URLs, one transaction per input; failures are per
    /// input. See [`Workbench::import_inputs`].
    pub fn import_paths(&mut self, paths: &[PathBuf], progress: &mut dyn Progress) -> Result<ImportSummary> {
        let inputs: Vec<String> = paths.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        self.import_inputs(&inputs, &ingest::FetchConfig::default(), progress)
    }

    /// Imports one document with its original bytes: source and claims in one transaction.
    pub fn import_document(&mut self, doc: Document, raw: Option<Vec<u8>>, gazetteer: &Gazetteer) -> Result<ImportOutcome> {
        self.import_document_in_feed(doc, raw, gazetteer, None)
    }

    /// [`Workbench::import_document`], also recording it as item `(feed id, item key)` of a feed
    /// in the same transaction.
    pub(crate) fn import_document_in_feed(
        &mut self,
        doc: Document,
        raw: Option<Vec<u8>>,
        gazetteer: &Gazetteer,
        feed_item: Option<(i64, &str)>,
    ) -> Result<ImportOutcome> {
        let extraction = extract::extract(&doc.text, &ExtractConfig { gazetteer, language: doc.language.as_deref() });
        let provenance = store::NewProvenance {
            canonical_url: doc.canonical_url,
            author: doc.author,
            retrieved_at: doc.retrieved_at,
            pages: doc.pages,
        };
        let new = NewSource {
            title: doc.title.clone(),
            outlet: doc.outlet,
            url: doc.url.clone(),
            language: Some(extraction.language.clone()),
            published_at: doc.published_at,
            format: doc.format,
            text: doc.text,
            raw,
        };
        let input = doc.url.unwrap_or_default();
        self.store.write(|tx| {
            let (source_id, duplicate) = match store::insert_source_in(tx, &new)? {
                Inserted::Duplicate(id) => (id, true),
                Inserted::New(id) => (id, false),
            };
            if let Some((feed, key)) = feed_item {
                store::mark_feed_item_in(tx, feed, key, new.url.as_deref(), source_id)?;
            }
            if duplicate {
                return Ok(ImportOutcome { input, source_id, title: new.title.clone(), duplicate, claims: 0, supersedes: None });
            }
            let supersedes = store::record_provenance_in(tx, source_id, &provenance)?;
            let claims = store_extraction_in(tx, source_id, &new.text, &extraction)?;
            align::detect_in(tx, gazetteer, &CandidateConfig::default())?;
            Ok(ImportOutcome { input, source_id, title: new.title.clone(), duplicate, claims, supersedes })
        })
    }

    /// Records an analyst's claim on the chars `start..end` of a source.
    pub fn add_claim(&mut self, source_id: i64, start: usize, end: usize, speaker: Speaker, cue: &str, stance: Stance) -> Result<Claim> {
        let source = self.store.source(source_id)?;
        let len = source.text.chars().count();
        if start >= end || end > len {
            return Err(Error::bad_input("span", format!("{start}..{end} is not inside the source's {len} characters")));
        }
        let speaker = self.resolve_speaker(checked_speaker(speaker)?)?;
        let anchor = anchor_in(&source.text, start, end);
        let claim = NewClaim {
            source_id,
            text: anchor.selector.exact.clone(),
            anchor,
            speaker,
            cue: cue.to_string(),
            stance,
            via: Vec::new(),
            responds_to: None,
            origin: Origin::Analyst,
        };
        // A hand-made claim is proposed against the others at once, as an imported one is.
        let gazetteer = self.store.gazetteer()?;
        let id = self.store.write(|tx| {
            let id = store::insert_claim_in(tx, &claim)?;
            align::detect_in(tx, &gazetteer, &CandidateConfig::default())?;
            Ok(id)
        })?;
        self.store.claim(id)
    }

    /// Fills a speaker's party and countries from the gazetteer when the analyst gave a name only.
    fn resolve_speaker(&self, mut speaker: Speaker) -> Result<Speaker> {
        if speaker.party.is_none() {
            if let Ok(p) = self.store.find_party(&speaker.name) {
                speaker.party = Some(p.key);
            }
        }
        if let Some(key) = &speaker.party {
            let party = self.store.party(key)?;
            if speaker.countries.is_empty() {
                speaker.countries.extend(party.country);
            }
        }
        Ok(speaker)
    }

    /// Runs the extractor on a text without storing anything.
    pub fn extract_text(&self, text: &str, language: Option<&str>) -> Result<Extraction> {
        let gazetteer = self.store.gazetteer()?;
        Ok(extract::extract(&crate::text::normalize(text), &ExtractConfig { gazetteer: &gazetteer, language }))
    }
    /// Conflicts matching `filter`.
    pub fn conflicts(&self, filter: &ConflictFilter) -> Result<Vec<Conflict>> {
        self.store.conflicts(filter)
    }

    /// Finds conflicts for claims stored since the last detection (imports run it themselves).
    pub fn detect_conflicts(&mut self) -> Result<DetectSummary> {
        align::detect(&mut self.store)
    }

    /// Re-reads every claim and proposes what is new; rejections stay.
    pub fn rescan_conflicts(&mut self) -> Result<DetectSummary> {
        align::rescan(&mut self.store)
    }

    /// The diff view of a conflict.
    pub fn conflict_view(&self, id: i64) -> Result<DiffView> {
        align::view(&self.store, id)
    }

    /// The diff view of two claims.
    pub fn diff_claims(&self, a: i64, b: i64) -> Result<DiffView> {
        align::view_pair(&self.store, a, b)
    }

    /// Confirms a conflict.
    pub fn confirm_conflict(&mut self, id: i64) -> Result<Conflict> {
        align::confirm(&mut self.store, id)
    }

    /// Rejects a conflict; its pairs are never proposed again.
    pub fn reject_conflict(&mut self, id: i64, explanation: Option<&str>) -> Result<Conflict> {
        align::reject(&mut self.store, id, explanation)
    }

    /// Builds a conflict from claims.
    pub fn new_conflict(&mut self, claims: &[i64], explanation: Option<&str>) -> Result<Conflict> {
        align::create(&mut self.store, claims, explanation)
    }

    /// Adds a claim to a conflict.
    pub fn add_to_conflict(&mut self, id: i64, claim: i64) -> Result<Conflict> {
        align::add_claim(&mut self.store, id, claim)
    }

    /// Removes a claim from a conflict.
    pub fn remove_from_conflict(&mut self, id: i64, claim: i64) -> Result<Conflict> {
        align::remove_claim(&mut self.store, id, claim)
    }
}


/// The speaker with its name trimmed; a claim needs someone who said it. Control characters
/// would reach terminals and reports through the name, so they are refused too.
pub(crate) fn checked_speaker(mut speaker: Speaker) -> Result<Speaker> {
    speaker.name = checked_speaker_name(&speaker.name)?;
    Ok(speaker)
}

/// A speaker name as stored: trimmed, not empty, no control characters.
pub(crate) fn checked_speaker_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::bad_input("speaker", "is empty; a claim needs the name of who said it"));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::bad_input("speaker", "holds control characters"));
    }
    Ok(name.to_string())
}

/// Stores an extraction's claims for a new source, mapping its ids to store ids.
fn store_extraction_in(tx: &rusqlite::Transaction<'_>, source_id: i64, text: &str, x: &Extraction) -> Result<usize> {
    let mut ids = std::collections::HashMap::new();
    // One index for all the claims: this runs inside the write transaction, and offsets counted
    // from the text's start for each claim made a long text's import quadratic.
    let index = CharIndex::new(text);
    for c in &x.claims {
        let claim = NewClaim {
            source_id,
            anchor: anchor_at(&index, c.start, c.end),
            text: c.text.clone(),
            speaker: c.speaker.clone(),
            cue: c.cue.clone(),
            stance: c.stance,
            via: c.via.clone(),
            // The extractor only points backwards or forwards within the text; forward links are
            // filled in once every claim has an id.
            responds_to: c.responds_to.as_ref().and_then(|r| ids.get(r).copied()),
            origin: Origin::Extracted,
        };
        ids.insert(c.id.clone(), store::insert_claim_in(tx, &claim)?);
    }
    for c in &x.claims {
        if let (Some(r), Some(&id)) = (&c.responds_to, ids.get(&c.id)) {
            if let Some(&target) = ids.get(r) {
                store::set_responds_to_in(tx, id, target)?;
            }
        }
    }
    Ok(x.claims.len())
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
