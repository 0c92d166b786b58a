//! Every field of the tantivy index, in one place. Each language has its own four text fields, filled
//! with that language's analyzer (pre-tokenized, see `writer.rs`), and a field boost used at query time.

use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};

use crate::text_analysis::{Language, PerLanguage};

/// Name of the fast field holding a document's number (entries first, then partners).
pub(crate) const ORD: &str = "ord";

/// The text fields of a document, per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// The question and its alternate phrasings (entries); the name (partners). The strongest signal.
    Question,
    /// Editors' extra search words.
    Keywords,
    /// The names of the entry's partners.
    Partners,
    /// The answer's plain text (entries); the services description (partners).
    Answer,
}

impl FieldKind {
    /// All kinds, in schema order; a kind's position is its bit in [`crate::index`] field masks.
    pub const ALL: [FieldKind; 4] = [
        FieldKind::Question,
        FieldKind::Keywords,
        FieldKind::Partners,
        FieldKind::Answer,
    ];

    /// Position in [`FieldKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// BM25 multiplier of the field: phrasings are what visitors write, so they weigh most.
    pub fn boost(self) -> f32 {
        match self {
            FieldKind::Question => 3.0,
            FieldKind::Keywords => 1.6,
            FieldKind::Partners => 0.8,
            FieldKind::Answer => 1.0,
        }
    }

    /// How much a question word found (only) in this field counts towards coverage: phrasings are
    /// what visitors write; a word met only in a long answer is weaker evidence.
    pub fn coverage_weight(self) -> f32 {
        match self {
            FieldKind::Question => 1.0,
            FieldKind::Keywords => 0.9,
            FieldKind::Partners => 0.75,
            FieldKind::Answer => 0.75,
        }
    }

    /// The best coverage weight among the fields of a bit mask (0 for an empty mask).
    pub fn best_coverage_weight(mask: u8) -> f32 {
        FieldKind::ALL
            .iter()
            .filter(|k| mask & (1 << k.index()) != 0)
            .map(|k| k.coverage_weight())
            .fold(0.0, f32::max)
    }

    fn name(self) -> &'static str {
        match self {
            FieldKind::Question => "question",
            FieldKind::Keywords => "keywords",
            FieldKind::Partners => "partners",
            FieldKind::Answer => "answer",
        }
    }
}

/// The schema and its fields.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub(crate) schema: Schema,
    pub(crate) ord: Field,
    text: PerLanguage<[Field; 4]>,
}

impl Fields {
    pub(crate) fn new() -> Fields {
        let mut builder = Schema::builder();
        let ord = builder.add_u64_field(ORD, FAST);
        // Positions are not needed (no phrase queries); frequencies are, for BM25. Every value is added
        // pre-tokenized by our analyzers, so tantivy's tokenizer (it needs a registered name) never runs.
        let options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let text = PerLanguage::from_fn(|language| {
            FieldKind::ALL.map(|kind| {
                builder.add_text_field(
                    &format!("{}_{}", kind.name(), language.code()),
                    options.clone(),
                )
            })
        });
        Fields {
            schema: builder.build(),
            ord,
            text,
        }
    }

    /// The field of `kind` in `language`.
    pub(crate) fn text(&self, language: Language, kind: FieldKind) -> Field {
        self.text[language][kind.index()]
    }
}
