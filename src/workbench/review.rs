//! The review of what the extractor proposed: the doubts read from an extraction's facts (hence
//! each claim's confidence), the review queue, and the analyst's accept or send-back of claims.
//! Corrections are claim edits (`claims.rs`), which mark a claim `edited`.

use super::Workbench;
use crate::error::Result;
use crate::extract::ExtractedClaim;
use crate::model::{Doubt, ReviewState};
use crate::text::{fold, CharIndex};

/// What the extractor was not sure of for `c`, read from what it reports on `text`: whether a
/// cue introduces the content, whether the sentence names the speaker (rather than a pronoun or
/// a description standing for someone named elsewhere), whether the speaker resolved to anyone
/// known, and whether a party stands behind them.
pub fn doubts_of(c: &ExtractedClaim, text: &CharIndex<'_>) -> Vec<Doubt> {
    let mut doubts = Vec::new();
    if c.cue_start >= c.cue_end {
        doubts.push(Doubt::NoCue);
    }
    let named = match (c.speaker.start, c.speaker.end) {
        // The words in the speaker's slot hold the name it resolved to ("Il" stands for a minister).
        (Some(s), Some(e)) if s < e => fold(text.slice(s, e)).contains(&fold(&c.speaker.who.name)),
        _ => false,
    };
    if !named {
        doubts.push(Doubt::SpeakerNotNamed);
    }
    if !c.speaker.resolved {
        doubts.push(Doubt::SpeakerUnresolved);
    }
    if c.speaker.who.party.is_none() {
        doubts.push(Doubt::NoParty);
    }
    doubts
}

impl Workbench {
    /// Sets the review state of `ids` (all or none) under the analyst's name; returns how many
    /// changed. A claim without a party cannot be accepted: it needs its party first.
    pub fn set_review(&mut self, ids: &[i64], state: ReviewState, note: &str) -> Result<usize> {
        let analyst = self.analyst()?;
        self.store.set_review(ids, state, note, &analyst)
    }

    /// Accepts one claim as extracted.
    pub fn accept_claim(&mut self, id: i64, note: &str) -> Result<usize> {
        self.set_review(&[id], ReviewState::Reviewed, note)
    }

    /// How many claims wait in the review queue.
    pub fn queue_len(&self) -> Result<i64> {
        self.store.queue_len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ExtractedSpeaker;
    use crate::model::{Speaker, Stance};

    const TEXT: &str = "Bakou a dit cela. Il a dit cela.";

    fn claim(cue: (usize, usize), named: bool, resolved: bool, party: Option<&str>) -> ExtractedClaim {
        ExtractedClaim {
            id: "c1".into(),
            text: "t".into(),
            start: 0,
            end: 1,
            cue: String::new(),
            stance: Stance::Assert,
            speaker: ExtractedSpeaker {
                who: Speaker { name: "Bakou".into(), party: party.map(str::to_string), countries: Vec::new() },
                start: named.then_some(0),
                end: named.then_some(5),
                resolved,
            },
            cue_start: cue.0,
            cue_end: cue.1,
            via: Vec::new(),
            responds_to: None,
        }
    }

    #[test]
    fn doubts_come_from_the_extraction_facts() {
        let text = CharIndex::new(TEXT);
        let check = |c: ExtractedClaim, expected: &[Doubt], why: &str| assert_eq!(doubts_of(&c, &text), expected, "{why}");
        check(claim((3, 8), true, true, Some("AZ")), &[], "a named, resolved speaker with a cue and a party");
        check(claim((5, 5), true, true, Some("AZ")), &[Doubt::NoCue], "a quotation continuing without a cue");
        check(claim((3, 8), false, true, Some("AZ")), &[Doubt::SpeakerNotNamed], "a speaker carried over");
        let mut pronoun = claim((21, 27), true, true, Some("AZ"));
        (pronoun.speaker.start, pronoun.speaker.end) = (Some(18), Some(20));
        check(pronoun, &[Doubt::SpeakerNotNamed], "« Il » standing for Bakou");
        check(
            claim((3, 8), true, false, None),
            &[Doubt::SpeakerUnresolved, Doubt::NoParty],
            "a subject nobody knows",
        );
    }
}
