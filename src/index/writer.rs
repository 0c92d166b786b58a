//! Knowledge base → tantivy documents, in RAM. Every text is analysed once with the language's
//! [`Analyzer`](crate::text_analysis::Analyzer) and handed to tantivy pre-tokenized, so the index holds
//! exactly the terms that the same analyzer produces for questions. The in-memory [`Vocabulary`] is
//! filled from the same tokens.

use std::collections::{BTreeMap, HashMap};

use tantivy::schema::TantivyDocument;
use tantivy::tokenizer::{PreTokenizedString, Token as TantivyToken};
use tantivy::{Index, ReloadPolicy, Searcher};

use super::schema::{FieldKind, Fields, ORD};
use super::vocabulary::{Phrasing, TermInfo, Vocabulary};
use super::{DocRef, Error};
use crate::knowledge_base::KnowledgeBase;
use crate::text_analysis::{Analyzers, Language, PerLanguage, TokenKind, TypoIndex};

/// Memory for tantivy's indexing arena: plenty for a knowledge base of a few thousand entries.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

pub(crate) struct Built {
    pub(crate) index: Index,
    pub(crate) searcher: Searcher,
    /// segment ord → doc id → document number.
    pub(crate) doc_numbers: Vec<Vec<u32>>,
    pub(crate) vocabulary: Vocabulary,
}

/// The texts of one document, per language and field.
fn texts(kb: &KnowledgeBase, doc: DocRef, language: Language) -> [Vec<&str>; 4] {
    match doc {
        DocRef::Entry(i) => {
            let entry = &kb.entries()[i];
            let text = entry.text(language);
            let question = std::iter::once(text.question.as_str())
                .chain(text.phrasings.iter().map(String::as_str))
                .collect();
            let keywords = text.keywords.iter().map(String::as_str).collect();
            let partners = entry
                .partners
                .iter()
                .filter_map(|p| kb.partner(p))
                .map(|p| p.text(language).name.as_str())
                .collect();
            [
                question,
                keywords,
                partners,
                vec![text.answer_text.as_str()],
            ]
        }
        DocRef::Partner(i) => {
            let partner = kb
                .partners()
                .values()
                .nth(i)
                .expect("partner number in range");
            let text = partner.text(language);
            [
                vec![text.name.as_str()],
                vec![partner.id.as_str()],
                Vec::new(),
                vec![text.services.as_str()],
            ]
        }
    }
}

/// Builds the index and the vocabulary.
pub(crate) fn build(
    kb: &KnowledgeBase,
    analyzers: &Analyzers,
    fields: &Fields,
) -> Result<Built, Error> {
    let index = Index::create_in_ram(fields.schema.clone());
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY)?;
    let mut vocabulary = Vocabulary {
        entry_count: kb.entries().len(),
        ..Vocabulary::default()
    };
    let entries = kb.entries().len();
    let docs: Vec<DocRef> = (0..entries)
        .map(DocRef::Entry)
        .chain((0..kb.partners().len()).map(DocRef::Partner))
        .collect();
    let mut doc_sets: PerLanguage<Vec<BTreeMap<u32, u8>>> = Default::default();
    for (number, &doc) in docs.iter().enumerate() {
        let mut document = TantivyDocument::new();
        document.add_u64(fields.ord, number as u64);
        for language in Language::ALL {
            let analyzer = analyzers.get(language);
            let lang_vocabulary = &mut vocabulary.languages[language];
            let mut doc_terms: BTreeMap<u32, u8> = BTreeMap::new();
            let mut phrasings: Vec<Phrasing> = Vec::new();
            for (kind, values) in FieldKind::ALL.iter().zip(texts(kb, doc, language)) {
                for value in values {
                    if value.is_empty() {
                        continue;
                    }
                    let analysis = analyzer.analyze(value);
                    let mut tokens = Vec::with_capacity(analysis.tokens.len());
                    let mut phrasing = Phrasing::default();
                    for token in &analysis.tokens {
                        let word = &analysis.words[token.word];
                        tokens.push(TantivyToken {
                            offset_from: word.offset_from,
                            offset_to: word.offset_to,
                            position: token.word,
                            text: token.term.clone(),
                            position_length: 1,
                        });
                        let next_id = lang_vocabulary.terms.len() as u32;
                        let info =
                            lang_vocabulary
                                .terms
                                .entry(token.term.clone())
                                .or_insert(TermInfo {
                                    id: next_id,
                                    entry_df: 0,
                                    partner_df: 0,
                                    fields: 0,
                                });
                        info.fields |= 1 << kind.index();
                        *doc_terms.entry(info.id).or_default() |= 1 << kind.index();
                        phrasing.terms.push(info.id);
                        if token.kind == TokenKind::Word && !token.stop {
                            phrasing.words.push(info.id);
                        }
                    }
                    for word in analysis.words.iter().filter(|w| !w.stop) {
                        if word.text.chars().all(char::is_alphabetic) {
                            vocabulary
                                .surface
                                .entry(word.text.clone())
                                .or_default()
                                .insert(language);
                        }
                    }
                    if *kind == FieldKind::Question {
                        phrasing.terms.sort_unstable();
                        phrasing.terms.dedup();
                        phrasing.words.sort_unstable();
                        phrasing.words.dedup();
                        phrasings.push(phrasing);
                    }
                    document.add_pre_tokenized_text(
                        fields.text(language, *kind),
                        PreTokenizedString {
                            text: value.to_string(),
                            tokens,
                        },
                    );
                }
            }
            doc_sets[language].push(doc_terms);
            lang_vocabulary.phrasings.push(phrasings);
        }
        writer.add_document(document)?;
    }
    writer.commit()?;
    drop(writer);
    // Document frequencies and per-document term lists.
    for language in Language::ALL {
        let lang_vocabulary = &mut vocabulary.languages[language];
        let mut df: HashMap<u32, (u32, u32)> = HashMap::new();
        let mut field_dfs = vec![[0u32; 4]; lang_vocabulary.terms.len()];
        for (number, set) in doc_sets[language].iter().enumerate() {
            for (id, mask) in set {
                for kind in FieldKind::ALL {
                    if mask & (1 << kind.index()) != 0 {
                        field_dfs[*id as usize][kind.index()] += 1;
                    }
                }
                let counts = df.entry(*id).or_default();
                if number < entries {
                    counts.0 += 1;
                } else {
                    counts.1 += 1;
                }
            }
        }
        for info in lang_vocabulary.terms.values_mut() {
            let (e, p) = df.get(&info.id).copied().unwrap_or_default();
            info.entry_df = e;
            info.partner_df = p;
        }
        let n = vocabulary.entry_count.max(2) as f32;
        let mut weights = vec![0.0f32; lang_vocabulary.terms.len()];
        for info in lang_vocabulary.terms.values() {
            weights[info.id as usize] = if info.entry_df > 0 {
                ((n / info.entry_df as f32).ln() / n.ln()).clamp(0.0, 1.0)
            } else {
                0.8
            };
        }
        lang_vocabulary.term_weights = weights;
        lang_vocabulary.field_dfs = field_dfs;
        for set in std::mem::take(&mut doc_sets[language]) {
            let (terms, fields): (Vec<u32>, Vec<u8>) = set.into_iter().unzip();
            lang_vocabulary.doc_terms.push(terms);
            lang_vocabulary.doc_fields.push(fields);
        }
    }
    vocabulary.typos = TypoIndex::new(vocabulary.surface.keys().map(String::as_str));
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = tantivy::IndexReader::searcher(&reader);
    let mut doc_numbers = Vec::with_capacity(searcher.segment_readers().len());
    for segment in searcher.segment_readers() {
        let column = segment.fast_fields().u64(ORD)?;
        let numbers = (0..segment.max_doc())
            .map(|doc| column.first(doc).unwrap_or(u64::MAX) as u32)
            .collect();
        doc_numbers.push(numbers);
    }
    debug_assert_eq!(
        searcher.num_docs() as usize,
        docs.len(),
        "every document is indexed"
    );
    Ok(Built {
        index,
        searcher,
        doc_numbers,
        vocabulary,
    })
}
