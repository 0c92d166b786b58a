//! The fitted ranking model: re-ranking weights, the two logistic models behind a confidence, the
//! recalibration that makes their product a probability, and the decision policy's thresholds. It is generated data: `cdm-faq eval --fit` writes `model.json` beside
//! this file (see `eval/fit.rs` and ARCHITECTURE.md), the binary embeds it, and a test refits from the
//! labelled sets and fails when the committed file differs from a fresh fit. No fitted number is
//! written in code.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::features::Features;

/// The committed model, as written by `cdm-faq eval --fit`.
pub const MODEL_JSON: &str = include_str!("model.json");

/// Where `eval --fit` writes the model, relative to the repository.
pub const MODEL_PATH: &str = "src/answer/model.json";

/// A logistic model over the figures of a candidate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Logistic {
    /// One weight per figure.
    pub weights: Features,
    /// Bias.
    pub bias: f32,
}

impl Logistic {
    /// σ(weights · features + bias).
    pub fn probability(&self, features: &Features) -> f32 {
        let z = self.weights.dot(features) + self.bias;
        1.0 / (1.0 + (-z).exp())
    }
}

/// How candidates are re-ranked: `bm25 / best bm25 + similarity × s + coverage × c`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rerank {
    /// Weight of similarity.
    pub similarity: f32,
    /// Weight of coverage.
    pub coverage: f32,
}

/// A monotone map from the raw confidence (scope × correctness, two models fitted apart, whose
/// product is not itself calibrated) to a probability: `σ(slope · logit(p) + intercept)` (Platt
/// scaling), fitted by `eval --fit` on the out-of-fold leaders, so that a stated 0.7 is right about 70%
/// of the time on questions the models were not fitted on. Being monotone, it never changes which
/// candidate leads.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recalibration {
    /// Multiplies the raw log-odds.
    pub slope: f32,
    /// Added to them.
    pub intercept: f32,
}

impl Recalibration {
    /// The map that changes nothing.
    pub const IDENTITY: Recalibration = Recalibration {
        slope: 1.0,
        intercept: 0.0,
    };
    /// Raw probabilities are clamped to [EDGE, 1 − EDGE] before taking their log-odds.
    pub const EDGE: f32 = 1e-4;

    /// The log-odds of `p`, clamped away from 0 and 1.
    pub fn logit(p: f32) -> f32 {
        let p = p.clamp(Self::EDGE, 1.0 - Self::EDGE);
        (p / (1.0 - p)).ln()
    }

    /// The calibrated probability of a raw one.
    pub fn apply(&self, raw: f32) -> f32 {
        if *self == Self::IDENTITY {
            return raw;
        }
        let z = self.slope * Self::logit(raw) + self.intercept;
        1.0 / (1.0 + (-z).exp())
    }
}

impl Default for Recalibration {
    fn default() -> Self {
        Self::IDENTITY
    }
}

/// The decision's thresholds, chosen on out-of-fold figures (see `answer/decision.rs`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Decline when the scope probability is below this.
    pub decline_below: f32,
    /// Answer when the leader's confidence reaches this.
    pub answer_from: f32,
    /// A rival is plausible (an option of a clarification, an alternative of an answer) from this
    /// confidence.
    pub plausible_from: f32,
    /// A lone plausible leader (no plausible rival) is answered, with alternatives, from this confidence;
    /// below it the bot declines.
    pub lone_answer_from: f32,
}

/// Every weight and threshold of the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankingModel {
    /// What wrote the file.
    pub generated_by: String,
    /// The labelled sets it was fitted on.
    pub fitted_on: Vec<String>,
    /// Re-ranking weights.
    pub rerank: Rerank,
    /// Evidence is capped at this value.
    pub evidence_cap: f32,
    /// P(the question is in scope), read on the leader.
    pub scope: Logistic,
    /// P(a candidate is right | in scope).
    pub correctness: Logistic,
    /// From scope × correctness to a calibrated confidence.
    pub recalibration: Recalibration,
    /// The decision's thresholds.
    pub policy: Policy,
}

static FITTED: LazyLock<RankingModel> = LazyLock::new(|| {
    RankingModel::from_json(MODEL_JSON)
        .unwrap_or_else(|e| panic!("{MODEL_PATH} is not a valid model: {e}"))
});

impl RankingModel {
    /// The committed model (parsed once; the file is checked by the test suite).
    pub fn fitted() -> &'static RankingModel {
        &FITTED
    }

    /// Reads a model file.
    pub fn from_json(text: &str) -> Result<RankingModel, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The model file's text: pretty JSON, one figure a line, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a model serialises");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_model_parses_and_round_trips() {
        let model = RankingModel::fitted();
        assert_eq!(&RankingModel::from_json(&model.to_json()).unwrap(), model);
        assert!(!model.fitted_on.is_empty());
        let p = model.policy;
        for t in [
            p.decline_below,
            p.answer_from,
            p.plausible_from,
            p.lone_answer_from,
        ] {
            assert!((0.0..=1.0).contains(&t), "{p:?}");
        }
    }

    #[test]
    fn recalibration_is_monotone_and_the_identity_changes_nothing() {
        let raw = [0.0, 0.001, 0.2, 0.5, 0.7, 0.999, 1.0];
        for p in raw {
            assert_eq!(Recalibration::IDENTITY.apply(p), p);
        }
        let steeper = Recalibration {
            slope: 1.5,
            intercept: 0.4,
        };
        let mapped: Vec<f32> = raw.iter().map(|p| steeper.apply(*p)).collect();
        assert!(mapped.windows(2).all(|w| w[0] <= w[1]), "{mapped:?}");
        assert!(mapped.iter().all(|p| (0.0..=1.0).contains(p)));
        assert!(
            steeper.apply(0.5) > 0.5,
            "a positive intercept raises the middle"
        );
    }

    #[test]
    fn logistic_is_a_probability_and_monotonic() {
        let m = Logistic {
            weights: Features::from_values([1.0; Features::COUNT]),
            bias: -3.0,
        };
        let low = m.probability(&Features::default());
        let high = m.probability(&Features::from_values([1.0; Features::COUNT]));
        assert!((0.0..=1.0).contains(&low) && (0.0..=1.0).contains(&high));
        assert!(high > low);
        assert!(m.probability(&Features::from_values([100.0; Features::COUNT])) <= 1.0);
        assert!(m.probability(&Features::from_values([-100.0; Features::COUNT])) >= 0.0);
    }

    #[test]
    fn fitted_models_grow_with_coverage_and_similarity() {
        let base = Features {
            coverage: 0.5,
            evidence: 1.0,
            similarity: 0.3,
            bm25: 3.0,
            rank_ratio: 1.0,
            margin: 0.2,
            contest: 0.5,
            known_share: 0.8,
            off_topic_share: 0.0,
            length: 1.5,
            not_ours: 0.0,
        };
        let model = RankingModel::fitted();
        for m in [model.scope, model.correctness] {
            let more = Features {
                coverage: 0.9,
                similarity: 0.7,
                ..base
            };
            assert!(m.probability(&more) >= m.probability(&base));
            let declined_like = Features {
                not_ours: 0.8,
                ..base
            };
            assert!(m.probability(&declined_like) <= m.probability(&base));
        }
    }
}
