//! The two judgements verification records: a claim's [`Attribution`] (was it said, and by whom)
//! beside its verdict key, and a conflict's [`ConflictStatus`] (who, if anyone, the evidence bears
//! out), plus the workspace settings verification reads.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// The evidence contradicts every side (neither is right).
    AllContradicted,
    /// Each side is partly right.
    BothPartly,
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
            ConflictStatus::BothPartly => "both_partly",
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
            ("all_contradicted" | "contradicted" | "neither", _) => ConflictStatus::AllContradicted,
            ("both_partly" | "both", _) => ConflictStatus::BothPartly,
            ("unresolvable" | "undetermined", _) => ConflictStatus::Unresolvable,
            _ => {
                return Err(Error::bad_input(
                    "conflict status",
                    format!("{name:?} is not one of open, resolved, all_contradicted (neither), both_partly, unresolvable (undetermined)"),
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
            ConflictStatus::BothPartly => (if fr { "Chaque partie en partie fondée" } else { "Each side partly right" }).to_string(),
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
    /// The conflict.
    pub conflict_id: i64,
    /// Where it stands.
    pub status: ConflictStatus,
    /// Why, in a sentence or two.
    pub explanation: String,
}
