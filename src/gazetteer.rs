//! The party gazetteer: which names, capitals, demonyms and institutions stand for which party.
//!
//! The default data ships in `data/gazetteer/gazetteer.json` (built from world-countries plus hand
//! completions; see its README). The store seeds its `parties` table from it; the extractor
//! resolves speakers through a [`Gazetteer`] built from the store, so analysts' alias edits apply.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::PartyKind;
use crate::text::{fold, name_key_ru, WordFilter};

/// Shortest stem a one-word Russian name is matched by: shorter ones ("Мали" → "мал", "Того" →
/// "тог") are everyday words once their endings go; those names still match as written.
const MIN_STEM_CHARS: usize = 4;

const BUILTIN_JSON: &str = include_str!("../data/gazetteer/gazetteer.json");

/// One party of the gazetteer file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable key: "AZ", "AZ.mfa", "org.nato".
    pub key: String,
    /// What it is.
    pub kind: PartyKind,
    /// State it stands for.
    pub country: Option<String>,
    /// Key of its parent party.
    pub parent: Option<String>,
    /// Display name per language.
    #[serde(default)]
    pub name: BTreeMap<String, String>,
    /// Names in text per language (a capital is an alias: metonymy).
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Adjectives and nouns of nationality per language ("russe", "Azerbaijani").
    #[serde(default)]
    pub demonyms: BTreeMap<String, Vec<String>>,
    /// Capital per language.
    #[serde(default)]
    pub capital: BTreeMap<String, String>,
}

impl Entry {
    /// Display name in `lang`, falling back to English, then the key.
    pub fn display_name(&self, lang: &str) -> &str {
        self.name
            .get(lang)
            .or_else(|| self.name.get("en"))
            .map_or(self.key.as_str(), String::as_str)
    }
}

#[derive(Debug, Deserialize)]
struct File {
    source: String,
    licence: String,
    parties: Vec<Entry>,
}

/// The entries a lookup found, read in place: the extractor looks names up for most capitalized
/// words of a text, and collecting each answer in a vector cost an allocation a lookup.
#[derive(Debug, Clone, Copy, Default)]
pub struct Found<'g> {
    entries: &'g [Entry],
    ids: &'g [usize],
}

impl<'g> Found<'g> {
    /// Whether the lookup found nothing.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The first entry found.
    pub fn first(&self) -> Option<&'g Entry> {
        self.ids.first().map(|&i| &self.entries[i])
    }

    /// The entries found, in index order.
    pub fn iter(&self) -> impl Iterator<Item = &'g Entry> + 'g {
        let entries = self.entries;
        self.ids.iter().map(move |&i| &entries[i])
    }
}

/// An index from folded names to parties.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Where the data comes from, as the data file says.
    pub source: String,
    /// Its licence.
    pub licence: String,
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    by_alias: HashMap<String, Vec<usize>>,
    by_demonym: HashMap<String, Vec<usize>>,
    /// First words of the demonyms of more than one word ("south" of "South Korean"): a text's
    /// capitalized words are asked whether they open one, and hardly any does.
    demonym_first: HashSet<String>,
    /// The keys of `by_demonym` and `demonym_first`, filtered before either is looked up: every
    /// capitalized word of an English text (every word of a French one) is asked whether it is a
    /// demonym, and hardly any is.
    demonym_filter: Box<WordFilter<256>>,
    /// Russian names and demonyms by [`name_key_ru`]: Russian declines them ("МИД России",
    /// "в Кремле", "азербайджанской стороны"), so text matches by stem, not by form.
    by_stem: HashMap<String, Vec<usize>>,
    by_demonym_stem: HashMap<String, Vec<usize>>,
    /// First words of the keys of `by_stem`: most words start no name, and this says so in one
    /// lookup before a phrase key is built.
    stem_first: HashSet<String>,
    /// Longest alias in words, kept up to date by every insertion: callers ask per phrase scan.
    max_words: usize,
    /// Every prefix of a key of `by_alias` that ends where a word of the text can end: before a
    /// space, before or after an apostrophe ("d'" + "ivoire", "russia" + "'s"), before a period
    /// ("u.s" + "."), and the whole key. A scan stops extending a phrase no name begins with, and
    /// most words of a text begin none. Kept a superset when an alias is removed: it only prunes,
    /// `by_alias` decides.
    alias_heads: HashSet<String>,
    /// `alias_heads`, filtered before it is looked up: it is asked of every word of a text.
    alias_filter: Box<WordFilter<1024>>,
}

impl Gazetteer {
    /// The gazetteer shipped in the binary.
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The file is compiled in and checked by tests; failing here is a build defect.
            Gazetteer::from_json(BUILTIN_JSON).unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// SHA-256 of the shipped data, so the store re-seeds only when it changes.
    pub fn builtin_hash() -> String {
        crate::text::hash_hex(BUILTIN_JSON.as_bytes())
    }

    /// Parses a gazetteer file.
    pub fn from_json(json: &str) -> Result<Gazetteer> {
        let file: File = serde_json::from_str(json)
            .map_err(|e| Error::BundledData { name: "gazetteer.json", why: e.to_string() })?;
        let mut g = Gazetteer { source: file.source, licence: file.licence, ..Default::default() };
        for e in file.parties {
            g.insert(e);
        }
        Ok(g)
    }

    /// Adds or replaces an entry and indexes its names.
    pub fn insert(&mut self, entry: Entry) {
        let idx = match self.by_key.get(&entry.key) {
            Some(&i) => {
                self.entries[i] = entry;
                i
            }
            None => {
                self.entries.push(entry);
                self.entries.len() - 1
            }
        };
        let e = &self.entries[idx];
        self.by_key.insert(e.key.clone(), idx);
        let names = e.aliases.values().flatten().chain(e.name.values()).chain(e.capital.values());
        for n in names {
            let folded = fold(n);
            self.max_words = self.max_words.max(folded.split_whitespace().count());
            note_heads(&mut self.alias_heads, &mut self.alias_filter, &folded);
            push_unique(self.by_alias.entry(folded).or_default(), idx);
        }
        for d in e.demonyms.values().flatten() {
            let folded = fold(d);
            if let Some((first, _)) = folded.split_once(' ') {
                self.demonym_filter.insert(first);
                self.demonym_first.insert(first.to_string());
            }
            self.demonym_filter.insert(&folded);
            push_unique(self.by_demonym.entry(folded).or_default(), idx);
        }
        let ru_names = e.aliases.get("ru").into_iter().flatten().chain(e.name.get("ru")).chain(e.capital.get("ru"));
        let stems: Vec<String> = ru_names.filter_map(|n| stem_key(n)).collect();
        for k in stems {
            self.stem_first.insert(k.split(' ').next().unwrap_or("").to_string());
            push_unique(self.by_stem.entry(k).or_default(), idx);
        }
        let demonym_stems: Vec<String> = e.demonyms.get("ru").into_iter().flatten().filter_map(|d| stem_key(d)).collect();
        for k in demonym_stems {
            push_unique(self.by_demonym_stem.entry(k).or_default(), idx);
        }
    }

    /// Adds one alias to an existing entry (an analyst's edit).
    pub fn add_alias(&mut self, key: &str, lang: &str, alias: &str) {
        if let Some(&idx) = self.by_key.get(key) {
            self.entries[idx].aliases.entry(lang.to_string()).or_default().push(alias.to_string());
            let folded = fold(alias);
            self.max_words = self.max_words.max(folded.split_whitespace().count());
            note_heads(&mut self.alias_heads, &mut self.alias_filter, &folded);
            push_unique(self.by_alias.entry(folded).or_default(), idx);
            if lang == "ru" {
                if let Some(k) = stem_key(alias) {
                    self.stem_first.insert(k.split(' ').next().unwrap_or("").to_string());
                    push_unique(self.by_stem.entry(k).or_default(), idx);
                }
            }
        }
    }

    /// Removes one alias from the index (an analyst's edit).
    pub fn remove_alias(&mut self, key: &str, alias: &str) {
        if let Some(&idx) = self.by_key.get(key) {
            if let Some(v) = self.by_alias.get_mut(&fold(alias)) {
                v.retain(|&i| i != idx);
            }
            if let Some(v) = stem_key(alias).and_then(|k| self.by_stem.get_mut(&k)) {
                v.retain(|&i| i != idx);
            }
            for names in self.entries[idx].aliases.values_mut() {
                names.retain(|n| fold(n) != fold(alias));
            }
        }
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this key.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }

    /// Entries that go by this name (case, accents and apostrophes ignored).
    pub fn lookup(&self, name: &str) -> Vec<&Entry> {
        self.by_alias.get(&fold(name)).map_or_else(Vec::new, |v| v.iter().map(|&i| &self.entries[i]).collect())
    }

    /// Entries that go by this name, given already folded (as [`crate::text::fold`] does): lets a
    /// caller that folds its text once look names up without folding again.
    pub fn lookup_folded(&self, folded: &str) -> Found<'_> {
        self.found(self.by_alias.get(folded))
    }

    /// Whether some name, folded, starts with `folded_words`: words as the extractor keys them
    /// (see `alias_heads`).
    pub fn starts_alias(&self, folded_words: &str) -> bool {
        self.alias_filter.may_hold(folded_words) && self.alias_heads.contains(folded_words)
    }

    /// Demonym lookup on an already folded word.
    pub fn by_demonym_folded(&self, folded: &str) -> Found<'_> {
        if !self.demonym_filter.may_hold(folded) {
            return Found::default();
        }
        self.found(self.by_demonym.get(folded))
    }

    /// Whether a demonym of several words starts with this folded word ("south", "sri").
    pub fn starts_demonym(&self, folded: &str) -> bool {
        self.demonym_filter.may_hold(folded) && self.demonym_first.contains(folded)
    }

    /// States whose demonym this is ("russe" → RU, "Azerbaijani" → AZ).
    pub fn by_demonym(&self, word: &str) -> Vec<&Entry> {
        self.by_demonym.get(&fold(word)).map_or_else(Vec::new, |v| v.iter().map(|&i| &self.entries[i]).collect())
    }

    /// Entries whose Russian name has this [`name_key_ru`] key, whatever case the text declines it in.
    pub fn lookup_stem(&self, key: &str) -> Found<'_> {
        self.found(self.by_stem.get(key))
    }

    /// Whether some Russian name's key starts with this stem (see [`name_key_ru`]).
    pub fn stem_starts_name(&self, stem: &str) -> bool {
        self.stem_first.contains(stem)
    }

    /// States whose Russian demonym has this [`name_key_ru`] key ("российской" → RU).
    pub fn by_demonym_stem(&self, key: &str) -> Found<'_> {
        self.found(self.by_demonym_stem.get(key))
    }

    /// The entries of an index's list, if any.
    fn found<'g>(&'g self, ids: Option<&'g Vec<usize>>) -> Found<'g> {
        Found { entries: &self.entries, ids: ids.map_or(&[], Vec::as_slice) }
    }

    /// Longest folded alias length in words, to bound phrase lookups.
    pub fn max_alias_words(&self) -> usize {
        self.max_words.max(1)
    }
}

/// The stem key of a Russian name, or `None` for a one-word name too short to match by stem.
fn stem_key(name: &str) -> Option<String> {
    let key = name_key_ru(name);
    (key.contains(' ') || key.chars().count() >= MIN_STEM_CHARS).then_some(key)
}

/// Records the heads of one folded alias (see `Gazetteer::alias_heads`).
fn note_heads(heads: &mut HashSet<String>, filter: &mut WordFilter<1024>, folded: &str) {
    let mut note = |head: &str| {
        filter.insert(head);
        heads.insert(head.to_string());
    };
    for (i, c) in folded.char_indices() {
        if matches!(c, ' ' | '\'' | '.') && i > 0 {
            note(&folded[..i]);
        }
        if c == '\'' {
            note(&folded[..i + 1]);
        }
    }
    note(folded);
}

fn push_unique(v: &mut Vec<usize>, idx: usize) {
    if !v.contains(&idx) {
        v.push(idx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_resolves_capitals_and_demonyms_to_their_state() {
        let g = Gazetteer::builtin();
        let country = |name: &str| g.lookup(name).iter().filter_map(|e| e.country.clone()).collect::<Vec<_>>();
        assert!(country("Bakou").contains(&"AZ".to_string()), "Bakou stands for Azerbaijan");
        assert!(country("erevan").contains(&"AM".to_string()), "lookup ignores case");
        assert!(country("Azerbaidjan").contains(&"AZ".to_string()), "lookup ignores accents");
        assert!(g.by_demonym("russe").iter().any(|e| e.key == "RU"), "russe is Russian");
        assert!(g.entries().iter().filter(|e| e.kind == PartyKind::State).count() >= 193, "every UN member state");
    }

    #[test]
    fn a_name_starts_with_each_of_its_words_as_the_text_splits_them() {
        let g = Gazetteer::builtin();
        for head in ["human", "human rights", "human rights watch", "cote", "cote d'", "cote d'ivoire", "u.s", "u.s."] {
            assert!(g.starts_alias(head), "{head:?} starts a name");
        }
        for head in ["said", "human rights said", "hum"] {
            assert!(!g.starts_alias(head), "{head:?} starts no name");
        }
    }
}
