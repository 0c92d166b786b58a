//! cdm-faq: the FAQ chatbot and retrieval service of the Brussels Cité des métiers / Beroepenpunt.
//!
//! Module map (a request flows top to bottom; ARCHITECTURE.md walks through it file by file):
//! - [`knowledge_base`]: the curated files of `knowledge-base/`, loaded and checked;
//! - [`text_analysis`]: how text becomes terms in French, Dutch and English;
//! - [`index`]: the tantivy index (the only module that knows tantivy);
//! - [`answer`]: confidence, ranking, the decision and the reply contract;
//! - [`engine`]: a knowledge base + index ready to answer;
//! - [`eval`]: scoring labelled question sets;
//! - [`cli`]: the command line.
#![warn(missing_docs)]

pub mod answer;
pub mod cli;
pub mod engine;
pub mod eval;
pub mod index;
pub mod knowledge_base;
pub mod text_analysis;
