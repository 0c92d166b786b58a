//! The statistics recorder: replies are queued in memory (a bounded channel) and written in batches by
//! one background thread, so recording never slows or fails a reply. When the database is locked, full
//! or unwritable, the batch is counted as failed, a warning is logged (at most once a minute), and
//! replies keep flowing; the thread tries to reopen the database later. A full queue drops events (and
//! counts them). The request path only hands over the (shared) reply: the figures are derived, counted
//! and aggregated on this thread (a quarter of a second of traffic becomes one transaction of a few
//! upserts), questions kept for editors are scrubbed here, off the answering path, and old ones are
//! purged every hour.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::time::{Duration, Instant};

use super::event::Event;
use super::grouping_cache::GroupingCache;
use super::store::{Batch, StatsStore};

/// Events queued at most; beyond, new events are dropped (and counted).
pub const QUEUE_CAPACITY: usize = 16_384;

/// Counters exported as metrics.
#[derive(Debug, Default)]
pub struct StatsCounters {
    /// Events written.
    pub written: AtomicU64,
    /// Events lost because the queue was full.
    pub dropped: AtomicU64,
    /// Events lost because the database could not be written.
    pub failed: AtomicU64,
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

    /// Starts the recorder thread writing to the database at `path`, keeping questions `retention_days`.
    pub fn start(path: PathBuf, retention_days: u32) -> Recorder {
        let (sender, receiver) = sync_channel(QUEUE_CAPACITY);
        let counters = Arc::new(StatsCounters::default());
        let thread_counters = Arc::clone(&counters);
        let spawned = std::thread::Builder::new()
            .name("cdm-faq-stats".into())
            .spawn(move || run(receiver, path, retention_days, &thread_counters));
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

fn run(receiver: Receiver<Event>, path: PathBuf, retention_days: u32, counters: &StatsCounters) {
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
    // Open and check the database at once, so that readiness is true (or false) before any reply.
    match StatsStore::open(&path).and_then(|mut s| s.check_writable().map(|()| s)) {
        Ok(s) => {
            counters.written_once.store(true, Ordering::Relaxed);
            store = Some(s);
        }
        Err(e) => {
            counters.unavailable.store(true, Ordering::Relaxed);
            warn(
                "cannot open the statistics database; replies go on without statistics",
                &e,
            );
        }
    }
    loop {
        let first = match receiver.recv_timeout(Duration::from_secs(60)) {
            Ok(event) => Some(event),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // Gather what arrives in the next moments, then take it all at once: sleeping instead of waiting
        // on the queue means the request path never has to wake this thread (a flush is still honoured
        // within the gathering time).
        let mut batch = Batch::default();
        let mut flushes = Vec::new();
        let mut disconnected = false;
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
        // (Re)open the database, at most every 30 seconds after a failure.
        if store.is_none()
            && last_open_attempt.is_none_or(|t| t.elapsed() > Duration::from_secs(30))
        {
            last_open_attempt = Some(Instant::now());
            match StatsStore::open(&path) {
                Ok(s) => {
                    counters.unavailable.store(false, Ordering::Relaxed);
                    store = Some(s);
                }
                Err(e) => {
                    counters.unavailable.store(true, Ordering::Relaxed);
                    warn(
                        "cannot open the statistics database; replies go on without statistics",
                        &e,
                    );
                }
            }
        }
        if !batch.is_empty() {
            batch.scrub();
            match store.as_mut() {
                Some(s) => match s.write_batch(&batch) {
                    Ok(()) => {
                        counters
                            .written
                            .fetch_add(batch.events(), Ordering::Relaxed);
                        counters.written_once.store(true, Ordering::Relaxed);
                        counters.unavailable.store(false, Ordering::Relaxed);
                    }
                    Err(e) => {
                        counters.failed.fetch_add(batch.events(), Ordering::Relaxed);
                        counters.unavailable.store(true, Ordering::Relaxed);
                        warn(
                            "cannot write statistics (database locked, full or read-only); replies go on",
                            &e,
                        );
                    }
                },
                None => {
                    counters.failed.fetch_add(batch.events(), Ordering::Relaxed);
                }
            }
        }
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
