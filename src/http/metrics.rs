//! Prometheus metrics (`GET /metrics`): requests by route, method and status, a latency histogram by
//! route, replies by kind and language, the knowledge-base version and reloads, statistics-store health
//! and rate limiting. Labels never hold anything about a person.

use std::sync::atomic::Ordering;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::live::LiveEngine;
use crate::stats::Recorder;

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
    version: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: String,
}

/// The service's metrics.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    replies: Family<ReplyLabels, Counter>,
    rate_limited: Family<RouteLabels, Counter>,
    kb_info: Family<VersionLabels, Gauge>,
    kb_entries: Gauge,
    reloads: Family<OutcomeLabels, Gauge>,
    stats_written: Gauge,
    stats_dropped: Gauge,
    stats_failed: Gauge,
    stats_purged: Gauge,
    stats_unavailable: Gauge,
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
        let kb_entries = Gauge::default();
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
        let stats_written = Gauge::default();
        registry.register(
            "stats_events_written",
            "Statistics events written",
            stats_written.clone(),
        );
        let stats_dropped = Gauge::default();
        registry.register(
            "stats_events_dropped",
            "Statistics events dropped because the queue was full",
            stats_dropped.clone(),
        );
        let stats_failed = Gauge::default();
        registry.register(
            "stats_events_failed",
            "Statistics events lost because the database could not be written",
            stats_failed.clone(),
        );
        let stats_purged = Gauge::default();
        registry.register(
            "stats_questions_purged",
            "Kept questions purged after the retention period",
            stats_purged.clone(),
        );
        let stats_unavailable = Gauge::default();
        registry.register(
            "stats_unavailable",
            "1 while the statistics database cannot be written",
            stats_unavailable.clone(),
        );
        Metrics {
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
            stats_purged,
            stats_unavailable,
        }
    }

    /// Counts a finished request.
    pub fn request(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_string(),
                method: method.to_string(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.to_string(),
            })
            .observe(seconds);
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

    /// The text exposition, with the gauges read from their sources.
    pub fn render(&self, live: &LiveEngine, stats: &Recorder) -> String {
        let engine = live.current();
        self.kb_info.clear();
        self.kb_info
            .get_or_create(&VersionLabels {
                version: engine.knowledge_base().version().to_string(),
            })
            .set(1);
        self.kb_entries
            .set(engine.knowledge_base().entries().len() as i64);
        let (reloaded, rejected) = live.reload_counts();
        self.reloads
            .get_or_create(&OutcomeLabels {
                outcome: "reloaded".into(),
            })
            .set(reloaded as i64);
        self.reloads
            .get_or_create(&OutcomeLabels {
                outcome: "rejected".into(),
            })
            .set(rejected as i64);
        let c = stats.counters();
        self.stats_written
            .set(c.written.load(Ordering::Relaxed) as i64);
        self.stats_dropped
            .set(c.dropped.load(Ordering::Relaxed) as i64);
        self.stats_failed
            .set(c.failed.load(Ordering::Relaxed) as i64);
        self.stats_purged
            .set(c.purged.load(Ordering::Relaxed) as i64);
        self.stats_unavailable
            .set(i64::from(c.unavailable.load(Ordering::Relaxed)));
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            tracing::error!("cannot encode the metrics");
        }
        out
    }
}
