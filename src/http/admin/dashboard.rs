//! `GET /admin`: the year's figures for editors (requests per month — the annual report's "requests
//! via the FAQbot" —, by source (typed or opened from a suggestion, theme, related question...), per theme, language and partner, answered / clarified / declined rates, feedback)
//! as charts and tables; `GET /admin/stats.csv` the same as CSV; the last knowledge-base reload.

use std::path::Path;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::charts;
use super::layout::page;
use super::staff::{PageError, STATISTICS, Staff};
use crate::http::error::ApiError;
use crate::http::json::AppQuery;
use crate::http::state::AppState;
use crate::stats::{CsvDialect, StatsError, StatsReader, YearReport};

/// `?year=` (and, for the CSV, `&format=comma|excel`).
#[derive(Debug, Deserialize)]
pub struct YearParams {
    year: Option<i32>,
    #[serde(default)]
    format: CsvDialect,
}

fn this_year() -> i32 {
    time::OffsetDateTime::now_utc().year()
}

/// Statistics queries of a page still running after this are interrupted (the page answers `timeout`).
pub const QUERY_DEADLINE: Duration = Duration::from_secs(5);

fn empty_report(year: i32) -> YearReport {
    YearReport {
        year,
        months: (1..=12)
            .map(|m| crate::stats::MonthRow {
                month: format!("{year}-{m:02}"),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

fn read_report(path: &Path, year: i32) -> Result<YearReport, StatsError> {
    match StatsReader::open(path)? {
        Some(reader) => reader
            .with_deadline(Instant::now() + QUERY_DEADLINE)?
            .year(year),
        None => Ok(empty_report(year)),
    }
}

/// The year's report (empty when there is no database yet), read on the blocking pool with a deadline.
pub async fn year_report(state: &AppState, year: i32) -> Result<YearReport, ApiError> {
    let Some(path) = state.stats_path.clone() else {
        return Ok(empty_report(year));
    };
    let task = tokio::task::spawn_blocking(move || read_report(&path, year));
    match tokio::time::timeout(QUERY_DEADLINE + Duration::from_secs(1), task).await {
        Err(_) => Err(ApiError::Timeout),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "the statistics task failed");
            Err(ApiError::Internal)
        }
        Ok(Ok(Ok(report))) => Ok(report),
        Ok(Ok(Err(e))) if e.is_interrupted() => {
            tracing::warn!("the statistics took too long to read");
            Err(ApiError::Timeout)
        }
        Ok(Ok(Err(e))) => {
            tracing::error!(error = %e, "cannot read the statistics");
            Err(ApiError::Internal)
        }
    }
}

/// `GET /admin`.
pub async fn dashboard(
    State(state): State<AppState>,
    staff: Staff,
    AppQuery(params): AppQuery<YearParams>,
) -> Result<Html<String>, PageError> {
    staff.require_any(STATISTICS)?;
    let year = params.year.unwrap_or_else(this_year);
    let report = year_report(&state, year).await?;
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let total = report.total();
    let sum = |f: fn(&crate::stats::MonthRow) -> u64| report.months.iter().map(f).sum::<u64>();
    let (answered, clarified, declined, smalltalk) = (
        sum(|m| m.answered),
        sum(|m| m.clarified),
        sum(|m| m.declined),
        sum(|m| m.smalltalk),
    );
    let opened = sum(|m| m.opened);
    // Rates are of the typed questions; answers opened by a click are counted apart (per source).
    let questions = total.saturating_sub(smalltalk + opened).max(1);
    let pct = |x: u64| format!("{:.1}%", 100.0 * x as f64 / questions as f64);
    let last_reload = state.live.last_report();
    let counters = state.stats.counters();
    let body = html! {
        form method="get" action="/admin" {
            label for="year" { "Year " }
            input id="year" name="year" type="number" min="2018" max="2100" value=(year);
            " " button type="submit" { "Show" }
            " " a href=(format!("/admin/stats.csv?year={year}&format=excel")) { "Download for Excel (CSV with semicolons)" }
            " " a href=(format!("/admin/stats.csv?year={year}")) { "Download CSV with commas (other tools, scripts)" }
        }
        div.cards {
            div.card { strong { (total) } "requests via the FAQbot" }
            div.card { strong { (pct(answered)) } "answered" }
            div.card { strong { (pct(clarified)) } "clarified" }
            div.card { strong { (pct(declined)) } "declined (handed over)" }
            div.card { strong { (smalltalk) } "small talk" }
            div.card { strong { (opened) } "answers opened without typing" }
        }
        h2 { "Requests per month" }
        (charts::months(&format!("Requests per month in {year}"), &report.months.iter().map(|m| (m.month.clone(), [m.answered, m.clarified, m.declined])).collect::<Vec<_>>()))
        table {
            thead { tr { th { "Month" } th.num { "Requests" } th.num { "Answered" } th.num { "Clarified" } th.num { "Declined" } th.num { "Small talk" } th.num { "Helpful" } th.num { "Not helpful" } th.num { "Opened" } } }
            tbody {
                @for m in &report.months {
                    tr { td { (m.month) } td.num { (m.requests) } td.num { (m.answered) } td.num { (m.clarified) } td.num { (m.declined) } td.num { (m.smalltalk) } td.num { (m.helpful) } td.num { (m.not_helpful) } td.num { (m.opened) } }
                }
            }
        }
        h2 { "Requests by source" }
        (charts::bars("Requests by source: typed, or opened from a suggestion, a theme list, a related question, a clarify option, an alternative, the next best answer", &report.sources.iter().map(|c| (c.key.clone(), c.count)).collect::<Vec<_>>()))
        h2 { "Answers per theme" }
        (charts::bars("Answers per theme", &report.themes.iter().map(|c| (kb.site().theme(c.key.parse().unwrap_or(crate::knowledge_base::Theme::Choose), crate::text_analysis::Language::En).label.clone(), c.count)).collect::<Vec<_>>()))
        h2 { "Replies per language" }
        (charts::bars("Replies per language", &report.languages.iter().map(|c| (c.key.clone(), c.count)).collect::<Vec<_>>()))
        h2 { "Referrals per partner" }
        (charts::bars("Answers per first-line partner", &report.referrals.iter().take(25).map(|c| (kb.partner(&c.key).map_or(c.key.clone(), |p| p.text(crate::text_analysis::Language::En).name.clone()), c.count)).collect::<Vec<_>>()))
        h2 { "Feedback per entry" }
        @if report.feedback.is_empty() { p.muted { "No feedback yet." } } @else {
            table {
                thead { tr { th { "Entry" } th.num { "Helpful" } th.num { "Not helpful" } th.num { "Helpful share" } } }
                tbody {
                    @for (entry, yes, no) in &report.feedback {
                        tr { td { (entry) } td.num { (yes) } td.num { (no) } td.num { (format!("{:.0}%", 100.0 * *yes as f64 / (*yes + *no).max(1) as f64)) } }
                    }
                }
            }
        }
        h2 { "Knowledge base" }
        p { "Version " code { (kb.version()) } ", " (kb.entries().len()) " entries, " (kb.partners().len()) " partners. " }
        @match &last_reload {
            None => p.muted { "No reload since the service started." },
            Some(r) => {
                p { "Last reload " (r.at) ": " strong { (format!("{:?}", r.outcome).to_lowercase()) } " (" (r.duration_ms) " ms)." }
                @if !r.problems.is_empty() {
                    ul { @for problem in &r.problems { li { (problem.to_string()) } } }
                }
            }
        }
        form method="post" action="/admin/reload" {
            input type="hidden" name="csrf" value=(staff.csrf_token());
            button type="submit" { "Reload the knowledge base now" }
        }
        h2 { "Statistics store" }
        p {
            (counters.written.load(std::sync::atomic::Ordering::Relaxed)) " events written, "
            (counters.failed.load(std::sync::atomic::Ordering::Relaxed)) " lost to database errors, "
            (counters.dropped.load(std::sync::atomic::Ordering::Relaxed)) " dropped (queue full). "
            @if counters.unavailable.load(std::sync::atomic::Ordering::Relaxed) { span.flag.bad { "The database cannot be written at the moment." } }
        }
    };
    Ok(Html(
        page(&staff, &format!("FAQbot statistics {year}"), body).into_string(),
    ))
}

/// `GET /admin/stats.csv`.
pub async fn stats_csv(
    State(state): State<AppState>,
    staff: Staff,
    AppQuery(params): AppQuery<YearParams>,
) -> Result<Response, PageError> {
    staff.require_any(STATISTICS)?;
    let year = params.year.unwrap_or_else(this_year);
    let report = year_report(&state, year).await?;
    let suffix = match params.format {
        CsvDialect::Comma => "",
        CsvDialect::Excel => "-excel",
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"faqbot-{year}{suffix}.csv\""),
            ),
        ],
        report.csv(params.format),
    )
        .into_response())
}
