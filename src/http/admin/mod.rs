//! The staff pages (`/admin/*`, `/review*`): statistics, unanswered questions, review, test console,
//! accounts, for named accounts with roles (`crate::accounts`). Every staff route takes the [`Staff`]
//! extractor and checks its roles against the lists in `staff.rs`; every state-changing request goes
//! through [`CsrfForm`]. Who may do what:
//!
//! | route | roles |
//! |---|---|
//! | `GET /admin`, `GET /admin/stats.csv` | admin |
//! | `GET /admin/unanswered` | editor, admin |
//! | `GET /review`, `GET /review/console` | counsellor, editor, admin |
//! | `GET`/`POST /admin/reload` | admin |
//! | `GET`/`POST /admin/accounts...` | admin |
//! | `GET`/`POST /admin/me`, `POST /admin/logout` | any staff account |
//!
//! The automation token (`CDM_FAQ_ADMIN_TOKEN`, Bearer only) acts as an admin named "automation" with
//! every role. The login page and the stylesheet are the only routes open to all. A browser meeting an
//! error on a staff page gets a page in the staff language (`error_page.rs`), a script our JSON error.

mod accounts;
mod charts;
mod csrf;
mod dashboard;
mod editor;
mod entries;
mod entry_form;
mod error_page;
mod files;
mod guard;
mod history;
pub mod layout;
mod login;
pub mod messages;
mod not_ours;
mod review;
mod staff;
mod unanswered;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::error::ApiError;
use super::state::AppState;
use crate::live::ReloadOutcome;

pub use csrf::{CsrfForm, MAX_FORM_BYTES, same_origin};
pub use dashboard::year_report;
pub use error_page::staff_error_pages;
pub use login::{HASHING_SLOTS, NoFields};
pub use messages::{Msg, language_label, role_label};
pub use staff::{
    ACCOUNTS, AUTOMATION, COOKIE, PageError, RELOAD, REVIEW, STATISTICS, Staff, UNANSWERED, Via,
    safe_next,
};

/// `POST /admin/reload`: reloads now (with the knowledge base in the database, after catching up with
/// it); 200 with the report, 422 when the edit is rejected (a browser
/// is sent back to the dashboard).
async fn reload(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, PageError> {
    staff.require_any(RELOAD)?;
    let (live, store) = (state.live.clone(), state.store.clone());
    let report = match tokio::task::spawn_blocking(move || {
        // With the knowledge base in the database, bring this replica's copy up to date first.
        if let crate::editing::KnowledgeStore::Postgres(copy) = &*store
            && let Err(e) = copy.catch_up()
        {
            tracing::warn!(error = %e, "cannot catch up with the database before reloading");
        }
        live.reload()
    })
    .await
    {
        Ok(report) => report,
        Err(e) => {
            tracing::error!(error = %e, "the reload task failed");
            return Err(ApiError::Internal.into());
        }
    };
    if staff.wants_html() {
        return Ok(Redirect::to("/admin").into_response());
    }
    let status = if report.outcome == ReloadOutcome::Rejected {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(report)).into_response())
}

/// `GET /admin/reload`: the last reload report.
async fn last_reload(State(state): State<AppState>, staff: Staff) -> Result<Response, PageError> {
    staff.require_any(RELOAD)?;
    Ok(axum::Json(state.live.last_report()).into_response())
}

async fn css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        layout::CSS,
    )
}

/// The staff routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/login", get(login::login_form).post(login::login))
        .route("/admin/logout", post(login::logout))
        .route("/admin/admin.css", get(css))
        .route("/admin", get(dashboard::dashboard))
        .route("/admin/stats.csv", get(dashboard::stats_csv))
        .route("/admin/unanswered", get(unanswered::unanswered))
        .route("/admin/unanswered/not-ours", post(not_ours::add_not_ours))
        .route("/admin/reload", post(reload).get(last_reload))
        .route(
            "/admin/accounts",
            get(accounts::list_accounts).post(accounts::add_account),
        )
        .route("/admin/accounts/change", post(accounts::change_account))
        .route(
            "/admin/me",
            get(accounts::my_account).post(accounts::change_my_account),
        )
        .route("/admin/entries", get(entries::list_entries))
        .route(
            "/admin/entries/new",
            get(entry_form::new_entry_form).post(entry_form::create_entry),
        )
        .route(
            "/admin/entries/add-phrasing",
            post(entry_form::add_phrasing),
        )
        .route(
            "/admin/entry/{theme}/{slug}",
            get(entry_form::edit_entry).post(entry_form::save_entry),
        )
        .route(
            "/admin/entry/{theme}/{slug}/history",
            get(history::entry_history),
        )
        .route(
            "/admin/entry/{theme}/{slug}/sign-off",
            post(entry_form::sign_off_entry),
        )
        .route(
            "/admin/entry/{theme}/{slug}/retire",
            post(entry_form::retire_entry),
        )
        .route("/admin/history", get(history::all_history))
        .route("/admin/history/{revision}", get(history::show_revision))
        .route(
            "/admin/history/{revision}/restore",
            post(history::restore_revision),
        )
        .route("/admin/files", get(files::list_files))
        .route(
            "/admin/files/{*path}",
            get(files::edit_file).post(files::save_file),
        )
        .route("/review", get(review::review))
        .route("/review/console", get(review::console))
}
