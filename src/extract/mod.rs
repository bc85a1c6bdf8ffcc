//! Attribution extraction: who said what, through whom, denying what.
//!
//! Input is a normalized text; output is a list of claims with char offsets into it. The
//! extractor touches no store: parties resolve through the [`Gazetteer`] it is given.
//!
//! The pipeline is rule-based and linear in the text: [`lang`] picks the language from function
//! words; `segment` cuts blocks, tokens, quotations and sentences; `cues` holds the per-language
//! lexicons (data files under `data/lexicons/`); `attribute` frames each cue with its speaker and
//! content and nests relays; `speaker` resolves names, descriptions and pronouns; `respond` links
//! denials to the claims they answer. [`eval`] scores the output against gold files.

mod attribute;
mod cues;
pub mod eval;
mod lang;
mod mentions;
mod paragraphs;
mod respond;
mod segment;
mod sex;
mod speaker;

use serde::{Deserialize, Serialize};

use crate::gazetteer::Gazetteer;
use crate::model::{Speaker, Stance};

/// How to extract.
#[derive(Debug, Clone, Copy)]
pub struct ExtractConfig<'a> {
    /// Names to resolve speakers with.
    pub gazetteer: &'a Gazetteer,
    /// ISO 639-1 language, or `None` to detect it.
    pub language: Option<&'a str>,
}

/// What the extractor found in one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The language used ("fr", "en"; "und" when none of the known languages was recognised).
    pub language: String,
    /// Claims in text order.
    pub claims: Vec<ExtractedClaim>,
}

/// One proposed claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedClaim {
    /// Id within this extraction ("c1").
    pub id: String,
    /// Content text.
    pub text: String,
    /// Start, in chars of the input.
    pub start: usize,
    /// End (exclusive), in chars of the input.
    pub end: usize,
    /// The cue as written.
    pub cue: String,
    /// What the cue does.
    pub stance: Stance,
    /// Who speaks, coreference resolved, and where the text names them.
    pub speaker: ExtractedSpeaker,
    /// Where the cue is written: start, in chars of the input (equal to `cue_end` for a quotation
    /// that continues the previous speaker without a cue).
    pub cue_start: usize,
    /// End (exclusive) of the cue, in chars of the input.
    pub cue_end: usize,
    /// Relays, nearest first.
    pub via: Vec<Speaker>,
    /// Id of the claim this one answers.
    pub responds_to: Option<String>,
}

/// The speaker of an extracted claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedSpeaker {
    /// Name, party and states, as the claim will store them.
    #[serde(flatten)]
    pub who: Speaker,
    /// Where the speaker is written in the claim's sentence, in chars of the input; absent when the
    /// speaker is carried over (a pronoun's referent is named elsewhere; a quotation continuing).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub start: Option<usize>,
    /// End (exclusive) of the speaker's words, in chars of the input.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub end: Option<usize>,
    /// `false` when the subject could not be tied to anyone the document or the gazetteer knows:
    /// the claim is kept, as written and with no party, for the analyst to settle.
    pub resolved: bool,
}

/// Languages the extractor has lexicons for.
pub fn languages() -> Vec<&'static str> {
    cues::codes()
}

/// Detects the language of `text` among those the extractor knows; "und" when there is no
/// evidence for any (empty text, binary data, another language).
pub fn detect_language(text: &str) -> String {
    lang::detect(text).unwrap_or("und").to_string()
}

/// What makes `name` no speaker's name in `language`: the lowercase words in it that are a finite
/// verb or an auxiliary, a finite or gerund reporting cue, or a word opening a clause ("that", « que »,
/// "что"). Empty for a name as it should be. A capitalized word is a name ("Said", "Will"), never a
/// flaw. The corpus tests run it over every speaker the extractor gives.
pub fn speaker_name_flaws(name: &str, language: &str) -> Vec<String> {
    let Some(lex) = cues::lexicon(language) else { return Vec::new() };
    let words: Vec<&str> = name.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-')).filter(|w| !w.is_empty()).collect();
    let folded: Vec<String> = words.iter().map(|w| crate::text::fold(w)).collect();
    let mut out = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let f = folded[k].as_str();
        let get = |i: usize| folded.get(i).map(String::as_str);
        // A document noun is no verb ("communiqué du ministère", "reports citing sources"), nor
        // is a claim noun standing for its unnamed author ("the claims that …").
        let document = lex.is(cues::S::RelayNouns, f) || f.strip_suffix('s').is_some_and(|x| lex.is(cues::S::RelayNouns, x)) || lex.set(cues::S::ClaimNouns).match_at(&get, k).is_some();
        let cue = !document && lex.cues.matches_at(&get, k).iter().any(|(_, c)| matches!(c.form, cues::Form::Finite | cues::Form::Gerund));
        // ("autorités à New Delhi" holds no verb.)
        let aux = lex.is_aux_written(w);
        if lex.is_finite(f) || aux || lex.is(cues::S::Complementizers, f) || cue {
            out.push((*w).to_string());
        }
    }
    out
}

/// Extracts the claims of `text`. A language the extractor has no lexicon for yields no claims.
pub fn extract(text: &str, cfg: &ExtractConfig<'_>) -> Extraction {
    let language = cfg.language.map_or_else(|| detect_language(text), str::to_string);
    let Some(lex) = cues::lexicon(&language) else {
        return Extraction { language, claims: Vec::new() };
    };
    let base = speaker::Resolver { gazetteer: cfg.gazetteer, lex, text, profile: None };
    let seg = segment::SegConfig { elision: &lex.elision, inversion: &lex.inversion, abbreviations: &lex.abbreviations };
    let mut chars = 0;
    let mut last_byte = 0;
    let mut blocks = Vec::new();
    for (start, end) in segment::blocks(text) {
        chars += text[last_byte..start].chars().count();
        let block = segment::tokenize(text, start, end, chars, &seg);
        chars = block.end_char;
        last_byte = end;
        blocks.push(block);
    }
    // Speakers resolve against what the whole document says of them, so it is read once first.
    let profile = mentions::profile(&base, &blocks);
    let mut att = attribute::Attributor::new(speaker::Resolver { profile: Some(&profile), ..base });
    for block in &blocks {
        att.block(block);
    }
    let mut raw = att.claims;
    raw.sort_by_key(|c| (c.start, c.cue_pos));
    raw.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.speaker == b.speaker);
    same_person_same_state(&mut raw);
    let links = respond::link(&raw);
    let claims = raw
        .into_iter()
        .zip(links)
        .enumerate()
        .map(|(i, (c, link))| ExtractedClaim {
            id: format!("c{}", i + 1),
            text: c.text,
            start: c.start,
            end: c.end,
            cue: c.cue,
            stance: c.stance,
            speaker: ExtractedSpeaker {
                who: c.speaker,
                start: c.speaker_span.map(|s| s.0),
                end: c.speaker_span.map(|s| s.1),
                resolved: c.resolved,
            },
            cue_start: c.cue_span.0,
            cue_end: c.cue_span.1,
            via: c.via,
            responds_to: link.map(|j| format!("c{}", j + 1)),
        })
        .collect();
    Extraction { language, claims }
}

/// A person stands for one state throughout a document: where the text tells it only after the
/// person first spoke ("a déclaré Gérald Darmanin … le ministre de l'Intérieur a rappelé"), their
/// earlier claims take it too. A person given two states keeps each claim's own.
fn same_person_same_state(raw: &mut [attribute::RawClaim]) {
    use std::collections::HashMap;
    // A person's states and party, as their claims give them.
    type Side = (Vec<String>, Option<String>);
    // Person key → the side their claims give, or `None` once two disagree.
    let mut states: HashMap<String, Option<Side>> = HashMap::new();
    for c in raw.iter() {
        let (Some(p), false) = (c.person.as_deref(), c.speaker.countries.is_empty()) else { continue };
        match states.get_mut(p) {
            Some(Some((cs, _))) if *cs != c.speaker.countries => {
                states.insert(p.to_string(), None);
            }
            Some(_) => {}
            None => {
                states.insert(p.to_string(), Some((c.speaker.countries.clone(), c.speaker.party.clone())));
            }
        }
    }
    for c in raw.iter_mut().filter(|c| c.speaker.countries.is_empty()) {
        if let Some(Some((cs, party))) = c.person.as_deref().and_then(|p| states.get(p)) {
            c.speaker.countries.clone_from(cs);
            c.speaker.party.clone_from(party);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::cues::{self, Form, S};
    use super::segment::tokenize_words;
    use super::{extract, ExtractConfig};
    use crate::gazetteer::Gazetteer;

    /// Every text of the shared corpora and of the project's own, by folder.
    fn corpus_texts() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let shared = root.join("../shared/corpus");
        let mut dirs = vec![root.join("tests/corpus"), root.join("tests/corpus/heldout")];
        for d in ["dev", "news-fr", "news-en", "news-ru"] {
            dirs.push(shared.join(d));
        }
        if let Ok(events) = std::fs::read_dir(shared.join("pairs")) {
            dirs.extend(events.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()));
        }
        let mut out = Vec::new();
        for d in dirs {
            let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("corpus folder {} is readable: {e}", d.display()));
            out.extend(entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")));
        }
        out.sort();
        out
    }

    /// The lowercase words of a speaker name that read as a verb or open a clause: an auxiliary, a
    /// finite verb, a finite or gerund cue form, a complementizer or a relative pronoun.
    fn verbs_in(name: &str, language: &str) -> Vec<String> {
        let Some(lex) = cues::lexicon(language) else { return Vec::new() };
        let mut out = Vec::new();
        // The first word heads the phrase: a cue form there is its noun ("communiqué du ministère").
        for raw in name.split_whitespace().skip(1).filter(|w| !w.starts_with(char::is_uppercase)) {
            let words = tokenize_words(raw, &lex.elision);
            for w in &words {
                let get = |i: usize| words.get(i).map(String::as_str);
                let cue = lex.cues.matches_at(&get, 0).iter().any(|(n, c)| *n == 1 && c.form != Form::Participle);
                // ("autorités à New Delhi" holds no verb.)
                let aux = lex.is(S::Aux, w) && lex.is_aux_written(raw.trim_matches(|c: char| !c.is_alphanumeric()));
                if aux || lex.is_finite(w) || lex.is(S::Complementizers, w) || lex.is(S::Relatives, w) || (cue && words.len() == 1) {
                    out.push(raw.to_string());
                }
            }
        }
        out
    }

    #[test]
    fn no_speaker_name_in_any_corpus_holds_a_verb_a_cue_or_a_clause() {
        let texts = corpus_texts();
        assert!(texts.len() >= 90, "the corpora are there ({} texts)", texts.len());
        let mut bad = Vec::new();
        for path in &texts {
            let text = crate::text::normalize(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())));
            let x = extract(&text, &ExtractConfig { gazetteer: Gazetteer::builtin(), language: None });
            for c in &x.claims {
                let verbs = verbs_in(&c.speaker.who.name, &x.language);
                if !verbs.is_empty() {
                    bad.push(format!("{}: {} speaker {:?} holds {verbs:?}", path.display(), c.id, c.speaker.who.name));
                }
            }
        }
        assert!(bad.is_empty(), "{} speaker names hold verbs or clauses:\n{}", bad.len(), bad.join("\n"));
    }
}
