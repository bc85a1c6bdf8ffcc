//! The diff view model: what the UI renders for a conflict, computed here once.
//!
//! A [`DiffView`] has a column per party, claims aligned in rows (a reply beside the claim it
//! answers, then claims that share facts), and for each pair side by side the word-level
//! operations (with [`similar`] over our own Unicode-aware tokens) and the facts that disagree,
//! each pointing at its char span in both claims. Every type here is ours and serializes to a
//! stable JSON contract (docs/json/diff.md); no `similar` type leaves this module.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use similar::{capture_diff_slices, get_diff_ratio, Algorithm, DiffTag};

use super::candidates::{score, ClaimRef, Features};
use super::proposition;
use super::facts::{disagreements, facts, Fact, FactDiff, Lexicon};
use super::tokens::{tokenize, Token, TokenKind};
use crate::gazetteer::Gazetteer;
use crate::model::{Claim, Conflict, Source, Speaker, Stance};

/// What a word-level operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpTag {
    /// The same words on both sides.
    Equal,
    /// Words only the left claim has.
    Delete,
    /// Words only the right claim has.
    Insert,
    /// Words the right claim has instead of the left's.
    Replace,
}

/// A run of one claim's text inside an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The text as written (spaces included, so segments re-join into the claim).
    pub text: String,
    /// Start, in chars of the claim text.
    pub start: usize,
    /// End (exclusive), in chars of the claim text.
    pub end: usize,
    /// True for what changed and should stand out (words, or the changed letters of a word
    /// that changed a little); false for unchanged text and spacing.
    pub emphasized: bool,
}

/// One word-level operation between two claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlignOp {
    /// What it does.
    pub tag: OpTag,
    /// The left claim's segments (empty for `insert`).
    pub left: Vec<Segment>,
    /// The right claim's segments (empty for `delete`).
    pub right: Vec<Segment>,
}

/// Two claims side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairDiff {
    /// The left claim's id.
    pub left: i64,
    /// The right claim's id.
    pub right: i64,
    /// Share of words in common, 0–1.
    pub similarity: f32,
    /// Word-level operations covering both texts in order.
    pub ops: Vec<AlignOp>,
    /// Facts that disagree, each with its spans in both claims.
    pub facts: Vec<FactDiff>,
}

/// Where a claim was published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceCard {
    /// Source id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// URL or file it came from.
    pub url: Option<String>,
    /// Publication time, when known.
    pub published_at: Option<DateTime<Utc>>,
}

/// A claim as shown in a column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimCard {
    /// Claim id.
    pub id: i64,
    /// Index of its column in [`DiffView::columns`].
    pub column: usize,
    /// Content text; spans in this view count chars of it.
    pub text: String,
    /// What the cue does.
    pub stance: Stance,
    /// The cue as written.
    pub cue: String,
    /// Who said it.
    pub speaker: Speaker,
    /// Relays, nearest first.
    pub via: Vec<Speaker>,
    /// The attribution chain as read: speaker, each relay, then the outlet
    /// (["Sergueï Lavrov", "ministère russe des Affaires étrangères", "TASS"]).
    pub chain: Vec<String>,
    /// Where it was published.
    pub source: SourceCard,
    /// When it was said: the source's publication time, else when it was imported.
    pub date: DateTime<Utc>,
    /// The claim it answers, if any.
    pub responds_to: Option<i64>,
    /// What this side states, for display: a bare denial ("cela") reads "‹party› denies:
    /// ‹content of the claim it answers›"; `text` stays the claim's own words.
    pub proposition: String,
    /// Every fact read in it.
    pub facts: Vec<Fact>,
    /// `text` cut in runs that say how it compares with the other side (they rejoin into
    /// `text`); what the app and the reports mark.
    pub runs: Vec<Run>,
}

/// How a run of a claim's text compares with the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RunKind {
    /// Said on both sides, or not compared word by word.
    Same,
    /// Only on this side, or worded otherwise.
    Changed,
    /// A fact that disagrees ([`DiffView::chips`]).
    Fact,
}

/// A run of a claim's text, in chars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// Start, in chars of the claim text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// How it compares.
    pub kind: RunKind,
    /// Index into [`DiffView::chips`] for a `fact` run.
    pub fact: Option<u32>,
}

/// A fact on which the sides disagree, once for the whole view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chip {
    /// "number", "date", "time", "place", "actor".
    pub kind: String,
    /// One-line reading ("18 drone ≠ 6 missile").
    pub label: String,
    /// Each side's value: the claim holding it and the value as written.
    pub values: Vec<(i64, String)>,
}

/// One party's column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// Stable key: the state codes joined with "+" ("AM"), else the party key, else the speaker.
    pub key: String,
    /// Display name ("Armenia").
    pub label: String,
    /// What a party chip shows: the state codes ("AM"), else the party key, else the speaker's
    /// name as written ("Debretsion Gebremichael"): a speaker no party stands for is keyed by
    /// their folded name, a grouping key no one should read.
    pub chip: String,
    /// ISO 3166-1 alpha-2 codes of the states the party stands for.
    pub countries: Vec<String>,
}

/// Why claims share a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowReason {
    /// One answers another (`responds_to`).
    Reply,
    /// They share facts (a day, a place, names, words).
    SharedFacts,
    /// Nothing else in the conflict matched it.
    Alone,
}

/// A row: at most one claim per column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// One cell per column: a claim id, or null.
    pub cells: Vec<Option<i64>>,
    /// Why these claims are together.
    pub reason: RowReason,
    /// Every pair of filled cells, left column before right.
    pub pairs: Vec<PairDiff>,
}

/// The whole view of a conflict (or of two claims).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffView {
    /// The conflict shown, if any (`diff A B` shows two claims outside any conflict).
    pub conflict_id: Option<i64>,
    /// One column per party, in order of first appearance.
    pub columns: Vec<Column>,
    /// Every claim shown.
    pub claims: Vec<ClaimCard>,
    /// Claims aligned in rows.
    pub rows: Vec<Row>,
    /// What the conflict is about: the key words of the disputed proposition and the facts that
    /// disagree (the analyst's note stays separate).
    pub title: String,
    /// The facts that disagree, each once; runs point at them.
    pub chips: Vec<Chip>,
}

/// A conflict as listed: the stored conflict, where it stands, its title and what each side
/// states. Built from the conflict's [`DiffView`], so list and view cannot disagree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictCard {
    /// The conflict as stored.
    #[serde(flatten)]
    pub conflict: Conflict,
    /// Where it stands, in words ([`Conflict::state_label`], English).
    pub state: String,
    /// What it is about ([`DiffView::title`]).
    pub title: String,
    /// Each claim's side, in the view's column order.
    pub sides: Vec<SideCard>,
}

/// One claim's side in a conflict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideCard {
    /// Claim id.
    pub claim_id: i64,
    /// Column key (state codes joined with "+", else party key, else speaker).
    pub party: String,
    /// Column label ("Armenia").
    pub party_name: String,
    /// What the side's party chip shows ([`Column::chip`]): "AM", a party key, or the name of
    /// a speaker no party stands for.
    pub chip: String,
    /// Speaker as resolved.
    pub speaker: String,
    /// What the cue does.
    pub stance: Stance,
    /// The claim's own text.
    pub text: String,
    /// What it states ([`ClaimCard::proposition`]).
    pub proposition: String,
    /// The sources carrying this statement (the same party's same words), this claim's first:
    /// "carried by N sources". Filled from the store's statement groups.
    pub carried_by: Vec<i64>,
}

impl ConflictCard {
    /// The card of `conflict` from its view.
    pub fn new(conflict: Conflict, view: &DiffView) -> ConflictCard {
        let mut cards: Vec<&ClaimCard> = view.claims.iter().collect();
        cards.sort_by_key(|c| (c.column, c.id));
        let sides = cards
            .into_iter()
            .map(|c| SideCard {
                claim_id: c.id,
                party: view.columns.get(c.column).map(|k| k.key.clone()).unwrap_or_default(),
                party_name: view.columns.get(c.column).map(|k| k.label.clone()).unwrap_or_default(),
                chip: view.columns.get(c.column).map(|k| k.chip.clone()).unwrap_or_default(),
                speaker: c.speaker.name.clone(),
                stance: c.stance,
                text: c.text.clone(),
                proposition: c.proposition.clone(),
                carried_by: vec![c.source.id],
            })
            .collect();
        ConflictCard { state: conflict.state_label("en"), title: view.title.clone(), sides, conflict }
    }
}

/// Below this word similarity, two claims say their things in other words (or languages):
/// marking every word as changed tells nothing, so only the facts are marked.
pub const WORD_MARKS_MIN_SIMILARITY: f32 = 0.4;

/// What the view is built from: a claim, its source, and names for display.
pub struct ViewInput<'a> {
    /// Claims with their sources.
    pub claims: &'a [(Claim, Source)],
    /// Texts of the claims these answer (`responds_to`), by id, whether or not they are shown.
    pub answered: &'a BTreeMap<i64, String>,
    /// Names the reader resolves actors and places with.
    pub gazetteer: &'a Gazetteer,
    /// Word lists.
    pub lexicon: &'a Lexicon,
}

/// How claims are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A column per party, claims aligned in rows (a conflict).
    ByParty,
    /// A column per claim, all in one row (`diff A B`, even for two claims of one party).
    OneRow,
}

/// Builds the view.
pub fn build(conflict_id: Option<i64>, input: &ViewInput<'_>, layout: Layout) -> DiffView {
    let split_columns = layout == Layout::OneRow;
    let mut columns: Vec<Column> = Vec::new();
    let mut cards = Vec::new();
    let mut features = Vec::new();
    for (claim, source) in input.claims {
        let col = column_of(&claim.speaker, input.gazetteer);
        let idx = match columns.iter().position(|c| c.key == col.key && !split_columns) {
            Some(i) => i,
            None => {
                columns.push(col);
                columns.len() - 1
            }
        };
        features.push(Features::new(
            ClaimRef { id: claim.id, source_id: claim.source_id, text: &claim.text, speaker: &claim.speaker },
            input.gazetteer,
            input.lexicon,
        ));
        let label = columns[idx].label.clone();
        cards.push(card(claim, source, idx, &label, input));
    }
    let rows = match layout {
        Layout::ByParty => align_rows(&cards, &features, columns.len()),
        Layout::OneRow => vec![(cards.iter().map(|c| Some(c.id)).collect(), RowReason::SharedFacts)],
    };
    let rows = rows
        .into_iter()
        .map(|(cells, reason)| {
            let filled: Vec<&ClaimCard> = cells.iter().flatten().filter_map(|id| cards.iter().find(|c| c.id == *id)).collect();
            let mut pairs = Vec::new();
            for i in 0..filled.len() {
                for j in i + 1..filled.len() {
                    pairs.push(pair(filled[i], filled[j]));
                }
            }
            Row { cells, reason, pairs }
        })
        .collect();
    let mut view = DiffView { conflict_id, columns, claims: cards, rows, title: String::new(), chips: Vec::new() };
    mark_runs(&mut view);
    view.title = view_title(&view, input);
    view
}

/// The title: the disputed proposition is the claim answered, if one is shown, else the first
/// claim; every disagreeing fact of the view follows it.
fn view_title(view: &DiffView, input: &ViewInput<'_>) -> String {
    let shown = |id: i64| view.claims.iter().any(|c| c.id == id);
    let mut cards: Vec<&ClaimCard> = view.claims.iter().collect();
    // Answered claims first: they hold the proposition the others deny.
    cards.sort_by_key(|c| (!view.claims.iter().any(|o| o.responds_to == Some(c.id)), c.responds_to.is_some_and(shown), c.id));
    let contents: Vec<&str> = cards
        .iter()
        .map(|c| proposition::content(&c.text, c.responds_to.and_then(|r| input.answered.get(&r)).map(String::as_str), input.gazetteer, input.lexicon))
        .collect();
    let facts: Vec<FactDiff> = view.rows.iter().flat_map(|r| r.pairs.iter().flat_map(|p| p.facts.iter().cloned())).collect();
    proposition::title(&contents, &facts, input.gazetteer, input.lexicon)
}

/// Cuts every claim in runs from the pairs' word operations and disagreeing facts, and lists
/// the chips. A fact outranks a plain change; words are marked only between claims worded
/// closely enough for marks to mean something ([`WORD_MARKS_MIN_SIMILARITY`]).
fn mark_runs(view: &mut DiffView) {
    // Per claim, per char: None = same, Some(None) = changed, Some(Some(i)) = chip i.
    let mut marks: BTreeMap<i64, Vec<Option<Option<u32>>>> =
        view.claims.iter().map(|c| (c.id, vec![None; c.text.chars().count()])).collect();
    let mut paint = |claim: i64, start: usize, end: usize, mark: Option<u32>| {
        if let Some(m) = marks.get_mut(&claim) {
            for slot in m.iter_mut().take(end).skip(start) {
                if mark.is_some() || slot.is_none() {
                    *slot = Some(mark);
                }
            }
        }
    };
    let mut chips: Vec<Chip> = Vec::new();
    for pair in view.rows.iter().flat_map(|r| &r.pairs) {
        if pair.similarity >= WORD_MARKS_MIN_SIMILARITY {
            for op in pair.ops.iter().filter(|op| op.tag != OpTag::Equal) {
                for seg in op.left.iter().filter(|s| s.emphasized) {
                    paint(pair.left, seg.start, seg.end, None);
                }
                for seg in op.right.iter().filter(|s| s.emphasized) {
                    paint(pair.right, seg.start, seg.end, None);
                }
            }
        }
        for f in &pair.facts {
            let i = chips.len() as u32;
            let mut values = Vec::new();
            for (claim, side) in [(pair.left, &f.left), (pair.right, &f.right)] {
                for x in side {
                    paint(claim, x.start, x.end, Some(i));
                    values.push((claim, x.text.clone()));
                }
            }
            chips.push(Chip { kind: f.kind.as_str().to_string(), label: f.note.clone(), values });
        }
    }
    for card in &mut view.claims {
        let m = marks.remove(&card.id).unwrap_or_default();
        let mut out: Vec<Run> = Vec::new();
        let mut i = 0;
        while i < m.len() {
            let here = m[i];
            let mut j = i + 1;
            while j < m.len() && m[j] == here {
                j += 1;
            }
            let (kind, fact) = match here {
                None => (RunKind::Same, None),
                Some(None) => (RunKind::Changed, None),
                Some(Some(f)) => (RunKind::Fact, Some(f)),
            };
            out.push(Run { start: i, end: j, kind, fact });
            i = j;
        }
        // Spacing between two changed words reads as part of one changed phrase.
        let chars: Vec<char> = card.text.chars().collect();
        for k in 1..out.len().saturating_sub(1) {
            let blank = chars[out[k].start..out[k].end].iter().all(|c| c.is_whitespace());
            if out[k].kind == RunKind::Same && blank && out[k - 1].kind == RunKind::Changed && out[k + 1].kind == RunKind::Changed {
                out[k].kind = RunKind::Changed;
            }
        }
        let mut merged: Vec<Run> = Vec::with_capacity(out.len());
        for r in out {
            match merged.last_mut() {
                Some(last) if last.kind == r.kind && last.fact == r.fact => last.end = r.end,
                _ => merged.push(r),
            }
        }
        card.runs = merged;
    }
    view.chips = chips;
}

fn column_of(speaker: &Speaker, gazetteer: &Gazetteer) -> Column {
    let mut countries = speaker.countries.clone();
    countries.sort();
    countries.dedup();
    if !countries.is_empty() {
        let label = countries
            .iter()
            .map(|c| gazetteer.get(c).map_or(c.as_str(), |e| e.display_name("en")).to_string())
            .collect::<Vec<_>>()
            .join(" + ");
        let key = countries.join("+");
        return Column { chip: key.clone(), key, label, countries };
    }
    let label = speaker.party.as_deref().and_then(|k| gazetteer.get(k)).map_or(speaker.name.clone(), |e| e.display_name("en").to_string());
    match &speaker.party {
        Some(party) => Column { key: party.clone(), chip: party.clone(), label, countries },
        None => Column { key: crate::text::fold(&speaker.name), chip: speaker.name.clone(), label, countries },
    }
}

fn card(claim: &Claim, source: &Source, column: usize, party: &str, input: &ViewInput<'_>) -> ClaimCard {
    let answered = claim.responds_to.and_then(|r| input.answered.get(&r)).map(String::as_str);
    let mut chain = vec![claim.speaker.name.clone()];
    chain.extend(claim.via.iter().map(|v| v.name.clone()));
    if let Some(o) = &source.outlet {
        if chain.last() != Some(o) {
            chain.push(o.clone());
        }
    }
    ClaimCard {
        id: claim.id,
        column,
        text: claim.text.clone(),
        stance: claim.stance,
        cue: claim.cue.clone(),
        speaker: claim.speaker.clone(),
        via: claim.via.clone(),
        chain,
        source: SourceCard {
            id: source.id,
            title: source.title.clone(),
            outlet: source.outlet.clone(),
            url: source.url.clone(),
            published_at: source.published_at,
        },
        date: source.published_at.unwrap_or(source.imported_at),
        responds_to: claim.responds_to,
        proposition: proposition::proposition(party, claim.stance, &claim.text, answered, input.gazetteer, input.lexicon),
        facts: facts(&claim.text, input.gazetteer, input.lexicon),
        runs: Vec::new(),
    }
}

/// Places claims in rows: replies beside what they answer, then each remaining claim in the
/// row where it shares the most facts with a claim of another column, else alone.
fn align_rows(cards: &[ClaimCard], features: &[Features], ncols: usize) -> Vec<(Vec<Option<i64>>, RowReason)> {
    let mut rows: Vec<(Vec<Option<i64>>, RowReason)> = Vec::new();
    let mut placed: BTreeMap<i64, usize> = BTreeMap::new();
    let col = |id: i64| cards.iter().find(|c| c.id == id).map(|c| c.column);
    for c in cards {
        let Some(target) = c.responds_to.filter(|t| col(*t).is_some()) else { continue };
        let (Some(tc), cc) = (col(target), c.column) else { continue };
        if tc == cc || placed.contains_key(&c.id) {
            continue;
        }
        let row = match placed.get(&target) {
            Some(&r) if rows[r].0[cc].is_none() => r,
            Some(_) => continue,
            None => {
                let mut cells = vec![None; ncols];
                cells[tc] = Some(target);
                rows.push((cells, RowReason::Reply));
                placed.insert(target, rows.len() - 1);
                rows.len() - 1
            }
        };
        rows[row].0[cc] = Some(c.id);
        placed.insert(c.id, row);
    }
    for (i, c) in cards.iter().enumerate() {
        if placed.contains_key(&c.id) {
            continue;
        }
        let mut best: Option<(usize, f32)> = None;
        for (r, (cells, _)) in rows.iter().enumerate() {
            if cells[c.column].is_some() {
                continue;
            }
            for id in cells.iter().flatten() {
                let Some(j) = cards.iter().position(|x| x.id == *id) else { continue };
                let s = affinity(&features[i], &features[j]);
                if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
                    best = Some((r, s));
                }
            }
        }
        match best {
            Some((r, _)) => {
                rows[r].0[c.column] = Some(c.id);
                if rows[r].1 == RowReason::Alone {
                    rows[r].1 = RowReason::SharedFacts;
                }
                placed.insert(c.id, r);
            }
            None => {
                let mut cells = vec![None; ncols];
                cells[c.column] = Some(c.id);
                rows.push((cells, RowReason::Alone));
                placed.insert(c.id, rows.len() - 1);
            }
        }
    }
    rows
}

/// How well two claims of one conflict fit in a row: their candidate score when they share an
/// anchor, plus what they count and say in common, so that claims without a shared day or place
/// still find their counterpart.
fn affinity(a: &Features, b: &Features) -> f32 {
    let base = score(a, b).map_or(0.0, |s| s.score);
    let units = a.units.intersection(&b.units).count() as f32;
    let words = a.words.intersection(&b.words).count().min(5) as f32;
    base + 0.1 * units + 0.02 * words
}

fn pair(left: &ClaimCard, right: &ClaimCard) -> PairDiff {
    let (ops, similarity) = word_diff(&left.text, &right.text);
    PairDiff { left: left.id, right: right.id, similarity, ops, facts: disagreements(&left.facts, &right.facts) }
}

/// A word of a claim with the spacing after it: the unit the diff aligns.
struct Unit<'a> {
    word: Token<'a>,
    space: Option<Token<'a>>,
    key: String,
}

fn units(text: &str) -> (Option<Token<'_>>, Vec<Unit<'_>>) {
    let mut lead = None;
    let mut out: Vec<Unit<'_>> = Vec::new();
    for t in tokenize(text) {
        if t.kind == TokenKind::Space {
            match out.last_mut() {
                Some(u) => u.space = Some(t),
                None => lead = Some(t),
            }
        } else {
            let key = t.diff_key();
            out.push(Unit { word: t, space: None, key });
        }
    }
    (lead, out)
}

fn seg(t: &Token<'_>, emphasized: bool) -> Segment {
    Segment { text: t.text.to_string(), start: t.start, end: t.end, emphasized }
}

/// Segments of a run of units; changed words emphasized, spacing not.
fn segments(us: &[Unit<'_>], emphasized: bool) -> Vec<Segment> {
    let mut out = Vec::new();
    for u in us {
        out.push(seg(&u.word, emphasized && u.word.kind != TokenKind::Space));
        if let Some(s) = &u.space {
            out.push(seg(s, false));
        }
    }
    out
}

/// Splits a word into runs by a char diff against `other`, emphasizing only what changed.
fn char_segments(word: &Token<'_>, other: &str, old_side: bool) -> Vec<Segment> {
    let a: Vec<char> = word.text.chars().collect();
    let b: Vec<char> = other.chars().collect();
    let ops = if old_side { capture_diff_slices(Algorithm::Myers, &a, &b) } else { capture_diff_slices(Algorithm::Myers, &b, &a) };
    let mut out: Vec<Segment> = Vec::new();
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        let range = if old_side { old } else { new };
        if range.is_empty() {
            continue;
        }
        let emphasized = tag != DiffTag::Equal;
        let text: String = a[range.clone()].iter().collect();
        match out.last_mut() {
            Some(last) if last.emphasized == emphasized => {
                last.text.push_str(&text);
                last.end = word.start + range.end;
            }
            _ => out.push(Segment { text, start: word.start + range.start, end: word.start + range.end, emphasized }),
        }
    }
    out
}

/// Whether `word_diff(left, right).1 >= least`, without building the operations, and without
/// diffing at all when the words the two texts share could not reach `least`: the similarity is
/// twice the words matched over both lengths, and a word matches at most as often as both hold
/// it. Detection asks this of every near copy it considers (252,000 instructions a diff).
pub fn words_alike(left: &str, right: &str, least: f32) -> bool {
    let (_, lu) = units(left);
    let (_, ru) = units(right);
    let lk: Vec<&str> = lu.iter().map(|u| u.key.as_str()).collect();
    let rk: Vec<&str> = ru.iter().map(|u| u.key.as_str()).collect();
    if !lk.is_empty() || !rk.is_empty() {
        let mut counts: foldhash::HashMap<&str, i32> = foldhash::HashMap::default();
        for k in &lk {
            *counts.entry(k).or_default() += 1;
        }
        let mut shared = 0usize;
        for k in &rk {
            if let Some(n) = counts.get_mut(k).filter(|n| **n > 0) {
                *n -= 1;
                shared += 1;
            }
        }
        let bound = 2.0 * shared as f32 / (lk.len() + rk.len()) as f32;
        if bound < least {
            return false;
        }
    }
    let diff = capture_diff_slices(Algorithm::Patience, &lk, &rk);
    get_diff_ratio(&diff, lk.len(), rk.len()) >= least
}

/// Word-level operations between two texts, and their similarity (0–1).
pub fn word_diff(left: &str, right: &str) -> (Vec<AlignOp>, f32) {
    let (llead, lu) = units(left);
    let (rlead, ru) = units(right);
    let lk: Vec<&str> = lu.iter().map(|u| u.key.as_str()).collect();
    let rk: Vec<&str> = ru.iter().map(|u| u.key.as_str()).collect();
    let diff = capture_diff_slices(Algorithm::Patience, &lk, &rk);
    let similarity = get_diff_ratio(&diff, lk.len(), rk.len());
    let mut ops = Vec::new();
    if llead.is_some() || rlead.is_some() {
        let l: Vec<Segment> = llead.iter().map(|t| seg(t, false)).collect();
        let r: Vec<Segment> = rlead.iter().map(|t| seg(t, false)).collect();
        ops.push(AlignOp { tag: OpTag::Equal, left: l, right: r });
    }
    for op in diff {
        let (tag, o, n) = op.as_tag_tuple();
        let (l, r) = (&lu[o], &ru[n]);
        let op = match tag {
            DiffTag::Equal => AlignOp { tag: OpTag::Equal, left: segments(l, false), right: segments(r, false) },
            DiffTag::Delete => AlignOp { tag: OpTag::Delete, left: segments(l, true), right: Vec::new() },
            DiffTag::Insert => AlignOp { tag: OpTag::Insert, left: Vec::new(), right: segments(r, true) },
            DiffTag::Replace => {
                // One word for one word that changed a little ("shelled"/"shelling"): emphasize
                // the changed letters only, as an inline diff does.
                let near = l.len() == 1 && r.len() == 1 && {
                    let (a, b) = (l[0].key.chars().collect::<Vec<_>>(), r[0].key.chars().collect::<Vec<_>>());
                    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
                    get_diff_ratio(&ops, a.len(), b.len()) >= 0.6
                };
                if near {
                    let mut left = char_segments(&l[0].word, r[0].word.text, true);
                    left.extend(l[0].space.iter().map(|s| seg(s, false)));
                    let mut right = char_segments(&r[0].word, l[0].word.text, false);
                    right.extend(r[0].space.iter().map(|s| seg(s, false)));
                    AlignOp { tag: OpTag::Replace, left, right }
                } else {
                    AlignOp { tag: OpTag::Replace, left: segments(l, true), right: segments(r, true) }
                }
            }
        };
        ops.push(op);
    }
    (ops, similarity)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders ops as `git diff --word-diff` would, for compact expectations.
    fn render(ops: &[AlignOp]) -> String {
        let join = |s: &[Segment]| s.iter().map(|x| x.text.as_str()).collect::<String>();
        ops.iter()
            .map(|op| match op.tag {
                OpTag::Equal => join(&op.left),
                OpTag::Delete => format!("[-{}-]", join(&op.left)),
                OpTag::Insert => format!("{{+{}+}}", join(&op.right)),
                OpTag::Replace => format!("[-{}-]{{+{}+}}", join(&op.left), join(&op.right)),
            })
            .collect()
    }

    fn check(left: &str, right: &str, expected: &str) {
        let (ops, _) = word_diff(left, right);
        assert_eq!(render(&ops), expected, "word diff of {left:?} → {right:?}");
        for op in &ops {
            for s in op.left.iter() {
                assert_eq!(crate::text::char_slice(left, s.start, s.end), s.text, "left segment offsets are chars of the claim");
            }
            for s in op.right.iter() {
                assert_eq!(crate::text::char_slice(right, s.start, s.end), s.text, "right segment offsets are chars of the claim");
            }
        }
    }

    #[test]
    fn a_party_chip_shows_state_codes_or_a_party_key_and_never_a_folded_speaker_key() {
        let g = Gazetteer::builtin();
        let chip = |name: &str, party: Option<&str>, countries: &[&str]| {
            let speaker = Speaker { name: name.into(), party: party.map(str::to_string), countries: countries.iter().map(|c| c.to_string()).collect() };
            let c = column_of(&speaker, g);
            (c.key, c.chip, c.label)
        };
        let s = |v: &str| v.to_string();
        assert_eq!(chip("Erevan", Some("AM"), &["AM"]), (s("AM"), s("AM"), s("Armenia")), "a state: its code");
        assert_eq!(chip("le Hezbollah", Some("org.hezbollah"), &[]), (s("org.hezbollah"), s("org.hezbollah"), s("Hezbollah")), "a party no state stands behind: its key");
        assert_eq!(
            chip("Debretsion Gebremichael", None, &[]),
            (s("debretsion gebremichael"), s("Debretsion Gebremichael"), s("Debretsion Gebremichael")),
            "a person the gazetteer does not know: grouped by the folded name, shown as written"
        );
    }

    #[test]
    fn word_diff_marks_replaced_words_and_keeps_the_rest() {
        check(
            "Azerbaijani forces shelled positions in Tavush on 27 June",
            "Armenian units opened fire in Tavush on 27 June",
            "[-Azerbaijani forces shelled positions -]{+Armenian units opened fire +}in Tavush on 27 June",
        );
    }

    #[test]
    fn curly_and_straight_apostrophes_and_no_break_spaces_are_equal() {
        check("l’armée d’Erevan\u{00A0}»", "l'armée d'Erevan »", "l’armée d’Erevan\u{00A0}»");
    }

    #[test]
    fn a_word_that_changed_a_little_emphasizes_only_its_changed_letters() {
        let (ops, _) = word_diff("les forces arméniennes", "les forces arménienne");
        let replaced = ops.iter().find(|o| o.tag == OpTag::Replace).expect("one replacement");
        let emph: Vec<(&str, bool)> = replaced.left.iter().map(|s| (s.text.as_str(), s.emphasized)).collect();
        assert_eq!(emph, vec![("arménienne", false), ("s", true)], "only the plural s stands out");
    }

    #[test]
    fn words_alike_answers_as_the_word_diff_s_similarity_does() {
        let texts = [
            "",
            "Azerbaijani forces shelled positions in Tavush on 27 June",
            "Azerbaijani forces shelled the positions in Tavush on 27 June",
            "Azerbaijani forces shelled positions in Tavush on 28 June",
            "June 27 Tavush in positions shelled forces Azerbaijani",
            "forces forces forces shelled",
            "Armenian units opened fire in Tavush on 27 June",
        ];
        for a in texts {
            for b in texts {
                for least in [0.0, 0.5, 0.85, 1.0] {
                    assert_eq!(words_alike(a, b, least), word_diff(a, b).1 >= least, "{a:?} / {b:?} at {least}");
                }
            }
        }
    }
}
