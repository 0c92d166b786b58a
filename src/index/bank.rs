//! The bank of questions declined on purpose (`out-of-scope.toml`), analysed with the same analyzers as
//! the entries and kept beside the index as an inverted list from term to bank question. It is not in
//! the tantivy index: its words must not change what the entries' vocabulary knows or how telling a
//! word is, and a lookup per question word is cheaper than a second search. A search reports, for each
//! bank question sharing a meaningful word with the visitor's question, which words matched
//! ([`BankHit`]); the answer layer turns that into a similarity with its own word weights.

use rustc_hash::FxHashMap as HashMap;

use super::vocabulary::Vocabulary;
use crate::knowledge_base::KnowledgeBase;
use crate::text_analysis::{Analysis, Analyzers, Language, PerLanguage, TokenKind};

/// Weight of a bank question's word the entries never use (as telling as can be).
const UNKNOWN_WORD_WEIGHT: f32 = 1.0;
/// Weight floor of a bank question's word (the same floor as the answer layer's question words).
const MIN_WORD_WEIGHT: f32 = 0.1;
/// Question words beyond this many are not compared with the bank (a bit mask holds the matches).
pub const MAX_BANK_WORDS: usize = 64;

/// One analysed bank question.
#[derive(Debug, Clone)]
struct BankQuestion {
    topic: u32,
    /// Its content terms (stems and synonym group tokens), sorted, with their weights.
    terms: Vec<(String, f32)>,
    /// The sum of the weights of its word stems (synonym tokens do not add to it).
    total_weight: f32,
}

/// A bank question sharing words with the visitor's question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BankHit {
    /// The topic (index into `KnowledgeBase::out_of_scope`).
    pub topic: usize,
    /// Bit `i` is set when the question's word `i` matched.
    pub words: u64,
    /// The weight of the bank question's words that matched.
    pub matched_weight: f32,
    /// The weight of all the bank question's words.
    pub total_weight: f32,
}

/// The bank, per language.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bank {
    questions: PerLanguage<Vec<BankQuestion>>,
    postings: PerLanguage<HashMap<String, Vec<u32>>>,
}

fn content_terms(analysis: &Analysis) -> Vec<(String, usize, bool)> {
    analysis
        .tokens
        .iter()
        .filter(|t| !t.stop)
        .map(|t| {
            let is_word = matches!(t.kind, TokenKind::Word);
            (t.term.clone(), t.word, is_word)
        })
        .collect()
}

impl Bank {
    /// Analyses every bank question of the knowledge base.
    pub(crate) fn build(
        kb: &KnowledgeBase,
        analyzers: &Analyzers,
        vocabulary: &Vocabulary,
    ) -> Bank {
        let mut bank = Bank::default();
        for (t, topic) in kb.out_of_scope().iter().enumerate() {
            for language in Language::ALL {
                let analyzer = analyzers.get(language);
                for text in topic.questions(language) {
                    let analysis = analyzer.analyze(text);
                    let mut terms: Vec<(String, f32)> = Vec::new();
                    let mut total_weight = 0.0;
                    for (term, _, is_word) in content_terms(&analysis) {
                        if terms.iter().any(|(x, _)| *x == term) {
                            continue;
                        }
                        let weight = match vocabulary.language(language).term(&term) {
                            Some(_) => vocabulary
                                .informativeness(language, &term)
                                .max(MIN_WORD_WEIGHT),
                            None => UNKNOWN_WORD_WEIGHT,
                        };
                        if is_word {
                            total_weight += weight;
                        }
                        terms.push((term, weight));
                    }
                    if terms.is_empty() {
                        continue;
                    }
                    terms.sort_by(|a, b| a.0.cmp(&b.0));
                    let id = bank.questions[language].len() as u32;
                    for (term, _) in &terms {
                        bank.postings[language]
                            .entry(term.clone())
                            .or_default()
                            .push(id);
                    }
                    bank.questions[language].push(BankQuestion {
                        topic: t as u32,
                        terms,
                        total_weight,
                    });
                }
            }
        }
        bank
    }

    /// Number of bank questions, all languages.
    pub(crate) fn len(&self) -> usize {
        self.questions.values().map(Vec::len).sum()
    }

    /// The bank questions sharing a meaningful word with the analysed question (`analyses` per
    /// language, `meaningful` per word), at most one hit per bank question.
    pub(crate) fn hits(
        &self,
        analyses: &PerLanguage<Analysis>,
        meaningful: &[bool],
    ) -> Vec<BankHit> {
        let mut hits: Vec<BankHit> = Vec::new();
        let mut slot: HashMap<(Language, u32), usize> = HashMap::default();
        for (language, analysis) in analyses.iter() {
            if self.questions[language].is_empty() {
                continue;
            }
            if analysis.words.len() != meaningful.len() {
                continue;
            }
            for token in &analysis.tokens {
                let last = match token.kind {
                    TokenKind::Synonym { last_word, .. } => last_word,
                    _ => token.word,
                };
                if token.stop
                    || last >= MAX_BANK_WORDS
                    || !(token.word..=last).any(|w| meaningful[w])
                {
                    continue;
                }
                let Some(ids) = self.postings[language].get(&token.term) else {
                    continue;
                };
                let mask = (token.word..=last).fold(0u64, |m, w| m | (1 << w));
                for &id in ids {
                    let question = &self.questions[language][id as usize];
                    let weight = question
                        .terms
                        .binary_search_by(|(t, _)| t.as_str().cmp(&token.term))
                        .map_or(0.0, |i| question.terms[i].1);
                    let index = *slot.entry((language, id)).or_insert_with(|| {
                        hits.push(BankHit {
                            topic: question.topic as usize,
                            words: 0,
                            matched_weight: 0.0,
                            total_weight: question.total_weight,
                        });
                        hits.len() - 1
                    });
                    let hit = &mut hits[index];
                    if hit.words & mask != mask {
                        hit.words |= mask;
                        if matches!(token.kind, TokenKind::Word) {
                            hit.matched_weight += weight;
                        }
                    }
                }
            }
        }
        hits
    }
}
