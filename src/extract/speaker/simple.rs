//! One phrase with no coordination in it, resolved to a speaker: a lone pronoun (handed back to
//! [`Resolver::resolve`]), an acronym the text defined, a personal name (with the state its title
//! or demonym names, or that an earlier full mention gave), a gazetteer name or demonym, or a
//! definite description matched against the recent speakers. Split from `speaker.rs`, which
//! coordinates the parts of a phrase and keeps the mentions' history.

use super::*;

impl Resolver<'_> {
    /// The words (indices in `ws`) of a body's proper name: capitalized words around the
    /// capitalized head noun of a body that speaks for no state, joined by the function words such
    /// names hold ("Institute for the Study of War"); two words or more, no gazetteer name among
    /// them (the gazetteer decides those), and no office or person noun after the head ("Douglas
    /// County Sheriff Chris Moore" is the sheriff).
    pub(super) fn body_name(&self, b: &Block, ws: &[usize], covered: &dyn Fn(usize) -> bool) -> Option<(usize, usize)> {
        let lex = self.lex;
        let word = |k: usize| b.word(ws[k]).unwrap_or("");
        let capitalized = |k: usize| b.toks[ws[k]].cap && !lex.is(S::Determiners, word(k));
        let cap = |k: usize| capitalized(k) && !lex.is(S::PersonNouns, word(k));
        // (A head may be a person's noun too: "centre" is a player's position.)
        let head = |k: usize| capitalized(k) && (lex.is(S::BodyHeads, word(k)) || lex.is(S::NonstateNouns, word(k)));
        // Words `k - 1` and `k` with nothing between them.
        let joined = |k: usize| ws[k] == ws[k - 1] + 1;
        let h = (0..ws.len()).find(|&k| head(k))?;
        let mut a = h;
        while a > 0 && joined(a) && cap(a - 1) {
            a -= 1;
        }
        let mut z = h + 1;
        loop {
            let mut y = z;
            while y < ws.len() && y < z + 2 && joined(y) && lex.is(S::NameConnectors, word(y)) {
                y += 1;
            }
            if y < ws.len() && joined(y) && cap(y) && !lex.is(S::TitleWords, word(y)) {
                z = y + 1;
            } else {
                break;
            }
        }
        (z - a >= 2 && !(a..z).any(covered)).then_some((a, z))
    }

    /// The speaker the phrase `first..end` of `b` names on its own, as seen from token `pos`
    /// (`exclude`: the span whose own speakers it may not refer back to).
    pub(super) fn resolve_simple(&self, b: &Block, first: usize, end: usize, pos: usize, exclude: (usize, usize), hist: &History) -> Option<Entity> {
        self.resolve_simple_known(b, first, end, pos, exclude, hist, None)
    }

    /// [`Self::resolve_simple`], given the gazetteer hits a caller found already in words `known.0`:
    /// they are used when the phrase's words are those (`hits` is the same for the same words),
    /// and not looked up again (`resolve` finds them first, and most phrases it then hands over whole).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn resolve_simple_known(&self, b: &Block, first: usize, end: usize, pos: usize, exclude: (usize, usize), hist: &History, known: Option<(&[usize], Vec<Hit<'_>>)>) -> Option<Entity> {
        let lex = self.lex;
        // "Tatiana Stanovaya, an expert who writes about the Kremlin": a relative clause describes
        // the speaker; a name in it (the Kremlin) is what the speaker does, not whom they serve.
        let relative = |t: usize| b.word(t).is_some_and(|w| lex.is(S::Relatives, w) && !lex.is(S::Complementizers, w));
        let end = (first + 1..end).find(|&t| relative(t)).unwrap_or(end);
        let ws = word_tokens(b, first, end);
        if ws.is_empty() {
            return None;
        }
        let word = |k: usize| b.word(ws[k]).unwrap_or("");
        let get = |i: usize| ws.get(i).and_then(|&t| b.word(t));
        if ws.len() == 1 && (lex.is(S::PronExcluded, word(0)) || lex.is(S::PronAny, word(0)) || lex.is(S::PronPerson, word(0))) {
            return self.resolve(b, first, end, pos, exclude, hist);
        }
        let hits = match known {
            Some((known_ws, hits)) if known_ws == ws.as_slice() => hits,
            _ => self.hits(b, &ws),
        };
        // (Looked for only when a state is to be chosen from around the phrase.)
        let accused_state = std::cell::OnceCell::new();
        let accused = || accused_state.get_or_init(|| self.accused(b, exclude)).clone();
        // An acronym the text defined ("le SBU" after « les services de sécurité ukrainiens (SBU) »).
        let mut body = ws.iter().copied().skip_while(|&t| b.word(t).is_some_and(|w| lex.is(S::Determiners, w)));
        if let (Some(t), None, true) = (body.next(), body.next(), hits.is_empty()) {
            let code = b.toks[t].upper.then(|| b.word(t).and_then(|w| self.profile?.acronym_state(w))).flatten();
            if let Some(code) = code {
                return Some(Entity::new(Speaker { name: self.surface(b, t, t).to_string(), party: Some(code.to_string()), countries: vec![code.to_string()] }, EntityKind::Org, pos));
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
            // (A lowercase word is none: asked first, the checks below are spared for most words.)
            if !t.cap {
                return false;
            }
            // An institution or document noun opening a sentence is capitalized, and no name
            // ("Ведомство отвергло …").
            // Nor is an adverb ("Там отметили", "Ранее Минобороны сообщило").
            // (Each test a closure, asked in turn: a word failing one is spared the rest.)
            let noun = || lex.is(S::OrgNouns, word(k)) || lex.is(S::RelayNouns, word(k)) || lex.is(S::Adverbs, word(k));
            // "Hamas-run", "Kremlin-backed", "Russian-installed": a compound ending in a lowercase
            // word is an adjective, not a name ("Jean-Pierre" keeps its capital).
            let adjective = || self.text[t.bs..t.be].rsplit_once('-').is_some_and(|(_, tail)| tail.starts_with(char::is_lowercase));
            // ("Ces médias britanniques": a determiner opening the phrase before a lowercase word
            // is no name; « Le Pen » keeps its capitalized article.)
            let determiner = || k == 0 && lex.is(S::Determiners, word(k)) && ws.len() > 1 && ws[1] == ws[0] + 1 && !b.toks[ws[1]].cap;
            !adjective() && !determiner() && !covered(k) && !noun() && !lex.is(S::TitleWords, word(k)) && !lex.is(S::PersonNouns, word(k)) && !lex.is(S::GroupNouns, word(k))
        };
        let mut run: Option<(usize, usize)> = None;
        let mut runs: Vec<(usize, usize)> = Vec::new();
        // "Kenza Tarek, a student at Laval University": a name that opens the phrase and ends at its
        // first comma heads an apposition, whatever capitalized words the apposition holds.
        let first_comma = first_comma(b, &ws);
        let mut head: Option<(usize, usize)> = None;
        let of_prep = |w: &str| matches!(w, "de" | "du" | "des" | "d'" | "of" | "in" | "en" | "from" | "at" | "à");
        // "Maria Lopes with the port authority", "the French embassy in Dar es Salaam": the head
        // comes before a modifier's preposition; a name after it (up to an apposition's comma)
        // is where, or with whom, the speaker is.
        let upto = first_comma.map_or(ws.len(), |c| c + 1);
        let modifier_from = (1..upto).find(|&k| lex.is(S::ModifierPreps, word(k)) && !lex.is(S::Determiners, word(k - 1)));
        let in_modifier = |s: usize| modifier_from.is_some_and(|m| s > m && s < upto);
        // "Somali group al-Shabaab, an al-Qaeda affiliate fighting to impose strict Islamic law,
        // said", "The minister, a close ally of President Putin, said": an apposition opening on an
        // indefinite article describes what comes before its comma; a name in it is not the speaker.
        let apposition_after = first_comma.filter(|&c| c + 1 < ws.len() && lex.is(S::Articles, word(c + 1)) && !lex.is(S::Definite, word(c + 1)));
        let in_apposition = |s: usize| apposition_after.is_some_and(|c| s > c);
        // (Its words describe the speaker, and stay out of the name.)
        let name_ws = apposition_after.map_or(&ws[..], |c| &ws[..=c]);
        let mut k = 0;
        while k < ws.len() {
            // (Asked once a word: it was asked twice, for a tenth of resolving.)
            let name_word = is_name_word(k);
            if name_word && (in_modifier(k) || in_apposition(k)) {
                k += 1;
            } else if name_word {
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
                // "the soft-spoken Porto resident": a name right before a person noun qualifies it.
                let attributive = z < ws.len() && ws[z] == ws[z - 1] + 1 && !b.toks[ws[z]].cap && lex.is(S::PersonNouns, word(z));
                if attributive {
                    k = z;
                    continue;
                }
                run = Some((s, z));
                runs.push((s, z));
                // (A place after an office's preposition heads nothing: "Le maire de Kharkiv, Ihor
                // Terekhov, a affirmé".)
                let leads = (0..s).all(|j| lex.is(S::Determiners, word(j)) || lex.is(S::TitleWords, word(j))) && !(s > 0 && of_prep(word(s - 1)));
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
        // "the Brookings Institution", "the Institute for the Study of War": a body's proper name,
        // whose capitalized words a person's name would otherwise take for its own, is the speaker
        // when the name holds the person run — unless a person is named before it ("Michael
        // O'Hanlon of the Brookings Institution").
        let mut body_speaks = None;
        if let Some((a, z)) = self.body_name(b, &ws, &covered) {
            if let Some(&before) = runs.iter().rev().find(|&&(_, e)| e <= a) {
                if run.is_some_and(|(s, _)| s >= a) {
                    run = Some(before);
                }
            } else if run.is_none_or(|(s, e)| s >= a && e <= z) {
                body_speaks = Some((a, z));
                run = None;
            }
        }
        // "les Forces Vives de Guinée", "the Armed Forces Command": capitalized words after a
        // capitalized institution noun name the institution, not a person.
        // (Not across a comma: "The head of the Electoral Commission, Semistocles Kaijage, said".)
        // Nor before one: "the Election Commission", "Russia's Investigative Committee".
        let before_org = |(_, z): (usize, usize)| z < ws.len() && ws[z] == ws[z - 1] + 1 && b.toks[ws[z]].cap && lex.is(S::OrgNouns, word(z));
        // Such a body is named, never a description renaming the last one that spoke.
        let named_body = run.is_some_and(before_org);
        if run.is_some_and(|(s, _)| s > 0 && ws[s] == ws[s - 1] + 1 && b.toks[ws[s - 1]].cap && lex.is(S::OrgNouns, word(s - 1))) || named_body {
            run = None;
        }
        if let Some((s, z)) = run {
            // "le ministre de la Communication", "minister of Information": a portfolio or a place
            // after a preposition (and its article) is no name.
            let prep = |k: usize| of_prep(word(k));
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
                if let Some(x) = h.country {
                    if !c.iter().any(|y| y == x) {
                        c.push(x.to_string());
                    }
                }
            }
            c.truncate(1);
            if c.is_empty() {
                c.extend(self.local_office_state(b, &ws));
            }
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
        if let Some((a, z)) = body_speaks {
            let speaker = Speaker { name: self.surface(b, ws[a], ws[z - 1]).to_string(), party: party_for(&countries, &institution), countries };
            return Some(Entity { institution, ..Entity::new(speaker, EntityKind::Org, pos) });
        }
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
                countries.extend(self.state_around(pos, hist, institution.as_deref(), org, accused().as_deref()));
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
            // (A first name tells the sex only in a name of two words or more.)
            // (A last name alone takes the sex its full name told: "Reed" after "Mr Tom Reed".)
            let sex = self
                .sex_in(b, &ws)
                .or_else(|| (z - s >= 2).then(|| b.word(ws[s]).and_then(sex::of_first_name)).flatten())
                .or_else(|| hist.sex_of_named(&last));
            return Some(Entity {
                speaker: Speaker { name, party: party_for(&countries, &institution), countries },
                kind: EntityKind::Person,
                last_name: Some(last),
                family_first: (z - s == 2).then(|| self.last_name_key(b, ws[s])),
                nouns: person_nouns,
                institution,
                pos,
                sex,
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
            let stateless_head = (0..upto).any(|k| lex.is(S::NonstateNouns, word(k)));
            // (A description naming no state never renames the state the claim calls a liar.)
            let unnamed_accused = if countries.is_empty() { accused() } else { None };
            let accuses = |e: &Entity| e.speaker.countries.len() == 1 && unnamed_accused.as_deref() == Some(e.speaker.countries[0].as_str());
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
                // "…, передает Sputnik"). Nor does a body that stands for no state rename a state
                // ("Israel says Hamas …, a claim the group denies").
                kind_ok && !e.is_agency() && (!stateless_head || e.speaker.countries.is_empty()) && (countries.is_empty() || e.speaker.countries.iter().any(|c| countries.contains(c))) && !accuses(e)
            };
            let noun_ok = |e: &Entity| person_nouns.iter().any(|n| e.nouns.contains(n));
            let same_institution = |e: &Entity| {
                !describes_person
                    && institution.is_some()
                    && e.institution == institution
                    && (countries.is_empty() || e.speaker.countries.iter().any(|c| countries.contains(c)))
                    && !accuses(e)
            };
            // A generic institution noun ("ведомство", "the agency") renames a ministry before a
            // state or a body that is none ("заявило ведомство" after "Минобороны Армении").
            let generic_org = org && !describes_person && institution.is_none() && hits.is_empty();
            let ministry = |e: &Entity| generic_org && compatible(e) && e.institution.as_deref().is_some_and(|i| i != "army");
            // A document ("в сообщении", "the statement") is the last speaker's, not the last body
            // merely named ("отвергло заявление польских властей. … сказано в сообщении").
            let speaker_document = |e: &Entity| relay && compatible(e) && hist.spoke_at(e.pos);
            // "…, concernant le rapport publié par HRW. Le document accuse …": a document named
            // with its author since the last speaker spoke is the one meant.
            if relay && !describes_person && !org {
                // (Never one named inside what the claim says: « … dans le message du ministère
                // azerbaïdjanais … », indique le communiqué.)
                let since = hist.last_spoke_before(pos);
                let until = if exclude.0 < exclude.1 && exclude.0 < pos { pos.min(exclude.0) } else { pos };
                let (from, to) = (b.toks.partition_point(|t| t.cs < since), b.toks.partition_point(|t| t.cs < until).min(first));
                if let Some(author) = (from < to).then(|| self.document_author(b, from, to, hist)).flatten() {
                    return Some(Entity { pos, ..author });
                }
            }
            // "Facebook said … The company said": a body that stands for no state, named by its noun
            // alone, renames the speaker just before it in the paragraph when that is a stateless
            // name the text gave nothing to tell a person by (no title, no sex, no office). (The
            // gazetteer's bodies are found as compatible above.)
            let paragraph = b.toks.first().map_or(0, |t| t.cs);
            let unknown_body = |e: &Entity| {
                stateless_head
                    && !describes_person
                    && ws.len() == 2
                    && e.pos >= paragraph
                    && hist.last_spoke_before(pos) == e.pos
                    && e.speaker.countries.is_empty()
                    && !e.is_agency()
                    && (e.kind == EntityKind::Org || e.kind == EntityKind::Person && e.sex.is_none() && e.nouns.is_empty())
                    && e.speaker.name.chars().next().is_some_and(char::is_uppercase)
            };
            let found = (!named_body)
                .then(|| {
                    hist.recent(pos, exclude, &same_institution)
                        .or_else(|| hist.recent(pos, exclude, &speaker_document))
                        .or_else(|| hist.recent(pos, exclude, &ministry))
                        .or_else(|| hist.recent(pos, exclude, &|e| compatible(e) && noun_ok(e)))
                        .or_else(|| hist.recent(pos, exclude, &compatible))
                        .or_else(|| hist.recent(pos, exclude, &unknown_body))
                })
                .flatten();
            // Nothing but the accused to rename: the document or office answering it is the last
            // other state's named (« Santiago a publié un communiqué. « Le ministère péruvien …
            // diffuse une nouvelle désinformation », selon le communiqué … du ministère »).
            if found.is_none() && !describes_person {
                if let Some(code) = unnamed_accused.as_deref().and_then(|a| hist.last_state_but(pos, a)) {
                    let countries = vec![code.to_string()];
                    let speaker = Speaker { name: self.strip_det(b, name_ws), party: party_for(&countries, &institution), countries };
                    return Some(Entity { institution, ..Entity::new(speaker, EntityKind::Org, pos) });
                }
            }
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
                    if let Some(c) = self.state_around(pos, hist, institution.as_deref(), org, accused().as_deref()) {
                        e.speaker.countries = vec![c];
                        e.speaker.party = party_for(&e.speaker.countries, &institution);
                    }
                }
                return Some(e);
            }
            // "The company said", "the group said": a body that stands for no state takes none
            // from around it.
            if org && !relay && !describes_person && !(0..upto).any(|k| lex.is(S::NonstateNouns, word(k))) {
                // "le ministère" after its minister spoke: the institution of the state last speaking.
                // (Its own content counts: the minister it quotes names the state.)
                let accused = accused();
                let state = hist
                    .recent(pos, (0, 0), &|e| e.speaker.countries.len() == 1 && !e.is_agency() && accused.as_deref() != Some(e.speaker.countries[0].as_str()))
                    .map(|e| e.speaker.countries.clone());
                // With no state speaking yet, "le gouvernement" is the government of the state the
                // document is about.
                let state = state.or_else(|| self.profile.and_then(Profile::home).filter(|_| !group).map(|h| vec![h.to_string()]));
                if let Some(countries) = state {
                    let speaker = Speaker { name: self.strip_det(b, name_ws), party: party_for(&countries, &institution), countries };
                    return Some(Entity { institution, ..Entity::new(speaker, EntityKind::Org, pos) });
                }
            }
        }
        if describes_person && hits.is_empty() && (definite || bare_definite) {
            // A definite office no one held before ("Le ministre de l'Intérieur a déclaré") is a
            // person the reader is meant to know: the office holder of the state around, when the
            // office is a state's; otherwise a person of no known party, kept for the analyst.
            // (A local office names its city: « le maire de Kharkiv ».)
            let countries: Vec<String> = if !countries.is_empty() {
                countries
            } else if state_office {
                self.state_around(pos, hist, institution.as_deref(), org, accused().as_deref()).into_iter().collect()
            } else {
                Vec::new()
            };
            return Some(Entity {
                speaker: Speaker { name: self.strip_det(b, name_ws), party: party_for(&countries, &institution), countries },
                kind: EntityKind::Person,
                last_name: None,
                family_first: None,
                nouns: person_nouns,
                institution,
                pos,
                sex: self.sex_in(b, &ws),
            });
        }
        // (An acronym is the name of a body, never a description: "the NEC said".)
        let acronym = ws.iter().any(|&t| b.toks[t].upper);
        // "the Al-Sinnari Observatory, a local legal organisation, warned … The observatory said":
        // a definite head noun renames the last body whose name holds it.
        if hits.is_empty() && definite && ws.len() == 2 && !describes_person && !relay && !group && !acronym {
            let noun = word(1);
            let named = |e: &Entity| e.kind == EntityKind::Org && {
                // (A name, not an earlier mention of the bare noun: "a study …, the study".)
                let name = crate::text::fold(&e.speaker.name);
                name.contains(' ') && name.split(' ').any(|w| w == noun)
            };
            if let Some(e) = hist.recent(pos, exclude, &named) {
                return Some(Entity { pos, ..e.clone() });
            }
        }
        if hits.is_empty() && definite && !describes_person && !org && !relay && !group && !acronym {
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
            // A news agency is itself whatever words describe it ("the state news agency IRNA",
            // « l'agence officielle Tass »): it relays, and no state speaks through its name.
            let agency = hits.iter().find(|h| h.key.starts_with(AGENCY)).filter(|_| !describes_person);
            let party = match agency {
                Some(a) => Some(a.key.to_string()),
                None if h.kind != PartyKind::State && h.len == ws.len() => Some(h.key.to_string()),
                None => party_for(&countries, &institution),
            };
            let institution = institution.or_else(|| h.key.split_once('.').map(|(_, s)| s.to_string()));
            return Some(Entity {
                speaker: Speaker { name: self.strip_det(b, name_ws), party, countries },
                kind,
                last_name: None,
                family_first: None,
                nouns: person_nouns,
                institution,
                pos,
                sex: if kind == EntityKind::Person { self.sex_in(b, &ws) } else { None },
            });
        }
        // An undetermined person ("a senior official"), a group ("refugee advocates") or a document
        // with no known author ("the complaint said") speaks, for no known state.
        // "a military official", « un responsable militaire », "a government source": an unnamed
        // holder of a state's office serves the state around, as a definite office does. (Plural
        // too: "security officials", « des responsables militaires ».)
        let state_held = !nonstate_body && (0..ws.len()).any(|k| lex.set(S::StateQualifiers).match_at(&get, k).is_some());
        if (describes_person && !definite) || group || relay || state_held {
            // ("Officials in Kharkiv said": a local office names its city's state.)
            let countries: Vec<String> = if state_held {
                self.state_around(pos, hist, institution.as_deref(), org, accused().as_deref()).into_iter().collect()
            } else if !nonstate_body {
                countries
            } else {
                Vec::new()
            };
            return Some(Entity {
                speaker: Speaker { name: self.strip_det(b, name_ws), party: None, countries },
                // An unnamed document ("un dernier bilan", "a report") is no one a later description
                // ("le ministère") can stand for.
                kind: if group { EntityKind::Group } else if relay { EntityKind::Unresolved } else { EntityKind::Person },
                last_name: None,
                family_first: None,
                nouns: person_nouns,
                institution: None,
                pos,
                sex: if describes_person && !group && !relay { self.sex_in(b, &ws) } else { None },
            });
        }
        // Any other short noun phrase ("the bank", "both groups", "many users") speaks as itself: it
        // is a speaker the reader knows, though no party.
        let plain_np = (2..=4).contains(&ws.len())
            && (lex.is(S::Determiners, word(0)) || lex.is(S::Quantifiers, word(0)))
            && (1..ws.len()).all(|k| ws[k] == ws[k - 1] + 1 && !b.toks[ws[k]].upper && !lex.is(S::Determiners, word(k)) && !lex.is(S::NpRightStop, word(k)) && !lex.is(S::PronExcluded, word(k)) && !lex.is(S::PronAny, word(k)));
        // So does a body described rather than named ("an observer mission from the East African
        // Community"), whatever its modifiers hold.
        let described_body = org && !describes_person && lex.is(S::Determiners, word(0));
        if plain_np || described_body || ws.len() <= 3 && ws.iter().any(|&t| b.toks[t].upper) {
            return Some(Entity::new(Speaker { name: self.strip_det(b, name_ws), party: None, countries: Vec::new() }, EntityKind::Org, pos));
        }
        None
    }

    /// The sex the first word of phrase `ws` that tells one gives ("Mrs", "spokeswoman", « la
    /// porte-parole »).
    pub(super) fn sex_in(&self, b: &Block, ws: &[usize]) -> Option<Sex> {
        let set = self.lex.set(S::SexedWords);
        ws.iter().find_map(|&t| set.match_at(&|k| (k == 0).then(|| b.word(t)).flatten(), 0).and_then(|(_, v)| Sex::from_value(v.as_deref()?)))
    }
}
