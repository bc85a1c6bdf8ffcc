//! Language detection by function-word profiles: the language whose stopword list (from its
//! lexicon's data file) covers most of the text's first words wins.


use super::cues::{codes, lexicon};

/// How much text is enough to decide, in bytes.
const SAMPLE: usize = 4_000;

/// A lead in function words past which the rest of the sample cannot change the verdict on any
/// text but one that switches language: detection stops there (it was a tenth of extracting a
/// short dispatch).
const DECISIVE_LEAD: usize = 24;

/// Every known language's function words, each with the set of languages (bits, in the order of
/// [`codes`]) that list it: one lookup per word instead of one per language.
struct Profiles {
    lexicons: Vec<&'static super::cues::Lexicon>,
    words: foldhash::HashMap<String, u8>,
    /// `words`, filtered before it is looked up: about half the words of a text are no function
    /// word, and most of them are answered without hashing.
    filter: Box<crate::text::WordFilter<64>>,
}

fn profiles() -> &'static Profiles {
    static PROFILES: std::sync::OnceLock<Profiles> = std::sync::OnceLock::new();
    PROFILES.get_or_init(|| {
        // Eight languages at most fit the bits; the data has three.
        let lexicons: Vec<_> = codes().into_iter().filter_map(lexicon).take(8).collect();
        let mut words = foldhash::HashMap::default();
        let mut filter = Box::<crate::text::WordFilter<64>>::default();
        for (i, lex) in lexicons.iter().enumerate() {
            for w in &lex.stopwords {
                filter.insert(w);
                *words.entry(w.clone()).or_insert(0u8) |= 1 << i;
            }
        }
        Profiles { lexicons, words, filter }
    })
}

/// The code of the known language `text` is most likely in, or `None` when no function word of any
/// known language occurs.
pub(crate) fn detect(text: &str) -> Option<&'static str> {
    let mut cut = text.len().min(SAMPLE);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let Profiles { lexicons, words, filter } = profiles();
    let mut scores = vec![0usize; lexicons.len()];
    let mut word = String::new();
    // One pass: words are runs of letters (apostrophes split them, as elision does).
    for c in text[..cut].chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() {
            // (What folding does to an ASCII letter, without the call.)
            word.push(c.to_ascii_lowercase());
        } else if super::segment::is_alnum(c) && !c.is_ascii_digit() {
            crate::text::fold_char(c, &mut word);
        } else if !word.is_empty() {
            let Some(&langs) = Some(word.as_str()).filter(|w| filter.may_hold(w)).and_then(|w| words.get(w)) else {
                word.clear();
                continue;
            };
            word.clear();
            for (i, score) in scores.iter_mut().enumerate() {
                *score += usize::from(langs >> i & 1);
            }
            let (first, second) = scores.iter().fold((0, 0), |(a, b), &s| if s > a { (s, a) } else { (a, b.max(s)) });
            if first >= second + DECISIVE_LEAD {
                break;
            }
        }
    }
    let best = (0..lexicons.len()).filter(|&i| scores[i] > 0).max_by_key(|&i| (scores[i], usize::MAX - i))?;
    Some(lexicons[best].code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_english_and_russian_are_told_apart_and_noise_is_neither() {
        let check = |text: &str, expected: Option<&str>| assert_eq!(detect(text), expected, "language of {text:?}");
        check("Le ministère a déclaré que la Russie poursuivra ses efforts.", Some("fr"));
        check("The ministry said that Russia would continue its efforts.", Some("en"));
        check("Официальный представитель МИД заявила, что это вмешательство во внутренние дела.", Some("ru"));
        check("", None);
        check("\u{0}\u{1}\u{2} 12345 !!!", None);
    }
}
