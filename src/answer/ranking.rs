//! From BM25 hits to ranked, judged candidates: [`describe`] gives each hit its model-free figures
//! (`answer/features.rs`), [`rerank`] orders them by `bm25 / best bm25 + a·similarity + b·coverage`, and
//! [`judge`] sets every candidate's confidence with the two logistic models of the fitted
//! [`RankingModel`]:
//!
//! - the **scope** model reads the leader and estimates the probability that the question is one the
//!   knowledge base covers at all;
//! - the **correctness** model estimates the probability that a candidate is a right answer (right theme
//!   and referral) for an in-scope question.
//!
//! A candidate's **confidence** is `scope × correctness`, recalibrated by the model's monotone
//! [`Recalibration`](super::model::Recalibration): an estimate of the probability that it is a right
//! answer, comparable from one question to the next, and calibrated on questions the models were not
//! fitted on (ARCHITECTURE.md, "The confidence model"). What to reply is `answer/decision.rs`.

use super::features::{Features, QuestionFigures, word_weights};
use super::model::RankingModel;
use super::reply::{ExplainedCandidate, MatchedTerm};
use crate::index::{DocRef, FaqIndex, FieldKind, MatchKind, SearchResult};
use crate::knowledge_base::{KnowledgeBase, Theme};

/// Phrasing similarity is computed for this many best entries (it costs more than coverage).
pub const SIMILARITY_CANDIDATES: usize = 8;
/// Entries of the theme the visitor picked get this multiplier on their ranking score.
pub const THEME_BOOST: f32 = 1.25;

/// A candidate answer with the figures behind its confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The entry or partner.
    pub doc: DocRef,
    /// The entry's theme (`None` for a partner profile): what the decision needs to know of it.
    pub theme: Option<Theme>,
    /// Where the candidate sends the visitor: a hash of its theme and first partner (two candidates
    /// with the same destination are alike for the visitor).
    pub destination: u64,
    /// The entry's counterpart (the same need in the other language community's system), as an index
    /// into the entries: it never contests the candidate (see [`rerank`]).
    pub counterpart: Option<usize>,
    /// BM25 score.
    pub score: f32,
    /// See `answer/features.rs`.
    pub coverage: f32,
    /// See `answer/features.rs`.
    pub evidence: f32,
    /// See `answer/features.rs`.
    pub similarity: f32,
    /// The re-ranking score.
    pub rank_score: f32,
    /// The re-ranking score over the leader's (1 for the leader).
    pub rank_ratio: f32,
    /// Relative lead of the leader over the runner-up (0 for the others).
    pub margin: f32,
    /// See `answer/features.rs`.
    pub contest: f32,
    /// P(in scope) of the question (the same for every candidate).
    pub scope: f32,
    /// `scope × correctness`, recalibrated.
    pub confidence: f32,
    /// Indexes into [`SearchResult::terms`] of the terms it contains.
    pub matched: Vec<usize>,
}

impl Candidate {
    /// A candidate with these figures and nothing matched (the decision's unit tests, the fitter).
    pub fn with_figures(doc: DocRef, theme: Option<Theme>, coverage: f32, similarity: f32) -> Self {
        Candidate {
            doc,
            theme,
            destination: 0,
            counterpart: None,
            score: 0.0,
            coverage,
            evidence: coverage,
            similarity,
            rank_score: 0.0,
            rank_ratio: 0.0,
            margin: 0.0,
            contest: 0.0,
            scope: 0.0,
            confidence: 0.0,
            matched: Vec::new(),
        }
    }

    /// The figures a model reads.
    pub fn features(&self, question: &QuestionFigures, model: &RankingModel) -> Features {
        Features {
            coverage: self.coverage,
            evidence: self.evidence.min(model.evidence_cap),
            similarity: self.similarity,
            bm25: (self.score.max(0.0) / question.bm25_scale.max(1.0)).ln_1p(),
            rank_ratio: self.rank_ratio,
            margin: self.margin,
            contest: self.contest,
            known_share: question.known_share,
            off_topic_share: question.off_topic_share,
            length: question.length(),
            not_ours: question.not_ours_similarity(),
        }
    }
}

/// The figures of a question with no candidate (for the scope model: nothing matched).
pub fn empty_features(question: &QuestionFigures) -> Features {
    Features {
        known_share: question.known_share,
        off_topic_share: question.off_topic_share,
        length: question.length(),
        not_ours: question.not_ours_similarity(),
        ..Features::default()
    }
}

/// The hits of a search with their figures (coverage, evidence, similarity), entries and partners
/// apart, each in BM25 order. Nothing here depends on the model: this is what `eval --fit` learns from.
pub fn describe(
    kb: &KnowledgeBase,
    index: &FaqIndex,
    search: &SearchResult,
) -> (Vec<Candidate>, Vec<Candidate>) {
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
        let theme = match hit.doc {
            DocRef::Entry(i) => Some(kb.entries()[i].theme),
            DocRef::Partner(_) => None,
        };
        let list_len = if theme.is_some() {
            entries.len()
        } else {
            partners.len()
        };
        let similarity = if list_len < SIMILARITY_CANDIDATES {
            index.phrasing_similarity(hit.doc, search, &weights)
        } else {
            0.0
        };
        let (destination, counterpart) = match hit.doc {
            DocRef::Entry(i) => {
                let entry = &kb.entries()[i];
                (
                    destination_of(entry.theme, entry.referral()),
                    kb.counterpart_of(i),
                )
            }
            DocRef::Partner(_) => (0, None),
        };
        let candidate = Candidate {
            destination,
            counterpart,
            score: hit.score,
            evidence,
            matched,
            ..Candidate::with_figures(hit.doc, theme, coverage, similarity)
        };
        if theme.is_some() {
            entries.push(candidate)
        } else {
            partners.push(candidate)
        }
    }
    (entries, partners)
}

/// The destination hash of a theme and a first partner (FNV-1a: stable from one build to the next).
pub fn destination_of(theme: Theme, referral: Option<&str>) -> u64 {
    let text = format!("{}\u{1f}{}", theme.slug(), referral.unwrap_or_default());
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Candidates that contest a candidate's destination are looked for among this many best ones.
const CONTEST_CANDIDATES: usize = 5;

/// Re-ranks candidates (entries or partners) and sets their ranking score, rank ratio, margin and
/// contest.
pub fn rerank(list: &mut [Candidate], theme: Option<Theme>, model: &RankingModel) {
    let best = list.iter().map(|c| c.score).fold(0.0f32, f32::max);
    for c in list.iter_mut() {
        let bm25 = if best > 0.0 { c.score / best } else { 0.0 };
        c.rank_score =
            bm25 + model.rerank.similarity * c.similarity + model.rerank.coverage * c.coverage;
        if theme.is_some() && c.theme == theme {
            c.rank_score *= THEME_BOOST;
        }
        c.margin = 0.0;
    }
    list.sort_by(|a, b| b.rank_score.total_cmp(&a.rank_score));
    let leader = list.first().map_or(0.0, |c| c.rank_score);
    for c in list.iter_mut() {
        c.rank_ratio = if leader > 0.0 {
            (c.rank_score / leader).clamp(0.0, 1.0)
        } else {
            0.0
        };
    }
    // A rival sends the visitor elsewhere; an entry's counterpart (the same need in the other
    // community's system: evening classes in French or in Dutch) is its alternative, not its rival.
    let top: Vec<(u64, DocRef, f32)> = list
        .iter()
        .take(CONTEST_CANDIDATES)
        .map(|c| (c.destination, c.doc, c.rank_score))
        .collect();
    for c in list.iter_mut() {
        let counterpart = c.counterpart.map(DocRef::Entry);
        let rival = top
            .iter()
            .filter(|(d, doc, _)| *d != c.destination && Some(*doc) != counterpart)
            .map(|(_, _, s)| *s)
            .fold(0.0f32, f32::max);
        c.contest = if c.rank_score > 0.0 {
            (rival / c.rank_score).clamp(0.0, 1.0)
        } else {
            0.0
        };
    }
    let second = list.get(1).map_or(0.0, |c| c.rank_score);
    if let Some(first) = list.first_mut() {
        first.margin = if first.rank_score > 0.0 {
            ((first.rank_score - second) / first.rank_score).clamp(0.0, 1.0)
        } else {
            0.0
        };
    }
}

/// Sets scope and confidence: the scope model reads the leader (or, with no candidate, the question
/// alone), the correctness model each candidate. Returns the question's scope.
pub fn judge(list: &mut [Candidate], question: &QuestionFigures, model: &RankingModel) -> f32 {
    let leader = list
        .first()
        .map_or_else(|| empty_features(question), |c| c.features(question, model));
    let scope = model.scope.probability(&leader);
    for c in list.iter_mut() {
        c.scope = scope;
        c.confidence = model
            .recalibration
            .apply(scope * model.correctness.probability(&c.features(question, model)));
    }
    scope
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

    fn entry(i: usize, theme: Theme, score: f32, coverage: f32, similarity: f32) -> Candidate {
        Candidate {
            score,
            ..Candidate::with_figures(DocRef::Entry(i), Some(theme), coverage, similarity)
        }
    }

    #[test]
    fn rerank_orders_by_score_and_sets_ratio_and_margin() {
        let model = RankingModel::fitted();
        let mut list = vec![
            entry(0, Theme::Work, 10.0, 0.2, 0.1),
            entry(1, Theme::Learn, 9.0, 1.0, 0.9),
        ];
        rerank(&mut list, None, model);
        assert_eq!(
            list[0].doc,
            DocRef::Entry(1),
            "similarity and coverage lift entry 1"
        );
        assert_eq!(list[0].rank_ratio, 1.0);
        assert!(list[1].rank_ratio < 1.0 && list[1].rank_ratio > 0.0);
        assert!(list[0].margin > 0.0);
        assert_eq!(list[1].margin, 0.0);
    }

    #[test]
    fn a_counterpart_does_not_contest_but_another_destination_does() {
        let model = RankingModel::fitted();
        let mut list = vec![
            Candidate {
                destination: 1,
                counterpart: Some(1),
                ..entry(0, Theme::Learn, 10.0, 0.8, 0.5)
            },
            Candidate {
                destination: 2,
                counterpart: Some(0),
                ..entry(1, Theme::Learn, 9.5, 0.8, 0.5)
            },
        ];
        rerank(&mut list, None, model);
        assert!(
            list.iter().all(|c| c.contest == 0.0),
            "the French and the Dutch route of one need are alternatives, not rivals"
        );
        list.push(Candidate {
            destination: 3,
            ..entry(2, Theme::Work, 9.0, 0.8, 0.5)
        });
        rerank(&mut list, None, model);
        let first = list.iter().find(|c| c.doc == DocRef::Entry(0)).unwrap();
        assert!(first.contest > 0.8, "{}", first.contest);
    }

    #[test]
    fn rerank_boosts_the_theme_the_visitor_picked() {
        let model = RankingModel::fitted();
        let mut list = vec![
            entry(0, Theme::Work, 10.0, 0.5, 0.5),
            entry(1, Theme::Learn, 10.0, 0.5, 0.5),
        ];
        rerank(&mut list, Some(Theme::Learn), model);
        assert_eq!(list[0].theme, Some(Theme::Learn));
    }

    #[test]
    fn judge_gives_every_candidate_the_leader_s_scope_and_a_lower_confidence() {
        let model = RankingModel::fitted();
        let question = QuestionFigures {
            known_share: 1.0,
            bm25_scale: 4.7,
            meaningful_words: 3,
            ..QuestionFigures::default()
        };
        let mut list = vec![
            entry(0, Theme::Work, 30.0, 1.0, 0.8),
            entry(1, Theme::Learn, 10.0, 0.3, 0.1),
        ];
        rerank(&mut list, None, model);
        let scope = judge(&mut list, &question, model);
        assert!(list.iter().all(|c| c.scope == scope));
        assert!(
            list.iter()
                .all(|c| c.confidence <= model.recalibration.apply(c.scope)),
            "right implies in scope"
        );
        assert!(list[0].confidence > list[1].confidence);
        let mut none: Vec<Candidate> = Vec::new();
        assert!(
            judge(&mut none, &question, model) < scope,
            "no candidate, lower scope"
        );
    }
}
