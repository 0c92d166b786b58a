//! The figures the confidence models read, by name. BM25 scores rank documents within one question but
//! mean nothing across questions, so each candidate is described by figures that do:
//!
//! - **coverage**: the share of the question's meaningful words the candidate contains (in any language,
//!   as the word itself, a synonym, a compound part or a typo correction — the last three at a discount
//!   — and at a discount when only in the answer text or partner names), each word weighted by how
//!   telling it is (inverse document frequency over the entries; a word the knowledge base never uses
//!   weighs fully and is never covered);
//! - **evidence**: the same weighted sum, not divided (capped): how much telling vocabulary matched;
//! - **similarity**: how closely the question resembles the candidate's closest single phrasing
//!   (weighted Jaccard, `FaqIndex::phrasing_similarity`);
//! - **bm25**: ln(1 + BM25 / ln(1 + number of entries)), so that it does not depend on the size of the
//!   knowledge base;
//! - **rank ratio**: the candidate's re-ranking score over the leader's (1 for the leader);
//! - **margin**: the leader's relative lead over the runner-up (0 for the others);
//! - **contest**: how close the best candidate that would send the visitor elsewhere (another theme or
//!   another first partner, but not the candidate's `counterpart`, the same need in the other language
//!   community's system) comes, as a ratio of re-ranking scores (1 when it scores as well or better);
//! - question-level: **known share** (words the knowledge base knows; a corrected misspelling counts
//!   half), **off-topic share** (words of `[off_topic]` in `site.toml` no entry uses), **length**
//!   (ln(1 + meaningful words)) and **not ours** (the similarity to the closest question of the bank of
//!   declined questions, `out-of-scope.toml`).
//!
//! A model's weights are the same named struct, so a weight is always read next to its figure.

use serde::{Deserialize, Serialize};

use crate::index::SearchResult;

/// Words that tell nothing still weigh this much, so a question of common words is not "empty".
pub const MIN_WORD_WEIGHT: f32 = 0.1;

/// The figures of one candidate for one question (or, as model weights, one weight per figure; a
/// figure a model file does not name weighs 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Features {
    /// See the module documentation.
    pub coverage: f32,
    /// See the module documentation.
    pub evidence: f32,
    /// See the module documentation.
    pub similarity: f32,
    /// See the module documentation.
    pub bm25: f32,
    /// See the module documentation.
    pub rank_ratio: f32,
    /// See the module documentation.
    pub margin: f32,
    /// See the module documentation.
    pub contest: f32,
    /// See the module documentation.
    pub known_share: f32,
    /// See the module documentation.
    pub off_topic_share: f32,
    /// See the module documentation.
    pub length: f32,
    /// See the module documentation.
    pub not_ours: f32,
}

/// The sign a weight must have for the confidence to stay readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// More of the figure never lowers a probability.
    Positive,
    /// More of the figure never raises a probability.
    Negative,
    /// Either way.
    Free,
}

impl Features {
    /// Number of figures.
    pub const COUNT: usize = 11;

    /// Every figure's name, in the order of [`Features::values`].
    pub const NAMES: [&'static str; Features::COUNT] = [
        "coverage",
        "evidence",
        "similarity",
        "bm25",
        "rank_ratio",
        "margin",
        "contest",
        "known_share",
        "off_topic_share",
        "length",
        "not_ours",
    ];

    /// The sign each weight must have, in the order of [`Features::values`]: more coverage, evidence,
    /// similarity, BM25, rank ratio, margin or known words never lowers a probability; a closer contest,
    /// more off-topic words or a closer declined question never raises it; length is free.
    pub const SIGNS: [Sign; Features::COUNT] = [
        Sign::Positive, // coverage
        Sign::Positive, // evidence
        Sign::Positive, // similarity
        Sign::Positive, // bm25
        Sign::Positive, // rank_ratio
        Sign::Positive, // margin
        Sign::Negative, // contest
        Sign::Positive, // known_share
        Sign::Negative, // off_topic_share
        Sign::Free,     // length
        Sign::Negative, // not_ours
    ];

    /// The figures as numbers, for the fitter's linear algebra.
    pub fn values(&self) -> [f32; Features::COUNT] {
        [
            self.coverage,
            self.evidence,
            self.similarity,
            self.bm25,
            self.rank_ratio,
            self.margin,
            self.contest,
            self.known_share,
            self.off_topic_share,
            self.length,
            self.not_ours,
        ]
    }

    /// The inverse of [`Features::values`].
    pub fn from_values(v: [f32; Features::COUNT]) -> Features {
        Features {
            coverage: v[0],
            evidence: v[1],
            similarity: v[2],
            bm25: v[3],
            rank_ratio: v[4],
            margin: v[5],
            contest: v[6],
            known_share: v[7],
            off_topic_share: v[8],
            length: v[9],
            not_ours: v[10],
        }
    }

    /// Σ self × other.
    pub fn dot(&self, other: &Features) -> f32 {
        self.values()
            .iter()
            .zip(other.values())
            .map(|(a, b)| a * b)
            .sum()
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

/// The best match in the bank of declined questions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NotOurs {
    /// The topic (index into `KnowledgeBase::out_of_scope`).
    pub topic: usize,
    /// Weighted Jaccard similarity between the question and that bank question.
    pub similarity: f32,
}

/// How much a misspelled word read as a known one counts towards [`QuestionFigures::known_share`]: it
/// is evidence that the question is about our words, but weaker than the word itself (a correction
/// can be a coincidence). Counting it as unknown sent typo-heavy questions to a decline.
pub const CORRECTED_WORD_KNOWN: f32 = 0.5;

/// Figures of the question itself, the same for all its candidates.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct QuestionFigures {
    /// Share of the meaningful words (weighted) the knowledge base knows in some language (a corrected
    /// misspelling counts [`CORRECTED_WORD_KNOWN`]).
    pub known_share: f32,
    /// Share of the meaningful words (weighted) that are off-topic words no entry uses.
    pub off_topic_share: f32,
    /// ln(1 + number of entries): what BM25 scores are divided by.
    pub bm25_scale: f32,
    /// Number of meaningful words.
    pub meaningful_words: usize,
    /// The closest question of the bank of declined questions.
    pub not_ours: Option<NotOurs>,
}

impl QuestionFigures {
    /// The figures of a searched question, in an index of `entries` entries.
    pub fn of(search: &SearchResult, entries: usize) -> QuestionFigures {
        let weights = word_weights(search);
        let total: f32 = weights.iter().sum();
        let share = |keep: &dyn Fn(&crate::index::QueryWord) -> f32| {
            let part: f32 = search
                .words
                .iter()
                .zip(&weights)
                .map(|(w, x)| keep(w) * x)
                .sum();
            if total > 0.0 { part / total } else { 0.0 }
        };
        let not_ours = search
            .bank_hits
            .iter()
            .map(|hit| {
                let matched: f32 = weights
                    .iter()
                    .take(crate::index::MAX_BANK_WORDS)
                    .enumerate()
                    .filter(|(i, _)| hit.words & (1 << i) != 0)
                    .map(|(_, w)| w)
                    .sum();
                let union = total + hit.total_weight - hit.matched_weight;
                NotOurs {
                    topic: hit.topic,
                    similarity: if union > 0.0 {
                        (matched / union).clamp(0.0, 1.0)
                    } else {
                        0.0
                    },
                }
            })
            .max_by(|a, b| a.similarity.total_cmp(&b.similarity));
        QuestionFigures {
            known_share: share(&|w| {
                if w.known {
                    1.0
                } else if w.corrected {
                    CORRECTED_WORD_KNOWN
                } else {
                    0.0
                }
            }),
            off_topic_share: share(&|w| if w.off_topic { 1.0 } else { 0.0 }),
            bm25_scale: (entries as f32).ln_1p(),
            meaningful_words: search.words.iter().filter(|w| w.meaningful).count(),
            not_ours,
        }
    }

    /// ln(1 + number of meaningful words).
    pub fn length(&self) -> f32 {
        (self.meaningful_words as f32).ln_1p()
    }

    /// Similarity to the closest declined question (0 without one).
    pub fn not_ours_similarity(&self) -> f32 {
        self.not_ours.map_or(0.0, |n| n.similarity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_names_match_the_fields() {
        let f = Features {
            coverage: 1.0,
            evidence: 2.0,
            similarity: 3.0,
            bm25: 4.0,
            rank_ratio: 5.0,
            margin: 6.0,
            contest: 7.0,
            known_share: 8.0,
            off_topic_share: 9.0,
            length: 10.0,
            not_ours: 11.0,
        };
        assert_eq!(Features::from_values(f.values()), f);
        let json = serde_json::to_value(f).unwrap();
        for (name, value) in Features::NAMES.iter().zip(f.values()) {
            assert_eq!(json[name].as_f64().unwrap() as f32, value, "{name}");
        }
        assert_eq!(f.dot(&Features::from_values([1.0; Features::COUNT])), 66.0);
    }
}
