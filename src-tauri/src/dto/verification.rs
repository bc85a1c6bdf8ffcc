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
    /// For a web page with an http(s) address: the address, which `open_evidence_url` opens.
    pub link: Option<String>,
    /// For a passage: its source, to read it in context.
    #[ts(type = "number | null")]
    pub source_id: Option<i64>,
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
        let link = match &e.kind {
            K::Url { url } if crosscheck::text::is_web_url(url) => Some(url.clone()),
            _ => None,
        };
        let source_id = match &e.kind {
            K::Passage { source_id, .. } => Some(*source_id),
            _ => None,
        };
        Evidence {
            id: e.id,
            relation: e.relation.as_str().to_string(),
            what,
            note: e.note.clone(),
            analyst: e.analyst.clone(),
            added_at: rfc3339(e.created_at),
            link,
            source_id,
        }
    }
}

/// What the analyst attaches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvidenceWhat {
    /// A web page.
    Url {
        /// Its address (http or https).
        url: String,
    },
    /// A passage of an imported source, in chars.
    Passage {
        /// The source.
        #[ts(type = "number")]
        source_id: i64,
        /// Start.
        start: u32,
        /// End (exclusive).
        end: u32,
    },
    /// A file the analyst picked in the dialog (the store keeps its bytes).
    File {
        /// The path the dialog returned.
        path: String,
    },
    /// A note alone.
    Note,
}

/// Evidence attached from the app to a claim or a conflict (exactly one of the two).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvidenceInput {
    /// The claim it bears on.
    #[ts(type = "number | null")]
    pub claim: Option<i64>,
    /// The conflict it bears on.
    #[ts(type = "number | null")]
    pub conflict: Option<i64>,
    /// Supports, refutes or context.
    pub relation: Relation,
    /// What it is.
    pub evidence: EvidenceWhat,
    /// The analyst's comment (the note itself for a note).
    pub note: String,
}

/// A change of verdict, attribution, evidence or text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HistoryLine {
    /// When (RFC 3339).
    pub at: String,
    /// What changed, as a sentence ("verdict: unverified → false").
    pub change: String,
    /// The analyst's note.
    pub note: Option<String>,
    /// Who.
    pub analyst: String,
}

impl HistoryLine {
    /// The entry `h` as a sentence, with party keys named by `party`.
    pub fn new(h: &crosscheck::model::HistoryEntry, party: &dyn Fn(&str) -> String) -> Self {
        HistoryLine { at: rfc3339(h.at), change: h.sentence(party), note: Some(h.note.clone()).filter(|n| !n.is_empty()), analyst: h.analyst.clone() }
    }
}

/// A conflict's decision, evidence and history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConflictRecord {
    /// Conflict id.
    #[ts(type = "number")]
    pub id: i64,
    /// Where it stands, as reports say it.
    pub state: String,
    /// Who is right: "open", "resolved", "all_contradicted", "both_partly", "unresolvable"; `null` until decided.
    pub outcome: Option<String>,
    /// For "resolved": the party key.
    pub party: Option<String>,
    /// Why.
    pub explanation: String,
    /// Evidence, newest first.
    pub evidence: Vec<Evidence>,
    /// Changes, newest first.
    pub history: Vec<HistoryLine>,
    /// The analyst's name; `null` until set.
    pub analyst: Option<String>,
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
    pub attribution: Attribution,
    /// The verdicts to choose from, in display order.
    pub verdicts: Vec<VerdictOption>,
    /// Evidence, newest first.
    pub evidence: Vec<Evidence>,
    /// Changes, newest first.
    pub history: Vec<HistoryLine>,
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
    pub attribution: Attribution,
    /// Why.
    pub note: Option<String>,
}
