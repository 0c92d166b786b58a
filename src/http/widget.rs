//! The embeddable widget and its demo page, compiled into the binary from `web-widget/`:
//! `GET /widget.js` (with an ETag and caching), `GET /` (a page that looks like the Cité des métiers
//! site, `?lang=fr|nl|en`) and `GET /demo.css`. The demo page is served under a strict Content Security
//! Policy, so the widget is proven to work without inline scripts or styles.
//!
//! `/widget.js` is `web-widget/dist/widget.min.js`, the esbuild minification of the readable
//! `web-widget/src/widget.js`, committed with its brotli and gzip compressions (built by
//! `web-widget/scripts/build.mjs`, whose `--check` in the test script fails when they are stale). The
//! bytes are served as they are: brotli when the client accepts it, else gzip, else plain, with
//! `Vary: Accept-Encoding` (the compression layer leaves responses that already carry an encoding).

use std::sync::LazyLock;

use super::json::AppQuery;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

const WIDGET_JS: &str = include_str!("../../web-widget/dist/widget.min.js");
const WIDGET_BR: &[u8] = include_bytes!("../../web-widget/dist/widget.min.js.br");
const WIDGET_GZ: &[u8] = include_bytes!("../../web-widget/dist/widget.min.js.gz");
const DEMO_CSS: &str = include_str!("../../web-widget/demo/demo.css");
const DEMO_FR: &str = include_str!("../../web-widget/demo/index.fr.html");
const DEMO_NL: &str = include_str!("../../web-widget/demo/index.nl.html");
const DEMO_EN: &str = include_str!("../../web-widget/demo/index.en.html");

/// The Content Security Policy of the demo page: nothing inline, nothing from elsewhere.
pub const DEMO_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

fn etag(content: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    content.hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}

static WIDGET_ETAG: LazyLock<String> = LazyLock::new(|| etag(WIDGET_JS));
static WIDGET_ETAGS: LazyLock<[String; 3]> = LazyLock::new(|| {
    let tag = WIDGET_ETAG.trim_matches('"');
    [
        format!("\"{tag}\""),
        format!("\"{tag}-br\""),
        format!("\"{tag}-gz\""),
    ]
});

/// A content coding of the widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// No compression.
    Identity,
    /// Brotli.
    Brotli,
    /// Gzip.
    Gzip,
}

/// The coding to send for `Accept-Encoding`: brotli when accepted, else gzip, else none (a coding
/// with `q=0` is refused; `*` accepts both).
pub fn preferred_coding(accept_encoding: Option<&str>) -> Coding {
    let Some(accept) = accept_encoding else {
        return Coding::Identity;
    };
    let mut brotli = None;
    let mut gzip = None;
    let mut star = None;
    for part in accept.split(',') {
        let mut pieces = part.split(';');
        let name = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces
            .filter_map(|p| p.trim().strip_prefix("q="))
            .filter_map(|q| q.trim().parse::<f32>().ok())
            .next()
            .unwrap_or(1.0);
        match name.as_str() {
            "br" => brotli = Some(q > 0.0),
            "gzip" | "x-gzip" => gzip = Some(q > 0.0),
            "*" => star = Some(q > 0.0),
            _ => {}
        }
    }
    if brotli.or(star).unwrap_or(false) {
        Coding::Brotli
    } else if gzip.or(star).unwrap_or(false) {
        Coding::Gzip
    } else {
        Coding::Identity
    }
}
static CSS_ETAG: LazyLock<String> = LazyLock::new(|| etag(DEMO_CSS));

fn cached(
    headers: &HeaderMap,
    body: &'static [u8],
    tag: &str,
    content_type: &'static str,
) -> Response {
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(tag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// `GET /widget.js`: the precompressed bytes for the client's `Accept-Encoding`.
pub async fn widget_js(headers: HeaderMap) -> Response {
    let coding = preferred_coding(
        headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok()),
    );
    let (body, tag, encoding) = match coding {
        Coding::Brotli => (WIDGET_BR, &WIDGET_ETAGS[1], Some("br")),
        Coding::Gzip => (WIDGET_GZ, &WIDGET_ETAGS[2], Some("gzip")),
        Coding::Identity => (WIDGET_JS.as_bytes(), &WIDGET_ETAGS[0], None),
    };
    let mut response = cached(&headers, body, tag, "text/javascript; charset=utf-8");
    let h = response.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(encoding) = encoding.filter(|_| response_is_body(&headers, tag)) {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

/// False when the request's `If-None-Match` makes the answer a body-less 304.
fn response_is_body(headers: &HeaderMap, tag: &str) -> bool {
    !headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"))
}

/// `GET /demo.css`.
pub async fn demo_css(headers: HeaderMap) -> Response {
    cached(
        &headers,
        DEMO_CSS.as_bytes(),
        &CSS_ETAG,
        "text/css; charset=utf-8",
    )
}

/// `?lang=` of the demo page.
#[derive(Debug, Deserialize)]
pub struct DemoParams {
    lang: Option<String>,
}

/// `GET /`: the demo page.
pub async fn demo_page(AppQuery(params): AppQuery<DemoParams>) -> Response {
    let page = match params.lang.as_deref() {
        Some("nl") => DEMO_NL,
        Some("en") => DEMO_EN,
        _ => DEMO_FR,
    };
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DEMO_CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// The widget as served, uncompressed (for the size budget test).
pub fn widget_source() -> &'static str {
    WIDGET_JS
}

/// The widget as served to clients that accept brotli, and to those that accept gzip.
pub fn widget_compressed() -> (&'static [u8], &'static [u8]) {
    (WIDGET_BR, WIDGET_GZ)
}

#[cfg(test)]
mod tests {
    //! Properties: brotli is preferred, gzip next, `q=0` refuses a coding, nothing means plain; the
    //! compressed files are smaller than the plain one and within the 12 KB budget.
    use super::*;

    #[test]
    fn accept_encoding_picks_brotli_then_gzip() {
        assert_eq!(preferred_coding(None), Coding::Identity);
        assert_eq!(preferred_coding(Some("gzip, deflate, br")), Coding::Brotli);
        assert_eq!(preferred_coding(Some("gzip, br;q=0")), Coding::Gzip);
        assert_eq!(preferred_coding(Some("GZIP")), Coding::Gzip);
        assert_eq!(preferred_coding(Some("deflate")), Coding::Identity);
        assert_eq!(preferred_coding(Some("*")), Coding::Brotli);
        assert_eq!(preferred_coding(Some("identity")), Coding::Identity);
    }

    #[test]
    fn the_compressed_widget_is_within_the_budget() {
        let (br, gz) = widget_compressed();
        assert!(br.len() < gz.len() && gz.len() < WIDGET_JS.len());
        assert!(gz.len() <= 12 * 1024, "{} B gzipped", gz.len());
        assert_eq!(&gz[..2], &[0x1f, 0x8b], "gzip magic");
    }
}
