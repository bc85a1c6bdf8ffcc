//! The import pipeline (`Workbench::import_inputs`): batches of sources read in parallel and
//! written several to a transaction must leave the store exactly as importing the same files one
//! after the other does; failures stay per input; a cancel keeps what was read before it.

use std::path::{Path, PathBuf};

use crosscheck::store::{ClaimFilter, ConflictFilter};
use crosscheck::{ingest, Progress, Workbench};

use crate::support::shared_corpus;

/// The shared corpus's articles, then copies that make conflicts and statement groups across
/// sources: an exact duplicate (stored once), articles cut and joined, a near copy with one word
/// changed, and a file that cannot be read.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut texts: Vec<(String, String)> = Vec::new();
    for lang in ["news-en", "news-fr", "news-ru"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(shared_corpus().join(lang))
            .expect("shared corpus")
            .map(|e| e.expect("corpus entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let name = f.file_name().expect("file name").to_string_lossy().into_owned();
            texts.push((name, std::fs::read_to_string(&f).expect("corpus text")));
        }
    }
    assert!(texts.len() > 64, "more inputs than one batch holds: {}", texts.len());
    let copies: Vec<(String, String)> = texts
        .iter()
        .take(12)
        .enumerate()
        .map(|(i, (name, text))| {
            let half: String = text.lines().skip(text.lines().count() / 2).collect::<Vec<_>>().join("\n");
            let other = &texts[(i * 7 + 30) % texts.len()].1;
            (format!("zz-joined-{i}-{name}"), format!("{half}\n\n{other}"))
        })
        .collect();
    texts.extend(copies);
    let (name, text) = texts[3].clone();
    texts.push((format!("zz-duplicate-{name}"), text.clone()));
    texts.push((format!("zz-near-{name}"), text.replacen(" the ", " a ", 1)));
    let mut paths: Vec<PathBuf> = texts
        .into_iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).expect("input written");
            p
        })
        .collect();
    let broken = dir.join("zz-broken.pdf");
    std::fs::write(&broken, b"%PDF-1.4 not really").expect("broken file written");
    paths.push(broken);
    paths.sort();
    paths
}

/// Everything the import leaves in a workspace, as JSON without the clock's fields.
fn contents(wb: &Workbench) -> serde_json::Value {
    let claims = wb.claims(&ClaimFilter::default()).expect("claims");
    let carriers: Vec<_> = claims.iter().map(|c| wb.store().carriers(c.id).expect("carriers")).collect();
    let mut v = serde_json::json!({
        "sources": wb.sources().expect("sources"),
        "claims": claims,
        "carriers": carriers,
        "parties": wb.parties(true).expect("parties"),
        "conflicts": wb.conflicts(&ConflictFilter::default()).expect("conflicts"),
    });
    strip_times(&mut v);
    v
}

fn strip_times(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.retain(|k, _| !matches!(k.as_str(), "created_at" | "updated_at" | "imported_at"));
            m.values_mut().for_each(strip_times);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip_times),
        _ => {}
    }
}

#[test]
fn batch_pipeline_stores_the_same_claims_parties_and_conflicts_as_importing_one_by_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = inputs(dir.path());

    let mut one = Workbench::in_memory().expect("workspace");
    let gazetteer = one.gazetteer().expect("gazetteer");
    let mut failed_one = Vec::new();
    for f in &files {
        let name = f.display().to_string();
        let read = ingest::read_file(f).and_then(|bytes| Ok((ingest::load(&name, &bytes)?, bytes)));
        match read.and_then(|(doc, bytes)| one.import_document(doc, Some(bytes), &gazetteer)) {
            Ok(_) => {}
            Err(_) => failed_one.push(name),
        }
    }

    let mut batch = Workbench::in_memory().expect("workspace");
    let summary = batch.import_paths(&[dir.path().to_path_buf()], &mut ()).expect("pipeline import");

    let failed: Vec<&String> = summary.failed.iter().map(|f| &f.0).collect();
    assert_eq!(failed, failed_one.iter().collect::<Vec<_>>(), "the same inputs fail, each on its own");
    assert_eq!(summary.imported.iter().filter(|o| o.duplicate).count(), 1, "the duplicate is found inside its batch");
    let (a, b) = (contents(&one), contents(&batch));
    assert!(a["conflicts"].as_array().is_some_and(|c| c.len() > 5), "the inputs make conflicts to compare: {}", a["conflicts"]);
    assert!(a["carriers"].as_array().is_some_and(|c| c.iter().any(|g| g.as_array().is_some_and(|g| g.len() > 1))), "and statements carried twice");
    for part in ["sources", "claims", "carriers", "parties", "conflicts"] {
        assert!(a[part] == b[part], "{part} differ between one-by-one and batch import");
    }
}

/// Cancels once `after` inputs were reported.
struct CancelAfter {
    after: usize,
    seen: usize,
}

impl Progress for CancelAfter {
    fn start(&mut self, _: usize) {}
    fn item(&mut self, done: usize, _: &str) {
        self.seen = done;
    }
    fn cancelled(&self) -> bool {
        self.seen >= self.after
    }
}

#[test]
fn cancelling_the_pipeline_keeps_whole_sources_read_before_the_cancel() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = inputs(dir.path());
    // More inputs than one transaction writes (256 sources), each its own text, so that a cancel
    // seen after the first batch leaves some unread, however fast they arrive.
    let text = std::fs::read_to_string(&paths[0]).expect("input read");
    for i in 0..300 {
        std::fs::write(dir.path().join(format!("zz-variant-{i:03}.txt")), format!("Dispatch {i}.

{text}")).expect("variant written");
    }
    let total = paths.len() + 300;
    let mut wb = Workbench::in_memory().expect("workspace");
    let mut progress = CancelAfter { after: 1, seen: 0 };
    let summary = wb.import_paths(&[dir.path().to_path_buf()], &mut progress).expect("import");
    assert!(summary.cancelled, "the import says it was cancelled");
    let stored = wb.sources().expect("sources");
    assert!(!stored.is_empty() && stored.len() < total - 1, "some sources stored, not all {total}: {}", stored.len());
    assert_eq!(stored.len(), summary.imported.iter().filter(|o| !o.duplicate).count(), "every reported source is stored");
    let counts = wb.claim_counts_by_source().expect("counts");
    // (A duplicate stores nothing: it names the source it repeats, and reports no claims.)
    for o in summary.imported.iter().filter(|o| !o.duplicate) {
        assert_eq!(counts.get(&o.source_id).copied().unwrap_or(0), o.claims, "source {} holds all its claims", o.source_id);
    }
}

#[test]
fn full_text_index_holds_every_row_of_a_batch_and_forgets_a_deleted_claim() {
    let dir = tempfile::tempdir().expect("temp dir");
    inputs(dir.path());
    let db = dir.path().join("store.db");
    let mut wb = Workbench::open(&db).expect("workspace");
    let inputs_dir = dir.path().to_path_buf();
    let summary = wb.import_paths(&[inputs_dir], &mut ()).expect("import");
    let some = summary.imported.iter().find(|o| o.claims > 0).expect("a source with claims");
    let claim = wb.claims(&ClaimFilter { source: Some(some.source_id), ..Default::default() }).expect("claims").remove(0);
    let word = claim.text.split_whitespace().max_by_key(|w| w.chars().count()).expect("a word").to_string();
    let found = wb.claims(&ClaimFilter { query: Some(word.clone()), ..Default::default() }).expect("search");
    assert!(found.iter().any(|c| c.id == claim.id), "searching «{word}» finds the claim it came from");
    wb.set_setting("analyst", "Ana Lyst").expect("analyst");
    wb.delete_claim(claim.id, "not a claim").expect("delete the claim");
    let found = wb.claims(&ClaimFilter { query: Some(word.clone()), ..Default::default() }).expect("search");
    assert!(!found.iter().any(|c| c.id == claim.id), "a deleted claim is no longer found");
    drop(wb);
    let conn = rusqlite::Connection::open(&db).expect("raw connection");
    for index in ["claims_fts", "sources_fts"] {
        conn.execute(&format!("INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)"), [])
            .unwrap_or_else(|e| panic!("{index} agrees with its table: {e}"));
    }
    let queued: i64 = conn.query_row("SELECT count(*) FROM fts_queue", [], |r| r.get(0)).expect("queue");
    assert_eq!(queued, 0, "nothing is left queued once a transaction commits");
}

#[test]
fn original_bytes_equal_to_the_text_are_stored_once_and_read_back_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "Le ministère a déclaré que 12 drones avaient été abattus.\n").expect("file");
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Le minist\xe8re a d\xe9clar\xe9 que la fronti\xe8re \xe9tait ferm\xe9e.\n").expect("file");
    let mut wb = Workbench::in_memory().expect("workspace");
    let summary = wb.import_paths(&[plain.clone(), latin1.clone()], &mut ()).expect("import");
    assert_eq!(summary.imported.len(), 2, "both import: {:?}", summary.failed);
    for (o, path) in summary.imported.iter().zip([&plain, &latin1]) {
        let raw = wb.store().source_raw(o.source_id).expect("raw");
        assert_eq!(raw, Some(std::fs::read(path).expect("bytes")), "the bytes of {} are kept for audit", path.display());
    }
}

#[test]
fn anchored_words_equal_to_the_claim_text_are_stored_once_and_read_back_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ws.db");
    let mut wb = Workbench::open(&db).expect("workspace");
    wb.import_paths(&[crate::support::seed_text_path()], &mut ()).expect("import");
    wb.set_setting("analyst", "Ana").expect("analyst");
    let claims = wb.claims(&ClaimFilter::default()).expect("claims");
    assert!(claims.len() > 3, "the seed has claims");
    for c in &claims {
        assert_eq!(c.anchor.selector.exact, c.text, "an extracted claim's anchored words are its text");
    }
    // The analyst rewords a claim: its anchor keeps the source's words, now other than its text.
    let edited = wb
        .edit_claim(claims[0].id, crosscheck::ClaimChanges { text: Some("Reworded by the analyst".into()), ..Default::default() }, "clearer")
        .expect("edit");
    assert_eq!(edited.anchor.selector.exact, claims[0].anchor.selector.exact, "the anchor is the source's words still");
    let reread = wb.claims(&ClaimFilter::default()).expect("claims");
    assert_eq!(reread[0].anchor.selector.exact, claims[0].text, "and reads back whole");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let twice: i64 = conn.query_row("SELECT count(*) FROM claims WHERE exact <> '' AND exact = text", [], |r| r.get(0)).expect("count");
    assert_eq!(twice, 0, "no claim stores its text twice");
}
