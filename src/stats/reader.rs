//! [`StatsReader`]: the queries behind the editors' pages and `cdm-faq stats`, wherever the statistics
//! are kept — a read-only connection to the SQLite file, or the site's rows in the shared database
//! (where every replica's counts are together).

use std::path::Path;
use std::time::Instant;

use super::location::StatsLocation;
use super::postgres_store::PostgresStats;
use super::sqlite_store::{Count, SqliteReader, StatsError, UnansweredQuestion, YearReport};

/// Read access to one site's statistics.
pub enum StatsReader {
    /// The SQLite file, read-only.
    Sqlite(SqliteReader),
    /// The shared database (every query has the server's statement timeout).
    Postgres(PostgresStats),
}

/// Calls the same method on whichever reader this is.
macro_rules! either {
    ($self:ident, $reader:ident => $call:expr) => {
        match $self {
            StatsReader::Sqlite($reader) => $call,
            StatsReader::Postgres($reader) => $call,
        }
    };
}

impl StatsReader {
    /// The SQLite file at `path`, read-only; `None` when it does not exist yet.
    pub fn open(path: &Path) -> Result<Option<StatsReader>, StatsError> {
        Ok(SqliteReader::open(path)?.map(StatsReader::Sqlite))
    }

    /// The statistics at `location`; `None` when there are none yet (no SQLite file).
    pub fn open_at(location: &StatsLocation) -> Result<Option<StatsReader>, StatsError> {
        match location {
            StatsLocation::File(path) => StatsReader::open(path),
            StatsLocation::Database { database, site } => Ok(Some(StatsReader::Postgres(
                PostgresStats::new(std::sync::Arc::clone(database), site),
            ))),
        }
    }

    /// Interrupts any SQLite query still running at `deadline`; on PostgreSQL the server's statement
    /// timeout and the pool's deadline bound every query already.
    pub fn with_deadline(self, deadline: Instant) -> Result<StatsReader, StatsError> {
        match self {
            StatsReader::Sqlite(r) => Ok(StatsReader::Sqlite(r.with_deadline(deadline)?)),
            postgres => Ok(postgres),
        }
    }

    /// The figures of `year`.
    pub fn year(&self, year: i32) -> Result<YearReport, StatsError> {
        either!(self, r => r.year(year))
    }

    /// The kept questions since `since` (inclusive), newest first, at most `limit`.
    pub fn unanswered(
        &self,
        since: time::Date,
        limit: usize,
    ) -> Result<Vec<UnansweredQuestion>, StatsError> {
        either!(self, r => r.unanswered(since, limit))
    }

    /// The kept questions with an id above `after`, oldest first, at most `limit`.
    pub fn unanswered_after(
        &self,
        after: i64,
        limit: usize,
    ) -> Result<Vec<UnansweredQuestion>, StatsError> {
        either!(self, r => r.unanswered_after(after, limit))
    }

    /// The lowest and highest ids of the kept questions (`None` when there are none).
    pub fn unanswered_ids(&self) -> Result<Option<(i64, i64)>, StatsError> {
        either!(self, r => r.unanswered_ids())
    }

    /// The id below which the newest `newest` kept questions start (0 when there are fewer).
    pub fn unanswered_start(&self, newest: usize) -> Result<i64, StatsError> {
        either!(self, r => r.unanswered_start(newest))
    }

    /// Kept questions with an id above `after`.
    pub fn unanswered_count_after(&self, after: i64) -> Result<u64, StatsError> {
        either!(self, r => r.unanswered_count_after(after))
    }

    /// The entries visitors saw most since `since_hour`, at most `limit`.
    pub fn most_asked(&self, since_hour: &str, limit: usize) -> Result<Vec<Count>, StatsError> {
        either!(self, r => r.most_asked(since_hour, limit))
    }

    /// Number of kept questions (all days).
    pub fn unanswered_count(&self) -> Result<u64, StatsError> {
        either!(self, r => r.unanswered_count())
    }
}

#[cfg(test)]
mod tests {
    //! Properties: the same events give the same figures on SQLite and on PostgreSQL (the year's
    //! table, the kept questions, their counts and id ranges, the most seen entries, the purge); on
    //! PostgreSQL two writers (two replicas) add up in one site's rows and another site sees none.
    use super::*;
    use crate::database::tests::{test_database, unique};
    use crate::stats::{Event, ReplyEvent, StatsStore, Via, ViewEvent};

    fn reply(hour: &str, kind: &str, entry: &str, kept: Option<&str>) -> Event {
        Event::Reply(ReplyEvent {
            hour: hour.into(),
            page_lang: "fr".into(),
            reply_lang: if kind == "smalltalk" { "en" } else { "fr" }.into(),
            kind: kind.into(),
            theme: if entry.is_empty() { "" } else { "work" }.into(),
            entry_id: entry.into(),
            partner_id: if kind == "answer" { "actiris" } else { "" }.into(),
            band: "high".into(),
            kept_question: kept.map(str::to_string),
            confidence: 0.25,
            closest_entry: "work/cv".into(),
        })
    }

    fn events() -> Vec<Event> {
        let today = time::OffsetDateTime::now_utc().date();
        let hour = format!("{today}T09");
        vec![
            reply("2026-03-04T10", "answer", "work/cv", None),
            reply("2026-03-04T10", "answer", "work/cv", None),
            reply("2026-03-05T11", "clarify", "", None),
            reply(
                "2026-04-01T08",
                "no_answer",
                "",
                Some("où garer mon vélo ?"),
            ),
            reply(
                &hour,
                "no_answer",
                "",
                Some("une question de marie@example.be"),
            ),
            reply(
                &hour,
                "answer",
                "learn/dutch",
                Some("cours du soir néerlandais"),
            ),
            reply("2026-05-01T08", "smalltalk", "", None),
            Event::Feedback {
                day: "2026-03-06".into(),
                entry_id: "work/cv".into(),
                helpful: true,
            },
            Event::Feedback {
                day: "2026-03-06".into(),
                entry_id: "work/cv".into(),
                helpful: false,
            },
            Event::View(ViewEvent {
                hour: "2026-03-04T12".into(),
                via: Via::Suggestion,
                lang: "fr".into(),
                theme: "learn".into(),
                entry_id: "learn/dutch".into(),
            }),
        ]
    }

    /// Everything a reader says, ids left out (they are the database's own numbering).
    fn figures(reader: &StatsReader) -> String {
        let since = time::OffsetDateTime::now_utc().date() - time::Duration::days(400);
        let questions: Vec<_> = reader
            .unanswered(since, 100)
            .unwrap()
            .into_iter()
            .map(|q| (q.day, q.lang, q.kind, q.question, q.closest_entry))
            .collect();
        let (low, high) = reader.unanswered_ids().unwrap().unwrap();
        let after: Vec<_> = reader
            .unanswered_after(low, 10)
            .unwrap()
            .into_iter()
            .map(|q| q.question)
            .collect();
        format!(
            "{:?}\n{questions:?}\n{after:?}\n{} {} {} {}\n{:?}",
            reader.year(2026).unwrap(),
            reader.unanswered_count().unwrap(),
            reader.unanswered_count_after(low).unwrap(),
            reader.unanswered_start(1).unwrap() > low,
            high > low,
            reader.most_asked("2026-01-01T00", 10).unwrap(),
        )
    }

    #[test]
    fn sqlite_and_postgres_give_the_same_figures() {
        let Some(database) = test_database() else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        let database = std::sync::Arc::new(database);
        let site = unique("stats");
        let postgres = StatsLocation::Database {
            database: std::sync::Arc::clone(&database),
            site: site.clone(),
        };
        let mut outputs = Vec::new();
        for location in [StatsLocation::File(path.clone()), postgres.clone()] {
            let mut store = StatsStore::open_at(&location).unwrap();
            store.check_writable().unwrap();
            store.write(&events()).unwrap();
            let reader = StatsReader::open_at(&location).unwrap().unwrap();
            let before = figures(&reader);
            assert!(before.contains("cours du soir"), "{before}");
            let today = time::OffsetDateTime::now_utc().date();
            assert_eq!(store.purge(today, 90).unwrap(), 1, "the April question");
            outputs.push((before, figures(&reader)));
        }
        assert_eq!(outputs[0].0, outputs[1].0, "before the purge");
        assert_eq!(outputs[0].1, outputs[1].1, "after the purge");

        // A second writer (another replica) adds to the same rows; another site sees none of it.
        StatsStore::open_at(&postgres)
            .unwrap()
            .write(&events()[..2])
            .unwrap();
        let report = StatsReader::open_at(&postgres)
            .unwrap()
            .unwrap()
            .year(2026)
            .unwrap();
        assert_eq!(report.months[2].answered, 4);
        let other = StatsLocation::Database {
            database,
            site: unique("empty"),
        };
        let empty = StatsReader::open_at(&other).unwrap().unwrap();
        assert_eq!(empty.year(2026).unwrap().total(), 0);
        assert_eq!(empty.unanswered_count().unwrap(), 0);
        assert_eq!(empty.unanswered_ids().unwrap(), None);
    }
}
