//! Deciding what to say back: small talk, a confident answer, a clarification between close topics of
//! different themes, a partner profile when only a partner matches, or an honest "I don't know" with the
//! hand-off to a counsellor. A wrong confident answer is the worst outcome, so declining is a normal
//! reply ([`ReplyKind::NoAnswer`]), never an error.

mod decision;
mod features;
mod model;
mod question;
mod ranking;
mod referral;
mod reply;
mod smalltalk;

pub use decision::{
    BROAD_MAX_WORDS, Decision, MAX_ALTERNATIVES, MAX_GUIDED_OPTIONS, MAX_OPTIONS, decide, is_broad,
};
pub use features::{Features, MIN_WORD_WEIGHT, NotOurs, QuestionFigures, Sign, word_weights};
pub use model::{Logistic, MODEL_JSON, MODEL_PATH, Policy, RankingModel, Recalibration, Rerank};
pub use question::{MAX_QUESTION_CHARS, Question, QuestionError, RawQuestion, accept_language};
pub use ranking::{
    Candidate, SIMILARITY_CANDIDATES, THEME_BOOST, describe, empty_features, judge, rerank,
};
pub use referral::{entry_answer, handoff, partner_card};
pub use reply::{
    Alternative, AnswerItem, AnswerSource, ExplainedCandidate, ExplainedWord, Explanation,
    HandoffCard, MatchedTerm, PartnerCard, RelatedQuestion, Reply, ReplyKind,
};
pub use smalltalk::{SmallTalkMatch, SmallTalkMatcher};

use crate::index::{self, DocRef, FaqIndex, MatchKind, SearchResult};
use crate::knowledge_base::KnowledgeBase;
use crate::text_analysis::{Language, PerLanguage, detect};

/// Hits asked from the index per question.
pub const SEARCH_LIMIT: usize = 20;
/// At most this many answers in a reply.
pub const MAX_ANSWERS: usize = 5;
/// A language vote of the question's words switches the reply language when that language has at
/// least this many words of its own...
const VOTE_MIN_WORDS: usize = 2;

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

/// What a question is before any model reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Front {
    /// Nothing alphanumeric (empty, emoji only).
    Empty,
    /// Small talk.
    SmallTalk(SmallTalkMatch),
    /// Searched.
    Searched(Box<Searched>),
}

/// A searched question with its model-free figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Searched {
    /// The language whose fields the search preferred.
    pub preferred: Language,
    /// The search.
    pub search: SearchResult,
    /// The question's own figures.
    pub figures: QuestionFigures,
    /// Entry candidates in BM25 order (re-ranked and judged by [`Analysed::judge`]).
    pub entries: Vec<Candidate>,
    /// Partner candidates, likewise.
    pub partners: Vec<Candidate>,
}

/// A question analysed up to its model-free figures: the one front of the pipeline that answering,
/// `eval` and the fitter share (see [`analyse`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Analysed {
    /// The reply language.
    pub lang: Language,
    /// The detected language, if any.
    pub detected: Option<Language>,
    /// What the question is.
    pub front: Front,
}

impl Analysed {
    /// Re-ranks and judges the candidates with `model` (idempotent: the same figures every time).
    pub fn judge(&mut self, question: &Question, model: &RankingModel) {
        if let Front::Searched(s) = &mut self.front {
            for list in [&mut s.entries, &mut s.partners] {
                rerank(list, question.theme, model);
                judge(list, &s.figures, model);
            }
        }
    }

    /// The decision on judged candidates.
    pub fn decide(&self, model: &RankingModel) -> Option<Decision> {
        match &self.front {
            Front::Searched(s) => Some(decide(&s.entries, &s.partners, &s.figures, &model.policy)),
            _ => None,
        }
    }

    /// The searched question, if it was searched.
    pub fn searched(&self) -> Option<&Searched> {
        match &self.front {
            Front::Searched(s) => Some(s),
            _ => None,
        }
    }
}

/// The raw question → its language, small talk or search, and its described candidates. Nothing here
/// depends on the ranking model.
pub fn analyse(cx: Context<'_>, question: &Question) -> Result<Analysed, index::Error> {
    let kb = cx.kb;
    let text = question.text();
    let detection = detect(text);
    let detected = detection.language();
    let page = question.page_lang;
    // The reply's language is one the site serves (a French-only site answers in French everywhere).
    let site = kb.site();
    let lang = site.serving(detected.or(page).unwrap_or(Language::Fr));
    if !text.chars().any(char::is_alphanumeric) {
        return Ok(Analysed {
            lang,
            detected,
            front: Front::Empty,
        });
    }
    if let Some(smalltalk) = cx.smalltalk.recognise(text) {
        // Small-talk triggers of a single language are as good as a detection.
        let lang = site.serving(
            detected
                .or(smalltalk.language)
                .or(page)
                .unwrap_or(Language::Fr),
        );
        return Ok(Analysed {
            lang,
            detected,
            front: Front::SmallTalk(smalltalk),
        });
    }
    let mut lang = lang;
    let mut preferred = detection.search_language(lang);
    let mut search = cx.index.search(text, preferred, SEARCH_LIMIT)?;
    if detected.is_none()
        && let Some(voted) = vocabulary_vote(&search, preferred)
    {
        // "single permit non-EU" on the French page: English words only the English entries use.
        lang = site.serving(voted);
        preferred = voted;
        search = cx.index.search(text, preferred, SEARCH_LIMIT)?;
    }
    if let Some(smalltalk) = loose_smalltalk(cx.smalltalk, text, &search) {
        let lang = site.serving(detected.or(smalltalk.language).or(page).unwrap_or(lang));
        return Ok(Analysed {
            lang,
            detected,
            front: Front::SmallTalk(smalltalk),
        });
    }
    let figures = QuestionFigures::of(&search, kb.entries().len());
    let (entries, partners) = describe(kb, cx.index, &search);
    Ok(Analysed {
        lang,
        detected,
        front: Front::Searched(Box::new(Searched {
            preferred,
            search,
            figures,
            entries,
            partners,
        })),
    })
}

/// Small talk with one other word ("merci beaucoup, vraiment top zarbi"), accepted only when that word is
/// not one the knowledge base knows (see `answer/smalltalk.rs`).
fn loose_smalltalk(
    matcher: &SmallTalkMatcher,
    text: &str,
    search: &SearchResult,
) -> Option<SmallTalkMatch> {
    let unknown = |word: &str| search.words.iter().any(|w| w.text == word && !w.known);
    matcher.recognise_loosely(text, &unknown)
}

/// The language the question's words belong to, when the detector could not tell: each meaningful
/// word that only one language's vocabulary knows exactly votes for it. A language other than
/// `preferred` wins with at least [`VOTE_MIN_WORDS`] votes and more than twice the preferred one's.
fn vocabulary_vote(search: &SearchResult, preferred: Language) -> Option<Language> {
    let mut votes: PerLanguage<usize> = PerLanguage::default();
    for (i, word) in search.words.iter().enumerate() {
        if !word.meaningful {
            continue;
        }
        let mut languages = Language::ALL.into_iter().filter(|&l| {
            search.terms.iter().any(|t| {
                t.language == l
                    && t.kind == MatchKind::Exact
                    && t.first_word == i
                    && t.last_word == i
            })
        });
        if let (Some(only), None) = (languages.next(), languages.next()) {
            votes[only] += 1;
        }
    }
    let (best, &count) = votes.iter().max_by_key(|(_, n)| **n)?;
    (best != preferred && count >= VOTE_MIN_WORDS && count > 2 * votes[preferred]).then_some(best)
}

/// Answers a question.
pub fn answer(cx: Context<'_>, question: &Question) -> Result<Reply, index::Error> {
    answer_analysed(cx, question).map(|(reply, _)| reply)
}

/// Answers a question and returns its judged analysis too (for `eval`): the same code path as
/// [`answer`], each figure computed once.
pub fn answer_analysed(
    cx: Context<'_>,
    question: &Question,
) -> Result<(Reply, Analysed), index::Error> {
    let mut analysed = analyse(cx, question)?;
    analysed.judge(question, cx.model);
    let reply = reply_to(cx, question, &analysed);
    Ok((reply, analysed))
}

/// The reply for a judged analysis.
pub fn reply_to(cx: Context<'_>, question: &Question, analysed: &Analysed) -> Reply {
    let kb = cx.kb;
    let lang = analysed.lang;
    let mut reply = Reply {
        kind: ReplyKind::NoAnswer,
        lang,
        detected_lang: analysed.detected,
        message: String::new(),
        answers: Vec::new(),
        alternatives: Vec::new(),
        referral: None,
        handoff: None,
        instead: None,
        intent: None,
        explain: None,
        closest_entry: None,
    };
    let searched = match &analysed.front {
        Front::Empty => {
            reply.message = kb.site().messages(lang).empty.clone();
            reply.handoff = Some(handoff(kb, lang));
            return reply;
        }
        Front::SmallTalk(smalltalk) => {
            let intent = &kb.site().smalltalk[smalltalk.intent];
            reply.kind = ReplyKind::Smalltalk;
            reply.message = intent.replies[lang].clone();
            reply.intent = Some(intent.intent.clone());
            return reply;
        }
        Front::Searched(s) => s,
    };
    let entries = &searched.entries;
    let partners = &searched.partners;
    let messages = kb.site().messages(lang);
    reply.closest_entry = entries.first().and_then(|c| match c.doc {
        DocRef::Entry(i) => Some(kb.entries()[i].id.clone()),
        DocRef::Partner(_) => None,
    });
    match decide(entries, partners, &searched.figures, &cx.model.policy) {
        Decision::Answer { ranked, .. }
        | Decision::Clarify {
            options: ranked, ..
        } if ranked.is_empty() => {}
        Decision::Answer {
            ranked,
            alternatives,
        } => {
            reply.kind = ReplyKind::Answer;
            reply.message = messages.answer.clone();
            reply.answers = entry_answers(cx, entries, &ranked, lang);
            reply.alternatives = alternatives
                .iter()
                .filter_map(|&i| match entries[i].doc {
                    DocRef::Entry(e) => {
                        let entry = &kb.entries()[e];
                        Some(Alternative {
                            id: entry.id.clone(),
                            question: entry.text(lang).question.clone(),
                            confidence: referral::round(entries[i].confidence),
                        })
                    }
                    DocRef::Partner(_) => None,
                })
                .collect();
            reply.referral = reply.answers[0].partners.first().cloned();
        }
        Decision::Clarify { options, broad } => {
            reply.kind = ReplyKind::Clarify;
            reply.message = if broad {
                messages.guide.clone()
            } else {
                messages.clarify.clone()
            };
            reply.answers = entry_answers(cx, entries, &options, lang);
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
        // "Not ours" on purpose: the closest declined question says where to go instead.
        let leader_similarity = entries.first().map_or(0.0, |c| c.similarity);
        reply.instead = searched
            .figures
            .not_ours
            .filter(|n| n.similarity > leader_similarity)
            .and_then(|n| kb.out_of_scope().get(n.topic))
            .and_then(|topic| topic.instead(lang))
            .map(str::to_string);
    }
    if question.explain {
        let search = &searched.search;
        reply.explain = Some(Explanation {
            preferred_lang: searched.preferred,
            known_share: referral::round(searched.figures.known_share),
            off_topic_share: referral::round(searched.figures.off_topic_share),
            not_ours: referral::round(searched.figures.not_ours_similarity()),
            not_ours_topic: searched
                .figures
                .not_ours
                .and_then(|n| kb.out_of_scope().get(n.topic))
                .map(|topic| topic.id.clone()),
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
                .map(|c| ranking::explain(kb, cx.index, search, c, question.text()))
                .collect(),
        });
    }
    reply
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
