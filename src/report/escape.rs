//! Escaping for what the Markdown report embeds: claim texts, speakers, notes, titles and URLs
//! are data from imported documents and must render as text, never as markup. (The HTML report
//! is escaped by its template engine, the PDF's text reaches the typesetter as data.)
//!
//! - Markdown: a backslash before every ASCII punctuation character Markdown (or HTML inside
//!   it) gives meaning to, `<` and `&` included, so no renderer sees a tag or an entity and the
//!   file still reads as plain text (no `&quot;`); line breaks become spaces, so embedded text
//!   can never open a heading, list, quote or table row.
//! - Control characters other than line feed and tab become U+FFFD.
//! - URLs: linked only when they are `http` or `https` (see [`is_web_url`]); any other scheme
//!   (`javascript:`, `data:`, `file:`) is printed as text.

use crate::text::is_web_url;

/// Escapes text for inline Markdown (a paragraph, a table cell, a link text).
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut last_space = false;
    for c in s.chars() {
        if c == '\n' || c == '\r' || c == '\t' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = c == ' ';
        match c {
            // CommonMark: a backslash makes any ASCII punctuation literal, `<` and `&` included.
            '&' | '<' | '>' | '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.' | '!' | '|' | '~' | '='
            | ':' => {
                out.push('\\');
                out.push(c);
            }
            // A Markdown file is read in terminals and editors too: ESC sequences must not reach
            // them raw.
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A web URL made safe for a Markdown link destination: characters that could close the link or
/// start markup are percent-encoded. Call only on URLs that pass [`is_web_url`].
pub fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_alphanumeric() || "-._~:/?#@!$&+,;=%".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A Markdown link when `url` is a web URL, else the URL as escaped text.
pub fn markdown_link(text: &str, url: &str) -> String {
    if is_web_url(url) {
        format!("[{}]({})", markdown(text), markdown_url(url))
    } else if text == url {
        markdown(url)
    } else {
        format!("{} ({})", markdown(text), markdown(url))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: fn(&str) -> String, input: &str, expected: &str) {
        assert_eq!(f(input), expected, "escaping {input:?}");
    }

    #[test]
    fn markdown_neutralises_tags_links_emphasis_and_line_structure() {
        check(markdown, "<script>x</script>", "\\<script\\>x\\</script\\>");
        check(markdown, "l'\"armée\" & co", "l'\"armée\" \\& co");
        check(markdown, "[a](javascript:x) *b* `c`", "\\[a\\]\\(javascript\\:x\\) \\*b\\* \\`c\\`");
        check(markdown, "a\n# h\n- l\n\n| t |", "a \\# h \\- l \\| t \\|");
        check(markdown, "2. élément", "2\\. élément");
    }

    #[test]
    fn only_http_and_https_urls_are_linked() {
        for (url, ok) in [
            ("https://example.org/a?b=1", true),
            ("HTTP://EXAMPLE.ORG", true),
            ("javascript:alert(1)", false),
            ("data:text/html,x", false),
            ("file:///etc/passwd", false),
            ("https://", false),
            ("https://a b", false),
            (" https://a", false),
        ] {
            assert_eq!(is_web_url(url), ok, "is_web_url({url:?})");
        }
        assert_eq!(markdown_link("x", "javascript:alert(1)"), "x (javascript\\:alert\\(1\\))", "non-web URL is text");
        assert_eq!(markdown_link("x", "https://e.org/a(b)"), "[x](https://e.org/a%28b%29)", "parentheses are encoded");
    }
}
