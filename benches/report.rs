//! Report export: a workspace of 10,000 claims (500 sources × 20 claims, half of them judged,
//! a fifth with evidence) built into an audit report (every claim) and rendered in every format,
//! PDF included, against the baseline of listing the same claims from the store and serializing
//! them as plain JSON. The publication report (the judged half) is rendered as HTML and PDF too.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::model::{Speaker, Stance};
use crosscheck::report::{self, Format, Kind, ReportConfig};
use crosscheck::store::ClaimFilter;
use crosscheck::model::{NewEvidence, NewEvidenceKind, Relation, Target};
use crosscheck::{ingest, Workbench};

const SOURCES: usize = 500;
const PER_SOURCE: usize = 20;
const VERDICTS: [&str; 6] = ["true", "mostly_true", "mixed", "mostly_false", "false", "unproven"];

fn workspace() -> Workbench {
    let mut wb = Workbench::in_memory().expect("store");
    wb.set_setting("analyst", "Bench").expect("analyst");
    let gazetteer = wb.gazetteer().expect("gazetteer");
    let speakers = [("Azerbaijan", "AZ"), ("Armenia", "AM"), ("Russia", "RU"), ("Ukraine", "UA")];
    let mut n = 0usize;
    for s in 0..SOURCES {
        let mut text = String::new();
        for i in 0..PER_SOURCE {
            // No cue of speech: the extractor proposes nothing, the claims are the ones added below.
            text.push_str(&format!("Statement {s}-{i}: {i} drones were shot down near sector {s}. "));
        }
        let doc = ingest::load(&format!("s{s}.txt"), text.as_bytes()).expect("loads");
        let source = wb.import_document(doc, None, &gazetteer).expect("import").source_id;
        let chars: Vec<char> = text.chars().collect();
        let mut start = 0;
        for i in 0..PER_SOURCE {
            let end = start + chars[start..].iter().position(|c| *c == '.').unwrap_or(10) + 1;
            let (name, key) = speakers[i % speakers.len()];
            let speaker = Speaker { name: name.into(), party: Some(key.into()), countries: vec![] };
            let claim = wb.add_claim(source, start, end, speaker, "said", Stance::Assert).expect("claim").id;
            if n.is_multiple_of(2) {
                wb.set_verdict(claim, VERDICTS[n % VERDICTS.len()], "bench").expect("verdict");
            }
            if n.is_multiple_of(5) {
                let e = NewEvidence {
                    target: Target::Claim(claim),
                    relation: Relation::Refutes,
                    kind: NewEvidenceKind::Url(format!("https://example.org/e/{n}")),
                    note: String::new(),
                };
                wb.add_evidence(e).expect("evidence");
            }
            n += 1;
            start = end + 1;
        }
    }
    wb.set_setting("publish_url", "https://example.org/report").expect("url");
    wb
}

fn bench(c: &mut Criterion) {
    let wb = workspace();
    // The audit report lists all 10,000 claims; the publication report the judged 5,000.
    let config = ReportConfig { kind: Kind::Audit, ..Default::default() };
    let claims = (SOURCES * PER_SOURCE) as u64;
    let mut g = c.benchmark_group("report_10k_claims");
    g.sample_size(10).measurement_time(Duration::from_secs(10)).throughput(Throughput::Elements(claims));
    g.bench_function("baseline_claims_as_json", |b| {
        b.iter(|| serde_json::to_vec(&wb.store().claims(&ClaimFilter::default()).expect("claims")).expect("json"))
    });
    g.bench_function("build", |b| b.iter(|| wb.report(&config).expect("report")));
    let built = wb.report(&config).expect("report");
    assert_eq!(built.claims.len() as u64, claims, "every claim is in the report");
    for (name, format) in [
        ("render_md", Format::Markdown),
        ("render_html", Format::Html),
        ("render_json", Format::Json),
        ("render_csv", Format::Csv),
        ("render_claimreview", Format::ClaimReview),
        ("render_pdf", Format::Pdf),
    ] {
        g.bench_function(name, |b| b.iter(|| report::render(&built, format).expect("render")));
    }
    let publication = wb.report(&ReportConfig::default()).expect("report");
    assert_eq!(publication.claims.len() as u64, claims / 2, "the judged half is published");
    // REPORT_BENCH_SAVE=DIR keeps one of each report to look at (page count, layout).
    if let Some(dir) = std::env::var_os("REPORT_BENCH_SAVE") {
        let dir = std::path::PathBuf::from(dir);
        for (name, report, format) in
            [("audit.pdf", &built, Format::Pdf), ("audit.html", &built, Format::Html), ("publication.pdf", &publication, Format::Pdf)]
        {
            std::fs::write(dir.join(name), report::render(report, format).expect("render")).expect("write");
        }
    }
    for (name, format) in [("publication_render_html", Format::Html), ("publication_render_pdf", Format::Pdf)] {
        g.bench_function(name, |b| b.iter(|| report::render(&publication, format).expect("render")));
    }
    for (name, format) in [("export_html", Format::Html), ("export_json", Format::Json), ("export_csv", Format::Csv)] {
        g.bench_function(name, |b| b.iter(|| wb.export(&config, format).expect("export")));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
