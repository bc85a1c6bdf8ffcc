//! Language detection by function-word profiles: the language whose stopword list (from its
//! lexicon's data file) covers most of the text's first words wins.


use super::cues::{codes, lexicon};
use super::segment::{tokenize_words, Folder};

/// How much text is enough to decide, in bytes.
const SAMPLE: usize = 20_000;

/// The code of the known language `text` is most likely in, or `None` when no function word of any
/// known language occurs.
pub(crate) fn detect(text: &str) -> Option<&'static str> {
    let mut cut = text.len().min(SAMPLE);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &text[..cut];
    let mut folder = Folder;
    let mut best: Option<(&'static str, usize)> = None;
    for code in codes() {
        let Some(lex) = lexicon(code) else { continue };
        let words = tokenize_words(sample, &lex.elision, &mut folder);
        let score = words.iter().filter(|w| lex.stopwords.contains(w.as_str())).count();
        if score > 0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((code, score));
        }
    }
    best.map(|b| b.0)
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english_are_told_apart_and_noise_is_neither() {
        let check = |text: &str, expected: Option<&str>| assert_eq!(detect(text), expected, "language of {text:?}");
        check("Le ministère a déclaré que la Russie poursuivra ses efforts.", Some("fr"));
        check("The ministry said that Russia would continue its efforts.", Some("en"));
        check("", None);
        check("\u{0}\u{1}\u{2} 12345 !!!", None);
    }
}
