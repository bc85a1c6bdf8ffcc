//! Feeds: subscribing to RSS/Atom feeds and pulling them. Each new item is imported like any
//! other document; an item whose page cannot be read is imported from the feed's own text when
//! it has some (see [`crate::ingest::feed`]). A feed that cannot be fetched is one failure; its
//! items are tried again on the next pull.

use super::import::store_unavailable;
use super::{ImportOutcome, ImportSummary, Progress, Workbench};
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::ingest::{self, feed::FeedItem, FetchConfig};
use crate::store::FeedRecord;

impl Workbench {
    /// The subscribed feeds.
    pub fn feeds(&self) -> Result<Vec<FeedRecord>> {
        self.store.feeds()
    }

    /// Subscribes to the feed at `url`, after checking that it is one.
    pub fn feed_add(&mut self, url: &str, fetch: &FetchConfig) -> Result<FeedRecord> {
        let fetch = &self.fetch_policy(fetch)?;
        let fetched = ingest::fetch::fetch(url, fetch)?;
        let feed = ingest::feed::parse(url, &fetched.bytes)?;
        self.store.add_feed(url, feed.title.as_deref())
    }

    /// Pulls every subscribed feed and imports the items not imported before (see
    /// [`crate::ingest::feed`] for what happens when an item's page cannot be read). A feed
    /// that cannot be fetched is one failure; its items are tried again on the next pull.
    pub fn feed_pull(&mut self, fetch: &FetchConfig, progress: &mut dyn Progress) -> Result<ImportSummary> {
        let fetch = &self.fetch_policy(fetch)?;
        let mut summary = ImportSummary::default();
        let mut todo: Vec<(i64, Option<String>, FeedItem)> = Vec::new();
        for feed in self.store.feeds()? {
            let parsed = ingest::fetch::fetch(&feed.url, fetch).and_then(|f| ingest::feed::parse(&feed.url, &f.bytes));
            match parsed {
                Ok(parsed) => {
                    self.store.record_feed_pull(feed.id, parsed.title.as_deref(), None)?;
                    for item in parsed.items {
                        if !self.store.feed_item_seen(feed.id, &item.key)? {
                            todo.push((feed.id, parsed.title.clone().or(feed.title.clone()), item));
                        }
                    }
                }
                Err(e) => {
                    self.store.record_feed_pull(feed.id, None, Some(&e.to_string()))?;
                    summary.failed.push((feed.url.clone(), e.to_string()));
                }
            }
        }
        let gazetteer = self.gazetteer()?;
        progress.start(todo.len());
        for (i, (feed_id, feed_title, item)) in todo.iter().enumerate() {
            if progress.cancelled() {
                summary.cancelled = true;
                break;
            }
            let name = item.link.clone().unwrap_or_else(|| item.key.clone());
            match self.import_feed_item(*feed_id, feed_title.as_deref(), item, fetch, &gazetteer) {
                Ok(outcome) => summary.imported.push(ImportOutcome { input: name.clone(), ..outcome }),
                Err(e) if store_unavailable(&e) => return Err(e),
                Err(e) => summary.failed.push((name.clone(), e.to_string())),
            }
            progress.item(i + 1, &name);
        }
        Ok(summary)
    }

    fn import_feed_item(
        &mut self,
        feed_id: i64,
        feed_title: Option<&str>,
        item: &FeedItem,
        fetch: &FetchConfig,
        gazetteer: &Gazetteer,
    ) -> Result<ImportOutcome> {
        let page = match &item.link {
            Some(link) => ingest::fetch::fetch(link, fetch).and_then(|f| Ok((ingest::load_fetched(&f)?, f.bytes))),
            None => Err(Error::bad_input(&item.key, "has no link")),
        };
        let mark = Some((feed_id, item.key.as_str()));
        match page {
            Ok((mut doc, bytes)) => {
                doc.published_at = doc.published_at.or(item.published);
                doc.author = doc.author.or_else(|| item.author.clone());
                doc.outlet = doc.outlet.or_else(|| feed_title.map(str::to_string));
                self.import_document_in_feed(doc, Some(bytes), gazetteer, mark)
            }
            Err(page_error) => match ingest::feed::item_document(item, feed_title) {
                Some(doc) => {
                    let raw = item.body.clone().map(String::into_bytes);
                    self.import_document_in_feed(doc, raw, gazetteer, mark)
                }
                None => Err(page_error),
            },
        }
    }
}
