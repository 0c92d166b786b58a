//! [`StatsStore`]: the statistics the recorder writes to, wherever they are kept — the SQLite file
//! (`sqlite_store.rs`) or the shared PostgreSQL tables (`postgres_store.rs`); the same batches, the
//! same purge.

use std::path::Path;

use super::event::Event;
use super::location::StatsLocation;
use super::postgres_store::PostgresStats;
use super::sqlite_store::{Batch, SqliteStats, StatsError};

/// The writable statistics of one site.
pub enum StatsStore {
    /// A SQLite file.
    Sqlite(SqliteStats),
    /// The shared database.
    Postgres(PostgresStats),
}

impl StatsStore {
    /// The SQLite file at `path` (created when missing; see [`SqliteStats::open`]).
    pub fn open(path: &Path) -> Result<StatsStore, StatsError> {
        SqliteStats::open(path).map(StatsStore::Sqlite)
    }

    /// The statistics at `location`.
    pub fn open_at(location: &StatsLocation) -> Result<StatsStore, StatsError> {
        match location {
            StatsLocation::File(path) => StatsStore::open(path),
            StatsLocation::Database { database, site } => Ok(StatsStore::Postgres(
                PostgresStats::new(std::sync::Arc::clone(database), site),
            )),
        }
    }

    /// Checks that the statistics can be written now.
    pub fn check_writable(&mut self) -> Result<(), StatsError> {
        match self {
            StatsStore::Sqlite(s) => s.check_writable(),
            StatsStore::Postgres(s) => s.check_writable(),
        }
    }

    /// Writes a batch of events in one transaction (aggregated first).
    pub fn write(&mut self, events: &[Event]) -> Result<(), StatsError> {
        let mut batch = Batch::default();
        for event in events {
            batch.add(event);
        }
        self.write_batch(&batch)
    }

    /// Writes an aggregated batch in one transaction.
    pub fn write_batch(&mut self, batch: &Batch) -> Result<(), StatsError> {
        match self {
            StatsStore::Sqlite(s) => s.write_batch(batch),
            StatsStore::Postgres(s) => s.write_batch(batch),
        }
    }

    /// Deletes the kept questions older than `keep_days` before `today`; returns how many.
    pub fn purge(&self, today: time::Date, keep_days: u32) -> Result<usize, StatsError> {
        match self {
            StatsStore::Sqlite(s) => s.purge(today, keep_days),
            StatsStore::Postgres(s) => s.purge(today, keep_days),
        }
    }
}
