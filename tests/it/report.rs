//! Reports: ClaimReview checked field by field, escaping of hostile text in every format, the
//! HTML report's DOM in headless Chromium, the CSV read back, the JSON schema, publication and
//! audit kinds, the PDF read back with poppler (text, fonts, hostile Typst), no local paths.

use std::path::PathBuf;
use std::process::Command;

use crosscheck::model::Stance;
use crosscheck::report::{self, ConflictInput, ConflictSide, DisagreeingFact, Format, Kind, Report, ReportConfig, Scope, Span};
use crosscheck::model::{Attribution, ConflictStatus, NewEvidence, NewEvidenceKind, Relation, Target};
use crosscheck::ClaimChanges;
use crosscheck::Workbench;
use serde_json::Value;

use crate::verify::workspace;

const HOSTILE: &str = "<script>alert('x')</script> [click](javascript:alert(1)) =HYPERLINK(\"http://evil\")";

/// The verify fixture, judged: AZ's claim false with evidence, AM's claim hostile text, unproven.
fn judged() -> (Workbench, i64, i64) {
    let (mut wb, source, az, am) = workspace(true);
    wb.set_setting("organisation", "Desk Factuel").unwrap();
    wb.set_setting("publish_url", "https://factcheck.example.org/tovuz").unwrap();
    wb.set_verdict(az, "false", "imagery shows no such losses").unwrap();
    wb.set_attribution(az, Attribution::Confirmed, "").unwrap();
    wb.add_evidence(NewEvidence {
        target: Target::Claim(az),
        relation: Relation::Refutes,
        kind: NewEvidenceKind::Url("https://example.org/imagery?a=1&b=<2>".into()),
        note: "".into(),
    })
    .unwrap();
    wb.add_evidence(NewEvidence {
        target: Target::Claim(az),
        relation: Relation::Context,
        kind: NewEvidenceKind::Url("javascript:alert(document.cookie)".into()),
        note: "hostile link".into(),
    })
    .unwrap();
    wb.add_passage_evidence(Target::Claim(az), source, 92, 116, Relation::Refutes, "the other side").unwrap();
    wb.edit_claim(am, ClaimChanges { text: Some(HOSTILE.into()), ..Default::default() }, "").unwrap();
    wb.set_verdict(am, "unproven", "").unwrap();
    (wb, az, am)
}

fn conflict(az: i64, am: i64) -> ConflictInput {
    ConflictInput {
        id: 1,
        title: "Casualties near Tovuz".into(),
        sides: vec![
            ConflictSide {
                party: Some("AZ".into()),
                party_name: "Azerbaijan".into(),
                claim_id: Some(az),
                statement: "12 soldats arméniens ont été tués".into(),
                proposition: "12 soldats arméniens ont été tués".into(),
                highlights: vec![Span { start: 0, end: 2 }],
                ..Default::default()
            },
            ConflictSide {
                party: Some("AM".into()),
                party_name: "Armenia".into(),
                claim_id: Some(am),
                statement: HOSTILE.into(),
                proposition: HOSTILE.into(),
                highlights: vec![Span { start: 0, end: 8 }],
                ..Default::default()
            },
        ],
        facts: vec![DisagreeingFact { label: "soldiers killed".into(), values: vec!["12".into(), "0 <none>".into()] }],
        ..Default::default()
    }
}

fn build(wb: &Workbench, az: i64, am: i64) -> Report {
    report::build(wb.store(), &ReportConfig::default(), vec![conflict(az, am)]).expect("report builds")
}

fn audit(wb: &Workbench, az: i64, am: i64) -> Report {
    report::build(wb.store(), &ReportConfig { kind: Kind::Audit, ..Default::default() }, vec![conflict(az, am)]).expect("report builds")
}

fn text(r: &Report, f: Format) -> String {
    String::from_utf8(report::render(r, f).expect("renders")).expect("UTF-8")
}

#[test]
fn claimreview_has_every_field_search_engines_require() {
    let (wb, az, am) = judged();
    let r = build(&wb, az, am);
    let reviews: Value = serde_json::from_str(&text(&r, Format::ClaimReview)).expect("JSON-LD parses");
    let reviews = reviews.as_array().expect("an array of ClaimReviews");
    assert_eq!(reviews.len(), 2, "one per judged statement (unverified ones are left out)");
    let az_review = reviews.iter().find(|v| v["url"].as_str().unwrap().ends_with(&format!("#claim-{az}"))).expect("AZ's review");

    assert_eq!(az_review["@context"], "https://schema.org", "@context");
    assert_eq!(az_review["@type"], "ClaimReview", "@type");
    assert_eq!(az_review["url"], format!("https://factcheck.example.org/tovuz#claim-{az}"), "url: the published report with the claim's anchor");
    assert_eq!(az_review["claimReviewed"], "12 soldats arméniens ont été tués près de Tovuz", "claimReviewed is the claim's text");
    let date = az_review["datePublished"].as_str().unwrap();
    assert!(chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(), "datePublished is an ISO 8601 date: {date}");
    assert_eq!(az_review["author"]["@type"], "Organization", "author is the publishing organisation");
    assert_eq!(az_review["author"]["name"], "Desk Factuel", "author name");

    let item = &az_review["itemReviewed"];
    assert_eq!(item["@type"], "Claim", "itemReviewed is a Claim");
    assert_eq!(item["author"]["@type"], "GovernmentOrganization", "a state speaks as a GovernmentOrganization");
    assert_eq!(item["author"]["name"], "Azerbaijan", "the party's name");
    assert_eq!(item["datePublished"], "2020-07-12", "when the claim was published");
    let appearance = &item["appearance"][0];
    assert_eq!(appearance["@type"], "CreativeWork", "appearance is a CreativeWork");
    assert_eq!(appearance["url"], "https://example.org/tovuz", "where it appeared");
    assert_eq!(appearance["headline"], "Tovuz: rival accounts", "its title");
    assert_eq!(appearance["publisher"]["name"], "Test Wire", "its outlet");

    let rating = &az_review["reviewRating"];
    assert_eq!(rating["@type"], "Rating", "reviewRating is a Rating");
    assert_eq!(rating["alternateName"], "False", "alternateName is the verdict's label");
    let (value, best, worst) =
        (rating["ratingValue"].as_u64().unwrap(), rating["bestRating"].as_u64().unwrap(), rating["worstRating"].as_u64().unwrap());
    assert!(worst >= 1 && best > worst, "bestRating ({best}) above worstRating ({worst}), both positive");
    assert!((worst..=best).contains(&value), "ratingValue inside the scale");
    assert_eq!((value, best, worst), (1, 5, 1), "false is the worst of five rated verdicts");

    // The scale follows the taxonomy's order: better verdicts rate higher.
    let t = wb.taxonomy().unwrap();
    let rated: Vec<u32> = t.verdicts.iter().filter_map(|v| v.rating).collect();
    assert!(rated.windows(2).all(|w| w[0] > w[1]), "ratings decrease down the display order: {rated:?}");

    let am_review = reviews.iter().find(|v| v["url"].as_str().unwrap().ends_with(&format!("#claim-{am}"))).expect("AM's review");
    assert_eq!(am_review["reviewRating"]["alternateName"], "Unproven", "an off-scale verdict keeps its label");
    assert!(am_review["reviewRating"].get("ratingValue").is_none(), "and has no numeric rating");
    assert_eq!(am_review["claimReviewed"], HOSTILE, "JSON carries the text as data");
}

#[test]
fn claimreview_export_without_a_publication_url_is_refused() {
    let (mut wb, source, az, _) = workspace(true);
    let _ = source;
    wb.set_verdict(az, "true", "").unwrap();
    let err = wb.export(&ReportConfig::default(), Format::ClaimReview).expect_err("url is required by ClaimReview");
    assert!(err.to_string().contains("publish_url"), "the error says how to fix it: {err}");
    let with_url = ReportConfig { publish_url: Some("https://example.org/r".into()), ..Default::default() };
    assert!(wb.export(&with_url, Format::ClaimReview).is_ok(), "--url is enough");
}

#[test]
fn hostile_text_is_shown_as_text_in_markdown_and_html() {
    let (wb, az, am) = judged();
    let r = build(&wb, az, am);
    let md = text(&r, Format::Markdown);
    let raw_tags = md.match_indices("<script").filter(|(at, _)| !md[..*at].ends_with('\\')).count();
    assert_eq!(raw_tags, 0, "no unescaped script tag in Markdown");
    assert!(md.contains("\\<script\\>"), "the tag is shown as text, backslash-escaped");
    assert!(!md.contains("&lt;") && !md.contains("&quot;") && !md.contains("&#39;"), "no HTML entities in Markdown text");
    assert!(!md.contains("](javascript"), "no Markdown link to javascript:");
    assert!(!md.contains("(javascript:alert(document"), "the hostile evidence URL is not a link destination");
    assert!(md.contains("[https\\:\\/\\/example") || md.contains("](https://example.org/imagery?a=1&b=%3C2%3E)"), "web URLs are linked, encoded");

    let html = text(&r, Format::Html);
    assert!(!html.to_lowercase().contains("<script"), "no script element in HTML");
    assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt;"), "escaped text");
    assert!(!html.contains("href=\"javascript"), "no javascript: href");
    assert!(html.contains("href=\"https://example.org/imagery?a=1&amp;b=&lt;2&gt;\""), "web URL linked with its attribute escaped");
    assert!(html.contains("@media print"), "prints cleanly");
    assert!(html.contains("Content-Security-Policy"), "scripts forbidden by policy too");
}

/// The Chromium binary, if installed.
fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")?.to_str()?.split(':').map(|d| PathBuf::from(d).join(name)).find(|p| p.is_file())
    })
}

#[test]
fn html_report_dom_in_headless_chromium_has_no_scripts_and_sides_next_to_each_other() {
    let Some(browser) = chromium() else {
        let ci = std::env::var("CI").map(|v| !v.is_empty() && v != "false").unwrap_or(false);
        assert!(!ci, "CI is set but chromium is not installed: apt-get install -y chromium");
        println!("SKIPPED html_report_dom_in_headless_chromium…: chromium is not installed (apt-get install -y chromium)");
        return;
    };
    let (wb, az, am) = judged();
    let r = audit(&wb, az, am);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, report::render(&r, Format::Html).unwrap()).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(dom.contains("</html>"), "chromium dumped the DOM (stderr: {})", String::from_utf8_lossy(&out.stderr));
    assert!(!dom.to_lowercase().contains("<script"), "no script node in the parsed DOM");
    assert!(dom.contains("&lt;script&gt;alert('x')&lt;/script&gt;"), "the hostile claim is a text node");
    assert!(!dom.contains("href=\"javascript"), "no javascript: link survived parsing");

    // The conflict's two statements sit in one .sides grid, one .side each.
    let sides_at = dom.find("class=\"sides\"").expect("a side-by-side block");
    let conflict_end = dom[sides_at..].find("</article>").map(|e| sides_at + e).expect("inside the conflict article");
    let sides = &dom[sides_at..conflict_end];
    assert_eq!(sides.matches("class=\"side\"").count(), 2, "one column per party");
    let az_at = sides.find("<mark>12</mark> soldats arméniens ont été tués").expect("AZ's statement, its number highlighted");
    let am_at = sides.find("<mark>&lt;script&gt;</mark>alert('x')").expect("AM's statement, escaped and highlighted");
    assert!(az_at < am_at, "sides in order");
    assert!(dom.contains("<th scope=\"row\">soldiers killed</th><td>12</td><td>0 &lt;none&gt;</td>"), "the disagreeing fact, per side");
    assert!(dom.contains("id=\"claim-") && dom.contains("class=\"verdict\""), "claims with verdicts");
    assert!(dom.contains("Unverified → False"), "the history of decisions");
}

#[test]
fn csv_reads_back_one_row_per_claim_with_formulas_neutralised() {
    let (wb, az, am) = judged();
    let r = build(&wb, az, am);
    let bytes = report::render(&r, Format::Csv).unwrap();
    let mut rd = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "claim_id", "header first");
    let rows: Vec<csv::StringRecord> = rd.records().collect::<Result<_, _>>().expect("valid RFC 4180");
    assert_eq!(rows.len(), 2, "one row per claim");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let az_row = rows.iter().find(|r| r[0] == az.to_string()).unwrap();
    assert_eq!(&az_row[col("verdict")], "false", "verdict key");
    assert_eq!(&az_row[col("verdict_label")], "False", "verdict label");
    assert_eq!(&az_row[col("rating")], "1", "rating");
    assert_eq!(&az_row[col("attribution")], "confirmed", "attribution");
    assert_eq!((&az_row[col("supports")], &az_row[col("refutes")], &az_row[col("context")]), ("0", "2", "1"), "evidence counts");
    assert_eq!(&az_row[col("evidence_urls")], "https://example.org/imagery?a=1&b=<2>", "only web URLs listed");
    assert_eq!(&az_row[col("text")], "12 soldats arméniens ont été tués près de Tovuz", "text round-trips");
    assert_eq!(&az_row[col("party_name")], "Azerbaijan", "party name");
    let am_row = rows.iter().find(|r| r[0] == am.to_string()).unwrap();
    assert_eq!(&am_row[col("text")], HOSTILE, "quotes, commas and brackets survive quoting");

    let (mut wb2, _, c, _) = workspace(true);
    wb2.edit_claim(c, ClaimChanges { text: Some("=1+2".into()), cue: Some("@SUM(A1)".into()), ..Default::default() }, "").unwrap();
    // An unjudged claim: only the audit report lists it.
    let r2 = report::build(wb2.store(), &ReportConfig { kind: Kind::Audit, ..Default::default() }, vec![]).unwrap();
    let bytes = report::render(&r2, Format::Csv).unwrap();
    let mut rd = csv::Reader::from_reader(bytes.as_slice());
    let row = rd.records().next().unwrap().unwrap();
    assert_eq!(&row[col("text")], "'=1+2", "a formula is prefixed with a quote");
    assert_eq!(&row[col("cue")], "'@SUM(A1)", "so is an @ cell");
}

#[test]
fn json_report_is_versioned_and_holds_everything() {
    let (wb, az, am) = judged();
    let r = build(&wb, az, am);
    let v: Value = serde_json::from_str(&text(&r, Format::Json)).unwrap();
    assert_eq!(v["schema"], "crosscheck-report/1", "versioned schema");
    for key in ["title", "language", "generated_at", "analyst", "organisation", "scope", "taxonomy", "summary", "conflicts", "claims", "sources", "parties", "taxonomy_history"] {
        assert!(v.get(key).is_some(), "top-level field {key} (docs/report-json.md)");
    }
    let claim = v["claims"].as_array().unwrap().iter().find(|c| c["claim"]["id"] == az).unwrap();
    assert_eq!(claim["verdict"], "false", "verdict");
    assert_eq!(claim["attribution"], "confirmed", "attribution");
    assert_eq!(claim["evidence"].as_array().unwrap().len(), 3, "evidence");
    assert_eq!(claim["history"][0]["change"], "verdict", "history");
    assert_eq!(v["conflicts"][0]["sides"].as_array().unwrap().len(), 2, "conflict sides");
    assert_eq!(v["conflicts"][0]["status"]["status"], "open", "conflict status");
    let summary = v["summary"].as_array().unwrap();
    assert_eq!(summary.len(), 2, "one summary row per party");
}

#[test]
fn party_and_source_scopes_select_their_claims() {
    let (mut wb, az, am) = judged();
    let party = |p: &str| ReportConfig { scope: Scope::Party(p.into()), ..Default::default() };
    let ids = |r: &Report| r.claims.iter().map(|c| c.claim.id).collect::<Vec<_>>();
    assert_eq!(ids(&wb.report(&party("Arménie")).unwrap()), vec![am], "a party by its French name");
    assert_eq!(ids(&wb.report(&party("AZ")).unwrap()), vec![az], "a party by key");
    let source = ReportConfig { scope: Scope::Source(1), ..Default::default() };
    assert_eq!(ids(&wb.report(&source).unwrap()), vec![az, am], "a source's claims in text order");
    assert!(wb.report(&ReportConfig { scope: Scope::Source(99), ..Default::default() }).is_err(), "an unknown source is an error");
    let cid = wb.new_conflict(&[az, am], None).unwrap().id;
    wb.set_conflict_status(cid, ConflictStatus::Resolved("AM".into()), "video").unwrap();
    let r = wb.report(&ReportConfig { scope: Scope::Conflict(cid), ..Default::default() }).unwrap();
    assert_eq!(r.conflicts.len(), 1, "the conflict's section");
    assert_eq!(ids(&r), vec![az, am], "with its claims");
    let sides: Vec<&str> = r.conflicts[0].conflict.sides.iter().map(|s| s.party_name.as_str()).collect();
    assert_eq!(sides.len(), 2, "one side per claim, from the align module's view: {sides:?}");
    assert_eq!(r.status_label(&r.conflicts[0].status), "Resolved for Armenia", "the status names the party");
    let fr = wb.report(&ReportConfig { language: "fr".into(), ..Default::default() }).unwrap();
    let md = String::from_utf8(report::render(&fr, Format::Markdown).unwrap()).unwrap();
    assert!(md.contains("En bref") && md.contains("Faux"), "French labels in a French report");
}

/// A store in `dir` holding the Tovuz text with one analyst claim by Azerbaijan (claim 1).
fn tovuz_store_with_baku_claim(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("ws.db");
    let src = dir.join("tovuz.txt");
    std::fs::write(&src, crate::verify::TEXT).unwrap();
    crate::support::run_json(&db, &["import", src.to_str().unwrap()]);
    crate::support::run_json(&db, &["claim", "add", "--source", "1", "--start", "31", "--end", "78", "--speaker", "Azerbaijan"]);
    db
}

#[test]
fn cli_exports_every_format_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = tovuz_store_with_baku_claim(dir.path());
    crate::support::run_json(&db, &["config", "set", "analyst", "Ana"]);
    crate::support::run_json(&db, &["status", "1", "false"]);
    for (format, needle) in [("md", "# Verification report"), ("html", "<!DOCTYPE html>"), ("json", "crosscheck-report/1"), ("csv", "claim_id,")] {
        let out = dir.path().join(format!("r.{format}"));
        let v = crate::support::run_json(&db, &["export", "--format", format, "--all", "-o", out.to_str().unwrap()]);
        assert_eq!(v["exports"][0]["claims"], 1, "{format}: one claim");
        let body = std::fs::read_to_string(&out).unwrap();
        assert!(body.contains(needle), "{format} output looks right");
    }
    let out = dir.path().join("r.jsonld");
    let refused = crate::support::run(&db, &["export", "--format", "claimreview", "-o", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "ClaimReview without a URL is a usage error");
    assert!(!out.exists(), "and writes nothing");
    crate::support::run_json(&db, &["export", "--format", "claimreview", "--url", "https://e.org/r", "-o", out.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v[0]["@type"], "ClaimReview", "ClaimReview written");
}

/// What poppler's `pdftotext` reads in `pdf` (layout dropped; lines joined by spaces so a
/// sentence broken across lines still matches).
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils; scripts/setup.sh installs it)");
    assert!(out.status.success(), "pdftotext reads the report: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 text").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `pdffonts`' table rows: (name, embedded).
fn pdf_fonts(pdf: &[u8]) -> Vec<(String, bool)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdffonts").arg(&path).output().expect("pdffonts runs (poppler-utils)");
    assert!(out.status.success(), "pdffonts reads the report");
    // Columns: name type encoding emb sub uni object ID; the name has no spaces, `emb` is the
    // fourth column counted from the right end (emb sub uni obj gen).
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let n = cols.len();
            (n >= 6).then(|| (cols[0].to_string(), cols[n - 5] == "yes"))
        })
        .collect()
}

#[test]
fn publication_report_shows_decided_work_and_audit_report_everything() {
    let (mut wb, _, az, am) = workspace(true);
    wb.set_verdict(az, "false", "imagery shows no such losses").unwrap();
    let cid = wb.new_conflict(&[az, am], None).unwrap().id;
    wb.set_conflict_status(cid, ConflictStatus::Resolved("AM".into()), "satellite imagery").unwrap();
    let publication = wb.report(&ReportConfig::default()).unwrap();
    let audit = wb.report(&ReportConfig { kind: Kind::Audit, ..Default::default() }).unwrap();
    let ids = |r: &Report| r.claims.iter().map(|c| c.claim.id).collect::<Vec<_>>();
    assert_eq!(publication.kind, Kind::Publication, "publication is the default");
    assert_eq!(ids(&publication), vec![az], "only the judged claim is published; the unverified one is work in progress");
    assert_eq!(ids(&audit), vec![az, am], "the audit lists every claim");
    assert_eq!(publication.conflicts.len(), 1, "the resolved conflict is published");
    let sides: Vec<(&str, Option<i64>)> =
        publication.conflicts[0].conflict.sides.iter().map(|s| (s.speaker.as_str(), s.source_id)).collect();
    assert_eq!(sides.len(), 2, "both sides, the unverified one too: {sides:?}");
    assert!(sides.iter().all(|(speaker, source)| !speaker.is_empty() && source.is_some()), "each side names its speaker and source: {sides:?}");

    let html = text(&publication, Format::Html);
    assert!(!html.contains("class=\"history\""), "a publication shows no review history");
    assert!(!html.contains("chars "), "nor character offsets");
    assert!(html.contains("Resolved for Armenia") && html.contains("satellite imagery"), "the resolution and why");
    assert!(html.contains("href=\"https://example.org/tovuz\""), "each side links its source");
    assert!(html.contains("Test Wire") && html.contains("2020-07-12"), "with outlet and date");
    let audit_html = text(&audit, Format::Html);
    assert!(audit_html.contains("class=\"history\"") && audit_html.contains("chars 31–78"), "the audit shows history and offsets");

    // A conflict the analyst rejected is not published; the audit keeps it with its state.
    let c = wb.new_conflict(&[az, am], None).expect("a second conflict on the same claims");
    wb.reject_conflict(c.id, "same claim twice").unwrap();
    let p = wb.report(&ReportConfig::default()).unwrap();
    assert!(p.conflicts.iter().all(|x| x.conflict.id != c.id), "a rejected conflict is not published");
    let a = wb.report(&ReportConfig { kind: Kind::Audit, ..Default::default() }).unwrap();
    let shown = a.conflicts.iter().find(|x| x.conflict.id == c.id).expect("the audit shows the rejected conflict");
    assert!(a.conflict_state(shown).contains("Rejected"), "with its state: {}", a.conflict_state(shown));
}

#[test]
fn a_conflict_is_titled_by_the_disputed_proposition_as_the_claim_words_it() {
    let (mut wb, _, az, am) = workspace(true);
    let cid = wb.new_conflict(&[az, am], None).unwrap().id;
    let r = wb.report(&ReportConfig { scope: Scope::Conflict(cid), ..Default::default() }).unwrap();
    assert_eq!(r.conflicts[0].conflict.title, "12 soldats arméniens ont été tués près de Tovuz", "the first side's statement, not key words");
    let pdf = pdf_text(&report::render(&r, Format::Pdf).unwrap());
    assert!(pdf.contains("12 soldats arméniens ont été tués près de Tovuz Confirmed, open"), "the story's heading, then where it stands: {pdf}");
}

#[test]
fn at_a_glance_chart_shows_only_verdicts_that_have_claims() {
    let (wb, az, am) = judged();
    let r = build(&wb, az, am);
    let html = text(&r, Format::Html);
    let svg_at = html.find("<svg class=\"chart\"").expect("an inline SVG chart");
    let svg = &html[svg_at..svg_at + html[svg_at..].find("</svg>").expect("closed")];
    assert!(svg.contains(">False<") && svg.contains(">Unproven<"), "the verdicts given have columns: {svg}");
    for absent in ["Mostly true", "Mixed", "Unverified", "In progress"] {
        assert!(!svg.contains(&format!(">{absent}<")), "{absent}: no column without values");
    }
    assert!(svg.contains(">Azerbaijan<") && svg.contains(">Armenia<"), "one bar per party");
    let fr = wb.report(&ReportConfig { language: "fr".into(), ..Default::default() }).unwrap();
    let fr_html = text(&fr, Format::Html);
    assert!(fr_html.contains(">Arménie<") && fr_html.contains(">Azerbaïdjan<"), "party names in the report's language");
}

#[test]
fn pdf_report_has_searchable_text_embedded_fonts_and_page_numbers() {
    let (wb, az, am) = judged();
    let r = build(&wb, az, am);
    let pdf = report::render(&r, Format::Pdf).expect("typesets");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
    let text = pdf_text(&pdf);
    for needle in [
        "Verification report",
        "Casualties near Tovuz",
        "12 soldats arméniens ont été tués près de Tovuz",
        "At a glance",
        "Tovuz: rival accounts",
        "Test Wire",
        "Page 1 /",
    ] {
        assert!(text.contains(needle), "the PDF's text has {needle:?}: {text}");
    }
    let fonts = pdf_fonts(&pdf);
    assert!(!fonts.is_empty(), "the PDF uses fonts");
    assert!(fonts.iter().all(|(_, embedded)| *embedded), "every font is embedded: {fonts:?}");
}

#[test]
fn hostile_typst_in_a_source_is_printed_not_run() {
    let (mut wb, _, az, _) = workspace(true);
    let hostile = "] #set page(fill: red) #eval(\"1+1\") $x^2$ = Heading \\ *bold* <label> @ref // comment #{ panic(\"boom\") } #read(\"/etc/passwd\")";
    wb.edit_claim(az, ClaimChanges { text: Some(hostile.into()), ..Default::default() }, "").unwrap();
    wb.set_verdict(az, "false", "").unwrap();
    let r = wb.report(&ReportConfig { title: Some("#panic(\"title\") ]".into()), ..Default::default() }).unwrap();
    let pdf = report::render(&r, Format::Pdf).expect("hostile text still typesets");
    let text = pdf_text(&pdf);
    // Typst may break a line inside a piece (after a slash): compare without whitespace.
    let squeezed = |s: &str| s.split_whitespace().collect::<String>();
    let flat = squeezed(&text);
    assert!(flat.contains(&squeezed("#panic(\"title\") ]")), "the title is printed as given: {text}");
    for piece in ["] #set page(fill: red)", "#eval(\"1+1\")", "$x^2$", "*bold*", "<label>", "// comment", "#{ panic(\"boom\") }", "#read(\"/etc/passwd\")"] {
        assert!(flat.contains(&squeezed(piece)), "{piece:?} is printed verbatim: {text}");
    }
    assert!(!text.contains("root:"), "no file was read");
}

#[test]
fn no_format_shows_the_folder_a_source_was_imported_from() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("secret-leaks-folder");
    std::fs::create_dir(&folder).unwrap();
    let file = folder.join("tovuz-notes.txt");
    std::fs::write(&file, crate::verify::TEXT).unwrap();
    let mut wb = Workbench::in_memory().unwrap();
    wb.set_setting("analyst", "Ana").unwrap();
    let gaz = wb.gazetteer().unwrap();
    let mut doc = crosscheck::ingest::load(file.to_str().unwrap(), crate::verify::TEXT.as_bytes()).unwrap();
    doc.url = Some(file.display().to_string());
    let source = wb.import_document(doc, None, &gaz).unwrap().source_id;
    let speaker = crosscheck::model::Speaker { name: "Azerbaijan".into(), party: Some("AZ".into()), countries: vec![] };
    let claim = wb.add_claim(source, 31, 78, speaker, "a affirmé", Stance::Assert).unwrap().id;
    wb.set_verdict(claim, "false", "").unwrap();
    let folder_name = "secret-leaks-folder";
    for kind in [Kind::Publication, Kind::Audit] {
        let config = ReportConfig { kind, publish_url: Some("https://e.org/r".into()), ..Default::default() };
        let r = wb.report(&config).unwrap();
        assert_eq!(r.claims.len(), 1, "{kind:?}: the claim is in the report");
        for format in [Format::Markdown, Format::Html, Format::Json, Format::Csv, Format::ClaimReview, Format::Pdf] {
            let bytes = report::render(&r, format).unwrap();
            let shown = if format == Format::Pdf { pdf_text(&bytes) } else { String::from_utf8(bytes.clone()).unwrap() };
            assert!(!shown.contains(folder_name), "{kind:?} {format:?} names the analyst's folder");
            assert!(!bytes.windows(folder_name.len()).any(|w| w == folder_name.as_bytes()), "{kind:?} {format:?}: not in the bytes either");
            if matches!(format, Format::Html | Format::Pdf | Format::Markdown) {
                assert!(!shown.contains("tovuz-notes.txt"), "{kind:?} {format:?}: a file without URL is cited by title, not file name");
            }
        }
    }
}

#[test]
fn cli_exports_pdf_publication_and_audit_reports() {
    let dir = tempfile::tempdir().unwrap();
    let db = tovuz_store_with_baku_claim(dir.path());
    crate::support::run_json(&db, &["claim", "add", "--source", "1", "--start", "92", "--end", "116", "--speaker", "Armenia"]);
    crate::support::run_json(&db, &["config", "set", "analyst", "Ana"]);
    crate::support::run_json(&db, &["status", "1", "false"]);
    let out = dir.path().join("r.pdf");
    let v = crate::support::run_json(&db, &["export", "--format", "pdf", "-o", out.to_str().unwrap(), "--analyst", "Bea"]);
    assert_eq!(v["exports"][0]["claims"], 1, "the publication report holds the judged claim only");
    let text = pdf_text(&std::fs::read(&out).unwrap());
    assert!(text.contains("analyst: Bea"), "the analyst named on the command line: {text}");
    let v = crate::support::run_json(&db, &["export", "--format", "pdf", "--kind", "audit", "-o", out.to_str().unwrap()]);
    assert_eq!(v["exports"][0]["claims"], 2, "the audit report holds both");
    let bad = crate::support::run(&db, &["export", "--format", "pdf", "--kind", "everything", "-o", out.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2), "an unknown kind is a usage error");
}

#[test]
fn an_audit_report_tells_in_its_language_who_built_a_conflict_by_hand_and_added_a_claim() {
    let (mut wb, source, az, am) = workspace(true);
    let cid = wb.new_conflict(&[az, am], Some("same night")).unwrap().id;
    let start = crate::verify::TEXT.find("l'attaque").map(|b| crate::verify::TEXT[..b].chars().count()).unwrap();
    let speaker = crosscheck::model::Speaker { name: "Erevan".into(), party: Some("AM".into()), countries: vec![] };
    let third = wb.add_claim(source, start, start + 25, speaker, "", Stance::Assert).unwrap().id;
    wb.add_to_conflict(cid, third).unwrap();
    let audit = |language: &str| {
        let config = ReportConfig { scope: Scope::Conflict(cid), kind: Kind::Audit, language: language.into(), ..Default::default() };
        text(&wb.report(&config).unwrap(), Format::Html)
    };
    let (en, fr) = (audit("en"), audit("fr"));
    for (html, built, added) in [
        (&en, format!("conflict created by hand with claims #{az}, #{am}, explanation «same night»"), format!("claim added: #{third} (#{az}, #{am} → #{az}, #{am}, #{third})")),
        (&fr, format!("contradiction créée à la main avec les affirmations #{az}, #{am}, explication «same night»"), format!("affirmation ajoutée: #{third} (#{az}, #{am} → #{az}, #{am}, #{third})")),
    ] {
        assert!(html.contains(&built) && html.contains(&added), "the conflict's history tells both changes in words, not JSON:\n{built}\n{added}");
    }
}
