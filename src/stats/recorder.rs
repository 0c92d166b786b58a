//! The statistics recorder: replies are queued in memory (a bounded channel) and written in batches by
//! two background threads — one gathers and aggregates, one writes, so that a slow write never stops
//! the queue from draining —, so recording never slows or fails a reply. When the database is locked, full,
//! unwritable or (PostgreSQL) unreachable, the aggregated counts are kept in memory and written with
//! the next batch that succeeds — up to [`MAX_PENDING_ROWS`] rows, beyond which new events are counted
//! as failed —, a warning is logged (at most once a minute), `/readyz` and `/metrics` say so, and
//! replies keep flowing; the thread retries every few seconds. A full queue drops events (and
//! counts them). The request path only hands over the (shared) reply: the figures are derived, counted
//! and aggregated on the gathering thread (a quarter of a second of traffic becomes one transaction of
//! a few upserts), questions kept for editors are scrubbed there, off the answering path, and old ones
//! are purged every hour by the writer.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::time::{Duration, Instant};

use super::event::Event;
use super::grouping_cache::GroupingCache;
use super::location::StatsLocation;
use super::sqlite_store::Batch;
use super::writer::StatsStore;

/// Events queued at most; beyond, new events are dropped (and counted).
pub const QUEUE_CAPACITY: usize = 16_384;

/// Rows (distinct counts and kept questions) held in memory while the database cannot be written; a
/// few megabytes at most. Hours of a school-day's traffic aggregate into far fewer.
pub const MAX_PENDING_ROWS: usize = 50_000;

/// Counters exported as metrics.
#[derive(Debug, Default)]
pub struct StatsCounters {
    /// Events written.
    pub written: AtomicU64,
    /// Events lost because the queue was full.
    pub dropped: AtomicU64,
    /// Events lost because the database could not be written for too long.
    pub failed: AtomicU64,
    /// Events waiting in memory for the database to come back.
    pub pending: AtomicU64,
    /// Kept questions purged after the retention period.
    pub purged: AtomicU64,
    /// True while the database cannot be opened or written.
    pub unavailable: AtomicBool,
    /// True once the database was opened and a write succeeded (the check at start, or a batch).
    pub written_once: AtomicBool,
}

/// What readiness says of the statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatsState {
    /// Switched off by configuration.
    Off,
    /// The database has not been opened and checked yet.
    Starting,
    /// The database was written (the check at start or the last batch succeeded).
    Ok,
    /// The database cannot be opened or written at the moment (replies go on without statistics).
    Unavailable,
}

/// A handle to the recorder (cheap to clone).
#[derive(Debug, Clone)]
pub struct Recorder {
    sender: Option<SyncSender<Event>>,
    counters: Arc<StatsCounters>,
    groups: Arc<GroupingCache>,
}

impl Recorder {
    /// A recorder that records nothing (statistics switched off).
    pub fn disabled() -> Recorder {
        Recorder {
            sender: None,
            counters: Arc::new(StatsCounters::default()),
            groups: Arc::default(),
        }
    }

    /// Starts the recorder thread writing to the statistics at `location` (a SQLite file's path, or
    /// the shared database), keeping questions `retention_days`.
    pub fn start(location: impl Into<StatsLocation>, retention_days: u32) -> Recorder {
        Recorder::start_with_limit(location.into(), retention_days, MAX_PENDING_ROWS)
    }

    /// [`Recorder::start`] holding at most `max_pending_rows` rows in memory while the database
    /// cannot be written.
    pub fn start_with_limit(
        path: StatsLocation,
        retention_days: u32,
        max_pending_rows: usize,
    ) -> Recorder {
        let (sender, receiver) = sync_channel(QUEUE_CAPACITY);
        let counters = Arc::new(StatsCounters::default());
        let thread_counters = Arc::clone(&counters);
        let spawned = std::thread::Builder::new()
            .name("cdm-faq-stats".into())
            .spawn(move || {
                run(
                    receiver,
                    path,
                    retention_days,
                    max_pending_rows,
                    &thread_counters,
                )
            });
        match spawned {
            Ok(_) => Recorder {
                sender: Some(sender),
                counters,
                groups: Arc::default(),
            },
            Err(e) => {
                tracing::error!(error = %e, "cannot start the statistics thread; statistics are off");
                counters.unavailable.store(true, Ordering::Relaxed);
                Recorder {
                    sender: None,
                    counters,
                    groups: Arc::default(),
                }
            }
        }
    }

    /// Queues an event; never blocks.
    pub fn record(&self, event: Event) {
        let Some(sender) = &self.sender else {
            return;
        };
        match sender.try_send(event) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                self.counters.dropped.fetch_add(1, Ordering::Relaxed);
            }
            Err(TrySendError::Disconnected(_)) => {
                self.counters.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Waits until everything queued so far is written (or failed), at most `timeout`.
    pub fn flush(&self, timeout: Duration) -> bool {
        let Some(sender) = &self.sender else {
            return true;
        };
        let (done, wait) = sync_channel(1);
        if sender.send(Event::Flush(done)).is_err() {
            return false;
        }
        wait.recv_timeout(timeout).is_ok()
    }

    /// The counters.
    pub fn counters(&self) -> &StatsCounters {
        &self.counters
    }

    /// The grouping of the kept questions shown on the editors' page, kept between page loads.
    pub fn groups(&self) -> &GroupingCache {
        &self.groups
    }

    /// The statistics' state, for readiness.
    pub fn state(&self) -> StatsState {
        if self.sender.is_none() {
            if self.counters.unavailable.load(Ordering::Relaxed) {
                return StatsState::Unavailable;
            }
            return StatsState::Off;
        }
        if self.counters.unavailable.load(Ordering::Relaxed) {
            StatsState::Unavailable
        } else if self.counters.written_once.load(Ordering::Relaxed) {
            StatsState::Ok
        } else {
            StatsState::Starting
        }
    }

    /// True when statistics are switched on.
    pub fn enabled(&self) -> bool {
        self.sender.is_some()
    }
}

/// Events are gathered for up to this long before one aggregated write.
const GATHER: Duration = Duration::from_millis(250);

/// What the gathering thread hands to the writing thread: aggregated events, and the flushes to
/// signal once they are written (or failed).
struct Job {
    batch: Batch,
    flushes: Vec<SyncSender<()>>,
}

/// The two threads of the recorder: this one gathers, derives, aggregates and scrubs; a second one
/// writes. While a write is in progress (a slow or busy database), gathering goes on into the next
/// batch, so the queue keeps draining and a slow write costs no events; the gathered batch is bounded
/// by `max_pending_rows` like the writer's.
fn run(
    receiver: Receiver<Event>,
    path: StatsLocation,
    retention_days: u32,
    max_pending_rows: usize,
    counters: &Arc<StatsCounters>,
) {
    // A rendezvous: a job is handed over only when the writer is free to take it.
    let (jobs, work) = sync_channel::<Job>(0);
    let writer_counters = Arc::clone(counters);
    let writer = std::thread::Builder::new()
        .name("cdm-faq-stats-writer".into())
        .spawn(move || {
            write_loop(
                work,
                path,
                retention_days,
                max_pending_rows,
                &writer_counters,
            )
        });
    if let Err(e) = writer {
        tracing::error!(error = %e, "cannot start the statistics writer; statistics are off");
        counters.unavailable.store(true, Ordering::Relaxed);
        return;
    }
    let mut carry = Batch::default();
    let mut flushes: Vec<SyncSender<()>> = Vec::new();
    loop {
        let waiting = !carry.is_empty() || !flushes.is_empty();
        let wait = if waiting {
            Duration::from_millis(50)
        } else {
            Duration::from_secs(60)
        };
        let mut disconnected = false;
        let first = match receiver.recv_timeout(wait) {
            Ok(event) => Some(event),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                disconnected = true;
                None
            }
        };
        // Gather what arrives in the next moments, then take it all at once: sleeping instead of waiting
        // on the queue means the request path never has to wake this thread (a flush is still honoured
        // within the gathering time).
        let mut batch = Batch::default();
        let take = |event: Event, batch: &mut Batch, flushes: &mut Vec<_>| match event {
            Event::Flush(done) => flushes.push(done),
            event => batch.add(&event),
        };
        if let Some(event) = first {
            let is_flush = matches!(event, Event::Flush(_));
            take(event, &mut batch, &mut flushes);
            if !is_flush {
                std::thread::sleep(GATHER);
            }
            loop {
                match receiver.try_recv() {
                    Ok(event) => take(event, &mut batch, &mut flushes),
                    Err(std::sync::mpsc::TryRecvError::Empty) => break,
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                        disconnected = true;
                        break;
                    }
                }
            }
        }
        if !batch.is_empty() {
            batch.scrub();
            if carry.rows() + batch.rows() > max_pending_rows {
                counters.failed.fetch_add(batch.events(), Ordering::Relaxed);
            } else {
                carry.merge(batch);
            }
        }
        if !carry.is_empty() || !flushes.is_empty() {
            let job = Job {
                batch: std::mem::take(&mut carry),
                flushes: std::mem::take(&mut flushes),
            };
            // At the end, wait for the writer; otherwise hand over only if it is free.
            let handed = if disconnected {
                jobs.send(job).map_err(|e| TrySendError::Disconnected(e.0))
            } else {
                jobs.try_send(job)
            };
            match handed {
                Ok(()) => {}
                Err(TrySendError::Full(job)) => {
                    carry = job.batch;
                    flushes = job.flushes;
                }
                Err(TrySendError::Disconnected(_)) => return,
            }
        }
        if disconnected {
            return;
        }
    }
}

/// Opens the statistics at `path` (and checks them by a real write when `check`), saying in the
/// counters whether they are available.
fn open_store(
    path: &StatsLocation,
    check: bool,
    counters: &StatsCounters,
) -> Result<StatsStore, super::sqlite_store::StatsError> {
    let opened = StatsStore::open_at(path).and_then(|mut s| {
        if check {
            s.check_writable()?;
        }
        Ok(s)
    });
    counters
        .unavailable
        .store(opened.is_err(), Ordering::Relaxed);
    if check && opened.is_ok() {
        counters.written_once.store(true, Ordering::Relaxed);
    }
    opened
}

fn write_loop(
    work: Receiver<Job>,
    path: StatsLocation,
    retention_days: u32,
    max_pending_rows: usize,
    counters: &StatsCounters,
) {
    let mut store: Option<StatsStore> = None;
    let mut last_open_attempt: Option<Instant> = Some(Instant::now());
    let mut last_warning: Option<Instant> = None;
    let mut last_purge: Option<Instant> = None;
    let mut warn = |message: &str, error: &dyn std::fmt::Display| {
        if last_warning.is_none_or(|t| t.elapsed() > Duration::from_secs(60)) {
            tracing::warn!(error = %error, "{message}");
            last_warning = Some(Instant::now());
        }
    };
    const CANNOT_OPEN: &str =
        "cannot open the statistics database; replies go on without statistics";
    // Open and check the database at once, so that readiness is true (or false) before any reply.
    match open_store(&path, true, counters) {
        Ok(s) => store = Some(s),
        Err(e) => warn(CANNOT_OPEN, &e),
    }
    // Counts not written yet (the database was unavailable), written with the next batch.
    let mut pending = Batch::default();
    loop {
        let wait = if pending.is_empty() {
            Duration::from_secs(60)
        } else {
            Duration::from_secs(5)
        };
        let (batch, flushes, disconnected) = match work.recv_timeout(wait) {
            Ok(job) => (job.batch, job.flushes, false),
            Err(RecvTimeoutError::Timeout) => (Batch::default(), Vec::new(), false),
            Err(RecvTimeoutError::Disconnected) => (Batch::default(), Vec::new(), true),
        };
        // (Re)open the database, at most every 30 seconds after a failure.
        if store.is_none()
            && last_open_attempt.is_none_or(|t| t.elapsed() > Duration::from_secs(30))
        {
            last_open_attempt = Some(Instant::now());
            match open_store(&path, false, counters) {
                Ok(s) => store = Some(s),
                Err(e) => warn(CANNOT_OPEN, &e),
            }
        }
        if !batch.is_empty() {
            if pending.rows() + batch.rows() > max_pending_rows {
                counters.failed.fetch_add(batch.events(), Ordering::Relaxed);
                warn(
                    "statistics kept in memory reached their limit; new events are lost until the database is back",
                    &format!("{} rows waiting", pending.rows()),
                );
            } else {
                pending.merge(batch);
            }
        }
        if !pending.is_empty()
            && let Some(s) = store.as_mut()
        {
            let started = Instant::now();
            match s.write_batch(&pending) {
                Ok(()) => {
                    tracing::debug!(
                        events = pending.events(),
                        rows = pending.rows(),
                        ms = started.elapsed().as_millis() as u64,
                        "statistics batch written"
                    );
                    counters
                        .written
                        .fetch_add(pending.events(), Ordering::Relaxed);
                    counters.written_once.store(true, Ordering::Relaxed);
                    if counters.unavailable.swap(false, Ordering::Relaxed) {
                        tracing::info!(
                            events = pending.events(),
                            "statistics written again, including those kept while the database was unavailable"
                        );
                    }
                    pending = Batch::default();
                }
                Err(e) => {
                    counters.unavailable.store(true, Ordering::Relaxed);
                    warn(
                        "cannot write statistics (database locked, full, read-only or unreachable); kept in memory, replies go on",
                        &e,
                    );
                }
            }
        }
        counters.pending.store(pending.events(), Ordering::Relaxed);
        if let Some(s) = &store
            && last_purge.is_none_or(|t| t.elapsed() > Duration::from_secs(3600))
        {
            last_purge = Some(Instant::now());
            match s.purge(time::OffsetDateTime::now_utc().date(), retention_days) {
                Ok(n) => {
                    counters.purged.fetch_add(n as u64, Ordering::Relaxed);
                    if n > 0 {
                        tracing::info!(
                            purged = n,
                            retention_days,
                            "purged old unanswered questions"
                        );
                    }
                }
                Err(e) => warn("cannot purge old unanswered questions", &e),
            }
        }
        for done in flushes {
            let _ = done.try_send(());
        }
        if disconnected {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    //! Properties: while the database cannot be written, events wait in memory up to the row limit,
    //! and beyond it new events are counted as failed instead of growing memory.
    use super::*;

    fn feedback(entry: &str) -> Event {
        Event::Feedback {
            day: "2026-11-21".into(),
            entry_id: entry.into(),
            helpful: true,
        }
    }

    #[test]
    fn memory_for_an_unavailable_database_is_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_folder = dir.path().join("a-file");
        std::fs::write(&not_a_folder, "x").unwrap();
        let recorder = Recorder::start_with_limit(
            StatsLocation::File(not_a_folder.join("statistics.sqlite")),
            90,
            5,
        );
        for entry in ["a", "b", "c"] {
            recorder.record(feedback(entry));
        }
        assert!(recorder.flush(Duration::from_secs(10)));
        let counters = recorder.counters();
        assert_eq!(counters.pending.load(Ordering::Relaxed), 3);
        for entry in ["d", "e", "f"] {
            recorder.record(feedback(entry));
        }
        assert!(recorder.flush(Duration::from_secs(10)));
        assert_eq!(
            counters.pending.load(Ordering::Relaxed),
            3,
            "no more than the limit"
        );
        assert_eq!(counters.failed.load(Ordering::Relaxed), 3);
        // A small batch that fits under the limit is still kept.
        recorder.record(feedback("a"));
        assert!(recorder.flush(Duration::from_secs(10)));
        assert_eq!(counters.pending.load(Ordering::Relaxed), 4);
        assert_eq!(recorder.state(), StatsState::Unavailable);
    }
}
