//! `POST /api/v1/suggest {"q", "lang"}` (what the widget uses) and `GET /api/v1/suggest?q=&lang=`
//! (kept for compatibility; proxies and CDNs log URLs): question completions while the visitor types.
//! The same parser as questions (`Question::parse`): the same length limit and language rules.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};

use super::ask::accept_language;
use super::error::ApiError;
use super::json::{AppJson, AppQuery};
use super::state::AppState;
use crate::answer::{Question, RawQuestion};
use crate::suggest::Suggestion;
use crate::text_analysis::Language;

/// Query parameters of `GET /api/v1/suggest`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SuggestParams {
    /// What has been typed so far.
    pub q: Option<String>,
    /// Page language.
    pub lang: Option<String>,
}

/// Body of `POST /api/v1/suggest`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuggestBody {
    /// What has been typed so far.
    #[serde(default)]
    pub q: String,
    /// Page language: fr, nl or en (else Accept-Language, else French).
    #[serde(default)]
    pub lang: Option<String>,
}

/// The completions.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Suggestions {
    /// At most 6, best first; empty for very short input.
    pub suggestions: Vec<Suggestion>,
}

/// Suggests questions for text given in the URL (compatibility).
#[utoipa::path(get, path = "/api/v1/suggest", params(SuggestParams), tag = "ask",
    responses((status = 200, description = "Completions", body = Suggestions),
              (status = 400, description = "question_too_long (also for a URL longer than the HTTP layer reads), unknown_language, bad_request", body = super::error::ErrorBody),
              (status = 414, description = "uri_too_long", body = super::error::ErrorBody),
              (status = 422, description = "invalid_request (a parameter given twice)", body = super::error::ErrorBody),
              (status = 429, description = "rate_limited", body = super::error::ErrorBody),
              (status = 431, description = "headers_too_large", body = super::error::ErrorBody),
              (status = 503, description = "timeout, overloaded", body = super::error::ErrorBody)))]
pub async fn suggest_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(params): AppQuery<SuggestParams>,
) -> Result<Json<Suggestions>, ApiError> {
    let raw = RawQuestion {
        q: Some(params.q.as_deref().unwrap_or_default()),
        lang: params.lang.as_deref(),
        theme: None,
        accept_language: accept_language(&headers),
    };
    suggest(&state, raw)
}

/// Suggests questions for text sent as JSON (the widget's way: the text stays out of URLs).
#[utoipa::path(post, path = "/api/v1/suggest", request_body = SuggestBody, tag = "ask",
    responses((status = 200, description = "Completions", body = Suggestions),
              (status = 400, description = "invalid_json, invalid_body, question_too_long, unknown_language, bad_request", body = super::error::ErrorBody),
              (status = 408, description = "body_timeout", body = super::error::ErrorBody),
              (status = 413, description = "body_too_large", body = super::error::ErrorBody),
              (status = 415, description = "unsupported_media_type", body = super::error::ErrorBody),
              (status = 422, description = "invalid_request", body = super::error::ErrorBody),
              (status = 429, description = "rate_limited", body = super::error::ErrorBody),
              (status = 431, description = "headers_too_large", body = super::error::ErrorBody),
              (status = 503, description = "timeout, overloaded", body = super::error::ErrorBody)))]
pub async fn suggest_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppJson(body): AppJson<SuggestBody>,
) -> Result<Json<Suggestions>, ApiError> {
    let raw = RawQuestion {
        q: Some(&body.q),
        lang: body.lang.as_deref(),
        theme: None,
        accept_language: accept_language(&headers),
    };
    suggest(&state, raw)
}

fn suggest(state: &AppState, raw: RawQuestion<'_>) -> Result<Json<Suggestions>, ApiError> {
    let question = Question::parse(raw)?;
    let engine = state.live.current();
    let lang = engine
        .knowledge_base()
        .site()
        .serving(question.page_lang.unwrap_or(Language::Fr));
    Ok(Json(Suggestions {
        suggestions: engine.suggest(&question.as_typed(), lang),
    }))
}
