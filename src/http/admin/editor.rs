//! What the editors' pages share: who is saving (the [`Author`] of the session), running a save off the
//! async workers and reloading the served engine after it, the list of problems ordered by cause with
//! links to their fields, and the pages for a refused or failed save. Refusals are HTML pages for the
//! browser, with the status and the stable code of the error table (`edit_invalid`, `edit_conflict`,
//! `edit_not_saved`) recorded for the metrics and the log. Everything in the staff member's language
//! but the checker's problems themselves (English, as on the command line).

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::html;

use super::layout::page;
use super::messages::{Msg, problems_heading};
use super::staff::Staff;
use crate::editing::{Author, Change, FieldProblem, SaveError, Saved};
use crate::http::error::{ApiError, ErrorCode};
use crate::http::state::AppState;
use crate::knowledge_base::Severity;
use crate::text_analysis::Language;

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

/// Every problem, in the order they came (the cause first), each linking to its field when it has one;
/// what surrounds them in `lang`, the checker's own messages in English (`lang="en"`: they are also
/// the command line's output).
pub(super) fn problem_list(problems: &[FieldProblem], lang: Language) -> maud::Markup {
    html! {
        @if !problems.is_empty() {
            section.problems aria-labelledby="problems-title" {
                h2 id="problems-title" { (problems_heading(problems.len(), lang)) }
                ol {
                    @for p in problems {
                        li {
                            @if p.problem.severity == Severity::Warning { span.flag { (Msg::SeverityWarning.get(lang)) } " " } @else { span.flag.bad { (Msg::SeverityError.get(lang)) } " " }
                            @match &p.field {
                                Some(f) => { a href=(format!("#{}", field_id(f))) lang=[checker_lang(lang)] { (p.problem.message) } }
                                None => { span lang=[checker_lang(lang)] { (p.problem.message) } }
                            }
                            " " span.muted { "(" (p.problem.file.display()) @if let Some(l) = p.problem.line { ", " (Msg::Line.get(lang)) " " (l) } ")" }
                            @if p.problem.stops_file { " " strong { (Msg::FixFirst.get(lang)) } }
                            @if let Some(cause) = &p.problem.follows_from { " " em { (Msg::FollowsFrom.get(lang)) " " (cause.display()) (Msg::FollowsFromEnd.get(lang)) } }
                        }
                    }
                }
            }
        }
    }
}

/// The `lang` attribute of a checker message (always English) on a page in `lang`: none when the
/// page is English already.
pub(super) fn checker_lang(lang: Language) -> Option<&'static str> {
    (lang != Language::En).then_some("en")
}

/// A save's failure in a sentence: in English as the error says it, in French or Dutch the
/// translated cause followed by the technical detail.
pub(super) fn save_error_text(error: &SaveError, lang: Language) -> String {
    if lang == Language::En {
        return error.to_string();
    }
    let sep = if lang == Language::Fr { " : " } else { ": " };
    match error {
        SaveError::Write(e) => format!("{}{sep}{e}", Msg::FailWrite.get(lang)),
        SaveError::NotToml(e) => format!("{}{sep}{}", Msg::FailNotToml.get(lang), e.0),
        SaveError::History(e) => format!("{}{sep}{e}", Msg::FailHistory.get(lang)),
        SaveError::NotFound(file) => {
            format!("{}{sep}{}", Msg::FailNotFound.get(lang), file.display())
        }
        SaveError::AlreadyExists(file) => {
            format!("{}{sep}{}", Msg::FailExists.get(lang), file.display())
        }
        SaveError::UnknownTopic(topic) => {
            format!("{}{sep}{topic}", Msg::FailUnknownTopic.get(lang))
        }
        SaveError::Conflict { .. } => Msg::FailConflict.get(lang).to_string(),
        SaveError::Invalid { problems, .. } => format!(
            "{} — {}",
            problems_heading(problems.len(), lang),
            Msg::NothingChanged.get(lang)
        ),
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
            let lang = staff.lang;
            let body = page(
                staff,
                Msg::NotSavedTitle.get(lang),
                html! { p.flag.bad role="alert" { (save_error_text(&other, lang)) } p { (Msg::NothingLost.get(lang)) } },
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
    let lang = staff.lang;
    match error {
        SaveError::Invalid { problems, .. } => {
            let body = page(
                staff,
                Msg::NotSavedTitle.get(lang),
                html! {
                    p.flag.bad role="alert" { (Msg::NothingChanged.get(lang)) }
                    (problem_list(&problems, lang))
                    p { a href=(format!("/admin/entry/{id}")) { (Msg::BackToEntry.get(lang)) } }
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
                Msg::NotSavedTitle.get(lang),
                html! {
                    p.flag.bad role="alert" { (Msg::EntryChangedRefused.get(lang)) }
                    p { a href=(format!("/admin/entry/{id}")) { (Msg::OpenEntryAgain.get(lang)) } }
                },
            );
            status_page(StatusCode::CONFLICT, "edit_conflict", body.into_string())
        }
        other => failure_page(staff, other),
    }
}
