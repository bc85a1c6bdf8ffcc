//! The event lexicon: words of what happened and what was hit, in French, English and Russian,
//! mapped to language-independent concepts (`strike`: strike, frappe, удар). Two accounts of
//! one event in two languages share few words but the same concepts; concepts of one `kind`
//! (an "airstrike" on one side, a "rocket" on the other) count as one shared signal. Loaded
//! from `data/align/events.json`, which names its source.

use std::collections::BTreeSet;
use std::sync::OnceLock;

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
    words: Vec<String>,
}

/// A concept as loaded: its id, the signal it counts as, and its words (folded).
#[derive(Debug, Clone)]
struct Concept {
    id: String,
    signal: String,
    site: bool,
    exact: BTreeSet<String>,
    prefixes: Vec<String>,
}

/// The concepts and their words.
#[derive(Debug, Clone)]
pub struct EventLexicon {
    concepts: Vec<Concept>,
}

impl EventLexicon {
    /// The shipped lexicon.
    pub fn builtin() -> &'static EventLexicon {
        static LEX: OnceLock<EventLexicon> = OnceLock::new();
        // The file is compiled in and checked by a unit test, so it always parses.
        LEX.get_or_init(|| EventLexicon::from_json(EVENTS_JSON).unwrap_or(EventLexicon { concepts: Vec::new() }))
    }

    /// Reads a lexicon in the format of `data/align/events.json`.
    pub fn from_json(json: &str) -> Result<EventLexicon> {
        let file: File = serde_json::from_str(json).map_err(|e| Error::bad_input("event lexicon", e.to_string()))?;
        let concepts = file
            .concepts
            .into_iter()
            .map(|c| {
                let mut exact = BTreeSet::new();
                let mut prefixes = Vec::new();
                for w in &c.words {
                    match w.strip_suffix('*') {
                        Some(p) => prefixes.push(fold(p)),
                        None => {
                            exact.insert(fold(w));
                        }
                    }
                }
                Concept { signal: c.kind.unwrap_or_else(|| c.id.clone()), site: c.site, id: c.id, exact, prefixes }
            })
            .collect();
        Ok(EventLexicon { concepts })
    }

    /// True when `concept` names a site, what was hit (a hospital, a temple), rather than what
    /// happens in every account of a war (forces, fighting, a toll).
    pub fn is_site(&self, concept: &str) -> bool {
        self.concepts.iter().any(|c| c.site && c.id == concept)
    }

    /// The concepts a folded word names, as (concept id, signal) pairs.
    pub fn concepts_of<'a>(&'a self, folded: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.concepts
            .iter()
            .filter(move |c| c.exact.contains(folded) || c.prefixes.iter().any(|p| folded.starts_with(p.as_str())))
            .map(|c| (c.id.as_str(), c.signal.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concepts(word: &str) -> Vec<String> {
        let folded = fold(word);
        EventLexicon::builtin().concepts_of(&folded).map(|(id, _)| id.to_string()).collect()
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
    }
}
