//! The Markdown report (CommonMark with GFM tables). Every embedded string goes through
//! [`escape::markdown`]; links through [`escape::markdown_link`].

use std::fmt::Write;

use super::escape::{markdown as md, markdown_link};
use super::{ClaimEntry, ConflictSection, Report};
use crate::model::{EvidenceItem, EvidenceKind, HistoryEntry};

/// Renders the report.
pub(super) fn render(r: &Report) -> String {
    let mut s = String::with_capacity(1024 + r.claims.len() * 600);
    // Writing to a String cannot fail; the results are ignored throughout.
    let _ = writeln!(s, "# {}\n", md(&r.title));
    let _ = writeln!(s, "{}\n", meta_line(r));

    let _ = writeln!(s, "## {}\n", r.t("Summary by party", "Synthèse par partie"));
    summary(&mut s, r);

    if !r.conflicts.is_empty() {
        let _ = writeln!(s, "## {}\n", r.t("Conflicts", "Contradictions"));
        for c in &r.conflicts {
            conflict(&mut s, r, c);
        }
    }

    let _ = writeln!(s, "## {}\n", r.t("Claims", "Déclarations"));
    if r.claims.is_empty() {
        let _ = writeln!(s, "{}\n", r.t("No claims in this report.", "Aucune déclaration dans ce rapport."));
    }
    for (source_id, groups) in r.claims_by_source_and_party() {
        let title = r.source(source_id).map_or_else(|| format!("#{source_id}"), |s| s.title.clone());
        let _ = writeln!(s, "### {} {}\n", r.t("Source", "Source"), md(&title));
        for (_, idx) in groups {
            let name = r.party_name(&r.claims[idx[0]].claim);
            let _ = writeln!(s, "#### {}\n", md(&name));
            for i in idx {
                claim(&mut s, r, &r.claims[i]);
            }
        }
    }

    let _ = writeln!(s, "## {}\n", r.t("Method", "Méthode"));
    for p in super::method_text(r) {
        // Our own fixed text: no embedded data, so no escaping.
        let _ = writeln!(s, "{p}\n");
    }
    let _ = writeln!(s, "| {} | {} | ClaimReview |\n|---|---|---|", r.t("Verdict", "Verdict"), r.t("Order", "Rang"));
    for v in &r.taxonomy {
        let rating = v.rating.map_or_else(|| "—".to_string(), |x| x.to_string());
        let _ = writeln!(s, "| {} | {} | {} |", md(v.label.get(&r.language)), v.position, rating);
    }
    s.push('\n');
    if !r.taxonomy_history.is_empty() {
        let _ = writeln!(s, "{}\n", r.t("Changes to the scale:", "Modifications de la grille :"));
        history(&mut s, r, &r.taxonomy_history);
    }

    let _ = writeln!(s, "## {}\n", r.t("Sources", "Sources"));
    for src in &r.sources {
        let mut line = format!("\\[{}\\] ", src.id);
        line.push_str(&match &src.url {
            Some(u) => markdown_link(&src.title, u),
            None => md(&src.title),
        });
        if let Some(o) = &src.outlet {
            let _ = write!(line, " — {}", md(o));
        }
        if let Some(d) = src.published_at {
            let _ = write!(line, ", {}", d.format("%Y-%m-%d"));
        }
        let _ = write!(line, " (SHA-256 `{}`)", &src.content_hash);
        let _ = writeln!(s, "- {line}");
    }
    s
}

fn meta_line(r: &Report) -> String {
    let mut m = format!("{} {}", r.t("Generated", "Produit le"), r.generated_at.format("%Y-%m-%d %H:%M UTC"));
    if let Some(a) = &r.analyst {
        let _ = write!(m, " — {} {}", r.t("analyst:", "analyste :"), md(a));
    }
    if let Some(o) = &r.organisation {
        let _ = write!(m, " — {}", md(o));
    }
    let _ = write!(m, " — {} {}", r.claims.len(), r.t("claims", "déclarations"));
    m
}

fn summary(s: &mut String, r: &Report) {
    let _ = write!(s, "| {} | {} |", r.t("Party", "Partie"), r.t("Claims", "Décl."));
    for v in &r.taxonomy {
        let _ = write!(s, " {} |", md(v.label.get(&r.language)));
    }
    let _ = writeln!(s, " {} | {} |", r.t("Attribution confirmed", "Attribution confirmée"), r.t("Misattributed", "Mal attribuées"));
    s.push_str("|---|---:|");
    for _ in &r.taxonomy {
        s.push_str("---:|");
    }
    s.push_str("---:|---:|\n");
    for p in &r.summary {
        let _ = write!(s, "| {} | {} |", md(&p.name), p.claims);
        for (_, n) in &p.verdicts {
            let _ = write!(s, " {n} |");
        }
        let _ = writeln!(s, " {} | {} |", p.attribution_confirmed, p.misattributed);
    }
    s.push('\n');
}

fn conflict(s: &mut String, r: &Report, c: &ConflictSection) {
    let title = if c.conflict.title.is_empty() { format!("{} {}", r.t("Conflict", "Contradiction"), c.conflict.id) } else { c.conflict.title.clone() };
    let _ = writeln!(s, "### {}\n", md(&title));
    let _ = write!(s, "**{}** {}", r.t("Status:", "Statut :"), md(&r.status_label(&c.status)));
    if !c.explanation.is_empty() {
        let _ = write!(s, " — {}", md(&c.explanation));
    }
    s.push_str("\n\n");
    if !c.conflict.sides.is_empty() {
        // Side by side: one column per party.
        s.push('|');
        for side in &c.conflict.sides {
            let _ = write!(s, " {} |", md(&side.party_name));
        }
        s.push_str("\n|");
        for _ in &c.conflict.sides {
            s.push_str("---|");
        }
        s.push_str("\n|");
        for side in &c.conflict.sides {
            let _ = write!(s, " {} |", highlighted(&side.statement, &side.highlights));
        }
        s.push_str("\n\n");
    }
    if !c.conflict.facts.is_empty() {
        let _ = write!(s, "| {} |", r.t("Fact", "Fait"));
        for side in &c.conflict.sides {
            let _ = write!(s, " {} |", md(&side.party_name));
        }
        s.push_str("\n|---|");
        for _ in &c.conflict.sides {
            s.push_str("---|");
        }
        s.push('\n');
        for f in &c.conflict.facts {
            let _ = write!(s, "| {} |", md(&f.label));
            for v in &f.values {
                let _ = write!(s, " {} |", md(v));
            }
            s.push('\n');
        }
        s.push('\n');
    }
    evidence(s, r, &c.evidence);
    if !c.history.is_empty() {
        history(s, r, &c.history);
    }
}

/// The statement with its highlighted spans in bold; spans are char ranges of the raw text.
fn highlighted(text: &str, spans: &[super::Span]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<_> = spans.iter().filter(|sp| sp.start < sp.end && sp.end <= chars.len()).collect();
    spans.sort_by_key(|sp| sp.start);
    let mut out = String::new();
    let mut at = 0;
    for sp in spans {
        if sp.start < at {
            continue; // overlapping spans: keep the first
        }
        out.push_str(&md(&chars[at..sp.start].iter().collect::<String>()));
        let _ = write!(out, "**{}**", md(&chars[sp.start..sp.end].iter().collect::<String>()));
        at = sp.end;
    }
    out.push_str(&md(&chars[at..].iter().collect::<String>()));
    out
}

fn claim(s: &mut String, r: &Report, c: &ClaimEntry) {
    let cl = &c.claim;
    let _ = writeln!(s, "<a id=\"claim-{}\"></a>\n", cl.id);
    let _ = writeln!(s, "> {}\n", md(&cl.text));
    let mut who = md(&cl.speaker.name);
    if !cl.cue.is_empty() {
        let _ = write!(who, " — *{}*", md(&cl.cue));
    }
    if !cl.via.is_empty() {
        let via: Vec<String> = cl.via.iter().map(|v| md(&v.name)).collect();
        let _ = write!(who, " ({} {})", r.t("via", "via"), via.join(" ← "));
    }
    let _ = writeln!(s, "{who} · #{} · {} {}–{}\n", cl.id, r.t("chars", "car."), cl.anchor.start, cl.anchor.end);
    let _ = writeln!(
        s,
        "- **{}** {}\n- **{}** {}",
        r.t("Verdict:", "Verdict :"),
        md(&r.verdict_label(&c.verdict)),
        r.t("Attribution:", "Attribution :"),
        md(c.attribution.label(&r.language))
    );
    s.push('\n');
    evidence(s, r, &c.evidence);
    if !c.history.is_empty() {
        history(s, r, &c.history);
    }
}

fn evidence(s: &mut String, r: &Report, items: &[EvidenceItem]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(s, "{}\n", r.t("Evidence:", "Preuves :"));
    for e in items {
        let rel = e.relation.label(&r.language);
        let body = match &e.kind {
            EvidenceKind::Url { url } => markdown_link(url, url),
            EvidenceKind::Passage { source_id, anchor } => {
                let title = r.source(*source_id).map_or_else(|| format!("#{source_id}"), |s| s.title.clone());
                format!(
                    "«\u{a0}{}\u{a0}» — {}, {} {}–{}",
                    md(&anchor.selector.exact),
                    md(&title),
                    r.t("chars", "car."),
                    anchor.start,
                    anchor.end
                )
            }
            EvidenceKind::File { name, sha256, size } => format!("{} ({size} B, SHA-256 `{sha256}`)", md(name)),
            EvidenceKind::Note => String::new(),
        };
        let note = if e.note.is_empty() { String::new() } else { md(&e.note) };
        let sep = if body.is_empty() || note.is_empty() { "" } else { " — " };
        let _ = writeln!(s, "- *{rel}* {body}{sep}{note}");
    }
    s.push('\n');
}

fn history(s: &mut String, r: &Report, entries: &[HistoryEntry]) {
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
        r.t("When", "Date"),
        r.t("Who", "Qui"),
        r.t("Change", "Changement"),
        r.t("Value", "Valeur"),
        r.t("Note", "Note")
    );
    for h in entries {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            h.at.format("%Y-%m-%d %H:%M"),
            md(&h.analyst),
            h.change.as_str(),
            md(&change_text(r, h)),
            md(&h.note)
        );
    }
    s.push('\n');
}

/// A history value as a reader understands it: labels rather than keys, fields rather than JSON.
pub(super) fn change_text(r: &Report, h: &HistoryEntry) -> String {
    use crate::model::{Attribution, Change, ConflictStatus};
    use serde_json::Value;
    let parse = |v: &Option<String>| v.as_deref().and_then(|s| serde_json::from_str::<Value>(s).ok()).unwrap_or(Value::Null);
    let arrow = |old: String, new: String| if old.is_empty() { new } else { format!("{old} → {new}") };
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => "—".to_string(),
        other => other.to_string(),
    };
    match h.change {
        Change::Verdict => arrow(h.old.as_deref().map(|k| r.verdict_label(k)).unwrap_or_default(), h.new.as_deref().map(|k| r.verdict_label(k)).unwrap_or_default()),
        Change::Attribution => {
            let label = |v: &Option<String>| v.as_deref().and_then(Attribution::parse).map(|a| a.label(&r.language).to_string()).unwrap_or_default();
            arrow(label(&h.old), label(&h.new))
        }
        Change::ConflictStatus => {
            let label = |v: &Option<String>| {
                v.as_deref().and_then(|s| serde_json::from_str::<ConflictStatus>(s).ok()).map(|st| r.status_label(&st)).unwrap_or_default()
            };
            arrow(label(&h.old), label(&h.new))
        }
        Change::Evidence => {
            let e = parse(&h.new);
            format!("{} ({}, {})", r.t("evidence added", "preuve ajoutée"), text(&e["kind"]), text(&e["relation"]))
        }
        Change::ClaimEdit => {
            let (old, new) = (parse(&h.old), parse(&h.new));
            let fields: Vec<String> = new
                .as_object()
                .map(|m| m.iter().map(|(k, v)| format!("{k}: «{}» → «{}»", text(&old[k]), text(v))).collect())
                .unwrap_or_default();
            fields.join("; ")
        }
        Change::ClaimDelete => {
            let old = parse(&h.old);
            format!("{} «{}»", r.t("deleted", "supprimée"), text(&old["text"]))
        }
        Change::Taxonomy => {
            let (old, new) = (parse(&h.old), parse(&h.new));
            if let Some(k) = new["add"].as_str() {
                format!("{} {k} ({})", r.t("added", "ajout de"), text(&new["label"][r.language.as_str()]))
            } else if new["position"].is_number() {
                format!("{} {}: {} → {}", r.t("moved", "déplacé"), text(&new["key"]), text(&old["position"]), text(&new["position"]))
            } else {
                let lang = r.language.as_str();
                format!("{}: «{}» → «{}»", text(&new["key"]), text(&old["label"][lang]), text(&new["label"][lang]))
            }
        }
    }
}
