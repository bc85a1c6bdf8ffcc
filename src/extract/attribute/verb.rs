//! Frames around a reporting verb: its subject on the left (or inverted after it, or carried over
//! from the clause before), its content on the right (a "that" clause, a quotation, a bare object
//! that reads as a clause) or before it ("« … », a déclaré X"), the label a labelling verb puts on
//! its object, and passives with their agent.

use super::*;

impl Attributor<'_> {
    /// The frame of cue `i..i + len` of sentence `s..e`, if the cue reports speech here (not a noun,
    /// not an act, not a modal's infinitive).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn verb_frame(&self, b: &Block, s: usize, e: usize, i: usize, len: usize, cue: &Cue) -> Option<Frame> {
        let lex = self.lex;
        let words = |k: usize| if k >= s && k < e { b.word(k) } else { None };
        let last = i + len - 1;
        let t = &b.toks[i];
        // Folding merges "déclaré" and "déclare": the written form decides the grammatical use.
        let surface = super::super::cues::written_lower(&self.r.text[t.bs..t.be]);
        let exact = lex.exact_form(&surface);
        let cue = &Cue { form: exact.unwrap_or(cue.form), ..cue.clone() };
        // A capitalized verb inside a sentence is a name or a title ("United States", "Reports").
        // (Not in a title written all in capitals, « LE PAKISTAN DÉMENT », «ЕРЕВАН ОПРОВЕРГ
        // СООБЩЕНИЕ БАКУ»: there capitals tell nothing.)
        let shouted = |t: usize| b.toks.get(t).is_none_or(|t| t.kind != Kind::Word || t.upper || t.cap && t.ce - t.cs == 1);
        // (A title has one verb: a later cue word is a noun, "… CALLS LOCKDOWN CLAIMS “UNFAIR”".)
        let shouting = t.upper && (s..last + 3).filter(|&k| k < b.toks.len()).all(&shouted) && (s..i).all(|k| lex.cues.matches_at(&words, k).is_empty());
        if t.cap && i > s && !matches!(b.toks[i - 1].q, QRole::Open(_)) && !shouting {
            return None;
        }
        // After a determiner the cue is a noun ("the remark", "his claims"); before a figure it
        // counts ("added 0.3 per cent", "added $1.60").
        // (Not a pointer's: « Об этом сообщили ». Nor, in a language without articles, whose cue
        // forms are verbs only, a demonstrative object before its verb after the subject: « Армения
        // это подтвердила », « в Минобороны это отрицают ».)
        let object_before = lex.set(S::Articles).is_empty() && i > s + 1 && b.word(i - 2).is_some();
        if i > s && words(i - 1).is_some_and(|w| lex.is(S::Determiners, w) && !lex.is(S::Clitics, w) && !lex.is(S::NpLeftStop, w) && !lex.is(S::Complementizers, w)) && !self.points_back(b, s, i) && !object_before {
            return None;
        }
        // After a possessive or a preposition, or before "of", a finite form is a noun or an
        // adjective ("Israel's demand to …", "reports of casualties", "on state television"); "to"
        // opens an infinitive ("continued to deny").
        let noun_slot = i > s && b.word(i - 1).is_some_and(|w| super::nominal::is_possessive(w) || lex.is(S::Prepositions, w) && !lex.is(S::Modals, w));
        if cue.form == Form::Finite && (noun_slot || words(last + 1).is_some_and(|w| lex.is(S::TopicPreps, w))) {
            return None;
        }
        // After a noun's possessive a participle is an adjective too ("Russia's reported losses",
        // "the board's repeated failures", "the police's alleged abuses"): the owner said nothing.
        // ("he's said" is a pronoun's contraction.)
        // (The clitic is a token of its own, "Russia" + "'s", or ends a word the tokenizer kept whole.)
        let owner = (i > s).then(|| b.word(i - 1)).flatten().and_then(|w| w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")));
        let owner = owner.map(|o| if o.is_empty() && i > s + 1 { b.word(i - 2).unwrap_or("") } else { o });
        if owner.is_some_and(|o| !lex.is_pronoun(o) && !lex.is(S::Relatives, o) && !lex.is(S::Complementizers, o)) {
            return None;
        }
        // Before a modal it is a noun too ("the strange remark may have …"). Before a figure it is
        // no speech ("estimated $3bn"), unless it reports one: « évoque 19 morts », "reported 19
        // deaths" give the toll a side puts forward.
        let reports_figure = cue.bare || cue.stance == Stance::Report;
        if (!reports_figure && b.toks.get(last + 1).is_some_and(|n| n.ch.is_ascii_digit() || n.ch == '$')) || words(last + 1).is_some_and(|w| w != "to" && lex.is(S::Modals, w)) {
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
        // The cue is in a relative clause set off by a comma ("X, who writes about …, noted").
        let mut set_off_relative = false;
        let mut continues = false;
        let mut quoted_by = None;
        // "denied a report claiming …": the noun phrase and its gerund are a claim carried by a
        // noun, one in its own right inside the denial that names it (as a claim noun's is).
        let mut reduced = false;
        if cue.form == Form::Gerund {
            let p = i.checked_sub(1).filter(|&p| p >= s)?;
            if let Some(n) = lex.set(S::QuotedAs).ending_at(&words, p) {
                // "Huang was quoted as saying: …": the subject of the passive speaks.
                let le = (p + 1).checked_sub(n + 1).filter(|&le| le >= s && b.word(le).is_some())?;
                let ns = self.left_np_start(b, s, le);
                if ns > le {
                    return None;
                }
                subj = Some(Subj::Np(ns, le + 1));
            } else if let Some((ns, v, qs)) = self.quoted_object(b, s, p) {
                // "IRNA quoted him as saying …": the object speaks; the subject quotes.
                subj = Some(Subj::Np(ns, p));
                quoted_by = Some((qs, v));
            } else if !(b.is_punct(p, ',') || words(p) == Some("en") || after_quoted_comma(b, p)) {
                // "false news alleging that …", "a report claiming …", « un rapport affirmant que »:
                // right after a noun, with no comma, the gerund is a reduced relative, and the noun
                // phrase it qualifies is what speaks.
                let w = words(p)?;
                let function_word = [S::Aux, S::Prepositions, S::Determiners, S::Conjunctions, S::Adverbs, S::Negation, S::Complementizers, S::NpLeftStop, S::NpRightStop]
                    .into_iter()
                    .any(|set| lex.is(set, w));
                if function_word || lex.is_finite(w) || !lex.cues.matches_at(&words, p).is_empty() {
                    return None;
                }
                // (The phrase starts after the verb whose object it is: "denied a report claiming".)
                let verb = |t: &usize| words(*t).is_some_and(|w| lex.is_finite(w) || lex.has_finite_ending(w)) || !lex.cues.matches_at(&words, *t).is_empty();
                let ns = self.left_np_start(b, s, p);
                let ns = (ns..p).rev().find(verb).map_or(ns, |v| v + 1);
                // Only an institution, a document or a party qualifies so ("l'armée israélienne
                // affirmant", « Pékin confirmant », "a report claiming"); a person or a thing before a
                // gerund is too often something else ("Payne asking", "no longer responding").
                let speaks = |t: usize| {
                    words(t).is_some_and(|w| lex.is(S::OrgNouns, w) || lex.is(S::RelayNouns, w)) || b.toks[t].cap && self.r.name_at(b, t).is_some_and(|(_, state)| state.is_some())
                };
                if ns > p || !(ns..=p).any(speaks) {
                    return None;
                }
                subj = Some(Subj::Np(ns, p + 1));
                reduced = true;
            } else {
                subj = Some(Subj::Reuse);
                continues = true;
            }
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
                // « a, pour sa part, affirmé », "has, however, said": an adverb set off by commas
                // between the auxiliary and the verb.
                if b.is_punct(k, ',') && k > s {
                    let aside = lex.set(S::Adverbs).ending_at(&words, k - 1).and_then(|n| (k - 1).checked_sub(n)).filter(|&c| c > s && b.is_punct(c, ','));
                    if let Some(c) = aside.filter(|&c| words(c - 1).is_some_and(|w| lex.is(S::Aux, w))) {
                        j = c;
                        continue;
                    }
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
                if inv.is_some() && first == k + 1 && lex.is(S::InvertedModals, wk) {
                    j = k;
                    first = k;
                    continue;
                }
                if let Some(n) = lex.set(S::Adverbs).ending_at(&words, k) {
                    j = k + 1 - n;
                    continue;
                }
                // "have all denied", « ont tous démenti »: a quantifier floated between the
                // auxiliary and the verb; "has resolutely rejected", « a vigoureusement démenti »: so
                // is any adverb (an open class, known there by its ending).
                let floated = lex.is(S::FloatingQuantifiers, wk) || !tk.cap && lex.has_adverb_ending(wk);
                if floated && k > s && b.word(k - 1).is_some_and(|w| lex.is(S::Aux, w)) {
                    j = k;
                    continue;
                }
                if lex.is(S::Clitics, wk) {
                    // « s'est dit prêt », « se sont félicités »: a reflexive verb, not a passive.
                    if lex.is(S::Reflexives, wk) {
                        passive = false;
                    }
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
            // A form that may be finite reads as a passive too where a denial's agent is named: "a
            // claim quickly denied by Kyiv" (not "denied by text message").
            let named_agent = b.toks.get(k + 1).is_some_and(|t| t.kind == Kind::Word && t.cap) || words(k + 1).is_some_and(|w| lex.is(S::Determiners, w));
            let passive_form = cue.form == Form::Participle || cue.form == Form::Both && matches!(cue.stance, Stance::Deny | Stance::Confirm) && named_agent;
            // After a comma the participle qualifies a noun ("les partisans de Sonko, soutenus par
            // les forces obscures"): a denial's agent only is a speaker there ("a claim, denied by Kyiv").
            let agent_ok = |le: usize| b.toks[le].kind == Kind::Word || b.is_punct(le, ',') && matches!(cue.stance, Stance::Deny | Stance::Confirm);
            if !aux && inv.is_none() && passive_form && words(k).is_some_and(|w| lex.is(S::AgentPreps, w)) && left_end.is_some_and(agent_ok) {
                passive = true;
                aux = true;
            }
            if cue.form == Form::Participle && !aux && inv.is_none() && !after_conj {
                return None;
            }
            if !aux && inv.is_none() {
                if let Some(w) = left_end.and_then(&words) {
                    if lex.is(S::Determiners, w) && !self.points_back(b, s, i) && !object_before || lex.is(S::Modals, w) {
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
        let mut frame = Frame { cue_pos: b.toks[i].cs, continues, quoted_by, nominal: reduced, ..Frame::new(cue_span, cue.stance, Subj::Reuse, cue_span) };
        // "« … », IRNA quoted him as saying": what was said comes before who quotes it.
        if let (Some((qs, _)), Some(sj)) = (quoted_by, subj) {
            let le = qs.checked_sub(1).filter(|&le| le > s && (b.is_punct(le, ',') || matches!(b.toks[le].q, QRole::Close(_))));
            if let Some(le) = le {
                let (content, at) = self.tail_content(b, s, le)?;
                frame.subj = sj;
                frame.content = content;
                frame.tail_at = Some(at);
                return Some(frame);
            }
        }
        // Adverbs and a bare time ("a accusé jeudi l'Arabie saoudite") stand between the cue and
        // what it says.
        let mut k = right;
        loop {
            if let Some((n, _)) = lex.set(S::Adverbs).match_at(&words, k) {
                k += n;
            } else if words(k).is_some_and(|w| lex.is(S::TimeWords, w) && !lex.is(S::Determiners, w) && !lex.is(S::Prepositions, w)) && words(k + 1).is_some() {
                k += 1;
            } else {
                break;
            }
        }
        // An impersonal plural names its source as a place, before or after it ("в МИД заявили",
        // "уточнили в сообщении"); so does a verb that only documents use ("говорится в сообщении").
        let impersonal = lex.set(S::ImpersonalEndings).by_first_words().any(|end| surface.ends_with(end));
        let source_after = (impersonal || cue.relay).then(|| lex.set(S::SourcePreps).match_at(&words, k)).flatten().map(|(n, _)| k + n);
        if passive {
            // "a été démentie par Bakou": the agent speaks; the subject is what is denied.
            if !words(k).is_some_and(|w| lex.is(S::AgentPreps, w)) {
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
        } else if self.points_back(b, s, i) {
            // The speaker follows the cue ("сообщили в Минобороны", "сообщило Минобороны").
            let (a, z) = self.right_np(b, e, source_after.unwrap_or(k))?;
            frame.subj = Subj::Np(a, z);
            frame.pointer = true;
            return Some(frame);
        } else {
            let le = left_end;
            let ns = le.map(|le| self.left_np_start(b, s, le));
            match (le, ns) {
                (Some(le), _) if words(le).is_some_and(|w| lex.is(S::Conjunctions, w)) => {
                    // "Erevan nie cela et rapporte …": the earlier content ends at the conjunction.
                    frame.subj = Subj::Reuse;
                    frame.tail_at = Some(b.toks[le].cs);
                }
                (Some(le), _) if le > s + 1 && words(le).is_some_and(|w| lex.is(S::Relatives, w) && !lex.is(S::Complementizers, w)) => {
                    // "cited officials in Uganda who said …", "the minister, who said …": the
                    // relative pronoun's antecedent speaks (a verb before it is cut off with the
                    // rest of the clause).
                    let end = if b.is_punct(le - 1, ',') { le - 1 } else { le };
                    set_off_relative = end < le;
                    b.word(end - 1)?;
                    let ns = self.left_np_start(b, s, end - 1);
                    // The antecedent is an object: it starts after the clause's verb ("interviewed").
                    let verb = |t: usize| {
                        !b.toks[t].cap
                            && b.word(t).is_some_and(|w| {
                                lex.is(S::Aux, w) || lex.is_finite(w) || lex.has_finite_ending(w)
                            })
                    };
                    let ns = (ns..end).rev().find(|&t| verb(t)).map_or(ns, |v| v + 1);
                    // (Or the antecedent is an apposition: "X, an expert who writes about …, said".)
                    set_off_relative |= ns > s && b.is_punct(ns - 1, ',');
                    if ns >= end {
                        return None;
                    }
                    frame.subj = Subj::Np(ns, end);
                }
                (Some(le), Some(ns)) if ns <= le => {
                    if ns > s && lex.set(S::Temporal).ending_at(&words, ns - 1).is_some() {
                        return None;
                    }
                    let place = if impersonal { lex.set(S::SourcePreps).match_at(&words, ns).map(|(n, _)| n) } else { None };
                    // « Армения это подтвердила »: with no articles, a demonstrative right before
                    // the verb, after the subject, is its object.
                    let object = object_before && le > ns && words(le).is_some_and(|w| lex.is(S::Determiners, w));
                    frame.subj = Subj::Np(ns + place.unwrap_or(0), if object { le } else { le + 1 });
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
                    // ("…, a indiqué mardi à la presse le porte-parole": a time before the subject
                    // is no part of it.)
                    let mut at = source_after.unwrap_or(k);
                    while at < k + 3 && words(at).is_some_and(|w| lex.is(S::TimeWords, w) && !lex.is(S::Determiners, w) && !lex.is(S::Prepositions, w)) {
                        at += 1;
                    }
                    // (A clause the cue opens, « a déclaré que … », is what was said, never who said it.)
                    // (Nor is a clause with a verb of its own: "…, said Russia has violated the
                    // ceasefire" reports what Russia did; the subject is on the left.)
                    let clause = |a: usize, z: usize| (a..z).any(|t| self.verb_at(b, t));
                    let np = self.right_np(b, e, at).filter(|&(a, z)| {
                        !words(a).is_some_and(|w| lex.is(S::Complementizers, w))
                            && !clause(a, z)
                            && (quote_before || z >= e || b.toks[z].kind != Kind::Word || words(z).is_some_and(|w| lex.is(S::NpRightStop, w)))
                    });
                    let appos = if quote_before { None } else { le.and_then(|le| self.apposition(b, s, le)) };
                    // "…, and a British worker were among the casualties, said police Chief X": what
                    // holds a finite verb outside a relative clause is content, not an apposition.
                    let appos_is_clause = appos.is_some_and(|(a, z)| {
                        self.holds_verb(b, a, z)
                            // ("что", "that" open a clause as often as a relative one.)
                            && !(a..z).any(|t| b.word(t).is_some_and(|w| lex.is(S::Relatives, w) && !lex.is(S::Complementizers, w)))
                    });
                    if let (Some((a, z)), true) = (np, appos.is_none() || appos_is_clause) {
                        frame.subj = Subj::Np(a, z);
                        let (mut content, at) = self.tail_content(b, s, le?)?;
                        // « Les forces russes, a affirmé le ministère, ont bombardé la ville »: what
                        // was said goes on after the attribution set off inside it.
                        if let Some(last) = self.resumes_after(b, z, b.clause_end(i, e)).filter(|_| !quote_before) {
                            content.ce = b.toks[last].ce;
                            content.be = b.toks[last].be;
                        }
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
        let clause_end = b.clause_end(i, e);
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
            // "said in a statement, noting that …", "said, adding that …": a "that" past another cue
            // is that cue's; this one's content is before it.
            // (After a determiner or a preposition a cue's form is a noun: « a indiqué dans un
            // communiqué que », "said on state television that".)
            let noun = words(m - 1).is_some_and(|w| lex.is(S::Determiners, w) || lex.is(S::Prepositions, w) && !lex.is(S::Modals, w));
            if m > k && tm.kind == Kind::Word && !lex.cues.matches_at(&words, m).is_empty() && !noun {
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
        // "told reporters the claims were absurd", "told Reuters it had no plans": with no "that",
        // a verb that takes an addressee has it first; what was said opens with the next subject
        // (a determiner, a pronoun or a name) whose verb follows within a few words.
        if comp.is_none() && cue.obj {
            let plain = |t: usize| b.toks[t].kind == Kind::Word && words(t).is_some_and(|w| !lex.is_finite(w) && !lex.is(S::Aux, w) && !lex.is(S::Complementizers, w));
            // (A capitalized word after another continues the addressee's name: "told CTV News it …".)
            let opens = |t: usize| {
                words(t).is_some_and(|w| lex.is(S::Determiners, w) || lex.is_pronoun(w))
                    || b.toks[t].cap && !b.toks[t - 1].cap
            };
            let verb_soon = |t: usize| (t + 1..(t + 4).min(clause_end)).any(|v| words(v).is_some_and(|w| lex.is_finite(w) || lex.is(S::Aux, w) || lex.has_finite_ending(w)));
            if let Some(p) = (k + 1..(k + 4).min(clause_end)).take_while(|&t| plain(t - 1)).find(|&t| opens(t) && verb_soon(t)) {
                c0 = p;
            }
        }
        let introduced = b.is_punct(c0, ':') || (b.is_punct(c0, ',') && b.toks.get(c0 + 1).is_some_and(|t| matches!(t.q, QRole::Open(_))));
        if introduced {
            c0 += 1;
        }
        let ends_clause = |x: usize| x >= clause_end || matches!(b.toks[x].ch, '.' | '!' | '?' | ';' | '…') && b.toks[x].kind == Kind::Punct;
        // "…, ce que l'Ukraine dément", "…, which Kyiv denies": a relative clause after a comma
        // takes the clause before as what it answers, as a trailing cue does.
        let relative_comma = |a: usize| {
            let rel = |t: usize| words(t).is_some_and(|w| lex.is(S::NpLeftStop, w) || lex.is(S::Relatives, w) || lex.is(S::Determiners, w));
            // (The word before the subject is a relative pronoun: "which", « que », not "where".)
            let pronoun = a > s + 1 && words(a - 1).is_some_and(|w| lex.is(S::Relatives, w) || lex.is(S::Complementizers, w));
            // "…, a claim the group denies", "…, an allegation Kigali has long rejected": the
            // relative pronoun left out after a claim noun.
            if !pronoun {
                let n = lex.set(S::ClaimNouns).ending_at(&words, a.checked_sub(1)?)?;
                let det = a.checked_sub(n + 1).filter(|&d| d > s && words(d).is_some_and(|w| lex.is(S::Determiners, w)))?;
                let c = det - 1;
                return (b.is_punct(c, ',') || b.is_punct(c, '–') || b.is_punct(c, '—')).then_some(c);
            }
            let mut c = (1..=2).map(|n| a.checked_sub(n)).take_while(|t| t.is_some_and(|t| t > s && rel(t))).last().flatten()? - 1;
            // "…, a claim which Hamas denies", "… – an allegation that Kyiv rejects": the claim
            // noun in apposition names the clause before.
            if c > s + 1 && lex.set(S::ClaimNouns).match_at(&words, c).is_some() && words(c - 1).is_some_and(|w| lex.is(S::Determiners, w)) {
                c -= 2;
            }
            (b.is_punct(c, ',') || b.is_punct(c, '–') || b.is_punct(c, '—')).then_some(c)
        };
        // (Where the relative opens, for an inverted subject: « ce que dément le gouvernement ».)
        let relative = match frame.subj {
            Subj::Np(a, _) if a > s && inv.is_none() => relative_comma(a).map(|c| (c, a)),
            _ => left_end.and_then(|le| relative_comma(le + 1).map(|c| (c, le + 1))),
        };
        let np_left_boundary = match frame.subj {
            Subj::Np(a, _) if a > s && inv.is_none() => Some(a - 1),
            _ => None,
        };
        // A short lead before the comma is an adjunct ("During his trial, Garnier told the jury he …"),
        // not content said.
        let lead_words = np_left_boundary.map_or(0, |bt| (s..bt).filter(|&t| b.toks[t].kind == Kind::Word).count());
        // A lead opening with a preposition is an adjunct however long ("In a post on social media
        // platform X, Makolo said …").
        // ("Over 500 people were killed …, X told AFP" holds a verb: it is content.)
        let lead_adjunct = (s..e).find(|&t| b.toks[t].kind == Kind::Word).and_then(&words).is_some_and(|w| lex.is(S::Prepositions, w))
            && !np_left_boundary.is_some_and(|bt| self.holds_verb(b, s, bt));
        // A lead naming an office, with no verb, is an apposition to the subject (« Официальный
        // представитель Министерства обороны России, генерал-лейтенант Игорь Конашенков рассказал
        // про … »), not what was said. (Only an office: the verbs a lexicon lists are too few to
        // tell any other lead from a clause, "Russian forces shelled the village, the army said".)
        let lead_is_office = |bt: usize| {
            (s..bt).any(|t| words(t).is_some_and(|w| lex.is(S::PersonNouns, w)) || lex.set(S::PersonNouns).match_at(&words, t).is_some())
                && !self.holds_verb(b, s, bt)
                && !(s..bt).any(|t| !b.toks[t].cap && words(t).is_some_and(|w| lex.has_finite_ending(w) || !lex.cues.matches_at(&words, t).is_empty()))
        };
        let after_content = np_left_boundary.is_some_and(|bt| (b.is_punct(bt, ',') && lead_words >= 5 && !lead_adjunct && !lead_is_office(bt)) || matches!(b.toks[bt].q, QRole::Close(_)));
        // "A une question sur …, il a répondu : « … »": a colon or a quotation after the cue opens
        // what is said, whatever comes before.
        // "North Korea will respond, the foreign ministry said in a statement carried by KCNA": a
        // setting with no clause after it says nothing; what was said is before.
        // (Nor does a source after it: "…, said in a statement carried by KCNA".)
        let setting = words(c0).is_some_and(|w| lex.is(S::SettingPreps, w)) || lex.set(S::PrepCues).match_at(&words, c0).is_some();
        let only_setting = comp.is_none() && after_content && setting && !self.holds_verb(b, c0, clause_end);
        // "“He is gone,” the father said into his phone as his mother wept": after a quoted
        // sentence set off by a comma just before its speaker, what follows the verb with no
        // "that" is how and where it was said, however many verbs it holds. (Not after a quoted
        // word: "called the allegation “false” on Thursday and … said he never …".)
        let closes_quote = |t: usize| matches!(b.toks[t].q, QRole::Close(_));
        let set_off = |t: usize| [',', '?', '!'].iter().any(|&c| b.is_punct(t, c));
        let quoted_before = np_left_boundary.is_some_and(|bt| bt > s && (closes_quote(bt) && set_off(bt - 1) || b.is_punct(bt, ',') && closes_quote(bt - 1)));
        let nothing_right = ends_clause(c0)
            || only_setting
            || (comp.is_none() && !introduced && quoted_before && !matches!(b.toks[c0].q, QRole::Open(_)))
            || (comp.is_none()
                && !introduced
                && after_content
                && (cue.obj || b.is_punct(c0, ',') || words(c0).is_some_and(|w| lex.is(S::NpRightStop, w) || lex.is(S::TopicPreps, w))));
        if nothing_right || inv.is_some() {
            // What the relative answers is the clause before; what it says is the relative
            // itself, as « Erevan nie cela » says « cela ».
            if let Some((c, a)) = relative.filter(|&(c, a)| c + 1 < a && (ends_clause(c0) || inv.is_some())) {
                frame.content = span(b, c + 1, a - 1);
                frame.tail_at = Some(b.toks[c].cs);
                return Some(frame);
            }
            // "…, Smith said." / "« … », a-t-il déclaré": the content comes before.
            let bt = if inv.is_some() { left_end } else { np_left_boundary };
            if let Some((content, at)) = bt.and_then(|bt| self.tail_content(b, s, bt)) {
                frame.content = content;
                frame.tail_at = Some(at);
                let np_end = match frame.subj {
                    Subj::Np(_, z) => z,
                    Subj::Reuse => right,
                };
                // « Les forces russes, a affirmé le ministère, ont bombardé la ville »: an attribution
                // set off inside the clause; what was said goes on after it.
                if let Some(last) = self.resumes_after(b, np_end.max(right), clause_end) {
                    frame.content.ce = b.toks[last].ce;
                    frame.content.be = b.toks[last].be;
                }
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
        // "Russia blamed Ukraine for the attack; Kyiv did not comment": a semicolon at the cue's
        // own level of quotation joins the writer's next clause, not more of what was said.
        let level = b.toks[i].inq;
        let after = self.semicolons.partition_point(|&t| t <= c0);
        let mut end = self.semicolons[after..].iter().copied().take_while(|&t| t < clause_end).find(|&t| b.toks[t].inq == level).unwrap_or(clause_end);
        // "Tatiana Stanovaya, an expert who writes about the Kremlin, noted that …": a relative
        // clause set off by commas ends at its closing comma; the sentence's own verb and what it
        // says are no content of it (unless "that" or a quotation opens what the clause says).
        if set_off_relative && comp.is_none() && !introduced {
            if let Some(c) = (c0..end).find(|&t| b.is_punct(t, ',') && b.toks[t].inq == level) {
                end = c;
            }
        }
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
        // "said at a news conference, adding …": a prepositional phrase with no verb is where it
        // was said, not what.
        // Only prepositions of a setting: a report names its topic with one (« сообщила о трех
        // погибших »), a call its aim (« a appelé au calme »).
        if bare_object && cue.stance == Stance::Assert && words(c0).is_some_and(|w| lex.is(S::SettingPreps, w)) {
            let upto = (c0..end).find(|&t| b.is_punct(t, ',')).unwrap_or(end);
            // "stated in July it opposed the pipeline": a subject pronoun and its verb after the
            // setting open what was said.
            let verb = |w: &str| lex.is_finite(w) || lex.is(S::Aux, w) || lex.is(S::Modals, w) || lex.has_finite_ending(w);
            let clause = (c0 + 2..upto).find(|&t| words(t).is_some_and(|w| lex.is_pronoun(w)) && words(t + 1).is_some_and(verb));
            if let Some(t) = clause {
                c0 = t;
            } else if !self.holds_verb(b, c0, upto) {
                frame.silent = true;
            }
        }
        // "The attack, the ministry said, was carried out by drones": the subject of what was said
        // comes before the attribution set off inside it.
        let inside = np_left_boundary.filter(|&bt| bt > s && b.is_punct(bt, ',') && !lead_adjunct && !lead_is_office(bt) && !self.r.text[b.toks[s].bs..b.toks[bt].bs].contains(['"', '«', '“']));
        if let (Some(_), true) = (inside, comp.is_none() && self.resumes_after(b, k, end).is_some()) {
            frame.content = span(b, s, end - 1);
            frame.tail_at = Some(b.toks[s].cs);
            return Some(frame);
        }
        frame.content = span(b, c0, end - 1);
        Some(frame)
    }

    /// Where a clause resumes after an attribution set off by commas ("…, the ministry said, was
    /// carried out …", « …, a affirmé le ministère, ont bombardé … »): when the comma at `z` is
    /// followed by a verb (an auxiliary as written, a finite verb or a modal), or a conjunction and
    /// one, the last word of the clause that goes on before `end`.
    fn resumes_after(&self, b: &Block, z: usize, end: usize) -> Option<usize> {
        if z >= end || !b.is_punct(z, ',') {
            return None;
        }
        let at = if b.word(z + 1).is_some_and(|w| self.lex.is(S::Conjunctions, w)) { z + 2 } else { z + 1 };
        if at >= end || !self.verb_at(b, at) {
            return None;
        }
        (at..end).rev().find(|&t| b.toks[t].kind != Kind::Punct)
    }

    /// Whether token `t` is a verb opening or holding a clause: a lowercase finite verb, an
    /// auxiliary as written (« à » folds to the auxiliary « a »), or a modal ("to" aside).
    fn verb_at(&self, b: &Block, t: usize) -> bool {
        let lex = self.lex;
        let written = &self.r.text[b.toks[t].bs..b.toks[t].be];
        !b.toks[t].cap && b.word(t).is_some_and(|w| lex.is_finite(w) || lex.is(S::Aux, w) && lex.is_aux_written(written) || w != "to" && lex.is(S::Modals, w))
    }

    /// "called the allegation “false”", "calls it a mistake", "described the attack as …", "what
    /// he called …": the label a speaker puts on something is the quotation after the cue, the words
    /// after an object pronoun or after "as", or everything after the cue when its object is a relative.
    /// "IRNA quoted him as saying": for the label word at `p`, the object's start, the quoting
    /// verb and the start of its subject, if a verb of `quote_verbs` stands before the object.
    fn quoted_object(&self, b: &Block, s: usize, p: usize) -> Option<(usize, usize, usize)> {
        let lex = self.lex;
        if !b.word(p).is_some_and(|w| lex.is(S::LabelAs, w)) || p < s + 2 {
            return None;
        }
        // The object is short: a pronoun or a name ("him", "the minister", "Kanaani").
        let v = (p.saturating_sub(5).max(s)..p - 1).rev().find(|&t| b.word(t).is_some_and(|w| lex.is(S::QuoteVerbs, w)))?;
        if (v + 1..p).any(|t| b.toks[t].kind != Kind::Word) || v == s {
            return None;
        }
        let qs = self.left_np_start(b, s, v - 1);
        (qs < v).then_some((v + 1, v, qs))
    }

    pub(super) fn label_frame(&self, b: &Block, s: usize, clause_end: usize, k: usize, mut frame: Frame) -> Option<Frame> {
        let lex = self.lex;
        let words = |t: usize| if t >= s && t < clause_end { b.word(t) } else { None };
        // "…, но назвали «вымыслом» сообщения": a subject carried over a conjunction labels as
        // well (not one carried to a gerund: "…, describing the target as …" qualifies, it does
        // not claim).
        let relative_object = match frame.subj {
            Subj::Np(a, _) => a > s && words(a - 1).is_some_and(|w| lex.is(S::Relatives, w)),
            Subj::Reuse if !frame.continues => false,
            Subj::Reuse => return None,
        };
        // The object is short and holds no comma ("a sedative called clonazepam, part of a group
        // known as …" labels nothing).
        // (Short, but a noun with its modifiers: "described the accusations issued by Guyana
        // regarding an alleged violation of its territorial sovereignty by fighter jets as false".)
        let window = (k..(k + 24).min(clause_end)).find(|&t| b.is_punct(t, ',')).unwrap_or((k + 24).min(clause_end));
        let start = if relative_object {
            k
        } else if let Some(q) = (k..window).find_map(|t| match b.toks[t].q {
            QRole::Open(q) => Some(q),
            _ => None,
        }) {
            frame.content = quote_span(b, q);
            return Some(frame);
        } else if words(k).is_some_and(|w| lex.is(S::ObjectPronouns, w)) && words(k + 1).is_some() {
            k + 1
        } else if let Some(t) = (k..window).find(|&t| words(t).is_some_and(|w| lex.is(S::LabelAs, w))) {
            t + 1
        } else if (k..window).any(|t| lex.set(S::DenyMarkers).match_at(&words, t).is_some()) {
            // « назвал не соответствующими действительности сообщения СМИ »: a label calling
            // something false, with no word to set it apart, is said of all that follows.
            k
        } else {
            return None;
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
    pub(super) fn reads_as_clause(&self, b: &Block, a: usize, end: usize) -> bool {
        let lex = self.lex;
        if lex.set(S::FiniteVerbs).is_empty() {
            return true;
        }
        let mut seen = 0;
        for t in a..end {
            let Some(w) = b.word(t) else { continue };
            // A verb past a relative pronoun is the relative clause's: "added the drug group to its
            // monitoring program, which tracks …" added a thing, and said nothing.
            if seen > 0 && lex.is(S::Relatives, w) && !lex.is(S::Complementizers, w) {
                return false;
            }
            if lex.is_finite(w) {
                return true;
            }
            if seen > 0 && lex.has_finite_ending(w) {
                return true;
            }
            seen += 1;
            if seen >= 20 {
                break;
            }
        }
        false
    }

    /// The content before a trailing attribution whose boundary token is `bt` (a comma or a
    /// closing mark): the quotation that closes there, or the clause from the sentence start.
    /// « Об этом сообщили в Минобороны », « Об этом 23 февраля сообщает пресс-служба »: the
    /// sentence opens on a pointer to what was just told (`anaphoric_topics`), with no clause of
    /// its own before the cue at `i`.
    fn points_back(&self, b: &Block, s: usize, i: usize) -> bool {
        let lex = self.lex;
        let words = |t: usize| if t >= s && t < i { b.word(t) } else { None };
        i <= s + NP_MAX
            && lex.set(S::AnaphoricTopics).match_at(&words, s).is_some_and(|(n, _)| {
            (s + n..i).all(|t| b.toks[t].kind != Kind::Punct && words(t).is_none_or(|w| !(lex.is_finite(w) || lex.is(S::Aux, w) || lex.is(S::Complementizers, w))))
        })
    }

    pub(super) fn tail_content(&self, b: &Block, s: usize, bt: usize) -> Option<(Span, usize)> {
        let mut t = bt;
        if b.is_punct(t, ',') && t > s {
            t -= 1;
        }
        if let QRole::Close(q) = b.toks[t].q {
            // "Cette organisation « est mafieuse » et n'est « pas politique », a-t-il martelé": a
            // quotation woven into the writer's clause is a fragment; the clause is what was said.
            // Unless an attribution comes before it ("« A », a dit X, « B », a ajouté Y").
            let open = b.quotes[q].open;
            let words = |x: usize| if x >= s && x < open { b.word(x) } else { None };
            let lead = (s..open).filter(|&x| b.toks[x].kind == Kind::Word).count();
            let attributed = (s..open).any(|x| !self.lex.cues.matches_at(&words, x).is_empty());
            if lead >= 2 && !attributed && b.is_punct(bt, ',') {
                return Some((span(b, s, bt - 1), b.toks[bt].cs));
            }
            return Some((quote_span(b, q), b.toks[t].cs));
        }
        if b.is_punct(bt, ',') {
            // ("The talks failed; the ministry blamed Kyiv, the ministry said": what was said
            // starts after the writer's clause.)
            let before = self.semicolons.partition_point(|&t| t < bt);
            let s = self.semicolons[..before].iter().rev().copied().take_while(|&x| x >= s).find(|&x| b.toks[x].inq == b.toks[bt].inq).map_or(s, |x| x + 1);
            let n_words = (s..bt).filter(|&x| b.toks[x].kind == Kind::Word).count();
            if n_words >= 3 {
                return Some((span(b, s, bt - 1), b.toks[bt].cs));
            }
        }
        None
    }

    /// `"…," he said, "…"`: the quotation that continues after the speaker.
    pub(super) fn extra_quote(&self, b: &Block, e: usize, z: usize) -> Option<Span> {
        if z + 1 < e && b.is_punct(z, ',') {
            if let QRole::Open(q) = b.toks[z + 1].q {
                return Some(quote_span(b, q));
            }
        }
        None
    }
}

/// `…a decision," noting that …`: a comma closed inside a quotation ends the clause as one outside would.
fn after_quoted_comma(b: &Block, p: usize) -> bool {
    matches!(b.toks[p].q, QRole::Close(_)) && p > 0 && b.is_punct(p - 1, ',')
}
