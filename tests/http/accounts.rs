//! Staff accounts over HTTP. Properties checked:
//! - every staff route × role: allowed roles get the page, others `forbidden` (a page for browsers);
//! - login: session cookie `HttpOnly`, `SameSite=Strict`, `Secure` (unless `--insecure-cookies`),
//!   `Path=/admin` and `Path=/review` only, never the password; a wrong password and an unknown account
//!   answer alike; 100 wrong logins are throttled (429 + Retry-After), even with the right password;
//! - no state-changing request without a session, without or with a wrong CSRF token, or cross-site;
//! - logout ends the session on the server; a disabled account is out at once; an expired session is
//!   refused; a password change ends the other sessions;
//! - admins manage accounts in the browser; problems are tied to their field; pages follow the
//!   account's language, else the browser's;
//! - `cdm-faq user` creates accounts the service accepts; a short automation token stops the start.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cdm_faq::accounts::{Accounts, Role, Roles, SessionPolicy};
use cdm_faq::config::ServeConfig;

use super::{Reply, app_with, config, send};
use crate::common::fixture_dir;

const HOST: &str = "staff.example";
const ORIGIN: &str = "https://staff.example";
pub(super) const PW: &str = "une phrase assez longue";

fn roles(list: &[Role]) -> Roles {
    list.iter().copied().collect()
}

/// A data folder with one account per role and one with two.
fn data_dir() -> PathBuf {
    let dir = tempfile::tempdir().unwrap().keep();
    let accounts = Accounts::in_data_dir(&dir, SessionPolicy::default());
    for (name, r) in [
        ("root", roles(&[Role::Admin])),
        ("eddie", roles(&[Role::Editor])),
        ("connie", roles(&[Role::Counsellor])),
        ("both", roles(&[Role::Editor, Role::Counsellor])),
    ] {
        accounts.add(name, r, PW, None).unwrap();
    }
    dir
}

fn staff_config(data: &Path) -> ServeConfig {
    let mut config = config();
    config.data_dir = data.to_path_buf();
    config
}

fn router_in(data: &Path) -> Router {
    app_with(staff_config(data)).router()
}

/// A logged-in browser.
pub(super) struct Browser {
    cookie: String,
    csrf: String,
}

fn form_post(uri: &str, body: &str) -> axum::http::request::Builder {
    let _ = body;
    Request::post(uri)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
}

pub(super) async fn try_login(router: &Router, name: &str, password: &str) -> Reply {
    let body = format!(
        "name={}&password={}",
        super::enc(name),
        super::enc(password)
    );
    send(
        router,
        form_post("/admin/login", &body)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

fn csrf_in(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    page[at..at + 64].to_string()
}

pub(super) async fn login(router: &Router, name: &str) -> Browser {
    let reply = try_login(router, name, PW).await;
    assert_eq!(
        reply.status,
        StatusCode::SEE_OTHER,
        "{name}: {}",
        reply.text()
    );
    let cookie = reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let page = send(
        router,
        Request::get("/admin/me")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    Browser {
        csrf: csrf_in(&page.text()),
        cookie,
    }
}

impl Browser {
    pub(super) fn get(&self, uri: &str) -> Request<Body> {
        Request::get(uri)
            .header(header::COOKIE, &self.cookie)
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::empty())
            .unwrap()
    }

    pub(super) fn post(&self, uri: &str, fields: &str) -> Request<Body> {
        let body = if fields.is_empty() {
            format!("csrf={}", self.csrf)
        } else {
            format!("csrf={}&{fields}", self.csrf)
        };
        form_post(uri, &body)
            .header(header::COOKIE, &self.cookie)
            .body(Body::from(body))
            .unwrap()
    }
}

#[tokio::test]
async fn every_staff_route_is_open_to_its_roles_only() {
    let data = data_dir();
    let router = router_in(&data);
    let admin = &[Role::Admin][..];
    let editors = &[Role::Editor, Role::Admin][..];
    let readers = &[Role::Counsellor, Role::Editor, Role::Admin][..];
    let everyone = readers;
    let gets: [(&str, &[Role]); 14] = [
        ("/admin/entries", editors),
        ("/admin/entry/work/register-as-job-seeker", editors),
        ("/admin/entry/work/register-as-job-seeker/history", editors),
        ("/admin/history", editors),
        ("/admin/files", editors),
        ("/admin", admin),
        ("/admin/stats.csv", admin),
        ("/admin/reload", admin),
        ("/admin/accounts", admin),
        ("/admin/unanswered", editors),
        ("/review", readers),
        ("/review/console?q=cv", readers),
        ("/admin/me", everyone),
        ("/review?theme=work", readers),
    ];
    for (name, held) in [
        ("root", vec![Role::Admin]),
        ("eddie", vec![Role::Editor]),
        ("connie", vec![Role::Counsellor]),
        ("both", vec![Role::Editor, Role::Counsellor]),
    ] {
        let browser = login(&router, name).await;
        for (uri, allowed) in gets {
            let reply = send(&router, browser.get(uri)).await;
            let ok = held.iter().any(|r| allowed.contains(r));
            let expected = if ok {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(reply.status, expected, "{name} GET {uri}");
            if !ok {
                assert!(
                    reply.text().contains("Access denied"),
                    "{name} {uri}: a page"
                );
            }
        }
        // Saves carry a stale version: allowed roles get a conflict (nothing is written), the others 403.
        let posts: [(&str, &str, &[Role]); 7] = [
            (
                "/admin/unanswered/not-ours",
                "q=x&lang=fr&topic=no-such-topic",
                editors,
            ),
            (
                "/admin/entry/work/register-as-job-seeker",
                "version=stale&action=save",
                editors,
            ),
            (
                "/admin/entry/work/register-as-job-seeker/sign-off",
                "version=stale",
                readers,
            ),
            (
                "/admin/files/synonyms.toml",
                "version=stale&text=x",
                editors,
            ),
            ("/admin/reload", "", admin),
            ("/admin/accounts", "name=&password=", admin),
            ("/admin/accounts/change", "name=nobody&action=enable", admin),
        ];
        for (uri, fields, allowed) in posts {
            let reply = send(&router, browser.post(uri, fields)).await;
            let ok = held.iter().any(|r| allowed.contains(r));
            if ok {
                assert_ne!(reply.status, StatusCode::FORBIDDEN, "{name} POST {uri}");
            } else {
                assert_eq!(reply.status, StatusCode::FORBIDDEN, "{name} POST {uri}");
            }
        }
        // Scripts get our JSON error.
        if !held.contains(&Role::Admin) {
            let json = Request::get("/admin/accounts")
                .header(header::COOKIE, &browser.cookie)
                .body(Body::empty())
                .unwrap();
            let reply = send(&router, json).await;
            assert_eq!(reply.code(), "forbidden");
        }
    }
}

#[tokio::test]
async fn the_session_cookie_is_locked_down_and_wrong_logins_say_nothing() {
    let data = data_dir();
    let router = router_in(&data);
    let reply = try_login(&router, "root", PW).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/admin");
    let cookies: Vec<String> = reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    for (cookie, path) in cookies.iter().zip(["Path=/admin;", "Path=/review;"]) {
        for attribute in [
            "HttpOnly",
            "SameSite=Strict",
            "Secure",
            "Max-Age=43200",
            path,
        ] {
            assert!(cookie.contains(attribute), "{attribute}: {cookie}");
        }
        assert!(!cookie.contains(PW) && !cookie.contains("Path=/;"));
    }
    let landing = try_login(&router, "connie", PW).await;
    assert_eq!(landing.headers[header::LOCATION], "/review");
    let wrong = try_login(&router, "root", "not the password").await;
    let unknown = try_login(&router, "nobody", "not the password").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.headers.get(header::SET_COOKIE).is_none());
    let strip = |r: &Reply, name: &str| r.text().replace(&format!("value=\"{name}\""), "");
    assert_eq!(
        strip(&wrong, "root"),
        strip(&unknown, "nobody"),
        "same page"
    );
    // Plain HTTP on loopback: the setting drops Secure.
    let mut config = staff_config(&data);
    config.insecure_cookies = true;
    let plain = app_with(config).router();
    let reply = try_login(&plain, "root", PW).await;
    let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(!cookie.contains("Secure"), "{cookie}");
    // Visitors never get a cookie.
    let public = send(&router, super::get("/api/v1/ask?q=cv&lang=fr")).await;
    assert!(public.headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn a_hundred_wrong_logins_are_throttled() {
    let data = data_dir();
    let router = router_in(&data);
    let (mut refused, mut throttled) = (0, 0);
    for _ in 0..100 {
        let reply = try_login(&router, "root", "guess guess guess").await;
        match reply.status {
            StatusCode::UNAUTHORIZED => refused += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                throttled += 1;
                assert!(reply.headers.contains_key(header::RETRY_AFTER));
            }
            other => panic!("{other}"),
        }
    }
    assert_eq!(refused, 6, "5 free failures, the 6th starts the back-off");
    assert_eq!(throttled, 94);
    let right = try_login(&router, "root", PW).await;
    assert_eq!(
        right.status,
        StatusCode::TOO_MANY_REQUESTS,
        "throttled before the password is looked at"
    );
    assert!(right.text().contains("Too many failed attempts") || right.text().contains("Trop de"));
    // Guessing many names from one client is throttled too.
    let data = data_dir();
    let router = router_in(&data);
    let mut throttled = 0;
    for i in 0..40 {
        let reply = try_login(&router, &format!("name{i}"), "guess guess guess").await;
        throttled += usize::from(reply.status == StatusCode::TOO_MANY_REQUESTS);
    }
    assert!(throttled >= 19, "{throttled}");
}

#[tokio::test]
async fn state_changes_need_a_session_the_csrf_token_and_our_origin() {
    let data = data_dir();
    let router = router_in(&data);
    let root = login(&router, "root").await;
    // No session at all.
    let anonymous = form_post("/admin/reload", "").body(Body::empty()).unwrap();
    assert_eq!(
        send(&router, anonymous).await.status,
        StatusCode::UNAUTHORIZED
    );
    // A session without the token, with a wrong one, and cross-site with the right one.
    let without = form_post("/admin/reload", "")
        .header(header::COOKIE, &root.cookie)
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, without).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.text().contains("Form refused") || reply.text().contains("Formulaire refusé"));
    let wrong = form_post("/admin/reload", "")
        .header(header::COOKIE, &root.cookie)
        .body(Body::from(format!("csrf={}", "0".repeat(64))))
        .unwrap();
    assert_eq!(send(&router, wrong).await.status, StatusCode::FORBIDDEN);
    let body = format!("csrf={}", root.csrf);
    let cross_site = Request::post("/admin/reload")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, "https://evil.example")
        .header(header::COOKIE, &root.cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.clone()))
        .unwrap();
    let reply = send(&router, cross_site).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.code(), "csrf_rejected");
    let no_origin = Request::post("/admin/reload")
        .header(header::HOST, HOST)
        .header(header::COOKIE, &root.cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    assert_eq!(send(&router, no_origin).await.status, StatusCode::FORBIDDEN);
    // The editors' saves likewise: an editor's session without the token is refused, nothing written.
    let eddie = login(&router, "eddie").await;
    let entry = crate::common::fixture_dir().join("work/register-as-job-seeker.toml");
    let before = std::fs::read(&entry).unwrap();
    let save = form_post(
        "/admin/entry/work/register-as-job-seeker",
        "version=stale&action=save&fr.answer=changed",
    )
    .header(header::COOKIE, &eddie.cookie)
    .body(Body::from("version=stale&action=save&fr.answer=changed"))
    .unwrap();
    assert_eq!(send(&router, save).await.status, StatusCode::FORBIDDEN);
    let with_token = send(
        &router,
        eddie.post(
            "/admin/entry/work/register-as-job-seeker",
            "version=stale&action=save",
        ),
    )
    .await;
    assert_ne!(
        with_token.status,
        StatusCode::FORBIDDEN,
        "the token lets it through"
    );
    assert_eq!(
        std::fs::read(&entry).unwrap(),
        before,
        "nothing was written"
    );
    // The real thing.
    let reply = send(&router, root.post("/admin/reload", "")).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    // A cross-site login is refused too.
    let forged = Request::post("/admin/login")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("name=root&password={}", super::enc(PW))))
        .unwrap();
    let reply = send(&router, forged).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn logout_disabling_and_expiry_end_sessions_on_the_server() {
    let data = data_dir();
    let router = router_in(&data);
    let root = login(&router, "root").await;
    let eddie = login(&router, "eddie").await;
    let reply = send(&router, eddie.get("/admin/unanswered")).await;
    assert_eq!(reply.status, StatusCode::OK);
    // An admin disables eddie: out at once.
    let reply = send(
        &router,
        root.post("/admin/accounts/change", "name=eddie&action=disable"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    let reply = send(&router, eddie.get("/admin/unanswered")).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(
        reply.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .starts_with("/admin/login")
    );
    assert_eq!(
        try_login(&router, "eddie", PW).await.status,
        StatusCode::UNAUTHORIZED
    );
    let reply = send(
        &router,
        root.post("/admin/accounts/change", "name=eddie&action=enable"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        try_login(&router, "eddie", PW).await.status,
        StatusCode::SEE_OTHER
    );
    // Logout ends the session on the server: the old cookie opens nothing.
    let reply = send(&router, root.post("/admin/logout", "")).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let cleared = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(
        send(&router, root.get("/admin")).await.status,
        StatusCode::SEE_OTHER
    );
    // The last admin cannot disable themselves from the browser.
    let root = login(&router, "root").await;
    let reply = send(
        &router,
        root.post("/admin/accounts/change", "name=root&action=disable"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.text().contains("no enabled admin would be left"));
    // An expired session is refused (idle limit 0 minutes: expired by the next request).
    let mut config = staff_config(&data);
    config.session_idle_minutes = 0;
    let strict = app_with(config).router();
    let reply = try_login(&strict, "connie", PW).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let cookie = reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let again = Request::get("/review")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&strict, again).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn admins_manage_accounts_and_everyone_their_own() {
    let data = data_dir();
    let router = router_in(&data);
    let root = login(&router, "root").await;
    // A refused account keeps what was typed and ties the problem to its field.
    let reply = send(
        &router,
        root.post(
            "/admin/accounts",
            "name=Nadia+K&password=short&counsellor=on",
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = reply.text();
    assert!(page.contains("value=\"Nadia K\""));
    assert!(
        page.contains("aria-describedby=\"new-name-error new-name-hint\""),
        "{page}"
    );
    assert!(page.contains("aria-invalid=\"true\""));
    let reply = send(
        &router,
        root.post("/admin/accounts", "name=nadia&password=short&counsellor=on"),
    )
    .await;
    assert!(reply.text().contains("new-password-error"));
    let reply = send(
        &router,
        root.post(
            "/admin/accounts",
            &format!("name=nadia&password={}&lang=nl", super::enc(PW)),
        ),
    )
    .await;
    assert!(reply.text().contains("Choose at least one role"));
    let reply = send(
        &router,
        root.post(
            "/admin/accounts",
            &format!(
                "name=nadia&password={}&counsellor=on&editor=on&lang=nl",
                super::enc(PW)
            ),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    let list = send(&router, root.get("/admin/accounts?done=added"))
        .await
        .text();
    assert!(list.contains("Account created.") && list.contains("nadia"));
    // Nadia's pages are in Dutch (her choice), whatever the browser says.
    let nadia = login(&router, "nadia").await;
    let page = send(&router, nadia.get("/review")).await.text();
    assert!(
        page.contains("<html lang=\"nl\">") && page.contains("Afmelden"),
        "Dutch shell"
    );
    assert!(
        page.contains("Nazicht van de fiches en doorverwijzingen")
            && page.contains("Doorverwijzing:"),
        "Dutch review page"
    );
    assert!(
        !page.contains("/admin/accounts"),
        "no link to what she may not open"
    );
    // Roles change at once.
    let reply = send(
        &router,
        root.post(
            "/admin/accounts/change",
            "name=nadia&action=roles&counsellor=on",
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        send(&router, nadia.get("/admin/unanswered")).await.status,
        StatusCode::FORBIDDEN
    );
    // Her own page: language, then the password (current one checked; other sessions end).
    let other = login(&router, "nadia").await;
    let reply = send(&router, nadia.post("/admin/me", "action=lang&lang=fr")).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let page = send(&router, nadia.get("/admin/me")).await.text();
    assert!(page.contains("<html lang=\"fr\">"));
    let reply = send(
        &router,
        nadia.post(
            "/admin/me",
            "action=password&current=wrong&password=une+autre+phrase+longue",
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.text().contains("me-current-error"));
    let reply = send(
        &router,
        nadia.post(
            "/admin/me",
            &format!(
                "action=password&current={}&password=une+autre+phrase+longue",
                super::enc(PW)
            ),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        send(&router, nadia.get("/review")).await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        send(&router, other.get("/review")).await.status,
        StatusCode::SEE_OTHER,
        "the other ended"
    );
    // Without an account language, the browser's.
    let connie = login(&router, "connie").await;
    let nl = Request::get("/review")
        .header(header::COOKIE, &connie.cookie)
        .header(header::ACCEPT_LANGUAGE, "nl-BE,nl;q=0.9")
        .body(Body::empty())
        .unwrap();
    assert!(
        send(&router, nl)
            .await
            .text()
            .contains("<html lang=\"nl\">")
    );
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cdm-faq"))
}

#[tokio::test]
async fn the_command_line_creates_accounts_the_service_accepts() {
    let data = tempfile::tempdir().unwrap().keep();
    let add = |name: &str, role: &str, password: &str| {
        let mut child = bin()
            .args([
                "user",
                "add",
                name,
                "--role",
                role,
                "--role",
                "editor",
                "--password-stdin",
                "--data-dir",
            ])
            .arg(&data)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    let out = add("Amina", "admin", PW);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "added amina (editor,admin)\n"
    );
    let short = add("bert", "admin", "short");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12 characters"));
    let taken = add("amina", "editor", PW);
    assert!(String::from_utf8_lossy(&taken.stderr).contains("already an account"));
    let list = bin()
        .args(["user", "list", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&list.stdout).to_string();
    assert!(
        list.contains("amina") && list.contains("editor,admin") && !list.contains("argon2"),
        "{list}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.join("accounts.sqlite"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let router = router_in(&data);
    let amina = login(&router, "amina").await;
    assert_eq!(
        send(&router, amina.get("/admin/accounts")).await.status,
        StatusCode::OK
    );
    let out = bin()
        .args(["user", "disable", "amina", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        send(&router, amina.get("/admin/accounts")).await.status,
        StatusCode::SEE_OTHER,
        "out at once"
    );
}

#[test]
fn a_short_automation_token_stops_the_start() {
    let out = bin()
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--no-watch",
            "--no-stats",
            "--kb",
        ])
        .arg(fixture_dir())
        .env("CDM_FAQ_ADMIN_TOKEN", "only-twenty-chars-xx")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("shorter than 32 characters"), "{stderr}");
    assert!(
        !stderr.contains("only-twenty"),
        "the token is never printed"
    );
}
