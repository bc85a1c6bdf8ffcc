//! Coding by issue: the analyst's tags on claims ("drone supplies", "civilian casualties in
//! Jermuk") and the party × tag matrix built from them, MAXQDA's quote matrix with verdicts.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Longest tag, in characters: a tag names a question, not a paragraph.
pub const MAX_TAG_CHARS: usize = 80;

/// A tag as the analyst typed it, cleaned: trimmed, inner runs of whitespace made one space.
/// An empty tag, one with control characters or one longer than [`MAX_TAG_CHARS`] is refused.
pub fn clean_tag(raw: &str) -> Result<String> {
    let tag = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if tag.is_empty() {
        return Err(Error::bad_input("tag", "a tag needs at least one letter or digit"));
    }
    if tag.chars().any(char::is_control) {
        return Err(Error::bad_input("tag", format!("{tag:?} holds control characters")));
    }
    if tag.chars().count() > MAX_TAG_CHARS {
        return Err(Error::bad_input("tag", format!("a tag is at most {MAX_TAG_CHARS} characters")));
    }
    Ok(tag)
}

/// A tag in use and how many claims carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagCount {
    /// The tag.
    pub tag: String,
    /// Claims carrying it.
    pub claims: usize,
}

/// A party row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixParty {
    /// The party key; `None` for claims whose party is unknown.
    pub key: Option<String>,
    /// Its display name ("no party" for the unknown one).
    pub name: String,
}

/// How many claims of a cell carry one verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictCount {
    /// The verdict key (`unverified` for claims never judged).
    pub verdict: String,
    /// Claims with it.
    pub claims: usize,
}

/// A claim in a cell, with its verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellClaim {
    /// Claim id.
    pub id: i64,
    /// Its verdict key (`unverified` for claims never judged).
    pub verdict: String,
}

/// One non-empty cell: the claims of one party carrying one tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixCell {
    /// The row's party key (`None`: no party).
    pub party: Option<String>,
    /// The column's tag.
    pub tag: String,
    /// Its claims in reading order.
    pub claims: Vec<CellClaim>,
    /// Claims per verdict, in the taxonomy's order; verdicts no claim has are left out.
    pub verdicts: Vec<VerdictCount>,
}

/// Parties (rows) × tags (columns), with the claims in each cell. A claim sits under its own
/// party and under each of its tags; cells without claims are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagMatrix {
    /// Rows: parties with at least one tagged claim, by name, the unknown party last.
    pub parties: Vec<MatrixParty>,
    /// Columns: tags in use, alphabetically.
    pub tags: Vec<String>,
    /// The non-empty cells, row by row.
    pub cells: Vec<MatrixCell>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_trimmed_and_empty_ones_refused() {
        assert_eq!(clean_tag("  drone \t supplies ").unwrap(), "drone supplies");
        assert!(clean_tag("   ").is_err(), "blank");
        assert!(clean_tag(&"x".repeat(MAX_TAG_CHARS + 1)).is_err(), "too long");
        assert_eq!(clean_tag(&"é".repeat(MAX_TAG_CHARS)).unwrap().chars().count(), MAX_TAG_CHARS, "counted in characters");
    }
}
