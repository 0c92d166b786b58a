//! The knowledge base as served, kept up to date without a restart. Every reload (file watching or
//! `POST /admin/reload`) builds a complete new [`Engine`] aside and swaps it in atomically (`arc-swap`):
//! requests in flight finish on the engine they started with, new ones see the new one, and nothing is
//! ever half-loaded. A knowledge base with errors is rejected with every problem reported, and the
//! previous version keeps serving.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use serde::Serialize;

use crate::engine::{Engine, EngineError};
use crate::knowledge_base::{KnowledgeBase, Problem};

/// How the last reload ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReloadOutcome {
    /// The knowledge base changed and the new version is served.
    Reloaded,
    /// Nothing changed.
    Unchanged,
    /// The new version has errors; the previous one keeps serving.
    Rejected,
}

/// The report of a reload.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReloadReport {
    /// How it ended.
    pub outcome: ReloadOutcome,
    /// The version now served.
    pub version: String,
    /// Every problem found (errors when rejected, warnings otherwise).
    pub problems: Vec<Problem>,
    /// When it happened (RFC 3339, UTC).
    pub at: String,
    /// Milliseconds spent.
    pub duration_ms: u64,
}

/// The served engine and its reloads.
pub struct LiveEngine {
    current: ArcSwap<Engine>,
    dir: PathBuf,
    reply_cache: usize,
    last: Mutex<Option<ReloadReport>>,
    reloading: Mutex<()>,
    reloaded: AtomicU64,
    rejected: AtomicU64,
    watch_status: Mutex<WatchStatus>,
}

impl std::fmt::Debug for LiveEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveEngine")
            .field("dir", &self.dir)
            .field("version", &self.current().knowledge_base().version())
            .finish()
    }
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

impl LiveEngine {
    /// Serves `engine`, reloading from `dir`; every engine keeps `reply_cache` recent replies.
    pub fn new(engine: Engine, dir: &Path, reply_cache: usize) -> Arc<LiveEngine> {
        Arc::new(LiveEngine {
            current: ArcSwap::from_pointee(engine.with_reply_cache(reply_cache)),
            dir: dir.to_path_buf(),
            reply_cache,
            last: Mutex::new(None),
            reloading: Mutex::new(()),
            reloaded: AtomicU64::new(0),
            rejected: AtomicU64::new(0),
            watch_status: Mutex::new(WatchStatus::new(WatchState::Off, None)),
        })
    }

    /// The engine to answer with (keep it for the whole request).
    pub fn current(&self) -> Arc<Engine> {
        self.current.load_full()
    }

    /// The folder reloaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Reloads reloaded and rejected so far.
    pub fn reload_counts(&self) -> (u64, u64) {
        (
            self.reloaded.load(Ordering::Relaxed),
            self.rejected.load(Ordering::Relaxed),
        )
    }

    /// The report of the last reload, if any.
    pub fn last_report(&self) -> Option<ReloadReport> {
        self.last.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Reloads now: builds the new engine aside, swaps it in when valid.
    pub fn reload(&self) -> ReloadReport {
        let _one_at_a_time = self.reloading.lock().unwrap_or_else(|e| e.into_inner());
        let started = Instant::now();
        let served = self.current();
        let report = match KnowledgeBase::load(&self.dir) {
            Ok(kb) if kb.version() == served.knowledge_base().version() => ReloadReport {
                outcome: ReloadOutcome::Unchanged,
                version: kb.version().to_string(),
                problems: kb.warnings().problems.clone(),
                at: now(),
                duration_ms: started.elapsed().as_millis() as u64,
            },
            Ok(kb) => {
                let warnings = kb.warnings().problems.clone();
                match Engine::build(kb) {
                    Ok(engine) => {
                        let engine = engine.with_reply_cache(self.reply_cache);
                        let version = engine.knowledge_base().version().to_string();
                        self.current.store(Arc::new(engine));
                        self.reloaded.fetch_add(1, Ordering::Relaxed);
                        tracing::info!(version = %version, "knowledge base reloaded");
                        ReloadReport {
                            outcome: ReloadOutcome::Reloaded,
                            version,
                            problems: warnings,
                            at: now(),
                            duration_ms: started.elapsed().as_millis() as u64,
                        }
                    }
                    Err(e) => self.rejected(&served, Vec::new(), &EngineError::Index(e), started),
                }
            }
            Err(e) => {
                let problems = e.0.problems.clone();
                self.rejected(&served, problems, &EngineError::Load(e), started)
            }
        };
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(report.clone());
        report
    }

    fn rejected(
        &self,
        served: &Engine,
        problems: Vec<Problem>,
        error: &EngineError,
        started: Instant,
    ) -> ReloadReport {
        self.rejected.fetch_add(1, Ordering::Relaxed);
        tracing::warn!(error = %error, problems = problems.len(), "knowledge base edit rejected; the previous version keeps serving");
        for problem in problems.iter().take(50) {
            tracing::warn!("{problem}");
        }
        ReloadReport {
            outcome: ReloadOutcome::Rejected,
            version: served.knowledge_base().version().to_string(),
            problems,
            at: now(),
            duration_ms: started.elapsed().as_millis() as u64,
        }
    }

    /// What the knowledge-base watcher is doing.
    pub fn watch_status(&self) -> WatchStatus {
        self.watch_status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn set_watch_status(&self, status: WatchStatus) {
        let mut current = self.watch_status.lock().unwrap_or_else(|e| e.into_inner());
        if *current != status {
            match status.state {
                WatchState::Watching => {
                    tracing::info!(dir = %self.dir.display(), "watching the knowledge-base folder")
                }
                _ => tracing::warn!(
                    dir = %self.dir.display(),
                    state = ?status.state,
                    detail = status.detail.as_deref().unwrap_or_default(),
                    "the knowledge-base folder is not watched for events"
                ),
            }
            *current = status;
        }
    }

    /// Watches the folder and reloads after edits (debounced: once the files have been quiet for
    /// `quiet`). The folder itself is checked every [`POLL_PERIOD`]: when it was replaced (a new
    /// release renamed over it, a symlink switched) the watch is armed again on the new folder and the
    /// knowledge base reloaded; when it is missing, or events cannot be had (no inotify watches
    /// left), the state says so in `/readyz` and the log, and the folder's files are compared at every
    /// check instead (polling). Watching stops when the returned value is dropped.
    pub fn watch(self: &Arc<Self>, quiet: Duration) -> std::io::Result<Watch> {
        let stop = Arc::new(AtomicBool::new(false));
        let thread_stop = Arc::clone(&stop);
        let live = Arc::downgrade(self);
        let (sender, receiver) = channel::<()>();
        let mut supervisor = Supervisor {
            dir: self.dir.clone(),
            sender,
            watcher: None,
            armed: None,
            seen: false,
            polled: None,
            dirty_since: None,
        };
        // Armed before returning, so that no edit made from now on is missed.
        supervisor.check(self, quiet);
        std::thread::Builder::new()
            .name("cdm-faq-watch".into())
            .spawn(move || supervise(supervisor, receiver, &live, quiet, &thread_stop))?;
        Ok(Watch { stop })
    }
}

/// The watcher's state, as `/readyz` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WatchState {
    /// Not asked for (`--no-watch`): reload with `POST /admin/reload`.
    Off,
    /// File events are received for the folder.
    Watching,
    /// No file events (see `detail`); the folder is compared every [`POLL_PERIOD`] instead.
    Polling,
    /// The folder is missing: nothing to watch until it is back.
    NotWatching,
}

/// The watcher's state and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchStatus {
    /// The state.
    pub state: WatchState,
    /// Why, when not watching.
    pub detail: Option<String>,
}

impl WatchStatus {
    fn new(state: WatchState, detail: Option<String>) -> WatchStatus {
        WatchStatus { state, detail }
    }
}

/// The running watcher; dropping it stops the watching thread.
#[derive(Debug)]
pub struct Watch {
    stop: Arc<AtomicBool>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// How often the folder itself is checked (replaced, missing) and, when polling, compared.
pub const POLL_PERIOD: Duration = Duration::from_secs(1);

/// The folder as found now: what it resolves to (device and inode, through symlinks).
fn identity(dir: &Path) -> std::io::Result<(u64, u64)> {
    let metadata = std::fs::metadata(dir)?;
    if !metadata.is_dir() {
        return Err(std::io::Error::other("not a folder"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok((metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        let canonical = std::fs::canonicalize(dir)?;
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        canonical.hash(&mut hasher);
        Ok((0, hasher.finish()))
    }
}

/// The names, sizes and modification times of the folder's files, hashed (for polling).
fn fingerprint(dir: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut seen = 0;
    while let Some(folder) = stack.pop() {
        let Ok(items) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut items: Vec<_> = items.flatten().collect();
        items.sort_by_key(|i| i.file_name());
        for item in items {
            seen += 1;
            if seen > 20_000 {
                return hasher.finish();
            }
            let Ok(metadata) = item.metadata() else {
                continue;
            };
            item.path().hash(&mut hasher);
            if metadata.is_dir() {
                stack.push(item.path());
            } else {
                metadata.len().hash(&mut hasher);
                metadata.modified().ok().hash(&mut hasher);
            }
        }
    }
    hasher.finish()
}

fn relevant(event: &notify::Event) -> bool {
    !event.kind.is_access()
        && event.paths.iter().any(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            p.extension().is_some_and(|e| e == "toml")
                || (!name.contains('.') && !name.ends_with('~'))
        })
}

/// The watching thread's state.
struct Supervisor {
    dir: PathBuf,
    sender: std::sync::mpsc::Sender<()>,
    watcher: Option<notify::RecommendedWatcher>,
    /// The folder the watch is armed on (`None`: none yet, or lost).
    armed: Option<(u64, u64)>,
    /// The folder was seen once (so finding another one means it was replaced).
    seen: bool,
    /// The folder's fingerprint, when polling.
    polled: Option<u64>,
    /// A change is waiting for the quiet period since this instant.
    dirty_since: Option<Instant>,
}

impl Supervisor {
    /// Checks the folder: armed on the folder found now, or says why not.
    fn check(&mut self, engine: &LiveEngine, quiet: Duration) {
        use notify::Watcher;
        match identity(&self.dir) {
            Err(e) => {
                self.watcher = None;
                self.armed = None;
                self.polled = None;
                engine.set_watch_status(WatchStatus::new(
                    WatchState::NotWatching,
                    Some(format!("the folder cannot be read: {e}")),
                ));
            }
            Ok(found) if self.armed != Some(found) => {
                let sender = self.sender.clone();
                let dir = self.dir.clone();
                let arm =
                    notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                        if let Ok(event) = event
                            && relevant(&event)
                        {
                            let _ = sender.send(());
                        }
                    })
                    .and_then(|mut w| w.watch(&dir, notify::RecursiveMode::Recursive).map(|()| w));
                self.armed = Some(found);
                match arm {
                    Ok(w) => {
                        self.watcher = Some(w);
                        self.polled = None;
                        engine.set_watch_status(WatchStatus::new(WatchState::Watching, None));
                    }
                    Err(e) => {
                        self.watcher = None;
                        self.polled = Some(fingerprint(&self.dir));
                        engine.set_watch_status(WatchStatus::new(
                            WatchState::Polling,
                            Some(format!(
                                "no file events ({e}); the folder is compared every second"
                            )),
                        ));
                    }
                }
                if self.seen {
                    tracing::info!(dir = %self.dir.display(), "the knowledge-base folder was replaced");
                    self.dirty_since = Some(Instant::now() - quiet);
                }
                self.seen = true;
            }
            Ok(_) => {
                if self.watcher.is_none()
                    && let Some(before) = self.polled
                {
                    let now = fingerprint(&self.dir);
                    if now != before {
                        self.polled = Some(now);
                        self.dirty_since = Some(Instant::now());
                    }
                }
            }
        }
    }
}

fn supervise(
    mut supervisor: Supervisor,
    receiver: std::sync::mpsc::Receiver<()>,
    live: &Weak<LiveEngine>,
    quiet: Duration,
    stop: &AtomicBool,
) {
    let mut last_check = Instant::now();
    let tick = quiet.min(POLL_PERIOD).max(Duration::from_millis(20));
    loop {
        if let Ok(()) = receiver.recv_timeout(tick) {
            supervisor.dirty_since = Some(Instant::now());
        }
        while receiver.try_recv().is_ok() {
            supervisor.dirty_since = Some(Instant::now());
        }
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let Some(engine) = live.upgrade() else {
            return;
        };
        if last_check.elapsed() >= POLL_PERIOD {
            last_check = Instant::now();
            supervisor.check(&engine, quiet);
        }
        if supervisor.dirty_since.is_some_and(|t| t.elapsed() >= quiet) {
            supervisor.dirty_since = None;
            engine.reload();
        }
    }
}

/// Time to wait after the last file event before reloading.
pub const QUIET_PERIOD: Duration = Duration::from_millis(400);
