//! The library: sources in the list, the facts of a source the analyst corrects, a source's
//! text with its highlights, search results and the status bar's facts.

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
        (&crosscheck::store::SourceListing::of(s, claims)).into()
    }
}

impl From<&crosscheck::store::SourceListing> for SourceSummary {
    fn from(s: &crosscheck::store::SourceListing) -> Self {
        SourceSummary {
            id: s.id,
            title: s.title.clone(),
            outlet: s.outlet.clone(),
            url: s.url.clone(),
            language: s.language.clone(),
            published_at: s.published_at.map(rfc3339),
            imported_at: rfc3339(s.imported_at),
            format: s.format.clone(),
            chars: count32(s.chars),
            claims: count32(s.claims),
        }
    }
}

/// One window of the Library's list of sources, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourcePageDto {
    /// Sources in the store.
    pub total: u32,
    /// Index of the first row.
    pub offset: u32,
    /// The rows.
    pub sources: Vec<SourceSummary>,
}

/// What the Library's form shows and sends of a source: outlet, author, publication day. Sent,
/// a field null or empty clears that fact; every field is sent as the form holds it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceFactsDto {
    /// Outlet ("Reuters").
    pub outlet: Option<String>,
    /// Author(s) as credited.
    pub author: Option<String>,
    /// Publication day, `YYYY-MM-DD`.
    pub published_on: Option<String>,
}

impl SourceFactsDto {
    /// The facts known of `s`, written by `author`.
    pub fn new(s: &Source, author: Option<String>) -> Self {
        SourceFactsDto { outlet: s.outlet.clone(), author, published_on: s.published_at.map(|t| t.date_naive().to_string()) }
    }
}

impl TryFrom<SourceFactsDto> for crosscheck::SourceFacts {
    type Error = IpcError;
    /// The core's correction: each fact set as given, cleared when null or empty; a day that is
    /// not `YYYY-MM-DD` is `bad_input`.
    fn try_from(f: SourceFactsDto) -> Result<Self, IpcError> {
        Ok(crosscheck::SourceFacts {
            outlet: Some(f.outlet.unwrap_or_default()),
            author: Some(f.author.unwrap_or_default()),
            published_on: Some(super::claims::day("published_on", &f.published_on)?),
        })
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
    /// Sources whose title or text match, newest first (at most 200).
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
