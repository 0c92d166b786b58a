//! Request logging and metrics: method, matched route (the template, never the query string), status
//! and latency, at info level. No question text and no client address is ever logged. Also the request
//! timeout, answered in our error format.

use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::{ApiError, ErrorCode};
use super::state::AppState;

/// Logs and measures every request.
pub async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    let code = response.extensions().get::<ErrorCode>().map(|c| c.0);
    state
        .metrics
        .request(&route, method.as_str(), status, elapsed.as_secs_f64());
    if status >= 500 {
        tracing::error!(%method, route, status, code, latency_ms = elapsed.as_secs_f64() * 1000.0, "request failed");
    } else {
        tracing::info!(%method, route, status, code, latency_ms = elapsed.as_secs_f64() * 1000.0, "request");
    }
    response
}

/// Answers `timeout` when the handler takes longer than the configured time.
pub async fn timeout(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = Duration::from_secs(state.config.request_timeout_secs.max(1));
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout.into_response(),
    }
}
