//! For counsellors. `GET /review`: the entries with their referral partners, French, Dutch and English
//! side by side, searchable, filtered and paged, flagged when a translation is missing, the review is
//! older than 12 months, the entry quotes facts that change, a partner's contact facts are unverified,
//! or it changed since the last counsellor sign-off; each with its "partners checked" button. `GET /review/console`: type a
//! question, see the ranked candidates with their confidence and which words matched.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Html;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::entries::{Flag, ListParams, Listing, changes, flag_list, question};
use super::guard::Reviewer;
use super::layout::{page, strip_bidi_controls, visitor_text};
use super::messages::Msg;
use super::staff::{PageError, REVIEW, Staff};
use crate::answer::{ExplainedCandidate, Question, Reply, ReplyKind};
use crate::editing::entry_file;
use crate::http::error::ApiError;
use crate::http::json::AppQuery;
use crate::http::state::AppState;
use crate::knowledge_base::{Entry, KnowledgeBase};
use crate::text_analysis::Language;

/// `GET /review`: the entries with their referral partners, French, Dutch and English side by side,
/// searchable, filtered by theme and flag ("changed since the last counsellor check" first among the
/// flags), a page at a time, each with its "partners checked" sign-off.
pub async fn review(
    State(state): State<AppState>,
    Reviewer(staff): Reviewer,
    headers: HeaderMap,
    AppQuery(params): AppQuery<ListParams>,
) -> Result<Html<String>, ApiError> {
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let changes = changes(&state);
    let listing = Listing::new(kb, &params, &headers, &changes)?;
    let (form, paging) = listing.controls(kb, "/review", staff.lang);
    let changed = listing
        .matching
        .iter()
        .filter(|(_, f)| f.contains(&Flag::ChangedSinceCheck))
        .count();
    let back = match &params_back(&listing) {
        Some(b) => b.clone(),
        None => "/review".to_string(),
    };
    let ui = staff.lang;
    let body = html! {
        p {
            (listing.matching.len()) " " (Msg::ReviewEntriesShown.get(ui)) " " (changed) " " (Msg::ReviewChangedSince.get(ui)) " ("
            a href=(format!("/review?flag={}", Flag::ChangedSinceCheck.slug())) { (Msg::ReviewShowThem.get(ui)) } "). " (Msg::Version.get(ui)) " " code { (kb.version()) } "."
        }
        (form)
        (paging.top)
        @for (entry, flags) in listing.shown() {
            section.entry aria-labelledby=(format!("e-{}", entry.id.replace('/', "-"))) {
                h2 id=(format!("e-{}", entry.id.replace('/', "-"))) lang=(listing.lang.code()) { (question(entry, listing.lang)) }
                p.muted { code { (entry.id) } " · " (Msg::ReviewedOn.get(ui)) " " (entry.review.reviewed_on) " " (Msg::ReviewedBy.get(ui)) " " (entry.review.reviewed_by) " · " a href=(format!("/admin/entry/{}", entry.id)) { (Msg::ReviewEdit.get(ui)) } " · " a href=(format!("/admin/entry/{}/history", entry.id)) { (Msg::ReviewHistory.get(ui)) } }
                (flag_list(kb, entry, flags, staff.lang))
                @if let Some(version) = version_of_entry(&state, &entry.id) {
                    form.inline method="post" action=(format!("/admin/entry/{}/sign-off", entry.id)) {
                        input type="hidden" name="csrf" value=(staff.csrf_token());
                        input type="hidden" name="version" value=(version);
                        input type="hidden" name="back" value=(back);
                        button type="submit" { (Msg::ReviewSignOff.get(ui)) }
                    }
                }
                div.columns {
                    @for l in Language::ALL {
                        div lang=(l.code()) {
                            p { strong { (entry.text(l).question) } }
                            (PreEscaped(entry.text(l).answer_html.clone()))
                            (partners(kb, entry, l))
                        }
                    }
                }
            }
        }
        (paging.bottom)
    };
    Ok(Html(
        page(&staff, Msg::ReviewTitle.get(staff.lang), body).into_string(),
    ))
}

/// The current page's address, to come back to after a sign-off.
fn params_back(listing: &Listing<'_>) -> Option<String> {
    let mut url = format!("/review?page={}&lang={}", listing.page, listing.lang.code());
    if let Some(t) = listing.theme {
        url.push_str(&format!("&theme={}", t.slug()));
    }
    if let Some(f) = listing.flag {
        url.push_str(&format!("&flag={}", f.slug()));
    }
    Some(url)
}

fn version_of_entry(state: &AppState, id: &str) -> Option<String> {
    state
        .store
        .read(&entry_file(id))
        .ok()
        .flatten()
        .map(|s| s.version)
}

fn partners(kb: &KnowledgeBase, entry: &Entry, l: Language) -> Markup {
    html! {
        @for (i, id) in entry.partners.iter().enumerate() {
            @match kb.partner(id) {
                Some(p) => {
                    div {
                        @if i == 0 { strong { (Msg::Referral.get(l)) " " } }
                        (p.text(l).name) " "
                        @if let Some(url) = p.website_in(l) { a href=(url) rel="noopener noreferrer" { (url) } " " }
                        @if let Some(phone) = &p.phone { (phone) " " }
                        @if let Some(email) = &p.email { (email) " " }
                        @if !p.verified { span.flag { (Msg::Unverified.get(l)) } }
                    }
                }
                None => div { span.flag.bad { (Msg::UnknownPartner.get(l)) " " (id) } },
            }
        }
    }
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
            (console_result(&staff, engine.knowledge_base(), reply))
        }
    };
    Ok(Html(
        page(&staff, Msg::ConsoleTitle.get(staff.lang), body).into_string(),
    ))
}

/// The console's result in an editor's words: what the visitor gets, the words that found it, the
/// closest entries with how sure the bot is, why not the runner-up; the figures one click away.
fn console_result(staff: &Staff, kb: &KnowledgeBase, reply: &Reply) -> Markup {
    let lang = staff.lang;
    let kind = match reply.kind {
        ReplyKind::Answer => Msg::ConsoleKindAnswer,
        ReplyKind::Clarify => Msg::ConsoleKindClarify,
        ReplyKind::NoAnswer => Msg::ConsoleKindNoAnswer,
        ReplyKind::Smalltalk => Msg::ConsoleKindSmalltalk,
    };
    let title = |id: &str| {
        kb.entry(id)
            .map(|e| question(e, lang))
            .unwrap_or_else(|| id.to_string())
    };
    let percent = |x: f32| format!("{:.0} %", 100.0 * x);
    html! {
        h2 { (Msg::ConsoleVisitorGets.get(lang)) " " (kind.get(lang)) }
        p { (reply.message) }
        @if let Some(r) = &reply.referral { p { strong { (r.name) } " " span.muted { "(" code { (r.id) } ")" } } }
        @if let Some(explain) = &reply.explain {
            h2 { (Msg::ConsoleFoundBy.get(lang)) }
            p {
                @for w in &explain.words {
                    @if !w.meaningful { span.muted { (visitor_text(&w.text)) } " " }
                    @else if !w.known { span.flag.bad { (visitor_text(&w.text)) " (" (Msg::ConsoleUnknownWord.get(lang)) ")" } " " }
                    @else { mark { (visitor_text(&w.text)) } " (" (format!("{:.1}", w.informativeness)) ") " }
                }
            }
            p.muted { (Msg::ConsoleWordsLegend.get(lang)) }
            h2 { (Msg::ConsoleCandidates.get(lang)) }
            table {
                thead { tr { th { (Msg::ConsoleEntry.get(lang)) } th.num { (Msg::ConsoleHowSure.get(lang)) } th { (Msg::ConsoleMatched.get(lang)) } } }
                tbody {
                    @for c in explain.candidates.iter().take(5) {
                        tr {
                            td { (title(&c.id)) br; span.muted { code { (c.id) } } }
                            td.num { (percent(c.confidence)) }
                            td {
                                @for word in matched_words(c) { mark { (visitor_text(&word)) } " " }
                            }
                        }
                    }
                }
            }
            @if let [first, second, ..] = explain.candidates.as_slice() {
                h3 { (Msg::ConsoleWhyNot.get(lang)) }
                p {
                    strong { (title(&second.id)) } " (" (percent(second.confidence)) "): "
                    (why_not(first, second).get(lang)) "."
                }
            }
            details {
                summary { (Msg::ConsoleTechnical.get(lang)) }
                p.muted { "Known share " (format!("{:.2}", explain.known_share)) ", off-topic share " (format!("{:.2}", explain.off_topic_share)) ", search language " (explain.preferred_lang.code()) ", closest declined question " (format!("{:.2}", explain.not_ours))
                    @if let Some(topic) = &explain.not_ours_topic { " (topic " code.not-ours { (topic) } ")" } "." }
                table {
                    thead { tr { th { "Candidate" } th.num { "Confidence" } th.num { "Scope" } th.num { "Coverage" } th.num { "Similarity" } th.num { "BM25" } th { "Matched terms" } } }
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
    }
}

/// The visitor's words a candidate was found by, each once, in the order they were matched.
fn matched_words(candidate: &ExplainedCandidate) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for m in &candidate.matched {
        if !words.contains(&m.word) {
            words.push(m.word.clone());
        }
    }
    words
}

/// Why the runner-up comes after the leader, in one phrase: fewer of the question's words, phrasings
/// less alike, or the other clues.
fn why_not(first: &ExplainedCandidate, second: &ExplainedCandidate) -> Msg {
    if second.coverage + 0.05 < first.coverage {
        Msg::ConsoleFewerWords
    } else if second.similarity + 0.05 < first.similarity {
        Msg::ConsoleLessAlike
    } else {
        Msg::ConsoleLessLikely
    }
}
