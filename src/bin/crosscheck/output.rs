//! Printing results: human text, or the `--json` contract documented in docs/cli-json.md.

use std::collections::HashMap;
use std::io::IsTerminal;

use crosscheck::model::{Claim, Party, Source, TagCount, TagMatrix};
use crosscheck::{ImportSummary, Progress};
use serde_json::{json, Value};

/// Prints `v` as pretty JSON on stdout: the one writer of the `--json` contract (docs/cli-json.md).
pub fn print_json(v: &impl serde::Serialize) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => println!("{s}"),
        // Our types always serialize; were one not to, say so rather than print nothing.
        Err(e) => eprintln!("error: cannot write JSON output: {e}"),
    }
}

/// `s` with every control character but the line feed, and every bidirectional override, shown
/// as a `\u{…}` escape. Imported text is hostile: written raw to a terminal, `ESC ] 0 ;` retitles
/// the window and `ESC [ 2 J` clears it; an override reorders what the analyst reads.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(unsafe_char) {
        return s.into();
    }
    s.chars().map(|c| if unsafe_char(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect::<String>().into()
}

/// Where results go, and in which form.
pub struct Out {
    json: bool,
}

impl Out {
    pub fn new(json: bool) -> Self {
        Out { json }
    }

    pub fn import_summary(&self, s: &ImportSummary) {
        if self.json {
            let failed: Vec<Value> = s.failed.iter().map(|(input, error)| json!({"input": input, "error": error})).collect();
            print_json(&json!({"imported": s.imported, "failed": failed, "cancelled": s.cancelled}));
            return;
        }
        for (input, error) in &s.failed {
            eprintln!("failed: {}", terminal_safe(&format!("{input}: {error}")));
        }
        let new = s.imported.iter().filter(|o| !o.duplicate).count();
        let dup = s.imported.len() - new;
        let claims: usize = s.imported.iter().map(|o| o.claims).sum();
        for o in s.imported.iter().filter(|o| o.duplicate) {
            say!("already imported: {} (source {})", o.input, o.source_id);
        }
        say!(
            "imported {new} source{}, {claims} claim{}; {dup} already in the store; {} failed",
            plural(new),
            plural(claims),
            s.failed.len()
        );
    }

    pub fn sources(&self, sources: &[Source], counts: &HashMap<i64, usize>) {
        if self.json {
            let items: Vec<Value> = sources.iter().map(|s| source_json(s, counts)).collect();
            print_json(&json!({ "sources": items }));
            return;
        }
        for s in sources {
            let n = counts.get(&s.id).copied().unwrap_or(0);
            say!(
                "{:>5}  {}  {:<3} {:>4} claims  {}",
                s.id,
                s.imported_at.format("%Y-%m-%d"),
                s.language.as_deref().unwrap_or("?"),
                n,
                s.title
            );
        }
    }

    pub fn parties(&self, parties: &[(Party, i64)]) {
        if self.json {
            let items: Vec<Value> = parties
                .iter()
                .map(|(p, n)| {
                    let mut v = serde_json::to_value(p).unwrap_or_default();
                    v["claims"] = json!(n);
                    v
                })
                .collect();
            print_json(&json!({ "parties": items }));
            return;
        }
        for (p, n) in parties {
            say!("{:<16} {:<13} {:<3} {:>5} claims  {}", p.key, p.kind.as_str(), p.country.as_deref().unwrap_or("-"), n, p.name);
        }
    }

    /// Parties without claim counts (a search's results), as `{"parties": [...]}`.
    pub fn party_list(&self, parties: &[Party]) {
        if self.json {
            print_json(&json!({ "parties": parties }));
            return;
        }
        for p in parties {
            say!("{:<14} {} ({})", p.key, p.name, p.kind.as_str());
        }
    }

    pub fn speakers(&self, groups: &[crosscheck::model::SpeakerGroup]) {
        if self.json {
            print_json(&json!({ "speakers": groups }));
            return;
        }
        for g in groups {
            say!("{:>5}  {}", g.claims, g.names.join(" · "));
        }
    }

    pub fn party(&self, p: &Party) {
        if self.json {
            print_json(&json!({ "parties": [p] }));
            return;
        }
        say!("{}  {} ({}{})", p.key, p.name, p.kind.as_str(), p.country.as_ref().map(|c| format!(", {c}")).unwrap_or_default());
        if let Some(parent) = &p.parent {
            say!("  part of {parent}");
        }
        for a in &p.aliases {
            let lang = if a.lang.is_empty() { "*" } else { &a.lang };
            say!("  [{lang}] {}{}", a.text, if a.origin == crosscheck::model::Origin::Analyst { "  (yours)" } else { "" });
        }
    }

    pub fn claims(&self, claims: &[Claim]) {
        if self.json {
            print_json(&json!({ "claims": claims }));
            return;
        }
        for c in claims {
            let countries = c.speaker.countries.join(",");
            let via: Vec<&str> = c.via.iter().map(|v| v.name.as_str()).collect();
            let via = if via.is_empty() { String::new() } else { format!(" via {}", via.join(" ← ")) };
            let responds = c.responds_to.map(|r| format!(" → answers #{r}")).unwrap_or_default();
            let review = format!("{} {:.2}", c.review.label(), c.confidence);
            say!("#{:<5} [{}] {} ({}){via} — {} «{}»{responds}  ({review})", c.id, c.stance.as_str(), c.speaker.name, countries, c.cue, c.text);
        }
    }

    /// The tags of claims just tagged or untagged; `changed` claims gained or lost the tag.
    pub fn claim_tags(&self, tags: &[(i64, Vec<String>)], changed: usize) {
        if self.json {
            let items: Vec<Value> = tags.iter().map(|(id, t)| json!({"id": id, "tags": t})).collect();
            print_json(&json!({ "claim_tags": items, "changed": changed }));
            return;
        }
        say!("{changed} claim{} changed", plural(changed));
        for (id, t) in tags {
            say!("#{id:<5} {}", if t.is_empty() { "(no tags)".to_string() } else { t.join(", ") });
        }
    }

    pub fn tags(&self, tags: &[TagCount]) {
        if self.json {
            let items: Vec<Value> = tags.iter().map(|t| json!({"id": t.tag, "tag": t.tag, "claims": t.claims})).collect();
            print_json(&json!({ "tags": items }));
            return;
        }
        for t in tags {
            say!("{:>5} claims  {}", t.claims, t.tag);
        }
    }

    pub fn matrix(&self, m: &TagMatrix) {
        // The row id of the unknown party: a party key is never empty, so "" cannot collide.
        let row_id = |k: &Option<String>| k.clone().unwrap_or_default();
        if self.json {
            let parties: Vec<Value> = m.parties.iter().map(|p| json!({"id": row_id(&p.key), "key": p.key, "name": p.name})).collect();
            let tags: Vec<Value> = m.tags.iter().map(|t| json!({"id": t, "tag": t})).collect();
            let cells: Vec<Value> = m
                .cells
                .iter()
                .map(|c| {
                    json!({
                        "id": format!("{}|{}", row_id(&c.party), c.tag),
                        "party": row_id(&c.party),
                        "tag": c.tag,
                        "count": c.claims.len(),
                        "verdicts": c.verdicts,
                        "claims": c.claims,
                    })
                })
                .collect();
            print_json(&json!({ "parties": parties, "tags": tags, "cells": cells }));
            return;
        }
        if m.cells.is_empty() {
            say!("no tagged claims: tag some with `crosscheck tag add TAG CLAIM_IDS...`");
            return;
        }
        for p in &m.parties {
            say!("{}{}", p.name, p.key.as_deref().map(|k| format!(" ({k})")).unwrap_or_default());
            for c in m.cells.iter().filter(|c| c.party == p.key) {
                let verdicts: Vec<String> = c.verdicts.iter().map(|v| format!("{} {}", v.claims, v.verdict.replace('_', " "))).collect();
                let ids: Vec<String> = c.claims.iter().map(|c| format!("#{}", c.id)).collect();
                say!("  {}: {} claim{} ({}) {}", c.tag, c.claims.len(), plural(c.claims.len()), verdicts.join(", "), ids.join(" "));
            }
        }
    }

    pub fn search(&self, sources: &[Source], claims: &[Claim], counts: &HashMap<i64, usize>) {
        if self.json {
            let items: Vec<Value> = sources.iter().map(|s| source_json(s, counts)).collect();
            print_json(&json!({ "sources": items, "claims": claims }));
            return;
        }
        say!("{} source{}:", sources.len(), plural(sources.len()));
        for s in sources {
            say!("{:>5}  {}", s.id, s.title);
        }
        say!("{} claim{}:", claims.len(), plural(claims.len()));
        self.claims(claims);
    }
}

/// A source without its text, which can be megabytes: fetch it with `source show`.
fn source_json(s: &Source, counts: &HashMap<i64, usize>) -> Value {
    let claims = counts.get(&s.id).copied().unwrap_or(0);
    json!({
        "id": s.id,
        "title": s.title,
        "outlet": s.outlet,
        "url": s.url,
        "language": s.language,
        "published_at": s.published_at,
        "imported_at": s.imported_at,
        "format": s.format,
        "content_hash": s.content_hash,
        "chars": s.text.chars().count(),
        "claims": claims,
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A progress bar on stderr, drawn only for several files on a terminal.
pub struct Bar {
    bar: Option<indicatif::ProgressBar>,
}

impl Bar {
    pub fn new() -> Self {
        Bar { bar: None }
    }
}

impl Progress for Bar {
    fn start(&mut self, total: usize) {
        if total > 1 && std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {wide_msg}") {
                bar.set_style(style);
            }
            self.bar = Some(bar);
        }
    }

    fn item(&mut self, done: usize, name: &str) {
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
            bar.set_message(name.to_string());
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
