//! The `claims` table.

use rusqlite::{params, params_from_iter, OptionalExtension, Row, Transaction};

use super::{compact, Store};
use crate::error::{Error, Result};
use crate::model::{confidence, Anchor, Attribution, Claim, Doubt, Origin, ReviewState, Speaker, Stance, TextQuoteSelector, DEFAULT_VERDICT};

/// A claim about to be stored.
#[derive(Debug, Clone)]
pub struct NewClaim {
    /// Source it belongs to.
    pub source_id: i64,
    /// Where in the source.
    pub anchor: Anchor,
    /// Content text.
    pub text: String,
    /// Speaker.
    pub speaker: Speaker,
    /// Cue.
    pub cue: String,
    /// Stance.
    pub stance: Stance,
    /// Relays, nearest first.
    pub via: Vec<Speaker>,
    /// The stored claim it answers.
    pub responds_to: Option<i64>,
    /// Extractor or analyst.
    pub origin: Origin,
    /// What the extractor was not sure of (none for the analyst's claims); the confidence follows.
    pub doubts: Vec<Doubt>,
}

/// Which claims to list; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    /// Claims of this party, of its sub-parties, or of speakers standing for its state.
    pub party: Option<String>,
    /// Claims of this source.
    pub source: Option<i64>,
    /// Claims with this stance.
    pub stance: Option<Stance>,
    /// Full-text query over content, speaker and cue.
    pub query: Option<String>,
    /// Words of the speaker's name, matched in the full-text index's speaker column only
    /// (« Лавров » finds « Лаврова », as a search does).
    pub speaker: Option<String>,
    /// One speaker of a party as `Workbench::party_speakers` groups them: their claims under
    /// every name, in every language and script, and no one else's.
    pub speaker_group: Option<SpeakerGroupRef>,
    /// Claims with this verdict key (claims never judged have `unverified`).
    pub verdict: Option<String>,
    /// Claims with this attribution status (claims never checked are `unchecked`).
    pub attribution: Option<Attribution>,
    /// Claims in this review state.
    pub review: Option<ReviewState>,
    /// Only the review queue: claims to review, and claims whose party is unknown.
    pub queue: bool,
    /// Claims carrying this tag (case ignored); a tag no claim carries is an error, not an empty list.
    pub tag: Option<String>,
    /// The order of the list.
    pub order: ClaimOrder,
}

/// One group of a party's speakers (`SpeakerGroup`): the party it was listed for and its key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerGroupRef {
    /// The party (key, name or alias) whose speakers it is one of: a state's include its
    /// institutions' and officials', as its claims do.
    pub party: String,
    /// The group's key (`SpeakerGroup::id`, `text::speaker_key` of each of its names).
    pub key: String,
}

/// What a claim list is sorted on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ClaimSort {
    /// Source, then position in it.
    #[default]
    Reading,
    /// Confidence, lowest first.
    Confidence,
    /// Party key (claims without a party first).
    Party,
    /// Speaker name, case ignored.
    Speaker,
    /// Stance name.
    Stance,
    /// Verdict key (`unverified` for claims never judged).
    Verdict,
    /// Review state.
    Review,
    /// Source id.
    Source,
    /// The source's publication date, or its import date when unknown.
    Date,
}

impl ClaimSort {
    /// Every sort key.
    pub const ALL: [ClaimSort; 9] = [
        ClaimSort::Reading,
        ClaimSort::Confidence,
        ClaimSort::Party,
        ClaimSort::Speaker,
        ClaimSort::Stance,
        ClaimSort::Verdict,
        ClaimSort::Review,
        ClaimSort::Source,
        ClaimSort::Date,
    ];

    /// The name used on the command line and across IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimSort::Reading => "reading",
            ClaimSort::Confidence => "confidence",
            ClaimSort::Party => "party",
            ClaimSort::Speaker => "speaker",
            ClaimSort::Stance => "stance",
            ClaimSort::Verdict => "verdict",
            ClaimSort::Review => "review",
            ClaimSort::Source => "source",
            ClaimSort::Date => "date",
        }
    }

    /// Parses a sort key name.
    pub fn parse(s: &str) -> Option<Self> {
        ClaimSort::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    fn expr(self) -> Option<String> {
        Some(match self {
            ClaimSort::Reading => return None,
            ClaimSort::Confidence => "c.confidence".into(),
            ClaimSort::Party => "c.party_key".into(),
            ClaimSort::Speaker => "c.speaker COLLATE NOCASE".into(),
            ClaimSort::Stance => "c.stance".into(),
            ClaimSort::Verdict => format!("COALESCE((SELECT v.verdict FROM claim_verdicts v WHERE v.claim_id = c.id), '{DEFAULT_VERDICT}')"),
            ClaimSort::Review => "c.review".into(),
            ClaimSort::Source => "c.source_id".into(),
            ClaimSort::Date => "(SELECT coalesce(s2.published_at, s2.imported_at) FROM sources s2 WHERE s2.id = c.source_id)".into(),
        })
    }
}

/// A sort key and its direction; ties are always broken in reading order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClaimOrder {
    /// The key.
    pub by: ClaimSort,
    /// Largest first.
    pub descending: bool,
}

impl ClaimOrder {
    /// The review queue's order: lowest confidence first.
    pub const QUEUE: ClaimOrder = ClaimOrder { by: ClaimSort::Confidence, descending: false };

    /// The `ORDER BY` clause (without the keywords) for claims `c`.
    pub(super) fn sql(self) -> String {
        let reading = "c.source_id, c.start, c.id";
        match self.by.expr() {
            None if self.descending => "c.source_id DESC, c.start DESC, c.id DESC".to_string(),
            None => reading.to_string(),
            Some(e) => format!("{e} {}, {reading}", if self.descending { "DESC" } else { "ASC" }),
        }
    }
}

/// Migration 8: claims are listed in reading order (source, then position); with this index a
/// page deep in a long list walks the index instead of sorting every claim first.
pub(super) const READING_ORDER: &str = "CREATE INDEX claims_reading_order ON claims(source_id, start, id);";

/// Migration 18: the states each claim's speaker stands for (`claims.countries`, a JSON array),
/// one row each, kept by triggers. A state's claims include those of speakers standing for it
/// (Lavrov for RU): that test read every claim's JSON (`json_each`), so a party's first page
/// scanned the whole table (382 ms at 108,000 claims); it is an index search now.
/// (Written to run again over its own work: tests rebuild older stores from newer ones.)
pub(super) const COUNTRIES: &str = r#"
CREATE TABLE IF NOT EXISTS claim_countries (
    country TEXT NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (country, claim_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claim_countries_claim ON claim_countries(claim_id);
INSERT OR IGNORE INTO claim_countries (country, claim_id)
    SELECT j.value, c.id FROM claims c, json_each(c.countries) j WHERE j.type = 'text';
CREATE TRIGGER IF NOT EXISTS claims_countries_ai AFTER INSERT ON claims BEGIN
    INSERT OR IGNORE INTO claim_countries (country, claim_id) SELECT value, new.id FROM json_each(new.countries) WHERE type = 'text';
END;
CREATE TRIGGER IF NOT EXISTS claims_countries_au AFTER UPDATE OF countries ON claims BEGIN
    DELETE FROM claim_countries WHERE claim_id = old.id;
    INSERT OR IGNORE INTO claim_countries (country, claim_id) SELECT value, new.id FROM json_each(new.countries) WHERE type = 'text';
END;
"#;

/// A state's claims through its speakers, as a set: built once from the state's rows of
/// `claim_countries`, for a plan that fetches the filter's claims and sorts them. Completed by
/// the argument's number and `)`.
pub(super) const STATE_SET: &str = "c.id IN (SELECT claim_id FROM claim_countries WHERE country = ?";

/// The same test claim by claim, for a walk of the reading-order index that stops at its page:
/// a look-up in `claim_countries`' key per claim walked. The set was built whole before the walk
/// began (80,000 rows for the busiest state at a million claims, to read 2,500 claims).
pub(super) const STATE_WALK: &str = "EXISTS (SELECT 1 FROM claim_countries k WHERE k.claim_id = c.id AND k.country = ?";

/// Whether a claim `c` is `party`'s: spoken under its key or a sub-party's, or, for a state, by a
/// speaker standing for it (`state_test`: [`STATE_SET`] or [`STATE_WALK`]). Pushes its arguments;
/// gives the clause, the party key's argument number, and the state's when there is one.
fn party_clause(party: &crate::model::Party, args: &mut Vec<rusqlite::types::Value>, state_test: &str) -> (String, usize, Option<usize>) {
    args.push(party.key.clone().into());
    let k = args.len();
    // A state's claims include its institutions' and its officials' (Lavrov speaks for RU).
    let mut clause = format!("(c.party_key = ?{k} OR c.party_key IN (SELECT key FROM parties WHERE parent = ?{k})");
    let mut state = None;
    if let (Some(cc), crate::model::PartyKind::State) = (&party.country, party.kind) {
        args.push(cc.clone().into());
        let n = args.len();
        clause.push_str(&format!(" OR {state_test}{n})"));
        state = Some(n);
    }
    clause.push(')');
    (clause, k, state)
}

/// The `FROM … WHERE …` of a claim filter, with its arguments.
pub(super) struct FilterSql {
    /// `FROM claims c [WHERE …]`.
    pub sql: String,
    /// Its numbered arguments.
    pub args: Vec<rusqlite::types::Value>,
    /// When the filter is one set of claims (a search, or a party) and nothing else: a query
    /// listing that set's ids in id order without reading a claim's row, to count it (all of it
    /// or up to a bound). Counting through `claims` looked up every match in the table (a common
    /// word's 8,700 claims at 108,000: 17 ms in the sqlite3 shell, 1 ms in the full-text index).
    pub set: Option<String>,
    /// When the filter is one full-text match and nothing else: its FTS5 query, so that a page
    /// reads the matches once for both its total and its claims.
    pub full_text: Option<String>,
}

/// Migration 19: a claim's anchored words (`exact`) are not stored again when they are its text,
/// as every extracted claim's are (14.1 MB of 211.7 at 108,951 claims, the same bytes twice).
pub(super) const EXACT_IS_TEXT: &str = r#"
ALTER TABLE claims ADD COLUMN exact_is_text INTEGER NOT NULL DEFAULT 0;
UPDATE claims SET exact = '', exact_is_text = 1 WHERE exact = text;
"#;

/// Migration 20: what a claim row held twice, measured by `dbstat` on the 112,397-claim
/// workspace of `benches/scale.rs` (135.4 MB, 3.08× the floor's 44.0 MB):
/// - the anchor's context (`prefix`, `suffix`: 8.6 MB), the 32 characters either side of the
///   claim in its source's text. A claim the import anchored in a source of at most
///   [`CONTEXT_FROM_SOURCE_MAX`] bytes stores them empty with `context_is_source`, and they are
///   read from the source (see [`COLUMNS`]); a longer source keeps them, or every page of its
///   claims would read its whole text once a claim. A source's text is never rewritten.
/// - `updated_at` equal to `created_at`, as it is until a claim is edited (3.9 MB); stored
///   empty, read as `created_at`. Conflicts alike (1.1 MB).
/// - the `claims_source` index, on `source_id` alone (1.4 MB): `claims_reading_order` begins
///   with `source_id`, so a source's claims and the cascade of a source's delete use it.
///
/// Rows already stored are left as they are (both forms read alike): rewriting a million rows
/// smaller would free no page of the file, only room inside pages that appends never reuse.
pub(super) fn context_is_source_in(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch("DROP INDEX IF EXISTS claims_source;")?;
    // Run again over its own work (tests rebuild older stores from newer ones), the column is there.
    let has_column = tx.prepare("SELECT 1 FROM pragma_table_info('claims') WHERE name = 'context_is_source'")?.exists([])?;
    if !has_column {
        tx.execute_batch("ALTER TABLE claims ADD COLUMN context_is_source INTEGER NOT NULL DEFAULT 0;")?;
    }
    Ok(())
}

/// Migration 23: each claim's speaker key (`text::speaker_key`), the key a party's speakers
/// group under, stored and indexed so that one speaker's claims under all their names (Лавров,
/// Lavrov, Sergueï Lavrov) are an index search, `c.speaker_key = ?`, instead of a test of every
/// claim of the party by a key computed in Rust. Computed here for the claims already stored
/// (once per distinct name: a speaker's claims share few spellings). Run again over its own
/// work (tests rebuild older stores from newer ones), it computes the same keys.
pub(super) fn speaker_keys_in(tx: &Transaction<'_>) -> Result<()> {
    let has_column = tx.prepare("SELECT 1 FROM pragma_table_info('claims') WHERE name = 'speaker_key'")?.exists([])?;
    if !has_column {
        tx.execute_batch("ALTER TABLE claims ADD COLUMN speaker_key TEXT NOT NULL DEFAULT '';")?;
    }
    let names: Vec<String> = tx.prepare("SELECT DISTINCT speaker FROM claims")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    // Keyed by name through a temporary table joined once: an UPDATE per name would scan the
    // claims once per name (no index on the speaker's name).
    tx.execute_batch("CREATE TEMP TABLE speaker_keys (speaker TEXT PRIMARY KEY, key TEXT NOT NULL) WITHOUT ROWID;")?;
    {
        let mut insert = tx.prepare("INSERT INTO temp.speaker_keys (speaker, key) VALUES (?1, ?2)")?;
        for name in &names {
            insert.execute(params![name, crate::text::speaker_key(name)])?;
        }
    }
    tx.execute_batch(
        "UPDATE claims SET speaker_key = (SELECT k.key FROM temp.speaker_keys k WHERE k.speaker = claims.speaker);
         DROP TABLE temp.speaker_keys;
         CREATE INDEX IF NOT EXISTS claims_speaker_key ON claims(speaker_key);",
    )?;
    Ok(())
}

/// Sources up to this size (bytes of text) give their claims' anchor context on reading.
pub(crate) const CONTEXT_FROM_SOURCE_MAX: usize = 32 * 1024;

/// The `exact` and `exact_is_text` values stored for a claim's anchored words.
pub(super) fn stored_exact<'a>(exact: &'a str, text: &str) -> (&'a str, bool) {
    if exact == text {
        ("", true)
    } else {
        (exact, false)
    }
}

/// A claim's columns, as [`from_row`] reads them. The last is the claim's window of its source's
/// text, the 32 characters before it to the 32 after, read once when the claim takes its context
/// or its text from the source (`context_is_source`, `text_is_source`). SQLite's `substr` counts
/// characters as the anchors do (Unicode scalar values), so the context and text read from the
/// source are those the import computed (`workbench::anchor_at`).
pub(super) const COLUMNS: &str = "c.id, c.source_id, c.start, c.end, c.exact, c.prefix, c.suffix, c.text, c.speaker, c.party_key,
    c.countries, c.cue, c.stance, c.via, c.responds_to, c.origin, c.created_at,
    coalesce(c.updated_at, c.created_at), c.confidence, c.doubts, c.review,
    c.exact_is_text, c.context_is_source, c.text_is_source,
    CASE WHEN c.context_is_source = 1 OR c.text_is_source = 1 THEN
        (SELECT substr(src.text, max(c.start - 32, 0) + 1, c.end + 32 - max(c.start - 32, 0)) FROM sources src WHERE src.id = c.source_id) END";

/// A claim's text as SQL, for claims named `c`: its own, or its source's words at its offsets.
pub(super) fn text_sql(c: &str) -> String {
    format!(
        "CASE {c}.text_is_source WHEN 1 THEN (SELECT substr(src.text, {c}.start + 1, {c}.end - {c}.start) FROM sources src WHERE src.id = {c}.source_id) ELSE {c}.text END"
    )
}

pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<Claim> {
    let json_err = |i: usize, e: serde_json::Error| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e));
    let countries: String = r.get(10)?;
    let via: String = r.get(13)?;
    let (start, end) = (r.get::<_, i64>(2)? as usize, r.get::<_, i64>(3)? as usize);
    let (exact_is_text, context_is_source, text_is_source): (bool, bool, bool) = (r.get(21)?, r.get(22)?, r.get(23)?);
    let window: Option<String> = r.get(24)?;
    // The window begins up to 32 characters before the claim (fewer at the start of the text).
    let before = start - start.saturating_sub(32);
    let from_window = |from: usize, to: usize| window.as_deref().map(|w| crate::text::char_slice(w, from, to).to_string()).unwrap_or_default();
    let after = before + end.saturating_sub(start);
    let text = if text_is_source { from_window(before, after) } else { r.get(7)? };
    let (prefix, suffix) = if context_is_source {
        (from_window(0, before), from_window(after, usize::MAX))
    } else {
        (r.get(5)?, r.get(6)?)
    };
    Ok(Claim {
        id: r.get(0)?,
        source_id: r.get(1)?,
        anchor: Anchor {
            start,
            end,
            selector: TextQuoteSelector { exact: if exact_is_text { text.clone() } else { r.get(4)? }, prefix, suffix },
        },
        text,
        speaker: Speaker {
            name: r.get(8)?,
            party: r.get(9)?,
            countries: serde_json::from_str(&countries).map_err(|e| json_err(10, e))?,
        },
        cue: r.get(11)?,
        stance: compact::stance_of(r.get(12)?),
        // No relay is stored empty (`[]` before: 2 bytes of nearly every claim).
        via: if via.is_empty() { Vec::new() } else { serde_json::from_str(&via).map_err(|e| json_err(13, e))? },
        responds_to: r.get(14)?,
        origin: compact::origin_of(r.get(15)?),
        confidence: compact::confidence_of(r.get(18)?),
        doubts: compact::doubts_of(r.get(19)?),
        review: compact::review_of(r.get(20)?),
        created_at: compact::time_of(r.get(16)?),
        updated_at: compact::time_of(r.get(17)?),
    })
}


/// Where a stored claim's anchor context comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// Its own `prefix` and `suffix`.
    Stored,
    /// Its source's text around its offsets: the anchor was computed from that text, whose
    /// length in bytes is given. Kept only for sources of at most [`CONTEXT_FROM_SOURCE_MAX`].
    FromSource(usize),
}

/// Migration 30: no trigger runs when a claim is inserted. Four did, each a program of its own
/// for every row: the claim queued for detection (`detect_queue`) and for the full-text index
/// (`fts_queue`), its speaker's states (`claim_countries`) and its block's count
/// (`claim_blocks`). A claim inserted alone ([`insert_claim_in`]) does the same in four
/// statements; the claims an import stores ([`insert_stored_claim_in`]) are written in one pass
/// per transaction ([`finish_claims_in`]): their states sorted, one count per block, their
/// full-text rows from the values in hand (the queue read each claim's text back from its
/// source's with `substr`, from the text's start), and no detection queue (the import detects
/// them in the same transaction). The delete and update triggers stay. Nothing stored changes.
pub(super) const INSERTS_WITHOUT_TRIGGERS: &str = r#"
DROP TRIGGER IF EXISTS claims_detect_ai;
DROP TRIGGER IF EXISTS claims_fts_ai;
DROP TRIGGER IF EXISTS claims_countries_ai;
DROP TRIGGER IF EXISTS claims_blocks_ai;
"#;

/// Inserts a claim with its own anchor context and returns its id. The claim is queued for
/// detection and for the full-text index, as every claim inserted alone is.
pub(crate) fn insert_claim_in(tx: &Transaction<'_>, c: &NewClaim) -> Result<i64> {
    let party = known_party_in(tx, c.speaker.party.as_deref())?;
    let id = insert_row_in(tx, c, party.as_deref(), Context::Stored)?;
    tx.prepare_cached("INSERT OR IGNORE INTO detect_queue (claim_id) VALUES (?1)")?.execute([id])?;
    tx.prepare_cached("INSERT INTO fts_queue (kind, id) VALUES ('claim', ?1)")?.execute([id])?;
    let mut countries = c.speaker.countries.iter().map(|cc| (cc.clone(), id)).collect::<Vec<_>>();
    countries.sort_unstable();
    insert_countries_in(tx, &countries)?;
    count_in_block_in(tx, c.source_id, 1)?;
    Ok(id)
}

/// What the claims an import stores in one transaction leave for its end ([`finish_claims_in`]):
/// their full-text rows, their speakers' states and their blocks' counts. The parties looked up
/// are kept: a batch's claims name a few hundred.
#[derive(Debug, Default)]
pub(crate) struct StoredClaims {
    /// (claim, text, speaker, cue), in id order: the values the full-text index holds.
    full_text: Vec<(i64, String, String, String)>,
    /// (state, claim) rows of `claim_countries`.
    countries: Vec<(String, i64)>,
    /// Claims per block of source ids.
    blocks: std::collections::BTreeMap<i64, i64>,
    /// Party keys looked up: whether the store knows each.
    parties: std::collections::HashMap<String, bool>,
}

/// Inserts a claim an import extracted, leaving its full-text row, its states and its block's
/// count to [`finish_claims_in`], which must run before the transaction commits, with no edit or
/// delete of the claim in between (its full-text row is not written yet). The claim is not
/// queued for detection: the caller detects it in the same transaction (`align::Detection::added`).
/// Gives its id and the party key stored: the speaker's, unless the store does not know it.
pub(crate) fn insert_stored_claim_in(tx: &Transaction<'_>, c: &NewClaim, context: Context, batch: &mut StoredClaims) -> Result<(i64, Option<String>)> {
    let party = match c.speaker.party.as_deref() {
        Some(k) => match batch.parties.get(k) {
            Some(&known) => known.then(|| k.to_string()),
            None => {
                let party = known_party_in(tx, Some(k))?;
                batch.parties.insert(k.to_string(), party.is_some());
                party
            }
        },
        None => None,
    };
    let id = insert_row_in(tx, c, party.as_deref(), context)?;
    batch.full_text.push((id, c.text.clone(), c.speaker.name.clone(), c.cue.clone()));
    batch.countries.extend(c.speaker.countries.iter().map(|cc| (cc.clone(), id)));
    *batch.blocks.entry(c.source_id >> super::browse::READING_BLOCK_BITS).or_default() += 1;
    Ok((id, party))
}

/// Writes what the claims of [`insert_stored_claim_in`] left: their states (sorted, for the
/// index's pages), one count per block, and last their full-text rows, after the rows queued
/// in this transaction (the sources'). Single-row inserts into the index open no statement
/// savepoint, at which FTS5 would write its pending terms out as a segment: the transaction's
/// rows make one segment at its commit.
pub(crate) fn finish_claims_in(tx: &Transaction<'_>, mut batch: StoredClaims) -> Result<()> {
    batch.countries.sort_unstable();
    batch.countries.dedup();
    insert_countries_in(tx, &batch.countries)?;
    for (&block, &claims) in &batch.blocks {
        count_in_block_in(tx, block << super::browse::READING_BLOCK_BITS, claims)?;
    }
    super::search::index_queued_in(tx)?;
    let mut st = tx.prepare_cached("INSERT INTO claims_fts (rowid, text, speaker, cue) VALUES (?1, ?2, ?3, ?4)")?;
    for (id, text, speaker, cue) in &batch.full_text {
        st.execute(params![id, text, speaker, cue])?;
    }
    Ok(())
}

/// Counts `claims` more claims in the block of source `source_id`.
fn count_in_block_in(tx: &Transaction<'_>, source_id: i64, claims: i64) -> Result<()> {
    tx.prepare_cached("INSERT INTO claim_blocks (block, claims) VALUES (?1, ?2) ON CONFLICT (block) DO UPDATE SET claims = claims + excluded.claims")?
        .execute(params![source_id >> super::browse::READING_BLOCK_BITS, claims])?;
    Ok(())
}

/// Rows of `claim_countries`, (state, claim).
fn insert_countries_in(tx: &Transaction<'_>, rows: &[(String, i64)]) -> Result<()> {
    let mut st = tx.prepare_cached("INSERT OR IGNORE INTO claim_countries (country, claim_id) VALUES (?1, ?2)")?;
    for (country, claim) in rows {
        st.execute(params![country, claim])?;
    }
    Ok(())
}

/// `party` if the store knows it. A speaker's party key that the store does not know (a typo,
/// a deleted party) is dropped rather than failing the whole import on a foreign key.
fn known_party_in(tx: &Transaction<'_>, party: Option<&str>) -> Result<Option<String>> {
    Ok(match party {
        Some(k) => tx.prepare_cached("SELECT key FROM parties WHERE key = ?1")?.query_row([k], |r| r.get(0)).optional()?,
        None => None,
    })
}

/// The claim's row alone, under `party` (known to the store); its id.
fn insert_row_in(tx: &Transaction<'_>, c: &NewClaim, party: Option<&str>, context: Context) -> Result<i64> {
    let now = super::now();
    let exact = stored_exact(&c.anchor.selector.exact, &c.text);
    let from_source = matches!(context, Context::FromSource(len) if len <= CONTEXT_FROM_SOURCE_MAX);
    let (prefix, suffix) = if from_source { ("", "") } else { (c.anchor.selector.prefix.as_str(), c.anchor.selector.suffix.as_str()) };
    // The anchored words are the source's at the claim's offsets; when they are its text too,
    // as an extracted claim's are, the text is read from the source like the context.
    let text_is_source = from_source && exact.1;
    // Cached: a batch import inserts tens of thousands of claims, and parsing this statement
    // each time cost as much as running it.
    tx.prepare_cached(
        "INSERT INTO claims (source_id, start, end, exact, prefix, suffix, text, speaker, party_key, countries, cue, stance, via,
                             responds_to, origin, created_at, updated_at, confidence, doubts, review, exact_is_text, context_is_source,
                             text_is_source, speaker_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, NULL, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
    )?
    .execute(params![
            c.source_id,
            c.anchor.start as i64,
            c.anchor.end as i64,
            exact.0,
            prefix,
            suffix,
            if text_is_source { "" } else { c.text.as_str() },
            c.speaker.name,
            party,
            serde_json::to_string(&c.speaker.countries).unwrap_or_else(|_| "[]".into()),
            c.cue,
            compact::stance_code(c.stance),
            if c.via.is_empty() { String::new() } else { serde_json::to_string(&c.via).unwrap_or_default() },
            c.responds_to,
            compact::origin_code(c.origin),
            compact::time_code(now),
            compact::confidence_code(confidence(&c.doubts)),
            compact::doubts_code(&c.doubts),
            // What the analyst writes is reviewed by writing it.
            compact::review_code(if c.origin == Origin::Analyst { ReviewState::Edited } else { ReviewState::ToReview }),
            exact.1,
            from_source,
            text_is_source,
            compact::speaker_key_code(&c.speaker.name),
        ])?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Claims matching `filter`, in its order.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        let FilterSql { sql: from_where, args, .. } = self.filter_sql(filter)?;
        let sql = format!("SELECT {COLUMNS} {from_where} ORDER BY {}", filter.order.sql());
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map(params_from_iter(args), from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The `FROM … WHERE …` part selecting the claims `c` that match `filter`, with its arguments.
    pub(super) fn filter_sql(&self, filter: &ClaimFilter) -> Result<FilterSql> {
        let mut sql = String::from("FROM claims c");
        let mut clauses = Vec::new();
        // For each clause that is a set of claims, the query listing its ids alone.
        let mut counts: Vec<Option<String>> = Vec::new();
        // For each clause, its FTS5 query when it is a full-text match.
        let mut matches: Vec<Option<String>> = Vec::new();
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        // A full-text match as a clause. A subquery, not a join: the match runs once. Joined, the
        // planner could walk an index of `claims` (the queue's) and run the match once per claim:
        // 72 s for "the queue, words Jermuk" over 100,000 claims, 0.1 s this way. The index's rows
        // are the claims' (`fts_queue` keeps them in step). A search without a word finds nothing
        // (FTS5 would call it a syntax error).
        let mut full_text = |m: Option<String>| match m {
            Some(m) => {
                matches.push(Some(m.clone()));
                args.push(m.into());
                let n = args.len();
                clauses.push(format!("c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?{n})"));
                counts.push(Some(format!("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?{n}")));
            }
            None => {
                matches.push(None);
                clauses.push("0".to_string());
                counts.push(None);
            }
        };
        if let Some(q) = &filter.query {
            full_text(super::fts_query(q)?);
        }
        if let Some(words) = &filter.speaker {
            // A column filter on the whole query: every word must be in the speaker's name.
            full_text(super::fts_query(words)?.map(|q| format!("{{speaker}} : ({q})")));
        }
        if let Some(p) = &filter.party {
            let party = self.find_party(p)?;
            let (clause, k, state) = party_clause(&party, &mut args, STATE_SET);
            // Listed from the indexes alone: the party's, each of its sub-parties', and the
            // speakers' states, each an index of claim ids, without a claim's row.
            let mut set = format!("SELECT id FROM claims WHERE party_key = ?{k}");
            // One arm a sub-party, each read in id order from the party index: the sub-parties'
            // claims as one arm (`party_key IN (…)`) were read key by key and sorted into a
            // temporary table before the first id could pass (35,367 for UA's five at a million
            // claims), so that even a count stopping early paid for all of them.
            // The sub-party is named by its place among them (the filter's arguments are the
            // page query's too, which names no sub-party).
            let children: i64 = self.conn().prepare_cached("SELECT count(*) FROM parties WHERE parent = ?1")?.query_row([&party.key], |r| r.get(0))?;
            for i in 0..children {
                set.push_str(&format!(
                    " UNION SELECT id FROM claims WHERE party_key = (SELECT key FROM parties WHERE parent = ?{k} ORDER BY key LIMIT 1 OFFSET {i})"
                ));
            }
            if let Some(n) = state {
                set.push_str(&format!(" UNION SELECT claim_id FROM claim_countries WHERE country = ?{n}"));
            }
            // Ordered, SQLite merges the sets, each read in claim id order from its index, and
            // passes each claim once; unordered, it put every id of every set into a temporary
            // table to drop the repeats (71,351 claims in three sets of 35,000 to 71,000 for UA
            // at a million claims: 29 → 18 ms).
            set.push_str(" ORDER BY 1");
            clauses.push(clause);
            counts.push(Some(set));
            matches.push(None);
        }
        if let Some(g) = &filter.speaker_group {
            let party = self.find_party(&g.party)?;
            args.push(crate::text::key_hash(&g.key).into());
            let k = args.len();
            // The key's index finds the speaker's claims (a person's few, among a state's
            // 80,000 at a million claims); each is then tested for the party claim by claim, a
            // state's speakers in `claim_countries`' key, rather than building the state's set.
            let (party, _, _) = party_clause(&party, &mut args, STATE_WALK);
            clauses.push(format!("(c.speaker_key = ?{k} AND {party})"));
            counts.push(None);
            matches.push(None);
        }
        if let Some(s) = filter.source {
            args.push(s.into());
            clauses.push(format!("c.source_id = ?{}", args.len()));
        }
        if let Some(st) = filter.stance {
            args.push(compact::stance_code(st).into());
            clauses.push(format!("c.stance = ?{}", args.len()));
        }
        if let Some(v) = &filter.verdict {
            args.push(v.clone().into());
            clauses.push(format!(
                "COALESCE((SELECT v.verdict FROM claim_verdicts v WHERE v.claim_id = c.id), '{}') = ?{}",
                DEFAULT_VERDICT,
                args.len()
            ));
        }
        if let Some(a) = filter.attribution {
            args.push(a.as_str().to_string().into());
            clauses.push(format!(
                "COALESCE((SELECT v.attribution FROM claim_verdicts v WHERE v.claim_id = c.id), '{}') = ?{}",
                Attribution::Unchecked.as_str(),
                args.len()
            ));
        }
        if let Some(r) = filter.review {
            args.push(compact::review_code(r).into());
            clauses.push(format!("c.review = ?{}", args.len()));
        }
        if filter.queue {
            clauses.push(super::review::IN_QUEUE.to_string());
        }
        if let Some(t) = &filter.tag {
            // A mistyped tag would otherwise read as "no claims bear on this question".
            let Some(spelled) = self.tag_in_use(t)? else {
                return Err(Error::not_found("tag", t));
            };
            args.push(spelled.into());
            clauses.push(format!("c.id IN (SELECT claim_id FROM claim_tags WHERE tag = ?{})", args.len()));
        }
        let (set, full_text) = match (clauses.len(), counts.pop()) {
            (1, Some(set)) => (set, matches.pop().flatten()),
            _ => (None, None),
        };
        if !clauses.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&clauses.join(" AND "));
        }
        Ok(FilterSql { sql, args, set, full_text })
    }

    /// One claim.
    pub fn claim(&self, id: i64) -> Result<Claim> {
        self.conn()
            .query_row(&format!("SELECT {COLUMNS} FROM claims c WHERE c.id = ?1"), [id], from_row)
            .optional()?
            .ok_or_else(|| Error::not_found("claim", id))
    }

    /// Number of claims in the store: the sum of the claims counted per block of sources
    /// (`claim_blocks`, some 1,200 rows at a million claims), not a walk of an index of every claim.
    pub fn claim_count(&self) -> Result<i64> {
        Ok(self.conn().prepare_cached("SELECT coalesce(sum(claims), 0) FROM claim_blocks")?.query_row([], |r| r.get(0))?)
    }
}

/// Points a claim at the claim it answers.
pub(crate) fn set_responds_to_in(tx: &Transaction<'_>, id: i64, target: i64) -> Result<()> {
    tx.prepare_cached("UPDATE claims SET responds_to = ?2 WHERE id = ?1")?.execute(params![id, target])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartyKind;

    /// What SQLite's plan does for the claims `filter` picks, one line a step.
    fn plan(store: &Store, filter: &ClaimFilter) -> String {
        let FilterSql { sql, args, .. } = store.filter_sql(filter).expect("filter");
        let mut st = store.conn().prepare(&format!("EXPLAIN QUERY PLAN SELECT c.id {sql} ORDER BY {}", filter.order.sql())).expect("plan");
        let rows = st.query_map(params_from_iter(args), |r| r.get::<_, String>(3)).expect("plan rows");
        rows.collect::<rusqlite::Result<Vec<_>>>().expect("plan rows").join("\n")
    }

    #[test]
    fn the_queue_and_the_reading_order_are_read_in_their_indexes_order_without_a_sort() {
        let store = Store::in_memory().expect("store");
        for (filter, index) in [
            (ClaimFilter { queue: true, order: ClaimOrder::QUEUE, ..Default::default() }, "claims_queue"),
            (ClaimFilter { order: ClaimOrder { by: ClaimSort::Reading, descending: true }, ..Default::default() }, "claims_reading_order"),
        ] {
            let plan = plan(&store, &filter);
            assert!(plan.contains(index) && !plan.contains("TEMP B-TREE"), "the index's order, ids last, is the list's for {filter:?}:\n{plan}");
        }
    }

    #[test]
    fn a_speaker_groups_claims_are_found_through_the_speaker_key_index_and_tested_for_their_state_one_by_one() {
        let mut store = Store::in_memory().expect("store");
        store.add_party("RU", "Russia", PartyKind::State, Some("RU"), None).expect("party");
        let group = SpeakerGroupRef { party: "RU".into(), key: "lavrov".into() };
        for filter in [
            ClaimFilter { speaker_group: Some(group.clone()), ..Default::default() },
            ClaimFilter { speaker_group: Some(group.clone()), party: Some("RU".into()), ..Default::default() },
            ClaimFilter { speaker_group: Some(group.clone()), order: ClaimOrder { by: ClaimSort::Date, descending: true }, ..Default::default() },
        ] {
            let plan = plan(&store, &filter);
            assert!(plan.contains("USING INDEX claims_speaker_key (speaker_key=?)"), "the key's index finds the claims for {filter:?}:\n{plan}");
            assert!(!plan.contains("SCAN c"), "no claim is read but the group's:\n{plan}");
        }
    }

    #[test]
    fn a_partys_set_is_merged_in_claim_id_order_from_its_indexes_each_sub_party_apart() {
        let mut store = Store::in_memory().expect("store");
        store.add_party("UA", "Ukraine", PartyKind::State, Some("UA"), None).expect("party");
        for sub in ["UA.army", "UA.mfa", "UA.mod"] {
            store.add_party(sub, sub, PartyKind::Organisation, Some("UA"), Some("UA")).expect("sub-party");
        }
        let FilterSql { set, args, .. } = store.filter_sql(&ClaimFilter { party: Some("UA".into()), ..Default::default() }).expect("filter");
        let set = set.expect("a party alone is one set");
        let mut st = store.conn().prepare(&format!("EXPLAIN QUERY PLAN SELECT count(*) FROM ({set} LIMIT 10)")).expect("plan");
        let plan = st.query_map(params_from_iter(args), |r| r.get::<_, String>(3)).expect("plan rows").collect::<rusqlite::Result<Vec<_>>>().expect("plan rows").join("\n");
        // The sub-parties as one arm, `party_key IN (…)`, were sorted into a temporary B-tree
        // before the first id passed: a count stopping early paid for all of their claims.
        assert!(!plan.contains("TEMP B-TREE"), "every arm is read in claim id order:\n{plan}");
        assert_eq!(plan.matches("claims_party (party_key=?)").count(), 4, "one arm for the party and one a sub-party:\n{plan}");
    }
}
