//! Attribution: finds the cues of each sentence, the speaker and the content each one frames, nests
//! frames into relay chains ("X a souligné que …, a déclaré le ministère"), and emits claims.
//!
//! A cue frames its content in one of four shapes: subject + cue + content ("Bakou affirme avoir
//! pris …"), content + cue + subject or subject + cue at the end ("« … », a-t-il déclaré", "…,
//! Smith said"), a prepositional cue ("selon X, …"), or a passive with an agent ("démentie par
//! Bakou"). Scans around a cue are bounded in tokens, and content is capped, so the pass is linear.

use crate::model::{Speaker, Stance};

use super::cues::{Cue, Form, Lexicon, S};
use super::segment::{Block, Kind, QRole};
use super::speaker::{Entity, EntityKind, History, Resolver};

/// Key prefix of the gazetteer's news agencies.
const AGENCY: &str = "agency.";

/// Longest content, in chars.
const CONTENT_MAX: usize = 3_000;
mod nominal;

/// Longest speaker phrase, in tokens.
const NP_MAX: usize = 14;

/// A claim before ids are given and replies are linked.
#[derive(Debug, Clone)]
pub(crate) struct RawClaim {
    /// Content start, in chars.
    pub start: usize,
    /// Content end, in chars.
    pub end: usize,
    /// Content text.
    pub text: String,
    /// Cue as written.
    pub cue: String,
    /// Stance.
    pub stance: Stance,
    /// Who speaks.
    pub speaker: Speaker,
    /// Relays, nearest first.
    pub via: Vec<Speaker>,
    /// Where the cue is, in chars.
    pub cue_pos: usize,
    /// States the content names (a denial's target).
    pub named: Vec<String>,
    /// Where the cue is written, in chars (empty for a quotation that continues a speaker).
    pub cue_span: (usize, usize),
    /// Where the speaker is written in this claim's sentence, in chars, if it is.
    pub speaker_span: Option<(usize, usize)>,
    /// The speaker resolved to someone the document knows (else it is kept as written).
    pub resolved: bool,
}

/// Where a claim's cue and speaker are written, and whether the speaker resolved.
#[derive(Debug, Clone, Copy)]
struct Marks {
    cue: (usize, usize),
    speaker: Option<(usize, usize)>,
    resolved: bool,
}

#[derive(Debug, Clone, Copy)]
struct Span {
    cs: usize,
    ce: usize,
    bs: usize,
    be: usize,
}

#[derive(Debug, Clone, Copy)]
enum Subj {
    /// Tokens `a..z` name the speaker.
    Np(usize, usize),
    /// The subject of the previous frame (coordination, participial clause).
    Reuse,
}

#[derive(Debug)]
struct Frame {
    cue: Span,
    cue_pos: usize,
    stance: Stance,
    subj: Subj,
    content: Span,
    extra: Option<Span>,
    /// Content before this char belongs to this frame (a trailing "…, a déclaré X").
    tail_at: Option<usize>,
    /// Where this frame's clause starts (its subject), in chars.
    clause_at: usize,
    /// The frame relays what its content reports: a trailing attribution or a quotation.
    relays: bool,
    /// The content is a "that" clause, which holds any speech reported inside it.
    comp: bool,
    /// Where the content starts when the cue has no complementizer (its object), in chars.
    object_at: Option<usize>,
    speaker: Option<Entity>,
    parent: Option<usize>,
    children: usize,
    dropped: bool,
    /// A claim carried by a noun ("les accusations de X selon lesquelles"): it is the object of
    /// whatever verb holds it, never absorbed into that verb's content.
    nominal: bool,
}

/// Attributes the claims of one text, block by block.
pub(crate) struct Attributor<'a> {
    r: Resolver<'a>,
    lex: &'a Lexicon,
    hist: History,
    /// Claims found so far, in text order of their sentences.
    pub claims: Vec<RawClaim>,
    word_blocks: usize,
    last_claim: Option<(Speaker, usize)>,
}

fn span(b: &Block, first: usize, last: usize) -> Span {
    Span { cs: b.toks[first].cs, ce: b.toks[last].ce, bs: b.toks[first].bs, be: b.toks[last].be }
}

fn quote_span(b: &Block, q: usize) -> Span {
    let quote = &b.quotes[q];
    let open = &b.toks[quote.open];
    match quote.close {
        Some(c) => Span { cs: open.ce, ce: b.toks[c].cs, bs: open.be, be: b.toks[c].bs },
        None => Span { cs: open.ce, ce: b.end_char, bs: open.be, be: b.end_byte },
    }
}

impl<'a> Attributor<'a> {
    /// An attributor over `r.text`.
    pub fn new(r: Resolver<'a>) -> Self {
        let lex = r.lex;
        Attributor { r, lex, hist: History::default(), claims: Vec::new(), word_blocks: 0, last_claim: None }
    }

    /// Attributes the claims of one block.
    pub fn block(&mut self, b: &Block) {
        if b.toks.iter().any(|t| t.kind == Kind::Word) {
            self.word_blocks += 1;
        }
        if link_headline(b) {
            return;
        }
        for &(s, e) in &b.sentences {
            self.sentence(b, s, e);
        }
    }

    fn sentence(&mut self, b: &Block, s: usize, e: usize) {
        self.r.note_states(b, s, e, &mut self.hist);
        self.r.note_institutions(b, s, e, &mut self.hist);
        let lex = self.lex;
        let words = |i: usize| if i >= s && i < e { b.word(i) } else { None };
        let mut frames: Vec<Frame> = Vec::new();
        let mut i = s;
        while i < e {
            if b.toks[i].kind != Kind::Word {
                i += 1;
                continue;
            }
            if let Some((len, _)) = lex.set(S::PrepCues).match_at(&words, i) {
                frames.extend(self.prep_frame(b, s, e, i, len));
                i += len;
                continue;
            }
            if let Some((len, value)) = lex.set(S::ClaimNouns).match_at(&words, i) {
                if let Some(f) = self.nominal_frame(b, s, e, i, len, value.is_some()) {
                    frames.push(f);
                    i += len;
                    continue;
                }
            }
            let mut step = 1;
            for (len, cue) in lex.cues.matches_at(&words, i) {
                if let Some(mut f) = self.verb_frame(b, s, e, i, len, cue) {
                    f.clause_at = match f.subj {
                        Subj::Np(a, _) if b.toks[a].cs < f.cue_pos => b.toks[a.saturating_sub(1).max(s)].cs.min(b.toks[a].cs),
                        _ => f.cue.cs,
                    };
                    let at = b.toks.partition_point(|t| t.ce < f.content.cs);
                    let content_is_quote = b.toks.get(at).is_some_and(|t| matches!(t.q, QRole::Open(_)) && t.ce == f.content.cs);
                    // A denial does not relay what it denies ("…, a claim the ministry dismissed").
                    f.relays = (f.tail_at.is_some() && !matches!(f.subj, Subj::Reuse) && f.stance != Stance::Deny) || content_is_quote;
                    frames.push(f);
                    step = len;
                    break;
                }
            }
            i += step;
        }
        // A trailing attribution owns the content before it: trim earlier frames' content there.
        let tails: Vec<usize> = frames.iter().filter_map(|f| f.tail_at).collect();
        for f in &mut frames {
            for &p in &tails {
                if f.content.cs < p && p < f.content.ce && f.tail_at != Some(p) {
                    self.trim_end(&mut f.content, p);
                }
            }
        }
        // Nesting: a frame whose cue lies in the content of a trailing attribution or of a quotation
        // is relayed by it; inside any other content it starts a clause of its own, which ends the
        // other content.
        let n = frames.len();
        for bi in 0..n {
            let pos = frames[bi].cue_pos;
            let holders: Vec<usize> = (bi.saturating_sub(4)..(bi + 5).min(n))
                .filter(|&a| a != bi && frames[a].parent != Some(bi))
                .filter(|&a| frames[a].content.cs <= pos && pos < frames[a].content.ce)
                .collect();
            let best = holders.iter().copied().filter(|&a| frames[a].relays).min_by_key(|&a| frames[a].content.ce - frames[a].content.cs);
            frames[bi].parent = best;
            // Inside a "that" clause, reported speech is part of what the outer speaker says; a cue
            // whose subject is the outer cue's object is a noun ("rejected the Indian claims").
            let absorbed = best.is_none()
                && !frames[bi].nominal
                && holders.iter().any(|&a| frames[a].comp || frames[a].object_at.is_some_and(|o| o >= frames[bi].clause_at && o <= frames[bi].cue_pos));
            if absorbed {
                frames[bi].speaker = None;
                frames[bi].dropped = true;
                continue;
            }
            // A claim carried by a noun is the object of the frame that holds it: its content stays whole.
            if best.is_none() && !frames[bi].nominal {
                let cut = frames[bi].clause_at;
                for a in holders {
                    let mut c = frames[a].content;
                    if c.cs < cut {
                        self.trim_end(&mut c, cut);
                        frames[a].content = c;
                    }
                }
            }
        }
        // Speakers, in cue order; a pronoun never stands for a speaker inside its own content.
        let mut subj_spans: Vec<Option<(usize, usize)>> = vec![None; n];
        for k in 0..n {
            let f = &frames[k];
            if f.dropped {
                continue;
            }
            let exclude = (f.content.cs, f.content.ce);
            // A quotation is speech whoever says it: with a subject the resolver cannot tie to a
            // party it is kept, with no party, for the analyst to settle. Unquoted content with
            // such a subject is more often a misread clause, and is dropped.
            let quoted = self.r.text[..f.content.bs].trim_end().ends_with(['«', '“', '"', '„', '‘', '\'']);
            let subj = match f.subj {
                Subj::Np(a, z) => match self.clause_free(b, a, z, b.toks[a].cs < f.cue_pos) {
                    Some((a, z)) => Subj::Np(a, z),
                    // A quotation stays speech: its speaker is the one the sentence continues.
                    None if quoted => Subj::Reuse,
                    None => continue,
                },
                other => other,
            };
            if let Subj::Np(a, z) = subj {
                subj_spans[k] = Some((b.toks[a].cs, b.toks[z - 1].ce));
            }
            let entity = match subj {
                Subj::Np(a, z) => self.r.resolve(b, a, z, b.toks[a].cs, exclude, &self.hist).or_else(|| {
                    // "Babatunji Farinloye, 50, says": the subject is before the apposition.
                    let comma = a.checked_sub(1).filter(|&c| c > s && b.is_punct(c, ','))?;
                    let start = self.left_np_start(b, s, comma - 1);
                    let (start, z) = self.clause_free(b, start, z, true)?;
                    (start < comma).then(|| self.r.resolve(b, start, z, b.toks[start].cs, exclude, &self.hist)).flatten()
                })
                .or_else(|| quoted.then(|| self.r.unresolved(b, a, z, b.toks[a].cs)).flatten()),
                // The subject carried over is a clause's, never a claim noun's author.
                Subj::Reuse => frames[..k]
                    .iter()
                    .rev()
                    .filter(|p| !p.nominal)
                    .find_map(|p| p.speaker.clone())
                    .or_else(|| self.sentence_subject(b, s, e, f.cue_pos, exclude)),
            };
            if let Some(en) = &entity {
                if en.kind != EntityKind::Unresolved {
                    self.hist.push_speaker(en.clone());
                }
            }
            frames[k].speaker = entity;
        }
        // A news agency closing the sentence ("…, reports Xinhua news agency") relays everything
        // said before it in the sentence, not only the quotation next to it.
        for k in 0..n {
            let agency = frames[k].speaker.as_ref().is_some_and(|e| e.speaker.party.as_deref().is_some_and(|p| p.starts_with(AGENCY)));
            if agency && frames[k].tail_at.is_some() {
                for j in 0..n {
                    if j != k && frames[j].parent.is_none() && frames[j].cue_pos < frames[k].cue_pos && !frames[j].dropped {
                        frames[j].parent = Some(k);
                    }
                }
            }
        }
        for k in 0..n {
            if frames[k].speaker.is_some() {
                if let Some(p) = frames[k].parent {
                    frames[p].children += 1;
                }
            }
        }
        for k in 0..n {
            let f = &frames[k];
            let Some(sp) = &f.speaker else { continue };
            // A state news agency only ever relays: what it says with no one to relay is the
            // outlet's own narration ("Версию двух сторон, передает Sputnik"), no party's claim.
            let agency = sp.speaker.party.as_deref().is_some_and(|p| p.starts_with(AGENCY));
            if f.children > 0 || agency {
                continue;
            }
            let mut via = Vec::new();
            let mut p = f.parent;
            let mut guard = 0;
            while let Some(pi) = p {
                if let Some(ps) = &frames[pi].speaker {
                    via.push(ps.speaker.clone());
                }
                p = frames[pi].parent;
                guard += 1;
                if guard > 8 {
                    break;
                }
            }
            let cue = self.r.text[f.cue.bs..f.cue.be].to_string();
            let marks = Marks { cue: (f.cue.cs, f.cue.ce), speaker: subj_spans[k], resolved: sp.kind != EntityKind::Unresolved };
            for content in std::iter::once(f.content).chain(f.extra) {
                self.emit(b, content, &cue, f.stance, sp.speaker.clone(), via.clone(), f.cue_pos, marks);
            }
        }
        // A quotation standing alone continues the previous speaker (press style).
        let first_q = b.quotes.partition_point(|q| q.open < s);
        for q in first_q..b.quotes.len() {
            let quote = &b.quotes[q];
            if quote.open >= e {
                break;
            }
            if quote.parent.is_some() {
                continue;
            }
            let qs = quote_span(b, q);
            let sentence_chars = b.toks[e - 1].ce - b.toks[s].cs;
            let words_in = (quote.open..quote.end.min(e)).filter(|&t| b.toks[t].kind == Kind::Word).count();
            let covered = frames.iter().any(|f| f.speaker.is_some() && f.content.cs < qs.ce && qs.cs < f.content.ce);
            if covered || words_in < 3 || (qs.ce - qs.cs) * 10 < sentence_chars * 6 {
                continue;
            }
            // A quotation alone in its paragraph, with no full stop, is a subheading ("'Just listen
            // to us'"), not more of what the last speaker said.
            if let Some(c) = quote.close {
                let alone = b.toks[..quote.open].iter().chain(&b.toks[c + 1..]).all(|t| t.kind != Kind::Word);
                let unfinished = !b.toks[quote.open..c].iter().any(|t| t.kind == Kind::Punct && matches!(t.ch, '.' | '!' | '?' | '…'));
                if alone && unfinished {
                    continue;
                }
            }
            if let Some((sp, at)) = self.last_claim.clone() {
                if self.word_blocks <= at + 2 {
                    self.emit(b, qs, "", Stance::Assert, sp, Vec::new(), qs.cs, Marks { cue: (qs.cs, qs.cs), speaker: None, resolved: true });
                }
            }
        }
    }

    /// A speaker phrase holds no verb: a subject scanned leftwards keeps what follows the last verb
    /// in it, one scanned rightwards what precedes the first ("…, said the government accuses …"
    /// is "the government"). `None` when nothing is left.
    fn clause_free(&self, b: &Block, a: usize, z: usize, left: bool) -> Option<(usize, usize)> {
        let lex = self.lex;
        let words = |t: usize| if t >= a && t < z { b.word(t) } else { None };
        // A relative clause inside the phrase is an apposition ("Brooks, who still has the phone,
        // said"): its verbs are the phrase's own.
        if (a..z).any(|t| words(t).is_some_and(|w| lex.is(S::Relatives, w))) {
            return Some((a, z));
        }
        let verb = |t: usize| {
            // After a determiner or a preposition a cue form is a noun ("la note", "le juge"); a
            // capitalized word is a name ("Elizabeth May").
            let noun = t > a && words(t - 1).is_some_and(|p| lex.is(S::Determiners, p) || lex.is(S::NpRightStop, p) || matches!(p, "of" | "de" | "d'"));
            !b.toks[t].cap
                && (words(t).is_some_and(|w| lex.is(S::Aux, w) || lex.is_finite(w))
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
        (!prep(first) && !prep(last) && !det(last)).then_some((first, z))
    }

    fn trim_end(&self, sp: &mut Span, p: usize) {
        if p <= sp.cs || p >= sp.ce {
            return;
        }
        let be = sp.bs + self.r.text[sp.bs..sp.be].chars().take(p - sp.cs).map(char::len_utf8).sum::<usize>();
        sp.ce = p;
        sp.be = be;
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(&mut self, b: &Block, content: Span, cue: &str, stance: Stance, speaker: Speaker, via: Vec<Speaker>, cue_pos: usize, marks: Marks) {
        let Some(c) = self.trim(content) else { return };
        let text = self.r.text[c.bs..c.be].to_string();
        let (first, last) = self.tokens_in(b, c);
        let words = |i: usize| if i >= first && i < last { b.word(i) } else { None };
        let mut stance = stance;
        if matches!(stance, Stance::Assert | Stance::Report) && (first..last).any(|t| self.lex.set(S::DenyMarkers).match_at(&words, t).is_some()) {
            stance = Stance::Deny;
        }
        let mut named = Vec::new();
        if stance == Stance::Deny {
            let mut h = History::default();
            self.r.note_states(b, first, last, &mut h);
            named = h.codes();
        }
        self.last_claim = Some((speaker.clone(), self.word_blocks));
        self.claims.push(RawClaim {
            start: c.cs,
            end: c.ce,
            text,
            cue: cue.to_string(),
            stance,
            speaker,
            via,
            cue_pos,
            named,
            cue_span: marks.cue,
            speaker_span: marks.speaker,
            resolved: marks.resolved,
        });
    }

    fn tokens_in(&self, b: &Block, c: Span) -> (usize, usize) {
        let first = b.toks.partition_point(|t| t.cs < c.cs);
        let last = b.toks.partition_point(|t| t.cs < c.ce);
        (first, last.max(first))
    }

    /// Trims spaces, quotation marks and edge punctuation, and caps the length.
    fn trim(&self, mut c: Span) -> Option<Span> {
        let junk = |ch: char| ch.is_whitespace() || matches!(ch, ',' | ';' | ':' | '.' | '—' | '–' | '-' | '«' | '»' | '“' | '”' | '"' | '″' | '„' | '‘' | '’' | '\'' | '‹' | '›');
        let s = &self.r.text[c.bs..c.be];
        for ch in s.chars() {
            if !junk(ch) {
                break;
            }
            c.bs += ch.len_utf8();
            c.cs += 1;
        }
        let s = &self.r.text[c.bs..c.be];
        // A closing mark stays when it closes a mark the content opens ("reste « précaire »").
        let opens = s.chars().filter(|&ch| matches!(ch, '«' | '“')).count();
        let mut closes = s.chars().filter(|&ch| matches!(ch, '»' | '”')).count();
        for ch in s.chars().rev() {
            if !junk(ch) {
                break;
            }
            if matches!(ch, '»' | '”') {
                if opens >= closes {
                    break;
                }
                closes -= 1;
            }
            c.be -= ch.len_utf8();
            c.ce -= 1;
        }
        if c.ce <= c.cs {
            return None;
        }
        if c.ce - c.cs > CONTENT_MAX {
            let cut: usize = self.r.text[c.bs..c.be].chars().take(CONTENT_MAX).map(char::len_utf8).sum();
            c.be = c.bs + cut;
            c.ce = c.cs + CONTENT_MAX;
        }
        Some(c)
    }

    fn sentence_subject(&self, b: &Block, s: usize, e: usize, pos: usize, exclude: (usize, usize)) -> Option<Entity> {
        let mut z = s;
        while z < e && z < s + 6 && b.word(z).is_some_and(|w| self.lex.is(S::Determiners, w)) {
            z += 1;
        }
        let start = z;
        while z < e && z < start + 5 && b.toks[z].kind == Kind::Word && (b.toks[z].cap || z == start) {
            z += 1;
        }
        if z == start {
            return None;
        }
        self.r.resolve(b, s, z, pos.min(b.toks[s].cs + 1), exclude, &self.hist)
    }

    fn prep_frame(&self, b: &Block, s: usize, e: usize, i: usize, len: usize) -> Option<Frame> {
        let lex = self.lex;
        let a = i + len;
        if b.word(a).is_some_and(|w| lex.is(S::PrepBlockers, w)) {
            return None;
        }
        let mut z = a;
        while z < e && z < a + NP_MAX && b.toks[z].kind == Kind::Word {
            if z > a && lex.is(S::NpRightStop, b.word(z).unwrap_or("")) {
                break;
            }
            z += 1;
        }
        if z == a {
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
        let at_start = (s..i).all(|t| b.toks[t].kind != Kind::Word || lex.is(S::Conjunctions, b.word(t).unwrap_or("")));
        let content = if at_start {
            let mut c = z;
            while c < e && b.toks[c].kind != Kind::Word && b.toks[c].kind != Kind::Quote {
                c += 1;
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
            if aside && z + 1 < e {
                span(b, z + 1, e - 1)
            } else if words_before >= 3 || z + 1 >= e {
                span(b, s, i - 1)
            } else {
                span(b, z, e - 1)
            }
        };
        let cue = span(b, i, i + len - 1);
        Some(Frame {
            cue,
            cue_pos: cue.cs,
            stance: Stance::Report,
            subj: Subj::Np(a, z),
            content,
            extra: None,
            tail_at: None,
            clause_at: 0,
            relays: false,
            comp: false,
            object_at: None,
            speaker: None,
            parent: None,
            children: 0,
            dropped: false,
            nominal: false,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn verb_frame(&self, b: &Block, s: usize, e: usize, i: usize, len: usize, cue: &Cue) -> Option<Frame> {
        let lex = self.lex;
        let words = |k: usize| if k >= s && k < e { b.word(k) } else { None };
        let last = i + len - 1;
        let t = &b.toks[i];
        // Folding merges "déclaré" and "déclare": the written form decides the grammatical use.
        let surface = self.r.text[t.bs..t.be].to_lowercase().replace('’', "'");
        let exact = lex.exact_form(&surface);
        let cue = &Cue { form: exact.unwrap_or(cue.form), ..cue.clone() };
        // A capitalized verb inside a sentence is a name or a title ("United States", "Reports").
        if t.cap && i > s && !matches!(b.toks[i - 1].q, QRole::Open(_)) {
            return None;
        }
        // After a determiner the cue is a noun ("the remark", "his claims"); before a figure it
        // counts ("added 0.3 per cent", "added $1.60").
        if i > s && words(i - 1).is_some_and(|w| lex.is(S::Determiners, w) && !lex.is(S::Clitics, w) && !lex.is(S::NpLeftStop, w) && !lex.is(S::Complementizers, w)) {
            return None;
        }
        // After a possessive, or before "of", a finite form is a noun ("Israel's demand to …",
        // "reports of casualties").
        let possessive = i > s && b.word(i - 1).is_some_and(|w| w == "'s" || w == "’s" || w.ends_with("'s") || w.ends_with("’s"));
        if cue.form == Form::Finite && (possessive || words(last + 1).is_some_and(|w| lex.is(S::TopicPreps, w))) {
            return None;
        }
        // Before a modal it is a noun too ("the strange remark may have …").
        if (!cue.bare && b.toks.get(last + 1).is_some_and(|n| n.ch.is_ascii_digit() || n.ch == '$')) || words(last + 1).is_some_and(|w| w != "to" && lex.is(S::Modals, w)) {
            return None;
        }
        // A finite form followed by an auxiliary is a noun ("member states have"), unless the verb
        // takes a bare clause ("what officials say is …").
        if cue.form == Form::Finite && !cue.bare && words(last + 1).is_some_and(|w| lex.is(S::Aux, w) && lex.is_finite(w)) {
            return None;
        }
        let mut first = i;
        let mut right = last + 1;
        let mut aux = false;
        let mut passive = false;
        let mut inv: Option<usize> = None;
        let mut subj: Option<Subj> = None;
        let mut left_end: Option<usize> = None;
        if cue.form == Form::Gerund {
            let p = i.checked_sub(1).filter(|&p| p >= s)?;
            if !(b.is_punct(p, ',') || words(p) == Some("en")) {
                return None;
            }
            subj = Some(Subj::Reuse);
        } else {
            let mut j = i;
            let mut steps = 0;
            while j > s && steps < 10 {
                let k = j - 1;
                let tk = &b.toks[k];
                steps += 1;
                if tk.kind == Kind::Quote && matches!(tk.q, QRole::Open(_)) && k + 1 == i {
                    j = k;
                    continue;
                }
                // A dash after a quotation hands it to its speaker, as the comma does: « "…", —
                // сказал Песков », « « … » — dit-il ».
                if tk.kind == Kind::Punct && matches!(tk.ch, '—' | '–' | '-') && k + 1 == j && k > s && (b.is_punct(k - 1, ',') || matches!(b.toks[k - 1].q, QRole::Close(_))) {
                    j = k;
                    continue;
                }
                let Some(wk) = b.word(k) else { break };
                if tk.inverted {
                    inv = Some(k);
                    j = k;
                    first = k;
                    continue;
                }
                if lex.is(S::Aux, wk) {
                    // Only the auxiliary nearest the verb makes it passive ("a été aussitôt démentie").
                    if !aux && lex.is(S::Passive, wk) && cue.form != Form::Finite {
                        passive = true;
                    }
                    // "has questions", "Hua's comments": after any auxiliary but "do", a finite-only
                    // form is a noun. Languages without do-support list none and skip this.
                    if !aux && cue.form == Form::Finite && !lex.set(S::DoSupport).is_empty() && !lex.is(S::DoSupport, wk) {
                        return None;
                    }
                    aux = true;
                    j = k;
                    first = k;
                    continue;
                }
                if lex.is(S::Negation, wk) {
                    return None;
                }
                // "peut-on lire": a modal before an inverted subject belongs to the cue.
                if inv.is_some() && first == k + 1 && matches!(wk, "peut" | "pouvait" | "pourra" | "can" | "could") {
                    j = k;
                    first = k;
                    continue;
                }
                if let Some(n) = lex.set(S::Adverbs).ending_at(&words, k) {
                    j = k + 1 - n;
                    continue;
                }
                if lex.is(S::Clitics, wk) {
                    j = k;
                    continue;
                }
                break;
            }
            left_end = (j > s).then(|| j - 1);
            let after_conj = left_end.and_then(&words).is_some_and(|w| lex.is(S::Conjunctions, w));
            // A participle with an agent and no auxiliary is a passive all the same: "une
            // information démentie par Nairobi", "l'attentat revendiqué par le groupe". Only forms
            // that cannot be finite: "X said by text message" is active.
            let mut k = last + 1;
            while let Some((n, _)) = lex.set(S::Adverbs).match_at(&words, k) {
                k += n;
            }
            if !aux && inv.is_none() && cue.form == Form::Participle && matches!(words(k), Some("par" | "by")) && left_end.is_some_and(|le| b.toks[le].kind == Kind::Word || b.is_punct(le, ',')) {
                passive = true;
                aux = true;
            }
            if cue.form == Form::Participle && !aux && inv.is_none() && !after_conj {
                return None;
            }
            if !aux && inv.is_none() {
                if let Some(w) = left_end.and_then(&words) {
                    if lex.is(S::Determiners, w) || lex.is(S::Modals, w) {
                        return None;
                    }
                }
            }
            if passive && aux && cue.form == Form::Both && lex.code == "en" {
                // "was said" / "were told": passive reading, as in French.
            }
        }
        if b.toks.get(right).is_some_and(|t| t.inverted) && right < e {
            inv = Some(right);
            right += 1;
        }
        // "déclarer la loi martiale" declares; it does not speak.
        if cue.act {
            let mut k = right;
            while words(k).is_some_and(|w| lex.is(S::Determiners, w)) && k < right + 3 {
                k += 1;
            }
            if lex.set(S::ActObjects).match_at(&words, k).is_some() || lex.set(S::ActObjects).match_at(&words, right).is_some() {
                return None;
            }
        }
        let cue_span = span(b, first, last);
        let mut frame = Frame {
            cue: cue_span,
            cue_pos: b.toks[i].cs,
            stance: cue.stance,
            subj: Subj::Reuse,
            content: cue_span,
            extra: None,
            tail_at: None,
            clause_at: 0,
            relays: false,
            comp: false,
            object_at: None,
            speaker: None,
            parent: None,
            children: 0,
            dropped: false,
            nominal: false,
        };
        let mut k = right;
        while let Some((n, _)) = lex.set(S::Adverbs).match_at(&words, k) {
            k += n;
        }
        // An impersonal plural names its source as a place, before or after it ("в МИД заявили",
        // "уточнили в сообщении"); so does a verb that only documents use ("говорится в сообщении").
        let impersonal = lex.set(S::ImpersonalEndings).by_first_words().any(|end| surface.ends_with(end));
        let source_after = (impersonal || cue.relay).then(|| lex.set(S::SourcePreps).match_at(&words, k)).flatten().map(|(n, _)| k + n);
        if passive {
            // "a été démentie par Bakou": the agent speaks; the subject is what is denied.
            if !matches!(words(k), Some("par" | "by")) {
                return None;
            }
            let (a, z) = self.right_np(b, e, k + 1)?;
            let mut le = left_end?;
            if b.is_punct(le, ',') && le > s {
                le -= 1;
            }
            let ns = self.left_np_start(b, s, le);
            if ns > le {
                return None;
            }
            frame.subj = Subj::Np(a, z);
            frame.content = span(b, ns, le);
            return Some(frame);
        }
        if let Some(p) = inv {
            frame.subj = Subj::Np(p, p + 1);
            // "peut-on lire dans un communiqué du ministère", "rapporte-t-on du côté du ministère":
            // the impersonal subject points at the document or the side that speaks.
            if words(p) == Some("on") {
                if let Some((n, _)) = lex.set(S::SourcePreps).match_at(&words, k) {
                    let (a, z) = self.right_np(b, e, k + n)?;
                    frame.subj = Subj::Np(a, z);
                }
            }
        } else if let Some(sj) = subj {
            frame.subj = sj;
        } else {
            let le = left_end;
            let ns = le.map(|le| self.left_np_start(b, s, le));
            match (le, ns) {
                (Some(le), _) if words(le).is_some_and(|w| lex.is(S::Conjunctions, w)) => {
                    // "Erevan nie cela et rapporte …": the earlier content ends at the conjunction.
                    frame.subj = Subj::Reuse;
                    frame.tail_at = Some(b.toks[le].cs);
                }
                (Some(le), Some(ns)) if ns <= le => {
                    if ns > s && lex.set(S::Temporal).ending_at(&words, ns - 1).is_some() {
                        return None;
                    }
                    let place = if impersonal { lex.set(S::SourcePreps).match_at(&words, ns).map(|(n, _)| n) } else { None };
                    frame.subj = Subj::Np(ns + place.unwrap_or(0), le + 1);
                }
                (le, _) => {
                    // Inversion: "« … », a déclaré le ministère", "…, said the minister".
                    let boundary_ok = le.is_none_or(|le| b.is_punct(le, ',') || matches!(b.toks[le].q, QRole::Close(_)) || b.is_punct(le, ':'));
                    if !boundary_ok {
                        return None;
                    }
                    let quote_before = le.is_some_and(|le| {
                        matches!(b.toks[le].q, QRole::Close(_)) || (le > s && matches!(b.toks[le - 1].q, QRole::Close(_)))
                    });
                    let np = self.right_np(b, e, source_after.unwrap_or(k)).filter(|&(_, z)| {
                        quote_before || z >= e || b.toks[z].kind != Kind::Word || words(z).is_some_and(|w| lex.is(S::NpRightStop, w))
                    });
                    let appos = if quote_before { None } else { le.and_then(|le| self.apposition(b, s, le)) };
                    // "…, and a British worker were among the casualties, said police Chief X": what
                    // holds a finite verb outside a relative clause is content, not an apposition.
                    let appos_is_clause = appos.is_some_and(|(a, z)| {
                        (a..z).any(|t| b.word(t).is_some_and(|w| lex.is_finite(w)))
                            && !(a..z).any(|t| b.word(t).is_some_and(|w| lex.is(S::Relatives, w)))
                    });
                    if let (Some((a, z)), true) = (np, appos.is_none() || appos_is_clause) {
                        frame.subj = Subj::Np(a, z);
                        let (content, at) = self.tail_content(b, s, le?)?;
                        frame.content = content;
                        frame.tail_at = Some(at);
                        frame.extra = self.extra_quote(b, e, z);
                        return Some(frame);
                    }
                    // Apposition: "Dmitri Peskov, le porte-parole du Kremlin, a déclaré que …".
                    let (a, z) = appos?;
                    frame.subj = Subj::Np(a, z);
                }
            }
        }
        if cue.relay {
            let Subj::Np(a, z) = frame.subj else { return None };
            let get = |x: usize| if x >= a && x < z { b.word(x) } else { None };
            if !(a..z).any(|x| lex.set(S::RelayNouns).match_at(&get, x).is_some()) {
                return None;
            }
        }
        // Content on the right.
        let clause_end = match b.toks[i].inq {
            Some(q) => b.quotes[q].close.unwrap_or(b.quotes[q].end).min(e),
            None => e,
        };
        if cue.label {
            return self.label_frame(b, s, clause_end, k, frame);
        }
        let mut comp = None;
        let mut m = k;
        // Between a cue and its "that", only an adjunct ("on Tuesday", "mercredi") or, for verbs
        // that take one, an addressee ("told reporters"); otherwise "that" is a relative.
        let adjunct_first = b.is_punct(k, ',') || words(k).is_some_and(|w| lex.is(S::NpRightStop, w) || lex.is(S::Complementizers, w));
        let window = if cue.obj || adjunct_first { 7 } else { 1 };
        while m < clause_end && m < k + window {
            let tm = &b.toks[m];
            if tm.kind == Kind::Word && lex.is(S::Complementizers, b.word(m).unwrap_or("")) {
                comp = Some(m);
                break;
            }
            if tm.kind != Kind::Word && !(tm.kind == Kind::Punct && tm.ch == ',') {
                break;
            }
            m += 1;
        }
        frame.comp = comp.is_some();
        let mut c0 = comp.map_or(k, |c| c + 1);
        if comp.is_none() && c0 < e {
            frame.object_at = Some(b.toks[c0].cs);
        }
        let introduced = b.is_punct(c0, ':') || (b.is_punct(c0, ',') && b.toks.get(c0 + 1).is_some_and(|t| matches!(t.q, QRole::Open(_))));
        if introduced {
            c0 += 1;
        }
        let ends_clause = |x: usize| x >= clause_end || matches!(b.toks[x].ch, '.' | '!' | '?' | ';' | '…') && b.toks[x].kind == Kind::Punct;
        let np_left_boundary = match frame.subj {
            Subj::Np(a, _) if a > s && inv.is_none() => Some(a - 1),
            _ => None,
        };
        // A short lead before the comma is an adjunct ("During his trial, Garnier told the jury he …"),
        // not content said.
        let lead_words = np_left_boundary.map_or(0, |bt| (s..bt).filter(|&t| b.toks[t].kind == Kind::Word).count());
        let after_content = np_left_boundary.is_some_and(|bt| (b.is_punct(bt, ',') && lead_words >= 5) || matches!(b.toks[bt].q, QRole::Close(_)));
        let nothing_right = ends_clause(c0)
            || (comp.is_none()
                && after_content
                && (cue.obj || b.is_punct(c0, ',') || words(c0).is_some_and(|w| lex.is(S::NpRightStop, w) || lex.is(S::TopicPreps, w))));
        if nothing_right || inv.is_some() {
            // "…, Smith said." / "« … », a-t-il déclaré": the content comes before.
            let bt = if inv.is_some() { left_end } else { np_left_boundary };
            if let Some((content, at)) = bt.and_then(|bt| self.tail_content(b, s, bt)) {
                frame.content = content;
                frame.tail_at = Some(at);
                let np_end = match frame.subj {
                    Subj::Np(_, z) => z,
                    Subj::Reuse => right,
                };
                frame.extra = self.extra_quote(b, e, np_end.max(right));
                return Some(frame);
            }
            if ends_clause(c0) {
                // "Kiev a aussitôt démenti.": a bare denial or confirmation, its content the cue.
                if matches!(cue.stance, Stance::Deny | Stance::Confirm) {
                    frame.content = cue_span;
                    return Some(frame);
                }
                return None;
            }
        }
        if let QRole::Open(q) = b.toks[c0].q {
            let after = b.quotes[q].end;
            if after >= clause_end || b.toks[after].kind != Kind::Word {
                frame.content = quote_span(b, q);
                return Some(frame);
            }
        }
        let mut end = clause_end;
        while end > c0 + 1 && b.toks[end - 1].kind == Kind::Punct {
            end -= 1;
        }
        // A bare object must read as a clause unless the verb takes one as content: denials,
        // promises, warnings and reports ("denied any involvement", "vowed to retaliate",
        // "reported damage to border posts") and the verbs flagged `bare`.
        let bare_object = comp.is_none() && !introduced && !matches!(b.toks[c0].q, QRole::Open(_));
        let takes_object = cue.bare || cue.obj || matches!(cue.stance, Stance::Deny | Stance::Promise | Stance::Warn | Stance::Report);
        if bare_object && !takes_object && !self.reads_as_clause(b, c0, end) {
            return None;
        }
        frame.content = span(b, c0, end - 1);
        Some(frame)
    }

    /// "called the allegation “false”", "calls it a mistake", "described the attack as …", "what
    /// he called …": the label a speaker puts on something is the quotation after the cue, the words
    /// after an object pronoun or after "as", or everything after the cue when its object is a relative.
    fn label_frame(&self, b: &Block, s: usize, clause_end: usize, k: usize, mut frame: Frame) -> Option<Frame> {
        let lex = self.lex;
        let Subj::Np(a, _) = frame.subj else { return None };
        let words = |t: usize| if t >= s && t < clause_end { b.word(t) } else { None };
        // The object is short and holds no comma ("a sedative called clonazepam, part of a group
        // known as …" labels nothing).
        let window = (k..(k + 12).min(clause_end)).find(|&t| b.is_punct(t, ',')).unwrap_or((k + 12).min(clause_end));
        let start = if a > s && words(a - 1).is_some_and(|w| lex.is(S::Relatives, w)) {
            k
        } else if let Some(q) = (k..window).find_map(|t| match b.toks[t].q {
            QRole::Open(q) => Some(q),
            _ => None,
        }) {
            frame.content = quote_span(b, q);
            return Some(frame);
        } else if words(k).is_some_and(|w| lex.is(S::ObjectPronouns, w)) && words(k + 1).is_some() {
            k + 1
        } else {
            (k..window).find(|&t| words(t).is_some_and(|w| lex.is(S::LabelAs, w)))? + 1
        };
        // The label ends with the clause, or where a conjunction starts another report ("described
        // it as a carjacking and said …").
        let mut end = start;
        while end < clause_end && !(b.toks[end].kind == Kind::Punct && matches!(b.toks[end].ch, '.' | '!' | '?' | ';')) {
            if words(end).is_some_and(|w| lex.is(S::Conjunctions, w)) && !lex.cues.matches_at(&words, end + 1).is_empty() {
                break;
            }
            end += 1;
        }
        while end > start && b.toks[end - 1].kind == Kind::Punct {
            end -= 1;
        }
        if end <= start {
            return None;
        }
        frame.content = span(b, start, end - 1);
        Some(frame)
    }

    /// Whether the words from `a` read as a clause: a finite verb among the first twenty. True where
    /// the language lists no finite verbs, so the check is English-only until another lists some.
    fn reads_as_clause(&self, b: &Block, a: usize, end: usize) -> bool {
        let lex = self.lex;
        if lex.set(S::FiniteVerbs).is_empty() {
            return true;
        }
        let mut seen = 0;
        for t in a..end {
            let Some(w) = b.word(t) else { continue };
            if lex.is_finite(w) {
                return true;
            }
            if seen > 0 && w.len() > 4 && (1..w.len()).any(|k| w.is_char_boundary(k) && lex.is(S::FiniteEndings, &w[k..])) {
                return true;
            }
            seen += 1;
            if seen >= 20 {
                break;
            }
        }
        false
    }

    /// First token of the subject ending at `le`, scanning left to a stop; `le + 1` if none.
    fn left_np_start(&self, b: &Block, s: usize, le: usize) -> usize {
        let mut a = le + 1;
        while a > s && le + 1 - a < NP_MAX {
            let k = a - 1;
            let Some(w) = b.word(k) else { break };
            if self.lex.is(S::NpLeftStop, w) {
                break;
            }
            a = k;
        }
        a
    }

    /// The speaker after an inverted cue: words up to a stop, as a token range.
    fn right_np(&self, b: &Block, e: usize, k: usize) -> Option<(usize, usize)> {
        let mut z = k;
        while z < e && z < k + NP_MAX && b.toks[z].kind == Kind::Word {
            // "les autorités à New Delhi": a seat of government after an institution is part of it.
            let seat = matches!(b.word(z), Some("à" | "a" | "in")) && z + 1 < e && b.toks[z + 1].cap && self.r.name_at(b, z + 1).is_some();
            if z > k && self.lex.is(S::NpRightStop, b.word(z).unwrap_or("")) && !seat {
                break;
            }
            z += 1;
        }
        (z > k).then_some((k, z))
    }

    /// "X, the Kremlin spokesman, said": the subject before the apposition's commas.
    fn apposition(&self, b: &Block, s: usize, comma: usize) -> Option<(usize, usize)> {
        let mut a = comma;
        let mut commas = 0;
        let mut since_comma = 0;
        while a > s && comma - a < 2 * NP_MAX {
            let k = a - 1;
            if b.is_punct(k, ',') {
                // "Sen. Debbie Stabenow, D-Mich., a member of …, said": a short aside (a state, an
                // age) between two commas belongs to the apposition.
                if commas == 1 && since_comma <= 2 && k > s && b.word(k - 1).is_some() {
                    since_comma = 0;
                    a = k;
                    continue;
                }
                commas += 1;
                if commas > 1 {
                    break;
                }
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
                // A relative clause ("the official, who …,"): the subject is before it.
                if commas == 1 && k > s && b.is_punct(k - 1, ',') {
                    let end = k - 1;
                    let start = self.left_np_start(b, s, end.checked_sub(1)?);
                    return (start < end).then_some((start, end));
                }
                break;
            }
            a = k;
        }
        (commas == 1 && a < comma).then_some((a, comma))
    }

    /// The content before a trailing attribution whose boundary token is `bt` (a comma or a
    /// closing mark): the quotation that closes there, or the clause from the sentence start.
    fn tail_content(&self, b: &Block, s: usize, bt: usize) -> Option<(Span, usize)> {
        let mut t = bt;
        if b.is_punct(t, ',') && t > s {
            t -= 1;
        }
        if let QRole::Close(q) = b.toks[t].q {
            return Some((quote_span(b, q), b.toks[t].cs));
        }
        if b.is_punct(bt, ',') {
            let n_words = (s..bt).filter(|&x| b.toks[x].kind == Kind::Word).count();
            if n_words >= 3 {
                return Some((span(b, s, bt - 1), b.toks[bt].cs));
            }
        }
        None
    }

    /// `"…," he said, "…"`: the quotation that continues after the speaker.
    fn extra_quote(&self, b: &Block, e: usize, z: usize) -> Option<Span> {
        if z + 1 < e && b.is_punct(z, ',') {
            if let QRole::Open(q) = b.toks[z + 1].q {
                return Some(quote_span(b, q));
            }
        }
        None
    }
}

/// Whether the block is a labelled link to another story ("READ MORE: Trudeau says …", "WATCH: …"):
/// a capitals label and a colon, then a headline without final punctuation. Its reporting verb
/// heads another article.
fn link_headline(b: &Block) -> bool {
    let label = b.toks.iter().take_while(|t| t.kind == Kind::Word && t.upper && t.ce - t.cs > 1).count();
    if label == 0 || label > 3 || !b.is_punct(label, ':') {
        return false;
    }
    let mut last = b.toks.len();
    while last > 0 && b.toks[last - 1].kind == Kind::Quote {
        last -= 1;
    }
    last > 0 && !(b.toks[last - 1].kind == Kind::Punct && matches!(b.toks[last - 1].ch, '.' | '!' | '?' | '…'))
}
