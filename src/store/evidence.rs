//! The `evidence` and `blobs` tables: what a verdict rests on, and files kept by SHA-256. A blob
//! is never updated (a trigger refuses it) and is checked against its hash on every read.

use rusqlite::{params, OptionalExtension, Row};

use super::history::{append_history_in, to_json};
use super::Store;
use crate::error::{Error, Result};
use crate::model::{Anchor, Change, EvidenceItem, EvidenceKind, NewEvidence, NewEvidenceKind, Relation, Target, TextQuoteSelector};


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

impl Store {
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
                    let sha = crate::text::hash_hex(bytes);
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

    /// One piece of evidence by id.
    pub fn evidence_item(&self, id: i64) -> Result<Option<EvidenceItem>> {
        Ok(self
            .conn()
            .query_row(&format!("SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE id = ?1"), [id], evidence_from_row)
            .optional()?)
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
        if crate::text::hash_hex(&bytes) != sha256 {
            return Err(Error::bad_input(format!("file {sha256}"), "its bytes no longer match their SHA-256: the store was altered"));
        }
        Ok(bytes)
    }
}
