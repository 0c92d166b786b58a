//! The accounts in PostgreSQL (`--database`): the same accounts and sessions as the SQLite file, in
//! the shared tables `accounts` and `sessions` (migration 1), every row tagged with its site. A session
//! opened on one replica is found by every replica of the same site and by no other site; an account
//! of one site is invisible to the others. Only hashes are stored, as in SQLite: the session id's
//! SHA-256 and the password's argon2id hash.

use std::sync::Arc;

use tokio_postgres::Row;

use super::account::Account;
use super::role::Roles;
use super::session::{Session, SessionPolicy};
use super::store::StoreError;
use crate::database::Database;

/// One site's accounts in the shared database.
#[derive(Debug, Clone)]
pub struct PostgresAccounts {
    database: Arc<Database>,
    site: String,
}

fn account_from_row(row: &Row) -> Account {
    let roles: String = row.get("roles");
    let lang: Option<String> = row.get("lang");
    Account {
        name: row.get("name"),
        roles: Roles::parse_list(&roles).unwrap_or(Roles::NONE),
        lang: lang.and_then(|l| l.parse().ok()),
        disabled: row.get("disabled"),
        created_at: row.get("created_at"),
    }
}

impl PostgresAccounts {
    /// Site `site`'s accounts in `database`.
    pub fn new(database: Arc<Database>, site: &str) -> PostgresAccounts {
        PostgresAccounts {
            database,
            site: site.to_string(),
        }
    }

    /// The site.
    pub fn site(&self) -> &str {
        &self.site
    }

    /// The database, password hidden.
    pub fn shown_url(&self) -> &str {
        self.database.shown_url()
    }

    /// Adds an account; false when the name is taken.
    pub fn insert(&self, account: &Account, password_hash: &str) -> Result<bool, StoreError> {
        let (site, account, hash) = (
            self.site.clone(),
            account.clone(),
            password_hash.to_string(),
        );
        Ok(self.database.run(move |client| async move {
            let lang = account.lang.map(|l| l.code().to_string());
            let inserted = client
                .execute(
                    "INSERT INTO accounts (site, name, roles, password_hash, lang, disabled, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
                    &[
                        &site,
                        &account.name,
                        &account.roles.to_list(),
                        &hash,
                        &lang,
                        &account.disabled,
                        &account.created_at,
                    ],
                )
                .await?;
            Ok(inserted == 1)
        })?)
    }

    /// The account and its password hash.
    pub fn credentials(&self, name: &str) -> Result<Option<(Account, String)>, StoreError> {
        let (site, name) = (self.site.clone(), name.to_string());
        Ok(self.database.run(move |client| async move {
            let row = client
                .query_opt(
                    "SELECT name, roles, lang, disabled, created_at, password_hash FROM accounts
                     WHERE site = $1 AND name = $2",
                    &[&site, &name],
                )
                .await?;
            Ok(row.map(|row| (account_from_row(&row), row.get("password_hash"))))
        })?)
    }

    /// Every account of the site, by name.
    pub fn list(&self) -> Result<Vec<Account>, StoreError> {
        let site = self.site.clone();
        Ok(self.database.run(move |client| async move {
            let rows = client
                .query(
                    "SELECT name, roles, lang, disabled, created_at FROM accounts
                     WHERE site = $1 ORDER BY name",
                    &[&site],
                )
                .await?;
            Ok(rows.iter().map(account_from_row).collect())
        })?)
    }

    /// Replaces the password hash and ends every other session of the account.
    pub fn set_password(
        &self,
        name: &str,
        password_hash: &str,
        keep: Option<&str>,
    ) -> Result<bool, StoreError> {
        let (site, name, hash, keep) = (
            self.site.clone(),
            name.to_string(),
            password_hash.to_string(),
            keep.map(str::to_string),
        );
        Ok(self.database.run(move |mut client| async move {
            let transaction = client.transaction().await?;
            let changed = transaction
                .execute(
                    "UPDATE accounts SET password_hash = $3 WHERE site = $1 AND name = $2",
                    &[&site, &name, &hash],
                )
                .await?
                > 0;
            transaction
                .execute(
                    "DELETE FROM sessions WHERE site = $1 AND account = $2
                     AND id_hash IS DISTINCT FROM $3",
                    &[&site, &name, &keep],
                )
                .await?;
            transaction.commit().await?;
            Ok(changed)
        })?)
    }

    /// Disables (ending every session) or enables an account.
    pub fn set_disabled(&self, name: &str, disabled: bool) -> Result<bool, StoreError> {
        let (site, name) = (self.site.clone(), name.to_string());
        Ok(self.database.run(move |mut client| async move {
            let transaction = client.transaction().await?;
            let changed = transaction
                .execute(
                    "UPDATE accounts SET disabled = $3 WHERE site = $1 AND name = $2",
                    &[&site, &name, &disabled],
                )
                .await?
                > 0;
            if disabled {
                transaction
                    .execute(
                        "DELETE FROM sessions WHERE site = $1 AND account = $2",
                        &[&site, &name],
                    )
                    .await?;
            }
            transaction.commit().await?;
            Ok(changed)
        })?)
    }

    /// Replaces the roles.
    pub fn set_roles(&self, name: &str, roles: Roles) -> Result<bool, StoreError> {
        self.update(
            "UPDATE accounts SET roles = $3 WHERE site = $1 AND name = $2",
            name,
            Some(roles.to_list()),
        )
    }

    /// Sets the page language.
    pub fn set_lang(
        &self,
        name: &str,
        lang: Option<crate::text_analysis::Language>,
    ) -> Result<bool, StoreError> {
        self.update(
            "UPDATE accounts SET lang = $3 WHERE site = $1 AND name = $2",
            name,
            lang.map(|l| l.code().to_string()),
        )
    }

    /// Runs an update of one account taking `(site, name, value)`; whether a row changed.
    fn update(
        &self,
        sql: &'static str,
        name: &str,
        value: Option<String>,
    ) -> Result<bool, StoreError> {
        let (site, name) = (self.site.clone(), name.to_string());
        Ok(self.database.run(move |client| async move {
            Ok(client.execute(sql, &[&site, &name, &value]).await? > 0)
        })?)
    }

    /// Stores a new session.
    pub fn insert_session(
        &self,
        id_hash: &str,
        account: &str,
        csrf: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        let (site, id_hash, account, csrf) = (
            self.site.clone(),
            id_hash.to_string(),
            account.to_string(),
            csrf.to_string(),
        );
        Ok(self.database.run(move |client| async move {
            client
                .execute(
                    "INSERT INTO sessions (id_hash, site, account, csrf, created, last_seen)
                     VALUES ($1, $2, $3, $4, $5, $5)",
                    &[&id_hash, &site, &account, &csrf, &now],
                )
                .await?;
            Ok(())
        })?)
    }

    /// The live session with this id hash on this site, marked as used now; an expired one (or one
    /// of a disabled account) is deleted.
    pub fn session(
        &self,
        id_hash: &str,
        now: i64,
        policy: &SessionPolicy,
    ) -> Result<Option<Session>, StoreError> {
        let (site, id_hash, policy) = (self.site.clone(), id_hash.to_string(), *policy);
        Ok(self.database.run(move |client| async move {
            let Some(row) = client
                .query_opt(
                    "SELECT a.name, a.roles, a.lang, a.disabled, a.created_at, s.csrf, s.created,
                            s.last_seen
                     FROM sessions s JOIN accounts a ON a.site = s.site AND a.name = s.account
                     WHERE s.id_hash = $1 AND s.site = $2",
                    &[&id_hash, &site],
                )
                .await?
            else {
                return Ok(None);
            };
            let account = account_from_row(&row);
            let (created, last_seen): (i64, i64) = (row.get("created"), row.get("last_seen"));
            if account.disabled || !policy.is_live(created, last_seen, now) {
                client
                    .execute(
                        "DELETE FROM sessions WHERE id_hash = $1 AND site = $2",
                        &[&id_hash, &site],
                    )
                    .await?;
                return Ok(None);
            }
            client
                .execute(
                    "UPDATE sessions SET last_seen = GREATEST(last_seen, $3)
                     WHERE id_hash = $1 AND site = $2",
                    &[&id_hash, &site, &now],
                )
                .await?;
            Ok(Some(Session {
                account,
                csrf: row.get("csrf"),
            }))
        })?)
    }

    /// Ends a session.
    pub fn delete_session(&self, id_hash: &str) -> Result<(), StoreError> {
        let (site, id_hash) = (self.site.clone(), id_hash.to_string());
        Ok(self.database.run(move |client| async move {
            client
                .execute(
                    "DELETE FROM sessions WHERE id_hash = $1 AND site = $2",
                    &[&id_hash, &site],
                )
                .await?;
            Ok(())
        })?)
    }

    /// Deletes every expired session of the site.
    pub fn purge_sessions(&self, now: i64, policy: &SessionPolicy) -> Result<usize, StoreError> {
        let idle = i64::try_from(policy.idle.as_secs()).unwrap_or(i64::MAX);
        let absolute = i64::try_from(policy.absolute.as_secs()).unwrap_or(i64::MAX);
        let site = self.site.clone();
        Ok(self.database.run(move |client| async move {
            let purged = client
                .execute(
                    "DELETE FROM sessions WHERE site = $1
                     AND ($2 - last_seen >= $3 OR $2 - created >= $4)",
                    &[&site, &now, &idle, &absolute],
                )
                .await?;
            Ok(usize::try_from(purged).unwrap_or(usize::MAX))
        })?)
    }

    /// Sessions stored for an account.
    pub fn session_count(&self, name: &str) -> Result<usize, StoreError> {
        let (site, name) = (self.site.clone(), name.to_string());
        Ok(self.database.run(move |client| async move {
            let row = client
                .query_one(
                    "SELECT COUNT(*) FROM sessions WHERE site = $1 AND account = $2",
                    &[&site, &name],
                )
                .await?;
            Ok(usize::try_from(row.get::<_, i64>(0)).unwrap_or(0))
        })?)
    }

    /// Every stored value of the site's rows as text (tests: nothing secret is stored).
    #[cfg(test)]
    pub fn dump(&self) -> String {
        let site = self.site.clone();
        self.database
            .run(move |client| async move {
                let rows = client
                    .query(
                        "SELECT (SELECT COALESCE(string_agg(a::TEXT, ' '), '') FROM accounts a WHERE a.site = $1)
                             || (SELECT COALESCE(string_agg(s::TEXT, ' '), '') FROM sessions s WHERE s.site = $1)",
                        &[&site],
                    )
                    .await?;
                Ok(rows[0].get::<_, String>(0))
            })
            .unwrap()
    }
}
