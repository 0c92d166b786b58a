//! What the index contains, kept in memory beside tantivy for the answer layer: every term with its
//! document frequency and the fields it occurs in, every document's set of terms (to tell which words
//! of a question an entry covers), and the known surface words (for typo correction).

use rustc_hash::FxHashMap as HashMap;

use crate::text_analysis::{Language, LanguageSet, PerLanguage, TypoIndex};

/// A term of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermInfo {
    /// Term number.
    pub id: u32,
    /// Number of entries containing it.
    pub entry_df: u32,
    /// Number of partners containing it.
    pub partner_df: u32,
    /// Bit `FieldKind::index()` set when the term occurs in that field of some document.
    pub fields: u8,
}

/// The terms of one language.
#[derive(Debug, Clone, Default)]
pub(crate) struct LanguageVocabulary {
    pub(crate) terms: HashMap<String, TermInfo>,
    /// Per document number: sorted term ids.
    pub(crate) doc_terms: Vec<Vec<u32>>,
    /// Per document number, parallel to `doc_terms`: the fields (bit per `FieldKind`) holding the term.
    pub(crate) doc_fields: Vec<Vec<u8>>,
    /// Per document number: each phrasing (the question, then every alternate phrasing) as the sorted
    /// ids of all its terms, and the ids of its content words only.
    pub(crate) phrasings: Vec<Vec<Phrasing>>,
    /// Per term id: its informativeness (see [`Vocabulary::informativeness`]).
    pub(crate) term_weights: Vec<f32>,
    /// Per term id: the number of documents containing it, per field kind.
    pub(crate) field_dfs: Vec<[u32; 4]>,
}

/// One phrasing of a document, as term ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Phrasing {
    /// All its terms (words, synonyms, compound parts), sorted.
    pub(crate) terms: Vec<u32>,
    /// The terms of its content words (not stop words, not synonyms or parts), deduplicated.
    pub(crate) words: Vec<u32>,
}

impl LanguageVocabulary {
    pub(crate) fn term(&self, term: &str) -> Option<&TermInfo> {
        self.terms.get(term)
    }

    /// The fields of document `doc` that contain the term, as a bit mask (0 when none).
    /// Number of documents containing term `id` in fields of `kind`.
    pub(crate) fn field_df(&self, id: u32, kind: super::schema::FieldKind) -> u32 {
        self.field_dfs
            .get(id as usize)
            .map_or(0, |d| d[kind.index()])
    }

    /// The phrasings of document `doc`.
    pub(crate) fn phrasings(&self, doc: usize) -> &[Phrasing] {
        self.phrasings.get(doc).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn doc_fields(&self, doc: usize, term_id: u32) -> u8 {
        match self.doc_terms.get(doc).map(|t| t.binary_search(&term_id)) {
            Some(Ok(i)) => self.doc_fields[doc][i],
            _ => 0,
        }
    }
}

/// The vocabulary of the whole index.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    pub(crate) languages: PerLanguage<LanguageVocabulary>,
    /// Known content words (folded) → the languages whose texts use them.
    pub(crate) surface: HashMap<String, LanguageSet>,
    pub(crate) typos: TypoIndex,
    pub(crate) entry_count: usize,
}

impl Vocabulary {
    pub(crate) fn language(&self, language: Language) -> &LanguageVocabulary {
        &self.languages[language]
    }

    /// Inverse document frequency of a term over entries, scaled to [0, 1]: 1 for a term found in a
    /// single entry, near 0 for one found in all of them. Unknown terms get 0.
    pub(crate) fn informativeness(&self, language: Language, term: &str) -> f32 {
        let n = self.entry_count.max(2) as f32;
        match self.language(language).term(term) {
            Some(info) if info.entry_df > 0 => {
                ((n / info.entry_df as f32).ln() / n.ln()).clamp(0.0, 1.0)
            }
            // Only in partner profiles: as telling as a rare entry term.
            Some(_) => 0.8,
            None => 0.0,
        }
    }
}
