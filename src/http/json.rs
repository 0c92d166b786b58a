//! Extractors that turn bad input into our error format: `AppJson` for bodies and `AppQuery` for query
//! strings (the axum "customize-extractor-error" pattern). `AppJson` reads the body itself so that each
//! failure has its own code, answered as early as it can be known: a `Content-Length` over the limit is
//! refused before anything is read (`body_too_large`), a body that stops coming gets `body_timeout`
//! after `--body-timeout-secs`, one that ends early or has malformed chunks `invalid_body`, then the
//! content type (`unsupported_media_type`), malformed JSON (`invalid_json`) and wrong shapes
//! (`invalid_request`). `AppQuery` refuses a parameter given twice (`lang=fr&lang=nl`).

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::state::AppState;

/// A JSON body, with our error codes.
#[derive(Debug, Clone, Copy, Default)]
pub struct AppJson<T>(pub T);

impl<S, T> FromRequest<S> for AppJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let limit = state.config.max_body_bytes;
        let timeout = Duration::from_secs(state.config.body_timeout_secs.max(1));
        let bytes = read_body(request, limit, timeout).await?;
        match axum::Json::<T>::from_bytes(&bytes) {
            Ok(axum::Json(value)) => Ok(AppJson(value)),
            Err(JsonRejection::JsonSyntaxError(e)) => {
                Err(ApiError::InvalidJson(clean(&e.body_text())))
            }
            Err(JsonRejection::JsonDataError(e)) => {
                Err(ApiError::InvalidRequest(clean(&e.body_text())))
            }
            Err(_) => Err(ApiError::InvalidRequest(String::new())),
        }
    }
}

/// The whole body of a JSON request, checked in the order the problems can be known.
async fn read_body(request: Request, limit: usize, timeout: Duration) -> Result<Bytes, ApiError> {
    let headers = request.headers();
    let announced = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::BodyTooLarge);
    }
    if !is_json(headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok())) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let body = request.into_body();
    match tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await {
        Err(_) => Err(ApiError::BodyTimeout),
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => {
            let over_limit = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            Err(if over_limit {
                ApiError::BodyTooLarge
            } else {
                ApiError::InvalidBody
            })
        }
    }
}

/// `application/json` or `application/<something>+json`, with parameters.
fn is_json(content_type: Option<&str>) -> bool {
    let Some(mime) = content_type.and_then(|c| c.split(';').next()) else {
        return false;
    };
    let mime = mime.trim().to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

/// Query-string parameters, with our error codes.
#[derive(Debug, Clone, Copy, Default)]
pub struct AppQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for AppQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        if let Some(name) = repeated_parameter(query) {
            return Err(ApiError::InvalidRequest(format!(
                "`{name}` is given more than once."
            )));
        }
        match serde_urlencoded::from_str::<T>(query) {
            Ok(value) => Ok(AppQuery(value)),
            Err(e) => Err(ApiError::InvalidRequest(clean(&e.to_string()))),
        }
    }
}

/// The first parameter name given twice, cut to 40 characters.
fn repeated_parameter(query: &str) -> Option<String> {
    let mut seen: Vec<std::borrow::Cow<'_, str>> = Vec::new();
    for (name, _) in form_urlencoded::parse(query.as_bytes()) {
        if seen.contains(&name) {
            return Some(name.chars().take(40).collect());
        }
        seen.push(name);
    }
    None
}

/// axum's messages start with a generic sentence; keep the useful part, short.
fn clean(text: &str) -> String {
    let detail = text.split_once(": ").map_or(text, |(_, rest)| rest);
    detail.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_content_types() {
        assert!(is_json(Some("application/json")));
        assert!(is_json(Some("Application/JSON; charset=utf-8")));
        assert!(is_json(Some("application/problem+json")));
        assert!(!is_json(Some("text/plain")));
        assert!(!is_json(None));
    }

    #[test]
    fn a_parameter_given_twice_is_found() {
        assert_eq!(
            repeated_parameter("lang=fr&lang=nl").as_deref(),
            Some("lang")
        );
        assert_eq!(repeated_parameter("q=a&lang=fr"), None);
        assert_eq!(repeated_parameter("q=a&%71=b").as_deref(), Some("q"));
        assert_eq!(repeated_parameter(""), None);
    }
}
