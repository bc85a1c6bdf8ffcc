//! The sex a person's mention tells, for "he" and "she": a first name that is clearly a man's or a
//! woman's (1990 US Census lists; see `data/names/README.md`), or a word of the phrase that says it
//! ("Mrs", "spokeswoman", « Mme », « г-жа »; grammar set `sexed_words`). A pronoun of one sex never
//! stands for a person known to be of the other; a person whose sex nothing tells may be either.

use std::sync::OnceLock;

const FIRST_NAMES: &str = include_str!("../../data/names/first_names.tsv");

/// A person's sex, as the text or the name tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sex {
    Male,
    Female,
}

impl Sex {
    /// The sex a lexicon value names (`m`, `f`).
    pub fn from_value(v: &str) -> Option<Sex> {
        match v {
            "m" => Some(Sex::Male),
            "f" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// The sex the folded first name `name` tells, if it is clearly a man's or a woman's.
pub(crate) fn of_first_name(name: &str) -> Option<Sex> {
    // The file is sorted by name: a sorted list costs less to build than a map, for a few
    // thousand look-ups a text at most.
    static NAMES: OnceLock<Vec<(&'static str, Sex)>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut v: Vec<(&str, Sex)> = FIRST_NAMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, sex) = l.split_once('\t')?;
                Some((name, Sex::from_value(sex.trim())?))
            })
            .collect();
        v.sort_unstable_by(|a, b| a.0.cmp(b.0));
        v
    });
    names.binary_search_by(|(n, _)| (*n).cmp(name)).ok().map(|i| names[i].1)
}

/// Whether a pronoun of sex `pronoun` may stand for a person of sex `person`.
pub(crate) fn agrees(pronoun: Option<Sex>, person: Option<Sex>) -> bool {
    match (pronoun, person) {
        (Some(p), Some(q)) => p == q,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clear_first_names_tell_their_sex_and_shared_ones_none() {
        assert_eq!(of_first_name("john"), Some(Sex::Male));
        assert_eq!(of_first_name("wendy"), Some(Sex::Female));
        // "Jean" is a woman's name in the Census and a man's in French: it tells nothing.
        assert_eq!(of_first_name("jean"), None);
        assert_eq!(of_first_name("xyzzy"), None);
        assert!(agrees(Some(Sex::Male), None) && !agrees(Some(Sex::Male), Some(Sex::Female)));
    }
}
