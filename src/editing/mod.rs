//! The editors' and counsellors' workspace, below the pages: one store through which every change to
//! the knowledge base goes ([`KnowledgeStore`]: read, then `save(change, author, expected_version)`,
//! checked by the same checker as `cdm-faq check` before anything is written), the changes it accepts
//! ([`Change`], [`EntryDraft`]), writing TOML that keeps the editors' comments (`toml_write.rs`), the
//! history of saves (`history.rs`, SQLite) and git commits (`git.rs`); for replicas, the same store
//! over PostgreSQL (`postgres_store.rs`: the knowledge base, its versions and history in the database).

mod change;
mod git;
mod history;
mod postgres_store;
mod store;
mod toml_write;

pub use change::{Action, Change, DraftText, EntryDraft, OUT_OF_SCOPE_FILE, entry_file};
pub use git::GitOutcome;
pub use history::{FileChanges, HISTORY_FILE, History, HistoryError, Revision, line_diff};
pub use postgres_store::{COPY_FOLDER, KB_CHANNEL, PostgresStore};
pub use store::{
    Author, FieldProblem, FileStore, KnowledgeStore, SaveError, Saved, Snapshot, version_of,
};
pub use toml_write::{
    BankEditError, NotToml, add_declined_question, apply_draft, field_at_line, new_entry_text,
    read_draft, sign_off,
};
