//! The story a report tells, in the report's language: what the HTML, Markdown and PDF writers
//! render, so they cannot disagree and none of them decides anything. Built from a [`Report`];
//! every string is still raw data (from sources or the analyst), escaped by each writer in its
//! own way (or, for the PDF, passed to the typesetter as data).
//!
//! Sources are cited for readers: a web page by its link; a local file by its title and outlet
//! only, since the name and folder it was imported from belong to the analyst's machine.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{ClaimEntry, ConflictSection, Kind, Report, Span};
use crate::model::{is_colour, ConflictStatus, EvidenceItem, EvidenceKind, HistoryEntry};
use crate::text::is_web_url;

/// A report as people read it.
#[derive(Debug, Serialize)]
pub(crate) struct View {
    pub lang: &'static str,
    pub kind: Kind,
    pub title: String,
    /// "Publication report — generated 2026-04-01 — analyst: Ana — 12 claims".
    pub meta: String,
    pub labels: Labels,
    pub chart: Chart,
    pub conflicts: Vec<Story>,
    pub claims: Vec<SourceClaims>,
    pub method: Vec<&'static str>,
    pub scale: Vec<ScaleRow>,
    pub scale_history: Vec<HistoryRow>,
    pub sources: Vec<Cite>,
}

/// Fixed text in the report's language.
#[derive(Debug, Serialize)]
pub(crate) struct Labels {
    pub at_a_glance: &'static str,
    pub conflicts: &'static str,
    pub claims: &'static str,
    pub no_claims: &'static str,
    pub method: &'static str,
    pub sources: &'static str,
    pub verdict: &'static str,
    pub order: &'static str,
    pub attribution: &'static str,
    pub resolution: &'static str,
    pub evidence: &'static str,
    pub timeline: &'static str,
    pub history: &'static str,
    pub fact: &'static str,
    pub party: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub change: &'static str,
    pub value: &'static str,
    pub note: &'static str,
    pub scale_changes: &'static str,
    pub contents: &'static str,
    pub page: &'static str,
    pub chart_caption: &'static str,
    pub no_verdicts: &'static str,
}

/// Verdicts per party: only the verdicts some party has.
#[derive(Debug, Serialize)]
pub(crate) struct Chart {
    pub columns: Vec<Badge>,
    pub rows: Vec<ChartRow>,
    /// The largest row total, to scale the bars.
    pub max: usize,
}

/// One party's bar: its counts in the order of [`Chart::columns`].
#[derive(Debug, Serialize)]
pub(crate) struct ChartRow {
    pub name: String,
    pub counts: Vec<usize>,
    pub total: usize,
}

/// A verdict (or any label) with its colour, safe for a style attribute.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Badge {
    pub label: String,
    pub colour: String,
}

/// One conflict's story.
#[derive(Debug, Serialize)]
pub(crate) struct Story {
    pub id: i64,
    /// The disputed proposition.
    pub title: String,
    /// Where it stands ("Resolved for Armenia").
    pub state: String,
    /// The analyst's explanation of the resolution.
    pub explanation: String,
    pub sides: Vec<Side>,
    pub facts: Vec<FactRow>,
    pub evidence: Vec<Evidence>,
    pub timeline: Vec<TimelineRow>,
    /// Every decision (audit reports only).
    pub history: Vec<HistoryRow>,
}

/// One side of a conflict, as quoted.
#[derive(Debug, Serialize)]
pub(crate) struct Side {
    pub party: String,
    pub speaker: String,
    pub quote: Vec<Run>,
    /// What a bare denial denies, when it differs from the quote.
    pub proposition: Option<String>,
    pub cite: Option<Cite>,
    pub verdict: Option<Badge>,
}

/// A piece of a quote; `mark` where it differs from the other sides.
#[derive(Debug, Serialize)]
pub(crate) struct Run {
    pub text: String,
    pub mark: bool,
}

/// A fact the sides disagree on.
#[derive(Debug, Serialize)]
pub(crate) struct FactRow {
    pub label: String,
    pub values: Vec<String>,
}

/// Who said or decided what, when.
#[derive(Debug, Serialize)]
pub(crate) struct TimelineRow {
    pub date: String,
    pub who: String,
    pub what: String,
}

/// A source as a reader can find it: a web link, or a title and outlet.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Cite {
    pub title: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    /// Only web URLs; a local file has none.
    pub url: Option<String>,
}

/// The claims of one source, by party.
#[derive(Debug, Serialize)]
pub(crate) struct SourceClaims {
    pub cite: Cite,
    pub parties: Vec<PartyClaims>,
}

/// One party's claims in a source.
#[derive(Debug, Serialize)]
pub(crate) struct PartyClaims {
    pub party: String,
    pub claims: Vec<ClaimView>,
}

/// A claim with its judgement.
#[derive(Debug, Serialize)]
pub(crate) struct ClaimView {
    pub id: i64,
    pub text: String,
    /// "Speaker — cue (via relay)".
    pub who: String,
    /// Where in the source (audit reports only): "#12 · chars 40–88".
    pub position: Option<String>,
    pub verdict: Badge,
    pub attribution: String,
    pub evidence: Vec<Evidence>,
    pub history: Vec<HistoryRow>,
}

/// One piece of evidence.
#[derive(Debug, Serialize)]
pub(crate) struct Evidence {
    /// `supports`, `refutes` or `context`.
    pub relation: &'static str,
    pub relation_label: String,
    /// A web page.
    pub url: Option<String>,
    /// What to show when there is no link: a non-web URL as text, a file's name and hash.
    pub text: Option<String>,
    /// A quoted passage and where it is from.
    pub quote: Option<String>,
    pub cite: Option<Cite>,
    pub note: String,
}

/// One decision.
#[derive(Debug, Serialize)]
pub(crate) struct HistoryRow {
    pub when: String,
    pub who: String,
    pub change: String,
    pub value: String,
    pub note: String,
}

/// A verdict of the scale.
#[derive(Debug, Serialize)]
pub(crate) struct ScaleRow {
    pub verdict: Badge,
    pub position: usize,
    pub rating: String,
}

impl View {
    /// The story of `r`.
    pub fn new(r: &Report) -> View {
        let audit = r.kind == Kind::Audit;
        let lang = if r.language == "fr" { "fr" } else { "en" };
        let claims = r
            .claims_by_source_and_party()
            .into_iter()
            .map(|(source_id, groups)| SourceClaims {
                cite: cite(r, source_id),
                parties: groups
                    .into_iter()
                    .map(|(_, idx)| PartyClaims {
                        party: idx.first().map(|i| r.party_name(&r.claims[*i].claim)).unwrap_or_default(),
                        claims: idx.iter().map(|i| claim(r, &r.claims[*i], audit)).collect(),
                    })
                    .collect(),
            })
            .collect();
        View {
            lang,
            kind: r.kind,
            title: r.title.clone(),
            meta: meta(r),
            labels: labels(r),
            chart: chart(r),
            conflicts: r.conflicts.iter().map(|c| story(r, c, audit)).collect(),
            claims,
            method: super::method_text(r),
            scale: r
                .taxonomy
                .iter()
                .map(|v| ScaleRow {
                    verdict: Badge { label: v.label.get(&r.language).to_string(), colour: colour(&v.colour) },
                    position: v.position,
                    rating: v.rating.map_or_else(|| "—".to_string(), |x| x.to_string()),
                })
                .collect(),
            scale_history: r.taxonomy_history.iter().map(|h| history_row(r, h)).collect(),
            sources: r.sources.iter().map(|s| cite(r, s.id)).collect(),
        }
    }
}

fn labels(r: &Report) -> Labels {
    Labels {
        at_a_glance: r.t("At a glance", "En bref"),
        conflicts: r.t("Conflicts", "Contradictions"),
        claims: r.t("Claims", "Déclarations"),
        no_claims: r.t("No claims in this report.", "Aucune déclaration dans ce rapport."),
        method: r.t("Method", "Méthode"),
        sources: r.t("Sources", "Sources"),
        verdict: r.t("Verdict", "Verdict"),
        order: r.t("Order", "Rang"),
        attribution: r.t("Attribution", "Attribution"),
        resolution: r.t("Resolution", "Conclusion"),
        evidence: r.t("Evidence", "Preuves"),
        timeline: r.t("Timeline", "Chronologie"),
        history: r.t("History", "Historique"),
        fact: r.t("Fact", "Fait"),
        party: r.t("Party", "Partie"),
        when: r.t("When", "Date"),
        who: r.t("Who", "Qui"),
        change: r.t("Change", "Changement"),
        value: r.t("Value", "Valeur"),
        note: r.t("Note", "Note"),
        scale_changes: r.t("Changes to the scale:", "Modifications de la grille :"),
        contents: r.t("Contents", "Sommaire"),
        page: r.t("Page", "Page"),
        chart_caption: r.t("Verdicts per party", "Verdicts par partie"),
        no_verdicts: r.t("No verdicts yet.", "Aucun verdict pour l'instant."),
    }
}

fn meta(r: &Report) -> String {
    let mut parts = vec![
        r.t(
            if r.kind == Kind::Audit { "Audit report" } else { "Publication report" },
            if r.kind == Kind::Audit { "Rapport d'audit" } else { "Rapport de publication" },
        )
        .to_string(),
        format!("{} {}", r.t("generated", "produit le"), r.generated_at.format("%Y-%m-%d %H:%M UTC")),
    ];
    if let Some(a) = &r.analyst {
        parts.push(format!("{} {a}", r.t("analyst:", "analyste :")));
    }
    if let Some(o) = &r.organisation {
        parts.push(o.clone());
    }
    let n = r.claims.len();
    parts.push(format!("{n} {}", if n == 1 { r.t("claim", "déclaration") } else { r.t("claims", "déclarations") }));
    parts.join(" — ")
}

/// Only the verdicts some party has, in the scale's order.
fn chart(r: &Report) -> Chart {
    let used: Vec<usize> = (0..r.taxonomy.len()).filter(|i| r.summary.iter().any(|p| p.verdicts.get(*i).is_some_and(|(_, n)| *n > 0))).collect();
    let columns = used
        .iter()
        .map(|i| {
            let v = &r.taxonomy[*i];
            Badge { label: v.label.get(&r.language).to_string(), colour: colour(&v.colour) }
        })
        .collect();
    let rows: Vec<ChartRow> = r
        .summary
        .iter()
        .map(|p| {
            let counts: Vec<usize> = used.iter().map(|i| p.verdicts.get(*i).map_or(0, |(_, n)| *n)).collect();
            ChartRow { name: p.name.clone(), total: counts.iter().sum(), counts }
        })
        .filter(|row| row.total > 0)
        .collect();
    Chart { max: rows.iter().map(|r| r.total).max().unwrap_or(0), columns, rows }
}

fn date(d: DateTime<Utc>) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A colour safe to put in a style attribute or a typesetting call.
fn colour(c: &str) -> String {
    if is_colour(c) { c } else { "#9e9e9e" }.to_string()
}

fn cite(r: &Report, source_id: i64) -> Cite {
    match r.source(source_id) {
        Some(s) => Cite {
            title: s.title.clone(),
            outlet: s.outlet.clone(),
            date: s.published_at.map(date),
            url: s.url.clone().filter(|u| is_web_url(u)),
        },
        None => Cite { title: format!("#{source_id}"), outlet: None, date: None, url: None },
    }
}

/// `text` cut into runs at the highlighted char ranges (out-of-range or overlapping spans are
/// dropped, not trusted).
pub(crate) fn runs(text: &str, spans: &[Span]) -> Vec<Run> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<&Span> = spans.iter().filter(|sp| sp.start < sp.end && sp.end <= chars.len()).collect();
    spans.sort_by_key(|sp| sp.start);
    let mut out = Vec::new();
    let mut at = 0;
    let push = |out: &mut Vec<Run>, from: usize, to: usize, mark: bool| {
        if from < to {
            out.push(Run { text: chars[from..to].iter().collect(), mark });
        }
    };
    for sp in spans {
        if sp.start < at {
            continue;
        }
        push(&mut out, at, sp.start, false);
        push(&mut out, sp.start, sp.end, true);
        at = sp.end;
    }
    push(&mut out, at, chars.len(), false);
    out
}

fn verdict_badge(r: &Report, key: &str) -> Badge {
    Badge { label: r.verdict_label(key), colour: colour(r.verdict(key).map_or("", |v| v.colour.as_str())) }
}

fn story(r: &Report, c: &ConflictSection, audit: bool) -> Story {
    let id = c.conflict.id;
    let sides: Vec<Side> = c
        .conflict
        .sides
        .iter()
        .map(|s| Side {
            party: s.party_name.clone(),
            speaker: s.speaker.clone(),
            quote: runs(&s.statement, &s.highlights),
            proposition: Some(s.proposition.clone()).filter(|p| *p != s.statement && !p.is_empty()),
            cite: s.source_id.map(|id| cite(r, id)),
            verdict: s.claim_id.and_then(|id| r.claims.iter().find(|c| c.claim.id == id)).map(|c| verdict_badge(r, &c.verdict)),
        })
        .collect();
    // Who said what when: each side at its source's date, then the analyst's decisions.
    let mut timeline: Vec<(Option<DateTime<Utc>>, TimelineRow)> = c
        .conflict
        .sides
        .iter()
        .map(|s| {
            let at = s.source_id.and_then(|id| r.source(id)).and_then(|src| src.published_at);
            let outlet = s.source_id.and_then(|id| r.source(id)).and_then(|src| src.outlet.clone());
            let who = match outlet {
                Some(o) => format!("{} ({o})", s.party_name),
                None => s.party_name.clone(),
            };
            (at, TimelineRow { date: at.map(date).unwrap_or_else(|| "—".into()), who, what: s.proposition.clone() })
        })
        .collect();
    for h in c.history.iter().filter(|h| matches!(h.change, crate::model::Change::ConflictStatus | crate::model::Change::ConflictReview)) {
        timeline.push((Some(h.at), TimelineRow { date: date(h.at), who: h.analyst.clone(), what: change_text(r, h) }));
    }
    // Undated statements first (they are known only to precede the analyst's work), then by date.
    timeline.sort_by_key(|(at, _)| *at);
    Story {
        id,
        title: if c.conflict.title.is_empty() { format!("{} {id}", r.t("Conflict", "Contradiction")) } else { c.conflict.title.clone() },
        state: r.conflict_state(c),
        explanation: if c.status == ConflictStatus::Open { String::new() } else { c.explanation.clone() },
        sides,
        facts: c.conflict.facts.iter().map(|f| FactRow { label: f.label.clone(), values: f.values.clone() }).collect(),
        evidence: c.evidence.iter().map(|e| evidence(r, e)).collect(),
        timeline: timeline.into_iter().map(|(_, row)| row).collect(),
        history: if audit { c.history.iter().map(|h| history_row(r, h)).collect() } else { Vec::new() },
    }
}

fn claim(r: &Report, c: &ClaimEntry, audit: bool) -> ClaimView {
    let cl = &c.claim;
    let mut who = cl.speaker.name.clone();
    if !cl.cue.is_empty() {
        who = format!("{who} — {}", cl.cue);
    }
    if !cl.via.is_empty() {
        let via: Vec<&str> = cl.via.iter().map(|v| v.name.as_str()).collect();
        who = format!("{who} ({} {})", r.t("via", "via"), via.join(" ← "));
    }
    ClaimView {
        id: cl.id,
        text: cl.text.clone(),
        who,
        position: audit.then(|| format!("#{} · {} {}–{}", cl.id, r.t("chars", "car."), cl.anchor.start, cl.anchor.end)),
        verdict: verdict_badge(r, &c.verdict),
        attribution: format!("{} {}", r.t("Attribution:", "Attribution :"), c.attribution.label(&r.language)),
        evidence: c.evidence.iter().map(|e| evidence(r, e)).collect(),
        history: if audit { c.history.iter().map(|h| history_row(r, h)).collect() } else { Vec::new() },
    }
}

fn evidence(r: &Report, e: &EvidenceItem) -> Evidence {
    let mut out = Evidence {
        relation: e.relation.as_str(),
        relation_label: e.relation.label(&r.language).to_string(),
        url: None,
        text: None,
        quote: None,
        cite: None,
        note: e.note.clone(),
    };
    match &e.kind {
        EvidenceKind::Url { url } if is_web_url(url) => out.url = Some(url.clone()),
        // Another scheme (`javascript:`, `file:`) is shown as text, never followed.
        EvidenceKind::Url { url } => out.text = Some(url.clone()),
        EvidenceKind::Passage { source_id, anchor } => {
            out.quote = Some(anchor.selector.exact.clone());
            out.cite = Some(cite(r, *source_id));
        }
        // A file by its name alone, should a path have been recorded with it.
        EvidenceKind::File { name, sha256, size } => {
            let name = name.rsplit(['/', '\\']).find(|p| !p.is_empty()).unwrap_or("");
            out.text = Some(format!("{name} ({size} B, SHA-256 {sha256})"))
        }
        EvidenceKind::Note => {}
    }
    out
}

fn history_row(r: &Report, h: &HistoryEntry) -> HistoryRow {
    HistoryRow {
        when: h.at.format("%Y-%m-%d %H:%M").to_string(),
        who: h.analyst.clone(),
        change: h.change.as_str().to_string(),
        value: change_text(r, h),
        note: h.note.clone(),
    }
}

/// A history value as a reader understands it: labels rather than keys, fields rather than JSON.
pub(crate) fn change_text(r: &Report, h: &HistoryEntry) -> String {
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
        // Review statuses are plain names (`proposed`, `confirmed`, `rejected`), not JSON.
        Change::ConflictReview => {
            let label = |v: &Option<String>| match v.as_deref() {
                Some("proposed") => r.t("proposed", "proposé").to_string(),
                Some("confirmed") => r.t("confirmed", "confirmé").to_string(),
                Some("rejected") => r.t("rejected", "rejeté").to_string(),
                other => other.unwrap_or_default().to_string(),
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
        Change::Statement => {
            let words = |others: Vec<i64>| match others.len() {
                0 => r.t("alone", "seule").to_string(),
                _ => format!("{} {}", r.t("with", "avec"), others.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ")),
            };
            let (before, after) = h.statement_groups();
            format!("{}: {} → {}", r.t("same statement", "même déclaration"), words(before), words(after))
        }
        Change::ConflictClaims => {
            let list = |ids: &[i64]| ids.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ");
            match h.conflict_claims() {
                (None, claims, explanation) => {
                    let why = explanation.map_or_else(String::new, |e| format!(", {} «{e}»", r.t("explanation", "explication")));
                    format!("{} {}{why}", r.t("conflict created by hand with claims", "contradiction créée à la main avec les affirmations"), list(&claims))
                }
                (Some(before), after, _) => {
                    let added: Vec<i64> = after.iter().copied().filter(|c| !before.contains(c)).collect();
                    let removed: Vec<i64> = before.iter().copied().filter(|c| !after.contains(c)).collect();
                    let (ids, what) = match (added.is_empty() && !removed.is_empty(), removed.len(), added.len()) {
                        (true, 1, _) => (removed, r.t("claim removed", "affirmation retirée")),
                        (true, _, _) => (removed, r.t("claims removed", "affirmations retirées")),
                        (false, _, 1) => (added, r.t("claim added", "affirmation ajoutée")),
                        (false, _, _) => (added, r.t("claims added", "affirmations ajoutées")),
                    };
                    format!("{what}: {} ({} → {})", list(&ids), list(&before), list(&after))
                }
            }
        }
        Change::Party | Change::Source => h.sentence(&|key| r.party(key).map_or_else(|| key.to_string(), |p| p.name.clone())),
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
