//! Detection over the whole store at once (`Workbench::rescan_conflicts`): what
//! [`super::detect_in`] finds when every claim is queued — the same key index, statement groups,
//! replies and candidates, in the same order — computed in passes over the store instead of
//! claim by claim.
//!
//! Claim by claim, a million claims cost 255 s: each claim was read and analysed again in each
//! of the three passes (a cache bounded at 50,000 claims empties itself over and over) and ran a
//! dozen statements. Here:
//! 1. the claims are read in slices of the table, their keys computed on every core, and the
//!    key index is built in memory (a blocking key's holders while they are few enough to
//!    block on; each statement's first claim) and written sorted; exact copies join their
//!    statement as they come, in id order;
//! 2. replies are read joined to the claims they answer;
//! 3. the shortlists come from the index alone: a claim holds a selective key exactly when it
//!    is in that key's postings, so only claims sharing one have a shortlist (a few percent of
//!    them), and only those claims and the claims they shortlisted are read and analysed again,
//!    a slice at a time.
//!
//! Memory is bounded by the index (a blocking key keeps at most `max_postings` holders, a
//! statement one) and by the slices, not by the claims' features.

use foldhash::{HashMap, HashMapExt};
use std::rc::Rc;

use rusqlite::Transaction;

use super::candidates::{self, CandidateConfig, ClaimRef, Features};
use super::facts::Lexicon;
use super::{candidates_in, reply_in, statement_key, Analysed, DetectSummary};
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::store::{self, ClaimBrief};

/// Claims read, analysed and written per slice. Their features live only while their slice is
/// worked on.
const SLICE: usize = 8_192;

/// Indexes every claim afresh and finds their conflicts (see the module's comment). Runs in
/// the caller's transaction; rejected pairs and existing conflicts and statements stay.
pub fn rescan_in(tx: &Transaction<'_>, gazetteer: &Gazetteer, cfg: &CandidateConfig) -> Result<DetectSummary> {
    let mut summary = DetectSummary::default();
    store::clear_index_in(tx)?;
    let index = index_all_in(tx, gazetteer, cfg, &mut summary)?;
    replies_in(tx, &mut summary)?;
    let shortlists = index.shortlists(cfg);
    drop(index);
    for slice in shortlists.chunks(SLICE) {
        candidates_of_slice_in(tx, gazetteer, cfg, slice, &mut summary)?;
    }
    Ok(summary)
}

/// A claim's keys, as the index holds them.
struct Keyed {
    id: i64,
    source_id: i64,
    /// Blocking keys' hashes, each once, with the key's weight in a shortlist.
    blocking: Vec<(i64, f32)>,
    /// The statement key's hash, what the index holds.
    statement: i64,
    /// Another 64 bits of the statement key (its SHA-256, from its text): two statement keys
    /// with one hash are told apart by this, where detection claim by claim compared their text.
    check: u64,
}

impl Keyed {
    fn of(b: &ClaimBrief, gazetteer: &Gazetteer) -> Keyed {
        let f = Features::new(ClaimRef { id: b.id, source_id: b.source_id, text: &b.text, speaker: &b.speaker }, gazetteer, Lexicon::builtin());
        let exact = statement_key(&b.text, &f.side);
        let mut blocking = f.hashed_keys();
        blocking.sort_unstable_by_key(|k| k.0);
        blocking.dedup_by_key(|k| k.0);
        let check = exact.get(2..18).and_then(|hex| u64::from_str_radix(hex, 16).ok()).unwrap_or_default();
        Keyed { id: b.id, source_id: b.source_id, blocking, statement: crate::text::key_hash(&exact), check }
    }
}

/// A blocking key's postings: its holders in id order while at most the cap hold it, `None` once
/// it is too common to block on.
struct Postings {
    weight: f32,
    holders: Option<Vec<i64>>,
}

/// The key index of the whole store, built in memory by [`index_all_in`].
struct Index {
    blocking: HashMap<i64, Postings>,
}

impl Index {
    /// Each claim's shortlist, for the claims that have one, in id order: what
    /// [`candidates::shortlist`] gives over the finished index. A claim holds a key that is not
    /// too common exactly when it is among the key's postings, so walking the postings finds
    /// every claim's selective keys without its features; a key held by one claim adds nobody.
    fn shortlists(&self, cfg: &CandidateConfig) -> Vec<(i64, Vec<i64>)> {
        let shared: Vec<(f32, &[i64])> =
            self.blocking.values().filter_map(|p| p.holders.as_deref().filter(|h| h.len() > 1).map(|h| (p.weight, h))).collect();
        let mut held: Vec<(i64, u32)> = Vec::new();
        for (k, (_, holders)) in shared.iter().enumerate() {
            held.extend(holders.iter().map(|&c| (c, k as u32)));
        }
        held.sort_unstable();
        let mut out = Vec::new();
        let mut acc: HashMap<i64, f32> = HashMap::new();
        for group in held.chunk_by(|a, b| a.0 == b.0) {
            let claim = group[0].0;
            for &(_, k) in group {
                let (weight, holders) = shared[k as usize];
                for &other in holders.iter().filter(|&&o| o != claim) {
                    *acc.entry(other).or_default() += weight;
                }
            }
            out.push((claim, candidates::best_of(acc.drain().collect(), cfg)));
        }
        out
    }
}

/// Pass 1: every claim keyed, in id order; the index written; exact copies of an earlier
/// claim of the same side in another source join its statement, as claim by claim.
fn index_all_in(tx: &Transaction<'_>, gazetteer: &Gazetteer, cfg: &CandidateConfig, summary: &mut DetectSummary) -> Result<Index> {
    let cap = cfg.max_postings;
    let mut index = Index { blocking: HashMap::new() };
    // Each statement's first claim and its source, by the statement key's hash and check.
    let mut first: HashMap<(i64, u64), (i64, i64)> = HashMap::new();
    // The slices' keys are computed on other threads while this one, which holds the
    // transaction, reads the next slice and writes the last one's keys: one after the other, the
    // cores waited for the SQL of each slice (a quarter of a full detection's instructions).
    std::thread::scope(|scope| -> Result<()> {
        // A slice on its way to the keying threads, and the last claim id in it.
        let key = |briefs: Vec<ClaimBrief>| {
            let last = briefs.last().map(|b| b.id);
            last.map(|last| (last, scope.spawn(move || in_parallel(&briefs, |b| Keyed::of(b, gazetteer)))))
        };
        let mut keying = key(store::claim_briefs_after_in(tx, 0, SLICE)?);
        while let Some((last, handle)) = keying.take() {
            let next = store::claim_briefs_after_in(tx, last, SLICE)?;
            // A keying thread panics only where this one would have: pass it on.
            let keyed = handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            keying = key(next);
            index_slice_in(tx, keyed, cap, &mut index, &mut first, summary)?;
        }
        Ok(())
    })?;
    let mut rows: Vec<(i64, i64)> = Vec::new();
    let mut common = Vec::new();
    for (&hash, p) in &index.blocking {
        match &p.holders {
            Some(h) => rows.extend(h.iter().map(|&c| (hash, c))),
            None => common.push(hash),
        }
    }
    rows.sort_unstable();
    common.sort_unstable();
    store::insert_postings_in(tx, &rows, &common)?;
    store::dequeue_all_in(tx)?;
    Ok(index)
}

/// One slice of pass 1, keyed: its claims put in the index in id order, exact copies joined to
/// their statement, the statement keys written.
fn index_slice_in(
    tx: &Transaction<'_>,
    keyed: Vec<Keyed>,
    cap: usize,
    index: &mut Index,
    first: &mut HashMap<(i64, u64), (i64, i64)>,
    summary: &mut DetectSummary,
) -> Result<()> {
    let mut rows = Vec::with_capacity(keyed.len());
    for k in keyed {
        summary.claims += 1;
        rows.push((k.statement, k.id));
        for &(hash, weight) in &k.blocking {
            let p = index.blocking.entry(hash).or_insert_with(|| Postings { weight, holders: Some(Vec::new()) });
            // The holder that would be the cap's next marks the key common, as claim by claim.
            match &mut p.holders {
                Some(h) if h.len() < cap => h.push(k.id),
                Some(_) => p.holders = None,
                None => {}
            }
        }
        match first.get(&(k.statement, k.check)) {
            Some(&(holder, source)) => {
                if source != k.source_id && store::statement_of_in(tx, k.id)? == k.id {
                    store::join_alone_statement_in(tx, k.id, store::statement_of_in(tx, holder)?)?;
                    summary.carried += 1;
                }
            }
            None => {
                first.insert((k.statement, k.check), (k.id, k.source_id));
            }
        }
    }
    // Statement keys keep every holder; sorted, a slice fills the index's pages in order.
    rows.sort_unstable();
    store::insert_postings_in(tx, &rows, &[])?;
    Ok(())
}

/// Pass 2: replies, in id order, once every claim knows its statement.
fn replies_in(tx: &Transaction<'_>, summary: &mut DetectSummary) -> Result<()> {
    let mut after = 0;
    loop {
        let replies = store::replies_after_in(tx, after, SLICE)?;
        let Some(last) = replies.last() else { return Ok(()) };
        after = last.0.id;
        for (reply, target) in &replies {
            reply_in(tx, reply, target, summary)?;
        }
    }
}

/// Pass 3 for a slice of claims with a shortlist: the slice's claims and those they
/// shortlisted are read and analysed (on every core), then each claim, in id order, makes
/// what its shortlist makes.
fn candidates_of_slice_in(
    tx: &Transaction<'_>,
    gazetteer: &Gazetteer,
    cfg: &CandidateConfig,
    slice: &[(i64, Vec<i64>)],
    summary: &mut DetectSummary,
) -> Result<()> {
    let mut ids: Vec<i64> = slice.iter().flat_map(|(c, s)| std::iter::once(*c).chain(s.iter().copied())).collect();
    ids.sort_unstable();
    ids.dedup();
    // With the claims just before each, which may make its speaker's account, as claim by claim.
    let reach = candidates::ACCOUNT_REACH as i64;
    let mut read: Vec<i64> = ids.iter().flat_map(|&c| (c - reach).max(1)..=c).collect();
    read.sort_unstable();
    read.dedup();
    let briefs = store::claim_briefs_in(tx, &read)?;
    let analysed = in_parallel(&briefs, |b| {
        Features::new(ClaimRef { id: b.id, source_id: b.source_id, text: &b.text, speaker: &b.speaker }, gazetteer, Lexicon::builtin())
    });
    let own: HashMap<i64, (ClaimBrief, Features)> = briefs.into_iter().zip(analysed).map(|(b, f)| (b.id, (b, f))).collect();
    let mut claims: HashMap<i64, Analysed> = HashMap::with_capacity(ids.len());
    for id in ids {
        let Some((b, f)) = own.get(&id) else { continue };
        let mut f = f.clone();
        f.account_read = true;
        for earlier in (1..=reach).map(|k| id - k) {
            if !own.get(&earlier).is_some_and(|(_, e)| f.continue_account(e)) {
                break;
            }
        }
        claims.insert(id, Rc::new((b.clone(), f)));
    }
    for (id, shortlist) in slice {
        let Some(hit) = claims.get(id) else { continue };
        candidates_in(tx, hit, shortlist, cfg, |other| Ok(claims.get(&other).cloned()), summary)?;
    }
    Ok(())
}

/// `f` over `items`, in their order, split over as many threads as there are cores.
fn in_parallel<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items.chunks(items.len().div_ceil(threads)).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>())).collect();
        // A part's thread panics only where the calling thread would have: pass it on.
        parts.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}
