//! What each side of a conflict states, and what the conflict is about, in words an analyst
//! reads without opening the sources.
//!
//! A denial's own text is often only a reference to what it denies ("Erevan nie cela", "denied
//! the claims"): shown alone, that side reads "cela". [`proposition`] gives each side its
//! proposition instead: a denial reads "‹party› denies: ‹content of the claim it answers›" when
//! its own words are a bare reference, and "‹party› denies: ‹its own content›" otherwise. The
//! claim's text (and the source) stay as they are; only the view says it this way.
//!
//! [`title`] names the disputed proposition by its key words (the content words of what is
//! asserted) and the facts on which the sides disagree, so a list of conflicts reads as a list of
//! disputes, not of party codes.

use super::facts::{facts_and_words, FactDiff, Lexicon};
use super::tokens::TokenKind;
use crate::gazetteer::Gazetteer;
use crate::model::Stance;

/// How many key words a title takes from the disputed proposition.
const TITLE_WORDS: usize = 6;

/// The content words of `text`, as written, in order: words that are neither function words,
/// words of saying nor calendar words.
pub fn content_words(text: &str, gazetteer: &Gazetteer, lex: &Lexicon) -> Vec<String> {
    let (_, words) = facts_and_words(text, gazetteer, lex);
    words
        .into_iter()
        .filter(|(t, folded)| {
            t.kind == TokenKind::Word
                && folded.chars().count() >= 3
                && !lex.is_stopword(folded)
                && !lex.is_calendar_word(folded)
                && !folded.chars().all(|c| c.is_ascii_digit())
        })
        .map(|(t, _)| t.text.to_string())
        .collect()
}

/// True when `text` only refers to something said elsewhere ("cela", "it", "the claims",
/// "these allegations"): no content word, or a phrase of at most three words with one.
pub fn is_bare(text: &str, gazetteer: &Gazetteer, lex: &Lexicon) -> bool {
    let content = content_words(text, gazetteer, lex).len();
    let words = text.split_whitespace().count();
    content == 0 || (words <= 3 && content <= 1)
}

/// What one side states, for display. `answered` is the text of the claim this one answers,
/// if any; `party` the side's display name.
pub fn proposition(party: &str, stance: Stance, text: &str, answered: Option<&str>, gazetteer: &Gazetteer, lex: &Lexicon) -> String {
    let bare = is_bare(text, gazetteer, lex);
    let content = match answered {
        Some(a) if bare => a,
        _ => text,
    };
    match stance {
        Stance::Deny => format!("{party} denies: {content}"),
        _ if bare && answered.is_some() => format!("{party} {}: {content}", stance.as_str()),
        _ => content.to_string(),
    }
}

/// The content of a side's proposition: the answered claim's text for a bare reference,
/// else its own text. What a title and a comparison should read.
pub fn content<'a>(text: &'a str, answered: Option<&'a str>, gazetteer: &Gazetteer, lex: &Lexicon) -> &'a str {
    match answered {
        Some(a) if is_bare(text, gazetteer, lex) => a,
        _ => text,
    }
}

/// A conflict's title from the contents of its sides (the first is the disputed proposition:
/// the answered claim, or the first claim) and the facts on which they disagree: "contrôle
/// villages hauteurs stratégiques Haut-Karabakh" or "forces shelled positions Tavush — actor AM ≠ AZ".
pub fn title(contents: &[&str], disagreements: &[FactDiff], gazetteer: &Gazetteer, lex: &Lexicon) -> String {
    // Words every side uses name what they dispute; when the sides share too few (two
    // accounts in other words or languages), the first side's words do.
    let per_side: Vec<Vec<String>> = contents.iter().map(|c| content_words(c, gazetteer, lex)).collect();
    let first = per_side.first().cloned().unwrap_or_default();
    let fold = |w: &str| crate::text::fold(w);
    let shared: Vec<String> = first
        .iter()
        .filter(|w| per_side.iter().skip(1).all(|other| other.iter().any(|o| fold(o) == fold(w))))
        .cloned()
        .collect();
    let pick = if shared.len() >= 2 || per_side.len() < 2 { shared } else { first };
    let mut words: Vec<String> = Vec::new();
    for w in pick {
        if !words.iter().any(|x| fold(x) == fold(&w)) {
            words.push(w);
        }
        if words.len() == TITLE_WORDS {
            break;
        }
    }
    let mut out = words.join(" ");
    let facts: Vec<String> = disagreements.iter().map(|d| format!("{} {}", d.kind.as_str(), d.note)).collect();
    if !facts.is_empty() {
        if !out.is_empty() {
            out.push_str(" — ");
        }
        out.push_str(&facts.join("; "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, answered: Option<&str>, stance: Stance, expected: &str) {
        let got = proposition("Armenia", stance, text, answered, Gazetteer::builtin(), Lexicon::builtin());
        assert_eq!(got, expected, "proposition of {text:?}");
    }

    #[test]
    fn a_bare_denial_states_what_it_denies() {
        let seed = "avoir pris le contrôle de plusieurs villages";
        check("cela", Some(seed), Stance::Deny, "Armenia denies: avoir pris le contrôle de plusieurs villages");
        check("the claims", Some("Iran sent drones to Russia"), Stance::Deny, "Armenia denies: Iran sent drones to Russia");
        check("it had shelled Jermuk", Some(seed), Stance::Deny, "Armenia denies: it had shelled Jermuk");
        check("Azerbaijani forces shelled Tavush", None, Stance::Assert, "Azerbaijani forces shelled Tavush");
    }

    #[test]
    fn a_title_names_the_disputed_words_not_the_parties() {
        let t = title(&["avoir pris le contrôle de plusieurs villages et hauteurs stratégiques du Haut-Karabakh"; 2], &[], Gazetteer::builtin(), Lexicon::builtin());
        assert_eq!(t, "pris contrôle plusieurs villages hauteurs stratégiques", "key words of the proposition");
    }
}
