//! Staff errors as pages: when a browser on a staff page (`/admin...`, `/review...`) meets one of our
//! JSON errors — an unknown entry id in the address, a form with an unexpected value, a session that
//! expired while a form was open, the service busy — [`staff_error_pages`] answers with a page in the
//! staff member's language instead: what happened in plain words, the stable code for the
//! administrator, and the way back. Scripts (the automation token, or no `Accept: text/html`) keep the
//! JSON error; the status, the code for the metrics and headers such as `Retry-After` are kept either
//! way. [`StaffSlot`] is how the [`Staff`] extractor tells this layer whose page it is.

use std::sync::{Arc, OnceLock};

use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, html};

use super::layout;
use super::messages::Msg;
use super::staff::{Staff, bearer, browser_lang, wants_html};
use crate::http::error::ErrorCode;
use crate::http::state::AppState;
use crate::text_analysis::Language;

/// Filled by the [`Staff`] extractor with the staff member it recognised, so that an error raised
/// after it can be shown with their language and navigation.
#[derive(Debug, Clone, Default)]
pub struct StaffSlot(Arc<OnceLock<Staff>>);

impl StaffSlot {
    /// Records who is asking (the first call wins).
    pub fn fill(&self, staff: &Staff) {
        let _ = self.0.set(staff.clone());
    }
}

/// Whether `path` is one of the staff pages.
fn is_staff_path(path: &str) -> bool {
    ["/admin", "/review"].iter().any(|root| {
        path.strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// Whether the request comes from a staff member's browser rather than a script.
fn from_a_browser(headers: &HeaderMap) -> bool {
    wants_html(headers) && bearer(headers).is_none()
}

/// Middleware: our JSON errors on staff pages become a page for browsers (see the module doc).
pub async fn staff_error_pages(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if !is_staff_path(request.uri().path()) || !from_a_browser(request.headers()) {
        return next.run(request).await;
    }
    let slot = StaffSlot::default();
    request.extensions_mut().insert(slot.clone());
    let headers = request.headers().clone();
    let response = next.run(request).await;
    let status = response.status();
    let Some(&ErrorCode(code)) = response.extensions().get::<ErrorCode>() else {
        return response;
    };
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || !json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let detail = match axum::body::to_bytes(body, 64 * 1024).await {
        Ok(bytes) => serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| v["error"]["message"].as_str().map(str::to_owned)),
        Err(_) => None,
    };
    // No route recognised the staff member (an unknown address): look the session up now.
    let staff = match slot.0.get() {
        Some(staff) => Some(staff.clone()),
        None => recognise(&state, headers.clone()).await,
    };
    let lang = staff.as_ref().map_or(browser_lang(&headers), |s| s.lang);
    let markup = error_page(staff.as_ref(), lang, code, detail.as_deref());
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    let mut page = (parts, Html(markup.into_string())).into_response();
    page.extensions_mut().insert(ErrorCode(code));
    page
}

/// The staff member behind a session cookie, if any (a GET of the same address, so an expired session
/// is simply nobody).
async fn recognise(state: &AppState, headers: HeaderMap) -> Option<Staff> {
    let mut request = Request::new(axum::body::Body::empty());
    *request.headers_mut() = headers;
    let (mut parts, _) = request.into_parts();
    Staff::from_request_parts(&mut parts, state).await.ok()
}

/// The explanation of an error code for staff, in plain words.
fn explanation(code: &str) -> Msg {
    match code {
        "unknown_entry" => Msg::ErrorUnknownEntry,
        "unknown_partner" => Msg::ErrorUnknownPartner,
        "not_found" => Msg::ErrorNotFound,
        "unknown_language" | "unknown_theme" | "invalid_request" | "invalid_json"
        | "missing_question" | "question_too_long" => Msg::ErrorInvalidRequest,
        "body_too_large" => Msg::ErrorTooLarge,
        "unauthorized" => Msg::ErrorSessionEnded,
        "rate_limited" => Msg::ErrorRateLimited,
        "method_not_allowed" => Msg::ErrorMethod,
        _ => Msg::ErrorOnOurSide,
    }
}

/// The page: title, explanation, the technical detail (in English, marked as such), the code, the
/// way back.
fn error_page(staff: Option<&Staff>, lang: Language, code: &str, detail: Option<&str>) -> Markup {
    let title = Msg::ErrorTitle.get(lang);
    let show_detail = matches!(explanation(code), Msg::ErrorInvalidRequest);
    let home = staff.map_or("/admin/login", |s| Staff::landing(s.roles));
    let body = html! {
        p role="alert" { (explanation(code).get(lang)) }
        @if show_detail {
            @if let Some(detail) = detail {
                p { (Msg::ErrorDetail.get(lang)) " " span lang="en" { (detail) } }
            }
        }
        p { (Msg::ErrorCodeLabel.get(lang)) " " code { (code) } }
        p { a href=(home) { (Msg::BackHome.get(lang)) } }
    };
    match staff {
        Some(staff) => layout::page(staff, title, body),
        None => layout::bare_page(lang, title, body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Role;

    #[test]
    fn only_staff_pages_are_turned_into_pages() {
        assert!(is_staff_path("/admin"));
        assert!(is_staff_path("/admin/entry/work/x"));
        assert!(is_staff_path("/review/console"));
        assert!(!is_staff_path("/administrator"));
        assert!(!is_staff_path("/api/v1/entries/x"));
        assert!(!is_staff_path("/reviews"));
    }

    #[test]
    fn scripts_keep_the_json_error() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, "text/html".parse().unwrap());
        assert!(from_a_browser(&headers));
        headers.insert(header::AUTHORIZATION, "Bearer t".parse().unwrap());
        assert!(!from_a_browser(&headers));
        assert!(!from_a_browser(&HeaderMap::new()));
    }

    #[test]
    fn the_page_explains_in_the_staff_language_and_keeps_the_code() {
        let editor = Staff::for_tests("amina", [Role::Editor].into_iter().collect(), Language::Nl);
        let page = error_page(Some(&editor), editor.lang, "unknown_entry", None).into_string();
        assert!(page.contains("<html lang=\"nl\">"), "{page}");
        assert!(page.contains(Msg::ErrorUnknownEntry.get(Language::Nl)));
        assert!(page.contains("<code>unknown_entry</code>"));
        assert!(page.contains("href=\"/admin/unanswered\""));
        let page =
            error_page(None, Language::Fr, "invalid_request", Some("bad <lang>")).into_string();
        assert!(
            page.contains("<span lang=\"en\">bad &lt;lang&gt;</span>"),
            "{page}"
        );
        assert!(page.contains("href=\"/admin/login\""));
        let page = error_page(None, Language::En, "internal", Some("secret")).into_string();
        assert!(!page.contains("secret"));
    }
}
