//! `GET /admin/entries`: every entry, its question in the page's language with the id secondary,
//! searchable (question, phrasings, keywords, id), filtered by theme and by flag, in pages. Each flag
//! says what to do and links to the field to fix. The same flags and filters serve `/review`. Every
//! label is in the staff member's language; the entries' own text in the language chosen.

use std::collections::HashMap;
use std::path::PathBuf;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Html;
use maud::{Markup, html};
use serde::Deserialize;

use super::guard::Editor;
use super::layout::page;
use super::messages::{Msg, language_name, page_of};
use crate::http::error::ApiError;
use crate::http::json::AppQuery;
use crate::http::state::AppState;
use crate::knowledge_base::{Entry, KnowledgeBase, Theme};
use crate::text_analysis::{Language, fold};

/// Entries per page.
pub(super) const PAGE_SIZE: usize = 20;

/// A flag an editor or counsellor can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flag {
    /// A language's question or answer is empty.
    MissingTranslation,
    /// Reviewed more than 12 months ago.
    OldReview,
    /// Quotes facts that change.
    TimeSensitive,
    /// A partner's contact facts are not verified.
    UnverifiedPartner,
    /// Edited since the last counsellor sign-off.
    ChangedSinceCheck,
}

impl Flag {
    pub(super) const ALL: [Flag; 5] = [
        Flag::MissingTranslation,
        Flag::OldReview,
        Flag::TimeSensitive,
        Flag::UnverifiedPartner,
        Flag::ChangedSinceCheck,
    ];

    /// The value in `?flag=`.
    pub(super) fn slug(self) -> &'static str {
        match self {
            Flag::MissingTranslation => "missing-translation",
            Flag::OldReview => "old-review",
            Flag::TimeSensitive => "time-sensitive",
            Flag::UnverifiedPartner => "unverified-partner",
            Flag::ChangedSinceCheck => "changed-since-check",
        }
    }

    /// Its name in `lang`.
    pub(super) fn label(self, lang: Language) -> &'static str {
        match self {
            Flag::MissingTranslation => Msg::FlagLabelMissing,
            Flag::OldReview => Msg::FlagOld,
            Flag::TimeSensitive => Msg::FlagLabelTimeSensitive,
            Flag::UnverifiedPartner => Msg::FlagLabelUnverified,
            Flag::ChangedSinceCheck => Msg::FlagLabelChanged,
        }
        .get(lang)
    }

    /// What to do about it, and the field of the editor to go to.
    fn action(self) -> (Msg, &'static str) {
        match self {
            Flag::MissingTranslation => (Msg::TodoMissing, "fr-question"),
            Flag::OldReview => (Msg::TodoOld, "review-reviewed_on"),
            Flag::TimeSensitive => (Msg::TodoTimeSensitive, "review-recheck"),
            Flag::UnverifiedPartner => (Msg::TodoUnverified, "partner-0"),
            Flag::ChangedSinceCheck => (Msg::TodoChanged, "review-reviewed_on"),
        }
    }

    fn parse(slug: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.slug() == slug)
    }
}

/// When each entry file last changed and was last signed off, from the history.
pub(super) type Changes = HashMap<PathBuf, (Option<String>, Option<String>)>;

/// Reads [`Changes`] (empty when the history cannot be read: the flag is then never set).
pub(super) fn changes(state: &AppState) -> Changes {
    match state.store.last_changes() {
        Ok(rows) => rows.into_iter().map(|(f, c, s)| (f, (c, s))).collect(),
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the editors' history");
            Changes::new()
        }
    }
}

/// The flags of one entry.
pub(super) fn flags(
    kb: &KnowledgeBase,
    entry: &Entry,
    today: time::Date,
    changes: &Changes,
) -> Vec<Flag> {
    let mut out = Vec::new();
    if Language::ALL.iter().any(|l| {
        let t = entry.text(*l);
        t.question.is_empty() || t.answer.is_empty()
    }) {
        out.push(Flag::MissingTranslation);
    }
    if today - entry.review.reviewed_on > time::Duration::days(365) {
        out.push(Flag::OldReview);
    }
    if entry.review.time_sensitive {
        out.push(Flag::TimeSensitive);
    }
    if entry
        .partners
        .iter()
        .any(|p| kb.partner(p).is_some_and(|p| !p.verified))
    {
        out.push(Flag::UnverifiedPartner);
    }
    if let Some((Some(changed), signed)) = changes.get(&entry.file)
        && signed.as_ref().is_none_or(|s| s < changed)
    {
        out.push(Flag::ChangedSinceCheck);
    }
    out
}

/// Renders an entry's flags in `lang`, each with its details, what to do and a link to the field.
pub(super) fn flag_list(
    kb: &KnowledgeBase,
    entry: &Entry,
    flags: &[Flag],
    lang: Language,
) -> Markup {
    let detail = |flag: Flag| match flag {
        Flag::MissingTranslation => {
            let missing: Vec<&str> = Language::ALL
                .iter()
                .filter(|l| {
                    entry.text(**l).question.is_empty() || entry.text(**l).answer.is_empty()
                })
                .map(|l| l.code())
                .collect();
            format!("{} {}", Msg::FlagMissing.get(lang), missing.join(", "))
        }
        Flag::TimeSensitive => format!(
            "{} {}",
            Msg::FlagRecheck.get(lang),
            entry.review.recheck.clone().unwrap_or_default()
        ),
        Flag::UnverifiedPartner => {
            let ids: Vec<&str> = entry
                .partners
                .iter()
                .filter(|p| kb.partner(p).is_some_and(|p| !p.verified))
                .map(String::as_str)
                .collect();
            format!("{} {}", Msg::FlagUnverified.get(lang), ids.join(", "))
        }
        other => other.label(lang).to_string(),
    };
    html! {
        @if !flags.is_empty() {
            ul.flags {
                @for f in flags {
                    @let (todo, field) = f.action();
                    li {
                        @if *f == Flag::MissingTranslation || *f == Flag::OldReview { span.flag.bad { (detail(*f)) } }
                        @else { span.flag { (detail(*f)) } }
                        " — " a href=(format!("/admin/entry/{}#{field}", entry.id)) { (todo.get(lang)) }
                    }
                }
            }
        }
    }
}

/// `?q=&theme=&flag=&page=&lang=`.
#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    q: Option<String>,
    theme: Option<String>,
    flag: Option<String>,
    page: Option<usize>,
    lang: Option<String>,
}

/// The filtered entries with their flags.
pub(super) struct Listing<'a> {
    pub(super) matching: Vec<(&'a Entry, Vec<Flag>)>,
    pub(super) page: usize,
    pub(super) pages: usize,
    pub(super) lang: Language,
    pub(super) query: String,
    pub(super) theme: Option<Theme>,
    pub(super) flag: Option<Flag>,
}

/// The paging links of a list, above it and below it.
pub(super) struct Paging {
    /// Above the list.
    pub top: Markup,
    /// Below the list.
    pub bottom: Markup,
}

impl<'a> Listing<'a> {
    /// Applies the search and filters.
    pub(super) fn new(
        kb: &'a KnowledgeBase,
        params: &ListParams,
        headers: &HeaderMap,
        changes: &Changes,
    ) -> Result<Listing<'a>, ApiError> {
        let theme = crate::http::params::theme(params.theme.as_deref())?;
        let lang = crate::http::params::language_or_default(params.lang.as_deref(), headers)?;
        let flag = params
            .flag
            .as_deref()
            .filter(|f| !f.is_empty())
            .map(|f| {
                Flag::parse(f).ok_or_else(|| {
                    ApiError::InvalidRequest(format!(
                        "unknown flag {:?}",
                        f.chars().take(40).collect::<String>()
                    ))
                })
            })
            .transpose()?;
        let query = params.q.clone().unwrap_or_default().trim().to_string();
        let needle = fold(&query.to_lowercase());
        let today = time::OffsetDateTime::now_utc().date();
        let matching: Vec<(&Entry, Vec<Flag>)> = kb
            .entries()
            .iter()
            .filter(|e| theme.is_none_or(|t| e.theme == t))
            .filter(|e| needle.is_empty() || matches_search(e, &needle))
            .map(|e| (e, flags(kb, e, today, changes)))
            .filter(|(_, f)| flag.is_none_or(|wanted| f.contains(&wanted)))
            .collect();
        let pages = matching.len().div_ceil(PAGE_SIZE).max(1);
        let page = params.page.unwrap_or(1).clamp(1, pages);
        Ok(Listing {
            matching,
            page,
            pages,
            lang,
            query,
            theme,
            flag,
        })
    }

    /// This page's entries.
    pub(super) fn shown(&self) -> &[(&'a Entry, Vec<Flag>)] {
        let start = (self.page - 1) * PAGE_SIZE;
        &self.matching[start.min(self.matching.len())..(start + PAGE_SIZE).min(self.matching.len())]
    }

    /// The filter form and the paging links, for `action`, in the page language `ui`.
    pub(super) fn controls(
        &self,
        kb: &KnowledgeBase,
        action: &str,
        ui: Language,
    ) -> (Markup, Paging) {
        let form = html! {
            form.filters method="get" action=(action) role="search" {
                label for="q" { (Msg::Search.get(ui)) }
                input id="q" name="q" type="search" value=(self.query);
                label for="theme" { (Msg::ThemeLabel.get(ui)) }
                select id="theme" name="theme" {
                    option value="" { (Msg::AllThemes.get(ui)) }
                    @for t in Theme::ALL { option value=(t.slug()) lang=(self.lang.code()) selected[self.theme == Some(t)] { (kb.site().theme(t, self.lang).label) } }
                }
                label for="flag" { (Msg::FlagLabel.get(ui)) }
                select id="flag" name="flag" {
                    option value="" { (Msg::AnyFlag.get(ui)) }
                    @for f in Flag::ALL { option value=(f.slug()) selected[self.flag == Some(f)] { (f.label(ui)) } }
                }
                label for="lang" { (Msg::LanguageLabel.get(ui)) }
                select id="lang" name="lang" {
                    @for l in Language::ALL { option value=(l.code()) selected[self.lang == l] { (language_name(l, ui)) } }
                }
                " " button type="submit" { (Msg::Show.get(ui)) }
            }
        };
        let link = |page: usize| {
            let mut url = format!("{action}?page={page}&lang={}", self.lang.code());
            if !self.query.is_empty() {
                url.push_str(&format!("&q={}", url_encode(&self.query)));
            }
            if let Some(t) = self.theme {
                url.push_str(&format!("&theme={}", t.slug()));
            }
            if let Some(f) = self.flag {
                url.push_str(&format!("&flag={}", f.slug()));
            }
            url
        };
        let links = html! {
            @if self.page > 1 { a href=(link(self.page - 1)) rel="prev" { (Msg::Previous.get(ui)) } " " }
            span { (page_of(self.page, self.pages, self.matching.len(), ui)) }
            @if self.page < self.pages { " " a href=(link(self.page + 1)) rel="next" { (Msg::Next.get(ui)) } }
        };
        // Above and below the list: two navigation landmarks, so each has its own name.
        let paging = Paging {
            top: html! { nav.paging aria-label=(Msg::PagingLabel.get(ui)) { (links) } },
            bottom: html! { nav.paging aria-label=(Msg::PagingEndLabel.get(ui)) { (links) } },
        };
        (form, paging)
    }
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn matches_search(entry: &Entry, needle: &str) -> bool {
    let hit = |s: &str| fold(&s.to_lowercase()).contains(needle);
    hit(&entry.id)
        || Language::ALL.iter().any(|l| {
            let t = entry.text(*l);
            hit(&t.question)
                || t.phrasings.iter().any(|p| hit(p))
                || t.keywords.iter().any(|k| hit(k))
        })
}

/// `GET /admin/entries`.
pub async fn list_entries(
    State(state): State<AppState>,
    Editor(staff): Editor,
    headers: HeaderMap,
    AppQuery(params): AppQuery<ListParams>,
) -> Result<Html<String>, ApiError> {
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let changes = changes(&state);
    let listing = Listing::new(kb, &params, &headers, &changes)?;
    let ui = staff.lang;
    let (form, paging) = listing.controls(kb, "/admin/entries", ui);
    let body = html! {
        p { a href="/admin/entries/new" { (Msg::NewEntry.get(ui)) } " · " a href="/admin/files" { (Msg::FilesTitle.get(ui)) } " · " a href="/admin/history" { (Msg::RecentSaves.get(ui)) } }
        (form)
        (paging.top)
        table {
            thead { tr { th { (Msg::ColQuestion.get(ui)) } th { (Msg::ColTheme.get(ui)) } th { (Msg::ColToDo.get(ui)) } } }
            tbody {
                @for (entry, flags) in listing.shown() {
                    tr {
                        td lang=(listing.lang.code()) {
                            a href=(format!("/admin/entry/{}", entry.id)) { (question(entry, listing.lang)) }
                            br; span.muted { code { (entry.id) } }
                        }
                        td lang=(listing.lang.code()) { (kb.site().theme(entry.theme, listing.lang).label) }
                        td { (flag_list(kb, entry, flags, ui)) }
                    }
                }
            }
        }
        (paging.bottom)
    };
    Ok(Html(
        page(&staff, Msg::EntriesTitle.get(ui), body).into_string(),
    ))
}

/// The entry's question in `lang`, else in the first language that has one.
pub(super) fn question(entry: &Entry, lang: Language) -> String {
    let own = &entry.text(lang).question;
    if !own.is_empty() {
        return own.clone();
    }
    Language::ALL
        .iter()
        .map(|l| entry.text(*l).question.clone())
        .find(|q| !q.is_empty())
        .unwrap_or_else(|| entry.id.clone())
}
