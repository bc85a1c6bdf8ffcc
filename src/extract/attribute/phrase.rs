//! Noun phrases around a cue: where a subject scanned leftwards starts, the phrase an inverted
//! cue's speaker spans, appositions ("Dmitri Peskov, le porte-parole du Kremlin, a déclaré"), and
//! the check that a speaker phrase holds no verb, cue or clause.

use super::*;

impl Attributor<'_> {
    /// A speaker phrase holds no verb: a subject scanned leftwards keeps what follows the last verb
    /// in it, one scanned rightwards what precedes the first ("…, said the government accuses …"
    /// is "the government"). `None` when nothing is left.
    pub(super) fn clause_free(&self, b: &Block, a: usize, z: usize, left: bool) -> Option<(usize, usize)> {
        let lex = self.lex;
        let words = |t: usize| if t >= a && t < z { b.word(t) } else { None };
        // A relative clause inside the phrase describes the speaker: its verbs are no clause of the
        // sentence. Set off by commas it is an apposition the resolver reads past ("Brooks, who
        // still has the phone, said"); restrictive, it is no part of the name ("an official who
        // was present in court told …").
        let z = match (a + 1..z).find(|&t| words(t).is_some_and(|w| lex.is(S::Relatives, w))) {
            Some(t) if b.is_punct(t - 1, ',') => return Some((a, z)),
            Some(t) => t,
            None => z,
        };
        let words = |t: usize| if t >= a && t < z { b.word(t) } else { None };
        let verb = |t: usize| {
            // After a determiner or a preposition a cue form is a noun ("la note", "le juge"); a
            // capitalized word is a name ("Elizabeth May").
            let noun = t > a && words(t - 1).is_some_and(|p| lex.is(S::Determiners, p) || lex.is(S::NpRightStop, p) || matches!(p, "of" | "de" | "d'"));
            // A participle before its agent qualifies the noun ("the report updated by the UN").
            let before_agent = words(t + 1).is_some_and(|w| lex.is(S::AgentPreps, w));
            // (As written: folded, « à » is the auxiliary « a », "les autorités à New Delhi".)
            let aux = words(t).is_some() && lex.is_aux_written(&self.r.text[b.toks[t].bs..b.toks[t].be]);
            !b.toks[t].cap
                && !before_agent
                && (aux || words(t).is_some_and(|w| lex.is_finite(w))
                    || (!noun && lex.cues.matches_at(&words, t).iter().any(|(_, c)| c.form != Form::Participle)))
        };
        let (a, z) = if left {
            match (a..z).rev().find(|&t| verb(t)) {
                Some(v) => (v + 1, z),
                None => (a, z),
            }
        } else {
            (a, (a..z).find(|&t| t > a && verb(t)).unwrap_or(z))
        };
        // A phrase opening with a preposition or closing on one is an adjunct, not a speaker ("to the
        // accusations", "of a new humanitarian catastrophe", "innocent citizens amid").
        let prep = |t: usize| b.word(t).is_some_and(|w| lex.is(S::Prepositions, w));
        let det = |t: usize| b.word(t).is_some_and(|w| lex.is(S::Determiners, w));
        let mut first = (a..z).find(|&t| b.toks[t].kind == Kind::Word)?;
        let last = (a..z).rev().find(|&t| b.toks[t].kind == Kind::Word)?;
        if prep(first) {
            // "a déclaré à RFI le procureur …": an addressee before an inverted subject; "in a move
            // the company said": an adjunct before a subject. The subject opens with the next
            // determiner.
            first = if left { (first + 2..z).rev().find(|&t| det(t))? } else { (first + 2..z).find(|&t| det(t))? };
        }
        // "China Thursday questioned", "the ministry on Sunday refuted": a time adverbial between
        // subject and verb is not part of the speaker's name.
        let time = |t: usize| b.word(t).is_some_and(|w| lex.is(S::TimeWords, w) && lex.is(S::NpRightStop, w));
        let (last, z) = match (first..=last).rev().find(|&t| b.toks[t].kind == Kind::Word && !time(t)) {
            Some(l) if left && l < last => (l, l + 1),
            _ => (last, z),
        };
        // "…, a claim Pakistan rejected": a claim noun with a name after it heads a relative
        // clause, whose subject is the name.
        let skip = usize::from(det(first));
        let words = |t: usize| if t < z { b.word(t) } else { None };
        if let Some((n, _)) = lex.set(S::ClaimNouns).match_at(&words, first + skip).filter(|_| left) {
            if first + skip + n <= last && b.toks[first + skip + n].cap {
                first += skip + n;
            }
        }
        (!prep(first) && !prep(last) && !det(last)).then_some((first, z))
    }

    /// Whether tokens `a..z` hold a finite verb or an auxiliary (a capitalized word is a name).
    pub(super) fn holds_verb(&self, b: &Block, a: usize, z: usize) -> bool {
        (a..z).any(|t| !b.toks[t].cap && b.word(t).is_some_and(|w| self.lex.is_finite(w) || self.lex.is(S::Aux, w)))
    }

    /// First token of the subject ending at `le`, scanning left to a stop; `le + 1` if none.
    pub(super) fn left_np_start(&self, b: &Block, s: usize, le: usize) -> usize {
        let mut a = le + 1;
        while a > s && le + 1 - a < NP_MAX {
            let k = a - 1;
            // "The National Electoral Commission (NEC) has dismissed": an acronym in brackets is
            // part of the name.
            if b.is_punct(k, ')') {
                match (k.saturating_sub(4).max(s)..k).rev().find(|&t| b.is_punct(t, '(')) {
                    Some(open) if open > s => {
                        a = open;
                        continue;
                    }
                    _ => break,
                }
            }
            // "A senior U.S. official said": the periods of an abbreviation of single letters are
            // inside the phrase.
            let initial = |t: usize| {
                let w = &self.r.text[b.toks[t].bs..b.toks[t].be];
                b.toks[t].kind == Kind::Word && b.toks[t].upper && (w.len() == 1 || w.split('.').all(|p| p.chars().count() == 1))
            };
            // (Not before a capitalized article: "… by the U.S. The Pentagon said" starts anew.)
            let opens_anew = b.toks.get(k + 1).is_some_and(|n| n.cap) && b.word(k + 1).is_some_and(|w| self.lex.is(S::Determiners, w));
            if b.is_punct(k, '.') && k > s && initial(k - 1) && !opens_anew {
                a = k;
                continue;
            }
            let Some(w) = b.word(k) else { break };
            if self.lex.is(S::NpLeftStop, w) {
                break;
            }
            a = k;
            // "…, a claim the group denies", "…, an allegation Kigali rejects": an article or a
            // name after a claim noun opens the relative clause's subject; the noun is what it
            // denies, not part of who does.
            let words = |t: usize| b.word(t);
            if k > s && (self.lex.is(S::Articles, w) || b.toks[k].cap) && self.lex.set(S::ClaimNouns).ending_at(&words, k - 1).is_some() {
                break;
            }
            // "Khartoum, June 30 The Sudanese Armed Forces …", "Caracas, Mar 3 (Prensa Latina) The
            // Venezuelan government …": a dateline run into the first sentence ends at a capitalized
            // article after its date or its agency.
            let after_dateline = k > s && (b.toks[k - 1].ch.is_ascii_digit() || b.is_punct(k - 1, ')'));
            if after_dateline && b.toks[k].cap && self.lex.is(S::Articles, w) {
                break;
            }
        }
        a
    }

    /// The speaker after an inverted cue: words up to a stop, as a token range.
    pub(super) fn right_np(&self, b: &Block, e: usize, k: usize) -> Option<(usize, usize)> {
        let mut z = k;
        while z < e && z < k + NP_MAX && b.toks[z].kind == Kind::Word {
            // "les autorités à New Delhi": a seat of government after an institution is part of it.
            let seat = matches!(b.word(z), Some("à" | "a" | "in")) && z + 1 < e && b.toks[z + 1].cap && self.r.name_at(b, z + 1).is_some();
            // "…, сообщают погранслужбы КР и РТ", "…, ont affirmé Bakou et Erevan": a name joined
            // to the speaker is a second speaker (the resolver splits the coordination).
            let joined = z > k && self.lex.is(S::Conjunctions, b.word(z).unwrap_or("")) && z + 1 < e && b.toks[z + 1].cap && self.r.name_at(b, z + 1).is_some();
            if z > k && self.lex.is(S::NpRightStop, b.word(z).unwrap_or("")) && !seat && !joined {
                break;
            }
            z += 1;
        }
        (z > k).then_some((k, z))
    }

    /// "X, the Kremlin spokesman, said": the subject before the apposition's commas.
    /// Whether tokens `s..comma` are an adjunct leading the sentence ("In the meantime", "On
    /// Monday", "Faced with this scenario"): opening on a preposition, a time word or a participle,
    /// with no finite verb.
    pub(super) fn leading_adjunct(&self, b: &Block, s: usize, comma: usize) -> bool {
        let lex = self.lex;
        comma > s
            && b.word(s).is_some_and(|w| lex.is(S::Prepositions, w) || lex.is(S::TimeWords, w) || lex.has_finite_ending(w))
            && (s + 1..comma).all(|t| b.word(t).is_none_or(|w| !(lex.is_finite(w) || lex.is(S::Aux, w))))
    }

    /// "Navdeep Bains, Minister of Innovation, Science and Economic Development, said", "Sarah
    /// Buckley, who attended a school nearby, played in the band and graduated in 2013, said": an
    /// apposition holding commas of its own. The subject is the phrase the sentence opens with, up
    /// to its first comma, when that phrase holds no verb and is no adjunct, and what follows it up
    /// to the verb's comma holds no verb either, or is a relative clause about it.
    fn opening_subject(&self, b: &Block, s: usize, comma: usize) -> Option<(usize, usize)> {
        let c1 = (s..comma).find(|&t| b.is_punct(t, ','))?;
        let opening_words = (s..c1).filter(|&t| b.toks[t].kind == Kind::Word).count();
        if c1 == s || opening_words == 0 || opening_words > NP_MAX || comma - c1 > 4 * NP_MAX {
            return None;
        }
        let lex = self.lex;
        // (A name or a determined noun, not a connective: « Cependant, invité …, X, a nié ».)
        let names = b.word(s).is_some_and(|w| (b.toks[s].cap || lex.is(S::Determiners, w)) && !lex.is(S::Adverbs, w) && !lex.is(S::Conjunctions, w) && !lex.is(S::Prepositions, w));
        let adjunct = self.leading_adjunct(b, s, c1) || (s..c1).all(|t| b.word(t).is_none_or(|w| lex.is(S::TimeWords, w)));
        if !names || adjunct || self.holds_verb(b, s, c1) || self.left_np_start(b, s, c1 - 1) != s {
            return None;
        }
        let relative = b.word(c1 + 1).is_some_and(|w| lex.is(S::Relatives, w) && !lex.is(S::Complementizers, w));
        (relative || !self.holds_verb(b, c1 + 1, comma)).then_some((s, c1))
    }

    pub(super) fn apposition(&self, b: &Block, s: usize, comma: usize) -> Option<(usize, usize)> {
        // "The Kremlin, however, said", « Le ministère, de son côté, a affirmé »: an adverb set off
        // by commas stands between the subject and its verb.
        let words = |t: usize| if t >= s && t < comma { b.word(t) } else { None };
        // (An adverb that ends the apposition itself is no aside: "X, a player who turns 49 on
        // Thursday, said".)
        let aside = comma.checked_sub(1).and_then(|t| self.lex.set(S::Adverbs).ending_at(&words, t)).and_then(|n| comma.checked_sub(n + 1)).filter(|&c| c > s && b.is_punct(c, ','));
        if let Some(c) = aside {
            return self.apposition_at(b, s, c).or_else(|| {
                let ns = self.left_np_start(b, s, c - 1);
                (ns < c).then_some((ns, c))
            });
        }
        self.apposition_at(b, s, comma)
    }

    fn apposition_at(&self, b: &Block, s: usize, comma: usize) -> Option<(usize, usize)> {
        let mut a = comma;
        let mut commas = 0;
        let mut since_comma = 0;
        // The part nearest the verb, and the comma opening it.
        let (mut first_part, mut first_comma) = (comma, comma);
        while a > s && comma - a < 2 * NP_MAX {
            let k = a - 1;
            if b.is_punct(k, ',') {
                // "Sen. Debbie Stabenow, D-Mich., a member of …, said": a short aside (a state, an
                // age) between two commas belongs to the apposition.
                // Not a time adverbial opening the sentence ("Earlier Sunday, Pavlo Kyrylenko, the
                // head of …, said"): there the aside is the subject.
                // (Nor any leading adjunct: "In the meantime, the Al-Sinnari Observatory, a local
                // legal organisation, warned".)
                // (Nor a participle's phrase opening the sentence, « Interrogé par la télévision, le
                // ministre des Affaires étrangères, X, a déclaré », "Speaking on state television, the
                // minister, X, said": a word that names nothing, then a preposition, and no finite
                // verb before the comma.)
                let verbless_lead = k > s + 1
                    && b.word(s + 1).is_some_and(|w| self.lex.is(S::Prepositions, w))
                    && b.word(s).is_some_and(|w| !self.lex.is(S::Determiners, w))
                    && self.r.name_at(b, s).is_none()
                    && (s..k).all(|t| !b.is_punct(t, ','))
                    && !self.holds_verb(b, s, k);
                let opens_with_time = (s..k).all(|t| b.word(t).is_none_or(|w| self.lex.is(S::TimeWords, w))) || self.leading_adjunct(b, s, k) || verbless_lead;
                // "The strike killed 12 people, the official, who declined to be named, said": after
                // a relative clause the part before it is the subject whole, however short, and what
                // precedes it is what was said.
                let after_relative = commas == 1 && b.word(first_part).is_some_and(|w| self.lex.is(S::Relatives, w) && !self.lex.is(S::Complementizers, w));
                if after_relative {
                    return (a < first_comma).then_some((a, first_comma));
                }
                if commas == 1 && since_comma <= 2 && k > s && b.word(k - 1).is_some() && !opens_with_time {
                    since_comma = 0;
                    a = k;
                    continue;
                }
                if commas == 1 && opens_with_time {
                    return (a < comma).then_some((a, comma));
                }
                commas += 1;
                if commas > 1 {
                    break;
                }
                (first_part, first_comma) = (a, k);
                since_comma = 0;
                a = k;
                continue;
            }
            // Brackets, and inside a sentence the periods of abbreviations ("Inc.") and the signs of
            // company names ("Gluskin Sheff + Associates").
            if b.toks[k].kind == Kind::Punct && matches!(b.toks[k].ch, '(' | ')' | '.' | '+' | '&' | '/') {
                a = k;
                continue;
            }
            let Some(w) = b.word(k) else { break };
            since_comma += 1;
            // "X, a refugee who works as a translator, said": a relative clause inside the apposition,
            // and whatever stop words it holds. The look-back is bounded like the apposition itself.
            let in_relative = || {
                (s..=k).rev().take(2 * NP_MAX).take_while(|&j| !b.is_punct(j, ',')).any(|j| b.word(j).is_some_and(|x| self.lex.is(S::Relatives, x)))
            };
            if commas == 0 && in_relative() {
                a = k;
                continue;
            }
            if self.lex.is(S::NpLeftStop, w) {
                // A relative clause ("the official, who …,"): the subject is before it. (Not a
                // clause a complementizer opens: « Сообщение Минобороны о том, что …, не
                // соответствует действительности, заявило … » is what was said.)
                let relative = self.lex.is(S::Relatives, w) && !self.lex.is(S::Complementizers, w);
                if commas == 1 && k > s && b.is_punct(k - 1, ',') && relative {
                    let end = k - 1;
                    let start = self.left_np_start(b, s, end.checked_sub(1)?);
                    return (start < end).then_some((start, end));
                }
                break;
            }
            a = k;
        }
        if commas > 1 {
            return self.opening_subject(b, s, comma);
        }
        if commas != 1 || a >= comma {
            return None;
        }
        // "Les rebelles, qui ont lancé une offensive, ont affirmé": a relative clause in apposition
        // describes the subject; it is no part of its name.
        let inner = (a..comma).find(|&t| b.is_punct(t, ','));
        if let Some(c) = inner.filter(|&c| c > a && b.word(c + 1).is_some_and(|w| self.lex.is(S::Relatives, w))) {
            return Some((a, c));
        }
        Some((a, comma))
    }
}
