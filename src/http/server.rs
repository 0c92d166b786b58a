//! The accept loop: HTTP/1.1 connections served by hyper with the hygiene an open-internet service needs.
//! A cap on open connections (beyond it a new connection gets one `503 overloaded` answer in our JSON
//! shape and is closed, without taking a slot); a header-read timeout, which hyper starts whenever a
//! connection waits for a request's first byte, so it is also the idle keep-alive timeout; accept errors
//! (descriptor exhaustion) that pause the loop briefly instead of ending it; and graceful shutdown with a
//! deadline, after which the connections still open (a half-sent request, a client that stopped
//! reading) are cut. Client addresses go into the request extensions for the rate limiter and are
//! never logged.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tower::ServiceExt;

use super::connection_io::ConnectionIo;
use super::error::ApiError;
use super::metrics::Metrics;

/// Connections refused at the same time at most (each gets its 503 within a second); beyond, a new
/// connection over the cap is closed without an answer.
const REFUSALS_IN_FLIGHT: usize = 64;

/// How one listener treats its connections (from `ServeConfig`).
#[derive(Debug, Clone)]
pub struct ConnectionSettings {
    /// Connections served at the same time; more get `503 overloaded` and are closed.
    pub max_connections: usize,
    /// Time a connection has to send a request's headers, counted from when it waits for them (so
    /// also the time an idle keep-alive connection is kept).
    pub header_read_timeout: Duration,
    /// Time the requests in flight have to finish after the shutdown signal.
    pub shutdown_grace: Duration,
}

/// Serves `router` on `listener` until `shutdown` resolves, then finishes the requests in flight for
/// at most `settings.shutdown_grace` and cuts the rest.
pub async fn run(
    listener: TcpListener,
    router: Router,
    settings: ConnectionSettings,
    metrics: Arc<Metrics>,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(settings.max_connections.max(1)));
    let refusals = Arc::new(Semaphore::new(REFUSALS_IN_FLIGHT));
    let graceful = GracefulShutdown::new();
    let mut tasks = JoinSet::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(settings.header_read_timeout);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        while tasks.try_join_next().is_some() {}
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) if is_connection_error(&e) => continue,
            Err(e) => {
                // EMFILE / ENFILE: out of descriptors; wait for connections to close.
                tracing::warn!(error = %e, "cannot accept a connection; retrying in 50 ms");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            metrics.connection_refused();
            if let Ok(refusal) = Arc::clone(&refusals).try_acquire_owned() {
                tasks.spawn(async move {
                    refuse(stream).await;
                    drop(refusal);
                });
            }
            continue;
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request.map(Body::new))
        });
        let connection = builder.serve_connection(TokioIo::new(ConnectionIo::new(stream)), service);
        let connection = graceful.watch(connection);
        let metrics = Arc::clone(&metrics);
        metrics.connection_opened();
        tasks.spawn(async move {
            // Errors here are the client's (reset, timeout, malformed request): nothing to log.
            let _ = connection.await;
            metrics.connection_closed();
            drop(slot);
        });
    }
    drop(listener);
    let open = graceful.count();
    if tokio::time::timeout(settings.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            connections = open,
            grace_secs = settings.shutdown_grace.as_secs_f64(),
            "shutdown deadline reached: cutting the connections still open"
        );
    }
    tasks.abort_all();
    while tasks.join_next().await.is_some() {}
}

/// Errors of one connection that has gone before we accepted it: accept the next.
fn is_connection_error(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}

/// One `503 overloaded` answer, written without reading the request, then the connection is closed
/// after reading (and discarding) what the client had sent, so the answer is not lost to a reset.
async fn refuse(mut stream: TcpStream) {
    let response = ApiError::Overloaded.raw_http_response();
    let answer = async {
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await?;
        let mut sink = [0u8; 4096];
        let mut drained = 0;
        while drained < 64 * 1024 {
            match stream.read(&mut sink).await? {
                0 => break,
                n => drained += n,
            }
        }
        std::io::Result::Ok(())
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), answer).await;
}
