//! Frames around a prepositional cue: « selon X, … », "according to X, …", « по словам X, … » —
//! the speaker follows the cue, the content is the rest of the clause (or what comes before it).

use super::*;

impl Attributor<'_> {
    /// `kind` is the cue's value in `prep_cues`: `relay` for a source that only an agency can be
    /// ("carried by"), `cited` for a source its clause's subject cites ("citing"), `possessive` for
    /// a cue holding its speaker as a possessive pronoun (« по его словам »).
    pub(super) fn prep_frame(&self, b: &Block, s: usize, e: usize, i: usize, len: usize, kind: Option<&str>) -> Option<Frame> {
        let lex = self.lex;
        let a = i + len;
        if b.word(a).is_some_and(|w| lex.is(S::PrepBlockers, w)) {
            return None;
        }
        let mut z = a;
        let mut agent = None;
        // "the Armed Conflict Location & Event Data Project": a sign joining the words of a name.
        let glue = |t: usize| b.is_punct(t, '&') && b.toks.get(t + 1).is_some_and(|n| n.kind == Kind::Word && n.cap);
        let get = |t: usize| if t < e { b.word(t) } else { None };
        while z < e && z < a + NP_MAX && (b.toks[z].kind == Kind::Word || glue(z)) {
            let w = b.word(z).unwrap_or("");
            // « Как сообщает ТАСС со ссылкой на Минобороны, … »: a second source cue ends the first
            // one's source.
            if z > a && lex.set(S::PrepCues).match_at(&get, z).is_some() {
                break;
            }
            if z > a && lex.is(S::NpRightStop, w) {
                // "according to the document released by the Foreign Ministry", « selon le bilan
                // publié par le ministère »: a document's author is named after it, and speaks.
                let named = b.toks.get(z + 1).is_some_and(|n| n.kind == Kind::Word && n.cap) || b.word(z + 1).is_some_and(|n| lex.is(S::Determiners, n));
                // ("according to a statement from the ministry": so is a document's author after
                // its own prepositions.)
                let document = (a..z).any(|t| b.word(t).is_some_and(|x| lex.is(S::RelayNouns, x) || x.strip_suffix('s').is_some_and(|x| lex.is(S::RelayNouns, x))));
                if agent.is_none() && (lex.is(S::AgentPreps, w) || document && lex.is(S::DocumentPreps, w)) && named {
                    agent = Some(z + 1);
                    z += 1;
                    continue;
                }
                break;
            }
            z += 1;
        }
        // « По его словам, … »: a possessive inside the cue is who speaks; no phrase follows.
        let possessive = kind == Some("possessive");
        if possessive {
            z = a;
        } else if z == a {
            return None;
        }
        // "selon le gouverneur de la région, Ivan Petrov, …": the name in apposition belongs to
        // the speaker.
        if b.is_punct(z, ',') {
            let name_end = (z + 1..(z + 6).min(e)).take_while(|&t| b.toks[t].kind == Kind::Word && b.toks[t].cap).last();
            if let Some(n) = name_end.filter(|&n| b.is_punct(n + 1, ',')) {
                z = n + 1;
            }
        }
        // (A source cited by the source opening the sentence opens it as well: "According to
        // Xinhua, citing the ministry, …", « Как сообщает ТАСС со ссылкой на Минобороны, … ».)
        let opens = |from: usize| (s..from).all(|t| b.toks[t].kind != Kind::Word || lex.is(S::Conjunctions, b.word(t).unwrap_or("")));
        // (The opener is the clause's first word, and its source is a phrase's length from here.)
        let first = (s..i).find(|&t| b.toks[t].kind == Kind::Word && !lex.is(S::Conjunctions, b.word(t).unwrap_or("")));
        let cited_by_opener = kind == Some("cited")
            && first.is_some_and(|t| {
                i - t <= 2 * NP_MAX
                    && lex.set(S::PrepCues).match_at(&get, t).is_some_and(|(n, v)| v.as_deref() != Some("cited") && t + n < i && (t + n..i).all(|x| b.toks[x].kind == Kind::Word || b.is_punct(x, ',')))
            });
        let at_start = opens(i) || cited_by_opener;
        let content = if at_start {
            let mut c = z;
            while c < e && b.toks[c].kind != Kind::Word && b.toks[c].kind != Kind::Quote {
                c += 1;
            }
            // (What a cited source says, when one follows, starts after it.)
            if lex.set(S::PrepCues).match_at(&get, c).is_some_and(|(_, v)| v.as_deref() == Some("cited")) {
                c = (c..(c + 2 * NP_MAX).min(e)).find(|&t| b.is_punct(t, ',')).map_or(e, |t| t + 1);
            }
            if c >= e {
                return None;
            }
            span(b, c, e - 1)
        } else {
            let words_before = (s..i).filter(|&t| b.toks[t].kind == Kind::Word).count();
            // "…, когда, по сведениям X, огонь открыли …", "…, that, according to X, the troops …":
            // an aside right after a conjunction introduces what follows, not what came before.
            let aside = i >= s + 2 && b.is_punct(i - 1, ',') && b.is_punct(z, ',') && b.word(i - 2).is_some_and(|w| lex.is(S::NpLeftStop, w) || lex.is(S::Complementizers, w));
            // Without commas too: "which according to the Department of Defense will degrade …",
            // "said that according to preliminary information “all … were destroyed”". The source
            // ends at the clause's first verb or quotation.
            let opener = |w: &str| lex.is(S::Relatives, w) || lex.is(S::Complementizers, w);
            let bare_aside = !aside && i > s && b.word(i - 1).is_some_and(opener);
            let verb_at = || {
                (a + 1..z)
                    .find(|&t| !b.toks[t].cap && b.word(t).is_some_and(|w| lex.is(S::Aux, w) || lex.is_finite(w)))
                    .or_else(|| (z < e && matches!(b.toks[z].q, QRole::Open(_))).then_some(z))
            };
            if aside && z + 1 < e {
                span(b, z + 1, e - 1)
            } else if let Some(v) = bare_aside.then(verb_at).flatten() {
                z = v;
                span(b, v, e - 1)
            } else if words_before >= 3 || z + 1 >= e {
                span(b, s, i - 1)
            } else {
                span(b, z, e - 1)
            }
        };
        let cue = span(b, i, i + len - 1);
        // « Как сообщили в Минобороны РФ, … »: an impersonal cue names its source as a place.
        let words = |t: usize| if t < z { b.word(t) } else { None };
        let from = a + lex.set(S::SourcePreps).match_at(&words, a).map_or(0, |(n, _)| n);
        if possessive {
            return Some(Frame { aside: true, relays: true, ..Frame::new(cue, Stance::Report, Subj::Np(i + 1, i + 2), content) });
        }
        if from >= z {
            return None;
        }
        // A source named after what it says ("…, according to the ministry") owns the content
        // before it, as a trailing verb does.
        // (Only a source closing the sentence: an aside inside it, « tuant selon cette source
        // au moins deux soignants », is no tail.)
        let last = (z..e).all(|t| b.toks[t].kind == Kind::Word || t + 1 == e && b.toks[t].kind == Kind::Punct);
        let tail_at = (content.ce <= cue.cs && i > s && b.is_punct(i - 1, ',') && last).then_some(cue.cs);
        // The author of the document named speaks ("the report updated by the UN Office").
        let from = agent.filter(|&g| g < z).unwrap_or(from);
        // "in a statement carried by the ministry" is a setting, not a source: such a cue
        // sources a claim only through a news agency.
        if kind == Some("relay") && !self.r.resolve(b, from, z, b.toks[from].cs, (content.cs, content.ce), &self.hist).is_some_and(|en| en.is_agency()) {
            return None;
        }
        // A source whose content reports speech relays it ("according to the ministry, the
        // general said …"): it says nothing of its own beside it.
        Some(Frame { tail_at, aside: true, relays: true, cited: kind == Some("cited"), ..Frame::new(cue, Stance::Report, Subj::Np(from, z), content) })
    }
}
