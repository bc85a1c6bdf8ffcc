//! Per-language lexicons: reporting cues with their stance, and the function words and patterns the
//! extractor needs, loaded from `data/lexicons/<lang>/` (compiled in).
//!
//! Every list is data: adding a language means adding its two files and one line to [`LANGUAGES`].
//! Phrases are tokenized with the same tokenizer as the text, so "d'après" or "n't" match as written.

// Every table of words on foldhash, as `WordMap` says why.
use foldhash::{HashMap, HashSet};
use std::borrow::Cow;
use std::sync::OnceLock;

use crate::model::Stance;

use super::segment::tokenize_words;

/// The languages the extractor knows: code, cue file, grammar file.
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("fr", include_str!("../../data/lexicons/fr/cues.tsv"), include_str!("../../data/lexicons/fr/grammar.tsv")),
    ("en", include_str!("../../data/lexicons/en/cues.tsv"), include_str!("../../data/lexicons/en/grammar.tsv")),
    ("ru", include_str!("../../data/lexicons/ru/cues.tsv"), include_str!("../../data/lexicons/ru/grammar.tsv")),
];

/// A map keyed by short words: foldhash, as the gazetteer's tables, for SipHash's setup dominates a
/// lookup of a short key (and FNV, byte by byte, which this replaced, was still a twentieth of
/// extraction). Its seed is random per process, as SipHash's.
pub(crate) type WordMap<V> = foldhash::HashMap<String, V>;

/// Grammatical use of a cue form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A finite form ("affirme", "said").
    Finite,
    /// A participle that needs an auxiliary ("déclaré", "written").
    Participle,
    /// A form that is both ("dit", "said").
    Both,
    /// A present participle / gerund ("saying", "affirmant").
    Gerund,
}

/// What a matched cue form means.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    /// Stance of the content.
    pub stance: Stance,
    /// Grammatical use.
    pub form: Form,
    /// The verb also performs acts ("déclarer la guerre").
    pub act: bool,
    /// The verb takes a person object before its content ("told reporters that").
    pub obj: bool,
    /// The verb is a cue only with a document as subject ("the statement reads").
    pub relay: bool,
    /// A bare object is content even when it is no clause ("said yes", "accused Kyiv of …").
    pub bare: bool,
    /// The verb labels its object; the label is the content ("called the allegation “false”").
    pub label: bool,
    /// The verb reports speech only with its subject after it (« », a conclu le ministère »,
    /// « a-t-il poursuivi »); before it, it acts (« ont conclu un accord », « poursuivre en justice »).
    pub inverted: bool,
}

/// The first words of a set's phrases, filtered: a word is asked of a set about five times per
/// word of the text, and hashing it and comparing it in the table was a fifth of extraction.
/// 1,024 bits: a tenth set or less for the sets of a hundred words, a quarter for the largest
/// (`title_words`).
type Heads = crate::text::WordFilter<16>;

/// A set of folded words, filtered before it is looked up.
#[derive(Debug, Default)]
pub(crate) struct WordSet {
    heads: Heads,
    words: foldhash::HashSet<String>,
}

impl WordSet {
    /// Whether `w` is in the set.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.heads.may_hold(w) && self.words.contains(w)
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut set = WordSet::default();
        for w in iter {
            set.heads.insert(&w);
            set.words.insert(w);
        }
        set
    }
}

/// A set of phrases of folded words, indexed by first word; each phrase may carry a value.
#[derive(Debug)]
pub(crate) struct Phrases<V> {
    by_first: WordMap<Vec<(Vec<String>, V)>>,
    /// The keys of `by_first`, filtered cheaply before they are looked up.
    heads: Heads,
    max_len: usize,
}

impl<V> Default for Phrases<V> {
    fn default() -> Self {
        Phrases { by_first: WordMap::default(), heads: Heads::default(), max_len: 0 }
    }
}

impl<V> Phrases<V> {
    fn insert(&mut self, words: Vec<String>, value: V) {
        if words.is_empty() {
            return;
        }
        self.heads.insert(&words[0]);
        self.max_len = self.max_len.max(words.len());
        let rest = words[1..].to_vec();
        let list = self.by_first.entry(words[0].clone()).or_default();
        list.push((rest, value));
        // Longest phrase first, so "les deux parties au conflit" wins over "les deux parties".
        list.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    }

    /// The longest phrase starting at word `i` of `words`, as (length in words, value).
    #[inline]
    pub fn match_at<'a, 'w>(&'a self, words: &dyn Fn(usize) -> Option<&'w str>, i: usize) -> Option<(usize, &'a V)> {
        let first = words(i).filter(|w| self.heads.may_hold(w))?;
        self.match_from(words, i, first)
    }

    /// [`Phrases::match_at`] past the filter: `first` is word `i`.
    #[inline(never)]
    fn match_from<'a, 'w>(&'a self, words: &dyn Fn(usize) -> Option<&'w str>, i: usize, first: &str) -> Option<(usize, &'a V)> {
        let list = self.by_first.get(first)?;
        'cand: for (rest, v) in list {
            for (k, w) in rest.iter().enumerate() {
                if words(i + 1 + k) != Some(w.as_str()) {
                    continue 'cand;
                }
            }
            return Some((rest.len() + 1, v));
        }
        None
    }

    /// Every match starting at `i`, longest first.
    pub fn matches_at<'a, 'w>(&'a self, words: &dyn Fn(usize) -> Option<&'w str>, i: usize) -> Vec<(usize, &'a V)> {
        let mut out = Vec::new();
        let Some(first) = words(i).filter(|w| self.heads.may_hold(w)) else { return out };
        let Some(list) = self.by_first.get(first) else { return out };
        'cand: for (rest, v) in list {
            for (k, w) in rest.iter().enumerate() {
                if words(i + 1 + k) != Some(w.as_str()) {
                    continue 'cand;
                }
            }
            out.push((rest.len() + 1, v));
        }
        out
    }

    /// Length of the longest phrase that ends at word `j`, if any.
    pub fn ending_at<'w>(&self, words: &dyn Fn(usize) -> Option<&'w str>, j: usize) -> Option<usize> {
        (1..=self.max_len.min(j + 1)).rev().find(|&n| self.match_at(words, j + 1 - n).is_some_and(|(len, _)| len == n))
    }

    /// Whether the single word `w` is a phrase.
    #[inline]
    pub fn has_word(&self, w: &str) -> bool {
        self.heads.may_hold(w) && self.has_listed(w)
    }

    /// [`Phrases::has_word`] past the filter.
    #[inline(never)]
    fn has_listed(&self, w: &str) -> bool {
        self.by_first.get(w).is_some_and(|l| l.iter().any(|(rest, _)| rest.is_empty()))
    }

    /// The one-word phrases of the set (endings, suffixes).
    pub fn by_first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.iter().filter(|(_, l)| l.iter().any(|(rest, _)| rest.is_empty())).map(|(w, _)| w.as_str())
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

/// The named word sets of a grammar file (its keys), indexed for fast lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum S {
    /// `act_objects`
    ActObjects,
    /// `adverbs`
    Adverbs,
    /// `aux`
    Aux,
    /// `both_sides`
    BothSides,
    /// `clitics`
    Clitics,
    /// `complementizers`
    Complementizers,
    /// `conjunctions`
    Conjunctions,
    /// `definite`
    Definite,
    /// `deny_markers`
    DenyMarkers,
    /// `determiners`
    Determiners,
    /// `group_nouns`
    GroupNouns,
    /// `modals`
    Modals,
    /// `name_particles`
    NameParticles,
    /// `negation`
    Negation,
    /// `np_left_stop`
    NpLeftStop,
    /// `np_right_stop`
    NpRightStop,
    /// `org_nouns`
    OrgNouns,
    /// `org_qualifiers`
    OrgQualifiers,
    /// `passive`
    Passive,
    /// `person_nouns`
    PersonNouns,
    /// `prep_blockers`
    PrepBlockers,
    /// `quantifiers`
    Quantifiers,
    /// `prep_cues`
    PrepCues,
    /// `pron_any`
    PronAny,
    /// `pron_excluded`
    PronExcluded,
    /// `pron_org`
    PronOrg,
    /// `pron_person`
    PronPerson,
    /// `pron_plural`
    PronPlural,
    /// `relay_nouns`
    RelayNouns,
    /// `state_titles`
    StateTitles,
    /// `temporal`
    Temporal,
    /// `title_words`
    TitleWords,
    /// `finite_verbs`
    FiniteVerbs,
    /// `finite_endings`
    FiniteEndings,
    /// `topic_preps`
    TopicPreps,
    /// `do_support`
    DoSupport,
    /// `relatives`
    Relatives,
    /// `object_pronouns`
    ObjectPronouns,
    /// `label_as`
    LabelAs,
    /// `nonstate_nouns`
    NonstateNouns,
    /// `prepositions`
    Prepositions,
    /// `source_preps`
    SourcePreps,
    /// `articles`
    Articles,
    /// `impersonal_endings`
    ImpersonalEndings,
    /// `claim_nouns`
    ClaimNouns,
    /// `nominal_preps`
    NominalPreps,
    /// `nominal_links`
    NominalLinks,
    /// `agent_preps`
    AgentPreps,
    /// `inverted_modals`
    InvertedModals,
    /// `time_words`
    TimeWords,
    /// `setting_preps`
    SettingPreps,
    /// `quoted_as`
    QuotedAs,
    /// `reflexives`
    Reflexives,
    /// `state_qualifiers`
    StateQualifiers,
    /// `modifier_preps`
    ModifierPreps,
    /// `local_offices`
    LocalOffices,
    /// `quote_verbs`
    QuoteVerbs,
    /// `document_preps`
    DocumentPreps,
    /// `document_links`
    DocumentLinks,
    /// `sexed_words`
    SexedWords,
    /// `pron_sex`
    PronSex,
    /// `anaphoric_topics`
    AnaphoricTopics,
    /// `division_nouns`
    DivisionNouns,
    /// `floating_quantifiers`
    FloatingQuantifiers,
    /// `adverb_endings`
    AdverbEndings,
    /// `body_heads`
    BodyHeads,
    /// `name_connectors`
    NameConnectors,
    /// `outlet_comments`
    OutletComments,
    /// `own_organs`
    OwnOrgans,
    /// `agent_participle_endings`
    AgentParticipleEndings,
}

const SET_NAMES: [&str; 70] = ["act_objects", "adverbs", "aux", "both_sides", "clitics", "complementizers", "conjunctions", "definite", "deny_markers", "determiners", "group_nouns", "modals", "name_particles", "negation", "np_left_stop", "np_right_stop", "org_nouns", "org_qualifiers", "passive", "person_nouns", "prep_blockers", "quantifiers", "prep_cues", "pron_any", "pron_excluded", "pron_org", "pron_person", "pron_plural", "relay_nouns", "state_titles", "temporal", "title_words", "finite_verbs", "finite_endings", "topic_preps", "do_support", "relatives", "object_pronouns", "label_as", "nonstate_nouns", "prepositions", "source_preps", "articles", "impersonal_endings", "claim_nouns", "nominal_preps", "nominal_links", "agent_preps", "inverted_modals", "time_words", "setting_preps", "quoted_as", "reflexives", "state_qualifiers", "modifier_preps", "local_offices", "quote_verbs", "document_preps", "document_links", "sexed_words", "pron_sex", "anaphoric_topics", "division_nouns", "floating_quantifiers", "adverb_endings", "body_heads", "name_connectors", "outlet_comments", "own_organs", "agent_participle_endings"];

/// Everything the extractor knows about one language.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Cue forms.
    pub cues: Phrases<Cue>,
    /// Function words for language detection.
    pub stopwords: foldhash::HashSet<String>,
    /// Named phrase sets of the grammar file; values are the "=x" suffixes.
    sets: Vec<Phrases<Option<String>>>,
    /// Elided words ("d'" in "d'Erevan").
    pub elision: HashSet<String>,
    /// Abbreviations whose period ends no sentence.
    pub abbreviations: HashSet<String>,
    /// Auxiliaries as written, lowercased: folding makes « à » the auxiliary « a ».
    aux_written: HashSet<String>,
    /// Subject pronouns written after a hyphenated verb.
    pub inversion: HashSet<String>,
    /// Grammatical use of each one-word cue form as written (lowercase, accents kept).
    exact: HashMap<String, Form>,
    /// The `verb_endings` set, as a list: checked by suffix, not by word.
    verb_endings: Vec<String>,
    empty: Phrases<Option<String>>,
    /// First words of every phrase a frame can open on (cues, prepositional cues, claim nouns):
    /// the scan for frames asks each word of a text once here instead of three sets.
    pub frame_heads: WordSet,
}

/// A word as written, lowercased, its apostrophes straight (as the lexicon lists written forms).
/// Most words are written lowercase already: they are borrowed, not copied (this ran on every
/// cue candidate).
pub(crate) fn written_lower(written: &str) -> Cow<'_, str> {
    if written.is_ascii() {
        // (ASCII holds no '’', and lowercases with one copy.)
        return if written.bytes().any(|c| c.is_ascii_uppercase()) { Cow::Owned(written.to_ascii_lowercase()) } else { Cow::Borrowed(written) };
    }
    // A char that is lowercase, or no letter and no capital, lowercases to itself; any other
    // (a capital, a titlecase or caseless letter) takes the full conversion.
    if written.chars().any(|c| c == '’' || c.is_uppercase() || c.is_alphabetic() && !c.is_lowercase()) {
        Cow::Owned(written.to_lowercase().replace('’', "'"))
    } else {
        Cow::Borrowed(written)
    }
}

/// Shortest word whose ending alone marks it a verb: shorter words ending so are as often nouns.
const MIN_ENDING_WORD: usize = 6;

impl Lexicon {
    /// The named set of the grammar file (empty when the language has none).
    #[inline]
    pub fn set(&self, name: S) -> &Phrases<Option<String>> {
        self.sets.get(name as usize).unwrap_or(&self.empty)
    }

    /// The grammatical use of a written one-word cue form, if the lexicon lists it as written.
    pub fn exact_form(&self, lower: &str) -> Option<Form> {
        self.exact.get(lower).copied()
    }

    /// Whether a word as written (`written`, any case) is an auxiliary: « a » is, « à » is not,
    /// though both fold to the same word.
    pub fn is_aux_written(&self, written: &str) -> bool {
        // (Most words are written lowercase already: no copy for them.)
        if written.is_ascii() {
            // (ASCII holds no '’', and lowercases with one copy.)
            return if written.bytes().any(|c| c.is_ascii_uppercase()) { self.aux_written.contains(&written.to_ascii_lowercase()) } else { self.aux_written.contains(written) };
        }
        if written.chars().any(|c| c.is_uppercase() || c == '’') {
            self.aux_written.contains(&written.to_lowercase().replace('’', "'"))
        } else {
            self.aux_written.contains(written)
        }
    }

    /// Whether the single word `w` is in the named set.
    #[inline]
    pub fn is(&self, name: S, w: &str) -> bool {
        self.set(name).has_word(w)
    }

    /// A verb form by its ending in the grammar's `finite_endings` ("-ed"): past forms that may
    /// also be participles, so only for the checks that accept either.
    pub fn has_finite_ending(&self, w: &str) -> bool {
        w.len() > 4 && self.ends_in(S::FiniteEndings, w)
    }

    /// A passive participle by its ending (`agent_participle_endings`: « распространенное »), whose
    /// agent, in the instrumental, may stand before the noun it qualifies.
    pub fn has_agent_participle_ending(&self, w: &str) -> bool {
        w.chars().count() >= MIN_ENDING_WORD && self.ends_in(S::AgentParticipleEndings, w)
    }

    /// Whether some proper suffix of `w` is in the named set of endings.
    fn ends_in(&self, set: S, w: &str) -> bool {
        (1..w.len()).any(|k| w.is_char_boundary(k) && self.is(set, &w[k..]))
    }

    /// An adverb by its ending in the grammar's `adverb_endings` ("-ly", « -ment »): an open class,
    /// so only where nothing else fits, between an auxiliary and its verb ("has resolutely rejected").
    pub fn has_adverb_ending(&self, w: &str) -> bool {
        w.chars().count() > 5 && self.ends_in(S::AdverbEndings, w)
    }

    /// Whether the folded word `w` is a subject pronoun of any kind ("he", "it", "they", "we").
    pub fn is_pronoun(&self, w: &str) -> bool {
        [S::PronAny, S::PronPerson, S::PronOrg, S::PronPlural, S::PronExcluded].into_iter().any(|set| self.is(set, w))
    }

    /// Whether the folded word `w` is a finite verb: listed, or, in a language whose verbs show it in
    /// their endings (Russian "публикует", "распространяют"), long enough and ending in one.
    pub fn is_finite(&self, w: &str) -> bool {
        self.is(S::FiniteVerbs, w) || (w.chars().count() >= MIN_ENDING_WORD && self.verb_endings.iter().any(|e| w.ends_with(e.as_str())))
    }
}

/// The lexicon of `code`, if the extractor knows that language.
pub(crate) fn lexicon(code: &str) -> Option<&'static Lexicon> {
    static ALL: OnceLock<Vec<Lexicon>> = OnceLock::new();
    ALL.get_or_init(|| LANGUAGES.iter().map(|(c, cues, grammar)| parse(c, cues, grammar)).collect())
        .iter()
        .find(|l| l.code == code)
}

/// Codes of every language the extractor knows.
pub(crate) fn codes() -> Vec<&'static str> {
    LANGUAGES.iter().map(|l| l.0).collect()
}

fn data_lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

fn parse(code: &'static str, cues_tsv: &str, grammar_tsv: &str) -> Lexicon {
    let mut lex = Lexicon {
        code,
        cues: Phrases::default(),
        stopwords: HashSet::default(),
        sets: SET_NAMES.iter().map(|_| Phrases::default()).collect(),
        elision: HashSet::default(),
        abbreviations: HashSet::default(),
        aux_written: HashSet::default(),
        inversion: HashSet::default(),
        exact: HashMap::default(),
        verb_endings: Vec::new(),
        empty: Phrases::default(),
        frame_heads: WordSet::default(),
    };
    // Elision first: the tokenizer needs it to split the other phrases the way it splits text.
    for cols in data_lines(grammar_tsv) {
        if cols[0] == "elision" {
            lex.elision = items(cols.get(1).copied()).map(str::to_string).collect();
        }
    }
    for cols in data_lines(grammar_tsv) {
        let key = cols[0];
        let mut set = Phrases::default();
        for item in items(cols.get(1).copied()).flat_map(endings) {
            let item = item.as_str();
            let (phrase, value) = match item.split_once('=') {
                Some((p, v)) => (p, Some(v.to_string())),
                None => (item, None),
            };
            let words = tokenize_words(phrase, &lex.elision);
            match key {
                "stopwords" => lex.stopwords.extend(words.iter().cloned()),
                "inversion" => lex.inversion.extend(words.iter().cloned()),
                "verb_endings" => lex.verb_endings.extend(words.iter().cloned()),
                "abbreviations" => {
                    lex.abbreviations.insert(crate::text::fold(phrase));
                }
                "aux" => {
                    lex.aux_written.insert(phrase.to_lowercase());
                }
                _ => {}
            }
            set.insert(words, value);
        }
        if let Some(idx) = SET_NAMES.iter().position(|n| *n == key) {
            lex.sets[idx] = set;
        }
    }
    let mut exact: HashMap<String, Form> = HashMap::default();
    for cols in data_lines(cues_tsv) {
        let (Some(_lemma), Some(stance)) = (cols.first(), cols.get(1).and_then(|s| Stance::parse(s))) else { continue };
        let flags = cols.get(2).copied().unwrap_or("");
        let finite: Vec<&str> = items(cols.get(3).copied()).collect();
        let participle: Vec<&str> = items(cols.get(4).copied()).collect();
        let gerund: Vec<&str> = items(cols.get(5).copied()).collect();
        let mut add = |form_text: &str, form: Form| {
            let words = tokenize_words(form_text, &lex.elision);
            let cue = Cue {
                stance,
                form,
                act: flags.contains("act"),
                obj: flags.contains("obj"),
                relay: flags.contains("relay"),
                bare: flags.contains("bare"),
                label: flags.contains("label"),
                inverted: flags.contains("inv"),
            };
            if !form_text.contains(' ') {
                let key = form_text.to_lowercase();
                let merged = match (exact.get(&key), form) {
                    (Some(&old), new) if old != new => Form::Both,
                    _ => form,
                };
                exact.insert(key, merged);
            }
            lex.cues.insert(words, cue);
        };
        for f in &finite {
            add(f, if participle.contains(f) { Form::Both } else { Form::Finite });
        }
        for p in participle.iter().filter(|p| !finite.contains(p)) {
            add(p, Form::Participle);
        }
        for g in &gerund {
            add(g, Form::Gerund);
        }
    }
    lex.exact = exact;
    lex.frame_heads = lex.cues.by_first.keys().chain(lex.set(S::PrepCues).by_first.keys()).chain(lex.set(S::ClaimNouns).by_first.keys()).cloned().collect();
    lex
}

fn items(col: Option<&str>) -> impl Iterator<Item = &str> {
    col.unwrap_or("").split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Expands the endings an inflecting language writes in braces: "министерств{о,а,ом} обороны=mod"
/// is "министерство обороны=mod", "министерства обороны=mod" and "министерством обороны=mod"; an
/// empty ending is the bare stem. Every brace group of an item is expanded (their product).
fn endings(item: &str) -> Vec<String> {
    let Some(open) = item.find('{') else { return vec![item.to_string()] };
    let Some(len) = item[open..].find('}') else { return vec![item.to_string()] };
    let (head, tail) = (&item[..open], &item[open + len + 1..]);
    let tails = endings(tail);
    item[open + 1..open + len]
        .split(',')
        .flat_map(|e| tails.iter().map(move |t| format!("{head}{}{t}", e.trim())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_loads_cues_and_the_sets_the_extractor_reads() {
        for code in codes() {
            let lex = lexicon(code).unwrap_or_else(|| panic!("{code} loads"));
            assert!(!lex.cues.is_empty(), "{code} has cues");
            for set in [S::Aux, S::Adverbs, S::Determiners, S::PrepCues, S::ActObjects, S::BothSides, S::TitleWords] {
                assert!(!lex.set(set).is_empty(), "{code} has the set {set:?}");
            }
        }
    }

    #[test]
    fn braced_endings_expand_to_every_inflected_form() {
        assert_eq!(endings("министерств{о,а} обороны=mod"), ["министерство обороны=mod", "министерства обороны=mod"]);
        assert_eq!(endings("генштаб{,а}"), ["генштаб", "генштаба"]);
        assert_eq!(endings("generaln{yj,ogo} shtab{,a}").len(), 4, "two groups give their product");
        assert_eq!(endings("plain"), ["plain"]);
        assert_eq!(endings("broken{a,b"), ["broken{a,b"], "an unclosed brace is kept as written");
        let ru = lexicon("ru").unwrap_or_else(|| panic!("ru loads"));
        assert!(ru.is(S::RelayNouns, "сообщении"), "a case form of a braced noun is in its set");
    }

    #[test]
    fn multiword_phrases_are_split_like_text() {
        let fr = lexicon("fr").map(|l| l.set(S::PrepCues).has_word("selon"));
        assert_eq!(fr, Some(true), "selon is a one-word prepositional cue");
        let lex = lexicon("fr").unwrap_or_else(|| panic!("fr loads"));
        let words = ["d'", "apres"];
        let get = |i: usize| words.get(i).copied();
        assert_eq!(lex.set(S::PrepCues).match_at(&get, 0).map(|m| m.0), Some(2), "d'après is two tokens");
    }
}
