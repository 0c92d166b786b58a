//! The entry editor: `GET /admin/entry/{theme}/{slug}` shows an entry's French, Dutch and English side
//! by side (each column with its `lang`) with every field of its file; `POST` previews (the answer
//! rendered by the same code that serves answers) or saves through the editors' store. A refused save
//! shows the form again exactly as typed, each problem next to its field (`aria-describedby`); a
//! conflict shows both versions side by side. After a save the engine reloads and the page shows the
//! answer as a visitor sees it, and which of the entry's phrasings and recent unanswered questions now
//! find it. Also creating (`/admin/entries/new`), retiring and signing off an entry, and the
//! "add as a phrasing" draft opened from the unanswered questions. No script: plain forms. Every label,
//! hint, button and notice in the staff member's language (`lang` on the labels inside another
//! language's column); the checker's problems in English.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::editor::{
    author, field_id, problem_list, problems_for, reload_after_save, save_blocking, status_page,
};
use super::guard::{Editor, SignOff};
use super::layout::page;
use super::messages::{
    Msg, audience_label, found_of, language_name, phrasing_added, preview_of, reviewer_label,
    saved_live, saved_revision,
};
use super::staff::Staff;
use crate::answer::{Question, ReplyKind};
use crate::editing::{
    Change, DraftText, EntryDraft, FieldProblem, SaveError, entry_file, line_diff, read_draft,
    version_of,
};
use crate::http::error::ApiError;
use crate::http::json::AppQuery;
use crate::http::state::AppState;
use crate::knowledge_base::{AUDIENCES, KnowledgeBase, REVIEWER_ROLES, Theme, to_safe_html};
use crate::stats::StatsReader;
use crate::text_analysis::Language;

/// What the form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Mode {
    /// An existing entry.
    Edit(String),
    /// A new entry: its theme and slug as typed.
    Create(String, String),
}

/// The form as posted: every field, in order (repeated names for lists).
pub(super) type Posted = Vec<(String, String)>;

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The draft, version and button of a posted entry form.
pub(super) fn read_posted(posted: &Posted) -> (EntryDraft, BTreeMap<String, String>) {
    let mut draft = EntryDraft::default();
    let mut other = BTreeMap::new();
    for (key, value) in posted {
        let value = value.replace("\r\n", "\n");
        match key.as_str() {
            "partner" if !value.trim().is_empty() => draft.partners.push(value.trim().into()),
            "related" if !value.trim().is_empty() => draft.related.push(value.trim().into()),
            "counterpart" => draft.counterpart = value.trim().into(),
            "audience" => draft.audiences.push(value.trim().into()),
            "review.reviewed_on" => draft.reviewed_on = value.trim().into(),
            "review.reviewed_by" => draft.reviewed_by = value.trim().into(),
            "review.time_sensitive" => draft.time_sensitive = true,
            "review.recheck" => draft.recheck = value.trim().into(),
            _ => {
                let column = key
                    .split_once('.')
                    .and_then(|(lang, field)| lang.parse::<Language>().ok().map(|l| (l, field)));
                match column {
                    Some((lang, "question")) => draft.text_mut(lang).question = value.trim().into(),
                    Some((lang, "phrasings")) => draft.text_mut(lang).phrasings = lines(&value),
                    Some((lang, "keywords")) => draft.text_mut(lang).keywords = lines(&value),
                    Some((lang, "answer")) => draft.text_mut(lang).answer = value.trim().into(),
                    _ => {
                        other.insert(key.clone(), value);
                    }
                }
            }
        }
    }
    (draft, other)
}

/// A field's error message element id, when the field has problems.
fn described(problems: &[FieldProblem], field: &str) -> Option<String> {
    problems_for(problems, field)
        .next()
        .map(|_| format!("{}-error", field_id(field)))
}

/// A field's problems. They are the checker's (English, as on the command line: `lang="en"`) but for
/// the short name's, which this page writes in the staff member's language.
fn field_errors(problems: &[FieldProblem], field: &str) -> Markup {
    let mine: Vec<&FieldProblem> = problems_for(problems, field).collect();
    let checker = (field != "slug").then_some("en");
    html! {
        @if !mine.is_empty() {
            ul.field-error id=(format!("{}-error", field_id(field))) lang=[checker] {
                @for p in mine { li { (p.problem.message) } }
            }
        }
    }
}

/// A text field; its label in the page language `ui` (the field may sit in another language's column).
fn text_input(
    problems: &[FieldProblem],
    field: &str,
    label: &str,
    value: &str,
    ui: Language,
) -> Markup {
    let id = field_id(field);
    let invalid = described(problems, field);
    html! {
        label for=(id) lang=(ui.code()) { (label) }
        input id=(id) name=(field) type="text" value=(value) aria-describedby=[invalid.as_deref()] aria-invalid=[invalid.as_ref().map(|_| "true")];
        (field_errors(problems, field))
    }
}

fn textarea(
    problems: &[FieldProblem],
    field: &str,
    label: &str,
    hint: &str,
    rows: usize,
    value: &str,
    ui: Language,
) -> Markup {
    let id = field_id(field);
    let hint_id = format!("{id}-hint");
    let invalid = described(problems, field);
    let describedby = match &invalid {
        Some(e) => format!("{hint_id} {e}"),
        None => hint_id.clone(),
    };
    html! {
        label for=(id) lang=(ui.code()) { (label) }
        span.hint id=(hint_id) lang=(ui.code()) { (hint) }
        textarea id=(id) name=(field) rows=(rows) aria-describedby=(describedby) aria-invalid=[invalid.as_ref().map(|_| "true")] { (value) }
        (field_errors(problems, field))
    }
}

fn column(
    problems: &[FieldProblem],
    language: Language,
    text: &DraftText,
    preview: bool,
    ui: Language,
) -> Markup {
    let code = language.code();
    let f = |name: &str| format!("{code}.{name}");
    html! {
        fieldset.lang-column lang=(code) {
            legend lang=(ui.code()) { (language_name(language, ui)) " (" (code) ")" }
            (field_errors(problems, code))
            (text_input(problems, &f("question"), Msg::FieldQuestion.get(ui), &text.question, ui))
            (textarea(problems, &f("phrasings"), Msg::FieldPhrasings.get(ui), Msg::PhrasingsHint.get(ui), 8, &text.phrasings.join("\n"), ui))
            (textarea(problems, &f("answer"), Msg::FieldAnswer.get(ui), Msg::AnswerHint.get(ui), 10, &text.answer, ui))
            @if preview {
                div.preview role="region" aria-label=(preview_of(language, ui)) {
                    p.muted lang=(ui.code()) { (Msg::PreviewAsWidget.get(ui)) }
                    (PreEscaped(to_safe_html(&text.answer)))
                }
            }
            (textarea(problems, &f("keywords"), Msg::FieldKeywords.get(ui), Msg::KeywordsHint.get(ui), 4, &text.keywords.join("\n"), ui))
        }
    }
}

/// Options for a partner or related-entry choice: `(value, label)`.
fn select(
    name: &str,
    id: &str,
    label: &str,
    options: &[(String, String)],
    chosen: &str,
    describedby: Option<&str>,
    ui: Language,
) -> Markup {
    html! {
        label for=(id) { (label) }
        select id=(id) name=(name) aria-describedby=[describedby] {
            option value="" selected[chosen.is_empty()] { (Msg::NoneOption.get(ui)) }
            @if !chosen.is_empty() && !options.iter().any(|(v, _)| v == chosen) {
                option value=(chosen) selected { (chosen) " " (Msg::UnknownOption.get(ui)) }
            }
            @for (value, text) in options { option value=(value) selected[value == chosen] { (text) } }
        }
    }
}

/// The whole entry form.
pub(super) fn entry_form(
    staff: &Staff,
    kb: &KnowledgeBase,
    mode: &Mode,
    draft: &EntryDraft,
    version: &str,
    problems: &[FieldProblem],
    preview: bool,
) -> Markup {
    let action = match mode {
        Mode::Edit(id) => format!("/admin/entry/{id}"),
        Mode::Create(..) => "/admin/entries/new".to_string(),
    };
    let partners: Vec<(String, String)> = kb
        .partners()
        .values()
        .map(|p| {
            (
                p.id.clone(),
                format!("{} ({})", p.text(Language::Fr).name, p.id),
            )
        })
        .collect();
    let entries: Vec<(String, String)> = kb
        .entries()
        .iter()
        .filter(|e| !matches!(mode, Mode::Edit(id) if *id == e.id))
        .map(|e| {
            (
                e.id.clone(),
                format!("{} ({})", e.text(Language::Fr).question, e.id),
            )
        })
        .collect();
    let partner_slots = (draft.partners.len() + 2).max(4);
    let related_slots = (draft.related.len() + 2).max(4);
    let partners_error = described(problems, "partners");
    let related_error = described(problems, "related");
    let counterpart_error = described(problems, "counterpart");
    let ui = staff.lang;
    html! {
        form method="post" action=(action) novalidate {
            input type="hidden" name="csrf" value=(staff.csrf_token());
            input type="hidden" name="version" value=(version);
            @if let Mode::Create(theme, slug) = mode {
                fieldset {
                    legend { (Msg::NewEntry.get(ui)) }
                    label for="theme" { (Msg::ThemeLabel.get(ui)) }
                    select id="theme" name="theme" {
                        @for t in Theme::ALL { option value=(t.slug()) selected[theme == t.slug()] { (kb.site().theme(t, Language::Fr).label) " (" (t.slug()) ")" } }
                    }
                    (text_input(problems, "slug", Msg::ShortName.get(ui), slug, ui))
                }
            }
            fieldset {
                legend { (Msg::LegendReferral.get(ui)) }
                p.hint id="partners-hint" { (Msg::PartnersHint.get(ui)) }
                @for i in 0..partner_slots {
                    div.slot { (select("partner", &format!("partner-{i}"), &format!("{} {}", Msg::PartnerN.get(ui), i + 1), &partners, draft.partners.get(i).map(String::as_str).unwrap_or(""), partners_error.as_deref().or(Some("partners-hint")), ui)) }
                }
                (field_errors(problems, "partners"))
                p.hint { (Msg::RelatedHint.get(ui)) }
                @for i in 0..related_slots {
                    div.slot { (select("related", &format!("related-{i}"), &format!("{} {}", Msg::RelatedN.get(ui), i + 1), &entries, draft.related.get(i).map(String::as_str).unwrap_or(""), related_error.as_deref(), ui)) }
                }
                (field_errors(problems, "related"))
                p.hint id="counterpart-hint" { (Msg::CounterpartHint.get(ui)) }
                div.slot { (select("counterpart", "counterpart", Msg::Counterpart.get(ui), &entries, &draft.counterpart, counterpart_error.as_deref().or(Some("counterpart-hint")), ui)) }
                (field_errors(problems, "counterpart"))
            }
            fieldset {
                legend { (Msg::LegendAudiences.get(ui)) }
                @for a in AUDIENCES {
                    span.check { input type="checkbox" id=(format!("audience-{a}")) name="audience" value=(a) checked[draft.audiences.iter().any(|x| x == a)]; label for=(format!("audience-{a}")) { (audience_label(a, ui)) } }
                }
                (field_errors(problems, "audiences"))
            }
            div.columns {
                @for language in kb.site().languages().iter() { (column(problems, language, draft.text(language), preview, ui)) }
            }
            fieldset {
                legend { (Msg::LegendReview.get(ui)) }
                @let on_error = described(problems, "review.reviewed_on");
                label for="review-reviewed_on" { (Msg::LastReviewedOn.get(ui)) }
                input id="review-reviewed_on" name="review.reviewed_on" type="date" value=(draft.reviewed_on) aria-describedby=[on_error.as_deref()] aria-invalid=[on_error.as_ref().map(|_| "true")];
                (field_errors(problems, "review.reviewed_on"))
                @let by_error = described(problems, "review.reviewed_by");
                label for="review-reviewed_by" { (Msg::ReviewedByRole.get(ui)) }
                select id="review-reviewed_by" name="review.reviewed_by" aria-describedby=[by_error.as_deref()] {
                    @for r in REVIEWER_ROLES { option value=(r) selected[draft.reviewed_by == *r] { (reviewer_label(r, ui)) } }
                }
                (field_errors(problems, "review.reviewed_by"))
                span.check { input type="checkbox" id="review-time_sensitive" name="review.time_sensitive" value="true" checked[draft.time_sensitive]; label for="review-time_sensitive" { (Msg::TimeSensitiveBox.get(ui)) } }
                (text_input(problems, "review.recheck", Msg::WhatToRecheck.get(ui), &draft.recheck, ui))
                (field_errors(problems, "review"))
            }
            div.actions {
                button type="submit" name="action" value="preview" { (Msg::PreviewButton.get(ui)) }
                " "
                button type="submit" name="action" value="save" { @if matches!(mode, Mode::Create(..)) { (Msg::CreateEntry.get(ui)) } @else { (Msg::SaveAndPublish.get(ui)) } }
            }
        }
    }
}

/// The page around the form, with the problems listed first.
fn form_page(
    staff: &Staff,
    title: &str,
    problems: &[FieldProblem],
    notice: Markup,
    form: Markup,
) -> String {
    page(
        staff,
        title,
        html! {
            (notice)
            (problem_list(problems, staff.lang))
            (form)
        },
    )
    .into_string()
}

fn current_kb(state: &AppState) -> std::sync::Arc<crate::engine::Engine> {
    state.live.current()
}

/// `?saved=` after a save.
#[derive(Debug, Deserialize)]
pub struct EditParams {
    saved: Option<i64>,
}

/// `GET /admin/entry/{theme}/{slug}`.
pub async fn edit_entry(
    State(state): State<AppState>,
    Editor(staff): Editor,
    Path((theme, slug)): Path<(String, String)>,
    AppQuery(params): AppQuery<EditParams>,
) -> Result<Response, ApiError> {
    let id = format!("{theme}/{slug}");
    let Some(snapshot) = state.store.read(&entry_file(&id)).map_err(internal)? else {
        return Err(ApiError::UnknownEntry(id));
    };
    let engine = current_kb(&state);
    let kb = engine.knowledge_base();
    let draft = match read_draft(&snapshot.text) {
        Ok(d) => EntryDraft {
            unserved: EntryDraft::unserved_by(kb.site().languages()),
            ..d
        },
        Err(_) => return Ok(Redirect::to(&format!("/admin/files/{id}.toml")).into_response()),
    };
    let notice = match params.saved {
        Some(revision) => saved_notice(&state, &id, revision, staff.lang),
        None => html! {},
    };
    let form = entry_form(
        &staff,
        kb,
        &Mode::Edit(id.clone()),
        &draft,
        &snapshot.version,
        &[],
        false,
    );
    let links = entry_links(&staff, &id, &snapshot.version);
    let title = kb
        .entry(&id)
        .map(|e| e.text(Language::Fr).question.clone())
        .unwrap_or(id.clone());
    Ok(Html(form_page(
        &staff,
        &title,
        &[],
        html! { p.muted { code { (id) } } (links) (notice) },
        form,
    ))
    .into_response())
}

fn entry_links(staff: &Staff, id: &str, version: &str) -> Markup {
    let lang = staff.lang;
    html! {
        p {
            a href=(format!("/admin/entry/{id}/history")) { (Msg::EntryHistoryLink.get(lang)) }
            " · "
            a href=(format!("/admin/files/{id}.toml")) { (Msg::EditWholeFile.get(lang)) }
        }
        details {
            summary { (Msg::SignOffOrRetire.get(lang)) }
            form.inline method="post" action=(format!("/admin/entry/{id}/sign-off")) {
                input type="hidden" name="csrf" value=(staff.csrf_token());
                input type="hidden" name="version" value=(version);
                input type="hidden" name="back" value=(format!("/admin/entry/{id}"));
                button type="submit" { (Msg::SignOffButton.get(lang)) }
            }
            form.inline method="post" action=(format!("/admin/entry/{id}/retire")) {
                input type="hidden" name="csrf" value=(staff.csrf_token());
                input type="hidden" name="version" value=(version);
                button.danger type="submit" { (Msg::RetireButton.get(lang)) }
            }
        }
    }
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    tracing::error!(error = %e, "editors' store failure");
    ApiError::Internal
}

/// "Saved and live", the answer as a visitor sees it, and the test console in place, in `ui`.
fn saved_notice(state: &AppState, id: &str, revision: i64, ui: Language) -> Markup {
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let Some(entry) = kb.entry(id) else {
        return html! { p.flag role="status" { (saved_revision(revision, ui)) } };
    };
    let git = state
        .store
        .revision(revision)
        .ok()
        .flatten()
        .map(|r| r.git)
        .unwrap_or_default();
    // The entry's own phrasings, then the recent unanswered questions that came closest to it.
    let mut checks: Vec<(Language, String, Msg)> = Vec::new();
    for language in kb.site().languages().iter() {
        let text = entry.text(language);
        for p in std::iter::once(&text.question).chain(&text.phrasings) {
            checks.push((language, p.clone(), Msg::CheckPhrasing));
        }
    }
    if let Some(location) = &state.stats_at
        && let Ok(Some(reader)) = StatsReader::open_at(location)
    {
        let since = time::OffsetDateTime::now_utc().date()
            - time::Duration::days(i64::from(state.config.retention_days));
        if let Ok(questions) = reader.unanswered(since, 2_000) {
            for q in questions.iter().filter(|q| q.closest_entry == id).take(10) {
                let lang = q.lang.parse().unwrap_or(Language::Fr);
                checks.push((lang, q.question.clone(), Msg::CheckUnanswered));
            }
        }
    }
    let results: Vec<(Language, String, Msg, Msg, Option<String>)> = checks
        .into_iter()
        .map(|(lang, text, kind)| {
            let reply = engine.ask(&Question::new(&text).with_page_lang(Some(lang)));
            let (verdict, found) = match reply {
                Ok(r)
                    if r.kind == ReplyKind::Answer
                        && r.answers.first().is_some_and(|a| a.id == id) =>
                {
                    (Msg::VerdictFinds, None)
                }
                Ok(r) if r.kind == ReplyKind::Clarify && r.answers.iter().any(|a| a.id == id) => {
                    (Msg::VerdictAmong, None)
                }
                Ok(r) => (
                    Msg::VerdictOther,
                    r.answers
                        .first()
                        .map(|a| a.id.clone())
                        .or(Some(r.kind.as_str().to_string())),
                ),
                Err(_) => (Msg::VerdictUnchecked, None),
            };
            (lang, text, kind, verdict, found)
        })
        .collect();
    let found = results.iter().filter(|r| r.3 == Msg::VerdictFinds).count();
    html! {
        section.saved role="status" aria-labelledby="saved-title" {
            h2 id="saved-title" { (saved_live(revision, ui)) }
            @if git.starts_with("git failed") { p.flag.bad { (Msg::GitFailed.get(ui)) " " (git) } }
            @else if !git.is_empty() { p.muted { (Msg::GitCommit.get(ui)) " " code { (git.chars().take(12).collect::<String>()) } } }
            p { (Msg::AsVisitorSees.get(ui)) }
            div.columns {
                @for language in kb.site().languages().iter() {
                    div.visitor lang=(language.code()) {
                        p { strong { (entry.text(language).question) } }
                        (PreEscaped(entry.text(language).answer_html.clone()))
                    }
                }
            }
            details {
                summary { (found_of(found, results.len(), ui)) }
                table {
                    thead { tr { th { (Msg::ColQuestion.get(ui)) } th { (Msg::ColWhat.get(ui)) } th { (Msg::ColResult.get(ui)) } } }
                    tbody {
                        @for (lang, text, kind, verdict, other) in &results {
                            tr {
                                td lang=(lang.code()) { (text) }
                                td { (kind.get(ui)) }
                                td { @if *verdict == Msg::VerdictFinds { span.ok { (verdict.get(ui)) } } @else { span.flag { (verdict.get(ui)) @if let Some(o) = other { ": " code { (o) } } } } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Runs a save, and answers with the redirect, the form with its problems, or the conflict page.
async fn save_and_answer(
    state: &AppState,
    staff: &Staff,
    change: Change,
    mode: Mode,
    draft: EntryDraft,
    title: &str,
    version: String,
) -> Response {
    let engine = state.live.current();
    match save_blocking(state, change, author(staff), version).await {
        Ok(saved) => {
            reload_after_save(state).await;
            let id = saved
                .file
                .to_string_lossy()
                .trim_end_matches(".toml")
                .to_string();
            let target = match saved.revision {
                Some(r) => format!("/admin/entry/{id}?saved={r}"),
                None => format!("/admin/entry/{id}"),
            };
            Redirect::to(&target).into_response()
        }
        Err(SaveError::Invalid { problems, .. }) => {
            let version = match &mode {
                Mode::Edit(id) => state
                    .store
                    .read(&entry_file(id))
                    .ok()
                    .flatten()
                    .map(|s| s.version)
                    .unwrap_or_default(),
                Mode::Create(..) => version_of(None),
            };
            let form = entry_form(
                staff,
                engine.knowledge_base(),
                &mode,
                &draft,
                &version,
                &problems,
                true,
            );
            let notice = html! { p.flag.bad role="alert" { (Msg::FixProblems.get(staff.lang)) } };
            status_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                "edit_invalid",
                form_page(staff, title, &problems, notice, form),
            )
        }
        Err(SaveError::Conflict { current, proposed }) => {
            let current_text = current.as_ref().map(|c| c.text.clone());
            let version = current
                .as_ref()
                .map(|c| c.version.clone())
                .unwrap_or_else(|| version_of(None));
            let file = match &mode {
                Mode::Edit(id) => entry_file(id),
                Mode::Create(t, s) => format!("{t}/{s}.toml").into(),
            };
            let diff = line_diff(&file, current_text.as_deref(), proposed.as_deref());
            let lang = staff.lang;
            let notice = html! {
                p.flag.bad role="alert" { (Msg::EntryConflict.get(lang)) }
                div.columns {
                    div { h2 { (Msg::NowInFile.get(lang)) } pre { (current_text.unwrap_or_else(|| Msg::FileRemoved.get(lang).into())) } }
                    div { h2 { (Msg::YourVersion.get(lang)) } pre { (proposed.unwrap_or_default()) } }
                }
                details { summary { (Msg::Differences.get(lang)) } pre { (diff) } }
            };
            let form = entry_form(
                staff,
                engine.knowledge_base(),
                &mode,
                &draft,
                &version,
                &[],
                false,
            );
            status_page(
                StatusCode::CONFLICT,
                "edit_conflict",
                form_page(staff, title, &[], notice, form),
            )
        }
        Err(SaveError::AlreadyExists(file)) => {
            let problems = vec![FieldProblem {
                problem: crate::knowledge_base::Problem::error(
                    &file,
                    None,
                    Msg::SlugTaken.get(staff.lang),
                ),
                field: Some("slug".into()),
            }];
            let form = entry_form(
                staff,
                engine.knowledge_base(),
                &mode,
                &draft,
                &version_of(None),
                &problems,
                false,
            );
            status_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                "edit_invalid",
                form_page(staff, title, &problems, html! {}, form),
            )
        }
        Err(e) => super::editor::failure_page(staff, e),
    }
}

/// `POST /admin/entry/{theme}/{slug}`: preview or save.
pub async fn save_entry(
    State(state): State<AppState>,
    Editor(staff): Editor,
    Path((theme, slug)): Path<(String, String)>,
    CsrfForm(posted): CsrfForm<Posted>,
) -> Response {
    let id = format!("{theme}/{slug}");
    let engine = state.live.current();
    let (mut draft, other) = read_posted(&posted);
    draft.unserved = EntryDraft::unserved_by(engine.knowledge_base().site().languages());
    let version = other.get("version").cloned().unwrap_or_default();
    let title = engine
        .knowledge_base()
        .entry(&id)
        .map(|e| e.text(Language::Fr).question.clone())
        .unwrap_or_else(|| id.clone());
    if other.get("action").map(String::as_str) != Some("save") {
        let form = entry_form(
            &staff,
            engine.knowledge_base(),
            &Mode::Edit(id.clone()),
            &draft,
            &version,
            &[],
            true,
        );
        let notice = html! { p.flag role="status" { (Msg::PreviewOnly.get(staff.lang)) } };
        return Html(form_page(&staff, &title, &[], notice, form)).into_response();
    }
    let change = Change::UpdateEntry {
        id: id.clone(),
        draft: draft.clone(),
    };
    save_and_answer(
        &state,
        &staff,
        change,
        Mode::Edit(id),
        draft,
        &title,
        version,
    )
    .await
}

/// `GET /admin/entries/new`.
pub async fn new_entry_form(State(state): State<AppState>, Editor(staff): Editor) -> Html<String> {
    let engine = state.live.current();
    let draft = EntryDraft {
        unserved: EntryDraft::unserved_by(engine.knowledge_base().site().languages()),
        reviewed_on: time::OffsetDateTime::now_utc().date().to_string(),
        reviewed_by: "content-editor".into(),
        audiences: vec!["everyone".into()],
        ..Default::default()
    };
    let form = entry_form(
        &staff,
        engine.knowledge_base(),
        &Mode::Create("work".into(), String::new()),
        &draft,
        &version_of(None),
        &[],
        false,
    );
    Html(form_page(
        &staff,
        Msg::NewEntry.get(staff.lang),
        &[],
        html! {},
        form,
    ))
}

/// `POST /admin/entries/new`: prefill (from an unanswered question), preview or create.
pub async fn create_entry(
    State(state): State<AppState>,
    Editor(staff): Editor,
    CsrfForm(posted): CsrfForm<Posted>,
) -> Response {
    let engine = state.live.current();
    let (mut draft, other) = read_posted(&posted);
    draft.unserved = EntryDraft::unserved_by(engine.knowledge_base().site().languages());
    let theme = other.get("theme").cloned().unwrap_or_else(|| "work".into());
    let slug = other
        .get("slug")
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    let mode = Mode::Create(theme.clone(), slug.clone());
    let new_entry = Msg::NewEntry.get(staff.lang);
    match other.get("action").map(String::as_str) {
        Some("save") => {
            let Ok(theme_value) = theme.parse::<Theme>() else {
                return ApiError::UnknownTheme(theme).into_response();
            };
            if !is_slug(&slug) {
                let problems = vec![FieldProblem {
                    problem: crate::knowledge_base::Problem::error(
                        format!("{theme}/{slug}.toml"),
                        None,
                        Msg::SlugInvalid.get(staff.lang),
                    ),
                    field: Some("slug".into()),
                }];
                let form = entry_form(
                    &staff,
                    engine.knowledge_base(),
                    &mode,
                    &draft,
                    &version_of(None),
                    &problems,
                    false,
                );
                return status_page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "edit_invalid",
                    form_page(&staff, new_entry, &problems, html! {}, form),
                );
            }
            let change = Change::CreateEntry {
                theme: theme_value,
                slug,
                draft: draft.clone(),
            };
            save_and_answer(
                &state,
                &staff,
                change,
                mode,
                draft,
                new_entry,
                version_of(None),
            )
            .await
        }
        Some("prefill") => {
            // From an unanswered question: its (scrubbed) text as the question of its language.
            if let (Some(q), Some(lang)) = (
                other.get("q"),
                other.get("lang").and_then(|l| l.parse::<Language>().ok()),
            ) {
                draft.text_mut(lang).question = q.trim().to_string();
                draft.text_mut(lang).phrasings = vec![q.trim().to_string()];
            }
            if draft.reviewed_on.is_empty() {
                draft.reviewed_on = time::OffsetDateTime::now_utc().date().to_string();
                draft.reviewed_by = "content-editor".into();
            }
            let form = entry_form(
                &staff,
                engine.knowledge_base(),
                &mode,
                &draft,
                &version_of(None),
                &[],
                false,
            );
            let notice = html! { p.flag role="status" { (Msg::PrefillNotice.get(staff.lang)) } };
            Html(form_page(&staff, new_entry, &[], notice, form)).into_response()
        }
        _ => {
            let form = entry_form(
                &staff,
                engine.knowledge_base(),
                &mode,
                &draft,
                &version_of(None),
                &[],
                true,
            );
            let notice = html! { p.flag role="status" { (Msg::PreviewOnly.get(staff.lang)) } };
            Html(form_page(&staff, new_entry, &[], notice, form)).into_response()
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The form of the "add as a phrasing" button of `/admin/unanswered`.
#[derive(Debug, Deserialize)]
pub struct PhrasingDraft {
    entry: String,
    lang: String,
    q: String,
}

/// `POST /admin/entries/add-phrasing`: opens the entry's editor with the (scrubbed) question added as a
/// phrasing of its language; nothing is saved until the editor saves.
pub async fn add_phrasing(
    State(state): State<AppState>,
    Editor(staff): Editor,
    CsrfForm(form): CsrfForm<PhrasingDraft>,
) -> Result<Response, ApiError> {
    let language = crate::http::params::required_language(&form.lang)?;
    let Some(snapshot) = state
        .store
        .read(&entry_file(&form.entry))
        .map_err(internal)?
    else {
        return Err(ApiError::UnknownEntry(form.entry));
    };
    let mut draft =
        read_draft(&snapshot.text).map_err(|_| ApiError::UnknownEntry(form.entry.clone()))?;
    let q = form.q.trim().to_string();
    if !q.is_empty() && !draft.text(language).phrasings.contains(&q) {
        draft.text_mut(language).phrasings.push(q);
    }
    let engine = state.live.current();
    let form_markup = entry_form(
        &staff,
        engine.knowledge_base(),
        &Mode::Edit(form.entry.clone()),
        &draft,
        &snapshot.version,
        &[],
        false,
    );
    let notice = html! { p.flag role="status" { (phrasing_added(language, staff.lang)) } };
    Ok(Html(form_page(&staff, &form.entry, &[], notice, form_markup)).into_response())
}

/// The two buttons of a group of `/admin/unanswered`: "add as a phrasing of" (the closest entry
/// pre-selected, the question's language pre-selected) and "new entry from this question". Both carry
/// the scrubbed text only (the statistics never keep anything else).
pub(super) fn unanswered_actions(
    staff: &Staff,
    kb: &KnowledgeBase,
    closest: &str,
    scrubbed: &str,
    lang: &str,
    index: usize,
) -> Markup {
    let ui = staff.lang;
    html! {
        div.actions {
            form.inline method="post" action="/admin/entries/add-phrasing" {
                input type="hidden" name="csrf" value=(staff.csrf_token());
                input type="hidden" name="q" value=(scrubbed);
                label for=(format!("entry-{index}")) { (Msg::AddAsPhrasingOf.get(ui)) " " }
                select id=(format!("entry-{index}")) name="entry" {
                    @for e in kb.entries() { option value=(e.id) selected[e.id == closest] { (e.text(Language::Fr).question) " (" (e.id) ")" } }
                }
                label for=(format!("lang-{index}")) { " " (Msg::InLanguage.get(ui)) " " }
                select id=(format!("lang-{index}")) name="lang" {
                    @for l in Language::ALL { option value=(l.code()) selected[l.code() == lang] { (language_name(l, ui)) } }
                }
                " " button type="submit" { (Msg::AddAsPhrasing.get(ui)) }
            }
            form.inline method="post" action="/admin/entries/new" {
                input type="hidden" name="csrf" value=(staff.csrf_token());
                input type="hidden" name="q" value=(scrubbed);
                input type="hidden" name="lang" value=(lang);
                button type="submit" name="action" value="prefill" { (Msg::NewEntryFromQuestion.get(ui)) }
            }
        }
    }
}

/// A form with the file's version (sign-off, retire).
#[derive(Debug, Deserialize)]
pub struct VersionForm {
    version: String,
    back: Option<String>,
}

/// `POST /admin/entry/{theme}/{slug}/sign-off`: "partners checked".
pub async fn sign_off_entry(
    State(state): State<AppState>,
    SignOff(staff): SignOff,
    Path((theme, slug)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<VersionForm>,
) -> Response {
    let id = format!("{theme}/{slug}");
    let on = time::OffsetDateTime::now_utc().date();
    let change = Change::SignOff { id: id.clone(), on };
    let back = form
        .back
        .filter(|b| (b.starts_with("/review") || b.starts_with("/admin/")) && !b.starts_with("//"))
        .unwrap_or_else(|| "/review".into());
    match save_blocking(&state, change, author(&staff), form.version).await {
        Ok(_) => {
            reload_after_save(&state).await;
            Redirect::to(&back).into_response()
        }
        Err(e) => super::editor::refused_page(&staff, &id, e),
    }
}

/// `POST /admin/entry/{theme}/{slug}/retire`.
pub async fn retire_entry(
    State(state): State<AppState>,
    Editor(staff): Editor,
    Path((theme, slug)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<VersionForm>,
) -> Response {
    let id = format!("{theme}/{slug}");
    let change = Change::RetireEntry { id: id.clone() };
    match save_blocking(&state, change, author(&staff), form.version).await {
        Ok(_) => {
            reload_after_save(&state).await;
            Redirect::to("/admin/entries").into_response()
        }
        Err(e) => super::editor::refused_page(&staff, &id, e),
    }
}

#[cfg(test)]
mod tests {
    //! Properties: a posted form reads back into the draft it was rendered from (lists in order,
    //! unchecked boxes off), whatever the line endings.
    use super::*;

    #[test]
    fn posted_fields_become_a_draft() {
        let posted: Posted = vec![
            ("version".into(), "abc".into()),
            ("partner".into(), "actiris".into()),
            ("partner".into(), "".into()),
            ("partner".into(), "vdab".into()),
            ("audience".into(), "job-seekers".into()),
            ("fr.question".into(), " Comment ? ".into()),
            ("fr.phrasings".into(), "un\r\n\r\ndeux\r\n".into()),
            ("en.answer".into(), "Line\r\nnext".into()),
            ("review.reviewed_on".into(), "2026-12-01".into()),
            ("action".into(), "save".into()),
        ];
        let (draft, other) = read_posted(&posted);
        assert_eq!(draft.partners, ["actiris", "vdab"]);
        assert_eq!(draft.audiences, ["job-seekers"]);
        assert_eq!(draft.text(Language::Fr).question, "Comment ?");
        assert_eq!(draft.text(Language::Fr).phrasings, ["un", "deux"]);
        assert_eq!(draft.text(Language::En).answer, "Line\nnext");
        assert!(!draft.time_sensitive);
        assert_eq!(other["version"], "abc");
        assert_eq!(other["action"], "save");
    }
}
