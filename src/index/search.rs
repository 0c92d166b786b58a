//! A visitor's question → tantivy query → ranked hits. The question is analysed by all three
//! analyzers (it may be in any language, or in two), each analysis is searched in its own language's
//! fields, and the preferred language (detected, else the page's) weighs more. The query is built
//! term by term, never parsed: `"`, `:`, `(`, `*`, `~`, `^`, `-`, `AND` are plain text.
//!
//! Which words count: a word is *meaningful* unless it is a stop word of the preferred language or of
//! two languages (`en`, `de`, `in`, `me`...), or a stop word of another language that the preferred
//! language's vocabulary does not know (`il`, `où` in a Dutch question that switches to French). A question with no meaningful word (all stop words) is
//! searched with all its words. A meaningful word unknown to the knowledge base in every language is
//! looked up in the typo index; its corrections are searched with a lower weight.

use rustc_hash::FxHashMap as HashMap;

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::schema::FieldKind;
use super::{DocRef, Error, FaqIndex};
use crate::text_analysis::{Analysis, Language, PerLanguage, TokenKind};

/// Weight of the languages other than the preferred one.
pub const OTHER_LANGUAGE_WEIGHT: f32 = 0.7;
/// Numbers ("j'ai 24 ans", "depuis 2019") are rarely what a question is about, but sometimes are
/// ("article 60", "1819"): they are searched at this weight and count at most this much as evidence.
pub const NUMBER_WEIGHT: f32 = 0.3;
/// A question is searched on its first this many words: real questions, stories included, have fewer
/// than 50; the rest of a pasted letter would only make the query longer and slower.
pub const MAX_SEARCH_WORDS: usize = 64;

/// `text` up to the end of its `MAX_SEARCH_WORDS`-th whitespace-separated word.
fn first_words(text: &str) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == MAX_SEARCH_WORDS {
                    return &text[..i];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    text
}

/// At most this many unknown words of one question are looked up in the typo index: a real question has
/// a few misspellings, and the cap keeps a question of invented words as cheap as an ordinary one.
pub const MAX_CORRECTED_WORDS: usize = 8;

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// How a query term relates to the visitor's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// The word's own stem.
    Exact,
    /// A synonym group the word (or expression) belongs to.
    Synonym,
    /// A part of a Dutch compound word.
    CompoundPart,
    /// A known word this many edits away from a misspelled one.
    Typo(u8),
}

impl MatchKind {
    /// How much a match of this kind is worth compared with an exact match.
    pub fn weight(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Synonym => 0.9,
            MatchKind::CompoundPart => 0.8,
            MatchKind::Typo(1) => 0.7,
            MatchKind::Typo(_) => 0.5,
        }
    }
}

/// A word of the question.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryWord {
    /// Folded form (preferred language's clitic rules).
    pub text: String,
    /// Byte range in the question.
    pub offset_from: usize,
    /// End of the byte range.
    pub offset_to: usize,
    /// False for stop words (see the module documentation).
    pub meaningful: bool,
    /// How telling the word is, in [0, 1] (inverse document frequency over entries, best language);
    /// 1 for a word the knowledge base does not know.
    pub informativeness: f32,
    /// True when some language's vocabulary knows the word (exactly, as a synonym or compound part).
    pub known: bool,
    /// True when the word is unknown but read as a misspelling of a known one.
    pub corrected: bool,
    /// True when it is one of the site's off-topic words that no document uses.
    pub off_topic: bool,
}

/// A term searched for, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// The language whose analyzer produced it and whose fields it is searched in.
    pub language: Language,
    /// The term.
    pub term: String,
    /// Its id in that language's vocabulary.
    pub term_id: u32,
    /// The first question word it stands for.
    pub first_word: usize,
    /// The last question word it stands for (synonym expressions span several).
    pub last_word: usize,
    /// Exact, synonym, compound part or typo correction.
    pub kind: MatchKind,
    /// For typo corrections: the known word that was meant.
    pub corrected_to: Option<String>,
}

/// A document found, with its BM25 score (comparable only within one query).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The entry or partner.
    pub doc: DocRef,
    /// Its score.
    pub score: f32,
}

/// The outcome of a search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResult {
    /// The question's words.
    pub words: Vec<QueryWord>,
    /// The terms searched.
    pub terms: Vec<QueryTerm>,
    /// The hits, best first.
    pub hits: Vec<Hit>,
    /// True when the question had only stop words.
    pub only_stop_words: bool,
    /// Per language: the sorted ids of the searched terms (for phrasing similarity).
    pub term_ids: PerLanguage<Vec<u32>>,
    /// The questions of the bank of declined questions that share meaningful words with this one.
    pub bank_hits: Vec<super::BankHit>,
}

impl FaqIndex {
    /// Searches `text`, preferring `preferred`, and returns at most `limit` hits.
    pub fn search(
        &self,
        text: &str,
        preferred: Language,
        limit: usize,
    ) -> Result<SearchResult, Error> {
        let text = first_words(text);
        let analyses: PerLanguage<Analysis> =
            PerLanguage::from_fn(|l| self.analyzers.get(l).analyze_question(text));
        let base = &analyses[preferred];
        let n = base.words.len();
        let aligned = analyses.values().all(|a| a.words.len() == n);
        let mut meaningful: Vec<bool> = (0..n)
            .map(|i| {
                let stops = if aligned {
                    analyses.values().filter(|a| a.words[i].stop).count()
                } else {
                    0
                };
                // A stop word of another language that the preferred language does not know ("il",
                // "où" in a Dutch question that switches to French) says as little as one of its own.
                let foreign_stop = stops == 1
                    && self
                        .vocabulary
                        .language(preferred)
                        .term(&base.words[i].stem)
                        .is_none();
                !base.words[i].stop && stops < 2 && !foreign_stop
            })
            .collect();
        let only_stop_words = !meaningful.iter().any(|m| *m);
        if only_stop_words {
            meaningful.iter_mut().for_each(|m| *m = true);
        }
        let mut terms: Vec<QueryTerm> = Vec::new();
        let mut known = vec![false; n];
        // The preferred language first: a word it knows is searched in its fields only; the other
        // languages search the words it does not know (a Dutch word in a French question, a name).
        let mut claimed = vec![false; n];
        let order =
            std::iter::once(preferred).chain(Language::ALL.into_iter().filter(|l| *l != preferred));
        for language in order {
            let analysis = &analyses[language];
            if !aligned && language != preferred {
                continue;
            }
            let vocabulary = self.vocabulary.language(language);
            for token in &analysis.tokens {
                let (first, last, kind) = match token.kind {
                    TokenKind::Word => (token.word, token.word, MatchKind::Exact),
                    TokenKind::CompoundPart => (token.word, token.word, MatchKind::CompoundPart),
                    TokenKind::Synonym { last_word, .. } => {
                        (token.word, last_word, MatchKind::Synonym)
                    }
                };
                if !(first..=last).any(|w| meaningful[w]) || (token.stop && !only_stop_words) {
                    continue;
                }
                if language != preferred && (first..=last).all(|w| claimed[w]) {
                    continue;
                }
                let Some(info) = vocabulary.term(&token.term) else {
                    continue;
                };
                (first..=last).for_each(|w| known[w] = true);
                terms.push(QueryTerm {
                    language,
                    term: token.term.clone(),
                    term_id: info.id,
                    first_word: first,
                    last_word: last,
                    kind,
                    corrected_to: None,
                });
            }
            if language == preferred {
                claimed.clone_from(&known);
            }
        }
        // Typo corrections for meaningful words nobody knows (at most MAX_CORRECTED_WORDS of them).
        let mut corrected = 0;
        for (i, word) in base.words.iter().enumerate() {
            if !meaningful[i] || known[i] {
                continue;
            }
            if corrected == MAX_CORRECTED_WORDS {
                break;
            }
            corrected += 1;
            for correction in self.vocabulary.typos.corrections(&word.text, 2) {
                let languages = self
                    .vocabulary
                    .surface
                    .get(correction.word)
                    .copied()
                    .unwrap_or_default();
                for language in languages.iter() {
                    let stem = self.analyzers.get(language).stem(correction.word);
                    if let Some(info) = self.vocabulary.language(language).term(&stem) {
                        terms.push(QueryTerm {
                            language,
                            term: stem,
                            term_id: info.id,
                            first_word: i,
                            last_word: i,
                            kind: MatchKind::Typo(correction.distance as u8),
                            corrected_to: Some(correction.word.to_string()),
                        });
                    }
                }
            }
        }
        let words = base
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                // A word's weight comes from the language in which it is most common: "emploi" met
                // once in a Dutch text is still an everyday French word.
                let exact = analyses
                    .iter()
                    .filter_map(|(l, analysis)| {
                        let stem = &analysis.words.get(i)?.stem;
                        self.vocabulary
                            .language(l)
                            .term(stem)
                            .map(|_| self.vocabulary.informativeness(l, stem))
                    })
                    .reduce(f32::min);
                let derived = || {
                    terms
                        .iter()
                        .filter(|t| t.first_word <= i && i <= t.last_word)
                        .map(|t| self.vocabulary.informativeness(t.language, &t.term))
                        .reduce(f32::min)
                };
                let mut informativeness =
                    if known[i] || terms.iter().any(|t| t.first_word <= i && i <= t.last_word) {
                        exact.or_else(derived).unwrap_or(1.0)
                    } else {
                        1.0
                    };
                if is_number(&w.text) {
                    informativeness = informativeness.min(NUMBER_WEIGHT);
                }
                let off_topic = !known[i]
                    && analyses.iter().any(|(l, analysis)| {
                        analysis
                            .words
                            .get(i)
                            .is_some_and(|w| self.off_topic[l].contains(&w.stem))
                    });
                QueryWord {
                    text: w.text.clone(),
                    offset_from: w.offset_from,
                    offset_to: w.offset_to,
                    meaningful: meaningful[i],
                    informativeness,
                    known: known[i],
                    corrected: !known[i]
                        && terms
                            .iter()
                            .any(|t| matches!(t.kind, MatchKind::Typo(_)) && t.first_word == i),
                    off_topic,
                }
            })
            .collect();
        let bank_hits = if only_stop_words {
            Vec::new()
        } else {
            self.bank.hits(&analyses, &meaningful)
        };
        let hits = self.run(&terms, preferred, limit)?;
        let term_ids = PerLanguage::from_fn(|l| {
            let mut ids: Vec<u32> = terms
                .iter()
                .filter(|t| t.language == l)
                .map(|t| t.term_id)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        });
        Ok(SearchResult {
            words,
            terms,
            hits,
            only_stop_words,
            term_ids,
            bank_hits,
        })
    }

    fn run(
        &self,
        terms: &[QueryTerm],
        preferred: Language,
        limit: usize,
    ) -> Result<Vec<Hit>, Error> {
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut clauses: HashMap<(tantivy::schema::Field, &str), f32> = HashMap::default();
        for term in terms {
            let info = self
                .vocabulary
                .language(term.language)
                .term(&term.term)
                .expect("query terms are known");
            let language_weight = if term.language == preferred {
                1.0
            } else {
                OTHER_LANGUAGE_WEIGHT
            };
            for kind in FieldKind::ALL {
                if info.fields & (1 << kind.index()) == 0 {
                    continue;
                }
                let number = if is_number(&term.term) {
                    NUMBER_WEIGHT
                } else {
                    1.0
                };
                let boost = kind.boost() * language_weight * term.kind.weight() * number;
                let field = self.fields.text(term.language, kind);
                let slot = clauses.entry((field, term.term.as_str())).or_insert(0.0);
                *slot = slot.max(boost);
            }
        }
        let subqueries: Vec<(Occur, Box<dyn Query>)> = clauses
            .into_iter()
            .map(|((field, text), boost)| {
                let query = TermQuery::new(
                    Term::from_field_text(field, text),
                    IndexRecordOption::WithFreqs,
                );
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), boost)) as Box<dyn Query>,
                )
            })
            .collect();
        let query = BooleanQuery::new(subqueries);
        let provider = super::statistics::Bm25Provider {
            stats: &self.statistics,
            vocabulary: &self.vocabulary,
        };
        let all = self.searcher.search_with_statistics_provider(
            &query,
            &super::collector::AllScored,
            &provider,
        )?;
        let top = super::collector::best(all, limit);
        Ok(top
            .into_iter()
            .filter_map(|(score, address)| {
                let number = *self
                    .doc_numbers
                    .get(address.segment_ord as usize)?
                    .get(address.doc_id as usize)? as usize;
                Some(Hit {
                    doc: self.doc_ref(number),
                    score,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_is_searched_on_its_first_words_only() {
        assert_eq!(
            first_words("  une question  courte "),
            "  une question  courte "
        );
        let long: String = (0..100).map(|i| format!("mot{i} ")).collect();
        let cut = first_words(&long);
        assert_eq!(cut.split_whitespace().count(), MAX_SEARCH_WORDS);
        assert!(cut.ends_with(&format!("mot{}", MAX_SEARCH_WORDS - 1)));
    }
}
