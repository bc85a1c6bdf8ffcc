//! Bytes to text: finds the character encoding and decodes with `encoding_rs`.
//!
//! The order follows the HTML standard's "determine the encoding" steps, which browsers apply
//! to text files too: a byte-order mark wins, then the charset the server declared, then (for
//! HTML) a `<meta charset>` in the first bytes, then valid UTF-8, and last a guess by
//! `chardetng` (Firefox's detector). Decoding never fails: malformed bytes become U+FFFD, and
//! [`Decoded::replaced`] says whether that happened.

use encoding_rs::{Encoding, UTF_8};

/// How the encoding was chosen, most to least authoritative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingEvidence {
    /// A byte-order mark.
    Bom,
    /// The `charset` of an HTTP `Content-Type` header.
    Header,
    /// A `<meta charset>` or `<meta http-equiv="Content-Type">` in the document.
    Meta,
    /// The bytes are valid UTF-8.
    ValidUtf8,
    /// UTF-8 with a few malformed bytes (a truncated or spliced file): those become U+FFFD,
    /// rather than every accented letter of the text being misread as windows-1252.
    MostlyUtf8,
    /// `chardetng`'s guess from the byte statistics.
    Sniffed,
}

/// Decoded text and how it was decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, BOM removed.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// Why that encoding.
    pub evidence: EncodingEvidence,
    /// True when malformed byte sequences were replaced by U+FFFD.
    pub replaced: bool,
}

/// What the caller knows about the bytes besides the bytes themselves.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// The `charset` parameter the server sent, if any.
    pub declared: Option<&'a str>,
    /// Look for a `<meta>` charset declaration (HTML input).
    pub html: bool,
}

/// How far into an HTML document a `<meta charset>` is looked for. The standard says 1024
/// bytes; pages with long inline `<head>` scripts put it later, and browsers tolerate that.
const META_PRESCAN: usize = 4096;

/// Decodes `bytes` with the best-evidenced encoding.
pub fn decode(bytes: &[u8], hints: Hints<'_>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(encoding, &bytes[bom_len..], EncodingEvidence::Bom);
    }
    if let Some(enc) = hints.declared.and_then(label) {
        return finish(enc, bytes, EncodingEvidence::Header);
    }
    if hints.html {
        if let Some(enc) = meta_charset(&bytes[..bytes.len().min(META_PRESCAN)]) {
            return finish(enc, bytes, EncodingEvidence::Meta);
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return finish(UTF_8, bytes, EncodingEvidence::ValidUtf8);
    }
    if mostly_utf8(bytes) {
        return finish(UTF_8, bytes, EncodingEvidence::MostlyUtf8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    finish(detector.guess(None, chardetng::Utf8Detection::Allow), bytes, EncodingEvidence::Sniffed)
}

/// True when the bytes read as UTF-8 except for a few malformed sequences: at least one valid
/// multi-byte character, and at least four valid ones for each malformed sequence. A legacy
/// 8-bit text almost never forms valid UTF-8 multi-byte sequences by chance, while a UTF-8 text
/// with an odd bad byte has many.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut malformed) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        malformed += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > 0 && multibyte >= 4 * malformed
}

fn finish(encoding: &'static Encoding, bytes: &[u8], evidence: EncodingEvidence) -> Decoded {
    let (text, replaced) = encoding.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding, evidence, replaced }
}

/// An encoding label as the standard maps it. A document cannot declare itself UTF-16 in
/// ASCII bytes, so such a label means UTF-8 (the standard's rule for `<meta>`).
fn label(name: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(name.trim().trim_matches(|c| c == '"' || c == '\'').as_bytes())?;
    Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { UTF_8 } else { enc })
}

/// The `charset` parameter of a `Content-Type` value (`text/html; charset=windows-1252`).
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches('"'))
    })
}

/// The encoding a `<meta>` tag declares in `head` (a prefix of the document). This is a
/// simplified form of the standard's prescan: it looks inside `<meta …>` tags only, for
/// `charset=` either as an attribute or inside `content="text/html; charset=…"`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.iter().position(|&b| b != b' ' && b != b'=' && b != b'"' && b != b'\'').map_or(&[][..], |i| &rest[i..]);
            let value_end = rest.iter().position(|&b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>')).unwrap_or(rest.len());
            if let Some(enc) = std::str::from_utf8(&rest[..value_end]).ok().and_then(label) {
                return Some(enc);
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], hints: Hints<'_>, text: &str, encoding: &str, evidence: EncodingEvidence) {
        let d = decode(bytes, hints);
        assert_eq!(d.text, text, "decoded text of {bytes:?}");
        assert_eq!(d.encoding.name(), encoding, "encoding of {bytes:?}");
        assert_eq!(d.evidence, evidence, "evidence for {bytes:?}");
    }

    #[test]
    fn encodings_are_chosen_by_bom_header_meta_utf8_then_sniffing() {
        let html = Hints { html: true, ..Default::default() };
        check(b"\xEF\xBB\xBFErevan nie", Hints::default(), "Erevan nie", "UTF-8", EncodingEvidence::Bom);
        check(b"\xEF\xBB\xBFd\xC3\xA9ni", Hints { declared: Some("windows-1252"), html: false }, "déni", "UTF-8", EncodingEvidence::Bom);
        check(b"d\xE9ni", Hints { declared: Some("ISO-8859-1"), html: false }, "déni", "windows-1252", EncodingEvidence::Header);
        check(b"<meta charset=\"windows-1252\"><p>d\xE9ni", html, "<meta charset=\"windows-1252\"><p>déni", "windows-1252", EncodingEvidence::Meta);
        check(
            b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">\xE9",
            html,
            "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">é",
            "windows-1252",
            EncodingEvidence::Meta,
        );
        check("Azerbaïdjan".as_bytes(), html, "Azerbaïdjan", "UTF-8", EncodingEvidence::ValidUtf8);
        check(
            b"Le minist\xE8re des Affaires \xE9trang\xE8res a d\xE9menti ces all\xE9gations, qualifi\xE9es de \xAB fausses \xBB.",
            Hints::default(),
            "Le ministère des Affaires étrangères a démenti ces allégations, qualifiées de « fausses ».",
            "windows-1252",
            EncodingEvidence::Sniffed,
        );
    }

    #[test]
    fn a_utf16_meta_declaration_in_ascii_bytes_means_utf8() {
        check(b"<meta charset=utf-16>\xC3\xA9", Hints { html: true, ..Default::default() }, "<meta charset=utf-16>é", "UTF-8", EncodingEvidence::Meta);
    }

    #[test]
    fn charset_parameter_is_read_from_content_type() {
        assert_eq!(charset_param("text/html; charset=\"Windows-1252\""), Some("Windows-1252"), "quoted charset");
        assert_eq!(charset_param("text/html;CHARSET=utf-8"), Some("utf-8"), "case-insensitive name");
        assert_eq!(charset_param("text/html"), None, "no parameter");
    }
}
