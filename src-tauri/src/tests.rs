//! The shell's own guarantees: the committed TypeScript bindings match the DTOs, errors cross
//! with stable codes, and each command's conversion does what the UI relies on.

use std::path::Path;

use crosscheck::model::{Speaker, Stance};
use crosscheck::Workbench;

use crate::api;
use crate::dto::*;

const BINDINGS: &str = "../ui/src/lib/bindings/index.ts";

#[test]
fn committed_typescript_bindings_match_the_rust_dtos() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS);
    let generated = bindings();
    if std::env::var_os("BLESS_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().expect("bindings folder")).expect("create bindings folder");
        std::fs::write(&path, &generated).expect("write bindings");
    }
    // Regenerate into a temp dir first, as a reviewer would, then compare the files.
    let dir = tempfile::tempdir().expect("temp dir");
    let fresh = dir.path().join("index.ts");
    std::fs::write(&fresh, &generated).expect("write fresh bindings");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let fresh = std::fs::read_to_string(&fresh).expect("read fresh bindings");
    assert!(
        committed == fresh,
        "{BINDINGS} is out of date with src-tauri/src/dto/ and the core enums it sends; run `BLESS_BINDINGS=1 cargo test -p crosscheck-desktop` and commit it"
    );
}

/// The names of the types declared `pub struct` or `pub enum` in the Rust files under `dir`.
fn declared_types(dir: &Path, out: &mut std::collections::BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            declared_types(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("readable source");
            for rest in text.lines().filter_map(|l| l.trim_start().strip_prefix("pub struct ").or_else(|| l.trim_start().strip_prefix("pub enum "))) {
                out.insert(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
            }
        }
    }
}

#[test]
fn no_dto_shares_its_name_with_a_core_type() {
    // The page's TypeScript namespace is flat: a DTO named like a core type (ConflictStatus,
    // HistoryEntry were both) reads as the core's type in every view that imports it.
    let mut core = std::collections::BTreeSet::new();
    declared_types(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../src"), &mut core);
    let mut dtos = std::collections::BTreeSet::new();
    declared_types(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/dto"), &mut dtos);
    let shared: Vec<&String> = dtos.intersection(&core).collect();
    assert!(shared.is_empty(), "DTOs named like core types: {shared:?}");
}

fn check_code(e: crosscheck::Error, code: ErrorCode) {
    assert_eq!(IpcError::from(e).code, code, "error code the UI branches on");
}

#[test]
fn core_errors_cross_with_stable_codes() {
    check_code(crosscheck::Error::not_found("claim", 3), ErrorCode::NotFound);
    check_code(crosscheck::Error::bad_input("span", "empty"), ErrorCode::BadInput);
    check_code(crosscheck::Error::Locked { path: "x".into() }, ErrorCode::Locked);
    check_code(crosscheck::Error::ReadOnly { path: "x".into() }, ErrorCode::ReadOnly);
    check_code(crosscheck::Error::NotAStore { path: "x".into() }, ErrorCode::NotAStore);
    check_code(crosscheck::Error::StoreTooNew { path: "x".into(), found: 99, known: 1 }, ErrorCode::NotAStore);
    check_code(crosscheck::Error::Io { path: "x".into(), source: std::io::ErrorKind::PermissionDenied.into() }, ErrorCode::Io);
    check_code(crosscheck::Error::Fetch { url: "https://example.org/".into(), why: "timed out".into() }, ErrorCode::Fetch);
    check_code(crosscheck::Error::Typeset { why: "x".into() }, ErrorCode::Internal);
    check_code(crosscheck::Error::BundledData { name: "x", why: "y".into() }, ErrorCode::Internal);
}

#[test]
fn error_codes_cross_as_the_snake_case_names_the_page_switches_on() {
    let e = IpcError::from(crosscheck::Error::Fetch { url: "https://example.org/".into(), why: "timed out".into() });
    let json = serde_json::to_value(&e).expect("serializable");
    assert_eq!(json, serde_json::json!({ "code": "fetch", "message": "https://example.org/: timed out" }), "a fetch failure is not `internal`");
    let back: IpcError = serde_json::from_value(serde_json::json!({ "code": "not_a_store", "message": "m" })).expect("the page's own codes parse");
    assert_eq!(back.code, ErrorCode::NotAStore, "codes round-trip");
}

fn demo() -> Workbench {
    let mut wb = Workbench::in_memory().expect("store");
    assert!(api::load_demo_if_empty(&mut wb).expect("demo"), "an empty store gets the sample workspace");
    assert!(!api::load_demo_if_empty(&mut wb).expect("demo"), "a store with sources is left alone");
    wb
}

#[test]
fn a_hand_marked_claim_is_highlighted_in_its_source_with_char_offsets() {
    let mut wb = demo();
    let source = api::sources_page(&wb, 0, 1000).expect("sources").sources[0].clone();
    let text = api::source_text(&wb, source.id).expect("text").text;
    // Offsets count chars: pick a span after accented letters, as a selection in the page would.
    let start = text.find("Bakou").map(|b| text[..b].chars().count()).expect("the sample names Bakou") as u32;
    let input = NewClaimInput { source_id: source.id, start, end: start + 5, speaker: "Bakou".into(), party: None, cue: "a dit".into(), stance: Stance::Assert };
    let c = api::add_claim(&mut wb, input).expect("claim");
    assert_eq!((c.exact.as_str(), c.speaker.party.as_deref()), ("Bakou", Some("AZ")), "span and resolved party");
    let hl = api::source_text(&wb, source.id).expect("text").highlights;
    assert!(hl.iter().any(|h| h.claim_id == c.id && h.start == start && h.end == start + 5), "the new claim is highlighted");
}

#[test]
fn claim_pages_filter_by_party_stance_attribution_and_reject_bad_dates() {
    let mut wb = demo();
    let sid = api::sources_page(&wb, 0, 1000).expect("sources").sources[0].id;
    let q = ClaimQuery { party: Some("AM".into()), stance: Some(Stance::Deny), ..Default::default() };
    let before = api::claims_page(&wb, &q, 0, 1).expect("page").total;
    for k in 0..5usize {
        let sp = Speaker { name: "Erevan".into(), ..Default::default() };
        wb.add_claim(sid, k * 10, k * 10 + 5, sp, "a dit", Stance::Deny).expect("claim");
    }
    let page = api::claims_page(&wb, &q, 2, 2).expect("page");
    assert_eq!((page.total, page.offset, page.rows.len()), (before + 5, 2, 2), "total, offset and window");
    let bad = ClaimQuery { date_from: Some("yesterday".into()), ..Default::default() };
    assert_eq!(api::claims_page(&wb, &bad, 0, 10).expect_err("bad date").code, ErrorCode::BadInput, "a bad date is the user's error");
    let confirmed = ClaimQuery { attribution: Some(Attribution::Confirmed), ..Default::default() };
    assert_eq!(api::claims_page(&wb, &confirmed, 0, 10).expect("page").total, 0, "nothing confirmed yet");
    let first = api::claims_page(&wb, &q, 0, 1).expect("page").rows[0].id;
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    wb.set_attribution(first, crosscheck::model::Attribution::Confirmed, "").expect("attribution");
    let page = api::claims_page(&wb, &confirmed, 0, 10).expect("page");
    assert_eq!(page.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![first], "the confirmed claim alone");
}

#[test]
fn the_sample_conflict_has_a_diff_whose_runs_rejoin_into_each_claim() {
    let mut wb = demo();
    let list = api::conflicts_window(&wb, 0, 200, None).expect("conflicts");
    let first = list.first().expect("the sample workspace holds a conflict");
    let diff = api::conflict_diff(&wb, first.id).expect("diff");
    assert!(diff.columns.len() >= 2, "a column per side");
    for cell in diff.columns.iter().flat_map(|c| c.claims.iter().flatten()) {
        let joined: String = cell.segments.iter().map(|s| s.text.as_str()).collect();
        let claim = api::claim(&wb, cell.claim_id).expect("claim");
        assert_eq!(joined, claim.text, "runs cover the claim text exactly, in order");
    }
    for (i, chip) in diff.facts.iter().enumerate() {
        let pointed = diff.columns.iter().flat_map(|c| c.claims.iter().flatten()).flat_map(|c| &c.segments).any(|s| s.fact == Some(i as u32));
        assert!(pointed, "fact chip {i} ({}) points at a span", chip.label);
    }
    assert_eq!(first.status, "proposed", "what the tool found awaits the analyst");
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    assert_eq!(api::set_conflict_status(&mut wb, first.id, ConflictReview::Rejected, " ").expect_err("no reason").code, ErrorCode::BadInput, "a rejection says why");
    let confirmed = api::set_conflict_status(&mut wb, first.id, ConflictReview::Confirmed, "read both").expect("confirm");
    assert_eq!((confirmed.status.as_str(), confirmed.state.as_str()), ("confirmed", "Confirmed, open"), "status follows the analyst");
    assert_eq!(api::set_conflict_status(&mut wb, first.id, ConflictReview::Proposed, "").expect_err("back").code, ErrorCode::BadInput, "not settable");
}

#[test]
fn the_conflicts_list_comes_a_window_at_a_time_and_of_the_status_asked_for() {
    let mut wb = demo();
    let open = api::conflicts_window(&wb, 0, 200, None).expect("conflicts");
    assert!(!open.is_empty(), "the sample workspace holds a conflict");
    let first = open[0].id;
    assert_eq!(api::conflicts_window(&wb, 0, 1, None).expect("window").len(), 1, "a window of one");
    assert!(api::conflicts_window(&wb, open.len() as u32, 200, None).expect("past the end").is_empty(), "nothing past the end");
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    api::set_conflict_status(&mut wb, first, ConflictReview::Rejected, "two different nights").expect("reject");
    let ids = |s: Option<ConflictReview>| api::conflicts_window(&wb, 0, 200, s).expect("window").into_iter().map(|c| c.id).collect::<Vec<_>>();
    assert!(!ids(None).contains(&first), "the list opens on the conflicts not rejected");
    assert_eq!(ids(Some(ConflictReview::Rejected)), vec![first], "the rejected ones when asked for");
    assert!(ids(Some(ConflictReview::Proposed)).iter().all(|id| open.iter().any(|c| c.id == *id && c.status == "proposed")), "proposed ones only");
}

/// The Reports view's options for the whole workspace, in English, with the default title and analyst.
fn report_options(kind: ReportKind) -> ReportOptions {
    ReportOptions { scope: ReportScope::All, kind, language: "en".into(), title: None, analyst: None }
}

#[test]
fn an_html_report_of_the_sample_is_written_where_asked() {
    let wb = demo();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.html");
    let r = api::export_report(&wb, report_options(ReportKind::Audit), ReportFormat::Html, &path).expect("report");
    let written = std::fs::read_to_string(&path).expect("the file exists");
    assert_eq!(r.bytes as usize, written.len(), "size reported is the size written");
    assert!(written.contains("<html"), "an HTML page");
    let missing = dir.path().join("no/such/folder/r.html");
    let err = api::export_report(&wb, report_options(ReportKind::Audit), ReportFormat::Html, &missing).expect_err("no folder");
    assert_eq!(err.code, ErrorCode::Io, "unwritable path");
}

#[test]
fn report_options_reach_the_core_and_the_preview_matches_the_saved_pdf() {
    let wb = demo();
    // The sample has no verdicts yet: the publication report holds no claims, the audit all.
    assert_eq!(api::preview_report(&wb, report_options(ReportKind::Publication)).expect("preview").claims, 0, "nothing decided, nothing published");
    let options = ReportOptions {
        kind: ReportKind::Audit,
        language: "fr".into(),
        title: Some("Tovuz, juillet 2020".into()),
        analyst: Some("Bea".into()),
        ..report_options(ReportKind::Audit)
    };
    let preview = api::preview_report(&wb, options.clone()).expect("preview");
    assert!(preview.claims > 0 && preview.sources > 0, "the audit lists the sample's claims: {preview:?}");
    assert_eq!(preview.title, "Tovuz, juillet 2020", "the title chosen");
    assert!(preview.meta.contains("Rapport d'audit") && preview.meta.contains("analyste : Bea"), "kind and analyst, in French: {}", preview.meta);
    let blank = ReportOptions { title: Some("  ".into()), analyst: Some(" ".into()), ..options.clone() };
    assert_ne!(api::preview_report(&wb, blank).expect("preview").title.trim(), "", "a blank title is the default one");

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.pdf");
    let r = api::export_report(&wb, options, ReportFormat::Pdf, &path).expect("PDF report");
    let written = std::fs::read(&path).expect("the file exists");
    assert_eq!(r.bytes as usize, written.len(), "size reported is the size written");
    assert!(written.starts_with(b"%PDF-"), "a PDF file");
}

#[test]
fn a_verdict_needs_the_analysts_name_then_is_recorded_with_history() {
    let mut wb = demo();
    let id = api::claims_page(&wb, &ClaimQuery::default(), 0, 1).expect("page").rows[0].id;
    let v = api::verification(&wb, id).expect("verification");
    assert_eq!((v.verdict.as_str(), v.attribution, v.analyst.clone()), ("unverified", Attribution::Unchecked, None), "a fresh claim");
    let key = v.verdicts.iter().find(|o| o.conclusive).expect("a conclusive verdict").key.clone();
    let input = VerdictInput { claim_id: id, verdict: key.clone(), attribution: Attribution::RelayedOnly, note: Some("OSCE report".into()) };
    assert_eq!(api::set_verdict(&mut wb, input.clone()).expect_err("no name").code, ErrorCode::BadInput, "history needs a name");
    api::set_analyst(&mut wb, "Ana Lyst").expect("name");
    let v = api::set_verdict(&mut wb, input).expect("verdict");
    assert_eq!((v.verdict.as_str(), v.attribution), (key.as_str(), Attribution::RelayedOnly), "both recorded");
    assert_eq!(v.history.len(), 2, "one history entry per change: {:?}", v.history);
    assert_eq!(v.history[0].note.as_deref(), Some("OSCE report"), "the note is kept");
}

#[test]
fn the_review_queue_opens_least_sure_first_and_an_accepted_claim_leaves_it() {
    let mut wb = demo();
    let q = ClaimQuery { queue: true, ..Default::default() };
    let page = api::claims_page(&wb, &q, 0, 1000).expect("queue");
    assert!(page.total > 0, "the sample's extracted claims wait for review");
    let conf: Vec<f64> = page.rows.iter().map(|r| r.confidence).collect();
    assert!(conf.windows(2).all(|w| w[0] <= w[1]), "lowest confidence first: {conf:?}");
    let sure = page.rows.iter().find(|r| r.party.is_some()).expect("a claim with a party").id;
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    assert_eq!(api::set_review(&mut wb, &[sure], ReviewState::Reviewed).expect("accept"), 1);
    let after = api::claims_page(&wb, &q, 0, 1000).expect("queue");
    assert_eq!(after.total, page.total - 1, "the accepted claim left the queue");
    assert_eq!(api::claim(&wb, sure).expect("claim").review, ReviewState::Reviewed);
}

#[test]
fn the_party_picker_searches_then_creates_and_a_correction_marks_the_claim_edited() {
    let mut wb = demo();
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    let found = api::search_parties(&wb, "erev", 10).expect("search");
    assert!(found.iter().any(|p| p.key == "AM"), "Erevan's alias finds Armenia");
    let created = api::create_party(&mut wb, "Stepanakert residents", PartyKind::Person, Some("AM".into())).expect("create");
    let row = api::claims_page(&wb, &ClaimQuery::default(), 0, 1).expect("page").rows[0].clone();
    let c = api::claim(&wb, row.id).expect("claim");
    let edit = ClaimEditInput {
        text: c.text.clone(),
        start: c.start,
        end: c.end,
        responds_to: c.responds_to,
        speaker: SpeakerDto { name: "a resident".into(), party: Some(created.key.clone()), countries: vec![] },
        cue: c.cue.clone(),
        stance: c.stance,
    };
    let after = api::update_claim(&mut wb, c.id, edit).expect("edit");
    assert_eq!((after.speaker.party.as_deref(), after.review), (Some(created.key.as_str()), ReviewState::Edited));
}

#[test]
fn evidence_from_the_app_opens_only_stored_web_pages_and_history_reads_as_sentences() {
    let mut wb = demo();
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    let sources = api::sources_page(&wb, 0, 1000).expect("sources").sources;
    let claim = api::claims_page(&wb, &ClaimQuery::default(), 0, 1).expect("page").rows[0].id;
    let url = EvidenceInput { claim: Some(claim), conflict: None, relation: Relation::Supports, evidence: EvidenceWhat::Url { url: "https://example.org/a".into() }, note: "".into() };
    let e = api::add_evidence(&mut wb, url).expect("url evidence");
    assert_eq!(api::evidence_link(&wb, e.id).expect("link"), "https://example.org/a");
    let bad = EvidenceInput { claim: Some(claim), conflict: None, relation: Relation::Supports, evidence: EvidenceWhat::Url { url: "file:///etc/passwd".into() }, note: "".into() };
    assert_eq!(api::add_evidence(&mut wb, bad).expect_err("not a web page").code, ErrorCode::BadInput);
    let passage = EvidenceInput {
        claim: Some(claim),
        conflict: None,
        relation: Relation::Refutes,
        evidence: EvidenceWhat::Passage { source_id: sources[0].id, start: 0, end: 5 },
        note: "".into(),
    };
    let p = api::add_evidence(&mut wb, passage).expect("passage evidence");
    assert_eq!((p.source_id, p.link.as_deref()), (Some(sources[0].id), None));
    assert_eq!(api::evidence_link(&wb, p.id).expect_err("a passage is not opened").code, ErrorCode::Forbidden);
    wb.edit_claim(claim, crosscheck::ClaimChanges { party: Some("AM".into()), ..Default::default() }, "").expect("edit");
    let v = api::verification(&wb, claim).expect("verification");
    assert!(v.history[0].change.contains("Armenia (AM)"), "the party is named, not a JSON key: {:?}", v.history[0].change);
    assert!(!v.history.iter().any(|h| h.change.contains('{')), "no JSON in the history: {:?}", v.history);
}

#[test]
fn a_conflict_is_resolved_from_the_app_with_evidence_and_history() {
    let mut wb = demo();
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    let id = api::conflicts_window(&wb, 0, 200, None).expect("conflicts")[0].id;
    let r = api::resolve_conflict(&mut wb, id, "resolved", Some("AM".into()), "satellite imagery").expect("resolve");
    assert_eq!((r.outcome.as_deref(), r.party.as_deref()), (Some("resolved"), Some("AM")));
    assert!(r.history.iter().any(|h| h.change.contains("resolved for Armenia (AM)")), "{:?}", r.history);
    let ev = EvidenceInput { claim: None, conflict: Some(id), relation: Relation::Context, evidence: EvidenceWhat::Note, note: "seen on site".into() };
    api::add_evidence(&mut wb, ev).expect("conflict evidence");
    assert_eq!(api::conflict_record(&wb, id).expect("record").evidence.len(), 1);
    assert_eq!(api::resolve_conflict(&mut wb, id, "maybe", None, "x").expect_err("unknown outcome").code, ErrorCode::BadInput);
}

#[test]
fn tagging_from_the_app_returns_the_tags_in_use_and_the_matrix_names_its_claims() {
    let mut wb = demo();
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    let rows = api::claims_page(&wb, &ClaimQuery::default(), 0, 2).expect("page").rows;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let tags = api::tag_claims(&mut wb, "drone supplies", &ids).expect("tagged");
    assert_eq!(tags, vec![TagCountDto { tag: "drone supplies".into(), claims: 2 }], "the tags in use come back for the suggestions");
    assert_eq!(api::claim_tags(&wb, ids[0]).expect("tags"), vec!["drone supplies".to_string()]);
    let m = api::tag_matrix(&wb).expect("matrix");
    let listed: Vec<i64> = m.cells.iter().flat_map(|c| c.claims.iter().map(|x| x.id)).collect();
    assert_eq!(listed.len(), 2, "each claim once: one tag, one party each");
    let first = m.cells.iter().flat_map(|c| &c.claims).find(|x| x.id == ids[0]).expect("the first claim in a cell");
    assert_eq!((first.text.as_str(), first.verdict.as_str()), (rows[0].text.as_str(), "unverified"), "its text and verdict for the cell's list");
    assert_eq!(api::tag_claims(&mut wb, " ", &ids).expect_err("blank").code, ErrorCode::BadInput);
    assert_eq!(api::untag_claims(&mut wb, "drones", &ids).expect_err("unknown tag").code, ErrorCode::NotFound);
    assert!(api::untag_claims(&mut wb, "drone supplies", &ids).expect("untagged").is_empty());
}

#[test]
fn bulk_verdict_and_party_from_the_worktable_show_in_the_rows_and_the_tag_filter() {
    let mut wb = demo();
    let rows = api::claims_page(&wb, &ClaimQuery::default(), 0, 3).expect("page").rows;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    assert!(rows.iter().all(|r| r.verdict == "unverified"), "rows carry their verdict: {rows:?}");
    assert_eq!(api::set_verdicts(&mut wb, &ids[..2], "false").expect_err("no name").code, ErrorCode::BadInput, "history needs a name");
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    assert_eq!(api::set_verdicts(&mut wb, &ids[..2], "false").expect("bulk verdict"), 2);
    assert_eq!(api::set_verdicts(&mut wb, &[ids[0], -1], "true").expect_err("unknown claim").code, ErrorCode::NotFound);
    let judged = ClaimQuery { verdict: Some("false".into()), ..Default::default() };
    let page = api::claims_page(&wb, &judged, 0, 10).expect("page");
    assert_eq!(page.rows.iter().map(|r| (r.id, r.verdict.as_str())).collect::<Vec<_>>(), [(ids[0], "false"), (ids[1], "false")]);

    assert_eq!(api::set_party(&mut wb, &ids, "Erevan").expect("bulk party") as usize, rows.iter().filter(|r| r.party.as_deref() != Some("AM")).count());
    assert!(api::claims_page(&wb, &ClaimQuery::default(), 0, 3).expect("page").rows.iter().all(|r| r.party.as_deref() == Some("AM") && r.review == ReviewState::Edited));
    assert_eq!(api::set_party(&mut wb, &ids, "Atlantis").expect_err("unknown party").code, ErrorCode::NotFound);

    api::tag_claims(&mut wb, "Jermuk", &ids[1..]).expect("tagged");
    let tagged = ClaimQuery { tag: Some("jermuk".into()), ..Default::default() };
    assert_eq!(api::claims_page(&wb, &tagged, 0, 10).expect("page").total, 2, "the tag filter ignores case");
    let typo = ClaimQuery { tag: Some("Jermukk".into()), ..Default::default() };
    assert_eq!(api::claims_page(&wb, &typo, 0, 10).expect_err("unknown tag").code, ErrorCode::NotFound, "a typo is not an empty list");
}

#[test]
fn exporting_the_filtered_rows_writes_exactly_those_claims() {
    let mut wb = demo();
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    let ids: Vec<i64> = api::claims_page(&wb, &ClaimQuery::default(), 0, 2).expect("page").rows.iter().map(|r| r.id).collect();
    api::set_verdicts(&mut wb, &ids, "false").expect("bulk verdict");
    let query = ClaimQuery { verdict: Some("false".into()), sort: Some(ClaimSort::Speaker), ..Default::default() };
    let options = ReportOptions { scope: ReportScope::Claims { query }, ..report_options(ReportKind::Audit) };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rows.json");
    api::export_report(&wb, options.clone(), ReportFormat::Json, &path).expect("JSON");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("written")).expect("JSON");
    let mut written: Vec<i64> = json["claims"].as_array().expect("claims").iter().map(|c| c["claim"]["id"].as_i64().expect("id")).collect();
    written.sort();
    assert_eq!(written, ids, "the two claims judged false, nothing else");
    let csv = dir.path().join("rows.csv");
    api::export_report(&wb, options, ReportFormat::Csv, &csv).expect("CSV");
    assert_eq!(std::fs::read_to_string(&csv).expect("written").lines().count(), 3, "a header and two rows");
    let bad = ReportOptions { scope: ReportScope::Claims { query: ClaimQuery { date_to: Some("soon".into()), ..Default::default() } }, ..report_options(ReportKind::Audit) };
    assert_eq!(api::export_report(&wb, bad, ReportFormat::Csv, &csv).expect_err("bad date").code, ErrorCode::BadInput);
}

#[test]
fn a_partys_speakers_come_once_across_languages_with_every_name_most_claims_first() {
    let mut wb = demo();
    let sid = api::sources_page(&wb, 0, 1000).expect("sources").sources[0].id;
    let peskov_of = |wb: &Workbench| api::party_speakers(wb, "RU").expect("speakers").into_iter().find(|s| s.id == "peskov");
    let before = peskov_of(&wb).map_or(0, |s| s.claims);
    let said = [("Дмитрий Песков", 0, "RU"), ("Дмитрий Песков", 10, "RU"), ("Dmitri Peskov", 20, "RU"), ("Dmitry Peskov", 30, "RU"), ("Мария Захарова", 40, "RU.mfa")];
    for (name, at, party) in said {
        let sp = Speaker { name: name.into(), party: Some(party.into()), countries: vec![] };
        wb.add_claim(sid, at, at + 5, sp, "заявил", Stance::Assert).expect("claim");
    }
    // Asked for the state: its own speakers and its ministry's.
    let speakers = api::party_speakers(&wb, "RU").expect("speakers");
    let peskov = peskov_of(&wb).expect("Peskov speaks for Russia");
    assert_eq!(peskov.claims, before + 4, "his claims under every spelling count for one speaker");
    for name in ["Дмитрий Песков", "Dmitri Peskov", "Dmitry Peskov"] {
        assert_eq!(peskov.names.iter().filter(|n| *n == name).count(), 1, "{name} is one of his names, once: {:?}", peskov.names);
    }
    assert_eq!(speakers.iter().filter(|s| s.names.iter().any(|n| n.contains("Peskov") || n.contains("Песков"))).count(), 1, "not one speaker per spelling");
    assert!(speakers.iter().any(|s| s.id == "zakharov" && s.names.iter().any(|n| n == "Мария Захарова")), "the ministry's spokeswoman speaks for the state too: {speakers:?}");
    let counts: Vec<u32> = speakers.iter().map(|s| s.claims).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most claims first: {counts:?}");
    let quiet = api::create_party(&mut wb, "Quiet Committee", PartyKind::Organisation, None).expect("party");
    assert!(api::party_speakers(&wb, &quiet.key).expect("speakers").is_empty(), "a party no one speaks for has no speakers");
    assert_eq!(api::party_speakers(&wb, "no such party").expect_err("unknown").code, ErrorCode::NotFound, "an unknown party is named as such");
}

#[test]
fn a_speaker_picked_in_the_parties_view_lists_their_claims_under_every_name_and_no_namesakes() {
    let mut wb = demo();
    let sid = api::sources_page(&wb, 0, 1000).expect("sources").sources[0].id;
    let said = [("Сергей Лавров", 0, "RU.mfa"), ("Sergei Lavrov", 10, "RU"), ("Oleksiy Lavrov", 20, "UA")];
    for (name, at, party) in said {
        let sp = Speaker { name: name.into(), party: Some(party.into()), countries: vec![] };
        wb.add_claim(sid, at, at + 5, sp, "said", Stance::Assert).expect("claim");
    }
    let lavrov = api::party_speakers(&wb, "RU").expect("speakers").into_iter().find(|s| s.names.iter().any(|n| n == "Сергей Лавров")).expect("Lavrov");
    let query = ClaimQuery { speaker_group: Some(PartySpeakerRef { party: "RU".into(), id: lavrov.id.clone() }), ..Default::default() };
    let page = api::claims_page(&wb, &query, 0, 100).expect("page");
    assert_eq!(page.total, lavrov.claims, "as many claims as the Parties view counts for him");
    let mut speakers: Vec<&str> = page.rows.iter().map(|r| r.speaker.as_str()).collect();
    speakers.sort();
    speakers.dedup();
    assert_eq!(speakers, ["Sergei Lavrov", "Sergueï Lavrov", "Сергей Лавров"], "under every name, and not his Ukrainian namesake's");
    assert_eq!(api::claim_ids(&wb, &query, 0, 100).expect("ids"), page.rows.iter().map(|r| r.id).collect::<Vec<_>>(), "a range names the same claims");
    let unknown = ClaimQuery { speaker_group: Some(PartySpeakerRef { party: "no such party".into(), id: lavrov.id }), ..Default::default() };
    assert_eq!(api::claims_page(&wb, &unknown, 0, 1).expect_err("unknown party").code, ErrorCode::NotFound, "an unknown party is named as such");
}

#[test]
fn a_range_of_rows_is_named_by_the_core_in_the_tables_order_and_filters_read_speaker_and_review() {
    let mut wb = demo();
    let sid = api::sources_page(&wb, 0, 1000).expect("sources").sources[0].id;
    for k in 0..30usize {
        let (name, party) = if k % 3 == 0 { ("Сергей Лавров", "RU") } else { ("Erevan", "AM") };
        let sp = Speaker { name: name.into(), party: Some(party.into()), ..Default::default() };
        wb.add_claim(sid, k * 10, k * 10 + 5, sp, "a dit", Stance::Deny).expect("claim");
    }
    let by_speaker = ClaimQuery { sort: Some(ClaimSort::Speaker), descending: true, ..Default::default() };
    let rows: Vec<i64> = api::claims_page(&wb, &by_speaker, 5, 20).expect("page").rows.iter().map(|r| r.id).collect();
    assert_eq!(api::claim_ids(&wb, &by_speaker, 5, 20).expect("ids"), rows, "the ids of rows 5..25 are those rows, in the table's order");
    let err = api::claim_ids(&wb, &by_speaker, 0, api::MAX_RANGE + 1).expect_err("too many");
    assert_eq!(err.code, ErrorCode::BadInput, "a range is capped: {}", err.message);

    let lavrov = ClaimQuery { speaker: Some("Лаврова".into()), ..Default::default() };
    let page = api::claims_page(&wb, &lavrov, 0, 100).expect("page");
    assert!(page.total >= 10 && page.rows.iter().all(|r| r.speaker.contains("Лавров")), "another case of the name finds his claims: {:?}", page.rows);
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
    assert_eq!(api::set_review(&mut wb, &ids, ReviewState::Reviewed).expect("accepted") as usize, ids.len());
    let reviewed = ClaimQuery { review: Some(ReviewState::Reviewed), ..lavrov.clone() };
    assert_eq!(api::claims_page(&wb, &reviewed, 0, 100).expect("page").total as usize, ids.len(), "the review filter");
    assert_eq!(api::set_review(&mut wb, &ids[..2], ReviewState::ToReview).expect("sent back"), 2, "two sent back to review");
    assert_eq!(api::claims_page(&wb, &reviewed, 0, 100).expect("page").total as usize, ids.len() - 2);
    assert_eq!(api::set_review(&mut wb, &[ids[2], -1], ReviewState::ToReview).expect_err("unknown").code, ErrorCode::NotFound, "all or none");
    assert_eq!(api::claims_page(&wb, &reviewed, 0, 100).expect("page").total as usize, ids.len() - 2, "the claim before the unknown one stayed reviewed");
}

#[test]
fn the_library_corrects_a_sources_facts_under_the_analysts_name_and_refuses_a_bad_day() {
    let mut wb = demo();
    let sid = api::sources_page(&wb, 0, 1000).expect("sources").sources[0].id;
    let facts = SourceFactsDto { outlet: Some("Reuters".into()), author: Some("Jane Roe".into()), published_on: Some("2023-09-13".into()) };
    assert_eq!(api::edit_source(&mut wb, sid, facts.clone()).expect_err("no name").code, ErrorCode::BadInput, "history needs a name");
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    assert_eq!(api::edit_source(&mut wb, sid, facts.clone()).expect("saved"), facts, "the facts as stored");
    assert_eq!(api::source_facts(&wb, sid).expect("facts"), facts, "read back for the form");
    let listed = api::sources_page(&wb, 0, 1000).expect("sources").sources.into_iter().find(|s| s.id == sid).expect("listed");
    assert_eq!((listed.outlet.as_deref(), listed.published_at.as_deref()), (Some("Reuters"), Some("2023-09-13T00:00:00Z")), "the Library's row");
    let logged: Vec<(String, String)> = wb
        .history(None)
        .expect("history")
        .iter()
        .filter(|h| h.change == crosscheck::model::Change::Source)
        .map(|h| (h.sentence(&|k| k.to_string()), h.analyst.clone()))
        .collect();
    assert_eq!(logged.len(), 1, "one entry for one correction: {logged:?}");
    assert!(logged[0].0.contains("author: none → Jane Roe") && logged[0].0.contains("→ 2023-09-13"), "read as a sentence: {logged:?}");
    assert_eq!(logged[0].1, "Test Analyst");
    let cleared = SourceFactsDto { outlet: Some(String::new()), author: None, published_on: None };
    assert_eq!(api::edit_source(&mut wb, sid, cleared).expect("cleared"), SourceFactsDto::default(), "empty or null clears each fact");
    let bad = SourceFactsDto { published_on: Some("13/09/2023".into()), ..facts };
    assert_eq!(api::edit_source(&mut wb, sid, bad).expect_err("bad day").code, ErrorCode::BadInput);
    assert_eq!(api::source_facts(&wb, sid).expect("facts"), SourceFactsDto::default(), "a refused edit changes nothing");
    assert_eq!(api::source_facts(&wb, 9_999).expect_err("unknown").code, ErrorCode::NotFound);
}

#[test]
fn two_claims_linked_by_hand_open_a_conflict_or_become_one_statement_and_the_claim_lists_both() {
    let mut wb = demo();
    wb.set_setting(crosscheck::model::ANALYST_SETTING, "Test Analyst").expect("analyst");
    let rows = api::claims_page(&wb, &ClaimQuery::default(), 0, api::MAX_PAGE).expect("claims").rows;
    let detail = |wb: &Workbench, id: i64| api::claim(wb, id).expect("claim");
    let alone = |wb: &Workbench, id: i64| api::claim_links(wb, id).expect("links").statement.claim_ids == vec![id];
    // Two claims of one party in two sources, each its own statement, and a claim of a state
    // that party does not stand for.
    let (a, b) = rows
        .iter()
        .filter(|r| r.party.is_some() && alone(&wb, r.id))
        .flat_map(|r| rows.iter().filter(move |s| s.party == r.party && s.source_id != r.source_id && s.id > r.id).map(move |s| (r.id, s.id)))
        .find(|&(_, b)| alone(&wb, b))
        .expect("the sample holds one party's claims in two sources");
    let states = detail(&wb, a).speaker.countries;
    let x = rows
        .iter()
        .map(|r| r.id)
        .find(|&x| {
            let c = detail(&wb, x).speaker.countries;
            !c.is_empty() && !states.is_empty() && c.iter().all(|s| !states.contains(s))
        })
        .expect("a claim of another state");

    let joined = api::link_statement(&mut wb, b, a, "the same dispatch, reworded").expect("same statement");
    assert_eq!((joined.statement_id, joined.claim_ids.clone(), joined.sources), (a, vec![a, b], 2), "b joins a's statement: carried by two sources");
    assert_eq!(api::claim_links(&wb, a).expect("links").statement, joined, "a's panel shows the same statement");
    assert_eq!(api::link_statement(&mut wb, x, a, "").expect_err("another party").code, ErrorCode::BadInput, "a statement is one party's");
    assert_eq!(api::link_statement(&mut wb, a, i64::MAX, "").expect_err("no such claim").code, ErrorCode::NotFound, "unknown claim");
    let history = api::verification(&wb, b).expect("verification").history;
    assert!(history.iter().any(|h| h.change == format!("same statement: alone → with claim {a}") && h.analyst == "Test Analyst"), "{history:?}");

    let opened = api::new_conflict(&mut wb, &[x, a], " same night ").expect("contradicts");
    assert_eq!((opened.origin.as_str(), opened.status.as_str(), opened.claim_ids.clone()), ("analyst", "confirmed", vec![a.min(x), a.max(x)]), "built by the analyst");
    assert!(opened.topic.ends_with("same night"), "the explanation follows the title: {}", opened.topic);
    assert!(api::claim_links(&wb, a).expect("links").conflicts.iter().any(|c| c.id == opened.id), "a's links list the conflict");
    let added = api::add_to_conflict(&mut wb, opened.id, b).expect("add");
    assert!(added.claim_ids.contains(&b), "b added to the conflict a is in");
    let built: Vec<(String, String)> = api::conflict_record(&wb, opened.id).expect("record").history.into_iter().rev().map(|h| (h.change, h.analyst)).collect();
    let (first, both) = (format!("{}, {}", a.min(x), a.max(x)), added.claim_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", "));
    assert_eq!(
        built,
        vec![
            (format!("conflict created by hand with claims {first}, explanation «same night»"), "Test Analyst".to_string()),
            (format!("claim {b} added to the conflict: claims {first} → {both}"), "Test Analyst".to_string()),
        ],
        "the conflict's history tells who built it and who added b"
    );
    assert_eq!(api::new_conflict(&mut wb, &[a, a], "").expect_err("one claim").code, ErrorCode::BadInput, "a conflict needs two claims");

    let left = api::unlink_statement(&mut wb, b, "").expect("undo");
    assert_eq!((left.statement_id, left.claim_ids), (b, vec![b]), "b stands alone again");
    assert!(alone(&wb, a), "and so does a");
}

#[test]
fn a_conflict_side_no_party_stands_for_shows_its_speakers_name_on_its_chip() {
    let wb = demo();
    let parties: Vec<ConflictParty> = api::conflicts_window(&wb, 0, 200, None).expect("conflicts").into_iter().flat_map(|c| c.parties).collect();
    for p in &parties {
        assert!(p.chip == p.key || crosscheck::text::fold(&p.chip) == p.key, "a chip shows the key or the name it folds from: {p:?}");
    }
    let named = parties.iter().find(|p| p.chip != p.key).expect("the sample has a side no party stands for (Debretsion Gebremichael)");
    assert_eq!(named.chip, named.name, "shown as written, not as the folded key {:?}", named.key);
    assert_ne!(named.chip.to_lowercase(), named.chip, "with its capitals");
}

#[test]
fn the_librarys_pages_are_windows_of_the_sources_list_and_the_workspace_counts_agree() {
    let wb = demo();
    let all = api::sources_page(&wb, 0, 1000).expect("sources").sources;
    let info = api::workspace_info(&wb, true).expect("info");
    assert_eq!(info.sources as usize, all.len(), "the workspace's source count is the list's length");
    assert_eq!(info.claims, all.iter().map(|s| s.claims).sum::<u32>(), "the workspace's claims are every source's");
    for offset in 0..all.len() as u32 + 2 {
        let page = api::sources_page(&wb, offset, 2).expect("page");
        assert_eq!((page.total as usize, page.offset), (all.len(), offset), "total and offset of the page at {offset}");
        let window: Vec<_> = all.iter().skip(offset as usize).take(2).cloned().collect();
        assert_eq!(page.sources, window, "the page at {offset} is that window of the list, rows alike");
    }
}

#[test]
fn claim_rows_say_their_sources_title_outlet_and_day_and_sources_are_found_by_title_words_or_number() {
    let wb = demo();
    let all = api::sources_page(&wb, 0, 1000).expect("sources").sources;
    let by_id: std::collections::HashMap<i64, &SourceSummary> = all.iter().map(|s| (s.id, s)).collect();
    let rows = api::claims_page(&wb, &ClaimQuery::default(), 0, 1000).expect("page").rows;
    assert!(!rows.is_empty(), "the sample has claims");
    for r in &rows {
        let s = by_id[&r.source_id];
        let day = s.published_at.as_deref().unwrap_or(&s.imported_at)[..10].to_string();
        assert_eq!(
            (r.source_title.as_str(), r.source_outlet.as_deref(), r.day.as_str(), r.day_imported),
            (s.title.as_str(), s.outlet.as_deref(), day.as_str(), s.published_at.is_none()),
            "claim {}: what the table shows of its source, without the page holding every source",
            r.id
        );
    }
    for s in &all {
        assert_eq!(&api::source_summary(&wb, s.id).expect("summary"), s, "source {}: the summary is the library's row", s.id);
        let found = api::find_sources(&wb, &format!("#{}", s.id), SourceField::Title, 5).expect("found");
        assert_eq!(found.first(), Some(s), "source {} by its number", s.id);
        let word = s.title.split(|c: char| !c.is_alphanumeric()).rfind(|w| w.chars().count() > 5);
        if let Some(word) = word {
            let found = api::find_sources(&wb, word, SourceField::Title, api::MAX_FOUND).expect("found");
            assert!(found.iter().any(|f| f.id == s.id), "source {} by the word {word:?} of its title: {found:?}", s.id);
        }
    }
    let capped = api::find_sources(&wb, "a", SourceField::Any, 100_000).expect("found");
    assert!(capped.len() <= api::MAX_FOUND as usize, "at most {} sources a call", api::MAX_FOUND);
    assert_eq!(api::source_summary(&wb, 999_999).expect_err("unknown").code, ErrorCode::NotFound, "an unknown source");
}
