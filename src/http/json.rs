//! Extractors that turn axum's rejections into our error format: `AppJson` for bodies (malformed JSON,
//! wrong types, wrong content type, body too large each get their code) and `AppQuery` for query
//! strings (the axum "customize-extractor-error" pattern).

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::ApiError;

/// A JSON body, with our error codes.
#[derive(Debug, Clone, Copy, Default)]
pub struct AppJson<T>(pub T);

impl<S, T> FromRequest<S> for AppJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(AppJson(value)),
            Err(rejection) => Err(match rejection {
                JsonRejection::JsonSyntaxError(e) => ApiError::InvalidJson(clean(&e.body_text())),
                JsonRejection::JsonDataError(e) => ApiError::InvalidRequest(clean(&e.body_text())),
                JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
                JsonRejection::BytesRejection(_) => ApiError::BodyTooLarge,
                _ => ApiError::InvalidRequest(String::new()),
            }),
        }
    }
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

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(AppQuery(value)),
            Err(QueryRejection::FailedToDeserializeQueryString(e)) => {
                Err(ApiError::InvalidRequest(clean(&e.body_text())))
            }
            Err(_) => Err(ApiError::InvalidRequest(String::new())),
        }
    }
}

/// axum's messages start with a generic sentence; keep the useful part, short.
fn clean(text: &str) -> String {
    let detail = text.split_once(": ").map_or(text, |(_, rest)| rest);
    detail.chars().take(200).collect()
}
