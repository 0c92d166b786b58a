//! The knowledge base as served, kept up to date without a restart. Every reload (file watching or
//! `POST /admin/reload`) builds a complete new [`Engine`] aside and swaps it in atomically (`arc-swap`):
//! requests in flight finish on the engine they started with, new ones see the new one, and nothing is
//! ever half-loaded. A knowledge base with errors is rejected with every problem reported, and the
//! previous version keeps serving.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
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

    /// Watches the folder and reloads after edits (debounced: once the files have been quiet for
    /// `quiet`). The watcher stops when the returned value is dropped.
    pub fn watch(self: &Arc<Self>, quiet: Duration) -> notify::Result<notify::RecommendedWatcher> {
        use notify::Watcher;
        let (sender, receiver) = channel::<()>();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if let Ok(event) = event {
                    let relevant = event.paths.iter().any(|p| {
                        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                        p.extension().is_some_and(|e| e == "toml")
                            || (!name.contains('.') && !name.ends_with('~'))
                    });
                    if relevant && !event.kind.is_access() {
                        let _ = sender.send(());
                    }
                }
            })?;
        watcher.watch(&self.dir, notify::RecursiveMode::Recursive)?;
        let live = Arc::downgrade(self);
        std::thread::Builder::new()
            .name("cdm-faq-watch".into())
            .spawn(move || {
                loop {
                    if receiver.recv().is_err() {
                        return;
                    }
                    // Wait for the editor to finish writing.
                    loop {
                        match receiver.recv_timeout(quiet) {
                            Ok(()) => continue,
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    match live.upgrade() {
                        Some(live) => {
                            live.reload();
                        }
                        None => return,
                    }
                }
            })
            .map_err(|e| notify::Error::generic(&e.to_string()))?;
        Ok(watcher)
    }
}

/// Time to wait after the last file event before reloading.
pub const QUIET_PERIOD: Duration = Duration::from_millis(400);
