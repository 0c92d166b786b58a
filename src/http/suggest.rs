//! `GET /api/v1/suggest?q=&lang=` and `POST /api/v1/suggest {"q", "lang"}`: question completions while
//! the visitor types. The widget uses POST, so what is typed never appears in a URL (nor in a proxy's
//! log); GET stays for compatibility.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::json::{AppJson, AppQuery};
use super::params;
use super::state::AppState;
use crate::suggest::Suggestion;

/// Query parameters.
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
    pub q: String,
    /// Page language: fr, nl or en (else Accept-Language).
    #[serde(default)]
    pub lang: Option<String>,
}

/// The completions.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Suggestions {
    /// At most 6, best first; empty for very short input.
    pub suggestions: Vec<Suggestion>,
}

/// Suggests questions.
#[utoipa::path(get, path = "/api/v1/suggest", params(SuggestParams), tag = "ask",
    responses((status = 200, description = "Completions", body = Suggestions),
              (status = 400, description = "question_too_long, unknown_language", body = super::error::ErrorBody)))]
pub async fn suggest(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(params): AppQuery<SuggestParams>,
) -> Result<Json<Suggestions>, ApiError> {
    complete(
        &state,
        &headers,
        &params.q.unwrap_or_default(),
        params.lang.as_deref(),
    )
}

/// Suggests questions (the question in the body).
#[utoipa::path(post, path = "/api/v1/suggest", request_body = SuggestBody, tag = "ask",
    responses((status = 200, description = "Completions", body = Suggestions),
              (status = 400, description = "question_too_long, unknown_language", body = super::error::ErrorBody)))]
pub async fn suggest_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppJson(body): AppJson<SuggestBody>,
) -> Result<Json<Suggestions>, ApiError> {
    complete(&state, &headers, &body.q, body.lang.as_deref())
}

fn complete(
    state: &AppState,
    headers: &HeaderMap,
    q: &str,
    lang: Option<&str>,
) -> Result<Json<Suggestions>, ApiError> {
    if q.chars().count() > state.config.max_question_chars {
        return Err(ApiError::QuestionTooLong(state.config.max_question_chars));
    }
    let lang = params::language_or_default(lang, headers)?;
    Ok(Json(Suggestions {
        suggestions: state.live.current().suggest(q, lang),
    }))
}
