//! Claims: table rows, the filter and its pages, a claim in full, and the analyst's new and
//! corrected claims; with the stance, origin and speaker they carry.

use crosscheck::model::{Claim, Origin, ReviewState, Speaker, Stance};
use chrono::NaiveDate;
use crosscheck::store::{ClaimFilter, ClaimOrder, ClaimSort, DateSpan};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::*;

/// What a cue does (mirrors [`Stance`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum StanceDto {
    /// A plain statement.
    Assert,
    /// Denies.
    Deny,
    /// Confirms.
    Confirm,
    /// Reports.
    Report,
    /// Promises.
    Promise,
    /// Warns.
    Warn,
    /// Asks.
    Question,
}

impl From<Stance> for StanceDto {
    fn from(s: Stance) -> Self {
        match s {
            Stance::Assert => StanceDto::Assert,
            Stance::Deny => StanceDto::Deny,
            Stance::Confirm => StanceDto::Confirm,
            Stance::Report => StanceDto::Report,
            Stance::Promise => StanceDto::Promise,
            Stance::Warn => StanceDto::Warn,
            Stance::Question => StanceDto::Question,
        }
    }
}

impl From<StanceDto> for Stance {
    fn from(s: StanceDto) -> Self {
        match s {
            StanceDto::Assert => Stance::Assert,
            StanceDto::Deny => Stance::Deny,
            StanceDto::Confirm => Stance::Confirm,
            StanceDto::Report => Stance::Report,
            StanceDto::Promise => Stance::Promise,
            StanceDto::Warn => Stance::Warn,
            StanceDto::Question => Stance::Question,
        }
    }
}

/// Who wrote a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum OriginDto {
    /// Shipped data or the extractor.
    Extracted,
    /// The analyst.
    Analyst,
}

impl From<Origin> for OriginDto {
    fn from(o: Origin) -> Self {
        match o {
            Origin::Extracted => OriginDto::Extracted,
            Origin::Analyst => OriginDto::Analyst,
        }
    }
}

/// Where the analyst's review of a claim stands (mirrors [`ReviewState`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDto {
    /// Nobody looked at it yet.
    ToReview,
    /// Accepted as extracted.
    Reviewed,
    /// Corrected or written by the analyst.
    Edited,
}

impl From<ReviewState> for ReviewDto {
    fn from(r: ReviewState) -> Self {
        match r {
            ReviewState::ToReview => ReviewDto::ToReview,
            ReviewState::Reviewed => ReviewDto::Reviewed,
            ReviewState::Edited => ReviewDto::Edited,
        }
    }
}

impl From<ReviewDto> for ReviewState {
    fn from(r: ReviewDto) -> Self {
        match r {
            ReviewDto::ToReview => ReviewState::ToReview,
            ReviewDto::Reviewed => ReviewState::Reviewed,
            ReviewDto::Edited => ReviewState::Edited,
        }
    }
}

/// What the claims table is sorted on (mirrors [`ClaimSort`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortDto {
    /// Source, then position.
    Reading,
    /// Confidence, lowest first.
    Confidence,
    /// Party key.
    Party,
    /// Speaker name.
    Speaker,
    /// Stance.
    Stance,
    /// Verdict key.
    Verdict,
    /// Review state.
    Review,
    /// Source.
    Source,
    /// Source date.
    Date,
}

impl From<SortDto> for ClaimSort {
    fn from(s: SortDto) -> Self {
        match s {
            SortDto::Reading => ClaimSort::Reading,
            SortDto::Confidence => ClaimSort::Confidence,
            SortDto::Party => ClaimSort::Party,
            SortDto::Speaker => ClaimSort::Speaker,
            SortDto::Stance => ClaimSort::Stance,
            SortDto::Verdict => ClaimSort::Verdict,
            SortDto::Review => ClaimSort::Review,
            SortDto::Source => ClaimSort::Source,
            SortDto::Date => ClaimSort::Date,
        }
    }
}

/// A speaker or relay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SpeakerDto {
    /// The name as resolved.
    pub name: String,
    /// Party key, if resolved.
    pub party: Option<String>,
    /// States the speaker stands for.
    pub countries: Vec<String>,
}

impl From<&Speaker> for SpeakerDto {
    fn from(s: &Speaker) -> Self {
        SpeakerDto { name: s.name.clone(), party: s.party.clone(), countries: s.countries.clone() }
    }
}

impl From<SpeakerDto> for Speaker {
    fn from(s: SpeakerDto) -> Self {
        Speaker { name: s.name, party: s.party, countries: s.countries }
    }
}

/// A row of the claims table: only what the table shows, so that long lists stay small.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimRow {
    /// Claim id.
    #[ts(type = "number")]
    pub id: i64,
    /// Source id.
    #[ts(type = "number")]
    pub source_id: i64,
    /// Content text, cut to 240 characters.
    pub text: String,
    /// Speaker name.
    pub speaker: String,
    /// Speaker's party key.
    pub party: Option<String>,
    /// Cue.
    pub cue: String,
    /// Stance.
    pub stance: StanceDto,
    /// Extractor or analyst.
    pub origin: OriginDto,
    /// How sure the extractor was, 0.05–1.
    pub confidence: f64,
    /// What it was not sure of, as short phrases.
    pub doubts: Vec<String>,
    /// Review state.
    pub review: ReviewDto,
    /// Verdict key (`unverified` when never judged).
    pub verdict: String,
}

impl ClaimRow {
    /// The row of `c`, whose verdict is `verdict`.
    pub fn with_verdict(c: &Claim, verdict: String) -> Self {
        ClaimRow { verdict, ..ClaimRow::from(c) }
    }
}

impl From<&Claim> for ClaimRow {
    fn from(c: &Claim) -> Self {
        const MAX: usize = 240;
        let text = if c.text.chars().count() > MAX { c.text.chars().take(MAX).chain(['…']).collect() } else { c.text.clone() };
        ClaimRow {
            id: c.id,
            source_id: c.source_id,
            text,
            speaker: c.speaker.name.clone(),
            party: c.speaker.party.clone(),
            cue: c.cue.clone(),
            stance: c.stance.into(),
            origin: c.origin.into(),
            confidence: c.confidence,
            doubts: c.doubts.iter().map(|d| d.label().to_string()).collect(),
            review: c.review.into(),
            // Lists that show verdicts fill it in (`with_verdict`); a claim never judged has this.
            verdict: crosscheck::model::DEFAULT_VERDICT.to_string(),
        }
    }
}

/// Which claims to list; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimQuery {
    /// Party key or name (a state includes its institutions and officials).
    pub party: Option<String>,
    /// Source id.
    #[ts(type = "number | null")]
    pub source: Option<i64>,
    /// Stance.
    pub stance: Option<StanceDto>,
    /// Verdict key of the workspace's taxonomy ("unverified" for claims never judged).
    pub verdict: Option<String>,
    /// Attribution status (needs verification in the core).
    pub attribution: Option<AttributionDto>,
    /// First source day included, `YYYY-MM-DD`.
    pub date_from: Option<String>,
    /// Last source day included, `YYYY-MM-DD`.
    pub date_to: Option<String>,
    /// Words to find in content, speaker and cue (accents ignored, prefixes match).
    pub text: Option<String>,
    /// Words of the speaker's name (inflected forms too: « Лавров » finds « Лаврова »).
    #[serde(default)]
    pub speaker: Option<String>,
    /// Review state.
    pub review: Option<ReviewDto>,
    /// Only the review queue (claims to review and claims without a party).
    #[serde(default)]
    pub queue: bool,
    /// Claims carrying this tag (case ignored); a tag no claim carries is `not_found`.
    #[serde(default)]
    pub tag: Option<String>,
    /// Sort key; `null` is reading order, or lowest confidence first for the queue.
    pub sort: Option<SortDto>,
    /// Largest first.
    #[serde(default)]
    pub descending: bool,
}

impl ClaimQuery {
    /// The core's filter and date span for this query; a date that is not `YYYY-MM-DD` is `bad_input`.
    pub fn to_filter(&self) -> Result<(ClaimFilter, DateSpan), IpcError> {
        let nonempty = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        Ok((
            ClaimFilter {
                party: nonempty(&self.party),
                source: self.source,
                stance: self.stance.map(Into::into),
                query: nonempty(&self.text),
                speaker: nonempty(&self.speaker),
                verdict: nonempty(&self.verdict),
                attribution: self.attribution.map(Into::into),
                review: self.review.map(Into::into),
                queue: self.queue,
                tag: nonempty(&self.tag),
                order: match self.sort {
                    Some(by) => ClaimOrder { by: by.into(), descending: self.descending },
                    None if self.queue => ClaimOrder { descending: self.descending, ..ClaimOrder::QUEUE },
                    None => ClaimOrder { descending: self.descending, ..ClaimOrder::default() },
                },
            },
            DateSpan { from: day("from", &self.date_from)?, to: day("to", &self.date_to)? },
        ))
    }
}

pub(super) fn day(field: &str, s: &Option<String>) -> Result<Option<NaiveDate>, IpcError> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| IpcError::new("bad_input", format!("{field}: {d:?} is not a date like 2024-03-01"))),
    }
}

/// One window of the claims list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimPageDto {
    /// Claims matching the query in all.
    pub total: u32,
    /// Index of the first row.
    pub offset: u32,
    /// The rows.
    pub rows: Vec<ClaimRow>,
}

/// A claim in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimDetail {
    /// Claim id.
    #[ts(type = "number")]
    pub id: i64,
    /// Source id.
    #[ts(type = "number")]
    pub source_id: i64,
    /// Source title.
    pub source_title: String,
    /// Start, in chars of the source.
    pub start: u32,
    /// End (exclusive), in chars.
    pub end: u32,
    /// The anchored passage.
    pub exact: String,
    /// Up to 32 chars before it.
    pub prefix: String,
    /// Up to 32 chars after it.
    pub suffix: String,
    /// Content text.
    pub text: String,
    /// Who said it.
    pub speaker: SpeakerDto,
    /// Cue.
    pub cue: String,
    /// Stance.
    pub stance: StanceDto,
    /// Relays, nearest first.
    pub via: Vec<SpeakerDto>,
    /// The claim it answers.
    #[ts(type = "number | null")]
    pub responds_to: Option<i64>,
    /// Extractor or analyst.
    pub origin: OriginDto,
    /// How sure the extractor was, 0.05–1.
    pub confidence: f64,
    /// What it was not sure of, as short phrases.
    pub doubts: Vec<String>,
    /// Review state.
    pub review: ReviewDto,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last changed (RFC 3339).
    pub updated_at: String,
}

impl ClaimDetail {
    /// The detail of `c`, found in the source titled `source_title`.
    pub fn new(c: &Claim, source_title: String) -> Self {
        ClaimDetail {
            id: c.id,
            source_id: c.source_id,
            source_title,
            start: count32(c.anchor.start),
            end: count32(c.anchor.end),
            exact: c.anchor.selector.exact.clone(),
            prefix: c.anchor.selector.prefix.clone(),
            suffix: c.anchor.selector.suffix.clone(),
            text: c.text.clone(),
            speaker: (&c.speaker).into(),
            cue: c.cue.clone(),
            stance: c.stance.into(),
            via: c.via.iter().map(SpeakerDto::from).collect(),
            responds_to: c.responds_to,
            origin: c.origin.into(),
            confidence: c.confidence,
            doubts: c.doubts.iter().map(|d| d.label().to_string()).collect(),
            review: c.review.into(),
            created_at: rfc3339(c.created_at),
            updated_at: rfc3339(c.updated_at),
        }
    }
}

/// A claim the analyst marks by hand on a span of a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewClaimInput {
    /// Source id.
    #[ts(type = "number")]
    pub source_id: i64,
    /// Start, in chars.
    pub start: u32,
    /// End (exclusive), in chars.
    pub end: u32,
    /// Speaker name as written.
    pub speaker: String,
    /// Party key; `null` lets the core resolve the speaker's name.
    pub party: Option<String>,
    /// Cue.
    pub cue: String,
    /// Stance.
    pub stance: StanceDto,
}

/// The analyst's correction of a claim; fields equal to the claim's change nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimEditInput {
    /// Content text.
    pub text: String,
    /// Start of the span, in chars of the source.
    pub start: u32,
    /// End (exclusive) of the span.
    pub end: u32,
    /// The claim it answers.
    #[ts(type = "number | null")]
    pub responds_to: Option<i64>,
    /// Speaker.
    pub speaker: SpeakerDto,
    /// Cue.
    pub cue: String,
    /// Stance.
    pub stance: StanceDto,
}
