//! The `crosscheck` command line: a thin adapter over [`crosscheck::Workbench`].
//!
//! Each subcommand parses its arguments, calls one core operation and prints the result as text
//! or, with `--json`, as a top-level object holding a named array (see docs/cli-json.md).
//! Exit codes are decided in one place, [`main`].

/// `println!` for text meant for a terminal: the line goes through [`output::terminal_safe`], so
/// control characters from imported text (escape sequences that retitle the window or clear the
/// screen) are shown, not obeyed. JSON output needs none of this: serde escapes them.
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", $crate::output::terminal_safe(&format!($($arg)*)))
    };
}

mod extract_cmd;
mod ingest_cmd;
mod align_cmd;
mod output;
mod report_cmd;
mod verify_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use crosscheck::model::{PartyKind, ReviewState, Speaker, Stance};
use crosscheck::store::{ClaimFilter, ClaimOrder, ClaimSort, SpeakerGroupRef};
use crosscheck::{Error, Workbench};

use output::Out;

/// The import's pipeline allocates each claim's features on a worker thread and frees them on
/// the writer; glibc's allocator spent a sixth of the writer's time on that (and on its own
/// `malloc`s), mimalloc frees across threads cheaply. See docs/perf/import-profile.md.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Crosscheck: who said what, who denies it, and what is true.
#[derive(Parser)]
#[command(name = "crosscheck", version, about)]
struct Cli {
    /// The store to use (default: the platform data folder; env CROSSCHECK_DB).
    #[arg(long, global = true, env = "CROSSCHECK_DB")]
    db: Option<PathBuf>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import files, folders or URLs (web pages, PDFs, text, Markdown) and extract their claims.
    Import {
        /// Files, folders or http(s) URLs.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        fetch: ingest_cmd::FetchArgs,
    },
    /// Subscribe to RSS/Atom feeds and import their new items.
    Feed {
        #[command(subcommand)]
        command: ingest_cmd::FeedCommand,
    },
    /// List sources.
    Sources,
    /// Correct what is known of a source.
    Source {
        #[command(subcommand)]
        command: SourceCommand,
    },
    /// List parties (those with claims or edited, or all with --all).
    Parties {
        /// The whole gazetteer.
        #[arg(long)]
        all: bool,
    },
    /// Edit parties.
    Party {
        #[command(subcommand)]
        command: PartyCommand,
    },
    /// List claims.
    Claims(ClaimsArgs),
    /// One change to many claims at once, all or none (the worktable's bulk actions).
    Bulk {
        #[command(subcommand)]
        command: BulkCommand,
    },
    /// Accept claims as extracted (reviewed), or send them back to the review queue.
    Review {
        /// Claim ids.
        #[arg(required = true)]
        ids: Vec<i64>,
        /// reviewed (accept) or to_review (send back).
        #[arg(long, default_value = "reviewed")]
        state: String,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Add or edit claims.
    Claim {
        #[command(subcommand)]
        command: ClaimCommand,
    },
    /// Full-text search over sources and claims (accents ignored).
    Search {
        /// Words to find.
        query: String,
    },
    /// Create the sample workspace from the bundled dispatches.
    Demo,
    /// Propose the claims of a text file (touches no store).
    Extract(extract_cmd::ExtractArgs),
    /// Score the extractor against gold files (touches no store).
    Eval(extract_cmd::EvalArgs),
    /// List conflicts: replies, cross-source candidates and the analyst's.
    Conflicts(align_cmd::ConflictsArgs),
    /// Show, confirm, reject, build or edit a conflict.
    Conflict {
        #[command(subcommand)]
        command: align_cmd::ConflictCommand,
    },
    /// Show, link or unlink a statement: one party's words carried by several sources.
    Statement {
        #[command(subcommand)]
        command: align_cmd::StatementCommand,
    },
    /// Word diff of two claims, with the facts on which they disagree.
    Diff {
        /// Left claim id.
        a: i64,
        /// Right claim id.
        b: i64,
    },
    /// Workspace settings (your analyst name first: `config set analyst "Name"`).
    Config {
        #[command(subcommand)]
        command: verify_cmd::ConfigCommand,
    },
    /// Give a claim a verdict from the taxonomy (see `verdicts`).
    Status {
        /// Claim id.
        claim: i64,
        /// Verdict key or label.
        verdict: String,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record whether a claim's attribution is confirmed, relayed_only, misattributed or unchecked.
    Attribution {
        /// Claim id.
        claim: i64,
        /// unchecked, confirmed, relayed_only or misattributed.
        status: String,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Attach or list evidence.
    Evidence {
        #[command(subcommand)]
        command: verify_cmd::EvidenceCommand,
    },
    /// The history of a claim's verification (or a conflict's with --conflict; everything without either).
    History {
        /// Claim id.
        claim: Option<i64>,
        /// Conflict id.
        #[arg(long, conflicts_with = "claim")]
        conflict: Option<i64>,
    },
    /// List the verdict taxonomy.
    Verdicts,
    /// Add, relabel or reorder verdicts.
    Verdict {
        #[command(subcommand)]
        command: verify_cmd::VerdictCommand,
    },
    /// Write a report (publication or audit): md, html, pdf, json, csv or claimreview.
    Export(report_cmd::ExportArgs),
    /// Tag claims with the question they bear on ("drone supplies"), or remove a tag.
    Tag {
        #[command(subcommand)]
        command: TagCommand,
    },
    /// List the tags in use with how many claims carry each.
    Tags,
    /// Parties × tags: the claims of each party under each tag, with their verdicts.
    Matrix,
}

#[derive(Subcommand)]
enum TagCommand {
    /// Add TAG to claims (all or none).
    Add {
        /// The tag ("drone supplies"); case is ignored when tags are compared.
        tag: String,
        /// Claim ids.
        #[arg(required = true)]
        claims: Vec<i64>,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Remove TAG from claims (all or none).
    Remove {
        /// The tag.
        tag: String,
        /// Claim ids.
        #[arg(required = true)]
        claims: Vec<i64>,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Subcommand)]
enum SourceCommand {
    /// Set a source's outlet, author or publication day ("" clears one); its claims take that day.
    Edit {
        /// Source id.
        id: i64,
        /// The outlet ("Reuters", "TASS").
        #[arg(long)]
        outlet: Option<String>,
        /// The author.
        #[arg(long)]
        author: Option<String>,
        /// The publication day, YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Subcommand)]
enum PartyCommand {
    /// Manage a party's aliases.
    Alias {
        #[command(subcommand)]
        command: AliasCommand,
    },
    /// Create a party.
    Add {
        /// Stable key (e.g. "RU.lavrov").
        key: String,
        /// Display name.
        name: String,
        /// state, organisation, person or media.
        #[arg(long, default_value = "person")]
        kind: String,
        /// ISO 3166-1 alpha-2 of the state it stands for.
        #[arg(long)]
        country: Option<String>,
        /// Key of its parent party.
        #[arg(long)]
        parent: Option<String>,
    },
    /// Create a party of yours from its name; its key is made from the name.
    New {
        /// Display name.
        name: String,
        /// state, organisation, person or media.
        #[arg(long, default_value = "person")]
        kind: String,
        /// ISO 3166-1 alpha-2 of the state it stands for.
        #[arg(long)]
        country: Option<String>,
    },
    /// Find parties by key, name or alias (accents and case ignored), best match first.
    Find {
        /// What to look for.
        query: String,
        /// At most this many.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Show one party with its aliases.
    Show {
        /// Key, name or alias.
        party: String,
    },
    /// Who speaks for a party: each person once, under every name the sources give them in any
    /// language and case (Лавров, Лаврова, Sergueï Lavrov, Sergei Lavrov).
    Speakers {
        /// Key, name or alias (a state includes its institutions and officials).
        party: String,
    },
}

#[derive(Subcommand)]
enum AliasCommand {
    /// Add an alias.
    Add {
        /// Key, name or alias of the party.
        party: String,
        /// The new alias.
        alias: String,
        /// Language of the alias ("" for any).
        #[arg(long, default_value = "")]
        lang: String,
    },
    /// Remove an alias (a shipped one stays removed across upgrades).
    Remove {
        /// Key, name or alias of the party.
        party: String,
        /// The alias to remove.
        alias: String,
    },
}

#[derive(Args)]
struct ClaimsArgs {
    /// Only claims of this party (key, name or alias; a state includes its institutions and officials).
    #[arg(long)]
    party: Option<String>,
    /// Only claims whose speaker's name holds these words (inflected forms too).
    #[arg(long)]
    speaker: Option<String>,
    /// Only the claims of one of the party's speakers, under every name (the id `party speakers`
    /// gives, "lavrov"); needs --party.
    #[arg(long, requires = "party")]
    speaker_group: Option<String>,
    /// Only claims of this source id.
    #[arg(long)]
    source: Option<i64>,
    /// Only claims with this stance.
    #[arg(long)]
    stance: Option<String>,
    /// Only claims with this verdict (key or label).
    #[arg(long)]
    status: Option<String>,
    /// Only claims with this attribution status (unchecked, confirmed, relayed_only, misattributed).
    #[arg(long)]
    attribution: Option<String>,
    /// Only claims in this review state (to_review, reviewed, edited).
    #[arg(long)]
    review: Option<String>,
    /// The review queue: claims to review and claims without a party, lowest confidence first.
    #[arg(long)]
    queue: bool,
    /// Only claims carrying this tag (case ignored).
    #[arg(long)]
    tag: Option<String>,
    /// Sort on reading (default), confidence, party, speaker, stance, verdict, review, source or date.
    #[arg(long)]
    sort: Option<String>,
    /// Largest first.
    #[arg(long)]
    desc: bool,
}

#[derive(Subcommand)]
enum BulkCommand {
    /// Give every claim listed one verdict from the taxonomy (see `verdicts`).
    Verdict {
        /// Verdict key or label.
        verdict: String,
        /// Claim ids.
        #[arg(required = true)]
        ids: Vec<i64>,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Say who speaks in every claim listed: a party key, name or alias.
    Party {
        /// Party key, name or alias.
        party: String,
        /// Claim ids.
        #[arg(required = true)]
        ids: Vec<i64>,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Subcommand)]
enum ClaimCommand {
    /// Record an analyst's claim on a span of a source.
    Add {
        /// Source id.
        #[arg(long)]
        source: i64,
        /// Start of the span, in characters.
        #[arg(long)]
        start: usize,
        /// End of the span (exclusive), in characters.
        #[arg(long)]
        end: usize,
        /// Who says it (a party key, name or alias, or a person's name).
        #[arg(long)]
        speaker: String,
        /// Party key, when the speaker's name does not resolve by itself.
        #[arg(long)]
        party: Option<String>,
        /// The cue ("a déclaré", "said").
        #[arg(long, default_value = "")]
        cue: String,
        /// assert, deny, confirm, report, promise, warn or question.
        #[arg(long, default_value = "assert")]
        stance: String,
    },
    /// Show one claim.
    Show {
        /// Claim id.
        id: i64,
    },
    /// Correct a claim (it becomes the analyst's; the change is logged).
    Edit(verify_cmd::ClaimEditArgs),
    /// Delete a claim (its history remains).
    Delete {
        /// Claim id.
        id: i64,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        note: String,
    },
}

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so `crosscheck claims --json | head` would panic on the closed pipe.
    // A command-line tool should end quietly like any other; stores stay whole because every
    // write is a transaction that has committed before anything is printed.
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let out = Out::new(cli.json);
    match run(cli, &out) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("crosscheck: {}", output::terminal_safe(&e.to_string()));
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                eprintln!("  caused by: {}", output::terminal_safe(&s.to_string()));
                source = s.source();
            }
            match e {
                Error::BadInput { .. } | Error::NotFound { .. } => ExitCode::from(2),
                Error::Locked { .. } => ExitCode::from(3),
                _ => ExitCode::from(1),
            }
        }
    }
}

fn default_db() -> crosscheck::Result<PathBuf> {
    Workbench::default_store_path()
        .ok_or_else(|| Error::bad_input("--db", "no home folder to put the store in; give --db PATH or set CROSSCHECK_DB"))
}

fn run(cli: Cli, out: &Out) -> crosscheck::Result<ExitCode> {
    let command = match cli.command {
        Command::Extract(args) => return extract_cmd::run_extract(&args, cli.json),
        Command::Eval(args) => return extract_cmd::run_eval(&args, cli.json),
        c => c,
    };
    let db = match cli.db {
        Some(p) => p,
        None => default_db()?,
    };
    let mut wb = Workbench::open(&db)?;
    match command {
        Command::Extract(_) | Command::Eval(_) => {}
        Command::Import { paths, fetch } => return ingest_cmd::import(&mut wb, &paths, &fetch, out),
        Command::Feed { command } => return ingest_cmd::feed(&mut wb, command, out, cli.json),
        Command::Sources => out.sources(&wb.sources()?, &wb.claim_counts_by_source()?),
        Command::Source { command: SourceCommand::Edit { id, outlet, author, date } } => {
            let published_on = match date.as_deref().map(str::trim) {
                None => None,
                Some("") => Some(None),
                Some(d) => Some(Some(
                    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| Error::bad_input("--date", format!("{d:?} is not a day like 2024-03-01")))?,
                )),
            };
            let s = wb.edit_source(id, crosscheck::SourceFacts { outlet, author, published_on })?;
            out.sources(&[s], &wb.claim_counts_by_source()?);
        }
        Command::Parties { all } => out.parties(&wb.parties(all)?),
        Command::Party { command } => match command {
            PartyCommand::Alias { command: AliasCommand::Add { party, alias, lang } } => {
                out.party(&wb.add_alias(&party, &lang, &alias)?);
            }
            PartyCommand::Alias { command: AliasCommand::Remove { party, alias } } => {
                out.party(&wb.remove_alias(&party, &alias)?);
            }
            PartyCommand::Add { key, name, kind, country, parent } => {
                let kind = PartyKind::parse(&kind)
                    .ok_or_else(|| Error::bad_input("--kind", "must be state, organisation, person or media"))?;
                let p = wb.add_party(&key, &name, kind, country.as_deref(), parent.as_deref())?;
                out.party(&p);
            }
            PartyCommand::New { name, kind, country } => {
                let kind = PartyKind::parse(&kind)
                    .ok_or_else(|| Error::bad_input("--kind", "must be state, organisation, person or media"))?;
                out.party(&wb.create_party(&name, kind, country.as_deref())?);
            }
            PartyCommand::Find { query, limit } => out.party_list(&wb.search_parties(&query, limit)?),
            PartyCommand::Show { party } => out.party(&wb.find_party(&party)?),
            PartyCommand::Speakers { party } => out.speakers(&wb.party_speakers(&party)?),
        },
        Command::Claims(args) => {
            let filter = ClaimFilter {
                speaker_group: args.speaker_group.zip(args.party.clone()).map(|(key, party)| SpeakerGroupRef { party, key }),
                party: args.party,
                source: args.source,
                stance: args.stance.as_deref().map(parse_stance).transpose()?,
                query: None,
                speaker: args.speaker,
                verdict: match args.status {
                    Some(v) => Some(wb.taxonomy()?.find(&v)?.key.clone()),
                    None => None,
                },
                attribution: args.attribution.as_deref().map(verify_cmd::parse_attribution).transpose()?,
                review: args.review.as_deref().map(parse_review).transpose()?,
                queue: args.queue,
                tag: args.tag,
                order: match args.sort.as_deref() {
                    Some(s) => ClaimOrder { by: parse_sort(s)?, descending: args.desc },
                    None if args.queue => ClaimOrder { descending: args.desc, ..ClaimOrder::QUEUE },
                    None => ClaimOrder { descending: args.desc, ..ClaimOrder::default() },
                },
            };
            out.claims(&wb.claims(&filter)?);
        }
        Command::Bulk { command } => match command {
            BulkCommand::Verdict { verdict, ids, note } => verify_cmd::bulk_verdict(&mut wb, cli.json, &verdict, &ids, &note)?,
            BulkCommand::Party { party, ids, note } => {
                wb.set_party(&ids, &party, &note)?;
                let claims = ids.iter().map(|&id| wb.claim(id)).collect::<crosscheck::Result<Vec<_>>>()?;
                out.claims(&claims);
            }
        },
        Command::Review { ids, state, note } => {
            wb.set_review(&ids, parse_review(&state)?, &note)?;
            let claims = ids.iter().map(|&id| wb.claim(id)).collect::<crosscheck::Result<Vec<_>>>()?;
            out.claims(&claims);
        }
        Command::Claim { command } => match command {
            ClaimCommand::Add { source, start, end, speaker, party, cue, stance } => {
                let speaker = Speaker { name: speaker, party, countries: Vec::new() };
                let claim = wb.add_claim(source, start, end, speaker, &cue, parse_stance(&stance)?)?;
                out.claims(std::slice::from_ref(&claim));
            }
            ClaimCommand::Show { id } => out.claims(&[wb.claim(id)?]),
            ClaimCommand::Edit(args) => out.claims(&[verify_cmd::claim_edit(&mut wb, args)?]),
            ClaimCommand::Delete { id, note } => verify_cmd::claim_delete(&mut wb, cli.json, id, &note)?,
        },
        Command::Search { query } => {
            let sources = wb.search_sources(&query)?;
            let claims = wb.claims(&ClaimFilter { query: Some(query), ..Default::default() })?;
            out.search(&sources, &claims, &wb.claim_counts_by_source()?);
        }
        Command::Conflicts(args) => align_cmd::conflicts(&wb, args, cli.json)?,
        Command::Conflict { command } => align_cmd::conflict(&mut wb, command, cli.json)?,
        Command::Statement { command } => align_cmd::statement(&mut wb, command, cli.json)?,
        Command::Diff { a, b } => align_cmd::diff(&wb, a, b, cli.json)?,
        Command::Demo => {
            let outcomes = wb.load_demo()?;
            let summary = crosscheck::ImportSummary { imported: outcomes, ..Default::default() };
            out.import_summary(&summary);
            if !cli.json {
                say!("store: {}", wb.store_path().display());
            }
        }
        Command::Config { command } => verify_cmd::config(&mut wb, cli.json, command)?,
        Command::Status { claim, verdict, note } => verify_cmd::status(&mut wb, cli.json, claim, &verdict, &note)?,
        Command::Attribution { claim, status, note } => verify_cmd::attribution(&mut wb, cli.json, claim, &status, &note)?,
        Command::Evidence { command } => verify_cmd::evidence(&mut wb, cli.json, command)?,
        Command::History { claim, conflict } => verify_cmd::history(&wb, cli.json, claim, conflict)?,
        Command::Verdicts => verify_cmd::print_verdicts(cli.json, &wb.taxonomy()?),
        Command::Verdict { command } => verify_cmd::verdict(&mut wb, cli.json, command)?,
        Command::Export(args) => report_cmd::export(&wb, cli.json, args)?,
        Command::Tag { command } => {
            let (claims, changed) = match command {
                TagCommand::Add { tag, claims, note } => {
                    let n = wb.tag_claims(&tag, &claims, &note)?;
                    (claims, n)
                }
                TagCommand::Remove { tag, claims, note } => {
                    let n = wb.untag_claims(&tag, &claims, &note)?;
                    (claims, n)
                }
            };
            let tags = claims.iter().map(|&id| Ok((id, wb.claim_tags(id)?))).collect::<crosscheck::Result<Vec<_>>>()?;
            out.claim_tags(&tags, changed);
        }
        Command::Tags => out.tags(&wb.tags()?),
        Command::Matrix => out.matrix(&wb.tag_matrix()?),
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_review(s: &str) -> crosscheck::Result<ReviewState> {
    ReviewState::parse(s).ok_or_else(|| Error::bad_input("review", format!("{s:?} is not one of to_review, reviewed, edited")))
}

fn parse_sort(s: &str) -> crosscheck::Result<ClaimSort> {
    ClaimSort::parse(s).ok_or_else(|| {
        let all: Vec<_> = ClaimSort::ALL.iter().map(|k| k.as_str()).collect();
        Error::bad_input("--sort", format!("{s:?} is not one of {}", all.join(", ")))
    })
}

fn parse_stance(s: &str) -> crosscheck::Result<Stance> {
    Stance::parse(s).ok_or_else(|| {
        let all: Vec<_> = Stance::ALL.iter().map(|s| s.as_str()).collect();
        Error::bad_input("stance", format!("{s:?} is not one of {}", all.join(", ")))
    })
}
