//! The answering engine: a loaded knowledge base with its index and small-talk matcher, ready to answer.
//! Built once per knowledge-base version (at start, and on every reload), then shared read-only.
//!
//! It keeps a bounded in-memory cache of recent replies (FAQ traffic repeats its popular questions):
//! keyed by the cleaned question, page language and theme, and discarded with the engine at every
//! reload, so a reply never outlives the knowledge-base version that produced it. The cache is memory
//! only; nothing of it is ever written.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::answer::{self, Context, Question, RankingModel, Reply, SmallTalkMatcher};
use crate::index::{self, FaqIndex, IndexStats};
use crate::knowledge_base::{KnowledgeBase, LoadError};
use crate::suggest::{Suggester, Suggestion};
use crate::text_analysis::Language;

/// Why an engine could not be built.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The knowledge base has errors (the report lists them all).
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The index could not be built.
    #[error(transparent)]
    Index(#[from] index::Error),
}

/// Replies kept in the cache at most.
pub const REPLY_CACHE_ENTRIES: usize = 4096;

type CacheKey = (
    String,
    Option<Language>,
    Option<crate::knowledge_base::Theme>,
);

/// A reply together with its JSON text (the reply contract), serialised once: the reply cache keeps
/// both, so a repeated question costs neither answering nor serialising.
#[derive(Debug, Clone)]
pub struct Answered {
    /// The reply (for statistics and metrics).
    pub reply: Arc<Reply>,
    /// `reply` as JSON.
    pub json: Arc<str>,
}

impl Answered {
    fn new(reply: Reply) -> Answered {
        let json = serde_json::to_string(&reply).expect("a reply always serialises");
        Answered {
            reply: Arc::new(reply),
            json: json.into(),
        }
    }
}

/// A knowledge base ready to answer questions.
pub struct Engine {
    kb: KnowledgeBase,
    index: FaqIndex,
    smalltalk: SmallTalkMatcher,
    suggester: Suggester,
    model: RankingModel,
    load_time: Duration,
    cache: Option<quick_cache::sync::Cache<CacheKey, Answered>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("version", &self.kb.version())
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// Loads the knowledge base in `dir` and builds its index.
    pub fn load(dir: &Path) -> Result<Engine, EngineError> {
        let started = Instant::now();
        let kb = KnowledgeBase::load(dir)?;
        let load_time = started.elapsed();
        let mut engine = Engine::build(kb)?;
        engine.load_time = load_time;
        Ok(engine)
    }

    /// Builds the index of an already loaded knowledge base.
    pub fn build(kb: KnowledgeBase) -> Result<Engine, index::Error> {
        let index = FaqIndex::build(&kb)?;
        let smalltalk = SmallTalkMatcher::new(kb.site());
        let suggester = Suggester::new(&kb);
        Ok(Engine {
            kb,
            index,
            smalltalk,
            suggester,
            model: RankingModel::fitted().clone(),
            load_time: Duration::ZERO,
            cache: Some(quick_cache::sync::Cache::new(REPLY_CACHE_ENTRIES)),
        })
    }

    /// Keeps at most `entries` recent replies (0: no cache).
    pub fn with_reply_cache(mut self, entries: usize) -> Engine {
        self.cache = (entries > 0).then(|| quick_cache::sync::Cache::new(entries));
        self
    }

    /// Uses another ranking model (for fitting it).
    pub fn with_model(mut self, model: RankingModel) -> Engine {
        self.model = model;
        self
    }

    /// Answers a question.
    pub fn ask(&self, question: &Question) -> Result<Reply, index::Error> {
        answer::answer(self.context(), question)
    }

    /// Answers a question with its JSON text, from the reply cache when the same question was asked
    /// recently (explanations are never cached).
    pub fn ask_cached(&self, question: &Question) -> Result<Answered, index::Error> {
        let Some(cache) = self.cache.as_ref().filter(|_| !question.explain) else {
            return self.ask(question).map(Answered::new);
        };
        let key = (
            question.text().to_string(),
            question.page_lang,
            question.theme,
        );
        if let Some(reply) = cache.get(&key) {
            return Ok(reply);
        }
        let answered = Answered::new(self.ask(question)?);
        cache.insert(key, answered.clone());
        Ok(answered)
    }

    /// Question completions for what has been typed so far.
    pub fn suggest(&self, typed: &str, language: Language) -> Vec<Suggestion> {
        self.suggester.suggest(typed, language)
    }

    /// The borrowed parts, for the answer layer.
    pub fn context(&self) -> Context<'_> {
        Context {
            kb: &self.kb,
            index: &self.index,
            smalltalk: &self.smalltalk,
            model: &self.model,
        }
    }

    /// The knowledge base.
    pub fn knowledge_base(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// The index.
    pub fn index(&self) -> &FaqIndex {
        &self.index
    }

    /// Index figures (build time included).
    pub fn index_stats(&self) -> IndexStats {
        self.index.stats()
    }

    /// Time spent reading and checking the knowledge-base files.
    pub fn load_time(&self) -> Duration {
        self.load_time
    }
}
