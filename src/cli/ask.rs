//! `cdm-faq ask`: one question, answered for a counsellor (readable) or as the reply contract (`--json`);
//! or a batch (`--jsonl`): one JSON object per input line, one reply per output line, in order, with one
//! index build for the whole batch. A bad line gets `{"error": {...}}` and the batch goes on. Lines go
//! through the same parser as the HTTP API (`Question::parse`) and their error codes and messages come
//! from the same table (`http::ApiError`).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use serde::Deserialize;

use crate::answer::{Question, RawQuestion, Reply, ReplyKind};
use crate::engine::Engine;
use crate::http::ApiError;
use crate::knowledge_base::Theme;
use crate::text_analysis::Language;

/// One line of `--jsonl` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchLine {
    q: serde_json::Value,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    theme: Option<String>,
}

/// An error line, in the API's shape and with its code.
fn error_line(error: ApiError) -> serde_json::Value {
    serde_json::to_value(error.body()).unwrap_or_default()
}

/// Answers one `--jsonl` line.
fn batch_reply(engine: &Engine, line: &str) -> serde_json::Value {
    let parsed: BatchLine = match serde_json::from_str(line) {
        Ok(p) => p,
        Err(e) if e.is_syntax() || e.is_eof() => {
            return error_line(ApiError::InvalidJson(e.to_string()));
        }
        Err(e) => {
            return error_line(ApiError::InvalidRequest(format!(
                "Expected {{\"q\": \"...\", \"lang\": \"fr\"}}: {e}"
            )));
        }
    };
    let q = match parsed.q {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => return error_line(ApiError::MissingQuestion),
        _ => return error_line(ApiError::InvalidRequest("`q` must be a string.".into())),
    };
    let raw = RawQuestion {
        q: Some(&q),
        lang: parsed.lang.as_deref(),
        theme: parsed.theme.as_deref(),
        accept_language: None,
    };
    let question = match Question::parse(raw) {
        Ok(question) => question,
        Err(e) => return error_line(e.into()),
    };
    match engine.ask(&question) {
        Ok(reply) => serde_json::to_value(reply).unwrap_or_else(|e| {
            eprintln!("error: {e}");
            error_line(ApiError::Internal)
        }),
        Err(e) => {
            eprintln!("error: {e}");
            error_line(ApiError::Internal)
        }
    }
}

/// Runs a batch from standard input to standard output.
pub fn run_batch(engine: &Engine) -> ExitCode {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut reader = stdin.lock();
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        match reader.read_until(b'\n', &mut buffer) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                eprintln!("cannot read standard input: {e}");
                return ExitCode::FAILURE;
            }
        }
        let reply = match std::str::from_utf8(&buffer) {
            Ok(line) => batch_reply(engine, line.trim_end_matches(['\n', '\r'])),
            Err(_) => error_line(ApiError::InvalidJson("The line is not UTF-8 text.".into())),
        };
        if let Err(e) = writeln!(out, "{reply}") {
            return if e.kind() == std::io::ErrorKind::BrokenPipe {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
    }
    if out.flush().is_err() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Answers one question and prints it.
pub fn run_one(
    engine: &Engine,
    text: &str,
    lang: Option<Language>,
    theme: Option<Theme>,
    as_json: bool,
) -> ExitCode {
    let question = Question::new(text)
        .with_page_lang(lang)
        .with_theme(theme)
        .with_explain(!as_json);
    let reply = match engine.ask(&question) {
        Ok(reply) => reply,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if as_json {
        match serde_json::to_string_pretty(&reply) {
            Ok(json) => super::emit(&(json + "\n")),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    } else {
        super::emit(&readable(&question, &reply))
    }
}

/// The reply as a counsellor reads it.
pub fn readable(question: &Question, reply: &Reply) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!("Question:   {}", question.text()));
    line(format!(
        "Language:   reply in {} (detected: {}, page: {})",
        reply.lang,
        reply
            .detected_lang
            .map_or("unsure".to_string(), |l| l.to_string()),
        question
            .page_lang
            .map_or("-".to_string(), |l| l.to_string())
    ));
    line(format!("Reply:      {}", reply.kind.as_str()));
    line(format!("Message:    {}", reply.message));
    for (i, answer) in reply.answers.iter().enumerate() {
        line(String::new());
        line(format!(
            "{}. {} [{}] confidence {:.2}",
            i + 1,
            answer.id,
            answer.theme,
            answer.confidence
        ));
        line(format!("   {}", answer.question));
        if i == 0 || reply.kind == ReplyKind::Clarify {
            let plain = crate::knowledge_base::to_plain_text(&answer.answer);
            for chunk in wrap(&plain, 96) {
                line(format!("   {chunk}"));
            }
        }
        let partners: Vec<String> = answer.partners.iter().map(|p| p.id.clone()).collect();
        line(format!("   Partners: {}", partners.join(", ")));
    }
    if let Some(r) = &reply.referral {
        line(String::new());
        let contacts: Vec<&str> = [r.url.as_deref(), r.phone.as_deref(), r.email.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        line(format!(
            "Referral:   {} ({}) {}",
            r.name,
            r.id,
            contacts.join(" · ")
        ));
    }
    if let Some(h) = &reply.handoff {
        line(String::new());
        line(format!(
            "Hand-off:   {} · {} · {}",
            h.email, h.phone, h.chat_url
        ));
        line(format!("            {} — {}", h.address, h.hours));
    }
    if let Some(explain) = &reply.explain {
        line(String::new());
        let words: Vec<String> = explain
            .words
            .iter()
            .map(|w| {
                if !w.meaningful {
                    format!("({})", w.text)
                } else if !w.known {
                    format!("{}?", w.text)
                } else {
                    format!("{}:{:.2}", w.text, w.informativeness)
                }
            })
            .collect();
        line(format!(
            "Words:      {}  [(stop word), unknown?, word:informativeness]",
            words.join(" ")
        ));
        line("Candidates:".to_string());
        for c in explain.candidates.iter().take(6) {
            let matched: Vec<String> = c
                .matched
                .iter()
                .map(|m| match &m.corrected_to {
                    Some(fix) => format!("{}→{}({})", m.word, fix, m.lang),
                    None if m.kind == "exact" => format!("{}({})", m.word, m.lang),
                    None => format!("{}[{}]({})", m.word, m.kind, m.lang),
                })
                .collect();
            line(format!(
                "   {:.2} {:<52} cov {:.2} ev {:.2} margin {:.2} bm25 {:.1}  {}",
                c.confidence,
                c.id,
                c.coverage,
                c.evidence,
                c.margin,
                c.score,
                matched.join(" ")
            ));
        }
    }
    out
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}
