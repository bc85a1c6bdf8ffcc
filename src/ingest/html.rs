//! Web pages to documents: the article's main text and its metadata, never its markup.
//!
//! Main-text extraction is `dom_smoothie`, a port of Mozilla's Readability (the algorithm behind
//! Firefox's reader view), chosen over `readability` (unmaintained, pulls reqwest), `readabilityrs`
//! (young, single maintainer) and `llm_readability` (targets LLM markdown, pre-1.0 churn) because
//! it is actively maintained, follows readability.js closely with its test pages, extracts
//! JSON-LD metadata, has an element cap, and parses with html5ever (no C, no network). It drops
//! navigation, cookie banners, "most read" boxes, comments and scripts by scoring, which is what
//! we want; we only add the metadata Readability does not look at (canonical URL, `og:locale`,
//! `<time datetime>`).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};

use super::Document;
use crate::error::{Error, Result};
use crate::text::is_web_url;

/// Element count above which a page is refused: real article pages hold a few thousand; this
/// bounds the work and memory a hostile page can cost.
pub const MAX_ELEMENTS: usize = 200_000;

/// Nesting depth beyond which the markup is cut before parsing. html5ever's tree builder is
/// iterative and did not overflow on 100,000 nested `<div>`s, but Readability's ancestor walks
/// made that page cost over seven minutes of CPU (measured); cut to this depth it takes well
/// under a second. No real page nests past a few dozen levels.
pub const MAX_DEPTH: usize = 512;

/// Reads an HTML page (already decoded) named `name`; `page_url` resolves relative links and
/// is the fallback canonical URL.
pub fn parse(name: &str, html: &str, page_url: Option<&str>) -> Result<Document> {
    let html = cap_nesting(html, MAX_DEPTH);
    let dom = Dom::from(html.as_ref());
    let extra = Extra::read(&dom);
    let base = page_url.filter(|u| is_web_url(u));
    let cfg = Config { max_elements_to_parse: MAX_ELEMENTS, text_mode: TextMode::Formatted, ..Default::default() };
    let mut reader = Readability::with_document(dom, base, Some(cfg)).map_err(|e| readability_error(name, e))?;
    let article = reader.parse().map_err(|e| readability_error(name, e))?;
    let text = super::tidy(&article.text_content);
    if text.is_empty() {
        return Err(Error::bad_input(name, "holds no article text"));
    }
    let title = clean(&article.title).or_else(|| extra.title.clone()).unwrap_or_else(|| super::title_of(&text, "text"));
    // A page may only name a canonical URL on its own site: any page could otherwise declare
    // itself a new version of another outlet's article (and supersede it in the store). Without
    // a page URL (a saved file) there is no site to hold it to, and the declaration stands.
    let own_site = |u: &&str| base.is_none_or(|b| super::canonical_url(u, Some(b)).is_some_and(|c| super::same_site(&c, b)));
    let declared = extra.canonical.iter().chain(extra.og_url.iter()).chain(article.url.iter()).map(String::as_str).filter(own_site);
    let canonical = declared.chain(base);
    Ok(Document {
        title,
        outlet: article.site_name.as_deref().and_then(clean),
        author: article.byline.as_deref().and_then(clean),
        url: Some(page_url.unwrap_or(name).to_string()),
        canonical_url: canonical.filter_map(|u| super::canonical_url(u, base)).next(),
        language: article.lang.as_deref().and_then(language_code).or_else(|| extra.locale.as_deref().and_then(language_code)),
        published_at: article.published_time.as_deref().and_then(parse_time).or_else(|| extra.time.as_deref().and_then(parse_time)),
        format: "html".to_string(),
        text,
        ..Default::default()
    })
}

fn readability_error(name: &str, e: ReadabilityError) -> Error {
    match e {
        ReadabilityError::TooManyElements(n, max) => Error::bad_input(name, format!("has {n} HTML elements; the limit is {max}")),
        ReadabilityError::GrabFailed => Error::bad_input(name, "holds no article text that could be found"),
        ReadabilityError::BadDocumentURL => Error::bad_input(name, "has a page URL that is not absolute"),
    }
}

/// Metadata Readability leaves aside.
#[derive(Default)]
struct Extra {
    canonical: Option<String>,
    og_url: Option<String>,
    locale: Option<String>,
    time: Option<String>,
    title: Option<String>,
}

impl Extra {
    fn read(dom: &Dom) -> Extra {
        let attr = |sel: &str, name: &str| dom.select(sel).attr(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        Extra {
            canonical: attr("link[rel~=canonical]", "href"),
            og_url: attr("meta[property='og:url']", "content"),
            locale: attr("meta[property='og:locale']", "content"),
            time: attr("article time[datetime]", "datetime").or_else(|| attr("time[datetime]", "datetime")),
            title: clean(&dom.select("title").text()),
        }
    }
}

/// Cuts markup nested deeper than `max` by dropping every start tag past that depth (their
/// text stays, attached to the deepest kept element). The count is deliberately crude (it
/// ignores void and self-closing elements and raw-text content): it only has to bound depth
/// on hostile input, and it never fires on a real page, which returns borrowed and unchanged.
fn cap_nesting(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    const VOID: [&str; 14] = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"];
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut cut: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + off;
        let end = bytes[start..].iter().position(|&b| b == b'>').map_or(bytes.len(), |e| start + e + 1);
        let tag = &html[start..end];
        let closing = tag.starts_with("</");
        let name: String = tag.trim_start_matches(['<', '/']).chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        let opening = !closing && !name.is_empty() && !tag.ends_with("/>") && !VOID.contains(&name.as_str());
        if closing && !name.is_empty() {
            depth = depth.saturating_sub(1);
        } else if opening {
            depth += 1;
            if depth > max {
                let out = cut.get_or_insert_with(|| String::with_capacity(html.len()));
                out.push_str(&html[copied..start]);
                copied = end;
            }
        }
        i = end;
        if i >= bytes.len() {
            break;
        }
    }
    match cut {
        Some(mut out) => {
            out.push_str(&html[copied..]);
            std::borrow::Cow::Owned(out)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}

fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// ISO 639-1 code from a language tag or locale ("fr-FR", "fr_FR", "EN").
pub(crate) fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

/// A publication time as pages write it: RFC 3339, ISO 8601 without a colon in the offset,
/// a naive date-time (taken as UTC) or a bare date (midnight UTC).
pub(crate) fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some(t.with_timezone(&Utc));
        }
    }
    for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc());
        }
    }
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_in_the_forms_pages_use() {
        let check = |s: &str, expected: &str| {
            assert_eq!(parse_time(s).map(|t| t.to_rfc3339()), Some(expected.to_string()), "parsing {s:?}");
        };
        check("2024-09-12T10:30:00+02:00", "2024-09-12T08:30:00+00:00");
        check("2024-09-12T10:30:00+0200", "2024-09-12T08:30:00+00:00");
        check("2024-09-12T10:30:00", "2024-09-12T10:30:00+00:00");
        check("2024-09-12", "2024-09-12T00:00:00+00:00");
        check("Thu, 12 Sep 2024 10:30:00 GMT", "2024-09-12T10:30:00+00:00");
        assert_eq!(parse_time("hier"), None, "prose is no time");
    }

    #[test]
    fn language_tags_and_locales_reduce_to_iso_639_1() {
        assert_eq!(language_code("fr-FR").as_deref(), Some("fr"), "BCP 47 tag");
        assert_eq!(language_code("en_GB").as_deref(), Some("en"), "og:locale");
        assert_eq!(language_code("x").as_deref(), None, "not a language");
    }

    #[test]
    fn nesting_past_the_cap_is_cut_and_shallow_markup_is_untouched() {
        let shallow = "<html><body><div><p>Bakou<br>dément</p></div></body></html>";
        assert!(matches!(cap_nesting(shallow, 8), std::borrow::Cow::Borrowed(_)), "a normal page is not copied");
        let deep = format!("{}x{}", "<div>".repeat(10), "</div>".repeat(10));
        assert_eq!(cap_nesting(&deep, 3), format!("{}x{}", "<div>".repeat(3), "</div>".repeat(10)), "start tags past depth 3 are dropped");
    }
}
