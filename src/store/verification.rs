//! The verification schema (settings, verdicts, evidence, blobs, history: their queries are in
//! `settings.rs`, `taxonomy.rs`, `evidence.rs` and `history.rs`), claims' verdicts and attribution
//! status, conflicts' status, and the analyst's edits and deletions of claims.
//!
//! Every write that changes a judgement appends its history entry in the same transaction, so
//! the history can never miss a change nor record one that did not happen. The history and the
//! blobs are protected by triggers: an UPDATE or DELETE on `history`, or an UPDATE on `blobs`,
//! aborts.
//!
//! A conflict's verification status lives here (`conflict_verdicts`): who, if anyone, the
//! evidence bears out. Whether it is a conflict at all is `conflicts.status`.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::history::{append_history_in, to_json};
use super::{compact, Store};
use crate::error::{Error, Result};
use crate::model::{Anchor, Attribution, Change, Claim, ClaimVerification, ConflictStatus, ConflictVerdict, Origin, ReviewState, Stance, DEFAULT_VERDICT};

/// Migration: the verification tables.
pub(super) const VERIFICATION: &str = r#"
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE verdicts (
    key TEXT PRIMARY KEY,
    label_en TEXT NOT NULL,
    label_fr TEXT NOT NULL,
    colour TEXT NOT NULL,
    position INTEGER NOT NULL,
    rated INTEGER NOT NULL,
    rating INTEGER,
    conclusive INTEGER NOT NULL
);

-- A claim without a row is unverified and unchecked.
CREATE TABLE claim_verdicts (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    verdict TEXT NOT NULL REFERENCES verdicts(key),
    attribution TEXT NOT NULL CHECK (attribution IN ('unchecked','confirmed','relayed_only','misattributed')),
    updated_at TEXT NOT NULL
);
CREATE INDEX claim_verdicts_verdict ON claim_verdicts(verdict);

-- conflict_id: conflicts(id); the foreign key is added by CONFLICT_KEYS (migration 6).
CREATE TABLE conflict_verdicts (
    conflict_id INTEGER PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('open','resolved','all_contradicted','unresolvable')),
    party_key TEXT REFERENCES parties(key) ON UPDATE CASCADE,
    explanation TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((status = 'resolved') = (party_key IS NOT NULL))
);

CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TRIGGER blobs_immutable BEFORE UPDATE ON blobs BEGIN
    SELECT RAISE(ABORT, 'blobs are immutable: a changed file is a new blob');
END;

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    conflict_id INTEGER,
    relation TEXT NOT NULL CHECK (relation IN ('supports','refutes','context')),
    kind TEXT NOT NULL CHECK (kind IN ('url','passage','file','note')),
    url TEXT,
    source_id INTEGER REFERENCES sources(id),
    start INTEGER,
    end INTEGER,
    exact TEXT,
    prefix TEXT,
    suffix TEXT,
    blob_sha256 TEXT REFERENCES blobs(sha256),
    file_name TEXT,
    note TEXT NOT NULL,
    analyst TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((claim_id IS NULL) <> (conflict_id IS NULL))
);
CREATE INDEX evidence_claim ON evidence(claim_id);
CREATE INDEX evidence_conflict ON evidence(conflict_id);

-- No foreign keys: the history outlives what it is about.
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER,
    conflict_id INTEGER,
    change TEXT NOT NULL,
    old TEXT,
    new TEXT,
    note TEXT NOT NULL,
    analyst TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX history_claim ON history(claim_id);
CREATE INDEX history_conflict ON history(conflict_id);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
"#;

/// Migration 10: a conflict can be judged `both_partly` (each side partly right). The CHECK
/// constraint naming the statuses cannot be altered in place, so the table is rebuilt.
pub(super) const BOTH_PARTLY: &str = r#"
CREATE TABLE conflict_verdicts_new (
    conflict_id INTEGER PRIMARY KEY REFERENCES conflicts(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('open','resolved','all_contradicted','both_partly','unresolvable')),
    party_key TEXT REFERENCES parties(key) ON UPDATE CASCADE,
    explanation TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((status = 'resolved') = (party_key IS NOT NULL))
);
INSERT INTO conflict_verdicts_new SELECT * FROM conflict_verdicts;
DROP TABLE conflict_verdicts;
ALTER TABLE conflict_verdicts_new RENAME TO conflict_verdicts;
"#;

/// Migration: foreign keys from `conflict_verdicts` and `evidence` to the align module's
/// `conflicts`, which did not exist when VERIFICATION was written. SQLite cannot add a foreign key
/// in place, so both tables are rebuilt; rows naming a conflict that does not exist (possible
/// only before conflicts existed) cannot be shown anywhere and are dropped.
pub(super) const CONFLICT_KEYS: &str = r#"
CREATE TABLE conflict_verdicts_new (
    conflict_id INTEGER PRIMARY KEY REFERENCES conflicts(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('open','resolved','all_contradicted','unresolvable')),
    party_key TEXT REFERENCES parties(key) ON UPDATE CASCADE,
    explanation TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((status = 'resolved') = (party_key IS NOT NULL))
);
INSERT INTO conflict_verdicts_new SELECT * FROM conflict_verdicts WHERE conflict_id IN (SELECT id FROM conflicts);
DROP TABLE conflict_verdicts;
ALTER TABLE conflict_verdicts_new RENAME TO conflict_verdicts;

CREATE TABLE evidence_new (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    conflict_id INTEGER REFERENCES conflicts(id) ON DELETE CASCADE,
    relation TEXT NOT NULL CHECK (relation IN ('supports','refutes','context')),
    kind TEXT NOT NULL CHECK (kind IN ('url','passage','file','note')),
    url TEXT,
    source_id INTEGER REFERENCES sources(id),
    start INTEGER,
    end INTEGER,
    exact TEXT,
    prefix TEXT,
    suffix TEXT,
    blob_sha256 TEXT REFERENCES blobs(sha256),
    file_name TEXT,
    note TEXT NOT NULL,
    analyst TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((claim_id IS NULL) <> (conflict_id IS NULL))
);
INSERT INTO evidence_new SELECT * FROM evidence WHERE conflict_id IS NULL OR conflict_id IN (SELECT id FROM conflicts);
DROP TABLE evidence;
ALTER TABLE evidence_new RENAME TO evidence;
CREATE INDEX evidence_claim ON evidence(claim_id);
CREATE INDEX evidence_conflict ON evidence(conflict_id);
"#;


/// What an analyst changes in a claim; `None` keeps the value.
#[derive(Debug, Clone, Default)]
pub struct ClaimEdit {
    /// Content text.
    pub text: Option<String>,
    /// Speaker name.
    pub speaker: Option<String>,
    /// Party key (already resolved), or `Some(None)` to clear it.
    pub party: Option<Option<String>>,
    /// Stance.
    pub stance: Option<Stance>,
    /// Cue.
    pub cue: Option<String>,
    /// A new span, already anchored in the claim's source.
    pub anchor: Option<Anchor>,
    /// The claim it answers, or `Some(None)` to unlink it.
    pub responds_to: Option<Option<i64>>,
}


fn verification_in(tx: &rusqlite::Connection, claim_id: i64) -> Result<ClaimVerification> {
    let exists: Option<i64> = tx.query_row("SELECT id FROM claims WHERE id = ?1", [claim_id], |r| r.get(0)).optional()?;
    exists.ok_or_else(|| Error::not_found("claim", claim_id))?;
    let row: Option<(String, String)> = tx
        .query_row("SELECT verdict, attribution FROM claim_verdicts WHERE claim_id = ?1", [claim_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match row {
        Some((verdict, attribution)) => {
            ClaimVerification { claim_id, verdict, attribution: Attribution::parse(&attribution).unwrap_or_default() }
        }
        None => ClaimVerification { claim_id, verdict: DEFAULT_VERDICT.to_string(), attribution: Attribution::Unchecked },
    })
}


fn put_verification_in(tx: &Transaction<'_>, v: &ClaimVerification) -> Result<()> {
    tx.execute(
        "INSERT INTO claim_verdicts (claim_id, verdict, attribution, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(claim_id) DO UPDATE SET verdict = ?2, attribution = ?3, updated_at = ?4",
        params![v.claim_id, v.verdict, v.attribution.as_str(), super::now()],
    )?;
    Ok(())
}


fn conflict_verdict_from_row(r: &Row<'_>) -> rusqlite::Result<ConflictVerdict> {
    let status: String = r.get(1)?;
    let party: Option<String> = r.get(2)?;
    Ok(ConflictVerdict {
        conflict_id: r.get(0)?,
        status: ConflictStatus::parse(&status, party.as_deref()).unwrap_or_default(),
        explanation: r.get(3)?,
    })
}

/// The ids a bulk change names: at least one, each once (a row picked twice is one change, and
/// one history entry), in the order given.
fn distinct_ids(ids: &[i64], what: &str) -> Result<Vec<i64>> {
    if ids.is_empty() {
        return Err(Error::bad_input("claims", format!("name at least one claim to {what}")));
    }
    let mut seen = std::collections::HashSet::new();
    Ok(ids.iter().copied().filter(|id| seen.insert(*id)).collect())
}

/// Gives every claim of `ids` the verdict `key` (a taxonomy key, already checked), logging each
/// claim whose verdict changed; returns how many changed. An unknown claim fails the whole call.
fn set_verdicts_in(tx: &Transaction<'_>, ids: &[i64], key: &str, note: &str, analyst: &str) -> Result<usize> {
    let mut changed = 0;
    for id in distinct_ids(ids, "judge")? {
        let mut v = verification_in(tx, id)?;
        if v.verdict == key {
            continue;
        }
        let old = std::mem::replace(&mut v.verdict, key.to_string());
        put_verification_in(tx, &v)?;
        append_history_in(tx, Some(id), None, Change::Verdict, Some(&old), Some(key), note, analyst)?;
        changed += 1;
    }
    Ok(changed)
}

/// Sets the party of every claim of `ids` to `party` (a known key) with the states it stands for,
/// as the analyst's correction: each changed claim becomes the analyst's, `edited`, and gets one
/// history entry. Returns how many changed; an unknown claim fails the whole call. The update
/// queues the claims for conflict detection (trigger `claims_detect_au`).
pub(crate) fn set_party_in(tx: &Transaction<'_>, ids: &[i64], party: &str, countries: &[String], note: &str, analyst: &str) -> Result<usize> {
    let countries_json = serde_json::to_string(countries).unwrap_or_else(|_| "[]".into());
    let mut changed = 0;
    for id in distinct_ids(ids, "attribute")? {
        let row: Option<(Option<String>, i64)> = tx
            .prepare_cached("SELECT party_key, review FROM claims WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (old_party, old_review) = row.ok_or_else(|| Error::not_found("claim", id))?;
        let old_review = compact::review_of(old_review);
        if old_party.as_deref() == Some(party) {
            continue;
        }
        tx.prepare_cached(
            "UPDATE claims SET party_key = ?2, countries = ?3, origin = ?4, review = ?5, updated_at = ?6 WHERE id = ?1",
        )?
        .execute(params![
            id,
            party,
            countries_json,
            compact::origin_code(Origin::Analyst),
            compact::review_code(ReviewState::Edited),
            compact::time_code(super::now())
        ])?;
        // The same shape as a single correction's entry, so the history reads one way.
        let mut old = serde_json::Map::new();
        let mut new = serde_json::Map::new();
        old.insert("party".into(), old_party.into());
        new.insert("party".into(), party.into());
        if old_review != ReviewState::Edited {
            old.insert("review".into(), old_review.as_str().into());
            new.insert("review".into(), ReviewState::Edited.as_str().into());
        }
        let (old, new) = (serde_json::Value::Object(old).to_string(), serde_json::Value::Object(new).to_string());
        append_history_in(tx, Some(id), None, Change::ClaimEdit, Some(&old), Some(&new), note, analyst)?;
        changed += 1;
    }
    Ok(changed)
}

impl Store {
    /// A claim's verdict and attribution status.
    pub fn verification(&self, claim_id: i64) -> Result<ClaimVerification> {
        verification_in(self.conn(), claim_id)
    }

    /// Every claim's verdict and attribution status that differs from the default, by claim id.
    pub fn verifications(&self) -> Result<HashMap<i64, ClaimVerification>> {
        let mut st = self.conn().prepare("SELECT claim_id, verdict, attribution FROM claim_verdicts")?;
        let rows = st.query_map([], |r| {
            let attribution: String = r.get(2)?;
            Ok(ClaimVerification {
                claim_id: r.get(0)?,
                verdict: r.get(1)?,
                attribution: Attribution::parse(&attribution).unwrap_or_default(),
            })
        })?;
        let mut out = HashMap::new();
        for v in rows {
            let v = v?;
            out.insert(v.claim_id, v);
        }
        Ok(out)
    }

    /// Sets a claim's verdict (a taxonomy key or label) and logs the change.
    pub fn set_verdict(&mut self, claim_id: i64, verdict: &str, note: &str, analyst: &str) -> Result<ClaimVerification> {
        let key = self.taxonomy()?.find(verdict)?.key.clone();
        self.write(|tx| {
            let mut v = verification_in(tx, claim_id)?;
            let old = std::mem::replace(&mut v.verdict, key.clone());
            put_verification_in(tx, &v)?;
            append_history_in(tx, Some(claim_id), None, Change::Verdict, Some(&old), Some(&key), note, analyst)?;
            Ok(v)
        })
    }

    /// Gives many claims one verdict (a taxonomy key or label) in one transaction (all or none),
    /// with a history entry per claim whose verdict changed; returns how many changed.
    pub fn set_verdicts(&mut self, ids: &[i64], verdict: &str, note: &str, analyst: &str) -> Result<usize> {
        let key = self.taxonomy()?.find(verdict)?.key.clone();
        self.write(|tx| set_verdicts_in(tx, ids, &key, note, analyst))
    }

    /// Sets a claim's attribution status and logs the change.
    pub fn set_attribution(&mut self, claim_id: i64, attribution: Attribution, note: &str, analyst: &str) -> Result<ClaimVerification> {
        self.write(|tx| {
            let mut v = verification_in(tx, claim_id)?;
            let old = std::mem::replace(&mut v.attribution, attribution);
            put_verification_in(tx, &v)?;
            append_history_in(
                tx,
                Some(claim_id),
                None,
                Change::Attribution,
                Some(old.as_str()),
                Some(attribution.as_str()),
                note,
                analyst,
            )?;
            Ok(v)
        })
    }

    /// A conflict's status, if the analyst set one.
    pub fn conflict_verdict(&self, conflict_id: i64) -> Result<Option<ConflictVerdict>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT conflict_id, status, party_key, explanation FROM conflict_verdicts WHERE conflict_id = ?1",
                [conflict_id],
                conflict_verdict_from_row,
            )
            .optional()?)
    }

    /// Every conflict status the analyst set, by conflict id.
    pub fn conflict_verdicts(&self) -> Result<Vec<ConflictVerdict>> {
        let mut st = self
            .conn()
            .prepare("SELECT conflict_id, status, party_key, explanation FROM conflict_verdicts ORDER BY conflict_id")?;
        let rows = st.query_map([], conflict_verdict_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets a conflict's status with its explanation, and logs the change.
    pub fn set_conflict_status(&mut self, conflict_id: i64, status: &ConflictStatus, explanation: &str, analyst: &str) -> Result<ConflictVerdict> {
        self.conflict(conflict_id)?;
        let old = self.conflict_verdict(conflict_id)?.map(|v| v.status).unwrap_or_default();
        self.write(|tx| {
            // Saying who is right is deciding that the claims do conflict.
            if *status != ConflictStatus::Open {
                super::conflicts::review_in(tx, conflict_id, crate::model::conflict_status::CONFIRMED, explanation, analyst)?;
            }
            tx.execute(
                "INSERT INTO conflict_verdicts (conflict_id, status, party_key, explanation, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(conflict_id) DO UPDATE SET status = ?2, party_key = ?3, explanation = ?4, updated_at = ?5",
                params![conflict_id, status.as_str(), status.party(), explanation, super::now()],
            )?;
            append_history_in(
                tx,
                None,
                Some(conflict_id),
                Change::ConflictStatus,
                Some(&to_json(&old)),
                Some(&to_json(status)),
                explanation,
                analyst,
            )
        })?;
        Ok(ConflictVerdict { conflict_id, status: status.clone(), explanation: explanation.to_string() })
    }

    /// Applies an analyst's edit to a claim: origin becomes `analyst`, and the history gets the
    /// changed fields before and after.
    pub fn edit_claim(&mut self, claim_id: i64, edit: &ClaimEdit, note: &str, analyst: &str) -> Result<Claim> {
        let before = self.claim(claim_id)?;
        let mut old = serde_json::Map::new();
        let mut new = serde_json::Map::new();
        let mut after = before.clone();
        if let Some(t) = edit.text.as_ref().filter(|t| **t != before.text) {
            if t.trim().is_empty() {
                return Err(Error::bad_input("--text", "a claim's text cannot be empty"));
            }
            old.insert("text".into(), before.text.clone().into());
            new.insert("text".into(), t.clone().into());
            after.text = t.clone();
        }
        if let Some(s) = edit.speaker.as_ref().filter(|s| **s != before.speaker.name) {
            old.insert("speaker".into(), before.speaker.name.clone().into());
            new.insert("speaker".into(), s.clone().into());
            after.speaker.name = s.clone();
        }
        if let Some(p) = edit.party.as_ref().filter(|p| **p != before.speaker.party) {
            old.insert("party".into(), before.speaker.party.clone().into());
            new.insert("party".into(), p.clone().into());
            after.speaker.party = p.clone();
            // The countries follow the party, or the claim would list the old side's state
            // (and conflict detection would still read it as that side).
            after.speaker.countries = match p {
                Some(key) => self.party(key)?.country.into_iter().collect(),
                None => Vec::new(),
            };
        }
        if let Some(st) = edit.stance.filter(|st| *st != before.stance) {
            old.insert("stance".into(), before.stance.as_str().into());
            new.insert("stance".into(), st.as_str().into());
            after.stance = st;
        }
        if let Some(c) = edit.cue.as_ref().filter(|c| **c != before.cue) {
            old.insert("cue".into(), before.cue.clone().into());
            new.insert("cue".into(), c.clone().into());
            after.cue = c.clone();
        }
        if let Some(a) = edit.anchor.as_ref().filter(|a| a.start != before.anchor.start || a.end != before.anchor.end) {
            old.insert("span".into(), serde_json::json!([before.anchor.start, before.anchor.end]));
            new.insert("span".into(), serde_json::json!([a.start, a.end]));
            after.anchor = a.clone();
        }
        if let Some(r) = edit.responds_to.filter(|r| *r != before.responds_to) {
            if let Some(target) = r {
                if target == claim_id {
                    return Err(Error::bad_input("responds_to", "a claim cannot answer itself"));
                }
                self.claim(target)?;
            }
            old.insert("responds_to".into(), before.responds_to.into());
            new.insert("responds_to".into(), r.into());
            after.responds_to = r;
        }
        if new.is_empty() {
            return Err(Error::bad_input(
                "claim edit",
                "nothing to change: give --text, --speaker, --party, --stance, --cue, --span or --responds-to with a new value",
            ));
        }
        // A correction is the analyst's review of the claim.
        if before.review != ReviewState::Edited {
            old.insert("review".into(), before.review.as_str().into());
            new.insert("review".into(), ReviewState::Edited.as_str().into());
        }
        let exact = super::claims::stored_exact(&after.anchor.selector.exact, &after.text);
        self.write(|tx| {
            tx.execute(
                "UPDATE claims SET text = ?2, speaker = ?3, party_key = ?4, stance = ?5, cue = ?6, origin = ?7, updated_at = ?8,
                                   countries = ?9, review = ?10, start = ?11, end = ?12, exact = ?13, prefix = ?14, suffix = ?15,
                                   responds_to = ?16, exact_is_text = ?17, context_is_source = 0, text_is_source = 0, speaker_key = ?18
                 WHERE id = ?1",
                params![
                    claim_id,
                    after.text,
                    after.speaker.name,
                    after.speaker.party,
                    compact::stance_code(after.stance),
                    after.cue,
                    compact::origin_code(Origin::Analyst),
                    compact::time_code(super::now()),
                    serde_json::to_string(&after.speaker.countries).unwrap_or_else(|_| "[]".into()),
                    compact::review_code(ReviewState::Edited),
                    after.anchor.start as i64,
                    after.anchor.end as i64,
                    exact.0,
                    after.anchor.selector.prefix,
                    after.anchor.selector.suffix,
                    after.responds_to,
                    exact.1,
                    compact::speaker_key_code(&after.speaker.name),
                ],
            )?;
            let old = serde_json::Value::Object(old).to_string();
            let new = serde_json::Value::Object(new).to_string();
            append_history_in(tx, Some(claim_id), None, Change::ClaimEdit, Some(&old), Some(&new), note, analyst)
        })?;
        self.claim(claim_id)
    }

    /// Deletes a claim (with its verdict and evidence); the history keeps it as JSON.
    pub fn delete_claim(&mut self, claim_id: i64, note: &str, analyst: &str) -> Result<()> {
        let before = self.claim(claim_id)?;
        self.write(|tx| {
            tx.execute("DELETE FROM claims WHERE id = ?1", [claim_id])?;
            append_history_in(tx, Some(claim_id), None, Change::ClaimDelete, Some(&to_json(&before)), None, note, analyst)
        })
    }
}
