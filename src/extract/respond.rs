//! Replies: a denial, or a plain negative statement, answers the claim of another party written
//! inside it ("denied Y's claim that …"), else the nearest one — before it, or after it when none
//! comes before — preferring a claim of the party its content names ("the reports of Armenia").

use super::attribute::RawClaim;

/// How far to look for the claim answered, in claims.
const WINDOW: usize = 30;

/// For each claim, the index of the claim it answers.
pub(crate) fn link(claims: &[RawClaim]) -> Vec<Option<usize>> {
    if !claims.iter().any(|c| c.answers) {
        return vec![None; claims.len()];
    }
    // Folded once per claim: every answer compares with up to WINDOW claims on each side.
    let names: Vec<String> = claims.iter().map(|c| crate::text::fold(&c.speaker.name)).collect();
    // A text is folded only when an answer looks for its speaker's name in it, once.
    let texts: Vec<std::cell::OnceCell<String>> = claims.iter().map(|_| std::cell::OnceCell::new()).collect();
    let text = |j: usize| texts[j].get_or_init(|| crate::text::fold(&claims[j].text)).as_str();
    // Another party: disjoint states, or, where either stands for no state, another name.
    let other = |a: usize, b: usize| {
        // A claim written inside another's statement never answers that statement: the statement
        // is what mentions it ("…, claiming that …", the ministry said).
        if claims[b].start <= claims[a].start && claims[a].end <= claims[b].end {
            return false;
        }
        let (x, y) = (&claims[a].speaker.countries, &claims[b].speaker.countries);
        if x.is_empty() || y.is_empty() {
            return names[a] != names[b];
        }
        !x.iter().any(|c| y.contains(c))
    };
    let mut links: Vec<Option<usize>> = (0..claims.len())
        .map(|i| {
            let c = &claims[i];
            if !c.answers {
                return None;
            }
            let before: Vec<usize> = (i.saturating_sub(WINDOW)..i).rev().filter(|&j| other(i, j)).collect();
            let after = (i + 1..(i + 1 + WINDOW).min(claims.len())).filter(|&j| other(i, j));
            // "X denied Y's claim that Z": a claim written inside the answer is what it answers.
            let inside = (i.saturating_sub(WINDOW)..(i + 1 + WINDOW).min(claims.len())).find(|&j| j != i && other(i, j) && claims[j].start >= c.start && claims[j].end <= c.end);
            if inside.is_some() {
                return inside;
            }
            let named = |j: &usize| claims[*j].speaker.countries.iter().any(|x| c.named.contains(x));
            // A denier the other claim names is answering it ("struck Hezbollah positions").
            let me = &names[i];
            let names_me = |j: &usize| me.chars().count() >= 3 && text(*j).contains(me.as_str());
            before
                .iter()
                .copied()
                .find(names_me)
                .or_else(|| before.iter().copied().find(named))
                .or_else(|| before.first().copied())
                .or_else(|| after.clone().find(named))
                .or_else(|| after.clone().next())
        })
        .collect();
    // Two claims never answer each other: the later one replies, the earlier one (linked forward
    // only for want of anything before it) answers nothing.
    for i in 0..links.len() {
        if let Some(j) = links[i] {
            if j > i && links[j] == Some(i) {
                links[i] = None;
            }
        }
    }
    links
}
