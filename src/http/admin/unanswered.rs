//! `GET /admin/unanswered`: the questions the bot declined or answered with low confidence, already
//! scrubbed of personal data, grouped when they are alike (across languages too), with counts and the
//! entry that came closest, so an editor can add a phrasing or a new entry:
//! each group's "add as a phrasing of …" and "new entry from this question" open the editor prefilled
//! with the scrubbed text (`entry_form.rs`), and "not ours" adds it to the bank of questions declined on
//! purpose (`not_ours.rs`), the topic that came closest pre-selected.
//!
//! Visitors decide how many such questions are stored, so the page's cost must not follow them: the
//! grouping is kept between loads (`stats::GroupingCache`: each load only groups the questions added
//! since), it runs on the blocking pool with a time budget ([`GROUPING_BUDGET`]; what is left waits for
//! the next load and the page says so, while the rest is grouped in the background in short slices),
//! the database queries are interrupted at [`PAGE_DEADLINE`], and the page shows [`GROUPS_PER_PAGE`]
//! groups at a time.

use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::guard::EDITING;
use super::layout::{page, visitor_text};
use super::messages::{self, Msg};
use super::not_ours::not_ours_form;
use super::staff::{PageError, Staff, UNANSWERED};
use crate::answer::{Question, RawQuestion};
use crate::http::error::ApiError;
use crate::http::json::AppQuery;
use crate::http::state::AppState;
use crate::stats::{GroupsPage, PageQuery, StatsError, StatsReader};

/// `?days=` (default: the retention period) and `?page=` (from 1).
#[derive(Debug, Deserialize)]
pub struct UnansweredParams {
    days: Option<u32>,
    page: Option<usize>,
}

/// Groups shown on one page.
pub const GROUPS_PER_PAGE: usize = 50;
/// Questions shown per group (the newest).
const MEMBERS_SHOWN: usize = 20;
/// Time one load may spend grouping newly stored questions.
pub const GROUPING_BUDGET: Duration = Duration::from_secs(2);
/// Database queries still running after this are interrupted, and the page answers `timeout`.
pub const PAGE_DEADLINE: Duration = Duration::from_secs(5);

/// Reads and groups, on a blocking thread.
fn load(
    state: &AppState,
    since: String,
    page_number: usize,
) -> Result<Option<GroupsPage>, StatsError> {
    let Some(location) = &state.stats_at else {
        return Ok(None);
    };
    let started = Instant::now();
    let Some(reader) = StatsReader::open_at(location)? else {
        return Ok(None);
    };
    let reader = reader.with_deadline(started + PAGE_DEADLINE)?;
    let engine = state.live.current();
    let page = state.stats.groups().page(
        &reader,
        engine.index().analyzers(),
        engine.knowledge_base().version(),
        started + GROUPING_BUDGET,
        PageQuery {
            since: &since,
            page: page_number,
            per_page: GROUPS_PER_PAGE,
            members_shown: MEMBERS_SHOWN,
        },
    )?;
    if page.pending > 0 {
        catch_up_later(state);
    }
    Ok(Some(page))
}

/// Slices of background grouping (see `GroupingCache::catch_up`).
const CATCH_UP_SLICE: Duration = Duration::from_millis(200);
/// Background grouping stops after this, caught up or not (the next page load goes on).
const CATCH_UP_LIMIT: Duration = Duration::from_secs(120);

/// Groups the waiting questions on the blocking pool, after the page was answered.
fn catch_up_later(state: &AppState) {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let Some(location) = &state.stats_at else {
            return;
        };
        let until = Instant::now() + CATCH_UP_LIMIT;
        let reader = match StatsReader::open_at(location)
            .and_then(|r| r.map(|r| r.with_deadline(until)).transpose())
        {
            Ok(Some(reader)) => reader,
            Ok(None) => return,
            Err(e) => {
                tracing::warn!(error = %e, "cannot group the unanswered questions in the background");
                return;
            }
        };
        let engine = state.live.current();
        if let Err(e) = state.stats.groups().catch_up(
            &reader,
            engine.index().analyzers(),
            engine.knowledge_base().version(),
            CATCH_UP_SLICE,
            until,
        ) {
            tracing::warn!(error = %e, "cannot group the unanswered questions in the background");
        }
    });
}

/// `GET /admin/unanswered`.
pub async fn unanswered(
    State(state): State<AppState>,
    staff: Staff,
    AppQuery(params): AppQuery<UnansweredParams>,
) -> Result<Response, PageError> {
    staff.require_any(UNANSWERED)?;
    let ui = staff.lang;
    let days = params.days.unwrap_or(state.config.retention_days).min(3650);
    let since = time::OffsetDateTime::now_utc().date() - time::Duration::days(i64::from(days));
    let page_number = params.page.unwrap_or(1).max(1);
    let editor = staff.may(EDITING);
    let task_state = state.clone();
    // The closest bank topics ("not ours") are asked of the engine here too, off the async workers.
    let task = tokio::task::spawn_blocking(move || {
        load(&task_state, since.to_string(), page_number).map(|page| {
            page.map(|page| {
                let topics = if editor {
                    closest_topics(&task_state, &page)
                } else {
                    Vec::new()
                };
                (page, topics)
            })
        })
    });
    let loaded = match tokio::time::timeout(PAGE_DEADLINE + Duration::from_secs(1), task).await {
        Ok(Ok(loaded)) => loaded,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "the unanswered-questions task failed");
            return Err(ApiError::Internal.into());
        }
        Err(_) => return Err(ApiError::Timeout.into()),
    };
    let (groups, topics) = match loaded {
        Ok(loaded) => loaded.unwrap_or_else(|| {
            let empty = GroupsPage {
                groups: Vec::new(),
                questions: 0,
                total_groups: 0,
                page: 1,
                pages: 1,
                pending: 0,
            };
            (empty, Vec::new())
        }),
        Err(e) if e.is_interrupted() => {
            tracing::warn!("the unanswered questions took too long to read");
            return Err(ApiError::Timeout.into());
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot read the unanswered questions");
            let body = html! { p.flag.bad role="alert" { (Msg::UnansweredUnreadable.get(ui)) } };
            return Ok((
                StatusCode::SERVICE_UNAVAILABLE,
                Html(page(&staff, Msg::UnansweredTitle.get(ui), body).into_string()),
            )
                .into_response());
        }
    };
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let link = |n: usize| format!("/admin/unanswered?days={days}&page={n}");
    let body = html! {
        p {
            (groups.questions) " " (Msg::UnansweredQuestionsIn.get(ui)) " " (days) " " (Msg::UnansweredDaysIn.get(ui)) " "
            (groups.total_groups) " " (Msg::UnansweredGroups.get(ui)) " "
            (Msg::UnansweredScrubbed.get(ui)) " " (state.config.retention_days) "."
        }
        @if groups.pending > 0 {
            p.flag role="status" { (groups.pending) " " (Msg::UnansweredPending.get(ui)) }
        }
        form method="get" action="/admin/unanswered" {
            label for="days" { (Msg::UnansweredLastDays.get(ui)) " " } input id="days" name="days" type="number" min="1" max="3650" value=(days);
            " " button type="submit" { (Msg::UnansweredShow.get(ui)) }
        }
        @if groups.groups.is_empty() { p.muted { (Msg::UnansweredNothing.get(ui)) } }
        @for (index, group) in groups.groups.iter().enumerate() {
            @let first = &group.members[0];
            h2 lang=(first.lang) { (group.count) " × " (visitor_text(&first.question)) }
            p {
                (Msg::UnansweredLanguages.get(ui)) " " (group.languages.join(", ")) ". " (Msg::UnansweredClosest.get(ui)) " "
                @match kb.entry(&group.closest_entry) {
                    Some(entry) => { (entry.text(ui).question) " " span.muted { "(" code { (entry.id) } ")" } }
                    None => span.muted { (Msg::UnansweredNone.get(ui)) },
                }
            }
            table {
                thead { tr { th { (Msg::UnansweredDay.get(ui)) } th { (Msg::UnansweredLang.get(ui)) } th { (Msg::UnansweredReply.get(ui)) } th { (Msg::UnansweredQuestion.get(ui)) } th.num { (Msg::UnansweredConfidence.get(ui)) } } }
                tbody {
                    @for q in &group.members {
                        tr { td { (q.day) } td { (q.lang) } td { (q.kind) } td lang=(q.lang) { (visitor_text(&q.question)) } td.num { (format!("{:.2}", q.confidence)) } }
                    }
                }
            }
            @if group.count > group.members.len() { p.muted { (Msg::UnansweredAndMore.get(ui)) " " (group.count - group.members.len()) " " (Msg::UnansweredMore.get(ui)) } }
            @if editor {
                (super::entry_form::unanswered_actions(&staff, kb, &group.closest_entry, &first.question, &first.lang, index))
                (not_ours_form(&staff, kb, topics.get(index).and_then(Option::as_deref), &first.question, &first.lang, index))
            }
        }
        @if groups.pages > 1 {
            nav aria-label=(Msg::PagingLabel.get(ui)) {
                p {
                    (messages::page_number(groups.page, groups.pages, ui)) ". "
                    @if groups.page > 1 { a href=(link(groups.page - 1)) rel="prev" { (Msg::Previous.get(ui)) } " " }
                    @if groups.page < groups.pages { a href=(link(groups.page + 1)) rel="next" { (Msg::Next.get(ui)) } }
                }
            }
        }
    };
    Ok(Html(page(&staff, Msg::UnansweredTitle.get(ui), body).into_string()).into_response())
}

/// For each group of `page`, the id of the bank topic whose declined question comes closest to the
/// group's newest question (none when no bank question shares a word with it, or without a bank).
fn closest_topics(state: &AppState, page: &GroupsPage) -> Vec<Option<String>> {
    let engine = state.live.current();
    if engine.knowledge_base().out_of_scope().is_empty() {
        return Vec::new();
    }
    page.groups
        .iter()
        .map(|group| {
            let first = &group.members[0];
            let asked = Question::parse(RawQuestion {
                q: Some(&first.question),
                lang: Some(&first.lang),
                ..Default::default()
            })
            .ok()?
            .with_explain(true);
            engine.ask(&asked).ok()?.explain?.not_ours_topic
        })
        .collect()
}
