//! For counsellors. `GET /review`: every entry with its referral partners, French, Dutch and English
//! side by side, flagged when a translation is missing, the review is older than 12 months, the entry
//! quotes facts that change, or a partner's contact facts are unverified. `GET /review/console`: type a
//! question, see the ranked candidates with their confidence and which words matched.

use axum::extract::State;
use axum::response::Html;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::layout::{page, strip_bidi_controls, visitor_text};
use super::messages::Msg;
use super::staff::{PageError, REVIEW, Staff};
use crate::answer::Question;
use crate::http::error::ApiError;
use crate::http::json::AppQuery;
use crate::http::state::AppState;
use crate::knowledge_base::{Entry, KnowledgeBase, Theme};
use crate::text_analysis::Language;

/// `?theme=`.
#[derive(Debug, Deserialize)]
pub struct ReviewParams {
    theme: Option<String>,
}

fn flags(kb: &KnowledgeBase, entry: &Entry, today: time::Date, lang: Language) -> Markup {
    let missing: Vec<&str> = Language::ALL
        .iter()
        .filter(|l| {
            let t = entry.text(**l);
            t.question.is_empty() || t.answer.is_empty()
        })
        .map(|l| l.code())
        .collect();
    let old = today - entry.review.reviewed_on > time::Duration::days(365);
    let unverified: Vec<&str> = entry
        .partners
        .iter()
        .filter(|p| kb.partner(p).is_some_and(|p| !p.verified))
        .map(String::as_str)
        .collect();
    html! {
        @if !missing.is_empty() { span.flag.bad { (Msg::FlagMissing.get(lang)) " " (missing.join(", ")) } }
        @if old { span.flag.bad { (Msg::FlagOld.get(lang)) } }
        @if entry.review.time_sensitive { span.flag { (Msg::FlagRecheck.get(lang)) " " (entry.review.recheck.clone().unwrap_or_default()) } }
        @if !unverified.is_empty() { span.flag { (Msg::FlagUnverified.get(lang)) " " (unverified.join(", ")) } }
    }
}

/// `GET /review`.
pub async fn review(
    State(state): State<AppState>,
    staff: Staff,
    AppQuery(params): AppQuery<ReviewParams>,
) -> Result<Html<String>, PageError> {
    staff.require_any(REVIEW)?;
    let theme = crate::http::params::theme(params.theme.as_deref())?;
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let today = time::OffsetDateTime::now_utc().date();
    let lang = staff.lang;
    let entries: Vec<&Entry> = kb
        .entries()
        .iter()
        .filter(|e| theme.is_none_or(|t| e.theme == t))
        .collect();
    let flagged = entries
        .iter()
        .filter(|e| !flags(kb, e, today, staff.lang).0.is_empty())
        .count();
    let body = html! {
        p { (entries.len()) " " (Msg::ReviewEntries.get(lang)) " " (flagged) " " (Msg::ReviewFlagged.get(lang)) " " (Msg::Version.get(lang)) " " code { (kb.version()) } "." }
        p {
            (Msg::Theme.get(lang)) " " a href="/review" { (Msg::AllThemes.get(lang)) }
            @for t in Theme::ALL { " · " a href=(format!("/review?theme={}", t.slug())) { (t.slug()) } }
        }
        @for entry in &entries {
            h2 id=(entry.id) { (entry.text(lang).question) " " small.muted { code { (entry.id) } } }
            p {
                (flags(kb, entry, today, lang))
                (Msg::ReviewedOn.get(lang)) " " (entry.review.reviewed_on) " " (Msg::ReviewedBy.get(lang)) " " (entry.review.reviewed_by) ". " (Msg::Audiences.get(lang)) " " (entry.audiences.join(", ")) "."
            }
            table {
                thead { tr { @for l in Language::ALL { th.lang { (l.english_name()) } } } }
                tbody {
                    tr { @for l in Language::ALL { td lang=(l.code()) { strong { (entry.text(l).question) } } } }
                    tr { @for l in Language::ALL { td lang=(l.code()) { (PreEscaped(entry.text(l).answer_html.clone())) } } }
                    tr { @for l in Language::ALL { td lang=(l.code()) {
                        @for (i, id) in entry.partners.iter().enumerate() {
                            @match kb.partner(id) {
                                Some(p) => {
                                    div {
                                        @if i == 0 { strong { (Msg::Referral.get(l)) " " } }
                                        (p.text(l).name) " (" code { (id) } ") "
                                        @if let Some(url) = p.website_in(l) { a href=(url) rel="noopener noreferrer" { (url) } " " }
                                        @if let Some(phone) = &p.phone { (phone) " " }
                                        @if let Some(email) = &p.email { (email) " " }
                                        @if !p.verified { span.flag { (Msg::Unverified.get(l)) } }
                                    }
                                }
                                None => div { span.flag.bad { (Msg::UnknownPartner.get(l)) " " (id) } },
                            }
                        }
                    } } }
                    tr { @for l in Language::ALL { td lang=(l.code()) { span.muted { (entry.text(l).phrasings.len()) " " (Msg::Phrasings.get(l)) " " (entry.text(l).phrasings.join(" · ")) } } } }
                }
            }
        }
    };
    Ok(Html(
        page(&staff, Msg::ReviewTitle.get(lang), body).into_string(),
    ))
}

/// `?q=&lang=`.
#[derive(Debug, Deserialize)]
pub struct ConsoleParams {
    q: Option<String>,
    lang: Option<String>,
}

/// `GET /review/console`.
pub async fn console(
    State(state): State<AppState>,
    staff: Staff,
    AppQuery(params): AppQuery<ConsoleParams>,
) -> Result<Html<String>, PageError> {
    staff.require_any(REVIEW)?;
    let q = params.q.unwrap_or_default();
    let question = Question::parse(crate::answer::RawQuestion {
        q: Some(&q),
        lang: params.lang.as_deref(),
        ..Default::default()
    })
    .map_err(ApiError::from)?;
    let lang = question.page_lang;
    let engine = state.live.current();
    let reply = if q.trim().is_empty() {
        None
    } else {
        Some(engine.ask(&question.with_explain(true)).map_err(|e| {
            tracing::error!(error = %e, "the engine failed");
            ApiError::Internal
        })?)
    };
    let body = html! {
        form method="get" action="/review/console" {
            label for="q" { (Msg::ConsoleQuestion.get(staff.lang)) " " }
            input id="q" name="q" type="text" size="70" value=(strip_bidi_controls(&q)) autofocus;
            " " label for="lang" { (Msg::ConsolePageLang.get(staff.lang)) " " }
            select id="lang" name="lang" {
                @for l in Language::ALL { option value=(l.code()) selected[lang == Some(l)] { (l.code()) } }
            }
            " " button type="submit" { (Msg::ConsoleAsk.get(staff.lang)) }
        }
        @if let Some(reply) = &reply {
            h2 { "Reply: " (reply.kind.as_str()) " in " (reply.lang.code()) }
            p { (reply.message) }
            @if let Some(r) = &reply.referral { p { strong { "Referral: " } (r.name) " (" code { (r.id) } ")" } }
            @if let Some(explain) = &reply.explain {
                h2 { "Words" }
                p {
                    @for w in &explain.words {
                        @if !w.meaningful { span.muted { (visitor_text(&w.text)) } " " }
                        @else if !w.known { span.flag.bad { (visitor_text(&w.text)) " (unknown)" } " " }
                        @else { mark { (visitor_text(&w.text)) } " (" (format!("{:.2}", w.informativeness)) ") " }
                    }
                }
                p.muted { "Known share " (format!("{:.2}", explain.known_share)) ", off-topic share " (format!("{:.2}", explain.off_topic_share)) "." }
                h2 { "Candidates" }
                table {
                    thead { tr { th { "Candidate" } th.num { "Confidence" } th.num { "Scope" } th.num { "Coverage" } th.num { "Similarity" } th.num { "BM25" } th { "Matched words" } } }
                    tbody {
                        @for c in &explain.candidates {
                            tr {
                                td { code { (c.id) } }
                                td.num { (format!("{:.2}", c.confidence)) }
                                td.num { (format!("{:.2}", c.scope)) }
                                td.num { (format!("{:.2}", c.coverage)) }
                                td.num { (format!("{:.2}", c.similarity)) }
                                td.num { (format!("{:.1}", c.score)) }
                                td {
                                    @for m in &c.matched {
                                        mark { (visitor_text(&m.word)) } " → " code { (m.term) } " (" (m.lang.code()) ", " (m.kind)
                                        @if let Some(fix) = &m.corrected_to { ", meant " (fix) }
                                        ") "
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(Html(
        page(&staff, Msg::ConsoleTitle.get(staff.lang), body).into_string(),
    ))
}
