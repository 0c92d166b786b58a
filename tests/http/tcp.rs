//! The real server over TCP: the binary as deployed, the default rate limit, graceful shutdown.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::fixture_dir;

/// The binary, serving the fixture on a free loopback port (shared with `hostile.rs`).
pub(super) struct Server {
    pub(super) child: Child,
    pub(super) address: String,
    /// The first lines printed before "listening" (e.g. the metrics address).
    pub(super) preamble: Vec<String>,
}

impl Server {
    pub(super) fn start(extra: &[&str]) -> Server {
        Self::start_logging(extra, Stdio::null())
    }

    pub(super) fn start_logging(extra: &[&str], stderr: Stdio) -> Server {
        let data = tempfile::tempdir().unwrap().keep();
        let mut child = Command::new(env!("CARGO_BIN_EXE_cdm-faq"))
            .args(["serve", "--listen", "127.0.0.1:0", "--no-watch", "--kb"])
            .arg(fixture_dir())
            .arg("--data-dir")
            .arg(&data)
            .args(extra)
            .env_remove("CDM_FAQ_ADMIN_TOKEN")
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut preamble = Vec::new();
        let address = loop {
            let mut line = String::new();
            out.read_line(&mut line).unwrap();
            if let Some(address) = line.trim().strip_prefix("cdm-faq listening on http://") {
                break address.to_string();
            }
            assert!(!line.is_empty(), "the server ended before listening");
            preamble.push(line.trim().to_string());
        };
        Server {
            child,
            address,
            preamble,
        }
    }

    /// A raw HTTP/1.1 request; returns (status, headers, body).
    pub(super) fn request(&self, raw: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response).to_string();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    pub(super) fn get(&self, path: &str) -> (u16, String, String) {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        ))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_real_server_answers_over_tcp() {
    let server = Server::start(&[]);
    let (status, head, body) = server.get("/api/v1/ask?q=incubateur&lang=fr");
    assert_eq!(status, 200, "{head}");
    assert!(!head.to_ascii_lowercase().contains("set-cookie"));
    let reply: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        reply["answers"][0]["id"],
        "self-employment/business-premises"
    );
    let body = r#"{"q": "Waar kan ik Nederlands leren?", "lang": "nl"}"#;
    let (status, _, body) = server.request(&format!(
        "POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    assert_eq!(status, 200);
    assert!(body.contains("learn/learn-dutch"));
}

#[test]
fn info_logs_never_contain_the_question_or_the_client_address() {
    let log = tempfile::NamedTempFile::new().unwrap();
    let server = Server::start_logging(&["--log", "info"], Stdio::from(log.reopen().unwrap()));
    let secret =
        "Mijn%20naam%20is%20Zo%C3%AB%20Vermeulen%20en%20ik%20zoek%20een%20opleiding%20lasser";
    assert_eq!(
        server.get(&format!("/api/v1/ask?q={secret}&lang=nl")).0,
        200
    );
    let body = r#"{"q": "Ik ben Zoë Vermeulen, lasser, 0475 12 34 56"}"#;
    server.request(&format!(
        "POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    assert_eq!(server.get("/api/v1/suggest?q=Vermeulen").0, 200);
    drop(server);
    let logs = std::fs::read_to_string(log.path()).unwrap();
    assert!(
        logs.contains("/api/v1/ask") && logs.contains("INFO"),
        "requests are logged at info: {logs}"
    );
    for leaked in ["Vermeulen", "Zo%C3%AB", "lasser", "0475", "q="] {
        assert!(!logs.contains(leaked), "{leaked} in the logs:\n{logs}");
    }
    for line in logs.lines().filter(|l| l.contains("request")) {
        assert!(
            !line.contains("127.0.0.1"),
            "a client address in the logs: {line}"
        );
    }
    assert!(
        !logs.contains('\u{1b}'),
        "no colour codes when the log is not a terminal"
    );
}

#[test]
fn the_default_rate_limit_stops_a_script_but_not_a_person() {
    let server = Server::start(&[]);
    // A person: a handful of questions.
    for _ in 0..5 {
        assert_eq!(server.get("/api/v1/ask?q=cv").0, 200);
    }
    // A script: the burst of 60 is spent, then 429 with Retry-After.
    let statuses: Vec<u16> = (0..100).map(|_| server.get("/api/v1/ask?q=cv").0).collect();
    assert!(statuses.contains(&429), "{statuses:?}");
    let (status, head, body) = server.get("/api/v1/ask?q=cv");
    assert_eq!(status, 429);
    assert!(
        head.to_ascii_lowercase().contains("retry-after: "),
        "{head}"
    );
    assert!(body.contains("rate_limited"));
}

#[cfg(unix)]
#[test]
fn sigterm_shuts_down_gracefully() {
    let mut server = Server::start(&[]);
    assert_eq!(server.get("/healthz").0, 200);
    // A request in flight: headers sent, body still coming when the signal arrives.
    let mut in_flight = TcpStream::connect(&server.address).unwrap();
    let body = r#"{"q": "incubateur", "lang": "fr"}"#;
    write!(in_flight, "POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(200));
    in_flight.write_all(body.as_bytes()).unwrap();
    in_flight
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut response = String::new();
    in_flight.read_to_string(&mut response).unwrap();
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "the request in flight finished: {response}"
    );
    let exit = server.child.wait().unwrap();
    assert!(exit.success(), "clean exit: {exit:?}");
    assert!(
        TcpStream::connect(&server.address).is_err(),
        "no longer listening"
    );
}
