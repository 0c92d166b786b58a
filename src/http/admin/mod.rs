//! The editors' and counsellors' pages (`/admin/*`, `/review*`), behind the admin token. The token comes
//! only from the environment variable `CDM_FAQ_ADMIN_TOKEN`, is compared in constant time and is never
//! logged. It is sent as `Authorization: Bearer ...`, or typed once in the login form, which then sets a
//! session cookie for the admin (HttpOnly, SameSite=Strict, no expiry: it ends with the browser
//! session; sessions live in memory only). Without the variable, these routes are disabled and say so.

mod charts;
mod dashboard;
mod editor;
mod entries;
mod entry_form;
mod files;
mod history;
mod layout;
mod review;
mod unanswered;

use std::collections::HashSet;
use std::sync::Mutex;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{DOCTYPE, html};
use subtle::ConstantTimeEq;

use super::error::ApiError;
use super::state::AppState;
use crate::live::ReloadOutcome;

pub use dashboard::year_report;

/// Name of the admin session cookie.
pub const COOKIE: &str = "cdm_faq_admin";

/// Admin sessions opened with the login form (random ids, in memory only).
#[derive(Debug, Default)]
pub struct Sessions {
    ids: Mutex<HashSet<String>>,
}

impl Sessions {
    fn open(&self) -> Option<String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).ok()?;
        let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        self.ids
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.clone());
        Some(id)
    }

    fn contains(&self, id: &str) -> bool {
        self.ids
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(id)
    }

    fn close(&self, id: &str) {
        self.ids
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
    }
}

/// Constant-time comparison of a presented token with the configured one.
fn token_matches(presented: &str, expected: &str) -> bool {
    let (a, b) = (presented.as_bytes(), expected.as_bytes());
    // Compare equal-length buffers so the time does not depend on where they differ.
    let same_length = a.len() == b.len();
    let a = if same_length { a } else { b };
    bool::from(a.ct_eq(b)) && same_length
}

fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == COOKIE).then(|| value.to_string())
        })
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

fn authorised(state: &AppState, headers: &HeaderMap, token: &str) -> bool {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|presented| token_matches(presented.trim(), token));
    bearer || session_cookie(headers).is_some_and(|id| state.sessions.contains(&id))
}

/// The middleware guarding the admin and review routes.
pub async fn require_admin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(token) = state.config.admin_token.as_deref() else {
        if wants_html(request.headers()) {
            let page = html! { (DOCTYPE) html lang="en" { head { meta charset="utf-8"; title { "Admin pages disabled" } } body { h1 { "Admin pages disabled" } p { "Set the environment variable CDM_FAQ_ADMIN_TOKEN and restart the service to use the editors' and counsellors' pages." } } } };
            let mut response = (StatusCode::FORBIDDEN, Html(page.into_string())).into_response();
            response
                .extensions_mut()
                .insert(super::error::ErrorCode("admin_disabled"));
            return response;
        }
        return ApiError::AdminDisabled.into_response();
    };
    if authorised(&state, request.headers(), token) {
        return next.run(request).await;
    }
    if wants_html(request.headers()) && request.method() == axum::http::Method::GET {
        return Redirect::to("/admin/login").into_response();
    }
    ApiError::Unauthorized.into_response()
}

async fn login_form() -> Html<String> {
    Html(login_page(None))
}

fn login_page(error: Option<&str>) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; meta name="viewport" content="width=device-width, initial-scale=1"; title { "Log in — cdm-faq" } link rel="stylesheet" href="/admin/admin.css"; }
            body { main {
                h1 { "Editors' and counsellors' pages" }
                @if let Some(e) = error { p.flag.bad role="alert" { (e) } }
                form method="post" action="/admin/login" {
                    label for="token" { "Admin token " }
                    input id="token" name="token" type="password" autocomplete="current-password" required;
                    " " button type="submit" { "Log in" }
                }
            } }
        }
    }
    .into_string()
}

#[derive(serde::Deserialize)]
struct LoginForm {
    token: String,
}

async fn login(State(state): State<AppState>, axum::Form(form): axum::Form<LoginForm>) -> Response {
    let Some(token) = state.config.admin_token.as_deref() else {
        return ApiError::AdminDisabled.into_response();
    };
    if !token_matches(form.token.trim(), token) {
        return (
            StatusCode::UNAUTHORIZED,
            Html(login_page(Some("Wrong token."))),
        )
            .into_response();
    }
    let Some(id) = state.sessions.open() else {
        tracing::error!("cannot draw a random session id");
        return ApiError::Internal.into_response();
    };
    let mut response = Redirect::to("/admin").into_response();
    if let Ok(cookie) =
        HeaderValue::from_str(&format!("{COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/"))
    {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(id) = session_cookie(&headers) {
        state.sessions.close(&id);
    }
    let mut response = Redirect::to("/admin/login").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("cdm_faq_admin=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"),
    );
    response
}

/// `POST /admin/reload`: reloads now; 200 with the report, 422 when the edit is rejected.
async fn reload(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let live = state.live.clone();
    let report = match tokio::task::spawn_blocking(move || live.reload()).await {
        Ok(report) => report,
        Err(e) => {
            tracing::error!(error = %e, "the reload task failed");
            return ApiError::Internal.into_response();
        }
    };
    if wants_html(&headers) {
        return Redirect::to("/admin").into_response();
    }
    let status = if report.outcome == ReloadOutcome::Rejected {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    (status, axum::Json(report)).into_response()
}

/// `GET /admin/reload`: the last reload report.
async fn last_reload(State(state): State<AppState>) -> Response {
    axum::Json(state.live.last_report()).into_response()
}

async fn css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        layout::CSS,
    )
}

/// The admin and review routes, all behind [`require_admin`] except the login page and stylesheet.
pub fn routes(state: AppState) -> Router<AppState> {
    let guarded = Router::new()
        .route("/admin", get(dashboard::dashboard))
        .route("/admin/stats.csv", get(dashboard::stats_csv))
        .route("/admin/unanswered", get(unanswered::unanswered))
        .route("/admin/reload", post(reload).get(last_reload))
        .route("/admin/logout", post(logout))
        .route("/admin/entries", get(entries::list_entries))
        .route(
            "/admin/entries/new",
            get(entry_form::new_entry_form).post(entry_form::create_entry),
        )
        .route(
            "/admin/entries/add-phrasing",
            post(entry_form::add_phrasing),
        )
        .route(
            "/admin/entry/{theme}/{slug}",
            get(entry_form::edit_entry).post(entry_form::save_entry),
        )
        .route(
            "/admin/entry/{theme}/{slug}/history",
            get(history::entry_history),
        )
        .route(
            "/admin/entry/{theme}/{slug}/sign-off",
            post(entry_form::sign_off_entry),
        )
        .route(
            "/admin/entry/{theme}/{slug}/retire",
            post(entry_form::retire_entry),
        )
        .route("/admin/history", get(history::all_history))
        .route("/admin/history/{revision}", get(history::show_revision))
        .route(
            "/admin/history/{revision}/restore",
            post(history::restore_revision),
        )
        .route("/admin/files", get(files::list_files))
        .route(
            "/admin/files/{*path}",
            get(files::edit_file).post(files::save_file),
        )
        .route("/review", get(review::review))
        .route("/review/console", get(review::console))
        .route_layer(axum::middleware::from_fn_with_state(state, require_admin));
    Router::new()
        .route("/admin/login", get(login_form).post(login))
        .route("/admin/admin.css", get(css))
        .merge(guarded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_exactly() {
        assert!(token_matches("s3cret-token", "s3cret-token"));
        assert!(!token_matches("s3cret-tokem", "s3cret-token"));
        assert!(!token_matches("s3cret", "s3cret-token"));
        assert!(!token_matches("", "s3cret-token"));
    }

    #[test]
    fn session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; cdm_faq_admin=abc; b=2"),
        );
        assert_eq!(session_cookie(&headers).as_deref(), Some("abc"));
    }
}
