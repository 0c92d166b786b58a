//! Prometheus metrics (`GET /metrics`): requests by route, method and status, a latency histogram by
//! route, replies by kind and language, the knowledge-base version and reloads, statistics-store health
//! and rate limiting, open and refused connections. One set for the process: the knowledge-base and
//! statistics gauges carry a `site` label (`default` without a sites file). Labels never hold anything about a person, and
//! every label set is bounded: methods outside the standard ones count as `other`, routes are the
//! router's templates (`unmatched` for the rest), statuses are three digits; so no request can add
//! series.

use std::sync::atomic::Ordering;
use std::sync::{Arc, RwLock};

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

use super::error::ApiError;
use super::state::AppState;
use crate::config::ServeConfig;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::live::LiveEngine;
use crate::stats::Recorder;

/// `GET /metrics` on `--listen`: public, or behind the admin bearer token with `--metrics-private`.
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    metrics_with(&state.config, &state.metrics, &headers)
}

/// `GET /metrics` on `--metrics-listen` (an address meant to be private): no token.
pub async fn metrics_open(State(state): State<AppState>) -> Response {
    exposition(&state.metrics)
}

/// The metrics for a request on `--listen` under the settings `config`.
pub(super) fn metrics_with(
    config: &ServeConfig,
    metrics: &Metrics,
    headers: &HeaderMap,
) -> Response {
    if config.metrics_private {
        let sent = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let allowed = match (sent, config.admin_token.as_deref()) {
            (Some(sent), Some(token)) => bool::from(sent.as_bytes().ct_eq(token.as_bytes())),
            _ => false,
        };
        if !allowed {
            return ApiError::Unauthorized.into_response();
        }
    }
    exposition(metrics)
}

fn exposition(metrics: &Metrics) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        metrics.render(),
    )
        .into_response()
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReplyLabels {
    kind: String,
    lang: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VersionLabels {
    site: String,
    version: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    site: String,
    outcome: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SiteLabels {
    site: String,
}

/// A site whose knowledge base and statistics store the gauges are read from.
struct SiteSource {
    id: String,
    live: Arc<LiveEngine>,
    stats: Recorder,
}

/// The service's metrics.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    replies: Family<ReplyLabels, Counter>,
    rate_limited: Family<RouteLabels, Counter>,
    kb_info: Family<VersionLabels, Gauge>,
    kb_entries: Family<SiteLabels, Gauge>,
    reloads: Family<OutcomeLabels, Gauge>,
    stats_written: Family<SiteLabels, Gauge>,
    stats_dropped: Family<SiteLabels, Gauge>,
    stats_failed: Family<SiteLabels, Gauge>,
    stats_pending: Family<SiteLabels, Gauge>,
    stats_purged: Family<SiteLabels, Gauge>,
    stats_unavailable: Family<SiteLabels, Gauge>,
    connections_open: Gauge,
    connections_refused: Counter,
    /// The sites served (one without a sites file), registered when each is assembled.
    sites: RwLock<Vec<SiteSource>>,
}

/// The methods counted by name; any other is `other`.
const KNOWN_METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"];

/// The method as a label value, from a bounded set.
fn method_label(method: &str) -> &'static str {
    KNOWN_METHODS
        .into_iter()
        .find(|m| *m == method)
        .unwrap_or("other")
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Registers every metric.
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("cdm_faq");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests by route, method and status",
            requests.clone(),
        );
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.000_05, 2.0, 16))
        });
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency by route",
            latency.clone(),
        );
        let replies = Family::<ReplyLabels, Counter>::default();
        registry.register("replies", "Replies by kind and language", replies.clone());
        let rate_limited = Family::<RouteLabels, Counter>::default();
        registry.register(
            "rate_limited",
            "Requests refused by the rate limiter, by route",
            rate_limited.clone(),
        );
        let kb_info = Family::<VersionLabels, Gauge>::default();
        registry.register(
            "knowledge_base_info",
            "The knowledge-base version served (value 1)",
            kb_info.clone(),
        );
        let kb_entries = Family::<SiteLabels, Gauge>::default();
        registry.register(
            "knowledge_base_entries",
            "Entries in the served knowledge base",
            kb_entries.clone(),
        );
        let reloads = Family::<OutcomeLabels, Gauge>::default();
        registry.register(
            "knowledge_base_reloads",
            "Knowledge-base reloads since start, by outcome",
            reloads.clone(),
        );
        let stats_written = Family::<SiteLabels, Gauge>::default();
        registry.register(
            "stats_events_written",
            "Statistics events written",
            stats_written.clone(),
        );
        let stats_dropped = Family::<SiteLabels, Gauge>::default();
        registry.register(
            "stats_events_dropped",
            "Statistics events dropped because the queue was full",
            stats_dropped.clone(),
        );
        let stats_failed = Family::<SiteLabels, Gauge>::default();
        registry.register(
            "stats_events_failed",
            "Statistics events lost because the database could not be written",
            stats_failed.clone(),
        );
        let stats_pending = Family::<SiteLabels, Gauge>::default();
        registry.register(
            "stats_events_pending",
            "Statistics events kept in memory until the database can be written again",
            stats_pending.clone(),
        );
        let stats_purged = Family::<SiteLabels, Gauge>::default();
        registry.register(
            "stats_questions_purged",
            "Kept questions purged after the retention period",
            stats_purged.clone(),
        );
        let stats_unavailable = Family::<SiteLabels, Gauge>::default();
        registry.register(
            "stats_unavailable",
            "1 while the statistics database cannot be written",
            stats_unavailable.clone(),
        );
        let connections_open = Gauge::default();
        registry.register(
            "http_connections_open",
            "TCP connections being served",
            connections_open.clone(),
        );
        let connections_refused = Counter::default();
        registry.register(
            "http_connections_refused",
            "TCP connections refused with 503 overloaded because --max-connections were open",
            connections_refused.clone(),
        );
        Metrics {
            connections_open,
            connections_refused,
            registry,
            requests,
            latency,
            replies,
            rate_limited,
            kb_info,
            kb_entries,
            reloads,
            stats_written,
            stats_dropped,
            stats_failed,
            stats_pending,
            stats_purged,
            stats_unavailable,
            sites: RwLock::new(Vec::new()),
        }
    }

    /// Adds a site to the gauges (its knowledge base and statistics store), labelled `site="<id>"`.
    pub fn add_site(&self, id: &str, live: Arc<LiveEngine>, stats: Recorder) {
        let mut sites = self.sites.write().unwrap_or_else(|e| e.into_inner());
        sites.retain(|s| s.id != id);
        sites.push(SiteSource {
            id: id.to_string(),
            live,
            stats,
        });
    }

    /// Counts a finished request. `route` must be a route template or `unmatched`; `method` is
    /// reduced to the known ones.
    pub fn request(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_string(),
                method: method_label(method).to_string(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.to_string(),
            })
            .observe(seconds);
    }

    /// A connection is being served.
    pub fn connection_opened(&self) {
        self.connections_open.inc();
    }

    /// A served connection has closed.
    pub fn connection_closed(&self) {
        self.connections_open.dec();
    }

    /// A connection was refused (too many open).
    pub fn connection_refused(&self) {
        self.connections_refused.inc();
    }

    /// Counts a reply.
    pub fn reply(&self, kind: &str, lang: &str) {
        self.replies
            .get_or_create(&ReplyLabels {
                kind: kind.to_string(),
                lang: lang.to_string(),
            })
            .inc();
    }

    /// Counts a refusal of the rate limiter.
    pub fn rate_limited(&self, route: &str) {
        self.rate_limited
            .get_or_create(&RouteLabels {
                route: route.to_string(),
            })
            .inc();
    }

    /// The text exposition, with the gauges read from every site's knowledge base and statistics.
    pub fn render(&self) -> String {
        self.kb_info.clear();
        for source in self.sites.read().unwrap_or_else(|e| e.into_inner()).iter() {
            let site = SiteLabels {
                site: source.id.clone(),
            };
            let engine = source.live.current();
            self.kb_info
                .get_or_create(&VersionLabels {
                    site: source.id.clone(),
                    version: engine.knowledge_base().version().to_string(),
                })
                .set(1);
            self.kb_entries
                .get_or_create(&site)
                .set(engine.knowledge_base().entries().len() as i64);
            let (reloaded, rejected) = source.live.reload_counts();
            for (outcome, count) in [("reloaded", reloaded), ("rejected", rejected)] {
                self.reloads
                    .get_or_create(&OutcomeLabels {
                        site: source.id.clone(),
                        outcome: outcome.into(),
                    })
                    .set(count as i64);
            }
            let c = source.stats.counters();
            let load = |c: &std::sync::atomic::AtomicU64| c.load(Ordering::Relaxed) as i64;
            self.stats_written
                .get_or_create(&site)
                .set(load(&c.written));
            self.stats_dropped
                .get_or_create(&site)
                .set(load(&c.dropped));
            self.stats_failed.get_or_create(&site).set(load(&c.failed));
            self.stats_pending
                .get_or_create(&site)
                .set(load(&c.pending));
            self.stats_purged.get_or_create(&site).set(load(&c.purged));
            self.stats_unavailable
                .get_or_create(&site)
                .set(i64::from(c.unavailable.load(Ordering::Relaxed)));
        }
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            tracing::error!("cannot encode the metrics");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invented_methods_add_no_series() {
        let metrics = Metrics::new();
        for i in 0..500 {
            metrics.request("unmatched", &format!("X{i}{}", "Y".repeat(i)), 405, 0.001);
        }
        metrics.request("/healthz", "GET", 200, 0.001);
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &metrics.registry).unwrap();
        let series = out
            .lines()
            .filter(|l| l.starts_with("cdm_faq_http_requests_total"))
            .count();
        assert_eq!(series, 2, "{out}");
        assert!(out.contains(r#"method="other""#));
        assert!(!out.contains("X1Y"));
    }
}
