//! Hostile traffic, the fast cases (the long runs are in `benches/hostile.sh`): the real binary on
//! loopback where sockets matter, the router in process where they do not. Every case is bounded in
//! count and time. Properties checked:
//! - 500 idle connections (half of them with half a request line) do not stop a new client from
//!   getting `/healthz` within 1 s, and are all closed by the server after the header-read timeout,
//!   as is an idle keep-alive connection;
//! - beyond `--max-connections` a new client gets `503 overloaded` in our JSON shape, and the slots come
//!   back when the connections close;
//! - 20,000 requests with invented methods (some of 5,000 letters) leave `/metrics` within 10% of its
//!   size;
//! - a spoofed `X-Forwarded-For` from an untrusted peer is ignored; behind a trusted proxy the real
//!   client (the rightmost untrusted address) is limited, and cannot empty someone else's bucket;
//! - 30 clients behind one address each get their answer with the default limits; a flood does not;
//! - a half-sent request (head or body) does not hold graceful shutdown beyond its deadline;
//! - the HTTP layer's own refusals (a 100 KB URL, too many headers, garbage, an over-limit
//!   `Content-Length`, a short body, malformed chunks) come early and in our JSON shape;
//! - plain-text rejections (invalid UTF-8 in a path, a repeated `lang` on `/`) are our JSON too;
//! - security headers on every response; `no-store` on staff pages;
//! - `/metrics` behind the admin token with `--metrics-private`, or on its own address only;
//! - no client address in the logs, even at trace level.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};

use super::tcp::Server;
use super::{get, post_json, send};

fn connect(server: &Server) -> TcpStream {
    let stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
}

/// Status, head and body of the answer read until the server closes.
fn read_to_close(stream: &mut TcpStream) -> (u16, String, String) {
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn code(body: &str) -> String {
    let json: serde_json::Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("not our JSON ({e}): {body:?}"));
    json["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// True once the server has closed the connection (end of stream or reset).
fn closed_by_server(stream: &mut TcpStream, wait: Duration) -> bool {
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

#[test]
fn idle_connections_neither_lock_out_new_clients_nor_stay_open() {
    let server = Server::start(&["--header-read-timeout-secs", "2"]);
    let mut idle: Vec<TcpStream> = (0..500).map(|_| connect(&server)).collect();
    for stream in idle.iter_mut().step_by(2) {
        stream.write_all(b"GET /heal").unwrap();
    }
    let started = Instant::now();
    let (status, _, _) = server.get("/healthz");
    let waited = started.elapsed();
    assert_eq!(status, 200);
    assert!(waited < Duration::from_secs(1), "healthz took {waited:?}");
    // A keep-alive connection that has had its answer, then goes quiet.
    let mut keep_alive = connect(&server);
    keep_alive
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut first = [0u8; 512];
    assert!(keep_alive.read(&mut first).unwrap() > 0);
    std::thread::sleep(Duration::from_millis(2_500));
    for (i, stream) in idle.iter_mut().enumerate() {
        assert!(
            closed_by_server(stream, Duration::from_secs(3)),
            "idle connection {i} still open after the header-read timeout"
        );
    }
    assert!(closed_by_server(&mut keep_alive, Duration::from_secs(3)));
}

#[test]
fn beyond_the_connection_cap_a_new_client_gets_503_overloaded() {
    let server = Server::start(&[
        "--max-connections",
        "20",
        "--header-read-timeout-secs",
        "30",
    ]);
    let held: Vec<TcpStream> = (0..20).map(|_| connect(&server)).collect();
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    let (status, head, body) = server.get("/healthz");
    assert_eq!(status, 503, "{head}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(code(&body), "overloaded");
    assert!(
        head.to_ascii_lowercase().contains("retry-after: 1"),
        "{head}"
    );
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(3);
    while server.get("/healthz").0 != 200 {
        assert!(Instant::now() < deadline, "the slots never came back");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test]
async fn invented_methods_leave_metrics_within_ten_percent_of_its_size() {
    let router = super::router();
    let invented = |i: usize| {
        let name = if i.is_multiple_of(100) {
            format!("{}{i}", "X".repeat(5_000))
        } else {
            format!("M{i}")
        };
        let uri = match i % 3 {
            0 => "/healthz".to_string(),
            1 => "/api/v1/ask".to_string(),
            _ => format!("/nowhere/{i}"),
        };
        Request::builder()
            .method(Method::from_bytes(name.as_bytes()).unwrap())
            .uri(uri)
            .body(Body::empty())
            .unwrap()
    };
    // One request of every kind first (/metrics included), so that the series they create are there.
    for i in 0..3 {
        send(&router, invented(i + 1)).await;
    }
    send(&router, get("/metrics")).await;
    let before = send(&router, get("/metrics")).await.body.len();
    for i in 0..20_000 {
        let reply = send(&router, invented(i)).await;
        assert!(reply.status.is_client_error(), "{}", reply.status);
    }
    let metrics = send(&router, get("/metrics")).await;
    let after = metrics.body.len();
    assert!(
        after as f64 <= before as f64 * 1.10,
        "/metrics grew from {before} to {after} bytes"
    );
    eprintln!("/metrics after 20,000 invented methods: {before} -> {after} bytes");
    assert!(metrics.text().contains(r#"method="other""#));
    assert!(!metrics.text().contains("XXXXXXXX"));
}

/// A request from `peer`, with an `X-Forwarded-For` header when given.
fn from(peer: &str, forwarded_for: Option<&str>) -> Request<Body> {
    let mut request = get("/api/v1/ask?q=cv&lang=fr");
    if let Some(value) = forwarded_for {
        request
            .headers_mut()
            .insert("x-forwarded-for", value.parse().unwrap());
    }
    let peer: SocketAddr = format!("{peer}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    request
}

#[tokio::test]
async fn spoofed_forwarded_for_is_ignored_and_the_real_client_behind_a_proxy_is_limited() {
    let mut config = super::config();
    config.no_rate_limit = false;
    config.rate_burst = 5;
    config.rate_per_second = 1;
    config.trusted_proxies = vec![cdm_faq::config::parse_proxy("127.0.0.1").unwrap()];
    let router = super::app_with(config).router();
    // An untrusted peer writing a new address every time: one bucket, its own.
    let mut statuses = Vec::new();
    for i in 0..8 {
        let spoof = format!("10.9.8.{i}");
        statuses.push(
            send(&router, from("198.51.100.1", Some(&spoof)))
                .await
                .status,
        );
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        5,
        "{statuses:?}"
    );
    // Behind our proxy, the client writes what it likes on the left; the proxy appends the truth.
    let mut statuses = Vec::new();
    for i in 0..8 {
        let header = format!("10.9.8.{i}, 203.0.113.5");
        statuses.push(send(&router, from("127.0.0.1", Some(&header))).await.status);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        5,
        "{statuses:?}"
    );
    // Writing a victim's address does not empty the victim's bucket.
    for _ in 0..10 {
        send(&router, from("127.0.0.1", Some("203.0.113.7, 203.0.113.5"))).await;
    }
    let victim = send(&router, from("127.0.0.1", Some("203.0.113.7"))).await;
    assert_eq!(victim.status, StatusCode::OK);
    // Another visitor behind the same proxy has their own bucket.
    let other = send(&router, from("127.0.0.1", Some("203.0.113.6"))).await;
    assert_eq!(other.status, StatusCode::OK);
}

#[test]
fn a_class_of_30_behind_one_address_each_get_their_answer_and_a_flood_does_not() {
    let server = Server::start(&["--trusted-proxies", "127.0.0.1"]);
    let post = |address: &str, client: &str| {
        let body = r#"{"q": "Comment m'inscrire comme demandeur d'emploi ?", "lang": "fr"}"#;
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        write!(
            stream,
            "POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Forwarded-For: {client}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        read_to_close(&mut stream)
    };
    let class: Vec<_> = (0..30)
        .map(|_| {
            let address = server.address.clone();
            std::thread::spawn(move || post(&address, "192.0.2.50"))
        })
        .collect();
    for (i, pupil) in class.into_iter().enumerate() {
        let (status, _, body) = pupil.join().unwrap();
        assert_eq!(status, 200, "pupil {i}: {body}");
        assert!(body.contains("work/register-as-job-seeker"));
    }
    let flood: Vec<u16> = (0..150)
        .map(|_| post(&server.address, "192.0.2.50").0)
        .collect();
    assert!(flood.contains(&429), "a flood from one address is limited");
    assert_eq!(
        post(&server.address, "192.0.2.51").0,
        200,
        "the neighbour is not"
    );
}

#[cfg(unix)]
#[test]
fn a_half_sent_request_does_not_hold_shutdown_beyond_its_deadline() {
    let mut server = Server::start(&[
        "--shutdown-grace-secs",
        "1",
        "--header-read-timeout-secs",
        "60",
        "--body-timeout-secs",
        "60",
        "--request-timeout-secs",
        "60",
    ]);
    let mut half_head = connect(&server);
    half_head
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
        .unwrap();
    let mut half_body = connect(&server);
    half_body
        .write_all(b"POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"q\": \"inc")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = server.child.wait().unwrap();
    let took = started.elapsed();
    assert!(exit.success(), "clean exit: {exit:?}");
    assert!(
        took < Duration::from_secs(4),
        "shutdown took {took:?} with a 1 s deadline"
    );
    assert!(closed_by_server(&mut half_head, Duration::from_secs(2)));
    assert!(closed_by_server(&mut half_body, Duration::from_secs(2)));
}

#[test]
fn the_http_layer_answers_early_and_in_our_format() {
    let server = Server::start(&["--body-timeout-secs", "1"]);
    let raw = |request: &[u8]| {
        let mut stream = connect(&server);
        let started = Instant::now();
        let _ = stream.write_all(request);
        let answer = read_to_close(&mut stream);
        (answer, started.elapsed())
    };
    // A 100 KB question in the URL: more than the HTTP layer reads.
    let long = format!(
        "GET /api/v1/ask?q={} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "a".repeat(100_000)
    );
    let ((status, head, body), _) = raw(long.as_bytes());
    assert_eq!(status, 400, "{head}");
    assert_eq!(code(&body), "question_too_long");
    assert!(head.contains("content-type: application/json"));
    let long = format!(
        "GET /api/v1/themes?x={} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "a".repeat(100_000)
    );
    let ((status, _, body), _) = raw(long.as_bytes());
    assert_eq!((status, code(&body).as_str()), (414, "uri_too_long"));
    let many: String = (0..150).map(|i| format!("X-H{i}: v\r\n")).collect();
    let ((status, _, body), _) =
        raw(format!("GET /healthz HTTP/1.1\r\nHost: localhost\r\n{many}\r\n").as_bytes());
    assert_eq!((status, code(&body).as_str()), (431, "headers_too_large"));
    let ((status, _, body), _) = raw(b"NOT HTTP AT ALL\r\n\r\n");
    assert_eq!((status, code(&body).as_str()), (400, "bad_request"));
    // An announced body over the limit: refused before it is sent.
    let ((status, _, body), took) = raw(b"POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n");
    assert_eq!((status, code(&body).as_str()), (413, "body_too_large"));
    assert!(took < Duration::from_secs(1), "took {took:?}");
    // A body shorter than announced: body_timeout after the body timeout, not 10 s then 503.
    let ((status, _, body), took) = raw(b"POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"q\": \"cv\"}");
    assert_eq!((status, code(&body).as_str()), (408, "body_timeout"));
    assert!(took < Duration::from_secs(4), "took {took:?}");
    // Malformed chunks are not a large body.
    let ((status, _, body), _) = raw(b"POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{\"q\"\r\n0\r\n\r\n");
    assert_eq!((status, code(&body).as_str()), (400, "invalid_body"));
}

#[tokio::test]
async fn plain_text_rejections_become_our_json() {
    let router = super::router();
    for uri in ["/?lang=fr&lang=nl", "/api/v1/ask?q=cv&lang=fr&lang=nl"] {
        let reply = send(&router, get(uri)).await;
        assert_eq!(reply.code(), "invalid_request", "{uri}: {}", reply.text());
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    for uri in ["/api/v1/entries/%FF%FE", "/api/v1/partners/%C3%28"] {
        let reply = send(&router, get(uri)).await;
        assert!(reply.status.is_client_error(), "{uri}");
        assert!(!reply.code().is_empty(), "{uri}: {}", reply.text());
    }
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let mut config = super::config();
    config.admin_token = Some("a-long-enough-admin-token-for-tests".into());
    let router = super::app_with(config).router();
    for uri in [
        "/healthz",
        "/api/v1/themes",
        "/nowhere",
        "/widget.js",
        "/admin/login",
    ] {
        let reply = send(&router, get(uri)).await;
        assert_eq!(
            reply.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
            "nosniff",
            "{uri}"
        );
    }
    let login = send(&router, get("/admin/login")).await;
    let csp = login.headers.get(header::CONTENT_SECURITY_POLICY).unwrap();
    assert!(csp.to_str().unwrap().contains("frame-ancestors 'none'"));
    // Staff pages send their origin to themselves only (the forms' CSRF check reads it).
    assert_eq!(
        login.headers.get(header::REFERRER_POLICY).unwrap(),
        "same-origin"
    );
    for uri in ["/admin/login", "/admin", "/review"] {
        let reply = send(&router, get(uri)).await;
        assert_eq!(
            reply.headers.get(header::CACHE_CONTROL).unwrap(),
            "no-store",
            "{uri}"
        );
    }
    let demo = send(&router, get("/")).await;
    assert_eq!(
        demo.headers.get(header::CONTENT_SECURITY_POLICY).unwrap(),
        cdm_faq::http::DEMO_CSP
    );
}

#[tokio::test]
async fn post_suggest_gives_what_get_gives() {
    let router = super::router();
    let by_get = send(
        &router,
        get("/api/v1/suggest?q=devenir%20ind%C3%A9p&lang=fr"),
    )
    .await;
    let by_post = send(
        &router,
        post_json("/api/v1/suggest", r#"{"q": "devenir indép", "lang": "fr"}"#),
    )
    .await;
    assert_eq!(by_post.status, StatusCode::OK, "{}", by_post.text());
    assert_eq!(by_get.json(), by_post.json());
    assert!(!by_post.json()["suggestions"].as_array().unwrap().is_empty());
    let long = format!(r#"{{"q": "{}"}}"#, "a".repeat(1_001));
    let reply = send(&router, post_json("/api/v1/suggest", &long)).await;
    assert_eq!(reply.code(), "question_too_long");
}

#[tokio::test]
async fn metrics_private_needs_the_admin_token() {
    let mut config = super::config();
    config.metrics_private = true;
    config.admin_token = Some("a-long-enough-admin-token-for-tests".into());
    let router = super::app_with(config).router();
    let anonymous = send(&router, get("/metrics")).await;
    assert_eq!(anonymous.code(), "unauthorized");
    let wrong = Request::get("/metrics")
        .header(header::AUTHORIZATION, "Bearer not-the-token")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&router, wrong).await.code(), "unauthorized");
    let staff = Request::get("/metrics")
        .header(
            header::AUTHORIZATION,
            "Bearer a-long-enough-admin-token-for-tests",
        )
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, staff).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.text().contains("cdm_faq_http_requests_total"));
}

#[test]
fn metrics_listen_serves_metrics_on_its_own_address_only() {
    let server = Server::start(&["--metrics-listen", "127.0.0.1:0"]);
    let metrics = server
        .preamble
        .iter()
        .find_map(|l| l.strip_prefix("cdm-faq metrics on http://"))
        .and_then(|l| l.strip_suffix("/metrics"))
        .unwrap_or_else(|| panic!("no metrics address in {:?}", server.preamble))
        .to_string();
    assert_eq!(server.get("/healthz").0, 200);
    let (status, _, body) = server.get("/metrics");
    assert_eq!((status, code(&body).as_str()), (404, "not_found"));
    let mut stream = TcpStream::connect(&metrics).unwrap();
    stream
        .write_all(b"GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    let (status, _, body) = read_to_close(&mut stream);
    assert_eq!(status, 200);
    assert!(
        body.contains(
            r#"cdm_faq_http_requests_total{route="/healthz",method="GET",status="200"} 1"#
        ),
        "{body}"
    );
}

#[test]
fn no_client_address_in_the_logs_even_at_trace_level() {
    let log = tempfile::NamedTempFile::new().unwrap();
    let server = Server::start_logging(&["--log", "trace"], Stdio::from(log.reopen().unwrap()));
    let mut ports = Vec::new();
    for path in [
        "/api/v1/ask?q=cv&lang=fr",
        "/nowhere",
        "/api/v1/suggest?q=form",
    ] {
        let mut stream = connect(&server);
        ports.push(stream.local_addr().unwrap().port());
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        assert!(read_to_close(&mut stream).0 > 0);
    }
    drop(server);
    let logs = std::fs::read_to_string(log.path()).unwrap();
    assert!(logs.contains("TRACE") || logs.contains("DEBUG") || logs.contains("INFO"));
    for port in ports {
        let needle = port.to_string();
        let bytes = logs.as_bytes();
        for (at, _) in logs.match_indices(&needle) {
            let before = at.checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(at + needle.len()).copied();
            assert!(
                before.is_some_and(|b| b.is_ascii_digit())
                    || after.is_some_and(|b| b.is_ascii_digit()),
                "the client's port {port} is in the logs: {}",
                &logs[at.saturating_sub(80)..(at + 40).min(logs.len())]
            );
        }
    }
}
