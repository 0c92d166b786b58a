//! The one path for every write to the knowledge base: [`KnowledgeStore::read`] and
//! [`KnowledgeStore::save`]`(change, author, expected_version)`, used by the editors' pages.
//!
//! A save applies the change to the whole knowledge base in memory (an [`Overlay`] over the folder)
//! and runs the same checker as `cdm-faq check`; with any error nothing is written and every problem
//! comes back, tied to its form field where it has one. A valid save writes the file atomically
//! (temporary file in the same folder, fsync, rename, fsync of the folder), records the revision in the
//! history, and commits it when the folder is a git work tree. The version of a file is a hash of its
//! bytes: a save made on another version is refused as a conflict, never written over.
//!
//! [`KnowledgeStore`] is an enum over the backends, behind the same methods, so the pages do not
//! change: the file store (the default) and the PostgreSQL store replicas share
//! (`postgres_store.rs`), which reuses [`check_change`] and the atomic write of this file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use super::change::{Action, Change};
use super::git::{self, GitOutcome};
use super::history::{FileChanges, History, HistoryError, Revision, line_diff};
use super::toml_write::{self, NotToml};
use crate::knowledge_base::{KnowledgeBase, Overlay, Problem, Severity};

/// Who saves: the account's name and roles (from the staff session).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// The account's name.
    pub name: String,
    /// Its roles (`editor`, `counsellor`, `admin`).
    pub roles: Vec<String>,
}

/// A file as read, with its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Path relative to the knowledge-base folder.
    pub file: PathBuf,
    /// Its text.
    pub text: String,
    /// Its version (see [`version_of`]).
    pub version: String,
}

/// The version of a file's content: the first 16 hex digits of its SHA-256; `absent` when the file
/// does not exist. Stable across restarts, so a form opened before one still carries a valid version.
pub fn version_of(text: Option<&str>) -> String {
    match text {
        None => "absent".to_string(),
        Some(text) => Sha256::digest(text.as_bytes())
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect(),
    }
}

/// A checker problem, placed for the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The problem as `cdm-faq check` reports it.
    pub problem: Problem,
    /// The form field it belongs to (`fr.answer`, `review.reviewed_on`...), when it is in the changed
    /// file and on a field.
    pub field: Option<String>,
}

/// A save that was refused or failed. Nothing was written, except for [`SaveError::History`] after
/// the file was written (the message says so).
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file changed since the form was opened: both versions, nothing written.
    #[error("the file was changed by someone else since you opened it")]
    Conflict {
        /// The file as it is now (`None`: removed).
        current: Option<Snapshot>,
        /// The text this save would have written.
        proposed: Option<String>,
    },
    /// The knowledge base would have errors: every problem, nothing written.
    #[error("the change has {} problem(s); nothing was saved", .problems.len())]
    Invalid {
        /// Errors first (in order of cause), then warnings.
        problems: Vec<FieldProblem>,
        /// The text this save would have written.
        proposed: Option<String>,
    },
    /// The entry or file does not exist.
    #[error("{} does not exist", .0.display())]
    NotFound(PathBuf),
    /// A new entry's file already exists.
    #[error("{} already exists", .0.display())]
    AlreadyExists(PathBuf),
    /// The bank of declined questions has no topic with this id.
    #[error("out-of-scope.toml has no topic \"{0}\"")]
    UnknownTopic(String),
    /// The file is not TOML the form can be applied to (fix it as a whole file).
    #[error("{0}")]
    NotToml(#[from] NotToml),
    /// The file could not be written; the old one is intact.
    #[error("the file could not be written (the previous version is intact): {0}")]
    Write(std::io::Error),
    /// The history could not be opened or written.
    #[error("{0}")]
    History(#[from] HistoryError),
}

/// A successful save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The file written.
    pub file: PathBuf,
    /// Its new version.
    pub version: String,
    /// The history's revision number (`None` when the change changed nothing).
    pub revision: Option<i64>,
    /// The git side.
    pub git: GitOutcome,
    /// Warnings about the file (saved anyway).
    pub warnings: Vec<Problem>,
}

/// The knowledge-base store: reads and saves, whatever the backend.
#[derive(Debug)]
pub enum KnowledgeStore {
    /// The folder of TOML files, with the history in SQLite (the default).
    Files(FileStore),
    /// The knowledge base in the PostgreSQL database replicas share, with this replica's copy.
    Postgres(super::postgres_store::PostgresStore),
}

impl KnowledgeStore {
    /// The file store over `kb`, with its history at `history`.
    pub fn files(kb: &Path, history: &Path) -> KnowledgeStore {
        KnowledgeStore::Files(FileStore::new(kb, history))
    }

    /// A file with its version (`None` when it does not exist).
    pub fn read(&self, file: &Path) -> std::io::Result<Option<Snapshot>> {
        match self {
            KnowledgeStore::Files(store) => store.read(file),
            KnowledgeStore::Postgres(store) => store.read(file),
        }
    }

    /// Applies `change` for `author` when the file is still at `expected_version`; see the module.
    pub fn save(
        &self,
        change: &Change,
        author: &Author,
        expected_version: &str,
    ) -> Result<Saved, SaveError> {
        match self {
            KnowledgeStore::Files(store) => store.save(change, author, expected_version),
            KnowledgeStore::Postgres(store) => store.save(change, author, expected_version),
        }
    }

    /// Saves of one file (or of all), newest first.
    pub fn history(
        &self,
        file: Option<&Path>,
        limit: usize,
    ) -> Result<Vec<Revision>, HistoryError> {
        match self {
            KnowledgeStore::Files(store) => store.with_history(|h| h.list(file, limit)),
            KnowledgeStore::Postgres(store) => store.history(file, limit),
        }
    }

    /// One saved revision.
    pub fn revision(&self, id: i64) -> Result<Option<Revision>, HistoryError> {
        match self {
            KnowledgeStore::Files(store) => store.with_history(|h| h.get(id)),
            KnowledgeStore::Postgres(store) => store.revision(id),
        }
    }

    /// Per file: last content change and last sign-off (RFC 3339), from the history.
    pub fn last_changes(&self) -> Result<Vec<FileChanges>, HistoryError> {
        match self {
            KnowledgeStore::Files(store) => store.with_history(History::last_changes),
            KnowledgeStore::Postgres(store) => store.last_changes(),
        }
    }
}

/// The folder store.
pub struct FileStore {
    dir: PathBuf,
    history_path: PathBuf,
    history: Mutex<Option<History>>,
    /// One save at a time: the check, the write and the history go together.
    saving: Mutex<()>,
    /// Tests: fail after writing the temporary file, before the rename (a simulated crash).
    #[cfg(test)]
    fail_before_rename: bool,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileStore")
            .field("dir", &self.dir)
            .field("history", &self.history_path)
            .finish()
    }
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

impl FileStore {
    /// The store over the folder `dir`; the history database at `history` is opened at first use.
    pub fn new(dir: &Path, history: &Path) -> FileStore {
        FileStore {
            dir: dir.to_path_buf(),
            history_path: history.to_path_buf(),
            history: Mutex::new(None),
            saving: Mutex::new(()),
            #[cfg(test)]
            fail_before_rename: false,
        }
    }

    fn with_history<T>(
        &self,
        f: impl FnOnce(&History) -> Result<T, HistoryError>,
    ) -> Result<T, HistoryError> {
        let mut guard = self.history.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some(History::open(&self.history_path)?);
        }
        f(guard.as_ref().expect("opened just above"))
    }

    fn read_text(&self, file: &Path) -> std::io::Result<Option<String>> {
        match std::fs::read_to_string(self.dir.join(file)) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn read(&self, file: &Path) -> std::io::Result<Option<Snapshot>> {
        Ok(self.read_text(file)?.map(|text| Snapshot {
            file: file.to_path_buf(),
            version: version_of(Some(&text)),
            text,
        }))
    }
}

/// The text `change` turns `current` into (`None`: the file is removed).
pub(super) fn proposed_text(
    change: &Change,
    file: &Path,
    current: Option<&str>,
) -> Result<Option<String>, SaveError> {
    let existing = || current.ok_or_else(|| SaveError::NotFound(file.to_path_buf()));
    Ok(match change {
        Change::UpdateEntry { draft, .. } => Some(toml_write::apply_draft(existing()?, draft)?),
        Change::CreateEntry { draft, .. } => {
            if current.is_some() {
                return Err(SaveError::AlreadyExists(file.to_path_buf()));
            }
            Some(toml_write::new_entry_text(draft))
        }
        Change::RetireEntry { .. } => {
            existing()?;
            None
        }
        Change::SignOff { on, .. } => Some(toml_write::sign_off(existing()?, *on)?),
        Change::AddDeclinedQuestion {
            topic,
            language,
            question,
        } => Some(
            toml_write::add_declined_question(existing()?, topic, *language, question).map_err(
                |e| match e {
                    toml_write::BankEditError::NotToml(e) => SaveError::from(e),
                    toml_write::BankEditError::UnknownTopic(t) => SaveError::UnknownTopic(t),
                },
            )?,
        ),
        Change::ReplaceFile { text, .. } => text.as_ref().map(|t| t.replace("\r\n", "\n")),
    })
}

/// A change applied and checked, before anything is written.
pub(super) enum Checked {
    /// The change changes nothing.
    Unchanged(Saved),
    /// The new text passes the checker.
    Ready(Ready),
}

/// A change whose new text passes the checker.
pub(super) struct Ready {
    /// The file.
    pub(super) file: PathBuf,
    /// Its text now (`None`: it does not exist).
    pub(super) current: Option<String>,
    /// Its text after the change (`None`: removed).
    pub(super) proposed: Option<String>,
    /// The checker's warnings about the file.
    pub(super) warnings: Vec<Problem>,
}

/// The part of a save every backend shares: applies `change` to `current` (the file's text as the
/// knowledge base in `dir` has it), refuses a stale `expected_version` as a conflict, and runs the
/// checker over the whole knowledge base with the change in it, refusing any error with every problem.
pub(super) fn check_change(
    dir: &Path,
    change: &Change,
    current: Option<String>,
    expected_version: &str,
) -> Result<Checked, SaveError> {
    let file = change.file();
    let proposed = proposed_text(change, &file, current.as_deref())?;
    if version_of(current.as_deref()) != expected_version {
        let current = current.map(|text| Snapshot {
            file: file.clone(),
            version: version_of(Some(&text)),
            text,
        });
        return Err(SaveError::Conflict { current, proposed });
    }
    if proposed == current {
        return Ok(Checked::Unchanged(Saved {
            version: version_of(current.as_deref()),
            file,
            revision: None,
            git: GitOutcome::NotARepository,
            warnings: Vec::new(),
        }));
    }
    let mut overlay = Overlay::new();
    overlay.insert(file.clone(), proposed.clone());
    let today = time::OffsetDateTime::now_utc().date();
    let report = KnowledgeBase::check_with(dir, &overlay, today);
    if report.has_errors() {
        let problems = place_problems(report.problems, &file, proposed.as_deref());
        return Err(SaveError::Invalid { problems, proposed });
    }
    let warnings = report
        .problems
        .into_iter()
        .filter(|p| p.file == file && p.severity == Severity::Warning)
        .collect();
    Ok(Checked::Ready(Ready {
        file,
        current,
        proposed,
        warnings,
    }))
}

/// The history's record of a save (its id is given by the history).
pub(super) fn revision_of(
    change: &Change,
    author: &Author,
    file: &Path,
    current: Option<String>,
    proposed: Option<String>,
) -> Revision {
    Revision {
        id: 0,
        at: now(),
        author: author.name.clone(),
        roles: author.roles.clone(),
        file: file.to_path_buf(),
        action: change.action(),
        diff: line_diff(file, current.as_deref(), proposed.as_deref()),
        before: current,
        after: proposed,
        git: String::new(),
    }
}

impl FileStore {
    fn save(
        &self,
        change: &Change,
        author: &Author,
        expected_version: &str,
    ) -> Result<Saved, SaveError> {
        let _one_at_a_time = self.saving.lock().unwrap_or_else(|e| e.into_inner());
        let file = change.file();
        let current = self.read_text(&file).map_err(SaveError::Write)?;
        let Ready {
            file,
            current,
            proposed,
            warnings,
        } = match check_change(&self.dir, change, current, expected_version)? {
            Checked::Unchanged(saved) => return Ok(saved),
            Checked::Ready(ready) => ready,
        };
        // The history must be writable before anything is written: a save is never anonymous.
        self.with_history(|_| Ok(()))?;
        self.write(&file, proposed.as_deref())
            .map_err(SaveError::Write)?;
        let action = change.action();
        let revision = revision_of(change, author, &file, current, proposed.clone());
        let id = self.with_history(|h| h.record(&revision))?;
        let message = format!(
            "{} {} (cdm-faq editor, {})",
            action_verb(action),
            file.display(),
            author.roles.join(", ")
        );
        let git = git::commit(&self.dir, &file, &author.name, &message);
        let git_note = match &git {
            GitOutcome::NotARepository => String::new(),
            GitOutcome::Committed(hash) => hash.clone(),
            GitOutcome::Failed(e) => format!("git failed: {e}"),
        };
        if !git_note.is_empty()
            && let Err(e) = self.with_history(|h| h.set_git(id, &git_note))
        {
            tracing::warn!(error = %e, "cannot record the git outcome in the history");
        }
        tracing::info!(file = %file.display(), action = action.as_str(), revision = id, "knowledge base saved");
        Ok(Saved {
            version: version_of(proposed.as_deref()),
            file,
            revision: Some(id),
            git,
            warnings,
        })
    }

    fn write(&self, file: &Path, text: Option<&str>) -> std::io::Result<()> {
        #[cfg(test)]
        let crash = self.fail_before_rename;
        #[cfg(not(test))]
        let crash = false;
        write_atomically(&self.dir, file, text, crash)
    }
}

/// Writes (or removes) one file of the folder `dir` atomically: a temporary file in the same folder,
/// flushed to disk, renamed over the old one, then the folder flushed, so that a crash leaves either
/// the old file or the new one, never a mix. The temporary name (`.name.toml.<random>.tmp`) is one the
/// loader and the watcher ignore. `crash_before_rename` simulates a crash (tests).
pub(super) fn write_atomically(
    dir: &Path,
    file: &Path,
    text: Option<&str>,
    crash_before_rename: bool,
) -> std::io::Result<()> {
    let path = dir.join(file);
    let folder = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir.to_path_buf());
    let Some(text) = text else {
        std::fs::remove_file(&path)?;
        return sync_folder(&folder);
    };
    std::fs::create_dir_all(&folder)?;
    let mut random = [0u8; 8];
    getrandom::fill(&mut random).map_err(|e| std::io::Error::other(e.to_string()))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let suffix: String = random.iter().map(|b| format!("{b:02x}")).collect();
    let temporary = folder.join(format!(".{name}.{suffix}.tmp"));
    let result = (|| {
        let mut out = std::fs::File::create_new(&temporary)?;
        out.write_all(text.as_bytes())?;
        out.sync_all()?;
        drop(out);
        if crash_before_rename {
            return Err(std::io::Error::other("simulated crash before the rename"));
        }
        std::fs::rename(&temporary, &path)?;
        sync_folder(&folder)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

fn sync_folder(folder: &Path) -> std::io::Result<()> {
    // Directories can be opened and fsynced on Unix; elsewhere the rename is what we can do.
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

fn action_verb(action: Action) -> &'static str {
    match action {
        Action::Create => "Create",
        Action::Edit => "Edit",
        Action::Retire => "Retire",
        Action::SignOff => "Sign off",
        Action::Restore => "Restore",
    }
}

/// Errors first, in the checker's order (which puts each file's syntax error first and marks its
/// consequences), then warnings; problems of the changed file get their form field.
fn place_problems(
    problems: Vec<Problem>,
    file: &Path,
    proposed: Option<&str>,
) -> Vec<FieldProblem> {
    let mut placed: Vec<FieldProblem> = problems
        .into_iter()
        .map(|problem| {
            let field = match (problem.file == file, problem.line, proposed) {
                (true, Some(line), Some(text)) => toml_write::field_at_line(text, line),
                _ => None,
            };
            FieldProblem { problem, field }
        })
        .collect();
    placed.sort_by_key(|p| p.problem.severity);
    placed
}

#[cfg(test)]
mod tests {
    //! Properties: an invalid change writes nothing (the folder byte for byte) and names its fields; a
    //! stale version is a conflict with both texts; a valid save writes, records the author and the
    //! diff, and loads; retire and restore round-trip; a crash between the write and the rename leaves
    //! the old file intact and the folder loadable.
    use super::*;
    use crate::editing::toml_write::read_draft;
    use crate::text_analysis::Language;

    const ID: &str = "work/register-as-job-seeker";

    fn fixture() -> (tempfile::TempDir, PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let kb = root.path().join("kb");
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/knowledge-base"),
            &kb,
        );
        (root, kb)
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

    /// Every file of a folder with its bytes.
    fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for item in std::fs::read_dir(&d).unwrap() {
                let path = item.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    out.push((path.clone(), std::fs::read(&path).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    fn marie() -> Author {
        Author {
            name: "Marie Dupont".into(),
            roles: vec!["editor".into()],
        }
    }

    fn store(root: &Path, kb: &Path) -> FileStore {
        FileStore::new(kb, &root.join("data").join("history.sqlite"))
    }

    fn open(store: &FileStore) -> (Snapshot, crate::editing::EntryDraft) {
        let snapshot = store
            .read(Path::new(&format!("{ID}.toml")))
            .unwrap()
            .unwrap();
        let draft = read_draft(&snapshot.text).unwrap();
        (snapshot, draft)
    }

    #[test]
    fn an_invalid_change_writes_nothing_and_names_its_fields() {
        let (root, kb) = fixture();
        let store = store(root.path(), &kb);
        let before = snapshot(&kb);
        let (snap, mut draft) = open(&store);
        draft.text_mut(Language::Fr).answer = String::new();
        draft.partners = vec!["no-such-partner".into()];
        draft.reviewed_on = "yesterday".into();
        let change = Change::UpdateEntry {
            id: ID.into(),
            draft,
        };
        let Err(SaveError::Invalid { problems, proposed }) =
            store.save(&change, &marie(), &snap.version)
        else {
            panic!("refused as invalid");
        };
        assert!(proposed.is_some());
        let fields: Vec<_> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
        assert!(fields.contains(&"fr.answer"), "{problems:#?}");
        assert!(fields.contains(&"partners"), "{problems:#?}");
        assert!(fields.contains(&"review.reviewed_on"), "{problems:#?}");
        assert_eq!(snapshot(&kb), before);
        assert!(
            !root.path().join("data").exists(),
            "nothing recorded either"
        );
    }

    #[test]
    fn a_stale_version_is_a_conflict_with_both_texts() {
        let (root, kb) = fixture();
        let store = store(root.path(), &kb);
        let (snap, mut draft) = open(&store);
        let path = kb.join(format!("{ID}.toml"));
        let theirs = snap.text.replace("Actiris", "Actiris (edited by hand)");
        std::fs::write(&path, &theirs).unwrap();
        draft.text_mut(Language::En).answer.push_str(" Mine.");
        let change = Change::UpdateEntry {
            id: ID.into(),
            draft,
        };
        let Err(SaveError::Conflict { current, proposed }) =
            store.save(&change, &marie(), &snap.version)
        else {
            panic!("refused as a conflict");
        };
        assert_eq!(current.unwrap().text, theirs);
        assert!(proposed.unwrap().contains("Mine."));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    }

    #[test]
    fn a_valid_save_writes_records_and_loads() {
        let (root, kb) = fixture();
        let store = store(root.path(), &kb);
        let (snap, mut draft) = open(&store);
        draft.text_mut(Language::En).answer = "A **new** answer for job seekers.".into();
        draft
            .text_mut(Language::Fr)
            .phrasings
            .push("où m'inscrire comme chômeur".into());
        let change = Change::UpdateEntry {
            id: ID.into(),
            draft,
        };
        let saved = store.save(&change, &marie(), &snap.version).unwrap();
        assert_ne!(saved.version, snap.version);
        assert_eq!(saved.git, GitOutcome::NotARepository);
        let text = std::fs::read_to_string(kb.join(format!("{ID}.toml"))).unwrap();
        assert_eq!(version_of(Some(&text)), saved.version);
        let kb_loaded = KnowledgeBase::load(&kb).unwrap();
        let entry = kb_loaded.entry(ID).unwrap();
        assert_eq!(
            &*entry.text(Language::En).answer,
            "A **new** answer for job seekers."
        );
        assert!(
            entry
                .text(Language::Fr)
                .phrasings
                .iter()
                .any(|p| p == "où m'inscrire comme chômeur")
        );
        let history = store.with_history(|h| h.list(None, 10)).unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].author, "Marie Dupont");
        assert_eq!(history[0].roles, ["editor"]);
        assert!(
            history[0].diff.contains("+A **new** answer"),
            "{}",
            history[0].diff
        );
        assert_eq!(history[0].before.as_deref(), Some(snap.text.as_str()));
        // Saving the same again changes nothing and records nothing.
        let (snap2, draft2) = open(&store);
        let again = store
            .save(
                &Change::UpdateEntry {
                    id: ID.into(),
                    draft: draft2,
                },
                &marie(),
                &snap2.version,
            )
            .unwrap();
        assert_eq!(again.revision, None);
    }

    #[test]
    fn retire_then_restore() {
        let (root, kb) = fixture();
        let store = store(root.path(), &kb);
        // An entry nothing else refers to.
        let loaded = KnowledgeBase::load(&kb).unwrap();
        let lonely = loaded
            .entries()
            .iter()
            .find(|e| !loaded.entries().iter().any(|o| o.related.contains(&e.id)))
            .expect("an entry without references")
            .id
            .clone();
        let file = PathBuf::from(format!("{lonely}.toml"));
        let snap = store.read(&file).unwrap().unwrap();
        store
            .save(
                &Change::RetireEntry { id: lonely.clone() },
                &marie(),
                &snap.version,
            )
            .unwrap();
        assert!(!kb.join(&file).exists());
        assert!(KnowledgeBase::load(&kb).unwrap().entry(&lonely).is_none());
        let retired = store
            .with_history(|h| h.list(Some(&file), 1))
            .unwrap()
            .remove(0);
        assert_eq!(retired.action, Action::Retire);
        let restore = Change::ReplaceFile {
            file: file.clone(),
            text: retired.before.clone(),
            action: Action::Restore,
        };
        store.save(&restore, &marie(), "absent").unwrap();
        assert_eq!(std::fs::read_to_string(kb.join(&file)).unwrap(), snap.text);
        assert!(KnowledgeBase::load(&kb).unwrap().entry(&lonely).is_some());
    }

    #[test]
    fn retiring_a_referenced_entry_is_refused() {
        let (root, kb) = fixture();
        let store = store(root.path(), &kb);
        let loaded = KnowledgeBase::load(&kb).unwrap();
        let referenced = loaded
            .entries()
            .iter()
            .find_map(|e| e.related.first())
            .expect("a related entry")
            .clone();
        let snap = store
            .read(Path::new(&format!("{referenced}.toml")))
            .unwrap()
            .unwrap();
        let result = store.save(
            &Change::RetireEntry {
                id: referenced.clone(),
            },
            &marie(),
            &snap.version,
        );
        assert!(
            matches!(result, Err(SaveError::Invalid { .. })),
            "{result:?}"
        );
        assert!(kb.join(format!("{referenced}.toml")).exists());
    }

    #[test]
    fn a_crash_before_the_rename_leaves_the_old_file() {
        let (root, kb) = fixture();
        let mut store = store(root.path(), &kb);
        store.fail_before_rename = true;
        let before = snapshot(&kb);
        let (snap, mut draft) = open(&store);
        draft.text_mut(Language::En).answer = "Half-written answer.".into();
        let result = store.save(
            &Change::UpdateEntry {
                id: ID.into(),
                draft,
            },
            &marie(),
            &snap.version,
        );
        assert!(matches!(result, Err(SaveError::Write(_))), "{result:?}");
        assert_eq!(snapshot(&kb), before, "old file intact, no temporary left");
        KnowledgeBase::load(&kb).expect("still loads");
        assert!(store.with_history(|h| h.list(None, 10)).unwrap().is_empty());
    }

    #[test]
    fn sign_off_sets_the_review() {
        let (root, kb) = fixture();
        let store = store(root.path(), &kb);
        let (snap, _) = open(&store);
        let on = time::OffsetDateTime::now_utc().date();
        store
            .save(
                &Change::SignOff { id: ID.into(), on },
                &marie(),
                &snap.version,
            )
            .unwrap();
        let loaded = KnowledgeBase::load(&kb).unwrap();
        let entry = loaded.entry(ID).unwrap();
        assert_eq!(entry.review.reviewed_on, on);
        assert_eq!(entry.review.reviewed_by, "counsellor");
    }

    #[test]
    fn versions_are_content_hashes() {
        assert_eq!(version_of(Some("a")), version_of(Some("a")));
        assert_ne!(version_of(Some("a")), version_of(Some("b")));
        assert_eq!(version_of(None), "absent");
        assert_eq!(version_of(Some("a")).len(), 16);
    }
}
