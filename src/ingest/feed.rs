//! RSS and Atom feeds (parsed by `feed-rs`, which also reads RSS 1.0 and JSON Feed) to lists
//! of items, and an item's own content to a [`Document`] for when its page cannot be read.
//!
//! Pulling policy (in the workbench): each new item's link is fetched and imported like any
//! page. When that fails and the item carries text of its own (`content:encoded`, Atom
//! `content`, or a summary), that text is imported instead, with format `feed` so the analyst
//! can tell a full page from a feed excerpt; if the page later becomes readable, re-importing
//! it stores a newer version of the same canonical URL.

use chrono::{DateTime, Utc};

use super::Document;
use crate::error::{Error, Result};

/// A parsed feed.
#[derive(Debug, Clone)]
pub struct Feed {
    /// The feed's title.
    pub title: Option<String>,
    /// Its items, in feed order.
    pub items: Vec<FeedItem>,
}

/// One item of a feed.
#[derive(Debug, Clone)]
pub struct FeedItem {
    /// Identity within the feed: the RSS guid / Atom id (feed-rs hashes the link and title
    /// when there is none). An item is new when its key has not been seen in this feed.
    pub key: String,
    /// The article's URL.
    pub link: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Publication (or, failing that, update) time.
    pub published: Option<DateTime<Utc>>,
    /// Authors' names, joined.
    pub author: Option<String>,
    /// The item's own content or summary, usually an HTML fragment.
    pub body: Option<String>,
    /// The item's or the feed's language.
    pub language: Option<String>,
}

/// Parses feed bytes fetched from `url`.
pub fn parse(url: &str, bytes: &[u8]) -> Result<Feed> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| Error::bad_input(url, format!("is not an RSS or Atom feed: {e}")))?;
    let feed_lang = feed.language.clone();
    let items = feed
        .entries
        .into_iter()
        .map(|e| {
            let names: Vec<String> = e.authors.iter().filter_map(|p| p.name.as_deref()).map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
            FeedItem {
                key: e.id,
                link: e.links.first().map(|l| l.href.clone()),
                title: e.title.map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty()),
                published: e.published.or(e.updated),
                author: (!names.is_empty()).then(|| names.join(", ")),
                body: e.content.and_then(|c| c.body).or(e.summary.map(|s| s.content)).filter(|b| !b.trim().is_empty()),
                language: e.language.or_else(|| feed_lang.clone()),
            }
        })
        .collect();
    Ok(Feed { title: feed.title.map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty()), items })
}

/// The item's own text as a document (see the module's pulling policy), or `None` when it
/// carries none.
pub fn item_document(item: &FeedItem, feed_title: Option<&str>) -> Option<Document> {
    let body = item.body.as_deref()?;
    let dom = dom_query::Document::from(format!("<html><body>{body}</body></html>"));
    // The fragment is untrusted markup: its scripts and styles are code, not text.
    dom.select("script, style, noscript, template, iframe, object").remove();
    let text = super::tidy(&dom.select("body").formatted_text());
    if text.is_empty() {
        return None;
    }
    let text = match &item.title {
        Some(t) => format!("{t}\n\n{text}"),
        None => text,
    };
    Some(Document {
        title: item.title.clone().unwrap_or_else(|| super::title_of(&text, "text")),
        outlet: feed_title.map(str::to_string),
        author: item.author.clone(),
        url: item.link.clone(),
        canonical_url: item.link.as_deref().and_then(|l| super::canonical_url(l, None)),
        language: item.language.as_deref().and_then(super::html::language_code),
        published_at: item.published,
        format: "feed".to_string(),
        text,
        ..Default::default()
    })
}
