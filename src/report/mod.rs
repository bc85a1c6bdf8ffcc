//! Reports: the verification work of a workspace, or of one party, source or conflict, as
//! Markdown, self-contained HTML, PDF, JSON, CSV or schema.org ClaimReview.
//!
//! [`build`] gathers everything into one [`Report`] (a plain, serializable model) of one
//! [`Kind`]: a publication report holds what the analyst decided, an audit report everything.
//! Each format renders that model and nothing else, so the formats cannot disagree; the three
//! formats people read (HTML, Markdown, PDF) render one [`view`] of it, the story told in the
//! report's language. Everything embedded comes from imported documents or the analyst: the HTML
//! template escapes it by default, Markdown goes through [`escape`], and the PDF template reads
//! it as JSON data, never as markup.
//!
//! Conflicts enter as plain [`ConflictInput`]s (parties' statements side by side, facts that
//! disagree); the builder attaches the analyst's status, evidence and history to them.
//! [`conflict_input`] makes one from the align module's [`DiffView`].

mod build;
mod chart;
mod claimreview;
mod csv;
pub mod escape;
mod html;
mod json;
mod markdown;
#[cfg(feature = "pdf")]
mod pdf;
mod view;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use build::build;
pub use csv::guard as csv_guard;

use crate::align::diff::DiffView;
use crate::error::{Error, Result};
use crate::model::{Attribution, Claim, Conflict, ConflictStatus, EvidenceItem, HistoryEntry, PartyKind, Target, Verdict, DEFAULT_VERDICT};
use crate::store::{ClaimFilter, DateSpan, Store};
use crate::text::is_web_url;

/// The JSON report's schema name and version (see docs/report-json.md).
pub const SCHEMA: &str = "crosscheck-report/1";

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ReportFormat"))]
pub enum Format {
    /// Markdown (CommonMark with GFM tables).
    Markdown,
    /// One self-contained HTML file, printable to PDF.
    Html,
    /// The whole report as JSON (`crosscheck-report/1`).
    Json,
    /// One row per claim, for spreadsheets.
    Csv,
    /// schema.org ClaimReview JSON-LD, one per judged claim.
    ClaimReview,
    /// A typeset PDF (fonts embedded, page numbers, a table of contents).
    #[cfg(feature = "pdf")]
    Pdf,
}

impl Format {
    /// Parses `md`, `html`, `pdf`, `json`, `csv` or `claimreview`.
    pub fn parse(s: &str) -> Result<Format> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" => Format::Html,
            #[cfg(feature = "pdf")]
            "pdf" => Format::Pdf,
            #[cfg(not(feature = "pdf"))]
            "pdf" => return Err(Error::bad_input("--format", "this build has no PDF exporter (it was built without the `pdf` feature); use html or md")),
            "json" => Format::Json,
            "csv" => Format::Csv,
            "claimreview" | "jsonld" | "json-ld" => Format::ClaimReview,
            _ => return Err(Error::bad_input("--format", format!("{s:?} is not one of md, html, pdf, json, csv, claimreview"))),
        })
    }

    /// The file extension a report in this format is saved with.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::ClaimReview => "jsonld",
            #[cfg(feature = "pdf")]
            Format::Pdf => "pdf",
        }
    }
}

/// Which report: what the analyst publishes, or everything for an audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
// A flat TypeScript namespace needs the module in the name.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ReportKind"))]
pub enum Kind {
    /// What the analyst decided: confirmed and judged conflicts, claims with a conclusive
    /// verdict, each with its evidence; no review history, no character offsets.
    #[default]
    Publication,
    /// Everything: every claim (unverified ones too), every conflict the tool proposed or the
    /// analyst rejected, with review states and the full history.
    Audit,
}

impl Kind {
    /// Parses `publication` or `audit`.
    pub fn parse(s: &str) -> Result<Kind> {
        match s.to_ascii_lowercase().as_str() {
            "publication" | "publish" => Ok(Kind::Publication),
            "audit" => Ok(Kind::Audit),
            _ => Err(Error::bad_input("--kind", format!("{s:?} is not one of publication, audit"))),
        }
    }
}

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Scope {
    /// The whole workspace.
    All,
    /// One party's claims (key, name or alias; a state includes its institutions and officials).
    Party(String),
    /// One source's claims.
    Source(i64),
    /// One conflict and the claims on its sides.
    Conflict(i64),
    /// The claims a list's filter picks (the app's "export the filtered rows").
    Claims(ClaimSelection),
}

/// The claims a filter picks, as a claims list shows them; serialized as the sentence saying
/// which (the JSON report's `scope.value`), since the filter itself is no part of the contract.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimSelection {
    /// The filter (its order is the list's; a report lists claims by source then position).
    pub filter: ClaimFilter,
    /// The source days.
    pub dates: DateSpan,
}

impl ClaimSelection {
    /// What the filter picks, in words: "party AM; verdict false; tag drone supplies", or
    /// "all claims".
    pub fn describe(&self) -> String {
        let f = &self.filter;
        let mut parts: Vec<String> = Vec::new();
        if f.queue {
            parts.push("review queue".into());
        }
        if let Some(q) = &f.query {
            parts.push(format!("words \"{q}\""));
        }
        if let Some(w) = &f.speaker {
            parts.push(format!("speaker \"{w}\""));
        }
        if let Some(p) = &f.party {
            parts.push(format!("party {p}"));
        }
        if let Some(s) = f.source {
            parts.push(format!("source {s}"));
        }
        if let Some(s) = f.stance {
            parts.push(format!("stance {}", s.as_str()));
        }
        if let Some(v) = &f.verdict {
            parts.push(format!("verdict {v}"));
        }
        if let Some(a) = f.attribution {
            parts.push(format!("attribution {}", a.as_str()));
        }
        if let Some(r) = f.review {
            parts.push(format!("review {}", r.as_str()));
        }
        if let Some(t) = &f.tag {
            parts.push(format!("tag {t}"));
        }
        if let Some(d) = self.dates.from {
            parts.push(format!("from {d}"));
        }
        if let Some(d) = self.dates.to {
            parts.push(format!("to {d}"));
        }
        if parts.is_empty() {
            "all claims".into()
        } else {
            parts.join("; ")
        }
    }
}

impl Serialize for ClaimSelection {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.describe())
    }
}

/// How to build a report.
#[derive(Debug, Clone)]
pub struct ReportConfig {
    /// What it covers.
    pub scope: Scope,
    /// `en` or `fr`: labels and fixed text.
    pub language: String,
    /// Title; a default names the scope.
    pub title: Option<String>,
    /// Where the report will be published (http/https), for ClaimReview `url`.
    pub publish_url: Option<String>,
    /// Publication (the default) or audit.
    pub kind: Kind,
    /// The analyst named on the report; the `analyst` setting when `None`.
    pub analyst: Option<String>,
}

impl Default for ReportConfig {
    fn default() -> Self {
        ReportConfig { scope: Scope::All, language: "en".into(), title: None, publish_url: None, kind: Kind::Publication, analyst: None }
    }
}

/// A conflict as the report shows it, before the analyst's judgement is attached.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ConflictInput {
    /// Conflict id.
    pub id: i64,
    /// A short title ("Casualties at Tovuz, 12 July").
    pub title: String,
    /// Where the conflict stands (review and judgement), in English, as the app shows it.
    pub state: String,
    /// The same in French.
    pub state_fr: String,
    /// The parties' statements, one column each.
    pub sides: Vec<ConflictSide>,
    /// The facts on which the sides disagree.
    pub facts: Vec<DisagreeingFact>,
}

/// One party's statement in a conflict.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ConflictSide {
    /// Party key, when resolved.
    pub party: Option<String>,
    /// Party (or speaker) name as shown.
    pub party_name: String,
    /// The claim the statement is, when it is one.
    pub claim_id: Option<i64>,
    /// The statement, as the source words it.
    pub statement: String,
    /// What the side states: for a bare denial, "‹party› denies: ‹what it denies›".
    pub proposition: String,
    /// Char ranges of `statement` to emphasise: where it differs from the other sides.
    pub highlights: Vec<Span>,
    /// Who said it, as the source names them ("Leyla Abdullayeva").
    #[serde(default)]
    pub speaker: String,
    /// The source it was said in, when it is a claim.
    #[serde(default)]
    pub source_id: Option<i64>,
}

/// A char range, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Start, in chars.
    pub start: usize,
    /// End (exclusive), in chars.
    pub end: usize,
}

/// A fact the sides disagree on: one value per side, in the order of the sides.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct DisagreeingFact {
    /// What the fact is ("wounded soldiers", "date").
    pub label: String,
    /// Each side's value ("" when a side says nothing about it).
    pub values: Vec<String>,
}

/// A conflict with the analyst's judgement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictSection {
    /// The conflict as aligned.
    #[serde(flatten)]
    pub conflict: ConflictInput,
    /// Where it stands.
    pub status: ConflictStatus,
    /// The analyst's explanation.
    pub explanation: String,
    /// Evidence attached to the conflict.
    pub evidence: Vec<EvidenceItem>,
    /// Decisions about it.
    pub history: Vec<HistoryEntry>,
}

/// A source cited by the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceEntry {
    /// Source id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// The web URL, or a local file's name (never its folder).
    pub url: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Publication time.
    pub published_at: Option<DateTime<Utc>>,
    /// SHA-256 of the text.
    pub content_hash: String,
}

/// A party the report mentions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyEntry {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: PartyKind,
    /// State it stands for.
    pub country: Option<String>,
    /// True for states and their institutions (ClaimReview `GovernmentOrganization`).
    pub government: bool,
}

/// A claim with its judgements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimEntry {
    /// The claim.
    pub claim: Claim,
    /// Its verdict key.
    pub verdict: String,
    /// Its attribution status.
    pub attribution: Attribution,
    /// Evidence about it.
    pub evidence: Vec<EvidenceItem>,
    /// Decisions about it, in order.
    pub history: Vec<HistoryEntry>,
}

/// Counts for one party.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyTally {
    /// Party key; `None` for claims whose speaker resolved to no party.
    pub party: Option<String>,
    /// Name shown.
    pub name: String,
    /// Claims in the report.
    pub claims: usize,
    /// Claims per verdict key, every verdict of the taxonomy in order (zeros included).
    pub verdicts: Vec<(String, usize)>,
    /// Claims whose attribution was confirmed from a primary source.
    pub attribution_confirmed: usize,
    /// Claims found misattributed.
    pub misattributed: usize,
}

/// A party key (`None`: no party) and the indexes of its claims in [`Report::claims`].
pub type PartyGroup = (Option<String>, Vec<usize>);

/// A whole report: what every format renders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// Publication or audit.
    pub kind: Kind,
    /// Title.
    pub title: String,
    /// Language of labels and fixed text.
    pub language: String,
    /// When it was built.
    pub generated_at: DateTime<Utc>,
    /// The analyst (the `analyst` setting).
    pub analyst: Option<String>,
    /// The publishing organisation (the `organisation` setting).
    pub organisation: Option<String>,
    /// Where it will be published.
    pub publish_url: Option<String>,
    /// What it covers.
    pub scope: Scope,
    /// The verdict taxonomy, in order.
    pub taxonomy: Vec<Verdict>,
    /// Counts per party.
    pub summary: Vec<PartyTally>,
    /// Conflicts.
    pub conflicts: Vec<ConflictSection>,
    /// Claims, by source then position.
    pub claims: Vec<ClaimEntry>,
    /// Sources of the claims.
    pub sources: Vec<SourceEntry>,
    /// Parties of the claims.
    pub parties: Vec<PartyEntry>,
    /// Changes to the taxonomy itself (not about one claim or conflict).
    pub taxonomy_history: Vec<HistoryEntry>,
}

impl Report {
    /// The verdict with this key (the default one for an unknown key).
    pub fn verdict(&self, key: &str) -> Option<&Verdict> {
        self.taxonomy.iter().find(|v| v.key == key).or_else(|| self.taxonomy.iter().find(|v| v.key == DEFAULT_VERDICT))
    }

    /// A verdict's label in the report's language, or its key.
    pub fn verdict_label(&self, key: &str) -> String {
        self.verdict(key).map_or_else(|| key.to_string(), |v| v.label.get(&self.language).to_string())
    }

    /// The source with this id.
    pub fn source(&self, id: i64) -> Option<&SourceEntry> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The party with this key.
    pub fn party(&self, key: &str) -> Option<&PartyEntry> {
        self.parties.iter().find(|p| p.key == key)
    }

    /// The name to show for a claim's party: the party's name, else the speaker's.
    pub fn party_name(&self, claim: &Claim) -> String {
        claim.speaker.party.as_deref().and_then(|k| self.party(k)).map_or_else(|| claim.speaker.name.clone(), |p| p.name.clone())
    }

    /// Claim indexes grouped by source then party, in report order.
    pub fn claims_by_source_and_party(&self) -> Vec<(i64, Vec<PartyGroup>)> {
        let mut out: Vec<(i64, Vec<PartyGroup>)> = Vec::new();
        for (i, c) in self.claims.iter().enumerate() {
            if out.last().map(|(s, _)| *s) != Some(c.claim.source_id) {
                out.push((c.claim.source_id, Vec::new()));
            }
            if let Some((_, groups)) = out.last_mut() {
                let party = c.claim.speaker.party.clone();
                match groups.iter_mut().find(|(p, _)| *p == party) {
                    Some((_, idx)) => idx.push(i),
                    None => groups.push((party, vec![i])),
                }
            }
        }
        out
    }

    /// A conflict status's label, naming the party it was resolved for.
    pub fn status_label(&self, status: &ConflictStatus) -> String {
        match status {
            ConflictStatus::Resolved(k) => {
                let name = self.party(k).map_or(k.as_str(), |p| p.name.as_str());
                ConflictStatus::Resolved(name.to_string()).label(&self.language)
            }
            other => other.label(&self.language),
        }
    }

    /// Where a conflict stands, as the app shows it: proposed, confirmed and open, rejected, or
    /// the analyst's judgement (naming the party it was resolved for).
    pub fn conflict_state(&self, c: &ConflictSection) -> String {
        match &c.status {
            ConflictStatus::Open if self.language == "fr" && !c.conflict.state_fr.is_empty() => c.conflict.state_fr.clone(),
            ConflictStatus::Open if !c.conflict.state.is_empty() => c.conflict.state.clone(),
            other => self.status_label(other),
        }
    }

    /// Shows parties by their name in the report's language: `name(key)` gives the localized
    /// name of a shipped party and the English one it replaces; a name the analyst changed (not
    /// the shipped English one) is kept.
    pub fn localize_parties(&mut self, name: impl Fn(&str) -> Option<(String, String)>) {
        let mut renamed: HashMap<String, String> = HashMap::new();
        for p in &mut self.parties {
            if let Some((local, english)) = name(&p.key) {
                if p.name == english && local != p.name {
                    renamed.insert(p.key.clone(), local.clone());
                    p.name = local;
                }
            }
        }
        for s in &mut self.summary {
            if let Some(n) = s.party.as_ref().and_then(|k| renamed.get(k)) {
                s.name = n.clone();
            }
        }
        for c in &mut self.conflicts {
            for side in &mut c.conflict.sides {
                if let Some(n) = side.party.as_ref().and_then(|k| renamed.get(k)) {
                    side.party_name = n.clone();
                }
            }
        }
    }

    /// French or English fixed text.
    pub(crate) fn t<'a>(&self, en: &'a str, fr: &'a str) -> &'a str {
        if self.language == "fr" {
            fr
        } else {
            en
        }
    }
}

/// Writes a rendered report to `path` whole or not at all: the bytes go to a fresh temporary
/// file beside it (a unique name, so two exports never share one), which is renamed over `path`
/// only once written and synced; on any failure the temporary file is removed.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    // NamedTempFile deletes itself when dropped, so every early return cleans up.
    let mut tmp = tempfile::Builder::new().prefix(".crosscheck-export-").tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// What the app shows before saving: the report's heading, its at-a-glance chart and the
/// stories it tells, from the same view the HTML, Markdown and PDF writers render.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    /// Title.
    pub title: String,
    /// Kind, date, analyst, organisation, number of claims.
    pub meta: String,
    /// The chart's verdicts (only those some party has): label and `#rrggbb` colour.
    pub columns: Vec<(String, String)>,
    /// One bar per party: name and counts in the order of `columns`.
    pub rows: Vec<(String, Vec<usize>)>,
    /// Each conflict's title and where it stands.
    pub conflicts: Vec<(String, String)>,
    /// Claims listed.
    pub claims: usize,
    /// Sources cited.
    pub sources: usize,
}

/// The preview of a report.
pub fn preview(report: &Report) -> Preview {
    let v = view::View::new(report);
    Preview {
        columns: v.chart.columns.iter().map(|c| (c.label.clone(), c.colour.clone())).collect(),
        rows: v.chart.rows.iter().map(|r| (r.name.clone(), r.counts.clone())).collect(),
        conflicts: v.conflicts.iter().map(|c| (c.title.clone(), c.state.clone())).collect(),
        claims: report.claims.len(),
        sources: report.sources.len(),
        title: v.title,
        meta: v.meta,
    }
}

/// Renders a report.
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Markdown => markdown::render(&view::View::new(report)).into_bytes(),
        Format::Html => html::render(&view::View::new(report)).into_bytes(),
        Format::Json => json::render(report)?.into_bytes(),
        Format::Csv => csv::render(report)?,
        Format::ClaimReview => claimreview::render(report)?.into_bytes(),
        #[cfg(feature = "pdf")]
        Format::Pdf => pdf::render(&view::View::new(report))?,
    })
}

/// The method paragraph every human-readable report carries.
pub(crate) fn method_text(r: &Report) -> Vec<&'static str> {
    if r.language == "fr" {
        vec![
            "Les déclarations ont été extraites automatiquement des sources importées puis relues par l'analyste, qui peut les corriger (elles sont alors marquées « analyste »).",
            "Chaque déclaration reçoit deux jugements distincts : l'attribution (la déclaration a-t-elle été faite, et par qui : vérifiée sur la source primaire, connue seulement par un intermédiaire, ou mal attribuée) et le verdict sur le fond, selon la grille ci-dessous.",
            "Les preuves (pages web, passages des sources, fichiers conservés par empreinte SHA-256, notes) sont marquées comme confirmant, contredisant ou donnant le contexte. Chaque décision est inscrite dans un historique qui ne peut être ni modifié ni effacé.",
        ]
    } else {
        vec![
            "Statements were extracted automatically from the imported sources, then reviewed by the analyst, who may correct them (they are then marked \"analyst\").",
            "Each statement receives two separate judgements: attribution (was it said, and by whom: confirmed from the primary source, known only through an intermediary, or misattributed) and a verdict on its substance, on the scale below.",
            "Evidence (web pages, passages of sources, files kept by SHA-256, notes) is marked as supporting, refuting or giving context. Every decision is written to a history that can be neither changed nor erased.",
        ]
    }
}

/// A conflict as reports show it, from the align module's diff view: one side per claim, in the
/// view's column order, labelled with its column (party) and stating its proposition (a bare
/// denial reads "‹party› denies: ‹what it denies›"); the view's chips as disagreeing facts, one
/// value per side; the view's runs as highlights; the view's title. Nothing is compared here.
pub fn conflict_input(conflict: &Conflict, view: &DiffView) -> ConflictInput {
    use crate::align::diff::RunKind;
    let mut cards: Vec<&crate::align::diff::ClaimCard> = view.claims.iter().collect();
    cards.sort_by_key(|c| (c.column, c.id));
    let column_label = |i: usize| view.columns.get(i).map(|c| c.label.clone());
    let sides: Vec<ConflictSide> = cards
        .iter()
        .map(|c| ConflictSide {
            party: c.speaker.party.clone().or_else(|| view.columns.get(c.column).map(|col| col.key.clone())),
            party_name: column_label(c.column).unwrap_or_else(|| c.speaker.name.clone()),
            claim_id: Some(c.id),
            statement: c.text.clone(),
            proposition: c.proposition.clone(),
            highlights: merge_spans(
                c.runs.iter().filter(|r| r.kind != RunKind::Same).map(|r| Span { start: r.start, end: r.end }).collect(),
                &c.text,
            ),
            speaker: c.speaker.name.clone(),
            source_id: None,
        })
        .collect();
    let facts = view
        .chips
        .iter()
        .map(|chip| {
            let mut values = vec![String::new(); sides.len()];
            for (i, side) in sides.iter().enumerate() {
                let mine: Vec<&str> = chip.values.iter().filter(|(id, _)| side.claim_id == Some(*id)).map(|(_, t)| t.as_str()).collect();
                values[i] = mine.join(", ");
            }
            DisagreeingFact { label: chip.kind.clone(), values }
        })
        .collect();
    // The disputed proposition, as the claims word it: the claim another side answers, else the
    // first side's (the align module's title is a few key words, a label for lists).
    let disputed = cards.iter().find(|c| cards.iter().any(|o| o.responds_to == Some(c.id))).or(cards.first());
    let proposition = disputed.map(|c| heading(if c.proposition.is_empty() { &c.text } else { &c.proposition })).unwrap_or_default();
    let topic = if proposition.is_empty() { view.title.clone() } else { proposition };
    let title = match conflict.explanation.as_deref().filter(|e| !e.trim().is_empty()) {
        Some(e) if topic.is_empty() => e.to_string(),
        Some(e) => format!("{topic} — {e}"),
        None => topic,
    };
    ConflictInput { id: conflict.id, title, state: conflict.state_label("en"), state_fr: conflict.state_label("fr"), sides, facts }
}

/// A statement as a heading: its first letter capitalised, cut after [`HEADING_CHARS`] chars at a
/// word boundary ("…" marks the cut).
fn heading(text: &str) -> String {
    let text = text.trim();
    let mut out: String = match text.char_indices().nth(HEADING_CHARS) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let at_word = head.rfind(char::is_whitespace).filter(|i| *i > cut / 2).unwrap_or(cut);
            format!("{}…", head[..at_word].trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':'))
        }
    };
    if let Some(first) = out.chars().next().filter(|c| c.is_lowercase()) {
        out = first.to_uppercase().chain(out.chars().skip(1)).collect();
    }
    out
}

/// The longest conflict title, in chars.
const HEADING_CHARS: usize = 140;

/// Sorted, non-overlapping spans covering the same chars, and runs rather than words: two
/// spans with only white space between them become one, so "avoir pris" reads as one change
/// (a reader, and Markdown's `**…**`, would otherwise see two).
pub(crate) fn merge_spans(mut spans: Vec<Span>, text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    spans.retain(|s| s.start < s.end);
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last)
                if s.start <= last.end
                    || chars.get(last.end..s.start).is_some_and(|gap| gap.iter().all(|c| c.is_whitespace())) =>
            {
                last.end = last.end.max(s.end)
            }
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::heading;

    fn check(text: &str, expected: &str) {
        assert_eq!(heading(text), expected, "heading of {text:?}");
    }

    #[test]
    fn a_statement_becomes_a_heading_capitalised_and_cut_at_a_word() {
        check("avoir pris le contrôle de plusieurs villages", "Avoir pris le contrôle de plusieurs villages");
        check("  12 soldats tués ", "12 soldats tués");
        let long = "les forces ont tiré ".repeat(12);
        let h = heading(&long);
        assert!(h.ends_with('…') && h.chars().count() <= super::HEADING_CHARS + 1, "cut with an ellipsis: {h}");
        assert!(long.starts_with(h.trim_end_matches('…').to_lowercase().as_str()), "at a word boundary: {h}");
    }
}
