//! Whole-file editing for the files that are not entries: the partners (`partners/<id>.toml`), the
//! synonym groups (`synonyms.toml`) and the site settings (`site.toml`: hand-off contacts, the bot's
//! sentences, themes, small talk), and any entry file as a whole (when a hand edit broke its TOML, the
//! form cannot be built). The text is checked exactly like a form save, with every problem at its line;
//! generic over whatever fields the loader knows, so a new field in the format needs no change here.
//! `GET /admin/files` lists them; `GET|POST /admin/files/{path}`. Every text in the staff member's
//! language.

use std::path::{Component, Path as FsPath, PathBuf};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::editor::{
    author, failure_page, problem_list, reload_after_save, save_blocking, status_page,
};
use super::guard::Editor;
use super::layout::page;
use super::messages::Msg;
use super::staff::Staff;
use crate::editing::{Action, Change, FieldProblem, SaveError, line_diff, version_of};
use crate::http::error::ApiError;
use crate::http::state::AppState;
use crate::knowledge_base::Theme;
use crate::text_analysis::Language;

/// The files this editor may write: `site.toml`, `synonyms.toml`, `out-of-scope.toml`, `partners/<slug>.toml`,
/// `<theme>/<slug>.toml`; nothing outside the knowledge-base folder.
pub(super) fn editable(path: &str) -> Option<PathBuf> {
    let path = FsPath::new(path);
    if path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
    let slug = |file: &str| {
        file.strip_suffix(".toml").is_some_and(|s| {
            !s.is_empty()
                && !s.starts_with('-')
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
    };
    let ok = match parts.as_slice() {
        ["site.toml"] | ["synonyms.toml"] | ["out-of-scope.toml"] => true,
        ["partners", file] => slug(file),
        [theme, file] => theme.parse::<Theme>().is_ok() && slug(file),
        _ => false,
    };
    ok.then(|| path.to_path_buf())
}

/// `GET /admin/files`.
pub async fn list_files(State(state): State<AppState>, Editor(staff): Editor) -> Html<String> {
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let lang = staff.lang;
    let body = html! {
        p { (Msg::FilesIntro.get(lang)) }
        ul {
            li { a href="/admin/files/site.toml" { "site.toml" } " — " (Msg::FileSite.get(lang)) }
            li { a href="/admin/files/synonyms.toml" { "synonyms.toml" } " — " (Msg::FileSynonyms.get(lang)) }
            li { a href="/admin/files/out-of-scope.toml" { "out-of-scope.toml" } " — " (Msg::FileOutOfScope.get(lang)) }
        }
        h2 { (Msg::PartnersHeading.get(lang)) }
        form method="get" action="/admin/files/partners/new.toml" {
            p { (Msg::AddPartnerBefore.get(lang)) " " code { "/admin/files/partners/<id>.toml" } " " (Msg::AddPartnerAfter.get(lang)) }
        }
        ul {
            @for p in kb.partners().values() {
                li { a href=(format!("/admin/files/{}", p.file.display())) lang="fr" { (p.text(Language::Fr).name) } " " span.muted { code { (p.id) } } @if !p.verified { " " span.flag { (Msg::ContactsUnverified.get(lang)) } } }
            }
        }
    };
    Html(page(&staff, Msg::FilesTitle.get(lang), body).into_string())
}

fn editor_page(
    staff: &Staff,
    path: &FsPath,
    text: &str,
    version: &str,
    problems: &[FieldProblem],
    notice: maud::Markup,
) -> String {
    let described = (!problems.is_empty()).then_some("problems-title");
    let lang = staff.lang;
    page(staff, &path.display().to_string(),
        html! {
            (notice)
            (problem_list(problems, lang))
            form method="post" action=(format!("/admin/files/{}", path.display())) {
                input type="hidden" name="csrf" value=(staff.csrf_token());
                input type="hidden" name="version" value=(version);
                label for="text" { (Msg::TheFile.get(lang)) " " code { (path.display()) } " " (Msg::TheFileHint.get(lang)) }
                textarea id="text" name="text" rows="30" spellcheck="false" aria-describedby=[described] aria-invalid=[described.map(|_| "true")] { (text) }
                div.actions { button type="submit" { (Msg::SaveAndPublish.get(lang)) } }
            }
            p { a href="/admin/history" { (Msg::RecentSaves.get(lang)) } }
        },
    )
    .into_string()
}

/// `GET /admin/files/{path}`.
pub async fn edit_file(
    State(state): State<AppState>,
    Editor(staff): Editor,
    Path(path): Path<String>,
) -> Result<Html<String>, ApiError> {
    let Some(file) = editable(&path) else {
        return Err(ApiError::NotFound);
    };
    let snapshot = state.store.read(&file).map_err(|e| {
        tracing::error!(error = %e, "cannot read a knowledge-base file");
        ApiError::Internal
    })?;
    let (text, version) = match snapshot {
        Some(s) => (s.text, s.version),
        None if file.starts_with("partners") => (String::new(), version_of(None)),
        None => return Err(ApiError::NotFound),
    };
    Ok(Html(editor_page(
        &staff,
        &file,
        &text,
        &version,
        &[],
        html! {},
    )))
}

/// The posted file.
#[derive(Debug, Deserialize)]
pub struct FileForm {
    version: String,
    text: String,
}

/// `POST /admin/files/{path}`.
pub async fn save_file(
    State(state): State<AppState>,
    Editor(staff): Editor,
    Path(path): Path<String>,
    CsrfForm(form): CsrfForm<FileForm>,
) -> Response {
    let Some(file) = editable(&path) else {
        return ApiError::NotFound.into_response();
    };
    let text = form.text.replace("\r\n", "\n");
    let action = if form.version == version_of(None) {
        Action::Create
    } else {
        Action::Edit
    };
    let change = Change::ReplaceFile {
        file: file.clone(),
        text: Some(text.clone()),
        action,
    };
    match save_blocking(&state, change, author(&staff), form.version.clone()).await {
        Ok(_) => {
            reload_after_save(&state).await;
            let entry = file.to_string_lossy().trim_end_matches(".toml").to_string();
            if file
                .parent()
                .and_then(|p| p.to_str())
                .is_some_and(|p| p.parse::<Theme>().is_ok())
            {
                return Redirect::to(&format!("/admin/entry/{entry}")).into_response();
            }
            let notice = html! { p.flag role="status" { (Msg::FileSavedLive.get(staff.lang)) } };
            let version = version_of(Some(&text));
            Html(editor_page(&staff, &file, &text, &version, &[], notice)).into_response()
        }
        Err(SaveError::Invalid { problems, .. }) => {
            let notice = html! { p.flag.bad role="alert" { (Msg::FixProblems.get(staff.lang)) } };
            status_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                "edit_invalid",
                editor_page(&staff, &file, &text, &form.version, &problems, notice),
            )
        }
        Err(SaveError::Conflict { current, .. }) => {
            let current_text = current.as_ref().map(|c| c.text.clone());
            let version = current
                .map(|c| c.version)
                .unwrap_or_else(|| version_of(None));
            let diff = line_diff(&file, current_text.as_deref(), Some(&text));
            let lang = staff.lang;
            let notice = html! {
                p.flag.bad role="alert" { (Msg::FileConflict.get(lang)) }
                div.columns {
                    div { h2 { (Msg::NowInFile.get(lang)) } pre { (current_text.unwrap_or_else(|| Msg::FileRemoved.get(lang).into())) } }
                    div { h2 { (Msg::YourVersion.get(lang)) } pre { (text) } }
                }
                details { summary { (Msg::Differences.get(lang)) } pre { (diff) } }
            };
            status_page(
                StatusCode::CONFLICT,
                "edit_conflict",
                editor_page(&staff, &file, &text, &version, &[], notice),
            )
        }
        Err(e) => failure_page(&staff, e),
    }
}

#[cfg(test)]
mod tests {
    //! Properties: only knowledge-base files of the known shapes can be edited; no way out of the folder.
    use super::*;

    #[test]
    fn only_known_files_are_editable() {
        assert!(editable("site.toml").is_some());
        assert!(editable("synonyms.toml").is_some());
        assert!(editable("partners/actiris.toml").is_some());
        assert!(editable("work/register-as-job-seeker.toml").is_some());
        for bad in [
            "../secret.toml",
            "/etc/passwd",
            "partners/../site.toml",
            "work/a/b.toml",
            "cooking/x.toml",
            "partners/Bad.toml",
            "partners/x.txt",
            "README.md",
        ] {
            assert!(editable(bad).is_none(), "{bad}");
        }
    }
}
