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

use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::model::Stance;
use crate::store::{self, ClaimBrief, NewConflict, Store};
use candidates::{CandidateConfig, ClaimRef, Features, Side};
pub use candidates::Evidence;
use diff::{DiffView, Layout, ViewInput};
use facts::Lexicon;

/// The statuses this module writes; verification adds its own to the same column.
pub mod status {
    /// Proposed by the candidate finder, not yet looked at.
    pub const CANDIDATE: &str = "candidate";
    /// A conflict for sure: stated by a reply, built or confirmed by the analyst.
    pub const CONFIRMED: &str = "confirmed";
    /// The analyst said these claims are not in conflict.
    pub const REJECTED: &str = "rejected";
}

/// Where a conflict came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictOrigin {
    /// A claim answers another (`responds_to`).
    Reply,
    /// Proposed across sources by shared facts.
    Candidate,
    /// Built by the analyst.
    Analyst,
}

impl ConflictOrigin {
    /// The name used in the store and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictOrigin::Reply => "reply",
            ConflictOrigin::Candidate => "candidate",
            ConflictOrigin::Analyst => "analyst",
        }
    }

    /// Parses the name used in the store.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "reply" => ConflictOrigin::Reply,
            "candidate" => ConflictOrigin::Candidate,
            "analyst" => ConflictOrigin::Analyst,
            _ => return None,
        })
    }
}

/// A claim in a conflict, with the party it speaks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictMember {
    /// Claim id.
    pub claim_id: i64,
    /// Speaker as resolved.
    pub speaker: String,
    /// Party key, if resolved.
    pub party: Option<String>,
    /// ISO 3166-1 alpha-2 codes of the states the speaker stands for.
    pub countries: Vec<String>,
}

/// A group of claims of two or more parties about the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Store id.
    pub id: i64,
    /// `candidate`, `confirmed`, `rejected`, or a verification status.
    pub status: String,
    /// Where it came from.
    pub origin: ConflictOrigin,
    /// For candidates: how strongly the claims share an event, 0–1.
    pub score: Option<f32>,
    /// For candidates: the shared facts the score rests on.
    pub evidence: Vec<Evidence>,
    /// The analyst's (or verification's) note.
    pub explanation: Option<String>,
    /// Its claims, in id order.
    pub claims: Vec<ConflictMember>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// Which conflicts to list.
#[derive(Debug, Clone, Default)]
pub struct ConflictFilter {
    /// Only this status; `None` lists every status but `rejected`.
    pub status: Option<String>,
    /// Only conflicts holding this claim.
    pub claim: Option<i64>,
}

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

/// Runs [`detect_in`] in its own transaction, for claims stored outside an import.
pub fn detect(store: &mut Store) -> Result<DetectSummary> {
    let gazetteer = store.gazetteer()?;
    store.write(|tx| detect_in(tx, &gazetteer, &CandidateConfig::default()))
}

/// Reads every claim afresh (after the word lists changed, say) and proposes what is new;
/// rejected pairs and existing conflicts stay as they are.
pub fn rescan(store: &mut Store) -> Result<DetectSummary> {
    let gazetteer = store.gazetteer()?;
    store.write(|tx| {
        store::clear_index_in(tx)?;
        detect_in(tx, &gazetteer, &CandidateConfig::default())
    })
}

/// Marks a conflict confirmed.
pub fn confirm(store: &mut Store, id: i64) -> Result<Conflict> {
    store.write(|tx| store::set_status_in(tx, id, status::CONFIRMED, None))?;
    store.conflict(id)
}

/// Marks a conflict rejected and remembers each of its cross-party pairs, so that none is
/// proposed again.
pub fn reject(store: &mut Store, id: i64, explanation: Option<&str>) -> Result<Conflict> {
    store.write(|tx| {
        store::set_status_in(tx, id, status::REJECTED, explanation)?;
        let members = store::members_in(tx, id)?;
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                store::reject_pair_in(tx, a, b)?;
            }
        }
        Ok(())
    })?;
    store.conflict(id)
}

/// Builds a conflict by hand from two or more claims.
pub fn create(store: &mut Store, claims: &[i64], explanation: Option<&str>) -> Result<Conflict> {
    let mut ids = claims.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() < 2 {
        return Err(Error::bad_input("claims", "a conflict needs at least two different claims"));
    }
    for &c in &ids {
        store.claim(c)?;
    }
    let id = store.write(|tx| {
        store::insert_conflict_in(
            tx,
            &NewConflict {
                status: status::CONFIRMED,
                origin: ConflictOrigin::Analyst,
                score: None,
                evidence: &[],
                explanation,
                claims: &ids,
            },
        )
    })?;
    store.conflict(id)
}

/// Adds a claim to a conflict.
pub fn add_claim(store: &mut Store, id: i64, claim: i64) -> Result<Conflict> {
    store.conflict(id)?;
    store.claim(claim)?;
    store.write(|tx| store::add_member_in(tx, id, claim))?;
    store.conflict(id)
}

/// Removes a claim from a conflict; the analyst said it does not belong, so its pairs with the
/// remaining claims are remembered as rejected.
pub fn remove_claim(store: &mut Store, id: i64, claim: i64) -> Result<Conflict> {
    store.conflict(id)?;
    store.write(|tx| {
        if !store::remove_member_in(tx, id, claim)? {
            return Err(Error::not_found("claim in conflict", format!("{claim} in {id}")));
        }
        for other in store::members_in(tx, id)? {
            store::reject_pair_in(tx, claim, other)?;
        }
        Ok(())
    })?;
    store.conflict(id)
}

/// The diff view of a conflict.
pub fn view(store: &Store, id: i64) -> Result<DiffView> {
    let conflict = store.conflict(id)?;
    let ids: Vec<i64> = conflict.claims.iter().map(|m| m.claim_id).collect();
    view_of(store, Some(id), &ids, Layout::ByParty)
}

/// The diff view of two claims, each in its own column.
pub fn view_pair(store: &Store, a: i64, b: i64) -> Result<DiffView> {
    view_of(store, None, &[a, b], Layout::OneRow)
}

fn view_of(store: &Store, conflict: Option<i64>, ids: &[i64], layout: Layout) -> Result<DiffView> {
    let mut claims = Vec::new();
    for &id in ids {
        let c = store.claim(id)?;
        let s = store.source(c.source_id)?;
        claims.push((c, s));
    }
    let gazetteer = store.gazetteer()?;
    Ok(diff::build(conflict, &ViewInput { claims: &claims, gazetteer: &gazetteer, lexicon: Lexicon::builtin() }, layout))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Speaker};
    use crate::store::{NewClaim, NewSource};

    fn speaker(name: &str, country: &str) -> Speaker {
        Speaker { name: name.into(), party: Some(country.into()), countries: vec![country.into()] }
    }

    /// Stores a source and its claims in one transaction and runs detection in it, as an import
    /// does; `claims` are (needle in text, speaker, stance, index of the claim it answers).
    fn import(store: &mut Store, text: &str, claims: &[(&str, Speaker, Stance, Option<usize>)]) -> Vec<i64> {
        let gazetteer = store.gazetteer().expect("gazetteer");
        store
            .write(|tx| {
                let source = NewSource { title: "t".into(), format: "text".into(), text: text.into(), ..Default::default() };
                let store::Inserted::New(source_id) = store::insert_source_in(tx, &source)? else { panic!("new source") };
                let mut ids: Vec<i64> = Vec::new();
                for (needle, sp, stance, answers) in claims {
                    let start = text.find(needle).map(|b| crate::text::char_offset(text, b)).expect("needle in text");
                    let end = start + needle.chars().count();
                    let claim = NewClaim {
                        source_id,
                        anchor: crate::anchor_in(text, start, end),
                        text: needle.to_string(),
                        speaker: sp.clone(),
                        cue: String::new(),
                        stance: *stance,
                        via: Vec::new(),
                        responds_to: answers.map(|i| ids[i]),
                        origin: Origin::Extracted,
                    };
                    ids.push(store::insert_claim_in(tx, &claim)?);
                }
                detect_in(tx, &gazetteer, &CandidateConfig::default())?;
                Ok(ids)
            })
            .expect("import")
    }

    const SEED: &str = "Bakou affirme avoir pris le contrôle de plusieurs villages et hauteurs stratégiques du Haut-Karabakh. \
                        Erevan nie cela et rapporte des bombardements sur son territoire.";

    #[test]
    fn a_denial_makes_a_confirmed_reply_conflict_at_import() {
        let mut store = Store::in_memory().expect("store");
        let ids = import(
            &mut store,
            SEED,
            &[
                ("avoir pris le contrôle de plusieurs villages et hauteurs stratégiques du Haut-Karabakh", speaker("Bakou", "AZ"), Stance::Assert, None),
                ("cela", speaker("Erevan", "AM"), Stance::Deny, Some(0)),
            ],
        );
        type Row = (String, ConflictOrigin, Vec<i64>, Vec<Vec<String>>);
        let got: Vec<Row> = store
            .conflicts(&ConflictFilter::default())
            .expect("list")
            .into_iter()
            .map(|c| (c.status, c.origin, c.claims.iter().map(|m| m.claim_id).collect(), c.claims.into_iter().map(|m| m.countries).collect()))
            .collect();
        assert_eq!(
            got,
            vec![("confirmed".to_string(), ConflictOrigin::Reply, ids.clone(), vec![vec!["AZ".to_string()], vec!["AM".to_string()]])],
            "Bakou's claim and Erevan's denial form one conflict with no manual step"
        );
    }

    #[test]
    fn a_confirmation_or_a_same_party_reply_is_no_conflict() {
        let mut store = Store::in_memory().expect("store");
        import(
            &mut store,
            SEED,
            &[
                ("avoir pris le contrôle", speaker("Bakou", "AZ"), Stance::Assert, None),
                ("cela", speaker("Erevan", "AM"), Stance::Confirm, Some(0)),
                ("rapporte des bombardements", speaker("Bakou", "AZ"), Stance::Deny, Some(0)),
            ],
        );
        assert_eq!(store.conflicts(&ConflictFilter::default()).expect("list"), vec![], "no conflict");
    }

    const AM: &str = "Azerbaijani forces shelled positions in Tavush on 27 June, the Armenian defence ministry said.";
    const AZ: &str = "Armenian units opened fire in Tavush on 27 June, the Azerbaijani defence ministry said.";

    #[test]
    fn a_rejected_candidate_is_not_proposed_again() {
        let mut store = Store::in_memory().expect("store");
        let a = import(&mut store, AM, &[("Azerbaijani forces shelled positions in Tavush on 27 June", speaker("Armenian defence ministry", "AM"), Stance::Assert, None)]);
        let b = import(&mut store, AZ, &[("Armenian units opened fire in Tavush on 27 June", speaker("Azerbaijani defence ministry", "AZ"), Stance::Assert, None)]);
        let listed = store.conflicts(&ConflictFilter::default()).expect("list");
        assert_eq!(listed.len(), 1, "the cross-source candidate is proposed at the second import");
        assert_eq!((listed[0].status.as_str(), listed[0].origin), ("candidate", ConflictOrigin::Candidate), "a proposal");
        reject(&mut store, listed[0].id, Some("different incidents")).expect("reject");
        let again = rescan(&mut store).expect("rescan");
        assert_eq!(again.candidates, 0, "the rejected pair {a:?}–{b:?} stays rejected");
        assert_eq!(store.conflicts(&ConflictFilter::default()).expect("list"), vec![], "only the rejected conflict exists, hidden");
    }

    #[test]
    fn the_analyst_builds_and_edits_conflicts_by_hand() {
        let mut store = Store::in_memory().expect("store");
        let a = import(&mut store, AM, &[("Azerbaijani forces shelled positions", speaker("Armenian MoD", "AM"), Stance::Assert, None)]);
        let b = import(&mut store, "Baku says nothing happened.", &[("nothing happened", speaker("Baku", "AZ"), Stance::Deny, None)]);
        let c = create(&mut store, &[a[0], b[0]], Some("same night")).expect("create");
        assert_eq!((c.origin, c.status.as_str(), c.claims.len()), (ConflictOrigin::Analyst, "confirmed", 2), "hand-built");
        let c = remove_claim(&mut store, c.id, b[0]).expect("remove");
        assert_eq!(c.claims.len(), 1, "one claim left");
        let c = add_claim(&mut store, c.id, b[0]).expect("add");
        assert_eq!(c.claims.len(), 2, "back to two");
        assert!(matches!(create(&mut store, &[a[0]], None), Err(Error::BadInput { .. })), "one claim is no conflict");
    }
}
