//! Fitting the ranking model: `cdm-faq eval --fit` is the generator of `src/answer/model.json`.
//!
//! 1. Every labelled question of the fitting sets goes once through the visitor's pipeline front
//!    (`answer::analyse`): its language, search and model-free candidate figures.
//! 2. **Cross-fitting**: the questions are split into [`FOLDS`] folds, grouped so that the paraphrases
//!    written together (same set, same topic) stay in one fold. For each fold, a model is fitted on the
//!    other folds ([`fit_models`]) and judges the fold's questions: every figure reported is out-of-fold.
//! 3. [`fit_models`]: the re-ranking weights on a grid (best ranking top-1), then the **scope** model
//!    (logistic regression of "in scope" on the leader's figures, classes weighted equally), then the
//!    **correctness** model (logistic regression of "right" on the best candidates of in-scope
//!    questions). Regressions run by full-batch gradient descent on standardised figures with a small L2
//!    penalty and sign constraints (`Features::SIGNS`), deterministically.
//! 4. The **recalibration** ([`fit_recalibration`], Platt scaling): the product of the two models is not
//!    itself a probability, so a logistic regression of "the leader is right" on the log-odds of its
//!    out-of-fold confidence (every in-scope and out-of-scope question) gives the monotone map that
//!    every model, the fold models included, then applies.
//! 5. The **decision policy** (`answer/decision.rs`) is chosen on the recalibrated out-of-fold judgements by
//!    coordinate search over its four thresholds: the most direct right answers subject to wrong direct
//!    answers ≤ [`MAX_WRONG_DIRECT`] of in-scope questions and out-of-scope declined ≥
//!    [`MIN_OUT_OF_SCOPE_DECLINED`]; ties go to fewer clarifications, then fewer in-scope declines.
//! 6. The final model is [`fit_models`] on every question, with that recalibration and policy; the report gives the
//!    out-of-fold figures and reliability table of the chosen policy, scored by `eval::score` on the
//!    replies the served code builds.

use std::fmt::Write;

use super::{Case, Expect, Outcome, Summary, score};
use crate::answer::{
    self, Analysed, Candidate, Context, Decision, Features, Logistic, Policy, Question,
    RankingModel, Recalibration, Rerank, Sign, decide, empty_features,
};
use crate::engine::Engine;
use crate::index::{self, DocRef};

/// Number of cross-fitting folds.
pub const FOLDS: usize = 5;
/// Largest share of in-scope questions the policy may answer wrongly.
pub const MAX_WRONG_DIRECT: f64 = 0.02;
/// Smallest share of out-of-scope questions the policy must decline.
pub const MIN_OUT_OF_SCOPE_DECLINED: f64 = 0.95;
/// Candidates per in-scope question the correctness model learns from.
const CORRECTNESS_CANDIDATES: usize = 4;
/// Evidence cap (a choice, not a fit: beyond four telling words, more says little).
const EVIDENCE_CAP: f32 = 4.0;
/// Re-ranking weights tried.
const RERANK_GRID: [f32; 7] = [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0];

/// One labelled question, analysed once.
#[derive(Debug, Clone)]
pub struct Labelled {
    /// The case.
    pub case: Case,
    /// Its question as the engine receives it.
    pub question: Question,
    /// Its model-free analysis.
    pub analysed: Analysed,
    /// The cross-fitting fold.
    pub fold: usize,
}

impl Labelled {
    /// Whether a candidate is a right answer.
    fn right(&self, engine: &Engine, candidate: &Candidate) -> bool {
        match candidate.doc {
            DocRef::Entry(i) => {
                self.case.expect == Expect::Answer
                    && self.case.accepts(
                        engine.knowledge_base(),
                        &engine.knowledge_base().entries()[i].id,
                    )
            }
            DocRef::Partner(_) => false,
        }
    }

    /// The analysis judged by `model`.
    fn judged(&self, model: &RankingModel) -> Analysed {
        let mut analysed = self.analysed.clone();
        analysed.judge(&self.question, model);
        analysed
    }
}

/// FNV-1a, for folds that do not depend on the standard library's hasher.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The fold of a case of set `set`: paraphrases of one topic written together stay together.
fn fold_of(set: &str, case: &Case) -> usize {
    let group = if case.expect == Expect::Answer && !case.topic.is_empty() {
        format!("{set}\u{1f}{}", case.topic)
    } else {
        format!("{set}\u{1f}{}", case.id)
    };
    (fnv(&group) % FOLDS as u64) as usize
}

/// Analyses every case of the fitting sets (small talk included: it is scored, never fitted).
pub fn collect(
    engine: &Engine,
    sets: &[(String, Vec<Case>)],
) -> Result<Vec<Labelled>, index::Error> {
    let mut out = Vec::new();
    for (set, cases) in sets {
        for case in cases {
            let question = case.question();
            let analysed = answer::analyse(engine.context(), &question)?;
            out.push(Labelled {
                fold: fold_of(set, case),
                case: case.clone(),
                question,
                analysed,
            });
        }
    }
    Ok(out)
}

/// Logistic regression by gradient descent on standardised features, with per-sample weights and the
/// signs of `Features::SIGNS`.
fn logistic(x: &[Features], y: &[bool], sample_weights: &[f64]) -> Logistic {
    const N: usize = Features::COUNT;
    let rows: Vec<[f32; N]> = x.iter().map(Features::values).collect();
    let n = rows.len().max(1) as f64;
    let mut mean = [0.0f64; N];
    let mut std = [0.0f64; N];
    for row in &rows {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += f64::from(*v) / n;
        }
    }
    for row in &rows {
        for ((s, v), m) in std.iter_mut().zip(row).zip(&mean) {
            *s += (f64::from(*v) - m).powi(2) / n;
        }
    }
    let std: Vec<f64> = std.iter().map(|s| s.sqrt().max(1e-6)).collect();
    let z: Vec<[f64; N]> = rows
        .iter()
        .map(|row| std::array::from_fn(|j| (f64::from(row[j]) - mean[j]) / std[j]))
        .collect();
    let total_weight: f64 = sample_weights.iter().sum::<f64>().max(1e-9);
    let mut w = [0.0f64; N];
    let mut b = 0.0f64;
    let l2 = 0.01;
    for _ in 0..3000 {
        let mut gw = [0.0f64; N];
        let mut gb = 0.0;
        for ((row, label), sw) in z.iter().zip(y).zip(sample_weights) {
            let s: f64 = row.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>() + b;
            let p = 1.0 / (1.0 + (-s).exp());
            let err = (p - f64::from(u8::from(*label))) * sw / total_weight;
            for (g, v) in gw.iter_mut().zip(row) {
                *g += err * v;
            }
            gb += err;
        }
        for (j, (wj, g)) in w.iter_mut().zip(gw).enumerate() {
            *wj -= g + l2 * *wj;
            *wj = match Features::SIGNS[j] {
                Sign::Positive => wj.max(0.0),
                Sign::Negative => wj.min(0.0),
                Sign::Free => *wj,
            };
        }
        b -= gb;
    }
    // Back to the original scale; four decimals keep the file readable and the fit reproducible.
    let round = |v: f64| ((v * 10_000.0).round() / 10_000.0) as f32;
    let mut weights = [0.0f32; N];
    let mut bias = b;
    for j in 0..N {
        weights[j] = round(w[j] / std[j]);
        bias -= w[j] * mean[j] / std[j];
    }
    Logistic {
        weights: Features::from_values(weights),
        bias: round(bias),
    }
}

fn leader_features(analysed: &Analysed, model: &RankingModel) -> Option<Features> {
    let s = analysed.searched()?;
    Some(s.entries.first().map_or_else(
        || empty_features(&s.figures),
        |c| c.features(&s.figures, model),
    ))
}

/// Fits re-ranking, scope and correctness on `train` (the policy is left as in `base`).
pub fn fit_models(engine: &Engine, train: &[&Labelled], base: &RankingModel) -> RankingModel {
    let in_scope: Vec<&&Labelled> = train
        .iter()
        .filter(|l| l.case.expect == Expect::Answer)
        .collect();
    // Re-ranking weights: best ranking top-1; ties go to the smaller weights (closer to plain BM25).
    let mut best = (0usize, Rerank::default());
    for similarity in RERANK_GRID {
        for coverage in RERANK_GRID {
            let model = RankingModel {
                rerank: Rerank {
                    similarity,
                    coverage,
                },
                ..base.clone()
            };
            let hits = in_scope
                .iter()
                .filter(|l| {
                    let judged = l.judged(&model);
                    judged
                        .searched()
                        .and_then(|s| s.entries.first())
                        .is_some_and(|c| l.right(engine, c))
                })
                .count();
            if hits > best.0 {
                best = (hits, model.rerank);
            }
        }
    }
    let mut model = RankingModel {
        rerank: best.1,
        evidence_cap: EVIDENCE_CAP,
        ..base.clone()
    };
    // Scope: in scope (answer lines) against out of scope (no_answer lines), on the leader.
    let mut x = Vec::new();
    let mut y = Vec::new();
    for l in train.iter().filter(|l| l.case.expect != Expect::Smalltalk) {
        let judged = l.judged(&model);
        if let Some(f) = leader_features(&judged, &model) {
            x.push(f);
            y.push(l.case.expect == Expect::Answer);
        }
    }
    let positives = y.iter().filter(|v| **v).count().max(1) as f64;
    let negatives = y.iter().filter(|v| !**v).count().max(1) as f64;
    let weights: Vec<f64> = y
        .iter()
        .map(|v| if *v { 0.5 / positives } else { 0.5 / negatives })
        .collect();
    model.scope = logistic(&x, &y, &weights);
    // Correctness: the best candidates of in-scope questions.
    let mut x = Vec::new();
    let mut y = Vec::new();
    for l in &in_scope {
        let judged = l.judged(&model);
        if let Some(s) = judged.searched() {
            for c in s.entries.iter().take(CORRECTNESS_CANDIDATES) {
                x.push(c.features(&s.figures, &model));
                y.push(l.right(engine, c));
            }
        }
    }
    let ones = vec![1.0; x.len()];
    model.correctness = logistic(&x, &y, &ones);
    model
}

/// Platt scaling: the logistic regression of "right" on the log-odds of the raw confidence, by Newton's
/// method on its two parameters, with a small ridge towards the identity so that it stays defined when
/// the raw confidence already separates perfectly. Four decimals, like the other weights.
pub fn fit_recalibration(pairs: &[(f32, bool)]) -> Recalibration {
    let ridge = 1e-3 * pairs.len().max(1) as f64;
    let (mut slope, mut intercept) = (1.0f64, 0.0f64);
    for _ in 0..100 {
        let (mut g_s, mut g_i, mut h_ss, mut h_si, mut h_ii) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for &(raw, right) in pairs {
            let x = f64::from(Recalibration::logit(raw));
            let q = 1.0 / (1.0 + (-(slope * x + intercept)).exp());
            let e = q - f64::from(u8::from(right));
            let w = q * (1.0 - q);
            g_s += e * x;
            g_i += e;
            h_ss += w * x * x;
            h_si += w * x;
            h_ii += w;
        }
        g_s += ridge * (slope - 1.0);
        g_i += ridge * intercept;
        h_ss += ridge;
        h_ii += ridge;
        let det = h_ss * h_ii - h_si * h_si;
        if det.abs() < 1e-12 {
            break;
        }
        let d_s = (h_ii * g_s - h_si * g_i) / det;
        let d_i = (h_ss * g_i - h_si * g_s) / det;
        slope -= d_s;
        intercept -= d_i;
        if d_s.abs() < 1e-10 && d_i.abs() < 1e-10 {
            break;
        }
    }
    let round = |v: f64| ((v * 10_000.0).round() / 10_000.0) as f32;
    Recalibration {
        slope: round(slope),
        intercept: round(intercept),
    }
}

/// How a decision fares for a labelled question.
#[derive(Debug, Clone, Copy, Default)]
struct Tallies {
    in_scope: usize,
    direct_right: usize,
    wrong_direct: usize,
    clarified: usize,
    in_scope_declined: usize,
    out_of_scope: usize,
    out_of_scope_declined: usize,
}

impl Tallies {
    fn feasible(&self) -> bool {
        (self.wrong_direct as f64) <= MAX_WRONG_DIRECT * self.in_scope as f64
            && (self.out_of_scope_declined as f64)
                >= MIN_OUT_OF_SCOPE_DECLINED * self.out_of_scope as f64
    }

    /// Larger is better: feasibility first (the least violation), then direct right answers, then fewer
    /// clarifications, then fewer in-scope declines.
    fn key(&self) -> (i64, usize, i64, i64) {
        let wrong_excess =
            (self.wrong_direct as f64 - MAX_WRONG_DIRECT * self.in_scope as f64).max(0.0);
        let oos_shortfall = (MIN_OUT_OF_SCOPE_DECLINED * self.out_of_scope as f64
            - self.out_of_scope_declined as f64)
            .max(0.0);
        (
            -((wrong_excess + oos_shortfall) * 1000.0).round() as i64,
            self.direct_right,
            -(self.clarified as i64),
            -(self.in_scope_declined as i64),
        )
    }
}

/// A judged question with whether each entry candidate is right.
struct Judged<'a> {
    labelled: &'a Labelled,
    analysed: Analysed,
    right: Vec<bool>,
}

fn tally(judged: &[Judged<'_>], policy: &Policy) -> Tallies {
    let mut t = Tallies::default();
    for j in judged {
        let expect = j.labelled.case.expect;
        let decision = j
            .analysed
            .searched()
            .map(|s| decide(&s.entries, &s.partners, &s.figures, policy));
        match expect {
            Expect::Answer => {
                t.in_scope += 1;
                match decision {
                    Some(Decision::Answer { ranked, .. }) => {
                        if j.right[ranked[0]] {
                            t.direct_right += 1;
                        } else {
                            t.wrong_direct += 1;
                        }
                    }
                    // A partner profile is never a right answer to an entry-labelled question.
                    Some(Decision::Partner(_)) => t.wrong_direct += 1,
                    Some(Decision::Clarify { .. }) => t.clarified += 1,
                    Some(Decision::Decline) | None => t.in_scope_declined += 1,
                }
            }
            Expect::NoAnswer => {
                t.out_of_scope += 1;
                if matches!(decision, Some(Decision::Decline) | None) {
                    t.out_of_scope_declined += 1;
                }
            }
            Expect::Smalltalk => {}
        }
    }
    t
}

/// The four thresholds (see the module documentation): every decline threshold on a grid, and for each
/// a coordinate search over the three others.
fn choose_policy(judged: &[Judged<'_>]) -> Policy {
    let grid: Vec<f32> = (1..50).map(|i| i as f32 / 50.0).collect();
    let mut best: Option<((i64, usize, i64, i64), Policy)> = None;
    for &decline_below in &grid {
        let mut policy = Policy {
            decline_below,
            answer_from: 0.5,
            plausible_from: 0.2,
            lone_answer_from: 0.5,
        };
        let mut key = tally(judged, &policy).key();
        for _round in 0..2 {
            let mut changed = false;
            for parameter in 0..3 {
                for &value in &grid {
                    let mut candidate = policy;
                    match parameter {
                        0 => candidate.answer_from = value,
                        1 => candidate.plausible_from = value,
                        _ => candidate.lone_answer_from = value,
                    }
                    if candidate.plausible_from > candidate.answer_from
                        || candidate.lone_answer_from < candidate.plausible_from
                    {
                        continue;
                    }
                    let k = tally(judged, &candidate).key();
                    if k > key {
                        key = k;
                        policy = candidate;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        if best.as_ref().is_none_or(|(k, _)| key > *k) {
            best = Some((key, policy));
        }
    }
    best.map(|(_, p)| p).expect("the grid is not empty")
}

/// The fitted model and how it was chosen.
#[derive(Debug, Clone)]
pub struct Fit {
    /// The model (to write to `src/answer/model.json`).
    pub model: RankingModel,
    /// Out-of-fold figures of the chosen policy, scored as `eval` scores.
    pub out_of_fold: Summary,
    /// Every fitting question's out-of-fold outcome, in set order (the failures to read).
    pub out_of_fold_outcomes: Vec<Outcome>,
    /// A readable report.
    pub report: String,
}

/// Fits the model on the labelled sets (see the module documentation).
pub fn fit(engine: &Engine, labelled: &[Labelled], fitted_on: Vec<String>) -> Fit {
    let base = RankingModel {
        generated_by: "cdm-faq eval --fit".to_string(),
        fitted_on,
        recalibration: Recalibration::IDENTITY,
        ..RankingModel::fitted().clone()
    };
    let mut report = String::new();
    // Out-of-fold judgements.
    let mut fold_models = Vec::with_capacity(FOLDS);
    let mut judged: Vec<Judged<'_>> = Vec::with_capacity(labelled.len());
    for fold in 0..FOLDS {
        let train: Vec<&Labelled> = labelled.iter().filter(|l| l.fold != fold).collect();
        let model = fit_models(engine, &train, &base);
        for l in labelled.iter().filter(|l| l.fold == fold) {
            let analysed = l.judged(&model);
            let right = analysed.searched().map_or_else(Vec::new, |s| {
                s.entries.iter().map(|c| l.right(engine, c)).collect()
            });
            judged.push(Judged {
                labelled: l,
                analysed,
                right,
            });
        }
        fold_models.push(model);
    }
    // Recalibration on the raw out-of-fold leaders, then every judgement again with it.
    let leaders: Vec<(f32, bool)> = judged
        .iter()
        .filter(|j| j.labelled.case.expect != Expect::Smalltalk)
        .map(|j| {
            let leader = j.analysed.searched().and_then(|s| s.entries.first());
            (
                leader.map_or(0.0, |c| c.confidence),
                j.right.first().copied().unwrap_or(false),
            )
        })
        .collect();
    let recalibration = fit_recalibration(&leaders);
    for model in &mut fold_models {
        model.recalibration = recalibration;
    }
    for j in &mut judged {
        j.analysed = j.labelled.judged(&fold_models[j.labelled.fold]);
    }
    let policy = choose_policy(&judged);
    let t = tally(&judged, &policy);
    let _ = writeln!(
        report,
        "recalibration (Platt, on out-of-fold leaders): slope {:.3}, intercept {:.3}",
        recalibration.slope, recalibration.intercept
    );
    let _ = writeln!(
        report,
        "policy (chosen on out-of-fold judgements, {} questions, {FOLDS} folds): decline below {:.2}, answer from {:.2}, plausible from {:.2}, lone answer from {:.2}{}",
        judged.len(),
        policy.decline_below,
        policy.answer_from,
        policy.plausible_from,
        policy.lone_answer_from,
        if t.feasible() {
            ""
        } else {
            " (NO threshold meets both constraints: the least violation)"
        }
    );
    // The out-of-fold figures, scored on the replies the served code builds.
    let kb = engine.knowledge_base();
    let outcomes: Vec<Outcome> = judged
        .iter()
        .map(|j| {
            let mut model = fold_models[j.labelled.fold].clone();
            model.policy = policy;
            let cx = Context {
                model: &model,
                ..engine.context()
            };
            let reply = answer::reply_to(cx, &j.labelled.question, &j.analysed);
            score(kb, &j.labelled.case, &reply, &j.analysed)
        })
        .collect();
    let out_of_fold = Summary::of(&outcomes);
    // The final model, on every question.
    let all: Vec<&Labelled> = labelled.iter().collect();
    let mut model = fit_models(engine, &all, &base);
    model.recalibration = recalibration;
    model.policy = policy;
    Fit {
        model,
        out_of_fold,
        out_of_fold_outcomes: outcomes,
        report,
    }
}

/// Reads the labelled sets, fits, and returns the fit (for `eval --fit` and the drift test).
pub fn fit_sets(engine: &Engine, sets: &[(String, Vec<Case>)]) -> Result<Fit, index::Error> {
    let labelled = collect(engine, sets)?;
    let names = sets.iter().map(|(name, _)| name.clone()).collect();
    Ok(fit(engine, &labelled, names))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(coverage: f32) -> Features {
        Features {
            coverage,
            ..Features::default()
        }
    }

    #[test]
    fn logistic_regression_separates_a_separable_set() {
        let x: Vec<Features> = (0..40).map(|i| features(i as f32 / 40.0)).collect();
        let y: Vec<bool> = (0..40).map(|i| i >= 20).collect();
        let m = logistic(&x, &y, &[1.0; 40]);
        assert!(m.weights.coverage > 0.0);
        assert!(m.probability(&features(0.9)) > 0.8);
        assert!(m.probability(&features(0.1)) < 0.2);
    }

    #[test]
    fn logistic_regression_respects_the_signs() {
        // Labels that fall with coverage: the weight must stay at zero, not turn negative.
        let x: Vec<Features> = (0..40).map(|i| features(i as f32 / 40.0)).collect();
        let y: Vec<bool> = (0..40).map(|i| i < 20).collect();
        let m = logistic(&x, &y, &[1.0; 40]);
        assert_eq!(m.weights.coverage, 0.0);
    }

    #[test]
    fn recalibration_fixes_an_underconfident_model_and_leaves_a_calibrated_one_alone() {
        // Stated 0.3 but right 60% of the time, stated 0.8 and right 95%: the map raises both.
        let mut pairs = Vec::new();
        for i in 0..100 {
            pairs.push((0.3, i % 10 < 6));
            pairs.push((0.8, i % 20 != 0));
        }
        let r = fit_recalibration(&pairs);
        assert!(
            (r.apply(0.3) - 0.6).abs() < 0.02,
            "{r:?} → {}",
            r.apply(0.3)
        );
        assert!(
            (r.apply(0.8) - 0.95).abs() < 0.02,
            "{r:?} → {}",
            r.apply(0.8)
        );
        // Already calibrated: close to the identity.
        let mut calibrated = Vec::new();
        for i in 0..100 {
            calibrated.push((0.2, i % 5 == 0));
            calibrated.push((0.9, i % 10 != 0));
        }
        let r = fit_recalibration(&calibrated);
        assert!(
            (r.slope - 1.0).abs() < 0.05 && r.intercept.abs() < 0.05,
            "{r:?}"
        );
    }

    #[test]
    fn folds_keep_a_topic_together_and_spread_the_topics() {
        let case = |id: &str, topic: &str| Case {
            id: id.to_string(),
            q: String::new(),
            lang: crate::text_analysis::Language::Fr,
            ui: None,
            expect: Expect::Answer,
            themes: Vec::new(),
            partners: Vec::new(),
            topic: topic.to_string(),
            style: String::new(),
        };
        assert_eq!(
            fold_of("dev", &case("d1", "Working abroad")),
            fold_of("dev", &case("d2", "Working abroad"))
        );
        let folds: std::collections::HashSet<usize> = (0..50)
            .map(|i| fold_of("dev", &case("x", &format!("topic {i}"))))
            .collect();
        assert_eq!(folds.len(), FOLDS);
    }
}
