//! Segmentation: blocks (lines, bounded in size), word and punctuation tokens with char offsets,
//! quotations paired by a single stack pass that tolerates broken and unbalanced marks, and sentences
//! that never split inside a quotation.
//!
//! Every step is one linear pass; blocks are cut at [`BLOCK_MAX`] bytes and quotations at
//! [`QUOTE_MAX`] chars so that pathological input (no newline, no closing mark) stays linear.

use foldhash::HashSet;

use unicode_normalization::char::is_combining_mark;

use crate::text::fold_char;

/// Longest block, in bytes; a longer line is cut at a space.
pub(crate) const BLOCK_MAX: usize = 100_000;
/// Longest quotation, in chars; an opening mark left open longer is dropped.
pub(crate) const QUOTE_MAX: usize = 4_000;
/// Longest sentence, in tokens; a longer run is cut.
pub(crate) const SENTENCE_MAX: usize = 400;

/// Kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and digits.
    Word,
    /// Any other visible char.
    Punct,
    /// A quotation mark.
    Quote,
}

/// Role of a quotation mark after pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QRole {
    /// Not a quotation mark, or one left unpaired.
    None,
    /// Opens quotation `n`.
    Open(usize),
    /// Closes quotation `n`.
    Close(usize),
}

/// One token of a block.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    /// What it is.
    pub kind: Kind,
    /// The char, for punctuation and quotation marks.
    pub ch: char,
    /// Start, in chars of the whole text.
    pub cs: usize,
    /// End, in chars of the whole text.
    pub ce: usize,
    /// Start, in bytes of the whole text.
    pub bs: usize,
    /// End, in bytes of the whole text.
    pub be: usize,
    /// Folded form: range in the block's arena.
    pub f: (usize, usize),
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Every letter is uppercase (and there are at least two).
    pub upper: bool,
    /// A subject pronoun written after its verb ("a-t-il").
    pub inverted: bool,
    /// Role as a quotation mark.
    pub q: QRole,
    /// Innermost quotation holding this token.
    pub inq: Option<usize>,
    /// Ends a sentence: where sentences split, and inside a quotation where they would split
    /// outside one ("« … province. This information … »").
    pub ends: bool,
    can_open: bool,
    can_close: bool,
    family: u8,
}

/// A paired (or unclosed) quotation.
#[derive(Debug, Clone)]
pub(crate) struct Quote {
    /// Token of the opening mark.
    pub open: usize,
    /// Token of the closing mark, if any.
    pub close: Option<usize>,
    /// First token after the quotation.
    pub end: usize,
    /// Quotation that holds this one.
    pub parent: Option<usize>,
}

/// A tokenized block.
#[derive(Debug, Default)]
pub(crate) struct Block {
    /// Tokens in order.
    pub toks: Vec<Tok>,
    /// Folded forms of the words.
    pub arena: String,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Sentences as token ranges.
    pub sentences: Vec<(usize, usize)>,
    /// End of the block in chars.
    pub end_char: usize,
    /// End of the block in bytes.
    pub end_byte: usize,
}

impl Block {
    /// Where a clause starting at token `i` ends in sentence `..e`: at the close of the quotation
    /// holding it, or before, where a sentence of that quotation ends ("« … claiming that they
    /// opened fire. This information … »": the claim ends at the period).
    pub fn clause_end(&self, i: usize, e: usize) -> usize {
        let Some(q) = self.toks.get(i).and_then(|t| t.inq) else { return e };
        let end = self.quotes[q].close.unwrap_or(self.quotes[q].end).min(e);
        (i..end).find(|&t| self.toks[t].ends).map_or(end, |t| t + 1)
    }

    /// The folded form of word token `i`, or `None` for other tokens.
    pub fn word(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Word).then(|| &self.arena[t.f.0..t.f.1])
    }

    /// Whether token `i` is the punctuation `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct && t.ch == c)
    }
}

/// Splits `text` into blocks: paragraphs (lines, or a wrapped text's runs of lines), long ones cut
/// at a space. Yields (byte start, byte end).
pub(crate) fn blocks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (start, end) in super::paragraphs::paragraphs(text) {
        push_cut(text, start, end, &mut out);
    }
    out
}

fn push_cut(text: &str, mut start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    while end - start > BLOCK_MAX {
        let mut cut = start + BLOCK_MAX;
        let limit = (cut + 1_000).min(end);
        while cut < limit && !text.as_bytes()[cut].is_ascii_whitespace() {
            cut += 1;
        }
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        out.push((start, cut));
        start = cut;
    }
    if end > start {
        out.push((start, end));
    }
}

fn quote_class(c: char) -> Option<(u8, i8)> {
    // (family: 0 double, 1 single; direction: 1 opens, -1 closes, 0 either)
    Some(match c {
        '«' | '“' | '„' | '‟' => (0, 1),
        '»' | '”' => (0, -1),
        '"' | '″' | '＂' | '〃' => (0, 0),
        '‹' | '‘' | '‚' | '‛' => (1, 1),
        '›' | '’' => (1, -1),
        '\'' => (1, 0),
        _ => return None,
    })
}

/// Chars that show nothing: zero-width spaces and joiners, the word joiner, the byte-order mark and
/// the soft hyphen. Pasted web text carries them ("Traeger\u{200b} said"); a token of its own would
/// part a name from its verb.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

/// A letter or digit. ASCII and basic Cyrillic answer from their ranges: `char::is_alphanumeric`
/// searches a Unicode table for every char above ASCII, which was a sixth of the time spent on
/// Russian text.
pub(crate) fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{0400}'..='\u{045F}').contains(&c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// A letter. ASCII and basic Cyrillic answer from their ranges, as in [`is_alnum`]: the Unicode
/// table `char::is_alphabetic` searches took a tenth of the time spent on Russian text.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{0400}'..='\u{045F}').contains(&c) || (!c.is_ascii() && c.is_alphabetic())
}

/// A lowercase Cyrillic letter that folding leaves as it is (all of "а".."я" but "й", whose breve
/// folding drops; `text::fold_char` says the same).
fn folds_to_itself(c: char) -> bool {
    ('а'..='я').contains(&c) && c != 'й'
}

/// An uppercase letter, by the same ranges first.
fn is_upper(c: char) -> bool {
    c.is_ascii_uppercase() || ('\u{0400}'..='\u{042F}').contains(&c) || (!c.is_ascii() && !('\u{0430}'..='\u{045F}').contains(&c) && c.is_uppercase())
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn opens_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':'))
}

fn closes_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || matches!(c, ')' | ']' | '}' | '.' | ',' | ';' | ':' | '!' | '?' | '…' | '—' | '–'))
        || c.is_some_and(|c| quote_class(c).is_some())
}

/// The folded words of a short phrase, split the way [`tokenize`] splits text.
pub(crate) fn tokenize_words(phrase: &str, elision: &HashSet<String>) -> Vec<String> {
    // A clitic listed alone ("'t", "'re") is the token text gives after a word ("didn" + "'t").
    if let Some(rest) = phrase.strip_prefix(['\'', '’']).filter(|r| !r.is_empty() && r.chars().all(char::is_alphanumeric)) {
        return vec![format!("'{}", crate::text::fold(rest))];
    }
    let none = HashSet::default();
    let cfg = SegConfig { elision, inversion: &none, abbreviations: &none };
    let b = tokenize(phrase, 0, phrase.len(), 0, &cfg);
    (0..b.toks.len()).filter_map(|i| b.word(i).map(str::to_string)).collect()
}

/// Tokenizes `text[start..end]`, whose first char is char `char_start` of the text, and pairs its
/// quotations and splits its sentences.
pub(crate) fn tokenize(
    text: &str,
    start: usize,
    end: usize,
    char_start: usize,
    cfg: &SegConfig<'_>,
) -> Block {
    let (elision, inversion) = (cfg.elision, cfg.inversion);
    let slice = &text[start..end];
    // Room for every char, about every token and every folded byte at once: grown as they came,
    // these vectors took a tenth of tokenizing in copies and reallocations.
    let mut b = Block { toks: Vec::with_capacity(slice.len() / 5 + 1), arena: String::with_capacity(slice.len()), ..Block::default() };
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(slice.len());
    if slice.is_ascii() {
        // (A byte is a char: copied without decoding, or checking room, char by char.)
        chars.extend(slice.bytes().enumerate().map(|(i, c)| (i, char::from(c))));
    } else {
        chars.extend(slice.char_indices());
    }
    let n = chars.len();
    let mut i = 0;
    let char_at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte_at = |k: usize| chars.get(k).map_or(slice.len(), |&(b, _)| b) + start;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() || c.is_control() || is_invisible(c) {
            i += 1;
            continue;
        }
        if is_alnum(c) {
            // A word: letters, digits, marks; inner hyphens, dots (U.S.) and digit separators.
            let w0 = i;
            let mut hyphens = Vec::new();
            let f0 = b.arena.len();
            let mut j = i;
            while j < n {
                let cj = chars[j].1;
                if cj.is_ascii_alphanumeric() {
                    // A run of ASCII letters and digits folds by lowercasing, copied at once
                    // (char by char it was a twentieth of extraction).
                    let run = chars[j..].iter().take_while(|&&(_, c)| c.is_ascii_alphanumeric()).count();
                    let (from, to) = (chars[j].0, chars.get(j + run).map_or(slice.len(), |&(b, _)| b));
                    let at = b.arena.len();
                    b.arena.push_str(&slice[from..to]);
                    b.arena[at..].make_ascii_lowercase();
                    j += run;
                    continue;
                }
                if cj.is_ascii() && !matches!(cj, '-' | '.' | ',' | '\'') {
                    // An ASCII char that no branch below keeps in a word (a space, most
                    // punctuation) ends it: most words end so, without the Unicode checks.
                    break;
                }
                if folds_to_itself(cj) {
                    // Likewise a run of lowercase Cyrillic letters, which fold to themselves.
                    let run = chars[j..].iter().take_while(|&&(_, c)| folds_to_itself(c)).count();
                    let (from, to) = (chars[j].0, chars.get(j + run).map_or(slice.len(), |&(b, _)| b));
                    b.arena.push_str(&slice[from..to]);
                    j += run;
                    continue;
                }
                let next_alnum = char_at(j + 1).is_some_and(is_alnum);
                if is_invisible(cj) && !matches!(cj, '\u{200b}' | '\u{feff}') && next_alnum {
                    // A soft hyphen or a joiner inside a word does not split it (a zero-width space
                    // does: it marks where a word may break).
                    j += 1;
                } else if is_alnum(cj) || is_combining_mark(cj) {
                    fold_char(cj, &mut b.arena);
                    j += 1;
                } else if matches!(cj, '-' | '\u{2011}') && next_alnum && j > w0 {
                    hyphens.push((j, b.arena.len()));
                    b.arena.push('-');
                    j += 1;
                } else if cj == '.' && next_alnum && char_at(j + 2).is_none_or(|c| !c.is_lowercase() || c == '.') {
                    b.arena.push('.');
                    j += 1;
                } else if matches!(cj, ',' | '.') && next_alnum && chars[j - 1].1.is_ascii_digit() && char_at(j + 1).is_some_and(|c| c.is_ascii_digit()) {
                    b.arena.push(cj);
                    j += 1;
                } else if is_apostrophe(cj) && j == w0 + 1 && chars[w0].1 == 'O' && char_at(j + 1).is_some_and(char::is_uppercase) {
                    // An Irish name ("O'Brien", "O’Regan") is one word, not "O" and a clitic.
                    b.arena.push('\'');
                    j += 1;
                } else if is_apostrophe(cj) && (next_alnum || j + 1 == n) {
                    // (At the very end only in word lists, where "l'" stands alone.)
                    // Elision ("d'Erevan" → "d'" + "Erevan") or English clitic ("Russia's" → "Russia" + "'s").
                    if elision.contains(&b.arena[f0..]) {
                        b.arena.push('\'');
                        j += 1;
                    }
                    break;
                } else {
                    break;
                }
            }
            push_word(&mut b, &chars, w0, j, f0, &hyphens, inversion, start, char_start);
            i = j;
            continue;
        }
        if is_apostrophe(c) && char_at(i + 1).is_some_and(is_alnum) && i > 0 && is_alnum(chars[i - 1].1) {
            // The clitic part after a split ("'s", "'t").
            let f0 = b.arena.len();
            b.arena.push('\'');
            let mut j = i + 1;
            while j < n && (is_alnum(chars[j].1) || is_combining_mark(chars[j].1)) {
                fold_char(chars[j].1, &mut b.arena);
                j += 1;
            }
            push_word(&mut b, &chars, i, j, f0, &[], inversion, start, char_start);
            i = j;
            continue;
        }
        if c == '.' && title_period(&b, &chars, i, char_start, cfg.abbreviations) {
            // "Dr. Matthew Bowes": the period of a title is no token, so the name stays one phrase.
            i += 1;
            continue;
        }
        let prev = i.checked_sub(1).and_then(char_at);
        let next = char_at(i + 1);
        let f0 = b.arena.len();
        b.arena.push(c);
        let mut tok = Tok {
            kind: Kind::Punct,
            ch: c,
            cs: char_start + i,
            ce: char_start + i + 1,
            bs: byte_at(i),
            be: byte_at(i + 1),
            f: (f0, b.arena.len()),
            cap: false,
            upper: false,
            inverted: false,
            q: QRole::None,
            inq: None,
            ends: false,
            can_open: false,
            can_close: false,
            family: 0,
        };
        if let Some((family, dir)) = quote_class(c) {
            let (ls, rs) = (opens_space(prev), closes_space(next));
            let (o, cl) = match dir {
                // An opening mark flips to closing only between a word and a space, and back.
                1 => (ls || !rs, !ls && rs),
                -1 => (ls && !rs, !ls || rs),
                // A straight mark opens after a space and closes before one (both when isolated).
                _ => (ls, rs),
            };
            tok.kind = Kind::Quote;
            tok.can_open = o;
            tok.can_close = cl;
            tok.family = family;
        }
        b.toks.push(tok);
        i += 1;
    }
    b.end_char = char_start + n;
    b.end_byte = end;
    pair_quotes(&mut b);
    split_sentences(&mut b, cfg.abbreviations);
    b
}

/// The word lists segmentation depends on.
pub(crate) struct SegConfig<'a> {
    /// Elided words ("d'", "qu'").
    pub elision: &'a HashSet<String>,
    /// Subject pronouns that follow their verb after a hyphen ("a-t-il").
    pub inversion: &'a HashSet<String>,
    /// Abbreviations whose period ends no sentence.
    pub abbreviations: &'a HashSet<String>,
}

#[allow(clippy::too_many_arguments)]
fn push_word(
    b: &mut Block,
    chars: &[(usize, char)],
    w0: usize,
    w1: usize,
    f0: usize,
    hyphens: &[(usize, usize)],
    inversion: &HashSet<String>,
    start: usize,
    char_start: usize,
) {
    let byte_at = |k: usize| chars.get(k).map_or_else(|| chars.last().map_or(0, |&(b, c)| b + c.len_utf8()), |&(b, _)| b) + start;
    let mk = |b: &mut Block, c0: usize, c1: usize, f: (usize, usize), inverted: bool| {
        let first = chars[c0].1;
        let cap = is_upper(first);
        // (A word opening on a lowercase letter is not all capitals: most words end here.)
        let upper = (cap || !is_letter(first)) && {
            let mut letters = chars[c0..c1].iter().map(|&(_, c)| c).filter(|&c| is_letter(c));
            letters.clone().nth(1).is_some() && letters.all(is_upper)
        };
        b.toks.push(Tok {
            kind: Kind::Word,
            ch: first,
            cs: char_start + c0,
            ce: char_start + c1,
            bs: byte_at(c0),
            be: byte_at(c1),
            f,
            cap,
            upper,
            inverted,
            q: QRole::None,
            inq: None,
            ends: false,
            can_open: false,
            can_close: false,
            family: 0,
        });
    };
    let f1 = b.arena.len();
    // Inversion: "a-t-il", "déclare-t-elle", "ajoute-t-on" → verb + inverted pronoun.
    if let Some(&(hc, hf)) = hyphens.last() {
        let last = &b.arena[hf + 1..f1];
        if inversion.contains(last) {
            let mut verb_end = (hc, hf);
            if hyphens.len() >= 2 {
                let (pc, pf) = hyphens[hyphens.len() - 2];
                if &b.arena[pf + 1..hf] == "t" {
                    verb_end = (pc, pf);
                }
            }
            mk(b, w0, verb_end.0, (f0, verb_end.1), false);
            mk(b, hc + 1, w1, (hf + 1, f1), true);
            return;
        }
    }
    mk(b, w0, w1, (f0, f1), false);
}

fn pair_quotes(b: &mut Block) {
    let mut stack: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
    for i in 0..b.toks.len() {
        if b.toks[i].kind != Kind::Quote {
            continue;
        }
        // Drop openings left open too long: they were apostrophes or stray marks.
        let cs = b.toks[i].cs;
        stack.retain(|&o| cs - b.toks[o].cs <= QUOTE_MAX);
        let t = &b.toks[i];
        let same = stack.iter().rposition(|&o| b.toks[o].family == t.family);
        if t.can_close {
            if let Some(pos) = same {
                let o = stack[pos];
                stack.truncate(pos);
                pairs.push((o, Some(i)));
                continue;
            }
        }
        if t.can_open && stack.len() < 3 {
            stack.push(i);
        }
    }
    // A double quotation still open at the end of its paragraph runs to the end (the press style of
    // multi-paragraph quotes); an open single mark was an apostrophe.
    for &o in &stack {
        if b.toks[o].family == 0 && o + 1 < b.toks.len() && b.end_char - b.toks[o].cs <= QUOTE_MAX {
            pairs.push((o, None));
        }
    }
    pairs.sort_by_key(|p| p.0);
    let n = b.toks.len();
    for (qid, &(o, c)) in pairs.iter().enumerate() {
        let end = c.map_or(n, |c| c + 1);
        b.quotes.push(Quote { open: o, close: c, end, parent: None });
        b.toks[o].q = QRole::Open(qid);
        if let Some(c) = c {
            b.toks[c].q = QRole::Close(qid);
        }
    }
    // Innermost quotation of every token, and parents, by one sweep with a stack (none to sweep
    // without a quotation: every token is made outside any).
    if b.quotes.is_empty() {
        return;
    }
    let mut open: Vec<usize> = Vec::new();
    let mut next_q = 0;
    for i in 0..n {
        while let Some(&top) = open.last() {
            if b.quotes[top].end <= i {
                open.pop();
            } else {
                break;
            }
        }
        while next_q < b.quotes.len() && b.quotes[next_q].open == i {
            b.quotes[next_q].parent = open.last().copied();
            open.push(next_q);
            next_q += 1;
        }
        b.toks[i].inq = open.last().copied();
        if let QRole::Open(q) = b.toks[i].q {
            // The opening mark itself belongs to the enclosing quotation.
            b.toks[i].inq = b.quotes[q].parent;
        }
        if let QRole::Close(q) = b.toks[i].q {
            b.toks[i].inq = b.quotes[q].parent;
        }
    }
}

/// Whether the period at char `i` closes a capitalized abbreviation ("Dr.", "Sen.") or a middle
/// initial before a capitalized word.
fn title_period(b: &Block, chars: &[(usize, char)], i: usize, char_start: usize, abbreviations: &HashSet<String>) -> bool {
    let Some(w) = b.toks.last() else { return false };
    // A middle initial after a first name ("James M. Lindsay", "George W. Bush") is a title's
    // period too: without it the name stopped at the initial.
    let initial = w.ce - w.cs == 1 && b.toks.len() >= 2 && {
        let p = &b.toks[b.toks.len() - 2];
        p.kind == Kind::Word && p.cap && p.ce < w.cs
    };
    if w.kind != Kind::Word || !w.cap || w.ce != char_start + i || !(initial || b.word(b.toks.len() - 1).is_some_and(|x| abbreviations.contains(x))) {
        return false;
    }
    let mut k = i + 1;
    while chars.get(k).is_some_and(|&(_, c)| c == ' ') {
        k += 1;
    }
    k > i + 1 && chars.get(k).is_some_and(|&(_, c)| c.is_uppercase())
}

fn split_sentences(b: &mut Block, abbreviations: &HashSet<String>) {
    let n = b.toks.len();
    let mut start = 0;
    let mut ends_at = Vec::new();
    let starts_sentence = |b: &Block, j: usize| {
        b.toks.get(j).is_none_or(|t| t.cap || t.ch.is_ascii_digit() || t.kind == Kind::Quote || matches!(t.ch, '-' | '—' | '–' | '('))
    };
    for i in 0..n {
        let t = &b.toks[i];
        let mut boundary = false;
        if t.kind == Kind::Punct && matches!(t.ch, '.' | '!' | '?' | '…') {
            let abbrev = i > 0 && t.ch == '.' && b.toks[i - 1].kind == Kind::Word && b.toks[i - 1].ce == t.cs && {
                let w = &b.toks[i - 1];
                (w.ce - w.cs == 1 && w.cap) || b.word(i - 1).is_some_and(|x| abbreviations.contains(x))
            };
            let ends = !abbrev && starts_sentence(b, i + 1) && !b.toks.get(i + 1).is_some_and(|n| matches!(n.q, QRole::Close(_)));
            // Inside a quotation the sentence goes on to its close: what it quotes is said by the
            // speaker named after it.
            boundary = ends && t.inq.is_none();
            if ends {
                ends_at.push(i);
            }
        } else if let QRole::Close(q) = t.q {
            boundary = b.quotes[q].parent.is_none()
                && i > 0
                && matches!(b.toks[i - 1].ch, '.' | '!' | '?' | '…')
                && b.toks[i - 1].kind == Kind::Punct
                && b.toks.get(i + 1).is_none_or(|n| n.cap || matches!(n.q, QRole::Open(_)));
        }
        if boundary || (i + 1 - start >= SENTENCE_MAX && t.inq.is_none()) || i + 1 - start >= 4 * SENTENCE_MAX {
            b.sentences.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < n {
        b.sentences.push((start, n));
    }
    for i in ends_at {
        b.toks[i].ends = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(s: &str) -> Block {
        let el: HashSet<String> = ["d", "l", "qu"].iter().map(|s| s.to_string()).collect();
        let inv: HashSet<String> = ["il", "elle"].iter().map(|s| s.to_string()).collect();
        let none = HashSet::default();
        tokenize(s, 0, s.len(), 0, &SegConfig { elision: &el, inversion: &inv, abbreviations: &none })
    }

    fn quotes(s: &str) -> Vec<String> {
        let b = block(s);
        b.quotes
            .iter()
            .map(|q| {
                let cs = b.toks[q.open].ce;
                let ce = q.close.map_or(b.end_char, |c| b.toks[c].cs);
                s.chars().skip(cs).take(ce - cs).collect()
            })
            .collect()
    }

    #[test]
    fn quotes_pair_in_every_style_and_in_broken_mixes() {
        let check = |input: &str, expected: &[&str]| assert_eq!(quotes(input), expected, "quotes of {input:?}");
        check("« Nous gagnerons », a-t-il dit.", &[" Nous gagnerons "]);
        check("“We will win,” he said.", &["We will win,"]);
        check("\"We will win,\" he said.", &["We will win,"]);
        check("‘We will,’ he said.", &["We will,"]);
        check("Il a dit »nous gagnerons″ hier.", &["nous gagnerons"]);
        check("He said \"it is over and never closed", &["it is over and never closed"]);
        check("Russia's army didn't say", &[]);
    }

    #[test]
    fn inversion_and_elision_split_into_their_words() {
        let b = block("a-t-il déclaré d’Erevan l'armée");
        let words: Vec<_> = (0..b.toks.len()).filter_map(|i| b.word(i)).collect();
        assert_eq!(words, ["a", "il", "declare", "d'", "erevan", "l'", "armee"], "words");
        assert!(b.toks[1].inverted, "il in a-t-il is an inverted subject");
    }

    #[test]
    fn invisible_chars_are_no_tokens_and_a_soft_hyphen_keeps_its_word_whole() {
        let b = block("Traeger\u{200b} said Trae\u{ad}ger\u{feff} O'Brien foo\u{200b}bar");
        let words: Vec<_> = (0..b.toks.len()).filter_map(|i| b.word(i)).collect();
        assert_eq!(words, ["traeger", "said", "traeger", "o'brien", "foo", "bar"], "words");
        assert_eq!(b.toks.len(), words.len(), "no token for an invisible char: {:?}", b.toks);
    }

    #[test]
    fn the_fast_letter_checks_answer_as_unicode_does_for_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "is_letter({c:?})");
            assert_eq!(is_upper(c), c.is_uppercase(), "is_upper({c:?})");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "is_alnum({c:?})");
            if folds_to_itself(c) {
                let mut folded = String::new();
                fold_char(c, &mut folded);
                assert_eq!(folded, c.to_string(), "{c:?} folds to itself");
            }
        }
        // Words, capitals and all-capital words as before, in both scripts.
        let b = block("NATO Минобороны МИД Лавров заявил O'Brien");
        let flags: Vec<_> = b.toks.iter().map(|t| (t.cap, t.upper)).collect();
        assert_eq!(flags, [(true, true), (true, false), (true, true), (true, false), (false, false), (true, false)], "cap and upper of {:?}", b.toks);
        assert_eq!(b.word(4), Some("заявил"), "a lowercase Cyrillic run is copied as it is");
    }

    #[test]
    fn sentences_do_not_split_inside_quotes() {
        let b = block("« Ceci. Cela », a-t-il dit. Puis il partit.");
        assert_eq!(b.sentences.len(), 2, "two sentences: {:?}", b.sentences);
    }
}
