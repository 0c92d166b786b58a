//! The public API routes and their errors.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use super::{enc, get, post_json, redact, router, send};

#[tokio::test]
async fn ask_get_and_post_give_the_reply_contract() {
    let router = router();
    let reply = send(
        &router,
        get(&format!(
            "/api/v1/ask?q={}&lang=fr",
            enc("Comment devenir indépendant à Bruxelles ?")
        )),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.headers.get(header::SET_COOKIE).is_none(),
        "no cookie, ever"
    );
    insta::assert_json_snapshot!("ask_get_fr", redact(reply.json()));
    let reply = send(
        &router,
        post_json(
            "/api/v1/ask",
            r#"{"q": "Waar kan ik Nederlands leren?", "lang": "nl", "theme": null}"#,
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["answers"][0]["id"], "learn/learn-dutch");
    assert_eq!(reply.json()["lang"], "nl");
}

#[tokio::test]
async fn accept_language_is_the_page_language_fallback() {
    let router = router();
    let request = Request::get("/api/v1/ask?q=incubateur")
        .header(header::ACCEPT_LANGUAGE, "nl-BE,nl;q=0.9")
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, request).await;
    assert_eq!(reply.json()["lang"], "nl");
}

#[tokio::test]
async fn every_error_code_has_its_status_and_shape() {
    let router = router();
    let long = "a".repeat(1_001);
    let huge = format!(r#"{{"q": "{}"}}"#, "x".repeat(20_000));
    let cases: Vec<(&str, Request<Body>)> = vec![
        ("invalid_json", post_json("/api/v1/ask", "{not json")),
        ("invalid_request", post_json("/api/v1/ask", r#"{"q": 42}"#)),
        (
            "invalid_request",
            post_json("/api/v1/ask", r#"{"question": "hello"}"#),
        ),
        ("missing_question", get("/api/v1/ask")),
        ("question_too_long", get(&format!("/api/v1/ask?q={long}"))),
        ("unknown_language", get("/api/v1/ask?q=cv&lang=de")),
        ("unknown_theme", get("/api/v1/ask?q=cv&theme=cooking")),
        (
            "unsupported_media_type",
            Request::post("/api/v1/ask")
                .header("content-type", "text/plain")
                .body(Body::from("q=cv"))
                .unwrap(),
        ),
        ("body_too_large", post_json("/api/v1/ask", &huge)),
        ("unknown_entry", get("/api/v1/entries/work/nothing-here")),
        (
            "unknown_entry",
            post_json(
                "/api/v1/feedback",
                r#"{"entry_id": "work/nothing-here", "helpful": true}"#,
            ),
        ),
        ("unknown_partner", get("/api/v1/partners/nobody")),
        ("not_found", get("/api/v2/ask")),
        (
            "method_not_allowed",
            Request::delete("/api/v1/ask").body(Body::empty()).unwrap(),
        ),
        ("admin_disabled", get("/admin")),
    ];
    let mut shapes = Vec::new();
    for (code, request) in cases {
        let reply = send(&router, request).await;
        assert_eq!(reply.code(), code, "{}", reply.text());
        let expected = cdm_faq::http::ERROR_CODES
            .iter()
            .find(|(c, _, _)| *c == code)
            .unwrap()
            .1;
        assert_eq!(reply.status.as_u16(), expected, "{code}");
        assert!(
            !reply.text().contains("rusqlite")
                && !reply.text().contains("tantivy")
                && !reply.text().contains("src/")
        );
        shapes.push(reply.json());
    }
    insta::assert_json_snapshot!("error_shapes", shapes);
}

#[tokio::test]
async fn bad_input_never_gives_a_500() {
    let router = router();
    for q in [
        "",
        "   ",
        "🙂🙂🙂",
        "title:(x) AND \"y\"* ~2 ^3 [a TO b] -z",
        "\u{0}\u{1}abc",
        "<script>alert(1)</script>",
        "%00",
        "' OR 1=1 --",
    ] {
        let reply = send(&router, get(&format!("/api/v1/ask?q={}&lang=en", enc(q)))).await;
        assert_eq!(reply.status, StatusCode::OK, "{q:?}: {}", reply.text());
        assert!(reply.json()["kind"].is_string());
        let reply = send(
            &router,
            get(&format!("/api/v1/suggest?q={}&lang=fr", enc(q))),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{q:?}");
    }
    let reply = send(
        &router,
        post_json("/api/v1/ask", r#"{"q": "\u0000\u0007 ☃ inscription"}"#),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn suggestions_complete_the_last_word() {
    let router = router();
    let reply = send(
        &router,
        get(&format!(
            "/api/v1/suggest?q={}&lang=fr",
            enc("devenir indép")
        )),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let suggestions = reply.json()["suggestions"].as_array().unwrap().clone();
    assert_eq!(suggestions[0]["id"], "self-employment/become-self-employed");
    assert_eq!(
        suggestions[0]["question"],
        "Comment devenir indépendant à Bruxelles ?"
    );
    assert!(suggestions.len() <= 6);
    let reply = send(&router, get("/api/v1/suggest?q=i&lang=fr")).await;
    assert_eq!(
        reply.json()["suggestions"].as_array().unwrap().len(),
        0,
        "one letter is too short"
    );
    insta::assert_json_snapshot!(
        "suggest_nl",
        send(&router, get("/api/v1/suggest?q=nederl&lang=nl"))
            .await
            .json()
    );
}

#[tokio::test]
async fn content_routes() {
    let router = router();
    let themes = send(&router, get("/api/v1/themes?lang=nl")).await.json();
    assert_eq!(themes["themes"].as_array().unwrap().len(), 5);
    assert_eq!(themes["themes"][0]["id"], "choose");
    assert_eq!(themes["themes"][0]["label"], "Kiezen");
    insta::assert_json_snapshot!("themes_nl", themes);
    let entries = send(&router, get("/api/v1/entries?theme=learn&lang=en"))
        .await
        .json();
    assert_eq!(entries["entries"].as_array().unwrap().len(), 2);
    assert!(
        entries["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["theme"] == "learn")
    );
    let entry = send(
        &router,
        get("/api/v1/entries/work/register-as-job-seeker?lang=en"),
    )
    .await;
    assert_eq!(entry.status, StatusCode::OK);
    insta::assert_json_snapshot!("entry_en", redact(entry.json()));
    let partners = send(&router, get("/api/v1/partners?lang=fr")).await.json();
    assert_eq!(partners["partners"].as_array().unwrap().len(), 7);
    let partner = send(&router, get("/api/v1/partners/cdm?lang=nl"))
        .await
        .json();
    assert_eq!(partner["name"], "Beroepenpunt Brussel");
    assert_eq!(partner["phone_uri"], "tel:+3280055566");
    let handoff = send(&router, get("/api/v1/handoff?lang=en")).await.json();
    assert_eq!(handoff["email"], "info@cdm-bp.brussels");
    insta::assert_json_snapshot!("handoff_en", handoff);
}

#[tokio::test]
async fn feedback_is_accepted_for_entries_and_partner_profiles() {
    let router = router();
    let reply = send(
        &router,
        post_json(
            "/api/v1/feedback",
            r#"{"entry_id": "learn/learn-dutch", "helpful": true}"#,
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    let reply = send(
        &router,
        post_json(
            "/api/v1/feedback",
            r#"{"entry_id": "partners/syntra-brussel", "helpful": false}"#,
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    let reply = send(
        &router,
        post_json(
            "/api/v1/feedback",
            r#"{"entry_id": "learn/learn-dutch", "helpful": "yes"}"#,
        ),
    )
    .await;
    assert_eq!(reply.code(), "invalid_request");
}

#[tokio::test]
async fn openapi_documents_every_public_route_and_error() {
    let router = router();
    let doc = send(&router, get("/api/v1/openapi.json")).await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/ask",
        "/api/v1/suggest",
        "/api/v1/themes",
        "/api/v1/entries",
        "/api/v1/entries/{id}",
        "/api/v1/partners",
        "/api/v1/partners/{id}",
        "/api/v1/handoff",
        "/api/v1/feedback",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    assert!(doc["paths"]["/api/v1/ask"]["post"].is_object());
    let description = doc["info"]["description"].as_str().unwrap();
    for (code, _, _) in cdm_faq::http::ERROR_CODES {
        assert!(
            description.contains(code),
            "{code} missing from the error table"
        );
    }
    assert!(doc["components"]["schemas"]["Reply"].is_object());
}

#[tokio::test]
async fn cors_only_for_configured_origins() {
    let mut config = super::config();
    config.cors_origins = vec!["https://www.citedesmetiers.brussels".into()];
    let router = super::app_with(config).router();
    let allowed = Request::get("/api/v1/themes")
        .header(header::ORIGIN, "https://www.citedesmetiers.brussels")
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, allowed).await;
    assert_eq!(
        reply
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .unwrap(),
        "https://www.citedesmetiers.brussels"
    );
    let other = Request::get("/api/v1/themes")
        .header(header::ORIGIN, "https://evil.example")
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, other).await;
    assert!(
        reply
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none()
    );
    let preflight = Request::options("/api/v1/ask")
        .header(header::ORIGIN, "https://www.citedesmetiers.brussels")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, preflight).await;
    assert!(
        reply.status.is_success(),
        "{} {:?} {}",
        reply.status,
        reply.headers,
        reply.text()
    );
    assert!(
        reply
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_METHODS)
            .unwrap()
            .to_str()
            .unwrap()
            .contains("POST")
    );
}

#[tokio::test]
async fn rate_limiting_answers_429_with_retry_after_per_client_and_group() {
    let mut config = super::config();
    config.no_rate_limit = false;
    config.rate_burst = 5;
    config.rate_per_second = 1;
    let router = super::app_with(config).router();
    for i in 0..5 {
        let reply = send(&router, get("/api/v1/ask?q=cv")).await;
        assert_eq!(reply.status, StatusCode::OK, "request {i} within the burst");
    }
    let limited = send(&router, get("/api/v1/ask?q=cv")).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.code(), "rate_limited");
    let retry: u64 = limited
        .headers
        .get(header::RETRY_AFTER)
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry));
    // Suggestions have their own bucket: typing does not eat the questions' budget.
    assert_eq!(
        send(&router, get("/api/v1/suggest?q=form")).await.status,
        StatusCode::OK
    );
    // Operations routes are not limited.
    assert_eq!(send(&router, get("/healthz")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn widget_and_demo_page() {
    let router = router();
    let js = send(&router, get("/widget.js")).await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(
        js.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let etag = js.headers[header::ETAG].to_str().unwrap().to_string();
    let again = Request::get("/widget.js")
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&router, again).await.status, StatusCode::NOT_MODIFIED);
    let gzip = Request::get("/widget.js")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let gz = send(&router, gzip).await;
    assert_eq!(gz.headers[header::CONTENT_ENCODING], "gzip");
    assert!(
        gz.body.len() <= 12 * 1024,
        "the widget is {} bytes gzipped, over the 12 KB budget",
        gz.body.len()
    );
    for lang in ["fr", "nl", "en"] {
        let page = send(&router, get(&format!("/?lang={lang}"))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(
            page.headers[header::CONTENT_SECURITY_POLICY],
            cdm_faq::http::DEMO_CSP
        );
        let html = page.text();
        assert!(html.contains(&format!("lang=\"{lang}\"")), "{lang}");
        assert!(html.contains("/widget.js"));
        assert!(
            !html.contains("<script>") && !html.contains("style="),
            "no inline script or style"
        );
    }
    assert_eq!(send(&router, get("/demo.css")).await.status, StatusCode::OK);
}
