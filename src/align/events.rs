//! The event lexicon: words of what happened and what was hit, in French, English and Russian,
//! mapped to language-independent concepts (`strike`: strike, frappe, удар). Two accounts of
//! one event in two languages share few words but the same concepts; concepts of one `kind`
//! (an "airstrike" on one side, a "rocket" on the other) count as one shared signal. An entry of
//! several words names its concept where those words come in a row ("by force", « par la force »:
//! force used, where "force" alone is an armed force). Loaded from `data/align/events.json`,
//! which names its source.

use std::sync::OnceLock;

use foldhash::HashMap;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::text::fold;

const EVENTS_JSON: &str = include_str!("../../data/align/events.json");

#[derive(Deserialize)]
struct File {
    concepts: Vec<ConceptEntry>,
}

#[derive(Deserialize)]
struct ConceptEntry {
    id: String,
    kind: Option<String>,
    #[serde(default)]
    site: bool,
    #[serde(default)]
    outcome: bool,
    words: Vec<String>,
}

/// A concept as loaded: its id and the signal it counts as.
#[derive(Debug, Clone)]
struct Concept {
    id: String,
    signal: String,
    site: bool,
    outcome: bool,
}

/// The concepts and their words.
#[derive(Debug, Clone, Default)]
pub struct EventLexicon {
    concepts: Vec<Concept>,
    /// Folded words to the concepts they name, by index. Every word of every claim is looked up
    /// here: scanning each concept's words for each was a tenth of a claim's features.
    exact: HashMap<String, Vec<usize>>,
    /// Folded prefixes ("frapp*") to their concepts; a word is looked up by each of its own
    /// prefixes of a length some entry has.
    prefixes: HashMap<String, Vec<usize>>,
    /// Lengths of the prefixes, in chars, shortest first.
    prefix_lens: Vec<usize>,
    /// Entries of several words: their folded words, by their last word, with their concept.
    phrases: HashMap<String, Vec<(Vec<String>, usize)>>,
}

impl EventLexicon {
    /// The shipped lexicon.
    pub fn builtin() -> &'static EventLexicon {
        static LEX: OnceLock<EventLexicon> = OnceLock::new();
        // The file is compiled in and checked by a unit test, so it always parses.
        LEX.get_or_init(|| EventLexicon::from_json(EVENTS_JSON).unwrap_or_default())
    }

    /// Reads a lexicon in the format of `data/align/events.json`.
    pub fn from_json(json: &str) -> Result<EventLexicon> {
        let file: File = serde_json::from_str(json).map_err(|e| Error::bad_input("event lexicon", e.to_string()))?;
        let mut lex = EventLexicon::default();
        for (i, c) in file.concepts.into_iter().enumerate() {
            for w in &c.words {
                let words: Vec<String> = fold(w).split_whitespace().map(str::to_string).collect();
                if let [.., last] = words.as_slice() {
                    if words.len() > 1 {
                        lex.phrases.entry(last.clone()).or_default().push((words.clone(), i));
                        continue;
                    }
                }
                let (map, word) = match w.strip_suffix('*') {
                    Some(p) => (&mut lex.prefixes, fold(p)),
                    None => (&mut lex.exact, fold(w)),
                };
                let ids = map.entry(word).or_default();
                if ids.last() != Some(&i) {
                    ids.push(i);
                }
            }
            lex.concepts.push(Concept { signal: c.kind.unwrap_or_else(|| c.id.clone()), site: c.site, outcome: c.outcome, id: c.id });
        }
        lex.prefix_lens = lex.prefixes.keys().map(|p| p.chars().count()).collect();
        lex.prefix_lens.sort_unstable();
        lex.prefix_lens.dedup();
        Ok(lex)
    }

    /// True when `concept` names a site, what was hit (a hospital, a temple), rather than what
    /// happens in every account of a war (forces, fighting, a toll).
    pub fn is_site(&self, concept: &str) -> bool {
        self.concepts.iter().any(|c| c.site && c.id == concept)
    }

    /// True when `concept` is what a strike leaves (the dead, the wounded, damage): what one side
    /// may say did not happen ("no casualties or damage occurred").
    pub fn is_outcome(&self, concept: &str) -> bool {
        self.concepts.iter().any(|c| c.outcome && c.id == concept)
    }

    /// True when some phrase ends with the folded word `last`.
    pub fn ends_phrase(&self, last: &str) -> bool {
        self.phrases.contains_key(last)
    }

    /// The concepts the phrases ending at the last of `recent` (folded words in text order, the
    /// latest last) name, as (concept id, signal) pairs, in the lexicon's order.
    pub fn phrase_concepts(&self, recent: &[&str]) -> Vec<(&str, &str)> {
        let Some(last) = recent.last() else { return Vec::new() };
        let Some(candidates) = self.phrases.get(*last) else { return Vec::new() };
        let ends_with = |words: &[String]| words.len() <= recent.len() && recent[recent.len() - words.len()..].iter().zip(words).all(|(r, w)| *r == w.as_str());
        let mut ids: Vec<usize> = candidates.iter().filter(|(words, _)| ends_with(words)).map(|&(_, i)| i).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().filter_map(|i| self.concepts.get(i)).map(|c| (c.id.as_str(), c.signal.as_str())).collect()
    }

    /// The concepts a folded word names, as (concept id, signal) pairs, in the lexicon's order.
    pub fn concepts_of(&self, folded: &str) -> Vec<(&str, &str)> {
        let mut ids: Vec<usize> = self.exact.get(folded).cloned().unwrap_or_default();
        let bounds: Vec<usize> = folded.char_indices().map(|(b, _)| b).skip(1).chain([folded.len()]).collect();
        for &n in &self.prefix_lens {
            let Some(&end) = bounds.get(n.wrapping_sub(1)) else { break };
            if let Some(found) = self.prefixes.get(&folded[..end]) {
                ids.extend(found);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().filter_map(|i| self.concepts.get(i)).map(|c| (c.id.as_str(), c.signal.as_str())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concepts(word: &str) -> Vec<String> {
        let folded = fold(word);
        EventLexicon::builtin().concepts_of(&folded).into_iter().map(|(id, _)| id.to_string()).collect()
    }

    #[test]
    fn the_shipped_lexicon_parses_and_names_one_concept_across_languages() {
        EventLexicon::from_json(EVENTS_JSON).expect("data/align/events.json parses");
        for w in ["airstrike", "frappes", "ударом"] {
            assert_eq!(concepts(w), vec!["strike"], "{w} is a strike");
        }
        for w in ["drones", "беспилотники"] {
            assert_eq!(concepts(w), vec!["drone"], "{w} is a drone");
        }
        for w in ["ceasefire", "cessez-le-feu", "перемирие"] {
            assert_eq!(concepts(w), vec!["ceasefire"], "{w} is a ceasefire");
        }
        assert!(concepts("harvest").is_empty(), "a word of no event names none");
        let lex = EventLexicon::builtin();
        assert!(lex.is_site("hospital") && !lex.is_site("armed_forces") && !lex.is_site("strike"), "a hospital is a site, forces and strikes are not");
        assert!(lex.is_outcome("killed") && lex.is_outcome("damage") && !lex.is_outcome("strike"), "the dead and damage are outcomes, a strike is not");
        for w in ["eliminated", "neutralisés", "ликвидированы"] {
            assert_eq!(concepts(w), vec!["killed"], "{w}: the militaries' word for killing");
        }
    }

    fn phrase(words: &str) -> Vec<String> {
        let folded = fold(words);
        let recent: Vec<&str> = folded.split_whitespace().collect();
        EventLexicon::builtin().phrase_concepts(&recent).into_iter().map(|(id, _)| id.to_string()).collect()
    }

    #[test]
    fn a_phrase_names_its_concept_only_with_all_its_words_in_a_row() {
        assert_eq!(phrase("répondre par la force"), vec!["use_of_force"], "force used");
        assert_eq!(phrase("unification by force"), vec!["use_of_force"], "force used, in English");
        assert!(phrase("la force").is_empty(), "a phrase's last words alone are not the phrase");
        assert!(phrase("par la force de l'habitude").is_empty(), "the phrase ends where its last word is");
        assert_eq!(concepts("force"), vec!["armed_forces"], "'force' alone is an armed force: the Air Force");
        let lex = EventLexicon::builtin();
        assert!(lex.ends_phrase("force") && !lex.ends_phrase("par"), "a phrase is looked for at its last word");
    }
}
