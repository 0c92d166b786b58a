//! The reply contract: the JSON the command line, the HTTP API and the widget share. Field names are
//! stable; new fields may be added, none removed or renamed.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::knowledge_base::Theme;
use crate::text_analysis::Language;

/// What kind of reply it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReplyKind {
    /// A confident answer (the first of `answers`).
    Answer,
    /// Several topics fit: the visitor picks one of `answers`.
    Clarify,
    /// No reliable answer: apology and hand-off to a person.
    NoAnswer,
    /// Greeting, thanks, goodbye, "are you a robot?".
    Smalltalk,
}

impl ReplyKind {
    /// The snake_case name, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ReplyKind::Answer => "answer",
            ReplyKind::Clarify => "clarify",
            ReplyKind::NoAnswer => "no_answer",
            ReplyKind::Smalltalk => "smalltalk",
        }
    }
}

/// Where an answer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnswerSource {
    /// A knowledge-base entry.
    Entry,
    /// A partner's profile (no entry matched, but the question clearly concerns this partner).
    Partner,
}

/// A partner, as shown on a referral card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PartnerCard {
    /// Canonical id.
    pub id: String,
    /// Name in the reply language.
    pub name: String,
    /// What it does, in the reply language.
    pub services: String,
    /// One short sentence on what it does, in the reply language (the card shows it after the
    /// contacts; `services` when the knowledge base has no summary).
    pub summary: String,
    /// Website.
    pub url: Option<String>,
    /// Phone number as people dial it.
    pub phone: Option<String>,
    /// The phone number as a `tel:` link.
    pub phone_uri: Option<String>,
    /// Contact e-mail.
    pub email: Option<String>,
    /// Address in the reply language.
    pub address: Option<String>,
    /// Opening hours in the reply language.
    pub hours: Option<String>,
    /// Are the contact facts confirmed?
    pub verified: bool,
}

/// A plausible other topic, offered under an answer as "or did you mean…".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Alternative {
    /// Entry id.
    pub id: String,
    /// Its question in the reply language.
    pub question: String,
    /// Its confidence (the estimated probability that it is the right answer).
    pub confidence: f32,
}

/// Another question to offer after an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RelatedQuestion {
    /// Entry id.
    pub id: String,
    /// Its question in the reply language.
    pub question: String,
}

/// One ranked answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AnswerItem {
    /// Entry id (`work/register-as-job-seeker`), or `partners/<id>` for a partner profile.
    pub id: String,
    /// Theme.
    pub theme: Theme,
    /// Theme label in the reply language.
    pub theme_label: String,
    /// The question it answers, in the reply language.
    pub question: String,
    /// The answer in Markdown (shared with the knowledge base: a reply does not copy it).
    #[schema(value_type = String)]
    pub answer: Arc<str>,
    /// The answer as sanitised HTML, the only HTML a client may insert (shared like `answer`).
    #[schema(value_type = String)]
    pub answer_html: Arc<str>,
    /// Confidence in [0, 1] (see ARCHITECTURE.md: an estimate of the probability that this answer is
    /// the right one).
    pub confidence: f32,
    /// Partners to contact, first-line referral first.
    pub partners: Vec<PartnerCard>,
    /// Related questions.
    pub related: Vec<RelatedQuestion>,
    /// Entry or partner profile.
    pub source: AnswerSource,
    /// The answer quotes an amount, deadline or rule that changes over time.
    pub time_sensitive: bool,
}

/// How to reach a person at the Cité des métiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HandoffCard {
    /// Contact e-mail.
    pub email: String,
    /// Freephone number.
    pub phone: String,
    /// The phone number as a `tel:` link.
    pub phone_uri: String,
    /// What to expect when calling.
    pub phone_label: String,
    /// Online chat.
    pub chat_url: String,
    /// What the chat is.
    pub chat_label: String,
    /// Website.
    pub website: String,
    /// Address, with directions.
    pub address: String,
    /// Opening hours.
    pub hours: String,
}

/// A word of the question, as the engine saw it (explanations only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExplainedWord {
    /// Folded word.
    pub text: String,
    /// False for stop words.
    pub meaningful: bool,
    /// Known to the knowledge base.
    pub known: bool,
    /// One of the site's off-topic words.
    pub off_topic: bool,
    /// How telling it is, in [0, 1].
    pub informativeness: f32,
}

/// A word matched by a candidate (explanations only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MatchedTerm {
    /// The question word(s), as typed.
    pub word: String,
    /// The index term it matched.
    pub term: String,
    /// In which language's fields.
    pub lang: Language,
    /// exact, synonym, compound_part or typo.
    pub kind: String,
    /// For typos: the known word meant.
    pub corrected_to: Option<String>,
}

/// A ranked candidate with the figures behind its confidence (explanations only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExplainedCandidate {
    /// Entry id or `partners/<id>`.
    pub id: String,
    /// BM25 score (comparable within one question only).
    pub score: f32,
    /// Share of the question's meaningful words it covers, weighted by informativeness.
    pub coverage: f32,
    /// Sum of the informativeness of the words it covers.
    pub evidence: f32,
    /// Relative lead over the next candidate.
    pub margin: f32,
    /// Resemblance to its closest single phrasing.
    pub similarity: f32,
    /// Probability that the question is in scope at all.
    pub scope: f32,
    /// The resulting confidence.
    pub confidence: f32,
    /// The words it matched.
    pub matched: Vec<MatchedTerm>,
}

/// Why the engine replied as it did: for counsellors' test console and `ask` on the command line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Explanation {
    /// The language searched first.
    pub preferred_lang: Language,
    /// Share of the question's meaningful words (weighted by informativeness) that the knowledge base
    /// knows in some language (a corrected misspelling counts half): low for questions about things it
    /// never mentions.
    pub known_share: f32,
    /// Share of the question's meaningful words that are off-topic words (`site.toml`) no entry uses.
    pub off_topic_share: f32,
    /// Similarity to the closest question of the bank of declined questions (`out-of-scope.toml`).
    pub not_ours: f32,
    /// The topic of that closest declined question (its id in `out-of-scope.toml`), when any shares a
    /// word with the question.
    #[serde(default)]
    pub not_ours_topic: Option<String>,
    /// The question's words.
    pub words: Vec<ExplainedWord>,
    /// The candidates, best first.
    pub candidates: Vec<ExplainedCandidate>,
}

/// The reply to a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Reply {
    /// answer, clarify, no_answer or smalltalk.
    pub kind: ReplyKind,
    /// Language of the reply.
    pub lang: Language,
    /// The language the visitor wrote in, when it could be detected reliably.
    pub detected_lang: Option<Language>,
    /// The bot's own sentence.
    pub message: String,
    /// Ranked answers (at most 5): for an answer, the answer then the next best one (offered after
    /// "not helpful"); for a clarification or a guided choice, the options in the order of their
    /// confidence; empty for no_answer and smalltalk.
    pub answers: Vec<AnswerItem>,
    /// Under an answer: plausible other topics to offer as "or did you mean…" (at most 2).
    #[serde(default)]
    pub alternatives: Vec<Alternative>,
    /// The first partner to contact.
    pub referral: Option<PartnerCard>,
    /// How to reach a person (no_answer, and whenever the bot is unsure).
    pub handoff: Option<HandoffCard>,
    /// On a decline of a question the knowledge base declines on purpose (`out-of-scope.toml`): where
    /// to go instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
    /// For small talk: the intent (greeting, thanks, bot, goodbye, help).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<String>,
    /// Only when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
    /// The entry that came closest, even when declined (for the editors' statistics; not serialised).
    #[serde(skip)]
    #[schema(ignore)]
    pub closest_entry: Option<String>,
}
