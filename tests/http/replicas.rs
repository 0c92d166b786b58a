//! Replicas on one PostgreSQL database (`--database`), against the throwaway server scripts/test.sh
//! starts (CDM_FAQ_TEST_DATABASE; under the script its absence fails the tests). Each replica has its
//! own pool, as two processes would. Properties checked:
//! - a session opened on replica A holds on replica B, and a logout on B ends it on A;
//! - `/readyz` says `database: ok` with one, `off` without;
//! - the database lost (a proxy between two replicas and the server is cut): both still answer,
//!   `/readyz` says `unavailable`, staff requests get `503 database_unavailable` (never a 500), and
//!   everything works again once the database is back, without a restart;
//! - `cdm-faq user add --database` creates an account the service finds, and `user list` shows it;
//! - the knowledge base in the database: seeded once from the folder; an edit through replica A is
//!   answered by replica B within a second (NOTIFY, then B's copy catches up and reloads), B's history
//!   has it, a stale form on B is a conflict, and a replica started later serves the edited version;
//! - statistics from both replicas land in one yearly table; during an outage they wait in memory
//!   (`statistics_pending`) and are written once the database is back;
//! - a replica restarted while the database is down serves its last copy and catches up with an edit
//!   made meanwhile; a replica with no copy is refused;
//! - two real servers: replica A killed (SIGKILL) under load, replica B fails no request.

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
use cdm_faq::editing::EntryDraft;
use cdm_faq::engine::Engine;
use cdm_faq::http::{App, Shared, Sites};
use cdm_faq::stats::{StatsLocation, StatsReader};
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

/// One replica of `site` on `url`, with its own pool and data folder, statistics on.
fn replica(url: &DatabaseUrl, site: &str, data: &Path) -> App {
    let mut config = config();
    config.database = Some(url.clone());
    config.data_dir = data.to_path_buf();
    config.no_stats = false;
    let shared = Shared::connect(&config).expect("the database answers");
    let engine = Engine::load(&config.kb).unwrap();
    App::assemble(engine, config, site, &shared)
}

async fn ask(router: &Router, q: &str) {
    let reply = send(
        router,
        Request::get(format!("/api/v1/ask?q={}&lang=fr", super::enc(q)))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "questions are answered");
}

/// Waits until `app`'s statistics queue is processed.
async fn flush(app: &App) {
    let stats = app.state.stats.clone();
    tokio::task::spawn_blocking(move || assert!(stats.flush(Duration::from_secs(10))))
        .await
        .unwrap();
}

/// This month's requests of `site` in the shared yearly table.
fn requests_this_month(url: &DatabaseUrl, site: &str) -> u64 {
    let location = StatsLocation::Database {
        database: Arc::new(Database::connect(url).unwrap()),
        site: site.to_string(),
    };
    let now = time::OffsetDateTime::now_utc();
    let report = StatsReader::open_at(&location)
        .unwrap()
        .unwrap()
        .year(now.year())
        .unwrap();
    report.months[usize::from(u8::from(now.month())) - 1].requests
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
    let (app_a, app_b) = tokio::task::spawn_blocking(move || {
        seed(&url2, &site2);
        (
            replica(&url2, &site2, &data.path().join("a")),
            replica(&url2, &site2, &data.path().join("b")),
        )
    })
    .await
    .unwrap();
    let (a, b) = (app_a.router(), app_b.router());
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

    // Statistics from both replicas land in one yearly table.
    for q in ["cv", "inscription chez Actiris", "bonjour"] {
        ask(&a, q).await;
    }
    for q in ["formation", "permis de travail"] {
        ask(&b, q).await;
    }
    flush(&app_a).await;
    flush(&app_b).await;
    let (url4, site4) = (url.clone(), site.clone());
    let total = tokio::task::spawn_blocking(move || requests_this_month(&url4, &site4))
        .await
        .unwrap();
    assert_eq!(total, 5, "three from A and two from B");

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
        .router()
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
    /// A relay in front of the server of `url`, and the URL that goes through it.
    async fn before(url: &DatabaseUrl) -> (Relay, DatabaseUrl) {
        let port = url::Url::parse(url.secret()).unwrap().port().unwrap();
        let relay = Relay::start(port).await;
        let relayed = url
            .secret()
            .replacen(&format!(":{port}/"), &format!(":{}/", relay.port), 1)
            .parse()
            .unwrap();
        (relay, relayed)
    }

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
    let (relay, relayed) = Relay::before(&url).await;
    let site = unique("lost");
    let (url2, site2) = (url.clone(), site.clone());
    let data = tempfile::tempdir().unwrap();
    let data_path = data.path().to_path_buf();
    let (app, other) = tokio::task::spawn_blocking(move || {
        seed(&url2, &site2);
        (
            replica(&relayed, &site2, &data_path.join("a")),
            replica(&relayed, &site2, &data_path.join("b")),
        )
    })
    .await
    .unwrap();
    let (router, second) = (app.router(), other.router());
    let browser = login(&router, "eddie").await;
    assert_eq!(readyz_database(&router).await, "ok");

    relay.cut();
    tokio::time::sleep(Duration::from_millis(1100)).await; // past the health check's memory
    assert_eq!(readyz_database(&router).await, "unavailable");
    assert_eq!(readyz_database(&second).await, "unavailable");
    ask(&second, "inscription chez Actiris").await; // both replicas keep answering
    // Statistics wait in memory, and say so.
    for q in ["cv", "formation", "bonjour"] {
        ask(&router, q).await;
    }
    flush(&app).await;
    let ready = send(
        &router,
        Request::get("/readyz").body(Body::empty()).unwrap(),
    )
    .await
    .json();
    assert_eq!(ready["statistics_state"], "unavailable", "{ready}");
    assert!(
        ready["statistics_pending"].as_u64().unwrap() >= 3,
        "{ready}"
    );
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
    assert_eq!(readyz_database(&second).await, "ok");
    // The statistics kept meanwhile are written once the database is back.
    flush(&app).await;
    flush(&other).await;
    let ready = send(
        &router,
        Request::get("/readyz").body(Body::empty()).unwrap(),
    )
    .await
    .json();
    assert_eq!(ready["statistics_pending"], 0, "{ready}");
    assert_eq!(ready["statistics_state"], "ok", "{ready}");
    let (url5, site5) = (url.clone(), site.clone());
    let total = tokio::task::spawn_blocking(move || requests_this_month(&url5, &site5))
        .await
        .unwrap();
    assert_eq!(
        total, 5,
        "the five questions asked of both replicas during the outage, kept in memory"
    );
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

/// A deployment of one site `site` (default, so also at the root) over a copy of the fixture.
fn sites_file(root: &Path, site: &str) -> std::path::PathBuf {
    let kb = crate::common::fixture_copy().keep();
    let path = root.join("sites.toml");
    std::fs::write(
        &path,
        format!(
            "[[site]]\nid = \"{site}\"\nkb = \"{}\"\ndefault = true\n",
            kb.display()
        ),
    )
    .unwrap();
    path
}

/// A replica of the deployment in `sites` on `url`, with its own data folder: the knowledge base is
/// the database's.
fn kb_replica(url: &DatabaseUrl, sites: &Path, data: &Path) -> Sites {
    let mut config = config();
    config.database = Some(url.clone());
    config.sites = Some(sites.to_path_buf());
    config.data_dir = data.to_path_buf();
    config.admin_token = Some(super::editing::TOKEN.into());
    Sites::build(config).expect("the replica starts")
}

/// Saves, through the editor form of `router` (a replica whose copy is in `copy`), the entry's English
/// answer as the zebra-crossing text; returns the form's version and the draft sent.
async fn edit_through(router: &Router, prefix: &str, copy: &Path) -> (String, EntryDraft) {
    use super::editing::{ID, fields, get, post_form, version_in};
    let page = send(router, get(&format!("{prefix}/admin/entry/{ID}"))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let version = version_in(&page.text());
    let text = std::fs::read_to_string(copy.join(format!("{ID}.toml"))).unwrap();
    let mut draft = cdm_faq::editing::read_draft(&text).unwrap();
    draft.text_mut(cdm_faq::text_analysis::Language::En).answer =
        "Register with **Actiris** online: the zebra-crossing answer.".into();
    let saved = send(
        router,
        post_form(
            &format!("{prefix}/admin/entry/{ID}"),
            &fields(&draft, &version, "save"),
        ),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    (version, draft)
}

async fn answer_text(router: &Router, prefix: &str) -> String {
    let reply = send(
        router,
        Request::get(format!(
            "{prefix}/api/v1/ask?q=How%20do%20I%20register%20as%20a%20job%20seeker%3F&lang=en"
        ))
        .body(Body::empty())
        .unwrap(),
    )
    .await;
    reply.json()["answers"][0]["answer"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_on_one_replica_is_answered_by_the_other_within_a_second() {
    use super::editing::{ID, fields, get, post_form};
    let Some(url) = database_url() else { return };
    let root = tempfile::tempdir().unwrap();
    let site = unique("kb");
    let sites = sites_file(root.path(), &site);
    let (url2, sites2, root2) = (url.clone(), sites.clone(), root.path().to_path_buf());
    let (a, b) = tokio::task::spawn_blocking(move || {
        (
            kb_replica(&url2, &sites2, &root2.join("a")),
            kb_replica(&url2, &sites2, &root2.join("b")),
        )
    })
    .await
    .unwrap();
    let (a, b) = (a.router(), b.router());
    let prefix = format!("/{site}");
    let ready = send(
        &b,
        Request::get(format!("{prefix}/readyz"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .json();
    assert_eq!(ready["database"], "ok");
    assert_eq!(ready["knowledge_base_revision"], 1, "seeded once: {ready}");
    assert!(!answer_text(&b, &prefix).await.contains("zebra-crossing"));

    // Edit the entry through replica A.
    let copy = root.path().join("a").join(&site).join("knowledge-base");
    let (version, draft) = edit_through(&a, &prefix, &copy).await;
    let started = Instant::now();
    assert!(answer_text(&a, &prefix).await.contains("zebra-crossing"));
    // Replica B answers with it within a second, without a restart or a reload by hand.
    loop {
        if answer_text(&b, &prefix).await.contains("zebra-crossing") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "replica B still answers the old text after {:?}",
            started.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    eprintln!("replica B answered the edit after {:?}", started.elapsed());
    let ready = send(
        &b,
        Request::get(format!("{prefix}/readyz"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .json();
    assert_eq!(ready["knowledge_base_revision"], 2);
    // B's history has A's save; a save on B from the form opened before the edit is a conflict.
    let history = send(&b, get(&format!("{prefix}/admin/entry/{ID}/history")))
        .await
        .text();
    assert!(
        history.contains("+Register with **Actiris** online"),
        "{history}"
    );
    let stale = send(
        &b,
        post_form(
            &format!("{prefix}/admin/entry/{ID}"),
            &fields(&draft, &version, "save"),
        ),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.text());
    // A third replica started now copies the edited knowledge base from the database, not the folder.
    let (url3, sites3, root3) = (url.clone(), sites.clone(), root.path().to_path_buf());
    let c = tokio::task::spawn_blocking(move || kb_replica(&url3, &sites3, &root3.join("c")))
        .await
        .unwrap()
        .router();
    assert!(answer_text(&c, &prefix).await.contains("zebra-crossing"));
}

#[test]
fn killing_one_replica_leaves_the_other_answering() {
    let Some(url) = database_url() else { return };
    let shared = ["--database", url.secret(), "--no-rate-limit"];
    let mut a = super::tcp::Server::start(&shared);
    let b = super::tcp::Server::start(&shared);
    assert_eq!(a.get("/api/v1/ask?q=cv&lang=fr").0, 200);
    let stop = AtomicBool::new(false);
    let (answered, failed) = (
        std::sync::atomic::AtomicU64::new(0),
        std::sync::atomic::AtomicU64::new(0),
    );
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                while !stop.load(Ordering::SeqCst) {
                    let (status, _, body) = b.get("/api/v1/ask?q=inscription%20Actiris&lang=fr");
                    if status == 200 && body.contains("\"answers\"") {
                        answered.fetch_add(1, Ordering::SeqCst);
                    } else {
                        failed.fetch_add(1, Ordering::SeqCst);
                    }
                }
            });
        }
        std::thread::sleep(Duration::from_millis(500));
        a.child.kill().unwrap(); // SIGKILL: no drain, no goodbye to the database
        a.child.wait().unwrap();
        std::thread::sleep(Duration::from_millis(1500));
        stop.store(true, Ordering::SeqCst);
    });
    let (answered, failed) = (answered.into_inner(), failed.into_inner());
    assert_eq!(
        failed,
        0,
        "B failed {failed} of {} requests",
        answered + failed
    );
    assert!(answered > 50, "only {answered} answers in two seconds");
    let (status, _, body) = b.get("/readyz");
    assert_eq!(status, 200);
    assert!(body.contains("\"database\":\"ok\""), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_restarted_without_the_database_serves_its_last_copy_and_catches_up() {
    let Some(url) = database_url() else { return };
    let (relay, relayed) = Relay::before(&url).await;
    let root = tempfile::tempdir().unwrap();
    let site = unique("restart");
    let sites = sites_file(root.path(), &site);
    let prefix = format!("/{site}");
    // X runs once with the database, then stops.
    let (relayed2, sites2, data_x) = (relayed.clone(), sites.clone(), root.path().join("x"));
    let first = tokio::task::spawn_blocking(move || kb_replica(&relayed2, &sites2, &data_x))
        .await
        .unwrap();
    drop(first);
    // Without a copy, a replica cannot start while the database is down; with one, it can.
    relay.cut();
    let (relayed3, sites3, root3) = (relayed.clone(), sites.clone(), root.path().to_path_buf());
    let (fresh, x) = tokio::task::spawn_blocking(move || {
        let mut config = config();
        config.database = Some(relayed3.clone());
        config.sites = Some(sites3.clone());
        config.data_dir = root3.join("never-started");
        (
            Sites::build(config).is_err(),
            kb_replica(&relayed3, &sites3, &root3.join("x")),
        )
    })
    .await
    .unwrap();
    assert!(fresh, "no copy, no database: the start is refused");
    let x = x.router();
    assert!(
        !answer_text(&x, &prefix).await.is_empty(),
        "answers from its copy"
    );
    let ready = send(
        &x,
        Request::get(format!("{prefix}/readyz"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .json();
    assert_eq!(ready["database"], "unavailable", "{ready}");
    assert_eq!(ready["knowledge_base_revision"], 1, "{ready}");
    // Meanwhile an edit lands through another replica, on the database directly.
    let (url4, sites4, root4) = (url.clone(), sites.clone(), root.path().to_path_buf());
    let y = tokio::task::spawn_blocking(move || kb_replica(&url4, &sites4, &root4.join("y")))
        .await
        .unwrap()
        .router();
    let copy = root.path().join("y").join(&site).join("knowledge-base");
    edit_through(&y, &prefix, &copy).await;
    // The database comes back: X reconnects, catches up and serves the edit.
    relay.restore();
    let started = Instant::now();
    while !answer_text(&x, &prefix).await.contains("zebra-crossing") {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "X did not catch up"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!(
        "X caught up {:?} after the database came back",
        started.elapsed()
    );
}
