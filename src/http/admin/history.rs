//! The history pages: `GET /admin/entry/{theme}/{slug}/history` (one entry's saves: who with which
//! roles, when, what, the line diff, the git commit), `GET /admin/history` (every recent save),
//! `GET /admin/history/{revision}` (one save with the whole text), and `POST .../restore`: "restore
//! this version" is a new save of that text through the same checks as any other. Every text in the
//! staff member's language.

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::editor::{author, refused_page, reload_after_save, save_blocking};
use super::guard::Editor;
use super::layout::page;
use super::messages::{Msg, action_label, stored_role_label};
use super::staff::Staff;
use crate::editing::{Action, Change, Revision, entry_file, version_of};
use crate::http::error::ApiError;
use crate::http::state::AppState;

/// Most saves listed on one page.
const LIMIT: usize = 200;

fn internal(e: impl std::fmt::Display) -> ApiError {
    tracing::error!(error = %e, "cannot read the editors' history");
    ApiError::Internal
}

/// The version of a revision worth restoring: its text after the save, or before it for a retirement.
fn restorable(revision: &Revision) -> Option<&str> {
    match revision.action {
        Action::Retire => revision.before.as_deref(),
        _ => revision.after.as_deref(),
    }
}

fn revision_rows(
    staff: &Staff,
    revisions: &[Revision],
    current_version: Option<&str>,
    with_file: bool,
) -> Markup {
    let lang = staff.lang;
    html! {
        @if revisions.is_empty() { p.muted { (Msg::NoSaves.get(lang)) } }
        @for r in revisions {
            article.revision {
                h2 {
                    a href=(format!("/admin/history/{}", r.id)) { (Msg::Revision.get(lang)) " " (r.id) } ": " (action_label(r.action, lang))
                    @if with_file { " — " code { (r.file.display()) } }
                }
                p { (r.at) " " (Msg::SavedBy.get(lang)) " " strong { (r.author) } " (" (r.roles.iter().map(|role| stored_role_label(role, lang)).collect::<Vec<_>>().join(", ")) ")"
                    @if r.git.starts_with("git failed") { " " span.flag.bad { (r.git) } }
                    @else if !r.git.is_empty() { " · git " code { (r.git.chars().take(12).collect::<String>()) } }
                }
                details { summary { (Msg::ChangesLineByLine.get(lang)) } pre.diff { (r.diff) } }
                @if let (Some(text), Some(current)) = (restorable(r), current_version) {
                    @if version_of(Some(text)) != current {
                        form method="post" action=(format!("/admin/history/{}/restore", r.id)) {
                            input type="hidden" name="csrf" value=(staff.csrf_token());
                            input type="hidden" name="version" value=(current);
                            button type="submit" { @if r.action == Action::Retire { (Msg::RestoreBefore.get(lang)) } @else { (Msg::RestoreVersion.get(lang)) } }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /admin/entry/{theme}/{slug}/history`.
pub async fn entry_history(
    State(state): State<AppState>,
    Editor(staff): Editor,
    Path((theme, slug)): Path<(String, String)>,
) -> Result<Html<String>, ApiError> {
    let id = format!("{theme}/{slug}");
    let file = entry_file(&id);
    let store = state.store.clone();
    let (revisions, current) = tokio::task::spawn_blocking(move || {
        let revisions = store.history(Some(&file), LIMIT);
        let current = store.read(&file).map(|s| s.map(|s| s.version));
        (revisions, current)
    })
    .await
    .map_err(internal)?;
    let revisions = revisions.map_err(internal)?;
    let current = current
        .map_err(internal)?
        .unwrap_or_else(|| version_of(None));
    if revisions.is_empty() && current == version_of(None) {
        return Err(ApiError::UnknownEntry(id));
    }
    let body = html! {
        p { a href=(format!("/admin/entry/{id}")) { (Msg::BackToEntry.get(staff.lang)) } }
        (revision_rows(&staff, &revisions, Some(&current), false))
    };
    let title = format!("{} {id}", Msg::HistoryOf.get(staff.lang));
    Ok(Html(page(&staff, &title, body).into_string()))
}

/// `GET /admin/history`.
pub async fn all_history(
    State(state): State<AppState>,
    Editor(staff): Editor,
) -> Result<Html<String>, ApiError> {
    let store = state.store.clone();
    let revisions = tokio::task::spawn_blocking(move || store.history(None, LIMIT))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    let body = html! {
        p.muted { (Msg::HistoryKept.get(staff.lang)) }
        (revision_rows(&staff, &revisions, None, true))
    };
    Ok(Html(
        page(&staff, Msg::RecentSaves.get(staff.lang), body).into_string(),
    ))
}

fn parse_revision(revision: &str) -> Result<i64, ApiError> {
    revision
        .parse()
        .map_err(|_| ApiError::InvalidRequest(format!("{revision:?} is not a revision number")))
}

/// `GET /admin/history/{revision}`.
pub async fn show_revision(
    State(state): State<AppState>,
    Editor(staff): Editor,
    Path(revision): Path<String>,
) -> Result<Html<String>, ApiError> {
    let id = parse_revision(&revision)?;
    let store = state.store.clone();
    let found = tokio::task::spawn_blocking(move || store.revision(id))
        .await
        .map_err(internal)?
        .map_err(internal)?
        .ok_or(ApiError::NotFound)?;
    let current = state
        .store
        .read(&found.file)
        .map_err(internal)?
        .map(|s| s.version)
        .unwrap_or_else(|| version_of(None));
    let body = html! {
        (revision_rows(&staff, std::slice::from_ref(&found), Some(&current), true))
        h2 { (Msg::FileAfterSave.get(staff.lang)) }
        pre { (found.after.clone().unwrap_or_else(|| Msg::Removed.get(staff.lang).into())) }
    };
    let title = format!("{} {id}", Msg::Revision.get(staff.lang));
    Ok(Html(page(&staff, &title, body).into_string()))
}

/// The restore form: the version of the file as it is now.
#[derive(Debug, Deserialize)]
pub struct RestoreForm {
    version: String,
}

/// `POST /admin/history/{revision}/restore`.
pub async fn restore_revision(
    State(state): State<AppState>,
    Editor(staff): Editor,
    Path(revision): Path<String>,
    CsrfForm(form): CsrfForm<RestoreForm>,
) -> Response {
    let id = match parse_revision(&revision) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    let found = match state.store.revision(id) {
        Ok(Some(found)) => found,
        Ok(None) => return ApiError::NotFound.into_response(),
        Err(e) => return internal(e).into_response(),
    };
    let change = Change::ReplaceFile {
        file: found.file.clone(),
        text: restorable(&found).map(str::to_string),
        action: Action::Restore,
    };
    let entry_id = found
        .file
        .to_string_lossy()
        .trim_end_matches(".toml")
        .to_string();
    match save_blocking(&state, change, author(&staff), form.version).await {
        Ok(saved) => {
            reload_after_save(&state).await;
            let is_entry = entry_id.contains('/') && !entry_id.starts_with("partners/");
            match (is_entry, saved.revision) {
                (true, Some(r)) => {
                    Redirect::to(&format!("/admin/entry/{entry_id}?saved={r}")).into_response()
                }
                (true, None) => Redirect::to(&format!("/admin/entry/{entry_id}")).into_response(),
                (false, _) => {
                    Redirect::to(&format!("/admin/files/{}", found.file.display())).into_response()
                }
            }
        }
        Err(e) => refused_page(&staff, &entry_id, e),
    }
}
