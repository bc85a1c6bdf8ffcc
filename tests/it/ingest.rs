//! Importing real-world sources: saved news pages, a ministry PDF, feeds and hostile inputs,
//! all served from a local HTTP server on 127.0.0.1 (no test reaches the internet).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crosscheck::ingest::{self, FetchConfig};
use crosscheck::model::Speaker;
use crosscheck::model::{Origin, Stance};
use crosscheck::store::ClaimFilter;
use crosscheck::text::char_slice;
use crosscheck::Workbench;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest").join(name)
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("fixture exists")
}

/// What the test server answers.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    delay: Duration,
}

fn ok(content_type: &str, body: Vec<u8>) -> Reply {
    Reply { status: 200, headers: vec![("Content-Type", content_type.to_string())], body, delay: Duration::ZERO }
}

fn status(code: u16, headers: Vec<(&'static str, String)>) -> Reply {
    Reply { status: code, headers, body: b"gone".to_vec(), delay: Duration::ZERO }
}

/// A tiny HTTP/1.1 server: one thread per connection, `Connection: close`, routes by path.
/// Returns its base URL; the listener lives until the test process ends.
fn serve(route: impl Fn(&str, &str) -> Reply + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let base = format!("http://{}", listener.local_addr().expect("local address"));
    let route = Arc::new(route);
    let b = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let route = Arc::clone(&route);
            let base = b.clone();
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&head);
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                let reply = route(&path, &base);
                std::thread::sleep(reply.delay);
                let mut out = format!("HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n", reply.status, reply.body.len());
                for (k, v) in &reply.headers {
                    out.push_str(&format!("{k}: {v}\r\n"));
                }
                out.push_str("\r\n");
                let _ = stream.write_all(out.as_bytes());
                let _ = stream.write_all(&reply.body);
            });
        }
    });
    base
}

/// A two-page statement in the style of a foreign ministry's press release, built with
/// lopdf (through pdf-extract's re-export) so the fixture is reproducible from code.
fn ministry_pdf() -> Vec<u8> {
    use pdf_extract::content::{Content, Operation};
    use pdf_extract::{dictionary, Document, Object, Stream};
    let pages_text: [&[&str]; 2] = [
        &[
            "Statement of the Ministry of Foreign Affairs of Armenia",
            "",
            "Yerevan, 1 October 2020",
            "",
            "The Ministry of Foreign Affairs of Armenia strongly condemns the continued",
            "shelling of peaceful settlements of Artsakh by the armed forces of Azerbaijan.",
            "",
            "Contrary to the statements of the Azerbaijani side, the Armenian armed forces",
            "have not targeted any civilian infrastructure on the territory of Azerbaijan.",
        ],
        &[
            "The Ministry said that Armenia remains committed to the peaceful settlement",
            "of the conflict within the format of the OSCE Minsk Group co-chairmanship.",
            "",
            "The Ministry called on the international community to give a clear assessment",
            "of the actions that undermine regional peace and security.",
        ],
    ];
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for lines in pages_text {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 11.into()]),
            Operation::new("TL", vec![14.into()]),
            Operation::new("Td", vec![72.into(), 770.into()]),
        ];
        for line in lines {
            if !line.is_empty() {
                ops.push(Operation::new("Tj", vec![Object::string_literal(*line)]));
            }
            ops.push(Operation::new("T*", vec![]));
        }
        ops.push(Operation::new("ET", vec![]));
        let content = Content { operations: ops }.encode().expect("content encodes");
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::from(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id, "Lang" => Object::string_literal("en-GB") });
    let info = doc.add_object(dictionary! {
        "Title" => Object::string_literal("Statement of the Ministry of Foreign Affairs of Armenia"),
        "Author" => Object::string_literal("MFA of Armenia, Press Service"),
        "CreationDate" => Object::string_literal("D:20201001120000+04'00'"),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("PDF serializes");
    out
}

/// 16 MB of zeros, gzipped to a few KB: a decompression bomb.
fn gzip_bomb() -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..16 {
        gz.write_all(&zeros).expect("gzip in memory");
    }
    gz.finish().expect("gzip in memory")
}

fn deep_page() -> Vec<u8> {
    let mut s = String::from("<html><body>");
    s.push_str(&"<div>".repeat(100_000));
    s.push_str("<p>The ministry said the talks would resume on Monday in Geneva, according to a statement.</p>");
    s.push_str(&"</div>".repeat(100_000));
    s.push_str("</body></html>");
    s.into_bytes()
}

fn versioned_page(body: &str, base: &str) -> Vec<u8> {
    format!(
        "<html lang=en><head><title>Ceasefire talks</title><link rel=canonical href=\"{base}/story/ceasefire?utm_source=x\"></head>\
         <body><article><h1>Ceasefire talks</h1><p>{body}</p><p>Officials from both delegations met for four hours on Monday \
         and agreed to meet again, the mediators said in a joint statement published afterwards.</p></article></body></html>"
    )
    .into_bytes()
}

/// The local "internet" every test fetches from.
fn site() -> String {
    let pdf = ministry_pdf();
    let bomb = gzip_bomb();
    serve(move |path, base| match path {
        "/news/erevan-dement" | "/news/erevan-dement?utm_source=rss&utm_medium=feed" => {
            ok("text/html; charset=utf-8", news_fr(base))
        }
        "/world/kharkiv-depot.html" | "/world/kharkiv-depot.html?utm_campaign=partners" => ok("text/html", fixture_bytes("news-en-1252.html")),
        "/docs/mfa-statement.pdf" => ok("application/pdf", pdf.clone()),
        "/feeds/monde.rss" => ok("application/rss+xml", fixture_bytes("feed.rss").replace_base(base)),
        "/feeds/world.atom" => ok("application/atom+xml", fixture_bytes("feed.atom").replace_base(base)),
        "/moved" => status(301, vec![("Location", "/news/erevan-dement".into())]),
        "/loop" => status(302, vec![("Location", "/loop".into())]),
        "/slow" => Reply { delay: Duration::from_secs(3), ..ok("text/html", b"<p>late</p>".to_vec()) },
        "/bomb" => Reply {
            headers: vec![("Content-Type", "text/html".into()), ("Content-Encoding", "gzip".into())],
            ..ok("", bomb.clone())
        },
        "/logo.png" => ok("image/png", b"\x89PNG\r\n\x1a\n".to_vec()),
        "/broken.pdf" => ok("application/pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF".to_vec()),
        "/deep" => ok("text/html", deep_page()),
        "/story-v1" => ok("text/html", versioned_page("The mediators said a ceasefire would take effect at noon on Saturday.", base)),
        "/story-v2" => ok("text/html", versioned_page("The mediators said a ceasefire would take effect at midnight on Sunday, not noon on Saturday.", base)),
        _ => status(404, vec![]),
    })
}

/// The French news page as its own site serves it: a page may only name a canonical URL on its
/// own site, so the fixture's canonical host becomes the test server's.
fn news_fr(base: &str) -> Vec<u8> {
    String::from_utf8(fixture_bytes("news-fr.html")).expect("UTF-8 fixture").replace("https://courrier-caucase.example", base).into_bytes()
}

trait ReplaceBase {
    fn replace_base(self, base: &str) -> Vec<u8>;
}

impl ReplaceBase for Vec<u8> {
    fn replace_base(self, base: &str) -> Vec<u8> {
        String::from_utf8(self).expect("feed fixtures are UTF-8").replace("{{BASE}}", base).into_bytes()
    }
}

fn quick() -> FetchConfig {
    // The test server is on loopback, which only an analyst's setting lets imports reach.
    FetchConfig { timeout: Duration::from_secs(1), max_bytes: 2 << 20, max_redirects: 3, allow_private: true }
}

/// The extractor's contract on an import: the claims stored for a source are exactly what the
/// extractor finds in its stored text, each anchored on the text it quotes.
fn check_claims_follow_the_extractor(wb: &Workbench, source_id: i64, reported: Option<usize>) {
    let source = wb.store().source(source_id).expect("source stored");
    let all = wb.store().claims(&ClaimFilter { source: Some(source_id), ..Default::default() }).expect("claims");
    let stored: Vec<_> = all.into_iter().filter(|c| c.origin == Origin::Extracted).collect();
    let fresh = wb.extract_text(&source.text, source.language.as_deref()).expect("extractor runs");
    if let Some(reported) = reported {
        assert_eq!(stored.len(), reported, "the import reports the claims it stored");
    }
    assert_eq!(stored.len(), fresh.claims.len(), "imports run the extractor over the stored text of {}", source.title);
    for c in &stored {
        assert_eq!(char_slice(&source.text, c.anchor.start, c.anchor.end), c.anchor.selector.exact, "claim {} is anchored in the text", c.id);
    }
}

/// (party key, cue, stance) of each extracted claim of a source.
fn claims_of(wb: &Workbench, source_id: i64) -> Vec<(Option<String>, String, Stance)> {
    let claims = wb.store().claims(&ClaimFilter { source: Some(source_id), ..Default::default() }).expect("claims");
    claims.into_iter().filter(|c| c.origin == Origin::Extracted).map(|c| (c.speaker.party, c.cue, c.stance)).collect()
}

#[test]
fn a_news_page_imports_its_article_text_and_metadata_without_page_furniture() {
    let base = site();
    let mut wb = Workbench::in_memory().expect("store");
    let url = format!("{base}/moved");
    let outcome = wb.import_url(&url, &quick()).expect("the page imports");
    let source = wb.store().source(outcome.source_id).expect("stored");
    for kept in [
        "Erevan a démenti jeudi toute frappe contre des localités azerbaïdjanaises",
        "« Les forces armées arméniennes n'ont effectué aucun tir en direction du territoire de l'Azerbaïdjan », a déclaré la porte-parole",
        "Erevan nie cela et accuse en retour Bakou",
        "a indiqué le ministère russe des Affaires étrangères dans un communiqué",
    ] {
        assert!(source.text.contains(kept), "the article text keeps {kept:?}; got:\n{}", source.text);
    }
    for dropped in [
        "cookies", "Tout accepter", "S'abonner", "Les plus lus", "tarte aux pommes", "Vartan75", "je me désabonne", "Je me désabonne",
        "document.write", "acceptCookies", "Mentions légales", "Partager sur Facebook", "<p>", "&amp;",
    ] {
        assert!(!source.text.contains(dropped), "page furniture {dropped:?} is dropped; got:\n{}", source.text);
    }
    assert_eq!(source.title, "Haut-Karabakh : Erevan dément avoir visé le territoire azerbaïdjanais", "title from og:title / JSON-LD");
    assert_eq!(source.outlet.as_deref(), Some("Le Courrier du Caucase"), "outlet from the publisher");
    assert_eq!(source.language.as_deref(), Some("fr"), "language from <html lang>");
    assert_eq!(source.published_at.map(|t| t.to_rfc3339()).as_deref(), Some("2020-10-01T07:45:00+00:00"), "JSON-LD datePublished");
    assert_eq!(source.format, "html", "format");
    assert_eq!(source.url.as_deref(), Some(format!("{base}/news/erevan-dement").as_str()), "the final URL after the redirect");
    let p = wb.store().provenance(source.id).expect("provenance");
    assert_eq!(p.author.as_deref(), Some("Anna Petrossian"), "author from JSON-LD");
    assert_eq!(
        p.canonical_url.as_deref(),
        Some(format!("{base}/monde/2020/10/01/haut-karabakh-erevan-dement").as_str()),
        "canonical URL without utm_* or fragment"
    );
    assert!(p.retrieved_at.is_some(), "the retrieval time is recorded");
    assert_eq!(wb.store().source_raw(source.id).expect("raw"), Some(news_fr(&base)), "the fetched bytes are kept for audit");
    check_claims_follow_the_extractor(&wb, source.id, Some(outcome.claims));
    let claims = claims_of(&wb, source.id);
    for expected in [
        (Some("AM.mod".to_string()), "a déclaré".to_string(), Stance::Assert),
        (Some("AM".to_string()), "nie".to_string(), Stance::Deny),
        (Some("AZ.mod".to_string()), "avait affirmé".to_string(), Stance::Assert),
    ] {
        assert!(claims.contains(&expected), "the article's claims include {expected:?}; found {claims:?}");
    }
}

#[test]
fn windows_1252_pages_and_text_files_decode_from_their_declaration_or_their_bytes() {
    let base = site();
    let mut wb = Workbench::in_memory().expect("store");
    let page = wb.import_url(&format!("{base}/world/kharkiv-depot.html"), &quick()).expect("the 1252 page imports");
    let source = wb.store().source(page.source_id).expect("stored");
    assert!(
        source.text.contains("\u{201c}The claims of the Russian defence ministry are propaganda and have nothing to do with reality,\u{201d} ministry spokesman Oleh Nikolenko said"),
        "curly quotes decoded from windows-1252; got:\n{}",
        source.text
    );
    assert!(source.text.contains("The café owners"), "é decoded");
    assert!(!source.text.contains("Celebrity chef") && !source.text.contains("cookie"), "boxes dropped; got:\n{}", source.text);
    assert_eq!(source.language.as_deref(), Some("en"), "language from og:locale when <html lang> is absent");
    assert_eq!(source.outlet.as_deref(), Some("Black Sea Wire"), "og:site_name");
    assert_eq!(source.published_at.map(|t| t.to_rfc3339()).as_deref(), Some("2022-06-14T13:20:00+00:00"), "<time datetime>");
    assert_eq!(wb.store().provenance(source.id).expect("provenance").author.as_deref(), Some("Tomás Ferrer"), "meta author");

    let summary = wb
        .import_paths(&[fixture("depeche-1252.txt"), fixture("news-en-1252.html")], &mut ())
        .expect("batch runs");
    assert!(summary.failed.is_empty(), "both files import: {:?}", summary.failed);
    assert!(summary.imported[1].duplicate, "the saved page has the same text as the fetched one");
    let txt = wb.store().source(summary.imported[0].source_id).expect("stored");
    assert!(txt.text.contains("Le ministère azerbaïdjanais des Affaires étrangères a déclaré lundi que « l'Arménie"), "1252 text decoded: {}", txt.text);
}

#[test]
fn a_ministry_pdf_keeps_its_pages_so_claims_cite_them() {
    let base = site();
    let mut wb = Workbench::in_memory().expect("store");
    let outcome = wb.import_url(&format!("{base}/docs/mfa-statement.pdf"), &quick()).expect("the PDF imports");
    let source = wb.store().source(outcome.source_id).expect("stored");
    assert_eq!(source.format, "pdf", "format");
    assert_eq!(source.title, "Statement of the Ministry of Foreign Affairs of Armenia", "title from the PDF's Info");
    assert_eq!(source.language.as_deref(), Some("en"), "language from the catalog's /Lang");
    assert_eq!(source.published_at.map(|t| t.to_rfc3339()).as_deref(), Some("2020-10-01T08:00:00+00:00"), "CreationDate");
    let first = source.text.find("The Ministry of Foreign Affairs of Armenia strongly condemns the continued shelling").expect("page 1 text, lines joined");
    let second = source.text.find("The Ministry said that Armenia remains committed to the peaceful settlement of the conflict").expect("page 2 text");
    assert!(first < second, "reading order");
    let p = wb.store().provenance(source.id).expect("provenance");
    assert_eq!(p.pages.len(), 2, "two pages recorded: {:?}", p.pages);
    let start = source.text[..second].chars().count();
    let end = start + "The Ministry said that Armenia remains committed".chars().count();
    assert_eq!(wb.store().page_at(source.id, first).expect("page"), Some(1), "page 1 text is on page 1");
    let claim = wb
        .add_claim(source.id, start, end, Speaker { name: "Armenian MFA".into(), ..Default::default() }, "said", Stance::Assert)
        .expect("analyst claim");
    assert_eq!(wb.store().page_at(source.id, claim.anchor.start).expect("page"), Some(2), "a claim on page 2 cites page 2");
    check_claims_follow_the_extractor(&wb, source.id, Some(outcome.claims));
    let claims = wb.store().claims(&ClaimFilter { source: Some(source.id), ..Default::default() }).expect("claims");
    let pages: Vec<(String, Option<u32>)> = claims
        .iter()
        .filter(|c| c.origin == Origin::Extracted)
        .map(|c| (c.cue.clone(), wb.store().page_at(source.id, c.anchor.start).expect("page")))
        .collect();
    assert!(pages.contains(&("said".to_string(), Some(2))), "the ministry's 'said' claim cites page 2: {pages:?}");
}

#[test]
fn feeds_import_new_items_once_and_fall_back_to_the_item_text_when_its_page_is_gone() {
    let base = site();
    let mut wb = Workbench::in_memory().expect("store");
    let rss = wb.feed_add(&format!("{base}/feeds/monde.rss"), &quick()).expect("RSS feed added");
    assert_eq!(rss.title.as_deref(), Some("Le Courrier du Caucase — Monde"), "feed title");
    wb.feed_add(&format!("{base}/feeds/world.atom"), &quick()).expect("Atom feed added");
    assert!(wb.feed_add(&format!("{base}/news/erevan-dement"), &quick()).is_err(), "a page is not a feed");

    let summary = wb.feed_pull(&quick(), &mut ()).expect("pull runs");
    assert!(summary.failed.is_empty(), "every item imports: {:?}", summary.failed);
    let formats: Vec<(String, bool)> = summary
        .imported
        .iter()
        .map(|o| (wb.store().source(o.source_id).expect("stored").format, o.duplicate))
        .collect();
    assert_eq!(
        formats,
        [("html".into(), false), ("pdf".into(), false), ("feed".into(), false), ("html".into(), false), ("html".into(), true)],
        "RSS: page, PDF, fallback to content:encoded for the 404; Atom: page, then the same page via a tracking link"
    );
    let fallback = wb.store().source(summary.imported[2].source_id).expect("stored");
    assert!(fallback.text.contains("« Ces affirmations sont fausses », a répondu le ministère arménien de la Défense"), "item content: {}", fallback.text);
    assert!(!fallback.text.contains("alert"), "no script text in the fallback");
    assert_eq!(fallback.outlet.as_deref(), Some("Le Courrier du Caucase — Monde"), "the feed names the outlet");
    for o in &summary.imported {
        check_claims_follow_the_extractor(&wb, o.source_id, (!o.duplicate).then_some(o.claims));
    }

    let again = wb.feed_pull(&quick(), &mut ()).expect("second pull");
    assert_eq!((again.imported.len(), again.failed.len()), (0, 0), "a second pull finds nothing new");
    assert_eq!(wb.store().feeds().expect("feeds").iter().map(|f| f.items).sum::<i64>(), 5, "five items recorded");
}

#[test]
fn hostile_inputs_fail_one_by_one_with_a_reason_and_the_batch_goes_on() {
    let base = site();
    let mut wb = Workbench::in_memory().expect("store");
    let dir = tempfile::tempdir().expect("temp dir");
    let garbage = dir.path().join("random.bin");
    std::fs::write(&garbage, [0u8, 159, 146, 150, 0, 1, 2, 3]).expect("write");
    let check = |path: &str, reason: &str| (format!("{base}{path}"), reason.to_string());
    let cases = [
        check("/missing", "HTTP 404"),
        check("/slow", "timed out"),
        check("/loop", "redirects"),
        check("/bomb", "limit"),
        check("/logo.png", "image/png"),
        check("/broken.pdf", "PDF"),
        (garbage.display().to_string(), "binary".to_string()),
        (dir.path().join("nowhere.html").display().to_string(), "No such file".to_string()),
    ];
    let mut inputs: Vec<String> = cases.iter().map(|(i, _)| i.clone()).collect();
    inputs.insert(3, format!("{base}/news/erevan-dement"));
    inputs.push(format!("{base}/deep"));
    let summary = wb.import_inputs(&inputs, &quick(), &mut ()).expect("the batch runs");
    for (input, reason) in &cases {
        let failure = summary.failed.iter().find(|(i, _)| i == input).map(|(_, e)| e.as_str());
        assert!(failure.is_some_and(|e| e.contains(reason)), "{input} fails mentioning {reason:?}; got {failure:?}");
    }
    let imported: Vec<&str> = summary.imported.iter().map(|o| o.input.as_str()).collect();
    assert_eq!(imported, [format!("{base}/news/erevan-dement"), format!("{base}/deep")], "the good inputs import around the bad ones");
    let deep = wb.store().source(summary.imported[1].source_id).expect("stored");
    assert!(deep.text.contains("talks would resume on Monday in Geneva"), "100k nested divs import without overflowing: {}", deep.text);
    assert_eq!(wb.store().sources().expect("sources").len(), 2, "nothing half-imported");
}

#[test]
fn a_changed_article_is_kept_as_a_new_version_of_its_canonical_url() {
    let base = site();
    let mut wb = Workbench::in_memory().expect("store");
    let v1 = wb.import_url(&format!("{base}/story-v1"), &quick()).expect("v1");
    let v2 = wb.import_url(&format!("{base}/story-v2"), &quick()).expect("v2");
    let again = wb.import_url(&format!("{base}/story-v1"), &quick()).expect("v1 again");
    assert_eq!(v2.supersedes, Some(v1.source_id), "the newer text supersedes the older");
    assert!(again.duplicate && again.source_id == v1.source_id, "the same text again is a duplicate");
    let canonical = format!("{base}/story/ceasefire");
    let canonical = canonical.as_str();
    assert_eq!(wb.store().versions(canonical).expect("versions"), [v1.source_id, v2.source_id], "both versions kept, oldest first");
    let p1 = wb.store().provenance(v1.source_id).expect("provenance");
    let p2 = wb.store().provenance(v2.source_id).expect("provenance");
    assert_eq!((p1.version, p1.superseded_by), (1, Some(v2.source_id)), "v1 knows it was superseded");
    assert_eq!((p2.version, p2.supersedes), (2, Some(v1.source_id)), "v2 is version 2");
}

#[test]
fn kinds_without_a_known_extension_are_sniffed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let check = |name: &str, bytes: &[u8], format: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let doc = ingest::load(&path.display().to_string(), bytes).expect("loads");
        assert_eq!(doc.format, format, "format of {name}");
    };
    check("saved-page", &fixture_bytes("news-fr.html"), "html");
    check("statement.bin", &ministry_pdf(), "pdf");
    check("notes", "Erevan nie cela.".as_bytes(), "text");
}

#[test]
fn the_cli_imports_urls_and_pulls_feeds() {
    let base = site();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    // The server is on loopback: one run with the flag, then the analyst's setting for the rest.
    let out = super::support::run(&db, &["import", "--allow-private", &format!("{base}/news/erevan-dement"), &format!("{base}/missing"), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["imported"].as_array().map(Vec::len), Some(1), "one page imported: {v}");
    assert!(v["failed"][0]["error"].as_str().is_some_and(|e| e.contains("404")), "the 404 is reported: {v}");
    assert_eq!(out.status.code(), Some(4), "partial failure exit code");

    super::support::run_json(&db, &["config", "set", "fetch_private", "yes"]);
    let added = super::support::run_json(&db, &["feed", "add", &format!("{base}/feeds/world.atom")]);
    assert_eq!(added["feeds"][0]["title"], "Black Sea Wire — World", "feed add prints the feed: {added}");
    let pulled = super::support::run_json(&db, &["feed", "pull"]);
    assert_eq!(pulled["imported"].as_array().map(Vec::len), Some(2), "both Atom entries handled: {pulled}");
    let listed = super::support::run_json(&db, &["feed", "list"]);
    assert_eq!(listed["feeds"][0]["items"], 2, "items counted: {listed}");
}

#[test]
fn a_plain_text_dispatch_gets_its_outlet_author_and_day_from_dateline_and_byline_and_the_analyst_corrects_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let file = dir.path().join("kramatorsk.txt");
    std::fs::write(&file, "Ukraine rejects Russian claim\n\nBy Jane Smith\n\nKYIV, Mar 22, 2024 (Reuters) – Ukraine's army denied on Friday that a strike had hit its troops.").expect("write");
    crate::support::run_json(&db, &["import", file.to_str().expect("utf-8")]);
    let s = &crate::support::run_json(&db, &["sources"])["sources"][0];
    assert_eq!((s["outlet"].as_str(), s["published_at"].as_str()), (Some("Reuters"), Some("2024-03-22T00:00:00Z")), "read from the dateline: {s}");
    let mut wb = crosscheck::Workbench::open(&db).expect("open");
    assert_eq!(wb.store().provenance(1).expect("provenance").author.as_deref(), Some("Jane Smith"), "read from the byline");
    let facts = crosscheck::SourceFacts { outlet: Some("Reuters Kyiv".into()), author: Some(String::new()), published_on: None };
    assert!(matches!(wb.edit_source(1, facts.clone()), Err(crosscheck::Error::BadInput { .. })), "a correction needs the analyst's name");
    wb.set_setting("analyst", "Ana Lyst").expect("analyst");
    let s = wb.edit_source(1, facts.clone()).expect("edit");
    assert_eq!((s.outlet.as_deref(), s.published_at.map(|t| t.date_naive().to_string())), (Some("Reuters Kyiv"), Some("2024-03-22".into())), "the day kept");
    assert_eq!(wb.store().provenance(1).expect("provenance").author, None, "\"\" clears the author");
    let sentences = |wb: &crosscheck::Workbench| -> Vec<(String, String)> {
        let h = wb.history(None).expect("history");
        h.iter().filter(|e| e.change == crosscheck::model::Change::Source).map(|e| (e.sentence(&|k| k.to_string()), e.analyst.clone())).collect()
    };
    let said = vec![("source 1 «Ukraine rejects Russian claim»: outlet: Reuters → Reuters Kyiv; author: Jane Smith → none".to_string(), "Ana Lyst".to_string())];
    assert_eq!(sentences(&wb), said, "one history entry naming the facts that changed, the day kept out of it");
    wb.edit_source(1, facts).expect("the same facts again");
    let same_day = crosscheck::SourceFacts { published_on: Some(chrono::NaiveDate::from_ymd_opt(2024, 3, 22)), ..Default::default() };
    wb.edit_source(1, same_day).expect("the day it already has");
    assert_eq!(sentences(&wb), said, "nothing changed, nothing logged");
    let days = wb.claims_by_day(&Default::default()).expect("days");
    assert!(days.iter().all(|(d, _)| d.to_string() == "2024-03-22"), "claims are dated by their source's day, not the import day: {days:?}");
    drop(wb);
    let out = crate::support::run_json(&db, &["source", "edit", "1", "--date", "2024-03-21"]);
    assert_eq!(out["sources"][0]["published_at"], "2024-03-21T00:00:00Z");
    let history = crate::support::run_json(&db, &["history"]);
    let last = &history["history"].as_array().expect("entries").last().expect("an entry").clone();
    assert_eq!(last["change"], "source", "the CLI's edit is in the history too: {last}");
}
