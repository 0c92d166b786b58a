//! Settings of the HTTP service, from the command line or the environment (`cdm-faq serve --help`).
//! Every field says its default; the defaults run the service on the bundled knowledge base with
//! nothing else installed.

use std::net::SocketAddr;
use std::path::PathBuf;

/// `cdm-faq serve` settings.
#[derive(Clone, clap::Args)]
pub struct ServeConfig {
    /// Address and port to listen on (port 0 picks a free one; the chosen address is printed).
    #[arg(long, env = "CDM_FAQ_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Knowledge-base folder, watched for edits.
    #[arg(long, env = "CDM_FAQ_KB", default_value = "knowledge-base")]
    pub kb: PathBuf,
    /// Folder of the anonymous statistics database (created when missing).
    #[arg(long, env = "CDM_FAQ_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
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
    /// Requests a client may make in a burst, per route group (ask, suggest, other).
    #[arg(long, env = "CDM_FAQ_RATE_BURST", default_value_t = 20)]
    pub rate_burst: u32,
    /// Requests per second a client may make once the burst is spent, per route group.
    #[arg(long, env = "CDM_FAQ_RATE_PER_SECOND", default_value_t = 1)]
    pub rate_per_second: u32,
    /// Switch rate limiting off (load tests).
    #[arg(long, env = "CDM_FAQ_NO_RATE_LIMIT")]
    pub no_rate_limit: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted reverse proxy).
    #[arg(long, env = "CDM_FAQ_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
    /// Longest question accepted, in characters (longer ones get `question_too_long`).
    #[arg(long, env = "CDM_FAQ_MAX_QUESTION_CHARS", default_value_t = 1000)]
    pub max_question_chars: usize,
    /// Largest request body accepted, in bytes (larger ones get `body_too_large`).
    #[arg(long, env = "CDM_FAQ_MAX_BODY_BYTES", default_value_t = 16 * 1024)]
    pub max_body_bytes: usize,
    /// Seconds after which a request is answered with `timeout`.
    #[arg(long, env = "CDM_FAQ_REQUEST_TIMEOUT_SECS", default_value_t = 10)]
    pub request_timeout_secs: u64,
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
            no_stats: true,
            retention_days: 90,
            cors_origins: Vec::new(),
            rate_burst: 20,
            rate_per_second: 1,
            no_rate_limit: false,
            trust_forwarded_for: false,
            max_question_chars: 1000,
            max_body_bytes: 16 * 1024,
            request_timeout_secs: 10,
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
            .field("no_stats", &self.no_stats)
            .field("retention_days", &self.retention_days)
            .field("cors_origins", &self.cors_origins)
            .field("rate_burst", &self.rate_burst)
            .field("rate_per_second", &self.rate_per_second)
            .field("no_rate_limit", &self.no_rate_limit)
            .field("session_idle_minutes", &self.session_idle_minutes)
            .field("session_max_hours", &self.session_max_hours)
            .field("insecure_cookies", &self.insecure_cookies)
            .field("admin_token", &self.admin_token.as_ref().map(|_| "[set]"))
            .finish_non_exhaustive()
    }
}
