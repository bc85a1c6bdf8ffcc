//! Fetching a URL: one blocking GET with a whole-request timeout, bounded redirects and a cap
//! on the decoded body size.
//!
//! `ureq` (blocking, rustls, no async runtime) sends `Accept-Encoding: gzip` and inflates the
//! body itself; its body limit counts bytes *after* decoding, so a gzip bomb stops at
//! [`FetchConfig::max_bytes`] instead of filling memory. Only http(s) is fetched, and only
//! content types we can read (HTML, XHTML, PDF, plain text, Markdown, feeds) are accepted.
//!
//! Where a request may go: a page, a feed or a feed item's link names the URLs we fetch, so
//! they must not reach what only this machine can (a feed item linking to
//! `http://127.0.0.1/admin/…`). Loopback, private, link-local and other non-public addresses are
//! refused unless [`FetchConfig::allow_private`] is set (the `fetch_private` setting, for
//! intranet pages), and even then a redirect from a public address to a non-public one is
//! refused. The check is made on the addresses the connection will use (our resolver wraps
//! ureq's), so a host name that resolves to a private address is caught too; redirects are
//! followed here, hop by hop, so that each hop is checked.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::DefaultConnector;

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
    /// Whether loopback, private and link-local addresses may be fetched (intranet pages). A
    /// redirect from a public address to such an address is refused all the same.
    pub allow_private: bool,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig { timeout: Duration::from_secs(30), max_bytes: 20 * 1024 * 1024, max_redirects: 5, allow_private: false }
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

/// Fetches `url` (http or https), following redirects hop by hop.
pub fn fetch(url: &str, cfg: &FetchConfig) -> Result<Fetched> {
    let fail = |why: String| Error::Fetch { url: url.to_string(), why };
    if !is_web_url(url) {
        return Err(fail("only http:// and https:// URLs can be fetched".into()));
    }
    let started = Instant::now();
    let mut current = url.to_string();
    let mut public_seen = false;
    for hop in 0..=cfg.max_redirects {
        let left = cfg.timeout.checked_sub(started.elapsed()).ok_or_else(|| fail(describe(ureq::Error::Timeout(ureq::Timeout::Global), cfg)))?;
        let guard = Guard { allow_private: cfg.allow_private && !public_seen, reached_public: Arc::new(AtomicBool::new(false)) };
        let reached_public = guard.reached_public.clone();
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(left))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(concat!("Crosscheck/", env!("CARGO_PKG_VERSION"), " (fact-checking workbench)"))
            .accept("text/html,application/xhtml+xml,application/pdf,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5")
            .build();
        let agent = ureq::Agent::with_parts(config, DefaultConnector::default(), guard);
        let mut resp = agent.get(&current).call().map_err(|e| fail(describe(e, cfg)))?;
        public_seen |= reached_public.load(Ordering::Relaxed);
        let status = resp.status();
        if status.is_redirection() {
            let location = resp.headers().get("location").and_then(|v| v.to_str().ok()).ok_or_else(|| fail(format!("the server answered HTTP {status} without a Location")))?;
            let next = url::Url::parse(&current).and_then(|base| base.join(location)).map_err(|e| fail(format!("redirected to an invalid URL: {e}")))?;
            if !matches!(next.scheme(), "http" | "https") {
                return Err(fail(format!("redirected to {next}, which is not http or https")));
            }
            if hop == cfg.max_redirects {
                break;
            }
            current = next.to_string();
            continue;
        }
        if !status.is_success() {
            return Err(fail(format!("the server answered HTTP {}", status)));
        }
        let content_type = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_string);
        if let Some(ct) = content_type.as_deref().filter(|ct| !readable(ct)) {
            return Err(fail(format!("is {ct}, not a page, PDF, feed or text")));
        }
        let bytes = resp.body_mut().with_config().limit(cfg.max_bytes).read_to_vec().map_err(|e| fail(describe(e, cfg)))?;
        return Ok(Fetched { requested: url.to_string(), final_url: current, content_type, bytes, retrieved_at: Utc::now() });
    }
    Err(fail(describe(ureq::Error::TooManyRedirects, cfg)))
}

/// ureq's resolver, refusing the addresses a fetch may not reach (see the module's notes).
#[derive(Debug)]
struct Guard {
    allow_private: bool,
    /// Set when this hop resolved to a public address: later hops may then not go private.
    reached_public: Arc<AtomicBool>,
}

impl Resolver for Guard {
    fn resolve(&self, uri: &ureq::http::Uri, config: &ureq::config::Config, timeout: ureq::unversioned::transport::NextTimeout) -> std::result::Result<ResolvedSocketAddrs, ureq::Error> {
        let addrs = DefaultResolver::default().resolve(uri, config, timeout)?;
        let public = addrs.iter().all(|a| is_public(a.ip()));
        if !public && !self.allow_private {
            let host = uri.host().unwrap_or("");
            let shown: Vec<String> = addrs.iter().map(SocketAddr::ip).map(|ip| ip.to_string()).collect();
            return Err(ureq::Error::Io(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!(
                    "{host} is a local or private address ({}); such addresses are fetched only with the fetch_private setting, and never after a redirect from a public site",
                    shown.join(", ")
                ),
            )));
        }
        if public {
            self.reached_public.store(true, Ordering::Relaxed);
        }
        Ok(addrs)
    }
}

/// Whether an address is on the public internet: not loopback, private (RFC 1918, unique local),
/// link-local, shared (CGNAT), unspecified, multicast, broadcast, documentation or reserved.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && v4.octets()[2] == 0)
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || (first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
                || (first == 0x0064 && v6.segments()[1] == 0xff9b)) // NAT64, may reach IPv4 private space
        }
    }
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
    fn only_public_addresses_count_as_public() {
        for (ip, public) in [
            ("93.184.216.34", true),
            ("127.0.0.1", false),
            ("10.1.2.3", false),
            ("172.16.0.1", false),
            ("192.168.1.1", false),
            ("169.254.169.254", false),
            ("100.64.0.1", false),
            ("0.0.0.0", false),
            ("::1", false),
            ("fd00::1", false),
            ("fe80::1", false),
            ("::ffff:127.0.0.1", false),
            ("2606:4700::1111", true),
        ] {
            assert_eq!(is_public(ip.parse().unwrap()), public, "is_public({ip})");
        }
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_web_url("HTTPS://example.org/a"), "scheme case is ignored");
        assert!(!is_web_url("./https/a.html"), "a relative path");
        assert!(!is_web_url("ftp://example.org/a"), "unsupported scheme");
    }
}
