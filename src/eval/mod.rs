//! Scoring a labelled question set (the JSONL format of `tests/eval/dev.jsonl`) by what visitors get.
//! For a question that expects an answer, an offered item is *right* when its theme is acceptable and
//! its referral (first partner) is an acceptable partner; the figures are:
//!
//! - **direct right**: an `answer` reply whose answer is right (the one success a visitor feels);
//! - **right first**: the first item offered (answer or first clarify option) is right;
//! - **right in three**: one of the first three items offered (the answer and its alternatives, or the
//!   clarify options) is right;
//! - **wrong direct**: an `answer` reply whose answer is wrong (the worst outcome);
//! - **clarified**, **in-scope declined**;
//!
//! for out-of-scope questions, **declined**; for small talk, **recognised**; for every question the
//! **reply language**; and the **calibration** of the leader's confidence (10-bin reliability table and
//! expected calibration error, an out-of-scope question counting as "not right"). Figures are given
//! overall and per language, style, theme and "page language ≠ question language", with every failure.
//! `eval` and the fitter (`fit.rs`) score through the same [`score`], from the same pipeline as a
//! visitor's question (`answer::answer_analysed`).

pub mod fit;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answer::{self, Analysed, Question, Reply, ReplyKind};
use crate::engine::Engine;
use crate::index::{self, DocRef};
use crate::knowledge_base::{KnowledgeBase, Theme};
use crate::text_analysis::Language;

/// What a labelled question expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// A right answer.
    Answer,
    /// A decline.
    NoAnswer,
    /// A small-talk reply.
    Smalltalk,
}

/// One labelled question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// Case id.
    pub id: String,
    /// The question.
    pub q: String,
    /// The question's language.
    pub lang: Language,
    /// The page language.
    #[serde(default)]
    pub ui: Option<Language>,
    /// What it expects.
    pub expect: Expect,
    /// Acceptable themes.
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// Acceptable first-line partners.
    #[serde(default)]
    pub partners: Vec<String>,
    /// The topic (documentation).
    #[serde(default)]
    pub topic: String,
    /// Writing style: plain, story, typo, noaccent, keywords, sms, mixed, expat.
    #[serde(default)]
    pub style: String,
}

impl Case {
    /// The expectation as written in the file.
    pub fn expect_str(&self) -> &'static str {
        match self.expect {
            Expect::Answer => "answer",
            Expect::NoAnswer => "no_answer",
            Expect::Smalltalk => "smalltalk",
        }
    }

    /// The question as the engine receives it: on the case's page.
    pub fn question(&self) -> Question {
        Question::new(&self.q).with_page_lang(self.ui.or(Some(self.lang)))
    }

    /// True when `entry_id` (an entry of `kb`) is a right answer to this case.
    pub fn accepts(&self, kb: &KnowledgeBase, entry_id: &str) -> bool {
        kb.entry(entry_id).is_some_and(|e| {
            self.themes.contains(&e.theme)
                && e.referral()
                    .is_some_and(|p| self.partners.iter().any(|x| x == p))
        })
    }

    /// True when an offered item with this theme and referral is right.
    fn accepts_item(&self, theme: Theme, referral: Option<&str>) -> bool {
        self.expect == Expect::Answer
            && self.themes.contains(&theme)
            && referral.is_some_and(|p| self.partners.iter().any(|x| x == p))
    }
}

/// A line of the set that is not a valid case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CaseError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses a JSONL question set; blank lines are skipped.
pub fn parse_cases(text: &str) -> Result<Vec<Case>, Vec<CaseError>> {
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Case>(line) {
            Ok(case) => cases.push(case),
            Err(e) => errors.push(CaseError {
                line: n + 1,
                message: e.to_string(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(cases)
    } else {
        Err(errors)
    }
}

/// What happened to one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The case.
    pub case: Case,
    /// The reply's kind.
    pub kind: ReplyKind,
    /// The reply's language.
    pub reply_lang: Language,
    /// The ids offered, in order (the answer then its alternatives, or the clarify options).
    pub offered: Vec<String>,
    /// The first item's referral.
    pub top_partner: Option<String>,
    /// The leader's confidence (the best entry candidate, whatever was replied; 0 without one).
    pub confidence: f32,
    /// True when the leader is right.
    pub leader_right: bool,
    /// True when the reply is what the case expects (for an answer line: a direct right answer).
    pub correct: bool,
    /// The first offered item is right.
    pub right_first: bool,
    /// One of the first three offered items is right.
    pub right_in_three: bool,
}

/// Correct / total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Cases that passed.
    pub correct: usize,
    /// Cases.
    pub total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.correct += usize::from(ok);
    }

    /// correct / total, 0 when empty.
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

/// One bin of the reliability table: questions whose leader's confidence falls in `[low, low + 0.1)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ReliabilityBin {
    /// Lower bound of the bin.
    pub low: f32,
    /// Questions in the bin.
    pub count: usize,
    /// Their mean stated confidence.
    pub mean_confidence: f64,
    /// The share of them whose leader was right.
    pub right: f64,
}

/// How well the stated confidence matches how often the leader is right.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Calibration {
    /// Ten bins of width 0.1.
    pub bins: Vec<ReliabilityBin>,
    /// Expected calibration error: Σ (count / n) × |right − mean confidence|.
    pub ece: f64,
}

impl Calibration {
    /// The calibration of `(confidence, right)` pairs.
    pub fn of(pairs: impl IntoIterator<Item = (f32, bool)>) -> Calibration {
        let mut sums = [(0usize, 0.0f64, 0usize); 10];
        let mut n = 0usize;
        for (confidence, right) in pairs {
            let bin = ((confidence.clamp(0.0, 1.0) * 10.0) as usize).min(9);
            sums[bin].0 += 1;
            sums[bin].1 += f64::from(confidence);
            sums[bin].2 += usize::from(right);
            n += 1;
        }
        let bins: Vec<ReliabilityBin> = sums
            .iter()
            .enumerate()
            .map(|(i, &(count, conf, right))| ReliabilityBin {
                low: i as f32 / 10.0,
                count,
                mean_confidence: if count > 0 { conf / count as f64 } else { 0.0 },
                right: if count > 0 {
                    right as f64 / count as f64
                } else {
                    0.0
                },
            })
            .collect();
        let ece = bins
            .iter()
            .map(|b| b.count as f64 / n.max(1) as f64 * (b.right - b.mean_confidence).abs())
            .sum();
        Calibration { bins, ece }
    }
}

/// The figures of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// In-scope questions answered directly and rightly.
    pub direct_right: Tally,
    /// In-scope questions whose best entry candidate is right, whatever was replied (the ranking's
    /// top-1, for whoever tunes the ranking; visitors only feel `direct_right`).
    pub leader_right: Tally,
    /// In-scope questions whose first offered item is right.
    pub right_first: Tally,
    /// In-scope questions with a right item among the first three offered.
    pub right_in_three: Tally,
    /// In-scope questions answered directly and wrongly.
    pub wrong_direct: Tally,
    /// In-scope questions answered with a clarification.
    pub clarified: Tally,
    /// In-scope questions declined.
    pub in_scope_declined: Tally,
    /// Out-of-scope questions declined.
    pub out_of_scope_declined: Tally,
    /// Small talk recognised.
    pub smalltalk: Tally,
    /// Replies in the question's own language (every case).
    pub reply_language: Tally,
    /// Replies in the question's own language when the page is in another one.
    pub reply_language_other_page: Tally,
    /// Direct right answers per language.
    pub by_language: BTreeMap<Language, Tally>,
    /// Direct right answers per (first) theme.
    pub by_theme: BTreeMap<Theme, Tally>,
    /// Direct right answers per style.
    pub by_style: BTreeMap<String, Tally>,
    /// Direct right answers of questions asked on a page in another language.
    pub other_page: Tally,
    /// The leader's confidence against how often it is right (answer and no_answer lines).
    pub calibration: Calibration,
}

impl Summary {
    /// The figures of scored outcomes.
    pub fn of(outcomes: &[Outcome]) -> Summary {
        let mut s = Summary::default();
        for o in outcomes {
            let case = &o.case;
            s.reply_language.add(o.reply_lang == case.lang);
            let other_page = case.ui.is_some_and(|ui| ui != case.lang);
            if other_page {
                s.reply_language_other_page.add(o.reply_lang == case.lang);
            }
            match case.expect {
                Expect::Answer => {
                    s.direct_right.add(o.correct);
                    s.leader_right.add(o.leader_right);
                    s.right_first.add(o.right_first);
                    s.right_in_three.add(o.right_in_three);
                    s.wrong_direct
                        .add(o.kind == ReplyKind::Answer && !o.correct);
                    s.clarified.add(o.kind == ReplyKind::Clarify);
                    s.in_scope_declined.add(o.kind == ReplyKind::NoAnswer);
                    s.by_language.entry(case.lang).or_default().add(o.correct);
                    if let Some(theme) = case.themes.first() {
                        s.by_theme.entry(*theme).or_default().add(o.correct);
                    }
                    s.by_style
                        .entry(case.style.clone())
                        .or_default()
                        .add(o.correct);
                    if other_page {
                        s.other_page.add(o.correct);
                    }
                }
                Expect::NoAnswer => s.out_of_scope_declined.add(o.correct),
                Expect::Smalltalk => s.smalltalk.add(o.correct),
            }
        }
        s.calibration = Calibration::of(
            outcomes
                .iter()
                .filter(|o| o.case.expect != Expect::Smalltalk)
                .map(|o| (o.confidence, o.leader_right)),
        );
        s
    }
}

/// The result of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvalReport {
    /// Figures.
    pub summary: Summary,
    /// Every case's outcome, in set order.
    pub outcomes: Vec<Outcome>,
}

impl EvalReport {
    /// The failed cases.
    pub fn failures(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| !o.correct)
    }
}

/// Scores the reply a case got, with its judged analysis.
pub fn score(kb: &KnowledgeBase, case: &Case, reply: &Reply, analysed: &Analysed) -> Outcome {
    let referral = |item: &answer::AnswerItem| item.partners.first().map(|p| p.id.clone());
    let mut offered: Vec<(String, bool)> = Vec::new();
    match reply.kind {
        ReplyKind::Answer => {
            if let Some(first) = reply.answers.first() {
                offered.push((
                    first.id.clone(),
                    case.accepts_item(first.theme, referral(first).as_deref()),
                ));
            }
            for alternative in &reply.alternatives {
                offered.push((alternative.id.clone(), case.accepts(kb, &alternative.id)));
            }
        }
        ReplyKind::Clarify => {
            for item in &reply.answers {
                offered.push((
                    item.id.clone(),
                    case.accepts_item(item.theme, referral(item).as_deref()),
                ));
            }
        }
        ReplyKind::NoAnswer | ReplyKind::Smalltalk => {}
    }
    let leader = analysed.searched().and_then(|s| s.entries.first());
    let leader_right = leader.is_some_and(|c| match c.doc {
        DocRef::Entry(i) => case.expect == Expect::Answer && case.accepts(kb, &kb.entries()[i].id),
        DocRef::Partner(_) => false,
    });
    let correct = match case.expect {
        Expect::Answer => reply.kind == ReplyKind::Answer && offered.first().is_some_and(|o| o.1),
        Expect::NoAnswer => reply.kind == ReplyKind::NoAnswer,
        Expect::Smalltalk => reply.kind == ReplyKind::Smalltalk,
    };
    Outcome {
        case: case.clone(),
        kind: reply.kind,
        reply_lang: reply.lang,
        right_first: offered.first().is_some_and(|o| o.1),
        right_in_three: offered.iter().take(3).any(|o| o.1),
        offered: offered.into_iter().map(|o| o.0).collect(),
        top_partner: reply
            .answers
            .first()
            .and_then(|a| a.partners.first())
            .map(|p| p.id.clone()),
        confidence: leader.map_or(0.0, |c| c.confidence),
        leader_right,
        correct,
    }
}

/// Runs every case through the engine, as a visitor's question.
pub fn run(engine: &Engine, cases: &[Case]) -> Result<EvalReport, index::Error> {
    let kb = engine.knowledge_base();
    let mut outcomes = Vec::with_capacity(cases.len());
    for case in cases {
        let (reply, analysed) = answer::answer_analysed(engine.context(), &case.question())?;
        outcomes.push(score(kb, case, &reply, &analysed));
    }
    Ok(EvalReport {
        summary: Summary::of(&outcomes),
        outcomes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_of_a_perfectly_calibrated_set_is_zero_and_of_an_overconfident_one_is_not() {
        let calibrated: Vec<(f32, bool)> = (0..100).map(|i| (0.75, i % 4 != 0)).collect();
        let c = Calibration::of(calibrated);
        assert!(c.ece < 1e-9, "{c:?}");
        assert_eq!(c.bins[7].count, 100);
        let overconfident: Vec<(f32, bool)> = (0..100).map(|i| (0.95, i % 2 == 0)).collect();
        assert!((Calibration::of(overconfident).ece - 0.45).abs() < 1e-6);
        assert_eq!(Calibration::of(Vec::new()).ece, 0.0);
    }

    #[test]
    fn parse_reports_bad_lines_with_their_number() {
        let text = "{\"id\":\"a\",\"q\":\"x\",\"lang\":\"fr\",\"expect\":\"answer\"}\n\nnot json\n";
        let errors = parse_cases(text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
    }
}
