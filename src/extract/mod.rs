//! Attribution extraction: who said what, through whom, denying what.
//!
//! Input is a normalized text; output is a list of claims with char offsets into it. The
//! extractor touches no store: parties resolve through the [`Gazetteer`] it is given.

use serde::{Deserialize, Serialize};

use crate::gazetteer::Gazetteer;
use crate::model::{Speaker, Stance};

/// How to extract.
#[derive(Debug, Clone, Copy)]
pub struct ExtractConfig<'a> {
    /// Names to resolve speakers with.
    pub gazetteer: &'a Gazetteer,
    /// ISO 639-1 language, or `None` to detect it.
    pub language: Option<&'a str>,
}

/// What the extractor found in one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The language used ("fr", "en").
    pub language: String,
    /// Claims in text order.
    pub claims: Vec<ExtractedClaim>,
}

/// One proposed claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedClaim {
    /// Id within this extraction ("c1").
    pub id: String,
    /// Content text.
    pub text: String,
    /// Start, in chars of the input.
    pub start: usize,
    /// End (exclusive), in chars of the input.
    pub end: usize,
    /// The cue as written.
    pub cue: String,
    /// What the cue does.
    pub stance: Stance,
    /// Who speaks, coreference resolved.
    pub speaker: Speaker,
    /// Relays, nearest first.
    pub via: Vec<Speaker>,
    /// Id of the claim this one answers.
    pub responds_to: Option<String>,
}

/// Detects the language of `text` among those the extractor knows.
pub fn detect_language(_text: &str) -> String {
    "en".to_string()
}

/// Extracts the claims of `text`.
pub fn extract(text: &str, cfg: &ExtractConfig<'_>) -> Extraction {
    let language = cfg.language.map_or_else(|| detect_language(text), str::to_string);
    Extraction { language, claims: Vec::new() }
}
