//! Conflicts: claims of two or more parties about the same proposition or event, and the diff
//! view that puts them side by side.
//!
//! Conflicts come from three places ([`ConflictOrigin`]): a claim that answers another
//! (`responds_to`: "Erevan nie cela") makes a `reply` conflict as soon as it is stored; claims of
//! opposing parties in different sources that share an event's facts are proposed as
//! `candidate`s, with a score and the evidence for it ([`candidates`]); the analyst builds
//! `analyst` conflicts by hand. Whatever the tool finds is `proposed`: the analyst confirms,
//! rejects (with a reason) or resolves it; a rejected pair is remembered and never proposed again. [`detect_in`] runs inside the import transaction.
//!
//! Nothing here renders: [`diff::DiffView`] is the model the CLI and the desktop app print.

pub mod candidates;
pub mod diff;
pub mod events;
pub mod facts;
pub mod proposition;
mod rescan;
pub mod tokens;

pub use rescan::rescan_in;

use foldhash::HashMap;
use std::rc::Rc;

use rusqlite::Transaction;
use serde::Serialize;

use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::model::{conflict_status as status, ConflictOrigin, Stance};
use crate::store::{self, ClaimBrief, NewConflict};
use candidates::{CandidateConfig, ClaimRef, Features, Side};
use facts::Lexicon;

/// What a detection run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DetectSummary {
    /// Claims indexed in this run.
    pub claims: usize,
    /// Reply conflicts created.
    pub replies: usize,
    /// Claims added to an existing reply conflict.
    pub joined: usize,
    /// Candidates proposed.
    pub candidates: usize,
    /// Claims found to carry a statement already stored from another source (same party, same
    /// words): a carrier of that statement, not a new conflict.
    pub carried: usize,
}

/// Word similarity from which two claims of one party in two sources are one statement carried
/// twice (copies cut differently, a relay that changed a word or two).
pub const SAME_STATEMENT_SIMILARITY: f32 = 0.85;

/// The blocking key of a claim's exact words for its side: copies of one statement share it.
fn statement_key(text: &str, side: &Side) -> String {
    let mut keyed = side.key();
    keyed.push('|');
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            keyed.push(' ');
        }
        keyed.push_str(&crate::text::fold(w));
    }
    format!("x:{}", crate::text::hash_hex(keyed.as_bytes()))
}

/// The keys a claim is indexed under, as text: its blocking keys ([`Features::keys`]) and its
/// statement key, last. The key index holds their hashes ([`crate::text::key_hash`]).
pub fn index_keys(text: &str, f: &Features) -> Vec<String> {
    let mut keys: Vec<String> = f.keys().into_iter().map(|(k, _)| k).collect();
    keys.push(statement_key(text, &f.side));
    keys
}

/// A claim's keys as detection indexes and shortlists it: its blocking keys' hashes with their
/// weights ([`Features::hashed_keys`], in their order) and its statement key, with its hash.
/// The import computes them on its workers, beside the claim's features: the writer, which every
/// source waits for, spent a tenth of its time formatting, folding and hashing keys.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimKeys {
    blocking: Vec<(i64, f32)>,
    statement: String,
    statement_hash: i64,
}

impl ClaimKeys {
    /// The keys of a claim of `text` with features `f`: what [`index_keys`] names, hashed.
    pub fn of(text: &str, f: &Features) -> ClaimKeys {
        let statement = statement_key(text, &f.side);
        ClaimKeys { blocking: f.hashed_keys(), statement_hash: crate::text::key_hash(&statement), statement }
    }

    /// The blocking keys' hashes, each once, in order: what the key index holds.
    fn blocking_hashes(&self) -> Vec<i64> {
        let mut hashes: Vec<i64> = self.blocking.iter().map(|k| k.0).collect();
        hashes.sort_unstable();
        hashes.dedup();
        hashes
    }
}

/// Indexes every claim not yet indexed and finds their conflicts: replies first, then
/// cross-source candidates. Runs in the caller's transaction (an import's).
pub fn detect_in(tx: &Transaction<'_>, gazetteer: &Gazetteer, cfg: &CandidateConfig) -> Result<DetectSummary> {
    let mut detection = Detection::default();
    let summary = detection.detect_in(tx, gazetteer, cfg)?;
    detection.write_index_in(tx)?;
    Ok(summary)
}

/// Detection run again and again in one transaction (an import batch runs it after each
/// source), keeping what it learned of the store from one run to the next: each claim's brief
/// and features, computed once rather than each time a claim is shortlisted (the import's main
/// cost before: 51 % of it, see `docs/perf/import-profile.md`), and the keys too common to block on.
/// Its results are those of [`detect_in`]. It assumes stored claims are only added while it
/// lives (as during an import), and must be dropped when its transaction is rolled back.
pub struct Detection {
    /// Claims read from the store, at most `kept_claims` (emptied when full).
    claims: HashMap<i64, Option<Analysed>>,
    /// Claims handed over by [`Detection::prime`] for the next run, held until it ends whatever
    /// their number: a run reads each of its claims in three passes, and when one source held
    /// more claims than the cap, emptying the cache mid-run made every pass read and analyse
    /// them again (a 50 MB text's 135,000 claims: detection took 25.7 s instead of 8.5).
    primed: HashMap<i64, Analysed>,
    /// How many claims' features `claims` may hold.
    kept_claims: usize,
    /// Claims this detection read from the store and analysed itself.
    analysed: usize,
    /// The key index's postings read so far, by key hash, in claim order as the store gives
    /// them, kept up to date as claims are indexed: claims are only added while a detection
    /// lives, each with an id above all before it, so a list grows at its end. A list longer
    /// than the cap stays so, as the store's mark of a common key does.
    postings: HashMap<i64, Vec<i64>>,
    /// The highest claim id indexed so far.
    last_indexed: i64,
    /// Statement keys' first holders read so far: their source and statement key.
    holders: HashMap<i64, Option<(i64, String)>>,
    /// The keys of the claims primed for the next run, computed with their features.
    primed_keys: HashMap<i64, Rc<ClaimKeys>>,
    /// Claims stored in this transaction and not queued for detection, for the next run.
    added: Vec<i64>,
    /// Key index rows not written yet, by key hash: the claims indexed under it, in order.
    /// [`Detection::write_index_in`] writes them sorted, once per transaction of an import, where
    /// a statement per row cost a tenth of the writer; until then the postings above (which
    /// hold every key with an unwritten row) and [`Detection::first_holder`] read them.
    unwritten: HashMap<i64, Vec<i64>>,
    /// Keys found too common to block on since the index was last written, each with whether
    /// the store holds postings of it (a key first seen in this transaction has none there):
    /// those postings are still to delete, and read as gone.
    unwritten_common: HashMap<i64, bool>,
}

impl Default for Detection {
    fn default() -> Self {
        Detection::keeping(KEPT_CLAIMS)
    }
}

/// Keys whose postings a [`Detection`] keeps; past this it reads them afresh.
const KEPT_KEYS: usize = 200_000;

/// Claims read from the store whose features a [`Detection`] keeps; past this it starts afresh,
/// so that memory stays bounded on a store of a million claims (about 3 KB each). Claims primed
/// by an import are not counted: the import holds them already.
const KEPT_CLAIMS: usize = 50_000;

impl Detection {
    /// [`detect_in`] with the default configuration.
    pub fn run_in(&mut self, tx: &Transaction<'_>, gazetteer: &Gazetteer) -> Result<DetectSummary> {
        let summary = self.run_batched_in(tx, gazetteer)?;
        self.write_index_in(tx)?;
        Ok(summary)
    }

    /// [`Detection::run_in`], leaving the key index rows it makes in memory for the runs after
    /// it in the same transaction: the caller writes them with [`Detection::write_index_in`]
    /// before it commits (an import, once per batch of sources).
    pub fn run_batched_in(&mut self, tx: &Transaction<'_>, gazetteer: &Gazetteer) -> Result<DetectSummary> {
        self.detect_in(tx, gazetteer, &CandidateConfig::default())
    }

    /// Writes the key index rows the runs since the last call made, sorted (a batch fills the
    /// index's pages in order), and marks the keys they found too common.
    pub fn write_index_in(&mut self, tx: &Transaction<'_>) -> Result<()> {
        let mut common: Vec<(i64, bool)> = self.unwritten_common.drain().collect();
        common.sort_unstable();
        store::mark_common_in(tx, &common)?;
        let mut rows: Vec<(i64, i64)> = self.unwritten.drain().flat_map(|(k, claims)| claims.into_iter().map(move |c| (k, c))).collect();
        rows.sort_unstable();
        store::insert_postings_in(tx, &rows, &[])
    }

    /// Tells detection of claims stored in this transaction without being queued for it (an
    /// import's: `store::insert_stored_claim_in`): the next run detects them with the queue's.
    pub fn added(&mut self, ids: impl IntoIterator<Item = i64>) {
        self.added.extend(ids);
    }

    /// A detection that keeps the features of at most `claims` claims it read from the store
    /// (the default keeps 50,000).
    pub fn keeping(claims: usize) -> Detection {
        Detection {
            claims: HashMap::default(),
            primed: HashMap::default(),
            kept_claims: claims,
            analysed: 0,
            postings: HashMap::default(),
            last_indexed: 0,
            holders: HashMap::default(),
            primed_keys: HashMap::default(),
            added: Vec::new(),
            unwritten: HashMap::default(),
            unwritten_common: HashMap::default(),
        }
    }

    /// How many claims this detection read from the store and analysed itself, each time it
    /// did: claims it was primed with are not counted.
    pub fn analysed(&self) -> usize {
        self.analysed
    }

    /// Tells detection a claim's brief and features before it reads them: the import computes
    /// features on its worker threads, beside extraction, and the writer only hands them over.
    /// They are held until the next run ends, then kept like claims read from the store.
    /// `keys` are the claim's [`ClaimKeys::of`] its text and features, computed beside them.
    pub fn prime(&mut self, brief: ClaimBrief, features: Features, keys: ClaimKeys) {
        self.primed_keys.insert(brief.id, Rc::new(keys));
        self.primed.insert(brief.id, Rc::new((brief, features)));
    }

    /// A claim's keys: those it was primed with, else computed from its brief and features.
    fn keys_of(&self, hit: &Analysed) -> Rc<ClaimKeys> {
        match self.primed_keys.get(&hit.0.id) {
            Some(keys) => keys.clone(),
            None => Rc::new(ClaimKeys::of(&hit.0.text, &hit.1)),
        }
    }

    /// A claim's brief and features, read and computed once, with its speaker's account: the
    /// claims just before it in its source by the same speaker ([`Features::continue_account`]).
    fn load(&mut self, tx: &Transaction<'_>, gazetteer: &Gazetteer, id: i64) -> Result<Option<Analysed>> {
        let Some(hit) = self.load_alone(tx, gazetteer, id)? else { return Ok(None) };
        if hit.1.account_read {
            return Ok(Some(hit));
        }
        // Claims of one source are stored in text order with consecutive ids. An import primes
        // a whole source's claims: a claim before them is another source's, and is not read.
        let primed = self.primed.contains_key(&id);
        // Completed in place when no one else holds it: a copy of a claim's features (a dozen
        // sets of words) for every claim was 2 % of the import's writer.
        let kept = if primed { self.primed.remove(&id) } else { self.claims.remove(&id).flatten() };
        let mut whole = match kept {
            Some(own) => {
                drop(hit);
                Rc::try_unwrap(own).unwrap_or_else(|shared| (*shared).clone())
            }
            None => (*hit).clone(),
        };
        whole.1.account_read = true;
        for earlier in (1..=candidates::ACCOUNT_REACH as i64).map(|k| id - k) {
            if primed && !self.primed.contains_key(&earlier) {
                break;
            }
            let Some(e) = self.load_alone(tx, gazetteer, earlier)? else { break };
            if !whole.1.continue_account(&e.1) {
                break;
            }
        }
        let whole = Rc::new(whole);
        if primed {
            self.primed.insert(id, whole.clone());
        } else {
            self.claims.insert(id, Some(whole.clone()));
        }
        Ok(Some(whole))
    }

    /// A claim's brief and its own features, read and computed once.
    fn load_alone(&mut self, tx: &Transaction<'_>, gazetteer: &Gazetteer, id: i64) -> Result<Option<Analysed>> {
        if let Some(hit) = self.primed.get(&id) {
            return Ok(Some(hit.clone()));
        }
        if let Some(hit) = self.claims.get(&id) {
            return Ok(hit.clone());
        }
        self.analysed += 1;
        let got = store::claim_brief_in(tx, id)?.map(|b| {
            let f = Features::new(ClaimRef { id: b.id, source_id: b.source_id, text: &b.text, speaker: &b.speaker }, gazetteer, Lexicon::builtin());
            Rc::new((b, f))
        });
        if self.claims.len() >= self.kept_claims {
            self.claims.clear();
        }
        self.claims.insert(id, got.clone());
        Ok(got)
    }

    /// The source and statement key of claim `id`, an earlier holder of a copy's statement key
    /// hash: from the claims kept if it is one, else from its brief alone. Its features are not
    /// needed, only its side, and most copies' first holders are older claims of the store (at
    /// 100,000 claims, analysing them was a third of detection).
    fn holder_key(&mut self, tx: &Transaction<'_>, id: i64) -> Result<Option<(i64, String)>> {
        if let Some(hit) = self.holders.get(&id) {
            return Ok(hit.clone());
        }
        let kept = self.primed.get(&id).or_else(|| self.claims.get(&id).and_then(Option::as_ref));
        let got = match kept {
            Some(hit) => Some((hit.0.source_id, statement_key(&hit.0.text, &hit.1.side))),
            None => store::claim_brief_in(tx, id)?.map(|b| (b.source_id, statement_key(&b.text, &Side::of(&b.speaker)))),
        };
        if self.holders.len() >= KEPT_KEYS {
            self.holders.clear();
        }
        self.holders.insert(id, got.clone());
        Ok(got)
    }

    /// After a run: its primed claims join those kept, for later sources' shortlists, if they fit.
    fn settle(&mut self) {
        // A claim's keys serve the run it is new in: indexed, then shortlisted.
        self.primed_keys.clear();
        let primed = std::mem::take(&mut self.primed);
        if primed.len() > self.kept_claims {
            return;
        }
        if self.claims.len() + primed.len() > self.kept_claims {
            self.claims.clear();
        }
        self.claims.extend(primed.into_iter().map(|(id, hit)| (id, Some(hit))));
    }

    /// Claims holding a key of hash `key`, or `None` when more than `cap` do:
    /// [`store::postings_in`], read once.
    fn postings(&mut self, tx: &Transaction<'_>, key: i64, cap: usize) -> Result<Option<Vec<i64>>> {
        Ok(self.postings_entry(tx, key, cap)?.filter(|ids| ids.len() <= cap).cloned())
    }

    /// The cached postings of `key`, read from the store the first time; a key too common to
    /// block on is a list of `cap + 1` placeholders.
    fn postings_entry(&mut self, tx: &Transaction<'_>, key: i64, cap: usize) -> Result<Option<&mut Vec<i64>>> {
        if !self.postings.contains_key(&key) {
            // One more than the cap, as the store would answer, to tell a full list from a common key.
            let got = store::postings_in(tx, key, cap)?.unwrap_or_else(|| vec![i64::MIN; cap + 1]);
            if self.postings.len() >= KEPT_KEYS {
                // The postings kept are what reads the unwritten rows: written first.
                self.write_index_in(tx)?;
                self.postings.clear();
            }
            self.postings.insert(key, got);
        }
        Ok(self.postings.get_mut(&key))
    }

    /// Indexes claim `id` under its keys: the statement key always (copies find their first
    /// holder through it), a blocking key while fewer than `cap` claims hold it. The claim that
    /// would be the key's `cap + 1`-th holder marks it too common instead, and its postings go:
    /// a common key's postings are never read (the shortlist skips it), and they were 99 % of
    /// the blocking postings of a 108,000-claim workspace. The rows are written by
    /// [`Detection::write_index_in`]; `queued` says the claim is in the store's detection queue.
    fn index(&mut self, tx: &Transaction<'_>, id: i64, blocking: &[i64], statement: i64, cap: usize, queued: bool) -> Result<()> {
        if id <= self.last_indexed {
            // A claim indexed again (edited): its old keys leave the store's lists below, and
            // its statement key may have changed. Rows still in memory are written first.
            self.write_index_in(tx)?;
            self.postings.clear();
            self.holders.clear();
        }
        self.last_indexed = self.last_indexed.max(id);
        // An edited claim's old keys go before any list is read: counted, the claim would hold
        // a key twice, and a key held by exactly the cap would turn common. A claim the import
        // primed was stored in this transaction and holds none (the delete cost 6 % of detection).
        if !self.primed.contains_key(&id) {
            store::unindex_claim_in(tx, id)?;
        }
        if queued {
            store::dequeue_claim_in(tx, id)?;
        }
        self.unwritten.entry(statement).or_default().push(id);
        for &k in blocking {
            // Whether the claim joins the key's postings (true) or makes it common (false), and
            // how many postings it held.
            let (joins, held) = match self.postings_entry(tx, k, cap)? {
                Some(ids) if ids.len() < cap => {
                    ids.push(id);
                    (true, 0)
                }
                Some(ids) if ids.len() == cap => {
                    ids.push(id);
                    (false, cap)
                }
                _ => continue,
            };
            if joins {
                self.unwritten.entry(k).or_default().push(id);
            } else {
                // Its postings go, those written and those not yet. When none was written (the
                // key's holders all came in this transaction, as a common word's do in an
                // import's first batches), the store holds none to delete.
                let unwritten = self.unwritten.remove(&k).map_or(0, |claims| claims.len());
                self.unwritten_common.insert(k, held > unwritten);
            }
        }
        Ok(())
    }

    /// The first claim after `after` holding a key of hash `key`, other than `claim`:
    /// [`store::first_holder_in`] with the rows not written yet.
    fn first_holder(&self, tx: &Transaction<'_>, key: i64, claim: i64, after: i64) -> Result<Option<i64>> {
        let stored = if self.unwritten_common.contains_key(&key) { None } else { store::first_holder_in(tx, key, claim, after)? };
        let unwritten = self.unwritten.get(&key).and_then(|claims| claims.iter().copied().filter(|&c| c != claim && c > after).min());
        Ok(match (stored, unwritten) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        })
    }

    fn detect_in(&mut self, tx: &Transaction<'_>, gazetteer: &Gazetteer, cfg: &CandidateConfig) -> Result<DetectSummary> {
        let summary = self.detect_queued_in(tx, gazetteer, cfg);
        self.settle();
        summary
    }

    /// The run itself: every claim in the detection queue indexed, then replies, then candidates.
    fn detect_queued_in(&mut self, tx: &Transaction<'_>, gazetteer: &Gazetteer, cfg: &CandidateConfig) -> Result<DetectSummary> {
        let queued = store::unindexed_claims_in(tx)?;
        let mut new = queued.clone();
        new.append(&mut self.added);
        new.sort_unstable();
        new.dedup();
        let mut summary = DetectSummary { claims: new.len(), ..Default::default() };
        for &id in &new {
            let Some(hit) = self.load(tx, gazetteer, id)? else { continue };
            let brief = &hit.0;
            let keys = self.keys_of(&hit);
            let exact_hash = keys.statement_hash;
            self.index(tx, id, &keys.blocking_hashes(), exact_hash, cfg.max_postings, queued.binary_search(&id).is_ok())?;
            // An exact copy of an earlier claim of the same side in another source carries its
            // statement. The earliest holder is looked up directly: however many copies hold the
            // key, it must not be skipped as too common. The index knows only the key's hash, so
            // the holder's own statement key is compared: a claim whose key merely shares the
            // hash is not a copy: it is passed over for the next holder (a collision costs this
            // comparison, never a wrong statement).
            let exact = keys.statement.as_str();
            let mut after = 0;
            while let Some(first) = self.first_holder(tx, exact_hash, id, after)?.filter(|&o| o < id) {
                after = first;
                let Some((first_source, first_key)) = self.holder_key(tx, first)? else { break };
                if first_key != exact {
                    continue;
                }
                // A claim stored in this transaction carries no statement yet (it is indexed
                // once, here): only an edited claim is looked up.
                let alone = self.primed.contains_key(&id) || store::statement_of_in(tx, id)? == id;
                if first_source != brief.source_id && alone {
                    store::join_alone_statement_in(tx, id, store::statement_of_in(tx, first)?)?;
                    summary.carried += 1;
                }
                break;
            }
        }

        // Replies once every new claim knows its statement: a reply may come before the claim it
        // answers in the text, and its copy must find the exchange already stored.
        for &id in &new {
            let Some(hit) = self.load(tx, gazetteer, id)? else { continue };
            let brief = &hit.0;
            let Some(target) = brief.responds_to.filter(|_| brief.stance != Stance::Confirm) else { continue };
            let Some(target_claim) = self.load(tx, gazetteer, target)? else { continue };
            reply_in(tx, brief, &target_claim.0, &mut summary)?;
        }

        for &id in &new {
            let Some(hit) = self.load(tx, gazetteer, id)? else { continue };
            let mut failed = None;
            // The key index is read by hash: a key sharing its hash with another adds that key's
            // claims to the shortlist, where `eligible` and `score` judge them on their own
            // features like any other, so a collision never makes a conflict by itself. (It
            // could tip a list over the cap, or push a better claim off a full shortlist: at 64
            // bits and the few million distinct keys of a million claims, the chance that any two
            // keys of a store share a hash is about one in a million.)
            let keys = self.keys_of(&hit);
            let shortlist = candidates::shortlist_by_keys(hit.1.id, &keys.blocking, cfg, |k| match self.postings(tx, k, cfg.max_postings) {
                Ok(p) => p,
                Err(e) => {
                    failed = Some(e);
                    None
                }
            });
            if let Some(e) = failed {
                return Err(e);
            }
            candidates_in(tx, &hit, &shortlist, cfg, |other| self.load(tx, gazetteer, other), &mut summary)?;
        }
        Ok(summary)
    }
}


/// A claim answering another (`reply`, `target`: both briefs) makes a reply conflict, or joins
/// the one its target is in, unless it confirms, the two speak for one side, the analyst
/// rejected the pair, or the exchange is already stored through copies of its claims.
fn reply_in(tx: &Transaction<'_>, reply: &ClaimBrief, target: &ClaimBrief, summary: &mut DetectSummary) -> Result<()> {
    // A confirmation answers without contradicting.
    let (id, tid) = (reply.id, target.id);
    if reply.stance == Stance::Confirm || !Side::of(&reply.speaker).opposes(&Side::of(&target.speaker)) || store::is_rejected_in(tx, id, tid)? {
        return Ok(());
    }
    // The same exchange carried by another source is the conflict already stored.
    let (st, si) = (store::statement_of_in(tx, tid)?, store::statement_of_in(tx, id)?);
    if (st, si) != (tid, id) && (store::share_conflict_in(tx, st, si)? || store::is_rejected_in(tx, st, si)?) {
        return Ok(());
    }
    match store::reply_conflict_of_in(tx, tid)? {
        Some(c) => {
            store::add_member_in(tx, c, id)?;
            summary.joined += 1;
        }
        None => {
            store::insert_conflict_in(
                tx,
                &NewConflict {
                    status: status::PROPOSED,
                    origin: ConflictOrigin::Reply,
                    score: None,
                    evidence: &[],
                    explanation: None,
                    claims: &[tid, id],
                },
            )?;
            summary.replies += 1;
        }
    }
    Ok(())
}

/// A claim and its brief and features, as detection reads them.
type Analysed = Rc<(ClaimBrief, Features)>;

/// What one claim (`hit`) and the claims it shortlisted make, in the shortlist's order: the
/// statement it carries when it nearly copies an earlier claim of its side in another source,
/// then a candidate with each shortlisted claim of an opposing side that scores enough, unless
/// the pair is already there through copies, rejected, or one source's own pair. `load` gives a
/// shortlisted claim's brief and features.
fn candidates_in(
    tx: &Transaction<'_>,
    hit: &Analysed,
    shortlist: &[i64],
    cfg: &CandidateConfig,
    mut load: impl FnMut(i64) -> Result<Option<Analysed>>,
    summary: &mut DetectSummary,
) -> Result<()> {
    let (brief, f) = (&hit.0, &hit.1);
    let id = brief.id;
    // Near copies (a word or two changed) of an earlier claim of the same side in another
    // source carry its statement too.
    let mut mine = store::statement_of_in(tx, id)?;
    if mine == id {
        for &other in shortlist.iter().filter(|&&o| o < id) {
            let Some(other_claim) = load(other)? else { continue };
            let (ob, g) = (&other_claim.0, &other_claim.1);
            if ob.source_id == brief.source_id || f.side.opposes(&g.side) || !f.side.is_known() {
                continue;
            }
            if diff::words_alike(&brief.text, &ob.text, SAME_STATEMENT_SIMILARITY) {
                // The statement it joins is its own from now on: read once, not again below.
                mine = store::statement_of_in(tx, other)?;
                store::join_alone_statement_in(tx, id, mine)?;
                summary.carried += 1;
                break;
            }
        }
    }
    for &other in shortlist {
        let Some(other_claim) = load(other)? else { continue };
        let g = &other_claim.1;
        if !candidates::eligible(f, g) {
            continue;
        }
        let Some(s) = candidates::score(f, g).filter(|s| s.score >= cfg.threshold) else { continue };
        // Conflicts hold statements: the pair seen through copies is the pair already there.
        let theirs = store::statement_of_in(tx, other)?;
        if mine == theirs {
            continue;
        }
        if store::is_rejected_in(tx, mine, theirs)? || store::share_conflict_in(tx, mine, theirs)? {
            continue;
        }
        if store::is_rejected_in(tx, id, other)? || store::share_conflict_in(tx, id, other)? {
            continue;
        }
        // A source holding both claims reports both accounts: copies of it in other sources
        // make the pair look cross-source, and it is not (last, as it reads the carriers of
        // both statements).
        if store::statements_share_a_source_in(tx, mine, theirs)? {
            continue;
        }
        let claims = [mine.min(theirs), mine.max(theirs)];
        store::insert_conflict_in(
            tx,
            &NewConflict {
                status: status::PROPOSED,
                origin: ConflictOrigin::Candidate,
                score: Some(s.score),
                evidence: &s.evidence,
                explanation: None,
                claims: &claims,
            },
        )?;
        summary.candidates += 1;
    }
    Ok(())
}
