//! What is recorded about a reply or a feedback vote: only what cannot identify a person. The hour (not
//! the minute), the languages, the reply kind, the theme, the entry and partner ids, a confidence band;
//! and, for declined or doubtful replies only, the question — which the recorder scrubs before it is
//! written.

use std::sync::Arc;

use crate::answer::{Reply, ReplyKind};
use crate::text_analysis::Language;

/// Answers below this confidence are "doubtful": their question is kept for editors.
pub const KEEP_BELOW_CONFIDENCE: f32 = 0.6;

/// A reply, as counted.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyEvent {
    /// UTC hour: `2026-11-21T14`.
    pub hour: String,
    /// Page language (`` when unknown).
    pub page_lang: String,
    /// Reply language.
    pub reply_lang: String,
    /// Reply kind.
    pub kind: String,
    /// Theme of the first answer (`` when none).
    pub theme: String,
    /// First answer's id (`` when none).
    pub entry_id: String,
    /// First-line referral partner (`` when none).
    pub partner_id: String,
    /// none, low, medium or high.
    pub band: String,
    /// The question, only for declined or doubtful replies (scrubbed before it is written).
    pub kept_question: Option<String>,
    /// The first answer's confidence (0 when none).
    pub confidence: f32,
    /// The entry that came closest, even when declined ('' when none).
    pub closest_entry: String,
}

/// Something to record.
#[derive(Debug)]
pub enum Event {
    /// A reply as served: the recorder derives the counted figures from it, off the answering path.
    Answered {
        /// The reply (shared with the reply cache: nothing is copied on the request path).
        reply: Arc<Reply>,
        /// The page language.
        page_lang: Option<Language>,
        /// The question, only when it is to be kept ([`keeps_question`]).
        question: Option<String>,
    },
    /// A reply, already reduced to its figures.
    Reply(ReplyEvent),
    /// An answer seen without typing its question (`POST /api/v1/views`).
    View(super::view::ViewEvent),
    /// A feedback vote on an entry.
    Feedback {
        /// UTC day.
        day: String,
        /// The entry.
        entry_id: String,
        /// Helpful or not.
        helpful: bool,
    },
    /// Write everything queued so far, then signal (tests and shutdown).
    Flush(std::sync::mpsc::SyncSender<()>),
}

/// The confidence band of a confidence.
pub fn band(confidence: Option<f32>) -> &'static str {
    match confidence {
        None => "none",
        Some(c) if c < 0.5 => "low",
        Some(c) if c < 0.8 => "medium",
        Some(_) => "high",
    }
}

/// The current UTC hour, `2026-11-21T14`.
pub fn current_hour() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!("{}T{:02}", now.date(), now.hour())
}

/// True when the question of this reply is kept for editors: declined, clarified, or answered with a
/// confidence below [`KEEP_BELOW_CONFIDENCE`] (and not empty).
pub fn keeps_question(question: &str, reply: &Reply) -> bool {
    let confidence = reply.answers.first().map(|a| a.confidence);
    let doubtful = match reply.kind {
        ReplyKind::NoAnswer | ReplyKind::Clarify => true,
        ReplyKind::Answer => confidence.is_some_and(|c| c < KEEP_BELOW_CONFIDENCE),
        ReplyKind::Smalltalk => false,
    };
    doubtful && question.chars().any(char::is_alphanumeric)
}

/// The event of a reply to `question` asked on a page in `page_lang`.
pub fn reply_event(question: &str, page_lang: Option<Language>, reply: &Reply) -> ReplyEvent {
    let top = reply.answers.first();
    let confidence = top.map(|a| a.confidence);
    let keep = keeps_question(question, reply);
    ReplyEvent {
        hour: current_hour(),
        page_lang: page_lang.map(|l| l.code().to_string()).unwrap_or_default(),
        reply_lang: reply.lang.code().to_string(),
        kind: reply.kind.as_str().to_string(),
        theme: top.map(|a| a.theme.slug().to_string()).unwrap_or_default(),
        entry_id: top.map(|a| a.id.clone()).unwrap_or_default(),
        closest_entry: top
            .map(|a| a.id.clone())
            .or_else(|| reply.closest_entry.clone())
            .unwrap_or_default(),
        partner_id: reply
            .referral
            .as_ref()
            .map(|p| p.id.clone())
            .unwrap_or_default(),
        band: band(confidence).to_string(),
        kept_question: keep.then(|| question.to_string()),
        confidence: confidence.unwrap_or(0.0),
    }
}
