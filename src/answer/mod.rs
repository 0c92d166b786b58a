//! Deciding what to say back: small talk, a confident answer, a clarification between close topics of
//! different themes, a partner profile when only a partner matches, or an honest "I don't know" with the
//! hand-off to a counsellor. A wrong confident answer is the worst outcome, so declining is a normal
//! reply ([`ReplyKind::NoAnswer`]), never an error.

mod question;
mod ranking;
mod referral;
mod reply;
mod smalltalk;

pub use question::{MAX_QUESTION_CHARS, Question, QuestionError, RawQuestion, accept_language};
pub use ranking::{
    CLOSE_COVERAGE_RATIO, CLOSE_SCORE_RATIO, Candidate, Decision, FEATURES, Logistic, MODEL,
    OPTION_SCORE_RATIO, QuestionFigures, RankingModel, THEME_BOOST, candidates, decide, describe,
    judge, rerank, word_weights,
};
pub use referral::{entry_answer, handoff, partner_card};
pub use reply::{
    AnswerItem, AnswerSource, ExplainedCandidate, ExplainedWord, Explanation, HandoffCard,
    MatchedTerm, PartnerCard, RelatedQuestion, Reply, ReplyKind,
};
pub use smalltalk::{SmallTalkMatch, SmallTalkMatcher};

use crate::index::{self, DocRef, FaqIndex};
use crate::knowledge_base::KnowledgeBase;
use crate::text_analysis::{Language, detect};

/// Hits asked from the index per question.
pub const SEARCH_LIMIT: usize = 20;
/// At most this many answers in a reply.
pub const MAX_ANSWERS: usize = 5;

/// Everything the answer layer needs, borrowed.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The knowledge base.
    pub kb: &'a KnowledgeBase,
    /// Its index.
    pub index: &'a FaqIndex,
    /// Its small-talk matcher.
    pub smalltalk: &'a SmallTalkMatcher,
    /// The confidence model.
    pub model: &'a RankingModel,
}

/// Answers a question.
pub fn answer(cx: Context<'_>, question: &Question) -> Result<Reply, index::Error> {
    let kb = cx.kb;
    let text = question.text();
    let detection = detect(text);
    let detected = detection.language();
    let page = question.page_lang;
    let lang = detected.or(page).unwrap_or(Language::Fr);
    let mut reply = Reply {
        kind: ReplyKind::NoAnswer,
        lang,
        detected_lang: detected,
        message: String::new(),
        answers: Vec::new(),
        referral: None,
        handoff: None,
        intent: None,
        explain: None,
        closest_entry: None,
    };
    if !text.chars().any(char::is_alphanumeric) {
        reply.message = kb.site().messages(lang).empty.clone();
        reply.handoff = Some(handoff(kb, lang));
        return Ok(reply);
    }
    if let Some(smalltalk) = cx.smalltalk.recognise(text) {
        // Small-talk triggers of a single language are as good as a detection.
        let lang = detected
            .or(smalltalk.language)
            .or(page)
            .unwrap_or(Language::Fr);
        let intent = &kb.site().smalltalk[smalltalk.intent];
        reply.kind = ReplyKind::Smalltalk;
        reply.lang = lang;
        reply.message = intent.replies[lang.index()].clone();
        reply.intent = Some(intent.intent.clone());
        return Ok(reply);
    }
    let preferred = detection.search_language(lang);
    let search = cx.index.search(text, preferred, SEARCH_LIMIT)?;
    let (entries, partners) = candidates(kb, cx.index, &search, question.theme, cx.model);
    let messages = kb.site().messages(lang);
    reply.closest_entry = entries.first().and_then(|c| match c.doc {
        DocRef::Entry(i) => Some(kb.entries()[i].id.clone()),
        DocRef::Partner(_) => None,
    });
    match decide(kb, &entries, &partners, cx.model) {
        Decision::Answer(ranked) | Decision::Clarify(ranked) if ranked.is_empty() => {}
        Decision::Answer(ranked) => {
            reply.kind = ReplyKind::Answer;
            reply.message = messages.answer.clone();
            reply.answers = entry_answers(cx, &entries, &ranked, lang);
            reply.referral = reply.answers[0].partners.first().cloned();
        }
        Decision::Clarify(options) => {
            reply.kind = ReplyKind::Clarify;
            reply.message = messages.clarify.clone();
            reply.answers = entry_answers(cx, &entries, &options, lang);
            reply.handoff = Some(handoff(kb, lang));
        }
        Decision::Partner(i) => {
            let DocRef::Partner(p) = partners[i].doc else {
                unreachable!("partner candidates are partners")
            };
            let partner = kb
                .partner(cx.index.partner_id(p))
                .expect("indexed partners exist");
            let item = referral::partner_answer(kb, partner, lang, partners[i].confidence);
            reply.kind = ReplyKind::Answer;
            reply.message = messages
                .partner
                .replace("{partner}", &item.partners[0].name);
            reply.referral = item.partners.first().cloned();
            reply.answers = vec![item];
        }
        Decision::Decline => {}
    }
    if reply.kind == ReplyKind::NoAnswer {
        reply.message = messages.no_answer.clone();
        reply.handoff = Some(handoff(kb, lang));
    }
    if question.explain {
        reply.explain = Some(Explanation {
            preferred_lang: preferred,
            known_share: referral::round(
                ranking::QuestionFigures::of(&search, kb.entries().len()).known_share,
            ),
            off_topic_share: referral::round(
                ranking::QuestionFigures::of(&search, kb.entries().len()).off_topic_share,
            ),
            words: search
                .words
                .iter()
                .map(|w| ExplainedWord {
                    text: w.text.clone(),
                    meaningful: w.meaningful,
                    known: w.known,
                    off_topic: w.off_topic,
                    informativeness: referral::round(w.informativeness),
                })
                .collect(),
            candidates: entries
                .iter()
                .take(10)
                .chain(partners.iter().take(3))
                .map(|c| ranking::explain(kb, cx.index, &search, c, text))
                .collect(),
        });
    }
    Ok(reply)
}

fn entry_answers(
    cx: Context<'_>,
    entries: &[Candidate],
    picks: &[usize],
    lang: Language,
) -> Vec<AnswerItem> {
    picks
        .iter()
        .take(MAX_ANSWERS)
        .filter_map(|&i| match entries[i].doc {
            DocRef::Entry(e) => Some(referral::entry_answer(
                cx.kb,
                &cx.kb.entries()[e],
                lang,
                entries[i].confidence,
            )),
            DocRef::Partner(_) => None,
        })
        .collect()
}
