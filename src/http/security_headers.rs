//! Security headers on every response, as one global layer (so the admin, review and widget routes
//! need not remember them): `X-Content-Type-Options: nosniff` everywhere; on HTML pages a
//! Content-Security-Policy without scripts and with `frame-ancestors 'none'` and `Referrer-Policy:
//! no-referrer` (`same-origin` on the staff pages: under `no-referrer` browsers send `Origin: null` with a
//! form, and the staff forms' CSRF check needs their real origin; `same-origin` still never tells another
//! site which page linked to it), unless the handler set its own (the demo page keeps its strict one,
//! which allows its widget script); and `Cache-Control: no-store` on every `/admin` and `/review`
//! response, so no browser or proxy keeps a staff page.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The policy of server-rendered HTML pages (the admin and review pages: no script at all, their own
/// stylesheet, SVG charts inline, forms posting to themselves).
pub const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The middleware.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let staff = is_staff_path(request.uri().path());
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("text/html"));
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if html {
        h.entry(header::CONTENT_SECURITY_POLICY)
            .or_insert(HeaderValue::from_static(PAGE_CSP));
        h.entry(header::REFERRER_POLICY)
            .or_insert(HeaderValue::from_static(if staff {
                "same-origin"
            } else {
                "no-referrer"
            }));
    }
    if staff {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// `/admin`, `/admin/...`, `/review`, `/review/...`.
fn is_staff_path(path: &str) -> bool {
    ["/admin", "/review"].iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_paths() {
        assert!(is_staff_path("/admin"));
        assert!(is_staff_path("/admin/unanswered"));
        assert!(is_staff_path("/review/console"));
        assert!(!is_staff_path("/administrator"));
        assert!(!is_staff_path("/api/v1/ask"));
    }
}
