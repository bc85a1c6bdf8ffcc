//! Turning files and bytes into [`Document`]s: text to store and extract from, with metadata.
//!
//! Ingest never touches the store; it refuses what it cannot read with a clear error.

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::text::normalize;

/// Largest input accepted, so one runaway file cannot exhaust memory.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// A document ready to store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Title.
    pub title: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// URL or path.
    pub url: Option<String>,
    /// Language, when declared.
    pub language: Option<String>,
    /// Publication time, when known.
    pub published_at: Option<DateTime<Utc>>,
    /// Format name ("text", "markdown").
    pub format: String,
    /// Normalized text.
    pub text: String,
}

/// Reads `bytes` named `name` (a file name or URL) into a document.
pub fn load(name: &str, bytes: &[u8]) -> Result<Document> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::bad_input(name, format!("is {} MB; the limit is {} MB", bytes.len() >> 20, MAX_INPUT_BYTES >> 20)));
    }
    let lower = name.to_ascii_lowercase();
    let format = if lower.ends_with(".md") || lower.ends_with(".markdown") { "markdown" } else { "text" };
    let text = decode_text(name, bytes)?;
    let text = normalize(&text);
    if text.trim().is_empty() {
        return Err(Error::bad_input(name, "holds no text"));
    }
    let title = title_of(&text, format);
    Ok(Document { title, url: Some(name.to_string()), format: format.to_string(), text, ..Default::default() })
}

/// Decodes UTF-8 (with or without BOM); refuses binary data.
fn decode_text(name: &str, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(Error::bad_input(name, "looks binary (it holds NUL bytes), not text"));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| Error::bad_input(name, format!("is not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to())))
}

/// First non-empty line, without Markdown heading marks; a long first line (a dispatch with no
/// headline) is cut at its first sentence, then at 120 chars.
fn title_of(text: &str, format: &str) -> String {
    const MAX: usize = 120;
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let line = if format == "markdown" { line.trim_start_matches('#').trim() } else { line };
    if line.chars().count() <= MAX {
        return line.to_string();
    }
    let sentence_end = line.char_indices().take(MAX).find(|&(i, c)| {
        matches!(c, '.' | '!' | '?') && line[i + 1..].starts_with(' ') && i > 20
    });
    match sentence_end {
        Some((i, _)) => line[..i].to_string(),
        None => line.chars().take(MAX).chain(std::iter::once('…')).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_title_drops_heading_marks() {
        let d = load("a.md", b"# Bakou et Erevan\n\ntexte").unwrap();
        assert_eq!(d.title, "Bakou et Erevan");
        assert_eq!(d.format, "markdown");
    }

    #[test]
    fn binary_and_empty_inputs_are_refused_with_a_reason() {
        assert!(matches!(load("x.txt", b"\x00\x01\x02"), Err(Error::BadInput { .. })));
        assert!(matches!(load("x.txt", b"  \n "), Err(Error::BadInput { .. })));
        assert!(matches!(load("x.txt", b"\xff\xfe abc"), Err(Error::BadInput { .. })));
    }
}
