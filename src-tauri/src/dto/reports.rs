//! Reports: what a report covers, its kind, format and options, its preview, and where it was
//! written.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ReportKind;

/// What a report covers.
// (One value per report request, read once from IPC: the claims query's size costs nothing, and a
// box would only stand between the type and its generated bindings.)
#[allow(clippy::large_enum_variant)]
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
    /// The claims a query picks: the claims table's filter ("export the filtered rows").
    Claims {
        /// The table's query (its sort does not matter: a report lists claims in reading order).
        query: super::ClaimQuery,
    },
}

/// How to build a report, as chosen in the Reports view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportOptions {
    /// What it covers.
    pub scope: ReportScope,
    /// Publication or audit.
    pub kind: ReportKind,
    /// `en` or `fr`.
    pub language: String,
    /// Title (`None` or blank: one naming the scope).
    pub title: Option<String>,
    /// The analyst named on it (`None` or blank: the `analyst` setting).
    pub analyst: Option<String>,
}

impl TryFrom<ReportOptions> for crosscheck::report::ReportConfig {
    type Error = super::IpcError;

    /// Fails (`bad_input`) only on a claims scope whose dates do not read.
    fn try_from(o: ReportOptions) -> Result<Self, Self::Error> {
        use crosscheck::report::{ClaimSelection, Scope};
        let blank_to_none = |s: Option<String>| s.filter(|t| !t.trim().is_empty());
        Ok(crosscheck::report::ReportConfig {
            scope: match o.scope {
                ReportScope::All => Scope::All,
                ReportScope::Party { key } => Scope::Party(key),
                ReportScope::Source { id } => Scope::Source(id),
                ReportScope::Conflict { id } => Scope::Conflict(id),
                ReportScope::Claims { query } => {
                    let (filter, dates) = query.to_filter()?;
                    Scope::Claims(ClaimSelection { filter, dates })
                }
            },
            kind: o.kind,
            // The core labels anything but French in English.
            language: o.language,
            title: blank_to_none(o.title),
            analyst: blank_to_none(o.analyst),
            publish_url: None,
        })
    }
}

/// A verdict of the preview's chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PreviewColumn {
    /// Its label in the report's language.
    pub label: String,
    /// `#rrggbb`.
    pub colour: String,
}

/// One party's bar in the preview's chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PreviewRow {
    /// The party's name in the report's language.
    pub name: String,
    /// Claims per verdict, in the order of the columns.
    pub counts: Vec<u32>,
}

/// A conflict the report tells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PreviewConflict {
    /// The disputed proposition.
    pub title: String,
    /// Where it stands.
    pub state: String,
}

/// What a report will hold, shown before it is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportPreview {
    /// Title.
    pub title: String,
    /// Kind, date, analyst, number of claims.
    pub meta: String,
    /// The chart's verdicts (only those with claims).
    pub columns: Vec<PreviewColumn>,
    /// The chart's bars.
    pub rows: Vec<PreviewRow>,
    /// Its conflicts.
    pub conflicts: Vec<PreviewConflict>,
    /// Claims listed.
    pub claims: u32,
    /// Sources cited.
    pub sources: u32,
}

impl From<crosscheck::report::Preview> for ReportPreview {
    fn from(p: crosscheck::report::Preview) -> Self {
        let n = |x: usize| x.min(u32::MAX as usize) as u32;
        ReportPreview {
            title: p.title,
            meta: p.meta,
            columns: p.columns.into_iter().map(|(label, colour)| PreviewColumn { label, colour }).collect(),
            rows: p.rows.into_iter().map(|(name, counts)| PreviewRow { name, counts: counts.into_iter().map(n).collect() }).collect(),
            conflicts: p.conflicts.into_iter().map(|(title, state)| PreviewConflict { title, state }).collect(),
            claims: n(p.claims),
            sources: n(p.sources),
        }
    }
}

/// A report that was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportResult {
    /// Where.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u32,
}
