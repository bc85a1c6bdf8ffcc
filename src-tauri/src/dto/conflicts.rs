//! Conflicts: the list, the diff view the page draws (columns of claims cut in runs, and chips
//! for the facts that disagree), and what a claim is linked to by hand or by detection: the
//! conflicts holding it and the statement it carries.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::*;

/// A decision the analyst takes on a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ConflictReview {
    /// Found by the tool, awaiting the analyst (not settable: the analyst confirms or rejects).
    Proposed,
    /// Confirmed by the analyst.
    Confirmed,
    /// Rejected by the analyst (with a reason).
    Rejected,
}

impl ConflictReview {
    /// The status as the core stores it.
    pub fn as_status(self) -> &'static str {
        use crosscheck::model::conflict_status::{CONFIRMED, PROPOSED, REJECTED};
        match self {
            ConflictReview::Proposed => PROPOSED,
            ConflictReview::Confirmed => CONFIRMED,
            ConflictReview::Rejected => REJECTED,
        }
    }
}

/// One side's party in a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConflictParty {
    /// The side's key: the states it stands for ("AM", "AZ+RU"), else its party key, else the
    /// speaker's folded name. For colours and grouping, not for reading.
    pub key: String,
    /// What its chip shows: the state codes, the party key, or the speaker's name as written
    /// for a speaker no party stands for (the core's `Column::chip`).
    pub chip: String,
    /// Its display name ("Armenia").
    pub name: String,
}

/// A conflict in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConflictSummary {
    /// Conflict id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its review: "proposed", "confirmed" or "rejected".
    pub status: String,
    /// Where it stands, as reports say it ("Proposed (not reviewed)", "Resolved for AM").
    pub state: String,
    /// Where it came from: "reply", "candidate" or "analyst".
    pub origin: String,
    /// What it is about: the disputed proposition's key words and disagreeing facts, then the analyst's note.
    pub topic: String,
    /// Each side's party, once, in column order.
    pub parties: Vec<ConflictParty>,
    /// Claims involved.
    #[ts(type = "Array<number>")]
    pub claim_ids: Vec<i64>,
    /// How sure the detector is, 0..1 (none for replies and the analyst's own).
    pub score: Option<f32>,
}

impl From<&crosscheck::align::diff::ConflictCard> for ConflictSummary {
    fn from(card: &crosscheck::align::diff::ConflictCard) -> Self {
        let c = &card.conflict;
        let mut parties: Vec<ConflictParty> = Vec::new();
        for side in &card.sides {
            if !parties.iter().any(|p| p.key == side.party) {
                parties.push(ConflictParty { key: side.party.clone(), chip: side.chip.clone(), name: side.party_name.clone() });
            }
        }
        // The core's title names the disputed proposition; the analyst's note follows it.
        let topic = match c.explanation.as_deref().filter(|x| !x.trim().is_empty()) {
            Some(x) if card.title.is_empty() => x.to_string(),
            Some(x) => format!("{} — {x}", card.title),
            None => card.title.clone(),
        };
        ConflictSummary {
            id: c.id,
            status: c.status.clone(),
            state: card.state.clone(),
            origin: c.origin.as_str().to_string(),
            topic,
            parties,
            claim_ids: c.claims.iter().map(|m| m.claim_id).collect(),
            score: c.score,
        }
    }
}

/// A run of text in an aligned statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiffSegment {
    /// The words.
    pub text: String,
    /// How they compare.
    pub kind: RunKind,
    /// Index into the diff's `facts` for a `fact` run.
    pub fact: Option<u32>,
}

/// One claim in a diff column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiffClaim {
    /// Claim id.
    #[ts(type = "number")]
    pub claim_id: i64,
    /// Speaker name.
    pub speaker: String,
    /// The attribution chain as read: speaker, relays, outlet.
    pub chain: Vec<String>,
    /// Stance.
    pub stance: Stance,
    /// Cue.
    pub cue: String,
    /// Source title.
    pub source_title: String,
    /// When it was said (`YYYY-MM-DD`).
    pub date: String,
    /// What this side states: for a bare denial, "‹party› denies: ‹what it denies›".
    pub proposition: String,
    /// The statement, cut in runs.
    pub segments: Vec<DiffSegment>,
    /// The claim's verification, when the build has verification.
    pub verification: Option<Verification>,
}

/// One party's side of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiffColumn {
    /// Party key (state codes joined with "+", else party key, else the speaker's folded name).
    pub party: String,
    /// What its chip shows (the key, or the speaker's name as written when no party stands for them).
    pub chip: String,
    /// Display name.
    pub name: String,
    /// One cell per row of the diff: the claim this party has in that row, or null.
    pub claims: Vec<Option<DiffClaim>>,
}

/// A fact on which the sides disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FactChip {
    /// "number", "date", "time", "place", "actor".
    pub kind: String,
    /// One-line reading ("18 drone ≠ 6 missile").
    pub label: String,
    /// Each side's value, pointing at its claim.
    pub values: Vec<FactChipValue>,
}

/// One side's value of a disputed fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FactChipValue {
    /// The claim holding it.
    #[ts(type = "number")]
    pub claim_id: i64,
    /// The value as written.
    pub text: String,
}

/// The diff view of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConflictDiff {
    /// The conflict.
    pub conflict: ConflictSummary,
    /// One column per party.
    pub columns: Vec<DiffColumn>,
    /// The facts that disagree.
    pub facts: Vec<FactChip>,
}

impl ConflictDiff {
    /// The page's form of the core's diff view: the core's runs as text segments and its chips.
    /// Nothing is compared or marked here; the core did it.
    pub fn new(conflict: ConflictSummary, view: &crosscheck::align::diff::DiffView) -> Self {
        let facts = view
            .chips
            .iter()
            .map(|c| FactChip {
                kind: c.kind.clone(),
                label: c.label.clone(),
                values: c.values.iter().map(|(id, text)| FactChipValue { claim_id: *id, text: text.clone() }).collect(),
            })
            .collect();
        let runs = |card: &crosscheck::align::diff::ClaimCard| -> Vec<DiffSegment> {
            let chars: Vec<char> = card.text.chars().collect();
            card.runs
                .iter()
                .map(|r| DiffSegment {
                    text: chars.get(r.start..r.end).map(|c| c.iter().collect()).unwrap_or_default(),
                    kind: r.kind,
                    fact: r.fact,
                })
                .collect()
        };

        let columns = view
            .columns
            .iter()
            .enumerate()
            .map(|(ci, col)| DiffColumn {
                party: col.key.clone(),
                chip: col.chip.clone(),
                name: col.label.clone(),
                claims: view
                    .rows
                    .iter()
                    .map(|row| {
                        let id = row.cells.get(ci).copied().flatten()?;
                        let card = view.claims.iter().find(|c| c.id == id)?;
                        Some(DiffClaim {
                            claim_id: card.id,
                            speaker: card.speaker.name.clone(),
                            chain: card.chain.clone(),
                            stance: card.stance,
                            cue: card.cue.clone(),
                            source_title: card.source.title.clone(),
                            date: card.date.format("%Y-%m-%d").to_string(),
                            proposition: card.proposition.clone(),
                            segments: runs(card),
                            verification: None,
                        })
                    })
                    .collect(),
            })
            .collect();
        ConflictDiff { conflict, columns, facts }
    }
}

/// One party's statement carried by several sources, as a claim panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SameStatement {
    /// The claim naming the statement (the claim's own id when it stands alone).
    #[ts(type = "number")]
    pub statement_id: i64,
    /// Every claim carrying it, the claim asked about included, in id order.
    #[ts(type = "Array<number>")]
    pub claim_ids: Vec<i64>,
    /// How many sources carry it: "carried by N sources".
    pub sources: u32,
}

impl From<&crosscheck::model::Statement> for SameStatement {
    fn from(s: &crosscheck::model::Statement) -> Self {
        SameStatement { statement_id: s.id, claim_ids: s.claim_ids(), sources: count32(s.sources()) }
    }
}

/// What a claim is linked to: the conflicts holding it (not the rejected ones) and the statement
/// it carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimLinks {
    /// The claim.
    #[ts(type = "number")]
    pub claim_id: i64,
    /// Conflicts holding it, as the list shows them.
    pub conflicts: Vec<ConflictSummary>,
    /// The statement it carries, with the claims carrying it too.
    pub statement: SameStatement,
    /// The analyst's name, if set: linking or unlinking a statement needs it (it goes to the history).
    pub analyst: Option<String>,
}
