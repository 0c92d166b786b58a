//! Role guards for the editors' workspace: extractors that recognise the staff member ([`Staff`]) and
//! refuse the request, before the handler runs, unless one of the route's roles is held. Editing the
//! knowledge base (entries, partners, synonyms, site settings, history and restore) is for editors and
//! admins; signing off a referral ("partners checked") is for counsellors, editors and admins; counsellors
//! do not publish edits (they propose them to an editor), so a wrong referral cannot be published by the
//! person who is meant to check it.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::staff::{PageError, Staff};
use crate::accounts::Role;
use crate::http::state::AppState;

/// Who may change the knowledge base.
pub const EDITING: &[Role] = &[Role::Editor, Role::Admin];
/// Who may sign off an entry's referral.
pub const SIGN_OFF: &[Role] = &[Role::Counsellor, Role::Editor, Role::Admin];

macro_rules! guard {
    ($name:ident, $roles:expr, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone)]
        pub struct $name(pub Staff);

        impl FromRequestParts<AppState> for $name {
            type Rejection = PageError;

            async fn from_request_parts(
                parts: &mut Parts,
                state: &AppState,
            ) -> Result<Self, PageError> {
                let staff = Staff::from_request_parts(parts, state).await?;
                staff.require_any($roles)?;
                Ok($name(staff))
            }
        }
    };
}

guard!(
    Editor,
    EDITING,
    "A staff member who may change the knowledge base ([`EDITING`])."
);
guard!(
    SignOff,
    SIGN_OFF,
    "A staff member who may sign off a referral ([`SIGN_OFF`])."
);
guard!(
    Reviewer,
    super::staff::REVIEW,
    "A staff member who may read the review pages."
);
