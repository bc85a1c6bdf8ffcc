//! PDFs to documents: text page by page, with each page's start offset kept so a claim can
//! cite its page.
//!
//! Text comes from `pdf-extract` (over `lopdf`), which lays glyphs out by position and so
//! yields reading order for ordinary single-column statements. `pdf-extract` is known to
//! panic on malformed files (it unwraps object lookups), so all of its work runs under
//! [`std::panic::catch_unwind`] and a panic becomes a per-file error. The default panic hook
//! still prints the panic message to stderr; we leave the process-wide hook alone.
//!
//! Pages are joined with a blank line, not a form feed, so that the extractor and the UI see
//! ordinary paragraphs; [`Document::pages`] holds the char offset where each page starts.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use pdf_extract::{Document as Pdf, Object, PlainTextOutput};

use super::Document;
use crate::error::{Error, Result};
use crate::text::normalize;

/// Pages read at most, so a PDF claiming millions of pages cannot run for hours.
pub const MAX_PAGES: usize = 2_000;

/// Reads a PDF named `name`.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Document> {
    let read = std::panic::catch_unwind(|| read(bytes));
    let (pages, meta) = match read {
        Ok(Ok(r)) => r,
        Ok(Err(why)) => return Err(Error::bad_input(name, format!("is a PDF that could not be read: {why}"))),
        Err(_) => return Err(Error::bad_input(name, "is a PDF that could not be read (the PDF reader gave up on its structure)")),
    };
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut chars = 0;
    for page in &pages {
        let page = paragraphs(page);
        if !text.is_empty() {
            text.push_str("\n\n");
            chars += 2;
        }
        starts.push(chars);
        chars += page.chars().count();
        text.push_str(&page);
    }
    if text.trim().is_empty() {
        return Err(Error::bad_input(name, "is a PDF without a text layer (scanned pages need OCR first)"));
    }
    let title = meta.title.unwrap_or_else(|| super::title_of(&text, "text"));
    Ok(Document {
        title,
        author: meta.author,
        language: meta.lang.as_deref().and_then(super::html::language_code),
        published_at: meta.created,
        url: Some(name.to_string()),
        format: "pdf".to_string(),
        pages: starts,
        text,
        ..Default::default()
    })
}

#[derive(Default)]
struct Meta {
    title: Option<String>,
    author: Option<String>,
    lang: Option<String>,
    created: Option<DateTime<Utc>>,
}

fn read(bytes: &[u8]) -> std::result::Result<(Vec<String>, Meta), String> {
    let mut doc = Pdf::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("it is encrypted with a password".to_string());
    }
    let numbers: Vec<u32> = doc.get_pages().keys().copied().take(MAX_PAGES).collect();
    let mut pages = Vec::with_capacity(numbers.len());
    for n in numbers {
        let mut s = String::new();
        let mut out = PlainTextOutput::new(&mut s);
        pdf_extract::output_doc_page(&doc, &mut out, n).map_err(|e| format!("page {n}: {e:?}"))?;
        pages.push(s);
    }
    Ok((pages, meta(&doc)))
}

fn meta(doc: &Pdf) -> Meta {
    let info = doc.trailer.get(b"Info").ok().and_then(|o| deref_dict(doc, o));
    let field = |key: &[u8]| info.and_then(|d| d.get(key).ok()).and_then(|o| pdf_string(doc, o));
    let lang = doc.catalog().ok().and_then(|c| c.get(b"Lang").ok()).and_then(|o| pdf_string(doc, o));
    Meta {
        title: field(b"Title").filter(|t| !t.trim().is_empty()),
        author: field(b"Author").filter(|t| !t.trim().is_empty()),
        created: field(b"CreationDate").as_deref().and_then(pdf_date),
        lang,
    }
}

fn deref_dict<'a>(doc: &'a Pdf, o: &'a Object) -> Option<&'a pdf_extract::Dictionary> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok()?.as_dict().ok(),
        other => other.as_dict().ok(),
    }
}

/// A PDF text string: UTF-16BE with a BOM, or PDFDocEncoding (Latin-1 for our purposes).
fn pdf_string(doc: &Pdf, o: &Object) -> Option<String> {
    let o = match o {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let bytes = o.as_str().ok()?;
    let s = match bytes.strip_prefix(b"\xFE\xFF") {
        Some(be) => String::from_utf16_lossy(&be.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>()),
        None => bytes.iter().map(|&b| b as char).collect(),
    };
    Some(s.trim().to_string())
}

/// A PDF date: `D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional.
fn pdf_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim().trim_start_matches("D:");
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let num = |from: usize, len: usize, default: u32| digits.get(from..from + len).and_then(|d| d.parse().ok()).unwrap_or(default);
    let year: i32 = digits.get(0..4)?.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(year, num(4, 2, 1), num(6, 2, 1))?;
    let time = date.and_hms_opt(num(8, 2, 0), num(10, 2, 0), num(12, 2, 0))?;
    let rest = &s[digits.len()..];
    let offset = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let d: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
            let secs = d.get(0..2).and_then(|h| h.parse::<i32>().ok()).unwrap_or(0) * 3600
                + d.get(2..4).and_then(|m| m.parse::<i32>().ok()).unwrap_or(0) * 60;
            FixedOffset::east_opt(if sign == '-' { -secs } else { secs })?
        }
        _ => FixedOffset::east_opt(0)?,
    };
    offset.from_local_datetime(&time).single().map(|t| t.with_timezone(&Utc))
}

/// One page's text as paragraphs: lines within a paragraph joined by a space (PDFs break lines
/// by width, not meaning, and a claim must not be cut by a line end), spaces collapsed.
fn paragraphs(page: &str) -> String {
    let page = normalize(page);
    let mut out = String::new();
    let mut para = String::new();
    for line in page.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")) {
        if line.is_empty() {
            flush(&mut out, &mut para);
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(&line);
        }
    }
    flush(&mut out, &mut para);
    out
}

fn flush(out: &mut String, para: &mut String) {
    if para.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(para);
    para.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_with_and_without_offsets() {
        let check = |s: &str, expected: Option<&str>| {
            assert_eq!(pdf_date(s).map(|t| t.to_rfc3339()).as_deref(), expected, "parsing {s:?}");
        };
        check("D:20240912103000+02'00'", Some("2024-09-12T08:30:00+00:00"));
        check("D:20240912103000Z", Some("2024-09-12T10:30:00+00:00"));
        check("D:2024", Some("2024-01-01T00:00:00+00:00"));
        check("yesterday", None);
    }

    #[test]
    fn garbage_and_truncated_pdfs_are_refused_not_panicked_on() {
        for bytes in [&b"%PDF-1.7\n garbage"[..], b"", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"] {
            let r = parse("bad.pdf", bytes);
            assert!(matches!(r, Err(Error::BadInput { .. })), "{bytes:?} gives a BadInput, got {r:?}");
        }
    }
}
