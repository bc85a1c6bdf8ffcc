//! `crosscheck export`: builds a report over the workspace, a party, a source or a conflict and
//! writes it in one format to a file (or stdout with `-o -`).

use std::io::Write;
use std::path::PathBuf;

use clap::{ArgGroup, Args};
use crosscheck::report::{Format, Kind, ReportConfig, Scope};
use crosscheck::{Error, Result, Workbench};

#[derive(Args)]
#[command(group(ArgGroup::new("scope").args(["conflict", "party", "source", "all"])))]
pub struct ExportArgs {
    /// md, html, pdf, json, csv or claimreview.
    #[arg(long, short = 'f')]
    format: String,
    /// publication (what the analyst decided, the default) or audit (everything, with history).
    #[arg(long, default_value = "publication")]
    kind: String,
    /// The analyst named on the report (default: the `analyst` setting).
    #[arg(long)]
    analyst: Option<String>,
    /// Only this conflict.
    #[arg(long)]
    conflict: Option<i64>,
    /// Only this party (key, name or alias).
    #[arg(long)]
    party: Option<String>,
    /// Only this source id.
    #[arg(long)]
    source: Option<i64>,
    /// The whole workspace (the default).
    #[arg(long)]
    all: bool,
    /// Output file ("-" for stdout).
    #[arg(long, short = 'o')]
    output: PathBuf,
    /// Report language: en or fr (default: the `language` setting, else en).
    #[arg(long)]
    lang: Option<String>,
    /// Title (default names the scope).
    #[arg(long)]
    title: Option<String>,
    /// URL the report will be published at (ClaimReview; default: the `publish_url` setting).
    #[arg(long)]
    url: Option<String>,
}

pub fn export(wb: &Workbench, json: bool, a: ExportArgs) -> Result<()> {
    let format = Format::parse(&a.format)?;
    let kind = Kind::parse(&a.kind)?;
    let scope = match (a.conflict, a.party, a.source) {
        (Some(id), _, _) => Scope::Conflict(id),
        (_, Some(p), _) => Scope::Party(p),
        (_, _, Some(s)) => Scope::Source(s),
        _ => Scope::All,
    };
    let language = match a.lang {
        Some(l) => l,
        None => wb.setting("language")?.unwrap_or_else(|| "en".into()),
    };
    if !matches!(language.as_str(), "en" | "fr") {
        return Err(Error::bad_input("--lang", "must be en or fr"));
    }
    let config = ReportConfig { scope, language, title: a.title, publish_url: a.url, kind, analyst: a.analyst };
    let report = wb.report(&config)?;
    let bytes = crosscheck::report::render(&report, format)?;
    if a.output.as_os_str() == "-" {
        std::io::stdout().write_all(&bytes).map_err(|source| Error::Io { path: "-".into(), source })?;
        return Ok(());
    }
    // Whole or not at all: a failed export never leaves half a report, nor its temporary file.
    crosscheck::report::write_file(&a.output, &bytes)?;
    if json {
        let v = serde_json::json!({"exports": [{
            "id": a.output.display().to_string(), "path": a.output.display().to_string(), "bytes": bytes.len(),
            "claims": report.claims.len(), "conflicts": report.conflicts.len(),
        }]});
        crate::output::print_json(&v);
    } else {
        let n = report.claims.len();
        say!("wrote {} ({n} {}, {} bytes)", a.output.display(), if n == 1 { "claim" } else { "claims" }, bytes.len());
    }
    Ok(())
}
