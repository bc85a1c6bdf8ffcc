//! Importing: files, folders, URLs and documents, each read whole and then written with its
//! extracted claims in a transaction that also runs conflict detection. Every path (file, URL,
//! feed item, sample) is prepared by `Prepared::new` (the extractor) and written by `write_in`:
//! one document per transaction through [`Workbench::import_document`], or batches of whole
//! documents through the pipeline of [`Workbench::import_inputs`].
//!
//! Failures are per input: a 404, a timeout, a broken PDF or a page without text is one entry
//! in [`ImportSummary::failed`], and the batch goes on. Nothing is half-imported, because each
//! input is written after it was fully read, in a transaction that holds it whole or not at all.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{mpsc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::{anchor_at, ImportOutcome, ImportSummary, Progress, Workbench};
use crate::align::candidates::{ClaimRef, Features};
use crate::align::facts::Lexicon;
use crate::align::{ClaimKeys, Detection};
use crate::error::{Error, Result};
use crate::extract::{self, ExtractConfig, Extraction};
use crate::gazetteer::Gazetteer;
use crate::ingest::{self, Document, FetchConfig, Input};
use crate::model::{Origin, Speaker, FETCH_PRIVATE_SETTING};
use crate::store::{self, ClaimBrief, Inserted, NewClaim, NewSource, StoredClaims};
use crate::text::CharIndex;

impl Workbench {
    /// Imports files (folders are walked) and URLs, whole sources in batched transactions;
    /// failures are per input. See [`Workbench::import_inputs`].
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
        let mut prepared = Prepared::new(doc, raw, gazetteer);
        let mut detection = Detection::default();
        self.store.write(|tx| write_whole_in(tx, &mut prepared, gazetteer, feed_item, &mut detection))
    }

    /// Imports files, folders (walked) and http(s) URLs, keeping each input's original bytes;
    /// failures are per input.
    ///
    /// A pipeline: worker threads read, parse and extract inputs in parallel, a few ahead of the
    /// writer, and the writer (this thread) stores them in input order, several sources per
    /// transaction ([`BATCH_SOURCES`], or what arrived within [`BATCH_WAIT`]). Each source is
    /// written with its claims and then its conflict detection, in input order, so everything
    /// reads as if the inputs had been imported one after the other, and a source is whole or
    /// absent (a batch that fails is written again source by source). `progress` hears of an
    /// input once its batch is committed; a cancel is seen between inputs, and what was read
    /// before it is committed.
    pub fn import_inputs(&mut self, inputs: &[String], fetch: &FetchConfig, progress: &mut dyn Progress) -> Result<ImportSummary> {
        let fetch = &self.fetch_policy(fetch)?;
        let items = ingest::expand(inputs);
        let gazetteer = &self.gazetteer()?;
        let mut summary = ImportSummary::default();
        progress.start(items.len());
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let workers = cores.min(items.len().max(1));
        let gate = &Gate::new(items.len(), cores);
        let items = &items;
        let (send, receive) = mpsc::sync_channel::<(usize, Option<Result<Prepared>>)>(READ_AHEAD);
        self.store.checkpoint_rarely()?;
        let written = std::thread::scope(|scope| {
            for _ in 0..workers {
                let send = send.clone();
                scope.spawn(move || {
                    while let Some(i) = gate.take() {
                        let (name, input) = &items[i];
                        // An input that could not be expanded keeps its error in `items`.
                        let prepared = input.as_ref().ok().map(|input| {
                            read_input(name, input, fetch).map(|(doc, raw)| Prepared::new(doc, Some(raw), gazetteer))
                        });
                        gate.prepared(text_bytes(&prepared));
                        if send.send((i, prepared)).is_err() {
                            break; // the writer stopped
                        }
                    }
                });
            }
            drop(send);
            // Whatever ends the writer (an error, a cancel, the end), the workers must stop
            // taking inputs, or the scope would wait for them to read everything.
            let result = self.write_inputs(items, &receive, gate, gazetteer, progress, &mut summary);
            gate.stop();
            drop(receive);
            result
        });
        let checkpointed = self.store.checkpoint_as_usual();
        written?;
        checkpointed?;
        Ok(summary)
    }

    /// The pipeline's writer: takes prepared inputs in input order and commits them in batches.
    fn write_inputs(
        &mut self,
        items: &[(String, Result<Input>)],
        receive: &mpsc::Receiver<(usize, Option<Result<Prepared>>)>,
        gate: &Gate,
        gazetteer: &Gazetteer,
        progress: &mut dyn Progress,
        summary: &mut ImportSummary,
    ) -> Result<()> {
        // Inputs prepared out of order wait here for those before them; the gate keeps this to
        // at most READ_AHEAD inputs and about READ_AHEAD_BYTES of text.
        let mut arrived: BTreeMap<usize, Option<Result<Prepared>>> = BTreeMap::new();
        let mut next = 0;
        let mut detection = Detection::default();
        while next < items.len() {
            let mut batch: Vec<(usize, Option<Result<Prepared>>)> = Vec::new();
            let mut bytes = 0;
            let opened = Instant::now();
            while next < items.len() && batch.len() < BATCH_SOURCES && bytes < BATCH_BYTES {
                if progress.cancelled() {
                    summary.cancelled = true;
                    break;
                }
                if let Some(p) = arrived.remove(&next) {
                    let len = text_bytes(&p);
                    bytes += len;
                    batch.push((next, p));
                    next += 1;
                    gate.advance(next, len);
                    continue;
                }
                // Waiting longer than BATCH_WAIT with a batch in hand would hold back progress;
                // without one, the wait is short too, so that a cancel is seen while a slow input
                // (a URL) is read.
                let wait = if batch.is_empty() { BATCH_WAIT } else { BATCH_WAIT.saturating_sub(opened.elapsed()) };
                match receive.recv_timeout(wait) {
                    Ok((i, p)) => {
                        arrived.insert(i, p);
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) if batch.is_empty() => continue,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    // Every worker is gone with inputs missing: one of them panicked.
                    Err(mpsc::RecvTimeoutError::Disconnected) => return Err(Error::bad_input(&items[next].0, "import worker stopped")),
                }
            }
            gate.writing(true);
            let written = self.write_batch(batch, items, gazetteer, &mut detection, progress, summary);
            gate.writing(false);
            written?;
            if summary.cancelled {
                break;
            }
        }
        Ok(())
    }

    /// Writes one batch of prepared inputs in one transaction; a source that fails leaves
    /// nothing behind and the others are kept. Outcomes and progress are reported once the
    /// batch is committed.
    fn write_batch(
        &mut self,
        mut batch: Vec<(usize, Option<Result<Prepared>>)>,
        items: &[(String, Result<Input>)],
        gazetteer: &Gazetteer,
        detection: &mut Detection,
        progress: &mut dyn Progress,
        summary: &mut ImportSummary,
    ) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        // One transaction for the batch. Should a source fail, the batch is rolled back and
        // written again one source per transaction, so that only the failing one is left out.
        let attempt = self.store.write(|tx| {
            let mut written = BTreeMap::new();
            let mut stored = StoredClaims::default();
            for (i, p) in &mut batch {
                if let Some(Ok(p)) = p {
                    written.insert(*i, Ok(write_in(tx, p, gazetteer, None, detection, &mut stored)?));
                }
            }
            finish_in(tx, stored, detection)?;
            Ok(written)
        });
        let mut written = match attempt {
            Ok(written) => written,
            Err(e) => {
                // A detection cache describes the store as the transaction left it; after a
                // rollback it would describe what is not there.
                *detection = Detection::default();
                if store_unavailable(&e) {
                    return Err(e);
                }
                // The claims' features went to the detection rolled back: it reads them again
                // from the store, as it reads any claim it was not handed.
                let mut written = BTreeMap::new();
                for (i, p) in &mut batch {
                    if let Some(Ok(p)) = p {
                        let r = self.store.write(|tx| write_whole_in(tx, p, gazetteer, None, detection));
                        match r {
                            Err(e) if store_unavailable(&e) => return Err(e),
                            Err(e) => {
                                *detection = Detection::default();
                                written.insert(*i, Err(e));
                            }
                            ok => {
                                written.insert(*i, ok);
                            }
                        }
                    }
                }
                written
            }
        };
        for (i, p) in batch {
            let name = &items[i].0;
            let r = match p {
                Some(Ok(_)) => written.remove(&i).unwrap_or_else(|| Err(Error::bad_input(name, "was not written"))),
                Some(Err(e)) => Err(e),
                None => {
                    let reason = items[i].1.as_ref().err().map_or_else(|| "could not be read".to_string(), |e| e.to_string());
                    summary.failed.push((name.clone(), reason));
                    progress.item(i + 1, name);
                    continue;
                }
            };
            match r {
                Ok(outcome) => summary.imported.push(ImportOutcome { input: name.clone(), ..outcome }),
                Err(e) => summary.failed.push((name.clone(), e.to_string())),
            }
            progress.item(i + 1, name);
        }
        Ok(())
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
        let (doc, raw) = read_input(name, input, fetch)?;
        self.import_document(doc, Some(raw), gazetteer)
    }

    /// Runs the extractor on a text without storing anything.
    pub fn extract_text(&self, text: &str, language: Option<&str>) -> Result<Extraction> {
        let gazetteer = self.gazetteer()?;
        Ok(extract::extract(&crate::text::normalize(text), &ExtractConfig { gazetteer: &gazetteer, language }))
    }
}

/// Sources a batch of the import pipeline writes in one transaction. Committing costs a WAL
/// frame per page changed, and consecutive sources change the same index pages (the claims'
/// party, speaker, state and key indexes are written at random places: a batch of 64 dispatches
/// changed some 2,000 pages of them at 10,000 articles); a batch of 256 takes about a second.
const BATCH_SOURCES: usize = 256;

/// Text a batch holds at most (bytes), with its extraction and features: long documents make
/// smaller batches.
const BATCH_BYTES: usize = 16 << 20;

/// Longest a batch waits for its next input before it is committed without it.
const BATCH_WAIT: Duration = Duration::from_millis(250);

/// How far ahead of the writer the workers may read, in inputs and in bytes of text: inputs read,
/// not yet taken into a batch, are held in memory with their extraction. A whole batch, so that
/// the workers prepare the next one while the writer writes this one: with 32 inputs, they
/// stopped after 32 and the writer then waited for the other 224, a quarter of an import of
/// 10,000 articles on two cores. (A worker that takes an input below the byte budget may take it
/// over by one input's text.)
const READ_AHEAD: usize = BATCH_SOURCES;
const READ_AHEAD_BYTES: usize = BATCH_BYTES;

/// The bytes of text of a prepared input (none for one that failed), as the gate counts them.
fn text_bytes(p: &Option<Result<Prepared>>) -> usize {
    p.as_ref().and_then(|p| p.as_ref().ok()).map_or(0, |p| p.doc.text.len())
}

/// An input read and extracted, ready to be written.
struct Prepared {
    doc: Document,
    raw: Option<Vec<u8>>,
    extraction: Extraction,
    /// What conflict detection reads of each claim and its keys for detection (from its text
    /// and features), in the extraction's order. The writer takes them to hand them to
    /// detection ([`Detection::prime`]): a copy of every claim's features (a dozen sets of
    /// words) was 3 % of the writer's time. Empty once taken.
    primed: Vec<(Features, ClaimKeys)>,
    /// The text's identity (`text::hash`), which the writer looks up for duplicates.
    hash: [u8; 32],
}

impl Prepared {
    /// Extracts `doc`'s claims and their features for detection: the part of an import that
    /// needs no store, so it runs on the pipeline's workers.
    fn new(doc: Document, raw: Option<Vec<u8>>, gazetteer: &Gazetteer) -> Prepared {
        let extraction = extract::extract(&doc.text, &ExtractConfig { gazetteer, language: doc.language.as_deref() });
        let primed = features_of(&extraction.claims, gazetteer, PARALLEL_FEATURES);
        let hash = crate::text::hash(doc.text.as_bytes());
        Prepared { doc, raw, extraction, primed, hash }
    }
}

/// Claims from which [`features_of`] shares the work among threads: one long text (a 50 MB file
/// holds 135,000 claims) is read by one worker, and would leave the other cores idle.
const PARALLEL_FEATURES: usize = 4096;

/// Each claim's detection features and keys, in the claims' order: on the calling thread for
/// fewer than `parallel_from` claims, in chunks on as many threads as there are cores from there on.
fn features_of(claims: &[extract::ExtractedClaim], gazetteer: &Gazetteer, parallel_from: usize) -> Vec<(Features, ClaimKeys)> {
    let one = |c: &extract::ExtractedClaim| {
        let f = Features::new(ClaimRef { id: 0, source_id: 0, text: &c.text, speaker: &c.speaker.who }, gazetteer, Lexicon::builtin());
        let keys = ClaimKeys::of(&c.text, &f);
        (f, keys)
    };
    // Cores are counted only for a text long enough to share: `available_parallelism` reads
    // the cgroup's files (an open, a read and a close each), and asking it for every input was
    // a twentieth of the workers' time at 10,000 dispatches.
    if claims.len() < parallel_from {
        return claims.iter().map(one).collect();
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 {
        return claims.iter().map(one).collect();
    }
    let chunk = claims.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = claims.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>())).collect();
        // A chunk's thread panics only where the calling thread would have: pass it on.
        parts.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// Reads one input: a file from disk or a URL from the web, parsed into a document.
fn read_input(name: &str, input: &Input, fetch: &FetchConfig) -> Result<(Document, Vec<u8>)> {
    match input {
        Input::File(path) => {
            let bytes = ingest::read_file(path)?;
            Ok((ingest::load(name, &bytes)?, bytes))
        }
        Input::Url(url) => {
            let fetched = ingest::fetch::fetch(url, fetch)?;
            Ok((ingest::load_fetched(&fetched)?, fetched.bytes))
        }
    }
}

/// Hands out the indexes of the inputs to read, at most [`READ_AHEAD`] inputs and about
/// [`READ_AHEAD_BYTES`] of text past the writer, until the inputs run out or the writer stops;
/// and keeps as many threads busy as there are cores, the writer's counted while it writes.
///
/// The writer is the pipeline's slowest stage (its one SQLite connection): with a worker per
/// core running beside it, three threads shared two cores and the writer ran two thirds of the
/// time; with one worker fewer, an extraction-bound import (PDFs, one long text) left a core
/// idle whenever the writer waited. So a worker starts an input only while fewer are being
/// prepared than the cores the writer leaves free.
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
}

struct GateState {
    next: usize,
    total: usize,
    written: usize,
    stopped: bool,
    /// Bytes of text of the inputs prepared and not yet taken by the writer.
    ahead_bytes: usize,
    /// Inputs being prepared now.
    preparing: usize,
    cores: usize,
    writing: bool,
}

impl GateState {
    /// Whether a worker may start the next input now. The input the writer waits for is never
    /// held back: it was handed out before any after it.
    fn may_take(&self) -> bool {
        let free_cores = self.cores.saturating_sub(usize::from(self.writing)).max(1);
        self.next < self.written + READ_AHEAD && self.ahead_bytes < READ_AHEAD_BYTES && self.preparing < free_cores
    }
}

impl Gate {
    fn new(total: usize, cores: usize) -> Gate {
        let state = GateState { next: 0, total, written: 0, stopped: false, ahead_bytes: 0, preparing: 0, cores, writing: false };
        Gate { state: Mutex::new(state), moved: Condvar::new() }
    }

    /// The next input to read, waiting while the workers are too far ahead or the cores are
    /// taken; `None` at the end. The caller reports [`Gate::prepared`] when it is done with it.
    fn take(&self) -> Option<usize> {
        // A poisoned lock means a worker panicked; the others stop too.
        let mut s = self.state.lock().ok()?;
        loop {
            if s.stopped || s.next >= s.total {
                return None;
            }
            if s.may_take() {
                s.next += 1;
                s.preparing += 1;
                return Some(s.next - 1);
            }
            s = self.moved.wait(s).ok()?;
        }
    }

    /// A worker is done preparing its input, of `bytes` of text.
    fn prepared(&self, bytes: usize) {
        if let Ok(mut s) = self.state.lock() {
            s.preparing = s.preparing.saturating_sub(1);
            s.ahead_bytes += bytes;
        }
        self.moved.notify_all();
    }

    /// The writer has taken every input before `written`, the last of `bytes` of text.
    fn advance(&self, written: usize, bytes: usize) {
        if let Ok(mut s) = self.state.lock() {
            s.written = written;
            s.ahead_bytes = s.ahead_bytes.saturating_sub(bytes);
        }
        self.moved.notify_all();
    }

    /// The writer starts (`true`) or ends writing a batch: a core fewer for the workers meanwhile.
    fn writing(&self, writing: bool) {
        if let Ok(mut s) = self.state.lock() {
            s.writing = writing;
        }
        self.moved.notify_all();
    }

    /// No more inputs are to be read.
    fn stop(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.stopped = true;
        }
        self.moved.notify_all();
    }
}

/// [`write_in`] and [`finish_in`]: one prepared input alone in the caller's transaction.
fn write_whole_in(
    tx: &rusqlite::Transaction<'_>,
    p: &mut Prepared,
    gazetteer: &Gazetteer,
    feed_item: Option<(i64, &str)>,
    detection: &mut Detection,
) -> Result<ImportOutcome> {
    let mut stored = StoredClaims::default();
    let outcome = write_in(tx, p, gazetteer, feed_item, detection, &mut stored)?;
    finish_in(tx, stored, detection)?;
    Ok(outcome)
}

/// What the inputs written in a transaction leave for its end, written once for them all: the
/// key index rows their detection made, then their claims' states, blocks and full-text rows
/// (last: see `store::finish_claims_in`).
fn finish_in(tx: &rusqlite::Transaction<'_>, stored: StoredClaims, detection: &mut Detection) -> Result<()> {
    detection.write_index_in(tx)?;
    store::finish_claims_in(tx, stored)
}

/// Writes one prepared input: its source (or finds it stored: a duplicate writes nothing), its
/// provenance, its claims, and the conflicts they make, in the caller's transaction, which
/// must then [`finish_in`] with `stored` and `detection` before it commits.
fn write_in(
    tx: &rusqlite::Transaction<'_>,
    p: &mut Prepared,
    gazetteer: &Gazetteer,
    feed_item: Option<(i64, &str)>,
    detection: &mut Detection,
    stored: &mut StoredClaims,
) -> Result<ImportOutcome> {
    let Prepared { doc, raw, extraction, hash, .. } = &*p;
    let provenance = store::NewProvenance {
        canonical_url: doc.canonical_url.clone(),
        author: doc.author.clone(),
        retrieved_at: doc.retrieved_at,
        pages: doc.pages.clone(),
    };
    let new = NewSource {
        title: doc.title.clone(),
        outlet: doc.outlet.clone(),
        url: doc.url.clone(),
        language: Some(extraction.language.clone()),
        published_at: doc.published_at,
        format: doc.format.clone(),
        text: &doc.text,
        raw: raw.as_deref(),
    };
    let input = new.url.clone().unwrap_or_default();
    let (source_id, duplicate) = match store::insert_source_hashed_in(tx, &new, hash)? {
        Inserted::Duplicate(id) => (id, true),
        Inserted::New(id) => (id, false),
    };
    if let Some((feed, key)) = feed_item {
        store::mark_feed_item_in(tx, feed, key, new.url.as_deref(), source_id)?;
    }
    let title = new.title;
    if duplicate {
        return Ok(ImportOutcome { input, source_id, title, duplicate, claims: 0, supersedes: None });
    }
    let supersedes = store::record_provenance_in(tx, source_id, &provenance)?;
    let claims = store_extraction_in(tx, source_id, p, detection, stored)?;
    detection.run_batched_in(tx, gazetteer)?;
    Ok(ImportOutcome { input, source_id, title, duplicate, claims, supersedes })
}

/// Stores an extraction's claims for a new source, mapping its ids to store ids, and hands
/// detection each claim, with its brief and the features computed beside extraction (taken
/// from `p`: a claim whose features were taken already is read from the store by detection).
fn store_extraction_in(
    tx: &rusqlite::Transaction<'_>,
    source_id: i64,
    p: &mut Prepared,
    detection: &mut Detection,
    batch: &mut StoredClaims,
) -> Result<usize> {
    let Prepared { doc, extraction: x, primed, .. } = p;
    let text = doc.text.as_str();
    let mut ids = std::collections::HashMap::new();
    let mut stored = Vec::with_capacity(x.claims.len());
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
        // The anchor was computed from `text`, the source's text as stored.
        let (id, party) = store::insert_stored_claim_in(tx, &claim, store::Context::FromSource(text.len()), batch)?;
        ids.insert(c.id.clone(), id);
        stored.push((id, party));
    }
    // Only forward links are left to fill in: a link backwards was stored with its claim, and
    // writing it again cost an UPDATE for every reply of a long text.
    for c in &x.claims {
        if let (Some(r), Some(&id)) = (&c.responds_to, ids.get(&c.id)) {
            if let Some(&target) = ids.get(r).filter(|&&target| target > id) {
                store::set_responds_to_in(tx, id, target)?;
            }
        }
    }
    // Not queued in the store: detection hears of each claim here, primed or not.
    detection.added(stored.iter().map(|&(id, _)| id));
    for ((c, (id, party)), (f, k)) in x.claims.iter().zip(stored).zip(std::mem::take(primed)) {
        // Features were computed with the extractor's party; a party the store did not know was
        // dropped, and detection then reads the claim as stored.
        if party != c.speaker.who.party {
            continue;
        }
        let brief = ClaimBrief {
            id,
            source_id,
            text: c.text.clone(),
            speaker: Speaker { party, ..c.speaker.who.clone() },
            stance: c.stance,
            responds_to: c.responds_to.as_ref().and_then(|r| ids.get(r).copied()),
        };
        // The keys were computed with the extractor's party too, and its text is the brief's.
        detection.prime(brief, Features { id, source_id, ..f }, k);
    }
    Ok(x.claims.len())
}

/// Whether an error is the store's, not the input's: every later input would fail the same way,
/// so the batch stops and the caller sees the error itself (a locked store is exit code 3, not
/// "every input failed"). What was imported before stays: each batch of whole sources committed on its own.
pub(super) fn store_unavailable(e: &Error) -> bool {
    matches!(e, Error::Locked { .. } | Error::ReadOnly { .. } | Error::NotAStore { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate_state(cores: usize) -> GateState {
        GateState { next: 0, total: 10_000, written: 0, stopped: false, ahead_bytes: 0, preparing: 0, cores, writing: false }
    }

    #[test]
    fn the_workers_prepare_a_whole_batch_ahead_of_the_writer_and_no_more() {
        let mut s = gate_state(2);
        s.next = BATCH_SOURCES - 1;
        assert!(s.may_take(), "the batch's last input is read while the writer writes the one before");
        s.next = BATCH_SOURCES;
        assert!(!s.may_take(), "a second batch ahead waits");
        s.written = 1;
        assert!(s.may_take(), "the writer took one: one more may be read");
        s.ahead_bytes = BATCH_BYTES;
        assert!(!s.may_take(), "a batch's bytes of text ahead wait too, however few the inputs");
    }

    #[test]
    fn a_worker_leaves_the_writer_its_core_while_it_writes_and_takes_it_while_it_waits() {
        let mut s = gate_state(2);
        s.next = 1;
        s.preparing = 1;
        assert!(s.may_take(), "the writer waiting: both cores prepare");
        s.writing = true;
        assert!(!s.may_take(), "the writer writing: one core for the workers");
        s.preparing = 0;
        assert!(s.may_take());
        let mut one = gate_state(1);
        one.writing = true;
        assert!(one.may_take(), "on one core a worker still reads beside the writer, or nothing would be read");
    }

    #[test]
    fn features_and_keys_computed_on_several_threads_are_those_computed_on_one_in_the_claims_order() {
        let gazetteer = Gazetteer::builtin();
        let text = "Le ministère arménien a démenti ces allégations, qualifiées de « provocation ». \
                    Bakou a affirmé que 12 drones avaient été abattus près de Tovuz.\n\n"
            .repeat(40);
        let x = extract::extract(&crate::text::normalize(&text), &ExtractConfig { gazetteer, language: None });
        assert!(x.claims.len() >= 40, "the text holds claims: {}", x.claims.len());
        let one = features_of(&x.claims, gazetteer, usize::MAX);
        let several = features_of(&x.claims, gazetteer, 1);
        assert_eq!(several, one, "sharing the work changes neither the features and keys nor their order");
    }
}
