//! The shapes that cross the IPC boundary. The UI's TypeScript types are generated from these
//! (ts-rs, see [`bindings`]) into `ui/src/lib/bindings/index.ts`; a test fails when they drift.
//!
//! DTOs are views of core types, built by `From` conversions here: the UI never sees a core
//! type directly, so the core can change its internals without breaking the page. Ids are
//! `i64` in Rust and `number` in TypeScript (store ids stay far below 2^53).

use chrono::{DateTime, Utc};
use crosscheck::model::{Alias, Claim, Origin, Party, PartyKind, Source, Speaker, Stance};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI receives it: a stable machine `code` and a sentence for the user.
///
/// Codes: `not_found`, `bad_input`, `locked`, `read_only`, `not_a_store`, `io`, `store`,
/// `cancelled`, `internal`, `forbidden` (a path the page was not granted, see `grants`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IpcError {
    /// Stable machine-readable kind.
    pub code: String,
    /// What happened, for the user.
    pub message: String,
}

impl IpcError {
    /// An error with `code` and `message`.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        IpcError { code: code.to_string(), message: message.into() }
    }
}

impl From<crosscheck::Error> for IpcError {
    fn from(e: crosscheck::Error) -> Self {
        use crosscheck::Error as E;
        let code = match &e {
            E::NotFound { .. } => "not_found",
            E::BadInput { .. } => "bad_input",
            E::Locked { .. } => "locked",
            E::ReadOnly { .. } => "read_only",
            E::NotAStore { .. } | E::StoreTooNew { .. } => "not_a_store",
            E::Io { .. } => "io",
            E::Sqlite(_) => "store",
            E::BundledData { .. } => "internal",
            #[allow(unreachable_patterns)]
            _ => "internal",
        };
        IpcError::new(code, e.to_string())
    }
}

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
    pub stance: StanceDto,
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

/// The analyst's correction of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimEditInput {
    /// Content text.
    pub text: String,
    /// Speaker.
    pub speaker: SpeakerDto,
    /// Cue.
    pub cue: String,
    /// Stance.
    pub stance: StanceDto,
}

/// What a party is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PartyKindDto {
    /// A state.
    State,
    /// An institution.
    Organisation,
    /// A person.
    Person,
    /// An outlet.
    Media,
}

impl From<PartyKind> for PartyKindDto {
    fn from(k: PartyKind) -> Self {
        match k {
            PartyKind::State => PartyKindDto::State,
            PartyKind::Organisation => PartyKindDto::Organisation,
            PartyKind::Person => PartyKindDto::Person,
            PartyKind::Media => PartyKindDto::Media,
        }
    }
}

/// Another name of a party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AliasDto {
    /// Language code, or "" for every language.
    pub lang: String,
    /// The name.
    pub text: String,
    /// Shipped or the analyst's.
    pub origin: OriginDto,
}

impl From<&Alias> for AliasDto {
    fn from(a: &Alias) -> Self {
        AliasDto { lang: a.lang.clone(), text: a.text.clone(), origin: a.origin.into() }
    }
}

/// A party with its claim count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartySummary {
    /// Stable key ("AZ", "RU.mfa").
    pub key: String,
    /// Display name.
    pub name: String,
    /// What it is.
    pub kind: PartyKindDto,
    /// State it stands for.
    pub country: Option<String>,
    /// Parent party key.
    pub parent: Option<String>,
    /// Claims spoken under this key.
    pub claims: u32,
    /// Names it goes by.
    pub aliases: Vec<AliasDto>,
}

impl PartySummary {
    /// The summary of `p` with `claims` claims.
    pub fn new(p: &Party, claims: i64) -> Self {
        PartySummary {
            key: p.key.clone(),
            name: p.name.clone(),
            kind: p.kind.into(),
            country: p.country.clone(),
            parent: p.parent.clone(),
            claims: count32(claims.max(0) as usize),
            aliases: p.aliases.iter().map(AliasDto::from).collect(),
        }
    }
}

/// Claims of a party on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimelinePoint {
    /// `YYYY-MM-DD` (the source's publication day, or its import day).
    pub day: String,
    /// Claims that day.
    pub claims: u32,
}

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

// ---- Conflicts, verification and reports.

/// A decision the analyst takes on a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ConflictStatus {
    /// Back to detected, awaiting the analyst (not settable: the core only confirms or rejects).
    Candidate,
    /// Confirmed by the analyst.
    Confirmed,
    /// Rejected by the analyst.
    Rejected,
}

/// A conflict in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConflictSummary {
    /// Conflict id.
    #[ts(type = "number")]
    pub id: i64,
    /// Where it stands: "candidate", "confirmed", "rejected" (verification may add others).
    pub status: String,
    /// Where it came from: "reply", "candidate" or "analyst".
    pub origin: String,
    /// What it is about, in a few words (the analyst's note, else the shared facts).
    pub topic: String,
    /// Each side: the states it stands for ("AM", "AZ"), else its party key, else the speaker.
    pub parties: Vec<String>,
    /// Claims involved.
    #[ts(type = "Array<number>")]
    pub claim_ids: Vec<i64>,
    /// How sure the detector is, 0..1 (none for replies and the analyst's own).
    pub score: Option<f32>,
}

impl From<&crosscheck::align::Conflict> for ConflictSummary {
    fn from(c: &crosscheck::align::Conflict) -> Self {
        let mut parties: Vec<String> = Vec::new();
        for m in &c.claims {
            let side = if !m.countries.is_empty() { m.countries.join("+") } else { m.party.clone().unwrap_or_else(|| m.speaker.clone()) };
            if !parties.contains(&side) {
                parties.push(side);
            }
        }
        let topic = match (&c.explanation, c.evidence.is_empty()) {
            (Some(x), _) if !x.trim().is_empty() => x.clone(),
            (_, false) => c.evidence.iter().map(|e| format!("{} {}", e.kind, e.shared.join(", "))).collect::<Vec<_>>().join(" · "),
            _ => format!("{} answers {}", parties.last().cloned().unwrap_or_default(), parties.first().cloned().unwrap_or_default()),
        };
        ConflictSummary {
            id: c.id,
            status: c.status.clone(),
            origin: c.origin.as_str().to_string(),
            topic,
            parties,
            claim_ids: c.claims.iter().map(|m| m.claim_id).collect(),
            score: c.score,
        }
    }
}

/// How a run of an aligned statement compares with the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DiffKind {
    /// Said on both sides.
    Same,
    /// Only on this side (or changed).
    Changed,
    /// A fact (number, date, place, actor) that disagrees.
    Fact,
}

/// A run of text in an aligned statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiffSegment {
    /// The words.
    pub text: String,
    /// How they compare.
    pub kind: DiffKind,
    /// Index into the diff's `facts` for a `fact` run.
    pub fact: Option<u32>,
}

/// One claim in a diff column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiffClaim {
    /// Claim id.
    #[ts(type = "number")]
    pub claim_id: i64,
    /// Speaker name.
    pub speaker: String,
    /// The attribution chain as read: speaker, relays, outlet.
    pub chain: Vec<String>,
    /// Stance.
    pub stance: StanceDto,
    /// Cue.
    pub cue: String,
    /// Source title.
    pub source_title: String,
    /// When it was said (`YYYY-MM-DD`).
    pub date: String,
    /// The statement, cut in runs.
    pub segments: Vec<DiffSegment>,
    /// The claim's verification, when the build has verification.
    pub verification: Option<Verification>,
}

/// One party's side of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiffColumn {
    /// Party key (state codes joined with "+", else party key, else speaker).
    pub party: String,
    /// Display name.
    pub name: String,
    /// One cell per row of the diff: the claim this party has in that row, or null.
    pub claims: Vec<Option<DiffClaim>>,
}

/// A fact on which the sides disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FactChip {
    /// "number", "date", "time", "place", "actor".
    pub kind: String,
    /// One-line reading ("18 drone ≠ 6 missile").
    pub label: String,
    /// Each side's value, pointing at its claim.
    pub values: Vec<FactValue>,
}

/// One side's value of a disputed fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FactValue {
    /// The claim holding it.
    #[ts(type = "number")]
    pub claim_id: i64,
    /// The value as written.
    pub text: String,
}

/// The diff view of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConflictDiff {
    /// The conflict.
    pub conflict: ConflictSummary,
    /// One column per party.
    pub columns: Vec<DiffColumn>,
    /// The facts that disagree.
    pub facts: Vec<FactChip>,
}

impl ConflictDiff {
    /// The page's form of the core's diff view: per claim, runs marking what differs and the
    /// facts that disagree (from the core's word operations and fact spans), and one chip per
    /// disagreeing fact. Nothing is compared here; the core did it.
    pub fn new(conflict: ConflictSummary, view: &crosscheck::align::diff::DiffView) -> Self {
        use crosscheck::align::diff::OpTag;
        use std::collections::HashMap;

        // Per claim, per char: None = same, Some(None) = changed, Some(Some(i)) = fact chip i.
        let mut marks: HashMap<i64, Vec<Option<Option<u32>>>> =
            view.claims.iter().map(|c| (c.id, vec![None; c.text.chars().count()])).collect();
        let mut paint = |claim: i64, start: usize, end: usize, mark: Option<u32>| {
            if let Some(m) = marks.get_mut(&claim) {
                for slot in m.iter_mut().take(end).skip(start) {
                    // A fact outranks a plain change.
                    if mark.is_some() || slot.is_none() {
                        *slot = Some(mark);
                    }
                }
            }
        };
        let mut facts = Vec::new();
        for row in &view.rows {
            for pair in &row.pairs {
                for op in pair.ops.iter().filter(|op| op.tag != OpTag::Equal) {
                    for seg in op.left.iter().filter(|s| s.emphasized) {
                        paint(pair.left, seg.start, seg.end, None);
                    }
                    for seg in op.right.iter().filter(|s| s.emphasized) {
                        paint(pair.right, seg.start, seg.end, None);
                    }
                }
                for f in &pair.facts {
                    let i = facts.len() as u32;
                    let kind = serde_json::to_value(f.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                    let mut values = Vec::new();
                    for (claim, side) in [(pair.left, &f.left), (pair.right, &f.right)] {
                        for x in side {
                            paint(claim, x.start, x.end, Some(i));
                            values.push(FactValue { claim_id: claim, text: x.text.clone() });
                        }
                    }
                    facts.push(FactChip { kind, label: f.note.clone(), values });
                }
            }
        }

        let runs = |id: i64, text: &str| -> Vec<DiffSegment> {
            let chars: Vec<char> = text.chars().collect();
            let m = marks.get(&id).cloned().unwrap_or_default();
            let mut out: Vec<DiffSegment> = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                let here = m.get(i).copied().flatten();
                let mut j = i + 1;
                while j < chars.len() && m.get(j).copied().flatten() == here {
                    j += 1;
                }
                let (kind, fact) = match here {
                    None => (DiffKind::Same, None),
                    Some(None) => (DiffKind::Changed, None),
                    Some(Some(f)) => (DiffKind::Fact, Some(f)),
                };
                out.push(DiffSegment { text: chars[i..j].iter().collect(), kind, fact });
                i = j;
            }
            // Spacing between two changed words reads as part of one changed phrase.
            for k in 1..out.len().saturating_sub(1) {
                if out[k].kind == DiffKind::Same && out[k].text.trim().is_empty() && out[k - 1].kind == DiffKind::Changed && out[k + 1].kind == DiffKind::Changed {
                    out[k].kind = DiffKind::Changed;
                }
            }
            let mut merged: Vec<DiffSegment> = Vec::with_capacity(out.len());
            for seg in out {
                match merged.last_mut() {
                    Some(last) if last.kind == seg.kind && last.fact == seg.fact => last.text.push_str(&seg.text),
                    _ => merged.push(seg),
                }
            }
            merged
        };

        let columns = view
            .columns
            .iter()
            .enumerate()
            .map(|(ci, col)| DiffColumn {
                party: col.key.clone(),
                name: col.label.clone(),
                claims: view
                    .rows
                    .iter()
                    .map(|row| {
                        let id = row.cells.get(ci).copied().flatten()?;
                        let card = view.claims.iter().find(|c| c.id == id)?;
                        Some(DiffClaim {
                            claim_id: card.id,
                            speaker: card.speaker.name.clone(),
                            chain: card.chain.clone(),
                            stance: card.stance.into(),
                            cue: card.cue.clone(),
                            source_title: card.source.title.clone(),
                            date: card.date.format("%Y-%m-%d").to_string(),
                            segments: runs(card.id, &card.text),
                            verification: None,
                        })
                    })
                    .collect(),
            })
            .collect();
        ConflictDiff { conflict, columns, facts }
    }
}

/// A verdict of the workspace's taxonomy (the analyst can add and rename them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VerdictOption {
    /// Stable key ("mostly_true", "unverified").
    pub key: String,
    /// English label.
    pub label: String,
    /// `#rrggbb`.
    pub colour: String,
    /// False for work in progress (`unverified`, `in_progress`).
    pub conclusive: bool,
}

/// Did the speaker really say it (mirrors the core's attribution status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AttributionDto {
    /// Nobody has checked.
    Unchecked,
    /// The primary source was seen.
    Confirmed,
    /// Known only through an intermediary.
    RelayedOnly,
    /// The speaker did not say it, or not in these words.
    Misattributed,
}

impl From<crosscheck::verify::Attribution> for AttributionDto {
    fn from(a: crosscheck::verify::Attribution) -> Self {
        use crosscheck::verify::Attribution as A;
        match a {
            A::Unchecked => AttributionDto::Unchecked,
            A::Confirmed => AttributionDto::Confirmed,
            A::RelayedOnly => AttributionDto::RelayedOnly,
            A::Misattributed => AttributionDto::Misattributed,
        }
    }
}

impl From<AttributionDto> for crosscheck::verify::Attribution {
    fn from(a: AttributionDto) -> Self {
        use crosscheck::verify::Attribution as A;
        match a {
            AttributionDto::Unchecked => A::Unchecked,
            AttributionDto::Confirmed => A::Confirmed,
            AttributionDto::RelayedOnly => A::RelayedOnly,
            AttributionDto::Misattributed => A::Misattributed,
        }
    }
}

/// A piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Evidence {
    /// Evidence id.
    #[ts(type = "number")]
    pub id: i64,
    /// "supports", "refutes" or "context".
    pub relation: String,
    /// What it is: a URL, "source 3, chars 10–40", a file name, or "note".
    pub what: String,
    /// The analyst's comment (or the note itself).
    pub note: String,
    /// Who attached it.
    pub analyst: String,
    /// When (RFC 3339).
    pub added_at: String,
}

impl From<&crosscheck::verify::EvidenceItem> for Evidence {
    fn from(e: &crosscheck::verify::EvidenceItem) -> Self {
        use crosscheck::verify::EvidenceKind as K;
        let what = match &e.kind {
            K::Url { url } => url.clone(),
            K::Passage { source_id, anchor } => format!("source {source_id}, chars {}–{}: “{}”", anchor.start, anchor.end, anchor.selector.exact),
            K::File { name, size, .. } => format!("{name} ({size} bytes)"),
            K::Note => "note".to_string(),
        };
        Evidence { id: e.id, relation: e.relation.as_str().to_string(), what, note: e.note.clone(), analyst: e.analyst.clone(), added_at: rfc3339(e.created_at) }
    }
}

/// A change of verdict, attribution, evidence or text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HistoryEntry {
    /// When (RFC 3339).
    pub at: String,
    /// What changed, as a sentence ("verdict: unverified → false").
    pub change: String,
    /// The analyst's note.
    pub note: Option<String>,
    /// Who.
    pub analyst: String,
}

impl From<&crosscheck::verify::HistoryEntry> for HistoryEntry {
    fn from(h: &crosscheck::verify::HistoryEntry) -> Self {
        let what = h.change.as_str().replace('_', " ");
        let change = match (&h.old, &h.new) {
            (Some(o), Some(n)) if o.len() < 60 && n.len() < 60 => format!("{what}: {o} → {n}"),
            (None, Some(n)) if n.len() < 60 => format!("{what}: {n}"),
            _ => what,
        };
        HistoryEntry { at: rfc3339(h.at), change, note: Some(h.note.clone()).filter(|n| !n.is_empty()), analyst: h.analyst.clone() }
    }
}

/// A claim's verification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Verification {
    /// Claim id.
    #[ts(type = "number")]
    pub claim_id: i64,
    /// Verdict key.
    pub verdict: String,
    /// Attribution status.
    pub attribution: AttributionDto,
    /// The verdicts to choose from, in display order.
    pub verdicts: Vec<VerdictOption>,
    /// Evidence, newest first.
    pub evidence: Vec<Evidence>,
    /// Changes, newest first.
    pub history: Vec<HistoryEntry>,
    /// The analyst's name, needed to record a decision; `null` until it is set.
    pub analyst: Option<String>,
}

/// What the analyst sets on a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VerdictInput {
    /// Claim id.
    #[ts(type = "number")]
    pub claim_id: i64,
    /// New verdict key.
    pub verdict: String,
    /// New attribution status.
    pub attribution: AttributionDto,
    /// Why.
    pub note: Option<String>,
}

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

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Counts shown in the UI; a store never holds 4 billion of anything, but saturate rather than wrap.
fn count32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The TypeScript declarations of every DTO, as committed in `ui/src/lib/bindings/index.ts`.
pub fn bindings() -> String {
    let decls = [
        IpcError::decl(),
        StanceDto::decl(),
        OriginDto::decl(),
        SourceSummary::decl(),
        Highlight::decl(),
        SourceText::decl(),
        SpeakerDto::decl(),
        ClaimRow::decl(),
        ClaimQuery::decl(),
        ClaimPageDto::decl(),
        ClaimDetail::decl(),
        NewClaimInput::decl(),
        ClaimEditInput::decl(),
        PartyKindDto::decl(),
        AliasDto::decl(),
        PartySummary::decl(),
        TimelinePoint::decl(),
        ImportEvent::decl(),
        ImportedItem::decl(),
        FailedItem::decl(),
        ImportReport::decl(),
        SearchResults::decl(),
        WorkspaceInfo::decl(),
        ConflictStatus::decl(),
        ConflictSummary::decl(),
        DiffKind::decl(),
        DiffSegment::decl(),
        DiffClaim::decl(),
        DiffColumn::decl(),
        FactChip::decl(),
        FactValue::decl(),
        ConflictDiff::decl(),
        VerdictOption::decl(),
        AttributionDto::decl(),
        Evidence::decl(),
        HistoryEntry::decl(),
        Verification::decl(),
        VerdictInput::decl(),
        ReportScope::decl(),
        ReportFormat::decl(),
        ReportResult::decl(),
    ];
    let mut out = String::from(
        "// Generated from src-tauri/src/dto.rs by `cargo test -p crosscheck-desktop` with\n\
         // BLESS_BINDINGS=1. Do not edit: a test fails when this file and the Rust types differ.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}
