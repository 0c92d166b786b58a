//! What the editors' pages share: who is saving (the [`Author`] of the session), running a save off the
//! async workers and reloading the served engine after it, the list of problems ordered by cause with
//! links to their fields, and the pages for a refused or failed save. Refusals are HTML pages for the
//! browser, with the status and the stable code of the error table (`edit_invalid`, `edit_conflict`,
//! `edit_not_saved`) recorded for the metrics and the log.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::html;

use super::layout::page;
use super::staff::Staff;
use crate::editing::{Author, Change, FieldProblem, SaveError, Saved};
use crate::http::error::{ApiError, ErrorCode};
use crate::http::state::AppState;
use crate::knowledge_base::Severity;

/// The author of a save: the signed-in staff member (account name and roles; "automation" for the
/// bearer token).
pub(super) fn author(staff: &Staff) -> Author {
    Author {
        name: staff.name.clone(),
        roles: staff.roles.iter().map(|r| r.as_str().to_string()).collect(),
    }
}

/// The HTML id of a form field: `fr.answer` → `fr-answer`.
pub(super) fn field_id(field: &str) -> String {
    field.replace('.', "-")
}

/// The problems tied to `field`.
pub(super) fn problems_for<'a>(
    problems: &'a [FieldProblem],
    field: &'a str,
) -> impl Iterator<Item = &'a FieldProblem> + 'a {
    problems
        .iter()
        .filter(move |p| p.field.as_deref() == Some(field))
}

/// Every problem, in the order they came (the cause first), each linking to its field when it has one.
pub(super) fn problem_list(problems: &[FieldProblem]) -> maud::Markup {
    html! {
        @if !problems.is_empty() {
            section.problems aria-labelledby="problems-title" {
                h2 id="problems-title" { (problems.len()) " problem(s)" }
                ol {
                    @for p in problems {
                        li {
                            @if p.problem.severity == Severity::Warning { span.flag { "warning" } " " } @else { span.flag.bad { "error" } " " }
                            @match &p.field {
                                Some(f) => { a href=(format!("#{}", field_id(f))) { (p.problem.message) } }
                                None => { (p.problem.message) }
                            }
                            " " span.muted { "(" (p.problem.file.display()) @if let Some(l) = p.problem.line { ", line " (l) } ")" }
                            @if p.problem.stops_file { " " strong { "Fix this first: the rest of the file could not be read." } }
                            @if let Some(cause) = &p.problem.follows_from { " " em { "Follows from the error in " (cause.display()) "; it goes away once that is fixed." } }
                        }
                    }
                }
            }
        }
    }
}

/// A page with a status and an error code for the metrics.
pub(super) fn status_page(status: StatusCode, code: &'static str, body: String) -> Response {
    let mut response = (status, Html(body)).into_response();
    response.extensions_mut().insert(ErrorCode(code));
    response
}

/// Saves on a blocking thread (the check reads every file).
pub(super) async fn save_blocking(
    state: &AppState,
    change: Change,
    author: Author,
    version: String,
) -> Result<Saved, SaveError> {
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || store.save(&change, &author, &version)).await {
        Ok(result) => result,
        Err(e) => Err(SaveError::Write(std::io::Error::other(e.to_string()))),
    }
}

/// Reloads the served engine after a save, so that the next question is answered from the new text.
pub(super) async fn reload_after_save(state: &AppState) {
    let live = state.live.clone();
    if let Err(e) = tokio::task::spawn_blocking(move || live.reload()).await {
        tracing::error!(error = %e, "the reload after a save failed");
    }
}

/// A save that failed for a reason other than the knowledge base's content.
pub(super) fn failure_page(staff: &Staff, error: SaveError) -> Response {
    match error {
        SaveError::NotFound(file) => {
            ApiError::UnknownEntry(file.to_string_lossy().trim_end_matches(".toml").to_string())
                .into_response()
        }
        other => {
            tracing::error!(error = %other, "a save failed");
            let body = page(
                staff,
                "Not saved",
                html! { p.flag.bad role="alert" { (other.to_string()) } p { "Nothing was lost: the previous version of the file is intact. Go back to keep your text and try again." } },
            );
            status_page(
                StatusCode::SERVICE_UNAVAILABLE,
                "edit_not_saved",
                body.into_string(),
            )
        }
    }
}

/// A sign-off or retirement that was refused: its problems or the conflict, with a way back.
pub(super) fn refused_page(staff: &Staff, id: &str, error: SaveError) -> Response {
    match error {
        SaveError::Invalid { problems, .. } => {
            let body = page(
                staff,
                "Not saved",
                html! {
                    p.flag.bad role="alert" { "Nothing was changed." }
                    (problem_list(&problems))
                    p { a href=(format!("/admin/entry/{id}")) { "Back to the entry" } }
                },
            );
            status_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                "edit_invalid",
                body.into_string(),
            )
        }
        SaveError::Conflict { .. } => {
            let body = page(
                staff,
                "Not saved",
                html! {
                    p.flag.bad role="alert" { "The entry was changed since this page was opened; nothing was changed. Open it again and retry." }
                    p { a href=(format!("/admin/entry/{id}")) { "Open the entry again" } }
                },
            );
            status_page(StatusCode::CONFLICT, "edit_conflict", body.into_string())
        }
        other => failure_page(staff, other),
    }
}
