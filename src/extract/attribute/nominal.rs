//! Nominal attributions: a claim carried by a noun rather than a verb — « сообщения СМИ о том, что
//! … », « обвинения Варшавы в нарушении границы », « les accusations de Kiev selon lesquelles … »,
//! "claims by Moscow that …". The noun names the claim, the phrase after it its author, and a link
//! word ("о том, что", "selon lesquelles", "that") its content. What such a claim says is usually
//! what another party denies, so a denial can answer it.

use crate::model::Stance;

use super::super::cues::S;
use super::super::segment::{Block, Kind, QRole};
use super::{span, Attributor, Frame, Subj, NP_MAX};

impl Attributor<'_> {
    /// The frame of claim noun `i..i + len` of sentence `s..e`, if an author and a link follow it.
    ///
    /// A document noun (`document`: "the statement of the Azerbaijani defense ministry according to
    /// which …", « le communiqué du ministère selon lequel … ») carries one too, but only before a
    /// link that cannot open a relative clause (`document_links`): "the statement of X that was
    /// released" says nothing.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn nominal_frame(&self, b: &Block, s: usize, e: usize, i: usize, len: usize, accusation: bool, document: bool) -> Option<Frame> {
        let lex = self.lex;
        let (links_set, preps_set) = if document { (S::DocumentLinks, S::DocumentPreps) } else { (S::NominalLinks, S::NominalPreps) };
        let words = |k: usize| if k >= s && k < e { b.word(k) } else { None };
        let mut a = i + len;
        // "Washington's claim that …": a possessive before the noun names its author, and the
        // link follows the noun.
        if let Some(p) = i.checked_sub(1).filter(|&p| p > s && words(p).is_some_and(is_possessive)) {
            let author_end = if words(p).is_some_and(|w| matches!(w, "'s" | "’s")) { p } else { p + 1 };
            // (A short phrase: "the Taliban's", "Russia's defence ministry's"; no verb, no cue.)
            let part = |t: usize| {
                words(t).is_some_and(|w| !(lex.is_finite(w) || lex.is(S::Aux, w) || lex.is(S::NpRightStop, w) || lex.is(S::NpLeftStop, w) || lex.has_finite_ending(w)))
                    && lex.cues.matches_at(&words, t).is_empty()
            };
            let mut from = author_end;
            while from > s && author_end - from < 4 && part(from - 1) {
                from -= 1;
            }
            let (n, value) = lex.set(links_set).match_at(&words, a)?;
            let topic = value.as_deref() == Some("topic");
            if from >= author_end || !(accusation || value.is_none() || topic || value.as_deref() == Some("about")) {
                return None;
            }
            return self.nominal_content(b, s, e, i, len, (from, author_end), (a, n, topic));
        }
        // «Распространенное министерством обороны Азербайджана сообщение о том, что …»: a passive
        // participle before the noun, and its agent between them, name the author.
        let participle = (i.saturating_sub(7).max(s)..i.saturating_sub(1)).rev().find(|&p| words(p).is_some_and(|w| lex.has_agent_participle_ending(w)));
        if let Some(p) = participle.filter(|&p| (p + 1..i).all(|t| b.toks[t].kind == Kind::Word) && (p + 1..i).any(|t| b.toks[t].cap || words(t).is_some_and(|w| lex.is(S::OrgNouns, w)))) {
            if let Some((n, value)) = lex.set(links_set).match_at(&words, a).filter(|(n, v)| v.is_none() || v.as_deref() == Some("about") && (a + n..a + n + 3).any(|t| words(t).is_some_and(|w| lex.is(S::Complementizers, w)))) {
                return self.nominal_content(b, s, e, i, len, (p + 1, i), (a, n, value.as_deref() == Some("topic")));
            }
        }
        // "refuted the claim that …", "repeated allegations that …", « les affirmations selon
        // lesquelles … »: a claim whose author the text does not name is still a claim (guidelines:
        // a claim mentioned inside another's denial is one in its own right), of an unnamed party
        // that the noun phrase stands for. Only a clause follows so, not a topic.
        // (A topic link opening a clause counts: « сообщения о том, что … ».)
        let link = lex.set(S::NominalLinks).match_at(&words, a).filter(|_| !document).filter(|(n, v)| match v.as_deref() {
            None => true,
            Some("about") => (a + n..a + n + 3).any(|t| words(t).is_some_and(|w| lex.is(S::Complementizers, w))),
            _ => false,
        });
        // (Not a relative clause ending on its verb: "an allegation that Hamas denies".)
        let relative = |n: usize| {
            let end = (a + n..e).find(|&t| b.toks[t].kind == Kind::Punct && !matches!(b.toks[t].q, QRole::Open(_) | QRole::Close(_))).unwrap_or(e);
            end > a + n && end - (a + n) <= 4 && !lex.cues.matches_at(&words, end - 1).is_empty()
        };
        if let Some((n, _)) = link.filter(|&(n, _)| !relative(n)) {
            let from = i.checked_sub(1).filter(|&d| d >= s && words(d).is_some_and(|w| lex.is(S::Determiners, w) || lex.is(S::Articles, w))).unwrap_or(i);
            return self.nominal_content(b, s, e, i, len, (from, i + len), (a, n, false)).map(|f| Frame { unnamed: true, ..f });
        }
        // Languages that mark the author with a preposition ("de", "by") need it; Russian puts the
        // author in the genitive right after the noun.
        let preps = lex.set(preps_set);
        if !preps.is_empty() {
            let (n, _) = preps.match_at(&words, a)?;
            a += n;
        }
        // The author: words (and a parenthesised abbreviation, a quoted name) up to the link.
        let mut z = a;
        let mut link = None;
        while z < e && z < a + NP_MAX {
            if z > a {
                if let Some((n, value)) = lex.set(links_set).match_at(&words, z) {
                    // ("about": a topic any claim noun takes, and its preposition stays in the
                    // content, « сообщения СМИ о захвате »; "topic": one only an accusation takes,
                    // after its preposition, "accusations regarding an incursion".)
                    if accusation || value.is_none() || value.as_deref() == Some("about") {
                        link = Some((z, n, value.as_deref() == Some("topic")));
                        break;
                    }
                }
            }
            let t = &b.toks[z];
            let ok = t.kind == Kind::Word || matches!(t.ch, '(' | ')') || matches!(t.q, QRole::Open(_) | QRole::Close(_));
            if !ok || words(z).is_some_and(|w| lex.is_finite(w) || !lex.cues.matches_at(&words, z).is_empty()) {
                break;
            }
            z += 1;
        }
        let (at, n, topic) = link?;
        self.nominal_content(b, s, e, i, len, (a, at), (at, n, topic))
    }

    /// The frame of a document noun whose link (`document_links`) starts at token `link`: the
    /// nearest document noun before it, within a noun phrase's reach, that has its author and that
    /// link ("the statement of the Azerbaijani defense ministry according to which …").
    pub(super) fn document_frame_before(&self, b: &Block, s: usize, e: usize, link: usize) -> Option<Frame> {
        let lex = self.lex;
        let words = |k: usize| if k >= s && k < e { b.word(k) } else { None };
        lex.set(S::DocumentLinks).match_at(&words, link)?;
        (link.saturating_sub(NP_MAX + 2).max(s)..link)
            .rev()
            .find_map(|j| lex.set(S::RelayNouns).match_at(&words, j).and_then(|(len, _)| self.nominal_frame(b, s, e, j, len, false, true)))
    }

    /// The frame of claim noun `i..i + len` whose author is `author` and whose link word is
    /// `link` (position, length, whether a topic follows rather than a clause).
    #[allow(clippy::too_many_arguments)]
    fn nominal_content(&self, b: &Block, s: usize, e: usize, i: usize, len: usize, author: (usize, usize), link: (usize, usize, bool)) -> Option<Frame> {
        let (at, n, topic) = link;
        let mut end = at + n;
        while end < e && b.toks[end].kind == Kind::Punct && b.toks[end].ch == ',' {
            end += 1;
        }
        if end >= e || b.toks[end].kind != Kind::Word && !matches!(b.toks[end].q, QRole::Open(_)) {
            return None;
        }
        // The content runs from the link to the end of the clause: of the quotation holding the
        // noun, or of the sentence.
        let clause_end = b.clause_end(i, e);
        if end >= clause_end {
            return None;
        }
        let mut last = clause_end - 1;
        // "The ministry's claim that Armenian units opened fire is not true, …", « Сообщение
        // Минобороны о том, что …, не соответствует действительности »: a claim noun opening the
        // sentence is the subject of what another says of it; its content ends before that.
        if let Some(p) = self.judged_at(b, s, author.0.min(i), end, last) {
            last = p - 1;
        }
        while last > end && b.toks[last].kind == Kind::Punct {
            last -= 1;
        }
        let cue = span(b, i, i + len - 1);
        // A clause keeps its complementizer, as a verb's does; a noun phrase ("regarding an
        // incursion", « relatives à des tirs ») starts after the word tying it to the noun.
        let from = if topic { end } else { at };
        Some(Frame { clause_at: cue.cs, comp: true, nominal: true, ..Frame::new(cue, Stance::Assert, Subj::Np(author.0, author.1), span(b, from, last)) })
    }
}

impl Attributor<'_> {
    /// Where the predicate judging a claim noun's phrase starts, when that phrase opens the
    /// sentence (no verb before `np_start` since `s`): the first denial marker after the content's
    /// start `from`, up to `last`, that follows a comma, a copula or an auxiliary ("is not true",
    /// "are false", « est faux »), or is a negated predicate itself (« ne correspond pas à la
    /// réalité », «не соответствует действительности»). The copula belongs to the predicate.
    fn judged_at(&self, b: &Block, s: usize, np_start: usize, from: usize, last: usize) -> Option<usize> {
        let lex = self.lex;
        let words = |k: usize| if k >= s && k <= last { b.word(k) } else { None };
        let verb = |t: usize| words(t).is_some_and(|w| lex.is_finite(w) || lex.is(S::Aux, w) && lex.is_aux_written(&self.r.text[b.toks[t].bs..b.toks[t].be])) || !lex.cues.matches_at(&words, t).is_empty();
        if (s..np_start).any(verb) {
            return None;
        }
        (from + 2..=last).find_map(|t| {
            lex.set(S::DenyMarkers).match_at(&words, t)?;
            if words(t - 1).is_some_and(|w| lex.is(S::Aux, w) && lex.is_aux_written(&self.r.text[b.toks[t - 1].bs..b.toks[t - 1].be])) {
                Some(t - 1)
            } else if b.is_punct(t - 1, ',') || words(t).is_some_and(|w| lex.is(S::Negation, w)) {
                Some(t)
            } else {
                None
            }
        })
    }
}

/// "'s", or a word ending in it ("Kyiv's"), however the apostrophe is written.
pub(super) fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s")
}
