//! The SQLite statistics database (the embedded default; `postgres_store.rs` is the shared one): aggregated reply counts (hour, languages, kind, theme, entry,
//! partner, confidence band — never a person), scrubbed unanswered questions (day only, purged after the
//! retention period) and feedback counts; and the queries behind the editors' pages and `cdm-faq stats`.

use std::path::Path;
use std::time::Instant;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::event::{Event, ReplyEvent};
use super::view::ViewEvent;

/// A statistics database failure (locked, full, unwritable, corrupt...).
#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    /// SQLite reported an error.
    #[error("statistics database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The folder could not be created.
    #[error("statistics folder: {0}")]
    Io(#[from] std::io::Error),
    /// The shared PostgreSQL database failed or did not answer in time.
    #[error("statistics database: {0}")]
    Database(#[from] crate::database::DatabaseError),
}

impl StatsError {
    /// True when a query was interrupted at its deadline ([`SqliteReader::with_deadline`], or
    /// PostgreSQL's statement timeout).
    pub fn is_interrupted(&self) -> bool {
        matches!(self, StatsError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::OperationInterrupted)
            || matches!(
                self,
                StatsError::Database(crate::database::DatabaseError::Timeout)
            )
    }
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS replies (
    hour TEXT NOT NULL,
    page_lang TEXT NOT NULL,
    reply_lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    theme TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    partner_id TEXT NOT NULL,
    confidence_band TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (hour, page_lang, reply_lang, kind, theme, entry_id, partner_id, confidence_band)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS unanswered (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    question TEXT NOT NULL,
    closest_entry TEXT NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS unanswered_day ON unanswered(day);
CREATE TABLE IF NOT EXISTS feedback (
    day TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, entry_id, helpful)
) WITHOUT ROWID;
";

/// The migration that added the answers opened without typing (kept apart from `SCHEMA`, additive:
/// an older database gains the table at its next opening, nothing else changes).
const VIEWS_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS views (
    hour TEXT NOT NULL,
    via TEXT NOT NULL,
    lang TEXT NOT NULL,
    theme TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (hour, via, lang, theme, entry_id)
) WITHOUT ROWID;
";

/// The writable statistics database.
pub struct SqliteStats {
    connection: Connection,
}

impl SqliteStats {
    /// Opens (and creates) the database at `path`: the folder is made private (0700) and the database
    /// files owner-only (0600), on creation and, when they were looser, at every start; deleted content
    /// is overwritten (`secure_delete`), so purged questions do not linger in the file.
    pub fn open(path: &Path) -> Result<SqliteStats, StatsError> {
        secure_files(path)?;
        let connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_millis(250))?;
        connection.pragma_update(None, "secure_delete", "ON")?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.execute_batch(SCHEMA)?;
        // SQLite creates the -wal and -shm files with the database file's mode; tighten any left
        // from an older, looser start.
        secure_files(path)?;

        connection.execute_batch(VIEWS_SCHEMA)?;
        Ok(SqliteStats { connection })
    }

    /// Checks that the database can be written (a real write), so that readiness means something
    /// before the first reply is recorded.
    pub fn check_writable(&mut self) -> Result<(), StatsError> {
        self.connection.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
             INSERT INTO meta (key, value) VALUES ('checked', 'yes') ON CONFLICT DO NOTHING;",
        )?;
        self.connection
            .execute("UPDATE meta SET value = value WHERE key = 'checked'", [])?;
        Ok(())
    }

    /// Writes an aggregated batch in one transaction.
    pub fn write_batch(&mut self, batch: &Batch) -> Result<(), StatsError> {
        let tx = self.connection.transaction()?;
        {
            let mut reply = tx.prepare_cached(
                "INSERT INTO replies (hour, page_lang, reply_lang, kind, theme, entry_id, partner_id, confidence_band, count)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT DO UPDATE SET count = count + excluded.count",
            )?;
            for ((hour, page_lang, reply_lang, kind, theme, entry_id, partner_id, band), count) in
                &batch.replies
            {
                reply.execute(params![
                    hour,
                    page_lang,
                    reply_lang,
                    kind,
                    theme,
                    entry_id,
                    partner_id,
                    band,
                    *count as i64
                ])?;
            }
            let mut unanswered = tx.prepare_cached(
                "INSERT INTO unanswered (day, lang, kind, question, closest_entry, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (day, lang, kind, question, closest, confidence) in &batch.kept {
                unanswered.execute(params![day, lang, kind, question, closest, confidence])?;
            }
            let mut feedback = tx.prepare_cached(
                "INSERT INTO feedback (day, entry_id, helpful, count) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT DO UPDATE SET count = count + excluded.count",
            )?;
            for ((day, entry_id, helpful), count) in &batch.feedback {
                feedback.execute(params![day, entry_id, i64::from(*helpful), *count as i64])?;
            }
            let mut view = tx.prepare_cached(
                "INSERT INTO views (hour, via, lang, theme, entry_id, count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT DO UPDATE SET count = count + excluded.count",
            )?;
            for (v, count) in &batch.views {
                view.execute(params![
                    v.hour,
                    v.via.as_str(),
                    v.lang,
                    v.theme,
                    v.entry_id,
                    *count as i64
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes the unanswered questions older than `keep_days` before `today`; returns how many. After
    /// a purge that deleted anything, the database is rebuilt (`VACUUM`, which also drops pages freed
    /// before `secure_delete` was on) and the write-ahead log emptied, so that the purged text is in
    /// neither file any more.
    pub fn purge(&self, today: time::Date, keep_days: u32) -> Result<usize, StatsError> {
        let cutoff = today - time::Duration::days(i64::from(keep_days));
        let deleted = self.connection.execute(
            "DELETE FROM unanswered WHERE day < ?1",
            params![cutoff.to_string()],
        )?;
        if deleted > 0 {
            self.connection.execute_batch("VACUUM")?;
            self.connection
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(deleted)
    }
}

/// Makes the database's folder private (0700) and its files owner-only (0600): created so when
/// missing, tightened when looser (the mode is never loosened).
fn secure_files(path: &Path) -> Result<(), StatsError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            std::fs::create_dir_all(dir)?;
        }
        if shared_folder(dir) {
            tracing::warn!(path = %dir.display(), "the statistics folder is a shared folder (sticky bit, like /tmp): its permissions are left alone; use a folder of the service's own");
        } else {
            restrict(dir, 0o700)?;
        }
    }
    if !path.exists() {
        create_private(path)?;
    }
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let file = std::path::PathBuf::from(name);
        if file.exists() {
            restrict(&file, 0o600)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn create_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(drop)
        .or_else(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Ok(())
            } else {
                Err(e)
            }
        })
}

/// A folder with the sticky bit (`/tmp`) belongs to everyone: never tightened.
#[cfg(unix)]
fn shared_folder(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o1000 != 0)
}

#[cfg(not(unix))]
fn shared_folder(_dir: &Path) -> bool {
    false
}

#[cfg(not(unix))]
fn create_private(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Removes from `path`'s mode every permission `allowed` does not grant.
#[cfg(unix)]
fn restrict(path: &Path, allowed: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode();
    if mode & 0o777 & !allowed != 0 {
        tracing::info!(path = %path.display(), from = format!("{:o}", mode & 0o777), to = format!("{:o}", mode & allowed), "tightening permissions of the statistics files");
        std::fs::set_permissions(
            path,
            std::fs::Permissions::from_mode(mode & allowed & 0o777),
        )?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _allowed: u32) -> std::io::Result<()> {
    Ok(())
}

type ReplyKey = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

/// Events aggregated before writing: counts per distinct key, kept questions as rows.
#[derive(Debug, Default)]
pub struct Batch {
    pub(super) replies: std::collections::HashMap<ReplyKey, u64>,
    pub(super) feedback: std::collections::HashMap<(String, String, bool), u64>,
    pub(super) kept: Vec<(String, String, String, String, String, f32)>,
    pub(super) views: std::collections::HashMap<ViewEvent, u64>,
    events: u64,
}

impl Batch {
    /// Adds an event (an `Answered` event is reduced to its figures here).
    pub fn add(&mut self, event: &Event) {
        match event {
            Event::Answered {
                reply,
                page_lang,
                question,
            } => {
                let figures = super::event::reply_event(
                    question.as_deref().unwrap_or_default(),
                    *page_lang,
                    reply,
                );
                self.add_reply(figures);
            }
            Event::Reply(figures) => self.add_reply(figures.clone()),
            Event::Feedback {
                day,
                entry_id,
                helpful,
            } => {
                *self
                    .feedback
                    .entry((day.clone(), entry_id.clone(), *helpful))
                    .or_default() += 1;
                self.events += 1;
            }
            Event::View(view) => {
                *self.views.entry(view.clone()).or_default() += 1;
                self.events += 1;
            }
            Event::Flush(_) => {}
        }
    }

    fn add_reply(&mut self, e: ReplyEvent) {
        if let Some(question) = &e.kept_question {
            let day = e.hour.get(..10).unwrap_or(&e.hour).to_string();
            self.kept.push((
                day,
                e.reply_lang.clone(),
                e.kind.clone(),
                question.clone(),
                e.closest_entry.clone(),
                e.confidence,
            ));
        }
        let key = (
            e.hour,
            e.page_lang,
            e.reply_lang,
            e.kind,
            e.theme,
            e.entry_id,
            e.partner_id,
            e.band,
        );
        *self.replies.entry(key).or_default() += 1;
        self.events += 1;
    }

    /// Events added.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.events == 0
    }

    /// Adds everything of `other` (a batch that could not be written, kept for the next attempt).
    pub fn merge(&mut self, other: Batch) {
        for (key, count) in other.replies {
            *self.replies.entry(key).or_default() += count;
        }
        for (key, count) in other.feedback {
            *self.feedback.entry(key).or_default() += count;
        }
        for (key, count) in other.views {
            *self.views.entry(key).or_default() += count;
        }
        self.kept.extend(other.kept);
        self.events += other.events;
    }

    /// The rows it would write (its memory, roughly: each row is a few short strings).
    pub fn rows(&self) -> usize {
        self.replies.len() + self.feedback.len() + self.views.len() + self.kept.len()
    }

    /// Scrubs the kept questions (personal data out) before they are written.
    pub fn scrub(&mut self) {
        for kept in &mut self.kept {
            kept.3 = super::scrub::scrub(&kept.3);
        }
    }
}

/// One month of the yearly table.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct MonthRow {
    /// `2026-03`.
    pub month: String,
    /// Replies of every kind plus the answers opened without typing (the "requests via the FAQbot"
    /// figure).
    pub requests: u64,
    /// Answers.
    pub answered: u64,
    /// Clarifications.
    pub clarified: u64,
    /// Declines.
    pub declined: u64,
    /// Small talk.
    pub smalltalk: u64,
    /// Helpful votes.
    pub helpful: u64,
    /// Not-helpful votes.
    pub not_helpful: u64,
    /// Answers opened without typing (suggestion, theme, related, clarify...), included in `requests`.
    pub opened: u64,
}

/// A labelled count.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Count {
    /// What is counted (theme, language, partner id, entry id).
    pub key: String,
    /// How many.
    pub count: u64,
}

/// The year's figures for editors.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct YearReport {
    /// The year.
    pub year: i32,
    /// The twelve months (months without data included, as zeros).
    pub months: Vec<MonthRow>,
    /// Answers per theme.
    pub themes: Vec<Count>,
    /// Replies per reply language.
    pub languages: Vec<Count>,
    /// Answers per first-line partner.
    pub referrals: Vec<Count>,
    /// Per entry: helpful and not-helpful votes.
    pub feedback: Vec<(String, u64, u64)>,
    /// Requests per source: `typed` (replies to typed questions), then every [`super::Via`] in order.
    pub sources: Vec<Count>,
}

/// What a backend reads for [`YearReport::from_rows`]: (month `2026-03`, key, count) triples and
/// counts, so that every backend's figures are assembled by the same code.
#[derive(Debug, Default)]
pub struct YearRows {
    /// Replies per month and kind.
    pub replies: Vec<(String, String, u64)>,
    /// Votes per month, `helpful` or `not_helpful`.
    pub votes: Vec<(String, String, u64)>,
    /// Answers opened without typing per month and source.
    pub views: Vec<(String, String, u64)>,
    /// Answers per theme, most first.
    pub themes: Vec<Count>,
    /// Replies per language, most first.
    pub languages: Vec<Count>,
    /// Answers per first-line partner, most first.
    pub referrals: Vec<Count>,
    /// Per entry: helpful and not-helpful votes, most not-helpful first.
    pub feedback: Vec<(String, u64, u64)>,
}

impl YearReport {
    /// The year's table from what a backend read.
    pub fn from_rows(year: i32, rows: YearRows) -> YearReport {
        let mut months: Vec<MonthRow> = (1..=12)
            .map(|m| MonthRow {
                month: format!("{year}-{m:02}"),
                ..MonthRow::default()
            })
            .collect();
        for (month, kind, count) in rows.replies {
            if let Some(m) = months.iter_mut().find(|m| m.month == month) {
                m.requests += count;
                match kind.as_str() {
                    "answer" => m.answered += count,
                    "clarify" => m.clarified += count,
                    "no_answer" => m.declined += count,
                    "smalltalk" => m.smalltalk += count,
                    _ => {}
                }
            }
        }
        for (month, vote, count) in rows.votes {
            if let Some(m) = months.iter_mut().find(|m| m.month == month) {
                if vote == "helpful" {
                    m.helpful += count;
                } else {
                    m.not_helpful += count;
                }
            }
        }
        let mut by_via = std::collections::HashMap::<String, u64>::new();
        for (month, via, count) in rows.views {
            *by_via.entry(via).or_default() += count;
            if let Some(m) = months.iter_mut().find(|m| m.month == month) {
                m.requests += count;
                m.opened += count;
            }
        }
        let typed = months.iter().map(|m| m.requests - m.opened).sum::<u64>();
        let sources = std::iter::once(Count {
            key: "typed".to_string(),
            count: typed,
        })
        .chain(super::view::Via::ALL.into_iter().map(|v| Count {
            key: v.as_str().to_string(),
            count: by_via.get(v.as_str()).copied().unwrap_or(0),
        }))
        .collect();
        YearReport {
            year,
            months,
            themes: rows.themes,
            languages: rows.languages,
            referrals: rows.referrals,
            feedback: rows.feedback,
            sources,
        }
    }

    /// Total replies of the year.
    pub fn total(&self) -> u64 {
        self.months.iter().map(|m| m.requests).sum()
    }
}

/// A kept (scrubbed) question.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct UnansweredQuestion {
    /// Row id (grows with every question kept).
    pub id: i64,
    /// Day it was asked.
    pub day: String,
    /// Reply language.
    pub lang: String,
    /// no_answer, clarify or answer (low confidence).
    pub kind: String,
    /// The scrubbed question.
    pub question: String,
    /// The entry that came closest ('' when none).
    pub closest_entry: String,
    /// Its confidence.
    pub confidence: f64,
}

fn question_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<UnansweredQuestion> {
    Ok(UnansweredQuestion {
        id: r.get(0)?,
        day: r.get(1)?,
        lang: r.get(2)?,
        kind: r.get(3)?,
        question: r.get(4)?,
        closest_entry: r.get(5)?,
        confidence: r.get(6)?,
    })
}

/// A read-only connection for the editors' pages and the command line.
pub struct SqliteReader {
    connection: Connection,
}

impl SqliteReader {
    /// Opens the database read-only; `None` when it does not exist yet.
    pub fn open(path: &Path) -> Result<Option<SqliteReader>, StatsError> {
        if !path.exists() {
            return Ok(None);
        }
        let connection = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        connection.busy_timeout(std::time::Duration::from_millis(500))?;
        Ok(Some(SqliteReader { connection }))
    }

    /// Interrupts any query still running at `deadline` (it then fails with an "interrupted" error), so
    /// that a page's queries cannot run on however big the tables grew.
    pub fn with_deadline(mut self, deadline: Instant) -> Result<SqliteReader, StatsError> {
        self.connection
            .progress_handler(10_000, Some(move || Instant::now() >= deadline))?;
        Ok(self)
    }

    /// The figures of `year`.
    pub fn year(&self, year: i32) -> Result<YearReport, StatsError> {
        // Hours and days are ISO text: a year is the range [`2026-`, `2027-`), which the primary keys serve.
        let (from, to) = (format!("{year}-"), format!("{}-", year + 1));
        let triples = |sql: &str| -> Result<Vec<(String, String, u64)>, StatsError> {
            let mut statement = self.connection.prepare(sql)?;
            let rows = statement.query_map(params![from, to], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?.max(0) as u64,
                ))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let counts = |sql: &str| -> Result<Vec<Count>, StatsError> {
            let mut statement = self.connection.prepare(sql)?;
            let rows = statement.query_map(params![from, to], |r| {
                Ok(Count {
                    key: r.get(0)?,
                    count: r.get::<_, i64>(1)?.max(0) as u64,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        // A database written before the views migration (and not reopened for writing since) has no
        // `views` table: it reads as no answers opened by a click.
        let views = if self.has_views()? {
            triples(
                "SELECT substr(hour, 1, 7), via, SUM(count) FROM views WHERE hour >= ?1 AND hour < ?2 GROUP BY 1, 2",
            )?
        } else {
            Vec::new()
        };
        let mut statement = self.connection.prepare(
            "SELECT entry_id, SUM(CASE WHEN helpful <> 0 THEN count ELSE 0 END), SUM(CASE WHEN helpful = 0 THEN count ELSE 0 END)
             FROM feedback WHERE day >= ?1 AND day < ?2 GROUP BY 1 ORDER BY 3 DESC, 2 DESC",
        )?;
        let feedback = statement
            .query_map(params![from, to], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?.max(0) as u64,
                    r.get::<_, i64>(2)?.max(0) as u64,
                ))
            })?
            .collect::<Result<_, _>>()?;
        Ok(YearReport::from_rows(
            year,
            YearRows {
                replies: triples(
                    "SELECT substr(hour, 1, 7), kind, SUM(count) FROM replies WHERE hour >= ?1 AND hour < ?2 GROUP BY 1, 2",
                )?,
                votes: triples(
                    "SELECT substr(day, 1, 7), CASE WHEN helpful <> 0 THEN 'helpful' ELSE 'not_helpful' END, SUM(count) FROM feedback WHERE day >= ?1 AND day < ?2 GROUP BY 1, 2",
                )?,
                views,
                themes: counts(
                    "SELECT theme, SUM(count) FROM replies WHERE hour >= ?1 AND hour < ?2 AND theme <> '' AND kind = 'answer' GROUP BY 1 ORDER BY 2 DESC",
                )?,
                languages: counts(
                    "SELECT reply_lang, SUM(count) FROM replies WHERE hour >= ?1 AND hour < ?2 GROUP BY 1 ORDER BY 2 DESC",
                )?,
                referrals: counts(
                    "SELECT partner_id, SUM(count) FROM replies WHERE hour >= ?1 AND hour < ?2 AND partner_id <> '' AND kind = 'answer' GROUP BY 1 ORDER BY 2 DESC",
                )?,
                feedback,
            },
        ))
    }

    /// The kept questions since `since` (inclusive), newest first, at most `limit`.
    pub fn unanswered(
        &self,
        since: time::Date,
        limit: usize,
    ) -> Result<Vec<UnansweredQuestion>, StatsError> {
        let mut statement = self.connection.prepare(
            "SELECT id, day, lang, kind, question, closest_entry, confidence FROM unanswered WHERE day >= ?1 ORDER BY day DESC, id DESC LIMIT ?2",
        )?;
        let rows = statement.query_map(params![since.to_string(), limit as i64], question_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The kept questions with an id above `after`, oldest first, at most `limit`.
    pub fn unanswered_after(
        &self,
        after: i64,
        limit: usize,
    ) -> Result<Vec<UnansweredQuestion>, StatsError> {
        let mut statement = self.connection.prepare(
            "SELECT id, day, lang, kind, question, closest_entry, confidence FROM unanswered WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = statement.query_map(params![after, limit as i64], question_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The lowest and highest ids of the kept questions (`None` when there are none).
    pub fn unanswered_ids(&self) -> Result<Option<(i64, i64)>, StatsError> {
        Ok(self
            .connection
            .query_row("SELECT MIN(id), MAX(id) FROM unanswered", [], |r| {
                Ok(r.get::<_, Option<i64>>(0)?.zip(r.get::<_, Option<i64>>(1)?))
            })?)
    }

    /// The id below which the newest `newest` kept questions start (0 when there are fewer).
    pub fn unanswered_start(&self, newest: usize) -> Result<i64, StatsError> {
        let id: Option<i64> = self
            .connection
            .query_row(
                "SELECT id FROM unanswered ORDER BY id DESC LIMIT 1 OFFSET ?1",
                params![newest as i64],
                |r| r.get(0),
            )
            .optional()?;
        Ok(id.unwrap_or(0))
    }

    /// Kept questions with an id above `after`.
    pub fn unanswered_count_after(&self, after: i64) -> Result<u64, StatsError> {
        Ok(self
            .connection
            .query_row(
                "SELECT COUNT(*) FROM unanswered WHERE id > ?1",
                params![after],
                |r| r.get::<_, i64>(0),
            )?
            .max(0) as u64)
    }

    /// The entries visitors saw most since `since_hour` (`2026-01-01T00`), typed answers and answers
    /// opened by a click together, most seen first, at most `limit`.
    pub fn most_asked(&self, since_hour: &str, limit: usize) -> Result<Vec<Count>, StatsError> {
        let views = if self.has_views()? {
            "UNION ALL SELECT entry_id, count FROM views WHERE hour >= ?1"
        } else {
            ""
        };
        let mut statement = self.connection.prepare(&format!(
            "SELECT entry_id, SUM(count) FROM (
                 SELECT entry_id, count FROM replies WHERE hour >= ?1 AND kind = 'answer' AND entry_id <> ''
                 {views}
             ) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?2"
        ))?;
        let rows = statement.query_map(params![since_hour, limit as i64], |r| {
            Ok(Count {
                key: r.get(0)?,
                count: r.get::<_, i64>(1)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn has_views(&self) -> Result<bool, StatsError> {
        Ok(self.connection.query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'views'",
            [],
            |r| r.get::<_, i64>(0),
        )? > 0)
    }

    /// Number of kept questions (all days).
    pub fn unanswered_count(&self) -> Result<u64, StatsError> {
        Ok(self
            .connection
            .query_row("SELECT COUNT(*) FROM unanswered", [], |r| {
                r.get::<_, i64>(0)
            })?
            .max(0) as u64)
    }
}
