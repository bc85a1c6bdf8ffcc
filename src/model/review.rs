//! Review of what the extractor proposed: how sure it was of a claim ([`Doubt`]s and the
//! confidence they leave) and where the analyst's review of the claim stands ([`ReviewState`]).
//!
//! Confidence is derived from facts of the extraction, never guessed: each [`Doubt`] names one
//! thing the extractor could not see in the text and costs a fixed share of the confidence, so
//! the number always reads back as its reasons.

use serde::{Deserialize, Serialize};

/// Where the analyst's review of a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ReviewState {
    /// Proposed by the extractor; nobody looked at it yet.
    #[default]
    ToReview,
    /// The analyst accepted it as extracted.
    Reviewed,
    /// The analyst corrected it (or wrote it).
    Edited,
}

impl ReviewState {
    /// Every state, in display order.
    pub const ALL: [ReviewState; 3] = [ReviewState::ToReview, ReviewState::Reviewed, ReviewState::Edited];

    /// The name used in the store, in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::ToReview => "to_review",
            ReviewState::Reviewed => "reviewed",
            ReviewState::Edited => "edited",
        }
    }

    /// Parses a state name; `-` and spaces may stand for `_`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase().replace(['-', ' '], "_");
        ReviewState::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The label shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            ReviewState::ToReview => "to review",
            ReviewState::Reviewed => "reviewed",
            ReviewState::Edited => "edited by analyst",
        }
    }
}

/// One thing the extractor was not sure of when it proposed a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Doubt {
    /// No cue introduces the content: a quotation continuing the previous speaker's.
    NoCue,
    /// The speaker is not named in the claim's sentence: a pronoun or a carried-over speaker.
    SpeakerNotNamed,
    /// The subject could not be tied to anyone the document or the gazetteer knows.
    SpeakerUnresolved,
    /// The speaker has no party: nobody the store knows stands behind the words.
    NoParty,
}

impl Doubt {
    /// Every doubt, in display order.
    pub const ALL: [Doubt; 4] = [Doubt::NoCue, Doubt::SpeakerNotNamed, Doubt::SpeakerUnresolved, Doubt::NoParty];

    /// The name used in the store and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Doubt::NoCue => "no_cue",
            Doubt::SpeakerNotNamed => "speaker_not_named",
            Doubt::SpeakerUnresolved => "speaker_unresolved",
            Doubt::NoParty => "no_party",
        }
    }

    /// What the doubt costs: the share of confidence it takes away.
    pub fn cost(self) -> f64 {
        match self {
            Doubt::NoCue => 0.15,
            Doubt::SpeakerNotNamed => 0.2,
            Doubt::SpeakerUnresolved => 0.35,
            Doubt::NoParty => 0.25,
        }
    }

    /// A short phrase for readers.
    pub fn label(self) -> &'static str {
        match self {
            Doubt::NoCue => "no cue",
            Doubt::SpeakerNotNamed => "speaker not named in the sentence",
            Doubt::SpeakerUnresolved => "speaker unresolved",
            Doubt::NoParty => "no party",
        }
    }
}

/// The confidence left by `doubts`: 1 without any, each doubt taking its [`Doubt::cost`], never
/// below 0.05 (a claim the extractor proposed is never certain to be wrong).
pub fn confidence(doubts: &[Doubt]) -> f64 {
    let lost: f64 = doubts.iter().map(|d| d.cost()).sum();
    // Two decimals: the number is shown and sorted on, and must read the same everywhere.
    ((1.0 - lost).max(0.05) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_reads_as_its_doubts() {
        assert_eq!(confidence(&[]), 1.0, "no doubt is full confidence");
        assert_eq!(confidence(&[Doubt::NoCue]), 0.85);
        assert_eq!(confidence(&[Doubt::SpeakerUnresolved, Doubt::NoParty]), 0.4);
        assert_eq!(confidence(&Doubt::ALL), 0.05, "every doubt leaves the floor");
    }

    #[test]
    fn review_states_parse_their_names_and_spellings() {
        for r in ReviewState::ALL {
            assert_eq!(ReviewState::parse(r.as_str()), Some(r));
        }
        assert_eq!(ReviewState::parse("to review"), Some(ReviewState::ToReview));
        assert_eq!(ReviewState::parse("done"), None);
    }
}
