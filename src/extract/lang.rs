//! Language detection by function-word profiles: the language whose stopword list (from its
//! lexicon's data file) covers most of the text's first words wins.


use super::cues::{codes, lexicon};

/// How much text is enough to decide, in bytes.
const SAMPLE: usize = 4_000;

/// A lead in function words past which the rest of the sample cannot change the verdict on any
/// text but one that switches language: detection stops there (it was a tenth of extracting a
/// short dispatch).
const DECISIVE_LEAD: usize = 24;

/// The code of the known language `text` is most likely in, or `None` when no function word of any
/// known language occurs.
pub(crate) fn detect(text: &str) -> Option<&'static str> {
    let mut cut = text.len().min(SAMPLE);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let lexicons: Vec<_> = codes().into_iter().filter_map(lexicon).collect();
    let mut scores = vec![0usize; lexicons.len()];
    let mut word = String::new();
    // One pass: words are runs of letters (apostrophes split them, as elision does).
    for c in text[..cut].chars().chain(std::iter::once(' ')) {
        if super::segment::is_alnum(c) && !c.is_ascii_digit() {
            crate::text::fold_char(c, &mut word);
        } else if !word.is_empty() {
            for (score, lex) in scores.iter_mut().zip(&lexicons) {
                *score += usize::from(lex.stopwords.contains(word.as_str()));
            }
            word.clear();
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
