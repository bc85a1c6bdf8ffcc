//! Coding by issue: tags in use, and the party × tag matrix with each cell's claims.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::count32;

/// A tag in use and how many claims carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TagCountDto {
    /// The tag.
    pub tag: String,
    /// Claims carrying it.
    pub claims: u32,
}

impl From<&crosscheck::model::TagCount> for TagCountDto {
    fn from(t: &crosscheck::model::TagCount) -> Self {
        TagCountDto { tag: t.tag.clone(), claims: count32(t.claims) }
    }
}

/// A row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixRow {
    /// Party key; `null` for claims whose party is unknown.
    pub key: Option<String>,
    /// Display name ("no party" for the unknown one).
    pub name: String,
}

/// Claims of a cell with one verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixVerdict {
    /// Verdict key (see `verdicts` for labels and colours).
    pub verdict: String,
    /// How many.
    pub claims: u32,
}

/// A claim listed in a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixClaim {
    /// Claim id.
    #[ts(type = "number")]
    pub id: i64,
    /// Content text.
    pub text: String,
    /// Who said it.
    pub speaker: String,
    /// Verdict key.
    pub verdict: String,
}

/// A non-empty cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixCellDto {
    /// The row's party key (`null`: no party).
    pub party: Option<String>,
    /// The column's tag.
    pub tag: String,
    /// Claims per verdict, in the taxonomy's order.
    pub verdicts: Vec<MatrixVerdict>,
    /// The claims, in reading order.
    pub claims: Vec<MatrixClaim>,
}

/// Parties × tags over the tagged claims; cells without claims are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TagMatrixDto {
    /// Rows, by name, the unknown party last.
    pub parties: Vec<MatrixRow>,
    /// Columns, alphabetically.
    pub tags: Vec<String>,
    /// Non-empty cells.
    pub cells: Vec<MatrixCellDto>,
}
