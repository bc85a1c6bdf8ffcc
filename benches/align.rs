//! Candidate detection at scale: reading the features of 10,000 and 100,000 generated claims and
//! proposing cross-party candidates through the inverted index, side by side. The target: 100k
//! within 5 s, and ten times the claims for at most fifteen times the time (the ratio is printed
//! after criterion's report).

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use crosscheck::align::candidates::{propose, CandidateConfig, ClaimRef, Features};
use crosscheck::align::facts::Lexicon;
use crosscheck::gazetteer::Gazetteer;
use crosscheck::model::Speaker;

/// A small deterministic generator (xorshift), so every run sees the same claims.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards small values, as word frequencies are.
    fn zipfish(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
}

const SIDES: &[(&str, &str, &str, &str)] = &[
    ("AM", "Armenian", "AZ", "Azerbaijani"),
    ("RU", "Russian", "UA", "Ukrainian"),
    ("IN", "Indian", "PK", "Pakistani"),
    ("IL", "Israeli", "LB", "Lebanese"),
    ("ET", "Ethiopian", "ER", "Eritrean"),
    ("RS", "Serbian", "XK", "Kosovar"),
];
const UNITS: &[&str] = &["drones", "missiles", "soldiers", "civilians", "tanks", "shells", "villages", "positions"];
const VERBS: &[&str] = &["shelled", "attacked", "destroyed", "shot down", "captured", "struck", "fired at", "hit"];
const MONTHS: &[&str] = &["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SYLLABLES: &[&str] = &["ta", "vu", "sh", "ko", "rin", "del", "mar", "zo", "ba", "kel", "ny", "os", "tri", "gan", "lu", "ver"];

fn word(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect()
}

/// `n` claims: events of two to four claims by opposing parties in different sources, each
/// naming a place, a day, a count and a few content words from a skewed vocabulary.
fn generate(n: usize) -> Vec<(i64, i64, String, Speaker)> {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let places: Vec<String> = (0..(n / 20).max(50)).map(|_| {
        let mut w = word(&mut rng, 3);
        w[..1].make_ascii_uppercase();
        w
    }).collect();
    let vocab: Vec<String> = (0..5000)
        .map(|_| {
            let len = 2 + rng.below(2);
            word(&mut rng, len)
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let (a, da, b, db) = SIDES[rng.below(SIDES.len())];
        let place = &places[rng.zipfish(places.len())];
        let (day, month) = (1 + rng.below(28), MONTHS[rng.below(12)]);
        let unit = UNITS[rng.below(UNITS.len())];
        for k in 0..2 + rng.below(3) {
            let (speaker, accused, victim) = if k % 2 == 0 { (a, db, da) } else { (b, da, db) };
            let words: Vec<&str> = (0..6).map(|_| vocab[rng.zipfish(vocab.len())].as_str()).collect();
            let text = format!(
                "{accused} forces {} {} {unit} and {victim} positions near {place} on {day} {month}, {}",
                VERBS[rng.below(VERBS.len())],
                1 + rng.below(40),
                words.join(" ")
            );
            let id = out.len() as i64 + 1;
            let sp = Speaker { name: format!("{speaker} defence ministry"), party: Some(format!("{speaker}.mod")), countries: vec![speaker.to_string()] };
            out.push((id, id, text, sp)); // one source per claim: every pair is cross-source
            if out.len() == n {
                break;
            }
        }
    }
    out
}

fn detect(claims: &[(i64, i64, String, Speaker)]) -> usize {
    let (g, lex) = (Gazetteer::builtin(), Lexicon::builtin());
    let features: Vec<Features> = claims
        .iter()
        .map(|(id, source_id, text, speaker)| Features::new(ClaimRef { id: *id, source_id: *source_id, text, speaker }, g, lex))
        .collect();
    propose(&features, &CandidateConfig::default()).len()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("align_candidates");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    for n in [10_000usize, 100_000] {
        let claims = generate(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &claims, |b, claims| b.iter(|| detect(claims)));
    }
    g.finish();
}

/// Best of three timed runs.
fn best(claims: &[(i64, i64, String, Speaker)]) -> (Duration, usize) {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let found = detect(claims);
            (t.elapsed(), found)
        })
        .min_by_key(|(d, _)| *d)
        .unwrap_or_default()
}

fn main() {
    if std::env::var_os("ALIGN_PROFILE").is_some() {
        let claims = generate(20_000);
        let (g, lex) = (Gazetteer::builtin(), Lexicon::builtin());
        let t = Instant::now();
        for (_, _, text, _) in &claims { std::hint::black_box(crosscheck::align::facts::facts(text, g, lex)); }
        println!("facts {:?}", t.elapsed());
        let t = Instant::now();
        let features: Vec<Features> = claims.iter().map(|(id, s, text, sp)| Features::new(ClaimRef { id: *id, source_id: *s, text, speaker: sp }, g, lex)).collect();
        println!("features {:?}", t.elapsed());
        let t = Instant::now();
        let n = propose(&features, &CandidateConfig::default()).len();
        println!("propose {:?} {n}", t.elapsed());
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
    let (small, large) = (generate(10_000), generate(100_000));
    let ((t10, f10), (t100, f100)) = (best(&small), best(&large));
    println!("\nalign_candidates, best of 3:");
    println!("  {:>8} claims  {:>9.3} s  {:>7} candidates", 10_000, t10.as_secs_f64(), f10);
    println!("  {:>8} claims  {:>9.3} s  {:>7} candidates", 100_000, t100.as_secs_f64(), f100);
    println!("  ratio 100k/10k: {:.2}x time for 10x claims (target: at most 15x; 100k target: at most 5 s)", t100.as_secs_f64() / t10.as_secs_f64());
}
