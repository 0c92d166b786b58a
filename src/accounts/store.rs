//! Where the accounts and sessions are kept: [`AccountStore`] is the one set of operations
//! [`super::Accounts`] uses, over the SQLite file of one service (`sqlite_store.rs`, the default) or
//! the PostgreSQL database that replicas share (`postgres_store.rs`, `--database`). Both keep the same
//! things with the same meaning and pass the same tests (`super::tests`).

use std::sync::Arc;

use super::account::Account;
use super::postgres_store::PostgresAccounts;
use super::role::Roles;
use super::session::{Session, SessionPolicy};
use super::sqlite_store::SqliteAccounts;
use crate::database::{Database, DatabaseError};

/// An accounts database failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("accounts database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The folder or file could not be created.
    #[error("accounts database file: {0}")]
    Io(#[from] std::io::Error),
    /// PostgreSQL failed or did not answer in time.
    #[error("accounts database: {0}")]
    Database(#[from] DatabaseError),
}

/// The accounts of one site, wherever they are kept.
#[derive(Debug)]
pub enum AccountStore {
    /// A SQLite file in the site's data folder.
    Sqlite(SqliteAccounts),
    /// The site's rows in the shared PostgreSQL database.
    Postgres(PostgresAccounts),
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// Calls the same method on whichever store this is.
macro_rules! either {
    ($self:ident, $store:ident => $call:expr) => {
        match $self {
            AccountStore::Sqlite($store) => $call,
            AccountStore::Postgres($store) => $call,
        }
    };
}

impl AccountStore {
    /// The SQLite file at `path` (nothing is read or created yet).
    pub fn sqlite(path: std::path::PathBuf) -> AccountStore {
        AccountStore::Sqlite(SqliteAccounts::new(path))
    }

    /// Site `site`'s accounts in the shared `database`.
    pub fn postgres(database: Arc<Database>, site: &str) -> AccountStore {
        AccountStore::Postgres(PostgresAccounts::new(database, site))
    }

    /// Where the accounts are, for people: the file, or the database (password hidden) and site.
    pub fn location(&self) -> String {
        match self {
            AccountStore::Sqlite(store) => store.path().display().to_string(),
            AccountStore::Postgres(store) => {
                format!("{} (site {})", store.shown_url(), store.site())
            }
        }
    }

    /// A new account value created now.
    pub fn new_account(
        name: String,
        roles: Roles,
        lang: Option<crate::text_analysis::Language>,
    ) -> Account {
        Account {
            name,
            roles,
            lang,
            disabled: false,
            created_at: now_rfc3339(),
        }
    }

    /// Adds an account; false when the name is taken.
    pub fn insert(&self, account: &Account, password_hash: &str) -> Result<bool, StoreError> {
        either!(self, s => s.insert(account, password_hash))
    }

    /// The account and its password hash.
    pub fn credentials(&self, name: &str) -> Result<Option<(Account, String)>, StoreError> {
        either!(self, s => s.credentials(name))
    }

    /// One account.
    pub fn account(&self, name: &str) -> Result<Option<Account>, StoreError> {
        Ok(self.credentials(name)?.map(|(a, _)| a))
    }

    /// Every account, by name.
    pub fn list(&self) -> Result<Vec<Account>, StoreError> {
        either!(self, s => s.list())
    }

    /// Replaces the password hash and ends every session of the account except `keep` (a session id
    /// hash); false when there is no such account.
    pub fn set_password(
        &self,
        name: &str,
        password_hash: &str,
        keep: Option<&str>,
    ) -> Result<bool, StoreError> {
        either!(self, s => s.set_password(name, password_hash, keep))
    }

    /// Disables (ending every session at once) or enables an account; false when there is none.
    pub fn set_disabled(&self, name: &str, disabled: bool) -> Result<bool, StoreError> {
        either!(self, s => s.set_disabled(name, disabled))
    }

    /// Replaces the roles; false when there is no such account.
    pub fn set_roles(&self, name: &str, roles: Roles) -> Result<bool, StoreError> {
        either!(self, s => s.set_roles(name, roles))
    }

    /// Sets the page language (None: the browser's); false when there is no such account.
    pub fn set_lang(
        &self,
        name: &str,
        lang: Option<crate::text_analysis::Language>,
    ) -> Result<bool, StoreError> {
        either!(self, s => s.set_lang(name, lang))
    }

    /// Stores a new session.
    pub fn insert_session(
        &self,
        id_hash: &str,
        account: &str,
        csrf: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        either!(self, s => s.insert_session(id_hash, account, csrf, now))
    }

    /// The live session with this id hash (its account enabled), marked as used now; an expired one is
    /// deleted.
    pub fn session(
        &self,
        id_hash: &str,
        now: i64,
        policy: &SessionPolicy,
    ) -> Result<Option<Session>, StoreError> {
        either!(self, s => s.session(id_hash, now, policy))
    }

    /// Ends a session.
    pub fn delete_session(&self, id_hash: &str) -> Result<(), StoreError> {
        either!(self, s => s.delete_session(id_hash))
    }

    /// Deletes every expired session.
    pub fn purge_sessions(&self, now: i64, policy: &SessionPolicy) -> Result<usize, StoreError> {
        either!(self, s => s.purge_sessions(now, policy))
    }

    /// Sessions stored for an account (tests, the accounts page).
    pub fn session_count(&self, name: &str) -> Result<usize, StoreError> {
        either!(self, s => s.session_count(name))
    }
}
