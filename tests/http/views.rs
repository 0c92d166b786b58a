//! Answers seen without typing, and what the widget needs around them. Properties checked:
//! - `POST /api/v1/views` answers 204 and counts the answer with its source; an unknown entry, an unknown
//!   source or language get their error codes; the `views` table holds no column that could hold a person;
//! - the yearly report adds them to the requests and gives the requests per source (typed included);
//! - `GET /api/v1/themes` gives each theme's featured questions (at most six, of that theme), the most seen
//!   entry of the statistics first;
//! - `POST /api/v1/suggest` gives the same completions as GET, with the question in the body;
//! - `/widget.js` is sent precompressed: brotli when accepted, else gzip, else plain, with `Vary`.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cdm_faq::stats::{DATABASE_FILE, StatsReader};

use super::{app_with, config, get, post_json, router, send};

fn with_stats(dir: &std::path::Path) -> cdm_faq::config::ServeConfig {
    let mut config = config();
    config.no_stats = false;
    config.data_dir = dir.to_path_buf();
    config
}

fn view(entry: &str, via: &str) -> String {
    format!(r#"{{"entry_id": "{entry}", "via": "{via}", "lang": "fr"}}"#)
}

#[tokio::test]
async fn views_are_counted_by_source_without_anything_personal() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(with_stats(dir.path()));
    let router = app.router();
    let typed = send(
        &router,
        post_json(
            "/api/v1/ask",
            r#"{"q": "Comment devenir indépendant ?", "lang": "fr"}"#,
        ),
    )
    .await;
    assert_eq!(typed.json()["kind"], "answer");
    for (entry, via) in [
        ("learn/training-with-benefits", "suggestion"),
        ("learn/training-with-benefits", "suggestion"),
        ("work/register-as-job-seeker", "clarify"),
        ("learn/learn-dutch", "theme"),
        ("partners/actiris", "related"),
    ] {
        let r = send(&router, post_json("/api/v1/views", &view(entry, via))).await;
        assert_eq!(
            r.status,
            StatusCode::NO_CONTENT,
            "{entry} {via}: {}",
            r.text()
        );
        assert!(r.headers.get(header::SET_COOKIE).is_none());
    }
    for (body, status, code) in [
        (view("work/nope", "theme"), 404, "unknown_entry"),
        (view("learn/learn-dutch", "typed"), 422, "invalid_request"),
        (
            r#"{"entry_id": "learn/learn-dutch", "via": "theme", "lang": "de"}"#.to_string(),
            400,
            "unknown_language",
        ),
        (
            r#"{"entry_id": "learn/learn-dutch", "via": "theme", "lang": "fr", "visitor": 1}"#
                .to_string(),
            422,
            "invalid_request",
        ),
    ] {
        let r = send(&router, post_json("/api/v1/views", &body)).await;
        assert_eq!(
            (r.status.as_u16(), r.code().as_str()),
            (status, code),
            "{body}"
        );
    }
    assert!(app.state.stats.flush(Duration::from_secs(10)));
    let path = dir.path().join(DATABASE_FILE);
    let connection = rusqlite::Connection::open(&path).unwrap();
    let mut statement = connection.prepare("PRAGMA table_info(views)").unwrap();
    let columns: Vec<String> = statement
        .query_map([], |r| r.get::<_, String>(1))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        columns,
        ["hour", "via", "lang", "theme", "entry_id", "count"]
    );
    let year = time::OffsetDateTime::now_utc().year();
    let report = StatsReader::open(&path)
        .unwrap()
        .unwrap()
        .year(year)
        .unwrap();
    let source = |k: &str| report.sources.iter().find(|c| c.key == k).unwrap().count;
    assert_eq!(
        [
            source("typed"),
            source("suggestion"),
            source("clarify"),
            source("theme"),
            source("related"),
            source("alternative"),
            source("next_best"),
        ],
        [1, 2, 1, 1, 1, 0, 0]
    );
    assert_eq!(report.total(), 6, "typed and opened answers are requests");
    assert!(report.table().contains("requests per source"));
}

#[tokio::test]
async fn themes_feature_the_most_seen_entries_first() {
    let featured = |json: &serde_json::Value, theme: &str| -> Vec<String> {
        json["themes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == theme)
            .unwrap()["featured"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    let plain = send(&router(), get("/api/v1/themes?lang=fr")).await.json();
    for theme in plain["themes"].as_array().unwrap() {
        let ids = featured(&plain, theme["id"].as_str().unwrap());
        assert!(!ids.is_empty() && ids.len() <= 6, "{ids:?}");
        assert!(
            ids.iter()
                .all(|id| id.starts_with(theme["id"].as_str().unwrap()))
        );
        assert!(theme["description"].as_str().unwrap().len() > 10);
    }
    assert_eq!(
        featured(&plain, "learn")[0],
        "learn/learn-dutch",
        "file order"
    );
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(with_stats(dir.path()));
    let router = app.router();
    for _ in 0..3 {
        let body = view("learn/training-with-benefits", "theme");
        send(&router, post_json("/api/v1/views", &body)).await;
    }
    assert!(app.state.stats.flush(Duration::from_secs(10)));
    let themes = send(&router, get("/api/v1/themes?lang=fr")).await.json();
    assert_eq!(
        featured(&themes, "learn"),
        ["learn/training-with-benefits", "learn/learn-dutch"],
        "the most seen first"
    );
}

#[tokio::test]
async fn suggest_by_post_keeps_the_question_out_of_the_url() {
    let router = router();
    let by_get = send(&router, get("/api/v1/suggest?q=inscri&lang=fr")).await;
    let by_post = send(
        &router,
        post_json("/api/v1/suggest", r#"{"q": "inscri", "lang": "fr"}"#),
    )
    .await;
    assert_eq!(by_post.status, StatusCode::OK);
    assert_eq!(by_post.json(), by_get.json());
    assert!(!by_post.json()["suggestions"].as_array().unwrap().is_empty());
    let long = format!(r#"{{"q": "{}", "lang": "fr"}}"#, "a".repeat(1001));
    let too_long = send(&router, post_json("/api/v1/suggest", &long)).await;
    assert_eq!(too_long.code(), "question_too_long");
}

#[tokio::test]
async fn the_widget_is_sent_precompressed() {
    let router = router();
    let fetch = |encoding: &'static str| {
        Request::get("/widget.js")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap()
    };
    let plain = send(&router, get("/widget.js")).await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.body, cdm_faq::http::widget_source().as_bytes());
    let (br, gz) = cdm_faq::http::widget_compressed();
    let brotli = send(&router, fetch("gzip, deflate, br")).await;
    assert_eq!(brotli.headers[header::CONTENT_ENCODING], "br");
    assert_eq!(brotli.headers[header::VARY], "accept-encoding");
    assert_eq!(
        brotli.body, br,
        "the committed brotli bytes, not compressed again"
    );
    let gzip = send(&router, fetch("gzip")).await;
    assert_eq!(gzip.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(gzip.body, gz);
    assert!(
        gzip.body.len() <= 12 * 1024,
        "{} B gzipped",
        gzip.body.len()
    );
    assert_ne!(brotli.headers[header::ETAG], gzip.headers[header::ETAG]);
}
