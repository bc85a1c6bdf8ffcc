//! The history of verification decisions: append-only, one entry per change, with who, when
//! and why. The store's triggers refuse to update or delete an entry, so a report's history is
//! the whole story. Entries outlive what they are about: a deleted claim's history remains.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A claim's verdict.
    Verdict,
    /// A claim's attribution status.
    Attribution,
    /// Evidence attached.
    Evidence,
    /// A claim's text, speaker, party, stance or cue.
    ClaimEdit,
    /// A claim deleted (`old` holds it as JSON).
    ClaimDelete,
    /// A conflict's status (who is right).
    ConflictStatus,
    /// A conflict's review: proposed, confirmed or rejected (`note` holds the reason).
    ConflictReview,
    /// The verdict taxonomy (added, relabelled, moved verdict).
    Taxonomy,
    /// A party's names: an alias added or removed, a party merged into another (`old` and `new`
    /// hold `{"party", "alias", "lang"}` or `{"party", "name"}` → `{"party", "claims"}`).
    Party,
    /// A source's facts as the analyst corrects them: outlet, author, publication day (`old` and
    /// `new` hold `{"source", "title"}` and the facts that changed).
    Source,
    /// A claim joined or left a statement by the analyst's hand ("same statement": one party's
    /// words carried by several sources). `old` and `new` hold the claim's group before and after,
    /// `{"statement": ID, "claims": [IDS]}` (the naming claim, then every claim, this one
    /// included), none when it stood alone.
    Statement,
    /// A conflict's claims as the analyst set them by hand: the conflict built (`old` none, `new`
    /// `{"claims": [IDS], "explanation": TEXT}`, the explanation null when none was given) or a
    /// claim added to it (`old` and `new` `{"claims": [IDS]}` before and after). Conflict id only,
    /// as the other conflict changes: a conflict's history tells who built it and what it holds.
    ConflictClaims,
}

impl Change {
    const ALL: [Change; 12] = [
        Change::Verdict,
        Change::Attribution,
        Change::Evidence,
        Change::ClaimEdit,
        Change::ClaimDelete,
        Change::ConflictStatus,
        Change::ConflictReview,
        Change::Taxonomy,
        Change::Party,
        Change::Source,
        Change::Statement,
        Change::ConflictClaims,
    ];

    /// The name used in the store and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Verdict => "verdict",
            Change::Attribution => "attribution",
            Change::Evidence => "evidence",
            Change::ClaimEdit => "claim_edit",
            Change::ClaimDelete => "claim_delete",
            Change::ConflictStatus => "conflict_status",
            Change::ConflictReview => "conflict_review",
            Change::Taxonomy => "taxonomy",
            Change::Party => "party",
            Change::Source => "source",
            Change::Statement => "statement",
            Change::ConflictClaims => "conflict_claims",
        }
    }

    /// Parses the name used in the store.
    pub fn parse(s: &str) -> Option<Self> {
        Change::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A value of a history entry as readers see it: verdict keys, statuses and review states as
/// words, JSON strings unquoted, nothing as "none".
fn plain(v: &serde_json::Value, field: &str, party: &dyn Fn(&str) -> String) -> String {
    match v {
        serde_json::Value::Null => "none".to_string(),
        serde_json::Value::String(s) if field == "party" => party(s),
        serde_json::Value::String(s) if field == "review" => {
            crate::model::ReviewState::parse(s).map_or_else(|| s.clone(), |r| r.label().to_string())
        }
        serde_json::Value::String(s) => s.replace('_', " "),
        serde_json::Value::Array(a) if field == "span" && a.len() == 2 => format!("chars {}–{}", a[0], a[1]),
        // Tags read as a list of words ("tags: none → drone supplies, Jermuk").
        serde_json::Value::Array(a) if field == "tags" && a.is_empty() => "none".to_string(),
        serde_json::Value::Array(a) if field == "tags" => {
            a.iter().map(|t| t.as_str().map_or_else(|| t.to_string(), str::to_string)).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

/// One entry of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Store id; entries are in the order they happened.
    pub id: i64,
    /// The claim concerned, if any.
    pub claim_id: Option<i64>,
    /// The conflict concerned, if any.
    pub conflict_id: Option<i64>,
    /// What changed.
    pub change: Change,
    /// The value before (a verdict key, a status, or JSON for claim edits), if any.
    pub old: Option<String>,
    /// The value after.
    pub new: Option<String>,
    /// The analyst's note.
    pub note: String,
    /// Who made the change.
    pub analyst: String,
    /// When.
    pub at: DateTime<Utc>,
}

impl HistoryEntry {
    /// For a [`Change::Statement`] entry, the other claims of the claim's statement before and
    /// after the change (empty when it stood alone).
    pub fn statement_groups(&self) -> (Vec<i64>, Vec<i64>) {
        let others = |v: &Option<String>| -> Vec<i64> {
            let group = v.as_deref().and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok()).unwrap_or_default();
            group["claims"]
                .as_array()
                .map(|a| a.iter().filter_map(serde_json::Value::as_i64).filter(|&id| Some(id) != self.claim_id).collect())
                .unwrap_or_default()
        };
        (others(&self.old), others(&self.new))
    }

    /// For a [`Change::ConflictClaims`] entry, the conflict's claims before the change (none when
    /// it built the conflict) and after, and the explanation it was built with.
    pub fn conflict_claims(&self) -> (Option<Vec<i64>>, Vec<i64>, Option<String>) {
        let parse = |v: &Option<String>| v.as_deref().and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
        let ids = |v: &serde_json::Value| -> Vec<i64> {
            v["claims"].as_array().map(|a| a.iter().filter_map(serde_json::Value::as_i64).collect()).unwrap_or_default()
        };
        let new = parse(&self.new).unwrap_or_default();
        (parse(&self.old).map(|old| ids(&old)), ids(&new), new["explanation"].as_str().map(str::to_string))
    }

    /// The change as a sentence ("speaker: Bakou → Kyiv; party: none → Ukraine (UA)"), never JSON;
    /// `party` names a party key for readers.
    pub fn sentence(&self, party: &dyn Fn(&str) -> String) -> String {
        let parse = |v: &Option<String>| v.as_deref().and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
        let arrow = |o: String, n: String| format!("{o} → {n}");
        let word = |v: &Option<String>| v.as_deref().unwrap_or("none").replace('_', " ");
        match self.change {
            Change::ClaimEdit => {
                let (old, new) = (parse(&self.old).unwrap_or_default(), parse(&self.new).unwrap_or_default());
                let Some(fields) = new.as_object() else { return "claim edited".to_string() };
                let parts: Vec<String> = fields
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.replace('_', " "), arrow(plain(&old[k], k, party), plain(v, k, party))))
                    .collect();
                parts.join("; ")
            }
            Change::ClaimDelete => {
                let text = parse(&self.old).and_then(|o| o["text"].as_str().map(str::to_string)).unwrap_or_default();
                format!("deleted: «{text}»")
            }
            Change::Evidence => {
                let e = parse(&self.new).unwrap_or_default();
                format!("evidence added ({}, {})", plain(&e["kind"], "", party), plain(&e["relation"], "", party))
            }
            Change::ConflictStatus => {
                let label = |v: &Option<String>| {
                    v.as_deref()
                        .and_then(|s| serde_json::from_str::<crate::model::ConflictStatus>(s).ok())
                        .map(|st| match st.party() {
                            Some(p) => format!("resolved for {}", party(p)),
                            None => st.label("en").to_lowercase(),
                        })
                        .unwrap_or_else(|| "open".to_string())
                };
                format!("who is right: {}", arrow(label(&self.old), label(&self.new)))
            }
            Change::Taxonomy => "verdict list changed".to_string(),
            Change::Party => party_sentence(&parse(&self.old).unwrap_or_default(), &parse(&self.new).unwrap_or_default(), party),
            Change::Source => source_sentence(&parse(&self.old).unwrap_or_default(), &parse(&self.new).unwrap_or_default()),
            Change::Statement => {
                let (before, after) = self.statement_groups();
                format!("same statement: {}", arrow(statement_words(&before), statement_words(&after)))
            }
            Change::ConflictClaims => {
                let list = |ids: &[i64]| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
                match self.conflict_claims() {
                    (None, claims, explanation) => {
                        let why = explanation.map_or_else(String::new, |e| format!(", explanation «{e}»"));
                        format!("conflict created by hand with claims {}{why}", list(&claims))
                    }
                    (Some(before), after, _) => {
                        let added: Vec<i64> = after.iter().copied().filter(|c| !before.contains(c)).collect();
                        let removed: Vec<i64> = before.iter().copied().filter(|c| !after.contains(c)).collect();
                        let (ids, done) = if added.is_empty() && !removed.is_empty() { (removed, "removed from") } else { (added, "added to") };
                        let what = if ids.len() == 1 { "claim" } else { "claims" };
                        format!("{what} {} {done} the conflict: claims {}", list(&ids), arrow(list(&before), list(&after)))
                    }
                }
            }
            other => format!("{}: {}", other.as_str().replace('_', " "), arrow(word(&self.old), word(&self.new))),
        }
    }
}

/// A claim's statement group as words: "alone", or "with claims 3, 7" (the others in it).
fn statement_words(others: &[i64]) -> String {
    let ids: Vec<String> = others.iter().map(i64::to_string).collect();
    match ids.len() {
        0 => "alone".to_string(),
        1 => format!("with claim {}", ids[0]),
        _ => format!("with claims {}", ids.join(", ")),
    }
}

/// A correction of a source's facts as a sentence: "source 3 «Armenia says …»: outlet: none →
/// Reuters; published: none → 2022-09-13". Values are the analyst's words, shown as written.
fn source_sentence(old: &serde_json::Value, new: &serde_json::Value) -> String {
    let value = |v: &serde_json::Value| v.as_str().map_or_else(|| "none".to_string(), str::to_string);
    let facts: Vec<String> = ["outlet", "author", "published"]
        .into_iter()
        .filter(|k| new.get(k).is_some())
        .map(|k| format!("{k}: {} → {}", value(&old[k]), value(&new[k])))
        .collect();
    format!("source {} «{}»: {}", new["source"], value(&old["title"]), facts.join("; "))
}

/// A change of a party's names as a sentence: "alias added to Ukraine (UA): «Kiev»", "merged
/// Bakou (analyst's) into Azerbaijan (AZ), 3 claims moved".
fn party_sentence(old: &serde_json::Value, new: &serde_json::Value, party: &dyn Fn(&str) -> String) -> String {
    let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    match (old["alias"].is_string(), new["alias"].is_string()) {
        (false, true) => format!("alias added to {}: «{}»", party(&s(&new["party"])), s(&new["alias"])),
        (true, false) => format!("alias removed from {}: «{}»", party(&s(&old["party"])), s(&old["alias"])),
        _ => {
            let n = new["claims"].as_i64().unwrap_or(0);
            format!("merged {} into {}, {n} claim{} moved", s(&old["name"]), party(&s(&new["party"])), if n == 1 { "" } else { "s" })
        }
    }
}
