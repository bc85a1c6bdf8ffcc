//! Cross-party candidates: claims of different parties, from different sources, that seem to
//! speak of the same event, found without comparing all pairs.
//!
//! Each claim is reduced to [`Features`] (days, places, names, actors, counted things, content
//! words) and to blocking keys. An inverted index from key to claims proposes, for each claim,
//! the few others that share the most selective keys; keys held by more than
//! [`CandidateConfig::max_postings`] claims say nothing about one event and are skipped, and
//! compound keys (a place on a day) stay selective when each part alone is common. Only the
//! shortlisted pairs are scored, so the cost grows with the number of claims, not its square.
//!
//! What ties two claims to one event is their [`Account`]s: a claim's own days, places, states,
//! actors and sites, and those of the claims its speaker made just before it in the same source.
//! Detection reads the account as it loads a claim ([`Features::continue_account`]); the
//! blocking keys stay the claim's own.

use std::collections::BTreeSet;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::events::EventLexicon;
use super::facts::{facts_and_words, stem, FactValue, Lexicon};
use super::tokens::TokenKind;
use crate::gazetteer::Gazetteer;
use crate::model::{MatchEvidence, Speaker};
use crate::places::Places;
use crate::text::{fold, key_hash};

/// How candidates are found and kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CandidateConfig {
    /// Least score for a pair to be proposed, 0–1.
    pub threshold: f32,
    /// Keys held by more claims than this are too common to block on.
    pub max_postings: usize,
    /// How many of the best-blocked claims are scored per claim.
    pub shortlist: usize,
}

impl Default for CandidateConfig {
    fn default() -> Self {
        CandidateConfig { threshold: 0.5, max_postings: crate::store::MAX_POSTINGS, shortlist: 12 }
    }
}

/// Who a claim speaks for, to tell parties apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Side {
    /// States the speaker stands for.
    pub countries: BTreeSet<String>,
    /// Party key, if resolved.
    pub party: Option<String>,
    /// Folded speaker name.
    pub name: String,
}

impl Side {
    /// The side of a speaker.
    pub fn of(speaker: &Speaker) -> Side {
        Side { countries: speaker.countries.iter().cloned().collect(), party: speaker.party.clone(), name: fold(&speaker.name) }
    }

    /// True when the speaker was resolved to a state or a party. An unresolved speaker ("the
    /// ministry", "officials") may be anyone, including the other side's own voice.
    pub fn is_known(&self) -> bool {
        !self.countries.is_empty() || self.party.is_some()
    }

    /// A key naming the side: its states, else its party, else the folded speaker name.
    pub fn key(&self) -> String {
        if !self.countries.is_empty() {
            return self.countries.iter().cloned().collect::<Vec<_>>().join("+");
        }
        self.party.clone().unwrap_or_else(|| self.name.clone())
    }

    /// True when the two speak for different parties: states with no state in common, or,
    /// when either stands for no state, different party keys or names.
    pub fn opposes(&self, other: &Side) -> bool {
        if !self.countries.is_empty() && !other.countries.is_empty() {
            return self.countries.is_disjoint(&other.countries);
        }
        match (&self.party, &other.party) {
            (Some(a), Some(b)) => a != b,
            _ => self.name != other.name,
        }
    }
}

/// A claim as the candidate finder needs it.
#[derive(Debug, Clone, Copy)]
pub struct ClaimRef<'a> {
    /// Claim id.
    pub id: i64,
    /// Its source.
    pub source_id: i64,
    /// Its content text.
    pub text: &'a str,
    /// Its speaker.
    pub speaker: &'a Speaker,
}

/// What a claim says about its event, reduced to comparable sets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features {
    /// Claim id.
    pub id: i64,
    /// Its source.
    pub source_id: i64,
    /// Who speaks.
    pub side: Side,
    /// Days named, "MM-DD".
    pub days: BTreeSet<String>,
    /// Places named, folded.
    pub places: BTreeSet<String>,
    /// Other capitalised names, folded.
    pub names: BTreeSet<String>,
    /// States involved: the speaker's and those named.
    pub involved: BTreeSet<String>,
    /// Things counted ("drone").
    pub units: BTreeSet<String>,
    /// Content words, folded and stemmed.
    pub words: BTreeSet<String>,
    /// Event concepts named, whatever the language ("strike", "hospital").
    pub concepts: BTreeSet<String>,
    /// The signals those concepts count as: a concept's kind ("violence", "toll"), else itself.
    pub signals: BTreeSet<String>,
    /// The concepts that name a site, what was hit ("hospital", "temple").
    pub sites: BTreeSet<String>,
    /// States the content names as taking part (actor facts), the speaker's aside.
    pub actors: BTreeSet<String>,
    /// How much the claim says: its facts (actors, places, dates, counts) and content words.
    pub content: usize,
    /// Outcome signals the claim says did not happen ("no casualties or damage occurred").
    pub denied: BTreeSet<String>,
    /// The anchors of the claim's account: its own, and those its speaker's claims just before
    /// it in the same source named ([`Features::continue_account`]).
    pub account: Account,
    /// True once the claims before it were read into its account.
    pub account_read: bool,
}

/// What ties a speaker's run of claims in one source to one event. A speaker's statements in a
/// row are one account: "India struck the biggest training camp … in Balakot" and then "this
/// action was targeted specifically at the camp"; "the forces attacked our positions on 24 July at
/// Ta Moan Thom" and then « une invasion armée »; "the strike on the hospital" and then "Hamas …
/// decided to hide what really happened"; "the payload fell near Balakot" and then "no casualties
/// or damage occurred". The later statements name none of the day, the place or the site, which
/// the account gives them. Only these anchors carry over, never the words or the signals of what
/// happened, so that a claim still matches only on what it says itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Account {
    /// Days the account names.
    pub days: BTreeSet<String>,
    /// Places it names.
    pub places: BTreeSet<String>,
    /// States it involves.
    pub involved: BTreeSet<String>,
    /// States it names as taking part.
    pub actors: BTreeSet<String>,
    /// Sites it names (what was hit).
    pub sites: BTreeSet<String>,
    /// The claim's own event signals and the account's sites.
    pub signals: BTreeSet<String>,
    /// How many anchors the earlier claims added to the claim's own.
    pub added: usize,
}

impl Account {
    fn of(f: &Features) -> Account {
        Account {
            days: f.days.clone(),
            places: f.places.clone(),
            involved: f.involved.clone(),
            actors: f.actors.clone(),
            sites: f.sites.clone(),
            signals: f.signals.clone(),
            added: 0,
        }
    }

    fn len(&self) -> usize {
        self.days.len() + self.places.len() + self.involved.len() + self.actors.len() + self.sites.len()
    }
}

/// How many of a speaker's claims just before a claim make its account: the statements of one
/// paragraph or two, about one event.
pub const ACCOUNT_REACH: usize = 3;

/// How many words after a negation an outcome is said not to have happened: "no casualties or
/// damage", « aucune victime ni dégât ».
const NEGATION_REACH: usize = 3;

/// The key of a place a claim names: a city's GeoNames id, whatever the language and the case
/// its name is written in ("in the city of Kremenchuk", « в городе Кременчуг Полтавской области »,
/// « à Kharkiv », « в Харькове »), else the folded name as written. A place read with the words
/// after it ("Кременчуг Полтавской") is the city its first word names.
pub fn place_key(folded: &str) -> String {
    let places = Places::builtin();
    let city = |name: &str| places.lookup_folded(name).or_else(|| places.lookup_stem(name));
    let head = folded.split_whitespace().next().unwrap_or_default();
    match city(folded).or_else(|| city(head)) {
        Some(p) => format!("geonames:{}", p.id),
        None => folded.to_string(),
    }
}

/// Facts and content words a claim needs to be put beside another source's: a headline fragment
/// ("une attaque planifiée", "une attaque thaïlandaise") or a bare reference says too little to
/// be matched on its own.
pub const MIN_CONTENT_WORDS: usize = 3;

/// Event signals two claims of other sources and languages must share to be matched on them
/// alone (with no shared day, place or name).
pub const MIN_SHARED_SIGNALS: usize = 2;

impl Features {
    /// Reads the features of a claim.
    pub fn new(c: ClaimRef<'_>, gazetteer: &Gazetteer, lex: &Lexicon) -> Features {
        let mut f = Features { id: c.id, source_id: c.source_id, side: Side::of(c.speaker), ..Default::default() };
        f.involved.extend(c.speaker.countries.iter().cloned());
        let (found, words) = facts_and_words(c.text, gazetteer, lex);
        let mut covered: Vec<(usize, usize)> = Vec::new();
        for fact in &found {
            covered.push((fact.start, fact.end));
            match &fact.value {
                FactValue::Date { month: Some(m), day: Some(d), .. } => {
                    f.days.insert(format!("{m:02}-{d:02}"));
                }
                FactValue::Place { name } => {
                    f.places.insert(place_key(name));
                }
                FactValue::Actor { country, .. } => {
                    f.involved.insert(country.clone());
                    f.actors.insert(country.clone());
                }
                FactValue::Number { unit: Some(u), .. } => {
                    f.units.insert(u.clone());
                }
                _ => {}
            }
        }
        f.content = found.len();
        let inside = |s: usize| covered.iter().any(|&(a, b)| a <= s && s < b);
        let mut first_word = true;
        let events = EventLexicon::builtin();
        // Words since the last negation ("no", « aucun », « нет »); far when there was none.
        let mut since_negation = usize::MAX;
        // Where the sentence began in `words`, for the lexicon's phrases ("par la force").
        let mut sentence = 0;
        for (i, (t, folded)) in words.iter().enumerate() {
            if t.kind == TokenKind::Punct && matches!(t.text, "." | "!" | "?" | "«" | "\"" | "“") {
                first_word = true;
                since_negation = usize::MAX;
                sentence = i + 1;
            }
            if t.kind != TokenKind::Word {
                continue;
            }
            since_negation = since_negation.saturating_add(1);
            if lex.is_negation(folded) {
                since_negation = 0;
            }
            // Before the fact check: "two rockets" is a count and a concept.
            let mut named = events.concepts_of(folded);
            // Phrases are looked for at their last word only, which few words are ("force",
            // "силы"): gathering the sentence's words then costs less than keeping every word.
            if events.ends_phrase(folded) {
                let so_far: Vec<&str> = words[sentence..=i].iter().filter(|(w, _)| w.kind == TokenKind::Word).map(|(_, w)| w.as_str()).collect();
                named.extend(events.phrase_concepts(&so_far));
            }
            for (concept, signal) in named {
                f.concepts.insert(concept.to_string());
                f.signals.insert(signal.to_string());
                if events.is_site(concept) {
                    f.sites.insert(concept.to_string());
                }
                if since_negation <= NEGATION_REACH && events.is_outcome(concept) {
                    f.denied.insert(signal.to_string());
                }
            }
            let sentence_start = std::mem::replace(&mut first_word, false);
            if inside(t.start) {
                continue;
            }
            if folded.chars().count() < 3 || lex.is_stopword(folded) || lex.is_calendar_word(folded) {
                continue;
            }
            if !sentence_start && t.text.chars().next().is_some_and(char::is_uppercase) {
                f.names.insert(folded.clone());
            }
            f.words.insert(stem(folded));
        }
        f.content += f.words.len();
        f.account = Account::of(&f);
        f
    }

    /// Extends this claim's account with `earlier`, a claim just before it in its source, when
    /// the same speaker made it; false otherwise (the account ends there).
    pub fn continue_account(&mut self, earlier: &Features) -> bool {
        if earlier.source_id != self.source_id || earlier.id >= self.id || earlier.side.name != self.side.name {
            return false;
        }
        let before = self.account.len();
        let a = &mut self.account;
        a.days.extend(earlier.days.iter().cloned());
        a.places.extend(earlier.places.iter().cloned());
        a.involved.extend(earlier.involved.iter().cloned());
        a.actors.extend(earlier.actors.iter().cloned());
        a.sites.extend(earlier.sites.iter().cloned());
        a.signals.extend(earlier.sites.iter().cloned());
        a.added += a.len() - before;
        true
    }

    /// How much the claim says with what its account adds: a fragment of a speaker's account
    /// (« une invasion armée » after the attack it names) says more than a headline's.
    pub fn said(&self) -> usize {
        self.content + self.account.added
    }

    /// The blocking keys of this claim, each with its weight in the shortlist.
    pub fn keys(&self) -> Vec<(String, f32)> {
        let mut keys = Vec::new();
        for d in &self.days {
            keys.push((format!("d:{d}"), 1.5));
            for p in &self.places {
                keys.push((format!("pd:{p}|{d}"), 3.0));
            }
        }
        keys.extend(self.places.iter().map(|p| (format!("p:{p}"), 2.0)));
        keys.extend(self.names.iter().map(|n| (format!("n:{n}"), 1.5)));
        keys.extend(self.units.iter().map(|u| (format!("u:{u}"), 1.0)));
        keys.extend(self.signals.iter().map(|e| (format!("e:{e}"), 1.5)));
        keys.extend(self.words.iter().map(|w| (format!("w:{w}"), 1.0)));
        keys
    }

    /// [`Features::keys`] as the key index holds them: 47-bit hashes ([`crate::text::key_hash`]).
    pub fn hashed_keys(&self) -> Vec<(i64, f32)> {
        self.keys().into_iter().map(|(k, w)| (key_hash(&k), w)).collect()
    }
}

/// A scored pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// 0–1.
    pub score: f32,
    /// What it rests on.
    pub evidence: Vec<MatchEvidence>,
}

/// Scores how likely `a` and `b` speak of the same event; `None` when they share no anchor (a
/// day, a place, a name, or many content words), whatever else they share.
pub fn score(a: &Features, b: &Features) -> Option<Scored> {
    let shared = |x: &BTreeSet<String>, y: &BTreeSet<String>| x.intersection(y).cloned().collect::<Vec<_>>();
    let mut evidence = Vec::new();
    let mut add = |kind: &str, values: Vec<String>, weight: f32| {
        if !values.is_empty() && weight > 0.0 {
            evidence.push(MatchEvidence { kind: kind.to_string(), shared: values, weight });
        }
    };
    let days = shared(&a.days, &b.days);
    let places = shared(&a.places, &b.places);
    let names = shared(&a.names, &b.names);
    let union = a.words.union(&b.words).count();
    let common = shared(&a.words, &b.words);
    let jaccard = if union == 0 { 0.0 } else { common.len() as f32 / union as f32 };
    let involved = shared(&a.involved, &b.involved);
    // Accounts dated days apart are two incidents, and an account of the fighting with another
    // adversary is another exchange, whatever else they share.
    if dated_apart(a, b) || other_adversary(a, b) || other_adversary(b, a) {
        return None;
    }
    // Event concepts are not specific to one event ("forces", "strike" are in every war): they
    // count only between accounts tied to one event by an anchor, a state both involve or a
    // place, a day or a site both name. Opposing sides often name only themselves ("India struck
    // the camp in Balakot" against "Pakistan's response … the payload fell near Balakot"): the
    // place is then what ties the accounts. A claim's anchors are its account's.
    let (signals, denials) = if anchored(a, b) { (shared(&a.account.signals, &b.account.signals), denials(a, b)) } else { (Vec::new(), Vec::new()) };
    if days.is_empty() && places.is_empty() && names.is_empty() && jaccard < 0.3 && signals.len() + denials.len() < MIN_SHARED_SIGNALS {
        return None;
    }
    if !names_who_acted(a, b, !(days.is_empty() && places.is_empty() && names.is_empty() && common.is_empty())) {
        return None;
    }
    let actors = if involved.len() >= 2 { 0.10 } else if !involved.is_empty() { 0.05 } else { 0.0 };
    add("day", days.clone(), if days.is_empty() { 0.0 } else { 0.30 });
    add("place", places.clone(), if places.is_empty() { 0.0 } else { 0.25 });
    add("name", names.clone(), if names.is_empty() { 0.0 } else { 0.10 });
    add("actors", involved, actors);
    let units = shared(&a.units, &b.units);
    add("unit", units.clone(), if units.is_empty() { 0.0 } else { 0.10 });
    add("words", common, 0.30 * (2.0 * jaccard).min(1.0));
    // What happened and what was hit, across languages: each shared signal a quarter.
    let weight = (0.25 * signals.len() as f32).min(0.5);
    add("event", signals, weight);
    add("denied", denials, DENIAL_WEIGHT);
    let score = evidence.iter().map(|e| e.weight).sum::<f32>().min(1.0);
    Some(Scored { score, evidence })
}

/// What one side saying an outcome did not happen weighs when the other says it did: "no
/// casualties or damage occurred" against "a very large number of terrorists … were eliminated",
/// "there is no structural damage to the hospital" against "500 killed in an airstrike on the
/// hospital". The disagreement is itself a tie between the two, as a second shared signal.
const DENIAL_WEIGHT: f32 = 0.25;

/// Whether the accounts of `a` and `b` are tied to one event: a state both involve that one of
/// the two speaks for, or a place or a day both name. (Not a kind of site: "a village" is in
/// every war.) A third state both name ties nothing: "we supplied drones to Russia before the
/// war", said by Iran, and "Russia could not deliver high-precision strikes", said by Ukraine,
/// are two parties each speaking of Russia, not one of them answering the other.
fn anchored(a: &Features, b: &Features) -> bool {
    let meet = |x: &BTreeSet<String>, y: &BTreeSet<String>| {
        let (small, large) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        small.iter().any(|v| large.contains(v))
    };
    let (x, y) = (&a.account, &b.account);
    let own = |s: &String| a.side.countries.contains(s) || b.side.countries.contains(s);
    x.involved.iter().any(|s| own(s) && y.involved.contains(s)) || meet(&x.places, &y.places) || meet(&x.days, &y.days)
}

/// How many days apart two accounts of one incident may date it: the night of the 26th to the
/// 27th is the 26th on one side and the 27th on the other, and so is an evening across time zones.
const SAME_INCIDENT_DAYS: u32 = 1;

/// The day of the year of a day key ("06-27"), counting every year as 365 days (29 February
/// is 1 March's neighbour); `None` for a key that is no day.
fn day_of_year(key: &str) -> Option<u32> {
    const BEFORE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let (m, d) = key.split_once('-')?;
    let (m, d): (usize, u32) = (m.parse().ok()?, d.parse().ok()?);
    Some(BEFORE.get(m.checked_sub(1)?)? + d.clamp(1, 31) - 1)
}

/// Whether the accounts of `a` and `b` tell of two incidents: each dates itself, no day of one
/// is within [`SAME_INCIDENT_DAYS`] of a day of the other (across the new year too), and they
/// name no place in common. A war's sides report an incident a day; "the Armenian army shelled
/// our positions on 27 June" and "the Azerbaijani army opened fire on 28 May" share states,
/// forces and fire, and are two incidents. A shared place keeps them together: a date is then
/// what they may dispute.
fn dated_apart(a: &Features, b: &Features) -> bool {
    let (x, y) = (&a.account, &b.account);
    if x.days.is_empty() || y.days.is_empty() || x.places.iter().any(|p| y.places.contains(p)) {
        return false;
    }
    let near = |d: &String, e: &String| match (day_of_year(d), day_of_year(e)) {
        (Some(d), Some(e)) => {
            let gap = d.abs_diff(e) % 365;
            gap.min(365 - gap) <= SAME_INCIDENT_DAYS
        }
        // A key that is no day says nothing against one incident.
        _ => true,
    };
    !x.days.iter().any(|d| y.days.iter().any(|e| near(d, e)))
}

/// Whether the account of `a` is of an exchange with another adversary than `b`'s speaker: it
/// names a state that neither speaker stands for and `b`'s account does not name, and no state
/// `b`'s speaker stands for. Pakistan denying that its soldiers killed Indian soldiers speaks of
/// India, not of the Taliban who claim Pakistani losses, though both name Pakistan. A third state
/// both accounts name is what they may dispute ("we supplied drones to Russia before the war" /
/// "Iran keeps supplying drones to Russia").
fn other_adversary(a: &Features, b: &Features) -> bool {
    let (x, y) = (&a.account.involved, &b.account.involved);
    let (mine, theirs) = (&a.side.countries, &b.side.countries);
    !theirs.is_empty() && !theirs.iter().any(|s| x.contains(s)) && x.iter().any(|s| !mine.contains(s) && !theirs.contains(s) && !y.contains(s))
}

/// Outcomes one side says did not happen and the other says did, sorted.
fn denials(a: &Features, b: &Features) -> Vec<String> {
    let one_way = |x: &Features, y: &Features| x.denied.iter().filter(|s| y.signals.contains(*s) && !y.denied.contains(*s)).cloned().collect::<Vec<_>>();
    let mut out = one_way(a, b);
    out.extend(one_way(b, a));
    out.sort();
    out.dedup();
    out
}

/// Whether two accounts tied by nothing but what every account of a war holds — forces,
/// fighting, a toll, the states involved — are still worth putting side by side: only when each
/// names who acted, so that they may disagree on the actor ("Cambodian forces opened fire" /
/// « les hostilités ont été déclenchées par l'armée thaïlandaise »). One side's "continued
/// military clashes" disputes nothing. Accounts `tied` by a day, a place, a name or a word in
/// common, or naming the same site (a hospital, a temple), need no actor. What a claim's
/// account names counts as named.
fn names_who_acted(a: &Features, b: &Features, tied: bool) -> bool {
    let (x, y) = (&a.account, &b.account);
    tied || x.sites.iter().any(|s| y.sites.contains(s)) || (!x.actors.is_empty() && !y.actors.is_empty())
}

/// The score [`score`] would give, without building its evidence: the shortlist's filter.
pub fn quick_score(a: &Features, b: &Features) -> f32 {
    let n = |x: &BTreeSet<String>, y: &BTreeSet<String>| {
        let (small, large) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        small.iter().filter(|v| large.contains(*v)).count()
    };
    let (days, places, names, common) = (n(&a.days, &b.days), n(&a.places, &b.places), n(&a.names, &b.names), n(&a.words, &b.words));
    let union = a.words.len() + b.words.len() - common;
    let jaccard = if union == 0 { 0.0 } else { common as f32 / union as f32 };
    let involved = n(&a.involved, &b.involved);
    if dated_apart(a, b) || other_adversary(a, b) || other_adversary(b, a) {
        return 0.0;
    }
    let tied = anchored(a, b);
    let signals = if tied { n(&a.account.signals, &b.account.signals) } else { 0 };
    let denied = tied && (!a.denied.is_empty() || !b.denied.is_empty()) && !denials(a, b).is_empty();
    if days == 0 && places == 0 && names == 0 && jaccard < 0.3 && signals + usize::from(denied) < MIN_SHARED_SIGNALS {
        return 0.0;
    }
    if !names_who_acted(a, b, days + places + names + common > 0) {
        return 0.0;
    }
    let actors = if involved >= 2 { 0.10 } else if involved > 0 { 0.05 } else { 0.0 };
    let flag = |k: usize, w: f32| if k > 0 { w } else { 0.0 };
    let s = flag(days, 0.30) + flag(places, 0.25) + flag(names, 0.10) + actors + flag(n(&a.units, &b.units), 0.10)
        + if common > 0 { 0.30 * (2.0 * jaccard).min(1.0) } else { 0.0 }
        + (0.25 * signals as f32).min(0.5)
        + if denied { DENIAL_WEIGHT } else { 0.0 };
    s.min(1.0)
}

/// A proposed pair, ids in increasing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The lower claim id.
    pub a: i64,
    /// The higher claim id.
    pub b: i64,
    /// Score and evidence.
    pub scored: Scored,
}

/// Whether `a` and `b` may be proposed at all: other sources, opposing parties, each known. Two
/// unresolved speakers differ by name only, which a party repeating itself through "the
/// ministry" and "officials" does too.
pub fn eligible(a: &Features, b: &Features) -> bool {
    a.source_id != b.source_id
        && a.side.is_known()
        && b.side.is_known()
        && a.said() >= MIN_CONTENT_WORDS
        && b.said() >= MIN_CONTENT_WORDS
        && a.side.opposes(&b.side)
}

/// Every candidate pair among `claims`, through an inverted index over their keys.
pub fn propose(claims: &[Features], cfg: &CandidateConfig) -> Vec<Proposal> {
    // Keys are hashed once: the index holds 47-bit hashes, not strings (a collision only
    // adds a pair to a shortlist, which scoring then judges on the real features), the same
    // stable hashes as the store's key index, so proposals are deterministic across runs.
    let mut index: HashMap<i64, Vec<u32>> = HashMap::new();
    let keys: Vec<Vec<(i64, f32)>> = claims.iter().map(Features::hashed_keys).collect();
    for (i, ks) in keys.iter().enumerate() {
        for (k, _) in ks {
            index.entry(*k).or_default().push(i as u32);
        }
    }
    // Dense accumulator reused across claims; `touched` lists what to reset.
    let mut acc = vec![0f32; claims.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut out = Vec::new();
    for (i, ks) in keys.iter().enumerate() {
        for (k, w) in ks {
            let Some(post) = index.get(k) else { continue };
            if post.len() > cfg.max_postings {
                continue;
            }
            // Postings are in claim order: each pair is considered once, from its later claim.
            for &j in post.iter().take_while(|&&j| (j as usize) < i) {
                if acc[j as usize] == 0.0 {
                    touched.push(j);
                }
                acc[j as usize] += w;
            }
        }
        touched.sort_unstable_by(|x, y| acc[*y as usize].total_cmp(&acc[*x as usize]).then(x.cmp(y)));
        for &j in touched.iter().take(cfg.shortlist) {
            let (a, b) = (&claims[j as usize], &claims[i]);
            if !eligible(a, b) {
                continue;
            }
            if quick_score(a, b) < cfg.threshold {
                continue;
            }
            if let Some(s) = score(a, b).filter(|s| s.score >= cfg.threshold) {
                out.push(Proposal { a: a.id.min(b.id), b: a.id.max(b.id), scored: s });
            }
        }
        for j in touched.drain(..) {
            acc[j as usize] = 0.0;
        }
    }
    out
}

/// The shortlist for one claim given a posting lookup (the store's index): other claims by
/// accumulated key weight, best first. `postings` answers, for a key's hash, the claims holding a
/// key of that hash, or `None` when too many do.
pub fn shortlist(f: &Features, cfg: &CandidateConfig, postings: impl FnMut(i64) -> Option<Vec<i64>>) -> Vec<i64> {
    shortlist_by_keys(f.id, &f.hashed_keys(), cfg, postings)
}

/// [`shortlist`] of claim `id` from its [`Features::hashed_keys`], computed before.
pub fn shortlist_by_keys(id: i64, keys: &[(i64, f32)], cfg: &CandidateConfig, mut postings: impl FnMut(i64) -> Option<Vec<i64>>) -> Vec<i64> {
    // foldhash, not SipHash: a map like this is filled for every claim imported. Its order does
    // not matter: the list is sorted below, and each claim's weights add up in key order.
    let mut acc: foldhash::HashMap<i64, f32> = foldhash::HashMap::default();
    for &(k, w) in keys {
        let Some(ids) = postings(k) else { continue };
        acc.reserve(ids.len());
        for other in ids {
            if other != id {
                *acc.entry(other).or_default() += w;
            }
        }
    }
    best_of(acc.into_iter().collect(), cfg)
}

/// The shortlist of claims with their accumulated key weights: the `cfg.shortlist` best, best
/// first.
pub(crate) fn best_of(mut v: Vec<(i64, f32)>, cfg: &CandidateConfig) -> Vec<i64> {
    // Best first, ties by id: a total order, so selecting the best before sorting them gives
    // what sorting the whole list did, without sorting thousands of claims for a dozen.
    let best_first = |x: &(i64, f32), y: &(i64, f32)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
    if v.len() > cfg.shortlist && cfg.shortlist > 0 {
        v.select_nth_unstable_by(cfg.shortlist - 1, best_first);
        v.truncate(cfg.shortlist);
    }
    v.sort_by(best_first);
    v.into_iter().take(cfg.shortlist).map(|(id, _)| id).collect()
}

/// Whether a claim has anything to block on.
pub fn has_any(f: &Features) -> bool {
    !(f.days.is_empty() && f.places.is_empty() && f.names.is_empty() && f.words.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(id: i64, source_id: i64, country: &str, text: &str) -> Features {
        let speaker = Speaker { name: format!("{country} ministry"), party: Some(format!("{country}.mod")), countries: vec![country.into()] };
        Features::new(ClaimRef { id, source_id, text, speaker: &speaker }, Gazetteer::builtin(), Lexicon::builtin())
    }

    #[test]
    fn mirror_accusations_about_one_shelling_are_proposed_with_their_evidence() {
        let claims = vec![
            features(1, 10, "AM", "Azerbaijani forces shelled positions in Tavush on 27 June"),
            features(2, 20, "AZ", "Armenian units opened fire in Tavush on 27 June"),
            features(3, 30, "AZ", "The harvest in Ganja was good this year"),
        ];
        let got = propose(&claims, &CandidateConfig::default());
        assert_eq!(got.len(), 1, "only the Tavush pair is proposed: {got:?}");
        let kinds: Vec<&str> = got[0].scored.evidence.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!((got[0].a, got[0].b), (1, 2), "the pair");
        assert_eq!(kinds, vec!["day", "place", "actors", "event"], "evidence: same day, same place, same two states, armed forces firing");
    }

    #[test]
    fn accounts_in_two_languages_meet_on_event_concepts_and_fragments_do_not() {
        let claims = vec![
            features(1, 10, "TH", "Cambodian forces opened fire near the ancient temple along the border"),
            features(2, 20, "KH", "les hostilités ont été déclenchées par l'armée thaïlandaise selon une stratégie militaire"),
            features(3, 20, "KH", "une attaque thaïlandaise"),
            features(4, 30, "KH", "the harvest in the province was good this year and prices fell"),
            features(5, 40, "ET", "federal forces took Mekele after a three-week offensive"),
        ];
        let got = propose(&claims, &CandidateConfig::default());
        let pairs: Vec<(i64, i64)> = got.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(pairs, vec![(1, 2)], "English and French accounts of the fighting; not the headline fragment, not the harvest, not another war's offensive: {got:?}");
        let event = got[0].scored.evidence.iter().find(|e| e.kind == "event").map(|e| e.shared.clone());
        assert_eq!(event, Some(vec!["armed_forces".to_string(), "violence".to_string()]), "what they share, across languages");
    }

    #[test]
    fn claims_of_one_party_or_one_source_are_never_candidates() {
        let claims = vec![
            features(1, 10, "AM", "Azerbaijani forces shelled positions in Tavush on 27 June"),
            features(2, 20, "AM", "Azerbaijani forces shelled positions in Tavush on 27 June"),
            features(3, 10, "AZ", "Armenian units opened fire in Tavush on 27 June"),
        ];
        let pairs: Vec<(i64, i64)> = propose(&claims, &CandidateConfig::default()).iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(pairs, vec![(2, 3)], "1–2 share a party, 1–3 a source");
    }

    #[test]
    fn the_last_day_of_a_year_and_the_first_of_the_next_are_one_night() {
        assert_eq!((day_of_year("01-01"), day_of_year("12-31"), day_of_year("13-01")), (Some(0), Some(364), None), "days of a 365-day year; no 13th month");
        let claims = vec![
            features(1, 10, "AM", "Azerbaijani forces shelled our positions on 31 December"),
            features(2, 20, "AZ", "Armenian units opened fire on our positions on 1 January"),
            features(3, 30, "AZ", "Armenian units opened fire on our positions on 3 January"),
        ];
        let pairs: Vec<(i64, i64)> = propose(&claims, &CandidateConfig::default()).iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(pairs, vec![(1, 2)], "New Year's night is one incident; three days later is another");
    }

    #[test]
    fn one_city_named_in_two_scripts_and_cases_is_one_place() {
        let claims = vec![
            features(1, 10, "UA", "Russian missiles hit a shopping centre in the city of Kremenchuk on 27 June"),
            features(2, 20, "RU", "27 июня в городе Кременчуг Полтавской области нанесён удар по ангарам с оружием"),
        ];
        let got = propose(&claims, &CandidateConfig::default());
        let place = got.first().and_then(|p| p.scored.evidence.iter().find(|e| e.kind == "place")).map(|e| e.shared.clone());
        assert_eq!(place, Some(vec!["geonames:704147".to_string()]), "Kremenchuk and « Кременчуг » are one city: {got:?}");
        let day = got.first().and_then(|p| p.scored.evidence.iter().find(|e| e.kind == "day")).map(|e| e.shared.clone());
        assert_eq!(day, Some(vec!["06-27".to_string()]), "27 June and « 27 июня » are one day: {got:?}");
        assert_eq!(place_key("tavush"), "tavush", "a place that is no known city keeps its name");
    }

}
