//! The history of verification decisions: append-only, one entry per change, with who, when
//! and why. The store's triggers refuse to update or delete an entry, so a report's history is
//! the whole story. Entries outlive what they are about: a deleted claim's history remains.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A claim's verdict.
    Verdict,
    /// A claim's attribution status.
    Attribution,
    /// Evidence attached.
    Evidence,
    /// A claim's text, speaker, party, stance or cue.
    ClaimEdit,
    /// A claim deleted (`old` holds it as JSON).
    ClaimDelete,
    /// A conflict's status.
    ConflictStatus,
    /// The verdict taxonomy (added, relabelled, moved verdict).
    Taxonomy,
}

impl Change {
    const ALL: [Change; 7] = [
        Change::Verdict,
        Change::Attribution,
        Change::Evidence,
        Change::ClaimEdit,
        Change::ClaimDelete,
        Change::ConflictStatus,
        Change::Taxonomy,
    ];

    /// The name used in the store and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Verdict => "verdict",
            Change::Attribution => "attribution",
            Change::Evidence => "evidence",
            Change::ClaimEdit => "claim_edit",
            Change::ClaimDelete => "claim_delete",
            Change::ConflictStatus => "conflict_status",
            Change::Taxonomy => "taxonomy",
        }
    }

    /// Parses the name used in the store.
    pub fn parse(s: &str) -> Option<Self> {
        Change::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// One entry of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Store id; entries are in the order they happened.
    pub id: i64,
    /// The claim concerned, if any.
    pub claim_id: Option<i64>,
    /// The conflict concerned, if any.
    pub conflict_id: Option<i64>,
    /// What changed.
    pub change: Change,
    /// The value before (a verdict key, a status, or JSON for claim edits), if any.
    pub old: Option<String>,
    /// The value after.
    pub new: Option<String>,
    /// The analyst's note.
    pub note: String,
    /// Who made the change.
    pub analyst: String,
    /// When.
    pub at: DateTime<Utc>,
}
