//! Coding by issue: tags on claims (many at once, one transaction), untagging, the claim filter
//! by tag, the history of tag changes, and the party × tag matrix with verdicts, in the core and
//! through the CLI.

use crosscheck::model::{Change, Target};
use crosscheck::store::ClaimFilter;
use crosscheck::{Error, Workbench};

use crate::support::{cli_workspace, run, run_json, three_speakers as workspace, THREE_SPEAKERS};

fn tagged(wb: &Workbench, tag: &str) -> Vec<i64> {
    wb.claims(&ClaimFilter { tag: Some(tag.into()), ..Default::default() }).unwrap().iter().map(|c| c.id).collect()
}

#[test]
fn tagging_many_claims_is_one_transaction() {
    let (mut wb, az, am, _) = workspace();
    assert_eq!(wb.tag_claims("  villages  taken ", &[az, am], "").unwrap(), 2);
    assert_eq!(wb.claim_tags(az).unwrap(), ["villages taken"], "the tag is trimmed, inner spaces made one");
    assert_eq!(wb.tag_claims("Villages taken", &[az, am], "").unwrap(), 0, "case is ignored: both already carry it");

    let before = wb.history(None).unwrap().len();
    let err = wb.tag_claims("drone supplies", &[az, 999_999, am], "").unwrap_err();
    assert!(matches!(err, Error::NotFound { kind: "claim", .. }), "an unknown claim is named: {err}");
    assert!(wb.claim_tags(az).unwrap().iter().all(|t| t != "drone supplies"), "the claim before the unknown one was not tagged");
    assert_eq!(wb.history(None).unwrap().len(), before, "nothing was logged");

    for blank in ["", "   ", "\t"] {
        assert!(matches!(wb.tag_claims(blank, &[az], ""), Err(Error::BadInput { .. })), "{blank:?} is refused");
    }
    assert!(matches!(wb.tag_claims("x", &[], ""), Err(Error::BadInput { .. })), "no claim named");
    assert_eq!(wb.tags().unwrap().iter().map(|t| (t.tag.as_str(), t.claims)).collect::<Vec<_>>(), [("villages taken", 2)]);
}

#[test]
fn case_is_ignored_in_every_script_and_the_first_spelling_is_kept() {
    let (mut wb, az, am, _) = workspace();
    wb.tag_claims("Énergie", &[az], "").unwrap();
    wb.tag_claims("énergie", &[am], "").unwrap();
    wb.tag_claims("ПОСТАВКИ", &[az], "").unwrap();
    assert_eq!(wb.tag_claims("поставки", &[az], "").unwrap(), 0, "Cyrillic case folds too");
    let tags: Vec<(String, usize)> = wb.tags().unwrap().into_iter().map(|t| (t.tag, t.claims)).collect();
    assert_eq!(tags, [("Énergie".to_string(), 2), ("ПОСТАВКИ".to_string(), 1)]);
    assert_eq!(tagged(&wb, "ÉNERGIE"), [az, am], "the filter ignores case as well");
    assert_eq!(wb.tag_matrix().unwrap().tags, ["Énergie", "ПОСТАВКИ"], "one column per tag, in the order of the list");
}

#[test]
fn untagging_removes_the_tag_and_an_unknown_tag_is_an_error() {
    let (mut wb, az, am, _) = workspace();
    wb.tag_claims("drone supplies", &[az, am], "").unwrap();
    assert_eq!(wb.untag_claims("DRONE SUPPLIES", &[am], "wrong question").unwrap(), 1);
    assert_eq!(tagged(&wb, "drone supplies"), [az]);
    assert!(wb.claim_tags(am).unwrap().is_empty());
    assert_eq!(wb.untag_claims("drone supplies", &[am], "").unwrap(), 0, "untagging an untagged claim changes nothing");
    assert!(matches!(wb.untag_claims("drones", &[az], ""), Err(Error::NotFound { kind: "tag", .. })), "a typo is not read as done");
    wb.untag_claims("drone supplies", &[az], "").unwrap();
    assert!(wb.tags().unwrap().is_empty(), "a tag no claim carries is no longer listed");
    assert!(matches!(wb.claims(&ClaimFilter { tag: Some("drone supplies".into()), ..Default::default() }), Err(Error::NotFound { .. })));
}

#[test]
fn the_matrix_puts_a_claim_under_its_party_and_each_of_its_tags() {
    let (mut wb, az, am, nobody) = workspace();
    wb.tag_claims("villages", &[az, am, nobody], "").unwrap();
    wb.tag_claims("Jermuk", &[az], "").unwrap();
    wb.set_verdict(az, "false", "").unwrap();
    let m = wb.tag_matrix().unwrap();
    assert_eq!(m.tags, ["Jermuk", "villages"], "columns alphabetically, case ignored");
    let rows: Vec<Option<&str>> = m.parties.iter().map(|p| p.key.as_deref()).collect();
    assert_eq!(rows.last(), Some(&None), "the unknown party is the last row: {rows:?}");
    assert!(rows.contains(&Some("AZ")) && rows.contains(&Some("AM")));
    let cell = |party: Option<&str>, tag: &str| m.cells.iter().find(|c| c.party.as_deref() == party && c.tag == tag);
    let az_cells: Vec<&str> = m.cells.iter().filter(|c| c.claims.iter().any(|x| x.id == az)).map(|c| c.tag.as_str()).collect();
    assert_eq!(az_cells, ["Jermuk", "villages"], "Baku's claim is in both of its tags' columns, on its own row only");
    let az_villages = cell(Some("AZ"), "villages").expect("AZ × villages");
    assert_eq!((az_villages.claims[0].verdict.as_str(), az_villages.verdicts[0].verdict.as_str(), az_villages.verdicts[0].claims), ("false", "false", 1));
    assert_eq!(cell(Some("AM"), "villages").unwrap().verdicts[0].verdict, "unverified", "a claim never judged is unverified");
    assert!(cell(Some("AM"), "Jermuk").is_none(), "empty cells are left out");
    assert_eq!(cell(None, "villages").unwrap().claims.iter().map(|c| c.id).collect::<Vec<_>>(), [nobody]);
}

#[test]
fn history_says_which_tags_a_claim_gained_and_lost() {
    let (mut wb, az, _, _) = workspace();
    wb.tag_claims("drone supplies", &[az], "").unwrap();
    wb.tag_claims("Jermuk", &[az], "second question").unwrap();
    wb.untag_claims("drone supplies", &[az], "").unwrap();
    let h: Vec<_> = wb.history(Some(Target::Claim(az))).unwrap().into_iter().filter(|e| e.change == Change::ClaimEdit).collect();
    let said: Vec<String> = h.iter().map(|e| e.sentence(&|k| k.to_string())).collect();
    assert_eq!(
        said,
        ["tags: none → drone supplies", "tags: drone supplies → drone supplies, Jermuk", "tags: drone supplies, Jermuk → Jermuk"]
    );
    assert_eq!((h[1].note.as_str(), h[1].analyst.as_str()), ("second question", "Ana Lyst"));
}

#[test]
fn cli_tags_claims_lists_tags_and_prints_the_matrix() {
    let (_dir, db) = cli_workspace(THREE_SPEAKERS);
    let claims = run_json(&db, &["claims"]);
    let ids: Vec<String> = claims["claims"].as_array().unwrap().iter().map(|c| c["id"].to_string()).collect();
    let mut args = vec!["tag", "add", "drone supplies"];
    args.extend(ids.iter().map(String::as_str));
    let out = run_json(&db, &args);
    assert_eq!(out["changed"], ids.len());
    assert_eq!(out["claim_tags"][0]["tags"][0], "drone supplies");
    assert_eq!(out["claim_tags"][0]["id"].to_string(), ids[0]);

    let tags = run_json(&db, &["tags"]);
    assert_eq!(tags["tags"][0]["id"], "drone supplies");
    assert_eq!(tags["tags"][0]["claims"], ids.len());
    assert_eq!(run_json(&db, &["claims", "--tag", "Drone Supplies"])["claims"].as_array().unwrap().len(), ids.len());

    let m = run_json(&db, &["matrix"]);
    let cells = m["cells"].as_array().unwrap();
    let in_cells: usize = cells.iter().map(|c| c["count"].as_u64().unwrap() as usize).sum();
    assert_eq!(in_cells, ids.len(), "one tag: every claim in exactly one cell");
    assert!(cells.iter().any(|c| c["id"] == "AZ|drone supplies" && c["verdicts"][0]["verdict"] == "unverified"));
    assert_eq!(m["tags"][0]["id"], "drone supplies");

    let out = run_json(&db, &["tag", "remove", "drone supplies", &ids[0]]);
    assert_eq!((out["changed"].as_u64(), out["claim_tags"][0]["tags"].as_array().map(Vec::len)), (Some(1), Some(0)));
    assert_eq!(run(&db, &["tag", "add", " ", &ids[0]]).status.code(), Some(2), "a blank tag is bad input");
    assert_eq!(run(&db, &["tag", "add", "x", "424242"]).status.code(), Some(2), "an unknown claim is bad input");
    assert_eq!(run(&db, &["claims", "--tag", "nope"]).status.code(), Some(2), "an unknown tag is bad input");
}
