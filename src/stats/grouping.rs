//! Grouping the kept questions that are alike, so editors see "12 visitors asked about X" instead of
//! twelve lines. Two questions are alike when their analysed terms overlap enough (Jaccard similarity),
//! terms taken in all three languages with the knowledge base's analyzers: synonym groups make
//! "chômage", "werkloosheid" and "unemployment" the same term, so groups form across languages too.
//!
//! [`Grouping`] is incremental (questions are added one by one, each joining the most alike group or
//! starting one) and its cost per question is bounded whatever visitors typed: only the first
//! [`ANALYSED_CHARS`] characters are analysed, at most [`MAX_TERMS`] terms kept, and the groups to
//! compare with are found through an index of the groups' terms, visiting at most [`MAX_VISITS`]
//! postings (rarest terms first). Planted questions that share common words therefore cannot make the
//! grouping quadratic.

use std::collections::{BTreeSet, HashMap};

use super::sqlite_store::UnansweredQuestion;
use crate::text_analysis::{Analyzers, Language};

/// Two questions whose term sets have at least this Jaccard similarity are in the same group (a shared
/// closest entry adds [`SAME_ENTRY_BONUS`]).
pub const SIMILARITY: f32 = 0.5;
/// See [`SIMILARITY`].
pub const SAME_ENTRY_BONUS: f32 = 0.15;
/// Characters of a question analysed for grouping (the engine itself reads no more than 500).
pub const ANALYSED_CHARS: usize = 500;
/// Distinct terms kept per question (in the order they appear).
pub const MAX_TERMS: usize = 48;
/// Postings visited at most when looking for a question's group.
pub const MAX_VISITS: usize = 4_096;

/// Alike questions.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QuestionGroup {
    /// The questions (positions in the order they were added).
    pub members: Vec<usize>,
    /// The entry that came closest most often ('' when none).
    pub closest_entry: String,
    /// The languages the questions were answered in.
    pub languages: BTreeSet<String>,
}

/// Questions grouped so far (see the module documentation).
#[derive(Debug, Default)]
pub struct Grouping {
    /// Term ids, interned.
    vocabulary: HashMap<String, u32>,
    questions: Vec<UnansweredQuestion>,
    /// Each question's sorted term ids.
    sets: Vec<Vec<u32>>,
    /// Each group's members (positions), the first being the group's head.
    groups: Vec<Vec<usize>>,
    /// Term id → the groups whose head has it.
    postings: HashMap<u32, Vec<u32>>,
}

impl Grouping {
    /// An empty grouping.
    pub fn new() -> Grouping {
        Grouping::default()
    }

    /// Questions added.
    pub fn len(&self) -> usize {
        self.questions.len()
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// The questions, in the order they were added.
    pub fn questions(&self) -> &[UnansweredQuestion] {
        &self.questions
    }

    fn term_ids(&mut self, analyzers: &Analyzers, text: &str) -> Vec<u32> {
        let text = match text.char_indices().nth(ANALYSED_CHARS) {
            Some((end, _)) => &text[..end],
            None => text,
        };
        let mut ids: Vec<u32> = Vec::new();
        'languages: for language in Language::ALL {
            for token in analyzers.get(language).analyze_question(text).tokens {
                if token.stop {
                    continue;
                }
                let next = self.vocabulary.len() as u32;
                let id = *self.vocabulary.entry(token.term).or_insert(next);
                if !ids.contains(&id) {
                    ids.push(id);
                    if ids.len() == MAX_TERMS {
                        break 'languages;
                    }
                }
            }
        }
        ids.sort_unstable();
        ids
    }

    /// Adds a question: it joins the most alike group, or starts one.
    pub fn add(&mut self, question: UnansweredQuestion, analyzers: &Analyzers) {
        let set = self.term_ids(analyzers, &question.question);
        let position = self.questions.len();
        // Shared terms with each group's head, counted through the postings, rarest terms first.
        let mut terms: Vec<(usize, u32)> = set
            .iter()
            .map(|t| (self.postings.get(t).map_or(0, Vec::len), *t))
            .collect();
        terms.sort_unstable();
        let mut shared: HashMap<u32, u32> = HashMap::new();
        let mut visits = 0;
        'terms: for (_, term) in &terms {
            for &group in self.postings.get(term).map_or(&[][..], Vec::as_slice) {
                if visits == MAX_VISITS {
                    break 'terms;
                }
                visits += 1;
                *shared.entry(group).or_default() += 1;
            }
        }
        let best = shared
            .into_iter()
            .map(|(group, inter)| {
                let head = self.groups[group as usize][0];
                let union = (set.len() + self.sets[head].len()) as f32 - inter as f32;
                let bonus = if !question.closest_entry.is_empty()
                    && question.closest_entry == self.questions[head].closest_entry
                {
                    SAME_ENTRY_BONUS
                } else {
                    0.0
                };
                let similarity = if union == 0.0 {
                    0.0
                } else {
                    inter as f32 / union
                };
                (group, similarity + bonus)
            })
            .filter(|(_, s)| *s >= SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((group, _)) => self.groups[group as usize].push(position),
            None => {
                let group = self.groups.len() as u32;
                for term in &set {
                    self.postings.entry(*term).or_default().push(group);
                }
                self.groups.push(vec![position]);
            }
        }
        self.questions.push(question);
        self.sets.push(set);
    }

    /// The groups, biggest first (equal sizes: the most recently added first).
    pub fn groups(&self) -> Vec<QuestionGroup> {
        let questions = &self.questions;
        let mut out: Vec<QuestionGroup> = self
            .groups
            .iter()
            .map(|members| {
                let mut entries: HashMap<&str, usize> = HashMap::new();
                for &m in members {
                    *entries
                        .entry(questions[m].closest_entry.as_str())
                        .or_default() += 1;
                }
                let closest_entry = entries
                    .into_iter()
                    .filter(|(e, _)| !e.is_empty())
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                    .map(|(e, _)| e.to_string())
                    .unwrap_or_default();
                let languages = members.iter().map(|&m| questions[m].lang.clone()).collect();
                QuestionGroup {
                    members: members.clone(),
                    closest_entry,
                    languages,
                }
            })
            .collect();
        out.sort_by_key(|g| {
            (
                std::cmp::Reverse(g.members.len()),
                std::cmp::Reverse(g.members.last().copied()),
            )
        });
        out
    }
}

/// Groups alike questions, biggest groups first; members are positions in `questions`.
pub fn group_questions(
    questions: &[UnansweredQuestion],
    analyzers: &Analyzers,
) -> Vec<QuestionGroup> {
    let mut grouping = Grouping::new();
    for question in questions {
        grouping.add(question.clone(), analyzers);
    }
    grouping.groups()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text_analysis::{PerLanguage, SynonymGroup};

    fn q(text: &str, lang: &str, closest: &str) -> UnansweredQuestion {
        UnansweredQuestion {
            id: 0,
            day: "2026-11-20".into(),
            lang: lang.into(),
            kind: "no_answer".into(),
            question: text.into(),
            closest_entry: closest.into(),
            confidence: 0.1,
        }
    }

    #[test]
    fn groups_alike_questions_across_languages() {
        let group = SynonymGroup {
            name: None,
            terms: PerLanguage::from_fn(|l| match l {
                Language::Fr => vec!["chômage".into()],
                Language::Nl => vec!["werkloosheid".into()],
                Language::En => vec!["unemployment".into()],
            }),
            any: vec![],
        };
        let analyzers = Analyzers::build(&[group], []);
        let questions = [
            q("chômage et permis de pêche", "fr", ""),
            q("werkloosheid en permis de pêche", "nl", ""),
            q("recette de la tarte aux pommes", "fr", ""),
            q("unemployment permis pêche", "en", ""),
        ];
        let groups = group_questions(&questions, &analyzers);
        assert_eq!(groups[0].members, [0, 1, 3], "{groups:?}");
        assert_eq!(groups[0].languages.len(), 3);
        assert_eq!(groups.len(), 2);
    }

    #[test]
    fn a_shared_closest_entry_helps_and_unrelated_questions_stay_apart() {
        let analyzers = Analyzers::build(&[], []);
        let questions = [
            q("permis de conduire camion", "fr", "work/driving"),
            q("permis camion prix formation", "fr", "work/driving"),
            q("permis camion prix formation", "fr", ""),
            q("horaires piscine", "fr", ""),
        ];
        let groups = group_questions(&questions, &analyzers);
        // Compared with the group's head, the second question is not alike enough on its words alone:
        // the shared closest entry joins it, and the same text without that entry stays apart.
        assert_eq!(groups[0].members, [0, 1], "{groups:?}");
        assert_eq!(groups[0].closest_entry, "work/driving");
        assert_eq!(groups.len(), 3, "{groups:?}");
        // Equal sizes: the most recent first.
        assert_eq!(groups[1].members, [3]);
    }

    #[test]
    fn the_cost_per_question_is_bounded_by_the_terms_kept() {
        let analyzers = Analyzers::build(&[], []);
        let mut grouping = Grouping::new();
        let long: String = (0..400).map(|i| format!("mot{i} ")).collect();
        grouping.add(q(&long, "fr", ""), &analyzers);
        assert!(grouping.sets[0].len() <= MAX_TERMS);
        assert!(!grouping.sets[0].is_empty());
        // A question with no words of its own starts its own group.
        grouping.add(q("?!", "fr", ""), &analyzers);
        grouping.add(q("?!", "fr", ""), &analyzers);
        assert_eq!(grouping.groups().len(), 3);
    }
}
