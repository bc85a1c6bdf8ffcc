//! The claims worktable: bulk actions on a selection of claims (verdict, party, review), each
//! one transaction with a history entry per changed claim; the speaker filter; the ids of a range
//! of rows; and the export of exactly the claims a filter picks.

use crosscheck::model::{Change, ReviewState, Target};
use crosscheck::report::{ClaimSelection, Format, Kind, ReportConfig, Scope};
use crosscheck::store::{ClaimFilter, ClaimOrder, ClaimSort, DateSpan};
use crosscheck::{Error, Workbench};

use crate::support::three_speakers as workspace;

fn entries(wb: &Workbench, id: i64, change: Change) -> Vec<(Option<String>, Option<String>)> {
    wb.history(Some(Target::Claim(id))).unwrap().into_iter().filter(|h| h.change == change).map(|h| (h.old, h.new)).collect()
}

#[test]
fn a_bulk_verdict_logs_one_entry_per_changed_claim() {
    let (mut wb, az, am, nobody) = workspace();
    wb.set_verdict(am, "false", "").unwrap();
    assert_eq!(wb.set_verdicts(&[az, am, nobody, az], "False", "same wire copy").unwrap(), 2, "AM already had it; az named twice counts once");
    for id in [az, nobody] {
        assert_eq!(wb.verification(id).unwrap().verdict, "false", "the label found the key");
        assert_eq!(entries(&wb, id, Change::Verdict), [(Some("unverified".into()), Some("false".into()))], "one entry for claim {id}");
    }
    assert_eq!(entries(&wb, am, Change::Verdict).len(), 1, "no entry for the claim that did not change");
    assert_eq!(wb.history(Some(Target::Claim(az))).unwrap()[0].note, "same wire copy");
}

#[test]
fn a_bulk_verdict_is_all_or_none() {
    let (mut wb, az, am, _) = workspace();
    let before = wb.history(None).unwrap().len();
    let err = wb.set_verdicts(&[az, 999_999, am], "true", "").unwrap_err();
    assert!(matches!(err, Error::NotFound { kind: "claim", .. }), "the unknown claim is named: {err}");
    assert_eq!(wb.verification(az).unwrap().verdict, "unverified", "the claim before the unknown one kept its verdict");
    assert_eq!(wb.history(None).unwrap().len(), before, "nothing was logged");
    assert!(wb.set_verdicts(&[az], "no such verdict", "").is_err(), "a verdict off the taxonomy is refused");
    assert!(matches!(wb.set_verdicts(&[], "true", ""), Err(Error::BadInput { .. })), "no claim named");
}

#[test]
fn a_bulk_verdict_needs_the_analysts_name() {
    let mut wb = Workbench::in_memory().unwrap();
    assert!(matches!(wb.set_verdicts(&[1], "true", ""), Err(Error::BadInput { .. })));
}

#[test]
fn a_bulk_party_corrects_each_claim_and_empties_the_queue_of_them() {
    let (mut wb, az, am, nobody) = workspace();
    let queued = |wb: &Workbench| wb.queue_len().unwrap();
    assert_eq!(queued(&wb), 3);
    assert_eq!(wb.set_party(&[nobody, am], "Arménie", "residents speak for Armenia here").unwrap(), 1, "AM already was AM");
    let c = wb.claim(nobody).unwrap();
    assert_eq!((c.speaker.party.as_deref(), c.speaker.countries.as_slice()), (Some("AM"), ["AM".to_string()].as_slice()), "the alias found the key; the state follows");
    assert_eq!(c.review, ReviewState::Edited, "a correction is the analyst's review");
    assert_eq!(
        entries(&wb, nobody, Change::ClaimEdit),
        [(Some(r#"{"party":null,"review":"to_review"}"#.into()), Some(r#"{"party":"AM","review":"edited"}"#.into()))],
        "one entry, shaped as a single correction's"
    );
    assert!(entries(&wb, am, Change::ClaimEdit).is_empty(), "no entry for the claim that did not change");
    assert_eq!(queued(&wb), 2, "the claim with a party now left the queue");
    assert_eq!(wb.set_review(&[az, am, nobody], ReviewState::Reviewed, "").unwrap(), 3, "the three are accepted in one call");
    assert_eq!(queued(&wb), 0);
}

#[test]
fn a_bulk_party_is_all_or_none() {
    let (mut wb, az, _, nobody) = workspace();
    let before = wb.history(None).unwrap().len();
    assert!(matches!(wb.set_party(&[nobody, 999_999], "AM", ""), Err(Error::NotFound { kind: "claim", .. })));
    assert_eq!(wb.claim(nobody).unwrap().speaker.party, None, "the claim before the unknown one kept no party");
    assert!(matches!(wb.set_party(&[az], "Atlantis", ""), Err(Error::NotFound { .. })), "an unknown party is named");
    assert!(matches!(wb.set_party(&[az], "  ", ""), Err(Error::BadInput { .. })), "clearing is not a bulk action");
    assert!(matches!(wb.set_party(&[], "AM", ""), Err(Error::BadInput { .. })), "no claim named");
    assert_eq!(wb.history(None).unwrap().len(), before, "nothing was logged");
}

#[test]
fn exporting_a_filter_writes_exactly_the_claims_it_picks() {
    let (mut wb, az, am, nobody) = workspace();
    wb.set_verdicts(&[az, nobody], "false", "").unwrap();
    wb.tag_claims("villages", &[az, am], "").unwrap();
    let export = |filter: ClaimFilter, format| {
        let config = ReportConfig { scope: Scope::Claims(ClaimSelection { filter, dates: DateSpan::default() }), kind: Kind::Audit, ..Default::default() };
        String::from_utf8(wb.export(&config, format).unwrap()).unwrap()
    };
    let picked = ClaimFilter { verdict: Some("false".into()), tag: Some("Villages".into()), ..Default::default() };
    let json: serde_json::Value = serde_json::from_str(&export(picked.clone(), Format::Json)).unwrap();
    let ids: Vec<i64> = json["claims"].as_array().unwrap().iter().map(|c| c["claim"]["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [az], "verdict false and tag villages: only the AZ claim");
    assert_eq!(json["scope"], serde_json::json!({"kind": "claims", "value": "verdict false; tag Villages"}), "the scope says which claims");
    assert!(json["title"].as_str().unwrap().ends_with("claims: verdict false; tag Villages"));

    let csv = export(ClaimFilter { verdict: Some("false".into()), ..Default::default() }, Format::Csv);
    assert_eq!(csv.lines().count(), 1 + 2, "a header and the two false claims:\n{csv}");
    let all = export(ClaimFilter::default(), Format::Csv);
    assert_eq!(all.lines().count(), 1 + 3, "no filter: every claim, unjudged ones too (an audit)");
}

#[test]
fn sending_claims_back_to_review_is_all_or_none_and_requeues_them() {
    let (mut wb, az, am, nobody) = workspace();
    wb.set_review(&[az, am], ReviewState::Reviewed, "").unwrap();
    assert_eq!(wb.queue_len().unwrap(), 1, "only the partyless claim is left");
    let before = wb.history(None).unwrap().len();
    assert!(matches!(wb.set_review(&[az, 999_999], ReviewState::ToReview, ""), Err(Error::NotFound { kind: "claim", .. })));
    assert_eq!(wb.claim(az).unwrap().review, ReviewState::Reviewed, "the claim before the unknown one stayed reviewed");
    assert_eq!(wb.history(None).unwrap().len(), before, "nothing was logged");
    assert_eq!(wb.set_review(&[az, am, nobody], ReviewState::ToReview, "read too fast").unwrap(), 2, "the partyless claim was already to review");
    assert_eq!(wb.queue_len().unwrap(), 3, "both are back in the queue");
    assert_eq!(
        entries(&wb, am, Change::ClaimEdit).last().unwrap(),
        &(Some(r#"{"review":"reviewed"}"#.into()), Some(r#"{"review":"to_review"}"#.into())),
        "the send-back is in the claim's history"
    );
}

#[test]
fn the_speaker_filter_reads_the_speakers_name_only_in_any_inflection() {
    let (wb, az, _, nobody) = workspace();
    let ids = |speaker: &str, query: Option<&str>| -> Vec<i64> {
        let filter = ClaimFilter { speaker: Some(speaker.into()), query: query.map(Into::into), ..Default::default() };
        let page = wb.claims_page(&filter, &DateSpan::default(), 0, 10).unwrap();
        let ids: Vec<i64> = page.claims.iter().map(|c| c.id).collect();
        assert_eq!(page.total, ids.len(), "the total of {speaker:?} counts what the page lists");
        ids
    };
    assert_eq!(ids("bakou", None), [az], "a name, case ignored");
    assert_eq!(ids("habitants", None), [nobody], "\"habitants\" finds \"un habitant de Stepanakert\" through its stem");
    assert_eq!(ids("villages", None), Vec::<i64>::new(), "a word of the claim's text is not in its speaker's name");
    assert_eq!(ids("Stepanakert habitant", None), [nobody], "every word is in the name");
    assert_eq!(ids("Stepanakert Bakou", None), Vec::<i64>::new(), "not one word of two");
    assert_eq!(ids("bakou", Some("villages")), [az], "with a search of the claims' words");
    assert_eq!(ids("« »", None), Vec::<i64>::new(), "no word finds nothing");
}

#[test]
fn a_range_of_ids_is_the_window_of_its_page_in_every_order() {
    let (mut wb, az, am, nobody) = workspace();
    wb.set_verdicts(&[am], "false", "").unwrap();
    for by in ClaimSort::ALL {
        for descending in [false, true] {
            for queue in [false, true] {
                let filter = ClaimFilter { order: ClaimOrder { by, descending }, queue, ..Default::default() };
                for offset in 0..4 {
                    let page: Vec<i64> = wb.claims_page(&filter, &DateSpan::default(), offset, 2).unwrap().claims.iter().map(|c| c.id).collect();
                    let ids = wb.claim_ids(&filter, &DateSpan::default(), offset, 2).unwrap();
                    assert_eq!(ids, page, "ids {offset}+2 sorted by {by:?}, descending {descending}, queue {queue}");
                }
            }
        }
    }
    let mut all = wb.claim_ids(&ClaimFilter::default(), &DateSpan::default(), 0, 100).unwrap();
    all.sort_unstable();
    let mut expected = vec![az, am, nobody];
    expected.sort_unstable();
    assert_eq!(all, expected, "a range past the end stops at the last claim");
}
