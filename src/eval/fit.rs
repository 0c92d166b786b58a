//! Fitting the ranking model to a labelled question set: `cdm-faq eval FILE --fit`. This is the
//! generator of the constants in `answer/ranking.rs` (`MODEL`): run it after a large content change and
//! paste what it prints.
//!
//! 1. For every question, the hits and their model-free figures are collected (`ranking::describe`).
//! 2. The re-ranking weights of similarity and coverage are chosen on a grid, maximising top-1
//!    accuracy on the in-scope questions.
//! 3. The **scope** model is a logistic regression of "in scope" (an `answer` line) versus "out of
//!    scope" (a `no_answer` line) on the leader's figures, classes weighted equally.
//! 4. The decline threshold: among the thresholds that decline at most [`MAX_IN_SCOPE_DECLINED`] of the
//!    in-scope questions, those declining the most out-of-scope questions (answering a question the
//!    knowledge base does not cover is the worse error); the middle of that range, for the widest margin
//!    on both sides. (When no threshold keeps in-scope declines that low, the one minimising
//!    `in-scope declined + 2 × out-of-scope answered`.)
//! 5. The **correctness** model is a logistic regression of "acceptable" on the figures of the three best
//!    candidates of every in-scope question.
//! 6. The answer threshold is a policy, not a fit: answer when the confidence (the estimated probability
//!    of being right) is at least [`ANSWER_FROM`], that is when the answer is more likely right than
//!    wrong; below it the bot asks which topic the visitor means. The report shows, for information,
//!    the share answered and the precision at each threshold.
//!
//! Logistic regressions are fitted by full-batch gradient descent on standardised figures with a small
//! L2 penalty (deterministic: same set, same constants), with the signs the figures must have: more
//! coverage, evidence, similarity, BM25, known words or margin never lowers a probability, more off-topic
//! words never raises it (length is free). Without the constraint, correlated figures can take opposite
//! signs (similarity is part of the margin) and the confidence stops being readable.

use std::fmt::Write;

use super::{Case, Expect};
use crate::answer::{
    Candidate, FEATURES, Logistic, Question, QuestionFigures, RankingModel, describe, judge, rerank,
};
use crate::engine::Engine;
use crate::index::{self, DocRef};

/// Largest share of in-scope questions the decline threshold may decline (step 4).
pub const MAX_IN_SCOPE_DECLINED: f32 = 0.03;

/// The answer threshold (see the module documentation, step 6).
pub const ANSWER_FROM: f32 = 0.5;

/// The model-free description of one labelled question.
#[derive(Debug, Clone)]
pub struct Sample {
    /// What the question expects.
    pub expect: Expect,
    /// Figures of the question itself.
    pub figures: QuestionFigures,
    /// Its entry candidates in BM25 order, with whether each is acceptable.
    pub candidates: Vec<(Candidate, bool)>,
}

/// Collects the samples of a question set (small talk is left out: it never reaches the ranking).
pub fn collect(engine: &Engine, cases: &[Case]) -> Result<Vec<Sample>, index::Error> {
    let kb = engine.knowledge_base();
    let mut samples = Vec::new();
    for case in cases.iter().filter(|c| c.expect != Expect::Smalltalk) {
        let question = Question::new(&case.q);
        let text = question.text();
        // The language the engine searches in, for the same question on the same page.
        let lang = crate::text_analysis::detect(text).search_language(case.ui.unwrap_or(case.lang));
        let search = engine
            .index()
            .search(question.text(), lang, crate::answer::SEARCH_LIMIT)?;
        let (entries, _) = describe(engine.index(), &search);
        let candidates = entries
            .into_iter()
            .map(|c| {
                let ok = match c.doc {
                    DocRef::Entry(i) => {
                        let e = &kb.entries()[i];
                        case.themes.contains(&e.theme)
                            && e.referral()
                                .is_some_and(|p| case.partners.iter().any(|x| x == p))
                    }
                    DocRef::Partner(_) => false,
                };
                (c, ok)
            })
            .collect();
        samples.push(Sample {
            expect: case.expect,
            figures: QuestionFigures::of(&search, kb.entries().len()),
            candidates,
        });
    }
    Ok(samples)
}

/// Re-ranks and judges the candidates of a sample under `model`.
fn ranked(engine: &Engine, sample: &Sample, model: &RankingModel) -> Vec<(Candidate, bool)> {
    let mut list: Vec<Candidate> = sample.candidates.iter().map(|(c, _)| c.clone()).collect();
    let ok: Vec<(DocRef, bool)> = sample
        .candidates
        .iter()
        .map(|(c, ok)| (c.doc, *ok))
        .collect();
    rerank(engine.knowledge_base(), &mut list, None, model);
    judge(&mut list, &sample.figures, model);
    list.into_iter()
        .map(|c| {
            let acceptable = ok
                .iter()
                .find(|(d, _)| *d == c.doc)
                .is_some_and(|(_, a)| *a);
            (c, acceptable)
        })
        .collect()
}

/// The sign each figure's weight must have (1: ≥ 0, -1: ≤ 0, 0: free), in `Candidate::features` order:
/// coverage, evidence, similarity, bm25, known share, margin, off-topic share, length.
const SIGNS: [i8; FEATURES] = [1, 1, 1, 1, 1, 1, -1, 0];

/// Logistic regression by gradient descent on standardised features; `weights` per sample.
fn logistic(x: &[[f32; FEATURES]], y: &[bool], sample_weights: &[f32]) -> Logistic {
    let n = x.len().max(1) as f64;
    let mut mean = [0.0f64; FEATURES];
    let mut std = [0.0f64; FEATURES];
    for row in x {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += f64::from(*v) / n;
        }
    }
    for row in x {
        for ((s, v), m) in std.iter_mut().zip(row).zip(&mean) {
            *s += (f64::from(*v) - m).powi(2) / n;
        }
    }
    let std: Vec<f64> = std.iter().map(|s| s.sqrt().max(1e-6)).collect();
    let z: Vec<Vec<f64>> = x
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(j, v)| (f64::from(*v) - mean[j]) / std[j])
                .collect()
        })
        .collect();
    let total_weight: f64 = sample_weights
        .iter()
        .map(|w| f64::from(*w))
        .sum::<f64>()
        .max(1e-9);
    let mut w = [0.0f64; FEATURES];
    let mut b = 0.0f64;
    let l2 = 0.01;
    for _ in 0..4000 {
        let mut gw = [0.0f64; FEATURES];
        let mut gb = 0.0;
        for ((row, label), sw) in z.iter().zip(y).zip(sample_weights) {
            let s: f64 = row.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>() + b;
            let p = 1.0 / (1.0 + (-s).exp());
            let err = (p - f64::from(u8::from(*label))) * f64::from(*sw) / total_weight;
            for (g, v) in gw.iter_mut().zip(row) {
                *g += err * v;
            }
            gb += err;
        }
        for (j, (wj, g)) in w.iter_mut().zip(gw).enumerate() {
            *wj -= 1.0 * (g + l2 * *wj);
            *wj = match SIGNS[j] {
                1 => wj.max(0.0),
                -1 => wj.min(0.0),
                _ => *wj,
            };
        }
        b -= gb;
    }
    // Back to the original scale.
    let mut weights = [0.0f32; FEATURES];
    let mut bias = b;
    for j in 0..FEATURES {
        weights[j] = (w[j] / std[j]) as f32;
        bias -= w[j] * mean[j] / std[j];
    }
    Logistic {
        weights: weights.map(|v| (v * 100.0).round() / 100.0),
        bias: ((bias * 100.0).round() / 100.0) as f32,
    }
}

/// The fitted model and a report of how it was chosen.
#[derive(Debug, Clone)]
pub struct Fit {
    /// The model.
    pub model: RankingModel,
    /// Tables and figures, for the person fitting.
    pub report: String,
}

/// Fits a model (see the module documentation).
pub fn fit(engine: &Engine, samples: &[Sample], base: &RankingModel) -> Fit {
    let mut report = String::new();
    let in_scope: Vec<&Sample> = samples
        .iter()
        .filter(|s| s.expect == Expect::Answer)
        .collect();
    // 2. Re-ranking weights.
    let mut best = (f32::MIN, 0.0, 0.0);
    let grid = [0.0f32, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0];
    for a in grid {
        for b in grid {
            let model = RankingModel {
                rerank_similarity: a,
                rerank_coverage: b,
                ..*base
            };
            let hits = in_scope
                .iter()
                .filter(|s| ranked(engine, s, &model).first().is_some_and(|(_, ok)| *ok))
                .count();
            let rate = hits as f32 / in_scope.len().max(1) as f32;
            // Ties go to the smaller weights (closer to plain BM25).
            if rate > best.0 + 1e-6 {
                best = (rate, a, b);
            }
        }
    }
    let _ = writeln!(
        report,
        "re-ranking: similarity {} coverage {} → top-1 of the ranking {:.3}",
        best.1, best.2, best.0
    );
    let mut model = RankingModel {
        rerank_similarity: best.1,
        rerank_coverage: best.2,
        ..*base
    };
    // 3. Scope model on the leaders.
    let mut x = Vec::new();
    let mut y = Vec::new();
    for s in samples {
        let list = ranked(engine, s, &model);
        x.push(list.first().map_or(
            [
                0.0,
                0.0,
                0.0,
                0.0,
                s.figures.known_share,
                0.0,
                s.figures.off_topic_share,
                s.figures.length,
            ],
            |(c, _)| c.features(&s.figures, &model),
        ));
        y.push(s.expect == Expect::Answer);
    }
    let positives = y.iter().filter(|v| **v).count().max(1) as f32;
    let negatives = y.iter().filter(|v| !**v).count().max(1) as f32;
    let class_weights: Vec<f32> = y
        .iter()
        .map(|v| if *v { 0.5 / positives } else { 0.5 / negatives })
        .collect();
    model.scope = logistic(&x, &y, &class_weights);
    // 4. Decline threshold.
    let scopes: Vec<(f32, bool)> = x
        .iter()
        .zip(&y)
        .map(|(f, v)| (model.scope.probability(f), *v))
        .collect();
    let _ = writeln!(
        report,
        "\nscope threshold → in-scope declined / out-of-scope declined"
    );
    let mut costs = Vec::new();
    for step in 1..100 {
        let t = step as f32 / 100.0;
        let declined_in = scopes.iter().filter(|(p, v)| *v && *p < t).count() as f32 / positives;
        let declined_out = scopes.iter().filter(|(p, v)| !*v && *p < t).count() as f32 / negatives;
        let cost = declined_in + 2.0 * (1.0 - declined_out);
        if step % 5 == 0 || (35..=55).contains(&step) {
            let _ = writeln!(report, "  {t:.2}: {declined_in:.3} / {declined_out:.3}");
        }
        costs.push((cost, t, declined_in, declined_out));
    }
    let allowed: Vec<&(f32, f32, f32, f32)> = costs
        .iter()
        .filter(|c| c.2 <= MAX_IN_SCOPE_DECLINED + 1e-6)
        .collect();
    let tied: Vec<f32> = if allowed.is_empty() {
        let best = costs.iter().map(|c| c.0).fold(f32::MAX, f32::min);
        costs
            .iter()
            .filter(|c| c.0 <= best + 1e-6)
            .map(|c| c.1)
            .collect()
    } else {
        let most = allowed.iter().map(|c| c.3).fold(0.0f32, f32::max);
        allowed
            .iter()
            .filter(|c| c.3 >= most - 1e-6)
            .map(|c| c.1)
            .collect()
    };
    model.decline_below = tied[tied.len() / 2];
    let _ = writeln!(
        report,
        "chosen decline threshold: {:.2} (middle of the best range {:.2}–{:.2})",
        model.decline_below,
        tied[0],
        tied[tied.len() - 1]
    );
    // 5. Correctness model on the three best candidates of in-scope questions.
    let mut x = Vec::new();
    let mut y = Vec::new();
    for s in &in_scope {
        for (c, ok) in ranked(engine, s, &model).iter().take(3) {
            x.push(c.features(&s.figures, &model));
            y.push(*ok);
        }
    }
    let ones = vec![1.0f32; x.len()];
    model.correctness = logistic(&x, &y, &ones);
    // 6. Answer threshold: precision of answers ≥ 95%.
    let mut leaders: Vec<(f32, bool)> = Vec::new();
    for s in &in_scope {
        let list = ranked(engine, s, &model);
        if let Some((c, ok)) = list.first()
            && c.scope >= model.decline_below
        {
            leaders.push((c.confidence, *ok));
        }
    }
    let _ = writeln!(
        report,
        "\nanswer threshold → share answered / precision of the answers given"
    );
    for step in (1..20).rev() {
        let t = step as f32 / 20.0;
        let answered: Vec<&(f32, bool)> = leaders.iter().filter(|(c, _)| *c >= t).collect();
        let precision =
            answered.iter().filter(|(_, ok)| *ok).count() as f32 / answered.len().max(1) as f32;
        let _ = writeln!(
            report,
            "  {t:.2}: {:.3} / {precision:.3}",
            answered.len() as f32 / leaders.len().max(1) as f32
        );
    }
    model.answer_from = ANSWER_FROM;
    let _ = writeln!(report, "answer threshold (policy): {ANSWER_FROM:.2}");
    Fit { model, report }
}

/// The model as Rust source, to paste into `answer/ranking.rs`.
pub fn as_rust(model: &RankingModel) -> String {
    let l = |m: &Logistic| {
        format!(
            "Logistic {{ weights: {:?}, bias: {:?} }}",
            m.weights, m.bias
        )
    };
    format!(
        "pub const MODEL: RankingModel = RankingModel {{\n    rerank_similarity: {:?},\n    rerank_coverage: {:?},\n    evidence_cap: {:?},\n    scope: {},\n    correctness: {},\n    decline_below: {:?},\n    answer_from: {:?},\n}};\n",
        model.rerank_similarity,
        model.rerank_coverage,
        model.evidence_cap,
        l(&model.scope),
        l(&model.correctness),
        model.decline_below,
        model.answer_from
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logistic_regression_separates_a_separable_set() {
        let x: Vec<[f32; FEATURES]> = (0..40)
            .map(|i| [i as f32 / 40.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
            .collect();
        let y: Vec<bool> = (0..40).map(|i| i >= 20).collect();
        let m = logistic(&x, &y, &[1.0; 40]);
        assert!(m.weights[0] > 0.0);
        assert!(m.probability(&[0.9, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]) > 0.8);
        assert!(m.probability(&[0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]) < 0.2);
    }
}
