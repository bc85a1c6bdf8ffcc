//! The workspace's verdict taxonomy: ordered verdicts with labels in French and English, a
//! colour, and their place on the ClaimReview rating scale.
//!
//! The default taxonomy is `data/verify/verdicts.json`, seeded once into a new store. Keys never
//! change (claims and history refer to them); labels and order do. Rating values are derived
//! from the order so that they can never disagree with it: the rated verdicts, in display order,
//! score N (best) down to 1 (worst).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The verdict of a claim nobody has judged yet. Verdicts cannot be deleted, so it always exists.
pub const DEFAULT_VERDICT: &str = "unverified";

/// A label in each report language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
}

impl Labels {
    /// The label in `lang` ("fr", else English).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "fr" {
            &self.fr
        } else {
            &self.en
        }
    }
}

/// One verdict of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Stable key ("mostly_true").
    pub key: String,
    /// Display labels.
    pub label: Labels,
    /// `#rrggbb`.
    pub colour: String,
    /// 1-based display order.
    pub position: usize,
    /// ClaimReview `ratingValue`, for verdicts on the scale (`bestRating` is the highest).
    pub rating: Option<u32>,
    /// False for work in progress (`unverified`, `in_progress`): not a published finding.
    pub conclusive: bool,
}

/// The ordered verdicts of a workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxonomy {
    /// In display order.
    pub verdicts: Vec<Verdict>,
}

impl Taxonomy {
    /// The verdict with this key.
    pub fn get(&self, key: &str) -> Option<&Verdict> {
        self.verdicts.iter().find(|v| v.key == key)
    }

    /// Finds a verdict by key or by label in either language (case, accents, `-`/`_`/space ignored).
    pub fn find(&self, name: &str) -> Result<&Verdict> {
        let wanted = squash(name);
        self.verdicts
            .iter()
            .find(|v| squash(&v.key) == wanted || squash(&v.label.en) == wanted || squash(&v.label.fr) == wanted)
            .ok_or_else(|| {
                let keys: Vec<&str> = self.verdicts.iter().map(|v| v.key.as_str()).collect();
                Error::bad_input("verdict", format!("{name:?} is not one of {}", keys.join(", ")))
            })
    }

    /// `(worstRating, bestRating)` of the scale, when at least two verdicts are rated.
    pub fn scale(&self) -> Option<(u32, u32)> {
        let rated = self.verdicts.iter().filter_map(|v| v.rating);
        let (min, max) = rated.fold((u32::MAX, 0), |(lo, hi), r| (lo.min(r), hi.max(r)));
        (max > min).then_some((min, max))
    }
}

fn squash(s: &str) -> String {
    crate::text::fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The rating of each verdict in `rated` (its rated flags, in display order): N for the first rated
/// verdict down to 1 for the last, `None` for verdicts off the scale.
pub fn ratings_for(rated: &[bool]) -> Vec<Option<u32>> {
    let n = rated.iter().filter(|r| **r).count() as u32;
    let mut next = n;
    rated
        .iter()
        .map(|&r| {
            if r {
                let v = next;
                next -= 1;
                Some(v)
            } else {
                None
            }
        })
        .collect()
}

/// A verdict the analyst adds.
#[derive(Debug, Clone)]
pub struct NewVerdict {
    /// Stable key: lowercase ASCII letters, digits and `_`.
    pub key: String,
    /// Labels.
    pub label: Labels,
    /// `#rrggbb`.
    pub colour: String,
    /// Whether it sits on the rating scale.
    pub rated: bool,
    /// Whether it is a finding (as opposed to work in progress).
    pub conclusive: bool,
    /// 1-based position; at the end when `None`.
    pub position: Option<usize>,
}

impl NewVerdict {
    /// Refuses keys, labels and colours reports could not use.
    pub fn validate(&self) -> Result<()> {
        if self.key.is_empty() || !self.key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            return Err(Error::bad_input("verdict key", format!("{:?} must be lowercase letters, digits and _", self.key)));
        }
        if self.label.en.trim().is_empty() || self.label.fr.trim().is_empty() {
            return Err(Error::bad_input("verdict label", "needs an English and a French label"));
        }
        if !is_colour(&self.colour) {
            return Err(Error::bad_input("verdict colour", format!("{:?} is not #rrggbb", self.colour)));
        }
        Ok(())
    }
}

/// Whether `s` is `#rrggbb`: the only colour form reports embed (it goes into CSS unescaped).
pub fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[derive(Deserialize)]
struct File {
    verdicts: Vec<FileVerdict>,
}

#[derive(Deserialize)]
struct FileVerdict {
    key: String,
    label: Labels,
    colour: String,
    rated: bool,
    conclusive: bool,
}

const DEFAULT_FILE: &str = include_str!("../../data/verify/verdicts.json");

/// The shipped default taxonomy (`data/verify/verdicts.json`), validated.
pub fn default_verdicts() -> Result<Vec<NewVerdict>> {
    let file: File = serde_json::from_str(DEFAULT_FILE)
        .map_err(|e| Error::BundledData { name: "data/verify/verdicts.json", why: e.to_string() })?;
    let out: Vec<NewVerdict> = file
        .verdicts
        .into_iter()
        .enumerate()
        .map(|(i, v)| NewVerdict { key: v.key, label: v.label, colour: v.colour, rated: v.rated, conclusive: v.conclusive, position: Some(i + 1) })
        .collect();
    for v in &out {
        v.validate().map_err(|e| Error::BundledData { name: "data/verify/verdicts.json", why: e.to_string() })?;
    }
    if !out.iter().any(|v| v.key == DEFAULT_VERDICT) {
        return Err(Error::BundledData { name: "data/verify/verdicts.json", why: format!("no {DEFAULT_VERDICT} verdict") });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_count_down_from_the_best_rated_verdict_and_skip_unrated_ones() {
        assert_eq!(
            ratings_for(&[false, true, true, false, true]),
            vec![None, Some(3), Some(2), None, Some(1)],
            "first rated verdict is best"
        );
    }

    #[test]
    fn shipped_taxonomy_parses_with_eight_verdicts_five_rated() {
        let v = default_verdicts().expect("bundled verdicts parse");
        assert_eq!(v.len(), 8, "the eight default verdicts");
        assert_eq!(v.iter().filter(|v| v.rated).count(), 5, "true..false are on the scale");
    }
}
