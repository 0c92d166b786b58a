//! The accounts in SQLite (the embedded default): file `accounts.sqlite` in the data directory, separate from the
//! statistics, readable by the service's user only (file 0600, folder created 0700), with
//! `secure_delete` so that ended sessions and replaced hashes do not linger in the file. It holds the
//! accounts (name, roles, argon2id hash, language, disabled) and the sessions (SHA-256 of the id, CSRF
//! token, creation and last use). Opened lazily: a service with no accounts file has no accounts until
//! one is added.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};

use super::account::Account;
use super::role::Roles;
use super::session::{Session, SessionPolicy};
use super::store::StoreError;

/// The file name of the accounts database in the data directory.
pub const ACCOUNTS_FILE: &str = "accounts.sqlite";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS accounts (
    name TEXT PRIMARY KEY,
    roles TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    lang TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    account TEXT NOT NULL REFERENCES accounts(name) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_account ON sessions(account);
";

/// The accounts database in a SQLite file.
#[derive(Debug)]
pub struct SqliteAccounts {
    path: PathBuf,
    connection: Mutex<Option<Connection>>,
}

fn create_private(path: &Path) -> Result<(), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

fn account_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    let roles: String = row.get("roles")?;
    let lang: Option<String> = row.get("lang")?;
    Ok(Account {
        name: row.get("name")?,
        roles: Roles::parse_list(&roles).unwrap_or(Roles::NONE),
        lang: lang.and_then(|l| l.parse().ok()),
        disabled: row.get::<_, i64>("disabled")? != 0,
        created_at: row.get("created_at")?,
    })
}

impl SqliteAccounts {
    /// The database at `path` (nothing is read or created yet).
    pub fn new(path: PathBuf) -> SqliteAccounts {
        SqliteAccounts {
            path,
            connection: Mutex::new(None),
        }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the connection. When the file does not exist: `create` makes it, else `Ok(None)`.
    fn with<R>(
        &self,
        create: bool,
        f: impl FnOnce(&mut Connection) -> Result<R, StoreError>,
    ) -> Result<Option<R>, StoreError> {
        let mut slot = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            if !self.path.exists() {
                if !create {
                    return Ok(None);
                }
                create_private(&self.path)?;
            }
            let connection = Connection::open(&self.path)?;
            connection.busy_timeout(std::time::Duration::from_secs(2))?;
            connection.pragma_update(None, "journal_mode", "WAL")?;
            connection.pragma_update(None, "secure_delete", "ON")?;
            connection.pragma_update(None, "foreign_keys", "ON")?;
            connection.execute_batch(SCHEMA)?;
            *slot = Some(connection);
        }
        match slot.as_mut() {
            Some(connection) => f(connection).map(Some),
            None => Ok(None),
        }
    }

    /// Adds an account; false when the name is taken.
    pub fn insert(&self, account: &Account, password_hash: &str) -> Result<bool, StoreError> {
        Ok(self
            .with(true, |c| {
                let inserted = c.execute(
                    "INSERT INTO accounts (name, roles, password_hash, lang, disabled, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                    params![
                        account.name,
                        account.roles.to_list(),
                        password_hash,
                        account.lang.map(|l| l.code()),
                        i64::from(account.disabled),
                        account.created_at,
                    ],
                )?;
                Ok(inserted == 1)
            })?
            .unwrap_or(false))
    }

    /// The account and its password hash.
    pub fn credentials(&self, name: &str) -> Result<Option<(Account, String)>, StoreError> {
        Ok(self
            .with(false, |c| {
                Ok(c.query_row(
                    "SELECT name, roles, lang, disabled, created_at, password_hash FROM accounts WHERE name = ?1",
                    [name],
                    |row| Ok((account_from_row(row)?, row.get("password_hash")?)),
                )
                .optional()?)
            })?
            .flatten())
    }

    /// Every account, by name.
    pub fn list(&self) -> Result<Vec<Account>, StoreError> {
        Ok(self
            .with(false, |c| {
                let mut statement = c.prepare(
                    "SELECT name, roles, lang, disabled, created_at FROM accounts ORDER BY name",
                )?;
                let rows = statement.query_map([], account_from_row)?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })?
            .unwrap_or_default())
    }

    fn update(&self, sql: &str, values: impl rusqlite::Params) -> Result<bool, StoreError> {
        Ok(self
            .with(false, |c| Ok(c.execute(sql, values)? > 0))?
            .unwrap_or(false))
    }

    /// Replaces the password hash and ends every session of the account except `keep` (a session id
    /// hash); false when there is no such account.
    pub fn set_password(
        &self,
        name: &str,
        password_hash: &str,
        keep: Option<&str>,
    ) -> Result<bool, StoreError> {
        Ok(self
            .with(false, |c| {
                let tx = c.transaction()?;
                let changed = tx.execute(
                    "UPDATE accounts SET password_hash = ?2 WHERE name = ?1",
                    params![name, password_hash],
                )? > 0;
                tx.execute(
                    "DELETE FROM sessions WHERE account = ?1 AND id_hash IS NOT ?2",
                    params![name, keep],
                )?;
                tx.commit()?;
                Ok(changed)
            })?
            .unwrap_or(false))
    }

    /// Disables (ending every session at once) or enables an account; false when there is none.
    pub fn set_disabled(&self, name: &str, disabled: bool) -> Result<bool, StoreError> {
        Ok(self
            .with(false, |c| {
                let tx = c.transaction()?;
                let changed = tx.execute(
                    "UPDATE accounts SET disabled = ?2 WHERE name = ?1",
                    params![name, i64::from(disabled)],
                )? > 0;
                if disabled {
                    tx.execute("DELETE FROM sessions WHERE account = ?1", [name])?;
                }
                tx.commit()?;
                Ok(changed)
            })?
            .unwrap_or(false))
    }

    /// Replaces the roles; false when there is no such account.
    pub fn set_roles(&self, name: &str, roles: Roles) -> Result<bool, StoreError> {
        self.update(
            "UPDATE accounts SET roles = ?2 WHERE name = ?1",
            params![name, roles.to_list()],
        )
    }

    /// Sets the page language (None: the browser's); false when there is no such account.
    pub fn set_lang(
        &self,
        name: &str,
        lang: Option<crate::text_analysis::Language>,
    ) -> Result<bool, StoreError> {
        self.update(
            "UPDATE accounts SET lang = ?2 WHERE name = ?1",
            params![name, lang.map(|l| l.code())],
        )
    }

    /// Stores a new session.
    pub fn insert_session(
        &self,
        id_hash: &str,
        account: &str,
        csrf: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        self.with(true, |c| {
            c.execute(
                "INSERT INTO sessions (id_hash, account, csrf, created, last_seen) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id_hash, account, csrf, now],
            )?;
            Ok(())
        })?;
        Ok(())
    }

    /// The live session with this id hash (its account enabled), marked as used now; an expired one is
    /// deleted.
    pub fn session(
        &self,
        id_hash: &str,
        now: i64,
        policy: &SessionPolicy,
    ) -> Result<Option<Session>, StoreError> {
        Ok(self
            .with(false, |c| {
                let found = c
                    .query_row(
                        "SELECT a.name, a.roles, a.lang, a.disabled, a.created_at, s.csrf, s.created, s.last_seen
                         FROM sessions s JOIN accounts a ON a.name = s.account
                         WHERE s.id_hash = ?1",
                        [id_hash],
                        |row| {
                            Ok((
                                account_from_row(row)?,
                                row.get::<_, String>("csrf")?,
                                row.get::<_, i64>("created")?,
                                row.get::<_, i64>("last_seen")?,
                            ))
                        },
                    )
                    .optional()?;
                let Some((account, csrf, created, last_seen)) = found else {
                    return Ok(None);
                };
                if account.disabled || !policy.is_live(created, last_seen, now) {
                    c.execute("DELETE FROM sessions WHERE id_hash = ?1", [id_hash])?;
                    return Ok(None);
                }
                c.execute(
                    "UPDATE sessions SET last_seen = ?2 WHERE id_hash = ?1",
                    params![id_hash, now],
                )?;
                Ok(Some(Session { account, csrf }))
            })?
            .flatten())
    }

    /// Ends a session.
    pub fn delete_session(&self, id_hash: &str) -> Result<(), StoreError> {
        self.update("DELETE FROM sessions WHERE id_hash = ?1", [id_hash])?;
        Ok(())
    }

    /// Deletes every expired session.
    pub fn purge_sessions(&self, now: i64, policy: &SessionPolicy) -> Result<usize, StoreError> {
        let idle = i64::try_from(policy.idle.as_secs()).unwrap_or(i64::MAX);
        let absolute = i64::try_from(policy.absolute.as_secs()).unwrap_or(i64::MAX);
        Ok(self
            .with(false, |c| {
                Ok(c.execute(
                    "DELETE FROM sessions WHERE ?1 - last_seen >= ?2 OR ?1 - created >= ?3",
                    params![now, idle, absolute],
                )?)
            })?
            .unwrap_or(0))
    }

    /// Sessions stored for an account (tests, the accounts page).
    pub fn session_count(&self, name: &str) -> Result<usize, StoreError> {
        Ok(self
            .with(false, |c| {
                Ok(c.query_row(
                    "SELECT COUNT(*) FROM sessions WHERE account = ?1",
                    [name],
                    |r| r.get::<_, i64>(0),
                )? as usize)
            })?
            .unwrap_or(0))
    }
}
