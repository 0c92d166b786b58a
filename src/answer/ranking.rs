//! From BM25 hits to candidates with a confidence in [0, 1], and the decision between answer, clarify
//! and decline.
//!
//! BM25 scores rank documents within one question but mean nothing across questions, so the
//! confidence is built from figures that do:
//!
//! - **coverage**: the share of the question's meaningful words that the candidate contains (in any
//!   language, as the word itself, a synonym, a compound part or a typo correction, the last three
//!   counted at a discount), each word weighted by how telling it is (its inverse document frequency
//!   over the entries; a word the knowledge base has never seen weighs fully and is never covered);
//! - **evidence**: the same weighted sum, not divided: how much telling vocabulary was matched at all
//!   (capped), so that a long story matching five rare words beats a short question matching one;
//! - **margin**: the candidate's relative BM25 lead over the next one.
//!
//! They are combined by a logistic function, `confidence = σ(w_c·coverage + w_e·min(evidence, cap) +
//! w_m·margin + bias)`, whose weights were fitted on the labelled dev question set
//! (`tests/eval/dev.jsonl`) so that the confidence estimates the probability that the candidate is a
//! right answer (right theme and partner). See ARCHITECTURE.md for the fit and the figures.

use super::reply::{ExplainedCandidate, MatchedTerm};
use crate::index::{DocRef, FaqIndex, FieldKind, MatchKind, SearchResult};
use crate::knowledge_base::{KnowledgeBase, Theme};

/// Weights of the confidence model (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConfidenceModel {
    /// Weight of coverage.
    pub coverage: f32,
    /// Weight of (capped) evidence.
    pub evidence: f32,
    /// Evidence cap.
    pub evidence_cap: f32,
    /// Weight of the margin.
    pub margin: f32,
    /// Bias.
    pub bias: f32,
}

/// The fitted model.
pub const MODEL: ConfidenceModel = ConfidenceModel { coverage: 5.0, evidence: 1.0, evidence_cap: 4.0, margin: 1.5, bias: -4.5 };

/// A confident answer needs at least this confidence.
pub const ANSWER_THRESHOLD: f32 = 0.5;
/// Candidates below this are never offered, not even as a clarification option.
pub const OFFER_THRESHOLD: f32 = 0.3;
/// Two candidates are "close" when the second's BM25 score is at least this share of the first's.
pub const CLOSE_SCORE_RATIO: f32 = 0.75;
/// ... and when it covers the question nearly as well.
pub const CLOSE_COVERAGE_RATIO: f32 = 0.9;
/// Words that tell nothing still weigh this much, so a question of common words is not "empty".
const MIN_WORD_WEIGHT: f32 = 0.1;
/// Entries of the theme the visitor picked get this score multiplier.
pub const THEME_BOOST: f32 = 1.25;

impl ConfidenceModel {
    /// The confidence for the given figures.
    pub fn confidence(&self, coverage: f32, evidence: f32, margin: f32) -> f32 {
        let z = self.coverage * coverage + self.evidence * evidence.min(self.evidence_cap) + self.margin * margin + self.bias;
        1.0 / (1.0 + (-z).exp())
    }
}

/// A candidate answer with the figures behind its confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The entry or partner.
    pub doc: DocRef,
    /// BM25 score (after the theme boost).
    pub score: f32,
    /// See the module documentation.
    pub coverage: f32,
    /// See the module documentation.
    pub evidence: f32,
    /// Relative BM25 lead over the next candidate of the same kind (entry/partner); 1 when alone.
    pub margin: f32,
    /// The confidence.
    pub confidence: f32,
    /// Indexes into [`SearchResult::terms`] of the terms it contains.
    pub matched: Vec<usize>,
}

/// Scores the hits of a search: entries and partners, each best first.
pub fn candidates(
    kb: &KnowledgeBase,
    index: &FaqIndex,
    search: &SearchResult,
    theme: Option<Theme>,
    model: &ConfidenceModel,
) -> (Vec<Candidate>, Vec<Candidate>) {
    let mut entries = Vec::new();
    let mut partners = Vec::new();
    let weights: Vec<f32> = search
        .words
        .iter()
        .map(|w| if w.meaningful { w.informativeness.max(MIN_WORD_WEIGHT) } else { 0.0 })
        .collect();
    let total: f32 = weights.iter().sum();
    for hit in &search.hits {
        let mut best = vec![0.0f32; search.words.len()];
        let mut matched = Vec::new();
        for (t, term) in search.terms.iter().enumerate() {
            let fields = index.doc_fields(hit.doc, term.language, term.term_id);
            if fields == 0 {
                continue;
            }
            matched.push(t);
            let match_quality = term.kind.weight() * FieldKind::best_coverage_weight(fields);
            for quality in &mut best[term.first_word..=term.last_word] {
                *quality = quality.max(match_quality);
            }
        }
        let evidence: f32 = best.iter().zip(&weights).map(|(q, w)| q * w).sum();
        let coverage = if total > 0.0 { evidence / total } else { 0.0 };
        let mut score = hit.score;
        if let (Some(theme), DocRef::Entry(i)) = (theme, hit.doc)
            && kb.entries()[i].theme == theme
        {
            score *= THEME_BOOST;
        }
        let candidate = Candidate { doc: hit.doc, score, coverage, evidence, margin: 0.0, confidence: 0.0, matched };
        match hit.doc {
            DocRef::Entry(_) => entries.push(candidate),
            DocRef::Partner(_) => partners.push(candidate),
        }
    }
    for list in [&mut entries, &mut partners] {
        list.sort_by(|a, b| b.score.total_cmp(&a.score));
        let scores: Vec<f32> = list.iter().map(|c| c.score).collect();
        for (i, candidate) in list.iter_mut().enumerate() {
            let next = scores.get(i + 1).copied().unwrap_or(0.0);
            candidate.margin = if candidate.score > 0.0 { ((candidate.score - next) / candidate.score).clamp(0.0, 1.0) } else { 0.0 };
            // Only the leader can claim its lead; runner-ups are judged on their own words.
            let margin = if i == 0 { candidate.margin } else { 0.0 };
            candidate.confidence = model.confidence(candidate.coverage, candidate.evidence, margin);
        }
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

/// Decides from the scored candidates (indexes into the candidate lists).
pub fn decide(kb: &KnowledgeBase, entries: &[Candidate], partners: &[Candidate]) -> Decision {
    let theme = |c: &Candidate| match c.doc {
        DocRef::Entry(i) => Some(kb.entries()[i].theme),
        DocRef::Partner(_) => None,
    };
    let top_partner = partners.first().filter(|p| p.confidence >= ANSWER_THRESHOLD);
    let Some(first) = entries.first() else {
        return top_partner.map_or(Decision::Decline, |_| Decision::Partner(0));
    };
    // Close runner-ups from other themes that cover the question about as well.
    let rivals: Vec<usize> = entries
        .iter()
        .enumerate()
        .skip(1)
        .take(4)
        .filter(|(_, c)| {
            c.score >= CLOSE_SCORE_RATIO * first.score
                && c.coverage >= CLOSE_COVERAGE_RATIO * first.coverage
                && c.confidence >= OFFER_THRESHOLD
                && theme(c) != theme(first)
        })
        .map(|(i, _)| i)
        .collect();
    if first.confidence >= OFFER_THRESHOLD && !rivals.is_empty() {
        let mut options = vec![0];
        options.extend(rivals.into_iter().take(2));
        return Decision::Clarify(options);
    }
    if first.confidence >= ANSWER_THRESHOLD {
        if let Some(p) = top_partner
            && p.confidence > first.confidence
            && p.coverage > first.coverage
        {
            return Decision::Partner(0);
        }
        let mut ranked = vec![0];
        ranked.extend(
            entries
                .iter()
                .enumerate()
                .skip(1)
                .filter(|(_, c)| c.confidence >= OFFER_THRESHOLD)
                .map(|(i, _)| i)
                .take(4),
        );
        return Decision::Answer(ranked);
    }
    match top_partner {
        Some(_) => Decision::Partner(0),
        None => Decision::Decline,
    }
}

/// The explanation of a candidate for counsellors.
pub fn explain(kb: &KnowledgeBase, index: &FaqIndex, search: &SearchResult, candidate: &Candidate, question: &str) -> ExplainedCandidate {
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
    ExplainedCandidate {
        id,
        score: (candidate.score * 100.0).round() / 100.0,
        coverage: super::referral::round(candidate.coverage),
        evidence: (candidate.evidence * 100.0).round() / 100.0,
        margin: super::referral::round(candidate.margin),
        confidence: super::referral::round(candidate.confidence),
        matched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_grows_with_coverage_evidence_and_margin() {
        let m = MODEL;
        assert!(m.confidence(1.0, 2.0, 0.5) > m.confidence(0.5, 2.0, 0.5));
        assert!(m.confidence(0.5, 3.0, 0.5) > m.confidence(0.5, 1.0, 0.5));
        assert!(m.confidence(0.5, 2.0, 0.8) > m.confidence(0.5, 2.0, 0.1));
        for (c, e, g) in [(0.0, 0.0, 0.0), (1.0, 100.0, 1.0)] {
            let x = m.confidence(c, e, g);
            assert!((0.0..=1.0).contains(&x));
        }
    }

    #[test]
    fn evidence_is_capped() {
        let m = MODEL;
        assert_eq!(m.confidence(0.5, m.evidence_cap, 0.5), m.confidence(0.5, 50.0, 0.5));
    }
}
