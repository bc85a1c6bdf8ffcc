//! Importing: files, folders, URLs and documents, each read whole and then written in one
//! transaction with its extracted claims, which also runs conflict detection. Every path (file,
//! URL, feed item, sample) ends in [`Workbench::import_document`], hence in the extractor.
//!
//! Failures are per input: a 404, a timeout, a broken PDF or a page without text is one entry
//! in [`ImportSummary::failed`], and the batch goes on. Nothing is half-imported, because each
//! input is written in one transaction after it was fully read.

use std::path::PathBuf;

use super::{anchor_at, ImportOutcome, ImportSummary, Progress, Workbench};
use crate::align::{self, candidates::CandidateConfig};
use crate::error::{Error, Result};
use crate::extract::{self, ExtractConfig, Extraction};
use crate::gazetteer::Gazetteer;
use crate::ingest::{self, Document, FetchConfig, Input};
use crate::model::{Origin, FETCH_PRIVATE_SETTING};
use crate::store::{self, Inserted, NewClaim, NewSource};
use crate::text::CharIndex;

impl Workbench {
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

    /// Imports files, folders (walked) and http(s) URLs, one transaction per input, keeping
    /// each input's original bytes; failures are per input.
    pub fn import_inputs(&mut self, inputs: &[String], fetch: &FetchConfig, progress: &mut dyn Progress) -> Result<ImportSummary> {
        let fetch = &self.fetch_policy(fetch)?;
        let items = ingest::expand(inputs);
        let gazetteer = self.gazetteer()?;
        let mut summary = ImportSummary::default();
        progress.start(items.len());
        for (i, (name, input)) in items.into_iter().enumerate() {
            if progress.cancelled() {
                summary.cancelled = true;
                break;
            }
            match input.and_then(|input| self.import_input(&name, &input, fetch, &gazetteer)) {
                Ok(outcome) => summary.imported.push(ImportOutcome { input: name.clone(), ..outcome }),
                Err(e) if store_unavailable(&e) => return Err(e),
                Err(e) => summary.failed.push((name.clone(), e.to_string())),
            }
            progress.item(i + 1, &name);
        }
        Ok(summary)
    }

    /// Fetches and imports one URL.
    pub fn import_url(&mut self, url: &str, fetch: &FetchConfig) -> Result<ImportOutcome> {
        let fetch = &self.fetch_policy(fetch)?;
        let gazetteer = self.gazetteer()?;
        self.import_input(url, &Input::Url(url.to_string()), fetch, &gazetteer)
    }

    /// `fetch`, allowed to reach private addresses when the analyst's `fetch_private` setting
    /// says so (intranet pages); see [`crate::ingest::fetch`].
    pub(super) fn fetch_policy(&self, fetch: &FetchConfig) -> Result<FetchConfig> {
        let mut fetch = fetch.clone();
        fetch.allow_private |= self.store.setting(FETCH_PRIVATE_SETTING)?.as_deref() == Some("yes");
        Ok(fetch)
    }

    fn import_input(&mut self, name: &str, input: &Input, fetch: &FetchConfig, gazetteer: &Gazetteer) -> Result<ImportOutcome> {
        match input {
            Input::File(path) => {
                let bytes = ingest::read_file(path)?;
                let doc = ingest::load(name, &bytes)?;
                self.import_document(doc, Some(bytes), gazetteer)
            }
            Input::Url(url) => {
                let fetched = ingest::fetch::fetch(url, fetch)?;
                let doc = ingest::load_fetched(&fetched)?;
                self.import_document(doc, Some(fetched.bytes), gazetteer)
            }
        }
    }

    /// Runs the extractor on a text without storing anything.
    pub fn extract_text(&self, text: &str, language: Option<&str>) -> Result<Extraction> {
        let gazetteer = self.gazetteer()?;
        Ok(extract::extract(&crate::text::normalize(text), &ExtractConfig { gazetteer: &gazetteer, language }))
    }
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
            speaker: c.speaker.who.clone(),
            cue: c.cue.clone(),
            stance: c.stance,
            via: c.via.clone(),
            // The extractor only points backwards or forwards within the text; forward links are
            // filled in once every claim has an id.
            responds_to: c.responds_to.as_ref().and_then(|r| ids.get(r).copied()),
            origin: Origin::Extracted,
            doubts: super::review::doubts_of(c, &index),
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

/// Whether an error is the store's, not the input's: every later input would fail the same way,
/// so the batch stops and the caller sees the error itself (a locked store is exit code 3, not
/// "every input failed"). What was imported before stays: each input committed on its own.
pub(super) fn store_unavailable(e: &Error) -> bool {
    matches!(e, Error::Locked { .. } | Error::ReadOnly { .. } | Error::NotAStore { .. })
}
