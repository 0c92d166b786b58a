//! The staff pages' content and the automation token: disabled without accounts or token, the token as
//! an admin named "automation", the review page, the test console, the dashboard and CSV (account,
//! role and CSRF rules are in `accounts.rs`).

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use super::{app_with, config, get, send};

/// The automation token of these tests (32 characters or more, as the service requires).
pub const TOKEN: &str = "correct horse battery staple and more";

fn admin_router() -> axum::Router {
    let mut config = config();
    config.data_dir = tempfile::tempdir().unwrap().keep();
    config.admin_token = Some(TOKEN.into());
    app_with(config).router()
}

pub fn bearer(uri: &str, token: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn without_accounts_or_token_staff_routes_are_disabled_and_say_so() {
    let mut config = config();
    config.data_dir = tempfile::tempdir().unwrap().keep();
    let router = app_with(config).router();
    for uri in [
        "/admin",
        "/admin/unanswered",
        "/review",
        "/review/console",
        "/admin/stats.csv",
        "/admin/accounts",
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
        .header(header::ACCEPT_LANGUAGE, "nl-BE")
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, html).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.text().contains("cdm-faq user add"));
    assert!(reply.text().contains("lang=\"nl\""));
    let login = send(&router, get("/admin/login")).await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(login.text().contains("cdm-faq user add NAME --role admin"));
}

#[tokio::test]
async fn the_token_acts_as_the_automation_admin() {
    let router = admin_router();
    for uri in [
        "/admin",
        "/admin/unanswered",
        "/review",
        "/review/console?q=cv",
        "/admin/stats.csv",
        "/admin/accounts",
        "/admin/reload",
    ] {
        assert_eq!(
            send(&router, get(uri)).await.status,
            StatusCode::UNAUTHORIZED,
            "{uri}"
        );
        let wrong = send(&router, bearer(uri, "wrong")).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{uri}");
        assert_eq!(wrong.code(), "unauthorized");
        let short = &TOKEN[..TOKEN.len() - 1];
        assert_eq!(
            send(&router, bearer(uri, short)).await.status,
            StatusCode::UNAUTHORIZED,
            "{uri}"
        );
        assert_eq!(
            send(&router, bearer(uri, TOKEN)).await.status,
            StatusCode::OK,
            "{uri}"
        );
    }
    let page = send(&router, bearer("/admin/accounts", TOKEN)).await.text();
    assert!(page.contains("automation"), "named automation");
    // Bearer requests carry no cookie, so they need no CSRF token.
    let reload = Request::post("/admin/reload")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, reload).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["outcome"], "unchanged");
    // A browser without a session is sent to the login form, and back after.
    let html = Request::get("/review?theme=work")
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, html).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reply.headers[header::LOCATION],
        "/admin/login?next=/review%3Ftheme%3Dwork"
    );
}

#[tokio::test]
async fn review_page_shows_entries_side_by_side_with_flags() {
    let router = admin_router();
    let page = send(&router, bearer("/review", TOKEN)).await.text();
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
            TOKEN,
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
    // In an editor's words first, the figures one click away.
    for words in [
        "What the visitor gets:",
        "Found by these words",
        "How sure",
        "Why not the other one?",
        "How do I register as a job seeker in Brussels?",
    ] {
        assert!(page.contains(words), "{words} missing");
    }
    let details = page
        .find("<details>")
        .expect("technical details are folded");
    assert!(
        page.find("BM25").unwrap() > details,
        "BM25 only in the details"
    );
    let escaped = send(
        &router,
        bearer(
            "/review/console?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            TOKEN,
        ),
    )
    .await
    .text();
    assert!(
        !escaped.contains("<script>alert(1)"),
        "the question is escaped"
    );
    // A right-to-left override typed by a visitor cannot reorder the page.
    let bidi = send(
        &router,
        bearer("/review/console?q=cv%E2%80%AEactiris%E2%81%A6x", TOKEN),
    )
    .await
    .text();
    assert!(!bidi.contains('\u{202E}') && !bidi.contains('\u{2066}'));
    assert!(bidi.contains("<bdi>"));
}

#[tokio::test]
async fn dashboard_and_csv_without_statistics_are_empty_not_broken() {
    let router = admin_router();
    let page = send(&router, bearer("/admin?year=2026", TOKEN)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("<svg"));
    let csv = send(&router, bearer("/admin/stats.csv?year=2026", TOKEN)).await;
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(csv.text().lines().count(), 13);
    assert!(csv.text().starts_with("month,requests,answered"));
}

/// Excel in a Belgian locale opens a comma-separated file as one column: the dashboard offers the
/// semicolon-separated variant with a byte-order mark, and says which link is which.
#[tokio::test]
async fn csv_comes_for_excel_with_semicolons_and_a_byte_order_mark() {
    let router = admin_router();
    let excel = send(
        &router,
        bearer("/admin/stats.csv?year=2026&format=excel", TOKEN),
    )
    .await;
    assert_eq!(excel.status, StatusCode::OK);
    assert!(
        excel
            .body
            .starts_with(b"\xEF\xBB\xBFmonth;requests;answered;"),
        "{:?}",
        &excel.body[..20.min(excel.body.len())]
    );
    assert_eq!(excel.text().matches("\r\n").count(), 13);
    assert!(!excel.text().contains(','));
    assert!(
        excel.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("faqbot-2026-excel.csv")
    );
    let unknown = send(
        &router,
        bearer("/admin/stats.csv?year=2026&format=xls", TOKEN),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = send(&router, bearer("/admin?year=2026", TOKEN))
        .await
        .text();
    assert!(page.contains("/admin/stats.csv?year=2026&amp;format=excel"));
    assert!(page.contains("Excel (CSV with semicolons)"));
}
