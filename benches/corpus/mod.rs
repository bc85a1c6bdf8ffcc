//! Real-shaped articles for the import and scale benchmarks: sentences cut from the shared news
//! corpora (`/work/shared/corpus/news-*/*.txt`, read at run time and never copied into the
//! repository) and recombined into ~3 KB dispatches, one language per article, with the figures
//! varied so that copies of a sentence read as different reports of one event (as wire copies
//! do), not as one sentence repeated.
//!
//! `CROSSCHECK_CORPUS` names another folder holding `news-*/` folders.

use std::path::{Path, PathBuf};

/// Sentences of one language.
pub struct Corpus {
    /// Per language: article titles and sentences.
    langs: Vec<Lang>,
}

struct Lang {
    titles: Vec<String>,
    sentences: Vec<String>,
}

/// Where the shared corpora live.
pub fn root() -> PathBuf {
    std::env::var_os("CROSSCHECK_CORPUS").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/work/shared/corpus"))
}

impl Corpus {
    /// Reads every `news-*/*.txt` under `root`; `None` (with the reason) when there is none.
    pub fn load(root: &Path) -> Result<Corpus, String> {
        let mut langs = Vec::new();
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
            .map_err(|e| format!("{}: {e}", root.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("news-")))
            .collect();
        dirs.sort();
        for dir in dirs {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            let mut lang = Lang { titles: Vec::new(), sentences: Vec::new() };
            for f in files {
                let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
                let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
                if let Some(t) = lines.next() {
                    lang.titles.push(t.to_string());
                }
                for line in lines {
                    lang.sentences.extend(sentences(line));
                }
            }
            if !lang.sentences.is_empty() {
                langs.push(lang);
            }
        }
        if langs.is_empty() {
            return Err(format!("no news-*/*.txt under {}", root.display()));
        }
        Ok(Corpus { langs })
    }

    /// Sentences in all languages.
    pub fn sentences(&self) -> usize {
        self.langs.iter().map(|l| l.sentences.len()).sum()
    }

    /// Article `i`: a title and paragraphs of two to four sentences, about `bytes` long.
    pub fn article(&self, i: usize, bytes: usize) -> String {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let lang = &self.langs[i % self.langs.len()];
        let mut s = format!("{} ({i})\n\n", lang.titles[rng.below(lang.titles.len())]);
        while s.len() < bytes {
            for _ in 0..2 + rng.below(3) {
                let sentence = &lang.sentences[rng.below(lang.sentences.len())];
                s.push_str(&vary_figures(sentence, &mut rng));
                s.push(' ');
            }
            s.pop();
            s.push_str("\n\n");
        }
        s
    }
}

/// Cuts a paragraph into sentences at a full stop, question or exclamation mark followed by a
/// space, never inside a quotation (a cut there would orphan a quote from its speaker).
fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth: i32 = 0;
    let mut straight_open = false;
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        match c {
            '«' | '“' | '„' => depth += 1,
            '»' | '”' => depth -= 1,
            '"' => straight_open = !straight_open,
            '.' | '?' | '!'
                if depth <= 0
                    && !straight_open
                    && chars.get(k + 1).is_some_and(|&(_, n)| n == ' ')
                    && chars.get(k + 2).is_some_and(|&(_, n)| n.is_uppercase()) =>
            {
                out.push(paragraph[start..at + 1].trim().to_string());
                start = at + 2;
            }
            _ => {}
        }
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// Half of a sentence's numbers replaced by others of as many digits.
fn vary_figures(sentence: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String, rng: &mut Rng| {
        if !digits.is_empty() {
            if rng.below(2) == 0 {
                let lo = 10usize.pow(digits.len() as u32 - 1);
                let n = if digits.len() == 1 { 1 + rng.below(9) } else { lo + rng.below(9 * lo) };
                out.push_str(&n.to_string());
            } else {
                out.push_str(digits);
            }
            digits.clear();
        }
    };
    for c in sentence.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out, rng);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out, rng);
    out
}

/// xorshift64*: reproducible without a dependency.
pub struct Rng(pub u64);

impl Rng {
    /// The next number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}
