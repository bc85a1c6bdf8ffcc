//! `import` and `feed …`: adapters over the workbench's import and feed operations.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use crosscheck::ingest::FetchConfig;
use crosscheck::store::FeedRecord;
use crosscheck::{ImportSummary, Workbench};
use serde_json::json;

use crate::output::{self, Out};

/// Limits on fetching URLs.
#[derive(Args)]
pub struct FetchArgs {
    /// Seconds allowed per fetched URL, connection to last byte.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Largest page or PDF accepted, in MB after decompression.
    #[arg(long, default_value_t = 20)]
    max_mb: u64,
    /// Redirects followed per URL.
    #[arg(long, default_value_t = 5)]
    max_redirects: u32,
    /// Fetch loopback, private and intranet addresses too (or set `config set fetch_private yes`).
    #[arg(long)]
    allow_private: bool,
}

impl FetchArgs {
    fn config(&self) -> FetchConfig {
        FetchConfig {
            timeout: Duration::from_secs(self.timeout),
            max_bytes: self.max_mb << 20,
            max_redirects: self.max_redirects,
            allow_private: self.allow_private,
        }
    }
}

#[derive(Subcommand)]
pub enum FeedCommand {
    /// Subscribe to an RSS or Atom feed.
    Add {
        /// The feed's URL.
        url: String,
        #[command(flatten)]
        fetch: FetchArgs,
    },
    /// Fetch every feed and import the items not imported before.
    Pull {
        #[command(flatten)]
        fetch: FetchArgs,
    },
    /// List subscribed feeds.
    List,
}

/// `import PATH|URL…`: files, folders and URLs, with a progress bar and a failure summary.
pub fn import(wb: &mut Workbench, paths: &[PathBuf], fetch: &FetchArgs, out: &Out) -> crosscheck::Result<ExitCode> {
    let inputs: Vec<String> = paths.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let mut bar = output::Bar::new();
    let summary = wb.import_inputs(&inputs, &fetch.config(), &mut bar)?;
    drop(bar);
    Ok(report(&summary, out))
}

/// `feed add|pull|list`.
pub fn feed(wb: &mut Workbench, command: FeedCommand, out: &Out, json: bool) -> crosscheck::Result<ExitCode> {
    match command {
        FeedCommand::Add { url, fetch } => {
            let feed = wb.feed_add(&url, &fetch.config())?;
            print_feeds(&[feed], json);
        }
        FeedCommand::Pull { fetch } => {
            let mut bar = output::Bar::new();
            let summary = wb.feed_pull(&fetch.config(), &mut bar)?;
            drop(bar);
            return Ok(report(&summary, out));
        }
        FeedCommand::List => print_feeds(&wb.feeds()?, json),
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints a summary; exit 4 when some inputs failed, 2 when all did.
fn report(summary: &ImportSummary, out: &Out) -> ExitCode {
    out.import_summary(summary);
    match (summary.failed.is_empty(), summary.imported.is_empty()) {
        (true, _) => ExitCode::SUCCESS,
        (false, true) => ExitCode::from(2),
        (false, false) => ExitCode::from(4),
    }
}

fn print_feeds(feeds: &[FeedRecord], json: bool) {
    if json {
        output::print_json(&json!({ "feeds": feeds }));
        return;
    }
    for f in feeds {
        let pulled = f.pulled_at.map_or_else(|| "never".to_string(), |t| t.format("%Y-%m-%d %H:%M").to_string());
        say!("{:>4}  {:<40}  {:>4} items  pulled {pulled}  {}", f.id, f.title.as_deref().unwrap_or("(untitled)"), f.items, f.url);
        if let Some(e) = &f.last_error {
            say!("      last error: {e}");
        }
    }
}
