//! Question completions while the visitor types (`/api/v1/suggest`): the entries whose question or
//! phrasings contain every word typed so far, the last one possibly unfinished (a prefix). Built once per
//! knowledge-base version as a sorted vocabulary per language (word → entries), so each keystroke costs a
//! few binary searches, not a search of the index.

use std::collections::HashMap;

use crate::knowledge_base::{KnowledgeBase, Theme};
use crate::text_analysis::{Analyzer, Language, PerLanguage, fold_into, for_each_word};

/// Most suggestions returned.
pub const MAX_SUGGESTIONS: usize = 6;
/// Fewest letters typed before suggesting.
pub const MIN_CHARS: usize = 2;

/// A suggested question.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Suggestion {
    /// Entry id.
    pub id: String,
    /// Its theme.
    pub theme: Theme,
    /// Its question, in the requested language.
    pub question: String,
}

/// An entry that uses a word, and whether its canonical question does (a stronger match).
type Use = (u32, bool);

#[derive(Debug, Clone, Default)]
struct LanguageIndex {
    /// Sorted folded words with the entries (positions) whose question or phrasings use them.
    words: Vec<(String, Vec<Use>)>,
}

impl LanguageIndex {
    fn range(&self, prefix: &str) -> &[(String, Vec<Use>)] {
        let start = self.words.partition_point(|(w, _)| w.as_str() < prefix);
        let end = start + self.words[start..].partition_point(|(w, _)| w.starts_with(prefix));
        &self.words[start..end]
    }

    fn exact(&self, word: &str) -> Option<&[Use]> {
        self.words
            .binary_search_by(|(w, _)| w.as_str().cmp(word))
            .ok()
            .map(|i| self.words[i].1.as_slice())
    }
}

/// The completion index of a knowledge base.
#[derive(Debug, Clone, Default)]
pub struct Suggester {
    languages: PerLanguage<LanguageIndex>,
    /// Per entry position: id, theme, question per language.
    entries: Vec<(String, Theme, PerLanguage<String>)>,
}

fn folded_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |_, w| {
        let mut f = String::new();
        fold_into(w, &mut f);
        // "l'inscription" is found by "inscription" too.
        if let Some((_, rest)) = f.split_once('\'')
            && !rest.is_empty()
        {
            out.push(rest.to_string());
        }
        out.push(f);
    });
    out
}

impl Suggester {
    /// Builds the index of `kb`.
    pub fn new(kb: &KnowledgeBase) -> Suggester {
        let mut languages: PerLanguage<LanguageIndex> = Default::default();
        for language in Language::ALL {
            let mut map: HashMap<String, Vec<Use>> = HashMap::new();
            for (n, entry) in kb.entries().iter().enumerate() {
                let text = entry.text(language);
                for (k, sentence) in std::iter::once(&text.question)
                    .chain(&text.phrasings)
                    .enumerate()
                {
                    for word in folded_words(sentence) {
                        map.entry(word).or_default().push((n as u32, k == 0));
                    }
                }
            }
            let mut words: Vec<(String, Vec<Use>)> = map.into_iter().collect();
            words.sort();
            for (_, list) in &mut words {
                // One use per entry, "in the question" winning.
                list.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
                list.dedup_by_key(|u| u.0);
            }
            languages[language].words = words;
        }
        let entries = kb
            .entries()
            .iter()
            .map(|e| {
                (
                    e.id.clone(),
                    e.theme,
                    PerLanguage::from_fn(|l| e.text(l).question.clone()),
                )
            })
            .collect();
        Suggester { languages, entries }
    }

    /// Suggestions for what has been typed so far, in `language` (then in the other languages when
    /// nothing matches, still shown in `language`).
    pub fn suggest(&self, typed: &str, language: Language) -> Vec<Suggestion> {
        if typed.chars().filter(|c| c.is_alphanumeric()).count() < MIN_CHARS {
            return Vec::new();
        }
        let unfinished = !typed.ends_with(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
        let words = folded_words(typed);
        let stop = Analyzer::standalone(language);
        for lang in
            std::iter::once(language).chain(Language::ALL.into_iter().filter(|l| *l != language))
        {
            let found = self.suggest_in(lang, &words, unfinished, &stop);
            if !found.is_empty() {
                return found
                    .into_iter()
                    .map(|n| {
                        let (id, theme, questions) = &self.entries[n as usize];
                        Suggestion {
                            id: id.clone(),
                            theme: *theme,
                            question: questions[language].clone(),
                        }
                    })
                    .collect();
            }
        }
        Vec::new()
    }

    fn suggest_in(
        &self,
        language: Language,
        words: &[String],
        unfinished: bool,
        stop: &Analyzer,
    ) -> Vec<u32> {
        let index = &self.languages[language];
        let last = words.len().saturating_sub(1);
        // Each typed word narrows the candidates; stop words are skipped unless unfinished.
        let mut candidates: Option<Vec<u32>> = None;
        let mut score: HashMap<u32, usize> = HashMap::new();
        for (i, word) in words.iter().enumerate() {
            let is_prefix = unfinished && i == last;
            if word.contains('\'') || (!is_prefix && stop.is_stop_word(word)) {
                continue;
            }
            let mut uses: Vec<Use> = if is_prefix {
                if word.chars().count() < MIN_CHARS {
                    continue;
                }
                index
                    .range(word)
                    .iter()
                    .flat_map(|(_, e)| e.iter().copied())
                    .collect()
            } else {
                index.exact(word).map(<[Use]>::to_vec).unwrap_or_default()
            };
            uses.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            uses.dedup_by_key(|u| u.0);
            // A word of the canonical question counts double: it is what will be shown.
            for (e, in_question) in &uses {
                *score.entry(*e).or_default() += word.len() * if *in_question { 2 } else { 1 };
            }
            let matched: Vec<u32> = uses.into_iter().map(|(e, _)| e).collect();
            candidates = Some(match candidates {
                None => matched,
                Some(previous) => previous
                    .into_iter()
                    .filter(|e| matched.binary_search(e).is_ok())
                    .collect(),
            });
        }
        let mut found = candidates.unwrap_or_default();
        found.sort_by_key(|e| {
            let question = &self.entries[*e as usize].2[language];
            (
                std::cmp::Reverse(score.get(e).copied().unwrap_or(0)),
                question.len(),
            )
        });
        found.truncate(MAX_SUGGESTIONS);
        found
    }
}
