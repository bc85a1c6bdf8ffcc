//! Verification: what the analyst concluded about each claim and conflict, on what evidence,
//! and the append-only history of those decisions.
//!
//! Two judgements are kept apart for every claim: [`Attribution`] (was it said, and by whom) and
//! a verdict from the workspace's [`Taxonomy`] (is it true). Conflicts get a [`ConflictStatus`].
//! Every change is appended to the history with the analyst's name (the `analyst` setting); the
//! store refuses to rewrite history, and these operations refuse to run before the name is set.

use std::path::Path;

use super::{anchor_in, Workbench};
use crate::error::{Error, Result};
use crate::model::{
    Attribution, ClaimVerification, ConflictStatus, ConflictVerdict, EvidenceItem, HistoryEntry, Labels, NewEvidence,
    NewEvidenceKind, NewVerdict, Relation, Target, Taxonomy, ANALYST_SETTING, FETCH_PRIVATE_SETTING, SETTINGS,
};
use crate::text::is_web_url;

impl Workbench {
    /// The analyst's name, or an error saying how to set it: history needs a name.
    pub fn analyst(&self) -> Result<String> {
        match self.store.setting(ANALYST_SETTING)? {
            Some(name) if !name.trim().is_empty() => Ok(name),
            _ => Err(Error::bad_input(
                "analyst",
                "your name is not set; run `crosscheck config set analyst \"Your Name\"` once",
            )),
        }
    }

    /// A setting's value, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.store.setting(key)
    }

    /// Every setting that is set, by key.
    pub fn settings(&self) -> Result<Vec<(String, String)>> {
        self.store.settings()
    }

    /// A claim's verdict and attribution status.
    pub fn verification(&self, claim_id: i64) -> Result<ClaimVerification> {
        self.store.verification(claim_id)
    }

    /// Evidence attached to a claim or a conflict, oldest first.
    pub fn evidence(&self, target: Target) -> Result<Vec<EvidenceItem>> {
        self.store.evidence(target)
    }

    /// The history of a claim or a conflict, in order; of the whole workspace with `None`.
    pub fn history(&self, target: Option<Target>) -> Result<Vec<HistoryEntry>> {
        match target {
            Some(t) => self.store.history(t),
            None => self.store.all_history(),
        }
    }

    /// Sets a workspace setting (one of [`SETTINGS`]); the analyst's name cannot be empty.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        if !SETTINGS.iter().any(|(k, _)| *k == key) {
            let known: Vec<&str> = SETTINGS.iter().map(|(k, _)| *k).collect();
            return Err(Error::bad_input("setting", format!("{key:?} is not one of {}", known.join(", "))));
        }
        let value = value.trim();
        if key == ANALYST_SETTING && value.is_empty() {
            return Err(Error::bad_input("analyst", "your name is empty"));
        }
        if key == "publish_url" && !is_web_url(value) {
            return Err(Error::bad_input("publish_url", "must be an http:// or https:// URL"));
        }
        if key == "language" && !matches!(value, "en" | "fr") {
            return Err(Error::bad_input("language", "must be en or fr"));
        }
        if key == FETCH_PRIVATE_SETTING && !matches!(value, "yes" | "no") {
            return Err(Error::bad_input(FETCH_PRIVATE_SETTING, "must be yes or no"));
        }
        self.store.set_setting(key, value)
    }

    /// The workspace's verdict taxonomy, in display order.
    pub fn taxonomy(&self) -> Result<Taxonomy> {
        self.store.taxonomy()
    }

    /// Gives a claim a verdict from the taxonomy, with a note for the history.
    pub fn set_verdict(&mut self, claim_id: i64, verdict: &str, note: &str) -> Result<ClaimVerification> {
        let analyst = self.analyst()?;
        self.store.set_verdict(claim_id, verdict, note, &analyst)
    }

    /// Gives many claims one verdict in one transaction (all or none: an unknown claim or verdict
    /// changes nothing), with a history entry per claim whose verdict changed; returns how many
    /// changed. This is the worktable's bulk action.
    pub fn set_verdicts(&mut self, ids: &[i64], verdict: &str, note: &str) -> Result<usize> {
        let analyst = self.analyst()?;
        self.store.set_verdicts(ids, verdict, note, &analyst)
    }

    /// Records whether a claim's attribution was checked.
    pub fn set_attribution(&mut self, claim_id: i64, attribution: Attribution, note: &str) -> Result<ClaimVerification> {
        let analyst = self.analyst()?;
        self.store.set_attribution(claim_id, attribution, note, &analyst)
    }

    /// Sets a conflict's status.
    pub fn set_conflict_status(&mut self, conflict_id: i64, status: ConflictStatus, explanation: &str) -> Result<ConflictVerdict> {
        let analyst = self.analyst()?;
        self.store.conflict(conflict_id)?;
        if let Some(p) = status.party() {
            // Store the canonical key, whatever name or alias was typed.
            let key = self.store.find_party(p)?.key;
            let status = ConflictStatus::Resolved(key);
            return self.store.set_conflict_status(conflict_id, &status, explanation, &analyst);
        }
        self.store.set_conflict_status(conflict_id, &status, explanation, &analyst)
    }

    /// Who is right in a conflict, if the analyst said.
    pub fn conflict_verdict(&self, id: i64) -> Result<Option<ConflictVerdict>> {
        self.store.conflict_verdict(id)
    }

    /// One piece of evidence by id, if it exists.
    pub fn evidence_item(&self, id: i64) -> Result<Option<EvidenceItem>> {
        self.store.evidence_item(id)
    }

    /// Attaches evidence to a claim or a conflict. A file's bytes go into the store by hash.
    pub fn add_evidence(&mut self, evidence: NewEvidence) -> Result<EvidenceItem> {
        let analyst = self.analyst()?;
        self.store.add_evidence(&evidence, &analyst)
    }

    /// Reads a file and attaches it as evidence; the store keeps its bytes by SHA-256.
    pub fn add_file_evidence(&mut self, target: Target, path: &Path, relation: Relation, note: &str) -> Result<EvidenceItem> {
        let bytes = crate::ingest::read_file(path)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.add_evidence(NewEvidence { target, relation, kind: NewEvidenceKind::File { name, bytes }, note: note.to_string() })
    }

    /// Attaches a passage of an imported source (chars `start..end`) as evidence.
    pub fn add_passage_evidence(&mut self, target: Target, source_id: i64, start: usize, end: usize, relation: Relation, note: &str) -> Result<EvidenceItem> {
        let source = self.store.source(source_id)?;
        let len = source.text.chars().count();
        if start >= end || end > len {
            return Err(Error::bad_input("passage", format!("{start}-{end} is not inside source {source_id}'s {len} characters")));
        }
        let anchor = anchor_in(&source.text, start, end);
        self.add_evidence(NewEvidence { target, relation, kind: NewEvidenceKind::Passage { source_id, anchor }, note: note.to_string() })
    }

    /// Adds a verdict to the taxonomy.
    pub fn add_verdict(&mut self, verdict: NewVerdict) -> Result<Taxonomy> {
        let analyst = self.analyst()?;
        verdict.validate()?;
        self.store.add_verdict(&verdict, &analyst)
    }

    /// Relabels a verdict (its key stays: claims refer to it).
    pub fn rename_verdict(&mut self, key: &str, labels: Labels) -> Result<Taxonomy> {
        let analyst = self.analyst()?;
        self.store.rename_verdict(key, &labels, &analyst)
    }

    /// Moves a verdict to a 1-based position in the display order.
    pub fn move_verdict(&mut self, key: &str, position: usize) -> Result<Taxonomy> {
        let analyst = self.analyst()?;
        self.store.move_verdict(key, position, &analyst)
    }
}
