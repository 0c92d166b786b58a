//! The admin token and the editors' and counsellors' pages.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use super::{app_with, config, get, send};

fn admin_router() -> axum::Router {
    let mut config = config();
    config.admin_token = Some("correct horse battery staple".into());
    app_with(config).router()
}

fn bearer(uri: &str, token: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn without_the_variable_admin_routes_are_disabled_and_say_so() {
    let router = super::router();
    for uri in [
        "/admin",
        "/admin/unanswered",
        "/review",
        "/review/console",
        "/admin/stats.csv",
    ] {
        let reply = send(&router, get(uri)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{uri}");
        assert_eq!(reply.code(), "admin_disabled");
        assert!(
            reply.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("CDM_FAQ_ADMIN_TOKEN")
        );
    }
    let html = Request::get("/admin")
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, html).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.text().contains("CDM_FAQ_ADMIN_TOKEN"));
}

#[tokio::test]
async fn the_token_is_required_and_checked() {
    let router = admin_router();
    for uri in [
        "/admin",
        "/admin/unanswered",
        "/review",
        "/review/console?q=cv",
        "/admin/stats.csv",
    ] {
        assert_eq!(
            send(&router, get(uri)).await.status,
            StatusCode::UNAUTHORIZED,
            "{uri}"
        );
        assert_eq!(
            send(&router, bearer(uri, "wrong")).await.status,
            StatusCode::UNAUTHORIZED,
            "{uri}"
        );
        assert_eq!(
            send(&router, bearer(uri, "correct horse battery staple"))
                .await
                .status,
            StatusCode::OK,
            "{uri}"
        );
    }
    // A browser without a session is sent to the login form.
    let html = Request::get("/admin")
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, html).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/admin/login");
}

#[tokio::test]
async fn the_login_form_sets_a_session_cookie_for_the_admin_only() {
    let router = admin_router();
    assert_eq!(
        send(&router, get("/admin/login")).await.status,
        StatusCode::OK
    );
    let wrong = Request::post("/admin/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("token=nope"))
        .unwrap();
    let reply = send(&router, wrong).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.headers.get(header::SET_COOKIE).is_none());
    let right = Request::post("/admin/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("token=correct+horse+battery+staple"))
        .unwrap();
    let reply = send(&router, right).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let cookie = reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Expires") && !cookie.contains("Max-Age"),
        "session-scoped: {cookie}"
    );
    assert!(!cookie.contains("correct"), "the cookie is not the token");
    let session = cookie.split(';').next().unwrap().to_string();
    let with_session = || {
        Request::get("/review")
            .header(header::COOKIE, &session)
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(send(&router, with_session()).await.status, StatusCode::OK);
    let logout = Request::post("/admin/logout")
        .header(header::COOKIE, &session)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&router, logout).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        send(&router, with_session()).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn review_page_shows_entries_side_by_side_with_flags() {
    let router = admin_router();
    let page = send(&router, bearer("/review", "correct horse battery staple"))
        .await
        .text();
    assert!(page.contains("work/register-as-job-seeker"));
    assert!(page.contains("lang=\"nl\""));
    assert!(page.contains("Hoe schrijf ik me in als werkzoekende in Brussel?"));
    assert!(
        page.contains("re-check: The 8-day registration deadline."),
        "time-sensitive flag"
    );
    assert!(
        page.contains("unverified contacts: cpas-ocmw"),
        "unverified partner flag"
    );
    assert!(!page.contains("<script"));
}

#[tokio::test]
async fn the_test_console_shows_candidates_and_matched_words() {
    let router = admin_router();
    let page = send(
        &router,
        bearer(
            "/review/console?q=inscripton+chomeur+actiris&lang=fr",
            "correct horse battery staple",
        ),
    )
    .await
    .text();
    assert!(page.contains("work/register-as-job-seeker"));
    assert!(
        page.contains("meant inscription"),
        "the typo correction is shown"
    );
    assert!(page.contains("Confidence"));
    let escaped = send(
        &router,
        bearer(
            "/review/console?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "correct horse battery staple",
        ),
    )
    .await
    .text();
    assert!(
        !escaped.contains("<script>alert(1)"),
        "the question is escaped"
    );
}

#[tokio::test]
async fn dashboard_and_csv_without_statistics_are_empty_not_broken() {
    let router = admin_router();
    let page = send(
        &router,
        bearer("/admin?year=2026", "correct horse battery staple"),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("<svg"));
    let csv = send(
        &router,
        bearer("/admin/stats.csv?year=2026", "correct horse battery staple"),
    )
    .await;
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(csv.text().lines().count(), 13);
}
