//! The unanswered questions, grouped once and kept up to date: the editors' page must not regroup
//! thousands of stored questions at every load (visitors can plant as many as they like by asking
//! questions the bot declines). The cache holds a [`Grouping`] of the newest [`CAPACITY`] kept
//! questions; each refresh reads only the rows added since the last one and groups them, within a
//! time budget: what is left is grouped at the next refresh, and the page says how many questions are
//! still waiting. The grouping starts again from scratch when the knowledge base changes (its analyzers
//! and synonyms make the terms), when old questions were purged, or when it holds twice its capacity.
//! Refreshes are meant to run off the async workers (`spawn_blocking`); one runs at a time. After a
//! page load that left questions waiting, [`GroupingCache::catch_up`] groups them in the background, in
//! short slices with pauses, so that the next load finds them grouped.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::grouping::{Grouping, QuestionGroup};
use super::reader::StatsReader;
use super::sqlite_store::{StatsError, UnansweredQuestion};
use crate::text_analysis::Analyzers;

/// Newest kept questions grouped (the cache holds up to twice as many before it starts again).
pub const CAPACITY: usize = 5_000;

/// Rows read from the database at once while refreshing.
const READ_CHUNK: usize = 500;

/// The grouping of the kept questions, kept between page loads.
#[derive(Debug, Default)]
pub struct GroupingCache {
    state: Mutex<Option<Cached>>,
    /// True while a [`GroupingCache::catch_up`] runs.
    catching_up: AtomicBool,
}

#[derive(Debug)]
struct Cached {
    kb_version: String,
    grouping: Grouping,
    /// Questions with an id up to this one are grouped.
    last_id: i64,
    /// The first grouped id (a purge removes it).
    first_id: Option<i64>,
    /// Questions in the database not grouped yet, at the last refresh.
    pending: u64,
}

/// Which page of groups to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageQuery<'a> {
    /// Only questions asked on this day (`2026-03-01`) or later.
    pub since: &'a str,
    /// The page, from 1.
    pub page: usize,
    /// Groups a page.
    pub per_page: usize,
    /// Questions shown a group (the newest).
    pub members_shown: usize,
}

/// One page of groups, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupsPage {
    /// The groups of this page, each with its questions in the window (newest first, at most
    /// `members_shown`).
    pub groups: Vec<PageGroup>,
    /// Questions in the window, all groups together.
    pub questions: usize,
    /// Groups in the window.
    pub total_groups: usize,
    /// This page (from 1) and the number of pages.
    pub page: usize,
    /// See `page`.
    pub pages: usize,
    /// Questions stored but not grouped yet (the time budget ran out): shown at a later load.
    pub pending: u64,
}

/// A group on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageGroup {
    /// Questions of the group in the window.
    pub count: usize,
    /// The entry that came closest most often ('' when none).
    pub closest_entry: String,
    /// The languages the questions were answered in.
    pub languages: Vec<String>,
    /// The newest questions of the group.
    pub members: Vec<UnansweredQuestion>,
}

impl GroupingCache {
    /// An empty cache.
    pub fn new() -> GroupingCache {
        GroupingCache::default()
    }

    /// Brings the grouping up to date with the database (as far as `deadline` allows), then returns
    /// the page of groups `query` asks for.
    pub fn page(
        &self,
        reader: &StatsReader,
        analyzers: &Analyzers,
        kb_version: &str,
        deadline: Instant,
        query: PageQuery<'_>,
    ) -> Result<GroupsPage, StatsError> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        refresh(&mut state, reader, analyzers, kb_version, deadline)?;
        let cached = state.as_ref().expect("refreshed");
        Ok(view(cached, query))
    }

    /// Groups what is still waiting, in slices of `slice` separated by pauses of half as long (so a
    /// core is never taken whole and a page load waits at most one slice for the cache), until nothing
    /// waits or `until`. Returns at once, `false`, when another catch-up is running; `true` when
    /// everything is grouped.
    pub fn catch_up(
        &self,
        reader: &StatsReader,
        analyzers: &Analyzers,
        kb_version: &str,
        slice: Duration,
        until: Instant,
    ) -> Result<bool, StatsError> {
        if self.catching_up.swap(true, Ordering::AcqRel) {
            return Ok(false);
        }
        let result = (|| {
            while Instant::now() < until {
                {
                    let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
                    let deadline = (Instant::now() + slice).min(until);
                    refresh(&mut state, reader, analyzers, kb_version, deadline)?;
                    if state.as_ref().is_some_and(|c| c.pending == 0) {
                        return Ok(true);
                    }
                }
                std::thread::sleep(slice / 2);
            }
            Ok(false)
        })();
        self.catching_up.store(false, Ordering::Release);
        result
    }

    /// Forgets the grouping (the next page load starts again).
    pub fn clear(&self) {
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

fn refresh(
    state: &mut Option<Cached>,
    reader: &StatsReader,
    analyzers: &Analyzers,
    kb_version: &str,
    deadline: Instant,
) -> Result<(), StatsError> {
    let ids = reader.unanswered_ids()?;
    let stale = match (&*state, ids) {
        (None, _) => true,
        (Some(c), _) if c.kb_version != kb_version || c.grouping.len() >= 2 * CAPACITY => true,
        // Purged: the oldest grouped question is gone.
        (Some(c), Some((min, _))) => c.first_id.is_some_and(|first| first < min),
        (Some(c), None) => c.first_id.is_some(),
    };
    if stale {
        *state = Some(Cached {
            kb_version: kb_version.to_string(),
            grouping: Grouping::new(),
            last_id: reader.unanswered_start(CAPACITY)?,
            first_id: None,
            pending: 0,
        });
    }
    let cached = state.as_mut().expect("set above");
    while Instant::now() < deadline {
        let rows = reader.unanswered_after(cached.last_id, READ_CHUNK)?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            if Instant::now() >= deadline {
                break;
            }
            cached.last_id = row.id;
            cached.first_id.get_or_insert(row.id);
            cached.grouping.add(row, analyzers);
        }
    }
    cached.pending = match ids {
        Some((_, max)) if max > cached.last_id => reader.unanswered_count_after(cached.last_id)?,
        _ => 0,
    };
    Ok(())
}

fn view(cached: &Cached, query: PageQuery<'_>) -> GroupsPage {
    let PageQuery {
        since,
        page,
        per_page,
        members_shown,
    } = query;
    let questions = cached.grouping.questions();
    let in_window = |m: &usize| questions[*m].day.as_str() >= since;
    let groups: Vec<(QuestionGroup, usize)> = cached
        .grouping
        .groups()
        .into_iter()
        .filter_map(|g| {
            let count = g.members.iter().filter(|m| in_window(m)).count();
            (count > 0).then_some((g, count))
        })
        .collect();
    let mut groups = groups;
    // Biggest first within the window; equal sizes: the most recent question first.
    groups.sort_by_key(|(g, count)| {
        (
            std::cmp::Reverse(*count),
            std::cmp::Reverse(g.members.last().copied()),
        )
    });
    let per_page = per_page.max(1);
    let pages = groups.len().div_ceil(per_page).max(1);
    let page = page.clamp(1, pages);
    let total_questions = groups.iter().map(|(_, c)| c).sum();
    let total_groups = groups.len();
    let shown = groups
        .into_iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|(g, count)| PageGroup {
            count,
            closest_entry: g.closest_entry,
            languages: g.languages.into_iter().collect(),
            members: g
                .members
                .iter()
                .rev()
                .filter(|m| in_window(m))
                .take(members_shown)
                .map(|&m| questions[m].clone())
                .collect(),
        })
        .collect();
    GroupsPage {
        groups: shown,
        questions: total_questions,
        total_groups,
        page,
        pages,
        pending: cached.pending,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::stats::{Batch, Event, ReplyEvent, StatsStore};

    fn kept(question: &str, day: &str) -> Event {
        Event::Reply(ReplyEvent {
            hour: format!("{day}T10"),
            page_lang: "fr".into(),
            reply_lang: "fr".into(),
            kind: "no_answer".into(),
            theme: String::new(),
            entry_id: String::new(),
            partner_id: String::new(),
            band: "none".into(),
            kept_question: Some(question.into()),
            confidence: 0.0,
            closest_entry: String::new(),
        })
    }

    fn write(store: &mut StatsStore, events: &[Event]) {
        let mut batch = Batch::default();
        for e in events {
            batch.add(e);
        }
        store.write_batch(&batch).unwrap();
    }

    fn q(since: &str, page: usize, per_page: usize) -> PageQuery<'_> {
        PageQuery {
            since,
            page,
            per_page,
            members_shown: 20,
        }
    }

    #[test]
    fn groups_incrementally_pages_and_starts_again_after_a_purge() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        let mut store = StatsStore::open(&path).unwrap();
        write(
            &mut store,
            &[
                kept("recette de tarte aux pommes", "2026-01-02"),
                kept("recette tarte aux pommes facile", "2026-03-02"),
                kept("horaires de la piscine", "2026-03-03"),
            ],
        );
        let reader = StatsReader::open(&path).unwrap().unwrap();
        let analyzers = Analyzers::build(&[], []);
        let cache = GroupingCache::new();
        let far = Instant::now() + Duration::from_secs(60);
        let page = cache
            .page(&reader, &analyzers, "v1", far, q("2026-01-01", 1, 1))
            .unwrap();
        assert_eq!((page.total_groups, page.pages, page.questions), (2, 2, 3));
        assert_eq!(page.groups[0].count, 2);
        assert_eq!(
            page.groups[0].members[0].question,
            "recette tarte aux pommes facile"
        );
        // A window and a second page.
        let page = cache
            .page(&reader, &analyzers, "v1", far, q("2026-03-01", 2, 1))
            .unwrap();
        assert_eq!((page.page, page.questions), (2, 2));
        // New rows are added to the existing groups.
        write(
            &mut store,
            &[kept("tarte aux pommes recette", "2026-03-04")],
        );
        let page = cache
            .page(&reader, &analyzers, "v1", far, q("2026-01-01", 1, 10))
            .unwrap();
        assert_eq!(page.groups[0].count, 3);
        // A purge (the oldest question is gone): grouped again from what is left.
        store.purge(time::macros::date!(2026 - 03 - 01), 0).unwrap();
        let page = cache
            .page(&reader, &analyzers, "v1", far, q("2000-01-01", 1, 10))
            .unwrap();
        assert_eq!(page.questions, 3);
        // A deadline already passed groups nothing new and says what waits.
        cache.clear();
        let page = cache
            .page(
                &reader,
                &analyzers,
                "v1",
                Instant::now(),
                q("2000-01-01", 1, 10),
            )
            .unwrap();
        assert_eq!((page.questions, page.pending), (0, 3));
        let page = cache
            .page(&reader, &analyzers, "v1", far, q("2000-01-01", 1, 10))
            .unwrap();
        assert_eq!((page.questions, page.pending), (3, 0));
    }
}
