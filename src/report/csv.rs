//! The CSV report: one row per claim, RFC 4180 quoting (by the `csv` crate), for spreadsheets.
//! A cell that a spreadsheet would read as a formula (starting, after any spaces, with `=`, `+`,
//! `-`, `@`, a tab or a carriage return) is prefixed with `'`, so opening the file never runs anything.

use crate::text::is_web_url;
use super::Report;
use crate::error::{Error, Result};
use crate::model::{EvidenceKind, Relation};

/// The header row; one column per field, stable across versions (new columns go last).
pub const COLUMNS: &[&str] = &[
    "claim_id",
    "source_id",
    "source_title",
    "source_url",
    "published_at",
    "party",
    "party_name",
    "speaker",
    "cue",
    "stance",
    "text",
    "verdict",
    "verdict_label",
    "rating",
    "attribution",
    "supports",
    "refutes",
    "context",
    "evidence_urls",
    "last_change_at",
    "last_change_by",
    "origin",
    "start",
    "end",
];

/// Neutralises a cell a spreadsheet would evaluate. Spreadsheets skip leading spaces before
/// reading a formula (`" =2+2"` computes 4), so the first character that counts is the first
/// one that is not a space.
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.trim_start_matches([' ', '\u{A0}', '\n']).chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Renders the report as CSV bytes (UTF-8, CRLF line ends as RFC 4180 says).
pub(super) fn render(r: &Report) -> Result<Vec<u8>> {
    let err = |e: ::csv::Error| Error::bad_input("report", format!("cannot write CSV: {e}"));
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::with_capacity(r.claims.len() * 300));
    w.write_record(COLUMNS).map_err(err)?;
    for c in &r.claims {
        let cl = &c.claim;
        let source = r.source(cl.source_id);
        let count = |rel: Relation| c.evidence.iter().filter(|e| e.relation == rel).count().to_string();
        let urls: Vec<&str> = c
            .evidence
            .iter()
            .filter_map(|e| match &e.kind {
                EvidenceKind::Url { url } if is_web_url(url) => Some(url.as_str()),
                _ => None,
            })
            .collect();
        let last = c.history.last();
        let record: [String; 24] = [
            cl.id.to_string(),
            cl.source_id.to_string(),
            source.map(|s| s.title.clone()).unwrap_or_default(),
            source.and_then(|s| s.url.clone()).unwrap_or_default(),
            source.and_then(|s| s.published_at).map(|d| d.to_rfc3339()).unwrap_or_default(),
            cl.speaker.party.clone().unwrap_or_default(),
            r.party_name(cl),
            cl.speaker.name.clone(),
            cl.cue.clone(),
            cl.stance.as_str().to_string(),
            cl.text.clone(),
            c.verdict.clone(),
            r.verdict_label(&c.verdict),
            r.verdict(&c.verdict).and_then(|v| v.rating).map(|x| x.to_string()).unwrap_or_default(),
            c.attribution.as_str().to_string(),
            count(Relation::Supports),
            count(Relation::Refutes),
            count(Relation::Context),
            urls.join(" "),
            last.map(|h| h.at.to_rfc3339()).unwrap_or_default(),
            last.map(|h| h.analyst.clone()).unwrap_or_default(),
            cl.origin.as_str().to_string(),
            cl.anchor.start.to_string(),
            cl.anchor.end.to_string(),
        ];
        w.write_record(record.iter().map(|cell| guard(cell).into_owned())).map_err(err)?;
    }
    w.into_inner().map_err(|e| Error::bad_input("report", format!("cannot write CSV: {e}")))
}

#[cfg(test)]
mod tests {
    use super::guard;

    #[test]
    fn formula_starters_are_prefixed_with_a_quote() {
        for (cell, expected) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-3 soldiers", "'-3 soldiers"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("Bakou a démenti", "Bakou a démenti"),
            ("", ""),
        ] {
            assert_eq!(guard(cell), expected, "guard({cell:?})");
        }
    }
}
