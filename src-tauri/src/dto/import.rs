//! Imports: the progress events streamed over a call's channel and the per-input report.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::*;

/// Progress of an import, streamed over the call's channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ImportEvent {
    /// The job has `total` inputs.
    Started {
        /// Inputs in the job.
        total: u32,
    },
    /// Input number `done` (1-based) named `name` is finished.
    Item {
        /// Inputs done so far.
        done: u32,
        /// Its name.
        name: String,
    },
}

/// One imported input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportedItem {
    /// The input's name.
    pub input: String,
    /// Source id (the existing one for a duplicate).
    #[ts(type = "number")]
    pub source_id: i64,
    /// Title.
    pub title: String,
    /// The same text was already stored.
    pub duplicate: bool,
    /// Claims found.
    pub claims: u32,
}

/// One input that failed, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FailedItem {
    /// The input's name.
    pub input: String,
    /// Why.
    pub message: String,
}

/// What an import did, per input.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    /// Inputs imported (or found already stored).
    pub imported: Vec<ImportedItem>,
    /// Inputs that failed.
    pub failed: Vec<FailedItem>,
    /// The user stopped the job.
    pub cancelled: bool,
}

impl From<crosscheck::ImportSummary> for ImportReport {
    fn from(s: crosscheck::ImportSummary) -> Self {
        ImportReport {
            imported: s
                .imported
                .into_iter()
                .map(|o| ImportedItem { input: o.input, source_id: o.source_id, title: o.title, duplicate: o.duplicate, claims: count32(o.claims) })
                .collect(),
            failed: s.failed.into_iter().map(|(input, message)| FailedItem { input, message }).collect(),
            cancelled: s.cancelled,
        }
    }
}
