//! The integration tests: one test binary (fast to link), one submodule per area.

mod common;

mod accuracy;
mod ask;
mod cli;
mod http;
mod knowledge_base;
