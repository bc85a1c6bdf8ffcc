//! Conflicts: claims of two or more parties about the same proposition or event, and the diff
//! view that puts them side by side.
//!
//! Conflicts come from three places ([`ConflictOrigin`]): a claim that answers another
//! (`responds_to`: "Erevan nie cela") makes a `reply` conflict as soon as it is stored; claims of
//! opposing parties in different sources that share an event's facts are proposed as
//! `candidate`s, with a score and the evidence for it ([`candidates`]); the analyst builds
//! `analyst` conflicts by hand. The analyst confirms or rejects candidates; a rejected pair is
//! remembered and never proposed again. [`detect_in`] runs inside the import transaction.
//!
//! Nothing here renders: [`diff::DiffView`] is the model the CLI and the desktop app print.

pub mod candidates;
pub mod diff;
pub mod facts;
pub mod tokens;

use std::collections::HashMap;

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
}

/// Indexes every claim not yet indexed and finds their conflicts: replies first, then
/// cross-source candidates. Runs in the caller's transaction (an import's).
pub fn detect_in(tx: &Transaction<'_>, gazetteer: &Gazetteer, cfg: &CandidateConfig) -> Result<DetectSummary> {
    let lex = Lexicon::builtin();
    let new = store::unindexed_claims_in(tx)?;
    let mut summary = DetectSummary { claims: new.len(), ..Default::default() };
    let mut cache: HashMap<i64, Option<(ClaimBrief, Features)>> = HashMap::new();
    let mut load = |tx: &Transaction<'_>, id: i64| -> Result<Option<(ClaimBrief, Features)>> {
        if let Some(hit) = cache.get(&id) {
            return Ok(hit.clone());
        }
        let got = store::claim_brief_in(tx, id)?.map(|b| {
            let f = Features::new(ClaimRef { id: b.id, source_id: b.source_id, text: &b.text, speaker: &b.speaker }, gazetteer, lex);
            (b, f)
        });
        cache.insert(id, got.clone());
        Ok(got)
    };

    for &id in &new {
        let Some((brief, f)) = load(tx, id)? else { continue };
        let keys: Vec<String> = f.keys().into_iter().map(|(k, _)| k).collect();
        store::index_claim_in(tx, id, &keys)?;
        // A confirmation answers without contradicting.
        let Some(target) = brief.responds_to.filter(|_| brief.stance != Stance::Confirm) else { continue };
        let Some((tb, _)) = load(tx, target)? else { continue };
        if !Side::of(&brief.speaker).opposes(&Side::of(&tb.speaker)) || store::is_rejected_in(tx, id, target)? {
            continue;
        }
        match store::reply_conflict_of_in(tx, target)? {
            Some(c) => {
                store::add_member_in(tx, c, id)?;
                summary.joined += 1;
            }
            None => {
                store::insert_conflict_in(
                    tx,
                    &NewConflict {
                        status: status::CONFIRMED,
                        origin: ConflictOrigin::Reply,
                        score: None,
                        evidence: &[],
                        explanation: None,
                        claims: &[target, id],
                    },
                )?;
                summary.replies += 1;
            }
        }
    }

    for &id in &new {
        let Some((_, f)) = load(tx, id)? else { continue };
        let mut failed = None;
        let shortlist = candidates::shortlist(&f, cfg, |k| match store::postings_in(tx, k, cfg.max_postings) {
            Ok(p) => p,
            Err(e) => {
                failed = Some(e);
                None
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        for other in shortlist {
            let Some((_, g)) = load(tx, other)? else { continue };
            if !candidates::eligible(&f, &g) {
                continue;
            }
            let Some(s) = candidates::score(&f, &g).filter(|s| s.score >= cfg.threshold) else { continue };
            if store::is_rejected_in(tx, id, other)? || store::share_conflict_in(tx, id, other)? {
                continue;
            }
            let claims = [id.min(other), id.max(other)];
            store::insert_conflict_in(
                tx,
                &NewConflict {
                    status: status::CANDIDATE,
                    origin: ConflictOrigin::Candidate,
                    score: Some(s.score),
                    evidence: &s.evidence,
                    explanation: None,
                    claims: &claims,
                },
            )?;
            summary.candidates += 1;
        }
    }
    Ok(summary)
}

