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

/// Longest content, in chars.
const CONTENT_MAX: usize = 3_000;
mod nominal;
mod phrase;
mod prep;
mod verb;

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
    /// A denial, or a negative statement: it answers another party's claim.
    pub answers: bool,
    /// The key of the person speaking, when a named person speaks.
    pub person: Option<String>,
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
    /// The content is a quotation.
    quote: bool,
    /// The content is a "that" clause, which holds any speech reported inside it.
    comp: bool,
    /// Where the content starts when the cue has no complementizer (its object), in chars.
    object_at: Option<usize>,
    speaker: Option<Entity>,
    parent: Option<usize>,
    children: usize,
    dropped: bool,
    /// The cue speaks but says nothing here ("said at a news conference, adding …"): its subject
    /// serves the frames after it, and no claim is emitted.
    silent: bool,
    /// A claim carried by a noun ("les accusations de X selon lesquelles"): it is the object of
    /// whatever verb holds it, never absorbed into that verb's content.
    nominal: bool,
    /// Its content calls something false (a denial marker): it answers what it holds.
    labels_false: bool,
    /// The subject is a claim noun standing for an author the text does not name ("the claim
    /// that …"): it speaks for no party, and no description resolves it to one.
    unnamed: bool,
    /// A gerund after a comma ("…, adding that …", « …, en ajoutant que »): the subject's next
    /// statement, which ends the content before it rather than being part of it.
    continues: bool,
    /// A prepositional source ("according to Xinhua", "quoted by IRNA", « citant le ministère »):
    /// an aside that may stand anywhere in the clause it sources.
    aside: bool,
    /// The source is cited by the clause's subject ("Xinhua, citing the ministry, said …"): it
    /// speaks what that subject says.
    cited: bool,
    /// Tokens naming who quotes the speaker ("IRNA quoted him as saying …"): a relay if an agency.
    quoted_by: Option<(usize, usize)>,
    /// « Об этом сообщили в министерстве »: what was said is the sentence before, which claims
    /// nothing itself.
    pointer: bool,
}

impl Frame {
    /// A frame of cue `cue` saying `content` with `stance` of `subj`, before nesting and resolution.
    fn new(cue: Span, stance: Stance, subj: Subj, content: Span) -> Frame {
        Frame {
            cue,
            cue_pos: cue.cs,
            stance,
            subj,
            content,
            extra: None,
            tail_at: None,
            clause_at: 0,
            relays: false,
            quote: false,
            comp: false,
            object_at: None,
            speaker: None,
            parent: None,
            children: 0,
            dropped: false,
            silent: false,
            nominal: false,
            labels_false: false,
            unnamed: false,
            continues: false,
            aside: false,
            cited: false,
            quoted_by: None,
            pointer: false,
        }
    }
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
    /// The person key of the last claim's speaker.
    last_person: Option<String>,
    /// The claims of the last sentence that had any, as a range of `claims`.
    prev_sentence: (usize, usize),
    /// The last sentence of the block, as tokens, if it claimed nothing.
    prev_plain: Option<(usize, usize)>,
    /// The semicolons of the current sentence, as tokens, in order: what was said stops at one.
    semicolons: Vec<usize>,
}

/// How many of each quotation mark `s` holds — '"', '«', '»', '“', '”' — in one pass over it (a
/// pass per mark, each decoding the content's chars again, was a tenth of emitting a claim).
fn count_marks(s: &str) -> [usize; 5] {
    let mut n = [0; 5];
    for ch in s.chars() {
        match ch {
            '"' => n[0] += 1,
            '«' => n[1] += 1,
            '»' => n[2] += 1,
            '“' => n[3] += 1,
            '”' => n[4] += 1,
            _ => {}
        }
    }
    n
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
        Attributor { r, lex, hist: History::default(), claims: Vec::new(), word_blocks: 0, last_claim: None, last_person: None, prev_sentence: (0, 0), prev_plain: None, semicolons: Vec::new() }
    }

    /// Attributes the claims of one block.
    pub fn block(&mut self, b: &Block) {
        if b.toks.iter().any(|t| t.kind == Kind::Word) {
            self.word_blocks += 1;
        }
        if link_headline(b) {
            return;
        }
        self.prev_plain = None;
        for &(s, e) in &b.sentences {
            self.sentence(b, s, e);
        }
    }

    fn sentence(&mut self, b: &Block, s: usize, e: usize) {
        let first_claim = self.claims.len();
        self.semicolons.clear();
        self.semicolons.extend((s..e).filter(|&t| b.is_punct(t, ';')));
        self.sentence_frames(b, s, e);
        if self.claims.len() > first_claim {
            self.prev_sentence = (first_claim, self.claims.len());
        }
        self.prev_plain = (self.claims.len() == first_claim).then_some((s, e));
    }

    fn sentence_frames(&mut self, b: &Block, s: usize, e: usize) {
        self.r.note_states(b, s, e, &mut self.hist);
        self.r.note_institutions(b, s, e, &mut self.hist);
        self.r.note_subject(b, s, e, &mut self.hist);
        let lex = self.lex;
        let words = |i: usize| if i >= s && i < e { b.word(i) } else { None };
        let mut frames: Vec<Frame> = Vec::new();
        let mut i = s;
        while i < e {
            if !b.word(i).is_some_and(|w| lex.frame_heads.contains(w)) {
                i += 1;
                continue;
            }
            if let Some((len, kind)) = lex.set(S::PrepCues).match_at(&words, i) {
                // "the statement of X according to which …": a document link is a prepositional
                // cue's word before a relative; the document noun it completes is looked for from
                // there, not at every word.
                if let Some(f) = self.document_frame_before(b, s, e, i) {
                    frames.push(f);
                }
                frames.extend(self.prep_frame(b, s, e, i, len, kind.as_deref()));
                i += len;
                continue;
            }
            if let Some((len, value)) = lex.set(S::ClaimNouns).match_at(&words, i) {
                if let Some(f) = self.nominal_frame(b, s, e, i, len, value.is_some(), false) {
                    frames.push(f);
                    i += len;
                    continue;
                }
            }
            let mut step = 1;
            for (len, cue) in lex.cues.matches_at(&words, i) {
                if let Some(mut f) = self.verb_frame(b, s, e, i, len, cue) {
                    let subject_after = matches!(f.subj, Subj::Np(a, _) if b.toks[a].cs > f.cue_pos || b.toks[a].inverted);
                    if cue.inverted && !subject_after {
                        continue;
                    }
                    // The clause opens with the words that join it to the one before ("…, tandis
                    // que le mouvement a affirmé", "…, while the group said"): up to two of them.
                    let joins = |t: usize| words(t).is_some_and(|w| lex.is(S::NpLeftStop, w) || lex.is(S::Conjunctions, w));
                    f.clause_at = match f.subj {
                        Subj::Np(a, _) if b.toks[a].cs < f.cue_pos => {
                            let mut c = a.saturating_sub(1).max(s);
                            if c > s && c + 1 == a && joins(c) && joins(c - 1) {
                                c -= 1;
                            }
                            b.toks[c].cs.min(b.toks[a].cs)
                        }
                        _ => f.cue.cs,
                    };
                    let at = b.toks.partition_point(|t| t.ce < f.content.cs);
                    let content_is_quote = b.toks.get(at).is_some_and(|t| matches!(t.q, QRole::Open(_)) && t.ce == f.content.cs);
                    // A denial does not relay what it denies ("…, a claim the ministry dismissed"),
                    // nor does a content calling it false ("The claim that … is not true, said the
                    // ministry"; a quotation, below).
                    // (Looked for only where the frame would relay: it costs a look-up a word.)
                    let tail = f.tail_at.is_some() && !matches!(f.subj, Subj::Reuse) && f.stance != Stance::Deny;
                    if tail || content_is_quote {
                        let (first, last) = self.tokens_in(b, f.content);
                        let within = |t: usize| if t >= first && t < last { b.word(t) } else { None };
                        f.labels_false = (first..last).any(|t| lex.set(S::DenyMarkers).match_at(&within, t).is_some());
                    }
                    f.relays = (tail && !f.labels_false) || content_is_quote;
                    f.quote = content_is_quote;
                    frames.push(f);
                    step = len;
                    break;
                }
            }
            i += step;
        }
        // "IRNA quoted him as saying …": who quotes is an aside, which relays if it is an agency
        // and says nothing of its own either way.
        let quoting: Vec<Frame> = frames
            .iter()
            .filter_map(|f| {
                let (a, z) = f.quoted_by?;
                Some(Frame { aside: true, silent: true, ..Frame::new(span(b, z, z), Stance::Report, Subj::Np(a, z), f.content) })
            })
            .collect();
        if !quoting.is_empty() {
            frames.extend(quoting);
            frames.sort_by_key(|f| f.cue_pos);
        }
        // "…, the ministry said, according to APA": a source named right after a trailing
        // attribution sources the report of it, not a second claim of the same words; it relays
        // them if it is a state agency, and otherwise is the outlet's narration.
        let tails: Vec<usize> = frames
            .iter()
            .filter(|f| f.tail_at.is_some() && !f.aside)
            .filter_map(|f| {
                // (After the cue or after a subject inverted behind it, whichever ends later.)
                let after_cue = b.toks.partition_point(|t| t.cs < f.cue.ce);
                let z = match f.subj {
                    Subj::Np(_, z) => z.max(after_cue),
                    Subj::Reuse => after_cue,
                };
                (z < e && b.is_punct(z, ',')).then_some(z + 1)
            })
            .collect();
        for f in frames.iter_mut().filter(|f| f.aside && f.relays && !f.cited) {
            let at = b.toks.partition_point(|t| t.cs < f.cue.cs);
            if tails.contains(&at) {
                f.silent = true;
            }
        }
        // A news agency's frame relays whatever speech its content holds ("According to Xinhua,
        // the ministry said …", "IRNA quoted Kanaani as saying …"): known by name before nesting,
        // so that the speech inside is relayed rather than absorbed into the agency's report.
        // (Only frames holding another's cue can relay one: the others are not resolved twice.)
        let cues: Vec<usize> = frames.iter().map(|f| f.cue_pos).collect();
        for f in &mut frames {
            if let Subj::Np(a, z) = f.subj {
                let exclude = (f.content.cs, f.content.ce);
                let holds = cues.iter().any(|&p| p != f.cue_pos && exclude.0 <= p && p < exclude.1);
                if !f.relays && holds && self.r.resolve(b, a, z, b.toks[a].cs, exclude, &self.hist).is_some_and(|en| en.is_agency()) {
                    f.relays = true;
                }
            }
        }
        // A trailing attribution owns the content before it: trim earlier frames' content there.
        let tails: Vec<usize> = frames.iter().filter_map(|f| f.tail_at).collect();
        for f in &mut frames {
            // A quotation is its speaker's words whole: a tail inside it belongs to a nested frame.
            if f.quote {
                continue;
            }
            for &p in &tails {
                if f.content.cs < p && p < f.content.ce && f.tail_at != Some(p) {
                    self.trim_end(&mut f.content, p);
                }
            }
        }
        // "démentent et dénoncent une campagne …", "denied and condemned the allegations": two
        // verbs joined share the object, which the second one's frame holds; the first does not
        // say "et".
        for k in 1..frames.len() {
            let (first, last) = self.tokens_in(b, frames[k - 1].content);
            let joined = last > first + 1 && words(first).is_some_and(|w| lex.is(S::Conjunctions, w)) && frames[k].cue.cs == b.toks[first + 1].cs;
            if joined && matches!(frames[k].subj, Subj::Reuse) {
                // (A denial or a confirmation stands bare, as « Kiev a démenti » does: the object is
                // the second verb's claim, and one speaker saying one thing twice is one claim.)
                frames[k - 1].content = if matches!(frames[k - 1].stance, Stance::Deny | Stance::Confirm) { frames[k - 1].cue } else { frames[k].content };
            }
        }
        // « « Сообщение Минобороны о том, что …, не соответствует действительности », – заявило
        // ведомство »: a quotation calling false the claims carried by nouns inside it, and holding
        // no other, answers them; it does not relay them.
        for k in 0..frames.len() {
            if !(frames[k].quote && frames[k].labels_false) {
                continue;
            }
            let c = frames[k].content;
            let mut inner = frames.iter().enumerate().filter(|&(j, f)| j != k && c.cs <= f.cue_pos && f.cue_pos < c.ce).peekable();
            if inner.peek().is_some() && inner.all(|(_, f)| f.nominal) {
                frames[k].relays = false;
            }
        }
        // Nesting: a frame whose cue lies in the content of a trailing attribution or of a quotation
        // is relayed by it; inside any other content it starts a clause of its own, which ends the
        // other content.
        let n = frames.len();
        for bi in 0..n {
            let pos = frames[bi].cue_pos;
            // "L'Azerbaïdjan, qui accuse l'Arménie d'avoir tiré, affirme …": a cue inside this
            // frame's own subject (a relative clause in apposition) holds nothing of it; its content
            // ends before this cue.
            let relative_at = match frames[bi].subj {
                Subj::Np(_, z) if b.is_punct(z, ',') && words(z + 1).is_some_and(|w| lex.is(S::Relatives, w) && !lex.is(S::Complementizers, w)) => Some(b.toks[z + 1].cs),
                _ => None,
            };
            let inside_subject = |a: usize| !frames[a].relays && relative_at.is_some_and(|x| x < frames[a].cue_pos) && frames[a].cue_pos < pos;
            let inside: Vec<usize> = (bi.saturating_sub(4)..bi).filter(|&a| inside_subject(a) && frames[a].content.cs <= pos && pos < frames[a].content.ce).collect();
            for a in inside {
                let t = b.toks.partition_point(|t| t.cs < pos);
                let cut = if t > 0 && b.is_punct(t - 1, ',') { b.toks[t - 1].cs } else { pos };
                let mut c = frames[a].content;
                self.trim_end(&mut c, cut);
                frames[a].content = c;
            }
            let holders: Vec<usize> = (bi.saturating_sub(4)..(bi + 5).min(n))
                .filter(|&a| a != bi && frames[a].parent != Some(bi))
                .filter(|&a| frames[a].content.cs <= pos && pos < frames[a].content.ce)
                .collect();
            let best = holders.iter().copied().filter(|&a| frames[a].relays).min_by_key(|&a| frames[a].content.ce - frames[a].content.cs);
            frames[bi].parent = best;
            // Inside a "that" clause, reported speech is part of what the outer speaker says; a cue
            // whose subject is the outer cue's object is a noun ("rejected the Indian claims").
            // (Not a clause the writer joins after a comma with its own subject: "…, but the
            // rebels said …", « …, mais les rebelles ont affirmé que … ».)
            let joined_by_writer = matches!(frames[bi].subj, Subj::Np(a, _) if b.toks[a].cs > frames[bi].clause_at) && {
                let c = b.toks.partition_point(|t| t.cs < frames[bi].clause_at);
                c > s && b.is_punct(c - 1, ',') && words(c).is_some_and(|w| lex.is(S::Conjunctions, w) || lex.is(S::NpLeftStop, w) && !lex.is(S::Relatives, w) && !lex.is(S::Complementizers, w))
            };
            let absorbed = best.is_none()
                && !frames[bi].nominal
                && !frames[bi].continues
                && !joined_by_writer
                && holders.iter().any(|&a| frames[a].comp || frames[a].object_at.is_some_and(|o| o >= frames[bi].clause_at && o <= frames[bi].cue_pos));
            if absorbed {
                frames[bi].speaker = None;
                frames[bi].dropped = true;
                continue;
            }
            // A claim carried by a noun is the object of the frame that holds it: its content stays
            // whole. Under a relay the clause still ends the other contents the relay holds.
            if !frames[bi].nominal {
                let cut = frames[bi].clause_at;
                let others: Vec<usize> = holders.into_iter().filter(|&a| Some(a) != best && !frames[a].relays).collect();
                for a in others {
                    let mut c = frames[a].content;
                    if c.cs < cut {
                        self.trim_end(&mut c, cut);
                        frames[a].content = c;
                    }
                }
            }
        }
        // "described the accusations issued by Guyana regarding X as false": a claim noun's content
        // ends where the content of the verb before it begins (with its "as"), so that the label
        // is the verb's, not part of what the accusation says.
        for bi in 0..n {
            if !frames[bi].nominal || frames[bi].dropped {
                continue;
            }
            let (cue, content) = (frames[bi].cue_pos, frames[bi].content);
            let cut = frames.iter().filter(|a| !a.nominal && !a.dropped && a.cue_pos < cue && a.content.cs > content.cs && a.content.cs < content.ce).map(|a| a.content.cs).min();
            if let Some(cut) = cut {
                let t = b.toks.partition_point(|t| t.cs < cut);
                let cut = t.checked_sub(1).filter(|&p| b.word(p).is_some_and(|w| lex.is(S::LabelAs, w))).map_or(cut, |p| b.toks[p].cs);
                let mut c = frames[bi].content;
                self.trim_end(&mut c, cut);
                frames[bi].content = c;
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
            // "Caracas issued a statement in which it blamed …": "it" in a clause after the
            // sentence's subject, with no one speaking before it in the sentence, is that subject
            // when it is a state or a body (it did not speak, so the history does not hold it).
            let clause_pronoun = match subj {
                Subj::Np(a, z) if z == a + 1 && a > s + 1 && frames[..k].iter().all(|p| p.dropped || p.speaker.is_none()) => {
                    b.word(a).is_some_and(|w| lex.is(S::PronOrg, w) || lex.is(S::PronPlural, w))
                }
                _ => false,
            };
            let subject = clause_pronoun
                .then(|| self.sentence_subject(b, s, e, f.cue_pos, exclude))
                .flatten()
                .filter(|en| matches!(en.kind, EntityKind::State | EntityKind::Org | EntityKind::Group) && subj_spans[k].is_none_or(|(cs, _)| en.pos < cs));
            let entity = match subj {
                _ if subject.is_some() => subject,
                Subj::Np(a, z) if f.unnamed => self.r.unresolved(b, a, z, b.toks[a].cs),
                Subj::Np(a, z) => self.r.resolve(b, a, z, b.toks[a].cs, exclude, &self.hist).or_else(|| {
                    // "Babatunji Farinloye, 50, says": the subject is before the apposition.
                    let comma = a.checked_sub(1).filter(|&c| c > s && b.is_punct(c, ','))?;
                    let start = self.left_np_start(b, s, comma - 1);
                    let (start, z) = self.clause_free(b, start, z, true)?;
                    (start < comma).then(|| self.r.resolve(b, start, z, b.toks[start].cs, exclude, &self.hist)).flatten()
                })
                .or_else(|| {
                    // A name after the cue ("…, révèle L'Equipe ce samedi") is a speaker too, though
                    // the resolver does not know it.
                    let named_after = b.toks[a].cs > f.cue_pos && (a..z).take(2).any(|t| b.toks[t].kind == Kind::Word && b.toks[t].cap);
                    // So is a proper name before it ("The National Electoral Commission (NEC) has
                    // dismissed …"): capitalized words past the first, not a misread clause.
                    let caps = (a + 1..z).filter(|&t| b.toks[t].kind == Kind::Word && b.toks[t].cap).count();
                    // (Or a single capitalized name: "Reuters reported that …" in another outlet's
                    // dispatch cites it.)
                    let one_name = z == a + 1 && b.toks[a].cap && !b.toks[a].upper && b.word(a).is_some_and(|w| !lex.is(S::Determiners, w) && !lex.is_pronoun(w) && !lex.is(S::Conjunctions, w) && !lex.is(S::Adverbs, w) && !lex.is(S::Prepositions, w));
                    let named_before = b.toks[a].cs < f.cue_pos && (caps >= 2 || one_name);
                    (quoted || named_after || named_before).then(|| self.r.unresolved(b, a, z, b.toks[a].cs)).flatten()
                })
                // (Not inside what another cue of the sentence reports, nor in a clause a
                // complementizer opens: « не признались, что он угрожал … » is what was not
                // admitted, whoever "он" is.)
                .or_else(|| {
                    let at = b.toks[a].cs;
                    let inside = frames.iter().enumerate().any(|(j, p)| j != k && p.content.cs <= at && at < p.content.ce)
                        || a.checked_sub(1).and_then(|p| b.word(p)).is_some_and(|w| lex.is(S::Complementizers, w));
                    (!inside).then(|| self.r.unresolved_pronoun(b, a, z, at)).flatten()
                }),
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
            let agency = frames[k].speaker.as_ref().is_some_and(Entity::is_agency);
            if agency && frames[k].tail_at.is_some() {
                for j in 0..n {
                    if j != k && frames[j].parent.is_none() && frames[j].cue_pos < frames[k].cue_pos && !frames[j].dropped {
                        frames[j].parent = Some(k);
                    }
                }
            }
        }
        // A source cited by a clause's subject speaks what that subject says: "Xinhua, citing the
        // ministry, said …" is the ministry's claim, relayed by the agency. Cited by a body that
        // speaks for itself ("the ministry, citing intelligence, said"), it is that body's claim.
        for c in 0..n {
            if !frames[c].cited || frames[c].dropped || frames[c].speaker.is_none() {
                continue;
            }
            let pos = frames[c].cue_pos;
            let host = (0..n).filter(|&k| k != c && !frames[k].dropped && !frames[k].aside && frames[k].clause_at <= pos && pos < frames[k].content.cs).min_by_key(|&k| frames[k].content.cs - pos);
            // « …, a rapporté l'agence Armenpress, citant le ministère »: a trailing cue whose
            // subject follows it cites as a subject before its verb does.
            let host = host.or_else(|| (0..c).rev().find(|&k| !frames[k].dropped && !frames[k].aside && frames[k].tail_at.is_some() && frames[k].cue_pos < pos));
            // "According to Xinhua, citing the ministry, …": a source opening the clause the cited
            // one's words make cites as a subject does.
            let host = host.or_else(|| (0..c).rev().find(|&k| !frames[k].dropped && frames[k].aside && !frames[k].cited && frames[k].cue_pos < pos && frames[k].content.cs == frames[c].content.cs));
            match host {
                Some(k) if frames[k].speaker.as_ref().is_some_and(Entity::is_agency) => {
                    // (The subject's verb is the cue: what the source says is what the agency reports.)
                    frames[c].content = frames[k].content;
                    frames[c].cue = frames[k].cue;
                    frames[c].stance = frames[k].stance;
                    frames[c].parent = Some(k);
                    // A state agency citing a body its words tie to no state cites its own state's
                    // ("Armenpress, citing the defence ministry"), not a state the content names.
                    let named = match frames[c].subj {
                        Subj::Np(a, z) => self.r.first_state(b, a, z).is_some(),
                        Subj::Reuse => true,
                    };
                    let agency_states = frames[k].speaker.as_ref().map(|e| e.speaker.countries.clone()).unwrap_or_default();
                    if let (false, Some(who)) = (named || agency_states.len() != 1, frames[c].speaker.as_mut()) {
                        if matches!(who.kind, EntityKind::Org | EntityKind::Person) {
                            let code = &agency_states[0];
                            let key = who.institution.as_ref().map(|i| format!("{code}.{i}")).filter(|k| self.r.gazetteer.get(k).is_some());
                            who.speaker.party = Some(key.unwrap_or_else(|| code.clone()));
                            who.speaker.countries.clone_from(&agency_states);
                        }
                    }
                }
                _ => {
                    frames[c].dropped = true;
                    frames[c].speaker = None;
                }
            }
        }
        // A news agency named in an aside ("…, according to Anadolu", "Kanaani, quoted by IRNA,
        // said …", "in a statement carried by KCNA") relays what the rest of the sentence reports.
        for k in 0..n {
            if !(frames[k].aside && frames[k].speaker.as_ref().is_some_and(Entity::is_agency)) {
                continue;
            }
            for (j, f) in frames.iter_mut().enumerate() {
                let agency = f.speaker.as_ref().is_some_and(Entity::is_agency);
                if j != k && f.parent.is_none() && !f.dropped && !agency {
                    f.parent = Some(k);
                }
            }
        }
        // A person whose quotation says more than what it reports others said is no relay (relays
        // stand for a state or are agencies): « On lit les journaux… Ils affirmaient qu'ils
        // marchaient sur N'Djamena mais on ne les voit pas », a affirmé X — the others' claim
        // stands alone, and the quotation is X's own. (« X a souligné que … », a-t-il déclaré: the
        // quotation is only X's claim, and its speaker relays it.)
        for p in 0..n {
            if !(frames[p].quote && frames[p].speaker.as_ref().is_some_and(|e| e.kind == EntityKind::Person)) {
                continue;
            }
            let kids: Vec<(usize, usize)> = (0..n).filter(|&k| frames[k].parent == Some(p)).map(|k| (frames[k].clause_at, frames[k].content.ce)).collect();
            if kids.is_empty() {
                continue;
            }
            let c = frames[p].content;
            // (Only the quotation's tokens: a block may be one long paragraph.)
            let (from, to) = self.tokens_in(b, c);
            let own = b.toks[from..to].iter().filter(|t| t.kind == Kind::Word && t.ce <= c.ce && !kids.iter().any(|&(a, z)| t.cs >= a && t.cs < z)).count();
            // « Le gouvernement rejette ces accusations », écrit le ministre: a person stating
            // their institution's position says it themselves; they relay only other persons.
            let speaks_for_body = (0..n).any(|k| frames[k].parent == Some(p) && frames[k].speaker.as_ref().is_some_and(|e| matches!(e.kind, EntityKind::Org | EntityKind::State)));
            if own >= 3 || speaks_for_body {
                let states = frames[p].speaker.as_ref().map(|e| e.speaker.countries.clone()).unwrap_or_default();
                for f in frames.iter_mut().filter(|f| f.parent == Some(p)) {
                    f.parent = None;
                    // The position of their own state's body is the person's claim, said once.
                    if speaks_for_body && !states.is_empty() && f.speaker.as_ref().is_some_and(|e| matches!(e.kind, EntityKind::Org | EntityKind::State) && e.speaker.countries == states) {
                        f.speaker = None;
                    }
                }
            }
        }
        // Nor does a body quoting another state's claim relay it (“The Azerbaijani ministry is
        // spreading disinformation, claiming that …”, the Armenian ministry said): a relay quotes
        // its own side; what it reports of the other side is that side's claim, and the rest its own.
        for k in 0..n {
            let (Some(p), Some(child)) = (frames[k].parent, frames[k].speaker.as_ref()) else { continue };
            let Some(parent) = frames[p].speaker.as_ref() else { continue };
            let (x, y) = (&child.speaker.countries, &parent.speaker.countries);
            if !parent.is_agency() && !x.is_empty() && !y.is_empty() && !x.iter().any(|c| y.contains(c)) {
                frames[k].parent = None;
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
            let agency = sp.is_agency();
            // « Об этом …, передает ТАСС »: an agency naming what was just said relays the
            // sentence before.
            if agency && f.children == 0 {
                let (first, _) = self.tokens_in(b, f.content);
                let pointer = lex.set(S::AnaphoricTopics).match_at(&|t| if t >= first && t < e { b.word(t) } else { None }, first).is_some();
                if pointer {
                    let (a, z) = self.prev_sentence;
                    for c in &mut self.claims[a..z] {
                        if c.via.is_empty() {
                            c.via.push(sp.speaker.clone());
                        }
                    }
                }
            }
            if f.children > 0 || agency || f.silent {
                continue;
            }
            // (A sentence that claims something already is what the pointer repeats.)
            let content = if f.pointer {
                let Some((ps, pe)) = self.prev_plain else { continue };
                span(b, ps, pe - 1)
            } else {
                f.content
            };
            let mut via = Vec::new();
            let mut p = f.parent;
            let mut guard = 0;
            while let Some(pi) = p {
                if let Some(ps) = &frames[pi].speaker {
                    let mut relay = ps.speaker.clone();
                    // "a statement issued by his office", "as reported by state media": a relay
                    // naming no state that is the speaker's own state's organ is that state's.
                    if relay.countries.is_empty() && sp.speaker.countries.len() == 1 && self.own_organ(&relay.name) {
                        relay.countries.clone_from(&sp.speaker.countries);
                    }
                    via.push(relay);
                }
                p = frames[pi].parent;
                guard += 1;
                if guard > 8 {
                    break;
                }
            }
            let cue = self.r.text[f.cue.bs..f.cue.be].to_string();
            let marks = Marks { cue: (f.cue.cs, f.cue.ce), speaker: subj_spans[k], resolved: sp.kind != EntityKind::Unresolved };
            for content in std::iter::once(content).chain(f.extra) {
                self.emit(b, content, &cue, f.stance, sp.speaker.clone(), via.clone(), f.cue_pos, marks, sp.last_name.as_deref());
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
                    let person = self.last_person.clone();
                    self.emit(b, qs, "", Stance::Assert, sp, Vec::new(), qs.cs, Marks { cue: (qs.cs, qs.cs), speaker: None, resolved: true }, person.as_deref());
                }
            }
        }
    }

    /// Whether a content opens on its speaker denying in their own words, a first-person pronoun
    /// and a denial's verb ("“We categorically deny information of provocative nature …,” the
    /// ministry said"): the claim is that denial, whatever verb reports it.
    fn opens_denying<'w>(&self, words: &dyn Fn(usize) -> Option<&'w str>, first: usize, last: usize) -> bool {
        if !words(first).is_some_and(|w| self.lex.is(S::PronExcluded, w)) {
            return false;
        }
        let verb = (first + 1..last).find(|&t| words(t).is_some_and(|w| !self.lex.is(S::Adverbs, w) && !self.lex.has_adverb_ending(w)));
        verb.and_then(|t| self.lex.cues.match_at(words, t)).is_some_and(|(_, cue)| cue.stance == Stance::Deny)
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
    fn emit(&mut self, b: &Block, content: Span, cue: &str, stance: Stance, speaker: Speaker, mut via: Vec<Speaker>, cue_pos: usize, marks: Marks, person: Option<&str>) {
        let Some(c) = self.trim(self.without_outlet_comment(b, content)) else { return };
        // One relay named twice (an agency closing the sentence and in an aside of it) relays once.
        via.dedup_by(|a, b| a.name == b.name && a.countries == b.countries);
        let text = self.r.text[c.bs..c.be].to_string();
        let (first, last) = self.tokens_in(b, c);
        let words = |i: usize| if i >= first && i < last { b.word(i) } else { None };
        let mut stance = stance;
        if matches!(stance, Stance::Assert | Stance::Report)
            && ((first..last).any(|t| self.lex.set(S::DenyMarkers).match_at(&words, t).is_some()) || self.opens_denying(&words, first, last))
        {
            stance = Stance::Deny;
        }
        // A plain negative statement answers another party as a denial does ("we did not fire a
        // single shot", « aucun élément n'a été trouvé »), though it stays an assertion.
        let answers = stance == Stance::Deny || stance == Stance::Assert && (first..last).any(|t| words(t).is_some_and(|w| self.lex.is(S::Negation, w)));
        let mut named = Vec::new();
        if answers {
            let mut h = History::default();
            self.r.note_states(b, first, last, &mut h);
            named = h.codes();
        }
        self.hist.said(c.cs, c.ce);
        self.last_claim = Some((speaker.clone(), self.word_blocks));
        self.last_person = person.map(str::to_string);
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
            answers,
            person: person.map(str::to_string),
            cue_span: marks.cue,
            speaker_span: marks.speaker,
            resolved: marks.resolved,
        });
    }

    /// The content without the outlet's judgement the reporting sentence writes into it ("accused
    /// Pakistan without any evidence of sheltering …", « …, sans présenter de preuves étayant ces
    /// affirmations »): what follows the judgement when it opens the content or stands inside it
    /// with more said after it than before, else what precedes it. A judgement inside a quotation
    /// is the speaker's own words, and stays.
    fn without_outlet_comment(&self, b: &Block, c: Span) -> Span {
        let (first, last) = self.tokens_in(b, c);
        let words = |i: usize| if i >= first && i < last { b.word(i) } else { None };
        let set = self.lex.set(S::OutletComments);
        let Some((t, n)) = (first..last).filter(|&t| b.toks[t].inq.is_none()).find_map(|t| set.match_at(&words, t).map(|(n, _)| (t, n))) else { return c };
        let count = |a: usize, z: usize| (a..z).filter(|&k| b.toks[k].kind == Kind::Word).count();
        let (before, after) = (count(first, t), count(t + n, last));
        let aside = t > first && b.is_punct(t - 1, ',');
        if before == 0 || !aside && after > before {
            match (t + n..last).find(|&k| b.toks[k].kind == Kind::Word) {
                Some(k) => Span { cs: b.toks[k].cs, bs: b.toks[k].bs, ..c },
                None => c,
            }
        } else {
            Span { ce: b.toks[t].cs, be: b.toks[t].bs, ..c }
        }
    }

    /// Whether a relay's name holds an organ of the speaker's own state (`own_organs`).
    fn own_organ(&self, name: &str) -> bool {
        let folded = crate::text::fold(name);
        let words: Vec<&str> = folded.split_whitespace().collect();
        let get = |k: usize| words.get(k).copied();
        (0..words.len()).any(|k| self.lex.set(S::OwnOrgans).match_at(&get, k).is_some())
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
        for (at, ch) in s.char_indices() {
            if !junk(ch) {
                break;
            }
            // An opening mark stays when the content goes on after its closing one: it quotes a
            // word of the content (« affirment "rouler" vers N'Djamena »), not the whole of it.
            let closer: &[char] = match ch {
                '«' => &['»'],
                '“' | '„' => &['”', '“'],
                '‘' => &['’'],
                '"' => &['"'],
                _ => &[],
            };
            let rest = &s[at + ch.len_utf8()..];
            if rest.find(closer).is_some_and(|k| rest[k..].chars().skip(1).any(|c| !junk(c))) {
                break;
            }
            c.bs += ch.len_utf8();
            c.cs += 1;
        }
        let s = &self.r.text[c.bs..c.be];
        // A closing mark stays when it closes a mark the content opens ("reste « précaire »").
        let [straight, guillemets, closing_guillemets, curly, closing_curly] = count_marks(s);
        let (opens, mut closes, mut straight) = (guillemets + curly, closing_guillemets + closing_curly, straight);
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
            // A straight mark closes one the content opens when their count is even.
            if ch == '"' {
                if straight.is_multiple_of(2) {
                    break;
                }
                straight -= 1;
            }
            c.be -= ch.len_utf8();
            c.ce -= 1;
        }
        if c.ce <= c.cs {
            return None;
        }
        // A mark the content opens and the sentence closes right after it (after the sentence's
        // own stop, `calling them "absurd".`) is the content's: without it the content reads as
        // cut ('calling them "absurd').
        let s = &self.r.text[c.bs..c.be];
        let [straight, guillemets, closing_guillemets, curly, closing_curly] = count_marks(s);
        let closer = if !straight.is_multiple_of(2) {
            Some('"')
        } else if guillemets > closing_guillemets {
            Some('»')
        } else if curly > closing_curly {
            Some('”')
        } else {
            None
        };
        if let Some(closer) = closer {
            let mut be = c.be;
            let mut n = 0;
            for ch in self.r.text[c.be..].chars().take(4) {
                be += ch.len_utf8();
                n += 1;
                if ch == closer {
                    c.be = be;
                    c.ce += n;
                    break;
                }
                if !matches!(ch, '.' | ',' | '!' | '?' | '…' | ' ' | '\u{a0}' | '\u{202f}') {
                    break;
                }
            }
        }
        if c.ce - c.cs > CONTENT_MAX {
            let cut: usize = self.r.text[c.bs..c.be].chars().take(CONTENT_MAX).map(char::len_utf8).sum();
            c.be = c.bs + cut;
            c.ce = c.cs + CONTENT_MAX;
        }
        Some(c)
    }

    fn sentence_subject(&self, b: &Block, s: usize, e: usize, pos: usize, exclude: (usize, usize)) -> Option<Entity> {
        // Inside a quotation the subject is the quoted sentence's (“The ministry is spreading
        // disinformation, claiming that …”, the other ministry said).
        let cue = b.toks.partition_point(|t| t.cs < pos);
        let s = match b.toks.get(cue).and_then(|t| t.inq) {
            Some(q) if b.quotes[q].open >= s && b.quotes[q].open < cue => b.quotes[q].open + 1,
            _ => s,
        };
        // A leading adjunct up to a comma is no subject ("Faced with this scenario, Caracas …", "On
        // Monday, the ministry …").
        let lex = self.lex;
        let s = match (s + 1..e.min(s + 10)).find(|&t| b.is_punct(t, ',')) {
            Some(c) if c + 1 < e && self.leading_adjunct(b, s, c) => c + 1,
            _ => s,
        };
        let mut z = s;
        while z < e && z < s + 6 && b.word(z).is_some_and(|w| self.lex.is(S::Determiners, w)) {
            z += 1;
        }
        let start = z;
        // (Through the function words a title or a body's name holds: "U.S. Secretary of State
        // Mike Pompeo praised … and said".)
        let cap_word = |t: usize| t < e && b.toks[t].kind == Kind::Word && b.toks[t].cap;
        while z < e && z < start + 8 && b.toks[z].kind == Kind::Word && (b.toks[z].cap || z == start || z > start && b.word(z).is_some_and(|w| lex.is(S::NameConnectors, w)) && cap_word(z + 1)) {
            z += 1;
        }
        if z == start {
            return None;
        }
        // The nouns after a name belong to it ("The Azerbaijani defense ministry is …"), up to
        // the verb.
        let words = |t: usize| if t < e { b.word(t) } else { None };
        let noun = |t: usize| {
            words(t).is_some_and(|w| !(lex.is(S::Aux, w) || lex.is_finite(w) || lex.is(S::NpRightStop, w) || lex.is(S::Prepositions, w) || lex.is(S::Adverbs, w) || lex.is(S::Negation, w)))
                && lex.cues.matches_at(&words, t).is_empty()
        };
        let cap_end = z;
        while z < e && z < cap_end + 3 && noun(z) {
            z += 1;
        }
        // "Chinese foreign ministry spokeswoman Hua Chunying shot back …, saying": the office
        // holder's name after the nouns ends the subject where a lowercase word (the verb) follows.
        let mut named_to = z;
        while z > cap_end && named_to < e && named_to < z + 3 && b.toks[named_to].kind == Kind::Word && b.toks[named_to].cap {
            named_to += 1;
        }
        if named_to > z && named_to < e && b.toks[named_to].kind == Kind::Word && !b.toks[named_to].cap {
            z = named_to;
        } else if z < e && words(z).is_none_or(|w| !(lex.is(S::Aux, w) || lex.is_finite(w))) {
            z = cap_end;
        }
        self.r.resolve(b, s, z, pos.min(b.toks[s].cs + 1), exclude, &self.hist)
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
