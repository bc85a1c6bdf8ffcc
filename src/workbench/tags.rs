//! Coding by issue: tagging claims with the questions they bear on, the tags in use, and the
//! party × tag matrix (each cell's claims with their verdicts).

use super::Workbench;
use crate::error::Result;
use crate::model::{clean_tag, TagCount, TagMatrix};
use crate::store::TagOp;

impl Workbench {
    /// Adds `tag` to every claim of `ids` in one transaction (all or none) under the analyst's
    /// name; returns how many claims gained it. A blank tag or an unknown claim changes nothing.
    pub fn tag_claims(&mut self, tag: &str, ids: &[i64], note: &str) -> Result<usize> {
        let tag = clean_tag(tag)?;
        let analyst = self.analyst()?;
        self.store.set_tag(ids, &tag, TagOp::Add, note, &analyst)
    }

    /// Removes `tag` from every claim of `ids` in one transaction; returns how many lost it.
    /// A tag no claim carries is an error, so that a typo is not read as done.
    pub fn untag_claims(&mut self, tag: &str, ids: &[i64], note: &str) -> Result<usize> {
        let tag = clean_tag(tag)?;
        let analyst = self.analyst()?;
        self.store.set_tag(ids, &tag, TagOp::Remove, note, &analyst)
    }

    /// A claim's tags, alphabetically.
    pub fn claim_tags(&self, claim_id: i64) -> Result<Vec<String>> {
        self.store.claim_tags(claim_id)
    }

    /// The tags in use, with how many claims carry each.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        self.store.tags()
    }

    /// Parties × tags, with the claims of each cell and their verdicts.
    pub fn tag_matrix(&self) -> Result<TagMatrix> {
        self.store.tag_matrix()
    }
}
