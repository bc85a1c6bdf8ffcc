//! PDFs to documents: text page by page, with each page's start offset kept so a claim can
//! cite its page.
//!
//! Text comes from `pdf-extract` (over `lopdf`), which lays glyphs out by position and so
//! yields reading order for ordinary single-column statements. A PDF is hostile input, and
//! `pdf-extract` trusts its structure, so three things stand between them:
//!
//! - **The page tree is rebuilt flat before reading** ([`flatten_page_tree`]): pages are found by
//!   a walk that visits each node once, at most [`MAX_PAGES`], and hung from one new root with
//!   their inherited attributes copied down. `pdf-extract` walks `/Parent` links without limit,
//!   so a tree whose `/Parent` loops spun forever (a 589-byte PDF hung the import), and `lopdf`
//!   re-walks `/Kids` with only a depth limit, so a tree that shares its subtrees is exponential.
//! - **Content streams are checked and rewritten** ([`prepare_contents`]): form XObjects that
//!   draw themselves (unbounded recursion) are refused, and the `'` and `"` text operators,
//!   which `pdf-extract` ignores, are rewritten to the `T*` / `Tw` / `Tc` / `Tj` sequence the
//!   PDF standard defines them as (ordinary PDFs written with `'` imported as "no text layer").
//! - **Everything runs on a worker thread under a deadline** ([`READ_DEADLINE`]): the output
//!   device gives up as soon as the deadline passes, and if the reader loops anywhere else, the
//!   import stops waiting for it and reports the file as unreadable; the batch goes on.
//!
//! `pdf-extract` is also known to panic on malformed files (it unwraps object lookups), so its
//! work runs under [`std::panic::catch_unwind`] and a panic becomes a per-file error. The default
//! panic hook still prints the panic message to stderr; we leave the process-wide hook alone.
//!
//! Pages are joined with a blank line, not a form feed, so that the extractor and the UI see
//! ordinary paragraphs; [`Document::pages`] holds the char offset where each page starts.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use pdf_extract::content::{Content, Operation};
use pdf_extract::{Dictionary, Document as Pdf, MediaBox, Object, ObjectId, OutputDev, OutputError, PlainTextOutput, Stream, Transform};

use super::Document;
use crate::error::{Error, Result};
use crate::text::normalize;

/// Pages read at most, so a PDF claiming millions of pages cannot run for hours.
pub const MAX_PAGES: usize = 2_000;

/// Time one PDF may take to read. A 300-page report reads in a few seconds; past this, the
/// file is reported as unreadable instead of holding up the batch.
pub const READ_DEADLINE: Duration = Duration::from_secs(60);

/// Nesting of form XObjects (a form drawing a form…) followed at most.
const MAX_FORM_DEPTH: usize = 16;

/// Reads a PDF named `name`.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Document> {
    parse_within(name, bytes, READ_DEADLINE)
}

/// [`parse`] with a given deadline.
pub fn parse_within(name: &str, bytes: &[u8], deadline: Duration) -> Result<Document> {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let owned = bytes.to_vec();
    let until = Instant::now() + deadline;
    // A large stack: content streams nest (forms, marked content), and a stack overflow would
    // abort the process, which no panic guard catches.
    let worker = std::thread::Builder::new().name("pdf-reader".into()).stack_size(64 << 20).spawn(move || {
        let read = std::panic::catch_unwind(|| read(&owned, until));
        // The receiver may have given up waiting; then nobody needs the result.
        let _ = tx.send(read);
    });
    let worker = match worker {
        Ok(w) => w,
        Err(e) => return Err(Error::bad_input(name, format!("is a PDF that could not be read: no thread to read it in ({e})"))),
    };
    let read = match rx.recv_timeout(deadline + Duration::from_secs(1)) {
        Ok(read) => {
            // It has sent its result and is ending: wait for it, so that no reader outlives a read
            // that finished (the fuzzer's leak check caught one still exiting as the process did).
            let _ = worker.join();
            read
        }
        Err(_) => {
            // The worker is left to finish on its own; its output device stops it at the next
            // glyph, and a loop elsewhere costs one thread, not the batch.
            return Err(Error::bad_input(
                name,
                format!("is a PDF that could not be read within {} s (its structure may loop); it was skipped", deadline.as_secs()),
            ));
        }
    };
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

fn read(bytes: &[u8], until: Instant) -> std::result::Result<(Vec<String>, Meta), String> {
    let mut doc = Pdf::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("it is encrypted with a password".to_string());
    }
    let meta = meta(&doc);
    let count = flatten_page_tree(&mut doc)?;
    prepare_contents(&mut doc)?;
    let mut pages = Vec::with_capacity(count);
    for n in 1..=count as u32 {
        let mut s = String::new();
        let mut out = Bounded { inner: PlainTextOutput::new(&mut s), until };
        pdf_extract::output_doc_page(&doc, &mut out, n).map_err(|e| match e {
            OutputError::FormatError(_) if Instant::now() > until => "it took too long to read".to_string(),
            e => format!("page {n}: {e:?}"),
        })?;
        pages.push(s);
    }
    Ok((pages, meta))
}

/// An output device that stops the reader once the deadline has passed.
struct Bounded<'a> {
    inner: PlainTextOutput<&'a mut String>,
    until: Instant,
}

impl Bounded<'_> {
    fn check(&self) -> std::result::Result<(), OutputError> {
        if Instant::now() > self.until {
            Err(OutputError::FormatError(std::fmt::Error))
        } else {
            Ok(())
        }
    }
}

impl OutputDev for Bounded<'_> {
    fn begin_page(&mut self, page_num: u32, media_box: &MediaBox, art_box: Option<(f64, f64, f64, f64)>) -> std::result::Result<(), OutputError> {
        self.check()?;
        self.inner.begin_page(page_num, media_box, art_box)
    }
    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        self.inner.end_page()
    }
    fn output_character(&mut self, trm: &Transform, width: f64, spacing: f64, font_size: f64, char: &str) -> std::result::Result<(), OutputError> {
        self.check()?;
        self.inner.output_character(trm, width, spacing, font_size, unligature(char))
    }
    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        self.inner.begin_word()
    }
    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        self.inner.end_word()
    }
    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        self.check()?;
        self.inner.end_line()
    }
}

/// The letters of a Latin ligature glyph (U+FB00–U+FB06), which a font maps its "ff", "fi" … to:
/// "aﬀirmé" is "affirmé" to a reader, to search and to the extractor (pdftotext spells them out too).
fn unligature(c: &str) -> &str {
    match c {
        "\u{FB00}" => "ff",
        "\u{FB01}" => "fi",
        "\u{FB02}" => "fl",
        "\u{FB03}" => "ffi",
        "\u{FB04}" => "ffl",
        "\u{FB05}" | "\u{FB06}" => "st",
        other => other,
    }
}

/// Attributes a page inherits from its ancestors (PDF 32000-1, 7.7.3.4).
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// Rebuilds the page tree as one root holding every page directly, each page carrying its
/// inherited attributes itself; returns the number of pages. The walk visits each node once,
/// so loops and shared subtrees end it; pages past [`MAX_PAGES`] are left out.
fn flatten_page_tree(doc: &mut Pdf) -> std::result::Result<usize, String> {
    let root = match doc.catalog().map_err(|e| format!("no catalog: {e}"))?.get(b"Pages") {
        Ok(Object::Reference(id)) => *id,
        _ => return Err("its catalog names no page tree".to_string()),
    };
    let mut pages: Vec<(ObjectId, Dictionary)> = Vec::new();
    let mut seen = HashSet::new();
    // Depth-first, in document order: (node, attributes inherited so far).
    let mut stack: Vec<(ObjectId, Dictionary)> = vec![(root, Dictionary::new())];
    while let Some((id, mut inherited)) = stack.pop() {
        if pages.len() >= MAX_PAGES {
            break;
        }
        if !seen.insert(id) {
            continue; // a loop or a shared subtree: each node counts once
        }
        let Ok(node) = doc.get_dictionary(id) else { continue };
        for key in INHERITED {
            if let Ok(v) = node.get(key) {
                inherited.set(key.to_vec(), v.clone());
            }
        }
        match node.get(b"Kids").and_then(Object::as_array) {
            Ok(kids) => {
                for kid in kids.iter().rev() {
                    if let Object::Reference(k) = kid {
                        stack.push((*k, inherited.clone()));
                    }
                }
            }
            Err(_) => pages.push((id, inherited)),
        }
    }
    let new_root = doc.new_object_id();
    let mut kids = Vec::with_capacity(pages.len());
    for (id, inherited) in &pages {
        if let Ok(Object::Dictionary(page)) = doc.get_object_mut(*id) {
            for (key, value) in inherited.iter() {
                if !page.has(key) {
                    page.set(key.clone(), value.clone());
                }
            }
            if !page.has(b"MediaBox") {
                // pdf-extract needs one; US Letter is what readers assume.
                page.set("MediaBox", vec![0.into(), 0.into(), 612.into(), 792.into()]);
            }
            page.set("Parent", Object::Reference(new_root));
            page.set("Type", Object::Name(b"Page".to_vec()));
        }
        kids.push(Object::Reference(*id));
    }
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Count", pages.len() as i64);
    tree.set("Kids", kids);
    doc.objects.insert(new_root, Object::Dictionary(tree));
    let catalog_id = match doc.trailer.get(b"Root") {
        Ok(Object::Reference(id)) => *id,
        _ => return Err("its trailer names no catalog".to_string()),
    };
    match doc.get_object_mut(catalog_id) {
        Ok(Object::Dictionary(catalog)) => catalog.set("Pages", Object::Reference(new_root)),
        _ => return Err("its catalog is not a dictionary".to_string()),
    }
    Ok(pages.len())
}

/// Prepares every page's content for `pdf-extract`: each page gets one content stream, with
/// the `'` and `"` operators spelled out, and the forms it draws are checked for loops and
/// rewritten the same way.
fn prepare_contents(doc: &mut Pdf) -> std::result::Result<(), String> {
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut done_forms = HashSet::new();
    for page in page_ids {
        let Ok(content) = doc.get_page_content(page) else { continue };
        let Ok(mut ops) = Content::decode(&content).map(|c| c.operations) else {
            return Err("a page's content cannot be parsed".to_string());
        };
        let resources = resources_of(doc, doc.get_dictionary(page).ok());
        check_forms(doc, &ops, resources.as_ref(), &mut Vec::new(), &mut done_forms)?;
        if spell_out_quotes(&mut ops) {
            let encoded = Content { operations: ops }.encode().map_err(|e| format!("a page's content cannot be rewritten: {e}"))?;
            let stream = doc.add_object(Stream::new(Dictionary::new(), encoded));
            if let Ok(Object::Dictionary(p)) = doc.get_object_mut(page) {
                p.set("Contents", Object::Reference(stream));
            }
        }
    }
    Ok(())
}

/// The resources dictionary of a page or form, followed through a reference.
fn resources_of(doc: &Pdf, dict: Option<&Dictionary>) -> Option<Dictionary> {
    match dict?.get(b"Resources").ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
        Object::Dictionary(d) => Some(d.clone()),
        _ => None,
    }
}

/// Follows the form XObjects that `ops` draw (`Do`), refusing a form that draws itself or forms
/// nested deeper than [`MAX_FORM_DEPTH`], and spelling out `'` and `"` in each form once.
fn check_forms(
    doc: &mut Pdf,
    ops: &[Operation],
    resources: Option<&Dictionary>,
    path: &mut Vec<ObjectId>,
    done: &mut HashSet<ObjectId>,
) -> std::result::Result<(), String> {
    let Some(xobjects) = resources.and_then(|r| match r.get(b"XObject").ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
        Object::Dictionary(d) => Some(d.clone()),
        _ => None,
    }) else {
        return Ok(());
    };
    for op in ops.iter().filter(|op| op.operator == "Do") {
        let Some(Ok(name)) = op.operands.first().map(Object::as_name) else { continue };
        let Ok(Object::Reference(id)) = xobjects.get(name) else { continue };
        let id = *id;
        if path.contains(&id) {
            return Err("a form in it draws itself".to_string());
        }
        if path.len() >= MAX_FORM_DEPTH {
            return Err(format!("its forms nest deeper than {MAX_FORM_DEPTH} levels"));
        }
        let Ok(Object::Stream(form)) = doc.get_object(id) else { continue };
        if form.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            continue;
        }
        let form_resources = resources_of(doc, Some(&form.dict)).or_else(|| resources.cloned());
        let content = form.decompressed_content().unwrap_or_else(|_| form.content.clone());
        let Ok(mut form_ops) = Content::decode(&content).map(|c| c.operations) else { continue };
        path.push(id);
        check_forms(doc, &form_ops, form_resources.as_ref(), path, done)?;
        path.pop();
        if done.insert(id) && spell_out_quotes(&mut form_ops) {
            if let (Ok(encoded), Ok(Object::Stream(form))) = (Content { operations: form_ops }.encode(), doc.get_object_mut(id)) {
                form.dict.remove(b"Filter");
                form.dict.remove(b"DecodeParms");
                form.set_content(encoded);
            }
        }
    }
    Ok(())
}

/// Rewrites `string '` as `T* string Tj` and `aw ac string "` as `aw Tw ac Tc T* string Tj`
/// (PDF 32000-1, table 109); true when anything changed.
fn spell_out_quotes(ops: &mut Vec<Operation>) -> bool {
    if !ops.iter().any(|op| op.operator == "'" || op.operator == "\"") {
        return false;
    }
    let mut out = Vec::with_capacity(ops.len() + ops.len() / 2);
    for op in ops.drain(..) {
        match (op.operator.as_str(), op.operands.as_slice()) {
            ("'", [string]) => {
                out.push(Operation::new("T*", vec![]));
                out.push(Operation::new("Tj", vec![string.clone()]));
            }
            ("\"", [aw, ac, string]) => {
                out.push(Operation::new("Tw", vec![aw.clone()]));
                out.push(Operation::new("Tc", vec![ac.clone()]));
                out.push(Operation::new("T*", vec![]));
                out.push(Operation::new("Tj", vec![string.clone()]));
            }
            // Malformed (wrong operand count): dropped, as a viewer would.
            ("'" | "\"", _) => {}
            _ => out.push(op),
        }
    }
    *ops = out;
    true
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

    /// The tests of this module that read PDFs, one at a time, so that one can count reader threads.
    static READERS: std::sync::Mutex<()> = std::sync::Mutex::new(());

    fn reader_threads() -> usize {
        let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return 0 };
        tasks.filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok()).filter(|c| c.trim() == "pdf-reader").count()
    }

    #[test]
    fn fuzzed_pdf_read_within_its_deadline_leaves_no_reader_thread_behind() {
        // The pdf fuzz target's leak check found the reader of the last input still exiting as the
        // process ended: a read that finished returned before its thread did.
        let _one_at_a_time = READERS.lock();
        for _ in 0..200 {
            let r = parse("empty.pdf", b"");
            assert!(r.is_err(), "an empty file is no PDF");
            // A joined thread can still be listed in /proc for a moment: glibc's join returns
            // when the kernel clears the thread's id, just before it leaves the thread group (CI
            // saw one listed once in 200 reads). A reader left running would stay listed.
            let listed_until = Instant::now() + Duration::from_secs(2);
            while reader_threads() > 0 && Instant::now() < listed_until {
                std::thread::sleep(Duration::from_millis(1));
            }
            assert_eq!(reader_threads(), 0, "no reader thread outlives a finished read");
        }
    }

    #[test]
    fn ligature_glyphs_are_spelled_out_as_their_letters() {
        // Chromium 156.0.8078.114 prints "affirmé" with U+FB00: read as is, "aﬀirmé" matched no
        // search and no lexicon word, and pdftotext's words were no longer 95 % imported.
        let spelled: String = ["a", "\u{FB00}", "i", "r", "m", "é", " ", "\u{FB01}", "n", " ", "\u{FB03}"].into_iter().map(unligature).collect();
        assert_eq!(spelled, "affirmé fin ffi");
    }

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
        let _one_at_a_time = READERS.lock();
        for bytes in [&b"%PDF-1.7\n garbage"[..], b"", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"] {
            let r = parse("bad.pdf", bytes);
            assert!(matches!(r, Err(Error::BadInput { .. })), "{bytes:?} gives a BadInput, got {r:?}");
        }
    }
}
