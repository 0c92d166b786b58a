//! The state every handler shares: a cheap-to-clone bundle of `Arc`s (the served engine, the settings,
//! the statistics recorder, the metrics, the rate limiter, the staff accounts and their sessions, the editors' store).

use std::sync::Arc;

use super::metrics::Metrics;
use super::rate_limit::RateLimit;
use crate::accounts::Accounts;
use crate::config::ServeConfig;
use crate::editing::KnowledgeStore;
use crate::live::LiveEngine;
use crate::stats::Recorder;

/// Shared state.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The served engine.
    pub live: Arc<LiveEngine>,
    /// The settings.
    pub config: Arc<ServeConfig>,
    /// The statistics recorder.
    pub stats: Recorder,
    /// Where the statistics are (None when statistics are off).
    pub stats_at: Option<crate::stats::StatsLocation>,
    /// The metrics.
    pub metrics: Arc<Metrics>,
    /// The rate limiter (None when switched off).
    pub rate_limit: Option<Arc<RateLimit>>,
    /// Staff accounts, sessions and the login throttle.
    pub accounts: Arc<Accounts>,
    /// Password checks allowed at once ([`super::admin::HASHING_SLOTS`]).
    pub logins: Arc<tokio::sync::Semaphore>,
    /// The editors' store: every change to the knowledge base goes through it.
    pub store: Arc<KnowledgeStore>,
    /// The shared PostgreSQL database, when replicas use one (`--database`).
    pub database: Option<Arc<crate::database::Database>>,
}
