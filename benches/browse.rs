//! The Claims view over 100,000 claims, as the app asks for it: one page (200 rows) of the review
//! queue (lowest confidence first), sorted on a column, filtered by party, speaker, review state or
//! words, a deep page; the ids of a Shift-click range of 50,000 rows; accepting 200 claims at once
//! and sending them back to review. Reading order, the view's only order before the review
//! queue, is the baseline printed beside. Run: `cargo bench --bench browse` (builds the store
//! once, ~1–2 minutes, then times each query as the median of 7 runs).

use std::time::{Duration, Instant};

use crosscheck::ingest::Document;
use crosscheck::model::ReviewState;
use crosscheck::store::{ClaimFilter, ClaimOrder, ClaimSort, DateSpan};
use crosscheck::Workbench;

const DOCS: usize = 2_000;
const SENTENCES: usize = 50;
const SPEAKERS: &[&str] = &[
    "Le ministère arménien de la Défense",
    "Le ministère azerbaïdjanais de la Défense",
    "Moscou",
    "Kiev",
    "Un témoin",
    "Le porte-parole du gouvernement turc",
    "Un habitant",
    "Téhéran",
];
const PLACES: &[&str] = &["Tavush", "Jermuk", "Kalbajar", "Sotk", "Kramatorsk", "Bakhmut", "Tovuz", "Latchine"];

fn document(i: usize) -> Document {
    let mut text = format!("Dépêche {i}\n\n");
    for s in 0..SENTENCES {
        let k = i * SENTENCES + s;
        let speaker = SPEAKERS[k % SPEAKERS.len()];
        let place = PLACES[(k / 7) % PLACES.len()];
        text.push_str(&format!("{speaker} a affirmé que {} soldats avaient été tués près de {place} le {} septembre. ", k % 97 + 2, k % 28 + 1));
        if s % 5 == 4 {
            text.push('\n');
        }
    }
    Document { title: format!("Dépêche {i}"), format: "text".into(), language: Some("fr".into()), text, ..Default::default() }
}

fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[3]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut wb = Workbench::open(&dir.path().join("browse.db")).expect("store");
    let gaz = wb.gazetteer().expect("gazetteer");
    let t = Instant::now();
    for i in 0..DOCS {
        wb.import_document(document(i), None, &gaz).expect("import");
    }
    let total = wb.claim_count().expect("count");
    println!("store: {total} claims from {DOCS} documents, built in {:.1} s", t.elapsed().as_secs_f64());
    wb.set_setting("analyst", "Bench").expect("analyst");

    let page = |wb: &Workbench, filter: ClaimFilter, offset: usize| {
        let p = wb.claims_page(&filter, &DateSpan::default(), offset, 200).expect("page");
        assert!(!p.claims.is_empty() || p.total <= offset, "a page holds rows");
        p.total
    };
    let sorted = |by| ClaimFilter { order: ClaimOrder { by, descending: false }, ..Default::default() };
    let queue = || ClaimFilter { queue: true, order: ClaimOrder::QUEUE, ..Default::default() };
    let cases: Vec<(&str, ClaimFilter, usize)> = vec![
        ("all claims, reading order (baseline), first page", ClaimFilter::default(), 0),
        ("all claims, reading order (baseline), page at 90,000", ClaimFilter::default(), 90_000),
        ("review queue, lowest confidence first, first page", queue(), 0),
        ("review queue, page at 50,000", queue(), 50_000),
        ("sort by speaker", sorted(ClaimSort::Speaker), 0),
        ("sort by party", sorted(ClaimSort::Party), 0),
        ("sort by verdict", sorted(ClaimSort::Verdict), 0),
        ("sort by source date", sorted(ClaimSort::Date), 0),
        ("filter party AM (state with its institutions)", ClaimFilter { party: Some("AM".into()), ..Default::default() }, 0),
        ("filter words \"Jermuk soldats\"", ClaimFilter { query: Some("Jermuk soldats".into()), ..Default::default() }, 0),
        ("queue + words \"Jermuk\"", ClaimFilter { query: Some("Jermuk".into()), ..queue() }, 0),
        ("queue + party AM", ClaimFilter { party: Some("AM".into()), ..queue() }, 0),
        ("sort by speaker, words \"Jermuk\"", ClaimFilter { query: Some("Jermuk".into()), ..sorted(ClaimSort::Speaker) }, 0),
        ("filter speaker \"témoin\"", ClaimFilter { speaker: Some("témoin".into()), ..Default::default() }, 0),
        ("filter speaker \"ministère arménien\", sort by date", ClaimFilter { speaker: Some("ministère arménien".into()), ..sorted(ClaimSort::Date) }, 0),
        ("filter review state reviewed", ClaimFilter { review: Some(ReviewState::Reviewed), ..Default::default() }, 0),
    ];
    println!("{:<58} {:>10} {:>9}", "query (200 rows)", "median", "matching");
    for (name, filter, offset) in cases {
        let mut n = 0;
        let d = median(|| n = page(&wb, filter.clone(), offset));
        println!("{name:<58} {:>7.1} ms {n:>9}", d.as_secs_f64() * 1000.0);
    }
    let first: Vec<i64> = wb
        .claims_page(&ClaimFilter { queue: true, party: Some("AM".into()), order: ClaimOrder::QUEUE, ..Default::default() }, &DateSpan::default(), 0, 200)
        .expect("page")
        .claims
        .iter()
        .map(|c| c.id)
        .collect();
    let t = Instant::now();
    let changed = wb.set_review(&first, ReviewState::Reviewed, "bulk").expect("accept");
    println!("{:<58} {:>7.1} ms {changed:>9}", "accept 200 claims in one transaction", t.elapsed().as_secs_f64() * 1000.0);
    let t = Instant::now();
    let changed = wb.set_review(&first, ReviewState::ToReview, "bulk").expect("send back");
    println!("{:<58} {:>7.1} ms {changed:>9}", "send the 200 back to review in one transaction", t.elapsed().as_secs_f64() * 1000.0);
    for (name, filter) in [("ids of a Shift-click range, rows 0..50,000, reading order", ClaimFilter::default()), ("ids of a Shift-click range, rows 0..50,000, by speaker", sorted(ClaimSort::Speaker))] {
        let mut n = 0;
        let d = median(|| n = wb.claim_ids(&filter, &DateSpan::default(), 0, 50_000).expect("ids").len());
        println!("{name:<58} {:>7.1} ms {n:>9}", d.as_secs_f64() * 1000.0);
    }
}
