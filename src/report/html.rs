//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external
//! resources) that prints cleanly. Rendered from the report's [`View`] with a `maud` template,
//! which escapes every interpolated string; a Content-Security-Policy forbids scripts and remote
//! loads even if something slipped through, and only http(s) URLs become links (the view keeps
//! no other).

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::chart;
use super::view::{Badge, Cite, ClaimView, Evidence, HistoryRow, Labels, Run, Story, View};

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
.chart { max-width: 100%; height: auto; } .chart text { font-family: inherit; fill: var(--ink); }
.cite { color: var(--muted); font-size: .9rem; } .timeline td:first-child { white-space: nowrap; }
.summary-table td.n { width: 4rem; }
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
pub(super) fn render(v: &View) -> String {
    let l = &v.labels;
    let page = html! {
        (DOCTYPE)
        html lang=(v.lang) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content={ "Crosscheck (" (super::SCHEMA) ")" };
                title { (v.title) }
                // Our own constant stylesheet: nothing from a source is in it.
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (v.title) }
                    p.meta { (v.meta) }
                }
                section #summary {
                    h2 { (l.at_a_glance) }
                    @if v.chart.rows.is_empty() {
                        p { (l.no_verdicts) }
                    } @else {
                        figure {
                            (chart::svg(&v.chart, l.chart_caption))
                            figcaption.cite { (l.chart_caption) }
                        }
                        table.summary-table {
                            thead { tr { th { (l.party) } @for c in &v.chart.columns { th { (badge(c)) } } th { "Σ" } } }
                            tbody {
                                @for row in &v.chart.rows {
                                    tr { td { (row.name) } @for n in &row.counts { td.n { (n) } } td.n { (row.total) } }
                                }
                            }
                        }
                    }
                }
                @if !v.conflicts.is_empty() {
                    section #conflicts {
                        h2 { (l.conflicts) }
                        @for c in &v.conflicts { (story(l, c)) }
                    }
                }
                section #claims {
                    h2 { (l.claims) }
                    @if v.claims.is_empty() { p { (l.no_claims) } }
                    @for src in &v.claims {
                        section.source {
                            h3 { (src.cite.title) }
                            p.cite { (cite(&src.cite)) }
                            @for group in &src.parties {
                                h4 { (group.party) }
                                @for c in &group.claims { (claim(l, c)) }
                            }
                        }
                    }
                }
                section #method {
                    h2 { (l.method) }
                    @for p in &v.method { p { (p) } }
                    table.taxonomy {
                        thead { tr { th { (l.verdict) } th { (l.order) } th { "ClaimReview" } } }
                        tbody {
                            @for row in &v.scale {
                                tr { td { (badge(&row.verdict)) } td.n { (row.position) } td.n { (row.rating) } }
                            }
                        }
                    }
                    @if !v.scale_history.is_empty() {
                        p { (l.scale_changes) }
                        (history(l, &v.scale_history))
                    }
                }
                section #sources {
                    h2 { (l.sources) }
                    ol { @for s in &v.sources { li { (cite(s)) } } }
                }
            }
        }
    };
    // Raw control characters (ESC sequences, form feeds) are not text in HTML, and a terminal
    // showing the file would obey them; the template escapes markup, not these.
    let page = page.into_string();
    if page.chars().any(is_stray_control) {
        return page.chars().map(|c| if is_stray_control(c) { '\u{FFFD}' } else { c }).collect();
    }
    page
}

fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

fn badge(b: &Badge) -> Markup {
    // The colour was checked to be `#rrggbb` when the view was built.
    html! { span.verdict style={ "--c:" (b.colour) } { (b.label) } }
}

/// A source for readers: linked title when it is on the web, else title; outlet and date.
fn cite(c: &Cite) -> Markup {
    html! {
        @if let Some(u) = &c.url {
            a href=(u) rel="noopener noreferrer" { (c.title) }
        } @else {
            (c.title)
        }
        @if let Some(o) = &c.outlet { " — " (o) }
        @if let Some(d) = &c.date { ", " (d) }
    }
}

fn quote(runs: &[Run]) -> Markup {
    html! { @for r in runs { @if r.mark { mark { (r.text) } } @else { (r.text) } } }
}

fn story(l: &Labels, c: &Story) -> Markup {
    html! {
        article.conflict id={ "conflict-" (c.id) } {
            h3 { (c.title) }
            p { span.status { (c.state) } }
            @if !c.sides.is_empty() {
                div.sides {
                    @for s in &c.sides {
                        div.side {
                            h4 { (s.party) }
                            blockquote.statement { (quote(&s.quote)) }
                            @if let Some(p) = &s.proposition { p.proposition { (p) } }
                            p.cite {
                                (s.speaker)
                                @if let Some(ci) = &s.cite { " · " (cite(ci)) }
                            }
                            @if let Some(b) = &s.verdict { p { (badge(b)) } }
                        }
                    }
                }
            }
            @if !c.facts.is_empty() {
                table.facts {
                    thead { tr { th { (l.fact) } @for s in &c.sides { th { (s.party) } } } }
                    tbody { @for f in &c.facts { tr { th scope="row" { (f.label) } @for v in &f.values { td { (v) } } } } }
                }
            }
            @if !c.explanation.is_empty() {
                h4 { (l.resolution) }
                p.resolution { (c.explanation) }
            }
            (evidence(l, &c.evidence))
            @if !c.timeline.is_empty() {
                h4 { (l.timeline) }
                table.timeline {
                    tbody { @for t in &c.timeline { tr { td { (t.date) } td { (t.who) } td { (t.what) } } } }
                }
            }
            @if !c.history.is_empty() {
                details open { summary { (l.history) " (" (c.history.len()) ")" } (history(l, &c.history)) }
            }
        }
    }
}

fn claim(l: &Labels, c: &ClaimView) -> Markup {
    html! {
        article.claim id={ "claim-" (c.id) } {
            blockquote { (c.text) }
            p.who {
                (c.who)
                @if let Some(p) = &c.position { " · " (p) }
            }
            p { (badge(&c.verdict)) span.attribution { (c.attribution) } }
            (evidence(l, &c.evidence))
            @if !c.history.is_empty() {
                details open { summary { (l.history) " (" (c.history.len()) ")" } (history(l, &c.history)) }
            }
        }
    }
}

fn evidence(l: &Labels, items: &[Evidence]) -> Markup {
    html! {
        @if !items.is_empty() {
            p.cite { (l.evidence) }
            ul.evidence {
                @for e in items {
                    li {
                        span class={ "rel rel-" (e.relation) } { (e.relation_label) } " "
                        @if let Some(u) = &e.url { a href=(u) rel="noopener noreferrer" { (u) } }
                        @if let Some(t) = &e.text { (t) }
                        @if let Some(q) = &e.quote { blockquote.passage { (q) } }
                        @if let Some(ci) = &e.cite { span.who { (cite(ci)) } }
                        @if !e.note.is_empty() { " " span.note { (e.note) } }
                    }
                }
            }
        }
    }
}

fn history(l: &Labels, rows: &[HistoryRow]) -> Markup {
    html! {
        table.history {
            thead { tr { th { (l.when) } th { (l.who) } th { (l.change) } th { (l.value) } th { (l.note) } } }
            tbody { @for h in rows { tr { td { (h.when) } td { (h.who) } td { (h.change) } td { (h.value) } td { (h.note) } } } }
        }
    }
}
