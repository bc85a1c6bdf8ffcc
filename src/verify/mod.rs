//! Verification: what the analyst concluded about each claim and conflict, on what evidence,
//! and the append-only history of those decisions.
//!
//! Two judgements are kept apart for every claim: [`Attribution`] (was it said, and by whom) and
//! a verdict from the workspace's [`Taxonomy`] (is it true). Conflicts get a [`ConflictStatus`].
//! Every change is appended to the history with the analyst's name (the `analyst` setting); the
//! store refuses to rewrite history, and these operations refuse to run before the name is set.

mod evidence;
mod history;
mod taxonomy;

pub use evidence::{parse_passage, EvidenceItem, EvidenceKind, NewEvidence, NewEvidenceKind, Relation, Target};
pub use history::{Change, HistoryEntry};
pub(crate) use taxonomy::ratings_for as taxonomy_ratings;
pub use taxonomy::{default_verdicts, is_colour, Labels, NewVerdict, Taxonomy, Verdict, DEFAULT_VERDICT};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Claim, Stance};
use crate::store::ClaimEdit;
use crate::workbench::Workbench;

/// The setting holding the analyst's name, written into every history entry.
pub const ANALYST_SETTING: &str = "analyst";

/// Settings the workspace knows, with what each means (`config set` refuses others).
pub const SETTINGS: &[(&str, &str)] = &[
    (ANALYST_SETTING, "your name, recorded with every verification decision"),
    ("organisation", "the organisation publishing reports (ClaimReview author)"),
    ("publish_url", "the http(s) URL where reports are published (ClaimReview url)"),
    ("language", "report language: en or fr"),
    (FETCH_PRIVATE_SETTING, "yes to fetch loopback, private and intranet addresses (default no); never after a redirect from a public site"),
];

/// The setting that lets imports fetch non-public addresses.
pub const FETCH_PRIVATE_SETTING: &str = "fetch_private";

/// Was the claim said, and by whom it is attributed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// Nobody has checked who said it.
    #[default]
    Unchecked,
    /// The analyst saw the primary source (the speaker's own statement or recording).
    Confirmed,
    /// Known only through an intermediary (an agency, a ministry relaying its minister).
    RelayedOnly,
    /// The speaker did not say it, or not in these words.
    Misattributed,
}

impl Attribution {
    /// Every status, in display order.
    pub const ALL: [Attribution; 4] =
        [Attribution::Unchecked, Attribution::Confirmed, Attribution::RelayedOnly, Attribution::Misattributed];

    /// The name used in the store, in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Attribution::Unchecked => "unchecked",
            Attribution::Confirmed => "confirmed",
            Attribution::RelayedOnly => "relayed_only",
            Attribution::Misattributed => "misattributed",
        }
    }

    /// Parses a status name; `-` and spaces may stand for `_`, and `relayed` for `relayed_only`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase().replace(['-', ' '], "_");
        match s.as_str() {
            "relayed" => Some(Attribution::RelayedOnly),
            _ => Attribution::ALL.into_iter().find(|a| a.as_str() == s),
        }
    }

    /// The label shown to readers, in `lang` ("fr", else English).
    pub fn label(self, lang: &str) -> &'static str {
        let fr = lang == "fr";
        match self {
            Attribution::Unchecked => if fr { "Non vérifiée" } else { "Unchecked" },
            Attribution::Confirmed => if fr { "Confirmée (source primaire)" } else { "Confirmed (primary source)" },
            Attribution::RelayedOnly => if fr { "Rapportée seulement" } else { "Relayed only" },
            Attribution::Misattributed => if fr { "Mal attribuée" } else { "Misattributed" },
        }
    }
}

/// Where a conflict between parties stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "status", content = "party", rename_all = "snake_case")]
pub enum ConflictStatus {
    /// Not settled yet.
    #[default]
    Open,
    /// Settled in favour of one party (its key).
    Resolved(String),
    /// The evidence contradicts every side.
    AllContradicted,
    /// Cannot be settled with the evidence that can be had.
    Unresolvable,
}

impl ConflictStatus {
    /// The status name used in the store and on the command line (without the party).
    pub fn as_str(&self) -> &'static str {
        match self {
            ConflictStatus::Open => "open",
            ConflictStatus::Resolved(_) => "resolved",
            ConflictStatus::AllContradicted => "all_contradicted",
            ConflictStatus::Unresolvable => "unresolvable",
        }
    }

    /// Builds a status from its name and, for `resolved`, the party it was resolved for.
    pub fn parse(name: &str, party: Option<&str>) -> Result<Self> {
        let name = name.trim().to_lowercase().replace(['-', ' '], "_");
        Ok(match (name.as_str(), party) {
            ("open", _) => ConflictStatus::Open,
            ("resolved", Some(p)) if !p.trim().is_empty() => ConflictStatus::Resolved(p.trim().to_string()),
            ("resolved", _) => return Err(Error::bad_input("conflict status", "resolved needs the party it was resolved for (--party)")),
            ("all_contradicted" | "contradicted", _) => ConflictStatus::AllContradicted,
            ("unresolvable", _) => ConflictStatus::Unresolvable,
            _ => {
                return Err(Error::bad_input(
                    "conflict status",
                    format!("{name:?} is not one of open, resolved, all_contradicted, unresolvable"),
                ))
            }
        })
    }

    /// The party a resolved conflict was resolved for.
    pub fn party(&self) -> Option<&str> {
        match self {
            ConflictStatus::Resolved(p) => Some(p),
            _ => None,
        }
    }

    /// The label shown to readers, in `lang` ("fr", else English).
    pub fn label(&self, lang: &str) -> String {
        let fr = lang == "fr";
        match self {
            ConflictStatus::Open => (if fr { "Ouvert" } else { "Open" }).to_string(),
            ConflictStatus::Resolved(p) => if fr { format!("Tranché en faveur de {p}") } else { format!("Resolved for {p}") },
            ConflictStatus::AllContradicted => (if fr { "Toutes les parties contredites" } else { "All sides contradicted" }).to_string(),
            ConflictStatus::Unresolvable => (if fr { "Impossible à trancher" } else { "Unresolvable" }).to_string(),
        }
    }
}

/// A claim's two judgements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimVerification {
    /// The claim.
    pub claim_id: i64,
    /// Key of its verdict in the taxonomy.
    pub verdict: String,
    /// Whether the attribution was checked.
    pub attribution: Attribution,
}

/// A conflict's status with the analyst's explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictVerdict {
    /// The conflict (an id of the align module's `conflicts` table).
    pub conflict_id: i64,
    /// Where it stands.
    pub status: ConflictStatus,
    /// Why, in a sentence or two.
    pub explanation: String,
}

/// An analyst's edit of a claim: fields left `None` keep their value.
#[derive(Debug, Clone, Default)]
pub struct ClaimChanges {
    /// New content text.
    pub text: Option<String>,
    /// New speaker name.
    pub speaker: Option<String>,
    /// New party key (or name or alias; resolved through the store). `Some("")` clears it.
    pub party: Option<String>,
    /// New stance.
    pub stance: Option<Stance>,
    /// New cue.
    pub cue: Option<String>,
}

impl Workbench {
    /// The analyst's name, or an error saying how to set it: history needs a name.
    pub fn analyst(&self) -> Result<String> {
        match self.store().setting(ANALYST_SETTING)? {
            Some(name) if !name.trim().is_empty() => Ok(name),
            _ => Err(Error::bad_input(
                "analyst",
                "your name is not set; run `crosscheck config set analyst \"Your Name\"` once",
            )),
        }
    }

    /// Sets a workspace setting (one of [`SETTINGS`]).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        if !SETTINGS.iter().any(|(k, _)| *k == key) {
            let known: Vec<&str> = SETTINGS.iter().map(|(k, _)| *k).collect();
            return Err(Error::bad_input("setting", format!("{key:?} is not one of {}", known.join(", "))));
        }
        let value = value.trim();
        if key == "publish_url" && !crate::report::is_web_url(value) {
            return Err(Error::bad_input("publish_url", "must be an http:// or https:// URL"));
        }
        if key == "language" && !matches!(value, "en" | "fr") {
            return Err(Error::bad_input("language", "must be en or fr"));
        }
        if key == FETCH_PRIVATE_SETTING && !matches!(value, "yes" | "no") {
            return Err(Error::bad_input(FETCH_PRIVATE_SETTING, "must be yes or no"));
        }
        self.store_mut().set_setting(key, value)
    }

    /// The workspace's verdict taxonomy, in display order.
    pub fn taxonomy(&self) -> Result<Taxonomy> {
        self.store().taxonomy()
    }

    /// Gives a claim a verdict from the taxonomy, with a note for the history.
    pub fn set_verdict(&mut self, claim_id: i64, verdict: &str, note: &str) -> Result<ClaimVerification> {
        let analyst = self.analyst()?;
        self.store_mut().set_verdict(claim_id, verdict, note, &analyst)
    }

    /// Records whether a claim's attribution was checked.
    pub fn set_attribution(&mut self, claim_id: i64, attribution: Attribution, note: &str) -> Result<ClaimVerification> {
        let analyst = self.analyst()?;
        self.store_mut().set_attribution(claim_id, attribution, note, &analyst)
    }

    /// Sets a conflict's status.
    pub fn set_conflict_status(&mut self, conflict_id: i64, status: ConflictStatus, explanation: &str) -> Result<ConflictVerdict> {
        let analyst = self.analyst()?;
        self.store().conflict(conflict_id)?;
        if let Some(p) = status.party() {
            // Store the canonical key, whatever name or alias was typed.
            let key = self.store().find_party(p)?.key;
            let status = ConflictStatus::Resolved(key);
            return self.store_mut().set_conflict_status(conflict_id, &status, explanation, &analyst);
        }
        self.store_mut().set_conflict_status(conflict_id, &status, explanation, &analyst)
    }

    /// Attaches evidence to a claim or a conflict. A file's bytes go into the store by hash.
    pub fn add_evidence(&mut self, evidence: NewEvidence) -> Result<EvidenceItem> {
        let analyst = self.analyst()?;
        self.store_mut().add_evidence(&evidence, &analyst)
    }

    /// Reads a file and attaches it as evidence; the store keeps its bytes by SHA-256.
    pub fn add_file_evidence(&mut self, target: Target, path: &std::path::Path, relation: Relation, note: &str) -> Result<EvidenceItem> {
        let bytes = crate::ingest::read_file(path)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.add_evidence(NewEvidence { target, relation, kind: NewEvidenceKind::File { name, bytes }, note: note.to_string() })
    }

    /// Attaches a passage of an imported source (chars `start..end`) as evidence.
    pub fn add_passage_evidence(&mut self, target: Target, source_id: i64, start: usize, end: usize, relation: Relation, note: &str) -> Result<EvidenceItem> {
        let source = self.store().source(source_id)?;
        let len = source.text.chars().count();
        if start >= end || end > len {
            return Err(Error::bad_input("passage", format!("{start}-{end} is not inside source {source_id}'s {len} characters")));
        }
        let anchor = crate::anchor_in(&source.text, start, end);
        self.add_evidence(NewEvidence { target, relation, kind: NewEvidenceKind::Passage { source_id, anchor }, note: note.to_string() })
    }

    /// Edits a claim as the analyst: it becomes the analyst's (origin `analyst`) and the change is logged.
    pub fn edit_claim(&mut self, claim_id: i64, changes: ClaimChanges, note: &str) -> Result<Claim> {
        let analyst = self.analyst()?;
        let party = match changes.party.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(p) => Some(Some(self.store().find_party(p)?.key)),
        };
        let edit = ClaimEdit {
            text: changes.text,
            speaker: changes.speaker.as_deref().map(crate::workbench::checked_speaker_name).transpose()?,
            party,
            stance: changes.stance,
            cue: changes.cue,
        };
        let claim = self.store_mut().edit_claim(claim_id, &edit, note, &analyst)?;
        // The edit queued the claim for detection: match its corrected words and party now, so
        // the conflicts list reflects the correction without a manual rescan.
        crate::align::detect(self.store_mut())?;
        Ok(claim)
    }

    /// Deletes a claim; the history keeps what it was.
    pub fn delete_claim(&mut self, claim_id: i64, note: &str) -> Result<()> {
        let analyst = self.analyst()?;
        self.store_mut().delete_claim(claim_id, note, &analyst)
    }

    /// Adds a verdict to the taxonomy.
    pub fn add_verdict(&mut self, verdict: NewVerdict) -> Result<Taxonomy> {
        let analyst = self.analyst()?;
        verdict.validate()?;
        self.store_mut().add_verdict(&verdict, &analyst)
    }

    /// Relabels a verdict (its key stays: claims refer to it).
    pub fn rename_verdict(&mut self, key: &str, labels: Labels) -> Result<Taxonomy> {
        let analyst = self.analyst()?;
        self.store_mut().rename_verdict(key, &labels, &analyst)
    }

    /// Moves a verdict to a 1-based position in the display order.
    pub fn move_verdict(&mut self, key: &str, position: usize) -> Result<Taxonomy> {
        let analyst = self.analyst()?;
        self.store_mut().move_verdict(key, position, &analyst)
    }
}
