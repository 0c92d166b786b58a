//! The HTTP service: the public API under `/api/v1`, the widget and its demo page, operations
//! endpoints, and the editors' and counsellors' pages. Handlers are thin: validate, call the engine,
//! map the result. [`router`] is THE list of routes; [`App::build`] assembles the state from settings
//! (tests use the same builder); [`serve`] binds, serves (`server.rs`: connection cap, timeouts) and
//! shuts down gracefully within a deadline.

pub mod admin;
mod ask;
mod catalogue;
mod connection_io;
pub mod error;
mod feedback;
mod health;
pub mod json;
mod metrics;
mod mount;
mod observe;
mod openapi;
pub mod params;
mod rate_limit;
mod security_headers;
mod server;
mod sites;
mod state;
mod suggest;
mod views;
mod widget;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use catalogue::{Entries, EntrySummary, PartnerView, Partners, ThemeView, Themes};
pub use error::{ApiError, ERROR_CODES, ErrorBody};
pub use metrics::Metrics;
pub use openapi::document as openapi_document;
pub use rate_limit::{ClientIdentity, RateLimit, RouteGroup};
pub use security_headers::PAGE_CSP;
pub use server::ConnectionSettings;
pub use sites::{Sites, SitesError};
pub use state::AppState;
pub use suggest::Suggestions;
pub use widget::{DEMO_CSP, widget_compressed, widget_source};

use crate::accounts::Accounts;
use crate::config::ServeConfig;
use crate::editing::{HISTORY_FILE, KnowledgeStore};
use crate::engine::{Engine, EngineError};
use crate::live::{LiveEngine, QUIET_PERIOD};
use crate::stats::{DATABASE_FILE, Recorder};

/// All routes, with their layers.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/v1/ask", get(ask::ask_get).post(ask::ask_post))
        .route(
            "/api/v1/suggest",
            get(suggest::suggest_get).post(suggest::suggest_post),
        )
        .route("/api/v1/themes", get(catalogue::list_themes))
        .route("/api/v1/entries", get(catalogue::list_entries))
        .route("/api/v1/entries/{*id}", get(catalogue::find_entry))
        .route("/api/v1/partners", get(catalogue::list_partners))
        .route("/api/v1/partners/{id}", get(catalogue::find_partner))
        .route("/api/v1/handoff", get(catalogue::find_handoff))
        .route("/api/v1/feedback", post(feedback::give_feedback))
        .route("/api/v1/views", post(views::record_view))
        .route("/api/v1/openapi.json", get(openapi::openapi))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            rate_limit::limit,
        ))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes));
    let mut routes = Router::new()
        .route("/", get(widget::demo_page))
        .route("/widget.js", get(widget::widget_js))
        .route("/demo.css", get(widget::demo_css))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz));
    // In a deployment of several sites, `/metrics` is the deployment's (`sites.rs`), at the root only.
    if state.config.metrics_listen.is_none() && state.config.site_id.is_none() {
        routes = routes.route("/metrics", get(metrics::metrics));
    }
    routes
        .merge(api)
        .merge(admin::routes())
        .fallback(|| async { ApiError::NotFound.into_response() })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed.into_response() })
        .layer(axum::middleware::from_fn(error::errors_in_our_format))
        // Outside the JSON conversion, so that every error on a staff page can become a page.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            admin::staff_error_pages,
        ))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            observe::timeout,
        ))
        // Outermost, so that preflight requests are answered before any route or fallback.
        .layer(cors(&state.config))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            observe::observe,
        ))
        // Outermost: also on CORS preflights, timeouts and fallbacks.
        .layer(axum::middleware::from_fn(
            security_headers::security_headers,
        ))
        .with_state(state)
}

/// The router of `--metrics-listen`: `/metrics` only (no token: that address is meant to be private).
pub fn metrics_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics::metrics_open))
        .fallback(|| async { ApiError::NotFound.into_response() })
        .with_state(state)
}

fn cors(config: &ServeConfig) -> CorsLayer {
    let layer = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT_LANGUAGE])
        // The widget reads Retry-After to tell the visitor how long to wait.
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(3600));
    if config.cors_origins.iter().any(|o| o.trim() == "*") {
        return layer.allow_origin(AllowOrigin::any());
    }
    let origins: Vec<HeaderValue> = config
        .cors_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim().trim_end_matches('/')).ok())
        .collect();
    layer.allow_origin(AllowOrigin::list(origins))
}

/// The assembled service.
pub struct App {
    /// Shared state.
    pub state: AppState,
    watcher: Option<crate::live::Watch>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("state", &self.state)
            .field("watching", &self.watcher.is_some())
            .finish()
    }
}

/// What the sites of one process share: the metrics (one `/metrics`), the rate limiter (a client's
/// budget is the deployment's, not one per site) and the password-hashing slots (the machine's CPU).
#[derive(Debug, Clone)]
pub struct Shared {
    /// The metrics.
    pub metrics: Arc<Metrics>,
    /// The rate limiter (None when switched off).
    pub rate_limit: Option<Arc<RateLimit>>,
    /// Password checks allowed at once, all sites together.
    pub logins: Arc<tokio::sync::Semaphore>,
    /// The PostgreSQL database replicas share (`--database`), one pool for every site.
    pub database: Option<Arc<crate::database::Database>>,
}

impl Shared {
    /// Fresh metrics, and a rate limiter as `config` says.
    pub fn new(config: &ServeConfig) -> Shared {
        Shared {
            metrics: Arc::new(Metrics::new()),
            rate_limit: (!config.no_rate_limit).then(|| RateLimit::from_config(config)),
            logins: Arc::new(tokio::sync::Semaphore::new(admin::HASHING_SLOTS)),
            database: None,
        }
    }

    /// [`Shared::new`], with the pool of the database `config` names (migrations applied when it
    /// answers; a replica may start without it when it has a copy of its knowledge base).
    pub fn connect(config: &ServeConfig) -> Result<Shared, crate::database::DatabaseError> {
        let mut shared = Shared::new(config);
        if let Some(url) = &config.database {
            let url = url.clone().with_ca(config.database_ca.clone());
            let database = crate::database::Database::open(&url)?;
            tracing::info!(database = %database.shown_url(), "accounts and sessions in PostgreSQL");
            shared.database = Some(Arc::new(database));
        }
        Ok(shared)
    }
}

impl App {
    /// Loads the knowledge base and starts statistics and file watching as configured.
    pub fn build(config: ServeConfig) -> Result<App, EngineError> {
        let engine = Engine::load(&config.kb)?;
        Ok(App::with_engine(engine, config))
    }

    /// Builds the service around an already loaded engine.
    pub fn with_engine(engine: Engine, config: ServeConfig) -> App {
        let shared = Shared::new(&config);
        App::assemble(engine, config, crate::deployment::SINGLE_SITE_ID, &shared)
    }

    /// Builds site `site` of a deployment around its loaded engine: `config` is the site's (its
    /// knowledge base, its data folder), `shared` what the sites share.
    pub fn assemble(engine: Engine, config: ServeConfig, site: &str, shared: &Shared) -> App {
        App::assemble_with(engine, config, site, shared, None)
    }

    /// [`App::assemble`] with the site's knowledge-base store (`None`: the folder `config.kb`, with
    /// its history in the data folder).
    pub fn assemble_with(
        engine: Engine,
        config: ServeConfig,
        site: &str,
        shared: &Shared,
        store: Option<KnowledgeStore>,
    ) -> App {
        let live = LiveEngine::new(engine, &config.kb, config.reply_cache);
        let (stats, stats_at) = if config.no_stats {
            (Recorder::disabled(), None)
        } else {
            let location = match &shared.database {
                Some(database) => crate::stats::StatsLocation::Database {
                    database: Arc::clone(database),
                    site: site.to_string(),
                },
                None => crate::stats::StatsLocation::File(config.data_dir.join(DATABASE_FILE)),
            };
            (
                Recorder::start(location.clone(), config.retention_days),
                Some(location),
            )
        };
        let watcher = if config.no_watch {
            None
        } else {
            match live.watch(QUIET_PERIOD) {
                Ok(w) => Some(w),
                Err(e) => {
                    tracing::warn!(site, error = %e, "cannot watch the knowledge-base folder; use POST /admin/reload after edits");
                    None
                }
            }
        };
        let (config_data_dir, session_policy) = (config.data_dir.clone(), config.session_policy());
        let store = Arc::new(store.unwrap_or_else(|| {
            KnowledgeStore::files(&config.kb, &config.data_dir.join(HISTORY_FILE))
        }));
        shared
            .metrics
            .add_site(site, Arc::clone(&live), stats.clone());
        let state = AppState {
            live,
            config: Arc::new(config),
            stats,
            stats_at,
            metrics: Arc::clone(&shared.metrics),
            rate_limit: shared.rate_limit.clone(),
            accounts: Arc::new(match &shared.database {
                Some(database) => Accounts::in_database(Arc::clone(database), site, session_policy),
                None => Accounts::in_data_dir(&config_data_dir, session_policy),
            }),
            database: shared.database.clone(),
            logins: Arc::clone(&shared.logins),
            store,
        };
        App { state, watcher }
    }

    /// The router.
    pub fn router(&self) -> Router {
        router(self.state.clone())
    }
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests in flight");
}

/// Serves until SIGTERM or Ctrl-C, then finishes the requests in flight within
/// `--shutdown-grace-secs` and cuts the rest. Prints `cdm-faq listening on http://ADDRESS` on standard
/// output once ready (and `cdm-faq metrics on http://ADDRESS/metrics` with `--metrics-listen`).
pub async fn serve(sites: Sites) -> std::io::Result<()> {
    let config = Arc::clone(sites.config());
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let address = listener.local_addr()?;
    let metrics_listener = match config.metrics_listen {
        Some(at) => Some(tokio::net::TcpListener::bind(at).await?),
        None => None,
    };
    for (spec, app) in sites.iter() {
        let engine = app.state.live.current();
        let stats = engine.index_stats();
        tracing::info!(
            site = spec.id,
            version = engine.knowledge_base().version(),
            entries = stats.entries,
            partners = stats.partners,
            index_build_ms = stats.build_time.as_secs_f64() * 1000.0,
            "knowledge base loaded"
        );
    }
    if config.admin_token.is_none() {
        tracing::info!(
            "CDM_FAQ_ADMIN_TOKEN is not set: staff log in with their accounts (cdm-faq user add)"
        );
    }
    if config.metrics_private && config.admin_token.is_none() && config.metrics_listen.is_none() {
        tracing::warn!(
            "--metrics-private without CDM_FAQ_ADMIN_TOKEN: /metrics answers unauthorized to everyone"
        );
    }
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        if let Some(l) = &metrics_listener {
            writeln!(out, "cdm-faq metrics on http://{}/metrics", l.local_addr()?)?;
        }
        writeln!(out, "cdm-faq listening on http://{address}")?;
        out.flush()?;
    }
    if let Some(limiter) = sites.shared().rate_limit.clone() {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                limiter.forget_idle();
            }
        });
    }
    let metrics = Arc::clone(&sites.shared().metrics);
    let settings = ConnectionSettings {
        max_connections: config.max_connections,
        header_read_timeout: Duration::from_secs(config.header_read_timeout_secs.max(1)),
        shutdown_grace: Duration::from_secs(config.shutdown_grace_secs),
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let until_stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|s| *s).await;
    };
    let metrics_server = metrics_listener.map(|l| {
        let (_, first) = sites.iter().next().expect("a deployment has a site");
        tokio::spawn(server::run(
            l,
            metrics_router(first.state.clone()),
            settings.clone(),
            Arc::clone(&metrics),
            until_stopped(stopped.clone()),
        ))
    });
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    });
    server::run(
        listener,
        sites.router(),
        settings,
        metrics,
        until_stopped(stopped),
    )
    .await;
    if let Some(task) = metrics_server {
        let _ = task.await;
    }
    if !sites.flush(Duration::from_secs(5)) {
        tracing::warn!("some statistics could not be written before exit");
    }
    drop(sites);
    Ok(())
}
