//! Operations: `GET /healthz` (the process is alive), `GET /readyz` (a knowledge base is loaded and
//! served, with its version and the last reload; whether statistics are really written; whether the
//! knowledge-base folder is watched; whether the shared database answers); `GET /metrics` is in `metrics.rs`.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use super::state::AppState;
use crate::editing::KnowledgeStore;
use crate::live::{ReloadReport, WatchStatus};
use crate::stats::StatsState;

/// Liveness.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always "ok".
    pub status: &'static str,
}

/// Readiness.
#[derive(Debug, Serialize)]
pub struct Ready {
    /// "ready".
    pub status: &'static str,
    /// Version served.
    pub version: String,
    /// Entries served.
    pub entries: usize,
    /// Partners served.
    pub partners: usize,
    /// Statistics being recorded: the database was opened and written (at start, then by every batch).
    pub statistics: bool,
    /// off, starting (not opened and checked yet), ok or unavailable.
    pub statistics_state: StatsState,
    /// Statistics events kept in memory while the database cannot be written (written when it can).
    pub statistics_pending: u64,
    /// What the knowledge-base watcher is doing (off, watching, polling, not_watching) and why.
    pub watcher: WatchStatus,
    /// The last reload, if any.
    pub last_reload: Option<ReloadReport>,
    /// The shared database (`--database`): off, ok or unavailable (the service keeps answering).
    pub database: &'static str,
    /// With the knowledge base in the database: the database version this replica's copy is at
    /// (every save adds one; replicas of one site at the same number serve the same knowledge base).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub knowledge_base_revision: Option<i64>,
}

/// `GET /healthz`.
pub async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// `GET /readyz`.
pub async fn readyz(State(state): State<AppState>) -> Json<Ready> {
    let database = match &state.database {
        None => "off",
        Some(database) if database.healthy().await => "ok",
        Some(_) => "unavailable",
    };
    let engine = state.live.current();
    let kb = engine.knowledge_base();
    let statistics_state = state.stats.state();
    Json(Ready {
        status: "ready",
        version: kb.version().to_string(),
        entries: kb.entries().len(),
        partners: kb.partners().len(),
        statistics: statistics_state == StatsState::Ok,
        statistics_state,
        statistics_pending: state
            .stats
            .counters()
            .pending
            .load(std::sync::atomic::Ordering::Relaxed),
        watcher: state.live.watch_status(),
        last_reload: state.live.last_report(),
        database,
        knowledge_base_revision: match &*state.store {
            KnowledgeStore::Postgres(store) => Some(store.version()),
            KnowledgeStore::Files(_) => None,
        },
    })
}
