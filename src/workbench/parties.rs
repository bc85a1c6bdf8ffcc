//! Parties: who speaks. Listing and finding them, the analyst's own parties and aliases, merging
//! two parties into one, and the [`Gazetteer`] the extractor and conflict detection resolve names
//! with (the shipped one with the analyst's edits applied).

use super::Workbench;
use crate::error::{Error, Result};
use crate::gazetteer::{Entry, Gazetteer};
use crate::model::{Alias, Origin, Party, PartyKind};
use crate::store::{PartyEdits, Store};
use std::sync::Arc;
use crate::text::fold;

/// Seeds the store with the shipped parties when the shipped gazetteer changed since the last seed.
pub(super) fn seed_gazetteer(store: &mut Store) -> Result<()> {
    let shipped = Gazetteer::builtin();
    let parties: Vec<Party> = shipped.entries().iter().map(shipped_party).collect();
    store.seed_parties(&Gazetteer::builtin_hash(), &parties)
}

/// A gazetteer entry as the store keeps it: its English name, its aliases in every language.
fn shipped_party(e: &Entry) -> Party {
    let aliases = e
        .aliases
        .iter()
        .flat_map(|(lang, names)| names.iter().map(move |n| Alias { lang: lang.clone(), text: n.clone(), origin: Origin::Extracted }))
        .collect();
    Party {
        id: 0,
        key: e.key.clone(),
        name: e.display_name("en").to_string(),
        kind: e.kind,
        country: e.country.clone(),
        parent: e.parent.clone(),
        aliases,
    }
}

impl Workbench {
    /// The gazetteer the extractor should use: the shipped one with the analyst's edits applied.
    ///
    /// Built again only when the edits differ from those the last one applied (read each time,
    /// so that another process's edits count): a copy of the shipped gazetteer, built and dropped
    /// for every conflict's card, was nine tenths of a window of 100 cards at a million claims.
    pub fn gazetteer(&self) -> Result<Arc<Gazetteer>> {
        let edits = self.store.party_edits()?;
        // A poisoned cache (a panic while it was held) is only rebuilt.
        if let Ok(cache) = self.gazetteer.lock() {
            if let Some((_, g)) = cache.as_ref().filter(|(applied, _)| *applied == edits) {
                return Ok(g.clone());
            }
        }
        let g = Arc::new(gazetteer_with(&edits));
        if let Ok(mut cache) = self.gazetteer.lock() {
            *cache = Some((edits, g.clone()));
        }
        Ok(g)
    }

    /// Parties with the number of claims each speaks; all of them with `all`, else those with
    /// claims or touched by the analyst.
    pub fn parties(&self, all: bool) -> Result<Vec<(Party, i64)>> {
        self.store.parties(all)
    }

    /// One party by key.
    pub fn party(&self, key: &str) -> Result<Party> {
        self.store.party(key)
    }

    /// Finds a party by key, exact name or alias (accents and case ignored).
    pub fn find_party(&self, name_or_key: &str) -> Result<Party> {
        self.store.find_party(name_or_key)
    }

    /// Adds an alias (in `lang`, "" for every language) to a party named by key, name or alias;
    /// the history records it under the analyst's name, which must be set.
    pub fn add_alias(&mut self, party: &str, lang: &str, alias: &str) -> Result<Party> {
        let key = self.store.find_party(party)?.key;
        let analyst = self.analyst()?;
        self.store.add_alias(&key, lang.trim(), alias, &analyst)?;
        self.store.party(&key)
    }

    /// Removes an alias from a party named by key, name or alias; a shipped alias stays removed
    /// across upgrades. The history records it under the analyst's name, which must be set.
    pub fn remove_alias(&mut self, party: &str, alias: &str) -> Result<Party> {
        let key = self.store.find_party(party)?.key;
        let analyst = self.analyst()?;
        self.store.remove_alias(&key, alias, &analyst)?;
        self.store.party(&key)
    }

    /// Who speaks for `party` (key, name or alias; a state includes its institutions and officials),
    /// each person once under every name the sources give them, in any language and case, most
    /// claims first. A group's claims are those `ClaimFilter::speaker_group` picks.
    pub fn party_speakers(&self, party: &str) -> Result<Vec<crate::model::SpeakerGroup>> {
        let filter = crate::store::ClaimFilter { party: Some(party.to_string()), ..Default::default() };
        // (key, names as written with their counts, claims), in key order.
        let mut groups: std::collections::BTreeMap<String, (Vec<(String, usize)>, usize)> = Default::default();
        for (key, name, n) in self.store.speaker_names(&filter)? {
            let g = groups.entry(key).or_default();
            g.0.push((name, n));
            g.1 += n;
        }
        let mut out: Vec<crate::model::SpeakerGroup> = groups
            .into_iter()
            .map(|(id, (mut names, claims))| {
                names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                crate::model::SpeakerGroup { id, names: names.into_iter().map(|(n, _)| n).collect(), claims }
            })
            .collect();
        out.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Parties whose key, name or an alias matches `query` (accents and case ignored), best first:
    /// the key itself, then names and aliases that start with the query, then those holding it;
    /// parties that speak in the store before the others at each rank. At most `limit`.
    pub fn search_parties(&self, query: &str, limit: usize) -> Result<Vec<Party>> {
        let q = fold(query.trim());
        let mut ranked: Vec<(u8, i64, Party)> = Vec::new();
        for (party, claims) in self.store.parties(true)? {
            let names = std::iter::once(party.name.as_str()).chain(party.aliases.iter().map(|a| a.text.as_str()));
            let rank = if q.is_empty() || fold(&party.key) == q {
                0
            } else {
                let folded: Vec<String> = names.map(fold).collect();
                if folded.iter().any(|n| n.starts_with(&q) || n.split(' ').any(|w| w.starts_with(&q))) {
                    1
                } else if folded.iter().any(|n| n.contains(&q)) || fold(&party.key).starts_with(&q) {
                    2
                } else {
                    continue;
                }
            };
            ranked.push((rank, -claims, party));
        }
        ranked.sort_by(|a, b| (a.0, a.1, &a.2.name).cmp(&(b.0, b.1, &b.2.name)));
        Ok(ranked.into_iter().take(limit).map(|(_, _, p)| p).collect())
    }

    /// Creates a party of the analyst's named `name`, with a key made from the name (`kyiv-city`,
    /// `kyiv-city-2` when taken): what the party picker does when nothing it found fits.
    pub fn create_party(&mut self, name: &str, kind: PartyKind, country: Option<&str>) -> Result<Party> {
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(Error::bad_input("party name", "is empty or holds control characters"));
        }
        let slug: String = fold(name)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let base = if slug.is_empty() { "party".to_string() } else { slug };
        let mut key = base.clone();
        let mut n = 1;
        while self.store.party(&key).is_ok() {
            n += 1;
            key = format!("{base}-{n}");
        }
        let country = country.map(str::trim).filter(|c| !c.is_empty()).map(str::to_uppercase);
        self.store.add_party(&key, name, kind, country.as_deref(), None)
    }

    /// Creates a party of the analyst's.
    pub fn add_party(&mut self, key: &str, name: &str, kind: PartyKind, country: Option<&str>, parent: Option<&str>) -> Result<Party> {
        self.store.add_party(key, name, kind, country, parent)
    }

    /// Merges party `from` into `into` (each named by key, name or alias): its claims, children
    /// and names move to `into`. The moved claims now speak for another party, so conflict
    /// detection reads them again. The history records the merge under the analyst's name.
    pub fn merge_parties(&mut self, from: &str, into: &str) -> Result<Party> {
        let from = self.store.find_party(from)?.key;
        let into = self.store.find_party(into)?.key;
        let analyst = self.analyst()?;
        let merged = self.store.merge_parties(&from, &into, &analyst)?;
        self.detect_conflicts()?;
        Ok(merged)
    }
}

/// The shipped gazetteer with `edits` applied.
fn gazetteer_with(edits: &PartyEdits) -> Gazetteer {
    let mut g = Gazetteer::builtin().clone();
    for p in &edits.parties {
        g.insert(Entry {
            kind: p.kind,
            name: [("en".to_string(), p.name.clone())].into(),
            key: p.key.clone(),
            country: p.country.clone(),
            parent: p.parent.clone(),
            aliases: Default::default(),
            demonyms: Default::default(),
            capital: Default::default(),
        });
    }
    for a in &edits.aliases {
        if a.removed {
            g.remove_alias(&a.party, &a.text);
        } else {
            g.add_alias(&a.party, &a.lang, &a.text);
        }
    }
    g
}
