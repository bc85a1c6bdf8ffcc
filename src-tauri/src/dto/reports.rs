//! Reports: what a report covers, its format, and where it was written.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportScope {
    /// The whole store.
    All,
    /// One party's claims.
    Party {
        /// Party key.
        key: String,
    },
    /// One source.
    Source {
        /// Source id.
        #[ts(type = "number")]
        id: i64,
    },
    /// One conflict.
    Conflict {
        /// Conflict id.
        #[ts(type = "number")]
        id: i64,
    },
}

/// A report file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// A standalone HTML page.
    Html,
    /// Markdown.
    Markdown,
    /// JSON.
    Json,
    /// CSV, one row per claim.
    Csv,
    /// schema.org ClaimReview JSON-LD.
    ClaimReview,
}

/// A report that was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportResult {
    /// Where.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u32,
}
