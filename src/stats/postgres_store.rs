//! The statistics in PostgreSQL (`--database`): the same aggregated counts, scrubbed questions and
//! votes as the SQLite file, in the shared tables of migration 3, every row tagged with its site. Each
//! replica's recorder adds its batches to the same rows (`ON CONFLICT ... count + EXCLUDED.count`), so
//! the yearly table is the whole deployment's; the editors' pages read them back with the same
//! queries as on SQLite, assembled by the same code ([`YearReport::from_rows`]).

use std::sync::Arc;

use super::sqlite_store::{Batch, Count, StatsError, UnansweredQuestion, YearReport, YearRows};
use crate::database::Database;

/// One site's statistics in the shared database (writer and reader).
#[derive(Debug, Clone)]
pub struct PostgresStats {
    database: Arc<Database>,
    site: String,
}

fn question_row(r: &tokio_postgres::Row) -> UnansweredQuestion {
    UnansweredQuestion {
        id: r.get(0),
        day: r.get(1),
        lang: r.get(2),
        kind: r.get(3),
        question: r.get(4),
        closest_entry: r.get(5),
        confidence: r.get(6),
    }
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

impl PostgresStats {
    /// Site `site`'s statistics in `database`.
    pub fn new(database: Arc<Database>, site: &str) -> PostgresStats {
        PostgresStats {
            database,
            site: site.to_string(),
        }
    }

    /// Checks that the server answers and that this role may write the statistics tables.
    pub fn check_writable(&self) -> Result<(), StatsError> {
        let writable = self.database.run(|client| async move {
            let row = client
                .query_one(
                    "SELECT has_table_privilege('stats_replies', 'INSERT, UPDATE')
                        AND has_table_privilege('stats_unanswered', 'INSERT, DELETE')",
                    &[],
                )
                .await?;
            Ok(row.get::<_, bool>(0))
        })?;
        if writable {
            Ok(())
        } else {
            Err(StatsError::Io(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the database role may not write the statistics tables",
            )))
        }
    }

    /// Adds a batch in one transaction of four statements, whatever its size: each table's rows go as
    /// arrays (`UNNEST`), so a batch costs a handful of round trips, not one per row (the recorder keeps
    /// up with tens of thousands of replies a second on a busy machine).
    pub fn write_batch(&self, batch: &Batch) -> Result<(), StatsError> {
        let site = self.site.clone();
        let mut replies: [Vec<String>; 8] = Default::default();
        let mut reply_counts = Vec::new();
        for ((hour, page_lang, reply_lang, kind, theme, entry_id, partner_id, band), n) in
            &batch.replies
        {
            for (column, value) in replies.iter_mut().zip([
                hour, page_lang, reply_lang, kind, theme, entry_id, partner_id, band,
            ]) {
                column.push(value.clone());
            }
            reply_counts.push(signed(*n));
        }
        let mut kept: [Vec<String>; 5] = Default::default();
        let mut kept_confidence = Vec::new();
        for (day, lang, kind, question, closest, confidence) in &batch.kept {
            for (column, value) in kept.iter_mut().zip([day, lang, kind, question, closest]) {
                column.push(value.clone());
            }
            kept_confidence.push(f64::from(*confidence));
        }
        let (mut vote_days, mut vote_entries, mut vote_helpful, mut vote_counts) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for ((day, entry_id, helpful), n) in &batch.feedback {
            vote_days.push(day.clone());
            vote_entries.push(entry_id.clone());
            vote_helpful.push(*helpful);
            vote_counts.push(signed(*n));
        }
        let mut views: [Vec<String>; 5] = Default::default();
        let mut view_counts = Vec::new();
        for (v, n) in &batch.views {
            for (column, value) in views.iter_mut().zip([
                v.hour.clone(),
                v.via.as_str().to_string(),
                v.lang.clone(),
                v.theme.clone(),
                v.entry_id.clone(),
            ]) {
                column.push(value);
            }
            view_counts.push(signed(*n));
        }
        Ok(self.database.run(move |mut client| async move {
            let transaction = client.transaction().await?;
            if !reply_counts.is_empty() {
                let [hour, page_lang, reply_lang, kind, theme, entry_id, partner_id, band] = &replies;
                transaction
                    .execute(
                        "INSERT INTO stats_replies (site, hour, page_lang, reply_lang, kind, theme,
                             entry_id, partner_id, confidence_band, count)
                         SELECT $1, * FROM UNNEST($2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[],
                             $6::TEXT[], $7::TEXT[], $8::TEXT[], $9::TEXT[], $10::BIGINT[])
                         ON CONFLICT (site, hour, page_lang, reply_lang, kind, theme, entry_id,
                             partner_id, confidence_band)
                         DO UPDATE SET count = stats_replies.count + EXCLUDED.count",
                        &[
                            &site, hour, page_lang, reply_lang, kind, theme, entry_id, partner_id,
                            band, &reply_counts,
                        ],
                    )
                    .await?;
            }
            if !kept_confidence.is_empty() {
                let [day, lang, kind, question, closest] = &kept;
                transaction
                    .execute(
                        "INSERT INTO stats_unanswered (site, day, lang, kind, question, closest_entry,
                             confidence)
                         SELECT $1, * FROM UNNEST($2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[],
                             $6::TEXT[], $7::FLOAT8[])",
                        &[&site, day, lang, kind, question, closest, &kept_confidence],
                    )
                    .await?;
            }
            if !vote_counts.is_empty() {
                transaction
                    .execute(
                        "INSERT INTO stats_feedback (site, day, entry_id, helpful, count)
                         SELECT $1, * FROM UNNEST($2::TEXT[], $3::TEXT[], $4::BOOL[], $5::BIGINT[])
                         ON CONFLICT (site, day, entry_id, helpful)
                         DO UPDATE SET count = stats_feedback.count + EXCLUDED.count",
                        &[&site, &vote_days, &vote_entries, &vote_helpful, &vote_counts],
                    )
                    .await?;
            }
            if !view_counts.is_empty() {
                let [hour, via, lang, theme, entry_id] = &views;
                transaction
                    .execute(
                        "INSERT INTO stats_views (site, hour, via, lang, theme, entry_id, count)
                         SELECT $1, * FROM UNNEST($2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[],
                             $6::TEXT[], $7::BIGINT[])
                         ON CONFLICT (site, hour, via, lang, theme, entry_id)
                         DO UPDATE SET count = stats_views.count + EXCLUDED.count",
                        &[&site, hour, via, lang, theme, entry_id, &view_counts],
                    )
                    .await?;
            }
            transaction.commit().await?;
            Ok(())
        })?)
    }

    /// Deletes the site's kept questions older than `keep_days` before `today`; returns how many.
    /// (PostgreSQL reuses the space; the text is gone from every query at once, and from the files
    /// after the server's own vacuum.)
    pub fn purge(&self, today: time::Date, keep_days: u32) -> Result<usize, StatsError> {
        let cutoff = (today - time::Duration::days(i64::from(keep_days))).to_string();
        let site = self.site.clone();
        Ok(self.database.run(move |client| async move {
            let deleted = client
                .execute(
                    "DELETE FROM stats_unanswered WHERE site = $1 AND day < $2",
                    &[&site, &cutoff],
                )
                .await?;
            Ok(usize::try_from(deleted).unwrap_or(usize::MAX))
        })?)
    }

    /// The figures of `year`, every replica's together.
    pub fn year(&self, year: i32) -> Result<YearReport, StatsError> {
        let (from, to) = (format!("{year}-"), format!("{}-", year + 1));
        let site = self.site.clone();
        let rows = self.database.run(move |client| async move {
            let params: [&(dyn tokio_postgres::types::ToSql + Sync); 3] = [&site, &from, &to];
            let triples = |rows: Vec<tokio_postgres::Row>| -> Vec<(String, String, u64)> {
                rows.iter()
                    .map(|r| (r.get(0), r.get(1), count(r.get(2))))
                    .collect()
            };
            let counts = |rows: Vec<tokio_postgres::Row>| -> Vec<Count> {
                rows.iter()
                    .map(|r| Count {
                        key: r.get(0),
                        count: count(r.get(1)),
                    })
                    .collect()
            };
            let replies = client
                .query(
                    "SELECT substr(hour, 1, 7), kind, SUM(count)::BIGINT FROM stats_replies
                     WHERE site = $1 AND hour >= $2 AND hour < $3 GROUP BY 1, 2",
                    &params,
                )
                .await?;
            let votes = client
                .query(
                    "SELECT substr(day, 1, 7), CASE WHEN helpful THEN 'helpful' ELSE 'not_helpful' END,
                            SUM(count)::BIGINT
                     FROM stats_feedback WHERE site = $1 AND day >= $2 AND day < $3 GROUP BY 1, 2",
                    &params,
                )
                .await?;
            let views = client
                .query(
                    "SELECT substr(hour, 1, 7), via, SUM(count)::BIGINT FROM stats_views
                     WHERE site = $1 AND hour >= $2 AND hour < $3 GROUP BY 1, 2",
                    &params,
                )
                .await?;
            let themes = client
                .query(
                    "SELECT theme, SUM(count)::BIGINT FROM stats_replies
                     WHERE site = $1 AND hour >= $2 AND hour < $3 AND theme <> '' AND kind = 'answer'
                     GROUP BY 1 ORDER BY 2 DESC",
                    &params,
                )
                .await?;
            let languages = client
                .query(
                    "SELECT reply_lang, SUM(count)::BIGINT FROM stats_replies
                     WHERE site = $1 AND hour >= $2 AND hour < $3 GROUP BY 1 ORDER BY 2 DESC",
                    &params,
                )
                .await?;
            let referrals = client
                .query(
                    "SELECT partner_id, SUM(count)::BIGINT FROM stats_replies
                     WHERE site = $1 AND hour >= $2 AND hour < $3 AND partner_id <> '' AND kind = 'answer'
                     GROUP BY 1 ORDER BY 2 DESC",
                    &params,
                )
                .await?;
            let feedback = client
                .query(
                    "SELECT entry_id, SUM(CASE WHEN helpful THEN count ELSE 0 END)::BIGINT,
                            SUM(CASE WHEN helpful THEN 0 ELSE count END)::BIGINT
                     FROM stats_feedback WHERE site = $1 AND day >= $2 AND day < $3
                     GROUP BY 1 ORDER BY 3 DESC, 2 DESC",
                    &params,
                )
                .await?
                .iter()
                .map(|r| (r.get(0), count(r.get(1)), count(r.get(2))))
                .collect();
            Ok(YearRows {
                replies: triples(replies),
                votes: triples(votes),
                views: triples(views),
                themes: counts(themes),
                languages: counts(languages),
                referrals: counts(referrals),
                feedback,
            })
        })?;
        Ok(YearReport::from_rows(year, rows))
    }

    /// Runs a query of kept questions taking `(site, a, b)`.
    fn questions(
        &self,
        sql: &'static str,
        a: QueryValue,
        b: i64,
    ) -> Result<Vec<UnansweredQuestion>, StatsError> {
        let site = self.site.clone();
        Ok(self.database.run(move |client| async move {
            let rows = match a {
                QueryValue::Text(a) => client.query(sql, &[&site, &a, &b]).await?,
                QueryValue::Number(a) => client.query(sql, &[&site, &a, &b]).await?,
            };
            Ok(rows.iter().map(question_row).collect())
        })?)
    }

    /// The kept questions since `since` (inclusive), newest first, at most `limit`.
    pub fn unanswered(
        &self,
        since: time::Date,
        limit: usize,
    ) -> Result<Vec<UnansweredQuestion>, StatsError> {
        self.questions(
            "SELECT id, day, lang, kind, question, closest_entry, confidence FROM stats_unanswered
             WHERE site = $1 AND day >= $2 ORDER BY day DESC, id DESC LIMIT $3",
            QueryValue::Text(since.to_string()),
            i64::try_from(limit).unwrap_or(i64::MAX),
        )
    }

    /// The kept questions with an id above `after`, oldest first, at most `limit`.
    pub fn unanswered_after(
        &self,
        after: i64,
        limit: usize,
    ) -> Result<Vec<UnansweredQuestion>, StatsError> {
        self.questions(
            "SELECT id, day, lang, kind, question, closest_entry, confidence FROM stats_unanswered
             WHERE site = $1 AND id > $2 ORDER BY id LIMIT $3",
            QueryValue::Number(after),
            i64::try_from(limit).unwrap_or(i64::MAX),
        )
    }

    /// Runs a query of one optional number taking `(site, value)`.
    fn number(&self, sql: &'static str, value: i64) -> Result<Option<i64>, StatsError> {
        let site = self.site.clone();
        Ok(self.database.run(move |client| async move {
            let row = client.query_opt(sql, &[&site, &value]).await?;
            Ok(row.and_then(|r| r.get::<_, Option<i64>>(0)))
        })?)
    }

    /// The lowest and highest ids of the site's kept questions.
    pub fn unanswered_ids(&self) -> Result<Option<(i64, i64)>, StatsError> {
        let site = self.site.clone();
        Ok(self.database.run(move |client| async move {
            let row = client
                .query_one(
                    "SELECT MIN(id), MAX(id) FROM stats_unanswered WHERE site = $1",
                    &[&site],
                )
                .await?;
            Ok(row
                .get::<_, Option<i64>>(0)
                .zip(row.get::<_, Option<i64>>(1)))
        })?)
    }

    /// The id below which the newest `newest` kept questions start (0 when there are fewer).
    pub fn unanswered_start(&self, newest: usize) -> Result<i64, StatsError> {
        Ok(self
            .number(
                "SELECT id FROM stats_unanswered WHERE site = $1 ORDER BY id DESC LIMIT 1 OFFSET $2",
                i64::try_from(newest).unwrap_or(i64::MAX),
            )?
            .unwrap_or(0))
    }

    /// Kept questions with an id above `after`.
    pub fn unanswered_count_after(&self, after: i64) -> Result<u64, StatsError> {
        Ok(count(
            self.number(
                "SELECT COUNT(*) FROM stats_unanswered WHERE site = $1 AND id > $2",
                after,
            )?
            .unwrap_or(0),
        ))
    }

    /// Number of kept questions (all days).
    pub fn unanswered_count(&self) -> Result<u64, StatsError> {
        self.unanswered_count_after(i64::MIN)
    }

    /// The entries visitors saw most since `since_hour`, typed answers and answers opened by a click
    /// together, most seen first, at most `limit`.
    pub fn most_asked(&self, since_hour: &str, limit: usize) -> Result<Vec<Count>, StatsError> {
        let (site, since) = (self.site.clone(), since_hour.to_string());
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        Ok(self.database.run(move |client| async move {
            let rows = client
                .query(
                    "SELECT entry_id, SUM(count)::BIGINT FROM (
                         SELECT entry_id, count FROM stats_replies
                         WHERE site = $1 AND hour >= $2 AND kind = 'answer' AND entry_id <> ''
                         UNION ALL
                         SELECT entry_id, count FROM stats_views WHERE site = $1 AND hour >= $2
                     ) seen GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $3",
                    &[&site, &since, &limit],
                )
                .await?;
            Ok(rows
                .iter()
                .map(|r| Count {
                    key: r.get(0),
                    count: count(r.get(1)),
                })
                .collect())
        })?)
    }
}

/// The second parameter of a questions query.
enum QueryValue {
    Text(String),
    Number(i64),
}
