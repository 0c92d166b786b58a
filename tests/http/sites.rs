//! Several Cités des métiers on one deployment (`tests/fixtures/sites.toml`: the Brussels fixture,
//! default and at `faq.brussels.example`, and a fictional French-only centre `sambre` at
//! `faq.sambre.example`). Properties checked:
//! - each site answers from its own knowledge base under `/<id>/`, at its host name, and the default at
//!   the root of other hosts; the prefix is back on every address its pages and redirects send;
//! - a French-only site answers, labels and hands off in French whatever the page's language;
//! - a staff session of one site opens nothing of another: every staff route of the other answers as to
//!   a stranger (login page, 401, 403 or 404, never the page), and its forms change nothing;
//! - statistics never mix: each site's questions land in its own database only;
//! - a broken edit of one site is refused there while both keep serving;
//! - the deployment's `/readyz` and `/metrics` name every site.

use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cdm_faq::accounts::{Accounts, Role, SessionPolicy};
use cdm_faq::config::ServeConfig;
use cdm_faq::deployment::Deployment;
use cdm_faq::engine::Engine;
use cdm_faq::http::Sites;

use super::{Reply, enc, send};

const PW: &str = "une phrase assez longue";
const TOKEN: &str = "a-test-token-long-enough-for-the-service";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The fixtures' two sites copied to a temporary folder (so edits and reloads are safe), with a data
/// folder; returns (folder, sites file, data folder).
fn deployment_copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for site in ["knowledge-base", "sample-site-fr"] {
        copy_dir(&fixtures().join(site), &dir.path().join(site));
    }
    let sites = dir.path().join("sites.toml");
    std::fs::copy(fixtures().join("sites.toml"), &sites).unwrap();
    let data = dir.path().join("data");
    (dir, sites, data)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn sites_config(sites: &Path, data: &Path) -> ServeConfig {
    let mut config = ServeConfig::for_tests(PathBuf::from("unused"));
    config.sites = Some(sites.to_path_buf());
    config.data_dir = data.to_path_buf();
    config.no_stats = false;
    config.no_rate_limit = true;
    config.admin_token = Some(TOKEN.into());
    config
}

fn build(config: ServeConfig) -> Sites {
    let deployment = Deployment::load(config.sites.as_ref().unwrap()).expect("the sites file");
    let engines = deployment
        .sites
        .iter()
        .map(|s| Engine::load(&s.kb).expect("the site loads"))
        .collect();
    Sites::with_engines(deployment, engines, config)
}

fn at(host: &str, uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::HOST, host)
        .body(Body::empty())
        .unwrap()
}

fn ask(host: &str, prefix: &str, q: &str, lang: &str) -> Request<Body> {
    at(
        host,
        &format!("{prefix}/api/v1/ask?q={}&lang={lang}", enc(q)),
    )
}

fn partner_of(reply: &Reply) -> String {
    reply.json()["answers"][0]["partners"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn each_site_answers_from_its_own_knowledge_base_by_prefix_host_or_default() {
    let (_dir, sites, data) = deployment_copy();
    let router = build(sites_config(&sites, &data)).router();
    let q = "je viens de perdre mon travail, où m'inscrire ?";
    for (host, prefix, partner) in [
        ("other.example", "/sambre", "service-emploi-sambre"),
        ("faq.brussels.example", "/sambre", "service-emploi-sambre"),
        ("faq.sambre.example", "", "service-emploi-sambre"),
        ("FAQ.Sambre.example:8443", "", "service-emploi-sambre"),
        ("other.example", "/brussels", "actiris"),
        ("faq.sambre.example", "/brussels", "actiris"),
        ("faq.brussels.example", "", "actiris"),
        ("other.example", "", "actiris"),
    ] {
        let reply = send(&router, ask(host, prefix, q, "fr")).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{host}{prefix}: {}",
            reply.text()
        );
        assert_eq!(reply.json()["kind"], "answer", "{host}{prefix}");
        assert_eq!(partner_of(&reply), partner, "{host}{prefix}");
    }
    // Each site's hand-off is its own.
    let sambre = send(&router, at("x.example", "/sambre/api/v1/handoff?lang=fr")).await;
    assert!(
        sambre.text().contains("contact@cdm-sambre-demo.be"),
        "{}",
        sambre.text()
    );
    let brussels = send(&router, at("x.example", "/api/v1/handoff?lang=fr")).await;
    assert!(brussels.text().contains("info@cdm-bp.brussels"));
    // A prefix is a whole path segment.
    let near = send(&router, at("other.example", "/sambrex/api/v1/themes")).await;
    assert_eq!(near.status, StatusCode::NOT_FOUND);
    assert_eq!(near.code(), "not_found");

    // The demo page under a prefix loads the widget from under it.
    let demo = send(&router, at("other.example", "/sambre/")).await;
    assert_eq!(demo.status, StatusCode::OK);
    assert!(
        demo.text().contains("src=\"/sambre/widget.js\""),
        "{}",
        demo.text()
    );
    let widget = send(&router, at("other.example", "/sambre/widget.js")).await;
    assert_eq!(widget.status, StatusCode::OK);

    // Without a default site, a host that is no site's and a path under no prefix is ours to refuse.
    let no_default = std::fs::read_to_string(&sites)
        .unwrap()
        .replace("default = true\n", "");
    std::fs::write(&sites, no_default).unwrap();
    let router = build(sites_config(&sites, &data)).router();
    let nowhere = send(&router, ask("other.example", "", q, "fr")).await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert_eq!(nowhere.code(), "not_found");
    let host = send(&router, ask("faq.brussels.example", "", q, "fr")).await;
    assert_eq!(partner_of(&host), "actiris");
}

#[tokio::test]
async fn a_french_only_site_speaks_french_on_every_page() {
    let (_dir, sites, data) = deployment_copy();
    let router = build(sites_config(&sites, &data)).router();
    for lang in ["fr", "nl", "en"] {
        let reply = send(
            &router,
            ask(
                "x.example",
                "/sambre",
                "how do I register as a job seeker?",
                lang,
            ),
        )
        .await;
        let json = reply.json();
        assert_eq!(json["lang"], "fr", "page {lang}: {json}");
        let themes = send(
            &router,
            at("x.example", &format!("/sambre/api/v1/themes?lang={lang}")),
        )
        .await
        .json();
        assert_eq!(themes["lang"], "fr", "page {lang}: {themes}");
        assert_eq!(themes["languages"], serde_json::json!(["fr"]));
        assert_eq!(themes["themes"][0]["label"], "S'orienter", "{themes}");
    }
    let reply = send(
        &router,
        ask(
            "x.example",
            "/sambre",
            "Comment m'inscrire comme chômeur ?",
            "nl",
        ),
    )
    .await
    .json();
    assert_eq!(reply["kind"], "answer", "{reply}");
    assert_eq!(reply["lang"], "fr");
}

/// Adds an account to a site's data folder.
fn add_account(data: &Path, site: &str, name: &str, role: Role) {
    Accounts::in_data_dir(&data.join(site), SessionPolicy::default())
        .add(name, [role].into_iter().collect(), PW, None)
        .unwrap();
}

struct Browser {
    cookie: String,
    csrf: String,
}

async fn login(router: &Router, host: &str, prefix: &str, name: &str) -> Browser {
    let body = format!("name={name}&password={}", enc(PW));
    let reply = send(
        router,
        Request::post(format!("{prefix}/admin/login"))
            .header(header::HOST, host)
            .header(header::ORIGIN, format!("https://{host}"))
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    let location = reply.headers[header::LOCATION].to_str().unwrap();
    assert!(
        location.starts_with(&format!("{prefix}/admin")),
        "{location}"
    );
    let set_cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        set_cookie.contains(&format!("Path={prefix}/admin")),
        "{set_cookie}"
    );
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let page = send(
        router,
        Request::get(format!("{prefix}/admin/me"))
            .header(header::HOST, host)
            .header(header::COOKIE, &cookie)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let text = page.text();
    // Every address of the page is under the prefix.
    if !prefix.is_empty() {
        for attribute in ["href=\"/admin", "action=\"/admin", "href=\"/review"] {
            assert!(!text.contains(attribute), "{attribute} in {text}");
        }
        assert!(
            text.contains(&format!("href=\"{prefix}/admin/admin.css\"")),
            "{text}"
        );
    }
    let at = text.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    Browser {
        cookie,
        csrf: text[at..at + 64].to_string(),
    }
}

#[tokio::test]
async fn a_staff_session_of_one_site_opens_nothing_of_another() {
    let (_dir, sites, data) = deployment_copy();
    add_account(&data, "sambre", "sam", Role::Admin);
    add_account(&data, "brussels", "bea", Role::Admin);
    let router = build(sites_config(&sites, &data)).router();
    // Under its prefix, and at its own host name.
    for (host, prefix) in [("x.example", "/sambre"), ("faq.sambre.example", "")] {
        let sam = login(&router, host, prefix, "sam").await;
        // The other site's login refuses the account: it is not one of its own.
        let body = format!("name=sam&password={}", enc(PW));
        let refused = send(
            &router,
            Request::post("/brussels/admin/login")
                .header(header::HOST, host)
                .header(header::ORIGIN, format!("https://{host}"))
                .header(header::ACCEPT, "text/html")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
        assert_ne!(refused.status, StatusCode::SEE_OTHER, "{}", refused.text());
        for (other_host, other_prefix) in [
            ("x.example", "/brussels"),
            ("faq.brussels.example", ""),
            ("other.example", ""),
        ] {
            for route in [
                "/admin",
                "/admin/entries",
                "/admin/entry/work/register-as-job-seeker",
                "/admin/entry/work/register-as-job-seeker/history",
                "/admin/history",
                "/admin/files",
                "/admin/stats.csv",
                "/admin/accounts",
                "/admin/unanswered",
                "/admin/me",
                "/review",
                "/review/console?q=cv",
            ] {
                for accept in ["text/html", "application/json"] {
                    let reply = send(
                        &router,
                        Request::get(format!("{other_prefix}{route}"))
                            .header(header::HOST, other_host)
                            .header(header::COOKIE, &sam.cookie)
                            .header(header::ACCEPT, accept)
                            .body(Body::empty())
                            .unwrap(),
                    )
                    .await;
                    let to_login = reply.status == StatusCode::SEE_OTHER
                        && reply.headers[header::LOCATION]
                            .to_str()
                            .unwrap()
                            .starts_with(&format!("{other_prefix}/admin/login"));
                    assert!(
                        to_login
                            || [
                                StatusCode::UNAUTHORIZED,
                                StatusCode::FORBIDDEN,
                                StatusCode::NOT_FOUND
                            ]
                            .contains(&reply.status),
                        "{other_host}{other_prefix}{route} ({accept}): {} {}",
                        reply.status,
                        reply.text()
                    );
                    assert!(!reply.text().contains("Bea"), "nothing of the other site");
                }
            }
            // Its forms change nothing there: a reload and an account for the intruder.
            for (route, fields) in [
                ("/admin/reload", String::new()),
                (
                    "/admin/accounts",
                    "name=intruder&role=admin&password=une+phrase+assez+longue".into(),
                ),
            ] {
                let body = format!("csrf={}&{fields}", sam.csrf);
                let reply = send(
                    &router,
                    Request::post(format!("{other_prefix}{route}"))
                        .header(header::HOST, other_host)
                        .header(header::ORIGIN, format!("https://{other_host}"))
                        .header(header::COOKIE, &sam.cookie)
                        .header(header::ACCEPT, "text/html")
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .body(Body::from(body))
                        .unwrap(),
                )
                .await;
                assert!(
                    !reply.status.is_success(),
                    "POST {other_host}{other_prefix}{route}: {}",
                    reply.status
                );
            }
        }
    }
    let brussels = Accounts::in_data_dir(&data.join("brussels"), SessionPolicy::default());
    let names: Vec<String> = brussels
        .list()
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["bea"]);
    // And the other way round: Brussels' admin is nobody at Sambre.
    let bea = login(&router, "x.example", "/brussels", "bea").await;
    let reply = send(
        &router,
        Request::get("/sambre/admin/accounts")
            .header(header::HOST, "x.example")
            .header(header::COOKIE, &bea.cookie)
            .header(header::ACCEPT, "application/json")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

fn replies_in(data: &Path, site: &str) -> i64 {
    let db =
        rusqlite::Connection::open(data.join(site).join(cdm_faq::stats::DATABASE_FILE)).unwrap();
    db.query_row("SELECT COALESCE(SUM(count), 0) FROM replies", [], |r| {
        r.get(0)
    })
    .unwrap()
}

#[tokio::test]
async fn statistics_never_mix_and_a_broken_edit_of_one_site_leaves_both_serving() {
    let (dir, sites, data) = deployment_copy();
    let service = build(sites_config(&sites, &data));
    let router = service.router();
    for _ in 0..3 {
        send(
            &router,
            ask(
                "x.example",
                "/sambre",
                "formation gratuite pour adultes",
                "fr",
            ),
        )
        .await;
    }
    for _ in 0..2 {
        send(
            &router,
            ask(
                "faq.brussels.example",
                "",
                "Comment devenir indépendant ?",
                "fr",
            ),
        )
        .await;
    }
    assert!(service.flush(Duration::from_secs(10)));
    assert_eq!(replies_in(&data, "sambre"), 3);
    assert_eq!(replies_in(&data, "brussels"), 2);
    assert!(!data.join(cdm_faq::stats::DATABASE_FILE).exists());

    // A broken edit of Sambre's: refused there, with its problem; both keep serving.
    let entry = dir.path().join("sample-site-fr/learn/free-training.toml");
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(&entry, text.replace("question = ", "question = [")).unwrap();
    let reload = send(
        &router,
        Request::post("/sambre/admin/reload")
            .header(header::HOST, "x.example")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        reload.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reload.text()
    );
    assert!(
        reload.text().contains("free-training.toml"),
        "{}",
        reload.text()
    );
    let sambre = send(
        &router,
        ask(
            "x.example",
            "/sambre",
            "formation gratuite pour adultes",
            "fr",
        ),
    )
    .await;
    assert_eq!(sambre.json()["kind"], "answer");
    assert_eq!(partner_of(&sambre), "centre-formation-sambre");
    let brussels = send(
        &router,
        ask("x.example", "", "Comment devenir indépendant ?", "fr"),
    )
    .await;
    assert_eq!(brussels.json()["kind"], "answer");

    // The deployment's own operations routes name every site.
    let ready = send(&router, at("faq.sambre.example", "/readyz"))
        .await
        .json();
    let ids: Vec<&str> = ready["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["brussels", "sambre"], "{ready}");
    assert_eq!(
        ready["sites"][1]["last_reload"]["outcome"], "rejected",
        "{ready}"
    );
    let metrics = send(&router, at("x.example", "/metrics")).await.text();
    assert!(
        metrics.contains("cdm_faq_knowledge_base_entries{site=\"sambre\"} 6"),
        "{metrics}"
    );
    assert!(metrics.contains("cdm_faq_knowledge_base_entries{site=\"brussels\"} 10"));
    assert!(
        metrics.contains("cdm_faq_knowledge_base_reloads{site=\"sambre\",outcome=\"rejected\"} 1")
    );
    // A site's own address has no /metrics of the deployment's.
    let under = send(&router, at("x.example", "/sambre/metrics")).await;
    assert_eq!(under.status, StatusCode::NOT_FOUND);
}
