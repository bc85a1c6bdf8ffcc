//! Turning files, pages and URLs into [`Document`]s: text to store and extract from, with metadata.
//!
//! [`read`] dispatches on the declared content type, then the file extension, then the bytes
//! themselves: HTML (`html`), PDF (`pdf`), plain text and Markdown (`encoding`), feeds (`feed`);
//! what the metadata leaves unknown is read from the dateline and byline (`dateline`).
//! [`fetch`] gets URLs. Ingest never touches the store, never keeps markup in a document's text,
//! and refuses what it cannot read with a clear per-input error (no panics on hostile input).

pub mod dateline;
pub mod encoding;
pub mod feed;
pub mod fetch;
pub mod html;
pub mod pdf;

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::text::{is_web_url, normalize};

pub use fetch::{FetchConfig, Fetched};

/// Largest input accepted, so one runaway file cannot exhaust memory.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// A document ready to store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Title.
    pub title: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// Author(s) as credited, when known.
    pub author: Option<String>,
    /// Where it was read from: the final URL after redirects, or the file path.
    pub url: Option<String>,
    /// The page's canonical URL (`<link rel=canonical>`, `og:url`, or the URL itself), without
    /// tracking parameters or fragment: two imports with the same one are versions of one article.
    pub canonical_url: Option<String>,
    /// Language, when declared.
    pub language: Option<String>,
    /// Publication time, when known.
    pub published_at: Option<DateTime<Utc>>,
    /// When it was fetched, for URLs.
    pub retrieved_at: Option<DateTime<Utc>>,
    /// Format name ("text", "markdown", "html", "pdf", "feed").
    pub format: String,
    /// Normalized text, never markup.
    pub text: String,
    /// Char offset in `text` where each page starts (`pages[0]` is page 1); empty when the input
    /// has no pages.
    pub pages: Vec<usize>,
}

/// What kind of input bytes hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text.
    Text,
    /// Markdown (stored as its text).
    Markdown,
    /// An HTML or XHTML page.
    Html,
    /// A PDF.
    Pdf,
}

/// Input bytes with what is known about them.
#[derive(Debug, Clone, Copy)]
pub struct Raw<'a> {
    /// A file path or URL (the final one, for fetched pages).
    pub name: &'a str,
    /// The bytes.
    pub bytes: &'a [u8],
    /// The `Content-Type` the server sent, for fetched inputs.
    pub content_type: Option<&'a str>,
}

/// One input of an import batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file to read.
    File(std::path::PathBuf),
    /// A URL to fetch.
    Url(String),
}

/// The inputs named on a command line: URLs as given, files, and folders walked in name order
/// with hidden entries skipped, and, inside folders, files whose extension names no document
/// kind we read (`.json`, `.csv`, images…): a folder of press releases often holds their
/// metadata, which is not text to extract claims from. A file named on its own is always read. A path that cannot be read is one failed input, not a failed
/// batch. Each input comes with its display name.
pub fn expand(args: &[String]) -> Vec<(String, Result<Input>)> {
    let mut out = Vec::new();
    for arg in args {
        if is_web_url(arg) {
            out.push((arg.clone(), Ok(Input::Url(arg.clone()))));
        } else {
            walk(std::path::Path::new(arg), false, &mut out);
        }
    }
    out
}

/// File extensions read inside folders (a file without extension is read too, and sniffed).
const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "pdf"];

fn walk(path: &std::path::Path, in_folder: bool, out: &mut Vec<(String, Result<Input>)>) {
    let name = path.display().to_string();
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    match std::fs::metadata(path) {
        Err(e) => out.push((name, Err(io(e)))),
        Ok(meta) if meta.is_dir() => match std::fs::read_dir(path) {
            Err(e) => out.push((name, Err(io(e)))),
            Ok(entries) => {
                let mut entries: Vec<_> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|e| !e.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                    .collect();
                entries.sort();
                for e in entries {
                    walk(&e, true, out);
                }
            }
        },
        Ok(_) if in_folder && !is_document_name(path) => {}
        Ok(_) => out.push((name, Ok(Input::File(path.to_path_buf())))),
    }
}

fn is_document_name(path: &std::path::Path) -> bool {
    match path.extension() {
        None => true,
        Some(ext) => DOCUMENT_EXTENSIONS.iter().any(|d| ext.eq_ignore_ascii_case(d)),
    }
}

/// Reads the file at `path`, refusing before reading what it cannot be: anything but a regular
/// file (a named pipe would block forever, a device never ends) and anything over
/// [`MAX_INPUT_BYTES`] (judged from its size, so a 2 GB file costs no memory to refuse).
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(Error::bad_input(name, "is not a regular file (a folder, pipe, socket or device)"));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Non-blocking open: if the path was swapped for a pipe after the check, opening it must
    // not wait for a writer. It changes nothing for a regular file.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Error::bad_input(name, "is not a regular file (a folder, pipe, socket or device)"));
    }
    if meta.len() > MAX_INPUT_BYTES as u64 {
        return Err(too_big(&name, meta.len()));
    }
    // The file may grow while we read: never take more than one byte past the limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_big(&name, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_big(name: &str, len: u64) -> Error {
    Error::bad_input(name, format!("is {} MB; the limit is {} MB", len >> 20, MAX_INPUT_BYTES >> 20))
}

/// Reads `bytes` named `name` (a file name or URL) into a document.
pub fn load(name: &str, bytes: &[u8]) -> Result<Document> {
    read(&Raw { name, bytes, content_type: None })
}

/// Reads a fetched resource into a document, keeping its final URL and retrieval time.
pub fn load_fetched(f: &Fetched) -> Result<Document> {
    let mut doc = read(&Raw { name: &f.final_url, bytes: &f.bytes, content_type: f.content_type.as_deref() })?;
    doc.retrieved_at = Some(f.retrieved_at);
    if doc.canonical_url.is_none() {
        doc.canonical_url = canonical_url(&f.final_url, None);
    }
    Ok(doc)
}

/// Reads input bytes of any supported kind.
pub fn read(raw: &Raw<'_>) -> Result<Document> {
    let name = raw.name;
    if raw.bytes.len() > MAX_INPUT_BYTES {
        return Err(too_big(name, raw.bytes.len() as u64));
    }
    let declared = raw.content_type.and_then(encoding::charset_param);
    let is_url = is_web_url(name);
    let mut doc = match kind_of(raw) {
        Kind::Pdf => pdf::parse(name, raw.bytes),
        Kind::Html => {
            let decoded = encoding::decode(raw.bytes, encoding::Hints { declared, html: true });
            html::parse(name, &decoded.text, is_url.then_some(name))
        }
        kind @ (Kind::Text | Kind::Markdown) => {
            let format = if kind == Kind::Markdown { "markdown" } else { "text" };
            if raw.bytes.contains(&0) && encoding_rs::Encoding::for_bom(raw.bytes).is_none() {
                return Err(Error::bad_input(name, "looks binary (it holds NUL bytes), not text"));
            }
            let decoded = encoding::decode(raw.bytes, encoding::Hints { declared, html: false });
            let text = normalize(&decoded.text);
            if text.trim().is_empty() {
                return Err(Error::bad_input(name, "holds no text"));
            }
            if decoded.replaced && text.chars().filter(|&c| c == '\u{FFFD}').count() * 20 > text.chars().count() {
                return Err(Error::bad_input(name, format!("is not readable {} text (too many malformed bytes)", decoded.encoding.name())));
            }
            let title = title_of(&text, format);
            Ok(Document {
                title,
                url: Some(name.to_string()),
                canonical_url: if is_url { canonical_url(name, None) } else { None },
                format: format.to_string(),
                text,
                ..Default::default()
            })
        }
    }?;
    from_dateline(&mut doc, chrono::Utc::now().date_naive());
    Ok(doc)
}

/// Fills the outlet, author and publication day a document's metadata left unknown from its
/// dateline and byline ([`dateline::read`]); `today` anchors days written without a year.
pub fn from_dateline(doc: &mut Document, today: chrono::NaiveDate) {
    if doc.outlet.is_some() && doc.author.is_some() && doc.published_at.is_some() {
        return;
    }
    let found = dateline::read(&doc.text, today);
    doc.outlet = doc.outlet.take().or(found.outlet);
    doc.author = doc.author.take().or(found.author);
    doc.published_at = doc.published_at.or_else(|| found.date.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()));
}

/// The kind of an input: the declared content type when it is specific, then the extension,
/// then the bytes (`%PDF-`, or markup at the start).
pub fn kind_of(raw: &Raw<'_>) -> Kind {
    let mime = raw.content_type.map(|c| c.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    match mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => return Kind::Html,
        Some("application/pdf") => return Kind::Pdf,
        Some("text/markdown" | "text/x-markdown") => return Kind::Markdown,
        Some("text/plain") => return sniff(raw.bytes).unwrap_or(Kind::Text),
        _ => {}
    }
    let path = raw.name.split(['?', '#']).next().unwrap_or(raw.name).to_ascii_lowercase();
    let ext = path.rsplit_once('.').map(|(stem, ext)| if stem.ends_with('/') || ext.contains('/') { "" } else { ext }).unwrap_or("");
    match ext {
        "html" | "htm" | "xhtml" | "shtml" => Kind::Html,
        "pdf" => Kind::Pdf,
        "md" | "markdown" => Kind::Markdown,
        "txt" | "text" => Kind::Text,
        _ => sniff(raw.bytes).unwrap_or(Kind::Text),
    }
}

/// The kind the bytes themselves announce, if any.
fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") {
        return Some(Kind::Pdf);
    }
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &head[..head.len().min(1024)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &head[i..]).to_ascii_lowercase();
    let markup = [&b"<!doctype html"[..], b"<html", b"<head", b"<body"];
    if markup.iter().any(|m| start.starts_with(m)) && !start.starts_with(b"<?xml") || start.starts_with(b"<?xml") && contains(&start, b"<html") {
        return Some(Kind::Html);
    }
    None
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The canonical form of an http(s) URL (resolved against `base` when relative): lowercase
/// scheme and host, default port dropped, no fragment, and no tracking parameters (`utm_*`,
/// `fbclid`, `gclid`, …). `None` for anything that is not http(s).
pub fn canonical_url(url: &str, base: Option<&str>) -> Option<String> {
    let parsed = match base.and_then(|b| url::Url::parse(b).ok()) {
        Some(b) => b.join(url.trim()).ok()?,
        None => url::Url::parse(url.trim()).ok()?,
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let mut u = parsed;
    u.set_fragment(None);
    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !(k.starts_with("utm_") || matches!(k.as_str(), "fbclid" | "gclid" | "dclid" | "msclkid" | "mc_cid" | "mc_eid" | "igshid" | "at_medium" | "at_campaign" | "xtor"))
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(kept);
    }
    Some(u.to_string())
}

/// Whether two http(s) URLs are on the same site: the same registrable domain, approximated
/// without a public-suffix list as the last two labels of the host, or the last three when the
/// second-to-last is a short second-level label under a country code (`bbc.co.uk`,
/// `abc.net.au`). `www.lemonde.fr` and `amp.lemonde.fr` are one site; `lemonde.fr.evil.example`
/// is not. IP hosts must match exactly.
pub fn same_site(a: &str, b: &str) -> bool {
    let host = |u: &str| url::Url::parse(u).ok().and_then(|u| u.host_str().map(|h| h.trim_end_matches('.').to_ascii_lowercase()));
    let (Some(a), Some(b)) = (host(a), host(b)) else { return false };
    site_of(&a) == site_of(&b)
}

fn site_of(host: &str) -> String {
    if host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
        return host.to_string();
    }
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    let keep = if n >= 3 && labels[n - 1].len() == 2 && matches!(labels[n - 2], "co" | "com" | "net" | "org" | "gov" | "ac" | "edu" | "gouv" | "or" | "ne" | "go") {
        3
    } else {
        2
    };
    labels[n.saturating_sub(keep)..].join(".")
}

/// Normalizes extracted text: NFC, spaces collapsed within lines, at most one blank line, no
/// leading or trailing blank lines.
pub(crate) fn tidy(text: &str) -> String {
    let text = normalize(text);
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

/// First non-empty line, without Markdown heading marks, cut to 200 chars.
pub(crate) fn title_of(text: &str, format: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let line = if format == "markdown" { line.trim_start_matches('#').trim() } else { line };
    let mut title: String = line.chars().take(200).collect();
    if line.chars().count() > 200 {
        title.push('…');
    }
    title
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
    }

    #[test]
    fn windows_1252_text_files_import() {
        let d = load("depeche.txt", b"Erevan d\xE9ment les accusations de Bakou, a d\xE9clar\xE9 le minist\xE8re.").unwrap();
        assert_eq!(d.text, "Erevan dément les accusations de Bakou, a déclaré le ministère.", "decoded as windows-1252");
    }

    #[test]
    fn kinds_come_from_content_type_then_extension_then_bytes() {
        let check = |name: &str, ct: Option<&str>, bytes: &[u8], expected: Kind| {
            assert_eq!(kind_of(&Raw { name, bytes, content_type: ct }), expected, "kind of {name} ({ct:?})");
        };
        check("https://x.org/a", Some("text/html; charset=utf-8"), b"hello", Kind::Html);
        check("https://x.org/a.html", Some("application/pdf"), b"%PDF-1.4", Kind::Pdf);
        check("a.HTM", None, b"x", Kind::Html);
        check("a.pdf", None, b"x", Kind::Pdf);
        check("notes", None, b"%PDF-1.7\n...", Kind::Pdf);
        check("saved_page", None, b"\xEF\xBB\xBF\n <!DOCTYPE html><html>", Kind::Html);
        check("https://x.org/news/story", None, b"<html lang=fr>", Kind::Html);
        check("https://x.org/v1.2/story", None, b"plain words", Kind::Text);
        check("notes.md", None, b"# t", Kind::Markdown);
        check("readme", None, b"plain words <b>", Kind::Text);
    }

    #[test]
    fn canonical_urls_drop_tracking_and_fragments() {
        let check = |url: &str, base: Option<&str>, expected: Option<&str>| {
            assert_eq!(canonical_url(url, base).as_deref(), expected, "canonical form of {url}");
        };
        check("HTTPS://Example.ORG:443/a?utm_source=x&id=3&fbclid=y#top", None, Some("https://example.org/a?id=3"));
        check("https://example.org/a?utm_medium=rss", None, Some("https://example.org/a"));
        check("/news/1", Some("https://example.org/x/y"), Some("https://example.org/news/1"));
        check("file:///tmp/a.html", None, None);
        check("not a url", None, None);
    }
}
