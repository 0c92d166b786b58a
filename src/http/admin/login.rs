//! `GET /admin/login`: the login form, in the browser's language; `POST /admin/login` checks the name
//! and password off the async workers (argon2id, at most [`HASHING_SLOTS`] at once), throttled per
//! account and per client, and opens a server-side session: the cookie `cdm_faq_staff`, set for
//! `Path=/admin` and for `Path=/review` (the two staff prefixes; no other route ever sees it),
//! `HttpOnly`, `SameSite=Strict`, `Secure` unless `--insecure-cookies`, expiring with the session's
//! absolute lifetime. `POST /admin/logout` ends the session on the server and clears both cookies.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;

use super::csrf::{CsrfForm, same_origin};
use super::layout;
use super::messages::Msg;
use super::staff::{COOKIE, PageError, Staff, browser_lang, encode, safe_next};
use crate::accounts::{ClientKey, LoginError};
use crate::http::error::ApiError;
use crate::http::json::AppQuery;
use crate::http::state::AppState;
use crate::text_analysis::Language;

/// Password checks running at once (each takes 19 MiB and tens of milliseconds); others wait.
pub const HASHING_SLOTS: usize = 2;

/// Longest wait for a hashing slot before the login answers that the service is busy.
const SLOT_WAIT: Duration = Duration::from_secs(5);

/// The paths the session cookie is set for.
const COOKIE_PATHS: [&str; 2] = ["/admin", "/review"];

/// `?next=&lang=`.
#[derive(Debug, Deserialize)]
pub struct LoginParams {
    next: Option<String>,
    lang: Option<String>,
}

fn page_lang(lang: Option<&str>, headers: &HeaderMap) -> Language {
    lang.and_then(|l| l.parse().ok())
        .unwrap_or_else(|| browser_lang(headers))
}

enum Problem {
    Wrong,
    Throttled(u64),
    Busy,
    Forged,
}

fn login_page(
    lang: Language,
    next: Option<&str>,
    name: &str,
    problem: Option<Problem>,
    no_accounts: bool,
    logged_out: bool,
) -> String {
    let message = problem.map(|p| match p {
        Problem::Wrong => Msg::LoginWrong.get(lang).to_string(),
        Problem::Throttled(secs) => format!("{} {secs}).", Msg::LoginThrottled.get(lang)),
        Problem::Busy => Msg::LoginBusy.get(lang).to_string(),
        Problem::Forged => Msg::CsrfText.get(lang).to_string(),
    });
    let body = html! {
        div.login {
            p { (Msg::LoginIntro.get(lang)) }
            @if no_accounts { p.alert role="status" { (Msg::LoginNoAccounts.get(lang)) } }
            @if logged_out { p.notice role="status" { (Msg::LoggedOut.get(lang)) } }
            @if let Some(message) = &message { p.alert id="login-error" role="alert" { (message) } }
            form method="post" action="/admin/login" {
                @if let Some(next) = next { input type="hidden" name="next" value=(next); }
                input type="hidden" name="lang" value=(lang.code());
                div.field {
                    label for="name" { (Msg::LoginName.get(lang)) }
                    input id="name" name="name" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value=(name)
                        aria-describedby=[message.as_ref().map(|_| "login-error")]
                        aria-invalid=[message.as_ref().map(|_| "true")];
                }
                div.field {
                    label for="password" { (Msg::LoginPassword.get(lang)) }
                    input id="password" name="password" type="password" autocomplete="current-password" required
                        aria-describedby=[message.as_ref().map(|_| "login-error")]
                        aria-invalid=[message.as_ref().map(|_| "true")];
                }
                button type="submit" { (Msg::LoginButton.get(lang)) }
            }
            p lang="fr" { a href="/admin/login?lang=fr" hreflang="fr" { "Français" } " · " span lang="nl" { a href="/admin/login?lang=nl" hreflang="nl" { "Nederlands" } } " · " span lang="en" { a href="/admin/login?lang=en" hreflang="en" { "English" } } }
        }
    };
    layout::bare_page(lang, Msg::LoginTitle.get(lang), body).into_string()
}

fn no_accounts(state: &AppState) -> bool {
    state.config.admin_token.is_none() && !state.accounts.any().unwrap_or(true)
}

/// `GET /admin/login`.
pub async fn login_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(params): AppQuery<LoginParams>,
    request: Request,
) -> Response {
    let lang = page_lang(params.lang.as_deref(), &headers);
    let next = params.next.as_deref().and_then(safe_next);
    // Already logged in: go on.
    let (mut parts, _) = request.into_parts();
    if let Ok(staff) =
        <Staff as axum::extract::FromRequestParts<AppState>>::from_request_parts(&mut parts, &state)
            .await
        && !staff.is_automation()
    {
        return Redirect::to(next.unwrap_or(Staff::landing(staff.roles))).into_response();
    }
    let state2 = state.clone();
    let empty = tokio::task::spawn_blocking(move || no_accounts(&state2))
        .await
        .unwrap_or(false);
    let logged_out = parts.uri.query().is_some_and(|q| q.contains("out=1"));
    Html(login_page(lang, next, "", None, empty, logged_out)).into_response()
}

/// The login form's fields.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
    lang: Option<String>,
}

fn cookie_headers(response: &mut Response, value: &str, max_age: u64, secure: bool) {
    for path in COOKIE_PATHS {
        let cookie = format!(
            "{COOKIE}={value}; Path={path}; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
            if secure { "; Secure" } else { "" }
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
}

/// The throttle's key for the connecting client (the peer address; in memory only).
pub struct Client(pub ClientKey);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Client, Self::Rejection> {
        Ok(Client(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or(ClientKey::UNKNOWN, |c| ClientKey::of(c.0.ip())),
        ))
    }
}

/// `POST /admin/login`.
pub async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    form: Result<axum::Form<LoginForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(axum::Form(form)) = form else {
        return ApiError::InvalidRequest(
            "Send the login form's fields `name` and `password`.".into(),
        )
        .into_response();
    };
    let lang = page_lang(form.lang.as_deref(), &headers);
    let next = form.next.as_deref().and_then(safe_next).map(str::to_string);
    let name: String = form
        .name
        .chars()
        .take(crate::accounts::MAX_NAME_CHARS)
        .collect();
    let refuse = |status: StatusCode, problem: Problem| {
        (
            status,
            Html(login_page(
                lang,
                next.as_deref(),
                &name,
                Some(problem),
                false,
                false,
            )),
        )
            .into_response()
    };
    if !same_origin(&headers) {
        let mut response = refuse(StatusCode::FORBIDDEN, Problem::Forged);
        response
            .extensions_mut()
            .insert(crate::http::error::ErrorCode("csrf_rejected"));
        return response;
    }
    let Ok(slot) = tokio::time::timeout(SLOT_WAIT, state.logins.clone().acquire_owned()).await
    else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, Problem::Busy);
    };
    let accounts = state.accounts.clone();
    let (login_name, password) = (form.name.clone(), form.password);
    let outcome = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        accounts.login(&login_name, &password, client)
    })
    .await;
    match outcome {
        Ok(Ok(opened)) => {
            let target = next
                .clone()
                .unwrap_or_else(|| Staff::landing(opened.session.account.roles).to_string());
            let mut response = Redirect::to(&target).into_response();
            cookie_headers(
                &mut response,
                &opened.id,
                state.accounts.policy().absolute.as_secs(),
                !state.config.insecure_cookies,
            );
            tracing::info!(account = %opened.session.account.name, "staff login");
            response
        }
        Ok(Err(LoginError::Wrong)) => {
            let mut response = refuse(StatusCode::UNAUTHORIZED, Problem::Wrong);
            response
                .extensions_mut()
                .insert(crate::http::error::ErrorCode("unauthorized"));
            response
        }
        Ok(Err(LoginError::Throttled(wait))) => {
            let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
            let mut response = refuse(StatusCode::TOO_MANY_REQUESTS, Problem::Throttled(secs));
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            response
                .extensions_mut()
                .insert(crate::http::error::ErrorCode("rate_limited"));
            response
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "login failed on our side");
            match &e {
                LoginError::Store(store) => ApiError::from_store(store),
                _ => ApiError::Internal,
            }
            .into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "the login task failed");
            ApiError::Internal.into_response()
        }
    }
}

/// No fields (the CSRF token only).
#[derive(Debug, Deserialize)]
pub struct NoFields {}

/// `POST /admin/logout`.
pub async fn logout(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, PageError> {
    if let Some(id) = staff.session_id().map(str::to_string) {
        let accounts = state.accounts.clone();
        tokio::task::spawn_blocking(move || accounts.logout(&id))
            .await
            .map_err(|_| ApiError::Internal)?
            .map_err(|e| {
                tracing::error!(error = %e, "cannot end the session");
                ApiError::from_store(&e)
            })?;
    }
    let mut response = Redirect::to(&format!(
        "/admin/login?out=1&lang={}",
        encode(staff.lang.code())
    ))
    .into_response();
    cookie_headers(&mut response, "", 0, !state.config.insecure_cookies);
    Ok(response)
}
