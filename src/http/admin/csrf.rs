//! [`CsrfForm`]: the body of every state-changing staff request. It extracts the [`Staff`] member,
//! and for a login session (cookie) requires both the session's CSRF token in the form's `csrf` field
//! (compared in constant time) and an `Origin` (else `Referer`) naming this very host, so a page on
//! another site can neither post a form nor replay one. The automation token sends no cookie and needs
//! neither. [`same_origin`] is also used by the login form, which has no session yet.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderMap, header};
use serde::de::DeserializeOwned;

use super::staff::{PageError, Staff, Via, secret_matches};
use crate::http::error::ApiError;
use crate::http::state::AppState;

/// Largest staff form accepted, in bytes (an entry's three answers fit many times).
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// A form body (`application/x-www-form-urlencoded`) checked against CSRF; `T` ignores the `csrf`
/// field (do not `deny_unknown_fields`).
#[derive(Debug, Clone)]
pub struct CsrfForm<T>(pub T);

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty() && !authority.contains('@')).then_some(authority)
}

/// Whether the request's `Origin` (else `Referer`) names the host it was sent to. Requests with
/// neither are refused: every browser sends `Origin` with a form POST.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let from = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| *o != "null")
        .or_else(|| headers.get(header::REFERER).and_then(|v| v.to_str().ok()));
    from.and_then(host_of)
        .is_some_and(|h| h.eq_ignore_ascii_case(host.trim()))
}

fn form_pairs(bytes: &[u8]) -> Result<Vec<(String, String)>, ApiError> {
    serde_urlencoded::from_bytes(bytes)
        .map_err(|e| ApiError::InvalidRequest(format!("The form could not be read: {e}.")))
}

impl<T> FromRequest<AppState> for CsrfForm<T>
where
    T: DeserializeOwned,
{
    type Rejection = PageError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, PageError> {
        let (mut parts, body) = request.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        if staff.via == Via::Session && !same_origin(&parts.headers) {
            return Err(staff.csrf_refusal());
        }
        let is_form = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let request = Request::from_parts(parts, body);
        let bytes = axum::body::to_bytes(request.into_body(), MAX_FORM_BYTES)
            .await
            .map_err(|_| PageError::from(ApiError::BodyTooLarge))?;
        let bytes: Bytes = bytes;
        if !bytes.is_empty() && !is_form {
            return Err(ApiError::UnsupportedMediaType.into());
        }
        if staff.via == Via::Session {
            let pairs = form_pairs(&bytes)?;
            let presented = pairs
                .iter()
                .find(|(k, _)| k == "csrf")
                .map(|(_, v)| v.as_str())
                .unwrap_or_default();
            if !secret_matches(presented, staff.csrf_token()) {
                return Err(staff.csrf_refusal());
            }
        }
        serde_urlencoded::from_bytes(&bytes)
            .map(CsrfForm)
            .map_err(|e| {
                ApiError::InvalidRequest(format!("The form could not be read: {e}.")).into()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origin_must_name_this_host() {
        let host = (header::HOST, "127.0.0.1:8080");
        assert!(same_origin(&headers(&[
            host.clone(),
            (header::ORIGIN, "http://127.0.0.1:8080")
        ])));
        assert!(same_origin(&headers(&[
            host.clone(),
            (header::REFERER, "http://127.0.0.1:8080/admin?x=1")
        ])));
        assert!(!same_origin(&headers(&[
            host.clone(),
            (header::ORIGIN, "https://evil.example")
        ])));
        assert!(!same_origin(&headers(&[
            host.clone(),
            (header::ORIGIN, "null"),
            (header::REFERER, "https://evil.example/")
        ])));
        assert!(!same_origin(&headers(&[
            host.clone(),
            (header::REFERER, "http://127.0.0.1:8080@evil.example/")
        ])));
        assert!(!same_origin(&headers(&[
            host.clone(),
            (header::ORIGIN, "http://127.0.0.1:80801")
        ])));
        assert!(!same_origin(&headers(&[host])), "neither header");
    }
}
