//! From BM25 hits to ranked candidates with a confidence in [0, 1], and the decision between answer,
//! clarify and decline.
//!
//! BM25 scores rank documents within one question but mean nothing across questions, so each candidate
//! is described by figures that do:
//!
//! - **coverage**: the share of the question's meaningful words the candidate contains (in any language,
//!   as the word itself, a synonym, a compound part or a typo correction — the last three at a discount
//!   — and at a discount when only in the answer text or partner names), each word weighted by how
//!   telling it is (its inverse document frequency over the entries; a word the knowledge base never
//!   uses weighs fully and is never covered);
//! - **evidence**: the same weighted sum, not divided (capped): how much telling vocabulary was matched;
//! - **similarity**: how closely the question resembles the candidate's closest single phrasing
//!   (weighted Jaccard, see `FaqIndex::phrasing_similarity`);
//! - **bm25**: the candidate's BM25 score, divided by ln(1 + number of entries) so that it does not
//!   depend on the size of the knowledge base (BM25 grows with inverse document frequencies, which grow
//!   with the logarithm of the collection size), then log-scaled;
//! - **known share**: the share of the question's words the knowledge base knows at all (same for all
//!   candidates of a question);
//! - **off-topic share**: the share of the question's words that belong to the everyday subjects listed
//!   under `[off_topic]` in `site.toml` (weather, health, housing...) and that no entry uses;
//! - **length**: ln(1 + number of meaningful words): a story told in four sentences naturally covers a
//!   smaller share of its words than a three-word question, and the models must know it;
//! - **margin**: the leader's relative lead over the runner-up on the ranking score.
//!
//! Candidates are **re-ranked** by `bm25 / best bm25 + a·similarity + b·coverage`. Two logistic models
//! then read the figures of the leader:
//!
//! - the **scope** model estimates the probability that the question is one the knowledge base covers
//!   at all; below [`RankingModel::decline_below`] the bot declines and hands over to a person;
//! - the **correctness** model estimates the probability that a candidate is a right answer (right theme
//!   and referral) for an in-scope question.
//!
//! A candidate's **confidence** is `scope × correctness`: an estimate of the probability that it is a
//! right answer, comparable from one question to the next. The leader is given as an answer when its
//! confidence reaches [`RankingModel::answer_from`] and no close rival of another theme competes;
//! otherwise the visitor is asked which of the best candidates they mean (clarify). The weights and
//! thresholds were fitted with `cdm-faq eval tests/eval/dev.jsonl --fit` (see `eval/fit.rs` and
//! ARCHITECTURE.md).

use super::reply::{ExplainedCandidate, MatchedTerm};
use crate::index::{DocRef, FaqIndex, FieldKind, MatchKind, SearchResult};
use crate::knowledge_base::{KnowledgeBase, Theme};

/// Number of figures a model reads.
pub const FEATURES: usize = 8;

/// A logistic model over the figures of a candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Logistic {
    /// Weights of coverage, evidence, similarity, ln(1 + normalised bm25), known share, margin, off-topic
    /// share, length.
    pub weights: [f32; FEATURES],
    /// Bias.
    pub bias: f32,
}

impl Logistic {
    /// σ(weights · features + bias).
    pub fn probability(&self, features: &[f32; FEATURES]) -> f32 {
        let z: f32 = self
            .weights
            .iter()
            .zip(features)
            .map(|(w, f)| w * f)
            .sum::<f32>()
            + self.bias;
        1.0 / (1.0 + (-z).exp())
    }
}

/// Every weight and threshold of the ranking (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankingModel {
    /// Re-ranking weight of similarity.
    pub rerank_similarity: f32,
    /// Re-ranking weight of coverage.
    pub rerank_coverage: f32,
    /// Evidence is capped at this value.
    pub evidence_cap: f32,
    /// P(the question is in scope).
    pub scope: Logistic,
    /// P(a candidate is right | in scope).
    pub correctness: Logistic,
    /// Decline when the scope probability is below this.
    pub decline_below: f32,
    /// Answer (rather than clarify) from this confidence.
    pub answer_from: f32,
}

/// The fitted model (`cdm-faq eval tests/eval/dev.jsonl --fit`, see ARCHITECTURE.md).
pub const MODEL: RankingModel = RankingModel {
    rerank_similarity: 1.5,
    rerank_coverage: 0.25,
    evidence_cap: 4.0,
    scope: Logistic {
        weights: [2.31, 0.0, 7.05, 2.14, 1.56, 0.0, -12.9, 1.8],
        bias: -12.53,
    },
    correctness: Logistic {
        weights: [0.42, 0.3, 0.0, 0.81, 0.0, 8.61, 0.0, -0.37],
        bias: -2.64,
    },
    decline_below: 0.39,
    answer_from: 0.5,
};

/// Clarification options are taken among candidates whose ranking score is at least this share of
/// the leader's.
pub const OPTION_SCORE_RATIO: f32 = 0.6;
/// A rival of another theme is "close" when its ranking score is at least this share of the leader's...
pub const CLOSE_SCORE_RATIO: f32 = 0.9;
/// ... and it covers the question nearly as well.
pub const CLOSE_COVERAGE_RATIO: f32 = 0.9;
/// Words that tell nothing still weigh this much, so a question of common words is not "empty".
const MIN_WORD_WEIGHT: f32 = 0.1;
/// Phrasing similarity is computed for this many best entries (it costs more than coverage).
pub const SIMILARITY_CANDIDATES: usize = 8;
/// Entries of the theme the visitor picked get this multiplier on their ranking score.
pub const THEME_BOOST: f32 = 1.25;

/// A candidate answer with the figures behind its confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The entry or partner.
    pub doc: DocRef,
    /// BM25 score.
    pub score: f32,
    /// See the module documentation.
    pub coverage: f32,
    /// See the module documentation.
    pub evidence: f32,
    /// See the module documentation.
    pub similarity: f32,
    /// The re-ranking score.
    pub rank_score: f32,
    /// Relative lead of the leader over the runner-up (0 for the others).
    pub margin: f32,
    /// P(in scope) of the question (the same for every candidate).
    pub scope: f32,
    /// `scope × correctness`.
    pub confidence: f32,
    /// Indexes into [`SearchResult::terms`] of the terms it contains.
    pub matched: Vec<usize>,
}

impl Candidate {
    /// The figures a model reads.
    pub fn features(&self, question: &QuestionFigures, model: &RankingModel) -> [f32; FEATURES] {
        [
            self.coverage,
            self.evidence.min(model.evidence_cap),
            self.similarity,
            (self.score.max(0.0) / question.bm25_scale.max(1.0)).ln_1p(),
            question.known_share,
            self.margin,
            question.off_topic_share,
            question.length,
        ]
    }
}

/// Weight of each question word for coverage and similarity (0 for stop words).
pub fn word_weights(search: &SearchResult) -> Vec<f32> {
    search
        .words
        .iter()
        .map(|w| {
            if w.meaningful {
                w.informativeness.max(MIN_WORD_WEIGHT)
            } else {
                0.0
            }
        })
        .collect()
}

/// Figures of the question itself, the same for all its candidates.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct QuestionFigures {
    /// Share of the meaningful words (weighted) the knowledge base knows in some language.
    pub known_share: f32,
    /// Share of the meaningful words (weighted) that are off-topic words no entry uses.
    pub off_topic_share: f32,
    /// ln(1 + number of entries): what BM25 scores are divided by.
    pub bm25_scale: f32,
    /// ln(1 + number of meaningful words).
    pub length: f32,
}

impl QuestionFigures {
    /// The figures of a searched question, in an index of `entries` entries.
    pub fn of(search: &SearchResult, entries: usize) -> QuestionFigures {
        let weights = word_weights(search);
        let total: f32 = weights.iter().sum();
        let share = |keep: &dyn Fn(&crate::index::QueryWord) -> bool| {
            let part: f32 = search
                .words
                .iter()
                .zip(&weights)
                .filter(|(w, _)| keep(w))
                .map(|(_, x)| x)
                .sum();
            if total > 0.0 { part / total } else { 0.0 }
        };
        QuestionFigures {
            known_share: share(&|w| w.known),
            off_topic_share: share(&|w| w.off_topic),
            bm25_scale: (entries as f32).ln_1p(),
            length: (search.words.iter().filter(|w| w.meaningful).count() as f32).ln_1p(),
        }
    }
}

/// The hits of a search with their figures (coverage, evidence, similarity), entries and partners
/// apart, each in BM25 order. Nothing here depends on the model: this is what `eval --fit` learns from.
pub fn describe(index: &FaqIndex, search: &SearchResult) -> (Vec<Candidate>, Vec<Candidate>) {
    let weights = word_weights(search);
    let total: f32 = weights.iter().sum();
    let mut entries = Vec::new();
    let mut partners = Vec::new();
    for hit in &search.hits {
        let mut best = vec![0.0f32; search.words.len()];
        let mut matched = Vec::new();
        for (t, term) in search.terms.iter().enumerate() {
            let fields = index.doc_fields(hit.doc, term.language, term.term_id);
            if fields == 0 {
                continue;
            }
            matched.push(t);
            let quality = term.kind.weight() * FieldKind::best_coverage_weight(fields);
            for q in &mut best[term.first_word..=term.last_word] {
                *q = q.max(quality);
            }
        }
        let evidence: f32 = best.iter().zip(&weights).map(|(q, w)| q * w).sum();
        let coverage = if total > 0.0 { evidence / total } else { 0.0 };
        let is_entry = matches!(hit.doc, DocRef::Entry(_));
        let list_len = if is_entry {
            entries.len()
        } else {
            partners.len()
        };
        let similarity = if list_len < SIMILARITY_CANDIDATES {
            index.phrasing_similarity(hit.doc, search, &weights)
        } else {
            0.0
        };
        let candidate = Candidate {
            doc: hit.doc,
            score: hit.score,
            coverage,
            evidence,
            similarity,
            rank_score: 0.0,
            margin: 0.0,
            scope: 0.0,
            confidence: 0.0,
            matched,
        };
        if is_entry {
            entries.push(candidate)
        } else {
            partners.push(candidate)
        }
    }
    (entries, partners)
}

/// Re-ranks candidates (entries or partners) and sets their ranking score and margin.
pub fn rerank(
    kb: &KnowledgeBase,
    list: &mut [Candidate],
    theme: Option<Theme>,
    model: &RankingModel,
) {
    let best = list.iter().map(|c| c.score).fold(0.0f32, f32::max);
    for c in list.iter_mut() {
        let bm25 = if best > 0.0 { c.score / best } else { 0.0 };
        c.rank_score =
            bm25 + model.rerank_similarity * c.similarity + model.rerank_coverage * c.coverage;
        if let (Some(theme), DocRef::Entry(i)) = (theme, c.doc)
            && kb.entries()[i].theme == theme
        {
            c.rank_score *= THEME_BOOST;
        }
    }
    list.sort_by(|a, b| b.rank_score.total_cmp(&a.rank_score));
    let second = list.get(1).map_or(0.0, |c| c.rank_score);
    if let Some(first) = list.first_mut() {
        first.margin = if first.rank_score > 0.0 {
            ((first.rank_score - second) / first.rank_score).clamp(0.0, 1.0)
        } else {
            0.0
        };
    }
}

/// Sets scope and confidence: the scope model reads the leader, the correctness model each candidate.
pub fn judge(list: &mut [Candidate], question: &QuestionFigures, model: &RankingModel) {
    let Some(first) = list.first() else {
        return;
    };
    let scope = model.scope.probability(&first.features(question, model));
    for c in list.iter_mut() {
        c.scope = scope;
        c.confidence = scope * model.correctness.probability(&c.features(question, model));
    }
}

/// Describes, re-ranks and judges the hits of a search.
pub fn candidates(
    kb: &KnowledgeBase,
    index: &FaqIndex,
    search: &SearchResult,
    theme: Option<Theme>,
    model: &RankingModel,
) -> (Vec<Candidate>, Vec<Candidate>) {
    let (mut entries, mut partners) = describe(index, search);
    let question = QuestionFigures::of(search, kb.entries().len());
    for list in [&mut entries, &mut partners] {
        rerank(kb, list, theme, model);
        judge(list, &question, model);
    }
    (entries, partners)
}

/// What to reply.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Answer with the first entry; the others are runner-ups.
    Answer(Vec<usize>),
    /// Ask which of these entries the visitor means.
    Clarify(Vec<usize>),
    /// Answer with a partner profile.
    Partner(usize),
    /// Decline and hand over to a person.
    Decline,
}

/// Decides from the judged candidates (indexes into the candidate lists).
pub fn decide(
    kb: &KnowledgeBase,
    entries: &[Candidate],
    partners: &[Candidate],
    model: &RankingModel,
) -> Decision {
    let theme = |c: &Candidate| match c.doc {
        DocRef::Entry(i) => Some(kb.entries()[i].theme),
        DocRef::Partner(_) => None,
    };
    // A partner profile answers when no entry fits better and the partner itself is in scope.
    let partner = partners.first().filter(|p| {
        p.scope >= model.decline_below
            && p.confidence >= model.answer_from
            && entries
                .first()
                .is_none_or(|e| p.coverage > e.coverage && p.similarity > e.similarity)
    });
    if partner.is_some() {
        return Decision::Partner(0);
    }
    let Some(first) = entries.first() else {
        return Decision::Decline;
    };
    if first.scope < model.decline_below {
        return Decision::Decline;
    }
    let rival = entries.iter().skip(1).take(4).any(|c| {
        c.rank_score >= CLOSE_SCORE_RATIO * first.rank_score
            && c.coverage >= CLOSE_COVERAGE_RATIO * first.coverage
            && theme(c) != theme(first)
    });
    let others = entries
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, c)| c.rank_score >= OPTION_SCORE_RATIO * first.rank_score);
    if first.confidence >= model.answer_from && !rival {
        let mut ranked = vec![0];
        ranked.extend(others.map(|(i, _)| i).take(4));
        return Decision::Answer(ranked);
    }
    let mut options = vec![0];
    options.extend(others.map(|(i, _)| i).take(2));
    Decision::Clarify(options)
}

/// The explanation of a candidate for counsellors.
pub fn explain(
    kb: &KnowledgeBase,
    index: &FaqIndex,
    search: &SearchResult,
    candidate: &Candidate,
    question: &str,
) -> ExplainedCandidate {
    let id = match candidate.doc {
        DocRef::Entry(i) => kb.entries()[i].id.clone(),
        DocRef::Partner(i) => format!("partners/{}", index.partner_id(i)),
    };
    let matched = candidate
        .matched
        .iter()
        .map(|&t| {
            let term = &search.terms[t];
            let from = search.words[term.first_word].offset_from;
            let to = search.words[term.last_word].offset_to;
            MatchedTerm {
                word: question.get(from..to).unwrap_or_default().to_string(),
                term: term.term.clone(),
                lang: term.language,
                kind: match term.kind {
                    MatchKind::Exact => "exact",
                    MatchKind::Synonym => "synonym",
                    MatchKind::CompoundPart => "compound_part",
                    MatchKind::Typo(_) => "typo",
                }
                .to_string(),
                corrected_to: term.corrected_to.clone(),
            }
        })
        .collect();
    let round = super::referral::round;
    ExplainedCandidate {
        id,
        score: (candidate.score * 100.0).round() / 100.0,
        coverage: round(candidate.coverage),
        evidence: (candidate.evidence * 100.0).round() / 100.0,
        margin: round(candidate.margin),
        similarity: round(candidate.similarity),
        scope: round(candidate.scope),
        confidence: round(candidate.confidence),
        matched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logistic_is_a_probability_and_monotonic() {
        let m = Logistic {
            weights: [1.0; FEATURES],
            bias: -3.0,
        };
        let low = m.probability(&[0.0; FEATURES]);
        let high = m.probability(&[1.0; FEATURES]);
        assert!((0.0..=1.0).contains(&low) && (0.0..=1.0).contains(&high));
        assert!(high > low);
        assert!(m.probability(&[100.0; FEATURES]) <= 1.0);
        assert!(m.probability(&[-100.0; FEATURES]) >= 0.0);
    }

    #[test]
    fn fitted_models_grow_with_coverage_and_similarity() {
        let base = [0.5, 1.0, 0.3, 3.0, 0.8, 0.2, 0.0, 1.5];
        for model in [MODEL.scope, MODEL.correctness] {
            let mut more = base;
            more[0] = 0.9;
            more[2] = 0.7;
            assert!(model.probability(&more) > model.probability(&base));
        }
    }
}
