//! Attribution extraction: who said what, through whom, denying what.
//!
//! Input is a normalized text; output is a list of claims with char offsets into it. The
//! extractor touches no store: parties resolve through the [`Gazetteer`] it is given.
//!
//! The pipeline is rule-based and linear in the text: [`lang`] picks the language from function
//! words; `segment` cuts blocks, tokens, quotations and sentences; `cues` holds the per-language
//! lexicons (data files under `data/lexicons/`); `attribute` frames each cue with its speaker and
//! content and nests relays; `speaker` resolves names, descriptions and pronouns; `respond` links
//! denials to the claims they answer. [`eval`] scores the output against gold files.

mod attribute;
mod cues;
pub mod eval;
mod lang;
mod mentions;
mod respond;
mod segment;
mod speaker;

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
    /// The language used ("fr", "en"; "und" when none of the known languages was recognised).
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
    /// Who speaks, coreference resolved, and where the text names them.
    pub speaker: ExtractedSpeaker,
    /// Where the cue is written: start, in chars of the input (equal to `cue_end` for a quotation
    /// that continues the previous speaker without a cue).
    pub cue_start: usize,
    /// End (exclusive) of the cue, in chars of the input.
    pub cue_end: usize,
    /// Relays, nearest first.
    pub via: Vec<Speaker>,
    /// Id of the claim this one answers.
    pub responds_to: Option<String>,
}

/// The speaker of an extracted claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedSpeaker {
    /// Name, party and states, as the claim will store them.
    #[serde(flatten)]
    pub who: Speaker,
    /// Where the speaker is written in the claim's sentence, in chars of the input; absent when the
    /// speaker is carried over (a pronoun's referent is named elsewhere; a quotation continuing).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub start: Option<usize>,
    /// End (exclusive) of the speaker's words, in chars of the input.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub end: Option<usize>,
    /// `false` when the subject could not be tied to anyone the document or the gazetteer knows:
    /// the claim is kept, as written and with no party, for the analyst to settle.
    pub resolved: bool,
}

/// Languages the extractor has lexicons for.
pub fn languages() -> Vec<&'static str> {
    cues::codes()
}

/// Detects the language of `text` among those the extractor knows; "und" when there is no
/// evidence for any (empty text, binary data, another language).
pub fn detect_language(text: &str) -> String {
    lang::detect(text).unwrap_or("und").to_string()
}

/// Extracts the claims of `text`. A language the extractor has no lexicon for yields no claims.
pub fn extract(text: &str, cfg: &ExtractConfig<'_>) -> Extraction {
    let language = cfg.language.map_or_else(|| detect_language(text), str::to_string);
    let Some(lex) = cues::lexicon(&language) else {
        return Extraction { language, claims: Vec::new() };
    };
    let base = speaker::Resolver { gazetteer: cfg.gazetteer, lex, text, profile: None };
    let seg = segment::SegConfig { elision: &lex.elision, inversion: &lex.inversion, abbreviations: &lex.abbreviations };
    let mut folder = segment::Folder;
    let mut chars = 0;
    let mut last_byte = 0;
    let mut blocks = Vec::new();
    for (start, end) in segment::blocks(text) {
        chars += text[last_byte..start].chars().count();
        let block = segment::tokenize(text, start, end, chars, &seg, &mut folder);
        chars = block.end_char;
        last_byte = end;
        blocks.push(block);
    }
    // Speakers resolve against what the whole document says of them, so it is read once first.
    let profile = mentions::profile(&base, &blocks);
    let mut att = attribute::Attributor::new(speaker::Resolver { profile: Some(&profile), ..base });
    for block in &blocks {
        att.block(block);
    }
    let mut raw = att.claims;
    raw.sort_by_key(|c| (c.start, c.cue_pos));
    raw.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.speaker == b.speaker);
    let links = respond::link(&raw);
    let claims = raw
        .into_iter()
        .zip(links)
        .enumerate()
        .map(|(i, (c, link))| ExtractedClaim {
            id: format!("c{}", i + 1),
            text: c.text,
            start: c.start,
            end: c.end,
            cue: c.cue,
            stance: c.stance,
            speaker: ExtractedSpeaker {
                who: c.speaker,
                start: c.speaker_span.map(|s| s.0),
                end: c.speaker_span.map(|s| s.1),
                resolved: c.resolved,
            },
            cue_start: c.cue_span.0,
            cue_end: c.cue_span.1,
            via: c.via,
            responds_to: link.map(|j| format!("c{}", j + 1)),
        })
        .collect();
    Extraction { language, claims }
}
