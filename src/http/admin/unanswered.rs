//! `GET /admin/unanswered`: the questions the bot declined or answered with low confidence, already
//! scrubbed of personal data, grouped when they are alike (across languages too), with counts and the
//! entry that came closest, so an editor can add a phrasing or a new entry.

use axum::extract::State;
use axum::response::Html;
use maud::html;
use serde::Deserialize;

use super::layout::{page, visitor_text};
use super::staff::{PageError, Staff, UNANSWERED};
use crate::http::error::ApiError;
use crate::http::json::AppQuery;
use crate::http::state::AppState;
use crate::stats::{StatsReader, group_questions};
use crate::text_analysis::Language;

/// `?days=` (default: the retention period).
#[derive(Debug, Deserialize)]
pub struct UnansweredParams {
    days: Option<u32>,
}

/// Most questions read for one page.
const LIMIT: usize = 5_000;

/// `GET /admin/unanswered`.
pub async fn unanswered(
    State(state): State<AppState>,
    staff: Staff,
    AppQuery(params): AppQuery<UnansweredParams>,
) -> Result<Html<String>, PageError> {
    staff.require_any(UNANSWERED)?;
    let days = params.days.unwrap_or(state.config.retention_days).min(3650);
    let since = time::OffsetDateTime::now_utc().date() - time::Duration::days(i64::from(days));
    let questions = match &state.stats_path {
        None => Vec::new(),
        Some(path) => match StatsReader::open(path) {
            Ok(Some(reader)) => reader.unanswered(since, LIMIT).map_err(|e| {
                tracing::error!(error = %e, "cannot read the unanswered questions");
                ApiError::Internal
            })?,
            Ok(None) => Vec::new(),
            Err(e) => {
                tracing::error!(error = %e, "cannot open the statistics");
                return Err(ApiError::Internal.into());
            }
        },
    };
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let groups = group_questions(&questions, engine.index().analyzers());
    let body = html! {
        p {
            (questions.len()) " questions in the last " (days) " days, in " (groups.len()) " groups. "
            "Personal data (e-mail addresses, phone numbers, national register numbers, IBANs, long numbers) was removed before storage; "
            "questions are deleted after " (state.config.retention_days) " days."
        }
        form method="get" action="/admin/unanswered" {
            label for="days" { "Last days " } input id="days" name="days" type="number" min="1" max="3650" value=(days);
            " " button type="submit" { "Show" }
        }
        @if groups.is_empty() { p.muted { "Nothing to show." } }
        @for group in &groups {
            @let first = &questions[group.members[0]];
            h2 { (group.members.len()) " × " (visitor_text(&first.question)) }
            p {
                "Languages: " (group.languages.iter().cloned().collect::<Vec<_>>().join(", ")) ". Closest entry: "
                @match kb.entry(&group.closest_entry) {
                    Some(entry) => { code { (entry.id) } " — " (entry.text(Language::En).question) }
                    None => span.muted { "none" },
                }
            }
            table {
                thead { tr { th { "Day" } th { "Lang" } th { "Reply" } th { "Question (scrubbed)" } th.num { "Confidence" } } }
                tbody {
                    @for &m in group.members.iter().take(20) {
                        @let q = &questions[m];
                        tr { td { (q.day) } td { (q.lang) } td { (q.kind) } td lang=(q.lang) { (visitor_text(&q.question)) } td.num { (format!("{:.2}", q.confidence)) } }
                    }
                }
            }
            @if group.members.len() > 20 { p.muted { "… and " (group.members.len() - 20) " more." } }
        }
    };
    Ok(Html(
        page(&staff, "Unanswered and doubtful questions", body).into_string(),
    ))
}
