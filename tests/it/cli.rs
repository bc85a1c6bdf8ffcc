//! The `crosscheck` binary end to end: import, list, search, aliases, exit codes.

use crate::support::{run, run_json, seed_text_path};

#[test]
fn importing_the_seed_text_lists_it_and_reimporting_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let seed = seed_text_path();
    let first = run_json(&db, &["import", seed.to_str().unwrap()]);
    assert_eq!(first["imported"][0]["duplicate"], false, "first import stores the source");
    let sources = run_json(&db, &["sources"]);
    let list = sources["sources"].as_array().unwrap();
    assert_eq!(list.len(), 1, "one source after one import");
    assert!(list[0]["title"].as_str().unwrap().starts_with("TASS/"), "title is the dispatch's opening");
    assert!(list[0]["id"].is_i64(), "records carry an id");

    let again = run_json(&db, &["import", seed.to_str().unwrap()]);
    assert_eq!(again["imported"][0]["duplicate"], true, "re-import says it is a duplicate");
    assert_eq!(run_json(&db, &["sources"])["sources"].as_array().unwrap().len(), 1, "no duplicate source");

    let text = run(&db, &["import", seed.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("1 already in the store"), "the text summary says so");
}

#[test]
fn search_ignores_diacritics() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    run_json(&db, &["import", seed_text_path().to_str().unwrap()]);
    for query in ["Azerbaidjan", "azerbaïdjan", "HAUT-KARABAKH", "negociations"] {
        let found = run_json(&db, &["search", query]);
        assert_eq!(found["sources"].as_array().unwrap().len(), 1, "{query} finds the dispatch");
    }
    let none = run_json(&db, &["search", "Zimbabwe"]);
    assert_eq!(none["sources"].as_array().unwrap().len(), 0, "a word absent from the text finds nothing");
    let hostile = run_json(&db, &["search", "\"AND OR NEAR( *:"]);
    assert!(hostile["sources"].is_array(), "FTS syntax in user input is not an error");
}

#[test]
fn alias_edits_persist_and_resolve_the_party() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    run_json(&db, &["config", "set", "analyst", "Ana"]);
    let added = run_json(&db, &["party", "alias", "add", "Bakou", "la capitale azérie", "--lang", "fr"]);
    assert_eq!(added["parties"][0]["key"], "AZ", "Bakou resolves to Azerbaijan");
    let shown = run_json(&db, &["party", "show", "la capitale azerie"]);
    assert_eq!(shown["parties"][0]["key"], "AZ", "the new alias finds the party, accents ignored");
    let mine: Vec<_> = shown["parties"][0]["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["origin"] == "analyst")
        .map(|a| a["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(mine, vec!["la capitale azérie".to_string()], "the analyst's alias is marked as theirs");

    run_json(&db, &["party", "alias", "remove", "AZ", "Bakou"]);
    let out = run(&db, &["party", "show", "Bakou"]);
    assert!(!out.status.success(), "a removed alias no longer finds the party");
    let listed = run_json(&db, &["parties"]);
    assert!(
        listed["parties"].as_array().unwrap().iter().any(|p| p["key"] == "AZ"),
        "an edited party is listed without --all"
    );
}

#[test]
fn analyst_claim_is_anchored_with_a_quote_selector() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let imported = run_json(&db, &["import", seed_text_path().to_str().unwrap()]);
    let source = imported["imported"][0]["source_id"].as_i64().unwrap().to_string();
    let text = std::fs::read_to_string(seed_text_path()).unwrap();
    let passage = "Erevan nie cela";
    let start = text[..text.find(passage).unwrap()].chars().count();
    let end = (start + passage.chars().count()).to_string();
    let claim = run_json(
        &db,
        &["claim", "add", "--source", &source, "--start", &start.to_string(), "--end", &end, "--speaker", "Erevan", "--cue", "nie", "--stance", "deny"],
    );
    let c = &claim["claims"][0];
    assert_eq!(c["anchor"]["selector"]["exact"], passage, "the span is the passage");
    assert!(c["anchor"]["selector"]["prefix"].as_str().unwrap().ends_with("Haut-Karabakh. "), "prefix precedes it");
    assert_eq!(c["speaker"]["countries"], serde_json::json!(["AM"]), "Erevan stands for Armenia");
    assert_eq!(c["origin"], "analyst");
    let by_party = run_json(&db, &["claims", "--party", "Arménie"]);
    assert!(
        by_party["claims"].as_array().unwrap().iter().any(|x| x["id"] == c["id"]),
        "listing by party finds the claim through the state"
    );

    let bad = run(&db, &["claim", "add", "--source", &source, "--start", "5", "--end", "999999", "--speaker", "Erevan"]);
    assert_eq!(bad.status.code(), Some(2), "a span outside the source is a usage error");
}

#[test]
fn a_failing_file_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let bin = dir.path().join("blob.txt");
    std::fs::write(&bin, [0u8, 159, 146, 150, 0, 1]).unwrap();
    let out = run(&db, &["import", bin.to_str().unwrap(), seed_text_path().to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(4), "partial failure has its own exit code");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["imported"].as_array().unwrap().len(), 1, "the good file is imported");
    assert!(v["failed"][0]["error"].as_str().unwrap().contains("binary"), "the bad one says why");
}

#[test]
fn a_reader_that_closes_the_pipe_ends_the_listing_quietly() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    assert!(run(&db, &["demo"]).status.success(), "demo workspace");
    let mut child = Command::new(crate::support::bin())
        .args(["--db", db.to_str().unwrap(), "claims", "--json"])
        .env_remove("CROSSCHECK_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the read end before the listing is written, as `| head -0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "no panic on a closed pipe: {stderr}");
    assert_eq!(out.status.code(), None, "ended by SIGPIPE like any command-line tool, not by an error exit");
}

#[test]
fn search_finds_inflected_forms_and_a_party_lists_its_claims_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let texts = [
        ("ru.txt", "Глава МИД России Сергей Лавров заявил, что Москва готова к переговорам. По словам Лаврова, заявления Киева не соответствуют действительности."),
        ("fr.txt", "Le ministre russe des Affaires étrangères Sergueï Lavrov a déclaré que Moscou était prête à négocier."),
        ("en.txt", "Russian Foreign Minister Sergei Lavrov said that Moscow was ready to negotiate."),
    ];
    for (name, text) in texts {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        run_json(&db, &["import", path.to_str().unwrap()]);
    }
    for query in ["Лавров", "заявление", "Лаврову"] {
        let found = run_json(&db, &["search", query]);
        assert_eq!(found["sources"].as_array().unwrap().len(), 1, "{query} finds the Russian dispatch by its inflected forms");
    }
    let found = run_json(&db, &["search", "negotiated"]);
    assert_eq!(found["sources"].as_array().unwrap().len(), 1, "an English search finds another form of the word");
    let claims = run_json(&db, &["claims", "--party", "RU"]);
    let languages: std::collections::BTreeSet<_> = claims["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().chars().any(|ch| ('\u{0400}'..='\u{04FF}').contains(&ch)))
        .collect();
    assert_eq!(claims["claims"].as_array().unwrap().len(), 4, "two Russian claims, one French, one English: {claims:#}");
    assert_eq!(languages.len(), 2, "Cyrillic and Latin claims are listed together under RU");
    let speakers = run_json(&db, &["party", "speakers", "RU"]);
    let lavrov = speakers["speakers"].as_array().unwrap().iter().find(|g| g["id"] == "lavrov").unwrap_or_else(|| panic!("Lavrov is one speaker: {speakers:#}"));
    assert_eq!(lavrov["claims"], 4, "every claim of Lavrov in the three languages: {speakers:#}");
    let names: Vec<&str> = lavrov["names"].as_array().unwrap().iter().filter_map(|n| n.as_str()).collect();
    for written in ["Sergueï Lavrov", "Sergei Lavrov"] {
        assert!(names.contains(&written), "{written} is one of Lavrov's names: {names:?}");
    }
    assert!(names.iter().any(|n| n.contains("Лавров")), "and his Russian name: {names:?}");
    let his = run_json(&db, &["claims", "--party", "RU", "--speaker-group", "lavrov"]);
    let his: Vec<&str> = his["claims"].as_array().unwrap().iter().filter_map(|c| c["speaker"]["name"].as_str()).collect();
    assert_eq!(his.len(), 4, "his speaker group lists the claims counted for him: {his:?}");
    assert!(his.iter().all(|n| names.contains(n)), "under his names only: {his:?}");
    let alone = run(&db, &["claims", "--speaker-group", "lavrov"]);
    assert_eq!(alone.status.code(), Some(2), "a speaker group is one party's: --party is needed");
}

#[test]
fn bulk_verdict_and_party_change_every_claim_listed_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    run_json(&db, &["config", "set", "analyst", "Ana"]);
    run_json(&db, &["import", seed_text_path().to_str().unwrap()]);
    let claims = run_json(&db, &["claims"]);
    let ids: Vec<String> = claims["claims"].as_array().unwrap().iter().take(3).map(|c| c["id"].to_string()).collect();
    assert_eq!(ids.len(), 3, "the seed has claims");
    let mut args = vec!["bulk", "verdict", "false"];
    args.extend(ids.iter().map(String::as_str));
    let v = run_json(&db, &args);
    let rows = v["verifications"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["verdict"] == "false"), "{v}");
    let mut args = vec!["bulk", "party", "Bakou"];
    args.extend(ids.iter().map(String::as_str));
    let c = run_json(&db, &args);
    assert!(c["claims"].as_array().unwrap().iter().all(|c| c["speaker"]["party"] == "AZ"), "{c}");
    // An unknown claim changes nothing: all or none.
    let mut args = vec!["bulk", "verdict", "true", "999999"];
    args.extend(ids.iter().map(String::as_str));
    let out = run(&db, &args);
    assert!(!out.status.success(), "an unknown claim is an error");
    let history = run_json(&db, &["history", &ids[0]]);
    let verdicts = history["history"].as_array().unwrap().iter().filter(|h| h["change"] == "verdict").count();
    assert_eq!(verdicts, 1, "the failed bulk action wrote nothing: {history}");
}
