//! The store's guarantees: refusing foreign files untouched, locks, read-only, crash safety.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{bin, run, run_json};

fn check_refused_untouched(name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(name);
    std::fs::write(&db, bytes).unwrap();
    let out = run(&db, &["sources"]);
    assert!(!out.status.success(), "{name}: opening must fail");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a Crosscheck store"), "{name}: the error says what is wrong: {err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "{name}: the file is left byte-for-byte untouched");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "{name}: no -wal or -shm file is created beside it: {leftovers:?}");
}

#[test]
fn non_sqlite_and_foreign_files_are_refused_untouched() {
    check_refused_untouched("notes.db", "Bakou affirme avoir pris le contrôle".as_bytes());
    check_refused_untouched("short.db", b"SQLite");

    // A real SQLite database of another program.
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign.db");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
    drop(conn);
    check_refused_untouched("foreign.db", &std::fs::read(&foreign).unwrap());

    // Our own store with its pages overwritten by garbage past the header.
    let ours = dir.path().join("ours.db");
    run_json(&ours, &["sources"]);
    let mut bytes = std::fs::read(&ours).unwrap();
    for b in bytes.iter_mut().skip(100) {
        *b = 0xA5;
    }
    check_refused_untouched("corrupt.db", &bytes);
}

#[test]
fn a_locked_store_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    run_json(&db, &["config", "set", "analyst", "Ana"]);
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE; INSERT INTO meta(key, value) VALUES ('held', '1');").unwrap();
    let out = run(&db, &["party", "alias", "add", "AZ", "Bakou-la-blanche"]);
    assert_eq!(out.status.code(), Some(3), "locked has its own exit code");
    assert!(String::from_utf8_lossy(&out.stderr).contains("locked by another process"), "the error says the store is locked");
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_read_only_store_gives_a_clear_error() {
    // Root writes through file modes, so the binary runs as an unprivileged user when we are root.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    run_json(&db, &["config", "set", "analyst", "Ana"]);
    let is_root = unsafe_geteuid() == 0;
    let exe = dir.path().join("crosscheck");
    std::fs::copy(bin(), &exe).unwrap();
    set_mode(dir.path(), 0o555);
    set_mode(&db, 0o444);
    let mut cmd = if is_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    let out = cmd.arg("--db").arg(&db).args(["party", "alias", "add", "AZ", "Bakou-la-blanche"]).output().unwrap();
    set_mode(dir.path(), 0o755);
    assert!(!out.status.success(), "writing a read-only store fails");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("read-only"), "the error says the store is read-only: {err}");
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn unsafe_geteuid() -> u32 {
    // `id -u` avoids a libc dependency for one call.
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// A dispatch-like article of about 3 KB, different for every `i`.
fn article(i: usize) -> String {
    let mut s = format!("Dépêche {i}. Bakou affirme avoir pris le contrôle du village numéro {i}. Erevan nie cela et rapporte des bombardements.\n");
    while s.len() < 3000 {
        s.push_str(&format!("Le ministère a déclaré que la situation restait tendue dans le secteur {i}, selon les observateurs. "));
    }
    s
}

#[test]
fn sigkill_mid_import_leaves_only_whole_sources_and_the_rerun_completes() {
    const FILES: usize = 400;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for i in 0..FILES {
        std::fs::write(input.join(format!("a{i:04}.txt")), article(i)).unwrap();
    }
    let db = dir.path().join("ws.db");
    run_json(&db, &["sources"]);

    let mut child = Command::new(bin())
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let reader = rusqlite::Connection::open(&db).unwrap();
    let started = Instant::now();
    loop {
        let n: i64 = reader.query_row("SELECT count(*) FROM sources", [], |r| r.get(0)).unwrap_or(0);
        if n >= 20 || started.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    drop(reader);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok", "the store survives SIGKILL");
    let mut st = conn.prepare("SELECT url, text FROM sources").unwrap();
    let rows: Vec<(String, String)> = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    assert!(rows.len() < FILES, "the kill landed mid-import ({} of {FILES} stored)", rows.len());
    for (url, text) in &rows {
        let original = std::fs::read_to_string(url).unwrap();
        assert_eq!(text, &original, "{url} is stored whole");
    }
    let fts: i64 = conn.query_row("SELECT count(*) FROM sources_fts WHERE sources_fts MATCH 'Bakou'", [], |r| r.get(0)).unwrap();
    assert_eq!(fts as usize, rows.len(), "the search index holds exactly the stored sources");
    drop(st);
    drop(conn);

    let rerun = run_json(&db, &["import", input.to_str().unwrap()]);
    assert_eq!(rerun["failed"].as_array().unwrap().len(), 0, "the rerun fails nothing");
    let sources = run_json(&db, &["sources"]);
    assert_eq!(sources["sources"].as_array().unwrap().len(), FILES, "every file once, no duplicates");
}

#[test]
fn analyst_alias_edits_survive_a_gazetteer_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    run_json(&db, &["config", "set", "analyst", "Ana"]);
    run_json(&db, &["party", "alias", "add", "AZ", "la capitale azérie", "--lang", "fr"]);
    run_json(&db, &["party", "alias", "remove", "AM", "Erevan"]);
    // An upgrade ships a different gazetteer: the store sees a new hash and re-seeds.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE meta SET value = 'older-build' WHERE key = 'gazetteer_hash'", []).unwrap();
    drop(conn);
    let az = run_json(&db, &["party", "show", "AZ"]);
    let has = |v: &serde_json::Value, alias: &str| v["parties"][0]["aliases"].as_array().unwrap().iter().any(|a| a["text"] == alias);
    assert!(has(&az, "la capitale azérie"), "the analyst's alias survives re-seeding");
    assert!(has(&az, "Bakou"), "shipped aliases are back after re-seeding");
    let am = run_json(&db, &["party", "show", "AM"]);
    assert!(!has(&am, "Erevan"), "a shipped alias the analyst removed stays removed");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let hash: String = conn.query_row("SELECT value FROM meta WHERE key = 'gazetteer_hash'", [], |r| r.get(0)).unwrap();
    assert_ne!(hash, "older-build", "the store records the gazetteer it was seeded from");
}

// ---- Migration 17: the conflict key index by hash.

/// Articles of the shared corpus written to `dir`: the first `n` of news-en and of news-fr, and
/// near copies (one word changed) of the first `copies` of them.
fn corpus_files(dir: &Path, skip: usize, n: usize, copies: usize) -> Vec<std::path::PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let mut out = Vec::new();
    for lang in ["news-en", "news-fr"] {
        let mut files: Vec<_> = std::fs::read_dir(crate::support::shared_corpus().join(lang))
            .expect("shared corpus")
            .map(|e| e.expect("corpus entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for (i, f) in files.iter().skip(skip).take(n).enumerate() {
            let text = std::fs::read_to_string(f).expect("corpus text");
            let name = f.file_name().expect("file name").to_string_lossy().into_owned();
            std::fs::write(dir.join(&name), &text).unwrap();
            out.push(dir.join(&name));
            if i < copies {
                let near = text.replacen(" the ", " a ", 1).replacen(" le ", " un ", 1);
                std::fs::write(dir.join(format!("near-{name}")), near).unwrap();
                out.push(dir.join(format!("near-{name}")));
            }
        }
    }
    out
}

/// The key index, statement groups, their members, and conflicts (kind, status, claims).
type Detected = (Vec<(i64, i64)>, Vec<i64>, Vec<(i64, i64)>, Vec<(String, String, Vec<i64>)>);

/// The key index and what detection made: statement groups and conflicts.
fn detected(db: &Path) -> Detected {
    let conn = rusqlite::Connection::open(db).unwrap();
    let all = |sql: &str| -> Vec<(i64, i64)> {
        let mut st = conn.prepare(sql).unwrap();
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let keys = all("SELECT key, claim_id FROM claim_keys ORDER BY 1, 2");
    let common = all("SELECT key, key FROM common_keys ORDER BY 1").into_iter().map(|k| k.0).collect();
    let statements = all("SELECT claim_id, statement_id FROM claim_statements ORDER BY 1");
    let mut st = conn
        .prepare("SELECT c.origin, coalesce(c.score, ''), group_concat(m.claim_id) FROM conflicts c JOIN conflict_claims m ON m.conflict_id = c.id GROUP BY c.id ORDER BY c.id")
        .unwrap();
    let conflicts = st
        .query_map([], |r| {
            let members: String = r.get(2)?;
            Ok((r.get(0)?, r.get::<_, rusqlite::types::Value>(1).map(|v| format!("{v:?}"))?, members.split(',').map(|m| m.parse().unwrap()).collect()))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (keys, common, statements, conflicts)
}

#[test]
fn a_store_with_the_key_index_as_text_is_migrated_to_hashes_and_detects_what_a_fresh_store_detects() {
    use crosscheck::align::candidates::{ClaimRef, Features};
    use crosscheck::align::facts::Lexicon;
    use crosscheck::gazetteer::Gazetteer;
    use crosscheck::store::ClaimFilter;
    use crosscheck::Workbench;

    let dir = tempfile::tempdir().unwrap();
    let mut first = corpus_files(&dir.path().join("first"), 0, 12, 0);
    // And one bulletin naming one place in more claims than a key may hold and still block.
    let bulletin: String = (0..120)
        .map(|i| format!("The defence ministry of Azerbaijan said on Tuesday that {} Armenian drones were shot down near Tovuz.\n\n", i + 2))
        .collect();
    std::fs::write(dir.path().join("first/bulletin.txt"), bulletin).unwrap();
    first.push(dir.path().join("first/bulletin.txt"));
    let fresh = dir.path().join("fresh.db");
    let old = dir.path().join("old.db");
    Workbench::open(&fresh).unwrap().import_paths(&first, &mut ()).unwrap();
    std::fs::copy(&fresh, &old).unwrap();
    let last_first = Workbench::open(&fresh).unwrap().claims(&ClaimFilter::default()).unwrap().iter().map(|c| c.id).max().unwrap();

    // The same store as schema 16 wrote it: every key of every claim, as text, twice indexed.
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        let claims = Workbench::open(&fresh).unwrap().claims(&ClaimFilter::default()).unwrap();
        as_schema_21(&conn);
        conn.execute_batch(
            "DROP TABLE claim_keys; DROP TABLE common_keys; DROP TABLE claim_countries; DROP TRIGGER IF EXISTS claims_countries_ai; DROP TRIGGER claims_countries_au;
             UPDATE claims SET exact = text WHERE exact_is_text = 1; ALTER TABLE claims DROP COLUMN exact_is_text;
             CREATE TABLE claim_keys (
                 key TEXT NOT NULL,
                 claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
                 PRIMARY KEY (key, claim_id)
             ) WITHOUT ROWID;
             CREATE INDEX claim_keys_claim ON claim_keys(claim_id);
             PRAGMA user_version = 16;",
        )
        .unwrap();
        let mut insert = conn.prepare("INSERT OR IGNORE INTO claim_keys (key, claim_id) VALUES (?1, ?2)").unwrap();
        for c in &claims {
            let f = Features::new(ClaimRef { id: c.id, source_id: c.source_id, text: &c.text, speaker: &c.speaker }, Gazetteer::builtin(), Lexicon::builtin());
            for k in crosscheck::align::index_keys(&c.text, &f) {
                insert.execute(rusqlite::params![k, c.id]).unwrap();
            }
        }
    }

    Workbench::open(&old).expect("a store of schema 16 opens, migrated");
    let (fresh_keys, fresh_common, _, _) = detected(&fresh);
    let (old_keys, old_common, _, _) = detected(&old);
    assert!(!fresh_common.is_empty(), "the corpus has keys too common to block on");
    assert!(old_keys == fresh_keys, "the migrated index holds the postings a fresh one holds ({} and {} rows)", old_keys.len(), fresh_keys.len());
    assert_eq!(old_common, fresh_common, "and the same keys too common to block on");

    // More articles, with near copies of the first ones: detection reads the migrated index.
    let more = corpus_files(&dir.path().join("more"), 12, 6, 0);
    let copies: Vec<_> = corpus_files(&dir.path().join("copies"), 0, 4, 4).into_iter().filter(|p| p.to_string_lossy().contains("near-")).collect();
    let second: Vec<_> = more.into_iter().chain(copies).collect();
    Workbench::open(&fresh).unwrap().import_paths(&second, &mut ()).unwrap();
    Workbench::open(&old).unwrap().import_paths(&second, &mut ()).unwrap();
    let (fresh_keys, _, fresh_statements, fresh_conflicts) = detected(&fresh);
    let (old_keys, _, old_statements, old_conflicts) = detected(&old);
    assert!(
        fresh_statements.iter().any(|&(claim, statement)| claim > last_first && statement <= last_first),
        "copies of the first articles join their statements, found through the index: {fresh_statements:?}"
    );
    assert!(old_keys == fresh_keys, "the index grows alike");
    assert_eq!(old_statements, fresh_statements, "the migrated store groups the same statements");
    assert_eq!(old_conflicts, fresh_conflicts, "and finds the same conflicts");
}

// ---- Migration 20: anchor context read from the source, update times not stored again.

/// Every claim, every conflict, and each claim's anchor as computed from its source's text.
fn read_back(db: &Path) -> (Vec<crosscheck::model::Claim>, Vec<crosscheck::model::Conflict>, Vec<crosscheck::model::Anchor>) {
    use crosscheck::store::{ClaimFilter, ConflictFilter};
    let wb = crosscheck::Workbench::open(db).expect("the store opens, migrated if need be");
    let claims = wb.claims(&ClaimFilter::default()).unwrap();
    let anchors = claims.iter().map(|c| crosscheck::anchor_in(&wb.source(c.source_id).unwrap().text, c.anchor.start, c.anchor.end)).collect();
    (claims, wb.conflicts(&ConflictFilter::default()).unwrap(), anchors)
}

#[test]
fn claims_read_their_anchor_context_from_short_sources_and_a_migrated_store_reads_the_same() {
    use crosscheck::store::ClaimFilter;
    use crosscheck::{ClaimChanges, Workbench};

    let dir = tempfile::tempdir().unwrap();
    let mut files = corpus_files(&dir.path().join("articles"), 0, 6, 2);
    // A source longer than the context is read from: its claims keep their own.
    let long: String = files.iter().cycle().take(30).map(|f| std::fs::read_to_string(f).unwrap()).collect::<Vec<_>>().join("\n\n");
    assert!(long.len() > 32 * 1024, "the long source is past the limit ({} bytes)", long.len());
    std::fs::write(dir.path().join("long.txt"), format!("Dossier.\n\n{long}")).unwrap();
    files.push(dir.path().join("long.txt"));
    let fresh = dir.path().join("fresh.db");
    let old = dir.path().join("old.db");
    let edited = {
        let mut wb = Workbench::open(&fresh).unwrap();
        wb.import_paths(&files, &mut ()).unwrap();
        let first = wb.claims(&ClaimFilter::default()).unwrap()[0].id;
        std::thread::sleep(Duration::from_millis(5));
        wb.set_setting("analyst", "Ana").unwrap();
        let changes = ClaimChanges { cue: Some("stated".into()), ..Default::default() };
        wb.edit_claim(first, changes, "reworded cue").unwrap().id
    };
    let (claims, conflicts, anchors) = read_back(&fresh);
    assert!(!conflicts.is_empty(), "the articles make conflicts to compare");
    for (c, a) in claims.iter().zip(&anchors) {
        assert_eq!(&c.anchor, a, "claim {}'s anchor reads as computed from its source's text", c.id);
    }
    assert!(claims.iter().any(|c| !c.anchor.selector.prefix.is_ascii()), "some context is past ASCII (offsets are in chars)");
    let edited_claim = claims.iter().find(|c| c.id == edited).unwrap();
    assert!(edited_claim.updated_at > edited_claim.created_at, "an edited claim keeps its own update time");
    assert!(claims.iter().filter(|c| c.id != edited).all(|c| c.updated_at == c.created_at), "the others read their creation time");
    {
        let conn = rusqlite::Connection::open(&fresh).unwrap();
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(count("SELECT count(*) FROM claims WHERE updated_at <> ''"), 1, "only the edited claim's update time is stored");
        assert!(count("SELECT count(*) FROM claims WHERE context_is_source = 1 AND prefix = '' AND suffix = ''") > 0, "short sources' claims store no context");
        assert!(
            count("SELECT count(*) FROM claims c JOIN sources s ON s.id = c.source_id WHERE length(CAST(s.text AS BLOB)) > 32768 AND c.context_is_source = 0") > 0,
            "the long source's claims store theirs"
        );
        assert_eq!(count("SELECT count(*) FROM claims c JOIN sources s ON s.id = c.source_id WHERE length(CAST(s.text AS BLOB)) > 32768 AND c.context_is_source = 1"), 0);
    }

    // The same store as schema 19 wrote it: every context and update time stored, the source index kept.
    std::fs::copy(&fresh, &old).unwrap();
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        as_schema_21(&conn);
        for c in &claims {
            conn.execute(
                "UPDATE claims SET prefix = ?2, suffix = ?3 WHERE id = ?1",
                rusqlite::params![c.id, c.anchor.selector.prefix, c.anchor.selector.suffix],
            )
            .unwrap();
        }
        conn.execute_batch(
            "ALTER TABLE claims DROP COLUMN context_is_source;
             UPDATE claims SET updated_at = created_at WHERE updated_at = '';
             UPDATE conflicts SET updated_at = created_at WHERE updated_at = '';
             CREATE INDEX claims_source ON claims(source_id);
             PRAGMA user_version = 19;",
        )
        .unwrap();
    }
    let (old_claims, old_conflicts, _) = read_back(&old);
    assert_eq!(old_claims, claims, "the migrated store reads the same claims, anchors and update times included");
    assert_eq!(old_conflicts, conflicts, "and the same conflicts");
    let conn = rusqlite::Connection::open(&old).unwrap();
    let index: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'claims_source')", [], |r| r.get(0)).unwrap();
    assert!(!index, "the index on claims' source alone is dropped (the reading-order index begins with it)");

    // Claims imported after the migration are stored the new way and read alike.
    let more = corpus_files(&dir.path().join("more"), 6, 3, 0);
    Workbench::open(&fresh).unwrap().import_paths(&more, &mut ()).unwrap();
    Workbench::open(&old).unwrap().import_paths(&more, &mut ()).unwrap();
    let (fresh_claims, fresh_conflicts, anchors) = read_back(&fresh);
    let (old_claims, old_conflicts, _) = read_back(&old);
    for (c, a) in fresh_claims.iter().zip(&anchors) {
        assert_eq!(&c.anchor, a, "claim {}'s anchor reads as computed from its source's text", c.id);
    }
    let strip = |cs: Vec<crosscheck::model::Claim>| cs.into_iter().map(|c| (c.id, c.anchor, c.text, c.speaker)).collect::<Vec<_>>();
    assert_eq!(strip(old_claims), strip(fresh_claims), "the claims imported after read alike");
    assert_eq!(old_conflicts.len(), fresh_conflicts.len(), "and make the same conflicts");
    let new_form: i64 = conn.query_row("SELECT count(*) FROM claims WHERE context_is_source = 1", [], |r| r.get(0)).unwrap();
    assert!(new_form > 0, "the migrated store stores new claims' context as a fresh one does");
}

// ---- Migration 22: claims' text read from their source, the claims' full-text index contentless.

/// The triggers migration 15 made for the external-content index of claims (`src/store/search.rs`).
const EXTERNAL_CONTENT_TRIGGERS: &str = "
CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker, cue) SELECT 'delete', old.id, old.text, old.speaker, old.cue
        WHERE NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'claim' AND id = old.id);
    DELETE FROM fts_queue WHERE kind = 'claim' AND id = old.id;
END;
CREATE TRIGGER claims_fts_au AFTER UPDATE OF text, speaker, cue ON claims
    WHEN NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'claim' AND id = new.id)
BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker, cue) VALUES ('delete', old.id, old.text, old.speaker, old.cue);
    INSERT INTO claims_fts(rowid, text, speaker, cue) VALUES (new.id, new.text, new.speaker, new.cue);
END;";

/// Makes a store of today's schema one of schema 21: every claim's text stored, and the claims'
/// full-text index reading it from the claims as an external-content index.
fn as_schema_21(conn: &rusqlite::Connection) {
    let queued: i64 = conn.query_row("SELECT count(*) FROM detect_queue", [], |r| r.get(0)).unwrap();
    assert_eq!(queued, 0, "an import leaves no claim awaiting detection");
    // Restoring the text is no edit of the claims: the update trigger's queue is emptied again.
    conn.execute_batch(&format!(
        "UPDATE claims SET text = (SELECT substr(s.text, claims.start + 1, claims.end - claims.start) FROM sources s WHERE s.id = claims.source_id)
             WHERE text_is_source = 1;
         DELETE FROM detect_queue;
         DROP TRIGGER claims_fts_ad; DROP TRIGGER claims_fts_au; DROP TRIGGER IF EXISTS sources_claims_fts_bd; DROP TABLE claims_fts;
         ALTER TABLE claims DROP COLUMN text_is_source;
         CREATE VIRTUAL TABLE claims_fts USING fts5(
             text, speaker, cue, content='claims', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
         );
         INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
         {EXTERNAL_CONTENT_TRIGGERS}
         PRAGMA user_version = 21;"
    ))
    .expect("the store made one of schema 21");
}

/// The ids of the claims each filter finds, in reading order, and each first page's total.
fn found(db: &Path, filters: &[crosscheck::store::ClaimFilter]) -> Vec<(Vec<i64>, usize)> {
    let wb = crosscheck::Workbench::open(db).expect("the store opens");
    filters
        .iter()
        .map(|f| {
            let all: Vec<i64> = wb.claims(f).unwrap().iter().map(|c| c.id).collect();
            let page = wb.claims_page(f, &Default::default(), 0, 5).unwrap();
            assert_eq!(page.claims.iter().map(|c| c.id).collect::<Vec<_>>(), all.iter().take(5).copied().collect::<Vec<_>>(), "{f:?}'s first page");
            (all, page.total)
        })
        .collect()
}

#[test]
fn a_store_of_schema_21_keeps_its_claims_and_finds_what_it_found_once_claims_are_indexed_without_their_text() {
    use crosscheck::store::ClaimFilter;
    use crosscheck::Workbench;

    let dir = tempfile::tempdir().unwrap();
    let mut files = corpus_files(&dir.path().join("articles"), 0, 6, 2);
    for f in std::fs::read_dir(crate::support::shared_corpus().join("news-ru")).expect("Russian corpus").map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).take(3) {
        let to = dir.path().join("articles").join(f.file_name().unwrap());
        std::fs::copy(&f, &to).unwrap();
        files.push(to);
    }
    let fresh = dir.path().join("fresh.db");
    let old = dir.path().join("old.db");
    Workbench::open(&fresh).unwrap().import_paths(&files, &mut ()).unwrap();
    let (claims, conflicts, anchors) = read_back(&fresh);
    for (c, a) in claims.iter().zip(&anchors) {
        assert_eq!(&c.anchor, a, "claim {}'s anchor reads as computed from its source's text", c.id);
        assert_eq!(c.text, a.selector.exact, "claim {}'s text is its source's words", c.id);
    }
    {
        let conn = rusqlite::Connection::open(&fresh).unwrap();
        let stored: i64 = conn.query_row("SELECT count(*) FROM claims WHERE text_is_source = 1 AND text = ''", [], |r| r.get(0)).unwrap();
        assert_eq!(stored as usize, claims.len(), "no extracted claim of a short source stores its text");
    }

    // Words of every language, stemmed or not, common and rare, a speaker's name and a phrase.
    let mut filters: Vec<ClaimFilter> = ["forces", "accusations", "ministère", "l'armée", "déclaré", "заявил", "России", "said Armenia", "zzzz"]
        .iter()
        .map(|w| ClaimFilter { query: Some(w.to_string()), ..Default::default() })
        .collect();
    for c in claims.iter().step_by(17) {
        let longest = c.text.split(|ch: char| !ch.is_alphanumeric()).max_by_key(|w| w.chars().count()).unwrap_or_default();
        filters.push(ClaimFilter { query: Some(longest.to_string()), ..Default::default() });
        filters.push(ClaimFilter { speaker: Some(c.speaker.name.clone()), ..Default::default() });
    }
    let fresh_found = found(&fresh, &filters);
    assert!(fresh_found.iter().filter(|f| f.0.len() > 5).count() > 5, "several searches find more than a page");

    // The same store as schema 21 wrote it: every claim's text stored, the index reading it.
    std::fs::copy(&fresh, &old).unwrap();
    let expected: Vec<Vec<i64>> = {
        let conn = rusqlite::Connection::open(&old).unwrap();
        as_schema_21(&conn);
        // What that store found: each word as its own prefix or its stem's, both searched.
        filters
            .iter()
            .map(|f| {
                let (words, column) = match (&f.query, &f.speaker) {
                    (Some(q), _) => (q, ""),
                    (None, Some(s)) => (s, "{speaker} : "),
                    _ => unreachable!("every filter searches"),
                };
                let terms: Vec<String> = words
                    .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .filter_map(|w| crosscheck::store::fts_query(w).unwrap().map(|term| format!("(\"{w}\"* OR ({term}))")))
                    .collect();
                if terms.is_empty() {
                    return Vec::new();
                }
                let both = terms.join(" AND ");
                let mut st = conn
                    .prepare("SELECT id FROM claims WHERE id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1) ORDER BY source_id, start, id")
                    .unwrap();
                let ids = st.query_map([format!("{column}({both})")], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
                ids
            })
            .collect()
    };
    let (old_claims, old_conflicts, _) = read_back(&old);
    assert_eq!(old_claims, claims, "the migrated store reads the same claims");
    assert_eq!(old_conflicts, conflicts, "and the same conflicts");
    let old_found = found(&old, &filters);
    for ((f, (fresh_ids, fresh_total)), ((old_ids, old_total), before)) in filters.iter().zip(&fresh_found).zip(old_found.iter().zip(&expected)) {
        assert_eq!(old_ids, before, "{f:?} finds in the migrated store what it found before");
        assert_eq!(fresh_ids, before, "{f:?} finds in a new store what it found before");
        assert_eq!((*old_total, *fresh_total), (before.len(), before.len()), "{f:?}'s total");
    }
    let conn = rusqlite::Connection::open(&old).unwrap();
    conn.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)", []).expect("the rebuilt index is sound");
    let text_bytes: i64 = conn.query_row("SELECT sum(length(text)) FROM claims", [], |r| r.get(0)).unwrap();
    assert!(text_bytes > 0, "claims stored before keep their text");

    // Claims imported, edited and deleted after the migration are searched alike in both.
    let more = corpus_files(&dir.path().join("more"), 6, 3, 0);
    for db in [&fresh, &old] {
        let mut wb = Workbench::open(db).unwrap();
        wb.import_paths(&more, &mut ()).unwrap();
        wb.set_setting("analyst", "Ana").unwrap();
        let forces = wb.claims(&ClaimFilter { query: Some("forces".into()), ..Default::default() }).unwrap();
        wb.delete_claim(forces[0].id, "not a claim").unwrap();
        let changes = crosscheck::ClaimChanges { text: Some("Les forces se sont retirées de Zangilan.".into()), ..Default::default() };
        wb.edit_claim(forces[1].id, changes, "reworded").unwrap();
    }
    let strip = |cs: Vec<crosscheck::model::Claim>| cs.into_iter().map(|c| (c.id, c.anchor, c.text, c.speaker)).collect::<Vec<_>>();
    assert_eq!(strip(read_back(&old).0), strip(read_back(&fresh).0), "the claims imported after read alike");
    filters.push(ClaimFilter { query: Some("Zangilan".into()), ..Default::default() });
    let (old_found, fresh_found) = (found(&old, &filters), found(&fresh, &filters));
    assert_eq!(old_found, fresh_found, "and are found alike");
    assert_eq!(fresh_found.last().map(|f| f.0.len()), Some(1), "the reworded claim is found by its new words");
    for db in [&fresh, &old] {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)", []).expect("the index stays sound");
    }
}

// ---- Migration 23: each claim's speaker key, indexed.

/// `files` and the shared corpus's Russian dispatches, which name speakers in Cyrillic.
fn with_russian_dispatches(mut files: Vec<std::path::PathBuf>) -> Vec<std::path::PathBuf> {
    for e in std::fs::read_dir(crate::support::shared_corpus().join("news-ru")).expect("shared corpus") {
        let p = e.expect("corpus entry").path();
        if p.extension().is_some_and(|x| x == "txt") {
            files.push(p);
        }
    }
    files
}

#[test]
fn a_store_of_schema_22_is_given_speaker_keys_and_groups_and_filters_speakers_as_a_fresh_one_does() {
    use crosscheck::store::{ClaimFilter, SpeakerGroupRef};
    use crosscheck::Workbench;

    let dir = tempfile::tempdir().unwrap();
    let files = with_russian_dispatches(corpus_files(&dir.path().join("articles"), 0, 6, 0));
    let fresh = dir.path().join("fresh.db");
    let old = dir.path().join("old.db");
    Workbench::open(&fresh).unwrap().import_paths(&files, &mut ()).unwrap();
    std::fs::copy(&fresh, &old).unwrap();
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        conn.execute_batch("DROP INDEX claims_speaker_key; ALTER TABLE claims DROP COLUMN speaker_key; PRAGMA user_version = 22;").unwrap();
    }

    /// Each party's speaker groups, and each group's claims.
    fn speakers(db: &Path) -> Vec<(String, Vec<crosscheck::model::SpeakerGroup>, Vec<Vec<i64>>)> {
        let wb = Workbench::open(db).expect("the store opens, migrated if need be");
        let mut out = Vec::new();
        for (party, _) in wb.parties(false).unwrap() {
            let groups = wb.party_speakers(&party.key).unwrap();
            let claims = groups
                .iter()
                .map(|g| {
                    let f = ClaimFilter { speaker_group: Some(SpeakerGroupRef { party: party.key.clone(), key: g.id.clone() }), ..Default::default() };
                    wb.claims(&f).unwrap().iter().map(|c| c.id).collect()
                })
                .collect();
            out.push((party.key, groups, claims));
        }
        out
    }
    let fresh_speakers = speakers(&fresh);
    assert!(
        fresh_speakers.iter().any(|(_, groups, _)| groups.iter().any(|g| g.names.iter().any(|n| n.chars().any(|c| ('а'..='я').contains(&c))))),
        "the Russian dispatches name speakers in Cyrillic"
    );
    for (party, groups, claims) in &fresh_speakers {
        for (g, ids) in groups.iter().zip(claims) {
            assert_eq!(ids.len(), g.claims, "{party}'s speaker {} is as many claims as the filter picks", g.id);
        }
    }
    assert_eq!(speakers(&old), fresh_speakers, "the migrated store groups and filters every party's speakers as a fresh one");
    let conn = rusqlite::Connection::open(&old).unwrap();
    let index: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'claims_speaker_key')", [], |r| r.get(0)).unwrap();
    assert!(index, "the speaker key is indexed");
}

// ---- Migrations 24 and 25: the sources' index with its text first, claims stored compact.

/// `conn`'s store as schema 23 wrote it, from the claims `claims` read from it: the claims' times
/// as chrono's text, the enums as words, doubts as JSON, confidence as a float, the speaker key
/// as text (a table in that form, its indexes and triggers), the claims' full-text index deleting
/// by id, the sources' with the title first, their hashes in hex, and the key index's hashes in
/// 64 bits (those of the fresh store with high bits set).
fn as_schema_23(conn: &rusqlite::Connection, claims: &[crosscheck::model::Claim]) {
    use crosscheck::model::Origin;
    let triggers: Vec<String> = conn
        .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'claims' AND type = 'trigger'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    conn.execute_batch(
        r#"PRAGMA foreign_keys = OFF;
        DROP TRIGGER IF EXISTS sources_claims_fts_bd;
        CREATE TABLE claims_old (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            text TEXT NOT NULL,
            speaker TEXT NOT NULL,
            party_key TEXT REFERENCES parties(key) ON UPDATE CASCADE ON DELETE SET NULL,
            countries TEXT NOT NULL,
            cue TEXT NOT NULL,
            stance TEXT NOT NULL,
            via TEXT NOT NULL,
            responds_to INTEGER REFERENCES claims(id) ON DELETE SET NULL,
            origin TEXT NOT NULL CHECK (origin IN ('extracted','analyst')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        , confidence REAL NOT NULL DEFAULT 1.0, doubts TEXT NOT NULL DEFAULT '[]', review TEXT NOT NULL DEFAULT 'to_review' CHECK (review IN ('to_review','reviewed','edited')), queued INTEGER GENERATED ALWAYS AS (review = 'to_review' OR party_key IS NULL) VIRTUAL, exact_is_text INTEGER NOT NULL DEFAULT 0, context_is_source INTEGER NOT NULL DEFAULT 0, text_is_source INTEGER NOT NULL DEFAULT 0, speaker_key TEXT NOT NULL DEFAULT '');
        INSERT INTO claims_old (id, source_id, start, end, exact, prefix, suffix, text, speaker, party_key, countries, cue, stance, via, responds_to,
                                origin, created_at, updated_at, exact_is_text, context_is_source, text_is_source)
            SELECT id, source_id, start, end, exact, prefix, suffix, text, speaker, party_key, countries, cue, '', via, responds_to,
                   'extracted', '', '', exact_is_text, context_is_source, text_is_source FROM claims;"#,
    )
    .unwrap();
    {
        let mut update = conn
            .prepare(
                "UPDATE claims_old SET stance = ?2, origin = ?3, created_at = ?4, updated_at = coalesce(?5, ''), confidence = ?6, doubts = ?7, review = ?8, speaker_key = ?9
                 WHERE id = ?1",
            )
            .unwrap();
        for c in claims {
            // An update time equal to the creation time was stored empty.
            let updated = (c.updated_at != c.created_at).then_some(c.updated_at);
            update
                .execute(rusqlite::params![
                    c.id,
                    c.stance.as_str(),
                    if c.origin == Origin::Analyst { "analyst" } else { "extracted" },
                    c.created_at,
                    updated,
                    c.confidence,
                    serde_json::to_string(&c.doubts).unwrap(),
                    c.review.as_str(),
                    crosscheck::text::speaker_key(&c.speaker.name),
                ])
                .unwrap();
        }
    }
    conn.execute_batch(
        "DROP TABLE claims; ALTER TABLE claims_old RENAME TO claims;
         CREATE INDEX claims_party ON claims(party_key);
         CREATE INDEX claims_reading_order ON claims(source_id, start, id);
         CREATE INDEX claims_queue ON claims(queued, confidence, source_id, start, id);
         CREATE INDEX claims_speaker_key ON claims(speaker_key);",
    )
    .unwrap();
    for t in triggers {
        conn.execute_batch(&t).unwrap();
    }
    // The claims' full-text index as migration 22 made it: contentless, rows deleted by id.
    conn.execute_batch(
        "DROP TRIGGER claims_fts_ad; DROP TRIGGER claims_fts_au; DROP TABLE claims_fts;
         CREATE VIRTUAL TABLE claims_fts USING fts5(
             text, speaker, cue, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
         );
         INSERT INTO claims_fts (rowid, text, speaker, cue)
             SELECT c.id, CASE c.text_is_source WHEN 1 THEN (SELECT substr(s.text, c.start + 1, c.end - c.start) FROM sources s WHERE s.id = c.source_id) ELSE c.text END,
                    c.speaker, c.cue FROM claims c;
         CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN
             DELETE FROM claims_fts WHERE rowid = old.id AND NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'claim' AND id = old.id);
             DELETE FROM fts_queue WHERE kind = 'claim' AND id = old.id;
         END;
         CREATE TRIGGER claims_fts_au AFTER UPDATE OF text, speaker, cue ON claims
             WHEN NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'claim' AND id = new.id)
         BEGIN
             DELETE FROM claims_fts WHERE rowid = old.id;
             INSERT INTO claims_fts (rowid, text, speaker, cue) SELECT c.id, CASE c.text_is_source WHEN 1 THEN (SELECT substr(s.text, c.start + 1, c.end - c.start) FROM sources s WHERE s.id = c.source_id) ELSE c.text END, c.speaker, c.cue FROM claims c WHERE c.id = new.id;
         END;",
    )
    .unwrap();
    conn.execute_batch(
        "DROP TRIGGER sources_fts_ad; DROP TABLE sources_fts;
         CREATE VIRTUAL TABLE sources_fts USING fts5(
             title, text, content='sources', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
         );
         INSERT INTO sources_fts(sources_fts) VALUES ('rebuild');
         CREATE TRIGGER sources_fts_ad AFTER DELETE ON sources BEGIN
             INSERT INTO sources_fts(sources_fts, rowid, title, text) SELECT 'delete', old.id, old.title, old.text
                 WHERE NOT EXISTS (SELECT 1 FROM fts_queue WHERE kind = 'source' AND id = old.id);
             DELETE FROM fts_queue WHERE kind = 'source' AND id = old.id;
         END;
         UPDATE sources SET content_hash = lower(hex(content_hash)) WHERE typeof(content_hash) = 'blob';
         UPDATE claim_keys SET key = key | (1 << 50); UPDATE common_keys SET key = key | (1 << 50);
         PRAGMA user_version = 23;",
    )
    .unwrap();
}

/// What the views and the CLI show of a store, as JSON: every claim, the queue, the claims
/// sorted on each key both ways, every party's speakers and their claims, the conflicts, and
/// sources and claims found by words.
fn shown(db: &Path) -> Vec<serde_json::Value> {
    use crosscheck::store::{ClaimFilter, ClaimOrder, ClaimSort, SpeakerGroupRef};
    use crosscheck::Workbench;
    let wb = Workbench::open(db).expect("the store opens, migrated if need be");
    let ids = |f: &ClaimFilter| serde_json::json!(wb.claims(f).unwrap().iter().map(|c| c.id).collect::<Vec<_>>());
    let mut out = vec![serde_json::to_value(wb.claims(&ClaimFilter::default()).unwrap()).unwrap()];
    out.push(ids(&ClaimFilter { queue: true, order: ClaimOrder::QUEUE, ..Default::default() }));
    for by in ClaimSort::ALL {
        for descending in [false, true] {
            out.push(ids(&ClaimFilter { order: ClaimOrder { by, descending }, ..Default::default() }));
        }
    }
    for (party, _) in wb.parties(false).unwrap() {
        let groups = wb.party_speakers(&party.key).unwrap();
        for g in &groups {
            out.push(ids(&ClaimFilter { speaker_group: Some(SpeakerGroupRef { party: party.key.clone(), key: g.id.clone() }), ..Default::default() }));
        }
        out.push(serde_json::to_value(groups).unwrap());
    }
    out.push(serde_json::to_value(wb.conflicts(&Default::default()).unwrap()).unwrap());
    out.push(serde_json::to_value(wb.sources().unwrap()).unwrap());
    for word in ["ministry", "forces", "Лавров", "drone"] {
        out.push(ids(&ClaimFilter { query: Some(word.into()), ..Default::default() }));
        out.push(serde_json::json!(wb.search_sources(word).unwrap().iter().map(|s| s.id).collect::<Vec<_>>()));
    }
    out.push(crate::support::run_json(db, &["claims"]));
    out
}

#[test]
fn a_store_of_schema_23_reads_back_the_same_claims_to_the_nanosecond_once_stored_compact() {
    use crosscheck::model::ReviewState;
    use crosscheck::store::ClaimFilter;
    use crosscheck::Workbench;

    let dir = tempfile::tempdir().unwrap();
    let files = with_russian_dispatches(corpus_files(&dir.path().join("articles"), 0, 6, 2));
    let fresh = dir.path().join("fresh.db");
    let old = dir.path().join("old.db");
    {
        let mut wb = Workbench::open(&fresh).unwrap();
        wb.import_paths(&files, &mut ()).unwrap();
        wb.set_setting("analyst", "Ana").unwrap();
        // Every stored form: an edit (update time, origin, review, stance), claims accepted.
        let claims = wb.claims(&ClaimFilter::default()).unwrap();
        let with_party: Vec<i64> = claims.iter().filter(|c| c.speaker.party.is_some()).map(|c| c.id).take(3).collect();
        wb.set_review(&with_party, ReviewState::Reviewed, "fine").unwrap();
        let changes = crosscheck::ClaimChanges { stance: Some(crosscheck::model::Stance::Warn), speaker: Some("Sergueï Lavrov".into()), ..Default::default() };
        wb.edit_claim(claims[4].id, changes, "misread").unwrap();
    }
    let before = shown(&fresh);
    let claims = Workbench::open(&fresh).unwrap().claims(&ClaimFilter::default()).unwrap();
    assert!(claims.iter().any(|c| c.updated_at != c.created_at) && claims.iter().any(|c| !c.doubts.is_empty()), "edited and doubted claims");
    std::fs::copy(&fresh, &old).unwrap();
    as_schema_23(&rusqlite::Connection::open(&old).unwrap(), &claims);
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        let words: i64 = conn.query_row("SELECT count(*) FROM claims WHERE typeof(created_at) = 'text' AND stance <> ''", [], |r| r.get(0)).unwrap();
        assert_eq!(words as usize, claims.len(), "the old store holds times and words");
    }
    assert_eq!(shown(&old), before, "the migrated store shows what the fresh one shows, times to the nanosecond");
    assert!(detected(&old) == detected(&fresh), "the key index cut to 47 bits is the fresh one's, and so is what detection made");

    let conn = rusqlite::Connection::open(&old).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert!(version >= 25, "migrated");
    let forms: (i64, i64) = conn
        .query_row("SELECT sum(typeof(created_at) = 'integer' AND typeof(stance) = 'integer' AND typeof(doubts) = 'integer'), sum(updated_at IS NOT NULL) FROM claims", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(forms, (claims.len() as i64, 1), "every claim compact, one update time stored");
    let broken: bool = conn.prepare("PRAGMA foreign_key_check").unwrap().exists([]).unwrap();
    assert!(!broken, "every reference to a claim holds");
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    conn.execute("INSERT INTO sources_fts(sources_fts, rank) VALUES ('integrity-check', 1)", []).expect("the sources' index is sound");
    conn.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)", []).expect("the claims' index is sound");
    let queue_index: String = conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 'claims_queue'", [], |r| r.get(0)).unwrap();
    assert!(queue_index.contains("WHERE queued = 1"), "only queued claims are in the queue's index: {queue_index}");
    drop(conn);

    // Both stores go on alike: more articles, a claim deleted.
    let more = corpus_files(&dir.path().join("more"), 6, 3, 0);
    for db in [&fresh, &old] {
        let mut wb = Workbench::open(db).unwrap();
        wb.import_paths(&more, &mut ()).unwrap();
        let last = wb.claims(&ClaimFilter::default()).unwrap().last().map(|c| c.id).unwrap();
        wb.delete_claim(last, "wrong").unwrap();
    }
    let (a, b) = (shown(&fresh), shown(&old));
    // The new claims' and conflicts' times differ between the two runs; all else is the same.
    fn untimed(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.retain(|k, _| !k.ends_with("_at"));
                m.values_mut().for_each(untimed);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(untimed),
            _ => {}
        }
    }
    let strip = |v: &[serde_json::Value]| -> Vec<serde_json::Value> {
        let mut v = v.to_vec();
        v.iter_mut().for_each(untimed);
        v
    };
    assert_eq!(strip(&b), strip(&a), "imports and deletes into the migrated store do what they do in a fresh one");
}

// ---- Migration 26: the claims' full-text index without sizes, rows deleted by their values.

#[test]
fn claims_full_text_rows_deleted_by_their_values_leave_the_index_a_fresh_build_makes() {
    use crosscheck::store::ClaimFilter;
    use crosscheck::{ClaimChanges, Workbench};

    let dir = tempfile::tempdir().unwrap();
    let mut files = corpus_files(&dir.path().join("articles"), 0, 6, 2);
    // A long source's claims keep their own text; a short one's read theirs from it.
    let long: String = files.iter().cycle().take(30).map(|f| std::fs::read_to_string(f).unwrap()).collect::<Vec<_>>().join("\n\n");
    std::fs::write(dir.path().join("long.txt"), format!("Dossier.\n\n{long}")).unwrap();
    files.push(dir.path().join("long.txt"));
    let db = dir.path().join("ws.db");
    let mut wb = Workbench::open(&db).unwrap();
    wb.import_paths(&files, &mut ()).unwrap();
    wb.set_setting("analyst", "Ana").unwrap();
    let claims = wb.claims(&ClaimFilter::default()).unwrap();
    let long_source = claims.last().unwrap().source_id;
    let short: Vec<i64> = claims.iter().filter(|c| c.source_id != long_source).map(|c| c.id).collect();
    let of_long: Vec<i64> = claims.iter().filter(|c| c.source_id == long_source).map(|c| c.id).collect();
    wb.edit_claim(short[0], ClaimChanges { text: Some("Reworded by the analyst".into()), ..Default::default() }, "clearer").unwrap();
    wb.edit_claim(short[1], ClaimChanges { cue: Some("stated".into()), speaker: Some("Hikmet Hajiyev".into()), ..Default::default() }, "misread").unwrap();
    wb.edit_claim(of_long[0], ClaimChanges { text: Some("Another rewording".into()), ..Default::default() }, "clearer").unwrap();
    wb.delete_claim(short[2], "wrong").unwrap();
    wb.delete_claim(of_long[1], "wrong").unwrap();
    drop(wb);

    let conn = rusqlite::Connection::open(&db).unwrap();
    // Sources are not deleted through the workbench; a delete in SQL takes their claims along.
    conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    for source in [claims[0].source_id, long_source] {
        conn.execute("DELETE FROM sources WHERE id = ?1", [source]).unwrap();
    }
    let left: i64 = conn.query_row("SELECT count(*) FROM claims", [], |r| r.get(0)).unwrap();
    assert!(left > 0 && (left as usize) < claims.len() - 2, "claims went with their sources");
    conn.execute_batch(
        "CREATE VIRTUAL TABLE rebuilt USING fts5(text, speaker, cue, content='', columnsize=0, tokenize='unicode61 remove_diacritics 2');
         INSERT INTO rebuilt (rowid, text, speaker, cue)
             SELECT c.id, CASE c.text_is_source WHEN 1 THEN (SELECT substr(s.text, c.start + 1, c.end - c.start) FROM sources s WHERE s.id = c.source_id) ELSE c.text END,
                    c.speaker, c.cue FROM claims c;
         CREATE VIRTUAL TABLE kept_terms USING fts5vocab(claims_fts, 'instance');
         CREATE VIRTUAL TABLE rebuilt_terms USING fts5vocab(rebuilt, 'instance');",
    )
    .unwrap();
    let instances = |table: &str| -> Vec<(String, i64, String, i64)> {
        conn.prepare(&format!("SELECT term, doc, col, offset FROM {table} ORDER BY term, doc, col, offset"))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let kept = instances("kept_terms");
    assert!(kept.len() > 1000, "the index holds the claims' words");
    assert!(kept == instances("rebuilt_terms"), "every word of every claim edited or deleted, alone or with its source, left the index");
    let sizes: bool = conn.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'claims_fts_docsize'").unwrap().exists([]).unwrap();
    assert!(!sizes, "the index keeps no sizes");
}

// ---- Migration 30: no trigger per claim inserted; the writer queues, indexes and counts.

/// Makes a store of today's schema one of schema 29: the four triggers every claim's insert ran.
fn as_schema_29(conn: &rusqlite::Connection) {
    conn.execute_batch(
        "CREATE TRIGGER claims_detect_ai AFTER INSERT ON claims BEGIN
             INSERT OR IGNORE INTO detect_queue (claim_id) VALUES (new.id);
         END;
         CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN
             INSERT INTO fts_queue (kind, id) VALUES ('claim', new.id);
         END;
         CREATE TRIGGER claims_countries_ai AFTER INSERT ON claims BEGIN
             INSERT OR IGNORE INTO claim_countries (country, claim_id) SELECT value, new.id FROM json_each(new.countries) WHERE type = 'text';
         END;
         CREATE TRIGGER claims_blocks_ai AFTER INSERT ON claims BEGIN
             INSERT INTO claim_blocks (block, claims) VALUES (new.source_id >> 6, 1)
                 ON CONFLICT (block) DO UPDATE SET claims = claims + 1;
         END;
         PRAGMA user_version = 29;",
    )
    .expect("the store made one of schema 29");
    // Its review check as migration 25 wrote it, a list, which migration 31 edits in place.
    let version: i64 = conn.query_row("PRAGMA schema_version", [], |r| r.get(0)).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = replace(sql, '{REVIEW_CHECK_COMPARED}', '{REVIEW_CHECK_LIST}') WHERE type = 'table' AND name = 'claims';
         PRAGMA writable_schema = OFF;
         PRAGMA schema_version = {};",
        version + 1
    ))
    .expect("the review check as a list");
    assert!(claims_definition(conn).contains(REVIEW_CHECK_LIST), "the store's check is a list again");
}

/// The claims' review check before migration 31, and after it.
const REVIEW_CHECK_LIST: &str = "CHECK (review IN (0, 1, 2))";
const REVIEW_CHECK_COMPARED: &str = "CHECK (review = 0 OR review = 1 OR review = 2)";

/// The `CREATE TABLE` statement of the claims, as the store keeps it.
fn claims_definition(conn: &rusqlite::Connection) -> String {
    conn.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'claims'", [], |r| r.get(0)).unwrap()
}

/// Every row of every stored table (the full-text indexes' own tables too), as text, sorted.
fn every_row(conn: &rusqlite::Connection) -> Vec<(String, Vec<String>)> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let mut st = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let width = st.column_count();
            let mut rows: Vec<String> = st
                .query_map([], |r| Ok((0..width).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect::<Vec<_>>().join("|")))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows.sort();
            (t, rows)
        })
        .collect()
}

/// What the insert triggers kept, computed afresh from the claims: checks that the writer's own
/// statements left each table as the triggers would have. Nothing awaits detection or indexing;
/// each claim's states are its row's; each block counts its claims; the claims' full-text index
/// holds, word for word, what an index built from the claims holds.
fn check_kept_as_triggers_kept(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM detect_queue"), 0, "every claim was detected in its import's transaction");
    assert_eq!(count("SELECT count(*) FROM fts_queue"), 0, "every row was indexed before its commit");
    let pairs = |sql: &str| -> Vec<(String, i64)> {
        conn.prepare(sql).unwrap().query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(
        pairs("SELECT country, claim_id FROM claim_countries ORDER BY 1, 2"),
        pairs("SELECT DISTINCT j.value, c.id FROM claims c, json_each(c.countries) j WHERE j.type = 'text' ORDER BY 1, 2"),
        "each claim's states are those of its row"
    );
    assert_eq!(
        pairs("SELECT CAST(block AS TEXT), claims FROM claim_blocks WHERE claims > 0 ORDER BY block"),
        pairs("SELECT CAST(source_id >> 6 AS TEXT), count(*) FROM claims GROUP BY source_id >> 6 ORDER BY source_id >> 6"),
        "each block counts its claims"
    );
    conn.execute_batch(
        "CREATE VIRTUAL TABLE rebuilt USING fts5(text, speaker, cue, content='', columnsize=0, tokenize='unicode61 remove_diacritics 2');
         INSERT INTO rebuilt (rowid, text, speaker, cue)
             SELECT c.id, CASE c.text_is_source WHEN 1 THEN (SELECT substr(s.text, c.start + 1, c.end - c.start) FROM sources s WHERE s.id = c.source_id) ELSE c.text END,
                    c.speaker, c.cue FROM claims c;
         CREATE VIRTUAL TABLE kept_terms USING fts5vocab(claims_fts, 'instance');
         CREATE VIRTUAL TABLE rebuilt_terms USING fts5vocab(rebuilt, 'instance');",
    )
    .unwrap();
    let instances = |table: &str| -> Vec<(String, i64, String, i64)> {
        conn.prepare(&format!("SELECT term, doc, col, offset FROM {table} ORDER BY term, doc, col, offset"))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let kept = instances("kept_terms");
    assert!(kept.len() > 1000, "the index holds the claims' words");
    assert!(kept == instances("rebuilt_terms"), "the index holds every claim's words, and only theirs");
    conn.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)", []).expect("the index is sound");
}

#[test]
fn a_store_of_schema_29_loses_its_insert_triggers_and_its_listed_check_and_then_imports_edits_and_finds_as_a_fresh_store_does() {
    use crosscheck::model::{PartyKind, Speaker, Stance};
    use crosscheck::store::ClaimFilter;
    use crosscheck::{ClaimChanges, Workbench};

    let dir = tempfile::tempdir().unwrap();
    let first = with_russian_dispatches(corpus_files(&dir.path().join("first"), 0, 5, 2));
    let then = corpus_files(&dir.path().join("then"), 5, 4, 1);
    let fresh = dir.path().join("fresh.db");
    let old = dir.path().join("old.db");
    Workbench::open(&fresh).unwrap().import_paths(&first, &mut ()).unwrap();
    std::fs::copy(&fresh, &old).unwrap();

    // Migrating changes no row: every reader reads what it read.
    let before = {
        let conn = rusqlite::Connection::open(&old).unwrap();
        as_schema_29(&conn);
        every_row(&conn)
    };
    drop(Workbench::open(&old).unwrap());
    let conn = rusqlite::Connection::open(&old).unwrap();
    assert_eq!(every_row(&conn), before, "the migration changes no stored row");
    let triggers: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'claims' AND sql LIKE '%AFTER INSERT%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(triggers, 0, "no trigger runs when a claim is inserted");
    let definition = claims_definition(&conn);
    assert!(definition.contains(REVIEW_CHECK_COMPARED) && !definition.contains(REVIEW_CHECK_LIST), "the review check compares: {definition}");
    let sound: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(sound, "ok", "the store is sound after its definition was edited in place");
    drop(conn);

    // Imports after it, and the analyst's claims, edits and deletes, store what a fresh store does.
    for db in [&fresh, &old] {
        let mut wb = Workbench::open(db).unwrap();
        wb.import_paths(&then, &mut ()).unwrap();
        wb.set_setting("analyst", "Ana").unwrap();
        let claims = wb.claims(&ClaimFilter::default()).unwrap();
        let source = wb.source(claims[0].source_id).unwrap();
        let speaker = Speaker { name: "Hikmet Hajiyev".into(), party: None, countries: vec!["AZ".into()] };
        let added = wb.add_claim(source.id, 0, 40.min(source.text.chars().count()), speaker, "said", Stance::Assert).unwrap();
        wb.edit_claim(added.id, ClaimChanges { text: Some("Les forces arméniennes ont tiré sur Tovuz.".into()), ..Default::default() }, "clearer").unwrap();
        wb.edit_claim(claims[1].id, ClaimChanges { speaker: Some("Hikmet Hajiyev".into()), ..Default::default() }, "misread").unwrap();
        wb.delete_claim(claims[2].id, "not a claim").unwrap();
    }
    let strip = |cs: Vec<crosscheck::model::Claim>| cs.into_iter().map(|c| (c.id, c.anchor, c.text, c.speaker, c.stance, c.responds_to)).collect::<Vec<_>>();
    assert_eq!(strip(read_back(&old).0), strip(read_back(&fresh).0), "the same claims");
    assert_eq!(detected(&old), detected(&fresh), "the same key index, statements and conflicts");
    let mut filters: Vec<ClaimFilter> = ["forces", "Tovuz", "ministère", "заявил", "zzzz"]
        .iter()
        .map(|w| ClaimFilter { query: Some(w.to_string()), ..Default::default() })
        .collect();
    for party in ["AZ", "AM", "RU", "UA"] {
        let wb = Workbench::open(&fresh).unwrap();
        if wb.store().find_party(party).is_ok_and(|p| p.kind == PartyKind::State) {
            filters.push(ClaimFilter { party: Some(party.into()), ..Default::default() });
        }
    }
    let found_fresh = found(&fresh, &filters);
    assert!(found_fresh.iter().filter(|f| !f.0.is_empty()).count() >= 5, "searches and parties find claims: {found_fresh:?}");
    assert_eq!(found(&old, &filters), found_fresh, "searches and parties find the same claims, with the same totals");
    for db in [&fresh, &old] {
        let wb = Workbench::open(db).unwrap();
        assert_eq!(wb.claim_count().unwrap() as usize, wb.claims(&ClaimFilter::default()).unwrap().len(), "the count is the claims'");
        drop(wb);
        check_kept_as_triggers_kept(db);
    }
}

/// A store's conflicts as schema 31 kept them: times as text in chrono's form, an update time
/// equal to the creation time as `''`.
fn as_schema_31(conn: &rusqlite::Connection) {
    let text = |c: &str| format!("strftime('%Y-%m-%d %H:%M:%S', {c} / 1000000000, 'unixepoch') || '.' || printf('%09d', {c} % 1000000000) || '+00:00'");
    conn.execute_batch(&format!(
        r#"PRAGMA foreign_keys = OFF;
        CREATE TABLE conflicts_old (
            id INTEGER PRIMARY KEY,
            status TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('reply','candidate','analyst')),
            score REAL,
            evidence TEXT NOT NULL DEFAULT '[]',
            explanation TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        INSERT INTO conflicts_old SELECT id, status, origin, score, evidence, explanation, {created},
            CASE WHEN updated_at IS NULL THEN '' ELSE {updated} END FROM conflicts;
        PRAGMA legacy_alter_table = ON;
        DROP TABLE conflicts;
        ALTER TABLE conflicts_old RENAME TO conflicts;
        PRAGMA legacy_alter_table = OFF;
        CREATE INDEX conflicts_status ON conflicts(status);
        PRAGMA user_version = 31;"#,
        created = text("created_at"),
        updated = text("updated_at"),
    ))
    .unwrap();
}

#[test]
fn a_store_of_schema_31_shows_the_same_conflicts_to_the_nanosecond_once_their_times_are_stored_compact() {
    use crosscheck::Workbench;

    let dir = tempfile::tempdir().unwrap();
    let files = with_russian_dispatches(corpus_files(&dir.path().join("articles"), 0, 6, 2));
    let fresh = dir.path().join("fresh.db");
    let old = dir.path().join("old.db");
    {
        let mut wb = Workbench::open(&fresh).unwrap();
        wb.import_paths(&files, &mut ()).unwrap();
        wb.set_setting("analyst", "Ana").unwrap();
        let conflicts = wb.conflicts(&Default::default()).unwrap();
        assert!(conflicts.len() >= 2, "detection found conflicts to migrate: {}", conflicts.len());
        // An update time of its own: a reviewed conflict.
        wb.confirm_conflict(conflicts[0].id, "both sides said it").unwrap();
    }
    let before = shown(&fresh);
    let updated: i64 = rusqlite::Connection::open(&fresh).unwrap().query_row("SELECT count(*) FROM conflicts WHERE updated_at IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert!(updated >= 1, "the reviewed conflict has an update time");
    std::fs::copy(&fresh, &old).unwrap();
    let conflicts = {
        let conn = rusqlite::Connection::open(&old).unwrap();
        as_schema_31(&conn);
        let texts: (i64, i64) = conn
            .query_row("SELECT sum(typeof(created_at) = 'text'), count(*) FROM conflicts", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!(texts.0, texts.1, "the old store holds its conflicts' times as text");
        texts.1
    };
    assert_eq!(shown(&old), before, "the migrated store shows what the fresh one shows, times to the nanosecond");
    let conn = rusqlite::Connection::open(&old).unwrap();
    let forms: (i64, i64) = conn
        .query_row("SELECT sum(typeof(created_at) = 'integer'), sum(updated_at IS NOT NULL) FROM conflicts", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(forms, (conflicts, updated), "every conflict's time an integer, the update times a fresh store keeps kept");
    let broken: bool = conn.prepare("PRAGMA foreign_key_check").unwrap().exists([]).unwrap();
    assert!(!broken, "every reference to a conflict holds");
    let index: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'conflicts_status'", [], |r| r.get(0)).unwrap();
    assert_eq!(index, 1, "the status index is there again");
    drop(conn);
    // Both go on alike: a conflict confirmed in each reads back with its new time after its creation.
    for db in [&fresh, &old] {
        let mut wb = Workbench::open(db).unwrap();
        let id = wb.conflicts(&Default::default()).unwrap()[1].id;
        let confirmed = wb.confirm_conflict(id, "seen").unwrap();
        assert!(confirmed.updated_at > confirmed.created_at, "{db:?}: the review's time is kept");
    }
}
