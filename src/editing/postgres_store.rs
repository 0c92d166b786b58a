//! The knowledge base in PostgreSQL, for replicas (`--database`): the files of each site in
//! `kb_files`, a version number in `kb_versions` that every save increases, and the history in
//! `kb_revisions` (migration 2). The database is the knowledge base; each replica keeps a copy of it
//! in a folder of its data directory (`<data-dir>/knowledge-base/`), which is what its engine loads
//! and what a save is checked against.
//!
//! - **Seeding**: a site with no knowledge base in the database gets the files of its `--kb` folder
//!   (once, under an advisory lock, even when replicas start together); after that the folder is not
//!   read again.
//! - **Catching up** ([`PostgresStore::catch_up`]): when the database's version is not the copy's, the
//!   copy is rewritten from one consistent read (files written atomically, removed ones deleted) and
//!   the caller reloads. Replicas are told of every save by `NOTIFY cdm_faq_kb, 'site:version'`, and
//!   check anyway after a reconnection and every few seconds. The copy records its version
//!   (`.revision`), so a replica restarted while the database is down serves its last copy and
//!   catches up when the database answers again.
//! - **Saving**: the change is checked as in the file store, against a copy at the database's version;
//!   then one transaction locks the site's version row, makes sure nobody saved meanwhile (else the
//!   save is checked again on the newer copy), writes the file, the revision and the new version, and
//!   notifies. Two editors on two replicas are serialised by the database, and the file version in the
//!   form still turns a stale edit into a conflict.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tokio_postgres::Row;

use super::change::{Action, Change};
use super::git::GitOutcome;
use super::history::{FileChanges, HistoryError, Revision};
use super::store::{
    Author, Checked, Ready, SaveError, Saved, Snapshot, check_change, revision_of, version_of,
    write_atomically,
};
use crate::database::{Database, DatabaseError};

/// The channel replicas listen on; the payload is `site:version`.
pub const KB_CHANNEL: &str = "cdm_faq_kb";

/// The folder of a replica's copy, in its data directory.
pub const COPY_FOLDER: &str = "knowledge-base";

/// The file of a replica's copy that records its database version (hidden: not a knowledge-base file).
const REVISION_FILE: &str = ".revision";

/// How many times a save is checked again when other saves keep landing first.
const SAVE_ATTEMPTS: usize = 5;

/// One site's knowledge base in the shared database, with this replica's copy.
pub struct PostgresStore {
    database: Arc<Database>,
    site: String,
    copy: PathBuf,
    /// The database version the copy is at.
    version: Mutex<i64>,
    /// One catch-up or save at a time in this process.
    busy: Mutex<()>,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore")
            .field("site", &self.site)
            .field("copy", &self.copy)
            .finish()
    }
}

impl From<DatabaseError> for SaveError {
    fn from(e: DatabaseError) -> SaveError {
        SaveError::History(HistoryError::Database(e))
    }
}

/// Every `.toml` file under `dir` (hidden names skipped), relative path → text.
fn toml_files(dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for item in std::fs::read_dir(&folder)? {
            let path = item?.path();
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let relative = path.strip_prefix(dir).unwrap_or(&path);
                let key = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.insert(key, std::fs::read_to_string(&path)?);
            }
        }
    }
    Ok(files)
}

fn read_revision(row: &Row) -> Revision {
    let roles: String = row.get("roles");
    let action: String = row.get("action");
    Revision {
        id: row.get("id"),
        at: row.get("at"),
        author: row.get("author"),
        roles: roles
            .split(',')
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect(),
        file: PathBuf::from(row.get::<_, String>("file")),
        action: Action::parse(&action).unwrap_or(Action::Edit),
        before: row.get("before"),
        after: row.get("after"),
        diff: row.get("diff"),
        git: String::new(),
    }
}

/// What the commit transaction found.
enum Commit {
    /// Written: the revision's id and the new version.
    Done(i64, i64),
    /// Someone saved first: check again on the newer copy.
    Moved,
}

impl PostgresStore {
    /// Site `site`'s knowledge base in `database`, seeded from the folder `seed` when the database has
    /// none yet, copied into `copy` (created when missing). When the database does not answer and
    /// `copy` holds a complete earlier copy, the store starts from it (a warning is logged) and
    /// catches up once the database is back.
    pub fn open(
        database: Arc<Database>,
        site: &str,
        seed: &Path,
        copy: &Path,
    ) -> Result<PostgresStore, HistoryError> {
        match Self::open_online(Arc::clone(&database), site, seed, copy) {
            Err(HistoryError::Database(e)) => {
                let Some(version) = Self::copy_revision(copy) else {
                    return Err(HistoryError::Database(e));
                };
                tracing::warn!(site, version, error = %e, "the database does not answer: serving this replica's last copy of the knowledge base until it does");
                Ok(PostgresStore::at_version(database, site, copy, version))
            }
            other => other,
        }
    }

    fn at_version(database: Arc<Database>, site: &str, copy: &Path, version: i64) -> PostgresStore {
        PostgresStore {
            database,
            site: site.to_string(),
            copy: copy.to_path_buf(),
            version: Mutex::new(version),
            busy: Mutex::new(()),
        }
    }

    /// Whether the database has a knowledge base for `site`.
    fn seeded(database: &Database, site: &str) -> Result<bool, DatabaseError> {
        let site = site.to_string();
        database.run(move |client| async move {
            Ok(client
                .query_opt("SELECT 1 FROM kb_versions WHERE site = $1", &[&site])
                .await?
                .is_some())
        })
    }

    /// The database version recorded with a complete copy in `copy`.
    fn copy_revision(copy: &Path) -> Option<i64> {
        std::fs::read_to_string(copy.join(REVISION_FILE))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    fn set_version(&self, version: i64) -> std::io::Result<()> {
        *self.version.lock().unwrap_or_else(|e| e.into_inner()) = version;
        write_atomically(
            &self.copy,
            Path::new(REVISION_FILE),
            Some(&format!("{version}\n")),
            false,
        )
    }

    fn open_online(
        database: Arc<Database>,
        site: &str,
        seed: &Path,
        copy: &Path,
    ) -> Result<PostgresStore, HistoryError> {
        // The seed folder is read only when there is something to seed; the check is repeated under
        // the lock, where another replica may have seeded meanwhile.
        let already_there = Self::seeded(&database, site)? || {
            let files = toml_files(seed)?;
            let site_id = site.to_string();
            // The transaction answers whether it seeded (false: someone else had).
            !database.run(move |mut client| async move {
                let transaction = client.transaction().await?;
                transaction
                    .execute(
                        "SELECT pg_advisory_xact_lock(hashtext('cdm-faq seed ' || $1))",
                        &[&site_id],
                    )
                    .await?;
                let exists = transaction
                    .query_opt(
                        "SELECT version FROM kb_versions WHERE site = $1",
                        &[&site_id],
                    )
                    .await?
                    .is_some();
                if exists {
                    return Ok(false);
                }
                transaction
                    .execute(
                        "INSERT INTO kb_versions (site, version) VALUES ($1, 1)",
                        &[&site_id],
                    )
                    .await?;
                for (path, text) in &files {
                    transaction
                        .execute(
                            "INSERT INTO kb_files (site, path, text) VALUES ($1, $2, $3)",
                            &[&site_id, path, text],
                        )
                        .await?;
                }
                transaction.commit().await?;
                Ok(true)
            })?
        };
        if !already_there {
            tracing::info!(site, folder = %seed.display(), "knowledge base seeded into the database");
        }
        std::fs::create_dir_all(copy)?;
        let store = PostgresStore::at_version(database, site, copy, 0);
        store.catch_up()?;
        Ok(store)
    }

    /// The folder of this replica's copy (what the engine loads).
    pub fn copy(&self) -> &Path {
        &self.copy
    }

    /// The site.
    pub fn site(&self) -> &str {
        &self.site
    }

    /// The database version this replica's copy is at.
    pub fn version(&self) -> i64 {
        *self.version.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Brings the copy to the database's version; true when something changed (reload then).
    pub fn catch_up(&self) -> Result<bool, HistoryError> {
        let _busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        self.catch_up_locked()
    }

    fn catch_up_locked(&self) -> Result<bool, HistoryError> {
        let have = self.version();
        let site = self.site.clone();
        let read = self.database.run(move |mut client| async move {
            let transaction = client
                .build_transaction()
                .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .await?;
            let version: i64 = transaction
                .query_one("SELECT version FROM kb_versions WHERE site = $1", &[&site])
                .await?
                .get(0);
            if version == have {
                return Ok(None);
            }
            let files: BTreeMap<String, String> = transaction
                .query("SELECT path, text FROM kb_files WHERE site = $1", &[&site])
                .await?
                .iter()
                .map(|row| (row.get(0), row.get(1)))
                .collect();
            transaction.commit().await?;
            Ok(Some((version, files)))
        })?;
        let Some((version, files)) = read else {
            return Ok(false);
        };
        let on_disk = toml_files(&self.copy)?;
        for (path, text) in &files {
            if on_disk.get(path) != Some(text) {
                write_atomically(&self.copy, Path::new(path), Some(text), false)?;
            }
        }
        for path in on_disk.keys().filter(|p| !files.contains_key(*p)) {
            write_atomically(&self.copy, Path::new(path), None, false)?;
        }
        self.set_version(version)?;
        tracing::info!(site = %self.site, version, "knowledge base copy brought up to date");
        Ok(true)
    }

    /// A file of the copy with its version.
    pub fn read(&self, file: &Path) -> std::io::Result<Option<Snapshot>> {
        match std::fs::read_to_string(self.copy.join(file)) {
            Ok(text) => Ok(Some(Snapshot {
                file: file.to_path_buf(),
                version: version_of(Some(&text)),
                text,
            })),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Applies `change` for `author` when the file is still at `expected_version`; see the module.
    pub fn save(
        &self,
        change: &Change,
        author: &Author,
        expected_version: &str,
    ) -> Result<Saved, SaveError> {
        let _busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        for _ in 0..SAVE_ATTEMPTS {
            self.catch_up_locked()?;
            let base = self.version();
            let file = change.file();
            let current = self.read(&file).map_err(SaveError::Write)?.map(|s| s.text);
            let Ready {
                file,
                current,
                proposed,
                warnings,
            } = match check_change(&self.copy, change, current, expected_version)? {
                Checked::Unchanged(saved) => return Ok(saved),
                Checked::Ready(ready) => ready,
            };
            let revision = revision_of(change, author, &file, current, proposed.clone());
            match self.commit(base, revision)? {
                Commit::Moved => continue,
                Commit::Done(id, version) => {
                    write_atomically(&self.copy, &file, proposed.as_deref(), false)
                        .map_err(SaveError::Write)?;
                    self.set_version(version).map_err(SaveError::Write)?;
                    tracing::info!(site = %self.site, file = %file.display(), action = change.action().as_str(), revision = id, version, "knowledge base saved");
                    return Ok(Saved {
                        version: version_of(proposed.as_deref()),
                        file,
                        revision: Some(id),
                        git: GitOutcome::NotARepository,
                        warnings,
                    });
                }
            }
        }
        Err(SaveError::Write(std::io::Error::other(
            "the knowledge base kept changing under this save; try again",
        )))
    }

    /// The transaction of a save checked at version `base`.
    fn commit(&self, base: i64, revision: Revision) -> Result<Commit, DatabaseError> {
        let site = self.site.clone();
        self.database.run(move |mut client| async move {
            let transaction = client.transaction().await?;
            let version: i64 = transaction
                .query_one(
                    "SELECT version FROM kb_versions WHERE site = $1 FOR UPDATE",
                    &[&site],
                )
                .await?
                .get(0);
            if version != base {
                return Ok(Commit::Moved);
            }
            let next = version + 1;
            let path = revision.file.to_string_lossy().replace('\\', "/");
            match &revision.after {
                Some(text) => {
                    transaction
                        .execute(
                            "INSERT INTO kb_files (site, path, text) VALUES ($1, $2, $3)
                             ON CONFLICT (site, path) DO UPDATE SET text = EXCLUDED.text",
                            &[&site, &path, text],
                        )
                        .await?;
                }
                None => {
                    transaction
                        .execute(
                            "DELETE FROM kb_files WHERE site = $1 AND path = $2",
                            &[&site, &path],
                        )
                        .await?;
                }
            }
            let id: i64 = transaction
                .query_one(
                    "INSERT INTO kb_revisions
                        (site, version, at, author, roles, file, action, before, after, diff)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                    &[
                        &site,
                        &next,
                        &revision.at,
                        &revision.author,
                        &revision.roles.join(","),
                        &path,
                        &revision.action.as_str(),
                        &revision.before,
                        &revision.after,
                        &revision.diff,
                    ],
                )
                .await?
                .get(0);
            transaction
                .execute(
                    "UPDATE kb_versions SET version = $2 WHERE site = $1",
                    &[&site, &next],
                )
                .await?;
            transaction
                .execute(
                    "SELECT pg_notify($1, $2)",
                    &[&KB_CHANNEL, &format!("{site}:{next}")],
                )
                .await?;
            transaction.commit().await?;
            Ok(Commit::Done(id, next))
        })
    }

    /// Saves of one file (or of all), newest first.
    pub fn history(
        &self,
        file: Option<&Path>,
        limit: usize,
    ) -> Result<Vec<Revision>, HistoryError> {
        let site = self.site.clone();
        let file = file.map(|f| f.to_string_lossy().replace('\\', "/"));
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        Ok(self.database.run(move |client| async move {
            let rows = client
                .query(
                    "SELECT id, at, author, roles, file, action, before, after, diff
                     FROM kb_revisions WHERE site = $1 AND ($2::TEXT IS NULL OR file = $2)
                     ORDER BY id DESC LIMIT $3",
                    &[&site, &file, &limit],
                )
                .await?;
            Ok(rows.iter().map(read_revision).collect())
        })?)
    }

    /// One saved revision of the site.
    pub fn revision(&self, id: i64) -> Result<Option<Revision>, HistoryError> {
        let site = self.site.clone();
        Ok(self.database.run(move |client| async move {
            let row = client
                .query_opt(
                    "SELECT id, at, author, roles, file, action, before, after, diff
                     FROM kb_revisions WHERE site = $1 AND id = $2",
                    &[&site, &id],
                )
                .await?;
            Ok(row.as_ref().map(read_revision))
        })?)
    }

    /// Per file: last content change and last sign-off.
    pub fn last_changes(&self) -> Result<Vec<FileChanges>, HistoryError> {
        let site = self.site.clone();
        Ok(self.database.run(move |client| async move {
            let rows = client
                .query(
                    "SELECT file,
                            MAX(CASE WHEN action <> 'sign-off' THEN at END),
                            MAX(CASE WHEN action = 'sign-off' THEN at END)
                     FROM kb_revisions WHERE site = $1 GROUP BY file",
                    &[&site],
                )
                .await?;
            Ok(rows
                .iter()
                .map(|row| {
                    (
                        PathBuf::from(row.get::<_, String>(0)),
                        row.get(1),
                        row.get(2),
                    )
                })
                .collect())
        })?)
    }
}

#[cfg(test)]
mod tests {
    //! Properties, against the test server (CDM_FAQ_TEST_DATABASE, started by scripts/test.sh): a site
    //! is seeded once; a valid save raises the version, is in the history and reaches a second
    //! replica's copy when it catches up; a stale version is a conflict and an invalid change is
    //! refused, both leaving the database and the copies unchanged; a retired entry's file leaves every
    //! copy; sites do not see each other's files.
    use super::*;
    use crate::database::tests::{test_database, unique};
    use crate::editing::read_draft;
    use crate::knowledge_base::KnowledgeBase;
    use crate::text_analysis::Language;

    const ID: &str = "work/register-as-job-seeker";

    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/knowledge-base"),
            dir.path(),
        );
        dir
    }

    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for item in std::fs::read_dir(from).unwrap() {
            let item = item.unwrap();
            if item.path().is_dir() {
                copy(&item.path(), &to.join(item.file_name()));
            } else {
                std::fs::copy(item.path(), to.join(item.file_name())).unwrap();
            }
        }
    }

    fn marie() -> Author {
        Author {
            name: "Marie Dupont".into(),
            roles: vec!["editor".into()],
        }
    }

    #[test]
    fn saves_reach_every_replica_and_refusals_change_nothing() {
        let Some(database) = test_database() else {
            return;
        };
        let database = Arc::new(database);
        let seed = fixture();
        let root = tempfile::tempdir().unwrap();
        let site = unique("store");
        let a = PostgresStore::open(
            Arc::clone(&database),
            &site,
            seed.path(),
            &root.path().join("a"),
        )
        .unwrap();
        // The seed folder changes after seeding: the second replica still gets the database's files.
        std::fs::remove_file(seed.path().join(format!("{ID}.toml"))).unwrap();
        let b = PostgresStore::open(
            Arc::clone(&database),
            &site,
            seed.path(),
            &root.path().join("b"),
        )
        .unwrap();
        assert_eq!((a.version(), b.version()), (1, 1));
        let file = PathBuf::from(format!("{ID}.toml"));
        let opened = b.read(&file).unwrap().expect("copied from the database");
        assert!(KnowledgeBase::load(b.copy()).is_ok());

        let mut draft = read_draft(&opened.text).unwrap();
        draft.text_mut(Language::En).answer = "Register online: the zebra-crossing answer.".into();
        let change = Change::UpdateEntry {
            id: ID.into(),
            draft: draft.clone(),
        };
        let saved = a.save(&change, &marie(), &opened.version).unwrap();
        assert_eq!(a.version(), 2);
        assert!(saved.revision.is_some());
        assert!(
            a.read(&file)
                .unwrap()
                .unwrap()
                .text
                .contains("zebra-crossing")
        );
        assert!(
            !b.read(&file)
                .unwrap()
                .unwrap()
                .text
                .contains("zebra-crossing")
        );
        assert!(b.catch_up().unwrap(), "B was behind");
        assert!(!b.catch_up().unwrap(), "and is not any more");
        assert!(
            b.read(&file)
                .unwrap()
                .unwrap()
                .text
                .contains("zebra-crossing")
        );
        let history = b.history(Some(&file), 10).unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].author, "Marie Dupont");
        assert!(history[0].diff.contains("+"));
        assert_eq!(b.revision(history[0].id).unwrap().unwrap().file, file);
        assert_eq!(b.last_changes().unwrap().len(), 1);

        // B saves from the form opened before A's save: a conflict, nothing written anywhere.
        let stale = b.save(&change, &marie(), &opened.version).unwrap_err();
        assert!(matches!(stale, SaveError::Conflict { .. }), "{stale}");
        // An invalid change (an unknown partner): refused with its problems, nothing written.
        let mut broken = draft.clone();
        broken.partners = vec!["no-such-partner".into()];
        let current = b.read(&file).unwrap().unwrap();
        let refused = b
            .save(
                &Change::UpdateEntry {
                    id: ID.into(),
                    draft: broken,
                },
                &marie(),
                &current.version,
            )
            .unwrap_err();
        assert!(matches!(refused, SaveError::Invalid { .. }), "{refused}");
        assert!(!a.catch_up().unwrap(), "the database did not move");
        assert_eq!(b.read(&file).unwrap().unwrap(), current);

        // A retired entry (one nothing refers to) leaves B's copy too.
        let loaded = KnowledgeBase::load(a.copy()).unwrap();
        let lonely = loaded
            .entries()
            .iter()
            .find(|e| !loaded.entries().iter().any(|o| o.related.contains(&e.id)) && e.id != ID)
            .expect("an entry without references")
            .id
            .clone();
        let lonely_file = PathBuf::from(format!("{lonely}.toml"));
        let snap = a.read(&lonely_file).unwrap().unwrap();
        a.save(&Change::RetireEntry { id: lonely }, &marie(), &snap.version)
            .unwrap();
        assert!(b.catch_up().unwrap());
        assert!(b.read(&lonely_file).unwrap().is_none());
        assert_eq!(b.history(None, 10).unwrap().len(), 2);

        // Another site of the same database has its own files and history.
        let other = PostgresStore::open(
            database,
            &unique("other"),
            &fixture().keep(),
            &root.path().join("c"),
        )
        .unwrap();
        assert_eq!(other.version(), 1);
        assert!(other.read(&file).unwrap().is_some());
        assert!(other.history(None, 10).unwrap().is_empty());
    }
}
