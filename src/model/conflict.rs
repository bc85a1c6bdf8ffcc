//! Conflicts as stored: claims of two or more parties about the same thing, where the conflict
//! came from, and for proposed ones the shared facts the proposal rests on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The review statuses of a conflict (`Conflict::status`): whether it is a conflict at all.
/// Verification's own judgement of it (who is right) is a separate [`super::ConflictStatus`].
///
/// Only an analyst confirms: whatever the tool finds (a reply, a cross-source candidate) is
/// `proposed`, because a reply read by the extractor can be misread as surely as a candidate.
pub mod status {
    /// Found by the tool (a reply or a cross-source candidate), not yet looked at.
    pub const PROPOSED: &str = "proposed";
    /// The analyst confirmed it, built it, or said who is right.
    pub const CONFIRMED: &str = "confirmed";
    /// The analyst said these claims are not in conflict.
    pub const REJECTED: &str = "rejected";

    /// The status a name stands for; `candidate` and `detected` (names of earlier versions and
    /// of the app's first list) read as `proposed`.
    pub fn parse(name: &str) -> Option<&'static str> {
        match name.trim().to_lowercase().as_str() {
            "proposed" | "candidate" | "detected" => Some(PROPOSED),
            "confirmed" => Some(CONFIRMED),
            "rejected" => Some(REJECTED),
            _ => None,
        }
    }
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

/// Why two claims were matched: one kind of shared fact and its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchEvidence {
    /// `day`, `place`, `name`, `actors`, `unit`, `words`, `event` (event concepts shared
    /// across languages: `violence`, `toll`, `hospital`, … from `data/align/events.json`) or
    /// `denied` (an outcome, `toll`, that one side says did not happen and the other says did).
    pub kind: String,
    /// The shared values ("06-27", "tavush", "AM", "drone", content words).
    pub shared: Vec<String>,
    /// What this evidence added to the score.
    pub weight: f32,
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
    /// `proposed`, `confirmed` or `rejected` (see [`status`]).
    pub status: String,
    /// Who is right, as the analyst judged (`open` until judged).
    pub resolution: super::ConflictStatus,
    /// Where it came from.
    pub origin: ConflictOrigin,
    /// For candidates: how strongly the claims share an event, 0–1.
    pub score: Option<f32>,
    /// For candidates: the shared facts the score rests on.
    pub evidence: Vec<MatchEvidence>,
    /// The analyst's note.
    pub explanation: Option<String>,
    /// Its claims, in id order.
    pub claims: Vec<ConflictMember>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl Conflict {
    /// Where the conflict stands, as every adapter and report shows it: its review status and,
    /// once confirmed, who is right. One label so that the list, the diff view and the reports
    /// cannot disagree.
    pub fn state_label(&self, lang: &str) -> String {
        let fr = lang == "fr";
        match (self.status.as_str(), &self.resolution) {
            (status::REJECTED, _) => (if fr { "Rejeté" } else { "Rejected" }).to_string(),
            (_, super::ConflictStatus::Open) if self.status == status::PROPOSED => {
                (if fr { "Proposé (non examiné)" } else { "Proposed (not reviewed)" }).to_string()
            }
            (_, super::ConflictStatus::Open) => (if fr { "Confirmé, à trancher" } else { "Confirmed, open" }).to_string(),
            (_, judged) => judged.label(lang),
        }
    }
}

/// One party's statement as the sources carry it: the claims that are its copies (a dispatch
/// relayed by several outlets), found by detection or linked by the analyst. Conflicts are kept
/// between statements, so a party repeating itself adds a carrier, not a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The claim that names the group: the first stored, or the one the analyst linked to.
    pub id: i64,
    /// Every claim carrying it, the naming claim included, in id order.
    pub carriers: Vec<Carrier>,
}

/// A claim carrying a statement, and where it was published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Carrier {
    /// Claim id.
    pub claim_id: i64,
    /// Its source.
    pub source_id: i64,
}

impl Statement {
    /// True for a claim that carries no statement with another claim.
    pub fn is_alone(&self) -> bool {
        self.carriers.len() < 2
    }

    /// The claims carrying it, in id order.
    pub fn claim_ids(&self) -> Vec<i64> {
        self.carriers.iter().map(|c| c.claim_id).collect()
    }

    /// How many sources carry it: "carried by N sources" (a source quoting it twice counts once).
    pub fn sources(&self) -> usize {
        let mut ids: Vec<i64> = self.carriers.iter().map(|c| c.source_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}
