//! The HTML report: one self-contained file (inline CSS, no scripts, no external resources)
//! that prints cleanly to PDF. A Content-Security-Policy forbids scripts and remote loads even
//! if something slipped through; every embedded string goes through [`escape::html`], and only
//! http(s) URLs become links.

use std::fmt::Write;

use super::escape::{html as h, html_link};
use super::{ClaimEntry, ConflictSection, Report, Span};
use crate::model::{is_colour, EvidenceItem, EvidenceKind, HistoryEntry};

const CSS: &str = r#"
:root { --ink:#1d1d1f; --muted:#5f6368; --line:#d9d9de; --bg-soft:#f6f6f8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); max-width: 62rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { margin-top: 1.8rem; } h4 { margin: 1.2rem 0 .4rem; color: var(--muted); }
.meta { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); } td.n { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { margin: .4rem 0; padding: .4rem .8rem; border-left: 4px solid var(--line); background: var(--bg-soft); }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; margin: .8rem 0; }
.side { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.side h4 { margin-top: 0; color: var(--ink); }
mark { background: #ffe58f; padding: 0 .1em; }
.claim { border-top: 1px solid var(--line); padding: .6rem 0; }
.who { color: var(--muted); font-size: .9rem; }
.verdict { display: inline-block; border-left: .7rem solid var(--c, #9e9e9e); padding: .05rem .5rem; background: var(--bg-soft); font-weight: 600; }
.attribution { display: inline-block; margin-left: .6rem; padding: .05rem .5rem; border: 1px solid var(--line); }
.status { font-weight: 600; }
ul.evidence { padding-left: 1.2rem; } .rel { font-weight: 600; text-transform: uppercase; font-size: .75rem; letter-spacing: .04em; }
.rel-supports { color: #00734f; } .rel-refutes { color: #b23c00; } .rel-context { color: var(--muted); }
code { font-size: .8rem; word-break: break-all; }
details summary { cursor: pointer; color: var(--muted); }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; } h3, h4 { break-after: avoid; }
  .claim, .side, blockquote, tr { break-inside: avoid; }
  .sides { grid-template-columns: repeat(2, 1fr); }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " <" attr(href) ">"; font-size: .8em; color: var(--muted); word-break: break-all; }
  details > * { display: block; }
  @page { margin: 1.6cm 1.4cm; }
}
"#;

/// Renders the report.
pub(super) fn render(r: &Report) -> String {
    let mut s = String::with_capacity(4096 + r.claims.len() * 900);
    let lang = if r.language == "fr" { "fr" } else { "en" };
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Crosscheck ({})\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        super::SCHEMA,
        h(&r.title)
    );
    let _ = writeln!(s, "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n</header>", h(&r.title), h(&meta_line(r)));

    let _ = writeln!(s, "<section id=\"summary\">\n<h2>{}</h2>", r.t("Summary by party", "Synthèse par partie"));
    summary(&mut s, r);
    s.push_str("</section>\n");

    if !r.conflicts.is_empty() {
        let _ = writeln!(s, "<section id=\"conflicts\">\n<h2>{}</h2>", r.t("Conflicts", "Contradictions"));
        for c in &r.conflicts {
            conflict(&mut s, r, c);
        }
        s.push_str("</section>\n");
    }

    let _ = writeln!(s, "<section id=\"claims\">\n<h2>{}</h2>", r.t("Claims", "Déclarations"));
    if r.claims.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", r.t("No claims in this report.", "Aucune déclaration dans ce rapport."));
    }
    for (source_id, groups) in r.claims_by_source_and_party() {
        let title = r.source(source_id).map_or_else(|| format!("#{source_id}"), |s| s.title.clone());
        let _ = writeln!(s, "<section class=\"source\" id=\"source-{source_id}\">\n<h3>{}</h3>", h(&title));
        for (_, idx) in groups {
            let _ = writeln!(s, "<h4>{}</h4>", h(&r.party_name(&r.claims[idx[0]].claim)));
            for i in idx {
                claim(&mut s, r, &r.claims[i]);
            }
        }
        s.push_str("</section>\n");
    }
    s.push_str("</section>\n");

    let _ = writeln!(s, "<section id=\"method\">\n<h2>{}</h2>", r.t("Method", "Méthode"));
    for p in super::method_text(r) {
        let _ = writeln!(s, "<p>{}</p>", h(p));
    }
    let _ = writeln!(
        s,
        "<table class=\"taxonomy\"><thead><tr><th>{}</th><th>{}</th><th>ClaimReview</th></tr></thead><tbody>",
        r.t("Verdict", "Verdict"),
        r.t("Order", "Rang")
    );
    for v in &r.taxonomy {
        let rating = v.rating.map_or_else(|| "—".to_string(), |x| x.to_string());
        let _ = writeln!(
            s,
            "<tr><td><span class=\"verdict\" style=\"--c:{}\">{}</span></td><td class=\"n\">{}</td><td class=\"n\">{rating}</td></tr>",
            colour(&v.colour),
            h(v.label.get(&r.language)),
            v.position
        );
    }
    s.push_str("</tbody></table>\n");
    if !r.taxonomy_history.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", r.t("Changes to the scale:", "Modifications de la grille :"));
        history(&mut s, r, &r.taxonomy_history);
    }
    s.push_str("</section>\n");

    let _ = writeln!(s, "<section id=\"sources\">\n<h2>{}</h2>\n<ol>", r.t("Sources", "Sources"));
    for src in &r.sources {
        let title = match &src.url {
            Some(u) => html_link(&src.title, u),
            None => h(&src.title),
        };
        let _ = write!(s, "<li value=\"{}\" id=\"src-{}\">{title}", src.id, src.id);
        if let Some(o) = &src.outlet {
            let _ = write!(s, " — {}", h(o));
        }
        if let Some(d) = src.published_at {
            let _ = write!(s, ", {}", d.format("%Y-%m-%d"));
        }
        let _ = writeln!(s, " <code>SHA-256 {}</code></li>", h(&src.content_hash));
    }
    s.push_str("</ol>\n</section>\n</body>\n</html>\n");
    s
}

/// A colour safe to put in a style attribute.
fn colour(c: &str) -> &str {
    if is_colour(c) {
        c
    } else {
        "#9e9e9e"
    }
}

fn meta_line(r: &Report) -> String {
    let mut m = format!("{} {}", r.t("Generated", "Produit le"), r.generated_at.format("%Y-%m-%d %H:%M UTC"));
    if let Some(a) = &r.analyst {
        let _ = write!(m, " — {} {a}", r.t("analyst:", "analyste :"));
    }
    if let Some(o) = &r.organisation {
        let _ = write!(m, " — {o}");
    }
    let _ = write!(m, " — {} {}", r.claims.len(), r.t("claims", "déclarations"));
    m
}

fn summary(s: &mut String, r: &Report) {
    let _ = write!(s, "<table class=\"summary\"><thead><tr><th>{}</th><th>{}</th>", r.t("Party", "Partie"), r.t("Claims", "Décl."));
    for v in &r.taxonomy {
        let _ = write!(s, "<th><span class=\"verdict\" style=\"--c:{}\">{}</span></th>", colour(&v.colour), h(v.label.get(&r.language)));
    }
    let _ = writeln!(
        s,
        "<th>{}</th><th>{}</th></tr></thead><tbody>",
        r.t("Attribution confirmed", "Attribution confirmée"),
        r.t("Misattributed", "Mal attribuées")
    );
    for p in &r.summary {
        let _ = write!(s, "<tr><td>{}</td><td class=\"n\">{}</td>", h(&p.name), p.claims);
        for (_, n) in &p.verdicts {
            let _ = write!(s, "<td class=\"n\">{n}</td>");
        }
        let _ = writeln!(s, "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>", p.attribution_confirmed, p.misattributed);
    }
    s.push_str("</tbody></table>\n");
}

fn conflict(s: &mut String, r: &Report, c: &ConflictSection) {
    let id = c.conflict.id;
    let title = if c.conflict.title.is_empty() { format!("{} {id}", r.t("Conflict", "Contradiction")) } else { c.conflict.title.clone() };
    let _ = writeln!(s, "<article class=\"conflict\" id=\"conflict-{id}\">\n<h3>{}</h3>", h(&title));
    let _ = write!(s, "<p><span class=\"status\">{}</span>", h(&r.status_label(&c.status)));
    if !c.explanation.is_empty() {
        let _ = write!(s, " — {}", h(&c.explanation));
    }
    s.push_str("</p>\n");
    if !c.conflict.sides.is_empty() {
        s.push_str("<div class=\"sides\">\n");
        for side in &c.conflict.sides {
            let anchor = side.claim_id.map(|id| format!(" data-claim=\"{id}\"")).unwrap_or_default();
            let _ = write!(s, "<div class=\"side\"{anchor}>\n<h4>{}</h4>\n<blockquote class=\"statement\">", h(&side.party_name));
            s.push_str(&highlighted(&side.statement, &side.highlights));
            s.push_str("</blockquote>\n");
            if let Some(id) = side.claim_id {
                if let Some(c) = r.claims.iter().find(|c| c.claim.id == id) {
                    verdict_badges(s, r, c);
                }
            }
            s.push_str("</div>\n");
        }
        s.push_str("</div>\n");
    }
    if !c.conflict.facts.is_empty() {
        let _ = write!(s, "<table class=\"facts\"><thead><tr><th>{}</th>", r.t("Fact", "Fait"));
        for side in &c.conflict.sides {
            let _ = write!(s, "<th>{}</th>", h(&side.party_name));
        }
        s.push_str("</tr></thead><tbody>\n");
        for f in &c.conflict.facts {
            let _ = write!(s, "<tr><th scope=\"row\">{}</th>", h(&f.label));
            for v in &f.values {
                let _ = write!(s, "<td>{}</td>", h(v));
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody></table>\n");
    }
    evidence(s, r, &c.evidence);
    if !c.history.is_empty() {
        history(s, r, &c.history);
    }
    s.push_str("</article>\n");
}

fn highlighted(text: &str, spans: &[Span]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<_> = spans.iter().filter(|sp| sp.start < sp.end && sp.end <= chars.len()).collect();
    spans.sort_by_key(|sp| sp.start);
    let mut out = String::new();
    let mut at = 0;
    for sp in spans {
        if sp.start < at {
            continue;
        }
        out.push_str(&h(&chars[at..sp.start].iter().collect::<String>()));
        let _ = write!(out, "<mark>{}</mark>", h(&chars[sp.start..sp.end].iter().collect::<String>()));
        at = sp.end;
    }
    out.push_str(&h(&chars[at..].iter().collect::<String>()));
    out
}

fn verdict_badges(s: &mut String, r: &Report, c: &ClaimEntry) {
    let v = r.verdict(&c.verdict);
    let _ = writeln!(
        s,
        "<p><span class=\"verdict\" style=\"--c:{}\">{}</span><span class=\"attribution\">{} {}</span></p>",
        colour(v.map_or("", |v| v.colour.as_str())),
        h(&r.verdict_label(&c.verdict)),
        r.t("Attribution:", "Attribution :"),
        h(c.attribution.label(&r.language))
    );
}

fn claim(s: &mut String, r: &Report, c: &ClaimEntry) {
    let cl = &c.claim;
    let _ = writeln!(s, "<article class=\"claim\" id=\"claim-{}\">", cl.id);
    let _ = writeln!(s, "<blockquote>{}</blockquote>", h(&cl.text));
    let mut who = h(&cl.speaker.name);
    if !cl.cue.is_empty() {
        let _ = write!(who, " — <em>{}</em>", h(&cl.cue));
    }
    if !cl.via.is_empty() {
        let via: Vec<String> = cl.via.iter().map(|v| h(&v.name)).collect();
        let _ = write!(who, " ({} {})", r.t("via", "via"), via.join(" ← "));
    }
    let _ = writeln!(s, "<p class=\"who\">{who} · #{} · {} {}–{}</p>", cl.id, r.t("chars", "car."), cl.anchor.start, cl.anchor.end);
    verdict_badges(s, r, c);
    evidence(s, r, &c.evidence);
    if !c.history.is_empty() {
        let _ = writeln!(s, "<details open><summary>{} ({})</summary>", r.t("History", "Historique"), c.history.len());
        history(s, r, &c.history);
        s.push_str("</details>\n");
    }
    s.push_str("</article>\n");
}

fn evidence(s: &mut String, r: &Report, items: &[EvidenceItem]) {
    if items.is_empty() {
        return;
    }
    s.push_str("<ul class=\"evidence\">\n");
    for e in items {
        let rel = e.relation.as_str();
        let body = match &e.kind {
            EvidenceKind::Url { url } => html_link(url, url),
            EvidenceKind::Passage { source_id, anchor } => {
                let title = r.source(*source_id).map_or_else(|| format!("#{source_id}"), |s| s.title.clone());
                format!(
                    "<blockquote class=\"passage\">{}</blockquote><span class=\"who\">{}, {} {}–{}</span>",
                    h(&anchor.selector.exact),
                    h(&title),
                    r.t("chars", "car."),
                    anchor.start,
                    anchor.end
                )
            }
            EvidenceKind::File { name, sha256, size } => format!("{} ({size} B) <code>SHA-256 {}</code>", h(name), h(sha256)),
            EvidenceKind::Note => String::new(),
        };
        let note = if e.note.is_empty() { String::new() } else { format!(" <span class=\"note\">{}</span>", h(&e.note)) };
        let _ = writeln!(s, "<li><span class=\"rel rel-{rel}\">{}</span> {body}{note}</li>", h(e.relation.label(&r.language)));
    }
    s.push_str("</ul>\n");
}

fn history(s: &mut String, r: &Report, entries: &[HistoryEntry]) {
    let _ = writeln!(
        s,
        "<table class=\"history\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        r.t("When", "Date"),
        r.t("Who", "Qui"),
        r.t("Change", "Changement"),
        r.t("Value", "Valeur"),
        r.t("Note", "Note")
    );
    for e in entries {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e.at.format("%Y-%m-%d %H:%M"),
            h(&e.analyst),
            e.change.as_str(),
            h(&super::markdown::change_text(r, e)),
            h(&e.note)
        );
    }
    s.push_str("</tbody></table>\n");
}
