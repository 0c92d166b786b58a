//! The BM25 statistics of the index (documents, tokens per field, document frequency of every term in
//! every field), computed once when the index is built and handed to tantivy with each query, instead of
//! tantivy looking them up in its term dictionaries for every term of every query. Same numbers, same
//! scores, a fraction of the work: the index never changes once built.

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::Error;
use super::schema::{FieldKind, Fields};
use super::vocabulary::Vocabulary;
use crate::text_analysis::{Language, PerLanguage};

/// Precomputed BM25 statistics, borrowed by [`Bm25Provider`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Bm25Stats {
    total_docs: u64,
    /// Per language and field kind: total tokens.
    total_tokens: PerLanguage<[u64; 4]>,
    /// Field id → (language, field kind).
    fields: Vec<Option<(Language, FieldKind)>>,
}

impl Bm25Stats {
    pub(crate) fn new(
        searcher: &Searcher,
        schema: &Fields,
        _vocabulary: &Vocabulary,
    ) -> Result<Bm25Stats, Error> {
        let mut total_tokens: PerLanguage<[u64; 4]> = PerLanguage::default();
        let mut fields = Vec::new();
        for language in Language::ALL {
            for kind in FieldKind::ALL {
                let field = schema.text(language, kind);
                total_tokens[language][kind.index()] = searcher.total_num_tokens(field)?;
                let id = field.field_id() as usize;
                if fields.len() <= id {
                    fields.resize(id + 1, None);
                }
                fields[id] = Some((language, kind));
            }
        }
        Ok(Bm25Stats {
            total_docs: searcher.num_docs(),
            total_tokens,
            fields,
        })
    }

    fn locate(&self, field: Field) -> Option<(Language, FieldKind)> {
        self.fields
            .get(field.field_id() as usize)
            .copied()
            .flatten()
    }
}

/// The statistics of one index, as tantivy asks for them.
pub(crate) struct Bm25Provider<'a> {
    pub(crate) stats: &'a Bm25Stats,
    pub(crate) vocabulary: &'a Vocabulary,
}

impl Bm25StatisticsProvider for Bm25Provider<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        Ok(self
            .stats
            .locate(field)
            .map_or(0, |(l, k)| self.stats.total_tokens[l][k.index()]))
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.stats.total_docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let Some((language, kind)) = self.stats.locate(term.field()) else {
            return Ok(0);
        };
        let value = term.value();
        let text = value.as_str().unwrap_or_default();
        let vocabulary = self.vocabulary.language(language);
        Ok(vocabulary
            .term(text)
            .map_or(0, |info| u64::from(vocabulary.field_df(info.id, kind))))
    }
}
