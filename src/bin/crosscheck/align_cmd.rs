//! `conflicts`, `conflict …`, `statement …` and `diff`: listing, editing and showing conflicts,
//! and the statements (one party's words carried by several sources) conflicts are kept between.
//!
//! The diff view is computed by the core ([`crosscheck::align::diff::DiffView`]); this module only
//! prints it: JSON as is, or text with a word diff in the manner of `git diff --word-diff`
//! (`[-removed-]{+added+}`), colored when stdout is a terminal and NO_COLOR is not set.

use clap::{Args, Subcommand};
use crosscheck::align::diff::{AlignOp, ConflictCard, DiffView, OpTag, PairDiff, Segment};
use crosscheck::align::DetectSummary;
use crosscheck::store::ConflictFilter;
use crosscheck::Workbench;
use serde_json::json;

use crate::output::print_json;
use crate::output::terminal_safe;

/// Arguments of `conflicts`.
#[derive(Args)]
pub struct ConflictsArgs {
    /// Only this status (proposed, confirmed, rejected); default: all but rejected.
    #[arg(long)]
    status: Option<String>,
    /// Only conflicts holding this claim.
    #[arg(long)]
    claim: Option<i64>,
}

/// `conflict …` subcommands.
#[derive(Subcommand)]
pub enum ConflictCommand {
    /// Judging a conflict (`conflict status …`) lives with verification.
    #[command(flatten)]
    Verify(crate::verify_cmd::ConflictCommand),
    /// Show a conflict side by side: a column per party, word diffs, disagreeing facts.
    Show {
        /// Conflict id.
        id: i64,
    },
    /// Confirm a proposed conflict (recorded in the history with your name).
    Confirm {
        /// Conflict id.
        id: i64,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Reject a proposed conflict, saying why; its claims are never proposed together again.
    Reject {
        /// Conflict id.
        id: i64,
        /// Why these claims do not conflict (required: it goes to the history).
        #[arg(long, alias = "explanation")]
        reason: String,
    },
    /// Build a conflict from two or more claims.
    New {
        /// Claim ids.
        #[arg(required = true, num_args = 2..)]
        claims: Vec<i64>,
        /// Why they conflict.
        #[arg(long)]
        explanation: Option<String>,
    },
    /// Add a claim to a conflict.
    Add {
        /// Conflict id.
        id: i64,
        /// Claim id.
        claim: i64,
    },
    /// Remove a claim from a conflict (it is not proposed with the others again).
    Remove {
        /// Conflict id.
        id: i64,
        /// Claim id.
        claim: i64,
    },
    /// Look for conflicts among claims added since the last import (or all, with --rescan).
    Detect {
        /// Re-read every claim.
        #[arg(long)]
        rescan: bool,
    },
}

/// `statement …` subcommands.
#[derive(Subcommand)]
pub enum StatementCommand {
    /// Show the statement a claim carries, with every claim (and source) carrying it.
    Show {
        /// Claim id.
        claim: i64,
    },
    /// Say that CLAIM is the same statement as SAME_AS, one party's words carried by another
    /// source: CLAIM (with the claims already one statement with it) joins SAME_AS's statement.
    Link {
        /// The claim that joins.
        claim: i64,
        /// A claim of the statement it joins.
        same_as: i64,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Take a claim out of its statement: it stands alone again, the others stay one statement.
    Unlink {
        /// Claim id.
        claim: i64,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        note: String,
    },
}

/// `crosscheck statement …`.
pub fn statement(wb: &mut Workbench, command: StatementCommand, as_json: bool) -> crosscheck::Result<()> {
    let s = match command {
        StatementCommand::Show { claim } => wb.statement(claim)?,
        StatementCommand::Link { claim, same_as, note } => wb.link_statement(claim, same_as, &note)?,
        StatementCommand::Unlink { claim, note } => wb.unlink_statement(claim, &note)?,
    };
    if as_json {
        print_json(&json!({ "statements": [{ "id": s.id, "claims": s.claim_ids(), "carriers": s.carriers, "sources": s.sources() }] }));
        return Ok(());
    }
    let carriers: Vec<String> = s.carriers.iter().map(|c| format!("#{} (source {})", c.claim_id, c.source_id)).collect();
    let n = s.sources();
    say!("statement {}: carried by {n} source{}: {}", s.id, if n == 1 { "" } else { "s" }, carriers.join(", "));
    Ok(())
}

/// `crosscheck conflicts`.
pub fn conflicts(wb: &Workbench, args: ConflictsArgs, as_json: bool) -> crosscheck::Result<()> {
    let list = wb.conflict_cards(&ConflictFilter { status: args.status, claim: args.claim })?;
    print_conflicts(&list, as_json);
    Ok(())
}

/// `crosscheck conflict …`.
pub fn conflict(wb: &mut Workbench, command: ConflictCommand, as_json: bool) -> crosscheck::Result<()> {
    let changed = match command {
        ConflictCommand::Verify(command) => return crate::verify_cmd::conflict(wb, as_json, command),
        ConflictCommand::Show { id } => {
            print_view(&wb.conflict_view(id)?, as_json);
            return Ok(());
        }
        ConflictCommand::Detect { rescan } => {
            let s = if rescan { wb.rescan_conflicts()? } else { wb.detect_conflicts()? };
            print_detect(&s, as_json);
            return Ok(());
        }
        ConflictCommand::Confirm { id, note } => wb.confirm_conflict(id, &note)?,
        ConflictCommand::Reject { id, reason } => wb.reject_conflict(id, &reason)?,
        ConflictCommand::New { claims, explanation } => wb.new_conflict(&claims, explanation.as_deref())?,
        ConflictCommand::Add { id, claim } => wb.add_to_conflict(id, claim)?,
        ConflictCommand::Remove { id, claim } => wb.remove_from_conflict(id, claim)?,
    };
    print_conflicts(&[wb.conflict_card(changed.id)?], as_json);
    Ok(())
}

/// `crosscheck diff A B`.
pub fn diff(wb: &Workbench, a: i64, b: i64, as_json: bool) -> crosscheck::Result<()> {
    print_view(&wb.diff_claims(a, b)?, as_json);
    Ok(())
}

fn print_detect(s: &DetectSummary, as_json: bool) {
    if as_json {
        print_json(&json!({ "detections": [s] }));
    } else {
        say!(
            "read {} claim(s): {} reply conflict(s), {} joined, {} candidate(s), {} carrying a statement already stored",
            s.claims, s.replies, s.joined, s.candidates, s.carried
        );
    }
}

fn print_conflicts(list: &[ConflictCard], as_json: bool) {
    if as_json {
        print_json(&json!({ "conflicts": list }));
        return;
    }
    if list.is_empty() {
        say!("no conflicts");
    }
    for card in list {
        let c = &card.conflict;
        let score = c.score.map_or(String::new(), |s| format!(" {s:.2}"));
        say!("{:>5}  {:<10} {:<9}{score}  {}", c.id, c.status, c.origin.as_str(), card.title);
        say!("       {}", card.state);
        for side in &card.sides {
            let carried = if side.carried_by.len() > 1 { format!(" [carried by {} sources]", side.carried_by.len()) } else { String::new() };
            say!("       #{} {} ({}, {}): {}{carried}", side.claim_id, side.speaker, side.party_name, side.stance.as_str(), side.proposition);
        }
        if !c.evidence.is_empty() {
            let ev: Vec<String> = c.evidence.iter().map(|e| format!("{} {}", e.kind, e.shared.join(", "))).collect();
            say!("       evidence: {}", ev.join("; "));
        }
        if let Some(x) = &c.explanation {
            say!("       note: {x}");
        }
    }
}

fn print_view(view: &DiffView, as_json: bool) {
    if as_json {
        print_json(&json!({ "views": [view] }));
        return;
    }
    // Colour only where the reader wants it: a terminal, and neither NO_COLOR nor CLICOLOR=0
    // (CLICOLOR_FORCE asks for it on a pipe) — anstream's rules, which clap's help follows too.
    let color = anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
    let cols: Vec<String> = view.columns.iter().map(|c| c.label.clone()).collect();
    match view.conflict_id {
        Some(id) => say!("conflict {id}: {}", cols.join(" | ")),
        None => say!("{}", cols.join(" | ")),
    }
    for (r, row) in view.rows.iter().enumerate() {
        say!("\n── row {} ({:?})", r + 1, row.reason);
        for id in row.cells.iter().flatten() {
            let Some(c) = view.claims.iter().find(|c| c.id == *id) else { continue };
            let outlet = c.source.outlet.as_deref().unwrap_or(&c.source.title);
            say!(
                "  [{}] #{} {} — {} ({}, source {}, {})",
                view.columns[c.column].label,
                c.id,
                c.chain.join(" via "),
                c.stance.as_str(),
                outlet,
                c.source.id,
                c.date.format("%Y-%m-%d")
            );
            say!("      {}", c.text);
        }
        for p in &row.pairs {
            print_pair(p, color);
        }
    }
}

fn print_pair(p: &PairDiff, color: bool) {
    say!("  diff #{} → #{} (similarity {:.2}):", p.left, p.right, p.similarity);
    // The line was made terminal-safe piece by piece: its colour codes are ours.
    println!("      {}", word_diff_line(&p.ops, color));
    for f in &p.facts {
        let spans = |v: &[crosscheck::align::facts::Fact]| v.iter().map(|x| format!("{:?}@{}..{}", x.text, x.start, x.end)).collect::<Vec<_>>().join(", ");
        say!("      ≠ {:?}: {}   [{} | {}]", f.kind, f.note, spans(&f.left), spans(&f.right));
    }
}

/// One line in the manner of `git diff --word-diff`: `[-removed-]{+added+}`, or red and green
/// with emphasized parts bold and underlined when `color`.
pub fn word_diff_line(ops: &[AlignOp], color: bool) -> String {
    use anstyle::{AnsiColor, Effects, Style};
    const RED: Style = AnsiColor::Red.on_default();
    const GREEN: Style = AnsiColor::Green.on_default();
    let paint = |segs: &[Segment], base: Style| -> String {
        segs.iter()
            .map(|s| {
                let style = if s.emphasized { base.effects(Effects::BOLD | Effects::UNDERLINE) } else { base };
                format!("{style}{}{style:#}", terminal_safe(&s.text))
            })
            .collect()
    };
    let plain = |segs: &[Segment]| segs.iter().map(|s| terminal_safe(&s.text)).collect::<String>();
    let mut out = String::new();
    for op in ops {
        let (del, ins) = match op.tag {
            OpTag::Equal => {
                out.push_str(&plain(&op.left));
                continue;
            }
            OpTag::Delete => (Some(&op.left), None),
            OpTag::Insert => (None, Some(&op.right)),
            OpTag::Replace => (Some(&op.left), Some(&op.right)),
        };
        // A trailing space belongs outside the markers, as git prints it.
        let trail = |segs: &[Segment]| segs.last().filter(|s| s.text.trim().is_empty() && !s.emphasized).map(|s| s.text.clone());
        let trim = |segs: &[Segment]| -> Vec<Segment> {
            let mut v = segs.to_vec();
            if trail(segs).is_some() {
                v.pop();
            }
            v
        };
        let mut space = None;
        if let Some(d) = del {
            space = trail(d);
            let d = trim(d);
            if color {
                out.push_str(&paint(&d, RED));
            } else {
                out.push_str(&format!("[-{}-]", plain(&d)));
            }
        }
        if let Some(i) = ins {
            space = trail(i).or(space);
            let i = trim(i);
            if color {
                out.push_str(&paint(&i, GREEN));
            } else {
                out.push_str(&format!("{{+{}+}}", plain(&i)));
            }
        }
        out.push_str(&space.unwrap_or_default());
    }
    out
}
