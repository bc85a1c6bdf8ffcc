//! Document-level mentions: what the whole text says about each person it names, gathered before
//! any claim is attributed.
//!
//! News introduces a person once with their office and state ("Mahamat Hissène, ministre tchadien de
//! la Communication", "le général serbe Mojsilovic", "Rwandan government spokesperson Yolande
//! Makolo") and then quotes them by name alone, sometimes before the introduction. A claim's speaker
//! resolved from one sentence misses that; the profile built here lets every mention of a name take
//! the state its introductions give. One pass over the tokens, bounded windows: linear in the text.

use super::cues::{WordMap, S};
use super::segment::{Block, Kind};
use super::speaker::Resolver;

/// Words looked at around a name for its office.
const WINDOW: usize = 8;

/// What the document says about the persons it names.
#[derive(Debug, Default)]
pub(crate) struct Profile {
    /// Folded last name → the state the person's introductions name.
    states: WordMap<String>,
    /// The state the document names most (ties: the first named).
    home: Option<String>,
    /// Last names introduced with a state office that names no state ("Замглавы МИД Григорий
    /// Карасин", "le porte-parole du gouvernement, X"): wherever they are quoted by name alone, they
    /// hold that office, and serve the state speaking around them.
    office_holders: Vec<String>,
    /// Folded acronym → the state of the phrase it abbreviates ("les services de sécurité
    /// ukrainiens (SBU)" → UA): a later "le SBU" is that body.
    acronyms: WordMap<String>,
}

impl Profile {
    /// The state a person of this folded last name serves, as the document introduces them.
    pub fn state_of(&self, last_name: &str) -> Option<&str> {
        self.states.get(last_name).map(String::as_str)
    }

    /// Whether the person of this last name was introduced with a state office naming no state.
    pub fn holds_office(&self, last_name: &str) -> bool {
        self.office_holders.iter().any(|l| l == last_name)
    }

    /// The state of the body an acronym defined in the text stands for.
    pub fn acronym_state(&self, acronym: &str) -> Option<&str> {
        self.acronyms.get(acronym).map(String::as_str)
    }

    /// The state the document is about: the one it names most often.
    pub fn home(&self) -> Option<&str> {
        self.home.as_deref()
    }
}

/// Builds the profile of the text the blocks tokenize.
pub(crate) fn profile(r: &Resolver<'_>, blocks: &[Block]) -> Profile {
    let mut out = Profile::default();
    // States in order of first mention, with how many blocks name them.
    let mut counts: Vec<(String, usize)> = Vec::new();
    // The same for the states of the cities named, for a text that names no state at all
    // (« sa villa de Courtrai », "Kramatorsk"): its home is where its towns are.
    let mut place_counts: Vec<(String, usize)> = Vec::new();
    let mut named: Vec<String> = Vec::new();
    let mut placed: Vec<String> = Vec::new();
    for b in blocks {
        named.clear();
        placed.clear();
        for &(s, e) in &b.sentences {
            sentence(r, b, s, e, &mut out, &mut named, &mut placed);
        }
        tally(&mut named, &mut counts);
        tally(&mut placed, &mut place_counts);
    }
    let most = |counts: Vec<(String, usize)>| {
        let best = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
        counts.into_iter().find(|(_, n)| *n == best).map(|(c, _)| c)
    };
    out.home = most(counts).or_else(|| most(place_counts));
    out
}

/// Counts each code of `codes` once more in `counts` (first seen first), and empties `codes`.
fn tally(codes: &mut Vec<String>, counts: &mut Vec<(String, usize)>) {
    codes.sort();
    codes.dedup();
    for code in codes.drain(..) {
        match counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code, 1)),
        }
    }
}

/// Acronyms defined in brackets after the phrase they abbreviate ("The Sudanese Armed Forces
/// (SAF)"), with the state that phrase names, if any.
fn acronyms(r: &Resolver<'_>, b: &Block, s: usize, e: usize, out: &mut Profile) {
    for open in s..e.saturating_sub(2) {
        let acr = open + 1;
        if !(b.is_punct(open, '(') && b.toks[acr].kind == Kind::Word && b.toks[acr].upper && b.is_punct(acr + 1, ')')) {
            continue;
        }
        let Some(key) = b.word(acr) else { continue };
        let from = (s..open).rev().take(WINDOW).take_while(|&t| b.toks[t].kind == Kind::Word).last().unwrap_or(open);
        if from < open && !out.acronyms.contains_key(key) {
            if let Some(code) = r.first_state(b, from, open) {
                out.acronyms.insert(key.to_string(), code);
            }
        }
    }
}

/// Reads the names of one sentence: persons into `out`, states named into `named`, and the states
/// of the cities it names past its first word into `placed`.
fn sentence(r: &Resolver<'_>, b: &Block, s: usize, e: usize, out: &mut Profile, named: &mut Vec<String>, placed: &mut Vec<String>) {
    acronyms(r, b, s, e, out);
    let lex = r.lex;
    let name_word = |t: usize| {
        let tok = &b.toks[t];
        tok.kind == Kind::Word && tok.cap && !tok.upper && b.word(t).is_some_and(|w| !lex.is(S::TitleWords, w) && !lex.is(S::PersonNouns, w) && !lex.is(S::Determiners, w) && !lex.is(S::GroupNouns, w))
    };
    let mut i = s;
    while i < e {
        if !name_word(i) {
            let tok = &b.toks[i];
            // A dateline in capitals ("FRANCE -", "MOSCOU, 14 mars") names the state too.
            if tok.kind == Kind::Word && tok.upper && tok.ce - tok.cs > 3 {
                if let Some((len, state)) = r.name_at(b, i) {
                    named.extend(state);
                    i += len;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        if let Some((len, state)) = r.name_at(b, i) {
            named.extend(state);
            i += len;
            continue;
        }
        if i > s {
            let ws: Vec<usize> = (i..(i + 3).min(e)).take_while(|&t| b.toks[t].kind == Kind::Word).collect();
            placed.extend(r.place_state(b, &ws));
        }
        let a = i;
        let mut z = i + 1;
        while z < e && (name_word(z) || b.word(z).is_some_and(|w| lex.is(S::NameParticles, w)) && z + 1 < e && name_word(z + 1)) {
            z += 1;
        }
        i = z;
        if b.word(z - 1).is_none() {
            continue;
        }
        let last = r.last_name_key(b, z - 1);
        if out.states.contains_key(&last) {
            continue;
        }
        // A single capitalized word is a name only right after an office ("le général serbe Mojsilovic").
        let left = left_office(r, b, s, a);
        if z - a == 1 && left.is_none() {
            continue;
        }
        let state = left.and_then(|(from, to)| r.first_state(b, from, to)).or_else(|| right_apposition(r, b, z, e));
        if let Some(code) = state {
            out.states.insert(last.to_string(), code);
        } else if let Some((from, to)) = left {
            let office = |t: usize| if t >= from && t < to { b.word(t) } else { None };
            if (from..to).any(|t| lex.set(S::StateTitles).match_at(&office, t).is_some()) && !out.office_holders.contains(&last) {
                out.office_holders.push(last);
            }
        }
    }
}

/// The office before a name: words back from `a` to a determiner that opens the phrase or to
/// punctuation, holding a person noun ("le ministre serbe de la Défense", "Rwandan government
/// spokesperson"). Returns the token range.
fn left_office(r: &Resolver<'_>, b: &Block, s: usize, a: usize) -> Option<(usize, usize)> {
    let lex = r.lex;
    // "le procureur général près la Cour d'appel de Conakry, Yamoussa Conté": the office may end
    // at a comma right before the name, or before the rank the name carries (« Официальный
    // представитель Министерства обороны России, генерал-лейтенант Игорь Конашенков »).
    let rank = |t: usize| b.word(t).is_some_and(|w| !w.is_empty() && w.split('-').all(|p| lex.is(S::TitleWords, p)));
    let mut r0 = a;
    while r0 > s + 1 && a - r0 < 3 && rank(r0 - 1) {
        r0 -= 1;
    }
    let a = if r0 > s + 1 && b.is_punct(r0 - 1, ',') { r0 - 1 } else if a > s + 1 && b.is_punct(a - 1, ',') { a - 1 } else { a };
    let mut from = a;
    let mut office = false;
    while from > s && a - from < WINDOW {
        let k = from - 1;
        let Some(w) = b.word(k) else { break };
        if lex.is(S::NpLeftStop, w) {
            break;
        }
        // "de la Défense", "of the Interior": a determiner after a preposition stays in the phrase.
        // (« de », « du » are determiners too, but inside the phrase they link its words: « le
        // ministre belge de la Justice ».)
        let links = matches!(w, "de" | "d'" | "du" | "des");
        if lex.is(S::Determiners, w) && !links && !(k > s && b.word(k - 1).is_some_and(|p| matches!(p, "de" | "d'" | "of" | "du" | "des"))) {
            break;
        }
        office |= lex.set(S::PersonNouns).match_at(&|x| b.word(x), k).is_some();
        from = k;
    }
    (office && from < a).then_some((from, a))
}

/// ", ministre tchadien de la Communication,": the state an apposition after a name gives.
fn right_apposition(r: &Resolver<'_>, b: &Block, z: usize, e: usize) -> Option<String> {
    let lex = r.lex;
    if !b.is_punct(z, ',') {
        return None;
    }
    let mut end = z + 1;
    while end < e && end < z + 1 + 2 * WINDOW && b.toks[end].kind == Kind::Word {
        end += 1;
    }
    let office = (z + 1..(z + 5).min(end)).any(|k| lex.set(S::PersonNouns).match_at(&|x| if x < end { b.word(x) } else { None }, k).is_some());
    if !office {
        return None;
    }
    r.first_state(b, z + 1, end)
}
