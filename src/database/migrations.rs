//! The database schema as numbered migrations, each a SQL file in `migrations/` embedded in the binary
//! and applied at most once, in order, recorded in `schema_migrations`. [`apply`] runs them in one
//! transaction under an advisory lock, so replicas starting together apply each once and a failed
//! migration leaves the schema as it was.
//!
//! Migrations are additive (new tables, new nullable columns): a replica still running the previous
//! version keeps working on the newer schema during a rolling upgrade. A database whose schema is newer
//! than this binary is used as it is, with a warning.

use tokio_postgres::Client;

use super::DatabaseError;

/// One step of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// Its number: applied in increasing order, never renumbered.
    pub version: i32,
    /// What it does.
    pub name: &'static str,
    /// The statements.
    pub sql: &'static str,
}

/// Every migration this binary knows, in order.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "accounts and sessions",
        sql: include_str!("migrations/0001_accounts.sql"),
    },
    Migration {
        version: 2,
        name: "knowledge base, versions and history",
        sql: include_str!("migrations/0002_knowledge_base.sql"),
    },
    Migration {
        version: 3,
        name: "statistics",
        sql: include_str!("migrations/0003_statistics.sql"),
    },
];

/// The advisory lock that serialises migrations between replicas (an arbitrary constant).
const LOCK_KEY: i64 = 0x00cd_faf0_0001;

/// Applies the migrations the database does not have yet; returns their versions.
pub async fn apply(client: &mut Client) -> Result<Vec<i32>, DatabaseError> {
    let transaction = client.transaction().await?;
    transaction
        .execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])
        .await?;
    transaction
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )",
        )
        .await?;
    let have: Vec<i32> = transaction
        .query("SELECT version FROM schema_migrations", &[])
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let newest_known = MIGRATIONS.last().map_or(0, |m| m.version);
    if let Some(newer) = have.iter().copied().filter(|v| *v > newest_known).max() {
        tracing::warn!(
            schema = newer,
            binary = newest_known,
            "the database schema is newer than this binary (an upgrade under way?); using it as it is"
        );
    }
    let mut applied = Vec::new();
    for migration in MIGRATIONS.iter().filter(|m| !have.contains(&m.version)) {
        transaction.batch_execute(migration.sql).await?;
        transaction
            .execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                &[&migration.version, &migration.name],
            )
            .await?;
        applied.push(migration.version);
    }
    transaction.commit().await?;
    Ok(applied)
}

#[cfg(test)]
mod tests {
    //! Properties: versions start at 1 and increase by one; every migration has a name and statements.
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (i, migration) in (1..).zip(MIGRATIONS) {
            assert_eq!(migration.version, i, "{}", migration.name);
            assert!(!migration.name.is_empty());
            assert!(migration.sql.contains(';'), "{}", migration.name);
        }
    }
}
