//! API errors: one table of stable snake_case codes with their HTTP status (meilisearch style), and
//! the JSON shape `{"error": {"code": "...", "message": "..."}}`. Messages explain what the client did
//! wrong; internal details are logged where they happen and never sent.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Every error code of the API: code, HTTP status, meaning. Documented in the OpenAPI document and
/// snapshot-tested.
pub const ERROR_CODES: &[(&str, u16, &str)] = &[
    ("invalid_json", 400, "The request body is not valid JSON."),
    (
        "invalid_request",
        422,
        "The JSON or query parameters have the wrong shape or types.",
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
    ("timeout", 503, "The request took too long."),
    (
        "internal",
        500,
        "Something went wrong on our side; the details are in the server log.",
    ),
];

/// An API error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
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
    /// Took too long.
    Timeout,
    /// Our fault (already logged).
    Internal,
}

impl ApiError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
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
            ApiError::Timeout => "timeout",
            ApiError::Internal => "internal",
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
            ApiError::RateLimited(secs) => format!("{base} Retry in {secs} second(s)."),
            _ => base.to_string(),
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
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code().to_string(),
                message: self.message(),
            },
        };
        let mut response = (self.status(), Json(body)).into_response();
        if let ApiError::RateLimited(secs) = self
            && let Ok(value) = HeaderValue::from_str(&secs.max(1).to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response.extensions_mut().insert(ErrorCode(self.code()));
        response
    }
}

/// The code of an error response, for the metrics and the log.
#[derive(Debug, Clone, Copy)]
pub struct ErrorCode(pub &'static str);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_is_in_the_table() {
        let all = [
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
            ApiError::Timeout,
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
}
