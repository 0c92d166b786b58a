//! Grouping the kept questions that are alike, so editors see "12 visitors asked about X" instead of
//! twelve lines. Two questions are alike when their analysed terms overlap enough (Jaccard similarity),
//! terms taken in all three languages with the knowledge base's analyzers: synonym groups make
//! "chômage", "werkloosheid" and "unemployment" the same term, so groups form across languages too.

use std::collections::{BTreeSet, HashMap};

use super::store::UnansweredQuestion;
use crate::text_analysis::{Analyzers, Language};

/// Two questions whose term sets have at least this Jaccard similarity are in the same group (a shared
/// closest entry adds [`SAME_ENTRY_BONUS`]).
pub const SIMILARITY: f32 = 0.5;
/// See [`SIMILARITY`].
pub const SAME_ENTRY_BONUS: f32 = 0.15;

/// Alike questions.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QuestionGroup {
    /// The questions (positions in the input), most recent first.
    pub members: Vec<usize>,
    /// The entry that came closest most often ('' when none).
    pub closest_entry: String,
    /// The languages the questions were answered in.
    pub languages: BTreeSet<String>,
}

fn terms(analyzers: &Analyzers, text: &str) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for language in Language::ALL {
        for token in analyzers.get(language).analyze(text).tokens {
            if !token.stop {
                set.insert(token.term);
            }
        }
    }
    set
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    let inter = a.intersection(b).count() as f32;
    let union = (a.len() + b.len()) as f32 - inter;
    if union == 0.0 { 0.0 } else { inter / union }
}

/// Groups alike questions, biggest groups first.
pub fn group_questions(
    questions: &[UnansweredQuestion],
    analyzers: &Analyzers,
) -> Vec<QuestionGroup> {
    let sets: Vec<BTreeSet<String>> = questions
        .iter()
        .map(|q| terms(analyzers, &q.question))
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        let best = groups
            .iter()
            .enumerate()
            .map(|(g, members)| {
                let head = members[0];
                let bonus = if !questions[i].closest_entry.is_empty()
                    && questions[i].closest_entry == questions[head].closest_entry
                {
                    SAME_ENTRY_BONUS
                } else {
                    0.0
                };
                (g, jaccard(set, &sets[head]) + bonus)
            })
            .filter(|(_, s)| *s >= SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((g, _)) => groups[g].push(i),
            None => groups.push(vec![i]),
        }
    }
    let mut out: Vec<QuestionGroup> = groups
        .into_iter()
        .map(|members| {
            let mut entries: HashMap<&str, usize> = HashMap::new();
            for &m in &members {
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
                members,
                closest_entry,
                languages,
            }
        })
        .collect();
    out.sort_by_key(|g| std::cmp::Reverse(g.members.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text_analysis::SynonymGroup;

    fn q(text: &str, lang: &str, closest: &str) -> UnansweredQuestion {
        UnansweredQuestion {
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
            terms: [
                vec!["chômage".into()],
                vec!["werkloosheid".into()],
                vec!["unemployment".into()],
            ],
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
        assert_eq!(groups[0].members.len(), 3, "{groups:?}");
        assert_eq!(groups[0].languages.len(), 3);
        assert_eq!(groups.len(), 2);
    }
}
