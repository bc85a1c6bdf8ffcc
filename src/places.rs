//! Places: cities of 50,000 people or more, with the state that administers them, by the names
//! English, French and Russian text gives them (GeoNames; see `data/places/README.md`).
//!
//! A city is no party: it does not stand for its state as a capital does. The extractor reads a
//! place's state only where a local office names it ("the head of the Donetsk regional
//! administration") and where a dispatch names no state at all, only its towns.

use std::sync::OnceLock;

use foldhash::HashMap;

use crate::text::{fold, name_key_ru};

const BUILTIN_TSV: &str = include_str!("../data/places/places.tsv");

/// Shortest stem a Russian city name is matched by in any case.
const MIN_STEM_CHARS: usize = 5;

/// One city.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// GeoNames id.
    pub id: u32,
    /// ISO 3166-1 alpha-2 code of the state that administers it.
    pub country: String,
}

/// Cities by folded name, and Russian names also by stem.
#[derive(Debug, Default)]
pub struct Places {
    places: Vec<Place>,
    by_name: HashMap<String, u32>,
    by_stem: HashMap<String, u32>,
    max_words: usize,
}

impl Places {
    /// The cities shipped with Crosscheck, parsed once.
    pub fn builtin() -> &'static Places {
        static BUILTIN: OnceLock<Places> = OnceLock::new();
        BUILTIN.get_or_init(|| Places::parse(BUILTIN_TSV))
    }

    /// Reads `id TAB state TAB population TAB name|name…` lines; `#` lines and malformed ones are
    /// skipped (the file is generated and checked by its build script).
    fn parse(tsv: &str) -> Places {
        let mut out = Places::default();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            // (The population column served the build's choice between namesakes.)
            let (Some(id), Some(country), Some(_population), Some(names)) = (f.next(), f.next(), f.next(), f.next()) else { continue };
            let Ok(id) = id.parse() else { continue };
            let idx = out.places.len() as u32;
            out.places.push(Place { id, country: country.to_string() });
            for name in names.split('|') {
                let folded = fold(name);
                out.max_words = out.max_words.max(folded.split_whitespace().count());
                if name.chars().next().is_some_and(|c| matches!(c, 'А'..='я' | 'Ё' | 'ё')) {
                    // Short stems are first names and everyday words ("Серго" → "серг", as "Сергей").
                    let stem = name_key_ru(&folded);
                    if stem.chars().count() >= MIN_STEM_CHARS {
                        out.by_stem.entry(stem).or_insert(idx);
                    }
                }
                out.by_name.entry(folded).or_insert(idx);
            }
        }
        out
    }

    /// The city of this folded name ("donetsk", "courtrai", "краматорск").
    pub fn lookup_folded(&self, folded: &str) -> Option<&Place> {
        self.by_name.get(folded).map(|&i| &self.places[i as usize])
    }

    /// The city whose Russian name has this stem key, in any case ("Краматорске", "Харькова"), or
    /// whose region adjective it is ("Белгородской" → Белгород, "Харьковской" → Харьков).
    pub fn lookup_stem(&self, folded: &str) -> Option<&Place> {
        let key = name_key_ru(folded);
        if key.chars().count() < MIN_STEM_CHARS {
            return None;
        }
        self.by_stem.get(&key).or_else(|| key.strip_suffix("ск").and_then(|k| self.by_stem.get(k))).map(|&i| &self.places[i as usize])
    }

    /// Longest name in words.
    pub fn max_words(&self) -> usize {
        self.max_words.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cities_resolve_to_their_state_by_any_of_their_names() {
        let p = Places::builtin();
        let state = |name: &str| p.lookup_folded(&fold(name)).map(|x| x.country.as_str());
        assert_eq!(state("Donetsk"), Some("UA"));
        assert_eq!(state("Courtrai"), Some("BE"));
        assert_eq!(state("Kortrijk"), Some("BE"));
        assert_eq!(p.lookup_stem(&fold("Краматорске")).map(|x| x.country.as_str()), Some("UA"));
        assert_eq!(p.lookup_stem(&fold("Белгородской")).map(|x| x.country.as_str()), Some("RU"));
        // A name shared by cities of several states names none; everyday words are no places.
        assert_eq!(state("Victoria"), None);
        assert_eq!(state("Said"), None);
        // A first name is no city by its stem.
        assert_eq!(p.lookup_stem(&fold("Сергей")), None);
    }
}
