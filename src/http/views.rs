//! `POST /api/v1/views {"entry_id", "via", "lang"}` → 204: the widget tells that a visitor saw an
//! answer without typing its question (a suggestion, a theme list, a related question, a clarify
//! option, an "or did you mean" button, the next best answer after "not helpful"), so that every answer
//! seen is counted once with how it was reached (typed questions are counted by `/ask`). No cookie, no
//! id: the statistics keep the hour, the source, the language, the theme and the entry.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::error::ApiError;
use super::json::AppJson;
use super::state::AppState;
use crate::stats::{Event, Via, ViewEvent, current_hour};

/// The answer seen and how it was reached.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ViewBody {
    /// The entry (or `partners/<id>` for a partner profile).
    pub entry_id: String,
    /// `suggestion`, `theme`, `related`, `clarify`, `alternative` or `next_best`.
    pub via: String,
    /// Language the answer was shown in (fr, nl or en).
    pub lang: String,
}

/// Counts an answer seen without typing.
#[utoipa::path(post, path = "/api/v1/views", request_body = ViewBody, tag = "ask",
    responses((status = 204, description = "Counted"),
              (status = 400, description = "unknown_language", body = super::error::ErrorBody),
              (status = 404, description = "unknown_entry", body = super::error::ErrorBody),
              (status = 422, description = "invalid_request (unknown `via`)", body = super::error::ErrorBody)))]
pub async fn record_view(
    State(state): State<AppState>,
    AppJson(body): AppJson<ViewBody>,
) -> Result<StatusCode, ApiError> {
    let via: Via = body.via.parse().map_err(ApiError::InvalidRequest)?;
    let lang = super::params::required_language(&body.lang)?;
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let theme = match kb.entry(&body.entry_id) {
        Some(entry) => entry.theme.slug().to_string(),
        None if body
            .entry_id
            .strip_prefix("partners/")
            .is_some_and(|p| kb.partner(p).is_some()) =>
        {
            String::new()
        }
        None => {
            return Err(ApiError::UnknownEntry(
                body.entry_id.chars().take(100).collect(),
            ));
        }
    };
    state.stats.record(Event::View(ViewEvent {
        hour: current_hour(),
        via,
        lang: lang.code().to_string(),
        theme,
        entry_id: body.entry_id,
    }));
    Ok(StatusCode::NO_CONTENT)
}
