//! The browsable content: `GET /api/v1/themes`, `/api/v1/entries`, `/api/v1/entries/{id}`,
//! `/api/v1/partners`, `/api/v1/partners/{id}` and `/api/v1/handoff`, each in the requested language.
//! A theme comes with its description and its featured questions, the first choices of the widget's
//! theme menu: the theme's most seen entries of the last year from the statistics (read at most every
//! ten minutes, off the async workers), then the order editors set in `site.toml` (`featured`), then the
//! rest in file order, at most [`FEATURED`]; and with its sub-groups when editors made some.

use crate::stats::StatsLocation;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::json::AppQuery;
use super::params;
use super::state::AppState;
use crate::answer::{AnswerItem, HandoffCard, PartnerCard, handoff, partner_card};
use crate::knowledge_base::Theme;
use crate::text_analysis::Language;

/// `lang` only.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct LangParams {
    /// fr, nl or en (else Accept-Language, else fr).
    pub lang: Option<String>,
}

/// `lang` and `theme`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct EntriesParams {
    /// fr, nl or en (else Accept-Language, else fr).
    pub lang: Option<String>,
    /// Only this theme.
    pub theme: Option<String>,
}

/// A theme with its label.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ThemeView {
    /// Slug.
    pub id: Theme,
    /// Label.
    pub label: String,
    /// One sentence.
    pub description: String,
    /// Number of entries.
    pub entries: usize,
    /// The first questions of the theme's menu (at most six): most asked, else the editors' order.
    pub featured: Vec<FeaturedQuestion>,
    /// The theme's sub-groups (`[[themes.<id>.groups]]` in `site.toml`), in the editors' order; empty
    /// for a theme small enough to be one list.
    pub groups: Vec<GroupView>,
}

/// A sub-group of a theme's menu.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct GroupView {
    /// Short id, unique in its theme.
    pub id: String,
    /// Label in the requested language.
    pub label: String,
    /// Its entry ids, in menu order (their questions come with `GET /api/v1/entries?theme=`).
    pub entries: Vec<String>,
}

/// A question offered first in a theme's menu.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FeaturedQuestion {
    /// Entry id.
    pub id: String,
    /// Its question in the requested language.
    pub question: String,
}

/// Featured questions per theme, at most.
pub const FEATURED: usize = 6;

/// How long the most-asked ranking read from the statistics is reused.
const MOST_ASKED_TTL: Duration = Duration::from_secs(600);

type MostAsked = HashMap<String, (Instant, std::sync::Arc<Vec<String>>)>;
static MOST_ASKED: LazyLock<Mutex<MostAsked>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// The entry ids most seen over the last year (typed or opened), most seen first; empty when there are
/// no statistics or they cannot be read (the editors' order then decides alone).
async fn most_asked(stats_at: Option<&StatsLocation>) -> std::sync::Arc<Vec<String>> {
    let Some(location) = stats_at else {
        return Default::default();
    };
    if let Ok(cache) = MOST_ASKED.lock()
        && let Some((at, ids)) = cache.get(&location.to_string())
        && at.elapsed() < MOST_ASKED_TTL
    {
        return std::sync::Arc::clone(ids);
    }
    let owned = location.clone();
    let read = tokio::task::spawn_blocking(move || {
        let since = time::OffsetDateTime::now_utc() - time::Duration::days(365);
        let since = format!("{}T{:02}", since.date(), since.hour());
        match crate::stats::StatsReader::open_at(&owned) {
            Ok(Some(reader)) => reader
                .most_asked(&since, 500)
                .map(|counts| counts.into_iter().map(|c| c.key).collect())
                .unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "cannot read the most asked entries");
                    Vec::new()
                }),
            Ok(None) => Vec::new(),
            Err(e) => {
                tracing::warn!(error = %e, "cannot open the statistics for the most asked entries");
                Vec::new()
            }
        }
    });
    let ids = std::sync::Arc::new(
        tokio::time::timeout(Duration::from_secs(2), read)
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default(),
    );
    if let Ok(mut cache) = MOST_ASKED.lock() {
        cache.insert(
            location.to_string(),
            (Instant::now(), std::sync::Arc::clone(&ids)),
        );
    }
    ids
}

/// The featured entries of `theme`: the most asked ones, then the editors' order, then file order.
fn featured(
    kb: &crate::knowledge_base::KnowledgeBase,
    theme: Theme,
    most_asked: &[String],
    lang: Language,
) -> Vec<FeaturedQuestion> {
    let mut ids: Vec<&str> = Vec::with_capacity(FEATURED);
    let candidates = most_asked
        .iter()
        .map(String::as_str)
        .chain(kb.site().featured(theme).iter().map(String::as_str))
        .chain(kb.entries().iter().map(|e| e.id.as_str()));
    for id in candidates {
        if ids.len() == FEATURED {
            break;
        }
        if !ids.contains(&id) && kb.entry(id).is_some_and(|e| e.theme == theme) {
            ids.push(id);
        }
    }
    ids.into_iter()
        .filter_map(|id| kb.entry(id))
        .map(|e| FeaturedQuestion {
            id: e.id.clone(),
            question: e.text(lang).question.clone(),
        })
        .collect()
}

/// The five themes.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Themes {
    /// The language of the labels: the one asked for when the site serves it, else the site's first.
    pub lang: crate::text_analysis::Language,
    /// The languages the site serves (the widget offers these only).
    pub languages: Vec<crate::text_analysis::Language>,
    /// In the Cité des métiers' order.
    pub themes: Vec<ThemeView>,
}

/// An entry in a list.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EntrySummary {
    /// Id.
    pub id: String,
    /// Theme.
    pub theme: Theme,
    /// Question in the requested language.
    pub question: String,
}

/// A list of entries.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Entries {
    /// Sorted by id.
    pub entries: Vec<EntrySummary>,
    /// The knowledge-base version.
    pub version: String,
}

/// A partner with its themes and languages.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PartnerView {
    /// The card.
    #[serde(flatten)]
    pub card: PartnerCard,
    /// Themes it covers.
    pub themes: Vec<Theme>,
    /// Languages it serves in.
    pub languages: Vec<String>,
}

/// All partners.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Partners {
    /// Sorted by id.
    pub partners: Vec<PartnerView>,
}

/// The five themes with labels, descriptions and featured questions.
#[utoipa::path(get, path = "/api/v1/themes", params(LangParams), tag = "content", responses((status = 200, description = "The themes with their labels, descriptions and featured questions", body = Themes)))]
pub async fn list_themes(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(p): AppQuery<LangParams>,
) -> Result<Json<Themes>, ApiError> {
    let lang = served_language(&state, p.lang.as_deref(), &headers)?;
    let most_asked = most_asked(state.stats_at.as_ref()).await;
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let themes = Theme::ALL
        .into_iter()
        .map(|t| {
            let label = kb.site().theme(t, lang);
            ThemeView {
                id: t,
                label: label.label.clone(),
                description: label.description.clone(),
                entries: kb.entries().iter().filter(|e| e.theme == t).count(),
                featured: featured(kb, t, &most_asked, lang),
                groups: kb
                    .site()
                    .groups(t)
                    .iter()
                    .map(|g| GroupView {
                        id: g.id.clone(),
                        label: g.label(lang).to_string(),
                        entries: g.entries.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(Json(Themes {
        lang,
        languages: kb.site().languages().iter().collect(),
        themes,
    }))
}

/// The entries, optionally of one theme.
#[utoipa::path(get, path = "/api/v1/entries", params(EntriesParams), tag = "content",
    responses((status = 200, description = "The entries", body = Entries), (status = 400, description = "unknown_language, unknown_theme", body = super::error::ErrorBody)))]
pub async fn list_entries(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(p): AppQuery<EntriesParams>,
) -> Result<Json<Entries>, ApiError> {
    let lang = served_language(&state, p.lang.as_deref(), &headers)?;
    let theme = params::theme(p.theme.as_deref())?;
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let entries = kb
        .entries()
        .iter()
        .filter(|e| theme.is_none_or(|t| e.theme == t))
        .map(|e| EntrySummary {
            id: e.id.clone(),
            theme: e.theme,
            question: e.text(lang).question.clone(),
        })
        .collect();
    Ok(Json(Entries {
        entries,
        version: kb.version().to_string(),
    }))
}

/// One entry, shaped like an answer (confidence 1).
#[utoipa::path(get, path = "/api/v1/entries/{id}", params(("id" = String, Path, description = "Entry id, e.g. work/register-as-job-seeker"), LangParams), tag = "content",
    responses((status = 200, description = "The entry", body = AnswerItem), (status = 404, description = "unknown_entry", body = super::error::ErrorBody)))]
pub async fn find_entry(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    AppQuery(p): AppQuery<LangParams>,
) -> Result<Json<AnswerItem>, ApiError> {
    let lang = served_language(&state, p.lang.as_deref(), &headers)?;
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let id = id.trim_matches('/');
    let entry = kb
        .entry(id)
        .ok_or_else(|| ApiError::UnknownEntry(id.chars().take(100).collect()))?;
    Ok(Json(crate::answer::entry_answer(kb, entry, lang, 1.0)))
}

fn view(partner: &crate::knowledge_base::Partner, lang: Language) -> PartnerView {
    PartnerView {
        card: partner_card(partner, lang),
        themes: partner.themes.clone(),
        languages: partner.languages.clone(),
    }
}

/// All partners.
#[utoipa::path(get, path = "/api/v1/partners", params(LangParams), tag = "content", responses((status = 200, description = "The partners", body = Partners)))]
pub async fn list_partners(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(p): AppQuery<LangParams>,
) -> Result<Json<Partners>, ApiError> {
    let lang = served_language(&state, p.lang.as_deref(), &headers)?;
    let engine = state.live.current();
    let partners = engine
        .knowledge_base()
        .partners()
        .values()
        .map(|p| view(p, lang))
        .collect();
    Ok(Json(Partners { partners }))
}

/// One partner.
#[utoipa::path(get, path = "/api/v1/partners/{id}", params(("id" = String, Path, description = "Partner id, e.g. actiris"), LangParams), tag = "content",
    responses((status = 200, description = "The partner", body = PartnerView), (status = 404, description = "unknown_partner", body = super::error::ErrorBody)))]
pub async fn find_partner(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    AppQuery(p): AppQuery<LangParams>,
) -> Result<Json<PartnerView>, ApiError> {
    let lang = served_language(&state, p.lang.as_deref(), &headers)?;
    let engine = state.live.current();
    let partner = engine
        .knowledge_base()
        .partner(&id)
        .ok_or_else(|| ApiError::UnknownPartner(id.chars().take(100).collect()))?;
    Ok(Json(view(partner, lang)))
}

/// How to reach a counsellor.
#[utoipa::path(get, path = "/api/v1/handoff", params(LangParams), tag = "content", responses((status = 200, description = "How to reach a counsellor", body = HandoffCard)))]
pub async fn find_handoff(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppQuery(p): AppQuery<LangParams>,
) -> Result<Json<HandoffCard>, ApiError> {
    let lang = served_language(&state, p.lang.as_deref(), &headers)?;
    Ok(Json(handoff(state.live.current().knowledge_base(), lang)))
}

/// The language asked for (`lang`, else Accept-Language, else French), as the site serves it: a
/// French-only site's catalogue is in French on every page.
fn served_language(
    state: &AppState,
    lang: Option<&str>,
    headers: &HeaderMap,
) -> Result<crate::text_analysis::Language, ApiError> {
    let asked = params::language_or_default(lang, headers)?;
    Ok(state.live.current().knowledge_base().site().serving(asked))
}
