//! Settings of the HTTP service, from the command line or the environment (`cdm-faq serve --help`).
//! Every field says its default; the defaults run the service on the bundled knowledge base with
//! nothing else installed.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use ipnet::IpNet;

/// The header trusted reverse proxies write the client's address into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ClientHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2` (nginx, HAProxy, most CDNs).
    XForwardedFor,
    /// `Forwarded: for=client, for=proxy1` (RFC 7239).
    Forwarded,
}

/// A trusted proxy: a CIDR range (`10.0.0.0/8`, `2001:db8::/32`) or a single address.
pub fn parse_proxy(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{text:?} is neither an address nor a CIDR range"))
}

/// `cdm-faq serve` settings.
#[derive(Clone, clap::Args)]
pub struct ServeConfig {
    /// Address and port to listen on (port 0 picks a free one; the chosen address is printed).
    #[arg(long, env = "CDM_FAQ_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Knowledge-base folder, watched for edits.
    #[arg(long, env = "CDM_FAQ_KB", default_value = "knowledge-base")]
    pub kb: PathBuf,
    /// Folder of the anonymous statistics database, the accounts and the edit history (created when
    /// missing); with `--sites`, each site's in its own sub-folder `<data-dir>/<id>/`.
    #[arg(long, env = "CDM_FAQ_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// Serve several Cités des métiers from one process: the sites file (each site's id, knowledge-base
    /// folder, host names; README "Several centres on one deployment"). Replaces `--kb`.
    #[arg(long, env = "CDM_FAQ_SITES")]
    pub sites: Option<PathBuf>,
    /// The PostgreSQL database replicas share (`postgres://user:password@host:port/name`): staff
    /// accounts and sessions, the knowledge base with its history, and the statistics live there
    /// instead of the data folder, so that every replica serves the same (README "Replicas on
    /// PostgreSQL"). Without it everything stays in the data folder.
    #[arg(long, env = "CDM_FAQ_DATABASE", hide_env_values = true)]
    pub database: Option<crate::database::DatabaseUrl>,
    /// The certificate authority (PEM file) the database server's TLS certificate is checked against;
    /// without it, the public web's roots. TLS is used as the URL's `sslmode` says (`prefer`, the
    /// default: when the server offers it; `require`: always; `disable`: never).
    #[arg(long, env = "CDM_FAQ_DATABASE_CA")]
    pub database_ca: Option<PathBuf>,
    /// The site this configuration is of, in a deployment of several (set by the service, not a flag).
    #[arg(skip)]
    pub site_id: Option<String>,
    /// Do not record statistics at all.
    #[arg(long, env = "CDM_FAQ_NO_STATS")]
    pub no_stats: bool,
    /// Days an unanswered (scrubbed) question is kept for editors before it is purged.
    #[arg(long, env = "CDM_FAQ_RETENTION_DAYS", default_value_t = 90)]
    pub retention_days: u32,
    /// Origins allowed to call the API from a browser (CORS), comma-separated, e.g.
    /// `https://www.citedesmetiers.brussels`; `*` allows any. Default: same origin only.
    #[arg(long, env = "CDM_FAQ_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,
    /// Questions a client (an address; IPv6 per /64) may ask in a burst; also the burst of the other
    /// `/api/v1` routes (their own bucket). Sized for a class of 30 behind one address (README).
    #[arg(long, env = "CDM_FAQ_RATE_BURST", default_value_t = 60)]
    pub rate_burst: u32,
    /// Questions per second a client may ask once the burst is spent (same for the other routes).
    #[arg(long, env = "CDM_FAQ_RATE_PER_SECOND", default_value_t = 2)]
    pub rate_per_second: u32,
    /// Completions (`/api/v1/suggest`, one per keystroke pause) a client may ask in a burst: cheap
    /// requests, their own larger bucket.
    #[arg(long, env = "CDM_FAQ_SUGGEST_BURST", default_value_t = 600)]
    pub suggest_burst: u32,
    /// Completions per second a client may ask once the burst is spent.
    #[arg(long, env = "CDM_FAQ_SUGGEST_PER_SECOND", default_value_t = 30)]
    pub suggest_per_second: u32,
    /// Switch rate limiting off (load tests).
    #[arg(long, env = "CDM_FAQ_NO_RATE_LIMIT")]
    pub no_rate_limit: bool,
    /// Reverse proxies trusted to name the client, comma-separated CIDR ranges or addresses
    /// (`127.0.0.1,10.0.0.0/8`). Only when the TCP peer is one of them is the client taken from
    /// `--client-header`: the rightmost address there that is not itself a trusted proxy (the
    /// leftmost ones are the client's to write). Default: none, the TCP peer is the client.
    #[arg(long, env = "CDM_FAQ_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_proxy)]
    pub trusted_proxies: Vec<IpNet>,
    /// The header the trusted proxies write the client into.
    #[arg(long, env = "CDM_FAQ_CLIENT_HEADER", value_enum, default_value_t = ClientHeader::XForwardedFor)]
    pub client_header: ClientHeader,
    /// Deprecated: the same as `--trusted-proxies 127.0.0.0/8,::1` (a reverse proxy on this machine).
    #[arg(long, env = "CDM_FAQ_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
    /// Largest request body accepted, in bytes (larger ones get `body_too_large`, refused before
    /// reading when `Content-Length` says so).
    #[arg(long, env = "CDM_FAQ_MAX_BODY_BYTES", default_value_t = 16 * 1024)]
    pub max_body_bytes: usize,
    /// Seconds a request body has to arrive once its headers have (`body_timeout` after).
    #[arg(long, env = "CDM_FAQ_BODY_TIMEOUT_SECS", default_value_t = 5)]
    pub body_timeout_secs: u64,
    /// Seconds after which a request is answered with `timeout`.
    #[arg(long, env = "CDM_FAQ_REQUEST_TIMEOUT_SECS", default_value_t = 10)]
    pub request_timeout_secs: u64,
    /// Connections served at once; beyond, a new connection gets one `503 overloaded` answer and is
    /// closed. Keep it under the process's descriptor limit (`ulimit -n`) with room for the files.
    #[arg(long, env = "CDM_FAQ_MAX_CONNECTIONS", default_value_t = 1024)]
    pub max_connections: usize,
    /// Seconds a connection has to send a request's headers, counted from when it starts waiting for
    /// them: also how long an idle keep-alive connection is kept open.
    #[arg(long, env = "CDM_FAQ_HEADER_READ_TIMEOUT_SECS", default_value_t = 10)]
    pub header_read_timeout_secs: u64,
    /// Seconds the requests in flight have to finish after SIGTERM or Ctrl-C; the connections still
    /// open then (a half-sent request, a client that stopped reading) are cut.
    #[arg(long, env = "CDM_FAQ_SHUTDOWN_GRACE_SECS", default_value_t = 10)]
    pub shutdown_grace_secs: u64,
    /// Serve `/metrics` on this address only (e.g. `127.0.0.1:9464`), not on `--listen`. Default:
    /// `/metrics` on `--listen`.
    #[arg(long, env = "CDM_FAQ_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,
    /// Require the admin token (`Authorization: Bearer`) for `/metrics` on `--listen`.
    #[arg(long, env = "CDM_FAQ_METRICS_PRIVATE")]
    pub metrics_private: bool,
    /// Recent replies kept in memory to answer repeated questions at once (0: none). Emptied at every
    /// knowledge-base reload; never written anywhere.
    #[arg(long, env = "CDM_FAQ_REPLY_CACHE", default_value_t = crate::engine::REPLY_CACHE_ENTRIES)]
    pub reply_cache: usize,
    /// Do not watch the knowledge-base folder (reload with `POST /admin/reload` only).
    #[arg(long, env = "CDM_FAQ_NO_WATCH")]
    pub no_watch: bool,
    /// Log filter (tracing's env-filter syntax): `info`, `debug`, `cdm_faq=debug,warn`...
    #[arg(long, env = "CDM_FAQ_LOG", default_value = "info")]
    pub log: String,
    /// Log format: `text` or `json`.
    #[arg(long, env = "CDM_FAQ_LOG_FORMAT", default_value = "text")]
    pub log_format: String,
    // Staff access (accounts, sessions, the automation token): kept together.
    /// Minutes a staff session may stay unused before it ends.
    #[arg(long, env = "CDM_FAQ_SESSION_IDLE_MINUTES", default_value_t = 120)]
    pub session_idle_minutes: u64,
    /// Hours after login a staff session ends, used or not.
    #[arg(long, env = "CDM_FAQ_SESSION_MAX_HOURS", default_value_t = 12)]
    pub session_max_hours: u64,
    /// Send the staff session cookie without `Secure`, for plain HTTP on loopback only (by default the
    /// cookie is `Secure`: browsers send it over HTTPS and to http://localhost only).
    #[arg(long, env = "CDM_FAQ_INSECURE_COOKIES")]
    pub insecure_cookies: bool,
    /// The automation token, from the environment variable `CDM_FAQ_ADMIN_TOKEN` only (never a flag, so
    /// it stays out of process lists); at least [`MIN_ADMIN_TOKEN_CHARS`] characters. Sent as
    /// `Authorization: Bearer ...`, it acts as an admin named "automation" (reload, CSV export,
    /// creating the first accounts). Unset: staff log in with their accounts only.
    #[arg(skip)]
    pub admin_token: Option<String>,
}

/// Shortest automation token accepted: the service refuses to start with a shorter one.
pub const MIN_ADMIN_TOKEN_CHARS: usize = 32;

impl ServeConfig {
    /// Defaults for `kb` (tests and benchmarks), statistics off, rate limiting on, admin token unset.
    pub fn for_tests(kb: PathBuf) -> ServeConfig {
        ServeConfig {
            listen: "127.0.0.1:0".parse().expect("valid address"),
            kb,
            data_dir: PathBuf::from("data"),
            sites: None,
            database: None,
            database_ca: None,
            site_id: None,
            no_stats: true,
            retention_days: 90,
            cors_origins: Vec::new(),
            rate_burst: 60,
            rate_per_second: 2,
            suggest_burst: 600,
            suggest_per_second: 30,
            no_rate_limit: false,
            trusted_proxies: Vec::new(),
            client_header: ClientHeader::XForwardedFor,
            trust_forwarded_for: false,
            max_body_bytes: 16 * 1024,
            body_timeout_secs: 5,
            request_timeout_secs: 10,
            max_connections: 1024,
            header_read_timeout_secs: 10,
            shutdown_grace_secs: 10,
            metrics_listen: None,
            metrics_private: false,
            reply_cache: crate::engine::REPLY_CACHE_ENTRIES,
            no_watch: true,
            log: "warn".into(),
            log_format: "text".into(),
            session_idle_minutes: 120,
            session_max_hours: 12,
            insecure_cookies: false,
            admin_token: None,
        }
    }

    /// The trusted proxies, with the deprecated `--trust-forwarded-for` as loopback.
    pub fn proxies(&self) -> Vec<IpNet> {
        let mut proxies = self.trusted_proxies.clone();
        if self.trust_forwarded_for {
            proxies.extend(["127.0.0.0/8", "::1/128"].map(|p| p.parse::<IpNet>().expect("valid")));
        }
        proxies
    }

    /// Reads the admin token from `CDM_FAQ_ADMIN_TOKEN` (empty = unset).
    pub fn with_admin_token_from_env(mut self) -> ServeConfig {
        self.admin_token = std::env::var("CDM_FAQ_ADMIN_TOKEN")
            .ok()
            .filter(|t| !t.trim().is_empty());
        self
    }

    /// Refuses settings the service must not start with (today: a short automation token), with a
    /// message for the operator.
    pub fn check(&self) -> Result<(), String> {
        if let Some(token) = &self.admin_token
            && token.trim().chars().count() < MIN_ADMIN_TOKEN_CHARS
        {
            return Err(format!(
                "CDM_FAQ_ADMIN_TOKEN is shorter than {MIN_ADMIN_TOKEN_CHARS} characters: use a long random value (e.g. `openssl rand -hex 32`) or unset it"
            ));
        }
        Ok(())
    }

    /// How long staff sessions last.
    pub fn session_policy(&self) -> crate::accounts::SessionPolicy {
        crate::accounts::SessionPolicy {
            idle: std::time::Duration::from_secs(self.session_idle_minutes.saturating_mul(60)),
            absolute: std::time::Duration::from_secs(self.session_max_hours.saturating_mul(3600)),
        }
    }
}

impl std::fmt::Debug for ServeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the admin token.
        f.debug_struct("ServeConfig")
            .field("listen", &self.listen)
            .field("kb", &self.kb)
            .field("data_dir", &self.data_dir)
            .field("sites", &self.sites)
            .field("site_id", &self.site_id)
            .field("no_stats", &self.no_stats)
            .field("retention_days", &self.retention_days)
            .field("cors_origins", &self.cors_origins)
            .field("rate_burst", &self.rate_burst)
            .field("rate_per_second", &self.rate_per_second)
            .field("suggest_burst", &self.suggest_burst)
            .field("suggest_per_second", &self.suggest_per_second)
            .field("no_rate_limit", &self.no_rate_limit)
            .field("trusted_proxies", &self.proxies())
            .field("client_header", &self.client_header)
            .field("max_connections", &self.max_connections)
            .field("header_read_timeout_secs", &self.header_read_timeout_secs)
            .field("shutdown_grace_secs", &self.shutdown_grace_secs)
            .field("metrics_listen", &self.metrics_listen)
            .field("metrics_private", &self.metrics_private)
            .field("session_idle_minutes", &self.session_idle_minutes)
            .field("session_max_hours", &self.session_max_hours)
            .field("insecure_cookies", &self.insecure_cookies)
            .field("admin_token", &self.admin_token.as_ref().map(|_| "[set]"))
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxies_are_ranges_or_addresses() {
        assert_eq!(parse_proxy("10.0.0.0/8").unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(
            parse_proxy(" 127.0.0.1").unwrap().to_string(),
            "127.0.0.1/32"
        );
        assert_eq!(parse_proxy("::1").unwrap().to_string(), "::1/128");
        assert!(parse_proxy("proxy.example").is_err());
    }

    #[test]
    fn trust_forwarded_for_means_a_local_proxy() {
        let mut config = ServeConfig::for_tests(PathBuf::from("kb"));
        assert!(config.proxies().is_empty());
        config.trust_forwarded_for = true;
        let proxies = config.proxies();
        assert!(
            proxies
                .iter()
                .any(|p| p.contains(&"127.0.0.1".parse::<IpAddr>().unwrap()))
        );
        assert!(
            proxies
                .iter()
                .any(|p| p.contains(&"::1".parse::<IpAddr>().unwrap()))
        );
    }
}
