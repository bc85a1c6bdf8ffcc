//! Claims: table rows, the filter and its pages, a claim in full, and the analyst's new and
//! corrected claims; with the stance, origin and speaker they carry.

use crosscheck::model::{Claim, Speaker};
use chrono::NaiveDate;
use crosscheck::store::{ClaimFilter, ClaimOrder, DateSpan, SpeakerGroupRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::*;

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
    pub stance: Stance,
    /// Extractor or analyst.
    pub origin: Origin,
    /// How sure the extractor was, 0.05–1.
    pub confidence: f64,
    /// What it was not sure of, as short phrases.
    pub doubts: Vec<String>,
    /// Review state.
    pub review: ReviewState,
    /// Verdict key (`unverified` when never judged).
    pub verdict: String,
    /// Its source's title (empty where a list does not say).
    pub source_title: String,
    /// Its source's outlet, when known.
    pub source_outlet: Option<String>,
    /// The day it is dated by, `YYYY-MM-DD`: its source's publication day, else its import day
    /// (empty where a list does not say).
    pub day: String,
    /// Whether `day` is the import day, the publication day being unknown.
    pub day_imported: bool,
}

impl ClaimRow {
    /// The row of `c`, whose verdict is `verdict`, found in `source`: a row says what the table
    /// shows of its source, which the page no longer reads whole (72,000 sources at a million
    /// claims).
    pub fn new(c: &Claim, verdict: String, source: Option<&crosscheck::store::SourceListing>) -> Self {
        let mut row = ClaimRow { verdict, ..ClaimRow::from(c) };
        if let Some(s) = source {
            let (day, imported) = s.day();
            row.source_title = s.title.clone();
            row.source_outlet = s.outlet.clone();
            row.day = day.to_string();
            row.day_imported = imported;
        }
        row
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
            stance: c.stance,
            origin: c.origin,
            confidence: c.confidence,
            doubts: c.doubts.iter().map(|d| d.label().to_string()).collect(),
            review: c.review,
            // Lists that show verdicts fill it in (`with_verdict`); a claim never judged has this.
            verdict: crosscheck::model::DEFAULT_VERDICT.to_string(),
            source_title: String::new(),
            source_outlet: None,
            day: String::new(),
            day_imported: false,
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
    pub stance: Option<Stance>,
    /// Verdict key of the workspace's taxonomy ("unverified" for claims never judged).
    pub verdict: Option<String>,
    /// Attribution status (needs verification in the core).
    pub attribution: Option<Attribution>,
    /// First source day included, `YYYY-MM-DD`.
    pub date_from: Option<String>,
    /// Last source day included, `YYYY-MM-DD`.
    pub date_to: Option<String>,
    /// Words to find in content, speaker and cue (accents ignored, prefixes match).
    pub text: Option<String>,
    /// Words of the speaker's name (inflected forms too: « Лавров » finds « Лаврова »).
    #[serde(default)]
    pub speaker: Option<String>,
    /// One speaker of a party as the Parties view lists them: their claims under every name.
    #[serde(default)]
    pub speaker_group: Option<PartySpeakerRef>,
    /// Review state.
    pub review: Option<ReviewState>,
    /// Only the review queue (claims to review and claims without a party).
    #[serde(default)]
    pub queue: bool,
    /// Claims carrying this tag (case ignored); a tag no claim carries is `not_found`.
    #[serde(default)]
    pub tag: Option<String>,
    /// Sort key; `null` is reading order, or lowest confidence first for the queue.
    pub sort: Option<ClaimSort>,
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
                stance: self.stance,
                query: nonempty(&self.text),
                speaker: nonempty(&self.speaker),
                speaker_group: self.speaker_group.as_ref().map(|g| SpeakerGroupRef { party: g.party.clone(), key: g.id.clone() }),
                verdict: nonempty(&self.verdict),
                attribution: self.attribution,
                review: self.review,
                queue: self.queue,
                tag: nonempty(&self.tag),
                order: match self.sort {
                    Some(by) => ClaimOrder { by, descending: self.descending },
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
            .map_err(|_| IpcError::new(ErrorCode::BadInput, format!("{field}: {d:?} is not a date like 2024-03-01"))),
    }
}

/// One window of the claims list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimPageDto {
    /// Claims matching the query in all, or, when `total_exact` is false, how many at least (a
    /// common word or a large party, counted only as far as the page needed): `claims_total`
    /// counts them all.
    pub total: u32,
    /// Whether `total` counts every match.
    pub total_exact: bool,
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
    pub stance: Stance,
    /// Relays, nearest first.
    pub via: Vec<SpeakerDto>,
    /// The claim it answers.
    #[ts(type = "number | null")]
    pub responds_to: Option<i64>,
    /// Extractor or analyst.
    pub origin: Origin,
    /// How sure the extractor was, 0.05–1.
    pub confidence: f64,
    /// What it was not sure of, as short phrases.
    pub doubts: Vec<String>,
    /// Review state.
    pub review: ReviewState,
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
            stance: c.stance,
            via: c.via.iter().map(SpeakerDto::from).collect(),
            responds_to: c.responds_to,
            origin: c.origin,
            confidence: c.confidence,
            doubts: c.doubts.iter().map(|d| d.label().to_string()).collect(),
            review: c.review,
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
    pub stance: Stance,
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
    pub stance: Stance,
}
