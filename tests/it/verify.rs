//! Verification: verdicts and attribution, the taxonomy, evidence and blobs, claim edits, conflict
//! status, and the append-only history (in the core and through the CLI).

use chrono::{TimeZone, Utc};
use crosscheck::ingest::Document;
use crosscheck::model::{Origin, Speaker, Stance};
use crosscheck::store::ClaimFilter;
use crosscheck::model::{
    Attribution, Change, ConflictStatus, EvidenceKind, Labels, NewEvidence, NewEvidenceKind, NewVerdict, Relation,
    Target,
};
use crosscheck::{ClaimChanges, Workbench};

use crate::support::{run, run_json};

/// Two versions without attribution cues, so the extractor proposes nothing and the fixture's
/// claims are exactly the two the tests add.
pub const TEXT: &str = "Tovuz, 12 juillet. Version A : 12 soldats arméniens ont été tués près de Tovuz. \
Version B : aucun soldat n'a été tué et l'attaque venait de Bakou.";

/// A workspace with one source, two claims (AZ, AM) and the analyst's name set.
pub fn workspace(analyst: bool) -> (Workbench, i64, i64, i64) {
    let mut wb = Workbench::in_memory().expect("in-memory store");
    let gaz = wb.gazetteer().expect("gazetteer");
    let doc = Document {
        title: "Tovuz: rival accounts".into(),
        outlet: Some("Test Wire".into()),
        url: Some("https://example.org/tovuz".into()),
        language: Some("fr".into()),
        published_at: Some(Utc.with_ymd_and_hms(2020, 7, 12, 9, 0, 0).unwrap()),
        format: "text".into(),
        text: TEXT.into(),
        ..Default::default()
    };
    let source = wb.import_document(doc, None, &gaz).expect("import").source_id;
    assert_eq!(wb.store().claim_count().unwrap(), 0, "the fixture text must give the extractor nothing to propose");
    let az = wb
        .add_claim(source, 31, 78, Speaker { name: "Azerbaijan".into(), party: Some("AZ".into()), countries: vec![] }, "a affirmé", Stance::Assert)
        .expect("AZ claim")
        .id;
    let am = wb
        .add_claim(source, 92, 116, Speaker { name: "Erevan".into(), party: Some("AM".into()), countries: vec![] }, "a démenti", Stance::Deny)
        .expect("AM claim")
        .id;
    if analyst {
        wb.set_setting("analyst", "Ana Lyst").expect("set analyst");
    }
    (wb, source, az, am)
}

#[test]
fn every_judgement_needs_the_analysts_name_first() {
    let (mut wb, _, az, _) = workspace(false);
    let err = wb.set_verdict(az, "false", "").expect_err("no analyst name yet");
    assert!(err.to_string().contains("config set analyst"), "the error says how to set it: {err}");
    assert!(wb.store().all_history().unwrap().is_empty(), "nothing was logged");
}

#[test]
fn verdict_and_attribution_are_separate_and_logged_with_who_and_why() {
    let (mut wb, _, az, _) = workspace(true);
    let v = wb.set_verdict(az, "Plutôt faux", "imagery shows two casualties").unwrap();
    assert_eq!(v.verdict, "mostly_false", "a French label finds the verdict");
    assert_eq!(v.attribution, Attribution::Unchecked, "the verdict leaves attribution alone");
    let v = wb.set_attribution(az, Attribution::RelayedOnly, "only via the agency").unwrap();
    assert_eq!((v.verdict.as_str(), v.attribution), ("mostly_false", Attribution::RelayedOnly), "attribution leaves the verdict");

    let h = wb.store().history(Target::Claim(az)).unwrap();
    let got: Vec<_> = h.iter().map(|e| (e.change, e.old.clone(), e.new.clone(), e.note.as_str(), e.analyst.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (Change::Verdict, Some("unverified".into()), Some("mostly_false".into()), "imagery shows two casualties", "Ana Lyst"),
            (Change::Attribution, Some("unchecked".into()), Some("relayed_only".into()), "only via the agency", "Ana Lyst"),
        ],
        "each change is one entry with before, after, note and analyst"
    );
    assert!(wb.set_verdict(az, "probably", "").is_err(), "an unknown verdict is refused");
}

#[test]
fn history_refuses_update_and_delete_at_the_database_level() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    {
        let mut wb = Workbench::open(&db).unwrap();
        wb.set_setting("analyst", "Ana").unwrap();
        wb.add_verdict(NewVerdict {
            key: "satire".into(),
            label: Labels { en: "Satire".into(), fr: "Satire".into() },
            colour: "#123456".into(),
            rated: false,
            conclusive: true,
            position: None,
        })
        .unwrap();
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    for sql in ["UPDATE history SET analyst = 'Mallory'", "DELETE FROM history", "UPDATE history SET note = 'x' WHERE id = 1"] {
        let err = conn.execute(sql, []).expect_err("history is append-only");
        assert!(err.to_string().contains("append-only"), "{sql} aborts with the trigger's message: {err}");
    }
    let n: i64 = conn.query_row("SELECT count(*) FROM history", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1, "the entry is still there");
}

#[test]
fn default_taxonomy_is_seeded_and_ratings_follow_the_order() {
    let (mut wb, _, az, _) = workspace(true);
    let t = wb.taxonomy().unwrap();
    let keys: Vec<&str> = t.verdicts.iter().map(|v| v.key.as_str()).collect();
    assert_eq!(
        keys,
        ["unverified", "in_progress", "true", "mostly_true", "mixed", "mostly_false", "false", "unproven"],
        "the shipped taxonomy, in order"
    );
    assert_eq!(t.get("false").unwrap().label.fr, "Faux", "French labels come from the data file");
    assert_eq!(t.scale(), Some((1, 5)), "five rated verdicts");

    wb.set_verdict(az, "mixed", "").unwrap();
    let t = wb
        .add_verdict(NewVerdict {
            key: "exaggerated".into(),
            label: Labels { en: "Exaggerated".into(), fr: "Exagéré".into() },
            colour: "#aa5500".into(),
            rated: true,
            conclusive: true,
            position: Some(6),
        })
        .unwrap();
    let ratings: Vec<(&str, Option<u32>)> = t.verdicts.iter().map(|v| (v.key.as_str(), v.rating)).collect();
    assert_eq!(
        ratings,
        [
            ("unverified", None),
            ("in_progress", None),
            ("true", Some(6)),
            ("mostly_true", Some(5)),
            ("mixed", Some(4)),
            ("exaggerated", Some(3)),
            ("mostly_false", Some(2)),
            ("false", Some(1)),
            ("unproven", None)
        ],
        "a rated verdict slots into the scale at its position"
    );
    let t = wb.move_verdict("false", 3).unwrap();
    assert_eq!(t.get("false").unwrap().rating, Some(6), "moved first among rated verdicts, it becomes the best rating");
    let t = wb.rename_verdict("mixed", Labels { en: "Half true".into(), fr: "À moitié vrai".into() }).unwrap();
    assert_eq!(t.get("mixed").unwrap().label.en, "Half true", "relabelled");
    assert_eq!(wb.store().verification(az).unwrap().verdict, "mixed", "claims keep their verdict key through renames and moves");
    let bad = NewVerdict {
        key: "Bad Key".into(),
        label: Labels { en: "x".into(), fr: "x".into() },
        colour: "red".into(),
        rated: false,
        conclusive: true,
        position: None,
    };
    assert!(wb.add_verdict(bad).is_err(), "keys and colours are validated");
}

#[test]
fn claims_filter_by_verdict_with_unjudged_claims_as_unverified() {
    let (mut wb, _, az, am) = workspace(true);
    wb.set_verdict(az, "false", "").unwrap();
    let ids = |v: &str| -> Vec<i64> {
        wb.store().claims(&ClaimFilter { verdict: Some(v.into()), ..Default::default() }).unwrap().iter().map(|c| c.id).collect()
    };
    assert_eq!(ids("false"), vec![az], "the judged claim");
    assert_eq!(ids("unverified"), vec![am], "a claim never judged counts as unverified");
    assert_eq!(ids("true"), Vec::<i64>::new(), "none");
}

#[test]
fn claims_filter_by_attribution_with_unchecked_claims_as_unchecked() {
    let (mut wb, _, az, am) = workspace(true);
    wb.set_attribution(am, Attribution::RelayedOnly, "known through TASS only").unwrap();
    let ids = |a: Attribution| -> Vec<i64> {
        wb.store().claims(&ClaimFilter { attribution: Some(a), ..Default::default() }).unwrap().iter().map(|c| c.id).collect()
    };
    assert_eq!(ids(Attribution::RelayedOnly), vec![am], "the checked claim");
    assert_eq!(ids(Attribution::Unchecked), vec![az], "a claim never checked counts as unchecked");
    assert_eq!(ids(Attribution::Misattributed), Vec::<i64>::new(), "none");
}

#[test]
fn evidence_of_each_kind_is_stored_and_files_are_kept_by_hash() {
    let (mut wb, source, az, am) = workspace(true);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("imagery.txt");
    std::fs::write(&file, b"satellite imagery, 13 July").unwrap();

    let url = wb
        .add_evidence(NewEvidence { target: Target::Claim(az), relation: Relation::Refutes, kind: NewEvidenceKind::Url("https://example.org/imagery".into()), note: "".into() })
        .unwrap();
    assert!(matches!(url.kind, EvidenceKind::Url { ref url } if url == "https://example.org/imagery"), "URL kept");
    let passage = wb.add_passage_evidence(Target::Claim(az), source, 80, 90, Relation::Context, "the denial").unwrap();
    match &passage.kind {
        EvidenceKind::Passage { source_id, anchor } => {
            assert_eq!((*source_id, anchor.start, anchor.end), (source, 80, 90), "anchored by source and chars");
            assert_eq!(anchor.selector.exact, "Version B ", "with a quote selector");
            assert!(anchor.selector.prefix.ends_with("Tovuz. "), "and its context");
        }
        other => panic!("expected a passage, got {other:?}"),
    }
    assert!(wb.add_passage_evidence(Target::Claim(az), source, 10, 9999, Relation::Context, "").is_err(), "a span outside the source is refused");

    let f1 = wb.add_file_evidence(Target::Claim(az), &file, Relation::Supports, "").unwrap();
    let conflict = wb.new_conflict(&[az, am], None).unwrap().id;
    assert!(wb.add_file_evidence(Target::Conflict(conflict + 100), &file, Relation::Context, "").is_err(), "an unknown conflict is refused");
    let f2 = wb.add_file_evidence(Target::Conflict(conflict), &file, Relation::Context, "same file").unwrap();
    let (EvidenceKind::File { sha256: h1, size, .. }, EvidenceKind::File { sha256: h2, .. }) = (&f1.kind, &f2.kind) else {
        panic!("file evidence expected");
    };
    assert_eq!(h1, h2, "the same bytes are the same blob");
    assert_eq!(*size, 26, "size recorded");
    assert_eq!(h1, &crosscheck::text::hash_hex(b"satellite imagery, 13 July"), "identity is the SHA-256");
    assert_eq!(wb.store().blob(h1).unwrap(), b"satellite imagery, 13 July", "bytes come back, checked");
    let note = NewEvidence { target: Target::Claim(az), relation: Relation::Context, kind: NewEvidenceKind::Note, note: "  ".into() };
    assert!(wb.add_evidence(note).is_err(), "an empty note is not evidence");

    assert_eq!(wb.store().evidence(Target::Claim(az)).unwrap().len(), 3, "three pieces on the claim");
    assert_eq!(wb.store().evidence(Target::Conflict(conflict)).unwrap().len(), 1, "one on the conflict");
    let logged = wb.store().history(Target::Claim(az)).unwrap().iter().filter(|h| h.change == Change::Evidence).count();
    assert_eq!(logged, 3, "each attachment is in the history");
}

#[test]
fn a_stored_file_cannot_be_changed_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let file = dir.path().join("doc.bin");
    std::fs::write(&file, b"original").unwrap();
    {
        let mut wb = Workbench::open(&db).unwrap();
        wb.set_setting("analyst", "Ana").unwrap();
        wb.add_file_evidence(Target::Conflict(1), &file, Relation::Context, "").expect_err("no conflict 1 yet");
        let (source, start, end) = (wb.load_demo().unwrap()[0].source_id, 0, 20);
        let speaker = Speaker { name: "Russia".into(), party: Some("RU".into()), countries: vec![] };
        let claim = wb.add_claim(source, start, end, speaker, "", Stance::Assert).unwrap().id;
        wb.add_file_evidence(Target::Claim(claim), &file, Relation::Context, "").unwrap();
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let err = conn.execute("UPDATE blobs SET bytes = x'00'", []).expect_err("blobs are immutable");
    assert!(err.to_string().contains("immutable"), "the trigger says why: {err}");
}

#[test]
fn analyst_edits_make_the_claim_theirs_and_deletion_keeps_its_history() {
    let (mut wb, _, az, am) = workspace(true);
    let edited = wb
        .edit_claim(
            am,
            ClaimChanges { text: Some("aucun soldat tué".into()), stance: Some(Stance::Deny), party: Some("Armenia".into()), ..Default::default() },
            "shorter",
        )
        .unwrap();
    assert_eq!((edited.text.as_str(), edited.origin), ("aucun soldat tué", Origin::Analyst), "text changed, origin analyst");
    assert_eq!(edited.speaker.party.as_deref(), Some("AM"), "party resolved from a name");
    let found = wb.store().claims(&ClaimFilter { query: Some("aucun soldat".into()), ..Default::default() }).unwrap();
    assert_eq!(found.len(), 1, "full-text search sees the edit");
    let h = wb.store().history(Target::Claim(am)).unwrap();
    assert_eq!(h.len(), 1, "one edit, one entry");
    assert_eq!(h[0].change, Change::ClaimEdit, "logged as an edit");
    assert!(h[0].old.as_deref().unwrap().contains("aucun soldat n'a été tué"), "with the old text");
    assert!(wb.edit_claim(am, ClaimChanges::default(), "").is_err(), "an edit that changes nothing is refused");

    wb.set_verdict(az, "false", "").unwrap();
    wb.delete_claim(az, "duplicate").unwrap();
    assert!(wb.store().claim(az).is_err(), "gone");
    let h = wb.store().history(Target::Claim(az)).unwrap();
    let changes: Vec<Change> = h.iter().map(|e| e.change).collect();
    assert_eq!(changes, vec![Change::Verdict, Change::ClaimDelete], "the history outlives the claim");
    assert!(h[1].old.as_deref().unwrap().contains("12 soldats"), "the deleted claim is kept in the history");
}

#[test]
fn conflict_status_needs_a_party_when_resolved_and_is_logged() {
    let (mut wb, _, az, am) = workspace(true);
    assert!(ConflictStatus::parse("resolved", None).is_err(), "resolved without a party");
    let id = wb.new_conflict(&[az, am], None).unwrap().id;
    assert!(wb.set_conflict_status(id + 1, ConflictStatus::Open, "").is_err(), "an unknown conflict is refused");
    let v = wb.set_conflict_status(id, ConflictStatus::Resolved("Bakou".into()), "imagery").unwrap();
    assert_eq!(v.status, ConflictStatus::Resolved("AZ".into()), "the party is stored by key");
    wb.set_conflict_status(id, ConflictStatus::AllContradicted, "both wrong").unwrap();
    assert_eq!(wb.store().conflict_verdict(id).unwrap().unwrap().status, ConflictStatus::AllContradicted, "latest status");
    let statuses = wb.store().history(Target::Conflict(id)).unwrap().into_iter().filter(|h| h.change == Change::ConflictStatus).count();
    assert_eq!(statuses, 2, "both changes logged");
}

#[test]
fn cli_records_a_verification_and_shows_its_history_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let src = dir.path().join("tovuz.txt");
    std::fs::write(&src, TEXT).unwrap();
    run_json(&db, &["import", src.to_str().unwrap()]);
    let claim = run_json(&db, &["claim", "add", "--source", "1", "--start", "31", "--end", "78", "--speaker", "Azerbaijan"]);
    let id = claim["claims"][0]["id"].as_i64().unwrap().to_string();

    let refused = run(&db, &["status", &id, "false"]);
    assert_eq!(refused.status.code(), Some(2), "refused until the analyst is named");
    run_json(&db, &["config", "set", "analyst", "Ana Lyst"]);
    let v = run_json(&db, &["status", &id, "false", "--note", "imagery"]);
    assert_eq!(v["verifications"][0]["verdict"], "false", "verdict set");
    let v = run_json(&db, &["attribution", &id, "confirmed"]);
    assert_eq!(v["verifications"][0]["attribution"], "confirmed", "attribution set");
    let e = run_json(&db, &["evidence", "add", &id, "--url", "https://example.org/a", "--refutes"]);
    assert_eq!(e["evidence"][0]["kind"], "url", "evidence record");
    let e = run_json(&db, &["evidence", "add", &id, "--passage", "1:0-20", "--context"]);
    assert_eq!(e["evidence"][0]["anchor"]["start"], 0, "passage anchored");
    let missing = run(&db, &["evidence", "add", &id, "--url", "https://x.org"]);
    assert!(!missing.status.success(), "a relation is required");
    let other = run_json(&db, &["claim", "add", "--source", "1", "--start", "92", "--end", "116", "--speaker", "Armenia"]);
    let other = other["claims"][0]["id"].as_i64().unwrap().to_string();
    let conflict = run_json(&db, &["conflict", "new", &id, &other]);
    let cid = conflict["conflicts"][0]["id"].as_i64().unwrap().to_string();
    let s = run_json(&db, &["conflict", "status", &cid, "resolved", "--party", "Arménie", "--explanation", "video"]);
    assert_eq!(s["conflict_verdicts"][0]["party"], "AM", "resolved for a party, stored by key");
    let edited = run_json(&db, &["claim", "edit", &id, "--cue", "a affirmé", "--note", "cue"]);
    assert_eq!(edited["claims"][0]["origin"], "analyst", "edited claims are the analyst's");

    let h = run_json(&db, &["history", &id]);
    let changes: Vec<&str> = h["history"].as_array().unwrap().iter().map(|e| e["change"].as_str().unwrap()).collect();
    assert_eq!(changes, ["verdict", "attribution", "evidence", "evidence", "claim_edit"], "the claim's story in order");
    assert_eq!(h["history"][0]["analyst"], "Ana Lyst", "with the analyst");
    assert_eq!(h["history"][0]["note"], "imagery", "and the note");
    assert!(h["history"][0]["id"].is_i64(), "records carry an id");

    let listed = run_json(&db, &["claims", "--status", "false"]);
    assert_eq!(listed["claims"].as_array().unwrap().len(), 1, "claims --status filters");
    let verdicts = run_json(&db, &["verdicts"]);
    assert_eq!(verdicts["verdicts"].as_array().unwrap().len(), 8, "the taxonomy lists");
    let moved = run_json(&db, &["verdict", "move", "unproven", "3"]);
    assert_eq!(moved["verdicts"][2]["key"], "unproven", "moved");
    let deleted = run_json(&db, &["claim", "delete", &id]);
    assert_eq!(deleted["deleted"][0]["id"].as_i64(), Some(id.parse().unwrap()), "deleted");
    let h = run_json(&db, &["history", &id]);
    assert_eq!(h["history"].as_array().unwrap().len(), 6, "history remains after deletion");
}

#[test]
fn a_conflicts_verdict_and_evidence_go_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let conflict = {
        let mut wb = Workbench::open(&db).unwrap();
        wb.set_setting("analyst", "Ana").unwrap();
        let source = wb.load_demo().unwrap()[0].source_id;
        let speaker = |n: &str, k: &str| Speaker { name: n.into(), party: Some(k.into()), countries: vec![] };
        let a = wb.add_claim(source, 0, 10, speaker("Russia", "RU"), "", Stance::Assert).unwrap().id;
        let b = wb.add_claim(source, 20, 30, speaker("Armenia", "AM"), "", Stance::Deny).unwrap().id;
        let id = wb.new_conflict(&[a, b], None).unwrap().id;
        wb.set_conflict_status(id, ConflictStatus::Unresolvable, "no access").unwrap();
        let note = NewEvidence { target: Target::Conflict(id), relation: Relation::Context, kind: NewEvidenceKind::Note, note: "n".into() };
        wb.add_evidence(note).unwrap();
        id
    };
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let err = conn.execute("INSERT INTO conflict_verdicts VALUES (9999, 'open', NULL, '', '')", []);
    assert!(err.is_err(), "a verdict for a conflict that does not exist is refused by a foreign key");
    conn.execute("DELETE FROM conflicts WHERE id = ?1", [conflict]).unwrap();
    let left: i64 = conn
        .query_row("SELECT (SELECT count(*) FROM conflict_verdicts) + (SELECT count(*) FROM evidence)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "the conflict's verdict and evidence are deleted with it");
    let logged: i64 = conn.query_row("SELECT count(*) FROM history WHERE conflict_id = ?1", [conflict], |r| r.get(0)).unwrap();
    assert_eq!(logged, 3, "its history stays: its building, its status and its evidence");
}
