//! Named staff accounts: who may use the editors', counsellors' and admins' pages, with which roles,
//! and the sessions they open by logging in. [`Accounts`] is the one entry point used by the HTTP
//! layer and the `cdm-faq user` command: it checks names and passwords (argon2id, `password.rs`),
//! throttles guessing (`throttle.rs`), keeps accounts and server-side sessions in SQLite or, for
//! replicas, PostgreSQL (`store.rs`) and applies the session expiry (`session.rs`). A wrong password and an unknown or
//! disabled account give the same answer after the same work.

mod account;
mod password;
mod postgres_store;
mod role;
mod session;
mod sqlite_store;
mod store;
mod throttle;

use std::time::{Duration, Instant};

pub use account::{Account, MAX_NAME_CHARS, NameError, normalise_name};
pub use password::{
    MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, PasswordError, check_password, hash_password,
    verify_password,
};
pub use role::{Role, Roles, UnknownRole};
pub use session::{OpenedSession, SECRET_HEX_CHARS, Session, SessionPolicy, looks_like_secret};
pub use sqlite_store::ACCOUNTS_FILE;
pub use store::{AccountStore, StoreError};
pub use throttle::{BackOff, ClientKey, MAX_TRACKED, Throttle};

use crate::text_analysis::Language;

/// Why an account could not be added or changed.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// A bad name.
    #[error("{0}")]
    Name(#[from] NameError),
    /// A refused password.
    #[error("{0}")]
    Password(#[from] PasswordError),
    /// No role given.
    #[error("an account needs at least one role")]
    NoRole,
    /// The name is taken.
    #[error("there is already an account named {0:?}")]
    Taken(String),
    /// No such account.
    #[error("there is no account named {0:?}")]
    Unknown(String),
    /// The change would leave no enabled admin.
    #[error("this would leave no enabled admin account")]
    LastAdmin,
    /// The database failed.
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Why a login was refused.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Too many failures: try again after this wait (the password was not looked at).
    #[error("too many failed logins: wait {} s", .0.as_secs().max(1))]
    Throttled(Duration),
    /// Wrong name or password, or a disabled account (the same answer for all three).
    #[error("wrong name or password")]
    Wrong,
    /// The database failed.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// No randomness for the session id.
    #[error("cannot draw a random session id")]
    Random,
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The staff accounts, their sessions and the login throttle.
#[derive(Debug)]
pub struct Accounts {
    store: AccountStore,
    throttle: Throttle,
    policy: SessionPolicy,
}

impl Accounts {
    /// The accounts in `store`, sessions lasting as `policy` says.
    pub fn new(store: AccountStore, policy: SessionPolicy) -> Accounts {
        Accounts {
            store,
            throttle: Throttle::default(),
            policy,
        }
    }

    /// The accounts database file in `data_dir`.
    pub fn in_data_dir(data_dir: &std::path::Path, policy: SessionPolicy) -> Accounts {
        Accounts::new(AccountStore::sqlite(data_dir.join(ACCOUNTS_FILE)), policy)
    }

    /// Site `site`'s accounts in the shared PostgreSQL `database`.
    pub fn in_database(
        database: std::sync::Arc<crate::database::Database>,
        site: &str,
        policy: SessionPolicy,
    ) -> Accounts {
        Accounts::new(AccountStore::postgres(database, site), policy)
    }

    /// The session policy.
    pub fn policy(&self) -> SessionPolicy {
        self.policy
    }

    /// The store (for the command line's listing and tests).
    pub fn store(&self) -> &AccountStore {
        &self.store
    }

    /// The throttle.
    pub fn throttle(&self) -> &Throttle {
        &self.throttle
    }

    /// Adds an enabled account.
    pub fn add(
        &self,
        raw_name: &str,
        roles: Roles,
        password: &str,
        lang: Option<Language>,
    ) -> Result<Account, AccountError> {
        let name = normalise_name(raw_name)?;
        if roles.is_empty() {
            return Err(AccountError::NoRole);
        }
        let hash = hash_password(password)?;
        let account = AccountStore::new_account(name, roles, lang);
        if !self.store.insert(&account, &hash)? {
            return Err(AccountError::Taken(account.name));
        }
        Ok(account)
    }

    fn existing(&self, raw_name: &str) -> Result<Account, AccountError> {
        let name = normalise_name(raw_name)?;
        self.store
            .account(&name)?
            .ok_or(AccountError::Unknown(name))
    }

    fn other_enabled_admins(&self, name: &str) -> Result<usize, AccountError> {
        Ok(self
            .store
            .list()?
            .iter()
            .filter(|a| a.name != name && !a.disabled && a.roles.contains(Role::Admin))
            .count())
    }

    /// Changes the password and ends the account's other sessions (`keep`: the session id of the
    /// person changing their own password, which stays open).
    pub fn set_password(
        &self,
        raw_name: &str,
        password: &str,
        keep: Option<&str>,
    ) -> Result<(), AccountError> {
        let account = self.existing(raw_name)?;
        let hash = hash_password(password)?;
        let keep = keep.map(session::hash_id);
        self.store
            .set_password(&account.name, &hash, keep.as_deref())?;
        Ok(())
    }

    /// Disables an account: its sessions end at once. Refused for the last enabled admin unless
    /// `allow_last_admin` (the command line may, to lock everything down).
    pub fn disable(&self, raw_name: &str, allow_last_admin: bool) -> Result<Account, AccountError> {
        let account = self.existing(raw_name)?;
        if !allow_last_admin
            && account.roles.contains(Role::Admin)
            && !account.disabled
            && self.other_enabled_admins(&account.name)? == 0
        {
            return Err(AccountError::LastAdmin);
        }
        self.store.set_disabled(&account.name, true)?;
        Ok(account)
    }

    /// Enables an account again.
    pub fn enable(&self, raw_name: &str) -> Result<Account, AccountError> {
        let account = self.existing(raw_name)?;
        self.store.set_disabled(&account.name, false)?;
        Ok(account)
    }

    /// Replaces an account's roles (at least one; the last enabled admin keeps `admin`).
    pub fn set_roles(&self, raw_name: &str, roles: Roles) -> Result<Account, AccountError> {
        let account = self.existing(raw_name)?;
        if roles.is_empty() {
            return Err(AccountError::NoRole);
        }
        if account.roles.contains(Role::Admin)
            && !roles.contains(Role::Admin)
            && !account.disabled
            && self.other_enabled_admins(&account.name)? == 0
        {
            return Err(AccountError::LastAdmin);
        }
        self.store.set_roles(&account.name, roles)?;
        Ok(Account { roles, ..account })
    }

    /// Sets an account's page language (None: the browser's).
    pub fn set_lang(&self, raw_name: &str, lang: Option<Language>) -> Result<(), AccountError> {
        let account = self.existing(raw_name)?;
        self.store.set_lang(&account.name, lang)?;
        Ok(())
    }

    /// Every account, by name.
    pub fn list(&self) -> Result<Vec<Account>, StoreError> {
        self.store.list()
    }

    /// Whether any account exists (the login page says how to create the first one otherwise).
    pub fn any(&self) -> Result<bool, StoreError> {
        Ok(!self.store.list()?.is_empty())
    }

    /// Checks a login and opens a session. Blocking (argon2id takes tens of milliseconds): call it off
    /// the async workers. Throttled attempts are refused before the password is looked at; unknown and
    /// disabled accounts cost one hash check like a real one.
    pub fn login(
        &self,
        raw_name: &str,
        password: &str,
        client: ClientKey,
    ) -> Result<OpenedSession, LoginError> {
        let now = Instant::now();
        let key: String = raw_name
            .trim()
            .to_lowercase()
            .chars()
            .take(MAX_NAME_CHARS)
            .collect();
        let wait = self.throttle.wait(&key, client, now);
        if !wait.is_zero() {
            return Err(LoginError::Throttled(wait));
        }
        let found = match normalise_name(raw_name) {
            Ok(name) => self.store.credentials(&name)?,
            Err(_) => None,
        };
        let usable = found.as_ref().filter(|(account, _)| !account.disabled);
        let matches = verify_password(password, usable.map(|(_, hash)| hash.as_str()));
        let Some((account, _)) = usable.filter(|_| matches) else {
            self.throttle.failed(&key, client, now);
            return Err(LoginError::Wrong);
        };
        self.throttle.succeeded(&key);
        let account = account.clone();
        let id = session::new_secret().map_err(|_| LoginError::Random)?;
        let csrf = session::new_secret().map_err(|_| LoginError::Random)?;
        let now = unix_now();
        let _ = self.store.purge_sessions(now, &self.policy);
        self.store
            .insert_session(&session::hash_id(&id), &account.name, &csrf, now)?;
        Ok(OpenedSession {
            id,
            session: Session { account, csrf },
        })
    }

    /// The live session behind a cookie value, if any.
    pub fn session(&self, id: &str) -> Result<Option<Session>, StoreError> {
        if !looks_like_secret(id) {
            return Ok(None);
        }
        self.store
            .session(&session::hash_id(id), unix_now(), &self.policy)
    }

    /// Ends a session on the server.
    pub fn logout(&self, id: &str) -> Result<(), StoreError> {
        if !looks_like_secret(id) {
            return Ok(());
        }
        self.store.delete_session(&session::hash_id(id))
    }
}

#[cfg(test)]
mod tests {
    //! Properties, on SQLite and on PostgreSQL alike (the second when scripts/test.sh started its
    //! throwaway server): add / login / session / logout round trip; a wrong password, an unknown name
    //! and a disabled account give the same error; disabling ends sessions at once; a password change
    //! ends the other sessions; the last admin cannot be disabled from the browser; neither the session
    //! id nor the password is stored; idle sessions expire; the SQLite file is 0600 in a 0700 folder;
    //! on PostgreSQL, one site's accounts and sessions are invisible to another.
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    const PW: &str = "lange zin met woorden";

    /// Runs `test` on fresh accounts in each backend: a new SQLite data folder (passed along), and a
    /// new site of the test PostgreSQL database when there is one.
    fn each_backend(policy: SessionPolicy, test: impl Fn(&Accounts, Option<&Path>)) {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        test(&Accounts::in_data_dir(&data, policy), Some(&data));
        if let Some(database) = crate::database::tests::test_database() {
            let site = crate::database::tests::unique("accounts");
            test(
                &Accounts::in_database(Arc::new(database), &site, policy),
                None,
            );
        }
    }

    fn each(test: impl Fn(&Accounts, Option<&Path>)) {
        each_backend(SessionPolicy::default(), test);
    }

    /// Everything the backend keeps, as text.
    fn stored(accounts: &Accounts, data: Option<&Path>) -> String {
        match (accounts.store(), data) {
            (AccountStore::Sqlite(_), Some(data)) => {
                let mut bytes = Vec::new();
                for entry in std::fs::read_dir(data).unwrap() {
                    bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
                }
                String::from_utf8_lossy(&bytes).into_owned()
            }
            (AccountStore::Postgres(store), _) => store.dump(),
            (AccountStore::Sqlite(_), None) => unreachable!("SQLite runs with its folder"),
        }
    }

    #[test]
    fn no_accounts_until_one_is_added_and_no_file_is_created() {
        each(|accounts, data| {
            assert!(!accounts.any().unwrap());
            assert!(matches!(
                accounts.login("amina", PW, ClientKey::UNKNOWN),
                Err(LoginError::Wrong)
            ));
            if let Some(data) = data {
                assert!(!data.exists());
            }
        });
    }

    #[test]
    fn login_opens_a_session_and_logout_ends_it() {
        each(|accounts, data| {
            let roles: Roles = [Role::Editor, Role::Counsellor].into_iter().collect();
            accounts
                .add("Amina", roles, PW, Some(Language::Nl))
                .unwrap();
            assert!(matches!(
                accounts.add("amina", roles, PW, None),
                Err(AccountError::Taken(_))
            ));
            let opened = accounts.login(" AMINA ", PW, ClientKey::UNKNOWN).unwrap();
            assert_eq!(opened.session.account.name, "amina");
            let session = accounts.session(&opened.id).unwrap().unwrap();
            assert_eq!(session.account.roles, roles);
            assert_eq!(session.account.lang, Some(Language::Nl));
            assert_eq!(session.csrf, opened.session.csrf);
            assert_eq!(accounts.list().unwrap().len(), 1);
            accounts.logout(&opened.id).unwrap();
            assert!(accounts.session(&opened.id).unwrap().is_none());
            #[cfg(unix)]
            if let Some(data) = data {
                use std::os::unix::fs::PermissionsExt;
                let file = data.join(ACCOUNTS_FILE);
                let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600);
                let mode = std::fs::metadata(data).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o700);
            }
        });
    }

    #[test]
    fn the_session_id_and_the_password_are_not_stored() {
        each(|accounts, data| {
            accounts.add("bert", Roles::ALL, PW, None).unwrap();
            let opened = accounts.login("bert", PW, ClientKey::UNKNOWN).unwrap();
            let text = stored(accounts, data);
            assert!(text.contains("bert"), "the dump sees the rows");
            assert!(!text.contains(&opened.id));
            assert!(!text.contains(PW));
        });
    }

    #[test]
    fn wrong_password_unknown_name_and_disabled_account_look_the_same() {
        each(|accounts, _| {
            accounts.add("amina", Roles::ALL, PW, None).unwrap();
            accounts.add("bert", Roles::ALL, PW, None).unwrap();
            let first = accounts.login("amina", PW, ClientKey::UNKNOWN).unwrap();
            accounts.disable("amina", false).unwrap();
            assert!(
                accounts.session(&first.id).unwrap().is_none(),
                "out at once"
            );
            for (name, pw) in [
                ("amina", PW),
                ("bert", "wrong password!"),
                ("nobody", PW),
                ("bad name", PW),
            ] {
                let error = accounts.login(name, pw, ClientKey::UNKNOWN).unwrap_err();
                assert!(matches!(error, LoginError::Wrong), "{name}: {error}");
            }
            accounts.enable("amina").unwrap();
            assert!(accounts.login("amina", PW, ClientKey::UNKNOWN).is_ok());
        });
    }

    #[test]
    fn a_password_change_ends_the_other_sessions() {
        each(|accounts, _| {
            accounts.add("amina", Roles::ALL, PW, None).unwrap();
            let here = accounts.login("amina", PW, ClientKey::UNKNOWN).unwrap();
            let there = accounts.login("amina", PW, ClientKey::UNKNOWN).unwrap();
            assert!(matches!(
                accounts.set_password("amina", "short", Some(&here.id)),
                Err(AccountError::Password(PasswordError::TooShort))
            ));
            accounts
                .set_password("amina", "een nieuwe lange zin", Some(&here.id))
                .unwrap();
            assert!(accounts.session(&here.id).unwrap().is_some());
            assert!(accounts.session(&there.id).unwrap().is_none());
            assert!(matches!(
                accounts.login("amina", PW, ClientKey::UNKNOWN),
                Err(LoginError::Wrong)
            ));
            assert!(
                accounts
                    .login("amina", "een nieuwe lange zin", ClientKey::UNKNOWN)
                    .is_ok()
            );
        });
    }

    #[test]
    fn the_last_admin_stays() {
        each(|accounts, _| {
            accounts
                .add("root", [Role::Admin].into_iter().collect(), PW, None)
                .unwrap();
            assert!(matches!(
                accounts.disable("root", false),
                Err(AccountError::LastAdmin)
            ));
            assert!(matches!(
                accounts.set_roles("root", [Role::Editor].into_iter().collect()),
                Err(AccountError::LastAdmin)
            ));
            accounts.add("second", Roles::ALL, PW, None).unwrap();
            assert!(accounts.disable("root", false).is_ok());
            assert!(matches!(
                accounts.set_roles("second", Roles::NONE),
                Err(AccountError::NoRole)
            ));
        });
    }

    #[test]
    fn sessions_expire_when_idle() {
        let policy = SessionPolicy {
            idle: Duration::ZERO,
            absolute: Duration::from_secs(3600),
        };
        each_backend(policy, |accounts, _| {
            accounts.add("amina", Roles::ALL, PW, None).unwrap();
            let opened = accounts.login("amina", PW, ClientKey::UNKNOWN).unwrap();
            assert!(accounts.session(&opened.id).unwrap().is_none());
            assert_eq!(
                accounts.store().session_count("amina").unwrap(),
                0,
                "deleted"
            );
        });
    }

    #[test]
    fn guessing_is_throttled_even_with_the_right_password() {
        each(|accounts, _| {
            accounts.add("amina", Roles::ALL, PW, None).unwrap();
            for _ in 0..6 {
                assert!(matches!(
                    accounts.login("amina", "not the password", ClientKey::UNKNOWN),
                    Err(LoginError::Wrong)
                ));
            }
            assert!(matches!(
                accounts.login("amina", PW, ClientKey::UNKNOWN),
                Err(LoginError::Throttled(_))
            ));
        });
    }

    #[test]
    fn on_postgres_sites_do_not_see_each_other() {
        let Some(database) = crate::database::tests::test_database() else {
            return;
        };
        let database = Arc::new(database);
        let (one, two) = (
            crate::database::tests::unique("one"),
            crate::database::tests::unique("two"),
        );
        let policy = SessionPolicy::default();
        let first = Accounts::in_database(Arc::clone(&database), &one, policy);
        let second = Accounts::in_database(Arc::clone(&database), &two, policy);
        first.add("amina", Roles::ALL, PW, None).unwrap();
        let opened = first.login("amina", PW, ClientKey::UNKNOWN).unwrap();
        assert!(!second.any().unwrap());
        assert!(second.session(&opened.id).unwrap().is_none());
        assert!(matches!(
            second.login("amina", PW, ClientKey::UNKNOWN),
            Err(LoginError::Wrong)
        ));
        second
            .add("amina", Roles::ALL, "een ander wachtwoord", None)
            .unwrap();
        second.disable("amina", true).unwrap();
        assert!(first.session(&opened.id).unwrap().is_some(), "untouched");
        // A second replica of the same site (its own pool) finds the session.
        let replica = Accounts::in_database(
            Arc::new(crate::database::tests::test_database().unwrap()),
            &one,
            policy,
        );
        assert_eq!(
            replica.session(&opened.id).unwrap().unwrap().account.name,
            "amina"
        );
    }
}
