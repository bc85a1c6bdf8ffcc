//! schema.org ClaimReview JSON-LD: one `ClaimReview` per judged party statement, as search
//! engines' fact-check markup expects.
//!
//! - Only claims with a conclusive verdict are published; `unverified` and `in_progress` are
//!   work, not findings.
//! - `reviewRating.alternateName` is the verdict's label; `ratingValue`, `bestRating` and
//!   `worstRating` are given for verdicts on the scale (derived from the taxonomy's order, best
//!   first), and left out for verdicts off it (e.g. `unproven`).
//! - `url` is the published report's URL (setting `publish_url` or `--url`) with the claim's
//!   anchor; ClaimReview requires it, so exporting without one is an error.
//! - `itemReviewed` is a `Claim` whose `author` is the party: `GovernmentOrganization` for
//!   states and their institutions, `Organization` for other organisations and outlets,
//!   `Person` for people and for speakers no party was resolved for.

use serde_json::{json, Map, Value};

use crate::text::is_web_url;
use super::{ClaimEntry, Report};
use crate::error::{Error, Result};
use crate::model::PartyKind;
use crate::model::Change;

/// Renders the ClaimReviews as a JSON array.
pub(super) fn render(r: &Report) -> Result<String> {
    let base = r
        .publish_url
        .as_deref()
        .filter(|u| is_web_url(u))
        .ok_or_else(|| {
            Error::bad_input(
                "ClaimReview",
                "needs the http(s) URL where the report is published: pass --url or run `crosscheck config set publish_url URL`",
            )
        })?;
    let base = base.split('#').next().unwrap_or(base);
    let reviews: Vec<Value> = r.claims.iter().filter(|c| r.verdict(&c.verdict).is_some_and(|v| v.conclusive)).map(|c| review(r, c, base)).collect();
    let json = serde_json::to_string_pretty(&reviews).map_err(|e| Error::bad_input("report", format!("cannot serialize: {e}")))?;
    Ok(script_safe(&json))
}

/// Makes JSON safe to embed in `<script type="application/ld+json">`, the standard way to publish
/// it: a claim holding `</script>` would otherwise end the element and its rest would run as
/// markup. `<`, `>` and `&` can only occur inside JSON strings, where `\u003c`, `\u003e` and
/// `\u0026` mean the same characters to any JSON reader; U+2028 and U+2029 are escaped too, as
/// they end a line in older JavaScript parsers.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn review(r: &Report, c: &ClaimEntry, base: &str) -> Value {
    let cl = &c.claim;
    let verdict = r.verdict(&c.verdict);
    let mut rating = Map::new();
    rating.insert("@type".into(), "Rating".into());
    rating.insert("alternateName".into(), r.verdict_label(&c.verdict).into());
    if let (Some(value), Some((worst, best))) = (verdict.and_then(|v| v.rating), scale(r)) {
        rating.insert("ratingValue".into(), value.into());
        rating.insert("bestRating".into(), best.into());
        rating.insert("worstRating".into(), worst.into());
    }

    let mut item = Map::new();
    item.insert("@type".into(), "Claim".into());
    item.insert("author".into(), claim_author(r, c));
    let source = r.source(cl.source_id);
    if let Some(d) = source.and_then(|s| s.published_at) {
        item.insert("datePublished".into(), d.format("%Y-%m-%d").to_string().into());
    }
    if let Some(s) = source {
        let mut appearance = Map::new();
        appearance.insert("@type".into(), "CreativeWork".into());
        appearance.insert("headline".into(), s.title.clone().into());
        if let Some(u) = s.url.as_deref().filter(|u| is_web_url(u)) {
            appearance.insert("url".into(), u.into());
        }
        if let Some(d) = s.published_at {
            appearance.insert("datePublished".into(), d.format("%Y-%m-%d").to_string().into());
        }
        if let Some(o) = &s.outlet {
            appearance.insert("publisher".into(), json!({"@type": "Organization", "name": o}));
        }
        item.insert("appearance".into(), Value::Array(vec![Value::Object(appearance)]));
    }

    // The review's date is when its verdict was last decided.
    let decided = c.history.iter().rev().find(|h| h.change == Change::Verdict).map_or(r.generated_at, |h| h.at);
    let author = match (&r.organisation, &r.analyst) {
        (Some(o), _) => json!({"@type": "Organization", "name": o}),
        (None, Some(a)) => json!({"@type": "Person", "name": a}),
        (None, None) => json!({"@type": "Organization", "name": "Crosscheck"}),
    };
    let mut review = Map::new();
    review.insert("@context".into(), "https://schema.org".into());
    review.insert("@type".into(), "ClaimReview".into());
    review.insert("url".into(), format!("{base}#claim-{}", cl.id).into());
    review.insert("claimReviewed".into(), cl.text.clone().into());
    review.insert("author".into(), author);
    review.insert("datePublished".into(), decided.format("%Y-%m-%d").to_string().into());
    review.insert("inLanguage".into(), r.language.clone().into());
    review.insert("itemReviewed".into(), Value::Object(item));
    review.insert("reviewRating".into(), Value::Object(rating));
    Value::Object(review)
}

/// `(worst, best)` over the rated verdicts of the report's taxonomy.
fn scale(r: &Report) -> Option<(u32, u32)> {
    crate::model::Taxonomy { verdicts: r.taxonomy.clone() }.scale()
}

fn claim_author(r: &Report, c: &ClaimEntry) -> Value {
    let cl = &c.claim;
    match cl.speaker.party.as_deref().and_then(|k| r.party(k)) {
        Some(p) => {
            let kind = match p.kind {
                _ if p.government => "GovernmentOrganization",
                PartyKind::Person => "Person",
                PartyKind::State | PartyKind::Organisation | PartyKind::Media => "Organization",
            };
            let mut v = json!({"@type": kind, "name": p.name});
            // A person speaking for a state keeps the state as affiliation.
            if p.kind == PartyKind::Person && !cl.speaker.name.is_empty() && cl.speaker.name != p.name {
                v["alternateName"] = cl.speaker.name.clone().into();
            }
            v
        }
        None => json!({"@type": "Person", "name": cl.speaker.name}),
    }
}
