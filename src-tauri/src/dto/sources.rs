//! The library: sources in the list, a source's text with its highlights, search results and
//! the status bar's facts.

use crosscheck::model::Source;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::*;

/// A source in the library list (without its text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceSummary {
    /// Store id.
    #[ts(type = "number")]
    pub id: i64,
    /// Title.
    pub title: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// URL or file path it came from.
    pub url: Option<String>,
    /// ISO 639-1 language.
    pub language: Option<String>,
    /// Publication time (RFC 3339), when known.
    pub published_at: Option<String>,
    /// Import time (RFC 3339).
    pub imported_at: String,
    /// Format imported from.
    pub format: String,
    /// Length of the text in characters.
    pub chars: u32,
    /// Claims found in it.
    pub claims: u32,
}

impl SourceSummary {
    /// The summary of `s`, which holds `claims` claims.
    pub fn new(s: &Source, claims: usize) -> Self {
        SourceSummary {
            id: s.id,
            title: s.title.clone(),
            outlet: s.outlet.clone(),
            url: s.url.clone(),
            language: s.language.clone(),
            published_at: s.published_at.map(rfc3339),
            imported_at: rfc3339(s.imported_at),
            format: s.format.clone(),
            chars: count32(s.text.chars().count()),
            claims: count32(claims),
        }
    }
}

/// A passage of a source claimed by someone: what the reader highlights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Highlight {
    /// The claim.
    #[ts(type = "number")]
    pub claim_id: i64,
    /// Start, in chars of the source text.
    pub start: u32,
    /// End (exclusive), in chars.
    pub end: u32,
    /// The speaker's party key, which picks the colour.
    pub party: Option<String>,
    /// The speaker's name.
    pub speaker: String,
    /// The stance.
    pub stance: Stance,
}

/// A source with its full text and the claims anchored in it, for the reader.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceText {
    /// The source's metadata.
    pub source: SourceSummary,
    /// Full text; offsets count Unicode scalar values (chars), as JavaScript's `Array.from(text)` does.
    pub text: String,
    /// Claims in text order.
    pub highlights: Vec<Highlight>,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchResults {
    /// Sources whose title or text match, best first.
    pub sources: Vec<SourceSummary>,
    /// Claims that match (first 200).
    pub claims: Vec<ClaimRow>,
}

/// Facts about the open store, for the status bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkspaceInfo {
    /// The store file.
    pub store: String,
    /// Sources in it.
    pub sources: u32,
    /// Claims in it.
    pub claims: u32,
    /// The sample workspace was created at this start.
    pub demo_loaded: bool,
}
