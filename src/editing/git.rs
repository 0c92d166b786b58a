//! When the knowledge-base folder is inside a git work tree, every save is also a commit authored by
//! the account's name. We run the `git` program (std::process) rather than link gix or git2: no C
//! library or large dependency to build, the operator's own git (hooks, signing settings, safe
//! directories) behaves as on the command line, and the identity is set explicitly on every call
//! (`-c user.name=... -c user.email=...` and `--author`), never taken from a global configuration.
//! A git failure is logged and reported with the save; it never undoes or loses the save.

use std::path::Path;
use std::process::{Command, Stdio};

/// What happened on the git side of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitOutcome {
    /// The folder is not in a git work tree (or git is not installed): nothing to do.
    NotARepository,
    /// Committed; the commit's hash.
    Committed(String),
    /// git failed; the save itself is done. The message is git's (for the log and the page).
    Failed(String),
}

/// The e-mail recorded for an account name: names are not e-mail addresses, and commits need one.
fn email_of(name: &str) -> String {
    let local: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{local}@cdm-faq.invalid")
}

fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .stdin(Stdio::null())
        .env("GIT_TERMINAL_PROMPT", "0")
        // No editor, no pager, ever.
        .env("GIT_EDITOR", "true")
        .env("GIT_PAGER", "cat");
    command
}

fn run(command: &mut Command) -> Result<String, String> {
    match command.output() {
        Ok(out) if out.status.success() => {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        }
        Ok(out) => Err(String::from_utf8_lossy(&out.stderr).trim().to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// True when `dir` is inside a git work tree.
pub fn is_work_tree(dir: &Path) -> bool {
    run(git(dir).args(["rev-parse", "--is-inside-work-tree"])).is_ok_and(|out| out == "true")
}

/// Commits the one file `relative` (relative to `dir`, created, changed or removed) with `message`,
/// authored and committed by `author`. Only that path is committed, whatever else is staged.
pub fn commit(dir: &Path, relative: &Path, author: &str, message: &str) -> GitOutcome {
    if !is_work_tree(dir) {
        return GitOutcome::NotARepository;
    }
    let email = email_of(author);
    let identity = |command: &mut Command| {
        command
            .arg("-c")
            .arg(format!("user.name={author}"))
            .arg("-c")
            .arg(format!("user.email={email}"));
    };
    let mut add = git(dir);
    identity(&mut add);
    add.args(["add", "-A", "--"]).arg(relative);
    if let Err(e) = run(&mut add) {
        return failed(e);
    }
    let mut commit = git(dir);
    identity(&mut commit);
    commit
        .args(["commit", "--quiet", "--no-verify", "-m", message])
        .arg(format!("--author={author} <{email}>"))
        .arg("--")
        .arg(relative);
    if let Err(e) = run(&mut commit) {
        return failed(e);
    }
    match run(git(dir).args(["rev-parse", "HEAD"])) {
        Ok(hash) => GitOutcome::Committed(hash),
        Err(e) => failed(e),
    }
}

fn failed(message: String) -> GitOutcome {
    tracing::warn!(error = %message, "the save is done, but its git commit failed");
    GitOutcome::Failed(message)
}

#[cfg(test)]
mod tests {
    //! Properties: outside a work tree nothing happens; inside one, the commit holds only the file and
    //! carries the account's name as author and committer.
    use super::*;

    #[test]
    fn emails_are_derived_from_names() {
        assert_eq!(email_of("Marie Dupont"), "marie-dupont@cdm-faq.invalid");
    }

    #[test]
    fn outside_a_work_tree_nothing_is_committed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), "x = 1\n").unwrap();
        assert_eq!(
            commit(dir.path(), Path::new("a.toml"), "Marie", "edit"),
            GitOutcome::NotARepository
        );
    }

    #[test]
    fn a_commit_has_the_accounts_name_and_only_its_file() {
        if run(Command::new("git").arg("--version")).is_err() {
            eprintln!("git is not installed: skipped");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        run(git(dir.path()).args(["init", "--quiet"])).unwrap();
        std::fs::write(dir.path().join("a.toml"), "x = 1\n").unwrap();
        std::fs::write(dir.path().join("other.toml"), "y = 1\n").unwrap();
        let outcome = commit(dir.path(), Path::new("a.toml"), "Marie Dupont", "edit a");
        assert!(matches!(outcome, GitOutcome::Committed(_)), "{outcome:?}");
        let log = run(git(dir.path()).args(["log", "-1", "--format=%an <%ae>|%cn|%s"])).unwrap();
        assert_eq!(
            log,
            "Marie Dupont <marie-dupont@cdm-faq.invalid>|Marie Dupont|edit a"
        );
        let files =
            run(git(dir.path()).args(["show", "--name-only", "--format=", "HEAD"])).unwrap();
        assert_eq!(files, "a.toml");
    }
}
