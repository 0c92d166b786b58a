//! API errors: THE one table of stable snake_case codes with their HTTP status (meilisearch style), and
//! the JSON shape `{"error": {"code": "...", "message": "..."}}`. Messages explain what the client did
//! wrong; internal details are logged where they happen and never sent. The HTTP answers, the HTTP
//! layer's own refusals (`connection_io.rs`, `server.rs`), the command line's `ask --jsonl` batch, the
//! OpenAPI description and the tests all take their codes from here; the question parser's errors
//! (`answer::QuestionError`) map onto it with `From`.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::answer::{MAX_QUESTION_CHARS, QuestionError};

/// Every error code of the API: code, HTTP status, meaning. Documented in the OpenAPI document and
/// snapshot-tested.
pub const ERROR_CODES: &[(&str, u16, &str)] = &[
    ("invalid_json", 400, "The request body is not valid JSON."),
    (
        "invalid_request",
        422,
        "The JSON or query parameters have the wrong shape or types.",
    ),
    (
        "bad_request",
        400,
        "The request is not valid HTTP (request line or headers).",
    ),
    (
        "invalid_body",
        400,
        "The request body ended before its announced length or its chunked encoding is malformed.",
    ),
    ("missing_question", 400, "The question `q` is missing."),
    (
        "question_too_long",
        400,
        "The question is longer than the service accepts.",
    ),
    ("unknown_language", 400, "`lang` is not fr, nl or en."),
    (
        "unknown_theme",
        400,
        "`theme` is not one of the five themes.",
    ),
    (
        "unsupported_media_type",
        415,
        "The body must be sent as application/json.",
    ),
    (
        "body_too_large",
        413,
        "The request body is larger than the service accepts.",
    ),
    (
        "body_timeout",
        408,
        "The request body did not arrive in time.",
    ),
    (
        "uri_too_long",
        414,
        "The URL is longer than the service accepts; send long questions with POST.",
    ),
    (
        "headers_too_large",
        431,
        "The request headers are larger than the service accepts.",
    ),
    ("unknown_entry", 404, "No entry has this id."),
    ("unknown_partner", 404, "No partner has this id."),
    ("not_found", 404, "No such route."),
    (
        "method_not_allowed",
        405,
        "The route exists but not for this method.",
    ),
    (
        "rate_limited",
        429,
        "Too many requests from this client; retry after the delay in Retry-After.",
    ),
    (
        "unauthorized",
        401,
        "No valid staff session or admin token: log in at /admin/login, or send the admin token.",
    ),
    (
        "forbidden",
        403,
        "The account's roles do not allow this page or action.",
    ),
    (
        "csrf_rejected",
        403,
        "The form's CSRF token is missing or wrong, or the request came from another site.",
    ),
    (
        "admin_disabled",
        403,
        "The staff pages are disabled: no staff account exists and CDM_FAQ_ADMIN_TOKEN is not set.",
    ),
    (
        "edit_invalid",
        422,
        "The change would break the knowledge base; nothing was saved (every problem is listed).",
    ),
    (
        "edit_conflict",
        409,
        "The file changed since it was opened; nothing was saved (both versions are shown).",
    ),
    (
        "edit_not_saved",
        503,
        "The change could not be written; the previous version is intact.",
    ),
    ("timeout", 503, "The request took too long."),
    (
        "database_unavailable",
        503,
        "The shared staff database does not answer; visitors' questions are still answered. Retry in a moment.",
    ),
    (
        "overloaded",
        503,
        "The service has too many open connections; retry in a moment.",
    ),
    (
        "internal",
        500,
        "Something went wrong on our side; the details are in the server log.",
    ),
];

/// An API error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// Not valid HTTP (from hyper's own refusal).
    BadRequest,
    /// The body ended early or its chunked encoding is malformed.
    InvalidBody,
    /// The body did not arrive in time.
    BodyTimeout,
    /// The URL is too long (from hyper's own refusal).
    UriTooLong,
    /// The headers are too large (from hyper's own refusal).
    HeadersTooLarge,
    /// Too many open connections (from the accept loop).
    Overloaded,
    /// Malformed JSON.
    InvalidJson(String),
    /// Wrong shape or types.
    InvalidRequest(String),
    /// `q` missing.
    MissingQuestion,
    /// `q` longer than the limit (characters).
    QuestionTooLong(usize),
    /// Unknown `lang`.
    UnknownLanguage(String),
    /// Unknown `theme`.
    UnknownTheme(String),
    /// Not JSON.
    UnsupportedMediaType,
    /// Body over the limit (bytes).
    BodyTooLarge,
    /// Unknown entry id.
    UnknownEntry(String),
    /// Unknown partner id.
    UnknownPartner(String),
    /// No route.
    NotFound,
    /// Wrong method.
    MethodNotAllowed,
    /// Rate limited; retry after this many seconds.
    RateLimited(u64),
    /// No valid staff session or admin token.
    Unauthorized,
    /// The staff member's roles do not allow this.
    Forbidden,
    /// A state-changing request without the right CSRF token or from another origin.
    CsrfRejected,
    /// No admin token configured.
    AdminDisabled,
    /// A refused edit: the knowledge base would have errors.
    EditInvalid,
    /// A refused edit: the file changed since the form was opened.
    EditConflict,
    /// An edit that could not be written.
    EditNotSaved,
    /// Took too long.
    Timeout,
    /// The shared database (`--database`) did not answer.
    DatabaseUnavailable,
    /// Our fault (already logged).
    Internal,
}

impl ApiError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest => "bad_request",
            ApiError::InvalidBody => "invalid_body",
            ApiError::BodyTimeout => "body_timeout",
            ApiError::UriTooLong => "uri_too_long",
            ApiError::HeadersTooLarge => "headers_too_large",
            ApiError::Overloaded => "overloaded",
            ApiError::InvalidJson(_) => "invalid_json",
            ApiError::InvalidRequest(_) => "invalid_request",
            ApiError::MissingQuestion => "missing_question",
            ApiError::QuestionTooLong(_) => "question_too_long",
            ApiError::UnknownLanguage(_) => "unknown_language",
            ApiError::UnknownTheme(_) => "unknown_theme",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::BodyTooLarge => "body_too_large",
            ApiError::UnknownEntry(_) => "unknown_entry",
            ApiError::UnknownPartner(_) => "unknown_partner",
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::RateLimited(_) => "rate_limited",
            ApiError::Unauthorized => "unauthorized",
            ApiError::Forbidden => "forbidden",
            ApiError::CsrfRejected => "csrf_rejected",
            ApiError::AdminDisabled => "admin_disabled",
            ApiError::EditInvalid => "edit_invalid",
            ApiError::EditConflict => "edit_conflict",
            ApiError::EditNotSaved => "edit_not_saved",
            ApiError::Timeout => "timeout",
            ApiError::DatabaseUnavailable => "database_unavailable",
            ApiError::Internal => "internal",
        }
    }

    /// The answer to a failed accounts operation: `database_unavailable` when the shared database did
    /// not answer, else `internal` (already logged by the caller).
    pub fn from_store(error: &crate::accounts::StoreError) -> ApiError {
        match error {
            crate::accounts::StoreError::Database(_) => ApiError::DatabaseUnavailable,
            _ => ApiError::Internal,
        }
    }

    /// The HTTP status, from [`ERROR_CODES`].
    pub fn status(&self) -> StatusCode {
        let code = self.code();
        ERROR_CODES
            .iter()
            .find(|(c, _, _)| *c == code)
            .and_then(|(_, s, _)| StatusCode::from_u16(*s).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The message for the client.
    pub fn message(&self) -> String {
        let base = ERROR_CODES
            .iter()
            .find(|(c, _, _)| *c == self.code())
            .map(|(_, _, m)| *m)
            .unwrap_or_default();
        match self {
            ApiError::InvalidJson(detail) | ApiError::InvalidRequest(detail) => {
                format!("{base} {detail}")
            }
            ApiError::QuestionTooLong(max) => format!("{base} At most {max} characters."),
            ApiError::UnknownLanguage(l) => format!("{base} Got {l:?}."),
            ApiError::UnknownTheme(t) => {
                format!("{base} Got {t:?}; use choose, learn, move, self-employment or work.")
            }
            ApiError::UnknownEntry(id) => format!("{base} Got {id:?}."),
            ApiError::UnknownPartner(id) => format!("{base} Got {id:?}."),
            ApiError::RateLimited(secs) => {
                let unit = if *secs == 1 { "second" } else { "seconds" };
                format!("{base} Retry in {secs} {unit}.")
            }
            _ => base.to_string(),
        }
    }

    /// The JSON body.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code().to_string(),
                message: self.message(),
            },
        }
    }

    /// A complete HTTP/1.1 response closing the connection, for the answers written on the socket
    /// itself (the accept loop's `overloaded`, hyper's refusals rewritten by `connection_io.rs`).
    pub fn raw_http_response(&self) -> String {
        let body = serde_json::to_string(&self.body()).unwrap_or_default();
        let status = self.status();
        let retry = if matches!(self, ApiError::Overloaded) {
            "retry-after: 1\r\n"
        } else {
            ""
        };
        format!(
            "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\nx-content-type-options: nosniff\r\ncache-control: no-store\r\n{retry}\r\n{body}",
            status.as_u16(),
            status.canonical_reason().unwrap_or(""),
            body.len()
        )
    }
}

impl From<QuestionError> for ApiError {
    fn from(e: QuestionError) -> ApiError {
        match e {
            QuestionError::Missing => ApiError::MissingQuestion,
            QuestionError::TooLong => ApiError::QuestionTooLong(MAX_QUESTION_CHARS),
            QuestionError::UnknownLanguage(l) => ApiError::UnknownLanguage(l),
            QuestionError::UnknownTheme(t) => ApiError::UnknownTheme(t),
        }
    }
}

/// The JSON body of an error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// Code and message.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable snake_case code (see the table in the API description).
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status(), Json(self.body())).into_response();
        if let ApiError::RateLimited(secs) = self
            && let Ok(value) = HeaderValue::from_str(&secs.max(1).to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        if let ApiError::Overloaded = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response.extensions_mut().insert(ErrorCode(self.code()));
        response
    }
}

/// The code of an error response, for the metrics and the log.
#[derive(Debug, Clone, Copy)]
pub struct ErrorCode(pub &'static str);

/// Middleware: an error answered in plain text by axum itself (a path parameter that is not UTF-8, a
/// rejected form, an extractor we did not wrap) becomes our JSON error, with the code of the table
/// closest to its status. Our own errors (they carry [`ErrorCode`]) and HTML pages pass through.
pub async fn errors_in_our_format(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !(status.is_client_error() || status.is_server_error())
        || !plain
        || response.extensions().get::<ErrorCode>().is_some()
    {
        return response;
    }
    let text = match axum::body::to_bytes(response.into_body(), 4096).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => String::new(),
    };
    let detail: String = text
        .split_once(": ")
        .map_or(text.as_str(), |(_, rest)| rest)
        .chars()
        .take(200)
        .collect();
    let error = match status.as_u16() {
        404 => ApiError::NotFound,
        405 => ApiError::MethodNotAllowed,
        408 => ApiError::BodyTimeout,
        413 => ApiError::BodyTooLarge,
        415 => ApiError::UnsupportedMediaType,
        500..=599 => {
            tracing::error!(status = status.as_u16(), "an unwrapped error response");
            ApiError::Internal
        }
        _ => ApiError::InvalidRequest(detail),
    };
    error.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_is_in_the_table() {
        let all = [
            ApiError::BadRequest,
            ApiError::InvalidBody,
            ApiError::BodyTimeout,
            ApiError::UriTooLong,
            ApiError::HeadersTooLarge,
            ApiError::Overloaded,
            ApiError::InvalidJson(String::new()),
            ApiError::InvalidRequest(String::new()),
            ApiError::MissingQuestion,
            ApiError::QuestionTooLong(1),
            ApiError::UnknownLanguage(String::new()),
            ApiError::UnknownTheme(String::new()),
            ApiError::UnsupportedMediaType,
            ApiError::BodyTooLarge,
            ApiError::UnknownEntry(String::new()),
            ApiError::UnknownPartner(String::new()),
            ApiError::NotFound,
            ApiError::MethodNotAllowed,
            ApiError::RateLimited(1),
            ApiError::Unauthorized,
            ApiError::Forbidden,
            ApiError::CsrfRejected,
            ApiError::AdminDisabled,
            ApiError::EditInvalid,
            ApiError::EditConflict,
            ApiError::EditNotSaved,
            ApiError::Timeout,
            ApiError::DatabaseUnavailable,
            ApiError::Internal,
        ];
        assert_eq!(all.len(), ERROR_CODES.len());
        for e in all {
            assert!(
                ERROR_CODES
                    .iter()
                    .any(|(c, s, _)| *c == e.code() && *s == e.status().as_u16()),
                "{e:?}"
            );
        }
    }

    #[test]
    fn raw_responses_carry_the_json_shape() {
        let raw = ApiError::Overloaded.raw_http_response();
        assert!(
            raw.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
            "{raw}"
        );
        assert!(raw.contains("\r\nretry-after: 1\r\n"));
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["error"]["code"], "overloaded");
    }

    #[test]
    fn question_errors_map_onto_the_table() {
        assert_eq!(
            ApiError::from(QuestionError::TooLong).code(),
            "question_too_long"
        );
        assert_eq!(
            ApiError::from(QuestionError::Missing).status(),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            ApiError::from(QuestionError::UnknownTheme("x".into())).code(),
            "unknown_theme"
        );
    }

    #[test]
    fn a_wait_of_one_second_is_singular() {
        assert!(
            ApiError::RateLimited(1)
                .message()
                .ends_with("Retry in 1 second.")
        );
        assert!(
            ApiError::RateLimited(3)
                .message()
                .ends_with("Retry in 3 seconds.")
        );
    }
}
