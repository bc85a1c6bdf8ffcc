//! Import batches and feed pulls: the loops that run [`crate::ingest`] over many inputs and
//! hand each document to [`Workbench::import_document`], so every path (file, URL, feed item)
//! goes through the same extraction and the same one-transaction write.
//!
//! Failures are per input: a 404, a timeout, a broken PDF or a page without text is one entry
//! in [`ImportSummary::failed`], and the batch goes on. Nothing is half-imported, because each
//! input is written in one transaction after it was fully read.

use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::ingest::{self, feed::FeedItem, FetchConfig, Input};
use crate::store::FeedRecord;
use crate::workbench::{ImportOutcome, ImportSummary, Progress, Workbench};

impl Workbench {
    /// Imports files, folders (walked) and http(s) URLs, one transaction per input, keeping
    /// each input's original bytes; failures are per input.
    pub fn import_inputs(&mut self, inputs: &[String], fetch: &FetchConfig, progress: &mut dyn Progress) -> Result<ImportSummary> {
        let fetch = &self.fetch_policy(fetch)?;
        let items = ingest::expand(inputs);
        let gazetteer = self.store().gazetteer()?;
        let mut summary = ImportSummary::default();
        progress.start(items.len());
        for (i, (name, input)) in items.into_iter().enumerate() {
            if progress.cancelled() {
                summary.cancelled = true;
                break;
            }
            match input.and_then(|input| self.import_input(&name, &input, fetch, &gazetteer)) {
                Ok(outcome) => summary.imported.push(ImportOutcome { input: name.clone(), ..outcome }),
                Err(e) if store_unavailable(&e) => return Err(e),
                Err(e) => summary.failed.push((name.clone(), e.to_string())),
            }
            progress.item(i + 1, &name);
        }
        Ok(summary)
    }

    /// Fetches and imports one URL.
    pub fn import_url(&mut self, url: &str, fetch: &FetchConfig) -> Result<ImportOutcome> {
        let fetch = &self.fetch_policy(fetch)?;
        let gazetteer = self.store().gazetteer()?;
        self.import_input(url, &Input::Url(url.to_string()), fetch, &gazetteer)
    }

    /// `fetch`, allowed to reach private addresses when the analyst's `fetch_private` setting
    /// says so (intranet pages); see [`crate::ingest::fetch`].
    fn fetch_policy(&self, fetch: &FetchConfig) -> Result<FetchConfig> {
        let mut fetch = fetch.clone();
        fetch.allow_private |= self.store().setting(crate::verify::FETCH_PRIVATE_SETTING)?.as_deref() == Some("yes");
        Ok(fetch)
    }

    fn import_input(&mut self, name: &str, input: &Input, fetch: &FetchConfig, gazetteer: &Gazetteer) -> Result<ImportOutcome> {
        match input {
            Input::File(path) => {
                let bytes = ingest::read_file(path)?;
                let doc = ingest::load(name, &bytes)?;
                self.import_document(doc, Some(bytes), gazetteer)
            }
            Input::Url(url) => {
                let fetched = ingest::fetch::fetch(url, fetch)?;
                let doc = ingest::load_fetched(&fetched)?;
                self.import_document(doc, Some(fetched.bytes), gazetteer)
            }
        }
    }

    /// Subscribes to the feed at `url`, after checking that it is one.
    pub fn feed_add(&mut self, url: &str, fetch: &FetchConfig) -> Result<FeedRecord> {
        let fetch = &self.fetch_policy(fetch)?;
        let fetched = ingest::fetch::fetch(url, fetch)?;
        let feed = ingest::feed::parse(url, &fetched.bytes)?;
        self.store_mut().add_feed(url, feed.title.as_deref())
    }

    /// Pulls every subscribed feed and imports the items not imported before (see
    /// [`crate::ingest::feed`] for what happens when an item's page cannot be read). A feed
    /// that cannot be fetched is one failure; its items are tried again on the next pull.
    pub fn feed_pull(&mut self, fetch: &FetchConfig, progress: &mut dyn Progress) -> Result<ImportSummary> {
        let fetch = &self.fetch_policy(fetch)?;
        let mut summary = ImportSummary::default();
        let mut todo: Vec<(i64, Option<String>, FeedItem)> = Vec::new();
        for feed in self.store().feeds()? {
            let parsed = ingest::fetch::fetch(&feed.url, fetch).and_then(|f| ingest::feed::parse(&feed.url, &f.bytes));
            match parsed {
                Ok(parsed) => {
                    self.store_mut().record_feed_pull(feed.id, parsed.title.as_deref(), None)?;
                    for item in parsed.items {
                        if !self.store().feed_item_seen(feed.id, &item.key)? {
                            todo.push((feed.id, parsed.title.clone().or(feed.title.clone()), item));
                        }
                    }
                }
                Err(e) => {
                    self.store_mut().record_feed_pull(feed.id, None, Some(&e.to_string()))?;
                    summary.failed.push((feed.url.clone(), e.to_string()));
                }
            }
        }
        let gazetteer = self.store().gazetteer()?;
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

/// Whether an error is the store's, not the input's: every later input would fail the same way,
/// so the batch stops and the caller sees the error itself (a locked store is exit code 3, not
/// "every input failed"). What was imported before stays: each input committed on its own.
fn store_unavailable(e: &Error) -> bool {
    matches!(e, Error::Locked { .. } | Error::ReadOnly { .. } | Error::NotAStore { .. })
}
