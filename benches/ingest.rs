//! Web-page import throughput: 1,000 generated news pages (~25 KB each: navigation, cookie
//! banner, JSON-LD, a "most read" box, comments, scripts around a ~3 KB article) read with
//! Readability and imported into a fresh file store, against the baseline of importing the same
//! article text as plain `.txt` files, side by side. A second group isolates reading (no store).

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::ingest;
use crosscheck::Workbench;

const PAGES: usize = 1_000;

/// The article text of page `i`: reported speech, different for every `i`.
fn article(i: usize) -> Vec<String> {
    let places = ["Tavush", "Tovuz", "Kharkiv", "Donetsk", "Terter", "Stepanakert", "Zaporizhzhia", "Kherson"];
    let place = places[i % places.len()];
    let mut paras = vec![
        format!("The defence ministry said on Tuesday that {} drones were shot down near {place} overnight, in dispatch {i}.", i % 40),
        format!("\u{201c}Our forces repelled the attack,\u{201d} the ministry spokesman told reporters, adding that {} soldiers were wounded.", i % 9),
        format!("The other side denied the claim and said {} civilians were wounded in shelling of {place}, according to local officials.", i % 13),
    ];
    while paras.iter().map(String::len).sum::<usize>() < 3000 {
        paras.push(format!(
            "Observers in {place} reported shelling in sector {i} for the {n}th night, and the foreign ministry stated that talks would resume in Geneva.",
            n = paras.len()
        ));
    }
    paras
}

fn page(i: usize) -> String {
    let paras = article(i);
    let title = format!("Fighting near {} — dispatch {i}", paras[0].split(" near ").nth(1).unwrap_or("").split(' ').next().unwrap_or(""));
    let mut s = format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Wire</title>
<link rel="canonical" href="https://wire.example/world/{i}?utm_source=rss">
<meta property="og:site_name" content="Wire"><meta property="article:published_time" content="2022-06-14T16:20:00+03:00">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}","datePublished":"2022-06-14T16:20:00+03:00","author":{{"name":"Desk {i}"}},"publisher":{{"name":"Wire"}}}}</script>
<script>window.dataLayer=[];function t(){{document.write('<img src=x>')}}</script><style>.b{{color:red}}</style></head>
<body onload="t()"><div id="cookie-banner" class="gdpr banner"><p>We use cookies to personalise ads. Accept all?</p><button>OK</button></div>
<header class="site-header"><nav class="menu"><ul>"#
    );
    for section in ["World", "Politics", "Business", "Markets", "Tech", "Sport", "Culture", "Opinion", "Video", "Podcasts"] {
        s.push_str(&format!("<li><a href=\"/{section}\">{section}</a></li>"));
    }
    s.push_str(&format!("</ul></nav></header><main><article><h1>{title}</h1><p class=\"byline\">By Desk {i}</p><div class=\"body\">"));
    for p in &paras {
        s.push_str(&format!("<p>{p}</p>"));
    }
    s.push_str("</div></article><aside class=\"sidebar most-read\"><h2>Most read</h2><ol>");
    for k in 0..10 {
        s.push_str(&format!("<li><a href=\"/s{k}\">Markets slide as data surprises, story {k} of the day with a long headline</a></li>"));
    }
    s.push_str("</ol></aside><section id=\"comments\" class=\"comments\">");
    for k in 0..20 {
        s.push_str(&format!("<div class=\"comment\"><p class=\"author\">reader{k}</p><p>I disagree with this coverage, comment number {k}, it is one-sided and the editors should know better.</p></div>"));
    }
    s.push_str("</section></main><footer class=\"site-footer\"><p>© Wire. Terms. Privacy. Contact.</p></footer>");
    s.push_str(&"<script>(function(){var a=[];for(var i=0;i<100;i++){a.push(i)}})();</script>".repeat(40));
    s.push_str("</body></html>");
    s
}

/// Reads every input and imports it into a fresh file store (one transaction per input, raw
/// bytes kept); times reading plus importing, not opening the store.
fn read_and_import(set: &[(String, Vec<u8>)]) -> Duration {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut wb = Workbench::open(&dir.path().join("bench.db")).expect("store opens");
    let gazetteer = wb.gazetteer().expect("gazetteer");
    let start = Instant::now();
    for (name, bytes) in set {
        let doc = ingest::load(name, bytes).expect("generated input loads");
        wb.import_document(doc, Some(bytes.clone()), &gazetteer).expect("import");
    }
    start.elapsed()
}

fn bench(c: &mut Criterion) {
    let pages: Vec<(String, Vec<u8>)> = (0..PAGES).map(|i| (format!("p{i}.html"), page(i).into_bytes())).collect();
    let texts: Vec<(String, Vec<u8>)> = (0..PAGES).map(|i| (format!("p{i}.txt"), article(i).join("\n\n").into_bytes())).collect();
    let load = |set: &[(String, Vec<u8>)]| -> Vec<ingest::Document> {
        set.iter().map(|(n, b)| ingest::load(n, b).expect("generated input loads")).collect()
    };
    let sample = ingest::load("p0.html", &pages[0].1).expect("a page loads");
    assert!(
        sample.text.contains(&article(0)[1]) && !sample.text.contains("cookies") && !sample.text.contains("comment number"),
        "the generated page reads back as its article only: {}",
        sample.text
    );

    let mut g = c.benchmark_group("read_1k_pages");
    g.sample_size(10).measurement_time(Duration::from_secs(20)).throughput(Throughput::Elements(PAGES as u64));
    g.bench_function("baseline_plain_text", |b| b.iter(|| load(&texts)));
    g.bench_function("html_readability", |b| b.iter(|| load(&pages)));
    g.finish();

    let mut g = c.benchmark_group("import_1k_pages");
    g.sample_size(10).measurement_time(Duration::from_secs(30)).throughput(Throughput::Elements(PAGES as u64));
    g.bench_function("baseline_plain_text", |b| b.iter_custom(|n| (0..n).map(|_| read_and_import(&texts)).sum()));
    g.bench_function("html_readability", |b| b.iter_custom(|n| (0..n).map(|_| read_and_import(&pages)).sum()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
