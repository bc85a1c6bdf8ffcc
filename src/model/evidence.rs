//! Evidence: what a verdict rests on. A URL, a passage of an imported source (anchored like a
//! claim), a file (kept in the store by SHA-256, so it cannot change silently) or a note, each
//! marked as supporting, refuting or giving context to a claim or a conflict.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Anchor;

/// What a piece of evidence is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A claim id.
    Claim(i64),
    /// A conflict id (the align module's).
    Conflict(i64),
}

/// How a piece of evidence bears on its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Relation {
    /// Makes the claim more likely true.
    Supports,
    /// Makes it less likely true.
    Refutes,
    /// Background a reader needs.
    Context,
}

impl Relation {
    /// The name used in the store and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Refutes => "refutes",
            Relation::Context => "context",
        }
    }

    /// Parses the name used in the store.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "supports" => Some(Relation::Supports),
            "refutes" => Some(Relation::Refutes),
            "context" => Some(Relation::Context),
            _ => None,
        }
    }

    /// The label shown to readers, in `lang` ("fr", else English).
    pub fn label(self, lang: &str) -> &'static str {
        match (self, lang == "fr") {
            (Relation::Supports, false) => "supports",
            (Relation::Refutes, false) => "refutes",
            (Relation::Context, false) => "context",
            (Relation::Supports, true) => "confirme",
            (Relation::Refutes, true) => "contredit",
            (Relation::Context, true) => "contexte",
        }
    }
}

/// What a stored piece of evidence is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A web page (any scheme is stored; reports link only http and https).
    Url {
        /// The URL as given.
        url: String,
    },
    /// A passage of an imported source.
    Passage {
        /// The source.
        source_id: i64,
        /// Where in it, with its quote selector.
        anchor: Anchor,
    },
    /// A file kept in the store.
    File {
        /// Its name when attached.
        name: String,
        /// SHA-256 of its bytes, hex: its identity in the blob table.
        sha256: String,
        /// Its size in bytes.
        size: u64,
    },
    /// The analyst's note is the evidence.
    Note,
}

/// Evidence about to be stored.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    /// Claim or conflict.
    pub target: Target,
    /// Supports, refutes or context.
    pub relation: Relation,
    /// What it is.
    pub kind: NewEvidenceKind,
    /// A comment; for a note, the note itself.
    pub note: String,
}

/// The content of new evidence.
#[derive(Debug, Clone)]
pub enum NewEvidenceKind {
    /// A URL.
    Url(String),
    /// A passage of a source.
    Passage {
        /// The source.
        source_id: i64,
        /// Where in it.
        anchor: Anchor,
    },
    /// A file's name and bytes.
    File {
        /// Its name.
        name: String,
        /// Its content.
        bytes: Vec<u8>,
    },
    /// The note is the evidence.
    Note,
}

impl NewEvidence {
    /// Refuses evidence with nothing in it.
    pub fn validate(&self) -> Result<()> {
        match &self.kind {
            NewEvidenceKind::Url(u) if u.trim().is_empty() => Err(Error::bad_input("evidence", "the URL is empty")),
            NewEvidenceKind::Note if self.note.trim().is_empty() => Err(Error::bad_input("evidence", "the note is empty")),
            NewEvidenceKind::File { bytes, name } if bytes.is_empty() => {
                Err(Error::bad_input("evidence", format!("the file {name} is empty")))
            }
            _ => Ok(()),
        }
    }
}

/// A stored piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    /// Store id.
    pub id: i64,
    /// Claim or conflict.
    pub target: Target,
    /// Supports, refutes or context.
    pub relation: Relation,
    /// What it is.
    #[serde(flatten)]
    pub kind: EvidenceKind,
    /// The analyst's comment, or the note itself.
    pub note: String,
    /// Who attached it.
    pub analyst: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Parses `SOURCE:START-END` (chars, end exclusive), as typed after `--passage`.
pub fn parse_passage(s: &str) -> Result<(i64, usize, usize)> {
    let bad = || Error::bad_input("--passage", format!("{s:?} is not SOURCE:START-END (e.g. 3:120-180)"));
    let (source, span) = s.split_once(':').ok_or_else(bad)?;
    let (start, end) = span.split_once('-').ok_or_else(bad)?;
    let source = source.trim().parse().map_err(|_| bad())?;
    let start = start.trim().parse().map_err(|_| bad())?;
    let end = end.trim().parse().map_err(|_| bad())?;
    Ok((source, start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<(i64, usize, usize)>) {
        assert_eq!(parse_passage(input).ok(), expected, "parse_passage({input:?})");
    }

    #[test]
    fn passage_spec_is_source_colon_start_dash_end() {
        check("3:120-180", Some((3, 120, 180)));
        check(" 3 : 1 - 2 ", Some((3, 1, 2)));
        check("3:120", None);
        check("x:1-2", None);
        check("3:-1-2", None);
    }
}
