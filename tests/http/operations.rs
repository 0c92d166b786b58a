//! Health, readiness, metrics and logging.

use axum::http::StatusCode;

use super::{get, router, send};

#[tokio::test]
async fn health_readiness_and_metrics() {
    let router = router();
    assert_eq!(send(&router, get("/healthz")).await.json()["status"], "ok");
    let ready = send(&router, get("/readyz")).await.json();
    assert_eq!(ready["status"], "ready");
    assert_eq!(ready["entries"], 10);
    send(&router, get("/api/v1/ask?q=incubateur&lang=fr")).await;
    send(&router, get("/api/v1/ask?q=bonjour&lang=fr")).await;
    send(&router, get("/api/v1/ask?q=xx&lang=zz")).await;
    let metrics = send(&router, get("/metrics")).await;
    assert_eq!(metrics.status, StatusCode::OK);
    let text = metrics.text();
    for needle in [
        "cdm_faq_http_requests_total{route=\"/api/v1/ask\",method=\"GET\",status=\"200\"} 2",
        "cdm_faq_http_requests_total{route=\"/api/v1/ask\",method=\"GET\",status=\"400\"} 1",
        "cdm_faq_http_request_duration_seconds_bucket{le=",
        "cdm_faq_replies_total{kind=\"answer\",lang=\"fr\"} 1",
        "cdm_faq_replies_total{kind=\"smalltalk\",lang=\"fr\"} 1",
        "cdm_faq_knowledge_base_info{site=\"default\",version=",
        "cdm_faq_knowledge_base_entries{site=\"default\"} 10",
        "cdm_faq_knowledge_base_reloads{site=\"default\",outcome=\"reloaded\"} 0",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
    assert!(text.trim_end().ends_with("# EOF"));
}
