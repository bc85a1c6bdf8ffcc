//! Conflicts and the diff view end to end through the binary: cross-source candidates with their
//! disagreeing facts, the analyst's confirm/reject, conflicts built by hand and their history,
//! and `diff`'s word-diff output.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{run, run_json};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align").join(name)
}

const AM_FILE: &str = "am-mod-tavush-2020-07-12.txt";
const AZ_FILE: &str = "az-mod-tovuz-2020-07-12.txt";
const AM_CLAIM: &str = "Azerbaijani forces opened artillery fire on Armenian positions in Tavush on 12 July";
const AZ_CLAIM: &str = "Armenian units opened artillery fire on Azerbaijani positions in Tovuz on 12 July";
const AM_TIME: &str = "The attack began at 12:30";
const AM_WOUNDED: &str = "Two Armenian servicemen were wounded";
const AZ_TOLL: &str = "three Azerbaijani servicemen were killed";

/// Imports files; the extractor finds the claims and detection runs in the import.
fn import(db: &Path, files: &[PathBuf]) {
    let mut args = vec!["import"];
    args.extend(files.iter().map(|f| f.to_str().expect("utf-8 path")));
    run_json(db, &args);
}

/// The id of the stored claim whose text contains `needle`.
fn claim_with(db: &Path, needle: &str) -> i64 {
    let claims = run_json(db, &["claims"]);
    let found: Vec<i64> = claims["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["text"].as_str().is_some_and(|t| t.contains(needle)))
        .filter_map(|c| c["id"].as_i64())
        .collect();
    assert_eq!(found.len(), 1, "one claim contains {needle:?}: {claims:#}");
    found[0]
}

/// The two ministries' accounts of 12 July 2020, imported from two outlets.
fn two_accounts(db: &Path) -> (i64, i64) {
    import(db, &[fixture(AM_FILE), fixture(AZ_FILE)]);
    (claim_with(db, AM_CLAIM), claim_with(db, AZ_CLAIM))
}

/// Cross-source candidates awaiting the analyst (reply conflicts are proposed too, but not these).
fn candidates(db: &Path) -> Vec<Value> {
    let all = run_json(db, &["conflicts", "--status", "proposed"])["conflicts"].as_array().cloned().unwrap_or_default();
    all.into_iter().filter(|c| c["origin"] == "candidate").collect()
}

#[test]
fn a_denial_in_the_seed_dispatch_is_a_conflict_as_soon_as_it_is_imported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    import(&db, &[crate::support::seed_text_path()]);
    let (bakou, erevan) = (claim_with(&db, "pris le contrôle de plusieurs villages"), claim_with(&db, "cela"));
    let all = run_json(&db, &["conflicts"]);
    let replies: Vec<(Value, Vec<(i64, Value)>)> = all["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .filter(|c| c["origin"] == "reply")
        .map(|c| {
            let claims = c["claims"].as_array().cloned().unwrap_or_default();
            (c["status"].clone(), claims.iter().map(|m| (m["claim_id"].as_i64().unwrap_or(0), m["countries"].clone())).collect())
        })
        .collect();
    assert_eq!(
        replies,
        vec![(serde_json::json!("proposed"), vec![(bakou, serde_json::json!(["AZ"])), (erevan, serde_json::json!(["AM"]))])],
        "Bakou's claim and Erevan's denial, with no manual step: {all:#}"
    );
}

#[test]
fn opposing_ministries_accounts_are_proposed_as_one_candidate_with_evidence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let (am, az) = two_accounts(&db);
    let list = candidates(&db);
    let holds = |c: &Value, id: i64| c["claims"].as_array().is_some_and(|m| m.iter().any(|x| x["claim_id"] == id));
    // Each source also summarises its account in a shorter claim, proposed against the other
    // side's: every candidate puts an Armenian account beside an Azerbaijani one.
    let states = |c: &Value| -> Vec<Value> { c["claims"].as_array().map_or(Vec::new(), |m| m.iter().map(|x| x["countries"].clone()).collect()) };
    assert!(
        list.iter().all(|c| states(c) == vec![serde_json::json!(["AM"]), serde_json::json!(["AZ"])]),
        "every candidate opposes the two sides: {list:#?}"
    );
    let c = list.iter().find(|c| holds(c, am)).expect("the two ministries' accounts are one candidate");
    let claims: Vec<(i64, Value)> = c["claims"].as_array().expect("claims").iter().map(|m| (m["claim_id"].as_i64().unwrap_or(0), m["countries"].clone())).collect();
    assert_eq!(claims, vec![(am, serde_json::json!(["AM"])), (az, serde_json::json!(["AZ"]))], "one claim per party, with its state");
    assert_eq!(c["origin"], "candidate", "proposed, not built");
    let kinds: Vec<&str> = c["evidence"].as_array().expect("evidence").iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(kinds, vec!["day", "actors", "words", "event"], "same day, same two states, same words (artillery fire on positions), armed forces firing");
    assert!(c["score"].as_f64().unwrap_or(0.0) >= 0.5, "scored above the threshold: {}", c["score"]);
}

#[test]
fn the_diff_view_pins_where_who_and_when_the_accounts_disagree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let (am, az) = two_accounts(&db);
    let id = candidates(&db)[0]["id"].as_i64().expect("conflict id");
    let view = &run_json(&db, &["conflict", "show", &id.to_string()])["views"][0];
    let labels: Vec<&str> = view["columns"].as_array().expect("columns").iter().filter_map(|c| c["label"].as_str()).collect();
    assert_eq!(labels, vec!["Armenia", "Azerbaijan"], "a column per party");
    let pair = &view["rows"][0]["pairs"][0];
    assert_eq!((pair["left"].as_i64(), pair["right"].as_i64()), (Some(am), Some(az)), "the two claims side by side");
    let facts: Vec<(String, String)> = pair["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .map(|f| (f["kind"].as_str().unwrap_or("").to_string(), f["note"].as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(
        facts,
        vec![("place".to_string(), "tavush ≠ tovuz".to_string()), ("actor".to_string(), "AZ, AM ≠ AM, AZ".to_string())],
        "they disagree on where it happened and on who fired first"
    );
    // Spans point at the words in each claim.
    let place = &pair["facts"][0];
    let (l, r) = (&place["left"][0], &place["right"][0]);
    let chars = |s: &str, a: &Value, b: &Value| s.chars().skip(a.as_u64().unwrap_or(0) as usize).take((b.as_u64().unwrap_or(0) - a.as_u64().unwrap_or(0)) as usize).collect::<String>();
    assert_eq!(chars(AM_CLAIM, &l["start"], &l["end"]), "Tavush", "left span");
    assert_eq!(chars(AZ_CLAIM, &r["start"], &r["end"]), "Tovuz", "right span");
    let chain = &view["claims"][0]["chain"][0];
    assert_eq!(chain, "Armenian defence ministry", "each claim carries its attribution chain");
}

fn notes(db: &Path, a: i64, b: i64) -> Vec<String> {
    let view = run_json(db, &["diff", &a.to_string(), &b.to_string()]);
    let facts = view["views"][0]["rows"][0]["pairs"][0]["facts"].as_array().cloned().unwrap_or_default();
    facts.iter().filter_map(|f| f["note"].as_str().map(String::from)).collect()
}

#[test]
fn times_and_counts_that_differ_are_facts_that_disagree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    two_accounts(&db);
    let (time, wounded, toll) = (claim_with(&db, AM_TIME), claim_with(&db, AM_WOUNDED), claim_with(&db, AZ_TOLL));
    assert_eq!(notes(&db, time, toll), vec!["12:30 ≠ 13:45", "AZ ≠ AM, AZ"], "the times differ, and the Azerbaijani account names Armenia first");
    assert_eq!(notes(&db, wounded, toll), vec!["2 servicemen ≠ 3 servicemen", "AM ≠ AM, AZ"], "two servicemen (a number word) against three");
}

#[test]
fn a_rejected_candidate_stays_rejected_and_a_confirmed_one_is_listed_as_confirmed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    two_accounts(&db);
    let id = candidates(&db)[0]["id"].as_i64().expect("id").to_string();
    let others = candidates(&db).len() - 1;
    run_json(&db, &["config", "set", "analyst", "Test Analyst"]);
    let confirmed = run_json(&db, &["conflict", "confirm", &id]);
    assert_eq!(confirmed["conflicts"][0]["status"], "confirmed", "confirm changes the status");
    run_json(&db, &["conflict", "reject", &id, "--reason", "two incidents"]);
    let redetected = run_json(&db, &["conflict", "detect", "--rescan"]);
    assert_eq!(redetected["detections"][0]["candidates"], 0, "the rejected pair is not proposed again");
    let listed: Vec<String> = run_json(&db, &["conflicts"])["conflicts"].as_array().expect("list").iter().map(|c| c["id"].to_string()).collect();
    assert!(!listed.contains(&id), "rejected conflicts are hidden by default: {listed:?}");
    assert_eq!(listed.len(), others, "the other proposals stay");
    assert_eq!(run_json(&db, &["conflicts", "--status", "rejected"])["conflicts"][0]["id"].to_string(), id, "listed as rejected");
    let history = run_json(&db, &["history", "--conflict", &id]);
    let reviews: Vec<(Value, Value, Value)> = history["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|h| (h["new"].clone(), h["note"].clone(), h["analyst"].clone()))
        .collect();
    let j = |s: &str| serde_json::json!(s);
    assert_eq!(
        reviews,
        vec![(j("confirmed"), j(""), j("Test Analyst")), (j("rejected"), j("two incidents"), j("Test Analyst"))],
        "each review is in the history with the analyst's name and reason"
    );
}

#[test]
fn diff_prints_git_word_diff_markers_when_not_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let (am, az) = two_accounts(&db);
    let out = run(&db, &["diff", &am.to_string(), &az.to_string()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "diff runs");
    assert!(
        text.contains("[-Azerbaijani forces-]{+Armenian units+} opened artillery fire on [-Armenian-]{+Azerbaijani+} positions in [-Tavush-]{+Tovuz+} on 12 July"),
        "word diff with plain markers and no escape codes:\n{text}"
    );
    assert!(!text.contains('\x1b'), "no color when piped");
}

#[test]
fn diff_colours_only_when_asked_and_never_under_no_color() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let (am, az) = two_accounts(&db);
    let diff = |env: &[(&str, &str)]| {
        let out = std::process::Command::new(crate::support::bin())
            .arg("--db")
            .arg(&db)
            .args(["diff", &am.to_string(), &az.to_string()])
            .env_remove("CROSSCHECK_DB")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .envs(env.iter().copied())
            .output()
            .expect("the crosscheck binary runs");
        assert!(out.status.success(), "diff runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(diff(&[("CLICOLOR_FORCE", "1")]).contains("\x1b[31m"), "colour forced on a pipe: removed words in red");
    let plain = diff(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!plain.contains('\x1b'), "NO_COLOR wins over forcing:\n{plain}");
    assert!(plain.contains("[-Azerbaijani forces-]{+Armenian units+}"), "the markers stand in for the colours");
}

#[test]
fn an_analysts_claim_is_proposed_against_the_other_sides_account_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    import(&db, &[fixture(AM_FILE)]);
    let am = claim_with(&db, AM_CLAIM);
    // The other side's account as an analyst's note holds it: no cue, so the extractor leaves it alone.
    let note = dir.path().join("az-account.txt");
    std::fs::write(&note, format!("{AZ_CLAIM}.\n")).expect("write note");
    let imported = run_json(&db, &["import", note.to_str().expect("utf-8 path")]);
    assert_eq!(imported["imported"][0]["claims"], 0, "nothing extracted from plain narration: {imported:#}");
    assert!(candidates(&db).is_empty(), "no candidate before the analyst marks the claim");
    let source = imported["imported"][0]["source_id"].as_i64().expect("source id").to_string();
    let end = AZ_CLAIM.chars().count().to_string();
    let added = run_json(
        &db,
        &["claim", "add", "--source", &source, "--start", "0", "--end", &end, "--speaker", "Baku", "--cue", "said", "--stance", "assert"],
    );
    let az = added["claims"][0]["id"].as_i64().expect("claim id");
    let pairs: Vec<Vec<i64>> = candidates(&db)
        .iter()
        .map(|c| c["claims"].as_array().expect("claims").iter().filter_map(|m| m["claim_id"].as_i64()).collect())
        .collect();
    assert!(pairs.contains(&vec![am, az]), "the hand-made claim meets the Armenian account with no rescan: {pairs:?}");
    assert!(pairs.iter().all(|p| p.contains(&az)), "every proposal holds the new claim: {pairs:?}");
}

#[test]
fn correcting_a_claims_party_proposes_it_against_the_other_side() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    import(&db, &[fixture(AM_FILE)]);
    let am = claim_with(&db, AM_CLAIM);
    let note = dir.path().join("account.txt");
    std::fs::write(&note, format!("{AZ_CLAIM}.\n")).expect("write note");
    let imported = run_json(&db, &["import", note.to_str().expect("utf-8 path")]);
    let source = imported["imported"][0]["source_id"].as_i64().expect("source id").to_string();
    let end = AZ_CLAIM.chars().count().to_string();
    // Marked first as Yerevan's: the same side as the ministry's account, so no conflict.
    let added = run_json(
        &db,
        &["claim", "add", "--source", &source, "--start", "0", "--end", &end, "--speaker", "Yerevan", "--cue", "said", "--stance", "assert"],
    );
    let id = added["claims"][0]["id"].as_i64().expect("claim id");
    assert!(candidates(&db).is_empty(), "one side cannot contradict itself");
    run_json(&db, &["config", "set", "analyst", "Test Analyst"]);
    run_json(&db, &["claim", "edit", &id.to_string(), "--speaker", "Baku", "--party", "AZ", "--note", "misread the source"]);
    let pairs: Vec<Vec<i64>> = candidates(&db)
        .iter()
        .map(|c| c["claims"].as_array().expect("claims").iter().filter_map(|m| m["claim_id"].as_i64()).collect())
        .collect();
    assert!(pairs.contains(&vec![am, id]), "the corrected claim is detected again, now against the other side: {pairs:?}");
    assert!(pairs.iter().all(|p| p.contains(&id)), "every proposal holds the corrected claim: {pairs:?}");
}

#[test]
fn an_edited_claim_indexed_again_is_not_counted_twice_under_its_own_keys() {
    use crosscheck::store::{ClaimFilter, MAX_POSTINGS};
    let dir = tempfile::tempdir().expect("temp dir");
    // One place named in exactly as many claims as a key may hold and still block on.
    let bulletin: String = (0..MAX_POSTINGS)
        .map(|i| format!("The defence ministry of Azerbaijan said on Tuesday that {} Armenian drones were shot down near Tovuz.\n\n", i + 2))
        .collect();
    let file = dir.path().join("bulletin.txt");
    std::fs::write(&file, bulletin).expect("bulletin written");
    let db = dir.path().join("ws.db");
    let mut wb = crosscheck::Workbench::open(&db).expect("store");
    wb.import_paths(&[file], &mut ()).expect("import");
    let tovuz = crosscheck::text::key_hash("p:tovuz");
    let state = |db: &Path| -> (i64, bool) {
        let conn = rusqlite::Connection::open(db).expect("open");
        let held: i64 = conn.query_row("SELECT count(*) FROM claim_keys WHERE key = ?1", [tovuz], |r| r.get(0)).expect("holders");
        let common: bool = conn.query_row("SELECT count(*) > 0 FROM common_keys WHERE key = ?1", [tovuz], |r| r.get(0)).expect("common");
        (held, common)
    };
    assert_eq!(state(&db), (MAX_POSTINGS as i64, false), "every claim names Tovuz: the key is held to the cap and still blocks");
    // An edit queues the claim for detection again, its old keys still in the index.
    wb.set_setting("analyst", "Ana").expect("analyst");
    let first = wb.claims(&ClaimFilter::default()).expect("claims")[0].id;
    wb.edit_claim(first, crosscheck::ClaimChanges { speaker: Some("Azerbaijan's defence ministry".into()), ..Default::default() }, "fuller name")
        .expect("edit");
    assert_eq!(state(&db), (MAX_POSTINGS as i64, false), "the edited claim holds the key once, and the key still blocks");
}

/// Two opposing accounts read into candidate features, each by a speaker of its own state, in
/// sources 10 and 20: the pairs `propose` finds, with the evidence of each.
fn proposed_between(a: (&str, &str), b: (&str, &str)) -> Vec<(String, Vec<String>)> {
    use crosscheck::align::candidates::{propose, CandidateConfig, ClaimRef, Features};
    use crosscheck::align::facts::Lexicon;
    use crosscheck::gazetteer::Gazetteer;
    use crosscheck::model::Speaker;
    let features = |id: i64, (country, text): (&str, &str)| {
        let speaker = Speaker { name: format!("{country} ministry"), party: Some(format!("{country}.mod")), countries: vec![country.into()] };
        Features::new(ClaimRef { id, source_id: id * 10, text, speaker: &speaker }, Gazetteer::builtin(), Lexicon::builtin())
    };
    propose(&[features(1, a), features(2, b)], &CandidateConfig::default())
        .into_iter()
        .flat_map(|p| p.scored.evidence)
        .map(|e| (e.kind, e.shared))
        .collect()
}

#[test]
fn opposing_accounts_that_each_name_only_their_own_state_meet_on_the_place_they_both_name() {
    // Each side names itself only: no state in common, but one place, and both speak of bombing.
    let got = proposed_between(
        ("AM", "Armenian artillery struck an ammunition depot near Lachin"),
        ("AZ", "Azerbaijani air defence units turned the intruders back before they could bomb anything near Lachin"),
    );
    let kinds: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, vec!["place", "event"], "the place ties the accounts, and the strike they dispute counts then: {got:?}");
    assert!(
        proposed_between(
            ("AM", "Armenian artillery struck an ammunition depot in the mountains"),
            ("AZ", "Azerbaijani air defence units turned the intruders back before they could bomb anything"),
        )
        .is_empty(),
        "without a place, a day or a state in common, bombing alone ties nothing: it is in every war"
    );
}

#[test]
fn a_side_denying_damage_meets_the_other_sides_toll_on_the_outcome_of_the_strike() {
    for (toll, denial) in [
        ("Russian bombs killed twelve patients at the city hospital", "The hospital suffered no damage at all"),
        ("des bombes russes ont tué douze patients à l'hôpital de la ville", "l'hôpital n'a subi aucun dégât"),
        ("российская авиация нанесла удар по городской больнице, погибли двенадцать пациентов", "больница не получила никаких повреждений"),
    ] {
        let got = proposed_between(("UA", toll), ("RU", denial));
        let event = got.iter().find(|(k, _)| k == "event").map(|(_, v)| v.clone());
        assert_eq!(
            event,
            Some(vec!["hospital".to_string(), "toll".to_string()]),
            "deaths on one side and no damage on the other are one disputed outcome: {toll:?} / {denial:?}: {got:?}"
        );
    }
}

#[test]
fn accounts_tied_only_by_what_every_war_holds_are_proposed_when_each_names_who_acted() {
    let accusation = ("AM", "Azerbaijani troops opened fire on the border posts");
    let who = proposed_between(accusation, ("AZ", "l'armée arménienne a ouvert le feu sur nos postes frontaliers"));
    assert!(!who.is_empty(), "each names the other as the one who fired: a dispute on the actor");
    let ongoing = proposed_between(accusation, ("AZ", "les combats se poursuivent le long de la frontière"));
    assert!(ongoing.is_empty(), "fighting that goes on, said by the other side, disputes nothing: {ongoing:?}");
    let site = proposed_between(
        ("UA", "the Russian strike on the hospital killed twelve patients"),
        ("RU", "la frappe n'a fait aucune victime à l'hôpital"),
    );
    assert!(!site.is_empty(), "the same site ties two accounts that name no actor: {site:?}");
}

#[test]
fn one_side_saying_an_outcome_did_not_happen_meets_the_other_sides_toll() {
    let toll = ("AM", "Azerbaijani shelling killed two of our conscripts");
    let got = proposed_between(toll, ("AZ", "Armenia suffered no casualties"));
    assert!(got.contains(&("denied".to_string(), vec!["toll".to_string()])), "deaths against none: the outcome is disputed: {got:?}");
    let agreeing = proposed_between(toll, ("AZ", "Armenia suffered casualties"));
    assert!(agreeing.is_empty(), "a toll both state is one shared signal, not a dispute: {agreeing:?}");
    for denial in ["l'Arménie n'a subi aucune victime", "Армения не понесла никаких жертв"] {
        let got = proposed_between(toll, ("AZ", denial));
        assert!(got.iter().any(|(k, _)| k == "denied"), "{denial:?} says there was none: {got:?}");
    }
}

/// Adds a claim over `text`, which starts at char `start` of source `source`, by `speaker`; its id.
fn add_claim(db: &Path, source: &str, start: usize, text: &str, speaker: &str) -> i64 {
    let (from, to) = (start.to_string(), (start + text.chars().count()).to_string());
    let added = run_json(db, &["claim", "add", "--source", source, "--start", &from, "--end", &to, "--speaker", speaker, "--cue", "said", "--stance", "assert"]);
    added["claims"][0]["id"].as_i64().expect("claim id")
}

/// A note holding `sentences` imported as a source of its own (narration: nothing extracted);
/// its id and each sentence's start.
fn note(db: &Path, dir: &Path, name: &str, sentences: &[&str]) -> (String, Vec<usize>) {
    let path = dir.join(name);
    std::fs::write(&path, format!("{}\n", sentences.join(" "))).expect("write note");
    let imported = run_json(db, &["import", path.to_str().expect("utf-8 path")]);
    let mut starts = Vec::new();
    let mut at = 0;
    for s in sentences {
        starts.push(at);
        at += s.chars().count() + 1;
    }
    (imported["imported"][0]["source_id"].as_i64().expect("source id").to_string(), starts)
}

#[test]
fn a_speakers_next_statement_takes_the_day_place_and_actors_of_the_account_it_continues() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let said = [
        "Azerbaijani troops attacked Armenian border posts near Jermuk on 13 September.",
        "An invasion by their troops.",
        "An invasion by their troops.",
    ];
    let (yerevan_source, at) = note(&db, dir.path(), "yerevan.txt", &said);
    let account = add_claim(&db, &yerevan_source, at[0], said[0].trim_end_matches('.'), "Yerevan");
    let fragment = add_claim(&db, &yerevan_source, at[1], said[1].trim_end_matches('.'), "Yerevan");
    // The same words next, from a speaker who gave no account before them.
    let alone = add_claim(&db, &yerevan_source, at[2], said[2].trim_end_matches('.'), "Moscow");
    let other = ["Armenian units opened fire on our positions."];
    let (baku_source, _) = note(&db, dir.path(), "baku.txt", &other);
    let baku = add_claim(&db, &baku_source, 0, other[0].trim_end_matches('.'), "Baku");
    let pairs: Vec<Vec<i64>> = candidates(&db)
        .iter()
        .map(|c| c["claims"].as_array().expect("claims").iter().filter_map(|m| m["claim_id"].as_i64()).collect())
        .collect();
    assert!(pairs.contains(&vec![account, baku]), "the accusation meets the other side's: {pairs:?}");
    assert!(pairs.contains(&vec![fragment, baku]), "so does the fragment that continues it, tied by the account's day, place and actors: {pairs:?}");
    assert!(!pairs.iter().any(|p| p.contains(&alone)), "the same words with no account of their own say too little: {pairs:?}");
}

#[test]
fn accounts_dated_days_apart_tell_of_two_incidents_unless_they_name_one_place() {
    let accusation = ("AM", "Azerbaijani troops shelled our border posts on 27 June");
    let other_incident = proposed_between(accusation, ("AZ", "Armenian units opened fire on our border posts on 28 May"));
    assert!(other_incident.is_empty(), "27 June and 28 May are two incidents of one war, whatever else they share: {other_incident:?}");
    let overnight = proposed_between(accusation, ("AZ", "Armenian units opened fire on our border posts on 28 June"));
    assert!(!overnight.is_empty(), "the 27th on one side and the 28th on the other may be one night: {overnight:?}");
    let one_place = proposed_between(
        ("AM", "Azerbaijani troops shelled our border posts in Tavush on 27 June"),
        ("AZ", "Armenian units opened fire on our border posts in Tavush on 2 July"),
    );
    assert!(one_place.iter().any(|(k, _)| k == "place"), "one place named by both: the date is what they may dispute: {one_place:?}");
}

#[test]
fn force_one_side_says_it_uses_meets_the_other_sides_account_of_its_forces_firing() {
    let accusation = ("AZ", "Armenian forces opened fire on our border posts");
    for used in [
        "l'Arménie n'a pas d'autre choix que de répondre par la force",
        "Armenia will answer by force",
        "армянская армия ответит применением силы",
    ] {
        let got = proposed_between(accusation, ("AM", used));
        let event = got.iter().find(|(k, _)| k == "event").map(|(_, v)| v.clone());
        assert_eq!(event, Some(vec!["armed_forces".to_string(), "violence".to_string()]), "force used is violence, by an armed force: {used:?}: {got:?}");
    }
    let parade = proposed_between(accusation, ("AM", "the Armenian Air Force held its parade"));
    assert!(parade.is_empty(), "a force that is only named uses no force: {parade:?}");
}

#[test]
fn two_parties_each_speaking_of_a_third_state_are_not_one_exchange() {
    let admission = ("IR", "nous avons livré des drones à la Russie avant la guerre");
    let about_russia = proposed_between(admission, ("UA", "Russia could not deliver precise drone strikes"));
    assert!(about_russia.is_empty(), "Iran and Ukraine each speak of Russia; neither answers the other: {about_russia:?}");
    let answered = proposed_between(admission, ("UA", "Iran keeps supplying drones to Russia"));
    assert!(!answered.is_empty(), "Ukraine names Iran, which speaks: one exchange");
}

#[test]
fn an_account_of_fighting_with_another_adversary_is_another_exchange() {
    let losses = ("AF", "58 Pakistani soldiers were killed in the clashes on the border");
    let other_front = proposed_between(losses, ("PK", "our soldiers did not kill any Indian soldiers in the clashes on the border"));
    assert!(other_front.is_empty(), "Pakistan speaks of India there, not of the Taliban: {other_front:?}");
    let answer = proposed_between(losses, ("PK", "Afghan claims of soldiers killed in the clashes on the border are false"));
    assert!(!answer.is_empty(), "Pakistan answering the Taliban names Afghanistan: one exchange");
}

#[test]
fn statement_link_and_unlink_through_the_binary_print_the_statement_and_log_each_claim() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    run_json(&db, &["config", "set", "analyst", "Ana"]);
    // Two outlets' wordings of one account, too unlike for detection to join them.
    let (s1, _) = note(&db, dir.path(), "one.txt", &["Units took three villages."]);
    let (s2, _) = note(&db, dir.path(), "two.txt", &["The army now holds the heights."]);
    let a = add_claim(&db, &s1, 0, "Units took three villages", "Baku");
    let b = add_claim(&db, &s2, 0, "The army now holds the heights", "Baku");
    let shown = |args: &[&str]| {
        let v = run_json(&db, args);
        let s = &v["statements"][0];
        (s["id"].as_i64(), s["claims"].clone(), s["sources"].as_i64())
    };
    let (id_a, id_b) = (a.to_string(), b.to_string());
    assert_eq!(shown(&["statement", "show", &id_b]), (Some(b), serde_json::json!([b]), Some(1)), "alone before the link");
    assert_eq!(
        shown(&["statement", "link", &id_b, &id_a, "--note", "one dispatch"]),
        (Some(a), serde_json::json!([a, b]), Some(2)),
        "b joins a's statement: carried by two sources"
    );
    let again = run(&db, &["statement", "link", &id_b, &id_a]);
    assert_eq!(again.status.code(), Some(2), "already one statement: bad input");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already carry one statement"), "and says so");
    let history = run_json(&db, &["history", &id_a]);
    let entry = history["history"].as_array().and_then(|h| h.iter().find(|e| e["change"] == "statement")).cloned().expect("a statement entry");
    assert_eq!((entry["analyst"].as_str(), entry["note"].as_str(), entry["old"].is_null()), (Some("Ana"), Some("one dispatch"), true), "who, why, from alone");
    let new: Value = serde_json::from_str(entry["new"].as_str().expect("new group")).expect("JSON");
    assert_eq!(new, serde_json::json!({ "statement": a, "claims": [a, b] }), "the group after");
    assert_eq!(shown(&["statement", "unlink", &id_b]), (Some(b), serde_json::json!([b]), Some(1)), "b stands alone again");
    assert_eq!(run(&db, &["statement", "unlink", &id_b]).status.code(), Some(2), "nothing left to unlink");
}

#[test]
fn history_of_a_conflict_lists_its_building_by_hand_and_each_claim_added_under_the_analysts_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    run_json(&db, &["config", "set", "analyst", "Ana"]);
    let said = ["Units took three villages.", "No village was lost.", "The heights are still ours."];
    let (source, starts) = note(&db, dir.path(), "accounts.txt", &said);
    let speakers = ["Baku", "Yerevan", "Yerevan"];
    let ids: Vec<i64> = (0..3).map(|i| add_claim(&db, &source, starts[i], said[i].trim_end_matches('.'), speakers[i])).collect();
    let (a, b, c) = (ids[0], ids[1], ids[2]);
    let built = run_json(&db, &["conflict", "new", &a.to_string(), &b.to_string(), "--explanation", "one night, two accounts"]);
    let id = built["conflicts"][0]["id"].as_i64().expect("conflict id").to_string();
    run_json(&db, &["conflict", "add", &id, &c.to_string()]);
    run_json(&db, &["conflict", "add", &id, &c.to_string()]);

    let history = run_json(&db, &["history", "--conflict", &id]);
    let entries: Vec<(Value, Value, Value, Value, Value)> = history["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|h| (h["change"].clone(), h["claim_id"].clone(), h["old"].clone(), h["new"].clone(), h["analyst"].clone()))
        .collect();
    let j = |v: Value| Value::String(v.to_string());
    assert_eq!(
        entries,
        vec![
            ("conflict_claims".into(), Value::Null, Value::Null, j(serde_json::json!({ "claims": [a, b], "explanation": "one night, two accounts" })), "Ana".into()),
            ("conflict_claims".into(), Value::Null, j(serde_json::json!({ "claims": [a, b] })), j(serde_json::json!({ "claims": [a, b, c] })), "Ana".into()),
        ],
        "the building and the one claim added, each under the analyst's name (adding it again changed nothing)"
    );
    let out = run(&db, &["history", "--conflict", &id]);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "two entries:\n{text}");
    assert!(lines[0].contains("Ana") && lines[0].ends_with(&format!("conflict created by hand with claims {a}, {b}, explanation «one night, two accounts»")), "{text}");
    assert!(lines[1].contains("Ana") && lines[1].ends_with(&format!("claim {c} added to the conflict: claims {a}, {b} → {a}, {b}, {c}")), "{text}");
}
