//! The Markdown report (CommonMark with GFM tables), from the report's [`View`]. Every embedded
//! string goes through [`escape::markdown`] (backslashes, no HTML entities, so the file reads
//! as plain text too); links through [`escape::markdown_link`]; changed words are bold runs.

use std::fmt::Write;

use super::escape::{markdown as md, markdown_link};
use super::view::{Cite, ClaimView, Evidence, HistoryRow, Labels, Run, Story, View};

/// Renders the report.
pub(super) fn render(v: &View) -> String {
    let l = &v.labels;
    let mut s = String::with_capacity(1024 + v.claims.len() * 600);
    // Writing to a String cannot fail; the results are ignored throughout.
    let _ = writeln!(s, "# {}\n", md(&v.title));
    let _ = writeln!(s, "{}\n", md(&v.meta));

    let _ = writeln!(s, "## {}\n", l.at_a_glance);
    if v.chart.rows.is_empty() {
        let _ = writeln!(s, "{}\n", l.no_verdicts);
    } else {
        let _ = write!(s, "| {} |", l.party);
        for c in &v.chart.columns {
            let _ = write!(s, " {} |", md(&c.label));
        }
        s.push_str(" Σ |\n|---|");
        for _ in &v.chart.columns {
            s.push_str("---:|");
        }
        s.push_str("---:|\n");
        for row in &v.chart.rows {
            let _ = write!(s, "| {} |", md(&row.name));
            for n in &row.counts {
                let _ = write!(s, " {n} |");
            }
            let _ = writeln!(s, " {} |", row.total);
        }
        s.push('\n');
    }

    if !v.conflicts.is_empty() {
        let _ = writeln!(s, "## {}\n", l.conflicts);
        for c in &v.conflicts {
            story(&mut s, l, c);
        }
    }

    let _ = writeln!(s, "## {}\n", l.claims);
    if v.claims.is_empty() {
        let _ = writeln!(s, "{}\n", l.no_claims);
    }
    for src in &v.claims {
        let _ = writeln!(s, "### {}\n", md(&src.cite.title));
        let _ = writeln!(s, "{}\n", cite(&src.cite));
        for group in &src.parties {
            let _ = writeln!(s, "#### {}\n", md(&group.party));
            for c in &group.claims {
                claim(&mut s, l, c);
            }
        }
    }

    let _ = writeln!(s, "## {}\n", l.method);
    for p in &v.method {
        let _ = writeln!(s, "{}\n", md(p));
    }
    let _ = writeln!(s, "| {} | {} | ClaimReview |\n|---|---|---|", l.verdict, l.order);
    for row in &v.scale {
        let _ = writeln!(s, "| {} | {} | {} |", md(&row.verdict.label), row.position, row.rating);
    }
    s.push('\n');
    if !v.scale_history.is_empty() {
        let _ = writeln!(s, "{}\n", l.scale_changes);
        history(&mut s, l, &v.scale_history);
    }

    let _ = writeln!(s, "## {}\n", l.sources);
    for (i, src) in v.sources.iter().enumerate() {
        let _ = writeln!(s, "{}. {}", i + 1, cite(src));
    }
    s
}

/// A source: linked title when it is on the web, else title; outlet and date.
fn cite(c: &Cite) -> String {
    let mut out = match &c.url {
        Some(u) => markdown_link(&c.title, u),
        None => md(&c.title),
    };
    if let Some(o) = &c.outlet {
        let _ = write!(out, " — {}", md(o));
    }
    if let Some(d) = &c.date {
        let _ = write!(out, ", {}", md(d));
    }
    out
}

/// A quote with its changed runs in bold. The view merged neighbouring changed words into one
/// run; a run's surrounding spaces stay outside the markers, where CommonMark needs them.
fn quote(runs: &[Run]) -> String {
    let mut out = String::new();
    for r in runs {
        if !r.mark {
            out.push_str(&md(&r.text));
            continue;
        }
        let inner = r.text.trim();
        if inner.is_empty() {
            out.push_str(&md(&r.text));
            continue;
        }
        let lead = &r.text[..r.text.len() - r.text.trim_start().len()];
        let trail = &r.text[r.text.trim_end().len()..];
        let _ = write!(out, "{}**{}**{}", md(lead), md(inner), md(trail));
    }
    out
}

fn story(s: &mut String, l: &Labels, c: &Story) {
    let _ = writeln!(s, "### {}\n", md(&c.title));
    let _ = writeln!(s, "**{}**\n", md(&c.state));
    for side in &c.sides {
        let _ = writeln!(s, "#### {}\n", md(&side.party));
        let _ = writeln!(s, "> {}\n", quote(&side.quote));
        if let Some(p) = &side.proposition {
            let _ = writeln!(s, "*{}*\n", md(p));
        }
        let mut by = md(&side.speaker);
        if let Some(ci) = &side.cite {
            let _ = write!(by, " · {}", cite(ci));
        }
        if let Some(b) = &side.verdict {
            let _ = write!(by, " · **{}**", md(&b.label));
        }
        let _ = writeln!(s, "{by}\n");
    }
    if !c.facts.is_empty() {
        let _ = write!(s, "| {} |", l.fact);
        for side in &c.sides {
            let _ = write!(s, " {} |", md(&side.party));
        }
        s.push_str("\n|---|");
        for _ in &c.sides {
            s.push_str("---|");
        }
        s.push('\n');
        for f in &c.facts {
            let _ = write!(s, "| {} |", md(&f.label));
            for v in &f.values {
                let _ = write!(s, " {} |", md(v));
            }
            s.push('\n');
        }
        s.push('\n');
    }
    if !c.explanation.is_empty() {
        let _ = writeln!(s, "**{}** {}\n", l.resolution, md(&c.explanation));
    }
    evidence(s, l, &c.evidence);
    if !c.timeline.is_empty() {
        let _ = writeln!(s, "**{}**\n", l.timeline);
        for t in &c.timeline {
            let _ = writeln!(s, "- {} — {}: {}", md(&t.date), md(&t.who), md(&t.what));
        }
        s.push('\n');
    }
    if !c.history.is_empty() {
        history(s, l, &c.history);
    }
}

fn claim(s: &mut String, l: &Labels, c: &ClaimView) {
    let _ = writeln!(s, "<a id=\"claim-{}\"></a>\n", c.id);
    let _ = writeln!(s, "> {}\n", md(&c.text));
    let mut who = md(&c.who);
    if let Some(p) = &c.position {
        let _ = write!(who, " · {}", md(p));
    }
    let _ = writeln!(s, "{who}\n");
    let _ = writeln!(s, "- **{}:** {}\n- {}\n", l.verdict, md(&c.verdict.label), md(&c.attribution));
    evidence(s, l, &c.evidence);
    if !c.history.is_empty() {
        history(s, l, &c.history);
    }
}

fn evidence(s: &mut String, l: &Labels, items: &[Evidence]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(s, "{}:\n", l.evidence);
    for e in items {
        let mut parts: Vec<String> = Vec::new();
        if let Some(u) = &e.url {
            parts.push(markdown_link(u, u));
        }
        if let Some(t) = &e.text {
            parts.push(md(t));
        }
        if let Some(q) = &e.quote {
            parts.push(format!("«\u{a0}{}\u{a0}»", md(q)));
        }
        if let Some(ci) = &e.cite {
            parts.push(cite(ci));
        }
        if !e.note.is_empty() {
            parts.push(md(&e.note));
        }
        let _ = writeln!(s, "- *{}* {}", md(&e.relation_label), parts.join(" — "));
    }
    s.push('\n');
}

fn history(s: &mut String, l: &Labels, rows: &[HistoryRow]) {
    let _ = writeln!(s, "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|", l.when, l.who, l.change, l.value, l.note);
    for h in rows {
        let _ = writeln!(s, "| {} | {} | {} | {} | {} |", md(&h.when), md(&h.who), md(&h.change), md(&h.value), md(&h.note));
    }
    s.push('\n');
}
