//! "Not ours" on `/admin/unanswered`: one click adds a declined visitor question to a topic of the bank
//! of questions declined on purpose (`out-of-scope.toml`), so that questions like it are declined with
//! the topic's "where to go instead" rather than half-answered. The form on each group pre-selects the
//! topic whose bank question came closest ([`Explanation::not_ours_topic`]); the save goes through the
//! editors' store like any other edit (checked in full, written atomically, in the history under the
//! editor's name), for editors and admins, with the form's CSRF token. The question is scrubbed of
//! personal data again before it is written, whatever the form carried.
//!
//! [`Explanation::not_ours_topic`]: crate::answer::Explanation

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::editor::{
    author, failure_page, problem_list, reload_after_save, save_blocking, status_page,
};
use super::guard::Editor;
use super::layout::{page, visitor_text};
use super::messages::Msg;
use super::staff::Staff;
use crate::answer::{Question, RawQuestion, ReplyKind};
use crate::editing::{Change, OUT_OF_SCOPE_FILE, SaveError};
use crate::http::error::ApiError;
use crate::http::state::AppState;
use crate::knowledge_base::KnowledgeBase;
use crate::text_analysis::Language;

/// The form of a group's "not ours" button.
#[derive(Debug, Deserialize)]
pub struct NotOursForm {
    /// The scrubbed question.
    q: String,
    /// Its language.
    lang: String,
    /// The bank topic's id.
    topic: String,
}

/// The "not ours" form of group `index` of `/admin/unanswered` (editors and admins only; nothing when
/// the knowledge base has no bank).
pub(super) fn not_ours_form(
    staff: &Staff,
    kb: &KnowledgeBase,
    closest_topic: Option<&str>,
    scrubbed: &str,
    lang: &str,
    index: usize,
) -> Markup {
    let ui = staff.lang;
    html! {
        @if !kb.out_of_scope().is_empty() { form.inline method="post" action="/admin/unanswered/not-ours" {
            input type="hidden" name="csrf" value=(staff.csrf_token());
            input type="hidden" name="q" value=(scrubbed);
            input type="hidden" name="lang" value=(lang);
            label for=(format!("topic-{index}")) { (Msg::NotOursLabel.get(ui)) " " }
            select id=(format!("topic-{index}")) name="topic" {
                @for topic in kb.out_of_scope() {
                    option value=(topic.id) selected[Some(topic.id.as_str()) == closest_topic] { (topic.about) " (" (topic.id) ")" }
                }
            }
            " " button type="submit" { (Msg::NotOursButton.get(ui)) }
        } }
    }
}

/// `POST /admin/unanswered/not-ours`.
pub async fn add_not_ours(
    State(state): State<AppState>,
    Editor(staff): Editor,
    CsrfForm(form): CsrfForm<NotOursForm>,
) -> Result<Response, ApiError> {
    let language = crate::http::params::required_language(&form.lang)?;
    let question = crate::stats::scrub(form.q.trim());
    if question.trim().is_empty() {
        return Err(ApiError::MissingQuestion);
    }
    let about = {
        let engine = state.live.current();
        let kb = engine.knowledge_base();
        let Some(topic) = kb.out_of_scope().iter().find(|t| t.id == form.topic) else {
            return Err(ApiError::InvalidRequest(format!(
                "out-of-scope.toml has no topic \"{}\"",
                form.topic.chars().take(60).collect::<String>()
            )));
        };
        topic.about.clone()
    };
    let version = state
        .store
        .read(std::path::Path::new(OUT_OF_SCOPE_FILE))
        .map_err(|e| {
            tracing::error!(error = %e, "cannot read out-of-scope.toml");
            ApiError::Internal
        })?
        .map(|s| s.version)
        .unwrap_or_else(|| crate::editing::version_of(None));
    let change = Change::AddDeclinedQuestion {
        topic: form.topic.clone(),
        language,
        question: question.clone(),
    };
    let ui = staff.lang;
    match save_blocking(&state, change, author(&staff), version).await {
        Ok(_) => {
            reload_after_save(&state).await;
            Ok(Html(added_page(&state, &staff, &about, &question, language)?).into_response())
        }
        Err(SaveError::Invalid { problems, .. }) => {
            let body = page(
                &staff,
                Msg::NotOursRefusedTitle.get(ui),
                html! {
                    p.flag.bad role="alert" { (Msg::NotOursRefused.get(ui)) }
                    (problem_list(&problems, ui))
                    p { a href="/admin/files/out-of-scope.toml" { (Msg::NotOursOpenFile.get(ui)) } " · " a href="/admin/unanswered" { (Msg::NotOursBack.get(ui)) } }
                },
            );
            Ok(status_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                "edit_invalid",
                body.into_string(),
            ))
        }
        Err(SaveError::Conflict { .. }) => {
            let body = page(
                &staff,
                Msg::NotOursRefusedTitle.get(ui),
                html! {
                    p.flag.bad role="alert" { (Msg::NotOursConflict.get(ui)) }
                    p { a href="/admin/unanswered" { (Msg::NotOursBack.get(ui)) } }
                },
            );
            Ok(status_page(
                StatusCode::CONFLICT,
                "edit_conflict",
                body.into_string(),
            ))
        }
        Err(other) => Ok(failure_page(&staff, other)),
    }
}

/// The page after the save: what was added where, and what a visitor asking it now gets.
fn added_page(
    state: &AppState,
    staff: &Staff,
    about: &str,
    question: &str,
    language: Language,
) -> Result<String, ApiError> {
    let ui = staff.lang;
    let asked = Question::parse(RawQuestion {
        q: Some(question),
        lang: Some(language.code()),
        ..Default::default()
    })?;
    let reply = state.live.current().ask(&asked).map_err(|e| {
        tracing::error!(error = %e, "the engine failed");
        ApiError::Internal
    })?;
    let declined = reply.kind == ReplyKind::NoAnswer;
    let body = html! {
        p.flag role="status" { (Msg::NotOursAdded.get(ui)) " " strong { (about) } "." }
        p { (Msg::NotOursQuestion.get(ui)) " " q lang=(language.code()) { (visitor_text(question)) } }
        @if declined {
            p { (Msg::NotOursNowDeclined.get(ui)) }
            @if let Some(instead) = &reply.instead { blockquote lang=(language.code()) { (instead) } }
        } @else {
            p.flag.bad { (Msg::NotOursStillAnswered.get(ui)) }
        }
        p { a href="/admin/unanswered" { (Msg::NotOursBack.get(ui)) } }
    };
    Ok(page(staff, Msg::NotOursAddedTitle.get(ui), body).into_string())
}
