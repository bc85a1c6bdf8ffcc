//! Scoring the extractor against gold files (`NAME.txt` + `NAME.gold.json`, conventions in the
//! shared corpus GUIDELINES), and against the GGT English quote set (quote spans by char overlap).
//!
//! A predicted claim matches a gold claim when its speaker's countries equal the gold countries (as
//! sets) and its content holds the gold `contains` passage, or, for a bare denial, its cue holds the
//! gold cue's verb and the stances agree. Matches are one to one, in gold order; optional gold claims
//! neither reward nor punish. Stance, via and responds_to are scored on matched claims.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{extract, ExtractConfig, ExtractedClaim, Extraction};
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn list(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct GoldClaim {
    id: String,
    #[serde(default)]
    country: Option<OneOrMany>,
    #[serde(default)]
    cue: String,
    #[serde(default)]
    cue_verb: Option<String>,
    #[serde(default)]
    stance: Option<String>,
    #[serde(default)]
    contains: Option<String>,
    #[serde(default)]
    via: Vec<String>,
    #[serde(default)]
    responds_to: Option<OneOrMany>,
    #[serde(default)]
    optional: bool,
}

#[derive(Debug, Clone, Deserialize)]
struct NotClaim {
    contains: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Gold {
    #[serde(default)]
    language: Option<String>,
    claims: Vec<GoldClaim>,
    #[serde(default)]
    not_claims: Vec<NotClaim>,
}

/// Counts over one document or many.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Required gold claims.
    pub gold: usize,
    /// Predicted claims, less those matched to optional gold claims.
    pub predicted: usize,
    /// Required gold claims matched.
    pub matched: usize,
    /// Matched claims whose stance is right.
    pub stance_ok: usize,
    /// Matched claims whose via chain is right.
    pub via_ok: usize,
    /// Required gold claims that name relays (`via` is scored on these).
    pub via_total: usize,
    /// Matched claims whose responds_to is right.
    pub responds_ok: usize,
    /// Required gold claims that answer another (`responds_to` is scored on these).
    pub responds_total: usize,
    /// Predicted claims that attribute a forbidden passage.
    pub forbidden: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.stance_ok += o.stance_ok;
        self.via_ok += o.via_ok;
        self.via_total += o.via_total;
        self.responds_ok += o.responds_ok;
        self.responds_total += o.responds_total;
        self.forbidden += o.forbidden;
    }

    /// Matched over predicted (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    /// Matched over gold (1 when there is no gold).
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The score of one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocScore {
    /// The text file.
    pub document: String,
    /// Counts.
    pub counts: Counts,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Gold ids not found.
    pub missed: Vec<String>,
    /// Predicted ids that match no gold claim.
    pub spurious: Vec<String>,
    /// Gold ids matched with a wrong stance, via or responds_to, with what was wrong.
    pub wrong: Vec<String>,
    /// `not_claims` passages that were attributed.
    pub forbidden: Vec<String>,
}

/// Scores of the documents in one language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageScore {
    /// ISO 639-1 code (the gold file's, else the detected one).
    pub language: String,
    /// Summed counts.
    pub counts: Counts,
    /// F1 over these documents.
    pub f1: f64,
}

/// Scores over a set of documents.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Per language, in order of first document.
    pub languages: Vec<LanguageScore>,
    /// Per document.
    pub documents: Vec<DocScore>,
    /// Summed counts.
    pub overall: Counts,
    /// Overall precision.
    pub precision: f64,
    /// Overall recall.
    pub recall: f64,
    /// Overall F1.
    pub f1: f64,
    /// Stance accuracy on matched claims.
    pub stance_accuracy: f64,
    /// Via accuracy on required gold claims that name relays.
    pub via_accuracy: f64,
    /// responds_to accuracy on required gold claims that answer another.
    pub responds_to_accuracy: f64,
}

/// The shared scorer's normalisation (`score.py`): NFC, lower case, one apostrophe, one double
/// quotation mark, single spaces. Accents count, as they do there.
fn norm(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let unified: String = s
        .nfc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' | '‘' | '`' | '´' => '\'',
            '«' | '»' | '“' | '”' | '„' => '"',
            c => c,
        })
        .collect();
    unified.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same_countries(pred: &[String], gold: &[String]) -> bool {
    let mut a: Vec<String> = pred.iter().map(|c| c.to_uppercase()).collect();
    let mut b: Vec<String> = gold.iter().map(|c| c.to_uppercase()).collect();
    a.sort();
    a.dedup();
    b.sort();
    b.dedup();
    a == b
}

/// Scores one document exactly as the guidelines' scorer does: gold claims with a passage are
/// matched first (so a bare denial cannot take a claim a passage needs), one to one, in gold order;
/// a prediction matching an optional claim is neither rewarded nor punished; stance is counted on
/// matched required claims, `via` and `responds_to` only on required claims that have them.
fn score_doc(name: &str, x: &Extraction, gold: &Gold) -> DocScore {
    let mut used = vec![false; x.claims.len()];
    let mut pair: HashMap<usize, usize> = HashMap::new(); // gold index → pred
    let texts: Vec<String> = x.claims.iter().map(|c| norm(&c.text)).collect();
    let cues: Vec<String> = x.claims.iter().map(|c| norm(&c.cue)).collect();
    let matches = |g: &GoldClaim, p: &ExtractedClaim, k: usize| {
        let countries = g.country.as_ref().map(OneOrMany::list).unwrap_or_default();
        if !same_countries(&p.speaker.who.countries, &countries) {
            return false;
        }
        match &g.contains {
            Some(c) if !c.is_empty() => texts[k].contains(&norm(c)),
            _ => {
                let verb = g.cue_verb.clone().unwrap_or_else(|| g.cue.split(' ').next_back().unwrap_or("").to_string());
                let head = norm(&verb).trim_matches('"').to_string();
                cues[k].contains(&head) && g.stance.as_deref() == Some(p.stance.as_str())
            }
        }
    };
    let has_passage = |g: &GoldClaim| g.contains.as_deref().is_some_and(|c| !c.is_empty());
    let order: Vec<usize> = (0..gold.claims.len()).filter(|&i| has_passage(&gold.claims[i])).chain((0..gold.claims.len()).filter(|&i| !has_passage(&gold.claims[i]))).collect();
    for gi in order {
        let g = &gold.claims[gi];
        if let Some(k) = (0..x.claims.len()).find(|&k| !used[k] && matches(g, &x.claims[k], k)) {
            used[k] = true;
            pair.insert(gi, k);
        }
    }
    let mut counts = Counts::default();
    let mut d = DocScore {
        document: name.to_string(),
        counts: Counts::default(),
        precision: 0.0,
        recall: 0.0,
        f1: 0.0,
        missed: Vec::new(),
        spurious: Vec::new(),
        wrong: Vec::new(),
        forbidden: Vec::new(),
    };
    let required: Vec<usize> = (0..gold.claims.len()).filter(|&i| !gold.claims[i].optional).collect();
    counts.gold = required.len();
    counts.predicted = x.claims.len() - pair.values().count() + required.iter().filter(|gi| pair.contains_key(gi)).count();
    let paired: std::collections::HashSet<usize> = pair.values().copied().collect();
    for (k, p) in x.claims.iter().enumerate() {
        if !paired.contains(&k) {
            d.spurious.push(p.id.clone());
        }
    }
    for &gi in &required {
        let g = &gold.claims[gi];
        let Some(&k) = pair.get(&gi) else {
            d.missed.push(g.id.clone());
            if !g.via.is_empty() {
                counts.via_total += 1;
            }
            if g.responds_to.is_some() {
                counts.responds_total += 1;
            }
            continue;
        };
        let p = &x.claims[k];
        counts.matched += 1;
        let mut wrong = Vec::new();
        if g.stance.as_deref() == Some(p.stance.as_str()) {
            counts.stance_ok += 1;
        } else {
            wrong.push(format!("stance {} (gold {})", p.stance.as_str(), g.stance.as_deref().unwrap_or("")));
        }
        if !g.via.is_empty() {
            counts.via_total += 1;
            let via: Vec<String> = p.via.iter().filter_map(|v| v.countries.first().map(|c| c.to_uppercase())).take(g.via.len()).collect();
            let want: Vec<String> = g.via.iter().map(|c| c.to_uppercase()).collect();
            if via == want {
                counts.via_ok += 1;
            } else {
                wrong.push(format!("via {via:?} (gold {want:?})"));
            }
        }
        if let Some(want) = &g.responds_to {
            counts.responds_total += 1;
            let targets: Vec<&str> = want.list().iter().filter_map(|t| gold.claims.iter().position(|c| &c.id == t)).filter_map(|ti| pair.get(&ti)).map(|&pk| x.claims[pk].id.as_str()).collect();
            if p.responds_to.as_deref().is_some_and(|r| targets.contains(&r)) {
                counts.responds_ok += 1;
            } else {
                wrong.push(format!("responds_to {:?} (gold {:?})", p.responds_to, want.list()));
            }
        }
        if !wrong.is_empty() {
            d.wrong.push(format!("{}: {}", g.id, wrong.join("; ")));
        }
    }
    // A passage an analyst must not attribute, attributed to a party with a state.
    for nc in &gold.not_claims {
        let needle = norm(&nc.contains);
        for (k, t) in texts.iter().enumerate() {
            if t.contains(&needle) && !x.claims[k].speaker.who.countries.is_empty() {
                d.forbidden.push(nc.contains.clone());
                counts.forbidden += 1;
            }
        }
    }
    d.precision = counts.precision();
    d.recall = counts.recall();
    d.f1 = counts.f1();
    d.counts = counts;
    d
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })
}

/// Gold files (`*.gold.json` with their `.txt`) under `dirs`, in name order.
fn gold_files(dirs: &[PathBuf]) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut out = Vec::new();
    for dir in dirs {
        let entries = std::fs::read_dir(dir).map_err(|source| Error::Io { path: dir.clone(), source })?;
        let mut golds: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
            .collect();
        golds.sort();
        for g in golds {
            let name = g.file_name().map(|n| n.to_string_lossy().replace(".gold.json", ".txt")).unwrap_or_default();
            out.push((g.with_file_name(name), g));
        }
    }
    Ok(out)
}

/// Scores the extractor on every gold file under `dirs`.
pub fn eval_dirs(dirs: &[PathBuf], gazetteer: &Gazetteer) -> Result<Report> {
    let mut documents = Vec::new();
    let mut overall = Counts::default();
    let mut languages: Vec<LanguageScore> = Vec::new();
    for (txt, gold_path) in gold_files(dirs)? {
        let gold: Gold = serde_json::from_str(&read(&gold_path)?)
            .map_err(|e| Error::bad_input(gold_path.display().to_string(), e.to_string()))?;
        let text = crate::text::normalize(&read(&txt)?);
        // The language is detected, as `crosscheck extract` (what the shared scorer runs) does.
        let x = extract(&text, &ExtractConfig { gazetteer, language: None });
        let d = score_doc(&txt.display().to_string(), &x, &gold);
        overall.add(&d.counts);
        let language = gold.language.clone().unwrap_or_else(|| x.language.clone());
        match languages.iter_mut().find(|l: &&mut LanguageScore| l.language == language) {
            Some(l) => l.counts.add(&d.counts),
            None => languages.push(LanguageScore { language, counts: d.counts.clone(), f1: 0.0 }),
        }
        documents.push(d);
    }
    for l in &mut languages {
        l.f1 = l.counts.f1();
    }
    Ok(Report {
        languages,
        precision: overall.precision(),
        recall: overall.recall(),
        f1: overall.f1(),
        stance_accuracy: ratio(overall.stance_ok, overall.matched),
        via_accuracy: ratio(overall.via_ok, overall.via_total),
        responds_to_accuracy: ratio(overall.responds_ok, overall.responds_total),
        documents,
        overall,
    })
}

#[derive(Debug, Deserialize)]
struct GgtQuote {
    #[serde(default)]
    reference: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    quote_span: Option<(usize, usize)>,
}

#[derive(Debug, Deserialize)]
struct GgtArticle {
    text: String,
    #[serde(default)]
    quotes: Option<Vec<GgtQuote>>,
}

/// Scores on the GGT English quote set.
#[derive(Debug, Clone, Serialize)]
pub struct GgtReport {
    /// Articles read.
    pub articles: usize,
    /// Gold quotes with a span.
    pub gold: usize,
    /// Predicted claims.
    pub predicted: usize,
    /// Precision at overlap 0.3.
    pub precision: f64,
    /// Recall at overlap 0.3.
    pub recall: f64,
    /// F1 at overlap 0.3.
    pub f1: f64,
    /// Precision at overlap 0.8.
    pub precision_08: f64,
    /// Recall at overlap 0.8.
    pub recall_08: f64,
    /// Share of matched quotes (0.3) with a named gold speaker whose predicted speaker names the same person.
    pub speaker_accuracy: f64,
}

/// Overlap of two char spans over the longer one.
fn overlap(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let longer = (a.1 - a.0).max(b.1 - b.0).max(1);
    inter as f64 / longer as f64
}

/// Whether a predicted speaker name names the gold person (same last word, or one holds the other).
fn same_person(pred: &str, gold: &str) -> bool {
    let (p, g) = (norm(pred), norm(gold));
    if p.is_empty() || g.is_empty() {
        return false;
    }
    p == g || g.contains(&p) || p.contains(&g) || p.split_whitespace().last() == g.split_whitespace().last()
}

/// Greedy one-to-one matching by decreasing overlap; returns (pred, gold) pairs.
fn match_spans(pred: &[(usize, usize)], gold: &[(usize, usize)], threshold: f64) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (i, &p) in pred.iter().enumerate() {
        for (j, &g) in gold.iter().enumerate() {
            let o = overlap(p, g);
            if o >= threshold {
                cands.push((o, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut pu, mut gu) = (vec![false; pred.len()], vec![false; gold.len()]);
    let mut out = Vec::new();
    for (_, i, j) in cands {
        if !pu[i] && !gu[j] {
            pu[i] = true;
            gu[j] = true;
            out.push((i, j));
        }
    }
    out
}

/// Scores the extractor on the GGT articles file (`articles.jsonl`, one article a line).
pub fn eval_ggt(path: &Path, gazetteer: &Gazetteer) -> Result<GgtReport> {
    let data = read(path)?;
    let (mut articles, mut gold_n, mut pred_n, mut m3, mut m8, mut sp_ok, mut sp_n) = (0, 0, 0, 0, 0, 0, 0);
    for (n, line) in data.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let a: GgtArticle = serde_json::from_str(line).map_err(|e| Error::bad_input(format!("{}:{}", path.display(), n + 1), e.to_string()))?;
        articles += 1;
        let x = extract(&a.text, &ExtractConfig { gazetteer, language: Some("en") });
        let pred: Vec<(usize, usize)> = x.claims.iter().map(|c| (c.start, c.end)).collect();
        let golds: Vec<&GgtQuote> = a.quotes.iter().flatten().filter(|q| q.quote_span.is_some()).collect();
        let gold: Vec<(usize, usize)> = golds.iter().filter_map(|q| q.quote_span).collect();
        gold_n += gold.len();
        pred_n += pred.len();
        let pairs = match_spans(&pred, &gold, 0.3);
        m3 += pairs.len();
        m8 += match_spans(&pred, &gold, 0.8).len();
        for (i, j) in pairs {
            let q = golds[j];
            let want = q.reference.as_deref().filter(|r| !r.trim().is_empty()).or(q.speaker.as_deref()).unwrap_or("");
            if want.trim().is_empty() {
                continue;
            }
            sp_n += 1;
            if same_person(&x.claims[i].speaker.who.name, want) {
                sp_ok += 1;
            }
        }
    }
    let (p, r) = (ratio(m3, pred_n), ratio(m3, gold_n));
    Ok(GgtReport {
        articles,
        gold: gold_n,
        predicted: pred_n,
        precision: p,
        recall: r,
        f1: if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) },
        precision_08: ratio(m8, pred_n),
        recall_08: ratio(m8, gold_n),
        speaker_accuracy: ratio(sp_ok, sp_n),
    })
}
