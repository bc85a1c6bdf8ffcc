//! A Unicode-aware word tokenizer for claims: every char of the input lands in exactly one
//! token, in order, so tokens can be diffed and re-joined into the exact claim text.
//!
//! Offsets count Unicode scalar values (chars) of the input. French elision splits after the
//! apostrophe ("l’Arménie" → "l’", "Arménie"), English possessives before it ("Ukraine's" →
//! "Ukraine", "'s"); hyphens inside words join ("dix-huit", "a-t-il"); no-break and thin spaces
//! are spaces; « » and other punctuation are one token per char; "1 200" with a (no-break) space
//! before a group of three digits is one number.

use serde::Serialize;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (and digits mixed with letters: "1er", "14h30").
    Word,
    /// Digits, with decimal or thousands separators inside.
    Number,
    /// One punctuation or symbol char.
    Punct,
    /// A run of whitespace of any kind.
    Space,
}

/// One token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// What it is.
    pub kind: TokenKind,
    /// The token as written.
    pub text: &'a str,
    /// Start, in chars of the input.
    pub start: usize,
    /// End (exclusive), in chars of the input.
    pub end: usize,
}

impl Token<'_> {
    /// The key tokens are compared by in a diff: lowercase, with apostrophes, dashes and spaces
    /// of every kind unified ([`crate::text::unify_punctuation`]), accents kept ("à" is not "a"
    /// in French).
    pub fn diff_key(&self) -> String {
        match self.kind {
            TokenKind::Space => " ".to_string(),
            _ => self.text.chars().flat_map(char::to_lowercase).map(crate::text::unify_punctuation).collect(),
        }
    }

    /// True for words and numbers: tokens that carry content.
    pub fn is_content(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// French words that elide before a vowel: the apostrophe ends them.
const ELIDED: &[&str] = &["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"];

/// Splits `text` into tokens covering every char.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let start = i;
        let kind = if c.is_whitespace() {
            while i < chars.len() && chars[i].1.is_whitespace() {
                i += 1;
            }
            TokenKind::Space
        } else if c.is_ascii_digit() {
            i = scan_number(&chars, i);
            // Digits running into letters make a word ("1er", "14h30", "27th").
            if i < chars.len() && chars[i].1.is_alphabetic() {
                i = scan_word(&chars, i);
                TokenKind::Word
            } else {
                TokenKind::Number
            }
        } else if is_word_char(c) {
            i = scan_word(&chars, i);
            // "l’" + vowel: split after the apostrophe; "Ukraine's": split before it.
            // Most words hold no apostrophe: looked for in place, not in a copy of each word.
            if let Some(pos) = chars[start..i].iter().position(|&(_, c)| is_apostrophe(c)) {
                let head: String = chars[start..start + pos].iter().map(|&(_, c)| c).collect::<String>().to_lowercase();
                i = if ELIDED.contains(&head.as_str()) { start + pos + 1 } else { start + pos };
            }
            TokenKind::Word
        } else if is_apostrophe(c)
            && i > 0
            && is_word_char(chars[i - 1].1)
            && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphabetic())
        {
            // The "'s" split off a possessive above.
            i = scan_word(&chars, i + 1);
            TokenKind::Word
        } else {
            i += 1;
            TokenKind::Punct
        };
        out.push(Token { kind, text: &text[byte_at(start)..byte_at(i)], start, end: i });
    }
    out
}

/// End of a word starting at `i`: letters, digits and marks, with single inner apostrophes and
/// hyphens joining letters.
fn scan_word(chars: &[(usize, char)], mut i: usize) -> usize {
    while i < chars.len() {
        let c = chars[i].1;
        let joins = (is_apostrophe(c) || matches!(c, '-' | '\u{2011}'))
            && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphabetic())
            && i > 0
            && is_word_char(chars[i - 1].1);
        if is_word_char(c) || joins {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// End of a number starting at `i`: "18", "1,5", "3.25", "1 200", "1 200 000".
fn scan_number(chars: &[(usize, char)], mut i: usize) -> usize {
    let digits = |from: usize| chars[from..].iter().take_while(|(_, c)| c.is_ascii_digit()).count();
    let mut group = digits(i);
    i += group;
    while let Some(&(_, sep)) = chars.get(i) {
        let after = if i + 1 < chars.len() { digits(i + 1) } else { 0 };
        let thousands_space = matches!(sep, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
            && group <= 3
            && after == 3
            && !chars.get(i + 4).is_some_and(|&(_, c)| c.is_alphanumeric());
        let inner = matches!(sep, ',' | '.') && after > 0;
        if thousands_space || inner {
            i += 1 + after;
            group = after;
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<&str> = tokenize(input).iter().filter(|t| t.kind != TokenKind::Space).map(|t| t.text).collect();
        assert_eq!(got, expected, "tokens of {input:?}");
        let joined: String = tokenize(input).iter().map(|t| t.text).collect();
        assert_eq!(joined, input, "tokens of {input:?} re-join into the input");
    }

    #[test]
    fn french_elision_splits_after_the_apostrophe_of_either_kind() {
        check("l’Arménie et d'Erevan", &["l’", "Arménie", "et", "d'", "Erevan"]);
        check("jusqu’au 27 juin", &["jusqu’", "au", "27", "juin"]);
    }

    #[test]
    fn english_possessive_splits_before_the_apostrophe() {
        check("Ukraine's forces", &["Ukraine", "'s", "forces"]);
    }

    #[test]
    fn guillemets_and_no_break_spaces_are_their_own_tokens() {
        check("«\u{00A0}Bakou\u{00A0}» nie", &["«", "Bakou", "»", "nie"]);
    }

    #[test]
    fn numbers_keep_separators_and_words_keep_hyphens() {
        check("1 200 soldats, 1,5 million et dix-huit drones", &["1 200", "soldats", ",", "1,5", "million", "et", "dix-huit", "drones"]);
        check("le 1er juin à 14h30", &["le", "1er", "juin", "à", "14h30"]);
        check("2024-06-27", &["2024", "-", "06", "-", "27"]);
    }

    #[test]
    fn offsets_count_chars_not_bytes() {
        let t = tokenize("Azerbaïdjan réplique");
        assert_eq!((t[2].start, t[2].end), (12, 20), "é and ï are one char each");
    }
}
