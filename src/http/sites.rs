//! The sites of one process ([`Sites`]) and the router in front of them. Each site is a whole service
//! of its own ([`App`]: its engine and reloads, statistics, accounts and sessions, editors' store, its
//! router with every layer), built from its own settings (its knowledge base, its data folder
//! `<data-dir>/<id>/`, its browser origins); what they share is the process's: the metrics, the rate
//! limiter (a client's budget is the deployment's) and the password-hashing slots.
//!
//! Without a sites file there is one site and its router is the service's, unchanged. With one, a
//! request goes, in this order:
//! 1. under `/<id>/...` → site `id`, the prefix taken off before its router sees the path and put back
//!    on what goes out (`mount.rs`);
//! 2. `/healthz`, `/readyz`, `/metrics` at the root → the deployment's own (every site's readiness and
//!    gauges);
//! 3. a host name of a site (`Host`, without its port) → that site at the root;
//! 4. the default site, when there is one → it, at the root;
//! 5. otherwise `404 not_found` in our JSON shape.
//!
//! Since every site has its own accounts database and its cookie is scoped to its own prefix, a staff
//! session of one site is nothing to another: its routes answer as to a stranger.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use tower::ServiceExt;

use super::error::ApiError;
use super::mount;
use super::{App, Shared, security_headers};
use crate::config::ServeConfig;
use crate::deployment::{Deployment, SiteSpec, SitesFileError};
use crate::editing::{KnowledgeStore, PostgresStore};
use crate::engine::{Engine, EngineError};
use crate::live::ReloadReport;

/// The sites could not be started.
#[derive(Debug, thiserror::Error)]
pub enum SitesError {
    /// The sites file is unreadable or wrong.
    #[error("the sites file has problems:\n{0}")]
    SitesFile(#[from] SitesFileError),
    /// A site's knowledge base cannot be loaded (the service does not start with a broken one).
    #[error("site {site:?}: {error}")]
    Site {
        /// The site's id.
        site: String,
        /// Why.
        error: EngineError,
    },
    /// A site's knowledge base cannot be seeded into or copied from the database.
    #[error("site {site:?}: {error}")]
    KnowledgeBase {
        /// The site's id.
        site: String,
        /// Why.
        error: crate::editing::HistoryError,
    },
    /// The shared database cannot be reached or migrated.
    #[error("{0}")]
    Database(#[from] crate::database::DatabaseError),
}

/// The sites served by this process, each assembled into its own [`App`].
#[derive(Debug)]
pub struct Sites {
    deployment: Deployment,
    apps: Vec<App>,
    shared: Shared,
    config: Arc<ServeConfig>,
}

impl Sites {
    /// Reads the sites file when `config.sites` names one (else the one site of `config.kb`), loads every
    /// site's knowledge base and assembles its service.
    pub fn build(config: ServeConfig) -> Result<Sites, SitesError> {
        let deployment = match &config.sites {
            Some(path) => Deployment::load(path)?,
            None => Deployment::single(&config.kb),
        };
        let shared = Shared::connect(&config)?;
        let mut engines = Vec::new();
        let mut stores = Vec::new();
        for spec in &deployment.sites {
            let (kb, store) = match &shared.database {
                None => (spec.kb.clone(), None),
                Some(database) => {
                    let copy = deployment
                        .data_dir(&config.data_dir, spec)
                        .join(crate::editing::COPY_FOLDER);
                    let store =
                        PostgresStore::open(Arc::clone(database), &spec.id, &spec.kb, &copy)
                            .map_err(|error| SitesError::KnowledgeBase {
                                site: spec.id.clone(),
                                error,
                            })?;
                    (copy, Some(KnowledgeStore::Postgres(store)))
                }
            };
            let engine = Engine::load(&kb).map_err(|error| SitesError::Site {
                site: spec.id.clone(),
                error,
            })?;
            engines.push(engine);
            stores.push(store);
        }
        Ok(Sites::with_stores(
            deployment, engines, stores, config, shared,
        ))
    }

    /// Assembles the sites of `deployment` around their loaded engines (same order).
    pub fn with_engines(
        deployment: Deployment,
        engines: Vec<Engine>,
        config: ServeConfig,
    ) -> Sites {
        let shared = Shared::new(&config);
        Sites::with_shared(deployment, engines, config, shared)
    }

    /// [`Sites::with_engines`] around what the sites share (a database connection, say).
    pub fn with_shared(
        deployment: Deployment,
        engines: Vec<Engine>,
        config: ServeConfig,
        shared: Shared,
    ) -> Sites {
        let stores = engines.iter().map(|_| None).collect();
        Sites::with_stores(deployment, engines, stores, config, shared)
    }

    /// [`Sites::with_shared`], each site with its knowledge-base store when it is not the folder's
    /// (the database's, for replicas: the site then serves the store's copy, which is not watched but
    /// followed, see [`follow`]).
    pub fn with_stores(
        deployment: Deployment,
        engines: Vec<Engine>,
        stores: Vec<Option<KnowledgeStore>>,
        config: ServeConfig,
        shared: Shared,
    ) -> Sites {
        let apps: Vec<App> = deployment
            .sites
            .iter()
            .zip(engines.into_iter().zip(stores))
            .map(|(spec, (engine, store))| {
                let mut site = site_config(&config, &deployment, spec);
                if let Some(KnowledgeStore::Postgres(copy)) = &store {
                    site.kb = copy.copy().to_path_buf();
                    site.no_watch = true;
                }
                App::assemble_with(engine, site, &spec.id, &shared, store)
            })
            .collect();
        if let Some(database) = &shared.database {
            follow(database, &apps);
        }
        Sites {
            deployment,
            apps,
            shared,
            config: Arc::new(config),
        }
    }

    /// One site, as [`App::build`] would serve it.
    pub fn single(app: App) -> Sites {
        let config = Arc::clone(&app.state.config);
        let shared = Shared {
            metrics: Arc::clone(&app.state.metrics),
            rate_limit: app.state.rate_limit.clone(),
            logins: Arc::clone(&app.state.logins),
            database: app.state.database.clone(),
        };
        Sites {
            deployment: Deployment::single(&config.kb),
            apps: vec![app],
            shared,
            config,
        }
    }

    /// The service-wide settings (address, connections, metrics).
    pub fn config(&self) -> &Arc<ServeConfig> {
        &self.config
    }

    /// What the sites share.
    pub fn shared(&self) -> &Shared {
        &self.shared
    }

    /// The sites with their services, in the sites file's order.
    pub fn iter(&self) -> impl Iterator<Item = (&SiteSpec, &App)> {
        self.deployment.sites.iter().zip(&self.apps)
    }

    /// The service of site `id`.
    pub fn get(&self, id: &str) -> Option<&App> {
        self.iter().find(|(s, _)| s.id == id).map(|(_, app)| app)
    }

    /// The router: the one site's own without a sites file, else the dispatch in front of them.
    pub fn router(&self) -> Router {
        if self.deployment.single {
            return self.apps[0].router();
        }
        let mut by_host = HashMap::new();
        let mut routers = Vec::new();
        let mut default = None;
        for (index, (spec, app)) in self.iter().enumerate() {
            for host in &spec.hosts {
                by_host.insert(host.clone(), index);
            }
            if spec.default {
                default = Some(index);
            }
            routers.push((spec.id.clone(), spec.prefix(), app.router()));
        }
        let own = Router::new()
            .route("/healthz", get(super::health::healthz))
            .route("/readyz", get(deployment_ready))
            .route("/metrics", get(deployment_metrics))
            .fallback(|| async { ApiError::NotFound.into_response() })
            .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed.into_response() })
            .layer(axum::middleware::from_fn(
                security_headers::security_headers,
            ))
            .with_state(Arc::new(OwnState {
                sites: self
                    .iter()
                    .map(|(spec, app)| (spec.id.clone(), app.state.clone()))
                    .collect(),
                config: Arc::clone(&self.config),
            }));
        let table = Arc::new(DispatchTable {
            routers,
            by_host,
            default,
            own,
        });
        Router::new().fallback(move |request: Request| dispatch(Arc::clone(&table), request))
    }

    /// Waits up to `deadline` for every site's statistics to be written; false when some were not.
    pub fn flush(&self, deadline: std::time::Duration) -> bool {
        // Every site is flushed, even after one fails.
        let flushed: Vec<bool> = self
            .apps
            .iter()
            .map(|app| app.state.stats.flush(deadline))
            .collect();
        flushed.into_iter().all(|f| f)
    }
}

/// Keeps every site whose knowledge base is in `database` up to date: on each save's notification (and
/// after a reconnection, and every few seconds), the site's copy catches up off the async workers and
/// the site reloads it. A site whose new version has errors keeps serving its last good one, as with
/// files.
fn follow(database: &crate::database::Database, apps: &[App]) {
    let followers: Vec<(String, Arc<KnowledgeStore>, Arc<crate::live::LiveEngine>)> = apps
        .iter()
        .filter(|app| matches!(*app.state.store, KnowledgeStore::Postgres(_)))
        .map(|app| {
            let store = Arc::clone(&app.state.store);
            let site = match &*store {
                KnowledgeStore::Postgres(p) => p.site().to_string(),
                KnowledgeStore::Files(_) => unreachable!("filtered above"),
            };
            (site, store, Arc::clone(&app.state.live))
        })
        .collect();
    if followers.is_empty() {
        return;
    }
    database.subscribe(crate::editing::KB_CHANNEL, move |notice| {
        let only = notice
            .as_deref()
            .and_then(|payload| payload.rsplit_once(':'))
            .map(|(site, _)| site.to_string());
        for (site, store, live) in &followers {
            if only.as_ref().is_some_and(|o| o != site) {
                continue;
            }
            let (store, live, site) = (Arc::clone(store), Arc::clone(live), site.clone());
            tokio::task::spawn_blocking(move || {
                let KnowledgeStore::Postgres(copy) = &*store else {
                    return;
                };
                match copy.catch_up() {
                    Ok(true) => {
                        let report = live.reload();
                        tracing::info!(site, outcome = ?report.outcome, version = %report.version, "followed a save made on another replica");
                    }
                    Ok(false) => {}
                    Err(e) => tracing::warn!(site, error = %e, "cannot catch up with the database's knowledge base"),
                }
            });
        }
    });
}

/// Site `spec`'s settings: the service's, with its knowledge base, data folder and origins.
fn site_config(config: &ServeConfig, deployment: &Deployment, spec: &SiteSpec) -> ServeConfig {
    let mut site = config.clone();
    site.kb = spec.kb.clone();
    site.data_dir = deployment.data_dir(&config.data_dir, spec);
    if let Some(origins) = &spec.cors_origins {
        site.cors_origins = origins.clone();
    }
    site.site_id = (!deployment.single).then(|| spec.id.clone());
    site
}

struct DispatchTable {
    /// (id, `/id`, router), in the sites file's order.
    routers: Vec<(String, String, Router)>,
    by_host: HashMap<String, usize>,
    default: Option<usize>,
    own: Router,
}

/// The site a request goes to, and whether under its prefix.
fn route<'t>(table: &'t DispatchTable, path: &str, headers: &HeaderMap) -> Target<'t> {
    let first = path
        .strip_prefix('/')
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default();
    if let Some((_, prefix, router)) = table.routers.iter().find(|(id, _, _)| id == first) {
        return Target::Prefixed(prefix, router);
    }
    if matches!(path, "/healthz" | "/readyz" | "/metrics") {
        return Target::Own;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(host_name);
    if let Some(&index) = host.and_then(|h| table.by_host.get(&h)) {
        return Target::Root(&table.routers[index].2);
    }
    match table.default {
        Some(index) => Target::Root(&table.routers[index].2),
        None => Target::Own,
    }
}

enum Target<'t> {
    Prefixed(&'t str, &'t Router),
    Root(&'t Router),
    Own,
}

/// `Host: FAQ.example.be:8080` → `faq.example.be` (an IPv6 literal keeps its brackets).
fn host_name(host: &str) -> String {
    let host = host.trim();
    let name = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}

async fn dispatch(table: Arc<DispatchTable>, mut request: Request) -> Response {
    let target = route(&table, request.uri().path(), request.headers());
    let router = match target {
        Target::Own => table.own.clone(),
        Target::Root(router) => router.clone(),
        Target::Prefixed(prefix, router) => {
            let prefix = prefix.to_string();
            let router = router.clone();
            let Some(uri) = strip_prefix(request.uri(), &prefix) else {
                return ApiError::NotFound.into_response();
            };
            *request.uri_mut() = uri;
            mount::prepare(&mut request);
            let response = match router.oneshot(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            };
            return mount::finish(response, &prefix).await;
        }
    };
    match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// `/namur/api/v1/ask?q=x` without `/namur`: `/api/v1/ask?q=x` (`/namur` alone is `/`).
fn strip_prefix(uri: &Uri, prefix: &str) -> Option<Uri> {
    let rest = uri.path().strip_prefix(prefix)?;
    let path = if rest.is_empty() { "/" } else { rest };
    let path_and_query = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_string(),
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(path_and_query.parse().ok()?);
    Uri::from_parts(parts).ok()
}

struct OwnState {
    sites: Vec<(String, super::AppState)>,
    config: Arc<ServeConfig>,
}

#[derive(Debug, Serialize)]
struct SiteReady {
    id: String,
    version: String,
    entries: usize,
    statistics_state: crate::stats::StatsState,
    last_reload: Option<ReloadReport>,
}

#[derive(Debug, Serialize)]
struct DeploymentReady {
    status: &'static str,
    sites: Vec<SiteReady>,
}

/// `GET /readyz` at the root of a deployment: every site serves a knowledge base (a site whose last
/// edit was refused keeps serving its last good one, as `last_reload` says).
async fn deployment_ready(State(own): State<Arc<OwnState>>) -> Json<DeploymentReady> {
    let sites = own
        .sites
        .iter()
        .map(|(id, state)| {
            let engine = state.live.current();
            SiteReady {
                id: id.clone(),
                version: engine.knowledge_base().version().to_string(),
                entries: engine.knowledge_base().entries().len(),
                statistics_state: state.stats.state(),
                last_reload: state.live.last_report(),
            }
        })
        .collect();
    Json(DeploymentReady {
        status: "ready",
        sites,
    })
}

/// `GET /metrics` at the root of a deployment: the process's metrics, every site's gauges.
async fn deployment_metrics(State(own): State<Arc<OwnState>>, headers: HeaderMap) -> Response {
    if own.config.metrics_listen.is_some() {
        return ApiError::NotFound.into_response();
    }
    let (_, state) = &own.sites[0];
    super::metrics::metrics_with(&own.config, &state.metrics, &headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_lose_port_case_and_final_dot() {
        assert_eq!(host_name("FAQ.Example.be:8080"), "faq.example.be");
        assert_eq!(host_name("faq.example.be."), "faq.example.be");
        assert_eq!(host_name("[::1]:8080"), "[::1]");
        assert_eq!(host_name("localhost"), "localhost");
    }

    #[test]
    fn prefixes_come_off_with_the_query_kept() {
        let uri: Uri = "/namur/api/v1/ask?q=emploi".parse().unwrap();
        assert_eq!(
            strip_prefix(&uri, "/namur").unwrap(),
            "/api/v1/ask?q=emploi"
        );
        let uri: Uri = "/namur".parse().unwrap();
        assert_eq!(strip_prefix(&uri, "/namur").unwrap(), "/");
    }

    #[test]
    fn requests_go_to_prefix_then_operations_then_host_then_default() {
        let router = |_: &str| Router::new();
        let table = DispatchTable {
            routers: vec![
                ("brussels".into(), "/brussels".into(), router("b")),
                ("namur".into(), "/namur".into(), router("n")),
            ],
            by_host: HashMap::from([("faq.namur.example".to_string(), 1)]),
            default: Some(0),
            own: Router::new(),
        };
        let headers = |host: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, host.parse().unwrap());
            h
        };
        let which = |path: &str, host: &str| match route(&table, path, &headers(host)) {
            Target::Prefixed(prefix, _) => format!("prefixed {prefix}"),
            Target::Root(r) => {
                if std::ptr::eq(r, &table.routers[0].2) {
                    "root brussels".into()
                } else {
                    "root namur".into()
                }
            }
            Target::Own => "own".into(),
        };
        assert_eq!(
            which("/namur/api/v1/ask", "other.example"),
            "prefixed /namur"
        );
        assert_eq!(which("/namur", "other.example"), "prefixed /namur");
        assert_eq!(which("/namurx/api", "faq.namur.example"), "root namur");
        assert_eq!(which("/api/v1/ask", "FAQ.namur.example:443"), "root namur");
        assert_eq!(which("/api/v1/ask", "other.example"), "root brussels");
        assert_eq!(which("/readyz", "faq.namur.example"), "own");
        let no_default = DispatchTable {
            default: None,
            ..table
        };
        assert!(matches!(
            route(&no_default, "/api/v1/ask", &headers("other.example")),
            Target::Own
        ));
    }
}
