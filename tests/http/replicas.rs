//! Replicas on one PostgreSQL database (`--database`), against the throwaway server scripts/test.sh
//! starts (CDM_FAQ_TEST_DATABASE; under the script its absence fails the tests). Each replica has its
//! own pool, as two processes would. Properties checked:
//! - a session opened on replica A holds on replica B, and a logout on B ends it on A;
//! - `/readyz` says `database: ok` with one, `off` without;
//! - the database lost (a proxy between replica and server is cut): questions are still answered,
//!   `/readyz` says `unavailable`, staff requests get `503 database_unavailable` (never a 500), and
//!   everything works again once the database is back, without a restart;
//! - `cdm-faq user add --database` creates an account the service finds, and `user list` shows it.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use cdm_faq::accounts::{Accounts, Role, Roles, SessionPolicy};
use cdm_faq::database::{Database, DatabaseUrl};
use cdm_faq::deployment::SINGLE_SITE_ID;
use cdm_faq::engine::Engine;
use cdm_faq::http::{App, Shared};
use tokio::net::{TcpListener, TcpStream};

use super::accounts::{PW, login, try_login};
use super::{config, send};

/// The test server, when scripts/test.sh started one.
fn database_url() -> Option<DatabaseUrl> {
    match std::env::var("CDM_FAQ_TEST_DATABASE") {
        Ok(url) if !url.is_empty() => Some(url.parse().expect("a PostgreSQL URL")),
        _ => {
            assert!(
                std::env::var_os("CDM_FAQ_TEST_SCRIPT").is_none(),
                "scripts/test.sh runs the replica tests: CDM_FAQ_TEST_DATABASE is missing"
            );
            None
        }
    }
}

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{prefix}-{}-{nanos}", std::process::id())
}

/// Accounts of `site` in the database (an editor and an admin).
fn seed(url: &DatabaseUrl, site: &str) {
    let accounts = Accounts::in_database(
        Arc::new(Database::connect(url).unwrap()),
        site,
        SessionPolicy::default(),
    );
    accounts
        .add("eddie", [Role::Editor].into_iter().collect(), PW, None)
        .unwrap();
    accounts.add("root", Roles::ALL, PW, None).unwrap();
}

/// One replica of `site` on `url`, with its own pool and data folder.
fn replica(url: &DatabaseUrl, site: &str, data: &Path) -> Router {
    let mut config = config();
    config.database = Some(url.clone());
    config.data_dir = data.to_path_buf();
    let shared = Shared::connect(&config).expect("the database answers");
    let engine = Engine::load(&config.kb).unwrap();
    App::assemble(engine, config, site, &shared).router()
}

async fn readyz_database(router: &Router) -> String {
    let reply = send(router, Request::get("/readyz").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json()["database"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_opened_on_one_replica_holds_on_the_other() {
    let Some(url) = database_url() else { return };
    let site = unique("replicas");
    let (url2, site2) = (url.clone(), site.clone());
    let data = tempfile::tempdir().unwrap();
    let (a, b) = tokio::task::spawn_blocking(move || {
        seed(&url2, &site2);
        (
            replica(&url2, &site2, &data.path().join("a")),
            replica(&url2, &site2, &data.path().join("b")),
        )
    })
    .await
    .unwrap();
    assert_eq!(readyz_database(&a).await, "ok");
    assert_eq!(readyz_database(&b).await, "ok");
    assert_eq!(readyz_database(&super::router()).await, "off");

    let browser = login(&a, "eddie").await;
    let on_b = send(&b, browser.get("/admin/me")).await;
    assert_eq!(on_b.status, StatusCode::OK, "{}", on_b.text());
    assert!(on_b.text().contains("eddie"));
    let out = send(&b, browser.post("/admin/logout", "")).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let on_a = send(&a, browser.get("/admin/me")).await;
    assert_ne!(on_a.status, StatusCode::OK, "logged out everywhere");

    // Another site on the same database knows neither the account nor the session.
    let other = unique("other");
    let (url3, other2) = (url.clone(), other.clone());
    let c = tokio::task::spawn_blocking(move || {
        seed(&url3, &other2);
        replica(
            &url3,
            &other2,
            tempfile::tempdir().unwrap().keep().as_path(),
        )
    })
    .await
    .unwrap();
    let again = login(&a, "eddie").await;
    assert_ne!(
        send(&c, again.get("/admin/me")).await.status,
        StatusCode::OK
    );
}

/// A TCP relay between a replica and the database that can be cut and restored.
struct Relay {
    port: u16,
    up: Arc<AtomicBool>,
    generation: Arc<tokio::sync::watch::Sender<u64>>,
}

impl Relay {
    async fn start(target: u16) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let (generation, _) = tokio::sync::watch::channel(0u64);
        let generation = Arc::new(generation);
        let (up2, generation2) = (Arc::clone(&up), Arc::clone(&generation));
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    continue;
                };
                if !up2.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let mut cut = generation2.subscribe();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(("127.0.0.1", target)).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.changed() => {}
                    }
                });
            }
        });
        Relay {
            port,
            up,
            generation,
        }
    }

    /// Drops every relayed connection and refuses new ones.
    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.generation.send_modify(|g| *g += 1);
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_database_leaves_questions_answered_and_recovery_is_automatic() {
    let Some(url) = database_url() else { return };
    let port = url::Url::parse(url.secret()).unwrap().port().unwrap();
    let relay = Relay::start(port).await;
    let relayed: DatabaseUrl = url
        .secret()
        .replacen(&format!(":{port}/"), &format!(":{}/", relay.port), 1)
        .parse()
        .unwrap();
    let site = unique("lost");
    let (url2, site2) = (url.clone(), site.clone());
    let data = tempfile::tempdir().unwrap();
    let data_path = data.path().to_path_buf();
    let router = tokio::task::spawn_blocking(move || {
        seed(&url2, &site2);
        replica(&relayed, &site2, &data_path)
    })
    .await
    .unwrap();
    let browser = login(&router, "eddie").await;
    assert_eq!(readyz_database(&router).await, "ok");

    relay.cut();
    tokio::time::sleep(Duration::from_millis(1100)).await; // past the health check's memory
    assert_eq!(readyz_database(&router).await, "unavailable");
    let ask = send(
        &router,
        Request::get("/api/v1/ask?q=inscription%20demandeur%20d%27emploi&lang=fr")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(ask.status, StatusCode::OK, "questions are still answered");
    let me = send(&router, browser.get("/admin/me")).await;
    assert_eq!(me.status, StatusCode::SERVICE_UNAVAILABLE, "{}", me.text());
    let refused = try_login(&router, "eddie", PW).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        refused.text().contains("database_unavailable"),
        "{}",
        refused.text()
    );

    relay.restore();
    let started = Instant::now();
    loop {
        let me = send(&router, browser.get("/admin/me")).await;
        if me.status == StatusCode::OK {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "not back after 15 s: {}",
            me.status
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(readyz_database(&router).await, "ok");
}

#[test]
fn the_user_command_keeps_accounts_in_the_database() {
    let Some(url) = database_url() else { return };
    let name = unique("cli").replace('-', ".");
    let bin = env!("CARGO_BIN_EXE_cdm-faq");
    let mut child = Command::new(bin)
        .args([
            "user",
            "add",
            &name,
            "--role",
            "counsellor",
            "--password-stdin",
        ])
        .args(["--database", url.secret()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(child.stdin.take().unwrap(), "{PW}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let accounts = Accounts::in_database(
        Arc::new(Database::connect(&url).unwrap()),
        SINGLE_SITE_ID,
        SessionPolicy::default(),
    );
    let account = accounts.store().account(&name).unwrap().unwrap();
    assert_eq!(account.roles, [Role::Counsellor].into_iter().collect());
    let list = Command::new(bin)
        .args(["user", "list", "--database", url.secret()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(list.status.success() && text.contains(&name), "{text}");
}
