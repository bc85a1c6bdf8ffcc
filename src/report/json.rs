//! The JSON report: the whole [`Report`] model, schema `crosscheck-report/1`, documented field by
//! field in docs/report-json.md. Adding a field is compatible; renaming or removing one bumps
//! the schema version.

use super::Report;
use crate::error::{Error, Result};

/// Renders the report as pretty-printed JSON.
pub(super) fn render(r: &Report) -> Result<String> {
    serde_json::to_string_pretty(r).map_err(|e| Error::bad_input("report", format!("cannot serialize: {e}")))
}
