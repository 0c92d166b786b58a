//! `GET /api/v1/ask?q=&lang=&theme=` and `POST /api/v1/ask {"q", "lang", "theme"}`: the reply contract.
//! The handler only validates, asks the engine and counts: the work is in `answer`. Engine calls run on
//! the async worker: they take well under a millisecond (see benches/), below what would justify
//! `spawn_blocking`.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Deserialize;

use super::error::ApiError;
use super::json::{AppJson, AppQuery};
use super::params;
use super::state::AppState;
use crate::answer::{Question, Reply};
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

/// Answers a question.
#[utoipa::path(get, path = "/api/v1/ask", params(AskParams), tag = "ask",
    responses((status = 200, description = "The reply", body = Reply),
              (status = 400, description = "missing_question, question_too_long, unknown_language, unknown_theme", body = super::error::ErrorBody),
              (status = 429, description = "rate_limited", body = super::error::ErrorBody)))]
pub async fn ask_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(params): AppQuery<AskParams>,
) -> Result<Json<Arc<Reply>>, ApiError> {
    let q = params.q.ok_or(ApiError::MissingQuestion)?;
    answer(
        &state,
        &headers,
        &q,
        params.lang.as_deref(),
        params.theme.as_deref(),
    )
    .map(Json)
}

/// Answers a question sent as JSON.
#[utoipa::path(post, path = "/api/v1/ask", request_body = AskBody, tag = "ask",
    responses((status = 200, description = "The reply", body = Reply),
              (status = 400, description = "invalid_json, question_too_long, unknown_language, unknown_theme", body = super::error::ErrorBody),
              (status = 413, description = "body_too_large", body = super::error::ErrorBody),
              (status = 415, description = "unsupported_media_type", body = super::error::ErrorBody),
              (status = 422, description = "invalid_request", body = super::error::ErrorBody),
              (status = 429, description = "rate_limited", body = super::error::ErrorBody)))]
pub async fn ask_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppJson(body): AppJson<AskBody>,
) -> Result<Json<Arc<Reply>>, ApiError> {
    answer(
        &state,
        &headers,
        &body.q,
        body.lang.as_deref(),
        body.theme.as_deref(),
    )
    .map(Json)
}

fn answer(
    state: &AppState,
    headers: &HeaderMap,
    q: &str,
    lang: Option<&str>,
    theme: Option<&str>,
) -> Result<Arc<Reply>, ApiError> {
    if q.chars().count() > state.config.max_question_chars {
        return Err(ApiError::QuestionTooLong(state.config.max_question_chars));
    }
    let lang = params::language(lang, headers)?;
    let theme = params::theme(theme)?;
    let question = Question::new(q).with_page_lang(lang).with_theme(theme);
    let engine = state.live.current();
    let reply = engine.ask_cached(&question).map_err(|e| {
        tracing::error!(error = %e, "the engine failed");
        ApiError::Internal
    })?;
    state.metrics.reply(reply.kind.as_str(), reply.lang.code());
    if state.stats.enabled() {
        let kept = keeps_question(question.text(), &reply).then(|| question.text().to_string());
        state.stats.record(Event::Answered {
            reply: Arc::clone(&reply),
            page_lang: lang,
            question: kept,
        });
    }
    Ok(reply)
}
