//! Verification commands: settings, verdicts and attribution, evidence, history, claim edits,
//! conflict status and the verdict taxonomy. Each parses, calls one `Workbench` operation and
//! prints text or, with `--json`, an object holding a named array of records with an `id`.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Subcommand};
use crosscheck::model::{
    parse_passage, Attribution, ConflictStatus, EvidenceItem, EvidenceKind, HistoryEntry, Labels, NewEvidence,
    NewEvidenceKind, NewVerdict, Relation, Stance, Target, Taxonomy, SETTINGS,
};
use crosscheck::{ClaimChanges, Error, Result, Workbench};
use serde_json::{json, Value};

use crate::output::print_json;

/// `config …`
#[derive(Subcommand)]
pub enum ConfigCommand {
    /// Set a setting: analyst, organisation, publish_url, language.
    Set {
        /// Setting name.
        key: String,
        /// Its value.
        value: String,
    },
    /// Show one setting.
    Get {
        /// Setting name.
        key: String,
    },
    /// Show every setting.
    List,
}

pub fn config(wb: &mut Workbench, json: bool, cmd: ConfigCommand) -> Result<()> {
    match cmd {
        ConfigCommand::Set { key, value } => {
            wb.set_setting(&key, &value)?;
            print_settings(json, &[(key.clone(), wb.setting(&key)?.unwrap_or_default())]);
        }
        ConfigCommand::Get { key } => {
            let value = wb.setting(&key)?.ok_or_else(|| Error::not_found("setting", &key))?;
            print_settings(json, &[(key, value)]);
        }
        ConfigCommand::List => {
            let set = wb.settings()?;
            if json {
                print_settings(true, &set);
            } else {
                for (k, what) in SETTINGS {
                    let v = set.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()).unwrap_or("(not set)");
                    say!("{k:<13} {v}    # {what}");
                }
            }
        }
    }
    Ok(())
}

fn print_settings(json: bool, settings: &[(String, String)]) {
    if json {
        let items: Vec<Value> = settings.iter().map(|(k, v)| json!({"id": k, "key": k, "value": v})).collect();
        print_json(&json!({ "settings": items }));
    } else {
        for (k, v) in settings {
            say!("{k} = {v}");
        }
    }
}

fn print_verification(wb: &Workbench, json: bool, v: &crosscheck::model::ClaimVerification) -> Result<()> {
    print_verifications(wb, json, std::slice::from_ref(v))
}

/// `bulk verdict VERDICT IDS…`: one verdict for many claims, all or none.
pub fn bulk_verdict(wb: &mut Workbench, json: bool, verdict: &str, ids: &[i64], note: &str) -> Result<()> {
    wb.set_verdicts(ids, verdict, note)?;
    let all = ids.iter().map(|&id| wb.verification(id)).collect::<Result<Vec<_>>>()?;
    print_verifications(wb, json, &all)
}

fn print_verifications(wb: &Workbench, json: bool, all: &[crosscheck::model::ClaimVerification]) -> Result<()> {
    let taxonomy = wb.taxonomy()?;
    let label = |v: &crosscheck::model::ClaimVerification| taxonomy.get(&v.verdict).map(|t| t.label.en.clone()).unwrap_or_else(|| v.verdict.clone());
    if json {
        let rows: Vec<_> = all
            .iter()
            .map(|v| json!({"id": v.claim_id, "claim_id": v.claim_id, "verdict": v.verdict, "verdict_label": label(v), "attribution": v.attribution}))
            .collect();
        print_json(&json!({ "verifications": rows }));
    } else {
        for v in all {
            say!("#{}  verdict: {}  attribution: {}", v.claim_id, label(v), v.attribution.label("en"));
        }
    }
    Ok(())
}

/// `status CLAIM VERDICT`
pub fn status(wb: &mut Workbench, json: bool, claim: i64, verdict: &str, note: &str) -> Result<()> {
    let v = wb.set_verdict(claim, verdict, note)?;
    print_verification(wb, json, &v)
}

/// `attribution CLAIM STATUS`
pub fn attribution(wb: &mut Workbench, json: bool, claim: i64, status: &str, note: &str) -> Result<()> {
    let v = wb.set_attribution(claim, parse_attribution(status)?, note)?;
    print_verification(wb, json, &v)
}

/// An attribution status named on the command line.
pub fn parse_attribution(status: &str) -> Result<Attribution> {
    Attribution::parse(status).ok_or_else(|| {
        let all: Vec<&str> = Attribution::ALL.iter().map(|a| a.as_str()).collect();
        Error::bad_input("attribution", format!("{status:?} is not one of {}", all.join(", ")))
    })
}

/// `evidence …`
#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// Attach evidence to a claim (or a conflict with --conflict).
    Add(EvidenceAddArgs),
    /// List the evidence of a claim (or a conflict with --conflict).
    List {
        /// Claim id.
        #[arg(required_unless_present = "conflict", conflicts_with = "conflict")]
        claim: Option<i64>,
        /// Conflict id.
        #[arg(long)]
        conflict: Option<i64>,
    },
}

#[derive(Args)]
#[command(group(ArgGroup::new("what").required(true).args(["url", "passage", "file", "note"])))]
#[command(group(ArgGroup::new("relation").required(true).args(["supports", "refutes", "context"])))]
pub struct EvidenceAddArgs {
    /// Claim id.
    #[arg(required_unless_present = "conflict", conflicts_with = "conflict")]
    claim: Option<i64>,
    /// Conflict id, instead of a claim.
    #[arg(long)]
    conflict: Option<i64>,
    /// A web page.
    #[arg(long)]
    url: Option<String>,
    /// A passage of an imported source: SOURCE:START-END (chars, end exclusive).
    #[arg(long)]
    passage: Option<String>,
    /// A file, stored in the workspace by its SHA-256.
    #[arg(long)]
    file: Option<PathBuf>,
    /// A note that is itself the evidence.
    #[arg(long)]
    note: Option<String>,
    /// It supports the claim.
    #[arg(long)]
    supports: bool,
    /// It refutes the claim.
    #[arg(long)]
    refutes: bool,
    /// It gives context.
    #[arg(long)]
    context: bool,
    /// A comment on a URL, passage or file.
    #[arg(long, default_value = "")]
    comment: String,
}

pub fn evidence(wb: &mut Workbench, json: bool, cmd: EvidenceCommand) -> Result<()> {
    match cmd {
        EvidenceCommand::Add(a) => {
            let target = match (a.claim, a.conflict) {
                (_, Some(id)) => Target::Conflict(id),
                (Some(id), None) => Target::Claim(id),
                (None, None) => return Err(Error::bad_input("evidence", "give a claim id or --conflict ID")),
            };
            let relation = if a.supports {
                Relation::Supports
            } else if a.refutes {
                Relation::Refutes
            } else {
                Relation::Context
            };
            let item = if let Some(path) = a.file {
                wb.add_file_evidence(target, &path, relation, &a.comment)?
            } else if let Some(p) = a.passage {
                let (source, start, end) = parse_passage(&p)?;
                wb.add_passage_evidence(target, source, start, end, relation, &a.comment)?
            } else if let Some(url) = a.url {
                wb.add_evidence(NewEvidence { target, relation, kind: NewEvidenceKind::Url(url), note: a.comment })?
            } else {
                let note = a.note.unwrap_or_default();
                wb.add_evidence(NewEvidence { target, relation, kind: NewEvidenceKind::Note, note })?
            };
            print_evidence(json, &[item]);
        }
        EvidenceCommand::List { claim, conflict } => {
            let target = match (claim, conflict) {
                (_, Some(id)) => Target::Conflict(id),
                (Some(id), None) => Target::Claim(id),
                (None, None) => return Err(Error::bad_input("evidence", "give a claim id or --conflict ID")),
            };
            print_evidence(json, &wb.evidence(target)?);
        }
    }
    Ok(())
}

fn print_evidence(json: bool, items: &[EvidenceItem]) {
    if json {
        print_json(&json!({ "evidence": items }));
        return;
    }
    for e in items {
        let what = match &e.kind {
            EvidenceKind::Url { url } => url.clone(),
            EvidenceKind::Passage { source_id, anchor } => {
                format!("source {source_id} {}-{}: «{}»", anchor.start, anchor.end, anchor.selector.exact)
            }
            EvidenceKind::File { name, sha256, size } => format!("{name} ({size} B, sha256 {sha256})"),
            EvidenceKind::Note => String::new(),
        };
        say!("e{:<4} {:<8} {what} {}  — {}, {}", e.id, e.relation.as_str(), e.note, e.analyst, e.created_at.format("%Y-%m-%d %H:%M"));
    }
}

/// `history CLAIM` or `history --conflict ID`
pub fn history(wb: &Workbench, json: bool, claim: Option<i64>, conflict: Option<i64>) -> Result<()> {
    let entries: Vec<HistoryEntry> = match (claim, conflict) {
        (_, Some(id)) => wb.history(Some(Target::Conflict(id)))?,
        (Some(id), None) => wb.history(Some(Target::Claim(id)))?,
        (None, None) => wb.history(None)?,
    };
    if json {
        print_json(&json!({ "history": entries }));
        return Ok(());
    }
    // Each change as the core words it, as the app shows it: the stored values are JSON for
    // several kinds (a claim edit, a statement, a conflict built by hand), not for reading.
    let party = |key: &str| wb.party(key).map(|p| format!("{} ({key})", p.name)).unwrap_or_else(|_| key.to_string());
    for h in &entries {
        let note = if h.note.is_empty() { String::new() } else { format!("  «{}»", h.note) };
        say!("{}  {:<16} {:<15} {}{note}", h.at.format("%Y-%m-%d %H:%M:%S"), h.analyst, h.change.as_str(), h.sentence(&party));
    }
    Ok(())
}

/// `claim edit ID …`
#[derive(Args)]
pub struct ClaimEditArgs {
    /// Claim id.
    id: i64,
    /// New content text.
    #[arg(long)]
    text: Option<String>,
    /// New speaker name.
    #[arg(long)]
    speaker: Option<String>,
    /// New party (key, name or alias; "" to clear).
    #[arg(long)]
    party: Option<String>,
    /// New stance.
    #[arg(long)]
    stance: Option<String>,
    /// New cue.
    #[arg(long)]
    cue: Option<String>,
    /// New span in the source, in characters: START..END (the text follows unless --text is given).
    #[arg(long)]
    span: Option<String>,
    /// The claim it answers ("none" to unlink).
    #[arg(long)]
    responds_to: Option<String>,
    /// Why, for the history.
    #[arg(long, default_value = "")]
    note: String,
}

/// Edits a claim and returns it.
pub fn claim_edit(wb: &mut Workbench, a: ClaimEditArgs) -> Result<crosscheck::model::Claim> {
    let stance = match a.stance.as_deref() {
        Some(s) => Some(Stance::parse(s).ok_or_else(|| Error::bad_input("--stance", format!("{s:?} is not a stance")))?),
        None => None,
    };
    let span = match a.span.as_deref() {
        None => None,
        Some(s) => {
            let bad = || Error::bad_input("--span", format!("{s:?} is not START..END in characters"));
            let (start, end) = s.split_once("..").ok_or_else(bad)?;
            Some((start.trim().parse().map_err(|_| bad())?, end.trim().parse().map_err(|_| bad())?))
        }
    };
    let responds_to = match a.responds_to.as_deref().map(str::trim) {
        None => None,
        Some("" | "none") => Some(None),
        Some(id) => Some(Some(id.parse().map_err(|_| Error::bad_input("--responds-to", format!("{id:?} is not a claim id or none")))?)),
    };
    let changes = ClaimChanges { text: a.text, speaker: a.speaker, party: a.party, stance, cue: a.cue, span, responds_to };
    wb.edit_claim(a.id, changes, &a.note)
}

/// `claim delete ID`
pub fn claim_delete(wb: &mut Workbench, json: bool, id: i64, note: &str) -> Result<()> {
    wb.delete_claim(id, note)?;
    if json {
        print_json(&json!({ "deleted": [{"id": id}] }));
    } else {
        say!("deleted claim #{id} (its history remains: crosscheck history {id})");
    }
    Ok(())
}

/// `conflict …`
#[derive(Subcommand)]
pub enum ConflictCommand {
    /// Say who is right: resolved (with --party), all_contradicted (neither), both_partly, unresolvable (undetermined), or open; confirms a proposed conflict.
    Status {
        /// Conflict id.
        id: i64,
        /// open, resolved, all_contradicted or unresolvable.
        status: String,
        /// For `resolved`: the party it was resolved for.
        #[arg(long)]
        party: Option<String>,
        /// A short explanation.
        #[arg(long, default_value = "")]
        explanation: String,
    },
}

pub fn conflict(wb: &mut Workbench, json: bool, cmd: ConflictCommand) -> Result<()> {
    match cmd {
        ConflictCommand::Status { id, status, party, explanation } => {
            let status = ConflictStatus::parse(&status, party.as_deref())?;
            let v = wb.set_conflict_status(id, status, &explanation)?;
            if json {
                print_json(&json!({"conflict_verdicts": [{
                    "id": v.conflict_id, "conflict_id": v.conflict_id, "status": v.status.as_str(), "party": v.status.party(),
                    "explanation": v.explanation,
                }]}));
            } else {
                say!("conflict {}: {} — {}", v.conflict_id, v.status.label("en"), v.explanation);
            }
        }
    }
    Ok(())
}

/// `verdict …`
#[derive(Subcommand)]
pub enum VerdictCommand {
    /// Add a verdict to the taxonomy.
    Add {
        /// Stable key (lowercase letters, digits, _).
        key: String,
        /// English label.
        #[arg(long)]
        en: String,
        /// French label.
        #[arg(long)]
        fr: String,
        /// Colour, #rrggbb.
        #[arg(long, default_value = "#9e9e9e")]
        colour: String,
        /// On the ClaimReview rating scale (its rating follows its position).
        #[arg(long)]
        rated: bool,
        /// Work in progress rather than a finding (left out of ClaimReview exports).
        #[arg(long)]
        pending: bool,
        /// 1-based position (default: last).
        #[arg(long)]
        position: Option<usize>,
    },
    /// Change a verdict's labels (its key stays).
    Rename {
        /// Verdict key.
        key: String,
        /// New English label.
        #[arg(long)]
        en: Option<String>,
        /// New French label.
        #[arg(long)]
        fr: Option<String>,
    },
    /// Move a verdict to a 1-based position.
    Move {
        /// Verdict key.
        key: String,
        /// New position.
        position: usize,
    },
}

pub fn verdict(wb: &mut Workbench, json: bool, cmd: VerdictCommand) -> Result<()> {
    let taxonomy = match cmd {
        VerdictCommand::Add { key, en, fr, colour, rated, pending, position } => wb.add_verdict(NewVerdict {
            key,
            label: Labels { en, fr },
            colour,
            rated,
            conclusive: !pending,
            position,
        })?,
        VerdictCommand::Rename { key, en, fr } => {
            let old = wb.taxonomy()?.get(&key).cloned().ok_or_else(|| Error::not_found("verdict", &key))?;
            if en.is_none() && fr.is_none() {
                return Err(Error::bad_input("verdict rename", "give --en and/or --fr"));
            }
            let labels = Labels { en: en.unwrap_or(old.label.en), fr: fr.unwrap_or(old.label.fr) };
            wb.rename_verdict(&key, labels)?
        }
        VerdictCommand::Move { key, position } => wb.move_verdict(&key, position)?,
    };
    print_verdicts(json, &taxonomy);
    Ok(())
}

/// `verdicts`
pub fn print_verdicts(json: bool, t: &Taxonomy) {
    if json {
        let items: Vec<Value> = t
            .verdicts
            .iter()
            .map(|v| {
                let mut o = serde_json::to_value(v).unwrap_or_default();
                o["id"] = v.key.clone().into();
                o
            })
            .collect();
        print_json(&json!({ "verdicts": items }));
        return;
    }
    for v in &t.verdicts {
        let rating = v.rating.map(|r| format!("rating {r}")).unwrap_or_else(|| "unrated".into());
        let pending = if v.conclusive { "" } else { "  (in progress)" };
        say!("{:>2}. {:<14} {}  {:<14} {:<14} {rating}{pending}", v.position, v.key, v.colour, v.label.en, v.label.fr);
    }
}
