//! `POST /api/v1/ask {"q", "lang", "theme"}` (what the widget uses) and `GET /api/v1/ask?q=&lang=&theme=`
//! (kept for compatibility; the question then sits in URLs that proxies and CDNs log): the reply
//! contract. The handler only checks the input with `Question::parse`, asks the engine and counts: the
//! work is in `answer`. Engine calls run on the async worker: they take well under a millisecond (see
//! benches/), below what would justify `spawn_blocking`.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::error::ApiError;
use super::json::{AppJson, AppQuery};
use super::state::AppState;
use crate::answer::{Question, RawQuestion, Reply};
use crate::stats::{Event, keeps_question};

/// Query parameters of `GET /api/v1/ask`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AskParams {
    /// The visitor's question.
    pub q: Option<String>,
    /// Page language: fr, nl or en (else Accept-Language).
    pub lang: Option<String>,
    /// Preferred theme: choose, learn, move, self-employment or work.
    pub theme: Option<String>,
}

/// Body of `POST /api/v1/ask`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AskBody {
    /// The visitor's question.
    pub q: String,
    /// Page language: fr, nl or en.
    #[serde(default)]
    pub lang: Option<String>,
    /// Preferred theme.
    #[serde(default)]
    pub theme: Option<String>,
}

/// Answers a question given in the URL (compatibility; proxies log URLs, so the widget uses POST).
#[utoipa::path(get, path = "/api/v1/ask", params(AskParams), tag = "ask",
    responses((status = 200, description = "The reply", body = Reply),
              (status = 400, description = "missing_question, question_too_long (also for a URL longer than the HTTP layer reads), unknown_language, unknown_theme, bad_request", body = super::error::ErrorBody),
              (status = 414, description = "uri_too_long", body = super::error::ErrorBody),
              (status = 422, description = "invalid_request (a parameter given twice, a wrong type)", body = super::error::ErrorBody),
              (status = 429, description = "rate_limited", body = super::error::ErrorBody),
              (status = 431, description = "headers_too_large", body = super::error::ErrorBody),
              (status = 503, description = "timeout, overloaded", body = super::error::ErrorBody)))]
pub async fn ask_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(params): AppQuery<AskParams>,
) -> Result<Response, ApiError> {
    let raw = RawQuestion {
        q: params.q.as_deref(),
        lang: params.lang.as_deref(),
        theme: params.theme.as_deref(),
        accept_language: accept_language(&headers),
    };
    answer(&state, Question::parse(raw)?)
}

/// Answers a question sent as JSON.
#[utoipa::path(post, path = "/api/v1/ask", request_body = AskBody, tag = "ask",
    responses((status = 200, description = "The reply", body = Reply),
              (status = 400, description = "invalid_json, invalid_body, question_too_long, unknown_language, unknown_theme, bad_request", body = super::error::ErrorBody),
              (status = 408, description = "body_timeout", body = super::error::ErrorBody),
              (status = 413, description = "body_too_large", body = super::error::ErrorBody),
              (status = 415, description = "unsupported_media_type", body = super::error::ErrorBody),
              (status = 422, description = "invalid_request", body = super::error::ErrorBody),
              (status = 429, description = "rate_limited", body = super::error::ErrorBody),
              (status = 431, description = "headers_too_large", body = super::error::ErrorBody),
              (status = 503, description = "timeout, overloaded", body = super::error::ErrorBody)))]
pub async fn ask_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppJson(body): AppJson<AskBody>,
) -> Result<Response, ApiError> {
    let raw = RawQuestion {
        q: Some(&body.q),
        lang: body.lang.as_deref(),
        theme: body.theme.as_deref(),
        accept_language: accept_language(&headers),
    };
    answer(&state, Question::parse(raw)?)
}

/// The browser's `Accept-Language`, when it is text.
pub(super) fn accept_language(headers: &HeaderMap) -> Option<&str> {
    headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok())
}

fn answer(state: &AppState, question: Question) -> Result<Response, ApiError> {
    let lang = question.page_lang;
    let engine = state.live.current();
    let answered = engine.ask_cached(&question).map_err(|e| {
        tracing::error!(error = %e, "the engine failed");
        ApiError::Internal
    })?;
    let reply = &answered.reply;
    state.metrics.reply(reply.kind.as_str(), reply.lang.code());
    if state.stats.enabled() {
        let kept = keeps_question(question.text(), reply).then(|| question.text().to_string());
        state.stats.record(Event::Answered {
            reply: Arc::clone(reply),
            page_lang: lang,
            question: kept,
        });
    }
    Ok(json_response(answered.json))
}

/// The reply's JSON text as the response body, shared with the reply cache (not copied).
fn json_response(json: Arc<str>) -> Response {
    struct JsonText(Arc<str>);
    impl AsRef<[u8]> for JsonText {
        fn as_ref(&self) -> &[u8] {
            self.0.as_bytes()
        }
    }
    (
        [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        Body::from(Bytes::from_owner(JsonText(json))),
    )
        .into_response()
}
