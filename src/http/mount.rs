//! A site served under its prefix `/<id>/` without knowing it: its router sees the path without the
//! prefix (`sites.rs` takes it off), and this layer puts it back on the addresses that go out, the way a
//! reverse proxy mounts an application under a path: a redirect's `Location`, a cookie's `Path`, and
//! the root-relative addresses of HTML attributes (`href="/admin"`, `action="/admin/login"`,
//! `src="/widget.js"`). The HTML we send is written by maud, which escapes every `"` of a text, so a
//! visitor's or an editor's text can never read as one of those attributes.
//!
//! Pages are rewritten uncompressed: [`prepare`] asks the site for no compression on the paths that
//! answer HTML (the staff pages and the demo page), which are few and small.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::error::ApiError;

/// Largest page rewritten; a larger HTML body (none is) is refused rather than buffered.
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// The HTML attributes whose root-relative address gets the prefix.
const ATTRIBUTES: [&str; 4] = [" href=\"/", " src=\"/", " action=\"/", " formaction=\"/"];

/// Before the site's router: no compression on the paths that answer pages, so they can be rewritten.
pub(super) fn prepare(request: &mut Request) {
    let path = request.uri().path();
    let pages = path == "/"
        || ["/admin", "/review"].iter().any(|p| {
            path.strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        });
    if pages {
        request.headers_mut().remove(header::ACCEPT_ENCODING);
    }
}

/// After the site's router: its addresses under `prefix`.
pub(super) async fn finish(response: Response, prefix: &str) -> Response {
    let (mut parts, body) = response.into_parts();
    if let Some(location) = parts
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        && let Some(moved) = root_relative(location).then(|| format!("{prefix}{location}"))
        && let Ok(value) = HeaderValue::from_str(&moved)
    {
        parts.headers.insert(header::LOCATION, value);
    }
    let cookies: Vec<HeaderValue> = parts
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|cookie| {
            cookie
                .to_str()
                .ok()
                .map(|c| cookie_under(c, prefix))
                .and_then(|c| HeaderValue::from_str(&c).ok())
                .unwrap_or_else(|| cookie.clone())
        })
        .collect();
    if !cookies.is_empty() {
        parts.headers.remove(header::SET_COOKIE);
        for cookie in cookies {
            parts.headers.append(header::SET_COOKIE, cookie);
        }
    }
    let html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !html || parts.headers.contains_key(header::CONTENT_ENCODING) {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        return ApiError::Internal.into_response();
    };
    let page = String::from_utf8_lossy(&bytes);
    let rewritten = html_under(&page, prefix);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(rewritten))
}

/// `/admin` is root-relative; `//cdn.example`, `https://...`, `admin` and `#main` are not.
fn root_relative(address: &str) -> bool {
    address.starts_with('/') && !address.starts_with("//")
}

/// `session=x; Path=/admin; HttpOnly` → `session=x; Path=/namur/admin; HttpOnly`.
fn cookie_under(cookie: &str, prefix: &str) -> String {
    cookie
        .split(';')
        .map(|attribute| {
            let trimmed = attribute.trim_start();
            match trimmed.split_once('=') {
                Some((name, value))
                    if name.eq_ignore_ascii_case("path") && root_relative(value) =>
                {
                    format!(" Path={prefix}{value}")
                }
                _ => attribute.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Every root-relative address of an [`ATTRIBUTES`] attribute gets `prefix` in front.
fn html_under(page: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(page.len() + 256);
    let mut rest = page;
    while let Some((at, attribute)) = ATTRIBUTES
        .iter()
        .filter_map(|a| rest.find(a).map(|i| (i, *a)))
        .min_by_key(|(i, _)| *i)
    {
        let value_start = at + attribute.len() - 1;
        out.push_str(&rest[..value_start]);
        if !rest[value_start..].starts_with("//") {
            out.push_str(prefix);
        }
        rest = &rest[value_start..];
        // Move past the `/` so the same attribute is not found again.
        out.push('/');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_relative_attributes_get_the_prefix_and_nothing_else_does() {
        let page = r##"<a href="/admin">x</a><a href="#main">skip</a><a href="https://actiris.brussels/">a</a><form method="post" action="/admin/login"><button formaction="/admin/logout">o</button></form><script src="/widget.js"></script><a href="//cdn.example/x">c</a><p>href="/not-an-attribute" in text is &quot;escaped&quot;</p>"##;
        let out = html_under(page, "/namur");
        assert!(out.contains(r#"<a href="/namur/admin">"#), "{out}");
        assert!(out.contains(r##"href="#main""##));
        assert!(out.contains(r#"href="https://actiris.brussels/""#));
        assert!(out.contains(r#"action="/namur/admin/login""#));
        assert!(out.contains(r#"formaction="/namur/admin/logout""#));
        assert!(out.contains(r#"src="/namur/widget.js""#));
        assert!(out.contains(r#"href="//cdn.example/x""#));
        // Text is not an attribute (no space-led attribute form inside a <p> written by maud).
        assert!(out.contains(r#"<p>href="/not-an-attribute""#), "{out}");
    }

    #[test]
    fn cookie_paths_and_redirects_move_under_the_prefix() {
        assert_eq!(
            cookie_under(
                "cdm_staff=abc; Path=/admin; HttpOnly; SameSite=Strict",
                "/namur"
            ),
            "cdm_staff=abc; Path=/namur/admin; HttpOnly; SameSite=Strict"
        );
        assert_eq!(
            cookie_under("x=1; Domain=example.be", "/namur"),
            "x=1; Domain=example.be"
        );
        assert!(root_relative("/admin/login?next=%2Fadmin"));
        assert!(!root_relative("//evil.example/"));
        assert!(!root_relative("https://example.be/"));
    }

    #[test]
    fn only_page_paths_lose_compression() {
        for (path, pages) in [
            ("/", true),
            ("/admin", true),
            ("/admin/entries", true),
            ("/review/console", true),
            ("/administrator", false),
            ("/widget.js", false),
            ("/api/v1/ask", false),
        ] {
            let mut request = Request::builder()
                .uri(path)
                .header(header::ACCEPT_ENCODING, "br")
                .body(Body::empty())
                .unwrap();
            prepare(&mut request);
            assert_eq!(
                !request.headers().contains_key(header::ACCEPT_ENCODING),
                pages,
                "{path}"
            );
        }
    }
}
