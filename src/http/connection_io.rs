//! The TCP stream as hyper sees it, so that the HTTP layer's own refusals speak our error format. When
//! hyper cannot parse a request it writes a bare `400`, `414` or `431` head with an empty body and
//! closes the connection; [`ConnectionIo`] recognises exactly that head (a 4xx among those three with
//! `content-length: 0`: no route of ours answers one) and writes our JSON error instead, with a code from
//! the one table. A URL too long for `/api/v1/ask` or `/api/v1/suggest` is a question too long, and
//! says so. Everything else passes through untouched.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use super::error::ApiError;
use crate::answer::MAX_QUESTION_CHARS;

/// Bytes kept from the start of the request being read, to name the route of a refused request.
const REQUEST_START: usize = 32;

/// A TCP stream that rewrites hyper's empty error answers.
#[derive(Debug)]
pub struct ConnectionIo {
    stream: TcpStream,
    request_start: [u8; REQUEST_START],
    request_start_len: usize,
    /// Our answer replacing hyper's, and how much of it is written.
    replacement: Option<(Vec<u8>, usize)>,
}

impl ConnectionIo {
    /// Wraps an accepted stream.
    pub fn new(stream: TcpStream) -> ConnectionIo {
        ConnectionIo {
            stream,
            request_start: [0; REQUEST_START],
            request_start_len: 0,
            replacement: None,
        }
    }
}

impl AsyncRead for ConnectionIo {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        ready!(Pin::new(&mut this.stream).poll_read(cx, buf))?;
        let read = &buf.filled()[before..];
        let room = REQUEST_START - this.request_start_len;
        let n = room.min(read.len());
        this.request_start[this.request_start_len..this.request_start_len + n]
            .copy_from_slice(&read[..n]);
        this.request_start_len += n;
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for ConnectionIo {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.replacement.is_none() {
            match rewrite(buf, &this.request_start[..this.request_start_len]) {
                Some(ours) => this.replacement = Some((ours, 0)),
                None => {
                    if buf.starts_with(b"HTTP/1.1 ") {
                        // A response starts: the next bytes read begin the next request.
                        this.request_start_len = 0;
                    }
                    return Pin::new(&mut this.stream).poll_write(cx, buf);
                }
            }
        }
        let Some((ours, written)) = this.replacement.as_mut() else {
            unreachable!("set above")
        };
        while *written < ours.len() {
            match ready!(Pin::new(&mut this.stream).poll_write(cx, &ours[*written..]))? {
                0 => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                n => *written += n,
            }
        }
        this.replacement = None;
        this.request_start_len = 0;
        // hyper's head counts as written: ours took its place.
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }

    // Not vectored: hyper then hands each head over in one buffer, which `rewrite` can recognise.
    fn is_write_vectored(&self) -> bool {
        false
    }
}

/// Our answer for one of hyper's automatic error heads, or `None` for anything else.
fn rewrite(buf: &[u8], request_start: &[u8]) -> Option<Vec<u8>> {
    let status = [400u16, 414, 431]
        .into_iter()
        .find(|s| buf.starts_with(format!("HTTP/1.1 {s} ").as_bytes()))?;
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    if head_end + 4 != buf.len() {
        return None;
    }
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    if !head.contains("\r\ncontent-length: 0") {
        return None;
    }
    let asks = [b"GET /api/v1/ask".as_slice(), b"GET /api/v1/suggest"]
        .iter()
        .any(|p| request_start.starts_with(p));
    let error = match status {
        414 if asks => ApiError::QuestionTooLong(MAX_QUESTION_CHARS),
        414 => ApiError::UriTooLong,
        431 => ApiError::HeadersTooLarge,
        _ => ApiError::BadRequest,
    };
    Some(error.raw_http_response().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(answer: &[u8]) -> String {
        let text = String::from_utf8(answer.to_vec()).unwrap();
        let (_, body) = text.split_once("\r\n\r\n").unwrap();
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        json["error"]["code"].as_str().unwrap().to_string()
    }

    #[test]
    fn hyper_error_heads_become_our_errors() {
        let head = b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\ndate: x\r\n\r\n";
        let ours = rewrite(head, b"GET /api/v1/ask?q=aaaaaaaaaaaaaaa").unwrap();
        assert!(ours.starts_with(b"HTTP/1.1 400 "));
        assert_eq!(code(&ours), "question_too_long");
        assert_eq!(
            code(&rewrite(head, b"GET /x?aaaa").unwrap()),
            "uri_too_long"
        );
        let head = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n";
        assert_eq!(code(&rewrite(head, b"").unwrap()), "headers_too_large");
        let head = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n";
        assert_eq!(code(&rewrite(head, b"").unwrap()), "bad_request");
    }

    #[test]
    fn our_own_answers_pass_through() {
        let ours = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 70\r\n\r\n";
        assert!(rewrite(ours, b"GET /api/v1/ask").is_none());
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\nx";
        assert!(rewrite(with_body, b"").is_none());
        assert!(rewrite(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", b"").is_none());
    }
}
