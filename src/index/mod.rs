//! The tantivy index of the knowledge base, and nothing else in the program knows about tantivy.
//! [`FaqIndex::build`] indexes every entry and partner in RAM, per language, with the analyzers of
//! `text_analysis`; [`FaqIndex::search`] turns a question into a BM25-ranked list of hits. Beside
//! tantivy it keeps the [vocabulary](vocabulary::Vocabulary) the answer layer needs to judge a hit:
//! which question words a document covers, and how telling each word is.

mod bank;
mod collector;
mod schema;
mod search;
mod statistics;
mod vocabulary;
mod writer;

use std::time::{Duration, Instant};

pub use bank::{BankHit, MAX_BANK_WORDS};
pub use schema::FieldKind;
pub use search::{
    Hit, MatchKind, NUMBER_WEIGHT, OTHER_LANGUAGE_WEIGHT, QueryTerm, QueryWord, SearchResult,
};
pub use vocabulary::TermInfo;

use crate::knowledge_base::KnowledgeBase;
use crate::text_analysis::{Analyzers, Language, PerLanguage};

/// A failure inside tantivy (out of memory, a bug): never a visitor's fault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// tantivy reported an error.
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// A document of the index: an entry or a partner, by position in the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocRef {
    /// Position in [`KnowledgeBase::entries`].
    Entry(usize),
    /// Position in [`KnowledgeBase::partners`] (id order).
    Partner(usize),
}

/// Figures about a built index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexStats {
    /// Entries indexed.
    pub entries: usize,
    /// Partners indexed.
    pub partners: usize,
    /// Distinct terms per language.
    pub terms: PerLanguage<usize>,
    /// Words known to the typo index.
    pub typo_words: usize,
    /// Words in the Dutch compound dictionary.
    pub dutch_lexicon: usize,
    /// Time to build analyzers, index and vocabulary.
    pub build_time: Duration,
}

/// The searchable knowledge base.
pub struct FaqIndex {
    fields: schema::Fields,
    #[allow(dead_code)]
    index: tantivy::Index,
    searcher: tantivy::Searcher,
    doc_numbers: Vec<Vec<u32>>,
    vocabulary: vocabulary::Vocabulary,
    analyzers: Analyzers,
    entry_count: usize,
    partner_ids: Vec<String>,
    /// Per language: stems of the site's off-topic words that no document uses.
    off_topic: PerLanguage<rustc_hash::FxHashSet<String>>,
    /// BM25 statistics, computed once (tantivy would otherwise look them up for every query term).
    statistics: statistics::Bm25Stats,
    bank: bank::Bank,
    stats: IndexStats,
}

impl std::fmt::Debug for FaqIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaqIndex")
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

impl FaqIndex {
    /// Builds the analyzers (synonyms, Dutch compound dictionary) and the index of `kb`.
    pub fn build(kb: &KnowledgeBase) -> Result<FaqIndex, Error> {
        let started = Instant::now();
        let dutch_texts = kb.entries().iter().flat_map(|e| {
            let t = e.text(Language::Nl);
            std::iter::once(t.question.as_str())
                .chain(t.phrasings.iter().map(String::as_str))
                .chain(t.keywords.iter().map(String::as_str))
                .chain(std::iter::once(t.answer_text.as_str()))
        });
        let partner_texts = kb.partners().values().flat_map(|p| {
            let t = p.text(Language::Nl);
            [t.name.as_str(), t.services.as_str()]
        });
        let mut analyzers = Analyzers::build(kb.synonyms(), dutch_texts.chain(partner_texts));
        let fields = schema::Fields::new();
        let built = writer::build(kb, &analyzers, &fields)?;
        for language in Language::ALL {
            let words = built
                .vocabulary
                .surface
                .iter()
                .filter(|(_, languages)| languages.contains(language))
                .map(|(w, _)| w.as_str());
            analyzers.get_mut(language).cache_stems(words);
        }
        let statistics = statistics::Bm25Stats::new(&built.searcher, &fields, &built.vocabulary)?;
        let off_topic = PerLanguage::from_fn(|language| {
            let analyzer = analyzers.get(language);
            let vocabulary = built.vocabulary.language(language);
            kb.site()
                .off_topic(language)
                .iter()
                .flat_map(|phrase| analyzer.content_terms(phrase))
                .filter(|stem| vocabulary.term(stem).is_none())
                .collect()
        });
        let bank = bank::Bank::build(kb, &analyzers, &built.vocabulary);
        let stats = IndexStats {
            entries: kb.entries().len(),
            partners: kb.partners().len(),
            terms: PerLanguage::from_fn(|l| built.vocabulary.language(l).terms.len()),
            typo_words: built.vocabulary.typos.len(),
            dutch_lexicon: analyzers.dutch_lexicon_len(),
            build_time: started.elapsed(),
        };
        Ok(FaqIndex {
            fields,
            index: built.index,
            searcher: built.searcher,
            doc_numbers: built.doc_numbers,
            vocabulary: built.vocabulary,
            analyzers,
            entry_count: kb.entries().len(),
            partner_ids: kb.partners().keys().cloned().collect(),
            off_topic,
            statistics,
            bank,
            stats,
        })
    }

    /// The analyzers the index was built with (use them for anything compared with indexed text).
    pub fn analyzers(&self) -> &Analyzers {
        &self.analyzers
    }

    /// Figures about the index.
    pub fn stats(&self) -> IndexStats {
        self.stats
    }

    /// Number of analysed questions in the bank of declined questions.
    pub fn bank_len(&self) -> usize {
        self.bank.len()
    }

    /// The partner id of a partner document.
    pub fn partner_id(&self, position: usize) -> &str {
        &self.partner_ids[position]
    }

    fn doc_ref(&self, number: usize) -> DocRef {
        if number < self.entry_count {
            DocRef::Entry(number)
        } else {
            DocRef::Partner(number - self.entry_count)
        }
    }

    fn doc_number(&self, doc: DocRef) -> usize {
        match doc {
            DocRef::Entry(i) => i,
            DocRef::Partner(i) => self.entry_count + i,
        }
    }

    /// The fields of `doc` (bit per [`FieldKind`]) that contain the term `term_id` of `language`;
    /// 0 when it does not contain it.
    pub fn doc_fields(&self, doc: DocRef, language: Language, term_id: u32) -> u8 {
        self.vocabulary
            .language(language)
            .doc_fields(self.doc_number(doc), term_id)
    }

    /// How closely the question resembles the most similar single phrasing of `doc` (its question or one
    /// alternate phrasing, in any language), in [0, 1]: the weight of the question words the phrasing
    /// contains, over the weight of the question words plus that of the phrasing's own words the question
    /// lacks (a weighted Jaccard similarity; words weighted by `word_weights`, one per question word).
    pub fn phrasing_similarity(
        &self,
        doc: DocRef,
        search: &SearchResult,
        word_weights: &[f32],
    ) -> f32 {
        let total: f32 = word_weights.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        let number = self.doc_number(doc);
        let mut best = 0.0f32;
        let mut quality = vec![0.0f32; word_weights.len()];
        let mut language_terms: Vec<&search::QueryTerm> = Vec::with_capacity(search.terms.len());
        for language in Language::ALL {
            let vocabulary = self.vocabulary.language(language);
            let query_ids = &search.term_ids[language];
            if query_ids.is_empty() {
                continue;
            }
            language_terms.clear();
            language_terms.extend(search.terms.iter().filter(|t| t.language == language));
            for phrasing in vocabulary.phrasings(number) {
                // Cheap rejection: no searched term in this phrasing.
                if !query_ids
                    .iter()
                    .any(|id| phrasing.terms.binary_search(id).is_ok())
                {
                    continue;
                }
                quality.iter_mut().for_each(|q| *q = 0.0);
                for term in &language_terms {
                    if phrasing.terms.binary_search(&term.term_id).is_ok() {
                        for q in &mut quality[term.first_word..=term.last_word] {
                            *q = q.max(term.kind.weight());
                        }
                    }
                }
                let matched: f32 = quality.iter().zip(word_weights).map(|(q, w)| q * w).sum();
                if matched <= 0.0 {
                    continue;
                }
                let extra: f32 = phrasing
                    .words
                    .iter()
                    .filter(|id| query_ids.binary_search(id).is_err())
                    .map(|&id| vocabulary.term_weights[id as usize].max(0.1))
                    .sum();
                best = best.max(matched / (total + extra));
            }
        }
        best
    }

    /// The typo index (benchmarks).
    #[doc(hidden)]
    pub fn typo_index_for_bench(&self) -> &crate::text_analysis::TypoIndex {
        &self.vocabulary.typos
    }

    /// Informativeness of a term (see [`QueryWord::informativeness`]).
    pub fn informativeness(&self, language: Language, term: &str) -> f32 {
        self.vocabulary.informativeness(language, term)
    }
}
