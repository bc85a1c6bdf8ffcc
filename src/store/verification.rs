//! The verification tables: settings, the verdict taxonomy, claims' verdicts and attribution
//! status, conflicts' status, evidence, blobs (files by SHA-256) and the append-only history.
//!
//! Every write that changes a judgement appends its history entry in the same transaction, so
//! the history can never miss a change nor record one that did not happen. The history and the
//! blobs are protected by triggers: an UPDATE or DELETE on `history`, or an UPDATE on `blobs`,
//! aborts.
//!
//! A conflict's verification status lives here (`conflict_verdicts`), beside the align module's
//! own `conflicts.status` (candidate, confirmed, rejected), which says whether it is a conflict
//! at all; this table says who, if anyone, the evidence bears out.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::Store;
use crate::error::{Error, Result};
use crate::model::{Anchor, Claim, Origin, Stance, TextQuoteSelector};
use crate::verify::{
    default_verdicts, Attribution, Change, ClaimVerification, ConflictStatus, ConflictVerdict, EvidenceItem, EvidenceKind,
    HistoryEntry, Labels, NewEvidence, NewEvidenceKind, NewVerdict, Relation, Target, Taxonomy, Verdict, DEFAULT_VERDICT,
};

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

/// Seeds the default taxonomy once; after that the workspace's own taxonomy is left alone.
/// Whether the default verdicts were seeded.
pub(super) fn verdicts_seeded(conn: &rusqlite::Connection) -> Result<bool> {
    let seeded: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = 'verdicts_seeded'", [], |r| r.get(0)).optional()?;
    Ok(seeded.is_some())
}

pub(super) fn seed_verdicts_in(tx: &Transaction<'_>) -> Result<()> {
    let seeded: Option<String> =
        tx.query_row("SELECT value FROM meta WHERE key = 'verdicts_seeded'", [], |r| r.get(0)).optional()?;
    if seeded.is_some() {
        return Ok(());
    }
    let mut insert = tx.prepare(
        "INSERT OR IGNORE INTO verdicts (key, label_en, label_fr, colour, position, rated, conclusive)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, v) in default_verdicts()?.iter().enumerate() {
        insert.execute(params![v.key, v.label.en, v.label.fr, v.colour, i as i64 + 1, v.rated, v.conclusive])?;
    }
    renumber_in(tx, None)?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('verdicts_seeded', '1')", [])?;
    Ok(())
}

/// Rewrites positions 1..n (in `order`, or the current order) and derives ratings from them.
fn renumber_in(tx: &Transaction<'_>, order: Option<Vec<String>>) -> Result<()> {
    let current: Vec<(String, bool)> = {
        let mut st = tx.prepare("SELECT key, rated FROM verdicts ORDER BY position, key")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let rated: HashMap<String, bool> = current.iter().cloned().collect();
    let keys = order.unwrap_or_else(|| current.into_iter().map(|(k, _)| k).collect());
    let flags: Vec<bool> = keys.iter().map(|k| rated.get(k).copied().unwrap_or(false)).collect();
    let ratings = crate::verify::taxonomy_ratings(&flags);
    let mut update = tx.prepare("UPDATE verdicts SET position = ?2, rating = ?3 WHERE key = ?1")?;
    for (i, (key, rating)) in keys.iter().zip(ratings).enumerate() {
        update.execute(params![key, i as i64 + 1, rating])?;
    }
    Ok(())
}

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
}

/// Appends one history entry.
#[allow(clippy::too_many_arguments)]
fn append_history_in(
    tx: &Transaction<'_>,
    claim_id: Option<i64>,
    conflict_id: Option<i64>,
    change: Change,
    old: Option<&str>,
    new: Option<&str>,
    note: &str,
    analyst: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO history (claim_id, conflict_id, change, old, new, note, analyst, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![claim_id, conflict_id, change.as_str(), old, new, note, analyst, super::now()],
    )?;
    Ok(())
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

fn verdict_from_row(r: &Row<'_>) -> rusqlite::Result<Verdict> {
    Ok(Verdict {
        key: r.get(0)?,
        label: Labels { en: r.get(1)?, fr: r.get(2)? },
        colour: r.get(3)?,
        position: r.get::<_, i64>(4)? as usize,
        rating: r.get::<_, Option<i64>>(5)?.map(|v| v as u32),
        conclusive: r.get(6)?,
    })
}

const EVIDENCE_COLUMNS: &str = "id, claim_id, conflict_id, relation, kind, url, source_id, start, end, exact, prefix, suffix,
    blob_sha256, file_name, note, analyst, created_at, (SELECT size FROM blobs b WHERE b.sha256 = evidence.blob_sha256)";

fn evidence_from_row(r: &Row<'_>) -> rusqlite::Result<EvidenceItem> {
    let target = match (r.get::<_, Option<i64>>(1)?, r.get::<_, Option<i64>>(2)?) {
        (Some(c), _) => Target::Claim(c),
        (None, Some(c)) => Target::Conflict(c),
        (None, None) => Target::Claim(0), // excluded by the table's CHECK
    };
    let relation: String = r.get(3)?;
    let kind: String = r.get(4)?;
    let kind = match kind.as_str() {
        "url" => EvidenceKind::Url { url: r.get::<_, Option<String>>(5)?.unwrap_or_default() },
        "passage" => EvidenceKind::Passage {
            source_id: r.get::<_, Option<i64>>(6)?.unwrap_or_default(),
            anchor: Anchor {
                start: r.get::<_, Option<i64>>(7)?.unwrap_or_default() as usize,
                end: r.get::<_, Option<i64>>(8)?.unwrap_or_default() as usize,
                selector: TextQuoteSelector {
                    exact: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                    prefix: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                    suffix: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
                },
            },
        },
        "file" => EvidenceKind::File {
            sha256: r.get::<_, Option<String>>(12)?.unwrap_or_default(),
            name: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
            size: r.get::<_, Option<i64>>(17)?.unwrap_or_default() as u64,
        },
        _ => EvidenceKind::Note,
    };
    Ok(EvidenceItem {
        id: r.get(0)?,
        target,
        relation: Relation::parse(&relation).unwrap_or(Relation::Context),
        kind,
        note: r.get(14)?,
        analyst: r.get(15)?,
        created_at: r.get(16)?,
    })
}

const HISTORY_COLUMNS: &str = "id, claim_id, conflict_id, change, old, new, note, analyst, at";

fn history_from_row(r: &Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let change: String = r.get(3)?;
    Ok(HistoryEntry {
        id: r.get(0)?,
        claim_id: r.get(1)?,
        conflict_id: r.get(2)?,
        change: Change::parse(&change).unwrap_or(Change::ClaimEdit),
        old: r.get(4)?,
        new: r.get(5)?,
        note: r.get(6)?,
        analyst: r.get(7)?,
        at: r.get(8)?,
    })
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

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

impl Store {
    /// A setting's value.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn().query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Every setting, by key.
    pub fn settings(&self) -> Result<Vec<(String, String)>> {
        let mut st = self.conn().prepare("SELECT key, value FROM settings ORDER BY key")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets a setting.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
                params![key, value],
            )?;
            Ok(())
        })
    }

    /// The verdict taxonomy in display order.
    pub fn taxonomy(&self) -> Result<Taxonomy> {
        let mut st = self
            .conn()
            .prepare("SELECT key, label_en, label_fr, colour, position, rating, conclusive FROM verdicts ORDER BY position, key")?;
        let rows = st.query_map([], verdict_from_row)?;
        Ok(Taxonomy { verdicts: rows.collect::<rusqlite::Result<_>>()? })
    }

    /// Adds a verdict (validated by the caller) at its position, or last.
    pub fn add_verdict(&mut self, v: &NewVerdict, analyst: &str) -> Result<Taxonomy> {
        let mut keys: Vec<String> = self.taxonomy()?.verdicts.into_iter().map(|v| v.key).collect();
        if keys.contains(&v.key) {
            return Err(Error::bad_input("verdict", format!("{} already exists", v.key)));
        }
        let at = v.position.map_or(keys.len(), |p| p.saturating_sub(1).min(keys.len()));
        keys.insert(at, v.key.clone());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO verdicts (key, label_en, label_fr, colour, position, rated, conclusive) VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6)",
                params![v.key, v.label.en, v.label.fr, v.colour, v.rated, v.conclusive],
            )?;
            renumber_in(tx, Some(keys))?;
            let new = to_json(&serde_json::json!({"add": v.key, "label": v.label, "colour": v.colour, "rated": v.rated, "position": at + 1}));
            append_history_in(tx, None, None, Change::Taxonomy, None, Some(&new), "", analyst)
        })?;
        self.taxonomy()
    }

    /// Relabels a verdict.
    pub fn rename_verdict(&mut self, key: &str, labels: &Labels, analyst: &str) -> Result<Taxonomy> {
        let old = self.taxonomy()?.get(key).cloned().ok_or_else(|| Error::not_found("verdict", key))?;
        if labels.en.trim().is_empty() || labels.fr.trim().is_empty() {
            return Err(Error::bad_input("verdict label", "labels cannot be empty"));
        }
        self.write(|tx| {
            tx.execute("UPDATE verdicts SET label_en = ?2, label_fr = ?3 WHERE key = ?1", params![key, labels.en, labels.fr])?;
            let old = to_json(&serde_json::json!({"key": key, "label": old.label}));
            let new = to_json(&serde_json::json!({"key": key, "label": labels}));
            append_history_in(tx, None, None, Change::Taxonomy, Some(&old), Some(&new), "", analyst)
        })?;
        self.taxonomy()
    }

    /// Moves a verdict to a 1-based position; ratings follow the new order.
    pub fn move_verdict(&mut self, key: &str, position: usize, analyst: &str) -> Result<Taxonomy> {
        let mut keys: Vec<String> = self.taxonomy()?.verdicts.into_iter().map(|v| v.key).collect();
        let from = keys.iter().position(|k| k == key).ok_or_else(|| Error::not_found("verdict", key))?;
        if position == 0 || position > keys.len() {
            return Err(Error::bad_input("position", format!("must be between 1 and {}", keys.len())));
        }
        let k = keys.remove(from);
        keys.insert(position - 1, k);
        self.write(|tx| {
            renumber_in(tx, Some(keys))?;
            let old = to_json(&serde_json::json!({"key": key, "position": from + 1}));
            let new = to_json(&serde_json::json!({"key": key, "position": position}));
            append_history_in(tx, None, None, Change::Taxonomy, Some(&old), Some(&new), "", analyst)
        })?;
        self.taxonomy()
    }

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

    /// Stores a piece of evidence (and a file's bytes, once per content) and logs it.
    pub fn add_evidence(&mut self, e: &NewEvidence, analyst: &str) -> Result<EvidenceItem> {
        e.validate()?;
        let (claim_id, conflict_id) = match e.target {
            Target::Claim(id) => {
                self.claim(id)?;
                (Some(id), None)
            }
            Target::Conflict(id) => {
                self.conflict(id)?;
                (None, Some(id))
            }
        };
        let id = self.write(|tx| {
            let now = super::now();
            let mut url = None;
            let mut passage: Option<(i64, &Anchor)> = None;
            let mut file: Option<(String, &str)> = None;
            let kind = match &e.kind {
                NewEvidenceKind::Url(u) => {
                    url = Some(u.trim());
                    "url"
                }
                NewEvidenceKind::Passage { source_id, anchor } => {
                    passage = Some((*source_id, anchor));
                    "passage"
                }
                NewEvidenceKind::File { name, bytes } => {
                    let sha = crate::hash_hex(bytes);
                    tx.execute(
                        "INSERT OR IGNORE INTO blobs (sha256, size, bytes, created_at) VALUES (?1, ?2, ?3, ?4)",
                        params![sha, bytes.len() as i64, bytes, now],
                    )?;
                    file = Some((sha, name.as_str()));
                    "file"
                }
                NewEvidenceKind::Note => "note",
            };
            tx.execute(
                "INSERT INTO evidence (claim_id, conflict_id, relation, kind, url, source_id, start, end, exact, prefix, suffix,
                                       blob_sha256, file_name, note, analyst, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                params![
                    claim_id,
                    conflict_id,
                    e.relation.as_str(),
                    kind,
                    url,
                    passage.map(|p| p.0),
                    passage.map(|p| p.1.start as i64),
                    passage.map(|p| p.1.end as i64),
                    passage.map(|p| &p.1.selector.exact),
                    passage.map(|p| &p.1.selector.prefix),
                    passage.map(|p| &p.1.selector.suffix),
                    file.as_ref().map(|f| &f.0),
                    file.as_ref().map(|f| f.1),
                    e.note,
                    analyst,
                    now,
                ],
            )?;
            let id = tx.last_insert_rowid();
            let item = tx.query_row(&format!("SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE id = ?1"), [id], evidence_from_row)?;
            append_history_in(tx, claim_id, conflict_id, Change::Evidence, None, Some(&to_json(&item)), &e.note, analyst)?;
            Ok(id)
        })?;
        Ok(self.conn().query_row(&format!("SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE id = ?1"), [id], evidence_from_row)?)
    }

    /// Evidence attached to a claim or a conflict, oldest first.
    pub fn evidence(&self, target: Target) -> Result<Vec<EvidenceItem>> {
        let (col, id) = match target {
            Target::Claim(id) => ("claim_id", id),
            Target::Conflict(id) => ("conflict_id", id),
        };
        let mut st = self.conn().prepare(&format!("SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE {col} = ?1 ORDER BY id"))?;
        let rows = st.query_map([id], evidence_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// All evidence, oldest first (reports group it by target).
    pub fn all_evidence(&self) -> Result<Vec<EvidenceItem>> {
        let mut st = self.conn().prepare(&format!("SELECT {EVIDENCE_COLUMNS} FROM evidence ORDER BY id"))?;
        let rows = st.query_map([], evidence_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A stored file's bytes, checked against their hash: a changed blob is an error, not data.
    pub fn blob(&self, sha256: &str) -> Result<Vec<u8>> {
        let bytes: Vec<u8> = self
            .conn()
            .query_row("SELECT bytes FROM blobs WHERE sha256 = ?1", [sha256], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("file", sha256))?;
        if crate::hash_hex(&bytes) != sha256 {
            return Err(Error::bad_input(format!("file {sha256}"), "its bytes no longer match their SHA-256: the store was altered"));
        }
        Ok(bytes)
    }

    /// The history of a claim, or of a conflict, in order.
    pub fn history(&self, target: Target) -> Result<Vec<HistoryEntry>> {
        let (col, id) = match target {
            Target::Claim(id) => ("claim_id", id),
            Target::Conflict(id) => ("conflict_id", id),
        };
        let mut st = self.conn().prepare(&format!("SELECT {HISTORY_COLUMNS} FROM history WHERE {col} = ?1 ORDER BY id"))?;
        let rows = st.query_map([id], history_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The whole history, in order.
    pub fn all_history(&self) -> Result<Vec<HistoryEntry>> {
        let mut st = self.conn().prepare(&format!("SELECT {HISTORY_COLUMNS} FROM history ORDER BY id"))?;
        let rows = st.query_map([], history_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
        if new.is_empty() {
            return Err(Error::bad_input("claim edit", "nothing to change: give --text, --speaker, --party, --stance or --cue with a new value"));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE claims SET text = ?2, speaker = ?3, party_key = ?4, stance = ?5, cue = ?6, origin = ?7, updated_at = ?8,
                                   countries = ?9 WHERE id = ?1",
                params![
                    claim_id,
                    after.text,
                    after.speaker.name,
                    after.speaker.party,
                    after.stance.as_str(),
                    after.cue,
                    Origin::Analyst.as_str(),
                    super::now(),
                    serde_json::to_string(&after.speaker.countries).unwrap_or_else(|_| "[]".into()),
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
