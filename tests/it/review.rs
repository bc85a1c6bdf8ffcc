//! The review of extracted claims: confidence from the extraction's facts, the review queue
//! (lowest confidence first, claims without a party always in it), accepting and correcting, in
//! the core and through the CLI.

use crosscheck::ingest::Document;
use crosscheck::model::{Change, Doubt, ReviewState, Target};
use crosscheck::store::{ClaimFilter, ClaimOrder, ClaimSort};
use crosscheck::{ClaimChanges, Workbench};

use crate::support::{cli_workspace, run, run_json};

/// A named minister, a pronoun standing for him, an unnamed resident and his quotation continued
/// without a cue.
const TEXT: &str = "Bakou affirme avoir pris le contrôle de plusieurs villages du Haut-Karabakh. Erevan nie cela.
« Les tirs ont duré toute la nuit », a déclaré un habitant de Stepanakert. « Nous n'avons plus d'eau. »
Le ministre arménien de la Défense a indiqué que trois soldats avaient été blessés. Il a ajouté que la situation restait tendue.";

fn workspace() -> Workbench {
    let mut wb = Workbench::in_memory().expect("in-memory store");
    let gaz = wb.gazetteer().expect("gazetteer");
    let doc = Document { title: "Karabakh".into(), format: "text".into(), text: TEXT.into(), ..Default::default() };
    wb.import_document(doc, None, &gaz).expect("import");
    wb.set_setting("analyst", "Ana Lyst").expect("analyst");
    wb
}

fn queue(wb: &Workbench) -> Vec<(String, f64, Vec<Doubt>)> {
    let filter = ClaimFilter { queue: true, order: ClaimOrder::QUEUE, ..Default::default() };
    wb.claims(&filter).unwrap().into_iter().map(|c| (c.text, c.confidence, c.doubts)).collect()
}

#[test]
fn the_queue_opens_on_the_least_sure_claims_with_their_reasons() {
    let wb = workspace();
    let q = queue(&wb);
    assert_eq!(q.len(), 6, "every extracted claim waits for review: {q:?}");
    let confidences: Vec<f64> = q.iter().map(|c| c.1).collect();
    assert!(confidences.windows(2).all(|w| w[0] <= w[1]), "lowest confidence first: {confidences:?}");
    let resident = q.iter().find(|c| c.0.starts_with("Les tirs")).expect("the resident's claim");
    assert_eq!(resident.2, vec![Doubt::SpeakerUnresolved, Doubt::NoParty], "an unknown resident is unresolved and partyless");
    let continued = q.iter().find(|c| c.0.starts_with("Nous n'avons")).expect("the continued quotation");
    assert!(continued.2.contains(&Doubt::NoCue), "a quotation continuing without a cue: {:?}", continued.2);
    let pronoun = q.iter().find(|c| c.0.contains("restait tendue")).expect("the pronoun's claim");
    assert_eq!(pronoun.2, vec![Doubt::SpeakerNotNamed], "« Il » stands for the minister named before");
    let baku = q.iter().find(|c| c.0.starts_with("avoir pris")).expect("Baku's claim");
    assert_eq!((baku.1, baku.2.len()), (1.0, 0), "a named state with its cue leaves no doubt");
    assert!(q[0].1 < 0.5 && q[0].2.contains(&Doubt::NoParty), "the queue starts with a partyless claim: {:?}", q[0]);
}

#[test]
fn accepting_leaves_the_queue_and_a_claim_without_party_cannot_be_accepted() {
    let mut wb = workspace();
    let all = wb.claims(&ClaimFilter::default()).unwrap();
    let baku = all.iter().find(|c| c.speaker.party.as_deref() == Some("AZ")).expect("Baku").id;
    let resident = all.iter().find(|c| c.text.starts_with("Les tirs")).expect("resident").id;

    assert_eq!(wb.accept_claim(baku, "").unwrap(), 1);
    assert_eq!(wb.claim(baku).unwrap().review, ReviewState::Reviewed);
    assert_eq!(queue(&wb).len(), 5, "the accepted claim left the queue");
    assert_eq!(wb.accept_claim(baku, "").unwrap(), 0, "accepting twice changes nothing and logs nothing");

    let err = wb.set_review(&[baku, resident], ReviewState::Reviewed, "").expect_err("the resident has no party");
    assert!(err.to_string().contains("no party"), "the error says why: {err}");
    let h = wb.store().history(Target::Claim(baku)).unwrap();
    assert_eq!(h.len(), 1, "a refused batch writes nothing, not even for the claims it could accept: {h:?}");
    assert_eq!(
        (h[0].change, h[0].old.as_deref(), h[0].new.as_deref(), h[0].analyst.as_str()),
        (Change::ClaimEdit, Some(r#"{"review":"to_review"}"#), Some(r#"{"review":"reviewed"}"#), "Ana Lyst"),
        "accepting is logged as a change of the review field"
    );
    assert!(wb.set_review(&[baku], ReviewState::Edited, "").is_err(), "edited comes from a correction only");
}

#[test]
fn a_claim_without_party_stays_queued_even_after_a_correction_until_it_has_one() {
    let mut wb = workspace();
    let resident = wb.claims(&ClaimFilter::default()).unwrap().into_iter().find(|c| c.text.starts_with("Les tirs")).unwrap().id;
    wb.edit_claim(resident, ClaimChanges { speaker: Some("un habitant".into()), ..Default::default() }, "").unwrap();
    let c = wb.claim(resident).unwrap();
    assert_eq!(c.review, ReviewState::Edited, "a correction is a review");
    assert!(queue(&wb).iter().any(|q| q.0 == c.text), "still without a party: still in the queue");
    wb.edit_claim(resident, ClaimChanges { party: Some("AM".into()), ..Default::default() }, "").unwrap();
    assert!(!queue(&wb).iter().any(|q| q.0 == c.text), "with a party, the edited claim leaves the queue");
}

#[test]
fn span_and_responds_to_are_corrected_in_place_and_logged() {
    let mut wb = workspace();
    let all = wb.claims(&ClaimFilter::default()).unwrap();
    let baku = all.iter().find(|c| c.speaker.party.as_deref() == Some("AZ")).unwrap().clone();
    let minister = all.iter().find(|c| c.text.starts_with("trois soldats")).unwrap().id;
    let start = baku.anchor.start;
    let changes = ClaimChanges { span: Some((start, start + 44)), responds_to: Some(Some(minister)), ..Default::default() };
    let c = wb.edit_claim(baku.id, changes, "shorter").unwrap();
    assert_eq!(c.text, "avoir pris le contrôle de plusieurs villages", "the text follows the new span");
    assert_eq!((c.anchor.start, c.anchor.end, c.responds_to), (start, start + 44, Some(minister)));
    assert!(wb.edit_claim(baku.id, ClaimChanges { responds_to: Some(Some(baku.id)), ..Default::default() }, "").is_err(), "not itself");
    assert!(wb.edit_claim(baku.id, ClaimChanges { span: Some((5, 5)), ..Default::default() }, "").is_err(), "an empty span");
    let h = wb.store().history(Target::Claim(baku.id)).unwrap();
    let new: serde_json::Value = serde_json::from_str(h[0].new.as_deref().unwrap()).unwrap();
    assert_eq!(new["span"], serde_json::json!([start, start + 44]));
    assert_eq!(new["review"], "edited", "the same entry records the review");
}

#[test]
fn claims_sort_on_any_column_and_reverse() {
    let wb = workspace();
    let sorted = |by, descending| -> Vec<String> {
        let filter = ClaimFilter { order: ClaimOrder { by, descending }, ..Default::default() };
        wb.claims(&filter).unwrap().into_iter().map(|c| c.speaker.name).collect()
    };
    let up = sorted(ClaimSort::Speaker, false);
    let mut expected = up.clone();
    expected.sort_by_key(|s| s.to_lowercase());
    assert_eq!(up, expected, "speakers in alphabetical order, case ignored");
    let mut down = sorted(ClaimSort::Speaker, true);
    down.reverse();
    assert_eq!(
        down.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>(),
        up.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>(),
        "descending is the reverse order of the key"
    );
}

#[test]
fn cli_lists_the_queue_and_accepts_claims() {
    let (_dir, db) = cli_workspace(TEXT);
    let q = run_json(&db, &["claims", "--queue"]);
    let claims = q["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 6);
    assert_eq!(claims[0]["review"], "to_review");
    assert!(claims[0]["confidence"].as_f64().unwrap() <= claims[5]["confidence"].as_f64().unwrap(), "lowest first");
    assert!(claims[0]["doubts"].as_array().unwrap().iter().any(|d| d == "no_party"));
    let sure = claims.iter().find(|c| c["speaker"]["party"] == "AZ").unwrap()["id"].as_i64().unwrap().to_string();
    let out = run_json(&db, &["review", &sure]);
    assert_eq!(out["claims"][0]["review"], "reviewed");
    assert_eq!(run_json(&db, &["claims", "--queue"])["claims"].as_array().unwrap().len(), 5);
    assert_eq!(run_json(&db, &["claims", "--review", "reviewed"])["claims"].as_array().unwrap().len(), 1);
    let unsure = claims[0]["id"].as_i64().unwrap().to_string();
    let refused = run(&db, &["review", &unsure]);
    assert_eq!(refused.status.code(), Some(2), "accepting a partyless claim is bad input");
}

#[test]
fn the_party_picker_finds_by_name_or_alias_and_creates_a_party() {
    let mut wb = workspace();
    let keys = |wb: &Workbench, q: &str| wb.search_parties(q, 5).unwrap().into_iter().map(|p| p.key).collect::<Vec<_>>();
    assert_eq!(keys(&wb, "AZ").first().map(String::as_str), Some("AZ"), "the key itself first");
    assert!(keys(&wb, "erevan").contains(&"AM".to_string()), "a French alias, accents and case ignored: {:?}", keys(&wb, "erevan"));
    assert!(keys(&wb, "armen").contains(&"AM".to_string()), "a prefix of a name: {:?}", keys(&wb, "armen"));
    assert!(keys(&wb, "zzzz-nothing").is_empty());
    let p = wb.create_party("Résidents de Stepanakert", crosscheck::model::PartyKind::Person, Some("am")).unwrap();
    assert_eq!((p.key.as_str(), p.country.as_deref()), ("residents-de-stepanakert", Some("AM")), "a key from the name");
    let again = wb.create_party("Résidents de Stepanakert", crosscheck::model::PartyKind::Person, None).unwrap();
    assert_eq!(again.key, "residents-de-stepanakert-2", "a taken key gets a number");
    assert_eq!(keys(&wb, "stepanak").len(), 2, "the new parties are found at once");
    assert!(wb.create_party("  ", crosscheck::model::PartyKind::Person, None).is_err());
}
