//! Per-client rate limiting, in memory only (the client is a key of an in-memory table, forgotten after
//! a minute of silence, never stored or logged). Each client has one bucket per route group — ask,
//! suggest, other — so a person typing (completions) never eats their questions' budget, and
//! completions, which are cheap, have a much larger bucket.
//!
//! **Who the client is.** The TCP peer, unless it is one of the `--trusted-proxies`: then the rightmost
//! address of `X-Forwarded-For` (or `Forwarded`, `--client-header`) that is not itself a trusted proxy.
//! Each proxy appends the address it saw, so the rightmost entries are written by our proxies and the
//! leftmost ones by whoever sent the request: taking the leftmost would let any client pick its own
//! bucket (or empty a victim's). An IPv6 client is keyed by its /64, the block one household or one
//! machine is given, so it cannot get a fresh bucket per address; IPv4-mapped IPv6 counts as IPv4.
//!
//! **How much.** Defaults (reasoning in the README): questions and other routes a burst of 60 then 2
//! per second; completions a burst of 600 then 30 per second. A class of 30 behind one school address
//! asking at once passes; a script asking as fast as it can is held to 2 questions a second.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use ipnet::IpNet;

use super::error::ApiError;
use super::state::AppState;
use crate::config::{ClientHeader, ServeConfig};

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
    questions: DefaultKeyedRateLimiter<(IpAddr, RouteGroup)>,
    suggestions: DefaultKeyedRateLimiter<IpAddr>,
    clients: ClientIdentity,
}

impl std::fmt::Debug for RateLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimit")
            .field("clients", &(self.questions.len() + self.suggestions.len()))
            .finish()
    }
}

/// How the client of a request is known: the TCP peer, or what trusted proxies say.
#[derive(Debug, Clone)]
pub struct ClientIdentity {
    proxies: Vec<IpNet>,
    header: ClientHeader,
}

impl ClientIdentity {
    /// Trusting `proxies`, which write `header`.
    pub fn new(proxies: Vec<IpNet>, header: ClientHeader) -> ClientIdentity {
        ClientIdentity { proxies, header }
    }

    fn trusted(&self, ip: IpAddr) -> bool {
        self.proxies.iter().any(|p| p.contains(&ip))
    }

    /// The client's key: the rightmost untrusted address when the peer is a trusted proxy, else the
    /// peer; IPv6 cut to its /64.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusted(peer) {
            return key(peer);
        }
        let name = match self.header {
            ClientHeader::XForwardedFor => "x-forwarded-for",
            ClientHeader::Forwarded => "forwarded",
        };
        // Every header line, in order, then every entry, from the right.
        let entries: Vec<&str> = headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect();
        for entry in entries.iter().rev() {
            let address = match self.header {
                ClientHeader::XForwardedFor => parse_address(entry),
                ClientHeader::Forwarded => forwarded_for(entry).and_then(parse_address),
            };
            match address.map(canonical) {
                Some(ip) if self.trusted(ip) => continue,
                Some(ip) => return key(ip),
                // Garbage where a trusted proxy should have written an address: the nearest proxy
                // is all we know.
                None => break,
            }
        }
        key(peer)
    }
}

/// `for=` of one `Forwarded` element (`for=192.0.2.1;proto=https`).
fn forwarded_for(element: &str) -> Option<&str> {
    element.split(';').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("for")
            .then(|| value.trim().trim_matches('"'))
    })
}

/// An address, possibly with a port (`192.0.2.1:4711`, `[2001:db8::1]:4711`).
fn parse_address(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    if let Ok(ip) = text.parse() {
        return Some(ip);
    }
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    text.parse::<SocketAddr>().ok().map(|s| s.ip())
}

/// IPv4-mapped IPv6 as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The bucket key: IPv4 as is, IPv6 cut to its /64.
fn key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(bits))
        }
        v4 => v4,
    }
}

fn quota(burst: u32, per_second: u32) -> Quota {
    let per_second = NonZeroU32::new(per_second.max(1)).expect("at least 1");
    let burst = NonZeroU32::new(burst.max(1)).expect("at least 1");
    Quota::per_second(per_second).allow_burst(burst)
}

impl RateLimit {
    /// The limiter the settings describe.
    pub fn from_config(config: &ServeConfig) -> Arc<RateLimit> {
        Arc::new(RateLimit {
            questions: RateLimiter::keyed(quota(config.rate_burst, config.rate_per_second)),
            suggestions: RateLimiter::keyed(quota(config.suggest_burst, config.suggest_per_second)),
            clients: ClientIdentity::new(config.proxies(), config.client_header),
        })
    }

    /// Seconds to wait, or `None` when the request may go.
    pub fn check(&self, client: IpAddr, group: RouteGroup) -> Option<u64> {
        let refused = match group {
            RouteGroup::Suggest => self.suggestions.check_key(&client).err(),
            _ => self.questions.check_key(&(client, group)).err(),
        };
        refused.map(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }

    /// Forgets clients that have been quiet long enough to be back to a full burst.
    pub fn forget_idle(&self) {
        self.questions.retain_recent();
        self.questions.shrink_to_fit();
        self.suggestions.retain_recent();
        self.suggestions.shrink_to_fit();
    }

    fn client(&self, request: &Request) -> IpAddr {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        self.clients.client(peer, request.headers())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(proxies: &[&str], header: ClientHeader) -> ClientIdentity {
        ClientIdentity::new(
            proxies
                .iter()
                .map(|p| crate::config::parse_proxy(p).unwrap())
                .collect(),
            header,
        )
    }

    fn headers(name: &str, values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in values {
            map.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_writes() {
        let id = identity(&["10.0.0.1"], ClientHeader::XForwardedFor);
        let spoof = headers("x-forwarded-for", &["1.2.3.4"]);
        assert_eq!(id.client(ip("198.51.100.7"), &spoof), ip("198.51.100.7"));
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_address_is_the_client() {
        let id = identity(&["10.0.0.0/8"], ClientHeader::XForwardedFor);
        // The client wrote "1.2.3.4"; our proxy appended the address it saw.
        let h = headers("x-forwarded-for", &["1.2.3.4, 203.0.113.9"]);
        assert_eq!(id.client(ip("10.0.0.1"), &h), ip("203.0.113.9"));
        // Two of our proxies in a row, on separate header lines.
        let h = headers("x-forwarded-for", &["1.2.3.4, 203.0.113.9", "10.1.1.1"]);
        assert_eq!(id.client(ip("10.0.0.1"), &h), ip("203.0.113.9"));
        // No header: the proxy itself.
        assert_eq!(id.client(ip("10.0.0.1"), &HeaderMap::new()), ip("10.0.0.1"));
        // Garbage where our proxy should have written: the proxy.
        let h = headers("x-forwarded-for", &["203.0.113.9, nonsense"]);
        assert_eq!(id.client(ip("10.0.0.1"), &h), ip("10.0.0.1"));
    }

    #[test]
    fn forwarded_header() {
        let id = identity(&["127.0.0.1"], ClientHeader::Forwarded);
        let h = headers(
            "forwarded",
            &[r#"for=1.2.3.4, for="[2001:db8:cafe:1:2:3:4:5]:4711";proto=https"#],
        );
        assert_eq!(id.client(ip("127.0.0.1"), &h), ip("2001:db8:cafe:1::"));
        // X-Forwarded-For is not read when the proxies write Forwarded.
        let h = headers("x-forwarded-for", &["1.2.3.4"]);
        assert_eq!(id.client(ip("127.0.0.1"), &h), ip("127.0.0.1"));
    }

    #[test]
    fn ipv6_is_keyed_per_64_and_mapped_ipv4_as_ipv4() {
        let id = identity(&[], ClientHeader::XForwardedFor);
        let none = HeaderMap::new();
        assert_eq!(
            id.client(ip("2001:db8:1:2:aaaa::1"), &none),
            id.client(ip("2001:db8:1:2:bbbb::2"), &none)
        );
        assert_ne!(
            id.client(ip("2001:db8:1:2::1"), &none),
            id.client(ip("2001:db8:1:3::1"), &none)
        );
        assert_eq!(id.client(ip("::ffff:192.0.2.1"), &none), ip("192.0.2.1"));
    }

    #[test]
    fn suggestions_have_their_own_larger_bucket() {
        let mut config = ServeConfig::for_tests("kb".into());
        config.rate_burst = 2;
        config.suggest_burst = 5;
        let limit = RateLimit::from_config(&config);
        let client = ip("192.0.2.1");
        assert!((0..5).all(|_| limit.check(client, RouteGroup::Suggest).is_none()));
        assert!(limit.check(client, RouteGroup::Suggest).is_some());
        assert!((0..2).all(|_| limit.check(client, RouteGroup::Ask).is_none()));
        assert_eq!(limit.check(client, RouteGroup::Ask), Some(1));
        assert!(limit.check(client, RouteGroup::Other).is_none());
    }
}
