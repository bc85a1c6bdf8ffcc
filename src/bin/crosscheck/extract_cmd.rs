//! `crosscheck extract` and `crosscheck eval`: the extractor and its scores, touching no store.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use crosscheck::extract::{self, eval, ExtractConfig};
use crosscheck::gazetteer::Gazetteer;
use crosscheck::Error;

/// Arguments of `crosscheck extract`.
#[derive(Args)]
pub struct ExtractArgs {
    /// A text file (UTF-8).
    pub file: PathBuf,
    /// Language of the text (detected when absent).
    #[arg(long)]
    pub lang: Option<String>,
}

/// Arguments of `crosscheck eval`.
#[derive(Args)]
pub struct EvalArgs {
    /// Folders of `NAME.txt` + `NAME.gold.json` files.
    pub dirs: Vec<PathBuf>,
    /// Also score on the GGT English quote set (its `articles.jsonl`).
    #[arg(long)]
    pub ggt: Option<PathBuf>,
}

fn read_text(path: &Path) -> crosscheck::Result<String> {
    let bytes = crosscheck::ingest::read_file(path)?;
    String::from_utf8(bytes)
        .map_err(|e| Error::bad_input(path.display().to_string(), format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())))
}

/// Prints the claims the extractor proposes for one file.
pub fn run_extract(args: &ExtractArgs, json: bool) -> crosscheck::Result<ExitCode> {
    if let Some(l) = &args.lang {
        if !extract::languages().contains(&l.as_str()) {
            return Err(Error::bad_input("--lang", format!("{l:?} is not one of {}", extract::languages().join(", "))));
        }
    }
    let text = crosscheck::text::normalize(&read_text(&args.file)?);
    let x = extract::extract(&text, &ExtractConfig { gazetteer: Gazetteer::builtin(), language: args.lang.as_deref() });
    if json {
        crate::output::print_json(&x);
        return Ok(ExitCode::SUCCESS);
    }
    say!("language: {}", x.language);
    for c in &x.claims {
        let countries = c.speaker.who.countries.join(",");
        let via: Vec<String> = c.via.iter().map(|v| format!("{} [{}]", v.name, v.countries.join(","))).collect();
        say!("{} [{}] {} ({}) «{}» {}{}", c.id, countries, c.speaker.who.name, c.stance.as_str(), c.text, if via.is_empty() { String::new() } else { format!(" via {}", via.join(" < ")) }, c.responds_to.as_ref().map(|r| format!(" → {r}")).unwrap_or_default());
        say!("    cue: {:?} at {}..{}{}", c.cue, c.start, c.end, if c.speaker.resolved { "" } else { " (speaker unresolved)" });
    }
    Ok(ExitCode::SUCCESS)
}

/// Scores the extractor against gold files (and the GGT set).
pub fn run_eval(args: &EvalArgs, json: bool) -> crosscheck::Result<ExitCode> {
    let g = Gazetteer::builtin();
    let report = eval::eval_dirs(&args.dirs, g)?;
    let ggt = args.ggt.as_ref().map(|p| eval::eval_ggt(p, g)).transpose()?;
    if json {
        // Each record is keyed by its gold file's name, as every listing's records carry an `id`.
        let documents: Vec<serde_json::Value> = report
            .documents
            .iter()
            .map(|d| {
                let mut o = serde_json::to_value(d).unwrap_or_default();
                o["id"] = d.document.clone().into();
                o
            })
            .collect();
        let v = serde_json::json!({"documents": documents, "overall": {
            "precision": report.precision, "recall": report.recall, "f1": report.f1,
            "stance_accuracy": report.stance_accuracy, "via_accuracy": report.via_accuracy,
            "responds_to_accuracy": report.responds_to_accuracy, "counts": report.overall}, "languages": report.languages, "ggt": ggt});
        crate::output::print_json(&v);
        return Ok(ExitCode::SUCCESS);
    }
    for d in &report.documents {
        say!("{}: P {:.3} R {:.3} F1 {:.3} ({} gold, {} predicted, {} matched)", d.document, d.precision, d.recall, d.f1, d.counts.gold, d.counts.predicted, d.counts.matched);
        for (label, list) in [("missed", &d.missed), ("spurious", &d.spurious), ("wrong", &d.wrong), ("forbidden", &d.forbidden)] {
            if !list.is_empty() {
                say!("    {label}: {}", list.join(" | "));
            }
        }
    }
    for l in &report.languages {
        let c = &l.counts;
        say!(
            "{}: P {:.3} R {:.3} F1 {:.3}; stance {}/{}, via {}/{}, responds_to {}/{}; forbidden {}",
            l.language, c.precision(), c.recall(), l.f1, c.stance_ok, c.matched, c.via_ok, c.via_total, c.responds_ok, c.responds_total, c.forbidden
        );
    }
    say!(
        "overall: P {:.3} R {:.3} F1 {:.3}; stance {:.3}, via {:.3}, responds_to {:.3}; forbidden {}",
        report.precision, report.recall, report.f1, report.stance_accuracy, report.via_accuracy, report.responds_to_accuracy, report.overall.forbidden
    );
    if let Some(g) = ggt {
        say!(
            "ggt: {} articles, {} gold quotes, {} predicted; overlap 0.3: P {:.3} R {:.3} F1 {:.3}; overlap 0.8: P {:.3} R {:.3}; speaker accuracy {:.3}",
            g.articles, g.gold, g.predicted, g.precision, g.recall, g.f1, g.precision_08, g.recall_08, g.speaker_accuracy
        );
    }
    Ok(ExitCode::SUCCESS)
}
