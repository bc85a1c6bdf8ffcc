//! Facts a claim states: numbers (with the thing they count), dates, times, places and actors,
//! each with its char span in the claim text, and how two claims' facts disagree.
//!
//! Numbers are read from digits and from number words ("douze", "eighteen", "vingt et un");
//! dates from "27 June", "27 juin", "June 27", "2024-06-27", "27/06/2024"; actors from the
//! gazetteer (country names, capitals, demonyms, institutions); places from capitalised names
//! after a locative ("in Tavush", "dans la région de Tovuz"). Word lists live in
//! `data/align/number_words.json` and `data/align/lexicon.json`.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::tokens::{tokenize, Token, TokenKind};
use crate::gazetteer::Gazetteer;
use crate::text::fold;

const NUMBER_WORDS_JSON: &str = include_str!("../../data/align/number_words.json");
const LEXICON_JSON: &str = include_str!("../../data/align/lexicon.json");

/// What kind of fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    /// A count or amount.
    Number,
    /// A calendar date, possibly partial.
    Date,
    /// A time of day.
    Time,
    /// A named place.
    Place,
    /// A state or institution named as taking part.
    Actor,
}

impl FactKind {
    /// The name used in JSON and shown as a fact's label: `number`, `date`, `time`, `place`, `actor`.
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Number => "number",
            FactKind::Date => "date",
            FactKind::Time => "time",
            FactKind::Place => "place",
            FactKind::Actor => "actor",
        }
    }
}

/// The normalized value of a fact, which is what two claims are compared by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum FactValue {
    /// A number and, when one follows it, the thing counted (folded, singular: "drone").
    Number {
        /// The value.
        value: f64,
        /// The thing counted.
        unit: Option<String>,
    },
    /// A date; missing parts are null.
    Date {
        /// Year.
        year: Option<i32>,
        /// Month, 1–12.
        month: Option<u32>,
        /// Day of month.
        day: Option<u32>,
    },
    /// A time of day.
    Time {
        /// Hour, 0–23.
        hour: u32,
        /// Minute.
        minute: u32,
    },
    /// A place, by its folded name.
    Place {
        /// Folded name ("tavush").
        name: String,
    },
    /// A state or institution.
    Actor {
        /// ISO 3166-1 alpha-2 of the state.
        country: String,
        /// Gazetteer key of the party named ("AZ.army").
        party: String,
    },
}

impl FactValue {
    /// A short display form: "18 drone", "2024-06-27", "--06-27", "14:30", "tavush", "AZ".
    pub fn label(&self) -> String {
        match self {
            FactValue::Number { value, unit } => {
                let v = if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value}") };
                unit.as_ref().map_or(v.clone(), |u| format!("{v} {u}"))
            }
            FactValue::Date { year, month, day } => {
                let y = year.map_or("-".to_string(), |y| format!("{y:04}"));
                match (month, day) {
                    (Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
                    (Some(m), None) => format!("{y}-{m:02}"),
                    _ => y,
                }
            }
            FactValue::Time { hour, minute } => format!("{hour:02}:{minute:02}"),
            FactValue::Place { name } => name.clone(),
            FactValue::Actor { country, .. } => country.clone(),
        }
    }
}

/// One fact found in a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// What kind.
    pub kind: FactKind,
    /// The words that state it, as written.
    pub text: String,
    /// Start, in chars of the claim text.
    pub start: usize,
    /// End (exclusive), in chars of the claim text.
    pub end: usize,
    /// Its normalized value.
    pub value: FactValue,
}

/// Word lists the reader needs, loaded once from the shipped data files.
///
/// Looked up for every word of every claim detection reads (a million claims' words in a full
/// detection), so hashed with `foldhash`, not SipHash: SipHash was 9 % of a full detection's
/// instructions. Nothing iterates these maps, so their order reaches no output.
#[derive(Debug)]
pub struct Lexicon {
    units: foldhash::HashMap<String, f64>,
    multipliers: foldhash::HashMap<String, f64>,
    connectors: foldhash::HashSet<String>,
    months: foldhash::HashMap<String, u32>,
    weekdays: foldhash::HashSet<String>,
    locatives: foldhash::HashSet<String>,
    stopwords: foldhash::HashSet<String>,
    negations: foldhash::HashSet<String>,
}

#[derive(Deserialize)]
struct NumberLang {
    units: HashMap<String, f64>,
    multipliers: HashMap<String, f64>,
    connectors: Vec<String>,
}

#[derive(Deserialize)]
struct LexiconFile {
    months: HashMap<String, u32>,
    weekdays: Vec<String>,
    locatives: Vec<String>,
    stopwords: Vec<String>,
    negations: Vec<String>,
}

impl Lexicon {
    /// The lexicon shipped in the binary.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        // Both files are compiled in and parsed by tests; failing here is a build defect.
        BUILTIN.get_or_init(|| Lexicon::from_json(NUMBER_WORDS_JSON, LEXICON_JSON).unwrap_or_else(|e| panic!("{e}")))
    }

    /// Parses the two data files.
    pub fn from_json(numbers: &str, lexicon: &str) -> crate::Result<Lexicon> {
        let bad = |name: &'static str| move |e: serde_json::Error| crate::Error::BundledData { name, why: e.to_string() };
        let langs: HashMap<String, serde_json::Value> = serde_json::from_str(numbers).map_err(bad("number_words.json"))?;
        let mut lex = Lexicon {
            units: Default::default(),
            multipliers: Default::default(),
            connectors: Default::default(),
            months: Default::default(),
            weekdays: Default::default(),
            locatives: Default::default(),
            stopwords: Default::default(),
            negations: Default::default(),
        };
        for (lang, v) in langs {
            if lang.len() != 2 {
                continue; // "source", "licence", "about"
            }
            let l: NumberLang = serde_json::from_value(v).map_err(bad("number_words.json"))?;
            lex.units.extend(l.units.into_iter().map(|(k, v)| (fold(&k), v)));
            lex.multipliers.extend(l.multipliers.into_iter().map(|(k, v)| (fold(&k), v)));
            lex.connectors.extend(l.connectors.iter().map(|c| fold(c)));
        }
        let f: LexiconFile = serde_json::from_str(lexicon).map_err(bad("lexicon.json"))?;
        lex.months = f.months.into_iter().map(|(k, v)| (fold(&k), v)).collect();
        lex.weekdays = f.weekdays.iter().map(|w| fold(w)).collect();
        lex.locatives = f.locatives.iter().map(|w| fold(w)).collect();
        lex.stopwords = f.stopwords.iter().map(|w| fold(w)).collect();
        lex.negations = f.negations.iter().map(|w| fold(w)).collect();
        Ok(lex)
    }

    /// True for function words and words of saying.
    pub fn is_stopword(&self, folded: &str) -> bool {
        self.stopwords.contains(folded)
    }

    /// True for words that say something did not happen ("no", « aucun », « без »).
    pub fn is_negation(&self, folded: &str) -> bool {
        self.negations.contains(folded)
    }

    /// True for month and weekday names.
    pub fn is_calendar_word(&self, folded: &str) -> bool {
        self.months.contains_key(folded) || self.weekdays.contains(folded)
    }

    fn number_word(&self, folded: &str) -> Option<f64> {
        self.units.get(folded).copied()
    }
}

/// The content key of a word: folded, with a plural "s"/"x" dropped ("drones" → "drone").
pub fn stem(folded: &str) -> String {
    let n = folded.chars().count();
    if n > 3 && (folded.ends_with('s') || folded.ends_with('x')) && !folded.ends_with("ss") {
        folded[..folded.len() - 1].to_string()
    } else {
        folded.to_string()
    }
}

/// The facts of `text`, in text order.
pub fn facts(text: &str, gazetteer: &Gazetteer, lex: &Lexicon) -> Vec<Fact> {
    facts_and_words(text, gazetteer, lex).0
}

/// The facts of `text`, and its non-space tokens with their folded forms (so that callers
/// need not tokenize twice).
pub fn facts_and_words<'a>(text: &'a str, gazetteer: &Gazetteer, lex: &Lexicon) -> (Vec<Fact>, Vec<(Token<'a>, String)>) {
    let owned: Vec<(Token<'a>, String)> =
        tokenize(text).into_iter().filter(|t| t.kind != TokenKind::Space).map(|t| {
            let f = fold(t.text);
            (t, f)
        }).collect();
    let out = facts_in(text, &owned, gazetteer, lex);
    (out, owned)
}

/// `text` from the start of token `from` to the end of token `to`, cut where the tokens' own
/// slices of it lie: counting characters from the start of the text for every fact and every name
/// tried (`text::char_slice`) was 5 % of a full detection's instructions.
fn between<'t>(text: &'t str, from: &Token<'_>, to: &Token<'_>) -> &'t str {
    let at = |t: &str| (t.as_ptr() as usize).checked_sub(text.as_ptr() as usize);
    match (at(from.text), at(to.text)) {
        (Some(s), Some(e)) => text.get(s..e + to.text.len()).unwrap_or_default(),
        // Tokens of another text: by their character offsets, as before.
        _ => crate::text::char_slice(text, from.start, to.end),
    }
}

fn facts_in(text: &str, owned: &[(Token<'_>, String)], gazetteer: &Gazetteer, lex: &Lexicon) -> Vec<Fact> {
    // Non-space tokens; `toks[i].1` is the folded form.
    let toks = owned;
    let mut used = vec![false; toks.len()];
    let mut out = Vec::new();
    let span = |from: usize, to: usize| -> (String, usize, usize) {
        let (s, e) = (toks[from].0.start, toks[to].0.end);
        (between(text, &toks[from].0, &toks[to].0).to_string(), s, e)
    };
    let push = |out: &mut Vec<Fact>, used: &mut Vec<bool>, from: usize, to: usize, kind: FactKind, value: FactValue| {
        let (t, s, e) = span(from, to);
        used[from..=to].iter_mut().for_each(|u| *u = true);
        out.push(Fact { kind, text: t, start: s, end: e, value });
    };

    // Dates and times first: their digits are not counts.
    let mut i = 0;
    while i < toks.len() {
        if let Some((end, value, kind)) = date_at(toks, i, lex).or_else(|| time_at(toks, i)) {
            push(&mut out, &mut used, i, end, kind, value);
            i = end + 1;
        } else {
            i += 1;
        }
    }

    // Actors: the longest gazetteer name starting here, or a demonym.
    // Longest names tried, in words. `Gazetteer::max_alias_words` scans every alias, too slow per
    // claim; the shipped names that stand for a state are all shorter than this.
    const MAX_WORDS: usize = 6;
    let max_words = MAX_WORDS;
    let mut i = 0;
    while i < toks.len() {
        if used[i] || toks[i].0.kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let mut found = None;
        let capital = toks[i].0.text.chars().next().is_some_and(char::is_uppercase);
        if capital {
            for n in (1..=max_words.min(toks.len() - i)).rev() {
                // No name ends in a function word or crosses punctuation other than - and '.
                let (last, last_folded) = &toks[i + n - 1];
                if last.kind != TokenKind::Word || (n > 1 && lex.is_stopword(last_folded)) {
                    continue;
                }
                if toks[i..i + n].iter().any(|(t, _)| t.kind == TokenKind::Punct && !matches!(t.text, "-" | "'" | "’")) {
                    continue;
                }
                let name = between(text, &toks[i].0, &toks[i + n - 1].0);
                if let Some(e) = gazetteer.lookup(name).into_iter().find(|e| e.country.is_some()) {
                    found = Some((i + n - 1, e.country.clone().unwrap_or_default(), e.key.clone()));
                    break;
                }
            }
        }
        if found.is_none() {
            if let Some(e) = gazetteer.by_demonym(&toks[i].1).into_iter().find(|e| e.country.is_some()) {
                found = Some((i, e.country.clone().unwrap_or_default(), e.key.clone()));
            }
        }
        match found {
            Some((end, country, party)) => {
                push(&mut out, &mut used, i, end, FactKind::Actor, FactValue::Actor { country, party });
                i = end + 1;
            }
            None => i += 1,
        }
    }

    // Places: capitalised names after a locative, skipping up to two function words
    // ("in the Tavush region", "dans la région de Tavush").
    for i in 0..toks.len() {
        if used[i] || !is_capitalised(&toks[i].0) || lex.is_calendar_word(&toks[i].1) {
            continue;
        }
        let mut j = i;
        let mut located = false;
        for _ in 0..3 {
            if j == 0 {
                break;
            }
            j -= 1;
            let w = &toks[j].1;
            if lex.locatives.contains(w.as_str()) {
                located = true;
                break;
            }
            if !lex.is_stopword(w) && toks[j].0.kind != TokenKind::Punct {
                break;
            }
        }
        if !located {
            continue;
        }
        let mut end = i;
        while end + 1 < toks.len() && !used[end + 1] && is_capitalised(&toks[end + 1].0) {
            end += 1;
        }
        let name = toks[i..=end].iter().map(|(_, f)| f.as_str()).collect::<Vec<_>>().join(" ");
        push(&mut out, &mut used, i, end, FactKind::Place, FactValue::Place { name });
    }

    // Numbers: digits (times a following multiplier word) and number words.
    let mut i = 0;
    while i < toks.len() {
        if used[i] {
            i += 1;
            continue;
        }
        let Some((end, value)) = number_at(toks, i, lex) else {
            i += 1;
            continue;
        };
        let unit = unit_after(toks, end + 1, gazetteer, lex);
        push(&mut out, &mut used, i, end, FactKind::Number, FactValue::Number { value, unit });
        i = end + 1;
    }
    out.sort_by_key(|f| f.start);
    out
}

fn is_capitalised(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Word && t.text.chars().next().is_some_and(char::is_uppercase)
}

fn int(t: &Token<'_>) -> Option<u32> {
    (t.kind == TokenKind::Number && t.text.len() <= 4).then(|| t.text.parse().ok()).flatten()
}

fn day_word(folded: &str) -> Option<u32> {
    // "1er", "27th", "2nd"
    let digits: String = folded.chars().take_while(char::is_ascii_digit).collect();
    let rest = &folded[digits.len()..];
    if digits.is_empty() || !matches!(rest, "er" | "st" | "nd" | "rd" | "th" | "e") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

type Found = (usize, FactValue, FactKind);

/// A date starting at token `i`: its last token and value.
fn date_at(toks: &[(Token<'_>, String)], i: usize, lex: &Lexicon) -> Option<Found> {
    let tok = |k: usize| toks.get(k).map(|(t, _)| t);
    let folded = |k: usize| toks.get(k).map(|(_, f)| f.as_str()).unwrap_or("");
    let day_of = |k: usize| tok(k).and_then(int).filter(|d| (1..=31).contains(d)).or_else(|| day_word(folded(k)));
    let year_of = |k: usize| tok(k).and_then(int).filter(|y| (1900..=2100).contains(y)).map(|y| y as i32);
    let date = |year, month, day| FactValue::Date { year, month, day };
    // 2024-06-27
    if let (Some(y), Some("-"), Some(m), Some("-"), Some(d)) =
        (year_of(i), tok(i + 1).map(|t| t.text), tok(i + 2).and_then(int), tok(i + 3).map(|t| t.text), tok(i + 4).and_then(int))
    {
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some((i + 4, date(Some(y), Some(m), Some(d)), FactKind::Date));
        }
    }
    // 27/06/2024 or 27.06.2024 (day first: both our languages' convention outside the US)
    if let (Some(d), Some(sep), Some(m), Some(sep2), Some(y)) =
        (day_of(i), tok(i + 1).map(|t| t.text), tok(i + 2).and_then(int), tok(i + 3).map(|t| t.text), year_of(i + 4))
    {
        if sep == sep2 && matches!(sep, "/" | ".") && (1..=12).contains(&m) {
            return Some((i + 4, date(Some(y), Some(m), Some(d)), FactKind::Date));
        }
    }
    // 27 juin [2024], 27th of June
    if let Some(d) = day_of(i) {
        let of = usize::from(folded(i + 1) == "of");
        if let Some(&m) = lex.months.get(folded(i + 1 + of)) {
            let mi = i + 1 + of;
            return Some(match year_of(mi + 1) {
                Some(y) => (mi + 1, date(Some(y), Some(m), Some(d)), FactKind::Date),
                None => (mi, date(None, Some(m), Some(d)), FactKind::Date),
            });
        }
    }
    // June 27[, 2024] / June 2024 / juin
    if let Some(&m) = lex.months.get(folded(i)) {
        // "may" and "mars"/"march" are also common words: only read them next to a day or year.
        if let Some(d) = day_of(i + 1) {
            let comma = usize::from(tok(i + 2).is_some_and(|t| t.text == ","));
            return Some(match year_of(i + 2 + comma) {
                Some(y) => (i + 2 + comma, date(Some(y), Some(m), Some(d)), FactKind::Date),
                None => (i + 1, date(None, Some(m), Some(d)), FactKind::Date),
            });
        }
        if let Some(y) = year_of(i + 1) {
            return Some((i + 1, date(Some(y), Some(m), None), FactKind::Date));
        }
    }
    // A year after "in", "en", "since", "depuis"…
    if let Some(y) = year_of(i) {
        let before = if i > 0 { folded(i - 1) } else { "" };
        if matches!(before, "in" | "en" | "since" | "depuis" | "de" | "of" | "until" | "jusqu'en" | "-" | "et" | "and") {
            return Some((i, date(Some(y), None, None), FactKind::Date));
        }
    }
    None
}

/// A time starting at token `i`: "14:30", "14h30", "14 h 30", "2 p.m.".
fn time_at(toks: &[(Token<'_>, String)], i: usize) -> Option<Found> {
    let tok = |k: usize| toks.get(k).map(|(t, _)| t);
    let folded = |k: usize| toks.get(k).map(|(_, f)| f.as_str()).unwrap_or("");
    let time = |hour, minute| Some(FactValue::Time { hour, minute }).filter(|_| hour < 24 && minute < 60);
    let h = tok(i).and_then(int);
    if let (Some(h), Some(":"), Some(m)) = (h, tok(i + 1).map(|t| t.text), tok(i + 2).and_then(int)) {
        return time(h, m).map(|v| (i + 2, v, FactKind::Time));
    }
    if let (Some(h), "h") = (h, folded(i + 1)) {
        return match tok(i + 2).and_then(int) {
            Some(m) => time(h, m).map(|v| (i + 2, v, FactKind::Time)),
            None => time(h, 0).map(|v| (i + 1, v, FactKind::Time)),
        };
    }
    if let Some((hh, mm)) = folded(i).split_once('h') {
        if let (Ok(h), Ok(m)) = (hh.parse::<u32>(), if mm.is_empty() { Ok(0) } else { mm.parse::<u32>() }) {
            return time(h, m).map(|v| (i, v, FactKind::Time));
        }
    }
    if let (Some(h), "p", Some("."), "m") = (h, folded(i + 1), tok(i + 2).map(|t| t.text), folded(i + 3)) {
        let end = if tok(i + 4).is_some_and(|t| t.text == ".") { i + 4 } else { i + 3 };
        return time(if h < 12 { h + 12 } else { h }, 0).map(|v| (end, v, FactKind::Time));
    }
    if let (Some(h), "pm" | "am") = (h, folded(i + 1)) {
        let h = if folded(i + 1) == "pm" && h < 12 { h + 12 } else { h };
        return time(h, 0).map(|v| (i + 1, v, FactKind::Time));
    }
    None
}

/// A number starting at token `i`: its last token and value.
fn number_at(toks: &[(Token<'_>, String)], i: usize, lex: &Lexicon) -> Option<(usize, f64)> {
    let (t, f) = &toks[i];
    if t.kind == TokenKind::Number {
        let mut value = parse_digits(t.text)?;
        let mut end = i;
        while let Some(m) = toks.get(end + 1).and_then(|(_, f)| lex.multipliers.get(f.as_str())) {
            value *= m;
            end += 1;
        }
        return Some((end, value));
    }
    if t.kind != TokenKind::Word {
        return None;
    }
    // "un"/"une"/"one"/"a" alone are mostly articles: they count only inside a compound.
    if matches!(f.as_str(), "un" | "une" | "one") && !toks.get(i + 1).is_some_and(|(_, n)| lex.multipliers.contains_key(n.as_str())) {
        return None;
    }
    let (mut total, mut current, mut end, mut any) = (0.0, 0.0, i, false);
    let mut k = i;
    while let Some((t, f)) = toks.get(k) {
        if t.kind != TokenKind::Word {
            break;
        }
        if let Some(v) = lex.number_word(f) {
            current += v;
        } else if let Some(&m) = lex.multipliers.get(f.as_str()) {
            if !any && current == 0.0 {
                break; // a bare "million" is not a number here
            }
            let base = if current == 0.0 { 1.0 } else { current };
            if m >= 1000.0 {
                total += base * m;
                current = 0.0;
            } else {
                current = base * m;
            }
        } else if lex.connectors.contains(f.as_str()) && any && toks.get(k + 1).is_some_and(|(_, n)| lex.number_word(n).is_some()) {
            k += 1;
            continue;
        } else {
            break;
        }
        any = true;
        end = k;
        k += 1;
    }
    any.then_some((end, total + current))
}

fn parse_digits(s: &str) -> Option<f64> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    // "1,5" and "3.25" are decimals; "1,200" and "1.200" with three digits after are thousands.
    let normalized = match s.rfind([',', '.']) {
        Some(p) if s.len() - p - 1 == 3 => s.replace([',', '.'], ""),
        Some(_) => s.replace(',', "."),
        None => s,
    };
    normalized.parse().ok()
}

/// The thing a number counts: the first content word after it, skipping function words, other
/// numbers and demonyms ("18 of the 24 drones" → drone, "douze drones ukrainiens" → drone).
fn unit_after(toks: &[(Token<'_>, String)], from: usize, gazetteer: &Gazetteer, lex: &Lexicon) -> Option<String> {
    for (t, f) in toks.iter().skip(from).take(5) {
        if f == "%" {
            return Some("percent".into());
        }
        if t.kind == TokenKind::Punct {
            return None;
        }
        if t.kind == TokenKind::Number || lex.is_stopword(f) || lex.number_word(f).is_some() || !gazetteer.by_demonym(f).is_empty() {
            continue;
        }
        return (t.kind == TokenKind::Word).then(|| stem(f));
    }
    None
}

/// How the facts of two claims disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactDiff {
    /// What kind of fact.
    pub kind: FactKind,
    /// The facts on the left claim's side.
    pub left: Vec<Fact>,
    /// The facts on the right claim's side.
    pub right: Vec<Fact>,
    /// A one-line reading: "18 drone, 24 drone ≠ 6 missile".
    pub note: String,
}

/// The facts on which `left` and `right` disagree, by kind. A fact that only one side states
/// is an omission, not a disagreement, and is not listed.
pub fn disagreements(left: &[Fact], right: &[Fact]) -> Vec<FactDiff> {
    let mut out = Vec::new();
    let of = |facts: &[Fact], k: FactKind| facts.iter().filter(|f| f.kind == k).cloned().collect::<Vec<_>>();
    let labels = |facts: &[Fact]| facts.iter().map(|f| f.value.label()).collect::<Vec<_>>().join(", ");
    let mut push = |kind, l: Vec<Fact>, r: Vec<Fact>| {
        if !l.is_empty() && !r.is_empty() {
            let note = format!("{} ≠ {}", labels(&l), labels(&r));
            out.push(FactDiff { kind, left: l, right: r, note });
        }
    };

    // Numbers: the same unit with another value; then counts left unmatched on both sides.
    let (ln, rn) = (of(left, FactKind::Number), of(right, FactKind::Number));
    let unit = |f: &Fact| match &f.value {
        FactValue::Number { unit, .. } => unit.clone(),
        _ => None,
    };
    let value = |f: &Fact| match &f.value {
        FactValue::Number { value, .. } => *value,
        _ => f64::NAN,
    };
    let units: BTreeSet<Option<String>> = ln.iter().map(unit).filter(|u| rn.iter().any(|r| unit(r) == *u)).collect();
    for u in units.iter().filter(|u| u.is_some()) {
        let l: Vec<Fact> = ln.iter().filter(|f| unit(f) == *u).cloned().collect();
        let r: Vec<Fact> = rn.iter().filter(|f| unit(f) == *u).cloned().collect();
        let lv: BTreeSet<u64> = l.iter().map(|f| value(f).to_bits()).collect();
        let rv: BTreeSet<u64> = r.iter().map(|f| value(f).to_bits()).collect();
        if lv != rv {
            push(FactKind::Number, l, r);
        }
    }
    let unmatched = |v: &[Fact]| v.iter().filter(|f| unit(f).is_none() || !units.contains(&unit(f))).cloned().collect::<Vec<_>>();
    let (lu, ru) = (unmatched(&ln), unmatched(&rn));
    let lv: BTreeSet<u64> = lu.iter().map(|f| value(f).to_bits()).collect();
    let rv: BTreeSet<u64> = ru.iter().map(|f| value(f).to_bits()).collect();
    if lv != rv {
        push(FactKind::Number, lu, ru);
    }

    // Dates and times: any stated on one side that the other contradicts.
    for kind in [FactKind::Date, FactKind::Time] {
        let (l, r) = (of(left, kind), of(right, kind));
        let clash = l.iter().any(|a| !r.iter().any(|b| compatible(&a.value, &b.value)))
            || r.iter().any(|b| !l.iter().any(|a| compatible(&a.value, &b.value)));
        if clash {
            push(kind, l, r);
        }
    }

    // Places: names one side gives and the other does not.
    let name_set = |v: &[Fact]| v.iter().map(|f| f.value.label()).collect::<BTreeSet<_>>();
    let (lp, rp) = (of(left, FactKind::Place), of(right, FactKind::Place));
    if name_set(&lp) != name_set(&rp) {
        let (ls, rs) = (name_set(&lp), name_set(&rp));
        push(
            FactKind::Place,
            lp.into_iter().filter(|f| !rs.contains(&f.value.label())).collect(),
            rp.into_iter().filter(|f| !ls.contains(&f.value.label())).collect(),
        );
    }

    // Actors: other states named, or another state named first (who acted).
    let (la, ra) = (of(left, FactKind::Actor), of(right, FactKind::Actor));
    let first = |v: &[Fact]| v.first().map(|f| f.value.label());
    if name_set(&la) != name_set(&ra) || first(&la) != first(&ra) {
        push(FactKind::Actor, la, ra);
    }
    out
}

/// Two dates (or times) are compatible when no part both state differs.
fn compatible(a: &FactValue, b: &FactValue) -> bool {
    match (a, b) {
        (FactValue::Date { year: y1, month: m1, day: d1 }, FactValue::Date { year: y2, month: m2, day: d2 }) => {
            fn same<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> bool {
                x.is_none() || y.is_none() || x == y
            }
            same(y1, y2) && same(m1, m2) && same(d1, d2)
        }
        (a, b) => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fact_kind_names_are_their_json_names() {
        for kind in [FactKind::Number, FactKind::Date, FactKind::Time, FactKind::Place, FactKind::Actor] {
            assert_eq!(serde_json::to_value(kind).expect("serializes"), kind.as_str(), "the label and the JSON of {kind:?} agree");
        }
    }

    fn check(text: &str, expected: &[(&str, &str)]) {
        let got: Vec<(String, String)> = facts(text, Gazetteer::builtin(), Lexicon::builtin())
            .into_iter()
            .map(|f| (f.text, f.value.label()))
            .collect();
        let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(got, expected, "facts of {text:?}");
    }

    #[test]
    fn dates_read_in_every_order_and_language_to_one_value() {
        check("on 27 June", &[("27 June", "--06-27")]);
        check("le 27 juin 2024", &[("27 juin 2024", "2024-06-27")]);
        check("June 27, 2024", &[("June 27, 2024", "2024-06-27")]);
        check("2024-06-27", &[("2024-06-27", "2024-06-27")]);
        check("le 1er juillet", &[("1er juillet", "--07-01")]);
        check("27 июня 2022 года", &[("27 июня 2022", "2022-06-27")]);
    }

    #[test]
    fn numbers_read_digits_and_number_words_with_what_they_count() {
        check("18 of the 24 drones", &[("18", "18 drone"), ("24", "24 drone")]);
        check("six missiles", &[("six", "6 missile")]);
        check("douze drones ukrainiens", &[("douze", "12 drone"), ("ukrainiens", "UA")]);
        check("vingt et un soldats", &[("vingt et un", "21 soldat")]);
        check("1 200 soldats et 1,5 million de dollars", &[("1 200", "1200 soldat"), ("1,5 million", "1500000 dollar")]);
    }

    #[test]
    fn articles_are_not_counts() {
        check("un village", &[]);
    }

    #[test]
    fn times_read_in_both_conventions() {
        check("à 14h30", &[("14h30", "14:30")]);
        check("at 14:30", &[("14:30", "14:30")]);
    }

    #[test]
    fn actors_come_from_the_gazetteer_and_places_from_locatives() {
        check(
            "Azerbaijani forces shelled Armenian positions in Tavush",
            &[("Azerbaijani forces", "AZ"), ("Armenian", "AM"), ("Tavush", "tavush")],
        );
        check("dans la région de Tovuz, Bakou", &[("Tovuz", "tovuz"), ("Bakou", "AZ")]);
    }

    #[test]
    fn disagreements_compare_values_not_wording() {
        let lex = Lexicon::builtin();
        let g = Gazetteer::builtin();
        let a = facts("Air defences destroyed 18 of the 24 drones over Kursk on 27 June", g, lex);
        let b = facts("Only six missiles were launched near Kursk on June 28", g, lex);
        let kinds: Vec<(FactKind, String)> = disagreements(&a, &b).into_iter().map(|d| (d.kind, d.note)).collect();
        assert_eq!(
            kinds,
            vec![
                (FactKind::Number, "18 drone, 24 drone ≠ 6 missile".to_string()),
                (FactKind::Date, "--06-27 ≠ --06-28".to_string()),
            ],
            "counts and dates differ; the place is the same"
        );
        let same = facts("le 27 juin, 18 drones", g, lex);
        let same2 = facts("on June 27, eighteen drones", g, lex);
        assert_eq!(disagreements(&same, &same2), vec![], "the same facts in two languages agree");
    }
}
