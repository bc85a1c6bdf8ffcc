//! Replies: a denial, or a plain negative statement, answers the nearest claim of another party — before it, or after it when none
//! comes before — preferring a claim of the party its content names ("the reports of Armenia").

use super::attribute::RawClaim;

/// How far to look for the claim answered, in claims.
const WINDOW: usize = 30;

/// For each claim, the index of the claim it answers.
pub(crate) fn link(claims: &[RawClaim]) -> Vec<Option<usize>> {
    // Another party: disjoint states, or, where either stands for no state, another name.
    let other = |a: &RawClaim, b: &RawClaim| {
        if a.speaker.countries.is_empty() || b.speaker.countries.is_empty() {
            return crate::text::fold(&a.speaker.name) != crate::text::fold(&b.speaker.name);
        }
        !a.speaker.countries.iter().any(|c| b.speaker.countries.contains(c))
    };
    (0..claims.len())
        .map(|i| {
            let c = &claims[i];
            if !c.answers {
                return None;
            }
            let before = (i.saturating_sub(WINDOW)..i).rev().filter(|&j| other(c, &claims[j]));
            let after = (i + 1..(i + 1 + WINDOW).min(claims.len())).filter(|&j| other(c, &claims[j]));
            let named = |j: &usize| claims[*j].speaker.countries.iter().any(|x| c.named.contains(x));
            // A denier the other claim names is answering it ("struck Hezbollah positions").
            let me = crate::text::fold(&c.speaker.name);
            let names_me = |j: &usize| me.chars().count() >= 3 && crate::text::fold(&claims[*j].text).contains(&me);
            let before: Vec<usize> = before.collect();
            before
                .iter()
                .copied()
                .find(names_me)
                .or_else(|| before.iter().copied().find(named))
                .or_else(|| before.first().copied())
                .or_else(|| after.clone().find(named))
                .or_else(|| after.clone().next())
        })
        .collect()
}
