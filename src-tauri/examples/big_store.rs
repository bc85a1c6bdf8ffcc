//! Fills a store with N claims (default 100,000) through the core API, to measure the desktop
//! app on a large workspace: `cargo run --release -p crosscheck-desktop --example big_store -- PATH [N]`.

use std::path::PathBuf;
use std::time::Instant;

use crosscheck::ingest;
use crosscheck::model::{Speaker, Stance};
use crosscheck::Workbench;

const PER_SOURCE: usize = 200;
const SPEAKERS: [&str; 5] = ["Bakou", "Erevan", "Moscou", "Ankara", "Paris"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or("usage: big_store PATH [N]")?);
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(100_000);
    let started = Instant::now();
    let mut wb = Workbench::open(&path)?;
    let gazetteer = wb.gazetteer()?;
    let sentence = "Le ministère a déclaré que la situation à la frontière restait tendue après les tirs de la nuit. ";
    let len = sentence.chars().count();
    let mut made = 0;
    let mut s = 0;
    while made < n {
        let text = format!("Dépêche {s}\n\n{}", sentence.repeat(PER_SOURCE));
        let offset = format!("Dépêche {s}\n\n").chars().count();
        let mut doc = ingest::load(&format!("dispatch-{s}.txt"), text.as_bytes())?;
        doc.published_at = Some(format!("2024-{:02}-{:02}T08:00:00Z", 1 + s % 12, 1 + s % 28).parse()?);
        let id = wb.import_document(doc, None, &gazetteer)?.source_id;
        for k in 0..PER_SOURCE.min(n - made) {
            let start = offset + k * len + 15;
            let speaker = Speaker { name: SPEAKERS[(s + k) % SPEAKERS.len()].to_string(), ..Default::default() };
            wb.add_claim(id, start, start + 60, speaker, "a déclaré", Stance::ALL[k % Stance::ALL.len()])?;
            made += 1;
        }
        s += 1;
    }
    eprintln!("{made} claims in {s} sources written to {} in {:.1} s", path.display(), started.elapsed().as_secs_f64());
    Ok(())
}
