//! The domain model shared by every module: what the store persists and the adapters show.
//!
//! Sources, parties and claims are here; conflicts, verification (attribution, conflict status,
//! verdicts and their taxonomy, evidence, history) each have a file. These are serde types with
//! no behaviour beyond naming, parsing and validating themselves; the store persists them and the
//! CLI prints them as its `--json` contract, so renaming a field is a breaking change. The model
//! depends on nothing but `error` and `text`, so every layer may use it.

mod conflict;
mod evidence;
mod history;
mod review;
mod tags;
mod taxonomy;
mod verification;

pub use conflict::{status as conflict_status, Carrier, Conflict, ConflictMember, ConflictOrigin, MatchEvidence, Statement};
pub use evidence::{parse_passage, EvidenceItem, EvidenceKind, NewEvidence, NewEvidenceKind, Relation, Target};
pub use history::{Change, HistoryEntry};
pub use review::{confidence, Doubt, ReviewState};
pub use tags::{clean_tag, CellClaim, MatrixCell, MatrixParty, TagCount, TagMatrix, VerdictCount, MAX_TAG_CHARS};
pub use taxonomy::{default_verdicts, is_colour, ratings_for, Labels, NewVerdict, Taxonomy, Verdict, DEFAULT_VERDICT};
pub use verification::{Attribution, ClaimVerification, ConflictStatus, ConflictVerdict, ANALYST_SETTING, FETCH_PRIVATE_SETTING, SETTINGS};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An imported document, kept whole so that claims can be re-anchored in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Store id, stable for the life of the store.
    pub id: i64,
    /// Title, from the document's metadata or its first line.
    pub title: String,
    /// Publishing outlet ("TASS"), when known.
    pub outlet: Option<String>,
    /// Where the document came from (a URL or a file path).
    pub url: Option<String>,
    /// ISO 639-1 language code ("fr", "en").
    pub language: Option<String>,
    /// When the outlet published it, when known.
    pub published_at: Option<DateTime<Utc>>,
    /// When it entered the store.
    pub imported_at: DateTime<Utc>,
    /// The format it was imported from ("text", "markdown", "html", "pdf").
    pub format: String,
    /// SHA-256 of the normalized text, hex: the identity used to refuse duplicates.
    pub content_hash: String,
    /// Full text in Unicode NFC; claim offsets count Unicode scalar values in it.
    pub text: String,
}

/// What a party is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PartyKind {
    /// A state, standing for its government.
    State,
    /// A ministry, army, agency or international organisation.
    Organisation,
    /// A named individual.
    Person,
    /// A news outlet.
    Media,
}

impl PartyKind {
    /// The name used in the store and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::State => "state",
            PartyKind::Organisation => "organisation",
            PartyKind::Person => "person",
            PartyKind::Media => "media",
        }
    }

    /// Parses the name used in the store and on the command line.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "state" => PartyKind::State,
            "organisation" | "organization" => PartyKind::Organisation,
            "person" => PartyKind::Person,
            "media" => PartyKind::Media,
            _ => return None,
        })
    }
}

/// Who edited a record: shipped data, or the analyst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Origin {
    /// Shipped with the gazetteer or proposed by the extractor.
    Extracted,
    /// Entered or corrected by the analyst; never overwritten by a re-run.
    Analyst,
}

impl Origin {
    /// The name used in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Extracted => "extracted",
            Origin::Analyst => "analyst",
        }
    }

    /// Parses the name used in the store.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "extracted" => Some(Origin::Extracted),
            "analyst" => Some(Origin::Analyst),
            _ => None,
        }
    }
}

/// Another name of a party, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// ISO 639-1 code, or "" for a name used in every language.
    pub lang: String,
    /// The name as written in text ("Bakou").
    pub text: String,
    /// `extracted` for shipped aliases, `analyst` for the user's own.
    pub origin: Origin,
}

/// Someone who speaks: a state, an institution, a person or an outlet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    /// Store id.
    pub id: i64,
    /// Stable key: ISO code for states ("AZ"), "AZ.mfa" for institutions, a slug for user parties.
    pub key: String,
    /// Display name.
    pub name: String,
    /// What it is.
    pub kind: PartyKind,
    /// ISO 3166-1 alpha-2 of the state it stands for, if any.
    pub country: Option<String>,
    /// Key of the party it belongs to (Lavrov → RU, "AM.mod" → AM).
    pub parent: Option<String>,
    /// Names it goes by in text.
    pub aliases: Vec<Alias>,
}

/// One person (or body) speaking for a party, under every name the sources give them: the same
/// last name in any case and script groups (`text::person_key`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerGroup {
    /// The grouping key, stable for a name: "lavrov".
    pub id: String,
    /// The names as written, most frequent first ("Сергей Лавров", "Sergueï Lavrov", "Sergei Lavrov").
    pub names: Vec<String>,
    /// Claims of the party by this speaker.
    pub claims: usize,
}

/// What a cue does to the content it introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Stance {
    /// A plain statement.
    Assert,
    /// Denies or labels false.
    Deny,
    /// Confirms.
    Confirm,
    /// Reports an event ("faire état de", "according to").
    Report,
    /// Promises.
    Promise,
    /// Warns or threatens.
    Warn,
    /// Asks.
    Question,
}

impl Stance {
    /// Every stance, in display order.
    pub const ALL: [Stance; 7] = [
        Stance::Assert,
        Stance::Deny,
        Stance::Confirm,
        Stance::Report,
        Stance::Promise,
        Stance::Warn,
        Stance::Question,
    ];

    /// The name used in the store and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Assert => "assert",
            Stance::Deny => "deny",
            Stance::Confirm => "confirm",
            Stance::Report => "report",
            Stance::Promise => "promise",
            Stance::Warn => "warn",
            Stance::Question => "question",
        }
    }

    /// Parses the name used in the store and in JSON.
    pub fn parse(s: &str) -> Option<Self> {
        Stance::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// A W3C Web Annotation TextQuoteSelector: re-finds a passage when offsets drift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    /// The passage itself.
    pub exact: String,
    /// Up to 32 characters before it.
    pub prefix: String,
    /// Up to 32 characters after it.
    pub suffix: String,
}

/// A passage of a source, by Unicode scalar offsets, with a selector to re-anchor it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Start offset, in Unicode scalar values (chars) of the source text.
    pub start: usize,
    /// End offset (exclusive), in chars.
    pub end: usize,
    /// The quote selector for the same passage.
    pub selector: TextQuoteSelector,
}

/// A speaker or a relay in an attribution chain.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Speaker {
    /// The name as resolved in the text ("Sergueï Lavrov", not "il").
    pub name: String,
    /// Key of the resolved party, if any.
    pub party: Option<String>,
    /// States the speaker stands for: several for "les deux parties", none for a private person.
    pub countries: Vec<String>,
}

/// A proposition attributed to a party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Store id.
    pub id: i64,
    /// The source it was found in.
    pub source_id: i64,
    /// Where in the source.
    pub anchor: Anchor,
    /// The content of what was said (may equal the anchored passage).
    pub text: String,
    /// Who said it.
    pub speaker: Speaker,
    /// The cue that introduces it ("a souligné", "said", "according to").
    pub cue: String,
    /// What the cue does.
    pub stance: Stance,
    /// Relays, nearest first: a ministry reporting what its minister said.
    pub via: Vec<Speaker>,
    /// The claim this one denies, confirms or answers.
    pub responds_to: Option<i64>,
    /// Proposed by the extractor or written by the analyst.
    pub origin: Origin,
    /// How sure the extractor was, 0.05–1 (1 for the analyst's own claims): see [`confidence`].
    pub confidence: f64,
    /// What the extractor was not sure of; the confidence is what they leave.
    pub doubts: Vec<Doubt>,
    /// Where the analyst's review of the claim stands.
    pub review: ReviewState,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}
