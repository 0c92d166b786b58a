//! `POST /api/v1/feedback {"entry_id", "helpful"}`: a visitor found an answer helpful or not. Counted
//! per entry and day, nothing else.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::error::ApiError;
use super::json::AppJson;
use super::state::AppState;
use crate::stats::Event;

/// The vote.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackBody {
    /// The entry (or `partners/<id>` for a partner profile).
    pub entry_id: String,
    /// Was it helpful?
    pub helpful: bool,
}

/// Records a vote.
#[utoipa::path(post, path = "/api/v1/feedback", request_body = FeedbackBody, tag = "ask",
    responses((status = 204, description = "Recorded"),
              (status = 404, description = "unknown_entry", body = super::error::ErrorBody),
              (status = 422, description = "invalid_request", body = super::error::ErrorBody)))]
pub async fn give_feedback(
    State(state): State<AppState>,
    AppJson(body): AppJson<FeedbackBody>,
) -> Result<StatusCode, ApiError> {
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let known = kb.entry(&body.entry_id).is_some()
        || body
            .entry_id
            .strip_prefix("partners/")
            .is_some_and(|p| kb.partner(p).is_some());
    if !known {
        return Err(ApiError::UnknownEntry(
            body.entry_id.chars().take(100).collect(),
        ));
    }
    state.stats.record(Event::Feedback {
        day: time::OffsetDateTime::now_utc().date().to_string(),
        entry_id: body.entry_id,
        helpful: body.helpful,
    });
    Ok(StatusCode::NO_CONTENT)
}
