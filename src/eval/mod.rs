//! Scoring a labelled question set (the JSONL format of `tests/eval/dev.jsonl`): for questions
//! that expect an answer, the first answer must have an acceptable theme and its referral (first
//! partner) must be an acceptable partner; out-of-scope questions must be declined; small talk must get
//! a small-talk reply. Figures are given overall and per language, theme and style, with every failure.

pub mod fit;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answer::{ExplainedCandidate, Question, ReplyKind};
use crate::engine::Engine;
use crate::index;
use crate::knowledge_base::Theme;
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
    /// The first answer's id.
    pub top_id: Option<String>,
    /// The first answer's theme.
    pub top_theme: Option<Theme>,
    /// The first answer's referral.
    pub top_partner: Option<String>,
    /// The first answer's confidence.
    pub confidence: Option<f32>,
    /// True when the reply is what the case expects.
    pub correct: bool,
    /// The best entry candidate and the figures behind its confidence (matched terms left out).
    pub top_entry: Option<ExplainedCandidate>,
    /// The best partner candidate.
    pub top_partner_profile: Option<ExplainedCandidate>,
    /// Whether the best entry candidate has an acceptable theme and referral, whatever was replied.
    pub top_entry_acceptable: bool,
    /// The best entry candidates (at most 8), with whether each is acceptable.
    pub entry_candidates: Vec<(ExplainedCandidate, bool)>,
    /// See [`crate::answer::Explanation::known_share`].
    pub known_share: f32,
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

/// The figures of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// In-scope questions with a right first answer (top-1 accuracy).
    pub top1: Tally,
    /// In-scope questions declined (should be low).
    pub in_scope_declined: Tally,
    /// In-scope questions answered with a clarification.
    pub clarified: Tally,
    /// Out-of-scope questions declined (should be high).
    pub out_of_scope_declined: Tally,
    /// Small talk recognised.
    pub smalltalk: Tally,
    /// Replies in the question's own language (every case).
    pub reply_language: Tally,
    /// Replies in the question's own language when the page is in another one.
    pub reply_language_other_page: Tally,
    /// Top-1 accuracy per language.
    pub by_language: BTreeMap<Language, Tally>,
    /// Top-1 accuracy per (first) theme.
    pub by_theme: BTreeMap<Theme, Tally>,
    /// Top-1 accuracy per style.
    pub by_style: BTreeMap<String, Tally>,
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

/// Runs every case through the engine.
pub fn run(engine: &Engine, cases: &[Case]) -> Result<EvalReport, index::Error> {
    let mut report = EvalReport::default();
    for case in cases {
        let question = Question::new(&case.q)
            .with_page_lang(case.ui.or(Some(case.lang)))
            .with_explain(true);
        let reply = engine.ask(&question)?;
        let top = reply.answers.first();
        let top_partner = top.and_then(|a| a.partners.first()).map(|p| p.id.clone());
        let answered = matches!(reply.kind, ReplyKind::Answer | ReplyKind::Clarify);
        let correct = match case.expect {
            Expect::Answer => {
                answered
                    && top.is_some_and(|a| case.themes.contains(&a.theme))
                    && top_partner
                        .as_ref()
                        .is_some_and(|p| case.partners.contains(p))
            }
            Expect::NoAnswer => reply.kind == ReplyKind::NoAnswer,
            Expect::Smalltalk => reply.kind == ReplyKind::Smalltalk,
        };
        let s = &mut report.summary;
        s.reply_language.add(reply.lang == case.lang);
        if case.ui.is_some_and(|ui| ui != case.lang) {
            s.reply_language_other_page.add(reply.lang == case.lang);
        }
        match case.expect {
            Expect::Answer => {
                s.top1.add(correct);
                s.in_scope_declined.add(reply.kind == ReplyKind::NoAnswer);
                s.clarified.add(reply.kind == ReplyKind::Clarify);
                s.by_language.entry(case.lang).or_default().add(correct);
                if let Some(theme) = case.themes.first() {
                    s.by_theme.entry(*theme).or_default().add(correct);
                }
                s.by_style
                    .entry(case.style.clone())
                    .or_default()
                    .add(correct);
            }
            Expect::NoAnswer => s.out_of_scope_declined.add(correct),
            Expect::Smalltalk => s.smalltalk.add(correct),
        }
        let known_share = reply.explain.as_ref().map_or(0.0, |e| e.known_share);
        let mut candidates = reply.explain.map(|e| e.candidates).unwrap_or_default();
        candidates.iter_mut().for_each(|c| c.matched.clear());
        let top_entry = candidates
            .iter()
            .find(|c| !c.id.starts_with("partners/"))
            .cloned();
        let top_partner_profile = candidates
            .iter()
            .find(|c| c.id.starts_with("partners/"))
            .cloned();
        let acceptable = |id: &str| {
            engine.knowledge_base().entry(id).is_some_and(|e| {
                case.themes.contains(&e.theme)
                    && e.referral()
                        .is_some_and(|p| case.partners.iter().any(|x| x == p))
            })
        };
        let top_entry_acceptable = top_entry.as_ref().is_some_and(|c| acceptable(&c.id));
        let entry_candidates = candidates
            .iter()
            .filter(|c| !c.id.starts_with("partners/"))
            .take(8)
            .map(|c| (c.clone(), acceptable(&c.id)))
            .collect();
        report.outcomes.push(Outcome {
            case: case.clone(),
            kind: reply.kind,
            reply_lang: reply.lang,
            top_id: top.map(|a| a.id.clone()),
            top_theme: top.map(|a| a.theme),
            top_partner,
            confidence: top.map(|a| a.confidence),
            correct,
            top_entry,
            top_partner_profile,
            top_entry_acceptable,
            entry_candidates,
            known_share,
        });
    }
    Ok(report)
}
