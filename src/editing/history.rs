//! The editors' history: every save with who (account name and roles), when, which file, what was done,
//! the whole text before and after (so any version can be restored) and a readable line diff (crate
//! `similar`). It is kept in the SQLite database `history.sqlite` in the service's data directory, a
//! file of its own next to the statistics and the accounts, so it survives restarts and can be backed
//! up, purged or moved independently of them. Anonymous statistics never mix with named staff actions.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use super::change::Action;

/// File name of the history database in the data directory.
pub const HISTORY_FILE: &str = "history.sqlite";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS revisions (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    roles TEXT NOT NULL,
    file TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT,
    diff TEXT NOT NULL,
    git TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS revisions_file ON revisions(file, id);
";

/// The history database could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// SQLite reported an error.
    #[error("history database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The folder could not be created.
    #[error("history folder: {0}")]
    Io(#[from] std::io::Error),
    /// The shared PostgreSQL database failed or did not answer in time.
    #[error("knowledge-base database: {0}")]
    Database(#[from] crate::database::DatabaseError),
}

/// One recorded save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Its number (increasing).
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// The account's name.
    pub author: String,
    /// The account's roles at the time.
    pub roles: Vec<String>,
    /// The file, relative to the knowledge-base folder.
    pub file: PathBuf,
    /// What was done.
    pub action: Action,
    /// The text before (`None`: the file did not exist).
    pub before: Option<String>,
    /// The text after (`None`: the file was removed).
    pub after: Option<String>,
    /// The unified line diff.
    pub diff: String,
    /// The git commit's hash, git's error, or empty when the folder is not a git work tree.
    pub git: String,
}

/// A readable unified line diff between two versions of a file.
pub fn line_diff(file: &Path, before: Option<&str>, after: Option<&str>) -> String {
    let name = file.display().to_string();
    similar::TextDiff::from_lines(before.unwrap_or(""), after.unwrap_or(""))
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// A file, when it last changed other than by a sign-off, and when it was last signed off (RFC 3339).
pub type FileChanges = (PathBuf, Option<String>, Option<String>);

/// The history database.
pub struct History {
    connection: Connection,
}

impl std::fmt::Debug for History {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("History").finish_non_exhaustive()
    }
}

impl History {
    /// Opens (and creates) the database at `path`.
    pub fn open(path: &Path) -> Result<History, HistoryError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(2))?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.execute_batch(SCHEMA)?;
        Ok(History { connection })
    }

    /// Records a save; returns its number.
    pub fn record(&self, revision: &Revision) -> Result<i64, HistoryError> {
        self.connection.execute(
            "INSERT INTO revisions (at, author, roles, file, action, before, after, diff, git) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                revision.at,
                revision.author,
                revision.roles.join(","),
                revision.file.to_string_lossy(),
                revision.action.as_str(),
                revision.before,
                revision.after,
                revision.diff,
                revision.git,
            ],
        )?;
        Ok(self.connection.last_insert_rowid())
    }

    /// Sets the git outcome of a recorded save.
    pub fn set_git(&self, id: i64, git: &str) -> Result<(), HistoryError> {
        self.connection.execute(
            "UPDATE revisions SET git = ?1 WHERE id = ?2",
            params![git, id],
        )?;
        Ok(())
    }

    /// The saves of one file (or of every file), newest first, at most `limit`.
    pub fn list(&self, file: Option<&Path>, limit: usize) -> Result<Vec<Revision>, HistoryError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut statement = self.connection.prepare(
            "SELECT id, at, author, roles, file, action, before, after, diff, git FROM revisions
             WHERE (?1 IS NULL OR file = ?1) ORDER BY id DESC LIMIT ?2",
        )?;
        let file = file.map(|f| f.to_string_lossy().to_string());
        let rows = statement.query_map(params![file, limit], read_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One save.
    pub fn get(&self, id: i64) -> Result<Option<Revision>, HistoryError> {
        Ok(self
            .connection
            .query_row(
                "SELECT id, at, author, roles, file, action, before, after, diff, git FROM revisions WHERE id = ?1",
                params![id],
                read_row,
            )
            .optional()?)
    }

    /// For each file: when it was last changed by a save other than a sign-off, and when it was last
    /// signed off (RFC 3339), for "changed since the last counsellor check".
    pub fn last_changes(&self) -> Result<Vec<FileChanges>, HistoryError> {
        let mut statement = self.connection.prepare(
            "SELECT file,
                    MAX(CASE WHEN action != 'sign-off' THEN at END),
                    MAX(CASE WHEN action = 'sign-off' THEN at END)
             FROM revisions GROUP BY file",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                PathBuf::from(row.get::<_, String>(0)?),
                row.get(1)?,
                row.get(2)?,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Revision> {
    let roles: String = row.get(3)?;
    let action: String = row.get(5)?;
    Ok(Revision {
        id: row.get(0)?,
        at: row.get(1)?,
        author: row.get(2)?,
        roles: roles
            .split(',')
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect(),
        file: PathBuf::from(row.get::<_, String>(4)?),
        action: Action::parse(&action).unwrap_or(Action::Edit),
        before: row.get(6)?,
        after: row.get(7)?,
        diff: row.get(8)?,
        git: row.get(9)?,
    })
}

#[cfg(test)]
mod tests {
    //! Properties: a recorded save reads back whole after reopening the database (it survives
    //! restarts); lists are per file, newest first; the diff is a readable unified diff.
    use super::*;

    fn revision(file: &str, action: Action, at: &str) -> Revision {
        Revision {
            id: 0,
            at: at.into(),
            author: "Marie".into(),
            roles: vec!["editor".into()],
            file: file.into(),
            action,
            before: Some("a\n".into()),
            after: Some("b\n".into()),
            diff: line_diff(Path::new(file), Some("a\n"), Some("b\n")),
            git: String::new(),
        }
    }

    #[test]
    fn saves_survive_reopening_and_list_per_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join(HISTORY_FILE);
        let first = History::open(&path).unwrap();
        let one = first
            .record(&revision(
                "work/a.toml",
                Action::Edit,
                "2026-12-01T10:00:00Z",
            ))
            .unwrap();
        first
            .record(&revision(
                "work/b.toml",
                Action::Edit,
                "2026-12-01T11:00:00Z",
            ))
            .unwrap();
        first
            .record(&revision(
                "work/a.toml",
                Action::SignOff,
                "2026-12-02T10:00:00Z",
            ))
            .unwrap();
        drop(first);
        let history = History::open(&path).unwrap();
        let listed = history.list(Some(Path::new("work/a.toml")), 10).unwrap();
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].action, Action::SignOff);
        assert_eq!(listed[1].id, one);
        let got = history.get(one).unwrap().unwrap();
        assert_eq!(got.author, "Marie");
        assert_eq!(got.roles, ["editor"]);
        assert_eq!(got.after.as_deref(), Some("b\n"));
        assert_eq!(history.list(None, 10).unwrap().len(), 3);
        let changes = history.last_changes().unwrap();
        let a = changes
            .iter()
            .find(|(f, ..)| f == Path::new("work/a.toml"))
            .unwrap();
        assert_eq!(a.1.as_deref(), Some("2026-12-01T10:00:00Z"));
        assert_eq!(a.2.as_deref(), Some("2026-12-02T10:00:00Z"));
    }

    #[test]
    fn diffs_are_unified_line_diffs() {
        let diff = line_diff(
            Path::new("work/a.toml"),
            Some("one\ntwo\n"),
            Some("one\nthree\n"),
        );
        assert!(diff.contains("--- a/work/a.toml"));
        assert!(diff.contains("-two\n"));
        assert!(diff.contains("+three\n"));
    }
}
