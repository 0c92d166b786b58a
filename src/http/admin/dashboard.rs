//! `GET /admin`: the year's figures for editors (requests per month — the annual report's "requests
//! via the FAQbot" —, by source (typed or opened from a suggestion, theme, related question...), per theme, language and partner, answered / clarified / declined rates, feedback)
//! as charts and tables, every text in the staff member's language; `GET /admin/stats.csv` the same
//! as CSV; the last knowledge-base reload.

use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::charts;
use super::layout::page;
use super::messages::{
    Msg, kb_counts, language_name, month_abbr, reload_outcome_label, source_label, store_counts,
};
use super::staff::{PageError, STATISTICS, Staff};
use crate::http::error::ApiError;
use crate::http::json::AppQuery;
use crate::http::state::AppState;
use crate::knowledge_base::Theme;
use crate::stats::{CsvDialect, MonthRow, StatsError, StatsLocation, StatsReader, YearReport};
use crate::text_analysis::Language;

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

fn read_report(location: &StatsLocation, year: i32) -> Result<YearReport, StatsError> {
    match StatsReader::open_at(location)? {
        Some(reader) => reader
            .with_deadline(Instant::now() + QUERY_DEADLINE)?
            .year(year),
        None => Ok(empty_report(year)),
    }
}

/// The year's report (empty when there is no database yet), read on the blocking pool with a deadline.
pub async fn year_report(state: &AppState, year: i32) -> Result<YearReport, ApiError> {
    let Some(location) = state.stats_at.clone() else {
        return Ok(empty_report(year));
    };
    let task = tokio::task::spawn_blocking(move || read_report(&location, year));
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

/// The year's cards, the monthly chart and the monthly table, in `lang`. The first card, the chart's
/// columns and the table's "requests" column count the same thing: every reply (answered, clarified,
/// declined, small talk) plus the answers opened without typing.
pub fn year_figures(report: &YearReport, lang: Language) -> Markup {
    let year = report.year;
    let total = report.total();
    let sum = |f: fn(&MonthRow) -> u64| report.months.iter().map(f).sum::<u64>();
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
    let rows: Vec<(String, [u64; 5])> = report
        .months
        .iter()
        .map(|m| {
            let number = m.month.get(5..).and_then(|n| n.parse::<u8>().ok());
            let label = number.map_or_else(|| m.month.clone(), |n| month_abbr(n, lang));
            // The rest of `requests` beyond the four reply kinds is the opened answers; taking it as
            // the difference keeps the column equal to the month's requests whatever is added later.
            let rest = m
                .requests
                .saturating_sub(m.answered + m.clarified + m.declined + m.smalltalk);
            (
                label,
                [m.answered, m.clarified, m.declined, m.smalltalk, rest],
            )
        })
        .collect();
    let title = format!("{} {year}", Msg::RequestsPerMonthIn.get(lang));
    html! {
        div.cards {
            div.card { strong { (total) } (Msg::CardRequests.get(lang)) }
            div.card { strong { (pct(answered)) } (Msg::CardAnswered.get(lang)) }
            div.card { strong { (pct(clarified)) } (Msg::CardClarified.get(lang)) }
            div.card { strong { (pct(declined)) } (Msg::CardDeclined.get(lang)) }
            div.card { strong { (smalltalk) } (Msg::CardSmalltalk.get(lang)) }
            div.card { strong { (opened) } (Msg::CardOpened.get(lang)) }
        }
        h2 { (Msg::RequestsPerMonth.get(lang)) }
        (charts::months(&charts::MonthChart {
            title: &title,
            series: [
                Msg::ColAnswered.get(lang),
                Msg::ColClarified.get(lang),
                Msg::ColDeclined.get(lang),
                Msg::ColSmalltalk.get(lang),
                Msg::ColOpened.get(lang),
            ],
            caption: Msg::ChartCaption.get(lang),
            total_label: Msg::ChartTotal.get(lang),
            rows: &rows,
        }))
        div.table-wrap {
            table {
                thead { tr {
                    th { (Msg::ColMonth.get(lang)) } th.num { (Msg::ColRequests.get(lang)) } th.num { (Msg::ColAnswered.get(lang)) }
                    th.num { (Msg::ColClarified.get(lang)) } th.num { (Msg::ColDeclined.get(lang)) } th.num { (Msg::ColSmalltalk.get(lang)) }
                    th.num { (Msg::ColHelpful.get(lang)) } th.num { (Msg::ColNotHelpful.get(lang)) } th.num { (Msg::ColOpened.get(lang)) }
                } }
                tbody {
                    @for m in &report.months {
                        tr { td { (m.month) } td.num { (m.requests) } td.num { (m.answered) } td.num { (m.clarified) } td.num { (m.declined) } td.num { (m.smalltalk) } td.num { (m.helpful) } td.num { (m.not_helpful) } td.num { (m.opened) } }
                    }
                }
            }
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
    let lang = staff.lang;
    let year = params.year.unwrap_or_else(this_year);
    let report = year_report(&state, year).await?;
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let last_reload = state.live.last_report();
    let counters = state.stats.counters();
    let load = |c: &std::sync::atomic::AtomicU64| c.load(std::sync::atomic::Ordering::Relaxed);
    let sources: Vec<(String, u64)> = report
        .sources
        .iter()
        .map(|c| (source_label(&c.key, lang).to_string(), c.count))
        .collect();
    let themes: Vec<(String, u64)> = report
        .themes
        .iter()
        .map(|c| {
            let theme = c.key.parse().unwrap_or(Theme::Choose);
            (kb.site().theme(theme, lang).label.clone(), c.count)
        })
        .collect();
    let languages: Vec<(String, u64)> = report
        .languages
        .iter()
        .map(|c| {
            let name = c
                .key
                .parse::<Language>()
                .map_or(c.key.clone(), |l| language_name(l, lang).to_string());
            (name, c.count)
        })
        .collect();
    let partners: Vec<(String, u64)> = report
        .referrals
        .iter()
        .take(25)
        .map(|c| {
            let name = kb
                .partner(&c.key)
                .map_or(c.key.clone(), |p| p.text(lang).name.clone());
            (name, c.count)
        })
        .collect();
    let no_data = Msg::ChartNoData.get(lang);
    let body = html! {
        form method="get" action="/admin" {
            label for="year" { (Msg::Year.get(lang)) " " }
            input id="year" name="year" type="number" min="2018" max="2100" value=(year);
            " " button type="submit" { (Msg::Show.get(lang)) }
            " " a href=(format!("/admin/stats.csv?year={year}&format=excel")) { (Msg::DownloadExcel.get(lang)) }
            " " a href=(format!("/admin/stats.csv?year={year}")) { (Msg::DownloadCsv.get(lang)) }
        }
        (year_figures(&report, lang))
        h2 { (Msg::BySource.get(lang)) }
        (charts::bars("sources", Msg::BySourceTitle.get(lang), no_data, &sources))
        h2 { (Msg::PerTheme.get(lang)) }
        (charts::bars("themes", Msg::PerTheme.get(lang), no_data, &themes))
        h2 { (Msg::PerLanguage.get(lang)) }
        (charts::bars("languages", Msg::PerLanguage.get(lang), no_data, &languages))
        h2 { (Msg::PerPartner.get(lang)) }
        (charts::bars("partners", Msg::PerPartnerTitle.get(lang), no_data, &partners))
        h2 { (Msg::FeedbackPerEntry.get(lang)) }
        @if report.feedback.is_empty() { p.muted { (Msg::NoFeedback.get(lang)) } } @else {
            table {
                thead { tr { th { (Msg::ColEntry.get(lang)) } th.num { (Msg::ColHelpful.get(lang)) } th.num { (Msg::ColNotHelpful.get(lang)) } th.num { (Msg::ColHelpfulShare.get(lang)) } } }
                tbody {
                    @for (entry, yes, no) in &report.feedback {
                        tr { td { (entry) } td.num { (yes) } td.num { (no) } td.num { (format!("{:.0}%", 100.0 * *yes as f64 / (*yes + *no).max(1) as f64)) } }
                    }
                }
            }
        }
        h2 { (Msg::KnowledgeBase.get(lang)) }
        p { (Msg::Version.get(lang)) " " code { (kb.version()) } ", " (kb_counts(kb.entries().len(), kb.partners().len(), lang)) }
        @match &last_reload {
            None => p.muted { (Msg::NoReload.get(lang)) },
            Some(r) => {
                p { (Msg::LastReload.get(lang)) " " (r.at) ": " strong { (reload_outcome_label(r.outcome, lang)) } " (" (r.duration_ms) " ms)." }
                @if !r.problems.is_empty() {
                    ul lang="en" { @for problem in &r.problems { li { (problem.to_string()) } } }
                }
            }
        }
        form method="post" action="/admin/reload" {
            input type="hidden" name="csrf" value=(staff.csrf_token());
            button type="submit" { (Msg::ReloadNow.get(lang)) }
        }
        h2 { (Msg::StatsStore.get(lang)) }
        p {
            (store_counts(load(&counters.written), load(&counters.failed), load(&counters.dropped), lang)) " "
            @if counters.unavailable.load(std::sync::atomic::Ordering::Relaxed) { span.flag.bad { (Msg::StoreUnwritable.get(lang)) } }
        }
    };
    Ok(Html(
        page(
            &staff,
            &format!("{} {year}", Msg::StatsTitle.get(lang)),
            body,
        )
        .into_string(),
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

#[cfg(test)]
mod tests {
    //! Properties: the "requests" card, the sum of the monthly chart's columns and the table agree,
    //! small talk and opened answers included; the figures are in the staff member's language.
    use super::*;

    fn known_report() -> YearReport {
        let mut report = empty_report(2026);
        // March: 40 answered, 10 clarified, 5 declined, 6 small talk, 17 opened = 78 requests.
        report.months[2] = MonthRow {
            month: "2026-03".into(),
            requests: 78,
            answered: 40,
            clarified: 10,
            declined: 5,
            smalltalk: 6,
            opened: 17,
            ..Default::default()
        };
        report.months[4] = MonthRow {
            month: "2026-05".into(),
            requests: 9,
            answered: 4,
            declined: 1,
            opened: 4,
            ..Default::default()
        };
        report
    }

    /// The numbers written on top of the chart's columns.
    fn column_totals(html: &str) -> Vec<u64> {
        html.split("<text class=\"total\"")
            .skip(1)
            .map(|rest| {
                let value = &rest[rest.find('>').unwrap() + 1..rest.find("</text>").unwrap()];
                value.parse().unwrap()
            })
            .collect()
    }

    fn card_total(html: &str) -> u64 {
        let at = html.find("<div class=\"card\"><strong>").unwrap() + 26;
        html[at..at + html[at..].find('<').unwrap()]
            .parse()
            .unwrap()
    }

    #[test]
    fn the_card_and_the_chart_count_the_same_requests() {
        let report = known_report();
        let html = year_figures(&report, Language::En).into_string();
        let columns = column_totals(&html);
        assert_eq!(columns.len(), 12);
        assert_eq!(
            columns[2], 78,
            "March's column is its requests, not 72 replies"
        );
        assert_eq!(card_total(&html), 87);
        assert_eq!(columns.iter().sum::<u64>(), card_total(&html));
        assert!(html.contains("<strong>Year's total: 87</strong>"));
        assert!(html.contains("87</strong>requests via the FAQbot"));
    }

    #[test]
    fn the_figures_are_in_the_staff_members_language() {
        let report = known_report();
        let nl = year_figures(&report, Language::Nl).into_string();
        assert!(nl.contains("vragen via de FAQbot") && nl.contains("Vragen per maand in 2026"));
        assert!(nl.contains(">mrt.</text>") && nl.contains("<th>Maand</th>"));
        assert!(!nl.contains("requests via the FAQbot") && !nl.contains(">Month<"));
        assert_eq!(column_totals(&nl).iter().sum::<u64>(), card_total(&nl));
        let fr = year_figures(&report, Language::Fr).into_string();
        assert!(fr.contains("demandes via le FAQbot") && fr.contains("Total de l'année : 87"));
    }
}
