//! `GET /admin/unanswered`: the questions the bot declined or answered with low confidence, already
//! scrubbed of personal data, grouped when they are alike (across languages too), with counts and the
//! entry that came closest, so an editor can add a phrasing or a new entry:
//! each group's "add as a phrasing of …" and "new entry from this question" open the editor prefilled
//! with the scrubbed text (`entry_form.rs`).
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

use super::layout::{page, visitor_text};
use super::staff::{PageError, Staff, UNANSWERED};
use crate::http::error::ApiError;
use crate::http::json::AppQuery;
use crate::http::state::AppState;
use crate::stats::{GroupsPage, PageQuery, StatsError, StatsReader};
use crate::text_analysis::Language;

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
    let Some(path) = &state.stats_path else {
        return Ok(None);
    };
    let started = Instant::now();
    let Some(reader) = StatsReader::open(path)? else {
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
        let Some(path) = &state.stats_path else {
            return;
        };
        let until = Instant::now() + CATCH_UP_LIMIT;
        let reader = match StatsReader::open(path)
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
    let days = params.days.unwrap_or(state.config.retention_days).min(3650);
    let since = time::OffsetDateTime::now_utc().date() - time::Duration::days(i64::from(days));
    let page_number = params.page.unwrap_or(1).max(1);
    let task_state = state.clone();
    let task =
        tokio::task::spawn_blocking(move || load(&task_state, since.to_string(), page_number));
    let loaded = match tokio::time::timeout(PAGE_DEADLINE + Duration::from_secs(1), task).await {
        Ok(Ok(loaded)) => loaded,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "the unanswered-questions task failed");
            return Err(ApiError::Internal.into());
        }
        Err(_) => return Err(ApiError::Timeout.into()),
    };
    let groups = match loaded {
        Ok(groups) => groups.unwrap_or(GroupsPage {
            groups: Vec::new(),
            questions: 0,
            total_groups: 0,
            page: 1,
            pages: 1,
            pending: 0,
        }),
        Err(e) if e.is_interrupted() => {
            tracing::warn!("the unanswered questions took too long to read");
            return Err(ApiError::Timeout.into());
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot read the unanswered questions");
            let body = html! { p.flag.bad role="alert" { "The statistics database cannot be read at the moment; the details are in the server log." } };
            return Ok((
                StatusCode::SERVICE_UNAVAILABLE,
                Html(page(&staff, "Unanswered and doubtful questions", body).into_string()),
            )
                .into_response());
        }
    };
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let link = |n: usize| format!("/admin/unanswered?days={days}&page={n}");
    let body = html! {
        p {
            (groups.questions) " questions in the last " (days) " days, in " (groups.total_groups) " groups. "
            "Personal data (e-mail addresses, phone numbers, national register numbers, IBANs, names, street addresses, long numbers) was removed before storage; "
            "questions are deleted after " (state.config.retention_days) " days."
        }
        @if groups.pending > 0 {
            p.flag role="status" { (groups.pending) " newer questions are still being grouped; reload the page in a moment to see them." }
        }
        form method="get" action="/admin/unanswered" {
            label for="days" { "Last days " } input id="days" name="days" type="number" min="1" max="3650" value=(days);
            " " button type="submit" { "Show" }
        }
        @if groups.groups.is_empty() { p.muted { "Nothing to show." } }
        @for (index, group) in groups.groups.iter().enumerate() {
            @let first = &group.members[0];
            h2 { (group.count) " × " (visitor_text(&first.question)) }
            p {
                "Languages: " (group.languages.join(", ")) ". Closest entry: "
                @match kb.entry(&group.closest_entry) {
                    Some(entry) => { code { (entry.id) } " — " (entry.text(Language::En).question) }
                    None => span.muted { "none" },
                }
            }
            table {
                thead { tr { th { "Day" } th { "Lang" } th { "Reply" } th { "Question (scrubbed)" } th.num { "Confidence" } } }
                tbody {
                    @for q in &group.members {
                        tr { td { (q.day) } td { (q.lang) } td { (q.kind) } td lang=(q.lang) { (visitor_text(&q.question)) } td.num { (format!("{:.2}", q.confidence)) } }
                    }
                }
            }
            @if group.count > group.members.len() { p.muted { "… and " (group.count - group.members.len()) " more." } }
            (super::entry_form::unanswered_actions(&staff, kb, &group.closest_entry, &first.question, &first.lang, index))
        }
        @if groups.pages > 1 {
            nav aria-label="Pages" {
                p {
                    "Page " (groups.page) " of " (groups.pages) ". "
                    @if groups.page > 1 { a href=(link(groups.page - 1)) { "Previous page" } " " }
                    @if groups.page < groups.pages { a href=(link(groups.page + 1)) { "Next page" } }
                }
            }
        }
    };
    Ok(Html(page(&staff, "Unanswered and doubtful questions", body).into_string()).into_response())
}
