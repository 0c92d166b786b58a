//! cdm-faq: the FAQ chatbot and retrieval service of the Brussels Cité des métiers / Beroepenpunt.
//!
//! Module map (a request flows top to bottom; ARCHITECTURE.md walks through it file by file):
//! - [`knowledge_base`]: the curated files of `knowledge-base/`, loaded and checked;
//! - [`text_analysis`]: how text becomes terms in French, Dutch and English;
//! - [`index`]: the tantivy index (the only module that knows tantivy);
//! - [`answer`]: confidence, ranking, the decision and the reply contract;
//! - [`engine`]: a knowledge base + index ready to answer;
//! - [`live`]: the served engine, reloaded without restart when the files change;
//! - [`suggest`]: question completions while the visitor types;
//! - [`editing`]: the editors' store: every change checked before it is written, history, git;
//! - [`stats`]: anonymous statistics (SQLite, or PostgreSQL for replicas) and the scrubbing of kept
//!   questions;
//! - [`accounts`]: named staff accounts, roles, passwords, sessions and login throttling (SQLite, or
//!   PostgreSQL for replicas);
//! - [`database`]: the PostgreSQL pool and migrations replicas share (`--database`);
//! - [`eval`]: scoring labelled question sets;
//! - [`http`]: the HTTP service: public API, widget, operations, editors' and counsellors' pages;
//! - [`config`]: the service's settings;
//! - [`deployment`]: the sites file: several Cités des métiers served by one process;
//! - [`cli`]: the command line.
#![warn(missing_docs)]

pub mod accounts;
pub mod answer;
pub mod cli;
pub mod config;
pub mod database;
pub mod deployment;
pub mod editing;
pub mod engine;
pub mod eval;
pub mod http;
pub mod index;
pub mod knowledge_base;
pub mod live;
pub mod stats;
pub mod suggest;
pub mod text_analysis;
