//! Live knowledge-base reloads: through `POST /admin/reload` and through file watching.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};

use super::{app_with, config, get, send};
use crate::common::{edit, fixture_copy};

fn reload_request() -> Request<Body> {
    Request::post("/admin/reload")
        .header("authorization", "Bearer test-token")
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn a_good_edit_is_served_and_a_bad_edit_is_rejected_while_the_old_version_keeps_serving() {
    let dir = fixture_copy();
    let mut config = config();
    config.kb = dir.path().to_path_buf();
    config.admin_token = Some("test-token".into());
    let router = app_with(config).router();
    let question = "/api/v1/ask?q=incubateur&lang=fr";
    let before = send(&router, get(question)).await.json();
    assert_eq!(
        before["answers"][0]["question"],
        "Où trouver un bureau ou un incubateur pour ma start-up ?"
    );

    // Unchanged.
    let reply = send(&router, reload_request()).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["outcome"], "unchanged");

    // A good edit.
    let file = dir.path().join("self-employment/business-premises.toml");
    edit(
        &file,
        "question = \"Où trouver un bureau ou un incubateur pour ma start-up ?\"",
        "question = \"Où trouver des locaux ou un incubateur pour mon projet ?\"",
    );
    let reply = send(&router, reload_request()).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["outcome"], "reloaded");
    let after = send(&router, get(question)).await.json();
    assert_eq!(
        after["answers"][0]["question"],
        "Où trouver des locaux ou un incubateur pour mon projet ?"
    );
    let version = send(&router, get("/readyz")).await.json()["version"].clone();

    // A bad edit: rejected with every problem, file and line; the previous version keeps serving.
    edit(
        &file,
        "partners = [\"hub-brussels\"]",
        "partners = [\"nobody\"]\nbogus = 1",
    );
    let reply = send(&router, reload_request()).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let report = reply.json();
    assert_eq!(report["outcome"], "rejected");
    let problems = report["problems"].as_array().unwrap();
    assert!(
        problems.iter().any(|p| p["message"]
            .as_str()
            .unwrap()
            .contains("unknown partner id \"nobody\"")
            && p["line"] == 1),
        "{report}"
    );
    assert!(
        problems.iter().any(|p| p["message"]
            .as_str()
            .unwrap()
            .contains("unknown key `bogus`")
            && p["line"] == 2),
        "{report}"
    );
    assert_eq!(
        report["version"], version,
        "the served version did not change"
    );
    let still = send(&router, get(question)).await.json();
    assert_eq!(
        still["answers"][0]["question"],
        "Où trouver des locaux ou un incubateur pour mon projet ?"
    );
    assert_eq!(
        send(&router, get("/readyz")).await.json()["last_reload"]["outcome"],
        "rejected"
    );
    let metrics = send(&router, get("/metrics")).await.text();
    assert!(
        metrics.contains("cdm_faq_knowledge_base_reloads{site=\"default\",outcome=\"rejected\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("cdm_faq_knowledge_base_reloads{site=\"default\",outcome=\"reloaded\"} 1")
    );
}

#[tokio::test]
async fn file_edits_are_picked_up_without_a_restart() {
    let dir = fixture_copy();
    let mut config = config();
    config.kb = dir.path().to_path_buf();
    config.no_watch = false;
    let app = app_with(config);
    let router = app.router();
    let file = dir.path().join("learn/learn-dutch.toml");
    edit(
        &file,
        "question = \"Where can I learn Dutch in Brussels?\"",
        "question = \"Where can adults learn Dutch in Brussels?\"",
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let reply = send(&router, get("/api/v1/entries/learn/learn-dutch?lang=en"))
            .await
            .json();
        if reply["question"] == "Where can adults learn Dutch in Brussels?" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the edit was not picked up: {reply}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A broken file is rejected; the last good version keeps serving.
    std::fs::write(&file, "this is [not toml").unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let ready = send(&router, get("/readyz")).await.json();
        if ready["last_reload"]["outcome"] == "rejected" {
            assert!(
                ready["last_reload"]["problems"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["file"] == "learn/learn-dutch.toml")
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the broken edit was not reported: {ready}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let reply = send(&router, get("/api/v1/entries/learn/learn-dutch?lang=en"))
        .await
        .json();
    assert_eq!(
        reply["question"],
        "Where can adults learn Dutch in Brussels?"
    );
    drop(app);
}

async fn wait_for_question(router: &axum::Router, expected: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let reply = send(router, get("/api/v1/entries/learn/learn-dutch?lang=en"))
            .await
            .json();
        if reply["question"] == expected {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: {reply}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

const DUTCH: &str = "question = \"Where can I learn Dutch in Brussels?\"";

#[tokio::test]
async fn the_watcher_survives_the_folder_being_replaced_or_its_symlink_switched() {
    let base = tempfile::tempdir().unwrap();
    let kb = base.path().join("kb");
    let release = fixture_copy();
    std::fs::rename(release.path(), &kb).unwrap();
    let mut config = config();
    config.kb = kb.clone();
    config.no_watch = false;
    let app = app_with(config);
    let router = app.router();
    let deadline = Instant::now() + Duration::from_secs(10);
    while send(&router, get("/readyz")).await.json()["watcher"]["state"] != "watching" {
        assert!(Instant::now() < deadline, "never watching");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // A new release renamed over the folder: picked up, and so are later edits in it.
    let next = fixture_copy();
    edit(
        &next.path().join("learn/learn-dutch.toml"),
        DUTCH,
        "question = \"Where can I learn Dutch (release 2)?\"",
    );
    std::fs::rename(&kb, base.path().join("kb-old")).unwrap();
    std::fs::rename(next.path(), &kb).unwrap();
    wait_for_question(
        &router,
        "Where can I learn Dutch (release 2)?",
        "the new release",
    )
    .await;
    edit(
        &kb.join("learn/learn-dutch.toml"),
        "(release 2)",
        "(edited after the switch)",
    );
    wait_for_question(
        &router,
        "Where can I learn Dutch (edited after the switch)?",
        "an edit in the new folder",
    )
    .await;

    // The folder deleted: /readyz says the watcher is not watching.
    std::fs::rename(&kb, base.path().join("kb-gone")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let ready = send(&router, get("/readyz")).await.json();
        if ready["watcher"]["state"] == "not_watching" {
            assert!(
                ready["watcher"]["detail"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty())
            );
            break;
        }
        assert!(Instant::now() < deadline, "{ready}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Back as a symlink to a release, then the symlink switched to another one.
    let v3 = fixture_copy();
    edit(
        &v3.path().join("learn/learn-dutch.toml"),
        DUTCH,
        "question = \"Where can I learn Dutch (v3)?\"",
    );
    let v4 = fixture_copy();
    edit(
        &v4.path().join("learn/learn-dutch.toml"),
        DUTCH,
        "question = \"Where can I learn Dutch (v4)?\"",
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(v3.path(), &kb).unwrap();
        wait_for_question(
            &router,
            "Where can I learn Dutch (v3)?",
            "the folder back as a symlink",
        )
        .await;
        let switch = base.path().join("kb-next");
        std::os::unix::fs::symlink(v4.path(), &switch).unwrap();
        std::fs::rename(&switch, &kb).unwrap();
        wait_for_question(
            &router,
            "Where can I learn Dutch (v4)?",
            "the symlink switched",
        )
        .await;
        edit(
            &v4.path().join("learn/learn-dutch.toml"),
            "(v4)",
            "(v4, edited)",
        );
        wait_for_question(
            &router,
            "Where can I learn Dutch (v4, edited)?",
            "an edit behind the switched symlink",
        )
        .await;
    }
    assert_eq!(
        send(&router, get("/readyz")).await.json()["watcher"]["state"],
        "watching"
    );
    drop(app);
}
