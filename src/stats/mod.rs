//! Anonymous statistics, kept in an embedded SQLite database (or, for replicas, in the shared
//! PostgreSQL database: `location.rs`, `writer.rs`, `reader.rs` choose): replies counted by hour, language, kind,
//! theme, entry, partner and confidence band; answers opened without typing, by source; questions that were declined or doubtful, scrubbed of
//! personal data and purged after the retention period; feedback votes. No IP address, cookie or user id
//! is ever recorded. The store is never on the answering path's list of critical failures (see
//! `recorder.rs`).

mod event;
mod grouping;
mod grouping_cache;
mod location;
mod postgres_store;
mod reader;
mod recorder;
mod report;
mod scrub;
mod sqlite_store;
mod view;
mod writer;

pub use event::{
    Event, KEEP_BELOW_CONFIDENCE, ReplyEvent, band, current_hour, keeps_question, reply_event,
};
pub use grouping::{Grouping, QuestionGroup, group_questions};
pub use grouping_cache::{CAPACITY, GroupingCache, GroupsPage, PageGroup, PageQuery};
pub use location::StatsLocation;
pub use postgres_store::PostgresStats;
pub use reader::StatsReader;
pub use recorder::{QUEUE_CAPACITY, Recorder, StatsCounters, StatsState};
pub use report::CsvDialect;
pub use scrub::scrub;
pub use sqlite_store::{
    Batch, Count, MonthRow, SqliteReader, SqliteStats, StatsError, UnansweredQuestion, YearReport,
    YearRows,
};
pub use view::{Via, ViewEvent};
pub use writer::StatsStore;

/// File name of the database in the data folder.
pub const DATABASE_FILE: &str = "statistics.sqlite";
