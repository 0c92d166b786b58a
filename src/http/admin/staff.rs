//! Who is asking: the [`Staff`] extractor every staff route takes. A staff member is either a person
//! with a live session (cookie `cdm_faq_staff`, checked against the accounts database at every request,
//! so a disabled account or a changed role applies at once) or the automation token
//! (`Authorization: Bearer $CDM_FAQ_ADMIN_TOKEN`, compared in constant time), which acts as an admin
//! named "automation" with every role. [`Staff::require`] / [`Staff::require_any`] enforce the roles;
//! the lists of who may do what are the constants below. [`PageError`] is how staff routes refuse:
//! our JSON error for scripts, a page in the staff member's language for browsers.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::html;
use subtle::ConstantTimeEq;

use super::error_page::StaffSlot;
use super::layout;
use super::messages::{Msg, role_label};
use crate::accounts::{Role, Roles};
use crate::http::error::{ApiError, ErrorCode};
use crate::http::state::AppState;
use crate::text_analysis::Language;

/// Name of the staff session cookie (set twice, with `Path=/admin` and `Path=/review`).
pub const COOKIE: &str = "cdm_faq_staff";

/// The name the automation token acts under.
pub const AUTOMATION: &str = "automation";

/// Who may see the statistics (`/admin`, `/admin/stats.csv`).
pub const STATISTICS: &[Role] = &[Role::Admin];
/// Who may see the unanswered questions.
pub const UNANSWERED: &[Role] = &[Role::Editor, Role::Admin];
/// Who may use the review page and the test console.
pub const REVIEW: &[Role] = &[Role::Counsellor, Role::Editor, Role::Admin];
/// Who may reload the knowledge base.
pub const RELOAD: &[Role] = &[Role::Admin];
/// Who may manage accounts.
pub const ACCOUNTS: &[Role] = &[Role::Admin];

/// How the staff member was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A login session (cookie): state-changing requests need the CSRF token and our origin.
    Session,
    /// The automation bearer token: no cookie, so no CSRF token is needed.
    Token,
}

/// The staff member behind a request.
#[derive(Debug, Clone)]
pub struct Staff {
    /// The account name ("automation" for the token).
    pub name: String,
    /// The roles held.
    pub roles: Roles,
    /// The language of the pages: the account's choice, else the browser's, else English.
    pub lang: Language,
    /// How they were recognised.
    pub via: Via,
    csrf: String,
    session_id: Option<String>,
    wants_html: bool,
}

impl Staff {
    /// The CSRF token to put in every state-changing form (`<input type="hidden" name="csrf">`); empty
    /// for the automation token, which needs none.
    pub fn csrf_token(&self) -> &str {
        &self.csrf
    }

    /// The session's cookie value (None for the token), e.g. to keep it open on a password change.
    pub fn session_id(&self) -> Option<&str> {
        self.session_id.as_deref()
    }

    /// Whether the request came from a browser page (Accept: text/html).
    pub fn wants_html(&self) -> bool {
        self.wants_html
    }

    /// Whether the automation token is acting.
    pub fn is_automation(&self) -> bool {
        self.via == Via::Token
    }

    /// Refuses with `forbidden` unless the staff member holds `role`.
    pub fn require(&self, role: Role) -> Result<(), PageError> {
        self.require_any(std::slice::from_ref(&role))
    }

    /// Refuses with `forbidden` unless the staff member holds one of `roles`.
    pub fn require_any(&self, roles: &[Role]) -> Result<(), PageError> {
        if self.roles.any_of(roles) {
            Ok(())
        } else {
            Err(PageError::Forbidden {
                lang: self.lang,
                html: self.wants_html,
                needed: roles.iter().copied().collect(),
            })
        }
    }

    /// Whether the staff member may see a page open to `roles` (for links).
    pub fn may(&self, roles: &[Role]) -> bool {
        self.roles.any_of(roles)
    }

    /// The refusal for a state-changing request without the right CSRF token or origin.
    pub fn csrf_refusal(&self) -> PageError {
        PageError::Csrf {
            lang: self.lang,
            html: self.wants_html,
        }
    }

    /// The first page this staff member may see (where a login leads).
    pub fn landing(roles: Roles) -> &'static str {
        if roles.contains(Role::Admin) {
            "/admin"
        } else if roles.contains(Role::Editor) {
            "/admin/unanswered"
        } else {
            "/review"
        }
    }

    /// A staff member for unit tests of pages.
    #[cfg(test)]
    pub(crate) fn for_tests(name: &str, roles: Roles, lang: Language) -> Staff {
        Staff {
            name: name.into(),
            roles,
            lang,
            via: Via::Session,
            csrf: "0".repeat(64),
            session_id: None,
            wants_html: true,
        }
    }
}

/// Constant-time comparison of a presented secret with the expected one.
pub fn secret_matches(presented: &str, expected: &str) -> bool {
    let (a, b) = (presented.as_bytes(), expected.as_bytes());
    // Compare equal-length buffers so the time does not depend on where they differ.
    let same_length = a.len() == b.len();
    let a = if same_length { a } else { b };
    bool::from(a.ct_eq(b)) && same_length
}

/// The values of every `cdm_faq_staff` cookie sent (at most a few).
pub fn session_cookies(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == COOKIE).then(|| value.to_string())
        })
        .take(4)
        .collect()
}

/// Whether the client asked for a page rather than JSON.
pub fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// The page language when no account says: the browser's, else English.
pub fn browser_lang(headers: &HeaderMap) -> Language {
    crate::http::params::language(None, headers)
        .ok()
        .flatten()
        .unwrap_or(Language::En)
}

/// The automation token presented, if any (`Authorization: Bearer ...`).
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

/// Keeps the staff member for the next extractor of the same request and for the error pages.
fn remember(parts: &mut Parts, staff: &Staff) {
    if let Some(slot) = parts.extensions.get::<StaffSlot>() {
        slot.fill(staff);
    }
    parts.extensions.insert(staff.clone());
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Staff, PageError> {
        if let Some(staff) = parts.extensions.get::<Staff>() {
            return Ok(staff.clone());
        }
        let html = wants_html(&parts.headers);
        let lang = browser_lang(&parts.headers);
        if let Some(presented) = bearer(&parts.headers) {
            return match state.config.admin_token.as_deref() {
                Some(token) if secret_matches(presented, token) => {
                    let staff = Staff {
                        name: AUTOMATION.into(),
                        roles: Roles::ALL,
                        lang,
                        via: Via::Token,
                        csrf: String::new(),
                        session_id: None,
                        wants_html: html,
                    };
                    remember(parts, &staff);
                    Ok(staff)
                }
                _ => Err(ApiError::Unauthorized.into()),
            };
        }
        for id in session_cookies(&parts.headers) {
            let accounts = state.accounts.clone();
            let lookup_id = id.clone();
            let found = tokio::task::spawn_blocking(move || accounts.session(&lookup_id))
                .await
                .map_err(|e| {
                    tracing::error!(error = %e, "the session lookup task failed");
                    PageError::from(ApiError::Internal)
                })?
                .map_err(|e| {
                    tracing::error!(error = %e, "cannot read the staff sessions");
                    PageError::from(ApiError::from_store(&e))
                })?;
            if let Some(session) = found {
                let staff = Staff {
                    lang: session.account.lang.unwrap_or(lang),
                    name: session.account.name,
                    roles: session.account.roles,
                    via: Via::Session,
                    csrf: session.csrf,
                    session_id: Some(id),
                    wants_html: html,
                };
                remember(parts, &staff);
                return Ok(staff);
            }
        }
        if state.config.admin_token.is_none() {
            let accounts = state.accounts.clone();
            let any = tokio::task::spawn_blocking(move || accounts.any().unwrap_or(true))
                .await
                .unwrap_or(true);
            if !any {
                return Err(PageError::Disabled { lang, html });
            }
        }
        Err(PageError::LoginRequired {
            html: html && parts.method == Method::GET,
            next: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
        })
    }
}

/// How a staff route refuses.
#[derive(Debug)]
pub enum PageError {
    /// An API error (bad parameter, internal...).
    Api(ApiError),
    /// No session and no token: browsers are sent to the login page, scripts get `unauthorized`.
    LoginRequired {
        /// Redirect to the login page (a browser's GET).
        html: bool,
        /// Where to come back after login.
        next: String,
    },
    /// The roles do not allow it: `forbidden`.
    Forbidden {
        /// Page language.
        lang: Language,
        /// Answer with a page.
        html: bool,
        /// The roles that would allow it.
        needed: Roles,
    },
    /// CSRF token or origin wrong: `csrf_rejected`.
    Csrf {
        /// Page language.
        lang: Language,
        /// Answer with a page.
        html: bool,
    },
    /// No account exists and no token is set: `admin_disabled`.
    Disabled {
        /// Page language.
        lang: Language,
        /// Answer with a page.
        html: bool,
    },
}

impl From<ApiError> for PageError {
    fn from(error: ApiError) -> PageError {
        PageError::Api(error)
    }
}

/// Whether `next` is a staff page of ours (no open redirect).
pub fn safe_next(next: &str) -> Option<&str> {
    let ours = next == "/admin"
        || next.starts_with("/admin/")
        || next.starts_with("/admin?")
        || next == "/review"
        || next.starts_with("/review/")
        || next.starts_with("/review?");
    (ours && !next.contains("//") && !next.contains('\\') && !next.starts_with("/admin/login"))
        .then_some(next)
}

fn refusal_page(
    status: StatusCode,
    code: &'static str,
    lang: Language,
    title: Msg,
    text: String,
) -> Response {
    let body = html! {
        p role="alert" { (text) }
        p { a href="/admin/login" { (Msg::BackHome.get(lang)) } }
    };
    let mut response = (
        status,
        Html(layout::bare_page(lang, title.get(lang), body).into_string()),
    )
        .into_response();
    response.extensions_mut().insert(ErrorCode(code));
    response
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::Api(error) => error.into_response(),
            PageError::LoginRequired { html: true, next } => {
                let target = match safe_next(&next) {
                    Some(next) => format!("/admin/login?next={}", encode(next)),
                    None => "/admin/login".to_string(),
                };
                let mut response = Redirect::to(&target).into_response();
                response.extensions_mut().insert(ErrorCode("unauthorized"));
                response
            }
            PageError::LoginRequired { html: false, .. } => ApiError::Unauthorized.into_response(),
            PageError::Forbidden {
                lang,
                html: true,
                needed,
            } => {
                let roles: Vec<&str> = needed.iter().map(|r| role_label(r, lang)).collect();
                let text = format!("{} {}.", Msg::ForbiddenText.get(lang), roles.join(", "));
                refusal_page(
                    StatusCode::FORBIDDEN,
                    "forbidden",
                    lang,
                    Msg::ForbiddenTitle,
                    text,
                )
            }
            PageError::Forbidden { html: false, .. } => ApiError::Forbidden.into_response(),
            PageError::Csrf { lang, html: true } => refusal_page(
                StatusCode::FORBIDDEN,
                "csrf_rejected",
                lang,
                Msg::CsrfTitle,
                Msg::CsrfText.get(lang).to_string(),
            ),
            PageError::Csrf { html: false, .. } => ApiError::CsrfRejected.into_response(),
            PageError::Disabled { lang, html: true } => refusal_page(
                StatusCode::FORBIDDEN,
                "admin_disabled",
                lang,
                Msg::LoginTitle,
                format!(
                    "{} {}",
                    Msg::LoginNoAccounts.get(lang),
                    Msg::DisabledToken.get(lang)
                ),
            ),
            PageError::Disabled { html: false, .. } => ApiError::AdminDisabled.into_response(),
        }
    }
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn secrets_compare_exactly() {
        assert!(secret_matches("s3cret-token", "s3cret-token"));
        assert!(!secret_matches("s3cret-tokem", "s3cret-token"));
        assert!(!secret_matches("s3cret", "s3cret-token"));
        assert!(!secret_matches("", "s3cret-token"));
    }

    #[test]
    fn session_cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; cdm_faq_staff=abc; b=2"),
        );
        assert_eq!(session_cookies(&headers), vec!["abc".to_string()]);
    }

    #[test]
    fn only_our_pages_are_return_targets() {
        assert_eq!(safe_next("/review?theme=work"), Some("/review?theme=work"));
        assert_eq!(safe_next("/admin/accounts"), Some("/admin/accounts"));
        assert_eq!(safe_next("//evil.example/admin"), None);
        assert_eq!(safe_next("/admin//evil.example"), None);
        assert_eq!(safe_next("https://evil.example/admin"), None);
        assert_eq!(safe_next("/administrator"), None);
        assert_eq!(safe_next("/admin/login"), None);
    }

    #[test]
    fn roles_are_enforced() {
        let editor = Staff::for_tests("amina", [Role::Editor].into_iter().collect(), Language::Fr);
        assert!(editor.require(Role::Editor).is_ok());
        assert!(editor.require_any(UNANSWERED).is_ok());
        assert!(matches!(
            editor.require_any(ACCOUNTS),
            Err(PageError::Forbidden { .. })
        ));
        assert!(!editor.may(STATISTICS) && editor.may(REVIEW));
        assert_eq!(Staff::landing(editor.roles), "/admin/unanswered");
    }
}
