//! The embeddable widget and its demo page, compiled into the binary from `web-widget/`:
//! `GET /widget.js` (with an ETag and caching), `GET /` (a page that looks like the Cité des métiers
//! site, `?lang=fr|nl|en`) and `GET /demo.css`. The demo page is served under a strict Content Security
//! Policy, so the widget is proven to work without inline scripts or styles.

use std::sync::LazyLock;

use super::json::AppQuery;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

const WIDGET_JS: &str = include_str!("../../web-widget/src/widget.js");
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
static CSS_ETAG: LazyLock<String> = LazyLock::new(|| etag(DEMO_CSS));

fn cached(
    headers: &HeaderMap,
    body: &'static str,
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

/// `GET /widget.js`.
pub async fn widget_js(headers: HeaderMap) -> Response {
    cached(
        &headers,
        WIDGET_JS,
        &WIDGET_ETAG,
        "text/javascript; charset=utf-8",
    )
}

/// `GET /demo.css`.
pub async fn demo_css(headers: HeaderMap) -> Response {
    cached(&headers, DEMO_CSS, &CSS_ETAG, "text/css; charset=utf-8")
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

/// Size of the widget as served, in bytes (for the size budget test).
pub fn widget_source() -> &'static str {
    WIDGET_JS
}
