//! Conflicts: the list, and the diff view the page draws (columns of claims cut in runs, and
//! chips for the facts that disagree).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::*;

/// A decision the analyst takes on a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ConflictStatus {
    /// Back to detected, awaiting the analyst (not settable: the core only confirms or rejects).
    Candidate,
    /// Confirmed by the analyst.
    Confirmed,
    /// Rejected by the analyst.
    Rejected,
}

/// A conflict in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConflictSummary {
    /// Conflict id.
    #[ts(type = "number")]
    pub id: i64,
    /// Where it stands: "candidate", "confirmed", "rejected" (verification may add others).
    pub status: String,
    /// Where it came from: "reply", "candidate" or "analyst".
    pub origin: String,
    /// What it is about, in a few words (the analyst's note, else the shared facts).
    pub topic: String,
    /// Each side: the states it stands for ("AM", "AZ"), else its party key, else the speaker.
    pub parties: Vec<String>,
    /// Claims involved.
    #[ts(type = "Array<number>")]
    pub claim_ids: Vec<i64>,
    /// How sure the detector is, 0..1 (none for replies and the analyst's own).
    pub score: Option<f32>,
}

impl From<&crosscheck::model::Conflict> for ConflictSummary {
    fn from(c: &crosscheck::model::Conflict) -> Self {
        let mut parties: Vec<String> = Vec::new();
        for m in &c.claims {
            let side = if !m.countries.is_empty() { m.countries.join("+") } else { m.party.clone().unwrap_or_else(|| m.speaker.clone()) };
            if !parties.contains(&side) {
                parties.push(side);
            }
        }
        let topic = match (&c.explanation, c.evidence.is_empty()) {
            (Some(x), _) if !x.trim().is_empty() => x.clone(),
            (_, false) => c.evidence.iter().map(|e| format!("{} {}", e.kind, e.shared.join(", "))).collect::<Vec<_>>().join(" · "),
            _ => format!("{} answers {}", parties.last().cloned().unwrap_or_default(), parties.first().cloned().unwrap_or_default()),
        };
        ConflictSummary {
            id: c.id,
            status: c.status.clone(),
            origin: c.origin.as_str().to_string(),
            topic,
            parties,
            claim_ids: c.claims.iter().map(|m| m.claim_id).collect(),
            score: c.score,
        }
    }
}

/// How a run of an aligned statement compares with the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DiffKind {
    /// Said on both sides.
    Same,
    /// Only on this side (or changed).
    Changed,
    /// A fact (number, date, place, actor) that disagrees.
    Fact,
}

/// A run of text in an aligned statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiffSegment {
    /// The words.
    pub text: String,
    /// How they compare.
    pub kind: DiffKind,
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
    pub stance: StanceDto,
    /// Cue.
    pub cue: String,
    /// Source title.
    pub source_title: String,
    /// When it was said (`YYYY-MM-DD`).
    pub date: String,
    /// The statement, cut in runs.
    pub segments: Vec<DiffSegment>,
    /// The claim's verification, when the build has verification.
    pub verification: Option<Verification>,
}

/// One party's side of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiffColumn {
    /// Party key (state codes joined with "+", else party key, else speaker).
    pub party: String,
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
    pub values: Vec<FactValue>,
}

/// One side's value of a disputed fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FactValue {
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
    /// The page's form of the core's diff view: per claim, runs marking what differs and the
    /// facts that disagree (from the core's word operations and fact spans), and one chip per
    /// disagreeing fact. Nothing is compared here; the core did it.
    pub fn new(conflict: ConflictSummary, view: &crosscheck::align::diff::DiffView) -> Self {
        use crosscheck::align::diff::OpTag;
        use std::collections::HashMap;

        // Per claim, per char: None = same, Some(None) = changed, Some(Some(i)) = fact chip i.
        let mut marks: HashMap<i64, Vec<Option<Option<u32>>>> =
            view.claims.iter().map(|c| (c.id, vec![None; c.text.chars().count()])).collect();
        let mut paint = |claim: i64, start: usize, end: usize, mark: Option<u32>| {
            if let Some(m) = marks.get_mut(&claim) {
                for slot in m.iter_mut().take(end).skip(start) {
                    // A fact outranks a plain change.
                    if mark.is_some() || slot.is_none() {
                        *slot = Some(mark);
                    }
                }
            }
        };
        let mut facts = Vec::new();
        for row in &view.rows {
            for pair in &row.pairs {
                for op in pair.ops.iter().filter(|op| op.tag != OpTag::Equal) {
                    for seg in op.left.iter().filter(|s| s.emphasized) {
                        paint(pair.left, seg.start, seg.end, None);
                    }
                    for seg in op.right.iter().filter(|s| s.emphasized) {
                        paint(pair.right, seg.start, seg.end, None);
                    }
                }
                for f in &pair.facts {
                    let i = facts.len() as u32;
                    let kind = f.kind.as_str().to_string();
                    let mut values = Vec::new();
                    for (claim, side) in [(pair.left, &f.left), (pair.right, &f.right)] {
                        for x in side {
                            paint(claim, x.start, x.end, Some(i));
                            values.push(FactValue { claim_id: claim, text: x.text.clone() });
                        }
                    }
                    facts.push(FactChip { kind, label: f.note.clone(), values });
                }
            }
        }

        let runs = |id: i64, text: &str| -> Vec<DiffSegment> {
            let chars: Vec<char> = text.chars().collect();
            let m = marks.get(&id).cloned().unwrap_or_default();
            let mut out: Vec<DiffSegment> = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                let here = m.get(i).copied().flatten();
                let mut j = i + 1;
                while j < chars.len() && m.get(j).copied().flatten() == here {
                    j += 1;
                }
                let (kind, fact) = match here {
                    None => (DiffKind::Same, None),
                    Some(None) => (DiffKind::Changed, None),
                    Some(Some(f)) => (DiffKind::Fact, Some(f)),
                };
                out.push(DiffSegment { text: chars[i..j].iter().collect(), kind, fact });
                i = j;
            }
            // Spacing between two changed words reads as part of one changed phrase.
            for k in 1..out.len().saturating_sub(1) {
                if out[k].kind == DiffKind::Same && out[k].text.trim().is_empty() && out[k - 1].kind == DiffKind::Changed && out[k + 1].kind == DiffKind::Changed {
                    out[k].kind = DiffKind::Changed;
                }
            }
            let mut merged: Vec<DiffSegment> = Vec::with_capacity(out.len());
            for seg in out {
                match merged.last_mut() {
                    Some(last) if last.kind == seg.kind && last.fact == seg.fact => last.text.push_str(&seg.text),
                    _ => merged.push(seg),
                }
            }
            merged
        };

        let columns = view
            .columns
            .iter()
            .enumerate()
            .map(|(ci, col)| DiffColumn {
                party: col.key.clone(),
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
                            stance: card.stance.into(),
                            cue: card.cue.clone(),
                            source_title: card.source.title.clone(),
                            date: card.date.format("%Y-%m-%d").to_string(),
                            segments: runs(card.id, &card.text),
                            verification: None,
                        })
                    })
                    .collect(),
            })
            .collect();
        ConflictDiff { conflict, columns, facts }
    }
}
