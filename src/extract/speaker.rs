//! Speakers: who a noun phrase names, and who a pronoun or a description stands for.
//!
//! A phrase resolves, in order, as: a pronoun (to the last compatible speaker), "both sides" (to the
//! last two states named), a coordination of resolvable parts, a personal name (with the state its
//! title or demonym names, or that an earlier full mention gave), a gazetteer name (capital, state,
//! institution) or a demonym, or a definite description ("le haut diplomate russe", "the ministry",
//! "the statement") matched against the recent speakers. A phrase that resolves to none of these is
//! no speaker. Searches look back over a bounded window, so resolution stays linear in the text.

use crate::gazetteer::{Entry, Gazetteer};
use crate::text::name_stem_ru;
use crate::model::{PartyKind, Speaker};

use super::cues::{Lexicon, S};
use super::mentions::Profile;
use super::segment::{Block, Kind};

/// Key prefix of the gazetteer's news agencies.
pub(crate) const AGENCY: &str = "agency.";

/// How far back descriptions and pronouns look, in mentions.
const LOOKBACK: usize = 40;

/// What sort of speaker a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntityKind {
    /// A named or described person.
    Person,
    /// An institution, or a document standing for one.
    Org,
    /// A state (capital, country name).
    State,
    /// Several parties, or a group of people.
    Group,
    /// A subject the resolver could not tie to anything: it speaks, but nothing refers back to it.
    Unresolved,
}

/// A resolved mention of a speaker.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    /// The speaker as reported.
    pub speaker: Speaker,
    /// Its sort.
    pub kind: EntityKind,
    /// Folded last word of a personal name.
    pub last_name: Option<String>,
    /// Folded first word of a personal name of two words: Chinese, Korean and Vietnamese names
    /// put the family name first ("Wu Qian … Wu highlighted").
    pub family_first: Option<String>,
    /// Folded person and institution nouns it was introduced with.
    pub nouns: Vec<String>,
    /// Institution suffix ("mfa", "army").
    pub institution: Option<String>,
    /// Where in the text, in chars.
    pub pos: usize,
}

impl Entity {
    /// A state news agency: it relays, never speaks for itself, and names no state that speaks.
    pub fn is_agency(&self) -> bool {
        self.speaker.party.as_deref().is_some_and(|p| p.starts_with(AGENCY))
    }
}

/// Mentions so far: speakers, and states named anywhere (for "both sides").
#[derive(Debug, Default)]
pub(crate) struct History {
    entities: Vec<Entity>,
    states: Vec<(usize, String)>,
    /// Where a claim's speaker was named (positions of entities that spoke), most recent last.
    spoke: Vec<usize>,
    /// Char spans of what speakers said, most recent last.
    said: Vec<(usize, usize)>,
}

impl History {
    /// Records a mention.
    pub fn push(&mut self, e: Entity) {
        self.entities.push(e);
    }

    /// Records the speaker of a claim: a mention that spoke.
    pub fn push_speaker(&mut self, e: Entity) {
        self.spoke.push(e.pos);
        if self.spoke.len() > 4 * LOOKBACK {
            self.spoke.drain(..2 * LOOKBACK);
        }
        self.entities.push(e);
    }

    /// Records the char span of a claim's content.
    pub fn said(&mut self, start: usize, end: usize) {
        self.said.push((start, end));
        if self.said.len() > 4 * LOOKBACK {
            self.said.drain(..2 * LOOKBACK);
        }
    }

    /// Whether the mention at `pos` is in the writer's narration, not inside what someone said.
    fn narrated(&self, pos: usize) -> bool {
        !self.said.iter().rev().any(|&(a, z)| a <= pos && pos < z)
    }

    /// Whether the mention at `pos` spoke.
    fn spoke_at(&self, pos: usize) -> bool {
        self.spoke.iter().rev().any(|&p| p == pos)
    }

    /// Records that state `code` is named at `pos`.
    pub fn state_named(&mut self, pos: usize, code: &str) {
        if self.states.last().is_some_and(|(_, c)| c == code) {
            return;
        }
        self.states.push((pos, code.to_string()));
        if self.states.len() > 4 * LOOKBACK {
            self.states.drain(..2 * LOOKBACK);
        }
    }

    /// The most recent mention before `pos`, outside `exclude`, that `ok` accepts.
    fn recent(&self, pos: usize, exclude: (usize, usize), ok: &dyn Fn(&Entity) -> bool) -> Option<&Entity> {
        self.entities
            .iter()
            .rev()
            .take(LOOKBACK)
            .filter(|e| e.pos < pos && !(exclude.0 <= e.pos && e.pos < exclude.1))
            .filter(|e| ok(e))
            .max_by_key(|e| e.pos)
    }

    /// The last two distinct states named before `pos`, earliest first.
    fn last_two_states(&self, pos: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (p, c) in self.states.iter().rev() {
            if *p < pos && !out.contains(c) {
                out.push(c.clone());
                if out.len() == 2 {
                    break;
                }
            }
        }
        out.reverse();
        out
    }

    /// Codes of the states named so far, first mention first.
    pub fn codes(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (_, c) in &self.states {
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
        out
    }

    /// The speaker of the most recent person with this folded last name.
    fn person_named(&self, last: &str) -> Option<&Entity> {
        self.entities.iter().rev().take(4 * LOOKBACK).find(|e| e.last_name.as_deref() == Some(last))
    }

    /// The most recent person of two names whose first is `name`: a bare name matching no last
    /// name may be a family name written first.
    fn person_family_first(&self, name: &str) -> Option<&Entity> {
        self.entities.iter().rev().take(4 * LOOKBACK).find(|e| e.family_first.as_deref() == Some(name))
    }
}

/// Resolves noun phrases of one text.
pub(crate) struct Resolver<'a> {
    /// Names of parties.
    pub gazetteer: &'a Gazetteer,
    /// The language's word lists.
    pub lex: &'a Lexicon,
    /// The text.
    pub text: &'a str,
    /// What the whole document says about the persons it names (none while it is being built).
    pub profile: Option<&'a Profile>,
}

struct Hit {
    first: usize,
    len: usize,
    country: Option<String>,
    key: String,
    kind: PartyKind,
}

impl Resolver<'_> {
    fn surface(&self, b: &Block, first: usize, last: usize) -> &str {
        &self.text[b.toks[first].bs..b.toks[last].be]
    }

    /// The folded form of tokens `first..=last` as the gazetteer keys it: words joined by a space
    /// where the text has a gap, directly where it has none ("d'" + "ivoire").
    fn folded_key(&self, b: &Block, first: usize, last: usize, key: &mut String) {
        key.clear();
        for t in first..=last {
            let tok = &b.toks[t];
            if t > first && b.toks[t - 1].ce < tok.cs {
                key.push(' ');
            }
            key.push_str(&b.arena[tok.f.0..tok.f.1]);
        }
    }

    /// The parties named by tokens `first..=last`: as written (folded), or, in Russian, which declines
    /// its names ("МИД России", "в Кремле"), by stem.
    fn named<'g>(&'g self, b: &Block, first: usize, last: usize, key: &mut String) -> Vec<&'g Entry> {
        self.folded_key(b, first, last, key);
        let entries = self.gazetteer.lookup_folded(key);
        if !entries.is_empty() || self.lex.code != "ru" {
            return entries;
        }
        // The folded words are in the block's arena: stems are prefixes of them, so the key is
        // built in the buffer without folding or allocating again.
        if !b.word(first).is_some_and(|w| self.gazetteer.stem_starts_name(name_stem_ru(w))) {
            return Vec::new();
        }
        key.clear();
        for t in first..=last {
            if let Some(w) = b.word(t) {
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(name_stem_ru(w));
            }
        }
        self.gazetteer.lookup_stem(key)
    }

    /// The states whose demonym word token `t` is, by folded form or, in Russian, by stem.
    fn demonym_of(&self, b: &Block, t: usize) -> Vec<&Entry> {
        let entries = self.gazetteer.by_demonym_folded(b.word(t).unwrap_or(""));
        if !entries.is_empty() || self.lex.code != "ru" {
            return entries;
        }
        self.gazetteer.by_demonym_stem(name_stem_ru(b.word(t).unwrap_or("")))
    }

    /// The key a person's last name is remembered by: its folded form, or, in Russian, its stem, so
    /// that "по словам Лаврова" finds the Лавров introduced earlier.
    pub fn last_name_key(&self, b: &Block, t: usize) -> String {
        if self.lex.code == "ru" {
            return name_stem_ru(b.word(t).unwrap_or("")).to_string();
        }
        b.word(t).unwrap_or("").to_string()
    }

    /// Gazetteer names in words `ws` (token indices), longest first, left to right.
    fn hits(&self, b: &Block, ws: &[usize]) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut key = String::new();
        let mut k = 0;
        while k < ws.len() {
            let mut found = None;
            for n in (1..=6.min(ws.len() - k)).rev() {
                // Names are contiguous words; a gap (a comma) ends them.
                if ws[k + n - 1] - ws[k] != n - 1 {
                    continue;
                }
                let first = &b.toks[ws[k]];
                let w = b.word(ws[k]).unwrap_or("");
                if self.lex.is(S::Determiners, w) || (n == 1 && !first.cap) {
                    continue;
                }
                // Short names that are everyday words ("us", "who") count only in capitals.
                if n == 1 && w.chars().count() <= 3 && !first.upper {
                    continue;
                }
                let entries = self.named(b, ws[k], ws[k + n - 1], &mut key);
                if let Some(e) = entries.iter().find(|e| e.country.is_some()).or(entries.first()) {
                    found = Some(Hit { first: k, len: n, country: e.country.clone(), key: e.key.clone(), kind: e.kind });
                    break;
                }
            }
            match found {
                Some(h) => {
                    k += h.len;
                    out.push(h);
                }
                None => {
                    let t = &b.toks[ws[k]];
                    let w = b.word(ws[k]).unwrap_or("");
                    // English demonyms are capitalized; French ones are not.
                    if t.cap || self.lex.code != "en" {
                        // English plural demonyms ("Palestinians", "Israelis") name their state too.
                        let singular = if self.lex.code == "en" && t.cap { w.strip_suffix('s') } else { None };
                        let found = self.demonym_of(b, ws[k]).into_iter().find(|e| e.kind == PartyKind::State);
                        let found = found.or_else(|| singular.and_then(|w| self.gazetteer.by_demonym_folded(w).into_iter().find(|e| e.kind == PartyKind::State)));
                        if let Some(e) = found {
                            out.push(Hit { first: k, len: 1, country: e.country.clone(), key: e.key.clone(), kind: PartyKind::State });
                        }
                    }
                    k += 1;
                }
            }
        }
        out
    }

    /// The gazetteer name that starts at word token `i` ("Belgrade", "Human Rights Watch"), as its
    /// length in words and, when it names a state, the state's code.
    pub fn name_at(&self, b: &Block, i: usize) -> Option<(usize, Option<String>)> {
        // Called on every capitalized word of a text: a few lookups with one key buffer, no Hit.
        let words = (i..(i + 4).min(b.toks.len())).take_while(|&t| b.toks[t].kind == Kind::Word).count();
        let mut key = String::new();
        for n in (1..=words).rev() {
            let entries = self.named(b, i, i + n - 1, &mut key);
            if let Some(e) = entries.iter().find(|e| e.country.is_some()).or(entries.first()) {
                // A state's institution names the state too ("Downing Street", "the Kremlin"); a
                // company, an outlet or an agency with a home country does not.
                let of_state = |c: &String| e.kind == PartyKind::State || e.key.strip_prefix(c.as_str()).is_some_and(|k| k.starts_with('.'));
                return Some((n, e.country.clone().filter(of_state)));
            }
        }
        None
    }

    /// The first state named in tokens `first..end` (a name, a capital, a demonym). A news
    /// agency names none: "Xinhua news agency" is no Chinese institution that speaks.
    pub fn first_state(&self, b: &Block, first: usize, end: usize) -> Option<String> {
        let ws: Vec<usize> = (first..end).filter(|&t| b.toks[t].kind == Kind::Word).collect();
        self.hits(b, &ws).into_iter().filter(|h| !h.key.starts_with(AGENCY)).find_map(|h| h.country)
    }

    /// Institutions of a state named in tokens `s..e`, speaking or not ("l'armée israélienne",
    /// "Greece's foreign ministry"): a later short reference ("l'armée", "the ministry") stands for
    /// them. The state is the one named within a few words of the institution noun.
    pub fn note_institutions(&self, b: &Block, s: usize, e: usize, hist: &mut History) {
        let lex = self.lex;
        let words = |t: usize| if t >= s && t < e { b.word(t) } else { None };
        let mut k = s;
        while k < e {
            let Some((n, v)) = lex.set(S::OrgNouns).match_at(&words, k) else {
                k += 1;
                continue;
            };
            let mut from = k;
            // Adjectives before the noun ("американское посольство"), never a verb, a cue or a
            // preposition ("посоветовали властям США" is no name).
            let ends_left = |t: usize| words(t).is_some_and(|w| lex.is(S::Determiners, w) || lex.is(S::Prepositions, w) || lex.is_finite(w)) || !lex.cues.matches_at(&words, t).is_empty();
            while from > s && k - from < 3 && b.toks[from - 1].kind == Kind::Word && !ends_left(from - 1) {
                from -= 1;
            }
            // Adjectives and "of"-phrases follow the noun ("l'armée israélienne", "the ministry of
            // defence of Armenia"); a verb ends them ("the military said …").
            let mut to = k + n;
            while to < e
                && to < k + n + 5
                && b.toks[to].kind == Kind::Word
                && !words(to).is_some_and(|w| (lex.is(S::NpRightStop, w) && !matches!(w, "de" | "of")) || lex.is(S::Aux, w) || lex.is_finite(w) || lex.is(S::Complementizers, w))
                && lex.cues.matches_at(&words, to).is_empty()
            {
                to += 1;
            }
            let nonstate = (from..to).any(|t| words(t).is_some_and(|w| lex.is(S::NonstateNouns, w)));
            if let (false, Some(code)) = (nonstate, self.first_state(b, from, to)) {
                let mut institution = v.clone();
                for t in from..to {
                    if let Some((_, Some(q))) = lex.set(S::OrgQualifiers).match_at(&words, t) {
                        institution = Some(q.clone());
                    }
                }
                let key = institution.as_ref().map(|i| format!("{code}.{i}")).filter(|key| self.gazetteer.get(key).is_some());
                hist.push(Entity {
                    speaker: Speaker { name: self.surface(b, from, to - 1).to_string(), party: Some(key.unwrap_or_else(|| code.clone())), countries: vec![code] },
                    kind: EntityKind::Org,
                    last_name: None,
                    family_first: None,
                    nouns: vec![(k..k + n).filter_map(&words).collect::<Vec<_>>().join(" ")],
                    institution,
                    pos: b.toks[k].cs,
                });
            }
            k = to.max(k + n);
        }
    }

    /// States named in tokens `first..end` of `b` (for "both sides").
    pub fn note_states(&self, b: &Block, first: usize, end: usize, hist: &mut History) {
        let mut key = String::new();
        let mut i = first;
        while i < end {
            let t = &b.toks[i];
            if t.kind != Kind::Word || !t.cap || self.lex.is(S::TitleWords, b.word(i).unwrap_or("")) {
                i += 1;
                continue;
            }
            let mut step = 1;
            for n in [2, 1] {
                if i + n > end || (n == 2 && b.toks[i + 1].kind != Kind::Word) {
                    continue;
                }
                let entries = self.named(b, i, i + n - 1, &mut key);
                // A news agency's name ("Xinhua", "TASS") is a dateline, not the state a text is about.
                if let Some(c) = entries.iter().filter(|e| !e.key.starts_with(AGENCY)).find_map(|e| e.country.clone()) {
                    hist.state_named(t.cs, &c);
                    step = n;
                    break;
                }
            }
            if step == 1 && self.lex.code == "en" {
                if let Some(c) = self.demonym_of(b, i).iter().find_map(|e| e.country.clone()) {
                    hist.state_named(t.cs, &c);
                }
            }
            i += step;
        }
    }

    /// Resolves words `first..end` of `b` (punctuation inside is ignored) mentioned at char `pos`;
    /// `exclude` is a char span whose speakers a pronoun may not stand for (the claim's own content).
    pub fn resolve(&self, b: &Block, first: usize, end: usize, pos: usize, exclude: (usize, usize), hist: &History) -> Option<Entity> {
        let ws: Vec<usize> = (first..end).filter(|&i| b.toks[i].kind == Kind::Word).collect();
        if ws.is_empty() {
            return None;
        }
        let word = |k: usize| b.word(ws[k]).unwrap_or("");
        let lex = self.lex;
        if ws.len() == 1 {
            let w = word(0);
            if lex.is(S::PronExcluded, w) {
                return None;
            }
            // "The Rwandan government said it was concerned by DR Congo's military build-up. It
            // said …": a pronoun stands for someone the writer narrates, not for a body named inside
            // what was said, unless there is no one else.
            let narrated = |ok: &dyn Fn(&Entity) -> bool| hist.recent(pos, exclude, &|e| ok(e) && hist.narrated(e.pos)).or_else(|| hist.recent(pos, exclude, ok));
            let found = if lex.is(S::PronAny, w) {
                // "il"/"elle" may stand for an institution, but in reported speech mostly for a person.
                narrated(&|e| e.kind == EntityKind::Person)
                    .filter(|p| narrated(&|e| e.kind != EntityKind::Group).is_some_and(|r| r.pos < p.pos + 600))
                    .or_else(|| narrated(&|e| e.kind != EntityKind::Group))
            } else if lex.is(S::PronPerson, w) {
                narrated(&|e| e.kind == EntityKind::Person)
            } else if lex.is(S::PronOrg, w) {
                narrated(&|e| matches!(e.kind, EntityKind::Org | EntityKind::State))
                    .or_else(|| narrated(&|e| e.kind != EntityKind::Group && e.last_name.is_none()))
            } else if lex.is(S::PronPlural, w) {
                narrated(&|e| e.kind != EntityKind::Person)
            } else {
                None
            };
            if found.is_some() || lex.is(S::PronAny, w) || lex.is(S::PronPerson, w) || lex.is(S::PronOrg, w) || lex.is(S::PronPlural, w) {
                return found.map(|e| Entity { pos, ..e.clone() });
            }
        }
        let get = |i: usize| ws.get(i).and_then(|&t| b.word(t));
        if let Some((_, _)) = lex.set(S::BothSides).match_at(&get, 0) {
            let countries = hist.last_two_states(pos);
            if countries.len() == 2 {
                let name = self.surface(b, ws[0], ws[ws.len() - 1]).to_string();
                return Some(Entity {
                    speaker: Speaker { name, party: None, countries },
                    kind: EntityKind::Group,
                    last_name: None,
                    family_first: None,
                    nouns: Vec::new(),
                    institution: None,
                    pos,
                });
            }
        }
        let hits = self.hits(b, &ws);
        // Coordination: "Bakou et Erevan", "le ministre azerbaïdjanais … et le ministre arménien …".
        // Only before an apposition: "X, a geologist and professor at Y" is one speaker.
        let conj: Vec<usize> = (0..first_comma(b, &ws).map_or(ws.len(), |k| k + 1))
            .filter(|&k| lex.is(S::Conjunctions, word(k)) && !hits.iter().any(|h| h.first < k && k < h.first + h.len))
            .collect();
        if !conj.is_empty() {
            let mut parts = Vec::new();
            let mut from = 0;
            for &c in conj.iter().chain(std::iter::once(&ws.len())) {
                if c > from {
                    parts.push((ws[from], ws[c - 1] + 1));
                }
                from = c + 1;
            }
            let resolved: Vec<Entity> = parts.iter().filter_map(|&(a, z)| self.resolve_simple(b, a, z, pos, exclude, hist)).collect();
            if resolved.len() >= 2 && resolved.len() == parts.len() && resolved.iter().all(|e| !e.speaker.countries.is_empty()) {
                let mut countries: Vec<String> = Vec::new();
                for e in &resolved {
                    for c in &e.speaker.countries {
                        if !countries.contains(c) {
                            countries.push(c.clone());
                        }
                    }
                }
                return Some(Entity {
                    speaker: Speaker { name: self.strip_det(b, &ws), party: None, countries },
                    kind: EntityKind::Group,
                    last_name: None,
                    family_first: None,
                    nouns: Vec::new(),
                    institution: None,
                    pos,
                });
            }
            // Otherwise the last part is the subject ("police arrived and the chief said").
            let &(a, z) = parts.last()?;
            return self.resolve_simple(b, a, z, pos, exclude, hist);
        }
        self.resolve_simple(b, first, end, pos, exclude, hist)
    }

    /// A speaker phrase that resolves to no party: kept as written, with no state, unless it is
    /// a pronoun or holds no noun (a lone lowercase word, a verb form).
    pub fn unresolved(&self, b: &Block, first: usize, end: usize, pos: usize) -> Option<Entity> {
        let ws: Vec<usize> = (first..end).filter(|&i| b.toks[i].kind == Kind::Word).collect();
        let lex = self.lex;
        let w0 = b.word(*ws.first()?)?;
        if ws.len() == 1 && (lex.is(S::PronExcluded, w0) || lex.is(S::PronAny, w0) || lex.is(S::PronPerson, w0) || lex.is(S::PronPlural, w0) || lex.is(S::PronOrg, w0)) {
            return None;
        }
        if ws.len() > 6 || ws.iter().any(|&t| b.word(t).is_some_and(|w| lex.is(S::NpLeftStop, w) || lex.is(S::Complementizers, w))) {
            return None;
        }
        Some(Entity {
            speaker: Speaker { name: self.strip_det(b, &ws), party: None, countries: Vec::new() },
            kind: EntityKind::Unresolved,
            last_name: None,
            family_first: None,
            nouns: Vec::new(),
            institution: None,
            pos,
        })
    }

    /// The state an office holder naming no state serves ("le Premier ministre Abiy Ahmed"): for an
    /// office in an institution ("Foreign Ministry spokesman", « представитель министерства ») the
    /// state of the last such institution named; otherwise the state last speaking (its own content
    /// counts: "X a appelé au calme, a précisé son porte-parole"), then the state last named, and
    /// with none yet, the state the document is about.
    fn state_around(&self, pos: usize, hist: &History, institution: Option<&str>, org: bool) -> Option<String> {
        // A news agency relays; the state it belongs to is not the one speaking ("…, reports
        // Xinhua": the next spokesman is not China's).
        let state = |e: &Entity| matches!(e.kind, EntityKind::State | EntityKind::Org) && e.speaker.countries.len() == 1 && !e.is_agency();
        let same_institution = |e: &Entity| match (institution, e.institution.as_deref()) {
            (Some(i), Some(j)) => i == j,
            // A generic noun ("the ministry") is any ministry's, not an army's.
            (None, Some(j)) => j != "army",
            _ => false,
        };
        org.then(|| hist.recent(pos, (0, 0), &|e| state(e) && same_institution(e)))
            .flatten()
            // A body that spoke before one merely named ("China questioned the existence of
            // Taiwan's Defense Ministry. … Foreign Ministry spokesman Lin Jian said").
            .or_else(|| hist.recent(pos, (0, 0), &|e| state(e) && hist.spoke_at(e.pos)))
            .or_else(|| hist.recent(pos, (0, 0), &state))
            .map(|e| e.speaker.countries[0].clone())
            .or_else(|| self.profile.and_then(Profile::home).map(str::to_string))
    }

    fn strip_det(&self, b: &Block, ws: &[usize]) -> String {
        let mut k = 0;
        while k + 1 < ws.len() && self.lex.is(S::Determiners, b.word(ws[k]).unwrap_or("")) {
            k += 1;
        }
        let last = ws[ws.len() - 1];
        let mut name = self.surface(b, ws[k], last).trim_end_matches([',', ' ']).to_string();
        // A name closing on a bracketed acronym keeps its closing bracket ("Commission (NEC)").
        if name.matches('(').count() > name.matches(')').count() && b.is_punct(last + 1, ')') {
            name.push(')');
        }
        name
    }

    fn resolve_simple(&self, b: &Block, first: usize, end: usize, pos: usize, exclude: (usize, usize), hist: &History) -> Option<Entity> {
        let ws: Vec<usize> = (first..end).filter(|&i| b.toks[i].kind == Kind::Word).collect();
        if ws.is_empty() {
            return None;
        }
        let lex = self.lex;
        let word = |k: usize| b.word(ws[k]).unwrap_or("");
        let get = |i: usize| ws.get(i).and_then(|&t| b.word(t));
        if ws.len() == 1 && (lex.is(S::PronExcluded, word(0)) || lex.is(S::PronAny, word(0)) || lex.is(S::PronPerson, word(0))) {
            return self.resolve(b, first, end, pos, exclude, hist);
        }
        let hits = self.hits(b, &ws);
        // An acronym the text defined ("le SBU" after « les services de sécurité ukrainiens (SBU) »).
        let mut body = ws.iter().copied().skip_while(|&t| b.word(t).is_some_and(|w| lex.is(S::Determiners, w)));
        if let (Some(t), None, true) = (body.next(), body.next(), hits.is_empty()) {
            let code = b.toks[t].upper.then(|| b.word(t).and_then(|w| self.profile?.acronym_state(w))).flatten();
            if let Some(code) = code {
                return Some(Entity {
                    speaker: Speaker { name: self.surface(b, t, t).to_string(), party: Some(code.to_string()), countries: vec![code.to_string()] },
                    kind: EntityKind::Org,
                    last_name: None,
                    family_first: None,
                    nouns: Vec::new(),
                    institution: None,
                    pos,
                });
            }
        }
        // "the RSF's spokesman", "Houthi military spokesman Yahya Sarea": an office in a body that
        // stands for no state serves none, whatever state is around.
        let nonstate_body = hits.iter().any(|h| h.kind != PartyKind::State && h.country.is_none() && !h.key.starts_with(AGENCY));
        // The phrase names a state's office ("le ministre de l'Intérieur", "spokesperson").
        // (Not in a body that stands for no state.)
        let state_office = !nonstate_body && (0..ws.len()).any(|k| lex.set(S::StateTitles).match_at(&get, k).is_some());
        let covered = |k: usize| hits.iter().any(|h| h.first <= k && k < h.first + h.len);
        // Nouns of persons, institutions and documents, and the institution they name.
        let mut person_nouns = Vec::new();
        let mut institution: Option<String> = None;
        let mut org = false;
        let mut relay = false;
        let mut group = false;
        let mut person_at: Option<usize> = None;
        let mut org_at: Option<usize> = None;
        for k in 0..ws.len() {
            if let Some((n, _)) = lex.set(S::PersonNouns).match_at(&get, k) {
                person_nouns.push((k..k + n).map(word).collect::<Vec<_>>().join(" "));
                person_at.get_or_insert(k);
            }
            if let Some((n, v)) = lex.set(S::OrgNouns).match_at(&get, k) {
                // Institution nouns count as the phrase's nouns too: "le ministère" renames a
                // ministry, not the last army named.
                person_nouns.push((k..k + n).map(word).collect::<Vec<_>>().join(" "));
                org = true;
                org_at.get_or_insert(k);
                if institution.is_none() {
                    institution.clone_from(v);
                }
            }
            if let Some((_, Some(v))) = lex.set(S::OrgQualifiers).match_at(&get, k) {
                institution = Some(v.clone());
            }
            relay |= lex.set(S::RelayNouns).match_at(&get, k).is_some();
            group |= lex.is(S::GroupNouns, word(k));
        }
        // A personal name: the last run of capitalized words that are no title and no place.
        let is_name_word = |k: usize| {
            let t = &b.toks[ws[k]];
            // An institution or document noun opening a sentence is capitalized, and no name
            // ("Ведомство отвергло …").
            // Nor is an adverb ("Там отметили", "Ранее Минобороны сообщило").
            let noun = lex.is(S::OrgNouns, word(k)) || lex.is(S::RelayNouns, word(k)) || lex.is(S::Adverbs, word(k));
            t.cap && !covered(k) && !noun && !lex.is(S::TitleWords, word(k)) && !lex.is(S::PersonNouns, word(k)) && !lex.is(S::GroupNouns, word(k))
        };
        let mut run: Option<(usize, usize)> = None;
        // "Kenza Tarek, a student at Laval University": a name that opens the phrase and ends at its
        // first comma heads an apposition, whatever capitalized words the apposition holds.
        let first_comma = first_comma(b, &ws);
        let mut head: Option<(usize, usize)> = None;
        let mut k = 0;
        while k < ws.len() {
            if is_name_word(k) {
                let s = k;
                let mut z = k + 1;
                while z < ws.len() && ws[z] == ws[z - 1] + 1 {
                    if is_name_word(z) {
                        z += 1;
                    } else if lex.is(S::NameParticles, word(z)) {
                        // "Ben van der Pluijm": particles may follow one another.
                        let mut y = z;
                        while y < ws.len() && lex.is(S::NameParticles, word(y)) {
                            y += 1;
                        }
                        if y < ws.len() && is_name_word(y) {
                            z = y + 1;
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                run = Some((s, z));
                let leads = (0..s).all(|j| lex.is(S::Determiners, word(j)) || lex.is(S::TitleWords, word(j)));
                if head.is_none() && first_comma == Some(z - 1) && leads {
                    head = Some((s, z));
                }
                k = z;
            } else {
                k += 1;
            }
        }
        if head.is_some() {
            run = head;
        }
        // "les Forces Vives de Guinée", "the Armed Forces Command": capitalized words after a
        // capitalized institution noun name the institution, not a person.
        if run.is_some_and(|(s, _)| s > 0 && b.toks[ws[s - 1]].cap && lex.is(S::OrgNouns, word(s - 1))) {
            run = None;
        }
        if let Some((s, z)) = run {
            // "le ministre de la Communication", "minister of Information": a portfolio or a place
            // after a preposition (and its article) is no name.
            let prep = |k: usize| matches!(word(k), "de" | "du" | "des" | "d'" | "of" | "in" | "en" | "from" | "at" | "à");
            let after_prep = s > 0 && (prep(s - 1) || s > 1 && lex.is(S::Determiners, word(s - 1)) && prep(s - 2));
            let acronym = z - s == 1 && b.toks[ws[s]].upper;
            if after_prep && z - s <= 2 || acronym {
                run = None;
            } else if z - s > 3 {
                // A long run holds a title ("Premier ministre Abiy Ahmed"): keep the last two words,
                // and the first name before any particles ("Ben van der Pluijm").
                let mut from = z - 1;
                while from > s && lex.is(S::NameParticles, word(from - 1)) {
                    from -= 1;
                }
                run = Some((from.saturating_sub(1).max(s).min(z - 2), z));
            }
        }
        let countries: Vec<String> = {
            let mut c: Vec<String> = Vec::new();
            for h in &hits {
                if let Some(x) = &h.country {
                    if !c.contains(x) {
                        c.push(x.clone());
                    }
                }
            }
            c.truncate(1);
            // A federation, a company, a party speaks for no state, whatever its name says
            // ("la Fédération française d'athlétisme").
            let upto = first_comma.map_or(ws.len(), |k| k + 1);
            if (0..upto).any(|k| lex.is(S::NonstateNouns, word(k))) {
                c.clear();
            }
            // Nor does a movement or an organisation that heads the phrase, whatever state a
            // demonym after it names ("le Hezbollah libanais", "the UN envoy for Syria").
            let heads = |h: &Hit| h.first == 0 || h.first == 1 && lex.is(S::Determiners, word(0));
            if hits.first().is_some_and(|h| heads(h) && h.kind != PartyKind::State && h.country.is_none()) {
                c.clear();
            }
            c
        };
        let party_for = |countries: &[String], inst: &Option<String>| -> Option<String> {
            let c = countries.first()?;
            if let Some(i) = inst {
                let key = format!("{c}.{i}");
                if self.gazetteer.get(&key).is_some() {
                    return Some(key);
                }
            }
            Some(c.clone())
        };
        if let Some((s, z)) = run {
            let name = self.surface(b, ws[s], ws[z - 1]).to_string();
            let last = self.last_name_key(b, ws[z - 1]);
            // "the China Coast Guard" is not the Philippine one named before: a name the phrase
            // ties to another state is someone else.
            let same_state = |prev: &Entity| countries.is_empty() || prev.speaker.countries.is_empty() || prev.speaker.countries.iter().any(|c| countries.contains(c));
            let prev = hist.person_named(&last).or_else(|| if z - s == 1 { hist.person_family_first(&last) } else { None });
            if let Some(prev) = prev.filter(|p| same_state(p)) {
                let mut e = prev.clone();
                if e.speaker.countries.is_empty() && countries.is_empty() {
                    if let Some(code) = self.profile.and_then(|p| p.state_of(&last)) {
                        e.speaker.countries = vec![code.to_string()];
                        e.speaker.party = party_for(&e.speaker.countries, &institution);
                    }
                }
                if e.speaker.countries.is_empty() && !countries.is_empty() {
                    e.speaker.countries.clone_from(&countries);
                    e.speaker.party = party_for(&countries, &institution);
                }
                e.pos = pos;
                return Some(e);
            }
            let mut countries = countries;
            if countries.is_empty() {
                // The state the document introduces this person with, wherever it does.
                if let Some(code) = self.profile.and_then(|p| p.state_of(&last)) {
                    countries.push(code.to_string());
                }
            }
            let holds_office = state_office || !nonstate_body && self.profile.is_some_and(|p| p.holds_office(&last));
            if countries.is_empty() && holds_office {
                countries.extend(self.state_around(pos, hist, institution.as_deref(), org));
            }
            // « … », a déclaré le procureur général de Conakry. Yamoussa Conté assure …: a bare name
            // the text gives no state, speaking right after an unnamed office holder with no one
            // else in between, is that office holder named.
            if countries.is_empty() && ws.len() == z - s && person_nouns.is_empty() {
                let last_person = hist.recent(pos, exclude, &|e| e.kind == EntityKind::Person);
                // (Others of the same state may speak in between: "…, rejected by the authorities".)
                let same_side_since = |e: &Entity| {
                    hist.spoke.iter().filter(|&&p| p > e.pos && p < pos).all(|&p| hist.entities.iter().rev().take(LOOKBACK).find(|x| x.pos == p).is_some_and(|x| x.speaker.countries == e.speaker.countries))
                };
                if let Some(e) = last_person.filter(|e| e.last_name.is_none() && e.speaker.countries.len() == 1 && hist.spoke_at(e.pos) && same_side_since(e) && pos < e.pos + 600) {
                    countries.clone_from(&e.speaker.countries);
                }
            }
            return Some(Entity {
                speaker: Speaker { name, party: party_for(&countries, &institution), countries },
                kind: EntityKind::Person,
                last_name: Some(last),
                family_first: (z - s == 2).then(|| self.last_name_key(b, ws[s])),
                nouns: person_nouns,
                institution,
                pos,
            });
        }
        let definite = lex.is(S::Definite, word(0));
        // Without articles a bare noun is definite unless marked otherwise ("ведомство", "российский дипломат").
        let bare_definite = lex.set(S::Articles).is_empty() && !lex.is(S::Quantifiers, word(0));
        // A definite description: the last compatible speaker ("le haut diplomate russe", "the ministry").
        // With a person noun and an institution noun, the phrase's head decides: "the government
        // spokesperson", « le porte-parole du gouvernement », « представитель министерства » are
        // persons; "the president's office", « le cabinet du Premier ministre » are not. A noun
        // before "of"/« de », and in languages without articles the first noun, heads the phrase;
        // otherwise the last noun does (English compounds).
        let person_head = match (person_at, org_at) {
            (Some(p), Some(o)) if p != o => {
                let (a, z) = (p.min(o), p.max(o));
                let linked = lex.set(S::Articles).is_empty() || (a + 1..z).any(|k| matches!(word(k), "of" | "de" | "du" | "des" | "d'"));
                if linked {
                    p < o
                } else {
                    p > o
                }
            }
            _ => false,
        };
        let describes_person = !person_nouns.is_empty() && (!org || person_head);
        if (definite || bare_definite) && (describes_person || relay || (org && hits.is_empty())) {
            let compatible = |e: &Entity| {
                let kind_ok = if describes_person {
                    e.kind == EntityKind::Person
                } else {
                    // An institution renames a body that stands for something: not a noun phrase
                    // that merely spoke ("selon un dernier bilan …. D'après le ministère").
                    let known = e.speaker.party.is_some() || !e.speaker.countries.is_empty() || e.institution.is_some();
                    matches!(e.kind, EntityKind::Org | EntityKind::State)
                        && (known || !org)
                        && (institution.is_none() || e.institution.is_none() || e.institution == institution || relay)
                };
                // A news agency only relays: no description renames it ("Комитет утверждает" after
                // "…, передает Sputnik").
                kind_ok && !e.is_agency() && (countries.is_empty() || e.speaker.countries.iter().any(|c| countries.contains(c)))
            };
            let noun_ok = |e: &Entity| person_nouns.iter().any(|n| e.nouns.contains(n));
            let same_institution = |e: &Entity| {
                !describes_person
                    && institution.is_some()
                    && e.institution == institution
                    && (countries.is_empty() || e.speaker.countries.iter().any(|c| countries.contains(c)))
            };
            // A generic institution noun ("ведомство", "the agency") renames a ministry before a
            // state or a body that is none ("заявило ведомство" after "Минобороны Армении").
            let generic_org = org && !describes_person && institution.is_none() && hits.is_empty();
            let ministry = |e: &Entity| generic_org && compatible(e) && e.institution.as_deref().is_some_and(|i| i != "army");
            // A document ("в сообщении", "the statement") is the last speaker's, not the last body
            // merely named ("отвергло заявление польских властей. … сказано в сообщении").
            let speaker_document = |e: &Entity| relay && compatible(e) && hist.spoke_at(e.pos);
            let found = hist
                .recent(pos, exclude, &same_institution)
                .or_else(|| hist.recent(pos, exclude, &speaker_document))
                .or_else(|| hist.recent(pos, exclude, &ministry))
                .or_else(|| hist.recent(pos, exclude, &|e| compatible(e) && noun_ok(e)))
                .or_else(|| hist.recent(pos, exclude, &compatible));
            if let Some(e) = found {
                let mut e = Entity { pos, ..e.clone() };
                // The description becomes one of the person's nouns: a later "le ministre" finds
                // them rather than the last person named.
                for n in &person_nouns {
                    if !e.nouns.contains(n) {
                        e.nouns.push(n.clone());
                    }
                }
                // "a déclaré Gérald Darmanin. … le ministre de l'Intérieur a rappelé": a state office
                // naming no state tells that the person serves the state around them.
                if describes_person && state_office && e.speaker.countries.is_empty() && e.kind == EntityKind::Person {
                    if let Some(c) = self.state_around(pos, hist, institution.as_deref(), org) {
                        e.speaker.countries = vec![c];
                        e.speaker.party = party_for(&e.speaker.countries, &institution);
                    }
                }
                return Some(e);
            }
            if org && !relay && !describes_person {
                // "le ministère" after its minister spoke: the institution of the state last speaking.
                // (Its own content counts: the minister it quotes names the state.)
                let state = hist.recent(pos, (0, 0), &|e| e.speaker.countries.len() == 1).map(|e| e.speaker.countries.clone());
                // With no state speaking yet, "le gouvernement" is the government of the state the
                // document is about.
                let state = state.or_else(|| self.profile.and_then(Profile::home).filter(|_| !group).map(|h| vec![h.to_string()]));
                if let Some(countries) = state {
                    return Some(Entity {
                        speaker: Speaker { name: self.strip_det(b, &ws), party: party_for(&countries, &institution), countries },
                        kind: EntityKind::Org,
                        last_name: None,
                        family_first: None,
                        nouns: Vec::new(),
                        institution,
                        pos,
                    });
                }
            }
        }
        if describes_person && hits.is_empty() && (definite || bare_definite) {
            // A definite office no one held before ("Le ministre de l'Intérieur a déclaré") is a
            // person the reader is meant to know: the office holder of the state around, when the
            // office is a state's; otherwise a person of no known party, kept for the analyst.
            let countries: Vec<String> = if state_office { self.state_around(pos, hist, institution.as_deref(), org).into_iter().collect() } else { Vec::new() };
            return Some(Entity {
                speaker: Speaker { name: self.strip_det(b, &ws), party: party_for(&countries, &institution), countries },
                kind: EntityKind::Person,
                last_name: None,
                family_first: None,
                nouns: person_nouns,
                institution,
                pos,
            });
        }
        if hits.is_empty() && definite && !describes_person && !org && !relay && !group {
            // An unknown definite head ("the former sergeant-at-arms") most often renames the last person.
            if let Some(e) = hist.recent(pos, exclude, &|e| e.kind == EntityKind::Person) {
                return Some(Entity { pos, ..e.clone() });
            }
        }
        if !hits.is_empty() {
            let h = &hits[0];
            let kind = if describes_person {
                EntityKind::Person
            } else if group {
                EntityKind::Group
            } else if org || h.kind != PartyKind::State || institution.is_some() {
                EntityKind::Org
            } else {
                EntityKind::State
            };
            let party = if h.kind != PartyKind::State && h.len == ws.len() { Some(h.key.clone()) } else { party_for(&countries, &institution) };
            let institution = institution.or_else(|| h.key.split_once('.').map(|(_, s)| s.to_string()));
            return Some(Entity {
                speaker: Speaker { name: self.strip_det(b, &ws), party, countries },
                kind,
                last_name: None,
                family_first: None,
                nouns: person_nouns,
                institution,
                pos,
            });
        }
        // An undetermined person ("a senior official"), a group ("refugee advocates") or a document
        // with no known author ("the complaint said") speaks, for no known state.
        if (describes_person && !definite) || group || relay {
            // "a military official", « un responsable militaire », "a government source": an
            // unnamed holder of a state's office serves the state around, as a definite office does.
            let state_held = describes_person && !group && !nonstate_body && (0..ws.len()).any(|k| lex.set(S::StateQualifiers).match_at(&get, k).is_some());
            let countries: Vec<String> = if state_held { self.state_around(pos, hist, institution.as_deref(), org).into_iter().collect() } else { Vec::new() };
            return Some(Entity {
                speaker: Speaker { name: self.strip_det(b, &ws), party: None, countries },
                // An unnamed document ("un dernier bilan", "a report") is no one a later description
                // ("le ministère") can stand for.
                kind: if group { EntityKind::Group } else if relay { EntityKind::Unresolved } else { EntityKind::Person },
                last_name: None,
                family_first: None,
                nouns: person_nouns,
                institution: None,
                pos,
            });
        }
        // Any other short noun phrase ("the bank", "both groups", "many users") speaks as itself: it
        // is a speaker the reader knows, though no party.
        let plain_np = (2..=4).contains(&ws.len())
            && (lex.is(S::Determiners, word(0)) || lex.is(S::Quantifiers, word(0)))
            && (1..ws.len()).all(|k| ws[k] == ws[k - 1] + 1 && !b.toks[ws[k]].upper && !lex.is(S::Determiners, word(k)) && !lex.is(S::NpRightStop, word(k)) && !lex.is(S::PronExcluded, word(k)) && !lex.is(S::PronAny, word(k)));
        if plain_np || ws.len() <= 3 && ws.iter().any(|&t| b.toks[t].upper) {
            return Some(Entity {
                speaker: Speaker { name: self.strip_det(b, &ws), party: None, countries: Vec::new() },
                kind: EntityKind::Org,
                last_name: None,
                family_first: None,
                nouns: Vec::new(),
                institution: None,
                pos,
            });
        }
        None
    }
}

/// Index in `ws` (a phrase's word tokens) of the word right before its first comma.
fn first_comma(b: &Block, ws: &[usize]) -> Option<usize> {
    ws.windows(2).position(|p| (p[0] + 1..p[1]).any(|t| b.is_punct(t, ',')))
}
