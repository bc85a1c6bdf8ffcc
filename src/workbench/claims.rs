//! Sources and claims: reading them (lists, pages for a virtualized table, search, per-day
//! counts) and the analyst's edits of sources' facts and of claims. A claim the analyst adds or
//! corrects is matched against the others at once, as an imported one is; edits and deletions
//! need the analyst's name and are written to the history.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{anchor_in, Workbench};
use crate::align::{self, candidates::CandidateConfig};
use crate::error::{Error, Result};
use crate::model::{Claim, Origin, Source, Speaker, Stance};
use crate::store::{self, ClaimEdit, ClaimFilter, ClaimPage, DateSpan, NewClaim};

/// An analyst's correction of what is known of a source: fields left `None` keep their value.
#[derive(Debug, Clone, Default)]
pub struct SourceFacts {
    /// The outlet; `Some("")` clears it.
    pub outlet: Option<String>,
    /// The author; `Some("")` clears it.
    pub author: Option<String>,
    /// The publication day; `Some(None)` clears it.
    pub published_on: Option<Option<NaiveDate>>,
}

/// An analyst's edit of a claim: fields left `None` keep their value.
#[derive(Debug, Clone, Default)]
pub struct ClaimChanges {
    /// New content text.
    pub text: Option<String>,
    /// New speaker name.
    pub speaker: Option<String>,
    /// New party key (or name or alias; resolved through the store). `Some("")` clears it.
    pub party: Option<String>,
    /// New stance.
    pub stance: Option<Stance>,
    /// New cue.
    pub cue: Option<String>,
    /// New span, chars `start..end` of the claim's source; the text follows unless given too.
    pub span: Option<(usize, usize)>,
    /// The claim it answers; `Some(None)` unlinks it.
    pub responds_to: Option<Option<i64>>,
}

impl Workbench {
    /// Every source, oldest first.
    pub fn sources(&self) -> Result<Vec<Source>> {
        self.store.sources()
    }

    /// Whether the workspace holds any source.
    pub fn has_sources(&self) -> Result<bool> {
        self.store.has_sources()
    }

    /// How many sources the workspace holds.
    pub fn source_count(&self) -> Result<usize> {
        self.store.source_count()
    }

    /// The sources at `offset..offset + limit`, oldest first, without their texts, with their
    /// claims counted and the total: what a list shows, however large the library.
    pub fn source_page(&self, offset: usize, limit: usize) -> Result<store::SourcePage> {
        self.store.source_page(offset, limit)
    }

    /// One source as a list shows it: its facts, its text's length and its claims, not its text.
    pub fn source_listing(&self, id: i64) -> Result<store::SourceListing> {
        self.store.source_listing(id)
    }

    /// The listings of the sources `ids`, in that order (ids not in the store left out): the
    /// sources of a page of claims.
    pub fn source_listings(&self, ids: &[i64]) -> Result<Vec<store::SourceListing>> {
        self.store.source_listings(ids)
    }

    /// At most `limit` sources whose title (or text) holds the words, newest first, or the one
    /// numbered so: what a picker offers, without reading the library.
    pub fn find_sources(&self, words: &str, field: store::SourceField, limit: usize) -> Result<Vec<store::SourceListing>> {
        self.store.find_sources(words, field, limit)
    }

    /// One source.
    pub fn source(&self, id: i64) -> Result<Source> {
        self.store.source(id)
    }

    /// Where a source came from and who wrote it: canonical URL, author, versions, pages.
    pub fn provenance(&self, id: i64) -> Result<store::Provenance> {
        self.store.provenance(id)
    }

    /// Corrects what is known of a source: outlet, author and publication day (`Some("")` or
    /// `Some(None)` clears one, `None` keeps it), under the analyst's name with a history entry
    /// of what changed. Its claims are dated by that day. A day equal to the one known keeps the
    /// time of day the metadata gave.
    pub fn edit_source(&mut self, id: i64, facts: SourceFacts) -> Result<Source> {
        let analyst = self.analyst()?;
        let before = self.store.source(id)?;
        let author_before = self.store.provenance(id)?.author;
        let clean = |v: Option<String>, old: Option<String>, what: &str| -> Result<Option<String>> {
            match v.map(|s| s.trim().to_string()) {
                None => Ok(old),
                Some(s) if s.is_empty() => Ok(None),
                Some(s) if s.chars().any(char::is_control) => Err(Error::bad_input(what, "holds control characters")),
                Some(s) => Ok(Some(s)),
            }
        };
        let outlet = clean(facts.outlet, before.outlet, "outlet")?;
        let author = clean(facts.author, author_before, "author")?;
        let published = match facts.published_on {
            None => before.published_at,
            Some(day) if day == before.published_at.map(|t| t.date_naive()) => before.published_at,
            Some(day) => day.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()),
        };
        self.store.set_source_facts(id, outlet.as_deref(), author.as_deref(), published, &analyst)
    }

    /// Sources whose title or text matches a full-text query.
    pub fn search_sources(&self, query: &str) -> Result<Vec<Source>> {
        self.store.search_sources(query)
    }

    /// Number of claims per source id.
    pub fn claim_counts_by_source(&self) -> Result<HashMap<i64, usize>> {
        self.store.claim_counts_by_source()
    }

    /// Claims matching `filter`, in source order.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        self.store.claims(filter)
    }

    /// One claim.
    pub fn claim(&self, id: i64) -> Result<Claim> {
        self.store.claim(id)
    }

    /// Number of claims in the store.
    pub fn claim_count(&self) -> Result<i64> {
        self.store.claim_count()
    }

    /// The claims at `offset..offset + limit` of those matching `filter` and `dates`, with the
    /// total: exact, or past [`crate::store::COUNT_FLOOR`] a lower bound (`total_exact`).
    pub fn claims_page(&self, filter: &ClaimFilter, dates: &DateSpan, offset: usize, limit: usize) -> Result<ClaimPage> {
        self.store.claims_page(filter, dates, offset, limit)
    }

    /// How many claims match `filter` and `dates`, every one counted.
    pub fn claims_total(&self, filter: &ClaimFilter, dates: &DateSpan) -> Result<usize> {
        self.store.claims_total(filter, dates)
    }

    /// The ids of the claims at `offset..offset + limit` of those matching `filter` and `dates`,
    /// in the same order as [`Workbench::claims_page`]: a selected range reaching rows not loaded.
    pub fn claim_ids(&self, filter: &ClaimFilter, dates: &DateSpan, offset: usize, limit: usize) -> Result<Vec<i64>> {
        self.store.claim_ids_page(filter, dates, offset, limit)
    }

    /// How many claims match `filter` per source day, oldest day first.
    pub fn claims_by_day(&self, filter: &ClaimFilter) -> Result<Vec<(NaiveDate, usize)>> {
        self.store.claims_by_day(filter)
    }

    /// Records an analyst's claim on the chars `start..end` of a source.
    /// The speaker needs a name (see [`checked_speaker_name`]); an empty party counts as none.
    pub fn add_claim(&mut self, source_id: i64, start: usize, end: usize, mut speaker: Speaker, cue: &str, stance: Stance) -> Result<Claim> {
        speaker.party = speaker.party.filter(|p| !p.trim().is_empty());
        let source = self.store.source(source_id)?;
        let len = source.text.chars().count();
        if start >= end || end > len {
            return Err(Error::bad_input("span", format!("{start}..{end} is not inside the source's {len} characters")));
        }
        let speaker = self.resolve_speaker(checked_speaker(speaker)?)?;
        let anchor = anchor_in(&source.text, start, end);
        let claim = NewClaim {
            source_id,
            text: anchor.selector.exact.clone(),
            anchor,
            speaker,
            cue: cue.to_string(),
            stance,
            via: Vec::new(),
            responds_to: None,
            origin: Origin::Analyst,
            doubts: Vec::new(),
        };
        // A hand-made claim is proposed against the others at once, as an imported one is.
        let gazetteer = self.gazetteer()?;
        let id = self.store.write(|tx| {
            let id = store::insert_claim_in(tx, &claim)?;
            align::detect_in(tx, &gazetteer, &CandidateConfig::default())?;
            Ok(id)
        })?;
        self.store.claim(id)
    }

    /// Fills a speaker's party and countries from the gazetteer when the analyst gave a name only.
    fn resolve_speaker(&self, mut speaker: Speaker) -> Result<Speaker> {
        if speaker.party.is_none() {
            if let Ok(p) = self.store.find_party(&speaker.name) {
                speaker.party = Some(p.key);
            }
        }
        if let Some(key) = &speaker.party {
            let party = self.store.party(key)?;
            if speaker.countries.is_empty() {
                speaker.countries.extend(party.country);
            }
        }
        Ok(speaker)
    }

    /// Edits a claim as the analyst: it becomes the analyst's (origin `analyst`) and the change is logged.
    pub fn edit_claim(&mut self, claim_id: i64, changes: ClaimChanges, note: &str) -> Result<Claim> {
        let analyst = self.analyst()?;
        let party = match changes.party.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(p) => Some(Some(self.store.find_party(p)?.key)),
        };
        let anchor = match changes.span {
            None => None,
            Some((start, end)) => {
                let source = self.store.source(self.store.claim(claim_id)?.source_id)?;
                let len = source.text.chars().count();
                if start >= end || end > len {
                    return Err(Error::bad_input("span", format!("{start}..{end} is not inside the source's {len} characters")));
                }
                Some(anchor_in(&source.text, start, end))
            }
        };
        // A new span without new words: the claim says what the span holds.
        let text = changes.text.or_else(|| anchor.as_ref().map(|a| a.selector.exact.clone()));
        let edit = ClaimEdit {
            text,
            speaker: changes.speaker.as_deref().map(checked_speaker_name).transpose()?,
            party,
            stance: changes.stance,
            cue: changes.cue,
            anchor,
            responds_to: changes.responds_to,
        };
        let claim = self.store.edit_claim(claim_id, &edit, note, &analyst)?;
        // The edit queued the claim for detection: match its corrected words and party now, so
        // the conflicts list reflects the correction without a manual rescan.
        self.detect_conflicts()?;
        Ok(claim)
    }

    /// Says who speaks in many claims at once: `party` (key, name or alias) for every claim of
    /// `ids`, as the analyst's correction (each changed claim becomes `edited`, with a history
    /// entry), in one transaction that also matches the claims against the others under their new
    /// party. All or none; returns how many changed. Clearing a party is a correction of one
    /// claim (`edit_claim`), not a bulk action: it would send every claim back to the queue.
    pub fn set_party(&mut self, ids: &[i64], party: &str, note: &str) -> Result<usize> {
        let analyst = self.analyst()?;
        if party.trim().is_empty() {
            return Err(Error::bad_input("party", "is empty; name the party who speaks"));
        }
        let party = self.store.find_party(party.trim())?;
        let countries: Vec<String> = party.country.into_iter().collect();
        let gazetteer = self.gazetteer()?;
        self.store.write(|tx| {
            let changed = store::set_party_in(tx, ids, &party.key, &countries, note, &analyst)?;
            align::detect_in(tx, &gazetteer, &CandidateConfig::default())?;
            Ok(changed)
        })
    }

    /// Deletes a claim; the history keeps what it was.
    pub fn delete_claim(&mut self, claim_id: i64, note: &str) -> Result<()> {
        let analyst = self.analyst()?;
        self.store.delete_claim(claim_id, note, &analyst)
    }
}

/// The speaker with its name checked by [`checked_speaker_name`].
fn checked_speaker(mut speaker: Speaker) -> Result<Speaker> {
    speaker.name = checked_speaker_name(&speaker.name)?;
    Ok(speaker)
}

/// A speaker name as stored: trimmed, not empty, no control characters (they would reach
/// terminals and reports through the name).
fn checked_speaker_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::bad_input("speaker", "is empty; a claim needs the name of who said it"));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::bad_input("speaker", "holds control characters"));
    }
    Ok(name.to_string())
}
