//! Speakers: who a noun phrase names, and who a pronoun or a description stands for.
//!
//! A phrase resolves, in order, as: a pronoun (to the last compatible speaker), "both sides" (to the
//! last two states named), a coordination of resolvable parts, a personal name (with the state its
//! title or demonym names, or that an earlier full mention gave), a gazetteer name (capital, state,
//! institution) or a demonym, or a definite description ("le haut diplomate russe", "the ministry",
//! "the statement") matched against the recent speakers. A phrase that resolves to none of these is
//! no speaker. Searches look back over a bounded window, so resolution stays linear in the text.

use foldhash::HashMap;

use crate::gazetteer::{Entry, Found, Gazetteer};
use crate::places::Places;
use crate::text::name_stem_ru;
use crate::model::{PartyKind, Speaker};

use super::cues::{Lexicon, S};
use super::mentions::Profile;
use super::segment::{Block, Kind};
use super::sex::{self, Sex};

mod simple;

/// Key prefix of the gazetteer's news agencies.
pub(crate) const AGENCY: &str = "agency.";

/// How far back descriptions and pronouns look, in mentions.
const LOOKBACK: usize = 40;

/// Room for a name of up to six words, so the key buffer is allocated once per pass instead of
/// regrown word by word (its growth was about 2 % of extraction's instructions).
const KEY_CAPACITY: usize = 96;

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
    /// A person's sex, where the name or the phrase tells it.
    pub sex: Option<Sex>,
}

impl Entity {
    /// An entity known by its speaker alone: no personal name, introducing nouns or institution.
    pub fn new(speaker: Speaker, kind: EntityKind, pos: usize) -> Entity {
        Entity { speaker, kind, last_name: None, family_first: None, nouns: Vec::new(), institution: None, pos, sex: None }
    }

    /// A state news agency: it relays, never speaks for itself, and names no state that speaks.
    pub fn is_agency(&self) -> bool {
        self.speaker.party.as_deref().is_some_and(|p| p.starts_with(AGENCY))
    }
}

/// Mentions so far: speakers, and states named anywhere (for "both sides").
#[derive(Debug, Default)]
pub(crate) struct History {
    entities: Vec<Entity>,
    /// Persons a sentence opens with, speaking or not: a pronoun with no one else to stand for
    /// stands for the last of them.
    subjects: Vec<Entity>,
    states: Vec<(usize, String)>,
    /// Where a claim's speaker was named (positions of entities that spoke), most recent last.
    spoke: Vec<usize>,
    /// Char spans of what speakers said, most recent last.
    said: Vec<(usize, usize)>,
    /// The sex each person's full name or title told, by folded last name, however long ago.
    sexes: HashMap<String, Sex>,
}

impl History {
    /// Records a mention.
    pub fn push(&mut self, e: Entity) {
        self.remember_sex(&e);
        self.entities.push(e);
    }

    /// Records the speaker of a claim: a mention that spoke.
    pub fn push_speaker(&mut self, e: Entity) {
        self.spoke.push(e.pos);
        if self.spoke.len() > 4 * LOOKBACK {
            self.spoke.drain(..2 * LOOKBACK);
        }
        self.remember_sex(&e);
        self.entities.push(e);
    }

    /// Records a person the writer names, speaking or not.
    fn push_subject(&mut self, e: Entity) {
        self.remember_sex(&e);
        self.subjects.push(e);
        if self.subjects.len() > 4 * LOOKBACK {
            self.subjects.drain(..2 * LOOKBACK);
        }
    }

    fn remember_sex(&mut self, e: &Entity) {
        if let (Some(last), Some(sex)) = (&e.last_name, e.sex) {
            if !self.sexes.contains_key(last) {
                self.sexes.insert(last.clone(), sex);
            }
            // The first name of a full name tells it too: "13-year-old Jayme Closs … Jayme told
            // police" is the same girl, and the later "he" is not her.
            if let Some(first) = &e.family_first {
                self.sexes.entry(first.clone()).or_insert(sex);
            }
        }
    }

    /// Where the last speaker before `pos` was named (0 if none).
    pub fn last_spoke_before(&self, pos: usize) -> usize {
        self.spoke.iter().rev().find(|&&p| p < pos).copied().unwrap_or(0)
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

    /// The last state named before `pos` other than `other`.
    fn last_state_but(&self, pos: usize, other: &str) -> Option<&str> {
        self.states.iter().rev().find(|(p, c)| *p < pos && c != other).map(|(_, c)| c.as_str())
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

    /// The sex the last person named with this folded last name was known to have.
    fn sex_of_named(&self, last: &str) -> Option<Sex> {
        self.sexes.get(last).copied()
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

/// (Borrowed from the gazetteer's entry: a phrase's hits are looked for again and again, and
/// copying their codes and keys was a fiftieth of extraction.)
pub(super) struct Hit<'g> {
    first: usize,
    len: usize,
    country: Option<&'g str>,
    key: &'g str,
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
    fn named<'g>(&'g self, b: &Block, first: usize, last: usize, key: &mut String) -> Found<'g> {
        self.folded_key(b, first, last, key);
        let mut entries = self.gazetteer.lookup_folded(key);
        // "The U.S. said": the period closing an initialism is a token of its own (it may end the
        // sentence too), and the name is written with it.
        // (Before a capital the period is no token, as a title's: "U.S. Defense Secretary".)
        if entries.is_empty() && key.contains('.') && self.text[b.toks[last].be..].starts_with('.') {
            key.push('.');
            entries = self.gazetteer.lookup_folded(key);
        }
        if !entries.is_empty() || self.lex.code != "ru" {
            return entries;
        }
        // The folded words are in the block's arena: stems are prefixes of them, so the key is
        // built in the buffer without folding or allocating again.
        if !b.word(first).is_some_and(|w| self.gazetteer.stem_starts_name(name_stem_ru(w))) {
            return Found::default();
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
    fn demonym_of(&self, b: &Block, t: usize) -> Found<'_> {
        let entries = self.gazetteer.by_demonym_folded(b.word(t).unwrap_or(""));
        if !entries.is_empty() || self.lex.code != "ru" {
            return entries;
        }
        self.gazetteer.by_demonym_stem(name_stem_ru(b.word(t).unwrap_or("")))
    }

    /// The state a demonym starting at word `ws[k]` names, and its length in words: one word
    /// ("Russian", « russe »), or two or three ("South Korean", "Sri Lankan", "Papua New Guinean":
    /// read a word at a time they named no state, or the wrong one). English demonyms are
    /// capitalized, French ones not; English plurals name their state too ("Palestinians").
    fn state_demonym_at(&self, b: &Block, ws: &[usize], k: usize, key: &mut String) -> Option<(usize, &Entry)> {
        let en = self.lex.code == "en";
        if en && !b.toks[ws[k]].cap {
            return None;
        }
        // (English plurals: "South Koreans", "Palestinians".)
        let state_or_plural = |key: &str| state(self.gazetteer.by_demonym_folded(key)).or_else(|| en.then(|| key.strip_suffix('s').and_then(|k| state(self.gazetteer.by_demonym_folded(k)))).flatten());
        let several = b.word(ws[k]).is_some_and(|w| self.gazetteer.starts_demonym(w));
        for n in [3, 2].into_iter().filter(|_| several) {
            let joined = k + n <= ws.len() && ws[k + n - 1] == ws[k] + n - 1;
            if !joined || en && !(k..k + n).all(|j| b.toks[ws[j]].cap) {
                continue;
            }
            self.folded_key(b, ws[k], ws[k + n - 1], key);
            if let Some(e) = state_or_plural(key) {
                return Some((n, e));
            }
        }
        // (One word: Russian declines its demonyms, matched by stem.)
        state(self.demonym_of(b, ws[k])).or_else(|| state_or_plural(b.word(ws[k]).unwrap_or(""))).map(|e| (1, e))
    }

    /// The key a person's last name is remembered by: its folded form, or, in Russian, its stem, so
    /// that "по словам Лаврова" finds the Лавров introduced earlier.
    pub fn last_name_key(&self, b: &Block, t: usize) -> String {
        if self.lex.code == "ru" {
            return name_stem_ru(b.word(t).unwrap_or("")).to_string();
        }
        b.word(t).unwrap_or("").to_string()
    }

    /// How many words from `ws[k]` on may still form a name, at most six: names are contiguous
    /// words (a gap, a comma, ends them), and a phrase no name starts with ends the span, so most
    /// words of a text cost one set lookup instead of six name lookups. In Russian a name may match by
    /// stem only: a word whose stem starts one keeps the whole span.
    fn name_span(&self, b: &Block, ws: &[usize], k: usize, key: &mut String) -> usize {
        let max = 6.min(ws.len() - k);
        if self.lex.code == "ru" && b.word(ws[k]).is_some_and(|w| self.gazetteer.stem_starts_name(name_stem_ru(w))) {
            return (1..=max).take_while(|&n| ws[k + n - 1] - ws[k] == n - 1).count();
        }
        // The key of words `ws[k]..=ws[k + n]`, as `folded_key` builds it, one word longer each turn.
        key.clear();
        let mut n = 0;
        while n < max && ws[k + n] - ws[k] == n {
            let tok = &b.toks[ws[k + n]];
            if n > 0 && b.toks[ws[k + n] - 1].ce < tok.cs {
                key.push(' ');
            }
            key.push_str(&b.arena[tok.f.0..tok.f.1]);
            if !self.gazetteer.starts_alias(key) {
                break;
            }
            n += 1;
        }
        n
    }

    /// Gazetteer names in words `ws` (token indices), longest first, left to right.
    fn hits(&self, b: &Block, ws: &[usize]) -> Vec<Hit<'_>> {
        let mut out = Vec::new();
        let mut key = String::with_capacity(KEY_CAPACITY);
        let mut k = 0;
        while k < ws.len() {
            let mut found = None;
            for n in (1..=self.name_span(b, ws, k, &mut key)).rev() {
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
                    found = Some(Hit { first: k, len: n, country: e.country.as_deref(), key: &e.key, kind: e.kind });
                    break;
                }
            }
            match found {
                Some(h) => {
                    k += h.len;
                    out.push(h);
                }
                None => match self.state_demonym_at(b, ws, k, &mut key) {
                    Some((n, e)) => {
                        out.push(Hit { first: k, len: n, country: e.country.as_deref(), key: &e.key, kind: PartyKind::State });
                        k += n;
                    }
                    None => k += 1,
                },
            }
        }
        out
    }

    /// The gazetteer name that starts at word token `i` ("Belgrade", "Human Rights Watch"), as its
    /// length in words and, when it names a state, the state's code.
    pub fn name_at(&self, b: &Block, i: usize) -> Option<(usize, Option<String>)> {
        // Called on every capitalized word of a text: a few lookups with one key buffer, no Hit.
        let count = (i..(i + 4).min(b.toks.len())).take_while(|&t| b.toks[t].kind == Kind::Word).count();
        if count == 0 {
            return None;
        }
        let words = [i, i + 1, i + 2, i + 3];
        let mut key = String::with_capacity(KEY_CAPACITY);
        for n in (1..=self.name_span(b, &words[..count], 0, &mut key)).rev() {
            let entries = self.named(b, i, i + n - 1, &mut key);
            if let Some(e) = entries.iter().find(|e| e.country.is_some()).or(entries.first()) {
                // A state's institution names the state too ("Downing Street", "the Kremlin"); a
                // company, an outlet or an agency with a home country does not.
                let of_state = |c: &String| e.kind == PartyKind::State || e.key.strip_prefix(c.as_str()).is_some_and(|k| k.starts_with('.'));
                return Some((n, e.country.as_ref().filter(|c| of_state(c)).cloned()));
            }
        }
        None
    }

    /// The first state named in tokens `first..end` (a name, a capital, a demonym; a city where a
    /// local office names it). A news agency names none: "Xinhua news agency" is no Chinese
    /// institution that speaks.
    pub fn first_state(&self, b: &Block, first: usize, end: usize) -> Option<String> {
        let ws = word_tokens(b, first, end);
        self.hits(b, &ws).into_iter().filter(|h| !h.key.starts_with(AGENCY)).find_map(|h| h.country.map(str::to_string)).or_else(|| self.local_office_state(b, &ws))
    }

    /// "the head of the Donetsk regional administration", « le maire de Kharkiv », « губернатор
    /// Белгородской области »: the state whose city a local office in words `ws` names.
    pub fn local_office_state(&self, b: &Block, ws: &[usize]) -> Option<String> {
        let get = |k: usize| ws.get(k).and_then(|&t| b.word(t));
        if !(0..ws.len()).any(|k| self.lex.set(S::LocalOffices).match_at(&get, k).is_some()) {
            return None;
        }
        self.place_state(b, ws)
    }

    /// The state of the first city named in words `ws` (capitalized, up to the longest city name).
    pub fn place_state(&self, b: &Block, ws: &[usize]) -> Option<String> {
        let places = Places::builtin();
        let mut key = String::with_capacity(KEY_CAPACITY);
        // One capitalized word beside another that is no office is a person's name, not a city
        // ("Сергей Лавров" is not Серго).
        let name_word = |t: usize| {
            b.toks[t].cap && b.word(t).is_some_and(|w| ![S::TitleWords, S::PersonNouns, S::LocalOffices, S::OrgNouns, S::Determiners].into_iter().any(|set| self.lex.is(set, w)))
        };
        for k in 0..ws.len() {
            if !b.toks[ws[k]].cap {
                continue;
            }
            for n in (1..=places.max_words().min(ws.len() - k)).rev() {
                if ws[k + n - 1] - ws[k] != n - 1 {
                    continue;
                }
                if n == 1 && ((k > 0 && ws[k - 1] + 1 == ws[k] && name_word(ws[k - 1])) || (k + 1 < ws.len() && ws[k + 1] == ws[k] + 1 && name_word(ws[k + 1]))) {
                    continue;
                }
                // "Shan State", "Khorasan Province": the name of a division, not of a city.
                let after = k + n;
                if after < ws.len() && ws[after] == ws[k + n - 1] + 1 && b.toks[ws[after]].cap && b.word(ws[after]).is_some_and(|w| self.lex.is(S::DivisionNouns, w)) {
                    continue;
                }
                self.folded_key(b, ws[k], ws[k + n - 1], &mut key);
                let found = places.lookup_folded(&key).or_else(|| if self.lex.code == "ru" { places.lookup_stem(&key) } else { None });
                if let Some(p) = found {
                    return Some(p.country.clone());
                }
            }
        }
        None
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
                    sex: None,
                });
            }
            k = to.max(k + n);
        }
    }

    /// Persons the writer names anywhere in sentence `s..e`, outside quotations, by a full name
    /// whose first name tells their sex ("Kody's mother, Wendy Golden, …"): a later "she" may stand
    /// for them though they said nothing yet.
    fn note_named_persons(&self, b: &Block, s: usize, e: usize, hist: &mut History) {
        let mut t = s;
        while t + 1 < e {
            let tok = &b.toks[t];
            let next = &b.toks[t + 1];
            // (The first name opens the name, after a title if any: "Rimtalba Jean Emmanuel
            // Ouédraogo" is not "Emmanuel Ouédraogo"; "Mrs Ana Silva" is Ana Silva.)
            let candidate = tok.kind == Kind::Word && tok.cap && !tok.upper && tok.inq.is_none() && next.kind == Kind::Word && next.cap && !next.upper;
            let Some(sex) = candidate.then(|| b.word(t).and_then(sex::of_first_name)).flatten() else {
                t += 1;
                continue;
            };
            let title = t > s && b.word(t - 1).is_some_and(|w| self.lex.is(S::TitleWords, w));
            if !(t == s || title || !(b.toks[t - 1].kind == Kind::Word && b.toks[t - 1].cap)) {
                t += 1;
                continue;
            }
            let mut z = t + 2;
            while z < e && z < t + 4 && b.toks[z].kind == Kind::Word && b.toks[z].cap && !b.toks[z].upper {
                z += 1;
            }
            let pos = b.toks[t].cs;
            // (Built from the words alone: resolving every name the writer mentions cost 5 % of the
            // extractor's time. A name the gazetteer knows is no person: "Washington Post".)
            let known = (t..z).any(|k| self.name_at(b, k).is_some());
            // "forested Douglas County", "Clark County": a first name before a subdivision's or a
            // body's noun names a place or a body, no person a pronoun could stand for (the noun
            // may come after the run's four words: "James M. Hill High School").
            let after = usize::from(z < e && b.toks[z].kind == Kind::Word && b.toks[z].cap);
            let body = (t + 1..z + after).any(|k| b.word(k).is_some_and(|w| [S::DivisionNouns, S::BodyHeads, S::NonstateNouns, S::OrgNouns].iter().any(|&set| self.lex.is(set, w))));
            let known = known || body;
            let last = self.last_name_key(b, z - 1);
            // (The sentence's opening person is noted already, with their office's state.)
            let noted = hist.subjects.iter().rev().take_while(|x| x.pos >= b.toks[s].cs).any(|x| x.last_name.as_deref() == Some(last.as_str()));
            if !known && !noted {
                let countries: Vec<String> = self.profile.and_then(|p| p.state_of(&last)).map(|c| vec![c.to_string()]).unwrap_or_default();
                // (A title says it before the first name does: "Mrs Jean Smith".)
                let titled = title.then(|| self.sex_in(b, &[t - 1])).flatten();
                hist.push_subject(Entity {
                    speaker: Speaker { name: self.surface(b, t, z - 1).to_string(), party: countries.first().cloned(), countries },
                    kind: EntityKind::Person,
                    last_name: Some(last),
                    family_first: (z - t == 2).then(|| self.last_name_key(b, t)),
                    nouns: Vec::new(),
                    institution: None,
                    pos,
                    sex: titled.or(Some(sex)),
                });
            }
            t = z;
        }
    }

    /// A person the sentence `s..e` opens with ("John Smith arrived in Kyiv.", "Foreign Minister
    /// Ana Silva met …"): the writer narrates them, and a later "he" or « il » may stand for them
    /// though they said nothing yet. Only full names (two capitalized words or more) count.
    pub fn note_subject(&self, b: &Block, s: usize, e: usize, hist: &mut History) {
        self.note_opening_person(b, s, e, hist);
        self.note_named_persons(b, s, e, hist);
    }

    fn note_opening_person(&self, b: &Block, s: usize, e: usize, hist: &mut History) {
        let lex = self.lex;
        // "Le chef de la diplomatie iranienne, Abbas Araghchi, a rencontré …", "Iran's foreign
        // minister, Abbas Araghchi, met …": an office opening the sentence, and the name in
        // apposition to it between commas.
        if let Some(c) = (s + 1..(s + 10).min(e)).find(|&t| b.is_punct(t, ',')) {
            let office = (s..c).any(|t| lex.set(S::PersonNouns).match_at(&|x| if x < c { b.word(x) } else { None }, t).is_some()) && (s..c).all(|t| b.toks[t].kind == Kind::Word || b.is_punct(t, '\''));
            let mut z = c + 1;
            while z < e && z < c + 5 && b.toks[z].kind == Kind::Word && (b.toks[z].cap || b.word(z).is_some_and(|w| lex.is(S::NameParticles, w))) {
                z += 1;
            }
            if office && z >= c + 3 && b.is_punct(z, ',') {
                if let Some(mut who) = self.resolve_simple(b, c + 1, z, b.toks[c + 1].cs, (0, 0), hist).filter(|x| x.kind == EntityKind::Person && x.last_name.is_some()) {
                    // (Their office is one of their nouns: a pronoun of unknown sex may stand for an
                    // office holder the writer introduced, not for any person narrated.)
                    let office = |x: usize| if x < c { b.word(x) } else { None };
                    who.nouns.extend((s..c).filter_map(|t| lex.set(S::PersonNouns).match_at(&office, t).map(|(n, _)| (t..t + n).filter_map(&office).collect::<Vec<_>>().join(" "))));
                    hist.push_subject(who);
                }
                return;
            }
        }
        let mut z = s;
        let mut name_words = 0;
        while z < e && z < s + 8 && b.toks[z].kind == Kind::Word {
            let w = b.word(z).unwrap_or("");
            let cap = b.toks[z].cap && !b.toks[z].upper;
            if cap && !lex.is(S::TitleWords, w) && !lex.is(S::Determiners, w) {
                name_words += 1;
            } else if !(lex.is(S::Determiners, w) || lex.is(S::TitleWords, w) || lex.is(S::NameParticles, w) || lex.is(S::PersonNouns, w)) {
                break;
            }
            z += 1;
        }
        // The name must end where the words stop: at a lowercase word (the verb), not a comma.
        if name_words < 2 || z >= e || b.toks[z].kind != Kind::Word || b.toks[z].cap {
            return;
        }
        let pos = b.toks[s].cs;
        if (s..z).any(|t| b.word(t).is_some_and(|w| lex.is(S::Prepositions, w))) {
            return; // an adverbial ("В Минобороны Белоруссии уточнили"), not a subject
        }
        if let Some(who) = self.resolve_simple(b, s, z, pos, (0, 0), hist).filter(|x| x.kind == EntityKind::Person && x.last_name.is_some()) {
            hist.push_subject(who);
        }
    }

    /// The author of the last document named with its author in tokens `s..e` ("le rapport
    /// publié le 25 avril par Human Rights Watch (HRW)", "a report by Amnesty International"). Run
    /// only when "the document" is to be resolved, over the words since the last speaker.
    pub fn document_author(&self, b: &Block, s: usize, e: usize, hist: &History) -> Option<Entity> {
        let lex = self.lex;
        let words = |t: usize| if t >= s && t < e { b.word(t) } else { None };
        let mut found = None;
        for k in s..e {
            let Some((n, _)) = lex.set(S::RelayNouns).match_at(&words, k) else { continue };
            // A few words may qualify the document before its author ("publié le 25 avril").
            let by = (k + n..(k + n + 6).min(e)).take_while(|&t| b.toks[t].kind == Kind::Word || b.toks[t].ch.is_ascii_digit()).find_map(|t| {
                let m = lex.set(S::AgentPreps).match_at(&words, t).or_else(|| lex.set(S::NominalPreps).match_at(&words, t))?.0;
                Some(t + m)
            });
            let Some(a) = by.filter(|&a| a < e && b.toks[a].kind == Kind::Word) else { continue };
            // The author: the next words up to punctuation or a verb, a name or a description.
            let mut z = a;
            while z < e && z < a + 6 && (b.toks[z].kind == Kind::Word || matches!(b.toks[z].ch, '(' | ')')) && !words(z).is_some_and(|w| lex.is_finite(w) || lex.is(S::Aux, w) || lex.is(S::Complementizers, w)) {
                z += 1;
            }
            if z == a || !(a..z).any(|t| b.toks[t].cap) {
                continue;
            }
            if let Some(author) = self.resolve_simple(b, a, z, b.toks[a].cs, (0, 0), hist).filter(|x| matches!(x.kind, EntityKind::Org | EntityKind::State)) {
                found = Some(author);
            }
        }
        found
    }

    /// States named in tokens `first..end` of `b` (for "both sides").
    pub fn note_states(&self, b: &Block, first: usize, end: usize, hist: &mut History) {
        let mut key = String::with_capacity(KEY_CAPACITY);
        let mut i = first;
        while i < end {
            let t = &b.toks[i];
            if t.kind != Kind::Word || !t.cap || self.lex.is(S::TitleWords, b.word(i).unwrap_or("")) {
                i += 1;
                continue;
            }
            let mut step = 1;
            let pair = [i, i + 1];
            let span = self.name_span(b, &pair[..if i + 2 <= end && b.toks[i + 1].kind == Kind::Word { 2 } else { 1 }], 0, &mut key);
            for n in [2, 1] {
                if n > span {
                    continue;
                }
                let entries = self.named(b, i, i + n - 1, &mut key);
                // A news agency's name ("Xinhua", "TASS") is a dateline, not the state a text is about.
                if let Some(c) = entries.iter().filter(|e| !e.key.starts_with(AGENCY)).find_map(|e| e.country.as_deref()) {
                    // (Borrowed: the history copies a code only when it differs from the last.)
                    hist.state_named(t.cs, c);
                    step = n;
                    break;
                }
            }
            if step == 1 && self.lex.code == "en" {
                let near = [i, i + 1, i + 2];
                let near = &near[..(end - i).min(3)];
                if let Some((n, c)) = self.state_demonym_at(b, near, 0, &mut key).and_then(|(n, e)| Some((n, e.country.as_deref()?))) {
                    hist.state_named(t.cs, c);
                    step = n;
                }
            }
            i += step;
        }
    }

    /// Resolves words `first..end` of `b` (punctuation inside is ignored) mentioned at char `pos`;
    /// `exclude` is a char span whose speakers a pronoun may not stand for (the claim's own content).
    pub fn resolve(&self, b: &Block, first: usize, end: usize, pos: usize, exclude: (usize, usize), hist: &History) -> Option<Entity> {
        let ws = word_tokens(b, first, end);
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
            // "he" never stands for a person the text tells is a woman, nor "she" for a man.
            let psex = lex.set(S::PronSex).match_at(&|k| (k == 0).then_some(w), 0).and_then(|(_, v)| Sex::from_value(v.as_deref()?));
            let agrees = |e: &Entity| e.kind != EntityKind::Person || sex::agrees(psex, e.sex);
            let narrated = |ok: &dyn Fn(&Entity) -> bool| {
                hist.recent(pos, exclude, &|e| ok(e) && agrees(e) && hist.narrated(e.pos)).or_else(|| hist.recent(pos, exclude, &|e| ok(e) && agrees(e)))
            };
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
            } else if let Some((_, Some(v))) = lex.set(S::ObjectPronouns).match_at(&|k| (k == 0).then_some(w), 0) {
                // An object that speaks ("IRNA quoted him as saying"), as its subject form would.
                match v.as_str() {
                    "person" => narrated(&|e| e.kind == EntityKind::Person),
                    _ => narrated(&|e| e.kind != EntityKind::Person),
                }
            } else {
                None
            };
            // With no one else, a personal pronoun stands for the last person a sentence opened
            // with ("John Smith arrived in Kyiv on Monday. He said …").
            let found = found.or_else(|| {
                let object = lex.set(S::ObjectPronouns).match_at(&|k| (k == 0).then_some(w), 0).is_some_and(|(_, v)| v.as_deref() == Some("person"));
                (lex.is(S::PronAny, w) || lex.is(S::PronPerson, w) || object).then(|| hist.subjects.iter().rev().find(|e| e.pos < pos && !(exclude.0 <= e.pos && e.pos < exclude.1) && agrees(e))).flatten()
            });
            // A sexed pronoun stands for the last person of its sex the writer named, speaking or
            // not, when that one comes after the last who spoke.
            let found = match (found, psex) {
                (Some(f), Some(_)) if f.kind == EntityKind::Person => {
                    let named = hist.subjects.iter().rev().find(|e| e.pos < pos && e.pos > f.pos && !(exclude.0 <= e.pos && e.pos < exclude.1) && (e.sex == psex || e.sex.is_none() && !e.nouns.is_empty()) && hist.narrated(e.pos));
                    named.or(Some(f))
                }
                (f, _) => f,
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
                return Some(Entity::new(Speaker { name, party: None, countries }, EntityKind::Group, pos));
            }
        }
        let hits = self.hits(b, &ws);
        // Coordination: "Bakou et Erevan", "le ministre azerbaïdjanais … et le ministre arménien …".
        // Only before an apposition: "X, a geologist and professor at Y" is one speaker.
        let mut conj: Vec<usize> = (0..first_comma(b, &ws).map_or(ws.len(), |k| k + 1))
            .filter(|&k| lex.is(S::Conjunctions, word(k)) && !hits.iter().any(|h| h.first < k && k < h.first + h.len))
            .collect();
        // (Nor inside a body's name: "the Center for Strategic and International Studies".)
        if !conj.is_empty() {
            let covered = |k: usize| hits.iter().any(|h| h.first <= k && k < h.first + h.len);
            if let Some((a, z)) = self.body_name(b, &ws, &covered) {
                conj.retain(|&k| !(a < k && k < z));
            }
        }
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
                return Some(Entity::new(Speaker { name: self.strip_det(b, &ws), party: None, countries }, EntityKind::Group, pos));
            }
            // "Serbia politicians and police": bodies of a state written beside a part that names
            // it, and naming none themselves, are that state's.
            let stateless_body = |&(a, z): &(usize, usize)| {
                let words = |t: usize| if t >= a && t < z { b.word(t) } else { None };
                self.first_state(b, a, z).is_none() && (a..z).any(|t| lex.set(S::OrgNouns).match_at(&words, t).is_some() || words(t).is_some_and(|w| lex.is(S::LocalOffices, w)))
            };
            let states: Vec<&Entity> = resolved.iter().filter(|e| e.speaker.countries.len() == 1).collect();
            if resolved.len() == parts.len() && !states.is_empty() && states.iter().all(|e| e.speaker.countries == states[0].speaker.countries) {
                let rest_are_bodies = parts.iter().zip(&resolved).all(|(p, e)| !e.speaker.countries.is_empty() || stateless_body(p));
                if rest_are_bodies && states.len() < parts.len() {
                    let countries = states[0].speaker.countries.clone();
                    return Some(Entity::new(Speaker { name: self.strip_det(b, &ws), party: countries.first().cloned(), countries }, EntityKind::Group, pos));
                }
            }
            // Otherwise the last part is the subject ("police arrived and the chief said").
            let &(a, z) = parts.last()?;
            return self.resolve_simple(b, a, z, pos, exclude, hist);
        }
        self.resolve_simple_known(b, first, end, pos, exclude, hist, Some((&ws, hits)))
    }

    /// A speaker phrase that resolves to no party: kept as written, with no state, unless it is
    /// a pronoun or holds no noun (a lone lowercase word, a verb form).
    pub fn unresolved(&self, b: &Block, first: usize, end: usize, pos: usize) -> Option<Entity> {
        let ws = word_tokens(b, first, end);
        let lex = self.lex;
        let w0 = b.word(*ws.first()?)?;
        if ws.len() == 1 && lex.is_pronoun(w0) {
            return None;
        }
        if ws.len() > 6 || ws.iter().any(|&t| b.word(t).is_some_and(|w| lex.is(S::NpLeftStop, w) || lex.is(S::Complementizers, w))) {
            return None;
        }
        Some(Entity::new(Speaker { name: self.strip_det(b, &ws), party: None, countries: Vec::new() }, EntityKind::Unresolved, pos))
    }

    /// A subject pronoun that stands for no one the text named before it ("They claim to have
    /// killed …" with no speaker yet): the claim is kept, of no party, flagged unresolved for the
    /// analyst, rather than dropped. Not a pronoun that stands for no speaker ("it is said"), nor
    /// one inside a quotation.
    pub fn unresolved_pronoun(&self, b: &Block, first: usize, end: usize, pos: usize) -> Option<Entity> {
        let lex = self.lex;
        let ws = word_tokens(b, first, end);
        let [w] = ws[..] else { return None };
        // (Inside a quotation a pronoun is the quoted speaker's own reference: "could they explain
        // to the council …?")
        if b.toks[w].inq.is_some() {
            return None;
        }
        let word = b.word(w)?;
        let speaks = lex.is(S::PronAny, word) || lex.is(S::PronPerson, word) || lex.is(S::PronPlural, word) || lex.is(S::PronOrg, word);
        (speaks && !lex.is(S::PronExcluded, word)).then(|| Entity::new(Speaker { name: self.surface(b, w, w).to_string(), party: None, countries: Vec::new() }, EntityKind::Unresolved, pos))
    }

    /// The state an office holder naming no state serves ("le Premier ministre Abiy Ahmed"): for an
    /// office in an institution ("Foreign Ministry spokesman", « представитель министерства ») the
    /// state of the last such institution named; otherwise the state last speaking (its own content
    /// counts: "X a appelé au calme, a précisé son porte-parole"), then the state last named, and
    /// with none yet, the state the document is about.
    ///
    /// `accused` is the state the claim's content calls a liar, if it does: never the one speaking.
    fn state_around(&self, pos: usize, hist: &History, institution: Option<&str>, org: bool, accused: Option<&str>) -> Option<String> {
        // A news agency relays; the state it belongs to is not the one speaking ("…, reports
        // Xinhua": the next spokesman is not China's).
        let state = |e: &Entity| {
            matches!(e.kind, EntityKind::State | EntityKind::Org) && e.speaker.countries.len() == 1 && !e.is_agency() && accused != Some(e.speaker.countries[0].as_str())
        };
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
            // ("Santiago issued a statement. According to the document released by the foreign
            // ministry, Peru is spreading false reports": a state merely named answers the accused.)
            .or_else(|| accused.and_then(|a| hist.last_state_but(pos, a)).map(str::to_string))
            .or_else(|| self.profile.and_then(Profile::home).map(str::to_string))
    }

    /// The state a claim's content (chars `content`) calls a liar, if it does: the state its
    /// opening subject names, when it holds a word that labels a statement false ("Guyana intends
    /// to generate false versions of …", « Le ministère azerbaïdjanais de la Défense répand une
    /// autre désinformation »). A speaker known only by an office or a document ("according to the
    /// document released by the Foreign Ministry", « selon le communiqué … du ministère de la
    /// Défense ») is then another state's: no one calls their own statements false. (Not a state
    /// inside the proposition denied: "Information that Azerbaijani units shelled … is not true,
    /// said the ministry" is Azerbaijan's own denial.)
    fn accused(&self, b: &Block, content: (usize, usize)) -> Option<String> {
        let lex = self.lex;
        let first = b.toks.partition_point(|t| t.cs < content.0);
        let last = b.toks.partition_point(|t| t.cs < content.1);
        let words = |i: usize| if i >= first && i < last { b.word(i) } else { None };
        if !(first..last).any(|t| lex.set(S::DenyMarkers).match_at(&words, t).is_some()) {
            return None;
        }
        // The subject: a name or a description opening the content (capitalized words, articles,
        // institution nouns, demonyms, "of"), followed by a word that is none of these and opens
        // no clause (the verb).
        let ws: Vec<usize> = (first..last).filter(|&t| b.toks[t].kind == Kind::Word).take(9).collect();
        let in_subject = |t: usize| {
            // ("that" is a determiner too: "Information that Azerbaijani units shelled …" opens a clause.)
            words(t).is_some_and(|w| {
                !lex.is(S::Complementizers, w)
                    && (b.toks[t].cap || lex.is(S::Determiners, w) || lex.is(S::OrgNouns, w) || matches!(w, "de" | "du" | "des" | "d'" | "of") || self.first_state(b, t, t + 1).is_some())
            })
        };
        let z = ws.iter().position(|&t| !in_subject(t))?;
        let next = words(ws[z])?;
        // (A subject that denies or says is the speaker's own: « Le gouvernement du Burkina Faso
        // rejette … de telles accusations infondées ».)
        if z == 0 || !lex.cues.matches_at(&words, ws[z]).is_empty() || lex.is(S::Complementizers, next) || lex.is(S::Prepositions, next) || lex.is(S::Conjunctions, next) || next.chars().any(|c| !c.is_alphabetic()) {
            return None;
        }
        self.first_state(b, ws[0], ws[z - 1] + 1)
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
}

/// The word tokens of `first..end` of `b`, with room made for all at once (collected from a
/// filter, the vector grew by doubling, for every phrase resolved).
fn word_tokens(b: &Block, first: usize, end: usize) -> Vec<usize> {
    let mut ws = Vec::with_capacity(end.saturating_sub(first));
    ws.extend((first..end).filter(|&t| b.toks[t].kind == Kind::Word));
    ws
}

/// Index in `ws` (a phrase's word tokens) of the word right before its first comma.
/// The state among a lookup's entries.
fn state(entries: Found<'_>) -> Option<&Entry> {
    entries.iter().find(|e| e.kind == PartyKind::State)
}

fn first_comma(b: &Block, ws: &[usize]) -> Option<usize> {
    ws.windows(2).position(|p| (p[0] + 1..p[1]).any(|t| b.is_punct(t, ',')))
}
