//! Verification: a claim's verdict, attribution status, evidence and history, and what the
//! analyst sets.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::*;

/// A verdict of the workspace's taxonomy (the analyst can add and rename them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VerdictOption {
    /// Stable key ("mostly_true", "unverified").
    pub key: String,
    /// English label.
    pub label: String,
    /// `#rrggbb`.
    pub colour: String,
    /// False for work in progress (`unverified`, `in_progress`).
    pub conclusive: bool,
}

/// Did the speaker really say it (mirrors the core's attribution status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AttributionDto {
    /// Nobody has checked.
    Unchecked,
    /// The primary source was seen.
    Confirmed,
    /// Known only through an intermediary.
    RelayedOnly,
    /// The speaker did not say it, or not in these words.
    Misattributed,
}

impl From<crosscheck::model::Attribution> for AttributionDto {
    fn from(a: crosscheck::model::Attribution) -> Self {
        use crosscheck::model::Attribution as A;
        match a {
            A::Unchecked => AttributionDto::Unchecked,
            A::Confirmed => AttributionDto::Confirmed,
            A::RelayedOnly => AttributionDto::RelayedOnly,
            A::Misattributed => AttributionDto::Misattributed,
        }
    }
}

impl From<AttributionDto> for crosscheck::model::Attribution {
    fn from(a: AttributionDto) -> Self {
        use crosscheck::model::Attribution as A;
        match a {
            AttributionDto::Unchecked => A::Unchecked,
            AttributionDto::Confirmed => A::Confirmed,
            AttributionDto::RelayedOnly => A::RelayedOnly,
            AttributionDto::Misattributed => A::Misattributed,
        }
    }
}

/// A piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Evidence {
    /// Evidence id.
    #[ts(type = "number")]
    pub id: i64,
    /// "supports", "refutes" or "context".
    pub relation: String,
    /// What it is: a URL, "source 3, chars 10–40", a file name, or "note".
    pub what: String,
    /// The analyst's comment (or the note itself).
    pub note: String,
    /// Who attached it.
    pub analyst: String,
    /// When (RFC 3339).
    pub added_at: String,
}

impl From<&crosscheck::model::EvidenceItem> for Evidence {
    fn from(e: &crosscheck::model::EvidenceItem) -> Self {
        use crosscheck::model::EvidenceKind as K;
        let what = match &e.kind {
            K::Url { url } => url.clone(),
            K::Passage { source_id, anchor } => format!("source {source_id}, chars {}–{}: “{}”", anchor.start, anchor.end, anchor.selector.exact),
            K::File { name, size, .. } => format!("{name} ({size} bytes)"),
            K::Note => "note".to_string(),
        };
        Evidence { id: e.id, relation: e.relation.as_str().to_string(), what, note: e.note.clone(), analyst: e.analyst.clone(), added_at: rfc3339(e.created_at) }
    }
}

/// A change of verdict, attribution, evidence or text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HistoryEntry {
    /// When (RFC 3339).
    pub at: String,
    /// What changed, as a sentence ("verdict: unverified → false").
    pub change: String,
    /// The analyst's note.
    pub note: Option<String>,
    /// Who.
    pub analyst: String,
}

impl From<&crosscheck::model::HistoryEntry> for HistoryEntry {
    fn from(h: &crosscheck::model::HistoryEntry) -> Self {
        let what = h.change.as_str().replace('_', " ");
        let change = match (&h.old, &h.new) {
            (Some(o), Some(n)) if o.len() < 60 && n.len() < 60 => format!("{what}: {o} → {n}"),
            (None, Some(n)) if n.len() < 60 => format!("{what}: {n}"),
            _ => what,
        };
        HistoryEntry { at: rfc3339(h.at), change, note: Some(h.note.clone()).filter(|n| !n.is_empty()), analyst: h.analyst.clone() }
    }
}

/// A claim's verification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Verification {
    /// Claim id.
    #[ts(type = "number")]
    pub claim_id: i64,
    /// Verdict key.
    pub verdict: String,
    /// Attribution status.
    pub attribution: AttributionDto,
    /// The verdicts to choose from, in display order.
    pub verdicts: Vec<VerdictOption>,
    /// Evidence, newest first.
    pub evidence: Vec<Evidence>,
    /// Changes, newest first.
    pub history: Vec<HistoryEntry>,
    /// The analyst's name, needed to record a decision; `null` until it is set.
    pub analyst: Option<String>,
}

/// What the analyst sets on a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VerdictInput {
    /// Claim id.
    #[ts(type = "number")]
    pub claim_id: i64,
    /// New verdict key.
    pub verdict: String,
    /// New attribution status.
    pub attribution: AttributionDto,
    /// Why.
    pub note: Option<String>,
}
