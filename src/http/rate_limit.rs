//! Per-client rate limiting, in memory only (the client address is a key of an in-memory table,
//! forgotten after a minute of silence, never stored or logged). Each client has one bucket per route
//! group — ask, suggest, other — so a person typing (suggestions) never eats their questions' budget.
//! Defaults: a burst of 20, then 1 per second: a person never meets it, a script hammering a route does.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::error::ApiError;
use super::state::AppState;

/// Route groups with separate buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RouteGroup {
    /// `/api/v1/ask`.
    Ask,
    /// `/api/v1/suggest`.
    Suggest,
    /// Every other `/api/v1/` route.
    Other,
}

/// The limiter.
pub struct RateLimit {
    limiter: DefaultKeyedRateLimiter<(IpAddr, RouteGroup)>,
    trust_forwarded_for: bool,
}

impl std::fmt::Debug for RateLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimit")
            .field("clients", &self.limiter.len())
            .finish()
    }
}

impl RateLimit {
    /// A limiter allowing `burst` requests, then `per_second`.
    pub fn new(burst: u32, per_second: u32, trust_forwarded_for: bool) -> Arc<RateLimit> {
        let per_second = NonZeroU32::new(per_second.max(1)).expect("at least 1");
        let burst = NonZeroU32::new(burst.max(1)).expect("at least 1");
        Arc::new(RateLimit {
            limiter: RateLimiter::keyed(Quota::per_second(per_second).allow_burst(burst)),
            trust_forwarded_for,
        })
    }

    /// Seconds to wait, or `None` when the request may go.
    pub fn check(&self, client: IpAddr, group: RouteGroup) -> Option<u64> {
        self.limiter
            .check_key(&(client, group))
            .err()
            .map(|not_until| {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
            })
    }

    /// Forgets clients that have been quiet long enough to be back to a full burst.
    pub fn forget_idle(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }

    fn client(&self, request: &Request) -> IpAddr {
        if self.trust_forwarded_for
            && let Some(ip) = request
                .headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .and_then(|v| v.trim().parse::<IpAddr>().ok())
        {
            return ip;
        }
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip())
    }
}

/// The middleware on `/api/v1/*`.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(limiter) = &state.rate_limit else {
        return next.run(request).await;
    };
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let group = match route.as_str() {
        "/api/v1/ask" => RouteGroup::Ask,
        "/api/v1/suggest" => RouteGroup::Suggest,
        _ => RouteGroup::Other,
    };
    match limiter.check(limiter.client(&request), group) {
        None => next.run(request).await,
        Some(wait) => {
            state.metrics.rate_limited(&route);
            ApiError::RateLimited(wait).into_response()
        }
    }
}
