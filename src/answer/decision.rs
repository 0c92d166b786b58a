//! What to reply, from the judged candidates and the fitted [`Policy`]. A wrong confident answer is the
//! worst outcome and a needless question back the second worst, so the policy (its thresholds chosen by
//! `eval --fit` on out-of-fold figures, ARCHITECTURE.md "The decision policy") is:
//!
//! 1. a **partner profile** answers when it beats every entry on coverage and similarity and is itself in
//!    scope and confident ("Que fait Syntra ?" when no entry is about Syntra);
//! 2. **decline** when the question is probably not ours (scope below `decline_below`), or when nothing
//!    is even plausible;
//! 3. **answer** when the leader is likely right (confidence ≥ `answer_from`), with up to two
//!    **alternatives** ("or did you mean…") when a rival is plausible (≥ `plausible_from`);
//! 4. **clarify** when two or more topics are plausible and none is likely right: the plausible ones, in
//!    the order of their confidence (the reply adds "none of these", which hands over to a counsellor);
//!    when every plausible rival sends the visitor where the leader does (the same theme and partner, or
//!    the leader's counterpart), there is nothing to ask: the leader is answered with them as
//!    alternatives;
//! 5. a **broad question** (one or two words, all known, that every top candidate covers: "emploi",
//!    "opleiding") with no likely answer gets a **guided choice**: the entries that fit it, best first;
//! 6. a **lone plausible leader** (no plausible rival) is answered with alternatives when its
//!    confidence reaches `lone_answer_from`; below, the bot declines.
//!
//! The decision reads only the candidates (with their theme) and the question's figures: it is tested
//! without a knowledge base.

use super::features::QuestionFigures;
use super::model::Policy;
use super::ranking::Candidate;

/// Alternatives shown under an answer, at most.
pub const MAX_ALTERNATIVES: usize = 2;
/// Options of a clarification, at most.
pub const MAX_OPTIONS: usize = 3;
/// Options of a guided choice for a broad question, at most.
pub const MAX_GUIDED_OPTIONS: usize = 5;
/// Runner-ups kept after an answer: the widget offers the next best one after "not helpful". Each
/// carries its whole answer and partner cards, so more would only weigh every reply (the alternatives
/// name further entries by id and question).
pub const MAX_RUNNER_UPS: usize = 1;
/// A broad question the scope estimate doubts is guided only with at least this many options.
pub const BROAD_UNSURE_MIN_OPTIONS: usize = 3;
/// A broad question has at most this many meaningful words.
pub const BROAD_MAX_WORDS: usize = 2;
/// ... and every option of its guided choice covers at least this share of it.
pub const BROAD_MIN_COVERAGE: f32 = 0.99;
/// Candidates looked at for rivals and options.
const RIVALS: usize = 5;

/// What to reply (indexes into the candidate lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Answer with `ranked[0]`; `ranked[1..]` are runner-ups; `alternatives` are shown as
    /// "or did you mean…".
    Answer {
        /// The answer first, then runner-ups by rank.
        ranked: Vec<usize>,
        /// Plausible rivals, by confidence.
        alternatives: Vec<usize>,
    },
    /// Ask which of these entries the visitor means, best first.
    Clarify {
        /// The options, by confidence.
        options: Vec<usize>,
        /// True for the guided choice of a broad question.
        broad: bool,
    },
    /// Answer with a partner profile.
    Partner(usize),
    /// Decline and hand over to a person.
    Decline,
}

/// Decides from the judged candidates (entries and partners, each ranked and judged).
pub fn decide(
    entries: &[Candidate],
    partners: &[Candidate],
    question: &QuestionFigures,
    policy: &Policy,
) -> Decision {
    let partner = partners.first().filter(|p| {
        p.scope >= policy.decline_below
            && p.confidence >= policy.answer_from
            && entries
                .first()
                .is_none_or(|e| p.coverage > e.coverage && p.similarity > e.similarity)
    });
    if partner.is_some() {
        return Decision::Partner(0);
    }
    let Some(leader) = entries.first() else {
        return Decision::Decline;
    };
    let guided = |min_options: usize| {
        if !is_broad(entries, question) {
            return None;
        }
        let mut options: Vec<usize> = (0..entries.len().min(RIVALS))
            .filter(|&i| entries[i].coverage >= BROAD_MIN_COVERAGE)
            .collect();
        options.sort_by(|&a, &b| entries[b].confidence.total_cmp(&entries[a].confidence));
        options.truncate(MAX_GUIDED_OPTIONS);
        (options.len() >= min_options).then_some(Decision::Clarify {
            options,
            broad: true,
        })
    };
    if leader.scope < policy.decline_below {
        // A broad question whose words are all ours ("emploi", "I need a job") is guided whatever the
        // scope estimate says (one everyday word carries too little evidence for it), provided that
        // several entries are about it: a word two entries merely mention ("logement") is declined.
        return guided(BROAD_UNSURE_MIN_OPTIONS).unwrap_or(Decision::Decline);
    }
    // Rivals by confidence (the ranking order and the confidence order can differ).
    let mut rivals: Vec<usize> = (1..entries.len().min(RIVALS)).collect();
    rivals.sort_by(|&a, &b| entries[b].confidence.total_cmp(&entries[a].confidence));
    let plausible: Vec<usize> = rivals
        .iter()
        .copied()
        .filter(|&i| entries[i].confidence >= policy.plausible_from)
        .collect();
    // The leader answered, with the next best by rank as runner-ups and these as "or did you mean…".
    let answer = |alternatives: Vec<usize>| Decision::Answer {
        ranked: std::iter::once(0)
            .chain((1..entries.len()).take(MAX_RUNNER_UPS))
            .collect(),
        alternatives: alternatives.into_iter().take(MAX_ALTERNATIVES).collect(),
    };
    if leader.confidence >= policy.answer_from {
        return answer(plausible);
    }
    if leader.confidence >= policy.plausible_from && !plausible.is_empty() {
        // Plausible rivals that send the visitor where the leader does (its counterpart, or the same
        // theme and partner) leave nothing to ask: the leader is answered and they are offered beside it.
        let alike = |i: usize| {
            entries[i].destination == leader.destination || leader.counterpart == Some(i)
        };
        if plausible.iter().all(|&i| alike(i)) {
            return answer(plausible);
        }
        let mut options: Vec<usize> = std::iter::once(0).chain(plausible).collect();
        options.sort_by(|&a, &b| entries[b].confidence.total_cmp(&entries[a].confidence));
        options.truncate(MAX_OPTIONS);
        return Decision::Clarify {
            options,
            broad: false,
        };
    }
    if let Some(guided) = guided(2) {
        return guided;
    }
    if leader.confidence >= policy.lone_answer_from {
        return answer(rivals);
    }
    Decision::Decline
}

/// A question of one or two known words that its leader covers entirely ("emploi", "I need a job").
pub fn is_broad(entries: &[Candidate], question: &QuestionFigures) -> bool {
    (1..=BROAD_MAX_WORDS).contains(&question.meaningful_words)
        && question.known_share >= BROAD_MIN_COVERAGE
        && question.off_topic_share == 0.0
        && entries
            .first()
            .is_some_and(|c| c.coverage >= BROAD_MIN_COVERAGE)
        && question.not_ours_similarity() < entries[0].similarity.max(0.5)
}

#[cfg(test)]
mod tests {
    //! Properties: each branch of the policy is reached by the figures it names, options come in the
    //! order of their confidence, alternatives only when plausible, a partner only when it beats every
    //! entry, broad questions are guided and not declined while their words are all ours and several
    //! entries are about them.
    use super::*;
    use crate::index::DocRef;
    use crate::knowledge_base::Theme;

    const POLICY: Policy = Policy {
        decline_below: 0.3,
        answer_from: 0.6,
        plausible_from: 0.2,
        lone_answer_from: 0.4,
    };

    fn judged(i: usize, scope: f32, confidence: f32) -> Candidate {
        Candidate {
            scope,
            confidence,
            destination: i as u64,
            ..Candidate::with_figures(DocRef::Entry(i), Some(Theme::Work), 0.8, 0.5)
        }
    }

    fn question(words: usize) -> QuestionFigures {
        QuestionFigures {
            known_share: 1.0,
            meaningful_words: words,
            bm25_scale: 4.7,
            ..QuestionFigures::default()
        }
    }

    #[test]
    fn a_likely_leader_is_answered_with_plausible_alternatives_by_confidence() {
        let entries = [
            judged(0, 0.9, 0.8),
            judged(1, 0.9, 0.05),
            judged(2, 0.9, 0.3),
            judged(3, 0.9, 0.25),
        ];
        let d = decide(&entries, &[], &question(4), &POLICY);
        assert_eq!(
            d,
            Decision::Answer {
                ranked: vec![0, 1],
                alternatives: vec![2, 3]
            },
            "the answer, the next best by rank, the plausible rivals by confidence"
        );
        let alone = decide(&entries[..2], &[], &question(4), &POLICY);
        assert_eq!(
            alone,
            Decision::Answer {
                ranked: vec![0, 1],
                alternatives: vec![]
            }
        );
    }

    #[test]
    fn two_plausible_topics_and_no_likely_one_are_clarified_best_first() {
        let entries = [
            judged(0, 0.9, 0.35),
            judged(1, 0.9, 0.1),
            judged(2, 0.9, 0.45),
        ];
        let d = decide(&entries, &[], &question(5), &POLICY);
        assert_eq!(
            d,
            Decision::Clarify {
                options: vec![2, 0],
                broad: false
            }
        );
    }

    #[test]
    fn plausible_rivals_with_the_leader_s_destination_are_alternatives_not_a_question() {
        let mut entries = [
            judged(0, 0.9, 0.45),
            judged(1, 0.9, 0.1),
            judged(2, 0.9, 0.35),
        ];
        entries[2].destination = entries[0].destination;
        let d = decide(&entries, &[], &question(5), &POLICY);
        assert_eq!(
            d,
            Decision::Answer {
                ranked: vec![0, 1],
                alternatives: vec![2]
            },
            "same theme and partner: answered, the rival beside it"
        );
        entries[2].destination = 2;
        entries[0].counterpart = Some(2);
        assert!(matches!(
            decide(&entries, &[], &question(5), &POLICY),
            Decision::Answer { .. }
        ));
        // One rival elsewhere is enough to ask.
        entries[1].confidence = 0.3;
        assert!(matches!(
            decide(&entries, &[], &question(5), &POLICY),
            Decision::Clarify { .. }
        ));
    }

    #[test]
    fn out_of_scope_and_implausible_questions_are_declined() {
        let entries = [judged(0, 0.2, 0.19), judged(1, 0.2, 0.18)];
        assert_eq!(
            decide(&entries, &[], &question(4), &POLICY),
            Decision::Decline
        );
        let in_scope_but_unsure = [judged(0, 0.9, 0.15), judged(1, 0.9, 0.1)];
        assert_eq!(
            decide(&in_scope_but_unsure, &[], &question(4), &POLICY),
            Decision::Decline
        );
        assert_eq!(decide(&[], &[], &question(4), &POLICY), Decision::Decline);
    }

    #[test]
    fn a_lone_plausible_leader_is_answered_from_its_own_threshold() {
        let entries = [judged(0, 0.9, 0.5), judged(1, 0.9, 0.05)];
        assert!(matches!(
            decide(&entries, &[], &question(4), &POLICY),
            Decision::Answer { .. }
        ));
        let weaker = [judged(0, 0.9, 0.3), judged(1, 0.9, 0.05)];
        assert_eq!(
            decide(&weaker, &[], &question(4), &POLICY),
            Decision::Decline
        );
    }

    #[test]
    fn a_broad_question_gets_a_guided_choice_not_a_decline() {
        let mut entries: Vec<Candidate> = (0..4)
            .map(|i| {
                let mut c = judged(i, 0.9, 0.1 + i as f32 * 0.02);
                c.coverage = 1.0;
                c
            })
            .collect();
        entries[3].coverage = 0.5;
        let d = decide(&entries, &[], &question(1), &POLICY);
        assert_eq!(
            d,
            Decision::Clarify {
                options: vec![2, 1, 0],
                broad: true
            }
        );
        // The same figures in a longer question are not broad.
        assert_eq!(
            decide(&entries, &[], &question(4), &POLICY),
            Decision::Decline
        );
        // Nor when the words are not all ours.
        let mut half_known = question(1);
        half_known.known_share = 0.5;
        assert_eq!(
            decide(&entries, &[], &half_known, &POLICY),
            Decision::Decline
        );
    }

    #[test]
    fn a_broad_question_the_scope_estimate_doubts_is_guided_when_several_entries_are_about_it() {
        let covering = |n: usize| -> Vec<Candidate> {
            (0..n)
                .map(|i| {
                    let mut c = judged(i, 0.1, 0.1 + i as f32 * 0.02);
                    c.coverage = 1.0;
                    c
                })
                .collect()
        };
        // "emploi": low scope (one everyday word), but every candidate is about it.
        assert_eq!(
            decide(
                &covering(BROAD_UNSURE_MIN_OPTIONS),
                &[],
                &question(1),
                &POLICY
            ),
            Decision::Clarify {
                options: vec![2, 1, 0],
                broad: true
            }
        );
        // "logement": two entries merely mention it; declined like any doubtful question.
        assert_eq!(
            decide(&covering(2), &[], &question(1), &POLICY),
            Decision::Decline
        );
        // A longer question with the same figures is declined.
        assert_eq!(
            decide(&covering(3), &[], &question(4), &POLICY),
            Decision::Decline
        );
    }

    #[test]
    fn a_partner_answers_only_when_it_beats_every_entry() {
        let mut partner = judged(0, 0.9, 0.9);
        partner.doc = DocRef::Partner(0);
        partner.theme = None;
        partner.coverage = 1.0;
        partner.similarity = 0.9;
        let entries = [judged(0, 0.9, 0.7)];
        assert_eq!(
            decide(
                &entries,
                std::slice::from_ref(&partner),
                &question(2),
                &POLICY
            ),
            Decision::Partner(0)
        );
        let mut weaker = partner.clone();
        weaker.similarity = 0.1;
        assert!(matches!(
            decide(&entries, &[weaker], &question(2), &POLICY),
            Decision::Answer { .. }
        ));
    }
}
