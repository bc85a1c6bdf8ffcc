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
    run_json(&db, &["sources"]);
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
    run_json(&db, &["sources"]);
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
