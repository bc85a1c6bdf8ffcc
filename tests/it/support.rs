//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `crosscheck` binary built for this test run.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_crosscheck"))
}

/// Runs the binary on the store `db` with `args`.
pub fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CROSSCHECK_DB")
        // Colour on a pipe only when a test asks for it.
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the crosscheck binary runs")
}

/// Runs the binary and parses its `--json` output, failing the test on a non-zero exit.
pub fn run_json(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = run(db, &all);
    assert!(out.status.success(), "crosscheck {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

/// A store in a temp folder holding `text` imported from a file, with the analyst named "Ana"
/// (writes that judge need a name): how most CLI tests begin. Keep the folder alive.
pub fn cli_workspace(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let file = dir.path().join("k.txt");
    std::fs::write(&file, text).expect("write the text");
    run_json(&db, &["import", file.to_str().expect("utf-8 path")]);
    run_json(&db, &["config", "set", "analyst", "Ana"]);
    (dir, db)
}

/// The seed dispatch (TASS, French), as bundled for the demo.
pub fn seed_text_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo/tass-karabakh-fr.txt")
}

/// The shared corpus folder beside the checkout (read-only, never copied into the project).
#[allow(dead_code)]
pub fn shared_corpus() -> PathBuf {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if beside.exists() {
        beside
    } else {
        PathBuf::from("/work/shared/corpus")
    }
}

/// Baku and Yerevan each say something; a resident nobody knows speaks too.
pub const THREE_SPEAKERS: &str = "Bakou affirme avoir pris le contrôle de plusieurs villages du Haut-Karabakh. Erevan nie cela.
« Les tirs ont duré toute la nuit », a déclaré un habitant de Stepanakert.";

/// An in-memory workspace holding [`THREE_SPEAKERS`] with the analyst's name set, and the ids of
/// its AZ, AM and partyless claims.
pub fn three_speakers() -> (crosscheck::Workbench, i64, i64, i64) {
    let mut wb = crosscheck::Workbench::in_memory().expect("in-memory store");
    let gaz = wb.gazetteer().expect("gazetteer");
    let doc = crosscheck::ingest::Document { title: "Karabakh".into(), format: "text".into(), text: THREE_SPEAKERS.into(), ..Default::default() };
    wb.import_document(doc, None, &gaz).expect("import");
    wb.set_setting("analyst", "Ana Lyst").expect("analyst");
    let all = wb.claims(&crosscheck::store::ClaimFilter::default()).expect("claims");
    let by = |party: Option<&str>| all.iter().find(|c| c.speaker.party.as_deref() == party).unwrap_or_else(|| panic!("a claim of {party:?}: {all:?}")).id;
    (wb, by(Some("AZ")), by(Some("AM")), by(None))
}
