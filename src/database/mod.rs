//! PostgreSQL, the scale-out store that replicas share (`--database postgres://...`); SQLite files in
//! the data folder stay the embedded default and nothing here is used without that setting.
//!
//! The driver is `tokio-postgres` with the `deadpool-postgres` pool: both well kept, async, no C
//! library, and small next to sqlx (whose SQLite side would bring a second SQLite into the build beside
//! rusqlite's). The stores that use it are synchronous — they run off the async workers, in
//! `spawn_blocking` or on the statistics threads — so [`Database`] owns a small runtime of its own on
//! which every query runs: [`Database::run`] hands it a piece of work and waits for the result with a
//! deadline, from any thread, and the HTTP runtime never carries database connections. Every
//! connection has a connect timeout and a `statement_timeout`, the pool a wait timeout: a slow or lost
//! database costs a bounded wait and an error, never a stuck request.
//!
//! At connection the versioned migrations (`migrations.rs`) are applied, once even when several
//! replicas start together. TLS (rustls, ring) follows the URL's `sslmode`; the server's certificate is
//! checked against `--database-ca` when given, else against the public web's roots (`webpki-roots`).

mod migrations;
mod url;

use std::future::Future;
use std::time::Duration;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use tokio_postgres_rustls::MakeRustlsConnect;

pub use migrations::{MIGRATIONS, Migration};
pub use url::{DatabaseUrl, redact};

/// How long one piece of work may take, waiting for a connection included.
pub const DEADLINE: Duration = Duration::from_secs(5);
/// How long the server may take to accept a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// The longest a single statement may run on the server.
const STATEMENT_TIMEOUT_MS: u64 = 4_000;
/// How often a listener checks even without a notification (a notification lost with a
/// connection, say).
pub const RECHECK: Duration = Duration::from_secs(10);
/// Connections kept open per process (every site of a deployment shares them).
const POOL_SIZE: usize = 8;

/// A database failure.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    /// The URL could not be read.
    #[error("database URL: {0}")]
    Url(String),
    /// The server refused or failed a statement, or the connection broke.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    /// No connection could be had in time (the server is down or every connection is busy).
    #[error("PostgreSQL connection: {0}")]
    Pool(String),
    /// The work did not finish before its deadline.
    #[error("PostgreSQL did not answer within {} s", DEADLINE.as_secs())]
    Timeout,
    /// The TLS settings could not be read (the certificate authority file).
    #[error("database TLS: {0}")]
    Tls(String),
    /// The database runtime could not start or has stopped.
    #[error("database runtime: {0}")]
    Runtime(String),
}

impl From<deadpool_postgres::PoolError> for DatabaseError {
    fn from(e: deadpool_postgres::PoolError) -> DatabaseError {
        match e {
            deadpool_postgres::PoolError::Backend(e) => DatabaseError::Postgres(e),
            other => DatabaseError::Pool(other.to_string()),
        }
    }
}

/// The runtime the database work runs on; shut down without waiting when dropped (dropping a runtime
/// the usual way blocks, which is refused inside async code).
struct OwnRuntime(Option<tokio::runtime::Runtime>);

impl OwnRuntime {
    fn handle(&self) -> &tokio::runtime::Handle {
        self.0.as_ref().expect("present until dropped").handle()
    }
}

impl Drop for OwnRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

/// A pool of connections to one PostgreSQL database, with its own small runtime.
pub struct Database {
    runtime: OwnRuntime,
    pool: Pool,
    /// The connection settings (for the listening connection, which is not pooled).
    config: tokio_postgres::Config,
    /// TLS as the URL's `sslmode` asks (`prefer`, the default, uses it when the server offers it).
    tls: MakeRustlsConnect,
    /// The URL without its password, for logs and `/readyz`.
    shown: String,
    /// The last health check: when, and whether the server answered.
    health: std::sync::Mutex<Option<(std::time::Instant, bool)>>,
    /// Whether this process has applied (or found) the migrations; until then every piece of work
    /// applies them first (a replica started while the database was down).
    migrated: Arc<AtomicBool>,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("url", &self.shown)
            .finish()
    }
}

/// The TLS connector: the server's certificate is checked against the PEM certificates of `ca`, else
/// against the public web's roots (Mozilla's list, built in).
fn tls_connector(ca: Option<&std::path::Path>) -> Result<MakeRustlsConnect, DatabaseError> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    match ca {
        Some(path) => {
            let certificates = CertificateDer::pem_file_iter(path)
                .map_err(|e| DatabaseError::Tls(format!("{}: {e}", path.display())))?;
            for certificate in certificates {
                let certificate = certificate
                    .map_err(|e| DatabaseError::Tls(format!("{}: {e}", path.display())))?;
                roots
                    .add(certificate)
                    .map_err(|e| DatabaseError::Tls(format!("{}: {e}", path.display())))?;
            }
            if roots.is_empty() {
                return Err(DatabaseError::Tls(format!(
                    "{}: no certificate in the file",
                    path.display()
                )));
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| DatabaseError::Tls(e.to_string()))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

impl Database {
    /// Connects to `url` (`postgres://user:password@host:port/name`, or a key=value string), checks
    /// that the server answers, and applies the migrations this binary knows.
    pub fn connect(url: &DatabaseUrl) -> Result<Database, DatabaseError> {
        let database = Database::build(url)?;
        database.migrate()?;
        Ok(database)
    }

    /// [`Database::connect`] for a replica that may start while the database is down: when the server
    /// does not answer, the pool is returned all the same (a warning is logged), and the migrations are
    /// applied before the first piece of work that reaches the server. A URL that cannot be read is
    /// still an error.
    pub fn open(url: &DatabaseUrl) -> Result<Database, DatabaseError> {
        let database = Database::build(url)?;
        if let Err(e) = database.migrate() {
            tracing::warn!(database = %database.shown, error = %e, "the database does not answer; starting without it");
        }
        Ok(database)
    }

    fn migrate(&self) -> Result<(), DatabaseError> {
        // The work itself applies them (see `with_deadline`); nothing more to do.
        self.run(|_client| async move { Ok(()) })
    }

    fn build(url: &DatabaseUrl) -> Result<Database, DatabaseError> {
        let tls = tls_connector(url.ca())?;
        let mut config: tokio_postgres::Config = url
            .secret()
            .parse()
            .map_err(|e: tokio_postgres::Error| DatabaseError::Url(e.to_string()))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("cdm-faq");
        }
        let timeout = format!("-c statement_timeout={STATEMENT_TIMEOUT_MS}");
        let options = match config.get_options() {
            Some(given) => format!("{given} {timeout}"),
            None => timeout,
        };
        config.options(&options);
        config.keepalives_idle(Duration::from_secs(30));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("database")
            .enable_all()
            .build()
            .map_err(|e| DatabaseError::Runtime(e.to_string()))?;
        let manager = Manager::from_config(
            config.clone(),
            tls.clone(),
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .wait_timeout(Some(DEADLINE))
            .create_timeout(Some(CONNECT_TIMEOUT))
            .recycle_timeout(Some(CONNECT_TIMEOUT))
            .build()
            .map_err(|e| DatabaseError::Url(e.to_string()))?;
        let database = Database {
            runtime: OwnRuntime(Some(runtime)),
            pool,
            config,
            tls,
            shown: url.shown(),
            health: std::sync::Mutex::new(None),
            migrated: Arc::new(AtomicBool::new(false)),
        };
        Ok(database)
    }

    /// The URL without its password.
    pub fn shown_url(&self) -> &str {
        &self.shown
    }

    /// Runs `work` with a pooled connection on the database runtime and waits for its result, at most
    /// [`DEADLINE`]. For synchronous code (off the async workers); async code uses [`Database::run_async`].
    pub fn run<T, F, Fut>(&self, work: F) -> Result<T, DatabaseError>
    where
        F: FnOnce(Object) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, DatabaseError>> + Send + 'static,
        T: Send + 'static,
    {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        let (pool, migrated) = (self.pool.clone(), Arc::clone(&self.migrated));
        self.runtime.handle().spawn(async move {
            let _ = sender.send(Self::with_deadline(pool, migrated, work).await);
        });
        receiver
            .recv_timeout(DEADLINE + Duration::from_millis(500))
            .unwrap_or(Err(DatabaseError::Timeout))
    }

    /// [`Database::run`] for async code: the work still runs on the database runtime.
    pub async fn run_async<T, F, Fut>(&self, work: F) -> Result<T, DatabaseError>
    where
        F: FnOnce(Object) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, DatabaseError>> + Send + 'static,
        T: Send + 'static,
    {
        let (pool, migrated) = (self.pool.clone(), Arc::clone(&self.migrated));
        self.runtime
            .handle()
            .spawn(Self::with_deadline(pool, migrated, work))
            .await
            .map_err(|e| DatabaseError::Runtime(e.to_string()))?
    }

    async fn with_deadline<T, F, Fut>(
        pool: Pool,
        migrated: Arc<AtomicBool>,
        work: F,
    ) -> Result<T, DatabaseError>
    where
        F: FnOnce(Object) -> Fut,
        Fut: Future<Output = Result<T, DatabaseError>>,
    {
        let attempt = async {
            let mut client = pool.get().await?;
            if !migrated.load(Ordering::Acquire) {
                let applied = migrations::apply(&mut client).await?;
                if !applied.is_empty() {
                    tracing::info!(?applied, "database migrations applied");
                }
                migrated.store(true, Ordering::Release);
            }
            work(client).await
        };
        tokio::time::timeout(DEADLINE, attempt)
            .await
            .unwrap_or(Err(DatabaseError::Timeout))
    }

    /// Whether the server answered a trivial query within a second, checked at most once a second
    /// (so that a flood of health checks costs the database nothing).
    pub async fn healthy(&self) -> bool {
        let recent = *self.health.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, ok)) = recent
            && at.elapsed() < Duration::from_secs(1)
        {
            return ok;
        }
        let ok = tokio::time::timeout(Duration::from_secs(1), self.ping())
            .await
            .is_ok_and(|r| r.is_ok());
        *self.health.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((std::time::Instant::now(), ok));
        ok
    }

    /// Listens on `channel` (`LISTEN`) on a connection of its own for as long as the database lives.
    /// `on_notice` is called on the database runtime, so it must not block: with `Some(payload)` for
    /// each notification, and with `None` after every (re)connection and every [`RECHECK`] (something
    /// may have been missed: check). A lost connection is retried every second.
    pub fn subscribe(
        &self,
        channel: &'static str,
        on_notice: impl Fn(Option<String>) + Send + Sync + 'static,
    ) {
        let (config, tls) = (self.config.clone(), self.tls.clone());
        self.runtime.handle().spawn(async move {
            let mut warned: Option<std::time::Instant> = None;
            loop {
                match config.connect(tls.clone()).await {
                    Ok((client, mut connection)) => {
                        let (sender, mut notices) = tokio::sync::mpsc::unbounded_channel();
                        let driver = tokio::spawn(async move {
                            while let Some(Ok(message)) =
                                std::future::poll_fn(|cx| connection.poll_message(cx)).await
                            {
                                if let tokio_postgres::AsyncMessage::Notification(n) = message
                                    && sender.send(n.payload().to_string()).is_err()
                                {
                                    break;
                                }
                            }
                        });
                        if client.batch_execute(&format!("LISTEN {channel}")).await.is_ok() {
                            warned = None;
                            on_notice(None);
                            let mut recheck = tokio::time::interval(RECHECK);
                            recheck.tick().await;
                            loop {
                                tokio::select! {
                                    notice = notices.recv() => match notice {
                                        Some(payload) => on_notice(Some(payload)),
                                        None => break,
                                    },
                                    _ = recheck.tick() => on_notice(None),
                                }
                            }
                        }
                        driver.abort();
                    }
                    Err(e) => {
                        if warned.is_none_or(|at| at.elapsed() > Duration::from_secs(60)) {
                            tracing::warn!(error = %e, channel, "cannot listen to the database; retrying every second");
                            warned = Some(std::time::Instant::now());
                        }
                    }
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }

    /// Whether the server answers a trivial query now.
    pub async fn ping(&self) -> Result<(), DatabaseError> {
        self.run_async(|client| async move {
            client.simple_query("SELECT 1").await?;
            Ok(())
        })
        .await
    }
}

#[cfg(test)]
pub(crate) mod tests {
    //! Properties: an unreachable server is an error after a bounded wait, not a hang; against the
    //! test server (CDM_FAQ_TEST_DATABASE, started by scripts/test.sh), connecting twice applies the
    //! migrations once and work runs from any thread; with `sslmode=require` the connection is
    //! encrypted and the server's certificate is checked against `--database-ca` (refused without it).
    use super::*;

    /// The throwaway test server's URL, when scripts/test.sh started one. Under the test script
    /// (CDM_FAQ_TEST_SCRIPT=1) its absence is a failure: the PostgreSQL side is never skipped silently.
    pub(crate) fn test_url() -> Option<DatabaseUrl> {
        match std::env::var("CDM_FAQ_TEST_DATABASE") {
            Ok(url) if !url.is_empty() => Some(url.parse().expect("a PostgreSQL URL")),
            _ => {
                assert!(
                    std::env::var_os("CDM_FAQ_TEST_SCRIPT").is_none(),
                    "scripts/test.sh runs the PostgreSQL tests: CDM_FAQ_TEST_DATABASE is missing"
                );
                None
            }
        }
    }

    /// A connection to the test server, when there is one.
    pub(crate) fn test_database() -> Option<Database> {
        test_url().map(|url| Database::connect(&url).expect("the test server answers"))
    }

    /// A name no other test uses (tests share the server and run in parallel).
    pub(crate) fn unique(prefix: &str) -> String {
        let mut bytes = [0u8; 6];
        getrandom::fill(&mut bytes).expect("randomness");
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!("{prefix}-{hex}")
    }

    #[test]
    fn an_unreachable_server_is_an_error_in_bounded_time() {
        // A port nothing listens on (bound, then released).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let started = std::time::Instant::now();
        let error = Database::connect(
            &format!("postgres://cdm@127.0.0.1:{port}/none")
                .parse()
                .unwrap(),
        )
        .unwrap_err();
        assert!(
            matches!(error, DatabaseError::Postgres(_) | DatabaseError::Pool(_)),
            "{error}"
        );
        assert!(started.elapsed() < DEADLINE + Duration::from_secs(1));
    }

    #[test]
    fn tls_is_used_and_the_server_certificate_is_checked() {
        if test_url().is_none() {
            return;
        }
        let url: DatabaseUrl = std::env::var("CDM_FAQ_TEST_DATABASE_TLS")
            .expect("scripts/postgres.sh exports the TLS URL")
            .parse()
            .unwrap();
        let ca = std::path::PathBuf::from(
            std::env::var("CDM_FAQ_TEST_DATABASE_CA").expect("and the authority's certificate"),
        );
        let database = Database::connect(&url.clone().with_ca(Some(ca.clone()))).unwrap();
        let encrypted = database
            .run(|client| async move {
                let row = client
                    .query_one(
                        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                        &[],
                    )
                    .await?;
                Ok(row.get::<_, bool>(0))
            })
            .unwrap();
        assert!(encrypted, "the connection is encrypted");
        // Without the test authority, the public roots do not vouch for the server: refused.
        assert!(Database::connect(&url).is_err());
        // A file that holds no certificate is a clear error, not a silent fallback.
        let empty = tempfile::NamedTempFile::new().unwrap();
        assert!(matches!(
            Database::connect(&url.with_ca(Some(empty.path().to_path_buf()))),
            Err(DatabaseError::Tls(_))
        ));
    }

    #[test]
    fn migrations_apply_once_and_work_runs_from_any_thread() {
        let Some(url) = test_url() else { return };
        let first = Database::connect(&url).unwrap();
        let second = Database::connect(&url).unwrap();
        let versions = first
            .run(|client| async move {
                let rows = client
                    .query(
                        "SELECT version FROM schema_migrations ORDER BY version",
                        &[],
                    )
                    .await?;
                Ok(rows.iter().map(|r| r.get::<_, i32>(0)).collect::<Vec<_>>())
            })
            .unwrap();
        let known: Vec<i32> = MIGRATIONS.iter().map(|m| m.version).collect();
        assert_eq!(versions, known);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|i: i32| {
                    let db = if i % 2 == 0 { &first } else { &second };
                    scope.spawn(move || {
                        db.run(move |client| async move {
                            let row = client.query_one("SELECT $1::INT + 1", &[&i]).await?;
                            Ok(row.get::<_, i32>(0))
                        })
                    })
                })
                .collect();
            for (i, handle) in (0..).zip(handles) {
                assert_eq!(handle.join().unwrap().unwrap(), i + 1);
            }
        });
    }
}
