//! Anonymous statistics: what is stored (and what is not), scrubbing, retention, and replies flowing when
//! the database cannot be written.

use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cdm_faq::stats::{DATABASE_FILE, Event, Recorder, StatsStore, current_hour};

use super::{app_with, config, enc, get, post_json, send};

fn with_stats(dir: &std::path::Path) -> cdm_faq::config::ServeConfig {
    let mut config = config();
    config.no_stats = false;
    config.data_dir = dir.to_path_buf();
    config.admin_token = Some("t".into());
    config
}

fn columns(connection: &rusqlite::Connection, table: &str) -> Vec<String> {
    let mut statement = connection
        .prepare(&format!("PRAGMA table_info({table})"))
        .unwrap();
    statement
        .query_map([], |r| r.get::<_, String>(1))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test]
async fn replies_are_counted_without_personal_data_and_kept_questions_are_scrubbed() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(with_stats(dir.path()));
    let router = app.router();
    let answered = send(
        &router,
        get(&format!(
            "/api/v1/ask?q={}&lang=fr",
            enc("Comment devenir indépendant ?")
        )),
    )
    .await;
    assert_eq!(answered.json()["kind"], "answer");
    let pii = "recette de pizza, écrivez à jan.peeters@example.be ou au 0475 12 34 56, IBAN BE68 5390 0754 7034, NN 85.07.30-033.28";
    let declined = send(&router, get(&format!("/api/v1/ask?q={}&lang=fr", enc(pii)))).await;
    assert_eq!(declined.json()["kind"], "no_answer");
    send(&router, get("/api/v1/ask?q=bonjour&lang=fr")).await;
    let feedback = send(
        &router,
        post_json(
            "/api/v1/feedback",
            r#"{"entry_id": "self-employment/become-self-employed", "helpful": true}"#,
        ),
    )
    .await;
    assert_eq!(feedback.status, StatusCode::NO_CONTENT);
    assert!(app.state.stats.flush(Duration::from_secs(10)));

    let db = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    // The schema has no place for a person.
    let all: Vec<String> = ["replies", "unanswered", "feedback"]
        .iter()
        .flat_map(|t| columns(&db, t))
        .collect();
    for forbidden in [
        "ip",
        "address",
        "user",
        "cookie",
        "session",
        "agent",
        "timestamp",
    ] {
        assert!(
            !all.iter().any(|c| c.contains(forbidden)),
            "{forbidden} in {all:?}"
        );
    }
    let total: i64 = db
        .query_row("SELECT SUM(count) FROM replies", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total, 3);
    let (hour, kind, theme, partner): (String, String, String, String) = db
        .query_row(
            "SELECT hour, kind, theme, partner_id FROM replies WHERE kind = 'answer'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(hour, current_hour(), "counted per hour, not per second");
    assert_eq!(
        (kind.as_str(), theme.as_str(), partner.as_str()),
        ("answer", "self-employment", "hub-brussels")
    );
    let kept: Vec<String> = db
        .prepare("SELECT question FROM unanswered")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "only the declined question is kept: {kept:?}"
    );
    let question = &kept[0];
    assert!(question.contains("recette de pizza"), "{question}");
    for leaked in ["jan.peeters", "@", "0475", "BE68", "85.07.30"] {
        assert!(
            !question.contains(leaked),
            "{leaked} leaked into {question}"
        );
    }
    assert!(
        question.contains("[email]")
            && question.contains("[phone]")
            && question.contains("[iban]")
            && question.contains("[national-number]"),
        "{question}"
    );
    let votes: i64 = db
        .query_row("SELECT count FROM feedback WHERE helpful = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(votes, 1);

    // The editors see it.
    let auth = |uri: &str| {
        Request::get(uri)
            .header(header::AUTHORIZATION, "Bearer t")
            .body(Body::empty())
            .unwrap()
    };
    let page = send(&router, auth("/admin/unanswered")).await.text();
    assert!(page.contains("recette de pizza") && page.contains("[email]"));
    assert!(!page.contains("jan.peeters"));
    let year = time::OffsetDateTime::now_utc().year();
    let csv = send(&router, auth(&format!("/admin/stats.csv?year={year}")))
        .await
        .text();
    let month = format!(
        "{year}-{:02}",
        u8::from(time::OffsetDateTime::now_utc().month())
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with(&format!("{month},3,1,0,1,1,1,0"))),
        "{csv}"
    );
    let dashboard = send(&router, auth(&format!("/admin?year={year}")))
        .await
        .text();
    assert!(dashboard.contains("requests via the FAQbot"));
}

#[test]
fn old_questions_are_purged_after_the_retention_period() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    {
        let _store = StatsStore::open(&path).unwrap();
        let db = rusqlite::Connection::open(&path).unwrap();
        let today = time::OffsetDateTime::now_utc().date();
        for (day, q) in [
            (today - time::Duration::days(200), "old"),
            (today - time::Duration::days(91), "just too old"),
            (today - time::Duration::days(89), "recent"),
            (today, "today"),
        ] {
            db.execute(
                "INSERT INTO unanswered (day, lang, kind, question, closest_entry, confidence) VALUES (?1, 'fr', 'no_answer', ?2, '', 0.1)",
                rusqlite::params![day.to_string(), q],
            )
            .unwrap();
        }
    }
    // The recorder purges when it starts writing.
    let recorder = Recorder::start(path.clone(), 90);
    recorder.record(Event::Feedback {
        day: "2026-11-21".into(),
        entry_id: "x".into(),
        helpful: true,
    });
    assert!(recorder.flush(Duration::from_secs(10)));
    let db = rusqlite::Connection::open(&path).unwrap();
    let left: Vec<String> = db
        .prepare("SELECT question FROM unanswered ORDER BY day")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(left, ["recent", "today"]);
    assert_eq!(recorder.counters().purged.load(Ordering::Relaxed), 2);
}

#[tokio::test]
async fn replies_keep_flowing_when_the_database_is_unwritable() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("data-is-a-file");
    std::fs::write(&not_a_folder, "not a folder").unwrap();
    let app = app_with(with_stats(&not_a_folder));
    let router = app.router();
    for _ in 0..3 {
        let reply = send(&router, get("/api/v1/ask?q=incubateur&lang=fr")).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.json()["kind"], "answer");
    }
    assert!(app.state.stats.flush(Duration::from_secs(10)));
    let counters = app.state.stats.counters();
    assert_eq!(
        counters.pending.load(Ordering::Relaxed),
        3,
        "kept in memory"
    );
    assert_eq!(counters.failed.load(Ordering::Relaxed), 0);
    assert!(counters.unavailable.load(Ordering::Relaxed));
    let metrics = send(&router, get("/metrics")).await.text();
    assert!(
        metrics.contains("cdm_faq_stats_events_pending{site=\"default\"} 3"),
        "{metrics}"
    );
    assert!(metrics.contains("cdm_faq_stats_unavailable{site=\"default\"} 1"));
    let ready = send(&router, get("/readyz")).await.json();
    assert_eq!(ready["statistics"], false);
    assert_eq!(ready["statistics_state"], "unavailable");
}

#[tokio::test]
async fn readiness_says_statistics_are_fine_only_once_the_database_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(with_stats(dir.path()));
    let router = app.router();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let ready = loop {
        let ready = send(&router, get("/readyz")).await.json();
        if ready["statistics_state"] != "starting" {
            break ready;
        }
        assert_eq!(ready["statistics"], false, "not fine before the check");
        assert!(std::time::Instant::now() < deadline, "{ready}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(ready["statistics_state"], "ok", "{ready}");
    assert_eq!(ready["statistics"], true);
    assert!(dir.path().join(DATABASE_FILE).exists());
    // Switched off: said so.
    let ready = send(&super::router(), get("/readyz")).await.json();
    assert_eq!(ready["statistics_state"], "off");
    assert_eq!(ready["watcher"]["state"], "off");
}

fn file_bytes(path: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap_or_default();
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        bytes.extend(std::fs::read(std::path::PathBuf::from(name)).unwrap_or_default());
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn purged_text_is_absent_from_the_database_file_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let mut store = StatsStore::open(&path).unwrap();
    let kept = |hour: &str, question: String| {
        Event::Reply(cdm_faq::stats::ReplyEvent {
            hour: hour.into(),
            page_lang: "fr".into(),
            reply_lang: "fr".into(),
            kind: "no_answer".into(),
            theme: String::new(),
            entry_id: String::new(),
            partner_id: String::new(),
            band: "none".into(),
            kept_question: Some(question),
            confidence: 0.0,
            closest_entry: String::new(),
        })
    };
    let today = time::OffsetDateTime::now_utc().date();
    let old = format!("{}T10", today - time::Duration::days(200));
    let recent = format!("{today}T10");
    let mut events: Vec<Event> = (0..300)
        .map(|i| kept(&old, format!("purgeme-fragment-{i:04} une question assez longue pour remplir des pages de la base {}", "x".repeat(200))))
        .collect();
    events.push(kept(&recent, "keepme-question recente".into()));
    store.write(&events).unwrap();
    assert!(
        contains(&file_bytes(&path), "purgeme-fragment-0042"),
        "the text is in the files before the purge (the check can fail)"
    );
    assert_eq!(store.purge(today, 90).unwrap(), 300);
    let bytes = file_bytes(&path);
    assert!(
        !contains(&bytes, "purgeme-fragment"),
        "purged text left in the database files"
    );
    assert!(!contains(&bytes, "purgeme"));
    drop(store);
    let db = rusqlite::Connection::open(&path).unwrap();
    let left: String = db
        .query_row("SELECT question FROM unanswered", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, "keepme-question recente");
}

#[cfg(unix)]
#[test]
fn database_files_are_owner_only_in_a_private_folder_and_looser_ones_are_tightened() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    // Created by us.
    let fresh = dir.path().join("fresh/data");
    let path = fresh.join(DATABASE_FILE);
    let mut store = StatsStore::open(&path).unwrap();
    store.write(&[]).unwrap();
    assert_eq!(mode(&fresh), 0o700);
    assert_eq!(mode(&path), 0o600);
    let wal = fresh.join(format!("{DATABASE_FILE}-wal"));
    assert!(wal.exists());
    assert_eq!(mode(&wal), 0o600);
    drop(store);
    // Left looser by an older version: tightened at start.
    let loose = dir.path().join("loose");
    std::fs::create_dir(&loose).unwrap();
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = loose.join(DATABASE_FILE);
    drop(rusqlite::Connection::open(&path).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(mode(&path), 0o644);
    drop(StatsStore::open(&path).unwrap());
    assert_eq!(mode(&loose), 0o700);
    assert_eq!(mode(&path), 0o600);
}

#[tokio::test]
async fn replies_keep_flowing_when_the_database_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(with_stats(dir.path()));
    let router = app.router();
    send(&router, get("/api/v1/ask?q=incubateur&lang=fr")).await;
    assert!(app.state.stats.flush(Duration::from_secs(10)));
    assert_eq!(
        app.state.stats.counters().written.load(Ordering::Relaxed),
        1
    );
    // Another process holds an exclusive lock.
    let blocker = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    blocker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = std::time::Instant::now();
    let reply = send(&router, get("/api/v1/ask?q=incubateur&lang=fr")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        started.elapsed() < Duration::from_millis(200),
        "the reply does not wait for the database"
    );
    assert!(app.state.stats.flush(Duration::from_secs(10)));
    let counters = app.state.stats.counters();
    assert_eq!(
        counters.pending.load(Ordering::Relaxed),
        1,
        "kept in memory"
    );
    assert_eq!(counters.failed.load(Ordering::Relaxed), 0);
    blocker.execute_batch("ROLLBACK").unwrap();
    send(&router, get("/api/v1/ask?q=incubateur&lang=fr")).await;
    assert!(app.state.stats.flush(Duration::from_secs(10)));
    assert_eq!(
        app.state.stats.counters().written.load(Ordering::Relaxed),
        3,
        "recovers once the lock is gone, the kept event included"
    );
    assert_eq!(
        app.state.stats.counters().pending.load(Ordering::Relaxed),
        0
    );
}

#[test]
fn the_stats_command_prints_the_yearly_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let mut store = StatsStore::open(&path).unwrap();
    let event = |hour: &str, kind: &str| {
        Event::Reply(cdm_faq::stats::ReplyEvent {
            hour: hour.into(),
            page_lang: "fr".into(),
            reply_lang: "fr".into(),
            kind: kind.into(),
            theme: "work".into(),
            entry_id: "work/x".into(),
            partner_id: "actiris".into(),
            band: "high".into(),
            kept_question: None,
            confidence: 0.9,
            closest_entry: String::new(),
        })
    };
    store
        .write(&[
            event("2026-03-04T10", "answer"),
            event("2026-03-05T11", "answer"),
            event("2026-07-01T09", "no_answer"),
            event("2025-12-31T23", "answer"),
        ])
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cdm-faq"))
        .args(["stats", "--year", "2026", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("2026-03") && l.split_whitespace().nth(1) == Some("2")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("total") && l.split_whitespace().nth(1) == Some("3")),
        "{text}"
    );
    assert!(text.contains("actiris"));
}
