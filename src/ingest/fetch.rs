//! Fetching a URL: one blocking GET with a whole-request timeout, bounded redirects and a cap
//! on the decoded body size.
//!
//! `ureq` (blocking, rustls, no async runtime) sends `Accept-Encoding: gzip` and inflates the
//! body itself; its body limit counts bytes *after* decoding, so a gzip bomb stops at
//! [`FetchConfig::max_bytes`] instead of filling memory. Only http(s) is fetched, and only
//! content types we can read (HTML, XHTML, PDF, plain text, Markdown, feeds) are accepted.

use std::time::Duration;

use chrono::{DateTime, Utc};
use ureq::ResponseExt;

use crate::error::{Error, Result};
use crate::text::is_web_url;

/// How to fetch.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Time allowed for the whole request, connection to last byte.
    pub timeout: Duration,
    /// Largest body accepted, counted after decompression.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig { timeout: Duration::from_secs(30), max_bytes: 20 * 1024 * 1024, max_redirects: 5 }
    }
}

/// A fetched resource.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL asked for.
    pub requested: String,
    /// The URL the body came from, after redirects.
    pub final_url: String,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body, decoded from any `Content-Encoding`.
    pub bytes: Vec<u8>,
    /// When the response arrived.
    pub retrieved_at: DateTime<Utc>,
}

/// Content types we know how to read; anything else is refused before reading the body.
fn readable(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime.is_empty()
        || mime.starts_with("text/")
        || mime.ends_with("+xml")
        || matches!(
            mime.as_str(),
            "application/pdf" | "application/xml" | "application/xhtml+xml" | "application/octet-stream" | "application/json"
        )
}

/// Fetches `url` (http or https).
pub fn fetch(url: &str, cfg: &FetchConfig) -> Result<Fetched> {
    let fail = |why: String| Error::Fetch { url: url.to_string(), why };
    if !is_web_url(url) {
        return Err(fail("only http:// and https:// URLs can be fetched".into()));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(cfg.timeout))
        .max_redirects(cfg.max_redirects)
        .http_status_as_error(false)
        .user_agent(concat!("Crosscheck/", env!("CARGO_PKG_VERSION"), " (fact-checking workbench)"))
        .accept("text/html,application/xhtml+xml,application/pdf,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5")
        .build()
        .into();
    let mut resp = agent.get(url).call().map_err(|e| fail(describe(e, cfg)))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(fail(format!("the server answered HTTP {}", status)));
    }
    let final_url = resp.get_uri().to_string();
    let content_type = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_string);
    if let Some(ct) = content_type.as_deref().filter(|ct| !readable(ct)) {
        return Err(fail(format!("is {ct}, not a page, PDF, feed or text")));
    }
    let bytes = resp.body_mut().with_config().limit(cfg.max_bytes).read_to_vec().map_err(|e| fail(describe(e, cfg)))?;
    Ok(Fetched { requested: url.to_string(), final_url, content_type, bytes, retrieved_at: Utc::now() })
}

fn describe(e: ureq::Error, cfg: &FetchConfig) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("timed out after {} s", cfg.timeout.as_secs_f32()),
        ureq::Error::BodyExceedsLimit(n) => format!("the body exceeds the {} MB limit (after decompression; at {n} bytes)", cfg.max_bytes >> 20),
        ureq::Error::TooManyRedirects => format!("more than {} redirects", cfg.max_redirects),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "connection failed".to_string(),
        ureq::Error::Decompress(kind, e) => format!("the {kind} body is corrupt: {e}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_readable_content_types_are_accepted() {
        for (ct, ok) in [
            ("text/html; charset=utf-8", true),
            ("application/pdf", true),
            ("application/rss+xml", true),
            ("image/png", false),
            ("application/zip", false),
        ] {
            assert_eq!(readable(ct), ok, "content type {ct}");
        }
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_web_url("HTTPS://example.org/a"), "scheme case is ignored");
        assert!(!is_web_url("./https/a.html"), "a relative path");
        assert!(!is_web_url("ftp://example.org/a"), "unsupported scheme");
    }
}
