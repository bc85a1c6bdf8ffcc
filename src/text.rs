//! Text helpers every module needs: Unicode folding for matching, stemming for the languages that
//! inflect their names, char/byte offset conversion, and the content hash that identifies a text or
//! a file.
//!
//! Offsets that leave the core (claims, spans) count Unicode scalar values, because that is what
//! analysts' tools and the UI agree on; Rust slices by bytes, so conversion lives here once.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Lowercases and strips diacritics, and unifies apostrophes, so that "Azerbaïdjan",
/// "AZERBAIDJAN" and "azerbaidjan" compare equal, as do "d’Erevan" and "d'Erevan".
pub fn fold(s: &str) -> String {
    // Most words are ASCII: lowercasing and the backtick are all folding does to them, done on
    // the whole string at once (folding them through decomposition was a tenth of a long
    // import's time).
    if s.is_ascii() {
        let lower = s.to_ascii_lowercase();
        return if lower.contains('`') { lower.replace('`', "'") } else { lower };
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // Most of a French or an English text is ASCII between its accented letters: a run of
        // it without a backtick folds by lowercasing, copied at once (char by char, folding the
        // texts that answers are looked for in was a fortieth of extraction).
        let run = rest.bytes().position(|b| !b.is_ascii() || b == b'`').unwrap_or(rest.len());
        let at = out.len();
        out.push_str(&rest[..run]);
        out[at..].make_ascii_lowercase();
        rest = &rest[run..];
        // The other chars, up to the next run, one at a time (most of a Cyrillic text: its short
        // names fold a little slower so).
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            if c.is_ascii() && c != '`' {
                end = i;
                break;
            }
            fold_char(c, &mut out);
        }
        rest = &rest[end..];
    }
    out
}

/// A filter of words: `WORDS` 64-bit words of bits, one per key a cheap mix of a word's length and
/// its first and last bytes gives. A word whose bit is clear is in none of the words inserted; a set
/// bit says only "maybe". Most words a text is asked about are in no set they are asked of (a noun
/// asked whether it is a determiner, a verb whether it starts a name), and this answers them without
/// hashing the word and comparing it in a table.
#[derive(Debug, Clone)]
pub struct WordFilter<const WORDS: usize>([u64; WORDS]);

impl<const WORDS: usize> Default for WordFilter<WORDS> {
    fn default() -> Self {
        WordFilter([0; WORDS])
    }
}

impl<const WORDS: usize> WordFilter<WORDS> {
    /// The bit of `w`.
    #[inline]
    fn bit(w: &str) -> usize {
        let b = w.as_bytes();
        let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return 0 };
        let key = (b.len() as u32) ^ u32::from(first) << 8 ^ u32::from(last) << 16;
        // The top bits of the product, which mix all of the key's (`WORDS` is a power of two).
        let bits = (WORDS * 64).trailing_zeros();
        (key.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize % (WORDS * 64)
    }

    /// Lets `w` through from now on.
    pub fn insert(&mut self, w: &str) {
        let k = Self::bit(w);
        self.0[k / 64] |= 1 << (k % 64);
    }

    /// Whether `w` may have been inserted (false: it surely was not).
    #[inline]
    pub fn may_hold(&self, w: &str) -> bool {
        let k = Self::bit(w);
        self.0[k / 64] >> (k % 64) & 1 == 1
    }
}

/// Appends the folded form of `c` to `out`: [`fold`] one char at a time, so that the extractor's
/// tokenizer folds each word as it walks the text, into one buffer per block. Folding char by
/// char equals folding the whole string: canonical decomposition only reorders combining marks,
/// and every one of them is dropped.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(unify_punctuation(c.to_ascii_lowercase()));
        return;
    }
    // Cyrillic's basic letters fold without decomposing: lowercase, "й" → "и", "ё" → "е" (what
    // canonical decomposition and dropping marks give), at a fraction of the cost.
    match c {
        'Й' | 'й' => return out.push('и'),
        'Ё' | 'ё' => return out.push('е'),
        'А'..='Я' => return out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        'а'..='я' => return out.push(c),
        _ => {}
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase().map(unify_punctuation));
        }
    });
}

/// The one table of typographic variants matching ignores: curly and modifier apostrophes, the
/// backtick and the acute accent become `'`; no-break and thin spaces become a space; hyphens and
/// the en dash become `-`. Every other char is returned as is.
pub fn unify_punctuation(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{00A0}' | '\u{202F}' | '\u{2009}' => ' ',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => '-',
        c => c,
    }
}

/// The Snowball stem of one lowercase word in `lang` ("fr", "en", "ru"), or the word itself for a
/// language without a stemmer. Snowball stems from the unfolded word: folding would take the breve
/// off "й" and with it the endings the Russian stemmer reads.
pub fn stem(lang: &str, word: &str) -> String {
    use rust_stemmers::{Algorithm, Stemmer};
    use std::sync::OnceLock;
    static STEMMERS: OnceLock<[Stemmer; 3]> = OnceLock::new();
    let [fr, en, ru] = STEMMERS.get_or_init(|| [Stemmer::create(Algorithm::French), Stemmer::create(Algorithm::English), Stemmer::create(Algorithm::Russian)]);
    let stemmer = match lang {
        "fr" => fr,
        "en" => en,
        "ru" => ru,
        _ => return word.to_string(),
    };
    stemmer.stem(word).into_owned()
}

/// Russian case, number and gender endings of nouns, adjectives and surnames, folded (as [`fold`]
/// writes them: "й" is "и", "ё" is "е"), longest first.
const RU_ENDINGS: &[&str] = &[
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "иеи", "ои", "еи", "ом", "ем", "ам", "ям", "ах", "ях", "ую", "юю", "ая", "яя", "ое", "ее",
    "ые", "ие", "ых", "их", "ым", "им", "ыи", "ии", "ия", "ию", "ью", "ья", "а", "я", "у", "ю", "е", "и", "ы", "о", "ь",
];

/// [`RU_ENDINGS`] as integers: the stem of every word of every candidate name is asked for, and
/// comparing strings one by one against the table was a quarter of extracting Russian text.
const RU_ENDING_KEYS: [u64; RU_ENDINGS.len()] = {
    let mut out = [0; RU_ENDINGS.len()];
    let mut i = 0;
    while i < RU_ENDINGS.len() {
        out[i] = pack(RU_ENDINGS[i].as_bytes());
        i += 1;
    }
    out
};

/// Up to seven bytes and their count in one integer (an ending of three Cyrillic letters is six).
const fn pack(bytes: &[u8]) -> u64 {
    let mut v = bytes.len() as u64;
    let mut i = 0;
    while i < bytes.len() {
        v = (v << 8) | bytes[i] as u64;
        i += 1;
    }
    v
}

/// [`pack`] of a string short enough to be an ending.
fn packed(s: &str) -> Option<u64> {
    (s.len() <= 7).then(|| pack(s.as_bytes()))
}

/// The stem of one folded Russian word as a name: one inflectional ending taken off, leaving at
/// least three letters ("лаврова", "лавровым", "лавров" → "лавров"; "россии", "россия" → "росс";
/// "киевом" → "киев"). A fixed ending table, not a stemmer: Snowball also strips derivational
/// endings, unevenly across cases ("киев" → "ки" but "киевом" → "киев"), which is right for search
/// and wrong for names. Returns a prefix of `folded`, so callers build keys without allocating.
pub fn name_stem_ru(folded: &str) -> &str {
    // Called for every word of every candidate name: look at the last three chars only.
    let mut ends = folded.char_indices().rev().map(|(i, _)| i);
    let cuts: [Option<usize>; 6] = std::array::from_fn(|_| ends.next());
    for k in (1..=3).rev() {
        // An ending of k chars leaves at least three letters: the word has k + 3 chars or more.
        let (Some(at), true) = (cuts[k - 1], cuts[k + 2].is_some()) else { continue };
        if packed(&folded[at..]).is_some_and(|key| RU_ENDING_KEYS.contains(&key)) {
            return &folded[..at];
        }
    }
    folded
}

/// The key under which a Russian name matches in any case: its words folded and stemmed by
/// [`name_stem_ru`], joined by a space.
pub fn name_key_ru(phrase: &str) -> String {
    let folded = fold(phrase);
    let mut out = String::with_capacity(folded.len());
    for w in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(name_stem_ru(w));
    }
    out
}

/// Transliterated Russian case endings, longest first: a person's last name keyed without them is
/// one key in every case and in either script ("Лаврова", "Lavrov"; "Захаровой", "Zakharova";
/// "Зеленский", "Zelensky", "Zelenskyy").
const LATIN_RU_ENDINGS: &[&str] = &["ogo", "omu", "ymi", "imi", "ami", "iami", "oi", "ei", "ii", "iy", "yy", "yi", "oy", "ym", "im", "om", "em", "ykh", "ikh", "ia", "ya", "iu", "yu", "a", "u", "e", "y", "i"];

/// The key under which a person's name groups across scripts and languages: the last word,
/// transliterated to Latin (`deunicode`), lowercased, one Russian case ending off (leaving three
/// letters or more). "Сергей Лавров", "по словам Лаврова", "Sergueï Lavrov" and "Sergei Lavrov" all
/// give "lavrov".
pub fn person_key(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or("");
    let latin: String = deunicode::deunicode(last).to_lowercase().chars().filter(char::is_ascii_alphanumeric).collect();
    let n = latin.len();
    match LATIN_RU_ENDINGS.iter().find(|e| latin.ends_with(*e) && n >= e.len() + 3) {
        Some(e) => latin[..n - e.len()].to_string(),
        None => latin,
    }
}

/// The key under which a party's speakers group, stored with each claim (`claims.speaker_key`):
/// a personal name (every word capitalized, "Sergueï Lavrov", "Лавров") by [`person_key`], so
/// that Лавров, Lavrov and Lavrova meet; a description or an institution ("Russia's defence
/// ministry", « ministère arménien de la Défense ») by its whole folded text after a `~` — by its
/// last word it would merge every ministry into one, and the mark keeps it from meeting a name.
/// Stored keys are this function's output: a change to it needs a migration recomputing them.
pub fn speaker_key(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalized = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    if !words.is_empty() && words.len() <= 4 && words.iter().all(capitalized) {
        person_key(name)
    } else {
        format!("~{}", fold(name))
    }
}

/// Normalizes imported text: NFC, `\r\n` and `\r` to `\n`, and no NUL characters.
pub fn normalize(s: &str) -> String {
    let s: std::borrow::Cow<'_, str> =
        if s.contains(['\r', '\0']) { s.replace("\r\n", "\n").replace('\r', "\n").replace('\0', "").into() } else { s.into() };
    // Text already in NFC (nearly all of it) is returned as it is: recomposing it char by char
    // cost a long import 4 % of its time.
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.into_owned(),
        _ => s.nfc().collect(),
    }
}

/// SHA-256 of `bytes`, lowercase hex: the identity of a source's normalized text and of an
/// evidence file.
pub fn hash_hex(bytes: &[u8]) -> String {
    hex(&hash(bytes))
}

/// SHA-256 of `bytes`: what [`hash_hex`] writes in hex.
pub fn hash(bytes: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).into()
}

/// `bytes` in lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    bytes.iter().flat_map(|b| [char::from(HEX[usize::from(b >> 4)]), char::from(HEX[usize::from(b & 15)])]).collect()
}

/// The low 47 bits of the 64-bit FNV-1a hash of `key`, a positive SQLite integer: what the
/// conflict key index stores instead of a blocking key's text, what `claims.speaker_key` stores
/// of a speaker's key, and what the in-memory index of `align::candidates::propose` uses. 47
/// bits are the most SQLite stores in 6 bytes instead of 8 (4 MB in each of the key index's two
/// B-trees, and in the speaker key's column and index, at a million claims); two of the 110,000
/// keys of a million claims share one with a chance of 1 in 23,000. Stable across runs, builds
/// and machines (std's hasher is seeded per process): stored hashes must match the ones
/// computed at the next import. Two keys may share a hash; every user of it must treat a shared
/// hash as "maybe the same key".
pub fn key_hash(key: &str) -> i64 {
    let fnv = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |x, b| (x ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    (fnv & KEY_HASH_MASK) as i64
}

/// The bits of a 64-bit FNV-1a hash that [`key_hash`] keeps.
pub const KEY_HASH_MASK: u64 = (1 << 47) - 1;

/// Whether `url` is a web address: `http://` or `https://` (any case) followed by something, with
/// no whitespace or control characters. The one test for "a URL we fetch, link or publish to".
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Byte offset of the char at `char_idx` in `s` (or `s.len()` past the end).
pub fn byte_offset(s: &str, char_idx: usize) -> usize {
    s.char_indices().nth(char_idx).map_or(s.len(), |(b, _)| b)
}

/// Char offset of the byte offset `byte_idx` (which must be a char boundary).
pub fn char_offset(s: &str, byte_idx: usize) -> usize {
    s[..byte_idx.min(s.len())].chars().count()
}

/// The chars `start..end` of `s`, clamped to its length.
pub fn char_slice(s: &str, start: usize, end: usize) -> &str {
    let b0 = byte_offset(s, start);
    let b1 = byte_offset(s, end.max(start));
    &s[b0..b1]
}

/// Char-to-byte offsets of one text, answered in constant time: the byte offset of every
/// [`CharIndex::STEP`]th char is kept, and a lookup walks at most `STEP` chars from the nearest.
/// [`byte_offset`] walks from the start of the text each time, which made storing a text's
/// claims quadratic in its length (a 1 MB text took 83 s); this keeps it linear, in 1/32 of the
/// text's size in memory.
pub struct CharIndex<'a> {
    text: &'a str,
    marks: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    const STEP: usize = 64;

    /// Indexes `text` in one pass.
    pub fn new(text: &'a str) -> Self {
        let marks = text.char_indices().step_by(Self::STEP).map(|(b, _)| b).collect();
        CharIndex { text, marks }
    }

    /// Byte offset of the char at `char_idx` (or the text's length past the end).
    pub fn byte(&self, char_idx: usize) -> usize {
        let Some(&mark) = self.marks.get(char_idx / Self::STEP) else {
            return self.text.len();
        };
        byte_offset(&self.text[mark..], char_idx % Self::STEP) + mark
    }

    /// The chars `start..end`, clamped to the text's length.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let b0 = self.byte(start);
        let b1 = self.byte(end.max(start));
        &self.text[b0..b1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_russian_ending_of_the_table_and_nothing_else_is_taken_off_a_name() {
        for e in RU_ENDINGS {
            assert_eq!(name_stem_ru(&format!("абв{e}")), "абв", "{e} is an ending");
        }
        for w in ["абвг", "lavrova", "абвгдеж", "абв\u{1F600}"] {
            assert_eq!(name_stem_ru(w), w, "{w} keeps its last letters");
        }
    }

    #[test]
    fn a_russian_name_has_one_key_in_every_case() {
        for (a, b) in [("Лавров", "Лаврова"), ("Лавров", "Лавровым"), ("Захарова", "Захаровой"), ("Россия", "России"), ("Еревана", "Ереван"), ("Министерство обороны Армении", "министерством обороны Армения"), ("Пётр", "Петра"), ("Киев", "Киевом"), ("Израиль", "Израиля"), ("Армения", "Армении"), ("Грузия", "Грузией"), ("Россия", "Россией")] {
            assert_eq!(name_key_ru(a), name_key_ru(b), "{a} and {b} are one name");
        }
        assert_ne!(name_key_ru("Лавров"), name_key_ru("Песков"), "different names keep different keys");
        for (a, b) in [("Сергей Лавров", "Sergueï Lavrov"), ("Лаврова", "Sergei Lavrov"), ("Мария Захарова", "Maria Zakharova"), ("Захаровой", "Zakharova"), ("Зеленский", "Zelensky"), ("Зеленского", "Zelenskyy")] {
            assert_eq!(person_key(a), person_key(b), "{a} and {b} are one person");
        }
        assert_ne!(person_key("Лавров"), person_key("Peskov"), "different people keep different keys");
        assert_eq!(stem("xx", "word"), "word", "a language without a stemmer keeps its words");
    }

    #[test]
    fn key_hash_is_fnv1a_and_the_same_in_every_process() {
        // The published FNV-1a 64 test vectors, their low 47 bits: stored hashes must not change
        // with a build.
        assert_eq!(key_hash("") as u64, 0xcbf2_9ce4_8422_2325 & KEY_HASH_MASK, "the offset basis");
        assert_eq!(key_hash("a") as u64, 0xaf63_dc4c_8601_ec8c & KEY_HASH_MASK, "one byte");
        assert_eq!(key_hash("foobar") as u64, 0x8594_4171_f739_67e8 & KEY_HASH_MASK, "six bytes");
        assert!((0..1 << 47).contains(&key_hash("foobar")), "positive and under 2^47: six bytes in SQLite");
    }

    #[test]
    fn a_word_filter_lets_every_word_put_in_through_and_turns_most_others_away() {
        let words = ["the", "a", "of", "ministry", "d'", "'s", "u.s", "human rights", "министерство", "é", ""];
        let mut filter = WordFilter::<16>::default();
        for w in words {
            filter.insert(w);
        }
        for w in words {
            assert!(filter.may_hold(w), "{w:?} was put in");
        }
        let others = ["said", "government", "président", "заявил", "war", "the hague", "ministries"];
        let through = others.iter().filter(|w| filter.may_hold(w)).count();
        assert!(through <= 1, "{through} of {} other words let through", others.len());
    }

    #[test]
    fn fold_fast_paths_equal_canonical_decomposition() {
        // ASCII and basic Cyrillic skip decomposition; they must fold as decomposing would.
        let reference = |s: &str| -> String { s.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).map(unify_punctuation).collect() };
        for c in (0..0x500u32).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(fold(&s), reference(&s), "U+{:04X} folds as its decomposition does", c as u32);
        }
        assert_eq!(fold("Ёлка Й"), "елка и", "Cyrillic breve and diaeresis go");
    }

    #[test]
    fn fold_strips_accents_case_and_curly_apostrophes() {
        assert_eq!(fold("Azerbaïdjan"), "azerbaidjan");
        assert_eq!(fold("d’Erevan"), "d'erevan");
        assert_eq!(fold("ÉTATS-UNIS"), "etats-unis");
    }

    #[test]
    fn the_fast_paths_fold_normalize_and_hash_as_the_general_ones_do() {
        let general = |s: &str| -> String { s.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).map(unify_punctuation).collect() };
        let ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(fold(&ascii), general(&ascii), "every ASCII char folds as through decomposition");
        assert_eq!(fold("Don`t SAY"), "don't say");
        // ASCII runs between other chars fold at once: as the general way, backticks included.
        for s in ["L’armée A DÉCLARÉ: `Non` à Kyiv.", "Ёлка Z`é\u{301}x", "Sri Lanka–Inde, \u{a0}«Оk»"] {
            assert_eq!(fold(s), general(s), "{s}");
        }
        // Decomposed input recomposes; composed input and line ends are kept or unified.
        assert_eq!(normalize("Erevan de\u{301}ment"), "Erevan d\u{e9}ment");
        assert_eq!(normalize("d\u{e9}ment\r\nnie\rx\0"), "d\u{e9}ment\nnie\nx");
        assert_eq!(normalize("plain"), "plain");
        // SHA-256("abc"), the FIPS 180-2 example.
        assert_eq!(hash_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn char_index_agrees_with_walking_from_the_start() {
        let s: String = "« Bakou » nie; Erevan dément. ".repeat(20);
        let index = CharIndex::new(&s);
        let n = s.chars().count();
        for i in 0..=n + 3 {
            assert_eq!(index.byte(i), byte_offset(&s, i), "byte offset of char {i}");
        }
        assert_eq!(index.slice(130, 135), char_slice(&s, 130, 135), "a slice across a mark");
        assert_eq!(CharIndex::new("").byte(5), 0, "an empty text");
    }

    #[test]
    fn char_slice_counts_scalar_values_not_bytes() {
        let s = "« Bakou » nie";
        assert_eq!(char_slice(s, 2, 7), "Bakou");
        assert_eq!(char_offset(s, byte_offset(s, 10)), 10);
    }
}
